"""Every policy collection in ../shared/policy through litkit.policy.read and through ``litkit policy``: the
documents of its specialised reader, as many as PROVENANCE.txt counts."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

import litkit.policy as lp
from litkit.cli import app

pytestmark = pytest.mark.shared

# (path under ../shared/policy, source sniffed, specialised reader, documents)
COLLECTIONS = [
    ("cn-laws-ecology-carbon", None, lp.read_laws, 35),  # 25 laws + 10 regulations
    (
        "cn-state-council-docnumbers/state_council_docs_merged.csv",
        "state_council_list",
        lp.read_state_council_list,
        5781,
    ),
    # PROVENANCE says 50 reports + 22 resolutions; the file holds 52 reports with a year and 20 resolutions
    ("cn-political-reports/government_work_reports.jsonl", "work_reports", lp.read_work_reports, 52),
    ("cn-political-reports/cpc_congress_reports.jsonl", "congress_reports", lp.read_congress_reports, 16),
    ("gccmpd-china/GOV_PRC.csv", "gccmpd", lp.read_gccmpd, 108),
    ("gccmpd-china/GOV_PRC_EN.xlsx", "gccmpd", lp.read_gccmpd, 108),
    ("gccmpd-china/MEE_PRC_EN.xlsx", "gccmpd", lp.read_gccmpd, 1260),
    ("cclw-export/lse.csv", "cclw", lp.read_cclw, 15),  # China's 15 rows of 2,503
]


def _same_documents(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Brute force, row by row: id, date and issuers, then every column."""
    assert len(got) == len(expected)
    for (_, a), (_, b) in zip(got.iterrows(), expected.iterrows()):
        assert (a["doc_id"], a["date"], list(a["issuers"])) == (b["doc_id"], b["date"], list(b["issuers"]))
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(("path", "source", "reader", "count"), COLLECTIONS, ids=[c[0] for c in COLLECTIONS])
def test_read_gives_the_documents_of_the_collections_reader(shared_policy, path, source, reader, count):
    full = shared_policy / path
    expected = reader(full).df
    assert len(expected) == count
    if source is not None:
        assert lp.sniff_source(full) == source
    _same_documents(lp.read(full).df, expected)
    _same_documents(lp.read(full, source=source or "laws").df, expected)


def test_the_four_regulations_are_the_state_councils(shared_policy):
    """Through the generic reader 地下水管理条例, 生态保护补偿条例, 碳排放权交易管理暂行条例 and 节约用水条例 (no
    history lines) were 'issuer not identified'; laws_index.csv's level 行政法规 says the State Council."""
    df = lp.read(shared_policy / "cn-laws-ecology-carbon").df
    regulations = df[df["level"] == "行政法规"]
    assert len(regulations) == 10 and (df["level"] == "法律").sum() == 25
    assert all(list(v) == ["国务院"] for v in regulations["issuers"])
    texts = lp.read(shared_policy / "cn-laws-ecology-carbon", source="texts").df.set_index("title_zh")
    four = ["地下水管理条例", "生态保护补偿条例", "碳排放权交易管理暂行条例", "节约用水条例"]
    assert all(list(v) == [] for v in texts.loc[four, "issuers"])
    assert lp.timeline_table(lp.read(shared_policy / "cn-laws-ecology-carbon"))["lane"].value_counts().to_dict() == {
        "npc": 25,
        "state_council": 10,
    }


def test_cclw_keeps_china_and_says_how_many_rows_it_left_out(shared_policy):
    path = shared_policy / "cclw-export" / "lse.csv"
    docs = lp.read(path)
    assert docs.problems["note"].tolist() == [
        "2,488 row(s) of other geographies left out (read_cclw(path, geography=None) keeps them)"
    ]
    everything = lp.read_cclw(path, geography=None)
    assert len(everything) == 2503 and everything.df["geography"].nunique() == 199  # PROVENANCE.txt
    assert "Action Plan for Carbon Dioxide Peaking before 2030" in set(docs.df["title_en"])
    # the five Chinese laws are the NPC Standing Committee's, the ten executive documents unidentified
    assert docs.df["kind"].value_counts().to_dict() == {"executive": 10, "legislative": 5}
    assert (docs.df["issuers"].map(len) == (docs.df["kind"] == "legislative")).all()


