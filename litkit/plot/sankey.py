"""The three-field plot as a static Sankey diagram (bibliometrix's ``threeFieldsPlot``), and its offline page.

Three columns of boxes, one per field of :func:`litkit.indicators.three_fields` (left, middle,
right).  A box is as tall as the larger of the records flowing into it and out of it; a band joins
two boxes and is as wide as the records that contain both items.  Bands take the colour of their
middle item, so one keyword's authors and sources can be followed across the figure.

Layout (all deterministic):

* **Order.**  The items of each column are ordered to reduce crossing bands: starting from the
  table's order (most records first), each column in turn is sorted by the weighted mean position
  of the items it is linked to (the barycentre heuristic of Sugiyama et al. 1981), the order with
  the fewest weighted crossings seen is kept, and neighbouring items are then swapped while a swap
  removes crossings (Gansner et al. 1993's "transpose"; :func:`sankey_order`).
* **Sizes.**  One scale for every column (a band has one width at both ends), chosen so that the
  fullest column fills the plot; boxes are separated by at least one label's height, so labels of a
  column never overlap, whatever the flows.
* **Labels.**  Beside their box: left of the left column, right of the middle and right columns
  (over the bands, with a white halo).  A label is cut with "…" when it is wider than the room it
  has (measured, CJK included), never drawn into the next column.

Examples
--------
>>> from litkit.indicators import three_fields                        # doctest: +SKIP
>>> from litkit.plot.sankey import plot_three_fields, three_fields_html  # doctest: +SKIP
>>> fig = plot_three_fields(three_fields(corpus))                     # doctest: +SKIP
"""

from __future__ import annotations

import html
import json

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from ..errors import LitkitError
from .style import PALETTE, ellipsize, require_cjk_font, text_width_pt, use_style

_FONT = 7.5  # labels, points
_LINE_IN = _FONT * 1.25 / 72.0  # height of one label line, inches
_GAP_IN = _LINE_IN + 0.03  # least distance between two boxes of a column: labels never touch
_BOX_IN = 0.12  # box width
_PAD_IN = 0.05  # label to box
_SIDE_IN = (2.2, 2.6)  # widest label on the left and on the right
_SPAN_IN = (2.0, 3.0)  # distance between two columns: at least, at most
_HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
#: Band colours (the middle item's): the palette without yellow and black, which read badly as bands.
BAND_COLOURS = tuple(c for c in PALETTE if c not in ("#F0E442", "#000000"))
_BOX_GREY = "#5A5A5A"


def plot_three_fields(result, title: str | None = "Three-field plot", column_titles=None):
    """Draw a three-field plot: three columns of boxes joined by bands whose width is the number of records.

    Parameters
    ----------
    result : ThreeFields or (nodes, links)
        :func:`litkit.indicators.three_fields`.
    title : str, optional
    column_titles : sequence of three str, optional
        Headings of the columns; default the fields' names ("Authors", "Author keywords", "Sources").

    Returns
    -------
    matplotlib.figure.Figure
    """
    nodes, links = _tables(result)
    layout = sankey_layout(nodes, links)
    names = [str(v) for v in nodes["label"]]
    heads = _column_titles(nodes, column_titles)
    require_cjk_font(names + heads + [title or ""])
    use_style()
    fig = plt.figure()
    shown, widths = _fit_labels(fig, nodes, layout)
    x, width = _columns_x(widths, layout)
    height = layout["height"] + 0.5 + (0.3 if title else 0.0)
    fig.set_size_inches(width, height)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    base = 0.1  # the plot's bottom, inches
    colour = _colours(nodes, layout)
    for band in layout["bands"]:
        s, t = band["source"], band["target"]
        x0 = x[nodes.at[s, "column"]] + _BOX_IN
        x1 = x[nodes.at[t, "column"]]
        ax.add_patch(
            PathPatch(
                _band_path(x0, base + band["y0"], x1, base + band["y1"], band["width"]),
                facecolor=colour[band["middle"]],
                edgecolor="none",
                alpha=0.42,
                zorder=1,
            )
        )
    for i in range(len(nodes)):
        c = int(nodes.at[i, "column"])
        top, h = base + layout["top"][i], layout["box"][i]
        face = colour[i] if c == 1 else _BOX_GREY
        ax.add_patch(Rectangle((x[c], top - h), _BOX_IN, h, facecolor=face, edgecolor="none", zorder=2))
        centre = top - h / 2
        if c == 0:
            ax.text(x[c] - _PAD_IN, centre, shown[i], ha="right", va="center", fontsize=_FONT, zorder=3)
        else:
            ax.text(
                x[c] + _BOX_IN + _PAD_IN,
                centre,
                shown[i],
                ha="left",
                va="center",
                fontsize=_FONT,
                zorder=3,
                path_effects=_HALO if c == 1 else None,
            )
    top_y = base + layout["height"] + 0.12
    for c, head in enumerate(heads):
        ax.text(x[c] + _BOX_IN / 2, top_y, head, ha="center", va="bottom", fontsize=_FONT + 1, fontweight="bold")
    if title:
        ax.text(width / 2, height - 0.08, title, ha="center", va="top", fontsize=_FONT + 2.5)
    return fig


