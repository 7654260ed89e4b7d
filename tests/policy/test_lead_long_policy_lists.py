"""A list of thousands of policy documents (the State Council list in ../shared/policy: 5,781) as a scholar meets it.

Before: `litkit policy --metadata state_council_docs_merged.csv` ran for 5 minutes and drew a 4,464 × 9,590 pixel
timeline of overprinted labels, every document in the "issuer not identified" lane (the list has no issuer column,
and its date column is ``issue_date``).  Now issuers come from the title or the 文号, the date from ``issue_date``,
a list too long to label gets documents per year by issuer, and ``--title-contains/--since/--until`` select the
review's documents.
"""

from __future__ import annotations

import json

import matplotlib
import pandas as pd
import pytest
from typer.testing import CliRunner

import litkit.policy as lp
from litkit.cli import app
from litkit.errors import LitkitError
from litkit.plot.policy import MAX_TIMELINE_DOCUMENTS, plot_documents_per_year, plot_timeline
from litkit.plot.style import close
from litkit.policy.policy_timeline import timeline_table

SC = "cn-state-council-docnumbers/state_council_docs_merged.csv"


def _docs(n: int) -> lp.PolicyCorpus:
    return lp.PolicyCorpus.from_records(
        {"title_zh": f"国务院关于第{i}事项的通知", "issuers": ["国务院"], "date": f"{2000 + i % 20}-03-01"}
        for i in range(n)
    )


def test_a_timeline_of_too_many_documents_is_a_one_line_error():
    table = timeline_table(_docs(MAX_TIMELINE_DOCUMENTS + 1))
    with pytest.raises(LitkitError, match=r"121 documents are too many to label.*select") as err:
        plot_timeline(table)
    assert "\n" not in str(err.value)
    close(plot_timeline(table.iloc[:MAX_TIMELINE_DOCUMENTS]))  # the limit itself is drawn


def test_documents_per_year_bars_count_every_document_once():
    docs = lp.PolicyCorpus.from_records(
        [
            {"title_zh": "甲", "issuers": ["国务院"], "date": "2012-01-01"},
            {"title_zh": "乙", "issuers": ["国务院"], "date": "2012-05-01"},
            {"title_zh": "丙", "issuers": ["财政部"], "date": "2012-06-01"},
            {"title_zh": "丁", "date": "2019-06-01"},
        ]
    )
    fig = plot_documents_per_year(timeline_table(docs))
    ax = fig.axes[0]
    tops: dict[int, float] = {}
    for bar in ax.patches:
        if isinstance(bar, matplotlib.patches.Rectangle) and bar.get_height() > 0 and bar.get_width() < 1:
            year = round(bar.get_x() + bar.get_width() / 2)
            tops[year] = max(tops.get(year, 0.0), bar.get_y() + bar.get_height())
    assert tops == {2012: 3.0, 2019: 1.0}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "State Council 国务院",
        "Ministries and commissions 部委",
        "Issuer not identified 发文机关未识别",
    ]
    close(fig)


def test_select_by_title_and_years():
    docs = lp.PolicyCorpus.from_records(
        [
            {"title_zh": "关于建立健全生态产品价值实现机制的意见", "date": "2021-04-26"},
            {"title_zh": "国务院关于印发2030年前碳达峰行动方案的通知", "date": "2021-10-24"},
            {"title_zh": "国务院关于某省国土空间规划的批复", "date": "2023-09-15"},
            {"title_en": "Opinions on Ecological Compensation", "date": "2016-04-28"},
        ]
    )
    assert len(docs.select()) == 4
    assert docs.select(["生态产品", "碳达峰"])["date"].tolist() == ["2021-04-26", "2021-10-24"]
    assert docs.select(["ecological"])["date"].tolist() == ["2016-04-28"]
    assert docs.select(start=2021, end=2021)["date"].tolist() == ["2021-04-26", "2021-10-24"]
    assert len(docs.select(["碳达峰"], start=2022)) == 0


def test_a_list_without_issuers_takes_them_from_title_or_document_number(tmp_path):
    table = tmp_path / "list.csv"
    table.write_text(
        "title,issue_date,document_number\n"
        "国务院办公厅关于健全生态保护补偿机制的意见,2016-04-28,国办发〔2016〕31号\n"
        "关于同意某某的批复,2014-10-03,国函〔2014〕81号\n"
        "社会保险经办条例,2023-08-16,\n",
        encoding="utf-8",
    )
    df = lp.from_metadata(table).df
    assert df["date"].tolist() == ["2016-04-28", "2014-10-03", "2023-08-16"]
    assert df["issuers"].tolist() == [["国务院办公厅"], ["国务院"], []]
    assert df["provenance"].tolist() == ["metadata; issuers:title", "metadata; issuers:doc_number", "metadata"]


@pytest.mark.shared
def test_state_council_list_from_the_command_line(shared_policy, tmp_path):
    path = shared_policy / SC
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    runner = CliRunner()
    whole = runner.invoke(app, ["policy", "--metadata", str(path), "-o", str(tmp_path / "all"), "--formats", "png"])
    assert whole.exit_code == 0, whole.output
    assert (tmp_path / "all" / "policy_per_year.png").exists()
    assert not (tmp_path / "all" / "policy_timeline.png").exists()
    params = json.loads((tmp_path / "all" / "params.json").read_text(encoding="utf-8"))
    assert params["parameters"]["timeline_figure"].startswith("not drawn: 5,715 documents")
    timeline = pd.read_csv(tmp_path / "all" / "policy_timeline.csv")
    assert len(timeline) == 5715  # 5,781 rows, 66 without a date
    # untitled regulations and orders without a 文号 (306 rows, 297 of them dated) stay unidentified
    assert timeline["lane"].value_counts().to_dict() == {"state_council": 5390, "other": 297, "ministries": 28}
    words = ["生态", "碳达峰", "碳排放"]
    chosen = runner.invoke(
        app,
        ["policy", "--metadata", str(path), "-o", str(tmp_path / "eco"), "--formats", "png", "--since", "2010"]
        + [arg for word in words for arg in ("--title-contains", word)],
    )
    assert chosen.exit_code == 0, chosen.output
    dates = pd.to_datetime(raw["issue_date"], errors="coerce")
    expected = raw[raw["title"].str.contains("|".join(words)) & (dates.dt.year >= 2010)]
    table = pd.read_csv(tmp_path / "eco" / "policy_timeline.csv")
    assert len(table) == len(expected) == 18
    assert (table["lane"] == "state_council").all()
    assert (tmp_path / "eco" / "policy_timeline.png").exists()
    params = json.loads((tmp_path / "eco" / "params.json").read_text(encoding="utf-8"))
    assert params["inputs"]["select"] == {
        "title_contains": words,
        "since": 2010,
        "until": None,
        "documents_read": 5781,
        "documents_selected": 18,
    }
