"""Cited references: parse them, give each cited work one identity, tabulate them.

Web of Science writes a cited reference as one comma-separated line::

    Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0

-- first author, year, cited source (the 20- or 29-character abbreviation that
CiteSpace calls the *cited journal*), volume ``V…``, first page ``P…`` and DOI.
Any part may be missing; the author may be ``[Anonymous]`` or a group author
marked with ``*`` (``*IPCC``); the DOI may be a bracketed list
(``DOI [10.1/a, DOI 10.1/b]``).  CNKI prints references in the Chinese national
standard GB/T 7714 (``[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.``).

:func:`reference_key` gives the identity used to count citations of the same
work across citing records (co-citation, citation bursts)::

    doi:<doi>                                   when the reference has a DOI
    <SURNAME>|<year>|<SOURCE>|<volume>|<page>   otherwise

The second form is upper-cased with punctuation folded to single spaces,
initials dropped from the author and the ``V``/``P`` prefixes removed, so ``Costanza R, 1997, NATURE, V387, P253``
and ``COSTANZA R., 1997, Nature, V387, p253`` get the same key.
:func:`references_table` additionally gives a reference *without* a DOI the DOI
key of a reference *with* one when both have the same bibliographic key (and
that key names a source plus a volume or page, and points to only one DOI), so
that a work cited with and without its DOI is counted once.  A reference that
names neither an author, a source nor a DOI (``[No title captured]``) gets the
empty key ``""``: it identifies no work, and analyses skip it.

Examples
--------
>>> ref = parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0")
>>> ref["author"], ref["year"], ref["source"], ref["volume"], ref["page"], ref["doi"]
('Costanza R', 1997, 'NATURE', '387', '253', '10.1038/387253a0')
>>> reference_key(parse_wos_reference("COSTANZA R., 1997, Nature, V387, p253"))
'COSTANZA|1997|NATURE|387|253'
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

import numpy as np
import pandas as pd

from .io.base import clean_doi

FIELDS = ("author", "year", "source", "volume", "page", "doi")
TABLE_COLUMNS = ("record", "UT", "PY", "DB", "raw", "author", "year", "source", "volume", "page", "doi", "key")

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)[a-z]?$")
_DOI = re.compile(r"^10\.\d{3,9}/\S+$")
_VOLUME = re.compile(r"^V[^\s]*\d[^\s]*$")
_PAGE = re.compile(r"^[Pp][^\s]*[0-9IVXivx][^\s]*$")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
_NON_WORD = re.compile(r"[\W_]+")
# The usual shape, matched in one step: author, year, source[, Vvol][, Ppage][, DOI doi]
_FAST = re.compile(
    r"^(?P<author>[^,\[\]]+), (?P<year>(?:1[5-9]|20)\d\d), (?P<source>[^,\[\]]+?)"
    r"(?:, V(?P<volume>[^,\s]+))?(?:, [Pp](?P<page>[^,\s]+))?"
    r"(?:, DOI (?P<doi>10\.[^,\s\[\]]+))?$"
)
_ANONYMOUS = {"[ANONYMOUS]", "ANONYMOUS", "ANON", "[NO TITLE CAPTURED]"}


def _empty(raw: str) -> dict:
    return {"raw": raw, "author": None, "year": None, "source": None, "volume": None, "page": None, "doi": None}


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
            "doi": clean_doi(doi) if doi else None,
        }
    out = _empty(raw)
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


# ---- GB/T 7714 (CNKI) ---------------------------------------------------------------------------

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
    out = _empty(raw)
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


# ---- identity -----------------------------------------------------------------------------------


def _fold(text) -> str:
    """Upper-case, full-width forms folded (NFKC), every run of punctuation/space -> one space."""
    if not text or text != text:
        return ""
    text = str(text)
    if text.isalnum():
        return text.upper() if text.isascii() else unicodedata.normalize("NFKC", text).upper()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub(" ", text.upper()).strip()


def _surname(author) -> str:
    """The first author's surname: the name without trailing initials ("Costanza R." -> COSTANZA)."""
    if not author:
        return ""
    author = str(author).lstrip("*").strip()
    if "," in author:  # "Costanza, R" (Scopus, full-name forms)
        return _fold(author.split(",", 1)[0])
    tokens = author.split()
    while (
        len(tokens) > 1
        and _INITIALS.match(tokens[-1].replace(".", "").replace("-", "") + "")
        and len(tokens[-1].replace(".", "").replace("-", "")) <= 4
    ):
        tokens.pop()
    return _fold(" ".join(tokens))


