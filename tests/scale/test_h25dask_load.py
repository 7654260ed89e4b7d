"""A partition loaded with some columns is the frame ``normalise_frame`` makes of those columns.

``litkit.scale`` loads partitions through :meth:`litkit.Corpus.read_parquet` (columns converted in
Arrow); it used to read the Parquet table into pandas and run :func:`litkit.corpus.normalise_frame`
on it, value by value.  Every real export, ingested one file per partition, is loaded both ways
for the column sets the scale passes ask for, and the frames must be equal value for value
(lists as Python lists, missing texts as None, same dtypes and column order).
"""

from __future__ import annotations

import dask
import pandas as pd
import pyarrow.parquet as pq
import pytest

import litkit.scale as scale
from litkit.corpus import LIST_COLUMNS, normalise_frame

pytest.importorskip("dask.distributed")

# Small real exports of several databases (WoS, WoS BibTeX, CNKI, Scopus, CSSCI, PubMed, Lens, OpenAlex).
EXPORTS = (
    "wos-plaintext-metaknowledge/testFile.isi",
    "wos-bibtex/wos_m.bib",
    "cnki-refworks/CNKI.txt",
    "cnki-noteexpress/mixed.net",
    "scopus-csv/scopus_sample_2025.csv",
    "cssci/DataSet_CSSCI.txt",
    "pubmed-medline/citations.nbib",
    "lens-csv/lens-export.csv",
    "openalex/openalex_sample.csv",
)

# The column sets of the keyword map (dictionary pass; terms), the bursts and the summaries.
COLUMN_SETS = (
    ["DE", "ID"],
    ["DE", "PY", "TI"],
    ["UT", "PY", "DB", "CR"],
    ["UT", "DE"],
    ["AU", "C1", "PY"],
    ["AB", "SO"],
)


def _normalised(path: str, columns: list[str]) -> pd.DataFrame:
    """The former loader: the Parquet columns in pandas, lists made lists, then ``normalise_frame``."""
    df = pq.read_table(path, columns=columns).to_pandas()
    for name in LIST_COLUMNS:
        if name in df.columns:
            df[name] = [list(v) if v is not None else [] for v in df[name]]
    return normalise_frame(df)


@pytest.fixture(scope="module")
def partitions(shared_corpora, expected_counts, tmp_path_factory):
    names = [n for n in EXPORTS if n in expected_counts]
    with dask.config.set(scheduler="sync"):
        return scale.ingest(
            [shared_corpora / n for n in names], tmp_path_factory.mktemp("h25dask-load"), files_per_partition=1
        )


@pytest.mark.parametrize("columns", COLUMN_SETS, ids=["-".join(c) for c in COLUMN_SETS])
def test_loaded_columns_equal_normalised_frame(partitions, columns):
    with dask.config.set(scheduler="sync"):
        frames = dask.compute(*partitions.delayed_frames(columns))
    assert len(frames) == len(partitions.partitions) == len(EXPORTS)
    for path, got in zip(partitions.partitions, frames):
        want = _normalised(str(path), columns)
        assert list(got.columns) == list(want.columns)
        assert got.dtypes.equals(want.dtypes)
        pd.testing.assert_frame_equal(got, want, check_exact=True)
        for name in got.columns:
            if got[name].dtype == object:
                # assert_frame_equal lets a numpy array equal a list: the values' types are checked too.
                assert [type(v) for v in got[name]] == [type(v) for v in want[name]], name
                assert got[name].tolist() == want[name].tolist(), name
    # The columns asked for hold data somewhere (the test would be empty otherwise).
    assert any(frame[columns[0]].map(bool).any() for frame in frames)
