"""Web of Science Excel export (``savedrecs.xls``; also the same table re-saved as ``.xlsx``).

"Export > Excel" in Web of Science writes a BIFF8 workbook (``.xls``, an OLE2
compound file) with one sheet ``savedrecs``: a header row of long column names
(``Publication Type``, ``Authors``, …, ``UT (Unique WOS ID)``), then one record
per row.  Users often re-save it as ``.xlsx`` (Excel, WPS Office).  Both are read:
``.xls`` with :mod:`xlrd`, ``.xlsx`` with :mod:`openpyxl`.  The long names are
those of the tab-delimited export saved with full names and map to the same
canonical columns through :data:`litkit.io.wos_tab.LONG_NAMES`, so a workbook
and a tab-delimited export of the same records give the same corpus (cited
references aside: WoS leaves the Excel export's ``Cited References`` empty).

Layouts and quirks handled:

* Core Collection (``UT (Unique WOS ID)``, 72 columns in 2025) and All Databases
  (``UT (Unique ID)``, ``Times Cited, CSCD``, ``Article Title - SciELO`` …);
  columns without a canonical place go to ``extra`` (recognised WoS fields under
  their tag, e.g. ``Z9``, ``U1``, ``GA``; the others under their name), and the
  unrecognised header names are listed once in the report;
* numbers come back as floats: ``2024.0`` -> ``2024``, a volume ``12.0`` -> ``12``
  (also when a re-save turned it into the text ``"12.0"``); dates become ISO text;
* duplicate header names (``Abstract - Foreign`` twice): the second column's value
  goes to ``extra`` as ``"Abstract - Foreign (2)"`` unless it repeats the first;
  header names with trailing spaces are trimmed; an empty header cell names no
  column (a value under it is kept in ``extra`` as ``"column 58"`` and reported);
* the ``DOI Link`` and ``Web of Science Record`` cells are HYPERLINK formulas whose
  cached value is the number 0: such a number is no link and is dropped.

What a workbook has already lost cannot be recovered: a re-save that stored article
numbers or pages as numbers dropped their leading zeros (``033004`` reads ``33004``).

Records: ``records_in_file`` counts the non-blank rows under the header; a row with
neither a title nor a UT is skipped and reported; ``source_line`` is the row
number in the sheet (the header is row 1).  The file is recognised from its bytes
(:func:`sniff_file`: the OLE2 signature and the WoS header names in the string
table, or for a ``.xlsx`` its zip directory and the first rows of its sheets,
parsed as a stream however far into the file they lie), never from its name.  A workbook that cannot be opened (cut short, damaged) or
whose first sheet has no WoS header row raises
:class:`~litkit.errors.LitkitError` naming the file.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("savedrecs.xls")     # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import LitkitError, UnknownFormatError
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource
from .wos_plain import finish_record
from .wos_tab import LONG_NAMES

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# Header names that only a WoS export has; two of them must be seen to claim a file.
_SIGNATURE_NAMES = (
    "Publication Type",
    "UT (Unique WOS ID)",
    "UT (Unique ID)",
    "Article Title",
    "Author Full Names",
    "Source Title",
    "Times Cited, All Databases",
)
_LONG_FOLDED = {name.casefold(): tag for name, tag in LONG_NAMES.items()}
_UT_NAMES = {"ut (unique wos id)", "ut (unique id)", "ut"}
_TITLE_NAMES = {"article title", "title", "ti"}
_HEADER_ROWS = 10  # rows searched for the header (a caption row above it is tolerated)

# Same splitting rules as the tab-delimited reader (litkit.io.wos_tab).
_SEMICOLON_LISTS = frozenset({"AU", "AF", "DE", "ID", "WC", "SC"})
_TEXT = frozenset("UT PT DT TI SO J9 JI PD EA VL IS BP EP AR AB RP SN EI BN PU FU LA PY NR TC DI".split())
_EXTRA_LISTS = frozenset({"BA", "BF", "BE", "CA", "GP"})
_ADDRESS_GROUP = re.compile(r";\s*(?=\[)")
# Columns whose numbers are counts or identifiers: "12.0" read back as text is the number 12.
_NUMERIC_TAGS = frozenset("PY VL IS BP EP AR NR TC Z9 U1 U2 PG PM Z1 Z2 Z3 Z4 Z8 ZA ZB ZR ZS".split())
_FLOAT_TEXT = re.compile(r"^\s*(\d+)\.0+\s*$")
_LINK_TAGS = frozenset({"DL"})
_LINK_NAMES = frozenset({"web of science record"})


def binary_sniff(raw: bytes) -> bool:
    """An Excel workbook (OLE2 ``.xls`` or zip ``.xlsx``) with a Web of Science header row.

    ``.xls``: the header names are in the workbook's string table near the file's
    start (BIFF8 stores them as Latin-1 or UTF-16LE).  ``.xlsx``: the shared strings
    are inflated from the bytes given when they are among them; a workbook whose
    strings lie beyond them is claimed as a workbook and :func:`read` checks its
    header (raising :class:`~litkit.errors.UnknownFormatError` when it is no WoS export).

    Parameters
    ----------
    raw : bytes
        The first bytes of the file (:func:`litkit.io.detect_format` gives 64 KiB).

    Returns
    -------
    bool
        Whether this reader reads the file.

    Examples
    --------
    >>> binary_sniff(b"PT\\tAU\\tTI")
    False
    """
    if raw.startswith(_OLE2):
        return _names_seen(raw) >= 2
    if raw.startswith(_ZIP) and is_xlsx(raw):
        strings = _xlsx_strings_prefix(raw)
        if strings is None:  # not among the first bytes: read() decides from the header row
            return True
        return _names_seen(strings) >= 2
    return False


def sniff_file(fh: BinaryIO) -> bool:
    """:func:`binary_sniff` for the whole file: a ``.xlsx`` is judged from its zip directory and sheet XML.

    The 64 KiB :func:`binary_sniff` sees need not hold a workbook's ``[Content_Types].xml``
    (WPS Office writes it last), its shared strings, or its header row (a sheet whose XML
    before the first row -- column widths, views -- is longer).  Here the zip's directory
    (at its end) says whether the file is a workbook, and the first rows of each sheet,
    with the shared strings they use, are parsed as a stream (only as far as those rows),
    so a workbook of any size is recognised by its Web of Science header row.  An ``.xls``
    (OLE2) is judged from its first 64 KiB, where its string table starts.

    Parameters
    ----------
    fh : binary file object
        The file (or an archive member in memory), seekable.

    Returns
    -------
    bool
        Whether this reader reads the file.

    Examples
    --------
    >>> import io
    >>> sniff_file(io.BytesIO(b"PT\tAU\tTI"))
    False
    """
    head = fh.read(len(_OLE2))
    fh.seek(0)
    if head.startswith(_OLE2):
        return binary_sniff(fh.read(65536))
    if not head.startswith(_ZIP[:2]):
        return False
    try:
        with zipfile.ZipFile(fh) as z:
            names = set(z.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                return False  # a zip of exports, a .docx, ...
            return any(_header_index(rows) is not None for rows in _xlsx_top_rows(z, names))
    except (zipfile.BadZipFile, ET.ParseError, KeyError, OSError, EOFError, ValueError, zlib.error):
        return False


def is_xlsx(raw: bytes) -> bool:
    """True when the bytes start an Office Open XML workbook (a zip holding ``xl/workbook.xml``).

    Archive handling uses it to tell a workbook (read as one export) from a zip of exports.

    Parameters
    ----------
    raw : bytes
        The first bytes of the file.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_xlsx(b"PK\\x03\\x04" + b"\\x00" * 26 + b"[Content_Types].xml" + b"xl/workbook.xml")
    True
    >>> is_xlsx(b"PK\\x03\\x04" + b"\\x00" * 26 + b"savedrecs.txt")
    False
    """
    return raw.startswith(_ZIP) and b"xl/" in raw[:65536] and b"[Content_Types].xml" in raw


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per data row of the workbook's WoS sheet."""
    path = source.path
    with source.open_binary() as fh:  # the file, or an archive member read in memory
        raw = fh.read()
    rows = _rows(raw, path)
    # a workbook has no text encoding: say which container it is
    report.encoding = "xls (BIFF8)" if raw.startswith(_OLE2) else "xlsx (zip/XML)"
    header_at, names = _find_header(rows, path)
    if header_at > 0:
        report.problem(1, f"{header_at} row(s) above the header row ignored", action="note")
    tags = [_column_tag(n) for n in names]
    keys = _extra_keys(names, tags)
    unknown = sorted({n for n, t in zip(names, tags) if n and t is None and n.casefold() not in _LINK_NAMES})
    if unknown:
        report.problem(header_at + 1, f"header columns not recognised, kept in extra: {unknown}", action="note")
    records = 0
    has_cr = False
    unnamed_reported = False
    for offset, row in enumerate(rows[header_at + 1 :]):
        line = header_at + 2 + offset
        if not any(_text(v) for v in row):
            continue
        records += 1
        index = records - 1
        if len(row) > len(names) and any(_text(v) for v in row[len(names) :]):
            if not unnamed_reported:
                report.problem(line, "values under columns without a header name; kept in extra", record=index)
                unnamed_reported = True
        rec = _record(row, names, tags, keys, line, index, report)
        if rec is None:
            continue
        has_cr = has_cr or bool(rec.get("CR"))
        yield rec
    report.records_in_file = records
    report.has_cited_references = has_cr


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _names_seen(raw: bytes) -> int:
    seen = 0
    for name in _SIGNATURE_NAMES:
        if name.encode("latin-1") in raw or name.encode("utf-16-le") in raw:
            seen += 1
    return seen


