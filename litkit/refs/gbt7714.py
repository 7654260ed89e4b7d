"""Cited references in the Chinese national standard GB/T 7714, as CNKI and CSSCI print them.

``[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.``: number, authors,
title, document type in brackets, source, year, volume (issue), pages.

Examples
--------
>>> parse_gbt7714_reference("[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.")["source"]
'资源科学'
"""

from __future__ import annotations

import re

from ..io.base import clean_doi
from ._fields import empty_reference

_GB_NUMBER = re.compile(r"^\s*[\[［]\s*\d+\s*[\]］]\s*")
_GB_TYPE = re.compile(r"[\[［]\s*([A-Za-z]{1,2}(?:/[A-Za-z]{2})?)\s*[\]］]")
_GB_YEAR = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)(?!\d)")
_GB_VOL_ISSUE = re.compile(
    r"(?<!\d)((?:1[5-9]|20)\d\d)\s*[,，]\s*(?:[Vv]ol\.?\s*)?([^(（,，:：\s]*)\s*"
    r"(?:[(（]\s*([^)）]*)\s*[)）])?"
)
_GB_PAGES = re.compile(r"[:：]\s*([A-Za-z]?\d+)(?:\s*[-–—~]\s*[A-Za-z]?\d+)?\s*[.．。]?\s*$")
_GB_DOI = re.compile(r"(?:DOI|doi)\s*[:：]\s*(10\.\S+?)\.?\s*$")


def parse_gbt7714_reference(raw: str) -> dict:
    """Parse one reference in GB/T 7714 style, as CNKI prints them.

    ``[n]`` numbering is optional; Chinese and Western punctuation are both
    accepted.  The cited source is the journal for ``[J]``, the publisher or
    degree-granting institution for ``[M]``/``[D]``, the newspaper for ``[N]``,
    the proceedings for ``[C]``.

    Examples
    --------
    >>> r = parse_gbt7714_reference("[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.")
    >>> r["author"], r["year"], r["source"], r["volume"], r["page"]
    ('谢高地', 2015, '资源科学', '37', '1740')
    >>> r = parse_gbt7714_reference("[2]Costanza R,d'Arge R.The value of the world's ecosystem services[J].Nature,1997,387(6630):253-260.")
    >>> r["author"], r["source"], r["volume"], r["page"]
    ('Costanza R', 'Nature', '387', '253')
    >>> parse_gbt7714_reference("[3]张三.生态补偿研究[D].北京:北京林业大学,2010.")["source"]
    '北京林业大学'
    """
    raw = raw if isinstance(raw, str) else ""
    out = empty_reference(raw)
    text = _GB_NUMBER.sub("", raw.strip())
    if not text:
        return out
    m = _GB_DOI.search(text)
    if m:
        out["doi"] = clean_doi(m.group(1))
        text = text[: m.start()].rstrip(" .,，")
    type_match = _GB_TYPE.search(text)
    if type_match is None:
        year = _GB_YEAR.search(text)
        out["year"] = int(year.group(1)) if year else None
        return out
    kind = type_match.group(1).upper().split("/")[0]
    head, tail = text[: type_match.start()], text[type_match.end() :]
    # Authors end at the first full stop that is followed by the title ("张三,李四.标题").
    author_part = ""
    for sep in (".", "．", "。"):
        pos = head.find(sep)
        while pos > 0 and re.match(r"[A-Z]\.", head[pos + 1 : pos + 3]):
            pos = head.find(sep, pos + 1)  # skip dotted initials such as "R.S." inside a Western name
        if pos > 0:
            author_part = head[:pos]
            break
    first_author = re.split(r"\s*[,，;；]\s*", author_part.strip())[0].strip() if author_part else ""
    if first_author and first_author.lower() not in ("et al", "等"):
        out["author"] = first_author
    tail = tail.lstrip(" .．。").strip()
    year = _GB_YEAR.search(tail)
    if year:
        out["year"] = int(year.group(1))
    if kind == "J":
        source = re.split(r"\s*[,，]\s*", tail, maxsplit=1)[0].strip()
        vi = _GB_VOL_ISSUE.search(tail)
        if vi:  # "2015,37(9)" -> volume 37; "2015,(9)" has an issue but no volume
            out["volume"] = vi.group(2) or None
    elif kind in ("M", "D", "C", "R", "S", "G", "A"):
        # "[Place]:Publisher,Year[:pages]" -- the publisher / institution is the source.
        before_year = tail[: year.start()] if year else tail
        before_year = before_year.rstrip(" ,，")
        source = re.split(r"[:：]", before_year, maxsplit=1)[-1].strip() if before_year else ""
    else:  # [N] newspaper, [P] patent, [EB/OL] web page ...
        source = re.split(r"\s*[,，]\s*", tail, maxsplit=1)[0].strip()
    out["source"] = source.rstrip(".．。 ") or None
    pages = _GB_PAGES.search(tail)
    if pages:
        out["page"] = pages.group(1)
    return out


__all__ = ["parse_gbt7714_reference"]
