"""CNKI exports as real Excel workbooks (``.xls`` BIFF8 or ``.xlsx``).

CNKI's own "导出 xls" writes an HTML table under an ``.xls`` name (read by
:mod:`litkit.io.cnki_html_xls`).  Opened in Excel or WPS Office and saved again
-- what many users do before sending or cleaning an export -- it becomes a real
workbook; some CNKI front ends and library proxies also hand out genuine
``.xls``/``.xlsx`` files.  The table is the same: a header row of CNKI column
names, either the bilingual names of the self-defined export
(``SrcDatabase-来源库``, ``Title-题名``, ``Author-作者``, ``Organ-单位``,
``Source-文献来源``, ``Keyword-关键词``, ``Summary-摘要``, ``PubTime-发表时间``,
``Year-年``, ``Volume-卷``, ``Period-期``, ``PageCount-页码``, ``DOI-DOI`` …) or
the plain Chinese names of the result list (``题名``, ``作者``, ``来源``,
``发表时间``, ``数据库``, ``被引``, ``下载``), then one record per row.  Rows are
read by :mod:`litkit.io._workbook` and turned into records exactly as the HTML
table's rows are (:func:`litkit.io.cnki_html_xls.table_records`): the same
columns, splitting, repeated header rows and problem reports, so a workbook and
the HTML ``.xls`` it was saved from give the same corpus.

What a workbook changes in the cells is undone: numbers come back as floats
(``2019.0`` -> ``2019``, also when a re-save stored them as the text
``"2019.0"``), dates as dates (``PubTime`` -> ``2019-05-12``, with the time of
day when there is one: ``2019-05-12 10:30``), and line breaks inside a cell as ``\\n``.  What it has
already lost cannot be recovered: an issue ``05`` stored as the number 5 reads ``5``.

The file is recognised from its bytes, never its name (:func:`binary_sniff`,
:func:`sniff_file`): an OLE2 ``.xls`` whose string table names a CNKI title
column (``题名``/``篇名``) and another CNKI column, or a ``.xlsx`` with a CNKI
header row among the first rows of a sheet.  A workbook that cannot be opened
(cut short, damaged) raises :class:`~litkit.errors.LitkitError` naming the file;
rows are numbered as in the sheet (the header is usually row 1).

Examples
--------
>>> import litkit
>>> corpus = litkit.read("CNKI-export.xlsx")     # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import BinaryIO

from . import _workbook as workbook
from .base import ReaderSpec
from .cnki_html_xls import header_fields, table_records
from .ingest_report import FileReport
from .sniff import TextSource

# An .xls is claimed when its string table holds a title column name and one more CNKI column name.
_TITLE_NAMES = ("题名", "篇名")
_OTHER_NAMES = ("作者", "来源", "单位", "机构", "发表时间", "关键词", "摘要", "被引", "下载", "来源库")
# Fields whose numbers are counts or numbers of a volume/issue/year: "12.0" is 12.
_NUMBER_FIELDS = frozenset({"year", "volume", "issue", "pages", "page_count", "cited", "downloads"})
_FLOAT_TEXT = re.compile(r"^\s*(\d+)\.0+\s*$")


def binary_sniff(raw: bytes) -> bool:
    """A workbook whose first bytes show a CNKI table (``.xlsx``: when its shared strings are among them).

    Parameters
    ----------
    raw : bytes
        The first bytes of the file (:func:`litkit.io.detect_format` gives 64 KiB).

    Returns
    -------
    bool

    Examples
    --------
    >>> binary_sniff(b"PT\\tAU\\tTI")
    False
    """
    if raw.startswith(workbook.OLE2):
        return _cnki_names_seen(raw)
    if workbook.is_xlsx(raw):
        strings = workbook.xlsx_strings_prefix(raw)
        return strings is not None and _cnki_names_seen(strings)
    return False


def sniff_file(fh: BinaryIO) -> bool:
    """:func:`binary_sniff` for the whole file: a ``.xlsx`` is judged from the header row of one of its sheets.

    Parameters
    ----------
    fh : binary file object
        The file (or an archive member in memory), seekable.

    Returns
    -------
    bool

    Examples
    --------
    >>> import io
    >>> sniff_file(io.BytesIO(b"SrcDatabase-\\xe6\\x9d\\xa5\\xe6\\xba\\x90\\xe5\\xba\\x93"))
    False
    """
    return workbook.sniff_workbook_file(fh, _is_header, _cnki_names_seen)


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per data row of the workbook's CNKI sheet."""
    with source.open_binary() as fh:  # the file, or an archive member read in memory
        raw = fh.read()
    rows = workbook.workbook_rows(raw, source.path, _is_header, "CNKI Excel export")
    report.encoding = "xls (BIFF8)" if raw.startswith(workbook.OLE2) else "xlsx (zip/XML)"
    report.has_cited_references = False  # CNKI's table exports carry no reference lists
    yield from table_records(_text_rows(rows), report)


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _cnki_names_seen(raw: bytes) -> bool:
    return workbook.names_seen(raw, _TITLE_NAMES) >= 1 and workbook.names_seen(raw, _OTHER_NAMES) >= 1


def _is_header(row: list) -> bool:
    return header_fields([_cell_text(v) for v in row]) is not None


def _text_rows(rows: list[list]) -> list[tuple[int, list[str], bool]]:
    """The sheet's rows as ``(row number, cells as text, closed)``, rows padded to their header's width.

    A workbook stores no cell beyond a row's last value, and a header's numbers -- years, counts --
    are only known once its header row is: each row's cells are converted with the fields of the
    header above it.
    """
    out = []
    fields: list[str | None] = []
    for number, row in enumerate(rows, 1):
        cells = [_cell_text(v) for v in row]
        header = header_fields(cells)
        if header is not None:
            while cells and not cells[-1]:
                cells.pop()  # empty cells after the last header name name no column
            fields = header[: len(cells)]
        else:
            cells = [_number_text(c) if f in _NUMBER_FIELDS else c for c, f in zip(cells, fields)] + cells[
                len(fields) :
            ]
            cells += [""] * (len(fields) - len(cells))
        out.append((number, cells, True))
    return out


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return "\n".join(part.strip() for part in text.split("\n")).strip()


def _number_text(text: str) -> str:
    m = _FLOAT_TEXT.match(text)
    return m.group(1) if m else text


SPEC = ReaderSpec(
    name="cnki_excel",
    label="CNKI export as an Excel workbook (.xls / .xlsx, e.g. the .xls re-saved by Excel or WPS)",
    database="CNKI",
    sniff=lambda head: False,  # a workbook is recognised from its bytes only
    read=read,
    binary_sniff=binary_sniff,
    binary_sniff_file=sniff_file,
)