def sankey_order(nodes: pd.DataFrame, links: pd.DataFrame, sweeps: int = 12) -> list[list[int]]:
    """Top-to-bottom order of each column's nodes, chosen to reduce weighted band crossings.

    Starts from the table's order, then alternately sorts the outer columns by the weighted mean
    position of their middle neighbours and the middle column by that of its outer neighbours
    (barycentres; ties keep the current order); the order with the fewest crossings seen (each
    crossing weighted by the product of the two bands' weights) is then improved by swapping
    neighbouring items while a swap removes crossings.

    Parameters
    ----------
    nodes, links : pandas.DataFrame
        :func:`litkit.indicators.three_fields`.
    sweeps : int, default 12

    Returns
    -------
    list of three lists of int
        ``node`` numbers per column, top first.

    Examples
    --------
    >>> nodes = pd.DataFrame({"node": [0, 1, 2, 3, 4], "column": [0, 0, 1, 1, 2]})
    >>> links = pd.DataFrame({"source": [0, 1, 3], "target": [3, 2, 4], "weight": [2, 1, 1]})
    >>> sankey_order(nodes, links)  # node 1 moves up beside node 2: the two bands no longer cross
    [[1, 0], [2, 3], [4]]
    """
    col = nodes["column"].to_numpy()
    order = [nodes["node"].to_numpy()[col == c].tolist() for c in range(3)]
    src, dst, w = (links[k].to_numpy() for k in ("source", "target", "weight"))

    def ranks(order):
        r = np.zeros(len(nodes))
        for column in order:
            for position, n in enumerate(column):
                r[n] = position / max(len(column) - 1, 1)
        return r

    def crossings(order) -> float:
        r = ranks(order)
        total = 0.0
        for side in (0, 1):
            mask = col[src] == side
            a, b, ww = r[src[mask]], r[dst[mask]], w[mask].astype(float)
            # Pairs crossing (ends in opposite orders), each counted twice, in blocks of rows: a few hundred
            # items per column have tens of thousands of links, whose full pair matrix would not fit.
            for start in range(0, len(a), 512):
                part = slice(start, start + 512)
                cross = ((a[part, None] - a[None, :]) * (b[part, None] - b[None, :])) < 0
                total += float(ww[part] @ cross @ ww) / 2
        return total

    def resort(order, c: int):
        r = ranks(order)
        mine = (col[src] == c) | (col[dst] == c)
        here = np.where(col[src] == c, src, dst)[mine]
        there = np.where(col[src] == c, dst, src)[mine]
        num = np.bincount(here, weights=r[there] * w[mine], minlength=len(nodes))
        den = np.bincount(here, weights=w[mine].astype(float), minlength=len(nodes))
        current = {n: p for p, n in enumerate(order[c])}
        key = {n: (num[n] / den[n] if den[n] else r[n], current[n]) for n in order[c]}
        new = list(order)
        new[c] = sorted(order[c], key=lambda n: key[n])
        return new

    best, best_cost = [list(c) for c in order], crossings(order)
    for _ in range(sweeps):
        for c in (0, 2, 1):
            order = resort(order, c)
        cost = crossings(order)
        if cost < best_cost - 1e-9:
            best, best_cost = [list(c) for c in order], cost
        elif order == best:
            break  # converged
    return _transpose(best, src, dst, w)


