"""litkit.merge: matching rules, merged records, report, invariants, real files, demo corpus."""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest

import litkit
from litkit import Corpus, LitkitError
from litkit.merging import FUZZY_THRESHOLD, MergeReport, first_author_surname, merge, normalize_title, union_references
from litkit.refs import reference_keys, reference_overlap


def frame_bytes(corpus: Corpus) -> str:
    """A byte-exact serialisation of the merged table (lists, NA and dtypes included)."""
    return corpus.df.to_json(orient="split", force_ascii=False) + str(corpus.df.dtypes.tolist())


@pytest.fixture(scope="module")
def bib_pair(shared_corpora):
    folder = shared_corpora / "wos-bibtex"
    return litkit.read(folder / "wos_m.bib"), litkit.read(folder / "scopus_m.bib")


# ---- the real WoS / Scopus BibTeX pair of one query --------------------------------------------


def test_real_pair_exact_matches(bib_pair):
    wos, scopus = bib_pair
    merged = merge(wos, scopus)
    report = merged.report
    assert isinstance(report, MergeReport)
    assert (report.records_in, report.records_out, report.merged_away) == (53, 34, 19)
    accepted = report.matches[report.matches["decision"] == "merged"]
    assert accepted["rule"].value_counts().to_dict() == {"doi": 18, "fuzzy": 1}
    assert len(report.matches) == 19  # no rejected or conflicting pairs
    # the fuzzy pair: WoS has no DOI and cut the last letter of the title
    fuzzy = accepted[accepted["rule"] == "fuzzy"].iloc[0]
    assert {fuzzy["id_a"], fuzzy["id_b"]} == {"WOS:000270081200006", "2-s2.0-68849129954"}
    assert FUZZY_THRESHOLD <= fuzzy["score"] < 100
    both = merged.df[merged.df["DB"] == "WoS;Scopus"]
    assert len(both) == 19 and both["UT"].str.startswith("WOS:").all()
    assert (both["source_file"].str.count(";") == 1).all()
    rec = both[both["UT"] == "WOS:000270081200006"].iloc[0]
    # the title stays with the WoS id (it is what the record is matched on); the SO is the longest
    assert rec["TI"] == wos.df[wos.df["UT"] == "WOS:000270081200006"].iloc[0]["TI"]
    assert rec["SO"].startswith("Lecture Notes in Computer Science (including subseries")
    assert rec["DI"] == "10.1007/978-3-642-02478-8_6"  # filled from Scopus
    # unmatched records are listed: 10 WoS + 5 Scopus
    assert report.unmatched["db"].value_counts().to_dict() == {"WoS": 10, "Scopus": 5}
    table = report.table()
    assert len(table) == 19 + 15 and set(table["rule"]) == {"doi", "fuzzy", "unmatched"}


def test_real_pair_merged_fields(bib_pair):
    wos, scopus = bib_pair
    merged = merge(wos, scopus).df
    rec = merged[merged["UT"] == "WOS:000278542800018"].iloc[0]
    wos_rec = wos.df[wos.df["UT"] == "WOS:000278542800018"].iloc[0]
    scopus_rec = scopus.df[scopus.df["DI"] == "10.1016/j.amc.2010.04.009"].iloc[0]
    assert rec["CR"] == wos_rec["CR"]  # Scopus BibTeX carries no references
    assert rec["TC"] == max(wos_rec["TC"], scopus_rec["TC"])
    folded = [k.casefold() for k in rec["DE"]]
    assert len(folded) == len(set(folded))  # keywords united case-insensitively
    assert set(folded) == {k.casefold() for k in list(wos_rec["DE"]) + list(scopus_rec["DE"])}
    assert rec["DE"][: len(wos_rec["DE"])] == wos_rec["DE"]  # WoS spelling and order first


