"""``litkit cocite``: the co-citation network of references, sources or authors (CiteSpace's DCA/JCA/ACA)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import CORPUS_HELP, FORCE_HELP, FORMATS_HELP, SCHEDULER_HELP, command, echo_written, run_on_corpus


def register(app: typer.Typer) -> None:
    @command(app)
    def cocite(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help=CORPUS_HELP),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, VOSviewer files, figures, HTML."),
        unit: str = typer.Option("reference", "--unit", help="reference, source or author."),
        min_citations: int = typer.Option(2, "--min-citations", help="Minimum citing records per item."),
        top_n: int = typer.Option(200, "--top-n", help="Items kept (per slice with --slice-years; 0 = all)."),
        counting: str = typer.Option("full", "--counting", help="full or fractional."),
        normalization: str = typer.Option(
            "association", "--normalization", help="association, cosine, jaccard, inclusion, equivalence or none."
        ),
        slice_years: int = typer.Option(
            0, "--slice-years", help="CiteSpace time slices of this many years (0 = none)."
        ),
        top_percent: float = typer.Option(0.0, "--top-percent", help="Per-slice selection: top N percent (0 = off)."),
        g_index_k: float = typer.Option(
            0.0, "--g-index-k", help="Per-slice selection: g-index with scale k (0 = off)."
        ),
        pruning: str = typer.Option("none", "--pruning", help="none, mst or pathfinder."),
        seed: int = typer.Option(42, "--seed", help="Seed of clustering and layout."),
        labels: int = typer.Option(30, "--labels", help="Nodes labelled on the map."),
        timeline_clusters: int = typer.Option(10, "--timeline-clusters", help="Clusters (rows) of the timeline view."),
        label_fields: str = typer.Option(
            "TI,DE,ID",
            "--label-fields",
            help="Fields of the citing records the cluster labels come from (e.g. DE: keywords only, for Chinese "
            "titles, whose terms are single words).",
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Build, cluster and draw the co-citation network.

        Writes nodes, links and clusters (size, silhouette, mean year, LLR/tf-idf/MI labels), VOSviewer
        map/network/JSON, GEXF, GraphML, an offline HTML network, the map cocitation_map, the timeline
        view cocitation_timeline, the time-zone view cocitation_timezone and params.json.
        """
        selection = None
        if top_percent:
            selection = {"top_percent": top_percent}
        elif g_index_k:
            selection = {"g_index_k": g_index_k}
        elif slice_years and top_n:
            selection = {"top_n": top_n}
        params = dict(
            unit=unit,
            min_citations=min_citations,
            top_n=top_n or None,
            counting=counting,
            normalization=None if normalization.lower() == "none" else normalization,
            slice_years=slice_years or None,
            selection=selection,
            pruning=None if pruning.lower() == "none" else pruning,
            seed=seed,
            labels=labels,
            timeline_clusters=timeline_clusters,
            label_fields=[f.strip() for f in label_fields.split(",") if f.strip()],
        )
        result = run_on_corpus("cocitation", corpus_path, output, params, formats, force, scheduler)
        net = result.value
        typer.echo(f"{net!r}")
        if len(net.clusters):
            typer.echo(net.clusters[["cluster", "size", "label"]].to_string(index=False))
        typer.echo("wrote:")
        echo_written(result.files)
