"""Lens.org scholarly-works CSV export (``Lens ID,Title,Date Published,…``, 32 columns).

The reader goes by column *names*, so a trimmed or re-ordered export works too.
Multi-valued fields are ``"; "``-joined.

===========================  ==============================================
Lens column                  canonical column
===========================  ==============================================
Lens ID                      UT (``Lens:000-102-656-132-186``)
Author/s                     AU (WoS short form ``Hayakawa, Y``), AF (``Hayakawa, Y.``)
Title                        TI
Source Title                 SO (and J9 through :func:`~litkit.refs.normalize_source`)
Publication Year             PY (else the year of Date Published)
Date Published               PD
Publication Type             DT; PT (journal article J, conference … C, book … B, dissertation T)
Volume, Issue Number         VL, IS
Start Page, End Page         BP, EP
DOI                          DI
Abstract                     AB (JATS / MathML markup removed)
Keywords                     DE
MeSH Terms                   ID
Fields of Study              SC
ISSNs                        SN (first), EI (second)
Publisher                    PU
Funding                      FU
Citing Works Count           TC
References                   CR: the Lens IDs of the cited works (what the export gives)
External URL                 URL
everything else              ``extra`` under its Lens name
===========================  ==============================================

References
----------
Lens exports cite works by Lens ID, not by a reference string.  They go into
``CR`` as ``Lens:<id>`` (as bibliometrix also keeps them).  Parsed
(:mod:`litkit.refs.ids`), such a reference has no author, year or source and
its key is the ID (``lens:<id>``), so co-citation, coupling and cited-reference
bursts work within Lens data (a cited ID is one cited work), while cited-journal
and cited-author analyses skip them instead of counting each ID as a journal.
They cannot be matched to WoS or Scopus reference strings of the same work; the
citation network links a record to the corpus record whose ``UT`` its ``CR``
names (match ``"id"``, :func:`litkit.citation_network`).

``records_in_file`` is the number of CSV data rows; a row whose field count
differs from the header's is kept, read from the left, and reported; a row the
csv module cannot parse is skipped and reported.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("lens-export.csv")                  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import html
import io
import re
import sys
from collections.abc import Callable, Iterator

from ..refs import normalize_source
from .base import ReaderSpec, clean_doi, csv_delimiter, parse_year, split_values
from .ingest_report import FileReport
from .scopus_csv import wos_short_author
from .sniff import TextSource

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_SIGNATURE = {"Lens ID", "Title", "Author/s"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}  # generational suffixes written after the surname
_PUBLICATION_TYPE = {
    "journal article": "J",
    "conference proceedings article": "C",
    "conference proceedings": "C",
    "book chapter": "B",
    "book": "B",
    "dissertation": "T",
}
_COLUMNS = {
    "Title": "TI",
    "Source Title": "SO",
    "Date Published": "PD",
    "Publication Type": "DT",
    "Volume": "VL",
    "Issue Number": "IS",
    "Start Page": "BP",
    "End Page": "EP",
    "Publisher": "PU",
    "External URL": "URL",
}
_USED = set(_COLUMNS) | {
    "Lens ID",
    "Author/s",
    "Publication Year",
    "DOI",
    "Abstract",
    "Keywords",
    "MeSH Terms",
    "Fields of Study",
    "ISSNs",
    "Funding",
    "Citing Works Count",
    "References",
}
# Markup that Crossref-sourced abstracts carry: JATS, MathML and PubMed tags (named, so that
# "p<0.05 and q>1" in plain text is never taken for a tag).
_MARKUP = re.compile(r"</?(?:jats:|mml:|AbstractText|CopyrightInformation|sup|sub|i|b|p|italic|bold)\b[^<>]*>")
_DROPPED_MARKUP = re.compile(
    r"<jats:title>\s*Abstract\s*</jats:title>|<jats:tex-math\b.*?</jats:tex-math>|<mml:math\b.*?</mml:math>", re.S
)


def sniff(head: list[str]) -> bool:
    """True when the first line is a Lens CSV header (``Lens ID``, ``Title``, ``Author/s`` …).

    Examples
    --------
    >>> sniff(["Lens ID,Title,Date Published,Publication Year,Author/s"]), sniff(["Authors,Title,Year"])
    (True, False)
    """
    return bool(head) and csv_delimiter(head[0], _is_header) is not None


def _is_header(names: set[str]) -> bool:
    return _SIGNATURE <= names


def header_fields(line: str) -> list[str]:
    """The fields of one CSV line (``[]`` when it cannot be parsed).

    Examples
    --------
    >>> header_fields('id,"a,b",c')
    ['id', 'a,b', 'c']
    """
    try:
        return next(csv.reader(io.StringIO(line)))
    except (csv.Error, StopIteration):
        return []


def western_name(name: str) -> tuple[str, str]:
    """``"T. Dhiliphan Rajkumar"`` -> (AU short ``"Rajkumar, TD"``, AF ``"Rajkumar, T. Dhiliphan"``).

    The last word is the surname (what Lens and OpenAlex display names put last); a
    Chinese, Japanese or Korean name, or a single word, is kept as written.

    Examples
    --------
    >>> western_name("Massimo Aria"), western_name("吉彦 早川")
    (('Aria, M', 'Aria, Massimo'), ('吉彦 早川', '吉彦 早川'))
    >>> western_name("John A. Smith Jr.")
    ('Smith, JA', 'Smith, John A.')
    """
    name = " ".join(name.split())
    if "," in name:
        surname, given = (p.strip() for p in name.split(",", 1))
    elif re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", name) or " " not in name:
        return name, name
    else:
        given, surname = name.rsplit(" ", 1)
        if surname.rstrip(".").lower() in _SUFFIXES and " " in given:  # "John A. Smith Jr.": Smith
            given, surname = given.rsplit(" ", 1)
    if not given:
        return surname, surname
    return wos_short_author(surname, given), f"{surname}, {given}"


def strip_markup(text: str) -> str:
    """An abstract without its JATS/MathML markup (text kept, entities decoded, spaces collapsed).

    Examples
    --------
    >>> strip_markup("<jats:title>Abstract</jats:title><jats:p>Deep <jats:italic>SLAM</jats:italic> &amp; more</jats:p>")
    'Deep SLAM & more'
    """
    if "<" not in text:
        return text
    text = _DROPPED_MARKUP.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    text = html.unescape(text)
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))


def csv_records(
    source: TextSource, report: FileReport, is_header: Callable[[set[str]], bool] | None = None
) -> Iterator[tuple[int, int, dict[str, str], list[str]]]:
    """The data rows of a CSV export as (line, index, {column: value}, header); counts and reports rows.

    ``is_header`` (column names -> bool): the fields are separated by the delimiter of
    :data:`~litkit.io.base.CSV_DELIMITERS` that makes the first line such a header (a CSV
    re-saved by Excel may use ``;`` or TAB); without it, or when none does, ``,``.

    ``report.records_in_file`` counts every non-blank data row; a row the csv module
    cannot parse is skipped and reported; a row with more or fewer fields than the
    header is read from the left and reported.  Bytes that do not decode raise
    :class:`~litkit.errors.DecodingError` naming their line.
    """
    try:
        yield from _csv_records(source, report, is_header)
    except UnicodeDecodeError as exc:
        raise source.decoding_error(exc, source.undecodable_line()) from None


def _csv_records(
    source: TextSource, report: FileReport, is_header: Callable[[set[str]], bool] | None
) -> Iterator[tuple[int, int, dict[str, str], list[str]]]:
    with source.open(newline="") as fh:
        if fh.read(1) != "\ufeff":
            fh.seek(0)
        delimiter = ","
        if is_header is not None:
            start = fh.tell()
            delimiter = csv_delimiter(fh.readline(), is_header) or ","
            fh.seek(start)
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return
        except csv.Error as exc:
            report.problem(1, f"CSV header cannot be parsed ({exc})", "note")
            return
        end_of_previous, index = reader.line_num, 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # e.g. a NUL byte: the row cannot be read at all
                report.records_in_file += 1
                report.problem(end_of_previous + 1, f"CSV row cannot be parsed ({exc})", "skipped", index)
                index += 1
                end_of_previous = reader.line_num
                continue
            line, end_of_previous = end_of_previous + 1, reader.line_num
            if not any(v.strip() for v in row):
                continue  # a blank line is not a record
            report.records_in_file += 1
            row = [v.replace("\r\n", "\n").replace("\r", "\n") if "\r" in v else v for v in row]
            if len(row) != len(header):
                extra = row[len(header) :]
                if any(v.strip() for v in extra) or len(row) < len(header):
                    report.problem(
                        line,
                        f"row has {len(row)} fields, header {len(header)}: read from the left"
                        + (f", columns {', '.join(header[len(row) :])} left empty" if len(row) < len(header) else ""),
                        "kept",
                        index,
                    )
            yield line, index, {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}, header
            index += 1


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per CSV data row (see the module docstring)."""
    report.has_cited_references = False
    for line, index, row, header in csv_records(source, report, _is_header):
        rec = _record(row, header)
        if not rec.get("TI") and not rec.get("AU") and not rec.get("UT"):
            report.problem(line, "row has no Lens ID, title or authors: skipped", "skipped", index)
            continue
        if not rec.get("TI"):
            report.problem(line, "record has no title", "kept", index)
        if rec["CR"]:
            report.has_cited_references = True
        rec["source_line"] = line
        yield rec


