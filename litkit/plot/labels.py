"""Label placement shared by every node map (keyword, co-citation, coupling, collaboration, timelines).

One greedy, deterministic rule: labels are placed in the order given (most important
first); each tries a list of positions around its node -- on it (only when the text lies
wholly on the dot, so that the dot reads as the label's background, as on VOSviewer's large
circles; a label over a smaller dot hid it), beside it (touching: the text box's edge or, diagonally,
its corner a pixel or two off the rim), then farther off, the nearest first -- and takes the first
position that

* overlaps no label placed before it, nor any box in ``taken`` (tick labels, legends),
* lies wholly inside the axes (so nothing is clipped), and
* covers no marker of another node (circle against box, full radius), and
* is crossed by no leader line drawn before it;

a label placed away from its node gets a thin leader line to it (from the node's rim to the
nearest point of the label's text box), taken only if that line passes through no other node's
dot (with its white edge), crosses no earlier leader line and passes through no earlier label.
So a label is either touching its dot or joined to it by a leader line (a reader cannot tell
which node a free-floating label names), no two leader lines cross and no leader line runs through
a dot or a label it does not belong to -- except, when the caller gives the nodes' clusters, as a
last resort a leader line through dots of the label's own cluster (a hub amid its cluster has no other
way out, and it is the map's most important term; within a cluster such a line reads as one of its
links).  A label with no such position is left out (its node is still drawn, the item is in the
tables), so a figure never has overlapping or clipped text.
:func:`label_boxes` gives the boxes back for tests and checks; each leader line carries
``litkit_leader_of`` (its node's index).
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
    groups: np.ndarray | None = None,
    owners: np.ndarray | None = None,
    colors=None,
    bold=None,
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
        Try the node's own centre first (VOSviewer's keyword maps) when the text fits wholly on the dot
        (its box's half-diagonal at most the radius); a label on its own node is next to it.
    vertical : bool
        Above and below first, shifted sideways (rows of nodes: timelines, time zones).
    taken : list of Bbox, optional
        Display boxes the labels must not cover (tick labels, legends).
    color, halo : str, float
        Text colour and the width of its white halo.
    groups : (n,) array, optional
        The nodes' clusters.  A label with no position otherwise may take a leader line that passes through
        dots of its own cluster (never another cluster's dot, label or leader): a hub amid its cluster has
        no clear way out, and it is the map's most important term.
    owners : (n,) array of int, optional
        The dot each entry is drawn as (default: its own).  Entries with one owner are one dot: a second
        label of a node (a cluster's name at one of its members, as the co-citation map draws them) is an
        entry at the node's position with the node's radius and the node as owner, and neither label treats
        the other's dot as an obstacle.
    colors : sequence of str, optional
        Text colour of every entry (default ``color`` for all).
    bold : sequence of bool, optional
        Bold text for these entries (measured bold: the box is the drawn text's).

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
    # A leader line keeps this far (pixels) off every other dot: the dot's white edge and a hair of air,
    # so that a line does not even touch a dot it does not belong to.
    pad = 0.75 * fig.dpi / 72
    boxes = list(taken or [])
    # The placed labels' text boxes without the air: what a leader line may not cross.  Not ``taken``:
    # those keep text off tick labels, legends and curves, and a leader line starts on its node,
    # which may lie in one of them (the Bradford curve).
    inks = []
    leaders: list[tuple[float, float, float, float]] = []  # drawn leader lines, display pixels
    placed = []
    owner = np.arange(len(centres)) if owners is None else np.asarray(owners, dtype=int)
    for i in order:
        text = ax.text(
            xy[i, 0],
            xy[i, 1],
            str(labels[i]),
            fontsize=float(font_sizes[i]),
            fontweight="bold" if bold is not None and bold[i] else "normal",
            ha="center",
            va="center",
            zorder=3,
            color=color if colors is None else colors[i],
            path_effects=[patheffects.withStroke(linewidth=halo, foreground="white", alpha=0.85)],
        )
        tight = text.get_window_extent(renderer)
        box = tight.expanded(1.04, 1.1)  # a little air around each label
        w, h = box.width, box.height
        tw, th = tight.width / 2, tight.height / 2
        px, py = centres[i]
        # Positions from the text's own size, so that "beside" is touching: the air is only for other labels.
        near, far = _offsets(radii[i], 2 * tw, 2 * th, centre and math.hypot(tw, th) <= radii[i], vertical)
        others = owner != owner[i]  # every dot but the node's own (one dot may carry two labels)
        oc, orad = centres[others], radii[others] + pad
        offsets = near + far
        # dots of the node's own cluster: a last-resort leader line may pass through them
        own = (np.asarray(groups)[others] == np.asarray(groups)[i]) if groups is not None else None

        chosen = None
        # a second pass, only when the first finds nothing: leader lines through dots of the node's own cluster
        for lenient in (False, True) if own is not None and own.any() else (False,):
            for k in _free_positions(np.array(offsets), px, py, w, h, frame, boxes, oc, radii[others]):
                ox, oy = offsets[k]
                cand = Bbox.from_bounds(px + ox - w / 2, py + oy - h / 2, w, h)
                cx, cy = px + ox, py + oy
                ink = Bbox.from_extents(cx - tw, cy - th, cx + tw, cy + th)
                if any(_segment_meets_box(seg, ink) for seg in leaders):
                    continue  # an earlier label's leader line would run through this label
                segment = None
                if k >= len(near):  # a thin leader line from the node's rim to the nearest point of the text box
                    ex, ey = min(max(px, cx - tw), cx + tw), min(max(py, cy - th), cy + th)
                    length = math.hypot(ex - px, ey - py)
                    if length <= radii[i]:
                        continue  # far positions lie off the node; a label over its own node is not a leader's
                    f = radii[i] / length
                    segment = (px + f * (ex - px), py + f * (ey - py), ex, ey)
                    # it may pass through no other node's dot (with ``lenient``: of another cluster), cross no
                    # earlier leader line and pass through no earlier label
                    through = _segment_circle_distances(segment, oc) < orad
                    if lenient:
                        through &= ~own
                    if np.any(through):
                        continue
                    if any(_segments_cross(segment, seg) for seg in leaders):
                        continue
                    if any(_segment_meets_box(segment, b) for b in inks):
                        continue
                chosen = (ox, oy, cand, segment, ink)
                break
            if chosen is not None:
                break
        if chosen is None:
            text.remove()
            continue
        ox, oy, cand, segment, ink = chosen
        text.set_position(tuple(to_data((px + ox, py + oy))))
        text.litkit_node = i
        text.litkit_leader = segment is not None
        if segment is not None:
            start, end = to_data(segment[:2]), to_data(segment[2:])
            (line,) = ax.plot([start[0], end[0]], [start[1], end[1]], color="#777777", lw=0.4, zorder=2.5)
            line.litkit_leader_of = i
            leaders.append(segment)
        boxes.append(cand)
        inks.append(ink)
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
        # Sideways by at most half the label's width: the node stays under (or over) the label's span, so
        # the label touches its dot.  Two thirds of the width put a long label's end w/6 past its node
        # (2-4 text heights off, with no leader line); those positions are far ones now, with a leader.
        near = [(0, -dy), (0, dy)] + [(sx * w * f, sy) for f in (1 / 3, 1 / 2) for sx in (1, -1) for sy in (-dy, dy)]
        far = [(0, -dy - h), (0, dy + h), (0, -dy - 2 * h), (0, dy + 2 * h)]
        far += [(sx * w * 2 / 3, sy) for sx in (1, -1) for sy in (-dy, dy)]
        return near, far
    # Diagonally the label's corner touches the rim (at 45 degrees), not the rim's bounding square: a wide
    # gap there read as a label belonging to no node ("Univ Cambridge" 0.66 text heights off its dot).
    ex, ey = r / math.sqrt(2) + w / 2 + 2, r / math.sqrt(2) + h / 2 + 1
    ring = [(0, dy), (0, -dy), (dx, 0), (-dx, 0), (ex, ey), (-ex, ey), (ex, -ey), (-ex, -ey)]
    near = ([(0, 0)] if centre else []) + ring
    far = [(m * ox, m * oy) for m in (2, 3) for ox, oy in ring]
    # Between the rings, halfway steps: dense maps often have room only there.
    far += [(m * ox, m * oy) for m in (1.5, 2.5) for ox, oy in ring]
    # The same eight directions with the label's near edge a few line heights off the marker: the
    # multiples above move a wide label by several times its width (leader lines across the map).
    for gap in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0):
        g = gap * h
        far += [(sx * (dx + g) if sx else 0.0, sy * (dy + g) if sy else 0.0) for sx, sy in _DIRECTIONS]
        far += [(sx * w * f, sy * (dy + g)) for f in (1 / 3, 2 / 3, 1) for sx in (1, -1) for sy in (1, -1)]
        far += [(sx * (dx + g), sy * (dy + g) / 2) for sx in (1, -1) for sy in (1, -1)]
    # Leader lines every 10 degrees, the label's nearest edge or corner on the line's end: a node inside a
    # cluster often has a clear way out only between its neighbours' dots, in no direction above.
    for gap in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0):
        for angle in range(0, 360, 10):
            ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            sx = (ux > _SIDE) - (ux < -_SIDE)  # which edge or corner of the label faces the node
            sy = (uy > _SIDE) - (uy < -_SIDE)
            far.append(((r + gap * h) * ux + sx * w / 2, (r + gap * h) * uy + sy * h / 2))
    # Shortest leader line first: the distance from the node to the nearest point of the label.
    far.sort(key=lambda o: (math.hypot(max(abs(o[0]) - w / 2, 0.0), max(abs(o[1]) - h / 2, 0.0)), math.hypot(*o)))
    return near, far


_DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
_SIDE = math.sin(math.radians(22.5))  # a line within 22.5 degrees of an axis meets the middle of an edge


def _free_positions(offsets: np.ndarray, px, py, w, h, frame, boxes, centres: np.ndarray, radii: np.ndarray):
    """Indices, in order, of the ``offsets`` whose ``w`` x ``h`` box around ``(px, py) + offset`` lies inside
    ``frame``, overlaps none of ``boxes`` (touching counts, as ``Bbox.overlaps``) and covers none of the dots
    (``centres``, ``radii``): every candidate at once, the leader-line checks left to the caller."""
    x0 = px + offsets[:, 0] - w / 2
    y0 = py + offsets[:, 1] - h / 2
    x1, y1 = x0 + w, y0 + h
    ok = (x0 >= frame.x0) & (x1 <= frame.x1) & (y0 >= frame.y0) & (y1 <= frame.y1)
    if boxes:
        b = np.array([bb.extents for bb in boxes], dtype=float)
        bx0, bx1 = np.minimum(b[:, 0], b[:, 2]), np.maximum(b[:, 0], b[:, 2])
        by0, by1 = np.minimum(b[:, 1], b[:, 3]), np.maximum(b[:, 1], b[:, 3])
        hit = (x0[:, None] <= bx1) & (bx0 <= x1[:, None]) & (y0[:, None] <= by1) & (by0 <= y1[:, None])
        ok &= ~hit.any(axis=1)
    if len(centres):
        # another node's dot under the box: the nearest point of the box within its radius
        keep = np.flatnonzero(ok)
        nx_ = np.clip(centres[:, 0], x0[keep, None], x1[keep, None])
        ny_ = np.clip(centres[:, 1], y0[keep, None], y1[keep, None])
        ok[keep] = ~(np.hypot(centres[:, 0] - nx_, centres[:, 1] - ny_) < radii).any(axis=1)
    return np.flatnonzero(ok).tolist()


def _segments_cross(a, b) -> bool:
    """Whether segments ``a`` and ``b`` (x0, y0, x1, y1) intersect (touching counts; parallel overlap too)."""
    p, r = np.array(a[:2]), np.array(a[2:]) - np.array(a[:2])
    q, s = np.array(b[:2]), np.array(b[2:]) - np.array(b[:2])
    denom = r[0] * s[1] - r[1] * s[0]
    qp = q - p
    if abs(denom) < 1e-12:  # parallel: cross only if collinear and overlapping
        if abs(qp[0] * r[1] - qp[1] * r[0]) > 1e-9:
            return False
        rr = float(r @ r)
        if rr == 0:
            return bool(np.allclose(p, q))
        t0, t1 = sorted(((qp @ r) / rr, ((qp + s) @ r) / rr))
        return t1 >= 0 and t0 <= 1
    t = (qp[0] * s[1] - qp[1] * s[0]) / denom
    u = (qp[0] * r[1] - qp[1] * r[0]) / denom
    return -1e-9 <= t <= 1 + 1e-9 and -1e-9 <= u <= 1 + 1e-9


def _segment_circle_distances(seg, centres: np.ndarray) -> np.ndarray:
    """Distance of every point of ``centres`` (m, 2) to segment ``seg`` (x0, y0, x1, y1)."""
    p = np.array(seg[:2], dtype=float)
    d = np.array(seg[2:], dtype=float) - p
    dd = float(d @ d)
    t = np.clip(((centres - p) @ d) / dd, 0.0, 1.0) if dd > 0 else np.zeros(len(centres))
    return np.hypot(*(centres - (p + t[:, None] * d)).T)


def _segment_meets_box(seg, box) -> bool:
    """Whether segment ``seg`` (x0, y0, x1, y1) has a point inside the open box (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True
