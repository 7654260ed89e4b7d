"""``litkit collab``: the collaboration network of a corpus's authors, institutions or countries."""

from __future__ import annotations

from pathlib import Path

import typer

from . import CORPUS_HELP, FORCE_HELP, FORMATS_HELP, SCHEDULER_HELP, command, echo_written, run_on_corpus


def register(app: typer.Typer) -> None:
    @command(app)
    def collab(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help=CORPUS_HELP),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, VOSviewer files, figures, HTML."),
        unit: str = typer.Option("country", "--unit", help="author, institution or country."),
        counting: str = typer.Option("full", "--counting", help="full or fractional."),
        max_authors: int = typer.Option(
            25, "--max-authors", help="Skip records with more authors, as VOSviewer does (0 = keep all)."
        ),
        min_documents: int = typer.Option(1, "--min-documents", help="Minimum records per unit."),
        top_n: int = typer.Option(200, "--top-n", help="Units kept, most records first (0 = all)."),
        normalization: str = typer.Option(
            "association",
            "--normalization",
            help="association, association_probabilistic, cosine, jaccard, inclusion, equivalence or none.",
        ),
        seed: int = typer.Option(42, "--seed", help="Seed of clustering and layout."),
        labels: int = typer.Option(30, "--labels", help="Units labelled in the map."),
        top: int = typer.Option(20, "--top", help="Countries in the heatmap and the SCP/MCP bars."),
        topic_field: list[str] = typer.Option(
            [], "--topic-field", help="Field of the clusters' topic terms (DE, ID, TI); repeat to combine."
        ),
        group_greater_china: bool = typer.Option(
            False, "--group-greater-china", help="Count Hong Kong, Macao and Taiwan with China (CN)."
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Co-authorship network of authors, institutions or countries (units linked once per shared record).

        Writes the node, cluster and link tables, VOSviewer map/network/JSON, GEXF, GraphML, the map
        collaboration_<unit>_map, an offline HTML network and params.json; for countries also the
        heatmap country_collaboration and country_production.csv (SCP/MCP) with its figure.
        """
        params = dict(
            unit=unit,
            counting=counting,
            max_authors=max_authors or None,
            min_documents=min_documents,
            top_n=top_n or None,
            normalization=None if normalization.lower() == "none" else normalization,
            seed=seed,
            labels=labels,
            top=top,
            label_fields=list(topic_field),
            group_greater_china=group_greater_china,
        )
        result = run_on_corpus("collab", corpus_path, output, params, formats, force, scheduler)
        net = result.value
        typer.echo(f"{net!r}")
        if not net.is_empty():
            typer.echo(net.clusters[["cluster", "size", "label"]].head(20).to_string(index=False))
        typer.echo("wrote:")
        echo_written(result.files)
