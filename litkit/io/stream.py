"""Streaming ingest: export files to one Parquet corpus without the corpus in memory.

:func:`litkit.read` builds the whole corpus as a DataFrame, about twice the
size of the export files as Python objects.  :func:`ingest_to_parquet` writes
the same corpus to a Parquet file batch by batch instead: records are read as
:func:`litkit.read` reads them (a reader's fast path gives blocks of records as
columns, the record path one record at a time), collected into a batch of
``batch_records`` rows, and each batch is written as one row group and dropped.  Memory is bounded by the batch size,
not the input size, so a 600 MB Web of Science download is ingested in less
memory than its own size (``bench/ingest.py``, contender ``litkit-ingest``).

Reading the file back gives exactly what :func:`litkit.read` gives::

    ingest_to_parquet(paths, "corpus.parquet")
    Corpus.read_parquet("corpus.parquet") == litkit.read(paths)   # values, dtypes and report

Examples
--------
>>> from litkit.io.stream import ingest_to_parquet
>>> report = ingest_to_parquet(["savedrecs.txt", "cnki/"], "corpus.parquet")   # doctest: +SKIP
>>> report.files_table()                                                       # doctest: +SKIP
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from .._atomic import check_writable
from ..corpus import ColumnBuilder
from . import ColumnBlock, ReadSession, gc_paused
from .engine import resolve_engine
from .ingest_report import FileReport, IngestReport
from .parquet import CorpusParquetWriter, columns_to_table, corpus_writer

if TYPE_CHECKING:
    import pyarrow as pa

#: Records per batch (and Parquet row group).  Peak memory is about 230 MB (Python, pandas,
#: pyarrow, the reader and the Parquet writer) plus up to 4 times the batch's share of the input:
#: its Python objects (about 2.2 times the text) and their Arrow copy are alive together while
#: it is written.  Measured on Web of Science records with cited references (6 KB each): peak
#: RSS 250 MB with batches of 1,000, 360 MB with 5,000, 440 MB with 10,000 and 620 MB with
#: 20,000, at the same CPU time; 5,000 keeps a 600 MB download well below its own size.
DEFAULT_BATCH_RECORDS = 5_000


def ingest_to_parquet(
    paths: str | Path | Sequence[str | Path],
    output: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    batch_records: int = DEFAULT_BATCH_RECORDS,
    overwrite: bool = False,
    progress: bool | None = None,
    on_batch: Callable[[pa.Table], None] | None = None,
    engine: str | None = None,
    strict: bool = False,
) -> IngestReport:
    """Read export files into a Parquet corpus, one batch of records at a time.

    The result is the corpus :func:`litkit.read` would return for the same
    ``paths`` (same records in the same order, same dtypes, same ingest
    report), stored as :meth:`litkit.Corpus.to_parquet` stores it; only a batch
    of records is ever in memory.

    Parameters
    ----------
    paths : path or list of paths
        Files, or folders searched recursively, as for :func:`litkit.read`.
    output : str or Path
        The ``.parquet`` file to write.  It is written under a temporary name
        beside ``output`` and renamed when complete: a failed or interrupted
        ingest leaves neither a partial ``output`` nor a temporary file.
    format : str, optional
        Force one reader instead of sniffing each file.
    encoding : str, optional
        Force one encoding instead of sniffing it.
    batch_records : int
        Records per batch, i.e. per Parquet row group.  A batch may hold the
        end of one file and the start of the next.
    overwrite : bool
        Replace an existing ``output``; otherwise
        :class:`~litkit.errors.OutputExistsError` is raised before anything is read.
    progress : bool, optional
        Show a tqdm bar of records read per file; by default shown when more
        than 5 files are read.
    on_batch : callable, optional
        Called with each batch as a :class:`pyarrow.Table` once it is written,
        e.g. :meth:`litkit.io.parquet.CorpusTally.add` to count what
        ``litkit ingest`` prints without reading the file again.
    engine : {"c", "python", "auto"}, optional
        How files are parsed, as for :func:`litkit.read` (``"c"``: the compiled fast
        path where a reader has one; ``"python"``: the record path; default: ``"c"``
        when the extension was built).
    strict : bool
        A file in a folder or archive that is no export is an error instead of being
        skipped and listed, as for :func:`litkit.read`.

    Returns
    -------
    IngestReport
        What was read from each file and every problem met; the same report
        is stored in the file (``Corpus.read_parquet(output).report``).

    Raises
    ------
    OutputExistsError
        ``output`` exists and ``overwrite`` is false.
    LitkitError
        A file cannot be read (unknown format, undecodable bytes, …), as
        :func:`litkit.read` raises it; nothing is written then.  Also an unknown
        ``engine``, or ``"c"`` without the extension, before anything is read.

    Examples
    --------
    >>> import litkit
    >>> from litkit.io.stream import ingest_to_parquet
    >>> report = ingest_to_parquet("corpora/demo/wos", "wos.parquet")            # doctest: +SKIP
    >>> report.records_read                                                      # doctest: +SKIP
    603
    >>> litkit.Corpus.read_parquet("wos.parquet") == litkit.read("corpora/demo/wos")   # doctest: +SKIP
    True

    Counting what ``litkit ingest`` prints while the batches go by:

    >>> from litkit.io.parquet import CorpusTally
    >>> counts = CorpusTally()
    >>> report = ingest_to_parquet("corpora/demo/wos", "wos.parquet", overwrite=True,
    ...                            on_batch=counts.add)                          # doctest: +SKIP
    >>> counts.groups                                                            # doctest: +SKIP
    {('WoS', 'wos_plain'): [603, 2000, 2024]}
    """
    if batch_records < 1:
        raise ValueError(f"batch_records must be at least 1, not {batch_records}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    resolve_engine(engine)  # an unknown engine, or "c" without the extension: refuse before reading
    check_writable(output, overwrite)  # refuse before spending minutes reading
    session = ReadSession(paths, strict=strict)  # folders, archives, skipped files, duplicates: as litkit.read
    files = session.files
    show_progress = bool(progress) or (progress is None and len(files) > 5)
    report = IngestReport()

    # Garbage collector.  litkit.read pauses it (gc_paused) because everything read lives until
    # the corpus is complete, so each automatic collection re-scans millions of live lists and
    # dicts and frees nothing.  Within a batch the same holds (its records live until the batch is written), so
    # it is paused here too: about 10 % less CPU time on Web of Science files.  Unlike there,
    # objects do not accumulate: a batch is freed by reference counting as soon as it is written
    # (no collection is needed for that).  What only a collection could free, reference cycles,
    # would pile up while the collector is paused; none are made per batch today (the collections
    # below find nothing), but as a guard one generation-0 collection runs after each batch.  With
    # the automatic collector paused every object allocated since the previous collection is in
    # generation 0, and the batch's own objects are already gone, so it examines only the few
    # survivors and costs next to nothing.  Memory therefore stays flat however long the input.
    with (
        gc_paused(),
        corpus_writer(output, overwrite=overwrite) as writer,
        _Batches(writer, batch_records, on_batch) as batches,
    ):
        for path in files:
            file_report = FileReport(file=str(path))
            bar = _progress_bar(path, len(files)) if show_progress else None
            # Through the reader's fast path where it can (whole blocks of records as columns).
            for part in session.parts(path, file_report, format=format, encoding=encoding, engine=engine):
                if isinstance(part, ColumnBlock):
                    batches.add_columns(part)
                else:
                    batches.add_record(part)
                if bar is not None:
                    bar.update(part.n if isinstance(part, ColumnBlock) else 1)
            if bar is not None:
                bar.close()
            report.add(file_report)
        session.finish(report)
        batches.flush()
        batches.wait()
        # The report is complete only now; it goes into the file's footer, written on close.
        writer.report = report
    return report


class _Batches:
    """Records collected into batches of ``size`` rows, each written as one row group when full.

    A batch is encoded into Parquet (compression, dictionaries: a third of an ingest's time) on a
    second thread while the next batch is read: Arrow releases the GIL while it encodes, so on two
    cores the two overlap.  One batch at most is being written at a time, in order; an error of the
    writer is raised in the reading thread at the next batch (or at :meth:`wait`).  Used as a context
    manager, which waits for the last write however the block ends.
    """

    def __init__(self, writer: CorpusParquetWriter, size: int, on_batch):
        self.writer, self.size, self.on_batch = writer, size, on_batch
        self.builder, self.rows = ColumnBuilder(), 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="litkit-parquet")
        self._pending = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            if exc[0] is None:
                self.wait()
            elif self._pending is not None:
                futures.wait([self._pending])  # the block failed: its error, not the writer's, is raised
        finally:
            self._pool.shutdown(wait=True)
        return False

    def wait(self) -> None:
        """Wait for the batch being written; raise its error, if any."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def add_record(self, record: dict) -> None:
        self.builder.add(record)
        self.rows += 1
        if self.rows == self.size:
            self.flush()

    def add_columns(self, block: ColumnBlock) -> None:
        """A fast-path block, cut where batches end (a batch may hold parts of several blocks)."""
        start = 0
        while start < block.n:
            stop = min(block.n, start + self.size - self.rows)
            whole = start == 0 and stop == block.n
            part = block.columns if whole else {name: values[start:stop] for name, values in block.columns.items()}
            self.builder.add_columns(part, clean=not block.canonical)
            self.rows += stop - start
            start = stop
            if self.rows == self.size:
                self.flush()

    def flush(self) -> None:
        """Write the batch collected so far (if any) as one row group."""
        if not self.rows:
            return
        batch = columns_to_table(self.builder.columns, self.writer.schema)  # (no pandas frame in between)
        # The batch's Python objects are freed here, before Parquet encodes its Arrow copy.
        self.builder, self.rows = ColumnBuilder(), 0
        self.wait()  # the previous batch is in the file: row groups stay in reading order
        self._pending = self._pool.submit(self.writer.write_table, batch)
        if self.on_batch is not None:
            self.on_batch(batch)
        del batch
        gc.collect(0)


def _progress_bar(path: Path, n_files: int):
    from tqdm.auto import tqdm

    # One bar per file, counting records (how many a file holds is not known before it is read);
    # with many files each bar disappears when its file is done.
    return tqdm(desc=path.name, unit=" records", leave=n_files <= 5, mininterval=0.5)


__all__ = ["ingest_to_parquet", "DEFAULT_BATCH_RECORDS"]
