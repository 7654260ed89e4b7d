"""Betweenness against networkx (float and exact rational distances) and the sigma formula."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from helpers.cocitation import real_cocitation

from litkit.errors import LitkitError
from litkit.network.centrality import betweenness, sigma


def _random_network(rng, n: int, links: int, integer: bool) -> sp.csr_matrix:
    i = rng.integers(0, n, links)
    j = rng.integers(0, n, links)
    w = rng.integers(1, 12, links).astype(float) if integer else rng.random(links) + 0.05
    M = sp.triu(sp.coo_matrix((w, (i, j)), shape=(n, n)).tocsr(), 1)  # duplicates summed, loops dropped
    return (M + M.T).tocsr()


def _networkx(M: sp.csr_matrix, exact: bool, weighted: bool = True, normalized: bool = True) -> np.ndarray:
    n = M.shape[0]
    G = nx.empty_graph(n)
    upper = sp.triu(M, 1).tocoo()
    for a, b, w in zip(upper.row.tolist(), upper.col.tolist(), upper.data.tolist()):
        G.add_edge(a, b, distance=Fraction(1, int(w)) if exact else 1.0 / w)
    values = nx.betweenness_centrality(G, weight="distance" if weighted else None, normalized=normalized)
    return np.array([float(values[v]) for v in range(n)])


@pytest.mark.parametrize("backend", ["igraph", "networkx"])
def test_betweenness_equals_networkx_on_float_weights(backend):
    rng = np.random.default_rng(17)
    for case in range(8):
        n = int(rng.integers(3, 60))
        M = _random_network(rng, n, int(rng.integers(0, 3 * n)), integer=False)  # sparse: disconnected parts too
        for normalized in (True, False):
            got = betweenness(M, normalized=normalized, backend=backend)
            expected = _networkx(M, exact=False, normalized=normalized)
            np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12, err_msg=f"case {case}")


def test_igraph_betweenness_equals_exact_rational_networkx_on_integer_weights():
    """Integer counts make tied path lengths common; igraph counts every tie, as exact arithmetic does."""
    rng = np.random.default_rng(29)
    for case in range(6):
        M = _random_network(rng, 60, 300, integer=True)
        got = betweenness(M)
        np.testing.assert_allclose(got, _networkx(M, exact=True), rtol=1e-9, atol=1e-12, err_msg=f"case {case}")


def test_unweighted_betweenness_equals_networkx_hop_counts():
    rng = np.random.default_rng(31)
    for case in range(6):
        M = _random_network(rng, 50, 120, integer=True)
        for backend in ("igraph", "networkx"):
            got = betweenness(M, distance="unweighted", backend=backend)
            np.testing.assert_allclose(got, _networkx(M, exact=False, weighted=False), atol=1e-12, err_msg=str(case))


def test_betweenness_hand_worked():
    # Path 0-1-2-3: node 1 lies on (0,2), (0,3); node 2 on (0,3), (1,3).  Normalised by (n-1)(n-2)/2 = 3.
    P = np.zeros((4, 4))
    for a in range(3):
        P[a, a + 1] = P[a + 1, a] = 1
    np.testing.assert_allclose(betweenness(P, normalized=False), [0, 2, 2, 0])
    np.testing.assert_allclose(betweenness(P), [0, 2 / 3, 2 / 3, 0])
    # Square 0-1-2-3-0: two shortest paths between opposite corners, each middle node gets 1/2 per pair.
    S = np.zeros((4, 4))
    for a, b in [(0, 1), (1, 2), (2, 3), (3, 0)]:
        S[a, b] = S[b, a] = 1
    np.testing.assert_allclose(betweenness(S, normalized=False), [0.5, 0.5, 0.5, 0.5])
    # Isolated nodes count in n for the normalisation (as networkx): path 0-1-2 plus two isolated nodes.
    Q = np.zeros((5, 5))
    Q[0, 1] = Q[1, 0] = Q[1, 2] = Q[2, 1] = 1
    np.testing.assert_allclose(betweenness(Q), [0, 1 / 6, 0, 0, 0])


def test_betweenness_degenerate_inputs():
    assert betweenness(np.zeros((0, 0))).shape == (0,)
    np.testing.assert_array_equal(betweenness(np.zeros((1, 1))), [0.0])
    np.testing.assert_array_equal(betweenness(np.array([[0, 1.0], [1.0, 0]])), [0.0, 0.0])
    np.testing.assert_array_equal(betweenness(sp.csr_matrix((3, 3))), [0.0, 0.0, 0.0])


def test_sigma_formula():
    c = np.array([0.0, 0.1, 0.5, 0.2, 0.3])
    b = np.array([4.0, 3.0, 2.0, 0.0, np.nan])
    got = sigma(c, b)
    expected = np.array([1.0, 1.1**3, 1.5**2, 1.0, 1.0])
    np.testing.assert_allclose(got, expected, rtol=1e-15)
    assert sigma([], []).shape == (0,)
    # Monotone in both arguments where both are positive.
    assert sigma([0.2], [2.0])[0] > sigma([0.1], [2.0])[0]
    assert sigma([0.2], [3.0])[0] > sigma([0.2], [2.0])[0]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: betweenness(np.eye(2), distance="log"), "unknown distance 'log'"),
        (lambda: betweenness(np.eye(2), backend="graph-tool"), "unknown backend"),
        (lambda: betweenness(np.eye(2), normalized="yes"), "normalized must be True or False"),
        (lambda: betweenness([[0, 1], [0, 0]]), "symmetric"),
        (lambda: betweenness([[0, -1], [-1, 0]]), "non-negative"),
        (lambda: sigma([0.1, 0.2], [1.0]), "2 values but burst_strength has 1"),
        (lambda: sigma([-0.1], [1.0]), "centrality must be non-negative"),
        (lambda: sigma([0.1], [-1.0]), "burst_strength must be non-negative"),
        (lambda: sigma([np.nan], [1.0]), "centrality must be finite"),
        (lambda: sigma([0.1], [np.inf]), "burst_strength must be finite or NaN"),
        (lambda: sigma([[0.1]], [[1.0]]), "one-dimensional"),
        (lambda: sigma(["a"], [1.0]), "must be numbers"),
    ],
)
def test_bad_arguments_raise_one_line_litkit_errors(call, message):
    with pytest.raises(LitkitError, match=message) as info:
        call()
    assert "\n" not in str(info.value)


# ---- real exports ----------------------------------------------------------------------------

_REAL = ["wos-plaintext-environment/r-tos_savedrecs.txt", "wos-plaintext-metaknowledge/ManyAuthors.isi"]


@pytest.mark.shared
@pytest.mark.parametrize("name", _REAL)
def test_betweenness_on_real_cocitation_equals_exact_networkx(shared_corpora, name):
    M = real_cocitation(shared_corpora / name, top=70)
    assert M.nnz > 100  # a real network, not a trivial one
    np.testing.assert_allclose(betweenness(M), _networkx(M, exact=True), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(
        betweenness(M, distance="unweighted"), _networkx(M, exact=False, weighted=False), rtol=1e-9, atol=1e-12
    )
