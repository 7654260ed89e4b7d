"""The vectorised per-record country and institution lists of litkit.indicators (issue 23) against the
row-by-row computation they replace, on the affiliations of real exports in ../shared and by hand.

``units_per_record`` feeds top_countries / top_institutions, SCP/MCP (country_production) and the
summary's international co-authorship share; ``_corresponding_countries`` is bibliometrix's AU1_CO.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import litkit
from litkit.errors import LitkitError
from litkit.indicators import _frame, productivity

EXPORTS = ["wos-plaintext-environment", "scopus-csv", "cnki-refworks", "cssci"]


def _brute_units(aff, column, n):
    per = [set() for _ in range(n)]
    for record, value in zip(aff["record"].tolist(), aff[column].tolist()):
        value = _frame.text(value)
        if value is None:
            continue
        record = int(record)
        if not 0 <= record < n:
            raise LitkitError(f"the affiliations table names record {record}, but the corpus has {n} records")
        per[record].add(value)
    return [sorted(s) for s in per]


def _brute_corresponding(aff, n):
    from litkit.addresses import CORRESPONDENCE_FIELDS

    marked = aff["corresponding"].tolist() if "corresponding" in aff.columns else [False] * len(aff)
    fields = aff["source_field"].tolist() if "source_field" in aff.columns else [None] * len(aff)
    first, corr, reprint = [None] * n, [None] * n, [None] * n
    for record, country, is_corr, field in zip(aff["record"].tolist(), aff["country"].tolist(), marked, fields):
        country = _frame.text(country)
        if country is None:
            continue
        if first[int(record)] is None:
            first[int(record)] = country
        if corr[int(record)] is None and productivity._truthy(is_corr):
            corr[int(record)] = country
        if reprint[int(record)] is None and field in CORRESPONDENCE_FIELDS:  # the reprint address wins
            reprint[int(record)] = country
    return [r if r is not None else c if c is not None else f for r, c, f in zip(reprint, corr, first)]


@pytest.fixture(scope="module", params=EXPORTS)
def corpus_and_aff(request, shared_corpora):
    corpus = litkit.read(shared_corpora / request.param)
    return corpus, litkit.affiliations(corpus)


def test_units_per_record_equals_row_by_row(corpus_and_aff):
    corpus, aff = corpus_and_aff
    n = len(corpus.df)
    assert len(aff) > 0
    for column in ("country", "institution", "author", "subunit"):
        assert _frame.units_per_record(aff, column, n) == _brute_units(aff, column, n), column
    assert _frame.units_per_record(aff.iloc[::3], "country", n) == _brute_units(aff.iloc[::3], "country", n)


def test_corresponding_countries_equal_row_by_row(corpus_and_aff):
    corpus, aff = corpus_and_aff
    n = len(corpus.df)
    assert productivity._corresponding_countries(aff, n) == _brute_corresponding(aff, n)
    as_objects = aff.assign(corresponding=aff["corresponding"].astype(object))
    assert productivity._corresponding_countries(as_objects, n) == _brute_corresponding(aff, n)
    without = aff.drop(columns="corresponding")
    assert productivity._corresponding_countries(without, n) == _brute_corresponding(without, n)


def test_by_hand():
    aff = pd.DataFrame(
        {
            "record": [2, 0, 0, 2, 2, 3, 0],
            "country": [" US", "CN", None, "US ", np.nan, "", "BR"],
            "corresponding": [False, False, True, pd.NA, True, True, True],
        }
    )
    aff["corresponding"] = aff["corresponding"].astype(object)
    assert _frame.units_per_record(aff, "country", 5) == [["BR", "CN"], [], ["US"], [], []]
    assert _brute_units(aff, "country", 5) == [["BR", "CN"], [], ["US"], [], []]
    assert productivity._corresponding_countries(aff, 5) == ["BR", None, "US", None, None]
    assert _frame.units_per_record(aff.iloc[:0], "country", 2) == [[], []]
    with pytest.raises(LitkitError, match="names record 7, but the corpus has 3 records"):
        _frame.units_per_record(aff.assign(record=[7, 0, 0, 2, 9, 1, 0]), "country", 3)
    # a row without a value is never checked, as row by row
    assert _frame.units_per_record(aff.assign(record=[2, 0, 9, 2, 9, 9, 0]), "country", 3)[0] == ["BR", "CN"]
