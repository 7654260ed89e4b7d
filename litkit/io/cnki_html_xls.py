"""The CNKI ``.xls`` export, which is an HTML table (or tab-separated text), not Excel.

CNKI's "导出 xls" (self-defined field selection, or the result list with
citation and download counts) writes an HTML page holding one ``<table>``,
saved with an ``.xls`` name so that Excel opens it; older exports write the
same table as tab-separated text.  The file is recognised from its bytes
(:func:`binary_sniff`), never from its name: an HTML table whose text has a
CNKI title column (``Title-题名``, ``题名`` or ``篇名``).  It may be UTF-8 or
GB18030; :mod:`litkit.io.sniff` decides which.

Rows are read with the standard library's :mod:`html.parser` (``<br>``
inside a cell becomes a newline, entities are decoded).  A row is a *header
row* when it names a title column and at least one more CNKI column;
CNKI repeats header rows inside one table when an export mixes document
types (期刊, 博士, 科技成果 …) and the column order can change at each one, so
every header row re-defines the columns for the rows below it.  Each non-empty
row under a header is one record (``records_in_file`` counts them); rows above
the first header (a caption such as ``中国知网检索结果``) are ignored.

Column names are mapped by :func:`litkit.io._cnki_common.bilingual_field`:
the bilingual names of the self-defined export (``SrcDatabase-来源库``,
``Title-题名``, ``Author-作者``, ``Organ-单位``, ``Source-文献来源``,
``Keyword-关键词``, ``Summary-摘要``, ``PubTime-发表时间``, ``Year-年``,
``Volume-卷``, ``Period-期``, ``PageCount-页码``, ``CLC-中图分类号``,
``ISSN-国际标准刊号``, ``URL-网址``, ``DOI-DOI``, ``Fund-基金``,
``FirstDuty-第一责任人``) and the plain Chinese names of the result list
(``题名``/``篇名``, ``作者``, ``单位``/``机构``, ``文献来源``/``来源``,
``发表时间``, ``数据库``, ``被引`` -> ``TC``, ``下载`` -> ``extra["downloads"]``).
Unknown columns are kept in ``extra`` under their header text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

from ._cnki_common import Fields, bilingual_field, bilingual_fields, build_record, has_cjk
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource

_TITLE_WORDS = ("题名", "篇名", "Title-")
_TITLE_BYTES = tuple(w.encode(enc) for w in _TITLE_WORDS for enc in ("utf-8", "gb18030"))


class _Rows(HTMLParser):
    """Collects ``(line, cells, closed)`` for every ``<tr>`` of a document."""

    _BREAKS = {"br", "p", "div"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[str], bool]] = []
        self._row: list[str] | None = None
        self._row_line = 0
        self._cell: list[str] | None = None
        self._skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "tr":
            self._close_row(closed=True)
            self._row, self._row_line = [], self.getpos()[0]
        elif tag in ("td", "th"):
            if self._row is None:  # a cell outside any <tr>: start an implicit row
                self._row, self._row_line = [], self.getpos()[0]
            self._close_cell()
            self._cell = []
        elif tag in self._BREAKS and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_row(closed=True)
        elif tag == "table":
            self._close_row(closed=True)

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell.append(data)

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            text = "".join(self._cell).replace("\xa0", " ")
            self._row.append("\n".join(part.strip() for part in text.split("\n")).strip())
        self._cell = None

    def _close_row(self, closed: bool) -> None:
        self._close_cell()
        if self._row is not None:
            self.rows.append((self._row_line, self._row, closed))
        self._row = None

    def finish(self) -> None:
        """End of input: a row still open was cut off."""
        self.close()
        if self._row is not None:
            self._close_row(closed=False)


def _html_rows(text: str) -> list[tuple[int, list[str], bool]]:
    parser = _Rows()
    parser.feed(text)
    parser.finish()
    return parser.rows


def _tsv_rows(text: str) -> list[tuple[int, list[str], bool]]:
    rows = []
    lines = text.split("\n")
    for lineno, line in enumerate(lines, 1):
        if line.strip():
            rows.append((lineno, [c.strip().strip('"') for c in line.rstrip("\r").split("\t")], True))
    return rows


def header_fields(cells: list[str]) -> list[str | None] | None:
    """The CNKI field of each column when ``cells`` is a header row (a title column and another CNKI column), else None.

    Also used by :mod:`litkit.io.cnki_excel`, whose workbooks hold the same table.

    Examples
    --------
    >>> header_fields(["SrcDatabase-来源库", "Title-题名", "Author-作者", "备注"])
    ['database', 'title', 'authors', None]
    >>> header_fields(["题名", "备注"]) is None
    True
    """
    names = [bilingual_field(c) if c and len(c) <= 40 else None for c in cells]
    known = [n for n in names if n]
    if "title" in known and len(set(known)) >= 2:
        return names
    return None


def binary_sniff(raw: bytes) -> bool:
    """An HTML table (``<table>``/``<tr>``) whose text names a CNKI title column.

    Excel re-saves such a file as UTF-16 HTML; that is recognised too.
    """
    head = raw[:65536]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[1:4096:2].count(0) > 100:
        codec = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le"
        head = head[: len(head) // 2 * 2].decode(codec, errors="ignore").encode("utf-8")
    low = head.lower()
    if b"<table" not in low and b"<tr" not in low:
        return False
    if b"<html" not in low and not low.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return False
    return any(word in head for word in _TITLE_BYTES)


def sniff(head: list[str]) -> bool:
    """Tab-separated text whose first row is a CNKI header (``SrcDatabase-来源库\\tTitle-题名…``)."""
    return (
        bool(head)
        and "\t" in head[0]
        and has_cjk(head[0])  # CNKI headers are always Chinese
        and header_fields(head[0].split("\t")) is not None
    )


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per data row of a CNKI ``.xls`` (HTML or tab-separated) export."""
    report.has_cited_references = False
    text = source.read_text()
    is_html = bool(re.search(r"<\s*(table|tr|td)\b", text[:65536], re.IGNORECASE))
    rows = _html_rows(text) if is_html else _tsv_rows(text)

    yield from table_records(rows, report)


