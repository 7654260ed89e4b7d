"""The static network map greys the clusters its legend does not list (H28GALLERY).

Before: every cluster wore ``_CLUSTER_PALETTE[cluster % 15]``, so on the co-authorship map of the WoS
environment exports (200 authors, 87 clusters, the legend naming #0-#9) the components #15, #30, ... wore #0's
blue and the legend's "#1 Butchart, SHM" yellow also coloured Gustavsson L's group.  Now the listed clusters
keep their colours, every other node is one grey, and the legend counts them."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.collections
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

import litkit

WOS = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
]


@pytest.fixture(scope="module")
def authors(shared_corpora):
    wos = litkit.read([str(shared_corpora / f) for f in WOS])
    net = litkit.collaboration(wos, unit="author")
    assert (len(net), len(net.clusters)) == (200, 87)
    return net


def _faces(fig, n: int) -> list[str]:
    ax = fig.axes[0]
    (dots,) = [
        c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection) and len(c.get_offsets()) == n
    ]
    return [to_hex(f).upper() for f in dots.get_facecolor()]


def test_unlisted_clusters_are_grey_on_the_real_coauthorship_map(authors):
    net = authors
    fig = net.plot()
    faces = _faces(fig, len(net))
    cluster = net.nodes["cluster"].astype(int).tolist()
    listed = net.clusters["cluster"].head(10).astype(int).tolist()
    colour_of = {}
    for c, f in zip(cluster, faces):
        colour_of.setdefault(c, set()).add(f)
    assert all(len(v) == 1 for v in colour_of.values())  # one colour per cluster
    listed_colours = [next(iter(colour_of[c])) for c in listed]
    assert len(set(listed_colours)) == 10  # ten different colours for the ten named clusters
    others = {next(iter(v)) for c, v in colour_of.items() if c not in listed}
    assert len(others) == 1 and not others & set(listed_colours)  # before: 15 colours, #0's among them
    legend = fig.axes[0].get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    n_other = sum(c not in listed for c in cluster)
    assert texts[:10] == [f"#{r.cluster} {r.label} ({r.size})" for r in net.clusters.head(10).itertuples()]
    assert texts[10:] == [f"77 more clusters ({n_other})"]
    handles = legend.legend_handles
    assert [to_hex(h.get_markerfacecolor()).upper() for h in handles[:10]] == listed_colours
    assert to_hex(handles[10].get_markerfacecolor()).upper() in others
    plt.close(fig)


def test_a_map_whose_clusters_are_all_listed_is_unchanged(demo_dir):
    """The demo's keyword map (all its clusters in the legend): no grey, no extra legend entry."""
    wos = litkit.read([str(demo_dir / "wos" / "savedrecs.txt"), str(demo_dir / "wos" / "savedrecs (1).txt")])
    net = litkit.cooccurrence(wos)
    assert len(net.clusters) <= 10
    fig = net.plot()
    assert "#A8A8A8" not in _faces(fig, len(net))
    assert len(fig.axes[0].get_legend().get_texts()) == len(net.clusters)
    plt.close(fig)
