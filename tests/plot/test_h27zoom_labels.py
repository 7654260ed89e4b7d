"""Labels revealed by zooming in on the HTML network and overlay pages (H27ZOOM), as VOSviewer does.

The first view draws the labels it drew before (html_label_visibility); from the first view's zoom on the labels
keep their CSS px size on screen while distances grow, and each label is drawn from its level (a multiple of the
first view's zoom, NETWORK_ZOOM_LADDER) on.  The Python tests recheck the levels pair by pair on real exports; the
browser tests zoom headless Chromium's page and read back what it draws.
"""

from __future__ import annotations

import json
import re
import time

import numpy as np
import pytest
from helpers.paths import MERGED_REAL_EXPORTS

import litkit
from litkit.plot.network import (
    NETWORK_FONT_PX,
    NETWORK_ZOOM_LADDER,
    html_label_visibility,
    html_label_zoom_levels,
    network_html,
)


def _page_data(text: str) -> tuple[list[dict], dict]:
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*)\);\n", text).group(1))
    zoom = json.loads(re.search(r"  var zoomLabels = (.*);\n", text).group(1))
    return nodes, zoom


@pytest.fixture(scope="module")
def real_maps(shared_corpora, tmp_path_factory):
    folder = tmp_path_factory.mktemp("h27zoom")
    merged = litkit.merge(litkit.read([str(shared_corpora / f) for f in MERGED_REAL_EXPORTS]))
    cnki = litkit.read(str(shared_corpora / "cnki-refworks/CNKI.txt"))
    maps = {}
    for name, corpus in (("merged", merged), ("cnki", cnki)):
        net = litkit.cooccurrence(corpus)
        for view in ("network", "overlay"):
            path = net.to_html(folder / f"{name}_{view}.html", view=view)
            maps[f"{name} {view}"] = (net, path)
    return maps


def _em(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.58 for ch in text)


def _box(x, y, r, font, text):
    """A label's box centred below its dot (the estimate of vis-network's drawing, written out again)."""
    width = font * _em(text) + 4
    top = y + r + 2
    return (x - width / 2, top, x + width / 2, top + 1.25 * font)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covers(b, x, y, r) -> bool:
    dx = max(b[0] - x, 0.0, x - b[2])
    dy = max(b[1] - y, 0.0, y - b[3])
    return (dx * dx + dy * dy) ** 0.5 < r


@pytest.mark.parametrize("name", ["merged network", "cnki network", "merged overlay", "cnki overlay"])
def test_levels_on_real_exports(real_maps, name):
    net, path = real_maps[name]
    nodes, zoom = _page_data(path.read_text(encoding="utf-8"))
    n = len(nodes)
    texts = net.nodes["label"].astype(str).tolist()
    weights = np.asarray(net.sizes, dtype=float)
    lo, hi = NETWORK_FONT_PX
    px = lo + (hi - lo) * np.sqrt(weights / weights.max())
    index = {d["id"]: k for k, d in enumerate(nodes)}
    level = np.full(n, np.inf)
    for node_id, text, size, m in zoom["labels"]:
        k = index[node_id]
        assert text == texts[k] and size == pytest.approx(px[k], abs=1e-3)
        level[k] = m
    assert set(level[np.isfinite(level)]) <= set(NETWORK_ZOOM_LADDER)
    # The first level is the first view, as the page draws it (its node data unchanged by this feature) and as
    # html_label_visibility chooses it.
    first = np.array([bool(d["label"]) for d in nodes])
    assert np.array_equal(level == 1.0, first)
    full = [dict(d, label=t) for d, t in zip(nodes, texts)]
    assert np.array_equal(html_label_visibility(full, weights), first)
    x = [float(d["x"]) for d in nodes]
    y = [float(d["y"]) for d in nodes]
    r = [float(d["size"]) for d in nodes]
    rank = {i: k for k, i in enumerate(sorted(range(n), key=lambda i: (-weights[i], i)))}
    counts = []
    previous: set[int] = set()
    for m in NETWORK_ZOOM_LADDER:
        fonts = [d["font"]["size"] for d in nodes] if m == 1.0 else px / (zoom["zoom"] * m)
        boxes = [_box(x[i], y[i], r[i], fonts[i], texts[i]) for i in range(n)]
        shown = {i for i in range(n) if level[i] <= m}
        assert previous <= shown  # a label once drawn stays
        previous = shown
        counts.append(len(shown))
        # brute force over all pairs: no two drawn labels overlap, none covers a heavier node's dot
        for i in shown:
            for j in range(n):
                if j != i and j in shown:
                    assert not _overlap(boxes[i], boxes[j]), (m, texts[i], texts[j])
                if rank[j] < rank[i]:
                    assert not _covers(boxes[i], x[j], y[j], r[j]), (m, texts[i], texts[j])
        # and none is left out that fits: a label not drawn overlaps a drawn one or covers a heavier dot
        for i in set(range(n)) - shown:
            assert any(_overlap(boxes[i], boxes[j]) for j in shown) or any(
                _covers(boxes[i], x[j], y[j], r[j]) for j in range(n) if rank[j] < rank[i]
            ), (m, texts[i])
    # Measured: merged 41 -> 68 -> 90 -> 112 -> 133 -> 143 -> 150 of 200; CNKI 38 -> 44 -> 53 -> 58 -> 62 -> 68
    # -> 70 of 89.  The labels never drawn lie under a heavier item's dot at every zoom (dots grow with the zoom).
    assert counts[NETWORK_ZOOM_LADDER.index(2.0)] >= 1.3 * counts[0], counts
    assert counts[-1] >= 0.7 * n, (counts, n)


