"""The demo corpus's structure for citation and affiliation analyses (truth.json: cocitation_groups,
local_citations, affiliations, country_collaboration) is in the files and recoverable.

The first tests read the committed bytes with tiny parsers of their own (so a litkit reader bug
cannot hide a generator bug); the co-citation test then runs litkit's reference keys and its network
clustering on the WoS files and asks for the planted groups back (adjusted Rand index >= 0.9).
"""

from __future__ import annotations

import collections
import csv
import io
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp


@pytest.fixture(scope="module")
def truth(demo_dir) -> dict:
    return json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))


def _wos_records(path: Path) -> list[dict]:
    """{tag: [lines]} per record of a WoS plain-text file, with '_line' (1-based line of PT)."""
    records, rec, tag = [], None, None
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
        if line == "ER":
            records.append(rec)
            rec = None
        elif line.startswith("PT "):
            rec, tag = {"_line": number, "PT": [line[3:]]}, "PT"
        elif rec is not None and line.startswith("   "):
            rec[tag].append(line[3:])
        elif rec is not None and line[:2].strip():
            tag = line[:2]
            rec[tag] = [line[3:]]
    return records


@pytest.fixture(scope="module")
def wos(demo_dir, truth) -> dict[str, dict]:
    """Every WoS demo record by UT."""
    out = {}
    for rel, info in truth["files"].items():
        if info["format"] == "wos_plain":
            for rec in _wos_records(demo_dir / rel):
                out[rec["UT"][0]] = rec
    return out


def _c1_addresses(rec: dict) -> list[tuple[list[str], str]]:
    """(authors, address) per C1 line; authors empty for an address without its [names] group."""
    out = []
    for line in rec.get("C1", []):
        m = re.match(r"\[(.*?)\] (.*)", line)
        out.append(([a.strip() for a in m.group(1).split(";")], m.group(2)) if m else ([], line))
    return out


# ----------------------------------------------------------------------------------------------
# co-citation groups
# ----------------------------------------------------------------------------------------------
def test_cocitation_groups_are_cited_as_documented(truth, wos):
    planted = truth["cocitation_groups"]
    groups = planted["groups"]
    assert 4 <= len(groups) <= 5 and all(8 <= len(refs) <= 15 for refs in groups.values())
    assert set(groups) == set(truth["keyword_clusters"])  # one group per keyword theme
    citing = collections.Counter(cr for rec in wos.values() for cr in set(rec.get("CR", [])))
    all_crs = [cr for refs in groups.values() for cr, _ in refs]
    assert len(set(all_crs)) == len(all_crs)
    for refs in groups.values():
        for cr, n in refs:
            assert citing[cr] == n and n >= 15, cr
    # records cite mostly their own group: of the records citing any group reference, most cite >= 3 of one group
    group_of = {cr: g for g, refs in groups.items() for cr, _ in refs}
    own = 0
    for rec in wos.values():
        counts = collections.Counter(group_of[cr] for cr in rec.get("CR", []) if cr in group_of)
        own += bool(counts) and counts.most_common(1)[0][1] >= 3
    assert own >= 0.6 * len(wos)


def _wos_reference_incidence(demo_dir, truth):
    import litkit
    from litkit.refs import references_table

    wos_files = [demo_dir / rel for rel in truth["cocitation_groups"]["files"]]
    corpus = litkit.read(wos_files, progress=False)
    table = references_table(corpus.df)
    keys = sorted(table["key"].unique())
    col = {k: i for i, k in enumerate(keys)}
    x = sp.csr_matrix(
        (np.ones(len(table)), (table["record"].to_numpy(), [col[k] for k in table["key"]])),
        shape=(len(corpus.df), len(keys)),
    )
    x.data[:] = 1
    return corpus, table, x, keys


def _ari(truth, table, node_keys, clusters) -> tuple[float, int]:
    from sklearn.metrics import adjusted_rand_score

    key_of = dict(zip(table["raw"], table["key"]))
    cluster_of = dict(zip(node_keys, clusters))
    expected, found = [], []
    for g, refs in enumerate(truth["cocitation_groups"]["groups"].values()):
        for cr, _ in refs:
            key = key_of[cr]
            if key in cluster_of:
                expected.append(g)
                found.append(cluster_of[key])
    return adjusted_rand_score(expected, found), len(expected)


