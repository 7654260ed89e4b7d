"""litkit.policy on the real collections in ../shared/policy (see its INDEX.md and PROVENANCE.txt files).

Every number asserted here was computed once, the exceptions inspected by hand
(what did not parse, and why), and then fixed in the test.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import litkit.policy as lp
from litkit.policy.dates import parse_date
from litkit.policy.docnumber import find_doc_numbers, parse_doc_number
from litkit.policy.sources import read_law_file

pytestmark = pytest.mark.shared

SC = "cn-state-council-docnumbers/state_council_docs_merged.csv"
GWR = "cn-political-reports/government_work_reports.jsonl"
CPC = "cn-political-reports/cpc_congress_reports.jsonl"
LAWS = "cn-laws-ecology-carbon"


@pytest.fixture(scope="module")
def sc_raw(shared_policy):
    return pd.read_csv(shared_policy / SC, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def gwr(shared_policy):
    return lp.read_work_reports(shared_policy / GWR)


# ---- State Council list: every 文号 and every date ---------------------------------------------------
def test_state_council_doc_numbers_all_parse(sc_raw):
    assert len(sc_raw) == 5781  # PROVENANCE.txt
    parsed = [parse_doc_number(v) for v in sc_raw["document_number"]]
    written = sc_raw["document_number"] != ""
    # Every written number parses; the only unparsed values are the 473 empty cells (PROVENANCE: 473 without 文号).
    assert sum(p is not None for p in parsed) == 5308
    assert int((~written).sum()) == 473
    assert all((p is not None) == w for p, w in zip(parsed, written))
    # Round trip: the list already uses the canonical 〔〕 spelling.
    assert all(p.text == v for p, v in zip(parsed, sc_raw["document_number"]) if p)
    codes = pd.Series([p.issuer_code for p in parsed if p]).value_counts()
    assert codes.to_dict() == {
        "国办发": 1837,
        "国函": 1356,
        "国发": 1197,
        "国办函": 815,
        "国办发明电": 79,
        "国发明电": 21,
        "国海管字": 1,
        "灾总指挥部发明电": 1,
        "国办应急明电": 1,
    }


def test_state_council_titles_without_number(sc_raw):
    # Of the 473 documents without 文号, two carry their number in the title: State Council orders.
    empty = sc_raw[sc_raw["document_number"] == ""]
    found = {t: [n.text for n in find_doc_numbers(t)] for t in empty["title"] if find_doc_numbers(t)}
    assert found == {
        "中华人民共和国国务院令第558号": ["国务院令第558号"],
        "中华人民共和国国务院令第549号": ["国务院令第549号"],
    }
    # Titles that cite other documents' numbers are found in running text, issuer code trimmed.
    cited = [n.text for t in sc_raw["title"] for n in find_doc_numbers(t)]
    assert len(cited) == 9
    assert "国办发〔1993〕55号" in cited and "国函〔1996〕69号" in cited


def test_state_council_dates(sc_raw):
    issued = [parse_date(v) for v in sc_raw["issue_date"]]
    assert sum(d is not None for d in issued) == 5715
    assert int((sc_raw["issue_date"] == "").sum()) == 66  # PROVENANCE: 66 rows without issue date
    assert all((d is not None) == bool(v) for d, v in zip(issued, sc_raw["issue_date"]))
    assert min(d for d in issued if d).isoformat() == "1969-12-04"
    assert max(d for d in issued if d).isoformat() == "2023-09-20"
    published = [parse_date(v) for v in sc_raw["publish_date"]]
    assert sum(d is not None for d in published) == 5729


def test_state_council_reader(shared_policy):
    sc = lp.read_state_council_list(shared_policy / SC)
    df = sc.df
    assert len(sc) == 5781 and df["doc_id"].is_unique
    assert int(df["doc_serial"].notna().sum()) == 5308 and int(df["date"].notna().sum()) == 5715
    # The 文号 year agrees with the issue year for all but 11 of the 5,302 rows that have both;
    # the 11 are errors of the scraped list (e.g. quarterly reports all labelled 国办发〔2017〕47号).
    both = df.dropna(subset=["doc_year", "year"])
    assert len(both) == 5302 and int((both["doc_year"] == both["year"]).sum()) == 5291
    row = df[df["doc_number"] == "国发〔2021〕23号"].iloc[0]
    assert (row["date"], row["issuers"], row["doc_issuer_code"]) == ("2021-10-24", ["国务院"], "国发")
    assert df[df["doc_number"] == "国办发〔2016〕31号"]["issuers"].iloc[0] == ["国务院办公厅"]
    assert all(df["issuers"].map(len) > 0)


# ---- Government Work Reports: term counts and first appearances --------------------------------------
def _plain_report(shared_policy, year: int) -> str:
    """The report's text by an independent route: the JSON line, cut at Wikisource's notice, no white space."""
    with open(shared_policy / GWR, encoding="utf-8") as fh:
        rec = next(r for r in map(json.loads, fh) if r.get("year") == str(year))
    body = rec["content"].split("本作品是中华人民共和国的")[0]
    return "".join(body.split()).replace("\u200b", "").replace("\u200d", "")


def test_work_reports_reader(gwr, shared_policy):
    df = gwr.df
    # 52 reports with a year (PROVENANCE.txt says 50 + 22 resolutions; the file has 52 + 20).
    assert len(df) == 52
    assert df["year"].tolist() == sorted(df["year"].tolist())
    assert [y for y in range(1954, 2026) if y not in set(df["year"])][:3] == [1961, 1962, 1963]
    assert 2020 not in set(df["year"]) and 1996 not in set(df["year"])
    assert all("本作品" not in t[-3000:] and "Public domain" not in t for t in df["text"])
    with_res = lp.read_work_reports(shared_policy / GWR, include_resolutions=True)
    assert len(with_res) == 72 and int((with_res.df["kind"] == "NPC resolution").sum()) == 20


@pytest.mark.parametrize("year", [1998, 2010, 2021, 2022, 2024, 2025])
def test_term_counts_equal_plain_str_count(gwr, shared_policy, year):
    terms = ["生态产品", "生态补偿", "生态保护补偿", "碳汇", "碳达峰", "碳中和", "绿水青山", "生态文明", "环境"]
    counts = lp.term_counts(gwr, terms).set_index(["year", "term"])
    plain = _plain_report(shared_policy, year)
    for term in terms:
        assert counts.loc[(year, term), "count"] == plain.count(term), term
    assert counts.loc[(year, "碳达峰"), "chars"] == len(plain)
    assert counts.loc[(year, "碳达峰"), "per_10k"] == round(plain.count("碳达峰") / len(plain) * 10_000, 6)


def test_first_appearances_in_work_reports(gwr):
    terms = ["生态产品", "碳达峰", "碳中和", "绿水青山", "生态补偿", "碳汇", "生态文明", "双碳"]
    first = lp.first_appearance(lp.term_counts(gwr, terms)).set_index("term")
    assert first.drop("双碳")["first_year"].to_dict() == {
        "生态产品": 2024,
        "碳达峰": 2021,
        "碳中和": 2021,
        "绿水青山": 2018,
        "生态补偿": 2009,
        "碳汇": 2010,
        "生态文明": 2008,
    }
    assert first.loc["双碳", "first_year"] is pd.NA
    assert first.loc["生态产品", "first_doc_id"] == "GWR-2024"
    assert first.loc["碳达峰", "documents_with_term"] == 5 and first.loc["碳达峰", "total_count"] == 10
    assert first.loc["双碳", "total_count"] == 0  # the slogan never appears in a report


def test_congress_reports(shared_policy):
    cpc = lp.read_congress_reports(shared_policy / CPC)
    assert len(cpc) == 16
    assert cpc.df["year"].tolist()[-4:] == [2007, 2012, 2017, 2022]
    first = lp.first_appearance(lp.term_counts(cpc, ["生态产品", "生态文明", "碳达峰"])).set_index("term")
    # "Ecological products" enters party congress reports with the 18th congress (2012), as in Table 1.
    assert first["first_doc_id"].to_dict() == {"生态产品": "CPC-18", "生态文明": "CPC-17", "碳达峰": "CPC-20"}


# ---- laws: sections of a real file -------------------------------------------------------------------
def test_sections_of_ecological_compensation_regulation(shared_policy):
    path = shared_policy / LAWS / "行政法规" / "生态保护补偿条例(2024-04-06).md"
    law = read_law_file(path, "行政法规")
    assert (law["title_zh"], law["date"], law["issuers"]) == ("生态保护补偿条例", "2024-04-06", ["国务院"])
    s = lp.split_sections(law["text"], "eco")
    chapters = s[s["kind"] == "章"]
    assert chapters["heading"].tolist() == [
        "总则",
        "财政纵向补偿",
        "地区间横向补偿",
        "市场机制补偿",
        "保障和监督管理",
        "附则",
    ]
    articles = s[s["kind"] == "条"]
    raw = path.read_text(encoding="utf-8")
    assert articles["number"].tolist() == list(range(1, 34))
    assert len(articles) == len(re.findall(r"(?m)^第[一二三四五六七八九十]+条", raw))
    # Article 23 sits in chapter 4; per-section counts add up to the whole text's count.
    assert articles[articles["number"] == 23]["path"].item() == "4/23"
    per_section = lp.terms.section_term_counts(s, ["生态产品"])
    assert per_section["count"].sum() == raw.count("生态产品") == 6
    assert per_section.groupby("path")["count"].sum().to_dict() == {"1/2": 1, "4/20": 1, "4/21": 1, "4/23": 3}


def test_laws_reader(shared_policy):
    laws = lp.read_laws(shared_policy / LAWS)
    df = laws.df
    assert len(df) == 35  # PROVENANCE: 25 laws + 10 regulations
    assert df["kind"].value_counts().to_dict() == {"law": 25, "administrative regulation": 10}
    assert df[df["kind"] == "law"]["issuers"].map(tuple).unique().tolist() == [("全国人民代表大会常务委员会",)]
    assert df.set_index("title_zh").loc["碳排放权交易管理暂行条例", "date"] == "2024-01-25"
    assert df["doc_id"].is_unique


def test_gccmpd_reader(shared_policy):
    g = lp.read_gccmpd(shared_policy / "gccmpd-china" / "GOV_PRC.csv").df
    assert len(g) == 108 and int(g["text"].notna().sum()) == 100  # PROVENANCE: 8 empty Policy_Content
    # Each of the 100 texts gives its own 文号 right after the title; 12 texts end without a
    # signature date (inspected: they stop at the body), so 88 dates are found.
    assert int(g["doc_number"].notna().sum()) == 100
    assert int(g["date"].notna().sum()) == 88
    first = g.iloc[0]
    assert (first["doc_number"], first["date"]) == ("国发〔1980〕82号", "1980-02-20")


def test_gccmpd_ministry_documents_and_their_coissuers(shared_policy):
    mee = lp.read_gccmpd(shared_policy / "gccmpd-china" / "MEE_PRC_EN.xlsx").df
    assert len(mee) == 1260 and mee["text"].notna().all()
    # GCCMPD's years, as PROVENANCE.txt counts them.
    assert mee["gccmpd_year"].value_counts().sort_index().to_dict() == {
        2018: 128,
        2019: 164,
        2020: 440,
        2021: 256,
        2022: 250,
        2023: 22,
    }
    # Most MEE web pages leave the 文号 out of the text; it is found in the 版头 or under the title of 26.
    assert int(mee["doc_number"].notna().sum()) == 26
    joint = mee[mee["issuers"].map(len) > 1]
    assert len(joint) == 8
    widest = joint.loc[joint["issuers"].map(len).idxmax()]
    assert (widest["doc_number"], len(widest["issuers"])) == ("环督察〔2022〕58号", 18)
    graph, edges = lp.coissuing_network(mee)
    assert edges.iloc[0][["source", "target", "documents"]].tolist() == ["国家发展和改革委员会", "生态环境部", 6]
    assert graph.number_of_nodes() == 21
