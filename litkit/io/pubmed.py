"""PubMed MEDLINE export (``.nbib``, "Send to: Citation manager"; ``PMID- …`` tagged lines).

Each line is ``TAG - value`` with the tag left-justified in four characters
(``PMID- 30514039``, ``TI  - …``, ``FAU - Lai, Zhen``); a value that goes on is
continued on lines indented by six spaces; records are separated by blank lines
and each begins with ``PMID-``.  Files often start with an empty line and carry
trailing spaces before a continuation (both are harmless).

=================================  ===========================================
MEDLINE tag                        canonical column
=================================  ===========================================
PMID                               UT (``PMID:30514039``); also ``extra``
AU (or FAU, or CN for a group)     AU, Web of Science short form (``Lai, Z``)
FAU                                AF (``Lai, Zhen``)
TI (BTI for a book)                TI
JT / TA                            SO (and J9 through :func:`~litkit.refs.normalize_source`) / JI
DP                                 PD, PY (first 4-digit year)
VI, IP                             VL, IS
PG                                 BP, EP (NLM's shortened end pages, ``1225-8``, written in full)
LID / AID ``… [doi]``              DI
AB                                 AB
AD                                 C1 (each distinct address once, in order)
OT                                 DE (author keywords)
MH                                 ID (MeSH headings as written, the ``*`` major-topic marks removed)
PT                                 DT (all types, ``; ``-joined) and PT (book records: B, else J)
LA                                 LA
IS ``(Print)``/``(Linking)``       SN; ``IS … (Electronic)`` -> EI
RF                                 NR (number of references the article states)
GR                                 FU
everything else                    ``extra`` under its MEDLINE tag
=================================  ===========================================

MEDLINE records carry no cited references, so ``CR`` stays empty and the
report says so (``has_cited_references = False``).

Rules for imperfect files (each case reported with file and line):

* ``records_in_file`` is the number of ``PMID-`` lines;
* a line that is neither a tag line nor a continuation is added to the field
  before it and reported (a re-saved file that lost its indentation);
* text before the first ``PMID-`` line is ignored and reported (the ``<pre>``
  and ``</pre>`` lines of a MEDLINE display saved from the browser are ignored
  silently);
* a record without ``SO`` (every MEDLINE record ends with its ``SO`` citation
  line) may be cut: it is kept when it has a title and reported; a record with
  neither title nor authors is skipped and reported.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("pubmed-export.nbib")              # doctest: +SKIP
>>> corpus.df.loc[0, ["UT", "AU", "PY", "SO", "DI"]]         # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..refs import normalize_source
from .base import ReaderSpec, clean_doi, parse_year
from .ingest_report import FileReport
from .scopus_csv import wos_short_author
from .sniff import TextSource

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,2}- ?(.*)$")
_PMID_LINE = re.compile(r"^PMID- ?\d")
_CONTINUATION = "      "
_BOOK_TAGS = {"BTI", "CTI", "ISBN"}


def sniff(head: list[str]) -> bool:
    """True when the first tag line is ``PMID- <number>`` (MEDLINE records all begin with it).

    Examples
    --------
    >>> sniff(["PMID- 30514039", "OWN - NLM"]), sniff(["PT J", "AU Smith, J"])
    (True, False)
    """
    for line in head[:5]:
        if _PMID_LINE.match(line):
            return True
        if _TAG_LINE.match(line):
            return False
    return False


def medline_author(name: str) -> str:
    """MEDLINE ``AU`` (``"Lai Z"``, ``"van der Berg JA"``) in Web of Science short form.

    Examples
    --------
    >>> medline_author("Lai Z"), medline_author("van der Berg JA"), medline_author("WHO Study Group")
    ('Lai, Z', 'van der Berg, JA', 'WHO Study Group')
    """
    name = " ".join(name.split())
    m = re.match(r"^(.+?) ([A-Z]{1,4})$", name)
    return f"{m.group(1)}, {m.group(2)}" if m else name


def full_pages(pages: str) -> tuple[str | None, str | None]:
    """``PG`` as (BP, EP), NLM's shortened end page written in full.

    Examples
    --------
    >>> full_pages("1225-8"), full_pages("e82-e89"), full_pages("2"), full_pages("")
    (('1225', '1228'), ('e82', 'e89'), ('2', None), (None, None))
    """
    first = pages.split(";")[0].split(",")[0].strip()  # "12-4; discussion 15" -> the article itself
    if not first:
        return None, None
    if "-" not in first:
        return first, None
    begin, end = (p.strip() for p in first.split("-", 1))
    if begin.isdigit() and end.isdigit() and len(end) < len(begin):
        end = begin[: len(begin) - len(end)] + end
    return begin or None, end or None


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per ``PMID-`` record (see the module docstring for the rules)."""
    report.has_cited_references = False
    index = 0
    fields: list[list] = []  # [tag, value, line]
    start = 0
    preamble_reported = False
    for lineno, line in enumerate(source.lines(), 1):
        if not line.strip() or line.strip().lower() in ("<pre>", "</pre>"):
            continue  # blank, or the <pre> wrapper of a MEDLINE display saved from the browser
        if _PMID_LINE.match(line):
            if fields:
                rec = _record(fields, start, index, report)
                if rec is not None:
                    yield rec
                index += 1
            fields, start = [], lineno
            report.records_in_file += 1
        elif not fields:
            if not preamble_reported:
                report.problem(lineno, f"text before the first PMID line ignored: {line[:60]!r}", "note")
                preamble_reported = True
            continue
        if line.startswith(_CONTINUATION) or (line[:1] == " " and line.strip()):
            fields[-1][1] += " " + line.strip()
            continue
        m = _TAG_LINE.match(line)
        if m and (len(line) < 5 or line[4] == "-"):
            fields.append([m.group(1), m.group(2).strip(), lineno])
            continue
        report.problem(lineno, f"line is no MEDLINE tag line; joined to field {fields[-1][0]}", "kept", index)
        fields[-1][1] += " " + line.strip()
    if fields:
        rec = _record(fields, start, index, report)
        if rec is not None:
            yield rec


