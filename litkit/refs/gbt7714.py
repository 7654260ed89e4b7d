"""Cited references in the Chinese national standard GB/T 7714 (CNKI) and in CSSCI's own style.

GB/T 7714: ``[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.``: number,
authors, title, document type in brackets, source, year, volume (issue), pages
(:func:`parse_gbt7714_reference`).

CSSCI (:func:`parse_cssci_reference`) writes its cited references without type marks, fields
separated by full stops, the first author only: ``1.付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)``
(journal: author.title.journal.year.volume(issue)), ``吴文晓.题名:学位论文.绵阳:西南科技大学,2017``
(thesis), ``张国权.应用概率统计.北京:科技出版社`` (book), ``张昭阳.题名.吉林日报.4.19(005)``
(newspaper: month.day(page), no year), ``Zhang,W..Title.Research Policy.2016.45(3)`` (a Latin-script
reference: the initials' own dot, then the separator) and ``5..题名.情报杂志.2018.37(12)`` (an empty
author slot).  Newer exports add pages, GB/T-like: ``作者.题名.期刊.2019,38(4):132-137``.

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
    >>> parse_gbt7714_reference("[4]张三.生态补偿[J].资源科学,2015,37(9).")["issue"]
    '9'
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
            if vi.group(3) and vi.group(3).strip():
                out["issue"] = vi.group(3).strip()
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


_CSSCI_NUMBER = re.compile(r"^\s*(?:\d{1,4}\s*[.．、](?=.)|[\[［]\s*\d+\s*[\]］]\s*)")
_YEAR = r"(?:1[5-9]|20)\d\d"
# ".journal.2015.29(2)", ".journal.2015.(1)", ".journal.2019,38(4):132-137", ".journal.1948." at the end
_CSSCI_JOURNAL = re.compile(
    r"[.．](?P<source>[^.．]+?)[.．]\s*(?P<year>" + _YEAR + r")\s*(?:[.．,，]\s*(?P<volume>[^.．,，(（:：]*?)\s*"
    r"(?:[(（]\s*(?P<issue>[^)）]*?)\s*[)）])?\s*(?:[:：]\s*(?P<pages>[^.．]*?))?)?\s*[.．]?\s*$"
)
# ".计算机仿真.32(1)": a journal without its year
_CSSCI_JOURNAL_NO_YEAR = re.compile(
    r"[.．](?P<source>[^.．]+?)[.．]\s*(?P<volume>\d+)\s*[(（]\s*(?P<issue>[^)）]*?)\s*[)）]\s*$"
)
# ".人民日报.8.21(2)": a newspaper, month.day(page)
_CSSCI_NEWSPAPER = re.compile(
    r"[.．](?P<source>[^.．]+?)[.．]\s*(?:1[0-2]|0?[1-9])[.．](?:3[01]|[12]\d|0?[1-9])\s*"
    r"[(（]\s*(?P<page>[^)）]*?)\s*[)）]\s*$"
)
# ":学位论文.绵阳:西南科技大学,2017[:23-45]", ":硕士学位论文.广州:中山大学,2010", ":学位论文:江西财经大学,2010"
_CSSCI_THESIS = re.compile(
    r"[:：]\s*(?:硕士|博士)?学位论文\s*[.．:：]\s*(?:(?P<place>[^.．:：,，]*)[:：])?\s*(?P<source>[^.．:：,，]+?)"
    r"\s*(?:[,，]\s*(?P<year>" + _YEAR + r"))?\s*(?:[:：]\s*(?P<pages>[^.．]*?))?\s*[.．]?\s*$"
)
# ".北京:科技出版社", ".New York:ACM,1999:352-356": place:publisher[,year][:pages] (books, proceedings)
_CSSCI_PUBLISHER = re.compile(
    r"[.．](?P<place>[^.．:：]{1,40})[:：]\s*(?P<source>[^.．:：]+?)\s*(?:[,，]\s*(?P<year>" + _YEAR + r"))?"
    r"\s*(?:[:：]\s*(?P<pages>[^.．]*?))?\s*[.．]?\s*$"
)
# ",2007", ",1999:352-356", ".2017" at the end: a year (and pages) with no source named
_CSSCI_TAIL_YEAR = re.compile(r"[.．,，]\s*(?P<year>" + _YEAR + r")\s*(?:[:：]\s*(?P<pages>[^.．]*?))?\s*[.．]?\s*$")
# "Zhang,W..Title", "Teece,D.J..Title", "Stoner,J.A.F..Title": a Latin author whose initials end in a dot
_CSSCI_DOTTED_AUTHOR = re.compile(
    r"^(?P<author>[^.．,，\u3400-\u9fff]{1,60},\s*[A-Za-z][A-Za-z .\-']{0,15}?)[.．][.．](?=\S)"
)
_CSSCI_PATENT = re.compile(r"[:：]\s*(?:中国|[A-Z]{2})\s*[，,]\s*[A-Z]{0,2}\d{6,}[\d. ]*[A-Z]?\d?\s*$")
_FIRST_PAGE = re.compile(r"^\s*([A-Za-z]?\d+)")


def parse_cssci_reference(raw: str) -> dict:
    """Parse one cited reference as CSSCI exports it.

    The numbering (``1.``) is optional; a reference carrying GB/T 7714 type marks
    (``[J]``) is parsed by :func:`parse_gbt7714_reference`.  The author slot is the text
    before the first full stop (a Latin author's initials keep their dots: ``Teece,D.J..``);
    a leading full stop means an empty author slot.  The rest is read from its end:
    ``journal.year.volume(issue)[:pages]``, a newspaper's ``paper.month.day(page)``, a
    thesis's ``:学位论文.place:university,year``, a book's ``place:publisher[,year]``, or
    just a year.  The source is the journal, newspaper, university or publisher; Latin
    authors are written as Web of Science does (``Teece,D.J.`` -> ``Teece DJ``).

    Parameters
    ----------
    raw : str
        One reference line, with or without its number.

    Returns
    -------
    dict
        ``raw``, ``author``, ``year``, ``source``, ``volume``, ``page``, ``doi`` (None when absent),
        as :func:`litkit.refs.parse_wos_reference` gives them, and ``issue`` for a journal reference
        that writes one (``2015.29(2)`` -> ``"2"``): the key of a page-less one (:mod:`litkit.refs.keys`).

    Examples
    --------
    >>> r = parse_cssci_reference("3.付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)")
    >>> r["author"], r["year"], r["source"], r["volume"], r["page"]
    ('付业勤', 2015, '重庆理工大学学报(社会科学)', '29', None)
    >>> r = parse_cssci_reference("36.Teece,D.J..Explicating dynamic capabilities.Strategic Management Journal.2007.28(13)")
    >>> r["author"], r["year"], r["source"], r["volume"]
    ('Teece DJ', 2007, 'Strategic Management Journal', '28')
    >>> r = parse_cssci_reference("1.吴文晓.基于本体的突发事件网络舆情案例推理研究:学位论文.绵阳:西南科技大学,2017")
    >>> r["author"], r["year"], r["source"]
    ('吴文晓', 2017, '西南科技大学')
    >>> r = parse_cssci_reference("5..基于主题和情绪相互作用的微博舆情演化研究.情报杂志.2018.37(12)")
    >>> r["author"], r["year"], r["source"], r["volume"]
    (None, 2018, '情报杂志', '37')
    >>> parse_cssci_reference("9.张国权.应用概率统计.北京:科技出版社")["source"]
    '科技出版社'
    >>> r = parse_cssci_reference("徐蓓蓓.基于本体的突发事件舆情知识库建设研究.情报杂志.2019,38(4):132-137")
    >>> r["volume"], r["page"]
    ('38', '132')
    """
    raw = raw if isinstance(raw, str) else ""
    out = empty_reference(raw)
    text = _CSSCI_NUMBER.sub("", raw.strip(), count=1).strip()
    if not text:
        return out
    if _GB_TYPE.search(text):
        parsed = parse_gbt7714_reference(text)
        parsed["raw"] = raw
        return parsed
    if _CSSCI_PATENT.search(text):  # "title:中国，201810576221. 1": a patent, no author slot
        return out
    author, rest = _cssci_author(text)
    out["author"] = author
    m = _CSSCI_THESIS.search(rest)
    if m:
        out["source"] = m.group("source").strip() or None
        out["year"] = int(m.group("year")) if m.group("year") else None
        out["page"] = _first_page(m.group("pages"))
        return out
    m = _after_title(_CSSCI_NEWSPAPER, rest)
    if m:
        out["source"] = m.group("source").strip() or None
        out["page"] = _first_page(m.group("page"))
        return out
    m = _after_title(_CSSCI_JOURNAL, rest)
    if m:
        out["source"] = m.group("source").strip() or None
        out["year"] = int(m.group("year"))
        out["volume"] = (m.group("volume") or "").strip() or None
        out["page"] = _first_page(m.group("pages"))
        if m.group("issue"):
            out["issue"] = m.group("issue")
        return out
    m = _after_title(_CSSCI_JOURNAL_NO_YEAR, rest)
    if m:
        out["source"] = m.group("source").strip() or None
        out["volume"] = m.group("volume")
        if m.group("issue"):
            out["issue"] = m.group("issue")
        return out
    m = _after_title(_CSSCI_PUBLISHER, rest)
    if m:
        out["source"] = m.group("source").strip() or None
        out["year"] = int(m.group("year")) if m.group("year") else None
        out["page"] = _first_page(m.group("pages"))
        return out
    m = _CSSCI_TAIL_YEAR.search(rest)
    if m:
        out["year"] = int(m.group("year"))
        out["page"] = _first_page(m.group("pages"))
        return out
    segments = [s for s in re.split(r"[.．]", rest) if s.strip()]
    if len(segments) >= 2:  # "title.Publisher" with no year: the last segment names the source
        out["source"] = segments[-1].strip()
    return out


def is_cssci_reference(raw: str) -> bool:
    """True when a cited-reference string is written in CSSCI's style (as CSSCI's ``CR`` holds it).

    Used to choose the parser for a merged record's references, string by string: a CSSCI
    reference has no GB/T type mark and no Web of Science ``, year, `` pattern, and either
    ends in CSSCI's ``.year.volume(issue)``, is a CSSCI thesis, starts with an empty author
    slot (``.题名``) or a Latin ``Surname,I..`` author, or is Chinese text in full stops.

    Parameters
    ----------
    raw : str
        One cited-reference string, without its number.

    Returns
    -------
    bool
        Whether :func:`parse_cssci_reference` is the parser for it.

    Examples
    --------
    >>> is_cssci_reference("Zhang,W..Overcoming barriers.Research Policy.2016.45(3)")
    True
    >>> is_cssci_reference("付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)")
    True
    >>> is_cssci_reference("Costanza R, 1997, NATURE, V387, P253")
    False
    >>> is_cssci_reference("[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.")
    False
    """
    text = (raw or "").strip()
    if not text or _GB_TYPE.search(text):
        return False
    if re.match(r"^[^,]{1,80}, " + _YEAR + r"(?:,|$)", text):  # Web of Science
        return False
    if text.startswith((".", "．")) or _CSSCI_DOTTED_AUTHOR.match(text):
        return True
    # "Yin,R K.Case Study Research", "OECD.OECD Science": no space after the comma or the full stop
    if re.match(r"^[^,.\d\s][^,.\d]{0,39},[A-Z][A-Za-z .\-]{0,20}[.．]\S", text):
        return True
    if re.match(r"^[A-Z][A-Za-z]{1,15}[.．][A-Z“\"]", text):
        return True
    if re.search(r"[.．]\s*" + _YEAR + r"\s*[.．]\s*\d*\s*[(（][^)）]*[)）]\s*$", text):
        return True
    if re.search(r"[:：]\s*(?:硕士|博士)?学位论文[.．:：]", text):
        return True
    cjk = re.search(r"[\u3400-\u9fff]", text)
    return bool(cjk) and "." in text and ", " not in text


def _cssci_author(text: str) -> tuple[str | None, str]:
    """The author slot and the rest (which keeps its leading full stop for the tail patterns)."""
    if text[0] in ".．":
        return None, text
    m = _CSSCI_DOTTED_AUTHOR.match(text)
    if m:
        return _author_name(m.group("author")), text[m.end() - 1 :]
    m = re.search(r"[.．]", text)
    if m is None:  # one segment: a title (a law, a report) with no author
        return None, "." + text
    author = text[: m.start()].strip()
    if len(author) > 60:  # no name is that long: the slot holds a title
        return None, "." + text
    return _author_name(author), text[m.start() :]


def _author_name(author: str) -> str | None:
    """A Latin ``Surname,Initials`` as Web of Science writes it (``Teece,D.J.`` -> ``Teece DJ``)."""
    author = author.strip().strip(".．").strip()
    if not author:
        return None
    if re.search(r"[\u3400-\u9fff]", author) or "," not in author:
        return author
    surname, given = (p.strip() for p in author.split(",", 1))
    compact = given.replace(".", "").replace(" ", "").replace("-", "")
    if compact.isalpha() and compact.isupper() and len(compact) <= 4:
        return f"{surname} {compact}"
    return f"{surname}, {given}" if given else surname


def _after_title(pattern: re.Pattern, rest: str) -> re.Match | None:
    """``pattern`` matched at the end of ``rest`` after a title: a match at 0 would take the title for the source."""
    m = pattern.search(rest)
    return m if m is not None and m.start() > 0 else None


def _first_page(pages: str | None) -> str | None:
    if not pages:
        return None
    m = _FIRST_PAGE.match(pages)
    return m.group(1) if m else None


__all__ = ["parse_gbt7714_reference", "parse_cssci_reference", "is_cssci_reference"]
