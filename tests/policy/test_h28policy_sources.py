"""litkit.policy.read recognises each public policy collection by its content and reads it with its reader.

Small files written here in each collection's layout (as in ../shared/policy), so these tests run without
../shared: every sniffed read must equal the specialised reader's corpus, column for column.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import litkit.policy as lp
from litkit.cli import app
from litkit.errors import LitkitError, UnknownFormatError

SC_LIST = (
    "url,title,issue_date,publish_date,document_number,publish_lag_days,year\n"
    "https://www.gov.cn/a.htm,国务院关于印发2030年前碳达峰行动方案的通知,2021-10-24,2021-10-26,国发〔2021〕23号,2,2021\n"
    "https://www.gov.cn/b.htm,国务院办公厅关于健全生态保护补偿机制的意见,2016-04-28,2016-05-13,国办发〔2016〕31号,15,2016\n"
    "https://www.gov.cn/c.htm,地下水管理条例,2021-10-21,2021-11-09,,19,2021\n"
)
GCCMPD = (
    "\ufeffPolicy,Year,Country,Policy_Content,URL,Scope,Source\n"
    "国务院关于加强节能工作的决定,2006,China,国务院关于加强节能工作的决定国发〔2006〕28号各省、自治区：……"
    "国务院二〇〇六年八月六日,http://www.gov.cn/x.htm,National,GOV_CHN\n"
    "国务院关于某事的通知,2007,China,,http://www.gov.cn/y.htm,National,GOV_CHN\n"
)
CCLW = (
    "\ufeffTitle,Type,Geography,Geography ISO,Frameworks,Responses,Instruments,Document Types,Natural Hazards,"
    "Keywords,Sectors,Events,Documents,Parent Legislation,Description\n"
    "Forest Law of the People's Republic of China,legislative,China,CHN,,,,Law,,Forest;Carbon sink,,"
    '"20/09/1984|Law passed||;28/12/2019|Amended||",Full text|https://climate-laws.org/f|,,A law.\n'
    "Action Plan for Carbon Dioxide Peaking before 2030,executive,China,CHN,,,,Plan,,,,27/10/2021|Approved||,,,A plan.\n"
    "Climate Change Act 2008,legislative,United Kingdom,GBR,,,,Law,,,,26/11/2008|Law passed,,,An act.\n"
)
GWR = [
    {
        "title": "2021年政府工作报告",
        "url": "u1",
        "content": "——2021年3月5日在第十三届全国人民代表大会\n各位代表：",
        "year": "2021",
    },
    {"title": "关于2021年政府工作报告的决议", "url": "u2", "content": "2021年3月11日通过", "year": None},
    {"title": "2019年政府工作报告", "url": "u3", "content": "——2019年3月5日\n各位代表：生态文明", "year": "2019"},
]
CPC = [
    {"title": "报告 (一大)", "url": "u", "content": "同志们", "congress": 1, "type": "report"},
    {"title": "报告 (二十大)", "url": "v", "content": "同志们：生态文明", "congress": 20, "type": "report"},
]
LAW = "# 中华人民共和国森林法\n\n1984年9月20日 第六届全国人民代表大会常务委员会第七次会议通过\n\n<!-- INFO END -->\n\n第一条 为了保护森林。\n"
# a body longer than the opening the date finder looks at (300 characters), as a real regulation's is
BODY = "".join(
    f"第{n}条 县级以上人民政府应当加强对生态保护补偿工作的组织领导，纳入国民经济和社会发展规划。\n\n"
    for n in "二三四五六七"
)
REGULATION = (
    f"# 生态保护补偿条例\n\n<!-- INFO END -->\n\n第一条 为了保护生态。\n\n{BODY}第八条 本条例自2024年6月1日起施行。\n"
)
INDEX = (
    "file,title,short_name,version_date,lawrefbook_category,level,chars\n"
    "经济法/森林法(2019-12-28).md,中华人民共和国森林法,森林法,2019-12-28,经济法,法律,40\n"
    "行政法规/生态保护补偿条例(2024-04-06).md,生态保护补偿条例,生态保护补偿条例,2024-04-06,行政法规,行政法规,40\n"
)


def _write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def _jsonl(path, rows):
    return _write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def _laws(root):
    _write(root / "经济法" / "森林法(2019-12-28).md", LAW)
    _write(root / "行政法规" / "生态保护补偿条例(2024-04-06).md", REGULATION)
    _write(root / "laws_index.csv", INDEX)
    _write(root / "法律法规模版.md", "# 某条法律的标题\n\n<!-- INFO END -->\n")
    _write(root / "PROVENANCE.txt", "Dataset: laws\n")
    return root


def _gccmpd_xlsx(path, csv_path):
    """GCCMPD's *_EN.xlsx layout: the Chinese columns renamed *_raw, an English translation beside them."""
    raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    book = raw.rename(columns={"Policy": "Policy_raw", "Policy_Content": "Policy_Content_raw"})
    book["Policy"] = ["Decision of the State Council on strengthening energy saving", "Notice"]
    book["Policy_Content"] = ["...", ""]
    book.to_excel(path, index=False)
    return path


