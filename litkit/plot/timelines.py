"""Drawing the tables of :mod:`litkit.timelines`: annual production, keyword timeline, time zone,
thematic map and thematic evolution (the policy timeline is drawn by :mod:`litkit.plot.policy`).

Each function takes the table(s) a :mod:`litkit.timelines` function returns and
gives back a matplotlib Figure; :func:`litkit.plot.style.save_figure` writes it as PNG/SVG/PDF.

Examples
--------
>>> from litkit import timelines                                       # doctest: +SKIP
>>> from litkit.plot.timelines import plot_production                  # doctest: +SKIP
>>> from litkit.plot.style import save_figure                          # doctest: +SKIP
>>> fig = plot_production(timelines.annual_production(corpus))          # doctest: +SKIP
>>> save_figure(fig, "figures/production", close=True)                 # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from ..errors import LitkitError
from .style import BAR_GREY, PALETTE, require_cjk_font, text_width_pt, use_style

_DB_COLOURS = {"CNKI": PALETTE[3], "WoS": PALETTE[0], "Scopus": PALETTE[1]}


# The yellow is unreadable as text on white; black reads as "no data" among the hues (and hides the
# text drawn on a block).
_READABLE = tuple(c for c in PALETTE if c not in ("#F0E442", "#000000"))
_HALO = [patheffects.withStroke(linewidth=2.5, foreground="white")]  # text over lines and bands


def _colour(i: int) -> str:
    return _READABLE[i % len(_READABLE)]


# ---------------------------------------------------------------------------------------------
# annual production
# ---------------------------------------------------------------------------------------------
def plot_production(table: pd.DataFrame, growth: bool = True, title: str | None = None):
    """Annual scientific production: total records as bars, one line per database, growth rate.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`litkit.timelines.annual_production`.
    growth : bool, default True
        Draw the year-on-year growth of the total (%) on a second axis.
    title : str, optional
        Default: "Annual scientific production" with the CAGR when known.
    """
    if "year" not in table.columns or "total" not in table.columns:
        raise LitkitError(
            "the production table needs 'year' and 'total' columns",
            expected="the output of litkit.timelines.annual_production",
        )
    databases = [c for c in table.columns if c not in ("year", "total", "growth")]
    require_cjk_font(databases + [title or ""])
    use_style()
    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    years = table["year"].to_numpy()
    ax.bar(years, table["total"], color=BAR_GREY, width=0.8, label="All records", zorder=1)
    for i, db in enumerate(databases):
        ax.plot(
            years,
            table[db],
            marker="o",
            markersize=3,
            linewidth=1.4,
            color=_DB_COLOURS.get(db, _colour(i + 4)),
            label=db,
            zorder=3,
        )
    ax.set_xlabel("Publication year")
    ax.set_ylabel("Records")
    ax.set_ylim(bottom=0)
    handles, labels = ax.get_legend_handles_labels()
    if growth and "growth" in table.columns and table["growth"].notna().any():
        ax2 = ax.twinx()
        ax2.plot(
            years,
            table["growth"],
            linestyle="--",
            linewidth=1.0,
            color="black",
            label="Growth of all (%)",
            zorder=2,
        )
        ax2.axhline(0, color="black", linewidth=0.4)
        ax2.set_ylabel("Growth on previous year (%)")
        ax2.spines["right"].set_visible(True)
        h2, l2 = ax2.get_legend_handles_labels()
        handles, labels = handles + h2, labels + l2
    ax.legend(
        handles,
        labels,
        frameon=False,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=min(len(labels), 5),
        fontsize="small",
    )
    if len(years) and years.max() - years.min() <= 25:
        ax.set_xticks(years[:: max(1, len(years) // 12)])
    if title is None:
        title = "Annual scientific production"
        rate = table.attrs.get("cagr")
        if rate is not None and np.isfinite(rate):
            title += f" (CAGR {rate:.1f}% per year)"
    ax.set_title(title, pad=22)
    return fig


# ---------------------------------------------------------------------------------------------
# timeline and time zone
# ---------------------------------------------------------------------------------------------
def _display_map(display) -> dict[str, str]:
    """Case-folded keyword -> display form, from a mapping or a keyword table.

    A :class:`~litkit.network.KeywordNetwork` ``keywords`` table carries the
    display form (most frequent surface form, e.g. "REDD+") in ``keyword`` and
    the matching key in ``term``; both are accepted as keys.
    """
    if display is None:
        return {}
    if isinstance(display, pd.DataFrame):
        if "keyword" not in display.columns:
            raise LitkitError(
                "the display table needs a 'keyword' column", expected="e.g. KeywordNetwork.keywords (keyword, term)"
            )
        shown = display["keyword"].astype(str).tolist()
        out = {}
        for key_col in [c for c in ("term", "keyword") if c in display.columns]:
            for key, label in zip(display[key_col].astype(str), shown):
                out.setdefault(key.casefold(), label)
        return out
    return {str(k).casefold(): str(v) for k, v in dict(display).items()}


_TIMELINE_FONT = 7.5  # keyword labels, points: still >= 6.5 pt when the figure is printed 7 in wide
_LANE_IN = 0.165  # vertical distance between label rows, inches


def plot_keyword_timeline(
    table: pd.DataFrame,
    title: str | None = "Keyword timeline",
    years: tuple[int, int] | None = None,
    display=None,
    width: float = 10.0,
):
    """CiteSpace-style timeline view: one horizontal line per cluster, keywords at their first year.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`litkit.timelines.keyword_timeline` (cluster, cluster_label,
        keyword, first_year, occurrences).  A ``label`` column, if present,
        gives the text shown for each keyword.
    years : (int, int), optional
        x-axis span (default: the table's first years).
    display : mapping or DataFrame, optional
        Keyword -> text shown, matched case-insensitively: a dict, or a table
        with ``keyword`` (shown) and ``term`` (key) columns such as
        ``KeywordNetwork.keywords``, so that the timeline shows "REDD+" and
        "InVEST model" as the map does rather than the lower-cased keys.
        Cluster labels (``"#1 carbon sink"``) are mapped too.
    width : float, default 10
        Figure width in inches.

    Notes
    -----
    Label widths are measured with the renderer.  Within a cluster each
    keyword (in time order) takes the nearest label row, alternating above and
    below the line, where it overlaps no earlier label; when every row is taken
    a new row is added, and the cluster's band grows to hold it, so labels
    never overlap.

    Examples
    --------
    >>> table = keyword_timeline(wos, clusters=net.keywords[["keyword", "cluster"]])   # doctest: +SKIP
    >>> fig = plot_keyword_timeline(table, display=net.keywords)                      # doctest: +SKIP
    """
    needed = {"cluster", "cluster_label", "keyword", "first_year", "occurrences"}
    if not needed <= set(table.columns):
        raise LitkitError(
            f"the timeline table lacks columns {sorted(needed - set(table.columns))}",
            expected="the output of litkit.timelines.keyword_timeline",
        )
    shown = _display_map(display)

    def show(key) -> str:
        return shown.get(str(key).casefold(), str(key))

    texts = [str(v) for v in table["label"]] if "label" in table.columns else [show(k) for k in table["keyword"]]
    cluster_texts = {}
    for cluster, label in zip(table["cluster"], table["cluster_label"]):
        head, sep, rest = str(label).partition(" ")
        cluster_texts[cluster] = f"{head} {show(rest)}" if sep and head.startswith("#") else show(label)
    require_cjk_font(texts + list(cluster_texts.values()) + [title or ""])
    order = table.attrs.get("cluster_order") or list(dict.fromkeys(table["cluster"]))
    order = [c for c in order if c in set(table["cluster"])] or list(dict.fromkeys(table["cluster"]))
    first = int(years[0]) if years else int(table["first_year"].min()) if len(table) else 2000
    last = int(years[1]) if years else int(table["first_year"].max()) if len(table) else 2001
    span = max(last - first, 1)
    use_style()
    fig, ax = plt.subplots(figsize=(width, 4.0))
    # Horizontal scale: measure the cluster labels (right margin) and keyword labels, then fix the
    # x range so that years-per-point is known exactly before any label is placed.
    label_pt = max((text_width_pt(fig, t, "small", fontweight="bold") for t in cluster_texts.values()), default=0.0)
    widths_pt = [text_width_pt(fig, t, _TIMELINE_FONT) for t in texts]
    axes_pt = ax.get_position().width * width * 72.0
    # x_left .. x_right must hold the years, half a label left of the first year, and the cluster label.
    half_first = max((w / 2 for w, y in zip(widths_pt, table["first_year"]) if int(y) == first), default=0.0)
    # Years per point (ypp) so that [first - 0.5 - half label, last + 0.7 + cluster label] fills the axes.
    margin_pt = half_first + label_pt + 8.0
    ypp = (last + 1.2 - first) / max(axes_pt - margin_pt, axes_pt * 0.3)
    x_left = first - 0.5 - half_first * ypp
    x_label = last + 0.7
    x_right = x_label + (label_pt + 8.0) * ypp
    ypp = (x_right - x_left) / axes_pt  # final scale
    gap = 6.0 * ypp  # at least 6 pt between neighbouring labels of a row

    layout = []  # (row, cluster, [(year, text, occ, lane)])
    bands = []  # (lanes above, lanes below)
    for cluster in order:
        group = table[table["cluster"] == cluster]
        lane_end: dict[int, float] = {}
        placed = []
        for idx, year, occ in zip(group.index, group["first_year"], group["occurrences"]):
            pos = table.index.get_loc(idx)
            text, half = texts[pos], widths_pt[pos] / 2 * ypp
            k = 1
            while True:  # lanes nearest first: -1, 1, -2, 2, ...; a new one when all are taken
                lane = -((k + 1) // 2) if k % 2 else k // 2
                if lane_end.get(lane, -np.inf) + gap <= year - half:
                    break
                k += 1
            lane_end[lane] = year + half
            placed.append((int(year), text, float(occ), lane))
        above = max([-la for *_, la in placed if la < 0], default=1)
        below = max([la for *_, la in placed if la > 0], default=1)
        bands.append((above, below))
        layout.append((cluster, placed))
    # Vertical layout in lane units: each band holds its rows plus the line and a gap.
    centres, y = [], 0.0
    for above, below in bands:
        y += above + 0.6
        centres.append(y)
        y += below + 0.6 + 0.8
    total = max(y - 0.8, 1.0)
    fig.set_size_inches(width, 0.95 + _LANE_IN * total)
    top_occ = float(table["occurrences"].max()) if len(table) else 1.0
    for row, (cluster, placed) in enumerate(layout):
        colour = _colour(row)
        yc = centres[row]
        ax.plot([first, last + 0.5], [yc, yc], color=colour, linewidth=1.0, alpha=0.6, zorder=1)
        ax.text(
            x_label,
            yc,
            cluster_texts[cluster],
            va="center",
            ha="left",
            color=colour,
            fontweight="bold",
            fontsize="small",
        )
        for year, text, occ, lane in placed:
            size = 12 + 140 * np.sqrt(occ / top_occ)
            ax.scatter([year], [yc], s=size, color=colour, edgecolor="white", linewidth=0.5, zorder=3)
            ax.text(year, yc + lane, text, ha="center", va="center", fontsize=_TIMELINE_FONT, zorder=4)
    ax.set_ylim(total, 0)
    ax.set_xlim(x_left, x_right)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.spines["bottom"].set_bounds(x_left, last + 0.5)  # no year axis under the cluster names
    ax.set_xlabel("Year of first appearance")
    step = max(1, int(np.ceil(span / 10)))
    ax.set_xticks(range(first, last + 1, step))
    if title:
        ax.set_title(title)
    return fig


def plot_time_zone(zone, max_links: int = 150, title: str | None = "Keyword time zones"):
    """CiteSpace-style time-zone view: keywords stacked in the column of their first year.

    Parameters
    ----------
    zone : litkit.timelines.TimeZone
        ``nodes`` and ``links`` from :func:`litkit.timelines.time_zone`.
    max_links : int, default 150
        Draw the strongest links only.
    """
    nodes, links = zone.nodes, zone.links
    # Nodes are keyed by the normalised keyword (vr, citespace); the figure shows the map's label (VR, CiteSpace).
    shown = dict(zip(nodes["keyword"], nodes["label"] if "label" in nodes else nodes["keyword"]))
    require_cjk_font([str(v) for v in shown.values()] + [title or ""])
    use_style()
    found = sorted(set(int(y) for y in nodes["first_year"])) or [2000]
    years = list(range(found[0], found[-1] + 1))  # one equal-width zone per year, empty ones included
    depth = int(nodes.groupby("first_year").size().max()) if len(nodes) else 1
    # About 1.3 inches per zone leaves room for a label of ~18 characters.
    width = min(max(6.0, 1.3 * len(years) + 1.0), 30.0)
    fig, ax = plt.subplots(figsize=(width, 1.2 + 0.32 * depth))
    position = {}
    top_occ = float(nodes["occurrences"].max()) if len(nodes) else 1.0
    for year, group in nodes.groupby("first_year", sort=True):
        for k, kw in enumerate(group["keyword"]):
            position[kw] = (int(year), k)
    strongest = float(links["cooccurrences"].max()) if len(links) else 1.0
    for src, dst, w in links.head(max_links).itertuples(index=False):
        (x0, y0), (x1, y1) = position[src], position[dst]
        ax.plot(
            [x0, x1],
            [y0, y1],
            color="#999999",
            alpha=0.25 + 0.5 * w / strongest,
            linewidth=0.3 + 1.2 * w / strongest,
            zorder=1,
        )
    for i, year in enumerate(years):
        if i % 2 == 0:
            ax.add_patch(Rectangle((year - 0.5, -1), 1, depth + 1, facecolor="#F2F2F2", edgecolor="none", zorder=0))
    ax.set_xlim(years[0] - 0.5, years[-1] + 1.2)
    # A label runs from its node to the next zone's nodes (0.85 of a zone): wider ones are wrapped, then made
    # smaller, so that "greenhouse gas emission" no longer runs over its neighbour's node and label.
    room_pt = 0.85 * ax.get_position().width * width * 72.0 / (years[-1] + 1.7 - years[0])
    for kw, (year, k) in position.items():
        occ = float(nodes.loc[nodes["keyword"] == kw, "occurrences"].iloc[0])
        ax.scatter([year], [k], s=10 + 90 * np.sqrt(occ / top_occ), color=PALETTE[0], zorder=2)
        text, size = _fit_zone_label(str(shown[kw]), room_pt, 7.0, fig)
        ax.text(year + 0.08, k, text, fontsize=size, va="center", ha="left", zorder=3, linespacing=0.95)
    ax.set_ylim(depth, -1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xticks(years)
    ax.tick_params(axis="x", labelrotation=90 if len(years) > 12 else 0)
    ax.set_xlabel("Year of first appearance")
    if title:
        ax.set_title(title)
    return fig


def _fit_zone_label(text: str, room_pt: float, size: float, fig) -> tuple[str, float]:
    """``text`` and its font size fitted to ``room_pt`` points: as is, else on two lines broken at a space,
    else (one long word, a CJK term) in a smaller font, never below 4 pt."""

    def width(candidate: str, points: float) -> float:
        return text_width_pt(fig, candidate, points)

    if width(text, size) <= room_pt:
        return text, size
    words = text.split(" ")
    two = [" ".join(words[:i]) + "\n" + " ".join(words[i:]) for i in range(1, len(words))]
    best = min(two, key=lambda t: width(t, size)) if two else text
    widest = width(best, size)
    return best, size if widest <= room_pt else max(size * room_pt / widest, 4.0)


# ---------------------------------------------------------------------------------------------
# thematic map and evolution
# ---------------------------------------------------------------------------------------------
def plot_thematic_map(themes: pd.DataFrame, title: str | None = "Thematic map", use_ranks: bool = False):
    """Strategic diagram: centrality (x) against density (y), one bubble per theme, four quadrants.

    Parameters
    ----------
    themes : pandas.DataFrame
        ``ThematicMap.themes`` from :func:`litkit.timelines.thematic_map`.
    use_ranks : bool, default False
        Plot the ranks of centrality and density (as bibliometrix) instead of the values.
    """
    if themes.empty:
        raise LitkitError("the thematic map has no theme to draw")
    require_cjk_font(list(themes["label"].astype(str)) + [title or ""])
    xcol, ycol = ("rank_centrality", "rank_density") if use_ranks else ("centrality", "density")
    x, y = themes[xcol].astype(float).to_numpy(), themes[ycol].astype(float).to_numpy()
    xm, ym = float(np.median(x)), float(np.median(y))
    use_style()
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    occ = themes["occurrences"].astype(float).to_numpy()
    sizes = 80 + 1400 * np.sqrt(occ / occ.max())
    names = _shared_position_names(x, y, themes["label"].astype(str).tolist(), occ)
    labels = []
    for i, (xi, yi, label) in enumerate(zip(x, y, names)):
        ax.scatter([xi], [yi], s=sizes[i], color=_colour(i), alpha=0.55, edgecolor="white", zorder=2)
        labels.append(ax.text(xi, yi, label, ha="center", va="center", fontsize="small", zorder=3, path_effects=_HALO))
    # Median lines under the bubbles and their (haloed) labels, so no label is struck through.
    ax.axvline(xm, color="black", linewidth=0.6, linestyle="--", zorder=1)
    ax.axhline(ym, color="black", linewidth=0.6, linestyle="--", zorder=1)
    pad_x = (x.max() - x.min()) * 0.15 or 1.0
    pad_y = (y.max() - y.min()) * 0.15 or 1.0
    ax.set_xlim(x.min() - pad_x, x.max() + pad_x)
    ax.set_ylim(y.min() - pad_y, y.max() + pad_y)
    corners = [
        ("Niche themes", 0.02, 0.98, "left", "top"),
        ("Motor themes", 0.98, 0.98, "right", "top"),
        ("Emerging or\ndeclining themes", 0.02, 0.02, "left", "bottom"),
        ("Basic themes", 0.98, 0.02, "right", "bottom"),
    ]
    placed = [
        ax.text(cx, cy, text, transform=ax.transAxes, ha=ha, va=va, color="#666666", fontstyle="italic")
        for text, cx, cy, ha, va in corners
    ]
    _clear_corners(ax, placed, [(cx, cy) for _, cx, cy, _, _ in corners], np.column_stack([x, y]), sizes)
    _separate_labels(ax, labels, np.column_stack([x, y]), sizes, occ, placed)
    ax.set_xlabel("Relevance degree (Callon centrality" + (", rank)" if use_ranks else ")"))
    ax.set_ylabel("Development degree (Callon density" + (", rank)" if use_ranks else ")"))
    if title:
        ax.set_title(title)
    return fig


def _shared_position_names(x, y, names: list[str], occurrences) -> list[str]:
    """Theme labels; those of themes drawn at the very same point are one block (three names a line, 、
    between them) on the largest.

    Single-keyword themes share centrality 0 and density 0 (seven of them on a CNKI map): no place beside
    the point can hold seven labels, one block names them all.
    """
    out = list(names)
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(np.round(x, 9), np.round(y, 9))):
        groups.setdefault(key, []).append(i)
    for members in groups.values():
        if len(members) > 1:
            members = sorted(members, key=lambda i: (-float(occurrences[i]), i))
            shared = [names[i] for i in members]
            out[members[0]] = "\n".join("、".join(shared[k : k + 3]) for k in range(0, len(shared), 3))
            for i in members[1:]:
                out[i] = ""
    return out


def _separate_labels(ax, texts, centres, sizes, occurrences, corner_texts) -> None:
    """Move each theme label that overprints the label of a larger theme beside its bubble.

    Themes of nearly equal centrality and density sit on one another (a CNKI map printed
    "Mac质量标志物ing" for "Machine learning" and 质量标志物): the labels are kept on their bubbles,
    largest theme first, and those that would overprint a kept one are placed beside their bubbles by
    :func:`litkit.plot.labels.place_labels` (leader lines, no overlap, not over the quadrant names).  A map
    without such a pair is left as it was.
    """
    from .labels import marker_radii, place_labels

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    kept, moved = [], []
    for i in np.argsort(-np.asarray(occurrences, dtype=float), kind="stable"):
        if not texts[i].get_text():
            continue  # named in the block of a theme at the same point
        box = texts[i].get_window_extent(renderer)
        if any(box.overlaps(other) for other in kept):
            moved.append(int(i))
        else:
            kept.append(box)
    if not moved:
        return
    size = texts[moved[0]].get_fontsize()
    names = [t.get_text() for t in texts]
    for i in moved:
        texts[i].remove()
    taken = kept + [t.get_window_extent(renderer) for t in corner_texts]
    radii = marker_radii(sizes, fig.dpi)
    place_labels(fig, ax, centres, moved, names, radii, np.full(len(texts), size), taken=taken, halo=2.5)


def _clear_corners(ax, corner_texts, anchors, centres, sizes, steps: int = 12) -> None:
    """Widen the axes on the side of a quadrant name a bubble or theme label covers, until none does.

    The names sit in the corners (axes coordinates) and the bubbles keep their size in points (``sizes``:
    scatter areas in points²), so widening the data range moves the bubbles away; a map where no name is
    covered is left as it was.
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    radii = np.sqrt(np.asarray(sizes, dtype=float)) / 2 * fig.dpi / 72.0  # pixels
    for _ in range(steps):
        marks = [
            Bbox.from_extents(px - r, py - r, px + r, py + r)
            for (px, py), r in zip(ax.transData.transform(centres), radii)
        ]
        marks += [t.get_window_extent(renderer) for t in ax.texts if t not in corner_texts]
        covered = [
            anchor
            for text, anchor in zip(corner_texts, anchors)
            if any(text.get_window_extent(renderer).overlaps(m) for m in marks)
        ]
        if not covered:
            return
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        dx, dy = 0.08 * (x1 - x0), 0.08 * (y1 - y0)
        for cx, cy in covered:
            x0, x1 = (x0 - dx, x1) if cx < 0.5 else (x0, x1 + dx)
            y0, y1 = (y0 - dy, y1) if cy < 0.5 else (y0, y1 + dy)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)


