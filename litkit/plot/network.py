"""Maps of a :class:`~litkit.network.Network` (keywords, co-citation, coupling, citation, collaboration):
a static figure and an offline HTML page.

Nodes are sized by the network's size column (occurrences, citations, documents …)
and labelled by ``label``.  When the node table has ``centrality`` or ``burst``
columns (co-citation networks), nodes with centrality ≥ 0.1 get a purple ring and
nodes with a burst a red ring, as CiteSpace draws them.

Static figure (:func:`plot_network`), VOSviewer's three views
    ``view="network"``: nodes at the network's layout coordinates, area
    proportional to their size, coloured by cluster (:data:`~litkit.plot.style.PALETTE`),
    the strongest links underneath, a legend naming each cluster by its label.
    ``view="overlay"``: nodes coloured by a numeric node column (``overlay=``,
    default the average publication year) with a colour bar below the map.
    ``view="density"``: item density as a smoothed heat image
    (:func:`density_grid`, Gaussian kernel weighted by node size) with the labels.
    Labels are placed by :func:`litkit.plot.labels.place_labels` (shared with the
    co-citation figures): each cluster's largest node first, then the largest of the
    rest; none overlaps another label or another node's marker, none is clipped,
    each touches its node (on it only when the text lies wholly on the dot) or is joined
    to it by a leader line from the node's rim (leader lines never cross each other or run
    through another label or another node's dot); a label with no room is left out.
    Small disconnected components are packed beside the largest.
    Chinese labels need a CJK font (:func:`~litkit.plot.style.require_cjk_font`);
    :func:`~litkit.plot.style.save_figure` refuses to write a figure with missing glyphs.

Interactive HTML (:func:`network_html`)
    Built from a pyvis network (:func:`to_pyvis`) but rendered with litkit's own
    template, because pyvis' template loads Bootstrap and vis-network from CDNs
    even with ``cdn_resources="in_line"``.  The page inlines the vis-network
    9.1.2 script and stylesheet that pyvis ships in its package, so it opens
    offline and makes no network request.  Node data are embedded as JSON with
    ``<``, ``>`` and ``&`` escaped, labels are drawn on a canvas and tooltips are
    plain text, so a keyword such as ``<script>alert(1)</script>`` shows as text.
    The network and overlay pages name the heaviest items first, a label over lighter items' dots
    allowed, and size the labels in CSS px for the first view; zooming in reveals more labels, as in
    VOSviewer (labels keep their size on screen while distances grow); the density page shows the whole heat
    image in its first view, labels centred on their items and sized by weight for that view (see
    :func:`network_html`).
"""

from __future__ import annotations

import html as html_lib
import json
import math
from importlib import resources
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .._atomic import write_text
from .style import PALETTE, legend_below, require_cjk_font, use_style

__all__ = [
    "plot_network",
    "density_grid",
    "to_pyvis",
    "network_html",
    "write_network_html",
    "html_label_visibility",
    "html_label_zoom_levels",
    "drawing_positions",
    "VIEWS",
]

VIEWS = ("network", "overlay", "density")
# VOSviewer's default colour schemes of its overlay and density views.
OVERLAY_CMAP = "viridis"
DENSITY_CMAP = "viridis"


# The density page (VOSviewer's density view) sizes its labels for its first view: at the zoom that fits
# its image into this box of CSS px (width, height), its labels' font sizes, from the lightest item's to
# the heaviest's, are DENSITY_FONT_PX.  A browser window of about 1,100 x 800 px or more frames the image
# at that zoom or larger.  The static density figure's 6.5-10.5 pt labels on its 7.2-inch map, scaled to
# a 1,000 px wide map, are 12-20 px.
DENSITY_PAGE_BOX = (1000.0, 700.0)
DENSITY_FONT_PX = (12.0, 22.0)

# The network and overlay pages size their labels the same way: at the zoom that fits the map with its
# labels into NETWORK_PAGE_BOX (CSS px), the labels' font sizes run from NETWORK_FONT_PX's first (the
# lightest item) to its second (the heaviest), growing with the square root of the weight as the dots'
# radii do.  The page's map area in a 1,200 x 900 px window is 940 x 866 px, of which the first view uses
# 97 % (912 x 840): that window, and any larger, shows the labels at these sizes or larger.  The range is
# narrow because a label sits below its dot and may not cover a heavier item's dot: on the WoS environment
# map (200 terms) "Energy efficiency", the 4th heaviest, loses its label to "co2 emissions"' dot at a
# largest size of 15 px or more; at 12-14 px the five heaviest items of that map and of CNKI's are named.
NETWORK_PAGE_BOX = (880.0, 800.0)
NETWORK_FONT_PX = (12.0, 14.0)

# Zooming in on the network and overlay pages reveals more labels, as in VOSviewer: past the first view's
# zoom a label keeps its CSS px size (its canvas font is px / zoom) while distances grow, so more labels fit.
# Each label is given the first of these multiples of the first view's zoom from which it is drawn
# (html_label_zoom_levels); the page compares the current zoom with them.  Steps of sqrt(2) up to 8x, so
# 2x and 4x are levels; past 8x the labels of 8x stay.
NETWORK_ZOOM_LADDER = (1.0, 1.414214, 2.0, 2.828427, 4.0, 5.656854, 8.0)
# The labels' white halo, in CSS px (its canvas width is this / zoom, as the font's).
NETWORK_HALO_PX = 3.0


# Smallest distance between components as a fraction of the figure's width: about the diameter of
# the largest marker of plot_network (12 + 420 pt², 23 pt) in a 7.2-inch (518 pt) figure.
MARKER_SPACING = 0.04
# The same for the HTML page, whose largest node (radius 36 px) is 6 % of a 1,200 px wide map.
HTML_MARKER_SPACING = 0.07

# Cluster colours: the palette without its yellow (too pale for small markers on white) and black
# (reads as "missing" next to the hues); clusters 1-6 keep PALETTE's first six colours.
_CLUSTER_PALETTE = tuple(c for c in PALETTE if c not in ("#F0E442", "#000000"))
OTHER_CLUSTERS = "#A8A8A8"  # the static map's nodes of clusters its legend does not list (as litkit.plot.citation's)


def drawing_positions(xy: np.ndarray, weights, aspect: float = 1.0, spacing: float | None = None) -> np.ndarray:
    """Where a map draws its nodes: the layout coordinates, small components packed beside the largest.

    The layout places each disconnected component wherever its optimiser left it, often in a
    far corner, so a map with one isolated node can be mostly empty space.  The largest
    component keeps its coordinates; every other component keeps its shape, is scaled to the
    node density of the largest and is shelf-packed in a strip to the right of it or below it,
    or on shelves beside and below it (many small components, as in a co-authorship map),
    whichever draws the nodes largest in a figure of ``aspect`` (width / height).  Every map
    litkit draws (:func:`plot_network` in its three views, the HTML page,
    :func:`litkit.plot.citation.plot_cocitation_map`) uses these positions; the coordinates a
    network exports are unchanged.

    Parameters
    ----------
    xy : array of shape (n, 2)
        Layout coordinates (a network's ``x``, ``y``).
    weights : scipy.sparse matrix or None
        ``n x n`` links (any non-zero entry joins two nodes); ``None`` = no links.
    aspect : float
        Width / height of the drawing area.
    spacing : float, optional
        Smallest distance between two components as a fraction of the drawing's width: about the
        diameter of the largest marker the drawing uses (default :data:`MARKER_SPACING`, the static
        figures' markers; the HTML page's nodes are larger).

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` drawing positions; ``xy`` itself is not modified.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> xy = np.array([[0.0, 0.0], [1.0, 0.0], [9.0, 9.0]])  # a pair and a far isolated node
    >>> links = sp.csr_matrix(([1.0, 1.0], ([0, 1], [1, 0])), shape=(3, 3))
    >>> pos = drawing_positions(xy, links)
    >>> pos[:2].tolist(), bool(np.abs(pos[2]).max() < 2)
    ([[0.0, 0.0], [1.0, 0.0]], True)
    """
    xy = np.asarray(xy, dtype=float)
    n = len(xy)
    if weights is None:
        weights = sp.csr_matrix((n, n))
    spacing = MARKER_SPACING if spacing is None else float(spacing)
    return _pack_components(xy, _components(weights, n), aspect=aspect, spacing=spacing)


