"""The review file's [policy] documents go through litkit.policy.read: collection files without a metadata table,
``source = ...`` as read(source=) and litkit policy --source."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import litkit.policy as lp
from litkit.errors import LitkitError
from litkit.review import load_review, run_review

SC_LIST = (
    "url,title,issue_date,publish_date,document_number,publish_lag_days,year\n"
    "https://www.gov.cn/a.htm,国务院关于印发2030年前碳达峰行动方案的通知,2021-10-24,2021-10-26,国发〔2021〕23号,2,2021\n"
    "https://www.gov.cn/c.htm,地下水管理条例,2021-10-21,2021-11-09,,19,2021\n"
)
LAW = "# 生态保护补偿条例\n\n<!-- INFO END -->\n\n第一条 为了保护生态。\n"
INDEX = "file,level\n生态保护补偿条例(2024-04-06).md,行政法规\n"


def _review(tmp_path, demo_dir, policy: str):
    shutil.copy(demo_dir / "scopus" / "scopus.csv", tmp_path / "scopus.csv")
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "sc.csv").write_text(SC_LIST, encoding="utf-8")
    (tmp_path / "laws").mkdir()
    (tmp_path / "laws" / "生态保护补偿条例(2024-04-06).md").write_text(LAW, encoding="utf-8")
    (tmp_path / "laws" / "laws_index.csv").write_text(INDEX, encoding="utf-8")
    review = tmp_path / "review.toml"
    review.write_text(
        '[review]\nformats = ["png"]\n[corpus]\nexports = ["scopus.csv"]\n'
        f"[policy]\n{policy}\n"
        '[[analysis]]\nname = "timeline"\nanalysis = "policy_timeline"\n',
        encoding="utf-8",
    )
    return review


def test_policy_collections_without_a_metadata_table(tmp_path, demo_dir):
    review = _review(tmp_path, demo_dir, 'documents = ["policy/sc.csv", "laws/"]')
    loaded = load_review(review)
    assert loaded.policy["metadata"] is None and loaded.policy["source"] == "auto"
    run_review(review, tmp_path / "out")
    listed = pd.read_csv(tmp_path / "out" / "timeline" / "policy_documents.csv", dtype=str, keep_default_na=False)
    expected = lp.read([tmp_path / "policy" / "sc.csv", tmp_path / "laws"]).df
    assert listed["doc_id"].tolist() == expected["doc_id"].tolist()
    assert listed["issuers"].tolist() == ["国务院", "国务院", "国务院"]  # the regulation by its index level
    assert listed["title_zh"].tolist() == [
        "国务院关于印发2030年前碳达峰行动方案的通知",
        "地下水管理条例",
        "生态保护补偿条例",
    ]
    # source changed: the analysis reruns (the texts' reader does not know the regulation's issuer)
    text = review.read_text(encoding="utf-8").replace('"laws/"]', '"laws/"]\nsource = "texts"')
    review.write_text(text.replace('"policy/sc.csv", ', ""), encoding="utf-8")
    done = run_review(review, tmp_path / "out")
    assert done.ran == ["timeline"]
    listed = pd.read_csv(tmp_path / "out" / "timeline" / "policy_documents.csv", dtype=str, keep_default_na=False)
    assert listed["title_zh"].tolist() == ["生态保护补偿条例"] and listed["issuers"].tolist() == [""]


def test_policy_table_mistakes(tmp_path, demo_dir):
    review = _review(tmp_path, demo_dir, 'documents = ["laws/"]\nsource = "law"')
    with pytest.raises(LitkitError) as info:
        load_review(review)
    assert str(info.value) == (
        f"{review}, line 7: [policy] key 'source': unknown source 'law' (expected one of auto, texts, laws, "
        "state_council_list, work_reports, congress_reports, gccmpd, cclw)"
    )
    review.write_text(
        review.read_text(encoding="utf-8").replace('documents = ["laws/"]\nsource = "law"', 'source = "auto"')
    )
    with pytest.raises(LitkitError, match=r"review.toml: \[policy\] has neither 'metadata' nor 'documents'"):
        load_review(review)
    review.write_text(review.read_text(encoding="utf-8").replace('source = "auto"', ""))
    with pytest.raises(
        LitkitError,
        match=r"needs policy documents \(expected a \[policy\] table with metadata = \.\.\. and/or documents",
    ):
        load_review(review)
