"""``litkit cocite`` / ``couple`` / ``citations``: the files they write are the library's results.

The corpus is the demo's WoS export; the planted citations between its records (truth.json,
``local_citations``) must come out of ``litkit citations`` as links, and ``litkit cocite`` must write
the node table of :func:`litkit.cocitation` with the same parameters.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner


@pytest.fixture(scope="module")
def corpus_file(demo_dir, tmp_path_factory):
    import litkit

    path = tmp_path_factory.mktemp("corpus") / "wos.parquet"
    litkit.read([demo_dir / "wos"], progress=False).to_parquet(path)
    return path


def _cli(*args):
    from litkit.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def test_citations_command_finds_the_planted_links(corpus_file, demo_dir, tmp_path):
    out = tmp_path / "citations"
    result = _cli("citations", corpus_file, "-o", out, "--formats", "png", "--top", "40", "--labels", "10")
    assert "historiograph.png" in result.output
    for name in ("nodes.csv", "links.csv", "clusters.csv", "historiograph.png", "params.json"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    nodes = pd.read_csv(out / "nodes.csv")
    links = pd.read_csv(out / "links.csv")
    key = dict(zip(nodes["id"], nodes["key"]))
    found = {(key[s], key[t]) for s, t in zip(links["source_id"], links["target_id"])}
    truth = json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))
    planted = {(citing, cited) for citing, cited, _ in truth["local_citations"]["links"]}
    assert planted <= found  # exactly equal: tests/demo/test_demo_planted.py::test_no_citation_link_beyond_the_planted
    lcs = dict(zip(nodes["key"], nodes["lcs"]))
    assert {ut: lcs[ut] for ut in truth["local_citations"]["landmarks"]} == {
        ut: info["lcs"] for ut, info in truth["local_citations"]["landmarks"].items()
    }
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert params["analysis"] == "citations" and params["parameters"]["top"] == 40


def test_cocite_command_writes_the_library_network(corpus_file, tmp_path):
    import litkit

    out = tmp_path / "cocite"
    _cli("cocite", corpus_file, "-o", out, "--min-citations", "10", "--formats", "png", "--timeline-clusters", "6")
    for name in ("cocitation_map.png", "cocitation_timeline.png", "cocitation_timezone.png", "vosviewer_map.txt"):
        assert (out / name).is_file(), name
    net = litkit.cocitation(litkit.Corpus.read_parquet(corpus_file), min_citations=10)
    nodes = pd.read_csv(out / "nodes.csv")
    assert list(nodes["key"]) == list(net.nodes["key"])
    assert list(nodes["cluster"]) == list(net.nodes["cluster"])
    # refusing to overwrite without --force, then replacing with it
    from litkit.cli import app

    again = CliRunner().invoke(app, ["cocite", str(corpus_file), "-o", str(out), "--min-citations", "10"])
    assert again.exit_code != 0 and "exists" in again.output
    _cli("cocite", corpus_file, "-o", out, "--min-citations", "10", "--formats", "png", "--force")


def test_couple_command_and_an_empty_network(corpus_file, demo_dir, tmp_path):
    import litkit

    out = tmp_path / "couple"
    _cli("couple", corpus_file, "-o", out, "--unit", "source", "--formats", "png")
    assert (out / "coupling_map.png").is_file()
    # a corpus without cited references (CNKI): an empty network that says why, no crash, no figure
    cnki = tmp_path / "cnki.parquet"
    litkit.read([demo_dir / "cnki"], progress=False).to_parquet(cnki)
    result = _cli("cocite", cnki, "-o", tmp_path / "empty", "--formats", "png")
    assert "0 nodes" in result.output
    assert not (tmp_path / "empty" / "cocitation_map.png").exists()