def sankey_layout(nodes: pd.DataFrame, links: pd.DataFrame) -> dict:
    """Box and band geometry of a three-field plot, in inches from the plot's bottom.

    Returns
    -------
    dict
        ``order`` (:func:`sankey_order`), ``scale`` (inches per record), ``height`` (of the plot),
        ``top`` and ``box`` (each node's box top and height), ``bands`` (one dict per link:
        ``source``, ``target``, ``middle`` (the middle node), ``y0``/``y1`` (band top at the source and at
        the target), ``width``).
    """
    n = len(nodes)
    order = sankey_order(nodes, links)
    src, dst, w = (links[k].to_numpy() for k in ("source", "target", "weight"))
    inflow = np.bincount(dst, weights=w, minlength=n)
    outflow = np.bincount(src, weights=w, minlength=n)
    value = np.maximum(inflow, outflow)
    longest = max(len(c) for c in order)
    height = max(3.5, 0.3 * longest + 0.4)
    room = [height - (len(c) - 1) * _GAP_IN for c in order]
    totals = [float(value[c].sum()) for c in order]
    scale = min(r / t for r, t in zip(room, totals) if t > 0) if any(totals) else 0.0
    box = value * scale
    top = np.zeros(n)
    for column in order:  # each column centred in the plot
        used = float(box[column].sum()) + (len(column) - 1) * _GAP_IN
        y = height - (height - used) / 2
        for node in column:
            top[node] = y
            y -= box[node] + _GAP_IN
    position = {node: p for column in order for p, node in enumerate(column)}
    col = nodes["column"].to_numpy()

    # Bands leave a box in the order of the boxes they go to, and enter in the order they come from:
    # no two bands of one box cross at the box.  The smaller side of a middle box is centred on it.
    def band_ends(ends, others, flow) -> dict:
        # each box's bands, stacked from its top in the order of the boxes at their other ends
        at = {}
        for node in range(n):
            mine = sorted(np.flatnonzero(ends == node).tolist(), key=lambda i: position[others[i]])
            y = top[node] - (box[node] - flow[node] * scale) / 2
            for i in mine:
                at[i] = y
                y -= w[i] * scale
        return at

    out_at = band_ends(src, dst, outflow)
    in_at = band_ends(dst, src, inflow)
    bands = [
        {
            "source": int(src[i]),
            "target": int(dst[i]),
            "middle": int(dst[i] if col[src[i]] == 0 else src[i]),
            "y0": float(out_at[i]),
            "y1": float(in_at[i]),
            "width": float(w[i] * scale),
        }
        for i in range(len(src))
    ]
    return {"order": order, "scale": scale, "height": height, "top": top, "box": box, "bands": bands}