def test_unified_reference_figure(shared_corpora, bib_pair):
    """The README figure: distinct cited references shared by WoS and Scopus exports in ../shared."""
    wos_bib, scopus_bib = bib_pair
    # the BibTeX pair of one query: Scopus's BibTeX export has no references field at all
    pair = reference_overlap(wos_bib, scopus_bib)
    assert pair["raw_b"] == 0 and pair["keys_shared"] == 0
    # every WoS export in ../shared that carries cited references (savedrecs-alt has none)
    folders = [
        "wos-plaintext-metaknowledge",
        "wos-plaintext-bibliometrix-fixture",
        "wos-plaintext-environment",
        "wos-tabdelimited",
    ]
    wos = litkit.read([shared_corpora / f for f in folders] + [shared_corpora / "wos-bibtex" / "wos_m.bib"])
    scopus = litkit.read(shared_corpora / "scopus-csv")
    overlap = reference_overlap(wos, scopus)
    assert (overlap["raw_a"], overlap["raw_b"]) == (81020, 12963)
    assert overlap["raw_shared"] == 0  # raw strings never agree across the two databases
    # 94 references are recognised as the same work: 66 through a DOI (the WoS string's DOI lent to
    # the DOI-less Scopus string), 28 through author|year|source|volume|page with the source normalised.
    # (93 before normalize_source cut LTWA suffixes: "J. Monet. Econ." now meets J MONETARY ECON (Easterly
    # 1993) and "Design and Analysis of Clinical Experiments" DESIGN ANAL CLIN EXP (Fleiss 1986); Hosmer 1989's
    # book, which WoS cut at 20 characters of unshortened words, APPL LOGISTIC REGRES, no longer meets.)
    assert overlap["keys_shared"] == 94


# ---- invariants -------------------------------------------------------------------------------


def test_order_independent_and_idempotent(bib_pair):
    wos, scopus = bib_pair
    ab, ba = merge(wos, scopus), merge(scopus, wos)
    assert frame_bytes(ab) == frame_bytes(ba)
    assert ab.report.table().to_csv() == ba.report.table().to_csv()
    assert frame_bytes(merge(wos, scopus, wos, scopus)) == frame_bytes(ab)  # merge(c, c) == merge(c)
    again = merge(ab)
    assert frame_bytes(again) == frame_bytes(ab) and again.report.merged_away == 0


def test_seeded_random_splits_and_orders(bib_pair):
    wos, scopus = bib_pair
    expected = frame_bytes(merge(wos, scopus))
    rows = pd.concat([wos.df, scopus.df], ignore_index=True)
    rng = random.Random(20240601)
    for _ in range(6):
        order = list(range(len(rows)))
        rng.shuffle(order)
        cuts = sorted(rng.sample(range(1, len(rows)), rng.randint(0, 3)))
        parts = [order[a:b] for a, b in zip([0] + cuts, cuts + [len(rows)])]
        corpora = [Corpus(rows.iloc[p].reset_index(drop=True)) for p in parts]
        assert frame_bytes(merge(*corpora)) == expected


def test_no_record_disappears_unlisted(bib_pair):
    wos, scopus = bib_pair
    report = merge(wos, scopus, wos).report
    assert report.records_in == 53 + 29
    assert report.records_in == report.records_out + report.merged_away
    membership = report.membership
    assert len(membership) == report.records_in
    assert membership.groupby("record")["merged_away"].apply(lambda s: (~s).sum()).eq(1).all()
    assert (membership["merged_away"].sum(), report.records_out) == (48, 34)


# ---- constructed corpora: rules ------------------------------------------------------------------


def rec(ut, db, title, year, authors, doi=None, cr=(), de=(), tc=None, file="f.txt", line=1, **extra):
    return {
        "UT": ut,
        "DB": db,
        "TI": title,
        "PY": year,
        "AU": list(authors),
        "DI": doi,
        "CR": list(cr),
        "DE": list(de),
        "TC": tc,
        "source_file": file,
        "source_line": line,
        **extra,
    }


WOS_CR = [
    "Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0",
    "Daily GC, 1997, NATURES SERVICES SOC",
    "Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609",
]
SCOPUS_CR = [
    "Costanza, R., d'Arge, R., The value of the world's ecosystem services and natural capital (1997) "
    "Nature, 387 (6630), pp. 253-260.",
    "Pan Y.; Birdsey R.A., A large and persistent carbon sink in the world's forests, Science, 333, "
    "6045, pp. 988-993, (2011)",
    "Wunder, S., Payments for environmental services (2005) CIFOR Occasional Paper, 42",
]