@pytest.fixture()
def collections(tmp_path):
    folder = tmp_path / "collections"
    files = {
        "state_council_list": _write(folder / "sc.csv", SC_LIST),
        "gccmpd": _write(folder / "GOV_PRC.csv", GCCMPD),
        "cclw": _write(folder / "lse.csv", CCLW),
        "work_reports": _jsonl(folder / "gwr.jsonl", GWR),
        "congress_reports": _jsonl(folder / "cpc.jsonl", CPC),
        "laws": _laws(tmp_path / "laws") / "行政法规" / "生态保护补偿条例(2024-04-06).md",
    }
    return files


READERS = {
    "state_council_list": lp.read_state_council_list,
    "gccmpd": lp.read_gccmpd,
    "cclw": lp.read_cclw,
    "work_reports": lp.read_work_reports,
    "congress_reports": lp.read_congress_reports,
    "laws": lp.read_laws,
}


@pytest.mark.parametrize("name", sorted(READERS))
def test_each_collection_is_recognised_and_read_by_its_reader(collections, name):
    path = collections[name]
    assert lp.sniff_source(path) == name
    pd.testing.assert_frame_equal(lp.read(path).df, READERS[name](path).df)
    pd.testing.assert_frame_equal(lp.read(path, source=name).df, READERS[name](path).df)


def test_sniffing_goes_by_content_not_by_name(tmp_path):
    assert lp.sniff_source(_write(tmp_path / "downloaded.csv", SC_LIST)) == "state_council_list"
    assert lp.sniff_source(_write(tmp_path / "export (1).csv", GCCMPD)) == "gccmpd"
    assert lp.sniff_source(_jsonl(tmp_path / "a.json", CPC)) == "congress_reports"
    assert lp.sniff_source(_write(tmp_path / "law.md", LAW)) == "laws"
    assert lp.sniff_source(_write(tmp_path / "note.md", "# 森林法\n\n第一条 为了保护森林。\n")) == "texts"
    assert lp.sniff_source(_write(tmp_path / "doc.txt", "国务院关于某事的通知\n")) == "texts"
    assert lp.sniff_source(_write(tmp_path / "meta.csv", "title_zh,date\n碳中和,2021-10-24\n")) is None
    assert lp.sniff_source(_write(tmp_path / "links.json", '[\n  "https://zh.wikisource.org/a"\n]\n')) is None
    assert lp.sniff_source(_write(tmp_path / "data.bin", "x")) is None
    # the State Council list saved by Excel as GB18030: its (ASCII) header still says what it is
    gbk = _write(tmp_path / "gbk.csv", SC_LIST, encoding="gb18030")
    assert lp.sniff_source(gbk) == "state_council_list"
    utf8 = lp.read(tmp_path / "downloaded.csv").df
    assert lp.read(gbk).df[["doc_id", "title_zh", "date"]].equals(utf8[["doc_id", "title_zh", "date"]])


def test_the_laws_folder_is_read_laws_and_the_regulation_has_its_issuer(tmp_path):
    """The brief's case: through the generic reader the regulation (no history lines) had no issuer; the
    index's level 行政法规 says the State Council issued it."""
    root = _laws(tmp_path / "laws")
    docs = lp.read(root)
    pd.testing.assert_frame_equal(docs.df, lp.read_laws(root).df)
    got = docs.df.set_index("title_zh")
    assert list(got.index) == ["中华人民共和国森林法", "生态保护补偿条例"]  # no template, no PROVENANCE.txt
    assert got.loc["生态保护补偿条例", "issuers"] == ["国务院"]
    assert got.loc["生态保护补偿条例", "date"] == "2024-04-06"  # the version date, not 2024-06-01 in force
    assert got.loc["中华人民共和国森林法", "issuers"] == ["全国人民代表大会常务委员会"]
    assert got["provenance"].tolist() == [
        "LawRefBook; date:file name; issuers:history",
        "LawRefBook; date:file name; issuers:level 行政法规",
    ]
    # the same folder read as plain texts: the regulation's issuer is not in its text
    texts = lp.read(root, source="texts").df.set_index("title_zh")
    assert texts.loc["生态保护补偿条例", "issuers"] == []
    # one file of a sub-folder finds laws_index.csv above it; a sub-folder alone too
    one = lp.read_laws(root / "行政法规" / "生态保护补偿条例(2024-04-06).md").df
    assert one["level"].tolist() == ["行政法规"] and one["issuers"].tolist() == [["国务院"]]
    assert lp.read(root / "行政法规").df["issuers"].tolist() == [["国务院"]]