def test_collection_folders(shared_policy):
    """A folder read whole: notes, link lists and the State Council list's source workbooks are passed over;
    GCCMPD's GOV_PRC.csv and GOV_PRC_EN.xlsx hold the same 108 documents, read once."""
    gccmpd = lp.read(shared_policy / "gccmpd-china")
    assert len(gccmpd) == 108 + 1260
    assert gccmpd.problems["note"].tolist() == [
        f"108 document(s) also in {shared_policy / 'gccmpd-china' / 'GOV_PRC.csv'}: read once"
    ]
    gov = gccmpd.df[gccmpd.df["source_file"].str.endswith("GOV_PRC.csv")]
    assert (
        gov["title_en"].notna().sum()
        == lp.read_gccmpd(shared_policy / "gccmpd-china/GOV_PRC_EN.xlsx").df["title_en"].notna().sum()
    )
    reports = lp.read(shared_policy / "cn-political-reports").df
    assert reports["doc_id"].str.split("-").str[0].value_counts().to_dict() == {"GWR": 52, "CPC": 16}
    assert len(lp.read(shared_policy / "cn-state-council-docnumbers")) == 5781
    every = lp.read([shared_policy / "cn-laws-ecology-carbon", shared_policy / "cn-political-reports"])
    assert len(every) == 35 + 52 + 16 and every.df["doc_id"].is_unique


@pytest.mark.parametrize(
    ("path", "reader", "figure"),
    [
        ("cn-laws-ecology-carbon", lp.read_laws, "policy_timeline"),
        ("cn-political-reports/government_work_reports.jsonl", lp.read_work_reports, "policy_timeline"),
        ("cn-political-reports/cpc_congress_reports.jsonl", lp.read_congress_reports, "policy_timeline"),
        ("gccmpd-china/GOV_PRC.csv", lp.read_gccmpd, "policy_timeline"),
        ("cclw-export/lse.csv", lp.read_cclw, "policy_timeline"),
        ("cn-state-council-docnumbers/state_council_docs_merged.csv", lp.read_state_council_list, "policy_per_year"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_the_command_lists_the_documents_of_the_collections_reader(shared_policy, tmp_path, path, reader, figure):
    done = CliRunner().invoke(app, ["policy", str(shared_policy / path), "-o", str(tmp_path), "--formats", "png"])
    assert done.exit_code == 0, done.output
    listed = pd.read_csv(tmp_path / "policy_documents.csv", dtype=str, keep_default_na=False)
    expected = reader(shared_policy / path).df
    assert listed["doc_id"].tolist() == expected["doc_id"].tolist()
    assert listed["date"].tolist() == [d or "" for d in expected["date"]]
    assert listed["issuers"].tolist() == ["; ".join(v) for v in expected["issuers"]]
    assert (tmp_path / f"{figure}.png").exists()


def test_the_command_selects_from_a_collection(shared_policy, tmp_path):
    """MEE's 1,260 documents: those on carbon (碳) since 2021, as one timeline."""
    path = shared_policy / "gccmpd-china" / "MEE_PRC_EN.xlsx"
    args = ["policy", str(path), "--title-contains", "碳", "--since", "2021", "-o", str(tmp_path), "--formats", "png"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    mee = lp.read_gccmpd(path).df
    expected = mee[mee["title_zh"].str.contains("碳") & (mee["year"] >= 2021)]
    listed = pd.read_csv(tmp_path / "policy_documents.csv", dtype=str, keep_default_na=False)
    assert listed["doc_id"].tolist() == expected["doc_id"].tolist() and 0 < len(listed) <= 120
    assert (tmp_path / "policy_timeline.png").exists()
