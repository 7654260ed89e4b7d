"""``litkit bursts``: the strongest bursts of a corpus as a Figure 5 table (CSV) and figure."""

from __future__ import annotations

from pathlib import Path

import typer

from . import (
    CORPUS_HELP,
    FORCE_HELP,
    FORMATS_HELP,
    SCHEDULER_HELP,
    command,
    echo_written,
    run_on_corpus,
    thesaurus_option,
)


def register(app: typer.Typer) -> None:
    @command(app)
    def bursts(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help=CORPUS_HELP),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for the table, figure and params.json."),
        kind: str = typer.Option("cited_journal", "--kind", help="cited_journal, cited_reference, keyword or author."),
        top: int = typer.Option(20, "--top", help="Number of items with the strongest bursts."),
        s: float = typer.Option(2.0, "--s", help="Burst-state rate multiplier (> 1)."),
        gamma: float = typer.Option(1.0, "--gamma", help="Cost of entering a burst (>= 0)."),
        min_duration: int = typer.Option(1, "--min-duration", help="Shortest burst kept, in slices."),
        slice_years: int = typer.Option(1, "--slice-years", help="Years per time slice."),
        field: str = typer.Option("DE", "--field", help="Keyword field for --kind keyword: DE or ID."),
        first_year: int | None = typer.Option(None, "--from", help="First year of the period (default: earliest)."),
        last_year: int | None = typer.Option(None, "--to", help="Last year of the period (default: latest)."),
        counting: str = typer.Option("records", "--counting", help="records or citations."),
        thesaurus: str = typer.Option(
            "default",
            "--thesaurus",
            help="Keyword bursts: 'default' (litkit's, as litkit cooccur), 'none', or a VOSviewer thesaurus file.",
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Kleinberg bursts (exact) of cited journals, references, keywords or authors.

        Writes bursts_KIND.csv (the Figure 5 table), its figure and params.json.
        """
        params = dict(
            kind=kind,
            top=top,
            s=s,
            gamma=gamma,
            min_duration=min_duration,
            slice_years=slice_years,
            field=field,
            counting=counting,
            first_year=first_year,
            last_year=last_year,
            thesaurus=thesaurus_option(thesaurus),
        )
        result = run_on_corpus("bursts", corpus_path, output, params, formats, force, scheduler)
        first, last = result.parameters["period"]
        typer.echo(f"{len(result.value)} item(s) with bursts ({kind}, {first}–{last}); wrote:")
        echo_written(result.files)
        if not len(result.value):
            typer.echo("  (no burst found, so no figure)")
        if message := result.parameters.get("message"):
            typer.echo(f"note: {message}")
