"""A policy document dated only by its coming into force takes the date its file is named with.

A regulation without legislative history ends "本条例自2021年12月1日起施行": that is when it takes effect, not when
it was issued, and the timeline shows issuing dates (the seed's Table 1).  LawRefBook names each file with the
version's date, so ``litkit.policy.read`` uses it there; a signature or history date in the text still wins.
"""

from __future__ import annotations

import pytest

import litkit.policy as lp

# a body longer than the opening the reader looks at (300 characters), as every real regulation's is
BODY = "".join(
    f"第{n}条 县级以上人民政府应当加强对某某工作的组织领导，将其纳入国民经济和社会发展规划。\n\n"
    for n in "二三四五六七"
)
REGULATION = f"# 某某管理条例\n\n<!-- INFO END -->\n\n第一条 为了……，制定本条例。\n\n{BODY}第八条 本条例自2021年12月1日起施行。\n"
SIGNED = "国务院关于某事的通知\n国发〔2021〕23号\n各省……\n国务院\n2021年10月24日\n"


def _read(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return lp.read(tmp_path / name).df.iloc[0]


def test_coming_into_force_gives_way_to_the_file_name_date(tmp_path):
    row = _read(tmp_path, "某某管理条例(2021-10-21).md", REGULATION)
    assert row["date"] == "2021-10-21"
    assert "date:file name" in row["provenance"] and "date:ending" not in row["provenance"]


def test_without_a_date_in_the_file_name_the_text_still_dates_it(tmp_path):
    row = _read(tmp_path, "某某管理条例.md", REGULATION)
    assert row["date"] == "2021-12-01" and "date:ending" in row["provenance"]


def test_a_signature_date_wins_over_the_file_name(tmp_path):
    row = _read(tmp_path, "download_2023-05-06.txt", SIGNED)
    assert row["date"] == "2021-10-24" and "date:signature" in row["provenance"]


def test_a_text_with_no_date_takes_the_file_name_date(tmp_path):
    row = _read(tmp_path, "通知_2019.03.15.txt", "国务院关于某事的通知\n各省……\n")
    assert row["date"] == "2019-03-15" and row["provenance"].endswith("date:file name")


def test_an_impossible_date_in_a_file_name_is_not_used(tmp_path):
    row = _read(tmp_path, "某某管理条例(2021-13-40).md", REGULATION)
    assert row["date"] == "2021-12-01"


@pytest.mark.shared
def test_regulations_of_the_shared_law_collection_dated_as_issued(shared_policy):
    """The four regulations of cn-laws-ecology-carbon without history lines were dated by their coming into force
    (生态保护补偿条例 2024-06-01; PROVENANCE.txt: promulgated 2024-04-06, effective 2024-06-01)."""
    df = lp.read(shared_policy / "cn-laws-ecology-carbon", source="texts").df.set_index("title_zh")  # the text path
    assert df.loc[
        ["地下水管理条例", "生态保护补偿条例", "碳排放权交易管理暂行条例", "节约用水条例"], "date"
    ].tolist() == [
        "2021-10-21",
        "2024-04-06",
        "2024-01-25",
        "2024-03-09",
    ]
    # dated by their texts' history lines, as before: the original promulgation the text names
    assert df.loc["建设项目环境保护管理条例", "date"] == "1998-11-29"
    assert df.loc["中华人民共和国可再生能源法", "date"] == "2009-12-26"
    assert df["provenance"].str.contains("date:file name").sum() == 4
