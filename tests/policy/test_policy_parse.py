"""litkit.policy: 文号, dates, issuers, sections, terms, instruments, file reading and bad files.

These tests build their inputs in tmp_path; the tests on the real collections
in ../shared are in test_policy_shared.py.
"""

from __future__ import annotations

import datetime as dt
import doctest
import importlib

import pandas as pd
import pytest

import litkit.policy as lp
from litkit.errors import DecodingError, LitkitError, ParseError, UnknownFormatError
from litkit.policy.agencies import issuers_from_signature, issuers_from_title, split_issuers
from litkit.policy.dates import chinese_numeral, document_date, find_dates, parse_date
from litkit.policy.docnumber import DocNumber, find_doc_numbers, first_doc_number, parse_doc_number
from litkit.policy.instruments import instrument_counts, instrument_hits, load_dictionary
from litkit.policy.policy_timeline import lane_of, overlay_table, phase_table, timeline_table
from litkit.policy.sections import split_sections
from litkit.policy.terms import count_term, first_appearance, matching_text, term_counts, term_matrix

MODULES = ["docnumber", "dates", "agencies", "sections", "terms", "_read", "instruments", "policy_timeline"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"litkit.policy.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


# ---- 文号 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, code, year, serial",
    [
        ("国发〔2021〕23号", "国发", 2021, 23),
        ("国办发〔2016〕31号", "国办发", 2016, 31),
        ("环办法规〔2020〕1号", "环办法规", 2020, 1),
        ("国办发[2016]31号", "国办发", 2016, 31),
        ("国发（2010）46号", "国发", 2010, 46),
        ("国发(2010)46号", "国发", 2010, 46),
        ("国函【2023】98号", "国函", 2023, 98),
        ("国函［２０２３］９８号", "国函", 2023, 98),
        ("发改西部〔2018〕1960号", "发改西部", 2018, 1960),
        (" 国办发明电〔2020〕21号 ", "国办发明电", 2020, 21),
        ("国发〔2021〕第23号", "国发", 2021, 23),
    ],
)
def test_parse_doc_number_forms(written, code, year, serial):
    number = parse_doc_number(written)
    assert number == DocNumber(code, year, serial)
    assert number.text == f"{code}〔{year}〕{serial}号"


def test_parse_doc_number_orders_and_rejections():
    assert parse_doc_number("国务院令第779号") == DocNumber("国务院令", None, 779, "order")
    assert parse_doc_number("中华人民共和国国务院令第558号").text == "国务院令第558号"
    for not_a_number in (
        "",
        None,
        "国发〔21〕23号",
        "国发〔1800〕2号",
        "国务院关于印发…的通知",
        "国发〔2021〕号",
        "见国发〔2021〕23号文",
    ):
        assert parse_doc_number(not_a_number) is None, not_a_number


def test_find_doc_numbers_in_running_text_trims_title_words():
    text = (
        "国务院关于印发2030年前碳达峰行动方案的通知国发〔2021〕23号各省、自治区、直辖市人民政府：……"
        "按照国办发[2016]31号和国务院令第779号要求，执行国办发〔1993〕55号和国函〔1996〕69号文件。"
    )
    assert [n.text for n in find_doc_numbers(text)] == [
        "国发〔2021〕23号",
        "国办发〔2016〕31号",
        "国务院令第779号",
        "国办发〔1993〕55号",
        "国函〔1996〕69号",
    ]
    assert first_doc_number(text).text == "国发〔2021〕23号"
    assert first_doc_number("没有文号的正文") is None


# ---- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written",
    [
        "2021年10月24日",
        "2021年10月24日 ",
        "二〇二一年十月二十四日",
        "二○二一年十月二十四日",
        "２０２１年１０月２４日",
        "2021-10-24",
        "2021/10/24",
        "2021.10.24",
        "2021 年 10 月 24 日",
    ],
)
def test_parse_date_forms(written):
    assert parse_date(written) == dt.date(2021, 10, 24)


