"""Citation bursts: Kleinberg's two-state batched burst model, solved exactly.

A *burst* is a run of time slices in which an item (a cited journal, a cited
reference, a keyword, an author) takes a markedly larger share of all events
than it does over the whole period.  This is the model behind CiteSpace's
"strongest citation bursts" tables (Kleinberg 2002, "Bursty and hierarchical
structure in streams", section 4, the batched two-state automaton).

For one item over ``n`` slices, with ``r[t]`` relevant events and ``d[t]``
events in all in slice ``t``:

* ``p0 = sum(r) / sum(d)`` (base state) and ``p1 = min(s * p0, 0.99999)``
  (burst state);
* fit cost ``sigma(i, t) = -ln[p_i^r_t (1 - p_i)^(d_t - r_t)]`` (the binomial
  coefficient is left out: it is the same in both states, so it changes
  neither the optimal state sequence nor the burst weights);
* entering the burst state costs ``gamma * ln(n)``; leaving it is free; the
  automaton starts in state 0 before slice 0;
* the state sequence minimising the total cost is found exactly by dynamic
  programming (Viterbi); on an exact tie state 0 is preferred;
* a burst is a maximal run of state 1; its *weight* (CiteSpace's "strength") is
  ``sum(sigma(0, t) - sigma(1, t))`` over the run.

This differs from the PyPI package ``burst_detection``, which picks each
slice's state greedily from the previous slice only and therefore starts some
bursts late, shortens or splits them.

:func:`kleinberg` solves one item with plain Python (the readable reference);
:func:`kleinberg_many` solves many items at once with numpy (the dynamic
programme runs over slices, with array operations across items), and is what
:func:`citation_bursts` uses.

Examples
--------
>>> kleinberg([0, 0, 5, 6, 0], [10, 10, 10, 10, 10])[["start", "end"]].values.tolist()
[[2, 3]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import LitkitError

#: Upper bound of the burst-state probability (as in CiteSpace and the reference oracle).
P1_CAP = 0.99999


def state_probabilities(r: Sequence[float], d: Sequence[float], s: float = 2) -> tuple[float, float]:
    """Base and burst probabilities ``(p0, p1)`` of one item.

    Examples
    --------
    >>> state_probabilities([1, 3], [10, 10])
    (0.2, 0.4)
    """
    total_d = float(np.sum(d))
    p0 = float(np.sum(r)) / total_d if total_d > 0 else 0.0
    return p0, min(s * p0, P1_CAP)


def burst_states(r: Sequence[float], d: Sequence[float], s: float = 2, gamma: float = 1) -> np.ndarray:
    """The optimal state sequence (0 = base, 1 = burst) of one item, by Viterbi.

    Parameters
    ----------
    r, d : sequence of numbers
        Relevant and all events per time slice, ``0 <= r[t] <= d[t]``.
    s : float, default 2
        Burst-state rate multiplier (``p1 = s * p0``, capped at 0.99999).
    gamma : float, default 1
        Cost of entering the burst state, in units of ``ln(n)``.

    Returns
    -------
    numpy.ndarray of int8, length ``n``

    Examples
    --------
    >>> burst_states([0, 2, 1, 6, 7, 2, 8, 7, 2, 1], [9, 11, 12, 10, 10, 8, 12, 10, 13, 11]).tolist()
    [0, 0, 0, 1, 1, 0, 1, 1, 0, 0]
    """
    check_parameters(s, gamma, 1)
    r_arr, d_arr = _as_vector(r, "r"), _as_vector(d, "d")
    if r_arr.shape != d_arr.shape:
        raise LitkitError(f"r and d must have the same length, got {r_arr.size} and {d_arr.size}")
    _check_counts(r_arr, d_arr)
    return _viterbi_one(r_arr, d_arr, s, gamma)[0]


def kleinberg(
    r: Sequence[float], d: Sequence[float], s: float = 2, gamma: float = 1, min_duration: int = 1
) -> pd.DataFrame:
    """Bursts of one item under Kleinberg's two-state model, solved exactly.

    Parameters
    ----------
    r : sequence of numbers
        Relevant events per time slice (e.g. records citing the item).
    d : sequence of numbers
        All events per time slice, ``0 <= r[t] <= d[t]``.  Slices with
        ``d[t] == 0`` are allowed: they fit both states equally well.
    s : float, default 2
        Burst-state rate multiplier: ``p1 = min(s * p0, 0.99999)``; must be > 1.
    gamma : float, default 1
        Cost of entering the burst state, ``gamma * ln(n)``; must be >= 0.
    min_duration : int, default 1
        Drop bursts shorter than this many slices (a post-filter on the optimal
        sequence; the default keeps every burst, as in the reference vectors).

    Returns
    -------
    pandas.DataFrame
        One row per burst in time order, columns ``start``, ``end`` (0-based
        slice indices, inclusive) and ``weight`` (the burst strength).
        ``attrs`` holds ``p0``, ``p1`` and ``states`` (the full optimal sequence).

    Raises
    ------
    LitkitError
        For lengths that differ, negative or missing counts, ``r > d``, or
        parameters out of range.

    Examples
    --------
    >>> r = [0, 2, 1, 6, 7, 2, 8, 7, 2, 1]
    >>> d = [9, 11, 12, 10, 10, 8, 12, 10, 13, 11]
    >>> kleinberg(r, d).round(6)
       start  end    weight
    0      3    4  3.955970
    1      6    7  5.342265
    """
    check_parameters(s, gamma, min_duration)
    r_arr, d_arr = _as_vector(r, "r"), _as_vector(d, "d")
    if r_arr.shape != d_arr.shape:
        raise LitkitError(f"r and d must have the same length, got {r_arr.size} and {d_arr.size}")
    _check_counts(r_arr, d_arr)
    states, gain, p0, p1 = _viterbi_one(r_arr, d_arr, s, gamma)
    rows = [(a, b, math.fsum(gain[a : b + 1])) for a, b in _runs(states) if b - a + 1 >= min_duration]
    out = pd.DataFrame(
        {
            "start": np.array([x[0] for x in rows], dtype=np.int64),
            "end": np.array([x[1] for x in rows], dtype=np.int64),
            "weight": np.array([x[2] for x in rows], dtype=float),
        }
    )
    out.attrs.update(p0=p0, p1=p1, states=states.tolist())
    return out


def burst_states_many(R, D, s: float = 2, gamma: float = 1) -> tuple[np.ndarray, np.ndarray]:
    """Optimal state sequences of many items at once.

    Parameters
    ----------
    R : array-like, shape (items, slices)
        Relevant events per item and slice.
    D : array-like, shape (slices,) or (items, slices)
        All events per slice (shared by every item) or per item and slice.
    s, gamma : float
        As in :func:`kleinberg`.

    Returns
    -------
    states : numpy.ndarray of bool, shape (items, slices)
        True where the item is in the burst state.
    gain : numpy.ndarray of float, shape (items, slices)
        ``sigma(0, t) - sigma(1, t)``, whose sum over a burst is its weight.

    Examples
    --------
    >>> states, _ = burst_states_many([[0, 2, 1, 6, 7, 2, 8, 7, 2, 1]],
    ...                               [9, 11, 12, 10, 10, 8, 12, 10, 13, 11])
    >>> states.astype(int).tolist()
    [[0, 0, 0, 1, 1, 0, 1, 1, 0, 0]]
    """
    check_parameters(s, gamma, 1)
    R, D = _as_matrix(R, D)
    _check_counts(R, D)
    return _viterbi_many(R, D, s, gamma)


def kleinberg_many(R, D, s: float = 2, gamma: float = 1, min_duration: int = 1) -> pd.DataFrame:
    """Bursts of many items at once (vectorised :func:`kleinberg`).

    The dynamic programme runs over the slices (a loop of length ``n``) with
    numpy operations across all items, so 100,000 items over 50 slices take
    well under a second of model time.

    Parameters
    ----------
    R : array-like, shape (items, slices)
        Relevant events per item and slice.
    D : array-like, shape (slices,) or (items, slices)
        All events per slice, shared by every item (the usual case: all
        citing records in slice t) or given per item.
    s, gamma, min_duration
        As in :func:`kleinberg`.

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` (row index into ``R``), ``start``, ``end`` (0-based,
        inclusive) and ``weight``; ordered by item, then start.

    Examples
    --------
    >>> R = [[0, 2, 1, 6, 7, 2, 8, 7, 2, 1], [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]]
    >>> D = [9, 11, 12, 10, 10, 8, 12, 10, 13, 11]
    >>> kleinberg_many(R, D).round(6)
       item  start  end    weight
    0     0      3    4  3.955970
    1     0      6    7  5.342265
    """
    check_parameters(s, gamma, min_duration)
    R, D = _as_matrix(R, D)
    _check_counts(R, D)
    # Most items (a reference cited a handful of times) provably cannot burst: the model runs on the
    # others only, which gives the same bursts in a fraction of the time and memory.
    m = R.shape[0]
    rows = np.flatnonzero(can_burst(R.sum(axis=1), D.sum(axis=1), R.shape[1], s, gamma))
    if len(rows) < m:
        R = R[rows]
        D = D[rows] if D.shape[0] > 1 else D
    states, gain = _viterbi_many(R, D, s, gamma)
    found = _bursts_from_states(states, gain, min_duration)
    if len(rows) < m and len(found):
        found["item"] = rows[found["item"].to_numpy()]
    return found


def can_burst(total_r, total_d, n: int, s: float = 2, gamma: float = 1) -> np.ndarray:
    """Which items may have a burst; False only where the optimal state sequence is provably all base state.

    In the burst state a slice gains ``g[t] = sigma(0, t) - sigma(1, t) = r[t] ln(p1/p0) +
    (d[t] - r[t]) ln((1 - p1)/(1 - p0))``.  When ``p1 >= p0`` the second term is never positive, so
    any run of burst slices gains at most ``sum(r) ln(p1/p0)``; a run costs ``gamma ln(n)`` to enter.
    An item whose whole count cannot pay for one entry, ``sum(r) ln(p1/p0) < gamma ln(n)``, therefore
    stays in the base state (strictly cheaper, so no tie rule is involved), as does an item with no
    events.  A small margin keeps rounding from ever excluding an item that the exact dynamic programme
    could find bursting.

    Parameters
    ----------
    total_r : array-like
        ``sum(r)`` of each item.
    total_d : array-like or float
        ``sum(d)`` (shared by every item, or one per item).
    n : int
        Number of time slices.
    s, gamma : float
        As in :func:`kleinberg`.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> can_burst([1, 2, 30, 0], 100, n=10).tolist()
    [False, False, True, False]
    """
    total_r = np.asarray(total_r, dtype=float)
    total_d = np.broadcast_to(np.asarray(total_d, dtype=float), total_r.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        p0 = np.where(total_d > 0, total_r / np.where(total_d > 0, total_d, 1.0), 0.0)
        p1 = np.minimum(s * p0, P1_CAP)
        bound = total_r * np.log(np.where(p0 > 0, p1 / np.where(p0 > 0, p0, 1.0), 1.0))
    entry = gamma * math.log(n) if n > 0 else 0.0
    hopeless = (total_r <= 0) | ((p1 >= p0) & (bound < entry - 1e-6 * max(1.0, entry)))
    return ~hopeless


def check_parameters(s: float, gamma: float, min_duration: int = 1) -> None:
    """Check the burst model's parameters; raise :class:`~litkit.errors.LitkitError` saying which is wrong.

    Parameters
    ----------
    s : float
        Burst-state rate multiplier, greater than 1.
    gamma : float
        State-transition cost, non-negative.
    min_duration : int, default 1
        Shortest burst kept, in slices, at least 1.

    Returns
    -------
    None

    Examples
    --------
    >>> check_parameters(2, 1, 1)
    >>> check_parameters(1, 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    litkit.errors.LitkitError: s must be a number greater than 1, got 1...
    """
    if not (isinstance(s, (int, float, np.number)) and math.isfinite(s) and s > 1):
        raise LitkitError(
            f"s must be a number greater than 1, got {s!r}", expected="the burst-state rate multiplier, e.g. s=2"
        )
    if not (isinstance(gamma, (int, float, np.number)) and math.isfinite(gamma) and gamma >= 0):
        raise LitkitError(
            f"gamma must be a non-negative number, got {gamma!r}", expected="the state-transition cost, e.g. gamma=1"
        )
    if isinstance(min_duration, bool) or not isinstance(min_duration, (int, np.integer)) or min_duration < 1:
        raise LitkitError(f"min_duration must be a whole number of slices >= 1, got {min_duration!r}")


def _check_counts(r: np.ndarray, d: np.ndarray) -> None:
    if r.size == 0 or r.shape[-1] == 0:
        raise LitkitError("r and d must cover at least one time slice")
    for name, arr in (("r", r), ("d", d)):
        if not np.all(np.isfinite(arr)):
            raise LitkitError(f"{name} contains missing or infinite values", expected="finite counts")
        if np.any(arr < 0):
            raise LitkitError(f"{name} contains negative counts", expected="counts >= 0")
    over = r > d
    if np.any(over):
        where = np.argwhere(np.broadcast_to(over, np.broadcast_shapes(r.shape, d.shape)))[0]
        raise LitkitError(
            f"r exceeds d at index {tuple(int(i) for i in where)}",
            expected="0 <= r[t] <= d[t]: relevant events are a subset of all events",
        )


def _as_vector(x, name: str) -> np.ndarray:
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise LitkitError(f"{name} must be a sequence of numbers ({exc})") from None
    if arr.ndim != 1:
        raise LitkitError(f"{name} must be one-dimensional, got shape {arr.shape}")
    return arr


def _fit_cost(r: float, d: float, p: float) -> float:
    """-ln(p^r (1-p)^(d-r)) with 0 * ln 0 = 0."""
    return -(_xlogy(float(r), p) + _xlogy(float(d - r), 1.0 - p))


def _log(y: float) -> float:
    """libm's log of ``y`` (what :func:`scipy.special.xlogy` calls), -inf at 0 and NaN below 0 as there."""
    if y > 0:
        return math.log(y)
    return -math.inf if y == 0 else math.nan


def _xlogy(x: float, y: float) -> float:
    """``x * log(y)``, 0 when ``x == 0`` and ``y`` is not NaN: :func:`scipy.special.xlogy` of two floats."""
    return 0.0 if x == 0 and not math.isnan(y) else x * _log(y)


def _xlogy_rows(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``scipy.special.xlogy(X, y[:, None])`` bit for bit, without importing scipy.special.

    That import (0.3 s: it pulls in numpy.f2py and numpy.testing) was a tenth of a whole bursts
    command.  The log is taken once per row with libm (:func:`math.log`, what xlogy calls), not with
    numpy's vectorised log, whose SIMD kernels may differ from libm in the last bit; the product is
    one IEEE multiplication either way.
    """
    # items with equal totals share p: the log of each distinct value (a few hundred, not one per item)
    distinct, inverse = np.unique(y, return_inverse=True)
    logs = np.array([_log(v) for v in distinct.tolist()], dtype=float)[inverse.ravel()]
    with np.errstate(invalid="ignore"):  # 0 * -inf: set to 0 below, as xlogy does
        out = X * logs[:, None]
    out[(X == 0) & ~np.isnan(y)[:, None]] = 0.0
    return out


def _viterbi_one(r: np.ndarray, d: np.ndarray, s: float, gamma: float):
    n = len(r)
    p0, p1 = state_probabilities(r, d, s)
    sigma0 = [_fit_cost(r[t], d[t], p0) for t in range(n)]
    sigma1 = [_fit_cost(r[t], d[t], p1) for t in range(n)]
    entry = gamma * math.log(n)
    # cost0/cost1: cheapest total cost of a sequence ending in state 0/1 at slice t.
    cost0, cost1 = sigma0[0], sigma1[0] + entry  # q[-1] = 0, so state 1 at slice 0 pays the entry
    from_burst_into0 = [False] * n  # best predecessor of state 0 at t is state 1
    from_burst_into1 = [False] * n  # best predecessor of state 1 at t is state 1
    for t in range(1, n):
        enter = cost0 + entry
        # Strict "<": on a tie the predecessor in state 0 wins.
        from_burst_into0[t] = cost1 < cost0
        from_burst_into1[t] = cost1 < enter
        new0 = (cost1 if from_burst_into0[t] else cost0) + sigma0[t]
        new1 = (cost1 if from_burst_into1[t] else enter) + sigma1[t]
        cost0, cost1 = new0, new1
    states = np.zeros(n, dtype=np.int8)
    state = 1 if cost1 < cost0 else 0
    for t in range(n - 1, -1, -1):
        states[t] = state
        if t > 0:
            state = int(from_burst_into1[t] if state else from_burst_into0[t])
    gain = [a - b for a, b in zip(sigma0, sigma1)]
    return states, gain, p0, p1


def _runs(states: Sequence[int]) -> list[tuple[int, int]]:
    runs, start = [], None
    for t, q in enumerate(states):
        if q and start is None:
            start = t
        elif not q and start is not None:
            runs.append((start, t - 1))
            start = None
    if start is not None:
        runs.append((start, len(states) - 1))
    return runs


def _as_matrix(R, D) -> tuple[np.ndarray, np.ndarray]:
    try:
        R = np.asarray(R, dtype=float)
        D = np.asarray(D, dtype=float)
    except (TypeError, ValueError) as exc:
        raise LitkitError(f"R and D must be numeric arrays ({exc})") from None
    if R.ndim == 1:
        R = R[None, :]
    if R.ndim != 2:
        raise LitkitError(f"R must have shape (items, slices), got {R.shape}")
    if D.ndim == 1:
        D = D[None, :]  # one total per slice, shared by every item
    if D.ndim != 2 or D.shape[1] != R.shape[1] or D.shape[0] not in (1, R.shape[0]):
        raise LitkitError(f"D must have shape ({R.shape[1]},) or {R.shape}, got {D.shape}")
    return R, D


def _viterbi_many(R: np.ndarray, D: np.ndarray, s: float, gamma: float):
    m, n = R.shape
    total_d = np.broadcast_to(D.sum(axis=1), (m,))
    with np.errstate(divide="ignore", invalid="ignore"):
        p0 = np.where(total_d > 0, R.sum(axis=1) / np.where(total_d > 0, total_d, 1.0), 0.0)
    p1 = np.minimum(s * p0, P1_CAP)
    miss = D - R  # broadcasts when D is one row
    sigma0 = -(_xlogy_rows(R, p0) + _xlogy_rows(miss, 1.0 - p0))
    sigma1 = -(_xlogy_rows(R, p1) + _xlogy_rows(miss, 1.0 - p1))
    entry = gamma * math.log(n)

    # The same recursion as _viterbi_one, with one lane per item.
    cost0 = sigma0[:, 0].copy()
    cost1 = sigma1[:, 0] + entry
    back0 = np.zeros((m, n), dtype=bool)
    back1 = np.zeros((m, n), dtype=bool)
    for t in range(1, n):
        enter = cost0 + entry
        b0 = cost1 < cost0
        b1 = cost1 < enter
        back0[:, t] = b0
        back1[:, t] = b1
        new0 = np.where(b0, cost1, cost0) + sigma0[:, t]
        new1 = np.where(b1, cost1, enter) + sigma1[:, t]
        cost0, cost1 = new0, new1

    states = np.zeros((m, n), dtype=bool)
    state = cost1 < cost0
    for t in range(n - 1, -1, -1):
        states[:, t] = state
        if t > 0:
            state = np.where(state, back1[:, t], back0[:, t])
    return states, sigma0 - sigma1


def _bursts_from_states(states: np.ndarray, gain: np.ndarray, min_duration: int) -> pd.DataFrame:
    m, n = states.shape
    padded = np.zeros((m, n + 2), dtype=np.int8)
    padded[:, 1:-1] = states
    step = np.diff(padded, axis=1)
    item, start = np.nonzero(step == 1)  # row-major: by item, then time
    _, stop = np.nonzero(step == -1)  # stop = end + 1
    keep = (stop - start) >= min_duration
    item, start, stop = item[keep], start[keep], stop[keep]
    # Sum the gain over each run: flat segments [item*n + start, item*n + stop).
    flat = np.append(gain.ravel(), 0.0)
    if len(item):
        bounds = np.empty(2 * len(item), dtype=np.int64)
        bounds[0::2] = item * n + start
        bounds[1::2] = item * n + stop
        weight = np.add.reduceat(flat, bounds)[0::2]
    else:
        weight = np.zeros(0)
    return pd.DataFrame(
        {
            "item": item.astype(np.int64),
            "start": start.astype(np.int64),
            "end": (stop - 1).astype(np.int64),
            "weight": weight.astype(float),
        }
    )


__all__ = [
    "kleinberg",
    "kleinberg_many",
    "can_burst",
    "burst_states",
    "burst_states_many",
    "state_probabilities",
    "check_parameters",
    "P1_CAP",
]
