"""`litkit couple` reads only its columns with CR as Arrow (runs.corpus_columns / arrow_columns): every file the
coupling run writes is byte-identical to the run on the whole corpus read with Python lists."""

from __future__ import annotations

import pytest

import litkit
from litkit.runs import arrow_columns, corpus_columns, run

CASES = [
    ("wos-plaintext-environment", {"unit": "document", "top_n": 60}),
    ("wos-plaintext-environment", {"unit": "source", "counting": "fractional"}),
    ("wos-plaintext-environment", {"unit": "institution", "top_n": 40}),
    ("wos-plaintext-environment", {"unit": "country"}),
    ("scopus-csv", {"unit": "country"}),
    ("cssci", {"unit": "author", "top_n": 40}),
]


@pytest.fixture(scope="module")
def parquet_of(shared_corpora, tmp_path_factory):
    made = {}

    def make(name):
        if name not in made:
            path = tmp_path_factory.mktemp("h28bench_columns") / f"{name}.parquet"
            litkit.read(shared_corpora / name, progress=False).to_parquet(path)
            made[name] = path
        return made[name]

    return make


@pytest.mark.parametrize(("export", "params"), CASES)
def test_coupling_columns_and_arrow_give_the_same_files(parquet_of, tmp_path, export, params):
    path = parquet_of(export)
    columns, arrow = corpus_columns("coupling", params), arrow_columns("coupling", params)
    assert arrow == ["CR"] and "CR" in columns
    assert len(columns) < len(litkit.Corpus.read_parquet(path).df.columns)
    full = run("coupling", litkit.Corpus.read_parquet(path), tmp_path / "full", params, formats=["svg"])
    part = run(
        "coupling",
        litkit.Corpus.read_parquet(path, columns=columns, arrow=arrow),
        tmp_path / "part",
        params,
        formats=["svg"],
    )
    names = sorted(p.name for p in full.files)
    assert names == sorted(p.name for p in part.files) and len(names) > 3
    for a, b in zip(sorted(full.files), sorted(part.files)):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert len(full.value) > 1  # a network, not an empty one: the files compare something