def plot_thematic_evolution(
    evolution, title: str | None = "Thematic evolution", gap: float = 0.02, max_themes: int | None = 10
):
    """Alluvial (Sankey) diagram of themes across periods, linked by the inclusion index.

    Each period is a column; each theme a block whose height is proportional
    to its keywords' occurrences.  A band joins a theme to a theme of the next
    period when they share keywords; its width is proportional to the
    inclusion index, split over each block's outgoing (left) and incoming
    (right) bands, and it has the colour of the theme it leaves.

    Colours follow theme lineages.  A theme continues the lineage of an earlier
    theme with the same label; otherwise that of the previous period's theme
    whose main flow (its band of largest inclusion) goes to it when that band is
    also the theme's own main incoming flow; otherwise it starts a lineage.  A
    lineage keeps one colour in every period, and the lineages get the 15
    colours of the palette in the order they start (earliest period, largest
    theme first), one each.  Only when there are more lineages than colours
    does a later lineage reuse one: the colour fewest of the lineages it meets
    have (first counting neighbouring blocks of a column and themes joined by a
    band, then any theme of the same period, then the periods in which
    lineages have themes next to or in its own).

    Every block is labelled, to its right.  When the labels of a column do not
    fit beside their blocks (small themes), they are moved apart vertically,
    as little as possible and in the blocks' order, and each moved label is
    joined to its block by a thin leader line; leader lines run in the strip
    between the blocks and the labels, so they cross no label, no block and
    no other leader line.  A label wider than the room up to the next column
    is wrapped onto two lines and, if still too wide, set smaller; a column
    whose labels do not fit at 5 pt makes the figure taller.  No label
    overlaps another label or a block, and none is clipped.

    Parameters
    ----------
    evolution : litkit.timelines.ThematicEvolution
    title : str or None
    gap : float
        Space between the blocks of a column, as a fraction of the column's height.
    max_themes : int or None, default 10
        Draw the largest themes of each period only (by occurrences); bands
        to themes left out are not drawn.  The tables keep every theme.

    Returns
    -------
    matplotlib.figure.Figure
        Each block (a Rectangle), label (a Text) and leader line carries ``litkit_theme``, the
        ``(period index, cluster)`` it belongs to.

    Examples
    --------
    >>> from litkit.timelines import thematic_evolution                          # doctest: +SKIP
    >>> fig = plot_thematic_evolution(thematic_evolution(corpus, [(2000, 2012), (2013, 2024)]))  # doctest: +SKIP
    """
    periods, maps, links = evolution.periods, evolution.maps, evolution.links
    if max_themes is not None:
        maps = [
            type(m)(
                m.themes.sort_values(["occurrences", "label"], ascending=[False, True], kind="mergesort").head(
                    max_themes
                ),
                m.keywords,
            )
            for m in maps
        ]
    labels = [str(v) for m in maps for v in m.themes["label"]]
    require_cjk_font(labels + [title or ""])
    use_style()
    fig, ax = plt.subplots(figsize=(2.6 * len(periods) + 1.0, 5.0))
    block_w = 0.12
    period_names = [f"{a}-{b}" for a, b in periods]
    columns: list[list[tuple[object, str, float, float]]] = []  # per period: (cluster, label, y0, height)
    blocks: dict[tuple[int, object], tuple[float, float]] = {}  # (period index, cluster) -> (y0, height)
    for p, m in enumerate(maps):
        themes = m.themes
        column = []
        total = float(themes["occurrences"].sum()) if len(themes) else 1.0
        free = 1.0 - gap * (len(themes) - 1)
        y = 0.0
        for cluster, label, occ in zip(themes["cluster"], themes["label"], themes["occurrences"]):
            h = free * float(occ) / total
            blocks[(p, cluster)] = (y, h)
            column.append((cluster, str(label), y, h))
            y += h + gap
        columns.append(column)
    # The bands drawn: links between two drawn themes of consecutive periods.
    drawn = []
    if len(links):
        for row in links.sort_values(["from_period", "from_cluster", "to_cluster"], kind="mergesort").itertuples():
            p = period_names.index(row.from_period)
            src, dst = (p, row.from_cluster), (p + 1, row.to_cluster)
            if src in blocks and dst in blocks:
                drawn.append((src, dst, float(row.inclusion), row))
    colour_of = _lineage_colours(columns, drawn)
    for p, column in enumerate(columns):
        for cluster, _label, y0, h in column:
            patch = ax.add_patch(
                Rectangle(
                    (p - block_w / 2, y0), block_w, h, facecolor=colour_of[(p, cluster)], edgecolor="none", zorder=3
                )
            )
            patch.litkit_theme = (p, cluster)
    if drawn:
        out_total = links.groupby(["from_period", "from_cluster"])["inclusion"].sum()
        in_total = links.groupby(["to_period", "to_cluster"])["inclusion"].sum()
        out_used: dict = {}
        in_used: dict = {}
        for src, dst, inclusion, row in drawn:
            p = src[0]
            (sy, sh), (dy, dh) = blocks[src], blocks[dst]
            s_share = sh * inclusion / out_total[(row.from_period, row.from_cluster)]
            d_share = dh * inclusion / in_total[(row.to_period, row.to_cluster)]
            s0 = sy + out_used.get(src, 0.0)
            d0 = dy + in_used.get(dst, 0.0)
            out_used[src] = out_used.get(src, 0.0) + s_share
            in_used[dst] = in_used.get(dst, 0.0) + d_share
            _band(ax, p + block_w / 2, s0, s_share, p + 1 - block_w / 2, d0, d_share, colour_of[src])
    for p, name in enumerate(period_names):
        ax.text(p, -0.05, name, ha="center", va="top", fontweight="bold").litkit_period = True
    ax.set_xlim(-0.4, len(periods) - 1 + 0.9)
    ax.set_ylim(1.02, -0.12)
    ax.axis("off")
    if title:
        ax.set_title(title)
    _label_blocks(fig, ax, columns, block_w)
    return fig


