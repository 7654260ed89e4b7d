"""Figures of citation networks (litkit.plot.citation): what is drawn where, and no text overlapping or clipped.

Nodes and links are hand-built DataFrames (the columns a Network provides), crowded on purpose: many nodes
per year and long labels, so that a careless label placement would overlap or leave the frame.  One test
draws the demo corpus's real co-citation and citation networks.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from litkit.errors import LitkitError
from litkit.plot import citation as C
from litkit.plot.style import save_figure


def _network(n=120, clusters=6, seed=3):
    rng = np.random.default_rng(seed)
    cluster = np.arange(n) % clusters
    year = 1995 + (rng.integers(0, 25, n))
    nodes = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "label": [f"Author{i:03d} X, {y}, JOURNAL OF LONG NAMES {i % 7}" for i, y in enumerate(year)],
            "citations": rng.integers(2, 120, n),
            "cluster": cluster,
            "year": year,
            "x": rng.normal(size=n) + 3 * np.cos(cluster),
            "y": rng.normal(size=n) + 3 * np.sin(cluster),
            "centrality": np.where(np.arange(n) % 9 == 0, 0.2, 0.01),
            "burst": np.where(np.arange(n) % 11 == 0, 4.5, 0.0),
        }
    )
    pairs = [(a, b) for a, b in itertools.combinations(range(1, n + 1), 2) if rng.random() < 0.05]
    links = pd.DataFrame(pairs, columns=["source_id", "target_id"])
    links["count"] = rng.integers(1, 9, len(links))
    links["strength"] = links["count"] / links["count"].max()
    table = pd.DataFrame({"cluster": range(clusters), "label": [f"theme number {c}" for c in range(clusters)]})
    table["size"] = [int((cluster == c).sum()) for c in range(clusters)]
    return nodes, links, table


def _texts(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    from matplotlib.text import Text

    hidden = set()  # an axes drawn without its axis (set_axis_off) still has tick labels, never drawn
    for ax in fig.axes:
        if not ax.axison:
            hidden.update(ax.get_xticklabels() + ax.get_yticklabels())
            hidden.update([ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text(), ax.xaxis.label, ax.yaxis.label])
    out = []
    for text in fig.findobj(lambda a: isinstance(a, Text)):
        if text.get_visible() and text.get_text().strip() and text not in hidden:
            out.append((text.get_text(), text.get_window_extent(renderer)))
    return out


def _no_overlap_and_inside(fig):
    boxes = _texts(fig)
    clash = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]
    assert clash == [], clash[:5]
    # text placed in an axes stays inside it (no clipping by the axes frame)
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        frame = ax.get_window_extent(renderer)
        for text in ax.texts:
            if text.get_visible() and text.get_text() and text.get_clip_on():
                box = text.get_window_extent(renderer)
                assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, text.get_text()
                assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5, text.get_text()
    return boxes


def _ink_margins(path):
    from PIL import Image

    with Image.open(path) as image:
        grey = np.asarray(image.convert("L"))
    ys, xs = np.nonzero(grey < 250)
    h, w = grey.shape
    return ys.min(), h - 1 - ys.max(), xs.min(), w - 1 - xs.max()


def _node_offsets(ax, n):
    """Offsets of the node scatter (the PathCollection with one point per node and no ring gid)."""
    for coll in ax.collections:
        if coll.get_gid() is None and len(coll.get_offsets()) == n and coll.get_facecolors().size:
            return np.asarray(coll.get_offsets())
    raise AssertionError("no node scatter")


def _ring_count(ax, kind):
    return sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == f"ring-{kind}")


@pytest.mark.parametrize("figure", ["map", "timeline", "timezone", "historiograph"])
def test_no_text_overlaps_or_is_clipped(tmp_path, figure):
    nodes, links, clusters = _network()
    if figure == "map":
        fig = C.plot_cocitation_map(nodes, links, clusters, n_labels=60)
    elif figure == "timeline":
        fig = C.plot_timeline_view(nodes, links, clusters, labels_per_cluster=6)
    elif figure == "timezone":
        fig = C.plot_timezone_view(nodes, links, n_labels=60)
    else:
        hist = nodes.rename(columns={"citations": "lcs"})
        cites = links.assign(
            source_id=np.maximum(links.source_id, links.target_id),
            target_id=np.minimum(links.source_id, links.target_id),
        )
        fig = C.plot_historiograph(hist, cites, n_labels=40, top=None)
    boxes = _no_overlap_and_inside(fig)
    # labels were placed, not all dropped (the crowded map: 11 texts with its legend; a 12th label's only
    # room had its leader line through another label, which place_labels now refuses)
    assert len(boxes) >= 11
    (png, svg, pdf) = save_figure(fig, tmp_path / figure, close=True)
    assert min(_ink_margins(png)) >= 5  # nothing touches the tight frame: nothing cut off
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_timeline_view_puts_each_member_at_its_year_in_its_cluster_row():
    nodes, links, clusters = _network()
    order = [3, 0, 5, 1]  # rows in the order of the clusters table, at most max_clusters
    fig = C.plot_timeline_view(nodes, links, clusters.iloc[order], max_clusters=3)
    ax = fig.axes[0]
    shown = nodes[nodes.cluster.isin(order[:3])].reset_index(drop=True)
    xy = _node_offsets(ax, len(shown))
    assert np.array_equal(xy[:, 0], shown["year"].to_numpy(float))
    assert np.array_equal(xy[:, 1], -shown["cluster"].map({c: r for r, c in enumerate(order[:3])}).to_numpy(float))
    # the cluster label at each row's end, right of the axes, at the row's height
    row_labels = {t.get_text(): t.xy[1] for t in ax.texts if t.get_text().startswith("#")}
    assert row_labels == {f"#{c} theme number {c}": -r for r, c in enumerate(order[:3])}
    assert _ring_count(ax, "centrality") == int((shown.centrality >= 0.1).sum())
    assert _ring_count(ax, "burst") == int((shown.burst > 0).sum())
    # member labels name the most cited members of their row
    renderer = fig.canvas.get_renderer()
    member = [t for t in ax.texts if not t.get_text().startswith("#")]
    for text in member:
        (row,) = shown.index[shown.label == text.get_text()]
        top3 = shown[shown.cluster == shown.at[row, "cluster"]].nlargest(3, "citations")
        assert text.get_text() in set(top3.label) or shown.at[row, "citations"] >= top3.citations.min()
        assert text.get_window_extent(renderer).width > 0


def test_timezone_view_columns_are_years_and_respect_per_year():
    nodes, links, _ = _network()
    fig = C.plot_timezone_view(nodes, links, per_year=2)
    ax = fig.axes[0]
    expected = nodes.sort_values(["citations", "label"], ascending=[False, True]).groupby("year").head(2)
    xy = _node_offsets(ax, len(expected))
    assert sorted(xy[:, 0]) == sorted(expected["year"].astype(float))
    per_col = pd.Series(xy[:, 1]).groupby(xy[:, 0]).apply(sorted)
    assert all(list(v) == list(range(len(v))) for v in per_col)  # stacked from the bottom, largest first


def _largest_component(nodes, links) -> np.ndarray:
    """Positions (rows of ``nodes``) of the largest connected component, by networkx."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes["id"])
    graph.add_edges_from(zip(links["source_id"], links["target_id"]))
    biggest = max(nx.connected_components(graph), key=lambda c: (len(c), -min(c)))
    return np.flatnonzero(nodes["id"].isin(biggest).to_numpy())


