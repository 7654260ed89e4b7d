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

What ``r`` and ``d`` are for each kind of item
----------------------------------------------
:func:`citation_bursts` counts **records**, not citations (see its docstring):

=================  ==========================================  ==========================================
kind               ``r[t]`` for one item                       ``d[t]``
=================  ==========================================  ==========================================
cited_journal      citing records published in slice t that    all records published in slice t that
                   cite the journal at least once              cite at least one reference
cited_reference    citing records in slice t that cite the     all records in slice t that cite at least
                   reference                                   one reference
keyword            records in slice t with the keyword         all records in slice t with at least one
                   (DE or ID, case-folded)                     keyword in that field
author             records in slice t (co-)authored by the     all records in slice t with at least one
                   author (AU)                                 author
=================  ==========================================  ==========================================

CiteSpace counts differently for cited items: its ``r[t]`` is the number of
*citations* the item receives in slice t, and ``d[t]`` the number of all
citations (references) made in slice t.  Both count each citing record once
per cited reference, so the two agree for cited references (a record cites a
reference once).  For cited journals they differ: a record that cites three
papers of one journal adds 3 to CiteSpace's ``r[t]`` but 1 to litkit's, and
``d[t]`` is the number of records instead of the number of references.
litkit's record-based count keeps ``r[t] <= d[t]`` (the binomial model needs
it) and is not driven by a handful of papers with long reference lists.
Strengths are therefore comparable in shape, not in value, with CiteSpace's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.special import xlogy

from .errors import LitkitError

#: Upper bound of the burst-state probability (as in CiteSpace and the reference oracle).
P1_CAP = 0.99999

KINDS = ("cited_journal", "cited_reference", "keyword", "author")


# ---------------------------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------------------------
def _check_parameters(s: float, gamma: float, min_duration: int) -> None:
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


# ---------------------------------------------------------------------------------------------
# one item: the readable reference implementation
# ---------------------------------------------------------------------------------------------
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


def _fit_cost(r: float, d: float, p: float) -> float:
    """-ln(p^r (1-p)^(d-r)) with 0 * ln 0 = 0."""
    return -(float(xlogy(r, p)) + float(xlogy(d - r, 1.0 - p)))


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
    _check_parameters(s, gamma, 1)
    r_arr, d_arr = _as_vector(r, "r"), _as_vector(d, "d")
    if r_arr.shape != d_arr.shape:
        raise LitkitError(f"r and d must have the same length, got {r_arr.size} and {d_arr.size}")
    _check_counts(r_arr, d_arr)
    return _viterbi_one(r_arr, d_arr, s, gamma)[0]


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
    _check_parameters(s, gamma, min_duration)
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


# ---------------------------------------------------------------------------------------------
# many items at once
# ---------------------------------------------------------------------------------------------
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
    _check_parameters(s, gamma, 1)
    R, D = _as_matrix(R, D)
    _check_counts(R, D)
    return _viterbi_many(R, D, s, gamma)


def _viterbi_many(R: np.ndarray, D: np.ndarray, s: float, gamma: float):
    m, n = R.shape
    total_d = np.broadcast_to(D.sum(axis=1), (m,))
    with np.errstate(divide="ignore", invalid="ignore"):
        p0 = np.where(total_d > 0, R.sum(axis=1) / np.where(total_d > 0, total_d, 1.0), 0.0)
    p1 = np.minimum(s * p0, P1_CAP)
    miss = D - R  # broadcasts when D is one row
    sigma0 = -(xlogy(R, p0[:, None]) + xlogy(miss, 1.0 - p0[:, None]))
    sigma1 = -(xlogy(R, p1[:, None]) + xlogy(miss, 1.0 - p1[:, None]))
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
    _check_parameters(s, gamma, min_duration)
    R, D = _as_matrix(R, D)
    _check_counts(R, D)
    states, gain = _viterbi_many(R, D, s, gamma)
    return _bursts_from_states(states, gain, min_duration)


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


# ---------------------------------------------------------------------------------------------
# from a corpus to a burst table (the review's Figure 5)
# ---------------------------------------------------------------------------------------------
#: Column of the exported table naming the item, per kind (the seed CSV calls it ``cited_journal``).
ITEM_COLUMN = {
    "cited_journal": "cited_journal",
    "cited_reference": "cited_reference",
    "keyword": "keyword",
    "author": "author",
}

COUNTINGS = ("records", "citations")