# Labels of the thematic evolution: their left edge this far right of their block (data units, a column is
# 1 wide): close beside it, or, in a column with leader lines, further off, the strip in between holding the
# leader lines; the white box's padding (fraction of the font size).
_EVOLUTION_LABEL_OFFSETS = (0.03, 0.07)
_EVOLUTION_LABEL_PAD = 0.2
_EVOLUTION_MIN_FONT = 5.0


def _lineage_colours(columns, drawn) -> dict:
    """Colour of every block ``(period, cluster)``: one per theme lineage (rule in plot_thematic_evolution)."""
    lineage: dict = {}
    by_label: dict[str, int] = {}
    count = 0
    for p, column in enumerate(columns):
        used: set[int] = set()
        # Same label as an earlier theme (the most recent one): the same theme to a reader.
        for cluster, label, _, _ in column:
            known = by_label.get(label)
            if known is not None and known not in used:
                lineage[(p, cluster)] = known
                used.add(known)
        # The main flow, both ways, from the previous period.
        flows = [(src, dst, w) for src, dst, w, _ in drawn if dst[0] == p]
        main_out: dict = {}
        main_in: dict = {}
        for src, dst, w in flows:  # ties: the first band (sorted by cluster) stays
            if src not in main_out or w > main_out[src][1]:
                main_out[src] = (dst, w)
            if dst not in main_in or w > main_in[dst][1]:
                main_in[dst] = (src, w)
        for cluster, _label, _, _ in column:
            key = (p, cluster)
            if key in lineage:
                continue
            src = main_in.get(key, (None, 0))[0]
            if src is not None and main_out[src][0] == key and lineage[src] not in used:
                lineage[key] = lineage[src]
            else:
                lineage[key] = count
                count += 1
            used.add(lineage[key])
        for cluster, label, _, _ in column:
            by_label[label] = lineage[(p, cluster)]
    # Lineages that meet: themes in the same period (strong when neighbours in the column), or joined by a band.
    meets: dict[int, set[int]] = {k: set() for k in range(count)}
    strong: dict[int, set[int]] = {k: set() for k in range(count)}
    for p, column in enumerate(columns):
        ids = [lineage[(p, c)] for c, _, _, _ in column]
        for i, a in enumerate(ids):
            for j, b in enumerate(ids):
                if a != b:
                    meets[a].add(b)
                    if abs(i - j) == 1:
                        strong[a].add(b)
    for src, dst, _, _ in drawn:
        a, b = lineage[src], lineage[dst]
        if a != b:
            meets[a].add(b)
            meets[b].add(a)
            strong[a].add(b)
            strong[b].add(a)
    # Reuse prefers a colour whose lineages are not in a neighbouring period either.
    alive: dict[int, set[int]] = {k: set() for k in range(count)}
    for (p, _), k in lineage.items():
        alive[k].add(p)
    colour: dict[int, int] = {}
    for k in range(count):
        if k < len(_READABLE):  # a colour of its own while they last
            colour[k] = k
            continue
        # How many of its periods each earlier lineage has next to or in k's periods.
        near = {o: sum(any(abs(a - b) <= 1 for a in alive[k]) for b in alive[o]) for o in range(k)}
        colour[k] = min(
            range(len(_READABLE)),
            key=lambda c: (
                sum(colour.get(o) == c for o in strong[k]),
                sum(colour.get(o) == c for o in meets[k]),
                sum(n for o, n in near.items() if colour[o] == c),
                c,
            ),
        )
    return {key: _READABLE[colour[k]] for key, k in lineage.items()}


