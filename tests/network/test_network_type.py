"""The one Network type: the generic builder against brute force, the keyword map as a Network with its
old names, the shared steps, empty networks, and exports/conversions for every kind."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import litkit
from litkit.network import KeywordNetwork, Network, average_year, empty_network, network_from_incidence
from litkit.network.cluster import renumber
from litkit.network.network import KINDS


def _random_sets(seed: int, records: int = 120, items: int = 40) -> list[set]:
    rng = np.random.default_rng(seed)
    # a few planted groups plus noise, so that clusters exist
    groups = [list(range(g * 8, g * 8 + 8)) for g in range(4)]
    out = []
    for _ in range(records):
        g = groups[rng.integers(len(groups))]
        s = set(rng.choice(g, size=rng.integers(2, 6), replace=False).tolist())
        if rng.random() < 0.4:
            s.add(int(rng.integers(32, items)))
        out.append(s)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("counting", ["full", "fractional"])
def test_network_from_incidence_equals_brute_force(seed, counting):
    sets = _random_sets(seed)
    keys = [f"item{i:02d}" for i in range(40)]
    rows = [r for r, s in enumerate(sets) for _ in s]
    cols = [c for s in sets for c in s]
    x = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), 40))
    net = network_from_incidence(x, keys, kind="collaboration", size="documents", min_size=3, top_n=25,
                                 counting=counting, with_layout=False)  # fmt: skip
    occ = Counter(keys[c] for s in sets for c in s)
    chosen = sorted((k for k, n in occ.items() if n >= 3), key=lambda k: (-occ[k], k))[:25]
    assert net.nodes["key"].tolist() == chosen and net.nodes["documents"].tolist() == [occ[k] for k in chosen]
    full, frac = Counter(), Counter()
    for s in sets:
        for a, b in combinations(sorted(keys[c] for c in s if keys[c] in chosen), 2):
            full[(a, b)] += 1
            frac[(a, b)] += 1.0 / (len(s) - 1)
    links = net.links()
    got = {(net.keys[s - 1], net.keys[t - 1]): (c, f) for s, t, c, f in
           zip(links["source_id"], links["target_id"], links["count"], links["fractional"])}  # fmt: skip
    assert {tuple(sorted(p)): v[0] for p, v in got.items()} == dict(full)
    assert all(abs(v[1] - frac[tuple(sorted(p))]) < 1e-8 for p, v in got.items())
    assert net.clusters["cluster"].tolist() == list(range(len(net.clusters)))  # CiteSpace numbering
    assert net.cluster_base == 0 and net.kind == "collaboration"
    tls = Counter()
    for (a, b), w in (full if counting == "full" else frac).items():
        tls[a] += w
        tls[b] += w
    assert np.allclose(net.nodes["total_link_strength"].to_numpy(float), [tls[k] for k in chosen], atol=1e-6)
    assert net.incidence.shape == (len(sets), len(chosen))


def test_keyword_network_is_a_network_with_its_old_names():
    docs = [["a", "b", "c"], ["a", "b"], ["b", "c"], ["a", "c", "d"], ["d", "e"], ["d", "e", "a"]]
    corpus = litkit.Corpus.from_records([{"DE": d, "PY": 2000 + i} for i, d in enumerate(docs)])
    net = litkit.cooccurrence(corpus, min_occurrence=1, top_n=None, stoplist=None, thesaurus=None, with_layout=False)
    assert isinstance(net, KeywordNetwork) and isinstance(net, Network)
    assert net.kind == "keyword" and net.cluster_base == 1 and not net.directed
    assert net.terms == net.keys == net.nodes["key"].tolist() == net.keywords["term"].tolist()
    assert net.labels == net.nodes["label"].tolist() == net.keywords["keyword"].tolist()
    assert net.cooccurrence is net.counts
    assert list(net.nodes.columns[:3]) == ["id", "key", "label"]
    assert net.node_table is net.keywords and net.node_file == "keywords" and net.file_stem == "keyword"
    assert np.array_equal(net.occurrences, net.nodes["occurrences"].to_numpy())
    assert list(net.links().columns) == ["source_id", "target_id", "source", "target", "cooccurrence",
                                         "fractional", "strength"]  # fmt: skip
    assert repr(net).startswith("<KeywordNetwork:")
    assert net.clusters["cluster"].min() == 1


def test_shared_steps():
    x = sp.csr_matrix(np.array([[1, 0], [1, 1], [0, 1], [0, 0]]))
    assert np.allclose(average_year(x, np.array([2000.0, 2002.0, np.nan, 2010.0])), [2001.0, 2002.0])
    assert np.isnan(average_year(x, np.array([np.nan] * 4))).all()
    assert renumber(np.array([5, 5, 7, 7, 7, 9])).tolist() == [2, 2, 1, 1, 1, 3]
    assert renumber(np.array([5, 5, 7, 7, 7, 9]), start=0).tolist() == [1, 1, 0, 0, 0, 2]


@pytest.mark.parametrize("kind", KINDS)
def test_empty_network_of_every_kind_exports_and_describes_itself(kind, tmp_path):
    net = empty_network(kind, "nothing to link", size="citations", directed=kind == "citation")
    assert len(net) == 0 and net.is_empty() and net.n_links == 0
    assert "nothing to link" in repr(net) and "nothing to link" in net._repr_html_()
    paths = net.export(tmp_path / kind)
    assert "params.json" in paths and not any(p.endswith((".png", ".html")) for p in paths)
    assert net.to_networkx().number_of_nodes() == 0 and net.links().empty
    with pytest.raises(litkit.LitkitError):
        net.plot()


def test_directed_network_to_networkx_and_vosviewer():
    recs = [
        {"UT": "A", "AU": ["Smith, J"], "PY": 1999, "J9": "NATURE", "VL": "1", "BP": "2", "TI": "first"},
        {"UT": "B", "AU": ["Lee, K"], "PY": 2005, "J9": "SCIENCE", "TI": "second", "TC": 7,
         "CR": ["Smith J, 1999, NATURE, V1, P2"]},
        {"UT": "C", "AU": ["Wu, X"], "PY": 2010, "TI": "third", "CR": ["Smith J, 1999, NATURE, V1, P2"]},
    ]  # fmt: skip
    net = litkit.citation_network(litkit.Corpus.from_records(recs))
    g = net.to_networkx()
    assert isinstance(g, nx.DiGraph) and sorted(g.edges()) == [(2, 1), (3, 1)]
    assert g.nodes[1]["lcs"] == 2 and g.nodes[2]["tc"] == 7 and g.nodes[1]["key"] == "A"
    from litkit.network.export import vosviewer_map_text, vosviewer_network_text

    lines = vosviewer_map_text(net).splitlines()
    assert lines[0].split("\t")[-2:] == ["weight<Local citations>", "score<Pub. year>"]
    assert all(int(line.split("\t")[4]) >= 1 for line in lines[1:])  # VOSviewer clusters from 1
    assert vosviewer_network_text(net).splitlines() == ["1\t2\t1", "1\t3\t1"]


def test_assemble_rejects_bad_counting_and_kind():
    c = sp.csr_matrix(np.array([[0, 1], [1, 0]]))
    with pytest.raises(ValueError):
        network_from_incidence(c, ["a", "b"], kind="keyword", counting="half")
    with pytest.raises(ValueError):
        Network(pd.DataFrame(), c, kind="galaxy")
