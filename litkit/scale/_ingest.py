"""Parallel ingest: many export files into one folder of Parquet partitions.

Each partition is one batch of ``files_per_partition`` consecutive files (in the
order :func:`litkit.io.input_files` lists them: folders searched, archives opened
into their members).  A Dask task reads its batch with :func:`litkit.read` (fast
paths included) and writes ``part-00000.parquet``, ``part-00001.parquet``, … with
:meth:`litkit.Corpus.to_parquet`.  The batches are :class:`~litkit.io.InputFile` s,
so a worker knows which files were found in a folder or archive (one that is no
export is skipped and listed, or with ``strict`` an error) and which were named.
The driver merges the per-file reports, in file order, into the same
:class:`~litkit.io.IngestReport` that :func:`litkit.read` returns, checks that
every folder and archive named gave records (a partition holding only skipped
files is no error by itself), and writes the report next to the partitions:

.. code-block:: text

    out_dir/
        part-00000.parquet      records of files 0 .. k-1 (canonical schema)
        part-00001.parquet      records of files k .. 2k-1
        ...
        ingest_report.json      IngestReport.to_dict(), files in input order
        manifest.json           partition files, their source files and record counts

Concatenating the partitions in name order gives exactly ``litkit.read(paths).df``.
On a real cluster ``out_dir`` must be a folder every worker can write to (a
shared file system); the workers write the partitions, the driver only the two
JSON files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._atomic import write_text
from ..corpus import Corpus
from ..errors import LitkitError, OutputExistsError
from ..io import IngestReport, InputFile, ReadSession, RepeatNotes, read

__all__ = ["ingest", "read_partitioned", "PartitionedCorpus", "MANIFEST", "REPORT"]

MANIFEST = "manifest.json"
REPORT = "ingest_report.json"
_PART = "part-{:05d}.parquet"


def _ingest_batch(
    files: Sequence[InputFile],
    target: str,
    overwrite: bool,
    format: str | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> dict:
    """Worker task: read a batch of files and write them as one Parquet partition."""
    # Identical files, overlapping batches and folders that gave no record are the driver's,
    # across all partitions: a batch sees only some of a folder's files.
    try:
        corpus = read(
            list(files),
            format=format,
            encoding=encoding,
            progress=False,
            strict=strict,
            note_repeats=False,
            check_folders=False,
        )
    except LitkitError as exc:
        # Returned, not raised: the driver raises the error of the first batch in file order,
        # the one litkit.read would give, whichever worker fails first.
        return {"error": exc}
    corpus.to_parquet(target, overwrite=overwrite)
    return {"report": corpus.report.to_dict(), "records": len(corpus)}


def _note_repeats(report: IngestReport, files: Sequence[InputFile], targets: Sequence[str]) -> None:
    """The notes litkit.read makes on identical files and overlapping batches, across all partitions."""
    import pyarrow.parquet as pq

    same_as = {str(f): f.same_as for f in files}
    uts: dict[str, list] = {}
    for target in targets:
        table = pq.read_table(target, columns=["source_file", "UT"])
        for source, ut in zip(table.column("source_file").to_pylist(), table.column("UT").to_pylist()):
            uts.setdefault(source, []).append(ut)
    notes = RepeatNotes()
    for f in report.files:
        notes.add(f, uts.get(f.file, ()), same_as.get(f.file))


def _batches(files: Sequence[InputFile], size: int) -> list[list[InputFile]]:
    return [list(files[i : i + size]) for i in range(0, len(files), size)]


def ingest(
    paths,
    out_dir: str | Path,
    client=None,
    files_per_partition: int = 20,
    overwrite: bool = False,
    format: str | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> PartitionedCorpus:
    """Read export files in parallel into a folder of Parquet partitions.

    Parameters
    ----------
    paths : path or list of paths
        Files, folders and archives, as for :func:`litkit.read` (folders are searched
        recursively; hidden files and PROVENANCE/README/INDEX notes are passed over;
        a file found in a folder or archive that is no export is skipped and listed in
        the report).
    out_dir : path
        Folder for the partitions, ``ingest_report.json`` and ``manifest.json``.
        It must not hold a previous ingest unless ``overwrite`` is true.
    client : dask.distributed.Client, optional
        Where to run; default: Dask's current scheduler (the last Client made,
        else local threads).  See :func:`litkit.scale.client`.
    files_per_partition : int
        Files per task and per partition.  WoS and CNKI export at most 500
        records per file, so 20 files make partitions of up to 10 000 records
        (tens of MB in memory): small enough for any worker, large enough that
        task overhead is negligible.
    overwrite : bool
        Replace an existing ingest in ``out_dir``.
    format, encoding : str, optional
        Force one reader / one encoding instead of sniffing each file, as in :func:`litkit.read`.
    strict : bool, default False
        A file found in a folder or archive that is no export is an error instead of
        being skipped, as in :func:`litkit.read`.

    Returns
    -------
    PartitionedCorpus

    Raises
    ------
    LitkitError
        When a file cannot be read, or a folder or archive named gives no record at all,
        exactly as :func:`litkit.read` would (the error of the first file in reading order,
        whichever worker meets its error first).  The partitions of a refused ingest are removed.

    Examples
    --------
    >>> import litkit.scale
    >>> pc = litkit.scale.ingest("exports/", "work/corpus")         # doctest: +SKIP
    >>> pc.report                                                   # doctest: +SKIP
    IngestReport(412 files, 205611 records in files, 205611 read, 0 skipped, 3 problems)
    """
    import dask

    if files_per_partition < 1:
        raise LitkitError(f"files_per_partition must be at least 1, got {files_per_partition!r}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    session = ReadSession(paths, strict=strict, note_repeats=False)  # what litkit.read would read
    files = session.files
    if not files:
        session.finish(IngestReport())  # a folder named holds no file: the error litkit.read gives
        raise LitkitError(
            "no files to read", path=Path(paths[0]) if paths else None, expected="export files or folders holding them"
        )
    out = Path(out_dir)
    if (out / MANIFEST).exists() and not overwrite:
        raise OutputExistsError(
            "folder already holds an ingest; pass overwrite=True to replace it",
            path=out,
            expected="a new or empty folder",
        )
    out.mkdir(parents=True, exist_ok=True)
    stale = sorted(out.glob("part-*.parquet"))
    if stale and not overwrite:
        raise OutputExistsError(
            "folder already holds Parquet partitions; pass overwrite=True", path=out, expected="a new or empty folder"
        )

    batches = _batches(files, files_per_partition)
    targets = [str(out / _PART.format(i)) for i in range(len(batches))]
    tasks = [
        dask.delayed(_ingest_batch, pure=False)(b, t, overwrite, format, encoding, strict)
        for b, t in zip(batches, targets)
    ]
    results = client.compute(tasks, sync=True) if client is not None else dask.compute(*tasks)

    report = IngestReport()
    try:
        for r in results:
            if "error" in r:
                raise r["error"]
            report.extend(IngestReport.from_dict(r["report"]))
        session.finish(report)  # every folder and archive named gave records, over all partitions
    except LitkitError:
        # The partitions just written hold no corpus; an earlier ingest they replaced is gone too.
        for name in [*targets, *(str(old) for old in stale), str(out / MANIFEST), str(out / REPORT)]:
            Path(name).unlink(missing_ok=True)
        raise
    # Partitions left over from a larger earlier ingest would be read as part of this one.
    for old in stale:
        if str(old) not in targets:
            old.unlink()
    _note_repeats(report, files, targets)
    write_text(
        out / REPORT, json.dumps(report.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", overwrite=True
    )
    manifest = {
        "format": "litkit partitioned corpus",
        "version": 1,
        "files_per_partition": files_per_partition,
        "partitions": [
            {"file": Path(t).name, "records": r["records"], "sources": [str(f) for f in b]}
            for t, r, b in zip(targets, results, batches)
        ],
    }
    write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", overwrite=True)
    return read_partitioned(out)


def _load_partition(path: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Worker task: one partition as a canonical pandas frame (lists as lists).

    With ``columns``, only those are read (the others are empty): a pass that
    needs ``UT``, ``PY`` and ``CR`` does not load abstracts.  Both go through
    :meth:`Corpus.read_parquet`, which converts the stored canonical columns in Arrow.
    ``normalise_frame`` on the pandas frame cleaned every value in Python and built an
    empty list per record for each column not read: at one million records the keyword
    map's 200 loads took 52.6 of its 112 worker CPU seconds that way, 6.7 now.
    """
    return Corpus.read_parquet(path, columns=None if columns is None else list(columns)).df