def test_cited_references_united_by_key():
    wos = Corpus.from_records(
        [
            rec(
                "WOS:1",
                "WoS",
                "Valuing ecosystem services of China",
                2015,
                ["Xie, GD"],
                doi="10.1/a",
                cr=WOS_CR,
                de=["Ecosystem services", "China"],
                tc=10,
            )
        ]
    )
    scopus = Corpus.from_records(
        [
            rec(
                "2-s2.0-1",
                "Scopus",
                "Valuing Ecosystem Services of China",
                2015,
                ["Xie, G"],
                doi="10.1/A",
                cr=SCOPUS_CR,
                de=["ecosystem services", "GEP"],
                tc=12,
                file="s.csv",
            )
        ]
    )
    merged = merge(wos, scopus).df.iloc[0]
    assert merged["UT"] == "WOS:1" and merged["DB"] == "WoS;Scopus" and merged["source_file"] == "f.txt;s.csv"
    # Costanza and Pan are the same works in both lists (Pan through the DOI of the WoS string)
    assert merged["CR"] == WOS_CR + [SCOPUS_CR[2]]
    assert merged["DE"] == ["Ecosystem services", "China", "GEP"] and merged["TC"] == 12
    keys = reference_keys(WOS_CR + SCOPUS_CR)
    assert keys[0] == keys[3] == "doi:10.1038/387253a0" and keys[2] == keys[4]


def test_union_keeps_the_richest_members_count():
    refs_a = ["A R, 2000, NATURE, V1, P1", "A R, 2000, NATURE, V1, P1", "B S, 2001, SCIENCE, V2, P2"]
    refs_b = ["A R, 2000, NATURE, V1, P1", "C T, 2002, CELL, V3, P3"]
    union = union_references([refs_a, refs_b])
    assert len(union) >= max(len(refs_a), len(refs_b))
    assert union == refs_a + ["C T, 2002, CELL, V3, P3"]


def test_within_database_same_id_kept_apart_or_merged():
    # CiteSpace-converted CNKI files give every record one UT: different titles stay apart
    rows = [
        rec("CNKI:0", "CNKI", "生态产品价值实现机制研究", 2021, ["张三"], line=1),
        rec("CNKI:0", "CNKI", "碳汇交易与生态补偿", 2022, ["李四"], line=9),
        # the same WoS record downloaded in two overlapping files: one record
        rec("WOS:7", "WoS", "Carbon sinks of China", 2020, ["Fang, JY"], file="a.txt"),
        rec("WOS:7", "WoS", "Carbon sinks of China", 2020, ["Fang, JY"], file="b.txt", tc=3),
    ]
    merged = merge(Corpus.from_records(rows))
    assert len(merged) == 3
    report = merged.report
    kept = report.matches[report.matches["decision"].str.startswith("same id")]
    assert len(kept) == 1 and kept.iloc[0]["id_a"] == "CNKI:0" and kept.iloc[0]["line_b"] == 9
    assert report.unmatched["id"].tolist() == ["CNKI:0", "CNKI:0"]  # each is a record of its own
    wos = merged.df[merged.df["UT"] == "WOS:7"].iloc[0]
    assert wos["source_file"] == "a.txt;b.txt" and wos["TC"] == 3
    assert report.matches[report.matches["rule"] == "id"]["decision"].tolist() == [
        "merged",
        "same id, different records: kept apart",
    ]


def test_chinese_and_english_titles_normalised_separately():
    assert normalize_title("生态产品 价值实现：机制与路径——以浙江为例") == (
        "zh",
        "生态产品价值实现机制与路径以浙江为例",
    )
    assert normalize_title("Ｃarbon  Sinks—of CHINA!") == ("en", "carbon sinks of china")
    rows = [
        rec("CNKI:1", "CNKI", "生态产品价值实现：机制与路径", 2021, ["张三"]),
        rec("other:1", "other", "生态产品 价值实现:机制与路径", 2021, ["张三"], file="z.ris"),
        rec("WOS:1", "WoS", "Ecological product value realization: mechanisms and paths", 2021, ["Zhang, S"]),
    ]
    report = merge(Corpus.from_records(rows)).report
    accepted = report.matches[report.matches["decision"] == "merged"]
    assert accepted[["rule", "id_a", "id_b"]].values.tolist() == [["title+year+author", "CNKI:1", "other:1"]]


