r"""Clustering a term network and measuring the clustering.

Algorithms
----------
``clustering="leiden"`` (default)
    Leiden algorithm (Traag, Waltman & van Eck 2019), igraph's C implementation
    (``Graph.community_leiden``), iterated until an iteration no longer improves
    the partition (``n_iterations=-1``), with a private random generator seeded
    with ``seed``, hence deterministic.  ``objective="modularity"`` optimises
    (generalised) modularity with the resolution ``γ`` (RB configuration model);
    ``objective="cpm"`` optimises the Constant Potts Model
    ``sum_{i<j} δ(c_i, c_j) (a_ij − γ)``.  CPM on association-strength weights with
    ``γ = 1`` is the clustering objective of VOSviewer (Waltman, van Eck & Noyons 2010).
``clustering="leidenalg"``
    The same algorithm and objectives from the ``leidenalg`` package
    (``find_partition`` with ``ModularityVertexPartition`` /
    ``RBConfigurationVertexPartition`` / ``CPMVertexPartition``, ``seed``).  It
    gives partitions of the same quality; it is 10–20× slower than igraph's on
    large networks, so it is not the default.
``clustering="louvain"``
    igraph's multilevel (Louvain) method with the resolution ``γ``, run with a
    private random generator seeded with ``seed``.  Modularity only.

Random starts
-------------
Leiden and Louvain are randomised local searches: one seed can stop in a partition of clearly lower
quality than another seed finds (the CNKI RefWorks keyword map: Q = 0.288 with seed 42, 0.305 with
most other seeds).  Like VOSviewer's clustering (its "random starts" parameter: the best of
several runs is kept), ``cluster_graph`` runs the algorithm ``starts`` times (default 10, fewer
above 20,000 links; seeds ``seed, seed + 1, …``) and keeps the partition of highest quality -- the objective optimised
(modularity at the given resolution, or CPM), never a measure of the result such as the silhouette;
ties keep the earliest start, so ``starts=1`` is the single run with ``seed``.

Clusters are numbered 1, 2, … by decreasing size (ties: the cluster holding the
highest-ranked term first), as VOSviewer numbers them; citation networks number
them 0, 1, … as CiteSpace does (``renumber(..., start=0)``).

Measures
--------
Modularity ``Q`` (Newman 2006, weighted, ``γ = 1`` whatever resolution was used for
optimising, as CiteSpace reports it) and its per-cluster contributions:

.. math:: Q = \sum_c q_c, \qquad q_c = \frac{W_c}{m} - \left(\frac{S_c}{2m}\right)^2

where ``W_c`` is the weight of links inside cluster ``c`` (each link once),
``S_c`` the summed strength of its terms and ``m`` the total link weight.

Silhouette (Rousseeuw 1987), the homogeneity measure CiteSpace reports next to
``Q``, needs a distance; litkit uses ``d_ij = 1 − cos_ij`` with Salton's cosine
``cos_ij = c_ij / sqrt(o_i o_j)`` (``d_ii = 0``), so two terms that always occur
together are at distance 0 and two that never do at distance 1.  A term alone in
its cluster has silhouette 0 (scikit-learn's convention).
"""

from __future__ import annotations

import math
import random

import numpy as np
import scipy.sparse as sp

__all__ = [
    "cluster_graph",
    "partition_quality",
    "default_starts",
    "renumber",
    "modularity_contributions",
    "silhouette",
    "silhouette_samples",
    "CLUSTERINGS",
    "OBJECTIVES",
]

CLUSTERINGS = ("leiden", "leidenalg", "louvain")
OBJECTIVES = ("modularity", "cpm")
_STARTS_LINKS = 20_000  # links up to which cluster_graph makes 10 random starts


def _igraph(weights: sp.spmatrix):
    import igraph as ig

    upper = sp.triu(weights, k=1).tocoo()
    g = ig.Graph(n=weights.shape[0], edges=list(zip(upper.row.tolist(), upper.col.tolist())), directed=False)
    g.es["weight"] = upper.data.astype(float).tolist()
    return g


