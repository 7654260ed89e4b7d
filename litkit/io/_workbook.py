"""Excel workbooks (``.xls`` BIFF8, ``.xlsx`` Office Open XML) as rows of cell values, for the workbook readers.

Web of Science and CNKI both export tables that users open, and often re-save, in Excel or WPS
Office.  What is common to reading them lives here: telling a workbook from its first bytes,
finding the sheet whose first rows hold the export's header row (a caption row above it is
tolerated), and reading that sheet's rows with :mod:`xlrd` (``.xls``) or :mod:`openpyxl`
(``.xlsx``).  Which row is a header is the reader's business: it passes a predicate
``is_header(row) -> bool``.

A ``.xlsx`` is recognised without reading the whole file: its zip directory (at the end) says
whether it is a workbook, and the first rows of each sheet, with the shared strings they use,
are parsed as a stream only as far as those rows (:func:`xlsx_top_rows`).

Cell values come back as :mod:`xlrd`/:mod:`openpyxl` give them: text, floats (``2024.0``),
booleans, :class:`datetime.datetime` for date cells, None for an empty or error cell.
"""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import LitkitError, UnknownFormatError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The compound-file signature that starts a BIFF8 ``.xls`` workbook."""
ZIP = b"PK\x03\x04"
"""The local-file-header signature that starts a ``.xlsx`` (zip) workbook."""
HEADER_ROWS = 10
"""Rows searched for the header row at the top of each sheet."""

RowPredicate = Callable[[list], bool]

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SNIFF_LIMIT = 64 << 20  # most XML inflated from one zip member while sniffing (the rows sought come first)


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
    return raw.startswith(ZIP) and b"xl/" in raw[:65536] and b"[Content_Types].xml" in raw


def names_seen(raw: bytes, names: tuple[str, ...]) -> int:
    """How many of ``names`` occur in ``raw`` as Latin-1, UTF-16LE (BIFF8 strings) or UTF-8 (``.xlsx`` strings).

    Examples
    --------
    >>> names_seen("x题名y".encode("utf-16-le") + b"Authors", ("题名", "Authors", "DOI"))
    2
    """
    seen = 0
    for name in names:
        forms = {name.encode("utf-16-le"), name.encode("utf-8")}
        if max(map(ord, name)) < 256:
            forms.add(name.encode("latin-1"))
        if any(form in raw for form in forms):
            seen += 1
    return seen


def xlsx_strings_prefix(raw: bytes) -> bytes | None:
    """The start of ``xl/sharedStrings.xml`` inflated from the zip's local entries in ``raw``, if there.

    Examples
    --------
    >>> xlsx_strings_prefix(b"PK\\x03\\x04" + b"\\x00" * 26) is None
    True
    """
    pos = 0
    while True:
        pos = raw.find(ZIP, pos)
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


def header_index(rows: list[list], is_header: RowPredicate) -> int | None:
    """Index of the first of the top :data:`HEADER_ROWS` rows that ``is_header`` accepts, else None.

    Examples
    --------
    >>> header_index([["caption"], ["Title", "Authors"], ["A", "B"]], lambda row: "Title" in row)
    1
    """
    for i, row in enumerate(rows[:HEADER_ROWS]):
        if is_header(row):
            return i
    return None


def sniff_workbook_file(fh: BinaryIO, is_header: RowPredicate, ole2_sniff: Callable[[bytes], bool]) -> bool:
    """Whether the file is a workbook with a header row ``is_header`` accepts at the top of one of its sheets.

    A ``.xlsx`` is judged from its zip directory and the first rows of each sheet (parsed as a
    stream, however far into the file they lie); a ``.xls`` (OLE2) by ``ole2_sniff`` on its first
    64 KiB, where its string table starts.

    Parameters
    ----------
    fh : binary file object
        The file (or an archive member in memory), seekable.
    is_header : callable
        ``is_header(row)``: a row of cell values is the export's header row.
    ole2_sniff : callable
        ``ole2_sniff(raw)``: the first 64 KiB of an ``.xls`` belong to the export.

    Returns
    -------
    bool

    Examples
    --------
    >>> import io
    >>> sniff_workbook_file(io.BytesIO(b"PT\\tAU\\tTI"), lambda row: True, lambda raw: True)
    False
    """
    head = fh.read(len(OLE2))
    fh.seek(0)
    if head.startswith(OLE2):
        return ole2_sniff(fh.read(65536))
    if not head.startswith(ZIP[:2]):
        return False
    try:
        with zipfile.ZipFile(fh) as z:
            names = set(z.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                return False  # a zip of exports, a .docx, ...
            return any(header_index(rows, is_header) is not None for rows in xlsx_top_rows(z, names))
    except (zipfile.BadZipFile, ET.ParseError, KeyError, OSError, EOFError, ValueError, zlib.error):
        return False


def workbook_rows(raw: bytes, path: Path, is_header: RowPredicate, what: str) -> list[list]:
    """The cell values of the workbook's first sheet with a header row ``is_header`` accepts (else its first sheet).

    Parameters
    ----------
    raw : bytes
        The whole workbook.
    path : Path
        For error messages.
    is_header : callable
        ``is_header(row)``: a row of cell values is the export's header row.
    what : str
        The export expected, for error messages (``"Web of Science Excel export"``).

    Returns
    -------
    list of list
        One list of cell values per row of the sheet.

    Raises
    ------
    LitkitError
        The workbook cannot be opened (cut short, damaged).
    UnknownFormatError
        The bytes are no workbook.

    Examples
    --------
    >>> workbook_rows(b"not a workbook", Path("x.xls"), bool, "CNKI Excel export")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    litkit.errors.UnknownFormatError: x.xls, line 1: not an Excel workbook ...
    """
    try:
        if raw.startswith(OLE2):
            return _xls_rows(raw, is_header)
        if raw.startswith(ZIP):
            return _xlsx_rows(raw, is_header)
    except LitkitError:
        raise
    except Exception as exc:  # xlrd / openpyxl / zipfile errors on a cut or damaged workbook
        raise LitkitError(
            f"cannot read the workbook ({type(exc).__name__}: {exc})",
            path=path,
            expected=f"a complete {what} (.xls or .xlsx); the file may be cut short or damaged",
        ) from None
    raise UnknownFormatError(
        "not an Excel workbook (no OLE2 or zip signature)", path=path, line=1, expected="a .xls or .xlsx workbook"
    )


def xlsx_top_rows(z: zipfile.ZipFile, names: set[str]) -> Iterator[list[list]]:
    """The first :data:`HEADER_ROWS` rows of each sheet, in workbook order, shared strings resolved.

    Parameters
    ----------
    z : zipfile.ZipFile
        The open workbook.
    names : set of str
        ``z.namelist()``.

    Yields
    ------
    list of list
        The top rows of one sheet.
    """
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
                if len(rows) >= HEADER_ROWS:
                    break
            elif tag == _NS + "sheetData":
                break
            elem.clear()  # keep memory flat over a long sheet preamble
        yield rows


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
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


def _xls_rows(raw: bytes, is_header: RowPredicate) -> list[list]:
    import xlrd

    book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    try:
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
        chosen = next(
            (s for s in sheets if header_index(_xls_sheet_rows(s, book, HEADER_ROWS), is_header) is not None), None
        )
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


def _xlsx_rows(raw: bytes, is_header: RowPredicate) -> list[list]:
    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns about styles WPS/Excel write; they do not matter here
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        chosen = None
        for ws in book.worksheets:
            top = [list(r) for r in ws.iter_rows(max_row=HEADER_ROWS, values_only=True)]
            if header_index(top, is_header) is not None:
                chosen = ws
                break
        ws = chosen if chosen is not None else book.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        book.close()
