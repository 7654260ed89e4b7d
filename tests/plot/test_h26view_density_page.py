"""The HTML density page (VOSviewer's density view) in headless Chromium, on real exports.

Issue 22's user found, on the six merged exports and on CNKI RefWorks alone, labels of 5-9 px at the
first view and the heat image cut at the page's edges (the outermost items' fade-out clipped, a hard
edge against white).  These tests measure what the browser draws: the canvas transform and arguments of
the density image's ``drawImage`` call, the pixel size of every ``fillText`` call, each label's box and
the screenshot's pixels against the image's own pixels after a zoom and a pan.
"""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pytest
from helpers.paths import MERGED_REAL_EXPORTS

import litkit
from litkit.plot.network import (
    DENSITY_FONT_PX,
    DENSITY_PAGE_BOX,
    html_label_visibility,
    network_html,
)

# Smallest label a reader takes in at a glance (CSS px): browsers' own minimum font-size settings
# start about there, and the static density figure's smallest labels (6.5 pt on a 7.2-inch map) come
# to 11-12 px when its map is shown as wide as the page's.
READABLE_PX = 11.0

# Wraps the canvas' drawImage and fillText, redraws, and reports in the map's CSS pixels: the density
# image's drawn rectangle, the drawn size of every label text, every node's position, every labelled
# node's box (getBoundingBox), the density box's corners through canvasToDOM, and the map's size.
_PROBE = """
new Promise((resolve) => {
  const canvas = document.querySelector('#map canvas');
  const ratio = canvas.width / canvas.clientWidth;
  const proto = CanvasRenderingContext2D.prototype;
  const draw = proto.drawImage, fill = proto.fillText;
  const images = [], texts = [];
  proto.drawImage = function (img, x, y, w, h) {
    if (img === densityImage) {
      const t = this.getTransform();
      images.push([(t.a * x + t.e) / ratio, (t.d * y + t.f) / ratio, (t.a * (x + w) + t.e) / ratio,
                   (t.d * (y + h) + t.f) / ratio]);
    }
    return draw.apply(this, arguments);
  };
  proto.fillText = function (text) {
    const px = parseFloat(/([0-9.]+)px/.exec(this.font)[1]);
    texts.push([String(text), px * Math.abs(this.getTransform().d) / ratio]);
    return fill.apply(this, arguments);
  };
  network.once('afterDrawing', () => {
    proto.drawImage = draw; proto.fillText = fill;
    const m = document.getElementById('map');
    const p = network.getPositions();
    const positions = nodes.getIds().map((id) => { const d = network.canvasToDOM(p[id]); return [d.x, d.y]; });
    const boxes = nodes.get().filter((n) => n.label).map((n) => {
      const b = network.getBoundingBox(n.id);
      const a = network.canvasToDOM({x: b.left, y: b.top}), c = network.canvasToDOM({x: b.right, y: b.bottom});
      return [n.label, a.x, a.y, c.x, c.y];
    });
    const a = network.canvasToDOM({x: density.x, y: density.y});
    const c = network.canvasToDOM({x: density.x + density.width, y: density.y + density.height});
    const r = m.getBoundingClientRect();
    resolve({images, texts, positions, boxes, corners: [a.x, a.y, c.x, c.y], map: [r.left, r.top, m.clientWidth, m.clientHeight],
             scale: network.getScale(), background: getComputedStyle(m).backgroundColor});
  });
  network.redraw();
})
"""


def _browse(path, actions=()):
    """Open ``path`` offline in headless Chromium; after each JavaScript ``action`` (run in the page, "" = the
    first view as loaded) probe the drawing and take a screenshot.  Returns (probes, screenshots, requests,
    errors)."""
    from helpers.chromium import CHROMIUM, FLAGS, need_chromium

    need_chromium()
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    requests, errors, probes, shots = [], [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True).new_page()

            def on_route(route):
                if route.request.url == url or route.request.url.startswith("data:"):
                    route.continue_()
                else:
                    requests.append(route.request.url)
                    route.abort()

            page.route("**/*", on_route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, wait_until="load")
            page.wait_for_function("document.body.getAttribute('data-drawn') === '1'", timeout=20000)
            for action in ("", *actions):
                if action:
                    page.evaluate(action)
                probes.append(page.evaluate(_PROBE))
                shots.append(page.screenshot(full_page=False))
        finally:
            browser.close()
    return probes, shots, requests, errors


