"""Deterministic 2-D coordinates for a term map.

A force-directed layout (Fruchterman–Reingold, networkx ``spring_layout``) on the
clustering weights, started from a seeded random position, so the same network
and seed always give the same coordinates.  Weights are divided by their mean so
that the layout does not depend on the scale of the normalisation.  Coordinates
are centred, scaled to the unit square ``[-1, 1]`` and rounded to 6 decimals
(floating-point noise in the last bits must not change a written table).
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["layout"]


def layout(weights: sp.spmatrix, seed: int = 42, iterations: int = 200) -> np.ndarray:
    """``(n, 2)`` array of x, y for the nodes of a symmetric weighted graph."""
    import networkx as nx

    n = weights.shape[0]
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    upper = sp.triu(weights, k=1).tocoo()
    mean = float(upper.data.mean()) if upper.nnz else 1.0
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(upper.row.tolist(), upper.col.tolist(), (upper.data / mean).tolist()))
    pos = nx.spring_layout(g, weight="weight", seed=seed, iterations=iterations, k=1.5 / np.sqrt(n))
    xy = np.array([pos[i] for i in range(n)], dtype=float)
    xy -= xy.mean(axis=0)
    scale = np.abs(xy).max()
    if scale > 0:
        xy /= scale
    return np.round(xy, 6) + 0.0  # + 0.0 turns -0.0 into 0.0
