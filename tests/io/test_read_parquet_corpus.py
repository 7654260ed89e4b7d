"""litkit.read on a Parquet corpus written by `litkit ingest` / Corpus.to_parquet: loaded, not parsed as text."""

import pytest

import litkit
from litkit.errors import LitkitError


def test_read_loads_a_parquet_corpus_as_written(shared_corpora, tmp_path):
    exports = shared_corpora / "wos-plaintext-environment"
    corpus = litkit.read(str(exports))
    path = corpus.to_parquet(tmp_path / "c.parquet")
    again = litkit.read(path)  # before: "file looks binary (NUL bytes in text)"
    assert len(again) == len(corpus)
    assert again.df.equals(litkit.Corpus.read_parquet(path).df)
    renamed = path.rename(tmp_path / "corpus.data")  # known by its magic bytes, not its name
    assert len(litkit.read(str(renamed))) == len(corpus)


def test_a_parquet_corpus_with_other_exports_is_a_one_line_error(shared_corpora, tmp_path):
    path = litkit.Corpus.from_records([{"UT": "A", "TI": "t"}]).to_parquet(tmp_path / "c.parquet")
    with pytest.raises(LitkitError, match="a Parquet corpus is read on its own") as info:
        litkit.read([path, str(shared_corpora / "cnki-refworks/CNKI.txt")])
    assert "c.parquet" in str(info.value) and "\n" not in str(info.value)


def test_an_export_given_to_an_analysis_command_is_a_one_line_error(shared_corpora, tmp_path):
    """`litkit cooccur CNKI.txt` said only "Parquet magic bytes not found in footer", naming no file."""
    from typer.testing import CliRunner

    from litkit.cli import app

    export = shared_corpora / "cnki-refworks/CNKI.txt"
    result = CliRunner().invoke(app, ["cooccur", str(export), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(export) in lines[0] and "not a Parquet corpus" in lines[0]
    assert "litkit ingest" in lines[0] and "Traceback" not in result.output
