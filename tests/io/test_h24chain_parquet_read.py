"""Issue 23: reading a corpus file stays what pyarrow's own row-by-row conversion gives."""

from __future__ import annotations

import pyarrow.parquet as pq

import litkit
from litkit.corpus import COLUMNS
from litkit.io import parquet as parquet_module
from litkit.io.parquet import corpus_writer, read_canonical_frame


def test_blank_characters_are_every_python_space():
    """The scan that finds them stops at U+3000: no character above it is a space to Python."""
    everything = "".join(chr(i) for i in range(0x110000) if chr(i).isspace())
    assert parquet_module._PY_SPACE == everything
    assert "\u3000" in everything and "\u00a0" in everything


def test_list_and_text_columns_read_as_pyarrow_gives_them(shared_corpora, tmp_path):
    """Every canonical column of a real corpus written in several row groups, against ``to_pylist``."""
    corpus = litkit.read(
        [shared_corpora / "wos-plaintext-environment", shared_corpora / "cnki-refworks" / "CNKI.txt"], progress=False
    )
    df = corpus.df
    path = tmp_path / "c.parquet"
    with corpus_writer(path) as writer:
        for start in range(0, len(df), 97):  # row groups of 97 records: lists cut across them
            writer.write(df.iloc[start : start + 97].reset_index(drop=True))
    assert pq.ParquetFile(path).metadata.num_row_groups > 3
    got, _ = read_canonical_frame(path)
    table = pq.read_table(path)
    checked = 0
    for column in COLUMNS:
        expected = table.column(column.name).to_pylist()
        values = got[column.name].tolist()
        if column.kind == "list":
            assert values == [v if v is not None else [] for v in expected], column.name
            assert all(type(v) is list for v in values)
            checked += sum(map(len, values))
        elif column.kind == "str":
            assert values == expected, column.name
        else:
            assert [None if v is litkit.corpus.pd.NA else v for v in values] == expected, column.name
    assert checked > 10_000  # cited references, authors, keywords ...
    assert got.equals(df)


def test_columns_to_table_is_frame_to_table(shared_corpora):
    """The streaming ingest's conversion (no pandas frame) against the frame's, on real exports of many formats."""
    from litkit.corpus import ColumnBuilder
    from litkit.io.parquet import columns_to_table, frame_to_table

    names = [
        "wos-plaintext-environment",
        "cnki-refworks/CNKI.txt",
        "scopus-csv/scopus_sample_2025.csv",
        "cssci/DataSet_CSSCI.txt",
        "pubmed-medline/citations.nbib",
    ]
    corpus = litkit.read([shared_corpora / name for name in names], progress=False)
    builder = ColumnBuilder()
    builder.add_columns({name: corpus.df[name].tolist() for name in corpus.df.columns}, clean=False)
    assert columns_to_table(builder.columns).equals(frame_to_table(builder.frame()))
    assert len(set(corpus.df["DB"])) >= 3
    # a number column a reader left as text is coerced as the frame coerces it
    builder = ColumnBuilder()
    for year in (2020, "1999", None, "n.d.", 2001.0):
        builder.add({"PY": year, "TI": "x", "DE": ["a", None, ""]})
    table = columns_to_table(builder.columns)
    assert table.equals(frame_to_table(builder.frame()))
    assert table.column("PY").to_pylist() == [2020, 1999, None, None, 2001]
    assert table.column("DE").to_pylist() == [["a"]] * 5


def test_batches_are_written_in_order_while_the_next_is_read(shared_corpora, tmp_path):
    """The Parquet encoding runs on a second thread: the file still holds the records in reading order."""
    from litkit.io.stream import ingest_to_parquet

    source = shared_corpora / "wos-plaintext-environment"
    path = tmp_path / "c.parquet"
    seen = []
    ingest_to_parquet(source, path, batch_records=37, on_batch=lambda table: seen.append(table.num_rows))
    assert pq.ParquetFile(path).metadata.num_row_groups == len(seen) > 5
    assert litkit.Corpus.read_parquet(path) == litkit.read(source, progress=False)


def test_an_error_of_the_writing_thread_reaches_the_caller(shared_corpora, tmp_path, monkeypatch):
    import pytest

    from litkit.io.parquet import CorpusParquetWriter
    from litkit.io.stream import ingest_to_parquet

    calls = []
    write = CorpusParquetWriter.write_table

    def failing(self, table):
        calls.append(table.num_rows)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return write(self, table)

    monkeypatch.setattr(CorpusParquetWriter, "write_table", failing)
    path = tmp_path / "c.parquet"
    with pytest.raises(OSError, match="No space left"):
        ingest_to_parquet(shared_corpora / "wos-plaintext-environment", path, batch_records=37)
    assert len(calls) in (3, 4)  # raised at the next batch at the latest
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary
