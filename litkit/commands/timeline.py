"""``litkit timeline``: annual production by database (table and figure), optionally keyword timelines and
trend topics."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import FORCE_HELP, FORMATS_HELP, command, echo_written, load_corpus, thesaurus_option


def parse_periods(text: str) -> list[list[int]]:
    """'2000-2010,2011-2023' -> [[2000, 2010], [2011, 2023]].

    >>> parse_periods("2000-2010, 2011-2023")
    [[2000, 2010], [2011, 2023]]
    """
    periods = []
    for part in text.split(","):
        try:
            first, last = (int(p) for p in part.strip().split("-"))
        except ValueError:
            raise LitkitError(
                f"cannot read the period {part.strip()!r}", expected="periods like 2000-2010,2011-2023"
            ) from None
        periods.append([first, last])
    return periods


def register(app: typer.Typer) -> None:
    @command(app)
    def timeline(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help="Corpus (.parquet) from `litkit ingest`."),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, figures and params.json."),
        first_year: int | None = typer.Option(None, "--from", help="First year (default: earliest PY)."),
        last_year: int | None = typer.Option(None, "--to", help="Last year (default: latest PY)."),
        keywords: bool = typer.Option(
            False, "--keywords", help="Also write the keyword timeline, time zone and thematic map."
        ),
        field: str = typer.Option("DE", "--field", help="Keyword field: DE or ID (trend topics also TI, AB, TIAB)."),
        min_occurrences: int = typer.Option(2, "--min-occurrences", help="Keywords in at least this many records."),
        thesaurus: str = typer.Option(
            "default",
            "--thesaurus",
            help="'default' (litkit's, as litkit cooccur), 'none', or a VOSviewer thesaurus / 'a;b;canonical' file.",
        ),
        periods: str | None = typer.Option(
            None, "--periods", help="Thematic evolution between periods, e.g. 2000-2010,2011-2023."
        ),
        trends: bool = typer.Option(
            False,
            "--trends",
            help="Also write the trend topics (bibliometrix's fieldByYear): quartile years of each keyword of "
            "--field, terms with a median year in --from/--to.",
        ),
        min_frequency: int = typer.Option(
            5, "--min-frequency", help="Trend topics: terms in at least this many records."
        ),
        per_year: int = typer.Option(3, "--per-year", help="Trend topics: most frequent terms kept per median year."),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    ) -> None:
        """Annual scientific production by database with growth rate, keyword timelines and trend topics.

        Writes annual_production.csv and its figure; with --keywords the keyword timeline, time
        zone and thematic map; with --periods the thematic evolution; with --trends trend_topics.csv
        and its figure; and params.json.
        """
        from ..runs import RunFolder, parse_formats

        spans = parse_periods(periods) if periods else None  # bad input fails before anything is read
        folder = RunFolder(output, formats=parse_formats(formats), overwrite=force)
        thesaurus = thesaurus_option(thesaurus)
        from ..runs import corpus_columns

        keyword_columns = corpus_columns("keyword_views", {"field": field}) if (keywords or spans) else []
        production_columns = corpus_columns("production")
        trend_columns = corpus_columns("trend_topics", {"field": field}) if trends else []
        wanted = (
            None
            if keyword_columns is None or trend_columns is None
            else sorted({*production_columns, *keyword_columns, *trend_columns})
        )
        corpus = load_corpus(corpus_path, columns=wanted)
        inputs = {"corpus": str(corpus_path)}
        from ..plot.style import background_saving

        with background_saving():  # each figure written by a child process while the next view is computed
            years = {"first_year": first_year, "last_year": last_year}
            production = folder.run("production", corpus, years, inputs=inputs)
            if keywords or spans:
                views = ["keyword_timeline", "time_zone", "thematic_map"] if keywords else []
                options = dict(
                    field=field,
                    min_occurrences=min_occurrences,
                    thesaurus=thesaurus,
                    views=views,
                    periods=spans,
                )
                folder.run("keyword_views", corpus, options, inputs=inputs)
            if trends:
                options = dict(
                    field=field, min_frequency=min_frequency, per_year=per_year, thesaurus=thesaurus, **years
                )
                folder.run("trend_topics", corpus, options, inputs=inputs)
        written = [path for result in folder.results for path in result.files]
        parameters = {
            "first_year": first_year,
            "last_year": last_year,
            "years": production.parameters.get("period"),
            "keywords": keywords,
            "field": field,
            "min_occurrences": min_occurrences,
            "thesaurus": thesaurus,
            "periods": spans,
        }
        if trends:  # (only then: the params.json of a run without them stays as it was)
            parameters.update(trends=True, min_frequency=min_frequency, per_year=per_year)
        written.append(folder.write_params("timeline", parameters, inputs))
        table = production.value
        first, last = int(table["year"].iloc[0]), int(table["year"].iloc[-1])
        rate = table.attrs.get("cagr")
        typer.echo(
            f"{int(table['total'].sum())} records with a year, {first}–{last}"
            + (f", CAGR {rate:.1f}% per year" if rate is not None and rate == rate else "")
            + "; wrote:"
        )
        echo_written(written)
