"""``litkit cooccur``: the keyword co-occurrence map (the review's Figure 6) from a corpus file."""

from __future__ import annotations

from pathlib import Path

import typer

from . import (
    CORPUS_HELP,
    FORCE_HELP,
    FORMATS_HELP,
    SCHEDULER_HELP,
    command,
    echo_written,
    run_on_corpus,
    thesaurus_option,
)


def register(app: typer.Typer) -> None:
    @command(app)
    def cooccur(
        corpus_path: Path = typer.Argument(..., metavar="CORPUS", help=CORPUS_HELP),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, VOSviewer files, figure, HTML."),
        field: list[str] = typer.Option(
            ["DE"], "--field", help="Term source: DE, ID, TI, AB or TIAB; repeat to combine."
        ),
        min_occurrence: int = typer.Option(2, "--min-occurrence", help="Minimum records per term."),
        top_n: int = typer.Option(200, "--top-n", help="Terms kept after the threshold (0 = all)."),
        rank_by: str = typer.Option("occurrences", "--rank-by", help="occurrences or total_link_strength."),
        stoplist: str = typer.Option(
            "default", "--stoplist", help="'default', 'none', or a file with one term per line."
        ),
        thesaurus: list[str] = typer.Option(
            ["default"],
            "--thesaurus",
            help="'default', 'none', or a VOSviewer thesaurus / 'a;b;canonical' file; repeat to combine.",
        ),
        aliases: str | None = typer.Option(
            None, "--aliases", help="zh-en alias table file, or 'default' for litkit's."
        ),
        stem: bool = typer.Option(False, "--stem/--no-stem", help="Merge English inflections (Snowball stems)."),
        merge_plurals: bool = typer.Option(
            True,
            "--merge-plurals/--no-merge-plurals",
            help="Singular and plural of an English term are one node (default: on).",
        ),
        zh_variants: bool = typer.Option(
            False,
            "--zh-variants/--no-zh-variants",
            help="Merge Chinese variants (VR = 虚拟现实 = 虚拟现实技术; default: off), listed in params.json.",
        ),
        counting: str = typer.Option("full", "--counting", help="full or fractional."),
        normalization: str = typer.Option(
            "association",
            "--normalization",
            help="association, association_probabilistic, cosine, jaccard, inclusion, equivalence or none.",
        ),
        clustering: str = typer.Option("leiden", "--clustering", help="leiden or louvain."),
        objective: str = typer.Option("modularity", "--objective", help="modularity or cpm."),
        resolution: float = typer.Option(1.0, "--resolution", help="Resolution parameter."),
        seed: int = typer.Option(42, "--seed", help="Seed of clustering and layout."),
        label_method: str = typer.Option("llr", "--label-method", help="llr, tfidf or mi."),
        layout: str = typer.Option(
            "vos", "--layout", help="vos (default), vos_original (VOSviewer's 2/1), kamada_kawai or spring."
        ),
        labels: int = typer.Option(40, "--labels", help="Terms labelled in the static figure."),
        view: list[str] = typer.Option(
            ["network"],
            "--view",
            help="VOSviewer's views to draw (figure + HTML): network, overlay (average year), density; repeat.",
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    ) -> None:
        """Build, cluster and map the keyword co-occurrence network.

        Writes the term, cluster and link tables, VOSviewer map/network/JSON, GEXF, GraphML, the
        map keyword_map (figure), an offline HTML network and params.json; --view overlay / density
        add keyword_map_overlay / keyword_map_density and their HTML pages.
        """

        def none(value):
            return None if value.lower() == "none" else value

        thesauri = [t for t in (thesaurus_option(t) for t in thesaurus) if t is not None]
        params = dict(
            field=field if len(field) > 1 else field[0],
            min_occurrence=min_occurrence,
            top_n=top_n or None,
            rank_by=rank_by,
            stoplist=none(stoplist),
            thesaurus=(thesauri[0] if len(thesauri) == 1 else thesauri) if thesauri else None,
            aliases=True if aliases == "default" else (aliases or False),
            stem=stem,
            merge_plurals=merge_plurals,
            zh_variants=zh_variants,
            counting=counting,
            normalization=none(normalization),
            clustering=clustering,
            objective=objective,
            resolution=resolution,
            seed=seed,
            label_method=label_method,
            layout=layout,
            labels=labels,
            views=view,
        )
        result = run_on_corpus("cooccurrence", corpus_path, output, params, formats, force, scheduler)
        net = result.value
        typer.echo(f"{net!r}")
        typer.echo(net.clusters[["cluster", "size", "label"]].to_string(index=False))
        typer.echo("wrote:")
        echo_written(result.files)
