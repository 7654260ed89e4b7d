"""CSSCI reader (litkit.io.cssci) and CSSCI cited references (litkit.refs.parse_cssci_reference).

Real files: ../shared/corpora/cssci (counts in expected_counts_new_formats.json).  Reference counts are
recomputed here from the raw lines; field values were checked by eye against the raw records.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import litkit
from litkit.errors import DecodingError
from litkit.io import detect_format
from litkit.io.cssci import c1_entries, parse_volume_issue
from litkit.refs import (
    bibliographic_key,
    is_cssci_reference,
    parse_cssci_reference,
    parse_gbt7714_reference,
    parse_wos_reference,
    reference_key,
    reference_style,
    references_table,
)

FILES = ("cssci/DataSet_CSSCI.txt", "cssci/cssci_1-100b.txt")
_CJK = re.compile(r"[\u3400-\u9fff]")


def raw_records(path: Path) -> list[dict]:
    """The file's records recomputed from its lines: key -> value, and the reference lines."""
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    records = []
    for block in text.split("【来源篇名】")[1:]:
        lines = block.split("\n")
        fields = {"来源篇名": lines[0].strip()}
        refs, in_refs = [], False
        for line in lines[1:]:
            if line.startswith("-" * 20):
                break
            m = re.match(r"【(.+?)】(.*)", line)
            if m:
                key = m.group(1).replace(" ", "")
                # CSSCI writes quotes escaped (Moran\'s, \"Stickiness\"); the reader removes the backslash
                fields[key] = m.group(2).strip().replace("\\'", "'").replace('\\"', '"')
                in_refs = key == "参考文献"
            elif in_refs and line.strip():
                refs.append(line.strip())
        records.append({"fields": fields, "refs": refs})
    return records


@pytest.fixture(scope="module")
def cssci(shared_corpora):
    return {name: litkit.read(shared_corpora / name) for name in FILES}


def extra(value) -> dict:
    return json.loads(value) if isinstance(value, str) else {}


# ---------------------------------------------------------------------------------------------
# Real files: counts
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_real_file_is_read_with_its_exact_record_count(name, cssci, shared_corpora, expected_counts):
    corpus = cssci[name]
    rep = corpus.report.files[0]
    assert detect_format(shared_corpora / name).name == "cssci"
    assert (rep.format, rep.database, rep.encoding) == ("cssci", "CSSCI", "utf-8")
    assert rep.records_in_file == len(corpus) == expected_counts[name]
    assert rep.records_skipped == 0 and rep.balanced and rep.has_cited_references
    # the only problem is the three-line CSSCI preamble, a note at line 1
    assert [(p.line, p.action) for p in rep.problems] == [(1, "note")]
    assert set(corpus.df["DB"]) == {"CSSCI"} and set(corpus.df["PT"]) == {"J"}
    assert set(corpus.df["source_format"]) == {"cssci"}
    assert corpus.df["UT"].str.startswith("CSSCI:").all() and corpus.df["UT"].is_unique
    assert corpus.df["TI"].notna().all() and corpus.df["PY"].notna().all()


@pytest.mark.parametrize("name", FILES)
def test_every_field_matches_the_raw_record(name, cssci, shared_corpora):
    """Each record's fields against an independent reading of the raw lines."""
    corpus = cssci[name]
    raw = raw_records(shared_corpora / name)
    assert len(raw) == len(corpus)
    lines = (shared_corpora / name).read_bytes().decode("utf-8").splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if line.startswith("【来源篇名】")]
    for (_, rec), r, start in zip(corpus.df.iterrows(), raw, starts):
        f = r["fields"]
        assert rec["TI"] == f["来源篇名"]
        assert rec["source_line"] == start
        assert list(rec["AU"]) == [a for a in f["来源作者"].split("/") if a]
        assert rec["SO"] == f["期刊"]
        assert list(rec["DE"]) == [k for k in f["关键词"].split("/") if k]
        assert (rec["FU"] or "") == "; ".join(x for x in f["基金"].split("/") if x)
        assert rec["PY"] == int(f["年代卷期"][:4])
        ex = extra(rec["extra"])
        assert ex["年代卷期"] == f["年代卷期"] and ex["英文篇名"] == f["英文篇名"] and ex["clc"] == f["中图类号"]
        # every cited reference, in order, without its "N." numbering
        assert list(rec["CR"]) == [re.sub(r"^\d+\.", "", x, count=1) for x in r["refs"]]
        # every author named in 机构名称 appears in exactly one C1 group
        named = re.findall(r"\[([^\]]+)\]", f["机构名称"])
        grouped = [a for entry in rec["C1"] for a in re.match(r"\[([^\]]*)\]", entry).group(1).split("; ")]
        assert sorted(grouped) == sorted(dict.fromkeys(named))


