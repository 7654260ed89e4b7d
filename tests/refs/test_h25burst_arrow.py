"""distinct_references / references_table on a CR column kept in Arrow (issue 23: the bursts commands load CR as a
pandas ArrowDtype column and code it in C++) give the tables of the Python-list column, on real exports."""

from __future__ import annotations

import json

import pandas as pd
import pandas.testing as pdt
import pyarrow as pa
import pytest
from helpers.refs_table import references_table_per_row

import litkit
from litkit.corpus import Corpus
from litkit.refs import distinct_references, parse_wos_reference, references_table


def _with_arrow_cr(df: pd.DataFrame, chunks: int = 3, list_type=None) -> pd.DataFrame:
    """``df`` with CR as an Arrow list<string> column in ``chunks`` chunks (as a multi-row-group file gives it)."""
    values = [list(v) for v in df["CR"]]
    step = max(1, -(-len(values) // chunks))
    list_type = list_type or pa.list_(pa.string())
    column = pa.chunked_array(
        [pa.array(values[i : i + step], type=list_type) for i in range(0, len(values), step)], type=list_type
    )
    out = df.copy()
    out["CR"] = pd.Series(pd.arrays.ArrowExtensionArray(column), index=df.index)
    assert isinstance(out["CR"].dtype, pd.ArrowDtype)
    return out


@pytest.fixture(scope="module")
def all_exports(shared_corpora) -> pd.DataFrame:
    """Every real export with cited references in one frame (every parser), one record marked merged."""
    counts = json.loads((shared_corpora / "expected_counts.json").read_text(encoding="utf-8"))
    new = shared_corpora / "expected_counts_new_formats.json"
    if new.exists():
        counts.update(json.loads(new.read_text(encoding="utf-8")))
    frames = [df for rel in sorted(counts) if sum(map(len, (df := litkit.read(shared_corpora / rel).df)["CR"]))]
    df = pd.concat(frames, ignore_index=True)
    df.loc[0, "DB"] = "WoS;Scopus"  # a merged record: each string's style picks its parser
    return df


@pytest.mark.parametrize("keys", [True, False])
def test_arrow_cr_gives_the_tables_of_python_lists(all_exports, keys):
    assert {"WoS", "Scopus", "CSSCI", "Lens"} <= set(all_exports["DB"])
    expected = distinct_references(all_exports, keys=keys)
    got = distinct_references(_with_arrow_cr(all_exports), keys=keys)
    assert len(expected[1]) > 10_000 and len(expected[0]) > len(expected[1])  # strings repeat: codes matter
    for want, have in zip(expected, got):
        pdt.assert_frame_equal(have, want, check_exact=True)


def test_arrow_cr_references_table_equals_the_per_row_parse(all_exports):
    df = all_exports.iloc[::4].reset_index(drop=True)  # every database, a quarter of the records (speed)
    assert df.loc[0, "DB"] == "WoS;Scopus"
    table = references_table(_with_arrow_cr(df, chunks=7))
    pdt.assert_frame_equal(table, references_table_per_row(df), check_exact=True)


def test_large_types_missing_and_empty_lists(shared_corpora):
    df = litkit.read(shared_corpora / "wos-plaintext-environment").df.head(300).copy()
    df.at[3, "CR"] = []  # a record citing nothing, among others
    expected = distinct_references(df)
    large = _with_arrow_cr(df, list_type=pa.large_list(pa.large_string()))
    for want, have in zip(expected, distinct_references(large)):
        pdt.assert_frame_equal(have, want, check_exact=True)
    # a missing list (Arrow null) cites nothing, as an empty list does
    values = [list(v) for v in df["CR"]]
    values[3] = None
    nulls = df.copy()
    nulls["CR"] = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([pa.array(values)])), index=df.index)
    for want, have in zip(expected, distinct_references(nulls)):
        pdt.assert_frame_equal(have, want, check_exact=True)


