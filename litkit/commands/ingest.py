"""``litkit ingest``: read export files into one Parquet corpus and print what was read.

The summary text is :func:`litkit.io.ingest_summary.ingest_summary` (re-exported here for old imports).
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ..errors import LitkitError
from ..io.ingest_summary import ingest_summary, ingest_summary_from_tally
from . import FORCE_HELP, command


def _ingest_on_dask(paths, output, scheduler, files_per_partition, format, encoding, report, force, strict) -> None:
    """``litkit ingest --scheduler``: partitioned Parquet, the same ingest report."""
    import litkit.scale

    from .._atomic import write_csv

    with litkit.scale.client(scheduler) as c:
        pc = litkit.scale.ingest(
            paths,
            output,
            client=c,
            files_per_partition=files_per_partition,
            overwrite=force,
            format=format,
            encoding=encoding,
            strict=strict,
        )
    if report is not None:
        write_csv(pc.report.problems_table(), report, overwrite=force)
    # The text one process prints: the per-database and field counts from the partitions' columns.
    typer.echo(ingest_summary_from_tally(pc.report, _partitions_tally(pc.partitions)))
    typer.echo(f"\nWrote {len(pc)} records in partitions to {output}/")


def _partitions_tally(partitions):
    """:func:`litkit.io.parquet.tally` over all partitions (a few columns, one row group at a time)."""
    import pyarrow.parquet as pq

    from ..io.parquet import TALLIED_FIELDS, CorpusTally

    counts = CorpusTally()
    columns = list(dict.fromkeys(["DB", "source_format", "PY", *TALLIED_FIELDS]))
    for path in partitions:
        parquet_file = pq.ParquetFile(path)
        try:
            for i in range(parquet_file.metadata.num_row_groups):
                counts.add(parquet_file.read_row_group(i, columns=columns))
        finally:
            parquet_file.close()
    return counts


def register(app: typer.Typer) -> None:
    @command(app)
    def ingest(
        paths: list[Path] = typer.Argument(
            ..., metavar="PATHS", help="Export files or folders (any supported format, mixed)."
        ),
        output: Path = typer.Option(..., "-o", "--output", help="Corpus file to write (.parquet)."),
        merge: bool = typer.Option(False, "--merge", help="Merge records found in several databases."),
        format: str | None = typer.Option(None, "--format", help="Force one reader instead of sniffing."),
        encoding: str | None = typer.Option(None, "--encoding", help="Force one encoding instead of sniffing."),
        engine: str | None = typer.Option(
            None, "--engine", help="c (compiled WoS fast path) or python (record path); default c when it was built."
        ),
        report: Path | None = typer.Option(None, "--report", help="Write the problems table (CSV) here."),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(
            None,
            "--scheduler",
            help="Read on Dask: a scheduler address (tcp://host:8786), a scheduler file, "
            "or 'local'; -o is then a folder of Parquet partitions.  Default: $LITKIT_DASK_SCHEDULER if set.",
        ),
        files_per_partition: int = typer.Option(20, "--files-per-partition", help="With --scheduler."),
        strict: bool = typer.Option(
            False, "--strict", help="A file in a folder or archive that is no export is an error, not skipped."
        ),
    ) -> None:
        """Read export files into one canonical corpus (Parquet) and print a summary.

        Records are written in batches as they are read (memory stays below the input's size);
        with --merge the corpus is read into memory first.
        """
        import litkit

        from .._atomic import check_writable, write_csv

        scheduler = scheduler or os.environ.get("LITKIT_DASK_SCHEDULER") or None
        if scheduler is not None:
            if merge:
                raise LitkitError(
                    "--merge needs the corpus in one piece; merge after reading the partitions",
                    expected="--scheduler without --merge",
                )
            _ingest_on_dask(paths, output, scheduler, files_per_partition, format, encoding, report, force, strict)
            return
        if merge:  # merging compares every record with every other: the corpus in memory
            corpus = litkit.read(paths, format=format, encoding=encoding, engine=engine, strict=strict)
            summary = ingest_summary(corpus)
            if report is not None:
                write_csv(corpus.report.problems_table(), report, overwrite=force)
            corpus = litkit.merge(corpus)
            merge_table = output.with_name(output.stem + ".merge.csv")
            corpus.report.to_csv(merge_table, overwrite=force)
            summary += f"\n\nMerged into {len(corpus)} records; every match is listed in {merge_table}"
            corpus.to_parquet(output, overwrite=force)
        else:  # records stream to the Parquet file batch by batch: memory stays below the input's size
            from ..io.parquet import CorpusTally
            from ..io.stream import ingest_to_parquet

            if report is not None:  # refuse before the (long) read, not after it
                check_writable(report, force)
            counts = CorpusTally()  # what the summary needs, counted as the batches go by
            ingest_report = ingest_to_parquet(
                paths,
                output,
                format=format,
                encoding=encoding,
                overwrite=force,
                on_batch=counts.add,
                engine=engine,
                strict=strict,
            )
            summary = ingest_summary_from_tally(ingest_report, counts)
            if report is not None:
                write_csv(ingest_report.problems_table(), report, overwrite=force)
        typer.echo(summary)
        typer.echo(f"\nWrote {output}")