def test_parse_date_rejections_and_numerals():
    for bad in ("", None, "2021年2月30日", "2021年", "2021年10月24日印发", "十月二十四日", "nan"):
        assert parse_date(bad) is None, bad
    assert [chinese_numeral(s) for s in ("一", "十", "十二", "二十", "三十一", "二〇一〇")] == [1, 10, 12, 20, 31, 2010]
    assert parse_date("二〇一〇年十二月二十一日") == dt.date(2010, 12, 21)


def test_document_date_prefers_signature_block():
    text = "关于……的通知\n到2025年12月31日前完成。\n\n国务院\n2021年10月24日\n（此件公开发布）"
    assert document_date(text) == dt.date(2021, 10, 24)
    assert [f.date for f in find_dates(text)] == [dt.date(2025, 12, 31), dt.date(2021, 10, 24)]
    assert document_date("（2023年3月13日第十四届全国人民代表大会第一次会议通过）\n正文") == dt.date(2023, 3, 13)
    assert document_date("没有日期") is None


# ---- issuers --------------------------------------------------------------------------------------
def test_issuers_from_title_and_signature():
    assert issuers_from_title("国务院办公厅关于健全生态保护补偿机制的意见") == ["国务院办公厅"]
    assert issuers_from_title("国务院、中央军委关于修改《军人抚恤优待条例》的决定") == ["国务院", "中央军事委员会"]
    assert issuers_from_title("国务院批转发展改革委关于……的通知") == ["国务院"]
    assert issuers_from_title("北京市关于……的通知") == []  # a place, not an agency
    assert issuers_from_title("生态保护补偿条例") == []
    sig = "正文……\n\n国家发展改革委　财政部　自然资源部\n生态环境部　水利部\n2018年12月28日"
    assert issuers_from_signature(sig) == ["国家发展和改革委员会", "财政部", "自然资源部", "生态环境部", "水利部"]
    assert issuers_from_signature("正文没有落款。") == []
    assert split_issuers("State Council; General Office of the State Council") == ["国务院", "国务院办公厅"]
    assert split_issuers("CPC National Congress") == ["中国共产党全国代表大会"]


def test_coissuing_network_counts():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "issuers": [["中共中央", "国务院"], ["中共中央", "国务院"], ["国务院", "财政部", "水利部"], ["国务院"]],
        }
    )
    graph, edges = lp.coissuing_network(docs)
    assert edges.values.tolist() == [
        ["中共中央", "国务院", 2, "a;b"],
        ["国务院", "水利部", 1, "c"],
        ["国务院", "财政部", 1, "c"],
        ["水利部", "财政部", 1, "c"],
    ]
    assert graph.nodes["国务院"]["documents"] == 4 and graph.nodes["国务院"]["joint"] == 3
    assert graph.edges["中共中央", "国务院"]["weight"] == 2
    assert graph.nodes["财政部"]["label_en"] == "Ministry of Finance"


# ---- sections -------------------------------------------------------------------------------------
DOC = """国务院关于示例工作的意见
国发〔2021〕99号
各省、自治区、直辖市人民政府：
一、总体要求
（一）指导思想。坚持生态优先，建立生态产品价值实现机制。
（二）主要目标。到2025年，生态产品价值实现机制初步形成。
二、重点任务
（三）健全生态补偿。
1. 完善纵向补偿。加大转移支付。
2. 推进横向补偿。
（1）流域上下游补偿。生态产品供给地获得补偿。
三、保障措施
国务院
2021年10月24日
"""


def test_split_sections_document_style():
    s = split_sections(DOC, "d")
    assert s[["level", "kind", "number", "path"]].values.tolist() == [
        [0, "preamble", pd.NA, ""],
        [1, "一、", 1, "1"],
        [2, "（一）", 1, "1/1"],
        [2, "（一）", 2, "1/2"],
        [1, "一、", 2, "2"],
        [2, "（一）", 3, "2/3"],
        [3, "1.", 1, "2/3/1"],
        [3, "1.", 2, "2/3/2"],
        [4, "（1）", 1, "2/3/2/1"],
        [1, "一、", 3, "3"],
    ]
    assert s.loc[2, "heading"] == "指导思想" and s.loc[2, "text"] == "坚持生态优先，建立生态产品价值实现机制。"
    # Own text only: the whole document's count equals the sum over sections.
    per_section = lp.terms.section_term_counts(s, ["生态产品"])
    assert per_section["count"].sum() == count_term(DOC, "生态产品") == 3


