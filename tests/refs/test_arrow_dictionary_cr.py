"""Cited references read dictionary-encoded from a corpus file (issue 23: `litkit cocite` and the burst steps at
100,000 records hold 80,000 distinct strings once, not four million times) give the references of the usual read."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pyarrow as pa
import pyarrow.parquet as pq

import litkit
from litkit.corpus import Corpus
from litkit.refs import distinct_references


def _dictionary_cr(lists: list[list[str]], chunks: int, rng: np.random.Generator) -> pd.Series:
    """``lists`` as an Arrow list<dictionary<string>> column whose chunk dictionaries are shuffled and hold
    values no item uses: what a Parquet writer is allowed to produce, unlike the first-appearance order it
    usually produces."""
    step = max(1, -(-len(lists) // chunks))
    parts = []
    for start in range(0, len(lists), step):
        part = lists[start : start + step]
        items = [item for value in part for item in value]
        dictionary = sorted(set(items)) + [f"unused {start}"]
        rng.shuffle(dictionary)
        where = {s: i for i, s in enumerate(dictionary)}
        values = pa.DictionaryArray.from_arrays(
            pa.array([where[s] for s in items], type=pa.int32()), pa.array(dictionary, type=pa.string())
        )
        offsets = pa.array(np.concatenate([[0], np.cumsum([len(v) for v in part])]).astype(np.int32))
        parts.append(pa.ListArray.from_arrays(offsets, values))
    column = pa.chunked_array(parts)
    return pd.Series(pd.arrays.ArrowExtensionArray(column), dtype=pd.ArrowDtype(column.type))


def test_shuffled_dictionaries_give_the_codes_of_python_lists(shared_corpora):
    """Codes number the distinct strings in order of first citation whatever order the file's dictionaries have."""
    df = litkit.read(shared_corpora / "wos-plaintext-environment", progress=False).df
    arrow = df.copy()
    arrow["CR"] = _dictionary_cr([list(v) for v in df["CR"]], chunks=5, rng=np.random.default_rng(7))
    assert pa.types.is_dictionary(arrow["CR"].dtype.pyarrow_dtype.value_type)
    assert list(arrow["CR"]) == df["CR"].tolist()  # iterating gives the Python lists
    expected = distinct_references(df)
    got = distinct_references(arrow)
    assert len(expected[1]) > 10_000
    for want, have in zip(expected, got):
        pdt.assert_frame_equal(have, want, check_exact=True)


def test_read_from_parquet_dictionary_encoded(shared_corpora, tmp_path):
    """Corpus.read_parquet(arrow=["CR"]) reads the items dictionary-encoded, also from a file whose dictionary
    pages overflow into plain pages (a tiny page limit), and the references are those of the usual read."""
    corpus = litkit.read(shared_corpora / "wos-plaintext-environment", progress=False)
    path = tmp_path / "c.parquet"
    corpus.to_parquet(path)
    table = pq.read_table(path)
    for name, options in {
        "row_groups": {"row_group_size": 97},
        "overflow": {"row_group_size": len(corpus.df), "dictionary_pagesize_limit": 2048, "write_batch_size": 8},
    }.items():
        variant = tmp_path / f"{name}.parquet"
        pq.write_table(table, variant, **options)
        plain = Corpus.read_parquet(variant, columns=["CR", "DB", "PY", "UT"])
        arrow = Corpus.read_parquet(variant, columns=["CR", "DB", "PY", "UT"], arrow=["CR"])
        assert isinstance(arrow.df["CR"].dtype, pd.ArrowDtype), name
        assert list(arrow.df["CR"]) == plain.df["CR"].tolist() == corpus.df["CR"].tolist(), name
        for want, have in zip(distinct_references(plain.df), distinct_references(arrow.df)):
            pdt.assert_frame_equal(have, want, check_exact=True)
    # The overflow really happened: the dictionary page stopped at the limit (the rest of the strings are in
    # plain pages), where one row group without the limit has a dictionary page ten times as large.
    sizes = {}
    for name in ("overflow", "row_groups"):
        meta = pq.ParquetFile(tmp_path / f"{name}.parquet").metadata.row_group(0)
        cr = next(meta.column(i) for i in range(meta.num_columns) if meta.column(i).path_in_schema.startswith("CR."))
        sizes[name] = cr.data_page_offset - cr.dictionary_page_offset
    pq.write_table(table, tmp_path / "whole.parquet", row_group_size=len(corpus.df))
    meta = pq.ParquetFile(tmp_path / "whole.parquet").metadata.row_group(0)
    cr = next(meta.column(i) for i in range(meta.num_columns) if meta.column(i).path_in_schema.startswith("CR."))
    assert sizes["overflow"] < 4096 < 10 * 4096 < cr.data_page_offset - cr.dictionary_page_offset


def test_a_file_arrow_cannot_read_dictionary_encoded_is_read_as_strings(tmp_path, monkeypatch):
    """pyarrow refuses some nested dictionary reads ("chunked array outputs"): the column is then read as
    strings, still kept in Arrow, with the same references."""
    records = [
        {"UT": "A", "DB": "WoS", "CR": ["Costanza R, 1997, NATURE, V387, P253", "Daily GC, 1997, NATURE"]},
        {"UT": "B", "DB": "WoS", "CR": ["Daily GC, 1997, NATURE"]},
    ]
    path = tmp_path / "c.parquet"
    Corpus.from_records(records).to_parquet(path)
    expected = distinct_references(Corpus.read_parquet(path).df)

    read_row_group = pq.ParquetFile.read_row_group

    def refuse(self, i, columns=None, **kwargs):
        if columns == ["CR"]:
            raise pa.ArrowNotImplementedError("Nested data conversions not implemented for chunked array outputs")
        return read_row_group(self, i, columns=columns, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_group", refuse)
    arrow = Corpus.read_parquet(path, columns=["CR", "DB", "PY", "UT"], arrow=["CR"]).df
    assert arrow["CR"].dtype.pyarrow_dtype == pa.list_(pa.string())
    for want, have in zip(expected, distinct_references(arrow)):
        pdt.assert_frame_equal(have, want, check_exact=True)
