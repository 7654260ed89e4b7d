"""``litkit summary``: bibliometrix's descriptive analysis of a corpus as tables (CSV) and figures."""

from __future__ import annotations

from pathlib import Path

import typer

from . import CORPUS_HELP, FORCE_HELP, FORMATS_HELP, SCHEDULER_HELP, command, echo_written, run_on_corpus


def register(app: typer.Typer) -> None:
    @command(app)
    def summary(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help=CORPUS_HELP),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for the tables, figures and params.json."),
        as_of: int | None = typer.Option(
            None, "--as-of", help="Reference year of ages, citations per year and m-index (default: latest PY)."
        ),
        top: int = typer.Option(20, "--top", help="Rows drawn in the bar charts (the CSV tables have every row)."),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Main information (bibliometrix's rows), most productive authors, sources, institutions and countries,
        most cited documents, h-index, Lotka's law and Bradford's zones.

        Writes main_information.csv and one CSV per table, their figures and params.json.
        """
        result = run_on_corpus("summary", corpus_path, output, dict(as_of=as_of, top=top), formats, force, scheduler)
        main = dict(zip(result.value["Description"], result.value["Results"]))
        typer.echo(
            f"{main['Documents']} documents, {main['Timespan']}, {main['Sources']} sources, "
            f"{main['Authors']} authors; wrote:"
        )
        echo_written(result.files)