def _page_or_volume(value) -> str:
    return _fold(value)


def _source_key(source) -> str:
    """The cited source as it enters a key: J9-style, so "Ecological Economics", "Ecol. Econ."
    and "ECOL ECON" agree (the ``source`` column keeps what the database wrote)."""
    if not source or source != source:
        return ""
    from .refs_scopus import normalize_source

    return _fold(normalize_source(str(source)) or source)


def bibliographic_key(parsed: dict) -> str:
    """``SURNAME|year|SOURCE|volume|page`` of a parsed reference (ignores the DOI)."""
    year = parsed.get("year")
    year = "" if year is None or year != year else str(int(year))
    return "|".join(
        (
            _surname(parsed.get("author")),
            year,
            _source_key(parsed.get("source")),
            _page_or_volume(parsed.get("volume")),
            _page_or_volume(parsed.get("page")),
        )
    )


def reference_key(parsed: dict) -> str:
    """Canonical identity of a cited work: ``doi:<doi>`` or ``SURNAME|year|SOURCE|volume|page``.

    Examples
    --------
    >>> reference_key(parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253A0"))
    'doi:10.1038/387253a0'
    >>> reference_key(parse_wos_reference("Costanza R, 1997, NATURE, V387, P253"))
    'COSTANZA|1997|NATURE|387|253'
    """
    doi = parsed.get("doi")
    if doi and doi == doi:
        return "doi:" + str(doi).lower()
    if not (parsed.get("author") or parsed.get("source")):
        return ""
    return bibliographic_key(parsed)


# ---- the table ----------------------------------------------------------------------------------


def _parser_for(db: str):
    """The parser for references of a record from one database (None: decide per string)."""
    from .refs_scopus import parse_scopus_reference

    dbs = [d.strip() for d in (db or "").split(";") if d.strip()]
    if len(dbs) > 1:  # a merged record holds strings written by several databases
        return None
    first = dbs[0] if dbs else ""
    if first == "CNKI":
        return parse_gbt7714_reference
    if first == "Scopus":
        return parse_scopus_reference
    return parse_wos_reference


def _parser_for_string(raw: str):
    from .refs_scopus import parse_scopus_reference, reference_style

    return {"wos": parse_wos_reference, "gbt7714": parse_gbt7714_reference, "scopus": parse_scopus_reference}[
        reference_style(raw)
    ]


