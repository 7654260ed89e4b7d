"""``litkit cooccur`` options mirroring litkit.cooccurrence: --merge-plurals, --zh-variants, --layout."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import litkit
from litkit.cli import app


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory):
    """Two groups of records; each group uses both forms of one variant pair."""
    records = []
    for d in range(40):
        if d % 2:
            plural = "carbon emissions" if d % 4 == 1 else "carbon emission"
            de = [plural, "climate policy", "carbon tax"]
        else:
            zh = "虚拟现实技术" if d % 4 == 0 else "虚拟现实"
            de = [zh, "沉浸感", "教学设计"]
        records.append({"UT": f"R:{d}", "DE": de, "PY": 2018 + d % 5, "TI": "t"})
    return litkit.Corpus.from_records(records).to_parquet(tmp_path_factory.mktemp("cooc") / "corpus.parquet")


def _run(corpus_path, out, *options):
    args = ["cooccur", str(corpus_path), "--min-occurrence", "2", "--formats", "png", "-o", str(out), *options]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    keys = set(pd.read_csv(out / "keywords.csv")["keyword"].str.lower())
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))["parameters"]
    return keys, params


def test_defaults_merge_plurals_and_keep_zh_variants(corpus_path, tmp_path):
    keys, params = _run(corpus_path, tmp_path / "default")
    assert len(keys & {"carbon emission", "carbon emissions"}) == 1  # one node, labelled by the commoner form
    assert {"虚拟现实", "虚拟现实技术"} <= keys
    assert params["merge_plurals"] is True and params["zh_variants"] is False and params["layout"] == "vos"


def test_no_merge_plurals(corpus_path, tmp_path):
    keys, params = _run(corpus_path, tmp_path / "plain", "--no-merge-plurals")
    assert {"carbon emission", "carbon emissions"} <= keys
    assert params["merge_plurals"] is False


def test_zh_variants_and_old_layout(corpus_path, tmp_path):
    keys, params = _run(corpus_path, tmp_path / "zh", "--zh-variants", "--layout", "vos_original")
    assert len(keys & {"虚拟现实", "虚拟现实技术"}) == 1
    assert params["zh_variants"] is True and params["layout"] == "vos_original"


def test_bad_layout_is_one_line_error(corpus_path, tmp_path):
    result = CliRunner().invoke(
        app, ["cooccur", str(corpus_path), "--layout", "circle", "--formats", "png", "-o", str(tmp_path / "x")]
    )
    assert result.exit_code != 0
    assert "layout must be one of" in result.output


def test_vosviewer_views_as_figures_and_pages(corpus_path, tmp_path):
    """--view overlay / density: VOSviewer's other two views, each a figure and an offline page of the
    same map (the same nodes at the same place as the network view's page)."""
    out = tmp_path / "views"
    _, params = _run(corpus_path, out, "--view", "network", "--view", "overlay", "--view", "density")
    assert params["views"] == ["network", "overlay", "density"]
    for stem in ("keyword_map", "keyword_map_overlay", "keyword_map_density"):
        assert (out / f"{stem}.png").stat().st_size > 10_000
    pages = {
        v: (out / f"keyword_network{s}.html").read_text(encoding="utf-8")
        for v, s in [("network", ""), ("overlay", "_overlay"), ("density", "_density")]
    }
    assert "Average publication year" in pages["overlay"] and "Average publication year" not in pages["network"]
    assert "var density = null;" in pages["network"] and "var density = null;" in pages["overlay"]
    assert "var density = {" in pages["density"] and '"src": "data:image/png;base64,' in pages["density"]

    # Only the drawing differs: the nodes (ids, positions) are the network view's; the overlay keeps its labels,
    # the density page labels what fits at its own, larger first-view font sizes.
    def node_places(page, labels=True):
        start = page.index("new vis.DataSet(") + len("new vis.DataSet(")
        nodes = json.loads(page[start : page.index(");", start)])
        return sorted((n["id"], n["label"] if labels else "", n["x"], n["y"]) for n in nodes)

    assert node_places(pages["overlay"]) == node_places(pages["network"])
    assert node_places(pages["density"], labels=False) == node_places(pages["network"], labels=False)
    only_density = tmp_path / "density_only"
    _run(corpus_path, only_density, "--view", "density")
    assert not (only_density / "keyword_map.png").exists() and not (only_density / "keyword_network.html").exists()
    assert (only_density / "keyword_map_density.png").exists()


def test_unknown_view_is_one_line_error(corpus_path, tmp_path):
    result = CliRunner().invoke(
        app, ["cooccur", str(corpus_path), "--view", "heat", "--formats", "png", "-o", str(tmp_path / "x")]
    )
    assert result.exit_code != 0
    assert "unknown map view(s) ['heat']" in result.output and "network, overlay, density" in result.output
