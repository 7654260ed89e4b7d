"""CNKI EndNote / Refer export (``%0 … %A … %T … %J … %K … %W CNKI``).

One record starts at each ``%0`` line -- records need not be separated by a
blank line, and CNKI puts blank lines *inside* thesis abstracts, so blank
lines mean nothing here.  A tag is ``%`` plus one character and a space.
Lines without a tag continue the field above them (multi-paragraph thesis
abstracts).  CNKI writes one ``%A`` line per author; its web view puts several
on one line (``%A 张三%A 李四``), which is split too.

======  ============================================  ======================
tag     CNKI meaning                                  canonical column
======  ============================================  ======================
%0      reference type (Journal Article, Thesis, …)   PT / DT
%A      author (one per line)                         AU, AF
%+      affiliations (``;`` or ``;;``)                C1
%T      title                                         TI
%J      journal / proceedings                         SO
%B      conference / secondary title                  SO when %J is absent
%D      year                                          PY
%8      date                                          PD
%V, %N  volume, issue                                 VL, IS
%P      pages                                         BP, EP
%K      keywords (``;;`` or ``;``)                     DE
%X      abstract                                      AB
%@      ISSN / ISBN                                   SN
%L      刊号 (CN serial number)                        extra["cn"]
%I      degree-granting university (thesis) or        SO (thesis) / PU
        publisher
%9      thesis type 硕士/博士                          DT
%Y      thesis advisors                               extra["advisors"]
%C      place                                         extra["place"]
%U      link                                          URL
%R      DOI                                           DI
%G      language                                      LA
======  ============================================  ======================

``%W CNKI`` (data source) is recognised and dropped; a record whose ``%W``
names another source (a Refer file from 万方 or VIP read by the same reader)
gets ``DB = "other"`` and keeps ``%W`` in ``extra``.  Other tags go to
``extra`` under their own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._cnki_common import Block, Fields, read_tagged
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource

_TAG = re.compile(r"^(%[0-9A-Za-z@+#$!&()*^~><|\[\]])(?: (.*)|)$")

_MAP = {
    "%0": "type",
    "%A": "authors",
    "%+": "affiliations",
    "%T": "title",
    "%J": "source",
    "%D": "year",
    "%8": "pubdate",
    "%V": "volume",
    "%N": "issue",
    "%P": "pages",
    "%K": "keywords",
    "%X": "abstract",
    "%@": "issn",
    "%L": "cn",
    "%9": "degree",
    "%Y": "advisors",
    "%C": "place",
    "%U": "url",
    "%R": "doi",
    "%G": "language",
    "%B": "conference",
    "%Z": "notes",
}
_SILENT = {"%W"}
_FREE_TEXT = {"%X", "%T", "%+", "%K", "%Z", "%J"}


def _match(line: str) -> tuple[str, str] | None:
    m = _TAG.match(line.rstrip())
    if not m:
        return None
    return m.group(1), (m.group(2) or "").strip()


def _fields(block: Block) -> Fields:
    f = Fields()
    rtype = next((e.value for e in block.entries if e.tag == "%0"), "")
    thesis = "thesis" in rtype.lower() or "dissertation" in rtype.lower()
    for e in block.entries:
        if e.tag == "%A":
            for name in e.value.split("%A"):  # "%A 张三%A 李四" on one line
                f.add("authors", name)
        elif e.tag == "%I":
            f.add("institution" if thesis else "publisher", e.value)
        elif e.tag == "%@" and re.fullmatch(r"[\d\-Xx]{13,17}", e.value.strip()):
            f.add("isbn", e.value)
        elif e.tag in _MAP:
            f.add(_MAP[e.tag], e.value)
        elif e.tag == "%W" and e.value.strip().upper() != "CNKI":
            f.keep("%W", e.value)  # another data source (e.g. 万方数据): the record is not CNKI's
        elif e.tag in _SILENT:
            continue
        else:
            f.keep(e.tag, e.value)
    return f


def sniff(head: list[str]) -> bool:
    """An EndNote/Refer file starts with ``%0 <type>`` and has ``%T``, ``%A`` or ``%W CNKI``.

    ``%A`` counts too: a download cut inside its first record may stop before
    the title, and that record must still be read (and reported as cut short).
    """
    if not head or not re.match(r"^%0 \S", head[0]):
        return False
    tags = {m[0] for m in map(_match, head[1:40]) if m}
    return bool(tags & {"%T", "%A", "%W"})


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per ``%0`` record of a CNKI EndNote export."""
    for rec in read_tagged(
        source.lines(),
        report,
        match_tag=_match,
        is_start=lambda tag, value: tag == "%0",
        to_fields=_fields,
        free_text_tags=_FREE_TEXT,
    ):
        if rec["extra"] and "%W" in rec["extra"]:
            rec["DB"] = "other"
        yield rec


SPEC = ReaderSpec(
    name="cnki_endnote", label="CNKI EndNote/Refer (%0/%A/%T/%J … %W CNKI)", database="CNKI", sniff=sniff, read=read
)
