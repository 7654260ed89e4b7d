"""Issue 22's last target -- CNKI clusters apart in map x/y (silhouette >= 0.4) -- measured, not gamed.

The default layout minimises the weighted LinLog energy ``V`` (litkit.network.layout); the clusters maximise
modularity on the same counts.  These tests pin the three facts the closing note of issue 22 rests on:

1. the default search (60 iterations of VOSviewer's schedule from each of 10 starts, L-BFGS from the best)
   ends within 2 % of the ``V`` that VOSviewer's own algorithm (nodes moved one after another; re-implemented
   below as a reference) reaches on the CNKI RefWorks map, and that algorithm's best layout does not put the
   clusters further apart than 0.4 either;
2. layouts of nearly the same ``V`` (within 1 % of the lowest of 30 starts) differ in silhouette by more than
   0.1, so the silhouette is not determined by the objective and choosing among them by silhouette would
   game the measure;
3. the CNKI clusters are weak: three of the six keep about half of their link weight inside or less, and two
   hub terms hold more than a quarter of all link weight, while every demo cluster keeps more than 80 %.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics import silhouette_score

import litkit
from litkit.network.layout import layout, vos_layout, vos_quality

GRAVITY = 0.1  # the default layout's pull to the centre (module text of litkit.network.layout)


def _default_options(net) -> dict:
    """vos_layout options of layout(method="vos") on a keyword map clustered by modularity on the counts."""
    strength = np.asarray(net.counting_weights.sum(axis=1)).ravel()
    return dict(attraction=1, repulsion=0, node_weights=strength, gravity=GRAVITY, max_iterations=1000)


def _scaled(net) -> tuple[sp.csr_matrix, np.ndarray]:
    """Similarities and node weights at the scale vos_layout optimises (weighted mean similarity 1)."""
    u = _default_options(net)["node_weights"]
    un = u / u.mean()
    coo = sp.triu(net.weights, k=1).tocoo()
    pairs = (un.sum() ** 2 - np.sum(un**2)) / 2
    return net.weights / (np.sum(coo.data * un[coo.row] * un[coo.col]) / pairs), un


def _node_by_node(s: sp.csr_matrix, u: np.ndarray, rng: np.random.Generator, max_sweeps: int = 1000) -> np.ndarray:
    """Reference: the gradient descent of van Eck & Waltman as VOSviewer runs it, on the weighted LinLog energy.

    Start uniform in [-1, 1]^2; the nodes, in one random order kept for the whole run, move one after
    another a distance ``step`` along their own normalised gradient (the others at their current place).
    ``V`` is summed during the sweep; the step grows by 1/0.75 after 5 sweeps in a row that lower it and
    shrinks by 0.75 after one that does not; stop below a step of 0.001 or after ``max_sweeps`` sweeps.
    """
    n = s.shape[0]
    s = sp.csr_matrix(s)
    x = rng.uniform(-1.0, 1.0, size=(n, 2))
    order = rng.permutation(n)
    pull = GRAVITY * (n - 1) * u
    step, value, improvements = 1.0, math.inf, 0
    for _ in range(max_sweeps):
        if step < 0.001:
            break
        previous, value = value, 0.0
        later = np.ones(n, dtype=bool)  # pairs are counted once, with the nodes not yet moved in this sweep
        for k in order:
            later[k] = False
            nb = s.indices[s.indptr[k] : s.indptr[k + 1]]
            w = u[k] * u[nb] * s.data[s.indptr[k] : s.indptr[k + 1]]  # every term of the pair carries u_k u_j
            diff = x[k] - x[nb]
            d = np.sqrt(np.sum(diff**2, axis=1))
            grad = (w / d) @ diff  # attraction u_k u_j s_kj d
            value += float(np.sum((w * d)[later[nb]]))
            diff_all = x[k] - x
            d2 = np.sum(diff_all**2, axis=1)
            d2[k] = 1.0
            grad -= (u[k] * u / d2) @ diff_all  # repulsion -u_k u_j log d
            value -= float(np.sum(u[k] * u[later] * 0.5 * np.log(d2[later])))
            radius = math.hypot(*x[k])
            value += pull[k] * radius
            grad += pull[k] * x[k] / radius
            x[k] -= step * grad / math.hypot(*grad)
        if value < previous:
            improvements += 1
            if improvements >= 5:
                step, improvements = step / 0.75, 0
        else:
            step, improvements = step * 0.75, 0
    return x


@pytest.fixture(scope="module")
def cnki(shared_corpora):
    net = litkit.cooccurrence(litkit.read(str(shared_corpora / "cnki-refworks/CNKI.txt")), with_layout=False)
    assert net.params["cluster_on"] == "counts" and len(net) == 89
    return net


def test_default_layout_is_what_these_tests_measure(cnki):
    """vos_layout with the options above is the default layout of the map (same coordinates once scaled)."""
    xy = vos_layout(cnki.weights, seed=42, starts=10, **_default_options(cnki))
    scaled = xy / np.abs(xy).max()
    scaled -= (scaled.max(axis=0) + scaled.min(axis=0)) / 2
    scaled /= np.abs(scaled).max()
    u = _default_options(cnki)["node_weights"]
    assert np.allclose(np.round(scaled, 6), layout(cnki.weights, seed=42, node_weights=u), atol=2e-6)


def test_default_search_is_close_to_vosviewers_and_neither_separates_the_cnki_clusters(cnki):
    """Measured: default V 2674.4 (silhouette 0.362); VOSviewer's algorithm, 3 starts: V 2645.3 / 2661.8 /
    2672.4 with silhouettes 0.285 / 0.445 / 0.384 -- the lowest V is the least separated (over 20 starts its
    median V is 2646-2650 and its best 2636.5, silhouette 0.38)."""
    s, un = _scaled(cnki)
    clusters = cnki.nodes["cluster"].to_numpy()
    ours = vos_layout(cnki.weights, seed=42, starts=10, **_default_options(cnki))
    v_ours = vos_quality(s, ours, 1, 0, un, GRAVITY)
    rng = np.random.default_rng(0)
    reference = [_node_by_node(s, un, rng) for _ in range(3)]
    values = [vos_quality(s, x, 1, 0, un, GRAVITY) for x in reference]
    best = reference[int(np.argmin(values))]
    assert v_ours <= min(values) + 0.02 * abs(min(values))
    assert silhouette_score(best, clusters) < 0.4
    assert silhouette_score(ours, clusters) < 0.4


def test_layouts_of_nearly_equal_energy_differ_in_silhouette(cnki):
    """30 single starts (each finished by L-BFGS): those within 1 % of the lowest V span silhouettes 0.27-0.40."""
    s, un = _scaled(cnki)
    clusters = cnki.nodes["cluster"].to_numpy()
    results = []
    for seed in range(30):
        xy = vos_layout(cnki.weights, seed=seed, starts=1, **_default_options(cnki))
        results.append((vos_quality(s, xy, 1, 0, un, GRAVITY), silhouette_score(xy, clusters)))
    values, silhouettes = np.array(results).T
    near = values <= values.min() + 0.01 * abs(values.min())
    assert near.sum() >= 3
    assert np.ptp(silhouettes[near]) > 0.1
    assert silhouettes[np.argmin(values)] < 0.4  # the lowest V of the 30 starts: 0.358


def _inside_share(net) -> np.ndarray:
    """Per cluster (in cluster order): the share of its terms' link strength on links inside the cluster."""
    counts = sp.csr_matrix(net.counting_weights, dtype=float).toarray()
    clusters = net.nodes["cluster"].to_numpy()
    return np.array(
        [counts[np.ix_(clusters == c, clusters == c)].sum() / counts[clusters == c].sum() for c in np.unique(clusters)]
    )


