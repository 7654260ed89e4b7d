"""CiteSpace's node selection per time slice: top N, top N % and the g-index rule.

CiteSpace builds one network per time slice from the items most cited (or most
frequent) in that slice and merges the slice networks.  This module holds the
selection rules, on plain count vectors, so that every network builder can use them:

* :func:`time_slices` — the slices ``[(first, last), ...]`` of ``slice_years`` years;
* :func:`select_nodes` — the indices of the items one slice keeps, by exactly one of
  ``top_n``, ``top_percent`` or ``g_index_k`` (or, with none, every item cited at least
  ``min_citations`` times);
* :func:`g_index_threshold` — the ``g`` of CiteSpace's modified g-index.

The g-index rule
----------------
Egghe's g-index (2006) of a list of citation counts sorted in decreasing order
``c_1 >= c_2 >= ...`` is the largest ``g`` such that the ``g`` most cited items together
received at least ``g²`` citations.  CiteSpace (default selection since 4.0.R3; its
"g-index" option in *Selection Criteria*, "modified g-index in each slice",
``g² ≤ k Σ_{i≤g} c_i, k ∈ Z+``; Chen, *CiteSpace 101*, section 6.4 "Node Selection")
scales the right-hand side by a factor ``k`` so that a user can make the network larger
(larger ``k``) or smaller; ``k = 1`` is Egghe's g-index and CiteSpace's default is
``k = 25``.  litkit implements exactly::

    g = max { m in 0..n : m² <= k * (c_1 + ... + c_m) }

over the ``n`` items of the slice that are cited at least ``min_citations`` times, sorted
by citations (decreasing).  ``g`` is capped at ``n`` (Egghe's variant that pads the list
with uncited fictitious items is not used: a slice cannot select items it does not have).
``m = 0`` always qualifies, so an empty slice gives ``g = 0``.  ``f(m) = k Σ_{i≤m} c_i − m²``
is concave (its steps ``k c_{m+1} − (2m + 1)`` decrease), so the qualifying ``m`` are exactly
``0..g``: the first failure and the last success agree.  Counts may be
fractional (fractional counting); the comparison is then made in floating point.

Ties
----
Every rule ranks the eligible items by citations (decreasing), then by ``keys``
(ascending, code-point order) when given, else by index (ascending), and keeps a prefix
of that ranking: the selection has exactly ``top_n`` (``ceil(top_percent/100 · n)``,
``g``) items even when the last kept item ties with the first dropped one, and never
depends on the order the items were given in when ``keys`` are given.

Examples
--------
>>> import numpy as np
>>> from litkit.network.selection import g_index_threshold, select_nodes, time_slices
>>> c = np.array([10, 8, 5, 4, 3, 0])
>>> g_index_threshold(c, k=1)            # 10+8+5+4+3 = 30 >= 25 = 5²
5
>>> select_nodes(c, top_n=2)
array([0, 1])
>>> time_slices(2001, 2005, slice_years=2)
[(2001, 2002), (2003, 2004), (2005, 2005)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..errors import LitkitError

__all__ = ["g_index_threshold", "select_nodes", "time_slices", "ranking", "check_thresholds"]


def g_index_threshold(citations: np.ndarray, k: float = 25) -> int:
    """The ``g`` of CiteSpace's modified g-index: the largest ``g`` with ``g² ≤ k Σ_{i≤g} c_i``.

    Parameters
    ----------
    citations : array-like of float, shape (n,)
        Citation counts (or occurrences) of the candidate items of one slice, in any
        order; all of them count (filter with :func:`select_nodes`'s ``min_citations``
        first if needed).  Must be finite and non-negative.
    k : float, default 25
        CiteSpace's scale factor (positive; ``k = 1`` is Egghe's g-index, CiteSpace's
        default is 25).

    Returns
    -------
    int
        ``g``, between 0 and ``n``: the largest ``m`` such that the ``m`` most cited items
        together have at least ``m² / k`` citations (see the module docstring for the source).

    Examples
    --------
    Egghe's g-index (``k = 1``): the top 3 have 6+5+3 = 14 ≥ 9, the top 4 have 15 < 16.

    >>> g_index_threshold([6, 5, 3, 1, 1], k=1)
    3
    >>> g_index_threshold([6, 5, 3, 1, 1], k=2)   # 16 <= 2*16 = 32; 25 <= 2*16 = 32
    5
    >>> g_index_threshold([], k=25)
    0
    """
    c = _as_counts(citations, "citations")
    kk = _check_k(k)
    if c.size == 0:
        return 0
    ordered = -np.sort(-c)
    m = np.arange(1, c.size + 1, dtype=np.float64)
    # Integer counts and k are compared exactly in int64 (no rounding); fractional ones in float.
    if _is_integral(ordered) and float(kk).is_integer() and ordered.sum() * kk < 2**62:
        ok = m.astype(np.int64) ** 2 <= int(kk) * np.cumsum(ordered.astype(np.int64))
    else:
        ok = m**2 <= kk * np.cumsum(ordered)
    hits = np.flatnonzero(ok)
    return int(hits[-1] + 1) if hits.size else 0


def select_nodes(
    citations: np.ndarray,
    *,
    top_n: int | None = None,
    top_percent: float | None = None,
    g_index_k: float | None = None,
    min_citations: int = 1,
    keys: Sequence[str] | None = None,
) -> np.ndarray:
    """Indices of the items one time slice keeps (CiteSpace's node selection).

    Parameters
    ----------
    citations : array-like of float, shape (n,)
        Citations (or occurrences) of each item in the slice; finite, non-negative.
    top_n : int, optional
        Keep the ``top_n`` most cited items (CiteSpace's "Top N per slice").
    top_percent : float, optional
        Keep the ``ceil(top_percent / 100 * n_eligible)`` most cited items, ``0 < top_percent
        <= 100`` (CiteSpace's "Top N% per slice"; rounding up keeps at least one item of a
        non-empty slice).  The product is computed exactly (``top_percent`` as a decimal
        fraction), so ``10`` % of 30 items is 3, not 4.
    g_index_k : float, optional
        Keep the ``g`` most cited items, ``g = g_index_threshold(eligible citations, k)``
        (CiteSpace's "g-index" with scale factor ``k``).
    min_citations : int, default 1
        Items cited fewer times are never selected (and do not count in ``n_eligible`` nor
        in the g-index).  With no rule given, the selection is every such item.
    keys : sequence of str, optional
        Item keys, used to break ties in citations (ascending); without them ties are
        broken by index.  Only the keys of the items tied at the cut are read (and checked
        to be strings), so a slice of a million candidates stays fast.

    Returns
    -------
    numpy.ndarray of int64
        The selected indices, ascending.

    Raises
    ------
    LitkitError
        More than one rule given, a rule out of range, counts negative or not finite,
        ``keys`` of the wrong length.

    Examples
    --------
    >>> select_nodes([3, 5, 5, 1, 0], top_n=2)
    array([1, 2])
    >>> select_nodes([3, 5, 5, 1, 0], top_n=2, keys=["a", "z", "b", "c", "d"])   # 5 ties: "b" < "z"
    array([1, 2])
    >>> select_nodes([3, 5, 5, 1, 0], top_n=1, keys=["a", "z", "b", "c", "d"])
    array([2])
    >>> select_nodes([3, 5, 5, 1, 0], top_percent=50)        # ceil(0.5 * 4 eligible) = 2
    array([1, 2])
    >>> select_nodes([3, 5, 5, 1, 0], g_index_k=1)           # 5+5+3 = 13 >= 9, +1 = 14 < 16
    array([0, 1, 2])
    >>> select_nodes([3, 5, 5, 1, 0], min_citations=2)
    array([0, 1, 2])
    """
    c = _as_counts(citations, "citations")
    rules = {"top_n": top_n, "top_percent": top_percent, "g_index_k": g_index_k}
    given = [name for name, value in rules.items() if value is not None]
    if len(given) > 1:
        raise LitkitError(f"select_nodes: give one selection rule, not {' and '.join(given)}")
    if isinstance(min_citations, bool) or not isinstance(min_citations, (int, np.integer)) or min_citations < 0:
        raise LitkitError(f"select_nodes: min_citations must be a non-negative integer, not {min_citations!r}")
    if keys is not None and len(keys) != c.size:
        raise LitkitError(f"select_nodes: {len(keys)} keys for {c.size} items (expected one key per item)")
    eligible = np.flatnonzero(c >= min_citations)
    counts = c[eligible]
    n = eligible.size
    if top_n is not None:
        if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 0:
            raise LitkitError(f"select_nodes: top_n must be a non-negative integer, not {top_n!r}")
        count = min(int(top_n), n)
    elif top_percent is not None:
        count = min(_percent_count(top_percent, n), n)
    elif g_index_k is not None:
        count = g_index_threshold(counts, k=g_index_k)
    else:
        count = n
    if count >= n:
        return eligible.astype(np.int64)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    # Only the items tied at the cut need the key order: everything cited more is in, everything
    # cited less is out.  This keeps a slice of a million candidate references fast.
    cut = -np.partition(-counts, count - 1)[count - 1]
    above = eligible[counts > cut]
    tied = eligible[counts == cut]
    tied = tied[_key_order(tied, keys)][: count - above.size]
    return np.sort(np.concatenate([above, tied])).astype(np.int64)


def ranking(citations: np.ndarray, keys: Sequence[str] | None = None) -> np.ndarray:
    """All item indices, most cited first; ties by ``keys`` ascending, else by index.

    Parameters
    ----------
    citations : array-like of float, shape (n,)
        Citations of each item.
    keys : sequence of str, optional
        Tie-breaking keys (code-point order).

    Returns
    -------
    numpy.ndarray of int64
        A permutation of ``0..n-1``.

    Examples
    --------
    >>> ranking([1, 4, 4, 2], keys=["d", "c", "b", "a"])
    array([2, 1, 3, 0])
    >>> ranking([1, 4, 4, 2])
    array([1, 2, 3, 0])
    """
    c = _as_counts(citations, "citations")
    if keys is None:
        # Stable sort of -c keeps equal counts in index order.
        return np.argsort(-c, kind="stable").astype(np.int64)
    if len(keys) != c.size:
        raise LitkitError(f"select_nodes: {len(keys)} keys for {c.size} items (expected one key per item)")
    by_key = np.arange(c.size, dtype=np.int64)
    by_key = by_key[_key_order(by_key, keys)]
    return by_key[np.argsort(-c[by_key], kind="stable")].astype(np.int64)


def time_slices(first_year: int, last_year: int, slice_years: int = 1) -> list[tuple[int, int]]:
    """CiteSpace's time slices: consecutive ``slice_years``-year spans from ``first_year``.

    Parameters
    ----------
    first_year, last_year : int
        The period, both inclusive (``first_year <= last_year``).
    slice_years : int, default 1
        Years per slice (positive).  The last slice ends at ``last_year`` and may be shorter,
        as in CiteSpace's *Time Slicing* panel.

    Returns
    -------
    list of (int, int)
        ``(first, last)`` of each slice, both inclusive, in time order.

    Examples
    --------
    >>> time_slices(2019, 2021)
    [(2019, 2019), (2020, 2020), (2021, 2021)]
    >>> time_slices(2000, 2009, slice_years=4)
    [(2000, 2003), (2004, 2007), (2008, 2009)]
    """
    for name, value in (("first_year", first_year), ("last_year", last_year), ("slice_years", slice_years)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise LitkitError(f"time_slices: {name} must be an integer, not {value!r}")
    if slice_years < 1:
        raise LitkitError(f"time_slices: slice_years must be at least 1, not {slice_years}")
    if first_year > last_year:
        raise LitkitError(f"time_slices: first_year {first_year} is after last_year {last_year}")
    first_year, last_year, slice_years = int(first_year), int(last_year), int(slice_years)
    return [(start, min(start + slice_years - 1, last_year)) for start in range(first_year, last_year + 1, slice_years)]


def check_thresholds(top_n=None, **minimums) -> None:
    """Refuse a ``top_n`` below 1 and a minimum (``min_citations=...``) below 0.

    Without this ``top_n=-5`` kept all items but the last five (``ranked[:-5]``) and a negative minimum
    passed as if it were 0, silently.

    Parameters
    ----------
    top_n : int or None
        Items kept; None keeps all.
    **minimums : int
        Thresholds by name (``min_occurrence``, ``min_citations``, ``min_documents``, ``min_lcs``).

    Examples
    --------
    >>> check_thresholds(200, min_citations=2)
    >>> check_thresholds(-5)
    Traceback (most recent call last):
    ...
    litkit.errors.LitkitError: top_n must be a whole number >= 1, got -5 (expected a positive integer, or None for all)
    """
    for name, value, lowest in [("top_n", top_n, 1), *((k, v, 0) for k, v in minimums.items())]:
        if value is None and name == "top_n":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < lowest:
            raise LitkitError(
                f"{name} must be a whole number >= {lowest}, got {value!r}",
                expected="a positive integer, or None for all" if name == "top_n" else "0 or a positive integer",
            )


# ---- private helpers -------------------------------------------------------------------------


def _as_counts(values, name: str) -> np.ndarray:
    try:
        c = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise LitkitError(f"select_nodes: {name} must be numbers") from exc
    if c.ndim != 1:
        raise LitkitError(f"select_nodes: {name} must be one-dimensional, not of shape {c.shape}")
    if c.size and (not np.all(np.isfinite(c)) or c.min() < 0):
        raise LitkitError(f"select_nodes: {name} must be finite and non-negative")
    return c


def _check_k(k) -> float:
    if isinstance(k, bool) or not isinstance(k, (int, float, np.integer, np.floating)):
        raise LitkitError(f"g-index: the scale factor k must be a positive number, not {k!r}")
    if not math.isfinite(k) or k <= 0:
        raise LitkitError(f"g-index: the scale factor k must be a positive number, not {k!r}")
    return float(k)


def _key_order(indices: np.ndarray, keys: Sequence[str] | None) -> np.ndarray:
    """Positions that sort ``indices`` by ``keys[index]`` (code points), then by index; no keys: as given."""
    if keys is None or indices.size == 0:
        return np.arange(indices.size)
    # An object array reads lists, tuples, numpy arrays and pandas Series by position alike.
    values = np.asarray(keys, dtype=object)[indices]
    if not all(isinstance(key, str) for key in values):
        raise LitkitError("select_nodes: keys must be strings")
    # Stable sorts in C (str compares by code point, as sorted() does): by index, then by key.
    by_index = np.argsort(indices, kind="stable")
    return by_index[np.argsort(values[by_index], kind="stable")].astype(np.int64)


def _is_integral(values: np.ndarray) -> bool:
    return bool(np.all(values == np.floor(values)))


def _percent_count(top_percent, n: int) -> int:
    if isinstance(top_percent, bool) or not isinstance(top_percent, (int, float, np.integer, np.floating)):
        raise LitkitError(f"select_nodes: top_percent must be a number in (0, 100], not {top_percent!r}")
    if not math.isfinite(top_percent) or not 0 < top_percent <= 100:
        raise LitkitError(f"select_nodes: top_percent must be in (0, 100], not {top_percent!r}")
    # Decimal reading of the float (10.0 -> 10, 12.5 -> 25/2) so that 10 % of 30 is exactly 3.
    share = Fraction(repr(float(top_percent))) * n / 100
    return math.ceil(share)
