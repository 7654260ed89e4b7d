"""corpora/policy/central_documents.csv: the project's own table of central documents.

Checks: shape and vocabulary; every row of the review's Table 1 is in it; every
row with a State Council 文号 matches the State Council list (same number, same
issue date, title contained in the list's title); unchecked fields are flagged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import litkit.policy as lp
from litkit.policy.policy_timeline import read_seed_table

TABLE = Path(__file__).resolve().parents[2] / "corpora" / "policy" / "central_documents.csv"
COLUMNS = [
    "title_zh",
    "title_en",
    "issuers",
    "date",
    "doc_number",
    "level",
    "kind",
    "topics",
    "summary_en",
    "source_note",
    "in_review_table1",
]
STATE_COUNCIL_CODES = {"国发", "国办发", "国函", "国办函", "国发明电", "国办发明电"}
VERIFIED = "verified against state_council_docs_merged.csv"


@pytest.fixture(scope="module")
def raw():
    return pd.read_csv(TABLE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def table():
    return lp.from_metadata(TABLE).df


def test_table_shape_and_values(raw, table):
    assert list(raw.columns) == COLUMNS
    assert len(raw) >= 40
    assert len(table) == len(raw) == 57
    assert table["date"].notna().all(), "every row has a parseable date"
    assert table["year"].between(2010, 2024).all()
    assert table["doc_id"].is_unique
    assert not raw.duplicated(["title_zh", "date"]).any()
    assert (raw["summary_en"].str.len() > 20).all() and (raw["title_en"] != "").all()
    assert all(len(v) >= 1 for v in table["issuers"]) and all(len(v) >= 1 for v in table["topics"])
    assert set(raw["level"]) == {"central"}
    # Written numbers are canonical: parsing and re-spelling changes nothing.
    written = raw[raw["doc_number"] != ""]
    assert (written["doc_number"] == table.loc[written.index, "doc_number"]).all()
    assert table["doc_serial"].notna().sum() == len(written)
    # Rows kept in date order so the file reads as a timeline.
    assert raw["date"].tolist() == sorted(raw["date"])


def test_table_contains_every_seed_row(shared_seed, table):
    seed = read_seed_table(shared_seed / "table1_policy_timeline.csv")
    assert len(seed) == 10
    by_key = table.set_index(["title_zh", "date"])
    for row in seed.itertuples(index=False):
        mine = by_key.loc[(row.title_zh, row.date)]
        assert mine["doc_number"] == row.doc_number or (mine["doc_number"] is None and row.doc_number is None)
        assert mine["issuers"] == row.issuers, row.title_zh
        assert mine["in_review_table1"] != "no"
    assert int((table["in_review_table1"] == "yes").sum()) == 9
    # Summaries are the project's own words, not the review's.
    seed_raw = pd.read_csv(shared_seed / "table1_policy_timeline.csv", dtype=str, keep_default_na=False)
    seed_text = set(seed_raw["content_en"]) | set(seed_raw["significance_en"])
    assert not set(table["summary_en"]) & seed_text


def test_state_council_numbers_match_the_list(shared_policy, table):
    sc = pd.read_csv(
        shared_policy / "cn-state-council-docnumbers" / "state_council_docs_merged.csv",
        dtype=str,
        keep_default_na=False,
    )
    by_number = sc[sc["document_number"] != ""].groupby("document_number")
    rows = table[table["doc_issuer_code"].isin(STATE_COUNCIL_CODES)]
    assert len(rows) == 29
    for row in rows.itertuples(index=False):
        assert row.doc_number in by_number.groups, f"{row.doc_number} is not in the State Council list"
        listed = by_number.get_group(row.doc_number)
        match = listed[listed["issue_date"] == row.date]
        assert len(match) == 1, f"{row.doc_number}: date {row.date} vs list {listed['issue_date'].tolist()}"
        listed_title = match["title"].item()
        assert row.title_zh in listed_title, (row.title_zh, listed_title)
        assert row.source_note.startswith("issuer, date and 文号 " + VERIFIED)
        # Issuer: the list's title names it (国务院关于… / 国务院办公厅关于…).
        assert listed_title.startswith(row.issuers[0]) or listed_title.startswith(row.title_zh)


def test_unchecked_rows_say_so(table):
    others = table[~table["doc_issuer_code"].isin(STATE_COUNCIL_CODES)]
    assert len(others) == 28
    for row in others.itertuples(index=False):
        assert VERIFIED not in row.source_note
        assert re.search(
            r"unverified|not in the State Council list|not a State Council document|"
            r"cn-laws-ecology-carbon|seed table",
            row.source_note,
        ), row.title_zh