def _xlsx_strings_prefix(raw: bytes) -> bytes | None:
    """The start of ``xl/sharedStrings.xml`` inflated from the zip's local entries in ``raw``, if there."""
    pos = 0
    while True:
        pos = raw.find(_ZIP, pos)
        if pos < 0 or pos + 30 > len(raw):
            return None
        method = int.from_bytes(raw[pos + 8 : pos + 10], "little")
        size = int.from_bytes(raw[pos + 18 : pos + 22], "little")
        name_len = int.from_bytes(raw[pos + 26 : pos + 28], "little")
        extra_len = int.from_bytes(raw[pos + 28 : pos + 30], "little")
        name = raw[pos + 30 : pos + 30 + name_len]
        start = pos + 30 + name_len + extra_len
        if name == b"xl/sharedStrings.xml":
            data = raw[start : start + size] if size else raw[start:]
            if method == 0:
                return data
            try:
                return zlib.decompressobj(-15).decompress(data, 1 << 20)
            except zlib.error:
                return None
        pos = start if start > pos else pos + 4


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SNIFF_LIMIT = 64 << 20  # most XML inflated from one zip member while sniffing (the rows sought come first)


def _xlsx_top_rows(z: zipfile.ZipFile, names: set[str]) -> Iterator[list[list]]:
    """The first :data:`_HEADER_ROWS` rows of each sheet, in workbook order, shared strings resolved."""
    strings = _SharedStrings(z, names)
    for sheet in _xlsx_sheet_names(z, names):
        rows: list[list] = []
        row: list | None = None
        cell_type, value = None, None
        for event, elem in _xml_events(z, sheet, ("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == _NS + "row":
                    row = []
                elif tag == _NS + "c":
                    cell_type, value = elem.get("t"), None
                continue
            if tag == _NS + "v" or (tag == _NS + "t" and cell_type == "inlineStr"):
                value = (value or "") + (elem.text or "")
            elif tag == _NS + "c" and row is not None:
                row.append(strings.get(value) if cell_type == "s" else value)
            elif tag == _NS + "row":
                rows.append(row or [])
                row = None
                if len(rows) >= _HEADER_ROWS:
                    break
            elif tag == _NS + "sheetData":
                break
            elem.clear()  # keep memory flat over a long sheet preamble
        yield rows


def _xlsx_sheet_names(z: zipfile.ZipFile, names: set[str]) -> list[str]:
    """The worksheet members in the workbook's order (the ``xl/worksheets/`` members sorted, failing that)."""
    fallback = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in names or max(z.getinfo(n).file_size for n in (rels_name, "xl/workbook.xml")) > _SNIFF_LIMIT:
        return fallback
    targets = {}
    for rel in ET.fromstring(z.read(rels_name)):
        target = rel.get("Target") or ""
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    sheets = []
    for elem in ET.fromstring(z.read("xl/workbook.xml")).iter(_NS + "sheet"):
        target = targets.get(elem.get(_REL_NS + "id"))
        if target in names:
            sheets.append(target)
    return sheets or fallback


class _SharedStrings:
    """``xl/sharedStrings.xml`` parsed as a stream, only as far as the highest index asked for."""

    def __init__(self, z: zipfile.ZipFile, names: set[str]):
        name = "xl/sharedStrings.xml"
        self._events = _xml_events(z, name, ("end",)) if name in names else iter(())
        self._strings: list[str] = []

    def get(self, index: str | None) -> str | None:
        if index is None or not index.strip().isdigit():
            return None
        i = int(index)
        while len(self._strings) <= i:
            for _, elem in self._events:
                if elem.tag == _NS + "si":
                    # rich text: the runs' <t> in order; phonetic runs (<rPh>) are no part of the value
                    self._strings.append(
                        "".join(t.text or "" for t in elem.iter(_NS + "t") if t not in _phonetic_texts(elem))
                    )
                    elem.clear()
                    break
            else:
                return None
        return self._strings[i]


def _phonetic_texts(si) -> set:
    return {t for r in si.iter(_NS + "rPh") for t in r.iter(_NS + "t")}


def _xml_events(z: zipfile.ZipFile, name: str, events: tuple[str, ...]) -> Iterator[tuple[str, ET.Element]]:
    """Parse events of one zip member, inflated and parsed 64 KiB at a time (at most :data:`_SNIFF_LIMIT`)."""
    parser = ET.XMLPullParser(events)
    read = 0
    with z.open(name) as fh:
        while read < _SNIFF_LIMIT:
            chunk = fh.read(65536)
            if not chunk:
                break
            read += len(chunk)
            parser.feed(chunk)
            yield from parser.read_events()


def _rows(raw: bytes, path: Path) -> list[list]:
    """The cell values of the workbook's first sheet that holds a WoS header (first sheet otherwise)."""
    try:
        if raw.startswith(_OLE2):
            return _xls_rows(raw)
        if raw.startswith(_ZIP):
            return _xlsx_rows(raw)
    except LitkitError:
        raise
    except Exception as exc:  # xlrd / openpyxl / zipfile errors on a cut or damaged workbook
        raise LitkitError(
            f"cannot read the workbook ({type(exc).__name__}: {exc})",
            path=path,
            expected="a complete Web of Science Excel export (.xls or .xlsx); the file may be cut short or damaged",
        ) from None
    raise UnknownFormatError(
        "not an Excel workbook (no OLE2 or zip signature)", path=path, line=1, expected="a .xls or .xlsx workbook"
    )


def _xls_rows(raw: bytes) -> list[list]:
    import xlrd

    book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    try:
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
        chosen = next((s for s in sheets if _header_index(_xls_sheet_rows(s, book, _HEADER_ROWS)) is not None), None)
        sheet = chosen or sheets[0]
        return _xls_sheet_rows(sheet, book, sheet.nrows)
    finally:
        book.release_resources()


def _xls_sheet_rows(sheet, book, limit: int) -> list[list]:
    import xlrd

    rows = []
    for r in range(min(limit, sheet.nrows)):
        row = []
        for cell in sheet.row(r):
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    row.append(cell.value)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(cell.value))
            elif cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            else:
                row.append(cell.value)
        rows.append(row)
    return rows


def _xlsx_rows(raw: bytes) -> list[list]:
    import io
    import warnings

    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns about styles WPS/Excel write; they do not matter here
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        chosen = None
        for ws in book.worksheets:
            top = [list(r) for r in ws.iter_rows(max_row=_HEADER_ROWS, values_only=True)]
            if _header_index(top) is not None:
                chosen = ws
                break
        ws = chosen if chosen is not None else book.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        book.close()


def _header_index(rows: list[list]) -> int | None:
    """Index of the first row naming a WoS title column and a UT or publication-type column."""
    for i, row in enumerate(rows[:_HEADER_ROWS]):
        folded = {_name(v).casefold() for v in row}
        if folded & _TITLE_NAMES and (folded & _UT_NAMES or "publication type" in folded):
            return i
    return None


def _find_header(rows: list[list], path: Path) -> tuple[int, list[str]]:
    at = _header_index(rows)
    if at is None:
        first = [_name(v) for v in (rows[0] if rows else [])][:6]
        raise UnknownFormatError(
            f"workbook has no Web of Science header row; first row: {first}",
            path=path,
            line=1,
            expected="a header row with 'Publication Type', 'Article Title', 'UT (Unique WOS ID)' …",
        )
    names = [_name(v) for v in rows[at]]
    while names and not names[-1]:
        names.pop()  # an empty last header cell names no column
    return at, names


def _name(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _column_tag(name: str) -> str | None:
    if not name:
        return None
    if len(name) == 2 and name.isupper() and name.isalnum():
        return name
    return _LONG_FOLDED.get(name.casefold())


def _extra_keys(names: list[str], tags: list[str | None]) -> list[str]:
    """The ``extra`` key of each column: its tag, or its name; a repeated one gets `` (2)``, `` (3)`` …"""
    seen: dict[str, int] = {}
    keys = []
    for i, (name, tag) in enumerate(zip(names, tags)):
        base = tag or name or f"column {i + 1}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return keys


def _text(value, tag: str | None = None) -> str:
    """A cell as the text the tab-delimited export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    text = str(value).strip()
    if tag in _NUMERIC_TAGS:
        m = _FLOAT_TEXT.match(text)
        if m:
            return m.group(1)
    return text


def _record(
    row: list, names: list[str], tags: list[str | None], keys: list[str], line: int, index: int, report: FileReport
) -> dict | None:
    rec: dict = {}
    extra: dict = {}
    for i, value in enumerate(row):
        name = names[i] if i < len(names) else ""
        tag = tags[i] if i < len(tags) else None
        key = keys[i] if i < len(keys) else f"column {i + 1}"
        if (tag in _LINK_TAGS or name.casefold() in _LINK_NAMES) and isinstance(value, (int, float)):
            continue  # a HYPERLINK formula's cached 0, not a link
        text = _text(value, tag)
        if not text:
            continue
        if tag is not None and (tag in rec or (tag not in _TEXT and tag not in _SEMICOLON_LISTS and tag in extra)):
            previous = rec.get(tag, extra.get(tag))
            if _as_text(previous) != text:  # a second column for the same field: keep its value too
                extra[key] = text
            continue
        if tag is None:
            if key != name and extra.get(name) == text:  # a repeated column ("Abstract - Foreign" x2) saying the same
                continue
            extra[key] = text
        elif tag in _SEMICOLON_LISTS:
            rec[tag] = [v for v in (x.strip() for x in text.split(";")) if v]
        elif tag == "CR":  # "; " only: a DOI may contain a bare ";" (…3.0.CO;2-E)
            rec[tag] = [v for v in (x.strip() for x in text.split("; ")) if v]
        elif tag == "C1":
            parts = _ADDRESS_GROUP.split(text) if text.startswith("[") else text.split(";")
            rec[tag] = [p.strip() for p in parts if p.strip()]
        elif tag in _TEXT:
            rec[tag] = text
        elif tag in _EXTRA_LISTS:
            extra[tag] = [v for v in (x.strip() for x in text.split(";")) if v]
        else:
            extra[tag] = text
    if not rec.get("TI") and not rec.get("UT"):
        report.problem(line, "row has neither a title nor a UT; skipped", action="skipped", record=index)
        return None
    return finish_record(rec, extra, line, index, report)


def _as_text(value) -> str:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


SPEC = ReaderSpec(
    name="wos_excel",
    label="Web of Science Excel export (.xls / .xlsx, long column names)",
    database="WoS",
    sniff=lambda head: False,  # a workbook is recognised from its bytes only
    read=read,
    binary_sniff=binary_sniff,
    binary_sniff_file=sniff_file,
)
