"""Kleinberg burst detection: reference vectors, vectorised == scalar, edge cases, citation bursts."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from litkit.bursts import (burst_states, burst_states_many, kleinberg, kleinberg_many,
                           state_probabilities)
from litkit.errors import LitkitError


@pytest.fixture(scope="module")
def vectors(shared_reference):
    return json.loads((shared_reference / "bursts.json").read_text(encoding="utf-8"))["vectors"]


# ---------------------------------------------------------------------------------------------
# reference vectors
# ---------------------------------------------------------------------------------------------
def test_reference_vectors_scalar(vectors):
    assert {v["id"] for v in vectors} >= {"V1", "V3", "V5", "V6"}
    for v in vectors:
        got = kleinberg(v["r"], v["d"], s=v["s"], gamma=v["gamma"])
        expected = v["expected_bursts"]
        assert len(got) == len(expected), v["id"]
        assert got["start"].tolist() == [b[0] for b in expected], v["id"]
        assert got["end"].tolist() == [b[1] for b in expected], v["id"]
        np.testing.assert_allclose(got["weight"].to_numpy(), [b[2] for b in expected], rtol=0, atol=1e-6)
        assert got.attrs["states"] == v["expected_states"], v["id"]
        assert got.attrs["p0"] == pytest.approx(v["p0"], abs=1e-11)
        assert got.attrs["p1"] == pytest.approx(v["p1"], abs=1e-11)
        assert burst_states(v["r"], v["d"], s=v["s"], gamma=v["gamma"]).tolist() == v["expected_states"]


def test_reference_vectors_vectorised(vectors):
    for v in vectors:
        states, _ = burst_states_many([v["r"]], v["d"], s=v["s"], gamma=v["gamma"])
        assert states[0].astype(int).tolist() == v["expected_states"], v["id"]
        got = kleinberg_many([v["r"]], [v["d"]], s=v["s"], gamma=v["gamma"])
        expected = v["expected_bursts"]
        assert got["item"].tolist() == [0] * len(expected)
        assert got[["start", "end"]].values.tolist() == [b[:2] for b in expected]
        np.testing.assert_allclose(got["weight"].to_numpy(), [b[2] for b in expected], rtol=0, atol=1e-6)


def test_all_reference_vectors_in_one_batch(vectors):
    """Vectors of equal length solved together give each vector's own answer."""
    by_len: dict[tuple, list] = {}
    for v in vectors:
        by_len.setdefault((len(v["r"]), v["s"], v["gamma"]), []).append(v)
    for (_, s, gamma), group in by_len.items():
        got = kleinberg_many([v["r"] for v in group], [v["d"] for v in group], s=s, gamma=gamma)
        for i, v in enumerate(group):
            mine = got[got["item"] == i]
            assert mine[["start", "end"]].values.tolist() == [b[:2] for b in v["expected_bursts"]]


def test_greedy_answer_is_not_reproduced(vectors):
    v1 = next(v for v in vectors if v["id"] == "V1")
    got = kleinberg(v1["r"], v1["d"])
    greedy = v1["greedy_burst_detection_0.1.3"]
    assert got[["start", "end"]].values.tolist() != [b[:2] for b in greedy]


# ---------------------------------------------------------------------------------------------
# vectorised == scalar, determinism
# ---------------------------------------------------------------------------------------------
def _random_batch(rng, items, slices):
    d = rng.integers(0, 40, size=slices)
    d[rng.random(slices) < 0.1] = 0  # some empty slices
    base = rng.random(items)[:, None] * 0.3
    lift = np.where(rng.random((items, slices)) < 0.15, 3.0, 1.0)
    R = rng.binomial(d[None, :], np.clip(base * lift, 0, 1))
    return R, d


@pytest.mark.parametrize("seed", range(6))
def test_vectorised_equals_scalar(seed):
    rng = np.random.default_rng(seed)
    slices = int(rng.integers(1, 25))
    R, d = _random_batch(rng, 60, slices)
    s = float(rng.choice([1.5, 2, 3]))
    gamma = float(rng.choice([0, 0.5, 1, 2]))
    min_duration = int(rng.integers(1, 3))
    many = kleinberg_many(R, d, s=s, gamma=gamma, min_duration=min_duration)
    states_many, _ = burst_states_many(R, d, s=s, gamma=gamma)
    for i in range(R.shape[0]):
        one = kleinberg(R[i], d, s=s, gamma=gamma, min_duration=min_duration)
        assert states_many[i].astype(int).tolist() == one.attrs["states"]
        mine = many[many["item"] == i]
        assert mine[["start", "end"]].values.tolist() == one[["start", "end"]].values.tolist()
        np.testing.assert_allclose(mine["weight"].to_numpy(), one["weight"].to_numpy(), rtol=1e-12, atol=1e-9)