def test_split_sections_law_style():
    law = (
        "# 示例条例\n\n## 第一章 总 则\n\n第一条 为了保护生态，制定本条例。\n\n第二条 本条例适用于全国。\n\n"
        "## 第二章 补偿\n\n### 第一节 纵向补偿\n\n第三条 国家建立补偿制度。\n\n第十一条 附则。\n"
    )
    s = split_sections(law, "law")
    assert s[["kind", "number", "path", "heading"]].values.tolist() == [
        ["preamble", pd.NA, "", ""],
        ["章", 1, "1", "总则"],
        ["条", 1, "1/1", "第一条"],
        ["条", 2, "1/2", "第二条"],
        ["章", 2, "2", "补偿"],
        ["节", 1, "2/1", "纵向补偿"],
        ["条", 3, "2/1/3", "第三条"],
        ["条", 11, "2/1/11", "第十一条"],
    ]


# ---- terms ----------------------------------------------------------------------------------------
def test_term_counts_match_plain_str_count():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "year": [2020, 2021],
            "text": ["生态产\n品价值；生态产品。\u200b碳达峰", "碳达峰碳中和，碳达峰。绿水青山就是金山银山"],
        }
    )
    counts = term_counts(docs, ["生态产品", "碳达峰", "碳中和", "绿水青山"])
    for row in counts.itertuples():
        plain = matching_text(docs.set_index("doc_id").loc[row.doc_id, "text"])
        assert row.count == plain.count(row.term)
        assert row.chars == len(plain)
    wide = term_matrix(counts, value="count")
    assert wide.loc["碳达峰"].tolist() == [1, 2]
    first = first_appearance(counts).set_index("term")
    assert first.loc["生态产品", "first_year"] == 2020 and first.loc["碳中和", "first_year"] == 2021
    assert first.loc["碳达峰", "total_count"] == 3


