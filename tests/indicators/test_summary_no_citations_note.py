"""`litkit summary` on exports without citation counts (CNKI RefWorks) says why the citation tables are empty."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import litkit
from litkit.cli import app

NOTE = "no record has a citation count (TC)"


def _summary(corpus, tmp_path, name):
    path = corpus.to_parquet(tmp_path / f"{name}.parquet")
    out = tmp_path / name
    result = CliRunner().invoke(app, ["summary", str(path), "--formats", "png", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.output, json.loads((out / "params.json").read_text(encoding="utf-8"))


def test_cnki_summary_notes_the_missing_citation_counts(shared_corpora, tmp_path):
    corpus = litkit.read(str(shared_corpora / "cnki-refworks/CNKI.txt"))
    assert corpus.df["TC"].isna().all()
    output, params = _summary(corpus, tmp_path, "cnki")
    assert f"note: {NOTE}" in output
    assert NOTE in json.dumps(params, ensure_ascii=False)


def test_no_note_when_records_are_cited(shared_corpora, tmp_path):
    corpus = litkit.read(str(shared_corpora / "wos-plaintext-bibliometrix-fixture/wos_sample.txt"))
    assert corpus.df["TC"].notna().any()
    output, params = _summary(corpus, tmp_path, "wos")
    assert NOTE not in output and NOTE not in json.dumps(params)