def _label_blocks(fig, ax, columns, block_w: float) -> None:
    """Label every block of the thematic evolution (rule in plot_thematic_evolution)."""
    base = float(plt.rcParams["font.size"]) * 0.833  # matplotlib's "small", the labels' size before
    sizes = [base] + [s for s in np.arange(base - 0.5, _EVOLUTION_MIN_FONT - 1e-9, -0.5) if s > 0]
    for _ in range(8):  # labels that do not fit at the smallest size: a taller figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for size in sizes:
            artists: list = []
            fits = True
            for p, column in enumerate(columns):
                args = (fig, ax, renderer, p, column, block_w, len(columns), float(size))
                ok, made = _label_column(*args, offset=_EVOLUTION_LABEL_OFFSETS[0])
                if ok and any(not hasattr(a, "get_text") for a in made):  # leader lines: room for them
                    for artist in made:
                        artist.remove()
                    ok, made = _label_column(*args, offset=_EVOLUTION_LABEL_OFFSETS[1])
                artists += made
                if not ok:
                    fits = False
                    break
            if fits:
                return
            for artist in artists:
                artist.remove()
        width, height = fig.get_size_inches()
        fig.set_size_inches(width, height * 1.25)
    raise LitkitError("the thematic evolution's labels do not fit", expected="fewer themes (max_themes)")


