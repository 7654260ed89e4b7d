"""``litkit cooccur`` writes every output of the recipe and records its parameters."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import litkit
from litkit.cli import app


def test_cooccur_command(tmp_path):
    records = []
    for d in range(60):
        group = (
            ["碳达峰", "碳中和", "碳汇", "碳交易"] if d % 2 else ["生态补偿", "支付意愿", "补偿标准", "流域生态补偿"]
        )
        records.append(
            {
                "UT": f"C:{d}",
                "DE": [group[(d // 2 + k) % 4] for k in range(3)] + ["研究"],
                "PY": 2018 + d % 5,
                "TI": "生态补偿与碳中和",
            }
        )
    corpus_path = litkit.Corpus.from_records(records).to_parquet(tmp_path / "corpus.parquet")
    out = tmp_path / "out"
    args = [
        "cooccur",
        str(corpus_path),
        "--field",
        "DE",
        "--min-occurrence",
        "2",
        "--top-n",
        "200",
        "--formats",
        "png",
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {
        "keywords.csv",
        "clusters.csv",
        "links.csv",
        "vosviewer_map.txt",
        "vosviewer_network.txt",
        "vosviewer.json",
        "network.gexf",
        "network.graphml",
        "keyword_map.png",
        "keyword_network.html",
        "params.json",
    } <= names
    record = json.loads((out / "params.json").read_text(encoding="utf-8"))
    params = record["parameters"]
    assert params["min_occurrence"] == 2 and params["top_n"] == 200 and params["field"] == ["DE"]
    assert record["analysis"] == "cooccurrence" and record["inputs"] == {"corpus": str(corpus_path)}
    assert record["formats"] == ["png"] and not (out / "keyword_map.svg").exists()
    keywords = (out / "keywords.csv").read_text(encoding="utf-8")
    assert "碳中和" in keywords and "研究" not in keywords  # default stop list applied
    assert "2 clusters" in result.output or "cluster" in result.output
    # A second run refuses to overwrite; --force replaces.
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 2 and "exists" in again.output
    forced = CliRunner().invoke(app, args + ["--force", "--counting", "fractional"])
    assert forced.exit_code == 0, forced.output
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))["parameters"]
    assert params["counting"] == "fractional"


def test_cooccur_bad_option(tmp_path):
    corpus_path = litkit.Corpus.from_records([{"DE": ["a", "b"]}, {"DE": ["a", "b"]}]).to_parquet(
        tmp_path / "c.parquet"
    )
    result = CliRunner().invoke(
        app, ["cooccur", str(corpus_path), "-o", str(tmp_path / "o"), "--normalization", "pearson"]
    )
    assert result.exit_code == 2
    assert "normalization" in result.output
