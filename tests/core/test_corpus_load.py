"""Corpus.read_parquet converts columns in Arrow: the same frame as normalising what pandas reads, faster."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import litkit
from litkit.corpus import COLUMN_NAMES, COLUMNS, Corpus, normalise_frame
from litkit.errors import LitkitError
from litkit.io.parquet import arrow_schema, read_canonical_frame, read_frame, write_frame


def _assert_same_frame(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Same columns, dtypes, index and values (None and <NA> where the canonical frame has them)."""
    assert list(got.columns) == list(want.columns)
    assert list(got.dtypes) == list(want.dtypes)
    assert got.index.equals(want.index)
    for name in want.columns:
        a, b = got[name].tolist(), want[name].tolist()
        assert [type(v) for v in a] == [type(v) for v in b], name
        assert all(map(_same_value, a, b)), name


def _same_value(x, y) -> bool:
    if x is y:
        return True
    if x is pd.NA or y is pd.NA:
        return False
    if isinstance(x, float) and isinstance(y, float) and x != x and y != y:
        return True
    return bool(x == y)


def _slow_path(path) -> pd.DataFrame:
    """What Corpus.read_parquet did before: pandas reads the file, normalise_frame makes it canonical."""
    return normalise_frame(read_frame(path)[0])


def _real_exports(shared_corpora) -> list[str]:
    counts = json.loads((shared_corpora / "expected_counts.json").read_text(encoding="utf-8"))
    new = shared_corpora / "expected_counts_new_formats.json"
    if new.exists():
        counts.update(json.loads(new.read_text(encoding="utf-8")))
    return sorted(counts)


def test_every_real_export_round_trips(shared_corpora, tmp_path):
    for i, rel in enumerate(_real_exports(shared_corpora)):
        corpus = litkit.read(shared_corpora / rel)
        path = corpus.to_parquet(tmp_path / f"{i}.parquet")
        loaded = Corpus.read_parquet(path)
        _assert_same_frame(loaded.df, _slow_path(path))
        _assert_same_frame(loaded.df, corpus.df)
        assert loaded.report.to_dict() == corpus.report.to_dict(), rel


def _dirty_table(n_extra: bool = False) -> pa.Table:
    """Canonical Arrow types, values that normalise_frame must clean (blank texts, empty items, null lists)."""
    rows = {
        "UT": ["WOS:1", "", " \u3000", None, "\x1c", "WOS:6"],
        "TI": ["A title", "\t", None, "Another", "x", "\u2028"],
        "PY": [2020, None, 1999, None, 2001, 2002],
        "AU": [["Smith, J", ""], None, [], ["Lee, K", None], ["  "], ["Wu, X"]],
        "CR": [["Costanza R, 1997, NATURE, V387, P253"], [], None, [""], ["a", "b"], None],
        "DE": [["x"], ["y"], ["z"], [], [], ["w"]],
    }
    table = pa.table({name: pa.array(values, type=arrow_schema().field(name).type) for name, values in rows.items()})
    if n_extra:
        table = table.append_column("my_score", pa.array([1.5, None, 3.0, 4.0, 5.0, 6.0]))
        table = table.append_column("my_tag", pa.array(["a", None, "c", "", "e", "f"]))
    return table


def test_dirty_canonical_values_are_cleaned_as_normalise_frame_does(tmp_path):
    path = tmp_path / "dirty.parquet"
    pq.write_table(_dirty_table(), path)
    df, report = read_canonical_frame(path)
    _assert_same_frame(df, _slow_path(path))
    assert report is None
    assert df["UT"].tolist() == ["WOS:1", None, None, None, None, "WOS:6"]  # "\x1c" is blank to Python too
    assert df["TI"].tolist() == ["A title", None, None, "Another", "x", None]
    assert df["AU"].tolist() == [["Smith, J"], [], [], ["Lee, K"], ["  "], ["Wu, X"]]
    assert df["CR"].tolist() == [["Costanza R, 1997, NATURE, V387, P253"], [], [], [], ["a", "b"], []]
    assert df["PY"].tolist() == [2020, pd.NA, 1999, pd.NA, 2001, 2002]


