"""``litkit summary``: bibliometrix's descriptive analysis of a corpus as tables (CSV) and figures."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
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
        three_fields: bool = typer.Option(
            False, "--three-fields", help="Also write the three-field plot (bibliometrix's threeFieldsPlot, a Sankey)."
        ),
        fields: str = typer.Option(
            "AU,DE,SO",
            "--fields",
            help="Three-field plot: left, middle and right field, of AU, DE, ID, TI, AB, SO, CR, CR_SO, AU_CO "
            "(countries), AU_UN (institutions).",
        ),
        fields_top: str = typer.Option(
            "20", "--fields-top", help="Three-field plot: items per field, one number or three (e.g. 20,15,10)."
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Main information (bibliometrix's rows), most productive authors, sources, institutions and countries,
        most cited documents, h-index, Lotka's law and Bradford's zones; optionally the three-field plot.

        Writes main_information.csv and one CSV per table, their figures and params.json; with --three-fields
        three_fields_nodes.csv, three_fields_links.csv, the three_fields figure and three_fields.html.
        """
        if three_fields:
            result = _with_three_fields(
                corpus_path, output, dict(as_of=as_of, top=top), fields, fields_top, formats, force, scheduler
            )
        else:
            result = run_on_corpus(
                "summary", corpus_path, output, dict(as_of=as_of, top=top), formats, force, scheduler
            )
        main = dict(zip(result.value["Description"], result.value["Results"]))
        typer.echo(
            f"{main['Documents']} documents, {main['Timespan']}, {main['Sources']} sources, "
            f"{main['Authors']} authors; wrote:"
        )
        echo_written(result.files)
        if message := result.parameters.get("message"):
            typer.echo(f"note: {message}")


def parse_top(text: str) -> list[int]:
    """'20' -> [20, 20, 20]; '20,15,10' -> [20, 15, 10].

    >>> parse_top("20"), parse_top("20, 15,10")
    ([20, 20, 20], [20, 15, 10])
    """
    try:
        values = [int(v) for v in text.split(",")]
    except ValueError:
        values = []
    if len(values) not in (1, 3) or min(values) < 1:
        raise LitkitError(
            f"cannot read --fields-top {text!r}", expected="one whole number >= 1 or three, e.g. 20,15,10"
        )
    return values * 3 if len(values) == 1 else values


def _with_three_fields(corpus_path, output, params, fields, fields_top, formats, force, scheduler):
    """The summary and the three-field plot into one folder; params.json records both runs."""
    from ..indicators import THREE_FIELDS
    from ..runs import RunFolder
    from . import load_corpus, scheduler_for

    options = {"fields": [f.strip() for f in fields.split(",")], "top": parse_top(fields_top)}
    unknown = [f for f in options["fields"] if f.upper() not in {*THREE_FIELDS, "TI_TM", "AB_TM"}]
    if unknown or len(options["fields"]) != 3:  # before the corpus is read and the summary computed
        raise LitkitError(
            f"cannot read --fields {fields!r}", expected="three of " + ", ".join(THREE_FIELDS) + ", e.g. AU,DE,SO"
        )
    folder = RunFolder(output, formats=formats, overwrite=force)  # a bad --formats fails before the corpus is read
    if scheduler_for(corpus_path, scheduler) is not None:
        raise LitkitError(
            "the three-field plot is computed in memory, not on Dask",
            expected="no --scheduler (and no $LITKIT_DASK_SCHEDULER) with --three-fields",
        )
    corpus = load_corpus(corpus_path)
    inputs = {"corpus": str(corpus_path)}
    from ..plot.style import background_saving

    with background_saving():
        result = folder.run("summary", corpus, params, inputs=inputs)
        fields_run = folder.run("three_fields", corpus, options, inputs=inputs)
    result.files.extend(fields_run.files)
    result.files.append(
        folder.write_params(
            "summary", dict(params, three_fields=True, fields=options["fields"], fields_top=options["top"]), inputs
        )
    )
    return result
