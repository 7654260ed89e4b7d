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
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import UnknownFormatError
from . import _workbook as workbook
from ._workbook import is_xlsx
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource
from .wos_plain import finish_record
from .wos_tab import LONG_NAMES

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
    if raw.startswith(workbook.OLE2):
        return workbook.names_seen(raw, _SIGNATURE_NAMES) >= 2
    if raw.startswith(workbook.ZIP) and is_xlsx(raw):
        strings = workbook.xlsx_strings_prefix(raw)
        if strings is None:  # not among the first bytes: read() decides from the header row
            return True
        return workbook.names_seen(strings, _SIGNATURE_NAMES) >= 2
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
    return workbook.sniff_workbook_file(fh, _is_header, binary_sniff)


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per data row of the workbook's WoS sheet."""
    path = source.path
    with source.open_binary() as fh:  # the file, or an archive member read in memory
        raw = fh.read()
    rows = workbook.workbook_rows(raw, path, _is_header, "Web of Science Excel export")
    # a workbook has no text encoding: say which container it is
    report.encoding = "xls (BIFF8)" if raw.startswith(workbook.OLE2) else "xlsx (zip/XML)"
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
def _is_header(row: list) -> bool:
    """A row naming a WoS title column and a UT or publication-type column."""
    folded = {_name(v).casefold() for v in row}
    return bool(folded & _TITLE_NAMES) and bool(folded & _UT_NAMES or "publication type" in folded)


def _find_header(rows: list[list], path: Path) -> tuple[int, list[str]]:
    at = workbook.header_index(rows, _is_header)
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