# ---- instruments ----------------------------------------------------------------------------------
def test_instrument_dictionary_and_longest_match(tmp_path):
    table = load_dictionary()
    assert not table["keyword"].duplicated().any()
    assert set(table["category"]) == {"supply", "environment", "demand"}
    docs = pd.DataFrame(
        {
            "doc_id": ["a"],
            "year": [2021],
            "text": ["设立专项资金，完善转移支付；建设碳排放权交易市场和排污权交易，开展试点示范，实施考核。"],
        }
    )
    hits = instrument_hits(docs)
    assert dict(zip(hits["keyword"], hits["hits"])) == {
        "专项资金": 1,
        "转移支付": 1,
        "考核": 1,
        "试点": 1,
        "示范": 1,
        "碳排放权交易": 1,
        "排污权交易": 1,
    }
    wide = instrument_counts(hits)
    assert wide[["supply", "environment", "demand", "total"]].values.tolist() == [[2, 1, 4, 7]]
    bad = tmp_path / "dup.yaml"
    bad.write_text(
        "categories:\n  supply:\n    subtypes:\n      a: {keywords: [资金]}\n"
        "  demand:\n    subtypes:\n      b: {keywords: [资金]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParseError, match="资金"):
        load_dictionary(bad)


# ---- timeline -------------------------------------------------------------------------------------
def test_phases_lanes_and_overlay():
    assert phase_table().values.tolist()[0] == ["Concept emergence", "概念提出", 2010, 2015]
    with pytest.raises(ValueError, match="overlap"):
        phase_table([(2010, 2016, "a"), (2016, 2020, "b")])
    assert lane_of(["中国共产党全国代表大会"]) == "congress"
    assert lane_of(["全国人民代表大会常务委员会"]) == "npc"
    docs = lp.PolicyCorpus.from_records(
        [
            {
                "title_zh": "甲",
                "title_en": "A",
                "issuers": ["国务院"],
                "date": "2021-10-24",
                "doc_number": "国发〔2021〕23号",
            },
            {"title_zh": "乙", "issuers": ["中共中央", "国务院"], "date": "2009-01-01"},
            {"title_zh": "丙", "issuers": ["财政部"], "year": 2016},
        ]
    )
    t = timeline_table(docs)
    assert t[["year", "lane", "phase"]].values.tolist() == [
        [2009, "cpc", None],
        [2016, "ministries", "Institutional exploration"],
        [2021, "state_council", "Value realisation & double carbon"],
    ]
    assert t.loc[2, "x"] == round(2021 + 296 / 365, 4)
    assert t.loc[2, "label"] == "A (国发〔2021〕23号) / 甲"
    # no English title and no number: the label is the Chinese title, not "/ 乙"
    assert t.loc[0, "label"] == "乙"
    pubs = pd.DataFrame(
        {"year": [2015, 2016, 2021, 2021], "count": [1, 2, 5, 6], "database": ["CNKI", "CNKI", "CNKI", "WoS"]}
    )
    ov = overlay_table(docs, pubs)
    assert len(ov) == 2 * (2021 - 2009 + 1)
    row = ov[(ov.database == "WoS") & (ov.year == 2021)].iloc[0]
    assert (row["count"], row["events"]) == (6, 1)
    assert ov[(ov.database == "CNKI") & (ov.year == 2016)]["count"].item() == 2


# ---- reading files --------------------------------------------------------------------------------
def _docx(path, paragraphs):
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(str(path))


def test_read_formats_with_and_without_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "# 中共中央 国务院关于示例的意见\n\n一、要求\n碳达峰碳中和。\n\n中共中央\n国务院\n二〇二一年九月二十二日\n",
        encoding="gb18030",
    )
    (tmp_path / "c.html").write_text(
        "<html><head><title>国务院办公厅关于示例的通知</title><style>p{}</style></head>"
        "<body><p>国办发[2016]31号</p><p>正文生态产品。</p><p>国务院办公厅</p>"
        "<p>2016年4月28日</p></body></html>",
        encoding="utf-8",
    )
    _docx(tmp_path / "d.docx", ["示例通知", "环办法规〔2020〕1号", "正文。", "生态环境部", "2020年1月2日"])
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "source_file,title_en,kind,topics\na.txt,Example opinions,opinions,ecological_products; double_carbon\n"
        "missing.txt,Nothing,notice,\n",
        encoding="utf-8",
    )
    docs = lp.read(tmp_path, metadata=meta)
    df = docs.df.set_index("source_file")
    a = df.loc[str(tmp_path / "a.txt")]
    assert (a.doc_number, a.date, a.issuers, a.title_en, a.topics) == (
        "国发〔2021〕99号",
        "2021-10-24",
        ["国务院"],
        "Example opinions",
        ["ecological_products", "double_carbon"],
    )
    assert a.provenance.startswith("metadata: kind, title_en, topics")
    b = df.loc[str(tmp_path / "b.md")]
    assert (b.title_zh, b.issuers, b.date, b.doc_number) == (
        "中共中央 国务院关于示例的意见",
        ["中共中央", "国务院"],
        "2021-09-22",
        None,
    )
    c = df.loc[str(tmp_path / "c.html")]
    assert (c.title_zh, c.doc_number, c.date, c.issuers) == (
        "国务院办公厅关于示例的通知",
        "国办发〔2016〕31号",
        "2016-04-28",
        ["国务院办公厅"],
    )
    assert "p{}" not in c.text
    d = df.loc[str(tmp_path / "d.docx")]
    assert (d.doc_number, d.doc_issuer_code, d.date, d.issuers) == (
        "环办法规〔2020〕1号",
        "环办法规",
        "2020-01-02",
        ["生态环境部"],
    )
    assert sorted(docs.problems["note"]) == [
        "metadata row matched no file",
        "no metadata row matched this file",
        "no metadata row matched this file",
        "no metadata row matched this file",
    ]
    assert set(docs.sections["doc_id"]) >= {a.doc_id}
    assert docs.df["doc_id"].is_unique
    out = docs.to_parquet(tmp_path / "p.parquet")
    back = lp.PolicyCorpus.read_parquet(out)
    assert back.df["issuers"].tolist() == docs.df["issuers"].tolist()
    assert "PolicyCorpus: 4 documents" in repr(docs) and "<table" in docs._repr_html_()


