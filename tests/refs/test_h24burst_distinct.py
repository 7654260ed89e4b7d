"""distinct_references(df, keys=False) (issue 23: cited-journal bursts need no reference keys) gives the
same tables as keys=True but for an empty key column, on real exports of several databases."""

from __future__ import annotations

import pytest

import litkit
from litkit.bursts import citation_bursts
from litkit.refs import distinct_references


@pytest.mark.parametrize("export", ["wos-plaintext-environment", "scopus-csv", "cssci"])
def test_without_keys_only_the_key_column_differs(shared_corpora, export):
    df = litkit.read(shared_corpora / export).df
    citations, distinct = distinct_references(df)
    citations_nk, distinct_nk = distinct_references(df, keys=False)
    assert len(distinct) > 100 and distinct["key"].notna().all()
    assert citations.equals(citations_nk)
    assert list(distinct.columns) == list(distinct_nk.columns)
    assert distinct.drop(columns="key").equals(distinct_nk.drop(columns="key"))
    assert distinct_nk["key"].isna().all()


def test_cited_journal_bursts_match_the_references_table(shared_corpora):
    """The keyless path (a plain Corpus) against the references table of a subclass-free frame."""
    corpus = litkit.read(shared_corpora / "wos-plaintext-environment")

    class Other:  # anything with .df and .references takes the references-table path
        df = corpus.df
        references = corpus.references

    fast = citation_bursts(corpus, kind="cited_journal", top=None)
    slow = citation_bursts(Other(), kind="cited_journal", top=None)
    assert len(fast) > 0 and fast.equals(slow)