def _label_column(fig, ax, renderer, p: int, column, block_w: float, n_periods: int, size: float, offset: float):
    """Labels of one column at ``size`` points, ``offset`` right of the blocks: (whether they fit, the artists
    drawn: labels, then leader lines)."""
    if not column:
        return True, []
    to_px = ax.transData.transform
    to_data = ax.transData.inverted().transform
    x_label = p + block_w / 2 + offset
    right = p + 1 - block_w / 2 - 0.02 if p < n_periods - 1 else ax.get_xlim()[1]
    gap = 2.0  # pixels between two labels' boxes
    # A label's white box reaches pad pixels left of its text: the leader lines end there.
    room = to_px((right, 0))[0] - to_px((x_label, 0))[0]
    # Depth = pixels down the figure.  Labels stay below the period names and inside the figure: below the
    # lowest blocks they may use the figure's bottom margin, so the labels of a column's small last themes
    # spread around their blocks instead of being pushed up beside the larger ones.
    names = [t for t in ax.texts if getattr(t, "litkit_period", False)]
    top = max((-t.get_window_extent(renderer).y0 for t in names), default=-ax.bbox.y1) + gap
    bottom = -fig.bbox.y0 - gap
    texts, heights, wanted = [], [], []
    for cluster, label, y0, h in column:
        pad = _EVOLUTION_LABEL_PAD * size * fig.dpi / 72.0
        text = ax.text(
            x_label,
            y0 + h / 2,
            label,
            va="center",
            ha="left",
            fontsize=size,
            zorder=4,
            bbox=dict(boxstyle=f"round,pad={_EVOLUTION_LABEL_PAD}", facecolor="white", edgecolor="none", alpha=0.85),
        )
        text.litkit_theme = (p, cluster)
        extent = _fit_label(text, label, room - 2 * pad - 1, renderer)
        texts.append(text)
        heights.append(extent.height + 2 * pad)
        wanted.append(-to_px((0, y0 + h / 2))[1])
    tops = _stack(np.array(wanted) - np.array(heights) / 2, np.array(heights), gap, top, bottom)
    if tops is None:
        for text in texts:
            text.remove()
        return False, []
    made = list(texts)
    for text, (cluster, _, y0, h), t, hh in zip(texts, column, tops, heights):
        centre = to_data((0, -(t + hh / 2)))[1]
        text.set_y(centre)
        if not (y0 <= centre <= y0 + h):  # moved off its block: a leader line to it
            pad = _EVOLUTION_LABEL_PAD * size * fig.dpi / 72.0
            end = to_data((to_px((x_label, 0))[0] - pad, 0))[0]
            (line,) = ax.plot([p + block_w / 2, end], [y0 + h / 2, centre], color="#555555", lw=0.5, zorder=3.5)
            line.litkit_theme = (p, cluster)
            made.append(line)
    return True, made