def _incremental_brute_force(x, y, r, first_font, px, zoom, texts, weights, ladder):
    n = len(x)
    order = sorted(range(n), key=lambda i: (-weights[i], i))
    level = [np.inf] * n
    for m in ladder:
        fonts = first_font if m == 1.0 else [p / (zoom * m) for p in px]
        boxes = [_box(x[i], y[i], r[i], fonts[i], texts[i]) for i in range(n)]
        for rank, i in enumerate(order):
            if level[i] <= m:
                continue
            if any(level[j] <= m and _overlap(boxes[i], boxes[j]) for j in range(n)):
                continue
            if any(_covers(boxes[i], x[j], y[j], r[j]) for j in order[:rank]):
                continue
            level[i] = m
    return level


@pytest.mark.parametrize("seed", range(4))
def test_levels_match_the_rule_written_out(seed):
    rng = np.random.default_rng(seed)
    n = 90
    x, y = rng.uniform(0, 2000, n), rng.uniform(0, 1600, n)
    weights = rng.integers(1, 12, n).astype(float)  # ties on purpose
    r = 6 + 30 * np.sqrt(weights / weights.max())
    zoom = 0.4
    px = 12 + 2 * np.sqrt(weights / weights.max())
    texts = ["t" * int(k) if k % 3 else "词" * int(k // 3 + 1) for k in rng.integers(2, 16, n)]
    first_font = [round(p / zoom, 3) for p in px]
    nodes = [{"x": x[i], "y": y[i], "size": r[i], "label": texts[i], "font": {"size": first_font[i]}} for i in range(n)]
    got = html_label_zoom_levels(nodes, weights, px, zoom)
    want = _incremental_brute_force(x, y, r, first_font, px, zoom, texts, weights, NETWORK_ZOOM_LADDER)
    assert got.tolist() == want
    assert 0 < np.sum(got == 1.0) < np.sum(np.isfinite(got)) < n


def test_ladder_must_start_at_one_and_increase():
    nodes = [{"x": 0, "y": 0, "size": 5, "label": "a", "font": {"size": 12}}]
    with pytest.raises(ValueError, match="ladder"):
        html_label_zoom_levels(nodes, np.array([1.0]), np.array([12.0]), 1.0, ladder=(1.5, 2.0))
    with pytest.raises(ValueError, match="ladder"):
        html_label_zoom_levels(nodes, np.array([1.0]), np.array([12.0]), 1.0, ladder=(1.0, 1.0))
    assert html_label_zoom_levels([], np.zeros(0), np.zeros(0), 1.0).tolist() == []


def test_thousand_nodes_fast():
    rng = np.random.default_rng(7)
    n = 1000
    weights = np.floor(rng.pareto(1.5, n) * 5) + 2
    r = 6 + 30 * np.sqrt(weights / weights.max())
    # spread as network_html spreads a map of 1,000 terms (600 x sqrt(1000 / 25) canvas units per map unit)
    x, y = rng.normal(0, 1300, n), rng.normal(0, 1100, n)
    zoom = 0.22
    px = 12 + 2 * np.sqrt(weights / weights.max())
    nodes = [
        {"x": x[i], "y": y[i], "size": r[i], "label": f"term {i} words", "font": {"size": round(px[i] / zoom, 3)}}
        for i in range(n)
    ]
    start = time.process_time()
    levels = html_label_zoom_levels(nodes, weights, px, zoom)
    cpu = time.process_time() - start
    assert cpu < 0.5, cpu  # measured 0.06-0.1 s
    assert np.isfinite(levels).sum() > (levels == 1.0).sum() > 0


def test_density_page_has_no_zoom_labels(real_maps):
    net, _ = real_maps["cnki network"]
    assert "zoomLabels" not in network_html(net, view="density")
    text = network_html(net)
    assert text == network_html(net)  # deterministic
    assert "zoomLabels" in text


# Draws the page at its first view and at MULTS times that zoom (moveTo, around the centre) and reports, per
# frame: the zoom, every text drawn with its CSS px size, and each node with a label: id, label, its centre and
# label box in the map's CSS px.
_PROBE = """
(async () => {
  const canvas = document.querySelector('#map canvas');
  const ratio = canvas.width / canvas.clientWidth;
  const proto = CanvasRenderingContext2D.prototype;
  const fill = proto.fillText;
  function frame() {
    return new Promise((resolve) => {
      const texts = [];
      proto.fillText = function (text) {
        const px = parseFloat(/([0-9.]+)px/.exec(this.font)[1]);
        texts.push([String(text), px * Math.abs(this.getTransform().d) / ratio]);
        return fill.apply(this, arguments);
      };
      network.once('afterDrawing', () => {
        proto.fillText = fill;
        const p = network.getPositions();
        // the drawn nodes' labels (the page changes network.body.nodes; the DataSet keeps the first view's)
        const labelled = nodes.getIds().filter((id) => network.body.nodes[id].options.label).map((id) => {
          const node = network.body.nodes[id];
          const s = node.labelModule.size;
          const a = network.canvasToDOM({x: s.left, y: s.top});
          const c = network.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
          const o = network.canvasToDOM(p[id]);
          return [id, node.options.label, o.x, o.y, a.x, a.y, c.x, c.y];
        });
        const m = document.getElementById('map');
        resolve({texts, labelled, scale: network.getScale(), map: [m.clientWidth, m.clientHeight]});
      });
      network.redraw();
    });
  }
  const out = [await frame()];
  const first = network.getScale();
  for (const k of MULTS) {
    network.moveTo({scale: first * k, animation: false});
    out.push(await frame());
  }
  return out;
})()
"""


@pytest.mark.parametrize("name", ["merged network", "cnki network"])
def test_zooming_in_the_browser_reveals_labels(real_maps, name):
    from helpers.chromium import render

    net, path = real_maps[name]
    nodes, zoom = _page_data(path.read_text(encoding="utf-8"))
    level = {item[0]: item[3] for item in zoom["labels"]}
    px = {item[0]: item[2] for item in zoom["labels"]}
    r = render(path, wait_ms=1500, script=_PROBE.replace("MULTS", "[2, 4]"))
    assert r.console_errors == [] and r.external_requests == []
    frames = r.value
    first_scale = frames[0]["scale"]
    inside_counts = []
    for k, frame in enumerate(frames):
        reached = max(frame["scale"], zoom["zoom"]) / zoom["zoom"]
        # the labels the page holds are those whose level the zoom has reached
        expected = {i for i, m in level.items() if m <= reached * (1 + 1e-9)}
        assert {row[0] for row in frame["labelled"]} == expected, (k, reached)
        width, height = frame["map"]
        drawn_texts = {}
        for text, size in frame["texts"]:
            drawn_texts.setdefault(text, []).append(size)
        drawn = [row for row in frame["labelled"] if row[1] in drawn_texts]
        # every node well inside the map has its label drawn, at its CSS px (constant on screen)
        inside = [row for row in frame["labelled"] if 40 < row[2] < width - 40 and 40 < row[3] < height - 40]
        assert {row[0] for row in inside} <= {row[0] for row in drawn}
        for row in drawn:
            assert min(drawn_texts[row[1]]) == pytest.approx(px[row[0]], rel=0.01), row
        # no two drawn labels overlap on screen
        boxes = [row[4:] for row in drawn]
        for a_i, a in enumerate(boxes):
            for b in boxes[:a_i]:
                assert not _overlap(a, b), (a, b)
        inside_counts.append(inside)
    # More labels at 2x than at 1x: in the 2x view (the map's middle), count the labels of the same nodes at 1x.
    centre = {row[0] for row in inside_counts[1]}
    at_first = {row[0] for row in frames[0]["labelled"]} & centre
    at_2x = {row[0] for row in frames[1]["labelled"]} & centre
    assert at_first < at_2x and len(at_2x) >= len(at_first) + 5, (len(at_first), len(at_2x))
    assert frames[1]["scale"] == pytest.approx(2 * first_scale) and frames[2]["scale"] == pytest.approx(4 * first_scale)
    assert len(frames[2]["labelled"]) > len(frames[1]["labelled"]) > len(frames[0]["labelled"])
