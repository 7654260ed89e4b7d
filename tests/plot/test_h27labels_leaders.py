"""Static network maps read as VOSviewer / CiteSpace figures do (H27LABELS): on real exports, checked by brute
force on the rendered figure (display pixels, from what matplotlib drew, not from the placer's own bookkeeping):

* no leader line passes through a dot other than its own node's, nor through another label;
* a label whose nearest point is farther than half its text height from its own dot has a leader line to it
  (beside its dot means touching: the placer's beside-positions leave at most a few pixels);
* a label drawn over its own dot (centred, VOSviewer style) only where the text lies wholly on the dot, so
  the dot reads as the label's background; otherwise the label goes beside the dot ("福州大学" was centred
  on a dot 1.17 times as tall as its text, and the dot showed through at both ends).

The maps: the institution co-authorship map of the merged WoS + CNKI + CSSCI + NoteExpress review exports,
the keyword map of the Chinese exports (CNKI + CSSCI + NoteExpress; "Machine learning" was drawn over its
tiny dot) and the merged six-export keyword map of tests/network/test_vos_layout.py.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.collections
import numpy as np
import pytest
from helpers.paths import MERGED_REAL_EXPORTS

import litkit

# The review's exports (/tmp/h27zh/review/exports*), as they are in ../shared/corpora.
REVIEW_EXPORTS = [
    "cnki-noteexpress/Classic5Test.net",
    "cnki-noteexpress/CoverAllTest15Entries.net",
    "cssci/DataSet_CSSCI.txt",
    "cnki-endnote/demo.txt",
    "cnki-refworks/CNKI.txt",
    "cssci/cssci_1-100b.txt",
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "cnki-noteexpress/mixed.net",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
]
CHINESE_EXPORTS = [f for f in REVIEW_EXPORTS if not f.startswith("wos-")]
NEAR = 0.5  # a label farther than NEAR text heights from its dot needs a leader line


@pytest.fixture(scope="module")
def maps(shared_corpora):
    review = litkit.merge(litkit.read([str(shared_corpora / f) for f in REVIEW_EXPORTS]))
    zh = litkit.merge(litkit.read([str(shared_corpora / f) for f in CHINESE_EXPORTS]))
    merged = litkit.merge(litkit.read([str(shared_corpora / f) for f in MERGED_REAL_EXPORTS]))
    inst = litkit.collaboration(review, "institution", affiliations=litkit.affiliations(review), label_fields=[])
    assert (len(review), len(zh), len(merged)) == (1477, 566, 1597)
    return {
        "institutions (review)": (inst, 30),
        "keywords (Chinese exports)": (litkit.cooccurrence(zh, label_fields=["DE", "TI"]), 40),
        "keywords (six merged exports)": (litkit.cooccurrence(merged), 40),
    }


def _dist_to_segment(c: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Distance of every point of ``c`` (m, 2) to the segment pq."""
    d = q - p
    t = np.clip(((c - p) @ d) / max(float(d @ d), 1e-12), 0.0, 1.0)
    return np.hypot(*(c - (p + t[:, None] * d)).T)


def _box_gap(c, box) -> float:
    """Distance of point ``c`` to the box (0 inside)."""
    return float(np.hypot(c[0] - np.clip(c[0], box.x0, box.x1), c[1] - np.clip(c[1], box.y0, box.y1)))


def _through_box(p, q, box, margin: float = 0.5) -> bool:
    """Whether segment pq has a point inside the box shrunk by ``margin`` (sampled every 0.25 px)."""
    t = np.linspace(0.0, 1.0, max(int(np.hypot(*(q - p)) * 4), 2))
    x, y = p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])
    return bool(((x > box.x0 + margin) & (x < box.x1 - margin) & (y > box.y0 + margin) & (y < box.y1 - margin)).any())


