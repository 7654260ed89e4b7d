"""OpenAlex works CSV export (dotted columns flattened from the work JSON, ``|``-joined lists).

The web interface's "Export -> CSV" writes one row per work with columns such
as ``id``, ``display_name`` (or ``title``), ``publication_year``,
``authorships.author.display_name``, ``primary_location.source.display_name``;
lists are joined with ``|`` and stay aligned across the ``authorships.*``
columns (one entry per author).  The reader goes by column names, so trimmed
exports (such as bibliometrix's test fixture) and fuller ones both work.

============================================  ===================================
OpenAlex column                               canonical column
============================================  ===================================
id                                            UT (``OpenAlex:W2755950973``)
title, else display_name                      TI
authorships.author.display_name               AU (``Aria, M``), AF (``Aria, Massimo``)
authorships.institutions.display_name         C1 (each institution once, in order)
authorships.is_corresponding                  RP (``name, institution`` of the first
                                              corresponding author, when the lists align)
publication_year / publication_date           PY / PD
primary_location.source.display_name          SO (and J9)
primary_location.source.issn_l / issn         SN
primary_location.source.host_organization_name  PU
primary_location.landing_page_url             URL
type; primary_location.source.type            DT; PT (journal J, conference C, book B,
                                              dissertation T)
biblio.volume / issue / first_page / last_page  VL / IS / BP / EP
doi                                           DI
abstract                                      AB
keywords.display_name                         DE
concepts.display_name, else topics.display_name  ID
topics.field.display_name                     SC
language                                      LA
funders.display_name                          FU
cited_by_count                                TC
referenced_works                              CR (``OpenAlex:W…`` ids), NR from
                                              referenced_works_count
everything else                               ``extra`` under its OpenAlex name
============================================  ===================================

Cited works are OpenAlex ids, not reference strings (as in Lens exports, see
:mod:`litkit.io.lens_csv`): keyed by the id (``openalex:W…``, :mod:`litkit.refs.ids`),
co-citation and coupling work within OpenAlex data; cited-journal and cited-author
analyses skip them.
The UI export's own bound on list lengths is not known to litkit; a
``referenced_works`` cell is read as given.

``records_in_file`` is the number of CSV data rows.  Values ``null`` and
``nan`` (what some tools write for a missing value) are read as empty.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("works-export.csv")                 # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..refs import normalize_source
from .base import ReaderSpec, clean_doi, csv_delimiter, parse_year, split_values
from .ingest_report import FileReport
from .lens_csv import csv_records, strip_markup, western_name
from .sniff import TextSource

_ID_PREFIX = re.compile(r"^https?://openalex\.org/", re.I)
_EMPTY = {"null", "nan", "none"}
_PUBLICATION_TYPE = {"book": "B", "book-chapter": "B", "monograph": "B", "dissertation": "T"}
_SOURCE_TYPE = {"conference": "C", "book series": "B", "ebook platform": "B"}
_COLUMNS = {
    "publication_date": "PD",
    "primary_location.source.display_name": "SO",
    "primary_location.source.host_organization_name": "PU",
    "primary_location.landing_page_url": "URL",
    "type": "DT",
    "biblio.volume": "VL",
    "biblio.issue": "IS",
    "biblio.first_page": "BP",
    "biblio.last_page": "EP",
    "language": "LA",
}
_USED = set(_COLUMNS) | {
    "id",
    "title",
    "display_name",
    "authorships.author.display_name",
    "authorships.institutions.display_name",
    "publication_year",
    "primary_location.source.issn_l",
    "primary_location.source.issn",
    "doi",
    "abstract",
    "keywords.display_name",
    "concepts.display_name",
    "topics.display_name",
    "topics.field.display_name",
    "funders.display_name",
    "cited_by_count",
    "referenced_works",
    "referenced_works_count",
}


def sniff(head: list[str]) -> bool:
    """True when the first line is an OpenAlex works header (``id``, a title column, dotted columns).

    Examples
    --------
    >>> sniff(['"id","display_name","authorships.author.display_name","publication_year"'])
    True
    >>> sniff(["Lens ID,Title,Author/s"])
    False
    """
    return bool(head) and csv_delimiter(head[0], _is_header) is not None


def _is_header(fields: set[str]) -> bool:
    dotted = any(f.startswith(("authorships.", "primary_location.", "open_access.")) for f in fields)
    return "id" in fields and bool({"display_name", "title"} & fields) and dotted


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per CSV data row (see the module docstring)."""
    report.has_cited_references = False
    for line, index, row, header in csv_records(source, report, _is_header):
        row = {k: ("" if v.lower() in _EMPTY else v) for k, v in row.items()}
        rec = _record(row, header)
        if not rec.get("TI") and not rec.get("AU") and not rec.get("UT"):
            report.problem(line, "row has no id, title or authors: skipped", "skipped", index)
            continue
        if not rec.get("TI"):
            report.problem(line, "record has no title", "kept", index)
        if rec["CR"]:
            report.has_cited_references = True
        rec["source_line"] = line
        yield rec