@pytest.mark.parametrize(
    "name, total, empty_slot, latin",
    [("cssci/DataSet_CSSCI.txt", 1747, 72, 502), ("cssci/cssci_1-100b.txt", 4835, 19, 3061)],
)
def test_cited_reference_counts(name, total, empty_slot, latin, cssci, shared_corpora):
    raw = raw_records(shared_corpora / name)
    raw_refs = [x for r in raw for x in r["refs"]]
    # the numbers of INDEX.md / PROVENANCE.txt, recounted from the raw lines
    assert len(raw_refs) == total
    assert sum(1 for x in raw_refs if re.match(r"^\d+\.\.", x)) == empty_slot
    assert sum(1 for x in raw_refs if not _CJK.search(x)) == latin
    cr = [x for refs in cssci[name].df["CR"] for x in refs]
    assert len(cr) == total
    assert sum(1 for x in cr if x.startswith(".")) == empty_slot  # the empty slot keeps its dot
    assert sum(1 for x in cr if not _CJK.search(x)) == latin
    table = references_table(cssci[name].df)
    assert len(table) == total
    assert table.loc[table["raw"].str.startswith("."), "author"].isna().all()


# ---------------------------------------------------------------------------------------------
# Real files: records checked by eye against the raw text
# ---------------------------------------------------------------------------------------------
def test_spot_checks_dataset(cssci):
    df = cssci["cssci/DataSet_CSSCI.txt"].df
    r = df.iloc[0]
    assert r["TI"] == "基于本体的突发事件舆情知识库建设研究"
    assert list(r["AU"]) == ["徐蓓蓓", "杨子江", "朱世伟", "于俊凤"]
    assert (r["SO"], r["PY"], r["VL"], r["IS"], r["BP"], r["EP"]) == ("情报杂志", 2019, "38", "4", "132", "137")
    assert list(r["C1"]) == ["[徐蓓蓓; 杨子江; 朱世伟; 于俊凤] 齐鲁工业大学"]
    assert list(r["DE"]) == ["突发事件", "网络舆情知识库", "本体", "UML映射"]
    assert r["FU"].startswith("山东省社会科学规划研究专项“面向突发事件的网络舆情监测与应急响应体系研究”; 山东省科学院")
    assert r["LA"] == "Chinese" and len(r["CR"]) == 14
    assert r["CR"][0] == "吴文晓.基于本体的突发事件网络舆情案例推理研究:学位论文.绵阳:西南科技大学,2017"
    ex = extra(r["extra"])
    assert ex["英文篇名"].startswith("Research on the Construction of Emergency Network Opinion Knowledge Base")
    assert (ex["clc"], ex["第一机构"], ex["第一作者"]) == ("G356", "齐鲁工业大学", "徐蓓蓓")
    assert "基金类别" not in ex  # empty in this record

    r = df.iloc[1]  # 2019,38(080):121-125,171: a split page range
    assert r["TI"] == "基于决策树方法的网络舆情反转识别与实证研究"
    assert (r["VL"], r["IS"], r["BP"], r["EP"]) == ("38", "8", "121", "125")
    assert extra(r["extra"])["pages"] == "121-125,171"
    assert r["FU"] == "河北社会科学基金项目(HB18GL081)"
    assert list(r["C1"]) == ["[田俊静; 兰月新; 夏一雪; 张双狮; 连芷萱] 中国人民警察大学"]
    assert len(r["CR"]) == 17 and r["CR"][-1] == "陈志泊.数据仓库与数据挖掘.北京:清华大学出版社"

    r = df.iloc[21]  # 2016,(120):85-93: no volume, issue 12
    assert r["TI"] == "社交媒体舆情信息传播效果影响因素研究——以新浪微博“8.12天津爆炸”事件为例"
    assert (r["SO"], r["PY"], r["VL"], r["IS"], r["BP"], r["EP"]) == ("现代图书情报技术", 2016, None, "12", "85", "93")
    assert list(r["C1"]) == ["[廖海涵; 王曰芬] 南京理工大学 经济管理学院"]
    assert r["CR"][0] == ".第37次中国互联网络发展状况统计报告.2016" and len(r["CR"]) == 33


