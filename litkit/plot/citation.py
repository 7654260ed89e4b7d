"""Figures of citation networks as CiteSpace and HistCite draw them: the co-citation map, the timeline
view, the time-zone view and the historiograph.

Every function takes plain DataFrames -- the ``nodes``, ``links`` and ``clusters`` tables a
:class:`~litkit.network.Network` provides (``net.nodes``, ``net.links()``, ``net.clusters``) -- and
returns a matplotlib Figure; save it with :func:`litkit.plot.style.save_figure` (PNG, SVG, PDF).

Columns used
    nodes
        ``id`` (the ids ``links`` refer to), ``label``, a size column (``citations`` by default;
        ``lcs`` in the historiograph), ``cluster`` (map and timeline), ``year`` (timeline, time
        zones, historiograph), ``x``/``y`` (map), optional ``centrality`` and ``burst``.
    links
        ``source_id``, ``target_id`` and a weight (``strength`` if present, else ``count``); for the
        historiograph ``source_id`` cites ``target_id``.
    clusters
        ``cluster``, ``label`` and optionally ``size``.

What is drawn
    * Node area is proportional to the size column; CiteSpace's rings mark nodes with betweenness
      centrality >= 0.1 (purple) and nodes with a citation burst (``burst`` > 0, red).
    * :func:`plot_cocitation_map` -- nodes at ``x``/``y`` coloured by cluster, links underneath,
      each cluster's name ``#0 label`` on the map in bold (in the cluster's colour, darkened to read as
      text) at the member nearest the cluster's middle, the largest nodes labelled, a legend naming the
      clusters with their sizes.
    * :func:`plot_timeline_view` -- one row per cluster (``#0`` on top), each member at its
      publication year, a line across the row from its first to its last member, links drawn as
      arcs (within a row) or straight lines (between rows), the most cited members of each row
      labelled, and the cluster label at the row's right end.
    * :func:`plot_timezone_view` -- one column per year; each node in the column of its (first)
      year, stacked by size, links between columns drawn, the largest nodes labelled.
    * :func:`plot_historiograph` -- records by publication year (x), arrows from citing to cited
      record, node size by local citation score, the ``n_labels`` records with the highest LCS
      labelled.

Labels are placed greedily and deterministically: each label tries positions around its node
and takes the first that overlaps no label placed before it and stays inside the axes; a label
with no free position is left out (its node is still drawn).  No text of these figures overlaps
other text, and none is clipped by the axes or the figure's tight frame.

Examples
--------
>>> from litkit.plot.citation import plot_timeline_view
>>> from litkit.plot.style import save_figure
>>> net = litkit.cocitation(corpus)                                         # doctest: +SKIP
>>> fig = plot_timeline_view(net.nodes, net.links(), net.clusters)         # doctest: +SKIP
>>> save_figure(fig, "figures/cocitation_timeline", close=True)            # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import LitkitError
from .network import drawing_positions
from .style import PALETTE, legend_below, require_cjk_font, use_style

__all__ = [
    "plot_cocitation_map",
    "plot_timeline_view",
    "plot_timezone_view",
    "plot_historiograph",
    "ink",
    "contrast_luminance",
    "CENTRALITY_RING",
    "RING_PURPLE",
    "RING_RED",
]

CENTRALITY_RING = 0.1  # CiteSpace marks nodes with betweenness centrality >= 0.1 with a purple ring
RING_PURPLE = "#7B2D8E"
RING_RED = "#D62728"
# Cluster colours: the palette without its pale yellow and its black (read as "missing" next to hues).
_COLORS = tuple(c for c in PALETTE if c not in ("#F0E442", "#000000"))
OTHER_CLUSTERS = "#A8A8A8"  # the nodes of clusters the legend does not list
CLUSTER_LABEL_SIZE = 8.5  # pt, bold: the map's cluster names, a step above its largest node label (8 pt)
# WCAG's contrast for large or bold text is 3; 4.5 (normal text) keeps 7-8.5 pt bold labels easy to read.
CLUSTER_LABEL_CONTRAST = 4.5


def plot_cocitation_map(
    nodes: pd.DataFrame,
    links: pd.DataFrame,
    clusters: pd.DataFrame | None = None,
    *,
    size: str = "citations",
    n_labels: int = 25,
    max_links: int = 500,
    legend_clusters: int = 10,
    title: str | None = None,
    figsize: tuple[float, float] = (7.2, 6.8),
):
    """The co-citation map: nodes at their layout coordinates, sized by citations, coloured by cluster.

    Small disconnected components are packed beside the largest, as on every litkit map
    (:func:`litkit.plot.network.drawing_positions`; the largest component stays at its ``x``/``y``).

    Parameters
    ----------
    nodes : DataFrame
        ``id``, ``label``, ``x``, ``y``, the ``size`` column, ``cluster``; optional ``centrality``
        (purple ring at >= 0.1) and ``burst`` (red ring when > 0).
    links : DataFrame
        ``source_id``, ``target_id`` and ``strength`` (or ``count``); the ``max_links`` strongest are drawn.
    clusters : DataFrame, optional
        ``cluster`` and ``label`` (and ``size``) for the legend, in the order given.
    size : str, default "citations"
    n_labels : int, default 30
        Label at most this many nodes, the largest first (each cluster's largest node before the rest).
    max_links : int
    legend_clusters : int, default 10
        The first this many clusters of ``clusters`` are named in the legend and on the map, each in its
        colour; the nodes of the other clusters are grey (the legend counts them).
    title : str, optional
    figsize : (float, float)

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> net = litkit.cocitation(corpus)                                                  # doctest: +SKIP
    >>> fig = plot_cocitation_map(net.nodes, net.links(), net.clusters, n_labels=25)    # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    nodes = _check_nodes(nodes, ["id", "label", "x", "y", size, "cluster"], "plot_cocitation_map")
    use_style()
    require_cjk_font(nodes["label"].astype(str).tolist() + _cluster_labels(clusters))
    fig, ax = plt.subplots(figsize=figsize)
    if len(nodes) == 0:
        return _empty(fig, ax, title or "no nodes")
    pos = {int(i): k for k, i in enumerate(nodes["id"])}
    # Every link, strongest first: the components come from all of them (as plot_network takes them from all
    # weights), the drawing shows the max_links strongest.
    every_src, every_dst, every_w = _link_arrays(links, pos, len(links) if links is not None else 0)
    joined = sp.csr_matrix((np.ones(len(every_src)), (every_src, every_dst)), shape=(len(nodes), len(nodes)))
    xy = drawing_positions(nodes[["x", "y"]].to_numpy(dtype=float), joined, aspect=figsize[0] / figsize[1])
    src, dst, w = every_src[:max_links], every_dst[:max_links], every_w[:max_links]
    if len(src):
        ax.add_collection(
            LineCollection(
                np.stack([xy[src], xy[dst]], axis=1),
                linewidths=0.2 + 1.2 * w / w.max(),
                colors="#9a9a9a",
                alpha=0.3,
                zorder=1,
            )
        )
    areas = _areas(nodes[size])
    named = [] if clusters is None or not len(clusters) else clusters["cluster"].head(legend_clusters).astype(int)
    # Clusters the legend does not name are grey: the palette's colours repeat after 15, and a one-node
    # cluster #15 in #0's blue reads as a member of #0.
    listed = set(named) if len(named) else set(nodes["cluster"].astype(int))  # no clusters table: by number
    colors = [_COLORS[int(c) % len(_COLORS)] if int(c) in listed else OTHER_CLUSTERS for c in nodes["cluster"]]
    ax.scatter(xy[:, 0], xy[:, 1], s=areas, c=colors, edgecolors="white", linewidths=0.5, zorder=2)
    _rings(ax, nodes, xy, areas)
    span = float(np.ptp(xy, axis=0).max() or 1.0)
    ax.set_xlim(xy[:, 0].min() - 0.06 * span, xy[:, 0].max() + 0.06 * span)
    ax.set_ylim(xy[:, 1].min() - 0.06 * span, xy[:, 1].max() + 0.06 * span)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    order = _label_order(nodes, size, n_labels, by_cluster=True)
    # The named clusters' largest nodes first, then the clusters' names, then the other nodes: a cluster's
    # name must not take the place of the map's most cited reference.
    heads = {int(c): i for i, c in reversed(list(enumerate(nodes["cluster"].to_numpy()[order])))}
    listed = set(named)
    first = [order[k] for c, k in sorted(heads.items(), key=lambda item: item[1]) if c in listed]
    placed_first = set(first)
    order = first + [i for i in order if i not in placed_first]
    _place_labels(
        fig,
        ax,
        xy,
        order,
        nodes["label"].astype(str).tolist(),
        areas,
        nodes[size].to_numpy(float),
        max_size=8.0,
        groups=nodes["cluster"].to_numpy(),
        cluster_labels=_cluster_anchors(xy, nodes["cluster"].to_numpy(), named, _cluster_names(clusters)),
        cluster_labels_after=len(first),
    )
    handles = _cluster_handles(clusters, nodes, legend_clusters)
    handles += _ring_handles(nodes)
    legend_below(ax, handles)
    if title is None:  # the network's links; the drawing shows only the max_links strongest
        drawn = f" (the {len(src):,} strongest drawn)" if len(src) < len(every_src) else ""
        title = f"{len(nodes):,} nodes, {len(every_src):,} links{drawn}"
    ax.set_title(title, fontsize=8, loc="left", pad=12)
    return fig


def plot_timeline_view(
    nodes: pd.DataFrame,
    links: pd.DataFrame,
    clusters: pd.DataFrame,
    *,
    size: str = "citations",
    year: str = "year",
    max_clusters: int = 10,
    labels_per_cluster: int = 3,
    max_links: int = 400,
    title: str | None = None,
    width: float = 9.0,
):
    """CiteSpace's timeline view: one row per cluster, members at their publication year.

    Parameters
    ----------
    nodes : DataFrame
        ``id``, ``label``, ``cluster``, ``year`` (column ``year``), the ``size`` column; optional
        ``centrality`` and ``burst`` (rings).
    links : DataFrame
        ``source_id``, ``target_id`` and ``strength`` (or ``count``): links within a row are drawn
        as arcs above it, links between rows as straight lines.
    clusters : DataFrame
        ``cluster`` and ``label``; rows in this order (CiteSpace: ``#0``, the largest, on top), at
        most ``max_clusters``.
    size, year : str
    max_clusters, labels_per_cluster, max_links : int
    title : str, optional
    width : float
        Figure width in inches (the height follows the number of rows).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_timeline_view(net.nodes, net.links(), net.clusters, max_clusters=8)  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Arc

    nodes = _check_nodes(nodes, ["id", "label", "cluster", year, size], "plot_timeline_view")
    _check_columns(clusters, ["cluster", "label"], "plot_timeline_view: clusters")
    use_style()
    rows = [int(c) for c in clusters["cluster"].head(max_clusters)]
    row_of = {c: r for r, c in enumerate(rows)}
    nodes = nodes[nodes["cluster"].isin(rows) & nodes[year].notna()].reset_index(drop=True)
    cluster_label = dict(zip(clusters["cluster"].astype(int), clusters["label"].astype(str)))
    require_cjk_font(nodes["label"].astype(str).tolist() + [cluster_label[c] for c in rows])
    n_rows = max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(width, 0.9 + 0.62 * n_rows))
    if len(nodes) == 0:
        return _empty(fig, ax, title or "no clustered nodes with a year")
    years = nodes[year].to_numpy(dtype=float)
    y_rows = np.array([-row_of[int(c)] for c in nodes["cluster"]], dtype=float)
    xy = np.column_stack([years, y_rows])
    y0, y1 = int(years.min()), int(years.max())
    ax.set_xlim(y0 - 0.8, y1 + 0.8)
    ax.set_ylim(-n_rows + 0.45, 0.75)
    # the row lines, from the first to the last member, in the cluster's colour
    for c, r in row_of.items():
        member_years = years[nodes["cluster"].to_numpy() == c]
        if len(member_years):
            ax.plot(
                [member_years.min(), member_years.max()],
                [-r, -r],
                color=_COLORS[c % len(_COLORS)],
                lw=1.0,
                alpha=0.6,
                zorder=1,
            )
    pos = {int(i): k for k, i in enumerate(nodes["id"])}
    src, dst, w = _link_arrays(links, pos, max_links)
    for a, b, wt in zip(src, dst, w / (w.max() if len(w) else 1.0)):
        if y_rows[a] == y_rows[b]:
            if years[a] == years[b]:
                continue  # a link within one year of one row has no length on this axis
            centre = (years[a] + years[b]) / 2
            span = abs(years[a] - years[b])
            ax.add_patch(
                Arc(
                    (centre, y_rows[a]),
                    span,
                    min(0.32, 0.05 * span + 0.06),
                    theta1=0,
                    theta2=180,
                    color="#8a8a8a",
                    lw=0.25 + 0.6 * wt,
                    alpha=0.35,
                    zorder=1,
                )
            )
        else:
            ax.plot(
                [years[a], years[b]], [y_rows[a], y_rows[b]], color="#b0b0b0", lw=0.2 + 0.5 * wt, alpha=0.3, zorder=0.5
            )
    areas = _areas(nodes[size], lo=8.0, hi=260.0)
    colors = [_COLORS[int(c) % len(_COLORS)] for c in nodes["cluster"]]
    ax.scatter(years, y_rows, s=areas, c=colors, edgecolors="white", linewidths=0.5, zorder=2)
    _rings(ax, nodes, xy, areas)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(_year_locator(y0, y1))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#e6e6e6", lw=0.5, zorder=0)
    ax.set_axisbelow(True)
    # member labels: the most cited members of each row, placed around their nodes
    order = []
    for c in rows:
        members = nodes.index[nodes["cluster"] == c]
        ranked = sorted(members, key=lambda i: (-float(nodes.at[i, size]), str(nodes.at[i, "label"])))
        order += [int(i) for i in ranked[:labels_per_cluster]]
    order.sort(key=lambda i: (-float(nodes.at[i, size]), str(nodes.at[i, "label"])))
    _place_labels(
        fig,
        ax,
        xy,
        order,
        nodes["label"].astype(str).tolist(),
        areas,
        nodes[size].to_numpy(float),
        max_size=7.5,
        vertical=True,
    )
    # the cluster labels at the rows' right end, outside the axes (they never cover a node)
    for c, r in row_of.items():
        ax.annotate(
            f"#{c} {cluster_label[c]}",
            xy=(1.0, -r),
            xycoords=("axes fraction", "data"),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8,
            color=ink(_COLORS[c % len(_COLORS)]),
            fontweight="bold",
            annotation_clip=False,
            clip_on=False,
        )
    ax.set_title(
        title if title is not None else f"Timeline view: {len(nodes)} nodes in {len(rows)} clusters",
        fontsize=8,
        loc="left",
        pad=10,
    )
    return fig


def plot_timezone_view(
    nodes: pd.DataFrame,
    links: pd.DataFrame,
    *,
    clusters: pd.DataFrame | None = None,
    legend_clusters: int = 10,
    size: str = "citations",
    year: str = "year",
    per_year: int = 12,
    n_labels: int = 30,
    max_links: int = 400,
    title: str | None = None,
    figsize: tuple[float, float] = (10.0, 5.6),
):
    """CiteSpace's time-zone view: each node in the column of its (first) year, stacked by size.

    Parameters
    ----------
    nodes : DataFrame
        ``id``, ``label``, ``year`` (column ``year``: the first year of the node), the ``size``
        column; optional ``cluster`` (colour), ``centrality`` and ``burst`` (rings).
    links : DataFrame
        ``source_id``, ``target_id``, ``strength`` (or ``count``).
    clusters : DataFrame, optional
        ``cluster`` and ``label`` (and ``size``): the legend names the first ``legend_clusters`` with their
        colours, as the co-citation map's does, and the nodes of the others are grey.  Without it the nodes
        are coloured by cluster number and the legend explains only the rings.
    legend_clusters : int, default 10
    per_year : int, default 12
        Draw at most this many nodes per year column (the largest).
    n_labels : int, default 30
    size, year, max_links, title, figsize
        As for :func:`plot_timeline_view`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_timezone_view(net.nodes, net.links(), per_year=10)   # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    nodes = _check_nodes(nodes, ["id", "label", year, size], "plot_timezone_view")
    use_style()
    n_all = len(nodes)
    nodes = nodes[nodes[year].notna()].copy()
    n_dated = len(nodes)
    nodes["_rank"] = nodes.sort_values([size, "label"], ascending=[False, True]).groupby(year).cumcount()
    nodes = nodes[nodes["_rank"] < per_year].reset_index(drop=True)
    require_cjk_font(nodes["label"].astype(str).tolist())
    fig, ax = plt.subplots(figsize=figsize)
    if len(nodes) == 0:
        return _empty(fig, ax, title or "no nodes with a year")
    years = nodes[year].to_numpy(dtype=float)
    # within a column the largest node sits at the bottom; the others stack upwards
    ys = nodes["_rank"].to_numpy(dtype=float)
    xy = np.column_stack([years, ys])
    pos = {int(i): k for k, i in enumerate(nodes["id"])}
    src, dst, w = _link_arrays(links, pos, max_links)
    if len(src):
        ax.add_collection(
            LineCollection(
                np.stack([xy[src], xy[dst]], axis=1),
                linewidths=0.2 + 0.9 * w / w.max(),
                colors="#9a9a9a",
                alpha=0.3,
                zorder=1,
            )
        )
    areas = _areas(nodes[size], lo=10.0, hi=320.0)
    listed = None if clusters is None else set(clusters["cluster"].head(legend_clusters).astype(int))
    if "cluster" in nodes:
        colors = [
            "#777777"
            if c != c
            else OTHER_CLUSTERS
            if listed is not None and int(c) not in listed
            else _cluster_color(c)
            for c in nodes["cluster"]
        ]
    else:
        colors = [_COLORS[0]] * len(nodes)
    ax.scatter(years, ys, s=areas, c=colors, edgecolors="white", linewidths=0.5, zorder=2)
    _rings(ax, nodes, xy, areas)
    y0, y1 = int(years.min()), int(years.max())
    ax.set_xlim(y0 - 0.7, y1 + 0.7)
    ax.set_ylim(-0.8, max(float(ys.max()), 1.0) + 0.8)
    for edge in np.arange(y0 - 0.5, y1 + 1.0, 1.0):  # the time zones
        ax.axvline(edge, color="#e2e2e2", lw=0.6, zorder=0)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_major_locator(_year_locator(y0, y1))
    ax.tick_params(axis="x", labelsize=7)
    order = _label_order(nodes, size, n_labels, by_cluster=False)
    # labels above or below their node (a label beside it would sit in another year's column)
    texts = nodes["label"].astype(str).tolist()
    _place_labels(fig, ax, xy, order, texts, areas, nodes[size].to_numpy(float), max_size=7.0, vertical=True)
    if title is None:  # say what is left out: the view draws at most per_year nodes per year
        why = [f"at most {per_year} per year"] if len(nodes) < n_dated else []
        why += [f"{n_all - n_dated} without a year"] if n_dated < n_all else []
        shown = f"{len(nodes)} of {n_all} nodes ({'; '.join(why)})" if why else f"{len(nodes)} nodes"
        title = f"Time-zone view: {shown}"
    ax.set_title(title, fontsize=8, loc="left", pad=10)
    # the colours and rings explained, below the year axis (the view had no legend: its colours were unnamed)
    handles = _cluster_handles(clusters, nodes, legend_clusters) if clusters is not None else []
    handles += _ring_handles(nodes)
    legend_below(ax, handles, y=-0.07, ncol=3)
    return fig


def plot_historiograph(
    nodes: pd.DataFrame,
    links: pd.DataFrame,
    *,
    size: str = "lcs",
    year: str = "year",
    n_labels: int = 20,
    top: int | None = 60,
    short_labels: bool = True,
    title: str | None = None,
    figsize: tuple[float, float] = (9.0, 6.0),
):
    """The historiograph (Garfield's HistCite): records by year, an arrow from each citing record to the
    record it cites, node size by local citation score, the ``n_labels`` records with the highest LCS labelled.

    Parameters
    ----------
    nodes : DataFrame
        ``id``, ``label``, ``year`` and ``lcs`` (the ``size`` column); a direct-citation network's
        node table.
    links : DataFrame
        ``source_id`` cites ``target_id``.
    size, year : str
    n_labels : int, default 20
    top : int or None, default 60
        Draw the ``top`` records with the highest LCS (ties: more citation links, then year, then
        label) and the links among them (HistCite's "LCS top N"); None draws every record that
        cites or is cited.
    short_labels : bool, default True
        Label a record by its first two label parts ("Costanza R, 1997" of "Costanza R, 1997, NATURE").
    title : str, optional
    figsize : (float, float)

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> net = litkit.citation_network(corpus)                                   # doctest: +SKIP
    >>> fig = plot_historiograph(net.nodes, net.links(), n_labels=15)         # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch

    nodes = _check_nodes(nodes, ["id", "label", year, size], "plot_historiograph")
    _check_columns(links, ["source_id", "target_id"], "plot_historiograph: links")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        # nodes.head(-2) would draw all but the last two records
        raise LitkitError(
            f"top must be a whole number >= 1, got {top!r}", expected="a positive integer, or None for all"
        )
    use_style()
    degree = pd.concat([links["source_id"], links["target_id"]]).astype(int).value_counts()
    nodes = nodes[nodes["id"].astype(int).isin(degree.index) & nodes[year].notna()]
    nodes = nodes.assign(_degree=nodes["id"].astype(int).map(degree))
    nodes = nodes.sort_values([size, "_degree", year, "label"], ascending=[False, False, True, True], kind="stable")
    if top is not None:
        nodes = nodes.head(top)
    nodes = nodes.reset_index(drop=True)
    require_cjk_font(nodes["label"].astype(str).tolist())
    fig, ax = plt.subplots(figsize=figsize)
    if len(nodes) == 0:
        return _empty(fig, ax, title or "no citations between the records")
    years = nodes[year].to_numpy(dtype=float)
    # records of one year spread vertically around the middle, the most cited in the centre
    slot = nodes.groupby(year).cumcount().to_numpy()
    ys = np.where(slot % 2 == 0, slot / 2, -(slot + 1) / 2).astype(float)
    xy = np.column_stack([years, ys])
    pos = {int(i): k for k, i in enumerate(nodes["id"])}
    areas = _areas(nodes[size], lo=14.0, hi=300.0)
    radius_pt = np.sqrt(areas) / 2  # a marker of area s pt² has diameter sqrt(s) pt: arrows end on the rims
    keep = links[links["source_id"].astype(int).isin(pos) & links["target_id"].astype(int).isin(pos)]
    for s, t in sorted(zip(keep["source_id"].astype(int), keep["target_id"].astype(int))):
        a, b = pos[s], pos[t]
        ax.add_patch(
            FancyArrowPatch(
                tuple(xy[a]),
                tuple(xy[b]),
                arrowstyle="-|>",
                mutation_scale=6,
                lw=0.45,
                color="#7a7a7a",
                alpha=0.6,
                shrinkA=float(radius_pt[a]),
                shrinkB=float(radius_pt[b]),
                connectionstyle="arc3,rad=0.12",
                zorder=1,
            )
        )
    ax.scatter(years, ys, s=areas, c=_COLORS[0], edgecolors="white", linewidths=0.5, zorder=2)
    y0, y1 = int(years.min()), int(years.max())
    ax.set_xlim(y0 - 0.9, y1 + 0.9)
    ax.set_ylim(ys.min() - 0.9, ys.max() + 0.9)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_major_locator(_year_locator(y0, y1))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#ececec", lw=0.5)
    ax.set_axisbelow(True)
    order = list(range(min(n_labels, len(nodes))))  # rows are sorted by LCS already
    texts = nodes["label"].astype(str).tolist()
    if short_labels:
        texts = [", ".join(t.split(", ")[:2]) for t in texts]
    _place_labels(fig, ax, xy, order, texts, areas, nodes[size].to_numpy(float), max_size=7.0)
    ax.set_title(
        title if title is not None else f"Historiograph: {len(nodes)} records, {len(keep)} citations (size = LCS)",
        fontsize=8,
        loc="left",
        pad=10,
    )
    return fig


# ----------------------------------------------------------------------------------------------
# private helpers
# ----------------------------------------------------------------------------------------------
def _check_columns(df: pd.DataFrame, columns: list[str], where: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise LitkitError(f"{where}: expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise LitkitError(f"{where}: missing column(s) {missing}", expected=", ".join(columns))


def _check_nodes(nodes: pd.DataFrame, columns: list[str], where: str) -> pd.DataFrame:
    _check_columns(nodes, columns, f"{where}: nodes")
    return nodes.reset_index(drop=True)


def _cluster_labels(clusters) -> list[str]:
    return [] if clusters is None or "label" not in clusters else clusters["label"].astype(str).tolist()


def _empty(fig, ax, message: str):
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=9, transform=ax.transAxes)
    return fig


def _areas(values, lo: float = 12.0, hi: float = 420.0) -> np.ndarray:
    """Marker areas (pt²) proportional to the size column (the largest node ``lo + hi``)."""
    v = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0)
    top = v.max() if len(v) and v.max() > 0 else 1.0
    return lo + hi * v / top


def _link_arrays(links: pd.DataFrame | None, pos: dict, max_links: int):
    """Node positions and weights of the ``max_links`` strongest links whose ends are both drawn."""
    if links is None or len(links) == 0:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    _check_columns(links, ["source_id", "target_id"], "links")
    weight = "strength" if "strength" in links else ("count" if "count" in links else None)
    s = links["source_id"].astype(int).to_numpy()
    t = links["target_id"].astype(int).to_numpy()
    w = links[weight].to_numpy(dtype=float) if weight else np.ones(len(links))
    ok = np.array([a in pos and b in pos for a, b in zip(s, t)], dtype=bool)
    s, t, w = s[ok], t[ok], w[ok]
    order = np.lexsort((t, s, -w))[:max_links]  # strongest first; ties by ids (deterministic)
    return (
        np.array([pos[a] for a in s[order]], dtype=int),
        np.array([pos[b] for b in t[order]], dtype=int),
        w[order],
    )


def _rings(ax, nodes: pd.DataFrame, xy: np.ndarray, areas: np.ndarray) -> None:
    """CiteSpace's rings: purple for centrality >= 0.1, red (outside it) for a burst."""
    specs = []
    if "centrality" in nodes:
        specs.append((nodes["centrality"].to_numpy(dtype=float, na_value=0.0) >= CENTRALITY_RING, RING_PURPLE, 1.8))
    if "burst" in nodes:
        specs.append((nodes["burst"].to_numpy(dtype=float, na_value=0.0) > 0, RING_RED, 2.6))
    for mask, color, grow in specs:
        if mask.any():
            ax.scatter(
                xy[mask, 0],
                xy[mask, 1],
                s=areas[mask] * grow,
                facecolors="none",
                edgecolors=color,
                linewidths=1.3,
                zorder=1.9,
                gid=f"ring-{'centrality' if color == RING_PURPLE else 'burst'}",
            )


def _cluster_color(c) -> str:
    return _COLORS[int(c) % len(_COLORS)]


def _cluster_handles(clusters, nodes: pd.DataFrame, legend_clusters: int) -> list:
    """Legend entries ``#c label (size)`` of the first ``legend_clusters`` clusters, then one grey entry
    counting the nodes of the clusters not listed (drawn grey)."""
    from matplotlib.lines import Line2D

    def dot(color: str, label: str):
        return Line2D(
            [], [], marker="o", linestyle="", markersize=6, markerfacecolor=color, markeredgecolor="white", label=label
        )

    if clusters is None or not len(clusters):
        return []
    listed = clusters.head(legend_clusters)
    handles = [
        dot(
            _cluster_color(row.cluster),
            f"#{row.cluster} {row.label}" + (f" ({row.size})" if hasattr(row, "size") else ""),
        )
        for row in listed.itertuples(index=False)
    ]
    if "cluster" in nodes:
        others = ~nodes["cluster"].isna() & ~nodes["cluster"].isin(listed["cluster"].astype(int))
        if others.any():
            n_others = nodes.loc[others, "cluster"].nunique()
            handles.append(
                dot(OTHER_CLUSTERS, f"{n_others} more cluster{'s' if n_others > 1 else ''} ({int(others.sum())})")
            )
    return handles


def _ring_handles(nodes: pd.DataFrame) -> list:
    from matplotlib.lines import Line2D

    out = []
    if "centrality" in nodes and (nodes["centrality"].to_numpy(dtype=float, na_value=0.0) >= CENTRALITY_RING).any():
        out.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=7,
                markerfacecolor="none",
                markeredgecolor=RING_PURPLE,
                label=f"centrality ≥ {CENTRALITY_RING:g}",
            )
        )
    if "burst" in nodes and (nodes["burst"].to_numpy(dtype=float, na_value=0.0) > 0).any():
        out.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=7,
                markerfacecolor="none",
                markeredgecolor=RING_RED,
                label="citation burst",
            )
        )
    return out


