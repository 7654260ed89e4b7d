"""Betweenness centrality and CiteSpace's sigma on a similarity network.

CiteSpace marks nodes of high betweenness centrality (a purple ring, centrality >= 0.1)
as potential turning points between communities, following Freeman (1979), with Brandes'
algorithm (2001), and combines centrality with burst strength into *sigma*
(Chen et al. 2009, "Towards an explanatory and computational theory of scientific
discovery", J. Informetrics 3(3)):  ``sigma = (centrality + 1) ** burst_strength``.

CiteSpace's documentation (glossary "Betweenness centrality") does not say whether link
strengths enter the shortest paths.  litkit offers both and says which one it used:

* ``distance="inverse"`` (default): a link's length is ``1 / similarity``, so strong links
  are short; the result equals ``networkx.betweenness_centrality(G, weight="distance")``
  with that ``distance`` attribute;
* ``distance="unweighted"``: every link has length 1 (hop counts), as
  ``networkx.betweenness_centrality(G, weight=None)``.

``normalized=True`` divides by the number of pairs of other nodes, ``(n − 1)(n − 2) / 2``,
as networkx does for undirected graphs (``n`` counts every node, isolated ones too), so
values lie in [0, 1].

The default backend is python-igraph (C, Brandes' algorithm; 5,000 nodes and 25,000 links in
8.4 s of CPU with ``"inverse"``, 3.1 s ``"unweighted"``, where networkx takes many minutes); ``backend="networkx"`` gives networkx's own
numbers.  Weighted shortest paths often tie in real arithmetic: with integer co-citation
counts, ``1/3 + 1/6`` and ``1/2`` are the same length, but their floating-point sums may differ
in the last bit.  igraph treats lengths within a relative 1e-10 as equal and so counts every
tied path, as exact arithmetic does: its values equal networkx's run on exact rational
distances (``fractions.Fraction``), which the tests check.  networkx on float distances
compares exactly and misses such ties (on random graphs of 150 nodes, 900 links and integer
weights 1..11 it is off by up to 3.6e-4 in normalised betweenness).  On weights without such
ties (e.g. random floats) both backends agree to rounding.

Examples
--------
>>> import numpy as np
>>> from litkit.network.centrality import betweenness, sigma
>>> path = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float)   # 0 - 1 - 2
>>> betweenness(path)
array([0., 1., 0.])
>>> sigma(np.array([0.5, 0.0]), np.array([2.0, 3.0]))
array([2.25, 1.  ])
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..errors import LitkitError
from .pruning import check_similarities

__all__ = ["betweenness", "sigma", "DISTANCES"]

DISTANCES = ("inverse", "unweighted")
_BACKENDS = ("igraph", "networkx")


def betweenness(
    weights: sp.spmatrix, *, normalized: bool = True, distance: str = "inverse", backend: str = "igraph"
) -> np.ndarray:
    """Betweenness centrality of every node of an undirected similarity network.

    Parameters
    ----------
    weights : scipy.sparse matrix or array-like, shape (n, n)
        Symmetric link similarities (non-negative, finite; zero = no link; diagonal ignored).
    normalized : bool, default True
        Divide by ``(n − 1)(n − 2) / 2`` (networkx's normalisation; no division when ``n <= 2``).
    distance : {"inverse", "unweighted"}, default "inverse"
        Link length for shortest paths: ``1 / similarity`` or 1 (see the module docstring).
    backend : {"igraph", "networkx"}, default "igraph"
        Which library runs Brandes' algorithm.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Betweenness of each node, in the matrix's order.

    Examples
    --------
    A star: the centre lies on the shortest path of every pair of leaves.

    >>> star = np.zeros((4, 4)); star[0, 1:] = star[1:, 0] = 1
    >>> betweenness(star)
    array([1., 0., 0., 0.])
    >>> betweenness(star, normalized=False)
    array([3., 0., 0., 0.])

    A strong detour is shorter than a weak direct link with ``distance="inverse"``:

    >>> W = np.array([[0, 4, 1], [4, 0, 4], [1, 4, 0]], dtype=float)   # 1/4 + 1/4 < 1/1
    >>> betweenness(W)
    array([0., 1., 0.])
    >>> betweenness(W, distance="unweighted")
    array([0., 0., 0.])
    """
    if distance not in DISTANCES:
        raise LitkitError(f"betweenness: unknown distance {distance!r} (expected 'inverse' or 'unweighted')")
    if backend not in _BACKENDS:
        raise LitkitError(f"betweenness: unknown backend {backend!r} (expected 'igraph' or 'networkx')")
    if not isinstance(normalized, (bool, np.bool_)):
        raise LitkitError(f"betweenness: normalized must be True or False, not {normalized!r}")
    W = check_similarities(weights, "betweenness")
    n = W.shape[0]
    upper = sp.triu(W, k=1).tocoo()
    i, j, w = upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data
    lengths = 1.0 / w if distance == "inverse" else None
    if n == 0:
        return np.zeros(0)
    if backend == "igraph":
        raw = _igraph_betweenness(n, i, j, lengths)
    else:
        raw = _networkx_betweenness(n, i, j, lengths)
    if normalized and n > 2:
        raw = raw * (2.0 / ((n - 1) * (n - 2)))
    return raw


def sigma(centrality: np.ndarray, burst_strength: np.ndarray) -> np.ndarray:
    """CiteSpace's sigma: ``(centrality + 1) ** burst_strength`` (Chen et al. 2009).

    Parameters
    ----------
    centrality : array-like of float, shape (n,)
        Betweenness centrality (normalised, as :func:`betweenness` returns it); finite, >= 0.
    burst_strength : array-like of float, shape (n,)
        Strongest burst of each node (Kleinberg weight, :func:`litkit.bursts.citation_bursts`);
        ``NaN`` means "no burst" and counts as 0; otherwise finite and >= 0.

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
        Sigma of each node; 1 for a node without burst or without centrality.

    Examples
    --------
    >>> sigma([0.1, 0.25, 0.3], [3.0, 0.0, np.nan])
    array([1.331, 1.   , 1.   ])
    """
    c = _vector(centrality, "centrality")
    b = _vector(burst_strength, "burst_strength", allow_nan=True)
    if c.shape != b.shape:
        raise LitkitError(f"sigma: centrality has {c.size} values but burst_strength has {b.size}")
    if c.size and c.min() < 0:
        raise LitkitError(f"sigma: centrality must be non-negative (found {c.min():g})")
    b = np.where(np.isnan(b), 0.0, b)
    if b.size and b.min() < 0:
        raise LitkitError(f"sigma: burst_strength must be non-negative (found {b.min():g})")
    return np.power(c + 1.0, b)


# ---- private helpers -------------------------------------------------------------------------


def _igraph_betweenness(n: int, i: np.ndarray, j: np.ndarray, lengths: np.ndarray | None) -> np.ndarray:
    import igraph

    graph = igraph.Graph(n=n, edges=np.column_stack([i, j]).tolist(), directed=False)
    values = graph.betweenness(directed=False, weights=None if lengths is None else lengths.tolist())
    return np.asarray(values, dtype=np.float64)


def _networkx_betweenness(n: int, i: np.ndarray, j: np.ndarray, lengths: np.ndarray | None) -> np.ndarray:
    import networkx as nx

    graph = nx.empty_graph(n)
    if lengths is None:
        graph.add_edges_from(zip(i.tolist(), j.tolist()))
    else:
        graph.add_weighted_edges_from(zip(i.tolist(), j.tolist(), lengths.tolist()), weight="distance")
    values = nx.betweenness_centrality(graph, weight=None if lengths is None else "distance", normalized=False)
    return np.array([values[v] for v in range(n)], dtype=np.float64)


def _vector(values, name: str, allow_nan: bool = False) -> np.ndarray:
    try:
        v = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise LitkitError(f"sigma: {name} must be numbers") from exc
    if v.ndim != 1:
        raise LitkitError(f"sigma: {name} must be one-dimensional, not of shape {v.shape}")
    bad = ~np.isfinite(v) & ~(allow_nan & np.isnan(v))
    if bad.any():
        raise LitkitError(f"sigma: {name} must be finite" + (" or NaN (no burst)" if allow_nan else ""))
    return v