@dataclass
class PartitionedCorpus:
    """A corpus stored as Parquet partitions, computed on partition by partition.

    Attributes
    ----------
    folder : pathlib.Path
    partitions : list of pathlib.Path
        Partition files, in record order.
    records : list of int
        Records per partition.
    report : IngestReport
        The merged ingest report (files in input order).
    """

    folder: Path
    partitions: list[Path]
    records: list[int]
    report: IngestReport

    def __len__(self) -> int:
        return sum(self.records)

    def delayed_frames(self, columns: Sequence[str] | None = None) -> list:
        """One ``dask.delayed`` canonical pandas frame per partition (the unit of work).

        ``columns``: read only these (the rest of the canonical columns are empty).
        """
        import dask

        columns = list(columns) if columns is not None else None
        return [dask.delayed(_load_partition, pure=False)(str(p), columns) for p in self.partitions]

    def to_dask(self):
        """A ``dask.dataframe.DataFrame`` over the partitions (canonical columns; lists as lists)."""
        import dask.dataframe as dd

        meta = Corpus().df
        return dd.from_delayed(self.delayed_frames(), meta=meta, verify_meta=False)

    def column(self, name: str) -> pd.Series:
        """One canonical column over all partitions, in record order (only that column is read).

        Examples
        --------
        >>> pc.column("PY").max()                                   # doctest: +SKIP
        2024
        """
        import pyarrow.parquet as pq

        parts = [pq.read_table(p, columns=[name]).column(name).to_pandas() for p in self.partitions]
        return pd.concat(parts, ignore_index=True) if parts else Corpus().df[name]

    def to_corpus(self) -> Corpus:
        """All records in one in-memory :class:`~litkit.Corpus` (for results that fit in memory)."""
        frames = [_load_partition(str(p)) for p in self.partitions]
        df = pd.concat(frames, ignore_index=True) if frames else None
        return Corpus(df, self.report)

    def __repr__(self) -> str:
        return f"<PartitionedCorpus: {len(self)} records in {len(self.partitions)} partitions at {self.folder}>"


def read_partitioned(out_dir: str | Path) -> PartitionedCorpus:
    """Open a folder written by :func:`ingest`.

    Examples
    --------
    >>> pc = litkit.scale.read_partitioned("work/corpus")      # doctest: +SKIP
    >>> ddf = pc.to_dask()                                      # doctest: +SKIP
    >>> ddf.groupby("PY").size().compute()                      # doctest: +SKIP
    >>> small = pc.to_corpus()                                  # doctest: +SKIP
    """
    folder = Path(out_dir)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise LitkitError(
            "not a litkit partitioned corpus (no manifest.json)",
            path=folder,
            expected="a folder written by litkit.scale.ingest",
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    report = IngestReport.from_dict(json.loads((folder / REPORT).read_text(encoding="utf-8")))
    parts = [folder / p["file"] for p in manifest["partitions"]]
    missing = [p for p in parts if not p.is_file()]
    if missing:
        raise LitkitError(
            "partition listed in manifest.json is missing",
            path=missing[0],
            expected="every part-*.parquet the manifest lists",
        )
    return PartitionedCorpus(folder, parts, [int(p["records"]) for p in manifest["partitions"]], report)