def test_a_law_without_a_date_in_its_file_name(tmp_path):
    """Dated by its history, else by its text (its coming into force, the only date it gives)."""
    assert lp.read_laws(_write(tmp_path / "a" / "森林法.md", LAW)).df["date"].tolist() == ["1984-09-20"]
    row = lp.read_laws(_write(tmp_path / "b" / "条例(2024-13-40).md", REGULATION)).df.iloc[0]
    assert row["date"] == "2024-06-01" and row["provenance"] == "LawRefBook; date:ending"


def test_texts_and_collections_together_make_one_corpus(tmp_path, collections):
    texts = tmp_path / "texts"
    _write(texts / "notice.txt", "国务院关于印发某方案的通知\n国发〔2022〕5号\n各省……\n国务院\n2022年3月1日\n")
    _write(texts / "meta.csv", "title_zh,title_en\n某,x\n")  # a table beside texts: not a document
    docs = lp.read([texts, collections["state_council_list"], collections["work_reports"]])
    df = docs.df
    sc = lp.read_state_council_list(collections["state_council_list"]).df
    gwr = lp.read_work_reports(collections["work_reports"]).df
    assert df["doc_id"].tolist() == ["国发〔2022〕5号", *sc["doc_id"], *gwr["doc_id"]]
    assert df["source_file"].tolist()[0] == str(texts / "notice.txt")
    for column in ("date", "issuers", "title_zh", "doc_number"):
        assert df[column].tolist()[1:] == [*sc[column], *gwr[column]]
    assert df["year"].tolist() == [2022, 2021, 2016, 2021, 2019, 2021]
    assert len(docs.problems) == 0


def test_a_table_named_directly_that_is_no_collection_is_an_error(tmp_path):
    meta = _write(tmp_path / "meta.csv", "title_zh,date,文号\n碳中和,2021-10-24,\n")
    with pytest.raises(UnknownFormatError) as info:
        lp.read(meta)
    message = str(info.value)
    assert message.startswith(f"{meta}: not a policy collection (columns: title_zh, date, 文号)")
    assert "state_council_list: State Council list CSV (url,title,issue_date,document_number)" in message
    assert "metadata=" in message and "\n" not in message
    # the same table given as the metadata table is what it was; inside a folder it is passed over
    assert lp.from_metadata(meta).df["title_zh"].tolist() == ["碳中和"]
    _write(tmp_path / "notice.txt", "国务院关于某事的通知\n")
    assert lp.read(tmp_path).df["title_zh"].tolist() == ["国务院关于某事的通知"]


def test_unknown_source_names_the_sources(tmp_path):
    with pytest.raises(LitkitError) as info:
        lp.read(_write(tmp_path / "a.txt", "x"), source="law")
    assert str(info.value) == (
        "unknown policy source 'law' (expected one of auto, texts, laws, state_council_list, work_reports, "
        "congress_reports, gccmpd, cclw)"
    )


def test_source_forces_a_reader(tmp_path):
    plain = _write(tmp_path / "f" / "森林法.md", "# 中华人民共和国森林法\n\n第一条 为了保护森林。\n")
    assert lp.read(plain).df["provenance"].str.startswith("title:text").all()  # no marker: a text
    forced = lp.read(plain, source="laws").df
    pd.testing.assert_frame_equal(forced, lp.read_laws(plain).df)
    # a folder with a collection source: its tables, each read by that reader
    folder = tmp_path / "lists"
    _write(folder / "one.csv", SC_LIST)
    _write(folder / "notes.txt", "not a list")
    assert len(lp.read(folder, source="state_council_list")) == 3


def test_the_same_documents_in_two_files_of_a_collection_are_read_once(tmp_path):
    """GCCMPD ships GOV_PRC.csv and GOV_PRC_EN.xlsx with the same documents; a folder of both gave each twice."""
    folder = tmp_path / "gccmpd"
    csv_path = _write(folder / "GOV_PRC.csv", GCCMPD)
    xlsx = _gccmpd_xlsx(folder / "GOV_PRC_EN.xlsx", csv_path)
    assert lp.sniff_source(xlsx) == "gccmpd"
    docs = lp.read(folder)
    from_csv = lp.read_gccmpd(csv_path).df
    assert docs.df["doc_id"].tolist() == from_csv["doc_id"].tolist()
    # the English title the workbook adds fills the empty field of the copy kept
    assert docs.df["title_en"].tolist() == lp.read_gccmpd(xlsx).df["title_en"].tolist()
    assert docs.problems.to_dict("records") == [
        {"file": str(xlsx), "field": "document", "note": f"2 document(s) also in {csv_path}: read once"}
    ]
    # the file given twice (as a folder and by name) is read once, without a problem
    again = lp.read([folder, csv_path])
    assert len(again) == 2


