"""What every reader module provides.

A reader is a small module with one :class:`ReaderSpec` named ``SPEC``:

* ``sniff(head)`` gets the first non-blank lines of the decoded file and says
  whether the file is in this format (content only, never the file name);
* ``read(source, report)`` yields one dict per record, keyed by canonical
  column names (:data:`litkit.corpus.COLUMN_NAMES`), with ``source_line`` set
  to the 1-based line where the record starts.  It sets
  ``report.records_in_file`` from the file's own record markers and calls
  ``report.problem(...)`` for every record it keeps with a defect or skips.

The framework (:func:`litkit.io.read_file`) fills ``source_file``,
``source_format``, ``DB`` (when the reader leaves it empty) and a stable ``UT``
for records without an id, and counts ``records_read``.

A reader may also have a fast path, ``read_column_blocks(source, report)``: the
same records as canonical columns, a block of records at a time.  It raises
:class:`FastPathDeclined` when the file needs the record path (anything unusual
in it), possibly after some blocks: those are then exactly the first records
``read`` gives, and the framework takes the rest from ``read`` (with ``read``'s
report for the whole file).  The fast path is the ``"c"`` engine and ``read`` the
``"python"`` one (``litkit.read(engine=...)``, :mod:`litkit.io.engine`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .ingest_report import FileReport
from .sniff import TextSource

Record = dict


@dataclass(frozen=True)
class ReaderSpec:
    name: str  # short id used in reports and in ``litkit.read(format=...)``
    label: str  # human-readable format name, for the formats table
    database: str  # WoS, CNKI, Scopus, or "" when the database is decided per record
    sniff: Callable[[list[str]], bool]
    read: Callable[[TextSource, FileReport], Iterator[Record]]
    binary_sniff: Callable[[bytes], bool] | None = None  # for formats recognised from raw bytes
    # For formats whose signature may lie anywhere in the file (a zip's directory is at its end):
    # gets the file (or archive member) as a seekable binary stream and is used instead of
    # ``binary_sniff``, which only sees the first 64 KiB.
    binary_sniff_file: Callable[[BinaryIO], bool] | None = None
    # Optional fast path: the file's records as canonical columns (name -> list, all the same
    # length), a block at a time, raising FastPathDeclined for a file ``read`` must read (see
    # above).  It must give exactly what ``read`` gives; the tests compare the two on every real file.
    read_column_blocks: Callable[[TextSource, FileReport], Iterator[dict[str, list]]] | None = None
    # True when ``read_column_blocks`` already gives canonical values (lists of non-empty str, text
    # that is None or more than white space), so the corpus takes them without a cleaning pass.
    columns_are_canonical: bool = False


class FastPathDeclined(Exception):
    """Raised by a reader's fast path for a file that its record path must read."""


CSV_DELIMITERS = (",", ";", "\t")
"""Field delimiters of CSV exports, in the order tried: ``,`` as exported; ``;`` after a re-save by
Excel in a locale whose decimal mark is a comma (most of Europe); a TAB after "Text (tab-delimited)"."""


def csv_delimiter(line: str, is_header: Callable[[set[str]], bool]) -> str | None:
    """The delimiter of :data:`CSV_DELIMITERS` that splits ``line`` into a header ``is_header`` accepts.

    Parameters
    ----------
    line : str
        The first line of the file.
    is_header : callable
        Gets the set of column names (stripped, BOM removed) and says whether they are the format's header.

    Returns
    -------
    str or None
        The delimiter, or None when no delimiter gives such a header.

    Examples
    --------
    >>> csv_delimiter("Authors;Title;Year", lambda names: {"Title", "Year"} <= names)
    ';'
    >>> csv_delimiter("a,b", lambda names: "Title" in names) is None
    True
    """
    for delimiter in CSV_DELIMITERS:
        try:
            fields = next(csv.reader(io.StringIO(line), delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if is_header({f.strip().lstrip("\ufeff") for f in fields}):
            return delimiter
    return None


def split_values(value: str | None, separators: Iterable[str] = (";",)) -> list[str]:
    """Split a multi-valued field on any of ``separators``, trimming and dropping empties.

    Examples
    --------
    >>> split_values("生态产品；碳汇;; 生态补偿，", separators=(";", "；", "，"))
    ['生态产品', '碳汇', '生态补偿']
    """
    if not value:
        return []
    parts = [value]
    for sep in separators:
        parts = [piece for part in parts for piece in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]


def clean_doi(value: str | None) -> str | None:
    """Lower-case a DOI and strip URL prefixes and 'doi:'.

    >>> clean_doi("https://doi.org/10.1016/J.ECOSER.2017.09.008")
    '10.1016/j.ecoser.2017.09.008'
    """
    if not value:
        return None
    v = value.strip()
    low = v.lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if low.startswith(prefix):
            v = v[len(prefix) :]
            low = low[len(prefix) :]
    v = v.strip().rstrip(".").lower()
    return v or None


def parse_year(value: str | None) -> int | None:
    """The first plausible 4-digit year (1000–2999) in ``value``.

    >>> parse_year("2021-04-26"), parse_year("JUN 2024"), parse_year("n.d.")
    (2021, 2024, None)
    """
    if not value:
        return None
    import re

    m = re.search(r"(?<!\d)([12]\d{3})(?!\d)", value)
    return int(m.group(1)) if m else None