def test_spot_checks_single_journal_file(cssci):
    df = cssci["cssci/cssci_1-100b.txt"].df
    r = df.iloc[0]
    assert r["TI"] == "基于关键词演进的我国科技评价学科发展研究"
    assert list(r["AU"]) == ["李强", "赵一方", "黄岑"]
    assert (r["SO"], r["PY"], r["VL"], r["IS"], r["BP"], r["EP"]) == (
        "科学学与科学技术管理",
        2019,
        "40",
        "1",
        "3",
        "19",
    )
    assert r["FU"] == "国家自然科学基金面上项目(71373253); 创新方法工作专项项目(2013IM010100)"

    r = df.iloc[26]  # 【基    金】 empty
    assert r["TI"] == "城市群与企业创新行为:联动效应及路径分析"
    assert r["FU"] is None
    assert list(r["C1"]) == [
        "[翟士运] 中国矿业大学（北京） 管理学院",
        "[古朴] 清华大学 经济管理学院",
        "[安毅] 中国海洋大学 管理学院",
    ]
    assert (r["VL"], r["IS"], r["BP"], r["EP"]) == ("40", "7", "31", "42")
    assert len(r["CR"]) == 34
    assert r["CR"][-1] == (
        "Stuart,S R.Geography, industrial organization, and agglomeration.Review of Economics and Statistics.2003.85(2)"
    )

    r = df.iloc[99]
    assert r["TI"] == "科技创业者双重卷入会提升创业成长水平吗？"
    assert list(r["C1"]) == ["[周键; 王庆金; 周雪] 青岛大学 商学院"]
    assert r["FU"].split("; ")[1] == "山东省自然科学基金项目(ZR2018BG005;ZR2018MG006)"
    assert (r["IS"], r["BP"], r["EP"]) == ("4", "109", "120")
    assert len(r["CR"]) == 36
    last = parse_cssci_reference(r["CR"][-1])
    assert (last["author"], last["year"], last["source"], last["volume"]) == ("Zhang W", 2016, "Research Policy", "45")


def test_affiliations_read_the_cssci_c1(cssci):
    corpus = cssci["cssci/DataSet_CSSCI.txt"]
    aff = litkit.affiliations(corpus)
    first = aff[aff["record"] == 2]  # [马溯川]西安交通大学.人文学院/[张法明]武警工程大学.
    assert first[["author", "institution", "subunit"]].values.tolist() == [
        ["马溯川", "西安交通大学", "人文学院"],
        ["张法明", "武警工程大学", ""],
    ]
    # every unit is Chinese but one: [蒋世兵]加拿大布鲁克大学.管理学院 (Brock University, Canada)
    assert set(aff["country"]) == {"CN", "CA"}
    assert aff.loc[aff["country"] == "CA", "author"].tolist() == ["蒋世兵"]


# ---------------------------------------------------------------------------------------------
# Value parsers
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019,38(040):132-137", (2019, "38", "4", "132", "137", None)),
        ("2016,(120):85-93", (2016, None, "12", "85", "93", None)),
        ("2018,2(060):37-47", (2018, "2", "6", "37", "47", None)),
        ("2019,38(080):121-125,171", (2019, "38", "8", "121", "125", "121-125,171")),
        ("2017,(240):1-9", (2017, None, "24", "1", "9", None)),
        ("2015,34(011):5-9", (2015, "34", "11", "5", "9", None)),  # not a trailing 0: only leading zeros go
        ("2015,34(S1):5-9", (2015, "34", "S1", "5", "9", None)),
        ("2014", (2014, None, None, None, None, None)),
        ("", (None, None, None, None, None, None)),
    ],
)
def test_parse_volume_issue(value, expected):
    got = parse_volume_issue(value)
    assert (got["PY"], got["VL"], got["IS"], got["BP"], got["EP"], got["pages_raw"]) == expected


