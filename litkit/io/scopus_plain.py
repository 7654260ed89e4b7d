"""Scopus "Plain text" export (``Scopus`` / ``EXPORT DATE: …`` then one block per record).

Each record begins with a few unlabelled lines, then ``KEY: value`` lines::

    Biel M.                                             <- authors (short form)
    AUTHOR FULL NAMES: Biel, Magdalena (57913188700)    <- 2023+ layout only
    57913188700                                         <- Scopus author ids
    FAMILY OWNERSHIP AS A FACTOR …                      <- title
    (2024) Polish Journal of …, 29 (2), pp. 121 - 137, Cited 0 times.
    DOI: 10.17512/pjms.2024.29.2.06
    https://www.scopus.com/inward/record.uri?eid=2-s2.0-85201621883&…
                                                        <- blank line
    AFFILIATIONS: …
    REFERENCES: first reference;                        <- one reference per line,
    second reference;                                      each ending in "; "
    …
    SOURCE: Scopus

Fields: authors line -> AU (Web of Science short form, ``Biel, M``); ``AUTHOR
FULL NAMES`` -> AF (without the ids); the citation line -> PY, SO, VL, IS, BP,
EP, AR, TC; ``DOI`` -> DI; the record URL -> URL and its EID -> UT;
``AFFILIATIONS`` -> C1; ``ABSTRACT`` -> AB; ``AUTHOR KEYWORDS`` -> DE; ``INDEX
KEYWORDS`` -> ID; ``REFERENCES`` -> CR (one string per reference, as in the
Scopus CSV; parsed by :func:`~litkit.refs.parse_scopus_reference`);
``CORRESPONDENCE ADDRESS`` -> RP; ``FUNDING DETAILS`` and ``FUNDING TEXT n``
(each may repeat) -> FU; ``PUBLISHER``, ``ISSN``, ``ISBN``, ``LANGUAGE OF
ORIGINAL DOCUMENT``, ``ABBREVIATED SOURCE TITLE``, ``DOCUMENT TYPE`` -> PU, SN,
BN, LA, JI, DT; every other key (``EDITORS``, ``CONFERENCE NAME``, ``PUBMED
ID``, ``OPEN ACCESS``, the author ids, …) goes to ``extra`` under its Scopus
name.  Older layouts (no ``AUTHOR FULL NAMES`` line, ``. Cited N times.``) are
read by the same rules.

A line continues the field before it unless it begins with a key Scopus writes
(``KEY:`` in capitals from the list below, or ``FUNDING TEXT n:``), so a
reference such as ``OECD: Guidelines …`` stays a reference.

Rules for imperfect files (each case reported with file and line):

* ``records_in_file`` is the number of record blocks (unlabelled lines
  following the preamble or a record's ``KEY:`` lines);
* a record without ``SOURCE: Scopus`` (a file cut short) is kept when it has a
  title and reported; a record without a title is skipped and reported;
* a citation line that cannot be read, or a record without one, is reported
  (the record is kept without year and source).

Examples
--------
>>> import litkit
>>> corpus = litkit.read("scopus.txt")                       # doctest: +SKIP
>>> corpus.df.loc[0, ["UT", "AU", "PY", "SO", "CR"]]          # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..refs import normalize_source, split_scopus_references
from .base import ReaderSpec, clean_doi, split_values
from .ingest_report import FileReport
from .scopus_csv import scopus_author_to_wos
from .sniff import TextSource

# The keys Scopus writes in plain-text exports (2018–2024 layouts); a line starting with one ends
# the field before it.
KEYS: frozenset[str] = frozenset(
    {
        "AUTHOR FULL NAMES",
        "DOI",
        "AFFILIATIONS",
        "ABSTRACT",
        "AUTHOR KEYWORDS",
        "INDEX KEYWORDS",
        "MOLECULAR SEQUENCE NUMBERS",
        "CHEMICALS/CAS",
        "TRADENAMES",
        "MANUFACTURERS",
        "FUNDING DETAILS",
        "REFERENCES",
        "CORRESPONDENCE ADDRESS",
        "EDITORS",
        "SPONSORS",
        "PUBLISHER",
        "CONFERENCE NAME",
        "CONFERENCE DATE",
        "CONFERENCE LOCATION",
        "CONFERENCE CODE",
        "ISSN",
        "ISBN",
        "CODEN",
        "PUBMED ID",
        "LANGUAGE OF ORIGINAL DOCUMENT",
        "ABBREVIATED SOURCE TITLE",
        "DOCUMENT TYPE",
        "PUBLICATION STAGE",
        "OPEN ACCESS",
        "SOURCE",
        "EXPORT DATE",
        "ART. NO.",
    }
)
_KEY_LINE = re.compile(r"^([A-Z][A-Z./ ]*[A-Z.]|FUNDING TEXT \d+): ?(.*)$")
_EID = re.compile(r"eid=(2-s2\.0-\d+)")
_CITATION_LINE = re.compile(r"^\((?P<year>[12]\d{3})\)\s*(?P<rest>.*)$")
_CITED = re.compile(r"[,.]?\s*Cited (?P<n>\d+) times?\.?\s*$")
_PAGES = re.compile(r"^pp?\.\s*(?P<bp>[^\s-]+)(?:\s*-\s*(?P<ep>\S+))?$")
_ARTICLE_NUMBER = re.compile(r"^art\. no\. (?P<ar>.+)$")
_VOLUME = re.compile(r"^(?P<vl>\d[\w./-]*)?\s*(?:\((?P<is>[^)]+)\))?$")
_AUTHOR_IDS = re.compile(r"^\d{5,}(?:;\s*\d{5,})*;?$")
_NO_AUTHOR = re.compile(r"^\[No author (?:name|id) available\]$", re.I)
_RIS_TAG = re.compile(r"^[A-Z][A-Z0-9]  -")
_PUBLICATION_TYPE = {"conference paper": "C", "conference review": "C", "book": "B", "book chapter": "B"}
_COLUMN_OF_KEY = {
    "ABSTRACT": "AB",
    "CORRESPONDENCE ADDRESS": "RP",
    "PUBLISHER": "PU",
    "ISSN": "SN",
    "ISBN": "BN",
    "LANGUAGE OF ORIGINAL DOCUMENT": "LA",
    "ABBREVIATED SOURCE TITLE": "JI",
    "DOCUMENT TYPE": "DT",
}
_USED_KEYS = set(_COLUMN_OF_KEY) | {
    "AUTHOR FULL NAMES",
    "DOI",
    "AFFILIATIONS",
    "AUTHOR KEYWORDS",
    "INDEX KEYWORDS",
    "FUNDING DETAILS",
    "REFERENCES",
    "SOURCE",
}


def sniff(head: list[str]) -> bool:
    """True for the ``Scopus`` / ``EXPORT DATE:`` preamble followed by no BibTeX or RIS record.

    Scopus begins its BibTeX and RIS exports with the same preamble; those go to their
    own readers.  Without the preamble (a file cut at its start), a record URL, a
    ``(year) source …`` line and ``KEY:`` lines together say plain text.

    Examples
    --------
    >>> sniff(["Scopus", "EXPORT DATE: 17 October 2024", "Biel M.", "AUTHOR FULL NAMES: Biel, Magdalena (1)"])
    True
    >>> sniff(["Scopus", "EXPORT DATE: 17 October 2024", "@ARTICLE{Biel2024,"])
    False
    """
    if len(head) >= 2 and head[0].strip() == "Scopus" and head[1].startswith("EXPORT DATE:"):
        body = head[2:]
        return bool(body) and not body[0].lstrip().startswith("@") and not _RIS_TAG.match(body[0])
    lines = head[:30]
    citation = any(_CITATION_LINE.match(line.strip()) for line in lines)
    url = any(line.startswith("http") and "scopus.com/" in line for line in lines)
    keys = sum(1 for line in lines if _is_key(line) not in (None, "EXPORT DATE", "DOI"))
    return citation and url and keys >= 2


def parse_citation_line(line: str) -> dict:
    """The year, source, volume, issue, pages, article number and times cited of a citation line.

    Examples
    --------
    >>> c = parse_citation_line("(2024) Polish Journal of Management Studies, 29 (2), pp. 121 - 137, Cited 0 times.")
    >>> c["PY"], c["SO"], c["VL"], c["IS"], c["BP"], c["EP"], c["TC"]
    (2024, 'Polish Journal of Management Studies', '29', '2', '121', '137', 0)
    >>> c = parse_citation_line("(2024) Computers in Industry, 159-160, art. no. 104107, Cited 0 times.")
    >>> c["SO"], c["VL"], c["AR"]
    ('Computers in Industry', '159-160', '104107')
    """
    m = _CITATION_LINE.match(line.strip())
    if not m:
        return {}
    out: dict = {"PY": int(m.group("year"))}
    rest = m.group("rest").strip()
    cited = _CITED.search(rest)
    if cited:
        out["TC"] = int(cited.group("n"))
        rest = rest[: cited.start()]
    rest = rest.rstrip(" .,")
    parts = rest.split(", ")
    while len(parts) > 1:
        piece = parts[-1].strip()
        if (p := _PAGES.match(piece)) and "BP" not in out:
            out["BP"], out["EP"] = p.group("bp"), p.group("ep")
        elif (a := _ARTICLE_NUMBER.match(piece)) and "AR" not in out:
            out["AR"] = a.group("ar")
        elif (v := _VOLUME.match(piece)) and piece and "VL" not in out and "IS" not in out:
            out["VL"], out["IS"] = v.group("vl"), v.group("is")
        else:
            break
        parts.pop()
    out["SO"] = ", ".join(parts).strip() or None
    return {k: v for k, v in out.items() if v is not None}


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per record block (see the module docstring for the rules)."""
    report.has_cited_references = False
    index = 0
    block: list[tuple[int, str]] | None = None  # the record's lines (line number, text)
    in_fields = False  # the record has reached its KEY: lines
    after_blank = False
    for lineno, line in enumerate(source.lines(), 1):
        if not line.strip():
            after_blank = True
            continue
        key = _is_key(line)
        if block is None and (line.strip() == "Scopus" or key == "EXPORT DATE"):
            continue  # the preamble (also that of a second export appended to the first)
        # A record's unlabelled lines follow a blank line after the KEY: lines of the one before
        # (references never hold a blank line), so a record without "SOURCE: Scopus" ends there too.
        if block is None or (in_fields and after_blank and not key):
            if block is not None:
                rec = _record(block, index, report)
                if rec is not None:
                    yield rec
                index += 1
            block, in_fields = [], False
            report.records_in_file += 1
        after_blank = False
        block.append((lineno, line))
        if key and key not in ("AUTHOR FULL NAMES", "DOI"):
            in_fields = True
        if key == "SOURCE":
            rec = _record(block, index, report)
            if rec is not None:
                yield rec
            index += 1
            block, in_fields = None, False
    if block:
        rec = _record(block, index, report)
        if rec is not None:
            yield rec


def _is_key(line: str) -> str | None:
    m = _KEY_LINE.match(line)
    if not m:
        return None
    key = m.group(1)
    return key if key in KEYS or key.startswith("FUNDING TEXT") else None


def _record(block: list[tuple[int, str]], index: int, report: FileReport) -> dict | None:
    start = block[0][0]
    head: list[tuple[int, str]] = []
    fields: list[list] = []  # [key, [lines]]
    for lineno, line in block:
        key = _is_key(line)
        if key:
            fields.append([key, [_KEY_LINE.match(line).group(2)]])
        elif fields and fields[-1][0] not in ("AUTHOR FULL NAMES", "DOI"):
            fields[-1][1].append(line)
        else:
            head.append((lineno, line))
    values: dict[str, list[list[str]]] = {}
    for key, lines in fields:
        values.setdefault(key, []).append(lines)
    text = lambda key: " ".join(" ".join(x.strip() for x in lines) for lines in values.get(key, [])).strip()

    rec: dict = {"DB": "Scopus", "source_line": start}
    extra: dict = {}
    # Unlabelled lines: authors, author ids, title, citation line, record URL (in that order).
    citation: dict = {}
    rest: list[str] = []
    for lineno, line in head:
        s = line.strip()
        if _CITATION_LINE.match(s) and not citation:
            citation = parse_citation_line(s)
            if "SO" not in citation:
                report.problem(lineno, f"citation line cannot be read: {s[:60]!r}", "kept", index)
        elif "scopus.com/" in s and s.startswith("http"):
            rec["URL"] = s
            if m := _EID.search(s):
                rec["UT"] = m.group(1)
        elif _AUTHOR_IDS.match(s):
            extra["Author(s) ID"] = s
        else:
            rest.append(s)
    full_names = text("AUTHOR FULL NAMES")
    authors_line = rest.pop(0) if rest and (len(rest) > 1 or full_names) else ""
    if len(rest) > 1:
        # A title wrapped over two lines (older exports) is joined; anything else is an author line
        # we did not recognise, kept in ``extra`` rather than lost.
        rec["TI"] = " ".join(rest)
    elif rest:
        rec["TI"] = rest[0]
    if not rec.get("TI"):
        report.problem(start, "Scopus record without a title line (cut?): skipped", "skipped", index)
        return None
    if values.get("SOURCE") is None:
        report.problem(start, "record does not end with 'SOURCE: Scopus': it may be cut", "kept", index)
    if not citation:
        report.problem(start, "record has no '(year) source, volume …' line: year and source left empty", "kept", index)
    rec.update(citation)
    if authors_line and not _NO_AUTHOR.match(authors_line):
        sep = "; " if ";" in authors_line else ", "
        rec["AU"] = [scopus_author_to_wos(a) for a in split_values(authors_line, (sep,)) if not _NO_AUTHOR.match(a)]
    if full_names:
        rec["AF"] = [re.sub(r"\s*\(\d+\)\s*$", "", a) for a in split_values(full_names, ("; ",))]
    for key, column in _COLUMN_OF_KEY.items():
        if text(key):
            rec[column] = text(key)
    if rec.get("AB", "").startswith("[No abstract available]"):
        rec.pop("AB")
    rec["DI"] = clean_doi(text("DOI"))
    rec["C1"] = split_values(text("AFFILIATIONS"), ("; ",))
    rec["DE"] = split_values(text("AUTHOR KEYWORDS"), (";",))
    rec["ID"] = split_values(text("INDEX KEYWORDS"), (";",))
    rec["CR"] = [ref for lines in values.get("REFERENCES", []) for ref in _references(lines)]
    if rec["CR"]:
        report.has_cited_references = True
    funding = [
        " ".join(x.strip() for x in lines)
        for k in values
        if k == "FUNDING DETAILS" or k.startswith("FUNDING TEXT")
        for lines in values[k]
    ]
    if funding:
        rec["FU"] = "\n".join(f for f in funding if f)
    if rec.get("SO"):
        rec["J9"] = normalize_source(rec["SO"])
    rec["PT"] = _PUBLICATION_TYPE.get((rec.get("DT") or "").lower(), "J")
    for key in values:
        if key not in _USED_KEYS and not key.startswith("FUNDING TEXT") and text(key):
            extra[key] = text(key)
    rec["extra"] = extra
    return rec


def _references(lines: list[str]) -> list[str]:
    """One reference per line, the closing ``;`` removed; a line holding several ('; '-joined, as
    in the CSV export) is split by :func:`~litkit.refs.split_scopus_references`."""
    refs = []
    for line in lines:
        line = line.strip()
        if line.endswith(";"):
            line = line[:-1].rstrip()
        if line:
            refs.extend(split_scopus_references(line) if "; " in line else [line])
    return refs


SPEC = ReaderSpec(
    name="scopus_plain",
    label="Scopus plain text ('Scopus' / 'EXPORT DATE:' then KEY: value lines)",
    database="Scopus",
    sniff=sniff,
    read=read,
)
