"""CNKI readers: every real CNKI export in ../shared, plus realistic E-Study, self-defined and
.xls samples built here (no public example of those three is in ../shared)."""

from __future__ import annotations

import doctest
import importlib
import json

import pandas as pd
import pytest

import litkit
from litkit.corpus import Corpus
from litkit.io import detect_format, expand_paths, read_file
from litkit.io._cnki_common import document_type, online_first_date, parse_pages, split_keywords, split_names

CNKI_FORMATS = {
    "cnki-refworks": "cnki_refworks",
    "cnki-endnote": "cnki_endnote",
    "cnki-noteexpress": "cnki_noteexpress",
}


def cnki_files(expected_counts):
    return sorted(k for k in expected_counts if k.split("/")[0] in CNKI_FORMATS)


def row(corpus: Corpus, i: int) -> dict:
    return corpus.df.iloc[i].to_dict()


def extra(rec: dict) -> dict:
    return json.loads(rec["extra"]) if rec["extra"] else {}


# ---------------------------------------------------------------------------------------------
# Real files
# ---------------------------------------------------------------------------------------------
def test_every_cnki_file_is_read_with_its_exact_record_count(shared_corpora, expected_counts):
    files = cnki_files(expected_counts)
    assert len(files) == 5
    for name in files:
        path = shared_corpora / name
        corpus = litkit.read(path)  # format and encoding sniffed from content
        report = corpus.report.files[0]
        assert report.format == CNKI_FORMATS[name.split("/")[0]], name
        assert report.records_in_file == expected_counts[name], name
        assert len(corpus) == expected_counts[name], name
        assert report.records_skipped == 0 and report.balanced, name
        assert report.has_cited_references is False, name
        assert set(corpus.df["DB"]) == {"CNKI"}
        assert set(corpus.df["source_format"]) == {report.format}
        assert corpus.df["UT"].is_unique
        assert corpus.df["TI"].notna().all()
        text = [str(v) for v in corpus.df[["TI", "AB", "SO"]].fillna("").to_numpy().ravel()]
        assert not any("\ufffd" in t or "Ã" in t or "ä¸" in t for t in text), name  # no mojibake


def test_refworks_first_last_and_online_first(shared_corpora):
    corpus = litkit.read(shared_corpora / "cnki-refworks" / "CNKI.txt")
    first, last = row(corpus, 0), row(corpus, len(corpus) - 1)
    assert first["TI"] == "基于VR技术的视觉传达设计创新路径探究"
    assert first["PY"] == 2024 and first["AU"] == ["谢进", "王娜", "杨子奇"]
    assert first["DE"] == ["虚拟现实", "视觉传达设计"]
    assert (first["SO"], first["IS"], first["VL"], first["BP"], first["EP"]) == ("美术教育研究", "22", None, "72", "74")
    assert first["C1"] == ["湖州师范学院"] and first["LA"] == "Chinese" and first["SN"] == "1674-9286"
    assert (first["PT"], first["DT"]) == ("J", "期刊")
    assert extra(first) == {"cn": "34-1313/J"}
    assert last["TI"] == "基于交互式用户体验的产品设计前期定位研究"
    assert last["PY"] == 2010 and last["AU"] == ["蒋之炜", "潘荣"]
    assert last["DE"] == ["先进设计技术(ADT)", "虚拟现实", "用户体验(UE)"]
    assert last["DI"] == "10.16824/j.cnki.issn10082832.2010.01.060" and last["VL"] == "2" and last["IS"] == "1"
    # online-first record (line 37): no YR, the year comes from the urlid date and is reported
    online = row(corpus, 2)
    assert online["TI"] == "面向元宇宙技术体系的数字图书馆建设研究"
    assert online["PY"] == 2024 and online["EA"] == "2024-11-13" and online["IS"] is None
    notes = [p for p in corpus.report.problems if p.line == 37]
    assert len(notes) == 1 and notes[0].action == "note" and "online-first" in notes[0].reason
    assert corpus.df["PY"].notna().all()  # every online-first record got its year from its link
    assert len(corpus.report.problems) == 2


