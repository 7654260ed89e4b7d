"""Network maps' three views and their labels: no label over another label or another node, none
clipped, each beside its node or joined to it by a leader line -- on the demo's maps and real exports."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from helpers.paths import MERGED_REAL_EXPORTS
from matplotlib.lines import Line2D

import litkit
from litkit.plot.network import density_grid, html_label_visibility, network_html


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def check_labels(fig, labels: list[str]) -> int:
    """Assert the label rules on a drawn map from what the renderer reports; returns the labels drawn."""
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    fig_box = fig.bbox
    frame = ax.get_window_extent(renderer)
    texts = [t for t in ax.texts if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    # node markers: every scatter collection on the axes, in display pixels
    centres, radii = [], []
    for coll in ax.collections:
        if isinstance(coll, matplotlib.collections.PathCollection) and len(coll.get_offsets()):
            face = coll.get_facecolor()
            if face.size == 0 or np.all(face[:, 3] == 0):
                continue  # rings drawn around nodes, not nodes
            offs = ax.transData.transform(np.asarray(coll.get_offsets(), dtype=float))
            sizes = np.broadcast_to(coll.get_sizes(), (len(offs),))
            centres.append(offs)
            radii.append(np.sqrt(sizes) / 2 * fig.dpi / 72)
    centres = np.concatenate(centres) if centres else np.zeros((0, 2))
    radii = np.concatenate(radii) if radii else np.zeros(0)
    leaders = [line for line in ax.lines if isinstance(line, Line2D)]
    for k, (text, box) in enumerate(zip(texts, boxes)):
        # not clipped: inside the axes and the figure
        assert box.x0 >= frame.x0 - 0.5 and box.x1 <= frame.x1 + 0.5, text.get_text()
        assert box.y0 >= frame.y0 - 0.5 and box.y1 <= frame.y1 + 0.5, text.get_text()
        assert box.x0 >= fig_box.x0 and box.x1 <= fig_box.x1 and box.y0 >= fig_box.y0 and box.y1 <= fig_box.y1
        for other in boxes[k + 1 :]:
            assert not _overlap(box, other), (text.get_text(), "overlaps another label")
        node = labels.index(text.get_text())
        own = ax.transData.transform(np.asarray(fig._litkit_xy[node], dtype=float))
        # no other node's marker under the label (the label's own node may be under it)
        if len(centres):
            nx_ = np.clip(centres[:, 0], box.x0, box.x1)
            ny_ = np.clip(centres[:, 1], box.y0, box.y1)
            hit = np.hypot(centres[:, 0] - nx_, centres[:, 1] - ny_) < radii - 0.5
            others = np.hypot(centres[:, 0] - own[0], centres[:, 1] - own[1]) > 0.5
            assert not np.any(hit & others), (text.get_text(), "covers another node")
        # beside its node (the box touches the marker's rim, or its corner does diagonally) or joined
        # to it by a leader line
        gap = np.hypot(own[0] - np.clip(own[0], box.x0, box.x1), own[1] - np.clip(own[1], box.y0, box.y1))
        own_r = radii[np.argmin(np.hypot(*(centres - own).T))] if len(centres) else 2.0
        if gap > 1.5 * own_r + 6:
            ends = [ax.transData.transform(np.asarray(line.get_xydata(), dtype=float)) for line in leaders]
            joined = any(
                np.hypot(*(e[0] - own)) < own_r + 1.0  # from the node's rim (H27LABELS), formerly its centre
                and np.hypot(e[1][0] - np.clip(e[1][0], box.x0, box.x1), e[1][1] - np.clip(e[1][1], box.y0, box.y1))
                < 1.0
                for e in ends
            )
            assert joined, (text.get_text(), "far from its node with no leader line")
    return len(texts)


def _draw(net, **kwargs):
    import litkit.plot.network as pn

    fig = net.plot(**kwargs)
    kw = net.nodes
    figsize = kwargs.get("figsize", (7.2, 6.4))
    fig._litkit_xy = pn.drawing_positions(kw[["x", "y"]].to_numpy(dtype=float), net.weights, figsize[0] / figsize[1])
    return fig


@pytest.fixture(scope="module")
def demo_maps(demo_dir):
    wos = litkit.read([str(demo_dir / "wos" / "savedrecs.txt"), str(demo_dir / "wos" / "savedrecs (1).txt")])
    cnki = litkit.read(str(demo_dir / "cnki" / "CNKI-refworks.txt"))
    return {
        "demo keywords (WoS)": litkit.cooccurrence(wos),
        "demo keywords (CNKI)": litkit.cooccurrence(cnki),
        "demo co-citation": litkit.cocitation(wos, min_citations=2),
        "demo countries": litkit.collaboration(wos, unit="country"),
    }


@pytest.fixture(scope="module")
def real_maps(shared_corpora):
    merged = litkit.merge(litkit.read([str(shared_corpora / f) for f in MERGED_REAL_EXPORTS]))
    cnki = litkit.read(str(shared_corpora / "cnki-refworks/CNKI.txt"))
    return {"WoS + CNKI + Scopus": litkit.cooccurrence(merged), "CNKI alone": litkit.cooccurrence(cnki)}


@pytest.mark.parametrize("view", ["network", "overlay", "density"])
def test_demo_map_labels(demo_maps, view):
    import matplotlib.pyplot as plt

    for name, net in demo_maps.items():
        if len(net) == 0:
            continue
        overlay = "avg_year" if "avg_year" in net.nodes else None
        if view == "overlay" and overlay is None:
            numeric = [c for c in ("year", "centrality", "total_link_strength") if c in net.nodes]
            overlay = numeric[0]
        fig = _draw(net, view=view, overlay=overlay if view == "overlay" else None)
        drawn = check_labels(fig, net.nodes["label"].astype(str).tolist())
        assert drawn >= min(len(net.clusters), 3), name
        plt.close(fig)


@pytest.mark.parametrize("view", ["network", "overlay", "density"])
def test_real_map_labels(real_maps, view):
    import matplotlib.pyplot as plt

    for name, net in real_maps.items():
        fig = _draw(net, view=view)
        drawn = check_labels(fig, net.nodes["label"].astype(str).tolist())
        assert drawn >= 15, (name, drawn)
        plt.close(fig)


def test_overlay_colours_follow_the_column(demo_maps):
    import matplotlib.pyplot as plt

    net = demo_maps["demo keywords (WoS)"]
    fig = net.plot(view="overlay", overlay="total_link_strength")
    ax = fig.axes[0]
    coll = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)][0]
    values = net.nodes["total_link_strength"].to_numpy(dtype=float)
    cmap = matplotlib.colormaps["viridis"]
    expected = cmap((values - values.min()) / (values.max() - values.min()))
    assert np.allclose(coll.get_facecolor()[:, :3], expected[:, :3], atol=1e-6)
    assert any(a.get_xlabel() == "total link strength" for a in ax.child_axes)  # the colour bar
    with pytest.raises(ValueError):
        net.plot(view="overlay", overlay="no such column")
    with pytest.raises(ValueError):
        net.plot(view="heat")
    plt.close("all")


def test_density_grid_against_direct_sum():
    rng = np.random.default_rng(4)
    xy = rng.uniform(-1, 1, (25, 2))
    w = rng.integers(1, 9, 25).astype(float)
    limits = (-1.2, 1.2, -1.0, 1.0)
    grid = density_grid(xy, w, limits, kernel_width=0.15, resolution=40)
    gx = np.linspace(-1.2, 1.2, 40)
    gy = np.linspace(-1.0, 1.0, grid.shape[0])
    direct = np.zeros_like(grid)
    for r, yv in enumerate(gy):
        for c, xv in enumerate(gx):
            direct[r, c] = np.sum(w * np.exp(-((xv - xy[:, 0]) ** 2 + (yv - xy[:, 1]) ** 2) / (2 * 0.15**2)))
    assert np.allclose(grid, direct / direct.max())


def test_html_views_and_label_visibility(demo_maps):
    net = demo_maps["demo keywords (WoS)"]
    page = network_html(net)
    assert "network.fit(" in page and '"physics": {"enabled": false}' in page.replace("\\u0022", '"')
    overlay = network_html(net, view="overlay")
    assert "linear-gradient" in overlay and "Average publication year" in overlay
    density = network_html(net, view="density")
    assert "data:image/png;base64," in density
    with pytest.raises(ValueError):
        network_html(net, view="heat")
    # the kept labels' boxes overlap nothing: recomputed by brute force
    nodes = [
        {"x": float(x), "y": float(y), "size": 8.0, "label": lab, "font": {"size": 14.0}}
        for x, y, lab in zip(np.linspace(0, 200, 12), np.zeros(12), [f"term {i}" for i in range(12)])
    ]
    shown = html_label_visibility(nodes, np.arange(12, 0, -1, dtype=float))
    assert shown[0] and not shown.all()


# Every node, and the whole box of every node with its label (vis-network's getBoundingBox), on screen:
# [nodes in view, nodes, labelled boxes in view, labelled nodes].
_IN_VIEW = (
    "(() => { const m = document.getElementById('map'); let inside = 0, boxes = 0, labelled = 0;"
    " const on = (d) => d.x >= 0 && d.y >= 0 && d.x <= m.clientWidth && d.y <= m.clientHeight;"
    " const p = network.getPositions();"
    " for (const id of Object.keys(p)) { if (on(network.canvasToDOM(p[id]))) inside++; }"
    " for (const id of nodes.getIds()) { if (!nodes.get(id).label) continue; labelled++;"
    " const b = network.getBoundingBox(id);"
    " if (on(network.canvasToDOM({x: b.left, y: b.top})) && on(network.canvasToDOM({x: b.right, y: b.bottom})))"
    " boxes++; }"
    " return [inside, Object.keys(p).length, boxes, labelled]; })()"
)


def test_html_first_view_holds_every_label_on_a_real_coauthorship_map(shared_corpora, tmp_path):
    """WoS environment exports, authors: 86 components; the page framed the nodes only and cut the
    label of a node at the left edge ("Kalagasidis, AS")."""
    from helpers.chromium import render

    corpus = litkit.read(str(shared_corpora / "wos-plaintext-environment"))
    net = litkit.collaboration(corpus, unit="author")
    path = net.to_html(tmp_path / "authors.html")
    r = render(path, wait_ms=1500, script=_IN_VIEW)
    assert r.console_errors == [] and r.external_requests == []
    assert r.value[:2] == [len(net), len(net)]
    assert r.value[3] > 20 and r.value[2] == r.value[3], r.value


def test_html_first_view_holds_every_node(demo_maps, tmp_path):
    from helpers.chromium import render

    net = demo_maps["demo keywords (WoS)"]
    for view in ("network", "overlay", "density"):
        path = net.to_html(tmp_path / f"{view}.html", view=view)
        script = _IN_VIEW
        r = render(path, wait_ms=1500, script=script)
        assert r.console_errors == [] and r.external_requests == []
        assert r.value[:2] == [len(net), len(net)], view
        assert r.value[3] > 0 and r.value[2] == r.value[3], (view, r.value)  # no label cut by the page's edge
        assert r.distinct_colours() > 5
