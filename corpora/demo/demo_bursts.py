"""Planting citation and keyword bursts that Kleinberg's exact two-state model recovers.

The generator does not sample burst counts at random: for every planted item it
fixes ``r[t]`` (records of year t with the item) from a low rate outside the
burst and a high rate inside it, and then checks with an exact solver (below)
that the optimal state sequence has exactly one burst, on exactly the planted
years.  Which records carry the item is random; how many per year is not.

The model (Kleinberg 2002, batched two-state; the formulas of
``../shared/reference/README.md``): ``p0 = sum(r)/sum(d)``,
``p1 = min(s*p0, 0.99999)``, fit cost ``sigma(i,t) = -ln[p_i^r (1-p_i)^(d-r)]``
(the binomial coefficient is the same in both states and is left out),
entering the burst state costs ``gamma*ln(n)``, leaving it is free, ties go to
state 0.  A burst's weight is the sum over its slices of
``sigma(0,t) - sigma(1,t)``.
"""

from __future__ import annotations

import math


def _fit_costs(r: list[int], d: list[int], s: float) -> tuple[list[float], list[float], float, float]:
    p0 = sum(r) / sum(d)
    p1 = min(s * p0, 0.99999)

    def cost(p: float, rt: int, dt: int) -> float:
        # 0 * ln(0) = 0: a state with p = 0 or 1 only costs where it is contradicted.
        hit = -rt * math.log(p) if rt else 0.0
        miss = -(dt - rt) * math.log(1 - p) if dt - rt else 0.0
        return hit + miss

    c0 = [cost(p0, rt, dt) for rt, dt in zip(r, d)]
    c1 = [cost(p1, rt, dt) for rt, dt in zip(r, d)]
    return c0, c1, p0, p1


def kleinberg_exact(r: list[int], d: list[int], s: float = 2, gamma: float = 1) -> list[tuple[int, int, float]]:
    """Bursts ``(start, end, weight)`` (0-based, inclusive) of the optimal state sequence.

    Examples
    --------
    >>> kleinberg_exact([0, 0, 8, 9, 0, 0], [10] * 6)[0][:2]
    (2, 3)
    """
    n = len(r)
    c0, c1, _, _ = _fit_costs(r, d, s)
    enter = gamma * math.log(n)
    # best[i] = cheapest cost of slices 0..t ending in state i; back[t][i] = previous state.
    best = [c0[0], enter + c1[0]]
    back: list[tuple[int, int]] = [(0, 0)]
    for t in range(1, n):
        stay0, from1_to0 = best[0], best[1]  # leaving the burst state is free
        to1_from0, stay1 = best[0] + enter, best[1]
        prev0 = 0 if stay0 <= from1_to0 else 1  # ties prefer state 0
        prev1 = 0 if to1_from0 < stay1 else 1
        best = [min(stay0, from1_to0) + c0[t], min(to1_from0, stay1) + c1[t]]
        back.append((prev0, prev1))
    state = 0 if best[0] <= best[1] else 1
    states = [0] * n
    for t in range(n - 1, -1, -1):
        states[t] = state
        state = back[t][state]
    bursts, t = [], 0
    while t < n:
        if states[t] == 1:
            start = t
            while t + 1 < n and states[t + 1] == 1:
                t += 1
            weight = sum(c0[u] - c1[u] for u in range(start, t + 1))
            bursts.append((start, t, weight))
        t += 1
    return bursts


def burst_counts(
    d: list[int],
    begin: int,
    end: int,
    rate_in: float,
    rate_out: float,
    available_from: int = 0,
    rate_before: float | None = None,
) -> list[int]:
    """Exact per-slice counts ``r[t]`` for one planted burst on slices ``begin..end``.

    ``rate_in`` inside the burst, ``rate_out`` after it, ``rate_before`` (default
    ``rate_out``) before it, and 0 before ``available_from`` (a cited item cannot
    be cited before it is published).  Counts round down outside the burst and
    up inside it, so the contrast is never weaker than the rates say.
    """
    before = rate_out if rate_before is None else rate_before
    r = []
    for t, dt in enumerate(d):
        if t < available_from:
            r.append(0)
        elif begin <= t <= end:
            r.append(min(dt, math.ceil(rate_in * dt)))
        else:
            r.append(math.floor((before if t < begin else rate_out) * dt))
    return r


def check_single_burst(
    name: str, r: list[int], d: list[int], begin: int, end: int, s: float = 2, gamma: float = 1
) -> float:
    """Raise unless the exact model finds exactly one burst, on ``begin..end``; return its weight."""
    found = kleinberg_exact(r, d, s, gamma)
    if [(b, e) for b, e, _ in found] != [(begin, end)]:
        raise AssertionError(
            f"planted burst of {name!r} on slices {begin}-{end} is not what the exact model "
            f"finds: {found}; r={r}, d={d}"
        )
    return found[0][2]
