"""Bibliographic coupling against brute-force counts over ``corpus.references`` (Python sets) on every
real export that carries cited references, for documents and aggregated units, full and fractional."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations

import numpy as np
import pytest

import litkit
from litkit.errors import LitkitError
from litkit.network._citing import fold, source_key

_CACHE: dict = {}


def _read(shared_corpora, rel):
    if rel not in _CACHE:
        try:
            _CACHE[rel] = litkit.read(shared_corpora / rel)
        except LitkitError:
            _CACHE[rel] = None
    return _CACHE[rel]


def _with_references(shared_corpora):
    names = list(json.loads((shared_corpora / "expected_counts.json").read_text(encoding="utf-8")))
    out = []
    for rel in names:
        corpus = _read(shared_corpora, rel)
        if corpus is not None and len(corpus.references) and (corpus.references["key"] != "").any():
            out.append((rel, corpus))
    assert len(out) >= 8
    return out


def _cited_sets(corpus) -> list[set]:
    sets = [set() for _ in range(len(corpus))]
    for record, key in zip(corpus.references["record"], corpus.references["key"]):
        if key:
            sets[int(record)].add(key)
    return sets


def _pairs(net, column="count"):
    links = net.links()
    keys = net.nodes["key"].tolist()
    return {
        tuple(sorted((keys[s - 1], keys[t - 1]))): v
        for s, t, v in zip(links["source_id"], links["target_id"], links[column])
    }


@pytest.mark.shared
def test_document_coupling_equals_shared_references_on_every_export(shared_corpora):
    for rel, corpus in _with_references(shared_corpora):
        sets = _cited_sets(corpus)
        tc = [0 if v is None or v != v else int(v) for v in corpus.df["TC"].astype("float")]
        ut = corpus.df["UT"].tolist()
        citing = [i for i in range(len(sets)) if sets[i]]
        chosen = sorted(citing, key=lambda i: (-tc[i], ut[i]))[:120]
        net = litkit.coupling(corpus, top_n=120, with_layout=False)
        assert net.nodes["key"].tolist() == [ut[i] for i in chosen], rel
        assert net.nodes["references"].tolist() == [len(sets[i]) for i in chosen], rel
        expected = {}
        for i, j in combinations(chosen, 2):
            shared = len(sets[i] & sets[j])
            if shared:
                expected[tuple(sorted((ut[i], ut[j])))] = shared
        assert _pairs(net) == expected, rel
        # Fractional: a reference cited by n_r documents of the corpus adds 1/(n_r - 1) to each pair.
        n_r = Counter(k for s in sets for k in s)
        frac = litkit.coupling(corpus, top_n=120, counting="fractional", with_layout=False)
        got = _pairs(frac, "fractional")
        assert got.keys() == expected.keys(), rel
        for i, j in combinations(chosen, 2):
            pair = tuple(sorted((ut[i], ut[j])))
            if pair in got:
                want = sum(1.0 / (n_r[k] - 1) for k in sets[i] & sets[j])
                assert abs(got[pair] - round(want, 9)) < 1e-9, (rel, pair)


def _aggregated_brute(corpus, unit_sets):
    """B[u, v] = sum over references r of X[u, r] * X[v, r], X[u, r] = u's documents citing r."""
    sets = _cited_sets(corpus)
    x = defaultdict(Counter)
    documents = Counter()
    for d, units in enumerate(unit_sets):
        if not sets[d]:
            continue
        for u in units:
            documents[u] += 1
            for r in sets[d]:
                x[u][r] += 1
    return x, documents


@pytest.mark.shared
@pytest.mark.parametrize("unit", ["source", "author"])
def test_aggregated_units_equal_brute_force(shared_corpora, unit):
    corpus = _read(shared_corpora, "wos-plaintext-environment/r-tos_savedrecs.txt")
    df = corpus.df
    if unit == "source":
        unit_sets = [
            {source_key(j9 if isinstance(j9, str) and j9 else so)} - {""} for j9, so in zip(df["J9"], df["SO"])
        ]
    else:
        unit_sets = [{fold(a) for a in au} - {""} for au in df["AU"]]
    x, documents = _aggregated_brute(corpus, unit_sets)
    ranked = sorted((u for u, n in documents.items() if n >= 2), key=lambda u: (-documents[u], u))[:40]
    net = litkit.coupling(corpus, unit=unit, min_documents=2, top_n=40, with_layout=False)
    assert net.nodes["key"].tolist() == ranked
    assert net.nodes["documents"].tolist() == [documents[u] for u in ranked]
    expected = {}
    for u, v in combinations(ranked, 2):
        b = sum(c * x[v][r] for r, c in x[u].items() if r in x[v])
        if b:
            expected[tuple(sorted((u, v)))] = b
    assert _pairs(net) == expected
    # cosine uses the norms of the reference vectors: Salton's cosine of X's rows
    cos = litkit.coupling(corpus, unit=unit, min_documents=2, top_n=40, normalization="cosine", with_layout=False)
    norms = {u: sum(c * c for c in x[u].values()) for u in ranked}
    got = _pairs(cos, "strength")
    for pair, b in expected.items():
        assert got[pair] == pytest.approx(b / np.sqrt(norms[pair[0]] * norms[pair[1]]), abs=1e-8)
    assert all(0 < v <= 1 + 1e-9 for v in got.values())


