"""Co-citation and collaboration runs read only their columns (litkit.runs.corpus_columns, issue 23).

Each run is made twice on real exports saved as Parquet: on the whole corpus and on the corpus read
with ``columns=corpus_columns(...)``; every file written (tables, VOSviewer files, GEXF, GraphML, HTML,
figures) must be byte-identical.  The exports cover the places the column lists come from: WoS
(C1, RP), Scopus (addresses kept in ``extra``), CNKI (Chinese titles, their dictionary from DE/ID).
"""

from __future__ import annotations

import pytest

import litkit
from litkit.runs import corpus_columns, run

CASES = [
    ("wos-plaintext-environment", "cocitation", {"top_n": 60}),
    ("wos-plaintext-environment", "cocitation", {"unit": "source", "top_n": 40}),
    ("wos-plaintext-environment", "collab", {"unit": "country"}),
    ("wos-plaintext-environment", "collab", {"unit": "institution", "label_fields": ["DE", "TI"]}),
    ("scopus-csv", "collab", {"unit": "country"}),
    ("scopus-csv", "cocitation", {"top_n": 40}),
    ("cnki-refworks", "collab", {"unit": "institution"}),
    ("cnki-refworks", "collab", {"unit": "author", "label_fields": ["TI"]}),
]


@pytest.fixture(scope="module")
def parquet_of(shared_corpora, tmp_path_factory):
    made = {}

    def make(name):
        if name not in made:
            path = tmp_path_factory.mktemp("h24burst_columns") / f"{name}.parquet"
            litkit.read(shared_corpora / name).to_parquet(path)
            made[name] = path
        return made[name]

    return make


@pytest.mark.parametrize(("export", "name", "params"), CASES)
def test_columns_read_give_the_same_files(parquet_of, tmp_path, export, name, params):
    path = parquet_of(export)
    columns = corpus_columns(name, params)
    assert columns is not None and len(columns) < len(litkit.Corpus.read_parquet(path).df.columns)
    full = run(name, litkit.Corpus.read_parquet(path), tmp_path / "full", params, formats=["svg"])
    part = run(name, litkit.Corpus.read_parquet(path, columns=columns), tmp_path / "part", params, formats=["svg"])
    names = sorted(p.name for p in full.files)
    assert names == sorted(p.name for p in part.files) and len(names) > 3
    for a, b in zip(sorted(full.files), sorted(part.files)):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_column_lists():
    assert corpus_columns("cocitation") == ["AU", "CR", "DB", "DE", "ID", "J9", "PY", "SO", "TI", "UT"]
    country = corpus_columns("collab", {"unit": "country"})
    assert {"C1", "RP", "extra", "source_format"} <= set(country) and "CR" not in country and "TI" not in country
    assert {"AB", "DE", "ID", "TI"} <= set(corpus_columns("collab", {"label_fields": ["TIAB"]}))
    assert corpus_columns("collab", {"label_fields": ["XX"]}) is None  # the run reports the bad field
