"""Rendering demo records as the bytes each database's export would contain.

One function per format; each takes a list of record dicts (built by
``generate.py``) and returns ``bytes``.  The layouts copy real exports:

* Web of Science plain text: UTF-8 with BOM, LF, ``FN``/``VR`` header, tags in
  the order WoS writes them, multi-valued tags (AU AF C1 CR) one item per line,
  long single values (TI SO DE ID WC SC FU) wrapped at 75 characters, 3-space
  continuation indent, a blank line after each ``ER``, and ``EF`` without a
  final newline.
* CNKI RefWorks: UTF-8 without BOM, CRLF, ``RT``...``DS CNKI``/``LK``/``DO``,
  lower-case ``vo`` (often empty), a blank line after every record.
* CNKI EndNote: UTF-8 without BOM, CRLF, one ``%A`` per author, ``;;`` between
  keywords, a blank line between records and none after the last.
* Scopus CSV, 2025 layout: 45 columns, every field double-quoted except Year
  and Cited by, LF, no BOM.
"""

from __future__ import annotations

WOS_WRAP = 75  # WoS wraps long single-valued fields so that no line exceeds 75 characters

# Tag order of a modern WoS plain-text record.
WOS_TAG_ORDER = [
    "PT",
    "AU",
    "AF",
    "TI",
    "SO",
    "LA",
    "DT",
    "DE",
    "ID",
    "AB",
    "C1",
    "C3",
    "RP",
    "EM",
    "RI",
    "OI",
    "FU",
    "FX",
    "CR",
    "NR",
    "TC",
    "Z9",
    "U1",
    "U2",
    "PU",
    "PI",
    "PA",
    "SN",
    "EI",
    "J9",
    "JI",
    "PD",
    "PY",
    "VL",
    "IS",
    "BP",
    "EP",
    "AR",
    "DI",
    "EA",
    "PG",
    "WC",
    "WE",
    "SC",
    "GA",
    "UT",
    "OA",
    "DA",
]
WOS_LIST_TAGS = {"AU", "AF", "C1", "CR"}  # one item per line
WOS_WRAPPED_TAGS = {"TI", "SO", "DE", "ID", "WC", "SC", "FU", "FX", "C3"}


def wrap_wos(tag: str, value: str) -> list[str]:
    """Lines of one wrapped WoS field: greedy word wrap at 75 characters, words never split.

    >>> wrap_wos("TI", "a " * 40)[1]
    '   a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a'
    """
    words = value.split()
    lines: list[str] = []
    current = f"{tag} "
    has_word = False
    for word in words:
        if has_word and len(current) + 1 + len(word) > WOS_WRAP:
            lines.append(current)
            current, has_word = "   " + word, True
        else:
            current = current + (" " if has_word else "") + word
            has_word = True
    lines.append(current)
    return lines


def render_wos(records: list[dict]) -> bytes:
    out = ["\ufeffFN Clarivate Analytics Web of Science", "VR 1.0"]
    for rec in records:
        for tag in WOS_TAG_ORDER:
            value = rec.get(tag)
            if value is None or value == "" or value == []:
                continue
            if tag in WOS_LIST_TAGS:
                out.append(f"{tag} {value[0]}")
                out.extend(f"   {item}" for item in value[1:])
            elif tag in WOS_WRAPPED_TAGS:
                out.extend(wrap_wos(tag, value))
            else:
                out.append(f"{tag} {value}")
        out.append("ER")
        out.append("")
    out.append("EF")
    return "\n".join(out).encode("utf-8")


REFWORKS_ORDER = [
    "RT",
    "SR",
    "A1",
    "AD",
    "T1",
    "JF",
    "YR",
    "IS",
    "vo",
    "OP",
    "K1",
    "AB",
    "SN",
    "CN",
    "LA",
    "DS",
    "LK",
    "DO",
]


def render_cnki_refworks(records: list[dict]) -> bytes:
    lines: list[str] = []
    for rec in records:
        for tag in REFWORKS_ORDER:
            value = rec.get(tag)
            if value is None:  # absent tag; "" is written (CNKI writes an empty "vo " line)
                continue
            lines.append(f"{tag} {value}")
        lines.append("")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


ENDNOTE_ORDER = ["%0", "%A", "%+", "%T", "%J", "%D", "%V", "%N", "%K", "%X", "%P", "%@", "%L", "%W"]


def render_cnki_endnote(records: list[dict]) -> bytes:
    blocks = []
    for rec in records:
        lines = []
        for tag in ENDNOTE_ORDER:
            value = rec.get(tag)
            if value is None or value == "" or value == []:
                continue
            if isinstance(value, list):
                lines.extend(f"{tag} {v}" for v in value)
            else:
                lines.append(f"{tag} {value}")
        blocks.append("\r\n".join(lines))
    return ("\r\n\r\n".join(blocks) + "\r\n").encode("utf-8")


SCOPUS_COLUMNS = [
    "Authors",
    "Author full names",
    "Author(s) ID",
    "Title",
    "Year",
    "Source title",
    "Volume",
    "Issue",
    "Art. No.",
    "Page start",
    "Page end",
    "Cited by",
    "DOI",
    "Link",
    "Affiliations",
    "Authors with affiliations",
    "Abstract",
    "Author Keywords",
    "Index Keywords",
    "Molecular Sequence Numbers",
    "Chemicals/CAS",
    "Tradenames",
    "Manufacturers",
    "Funding Details",
    "Funding Texts",
    "References",
    "Correspondence Address",
    "Editors",
    "Publisher",
    "Sponsors",
    "Conference name",
    "Conference date",
    "Conference location",
    "Conference code",
    "ISSN",
    "ISBN",
    "CODEN",
    "PubMed ID",
    "Language of Original Document",
    "Abbreviated Source Title",
    "Document Type",
    "Publication Stage",
    "Open Access",
    "Source",
    "EID",
]
SCOPUS_UNQUOTED = {"Year", "Cited by"}  # numbers are written bare, as Scopus does


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def render_scopus_csv(records: list[dict]) -> bytes:
    lines = [",".join(_quote(c) for c in SCOPUS_COLUMNS)]
    for rec in records:
        cells = []
        for col in SCOPUS_COLUMNS:
            value = "" if rec.get(col) is None else str(rec[col])
            cells.append(value if col in SCOPUS_UNQUOTED else _quote(value))
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")