def _cluster_color(cluster: int, base: int = 1) -> str:
    """Colour of a cluster; ``base`` is the number of the largest cluster (1 for keyword maps, 0 CiteSpace)."""
    return _CLUSTER_PALETTE[(int(cluster) - int(base)) % len(_CLUSTER_PALETTE)]


def _components(weights, n: int) -> list[np.ndarray]:
    """Connected components of the link matrix, largest first (ties: lowest node index first)."""
    from scipy.sparse.csgraph import connected_components

    if n == 0:
        return []
    _, membership = connected_components(sp.csr_matrix(weights), directed=False)
    groups = [np.flatnonzero(membership == c) for c in np.unique(membership)]
    return sorted(groups, key=lambda g: (-len(g), int(g[0])))


def _pack_components(xy: np.ndarray, components: list[np.ndarray], aspect: float, spacing: float) -> np.ndarray:
    """Figure positions with the small components packed beside the largest one.

    The layout places disconnected components wherever its optimiser left
    them, often in a far corner, so the map becomes mostly empty space.  Here
    the largest component keeps its coordinates; every other component keeps
    its shape, is scaled to the node density of the largest one, and is
    shelf-packed in a strip to the right of it or below it, or on shelves
    beside and below it, whichever draws the nodes largest in a figure of
    ``aspect`` (width / height).  Components stand at least ``0.08`` of the
    largest component's extent apart, and at least ``spacing`` times the
    figure's width, so that single nodes are not drawn touching.  Only the
    drawing moves: the exported coordinates are unchanged.
    """
    if len(components) < 2:
        return xy.copy()
    main = components[0]
    extent = max(float(np.ptp(xy[main], axis=0).max()), 1e-9)
    local = _scaled_components(xy, components, extent)
    packings = [
        lambda gap: _strip(xy, components, local, gap, below=False),
        lambda gap: _strip(xy, components, local, gap, below=True),
        lambda gap: _shelves(xy, components, local, gap, aspect),
    ]
    options = []
    for pack in packings:
        gap = 0.08 * extent
        for _ in range(3):  # the gap depends on the map's width and the width on the gap: a few rounds settle it
            points = pack(gap)
            gap = max(0.08 * extent, spacing * _width_to_fit(points, aspect))
        options.append(points)
    # Ties keep the earlier option (the right strip).
    return min(options, key=lambda points: _width_to_fit(points, aspect))


def _scaled_components(xy: np.ndarray, components: list[np.ndarray], extent: float) -> list[np.ndarray]:
    """Each small component moved to the origin and scaled to the node density of the largest."""
    main = components[0]
    out = []
    for comp in components[1:]:
        pts = xy[comp]
        c_lo = pts.min(axis=0)
        size = pts.max(axis=0) - c_lo
        target = extent * np.sqrt(len(comp) / len(main))  # same nodes per area as the main component
        scale = target / float(size.max()) if size.max() > 0 else 0.0
        out.append((pts - c_lo) * scale)
    return out


def _strip(xy, components, local, gap: float, below: bool) -> np.ndarray:
    """Small components in a strip to the right of the largest (top to bottom) or below it (left to right)."""
    out = xy.copy()
    main = components[0]
    lo, hi = xy[main].min(axis=0), xy[main].max(axis=0)
    strip_len = (hi[1] - lo[1]) if not below else (hi[0] - lo[0])
    cursor, shelf_start, shelf_depth = 0.0, 0.0, 0.0
    for comp, lc in zip(components[1:], local):
        w, h = lc.max(axis=0) if len(lc) else np.zeros(2)
        along, across = (h, w) if not below else (w, h)
        if cursor > 0 and cursor + along > strip_len:  # shelf full: start the next one further out
            shelf_start += shelf_depth + gap
            cursor, shelf_depth = 0.0, 0.0
        if not below:  # right strip: x = shelf, y from the top down
            origin = np.array([hi[0] + gap + shelf_start, hi[1] - cursor - h])
        else:  # bottom strip: y = shelf, x from the left
            origin = np.array([lo[0] + cursor, lo[1] - gap - shelf_start - h])
        out[comp] = lc + origin
        cursor += along + gap
        shelf_depth = max(shelf_depth, across)
    return out


def _shelves(xy, components, local, gap: float, aspect: float) -> np.ndarray:
    """Small components on shelves: first in the area right of the largest, then in full rows below it.

    The rows are as wide as makes the whole map fit the figure's ``aspect`` best, so a network of
    many small components (a co-authorship map) fills a map of the figure's shape.
    """
    main = components[0]
    lo, hi = xy[main].min(axis=0), xy[main].max(axis=0)
    boxes = [(lc.max(axis=0) if len(lc) else np.zeros(2)) for lc in local]
    area = (hi[0] - lo[0] + gap) * (hi[1] - lo[1] + gap) + sum((w + gap) * (h + gap) for w, h in boxes)
    options = []
    for stretch in (1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5):  # shelves fill their rows imperfectly
        right = lo[0] + max(hi[0] - lo[0], stretch * math.sqrt(area * aspect))  # right edge of every row
        out = xy.copy()
        # Shelves beside the largest component (down to its bottom), then full-width shelves below it.
        left, top, floor = hi[0] + gap, hi[1], lo[1]
        cursor, shelf = left, 0.0
        for comp, lc, (w, h) in zip(components[1:], local, boxes):
            if cursor > left and cursor + w > right:  # row full: next shelf
                top -= shelf + gap
                cursor, shelf = left, 0.0
            if floor is not None and (top - h < floor or left + w > right):  # no room beside it: rows below
                left, top, floor = lo[0], lo[1] - gap, None
                cursor, shelf = left, 0.0
            out[comp] = lc + np.array([cursor, top - h])
            cursor += w + gap
            shelf = max(shelf, h)
        options.append(out)
    return min(options, key=lambda points: _width_to_fit(points, aspect))


def _width_to_fit(points: np.ndarray, aspect: float) -> float:
    """Width of the smallest box of the figure's ``aspect`` (width / height) that holds ``points``.

    The smaller it is, the larger the drawing's nodes and labels come out in the figure."""
    w, h = np.ptp(points, axis=0)
    return float(max(w, h * aspect))


