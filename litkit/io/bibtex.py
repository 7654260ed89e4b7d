"""BibTeX as written by Web of Science, Scopus, Zotero, Mendeley and JabRef.

Parsing is done by `bibtexparser <https://bibtexparser.readthedocs.io>`_ (1.x);
this module decides which database each entry came from and maps its fields
to the canonical columns.  The database is decided per entry from content:

* **WoS** -- ``Unique-ID = {WOS:…}`` (or a ``WOS:`` citation key).  Fields:
  ``Author`` -> AU/AF, ``Keywords`` -> DE, ``Keywords-Plus`` -> ID,
  ``Cited-References`` (one reference per line) -> CR,
  ``Number-of-Cited-References`` -> NR, ``Times-Cited`` -> TC,
  ``Web-of-Science-Categories`` -> WC, ``Research-Areas`` -> SC,
  ``Journal-ISO`` -> JI, ``Affiliation`` lines -> C1 (the
  ``(Corresponding Author)`` line -> RP), ``Unique-ID`` -> UT.
* **Scopus** -- ``source = {Scopus}`` or a ``scopus.com`` URL.  Fields:
  ``author_keywords`` -> DE, ``keywords`` (index keywords) -> ID,
  ``references`` (``"; "``-separated) -> CR, ``note = {Cited by: 52}`` -> TC,
  ``abbrev_source_title`` -> JI, ``affiliations`` -> C1,
  ``correspondence_address`` -> RP, the EID in the URL -> UT.
* **other** -- anything else (Zotero, Mendeley, JabRef…): ``keywords`` -> DE
  (split on ``;`` when present, else on ``,``), ``journal``/``journaltitle``/
  ``booktitle`` -> SO, ``date`` -> PY when ``year`` is missing.

Authors (``"and"``-separated, either ``Last, First`` or ``First Last``) become
AU in Web of Science short form (``Costanza, R``) and AF ``Last, First``.
LaTeX accents become Unicode (``{\\"u}`` -> ``ü``), braces and simple
formatting commands are removed.  J9 is derived from the source title with
:func:`~litkit.refs.normalize_source` (BibTeX carries no J9).

Rules for imperfect files (each case reported with file and line):

* ``records_in_file`` counts entry starts (``@type{``), not ``@comment``,
  ``@string`` or ``@preamble``;
* each entry is parsed on its own, so one broken entry cannot take its
  neighbours with it (bibtexparser silently drops an entry it cannot parse,
  e.g. a citation key with a space such as Scopus writes for ``Carmone Jr.``);
* an entry that does not parse is retried once with its citation key's spaces
  replaced by ``_`` and, when its braces are unbalanced (a file cut in the
  middle of its last entry), with the missing closing braces added; if the
  retry parses, the entry is kept and reported, otherwise it is skipped and
  reported.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("savedrecs.bib")                  # doctest: +SKIP
>>> corpus.df.groupby("DB").size()                          # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator

from ..refs import normalize_source, split_scopus_references
from .base import ReaderSpec, clean_doi, parse_year, split_values
from .ingest_report import FileReport
from .scopus_csv import wos_short_author
from .sniff import TextSource

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.M)
_NON_RECORD_TYPES = frozenset({"comment", "string", "preamble"})
_SCOPUS_EID_IN_URL = re.compile(r"eid=(2-s2\.0-\d+)")
_PUBLICATION_TYPE = {
    "article": "J",
    "inproceedings": "C",
    "conference": "C",
    "proceedings": "C",
    "book": "B",
    "incollection": "B",
    "inbook": "B",
    "phdthesis": "T",
    "mastersthesis": "T",
    "thesis": "T",
}


def sniff(head: list[str]) -> bool:
    """True when an entry start ``@type{`` begins one of the first lines."""
    return any(
        _ENTRY_START.match(line) and _ENTRY_START.match(line).group(1).lower() not in _NON_RECORD_TYPES
        for line in head[:60]
    )


# ---------------------------------------------------------------------------------------------
# LaTeX and field values
# ---------------------------------------------------------------------------------------------

_FORMATTING = re.compile(
    r"\\(?:textit|textbf|emph|textrm|textsc|texttt|mathrm|mathit|textsuperscript"
    r"|textsubscript|url|href)\s*"
)


def _latex_to_text(value: str) -> str:
    """LaTeX accents to Unicode, formatting commands and braces removed, whitespace collapsed per line."""
    from bibtexparser.customization import convert_to_unicode

    text = convert_to_unicode({"v": value})["v"]
    text = _FORMATTING.sub("", text)
    text = text.replace("\\&", "&").replace("\\_", "_").replace("\\%", "%").replace("\\$", "$")
    text = text.replace("{", "").replace("}", "")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _authors(value: str) -> tuple[list[str], list[str]]:
    """``"Costanza, Robert and d'Arge, Ralph"`` -> (AU short forms, AF full forms)."""
    from bibtexparser.customization import splitname

    short, full = [], []
    for name in re.split(r"\s+and\s+", _one_line(value)):
        name = name.strip()
        if not name or name.lower() == "others":
            continue
        if name.startswith("{") and name.endswith("}"):  # corporate author, kept whole
            clean = _latex_to_text(name)
            short.append(clean)
            full.append(clean)
            continue
        try:
            parts = splitname(name, strict_mode=False)
        except Exception:  # bibtexparser raises on unbalanced braces in a name
            parts = {"first": [], "von": [], "last": [name], "jr": []}
        last = _latex_to_text(" ".join(parts["von"] + parts["last"]))
        first = _latex_to_text(" ".join(parts["first"]))
        jr = _latex_to_text(" ".join(parts["jr"]))
        short.append(wos_short_author(last, first) if first else last)
        full.append(", ".join(p for p in (last, first, jr) if p))
    return short, full


def _pages(value: str) -> tuple[str | None, str | None]:
    parts = [p.strip() for p in re.split(r"\s*(?:-+|–|—)\s*", _one_line(value)) if p.strip()]
    if not parts:
        return None, None
    return parts[0], (parts[1] if len(parts) > 1 else None)


def _keywords(value: str) -> list[str]:
    value = _one_line(value)
    return split_values(value, (";",) if ";" in value else (",",))


def _int(value: str | None) -> int | None:
    if not value:
        return None
    m = re.search(r"\d+", value)
    return int(m.group(0)) if m else None


# ---------------------------------------------------------------------------------------------
# entry -> canonical record
# ---------------------------------------------------------------------------------------------


def _database(entry: dict) -> str:
    uid = entry.get("unique-id", "")
    if uid.strip().upper().startswith("WOS:") or entry.get("ID", "").upper().startswith("WOS:"):
        return "WoS"
    if entry.get("source", "").strip().lower() == "scopus" or "scopus.com" in entry.get("url", ""):
        return "Scopus"
    return "other"


# fields used for the canonical columns (lower-case keys); the rest go to ``extra``
_USED = {
    "author",
    "title",
    "journal",
    "journaltitle",
    "booktitle",
    "year",
    "date",
    "volume",
    "number",
    "issue",
    "pages",
    "month",
    "abstract",
    "publisher",
    "type",
    "language",
    "doi",
    "issn",
    "eissn",
    "isbn",
    "keywords",
    "keywords-plus",
    "author_keywords",
    "cited-references",
    "references",
    "number-of-cited-references",
    "times-cited",
    "web-of-science-categories",
    "research-areas",
    "journal-iso",
    "abbrev_source_title",
    "affiliation",
    "affiliations",
    "correspondence_address",
    "unique-id",
    "url",
    "article-number",
    "funding-acknowledgement",
    "funding-text",
    "funding_details",
    "funding_text",
    "note",
    "source",
    "ENTRYTYPE",
    "ID",
}


def entry_to_record(entry: dict) -> dict:
    """Map one bibtexparser entry (field names lower-cased) to a canonical record dict."""
    raw = {k: v for k, v in entry.items()}
    get = lambda key: _latex_to_text(raw[key]) if raw.get(key) else ""
    db = _database(raw)
    rec: dict = {"DB": db}
    extra: dict = {}
    etype = raw.get("ENTRYTYPE", "").lower()
    rec["PT"] = _PUBLICATION_TYPE.get(etype, "J")
    if raw.get("author"):
        rec["AU"], rec["AF"] = _authors(raw["author"])
    rec["TI"] = _one_line(get("title")) or None
    rec["SO"] = _one_line(get("journal") or get("journaltitle") or get("booktitle")) or None
    if rec["SO"]:
        rec["J9"] = normalize_source(rec["SO"])
    rec["PY"] = parse_year(get("year")) or parse_year(get("date"))
    for key, col in (
        ("volume", "VL"),
        ("month", "PD"),
        ("publisher", "PU"),
        ("language", "LA"),
        ("issn", "SN"),
        ("eissn", "EI"),
        ("isbn", "BN"),
        ("article-number", "AR"),
    ):
        if get(key):
            rec[col] = _one_line(get(key))
    rec["IS"] = _one_line(get("number") or get("issue")) or None
    rec["DT"] = _one_line(get("type")) or etype.capitalize() or None
    rec["AB"] = _one_line(get("abstract")) or None
    rec["DI"] = clean_doi(_one_line(get("doi")))
    if get("pages"):
        rec["BP"], rec["EP"] = _pages(get("pages"))
    if get("url"):
        rec["URL"] = _one_line(get("url"))
    funding = [get(k) for k in ("funding-acknowledgement", "funding_details", "funding-text", "funding_text") if get(k)]
    if funding:
        rec["FU"] = "\n".join(_one_line(f) for f in funding)

    if db == "WoS":
        rec["UT"] = _one_line(get("unique-id") or raw.get("ID", ""))
        rec["DE"] = _keywords(get("keywords"))
        rec["ID"] = _keywords(get("keywords-plus"))
        rec["CR"] = [_one_line(line) for line in get("cited-references").split("\n") if line.strip()]
        rec["NR"] = _int(get("number-of-cited-references"))
        rec["TC"] = _int(get("times-cited"))
        rec["WC"] = split_values(_one_line(get("web-of-science-categories")), (";",))
        rec["SC"] = split_values(_one_line(get("research-areas")), (";",))
        if get("journal-iso"):
            rec["JI"] = _one_line(get("journal-iso"))
        c1, rp = [], None
        for line in get("affiliation").split("\n"):
            line = line.strip()
            if not line:
                continue
            if "(Corresponding Author)" in line and rp is None:
                rp = line
            else:
                c1.append(line)
        rec["C1"], rec["RP"] = c1, rp
        if get("affiliations"):
            extra["Affiliations"] = _one_line(get("affiliations"))
        if get("note"):
            extra["note"] = _one_line(get("note"))
    elif db == "Scopus":
        m = _SCOPUS_EID_IN_URL.search(raw.get("url", ""))
        if m:
            rec["UT"] = m.group(1)
        rec["DE"] = _keywords(get("author_keywords"))
        rec["ID"] = _keywords(get("keywords"))
        rec["CR"] = split_scopus_references(_one_line(get("references")))
        if get("abbrev_source_title"):
            rec["JI"] = _one_line(get("abbrev_source_title"))
        rec["C1"] = split_values(_one_line(get("affiliations")), ("; ",))
        rec["RP"] = _one_line(get("correspondence_address")) or None
        note = _one_line(get("note"))
        cited = re.search(r"Cited by:\s*(\d+)", note)
        if cited:
            rec["TC"] = int(cited.group(1))
            note = (note[: cited.start()] + note[cited.end() :]).strip(" ;")
        if note:
            extra["note"] = note
    else:
        rec["DE"] = _keywords(get("keywords"))
        rec["C1"] = split_values(_one_line(get("affiliation") or get("affiliations")), (";",))
        if get("note"):
            extra["note"] = _one_line(get("note"))
        if get("references"):
            rec["CR"] = split_values(get("references"), ("\n",))
    for key, value in raw.items():
        if key not in _USED and value and str(value).strip():
            extra[key] = _one_line(_latex_to_text(str(value)))
    extra["bibtex_key"] = raw.get("ID", "")
    extra["bibtex_type"] = etype
    rec["extra"] = extra
    return {k: v for k, v in rec.items() if v is not None}


# ---------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------


def _new_parser():
    from bibtexparser.bparser import BibTexParser

    parser = BibTexParser(
        common_strings=True, ignore_nonstandard_types=False, homogenize_fields=False, interpolate_strings=True
    )
    parser.expect_multiple_parse = True
    return parser


def _parse_chunk(parser, chunk: str) -> list[dict]:
    """Entries bibtexparser finds in ``chunk`` (it logs and drops what it cannot parse)."""
    before = len(parser.bib_database.entries)
    logger = logging.getLogger("bibtexparser")
    previous, logger.disabled = logger.disabled, True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parser.parse(chunk, partial=True)
    except Exception:  # pyparsing errors on badly broken input: nothing usable in the chunk
        return []
    finally:
        logger.disabled = previous
    return parser.bib_database.entries[before:]


def _repair(chunk: str) -> tuple[str, list[str]]:
    """A repaired copy of a chunk that did not parse, and what was changed."""
    changes = []
    m = re.match(r"(\s*@\s*\w+\s*[{(])([^,\n]*)(,)", chunk)
    if m and re.search(r"\s", m.group(2).strip()):
        chunk = m.group(1) + re.sub(r"\s+", "_", m.group(2).strip()) + chunk[m.end(2) :]
        changes.append(f"citation key {m.group(2).strip()!r} contains a space")
    depth = chunk.count("{") - chunk.count("}")
    if depth > 0:
        chunk = chunk.rstrip().rstrip(",") + "}" * depth + "\n"
        changes.append(
            f"entry not closed ({depth} brace(s) missing; the file may be cut short, "
            "so its last field may be incomplete)"
        )
    return chunk, changes


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per BibTeX entry (see the module docstring for the rules)."""
    text = source.read_text()
    starts = [(m.start(), m.group(1).lower()) for m in _ENTRY_START.finditer(text)]
    parser = _new_parser()
    report.has_cited_references = False
    index = 0
    line_of = _LineIndex(text)
    for i, (start, etype) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        chunk = text[start:end]
        line = line_of(start)
        if etype in _NON_RECORD_TYPES:
            _parse_chunk(parser, chunk)  # @string definitions are kept for later entries
            continue
        report.records_in_file += 1
        entries = _parse_chunk(parser, chunk)
        changes: list[str] = []
        if not entries:
            repaired, changes = _repair(chunk)
            entries = _parse_chunk(parser, repaired) if changes else []
            if not entries:
                report.problem(
                    line,
                    f"BibTeX entry @{etype} cannot be parsed" + (f" ({'; '.join(changes)})" if changes else ""),
                    "skipped",
                    index,
                )
                index += 1
                continue
            report.problem(line, "entry read after repair: " + "; ".join(changes), "kept", index)
        if len(entries) > 1:  # cannot happen for a chunk starting at one '@'; guard anyway
            report.problem(line, f"{len(entries)} entries parsed from one entry start; first kept", "kept", index)
        rec = entry_to_record(entries[0])
        if rec.get("CR"):
            report.has_cited_references = True
        rec["source_line"] = line
        index += 1
        yield rec


class _LineIndex:
    """1-based line number of a character offset (offsets are asked in increasing order)."""

    def __init__(self, text: str):
        self.text = text
        self.offset = 0
        self.line = 1

    def __call__(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        # the first line of the file is preceded by a removed BOM only, so counting is exact
        return self.line


SPEC = ReaderSpec(
    name="bibtex",
    label="BibTeX (Web of Science, Scopus, Zotero, Mendeley)",
    database="",
    sniff=sniff,
    read=read,
)