def _page_json(page: str, name: str):
    """The JSON of ``var <name> = <JSON>;`` or ``var <name> = new vis.DataSet(<JSON>);`` in the page's script."""
    start = page.index(f"var {name} = ") + len(f"var {name} = ")
    if page.startswith("new vis.DataSet(", start):
        start += len("new vis.DataSet(")
    return json.JSONDecoder().raw_decode(page[start:])[0]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check_registered(probe, shot, image) -> int:
    """The image is drawn where the page's coordinates put it, and the screenshot shows its pixels there.

    Samples a grid of screen points inside the drawn rectangle and the map, away from every label, and
    compares the screenshot's colour with the image pixel the rectangle maps the point to (nearest of
    its 3 x 3 neighbours: the browser interpolates).  Returns the number of points compared."""
    from PIL import Image

    (rect,) = probe["images"]
    assert np.allclose(rect, probe["corners"], atol=0.5), (rect, probe["corners"])
    left, top, width, height = probe["map"]
    screen = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"), dtype=int)
    pixels = np.asarray(image.convert("RGB"), dtype=int)
    ih, iw = pixels.shape[:2]
    labels = [b[1:] for b in probe["boxes"]]
    worst, compared = 0, 0
    for x in np.linspace(max(rect[0], 0) + 3, min(rect[2], width) - 3, 41):
        for y in np.linspace(max(rect[1], 0) + 3, min(rect[3], height) - 3, 31):
            if any(b[0] - 6 <= x <= b[2] + 6 and b[1] - 6 <= y <= b[3] + 6 for b in labels):
                continue
            u = int((x - rect[0]) / (rect[2] - rect[0]) * iw)
            v = int((y - rect[1]) / (rect[3] - rect[1]) * ih)
            near = pixels[max(v - 1, 0) : v + 2, max(u - 1, 0) : u + 2].reshape(-1, 3)
            seen = screen[int(round(top + y)), int(round(left + x))]
            worst = max(worst, int(np.abs(near - seen).max(axis=1).min()))
            compared += 1
    assert worst <= 10, f"screenshot differs from the density image by {worst} (of 255) at the mapped point"
    return compared


@pytest.fixture(scope="module")
def real_density_pages(shared_corpora, tmp_path_factory):
    folder = tmp_path_factory.mktemp("h26view")
    merged = litkit.merge(litkit.read([str(shared_corpora / f) for f in MERGED_REAL_EXPORTS]))
    cnki = litkit.read(str(shared_corpora / "cnki-refworks/CNKI.txt"))
    pages = {}
    for name, corpus in (("merged", merged), ("cnki", cnki)):
        net = litkit.cooccurrence(corpus)
        pages[name] = (net, net.to_html(folder / f"{name}_density.html", view="density"))
    return pages


@pytest.mark.parametrize("name", ["merged", "cnki"])
def test_density_page_first_view_on_a_real_export(real_density_pages, name):
    """The whole image with its fade-out margin, every label readable, in view, overlapping no other."""
    net, path = real_density_pages[name]
    zoom_pan = (
        "(() => { const p = network.getPositions(); const id = nodes.getIds()[0];"
        " network.moveTo({position: {x: p[id].x + 40, y: p[id].y - 25}, scale: network.getScale() * 2.5,"
        " animation: false}); })()"
    )
    (first, zoomed), (shot, zoomed_shot), requests, errors = _browse(path, actions=(zoom_pan,))
    assert requests == [] and errors == []
    _, _, width, height = first["map"]
    # The whole density image is on screen, and it holds every item with the fade-out margin around it:
    # the page pads the items' box by a tenth of the map's longer side, 2.9 kernel widths (0.035).
    (rect,) = first["images"]
    assert rect[0] >= -0.5 and rect[1] >= -0.5 and rect[2] <= width + 0.5 and rect[3] <= height + 0.5, rect
    xy = np.array(first["positions"])
    assert len(xy) == len(net)
    kernel_px = 0.035 * np.ptp(xy, axis=0).max()
    margin = min(
        (xy[:, 0] - rect[0]).min(), (rect[2] - xy[:, 0]).min(), (xy[:, 1] - rect[1]).min(), (rect[3] - xy[:, 1]).min()
    )
    assert margin >= 2.5 * kernel_px, (margin, kernel_px)
    # Outside the image the map shows the colour map's zero (viridis #440154), so no edge shows.
    assert first["background"] == "rgb(68, 1, 84)"
    # Labels: readable at the first view (every drawn text, in CSS px), as many as the static figure
    # names, every box on screen and overlapping no other label's box.
    labels = {b[0] for b in first["boxes"]}
    drawn = [px for text, px in first["texts"] if text in labels]
    assert len(labels) >= 15 and len(drawn) >= len(labels), (len(labels), len(drawn))
    assert min(drawn) >= READABLE_PX, sorted(drawn)[:5]
    boxes = [b[1:] for b in first["boxes"]]
    for k, b in enumerate(boxes):
        assert b[0] >= 0 and b[1] >= 0 and b[2] <= width and b[3] <= height, first["boxes"][k]
        for other in boxes[k + 1 :]:
            assert not _overlap(b, other), (first["boxes"][k], other)
    # Heavier items get larger labels (VOSviewer scales them with the weight).
    weight = dict(zip(net.nodes["label"].astype(str), np.asarray(net.sizes, dtype=float)))
    size = {text: px for text, px in first["texts"] if text in labels}
    order = sorted(size, key=lambda t: weight[t])
    assert size[order[-1]] > size[order[0]]
    # The image stays under the items: at the first view and after zooming in 2.5 times and panning,
    # the screenshot shows the image's own pixels where the nodes' coordinates put them.
    from PIL import Image

    src = _page_json(path.read_text(encoding="utf-8"), "density")["src"]
    image = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
    assert _check_registered(first, shot, image) > 200
    assert zoomed["scale"] == pytest.approx(2.5 * first["scale"])
    assert _check_registered(zoomed, zoomed_shot, image) > 200