@pytest.mark.parametrize("min_citations", [3, 10])
def test_cocitation_clusters_recover_the_planted_groups(demo_dir, truth, min_citations):
    """Co-citation (binary per citing record) over litkit's reference keys, association strength, Leiden."""
    from litkit.network import network_from_incidence

    _corpus, table, x, keys = _wos_reference_incidence(demo_dir, truth)
    # the brute-force co-citation count of two planted references equals the network's link count
    net = network_from_incidence(
        x, keys, kind="cocitation", size="citations", min_size=min_citations, with_layout=False
    )
    ari, n = _ari(truth, table, net.nodes["key"], net.nodes["cluster"])
    assert n == sum(len(refs) for refs in truth["cocitation_groups"]["groups"].values())
    assert ari >= 0.9, ari
    links = net.links()
    pairs = {(s, t): c for s, t, c in zip(links["source"], links["target"], links["count"])}
    records_of = collections.defaultdict(set)
    for rec, key in zip(table["record"], table["key"]):
        records_of[key].add(rec)
    key_of = dict(zip(table["raw"], table["key"]))
    first_group = next(iter(truth["cocitation_groups"]["groups"].values()))
    label = dict(zip(net.nodes["key"], net.nodes["label"]))
    for (a, _), (b, _) in itertools.combinations(first_group, 2):
        ka, kb = key_of[a], key_of[b]
        brute = len(records_of[ka] & records_of[kb])
        got = pairs.get((label[ka], label[kb]), pairs.get((label[kb], label[ka]), 0))
        assert got == brute


def test_litkit_cocitation_recovers_the_planted_groups(demo_dir, truth):
    """The same with the public builder (issue 17), once it exists."""
    import litkit

    if not hasattr(litkit, "cocitation"):
        pytest.skip("litkit.cocitation is not written yet")
    corpus = litkit.read([demo_dir / rel for rel in truth["cocitation_groups"]["files"]], progress=False)
    net = litkit.cocitation(corpus, unit="reference", min_citations=5)
    from litkit.refs import references_table

    ari, n = _ari(truth, references_table(corpus.df), net.nodes["key"], net.nodes["cluster"])
    assert n >= 50 and ari >= 0.9, ari


# ----------------------------------------------------------------------------------------------
# citations between demo records
# ----------------------------------------------------------------------------------------------
def _cites(rec: dict, cited: dict) -> str | None:
    """How ``rec``'s CR points at ``cited``: 'doi', 'bibliographic' or None (a brute-force match)."""
    surname, initials = cited["AU"][0].split(", ")
    head = f"{surname} {initials}, {cited['PY'][0]}, {cited['J9'][0]}, V{cited['VL'][0]}, P{cited['BP'][0]}"
    doi = cited.get("DI", [""])[0]
    for cr in rec.get("CR", []):
        if doi and cr.endswith(f"DOI {doi}"):
            return "doi"
        if cr == head:
            return "bibliographic"
    return None


def test_local_citations_are_in_the_cr_fields_and_nothing_else_matches(truth, wos):
    planted = truth["local_citations"]
    links = {(citing, cited): how for citing, cited, how in planted["links"]}
    assert len(links) == len(planted["links"]) >= 100
    assert {"doi", "bibliographic"} == set(links.values())
    landmarks = planted["landmarks"]
    assert {cited for _, cited in links} == set(landmarks)
    for ut, info in landmarks.items():
        assert info["lcs"] == sum(cited == ut for _, cited in links)
        assert wos[ut]["TI"][0].startswith(info["TI"].split(" ")[0]) and int(wos[ut]["PY"][0]) == info["PY"]
    assert max(info["lcs"] for info in landmarks.values()) >= 20
    # brute force: every (record, landmark) pair that matches by DOI or bibliographic string is planted
    found = {}
    for citing, rec in wos.items():
        for ut in landmarks:
            how = _cites(rec, wos[ut])
            if how:
                found[(citing, ut)] = how
                assert int(rec["PY"][0]) > int(wos[ut]["PY"][0])
    assert found == links


def test_litkit_citation_network_finds_the_planted_links(demo_dir, truth, wos):
    import litkit

    if not hasattr(litkit, "citation_network"):
        pytest.skip("litkit.citation_network is not written yet")
    corpus = litkit.read([demo_dir / rel for rel in truth["local_citations"]["files"]], progress=False)
    net = litkit.citation_network(corpus)
    links = net.links()
    ut = dict(zip(net.nodes["id"], net.nodes["key"]))
    found = {(ut[s], ut[t]) for s, t in zip(links["source_id"], links["target_id"])}
    planted = {(citing, cited) for citing, cited, _ in truth["local_citations"]["links"]}
    assert all(k.startswith("WOS:") for k in ut.values())  # records are keyed by their UT
    assert planted <= found


