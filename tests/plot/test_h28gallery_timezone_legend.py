"""The time-zone view explains its colours and rings (H28GALLERY).

Before: the view coloured its nodes by cluster and ringed bursts and central nodes, with no legend at all (the
README's demo figure: five colours, 130 red rings, nothing naming them).  Now a legend below the year axis names
the listed clusters in their colours (the map's legend: ``#c label (size)``, the others grey and counted) and
the rings; without a clusters table, only the rings."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.collections
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import to_hex

from litkit.plot.citation import RING_RED, plot_cocitation_map, plot_timezone_view


def _network(n_clusters: int = 6, per: int = 4):
    rows, links = [], []
    for c in range(n_clusters):
        for k in range(per):
            i = c * per + k + 1
            burst = 3.0 if k == 0 else 0.0
            rows.append((i, f"Ref {i}, {2000 + i % 9}", 2000 + i % 9, c * 3.0 + k * 0.3, k * 0.2, 10.0 - c, c, burst))
            links += [(i, j, 1.0) for j in range(c * per + 1, i)]
    nodes = pd.DataFrame(rows, columns=["id", "label", "year", "x", "y", "citations", "cluster", "burst"])
    links = pd.DataFrame(links, columns=["source_id", "target_id", "strength"])
    clusters = pd.DataFrame({"cluster": range(n_clusters), "label": [f"topic {c}" for c in range(n_clusters)]})
    return nodes, links, clusters.assign(size=per)


def _legend(fig):
    legend = fig.axes[0].get_legend()
    assert legend is not None, "the view has no legend"
    return legend


def test_timezone_legend_names_the_clusters_in_their_colours():
    nodes, links, clusters = _network()
    fig = plot_timezone_view(nodes, links, clusters=clusters, legend_clusters=4)
    legend = _legend(fig)
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == [f"#{c} topic {c} (4)" for c in range(4)] + ["2 more clusters (8)", "citation burst"]
    # each entry's colour is the colour of its cluster's dots as drawn (brute force over the scatter)
    ax = fig.axes[0]
    dots = next(
        c
        for c in ax.collections
        if isinstance(c, matplotlib.collections.PathCollection) and c.get_facecolor()[:, 3].all()
    )
    faces = [to_hex(f).upper() for f in dots.get_facecolor()]
    drawn = dict(zip(nodes["cluster"], faces))  # every node of the view is drawn (4 per year at most here)
    assert len(faces) == len(nodes)
    handles = legend.legend_handles
    for c in range(4):
        assert to_hex(handles[c].get_markerfacecolor()).upper() == drawn[c]
    assert to_hex(handles[4].get_markerfacecolor()).upper() == drawn[4] == drawn[5]
    assert len({drawn[c] for c in range(4)} | {drawn[4]}) == 5
    assert to_hex(handles[5].get_markeredgecolor()) == to_hex(RING_RED)
    # the legend lies below the year axis' tick labels, not over the plot
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = legend.get_window_extent(renderer)
    ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert box.y1 <= min(t.y0 for t in ticks) + 0.5
    plt.close(fig)


def test_timezone_legend_without_clusters_explains_the_rings_and_matches_the_map():
    nodes, links, clusters = _network()
    fig = plot_timezone_view(nodes, links)
    assert [t.get_text() for t in _legend(fig).get_texts()] == ["citation burst"]
    plt.close(fig)
    # with the clusters, the same entries as the co-citation map's legend
    a = plot_timezone_view(nodes, links, clusters=clusters)
    b = plot_cocitation_map(nodes, links, clusters, n_labels=0)
    assert [t.get_text() for t in _legend(a).get_texts()] == [t.get_text() for t in _legend(b).get_texts()]
    plt.close("all")
