"""Planted keyword clusters of the demo corpus (corpora/demo/truth.json) are recovered,
and real exports from ../shared/corpora give non-trivial networks with Chinese labels intact."""

from __future__ import annotations

import json

import pytest

import litkit
from litkit.text import term_key

ARI_MIN = 0.9


def _ari(net, clusters: dict[str, list[str]]):
    from sklearn.metrics import adjusted_rand_score

    # node keys are litkit.text.term_key of the keywords (plurals merged: "ecosystem services" -> "ecosystem service")
    truth = {term_key(kw): name for name, kws in clusters.items() for kw in kws}
    kw = net.keywords.set_index("term")
    missing = [k for k in truth if k not in kw.index]
    assert not missing, f"planted keywords not in the network: {missing}"
    return adjusted_rand_score([truth[k] for k in truth], kw.loc[list(truth), "cluster"])


@pytest.fixture(scope="module")
def truth(demo_dir):
    path = demo_dir / "truth.json"
    if not path.exists():
        pytest.skip("corpora/demo/truth.json is not there yet")
    return json.loads(path.read_text(encoding="utf-8"))


_CORPORA: dict = {}


def _read(demo_dir, truth, database):
    files = [demo_dir / f for f, info in truth["files"].items() if info["database"] in database]
    if database not in _CORPORA:  # reading is the slow part; the tests only read the corpus
        _CORPORA[database] = litkit.read(files)
    corpus = _CORPORA[database]
    expected = sum(info["records"] for info in truth["files"].values() if info["database"] in database)
    if len(corpus) != expected:
        pytest.skip(f"the readers for {database} do not read the demo files completely yet")
    return corpus


def _recipe(truth, **kw):
    kw.setdefault("with_layout", False)  # the map's coordinates are not what these tests check
    return dict(
        field="DE",
        min_occurrence=2,
        top_n=200,
        thesaurus=dict(truth["thesaurus"]),
        stoplist=["default", *truth["stopwords"]],
        **kw,
    )


@pytest.mark.parametrize("options", [{}, {"clustering": "louvain"}, {"objective": "cpm"}, {"counting": "fractional"}])
def test_demo_english_clusters(demo_dir, truth, options):
    corpus = _read(demo_dir, truth, ("WoS", "Scopus"))
    net = litkit.cooccurrence(corpus, **_recipe(truth, **options))
    assert _ari(net, truth["keyword_clusters"]) >= ARI_MIN
    assert net.modularity > 0.4


def test_demo_chinese_clusters(demo_dir, truth):
    corpus = _read(demo_dir, truth, ("CNKI",))
    net = litkit.cooccurrence(corpus, **_recipe(truth))
    assert _ari(net, truth["keyword_clusters_zh"]) >= ARI_MIN
    labels = set(net.clusters["label"])
    # Every Chinese cluster is labelled with one of its own planted keywords.
    for name, kws in truth["keyword_clusters_zh"].items():
        cluster = net.keywords.set_index("term").loc[kws[0], "cluster"]
        assert net.clusters.set_index("cluster").loc[cluster, "label"].lower() in kws, name
    assert labels


def test_demo_generic_and_stop_words_removed(demo_dir, truth):
    corpus = _read(demo_dir, truth, ("CNKI", "WoS", "Scopus"))
    net = litkit.cooccurrence(corpus, **_recipe(truth))
    assert not {term_key(s) for s in truth["stopwords"]} & set(net.terms)


def test_demo_zh_en_aliases_merge(demo_dir, truth):
    corpus = _read(demo_dir, truth, ("CNKI", "WoS", "Scopus"))
    aliases = {zh: en for zh, en in truth["keyword_aliases_zh_en"]}
    net = litkit.cooccurrence(corpus, **_recipe(truth, aliases=aliases))
    assert "生态产品" not in net.terms and term_key("ecological products") in net.terms
    alone = litkit.cooccurrence(corpus, **_recipe(truth))
    kw_merged = net.keywords.set_index("term")
    kw_alone = alone.keywords.set_index("term")
    key = term_key("ecological products")
    assert kw_merged.loc[key, "occurrences"] == (
        kw_alone.loc[key, "occurrences"] + kw_alone.loc["生态产品", "occurrences"]
    )
    assert _ari(net, truth["keyword_clusters"]) >= ARI_MIN


def test_demo_two_runs_byte_identical(demo_dir, truth, tmp_path):
    corpus = _read(demo_dir, truth, ("CNKI",))
    contents = []
    for run in ("a", "b"):
        net = litkit.cooccurrence(corpus, **_recipe(truth, with_layout=True))
        paths = net.export(tmp_path / run, figure=False, html=False)
        contents.append({n: p.read_bytes() for n, p in paths.items()})
    assert contents[0] == contents[1]


# ---- real exports ------------------------------------------------------------------------------
def _read_shared(shared_corpora, rel, fmt):
    path = shared_corpora / rel
    from litkit.io import readers

    if fmt not in {s.name for s in readers()}:
        pytest.skip(f"reader {fmt} does not exist yet")
    return litkit.read(path)


def test_real_cnki_network(shared_corpora, expected_counts):
    corpus = _read_shared(shared_corpora, "cnki-refworks/CNKI.txt", "cnki_refworks")
    assert len(corpus) == expected_counts["cnki-refworks/CNKI.txt"]
    net = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=200, with_layout=False)
    assert len(net) >= 20 and net.cooccurrence.nnz // 2 >= 20
    assert len(net.clusters) >= 2
    chinese = [k for k in net.labels if any("\u4e00" <= ch <= "\u9fff" for ch in k)]
    assert len(chinese) >= 0.8 * len(net)  # labels stay Chinese, not mojibake or transliterated
    # The labels are exactly keywords as the export wrote them (after NFKC and dash unification).
    raw = {k for kws in corpus.df["DE"] for k in kws}
    assert all(litkit.text.surface_form(k) in {litkit.text.surface_form(r) for r in raw} for k in chinese)


def test_real_cnki_title_terms_keep_domain_words(shared_corpora):
    corpus = _read_shared(shared_corpora, "cnki-refworks/CNKI.txt", "cnki_refworks")
    net = litkit.cooccurrence(corpus, field="TI", min_occurrence=3, top_n=100, with_layout=False)
    assert len(net) >= 10
    assert all(len(t) >= 2 for t in net.terms)


def test_real_wos_network(shared_corpora):
    corpus = _read_shared(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt", "wos_plain")
    assert len(corpus) == 500
    # Abstract terms of a one-topic export are densely linked, so their Q is lower than keywords'.
    for field, q_min in (("DE", 0.1), ("ID", 0.1), ("TIAB", 0.02)):
        net = litkit.cooccurrence(corpus, field=field, min_occurrence=2, top_n=200, with_layout=False)
        assert len(net) == 200, field
        assert len(net.clusters) >= 3 and net.modularity > q_min, field
        assert net.keywords["avg_year"].between(1990, 2030).all()