def _record(fields: list[list], start: int, index: int, report: FileReport) -> dict | None:
    values: dict[str, list[str]] = {}
    for tag, value, _ in fields:
        if value:
            values.setdefault(tag, []).append(value)
    first = lambda tag: (values.get(tag) or [""])[0]
    title = first("TI") or first("BTI")
    if not title and not values.get("AU") and not values.get("FAU"):
        report.problem(start, "MEDLINE record with neither title nor authors (cut?): skipped", "skipped", index)
        return None
    if "SO" not in values:
        report.problem(
            start, "record has no SO line (every MEDLINE record ends with one): it may be cut", "kept", index
        )
    rec: dict = {"DB": "PubMed", "source_line": start}
    pmid = first("PMID")
    if pmid:
        rec["UT"] = "PMID:" + pmid
    if values.get("AU"):
        rec["AU"] = [medline_author(a) for a in values["AU"]]
    elif values.get("FAU"):
        rec["AU"] = [_short_from_full(a) for a in values["FAU"]]
    else:
        rec["AU"] = list(values.get("CN", []))  # a group author only
    rec["AF"] = list(values.get("FAU", []))
    rec["TI"] = title or None
    rec["SO"] = first("JT") or first("TA") or None
    rec["JI"] = first("TA") or None
    if rec["SO"]:
        rec["J9"] = normalize_source(rec["SO"])
    rec["PD"] = first("DP") or None
    rec["PY"] = parse_year(first("DP")) or parse_year(first("DEP"))
    rec["VL"] = first("VI") or None
    rec["IS"] = first("IP") or None
    rec["BP"], rec["EP"] = full_pages(first("PG"))
    rec["DI"] = _doi(values.get("LID", []) + values.get("AID", []))
    rec["AB"] = first("AB") or None
    addresses: list[str] = []
    for ad in values.get("AD", []):
        if ad not in addresses:
            addresses.append(ad)
    rec["C1"] = addresses
    rec["DE"] = list(values.get("OT", []))
    rec["ID"] = [h.replace("*", "") for h in values.get("MH", [])]
    types = values.get("PT", [])
    rec["DT"] = "; ".join(types) or None
    rec["PT"] = "B" if _BOOK_TAGS & values.keys() else "J"
    rec["LA"] = "; ".join(values.get("LA", [])) or None
    for issn in values.get("IS", []):
        number, _, kind = issn.partition(" ")
        column = "EI" if "electronic" in kind.lower() else "SN"
        rec.setdefault(column, number)
    nr = first("RF")
    rec["NR"] = int(nr) if nr.isdigit() else None
    rec["FU"] = "\n".join(values.get("GR", [])) or None
    rec["PU"] = first("PB") or None
    used = {"AU", "FAU", "TI", "BTI", "JT", "TA", "DP", "VI", "IP", "PG", "AB", "AD", "OT", "MH", "PT", "LA", "IS"}
    used |= {"RF", "GR", "PB"}
    rec["extra"] = {tag: (v[0] if len(v) == 1 else v) for tag, v in values.items() if tag not in used}
    return rec


def _short_from_full(name: str) -> str:
    surname, _, given = name.partition(",")
    return wos_short_author(surname.strip(), given.strip()) if given.strip() else surname.strip()


def _doi(ids: list[str]) -> str | None:
    for value in ids:
        if value.endswith("[doi]"):
            return clean_doi(value[: -len("[doi]")])
    return None


SPEC = ReaderSpec(
    name="pubmed",
    label="PubMed MEDLINE (.nbib, 'PMID- ' tagged)",
    database="PubMed",
    sniff=sniff,
    read=read,
)