def test_read_pdf_with_text_layer(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(4, 2))
    fig.text(0.1, 0.5, "Notice 2021-10-24")
    fig.savefig(tmp_path / "t.pdf")
    plt.close(fig)
    from litkit.policy._read import read_text_file

    text, _ = read_text_file(tmp_path / "t.pdf")
    assert "Notice 2021-10-24" in text


# ---- bad files ------------------------------------------------------------------------------------
def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(LitkitError, match=r"empty\.txt: file is empty \(expected the text of a policy document\)"):
        lp.read(path)
    blank = tmp_path / "blank.md"
    blank.write_text("\n \u3000\n", encoding="utf-8")
    with pytest.raises(LitkitError, match="blank.md: file holds no text"):
        lp.read(blank)


def test_scanned_pdf_without_text_layer(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig = plt.figure(figsize=(3, 4))
    fig.figimage(np.random.default_rng(0).random((120, 90)), cmap="gray")  # a "scan": pixels, no text
    path = tmp_path / "scan.pdf"
    fig.savefig(path)
    plt.close(fig)
    with pytest.raises(
        LitkitError,
        match=r"scan\.pdf: PDF has no text layer \(1 page\(s\) of images: a scan\?\)"
        r".*ocrmypdf",
    ):
        lp.read(path)


def test_broken_pdf_and_docx(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(ParseError, match=r"x\.pdf: cannot read as PDF"):
        lp.read(tmp_path / "x.pdf")
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(ParseError, match=r"x\.docx: cannot open as a Word document.*old \.doc is not supported"):
        lp.read(tmp_path / "x.docx")


def test_wrong_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("国务院关于生态产品价值实现的通知\n国发〔2021〕1号\n".encode("gbk"))
    assert lp.read(path).df.loc[0, "doc_number"] == "国发〔2021〕1号"  # sniffed correctly
    with pytest.raises(DecodingError, match=r"gbk\.txt, line 1: cannot decode bytes as utf-8"):
        lp.read(path, encoding="utf-8")
    with pytest.raises(DecodingError, match=r"gbk\.txt: text decoded as latin-1 has no Chinese characters"):
        lp.read(path, encoding="latin-1")


def test_unsupported_extension_and_missing_path(tmp_path):
    path = tmp_path / "policy.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(
        UnknownFormatError,
        match=r"policy\.doc: unsupported file type '\.doc' "
        r"\(expected a policy document as \.txt, \.md, \.html, \.htm, \.docx, \.pdf\)",
    ):
        lp.read(path)
    with pytest.raises(LitkitError, match="path not found"):
        lp.read(tmp_path / "nope.txt")
    with pytest.raises(UnknownFormatError, match="metadata"):
        lp.read_metadata(path)


def test_yaml_metadata_joined_by_title(tmp_path):
    (tmp_path / "x.txt").write_text("国务院关于示例的通知\n正文。\n", encoding="utf-8")
    meta = tmp_path / "meta.yaml"
    meta.write_text(
        "- title: 国务院关于示例的通知\n  date: 2021年10月24日\n  文号: 国发[2021]23号\n"
        "  issuer: [国务院]\n  topics: [double_carbon]\n",
        encoding="utf-8",
    )
    row = lp.read(tmp_path / "x.txt", metadata=meta).df.iloc[0]
    assert (row["date"], row["doc_number"], row["issuers"], row["topics"]) == (
        "2021-10-24",
        "国发〔2021〕23号",
        ["国务院"],
        ["double_carbon"],
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: not a list\n", encoding="utf-8")
    with pytest.raises(ParseError, match="bad.yaml: YAML metadata is not a list of mappings"):
        lp.read_metadata(bad)