def test_c1_entries():
    assert c1_entries("[甲]北京大学./[乙]北京大学./[丙]清华大学.公共管理学院") == [
        "[甲; 乙] 北京大学",
        "[丙] 清华大学 公共管理学院",
    ]
    assert c1_entries("[甲]北京大学.环境学院/[甲]清华大学.") == ["[甲] 北京大学 环境学院", "[甲] 清华大学"]
    assert c1_entries("北京大学/清华大学") == ["北京大学", "清华大学"]
    assert c1_entries("") == [] and c1_entries(None) == []


# (raw, author, year, source, volume, page): hand-worked, one per kind of reference
CSSCI_REFERENCES = [
    (
        "3.付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)",
        "付业勤",
        2015,
        "重庆理工大学学报(社会科学)",
        "29",
        None,
    ),
    (
        "10.陈海汉.突发事件网络舆情传播时段特征和政府预警模式研究.图书馆学研究.2015.(1)",
        "陈海汉",
        2015,
        "图书馆学研究",
        None,
        None,
    ),
    (
        "2.谢海光.互联网内容及舆情深度分析模式.中国青年政治学院学报.2006.（3）",
        "谢海光",
        2006,
        "中国青年政治学院学报",
        None,
        None,
    ),
    ("12.陈涛.基于SOM的语义词典自动构建实验研究.情报学报.2007.1", "陈涛", 2007, "情报学报", "1", None),
    ("5.丁学君.基于SIR的SNS网络舆情话题传播模型研究.计算机仿真.32(1)", "丁学君", None, "计算机仿真", "32", None),
    ("1..在全国宣传思想工作会议上的讲话.人民日报.8.21(2)", None, None, "人民日报", None, "2"),
    ("13.张昭阳.“舆情反转”频发有利于舆论场的理性养成.吉林日报.4.19(005)", "张昭阳", None, "吉林日报", None, "005"),
    (
        "1.吴文晓.基于本体的突发事件网络舆情案例推理研究:学位论文.绵阳:西南科技大学,2017",
        "吴文晓",
        2017,
        "西南科技大学",
        None,
        None,
    ),
    (
        "49.陈桂鸿.网络舆情主题标引与意见挖掘研究:硕士学位论文.广州:中山大学,2010",
        "陈桂鸿",
        2010,
        "中山大学",
        None,
        None,
    ),
    (
        "10.薛圈圈.基于BP神经网络的网络舆情危机预警研究:学位论文:江西财经大学,2010",
        "薛圈圈",
        2010,
        "江西财经大学",
        None,
        None,
    ),
    ("2.郭志蓉.我国网络舆论研究的发展与现状:学位论文.西安:西北大学,2011:17-18", "郭志蓉", 2011, "西北大学", None, "17"),
    ("9.张国权.应用概率统计.北京:科技出版社", "张国权", None, "科技出版社", None, None),
    (
        "8.Aggarwal,C.C..On the Merits of Using Supervised Clustering.New York:ACM,1999:352-356",
        "Aggarwal CC",
        1999,
        "ACM",
        None,
        "352",
    ),
    (
        "17.Diana,C.M..Hearing the Other Side.Cambridge:Cambridge University Press",
        "Diana CM",
        None,
        "Cambridge University Press",
        None,
        None,
    ),
    (
        "38.Teece,D.J..Explicating dynamic capabilities.Strategic Management Journal.2007.28(13)",
        "Teece DJ",
        2007,
        "Strategic Management Journal",
        "28",
        None,
    ),
    (
        "51.Jansen,J J P.Exploratory innovation.Management Science.2006.52(11)",
        "Jansen JJP",
        2006,
        "Management Science",
        "52",
        None,
    ),
    (
        "20.Lerner,Jack.Duty of Confidentiality in the Surveillance Age.Journal of Internet Law.2014.17(10)",
        "Lerner, Jack",
        2014,
        "Journal of Internet Law",
        "17",
        None,
    ),
    (
        "9.Moreno,Y..Dynamics of rumor spreading in complex networks.Physical Review.2004.(69)",
        "Moreno Y",
        2004,
        "Physical Review",
        None,
        None,
    ),
    (
        "7.Harold,L..Structure and Function of Communication in Society.Communication of Ideas.1948.",
        "Harold L",
        1948,
        "Communication of Ideas",
        None,
        None,
    ),
    (
        "21.Mislove,A..Measurement and Analysis of Online Social Networks,2007:29-42",
        "Mislove A",
        2007,
        None,
        None,
        "29",
    ),
    (
        "2..Differential gains from mass media.Communication Research.2002.29(1)",
        None,
        2002,
        "Communication Research",
        "29",
        None,
    ),
    ("30.习近平.决胜全面建成小康社会，夺取新时代中国特色社会主义伟大胜利.2017", "习近平", 2017, None, None, None),
    ("17.中华人民共和国国家科学技术委员会科学技术成果鉴定办法", None, None, None, None, None),
    ("12.一种科技创新资源的模块化储存运输系统:中国，201910689309. 9", None, None, None, None, None),
    (
        "1.徐蓓蓓.基于本体的突发事件舆情知识库建设研究.情报杂志.2019,38(4):132-137",
        "徐蓓蓓",
        2019,
        "情报杂志",
        "38",
        "132",
    ),
    (
        "[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.",
        "谢高地",
        2015,
        "资源科学",
        "37",
        "1740",
    ),
]