def test_endnote_first_last_and_thesis(shared_corpora):
    corpus = litkit.read(shared_corpora / "cnki-endnote" / "demo.txt")
    first, last = row(corpus, 0), row(corpus, len(corpus) - 1)
    assert first["TI"] == "Fairclough 三维分析模型下的话语分析——以江西企业“走出去”通事语言为例"
    assert first["PY"] == 2019 and first["AU"] == ["吴继琴"] and first["IS"] == "3"
    assert first["DE"] == [
        "Fairclough 三维分析模型",
        "话语分析",
        "“走出去”通事语言",
        "描述阶段",
        "阐释阶段",
        "解释阶段",
    ]
    assert last["TI"] == "语音识别技术及应用综述"
    assert last["PY"] == 2013 and last["AU"] == ["禹琳琳"]
    assert last["DE"] == ["语音识别", "识别原理", "声学建模方法", "多维模式识别系统"]
    assert (last["VL"], last["IS"], last["BP"], last["EP"]) == ("36", "13", "43", "45")
    five = row(corpus, 1)
    assert five["AU"] == ["赵亚欧", "张家重", "李贻斌", "付宪瑞", "生伟"]  # one %A line per author
    assert five["C1"] == ["浪潮集团金融信息技术有限公司", "济南大学信息科学与工程学院", "山东大学控制科学与工程学院"]
    english = row(corpus, 3)
    assert english["AU"] == ["Meghan M. Parkinson", "Daniel L. Dinsmore"]
    assert english["AB"].startswith("This article uses the Model of Domain Learning")  # "Abstract(#br)" dropped
    thesis = corpus.df[corpus.df["source_line"] == 295].iloc[0].to_dict()
    assert (thesis["PT"], thesis["DT"], thesis["SO"], thesis["PY"]) == ("T", "硕士", "北京邮电大学", 2015)
    assert thesis["TI"] == "基于深度学习的语音识别应用研究" and extra(thesis)["advisors"] == "徐蔚然"
    # the abstract goes on over blank and indented lines: they all belong to it
    assert "1、基于深度神经网络的声学特征提取研究" in thesis["AB"]
    assert "3、基于深度学习的声学建模研究" in thesis["AB"]
    assert (corpus.df["PT"] == "T").sum() == 12
    assert set(corpus.df.loc[corpus.df["PT"] == "T", "DT"]) == {"硕士", "博士"}