def _record(row: dict[str, str], header: list[str]) -> dict:
    rec: dict = {"DB": "Lens"}
    for column, tag in _COLUMNS.items():
        if row.get(column):
            rec[tag] = row[column]
    if row.get("Lens ID"):
        rec["UT"] = "Lens:" + row["Lens ID"]
    names = [western_name(a) for a in split_values(row.get("Author/s"), ("; ",))]
    rec["AU"] = [short for short, _ in names]
    rec["AF"] = [full for _, full in names]
    rec["PY"] = parse_year(row.get("Publication Year")) or parse_year(row.get("Date Published"))
    rec["DI"] = clean_doi(row.get("DOI"))
    if row.get("Abstract"):
        rec["AB"] = strip_markup(row["Abstract"])
    rec["DE"] = split_values(row.get("Keywords"), ("; ",))
    rec["ID"] = split_values(row.get("MeSH Terms"), ("; ",))
    rec["SC"] = split_values(row.get("Fields of Study"), ("; ",))
    issns = split_values(row.get("ISSNs"), ("; ",))
    if issns:
        rec["SN"] = issns[0]
    if len(issns) > 1:
        rec["EI"] = issns[1]
    funding = split_values(row.get("Funding"), ("; ",))
    if funding:
        rec["FU"] = "; ".join(dict.fromkeys(funding))  # Lens repeats a funder once per grant
    count = row.get("Citing Works Count", "")
    rec["TC"] = int(count) if count.isdigit() else None
    rec["CR"] = ["Lens:" + ref for ref in split_values(row.get("References"), ("; ",))]
    rec["PT"] = _PUBLICATION_TYPE.get((row.get("Publication Type") or "").lower(), "J")
    if rec.get("SO"):
        rec["J9"] = normalize_source(rec["SO"])
    rec["extra"] = {c: row[c] for c in header if c not in _USED and row.get(c)}
    return rec


SPEC = ReaderSpec(
    name="lens_csv",
    label="Lens.org scholarly CSV ('Lens ID,Title,…')",
    database="Lens",
    sniff=sniff,
    read=read,
)