def normalise_journal(name) -> str | None:
    """Canonical form of a cited-journal name: NFKC, upper case, single spaces.

    Examples
    --------
    >>> normalise_journal("  Ecosyst  serv ")
    'ECOSYST SERV'
    """
    text = _normalise_text(name)
    return text.upper() if text else None


def normalise_keyword(term) -> str | None:
    """Canonical form of a keyword: NFKC, case-folded, single spaces.

    Examples
    --------
    >>> normalise_keyword(" Ecosystem  Services")
    'ecosystem services'
    """
    text = _normalise_text(term)
    return text.casefold() if text else None


def _normalise_text(value) -> str | None:
    import unicodedata

    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = " ".join(unicodedata.normalize("NFKC", str(value)).split())
    return text or None


def _reference_label(refs: pd.DataFrame) -> pd.Series:
    """CiteSpace-style label of a cited reference: 'AUTHOR, YEAR, SOURCE, V1, P2'."""

    def part(col, prefix=""):
        if col not in refs.columns:
            return pd.Series([""] * len(refs), index=refs.index)
        return refs[col].map(lambda v: f"{prefix}{_normalise_text(v)}" if _normalise_text(v) else "")

    pieces = [part("author"), part("year"), part("source"), part("volume", "V"), part("page", "P")]
    label = pd.Series([", ".join(p for p in row if p) for row in zip(*pieces)], index=refs.index)
    if "raw" in refs.columns:  # a reference the parser could not split keeps its raw text
        raw = refs["raw"].map(_normalise_text)
        label = label.where(label != "", raw)
    return label


def item_events(corpus, kind: str = "cited_journal", field: str = "DE", thesaurus=None) -> pd.DataFrame:
    """One row per occurrence of an item in a record: the events burst detection counts.

    Parameters
    ----------
    corpus : litkit.Corpus
    kind : {"cited_journal", "cited_reference", "keyword", "author"}
    field : str, default "DE"
        Keyword field for ``kind="keyword"``: ``"DE"`` (author keywords) or
        ``"ID"`` (Keywords Plus / index keywords).
    thesaurus : optional
        For keywords: synonyms to merge and terms to drop, anything
        :func:`litkit.text.thesaurus.resolve_thesaurus` accepts (a path to a
        VOSviewer thesaurus or ``a;b;canonical`` table, a dict, a Thesaurus).

    Returns
    -------
    pandas.DataFrame
        Columns ``record`` (the record's ``UT``), ``year`` (the record's
        publication year) and ``item`` (normalised: cited journals upper case,
        keywords case-folded, whitespace collapsed).  Records without a year
        and empty items are left out.  Repeats within a record are kept (they
        matter for ``counting="citations"``).
    """
    if kind not in KINDS:
        raise LitkitError(f"unknown kind {kind!r}", expected=" or ".join(KINDS))
    df = corpus.df
    if kind in ("cited_journal", "cited_reference"):
        try:
            refs = corpus.references
        except ImportError:
            raise LitkitError(
                "cited-item bursts need litkit.refs (reference parsing), which is not installed in this version"
            ) from None
        if refs is None or len(refs) == 0:
            return pd.DataFrame(
                {
                    "record": pd.Series([], dtype=object),
                    "year": pd.Series([], dtype="Int64"),
                    "item": pd.Series([], dtype=object),
                }
            )
        refs = refs.reset_index(drop=True)
        if "PY" in refs.columns:
            year = pd.to_numeric(refs["PY"], errors="coerce")
        else:  # take the citing year from the corpus
            year = pd.to_numeric(refs["UT"].map(dict(zip(df["UT"], df["PY"]))), errors="coerce")
        record = refs["UT"] if "UT" in refs.columns else refs["record"]
        if kind == "cited_journal":
            codes, sources = pd.factorize(refs["source"].to_numpy(dtype=object))
            item = _take(np.array([normalise_journal(v) for v in sources], dtype=object), codes)
        else:
            item = _reference_items(refs)
        events = pd.DataFrame({"record": record.astype(object), "year": year, "item": item})
    else:
        column = "AU" if kind == "author" else field
        if column not in df.columns:
            raise LitkitError(f"the corpus has no column {column!r}", expected="a canonical list column, DE or ID")
        norm = normalise_keyword if kind == "keyword" else _normalise_text
        if kind == "keyword" and thesaurus is not None:
            norm = _thesaurus_normaliser(thesaurus)
        rows = [
            (ut, py, norm(v))
            for ut, py, values in zip(df["UT"], df["PY"], df[column])
            for v in (values if isinstance(values, (list, tuple, np.ndarray)) else [])
        ]
        events = pd.DataFrame(rows, columns=["record", "year", "item"])
        events["year"] = pd.to_numeric(events["year"], errors="coerce")
    events = events.dropna(subset=["year", "item"])
    events = events[events["item"] != ""]
    events["year"] = events["year"].astype(np.int64)
    return events.reset_index(drop=True)


