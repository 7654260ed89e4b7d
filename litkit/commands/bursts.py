"""``litkit bursts``: the strongest bursts of a corpus as a Figure 5 table (CSV) and figure."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import SCHEDULER_HELP, fail, load_corpus, partitioned_on, scheduler_for, year_range


def register(app: typer.Typer) -> None:
    @app.command()
    def bursts(
        corpus_path: Path = typer.Argument(
            ...,
            metavar="CORPUS",
            help="Corpus written by `litkit ingest`: a .parquet file, or the "
            "partitioned folder `litkit ingest --scheduler` writes.",
        ),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for the table, figure and params.json."),
        kind: str = typer.Option("cited_journal", "--kind", help="cited_journal, cited_reference, keyword or author."),
        top: int = typer.Option(20, "--top", help="Number of items with the strongest bursts."),
        s: float = typer.Option(2.0, "--s", help="Burst-state rate multiplier (> 1)."),
        gamma: float = typer.Option(1.0, "--gamma", help="Cost of entering a burst (>= 0)."),
        min_duration: int = typer.Option(1, "--min-duration", help="Shortest burst kept, in slices."),
        slice_years: int = typer.Option(1, "--slice-years", help="Years per time slice."),
        field: str = typer.Option("DE", "--field", help="Keyword field for --kind keyword: DE or ID."),
        first_year: int | None = typer.Option(None, "--from", help="First year of the period."),
        last_year: int | None = typer.Option(None, "--to", help="Last year of the period."),
        counting: str = typer.Option("records", "--counting", help="records or citations (see docs)."),
        formats: str = typer.Option("png,svg,pdf", "--formats", help="Figure formats, comma-separated."),
        force: bool = typer.Option(False, "--force", help="Replace existing output files."),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Detect bursts (Kleinberg, exact) and write <kind>_bursts.csv and the Figure 5-style figure."""
        from ..bursts import citation_bursts, write_burst_table
        from ..plot.bursts import save_bursts
        from ..runinfo import write_params

        try:
            options = dict(
                kind=kind,
                top=top,
                s=s,
                gamma=gamma,
                min_duration=min_duration,
                slice_years=slice_years,
                field=field,
                counting=counting,
            )
            on_dask = scheduler_for(corpus_path, scheduler)
            if on_dask is not None:
                import litkit.scale

                with partitioned_on(corpus_path, on_dask) as (pc, client):
                    years = year_range(pc, first_year, last_year, corpus_path)
                    table = litkit.scale.citation_bursts(pc, **options, years=years, client=client)
            else:
                corpus = load_corpus(corpus_path)
                years = year_range(corpus, first_year, last_year, corpus_path)
                table = citation_bursts(corpus, **options, years=years)
            stem = output / f"{kind}_bursts"
            csv_path = write_burst_table(table, stem.with_suffix(".csv"), kind=kind, overwrite=force)
            written = [csv_path]
            period = tuple(table.attrs["period"])
            if len(table):
                written += save_bursts(
                    table,
                    stem,
                    kind=kind,
                    period=period,
                    formats=[f.strip() for f in formats.split(",") if f.strip()],
                    overwrite=force,
                )
            write_params(
                output,
                {
                    "command": "bursts",
                    "corpus": str(corpus_path),
                    "kind": kind,
                    "top": top,
                    "s": s,
                    "gamma": gamma,
                    "min_duration": min_duration,
                    "slice_years": slice_years,
                    "field": field,
                    "period": list(period),
                    "counting": counting,
                },
            )
        except LitkitError as exc:
            fail(exc)
            return
        typer.echo(f"{len(table)} item(s) with bursts ({kind}, {period[0]}–{period[1]}); wrote:")
        for path in written:
            typer.echo(f"  {path}")
        if not len(table):
            typer.echo("  (no burst found, so no figure)")