@pytest.mark.parametrize("raw, author, year, source, volume, page", CSSCI_REFERENCES)
def test_parse_cssci_reference(raw, author, year, source, volume, page):
    got = parse_cssci_reference(raw)
    assert (got["author"], got["year"], got["source"], got["volume"], got["page"]) == (
        author,
        year,
        source,
        volume,
        page,
    )
    assert got["raw"] == raw and got["doi"] is None


def test_parser_on_every_real_reference(cssci):
    """Invariants over all 6582 real references, recomputed from the raw string."""
    journal = re.compile(r"\.([^.]+)\.((?:19|20)\d\d)\.(\d*)[(（][^)）]*[)）]$")
    n_journal = 0
    for corpus in cssci.values():
        for raw in (x for refs in corpus.df["CR"] for x in refs):
            got = parse_cssci_reference(raw)
            m = journal.search(raw)
            if m:  # "….source.year.volume(issue)": source, year, volume exactly as written
                n_journal += 1
                assert (got["source"], got["year"], got["volume"] or "") == (
                    m.group(1).strip(),
                    int(m.group(2)),
                    m.group(3),
                )
            if raw.startswith("."):
                assert got["author"] is None
            lat = re.match(r"^([A-Z][A-Za-z' \-]+),[A-Z]", raw)
            if lat and ".." in raw[: len(lat.group(0)) + 12]:
                assert got["author"].split()[0].rstrip(",") == lat.group(1).split()[0]
            assert is_cssci_reference(raw) == (reference_style(raw) == "cssci")
    assert n_journal > 4000


def test_reference_styles():
    assert reference_style("Zhang,W..Overcoming barriers.Research Policy.2016.45(3)") == "cssci"
    assert reference_style("付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)") == "cssci"
    assert reference_style(".第37次中国互联网络发展状况统计报告.2016") == "cssci"
    assert reference_style("Costanza R, 1997, NATURE, V387, P253") == "wos"
    assert reference_style("[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.") == "gbt7714"
    assert reference_style("Costanza, R., (1997) Nature, 387, pp. 253-260") == "scopus"


def test_same_work_gets_the_same_key_across_databases():
    """A CSSCI reference with pages keys like the WoS and the CNKI (GB/T) citation of the same work."""
    wos = parse_wos_reference("Teece DJ, 1997, STRATEGIC MANAGE J, V18, P509")
    cssci = parse_cssci_reference(
        "Teece,D.J..Dynamic capabilities and strategic management.Strategic Management Journal.1997,18(7):509-533"
    )
    assert reference_key(cssci) == reference_key(wos) == "TEECE|1997|STRATEG MANAGE J|18|509"  # J9: STRATEG
    gbt = parse_gbt7714_reference(
        "[3]付业勤.旅游危机事件网络舆情的本体分析[J].重庆理工大学学报(社会科学),2015,29(2):45-50."
    )
    cssci = parse_cssci_reference("付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015,29(2):45-50")
    assert reference_key(cssci) == reference_key(gbt)
    # CSSCI's usual form names no page: the key agrees with the other databases' up to the page
    short = parse_cssci_reference(
        "Teece,D.J..Dynamic capabilities and strategic management.Strategic Management Journal.1997.18(7)"
    )
    # (the issue stands in the page's place of its bibliographic key; alone, its key is the volume's)
    assert bibliographic_key(short) == "TEECE|1997|STRATEG MANAGE J|18|(7)"
    assert reference_key(short) == "TEECE|1997|STRATEG MANAGE J|18|"
    assert bibliographic_key(short).rsplit("|", 1)[0] == bibliographic_key(wos).rsplit("|", 1)[0]