def _label_order(kw, occ: np.ndarray, n_labels: int) -> list[int]:
    """Which terms to label, in placement order: each cluster's most frequent term first (so that
    every cluster, however small, is named on the map), then the most frequent of the rest."""
    by_occ = list(np.argsort(-occ, kind="stable"))
    clusters = kw["cluster"].to_numpy()
    heads, seen = [], set()
    for i in by_occ:
        if clusters[i] not in seen:
            seen.add(clusters[i])
            heads.append(int(i))
    rest = [int(i) for i in by_occ if int(i) not in set(heads)]
    return heads + rest[: max(n_labels - len(heads), 0)]


def plot_network(
    net,
    n_labels: int = 40,
    max_links: int = 1000,
    color_by: str = "cluster",
    figsize: tuple[float, float] = (7.2, 6.4),
    title: str | None = None,
    legend_clusters: int = 10,
    view: str | None = None,
    overlay: str | None = None,
    kernel_width: float = 0.035,
):
    """Draw the map; returns a matplotlib Figure (save with :func:`litkit.plot.style.save_figure`).

    Parameters
    ----------
    net : Network
    n_labels : int
        Label the ``n_labels`` largest nodes (all nodes are drawn); the largest node of every cluster
        is labelled first, so that each cluster is named.  Labels never overlap each other or another
        node's marker and are never clipped (:func:`litkit.plot.labels.place_labels`); one with no room
        is left out.
    max_links : int
        Draw at most the ``max_links`` strongest links (by normalised strength).
    color_by : {"cluster", "year"}
        Kept for older code: ``"year"`` is ``view="overlay"``.
    view : {"network", "overlay", "density"}
        VOSviewer's three views: nodes coloured by cluster; nodes coloured by ``overlay`` with a colour
        bar; item density as a smoothed heat image with the labels on it.
    overlay : str, optional
        Numeric node column of the overlay view (default: the network's score, ``avg_year`` for keywords).
    kernel_width : float
        Density view: width of the Gaussian kernel as a fraction of the map's longer side.
    legend_clusters : int, default 10
        Network view: the first this many clusters are named in the legend, each in its colour; the nodes of
        the others are grey (the legend counts them), since the palette's colours repeat.

    Examples
    --------
    >>> fig = net.plot(n_labels=30)                      # doctest: +SKIP
    >>> fig = net.plot(view="overlay", overlay="avg_year")  # doctest: +SKIP
    >>> save_figure(fig, "figures/keyword_map")          # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    from .labels import marker_radii, place_labels

    if len(net) == 0:
        from ..errors import LitkitError

        raise LitkitError(f"nothing to draw: {getattr(net, 'message', '') or 'the network has no nodes'}")
    if color_by not in ("cluster", "year"):
        raise ValueError("color_by must be 'cluster' or 'year'")
    view = view if view is not None else ("overlay" if color_by == "year" else "network")
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    use_style()
    kw = net.nodes
    base = getattr(net, "cluster_base", 1)
    labels = kw["label"].astype(str).tolist()
    require_cjk_font(labels + net.clusters["label"].astype(str).tolist())
    occ = np.asarray(net.sizes, dtype=float)
    xy = drawing_positions(kw[["x", "y"]].to_numpy(dtype=float), net.weights, aspect=figsize[0] / figsize[1])
    fig, ax = plt.subplots(figsize=figsize)
    pad = 0.04 * float(np.ptp(xy, axis=0).max() or 1.0)
    if view == "density":
        pad *= 2.5  # room for the density to fade out around the outermost items
    limits = (xy[:, 0].min() - pad, xy[:, 0].max() + pad, xy[:, 1].min() - pad, xy[:, 1].max() + pad)

    sizes = 12.0 + 420.0 * occ / occ.max()  # marker area (pt²) proportional to occurrences
    if view == "density":
        grid = density_grid(xy, occ, limits, kernel_width=kernel_width * float(np.ptp(xy, axis=0).max() or 1.0))
        ax.imshow(grid, extent=limits, origin="lower", cmap=DENSITY_CMAP, interpolation="bilinear", zorder=0)
        radii = np.full(len(xy), 1.5)  # no markers: labels may sit on their item's spot
    else:
        upper = sp.triu(net.weights, k=1).tocoo()
        if upper.nnz:
            keep = np.argsort(-upper.data, kind="stable")[:max_links]
            rows, cols, w = upper.row[keep], upper.col[keep], upper.data[keep]
            segments = np.stack([xy[rows], xy[cols]], axis=1)
            widths = 0.2 + 1.3 * (w / w.max())
            ax.add_collection(LineCollection(segments, linewidths=widths, colors="#9a9a9a", alpha=0.25, zorder=1))
        if view == "overlay":
            column = overlay or net.score or "avg_year"
            if column not in kw:
                raise ValueError(f"overlay column {column!r} is not a node column ({', '.join(map(str, kw.columns))})")
            values = kw[column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            missing = np.isnan(values)
            if missing.any():
                ax.scatter(*xy[missing].T, s=sizes[missing], c="#c8c8c8", edgecolors="white", linewidths=0.5, zorder=2)
            sc = ax.scatter(
                *xy[~missing].T,
                s=sizes[~missing],
                c=values[~missing],
                cmap=OVERLAY_CMAP,
                edgecolors="white",
                linewidths=0.5,
                zorder=2,
            )
            # Below the map, outside the axes, where it can cover no node or label.
            cax = ax.inset_axes([0.3, -0.07, 0.4, 0.022])
            cbar = fig.colorbar(sc, cax=cax, orientation="horizontal")
            names = {"avg_year": "Average publication year", "year": "Publication year"}
            cbar.set_label(names.get(column, column.replace("_", " ")), fontsize=7)
            cbar.ax.tick_params(labelsize=7)
            # At most five ticks (a wide range in a short bar crowded "2005.0 2007.5 ..." together); years whole.
            from matplotlib.ticker import MaxNLocator, ScalarFormatter

            cbar.locator = MaxNLocator(nbins=5, integer=column in names)
            cbar.formatter = ScalarFormatter(useOffset=False)
            cbar.update_ticks()
        else:
            # Clusters the legend does not list are grey: the palette repeats after 15 colours, and the 86th
            # component of a co-authorship map in #1's colour read as a part of #1.
            listed = set(net.clusters["cluster"].head(legend_clusters).astype(int))
            colors = [_cluster_color(c, base) if int(c) in listed else OTHER_CLUSTERS for c in kw["cluster"]]
            ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="white", linewidths=0.5, zorder=2, alpha=0.9)
        _draw_rings(ax, kw, xy, sizes)
        radii = marker_radii(sizes, fig.dpi)
    ax.set_xlim(limits[0], limits[1])
    ax.set_ylim(limits[2], limits[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    font_sizes = 6.5 + 4.0 * np.sqrt(occ / occ.max())
    order = _label_order(kw, occ, n_labels)
    place_labels(fig, ax, xy, order, labels, radii, font_sizes, centre=True, groups=kw["cluster"].to_numpy())

    if view == "network":
        from matplotlib.lines import Line2D

        handles = []
        for row in net.clusters.head(legend_clusters).itertuples(index=False):
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=6,
                    markerfacecolor=_cluster_color(row.cluster, base),
                    markeredgecolor="white",
                    label=f"#{row.cluster} {row.label} ({row.size})",
                )
            )
        others = ~kw["cluster"].astype(int).isin(net.clusters["cluster"].head(legend_clusters).astype(int))
        if handles and others.any():
            n_others = kw.loc[others, "cluster"].nunique()
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=6,
                    markerfacecolor=OTHER_CLUSTERS,
                    markeredgecolor="white",
                    label=f"{n_others} more cluster{'s' if n_others > 1 else ''} ({int(others.sum())})",
                )
            )
        legend_below(ax, handles)

    caption = (
        f"{len(net)} {'terms' if net.kind == 'keyword' else 'nodes'}, {net.n_links} links, {len(net.clusters)} clusters; "
        f"Q = {net.modularity:.3f}, S = {net.silhouette:.3f}"
    )
    # The pad keeps the title clear of the map.
    ax.set_title(title if title is not None else caption, fontsize=8, loc="left", pad=12)
    return fig


def density_grid(xy: np.ndarray, weights: np.ndarray, limits, kernel_width: float, resolution: int = 300) -> np.ndarray:
    """Item density on a grid over ``limits`` (x0, x1, y0, y1): VOSviewer's density view.

    ``D(p) = sum_i w_i exp(-||p - x_i||^2 / (2 h^2))`` with ``h = kernel_width`` (data units),
    divided by its maximum (so 1 at the densest spot); rows are y (bottom first), columns x.

    Examples
    --------
    >>> g = density_grid(np.array([[0.0, 0.0]]), np.array([1.0]), (-1, 1, -1, 1), 0.2, resolution=5)
    >>> float(g.max()), g.shape
    (1.0, (5, 5))
    """
    x0, x1, y0, y1 = (float(v) for v in limits)
    nx_ = resolution
    ny_ = max(int(round(resolution * (y1 - y0) / max(x1 - x0, 1e-12))), 2)
    gx = np.linspace(x0, x1, nx_)
    gy = np.linspace(y0, y1, ny_)
    h2 = 2.0 * float(kernel_width) ** 2
    w = np.asarray(weights, dtype=float)
    # Separable Gaussian: exp(-(dx^2 + dy^2)/2h^2) = exp(-dx^2/2h^2) exp(-dy^2/2h^2), one matrix product.
    kx = np.exp(-((gx[None, :] - xy[:, 0:1]) ** 2) / h2)  # (n, nx)
    ky = np.exp(-((gy[None, :] - xy[:, 1:2]) ** 2) / h2)  # (n, ny)
    grid = (ky * w[:, None]).T @ kx
    top = grid.max()
    return grid / top if top > 0 else grid


def _tooltip(net, row: dict) -> str:
    """Plain-text tooltip of a node (the keyword map's wording kept as it was)."""
    if net.kind == "keyword":
        year = "" if row["avg_year"] != row["avg_year"] else f", avg. year {row['avg_year']:.1f}"
        return (
            f"{row['label']}\ncluster {row['cluster']}, {row['occurrences']} occurrences, "
            f"total link strength {row['total_link_strength']}{year}"
        )
    lines = [str(row["label"]), f"cluster #{row['cluster']}, {row[net.size]} {net.size}"]
    for column in ("year", "avg_year", "centrality", "burst", "sigma", "lcs", "tc"):
        value = row.get(column)
        if value is not None and value == value:
            lines.append(f"{column}: {round(value, 4) if isinstance(value, float) else value}")
    return "\n".join(lines)


def _draw_rings(ax, nodes, xy: np.ndarray, sizes: np.ndarray) -> None:
    """CiteSpace's rings: purple for betweenness centrality >= 0.1, red for a citation burst."""
    rings = []
    if "centrality" in nodes:
        rings.append((nodes["centrality"].to_numpy(dtype=float) >= 0.1, "#7B2D8E", 1.7))
    if "burst" in nodes:
        rings.append((nodes["burst"].to_numpy(dtype=float) > 0, "#D62728", 1.35))
    for mask, color, grow in rings:
        if mask.any():
            ax.scatter(
                xy[mask, 0],
                xy[mask, 1],
                s=sizes[mask] * grow,
                facecolors="none",
                edgecolors=color,
                linewidths=1.2,
                zorder=1.9,
            )


def to_pyvis(net, scale: float = 600.0):
    """A :class:`pyvis.network.Network` holding the map (positions fixed, physics off)."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    vis = Network(height="100%", width="100%", directed=bool(net.directed), notebook=False, cdn_resources="local")
    kw = net.nodes
    base = getattr(net, "cluster_base", 1)
    sizes = np.asarray(net.sizes, dtype=float)
    occ_max = float(sizes.max()) if len(sizes) and sizes.max() > 0 else 1.0
    # Packed as the figure packs them (small components beside the largest), with the spacing of the
    # page's larger nodes: the page and the figure show the same map.
    xy = _html_positions(net)
    for k, row in enumerate(kw.to_dict("records")):
        vis.add_node(
            int(row["id"]),
            label=str(row["label"]),
            title=_tooltip(net, row),
            x=float(xy[k, 0]) * scale,
            y=-float(xy[k, 1]) * scale,
            size=6.0 + 30.0 * math.sqrt(max(sizes[k], 0.0) / occ_max),
            font={"size": round(14.0 + 30.0 * math.sqrt(max(sizes[k], 0.0) / occ_max), 1)},
            color=_cluster_color(row["cluster"], base),
            physics=False,
        )  # pyvis drops color when group is set
    labels = kw["label"].tolist()
    if net.directed:  # arrows from the citing to the cited node
        m = net.counts.tocoo()
        # (an empty index gives scipy a sparse 1 x 0 matrix, not an array: no links, no lookup)
        weights = np.asarray(net.weights[m.row, m.col]).ravel() if m.nnz else np.zeros(0)
        upper = sp.coo_matrix((weights, (m.row, m.col)), shape=m.shape)
    else:
        upper = sp.triu(net.weights, k=1).tocoo()
    if upper.nnz:
        top = upper.data.max()
        order = np.lexsort((upper.col, upper.row))
        node_ids = set(vis.get_nodes())
        for i, j, w in zip(upper.row[order], upper.col[order], upper.data[order]):
            source, target = int(i + 1), int(j + 1)
            if source not in node_ids or target not in node_ids:
                raise ValueError(f"link {source}-{target} names a node the map does not have")
            # Each pair occurs once here (upper triangle, or one entry per directed link), so pyvis's
            # add_edge duplicate scan over every edge already added (quadratic in links: 3.7 s of the
            # demo's HTML pages) can find nothing; append what add_edge would append.
            edge = Edge(
                source,
                target,
                vis.directed,
                value=float(w),
                width=0.3 + 3.0 * float(w) / top,
                title=f"{labels[i]} - {labels[j]}: strength {w:.3f}",
                color={"color": "#bbbbbb", "opacity": 0.5},
            )
            vis.edges.append(edge.options)
    return vis


def _script_json(value) -> str:
    """JSON safe inside <script>: no '</script>', no HTML comment or entity tricks."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _vis_asset(name: str) -> str:
    text = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")
    # An inlined script must not contain "</script" or "<!--" (HTML's script-data states).
    return text.replace("</script", "<\\/script").replace("<!--", "<\\!--")


_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>{title}</title>
<style>{vis_css}</style>
<style>
html, body {{ margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }}
#header {{ padding: 6px 10px; font-size: 13px; border-bottom: 1px solid #ddd; }}
#map {{ position: absolute; top: 34px; bottom: 0; left: 0; right: 260px; }}
#legend {{ position: absolute; top: 34px; bottom: 0; right: 0; width: 250px; overflow-y: auto; font-size: 12px; padding: 4px 6px; border-left: 1px solid #ddd; }}
#legend div {{ margin: 3px 0; }}
#legend span.dot {{ display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 5px; }}
div.vis-tooltip {{ white-space: pre-wrap; }}
{page_css}</style>
</head>
<body>
<div id="header">{header}</div>
<div id="map"></div>
<div id="legend">{legend}</div>
<script>{vis_js}</script>
<script>
var nodes = new vis.DataSet({nodes});
var edges = new vis.DataSet({edges});
var options = {options};
var network = new vis.Network(document.getElementById("map"), {{nodes: nodes, edges: edges}}, options);
var density = {density};
if (density) {{
  var densityImage = new Image();
  densityImage.onload = function () {{ network.redraw(); }};
  densityImage.src = density.src;
  network.on("beforeDrawing", function (ctx) {{
    if (densityImage.complete) {{ ctx.drawImage(densityImage, density.x, density.y, density.width, density.height); }}
  }});
}}
// The whole map in the first view, labels included: positions are fixed (physics off).  fit() frames
// the nodes only, so after the first drawing (which measures the labels) the view is set to the box
// of every node with its label (getBoundingBox), with a 3 % margin.
network.fit({{animation: false}});
function fitWithLabels() {{
  var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  nodes.getIds().forEach(function (id) {{
    var box = network.getBoundingBox(id);
    left = Math.min(left, box.left); top = Math.min(top, box.top);
    right = Math.max(right, box.right); bottom = Math.max(bottom, box.bottom);
  }});
{fit_density}  if (!isFinite(left)) {{ return; }}
  var map = document.getElementById("map");
  var scale = 0.97 * Math.min(map.clientWidth / Math.max(right - left, 1e-9), map.clientHeight / Math.max(bottom - top, 1e-9));
  network.moveTo({{position: {{x: (left + right) / 2, y: (top + bottom) / 2}}, scale: scale, animation: false}});
}}
network.once("afterDrawing", function () {{
  fitWithLabels();
{zoom_script}  network.once("afterDrawing", function () {{ document.body.setAttribute("data-drawn", "1"); }});
  network.redraw();
}});
</script>
</body>
</html>
"""


# The network and overlay pages' labels on zooming (after the first view is framed with the labels of
# the first view): from the first view's zoom on, a label keeps its CSS px (canvas font and halo divided by
# the zoom) and the labels whose level (html_label_zoom_levels) the zoom has reached are drawn.  Run on the
# "zoom" event (before the frame it asks for) and before every drawing (moveTo, fit, animations: no event).
# The drawn nodes are changed directly (network.body.nodes, vis-network 9.1.2's, inlined with the page):
# nodes.update() refreshes the whole network (value ranges over every link), 0.3 s per step on a map of
# 1,000 terms and 4,600 links, against 10 ms.  The DataSet keeps the first view's labels.
_ZOOM_SCRIPT = """  var zoomLabels = {zoom_labels};
  var labelScale = null, labelShown = {};
  var showZoomLabels = function () {
    var scale = Math.max(network.getScale(), zoomLabels.zoom);
    if (labelScale !== null && Math.abs(scale / labelScale - 1) < 1e-4) { return; }
    labelScale = scale;
    var reached = scale / zoomLabels.zoom * (1 + 1e-9);
    zoomLabels.labels.forEach(function (item) {
      var node = network.body.nodes[item[0]];
      if (item[3] <= reached) {
        labelShown[item[0]] = true;
        node.setOptions({label: item[1], font: {size: item[2] / scale, strokeWidth: zoomLabels.halo / scale}});
      } else if (labelShown[item[0]]) {
        labelShown[item[0]] = false;
        node.setOptions({label: ""});
      }
    });
  };
  showZoomLabels();
  network.on("zoom", showZoomLabels);
  network.on("beforeDrawing", showZoomLabels);
"""


_TITLES = {
    "keyword": "Keyword co-occurrence network",
    "cocitation": "Co-citation network",
    "coupling": "Bibliographic coupling network",
    "citation": "Direct citation network",
    "collaboration": "Collaboration network",
}


def network_html(
    net,
    title: str | None = None,
    scale: float = 600.0,
    view: str = "network",
    overlay: str | None = None,
    kernel_width: float = 0.035,
) -> str:
    """The offline HTML page as a string (see the module text).

    Parameters
    ----------
    net : Network
    title : str, optional
        Page title (default by kind).
    scale : float
        Pixels per map unit; the page fits the whole map in its first view anyway.
    view, overlay, kernel_width
        As in :func:`plot_network`: cluster colours, colours by a numeric node column (legend
        with a colour scale), or the density image under the labels (nodes hidden).  Every view
        uses the network's own x, y (physics off), as the figure does.

    Notes
    -----
    The network and overlay pages label the items as VOSviewer does: heaviest first, the heaviest always,
    a label over a lighter item's dot allowed (labels are drawn after every dot, with a white halo), a
    label that would overlap a kept label or a heavier item's dot left out (the item is still named by
    its tooltip); see :func:`html_label_visibility`.  Font sizes grow with the item's weight,
    :data:`NETWORK_FONT_PX` in CSS px at the zoom that fits the map with its labels into
    :data:`NETWORK_PAGE_BOX` (reached in a window of 1,200 x 900 px or more).  Zooming in beyond that
    zoom keeps every label at its CSS px size (and its halo at :data:`NETWORK_HALO_PX`) while the
    distances grow, and draws more labels, as VOSviewer does: each from its level of
    :data:`NETWORK_ZOOM_LADDER` (:func:`html_label_zoom_levels`: the same rule, the labels of the
    levels before kept), so that no two drawn labels overlap and none covers a heavier item's dot.
    Zooming out below it shrinks the labels with the map, as before.

    The density page is VOSviewer's density view: the heat image with a fade-out margin of a tenth
    of the map's longer side around the outermost items, drawn in the map's own coordinates (it
    moves and zooms with the items), the whole image in the first view, and outside it the colour
    of density zero, so no edge shows.  Each label is centred on its item, its font growing with
    the item's weight (:data:`DENSITY_FONT_PX` in CSS px at the zoom that fits the image into
    :data:`DENSITY_PAGE_BOX`, reached in a window of 1,100 x 800 px or more); a label that would
    overlap a heavier item's label is left out and the item is still named by its tooltip.  The
    nodes have the network page's ids and coordinates.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    title = title if title is not None else _TITLES.get(net.kind, "Network")
    # Fonts scale with the zoom in vis-network, so labels that overlap at one zoom overlap at all:
    # spread larger maps over more canvas units, and drop the labels that would still overlap.
    scale = scale * max(1.0, math.sqrt(len(net) / 25.0))
    vis = to_pyvis(net, scale=scale)
    keep = ("id", "label", "title", "x", "y", "size", "color", "physics", "font")
    nodes = [{k: n[k] for k in keep if k in n} for n in vis.nodes]
    zoom_labels = None
    if view == "density":
        _density_labels(nodes, np.asarray(net.sizes, dtype=float), _density_first_zoom(net, scale))
    else:
        zoom_labels = _network_labels(nodes, np.asarray(net.sizes, dtype=float))
    density = None
    scale_legend = ""
    if view == "overlay":
        column = overlay or net.score or "avg_year"
        if column not in net.nodes:
            raise ValueError(f"overlay column {column!r} is not a node column")
        values = net.nodes[column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        colours, lo, hi = _overlay_colours(values)
        for node, colour in zip(nodes, colours):
            node["color"] = colour
        scale_legend = _scale_legend(column, lo, hi)
    elif view == "density":
        density = _density_image(net, scale, kernel_width)
    edges = (
        []
        if view == "density"
        else [
            {
                "from": e["from"],
                "to": e["to"],
                "value": e.get("value"),
                "width": e.get("width"),
                "title": e.get("title"),
                "color": e.get("color"),
            }
            for e in vis.edges
        ]
    )
    options = {
        "physics": {"enabled": False},
        "nodes": {
            "shape": "dot",
            "font": {"size": 14, "face": "Noto Sans CJK SC, sans-serif"},
            "borderWidth": 1,
            # Labels smaller than 4 px at the current zoom are not drawn (zoom in to see them).
            "scaling": {"label": {"enabled": False, "drawThreshold": 4}},
        },
        "edges": {"smooth": False, "scaling": {"min": 0.3, "max": 3.3}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "multiselect": True},
    }
    if net.directed:
        options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    legend = (
        "".join(
            f'<div><span class="dot" style="background:{_cluster_color(r.cluster, getattr(net, "cluster_base", 1))}"></span>'
            f"#{int(r.cluster)} {html_lib.escape(str(r.label))} ({int(r.size)})</div>"
            for r in net.clusters.itertuples(index=False)
        )
        if view == "network"
        else scale_legend
    )
    header = html_lib.escape(
        f"{title} — {len(net)} {'terms' if net.kind == 'keyword' else 'nodes'}, {len(net.clusters)} clusters, "
        f"Q = {net.modularity:.3f}, S = {net.silhouette:.3f}"
    )
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for lbl in net.labels for ch in lbl) else "en"
    return _TEMPLATE.format(
        lang=lang,
        title=html_lib.escape(title),
        header=header,
        legend=legend,
        vis_css=_vis_asset("vis-network.css"),
        vis_js=_vis_asset("vis-network.min.js"),
        nodes=_script_json(nodes),
        edges=_script_json(edges),
        options=_script_json(options),
        density=_script_json(density),
        # The density page: the map takes the legend's width too (it has no legend) and its background
        # is the colour map's zero, so the image's fade-out runs into the page without an edge.
        page_css=(
            f"#map {{ right: 0; background: {density['background']}; }}\n#legend {{ display: none; }}\n"
            if density
            else ""
        ),
        # ... and its first view frames the whole image (with its fade-out margin) as well as the labels.
        zoom_script=_ZOOM_SCRIPT.replace("{zoom_labels}", _script_json(zoom_labels)) if zoom_labels else "",
        fit_density=(
            "  left = Math.min(left, density.x); top = Math.min(top, density.y);\n"
            "  right = Math.max(right, density.x + density.width); bottom = Math.max(bottom, density.y + density.height);\n"
            if density
            else ""
        ),
    )


