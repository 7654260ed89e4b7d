"""The co-citation (and coupling) map names its clusters on the map, as CiteSpace does (H28GALLERY).

Before: the clusters were named only in the legend, by colour, and a cluster whose largest node found no
room for its label had no text on the map at all -- the demo map's green cluster #2 (44 nodes), and on the
CSSCI exports' map #4, #6 and #7.  Now every cluster the legend lists has its name ``#c label`` on the map,
bold, touching a member's dot or joined to it by a leader line, over no label and no dot (checked by brute
force on the drawn figure, in display pixels).  The nodes of clusters the legend does not list are grey (the
palette repeated: on the WoS coupling map one-node clusters #10-#24 wore #0-#9's colours), and cluster names
drawn as text are dark enough to read (WCAG contrast >= 4.5 against white; light blue #88CCEE is 1.9).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.collections
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgb

import litkit
from litkit.plot.citation import plot_cocitation_map, plot_timeline_view

CSSCI = ["cssci/DataSet_CSSCI.txt", "cssci/cssci_1-100b.txt"]


def _contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two colours (written here from the definition, not litkit's)."""

    def lum(c):
        c = np.array(to_rgb(c))
        c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _dots(fig, n: int):
    """Centres and radii (display pixels) of the map's n node dots, as drawn, and their face colours."""
    ax = fig.axes[0]
    fig.canvas.draw()
    scatters = [
        c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection) and len(c.get_offsets()) == n
    ]
    dots = next(c for c in scatters if c.get_facecolor()[:, 3].all())
    centres = ax.transData.transform(np.asarray(dots.get_offsets(), dtype=float))
    radii = np.sqrt(dots.get_sizes()) / 2 * fig.dpi / 72
    return centres, radii, [to_hex(c).upper() for c in dots.get_facecolor()]


def _box_gap(c, box) -> float:
    return float(np.hypot(c[0] - np.clip(c[0], box.x0, box.x1), c[1] - np.clip(c[1], box.y0, box.y1)))