def test_fuzzy_rules_years_authors_numbers():
    base = "Payments for ecosystem services and rural livelihoods in the Loess Plateau"
    rows = [
        rec("WOS:1", "WoS", base, 2019, ["Li, J"]),
        rec("2-s2.0-1", "Scopus", base.replace("Loess", "Loess-"), 2020, ["Li, J."], file="s"),  # ±1, same author
        rec("WOS:2", "WoS", base + ", 1990-2015", 2018, ["Wang, X"]),
        rec("2-s2.0-2", "Scopus", base + ", 2000-2015", 2018, ["Wang, X"], file="s"),  # numbers differ
        rec("WOS:3", "WoS", "Carbon sink accounting for county-level forests", 2017, ["Zhou, Y"]),
        rec("2-s2.0-3", "Scopus", "Carbon sink accounting for county level forest", 2018, ["Sun, Q"], file="s"),
    ]
    accepted = merge(Corpus.from_records(rows)).report.matches
    accepted = accepted[accepted["decision"] == "merged"]
    assert accepted[["rule", "id_a", "id_b"]].values.tolist() == [["title+year+author", "2-s2.0-1", "WOS:1"]]
    assert first_author_surname(["Cai Lan"]) & first_author_surname(["Cai, L"])


def test_forced_matches_and_nonmatches_from_csv(bib_pair, tmp_path):
    wos, scopus = bib_pair
    nonmatch = tmp_path / "no.csv"
    nonmatch.write_text("id_a,id_b\nWOS:000270081200006,2-s2.0-68849129954\n", encoding="utf-8")
    match = tmp_path / "yes.csv"
    match.write_text("id_a,id_b\nWOS:000184327900022,2-s2.0-0025700924\n", encoding="utf-8")
    merged = merge(wos, scopus, forced_matches=match, forced_nonmatches=nonmatch)
    report = merged.report
    assert report.records_out == 34  # one pair forbidden, one forced
    decisions = dict(zip(report.matches["rule"] + ":" + report.matches["id_a"], report.matches["decision"]))
    assert decisions["fuzzy:2-s2.0-68849129954"] == "rejected: forced non-match"
    assert decisions["forced:2-s2.0-0025700924"] == "merged"
    bad = tmp_path / "bad.csv"
    bad.write_text("id_a,id_b\nWOS:000184327900022,NOPE\n", encoding="utf-8")
    with pytest.raises(LitkitError, match="NOPE") as err:
        merge(wos, scopus, forced_matches=bad)
    assert err.value.line == 2
    with pytest.raises(LitkitError, match="columns id_a,id_b"):
        merge(wos, scopus, forced_matches=pd.DataFrame({"a": [1]}))


def test_report_csv_and_parquet(bib_pair, tmp_path):
    wos, scopus = bib_pair
    merged = merge(wos, scopus)
    path = merged.report.to_csv(tmp_path / "merge.csv")
    table = pd.read_csv(path)
    assert len(table) == 34
    assert list(table.columns)[:5] == ["record", "merged_id", "rule", "score", "decision"]
    with pytest.raises(LitkitError):
        merged.report.to_csv(path)  # refuses to overwrite
    merged.to_parquet(tmp_path / "merged.parquet")
    back = Corpus.read_parquet(tmp_path / "merged.parquet")
    assert back == merged and len(back.report.files) == 2  # the ingest report survives


# ---- the demo corpus --------------------------------------------------------------------------


