"""Exports (VOSviewer, GEXF, GraphML, CSV), the static map with CJK labels, and the offline HTML."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import litkit
from litkit.errors import OutputExistsError
from litkit.network.export import vosviewer_map_text

XSS = "<script>alert(1)</script>"


def small_corpus():
    """Chinese and English keywords, a hostile label, a label with a comma."""
    groups = [
        ["生态产品价值实现", "碳达峰", "碳中和", "生态补偿"],
        ["ecosystem services", "valuation, monetary", XSS, "wetland"],
    ]
    records = []
    for d in range(40):
        g = groups[d % 2]
        kws = [g[(d // 2 + k) % 4] for k in range(3)]
        records.append(
            {
                "UT": f"T:{d}",
                "DE": kws,
                "PY": 2015 + d % 8,
                "TI": "生态产品价值实现路径研究" if d % 2 == 0 else "Valuing wetland ecosystem services",
            }
        )
    return litkit.Corpus.from_records(records)


@pytest.fixture(scope="module")
def net():
    return litkit.cooccurrence(small_corpus(), min_occurrence=2, top_n=200, stoplist=None, thesaurus=None)


@pytest.fixture(scope="module")
def exported(net, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    return net, net.export(folder, formats=("png",))


def test_files_written(exported):
    _, paths = exported
    expected = {
        "keywords.csv",
        "clusters.csv",
        "links.csv",
        "vosviewer_map.txt",
        "vosviewer_network.txt",
        "vosviewer.json",
        "network.gexf",
        "network.graphml",
        "params.json",
        "keyword_map.png",
        "keyword_network.html",
    }
    assert expected <= set(paths)
    for p in paths.values():
        assert p.stat().st_size > 0


def test_vosviewer_map_and_network(exported):
    net, paths = exported
    lines = paths["vosviewer_map.txt"].read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == [
        "id",
        "label",
        "x",
        "y",
        "cluster",
        "weight<Links>",
        "weight<Total link strength>",
        "weight<Occurrences>",
        "score<Avg. pub. year>",
    ]
    assert len(lines) == len(net) + 1
    rows = [ln.split("\t") for ln in lines[1:]]
    assert all(len(r) == 9 for r in rows)
    labels = [r[1] for r in rows]
    assert "生态产品价值实现" in labels and "碳中和" in labels
    assert '"valuation, monetary"' in labels  # a comma means quotes, per VOSviewer's format
    kw = net.keywords.set_index("keyword")
    row = next(r for r in rows if r[1] == "碳达峰")
    assert int(row[7]) == kw.loc["碳达峰", "occurrences"]
    assert int(row[6]) == kw.loc["碳达峰", "total_link_strength"]
    links = [ln.split("\t") for ln in paths["vosviewer_network.txt"].read_text().splitlines()]
    assert len(links) == net.cooccurrence.nnz // 2
    i, j, w = links[0]
    assert int(w) == net.cooccurrence[int(i) - 1, int(j) - 1]
    # Total link strength in the map equals the sum of the network file's strengths per item.
    tls = {}
    for a, b, s in links:
        tls[a] = tls.get(a, 0) + int(s)
        tls[b] = tls.get(b, 0) + int(s)
    assert all(tls.get(r[0], 0) == int(r[6]) for r in rows)


def test_vosviewer_json(exported):
    net, paths = exported
    doc = json.loads(paths["vosviewer.json"].read_text(encoding="utf-8"))
    items, links = doc["network"]["items"], doc["network"]["links"]
    assert len(items) == len(net) and len(links) == net.cooccurrence.nnz // 2
    first = items[0]
    assert {"id", "label", "x", "y", "cluster", "weights", "scores"} <= set(first)
    assert first["weights"]["Occurrences"] == int(net.keywords.loc[0, "occurrences"])
    assert {"source_id", "target_id", "strength"} == set(links[0])
    assert [c["cluster"] for c in doc["network"]["clusters"]] == net.clusters["cluster"].tolist()


def test_gexf_graphml_roundtrip(exported):
    net, paths = exported
    for name, reader in (("network.gexf", nx.read_gexf), ("network.graphml", nx.read_graphml)):
        g = reader(paths[name])
        assert g.number_of_nodes() == len(net)
        assert g.number_of_edges() == net.cooccurrence.nnz // 2
        labels = {d["label"] for _, d in g.nodes(data=True)}
        assert "生态补偿" in labels and XSS in labels
    assert "lastmodifieddate" not in paths["network.gexf"].read_text(encoding="utf-8")


def test_refuses_to_overwrite(exported):
    net, paths = exported
    with pytest.raises(OutputExistsError):
        net.export(paths["keywords.csv"].parent, figure=False, html=False)


def test_map_label_quoting_escapes_tabs():
    corpus = litkit.Corpus.from_records([{"DE": ["a\tb", "c;d", 'e"f']}, {"DE": ["a\tb", "c;d", 'e"f']}])
    text = vosviewer_map_text(litkit.cooccurrence(corpus, stoplist=None, thesaurus=None))
    body = [ln.split("\t")[1] for ln in text.splitlines()[1:]]
    assert sorted(body) == sorted(['a b', '"c;d"', '"e""f"'])


def test_figure_with_chinese_labels(net, tmp_path):
    from litkit.plot.style import close, save_figure

    fig = net.plot(n_labels=20)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "生态产品价值实现" in texts
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert not any(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1 :])
    paths = save_figure(fig, tmp_path / "map")  # missing-glyph warnings would raise here
    close(fig)
    assert {p.suffix for p in paths} == {".png", ".svg", ".pdf"}
    fig = net.plot(color_by="year")
    save_figure(fig, tmp_path / "overlay", formats=("png",))
    close(fig)


def test_labels_never_overlap_on_a_dense_map():
    from litkit.plot.style import close

    records = [
        {"DE": [f"term {i}", f"term {(i * 7 + 3) % 60}", f"term {(i * 13 + 5) % 60}", "hub keyword"]}
        for i in range(300)
    ]
    net = litkit.cooccurrence(
        litkit.Corpus.from_records(records), top_n=60, stoplist=None, thesaurus=None, layout="spring"
    )
    fig = net.plot(n_labels=60)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert 10 <= len(boxes) <= 60
    assert not any(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1 :])
    close(fig)


def _html(net, tmp_path):
    path = net.to_html(tmp_path / "net.html")
    return path, path.read_text(encoding="utf-8")


def test_html_offline_and_escaped(net, tmp_path):
    _, text = _html(net, tmp_path)
    # No resource is loaded from anywhere: no src/href attributes, no url(http…), no import.
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", text)
    assert not re.search(r"url\(\s*['\"]?https?:", text)
    assert XSS not in text  # only ever present in escaped form
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text
    assert text.lower().count("</script") == 2  # only litkit's two script elements close
    assert "<!--" not in text
    assert "生态产品价值实现" in text
    from litkit.plot.network import to_pyvis
    from litkit.plot.style import PALETTE

    nodes = to_pyvis(net).nodes
    assert [n["color"] for n in nodes] == [PALETTE[c - 1] for c in net.keywords["cluster"]]


def _chromium():
    exe = "/usr/bin/chromium"
    if not Path(exe).exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is absent (CI is set, so this is an error)")
        pytest.skip("/usr/bin/chromium is absent")
    return exe


@pytest.mark.browser
def test_html_in_headless_chromium(net, tmp_path):
    exe = _chromium()
    from playwright.sync_api import sync_playwright

    path, _ = _html(net, tmp_path)
    external, errors, dialogs = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=exe,
            headless=True,
            viewport={"width": 1000, "height": 700},
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page()
        page.on(
            "request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None
        )
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-drawn='1']", timeout=15000)
        label = page.evaluate(f"nodes.get().find(n => n.label === {json.dumps(XSS)}).label")
        n_nodes = page.evaluate("nodes.length")
        shot = page.screenshot()
        # Hover the hostile node: its tooltip shows the text, and no element is created from it.
        node_id = page.evaluate(f"nodes.get().find(n => n.label === {json.dumps(XSS)}).id")
        box = page.locator("#map").bounding_box()
        point = page.evaluate(f"network.canvasToDOM(network.getPosition({node_id}))")
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tooltip = page.evaluate("document.querySelector('div.vis-tooltip').innerText")
        injected = page.evaluate(
            "document.querySelectorAll('div.vis-tooltip script, #legend script').length + document.scripts.length - 2"
        )
        browser.close()
    assert external == []
    assert errors == []
    assert dialogs == []  # the <script> keyword did not run
    assert label == XSS and n_nodes == len(net)
    assert XSS in tooltip and injected == 0
    import io

    from PIL import Image

    img = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"))
    colours = {tuple(c) for c in img[::4, ::4].reshape(-1, 3)}
    assert len(colours) > 20  # drawn nodes, edges and text, not a blank page


def test_year_colour_bar_outside_the_map(net):
    """The overlay map's colour bar sits below the map axes, not on top of nodes or labels."""
    from litkit.plot.style import close

    fig = net.plot(color_by="year")
    renderer = fig.canvas.get_renderer()
    fig.canvas.draw()
    main = fig.axes[0]
    cbar = main.child_axes[0]  # an inset axes of the map
    map_box, bar_box = main.get_window_extent(renderer), cbar.get_window_extent(renderer)
    assert bar_box.y1 < map_box.y0
    labels = [t.get_window_extent(renderer) for t in main.texts]
    assert labels and not any(bar_box.overlaps(b) for b in labels)
    close(fig)