# ---------------------------------------------------------------------------------------------
# Analyses on a CSSCI-only corpus
# ---------------------------------------------------------------------------------------------
def test_references_table_uses_the_cssci_parser(cssci):
    corpus = cssci["cssci/DataSet_CSSCI.txt"]
    table = references_table(corpus.df)
    assert set(table["DB"]) == {"CSSCI"}
    parsed = [parse_cssci_reference(raw) for raw in table["raw"]]
    volumes_of_issue = {}  # the volumes written with each page-less issue
    for p in parsed:
        if p.get("issue") and not p["page"] and p["volume"]:
            volumes_of_issue.setdefault(bibliographic_key({**p, "volume": None}), set()).add(p["volume"])
    for raw, key, p in zip(table["raw"], table["key"], parsed):
        if p.get("issue") and not p["page"]:
            # a page-less paper cited by issue: its volume's key (the one volume written with that issue),
            # or its issue's where the corpus cites that volume with two issues or the issue with two volumes
            issue_key = bibliographic_key({**p, "volume": None})
            volumes = [p["volume"]] if p["volume"] else sorted(volumes_of_issue.get(issue_key, ()))
            assert key in (issue_key, *(reference_key({**p, "volume": v}) for v in volumes)), raw
            continue
        assert key == (reference_key(p) if (p["author"] or p["source"]) else "")
    row = table[table["raw"] == "付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)"].iloc[0]
    assert (row["author"], row["year"], row["source"], row["volume"]) == (
        "付业勤",
        2015,
        "重庆理工大学学报(社会科学)",
        "29",
    )


def test_cocitation_and_bursts_on_a_cssci_only_corpus(cssci):
    corpus = cssci["cssci/DataSet_CSSCI.txt"]
    table = references_table(corpus.df)
    table = table[table["key"] != ""]
    citing = table.groupby("key")["record"].apply(set)  # brute force: the records citing each key
    net = litkit.cocitation(corpus)
    assert len(net.keys) >= 50 and net.n_links > 100
    for key, occ in zip(net.keys, net.occurrences):
        assert occ == len(citing[key])
    links = net.links()
    index = {k: i for i, k in enumerate(net.keys)}
    for _, link in links.head(40).iterrows():
        a, b = net.keys[link["source_id"] - 1], net.keys[link["target_id"] - 1]
        assert link["count"] == len(citing[a] & citing[b])
        assert index[a] == link["source_id"] - 1
    assert Counter(len(citing[k]) for k in net.keys).most_common(1)[0][0] >= 2  # min_citations=2

    bursts = litkit.citation_bursts(corpus, kind="cited_reference")
    assert len(bursts) > 0
    assert (bursts["count"] >= 2).all() and (bursts["begin"] <= bursts["end"]).all()
    assert bursts["item"].iloc[0] == "刘毅, 天津人民出版社"  # the 11-times cited book, first in 2010
    journals = litkit.citation_bursts(corpus, kind="cited_journal")
    assert len(journals) > 0 and set(journals["item"]) <= set(table["source"].dropna())
    assert {"情报学报", "图书情报工作"} <= set(journals["item"])


# ---------------------------------------------------------------------------------------------
# Merging with CNKI and WoS
# ---------------------------------------------------------------------------------------------
CNKI_TWIN = """RT Journal Article
SR 1
A1 徐蓓蓓;杨子江;朱世伟;于俊凤
AD 齐鲁工业大学（山东省科学院）山东省计算中心（国家超级计算济南中心）;
T1 基于本体的突发事件舆情知识库建设研究
JF 情报杂志
YR 2019
IS 04
vo 38
OP 132-137
K1 突发事件;网络舆情知识库;本体;UML映射
AB 针对突发事件网络舆情知识的组织与复用问题……
SN 1002-1965
CN 61-1167/G3
LA 中文;
DS CNKI
LK https://kns.cnki.net/kcms/detail/detail.aspx?FileName=QBZZ201904021&DbName=CJFQ2019
"""


