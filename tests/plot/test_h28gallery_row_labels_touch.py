"""Timeline and time-zone labels touch their dots or have a leader line (H28GALLERY).

Before: in the views that label above and below their rows (``vertical=True``) a label could be shifted
sideways by two thirds of its width, so its end stopped short of its node: on the real exports' timeline and
time-zone views labels floated 2-4 text heights from their dots with no leader line ("Eisenhardt KM, 1989,
ACAD ..." 4.0 heights on the CSSCI time-zone view, "Ramesh T, 2010, ..." 2.2 on the WoS timeline), read as
naming a neighbour.  Now the sideways positions keep the node under the label's end (touching) and the
farther ones get a leader line.  Measured on the drawn figure (display pixels), with the rule of the network
maps (tests/plot/test_h27labels_leaders.py): farther than half a text height from its dot needs a leader."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.collections
import matplotlib.pyplot as plt
import numpy as np
import pytest

import litkit
from litkit.plot.citation import plot_timeline_view, plot_timezone_view

NEAR = 0.5  # text heights
WOS = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
]
CSSCI = ["cssci/DataSet_CSSCI.txt", "cssci/cssci_1-100b.txt"]


def free_floating(fig) -> list[tuple[float, str]]:
    """(gap in text heights, label) of every label without a leader line farther than NEAR from its dot."""
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (dots,) = [
        c
        for c in ax.collections
        if isinstance(c, matplotlib.collections.PathCollection)
        and c.get_facecolor()[:, 3].all()
        and c.get_gid() is None
    ]
    centres = ax.transData.transform(np.asarray(dots.get_offsets(), dtype=float))
    radii = np.broadcast_to(np.sqrt(dots.get_sizes()) / 2 * fig.dpi / 72, (len(centres),))
    out = []
    for t in ax.texts:
        if not hasattr(t, "litkit_node") or t.litkit_leader:
            continue
        box = t.get_window_extent(renderer)
        c = centres[t.litkit_node]
        gap = np.hypot(c[0] - np.clip(c[0], box.x0, box.x1), c[1] - np.clip(c[1], box.y0, box.y1))
        gap -= radii[t.litkit_node]
        if gap > NEAR * box.height:
            out.append((round(float(gap / box.height), 2), t.get_text()))
    return out


@pytest.fixture(scope="module")
def networks(shared_corpora, demo_dir):
    read = lambda files: litkit.read([str(shared_corpora / f) for f in files])  # noqa: E731
    demo = sorted(str(p) for p in demo_dir.glob("*/*") if p.is_file() and p.suffix in (".txt", ".csv"))
    return {
        "WoS environment": litkit.cocitation(read(WOS)),
        "CSSCI": litkit.cocitation(read(CSSCI), label_fields=("DE",)),
        "demo": litkit.cocitation(litkit.merge(litkit.read(demo)), unit="reference", min_citations=5),
    }


@pytest.mark.parametrize("view", ["timeline", "timezone"])
def test_row_labels_touch_their_dots_or_have_a_leader(networks, view):
    for name, net in networks.items():
        if view == "timeline":
            fig = plot_timeline_view(net.nodes, net.links(), net.clusters, size=net.size)
        else:
            fig = plot_timezone_view(net.nodes, net.links(), size=net.size)
        labelled = [t for t in fig.axes[0].texts if hasattr(t, "litkit_node")]
        assert len(labelled) >= 8, (name, len(labelled))  # the views still label their nodes
        assert free_floating(fig) == [], (name, view)
        plt.close(fig)