def check_cluster_names(fig, nodes: pd.DataFrame, clusters: pd.DataFrame, legend_clusters: int = 10) -> int:
    """Assert every listed cluster is named on the map, joined to one of its members, over nothing;
    returns the number of names checked."""
    ax = fig.axes[0]
    centres, radii, _ = _dots(fig, len(nodes))
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    texts = [t for t in ax.texts if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    # no two texts overlap, none leaves the axes, none covers a dot (its own dot only when it is a name
    # written on the dot: not the case on this map, whose labels are never centred)
    for a in range(len(boxes)):
        assert frame.x0 - 0.5 <= boxes[a].x0 and boxes[a].x1 <= frame.x1 + 0.5, texts[a].get_text()
        assert frame.y0 - 0.5 <= boxes[a].y0 and boxes[a].y1 <= frame.y1 + 0.5, texts[a].get_text()
        for b in range(a + 1, len(boxes)):
            assert not boxes[a].shrunk(0.98, 0.9).overlaps(boxes[b]), (texts[a].get_text(), texts[b].get_text())
        gaps = np.array([_box_gap(c, boxes[a].shrunk(0.98, 0.9)) for c in centres])
        assert (gaps >= radii - 0.5).all(), (texts[a].get_text(), "covers a dot")
    leaders = {
        line.litkit_leader_of: ax.transData.transform(np.asarray(line.get_xydata(), dtype=float))
        for line in ax.lines
        if hasattr(line, "litkit_leader_of")
    }
    cluster_of = nodes["cluster"].astype(int).to_numpy()
    checked = 0
    for row in clusters.head(legend_clusters).itertuples(index=False):
        name = f"#{row.cluster} {row.label}"
        (text,) = [t for t in texts if t.get_text() == name]  # exactly one, on the map (not the legend's)
        box = text.get_window_extent(renderer)
        members = np.flatnonzero(cluster_of == int(row.cluster))
        if getattr(text, "litkit_leader", False):
            start, end = leaders[text.litkit_node]
            assert _box_gap(end, box) < 1.0  # the leader reaches the name
            d = np.hypot(*(centres[members] - start).T)
            assert (d <= radii[members] + 1.0).any(), (name, "leader starts on no member's rim")
        else:  # touching a member's dot: within half a text height of its rim
            gaps = np.array([_box_gap(centres[i], box) - radii[i] for i in members])
            assert gaps.min() <= box.height / 2, (name, "floats free of its cluster")
        assert _contrast(text.get_color(), "white") >= 4.5, (name, text.get_color())
        checked += 1
    return checked


@pytest.fixture(scope="module")
def demo_cocitation(demo_dir):
    """The demo's co-citation network, as `litkit demo` makes it (merged corpus, min_citations=5)."""
    files = sorted(str(p) for p in demo_dir.glob("*/*") if p.is_file() and p.suffix in (".txt", ".csv"))
    net = litkit.cocitation(litkit.merge(litkit.read(files)), unit="reference", min_citations=5)
    assert (len(net), net.n_links, len(net.clusters)) == (200, 7244, 5)  # the gallery's map
    return net


def test_every_cluster_of_the_demo_map_is_named_on_the_map(demo_cocitation):
    net = demo_cocitation
    fig = plot_cocitation_map(net.nodes, net.links(), net.clusters, size=net.size, n_labels=30)
    assert check_cluster_names(fig, net.nodes, net.clusters) == 5  # #2 ecological compensation had none
    # the map's most cited reference keeps its label
    top = net.nodes.sort_values([net.size, "label"], ascending=[False, True])["label"].iloc[0]
    assert top in {t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)


def test_every_cluster_of_the_cssci_map_is_named_on_the_map(shared_corpora):
    cssci = litkit.read([str(shared_corpora / f) for f in CSSCI])
    net = litkit.cocitation(cssci, label_fields=("DE",))
    assert len(net.clusters) == 8
    fig = plot_cocitation_map(net.nodes, net.links(), net.clusters, size=net.size)
    assert check_cluster_names(fig, net.nodes, net.clusters) == 8  # #4 技术位, #6 知识共享, #7 企业绩效 had none
    plt.close(fig)


def _many_clusters(n_clusters: int = 12, per: int = 3) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """n_clusters triangles side by side, cluster c of ``per`` nodes; the clusters table largest first."""
    rng = np.random.default_rng(7)
    rows, links = [], []
    for c in range(n_clusters):
        for k in range(per):
            i = c * per + k + 1
            rows.append((i, f"Ref {i}, 2000", c * 3.0 + rng.uniform(0, 1), rng.uniform(0, 1), 10 - c * 0.5, c))
            links += [(i, j, 1.0) for j in range(c * per + 1, i)]
    nodes = pd.DataFrame(rows, columns=["id", "label", "x", "y", "citations", "cluster"])
    links = pd.DataFrame(links, columns=["source_id", "target_id", "strength"])
    clusters = pd.DataFrame({"cluster": range(n_clusters), "label": [f"topic {c}" for c in range(n_clusters)]})
    return nodes, links, clusters.assign(size=per)


def test_clusters_the_legend_does_not_list_are_grey():
    nodes, links, clusters = _many_clusters(20)
    fig = plot_cocitation_map(nodes, links, clusters, legend_clusters=4, n_labels=0)
    _, _, faces = _dots(fig, len(nodes))
    listed = nodes["cluster"] < 4
    listed_colours = {f for f, keep in zip(faces, listed) if keep}
    assert len(listed_colours) == 4  # one colour per listed cluster
    others = {f for f, keep in zip(faces, listed) if not keep}
    assert len(others) == 1 and not others & listed_colours  # before: cluster 15 wore cluster 0's blue
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == [f"#{c} topic {c} (3)" for c in range(4)] + ["16 more clusters (48)"]
    plt.close(fig)


def test_cluster_names_in_the_timeline_view_are_dark_enough():
    """The timeline's row names are the clusters' colours as text: #5's light blue was 2.6:1 on white."""
    nodes, links, clusters = _many_clusters(10)
    nodes["year"] = 2000 + nodes["id"] % 7
    fig = plot_timeline_view(nodes, links, clusters)
    names = [t for t in fig.axes[0].texts if t.get_text().startswith("#")]
    assert len(names) == 10
    assert min(_contrast(t.get_color(), "white") for t in names) >= 4.5
    plt.close(fig)