def test_year_colour_bar_ticks_are_whole_years_apart(net):
    """Real-export overlay (average years 2005-2025 in a short bar) drew "2005.0 2007.5 2010.0 ..." run together."""
    import copy

    from litkit.plot.style import close

    wide = copy.copy(net)
    wide.nodes = net.nodes.assign(avg_year=np.linspace(2005.0, 2025.0, len(net.nodes)))
    fig = wide.plot(view="overlay", figsize=(9.0, 6.5))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    bar = fig.axes[0].child_axes[0]
    ticks = [t for t in bar.get_xticklabels() if t.get_visible() and t.get_text()]
    assert 2 <= len(ticks) <= 6
    assert all(t.get_text().isdigit() for t in ticks), [t.get_text() for t in ticks]
    boxes = sorted((t.get_window_extent(renderer) for t in ticks), key=lambda b: b.x0)
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:]))  # no two tick labels touch
    close(fig)


def test_every_cluster_named_and_components_packed():
    """Three disconnected themes, one tiny: each cluster's top term is labelled even with n_labels=1,
    and the small components are drawn next to the largest, not across an empty map."""
    from scipy.sparse.csgraph import connected_components

    from litkit.plot.network import drawing_positions
    from litkit.plot.style import close

    big = [f"big {i}" for i in range(12)]
    records = [{"DE": [big[i % 12], big[(i * 5 + 1) % 12], big[(i * 7 + 2) % 12]]} for i in range(60)]
    records += [{"DE": ["small a", "small b", "small c"]} for _ in range(3)]
    records += [{"DE": ["pair x", "pair y"]} for _ in range(3)]
    net = litkit.cooccurrence(litkit.Corpus.from_records(records), min_occurrence=2, stoplist=None, thesaurus=None)
    _, component = connected_components(net.weights, directed=False)
    comps = sorted((np.flatnonzero(component == c) for c in np.unique(component)), key=len, reverse=True)
    assert [len(c) for c in comps] == [12, 3, 2]
    fig = net.plot(n_labels=1)
    texts = {t.get_text() for t in fig.axes[0].texts}
    kw = net.keywords
    for cluster, group in kw.groupby("cluster"):
        top = group.sort_values("occurrences", ascending=False, kind="stable")["keyword"].iloc[0]
        assert top in texts, (cluster, top)
    close(fig)
    xy = kw[["x", "y"]].to_numpy(dtype=float)
    packed = drawing_positions(xy, net.weights, aspect=1.0)
    main = comps[0]
    assert np.array_equal(packed[main], xy[main])  # the largest component keeps its layout
    lo, hi = packed[main].min(axis=0), packed[main].max(axis=0)
    extent = (hi - lo).max()
    whole = packed.max(axis=0) - packed.min(axis=0)
    assert whole.max() <= 1.6 * extent  # packed beside it, not far away
    for comp in comps[1:]:  # no small component lands on the largest one
        p = packed[comp]
        inside = (p[:, 0] > lo[0]) & (p[:, 0] < hi[0]) & (p[:, 1] > lo[1]) & (p[:, 1] < hi[1])
        assert not inside.any()