def drawn_map(fig, n: int):
    """Dots (centres, radii), labels {node: (text, box)} and leader segments [(p, q)] as rendered."""
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    dots = [
        c
        for c in ax.collections
        if isinstance(c, matplotlib.collections.PathCollection)
        and len(c.get_offsets())
        and c.get_facecolor()[:, 3].any()
    ]
    assert len(dots) == 1 and len(dots[0].get_offsets()) == n  # the network view: one scatter, in node order
    centres = ax.transData.transform(np.asarray(dots[0].get_offsets(), dtype=float))
    radii = np.broadcast_to(np.sqrt(dots[0].get_sizes()) / 2 * fig.dpi / 72, (n,))
    labels = {
        t.litkit_node: (t.get_text(), t.get_window_extent(renderer))
        for t in ax.texts
        if t.get_visible() and t.get_text() and hasattr(t, "litkit_node")
    }
    segments = []
    for line in ax.lines:
        ends = ax.transData.transform(np.asarray(line.get_xydata(), dtype=float))
        assert hasattr(line, "litkit_leader_of") and len(ends) == 2  # the map's only lines are leader lines
        segments.append((line.litkit_leader_of, ends[0], ends[-1]))
    return centres, radii, labels, segments


def leader_faults(centres, radii, labels, segments, clusters=None) -> list:
    """Leader lines through a dot other than their own node's (with ``clusters``: of another cluster; a hub
    amid its cluster may take a last-resort line through its cluster's dots) or through another label."""
    faults = []
    for own, p, q in segments:
        assert np.hypot(*(centres[own] - p)) <= radii[own] + 1.0  # the line starts on its own dot
        hit = _dist_to_segment(centres, p, q) < radii
        hit[own] = False
        if clusters is not None:
            hit &= clusters != clusters[own]
        name = labels.get(own, ("?",))[0]
        faults += [(name, "through the dot of", labels.get(int(j), (f"node {j}",))[0]) for j in np.flatnonzero(hit)]
        faults += [
            (name, "through the label", t) for j, (t, box) in labels.items() if j != own and _through_box(p, q, box)
        ]
    return faults


def far_without_leader(centres, radii, labels, segments) -> list:
    """Labels farther than NEAR text heights from their own dot with no leader line joining the two."""
    faults = []
    for node, (text, box) in labels.items():
        gap = _box_gap(centres[node], box) - radii[node]
        if gap <= NEAR * box.height:
            continue
        joined = any(
            own == node and np.hypot(*(centres[node] - p)) <= radii[node] + 1.0 and _box_gap(q, box) < 1.0
            for own, p, q in segments
        )
        if not joined:
            faults.append((text, round(gap / box.height, 2)))
    return faults


def over_small_dots(centres, radii, labels) -> list:
    """Labels drawn over their own dot that do not lie wholly on it (the dot is no background for them):
    (text, the dot's diameter / the text's height)."""
    faults = []
    for node, (text, box) in labels.items():
        corners = np.array([[box.x0, box.y0], [box.x0, box.y1], [box.x1, box.y0], [box.x1, box.y1]])
        on_dot = np.hypot(*(corners - centres[node]).T).max() <= radii[node]
        if _box_gap(centres[node], box) < radii[node] and not on_dot:
            faults.append((text, round(2 * radii[node] / box.height, 2)))
    return faults


@pytest.fixture(scope="module")
def drawn(maps):
    """Each map drawn once (as ``litkit cooccur`` / ``litkit collab`` draw it), measured as rendered."""
    import matplotlib.pyplot as plt

    out = {}
    for name, (net, n_labels) in maps.items():
        fig = net.plot(n_labels=n_labels)
        out[name] = (*drawn_map(fig, len(net)), net.nodes["cluster"].to_numpy(), net.sizes)
        plt.close(fig)
    return out


