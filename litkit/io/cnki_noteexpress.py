"""CNKI NoteExpress export (``.net``: ``{Reference Type}: Journal Article`` …).

One record starts at each ``{Reference Type}:`` line.  Fields are
``{Name}: value`` lines; a line without ``{…}:`` continues the field above it
(old CNKI records wrap ``{Author Address}`` over several lines).  Authors come
on one ``{Author}`` line separated by ``;``, ``;;`` or, in old records, ``,``;
abstracts mark line breaks with ``(#br)``.

==========================  ===================================  ==================
field                       CNKI meaning                         canonical column
==========================  ===================================  ==================
Reference Type              Journal Article, Thesis, Conference  PT / DT
                            Proceedings, Newspaper Article,
                            Book, Patent, Standard
Title, Author               title, authors                       TI, AU/AF
Author Address              affiliations                         C1
Journal / Secondary Title   journal; conference or newspaper     SO
Tertiary Title              proceedings volume title             SO (conference)
Publisher                   degree-granting university (thesis)  SO (thesis) / PU
Type of Work                硕士 / 博士 (thesis)                   DT
Tertiary Author             thesis advisor                       extra["advisors"]
Year, Date                  year, full date                      PY, PD
Volume, Issue, Pages        volume, issue, pages                 VL, IS, BP/EP
Keywords                    keywords                             DE
Abstract                    abstract (``(#br)`` -> newline)       AB
ISBN/ISSN, ISBN             ISSN / ISBN                          SN / BN
Notes                       刊号 (CN serial number)               extra["cn"]
Place Published             conference place                     extra["place"]
URL, DOI                    link, DOI                            URL, DI
Language                    language                             LA
SrcDatabase                 CNKI sub-database (年鉴, 中国专利 …)  DT when the type
                                                                 says little
==========================  ===================================  ==================

``{Database Provider}: CNKI`` is dropped; other fields go to ``extra`` under
their own names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._cnki_common import Block, Fields, read_tagged
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource

_TAG = re.compile(r"^\{([^{}]+)\}\s*[:：]\s?(.*)$")

_MAP = {
    "Reference Type": "type",
    "Title": "title",
    "Author": "authors",
    "Author Address": "affiliations",
    "Journal": "source",
    "Year": "year",
    "Date": "pubdate",
    "Volume": "volume",
    "Issue": "issue",
    "Pages": "pages",
    "Keywords": "keywords",
    "Abstract": "abstract",
    "ISBN/ISSN": "issn",
    "ISBN": "isbn",
    "ISSN": "issn",
    "Tertiary Author": "advisors",
    "Type of Work": "degree",
    "Place Published": "place",
    "URL": "url",
    "DOI": "doi",
    "Language": "language",
    "SrcDatabase": "database",
    "Fund": "fund",
}
_SILENT = {"Database Provider"}
_FREE_TEXT = {"Abstract", "Title", "Author Address", "Keywords", "Subject", "Notes"}
_CN_NUMBER = re.compile(r"^\d{2}-\d{4}(/[A-Z0-9.]+)?$")  # 刊号 like 11-1958/O4 or 11-0090


def _match(line: str) -> tuple[str, str] | None:
    m = _TAG.match(line.strip())
    if not m:
        return None
    return m.group(1).strip().rstrip(","), m.group(2).strip()


def _fields(block: Block) -> Fields:
    f = Fields()
    rtype = next((e.value for e in block.entries if e.tag == "Reference Type"), "").lower()
    thesis = "thesis" in rtype or "dissertation" in rtype
    conference = "conference" in rtype or "proceeding" in rtype
    for e in block.entries:
        tag, value = e.tag, e.value
        if tag == "Type of Work" and not thesis:
            f.keep(tag, value)  # patents carry their number here
        elif tag == "Publisher":
            f.add("institution" if thesis else "publisher", value)
        elif tag == "Secondary Title":
            f.add("conference" if conference else "source", value)
        elif tag == "Tertiary Title":
            f.add("source" if conference else "notes", value)
        elif tag == "Notes":
            f.add("cn" if _CN_NUMBER.match(value) else "notes", value)
        elif tag.endswith("ISBN") and tag != "ISBN/ISSN":  # e.g. 图书印刷版ISBN
            f.add("isbn", value)
        elif tag in _MAP:
            f.add(_MAP[tag], value)
        elif tag in _SILENT:
            continue
        else:
            f.keep(tag, value)
    return f


def sniff(head: list[str]) -> bool:
    """A NoteExpress file starts with ``{Reference Type}:``."""
    return bool(head) and bool(re.match(r"^\{Reference Type\}\s*[:：]", head[0].strip()))


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per ``{Reference Type}`` record of a NoteExpress export."""
    yield from read_tagged(
        source.lines(),
        report,
        match_tag=_match,
        is_start=lambda tag, value: tag == "Reference Type",
        to_fields=_fields,
        free_text_tags=_FREE_TEXT,
    )


SPEC = ReaderSpec(
    name="cnki_noteexpress",
    label="CNKI NoteExpress ({Reference Type}: … .net)",
    database="CNKI",
    sniff=sniff,
    read=read,
)