def _take(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``values[codes]`` with ``None`` where the code is -1 (a missing value in :func:`pandas.factorize`)."""
    out = np.empty(len(codes), dtype=object)
    if len(values):
        out[:] = values[np.maximum(codes, 0)]
    out[codes < 0] = None
    return out


def _row_codes(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """One integer per row, equal for rows equal in ``columns`` (missing values equal each other)."""
    code = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        column_code, uniques = pd.factorize(frame[column].to_numpy(dtype=object), use_na_sentinel=False)
        code = pd.factorize(code * np.int64(len(uniques)) + column_code)[0]
    return code


def _reference_items(refs: pd.DataFrame) -> np.ndarray:
    """The item of each cited reference: the label its key carries most often (ties alphabetical).

    A key's label is the most frequent :func:`_reference_label` among the
    citations with that key, ties broken by code-point order; references with
    the empty key (``[No title captured]``) or no label get ``None``.  The work
    is done on integer codes: labels are made once per distinct parsed row and
    (key, label) pairs counted as numbers, because a million-record corpus
    cites tens of millions of references.
    """
    label_columns = [c for c in ("author", "year", "source", "volume", "page", "raw") if c in refs.columns]
    row = _row_codes(refs, label_columns)
    first_rows = np.unique(row, return_index=True)[1]  # row codes are 0..n-1 in order of first appearance
    distinct_labels = _reference_label(refs.iloc[first_rows].reset_index(drop=True)).to_numpy(dtype=object)
    label_of_distinct, labels = pd.factorize(distinct_labels)
    labels = np.asarray(labels, dtype=object)
    label_code = label_of_distinct[row]
    if "key" in refs.columns:
        key = refs["key"].to_numpy(dtype=object)
        key_code = pd.factorize(key)[0]
        # litkit.refs gives the empty key to references that identify no work ([No title captured])
        key_code[np.fromiter((k == "" for k in key), dtype=bool, count=len(key))] = -1
    else:
        key_code = label_code
    empty_label = np.flatnonzero(labels == "")
    valid = (key_code >= 0) & (label_code >= 0) & ~np.isin(label_code, empty_label)
    n_labels = np.int64(max(len(labels), 1))
    pairs, n = np.unique(key_code[valid] * n_labels + label_code[valid], return_counts=True)
    pair_key, pair_label = pairs // n_labels, pairs % n_labels
    label_rank = np.empty(len(labels), dtype=np.int64)
    label_rank[np.argsort(labels, kind="stable")] = np.arange(len(labels))
    # One label per key: the most frequent, ties broken alphabetically.
    order = np.lexsort((label_rank[pair_label], -n, pair_key))
    pair_key, pair_label = pair_key[order], pair_label[order]
    first_of_key = np.r_[True, pair_key[1:] != pair_key[:-1]] if len(pair_key) else np.zeros(0, dtype=bool)
    best = np.full(int(key_code.max()) + 1 if len(key_code) else 0, -1, dtype=np.int64)
    best[pair_key[first_of_key]] = pair_label[first_of_key]
    item_code = np.where(key_code >= 0, best[np.maximum(key_code, 0)] if len(best) else -1, -1)
    return _take(labels, item_code)


def _thesaurus_normaliser(thesaurus):
    """normalise_keyword, then the thesaurus: a replacement, or None for a removed term."""
    from .text.thesaurus import resolve_thesaurus

    book = resolve_thesaurus(thesaurus)

    def norm(term):
        key = normalise_keyword(term)
        if key is None:
            return None
        replacement = book.lookup(key)
        if replacement is None:
            return key
        return normalise_keyword(replacement) if replacement else None

    return norm


def check_years(years) -> tuple[int, int]:
    """A user's ``years=(first, last)`` as two ints, or a LitkitError saying what is wrong."""
    try:
        start, end = (int(y) for y in years)
    except (TypeError, ValueError):
        raise LitkitError(f"years must be a (first, last) pair of years, got {years!r}") from None
    if start > end:
        raise LitkitError(f"years: first year {start} is after last year {end}")
    return start, end


def _period(corpus, events: pd.DataFrame, years) -> tuple[int, int]:
    if years is not None:
        return check_years(years)
    py = pd.to_numeric(corpus.df["PY"], errors="coerce").dropna() if corpus is not None else events["year"]
    if len(py) == 0:
        py = events["year"]
    if len(py) == 0:
        raise LitkitError("no record has a publication year, so there are no time slices", expected="records with PY")
    return int(py.min()), int(py.max())


class BurstCounts(NamedTuple):
    """The ``r`` and ``d`` series of every item: what the burst model is fitted to."""

    items: np.ndarray  # item names, sorted
    slice_start: np.ndarray  # first calendar year of each slice
    slice_end: np.ndarray  # last calendar year of each slice
    R: np.ndarray  # items x slices: r[t] of each item
    D: np.ndarray  # slices: d[t], shared by every item
    first_year: np.ndarray  # first year each item occurs in the period


def burst_counts(
    events: pd.DataFrame, period: tuple[int, int], slice_years: int = 1, counting: str = "records"
) -> BurstCounts:
    """Count ``r[t]`` per item and ``d[t]`` per slice from item events (see :func:`item_events`).

    ``counting="records"``: ``r[t]`` = records in slice t with the item,
    ``d[t]`` = records in slice t with any item.  ``counting="citations"``:
    ``r[t]`` = occurrences of the item in slice t (a record citing a journal
    three times counts 3), ``d[t]`` = all occurrences in slice t, as CiteSpace
    counts citations.

    Examples
    --------
    >>> ev = pd.DataFrame({"record": ["a", "a", "b", "c"], "year": [2000, 2000, 2001, 2001],
    ...                    "item": ["X", "X", "X", "Y"]})
    >>> counts = burst_counts(ev, (2000, 2001))
    >>> counts.items.tolist(), counts.R.tolist(), counts.D.tolist()
    (['X', 'Y'], [[1.0, 1.0], [0.0, 1.0]], [1.0, 2.0])
    """
    if isinstance(slice_years, bool) or not isinstance(slice_years, (int, np.integer)) or slice_years < 1:
        raise LitkitError(f"slice_years must be a whole number of years >= 1, got {slice_years!r}")
    if counting not in COUNTINGS:
        raise LitkitError(f"unknown counting {counting!r}", expected=" or ".join(COUNTINGS))
    first, last = period
    n_slices = (last - first) // slice_years + 1
    slice_start = first + slice_years * np.arange(n_slices)
    slice_end = np.minimum(slice_start + slice_years - 1, last)
    year = events["year"].to_numpy()
    keep = (year >= first) & (year <= last)
    year = year[keep].astype(np.int64)
    # Items and records as integer codes: a corpus of a million records has tens of millions of
    # cited-reference events, and hashing, de-duplicating or sorting the strings themselves (or a
    # fixed-width copy of them) costs many times the memory of the codes.
    item_code, items = _sorted_codes(events["item"].to_numpy(dtype=object)[keep])
    record_code = pd.factorize(events["record"].to_numpy(dtype=object)[keep], use_na_sentinel=False)[0]
    if counting == "records":  # a record counts once per item
        first_of_pair = ~pd.Series(record_code * np.int64(max(len(items), 1)) + item_code).duplicated().to_numpy()
        year, item_code, record_code = year[first_of_pair], item_code[first_of_pair], record_code[first_of_pair]
    slice_of = (year - first) // slice_years
    R = np.zeros((len(items), n_slices))
    np.add.at(R, (item_code, slice_of), 1.0)
    if counting == "records":
        first_of_record = ~pd.Series(record_code).duplicated().to_numpy()
        D = np.bincount(slice_of[first_of_record], minlength=n_slices).astype(float)
    else:
        D = np.bincount(slice_of, minlength=n_slices).astype(float)
    first_year = np.full(len(items), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_year, item_code, year)
    return BurstCounts(items, slice_start, slice_end, R, D, first_year)


def _sorted_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, items)``: ``items`` the distinct values as str in code-point order, ``values == items[codes]``.

    The order is that of ``numpy.unique`` on the strings, computed on the distinct values only.
    """
    missing = pd.isna(values)
    if missing.any():  # as str() names them ("None", "nan"); factorize's -1 would index the last item
        values = values.copy()
        values[missing] = [str(v) for v in values[missing]]
    codes, uniques = pd.factorize(values)
    names = np.empty(len(uniques), dtype=object)
    names[:] = [str(u) for u in uniques]
    order = np.argsort(names, kind="stable") if len(names) else np.zeros(0, dtype=np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], names[order]


def bursts_from_events(
    events: pd.DataFrame,
    period: tuple[int, int],
    s: float = 2,
    gamma: float = 1,
    min_duration: int = 1,
    slice_years: int = 1,
    counting: str = "records",
    top: int | None = 20,
) -> pd.DataFrame:
    """Burst table from item events (see :func:`item_events`): the engine of :func:`citation_bursts`.

    Counts come from :func:`burst_counts`; the table is described in
    :func:`citation_bursts`.
    """
    _check_parameters(s, gamma, min_duration)
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise LitkitError(f"top must be a positive whole number or None, got {top!r}")
    counts = burst_counts(events, period, slice_years=slice_years, counting=counting)
    return bursts_from_counts(counts, period, s=s, gamma=gamma, min_duration=min_duration, top=top)


def bursts_from_counts(
    counts: BurstCounts,
    period: tuple[int, int],
    s: float = 2,
    gamma: float = 1,
    min_duration: int = 1,
    top: int | None = 20,
) -> pd.DataFrame:
    """Burst table from per-item slice counts (:func:`burst_counts`): one row per item, strongest first.

    The single-machine path (:func:`bursts_from_events`) and the Dask path
    (:mod:`litkit.scale.bursts`, which sums counts over partitions) both end here,
    so their tables cannot drift apart.
    """
    first, last = period
    columns = ["item", "year", "strength", "begin", "end", "period_start", "period_end", "count", "bursts"]
    if len(counts.items) == 0:
        return _empty_table(columns, first, last)
    items, slice_start, slice_end, R, D = counts.items, counts.slice_start, counts.slice_end, counts.R, counts.D
    found = kleinberg_many(R, D, s=s, gamma=gamma, min_duration=min_duration)
    if found.empty:
        return _empty_table(columns, first, last)
    found["begin"] = slice_start[found["start"].to_numpy()]
    found["end_year"] = slice_end[found["end"].to_numpy()]
    all_bursts = (
        found.sort_values(["item", "start"], kind="mergesort")
        .groupby("item")
        .apply(lambda g: ";".join(f"{b}-{e}" for b, e in zip(g["begin"], g["end_year"])), include_groups=False)
    )
    # One row per item: its strongest burst (the earliest on an exact tie), as in CiteSpace's table.
    best = found.sort_values(
        ["item", "weight", "start"], ascending=[True, False, True], kind="mergesort"
    ).drop_duplicates("item")
    table = pd.DataFrame(
        {
            "item": items[best["item"].to_numpy()],
            "year": counts.first_year[best["item"].to_numpy()],
            "strength": best["weight"].to_numpy(),
            "begin": best["begin"].to_numpy().astype(np.int64),
            "end": best["end_year"].to_numpy().astype(np.int64),
            "period_start": np.int64(first),
            "period_end": np.int64(last),
            "count": R[best["item"].to_numpy()].sum(axis=1).astype(np.int64),
            "bursts": all_bursts.loc[best["item"].to_numpy()].to_numpy(),
        }
    )
    table = table.sort_values(
        ["strength", "begin", "item"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)
    if top is not None:
        table = table.head(top)
    return table


def _empty_table(columns, first, last) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            c: pd.Series([], dtype=object if c in ("item", "bursts") else (float if c == "strength" else np.int64))
            for c in columns
        }
    )
    return table


def citation_bursts(
    corpus,
    kind: str = "cited_journal",
    top: int | None = 20,
    s: float = 2,
    gamma: float = 1,
    min_duration: int = 1,
    slice_years: int = 1,
    field: str = "DE",
    years: tuple[int, int] | None = None,
    counting: str = "records",
    thesaurus=None,
) -> pd.DataFrame:
    """Items with the strongest bursts: the table behind CiteSpace's burst figure (Figure 5).

    Parameters
    ----------
    corpus : litkit.Corpus
    kind : {"cited_journal", "cited_reference", "keyword", "author"}
        What bursts.  Cited journals and references come from
        ``corpus.references`` (parsed ``CR``); keywords from ``field``;
        authors from ``AU``.
    top : int or None, default 20
        Keep the ``top`` strongest items (None: all items with a burst).
    s, gamma, min_duration
        Model parameters, as in :func:`kleinberg` (``min_duration`` in slices).
    slice_years : int, default 1
        Length of a time slice in years.  Slices start at the first year of
        the period; the last one may be shorter.
    field : {"DE", "ID"}, default "DE"
        Keyword field for ``kind="keyword"``.
    years : (int, int), optional
        First and last year of the period (default: the corpus's PY range).
        Records outside it are ignored.
    counting : {"records", "citations"}, default "records"
        How events are counted (below).
    thesaurus : optional
        For keywords: synonyms to merge and terms to drop (see :func:`item_events`).

    Returns
    -------
    pandas.DataFrame
        One row per item with a burst, sorted by strength (descending), then
        begin year, then item: ``item``, ``year`` (first year the item occurs
        in the period), ``strength`` (burst weight of its strongest burst),
        ``begin``/``end`` (calendar years of that burst, inclusive),
        ``period_start``/``period_end`` (the bar), ``count`` (``sum(r)``: records, or citations),
        ``bursts`` (every burst of the item, ``"2001-2003;2010-2011"``).

    Notes
    -----
    With ``counting="records"`` (default), for each slice t:

    * cited journal: ``r[t]`` = citing records published in t that cite the
      journal at least once; ``d[t]`` = records published in t that cite
      anything;
    * cited reference: ``r[t]`` = records in t citing the reference;
      ``d[t]`` = records in t that cite anything;
    * keyword: ``r[t]`` = records in t with the keyword; ``d[t]`` = records
      in t with at least one keyword in ``field``;
    * author: ``r[t]`` = records in t by the author; ``d[t]`` = records in t
      with at least one author.

    CiteSpace documents its bursts as bursts in *citation counts* of cited
    items (and frequencies of keywords, publication counts of authors) per
    slice; ``counting="citations"`` follows that: ``r[t]`` = citations
    (reference-list entries) to the item in t, ``d[t]`` = all reference-list
    entries in t (for keywords/authors: occurrences).  The two agree for cited
    references; for cited journals a paper citing five articles of one
    journal counts 5 under "citations" and 1 under "records".  CiteSpace's
    exact denominator is not documented and its code is closed, so its
    strengths are a shape to compare with, not numbers to match.

    Examples
    --------
    >>> import litkit
    >>> corpus = litkit.Corpus.read_parquet("corpus.parquet")          # doctest: +SKIP
    >>> citation_bursts(corpus, kind="cited_journal", top=20)         # doctest: +SKIP
    """
    events = item_events(corpus, kind=kind, field=field, thesaurus=thesaurus)
    period = _period(corpus, events, years)
    table = bursts_from_events(
        events, period, s=s, gamma=gamma, min_duration=min_duration, slice_years=slice_years, counting=counting, top=top
    )
    table.attrs.update(
        kind=kind,
        s=s,
        gamma=gamma,
        min_duration=min_duration,
        slice_years=slice_years,
        field=field,
        counting=counting,
        period=list(period),
    )
    return table


def figure5_table(table: pd.DataFrame, kind: str | None = None, decimals: int = 2) -> pd.DataFrame:
    """The exported form of a burst table, in the columns of the review's Figure 5 CSV.

    Columns: ``rank``, the item column named after the kind (``cited_journal``,
    ``cited_reference``, ``keyword``, ``author``), ``year``, ``strength``
    (rounded to ``decimals``), ``begin``, ``end``.

    Examples
    --------
    >>> t = pd.DataFrame({"item": ["ECOSYST SERV"], "year": [2021], "strength": [6.7712],
    ...                   "begin": [2021], "end": [2023]})
    >>> figure5_table(t, "cited_journal")
       rank cited_journal  year  strength  begin   end
    0     1  ECOSYST SERV  2021      6.77   2021  2023
    """
    kind = kind or table.attrs.get("kind", "cited_journal")
    if kind not in ITEM_COLUMN:
        raise LitkitError(f"unknown kind {kind!r}", expected=" or ".join(KINDS))
    out = pd.DataFrame(
        {
            "rank": np.arange(1, len(table) + 1, dtype=np.int64),
            ITEM_COLUMN[kind]: table["item"].astype(object).to_numpy(),
            "year": table["year"].astype(np.int64).to_numpy(),
            "strength": table["strength"].astype(float).round(decimals).to_numpy(),
            "begin": table["begin"].astype(np.int64).to_numpy(),
            "end": table["end"].astype(np.int64).to_numpy(),
        }
    )
    return out


def write_burst_table(table: pd.DataFrame, path, kind: str | None = None, overwrite: bool = True):
    """Write :func:`figure5_table` as CSV (atomic, fixed two-decimal strengths)."""
    from ._atomic import write_csv

    return write_csv(figure5_table(table, kind), path, overwrite=overwrite, float_format="%.2f")
