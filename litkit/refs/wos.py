"""Web of Science cited references (the ``CR`` field).

Web of Science writes a cited reference as one comma-separated line::

    Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0

-- first author, year, cited source (the 20- or 29-character abbreviation that
CiteSpace calls the *cited journal*), volume ``V…``, first page ``P…`` and DOI.
Any part may be missing; the author may be ``[Anonymous]`` or a group author
marked with ``*`` (``*IPCC``); the DOI may be a bracketed list
(``DOI [10.1/a, DOI 10.1/b]``).

Examples
--------
>>> ref = parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0")
>>> ref["author"], ref["year"], ref["source"], ref["volume"], ref["page"], ref["doi"]
('Costanza R', 1997, 'NATURE', '387', '253', '10.1038/387253a0')
"""

from __future__ import annotations

import re

from ..io.base import clean_doi
from ._fields import empty_reference
from .ids import parse_id_reference

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)[a-z]?$")
_DOI = re.compile(r"^10\.\d{3,9}/\S+$")
_VOLUME = re.compile(r"^V[^\s]*\d[^\s]*$")
_PAGE = re.compile(r"^[Pp][^\s]*[0-9IVXivx][^\s]*$")
# The source is greedy: it holds no comma and everything after it starts with ", ", so its end is the
# next comma (or the end) either way, and a greedy group finds it without retrying at every character.
_FAST = re.compile(
    r"^(?P<author>[^,\[\]]+), (?P<year>(?:1[5-9]|20)\d\d), (?P<source>[^,\[\]]+)"
    r"(?:, V(?P<volume>[^,\s]+))?(?:, [Pp](?P<page>[^,\s]+))?"
    r"(?:, DOI (?P<doi>10\.[^,\s\[\]]+))?$"
)
_ANONYMOUS = {"[ANONYMOUS]", "ANONYMOUS", "ANON", "[NO TITLE CAPTURED]"}


def parse_wos_reference(raw: str) -> dict:
    """Parse one Web of Science cited-reference string.

    Parameters
    ----------
    raw : str
        One ``CR`` item as exported.

    Returns
    -------
    dict
        ``raw``, ``author`` (as written, ``None`` for ``[Anonymous]``), ``year``
        (int or None), ``source`` (cited source as written), ``volume`` and
        ``page`` (without the ``V``/``P`` prefix), ``doi`` (the first well-formed
        DOI, lower-cased).  Parts that are absent are ``None``.

    Examples
    --------
    >>> r = parse_wos_reference("Ceh M, 2018, ISPRS INT J GEO-INF, V7, DOI [10.3390/ijgi705168, 10.3390/ijgi7050168]")
    >>> r["volume"], r["page"], r["doi"]
    ('7', None, '10.3390/ijgi705168')
    >>> r = parse_wos_reference("[Anonymous], 2005, ECOSYSTEMS HUMAN WEL")
    >>> r["author"], r["year"], r["source"]
    (None, 2005, 'ECOSYSTEMS HUMAN WEL')
    >>> parse_wos_reference("GUO LJ, 2007, Patent No. 2007100176827")["source"]
    'Patent No. 2007100176827'
    """
    raw = raw if isinstance(raw, str) else ""
    text = raw.strip()
    m = _FAST.match(text)
    if m is not None and m["author"].upper() not in _ANONYMOUS:
        doi = m["doi"]
        return {
            "raw": raw,
            "author": m["author"].strip(),
            "year": int(m["year"]),
            "source": m["source"].strip(),
            "volume": m["volume"],
            "page": m["page"],
            # clean_doi(doi), which for what _FAST matches ("10." and no space) is just this
            "doi": doi.rstrip(".").lower() if doi else None,
        }
    if text[:4] in ("Lens", "Open") and (by_id := parse_id_reference(text)) is not None:
        return {**by_id, "raw": raw}  # a Lens / OpenAlex ID: no author, year or source (litkit.refs.ids)
    out = empty_reference(raw)
    if not text:
        return out
    # The DOI part is always last and may itself contain ", " inside brackets.
    cut = text.find(", DOI ")
    if cut < 0 and text.startswith("DOI "):
        cut = -2
    if cut != -1:
        out["doi"] = _first_doi(text[cut + 6 :])
        text = text[:cut] if cut >= 0 else ""
    parts = [p.strip() for p in _split_parts(text)] if text else []
    i = 0
    if parts and not _YEAR.match(parts[0]):
        first = parts[0]
        if len(parts) == 1 and not first.startswith("*"):
            # A lone item ("CLIMATE CHANGE 2007", "[No title captured]") names a work, not a person.
            out["source"] = None if first.upper() in _ANONYMOUS else first
            return out
        out["author"] = None if first.upper() in _ANONYMOUS else first
        i = 1
    if i < len(parts) and _YEAR.match(parts[i]):
        out["year"] = int(parts[i][:4])
        i += 1
    for part in parts[i:]:
        if not part:
            continue
        if part.startswith("Patent No."):  # "Patent, Patent No. [x, y]": the number names the work
            out["source"] = part
            continue
        if out["volume"] is None and _VOLUME.match(part) and out["source"] is not None:
            out["volume"] = part[1:]
        elif out["page"] is None and _PAGE.match(part) and out["source"] is not None:
            out["page"] = part[1:]
        elif out["source"] is None:
            out["source"] = None if part.upper() in _ANONYMOUS else part
    return out


def _split_parts(text: str) -> list[str]:
    """Split on ", " except inside square brackets (``[Anonymous]``, ``Patent No. [a, b]``)."""
    if "[" not in text:
        return text.split(", ")
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0 and text.startswith(", ", i):
            parts.append(text[start:i])
            start = i + 2
    parts.append(text[start:])
    return parts


def _first_doi(text: str) -> str | None:
    """The first well-formed DOI in WoS's DOI part: ``10.x/y``, ``DOI 10.x/y``, ``[a, DOI b]``."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        candidates = text[1:-1].split(",")
    else:
        candidates = [text]
    for cand in candidates:
        cand = cand.strip()
        while cand.upper().startswith("DOI "):
            cand = cand[4:].strip()
        doi = clean_doi(cand)
        if doi and _DOI.match(doi):
            return doi
    return None


__all__ = ["parse_wos_reference"]