def test_foreign_types_and_extra_columns_take_the_normalising_path(tmp_path):
    path = tmp_path / "foreign.parquet"
    table = _dirty_table(n_extra=True)
    # PY written as text, AU as large_list, SO as large_string: not the canonical types
    table = table.set_column(table.schema.get_field_index("PY"), "PY", pa.array(["2020", "x", None, "1", "2", ""]))
    au = table.column("AU").cast(pa.large_list(pa.large_string()))
    table = table.set_column(table.schema.get_field_index("AU"), "AU", au)
    table = table.append_column("SO", pa.array(["Nature", " ", None, "", "J", "K"], type=pa.large_string()))
    pq.write_table(table, path)
    df, _ = read_canonical_frame(path)
    _assert_same_frame(df, _slow_path(path))
    assert list(df.columns) == list(COLUMN_NAMES) + ["my_score", "my_tag"]
    assert df["PY"].tolist() == [2020, pd.NA, pd.NA, 1, 2, pd.NA]
    assert df["SO"].tolist() == ["Nature", None, None, None, "J", "K"]
    assert df["AU"].tolist() == [["Smith, J"], [], [], ["Lee, K"], ["  "], ["Wu, X"]]


def test_written_corpus_with_extra_column_round_trips(tmp_path):
    corpus = Corpus.from_records([{"UT": "WOS:1", "PY": 2001, "DE": ["a"]}, {"UT": "WOS:2", "TI": "T"}])
    df = corpus.df.copy()
    df["cluster"] = [3, 4]
    path = write_frame(df, tmp_path / "c.parquet")
    got = Corpus.read_parquet(path).df
    _assert_same_frame(got, _slow_path(path))
    assert got["cluster"].tolist() == [3, 4]


def test_empty_corpus_round_trips(tmp_path):
    path = Corpus().to_parquet(tmp_path / "empty.parquet")
    got = Corpus.read_parquet(path)
    _assert_same_frame(got.df, _slow_path(path))
    assert len(got) == 0 and list(got.df.columns) == list(COLUMN_NAMES)


def test_columns_reads_only_those_and_leaves_the_others_empty(shared_corpora, tmp_path):
    corpus = litkit.read(shared_corpora / "wos-plaintext-bibliometrix-fixture/wos_sample.txt")
    path = corpus.to_parquet(tmp_path / "c.parquet")
    wanted = ["UT", "PY", "DB", "CR"]
    part = Corpus.read_parquet(path, columns=wanted)
    assert list(part.df.columns) == list(COLUMN_NAMES)
    assert list(part.df.dtypes) == list(corpus.df.dtypes)
    for c in COLUMNS:
        if c.name in wanted:
            assert part.df[c.name].tolist() == corpus.df[c.name].tolist()
        elif c.kind == "list":
            assert all(v == [] for v in part.df[c.name])
        else:
            assert part.df[c.name].isna().all()
    # what a citation analysis needs is all there: the same references table
    pd.testing.assert_frame_equal(part.references, corpus.references)
    assert part.report.to_dict() == corpus.report.to_dict()


def test_columns_naming_an_unknown_column_is_an_error(tmp_path):
    path = Corpus.from_records([{"UT": "WOS:1"}]).to_parquet(tmp_path / "c.parquet")
    with pytest.raises(LitkitError, match="no column 'XX'"):
        Corpus.read_parquet(path, columns=["UT", "XX"])


def test_row_groups_are_read_one_by_one_with_one_object_per_string(tmp_path):
    from litkit.corpus import frame_from_records
    from litkit.io.parquet import corpus_writer

    ref = "Costanza R, 1997, NATURE, V387, P253"
    batches = [
        [{"UT": "A", "DB": "WoS", "CR": [ref, "Daily GC, 1997, NATURE"]}],
        [{"UT": "B", "DB": "WoS", "CR": [ref]}, {"UT": "C", "DB": "WoS"}],
        [{"UT": "D", "DB": "WoS", "CR": [ref], "TI": "T"}],
    ]
    path = tmp_path / "groups.parquet"
    with corpus_writer(path) as writer:
        for batch in batches:
            writer.write(frame_from_records(batch))
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    df = Corpus.read_parquet(path).df
    _assert_same_frame(df, _slow_path(path))
    assert df["CR"][0][0] is df["CR"][1][0] is df["CR"][3][0]  # one str object across row groups
    assert df["DB"][0] is df["DB"][3]
    # a blank value only in the last row group is still cleaned, and the others are unchanged
    table = pq.read_table(path)
    ti = pa.array([None, None, None, " "], type=pa.string())
    table = table.set_column(table.schema.get_field_index("TI"), "TI", ti)
    dirty = tmp_path / "dirty_groups.parquet"
    pq.write_table(table, dirty, row_group_size=2)
    assert pq.ParquetFile(dirty).metadata.num_row_groups == 2
    got = Corpus.read_parquet(dirty).df
    _assert_same_frame(got, _slow_path(dirty))
    assert got["TI"].tolist() == [None] * 4 and got["UT"].tolist() == ["A", "B", "C", "D"]
