"""Web of Science tab-delimited export (one header line, then one record per line).

The header names the columns either with two-letter tags (``PT AU BA BE …``, the
"Tab-delimited" export) or with long names (``Publication Type``, ``Authors``,
``Article Title`` …, the Excel-style export saved as text); long names are
mapped to tags with :data:`LONG_NAMES`.  Both the Core Collection and the
"All Databases" column sets are read; columns without a canonical place
(``Z9`` ``U1`` ``X1`` ``Z1`` …) go to ``extra`` under their tag.

Encoding and layout variants handled: UTF-8 with or without BOM, UTF-16LE with
BOM (the Windows export), cp1252, CRLF / LF / bare-CR line ends (all decoded by
:class:`~litkit.io.sniff.TextSource`), a trailing TAB on every row (one more,
empty, field than the header names), and fields in double quotes (a file
re-saved by a spreadsheet) that may contain ``;`` or TABs.

List fields are ``;``-separated in this format: authors (``AU`` ``AF`` …),
cited references (``CR``), keywords (``DE`` ``ID``), categories (``WC`` ``SC``).
Addresses (``C1``) are split before each ``[author list]`` group so that the
``;`` between the bracketed author names does not split an address.

Rule for broken rows: ``records_in_file`` counts the non-blank lines after the
header.  A row whose number of fields differs from the header's (after
allowing empty trailing fields) is *skipped* and reported with its line and
both counts -- its values are never shifted into the wrong columns.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("savedrecs.txt")    # doctest: +SKIP
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource
from .wos_plain import INT_TAGS, KNOWN_TAGS, TEXT_TAGS, finish_record

# Long column names of the Excel-style / "full field name" exports -> WoS tags.
LONG_NAMES: dict[str, str] = {
    "Publication Type": "PT",
    "Authors": "AU",
    "Book Authors": "BA",
    "Book Editors": "BE",
    "Book Group Authors": "GP",
    "Author Full Names": "AF",
    "Book Author Full Names": "BF",
    "Group Authors": "CA",
    "Article Title": "TI",
    "Title": "TI",
    "Source Title": "SO",
    "Book Series Title": "SE",
    "Book Series Subtitle": "BS",
    "Language": "LA",
    "Document Type": "DT",
    "Conference Title": "CT",
    "Conference Date": "CY",
    "Conference Location": "CL",
    "Conference Sponsor": "SP",
    "Conference Sponsors": "SP",
    "Conference Host": "HO",
    "Author Keywords": "DE",
    "Keywords Plus": "ID",
    "Abstract": "AB",
    "Addresses": "C1",
    "Affiliations": "C3",
    "Reprint Addresses": "RP",
    "Email Addresses": "EM",
    "Researcher Ids": "RI",
    "ORCIDs": "OI",
    "Funding Orgs": "FU",
    "Funding Name Preferred": "FP",
    "Funding Text": "FX",
    "Cited References": "CR",
    "Cited Reference Count": "NR",
    "Times Cited, WoS Core": "TC",
    "Times Cited, All Databases": "Z9",
    "180 Day Usage Count": "U1",
    "Since 2013 Usage Count": "U2",
    "Publisher": "PU",
    "Publisher City": "PI",
    "Publisher Address": "PA",
    "ISSN": "SN",
    "eISSN": "EI",
    "ISBN": "BN",
    "Journal Abbreviation": "J9",
    "Journal ISO Abbreviation": "JI",
    "Publication Date": "PD",
    "Publication Year": "PY",
    "Volume": "VL",
    "Issue": "IS",
    "Part Number": "PN",
    "Supplement": "SU",
    "Special Issue": "SI",
    "Meeting Abstract": "MA",
    "Start Page": "BP",
    "End Page": "EP",
    "Article Number": "AR",
    "DOI": "DI",
    "DOI Link": "DL",
    "Book DOI": "D2",
    "Early Access Date": "EA",
    "Number of Pages": "PG",
    "WoS Categories": "WC",
    "Web of Science Categories": "WC",
    "Web of Science Index": "WE",
    "Research Areas": "SC",
    "IDS Number": "GA",
    "Pubmed Id": "PM",
    "PubMed ID": "PM",
    "UT (Unique WOS ID)": "UT",
    "UT (Unique ID)": "UT",
    "Open Access Designations": "OA",
    "Highly Cited Status": "HC",
    "Hot Paper Status": "HP",
    "Date of Export": "DA",
}
_LONG_NAMES_FOLDED = {name.casefold(): tag for name, tag in LONG_NAMES.items()}

_SEMICOLON_LISTS = frozenset({"AU", "AF", "DE", "ID", "WC", "SC"})
# Text columns: the plain-text reader's text tags, its integers, the DOI and the language (one cell here).
_TEXT = TEXT_TAGS | INT_TAGS | {"LA", "DI"}
_EXTRA_LISTS = frozenset({"BA", "BF", "BE", "CA", "GP"})
_ADDRESS_GROUP = re.compile(r";\s*(?=\[)")


def _column_tag(name: str) -> str | None:
    """The WoS tag a header cell stands for, or None when it is neither a tag nor a known long name."""
    name = name.strip().strip('"').strip()
    if len(name) == 2 and name.isupper() and name.isalnum():
        return name
    return _LONG_NAMES_FOLDED.get(name.casefold())


def sniff(head: list[str]) -> bool:
    """First line: TAB-separated WoS tags or long names, starting with ``PT``/``Publication Type``."""
    if not head or "\t" not in head[0]:
        return False
    cells = head[0].lstrip("\ufeff").split("\t")
    first = cells[0].strip().strip('"')
    if first not in ("PT", "Publication Type"):
        return False
    named = [c for c in cells if c.strip()]
    known = sum(1 for c in named if (_column_tag(c) or "") in KNOWN_TAGS)
    return len(named) >= 5 and known >= 0.8 * len(named)


def _split_row(line: str) -> list[str]:
    """Fields of one row; quoted fields (spreadsheet re-saves) are unquoted."""
    if line.startswith('"') or '\t"' in line:
        return next(csv.reader([line], delimiter="\t", quotechar='"'))
    return line.split("\t")


def _c1_items(value: str) -> list[str]:
    if value.startswith("["):
        parts = _ADDRESS_GROUP.split(value)
    else:
        parts = value.split(";")
    return [p.strip() for p in parts if p.strip()]


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per data row of ``source``."""
    tags: list[str | None] = []
    names: list[str] = []
    n_named = 0
    records = 0
    lineno = 0
    try:
        with source.open() as fh:  # universal newlines: CRLF and bare CR end a line
            for lineno, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if lineno == 1:
                    line = line.lstrip("\ufeff")
                    names = [c.strip().strip('"').strip() for c in line.split("\t")]
                    while names and not names[-1]:
                        names.pop()  # a trailing TAB in the header names no column
                    n_named = len(names)
                    tags = [_column_tag(n) for n in names]
                    unknown = [n for n, t in zip(names, tags) if t is None]
                    if unknown:
                        report.problem(1, f"header columns not recognised, kept in extra: {unknown}", action="note")
                    continue
                if not line.strip():
                    continue
                records += 1
                index = records - 1
                fields = _split_row(line)
                if len(fields) != n_named:
                    fields = _fit(fields, line, n_named)
                if fields is None:
                    got = len(_split_row(line))
                    report.problem(
                        lineno,
                        f"row has {got} fields but the header names {n_named} "
                        f"columns; skipped so that no value lands in the wrong column",
                        action="skipped",
                        record=index,
                    )
                    continue
                yield _record(fields, tags, names, lineno, index, report)
    except UnicodeDecodeError as exc:
        line_no = source.undecodable_line()
        raise source.decoding_error(exc, line_no) from None
    report.records_in_file = records
    report.has_cited_references = "CR" in tags


