"""Issue 23: list columns kept in Arrow when a corpus file is read (``read_canonical_frame(..., arrow=...)``)."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq

import litkit
from litkit.corpus import frame_from_records
from litkit.io.parquet import corpus_writer, read_canonical_frame, write_frame


def _written_in_row_groups(shared_corpora, tmp_path):
    corpus = litkit.read(
        [shared_corpora / "wos-plaintext-environment", shared_corpora / "cnki-refworks" / "CNKI.txt"], progress=False
    )
    path = tmp_path / "c.parquet"
    with corpus_writer(path) as writer:
        for start in range(0, len(corpus.df), 97):  # several row groups: the Arrow column has several chunks
            writer.write(corpus.df.iloc[start : start + 97].reset_index(drop=True))
    return corpus, path


def test_arrow_columns_hold_the_canonical_lists(shared_corpora, tmp_path):
    """The cited references and keywords in Arrow give, value by value, the Python lists of the usual read."""
    corpus, path = _written_in_row_groups(shared_corpora, tmp_path)
    plain, _ = read_canonical_frame(path)
    kept, _ = read_canonical_frame(path, arrow=["CR", "DE"])
    assert pq.ParquetFile(path).metadata.num_row_groups > 3
    for name in ("CR", "DE"):
        assert isinstance(kept[name].dtype, pd.ArrowDtype), name
        values = list(kept[name])  # iterating gives Python lists
        assert all(type(v) is list for v in values)
        assert values == plain[name].tolist() == corpus.df[name].tolist()
    assert sum(map(len, plain["CR"])) > 10_000
    # every other column is the usual one
    others = [c for c in plain.columns if c not in ("CR", "DE")]
    assert kept[others].equals(plain[others])


def test_a_column_not_read_or_needing_cleaning_stays_python(tmp_path):
    """Only a column that is read and already canonical in the file is kept in Arrow."""
    path = tmp_path / "c.parquet"
    write_frame(frame_from_records([{"UT": "1", "DE": ["a", "b"], "CR": ["x"]}, {"UT": "2"}]), path)
    df, _ = read_canonical_frame(path, columns=["UT", "DE"], arrow=["DE", "CR"])
    assert isinstance(df["DE"].dtype, pd.ArrowDtype)
    assert df["CR"].dtype == object and df["CR"].tolist() == [[], []]  # not read: empty, as without arrow
    assert list(df["DE"]) == [["a", "b"], []]

    # a file whose list items need cleaning (an empty keyword) is cleaned as before, not kept in Arrow
    import pyarrow as pa

    table = pq.read_table(path)
    index = table.schema.get_field_index("DE")
    dirty = table.set_column(
        index, table.schema.field(index), pa.array([["a", ""], []], type=table.schema.field(index).type)
    )
    dirty_path = tmp_path / "dirty.parquet"
    pq.write_table(dirty, dirty_path)
    df, _ = read_canonical_frame(dirty_path, columns=["UT", "DE"], arrow=["DE"])
    assert df["DE"].dtype == object and df["DE"].tolist() == [["a"], []]


def test_corpus_read_parquet_passes_arrow(tmp_path):
    path = tmp_path / "c.parquet"
    write_frame(frame_from_records([{"UT": "1", "CR": ["Smith J, 2001, NATURE, V1, P2"]}]), path)
    corpus = litkit.Corpus.read_parquet(path, columns=["UT", "CR"], arrow=["CR"])
    assert isinstance(corpus.df["CR"].dtype, pd.ArrowDtype)
    assert list(corpus.df["CR"]) == [["Smith J, 2001, NATURE, V1, P2"]]
