"""MST and Pathfinder pruning against brute-force implementations on many small random graphs."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from helpers.cocitation import real_cocitation

from litkit.errors import LitkitError
from litkit.network.pruning import check_similarities, minimum_spanning_tree, pathfinder, prune

# ---- brute force ---------------------------------------------------------------------------


def _links(W: np.ndarray) -> dict[tuple[int, int], float]:
    n = W.shape[0]
    return {(a, b): float(W[a, b]) for a in range(n) for b in range(a + 1, n) if W[a, b] > 0}


def _kruskal(W: np.ndarray) -> set[tuple[int, int]]:
    """Kruskal by hand: links by weight desc, then (i, j) asc; union-find."""
    n = W.shape[0]
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    kept = set()
    for (a, b), _ in sorted(_links(W).items(), key=lambda item: (-item[1], item[0])):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            kept.add((a, b))
    return kept


def _simple_paths(adj: dict[int, list[int]], source: int, target: int, max_links: int):
    """Every simple path source → target with at most max_links links (DFS)."""
    stack = [(source, [source])]
    while stack:
        node, path = stack.pop()
        if node == target:
            yield path
            continue
        if len(path) - 1 >= max_links:
            continue
        for nxt in adj[node]:
            if nxt not in path:
                stack.append((nxt, path + [nxt]))


def _pfnet_brute(W: np.ndarray, q: int | None = None, r: float = math.inf) -> set[tuple[int, int]]:
    """PFNET by enumerating all simple paths; distance = 1/w; ties kept."""
    n = W.shape[0]
    q = n - 1 if q is None else q
    links = _links(W)
    adj = {v: [] for v in range(n)}
    for a, b in links:
        adj[a].append(b)
        adj[b].append(a)
    kept = set()
    for (a, b), w in links.items():
        d = 1.0 / w
        beaten = False
        for path in _simple_paths(adj, a, b, q):
            ds = [1.0 / W[u, v] for u, v in zip(path, path[1:])]
            if math.isinf(r):
                # Compare in similarity space, as 1/w is decreasing (the max distance is 1/min w).
                if min(W[u, v] for u, v in zip(path, path[1:])) > w:
                    beaten = True
            elif sum(x**r for x in ds) < d**r:
                beaten = True
            if beaten:
                break
        if not beaten:
            kept.add((a, b))
    return kept


def _random_graph(rng, n: int, density: float, levels: int | None) -> np.ndarray:
    """Symmetric similarities; with `levels`, integer weights 1..levels (many ties)."""
    W = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            if rng.random() < density:
                W[a, b] = W[b, a] = rng.integers(1, levels + 1) if levels else rng.random() + 0.01
    return W


def _pairs(M: sp.csr_matrix) -> set[tuple[int, int]]:
    upper = sp.triu(M, k=1).tocoo()
    return {(int(a), int(b)) for a, b in zip(upper.row, upper.col)}


def _cases(count: int, seed: int, max_n: int = 8):
    rng = np.random.default_rng(seed)
    for case in range(count):
        n = int(rng.integers(1, max_n + 1))
        density = [0.2, 0.5, 0.9][case % 3]
        levels = [None, 2, 3, 1][case % 4]  # levels=1: every weight ties
        yield case, _random_graph(rng, n, density, levels)


# ---- minimum spanning tree -------------------------------------------------------------------


def test_mst_equals_kruskal_by_hand_on_random_graphs():
    for case, W in _cases(300, seed=17):
        got = minimum_spanning_tree(W)
        assert _pairs(got) == _kruskal(W), case
        # Weights carried over, symmetric, forest size n - components.
        assert np.array_equal(got.toarray(), got.toarray().T)
        for a, b in _pairs(got):
            assert got[a, b] == W[a, b]
        components = nx.number_connected_components(nx.from_numpy_array(W))
        assert len(_pairs(got)) == W.shape[0] - components, case


def test_mst_total_weight_is_maximal_as_networkx():
    for case, W in _cases(100, seed=5, max_n=10):
        got = minimum_spanning_tree(W).sum() / 2
        G = nx.from_numpy_array(W)
        expected = sum(d["weight"] for *_, d in nx.maximum_spanning_edges(G, data=True))
        assert got == pytest.approx(expected), case


def test_mst_ties_follow_index_order_and_input_type():
    W = np.ones((4, 4)) - np.eye(4)  # complete graph, all weights 1: the star at node 0
    assert _pairs(minimum_spanning_tree(W)) == {(0, 1), (0, 2), (0, 3)}
    for form in (sp.csr_matrix(W), sp.coo_matrix(W), sp.csr_array(W), W.tolist()):
        assert _pairs(minimum_spanning_tree(form)) == {(0, 1), (0, 2), (0, 3)}


def test_mst_disconnected_and_degenerate():
    W = np.zeros((5, 5))
    W[0, 1] = W[1, 0] = 2
    W[3, 4] = W[4, 3] = 1
    assert _pairs(minimum_spanning_tree(W)) == {(0, 1), (3, 4)}
    assert minimum_spanning_tree(np.zeros((0, 0))).shape == (0, 0)
    assert minimum_spanning_tree(np.zeros((3, 3))).nnz == 0
    # Diagonal and stored zeros are ignored.
    D = sp.csr_matrix(([5.0, 0.0, 0.0], ([0, 0, 1], [0, 1, 0])), shape=(2, 2))
    assert minimum_spanning_tree(D).nnz == 0


# ---- pathfinder ----------------------------------------------------------------------------


def test_pathfinder_inf_equals_brute_force_on_random_graphs():
    for case, W in _cases(300, seed=23):
        got = _pairs(pathfinder(W))
        assert got == _pfnet_brute(W), case
        # PFNET(inf, n-1) contains every MST (ties kept): at least the one we build.
        assert _kruskal(W) <= got, case


def test_pathfinder_inf_equals_union_of_all_msts():
    """A link is in some maximum spanning tree iff it is in PFNET(inf, n-1)."""
    rng = np.random.default_rng(3)
    for case in range(60):
        W = _random_graph(rng, int(rng.integers(2, 7)), 0.7, levels=2)
        G = nx.from_numpy_array(W)
        union = set()
        edges = list(G.edges())
        forest_size = len(_kruskal(W))
        best = sum(W[a, b] for a, b in _kruskal(W))
        for subset in itertools.combinations(edges, forest_size):
            H = nx.empty_graph(W.shape[0])
            H.add_edges_from(subset)
            if nx.is_forest(H) and sum(W[a, b] for a, b in subset) == best:
                union |= {tuple(sorted(e)) for e in subset}
        assert _pairs(pathfinder(W)) == union, case


def test_pathfinder_small_q_equals_brute_force():
    for case, W in _cases(200, seed=31, max_n=7):
        n = W.shape[0]
        for q in range(1, max(n, 2)):
            assert _pairs(pathfinder(W, q=q)) == _pfnet_brute(W, q=q), (case, q)


def test_pathfinder_finite_r_equals_brute_force():
    # Dyadic weights make 1/w exact, so sums tie exactly when they tie in real arithmetic.
    rng = np.random.default_rng(41)
    for case in range(150):
        n = int(rng.integers(2, 8))
        W = _random_graph(rng, n, 0.6, levels=4)
        W = np.where(W > 0, 2.0 ** (W - 1), 0.0)
        for r in (1, 2, 3.5):
            assert _pairs(pathfinder(W, r=r)) == _pfnet_brute(W, r=r), (case, r)
            for q in (1, 2):
                assert _pairs(pathfinder(W, q=q, r=r)) == _pfnet_brute(W, q=q, r=r), (case, r, q)


def test_pathfinder_q_at_least_n_minus_1_is_the_default():
    for case, W in _cases(60, seed=43):
        n = W.shape[0]
        default = _pairs(pathfinder(W))
        assert _pairs(pathfinder(W, q=max(n - 1, 1))) == default, case
        assert _pairs(pathfinder(W, q=n + 5)) == default, case
        if n >= 3:  # the dense (max, min) route with q = n - 2 can only keep more links
            assert default <= _pairs(pathfinder(W, q=n - 2)), case


def test_pathfinder_hand_worked_ties():
    # Square 0-1-2-3-0 with equal links plus a weaker diagonal 0-2: all four sides tie, the
    # diagonal is beaten by 0-1-2 (max distance 1 < 2).
    W = np.zeros((4, 4))
    for a, b in [(0, 1), (1, 2), (2, 3), (3, 0)]:
        W[a, b] = W[b, a] = 1.0
    W[0, 2] = W[2, 0] = 0.5
    assert _pairs(pathfinder(W)) == {(0, 1), (1, 2), (2, 3), (0, 3)}
    assert len(_pairs(minimum_spanning_tree(W))) == 3
    # With the diagonal as strong as the sides it ties every path and stays.
    W[0, 2] = W[2, 0] = 1.0
    assert _pairs(pathfinder(W)) == {(0, 1), (1, 2), (2, 3), (0, 3), (0, 2)}


def test_pathfinder_weights_kept_and_large_graph_agrees_with_dense_route():
    rng = np.random.default_rng(7)
    n = 60
    W = _random_graph(rng, n, 0.3, levels=5)
    fast = pathfinder(W)
    dense = pathfinder(W, q=n - 2)  # (max, min) powers; q = n-2 differs from n-1 only on paths of n-1 links
    assert _pairs(fast) <= _pairs(dense)
    rows, cols = fast.nonzero()
    assert np.array_equal(np.asarray(fast[rows, cols]).ravel(), W[rows, cols])
    # Exact (max, min) closure via Floyd–Warshall on the bottleneck algebra.
    B = W.copy()
    np.fill_diagonal(B, np.inf)
    for k in range(n):
        B = np.maximum(B, np.minimum(B[:, [k]], B[[k], :]))
    expected = {(a, b) for a, b in zip(*np.triu(W, 1).nonzero()) if W[a, b] >= B[a, b]}
    assert _pairs(fast) == {(int(a), int(b)) for a, b in expected}


def test_pathfinder_scales_to_thousands_of_nodes():
    rng = np.random.default_rng(11)
    n, m = 3000, 60_000
    i = rng.integers(0, n, m)
    j = rng.integers(0, n, m)
    w = rng.integers(1, 20, m).astype(float)
    M = sp.coo_matrix((w, (i, j)), shape=(n, n)).tocsr()
    M = sp.triu(M, 1)
    M = (M + M.T).tocsr()
    kept = pathfinder(M)
    tree = minimum_spanning_tree(M)
    assert set(zip(*sp.triu(tree).nonzero())) <= set(zip(*sp.triu(kept).nonzero()))


# ---- prune and validation --------------------------------------------------------------------


def test_prune_dispatches():
    for case, W in _cases(30, seed=2):
        assert _pairs(prune(W, None)) == set(_links(W)), case
        assert _pairs(prune(W, "mst")) == _pairs(minimum_spanning_tree(W)), case
        assert _pairs(prune(W, "pathfinder")) == _pairs(pathfinder(W)), case


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: prune(np.eye(2), "tree"), "unknown pruning method 'tree'"),
        (lambda: minimum_spanning_tree(np.ones((2, 3))), "square matrix"),
        (lambda: minimum_spanning_tree(np.ones(3)), "square matrix"),
        (lambda: minimum_spanning_tree([[0, 1], [2, 0]]), "symmetric"),
        (lambda: pathfinder([[0, -1], [-1, 0]]), "non-negative"),
        (lambda: pathfinder([[0, np.nan], [np.nan, 0]]), "finite"),
        (lambda: pathfinder([["a", "b"], ["c", "d"]]), "numeric"),
        (lambda: pathfinder(np.zeros((3, 3)), q=0), "q must be a positive integer"),
        (lambda: pathfinder(np.zeros((3, 3)), q=1.5), "q must be a positive integer"),
        (lambda: pathfinder(np.zeros((3, 3)), r=0.5), "r must be a number >= 1"),
        (lambda: pathfinder(np.zeros((3, 3)), r=float("nan")), "r must be a number >= 1"),
    ],
)
def test_bad_arguments_raise_one_line_litkit_errors(call, message):
    with pytest.raises(LitkitError, match=message) as info:
        call()
    assert "\n" not in str(info.value)


def test_check_similarities_symmetrises_within_tolerance():
    W = np.array([[0, 1.0], [1.0 + 1e-15, 0]])
    M = check_similarities(W)
    assert M[0, 1] == M[1, 0] == 1.0


# ---- real exports ----------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize(
    "name", ["wos-plaintext-environment/r-tos_savedrecs.txt", "scopus-csv/scopus_testing.csv.scopus"]
)
def test_pruning_on_real_cocitation_equals_brute_force(shared_corpora, name):
    M = real_cocitation(shared_corpora / name, top=120)
    W = M.toarray()
    assert M.nnz > 200
    tree = minimum_spanning_tree(M)
    assert _pairs(tree) == _kruskal(W)
    kept = _pairs(pathfinder(M))
    # Floyd–Warshall in the (max, min) algebra: the best bottleneck similarity between every pair.
    B = W.copy()
    np.fill_diagonal(B, np.inf)
    for k in range(W.shape[0]):
        B = np.maximum(B, np.minimum(B[:, [k]], B[[k], :]))
    assert kept == {(int(a), int(b)) for a, b in zip(*np.triu(W, 1).nonzero()) if W[a, b] >= B[a, b]}
    assert _pairs(tree) <= kept < set(_links(W))
