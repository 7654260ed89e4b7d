"""``litkit report``: one self-contained offline HTML page of a run's figures and tables."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import fail


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        folder: Path = typer.Argument(..., help="Folder written by a litkit run (e.g. figures/)."),
        output: Path = typer.Option(None, "-o", "--output", help="HTML file (default: FOLDER/report.html)."),
        title: str = typer.Option("litkit report", "--title"),
        force: bool = typer.Option(False, "--force", help="Replace an existing report."),
    ) -> None:
        """Bundle all figures (embedded) and tables of a run into one offline HTML page."""
        from ..report import write_report

        if not folder.is_dir():
            fail(LitkitError("not a folder", path=folder, expected="the output folder of a litkit run"))
        try:
            path = write_report(folder, output or folder / "report.html", title=title, overwrite=force)
        except LitkitError as exc:
            fail(exc)
        typer.echo(f"Wrote {path}")