def html_label_visibility(nodes: list[dict], sizes: np.ndarray, centre: bool = False) -> np.ndarray:
    """Which node labels the HTML map draws, chosen as VOSviewer chooses them: greedily, heaviest node
    first (ties in node order), a label is kept when its box overlaps no kept label and no dot of a node
    before it in that order; it may cover the dots of lighter nodes (vis-network draws every label after
    every dot).  The heaviest node is always labelled.  Boxes are in canvas units, as vis-network draws a
    dot's label: centred below it; with ``centre=True`` centred on the node, as it draws a ``"text"``
    node's.  Zoom-invariant, since vis-network scales fonts with the map.

    Parameters
    ----------
    nodes : list of dict
        vis-network nodes: ``x``, ``y``, ``size`` (the dot's radius), ``label``, ``font`` (``size``),
        optionally ``margin`` (``centre=True``).
    sizes : array of float
        The nodes' weights (the greedy order).
    centre : bool
        Labels centred on their nodes instead of below their dots.

    Returns
    -------
    numpy.ndarray of bool, one per node.

    Examples
    --------
    >>> nodes = [{"x": 0, "y": 0, "size": 5, "label": "alpha", "font": {"size": 12}},
    ...          {"x": 3, "y": 0, "size": 5, "label": "beta", "font": {"size": 12}}]
    >>> html_label_visibility(nodes, np.array([2.0, 1.0])).tolist()
    [True, False]
    """
    n = len(nodes)
    if n == 0:
        return np.zeros(0, dtype=bool)
    x, y, r, boxes = _label_boxes(nodes, centre)
    shown = np.zeros(n, dtype=bool)
    kept: list[int] = []
    order = np.argsort(-np.asarray(sizes, dtype=float), kind="stable")
    for rank, i in enumerate(order):
        b = boxes[i]
        if kept:
            k = boxes[kept]
            if np.any((k[:, 0] < b[2]) & (b[0] < k[:, 2]) & (k[:, 1] < b[3]) & (b[1] < k[:, 3])):
                continue
        heavier = order[:rank]  # their dots are not covered; lighter nodes' dots may be
        if len(heavier):
            cx = np.clip(x[heavier], b[0], b[2])
            cy = np.clip(y[heavier], b[1], b[3])
            if np.any(np.hypot(x[heavier] - cx, y[heavier] - cy) < r[heavier]):
                continue
        shown[i] = True
        kept.append(int(i))
    return shown


