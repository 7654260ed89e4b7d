"""``litkit ingest``: read export files into one Parquet corpus and print what was read."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ..errors import LitkitError
from . import fail


def ingest_summary(corpus) -> str:
    """The text ``litkit ingest`` prints: files, databases, years, fields filled, problems."""
    df = corpus.df
    groups, filled = [], {}
    if len(df):
        groups = [
            (row.DB, row.source_format, row.records, row.year_min, row.year_max)
            for row in corpus.summary().itertuples(index=False)
        ]
        filled = corpus.fields_filled().to_dict()
    return _summary_text(corpus.report, len(df), groups, filled)


def ingest_summary_from_tally(report, counts) -> str:
    """:func:`ingest_summary` for a corpus that is not in memory, from its ingest report and counts.

    ``counts`` is a :class:`litkit.io.parquet.CorpusTally`: filled batch by
    batch during the streaming ingest (``on_batch=counts.add``), or counted
    from a corpus file (:func:`litkit.io.parquet.tally`).  The text is the one
    :func:`ingest_summary` prints for the same corpus in memory.
    """
    groups = [(db, fmt, n, first, last) for (db, fmt), (n, first, last) in sorted(counts.groups.items())]
    filled = {name: counts.share_filled(name) for name in counts.filled}
    return _summary_text(report, counts.records, groups, filled)


def _summary_text(report, records: int, groups: list[tuple], filled: dict[str, float]) -> str:
    """The summary from the report and per-(database, format) record counts and year ranges.

    ``groups``: ``(DB, source_format, records, first year, last year)`` sorted by
    database and format; ``filled``: share of records with a value, per column.
    """
    import pandas as pd

    lines = []
    files = report.files_table()
    lines.append(
        f"Read {report.records_read} of {report.records_in_files} records "
        f"from {len(files)} file(s); {report.records_skipped} skipped, "
        f"{len(report.problems)} problem(s) reported."
    )
    lines.append("")
    lines.append("Per file:")
    for row in files.itertuples(index=False):
        refs = {True: "", False: "  (this format carries no cited references)", None: ""}[row.has_cited_references]
        lines.append(
            f"  {row.file}: {row.format} [{row.database}, {row.encoding}] "
            f"{row.records_read}/{row.records_in_file} read"
            + (f", {row.records_skipped} skipped" if row.records_skipped else "")
            + (f", {row.problems} problem(s)" if row.problems else "")
            + refs
        )
    if records:
        lines.append("")
        lines.append("Per database and format:")
        for db, fmt, n, year_min, year_max in groups:
            years = "" if year_min is None or pd.isna(year_min) else f", {year_min}–{year_max}"
            lines.append(f"  {db} / {fmt}: {n} records{years}")
        lines.append("")
        lines.append("Fields filled (share of records):")
        no_refs = {f.format for f in report.files if f.has_cited_references is False}
        formats = {fmt for _, fmt, *_ in groups}
        main = ["AU", "TI", "SO", "PY", "DE", "ID", "AB", "CR", "DI", "C1", "TC"]
        parts = []
        for name in main:
            if name == "CR" and no_refs and formats <= no_refs:
                parts.append("CR n/a (not exported by this format)")
            else:
                parts.append(f"{name} {100 * filled[name]:.0f}%")
        lines.append("  " + ", ".join(parts))
        if no_refs and not formats <= no_refs:
            lines.append(
                f"  note: {', '.join(sorted(no_refs))} exports carry no cited references; "
                "their records are not counted as citing nothing"
            )
    problems = report.problems_table()
    if len(problems):
        lines.append("")
        lines.append("Problems (file, line, action, reason):")
        for row in problems.head(20).itertuples(index=False):
            line = "" if row.line is None or row.line != row.line else f":{int(row.line)}"
            lines.append(f"  {row.file}{line}  [{row.action}] {row.reason}")
        if len(problems) > 20:
            lines.append(f"  … and {len(problems) - 20} more (see --report)")
    return "\n".join(lines)


def _ingest_on_dask(paths, output, scheduler, files_per_partition, format, encoding, report, force) -> None:
    """``litkit ingest --scheduler``: partitioned Parquet, the same ingest report."""
    import litkit.scale

    from .._atomic import write_csv
    from ..corpus import Corpus

    try:
        with litkit.scale.client(scheduler) as c:
            pc = litkit.scale.ingest(
                paths,
                output,
                client=c,
                files_per_partition=files_per_partition,
                overwrite=force,
                format=format,
                encoding=encoding,
            )
        if report is not None:
            write_csv(pc.report.problems_table(), report, overwrite=force)
    except LitkitError as exc:
        fail(exc)
    typer.echo(ingest_summary(Corpus(report=pc.report)))
    typer.echo(f"\nWrote {len(pc)} records in partitions to {output}/")


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: list[Path] = typer.Argument(..., help="Export files or folders (any supported format, mixed)."),
        output: Path = typer.Option(..., "-o", "--output", help="Corpus file to write (.parquet)."),
        merge: bool = typer.Option(False, "--merge", help="Merge records found in several databases."),
        format: str | None = typer.Option(None, "--format", help="Force one reader instead of sniffing."),
        encoding: str | None = typer.Option(None, "--encoding", help="Force one encoding instead of sniffing."),
        report: Path | None = typer.Option(None, "--report", help="Write the problems table (CSV) here."),
        force: bool = typer.Option(False, "--force", help="Replace existing output files."),
        scheduler: str | None = typer.Option(
            None,
            "--scheduler",
            help="Read on Dask: a scheduler address (tcp://host:8786), a scheduler file, "
            "or 'local'; -o is then a folder of Parquet partitions.  Default: $LITKIT_DASK_SCHEDULER if set.",
        ),
        files_per_partition: int = typer.Option(20, "--files-per-partition", help="With --scheduler."),
    ) -> None:
        """Read export files into one canonical corpus (Parquet) and print a summary; records are written
        in batches as they are read (memory stays below the input's size), with --merge read into memory first."""
        import litkit

        from .._atomic import write_csv

        scheduler = scheduler or os.environ.get("LITKIT_DASK_SCHEDULER") or None
        if scheduler is not None:
            if merge:
                fail(
                    LitkitError(
                        "--merge needs the corpus in one piece; merge after reading the partitions",
                        expected="--scheduler without --merge",
                    )
                )
            _ingest_on_dask(paths, output, scheduler, files_per_partition, format, encoding, report, force)
            return
        try:
            if merge:  # merging compares every record with every other: the corpus in memory
                corpus = litkit.read(paths, format=format, encoding=encoding)
                summary = ingest_summary(corpus)
                if report is not None:
                    write_csv(corpus.report.problems_table(), report, overwrite=force)
                corpus = litkit.merge(corpus)
                merge_table = output.with_name(output.stem + ".merge.csv")
                corpus.report.to_csv(merge_table, overwrite=force)
                summary += f"\n\nMerged into {len(corpus)} records; every match is listed in {merge_table}"
                corpus.to_parquet(output, overwrite=force)
            else:  # records stream to the Parquet file batch by batch: memory stays below the input's size
                from .._atomic import check_writable
                from ..io.parquet import CorpusTally
                from ..io.stream import ingest_to_parquet

                if report is not None:  # refuse before the (long) read, not after it
                    check_writable(report, force)
                counts = CorpusTally()  # what the summary needs, counted as the batches go by
                ingest_report = ingest_to_parquet(
                    paths, output, format=format, encoding=encoding, overwrite=force, on_batch=counts.add
                )
                summary = ingest_summary_from_tally(ingest_report, counts)
                if report is not None:
                    write_csv(ingest_report.problems_table(), report, overwrite=force)
        except LitkitError as exc:
            fail(exc)
        typer.echo(summary)
        typer.echo(f"\nWrote {output}")