def test_cnki_clusters_are_weak_and_hang_on_two_hubs(cnki, demo_dir):
    """CNKI: 0.67 / 0.50 / 0.48 / 0.46 / 0.93 / 0.67 of each cluster's link weight inside; 用户体验 and 虚拟现实
    hold 16.8 % and 11.7 % of all link weight.  Demo WoS map (silhouette 0.83): 0.83-0.88 inside."""
    share = _inside_share(cnki)
    assert share == pytest.approx([0.6695, 0.5041, 0.4837, 0.4615, 0.9310, 0.6667], abs=1e-4)
    strength = np.asarray(cnki.counting_weights.sum(axis=1)).ravel()
    top = np.argsort(-strength)[:2]
    assert {cnki.labels[i] for i in top} == {"用户体验", "虚拟现实"}
    assert strength[top].sum() / strength.sum() > 0.25
    demo = litkit.cooccurrence(
        litkit.read(sorted(str(p) for p in (demo_dir / "wos").glob("*.txt"))),
        field="DE",
        min_occurrence=2,
        thesaurus=str(demo_dir / "thesaurus.txt"),
        with_layout=False,
    )
    assert _inside_share(demo).min() > 0.8


def test_layout_pairs_with_the_clustering_on_the_same_counts(cnki):
    """The layout's pair weights u_i u_j s_ij are the counts the modularity clusters were computed on, up to
    one constant: no link pruned, no component dropped, the same counting (the Noack 2009 pairing)."""
    counts = sp.csr_matrix(cnki.counting_weights, dtype=float)
    u = _default_options(cnki)["node_weights"]
    paired = sp.csr_matrix(sp.diags(u.astype(float)) @ cnki.weights @ sp.diags(u.astype(float)))
    assert (paired != 0).nnz == (counts != 0).nnz == ((paired != 0).multiply(counts != 0)).nnz
    ratio = paired[counts.nonzero()].A1 / counts[counts.nonzero()].A1
    assert np.allclose(ratio, ratio[0], rtol=1e-12)
    assert np.array_equal(u, np.asarray(counts.sum(axis=1)).ravel())
    assert cnki.modularity == pytest.approx(0.305, abs=5e-4)  # modularity of the clusters on these counts


def test_vosviewers_keyword_map_default_separates_the_cnki_clusters_less(cnki):
    """VOSviewer's default for keyword maps (attraction 2, repulsion 0, unweighted; manual 1.6.18) on the
    same association strengths and clusters: silhouette 0.050 in map x/y, against 0.362 for the default."""
    clusters = cnki.nodes["cluster"].to_numpy()
    vosviewer = vos_layout(cnki.weights, seed=42, starts=10, attraction=2, repulsion=0)
    ours = layout(cnki.weights, seed=42, node_weights=_default_options(cnki)["node_weights"])
    assert silhouette_score(vosviewer, clusters) < 0.1
    assert silhouette_score(ours, clusters) == pytest.approx(0.362, abs=1e-3)