def test_per_item_d_equals_shared_d():
    rng = np.random.default_rng(7)
    R, d = _random_batch(rng, 30, 12)
    shared = kleinberg_many(R, d)
    per_item = kleinberg_many(R, np.tile(d, (R.shape[0], 1)))
    pd.testing.assert_frame_equal(shared, per_item)


def test_strengths_identical_between_runs():
    rng = np.random.default_rng(11)
    R, d = _random_batch(rng, 2000, 30)
    first = kleinberg_many(R, d)
    second = kleinberg_many(R.copy(), d.copy())
    assert len(first) > 0
    pd.testing.assert_frame_equal(first, second, check_exact=False, rtol=0, atol=1e-9)
    assert first["weight"].to_numpy().tobytes() == second["weight"].to_numpy().tobytes()


def test_weights_positive_and_runs_maximal():
    rng = np.random.default_rng(3)
    R, d = _random_batch(rng, 500, 20)
    got = kleinberg_many(R, d)
    assert (got["weight"] > 0).all()  # a burst that fit worse than the base state would not be chosen
    states, _ = burst_states_many(R, d)
    for item, start, end in got[["item", "start", "end"]].itertuples(index=False):
        assert states[item, start:end + 1].all()
        assert start == 0 or not states[item, start - 1]
        assert end == 20 - 1 or not states[item, end + 1]


# ---------------------------------------------------------------------------------------------
# edge cases and validation
# ---------------------------------------------------------------------------------------------
def test_all_zeros_gives_no_burst():
    got = kleinberg([0, 0, 0, 0], [0, 0, 0, 0])
    assert got.empty and list(got.columns) == ["start", "end", "weight"]
    assert got.attrs["states"] == [0, 0, 0, 0]
    assert kleinberg_many(np.zeros((3, 5)), np.zeros(5)).empty


def test_empty_slices_are_neutral():
    # d = 0 in slices 0 and 5: they cost the same in both states and cannot carry a burst alone.
    got = kleinberg([0, 1, 1, 9, 9, 0, 1, 1], [0, 10, 10, 10, 10, 0, 10, 10])
    assert got[["start", "end"]].values.tolist() == [[3, 4]]


def test_one_slice():
    got = kleinberg([3], [10])
    assert got.empty and got.attrs["states"] == [0]
    assert kleinberg_many([[3], [0]], [10]).empty


def test_item_in_every_event_has_no_burst():
    got = kleinberg([5, 5, 5], [5, 5, 5])  # p0 = 1 > p1 cap: the burst state fits worse
    assert got.empty
    assert state_probabilities([5, 5, 5], [5, 5, 5]) == (1.0, 0.99999)


def test_min_duration_filters_short_bursts(vectors):
    v3 = next(v for v in vectors if v["id"] == "V3")
    got = kleinberg(v3["r"], v3["d"], s=v3["s"], gamma=v3["gamma"], min_duration=2)
    assert got[["start", "end"]].values.tolist() == [[3, 5]]
    many = kleinberg_many([v3["r"]], v3["d"], s=v3["s"], gamma=v3["gamma"], min_duration=2)
    assert many[["start", "end"]].values.tolist() == [[3, 5]]


@pytest.mark.parametrize("r, d, message", [
    ([1, 5], [2, 4], "r exceeds d"),
    ([1, -1], [2, 4], "negative"),
    ([1, 2, 3], [4, 4], "same length"),
    ([], [], "at least one"),
    ([1, float("nan")], [2, 4], "missing"),
])
def test_invalid_counts(r, d, message):
    with pytest.raises(LitkitError, match=message):
        kleinberg(r, d)


def test_invalid_counts_many():
    with pytest.raises(LitkitError, match="r exceeds d"):
        kleinberg_many([[1, 2], [3, 9]], [5, 5])
    with pytest.raises(LitkitError, match="shape"):
        kleinberg_many([[1, 2]], [5, 5, 5])


@pytest.mark.parametrize("kwargs, message", [
    ({"s": 1}, "s must be"), ({"s": 0.5}, "s must be"), ({"gamma": -1}, "gamma"),
    ({"min_duration": 0}, "min_duration"), ({"min_duration": 1.5}, "min_duration"),
])
def test_invalid_parameters(kwargs, message):
    with pytest.raises(LitkitError, match=message):
        kleinberg([1, 2], [4, 4], **kwargs)