def three_fields_html(result, title: str = "Three-field plot", column_titles=None) -> str:
    """A self-contained offline HTML page of the three-field plot: the same layout as an SVG, with tooltips.

    Hovering a band shows the two items and the number of records; hovering a box, the item and its
    records.  No script, no network access.

    Parameters
    ----------
    result : ThreeFields or (nodes, links)
    title : str, default "Three-field plot"
    column_titles : sequence of three str, optional

    Returns
    -------
    str
    """
    nodes, links = _tables(result)
    layout = sankey_layout(nodes, links)
    heads = _column_titles(nodes, column_titles)
    px = 125.0  # CSS pixels per inch: labels of 13 CSS px, the size the network pages use
    colour = _colours(nodes, layout)
    em = _FONT * px / 72.0
    # Label room estimated generously (the browser draws the text, in a font the page cannot measure):
    # CJK 1 em, capitals 0.72 em, other characters 0.6 em.

    def width_px(label: str) -> float:
        return sum(em if ord(ch) > 0x2E7F else (0.72 if ch.isupper() else 0.6) * em for ch in label)

    # Whole labels (the page is as wide as they need; the figure cuts them to fixed rooms instead).
    widths = [0.0, 0.0, 0.0]
    for label, c in zip(nodes["label"].astype(str), nodes["column"]):
        widths[int(c)] = max(widths[int(c)], width_px(label))
    left = widths[0] + 12
    span = max(_SPAN_IN[0] * px, widths[1] + 0.5 * px)
    x = [left, left + _BOX_IN * px + span, left + 2 * (_BOX_IN * px + span)]
    width = x[2] + _BOX_IN * px + 8 + widths[2] + 12
    plot_h = layout["height"] * px
    height = plot_h + 60

    def y(v: float) -> float:  # inches from the plot's bottom -> SVG pixels from the top
        return 40 + plot_h - v * px

    parts = []
    for band in layout["bands"]:
        s, t = band["source"], band["target"]
        x0 = x[int(nodes.at[s, "column"])] + _BOX_IN * px
        x1 = x[int(nodes.at[t, "column"])]
        xm = (x0 + x1) / 2
        y0, y1, bw = y(band["y0"]), y(band["y1"]), band["width"] * px
        d = (
            f"M{x0:.2f},{y0:.2f} C{xm:.2f},{y0:.2f} {xm:.2f},{y1:.2f} {x1:.2f},{y1:.2f} "
            f"L{x1:.2f},{y1 + bw:.2f} C{xm:.2f},{y1 + bw:.2f} {xm:.2f},{y0 + bw:.2f} {x0:.2f},{y0 + bw:.2f} Z"
        )
        tip = f"{nodes.at[s, 'label']} → {nodes.at[t, 'label']}: {round(band['width'] / layout['scale'])} records"
        parts.append(
            f'<path class="band" d="{d}" fill="{colour[band["middle"]]}"><title>{html.escape(tip)}</title></path>'
        )
    for i in range(len(nodes)):
        c = int(nodes.at[i, "column"])
        top, h = y(layout["top"][i]), layout["box"][i] * px
        label = html.escape(str(nodes.at[i, "label"]))
        tip = html.escape(f"{nodes.at[i, 'label']}: {int(nodes.at[i, 'documents'])} records")
        face = colour[i] if c == 1 else _BOX_GREY
        parts.append(
            f'<rect x="{x[c]:.2f}" y="{top:.2f}" width="{_BOX_IN * px:.2f}" height="{max(h, 0.5):.2f}" '
            f'fill="{face}"><title>{tip}</title></rect>'
        )
        tx = x[c] - 4 if c == 0 else x[c] + _BOX_IN * px + 4
        anchor = "end" if c == 0 else "start"
        halo = ' class="halo"' if c == 1 else ""
        parts.append(
            f'<text x="{tx:.2f}" y="{top + h / 2:.2f}" text-anchor="{anchor}"{halo}>{label}<title>{tip}</title></text>'
        )
    for c, head in enumerate(heads):
        parts.append(
            f'<text class="head" x="{x[c] + _BOX_IN * px / 2:.2f}" y="28" text-anchor="middle">'
            f"{html.escape(head)}</text>"
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.2f} {height:.2f}">' + "".join(parts) + "</svg>"
    )
    style = (
        "body{font-family:'DejaVu Sans','Noto Sans CJK SC',sans-serif;margin:16px;color:#222}"
        f"text{{font-size:{em:.1f}px;dominant-baseline:central}}"
        "text.head{font-weight:bold;font-size:%.1fpx}" % (em + 1.3) + ".band{opacity:.42}.band:hover{opacity:.8}"
        ".halo{paint-order:stroke;stroke:#fff;stroke-width:3px}h1{font-size:18px;font-weight:normal}"
    )
    meta = json.dumps({"fields": list(nodes.attrs.get("fields", [])), "nodes": len(nodes), "links": len(links)})
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n{svg}\n"
        f'<script type="application/json" id="litkit-three-fields">{html.escape(meta, quote=False)}</script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _tables(result) -> tuple[pd.DataFrame, pd.DataFrame]:
    try:
        nodes, links = result
    except (TypeError, ValueError):
        raise LitkitError(
            f"expected the result of litkit.three_fields, got {type(result).__name__}",
            expected="ThreeFields (nodes, links)",
        ) from None
    need_nodes, need_links = ("node", "column", "label", "documents"), ("source", "target", "weight")
    if (
        not isinstance(nodes, pd.DataFrame)
        or not isinstance(links, pd.DataFrame)
        or any(c not in nodes.columns for c in need_nodes)
        or any(c not in links.columns for c in need_links)
    ):
        raise LitkitError("the tables lack columns of litkit.three_fields", expected="ThreeFields (nodes, links)")
    if not len(links):
        raise LitkitError("no link to draw: no record has items of two neighbouring columns")
    if not np.array_equal(nodes["node"].to_numpy(), np.arange(len(nodes))):
        raise LitkitError("node numbers must be 0, 1, ... in table order", expected="litkit.three_fields nodes")
    return nodes.reset_index(drop=True), links.reset_index(drop=True)


