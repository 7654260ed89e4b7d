"""Direct citation networks: links equal a brute-force DOI / bibliographic match over every real export
that carries cited references; LCS, LCR, TC; selection; direction in links and exports."""

from __future__ import annotations

import json
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import litkit
from litkit.errors import LitkitError
from litkit.refs import bibliographic_key

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
        if corpus is not None and len(corpus.references):
            out.append((rel, corpus))
    assert len(out) >= 8
    return out


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _brute_links(corpus) -> dict:
    """{(citing, cited): match} by the documented rule, written out plainly."""
    df = corpus.df
    by_doi = defaultdict(set)
    by_head = defaultdict(set)  # (surname, year, SOURCE) -> {(record, volume, page)}
    for j, row in enumerate(df.itertuples(index=False)):
        if _text(row.DI):
            by_doi[row.DI.strip().lower()].add(j)
        au = list(row.AU) if isinstance(row.AU, (list, np.ndarray)) else []
        if not au or pd.isna(row.PY):
            continue
        page = _text(row.BP) or _text(row.AR)
        for source in {_text(row.J9), _text(row.SO)} - {""}:
            parts = bibliographic_key(
                {"author": au[0], "year": int(row.PY), "source": source, "volume": row.VL, "page": page}
            ).split("|")
            by_head[tuple(parts[:3])].add((j, parts[3], parts[4]))
    out = {}
    refs = corpus.references
    for i, key, author, year, source, volume, page, doi in zip(
        refs["record"],
        refs["key"],
        refs["author"],
        refs["year"],
        refs["source"],
        refs["volume"],
        refs["page"],
        refs["doi"],
    ):
        i = int(i)
        target, how = None, None
        if key.startswith("doi:") and len(by_doi.get(key[4:], ())) == 1:
            # a DOI of the reference's own is a DOI match; one lent through the key is bibliographic
            target, how = next(iter(by_doi[key[4:]])), "doi" if _text(doi) else "bibliographic"
        elif author and source and not pd.isna(year):
            parts = bibliographic_key(
                {"author": author, "year": int(year), "source": source, "volume": volume, "page": page}
            ).split("|")
            group = by_head.get(tuple(parts[:3]), set())
            same_volume = {j for j, v, _ in group if parts[3] and v == parts[3]}
            same_page = {j for j, _, p in group if parts[4] and p == parts[4]}
            if len(same_volume) == 1:
                target, how = next(iter(same_volume)), "bibliographic"
            elif len(same_page) == 1:
                target, how = next(iter(same_page)), "bibliographic"
            if target is not None and key.startswith("doi:") and _text(df["DI"].iat[target]):
                target = None  # both carry DOIs, and they differ: two works
        if target is None or target == i:
            continue
        if out.get((i, target)) != "doi":
            out[(i, target)] = how
    return out


@pytest.mark.shared
def test_links_equal_brute_force_match_on_every_export(shared_corpora):
    total = {"doi": 0, "bibliographic": 0}
    for rel, corpus in _with_references(shared_corpora):
        expected = _brute_links(corpus)
        got = litkit.network.citation_links(corpus)
        assert dict(zip(zip(got["citing"], got["cited"]), got["match"])) == expected, rel
        for how in total:
            total[how] += sum(1 for v in expected.values() if v == how)
        net = litkit.citation_network(corpus, with_layout=False)
        if not expected:
            assert len(net) == 0 and net.message, rel
            continue
        ut = corpus.df["UT"].tolist()
        links = net.links()
        keys = net.nodes["key"].tolist()
        pairs = {
            (keys[s - 1], keys[t - 1]): m for s, t, m in zip(links["source_id"], links["target_id"], links["match"])
        }
        assert pairs == {(ut[i], ut[j]): m for (i, j), m in expected.items()}, rel
        assert net.directed and (links["count"] == 1).all()
        lcs = defaultdict(int)
        lcr = defaultdict(int)
        for i, j in expected:
            lcs[ut[j]] += 1
            lcr[ut[i]] += 1
        assert net.nodes["lcs"].tolist() == [lcs[k] for k in keys], rel
        assert net.nodes["lcr"].tolist() == [lcr[k] for k in keys], rel
        assert set(keys) == set(lcs) | set(lcr), rel  # records with a link, no isolates
    assert total["doi"] >= 1000 and total["bibliographic"] >= 100, total  # both rules at work


@pytest.mark.shared
def test_selection_tc_and_directed_exports(shared_corpora, tmp_path):
    corpus = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt")
    everything = litkit.citation_network(corpus, with_layout=False)
    top = litkit.citation_network(corpus, top_n=25, min_lcs=2)
    order = everything.nodes.sort_values(["lcs", "tc", "key"], ascending=[False, False, True], kind="mergesort")
    expected = order[order["lcs"] >= 2]["key"].head(25).tolist()
    assert top.nodes["key"].tolist() == expected
    tc = dict(zip(corpus.df["UT"], corpus.df["TC"]))
    assert top.nodes["tc"].tolist() == [int(tc[k]) for k in top.nodes["key"]]
    # the links among the kept records are exactly those of the whole network
    whole = {(s, t) for s, t in zip(everything.links()["source"], everything.links()["target"])}
    labels = set(top.nodes["label"])
    kept = {(s, t) for s, t in zip(top.links()["source"], top.links()["target"])}
    assert kept == {(s, t) for s, t in whole if s in labels and t in labels}
    paths = top.export(tmp_path / "hist", formats=("png",))
    assert {"nodes.csv", "citation_map.png", "citation_network.html"} <= set(paths)
    g = nx.read_graphml(tmp_path / "hist" / "network.graphml")
    assert g.is_directed() and g.number_of_edges() == top.n_links
    links_csv = pd.read_csv(tmp_path / "hist" / "links.csv")
    assert set(links_csv["match"]) <= {"doi", "bibliographic"}
    html = (tmp_path / "hist" / "citation_network.html").read_text(encoding="utf-8")
    assert '"arrows"' in html
    assert top.clusters["cluster"].tolist() == list(range(len(top.clusters)))


