"""The VOS mapping technique (litkit.network.layout): optimality, determinism, clusters apart on real exports."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics import silhouette_score

import litkit
from litkit.network.layout import LAYOUTS, layout, vos_layout, vos_quality

WOS = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
]
MERGED = WOS + ["cnki-refworks/CNKI.txt", "cnki-endnote/demo.txt", "scopus-csv/scopus_testing.csv.scopus"]


def _planted(n_per: int = 12, k: int = 3, seed: int = 0) -> tuple[sp.csr_matrix, np.ndarray]:
    """k dense groups joined by a few weak links (a connected graph)."""
    rng = np.random.default_rng(seed)
    n = n_per * k
    group = np.repeat(np.arange(k), n_per)
    same = group[:, None] == group[None, :]
    a = np.where(same, rng.random((n, n)) < 0.6, 0.0) * rng.uniform(1, 3, (n, n))
    a = np.triu(a, 1)
    for g in range(k):  # a chain of weak links between the groups
        a[g * n_per, ((g + 1) % k) * n_per] = 0.3
    a = a + a.T
    return sp.csr_matrix(a), group


def _normalised(w: sp.csr_matrix) -> sp.csr_matrix:
    n = w.shape[0]
    return w / (w.sum() / (n * (n - 1)))  # the scale vos_layout optimises at


def test_vos_quality_by_hand():
    w = sp.csr_matrix(np.array([[0, 2, 0], [2, 0, 1], [0, 1, 0]], dtype=float))
    xy = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 2.0]])
    d01, d12, d02 = 1.0, 2.0, np.hypot(1, 2)
    expected = (2 * d01**2 / 2 + 1 * d12**2 / 2) - (d01 + d12 + d02)
    assert vos_quality(w, xy) == pytest.approx(expected)
    # generalised exponents; 0 is the logarithm
    assert vos_quality(w, xy, attraction=1, repulsion=0) == pytest.approx(
        (2 * d01 + 1 * d12) - (np.log(d01) + np.log(d12) + np.log(d02))
    )


def test_vos_layout_is_a_local_minimum_and_scale_stationary():
    w, _ = _planted()
    s = _normalised(w)
    xy = vos_layout(w, seed=3, starts=3)
    q = vos_quality(s, xy)
    rng = np.random.default_rng(7)
    for _ in range(30):  # no small move of one node improves V
        moved = xy.copy()
        moved[rng.integers(len(xy))] += rng.normal(0, 1e-3, 2)
        assert vos_quality(s, moved) >= q - 1e-7 * abs(q)
    # at the optimum of V(c x) over the scale c: sum s d^2 = sum d (a = 2, r = 1)
    coo = sp.triu(s, k=1).tocoo()
    attraction = float(np.sum(coo.data * np.sum((xy[coo.row] - xy[coo.col]) ** 2, axis=1)))
    iu = np.triu_indices(len(xy), k=1)
    repulsion = float(np.linalg.norm(xy[:, None] - xy[None], axis=2)[iu].sum())
    assert attraction == pytest.approx(repulsion, rel=1e-2)  # L-BFGS stops at a relative change of V of 1e-6


def test_vos_layout_separates_planted_groups_and_is_seeded():
    w, group = _planted()
    xy = layout(w, seed=5)
    assert silhouette_score(xy, group) > 0.6
    assert np.array_equal(xy, layout(w, seed=5))
    assert np.abs(xy).max() == pytest.approx(1.0)
    # centred on the principal axes: the wider spread along x
    assert xy[:, 0].var() >= xy[:, 1].var()


def test_schedule_alone_reaches_about_the_same_quality():
    w, _ = _planted()
    s = _normalised(w)
    polished = vos_quality(s, vos_layout(w, seed=1, starts=2))
    schedule = vos_quality(s, vos_layout(w, seed=1, starts=2, polish=False))
    assert polished <= schedule + 1e-3 * abs(schedule)


def test_components_packed_and_old_layouts_kept():
    w, _ = _planted(n_per=8, k=2)
    two = sp.block_diag([w, w]).tocsr()
    xy = layout(two)
    assert np.isfinite(xy).all() and np.abs(xy).max() == pytest.approx(1.0)
    # the two copies do not overlap: their boxes are disjoint
    a, b = xy[: w.shape[0]], xy[w.shape[0] :]
    disjoint_x = a[:, 0].max() < b[:, 0].min() or b[:, 0].max() < a[:, 0].min()
    disjoint_y = a[:, 1].max() < b[:, 1].min() or b[:, 1].max() < a[:, 1].min()
    assert disjoint_x or disjoint_y
    assert LAYOUTS[0] == "vos"
    for method in ("kamada_kawai", "spring"):
        assert layout(w, method=method).shape == (w.shape[0], 2)
    with pytest.raises(ValueError):
        layout(w, method="fr")


def test_every_network_builder_defaults_to_vos(demo_dir):
    corpus = litkit.read(str(demo_dir / "wos" / "savedrecs.txt"))
    net = litkit.cooccurrence(corpus)
    assert net.params["layout"] == "vos"
    co = litkit.collaboration(corpus, unit="country")
    assert co.params["layout"] == "vos"


@pytest.fixture(scope="module")
def real_maps(shared_corpora):
    merged = litkit.merge(litkit.read([str(shared_corpora / f) for f in MERGED]))
    cnki = litkit.read(str(shared_corpora / "cnki-refworks/CNKI.txt"))
    assert len(merged) == 1597 and len(cnki) == 298
    return {"merged": litkit.cooccurrence(merged), "cnki": litkit.cooccurrence(cnki)}


def test_clusters_apart_in_map_coordinates_on_real_exports(real_maps):
    """Silhouette of the clusters in the map's own x, y (Kamada-Kawai: 0.194 merged, 0.017 CNKI).

    Measured with VOS: 0.42 merged, 0.085 CNKI.  The CNKI map's clusters (Q = 0.29) overlap in
    any VOS optimum found (sequential VOSviewer-style descent gives the same 0.08), so only the
    merged corpus reaches the issue's 0.4."""
    sil = {}
    for name, net in real_maps.items():
        xy = net.nodes[["x", "y"]].to_numpy()
        sil[name] = silhouette_score(xy, net.nodes["cluster"])
    assert sil["merged"] >= 0.4
    assert sil["cnki"] >= 0.05
