"""Burst tables and keyword timelines show the keyword map's labels (issue 22), the node key kept as a column."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

import litkit
from litkit.bursts import citation_bursts
from litkit.cli import app
from litkit.timelines import keyword_timeline, time_zone


@pytest.fixture(scope="module")
def env(shared_corpora):
    corpus = litkit.read(str(shared_corpora / "wos-plaintext-environment"))
    net = litkit.cooccurrence(corpus, top_n=None, with_layout=False)
    return corpus, dict(zip(net.nodes["key"], net.nodes["label"]))


def test_burst_table_labels_are_the_maps(env):
    corpus, map_label = env
    table = citation_bursts(corpus, kind="keyword", top=None)
    assert list(table.columns[:2]) == ["item", "label"]
    shared = table[table["item"].isin(list(map_label))]
    assert len(shared) >= 5
    assert shared["label"].tolist() == [map_label[k] for k in shared["item"]]
    assert (shared["label"] != shared["item"]).any()  # e.g. key "co2 emission", label "co2 emissions"
    exported = litkit.bursts.figure5_table(table, "keyword")
    assert exported["keyword"].tolist() == table["label"].tolist()
    assert exported["key"].tolist() == table["item"].tolist()


def test_timeline_and_time_zone_labels_are_the_maps(env):
    corpus, map_label = env
    timeline = keyword_timeline(corpus)
    assert list(timeline.columns[2:4]) == ["keyword", "label"]
    assert timeline["label"].tolist() == [map_label[k] for k in timeline["keyword"]]
    nodes = time_zone(corpus).nodes
    assert nodes["label"].tolist() == [map_label[k] for k in nodes["keyword"]]
    assert (nodes["label"] != nodes["keyword"]).any()


def test_cli_burst_csv_shows_labels(tmp_path):
    records = [{"UT": f"R:{i}", "PY": 2000 + i // 10, "DE": ["x", "y"]} for i in range(60)]
    records += [{"UT": f"L:{i}", "PY": 2001, "DE": ["co-word analysis", "x"]} for i in range(2)]
    records += [{"UT": f"H:{i}", "PY": 2004, "DE": ["Co-Word Analysis", "y"]} for i in range(30)]
    path = litkit.Corpus.from_records(records).to_parquet(tmp_path / "c.parquet")
    out = tmp_path / "out"
    # without a thesaurus the label is the most frequent surface form
    args = ["bursts", str(path), "--kind", "keyword", "--thesaurus", "none", "-o", str(out), "--formats", "png"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "bursts_keyword.csv")
    row = table[table["key"] == "coword analysis"]
    assert row["keyword"].tolist() == ["Co-Word Analysis"]
    # by default litkit's thesaurus names it, on the map as in the burst table
    result = CliRunner().invoke(
        app, ["bursts", str(path), "--kind", "keyword", "-o", str(tmp_path / "d"), "--formats", "png"]
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "d" / "bursts_keyword.csv")
    on_map = litkit.cooccurrence(litkit.Corpus.read_parquet(path), with_layout=False).nodes
    label = dict(zip(on_map["key"], on_map["label"]))["coword analysis"]
    assert table[table["key"] == "coword analysis"]["keyword"].tolist() == [label] == ["co-word analysis"]