def test_mutual_citation_and_self_citation():
    recs = [
        {"UT": "A", "AU": ["Smith, J"], "PY": 2000, "J9": "NATURE", "VL": "1", "DI": "10.1000/a",
         "CR": ["Lee K, 2000, SCIENCE, V2, P5", "Smith J, 2000, NATURE, V1, DOI 10.1000/A"]},
        {"UT": "B", "AU": ["Lee, K"], "PY": 2000, "J9": "SCIENCE", "VL": "2", "BP": "5",
         "CR": ["Smith J, 2000, NATURE, V1, P9"]},
    ]  # fmt: skip
    net = litkit.citation_network(litkit.Corpus.from_records(recs), with_layout=False)
    links = net.links()
    assert sorted(zip(links["source_id"], links["target_id"])) == [(1, 2), (2, 1)]  # A cites itself: dropped
    assert net.counts.toarray().tolist() == [[0, 1], [1, 0]] and net.weights.nnz == 2
    assert net.nodes["lcs"].tolist() == [1, 1]


def test_ambiguous_keys_resolve_to_nothing():
    recs = [
        {"UT": "A", "AU": ["Smith, J"], "PY": 2000, "J9": "NATURE", "VL": "1", "DI": "10.1000/same"},
        {"UT": "B", "AU": ["Smith, J"], "PY": 2000, "J9": "NATURE", "VL": "1", "DI": "10.1000/same"},
        {"UT": "C", "PY": 2005, "CR": ["Smith J, 2000, NATURE, V1, DOI 10.1000/same"]},
    ]
    net = litkit.citation_network(litkit.Corpus.from_records(recs))
    assert len(net) == 0 and "cites another" in net.message


def test_demo_planted_citations_recovered_exactly(demo_dir):
    """The demo's planted citations between WoS records (truth.json "local_citations"), and no others:
    its DOI-carrying near misses (same surname, year, source and volume, other DOI) are not links."""
    truth = json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))
    if "local_citations" not in truth:
        pytest.skip("the demo corpus has no planted citations yet")
    planted = truth["local_citations"]
    corpus = litkit.read([demo_dir / f for f in planted["files"]])
    ut = corpus.df["UT"].tolist()
    links = litkit.network.citation_links(corpus)
    got = {(ut[i], ut[j]): m for i, j, m in zip(links["citing"], links["cited"], links["match"])}
    # "doi" exactly when the CR entry is written with the DOI, even when litkit.refs lends a DOI-less
    # entry the DOI of another citation of the same work.
    assert got == {(a, b): how for a, b, how in planted["links"]}
    net = litkit.citation_network(corpus, with_layout=False)
    lcs = dict(zip(net.nodes["key"], net.nodes["lcs"]))
    assert {k: lcs[k] for k in planted["landmarks"]} == {k: v["lcs"] for k, v in planted["landmarks"].items()}


def test_links_of_record_chunks_are_the_corpus_links(demo_dir):
    """match_references on chunks of the references table (each with its record offset), one after the
    other, gives citation_links of the corpus; citation_network_from_links gives citation_network."""
    from litkit.network import citation_links, citation_network_from_links, match_references, record_match_tables

    corpus = litkit.read([demo_dir / "wos", demo_dir / "scopus"])
    df, refs = corpus.df, corpus.references
    tables = record_match_tables(df)
    parts = []
    for lo, hi in zip([0, 100, 101, 650], [100, 101, 650, len(df)]):
        chunk = refs[(refs["record"] >= lo) & (refs["record"] < hi)].reset_index(drop=True)
        chunk["record"] = chunk["record"] - lo
        parts.append(match_references(chunk, tables, offset=lo))
    links = pd.concat(parts, ignore_index=True)
    expected = citation_links(corpus)
    assert len(expected) > 20
    pd.testing.assert_frame_equal(links, expected)
    net = citation_network_from_links(df, links, with_layout=False)
    whole = litkit.citation_network(corpus, with_layout=False)
    pd.testing.assert_frame_equal(net.nodes, whole.nodes)
    pd.testing.assert_frame_equal(net.links(), whole.links())
    pd.testing.assert_frame_equal(net.clusters, whole.clusters)


def test_lens_identifier_references_link_records_of_the_export(shared_corpora):
    """Lens lists references as Lens IDs: a reference naming another record's UT is a citation ("id")."""
    from litkit.refs.ids import parse_id_reference

    corpus = litkit.read(str(shared_corpora / "lens-csv" / "lens-export.csv"))
    df = corpus.df
    record_of = {}
    for i, ut in enumerate(df["UT"]):
        record_of.setdefault(parse_id_reference(ut)["doi"], []).append(i)
    expected = set()
    for i, refs in enumerate(df["CR"]):
        for raw in refs if isinstance(refs, (list, tuple, np.ndarray)) else []:
            parsed = parse_id_reference(raw)
            targets = record_of.get(parsed["doi"], []) if parsed else []
            if len(targets) == 1 and targets[0] != i:
                expected.add((i, targets[0]))
    links = litkit.network.citation_links(corpus)
    found = set(zip(links["citing"], links["cited"]))
    assert len(expected) > 500  # the export cites itself a lot (1,055 such references)
    assert expected <= found
    by_id = links[links["match"] == "id"]
    assert set(zip(by_id["citing"], by_id["cited"])) <= expected
    net = litkit.citation_network(corpus, with_layout=False)
    assert net.params["matched_id"] == len(by_id) > 0