def test_merge_with_cnki_keeps_the_cssci_references(cssci, tmp_path):
    corpus = cssci["cssci/DataSet_CSSCI.txt"]
    path = tmp_path / "cnki.txt"
    path.write_text(CNKI_TWIN, encoding="utf-8")
    cnki = litkit.read(path)
    assert cnki.report.files[0].format == "cnki_refworks" and len(cnki) == 1
    merged = litkit.merge(cnki, corpus)
    assert len(merged) == len(corpus)  # the CNKI record and CSSCI record 0 are one publication
    twin = merged.df[merged.df["TI"] == "基于本体的突发事件舆情知识库建设研究"].iloc[0]
    assert set(twin["DB"].split(";")) == {"CNKI", "CSSCI"}
    assert list(twin["CR"]) == list(corpus.df.iloc[0]["CR"])
    # the merged record's references are parsed string by string, as CSSCI strings
    before = references_table(corpus.df)
    after = references_table(merged.df)
    assert len(after) == len(before)
    assert sorted(after["key"]) == sorted(before["key"])


def test_merge_with_wos_keeps_every_reference(cssci, shared_corpora):
    corpus = cssci["cssci/cssci_1-100b.txt"]
    wos = litkit.read(shared_corpora / "wos-plaintext-bibliometrix-fixture" / "wos_sample.txt")
    merged = litkit.merge(wos, corpus)
    assert len(merged) == len(wos) + len(corpus)
    table = references_table(merged.df)
    n_cr = sum(len(x) for x in corpus.df["CR"]) + sum(len(x) for x in wos.df["CR"])
    assert len(table) == n_cr
    cssci_rows = table[table["DB"] == "CSSCI"]
    # beside WoS's "Chen CM, 2006, J AM SOC INF SCI TEC, V57, P359, DOI 10.1002/asi.20317", CSSCI's page-less
    # citation of the same paper takes its page and DOI (litkit.refs.keys); every other CSSCI key is unchanged
    met = {"CHEN|2006|J AM SOC INF SCI TEC|57|": "doi:10.1002/asi.20317"}
    assert sorted(cssci_rows["key"]) == sorted(met.get(k, k) for k in references_table(corpus.df)["key"])


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------
SEP = "-" * 71


def _record(title: str, refs: list[str], year: str = "2019,38(040):132-137") -> str:
    lines = [
        f"【来源篇名】{title}",
        "【英文篇名】An English title",
        "【来源作者】张三/李四",
        "【基    金】国家社会科学基金(19ZDA001)",
        "【期    刊】情报杂志",
        "【第一机构】北京大学",
        "【机构名称】[张三]北京大学.信息管理系/[李四]北京大学.",
        "【第一作者】张三",
        "【中图类号】G350",
        f"【年代卷期】{year}",
        "【关 键 词】舆情/本体",
        "【基金类别】国家社科基金/",
        "【参考文献】",
        *[f"{i}.{r}" for i, r in enumerate(refs, 1)],
        SEP,
        "",
    ]
    return "\n".join(lines) + "\n"


PREAMBLE = "南京大学中国社会科学研究评价中心\n数字文献处理系统 版本：2.1\n版权所有 (C) 2000 - 2001 CSSCI Corp.\n\n\n"
REFS = [
    "付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)",
    ".网络舆情典型案例评析.长沙:湖南人民出版社",
]


