"""Issue 23, the bursts commands faster with the same tables:

* the model's fit costs no longer call scipy.special.xlogy (its import was a tenth of a command): the gains
  of :func:`litkit.bursts.burst_states_many` and the weights of :func:`litkit.bursts.kleinberg` equal, bit for bit,
  the ones computed here with scipy on real counts and on edge cases;
* :func:`litkit.bursts.reference_label` normalises the raw string only where a reference has no label;
* a corpus whose CR is read in Arrow gives the events and burst tables of the Python-list corpus.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from scipy.special import xlogy

import litkit
from litkit.bursts import (
    P1_CAP,
    burst_counts,
    burst_states_many,
    citation_bursts,
    cited_item_codes,
    counts_from_codes,
    item_events,
    kleinberg,
    reference_label,
)
from litkit.corpus import Corpus
from litkit.refs import distinct_references


def _gain_with_scipy(R: np.ndarray, D: np.ndarray, s: float) -> np.ndarray:
    """sigma0 - sigma1 of the model docstring, written with scipy.special.xlogy (what the model used to call)."""
    R = np.asarray(R, dtype=float)
    D = np.broadcast_to(np.asarray(D, dtype=float), R.shape)
    total_d = D.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        p0 = np.where(total_d > 0, R.sum(axis=1) / np.where(total_d > 0, total_d, 1.0), 0.0)
    p1 = np.minimum(s * p0, P1_CAP)
    miss = D - R
    sigma0 = -(xlogy(R, p0[:, None]) + xlogy(miss, 1.0 - p0[:, None]))
    sigma1 = -(xlogy(R, p1[:, None]) + xlogy(miss, 1.0 - p1[:, None]))
    return sigma0 - sigma1


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return (
        a.shape == b.shape
        and bool((np.isnan(a) == np.isnan(b)).all())
        and bool((a[~np.isnan(a)].view(np.int64) == b[~np.isnan(b)].view(np.int64)).all())
    )


@pytest.fixture(scope="module")
def environment(shared_corpora):
    return litkit.read(shared_corpora / "wos-plaintext-environment")


@pytest.fixture(scope="module")
def real_counts(environment):
    years = environment.df["PY"].dropna()
    period = (int(years.min()), int(years.max()))
    return counts_from_codes(*cited_item_codes(environment, "cited_reference"), period)


@pytest.mark.parametrize(("s", "gamma"), [(2.0, 1.0), (1.5, 0.5), (1e6, 1.0)])
def test_gains_equal_scipy_xlogy_bit_for_bit_on_real_counts(real_counts, s, gamma):
    R, D = real_counts.R, real_counts.D
    assert R.shape[0] > 5000 and (R == 0).any() and (R > 0).any()
    _, gain = burst_states_many(R, D, s=s, gamma=gamma)
    assert _same_bits(gain, _gain_with_scipy(R, D, s))


def test_gains_equal_scipy_xlogy_on_edge_cases():
    R = np.array(
        [
            [0, 0, 0, 0],  # never occurs: p0 = 0
            [5, 3, 0, 2],  # r = d in every slice that has events: p0 = 1
            [1, 0, 0, 0],  # d = 0 in a slice
            [2, 2, 0, 1],
            [0, 0, 0, 7],
        ],
        dtype=float,
    )
    D = np.array([5, 3, 0, 2], dtype=float)
    R[4] = [0, 0, 0, 2]
    for s in (1.01, 2.0, 50.0):  # 50: p1 capped at 0.99999
        _, gain = burst_states_many(R, D, s=s)
        assert _same_bits(gain, _gain_with_scipy(R, D, s))
    per_item_d = np.array([[0, 0, 0, 0], [5, 3, 0, 2], [1, 4, 0, 0], [9, 9, 9, 9], [0, 0, 1, 2]], dtype=float)
    _, gain = burst_states_many(R, per_item_d, s=2.0)
    assert _same_bits(gain, _gain_with_scipy(R, per_item_d, 2.0))


def test_one_item_weights_are_sums_of_scipy_gains(real_counts):
    R, D = real_counts.R, real_counts.D
    rows = np.flatnonzero(R.sum(axis=1) >= 5)[:300]
    gains = _gain_with_scipy(R[rows], D, 2.0)
    found = 0
    for row, gain in zip(rows, gains):
        table = kleinberg(R[row], D, s=2.0, gamma=1.0)
        for start, end, weight in table.itertuples(index=False):
            assert weight == math.fsum(gain[start : end + 1])
            found += 1
    assert found > 20


def _label_in_full(refs: pd.DataFrame) -> pd.Series:
    """reference_label as it was written before: every raw string normalised, then used where the label is empty."""
    import unicodedata

    def norm(value):
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return None
        return " ".join(unicodedata.normalize("NFKC", str(value)).split()) or None

    def part(col, prefix=""):
        return [f"{prefix}{t}" if (t := norm(v)) else "" for v in refs[col]]

    pieces = [part("author"), part("year"), part("source"), part("volume", "V"), part("page", "P")]
    label = pd.Series([", ".join(p for p in row if p) for row in zip(*pieces)], index=refs.index)
    raw = pd.Series([norm(v) for v in refs["raw"]], index=refs.index, dtype=object)
    return label.where(label != "", raw)


def test_reference_labels_equal_the_full_computation(shared_corpora, environment):
    scopus = litkit.read(shared_corpora / "scopus-csv")
    df = pd.concat([environment.df, scopus.df], ignore_index=True)
    distinct = distinct_references(df, keys=False)[1]
    odd = pd.DataFrame(
        {
            "author": [None, None, None, "Ｓmith  J"],
            "year": pd.array([None, None, None, 2001], dtype="Int64"),
            "source": [None, None, None, None],
            "volume": [None] * 4,
            "page": [None] * 4,
            "raw": ["  [No  title captured] ", None, "   ", "x"],
        }
    )
    refs = pd.concat([distinct.drop(columns=["doi", "key"]), odd], ignore_index=True).iloc[::-1]
    want = _label_in_full(refs)
    assert (want.isna() | (want == "")).sum() >= 2 and (want == "[No title captured]").any()
    pdt.assert_series_equal(reference_label(refs), want)


@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference"])
def test_a_corpus_with_cr_in_arrow_has_the_same_bursts(environment, tmp_path, kind):
    path = tmp_path / "c.parquet"
    environment.to_parquet(path)
    columns = ["CR", "DB", "PY", "UT"]
    arrow = Corpus.read_parquet(path, columns=columns, arrow=["CR"])
    assert isinstance(arrow.df["CR"].dtype, pd.ArrowDtype)
    # the straightforward path: one event row per citation, counted from strings
    period = (int(environment.df["PY"].min()), int(environment.df["PY"].max()))
    general = burst_counts(item_events(environment, kind=kind), period)
    fast = counts_from_codes(*cited_item_codes(arrow, kind), period)
    order = np.argsort(fast.items.astype(str))
    assert fast.items[order].tolist() == general.items.tolist()
    assert np.array_equal(fast.R[order], general.R) and np.array_equal(fast.D, general.D)
    table = citation_bursts(arrow, kind=kind, top=None)
    assert len(table) > 10
    pdt.assert_frame_equal(table, citation_bursts(Corpus.read_parquet(path, columns=columns), kind=kind, top=None))
