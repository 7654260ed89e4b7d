"""``litkit timeline``: annual production by database (table and figure), optionally keyword timelines."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import fail, load_corpus, year_range


def _parse_periods(text: str) -> list[tuple[int, int]]:
    """'2000-2010,2011-2023' -> [(2000, 2010), (2011, 2023)]."""
    periods = []
    for part in text.split(","):
        try:
            first, last = (int(p) for p in part.strip().split("-"))
        except ValueError:
            raise LitkitError(
                f"cannot read the period {part.strip()!r}", expected="periods like 2000-2010,2011-2023"
            ) from None
        periods.append((first, last))
    return periods


def register(app: typer.Typer) -> None:
    @app.command()
    def timeline(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS.parquet", help="Corpus written by `litkit ingest`."),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, figures and params.json."),
        first_year: int | None = typer.Option(None, "--from", help="First year (default: earliest PY)."),
        last_year: int | None = typer.Option(None, "--to", help="Last year (default: latest PY)."),
        keywords: bool = typer.Option(
            False, "--keywords", help="Also write the keyword timeline, time zones and thematic map."
        ),
        field: str = typer.Option("DE", "--field", help="Keyword field: DE or ID."),
        min_occurrences: int = typer.Option(2, "--min-occurrences", help="Keywords in at least this many records."),
        periods: str | None = typer.Option(
            None, "--periods", help="Thematic evolution between periods, e.g. 2000-2010,2011-2023."
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help="Figure formats, comma-separated."),
        force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    ) -> None:
        """Annual scientific production by database with growth rate (CSV + figure), and keyword timelines."""
        from .. import timeline as tl
        from .._atomic import check_writable, write_csv
        from ..plot import timeline as plot
        from ..runinfo import write_params

        fmts = [f.strip() for f in formats.split(",") if f.strip()]
        written = []
        try:
            corpus = load_corpus(corpus_path)
            years = year_range(corpus, first_year, last_year, corpus_path)
            spans = _parse_periods(periods) if periods else None
            for name in ["annual_production.csv"] + [f"annual_production.{f}" for f in fmts]:
                check_writable(output / name, force)  # fail before writing anything

            production = tl.annual_production(corpus, years=years)
            written.append(
                write_csv(production, output / "annual_production.csv", overwrite=force, float_format="%.4f")
            )
            written += plot.save(
                plot.plot_production(production), output / "annual_production", formats=fmts, overwrite=force
            )
            if keywords:
                line = tl.keyword_timeline(corpus, field=field, min_occurrences=min_occurrences)
                written.append(write_csv(line, output / "keyword_timeline.csv", overwrite=force, float_format="%.4f"))
                if len(line):
                    written += plot.save(
                        plot.plot_keyword_timeline(line), output / "keyword_timeline", formats=fmts, overwrite=force
                    )
                zone = tl.time_zone(corpus, field=field, min_occurrences=min_occurrences)
                written.append(
                    write_csv(zone.nodes, output / "time_zone_keywords.csv", overwrite=force, float_format="%.4f")
                )
                if len(zone.nodes):
                    written += plot.save(plot.plot_time_zone(zone), output / "time_zone", formats=fmts, overwrite=force)
                tmap = tl.thematic_map(corpus, field=field, min_occurrences=min_occurrences)
                written.append(
                    write_csv(tmap.themes, output / "thematic_map.csv", overwrite=force, float_format="%.6f")
                )
                if len(tmap.themes):
                    written += plot.save(
                        plot.plot_thematic_map(tmap.themes), output / "thematic_map", formats=fmts, overwrite=force
                    )
            if spans:
                evolution = tl.thematic_evolution(corpus, spans, field=field, min_occurrences=min_occurrences)
                written.append(
                    write_csv(evolution.links, output / "thematic_evolution.csv", overwrite=force, float_format="%.6f")
                )
                written += plot.save(
                    plot.plot_thematic_evolution(evolution),
                    output / "thematic_evolution",
                    formats=fmts,
                    overwrite=force,
                )
            written.append(
                write_params(
                    output,
                    {
                        "command": "timeline",
                        "corpus": str(corpus_path),
                        "years": list(years) if years else None,
                        "keywords": keywords,
                        "field": field,
                        "min_occurrences": min_occurrences,
                        "periods": [list(p) for p in spans] if spans else None,
                        "clustering": f"networkx louvain_communities, seed {tl.LOUVAIN_SEED}",
                    },
                )
            )
        except LitkitError as exc:
            fail(exc)
            return
        first, last = int(production["year"].iloc[0]), int(production["year"].iloc[-1])
        rate = production.attrs.get("cagr")
        typer.echo(
            f"{int(production['total'].sum())} records with a year, {first}–{last}"
            + (f", CAGR {rate:.1f}% per year" if rate == rate and rate is not None else "")
            + "; wrote:"
        )
        for path in written:
            typer.echo(f"  {path}")
