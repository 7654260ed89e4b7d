"""``litkit couple``: the bibliographic coupling network of documents, authors, sources, institutions, countries."""

from __future__ import annotations

from pathlib import Path

import typer

from . import CORPUS_HELP, FORCE_HELP, FORMATS_HELP, SCHEDULER_HELP, command, echo_written, run_on_corpus


def register(app: typer.Typer) -> None:
    @command(app)
    def couple(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help=CORPUS_HELP),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, VOSviewer files, figure, HTML."),
        unit: str = typer.Option("document", "--unit", help="document, author, source, institution or country."),
        min_documents: int = typer.Option(1, "--min-documents", help="Minimum documents per unit."),
        top_n: int = typer.Option(200, "--top-n", help="Units kept (0 = all)."),
        min_citations: int = typer.Option(0, "--min-citations", help="Minimum times cited (TC) per document."),
        counting: str = typer.Option("full", "--counting", help="full or fractional."),
        normalization: str = typer.Option(
            "association", "--normalization", help="association, cosine, jaccard, inclusion, equivalence or none."
        ),
        seed: int = typer.Option(42, "--seed", help="Seed of clustering and layout."),
        labels: int = typer.Option(30, "--labels", help="Nodes labelled on the map."),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Build, cluster and map the bibliographic coupling network.

        Writes nodes, links and clusters, VOSviewer map/network/JSON, GEXF, GraphML, an offline HTML
        network, the map coupling_map and params.json.
        """
        params = dict(
            unit=unit,
            min_documents=min_documents,
            top_n=top_n or None,
            min_citations=min_citations,
            counting=counting,
            normalization=None if normalization.lower() == "none" else normalization,
            seed=seed,
            labels=labels,
        )
        result = run_on_corpus("coupling", corpus_path, output, params, formats, force, scheduler)
        net = result.value
        typer.echo(f"{net!r}")
        if len(net.clusters):
            typer.echo(net.clusters[["cluster", "size", "label"]].to_string(index=False))
        typer.echo("wrote:")
        echo_written(result.files)
