"""'International co-authorships %' of a corpus whose addresses name no country is unknown, not 0 %.

A Lens export (no affiliations), an OpenAlex export without countries or a WoS file without C1/RP
gave 0 %, which a review would print as "no international collaboration".  The share stays
bibliometrix's (records with two or more countries / all records) whenever any record has a country.
"""

from __future__ import annotations

import math

import pandas as pd

from litkit import Corpus
from litkit.indicators import combine_summary_parts, summary, summary_from_parts, summary_parts

ROW = "International co-authorships %"


def _value(table: pd.DataFrame):
    return table.set_index("Description").loc[ROW, "Results"]


def _records(addresses):
    return Corpus.from_records(
        [{"UT": str(i), "PY": 2020, "AU": ["Li, X", "Wu, Y"], "C1": c1} for i, c1 in enumerate(addresses)]
    )


def test_no_country_anywhere_is_nan():
    corpus = _records([[], ["Dept Biol, Some Institute"], []])  # an address, but no country in it
    assert math.isnan(_value(summary(corpus)))


def test_one_country_known_keeps_bibliometrix_share():
    corpus = _records([["Univ Oxford, Oxford, England", "Harvard Univ, Cambridge, MA 02138 USA"], [], []])
    assert _value(summary(corpus)) == 100.0 / 3  # all records in the denominator, as bibliometrix


def test_domestic_only_is_zero():
    corpus = _records([["Univ Oxford, Oxford, England"], ["Univ Leeds, Leeds, England"]])
    assert _value(summary(corpus)) == 0.0


def test_parts_add_up():
    a = _records([[], []])
    b = _records([["Univ Oxford, Oxford, England", "Harvard Univ, Cambridge, MA 02138 USA"]])
    whole = Corpus.from_records(list(a) + list(b))
    parts = combine_summary_parts([summary_parts(a), summary_parts(b)])
    assert _value(summary_from_parts(parts)) == _value(summary(whole)) == 100.0 / 3
    assert math.isnan(_value(summary_from_parts(combine_summary_parts([summary_parts(a)]))))


def test_real_lens_export(shared_corpora):
    import litkit

    corpus = litkit.read(shared_corpora / "lens-csv" / "lens-export.csv")
    assert math.isnan(_value(summary(corpus)))