def test_noteexpress_files(shared_corpora):
    folder = shared_corpora / "cnki-noteexpress"
    classic = litkit.read(folder / "Classic5Test.net")
    first, last = row(classic, 0), row(classic, 4)
    assert first["TI"] == "Share-option based compensation expense, shareholder returns and financial crisis"
    assert first["AU"] == ["Alaa Alhaj-Ismail", "Sami Adwan", "John Stittle"] and first["PY"] == 2019
    assert first["DE"][0] == "IFRS 2" and first["DE"][-1] == "And large shareholders"
    assert first["AB"].startswith("This paper contributes to the literature") and "(#br)" not in first["AB"]
    assert (first["VL"], first["IS"], first["SN"]) == ("15", "1", "1815-5669")
    assert last["TI"] == "三维真比例导引律大气层外拦截真任意机动目标的性能分析"
    assert last["AU"] == ["黎克波", "梁彦刚", "苏文山", "陈磊"] and pd.isna(last["PY"])
    assert last["DE"] == ["大气层", "真比例导引律", "动能拦截器", "机动目标", "弹目接近速度", "性能分析"]

    cover = litkit.read(folder / "CoverAllTest15Entries.net")
    first, last = row(cover, 0), row(cover, 14)
    assert first["TI"] == "Does converting abandoned railways to greenways impact neighboring housing prices?"
    assert (first["PY"], first["AU"]) == (2019, ["Youngre Noh"])
    assert first["DE"] == [
        "Spatial hedonic model",
        "AITS-DID",
        "Greenway",
        "Railroad",
        "Property value",
        "Brownfield: trail",
    ]
    assert (last["TI"], last["PY"], last["AU"]) == ("企业党员干部队伍建设问题研究", 2019, ["徐敏"])
    assert last["DE"] == ["企业党员干部", "队伍建设", "问题", "对策"]
    types = list(zip(cover.df["PT"].fillna(""), cover.df["DT"]))
    assert types == [
        ("J", "期刊"),
        ("J", "期刊"),
        ("T", "博士"),
        ("T", "硕士"),
        ("C", "会议"),
        ("N", "报纸"),
        ("B", "图书"),
        ("", "年鉴"),
        ("", "年鉴"),
        ("P", "专利"),
        ("", "标准"),
        ("", "标准"),
        ("J", "期刊"),
        ("J", "期刊"),
        ("J", "期刊"),
    ]
    phd = row(cover, 2)
    assert phd["TI"] == "云环境下铁路“门到门”货运产品设计优化方法研究"
    assert (phd["SO"], phd["PY"], extra(phd)["advisors"]) == ("北京交通大学", 2018, "何世伟")
    conf = row(cover, 4)
    assert conf["SO"] == "共享与品质——2018中国城市规划年会论文集（01城市安全与防灾规划）"
    assert extra(conf)["conference"] == "2018中国城市规划年会" and extra(conf)["place"] == "中国浙江杭州"
    assert row(cover, 6)["BN"] == "9780429834646"
    assert row(cover, 13)["AU"] == [] and row(cover, 13)["DE"][:2] == ["巴拿马", "习近平"]
    assert row(cover, 14)["TI"] == "企业党员干部队伍建设问题研究"
    assert (row(cover, 14)["BP"], extra(row(cover, 14))["pages"]) == ("210", "210+209")

    mixed = litkit.read(folder / "mixed.net")
    assert row(mixed, 0)["TI"] == "基于深度信念网络资源需求预测的虚拟网络功能动态迁移算法"
    assert row(mixed, 0)["AU"] == ["唐伦", "赵培培", "赵国繁", "陈前斌"] and pd.isna(row(mixed, 0)["PY"])
    assert row(mixed, 0)["DE"] == ["虚拟网络功能", "预测", "迁移", "深度学习"]
    last = row(mixed, 11)
    assert (last["TI"], last["PY"]) == ("中药归经研究述评", 2002)
    assert last["AU"] == ["穆仙丽", "赵宗江", "魏晨"] and last["DE"] == ["中药", "归经", "理论研究", "实验研究"]
    assert row(mixed, 9)["AU"] == ["谢昕", "王小增"]  # old records: comma between Chinese names
    assert row(mixed, 3)["DT"] == "报纸" and row(mixed, 3)["PY"] == 2019  # from {Date}
    # old records wrap {Author Address} over blank-separated lines: they are joined to it
    assert row(mixed, 9)["C1"] == ["中国地质大学政法学院", "中国地质大学政法学院 湖北武汉430074", "湖北武汉430074"]
    assert [p.action for p in mixed.report.problems] == ["note"]  # record 1 has no year


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_gb18030_copies_give_identical_values(shared_corpora, expected_counts, tmp_path, encoding):
    for name in cnki_files(expected_counts):
        original = litkit.read(shared_corpora / name)
        text = (shared_corpora / name).read_bytes().decode("utf-8")
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            assert encoding == "gbk"  # GBK lacks a few characters GB18030 has
            continue
        copy = tmp_path / name.replace("/", "_")
        copy.write_bytes(data)
        again = litkit.read(copy)
        assert again.report.files[0].encoding == "gb18030", name
        left = original.df.drop(columns=["source_file"])
        right = again.df.drop(columns=["source_file"])
        assert Corpus(left) == Corpus(right), name


def test_parquet_round_trip_and_determinism(shared_corpora, expected_counts, tmp_path):
    paths = [shared_corpora / name for name in cnki_files(expected_counts)]
    corpus = litkit.read(paths)
    assert len(corpus) == sum(expected_counts[n] for n in cnki_files(expected_counts))
    out = corpus.to_parquet(tmp_path / "cnki.parquet")
    back = Corpus.read_parquet(out)
    assert back == corpus
    assert back.df.loc[0, "AU"] == corpus.df.loc[0, "AU"]
    assert back.report.records_read == corpus.report.records_read
    assert litkit.read(paths) == corpus  # same input, same table


def test_cnki_sniffers_leave_other_databases_alone(shared_corpora):
    for path in expand_paths([shared_corpora]):
        if path.parent.name.startswith("cnki-") or path.suffix == ".json":
            continue
        try:
            spec = detect_format(path)
        except litkit.errors.LitkitError:
            continue  # that format's reader may not exist yet; it is not ours in any case
        assert not spec.name.startswith("cnki_"), path


