"""CNKI RefWorks export (``RT … SR … A1 … T1 … JF … YR … DS CNKI``).

One record starts at each ``RT`` line (``RT Journal Article``,
``RT Dissertation/Thesis``, ``RT Conference Proceeding``, ``RT Newspaper
Article``, ``RT Standard``, ``RT Patent``, ``RT Other Article``, …); a tag is
two characters (``vo`` for the volume is lower case, ``URL`` has three) and is
usually followed by a space, though CNKI also writes ``A1林行众`` without one.
Lines without a tag continue the field above them: CNKI wraps long thesis
abstracts over several lines.

Tags and where they go:

======  =====================================  ====================================
tag     CNKI meaning                           canonical column
======  =====================================  ====================================
RT      reference type                         PT / DT
A1      authors, ``;``-separated (old: ``,``)  AU, AF
A3      thesis advisors                        extra["advisors"]
AD      affiliations                           C1
T1      title                                  TI
JF/JO   journal, proceedings, newspaper        SO
PB      degree-granting university (thesis),   SO (thesis) / PU
        publisher / organiser otherwise
CL      degree (硕士/博士) or patent kind       DT (thesis), extra
YR/FD   year / full date                       PY / PD
vo, IS  volume, issue                          VL, IS
OP      pages ``72-74``                        BP, EP
K1      keywords                               DE
AB      abstract                               AB
SN      ISSN                                   SN
CN      刊号 (CN serial number)                 extra["cn"]
LA      language ``中文;``                      LA (``Chinese``)
LK/URL  link                                   URL
DO      DOI                                    DI
PP      place of a conference                  extra["place"]
DB      CNKI sub-database (年鉴, 中国专利 …)     DT when RT says little, extra
======  =====================================  ====================================

Any other tag is kept in ``extra`` under its own name.  Online-first records
have no ``YR``; their year is read from the date in their
``link.cnki.net/urlid/…`` link (see :mod:`litkit.io._cnki_common`).

Examples
--------
>>> import litkit
>>> corpus = litkit.read("CNKI.txt")          # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._cnki_common import Block, Fields, read_tagged
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource

# The RefWorks tagged-format vocabulary (RefWorks "Tagged Format" field list, as CNKI uses it).
# Only these count as tags, so that a wrapped abstract line such as "UV 辐射…" or "US policy…"
# stays part of the abstract.
_TAGS = (
    "RT SR ID A1 A2 A3 A4 A5 A6 AU T1 T2 T3 JF JO YR FD VO vo IS SP OP K1 AB NO ED PB PP SN "
    "AV AD AN LA CL SF OT LK DO CN DB DS IP RD ST UL URL SL LL CR WT WV WP OL "
    + " ".join(f"U{i}" for i in range(1, 16))
).split()
# A tag, then a space, the end of the line, or directly a non-ASCII character ("A1林行众").
_TAG = re.compile(r"^(" + "|".join(sorted(_TAGS, key=len, reverse=True)) + r")(?: ?$| (.*)$|(?=[^\x00-\x7f])(.*)$)")

_MAP = {
    "RT": "type",
    "A1": "authors",
    "AU": "authors",
    "A3": "advisors",
    "AD": "affiliations",
    "T1": "title",
    "JF": "source",
    "JO": "source",
    "YR": "year",
    "FD": "pubdate",
    "vo": "volume",
    "VO": "volume",
    "IS": "issue",
    "OP": "pages",
    "SP": "pages",
    "K1": "keywords",
    "AB": "abstract",
    "SN": "issn",
    "CN": "cn",
    "LA": "language",
    "LK": "url",
    "URL": "url",
    "UL": "url",
    "DO": "doi",
    "PP": "place",
    "DB": "database",
    "NO": "notes",
}
_SILENT = {"SR", "DS"}  # print/electronic flag and the "CNKI" data-source stamp
_FREE_TEXT = {"AB", "T1", "AD", "NO", "K1", "JF"}


def _match(line: str) -> tuple[str, str] | None:
    m = _TAG.match(line)
    if not m:
        return None
    value = m.group(2) if m.group(2) is not None else (m.group(3) or "")
    return m.group(1), value.strip()


def _fields(block: Block) -> Fields:
    f = Fields()
    rtype = next((e.value for e in block.entries if e.tag == "RT"), "")
    thesis = "thesis" in rtype.lower() or "dissertation" in rtype.lower()
    for e in block.entries:
        if e.tag == "PB":
            f.add("institution" if thesis else "publisher", e.value)
        elif e.tag == "CL":
            if thesis:
                f.add("degree", e.value)
            else:
                f.keep("CL", e.value)
        elif e.tag in _MAP:
            f.add(_MAP[e.tag], e.value)
        elif e.tag in _SILENT:
            continue
        else:
            f.keep(e.tag, e.value)
    return f


def sniff(head: list[str]) -> bool:
    """A CNKI RefWorks file starts with ``RT <type>`` and carries RefWorks tags."""
    if not head or not re.match(r"^RT\s+\S", head[0]):
        return False
    tags = {m[0] for m in map(_match, head[1:30]) if m}
    return "DS" in tags or {"T1", "SR"} <= tags or {"T1", "A1"} <= tags


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per ``RT`` record of a CNKI RefWorks export."""
    yield from read_tagged(
        source.lines(),
        report,
        match_tag=_match,
        is_start=lambda tag, value: tag == "RT",
        to_fields=_fields,
        free_text_tags=_FREE_TEXT,
    )


SPEC = ReaderSpec(
    name="cnki_refworks", label="CNKI RefWorks (RT/A1/T1/JF/YR … DS CNKI)", database="CNKI", sniff=sniff, read=read
)
