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