# ---------------------------------------------------------------------------------------------
# Realistic samples of the formats ../shared has no file of
# ---------------------------------------------------------------------------------------------
ESTUDY = """DataType: 1
Title-题名: 生态产品价值实现的理论逻辑与路径
Author-作者: 张林波;虞慧怡;李岱青;
Source-刊名: 环境科学研究
Year-年: 2019
PubTime-出版时间: 2019-01-15
Keyword-关键词: 生态产品;价值实现;生态补偿;绿水青山
Summary-摘要: <正>生态产品价值实现是践行“绿水青山就是金山银山”理念的关键路径。
Period-期: 01
Roll-卷: 32
PageCount-页数: 10
Page-页码: 1-10
SrcDatabase-来源库: 期刊
Organ-机构: 中国环境科学研究院;
Link-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=HJKX201901001&DbName=CJFQ2019

DataType: 2
Title-题名: 森林碳汇价值核算研究
Author-作者: 王芳;
Source-学位授予单位: 北京林业大学
Year-年: 2020
PubTime-出版时间: 2020-06-01
Keyword-关键词: 森林碳汇;价值核算
Summary-摘要: 本文以北京市森林为对象，
核算了森林碳汇的价值。
Teacher-导师: 李明
Degree-学位: 博士
SrcDatabase-来源库: 博士
Link-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=1020123456.nh&DbName=CDFDLAST2021
DataType: 3
Title-题名: 生态补偿标准的测算方法
Author-作者: 赵强;钱伟;
Source-来源: 2018中国生态经济学学会年会论文集
Year-年: 2018
PubTime-出版日期: 2018-10
Keyword-关键词: 生态补偿;测算方法
PageCount-页码: 8
SrcDatabase-来源库: 中国会议
City-会议地点: 中国浙江杭州
Meeting-会议名称: 2018中国生态经济学学会年会
Organ-作者机构: 浙江大学;
Link-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=ZGST201810001003&DbName=CPFD2019
"""

SELFDEFINED = """SrcDatabase-来源库: 期刊
Title-题名: 碳汇交易机制与生态补偿的耦合
Author-作者: 李金哲;陈晨;
Organ-单位: 中国人民大学环境学院;北京师范大学地理科学学部;
Source-文献来源: 中国人口·资源与环境
Keyword-关键词: 碳汇;;生态补偿;;耦合机制
Summary-摘要: 碳汇交易与生态补偿的耦合是实现生态产品价值的重要途径。
PubTime-发表时间: 2022-03-15
FirstDuty-第一责任人: 李金哲
Fund-基金: 国家社会科学基金项目(21BJY001);;教育部人文社会科学研究项目(20YJC790001);
Year-年: 2022
Volume-卷: 32
Period-期: 03
PageCount-页码: 41-43+47
CLC-中图分类号: X196;F205
ISSN-国际标准刊号: 1002-2104
URL-网址: https://kns.cnki.net/kcms2/article/abstract?v=AbC123
DOI-DOI: 10.12062/cpre.20220315

SrcDatabase-来源库:硕士
Title-题名:流域横向生态补偿的农户意愿研究
Author-作者:刘洋;
Organ-单位:南京农业大学
Source-文献来源:南京农业大学
Keyword-关键词:生态补偿;农户意愿
Summary-摘要:基于江苏省调查数据。
PubTime-发表时间:2021-06-01
FirstDuty-第一责任人:刘洋
Year-年:2021
CLC-中图分类号:F323.22
URL-网址:https://kns.cnki.net/kcms2/article/abstract?v=DeF456

SrcDatabase-来源库: 国际会议
Title-题名: Ecological product value realization in China
Author-作者: Wei Zhang;Li Wang;
Organ-单位: Tsinghua University;
Source-文献来源: Proceedings of the 2020 International Conference on Ecosystem Services
Keyword-关键词: ecological products;value realization
PubTime-发表时间: 2020-11-20
Year-年: 2020
PageCount-页码: 12-18
URL-网址: https://kns.cnki.net/kcms2/article/abstract?v=GhI789
"""