def _transpose(order: list[list[int]], src, dst, w, passes: int = 50) -> list[list[int]]:
    """Swap neighbouring items of a column while a swap removes weighted crossings (the "transpose" step
    of Gansner et al. 1993, after the barycentres).

    Swapping ``u`` (above) and ``v`` changes only the crossings between a band of ``u`` and a band of
    ``v`` that go to the same neighbouring column: they cross after the swap exactly when they did not
    before, so the change is ``sum w_u w_v ([p < q] - [p > q])`` over such pairs (``p``, ``q`` the
    positions of the far ends).
    """
    order = [list(c) for c in order]
    position = {n: p for column in order for p, n in enumerate(column)}
    ends: dict[int, list[tuple[int, float]]] = {}
    for s, t, weight in zip(src.tolist(), dst.tolist(), np.asarray(w, dtype=float).tolist()):
        ends.setdefault(s, []).append((t, weight))
        ends.setdefault(t, []).append((s, weight))

    def delta(u: int, v: int) -> float:
        change = 0.0
        for far_u, wu in ends.get(u, ()):
            for far_v, wv in ends.get(v, ()):
                p, q = position[far_u], position[far_v]
                same_side = (far_u in side_of) and side_of[far_u] == side_of.get(far_v)
                if same_side and p != q:
                    change += wu * wv * (1.0 if p < q else -1.0)
        return change

    side_of = {n: c for c, column in enumerate(order) for n in column}
    for _ in range(passes):
        improved = False
        for column in order:
            for i in range(len(column) - 1):
                u, v = column[i], column[i + 1]
                if delta(u, v) < -1e-9:
                    column[i], column[i + 1] = v, u
                    position[u], position[v] = i + 1, i
                    improved = True
        if not improved:
            break
    return order


def _column_titles(nodes: pd.DataFrame, given) -> list[str]:
    if given is not None:
        heads = [str(h) for h in given]
        if len(heads) != 3:
            raise LitkitError(f"column_titles must be three, got {len(heads)}")
        return heads
    from ..indicators import THREE_FIELDS

    fields = nodes.attrs.get("fields") or [
        next(iter(nodes.loc[nodes["column"] == c, "field"]), "") if "field" in nodes else "" for c in range(3)
    ]
    return [THREE_FIELDS.get(f, f) for f in fields]


def _colours(nodes: pd.DataFrame, layout: dict) -> dict[int, str]:
    """Middle nodes: the band palette in their drawn order (neighbours differ); others need none."""
    colour = {i: _BOX_GREY for i in range(len(nodes))}
    for p, node in enumerate(layout["order"][1]):
        colour[node] = BAND_COLOURS[p % len(BAND_COLOURS)]
    return colour


def _fit_labels(fig, nodes: pd.DataFrame, layout: dict) -> tuple[list[str], list[float]]:
    """Labels as drawn (cut to their room) and the widest per column, in inches."""
    rooms = (_SIDE_IN[0], _SPAN_IN[1] - 0.4, _SIDE_IN[1])
    shown, widths = [], [0.0, 0.0, 0.0]
    for label, c in zip(nodes["label"].astype(str), nodes["column"].astype(int)):
        text = _fit(fig, label, rooms[c])
        shown.append(text)
        widths[c] = max(widths[c], text_width_pt(fig, text, _FONT) / 72.0)
    return shown, widths


def _columns_x(widths: list[float], layout: dict) -> tuple[list[float], float]:
    """Left edge of each column's boxes and the figure's width, in inches."""
    left = widths[0] + _PAD_IN + 0.1
    span = min(max(_SPAN_IN[0], widths[1] + _PAD_IN + 0.4), _SPAN_IN[1])
    x = [left, left + _BOX_IN + span, left + 2 * (_BOX_IN + span)]
    return x, x[2] + _BOX_IN + _PAD_IN + widths[2] + 0.1


def _band_path(x0: float, y0: float, x1: float, y1: float, width: float) -> Path:
    """A band from (x0, y0) down ``width`` to (x1, y1) down ``width``: two cubic curves and two edges."""
    xm = (x0 + x1) / 2
    vertices = [
        (x0, y0),
        (xm, y0),
        (xm, y1),
        (x1, y1),
        (x1, y1 - width),
        (xm, y1 - width),
        (xm, y0 - width),
        (x0, y0 - width),
        (x0, y0),
    ]
    codes = [Path.MOVETO] + [Path.CURVE4] * 3 + [Path.LINETO] + [Path.CURVE4] * 3 + [Path.CLOSEPOLY]
    return Path(vertices, codes)


def _fit(fig, text: str, max_in: float) -> str:
    """``text`` cut with "…" until it is at most ``max_in`` inches wide at the label size (measured)."""
    return ellipsize(fig, text, _FONT, max_in * 72.0)


__all__ = ["plot_three_fields", "sankey_order", "sankey_layout", "three_fields_html", "BAND_COLOURS"]