def test_density_page_sizes_and_label_boxes(demo_dir):
    """Without a browser: the density page has the network page's nodes at the same places; its label
    fonts, at the zoom that fits the image into DENSITY_PAGE_BOX, run from DENSITY_FONT_PX's smaller size
    (lightest item) to its larger (heaviest); the image holds every item with its fade-out margin; and the
    labels kept overlap nothing, recomputed by brute force from centred boxes."""
    net = litkit.cooccurrence(litkit.read(str(demo_dir / "cnki" / "CNKI-refworks.txt")))
    page = network_html(net, view="density")
    density, nodes = _page_json(page, "density"), _page_json(page, "nodes")
    network_nodes = _page_json(network_html(net), "nodes")
    assert [(n["id"], n["x"], n["y"]) for n in nodes] == [(n["id"], n["x"], n["y"]) for n in network_nodes]
    zoom = min(DENSITY_PAGE_BOX[0] / density["width"], DENSITY_PAGE_BOX[1] / density["height"])
    fonts = np.array([n["font"]["size"] for n in nodes])
    weights = np.asarray(net.sizes, dtype=float)
    assert fonts[np.argmax(weights)] * zoom == pytest.approx(DENSITY_FONT_PX[1], abs=0.01)
    assert fonts.min() * zoom >= DENSITY_FONT_PX[0] - 0.01
    margins = np.array([n["margin"] for n in nodes])
    # every item inside the image, with the margin of the fade-out
    x, y = np.array([n["x"] for n in nodes]), np.array([n["y"] for n in nodes])
    pad = 0.1 * max(np.ptp(x), np.ptp(y))
    assert x.min() - density["x"] == pytest.approx(pad)
    assert density["x"] + density["width"] - x.max() == pytest.approx(pad)
    assert y.min() - density["y"] == pytest.approx(pad)
    assert density["y"] + density["height"] - y.max() == pytest.approx(pad)
    # the labels kept: no two centred boxes overlap; each dropped one overlaps a kept heavier one
    shown = [i for i, n in enumerate(nodes) if n["label"]]
    assert len(shown) >= min(len(net.clusters), 3)

    def box(i):
        text = str(net.nodes["label"].iloc[i])
        w = fonts[i] * sum(1.0 if ord(ch) > 0x2E80 else 0.68 if ch.isupper() else 0.58 for ch in text) + 2 * margins[i]
        h = 1.25 * fonts[i] + 2 * margins[i]
        return (x[i] - w / 2, y[i] - h / 2, x[i] + w / 2, y[i] + h / 2)

    for a in shown:
        for b in shown:
            assert a == b or not _overlap(box(a), box(b)), (nodes[a]["label"], nodes[b]["label"])
    for i in set(range(len(nodes))) - set(shown):
        assert any(_overlap(box(i), box(k)) and weights[k] >= weights[i] for k in shown), net.nodes["label"].iloc[i]
    # centre=True against the default (label below the dot): the same rule, boxes moved
    two = [
        {"x": 0.0, "y": 0.0, "size": 0.0, "label": "alpha", "font": {"size": 12.0}, "margin": 2},
        {"x": 0.0, "y": 14.0, "size": 0.0, "label": "beta", "font": {"size": 12.0}, "margin": 2},
    ]
    assert html_label_visibility(two, np.array([2.0, 1.0]), centre=True).tolist() == [True, False]
    two[1]["y"] = 19.5  # boxes 1.25 * 12 + 4 = 19 high
    assert html_label_visibility(two, np.array([2.0, 1.0]), centre=True).tolist() == [True, True]
