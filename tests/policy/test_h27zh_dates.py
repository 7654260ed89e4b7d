"""Issuing dates of laws, regulations and decrees read as plain policy texts (H27ZH).

The closing sentences of a law or regulation date its coming into force (本法自…起施行) or the
document it repeals (1986年5月10日林业部发布的《…》同时废止); they used to be taken as the
signature date, so ``litkit.policy.read`` / ``litkit policy`` dated the 2009 version of the
Renewable Energy Law 2006-01-01 and the Forest Law Implementing Regulations 1986-05-10.
"""

import datetime as dt
import re
from pathlib import Path

import litkit
from litkit.policy.dates import document_date

FOREST_REGULATIONS = """# 中华人民共和国森林法实施条例

2000年1月29日 中华人民共和国国务院令第278号发布

2011年1月8日 《国务院关于废止和修改部分行政法规的决定》第一次修订

2016年2月6日 《国务院关于修改部分行政法规的决定》第二次修订

## 第一章 总则

第一条 根据《中华人民共和国森林法》，制定本条例。

第四十八条 本条例自发布之日起施行。1986年4月28日国务院批准、1986年5月10日林业部发布的《中华人民共和国森林法实施细则》同时废止。"""

DECREE = (
    "碳排放权交易管理办法（试行）《碳排放权交易管理办法（试行）》已于2020年12月25日由生态环境部部务会议审议通过，"
    "现予公布，自2021年2月1日起施行。部长 黄润秋2020年12月31日碳排放权交易管理办法（试行）第一章总则……"
    "第四十三条本办法自2021年2月1日起施行。"
)

NOTICE = "国务院关于印发2030年前碳达峰行动方案的通知\n国发〔2021〕23号\n……自2022年1月1日起施行。\n国务院\n2021年10月24日\n（此件公开发布）"


def test_repealed_document_in_the_last_article_does_not_date_the_regulation():
    # the last version in the legislative history under the title, not the repealed 1986 rules
    assert document_date(FOREST_REGULATIONS) == dt.date(2016, 2, 6)


def test_decree_takes_its_signing_date_not_adoption_or_entry_into_force():
    assert document_date(DECREE) == dt.date(2020, 12, 31)


def test_signature_date_still_wins_over_an_effective_date_in_the_body():
    assert document_date(NOTICE) == dt.date(2021, 10, 24)
    assert document_date("正文。\n生态环境部办公厅2022年3月25日印发") == dt.date(2022, 3, 25)


def test_only_an_effective_date_is_still_a_date():
    # nothing else dates the text: the old rule's answer is kept rather than none
    assert document_date("第一条 ……\n第二十条 本条例自2024年6月1日起施行。") == dt.date(2024, 6, 1)


def test_laws_folder_read_as_texts_gets_each_file_version_date(shared_policy):
    """Every LawRefBook file names its version date; policy.read of the same texts must agree with it
    wherever the legislative history under the title lists that version."""
    folder = shared_policy / "cn-laws-ecology-carbon"
    docs = litkit.policy.read(sorted(folder.rglob("*(*).md")), source="texts").df
    checked = 0
    for path, date in zip(docs["source_file"], docs["date"]):
        version = re.search(r"\((\d{4}-\d{2}-\d{2})\)\.md$", path).group(1)
        y, m, d = (int(x) for x in version.split("-"))
        head = Path(path).read_text(encoding="utf-8").split("<!-- INFO END -->")[0]
        if f"{y}年{m}月{d}日" not in head:
            continue  # LawRefBook's header does not list the version of its file name
        assert date == version, path
        checked += 1
    assert checked >= 25
    assert "1986-05-10" not in set(docs["date"])  # the repealed rules of the forest regulations


def test_laws_read_as_texts_name_the_body_that_adopted_them(shared_policy):
    """The 25 laws were drawn in the lane "Issuer not identified"; their history names the NPC Standing
    Committee. LawRefBook's format template (法律法规模版.md, "某条法律的标题") is not a document."""
    folder = shared_policy / "cn-laws-ecology-carbon"
    docs = litkit.policy.read(folder, source="texts").df  # the text path (auto: read_laws)
    assert "某条法律的标题" not in set(docs["title_zh"])
    laws = docs[docs["source_file"].str.contains("/经济法/|/行政法/")]
    assert len(laws) == 25
    assert all(list(i) == ["全国人民代表大会常务委员会"] for i in laws["issuers"])
    assert laws["provenance"].str.contains("date:history").all()
    assert laws["provenance"].str.contains("issuers:history").all()
    lanes = litkit.policy.timeline_table(litkit.policy.read(folder, source="texts"))
    assert (lanes.loc[lanes["title_zh"].isin(laws["title_zh"]), "lane"] == "npc").all()
