"""`litkit bursts --kind cited_journal` on a corpus without cited references says why nothing bursts."""

from typer.testing import CliRunner

import litkit
from litkit.cli import app


def test_cnki_corpus_has_no_cited_references(shared_corpora, tmp_path):
    corpus = litkit.read(str(shared_corpora / "cnki-refworks/CNKI.txt"))
    path = corpus.to_parquet(tmp_path / "cnki.parquet")
    for kind in ("cited_journal", "cited_reference"):
        out = tmp_path / kind
        result = CliRunner().invoke(app, ["bursts", str(path), "--kind", kind, "--formats", "png", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "0 item(s) with bursts" in result.output
        assert "note: the corpus has no cited references (CR); CNKI and PubMed exports carry none" in result.output
        assert "no cited references" in (out / "params.json").read_text(encoding="utf-8")


def test_no_note_when_references_exist(shared_corpora, tmp_path):
    corpus = litkit.read(str(shared_corpora / "wos-plaintext-environment"))
    path = corpus.to_parquet(tmp_path / "wos.parquet")
    result = CliRunner().invoke(app, ["bursts", str(path), "--formats", "png", "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "note: the corpus has no cited references" not in result.output
    assert result.output.startswith("20 item(s) with bursts")
