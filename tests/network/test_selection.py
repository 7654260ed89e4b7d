"""CiteSpace node selection: g-index by hand and by brute force, top N / top N % ties, time slices."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from litkit.errors import LitkitError
from litkit.network.selection import g_index_threshold, ranking, select_nodes, time_slices


def _g_brute(citations, k) -> int:
    """Every m from 0 to n tried against the definition (Python sums, no early stop)."""
    ordered = sorted(citations, reverse=True)
    totals = [0, *itertools.accumulate(ordered)]
    return max(m for m in range(len(ordered) + 1) if m * m <= k * totals[m])


# ---- g-index ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "citations, k, g",
    [
        # k = 1 is Egghe's g-index.  Cumulative 10, 18, 23, 27, 30 against 1, 4, 9, 16, 25: every m
        # qualifies, and g is capped at the 5 items the slice has.
        ([10, 8, 5, 4, 3], 1, 5),
        # Six items cited 3 times: 9 <= 9 (a tie qualifies), 16 > 12.
        ([3, 3, 3, 3, 3, 3], 1, 3),
        # Order does not matter: sorted to 6, 5, 3, 1, 1 -> 6, 11, 14, 15, 16 vs 1, 4, 9, 16, 25.
        ([1, 3, 6, 1, 5], 1, 3),
        # k = 2 doubles the citations: 2*16 = 32 >= 25, so all five.
        ([1, 3, 6, 1, 5], 2, 5),
        # 100 items cited 3 times, CiteSpace's default k = 25: m² <= 75 m, so g = 75.
        ([3] * 100, 25, 75),
        # Fractional counts: m² <= 2.5 * 1.5 m = 3.75 m, so g = 3.
        ([1.5] * 10, 2.5, 3),
        # One highly cited item carries the others: 100 >= m² up to m = 10 (k = 1).
        ([100] + [0] * 20, 1, 10),
        ([], 25, 0),
        ([0, 0, 0], 25, 0),
    ],
)
def test_g_index_hand_worked(citations, k, g):
    assert g_index_threshold(np.array(citations, dtype=float), k=k) == g
    assert _g_brute(citations, k) == g


def test_g_index_equals_brute_force_on_random_counts():
    rng = np.random.default_rng(5)
    for case in range(500):
        n = int(rng.integers(0, 40))
        c = rng.integers(0, 30, n) if case % 2 else rng.random(n) * 10
        k = [1, 2, 5, 25, 0.5, 3.7][case % 6]
        assert g_index_threshold(c, k=k) == _g_brute(c.tolist(), k), case


def test_g_index_grows_with_k():
    c = np.random.default_rng(1).integers(0, 50, 300)
    gs = [g_index_threshold(c, k=k) for k in (1, 2, 5, 10, 25, 50, 100)]
    assert gs == sorted(gs)
    assert gs[0] < gs[-1]


def test_select_nodes_g_index_uses_only_eligible_items():
    c = np.array([5, 5, 3, 1, 1, 1, 0, 0])
    # Eligible (>= 1): 5, 5, 3, 1, 1, 1 -> cumulative 5, 10, 13, 14, 15, 16; k = 1: 9 <= 13, 16 > 14 -> g = 3.
    np.testing.assert_array_equal(select_nodes(c, g_index_k=1), [0, 1, 2])
    # min_citations = 2: eligible 5, 5, 3; k = 2: 2*13 = 26 >= 9 -> all three.
    np.testing.assert_array_equal(select_nodes(c, g_index_k=2, min_citations=2), [0, 1, 2])
    # k = 25: every eligible item (6), never the uncited ones.
    np.testing.assert_array_equal(select_nodes(c, g_index_k=25), [0, 1, 2, 3, 4, 5])


# ---- top N, top N %, ties --------------------------------------------------------------------


def test_top_n_ties_by_key_then_index():
    c = np.array([2, 7, 7, 7, 1])
    # Without keys: ties by index.
    np.testing.assert_array_equal(select_nodes(c, top_n=2), [1, 2])
    # With keys: 7s ranked "a" (3) < "b" (1) < "c" (2).
    keys = ["x", "b", "c", "a", "y"]
    np.testing.assert_array_equal(select_nodes(c, top_n=1, keys=keys), [3])
    np.testing.assert_array_equal(select_nodes(c, top_n=2, keys=keys), [1, 3])
    np.testing.assert_array_equal(select_nodes(c, top_n=4, keys=keys), [0, 1, 2, 3])
    np.testing.assert_array_equal(select_nodes(c, top_n=99, keys=keys), [0, 1, 2, 3, 4])
    assert select_nodes(c, top_n=0).size == 0
    np.testing.assert_array_equal(ranking(c, keys), [3, 1, 2, 0, 4])


def test_selection_does_not_depend_on_input_order_when_keys_given():
    rng = np.random.default_rng(9)
    for case in range(100):
        n = int(rng.integers(1, 40))
        c = rng.integers(0, 5, n)  # many ties
        keys = [f"k{v:03d}" for v in rng.permutation(1000)[:n]]
        perm = rng.permutation(n)
        for rule in ({"top_n": 5}, {"top_percent": 30}, {"g_index_k": 2}, {}):
            a = {keys[v] for v in select_nodes(c, keys=keys, **rule)}
            b = {keys[perm[v]] for v in select_nodes(c[perm], keys=[keys[p] for p in perm], **rule)}
            assert a == b, (case, rule)


def test_selection_is_a_prefix_of_the_brute_force_ranking():
    rng = np.random.default_rng(13)
    for case in range(200):
        n = int(rng.integers(0, 30))
        c = rng.integers(0, 6, n)
        keys = [chr(0x4E00 + int(v)) if v % 2 else f"ref{v}" for v in rng.permutation(200)[:n]]
        ranked = sorted((v for v in range(n) if c[v] >= 1), key=lambda v: (-c[v], keys[v]))
        for top_n in (0, 1, 3, 10):
            assert set(select_nodes(c, top_n=top_n, keys=keys)) == set(ranked[:top_n]), case
        for pct in (1, 10, 33.3, 50, 100):
            count = math.ceil(round(pct * len(ranked) / 100, 9))
            assert set(select_nodes(c, top_percent=pct, keys=keys)) == set(ranked[:count]), (case, pct)
        g = _g_brute([c[v] for v in ranked], 3)
        assert set(select_nodes(c, g_index_k=3, keys=keys)) == set(ranked[:g]), case


@pytest.mark.parametrize(
    "n, percent, count",
    [
        (30, 10, 3),
        (30, 10.0, 3),
        (8, 12.5, 1),
        (3, 33.3, 1),
        (5, 50, 3),
        (7, 100, 7),
        (200, 0.5, 1),
        (1, 1, 1),
        (0, 50, 0),
    ],
)
def test_top_percent_counts(n, percent, count):
    c = np.arange(n, 0, -1)  # n distinct positive counts
    assert select_nodes(c, top_percent=percent).size == count


def test_min_citations_alone_and_with_rules():
    c = np.array([0, 1, 2, 3, 4])
    np.testing.assert_array_equal(select_nodes(c), [1, 2, 3, 4])
    np.testing.assert_array_equal(select_nodes(c, min_citations=3), [3, 4])
    np.testing.assert_array_equal(select_nodes(c, min_citations=0), [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(select_nodes(c, top_n=3, min_citations=4), [4])
    np.testing.assert_array_equal(select_nodes(c, top_percent=50, min_citations=3), [4])  # ceil(0.5*2) = 1
    assert select_nodes([]).size == 0
    assert select_nodes(c).dtype == np.int64


# ---- time slices -----------------------------------------------------------------------------


def test_time_slices():
    assert time_slices(2020, 2020) == [(2020, 2020)]
    assert time_slices(1998, 2002, 1) == [(1998, 1998), (1999, 1999), (2000, 2000), (2001, 2001), (2002, 2002)]
    assert time_slices(1998, 2002, 2) == [(1998, 1999), (2000, 2001), (2002, 2002)]
    assert time_slices(1998, 2002, 5) == [(1998, 2002)]
    assert time_slices(1998, 2002, 50) == [(1998, 2002)]
    for first, last, size in [(1990, 2024, 3), (2000, 2001, 1), (1900, 2000, 7)]:
        slices = time_slices(first, last, size)
        years = [y for a, b in slices for y in range(a, b + 1)]
        assert years == list(range(first, last + 1))  # a partition, in order
        assert all(b - a + 1 == size for a, b in slices[:-1])


# ---- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: select_nodes([1, 2], top_n=1, top_percent=5), "give one selection rule, not top_n and top_percent"),
        (lambda: select_nodes([1, 2], top_n=-1), "top_n must be a non-negative integer"),
        (lambda: select_nodes([1, 2], top_n=2.5), "top_n must be a non-negative integer"),
        (lambda: select_nodes([1, 2], top_percent=0), r"top_percent must be in \(0, 100\]"),
        (lambda: select_nodes([1, 2], top_percent=150), r"top_percent must be in \(0, 100\]"),
        (lambda: select_nodes([1, 2], top_percent="10%"), "top_percent must be a number"),
        (lambda: select_nodes([1, 2], g_index_k=0), "scale factor k must be a positive number"),
        (lambda: select_nodes([1, 2], g_index_k=float("inf")), "scale factor k must be a positive number"),
        (lambda: select_nodes([1, 2], min_citations=-1), "min_citations must be a non-negative integer"),
        (lambda: select_nodes([1, -2]), "finite and non-negative"),
        (lambda: select_nodes([1, np.nan]), "finite and non-negative"),
        (lambda: select_nodes([[1, 2]]), "one-dimensional"),
        (lambda: select_nodes(["a"]), "must be numbers"),
        (lambda: select_nodes([1, 2], keys=["a"]), "1 keys for 2 items"),
        (lambda: select_nodes([2, 2], top_n=1, keys=["a", 3]), "keys must be strings"),
        (lambda: ranking([2, 2], keys=["a", 3]), "keys must be strings"),
        (lambda: g_index_threshold([1, 2], k=-1), "scale factor k must be a positive number"),
        (lambda: time_slices(2005, 2000), "first_year 2005 is after last_year 2000"),
        (lambda: time_slices(2000, 2005, 0), "slice_years must be at least 1"),
        (lambda: time_slices(2000.5, 2005), "first_year must be an integer"),
    ],
)
def test_bad_arguments_raise_one_line_litkit_errors(call, message):
    with pytest.raises(LitkitError, match=message) as info:
        call()
    assert "\n" not in str(info.value)


# ---- real exports ----------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize(
    "name", ["wos-plaintext-environment/r-tos_savedrecs.txt", "scopus-csv/scopus_testing.csv.scopus"]
)
def test_slice_selection_on_real_references_equals_brute_force(shared_corpora, name):
    """Per 5-year slice: citations per reference key counted in Python, ranked by (-citations, key)."""
    import litkit

    refs = litkit.read(shared_corpora / name).references
    keys = sorted({k for k in refs["key"] if isinstance(k, str) and k})
    index = {k: v for v, k in enumerate(keys)}
    cited = {}  # record -> (year, set of keys): binary per citing record
    for record, year, key in zip(refs["record"], refs["PY"], refs["key"]):
        if isinstance(key, str) and key and year == year and year is not None:
            cited.setdefault(record, (int(year), set()))[1].add(key)
    years = [y for y, _ in cited.values()]
    checked = 0
    for first, last in time_slices(min(years), max(years), 5):
        counts = np.zeros(len(keys))
        for year, mine in cited.values():
            if first <= year <= last:
                for key in mine:
                    counts[index[key]] += 1
        ranked = sorted((v for v in range(len(keys)) if counts[v] >= 1), key=lambda v: (-counts[v], keys[v]))
        # Shuffle the items so that only the keys can break ties.
        perm = np.random.default_rng(first).permutation(len(keys))
        shuffled_keys = [keys[p] for p in perm]
        for rule, count in (
            ({"top_n": 50}, min(50, len(ranked))),
            ({"top_percent": 10}, math.ceil(len(ranked) / 10)),
            ({"g_index_k": 25}, _g_brute([counts[v] for v in ranked], 25)),
        ):
            got = {shuffled_keys[v] for v in select_nodes(counts[perm], keys=shuffled_keys, **rule)}
            assert got == {keys[v] for v in ranked[:count]}, (first, rule)
        checked += bool(ranked)
    assert checked >= 3