def references_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (citing record, cited reference), parsed and keyed.

    Parameters
    ----------
    df : pandas.DataFrame
        A canonical corpus frame (``Corpus.df``); uses ``CR``, ``UT``, ``PY``, ``DB``.

    Returns
    -------
    pandas.DataFrame
        Columns ``record`` (row position in ``df``), ``UT``, ``PY`` (citing
        year), ``DB``, ``raw``, ``author``, ``year``, ``source``, ``volume``,
        ``page``, ``doi``, ``key``; rows in record order, then reference order.
        The parser follows the record's database: WoS strings, CNKI GB/T 7714,
        Scopus (:mod:`litkit.refs_scopus`).  Each distinct string is parsed
        once.  Keys follow :func:`reference_key`, with the DOI unification
        described in the module docstring.

    Examples
    --------
    >>> refs = references_table(corpus.df)                 # doctest: +SKIP
    >>> refs["source"].value_counts().head()               # doctest: +SKIP
    """
    if len(df) == 0 or "CR" not in df.columns:
        return _empty_table()
    cr = df["CR"].tolist()
    lengths = np.fromiter(
        (len(v) if isinstance(v, (list, tuple, np.ndarray)) else 0 for v in cr), dtype=np.int64, count=len(cr)
    )
    total = int(lengths.sum())
    if total == 0:
        return _empty_table()
    record = np.repeat(np.arange(len(df), dtype=np.int64), lengths)
    raws = np.empty(total, dtype=object)
    raws[:] = list(chain.from_iterable(v for v, n in zip(cr, lengths) if n))
    dbs_per_record = df["DB"].tolist() if "DB" in df.columns else ["WoS"] * len(df)
    parser_list: list = []
    parser_ids: dict = {}

    def parser_id(parser) -> int:
        if parser not in parser_ids:
            parser_ids[parser] = len(parser_list)
            parser_list.append(parser)
        return parser_ids[parser]

    record_parser = np.array(
        [parser_id(p) if (p := _parser_for(db)) is not None else -1 for db in dbs_per_record], dtype=np.int64
    )
    ref_parser = record_parser[record]
    for i in np.flatnonzero(ref_parser < 0):  # references of merged records: style of each string
        ref_parser[i] = parser_id(_parser_for_string(raws[i]))

    # Parse each distinct string once per parser; pandas.factorize maps strings to them in C.
    groups = []
    for pid, parser in enumerate(parser_list):
        mask = ref_parser == pid if len(parser_list) > 1 else slice(None)
        codes, uniques = pd.factorize(raws[mask])
        parsed = []
        for raw in uniques:
            p = parser(raw)
            parsed.append(
                (
                    p.get("author"),
                    p.get("year"),
                    p.get("source"),
                    p.get("volume"),
                    p.get("page"),
                    p.get("doi"),
                    bibliographic_key(p),
                )
            )
        groups.append((mask, codes, parsed))

    # A bibliographic key seen with exactly one DOI lends that DOI's key to its DOI-less citations.
    doi_of_bib: dict[str, str | None] = {}
    for _, _, parsed in groups:
        for _author, _year, source, volume, page, doi, bib in parsed:
            if doi and source and (volume or page):
                known = doi_of_bib.get(bib, doi)
                doi_of_bib[bib] = doi if known == doi else None

    names = ("author", "year", "source", "volume", "page", "doi", "key")
    columns = {name: np.empty(total, dtype=object) for name in names}
    for mask, codes, parsed in groups:
        keys = []
        for author, _year, source, _volume, _page, doi, bib in parsed:
            if doi:
                keys.append("doi:" + doi)
            elif author or source:
                lent = doi_of_bib.get(bib)
                keys.append("doi:" + lent if lent else bib)
            else:
                keys.append("")
        per_unique = list(zip(*parsed)) if parsed else [()] * 7
        for j, name in enumerate(names[:-1]):
            values = np.empty(len(parsed), dtype=object)
            values[:] = list(per_unique[j])
            columns[name][mask] = values[codes]
        values = np.empty(len(parsed), dtype=object)
        values[:] = keys
        columns["key"][mask] = values[codes]

    ut = df["UT"].to_numpy(dtype=object) if "UT" in df.columns else np.full(len(df), None, dtype=object)
    py = pd.array(df["PY"], dtype="Int64") if "PY" in df.columns else pd.array([None] * len(df), dtype="Int64")
    db = np.empty(len(df), dtype=object)
    db[:] = dbs_per_record
    return pd.DataFrame(
        {
            "record": record,
            "UT": pd.Series(ut[record], dtype=object),
            "PY": pd.Series(py.take(record), dtype="Int64"),
            "DB": pd.Series(db[record], dtype=object),
            "raw": pd.Series(raws, dtype=object),
            "author": pd.Series(columns["author"], dtype=object),
            "year": pd.Series(pd.array(columns["year"], dtype="Int64")),
            "source": pd.Series(columns["source"], dtype=object),
            "volume": pd.Series(columns["volume"], dtype=object),
            "page": pd.Series(columns["page"], dtype=object),
            "doi": pd.Series(columns["doi"], dtype=object),
            "key": pd.Series(columns["key"], dtype=object),
        }
    )


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record": pd.Series([], dtype=np.int64),
            "UT": pd.Series([], dtype=object),
            "PY": pd.Series([], dtype="Int64"),
            "DB": pd.Series([], dtype=object),
            "raw": pd.Series([], dtype=object),
            "author": pd.Series([], dtype=object),
            "year": pd.Series([], dtype="Int64"),
            "source": pd.Series([], dtype=object),
            "volume": pd.Series([], dtype=object),
            "page": pd.Series([], dtype=object),
            "doi": pd.Series([], dtype=object),
            "key": pd.Series([], dtype=object),
        }
    )


__all__ = [
    "parse_wos_reference",
    "parse_gbt7714_reference",
    "reference_key",
    "bibliographic_key",
    "references_table",
    "TABLE_COLUMNS",
]