def _label_order(nodes: pd.DataFrame, size: str, n_labels: int, by_cluster: bool) -> list[int]:
    """Nodes to label, in placement order: largest first (each cluster's largest before the rest)."""
    ranked = sorted(range(len(nodes)), key=lambda i: (-float(nodes[size].iat[i]), str(nodes["label"].iat[i])))
    if not by_cluster or "cluster" not in nodes:
        return ranked[:n_labels]
    heads, seen = [], set()
    for i in ranked:
        c = nodes["cluster"].iat[i]
        if c not in seen:
            seen.add(c)
            heads.append(i)
    rest = [i for i in ranked if i not in set(heads)]
    return (heads + rest)[: max(n_labels, 0)]


def _year_locator(y0: int, y1: int):
    from matplotlib.ticker import MultipleLocator

    span = y1 - y0
    return MultipleLocator(1 if span <= 12 else 2 if span <= 24 else 5)


def _place_labels(
    fig,
    ax,
    xy,
    order,
    labels,
    areas,
    values,
    max_size: float = 9.0,
    vertical: bool = False,
    groups=None,
    cluster_labels=(),
    cluster_labels_after: int = 0,
) -> list:
    """Labels by :func:`litkit.plot.labels.place_labels` (the rule every node map shares): beside their node
    or joined by a leader line, over no other label, tick label or node, inside the axes; font 6 to
    ``max_size`` pt by ``values``; ``groups``: the nodes' clusters (a hub's last-resort leader line may pass
    through its own cluster's dots).  ``cluster_labels``: (cluster, anchor node, text) placed after the first
    ``cluster_labels_after`` nodes of ``order`` and before the rest, bold in the cluster's colour (made dark
    enough to read), at their anchor's dot as a second label of that node.
    Returns the placed Text artists (a cluster label carries ``litkit_cluster``)."""
    from .labels import marker_radii, place_labels

    if not order and not cluster_labels:
        return []
    fig.canvas.draw()  # tick labels get their final positions
    renderer = fig.canvas.get_renderer()
    taken = [t.get_window_extent(renderer) for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
    # a scatter marker of area s pt² is a circle of diameter sqrt(s) pt (sqrt(s / pi) put the labels' "beside"
    # 13 % of a radius off the rim and started leader lines off it)
    radii = marker_radii(areas, fig.dpi)
    values = np.asarray(values, dtype=float)
    top = max(float(np.nanmax(values)) if len(values) else 1.0, 1e-9)
    sizes = 6.0 + (max_size - 6.0) * np.sqrt(np.clip(np.nan_to_num(values), 0.0, None) / top)
    n = len(xy)
    if not cluster_labels:
        return place_labels(
            fig, ax, xy, order, labels, radii, sizes, vertical=vertical, taken=taken, halo=2.0, groups=groups
        )
    # Each cluster label is one more entry: at its anchor node's position, with that node's dot (owners).
    anchors = np.array([a for _, a, _ in cluster_labels], dtype=int)
    owners = np.concatenate([np.arange(n), anchors])
    groups = None if groups is None else np.concatenate([np.asarray(groups), np.asarray(groups)[anchors]])
    entries = dict(
        xy=np.concatenate([np.asarray(xy, dtype=float), np.asarray(xy, dtype=float)[anchors]]),
        labels=list(labels) + [text for _, _, text in cluster_labels],
        radii=np.concatenate([radii, radii[anchors]]),
        font_sizes=np.concatenate([sizes, np.full(len(anchors), CLUSTER_LABEL_SIZE)]),
        owners=owners,
        colors=["#1a1a1a"] * n + [ink(_COLORS[c % len(_COLORS)]) for c, _, _ in cluster_labels],
        bold=[False] * n + [True] * len(anchors),
    )
    names = list(range(n, n + len(anchors)))
    placed = []
    # The given nodes first, then the names; if a name finds no room, only the first node (the map's most
    # cited) before them, then the names first: a cluster with no name on the map reads as no cluster, a
    # node without a label is still in its named cluster.
    for split in dict.fromkeys((cluster_labels_after, min(cluster_labels_after, 1), 0)):
        for artist in placed:
            for line in [ln for ln in ax.lines if getattr(ln, "litkit_leader_of", None) == artist.litkit_node]:
                line.remove()
            artist.remove()
        placed = place_labels(
            fig,
            ax,
            order=list(order[:split]) + names + list(order[split:]),
            vertical=vertical,
            taken=taken,
            halo=2.0,
            groups=groups,
            **entries,
        )
        if sum(t.litkit_node >= n for t in placed) == len(names):
            break
    for text in placed:
        if text.litkit_node >= n:
            text.litkit_cluster = int(cluster_labels[text.litkit_node - n][0])
    return placed


def _cluster_names(clusters) -> dict:
    if clusters is None or not len(clusters):
        return {}
    return dict(zip(clusters["cluster"].astype(int), clusters["label"].astype(str)))


def _cluster_anchors(xy: np.ndarray, cluster_of: np.ndarray, named, names: dict) -> list:
    """(cluster, anchor, "#c label") of each named cluster with members: the anchor is the member nearest
    the mean position of the cluster's members, so that the label and its leader point at the cluster's
    middle (CiteSpace writes its cluster labels there), not at one outlying member."""
    out = []
    for c in named:
        members = np.flatnonzero(cluster_of == c)
        if not len(members):
            continue
        d = np.hypot(*(xy[members] - xy[members].mean(axis=0)).T)
        out.append((int(c), int(members[np.argmin(d)]), f"#{c} {names.get(int(c), '')}".strip()))
    return out


def ink(color: str, background: str = "#ffffff", contrast: float = CLUSTER_LABEL_CONTRAST) -> str:
    """``color`` darkened (mixed with black in steps of 5 %) until its WCAG contrast ratio against
    ``background`` is at least ``contrast``: a cluster's colour as text (light blue and orange dots are
    fine as dots, too faint as letters).

    Examples
    --------
    >>> ink("#0072B2"), ink("#88CCEE")
    ('#0072B2', '#527A8F')
    """
    from matplotlib.colors import to_hex, to_rgb

    rgb, back = np.array(to_rgb(color)), contrast_luminance(background)
    for step in range(21):
        mixed = rgb * (1 - step / 20)
        lum = contrast_luminance(mixed)
        if (max(lum, back) + 0.05) / (min(lum, back) + 0.05) >= contrast:
            return to_hex(mixed).upper() if step else color
    return "#000000"


def contrast_luminance(color) -> float:
    """WCAG relative luminance of a colour (a name, hex string or RGB triple in 0-1).

    Examples
    --------
    >>> contrast_luminance("white"), contrast_luminance("black")
    (1.0, 0.0)
    """
    from matplotlib.colors import to_rgb

    c = np.array(to_rgb(color), dtype=float)
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2])
