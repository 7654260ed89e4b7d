"""Deterministic 2-D coordinates for a term map.

Each connected component is laid out on its own, with one of

``"kamada_kawai"`` (default)
    Kamada & Kawai (1989) stress layout: map distances approximate graph
    distances, where a link of weight ``a_ij`` has length ``1/sqrt(a_ij / mean a)``
    (strongly associated terms close).  Like VOSviewer's VOS mapping it places
    terms by (shortest-path) similarity, keeps clusters apart and spreads them
    over the page.  It involves no randomness (networkx starts from a circle).
    Cost grows with n², about 5 s for 200 terms.
``"spring"``
    Fruchterman–Reingold (networkx ``spring_layout``) started from a seeded
    random position; faster, but pushes weakly attached groups to the edge.

Weights are divided by their mean so that the layout does not depend on the
scale of the normalisation.  Components are then packed side
by side, largest first, each scaled by the square root of its size (a
component laid out with the others would be pushed to the edge and squeeze the
main component, as a single force layout does).  Coordinates are centred, scaled
to ``[-1, 1]`` along the longer side and rounded to 6 decimals (floating-point
noise in the last bits must not change a written table).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

__all__ = ["layout", "LAYOUTS"]


def _component_layout(weights: sp.csr_matrix, nodes: np.ndarray, seed: int, iterations: int, method: str) -> np.ndarray:
    import networkx as nx

    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
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


LAYOUTS = ("kamada_kawai", "spring")


def layout(weights: sp.spmatrix, seed: int = 42, iterations: int = 200, method: str = "kamada_kawai") -> np.ndarray:
    """``(n, 2)`` array of x, y for the nodes of a symmetric weighted graph."""
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
    for nodes in comps:
        half = math.sqrt(len(nodes) / largest)
        local = _component_layout(w, nodes, seed, iterations, method) * half
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