def test_helpers_by_hand():
    from matplotlib.transforms import Bbox

    centres = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 5.0], [30.0, 0.0]])
    radii = np.array([2.0, 2.0, 2.0, 2.0])
    box = Bbox.from_extents(20, -3, 28, 3)
    labels = {0: ("a", box), 3: ("b", Bbox.from_extents(32, -3, 40, 3))}
    # from node 0's rim through node 1's dot (and the label of node 3? no: it ends on its own box)
    faults = leader_faults(centres, radii, labels, [(0, np.array([2.0, 0.0]), np.array([20.0, 0.0]))])
    assert faults == [("a", "through the dot of", "node 1")]
    assert leader_faults(centres, radii, labels, [(0, np.array([0.0, 2.0]), np.array([20.0, 3.0]))]) == []
    faults = leader_faults(centres, radii, labels, [(0, np.array([2.0, 0.0]), np.array([36.0, 0.0]))])
    assert faults == [
        ("a", "through the dot of", "node 1"),
        ("a", "through the dot of", "b"),
        ("a", "through the label", "b"),
    ]
    # label "a" 18 px from its dot with a 6 px text height: far; with the line it is joined
    assert far_without_leader(centres, radii, labels, []) == [("a", 3.0)]
    assert far_without_leader(centres, radii, labels, [(0, np.array([2.0, 0.0]), np.array([20.0, 0.0]))]) == []
    # "b" touches node 3's dot (gap 0): near, not over it.  Centred on a dot 4 px tall, an 8 x 6 px text
    # hides it; on a dot 12 px across it lies wholly on the dot (half-diagonal 5 px); on one 9 px across
    # (taller than the text, as "福州大学" was) its corners stick out
    assert over_small_dots(centres, radii, labels) == []
    centred = {3: ("b", Bbox.from_extents(26, -3, 34, 3))}
    assert over_small_dots(centres, radii, centred) == [("b", 0.67)]
    assert over_small_dots(centres, radii * 3, centred) == []
    assert over_small_dots(centres, radii * 2.25, centred) == [("b", 1.5)]


@pytest.mark.parametrize(
    "name", ["institutions (review)", "keywords (Chinese exports)", "keywords (six merged exports)"]
)
def test_leader_lines_cross_no_dot_and_no_label(drawn, name):
    centres, radii, labels, segments, clusters, sizes = drawn[name]
    assert len(labels) >= 15 and len(segments) >= 1, (len(labels), len(segments))  # the rules are exercised
    assert leader_faults(centres, radii, labels, segments, clusters) == []
    # the map's heaviest node is named (the Chinese map's 用户体验 has no way out but through its cluster)
    assert int(np.argmax(sizes)) in labels


@pytest.mark.parametrize(
    "name", ["institutions (review)", "keywords (Chinese exports)", "keywords (six merged exports)"]
)
def test_label_beside_its_dot_or_joined(drawn, name):
    centres, radii, labels, segments, _, _ = drawn[name]
    assert far_without_leader(centres, radii, labels, segments) == []


@pytest.mark.parametrize(
    "name", ["institutions (review)", "keywords (Chinese exports)", "keywords (six merged exports)"]
)
def test_no_label_over_a_dot_smaller_than_its_text(drawn, name):
    centres, radii, labels, *_ = drawn[name]
    assert over_small_dots(centres, radii, labels) == []


def test_placer_routes_no_leader_along_a_row_of_dots():
    """A row of small components (as packed under the main map) whose first dot's label has no room above,
    below or to the left: today's placer ran its leader line along the row through the other dots
    ("Univ Autonoma Barcelona"); now the line leaves the row clear of the dots (or the label is left out)."""
    import matplotlib.pyplot as plt
    from matplotlib.transforms import Bbox

    from litkit.plot.labels import marker_radii, place_labels

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    xy = np.column_stack([np.linspace(0.05, 0.35, 4), np.full(4, 0.5)])
    sizes = np.full(4, 60.0)
    ax.scatter(*xy.T, s=sizes, zorder=2)
    fig.canvas.draw()
    frame = ax.get_window_extent()
    row = ax.transData.transform([[0.0, 0.5], [0.4, 0.5]])
    r = float(marker_radii([60.0], fig.dpi)[0])
    # the row's neighbours (other rows, the main map) above and below it, taken
    taken = [
        Bbox.from_extents(row[0, 0], row[0, 1] + r + 1, row[1, 0], frame.y1),
        Bbox.from_extents(row[0, 0], frame.y0, row[1, 0], row[0, 1] - r - 1),
    ]
    names = ["Univ Autonoma Barcelona"] + [""] * 3
    placed = place_labels(fig, ax, xy, [0], names, marker_radii(sizes, fig.dpi), np.full(4, 9.0), taken=taken)
    centres, radii, labels, segments = drawn_map(fig, 4)
    assert leader_faults(centres, radii, labels, segments) == []
    assert far_without_leader(centres, radii, labels, segments) == []
    assert [t.litkit_leader for t in placed] == [True]  # the line leaves the row above its dots
    plt.close(fig)
