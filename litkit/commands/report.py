"""``litkit report``: one self-contained offline HTML page of a run's figures and tables."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import command


def register(app: typer.Typer) -> None:
    @command(app)
    def report(
        folder: Path = typer.Argument(..., metavar="FOLDER", help="Folder written by a litkit run (e.g. figures/)."),
        output: Path | None = typer.Option(None, "-o", "--output", help="HTML file (default: FOLDER/report.html)."),
        title: str = typer.Option("litkit report", "--title", help="Title of the page."),
        force: bool = typer.Option(False, "--force", help="Replace an existing report."),
    ) -> None:
        """Bundle all figures (embedded) and tables of a run into one offline HTML page."""
        from ..html_report import write_report

        if not folder.is_dir():
            raise LitkitError("not a folder", path=folder, expected="the output folder of a litkit run")
        path = write_report(folder, output or folder / "report.html", title=title, overwrite=force)
        typer.echo(f"Wrote {path}")
