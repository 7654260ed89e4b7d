"""`litkit cocite --label-fields`: where the clusters' label terms come from (the citing records' fields).

Chinese title terms are single jieba words, so labels drawn from CSSCI titles can be generic words; the
records' keywords give whole terms.  The CLI must give the clusters `litkit.cocitation` gives with the same
fields, and record the choice in params.json.
"""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

import litkit
from litkit.cli import app


def test_label_fields_reach_the_clusters_and_params(shared_corpora, tmp_path):
    corpus = litkit.read(str(shared_corpora / "cssci"))
    path = corpus.to_parquet(tmp_path / "cssci.parquet")
    out = tmp_path / "cc"
    args = ["cocite", str(path), "--label-fields", "DE", "--formats", "png", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out / "clusters.csv", keep_default_na=False)
    expected = litkit.cocitation(litkit.Corpus.read_parquet(path), label_fields=("DE",), with_layout=False).clusters
    assert written["label"].tolist() == expected["label"].tolist()
    assert json.loads((out / "params.json").read_text(encoding="utf-8"))["parameters"]["label_fields"] == ["DE"]
    keywords = {k for ks in corpus.df["DE"].dropna() for k in ks}
    assert set(written["label"]) - {""} <= keywords  # whole keywords, never a word cut out of a title


def test_a_bad_label_field_is_a_one_line_error(shared_corpora, tmp_path):
    path = litkit.read(str(shared_corpora / "cssci/DataSet_CSSCI.txt")).to_parquet(tmp_path / "c.parquet")
    result = CliRunner().invoke(app, ["cocite", str(path), "--label-fields", "XX", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "'XX' is not a term source" in result.output