def test_map_places_nodes_at_layout_coordinates_with_rings():
    nodes, links, clusters = _network(40, 4)
    fig = C.plot_cocitation_map(nodes, links, clusters)
    ax = fig.axes[0]
    drawn = _node_offsets(ax, len(nodes))
    main = _largest_component(nodes, links)
    assert 1 < len(main) < len(nodes)  # the test network has small components too
    # The largest component is drawn at its layout coordinates; small ones are packed beside it.
    assert np.allclose(drawn[main], nodes[["x", "y"]].to_numpy()[main])
    from matplotlib.collections import LineCollection

    segments = next(c for c in ax.collections if isinstance(c, LineCollection)).get_segments()
    ends = {tuple(np.round(p, 9)) for seg in segments for p in seg}
    assert ends <= {tuple(np.round(p, 9)) for p in drawn}  # links join the nodes where they are drawn
    assert _ring_count(ax, "centrality") == int((nodes.centrality >= 0.1).sum())
    assert _ring_count(ax, "burst") == int((nodes.burst > 0).sum())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == [f"#{c} theme number {c} ({s})" for c, s in zip(clusters.cluster, clusters["size"])]
    assert "centrality ≥ 0.1" in legend and "citation burst" in legend


def test_map_packs_a_far_isolated_node_beside_the_main_component():
    """Issue 22 on the WoS environment exports: one isolated reference sat alone in a corner, ~40 % of
    the co-citation map empty, while plot_network and the HTML page packed it."""
    nodes, links, clusters = _network(40, 4)
    links = links[links["source_id"].ne(40) & links["target_id"].ne(40)]
    nodes.loc[nodes["id"] == 40, ["x", "y"]] = [60.0, 60.0]  # far away, no link
    fig = C.plot_cocitation_map(nodes, links, clusters)
    drawn = _node_offsets(fig.axes[0], len(nodes))
    main = _largest_component(nodes, links)
    main_span = np.ptp(drawn[main], axis=0).max()
    assert np.ptp(drawn, axis=0).max() < 1.6 * main_span  # raw coordinates: about 10x
    assert np.ptp(nodes[["x", "y"]].to_numpy(), axis=0).max() > 5 * main_span