def _fit_label(text, label: str, room_px: float, renderer):
    """Fit ``text`` into ``room_px`` pixels of width: as it is, wrapped onto two lines, smaller (down to
    _EVOLUTION_MIN_FONT), or cut with an ellipsis; returns its extent."""
    size = float(text.get_fontsize())
    options = [label] + _wrappings(label)
    while True:
        for candidate in options:
            text.set_text(candidate)
            extent = text.get_window_extent(renderer)
            if extent.width <= room_px:
                return extent
        if size - 0.5 < _EVOLUTION_MIN_FONT:
            break
        size -= 0.5
        text.set_fontsize(size)
    words = options[-1]
    for cut in range(len(words) - 1, 0, -1):  # the last resort: cut the wrapped label
        text.set_text(words[:cut].rstrip() + "…")
        extent = text.get_window_extent(renderer)
        if extent.width <= room_px:
            return extent
    return text.get_window_extent(renderer)


def _wrappings(label: str) -> list[str]:
    """The label on two lines: broken at the space nearest its middle, or (Chinese, no spaces) in the middle."""
    if " " in label.strip():
        spaces = [i for i, ch in enumerate(label) if ch == " "]
        i = min(spaces, key=lambda k: (abs(2 * k - len(label)), k))
        return [label[:i] + "\n" + label[i + 1 :]]
    if len(label) >= 4 and any(ord(ch) > 0x2E80 for ch in label):
        i = (len(label) + 1) // 2
        return [label[:i] + "\n" + label[i:]]
    return []


