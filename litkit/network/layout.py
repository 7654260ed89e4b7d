"""Deterministic 2-D coordinates for a network map.

Each connected component is laid out on its own, with one of

``"vos"`` (default)
    The VOS mapping technique (van Eck, Waltman, Dekker & van den Berg 2010,
    "A comparison of two techniques for bibliometric mapping: Multidimensional
    scaling and VOS", JASIST 61(12)) in its generalised form with VOSviewer's
    attraction and repulsion parameters: minimise

        V(x) = sum_{i<j} u_i u_j [ s_ij ||x_i - x_j||^a / a  -  ||x_i - x_j||^r / r ]

    (exponent 0 = the logarithm) with attraction ``a = 1`` and repulsion ``r = 0``,
    ``s_ij`` the map's link weight (association strength by default) and node weights
    ``u_i``.  With ``a = 1, r = 0`` this is the LinLog energy of Noack (2009, "Modularity
    clustering is force-directed layout", Phys. Rev. E 79): the network builders pass
    ``u_i`` = the total link strength of the counts when the clusters optimise
    modularity on the counts (``u_i u_j s_ij`` is then the count ``c_ij`` up to a constant,
    and the energy is the continuous relaxation of modularity), and ``u_i = 1`` when they
    optimise CPM on association strength (VOSviewer's clustering; Waltman, van Eck &
    Noyons 2010).  Either way the layout and the clusters optimise the same thing, so the
    clusters come out in their own regions.  A weak pull of every node to the centre
    (``0.1 (n - 1) u_i |x_i|``, a tenth of a node's average link pull) keeps weakly
    bridged parts of a component within a few spreads of the rest; without it LinLog puts
    them at a distance inversely proportional to their link density.  Measured
    silhouettes of the clusters in map x/y (CNKI RefWorks export, 89 terms / merged six
    exports, 200 terms / demo): 0.085 / 0.42 / 0.78 with ``"vos_original"``, 0.36 / 0.51 /
    0.83 with ``"vos"`` (modularity clusters, ten Leiden starts); VOSviewer's default for
    keyword maps (attraction 2, repulsion 0, ``u_i = 1``) gives 0.05 / 0.35 / 0.69 with the
    same clusters.  On the co-citation network of the WoS environment exports
    ``"vos_original"`` draws the main component 300x wider than high, ``"vos"`` 1.7x.
``"vos_original"``
    The VOS technique as published (attraction 2, repulsion 1, ``u_i = 1``, no pull to the
    centre): minimise ``sum s_ij d_ij^2`` subject to an average distance of 1, up to a scale
    factor (the default before litkit 0.2).  VOSviewer's default attraction is always 2; its
    default repulsion is 1 for most maps, 0 for keyword co-occurrence and document citation
    maps and -1 for co-authorship of authors (VOSviewer manual 1.6.18, Layout parameters).

Both are searched the same way: VOSviewer's gradient descent (every node moves ``step``
along its own normalised gradient; the step grows by ``1/0.75`` after 5 improvements
of V in a row and shrinks by ``0.75`` when V gets worse), 60 iterations from each of
several seeded random starts, then L-BFGS on the same function from the best start
(up to 1,000 iterations, fewer above 300 nodes: the map's look settles long before the
last digits of V).  Unlike VOSviewer, which moves the nodes one after another, all
nodes move at once (numpy: O(n^2) per iteration, one BLAS thread -- the products have 2
or 3 columns and more threads only add CPU time).  CWTS's own layout tool (``networkanalysis``,
``RunNetworkLayout``: one random start by default, each start run to the end of the schedule, the
lowest V kept) reaches a slightly lower V: on the CNKI RefWorks keyword map (89 terms) its starts end
at a median V of 2646-2650 and the best of 20 at 2636.5, where this search's 10 starts give 2674
(1.4 % higher; tests/network/test_h25sil_layout_search.py keeps it within 2 % of its best of 3).
Finishing every start and keeping the lowest V (2650 on average over seeds 1-10, against 2666) costs
2.5x the time and moves the mean CNKI silhouette over those seeds from 0.34 to 0.37 (seed 42: 0.36 to
0.31), still short of the 0.4 issue 22 asks for.  Lower V does not mean clusters further apart there:
layouts within 1 % of the lowest V found put the CNKI clusters at silhouettes 0.27-0.43 in map x/y, and
the lowest V of 100 starts at 0.31 (this search) or of 20-100 at 0.36-0.39 (VOSviewer's), as three of the six
modularity clusters keep only about half of their link weight inside and two hub terms carry 28 % of
all link weight (the demo's clusters keep 83-88 % inside: silhouette 0.83).
``"kamada_kawai"``
    Kamada & Kawai (1989) stress layout: map distances approximate graph
    distances, where a link of weight ``a_ij`` has length ``1/sqrt(a_ij / mean a)``.
    No randomness (networkx starts from a circle).  Cost grows with n^2, about
    5 s for 200 terms.  (The default before the VOS technique.)
``"spring"``
    Fruchterman-Reingold (networkx ``spring_layout``) started from a seeded
    random position; faster, but pushes weakly attached groups to the edge.

Weights are divided by their mean so that the layout does not depend on the
scale of the normalisation.  Components are then packed side by side, largest
first, each scaled by the square root of its size (VOS repulsion grows without
bound between parts that no link holds together, so they cannot share one
optimisation).  A VOS component is centred and rotated onto its principal axes
(the longer spread horizontal, as VOSviewer does), with signs fixed so that the
result does not depend on the start.  Coordinates are centred, scaled to
``[-1, 1]`` along the longer side and rounded to 6 decimals (floating-point noise
in the last bits must not change a written table).
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

__all__ = ["layout", "vos_layout", "vos_quality", "LAYOUTS"]

LAYOUTS = ("vos", "vos_original", "kamada_kawai", "spring")
_SCREEN_ITERATIONS = 60
_POLISH_FTOL = 1e-6
_GRAVITY = 0.1


def layout(
    weights: sp.spmatrix,
    seed: int = 42,
    iterations: int = 200,
    method: str = "vos",
    starts: int | None = None,
    node_weights: np.ndarray | None = None,
) -> np.ndarray:
    """Map coordinates of the nodes of a symmetric weighted graph.

    Parameters
    ----------
    weights : scipy.sparse matrix
        Symmetric ``n x n`` link weights (the map's normalised weights), zero diagonal.
    seed : int
        Seeds the random starts: same input and seed, same coordinates.
    iterations : int
        Iterations of the ``"spring"`` layout (the VOS search has its own schedule).
    method : {"vos", "vos_original", "kamada_kawai", "spring"}
        See the module text.
    starts : int, optional
        Random starts of the VOS technique (default: 10 up to 200 nodes, fewer for
        larger components so that 1,000 nodes take a few seconds).
    node_weights : array, optional
        ``"vos"`` only: weight ``u_i`` of each node in the repulsion (``u_i u_j`` per pair).  The
        network builders pass the total link strength of the counts when the clusters optimise
        modularity, so that layout and clustering optimise the same thing (Noack 2009); ``None``
        (all 1) pairs with CPM on association strength (VOSviewer's clustering).

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` x, y, centred, in ``[-1, 1]`` along the longer side, rounded to 6 decimals.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> w = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float))
    >>> xy = layout(w)
    >>> xy.shape, float(np.abs(xy).max())
    ((3, 2), 1.0)
    """
    if method not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {method!r}")
    w = sp.csr_matrix(weights)
    n = w.shape[0]
    if n == 0:
        return np.zeros((0, 2))
    n_comp, labels = connected_components(w, directed=False)
    comps = [np.flatnonzero(labels == c) for c in range(n_comp)]
    comps.sort(key=lambda nodes: (-len(nodes), nodes[0]))
    xy = np.zeros((n, 2))
    # Shelf packing: boxes of side 2*sqrt(size/largest), rows no wider than the largest box * 2.
    largest = len(comps[0])
    row_width = 2.0 * 2.0
    x_cursor, y_cursor, row_height = 0.0, 0.0, 0.0
    u = None if node_weights is None else np.asarray(node_weights, dtype=np.float64)
    for nodes in comps:
        half = math.sqrt(len(nodes) / largest)
        with _single_threaded_blas():
            local = _component_layout(w, nodes, seed, iterations, method, starts, u) * half
        if x_cursor > 0 and x_cursor + 2 * half > row_width + 1e-9:
            x_cursor, y_cursor, row_height = 0.0, y_cursor - row_height - 0.1, 0.0
        xy[nodes] = local + np.array([x_cursor + half, y_cursor - half])
        x_cursor += 2 * half + 0.1
        row_height = max(row_height, 2 * half)
    xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
    scale = np.abs(xy).max()
    if scale > 0:
        xy /= scale
    return np.round(xy, 6) + 0.0  # + 0.0 turns -0.0 into 0.0


def vos_layout(
    weights: sp.spmatrix,
    seed: int = 42,
    starts: int = 10,
    attraction: int = 2,
    repulsion: int = 1,
    max_iterations: int = 1000,
    initial_step: float = 1.0,
    min_step: float = 0.001,
    step_reduction: float = 0.75,
    required_improvements: int = 5,
    polish: bool = True,
    node_weights: np.ndarray | None = None,
    gravity: float = 0.0,
) -> np.ndarray:
    """VOS mapping of one connected graph (see the module text); ``(n, 2)`` coordinates, not rescaled.

    Parameters
    ----------
    weights : scipy.sparse matrix
        Symmetric similarities ``s_ij`` (association strength), zero diagonal, connected.
    seed : int
        Seeds the random starts (uniform in ``[-1, 1]^2``).
    starts : int
        Independent random starts; the layout with the lowest :func:`vos_quality` is kept.
    attraction, repulsion : int
        ``a`` and ``r`` of the quality function (VOSviewer: 2 and 1).
    max_iterations, initial_step, min_step, step_reduction, required_improvements
        VOSviewer's search schedule (1000, 1, 0.001, 0.75, 5).
    polish : bool
        Run the schedule for 60 iterations and then minimise the same function with L-BFGS
        (default: faster and a lower V); ``False`` runs VOSviewer's schedule alone to its end.
    node_weights : array, optional
        Positive weights ``u_i``: every term of the pair ``i, j`` is multiplied by ``u_i u_j`` (see the
        module text; ``None``: all 1, the VOS technique as published).

    Returns
    -------
    numpy.ndarray
        Coordinates centred at 0 and rotated onto their principal axes (widest spread along x),
        each axis' sign fixed so that its third moment is positive.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> two_pairs = np.array([[0, 9, 1, 0], [9, 0, 0, 1], [1, 0, 0, 9], [0, 1, 9, 0]], dtype=float)
    >>> xy = vos_layout(sp.csr_matrix(two_pairs), starts=3)
    >>> d = np.linalg.norm(xy[:, None] - xy[None], axis=2)
    >>> bool(d[0, 1] < d[0, 2] and d[2, 3] < d[1, 3])
    True
    """
    s = sp.csr_matrix(weights, dtype=np.float64)
    n = s.shape[0]
    if n <= 1:
        return np.zeros((n, 2))
    coo = sp.triu(s, k=1).tocoo()
    rows, cols, w = coo.row, coo.col, coo.data
    u = None
    if node_weights is not None:
        u = np.asarray(node_weights, dtype=np.float64)
        if u.shape != (n,) or not np.all(u > 0):
            raise ValueError("node_weights must be n positive numbers")
        u = u / u.mean()
        w = w * u[rows] * u[cols]
        pairs = (u.sum() ** 2 - np.sum(u**2)) / 2
    else:
        pairs = n * (n - 1) / 2
    w = w / (w.sum() / pairs)  # mean (weighted) similarity over all pairs = 1: the map comes out near unit size
    links = (rows, cols, w, u, float(gravity))
    rng = np.random.default_rng(seed)
    # Each start runs VOSviewer's schedule for a while; the schedule's tail (steps of 0.001 average
    # distances) is slow on large maps -- 1,000 iterations and still improving at 800 nodes -- so the
    # same quality function is then minimised by L-BFGS, which reaches a lower V in a fifth of the
    # time.  The starts are compared after the schedule and only the best is finished (O(n^2) per
    # evaluation).
    if not polish:
        screen = max_iterations
    else:
        screen = min(max_iterations, _SCREEN_ITERATIONS)
    best, best_q = None, math.inf
    for _ in range(max(int(starts), 1)):
        x = rng.uniform(-1.0, 1.0, size=(n, 2))
        x, q = _vos_descend(
            links, x, attraction, repulsion, screen, initial_step, min_step, step_reduction, required_improvements
        )
        if q < best_q - 1e-12 * abs(q):
            best, best_q = x, q
    if polish:
        best = _vos_polish(links, best, attraction, repulsion, max_iterations)
    return _standardize(best, centre=not gravity)


def vos_quality(
    weights: sp.spmatrix,
    xy: np.ndarray,
    attraction: int = 2,
    repulsion: int = 1,
    node_weights: np.ndarray | None = None,
    gravity: float = 0.0,
) -> float:
    """VOS quality of coordinates ``xy`` (lower is better), computed pair by pair.

    ``sum_{i<j} u_i u_j (s_ij d_ij^a / a - d_ij^r / r) + g (n - 1) sum_i u_i |x_i|``; exponent 0
    stands for the logarithm, as in VOSviewer; ``u`` defaults to 1 and ``g`` to 0 (the VOS quality
    function as published).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> w = sp.csr_matrix(np.array([[0.0, 2.0], [2.0, 0.0]]))
    >>> vos_quality(w, np.array([[0.0, 0.0], [0.25, 0.0]]))  # 2 * 0.25**2 / 2 - 0.25
    -0.1875
    """
    s = sp.triu(sp.csr_matrix(weights, dtype=np.float64), k=1).tocoo()
    xy = np.asarray(xy, dtype=np.float64)
    n = len(xy)
    u = np.ones(n) if node_weights is None else np.asarray(node_weights, dtype=np.float64)
    iu = np.triu_indices(n, k=1)
    d_links = np.linalg.norm(xy[s.row] - xy[s.col], axis=1)
    d_all = _pair_distances(xy)[iu]
    attract = np.sum(u[s.row] * u[s.col] * s.data * _power(d_links, attraction))
    repel = np.sum(u[iu[0]] * u[iu[1]] * _power(d_all, repulsion))
    pull = gravity * (n - 1) * float(u @ np.linalg.norm(xy, axis=1)) if gravity else 0.0
    return float(attract - repel + pull)


# --------------------------------------------------------------------------- private helpers


def _power(d: np.ndarray, exponent: int) -> np.ndarray:
    """``d^e / e``, or ``log d`` for ``e = 0`` (the quality function's term)."""
    if exponent == 0:
        return np.log(np.maximum(d, 1e-300))
    return d**exponent / exponent


def _pair_distances(x: np.ndarray) -> np.ndarray:
    """All pairwise Euclidean distances (one matrix product, in place: no (n, n, 2) array)."""
    sq = np.einsum("ij,ij->i", x, x)
    d = x @ x.T
    d *= -2.0
    d += sq[:, None]
    d += sq[None, :]
    np.maximum(d, 0.0, out=d)
    np.fill_diagonal(d, 0.0)
    return np.sqrt(d, out=d)


def _vos_objective(rows, cols, w, x, attraction, repulsion, node_weights=None, need_mean=True, gravity=0.0):
    """VOS quality of ``x`` and its gradient (``(n, 2)``), plus the average distance; links as upper-triangle COO.

    ``node_weights`` (``u``) weight the repulsion of each pair by ``u_i u_j``; ``w`` already carries them.
    Dense ``n x n`` work is one matrix of squared distances, transformed in place (no ``(n, n, 2)``
    array, no index arrays): the repulsion gradient is ``sum_j u_i u_j d_ij^(r-2) (x_i - x_j)``, i.e.
    ``u * (R @ (u x) - x (R @ u))`` with ``R = d^(r-2)``, one product with an ``(n, 3)`` matrix.
    """
    n = len(x)
    u = np.ones(n) if node_weights is None else node_weights
    sq = np.einsum("ij,ij->i", x, x)
    d2 = x @ x.T
    d2 *= -2.0
    d2 += sq[:, None]
    d2 += sq[None, :]
    np.fill_diagonal(d2, 1.0)
    # Coincident points would make d^(r-2) infinite; a floor far below any map distance keeps it finite.
    np.maximum(d2, 1e-12 * max(float(sq.mean()), 1e-300), out=d2)
    dl2 = d2[rows, cols]
    dl = np.sqrt(dl2)
    # Repulsion term sum_{i<j} u_i u_j d^r/r (log d for r = 0): u^T T u / 2 with T zero on the diagonal
    # (the diagonal of d2 is 1, so log and powers of it are 0 or 1/r and are taken out).
    if repulsion == 1:
        t = np.sqrt(d2)
        np.fill_diagonal(t, 0.0)
        distance_sum = float(t.sum()) if node_weights is None else math.nan
        repulsion_term = float(u @ (t @ u)) / 2
        del t
    else:
        t = np.log(d2)
        if repulsion == 0:
            t *= 0.5
        else:  # d^r / r = exp(r/2 log d2) / r
            t *= repulsion / 2
            np.exp(t, out=t)
            t /= repulsion
            np.fill_diagonal(t, 0.0)
        repulsion_term = float(u @ (t @ u)) / 2
        del t
        distance_sum = math.nan
    if not math.isfinite(distance_sum) and need_mean:
        # the mean over pairs of the distance is replaced by its root mean square, O(n) from the coordinates
        centred = x - x.mean(axis=0)
        distance_sum = n * (n - 1) * math.sqrt(2 * n * float(np.sum(centred**2)) / (n * (n - 1)))
    # R = d^(r-2), in place of the squared distances
    if repulsion == 0:
        rep = np.reciprocal(d2, out=d2)
    elif repulsion == 1:
        rep = np.sqrt(d2, out=d2)
        np.reciprocal(rep, out=rep)
    else:
        rep = np.power(d2, (repulsion - 2) / 2, out=d2)
    np.fill_diagonal(rep, 0.0)
    prod = rep @ np.column_stack([x * u[:, None], u])
    grad = u[:, None] * (prod[:, :2] - x * prod[:, 2:3])
    # Attraction over the links: the gradient of s d^a/a is s d^(a-2) (x_i - x_j).
    if attraction == 2:
        b = w
    else:
        b = w * np.power(dl, attraction - 2)
    f = (x[rows] - x[cols]) * b[:, None]
    for axis in (0, 1):
        grad[:, axis] += np.bincount(rows, f[:, axis], n) - np.bincount(cols, f[:, axis], n)
    quality = float(np.sum(w * _power(dl, attraction)) - repulsion_term)
    if gravity > 0:
        # g (n - 1) sum_i u_i |x_i|: every node is tied to the origin by g times its average pull
        radius = np.sqrt(sq)
        pull = gravity * (n - 1) * u
        quality += float(pull @ radius)
        grad += (pull / np.maximum(radius, 1e-300))[:, None] * x
    return quality, grad, distance_sum / (n * (n - 1))


def _vos_descend(links, x, attraction, repulsion, max_iterations, step, min_step, reduction, required):
    """VOSviewer's gradient descent with its step-size schedule, all nodes moved at once.

    Returns the coordinates and their quality.  Steps are in units of the current average
    distance, so that the schedule (1 down to 0.001) does not depend on the scale of the
    weights, which sets the scale of the optimal map.
    """
    rows, cols, w, u, g = links
    quality = math.inf
    improvements = 0
    for _ in range(max_iterations):
        if step < min_step:
            break
        new_quality, grad, mean_distance = _vos_objective(rows, cols, w, x, attraction, repulsion, u, True, g)
        length = np.linalg.norm(grad, axis=1)
        length[length == 0] = 1.0
        x = x - (step * mean_distance) * grad / length[:, None]
        # The step grows after `required` improvements in a row and shrinks at once when V gets worse.
        if new_quality < quality:
            improvements += 1
            if improvements >= required:
                step /= reduction
                improvements = 0
        else:
            step *= reduction
            improvements = 0
        quality = new_quality
    return x, _vos_objective(rows, cols, w, x, attraction, repulsion, u, False, g)[0]


def _vos_polish(links, x, attraction, repulsion, max_iterations):
    """Minimise the same quality function from ``x`` with L-BFGS (scipy) until it stops improving."""
    from scipy.optimize import minimize

    n = len(x)
    rows, cols, w, u, gravity = links

    def value_and_gradient(v):
        q, g, _ = _vos_objective(rows, cols, w, v.reshape(n, 2), attraction, repulsion, u, False, gravity)
        return q, g.ravel()

    result = minimize(
        value_and_gradient,
        x.ravel(),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iterations, "ftol": _POLISH_FTOL, "gtol": 1e-9},
    )
    return result.x.reshape(n, 2)


def _standardize(x: np.ndarray, centre: bool = True) -> np.ndarray:
    """Centre, rotate onto the principal axes (widest along x) and fix each axis' sign.

    ``centre=False`` keeps the origin (a pull to the centre makes it part of the optimum; rotations
    and reflections about it leave V unchanged).
    """
    if centre:
        x = x - x.mean(axis=0)
    if len(x) < 2:
        return x
    c = x - x.mean(axis=0)
    _, vecs = np.linalg.eigh(c.T @ c)
    x = x @ vecs[:, ::-1]  # eigh sorts ascending: the larger spread first
    skew = np.sum((x - x.mean(axis=0)) ** 3, axis=0)
    x = x * np.where(skew < 0, -1.0, 1.0)
    return x


def _component_layout(
    weights: sp.csr_matrix,
    nodes: np.ndarray,
    seed: int,
    iterations: int,
    method: str,
    starts: int | None = None,
    node_weights: np.ndarray | None = None,
) -> np.ndarray:
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    if method in ("vos", "vos_original"):
        if starts is None:
            starts = _default_starts(n)
        if method == "vos":
            u = None
            if node_weights is not None:
                u = node_weights[nodes]
                u = np.where(u > 0, u, u[u > 0].min() if np.any(u > 0) else 1.0)
            options = dict(
                attraction=1, repulsion=0, node_weights=u, gravity=_GRAVITY, max_iterations=_polish_budget(n)
            )
        else:
            options = dict(attraction=2, repulsion=1)
        xy = vos_layout(weights[nodes][:, nodes], seed=seed, starts=starts, **options)
        radius = np.abs(xy).max()
        return xy / radius if radius > 0 else xy
    import networkx as nx

    sub = sp.triu(weights[nodes][:, nodes], k=1).tocoo()
    mean = float(sub.data.mean()) if sub.nnz else 1.0
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(sub.row.tolist(), sub.col.tolist(), (sub.data / mean).tolist()))
    if method == "kamada_kawai":
        # Graph distances with scipy (C) rather than networkx's Python Dijkstra: 10x faster.
        from scipy.sparse.csgraph import shortest_path

        lengths = sp.csr_matrix((1.0 / np.sqrt(sub.data / mean), (sub.row, sub.col)), shape=(n, n))
        dist = shortest_path(lengths, directed=False)
        dist_dict = {i: dict(enumerate(row.tolist())) for i, row in enumerate(dist)}
        pos = nx.kamada_kawai_layout(g, dist=dist_dict)
    else:
        pos = nx.spring_layout(g, weight="weight", seed=seed, iterations=iterations, k=2.0 / math.sqrt(n))
    xy = np.array([pos[i] for i in range(n)], dtype=float)
    xy -= xy.mean(axis=0)
    radius = np.abs(xy).max()
    return xy / radius if radius > 0 else xy


def _polish_budget(n: int) -> int:
    """L-BFGS iterations of the default VOS layout: 1,000 up to 300 nodes, then ~1/n^2 (at least 100).

    The map's look settles long before the last digits of V (silhouette and spread unchanged from
    100 to 1,000 iterations on a 823-node real component), while each iteration costs O(n^2).
    """
    return 1000 if n <= 300 else max(100, int(1000 * (300 / n) ** 2))


@contextmanager
def _single_threaded_blas():
    """One BLAS thread: the O(n^2) products have 2 or 3 columns, memory-bound; threads multiply the CPU 8x."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _default_starts(n: int) -> int:
    """Random starts for a component of ``n`` nodes: 10 up to 200 nodes, then fewer (cost ~ n^2 per start)."""
    return int(min(10, max(2, round(10 * (200 / n) ** 2)))) if n > 200 else 10