def test_historiograph_draws_every_citation_and_labels_the_highest_lcs():
    nodes = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "label": ["A 2001", "B 2003", "C 2003", "D 2005", "E 2008", "F 2009"],
            "year": [2001, 2003, 2003, 2005, 2008, 2009],
        }
    )
    links = pd.DataFrame({"source_id": [2, 3, 4, 4, 5, 6, 6], "target_id": [1, 1, 1, 2, 4, 4, 1]})
    nodes["lcs"] = nodes["id"].map(links["target_id"].value_counts()).fillna(0).astype(int)
    fig = C.plot_historiograph(nodes, links, n_labels=2)
    ax = fig.axes[0]
    from matplotlib.patches import FancyArrowPatch

    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == len(links)
    assert {t.get_text() for t in ax.texts} == {"A 2001", "D 2005"}  # LCS 4 and 2
    xy = _node_offsets(ax, len(nodes))
    assert sorted(xy[:, 0]) == sorted(nodes["year"].astype(float))
    # top=3 keeps the three highest LCS and only the links among them
    fig = C.plot_historiograph(nodes, links, n_labels=0, top=3)
    assert len([p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]) == 3  # B->A, D->A, D->B


def test_bad_and_empty_inputs():
    nodes, links, clusters = _network(10, 2)
    with pytest.raises(LitkitError, match="missing column"):
        C.plot_timeline_view(nodes.drop(columns="year"), links, clusters)
    with pytest.raises(LitkitError, match="DataFrame"):
        C.plot_cocitation_map([1, 2], links)
    fig = C.plot_timeline_view(nodes.iloc[:0], links, clusters)
    assert any("no clustered nodes" in t.get_text() for t in fig.axes[0].texts)
    fig = C.plot_historiograph(nodes.assign(lcs=0), links.iloc[:0])
    assert any("no citations" in t.get_text() for t in fig.axes[0].texts)


@pytest.fixture(scope="module")
def demo_wos(demo_dir):
    import litkit

    return litkit.read([demo_dir / "wos"], progress=False)


def test_demo_networks_draw_cleanly(demo_wos, tmp_path):
    """The demo's real co-citation and direct-citation networks, drawn by every figure."""
    import litkit

    if not hasattr(litkit, "cocitation"):
        pytest.skip("litkit.cocitation is not written yet")
    net = litkit.cocitation(demo_wos, min_citations=8)
    nodes, links = net.nodes, net.links()
    for name, fig in [
        ("map", C.plot_cocitation_map(nodes, links, net.clusters)),
        ("timeline", C.plot_timeline_view(nodes, links, net.clusters)),
        ("timezone", C.plot_timezone_view(nodes, links)),
    ]:
        _no_overlap_and_inside(fig)
        (png,) = save_figure(fig, tmp_path / name, formats=["png"], close=True)
        assert min(_ink_margins(png)) >= 5
    cites = litkit.citation_network(demo_wos)
    fig = C.plot_historiograph(cites.nodes, cites.links(), n_labels=15)
    labelled = {t.get_text() for t in fig.axes[0].texts}
    lcs = cites.nodes.set_index("label")["lcs"]
    short = {", ".join(label.split(", ")[:2]): n for label, n in lcs.items()}
    fifteenth = sorted(lcs, reverse=True)[14]
    assert len(labelled) >= 12 and all(short[t] >= fifteenth for t in labelled)  # the top 15 by LCS
    _no_overlap_and_inside(fig)
