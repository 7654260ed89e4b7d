"""Reading only the columns an analysis needs (litkit.runs.corpus_columns, issue 23) changes no output.

Each analysis that names its columns is run twice on a real WoS export saved as Parquet: on the
whole corpus and on the corpus read with ``columns=corpus_columns(...)``; every file written
(tables, VOSviewer files, figures) must be byte-identical.
"""

from __future__ import annotations

import pytest

import litkit
from litkit.runs import corpus_columns, run

CASES = [
    ("cooccurrence", {}),
    ("bursts", {"kind": "cited_journal"}),
    ("bursts", {"kind": "cited_reference"}),
    ("bursts", {"kind": "keyword", "field": "ID"}),
    ("production", {}),
    ("keyword_views", {"field": "DE"}),
]


@pytest.fixture(scope="module")
def wos_parquet(shared_corpora, tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "wos.parquet"
    litkit.read(shared_corpora / "wos-plaintext-environment").to_parquet(path)
    return path


@pytest.mark.parametrize(("name", "params"), CASES)
def test_columns_read_give_the_same_files(wos_parquet, tmp_path, name, params):
    columns = corpus_columns(name, params)
    assert columns is not None and len(columns) < len(litkit.Corpus.read_parquet(wos_parquet).df.columns)
    full = run(name, litkit.Corpus.read_parquet(wos_parquet), tmp_path / "full", params, formats=["svg"])
    part = run(
        name, litkit.Corpus.read_parquet(wos_parquet, columns=columns), tmp_path / "part", params, formats=["svg"]
    )
    names = sorted(p.name for p in full.files)
    assert names == sorted(p.name for p in part.files) and len(names) > 1
    for a, b in zip(sorted(full.files), sorted(part.files)):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_analyses_without_a_column_list_read_everything():
    assert corpus_columns("summary") is None
    # cocitation and collab: tests/network/test_h24burst_columns.py; coupling and citations (lists since H28BENCH):
    # tests/network/test_h28bench_coupling_columns.py, test_h28bench_citations_columns.py
    assert "CR" in corpus_columns("coupling") and "CR" in corpus_columns("citations")
    assert corpus_columns("keyword_views", {"clusters": "cooccurrence"}) is None
    assert corpus_columns("bursts", {"kind": "cited_journal"}) == ["CR", "DB", "PY", "UT"]
    assert corpus_columns("cooccurrence", {"field": "TIAB"}) == ["AB", "DE", "ID", "PY", "TI", "UT"]