def cluster_graph(
    weights: sp.spmatrix,
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    starts: int | None = None,
) -> np.ndarray:
    """Cluster membership (0-based, unordered) of each node of a symmetric weighted graph.

    Parameters
    ----------
    weights : scipy.sparse matrix
        Symmetric ``n x n`` link weights, zero diagonal.
    clustering : {"leiden", "leidenalg", "louvain"}
        Algorithm (see the module text).
    objective : {"modularity", "cpm"}
        Quality function optimised.
    resolution : float
        Resolution ``γ`` of the quality function.
    seed : int
        Seed of the first start; start ``i`` uses ``seed + i``.
    starts : int, optional
        Random starts; the partition of highest quality (the objective at ``resolution``) is kept,
        ties by the earliest start.  Default: 10 up to 20,000 links, then fewer (``10 * 20,000 / links``,
        at least 1), so that large networks cost about what 10 starts cost at 20,000 links.

    Returns
    -------
    numpy.ndarray
        Cluster of each node (0-based, not renumbered; see :func:`renumber`).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> two_triangles = np.zeros((6, 6))
    >>> for i, j in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]:
    ...     two_triangles[i, j] = two_triangles[j, i] = 1
    >>> m = cluster_graph(sp.csr_matrix(two_triangles))
    >>> len(set(m[:3])), len(set(m[3:])), bool(m[0] != m[5])
    (1, 1, True)
    """
    if clustering not in CLUSTERINGS:
        raise ValueError(f"clustering must be one of {CLUSTERINGS}, not {clustering!r}")
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}, not {objective!r}")
    if clustering == "louvain" and objective != "modularity":
        raise ValueError("Louvain optimises modularity only; use clustering='leiden' for CPM")
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float)) or not resolution >= 0:
        raise ValueError(f"resolution must be a number >= 0, not {resolution!r}")
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    g = _igraph(weights)
    if starts is None:
        starts = default_starts(g.ecount())
    best, best_quality = None, -math.inf
    for start in range(max(int(starts), 1)):
        membership = _one_start(g, clustering, objective, resolution, seed + start)
        quality = partition_quality(weights, membership, objective, resolution)
        # strictly better only (relative tolerance): equal partitions found by later starts change nothing
        if best is None or quality > best_quality + 1e-12 * max(abs(best_quality), 1.0):
            best, best_quality = membership, quality
    return best