XLS_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<style>.text {{ mso-number-format:\\@; }}</style></head><body>
<table border="1">
<tr><td colspan="5">中国知网检索结果</td></tr>
<tr><td>SrcDatabase-来源库</td><td>Title-题名</td><td>Author-作者</td><td>Organ-单位</td><td>Source-文献来源</td><td>Keyword-关键词</td><td>Summary-摘要</td><td>PubTime-发表时间</td><td>Year-年</td><td>Volume-卷</td><td>Period-期</td><td>PageCount-页码</td><td>DOI-DOI</td></tr>
<tr><td>期刊</td><td>生态产品价值实现的路径</td><td>张三;李四;</td><td>北京大学城市与环境学院;</td><td>生态学报</td><td>生态产品;;价值实现</td><td>第一段<br>第二段 &amp; 结论</td><td>2021-04-26</td><td>2021</td><td>41</td><td>08</td><td>3001-3012</td><td>10.5846/STXB202012013070</td></tr>
<tr><td>SrcDatabase-来源库</td><td>Author-作者</td><td>Title-题名</td><td>Source-文献来源</td><td>PubTime-发表时间</td><td>Keyword-关键词</td></tr>
<tr><td>博士</td><td>王五</td><td>碳汇交易的福利效应研究</td><td>南京大学</td><td>2019-05-01</td><td>碳汇;福利效应</td></tr>
<tr><td>中国会议</td><td>赵六;钱七</td><td>生态补偿的国际比较</td><td>第十届生态经济论坛论文集</td><td>2018-10-20</td><td></td></tr>
</table></body></html>
"""

XLS_RESULT_LIST = """<table>
<tr><th>序号</th><th>题名</th><th>作者</th><th>来源</th><th>发表时间</th><th>数据库</th><th>被引</th><th>下载</th></tr>
<tr><td>1</td><td>生态系统服务价值评估</td><td>谢高地，鲁春霞</td><td>自然资源学报</td><td>2001-03-25</td><td>期刊</td><td>2,345</td><td>18000</td></tr>
<tr><td>2</td><td>碳中和背景下的生态补偿</td><td>周宏</td><td>中国环境管理</td><td>2021-08-10</td><td>期刊</td><td></td><td>312</td></tr>
</table>"""


def write(tmp_path, name, text, encoding="utf-8", newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


@pytest.mark.parametrize("encoding, newline", [("utf-8", "\n"), ("gb18030", "\r\n"), ("utf-8-sig", "\r\n")])
def test_estudy_sample(tmp_path, encoding, newline):
    corpus = litkit.read(write(tmp_path, "CNKI-estudy.txt", ESTUDY, encoding, newline))
    report = corpus.report.files[0]
    assert report.format == "cnki_estudy" and report.records_in_file == 3 and report.balanced
    assert report.has_cited_references is False and report.problems == []
    art, phd, conf = (row(corpus, i) for i in range(3))
    assert art["TI"] == "生态产品价值实现的理论逻辑与路径"
    assert art["AU"] == ["张林波", "虞慧怡", "李岱青"] and art["PY"] == 2019
    assert (art["VL"], art["IS"], art["BP"], art["EP"], art["PD"]) == ("32", "1", "1", "10", "2019-01-15")
    assert art["AB"] == "生态产品价值实现是践行“绿水青山就是金山银山”理念的关键路径。"  # <正> dropped
    assert art["C1"] == ["中国环境科学研究院"] and extra(art)["page_count"] == "10"
    assert (phd["PT"], phd["DT"], phd["SO"]) == ("T", "博士", "北京林业大学")
    assert phd["AB"] == "本文以北京市森林为对象，\n核算了森林碳汇的价值。"  # wrapped line joined
    assert extra(phd)["advisors"] == "李明"
    assert (conf["PT"], conf["DT"], conf["SO"]) == ("C", "会议", "2018中国生态经济学学会年会论文集")
    assert extra(conf)["conference"] == "2018中国生态经济学学会年会" and conf["PD"] == "2018-10"
    assert conf["source_line"] == 30  # no blank line before it: the DataType line opens it


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_selfdefined_sample(tmp_path, encoding):
    corpus = litkit.read(write(tmp_path, "CNKI-selfdefined.txt", SELFDEFINED, encoding, "\r\n"))
    report = corpus.report.files[0]
    assert report.format == "cnki_selfdefined" and report.encoding == encoding
    assert report.records_in_file == 3 and len(corpus) == 3 and report.problems == []
    art, msc, conf = (row(corpus, i) for i in range(3))
    assert art["TI"] == "碳汇交易机制与生态补偿的耦合" and art["AU"] == ["李金哲", "陈晨"]
    assert art["C1"] == ["中国人民大学环境学院", "北京师范大学地理科学学部"]
    assert art["DE"] == ["碳汇", "生态补偿", "耦合机制"] and art["SO"] == "中国人口·资源与环境"
    assert art["FU"] == "国家社会科学基金项目(21BJY001); 教育部人文社会科学研究项目(20YJC790001)"
    assert (art["PY"], art["VL"], art["IS"], art["BP"], art["EP"]) == (2022, "32", "3", "41", "43")
    assert (art["SN"], art["DI"]) == ("1002-2104", "10.12062/cpre.20220315")
    assert extra(art) == {"clc": "X196;F205", "database": "期刊", "first_duty": "李金哲", "pages": "41-43+47"}
    assert (msc["PT"], msc["DT"], msc["SO"], msc["PY"]) == ("T", "硕士", "南京农业大学", 2021)
    assert msc["AU"] == ["刘洋"]  # "Author-作者:刘洋;" with no space after the colon
    assert (conf["PT"], conf["DT"]) == ("C", "会议") and conf["AU"] == ["Wei Zhang", "Li Wang"]


@pytest.mark.parametrize("charset", ["utf-8", "gb18030"])
def test_xls_html_sample_with_changing_headers(tmp_path, charset):
    path = write(tmp_path, "CNKI-export.xls", XLS_HTML.format(charset=charset), charset)
    assert detect_format(path).name == "cnki_html_xls"
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert report.encoding == charset and report.records_in_file == 3 and report.balanced
    art, phd, conf = (row(corpus, i) for i in range(3))
    assert art["TI"] == "生态产品价值实现的路径" and art["AU"] == ["张三", "李四"]
    assert art["AB"] == "第一段\n第二段 & 结论" and art["DI"] == "10.5846/stxb202012013070"
    assert (art["PY"], art["VL"], art["IS"], art["BP"], art["EP"]) == (2021, "41", "8", "3001", "3012")
    # the second header row swaps Title and Author: the columns follow it
    assert (phd["TI"], phd["AU"], phd["SO"], phd["DT"]) == ("碳汇交易的福利效应研究", ["王五"], "南京大学", "博士")
    assert phd["PY"] == 2019 and phd["DE"] == ["碳汇", "福利效应"]
    assert (conf["PT"], conf["TI"], conf["AU"]) == ("C", "生态补偿的国际比较", ["赵六", "钱七"])
    assert art["source_line"] == 7 and phd["source_line"] == 9


def test_xls_resaved_by_excel_as_utf16(tmp_path):
    path = tmp_path / "resaved.xls"
    path.write_bytes(b"\xff\xfe" + XLS_HTML.format(charset="unicode").encode("utf-16-le"))
    corpus = litkit.read(path)
    assert corpus.report.files[0].format == "cnki_html_xls"
    assert list(corpus.df["TI"]) == ["生态产品价值实现的路径", "碳汇交易的福利效应研究", "生态补偿的国际比较"]


def test_xls_result_list_and_tab_separated_variant(tmp_path):
    corpus = litkit.read(write(tmp_path, "list.xls", XLS_RESULT_LIST, "gb18030"))
    first = row(corpus, 0)
    assert first["TI"] == "生态系统服务价值评估" and first["AU"] == ["谢高地", "鲁春霞"]
    assert (first["TC"], extra(first)["downloads"], first["PY"]) == (2345, "18000", 2001)
    assert pd.isna(row(corpus, 1)["TC"]) and extra(row(corpus, 1))["downloads"] == "312"

    header = ["SrcDatabase-来源库", "Title-题名", "Author-作者", "Source-文献来源", "Year-年"]
    rows = [
        ["期刊", "湿地生态补偿研究", "孙九;", "湿地科学", "2015"],
        ["硕士", "草原碳汇计量", "周十;", "内蒙古大学", "2016"],
    ]
    tsv = "\n".join("\t".join(r) for r in [header, *rows]) + "\n"
    corpus = litkit.read(write(tmp_path, "tab.xls", tsv, "gb18030", "\r\n"))
    assert corpus.report.files[0].format == "cnki_html_xls"
    assert list(corpus.df["TI"]) == ["湿地生态补偿研究", "草原碳汇计量"]
    assert list(corpus.df["DT"]) == ["期刊", "硕士"] and list(corpus.df["PY"]) == [2015, 2016]


REFWORKS = """RT Dissertation/Thesis\r\nSR 1\r\nA1林行众\r\nA3 黄三文;杨清\r\nPB 南京农业大学\r\nT1 黄瓜共表达基因模块的识别\r\nCL 硕士\r\nYR 2015\r\nK1 黄瓜;共表达;网络\r\nAB 黄瓜是我国最大的保护地栽培蔬菜作物\r\n,也是重要的模式植物。\r\nLA 中文;\r\nDS CNKI\r
RT Conference Proceeding\r\nSR 1\r\nA1 朱延平\r\nAD 中国社会科学院考古研究所;\r\nT1 辽西区新石器时代考古学文化纵横\r\nJF 内蒙古东部区考古学文化研究文集\r\nPB 中国社会科学院考古研究所\r\nPP 中国内蒙古赤峰\r\nYR 1990\r\nOP 13-18\r\nDS CNKI\r
RT Journal Article\r\nSR 1\r\nA1 颜宏,石德成,尹尚军\r\nT1 外施Ca~(2+)对盐碱胁迫的缓解效应\r\nJF 应用生态学报\r\nYR 2000\r\nIS 06\r\nvo \r\nOP 889-892\r\nK1 羊草;盐胁迫;Ca~(2+)\r\nDS CNKI\r\nDO 10.13287/J.1001-9332.2000.0212\r
RT Newspaper Article\r\nSR 1\r\nA1 刘霞\r\nT1 灭绝物种RNA首次分离测序\r\nJF 科技日报\r\nOP 004\r\nFD 2023-09-21\r\nDS CNKI\r\n"""


def test_refworks_thesis_conference_and_newspaper(tmp_path):
    corpus = litkit.read(write(tmp_path, "rw.txt", REFWORKS, "gb18030"))
    assert corpus.report.files[0].format == "cnki_refworks" and len(corpus) == 4
    thesis, conf, art, news = (row(corpus, i) for i in range(4))
    assert thesis["AU"] == ["林行众"]  # "A1林行众": no space after the tag
    assert (thesis["PT"], thesis["DT"], thesis["SO"], thesis["PY"]) == ("T", "硕士", "南京农业大学", 2015)
    assert extra(thesis)["advisors"] == "黄三文; 杨清" or extra(thesis)["advisors"] == "黄三文;杨清"
    assert thesis["AB"] == "黄瓜是我国最大的保护地栽培蔬菜作物\n,也是重要的模式植物。"
    assert (conf["PT"], conf["SO"], conf["PU"], conf["BP"], conf["EP"]) == (
        "C",
        "内蒙古东部区考古学文化研究文集",
        "中国社会科学院考古研究所",
        "13",
        "18",
    )
    assert extra(conf)["place"] == "中国内蒙古赤峰"
    assert art["AU"] == ["颜宏", "石德成", "尹尚军"] and art["DE"] == ["羊草", "盐胁迫", "Ca~(2+)"]
    assert art["VL"] is None and art["DI"] == "10.13287/j.1001-9332.2000.0212"
    assert (news["PT"], news["DT"], news["PY"], news["PD"], news["BP"]) == ("N", "报纸", 2023, "2023-09-21", "4")


ENDNOTE_NO_BLANKS = """%0 Journal Article
%A 张福锁%A 王激清%A 张卫峰
%+ 中国农业大学资源与环境学院;河北农业大学资源与环境学院;
%T 中国主要粮食作物肥料利用率现状与提高途径
%J 土壤学报
%D 2008
%N 05
%K 肥料农学效率;氮肥利用率;影响因素
%X 总结了近年来在全国粮食主产区进行的田间试验结果。
%P 915-924
%@ 0564-3929
%L 32-1119/P
%W CNKI
%0 Thesis
%A 殷玮川
%T 铁路货运产品设计优化方法研究
%Y 何世伟
%I 北京交通大学
%9 博士
%D 2018
%K 铁路运输;;产品设计
%W CNKI
%0 Conference Proceedings
%A 史德雯
%T 城市竖向对下凹式立交桥积水风险的影响
%J 2018中国城市规划年会论文集
%D 2018
%W CNKI
"""


def test_endnote_records_without_blank_lines(tmp_path):
    corpus = litkit.read(write(tmp_path, "en.txt", ENDNOTE_NO_BLANKS, "gb18030", "\r\n"))
    report = corpus.report.files[0]
    assert report.format == "cnki_endnote" and report.records_in_file == 3 and len(corpus) == 3
    art, phd, conf = (row(corpus, i) for i in range(3))
    assert art["AU"] == ["张福锁", "王激清", "张卫峰"]  # several %A on one line
    assert (art["PY"], art["IS"], art["BP"], art["EP"], art["SN"]) == (2008, "5", "915", "924", "0564-3929")
    assert (phd["PT"], phd["DT"], phd["SO"], extra(phd)["advisors"]) == ("T", "博士", "北京交通大学", "何世伟")
    assert (conf["PT"], conf["SO"], conf["source_line"]) == ("C", "2018中国城市规划年会论文集", 23)


def test_refer_file_from_another_source_is_not_labelled_cnki(tmp_path):
    text = "%0 Journal Article\n%A 张三\n%T 湿地碳汇\n%D 2020\n%W 万方数据\n"
    corpus = litkit.read(write(tmp_path, "wanfang.txt", text))
    assert corpus.df.loc[0, "DB"] == "other" and extra(row(corpus, 0)) == {"%W": "万方数据"}


# ---------------------------------------------------------------------------------------------
# Separators, types, pages, dates
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("张三;李四;", ["张三", "李四"]),
        ("张三；李四", ["张三", "李四"]),
        ("张三，李四", ["张三", "李四"]),
        ("谢昕,王小增", ["谢昕", "王小增"]),
        ("Alaa Alhaj-Ismail;;Sami Adwan", ["Alaa Alhaj-Ismail", "Sami Adwan"]),
        ("Smith, John;王  伟", ["Smith, John", "王伟"]),
        ("", []),
    ],
)
def test_split_names(value, expected):
    assert split_names(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("生态产品;;碳汇;;", ["生态产品", "碳汇"]),
        ("生态产品；碳汇", ["生态产品", "碳汇"]),
        ("巴拿马,习近平,", ["巴拿马", "习近平"]),
        ("生态产品，碳汇", ["生态产品", "碳汇"]),
        ("2,4-D;除草剂", ["2,4-D", "除草剂"]),
    ],
)
def test_split_keywords(value, expected):
    assert split_keywords(value) == expected


def test_document_types_pages_and_online_first_dates():
    assert document_type("Journal Article") == ("J", "期刊")
    assert document_type(None, "博士", "Thesis") == ("T", "博士")
    assert document_type("中国优秀硕士学位论文全文数据库") == ("T", "硕士")
    assert document_type("Conference Proceeding") == ("C", "会议")
    assert document_type("Newspaper Article") == ("N", "报纸")
    assert document_type("年鉴", "Standard") == (None, "年鉴")
    assert parse_pages("1106-1111+1117") == ("1106", "1111", True)
    assert parse_pages("A01") == ("A01", None, False)
    assert online_first_date("https://link.cnki.net/urlid/21.1227.R.20201202.1234.022") == "2020-12-02"
    assert online_first_date("https://link.cnki.net/urlid/11.1.X.20201345.1234.022") is None


def test_read_file_api_gives_records_and_report(tmp_path):
    records, report = read_file(write(tmp_path, "s.txt", SELFDEFINED), format="cnki_selfdefined")
    assert len(records) == report.records_read == 3
    assert all(r["UT"].startswith("CNKI:") for r in records)


@pytest.mark.parametrize(
    "module",
    [
        "_cnki_common",
        "cnki_refworks",
        "cnki_endnote",
        "cnki_noteexpress",
        "cnki_estudy",
        "cnki_selfdefined",
        "cnki_html_xls",
    ],
)
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(f"litkit.io.{module}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
