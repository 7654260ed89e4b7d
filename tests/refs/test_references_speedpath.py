"""references_table's fast path (distinct strings parsed once, key parts folded once) against a per-row parse."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from helpers.refs_table import references_table_per_row

import litkit
from litkit.corpus import Corpus
from litkit.refs import (
    bibliographic_key,
    bibliographic_keys,
    distinct_references,
    parse_cssci_reference,
    parse_gbt7714_reference,
    parse_reference_any,
    parse_scopus_reference,
    parse_wos_reference,
    parser_for_database,
    parser_for_style,
    reference_style,
    references_table,
)


def _real_exports(shared_corpora) -> list[str]:
    counts = json.loads((shared_corpora / "expected_counts.json").read_text(encoding="utf-8"))
    new = shared_corpora / "expected_counts_new_formats.json"
    if new.exists():
        counts.update(json.loads(new.read_text(encoding="utf-8")))
    return sorted(counts)


@pytest.fixture(scope="module")
def real_frames(shared_corpora) -> dict[str, pd.DataFrame]:
    """The frame of every real export that carries cited references."""
    frames = {}
    for rel in _real_exports(shared_corpora):
        df = litkit.read(shared_corpora / rel).df
        if sum(map(len, df["CR"])):
            frames[rel] = df
    return frames


def test_real_exports_with_references_are_many(real_frames):
    # WoS plain text, BibTeX, Scopus CSV and plain text, CSSCI, Lens: the fast path meets every parser.
    assert len(real_frames) >= 15
    assert {db for df in real_frames.values() for db in df["DB"]} >= {"WoS", "Scopus", "CSSCI", "Lens"}


def test_table_of_each_real_export_equals_per_row_parse(real_frames):
    for rel, df in real_frames.items():
        fast = references_table(df)
        assert len(fast) == sum(map(len, df["CR"])), rel
        pdt.assert_frame_equal(fast, references_table_per_row(df), check_exact=True, obj=rel)


def test_table_of_all_real_exports_together_equals_per_row_parse(real_frames):
    # One corpus of every database: parsers chosen per record, DOIs and pages lent across all of them.
    df = pd.concat(list(real_frames.values()), ignore_index=True)
    fast = references_table(df)
    pdt.assert_frame_equal(fast, references_table_per_row(df), check_exact=True)
    assert fast["key"].str.startswith("doi:").sum() > 0
    assert fast["raw"].nunique() < len(fast)  # strings repeat, so the by-code mapping is exercised


def test_merged_corpus_equals_per_row_parse(shared_corpora):
    wos = litkit.read(shared_corpora / "wos-plaintext-bibliometrix-fixture/wos_sample.txt")
    scopus = litkit.read(shared_corpora / "scopus-csv/scopus_litstudy.csv")
    df = pd.concat([wos.df, scopus.df], ignore_index=True)
    df.loc[0, "DB"] = "WoS;Scopus"  # a merged record: the style of each string decides
    df.at[0, "CR"] = list(df.at[0, "CR"]) + list(scopus.df["CR"].iat[0])
    pdt.assert_frame_equal(references_table(df), references_table_per_row(df), check_exact=True)


def test_one_string_in_records_of_two_databases_is_parsed_by_each():
    raw = "Costanza R., 1997, Nature, 387, pp. 253-260"
    df = Corpus.from_records(
        [
            {"UT": "WOS:1", "DB": "WoS", "PY": 2001, "CR": [raw]},
            {"UT": "2-s2.0-1", "DB": "Scopus", "PY": 2002, "CR": [raw, raw]},
            {"UT": "M:1", "DB": "WoS;Scopus", "PY": 2003, "CR": [raw]},
        ]
    ).df
    fast = references_table(df)
    pdt.assert_frame_equal(fast, references_table_per_row(df), check_exact=True)
    wos_author = litkit.refs.parse_wos_reference(raw)["author"]
    scopus_author = litkit.refs.parse_scopus_reference(raw)["author"]
    assert wos_author != scopus_author  # the two parsers really differ on this string
    assert fast["author"].tolist()[:3] == [wos_author, scopus_author, scopus_author]


def test_strings_that_are_no_valid_utf8_are_tabled_too():
    # A lone surrogate (a badly decoded byte kept by surrogateescape) cannot be encoded as UTF-8.
    odd = "Smith J, 2001, J \udcff ECOL, V3, P4"
    df = Corpus.from_records(
        [{"UT": "A", "DB": "WoS", "CR": [odd, "Costanza R, 1997, NATURE, V387, P253"]}, {"UT": "B", "CR": [odd]}]
    ).df
    fast = references_table(df)
    pdt.assert_frame_equal(fast, references_table_per_row(df), check_exact=True)
    assert fast["raw"].tolist() == [odd, "Costanza R, 1997, NATURE, V387, P253", odd]


def test_bibliographic_keys_equal_one_by_one(real_frames):
    raws = sorted({raw for df in real_frames.values() for cr in df["CR"] for raw in cr})
    parsed = [parse_reference_any(raw) for raw in raws]
    fields = [[p[name] for p in parsed] for name in ("author", "year", "source", "volume", "page")]
    issues = [p.get("issue") for p in parsed]  # CSSCI / GB/T page-less references are keyed by their issue
    assert any(issues)
    assert bibliographic_keys(*fields, issues=issues) == [bibliographic_key(p) for p in parsed]


def test_bibliographic_keys_handle_missing_values():
    nan = float("nan")
    parsed = [
        {"author": None, "year": None, "source": None, "volume": None, "page": None},
        {"author": "Costanza R", "year": nan, "source": "Nature", "volume": "387", "page": None},
        {"author": "Costanza R", "year": 1997.0, "source": nan, "volume": None, "page": "P253"},
    ]
    fields = [[p[name] for p in parsed] for name in ("author", "year", "source", "volume", "page")]
    assert bibliographic_keys(*fields) == [bibliographic_key(p) for p in parsed]
    assert bibliographic_keys(*fields) == ["||||", "COSTANZA||NATURE|387|", "COSTANZA|1997|||P253"]


def test_distinct_references_rebuild_the_table(real_frames):
    df = pd.concat(list(real_frames.values()), ignore_index=True)
    df.loc[0, "DB"] = "WoS;Scopus"  # one merged record among them
    table = references_table(df)
    citations, distinct = distinct_references(df)
    assert list(citations.columns) == ["record", "UT", "PY", "DB", "code"]
    pdt.assert_frame_equal(citations.drop(columns="code"), table[["record", "UT", "PY", "DB"]])
    rebuilt = distinct.take(citations["code"]).reset_index(drop=True)
    pdt.assert_frame_equal(rebuilt, table[list(distinct.columns)], check_exact=True)
    # one row per distinct string here (every string is cited by records of one parser only)
    assert distinct["raw"].is_unique and len(distinct) == table["raw"].nunique()
    assert (np.bincount(citations["code"], minlength=len(distinct)) > 0).all()


def test_distinct_references_of_corpus_without_references():
    citations, distinct = distinct_references(Corpus.from_records([{"UT": "A"}]).df)
    assert len(citations) == 0 and len(distinct) == 0
    assert list(distinct.columns) == ["raw", "author", "year", "source", "volume", "page", "doi", "key"]
    assert str(citations["code"].dtype) == "int64" and str(distinct["year"].dtype) == "Int64"


def test_parser_for_database_is_the_tables_rule():
    raw = "Costanza R., 1997, Nature, 387, pp. 253-260"
    for db, parser in [
        ("CNKI", parse_gbt7714_reference),
        ("CSSCI", parse_cssci_reference),
        ("Scopus", parse_scopus_reference),
        ("WoS", parse_wos_reference),
        ("Lens", parse_wos_reference),
        ("", parse_wos_reference),
        (None, parse_wos_reference),
        ("WoS; CNKI", None),
    ]:
        assert parser_for_database(db) is parser, db
        df = Corpus.from_records([{"UT": "A", "DB": db, "CR": [raw]}]).df
        expected = (parser or parser_for_style(reference_style(raw)))(raw)
        assert references_table(df)["author"].tolist() == [expected["author"]], db


def test_corpus_reference_parts_are_cached_and_rebuild_references(shared_corpora):
    corpus = litkit.read(shared_corpora / "wos-plaintext-metaknowledge/testFile.isi")
    citations, distinct = corpus.reference_parts
    assert corpus.reference_parts[0] is citations  # computed once
    rebuilt = distinct.take(citations["code"]).reset_index(drop=True)
    pdt.assert_frame_equal(rebuilt, corpus.references[list(distinct.columns)], check_exact=True)
    assert len(distinct) < len(citations)


def test_corpus_reference_caches_follow_a_new_frame(shared_corpora):
    """Replacing corpus.df drops the references parsed from the old frame."""
    corpus = litkit.read(shared_corpora / "wos-plaintext-metaknowledge/testFile.isi")
    n_citations = len(corpus.references)
    assert len(corpus.reference_parts[0]) == n_citations > 0
    first = corpus.df.iloc[:1].reset_index(drop=True)
    corpus.df = first
    assert len(corpus.references) == len(first.loc[0, "CR"]) < n_citations
    assert len(corpus.reference_parts[0]) == len(first.loc[0, "CR"])
