"""litkit.collaboration and litkit.country_production: links, sizes and SCP/MCP against brute-force counts.

The brute force works on Python sets of units per record — authors from ``AU`` (normalised here
again), institutions and countries from the rows of ``litkit.affiliations`` (WoS ``C3`` rows left
out) — and counts every pair of every record with ``itertools.combinations``; the library counts
with sparse products.  Real exports with addresses from ../shared (WoS plain text and
tab-delimited, Scopus CSV, CNKI RefWorks and EndNote) for every unit, full and fractional; the demo
corpus's planted country collaborations and SCP/MCP (corpora/demo/truth.json); the VOSviewer-style
``max_authors`` cut; empty input; the run layer and ``litkit collab``.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
import pytest

import litkit
from litkit.network import collaboration, collaboration_incidence, country_production

#: Real exports with addresses, as (folder/file under ../shared/corpora).
EXPORTS = [
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-bibliometrix-fixture/wos_sample.txt",
    "wos-tabdelimited/savedrecs_WoS_68_Whittaker_Beta_Diversity.txt",
    "scopus-csv/scopus_litstudy.csv",
    "cnki-refworks/CNKI.txt",
    "cnki-endnote/demo.txt",
    "wos-plaintext-metaknowledge/ManyAuthors.isi",  # reprint addresses abroad (bibliometrix's AU_CO rule)
]
UNITS = ("author", "institution", "country")


# ---- brute force ----------------------------------------------------------------------------------


def _author_key(name) -> str:
    text = unicodedata.normalize("NFKC", str(name)).upper()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _units_per_record(corpus, aff: pd.DataFrame, unit: str) -> list[set[str]]:
    """Distinct units of each record, from plain loops."""
    n = len(corpus.df)
    per = [set() for _ in range(n)]
    if unit == "author":
        for r, names in enumerate(corpus.df["AU"].tolist()):
            for name in names if isinstance(names, (list, tuple, np.ndarray)) else []:
                if _author_key(name):
                    per[r].add(_author_key(name))
        return per
    for r, field, value in zip(aff["record"], aff["source_field"], aff[unit]):
        if field != "C3" and isinstance(value, str) and value.strip():
            per[int(r)].add(value.strip())
    return per


def _n_authors(corpus) -> list[int]:
    return [len(v) if isinstance(v, (list, tuple, np.ndarray)) else 0 for v in corpus.df["AU"].tolist()]


def _brute(per_record: list[set[str]], n_authors: list[int], max_authors):
    """(documents, fractional documents, full pair counts, fractional pair counts) by plain loops."""
    docs, docs_frac = Counter(), defaultdict(float)
    full, frac = Counter(), defaultdict(float)
    for units, k in zip(per_record, n_authors):
        if max_authors is not None and k > max_authors:
            continue
        for u in units:
            docs[u] += 1
            docs_frac[u] += 1 / len(units)
        for a, b in itertools.combinations(sorted(units), 2):
            full[a, b] += 1
            frac[a, b] += 1 / (len(units) - 1)
    return docs, docs_frac, full, frac


def _network_pairs(net) -> tuple[dict, dict]:
    keys = net.keys
    links = net.links()
    full, frac = {}, {}
    for s, t, c, f in zip(links["source_id"], links["target_id"], links["count"], links["fractional"]):
        pair = tuple(sorted((keys[s - 1], keys[t - 1])))
        full[pair], frac[pair] = int(c), float(f)
    return full, frac


@pytest.fixture(scope="module")
def exports(shared_corpora):
    """Each shared export read once, with its affiliations table."""
    out = {}
    for rel in EXPORTS:
        corpus = litkit.read(shared_corpora / rel, progress=False)
        out[rel] = (corpus, litkit.affiliations(corpus))
    return out


# ---- real exports -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rel", EXPORTS)
@pytest.mark.parametrize("unit", UNITS)
def test_links_and_sizes_equal_a_brute_force_count(exports, rel, unit):
    corpus, aff = exports[rel]
    per = _units_per_record(corpus, aff, unit)
    authors = _n_authors(corpus)
    docs, docs_frac, full, frac = _brute(per, authors, 25)
    if not docs:
        pytest.skip(f"{rel} names no {unit}")  # (every export here has each unit; see the assert below)
    for counting in ("full", "fractional"):
        net = collaboration(corpus, unit, top_n=None, counting=counting, affiliations=aff, with_layout=False)
        assert net.kind == "collaboration" and net.size == "documents" and not net.message
        got_full, got_frac = _network_pairs(net)
        assert got_full == dict(full)
        assert got_frac.keys() == frac.keys()
        assert all(got_frac[p] == pytest.approx(frac[p], abs=1e-9) for p in frac)
        nodes = net.nodes
        assert dict(zip(nodes["key"], nodes["documents"])) == dict(docs)
        assert np.allclose(nodes["documents_fractional"], [docs_frac[k] for k in nodes["key"]], atol=1e-6)
        # rank order: most documents first, ties by key
        assert list(nodes["key"]) == sorted(docs, key=lambda k: (-docs[k], k))
        # total link strength of the counting in use: the row sums of its pair counts
        strength = defaultdict(float)
        for (a, b), v in (full if counting == "full" else frac).items():
            strength[a] += v
            strength[b] += v
        assert np.allclose(nodes["total_link_strength"], [strength[k] for k in nodes["key"]], atol=1e-6)
        assert net.params["records_skipped_max_authors"] == sum(k > 25 for k in authors)
        # the incidence kept on the network is records x nodes, one per record and unit
        assert net.incidence.shape == (len(corpus), len(net)) and net.incidence.max() == 1
    # the affiliations table is computed when not given, with the same result
    if unit == "country":
        again = collaboration(corpus, unit, top_n=None, with_layout=False)
        assert _network_pairs(again)[0] == dict(full)


def test_every_export_has_every_unit(exports):
    for rel, (corpus, aff) in exports.items():
        for unit in UNITS:
            assert any(_units_per_record(corpus, aff, unit)), (rel, unit)


@pytest.mark.parametrize("rel", EXPORTS)
def test_country_production_equals_a_brute_force_count(exports, rel):
    """SCP/MCP per corresponding author's country (bibliometrix's definition), recounted."""
    corpus, aff = exports[rel]
    # The countries of a record as bibliometrix's AU_CO has them: its addresses', else its reprint address's.
    countries = [set() for _ in range(len(corpus))]
    reprint = [set() for _ in range(len(corpus))]
    lead: dict[int, str] = {}
    corresponding: dict[int, str] = {}
    reprint_first: dict[int, str] = {}  # the reprint address (RP) names the corresponding author's country first
    for r, country, corr, field in zip(aff["record"], aff["country"], aff["corresponding"], aff["source_field"]):
        if isinstance(country, str) and country:
            r = int(r)
            (reprint if field in ("RP", "Correspondence Address") else countries)[r].add(country)
            lead.setdefault(r, country)
            if corr:
                corresponding.setdefault(r, country)
            if field in ("RP", "Correspondence Address"):
                reprint_first.setdefault(r, country)
    countries = [c or other for c, other in zip(countries, reprint)]
    scp, mcp = Counter(), Counter()
    for r, first in lead.items():
        (mcp if len(countries[r]) > 1 else scp)[reprint_first.get(r, corresponding.get(r, first))] += 1
    table = country_production(corpus, aff)
    assert {c: (s, m) for c, s, m in zip(table["country"], table["SCP"], table["MCP"])} == {
        c: (scp[c], mcp[c]) for c in scp.keys() | mcp.keys()
    }
    assert (table["articles"] == table["SCP"] + table["MCP"]).all()
    assert np.allclose(table["MCP_ratio"], table["MCP"] / table["articles"])
    assert table["share"].sum() == pytest.approx(1.0)
    assert table.attrs["records_without_country"] == len(corpus) - len(lead)
    assert list(table["country"]) == sorted(table["country"], key=lambda c: (-(scp[c] + mcp[c]), c))


def test_max_authors_skips_records_as_vosviewer(exports):
    """The Whittaker export has records with more than 25 authors: their pairs are gone unless max_authors=None."""
    corpus, aff = exports["wos-tabdelimited/savedrecs_WoS_68_Whittaker_Beta_Diversity.txt"]
    authors = _n_authors(corpus)
    big = [r for r, k in enumerate(authors) if k > 25]
    assert big, "the export has a record with more than 25 authors"
    for unit in UNITS:
        per = _units_per_record(corpus, aff, unit)
        for max_authors in (None, 25, 8):
            net = collaboration(corpus, unit, top_n=None, max_authors=max_authors, affiliations=aff, with_layout=False)
            _, _, full, _ = _brute(per, authors, max_authors)
            assert _network_pairs(net)[0] == dict(full), (unit, max_authors)
            skipped = 0 if max_authors is None else sum(k > max_authors for k in authors)
            assert net.params["records_skipped_max_authors"] == skipped
    # a pair of authors that only the big records link is there with max_authors=None only
    per = _units_per_record(corpus, aff, "author")
    only_big = {p for r in big for p in itertools.combinations(sorted(per[r]), 2)}
    only_big -= {p for r, units in enumerate(per) if r not in big for p in itertools.combinations(sorted(units), 2)}
    assert only_big
    kept = _network_pairs(collaboration(corpus, "author", top_n=None, max_authors=None, with_layout=False))[0]
    cut = _network_pairs(collaboration(corpus, "author", top_n=None, with_layout=False))[0]
    assert only_big <= kept.keys() and not (only_big & cut.keys())


def test_selection_keeps_the_top_units_and_their_full_counts(exports):
    corpus, aff = exports["wos-plaintext-environment/globe2060_savedrecs_5.txt"]
    per = _units_per_record(corpus, aff, "institution")
    docs, _, full, _ = _brute(per, _n_authors(corpus), 25)
    ranked = sorted(docs, key=lambda k: (-docs[k], k))
    net = collaboration(corpus, "institution", min_documents=2, top_n=10, affiliations=aff, with_layout=False)
    expected = [k for k in ranked if docs[k] >= 2][:10]
    assert net.keys == expected
    got = _network_pairs(net)[0]
    assert got == {p: n for p, n in full.items() if p[0] in expected and p[1] in expected}


# ---- the demo corpus's planted collaborations -----------------------------------------------------------


@pytest.fixture(scope="module")
def demo_wos(demo_dir):
    truth = json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))
    corpus = litkit.read([demo_dir / rel for rel in truth["affiliations"]["wos_files"]], progress=False)
    return corpus, truth


def test_demo_planted_country_collaborations_are_recovered(demo_wos):
    corpus, truth = demo_wos
    net = collaboration(corpus, "country", top_n=None, max_authors=None, with_layout=False)
    full, _ = _network_pairs(net)
    assert sorted([a, b, n] for (a, b), n in full.items()) == truth["country_collaboration"]["pairs"]
    assert dict(zip(net.keys, net.nodes["documents"].tolist())) == truth["affiliations"]["records_per_country"]
    labels = dict(zip(net.keys, net.labels))
    assert labels["CN"] == "China" and labels["KP"] != labels["KR"] and labels["CD"] != labels["CG"]


def test_demo_planted_scp_mcp_are_recovered(demo_wos):
    corpus, truth = demo_wos
    table = country_production(corpus)
    got = {c: [int(s), int(m)] for c, s, m in zip(table["country"], table["SCP"], table["MCP"])}
    assert got == truth["country_collaboration"]["scp_mcp"]


def test_record_order_does_not_change_the_network(demo_wos):
    corpus, _ = demo_wos
    order = np.random.default_rng(7).permutation(len(corpus))
    shuffled = litkit.Corpus(corpus.df.iloc[order].reset_index(drop=True))
    for unit in ("institution", "country"):
        a = collaboration(corpus, unit, with_layout=False)
        b = collaboration(shuffled, unit, with_layout=False)
        pd.testing.assert_frame_equal(
            a.nodes.drop(columns=["x", "y"]), b.nodes.drop(columns=["x", "y"]), check_exact=False, rtol=1e-12
        )
        assert _network_pairs(a) == _network_pairs(b)


# ---- hand-worked example, empty input, errors ---------------------------------------------------------


def _records(rows):
    return litkit.Corpus.from_records(rows)


def test_hand_worked_fractional_counts():
    # record 0: CN, US, GB (each pair 1/2); record 1: CN, US (1); record 2: CN twice (no pair)
    aff = pd.DataFrame(
        {
            "record": [0, 0, 0, 1, 1, 2, 2],
            "country": ["CN", "US", "GB", "CN", "US", "CN", "CN"],
            "source_field": ["C1"] * 7,
        }
    )
    corpus = _records([{"UT": "a", "PY": 2020, "TC": 3}, {"UT": "b", "PY": 2022, "TC": 1}, {"UT": "c", "PY": 2024}])
    net = collaboration(corpus, "country", counting="fractional", affiliations=aff, with_layout=False)
    full, frac = _network_pairs(net)
    assert full == {("CN", "US"): 2, ("CN", "GB"): 1, ("GB", "US"): 1}
    assert frac == pytest.approx({("CN", "US"): 1.5, ("CN", "GB"): 0.5, ("GB", "US"): 0.5})
    nodes = net.nodes.set_index("key")
    assert nodes.loc["CN", "documents"] == 3 and nodes.loc["CN", "citations"] == 4
    assert nodes.loc["CN", "documents_fractional"] == pytest.approx(1 / 3 + 1 / 2 + 1)
    assert nodes.loc["US", "avg_year"] == 2021.0
    # fractional counting: a unit's link strength from one record is 1 (shared among its partners)
    assert nodes.loc["GB", "total_link_strength"] == pytest.approx(1.0)
    assert nodes.loc["CN", "total_link_strength"] == pytest.approx(2.0)
    m, keys, labels = collaboration_incidence(corpus, "country", affiliations=aff)
    assert m.toarray().tolist() == [[1, 1, 1], [1, 1, 0], [1, 0, 0]] and keys == ["CN", "US", "GB"]


def test_author_labels_are_the_most_frequent_spelling():
    corpus = _records(
        [
            {"UT": "1", "AU": ["Li, W.", "Roe, J"]},
            {"UT": "2", "AU": ["Li, W", "Roe, J"]},
            {"UT": "3", "AU": ["LI, W", "Roe, J"]},
            {"UT": "4", "AU": ["Li, W"]},
        ]
    )
    net = collaboration(corpus, "author", with_layout=False)
    assert net.keys == ["LI W", "ROE J"] and net.labels == ["Li, W", "Roe, J"]
    assert _network_pairs(net)[0] == {("LI W", "ROE J"): 3}


def test_no_addresses_gives_an_empty_network_with_a_message(tmp_path):
    corpus = _records([{"UT": "1", "AU": ["Li, W", "Roe, J"], "PY": 2020}, {"UT": "2", "AU": ["Wu, X"]}])
    for unit in ("institution", "country"):
        net = collaboration(corpus, unit)
        assert net.is_empty() and net.kind == "collaboration"
        assert "no address" in net.message and unit in net.message
        files = net.export(tmp_path / unit)
        assert (tmp_path / unit / "nodes.csv").is_file() and "collaboration_map.png" not in files
    table = country_production(corpus)
    assert len(table) == 0 and table.attrs["records_without_country"] == 2
    empty = collaboration(_records([{"UT": "1", "TI": "x"}]), "author")
    assert empty.is_empty() and empty.message == "the corpus names no author"
    big = collaboration(_records([{"UT": "1", "AU": [f"A{i}, B" for i in range(30)]}]), "author")
    assert big.is_empty() and "max_authors=25" in big.message
    few = collaboration(corpus, "author", min_documents=2)
    assert few.is_empty() and "min_documents=2" in few.message


def test_bad_parameters_are_one_line_litkit_errors():
    corpus = _records([{"UT": "1", "AU": ["Li, W"]}])
    for kwargs in (
        {"unit": "journal"},
        {"unit": "author", "counting": "half"},
        {"unit": "author", "max_authors": 0},
        {"unit": "author", "top_n": 0},
    ):
        with pytest.raises(litkit.LitkitError) as err:
            collaboration(corpus, **kwargs)
        assert "\n" not in str(err.value)
    with pytest.raises(litkit.LitkitError):
        collaboration(corpus, "country", affiliations=pd.DataFrame({"record": [0]}))


# ---- figures, run layer and command line ------------------------------------------------------------------


def test_heatmap_matrix_and_scp_mcp_bars(demo_wos):
    from litkit.plot.collaboration import heatmap_matrix, plot_collaboration_heatmap, plot_country_production
    from litkit.plot.style import close

    corpus, _ = demo_wos
    net = collaboration(corpus, "country", with_layout=False)
    matrix = heatmap_matrix(net, top=5)
    assert list(matrix.index) == net.labels[:5]
    assert (matrix.to_numpy() == net.counts[:5, :5].toarray()).all()
    assert (matrix.to_numpy() == matrix.to_numpy().T).all() and not np.diag(matrix.to_numpy()).any()
    fig = plot_collaboration_heatmap(net, top=5)
    close(fig)
    table = country_production(corpus)
    fig = plot_country_production(table, top=4)
    widths = [round(p.get_width()) for p in fig.axes[0].patches]
    assert widths == table["SCP"].head(4).tolist() + table["MCP"].head(4).tolist()
    close(fig)
    with pytest.raises(litkit.LitkitError):
        plot_collaboration_heatmap(collaboration(_records([{"UT": "1"}]), "country"))


def test_run_layer_and_cli_write_the_same_files(demo_dir, tmp_path):
    from typer.testing import CliRunner

    from litkit import runs
    from litkit.cli import app

    parquet = tmp_path / "wos.parquet"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(demo_dir / "wos"), "-o", str(parquet)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "cli"
    result = runner.invoke(app, ["collab", str(parquet), "--unit", "country", "-o", str(out), "--formats", "png"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    expected = {
        "nodes.csv",
        "clusters.csv",
        "links.csv",
        "vosviewer_map.txt",
        "vosviewer_network.txt",
        "vosviewer.json",
        "network.gexf",
        "network.graphml",
        "collaboration_network.html",
        "collaboration_country_map.png",
        "country_collaboration.png",
        "country_production.csv",
        "country_production.png",
        "params.json",
    }
    assert expected == names
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert params["analysis"] == "collab" and params["parameters"]["unit"] == "country"
    # the run layer on the same corpus writes the same tables, byte for byte
    corpus = litkit.Corpus.read_parquet(parquet)
    lib = tmp_path / "lib"
    runs.run("collab", corpus, lib, {"unit": "country"}, formats=["png"])
    for name in ("nodes.csv", "links.csv", "clusters.csv", "country_production.csv", "vosviewer_map.txt"):
        assert (lib / name).read_bytes() == (out / name).read_bytes(), name
    links = pd.read_csv(out / "links.csv")
    truth = json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))
    planted = {(a, b): n for a, b, n in truth["country_collaboration"]["pairs"]}
    keys = dict(
        zip(
            pd.read_csv(out / "nodes.csv", keep_default_na=False)["id"],
            pd.read_csv(out / "nodes.csv", keep_default_na=False)["key"],
        )
    )
    got = {
        tuple(sorted((keys[s], keys[t]))): n for s, t, n in zip(links["source_id"], links["target_id"], links["count"])
    }
    assert got == planted
    # Greater China grouped: Hong Kong, Macao and Taiwan are no nodes of their own; topic terms on request
    grouped = tmp_path / "grouped"
    args = [
        "collab",
        str(parquet),
        "--unit",
        "country",
        "-o",
        str(grouped),
        "--formats",
        "png",
        "--group-greater-china",
    ]
    result = runner.invoke(app, [*args, "--topic-field", "DE", "--topic-field", "ID"])
    assert result.exit_code == 0, result.output
    keys = set(pd.read_csv(grouped / "nodes.csv", keep_default_na=False)["key"])
    assert {"CN", "US"} <= keys and not keys & {"HK", "MO", "TW"}
    clusters = pd.read_csv(grouped / "clusters.csv", keep_default_na=False)
    assert (clusters.loc[clusters["size"] >= 3, "label_llr"] != "").all()
    params = json.loads((grouped / "params.json").read_text(encoding="utf-8"))["parameters"]
    assert params["group_greater_china"] is True and params["label_fields"] == ["DE", "ID"]
    # a bad unit is a one-line error with exit status 2
    bad = runner.invoke(app, ["collab", str(parquet), "--unit", "journal", "-o", str(tmp_path / "bad")])
    assert bad.exit_code == 2 and "unknown collaboration unit" in bad.output
    assert not (tmp_path / "bad").exists()


def test_run_on_a_corpus_without_addresses_writes_tables_without_crashing(tmp_path):
    from litkit import runs

    corpus = _records([{"UT": "1", "AU": ["Li, W", "Roe, J"], "PY": 2020}])
    result = runs.run("collab", corpus, tmp_path / "out", {"unit": "country"}, formats=["png"])
    names = {p.name for p in result.files}
    assert {"nodes.csv", "links.csv", "country_production.csv", "params.json"} <= names
    assert not any(n.endswith(".png") for n in names)
    assert "no address" in result.parameters["message"]


def test_clusters_are_named_by_their_largest_member_and_topics_on_request(demo_wos):
    corpus, _ = demo_wos
    plain = collaboration(corpus, "institution", with_layout=False)
    topics = collaboration(corpus, "institution", label_fields=("DE", "ID"), with_layout=False)
    pd.testing.assert_frame_equal(plain.nodes, topics.nodes)  # topic terms change no node, link or cluster
    for net in (plain, topics):
        members = net.nodes.groupby("cluster")["label"].first()  # nodes are in rank order
        assert net.clusters["label"].tolist() == [members[c] for c in net.clusters["cluster"]]
        assert net.clusters["size"].sum() == len(net) and net.clusters["cluster"].min() == 0
    assert (plain.clusters["label_llr"] == "").all()
    big = topics.clusters[topics.clusters["size"] >= 3]
    assert len(big) and (big["label_llr"] != "").all()
    assert topics.params["label_fields"] == ["DE", "ID"]
