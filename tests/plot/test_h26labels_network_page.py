"""The HTML network and overlay pages' labels (issue H26LABELS): the heaviest items named, labels readable
at the first view.

The lead's screenshot of the WoS environment keyword map (200 terms, 1,200 x 900 window) showed labels of
5-9 CSS px and no label on the biggest nodes (climate change, co2 emissions, biodiversity): a label was
dropped when it touched any other node's dot.  Now labels are chosen as VOSviewer chooses them (heaviest
first, over lighter items' dots, never over a kept label or a heavier item's dot) and sized in CSS px for
the first view.  The browser tests measure what headless Chromium draws.
"""

from __future__ import annotations

import numpy as np
import pytest

import litkit
from litkit.plot.network import NETWORK_FONT_PX, html_label_visibility

READABLE_PX = 11.0

# Redraws with fillText wrapped and reports, in the map's CSS px: every drawn text with its font size,
# each labelled node's label box (vis-network's own label size, without the dot) and the map's size.
_PROBE = """
new Promise((resolve) => {
  const canvas = document.querySelector('#map canvas');
  const ratio = canvas.width / canvas.clientWidth;
  const proto = CanvasRenderingContext2D.prototype;
  const fill = proto.fillText;
  const texts = [];
  proto.fillText = function (text) {
    const px = parseFloat(/([0-9.]+)px/.exec(this.font)[1]);
    texts.push([String(text), px * Math.abs(this.getTransform().d) / ratio]);
    return fill.apply(this, arguments);
  };
  network.once('afterDrawing', () => {
    proto.fillText = fill;
    const m = document.getElementById('map');
    const boxes = nodes.get().filter((n) => n.label).map((n) => {
      const s = network.body.nodes[n.id].labelModule.size;
      const a = network.canvasToDOM({x: s.left, y: s.top});
      const c = network.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
      return [n.id, n.label, a.x, a.y, c.x, c.y];
    });
    resolve({texts, boxes, map: [m.clientWidth, m.clientHeight], scale: network.getScale()});
  });
  network.redraw();
})
"""


def _brute_force(x, y, r, font, labels, weights) -> list[bool]:
    """The greedy rule written out pair by pair: heaviest first (ties in node order), a label is kept when
    its box (centred below its dot) overlaps no kept label's box and no heavier node's dot."""
    n = len(x)
    order = sorted(range(n), key=lambda i: (-weights[i], i))
    box = []
    for i in range(n):
        width = font[i] * 0.58 * len(labels[i]) + 4
        top = y[i] + r[i] + 2
        box.append((x[i] - width / 2, top, x[i] + width / 2, top + 1.25 * font[i]))
    kept = [False] * n
    for rank, i in enumerate(order):
        b = box[i]
        ok = True
        for j in range(n):
            if kept[j]:
                c = box[j]
                if b[0] < c[2] and c[0] < b[2] and b[1] < c[3] and c[1] < b[3]:
                    ok = False
        for j in order[:rank]:
            dx = max(b[0] - x[j], 0.0, x[j] - b[2])
            dy = max(b[1] - y[j], 0.0, y[j] - b[3])
            if (dx * dx + dy * dy) ** 0.5 < r[j]:
                ok = False
        kept[i] = ok
    return kept


@pytest.mark.parametrize("seed", range(6))
def test_greedy_rule_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 80
    x, y = rng.uniform(0, 900, n), rng.uniform(0, 700, n)
    weights = rng.integers(1, 12, n).astype(float)  # ties on purpose
    r = 4 + 3 * np.sqrt(weights)
    font = 9 + weights
    labels = ["t" * int(k) for k in rng.integers(2, 14, n)]
    nodes = [{"x": x[i], "y": y[i], "size": r[i], "label": labels[i], "font": {"size": font[i]}} for i in range(n)]
    got = html_label_visibility(nodes, weights).tolist()
    assert got == _brute_force(x, y, r, font, labels, weights)
    assert got[int(np.argmax(weights))]  # the heaviest (first of the heaviest) always named
    assert 0 < sum(got) < n


def test_a_label_may_cover_a_lighter_dot_but_not_a_heavier_one():
    hub = {"x": 0.0, "y": 0.0, "size": 10.0, "label": "climate change", "font": {"size": 14.0}}
    # the hub's label box: x -58.9 .. 58.9, y 12 .. 29.5; the small dot reaches into it, its own label
    # (x 60.8 .. 67.2) is clear of the hub's
    small = {"x": 64.0, "y": 15.0, "size": 6.0, "label": "x", "font": {"size": 4.0}}
    assert html_label_visibility([hub, small], np.array([9.0, 1.0])).tolist() == [True, True]
    # the same dot, heavier than the labelled node: the label goes, the heavier node keeps its own
    assert html_label_visibility([hub, small], np.array([1.0, 9.0])).tolist() == [False, True]


@pytest.fixture(scope="module")
def real_pages(shared_corpora, tmp_path_factory):
    folder = tmp_path_factory.mktemp("h26labels")
    pages = {}
    for name, source in (
        ("wos-environment", "wos-plaintext-environment"),
        ("cnki", "cnki-refworks/CNKI.txt"),
    ):
        net = litkit.cooccurrence(litkit.read(str(shared_corpora / source)))
        pages[name] = (net, net.to_html(folder / f"{name}.html"))
    net = pages["wos-environment"][0]
    pages["wos-environment overlay"] = (net, net.to_html(folder / "overlay.html", view="overlay"))
    return pages


@pytest.mark.parametrize("name", ["wos-environment", "cnki", "wos-environment overlay"])
def test_first_view_names_the_hubs_readably(real_pages, name):
    from helpers.chromium import render

    net, path = real_pages[name]
    r = render(path, wait_ms=1500, script=_PROBE)
    assert r.console_errors == [] and r.external_requests == []
    probe = r.value
    labelled = {b[0] for b in probe["boxes"]}
    # the five heaviest items are named
    ids = net.nodes["id"].to_numpy()
    heaviest = ids[np.argsort(-np.asarray(net.sizes, dtype=float), kind="stable")[:5]]
    assert set(heaviest.tolist()) <= labelled, (heaviest, sorted(labelled))
    # every drawn label readable: >= 11 CSS px (the design is NETWORK_FONT_PX at 880 x 800 px or more)
    texts = {b[1] for b in probe["boxes"]}
    drawn = [px for text, px in probe["texts"] if text in texts]
    assert len(drawn) >= len(texts) >= 20, (len(drawn), len(texts))
    assert min(drawn) >= READABLE_PX, sorted(drawn)[:5]
    assert max(drawn) <= NETWORK_FONT_PX[1] * 1.5, max(drawn)
    # no two label boxes overlap, and each is wholly in the map
    width, height = probe["map"]
    boxes = [b[2:] for b in probe["boxes"]]
    for k, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] >= 0 and a[2] <= width and a[3] <= height, probe["boxes"][k]
        for b in boxes[:k]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
