"""``litkit ingest``: read export files into one Parquet corpus and print what was read."""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import LitkitError
from . import fail


def ingest_summary(corpus) -> str:
    """The text ``litkit ingest`` prints: files, databases, years, fields filled, problems."""
    report = corpus.report
    lines = []
    files = report.files_table()
    lines.append(f"Read {report.records_read} of {report.records_in_files} records "
                 f"from {len(files)} file(s); {report.records_skipped} skipped, "
                 f"{len(report.problems)} problem(s) reported.")
    lines.append("")
    lines.append("Per file:")
    for row in files.itertuples(index=False):
        refs = {True: "", False: "  (this format carries no cited references)", None: ""}[row.has_cited_references]
        lines.append(f"  {row.file}: {row.format} [{row.database}, {row.encoding}] "
                     f"{row.records_read}/{row.records_in_file} read"
                     + (f", {row.records_skipped} skipped" if row.records_skipped else "")
                     + (f", {row.problems} problem(s)" if row.problems else "") + refs)
    df = corpus.df
    if len(df):
        lines.append("")
        lines.append("Per database and format:")
        for row in corpus.summary().itertuples(index=False):
            years = ("" if row.year_min is None or row.year_min != row.year_min
                     else f", {row.year_min}–{row.year_max}")
            lines.append(f"  {row.DB} / {row.source_format}: {row.records} records{years}")
        lines.append("")
        lines.append("Fields filled (share of records):")
        no_refs = {f.format for f in report.files if f.has_cited_references is False}
        filled = corpus.fields_filled()
        main = ["AU", "TI", "SO", "PY", "DE", "ID", "AB", "CR", "DI", "C1", "TC"]
        parts = []
        for name in main:
            if name == "CR" and no_refs and set(df["source_format"]) <= no_refs:
                parts.append("CR n/a (not exported by this format)")
            else:
                parts.append(f"{name} {100 * filled[name]:.0f}%")
        lines.append("  " + ", ".join(parts))
        if no_refs and not set(df["source_format"]) <= no_refs:
            lines.append(f"  note: {', '.join(sorted(no_refs))} exports carry no cited references; "
                         "their records are not counted as citing nothing")
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
    from ..corpus import Corpus
    from .._atomic import write_csv

    try:
        with litkit.scale.client(scheduler) as c:
            pc = litkit.scale.ingest(paths, output, client=c, files_per_partition=files_per_partition,
                                     overwrite=force, format=format, encoding=encoding)
        if report is not None:
            write_csv(pc.report.problems_table(), report, overwrite=force)
    except LitkitError as exc:
        fail(exc)
    typer.echo(ingest_summary(Corpus(report=pc.report)))
    typer.echo(f"\nWrote {len(pc)} records in partitions to {output}/")


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: List[Path] = typer.Argument(..., help="Export files or folders (any supported format, mixed)."),
        output: Path = typer.Option(..., "-o", "--output", help="Corpus file to write (.parquet)."),
        merge: bool = typer.Option(False, "--merge", help="Merge records found in several databases."),
        format: Optional[str] = typer.Option(None, "--format", help="Force one reader instead of sniffing."),
        encoding: Optional[str] = typer.Option(None, "--encoding", help="Force one encoding instead of sniffing."),
        report: Optional[Path] = typer.Option(None, "--report", help="Write the problems table (CSV) here."),
        force: bool = typer.Option(False, "--force", help="Replace existing output files."),
        scheduler: Optional[str] = typer.Option(
            None, "--scheduler", help="Read on Dask: a scheduler address (tcp://host:8786), a scheduler file, "
            "or 'local'; -o is then a folder of Parquet partitions.  Default: $LITKIT_DASK_SCHEDULER if set."),
        files_per_partition: int = typer.Option(20, "--files-per-partition", help="With --scheduler."),
    ) -> None:
        """Read export files into one canonical corpus (Parquet) and print a summary."""
        import litkit
        from .._atomic import write_csv

        scheduler = scheduler or os.environ.get("LITKIT_DASK_SCHEDULER") or None
        if scheduler is not None:
            if merge:
                fail(LitkitError("--merge needs the corpus in one piece; merge after reading the partitions",
                                 expected="--scheduler without --merge"))
            _ingest_on_dask(paths, output, scheduler, files_per_partition, format, encoding, report, force)
            return
        try:
            corpus = litkit.read(paths, format=format, encoding=encoding)
            summary = ingest_summary(corpus)
            if report is not None:
                write_csv(corpus.report.problems_table(), report, overwrite=force)
            if merge:
                corpus = litkit.merge(corpus)
                merge_table = output.with_name(output.stem + ".merge.csv")
                corpus.report.to_csv(merge_table, overwrite=force)
                summary += f"\n\nMerged into {len(corpus)} records; every match is listed in {merge_table}"
            corpus.to_parquet(output, overwrite=force)
        except LitkitError as exc:
            fail(exc)
        typer.echo(summary)
        typer.echo(f"\nWrote {output}")