def test_metadata_is_joined_to_a_collection_by_title(collections):
    meta = pd.DataFrame(
        [
            {"title_zh": "地下水管理条例", "title_en": "Regulation on Groundwater", "kind": "regulation"},
            {"title_zh": "不在列表中的文件", "title_en": "Not in the list"},
        ]
    )
    docs = lp.read(collections["state_council_list"], metadata=meta)
    row = docs.df.set_index("title_zh").loc["地下水管理条例"]
    assert (row["title_en"], row["kind"]) == ("Regulation on Groundwater", "regulation")
    assert row["provenance"] == "metadata: kind, title_en, title_zh; state council list"
    assert row["source_file"] == str(collections["state_council_list"])
    assert docs.problems.to_dict("records") == [
        {"file": "不在列表中的文件", "field": "metadata", "note": "metadata row matched no file"}
    ]


def test_cclw_keeps_china_by_default(collections):
    path = collections["cclw"]
    china = lp.read_cclw(path)
    assert china.df["title_en"].tolist() == [
        "Forest Law of the People's Republic of China",
        "Action Plan for Carbon Dioxide Peaking before 2030",
    ]
    # the first event dates the law (DD/MM/YYYY); every event is kept
    assert china.df["date"].tolist() == ["1984-09-20", "2021-10-27"]
    assert china.df.loc[0, "events"] == "20/09/1984|Law passed; 28/12/2019|Amended"
    assert china.df["issuers"].tolist() == [["全国人民代表大会常务委员会"], []]
    assert china.df["kind"].tolist() == ["legislative", "executive"]
    assert china.df.loc[0, "topics"] == ["Forest", "Carbon sink"]
    assert china.df.loc[0, "url"] == "https://climate-laws.org/f"
    assert china.problems["note"].tolist() == [
        "1 row(s) of other geographies left out (read_cclw(path, geography=None) keeps them)"
    ]
    assert len(lp.read_cclw(path, geography=None)) == 3
    assert lp.read_cclw(path, geography="gbr").df["title_en"].tolist() == ["Climate Change Act 2008"]


def test_congress_report_titles_have_english_ordinals(collections):
    titles = lp.read_congress_reports(collections["congress_reports"]).df["title_en"].tolist()
    assert titles == ["Report to the 1st CPC National Congress", "Report to the 20th CPC National Congress"]


# ---- the command line mirrors read(source=) ---------------------------------------------------------
def test_command_reads_collections_and_source(tmp_path, collections):
    runner = CliRunner()
    out = tmp_path / "out"
    laws = tmp_path / "laws"
    done = runner.invoke(app, ["policy", str(laws), str(collections["cclw"]), "-o", str(out), "--formats", "png"])
    assert done.exit_code == 0, done.output
    listed = pd.read_csv(out / "policy_documents.csv", dtype=str, keep_default_na=False)
    expected = lp.read([laws, collections["cclw"]]).df
    assert listed["doc_id"].tolist() == expected["doc_id"].tolist()
    assert listed["issuers"].tolist() == ["; ".join(v) for v in expected["issuers"]]
    assert listed["date"].tolist() == expected["date"].tolist()
    timeline = pd.read_csv(out / "policy_timeline.csv")
    assert sorted(timeline["lane"]) == ["npc", "npc", "other", "state_council"]
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert "source" not in params["inputs"]
    forced = runner.invoke(
        app, ["policy", str(laws), "--source", "texts", "-o", str(tmp_path / "t"), "--formats", "png"]
    )
    assert forced.exit_code == 0, forced.output
    params = json.loads((tmp_path / "t" / "params.json").read_text(encoding="utf-8"))
    assert params["inputs"]["source"] == "texts"
    assert pd.read_csv(tmp_path / "t" / "policy_timeline.csv")["lane"].tolist().count("other") == 1
    wrong = runner.invoke(app, ["policy", str(laws), "--source", "lawz", "-o", str(tmp_path / "w")])
    assert wrong.exit_code != 0 and "unknown policy source 'lawz'" in wrong.output
    assert not (tmp_path / "w").exists()


def test_command_says_when_a_selection_keeps_nothing(tmp_path, collections):
    runner = CliRunner()
    args = ["policy", str(collections["gccmpd"]), "--title-contains", "碳", "--since", "2000"]
    done = runner.invoke(app, args + ["-o", str(tmp_path / "none"), "--formats", "png"])
    assert done.exit_code != 0
    assert "--title-contains 碳 --since 2000 selected none of the 2 documents read" in done.output
    assert not (tmp_path / "none").exists()