def _fit(fields: list[str], line: str, n_named: int) -> list[str] | None:
    """Reconcile a row's field count with the header, or None when that is impossible.

    Empty fields beyond the named columns are the trailing TAB(s) WoS writes; a
    quote-aware split that fails is retried as a plain TAB split (a title that merely
    starts with a quotation mark).
    """
    for candidate in (fields, line.split("\t")):
        if len(candidate) >= n_named and not any(c.strip() for c in candidate[n_named:]):
            return candidate[:n_named]
    return None


def _record(
    fields: list[str], tags: list[str | None], names: list[str], line: int, index: int, report: FileReport
) -> dict:
    rec: dict = {}
    extra: dict = {}
    for tag, name, value in zip(tags, names, fields):
        value = value.strip()
        if not value:
            continue
        if tag is None:
            extra[name] = value
        elif tag in _SEMICOLON_LISTS:
            rec[tag] = [v for v in (x.strip() for x in value.split(";")) if v]
        elif tag == "CR":  # "; " only: a DOI may contain a bare ";" (…3.0.CO;2-E)
            rec[tag] = [v for v in (x.strip() for x in value.split("; ")) if v]
        elif tag == "C1":
            rec[tag] = _c1_items(value)
        elif tag in _TEXT:
            rec[tag] = value
        elif tag in _EXTRA_LISTS:
            extra[tag] = [v for v in (x.strip() for x in value.split(";")) if v]
        else:
            extra[tag] = value
    return finish_record(rec, extra, line, index, report)


SPEC = ReaderSpec(
    name="wos_tab",
    label="Web of Science tab-delimited (tag or long-name header)",
    database="WoS",
    sniff=sniff,
    read=read,
)
