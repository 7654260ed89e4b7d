"""The corpus on disk: one Arrow schema, one way to write it, one way to read it back.

:meth:`litkit.Corpus.to_parquet` (a whole corpus at once) and
:func:`litkit.io.stream.ingest_to_parquet` (batch after batch, never the
whole corpus in memory) both write through :func:`corpus_writer`, so a corpus
file has the same column types, the same pandas metadata and the same ingest
report whichever way it was made, and :func:`read_frame` reads either.

The schema is fixed by :data:`litkit.corpus.COLUMNS`, not inferred from the
data: text columns are ``string``, list columns ``list<string>``, number
columns ``int64``.  Inferring it would give a column that happens to be empty
in one batch the type ``null`` and in the next ``string``, and two files of
the same kind of corpus different schemas.

The ingest report is stored as JSON under the key ``litkit.report`` of the
file's key-value metadata.  That metadata is written into the footer when the
file is closed, so a streaming writer can add the report after the last
record (``ParquetWriter.add_key_value_metadata``); readers take it from the
footer (:func:`read_report`).

Examples
--------
>>> import tempfile, pathlib
>>> from litkit.corpus import Corpus
>>> corpus = Corpus.from_records([{"UT": "WOS:1", "TI": "Ecosystem services", "PY": 1997,
...                                "AU": ["Costanza, R"]}])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "c.parquet"
>>> with corpus_writer(path) as writer:
...     writer.write(corpus.df)
>>> df, report = read_frame(path)
>>> df.loc[0, "AU"], report is None
(['Costanza, R'], True)
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .._atomic import atomic_path
from ..corpus import COLUMN_NAMES, COLUMNS, LIST_COLUMNS
from ..errors import LitkitError

#: Key of the ingest (or merge) report in the Parquet file's key-value metadata.
REPORT_KEY = b"litkit.report"

_ARROW_TYPES = {"str": pa.string(), "int": pa.int64(), "list": pa.list_(pa.string())}
CANONICAL_FIELDS: tuple[pa.Field, ...] = tuple(pa.field(c.name, _ARROW_TYPES[c.kind]) for c in COLUMNS)


@functools.cache
def arrow_schema() -> pa.Schema:
    """The Arrow schema of a corpus file (the canonical columns, pandas metadata included).

    Examples
    --------
    >>> schema = arrow_schema()
    >>> str(schema.field("AU").type), str(schema.field("PY").type), str(schema.field("TI").type)
    ('list<item: string>', 'int64', 'string')
    """
    empty = pd.DataFrame({c.name: pd.Series([], dtype="Int64" if c.kind == "int" else object) for c in COLUMNS})
    return frame_to_table(empty).schema


def frame_to_table(df: pd.DataFrame) -> pa.Table:
    """A canonical frame (``corpus.df``, or one batch of it) as an Arrow table.

    Canonical columns get their fixed types; columns a user added to
    ``corpus.df`` (anything not in :data:`~litkit.corpus.COLUMNS`) keep the
    type Arrow infers for them.

    Examples
    --------
    >>> from litkit.corpus import frame_from_records
    >>> table = frame_to_table(frame_from_records([{"TI": "A", "DE": ["x", "y"], "PY": 2020}]))
    >>> table.num_rows, table.column("DE").to_pylist(), table.column("PY").to_pylist()
    (1, [['x', 'y']], [2020])
    """
    fields = list(CANONICAL_FIELDS)
    extra = [name for name in df.columns if name not in COLUMN_NAMES]
    if extra:
        fields += list(pa.Schema.from_pandas(df[extra], preserve_index=False))
    return pa.Table.from_pandas(df, schema=pa.schema(fields), preserve_index=False)


def columns_to_table(columns: Mapping[str, list], schema: pa.Schema | None = None) -> pa.Table:
    """Canonical columns (:attr:`litkit.corpus.ColumnBuilder.columns`) straight to Arrow.

    The table :func:`frame_to_table` gives for ``ColumnBuilder.frame()`` of the same columns
    (the same arrays, types and values), without the pandas frame in between: the streaming
    ingest converts every batch this way (0.4 s less at 100,000 records).  Text and list values
    are converted as pandas' conversion converts them (``from_pandas``: a float NaN is missing);
    a number column with anything other than int and None goes through the frame's coercion.

    Parameters
    ----------
    columns : mapping of str to list
        Every canonical column, cleaned (what :class:`~litkit.corpus.ColumnBuilder` holds).
    schema : pyarrow.Schema, optional
        The schema given to the table (default :func:`arrow_schema`); its fields must be the canonical ones.

    Returns
    -------
    pyarrow.Table

    Examples
    --------
    >>> from litkit.corpus import ColumnBuilder
    >>> builder = ColumnBuilder()
    >>> builder.add({"TI": "A", "DE": ["x", "y"], "PY": 2020})
    >>> columns_to_table(builder.columns).equals(frame_to_table(builder.frame()))
    True
    """
    from ..corpus import int_array

    arrays = []
    for column, arrow_field in zip(COLUMNS, CANONICAL_FIELDS):
        values = columns[column.name]
        if column.kind == "int" and not set(map(type, values)) <= {int, type(None)}:
            values = int_array(values)  # strings, floats ...: coerced as the frame coerces them
        arrays.append(pa.array(values, type=arrow_field.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=schema if schema is not None else arrow_schema())


def report_metadata(report) -> dict[bytes, bytes]:
    """The key-value metadata that stores ``report`` (empty when there is none)."""
    if report is None or not hasattr(report, "to_dict"):
        return {}
    return {REPORT_KEY: json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")}


class CorpusParquetWriter:
    """Writes canonical frames as row groups of one Parquet file; see :func:`corpus_writer`.

    Attributes
    ----------
    report : IngestReport or MergeReport or None
        Stored in the file's metadata when it is closed; set it any time before.
    records : int
        Rows written so far.
    """

    def __init__(self, path: Path, schema: pa.Schema):
        self.schema = schema
        self.report = None
        self.records = 0
        self._writer = pq.ParquetWriter(path, schema)

    def write(self, df: pd.DataFrame) -> None:
        """Append ``df`` as one row group (nothing for an empty frame)."""
        if len(df):
            self.write_table(frame_to_table(df))

    def write_table(self, table: pa.Table) -> None:
        """Append an Arrow table made by :func:`frame_to_table` as one row group."""
        if table.num_rows:
            # The default row-group limit (1 Mi rows) is above any batch: one write, one row group.
            self._writer.write_table(table)
            self.records += table.num_rows

    def close(self) -> None:
        """Store the report in the footer and finish the file."""
        metadata = report_metadata(self.report)
        if metadata:
            self._writer.add_key_value_metadata(metadata)
        self._writer.close()

    def abort(self) -> None:
        """Release the file after a failure (its content is thrown away)."""
        with contextlib.suppress(Exception):
            self._writer.close()


@contextlib.contextmanager
def corpus_writer(
    path: str | Path, *, overwrite: bool = False, schema: pa.Schema | None = None
) -> Iterator[CorpusParquetWriter]:
    """Write a corpus Parquet file atomically, in as many row groups as ``write`` calls.

    The file is written to a temporary name beside ``path`` and renamed onto
    ``path`` only when the block ends without an exception; an exception (or
    Ctrl-C) leaves neither ``path`` nor the temporary file behind.

    Parameters
    ----------
    path : str or Path
        The ``.parquet`` file to write.
    overwrite : bool
        Replace an existing ``path``; without it
        :class:`~litkit.errors.OutputExistsError` is raised before anything is written.
    schema : pyarrow.Schema, optional
        Default :func:`arrow_schema` (the canonical columns only).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from litkit.corpus import frame_from_records
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.parquet"
    >>> with corpus_writer(path) as writer:
    ...     writer.write(frame_from_records([{"TI": "first batch"}]))
    ...     writer.write(frame_from_records([{"TI": "second batch"}]))
    >>> pq.ParquetFile(path).metadata.num_row_groups
    2
    """
    with atomic_path(path, overwrite) as tmp:
        writer = CorpusParquetWriter(tmp, schema if schema is not None else arrow_schema())
        try:
            yield writer
        except BaseException:
            writer.abort()
            raise
        writer.close()


def write_frame(df: pd.DataFrame, path: str | Path, report=None, overwrite: bool = False) -> Path:
    """Write a whole corpus frame (one row group) with its report; see :meth:`litkit.Corpus.to_parquet`."""
    table = frame_to_table(df)
    with corpus_writer(path, overwrite=overwrite, schema=table.schema) as writer:
        writer.report = report
        writer.write_table(table)
    return Path(path)


def read_report(path: str | Path):
    """The report stored in a corpus file, as an :class:`~litkit.io.IngestReport` (or None).

    Taken from the file's key-value metadata, where both writers put it
    (older files written by ``to_parquet`` have it there too).
    """
    from .ingest_report import IngestReport

    metadata = pq.read_metadata(path).metadata or {}
    if REPORT_KEY not in metadata:
        return None
    return IngestReport.from_dict(json.loads(metadata[REPORT_KEY].decode("utf-8")))


def read_frame(path: str | Path) -> tuple[pd.DataFrame, object]:
    """A corpus file's records as a frame (lists as Python lists) and its report.

    The frame still needs :func:`litkit.corpus.normalise_frame` for the
    canonical dtypes; :func:`read_canonical_frame` gives the canonical frame directly.
    """
    df = pq.read_table(path).to_pandas()
    for name in LIST_COLUMNS:
        if name in df.columns:
            df[name] = [list(v) if v is not None else [] for v in df[name]]
    return df, read_report(path)


def read_canonical_frame(
    path: str | Path, columns: Sequence[str] | None = None, *, arrow: Sequence[str] = ()
) -> tuple[pd.DataFrame, object]:
    """A corpus file as the canonical frame (what ``normalise_frame(read_frame(path)[0])`` gives) and its report.

    Each canonical column stored with its canonical Arrow type (every file
    :func:`corpus_writer` made) is converted in Arrow, not value by value in
    Python: the checks that ``normalise_frame`` applies (an empty or
    whitespace-only text is missing, a list drops empty and missing items, a
    missing list is ``[]``) are evaluated on the Arrow column, and only a
    column where one of them finds something is cleaned in Python.  A column
    of another type (a Parquet file not written by litkit) goes through
    :func:`litkit.corpus.normalise_frame` as before, so the result is the same
    frame either way.

    Parameters
    ----------
    path : str or Path
        A corpus Parquet file.
    columns : sequence of str, optional
        Read only these columns; the other canonical columns are present and
        empty (``None``, ``[]``, ``<NA>``), columns outside the canonical
        schema are left out unless named.  Default: every column of the file.
        A name that is neither canonical nor in the file is a
        :class:`~litkit.errors.LitkitError`.
    arrow : sequence of str, optional
        List columns to keep in Arrow: such a column (when it is read) is a
        pandas column of ``pandas.ArrowDtype(list<string>)`` holding the
        file's Arrow data, for analyses that compute on Arrow arrays
        (:func:`litkit.refs.distinct_references`) rather than on millions of
        Python lists.  Only a column already canonical in the file (stored as
        ``list<string>``, no missing list, no missing or empty item) is kept
        so; any other column is the usual column of Python lists.  Iterating
        it still gives Python lists.

    Returns
    -------
    (pandas.DataFrame, report)

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from litkit.corpus import frame_from_records
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.parquet"
    >>> _ = write_frame(frame_from_records([{"UT": "WOS:1", "PY": 2020, "DE": ["a", "b"]}]), path)
    >>> df, _ = read_canonical_frame(path, columns=["UT", "DE"])
    >>> df.loc[0, "UT"], df.loc[0, "DE"], df.loc[0, "PY"] is pd.NA, list(df.columns[:3])
    ('WOS:1', ['a', 'b'], True, ['UT', 'DB', 'PT'])
    """
    from ..corpus import normalise_frame

    try:
        file_names = pq.read_schema(path).names
    except (pa.ArrowInvalid, OSError) as exc:  # an export or any other file: say what was expected
        raise LitkitError(
            f"not a Parquet corpus ({exc})".splitlines()[0],
            path=path,
            expected="a .parquet file written by `litkit ingest` (read an export with `litkit ingest` first)",
        ) from None
    if columns is None:
        wanted = file_names
    else:
        unknown = [name for name in columns if name not in file_names and name not in COLUMN_NAMES]
        if unknown:
            raise LitkitError(
                f"no column {unknown[0]!r} in the corpus file", path=path, expected="a canonical column name"
            )
        wanted = [name for name in dict.fromkeys(columns) if name in file_names]
    canonical = {f.name: f.type for f in CANONICAL_FIELDS}
    data: dict[str, object] = {}
    foreign: list[str] = []
    # One column at a time: its Arrow buffers are released once it is converted, so the peak is
    # the Python objects plus one column, not plus the whole Arrow table.  The collector is paused
    # meanwhile (gc_paused): the lists and strings made here form no cycles, and at 100,000 records
    # it ran seven full collections over them (0.35 s) that freed nothing.
    from . import gc_paused

    with gc_paused(keeps_result=True), pq.ParquetFile(path) as parquet_file, ThreadPoolExecutor(1) as reader:
        schema = parquet_file.schema_arrow
        n = parquet_file.metadata.num_rows
        # Columns kept in Arrow are read by another thread while this one makes the Python objects of the
        # others: Arrow decodes without holding the GIL (the cited references of 100,000 records: 0.9 s).
        in_arrow = {
            c.name: reader.submit(_read_arrow_column, path, c.name)
            for c in COLUMNS
            if c.kind == "list"
            and c.name in arrow
            and c.name in wanted
            and schema.field(c.name).type == canonical[c.name]
        }
        for c in COLUMNS:
            if c.name not in wanted:
                data[c.name] = _empty_column(c.kind, n)
            elif c.name in in_arrow:
                data[c.name] = None  # below, once read
            elif schema.field(c.name).type == canonical[c.name]:
                data[c.name] = _read_canonical_column(parquet_file, c.name, c.kind)
            else:
                foreign.append(c.name)
        for name, kept in in_arrow.items():
            kept = kept.result()
            data[name] = kept if kept is not None else _read_canonical_column(parquet_file, name, "list")
        extra = [name for name in wanted if name not in canonical]
        if foreign or extra:
            # Columns normalise_frame has to see as pandas gives them (typed by the file's pandas metadata).
            other = parquet_file.read(columns=foreign + extra).to_pandas()
            for name in foreign:
                values = other[name]
                if name in LIST_COLUMNS:
                    values = pd.Series([list(v) if v is not None else [] for v in values], dtype=object)
                data[name] = values
            normalised = normalise_frame(pd.DataFrame({name: data[name] for name in foreign}, index=range(n)))
            for name in foreign:
                data[name] = normalised[name]
            for name in extra:
                data[name] = other[name]
    return pd.DataFrame(data, columns=list(COLUMN_NAMES) + extra), read_report(path)


# Every character for which Python's str.isspace() is true: an Arrow regex over exactly these
# decides "empty or whitespace-only" as clean_text_value does (RE2's \s knows only ASCII spaces).
# All of them are below U+3001 (the last is U+3000, the ideographic space), so only that range is
# scanned: the whole of Unicode took 45 ms at every import (every command); a test checks the range.
_SPACE_SCAN_END = 0x3001
_PY_SPACE = "".join(chr(i) for i in range(_SPACE_SCAN_END) if chr(i).isspace())
_BLANK_RE = "^[" + "".join(f"\\x{{{ord(ch):x}}}" for ch in _PY_SPACE) + "]*$"


def _read_canonical_column(parquet_file: pq.ParquetFile, name: str, kind: str):
    """One canonical-typed column of the file as the canonical pandas column (object or Int64).

    Text and list columns are read one row group at a time, so that only one row group of the
    column's Arrow data (the cited references: hundreds of MB at 100,000 records) is in memory
    next to the Python objects; one object per distinct string is kept across row groups.
    """
    from ..corpus import clean_list_value, clean_text_value

    if kind == "int":
        column = parquet_file.read(columns=[name]).column(0)
        values = pc.fill_null(column, 0).to_numpy()
        mask = pc.is_null(column).to_numpy(zero_copy_only=False)
        return pd.arrays.IntegerArray(values.astype("int64", copy=False), mask)
    interned: dict[str, str] = {}
    parts: list[np.ndarray] = []
    dirty = False
    for i in range(parquet_file.metadata.num_row_groups):
        chunk = parquet_file.read_row_group(i, columns=[name]).column(0)
        chunk = chunk.combine_chunks() if chunk.num_chunks != 1 else chunk.chunk(0)
        if kind == "str":
            parts.append(_distinct_objects(chunk, interned))
            dirty = dirty or (len(chunk) > 0 and pc.any(pc.match_substring_regex(chunk, _BLANK_RE)).as_py())
            continue
        flat = pc.list_flatten(chunk)
        items = _distinct_objects(flat, interned)
        lengths = pc.fill_null(pc.list_value_length(chunk), 0).to_numpy(zero_copy_only=False)
        ends = np.cumsum(lengths)
        starts = ends - lengths
        values = np.empty(len(chunk), dtype=object)
        # Slices of one Python list, not one NumPy slice and tolist() per record: 4x faster.
        flat_items = items.tolist()
        values[:] = [flat_items[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
        del flat_items
        parts.append(values)
        dirty = dirty or (len(flat) > 0 and (flat.null_count or pc.any(pc.equal(pc.utf8_length(flat), 0)).as_py()))
        del chunk, flat, items
    out = np.concatenate(parts) if parts else np.empty(0, dtype=object)
    if dirty:
        clean = clean_text_value if kind == "str" else clean_list_value
        out[:] = [clean(v) for v in out]
    return pd.Series(out, dtype=object)


def _read_arrow_column(path: str | Path, name: str) -> pd.Series | None:
    """One canonical list column as an Arrow-backed pandas column; None when it needs cleaning.

    The values equal the canonical Python lists only when no list is missing (canonical: ``[]``)
    and no item is missing or empty (canonical: dropped); otherwise the caller reads the column
    the usual way, which cleans it.  The items are read dictionary-encoded, as the file stores
    them (``list<dictionary<string>>``, one chunk per row group): the 4 million cited references
    of the 100,000-record benchmark repeat 80,000 strings, 124 MB so against 273 MB as strings.
    """
    with pq.ParquetFile(path) as parquet_file:  # the Parquet path of the items ("CR.list.element")
        items = [c.path for c in parquet_file.schema if c.path.split(".")[0] == name and c.path != name]
    # Not pq.read_table, although it reads the row groups in parallel: at 100,000 records it saved
    # 0.3 s and cost 300 MB more peak memory.
    try:
        with pq.ParquetFile(path, read_dictionary=items) as parquet_file:
            chunks = [
                chunk
                for i in range(parquet_file.metadata.num_row_groups)
                for chunk in parquet_file.read_row_group(i, columns=[name]).column(0).chunks
            ]
        column = pa.chunked_array(chunks) if chunks else None
    except pa.ArrowNotImplementedError:  # a row group whose dictionary changes midway ("chunked array outputs")
        column = None
    if column is None:
        with pq.ParquetFile(path) as parquet_file:
            column = parquet_file.read(columns=[name]).column(0)
    if column.null_count:
        return None
    flat = pc.list_flatten(column)
    if flat.null_count:
        return None
    values = [chunk.dictionary for chunk in flat.chunks] if pa.types.is_dictionary(flat.type) else [flat]
    if any(len(v) and (v.null_count or pc.min(pc.binary_length(v)).as_py() == 0) for v in values):
        return None
    return pd.Series(pd.arrays.ArrowExtensionArray(column), dtype=pd.ArrowDtype(column.type))


def _distinct_objects(array: pa.Array, interned: dict) -> np.ndarray:
    """A string array as an object array of str and None, one Python object per distinct string.

    Dictionary-encoded in Arrow first, as ``to_pandas`` deduplicates objects: a database name,
    a journal or a cited reference repeated over records is held once, not once per record;
    ``interned`` carries the objects from one row group to the next.
    """
    encoded = pc.dictionary_encode(array)
    distinct = np.empty(len(encoded.dictionary) + 1, dtype=object)  # the last one, None, for nulls
    distinct[:-1] = [interned.setdefault(s, s) for s in encoded.dictionary.to_pylist()]
    indices = pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy(zero_copy_only=False)
    return distinct[indices]


def _empty_column(kind: str, n: int):
    if kind == "int":  # every value missing (built from its mask: pd.array([None] * n) took 12 ms at 100,000)
        return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))
    out = np.empty(n, dtype=object)
    if kind == "list":
        out[:] = [[] for _ in range(n)]
    return pd.Series(out, dtype=object)


@dataclass
class CorpusTally:
    """Records per database and format, their years, and how many records fill each field.

    What ``litkit ingest`` prints about a corpus, counted batch by batch
    (``ingest_to_parquet(..., on_batch=tally.add)``) or from a corpus file one
    row group at a time (:func:`tally`), so that a corpus written by the
    streaming ingest is described without being loaded.

    Attributes
    ----------
    records : int
    groups : dict
        ``(DB, source_format) -> [records, first year, last year]`` (years None when unknown).
    filled : dict
        Column name -> records with a value (a non-empty list, a non-missing text or number),
        the count behind :meth:`litkit.Corpus.fields_filled`.
    """

    records: int = 0
    groups: dict[tuple[str, str], list] = field(default_factory=dict)
    filled: dict[str, int] = field(default_factory=dict)

    def add(self, table: pa.Table) -> None:
        """Count one batch: an Arrow table with ``DB``, ``source_format``, ``PY``; every column is tallied."""
        self.records += table.num_rows
        for name in table.column_names:
            column = table.column(name)
            if pa.types.is_list(column.type):
                count = pc.sum(pc.greater(pc.list_value_length(column), 0)).as_py() or 0
            else:
                count = len(column) - column.null_count
            self.filled[name] = self.filled.get(name, 0) + count
        grouped = table.group_by(["DB", "source_format"], use_threads=False).aggregate(
            [("PY", "min"), ("PY", "max"), ([], "count_all")]
        )
        for row in grouped.to_pylist():
            key = (row["DB"], row["source_format"])
            seen = self.groups.setdefault(key, [0, None, None])
            seen[0] += row["count_all"]
            if row["PY_min"] is not None:
                seen[1] = row["PY_min"] if seen[1] is None else min(seen[1], row["PY_min"])
                seen[2] = row["PY_max"] if seen[2] is None else max(seen[2], row["PY_max"])

    def share_filled(self, name: str) -> float:
        """Share (0–1) of records with a value in ``name``."""
        return self.filled.get(name, 0) / self.records if self.records else 0.0


#: Columns :func:`tally` counts by default: those ``litkit ingest`` reports on.
TALLIED_FIELDS = ("AU", "TI", "SO", "PY", "DE", "ID", "AB", "CR", "DI", "C1", "TC")


def tally(path: str | Path, fields: Sequence[str] = TALLIED_FIELDS) -> CorpusTally:
    """Count a corpus file's records per database, format and field, one row group at a time.

    Only ``DB``, ``source_format``, ``PY`` and ``fields`` are read, and only
    one row group of them is in memory at once.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from litkit.corpus import frame_from_records
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.parquet"
    >>> _ = write_frame(frame_from_records([{"DB": "WoS", "PY": 2019, "DE": ["a"]},
    ...                                     {"DB": "WoS", "PY": 2021, "DE": []}]), path)
    >>> t = tally(path, fields=["DE"])
    >>> t.records, t.groups, t.filled
    (2, {('WoS', None): [2, 2019, 2021]}, {'DE': 1})
    """
    columns = list(dict.fromkeys(["DB", "source_format", "PY", *fields]))
    result = CorpusTally()
    parquet_file = pq.ParquetFile(path)
    try:
        for i in range(parquet_file.metadata.num_row_groups):
            table = parquet_file.read_row_group(i, columns=columns)
            result.add(table)
    finally:
        parquet_file.close()
    result.filled = {name: result.filled.get(name, 0) for name in fields}
    return result


__all__ = [
    "REPORT_KEY",
    "arrow_schema",
    "frame_to_table",
    "columns_to_table",
    "report_metadata",
    "corpus_writer",
    "CorpusParquetWriter",
    "write_frame",
    "read_frame",
    "read_canonical_frame",
    "read_report",
    "CorpusTally",
    "tally",
    "TALLIED_FIELDS",
]
