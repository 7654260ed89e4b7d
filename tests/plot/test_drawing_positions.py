"""Where maps draw their nodes (litkit.plot.network.drawing_positions): the largest component at its
layout coordinates, the small ones packed beside it, never on top of each other."""

import itertools

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from litkit.plot.network import drawing_positions


def _coauthorship_like(seed=0):
    """One component of 20 nodes, 10 pairs, 3 triangles and 50 single nodes, scattered far apart."""
    rng = np.random.default_rng(seed)
    n = 20 + 20 + 9 + 50
    rows, cols = [], []
    main = list(range(20))
    for a, b in itertools.combinations(main, 2):
        if rng.random() < 0.3 or b == a + 1:
            rows.append(a)
            cols.append(b)
    for k in range(10):
        rows.append(20 + 2 * k)
        cols.append(21 + 2 * k)
    for k in range(3):
        a = 40 + 3 * k
        rows += [a, a, a + 1]
        cols += [a + 1, a + 2, a + 2]
    w = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    w = w + w.T
    xy = rng.normal(size=(n, 2))
    xy[20:] *= 40  # the layout leaves the small parts anywhere
    return xy, w


def _boxes(points, membership):
    return {c: (points[membership == c].min(axis=0), points[membership == c].max(axis=0)) for c in set(membership)}


def test_many_small_components_fill_a_map_of_the_figure_shape():
    xy, w = _coauthorship_like()
    _, membership = connected_components(w, directed=False)
    main = membership == np.bincount(membership).argmax()
    for aspect in (7.2 / 6.4, 1.6):
        pos = drawing_positions(xy, w, aspect=aspect)
        assert np.array_equal(pos[main], xy[main])  # the largest component is not moved
        width, height = np.ptp(pos, axis=0)
        assert 1 / 1.6 < width / height / aspect < 1.6, (aspect, width, height)
        extent = np.ptp(xy[main], axis=0).max()
        assert max(width, height * aspect) < 4 * extent  # compact: raw coordinates span ~100x
        # No component's box overlaps another's, and nodes of different components stand apart.
        boxes = list(_boxes(pos, membership).values())
        for (lo1, hi1), (lo2, hi2) in itertools.combinations(boxes, 2):
            assert (hi1 < lo2).any() or (hi2 < lo1).any()
        far = np.inf
        for i, j in itertools.combinations(range(len(pos)), 2):
            if membership[i] != membership[j]:
                far = min(far, float(np.linalg.norm(pos[i] - pos[j])))
        assert far >= 0.08 * extent - 1e-12


def test_shapes_of_small_components_are_kept():
    xy, w = _coauthorship_like(seed=1)
    pos = drawing_positions(xy, w)
    _, membership = connected_components(w, directed=False)
    for c in set(membership):
        nodes = np.flatnonzero(membership == c)
        if len(nodes) < 3:
            continue
        before = xy[nodes] - xy[nodes].mean(axis=0)
        after = pos[nodes] - pos[nodes].mean(axis=0)
        scale = np.linalg.norm(after) / np.linalg.norm(before)
        assert np.allclose(after, before * scale)  # moved and scaled, not bent


def test_one_component_and_no_links():
    xy = np.array([[0.0, 0.0], [2.0, 1.0], [5.0, 5.0]])
    full = sp.csr_matrix(np.ones((3, 3)) - np.eye(3))
    assert np.array_equal(drawing_positions(xy, full), xy)
    pos = drawing_positions(xy, None)
    assert pos.shape == (3, 2) and len({tuple(p) for p in pos}) == 3
