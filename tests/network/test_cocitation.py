"""Co-citation networks against brute-force counts over ``corpus.references`` on every real export
that carries cited references, CiteSpace slicing against a per-slice recount, betweenness against
networkx, bursts against the one-item Kleinberg model, empty and merged corpora, exports."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import litkit
from litkit.bursts import kleinberg
from litkit.errors import LitkitError

_CACHE: dict = {}


def _exports(shared_corpora) -> list[str]:
    names = list(json.loads((shared_corpora / "expected_counts.json").read_text(encoding="utf-8")))
    extra = shared_corpora / "expected_counts_new_formats.json"
    if extra.exists():
        names += list(json.loads(extra.read_text(encoding="utf-8")))
    return names


def _read(shared_corpora, rel):
    if rel not in _CACHE:
        try:
            _CACHE[rel] = litkit.read(shared_corpora / rel)
        except LitkitError:  # a format litkit does not read yet
            _CACHE[rel] = None
    return _CACHE[rel]


def _with_references(shared_corpora):
    out = []
    for rel in _exports(shared_corpora):
        corpus = _read(shared_corpora, rel)
        if corpus is not None and len(corpus.references) and (corpus.references["key"] != "").any():
            out.append((rel, corpus))
    assert len(out) >= 8, [r for r, _ in out]  # WoS plain text, BibTeX, Scopus CSV … carry references
    return out


def _cited_sets(corpus) -> list[set]:
    """Per record, the set of non-empty canonical keys it cites (plain Python)."""
    sets = [set() for _ in range(len(corpus))]
    for record, key in zip(corpus.references["record"], corpus.references["key"]):
        if key:
            sets[int(record)].add(key)
    return sets


def _brute(sets, min_citations, top_n):
    """Selection, full and fractional co-citation counts by loops over records and pairs."""
    cites = Counter(k for s in sets for k in s)
    ranked = sorted((k for k, c in cites.items() if c >= min_citations), key=lambda k: (-cites[k], k))
    chosen = ranked[:top_n] if top_n is not None else ranked
    keep = set(chosen)
    full, frac = Counter(), defaultdict(float)
    for s in sets:
        n_d = len(s)
        for a, b in combinations(sorted(s & keep), 2):
            full[(a, b)] += 1
            frac[(a, b)] += 1.0 / (n_d - 1)
    return chosen, cites, full, frac


def _net_pairs(net, column="count"):
    links = net.links()
    keys = net.nodes["key"].tolist()
    return {
        tuple(sorted((keys[s - 1], keys[t - 1]))): v
        for s, t, v in zip(links["source_id"], links["target_id"], links[column])
    }


@pytest.mark.shared
def test_link_weights_equal_brute_force_on_every_export(shared_corpora):
    for rel, corpus in _with_references(shared_corpora):
        sets = _cited_sets(corpus)
        chosen, cites, full, frac = _brute(sets, 2, 150)
        for counting in ("full", "fractional"):
            net = litkit.cocitation(corpus, min_citations=2, top_n=150, counting=counting, with_layout=False)
            if not chosen:
                assert len(net) == 0 and net.message, rel
                continue
            assert net.nodes["key"].tolist() == chosen, rel
            assert net.nodes["citations"].tolist() == [cites[k] for k in chosen], rel
            assert _net_pairs(net) == dict(full), rel
            got = _net_pairs(net, "fractional")
            assert got.keys() == frac.keys(), rel
            assert all(abs(got[p] - round(frac[p], 9)) < 1e-9 for p in got), rel
            # total link strength is the row sum of the counting's weights
            tls = Counter()
            source = full if counting == "full" else frac
            for (a, b), w in source.items():
                tls[a] += w
                tls[b] += w
            expected = [tls[k] for k in chosen]
            assert np.allclose(net.nodes["total_link_strength"].to_numpy(float), expected, atol=1e-6), rel


@pytest.mark.shared
def test_counts_are_sparse_products(shared_corpora):
    """The incidence behind the network: records x keys, binary, and C = XᵀX off the diagonal."""
    corpus = _read(shared_corpora, "wos-plaintext-environment/r-tos_savedrecs.txt")
    x, keys, labels, years = litkit.network.cited_items(corpus)
    sets = _cited_sets(corpus)
    assert x.shape == (len(corpus), len(keys)) and x.max() == 1
    assert [set(keys[j] for j in x[i].indices) for i in range(len(corpus))] == sets
    assert len(labels) == len(keys) == len(years)


@pytest.mark.shared
@pytest.mark.parametrize("unit", ["source", "author"])
def test_source_and_author_units_brute_force(shared_corpora, unit):
    from litkit.network._citing import fold, source_key

    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt")
    refs = corpus.references
    sets = [set() for _ in range(len(corpus))]
    for record, author, source in zip(refs["record"], refs["author"], refs["source"]):
        item = source_key(source) if unit == "source" else fold(author)
        if item:
            sets[int(record)].add(item)
    chosen, cites, full, _ = _brute(sets, 3, 60)
    net = litkit.cocitation(corpus, unit=unit, min_citations=3, top_n=60, with_layout=False)
    assert net.nodes["key"].tolist() == chosen
    assert net.nodes["citations"].tolist() == [cites[k] for k in chosen]
    assert _net_pairs(net) == dict(full)


@pytest.mark.shared
def test_author_year_source_identity_merges_like_bibliometrix(shared_corpora):
    from litkit.network._citing import fold

    corpus = _read(shared_corpora, "wos-plaintext-metaknowledge/ManyAuthors.isi")
    x, keys, _, _ = litkit.network.cited_items(corpus)
    xs, short, _, _ = litkit.network.cited_items(corpus, identity="author_year_source")
    # Dropping volume, page and DOI can only merge works: never more items, never more citations.
    assert len(short) < len(keys) and xs.sum() <= x.sum()
    refs = corpus.references
    expected = [set() for _ in range(len(corpus))]
    for record, key, author, year, source in zip(
        refs["record"], refs["key"], refs["author"], refs["year"], refs["source"]
    ):
        if key and (author or source):
            parts = [fold(author), "" if pd.isna(year) else str(int(year)), fold(source)]
            expected[int(record)].add(", ".join(p for p in parts if p))
    assert [{short[j] for j in xs[i].indices} for i in range(len(corpus))] == expected
    net = litkit.cocitation(corpus, identity="author_year_source", min_citations=5, top_n=50, with_layout=False)
    assert set(net.nodes["key"]) <= set(short) and (net.nodes["key"] == net.nodes["label"]).all()


@pytest.mark.shared
def test_betweenness_equals_networkx_and_sigma(shared_corpora):
    """On raw co-citation counts a link's length is 1/count, a rational: networkx with exact Fractions
    decides every tie of path lengths as real arithmetic does, and litkit must agree.  (On association
    strengths, float sums such as 1/3 + 1/6 against 1/2 tie only up to rounding; there igraph, litkit's
    backend, counts both paths and networkx's float comparison picks one: see litkit.network.centrality.)"""
    from fractions import Fraction

    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs_5.txt")
    net = litkit.cocitation(corpus, min_citations=2, top_n=80, normalization=None, with_layout=False)
    g = nx.Graph()
    g.add_nodes_from(range(len(net)))
    upper = sp.triu(net.weights, k=1).tocoo()  # the map's link weights (here the counts)
    assert upper.nnz == net.n_links and np.array_equal(upper.data, np.round(upper.data))
    for i, j, w in zip(upper.row.tolist(), upper.col.tolist(), upper.data.tolist()):
        g.add_edge(i, j, distance=Fraction(1, int(w)))
    expected = nx.betweenness_centrality(g, weight="distance", normalized=True)
    got = net.nodes["centrality"].to_numpy()
    assert max(abs(got[i] - float(expected[i])) for i in range(len(net))) < 1e-9
    assert (got > 0).sum() >= 5
    default = litkit.cocitation(corpus, min_citations=2, top_n=80, with_layout=False)
    c, b = default.nodes["centrality"].to_numpy(), default.nodes["burst"].to_numpy()
    assert np.allclose(default.nodes["sigma"].to_numpy(), (c + 1) ** b, atol=1e-8)
    assert ((b > 0) & (c > 0)).any()  # some node has both, so sigma > 1 is exercised
    assert (default.nodes["sigma"] > 1).any()


@pytest.mark.shared
def test_bursts_equal_one_item_kleinberg(shared_corpora):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt")
    net = litkit.cocitation(corpus, min_citations=4, top_n=40, with_layout=False)
    sets = _cited_sets(corpus)
    years = [int(y) if y == y and y is not None else None for y in corpus.df["PY"].astype("float")]
    active = [i for i, s in enumerate(sets) if s and years[i] is not None]
    first, last = min(years[i] for i in active), max(years[i] for i in active)
    d = [sum(1 for i in active if years[i] == y) for y in range(first, last + 1)]
    bursting = 0
    for row in net.nodes.itertuples(index=False):
        r = [sum(1 for i in active if years[i] == y and row.key in sets[i]) for y in range(first, last + 1)]
        found = kleinberg(r, d)
        strongest = max(found["weight"], default=0.0) if len(found) else 0.0
        assert row.burst == pytest.approx(strongest, abs=1e-8), row.key
        bursting += strongest > 0
    assert bursting >= 1
    has = net.nodes["burst"] > 0
    assert net.nodes.loc[has, "burst_begin"].notna().all() and net.nodes.loc[~has, "burst_begin"].isna().all()


@pytest.mark.shared
def test_slices_equal_per_slice_recount(shared_corpora):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt")
    sets = _cited_sets(corpus)
    years = corpus.df["PY"].astype("float").to_numpy()
    first = int(np.nanmin([y for y, s in zip(years, sets) if s]))
    last = int(np.nanmax([y for y, s in zip(years, sets) if s]))
    full, union = Counter(), set()
    for start in range(first, last + 1, 3):
        rows = [i for i in range(len(sets)) if sets[i] and start <= years[i] <= start + 2]
        cites = Counter(k for i in rows for k in sets[i])
        chosen = set(sorted((k for k, c in cites.items() if c >= 2), key=lambda k: (-cites[k], k))[:12])
        union |= chosen
        for i in rows:
            for a, b in combinations(sorted(sets[i] & chosen), 2):
                full[(a, b)] += 1
    net = litkit.cocitation(corpus, slice_years=3, selection={"top_n": 12}, min_citations=2, with_layout=False)
    assert set(net.nodes["key"]) == union
    assert _net_pairs(net) == dict(full)
    assert [s["selected"] for s in net.params["slices"]] == [
        s["selected"] for s in net.params["slices"]
    ]  # recorded per slice
    assert sum(s["records"] for s in net.params["slices"]) == sum(1 for s, y in zip(sets, years) if s and y == y)
    # Node sizes are citations over the whole period; nodes are ranked by them.
    total = Counter(k for s, y in zip(sets, years) if y == y for k in s)
    assert net.nodes["citations"].tolist() == [total[k] for k in net.nodes["key"]]


@pytest.mark.shared
def test_one_slice_selecting_everything_is_the_whole_network(shared_corpora):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs_5.txt")
    whole = litkit.cocitation(corpus, min_citations=3, top_n=None, with_layout=False)
    sliced = litkit.cocitation(
        corpus, slice_years=100, selection={"top_percent": 100}, min_citations=3, with_layout=False
    )
    assert whole.nodes["key"].tolist() == sliced.nodes["key"].tolist()
    assert (whole.counts != sliced.counts).nnz == 0


@pytest.mark.shared
@pytest.mark.parametrize("pruning", ["mst", "pathfinder"])
def test_pruning_per_slice_keeps_subsets(shared_corpora, pruning):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt")
    plain = litkit.cocitation(corpus, slice_years=2, selection={"top_n": 15}, with_layout=False)
    pruned = litkit.cocitation(corpus, slice_years=2, selection={"top_n": 15}, pruning=pruning, with_layout=False)
    assert pruned.nodes["key"].tolist() == plain.nodes["key"].tolist()
    assert set(_net_pairs(pruned)) <= set(_net_pairs(plain))
    if pruning == "mst":  # a spanning forest per slice: at most n_s - 1 links each
        assert all(s.get("links", 0) <= max(s["selected"] - 1, 0) for s in pruned.params["slices"])
    merged = litkit.cocitation(corpus, min_citations=3, top_n=60, pruning=pruning, with_layout=False)
    assert merged.n_links <= litkit.cocitation(corpus, min_citations=3, top_n=60, with_layout=False).n_links
    if pruning == "mst":
        assert merged.n_links <= len(merged) - 1


@pytest.mark.shared
def test_clusters_citespace_numbering_labels_and_coverage(shared_corpora):
    corpus = _read(shared_corpora, "wos-plaintext-environment/r-tos_savedrecs.txt")
    net = litkit.cocitation(corpus, min_citations=3, top_n=120, with_layout=False)
    clusters = net.clusters
    assert clusters["cluster"].tolist() == list(range(len(clusters)))
    assert clusters["size"].is_monotonic_decreasing and clusters["size"].sum() == len(net)
    assert set(net.nodes["cluster"]) == set(clusters["cluster"])
    assert len(clusters) >= 2 and 0 < net.modularity < 1 and -1 <= net.silhouette <= 1
    sets = _cited_sets(corpus)
    members = net.nodes.groupby("cluster")["key"].apply(set)
    years = net.nodes.groupby("cluster")["year"].apply(lambda y: y.dropna().astype(float).mean())
    for row in clusters.itertuples(index=False):
        assert row.label_llr and row.label_tfidf and row.label_mi, row
        assert row.label == row.label_llr.split("; ")[0]
        assert row.year == pytest.approx(years[row.cluster], abs=1e-4)
        best = max(len(s & members[row.cluster]) for s in sets) / row.size
        assert float(row.citing.split(" ")[0]) == pytest.approx(round(best, 2), abs=1e-9)
    # every citing record that cites a node is assigned to exactly one cluster
    citing = sum(1 for s in sets if s & set(net.nodes["key"]))
    assert clusters["documents"].sum() == citing


def test_empty_inputs_give_an_empty_network_with_a_reason(tmp_path):
    cnki = litkit.Corpus.from_records(
        [{"UT": f"CNKI:{i}", "DB": "CNKI", "TI": "生态补偿", "PY": 2020, "DE": ["生态补偿"]} for i in range(5)]
    )
    for net in (litkit.cocitation(cnki), litkit.coupling(cnki), litkit.citation_network(cnki)):
        assert len(net) == 0 and net.n_links == 0
        assert "cited references" in net.message
        assert net.message in repr(net) and net.message in net._repr_html_()
    assert "CNKI" in litkit.cocitation(cnki).message
    paths = litkit.cocitation(cnki).export(tmp_path / "empty")
    assert (tmp_path / "empty" / "nodes.csv").exists() and "cocitation_map.png" not in paths
    params = json.loads((tmp_path / "empty" / "params.json").read_text(encoding="utf-8"))
    assert "cited references" in json.dumps(params)
    high = litkit.cocitation(
        litkit.Corpus.from_records([{"UT": "a", "CR": ["Smith J, 1999, NATURE, V1, P2"]}]), min_citations=5
    )
    assert len(high) == 0 and "at least 5" in high.message


def test_bad_arguments_raise_litkit_errors():
    corpus = litkit.Corpus.from_records([{"UT": "a", "PY": 2000, "CR": ["Smith J, 1999, NATURE, V1, P2"]}])
    for kwargs in (
        {"unit": "journal"},
        {"identity": "title"},
        {"counting": "half"},
        {"selection": {"top_n": 5}},  # needs slice_years
        {"slice_years": 1, "selection": {"top_n": 5, "g_index_k": 25}},
        {"slice_years": 0},
        {"prune_scope": "everywhere"},
    ):
        with pytest.raises(LitkitError) as err:
            litkit.cocitation(corpus, **kwargs)
        assert "\n" not in str(err.value).strip()


@pytest.mark.shared
def test_merged_cnki_and_wos_keep_cited_references(shared_corpora):
    cnki = _read(shared_corpora, "cnki-refworks/CNKI.txt")
    wos = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs_5.txt")
    merged = litkit.merge(cnki, wos)
    alone = litkit.cocitation(wos, min_citations=2, top_n=None, with_layout=False)
    together = litkit.cocitation(merged, min_citations=2, top_n=None, with_layout=False)
    assert together.nodes["key"].tolist() == alone.nodes["key"].tolist()
    assert together.nodes["citations"].tolist() == alone.nodes["citations"].tolist()
    assert _net_pairs(together) == _net_pairs(alone)


@pytest.mark.shared
def test_exports_and_figure(shared_corpora, tmp_path):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs_5.txt")
    net = litkit.cocitation(corpus, min_citations=3, top_n=60)
    paths = net.export(tmp_path / "dca", formats=("png",))
    for name in ("nodes.csv", "clusters.csv", "links.csv", "vosviewer_map.txt", "vosviewer_network.txt"):
        assert name in paths
    assert {"vosviewer.json", "network.gexf", "network.graphml", "params.json", "cocitation_map.png"} <= set(paths)
    assert "cocitation_network.html" in paths
    header = (tmp_path / "dca" / "vosviewer_map.txt").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[-2:] == ["weight<Citations>", "score<Pub. year>"]
    rows = [line.split("\t") for line in (tmp_path / "dca" / "vosviewer_map.txt").read_text().splitlines()[1:]]
    assert sorted({int(r[4]) for r in rows}) == [c + 1 for c in net.clusters["cluster"]]  # VOSviewer: from 1
    g = nx.read_gexf(tmp_path / "dca" / "network.gexf")
    assert g.number_of_nodes() == len(net) and g.number_of_edges() == net.n_links
    again = nx.read_graphml(tmp_path / "dca" / "network.graphml")
    assert {d["key"] for _, d in again.nodes(data=True)} == set(net.nodes["key"])
    html = (tmp_path / "dca" / "cocitation_network.html").read_text(encoding="utf-8")
    assert "Co-citation network" in html and "http://" not in html.split("<script>")[0]
    assert "<b>&lt;Network (cocitation)" in net._repr_html_()


def test_add_tallies_hand_worked():
    """Two parts: items numbered by first appearance over the parts, counts added, years aligned."""
    from litkit.network import CitationTally, add_tallies

    a = CitationTally(
        np.array(["x", "y"], dtype=object),
        np.array([2, 1]),
        sp.csr_matrix(np.array([[1, 1], [1, 0]])),  # 2000: x, y; 2001: x
        2000,
        np.array([2, 1]),
        np.array([2000.0, 2001.0]),
        frozenset({"WOS"}),
    )
    b = CitationTally(
        np.array(["z", "x"], dtype=object),
        np.array([1, 1]),
        sp.csr_matrix(np.array([[1, 1]])),  # 2003: z, x
        2003,
        np.array([0, 2]),
        np.array([np.nan, 2003.0]),
        frozenset({"SCOPUS"}),
    )
    tally, mapping = add_tallies([a, b])
    assert tally.keys.tolist() == ["x", "y", "z"]
    assert [m.tolist() for m in mapping] == [[0, 1], [2, 0]]
    assert tally.citations.tolist() == [3, 1, 1]
    assert tally.first_year == 2000
    assert tally.per_year.toarray().tolist() == [[1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 0, 1]]
    assert tally.n_d.tolist() == [2, 1, 0, 2]
    assert np.array_equal(tally.record_years, [2000.0, 2001.0, np.nan, 2003.0], equal_nan=True)
    assert tally.databases == {"WOS", "SCOPUS"}


@pytest.mark.parametrize(
    "options",
    [
        {"min_citations": 2, "top_n": 60},
        {"slice_years": 2, "top_n": 15, "counting": "fractional"},
        {"unit": "source", "slice_years": 3, "selection": {"g_index_k": 5}, "pruning": "pathfinder"},
        {"unit": "author", "top_n": 40},
        {"identity": "author_year_source", "top_n": 40},
    ],
)
def test_counts_of_record_chunks_add_up_to_the_whole_network(demo_dir, options):
    """The count step on chunks of records (as litkit.scale runs it per partition), added and fed to the
    one assembly, gives the network of the whole corpus: nodes, links, clusters and parameters."""
    from litkit.network import CitedFetch, add_tallies, cocitation_counts, cocitation_network

    corpus = _CACHE.setdefault("demo", litkit.read([demo_dir / "wos", demo_dir / "scopus"]))
    df, refs = corpus.df, corpus.references
    bounds = [0, 150, 151, 600, len(df)]  # uneven, one single-record chunk
    unit = options.get("unit", "reference")
    count = {"identity": options.get("identity", "key"), "slice_years": options.get("slice_years")}
    parts = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        rows = (refs["record"] >= lo) & (refs["record"] < hi)
        chunk = refs[rows].reset_index(drop=True)
        chunk["record"] = chunk["record"] - lo
        parts.append(cocitation_counts(chunk, df.iloc[lo:hi].reset_index(drop=True), unit=unit, **count))
    tally, mapping = add_tallies([p.tally for p in parts])

    def fetch(candidates, label_fields):
        position = np.full(len(tally.keys), -1)
        position[candidates] = np.arange(len(candidates))
        got = []
        for part, codes in zip(parts, mapping):
            mine = np.flatnonzero(position[codes] >= 0)
            f = part.fetch(mine, label_fields)
            inc = sp.csr_matrix(f.incidence)
            coo = inc.tocoo()
            at = position[codes][mine]
            got.append(sp.csr_matrix((coo.data, (coo.row, at[coo.col])), shape=(inc.shape[0], len(candidates))))
            f.label_counts["item"] = at[f.label_counts["item"].to_numpy()]
            got[-1] = (got[-1], f.label_counts)
        inc = sp.csr_matrix(sp.vstack([g[0] for g in got]), dtype=np.int8)
        inc.sort_indices()
        return CitedFetch(inc, pd.concat([g[1] for g in got], ignore_index=True), df)

    kwargs = {k: v for k, v in options.items() if k != "unit"}
    chunked = cocitation_network(tally, fetch, unit, with_layout=False, **kwargs)
    whole = litkit.cocitation(corpus, unit, with_layout=False, **kwargs)
    assert len(whole.nodes) > 5
    pd.testing.assert_frame_equal(chunked.nodes, whole.nodes)
    pd.testing.assert_frame_equal(chunked.links(), whole.links())
    pd.testing.assert_frame_equal(chunked.clusters, whole.clusters)
    assert chunked.params == whole.params
    # The tally is what the whole corpus counts: the same keys and citations.
    alone = cocitation_counts(refs, df, unit=unit, **count).tally
    assert tally.keys.tolist() == alone.keys.tolist()
    assert np.array_equal(tally.citations, alone.citations) and np.array_equal(tally.n_d, alone.n_d)