def _stack(tops: np.ndarray, heights: np.ndarray, gap: float, lo: float, hi: float):
    """Tops of boxes kept in their order without overlapping (``gap`` apart), moved as little as possible in
    the least-squares sense, inside ``[lo, hi]``; None when they do not fit.

    Pool adjacent violators: overlapping neighbours merge into a group placed at the mean of its members'
    wished positions; groups are then pushed inside the bounds.
    """
    if heights.sum() + gap * (len(heights) - 1) > hi - lo:
        return None
    groups: list[list] = []  # [first index, members, sum of wished group tops, length with gaps]
    for i, (t, h) in enumerate(zip(tops, heights)):
        groups.append([i, 1, float(t), float(h) + gap])
        while len(groups) > 1:
            a, b = groups[-2], groups[-1]
            if a[2] / a[1] + a[3] <= b[2] / b[1]:
                break
            groups[-2:] = [[a[0], a[1] + b[1], a[2] + b[2] - b[1] * a[3], a[3] + b[3]]]
    out = np.zeros(len(heights))
    for first, members, total, _ in groups:
        y = total / members
        for k in range(first, first + members):
            out[k] = y
            y += heights[k] + gap
    for k in range(len(out)):  # inside the bounds: down from the top, then up from the bottom
        out[k] = max(out[k], lo if k == 0 else out[k - 1] + heights[k - 1] + gap)
    for k in range(len(out) - 1, -1, -1):
        out[k] = min(out[k], hi - heights[k] if k == len(out) - 1 else out[k + 1] - heights[k] - gap)
    return out if out[0] >= lo - 1e-6 else None


def _band(ax, x0, y0, h0, x1, y1, h1, colour):
    """A filled band from [y0, y0+h0] at x0 to [y1, y1+h1] at x1, with cubic Bézier edges."""
    mid = (x0 + x1) / 2
    verts = [
        (x0, y0),
        (mid, y0),
        (mid, y1),
        (x1, y1),
        (x1, y1 + h1),
        (mid, y1 + h1),
        (mid, y0 + h0),
        (x0, y0 + h0),
        (x0, y0),
    ]
    codes = [
        MplPath.MOVETO,
        MplPath.CURVE4,
        MplPath.CURVE4,
        MplPath.CURVE4,
        MplPath.LINETO,
        MplPath.CURVE4,
        MplPath.CURVE4,
        MplPath.CURVE4,
        MplPath.CLOSEPOLY,
    ]
    ax.add_patch(PathPatch(MplPath(verts, codes), facecolor=colour, alpha=0.35, edgecolor="none", zorder=1))