def _items(value: str | None) -> list[str]:
    """A ``|``-joined cell as a list, empty entries kept (they keep the author lists aligned)."""
    if not value:
        return []
    return [v.strip() for v in value.split("|")]


def _record(row: dict[str, str], header: list[str]) -> dict:
    rec: dict = {"DB": "OpenAlex"}
    for column, tag in _COLUMNS.items():
        if row.get(column):
            rec[tag] = row[column]
    if row.get("id"):
        rec["UT"] = "OpenAlex:" + _ID_PREFIX.sub("", row["id"])
    rec["TI"] = row.get("title") or row.get("display_name") or None
    names = [western_name(a) for a in _items(row.get("authorships.author.display_name")) if a]
    rec["AU"] = [short for short, _ in names]
    rec["AF"] = [full for _, full in names]
    institutions = _items(row.get("authorships.institutions.display_name"))
    rec["C1"] = list(dict.fromkeys(i for i in institutions if i))
    flags = _items(row.get("authorships.is_corresponding"))
    authors = _items(row.get("authorships.author.display_name"))
    if flags and len(flags) == len(authors):
        for author, flag, institution in zip(authors, flags, institutions if len(institutions) == len(authors) else []):
            if flag.lower() == "true":
                rec["RP"] = ", ".join(p for p in (western_name(author)[1], institution) if p)
                break
    rec["PY"] = parse_year(row.get("publication_year")) or parse_year(row.get("publication_date"))
    rec["SN"] = (
        row.get("primary_location.source.issn_l") or (_items(row.get("primary_location.source.issn")) or [None])[0]
    )
    rec["DI"] = clean_doi(row.get("doi"))
    if row.get("abstract"):
        rec["AB"] = strip_markup(row["abstract"])
    rec["DE"] = split_values(row.get("keywords.display_name"), ("|",))
    rec["ID"] = split_values(row.get("concepts.display_name") or row.get("topics.display_name"), ("|",))
    rec["SC"] = list(dict.fromkeys(split_values(row.get("topics.field.display_name"), ("|",))))
    funders = split_values(row.get("funders.display_name"), ("|",))
    if funders:
        rec["FU"] = "; ".join(dict.fromkeys(funders))
    count = row.get("cited_by_count", "")
    rec["TC"] = int(count) if count.isdigit() else None
    refs = split_values(row.get("referenced_works"), ("|", " "))
    rec["CR"] = ["OpenAlex:" + _ID_PREFIX.sub("", r) for r in refs]
    nr = row.get("referenced_works_count", "")
    rec["NR"] = int(nr) if nr.isdigit() else None
    kind = (row.get("type") or "").lower()
    source_type = (row.get("primary_location.source.type") or "").lower()
    rec["PT"] = _PUBLICATION_TYPE.get(kind) or _SOURCE_TYPE.get(source_type) or "J"
    if rec.get("SO"):
        rec["J9"] = normalize_source(rec["SO"])
    rec["extra"] = {c: row[c] for c in header if c not in _USED and row.get(c)}
    return rec


SPEC = ReaderSpec(
    name="openalex_csv",
    label="OpenAlex works CSV (dotted columns, '|'-joined lists)",
    database="OpenAlex",
    sniff=sniff,
    read=read,
)