def _read(tmp_path, text: str, name: str = "cssci.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    corpus = litkit.read(path)
    return corpus, corpus.report.files[0]


def test_cut_record_is_kept_and_reported(tmp_path):
    text = PREAMBLE + _record("甲", REFS) + _record("乙", REFS)
    cut = text[: text.index("【关 键 词】", text.index("乙"))]  # download stopped inside record 2
    corpus, rep = _read(tmp_path, cut)
    assert rep.records_in_file == 2 and len(corpus) == 2 and rep.balanced
    kept = [p for p in rep.problems if "not closed" in p.reason]
    assert len(kept) == 1 and kept[0].line == 6 + 17 and "end of the file" in kept[0].reason
    assert any("no 【参考文献】" in p.reason and p.line == 23 for p in rep.problems)
    assert list(corpus.df["CR"].iloc[1]) == []


def test_lost_separator_and_lost_reference_line_are_reported(tmp_path):
    text = PREAMBLE + _record("甲", REFS + ["王五.标题.情报学报.2010.29(1)"]) + _record("乙", REFS)
    text = text.replace(SEP + "\n", "", 1).replace("2..网络舆情", "", 1)  # record 1 loses its dash line and ref 2
    corpus, rep = _read(tmp_path, text)
    assert len(corpus) == 2 and rep.balanced
    reasons = {p.reason.split(":")[0] for p in rep.problems if p.action == "kept"}
    assert "record not closed by the dash line before the next record" in reasons
    jump = [p for p in rep.problems if "numbered 3 where 2" in p.reason]
    assert len(jump) == 1 and jump[0].line == 6 + 15  # the emptied line of reference 2 stays a (blank) line


def test_junk_lines_are_reported_with_their_line(tmp_path):
    text = PREAMBLE + _record("甲", REFS) + "这一行不属于任何记录\n" + _record("乙", REFS)
    text = text.replace("【期    刊】情报杂志\n", "【期    刊】情报杂志\n（续）\n", 1)
    corpus, rep = _read(tmp_path, text)
    assert len(corpus) == 2 and rep.balanced
    joined = [p for p in rep.problems if "without a 【key】" in p.reason]
    assert len(joined) == 1 and joined[0].line == 11 and "【期刊】" in joined[0].reason
    assert corpus.df["SO"].iloc[0] == "情报杂志\n（续）"
    between = [p for p in rep.problems if "between records" in p.reason]
    assert len(between) == 1 and between[0].line == 6 + 17 + 1


def test_record_without_title_is_skipped_and_counted(tmp_path):
    text = PREAMBLE + _record("甲", REFS) + _record("", REFS) + _record("丙", REFS)
    corpus, rep = _read(tmp_path, text)
    assert rep.records_in_file == 3 and rep.records_read == 2 and rep.records_skipped == 1 and rep.balanced
    skipped = [p for p in rep.problems if p.action == "skipped"]
    assert len(skipped) == 1 and skipped[0].line == 6 + 17 and skipped[0].record == 1
    assert corpus.df["TI"].tolist() == ["甲", "丙"]


def test_gb18030_and_crlf_read_the_same_values(tmp_path):
    text = PREAMBLE + _record("基于本体的研究", REFS) + _record("乙", REFS, "2016,(120):85-93")
    utf8, _ = _read(tmp_path, text)
    gb, rep = _read(tmp_path, text.replace("\n", "\r\n"), "gb.txt", "gb18030")
    assert rep.encoding == "gb18030" and rep.format == "cssci"
    cols = [c for c in utf8.df.columns if c != "source_file"]
    assert gb.df[cols].astype(str).equals(utf8.df[cols].astype(str))


def test_wrong_encoding_inside_the_file_names_file_and_line(tmp_path, shared_corpora):
    text = (shared_corpora / "cssci" / "DataSet_CSSCI.txt").read_bytes().decode("utf-8")
    at = text.index("【来源篇名】基于决策树")
    end = text.index(SEP, at)
    # one record pasted in from a GB18030 export into a UTF-8 file
    data = text[:at].encode("utf-8") + text[at:end].encode("gb18030") + text[end:].encode("utf-8")
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    with pytest.raises(DecodingError) as info:
        litkit.read(path)
    line = text[:at].count("\n") + 1
    assert f"mixed.txt, line {line}:" in str(info.value)


def test_sniffing_is_by_content(tmp_path):
    path = tmp_path / "export.csv"  # a misleading name
    path.write_text(PREAMBLE + _record("甲", REFS), encoding="utf-8")
    assert detect_format(path).name == "cssci"
    path.write_text("【来源篇名】甲\n【来源作者】张三\n", encoding="utf-8")  # no preamble
    assert detect_format(path).name == "cssci"
