"""``litkit run``: replay a review file, recomputing only the analyses whose inputs changed."""

from __future__ import annotations

from pathlib import Path

import typer

from . import command


def register(app: typer.Typer) -> None:
    @command(app)
    def run(
        review: Path = typer.Argument(..., metavar="REVIEW", help="The review file (review.toml, see `litkit init`)."),
        output: Path = typer.Option(..., "-o", "--output", help="Results folder (one subfolder per analysis)."),
        force: bool = typer.Option(False, "--force", help="Recompute everything (and accept a non-empty folder)."),
    ) -> None:
        """Ingest (and merge) the exports and run every analysis of REVIEW into one folder each.

        Writes OUTPUT/<analysis>/, OUTPUT/corpus.parquet, OUTPUT/manifest.json and OUTPUT/report.html.
        A second run with nothing changed recomputes nothing.
        """
        from ..review import run_review

        try:
            done = run_review(review, output, force=force)
        except KeyboardInterrupt:
            # Ctrl-C: say what is left (typer would exit 130 without a word)
            typer.echo(
                f"interrupted: {output} keeps the analyses finished so far (listed in its manifest.json); "
                f"`litkit run {review} -o {output}` again finishes the rest",
                err=True,
            )
            raise typer.Exit(130) from None
        typer.echo(done.message())