def test_demo_corpus_planted_duplicates(demo_dir):
    truth_path = demo_dir / "truth.json"
    if not truth_path.exists():
        pytest.skip("corpora/demo/truth.json is not generated yet")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    files = [demo_dir / name for name in sorted(truth["files"])]
    merged = merge(litkit.read(files))
    membership = merged.report.membership

    def group(record):
        hit = membership[
            (membership["file"] == str(demo_dir / record["file"])) & (membership["line"] == record["line"])
        ]
        assert len(hit) == 1, record
        return int(hit.iloc[0]["record"])

    for dup in truth["duplicates"]:
        a, b = dup["records"]
        assert group(a) == group(b), dup
    for near in truth["non_duplicates"]:
        a, b = near["records"]
        assert group(a) != group(b), near
    # every accepted pair is a planted one, or joins two records planted with the same third one
    planted = {}
    for dup in truth["duplicates"]:
        for r in dup["records"]:
            planted[(str(demo_dir / r["file"]), r["line"])] = group(dup["records"][0])
    accepted = merged.report.matches[merged.report.matches["decision"] == "merged"]
    for row in accepted.itertuples():
        assert (row.file_a, row.line_a) in planted and (row.file_b, row.line_b) in planted, row
    # cited references: never fewer than the richest source, and the planted union in most pairs
    exact = 0
    for dup in truth["duplicates"]:
        if dup["kind"] != "wos~scopus":
            continue
        n = dup["cited_references"]
        merged_cr = len(merged.df.iloc[group(dup["records"][0])]["CR"])
        assert max(n["WoS"], n["Scopus"]) <= merged_cr <= n["WoS"] + n["Scopus"]
        exact += merged_cr == n["union"]
    assert exact >= 0.75 * sum(d["kind"] == "wos~scopus" for d in truth["duplicates"])


def _random_records(rng: random.Random, n: int) -> list[dict]:
    """Records built to collide: shared DOIs, near-identical titles, one UT for several CNKI records."""
    bases = [
        "Ecological compensation in the upper Yangtze River basin and rural household income",
        "Carbon sink accounting of forest ecosystems at the county scale in southern China",
        "Gross ecosystem product accounting and the value realisation of ecological products",
        "生态产品价值实现的路径与机制研究",
        "碳汇交易对生态补偿标准的影响",
    ]
    out = []
    for i in range(n):
        db = rng.choice(["WoS", "Scopus", "CNKI"])
        title = rng.choice(bases)
        if rng.random() < 0.4:
            title = title.upper() if rng.random() < 0.5 else title.replace(" ", "  ").replace("的", "的 ")
        ut = "CNKI:0" if db == "CNKI" and rng.random() < 0.3 else f"{db}:{rng.randrange(40)}"
        out.append(
            rec(
                ut,
                db,
                title,
                rng.choice([2019, 2020, 2021, None]),
                [rng.choice(["Li, J", "Wang, X", "李娟"])],
                doi=rng.choice([None, None, "10.1/a", "10.1/b"]),
                cr=rng.sample(WOS_CR + SCOPUS_CR, rng.randrange(4)),
                de=rng.sample(["a", "A", "b", "c"], 2),
                tc=rng.choice([None, 1, 5]),
                file=f"{db}.txt",
                line=i + 1,
            )
        )
    return out


def test_order_independence_on_colliding_random_records():
    rng = random.Random(7)
    for _ in range(4):
        rows = _random_records(rng, 60)
        expected = merge(Corpus.from_records(rows))
        assert expected.report.records_in == expected.report.records_out + expected.report.merged_away
        for _ in range(3):
            shuffled = rows[:]
            rng.shuffle(shuffled)
            cut = rng.randrange(1, len(rows))
            other = merge(Corpus.from_records(shuffled[:cut]), Corpus.from_records(shuffled[cut:]))
            assert frame_bytes(other) == frame_bytes(expected)
            assert other.report.table().to_csv() == expected.report.table().to_csv()
        membership = expected.report.membership
        assert (expected.df["UT"].iloc[membership["record"]].to_numpy() == membership["merged_id"]).all()
        assert membership.groupby("record")["merged_away"].apply(lambda s: (~s).sum()).eq(1).all()
        assert frame_bytes(merge(expected)) == frame_bytes(expected)