@pytest.mark.shared
@pytest.mark.parametrize("unit", ["institution", "country"])
def test_institution_and_country_units_from_affiliations(shared_corpora, unit):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt")
    table = litkit.affiliations(corpus)
    unit_sets = [set() for _ in range(len(corpus))]
    for record, value in zip(table["record"], table[unit]):
        if isinstance(value, str) and value:
            unit_sets[int(record)].add(value)
    x, documents = _aggregated_brute(corpus, unit_sets)
    ranked = sorted((u for u, n in documents.items() if n >= 3), key=lambda u: (-documents[u], u))[:30]
    net = litkit.coupling(corpus, unit=unit, min_documents=3, top_n=30, with_layout=False)
    assert net.nodes["key"].tolist() == ranked and len(ranked) >= 5
    expected = {}
    for u, v in combinations(ranked, 2):
        b = sum(c * x[v][r] for r, c in x[u].items() if r in x[v])
        if b:
            expected[tuple(sorted((u, v)))] = b
    assert _pairs(net) == expected
    if unit == "country":
        assert "China" in set(net.nodes["label"]) or "United States" in set(net.nodes["label"])


@pytest.mark.shared
def test_clusters_tables_and_exports(shared_corpora, tmp_path):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt")
    net = litkit.coupling(corpus, top_n=80)
    assert net.kind == "coupling" and net.size == "citations" and not net.directed
    assert net.clusters["cluster"].tolist() == list(range(len(net.clusters)))
    assert net.clusters["size"].is_monotonic_decreasing and net.clusters["size"].sum() == len(net)
    # each document is its own record: every member is assigned to its own cluster
    assert net.clusters["documents"].tolist() == net.clusters["size"].tolist()
    paths = net.export(tmp_path / "bc", formats=("png",))
    assert {"nodes.csv", "links.csv", "clusters.csv", "coupling_map.png", "coupling_network.html"} <= set(paths)
    header = (tmp_path / "bc" / "vosviewer_map.txt").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("weight<Citations>\tscore<Pub. year>")
    sources = litkit.coupling(corpus, unit="source", min_documents=3, top_n=30, with_layout=False)
    assert sources.size == "documents" and sources.score == "avg_year"
    assert sources.nodes["avg_year"].between(1990, 2030).all()


def test_empty_and_bad_unit():
    corpus = litkit.Corpus.from_records([{"UT": "a", "PY": 2000, "TI": "x"}])
    net = litkit.coupling(corpus)
    assert len(net) == 0 and "cited references" in net.message
    with pytest.raises(LitkitError):
        litkit.coupling(corpus, unit="journal")
    with pytest.raises(LitkitError):
        litkit.coupling(corpus, counting="double")


@pytest.mark.parametrize("unit, options", [("document", {"top_n": 60}), ("source", {"counting": "fractional"})])
def test_counts_of_record_chunks_add_up_to_the_whole_network(demo_dir, unit, options):
    """cited_by_units on chunks of records (as litkit.scale runs it per partition) adds up to the whole
    corpus's counts, and coupling_network on them gives litkit.coupling's network."""
    import scipy.sparse as sp

    from litkit.network import cited_by_units, cited_items, coupling_network, unit_incidence

    corpus = _CACHE.setdefault("demo", litkit.read([demo_dir / "wos", demo_dir / "scopus"]))
    r, ref_keys, _ = cited_items(corpus, labelled=False)
    m, keys, labels = unit_incidence(corpus, unit)
    bounds = [0, 200, 201, 700, len(corpus)]
    calls = []

    def fetch(chosen, units_per_record):
        whole = cited_by_units(r, chosen, units_per_record)
        x, n_r = sp.csr_matrix(whole[0].shape, dtype=np.int64), np.zeros(len(ref_keys), dtype=np.int64)
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            xp, nrp = cited_by_units(r[lo:hi], chosen[lo:hi], units_per_record[lo:hi])
            x, n_r = x + xp, n_r + nrp
        assert (x != whole[0]).nnz == 0 and np.array_equal(n_r, whole[1])
        assert whole[0].sum() > 0 and whole[1].sum() > 0
        calls.append(1)
        return sp.csr_matrix(x, dtype=np.int64), n_r

    net = coupling_network(
        corpus.df, m, keys, labels, np.diff(r.indptr), len(ref_keys), fetch, unit, with_layout=False, **options
    )
    expected = litkit.coupling(corpus, unit, with_layout=False, **options)
    assert calls and len(expected.nodes) > 5
    for a, b in [(net.nodes, expected.nodes), (net.links(), expected.links()), (net.clusters, expected.clusters)]:
        assert a.equals(b)
