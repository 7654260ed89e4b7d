"""The faster steps of the citation bursts (issue 23) against the straightforward computations.

``_first_occurrences`` (a stable sort) replaces ``~pd.Series(x).duplicated()`` in the record counting;
``reference_label`` builds its pieces as lists instead of string Series.  Checked on random codes and
on every distinct reference of real exports in ../shared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import litkit
from litkit.bursts import counts_from_codes, reference_label
from litkit.bursts import events as burst_events
from litkit.refs import cited_issue, distinct_references


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_first_occurrences_is_not_duplicated(seed):
    rng = np.random.default_rng(seed)
    for values in (
        rng.integers(-5, 5, 1000),
        np.repeat(np.arange(300), 7) * 1000 + rng.integers(0, 50, 2100),
        np.zeros(17, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
        rng.permutation(5000),
    ):
        expected = ~pd.Series(values).duplicated().to_numpy()
        assert np.array_equal(burst_events._first_occurrences(values), expected)


def _label_by_hand(row) -> str:
    def text(value):
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return ""
        import unicodedata

        return " ".join(unicodedata.normalize("NFKC", str(value)).split())

    parts = [text(row["author"]), text(row["year"]), text(row["source"])]
    # a page-less CSSCI / GB/T journal reference shows its issue (its key's: litkit.refs.cited_issue)
    issue = cited_issue(row["raw"]) if not text(row["page"]) else None
    parts += [
        ("V" + text(row["volume"]) if text(row["volume"]) else "") + (f"({issue})" if issue else ""),
        "P" + text(row["page"]) if text(row["page"]) else "",
    ]
    label = ", ".join(p for p in parts if p)
    return label if label else (text(row["raw"]) or None)


@pytest.mark.parametrize("export", ["wos-plaintext-environment", "scopus-csv", "cssci"])
def test_reference_label_equals_row_by_row(shared_corpora, export):
    _, distinct = distinct_references(litkit.read(shared_corpora / export).df)
    assert len(distinct) > 100
    labels = reference_label(distinct)
    assert labels.index.equals(distinct.index)
    by_hand = [_label_by_hand(row) for row in distinct.to_dict("records")]
    assert [None if v is None or v != v else v for v in labels.tolist()] == by_hand


def test_record_counting_counts_each_record_once_per_item():
    # record 0 cites item 1 twice in 2000, record 1 cites items 0 and 1 in 2001; records 2 and 0 share a UT code
    year = np.array([2000, 2000, 2001, 2001, 2000])
    item = np.array([1, 1, 0, 1, 1])
    record = np.array([0, 0, 1, 1, 0])
    c = counts_from_codes(year, item, np.array(["A", "B"], dtype=object), record, (2000, 2001))
    assert c.items.tolist() == ["A", "B"] and c.R.tolist() == [[0.0, 1.0], [1.0, 1.0]] and c.D.tolist() == [1.0, 1.0]