def html_label_zoom_levels(
    nodes: list[dict], sizes: np.ndarray, px: np.ndarray, zoom: float, ladder=NETWORK_ZOOM_LADDER
) -> np.ndarray:
    """From which zoom the network and overlay pages draw each label, as VOSviewer reveals labels when
    zooming in: labels keep their size on screen while distances grow, so more fit.

    The first level (``ladder[0]``, 1: the first view) is :func:`html_label_visibility` of ``nodes`` as
    given.  At each further level ``m`` every label's font is ``px / (zoom * m)`` canvas units (``px`` CSS
    px on screen at the zoom ``zoom * m``), the labels of the levels before stay, and the others are taken
    by the same rule: heaviest first (ties in node order), kept when the box overlaps no label kept at
    this level and no heavier node's dot.  A label's box only shrinks from one level to the next (the
    font shrinks, the box's place below its dot stays), so the labels of a level never overlap at a
    larger zoom either, and the set of labels only grows with the zoom.

    Parameters
    ----------
    nodes : list of dict
        vis-network nodes as for :func:`html_label_visibility` (every label's text, the first view's
        font sizes in canvas units).
    sizes : array of float
        The nodes' weights (the greedy order).
    px : array of float
        Each label's font size in CSS px on screen from the first view's zoom on.
    zoom : float
        The first view's zoom (CSS px per canvas unit).
    ladder : sequence of float
        Increasing multiples of ``zoom``, the first 1.

    Returns
    -------
    numpy.ndarray of float, one per node: the first multiple of ``zoom`` in ``ladder`` from which its label
    is drawn, ``inf`` when it is drawn at none (the item is named by its tooltip).

    Examples
    --------
    >>> nodes = [{"x": 0, "y": 0, "size": 5, "label": "alpha", "font": {"size": 12}},
    ...          {"x": 25, "y": 0, "size": 5, "label": "beta", "font": {"size": 12}}]
    >>> html_label_zoom_levels(nodes, np.array([2.0, 1.0]), np.array([12.0, 12.0]), 1.0).tolist()
    [1.0, 2.0]
    """
    n = len(nodes)
    levels = np.full(n, np.inf)
    if n == 0:
        return levels
    ladder = [float(m) for m in ladder]
    if ladder[0] != 1.0 or any(b <= a for a, b in zip(ladder, ladder[1:])):
        raise ValueError(f"ladder must increase from 1, not {ladder}")
    x, y, r, first = _label_boxes(nodes, centre=False)
    em = np.array([_label_em(str(d.get("label", ""))) for d in nodes])
    px = np.asarray(px, dtype=float)
    order = np.argsort(-np.asarray(sizes, dtype=float), kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    # The pairs that can conflict at all: every level's box lies inside the first view's, so a label box
    # overlapping another's, or covering a heavier dot, at some level does so at the first view.
    li, lj, di, dj = _conflict_pairs(x, y, r, first, rank)
    shown = np.zeros(n, dtype=bool)
    for level, m in enumerate(ladder):
        boxes = first if level == 0 else _below_boxes(x, y, r, em, px / (zoom * m))
        overlap = _boxes_overlap(boxes[li], boxes[lj])
        cover = _box_covers_dot(boxes[di], x[dj], y[dj], r[dj])
        blocked = np.bincount(di[cover], minlength=n) > 0
        neighbours = _grouped(li[overlap], lj[overlap], n)
        for i in order:
            if shown[i] or blocked[i]:
                continue
            if not shown[neighbours[i]].any():
                shown[i] = True
                levels[i] = m
    return levels


def _label_em(text: str) -> float:
    """A label's width in ems (Noto Sans: CJK 1 em, others about 0.58 em)."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.58 for ch in text)


def _below_boxes(x: np.ndarray, y: np.ndarray, r: np.ndarray, em: np.ndarray, font: np.ndarray) -> np.ndarray:
    """Label boxes centred below their dots, as :func:`_label_boxes` estimates them, for the fonts ``font``."""
    width = font * em + 4
    top = y + r + 2
    return np.column_stack([x - width / 2, top, x + width / 2, top + 1.25 * font])


def _boxes_overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, 0] < b[:, 2]) & (b[:, 0] < a[:, 2]) & (a[:, 1] < b[:, 3]) & (b[:, 1] < a[:, 3])


def _box_covers_dot(boxes: np.ndarray, x: np.ndarray, y: np.ndarray, r: np.ndarray) -> np.ndarray:
    cx = np.clip(x, boxes[:, 0], boxes[:, 2])
    cy = np.clip(y, boxes[:, 1], boxes[:, 3])
    return np.hypot(x - cx, y - cy) < r


def _conflict_pairs(x, y, r, boxes, rank, chunk: int = 512):
    """Pairs (i, j) whose label boxes overlap, and pairs whose box i covers the heavier node j's dot, at
    ``boxes``; rows in chunks so that 1,000s of nodes need no n x n float arrays."""
    n = len(x)
    li, lj, di, dj = [], [], [], []
    for start in range(0, n, chunk):
        rows = np.arange(start, min(start + chunk, n))
        b = boxes[rows]
        ov = (
            (b[:, None, 0] < boxes[None, :, 2])
            & (boxes[None, :, 0] < b[:, None, 2])
            & (b[:, None, 1] < boxes[None, :, 3])
            & (boxes[None, :, 1] < b[:, None, 3])
        )
        ov[np.arange(len(rows)), rows] = False
        i, j = np.nonzero(ov)
        li.append(rows[i])
        lj.append(j)
        cx = np.clip(x[None, :], b[:, None, 0], b[:, None, 2])
        cy = np.clip(y[None, :], b[:, None, 1], b[:, None, 3])
        cov = (np.hypot(x[None, :] - cx, y[None, :] - cy) < r[None, :]) & (rank[None, :] < rank[rows][:, None])
        i, j = np.nonzero(cov)
        di.append(rows[i])
        dj.append(j)
    return tuple(np.concatenate(a).astype(np.int64) for a in (li, lj, di, dj))


def _grouped(i: np.ndarray, j: np.ndarray, n: int) -> list[np.ndarray]:
    """``j`` grouped by ``i``: the list's k-th array holds the j of the pairs with i == k."""
    order = np.argsort(i, kind="stable")
    bounds = np.searchsorted(i[order], np.arange(n + 1))
    js = j[order]
    return [js[bounds[k] : bounds[k + 1]] for k in range(n)]


def _label_boxes(nodes: list[dict], centre: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The nodes' x, y, dot radii and label boxes (left, top, right, bottom) in canvas units, as
    :func:`html_label_visibility` estimates vis-network's drawing of them."""
    n = len(nodes)
    x = np.array([float(d["x"]) for d in nodes])
    y = np.array([float(d["y"]) for d in nodes])
    r = np.array([float(d.get("size", 10.0)) for d in nodes])
    boxes = np.zeros((n, 4))
    for i, d in enumerate(nodes):
        font = float(d.get("font", {}).get("size", 14.0))
        text = str(d.get("label", ""))
        if centre:
            # A "text" node's box in vis-network: its label with its margin on each side (font + 2 margins
            # high); capitals are wider than 0.58 em in Noto Sans ("VR", "APP").
            em = sum(1.0 if ord(ch) > 0x2E80 else 0.68 if ch.isupper() else 0.58 for ch in text)
            margin = float(d.get("margin", 2.0))
            half_w, half_h = (font * em) / 2 + margin, 0.625 * font + margin
            boxes[i] = (x[i] - half_w, y[i] - half_h, x[i] + half_w, y[i] + half_h)
            continue
        width = font * sum(1.0 if ord(ch) > 0x2E80 else 0.58 for ch in text) + 4
        top = y[i] + r[i] + 2
        boxes[i] = (x[i] - width / 2, top, x[i] + width / 2, top + 1.25 * font)
    return x, y, r, boxes


def _network_labels(nodes: list[dict], sizes: np.ndarray) -> dict | None:
    """The network and overlay pages' labels, in place: font sizes from :data:`NETWORK_FONT_PX` (CSS px at the
    first view's zoom, growing with the square root of the weight) with a white halo, and only the labels
    :func:`html_label_visibility` keeps (the others emptied: the item is still named by its tooltip).

    The first view fits every dot and kept label into the page (``fitWithLabels``), so its zoom depends on
    the labels' sizes in canvas units (px / zoom), which depend on the zoom.  Starting from the zoom that
    fits the dots alone into :data:`NETWORK_PAGE_BOX`, the zoom that fits the dots and the labels kept at
    the current zoom is taken until it is no smaller than the current one (labels lie mostly inside the
    dots' box, so this settles in a few steps): the page then opens at that zoom or larger.

    Returns what the page needs to reveal labels on zooming in (``showZoomLabels``): that zoom, the halo's
    CSS px, and each label drawn at some zoom with its id, text, CSS px and level
    (:func:`html_label_zoom_levels`); None without nodes."""
    lo, hi = NETWORK_FONT_PX
    weights = np.maximum(np.asarray(sizes, dtype=float), 0.0)
    top = float(weights.max()) if len(weights) and weights.max() > 0 else 1.0
    px = lo + (hi - lo) * np.sqrt(weights / top)
    labels = [str(node["label"]) for node in nodes]

    def place(zoom: float) -> tuple[np.ndarray, float]:
        for node, text, size in zip(nodes, labels, px):
            node["label"] = text
            node["font"] = {
                "size": round(float(size) / zoom, 3),
                "strokeWidth": round(NETWORK_HALO_PX / zoom, 3),
                "strokeColor": "#ffffff",
            }
        shown = html_label_visibility(nodes, weights)
        x, y, r, boxes = _label_boxes(nodes, centre=False)
        left = min((x - r).min(), boxes[shown, 0].min())
        right = max((x + r).max(), boxes[shown, 2].max())
        upper = min((y - r).min(), boxes[shown, 1].min())
        lower = max((y + r).max(), boxes[shown, 3].max())
        return shown, _fit_zoom(right - left, lower - upper)

    if not nodes:
        return None
    x = np.array([float(d["x"]) for d in nodes])
    y = np.array([float(d["y"]) for d in nodes])
    r = np.array([float(d.get("size", 10.0)) for d in nodes])
    zoom = _fit_zoom(np.ptp(np.r_[x - r, x + r]), np.ptp(np.r_[y - r, y + r]))
    for _ in range(20):
        shown, fitted = place(zoom)
        if fitted >= zoom * 0.999:
            break
        zoom = fitted
    else:  # not settled (never seen): the last zoom that fits, labels a little smaller than designed
        shown, _ = place(zoom)
    levels = html_label_zoom_levels(nodes, weights, px, zoom)  # its first level: ``shown``
    for node, keep in zip(nodes, shown):
        if not keep:  # still named by its tooltip
            node["label"] = ""
    return {
        "zoom": round(zoom, 6),
        "halo": NETWORK_HALO_PX,
        # [id, label, CSS px, level]: only the labels drawn at some level; the rest are named by their tooltip.
        "labels": [
            [node["id"], text, round(float(size), 3), float(level)]
            for node, text, size, level in zip(nodes, labels, px, levels)
            if np.isfinite(level)
        ],
    }


def _fit_zoom(width: float, height: float) -> float:
    """CSS px per canvas unit that fits a box of ``width`` x ``height`` canvas units into :data:`NETWORK_PAGE_BOX`."""
    box_w, box_h = NETWORK_PAGE_BOX
    return min(box_w / max(float(width), 1e-9), box_h / max(float(height), 1e-9))


def _overlay_colours(values: np.ndarray):
    """Hex colours of the overlay colour map for ``values`` (grey where missing), and the range used."""
    import matplotlib

    cmap = matplotlib.colormaps[OVERLAY_CMAP]
    ok = ~np.isnan(values)
    lo, hi = (float(values[ok].min()), float(values[ok].max())) if ok.any() else (0.0, 1.0)
    span = hi - lo or 1.0
    colours = [matplotlib.colors.to_hex(cmap((v - lo) / span)) if v == v else "#c8c8c8" for v in values]
    return colours, lo, hi


def _scale_legend(column: str, lo: float, hi: float) -> str:
    """The overlay's colour scale as HTML (a CSS gradient of the colour map, its two ends labelled)."""
    import matplotlib

    cmap = matplotlib.colormaps[OVERLAY_CMAP]
    stops = ", ".join(matplotlib.colors.to_hex(cmap(t)) for t in np.linspace(0, 1, 9))
    names = {"avg_year": "Average publication year", "year": "Publication year"}
    name = html_lib.escape(names.get(column, column.replace("_", " ")))
    return (
        f"<div>{name}</div>"
        f'<div style="height:12px;background:linear-gradient(to right, {stops})"></div>'
        f'<div style="display:flex;justify-content:space-between"><span>{lo:g}</span><span>{hi:g}</span></div>'
    )


def _html_positions(net) -> np.ndarray:
    """Where the HTML page draws the nodes (before scaling to pixels): the nodes and the density image."""
    xy = net.nodes[["x", "y"]].to_numpy(dtype=float)
    return drawing_positions(xy, net.weights, aspect=7.2 / 6.4, spacing=HTML_MARKER_SPACING)


def _density_limits(xy: np.ndarray) -> tuple[float, float, float, float]:
    """The density image's box (x0, x1, y0, y1) in layout units: the items with a margin of a tenth of the
    map's longer side, about three kernel widths, where the heat of the outermost items has faded out
    (the static density view pads its axes as much)."""
    extent = float(np.ptp(xy, axis=0).max() or 1.0)
    pad = 0.1 * extent
    return (
        float(xy[:, 0].min() - pad),
        float(xy[:, 0].max() + pad),
        float(xy[:, 1].min() - pad),
        float(xy[:, 1].max() + pad),
    )


def _density_first_zoom(net, scale: float) -> float:
    """The zoom (CSS px per canvas unit) at which the density page's image just fits :data:`DENSITY_PAGE_BOX`."""
    x0, x1, y0, y1 = _density_limits(_html_positions(net))
    box_w, box_h = DENSITY_PAGE_BOX
    return min(box_w / max((x1 - x0) * scale, 1e-12), box_h / max((y1 - y0) * scale, 1e-12))


def _density_labels(nodes: list[dict], sizes: np.ndarray, zoom: float) -> None:
    """The density page's nodes, in place: no dot (the image shows where the items are), the label centred
    on its item as VOSviewer draws it, its font growing with the item's weight from
    :data:`DENSITY_FONT_PX`'s smaller to its larger size at the first view's ``zoom`` (CSS px per canvas
    unit; sizes, halo and margin are in canvas units), and only the labels that overlap no larger item's
    label (:func:`html_label_visibility`)."""
    lo, hi = DENSITY_FONT_PX
    top = float(sizes.max()) if len(sizes) and sizes.max() > 0 else 1.0
    for node, weight in zip(nodes, sizes):
        node["shape"] = "text"
        node["size"] = 0.0
        node["margin"] = round(2.0 / zoom, 3)
        node["color"] = {"background": "rgba(0,0,0,0)", "border": "rgba(0,0,0,0)"}
        size = (lo + (hi - lo) * math.sqrt(max(float(weight), 0.0) / top)) / zoom
        node["font"] = {
            "size": round(size, 3),
            "color": "#111111",
            "strokeWidth": round(3.0 / zoom, 3),
            "strokeColor": "#ffffff",
        }
    for node, shown in zip(nodes, html_label_visibility(nodes, sizes, centre=True)):
        if not shown:  # still named by its tooltip
            node["label"] = ""


def _density_image(net, scale: float, kernel_width: float) -> dict:
    """The density view's image as a PNG data URI, its place in the page's coordinates and the colour of
    density zero (the page's background)."""
    import base64
    import io

    import matplotlib
    import matplotlib.pyplot as plt

    xy = _html_positions(net)  # the nodes' own positions on the page, so the image lies under them
    extent = float(np.ptp(xy, axis=0).max() or 1.0)
    limits = _density_limits(xy)
    grid = density_grid(xy, np.asarray(net.sizes, dtype=float), limits, kernel_width * extent, resolution=500)
    buffer = io.BytesIO()
    # Page y grows downwards: the grid's first row (lowest y) goes to the bottom of the image.
    plt.imsave(buffer, grid[::-1], cmap=DENSITY_CMAP, format="png", vmin=0.0, vmax=1.0)
    return {
        "src": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"),
        "x": limits[0] * scale,
        "y": -limits[3] * scale,
        "width": (limits[1] - limits[0]) * scale,
        "height": (limits[3] - limits[2]) * scale,
        "background": matplotlib.colors.to_hex(matplotlib.colormaps[DENSITY_CMAP](0.0)),
    }


def write_network_html(net, path: str | Path, overwrite: bool = False, **kwargs) -> Path:
    """Write :func:`network_html` to ``path`` atomically; an existing file is replaced only with ``overwrite=True``."""
    return write_text(path, network_html(net, **kwargs), overwrite=overwrite)