HOSTILE_LABELS = ["\"quoted\" & 'single' </div>", "עברית right-to-left", "emoji 🌲🌍 keyword", "a & b"]


@pytest.mark.browser
def test_html_escapes_quotes_ampersands_rtl_and_emoji(tmp_path):
    from helpers.chromium import render

    docs = [[HOSTILE_LABELS[i % 4], HOSTILE_LABELS[(i + 1) % 4], "carbon sink"] for i in range(8)]
    corpus = litkit.Corpus.from_records([{"UT": f"H:{i}", "DE": kws, "PY": 2020} for i, kws in enumerate(docs)])
    net = litkit.cooccurrence(corpus, min_occurrence=2, top_n=10, stoplist=None, thesaurus=None)
    path = net.to_html(tmp_path / "hostile.html")
    text = path.read_text(encoding="utf-8")
    assert "'single' </div>" not in text  # never raw in the page
    assert text.lower().count("</script") == 2
    shown = render(path, script="nodes.get().map(n => n.label)")
    assert shown.external_requests == [] and shown.console_errors == []
    # every label arrives in the page exactly as litkit made it (quotes, &, </div>, RTL, emoji intact)
    assert sorted(shown.value) == sorted(net.labels)
    assert {"a & b", "עברית right-to-left", "emoji 🌲🌍 keyword"} <= set(shown.value)
    assert any("</div>" in label and "'single'" in label for label in shown.value)
