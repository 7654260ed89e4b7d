"""``litkit citations``: direct citations between the records of a corpus, and the historiograph."""

from __future__ import annotations

from pathlib import Path

import typer

from . import CORPUS_HELP, FORCE_HELP, FORMATS_HELP, SCHEDULER_HELP, command, echo_written, run_on_corpus


def register(app: typer.Typer) -> None:
    @command(app)
    def citations(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help=CORPUS_HELP),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, VOSviewer files, figure, HTML."),
        min_lcs: int = typer.Option(0, "--min-lcs", help="Minimum local citation score of a record."),
        top: int = typer.Option(60, "--top", help="Records drawn in the historiograph (highest LCS)."),
        labels: int = typer.Option(20, "--labels", help="Records labelled in the historiograph."),
        seed: int = typer.Option(42, "--seed", help="Seed of clustering and layout."),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Find the citations between the corpus's records (DOI first, then author, year, source,
        volume and page) and draw the historiograph.

        Writes nodes (LCS, TC), links (with how each was matched), clusters, VOSviewer and graph
        files, an offline HTML network, the figure historiograph and params.json.
        """
        params = dict(min_lcs=min_lcs, top=top, labels=labels, seed=seed)
        result = run_on_corpus("citations", corpus_path, output, params, formats, force, scheduler)
        net = result.value
        typer.echo(f"{net!r}")
        typer.echo("wrote:")
        echo_written(result.files)