def test_no_citation_link_beyond_the_planted(demo_dir, truth):
    """Only the planted links: a reference whose DOI differs from a record's DOI must not be matched to it
    by author, year, source and volume (e.g. 'Ye HF, 2023, ECOSYST SERV, V12, DOI 10.5555/es.2023.93299'
    is not the record Ye, YX 2023 ECOSYST SERV 12, article 127101, DOI 10.5555/es.2023.027900)."""
    import litkit

    if not hasattr(litkit, "citation_network"):
        pytest.skip("litkit.citation_network is not written yet")
    corpus = litkit.read([demo_dir / rel for rel in truth["local_citations"]["files"]], progress=False)
    net = litkit.citation_network(corpus)
    links = net.links()
    ut = dict(zip(net.nodes["id"], net.nodes["key"]))
    found = {(ut[s], ut[t]) for s, t in zip(links["source_id"], links["target_id"])}
    planted = {(citing, cited) for citing, cited, _ in truth["local_citations"]["links"]}
    assert found - planted == set()
    match = dict(zip(zip(links["source_id"].map(ut), links["target_id"].map(ut)), links["match"]))
    for citing, cited, how in truth["local_citations"]["links"]:
        assert match[(citing, cited)] == how, (citing, cited)


# ----------------------------------------------------------------------------------------------
# affiliations
# ----------------------------------------------------------------------------------------------
def test_every_wos_address_is_in_the_address_table_with_its_country(truth, wos):
    aff = truth["affiliations"]
    table = {address: (inst, iso) for address, inst, iso in aff["address_table"]}
    isos = {iso for _, iso in table.values()}
    # the traps of issue 18 are all planted
    assert {"US", "GE", "GB", "IE", "HK", "MO", "TW", "KR", "KP", "IN", "NG", "NE", "SD", "SS", "CD", "CG"} <= isos
    per_country = collections.Counter()
    pairs = collections.Counter()
    for ut, rec in wos.items():
        addresses = _c1_addresses(rec)
        assert addresses, ut
        countries, institutions = set(), []
        for _authors, address in addresses:
            inst, iso = table[address]
            assert address.startswith(inst + ",")
            countries.add(iso)
            institutions.append(inst) if inst not in institutions else None
        expected = aff["wos"].get(ut)
        if expected is None:
            assert countries == {"CN"}, ut
        else:
            assert sorted(countries) == expected[0] and institutions == expected[1], ut
        per_country.update(countries)
        pairs.update(itertools.combinations(sorted(countries), 2))
    assert dict(per_country) == aff["records_per_country"]
    assert sorted([a, b, n] for (a, b), n in pairs.items()) == truth["country_collaboration"]["pairs"]


def test_c1_groups_name_the_record_authors_and_rp_has_its_forms(truth, wos):
    aff = truth["affiliations"]
    multi = 0
    for ut, rec in wos.items():
        year = int(rec["PY"][0])
        full_names = set(rec["AF"])
        for authors, _address in _c1_addresses(rec):
            assert (not authors) == (year < 2008), ut  # [names] groups since 2008, as in real exports
            assert set(authors) <= full_names
        rp = rec["RP"][0]
        role = "corresponding author" if year >= 2018 else "reprint author"
        assert rp.count(f"({role})") == rp.count("(") and rp.startswith(rec["AU"][0] + f" ({role}), ")
        if rp.count("(") == 2:
            multi += 1
            assert aff["wos"][ut][2] == re.findall(r"(?:^|; )([^;(]+?) \(", rp)
    assert multi >= 10


def test_scopus_and_cnki_trap_records_carry_their_addresses(demo_dir, truth):
    aff = truth["affiliations"]
    rows = list(csv.DictReader(io.StringIO((demo_dir / "scopus" / "scopus.csv").read_text(encoding="utf-8"))))
    by_eid = {row["EID"]: row for row in rows}
    scopus_names = {t[1].split(", ")[0] for t in aff["address_table"]}
    assert len(aff["scopus"]) >= 5 and scopus_names
    for eid, (countries, institutions) in aff["scopus"].items():
        text = by_eid[eid]["Affiliations"]
        for inst in institutions:
            assert inst in text, (eid, inst)
        assert countries and all(len(c) == 2 for c in countries)
    assert len(aff["cnki"]) == 8
    for where, (countries, institutions, _sub_units) in aff["cnki"].items():
        rel, line = where.rsplit(":", 1)
        lines = (demo_dir / rel).read_bytes().decode("utf-8").split("\r\n")
        start = int(line) - 1
        record = lines[start : lines.index("", start)]
        (field,) = [value for value in record if value.startswith(("AD ", "%+ "))]
        for inst in institutions:
            assert inst in field, (where, inst)
        assert set(countries) <= {"CN", "HK", "MO", "TW", "KR", "DE"}