def test_an_arrow_column_with_a_missing_item_takes_the_python_path():
    raws = [["Costanza R, 1997, NATURE, V387, P253", None], ["Daily GC, 1997, NATURE"]]
    df = Corpus.from_records([{"UT": "A", "DB": "WoS"}, {"UT": "B", "DB": "WoS"}]).df
    python = df.copy()
    python["CR"] = pd.Series(raws, dtype=object)
    arrow = df.copy()
    arrow["CR"] = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([pa.array(raws)])))
    for want, have in zip(distinct_references(python), distinct_references(arrow)):
        pdt.assert_frame_equal(have, want, check_exact=True)


def test_a_corpus_read_with_arrow_cr_has_the_same_references(shared_corpora, tmp_path):
    """Through Parquet, as ``litkit bursts`` reads it (several row groups: several Arrow chunks)."""
    import pyarrow.parquet as pq

    corpus = litkit.read(shared_corpora / "wos-plaintext-environment")
    path = tmp_path / "c.parquet"
    corpus.to_parquet(path)
    table = pq.read_table(path)
    pq.write_table(table, path, row_group_size=97)  # many row groups
    plain = Corpus.read_parquet(path, columns=["CR", "DB", "PY", "UT"])
    arrow = Corpus.read_parquet(path, columns=["CR", "DB", "PY", "UT"], arrow=["CR"])
    assert isinstance(arrow.df["CR"].dtype, pd.ArrowDtype)
    for want, have in zip(distinct_references(plain.df), distinct_references(arrow.df)):
        pdt.assert_frame_equal(have, want, check_exact=True)


def test_the_fast_wos_doi_is_clean_doi(all_exports):
    """parse_wos_reference's fast path lower-cases the DOI itself: the same as litkit.io.base.clean_doi."""
    from litkit.io.base import clean_doi

    raws = {raw for cr, db in zip(all_exports["CR"], all_exports["DB"]) if db == "WoS" for raw in cr}
    dois = [(p["doi"], raw) for raw in raws if (p := parse_wos_reference(raw))["doi"]]
    assert len(dois) > 1000
    for doi, raw in dois:
        text = raw[raw.find(", DOI ") + 6 :] if ", DOI " in raw else ""
        if text.startswith("10.") and "[" not in text and " " not in text:
            assert doi == clean_doi(text), raw
    assert parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253A0.")["doi"] == (
        clean_doi("10.1038/387253A0.")
    )


def test_without_citing_fields_only_record_and_code_remain(all_exports):
    citations, distinct = distinct_references(all_exports, keys=False)
    lean, lean_distinct = distinct_references(_with_arrow_cr(all_exports), keys=False, citing=False)
    assert list(lean.columns) == ["record", "code"]
    pdt.assert_frame_equal(lean, citations[["record", "code"]])
    pdt.assert_frame_equal(lean_distinct, distinct, check_exact=True)
    empty, _ = distinct_references(all_exports.iloc[:0], citing=False)
    assert list(empty.columns) == ["record", "code"] and len(empty) == 0


def test_wos_fast_path_splits_as_the_lazy_pattern_did(all_exports):
    """The WoS fast pattern's source group is greedy now; the lazy one it replaced splits every real string alike."""
    import re

    lazy = re.compile(
        r"^(?P<author>[^,\[\]]+), (?P<year>(?:1[5-9]|20)\d\d), (?P<source>[^,\[\]]+?)"
        r"(?:, V(?P<volume>[^,\s]+))?(?:, [Pp](?P<page>[^,\s]+))?"
        r"(?:, DOI (?P<doi>10\.[^,\s\[\]]+))?$"
    )
    raws = sorted({raw for cr, db in zip(all_exports["CR"], all_exports["DB"]) if db == "WoS" for raw in cr})
    matched = 0
    for raw in raws:
        m = lazy.match(raw.strip())
        if m is None or m["author"].upper() in {"[ANONYMOUS]", "ANONYMOUS", "ANON", "[NO TITLE CAPTURED]"}:
            continue
        matched += 1
        want = {"author": m["author"].strip(), "year": int(m["year"]), "source": m["source"].strip()}
        want |= {"volume": m["volume"], "page": m["page"], "doi": m["doi"].rstrip(".").lower() if m["doi"] else None}
        got = parse_wos_reference(raw)
        assert {k: got[k] for k in want} == want, raw
    assert matched > 10_000
