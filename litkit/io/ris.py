"""RIS (``TY  - JOUR … ER  -``) as written by Zotero, EndNote, Mendeley, Scopus and Web of Science.

Tag lines are parsed by `rispy <https://github.com/MrTango/rispy>`_; this
module cuts the file into records, decides each record's database and maps
the tags to the canonical columns:

=============================  =============================================
RIS tag                        canonical column
=============================  =============================================
TY                             PT (JOUR -> J, CONF/CPAPER -> C, BOOK/CHAP -> B,
                               THES -> T) and DT (M3 when given, else TY)
AU, A1                         AU (WoS short form ``Costanza, R``) and AF
TI, T1                         TI
T2, JF, JO, JA                 SO (the first present, in that order)
J2, JA                         JI
PY, Y1, DA                     PY (first 4-digit year), PD
VL, IS, SP, EP, C7             VL, IS, BP, EP, AR
DO, SN, PB, LA, AB/N2, UR      DI, SN, PU, LA, AB, URL
KW                             DE
AD                             C1
AN                             UT when it is a WoS accession number (``WOS:…``)
N1                             Scopus ``Cited By: n`` -> TC, Scopus
                               ``References:`` -> CR (one reference per line);
                               other notes -> ``extra``
=============================  =============================================

The database is decided per record from content: ``DB  - Scopus`` or a
``scopus.com`` URL -> Scopus (UT = the EID in the URL); ``AN  - WOS:…`` or
``DB  - Web of Science`` -> WoS; anything else -> ``other``.

Rules for imperfect files (each case reported with file and line):

* ``records_in_file`` is the number of ``TY  -`` lines;
* each record (from its ``TY`` line to the next) is parsed on its own, so a
  broken record never takes its neighbours with it (rispy silently drops a
  record without ``ER``);
* a record without ``ER`` (a file cut short, or ``ER`` missing) is kept when it
  has a title, and skipped otherwise; either way it is reported, because its
  last field may be cut;
* non-blank text between an ``ER`` and the next ``TY`` is ignored and reported;
* a file whose tags are written with one space before the hyphen (``TY - JOUR``,
  not ``TY  - JOUR``) is read as RIS, with a note; in a file with any ``TY  -``
  line only the standard form is a tag.

The sniffer accepts a file whose first tag line is ``TY  -`` (or ``TY -``); CNKI RefWorks
(``RT …``) and CNKI EndNote (``%0 …``) are different formats with their own
readers and are not claimed.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("zotero_export.ris")               # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..refs import normalize_source
from .base import ReaderSpec, clean_doi, parse_year, split_values
from .ingest_report import FileReport
from .scopus_csv import wos_short_author
from .sniff import TextSource

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_TY_LINE = re.compile(r"^TY  - ")
_ER_LINE = re.compile(r"^ER  -\s*$")
# Some tools (and hand edits) write one space before the hyphen: "TY - JOUR".  Only in a file whose
# TY lines are all so written are such lines tags ("US - based" may begin a wrapped abstract line).
_ONE_SPACE_TY = re.compile(r"^TY - ")
_ONE_SPACE_TAG = re.compile(r"^([A-Z][A-Z0-9]) -(?= |$)")
_SCOPUS_EID_IN_URL = re.compile(r"eid=(2-s2\.0-\d+)")
_PUBLICATION_TYPE = {
    "JOUR": "J",
    "JFULL": "J",
    "EJOUR": "J",
    "MGZN": "J",
    "CONF": "C",
    "CPAPER": "C",
    "BOOK": "B",
    "CHAP": "B",
    "EBOOK": "B",
    "ECHAP": "B",
    "EDBOOK": "B",
    "THES": "T",
}


def sniff(head: list[str]) -> bool:
    """True when the first tag line is ``TY  - …`` (a header line or two before it is allowed)."""
    for line in head[:10]:
        if _TY_LINE.match(line) or _ONE_SPACE_TY.match(line):
            return True
        if _TAG_LINE.match(line) or re.match(r"^(RT|%0|PT|FN) ", line):
            return False  # another tagged format (CNKI RefWorks, CNKI EndNote, WoS)
    return False


def _name(author: str) -> tuple[str, str]:
    """``"Costanza, Robert"`` -> (AU short, AF full); ``"Robert Costanza"`` is turned round."""
    author = " ".join(author.split())
    if "," in author:
        surname, given = (p.strip() for p in author.split(",", 1))
    elif re.search(r"[\u3400-\u9fff]", author) or " " not in author:
        return author, author  # a Chinese name or a single word: kept as written
    else:
        parts = author.rsplit(" ", 1)
        given, surname = parts[0], parts[1]
    full = f"{surname}, {given}" if given else surname
    return (wos_short_author(surname, given) if given else surname), full


def _database(entry: dict) -> str:
    db = str(entry.get("name_of_database", "")).strip().lower()
    urls = " ".join(entry.get("urls", []) or [])
    if db == "scopus" or "scopus.com" in urls:
        return "Scopus"
    if str(entry.get("accession_number", "")).upper().startswith("WOS:") or "web of science" in db:
        return "WoS"
    return "other"


def _scopus_references(lines: list[str]) -> list[str]:
    """The ``N1  - References:`` note of a Scopus RIS record: one reference per line, ';'-ended."""
    refs: list[str] = []
    inside = False
    for line in lines:
        m = _TAG_LINE.match(line)
        if m:
            inside = m.group(1) == "N1" and m.group(2).startswith("References:")
            if not inside:
                continue
            line = m.group(2)[len("References:") :]
        elif not inside:
            continue
        line = line.strip()
        if line:
            refs.append(line[:-1].rstrip() if line.endswith(";") else line)
    return refs


def entry_to_record(entry: dict, lines: list[str]) -> dict:
    """Map one rispy entry (plus the record's raw lines, for Scopus references) to a canonical record."""
    first = lambda *keys: next((str(entry[k]).strip() for k in keys if entry.get(k)), "")
    db = _database(entry)
    rec: dict = {"DB": db}
    extra: dict = {}
    ty = first("type_of_reference").upper()
    rec["PT"] = _PUBLICATION_TYPE.get(ty, "J")
    rec["DT"] = first("type_of_work") or ty or None
    names = list(entry.get("authors") or []) + list(entry.get("first_authors") or [])
    au, af = [], []
    for name in names:
        short, full = _name(name)
        if short and short not in au:
            au.append(short)
            af.append(full)
    rec["AU"], rec["AF"] = au, af
    rec["TI"] = " ".join(first("title", "primary_title").split()) or None
    rec["SO"] = first("secondary_title", "alternate_title3", "journal_name", "alternate_title2") or None
    rec["JI"] = first("alternate_title1", "alternate_title2") or None
    if rec["SO"]:
        rec["J9"] = normalize_source(rec["SO"])
    date = first("year", "publication_year", "date")
    rec["PY"] = parse_year(date)
    rec["PD"] = first("date") or None
    for key, col in (
        ("volume", "VL"),
        ("number", "IS"),
        ("start_page", "BP"),
        ("end_page", "EP"),
        ("publisher", "PU"),
        ("language", "LA"),
    ):
        rec[col] = first(key) or None
    if rec["BP"] and not rec["EP"] and re.fullmatch(r"\S+\s*[-–]\s*\S+", rec["BP"]):
        rec["BP"], rec["EP"] = (p.strip() for p in re.split(r"[-–]", rec["BP"], maxsplit=1))
    rec["AR"] = first("custom7") or None
    rec["DI"] = clean_doi(first("doi"))
    rec["SN"] = first("issn") or None
    rec["AB"] = " ".join(first("abstract", "notes_abstract").split()) or None
    urls = entry.get("urls") or []
    rec["URL"] = urls[0] if urls else None
    keywords: list[str] = []
    for kw in entry.get("keywords") or []:
        keywords.extend(split_values(kw, (";",)))  # some writers put all keywords on one KW line
    rec["DE"] = keywords
    rec["C1"] = (
        [a.strip() for a in (entry.get("author_address") or "").split("\n") if a.strip()]
        if isinstance(entry.get("author_address"), str)
        else list(entry.get("author_address") or [])
    )
    an = first("accession_number")
    if db == "WoS" and an:
        rec["UT"] = an
    elif db == "Scopus":
        m = _SCOPUS_EID_IN_URL.search(" ".join(urls))
        if m:
            rec["UT"] = m.group(1)
        elif an.startswith("2-s2.0-"):
            rec["UT"] = an
    notes = entry.get("notes") or []
    if isinstance(notes, str):
        notes = [notes]
    scopus_refs = _scopus_references(lines) if db == "Scopus" else []
    # rispy turns each continuation line of the References note into a note of its own
    reference_lines = {r.rstrip(" ;") for r in scopus_refs}
    kept_notes = []
    for note in notes:
        note = str(note)
        if note.rstrip(" ;") in reference_lines:
            continue
        cited = re.match(r"\s*Cited By\s*:?\s*(\d+)\s*$", note, re.I)
        if cited:
            rec["TC"] = int(cited.group(1))
        elif not note.startswith("References:"):
            kept_notes.append(" ".join(note.split()))
    if db == "Scopus":
        rec["CR"] = scopus_refs
    if kept_notes:
        extra["N1"] = kept_notes
    used = {
        "type_of_reference",
        "type_of_work",
        "authors",
        "first_authors",
        "title",
        "primary_title",
        "secondary_title",
        "alternate_title3",
        "journal_name",
        "alternate_title2",
        "alternate_title1",
        "year",
        "publication_year",
        "date",
        "volume",
        "number",
        "start_page",
        "end_page",
        "publisher",
        "language",
        "custom7",
        "doi",
        "issn",
        "abstract",
        "notes_abstract",
        "urls",
        "keywords",
        "author_address",
        "notes",
        "end_of_reference",
        "name_of_database",
    }
    for key, value in entry.items():
        if key in used or key == "unknown_tag" or not value:
            continue
        if key == "accession_number" and rec.get("UT") == an:
            continue
        extra[key] = value
    for tag, values in (entry.get("unknown_tag") or {}).items():
        extra[tag] = list(values)
    rec["extra"] = extra
    return {k: v for k, v in rec.items() if v is not None}


def _records(lines: list[str]) -> Iterator[tuple[int, list[str], bool]]:
    """(first line number, lines, closed by ER) per record; text outside records is yielded with line -n."""
    start = None
    current: list[str] = []
    outside: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if _TY_LINE.match(line):
            if start is not None:
                yield start, current, False
            start, current = number, [line]
            continue
        if start is None:
            if line.strip():
                outside.append((number, line))
            continue
        current.append(line)
        if _ER_LINE.match(line):
            yield start, current, True
            start, current = None, []
    if start is not None:
        yield start, current, False
    for number, line in outside:
        yield -number, [line], False


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per RIS record (see the module docstring for the rules)."""
    import rispy

    lines = list(source.lines())
    if not any(_TY_LINE.match(line) for line in lines):
        first_ty = next((i for i, line in enumerate(lines, 1) if _ONE_SPACE_TY.match(line)), None)
        if first_ty is not None:
            lines = [_ONE_SPACE_TAG.sub(r"\1  -", line) for line in lines]
            report.problem(
                first_ty, "tags written 'TY - ' (one space before the hyphen, not RIS's two); read as tags", "note"
            )
    report.has_cited_references = False
    index = 0
    for start, rec_lines, closed in _records(lines):
        if start < 0:  # non-blank text outside any record
            report.problem(-start, f"text outside a record ignored: {rec_lines[0][:60]!r}", "note")
            continue
        report.records_in_file += 1
        body = rec_lines if closed else rec_lines + ["ER  - "]
        try:
            entries = rispy.loads("\n".join(body) + "\n")
        except Exception as exc:  # rispy raises on lines it cannot place
            entries = []
            why = f" ({exc})"
        else:
            why = ""
        if not entries:
            report.problem(start, "RIS record cannot be parsed" + why, "skipped", index)
            index += 1
            continue
        rec = entry_to_record(entries[0], rec_lines)
        if not closed:
            if not rec.get("TI"):
                report.problem(start, "record has no ER line and no title (file cut short?)", "skipped", index)
                index += 1
                continue
            report.problem(
                start, "record has no ER line (file cut short?); kept, its last field may be incomplete", "kept", index
            )
        if rec.get("CR"):
            report.has_cited_references = True
        rec["source_line"] = start
        index += 1
        yield rec


SPEC = ReaderSpec(
    name="ris",
    label="RIS (Zotero, EndNote, Mendeley, Scopus, WoS)",
    database="",
    sniff=sniff,
    read=read,
)
