"""Co-occurrence matrices and normalisations against ../shared/reference/cooccurrence.json,
plus invariants and determinism of the whole recipe."""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.sparse as sp

import litkit
from litkit.network import cooccurrence_counts, incidence_matrix, link_strengths, normalize
from litkit.network._cooccurrence import network_from_documents, select_terms
from litkit.text import term_key

MEASURES = {  # reference key -> (normalization, counting)
    "association_strength_vosviewer_full": ("association", "full"),
    "association_strength_vosviewer_fractional": ("association", "fractional"),
    "association_strength_probabilistic": ("association_probabilistic", "full"),
    "cosine_salton": ("cosine", "full"),
    "jaccard": ("jaccard", "full"),
    "inclusion": ("inclusion", "full"),
    "equivalence": ("equivalence", "full"),
}


@pytest.fixture(scope="module")
def reference(shared_reference):
    return json.loads((shared_reference / "cooccurrence.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reference_network(reference):
    docs = [d["keywords"] for d in reference["documents"]]
    corpus = litkit.Corpus.from_records(
        [{"UT": d["id"], "DE": d["keywords"], "PY": 2020} for d in reference["documents"]]
    )
    net = litkit.cooccurrence(corpus, field="DE", min_occurrence=1, top_n=None, stoplist=None, thesaurus=None)
    # node keys are litkit.text.term_key of the keywords ("co-word analysis" is the node "coword analysis")
    order = [net.terms.index(term_key(k)) for k in reference["expected"]["keywords"]]
    return docs, net, np.asarray(order)


def _reordered(matrix, order):
    return sp.csr_matrix(matrix)[order][:, order].toarray()


def test_reference_counts_exact(reference, reference_network):
    _, net, order = reference_network
    exp = reference["expected"]
    assert sorted(net.terms) == sorted(map(term_key, exp["keywords"]))
    assert net.occurrences[order].tolist() == exp["occurrences"]
    full = _reordered(net.cooccurrence, order)
    assert full.dtype.kind == "i"
    assert full.tolist() == exp["cooccurrence_full"]
    s_full, m_full = link_strengths(net.cooccurrence)
    assert s_full[order].tolist() == exp["total_link_strength_full"]
    assert m_full == exp["total_link_weight_full_m"]
    kw = net.keywords.set_index("term").loc[[term_key(k) for k in exp["keywords"]]]
    assert kw["total_link_strength"].tolist() == exp["total_link_strength_full"]
    assert kw["occurrences"].tolist() == exp["occurrences"]


def test_reference_fractional(reference, reference_network):
    _, net, order = reference_network
    exp = reference["expected"]
    tol = reference["tolerance"]
    np.testing.assert_allclose(_reordered(net.fractional, order), exp["cooccurrence_fractional"], rtol=0, atol=tol)
    s, m = link_strengths(net.fractional)
    np.testing.assert_allclose(s[order], exp["total_link_strength_fractional"], rtol=0, atol=tol)
    assert abs(m - exp["total_link_weight_fractional_m"]) < tol


@pytest.mark.parametrize("key", sorted(MEASURES))
def test_reference_normalisations(reference, reference_network, key):
    _, net, order = reference_network
    method, counting = MEASURES[key]
    got = _reordered(net.normalized(method, counting=counting), order)
    np.testing.assert_allclose(got, reference["expected"][key], rtol=0, atol=reference["tolerance"])


def test_reference_pairs_exact(reference, reference_network):
    """Each linked pair's fractional count and association strength as exact rationals."""
    from fractions import Fraction

    _, net, _ = reference_network
    idx = {t: i for i, t in enumerate(net.terms)}
    as_full = net.normalized("association", counting="full")
    as_frac = net.normalized("association", counting="fractional")
    assert len(reference["pairs_exact"]) == net.cooccurrence.nnz // 2
    for pair in reference["pairs_exact"]:
        i, j = idx[term_key(pair["pair"][0])], idx[term_key(pair["pair"][1])]
        assert net.cooccurrence[i, j] == pair["full"]
        assert abs(net.fractional[i, j] - float(Fraction(pair["fractional"]))) < 1e-12
        assert abs(as_full[i, j] - float(Fraction(pair["association_strength_vosviewer_full"]))) < 1e-12
        assert abs(as_frac[i, j] - float(Fraction(pair["association_strength_vosviewer_fractional"]))) < 1e-12


def test_matrix_level_functions_match(reference):
    docs = [d["keywords"] for d in reference["documents"]]
    a, vocab = incidence_matrix(docs)
    assert a.max() == 1  # the repeated "citation analysis" in D3 counts once
    assert np.asarray(a.sum(axis=1)).ravel().tolist() == reference["expected"]["n_distinct_keywords_per_document"]
    full, frac = cooccurrence_counts(a)
    order = [vocab.index(k) for k in reference["expected"]["keywords"]]
    assert _reordered(full, order).tolist() == reference["expected"]["cooccurrence_full"]
    occ = np.asarray(a.sum(axis=0)).ravel()
    got = _reordered(normalize(full, occ, "jaccard"), order)
    np.testing.assert_allclose(got, reference["expected"]["jaccard"], atol=1e-9, rtol=0)


def test_incidence_matrix_equals_a_loop_over_the_documents():
    """incidence_matrix (factorize + COO) against the definition, on random documents with repeats."""
    rng = np.random.default_rng(5)
    for _ in range(50):
        words = [f"term {i}" for i in range(int(rng.integers(1, 30)))]
        docs = [list(rng.choice(words, size=int(rng.integers(0, 10)))) for _ in range(int(rng.integers(0, 25)))]
        a, vocab = incidence_matrix(docs)
        expected_vocab = list(dict.fromkeys(t for d in docs for t in d))
        assert vocab == expected_vocab
        expected = np.zeros((len(docs), len(vocab)), dtype=np.int8)
        for i, d in enumerate(docs):
            for t in d:
                expected[i, expected_vocab.index(t)] = 1
        assert a.dtype == np.int8 and a.has_sorted_indices
        np.testing.assert_array_equal(a.toarray(), expected)


# ---- invariants on a synthetic corpus ------------------------------------------------------------
def planted_corpus(n_docs=400, seed=7):
    """Records whose keywords come from one of three planted topics (plus a little noise)."""
    rng = np.random.default_rng(seed)
    topics = {
        "a": ["ecosystem services", "valuation", "wetland", "biodiversity", "land use", "gis"],
        "b": ["carbon neutrality", "carbon peak", "emissions trading", "carbon sink", "energy", "policy mix"],
        "c": ["citespace", "vosviewer", "co-word analysis", "science mapping", "bibliometrics", "h-index"],
    }
    noise = [f"noise term {i}" for i in range(30)]
    records = []
    for d in range(n_docs):
        topic = list(topics)[d % 3]
        kws = list(rng.choice(topics[topic], size=rng.integers(3, 6), replace=False))
        if rng.random() < 0.1:
            other = list(topics)[(d + 1) % 3]
            kws.append(str(rng.choice(topics[other])))
        if rng.random() < 0.3:
            kws.append(str(rng.choice(noise)))
        records.append({"UT": f"X:{d}", "DE": kws, "PY": 2010 + d % 12, "TI": f"A study of {kws[0]} and {kws[1]}"})
    truth = {kw: t for t, words in topics.items() for kw in words}
    return litkit.Corpus.from_records(records), truth


@pytest.fixture(scope="module")
def planted():
    return planted_corpus()


def test_symmetric_zero_diagonal(planted):
    corpus, _ = planted
    net = litkit.cooccurrence(corpus, min_occurrence=2, top_n=30, thesaurus=None)
    for m in (net.cooccurrence, net.fractional, net.weights):
        assert (abs(m - m.T) > 1e-12).nnz == 0
        assert np.all(m.diagonal() == 0)
    assert net.keywords["occurrences"].is_monotonic_decreasing
    assert len(net) == 30


def test_planted_clusters_recovered(planted):
    from sklearn.metrics import adjusted_rand_score

    corpus, truth = planted
    truth = {term_key(t): topic for t, topic in truth.items()}  # node keys: "ecosystem service", "h index"
    net = litkit.cooccurrence(corpus, min_occurrence=2, top_n=200, thesaurus=None)
    kw = net.keywords.set_index("term")
    planted_terms = [t for t in truth if t in kw.index]
    assert len(planted_terms) == len(truth)
    ari = adjusted_rand_score([truth[t] for t in planted_terms], kw.loc[planted_terms, "cluster"])
    assert ari >= 0.9
    assert net.modularity > 0.3
    assert -1 <= net.silhouette <= 1
    assert abs(net.clusters["q_contribution"].sum() - net.modularity) < 1e-9
    # Every planted topic's cluster is labelled with one of its own keywords (LLR).
    for topic in "abc":
        cluster = kw.loc[[t for t in planted_terms if truth[t] == topic], "cluster"].mode()[0]
        label = net.clusters.set_index("cluster").loc[cluster, "label"]
        assert truth.get(term_key(label)) == topic or label.startswith("study")


@pytest.mark.parametrize(
    "options",
    [
        {"clustering": "louvain"},
        {"clustering": "leidenalg"},
        {"clustering": "leidenalg", "objective": "cpm"},
        {"objective": "cpm", "resolution": 1.0},
        {"counting": "fractional", "label_method": "tfidf"},
        {"normalization": "cosine", "label_method": "mi"},
        {"rank_by": "total_link_strength", "normalization": None},
    ],
)
def test_options_run_and_recover(planted, options):
    from sklearn.metrics import adjusted_rand_score

    corpus, truth = planted
    truth = {term_key(t): topic for t, topic in truth.items()}
    net = litkit.cooccurrence(corpus, min_occurrence=2, top_n=200, thesaurus=None, **options)
    kw = net.keywords.set_index("term")
    ari = adjusted_rand_score([truth[t] for t in truth], kw.loc[list(truth), "cluster"])
    assert ari >= 0.9, options
    for key, value in options.items():
        assert net.params[key] == value


def test_selection_min_occurrence_then_top_n_deterministic_ties():
    occ = np.array([5, 3, 3, 3, 1, 2])
    keys = ["e", "c", "a", "b", "z", "y"]
    assert select_terms(occ, keys, min_occurrence=2, top_n=3).tolist() == [0, 2, 3]
    assert select_terms(occ, keys, min_occurrence=3, top_n=None).tolist() == [0, 2, 3, 1]
    tls = np.array([1, 9, 2, 2, 0, 0])
    assert select_terms(occ, keys, 2, 2, rank_by="total_link_strength", link_strength=tls).tolist() == [1, 2]


def test_fractional_uses_terms_of_whole_record():
    # "rare" is cut by min_occurrence, but record 0 still had 3 terms: each link weighs 1/2.
    docs = [["x", "y", "rare"], ["x", "y"]]
    net = network_from_documents(docs, min_occurrence=2, top_n=None, with_layout=False)
    i, j = net.terms.index("x"), net.terms.index("y")
    assert net.fractional[i, j] == pytest.approx(1.5)
    assert net.cooccurrence[i, j] == 2


def test_leiden_engines_agree_and_seed_matters_only_for_ties(planted):
    corpus, _ = planted
    a = litkit.cooccurrence(corpus, thesaurus=None, with_layout=False)
    b = litkit.cooccurrence(corpus, thesaurus=None, with_layout=False, clustering="leidenalg")
    assert abs(a.modularity - b.modularity) < 0.02
    again = litkit.cooccurrence(corpus, thesaurus=None, with_layout=False)
    assert a.keywords["cluster"].tolist() == again.keywords["cluster"].tolist()


def test_two_runs_byte_identical(tmp_path, planted):
    corpus, _ = planted
    outs = []
    for run in ("one", "two"):
        net = litkit.cooccurrence(corpus, min_occurrence=2, top_n=50)
        paths = net.export(tmp_path / run, figure=False, html=False)
        outs.append({name: p.read_bytes() for name, p in paths.items()})
    assert outs[0].keys() == outs[1].keys()
    for name in outs[0]:
        assert outs[0][name] == outs[1][name], name


def test_avg_year_and_repr(planted):
    corpus, _ = planted
    net = litkit.cooccurrence(corpus, min_occurrence=2, top_n=20)
    df = corpus.df
    term = net.keywords.loc[0, "term"]
    mask = [term in [k.lower() for k in kws] for kws in df["DE"]]
    assert net.keywords.loc[0, "avg_year"] == pytest.approx(round(float(df.loc[mask, "PY"].astype(float).mean()), 4))
    assert list(net.keywords.columns[:8]) == [
        "id",
        "keyword",
        "term",
        "occurrences",
        "links",
        "total_link_strength",
        "cluster",
        "avg_year",
    ]
    assert "<b>&lt;KeywordNetwork" in net._repr_html_()
