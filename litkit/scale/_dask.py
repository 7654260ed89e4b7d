"""Small Dask helpers shared by the scale modules: run on a given client or on Dask's default."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence


def compute(obj, client=None):
    """Compute a delayed object (or a tuple/list of them) and return the concrete result."""
    import dask

    if client is not None:
        return client.compute(obj, sync=True)
    return dask.compute(obj)[0]


def persist(objs: list, client=None) -> list:
    """Keep computed partitions in (worker) memory for the next passes."""
    import dask

    if client is not None:
        return client.persist(list(objs))
    return list(dask.persist(*objs))


def tree_sum(parts: Sequence, merge: Callable, split_every: int = 8):
    """Reduce delayed partial results pairwise-in-groups, in partition order, with ``merge(a, b)``.

    The grouping depends only on the number of partitions, so the reduction order
    (and any floating-point rounding) is the same on every run and every cluster.
    """

    def merge_many(*xs):
        out = xs[0]
        for x in xs[1:]:
            out = merge(out, x)
        return out

    return tree_reduce(parts, merge_many, split_every)


def sum_counters(*counters) -> Counter:
    """Counters added into a new one in place (a fold of ``+`` copies the running sum at every step)."""
    total = Counter()
    for counter in counters:
        total.update(counter)
    return total


def tree_reduce(parts: Sequence, combine: Callable, split_every: int = 8):
    """Reduce delayed partial results in groups of ``split_every``, in partition order, with ``combine(*xs)``.

    ``combine`` sees a whole group at once, so it can add the group up in one pass (one hash table, one
    ``bincount``) instead of folding it pair by pair, where a running sum is copied once per member.
    It must accept its own results as input.  The grouping depends only on the number of partitions.
    """
    import dask

    level = list(parts)
    if not level:
        raise ValueError("nothing to reduce: the corpus has no partitions")
    while len(level) > 1:
        level = [dask.delayed(combine)(*level[i : i + split_every]) for i in range(0, len(level), split_every)]
    return level[0]


def constant(obj):
    """``obj`` as one graph node, so Dask does not walk through a large dict or set element by element."""
    import dask

    return dask.delayed(obj, traverse=False)
