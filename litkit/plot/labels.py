"""Label placement shared by every node map (keyword, co-citation, coupling, collaboration, timelines).

One greedy, deterministic rule: labels are placed in the order given (most important
first); each tries a list of positions around its node -- on it, beside it, then two and
three times as far -- and takes the first position that

* overlaps no label placed before it, nor any box in ``taken`` (tick labels, legends),
* lies wholly inside the axes (so nothing is clipped), and
* covers no marker of another node (circle against box, full radius);

a label placed away from its node gets a thin leader line to it.  A label with no such
position is left out (its node is still drawn), so a figure never has overlapping or
clipped text.  :func:`label_boxes` gives the boxes back for tests and checks.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["place_labels", "label_boxes", "marker_radii"]


def place_labels(
    fig,
    ax,
    xy: np.ndarray,
    order,
    labels,
    radii: np.ndarray,
    font_sizes: np.ndarray,
    *,
    centre: bool = False,
    vertical: bool = False,
    taken: list | None = None,
    color: str = "#1a1a1a",
    halo: float = 2.2,
) -> list:
    """Place labels next to their nodes without overlaps or clipping; returns the placed Text artists.

    Parameters
    ----------
    fig, ax : matplotlib Figure and Axes
        Limits and aspect must be final (the positions are computed in display pixels).
    xy : (n, 2) array
        Node positions in data coordinates.
    order : sequence of int
        Nodes to label, most important first.
    labels : sequence of str
        Label of every node.
    radii : (n,) array
        Marker radius of every node in display pixels (:func:`marker_radii`).
    font_sizes : (n,) array
        Font size (points) of every node's label.
    centre : bool
        Try the node's own centre first (VOSviewer's keyword maps); a label on its own node is next to it.
    vertical : bool
        Above and below first, shifted sideways (rows of nodes: timelines, time zones).
    taken : list of Bbox, optional
        Display boxes the labels must not cover (tick labels, legends).
    color, halo : str, float
        Text colour and the width of its white halo.

    Returns
    -------
    list of matplotlib.text.Text
        Each placed label, with ``litkit_node`` (its node's index) and ``litkit_leader`` (True when
        joined to its node by a leader line) set on it.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, numpy as np
    >>> fig, ax = plt.subplots()
    >>> xy = np.array([[0.2, 0.5], [0.8, 0.5]]); _ = ax.set_xlim(0, 1); _ = ax.set_ylim(0, 1)
    >>> placed = place_labels(fig, ax, xy, [0, 1], ["a", "b"], np.array([5.0, 5.0]), np.array([9.0, 9.0]))
    >>> [t.get_text() for t in placed]
    ['a', 'b']
    """
    from matplotlib import patheffects
    from matplotlib.transforms import Bbox

    order = [int(i) for i in order]
    if not order:
        return []
    fig.canvas.draw()  # aspect, limits and tick labels get their final positions
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    centres = ax.transData.transform(np.asarray(xy, dtype=float))
    to_data = ax.transData.inverted().transform
    radii = np.asarray(radii, dtype=float)
    boxes = list(taken or [])
    placed = []
    for i in order:
        text = ax.text(
            xy[i, 0],
            xy[i, 1],
            str(labels[i]),
            fontsize=float(font_sizes[i]),
            ha="center",
            va="center",
            zorder=3,
            color=color,
            path_effects=[patheffects.withStroke(linewidth=halo, foreground="white", alpha=0.85)],
        )
        tight = text.get_window_extent(renderer)
        box = tight.expanded(1.04, 1.1)  # a little air around each label
        w, h = box.width, box.height
        px, py = centres[i]
        near, far = _offsets(radii[i], w, h, centre, vertical)
        others = np.ones(len(centres), dtype=bool)
        others[i] = False
        oc, orad = centres[others], radii[others]
        chosen = None
        for k, (ox, oy) in enumerate(near + far):
            cand = Bbox.from_bounds(px + ox - w / 2, py + oy - h / 2, w, h)
            if not (cand.x0 >= frame.x0 and cand.x1 <= frame.x1 and cand.y0 >= frame.y0 and cand.y1 <= frame.y1):
                continue
            if any(cand.overlaps(b) for b in boxes):
                continue
            # Another node's marker under the box: the nearest point of the box within its radius.
            nx_ = np.clip(oc[:, 0], cand.x0, cand.x1)
            ny_ = np.clip(oc[:, 1], cand.y0, cand.y1)
            if np.any(np.hypot(oc[:, 0] - nx_, oc[:, 1] - ny_) < orad):
                continue
            chosen = (ox, oy, cand, k >= len(near))
            break
        if chosen is None:
            text.remove()
            continue
        ox, oy, cand, is_far = chosen
        text.set_position(tuple(to_data((px + ox, py + oy))))
        text.litkit_node = i
        text.litkit_leader = is_far
        if is_far:  # a thin leader line from the node to the nearest point of its label's text box
            cx, cy = px + ox, py + oy
            tw, th = tight.width / 2, tight.height / 2
            ex = min(max(px, cx - tw), cx + tw)
            ey = min(max(py, cy - th), cy + th)
            end = to_data((ex, ey))
            ax.plot([xy[i, 0], end[0]], [xy[i, 1], end[1]], color="#777777", lw=0.4, zorder=2.5)
        boxes.append(cand)
        placed.append(text)
    return placed


def label_boxes(fig, texts) -> list:
    """Display boxes (pixels) of the given Text artists, as drawn (for checks and tests).

    Examples
    --------
    >>> label_boxes(None, [])
    []
    """
    if not texts:
        return []
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts]


def marker_radii(areas, dpi: float) -> np.ndarray:
    """Radii in display pixels of scatter markers of the given areas (points², as ``scatter(s=...)``).

    Examples
    --------
    >>> marker_radii([72.0**2], dpi=100).round(1).tolist()
    [50.0]
    """
    return np.sqrt(np.asarray(areas, dtype=float)) / 2 * dpi / 72


# --------------------------------------------------------------------------- private helpers


def _offsets(r: float, w: float, h: float, centre: bool, vertical: bool):
    """Near and far offsets (pixels) of a ``w`` x ``h`` label around a node of radius ``r``."""
    dx, dy = r + w / 2 + 2, r + h / 2 + 1
    if vertical:
        near = [(0, -dy), (0, dy)] + [(sx * w / 3, sy) for sx in (1, -1, 2, -2) for sy in (-dy, dy)]
        far = [(0, -dy - h), (0, dy + h), (0, -dy - 2 * h), (0, dy + 2 * h)]
        return near, far
    ring = [(0, dy), (0, -dy), (dx, 0), (-dx, 0), (dx, dy), (-dx, dy), (dx, -dy), (-dx, -dy)]
    near = ([(0, 0)] if centre else []) + ring
    far = [(m * ox, m * oy) for m in (2, 3) for ox, oy in ring]
    # Between the rings, halfway steps: dense maps often have room only there.
    far += [(m * ox, m * oy) for m in (1.5, 2.5) for ox, oy in ring]
    far.sort(key=lambda o: math.hypot(*o))
    return near, far
