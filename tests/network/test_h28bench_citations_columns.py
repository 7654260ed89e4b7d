"""`litkit citations` reads only its columns with CR as Arrow (runs.corpus_columns / arrow_columns): every file
the citations run writes is byte-identical to the run on the whole corpus read with Python lists."""

from __future__ import annotations

import pytest

import litkit
from litkit.runs import arrow_columns, corpus_columns, run

EXPORTS = ["wos-plaintext-environment", "lens-csv", "openalex", "cssci", "scopus-csv"]


@pytest.mark.parametrize("export", EXPORTS)
def test_citations_columns_and_arrow_give_the_same_files(shared_corpora, tmp_path, export):
    path = tmp_path / "c.parquet"
    litkit.read(shared_corpora / export, progress=False).to_parquet(path)
    columns, arrow = corpus_columns("citations"), arrow_columns("citations")
    assert arrow == ["CR"] and "CR" in columns
    assert len(columns) < len(litkit.Corpus.read_parquet(path).df.columns)
    full = run("citations", litkit.Corpus.read_parquet(path), tmp_path / "full", formats=["svg"])
    part = run(
        "citations", litkit.Corpus.read_parquet(path, columns=columns, arrow=arrow), tmp_path / "part", formats=["svg"]
    )
    names = sorted(p.name for p in full.files)
    assert names == sorted(p.name for p in part.files) and len(names) > 3
    for a, b in zip(sorted(full.files), sorted(part.files)):
        assert a.read_bytes() == b.read_bytes(), a.name
    if export in ("wos-plaintext-environment", "lens-csv"):
        assert len(full.value) > 10  # records that cite each other: the files compare something