def default_starts(links: int) -> int:
    """Random starts of :func:`cluster_graph` for a network of ``links`` links (10 up to 20,000 links).

    Examples
    --------
    >>> default_starts(5_000), default_starts(40_000), default_starts(1_000_000)
    (10, 5, 1)
    """
    return int(max(1, min(10, (10 * _STARTS_LINKS) // max(int(links), 1))))


def partition_quality(weights: sp.spmatrix, membership: np.ndarray, objective: str, resolution: float = 1.0) -> float:
    """The quality a clustering optimises: modularity at resolution ``γ``, or CPM.

    Modularity ``(1/2m) sum_ij (w_ij − γ s_i s_j / 2m) δ(c_i, c_j)``; CPM
    ``sum_c (W_c − γ n_c (n_c − 1) / 2)`` with ``W_c`` the weight of the links inside ``c``.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> w = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float))
    >>> round(partition_quality(w, np.array([0, 0, 1]), "modularity"), 4)  # 1/2 - (3/4)**2 - (1/4)**2
    -0.125
    >>> partition_quality(w, np.array([0, 0, 0]), "cpm", 0.5)  # 2 - 0.5 * 3
    0.5
    """
    w = sp.csr_matrix(weights, dtype=np.float64)
    membership = np.asarray(membership)
    coo = w.tocoo()
    inside = membership[coo.row] == membership[coo.col]
    k = int(membership.max()) + 1 if len(membership) else 0
    within = np.bincount(membership[coo.row][inside], weights=coo.data[inside], minlength=k) / 2  # each link once
    if objective == "cpm":
        size = np.bincount(membership, minlength=k).astype(np.float64)
        return float(np.sum(within - resolution * size * (size - 1) / 2))
    strength = np.asarray(w.sum(axis=1)).ravel()
    two_m = float(strength.sum())
    if two_m == 0:
        return 0.0
    total = np.bincount(membership, weights=strength, minlength=k)
    return float(np.sum(2 * within / two_m - resolution * (total / two_m) ** 2))


def renumber(membership: np.ndarray, start: int = 1) -> np.ndarray:
    """Clusters ``start..start+k-1`` by decreasing size; ties by the lowest node index (nodes are in rank order).

    ``start=1`` numbers as VOSviewer does (keyword maps), ``start=0`` as CiteSpace does (``#0`` the largest).
    """
    membership = np.asarray(membership)
    labels, first, counts = np.unique(membership, return_index=True, return_counts=True)
    order = sorted(range(len(labels)), key=lambda k: (-counts[k], first[k]))
    mapping = {labels[k]: new + start for new, k in enumerate(order)}
    return np.array([mapping[x] for x in membership], dtype=np.int64)


def modularity_contributions(weights: sp.spmatrix, membership: np.ndarray) -> tuple[float, dict[int, float]]:
    """Weighted modularity ``Q`` (γ = 1) and each cluster's contribution ``q_c``."""
    w = sp.csr_matrix(weights)
    strength = np.asarray(w.sum(axis=1)).ravel()
    two_m = float(strength.sum())
    clusters = np.unique(membership)
    if two_m == 0:
        return float("nan"), {int(c): float("nan") for c in clusters}
    coo = w.tocoo()
    inside = membership[coo.row] == membership[coo.col]
    within = np.bincount(
        membership[coo.row][inside], weights=coo.data[inside], minlength=int(membership.max()) + 1
    )  # each link counted twice
    strength_sum = np.bincount(membership, weights=strength, minlength=int(membership.max()) + 1)
    contrib = {int(c): float(within[c] / two_m - (strength_sum[c] / two_m) ** 2) for c in clusters}
    return float(sum(contrib.values())), contrib


def silhouette_samples(distance: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Silhouette of each item from a precomputed distance matrix (Rousseeuw 1987).

    The same numbers, bit for bit, as ``sklearn.metrics.silhouette_samples(distance, labels,
    metric="precomputed")`` (the same sums in the same order), without importing scikit-learn,
    whose import costs about 0.7 s CPU of every ``litkit cooccur``.  An item alone in its cluster
    has silhouette 0.

    Examples
    --------
    >>> d = np.array([[0, 1, 4, 5], [1, 0, 4, 5], [4, 4, 0, 1], [5, 5, 1, 0]], dtype=float)
    >>> silhouette_samples(d, np.array([0, 0, 1, 1])).round(3).tolist()
    [0.778, 0.778, 0.75, 0.8]
    """
    _, codes = np.unique(labels, return_inverse=True)  # sorted classes -> 0..k-1, as LabelEncoder
    codes = codes.reshape(-1)
    freqs = np.bincount(codes)
    n = len(codes)
    sums = np.zeros((n, len(freqs)), dtype=distance.dtype)
    for i in range(n):  # one bincount per row, as scikit-learn sums them (same order, same rounding)
        sums[i] += np.bincount(codes, weights=distance[i], minlength=len(freqs))
    own = (np.arange(n), codes)
    intra = sums[own]
    sums[own] = np.inf
    sums /= freqs
    inter = sums.min(axis=1)
    denom = (freqs - 1).take(codes, mode="clip")
    with np.errstate(divide="ignore", invalid="ignore"):
        intra /= denom
    values = inter - intra
    with np.errstate(divide="ignore", invalid="ignore"):
        values /= np.maximum(intra, inter)
    return np.nan_to_num(values)


def silhouette(
    cooccurrence: sp.spmatrix, occurrences: np.ndarray, membership: np.ndarray, max_nodes: int = 5000
) -> tuple[float, dict[int, float]]:
    """Mean silhouette and per-cluster mean silhouette with ``d_ij = 1 − c_ij/sqrt(o_i o_j)``.

    NaN when there are fewer than 2 or as many clusters as nodes, or more than
    ``max_nodes`` nodes (the distance matrix is dense).
    """
    n = len(membership)
    k = len(np.unique(membership))
    clusters = [int(c) for c in np.unique(membership)]
    if n > max_nodes or k < 2 or k >= n:
        return float("nan"), {c: float("nan") for c in clusters}
    c = sp.csr_matrix(cooccurrence, dtype=np.float64).toarray()
    o = np.asarray(occurrences, dtype=np.float64)
    distance = 1.0 - c / np.sqrt(np.outer(o, o))
    np.fill_diagonal(distance, 0.0)
    distance = np.clip(distance, 0.0, 1.0)
    values = silhouette_samples(distance, membership)
    per = {cl: float(values[membership == cl].mean()) for cl in clusters}
    return float(values.mean()), per


# --------------------------------------------------------------------------- private helpers


def _one_start(g, clustering: str, objective: str, resolution: float, seed: int) -> np.ndarray:
    """One run of the algorithm with a private random generator seeded with ``seed``."""
    if clustering == "leidenalg":
        import leidenalg as la

        if objective == "cpm":
            partition_type, kwargs = la.CPMVertexPartition, {"resolution_parameter": resolution}
        elif resolution == 1.0:
            partition_type, kwargs = la.ModularityVertexPartition, {}
        else:
            partition_type, kwargs = la.RBConfigurationVertexPartition, {"resolution_parameter": resolution}
        part = la.find_partition(g, partition_type, weights="weight", n_iterations=-1, seed=seed, **kwargs)
        return np.asarray(part.membership, dtype=np.int64)
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        if clustering == "leiden":
            part = g.community_leiden(
                objective_function="CPM" if objective == "cpm" else "modularity",
                weights="weight",
                resolution=resolution,
                n_iterations=-1,
            )
            return np.asarray(part.membership, dtype=np.int64)
        comm = g.community_multilevel(weights="weight", resolution=resolution)
        return np.asarray(comm.membership, dtype=np.int64)
    finally:
        ig.set_random_number_generator(random)