def table_records(rows: list[tuple[int, list[str], bool]], report: FileReport) -> Iterator[dict]:
    """Canonical records from the rows of a CNKI table: ``(line, cells, closed)`` per row, cells as text.

    Every header row (:func:`header_fields`) defines the columns of the rows below it; rows above
    the first header are ignored (noted); a row without a title is skipped and reported; a row
    with fewer cells than columns, or not closed, is kept and reported as cut short.  Sets
    ``report.records_in_file``.  Also used by :mod:`litkit.io.cnki_excel`.

    Examples
    --------
    >>> report = FileReport(file="x.xls", format="cnki_html_xls")
    >>> rows = [(1, ["题名", "作者"], True), (2, ["标题一", "张三;李四"], True)]
    >>> [r["TI"] for r in table_records(rows, report)], report.records_in_file
    (['标题一'], 1)
    """
    columns: list[str] | None = None
    names: list[str | None] = []
    records: list[tuple[int, list[str], bool, list[str], list[str | None]]] = []
    stray = None
    for line, cells, closed in rows:
        header = header_fields(cells)
        if header is not None:
            columns, names = cells, header
            continue
        if not any(cells):
            continue
        if columns is None:
            if stray is None and len([c for c in cells if c]) > 1:
                stray = line
            continue
        records.append((line, cells, closed, columns, names))
    if stray is not None:
        report.problem(stray, "table rows before the first CNKI header row ignored", action="note")
    if not records and columns is None:
        report.problem(
            1,
            "no CNKI header row (a row naming 题名/Title-题名 and other CNKI columns) found in the table",
            action="note",
        )
    report.records_in_file = len(records)

    for index, (line, cells, closed, columns_, _names) in enumerate(records):
        pairs = []
        for col, cell in zip(columns_, cells):
            if cell:
                pairs.append((col, cell))
        fields: Fields = bilingual_fields(pairs)
        short = len(cells) < len(columns_)
        if len(cells) > len(columns_):
            extra_cells = [c for c in cells[len(columns_) :] if c]
            if extra_cells:
                report.problem(
                    line,
                    f"row has {len(cells)} cells for {len(columns_)} columns; "
                    "the cells beyond the last column are kept in extra",
                    action="kept",
                    record=index,
                )
                fields.keep("unlabelled cells", "\t".join(extra_cells))
        if not fields.first("title"):
            why = "row has no title"
            if short or not closed:
                why += " (the row is cut short)"
            report.problem(line, why + "; skipped", action="skipped", record=index)
            continue
        if not closed or short:
            report.problem(
                line,
                f"row ends after {len(cells)} of {len(columns_)} columns (the file looks cut short); record kept",
                action="kept",
                record=index,
            )
        yield build_record(fields, line=line, report=report, index=index)


SPEC = ReaderSpec(
    name="cnki_html_xls",
    label="CNKI .xls export (an HTML table, or tab-separated text)",
    database="CNKI",
    sniff=sniff,
    read=read,
    binary_sniff=binary_sniff,
)
