"""CNKI tables saved as real Excel workbooks (.xls BIFF8 written by xlwt, .xlsx by openpyxl).

No real CNKI workbook is in ../shared: the workbooks are built here from the table of CNKI's own
"导出 xls" (an HTML table, tests/io/test_cnki_readers.py's sample), cell types as Excel leaves them
after a re-save (years and counts as numbers, publication dates as dates), and each workbook must
give the corpus the HTML table gives.
"""

from __future__ import annotations

import datetime as dt
import doctest
import io
import json
import zipfile

import openpyxl
import pandas as pd
import pytest

import litkit
from litkit.errors import LitkitError
from litkit.io import cnki_excel, detect_format

xlwt = pytest.importorskip("xlwt")

CAPTION = ["中国知网检索结果"]
HEADER_1 = [
    "SrcDatabase-来源库",
    "Title-题名",
    "Author-作者",
    "Organ-单位",
    "Source-文献来源",
    "Keyword-关键词",
    "Summary-摘要",
    "PubTime-发表时间",
    "Year-年",
    "Volume-卷",
    "Period-期",
    "PageCount-页码",
    "DOI-DOI",
]
ROW_1 = [
    "期刊",
    "生态产品价值实现的路径",
    "张三;李四;",
    "北京大学城市与环境学院;",
    "生态学报",
    "生态产品;;价值实现",
    "第一段\n第二段 & 结论",
    dt.datetime(2021, 4, 26),
    2021.0,
    41.0,
    "08",
    "3001-3012",
    "10.5846/STXB202012013070",
]
# a second header row (CNKI repeats it when document types change), columns in another order
HEADER_2 = ["SrcDatabase-来源库", "Author-作者", "Title-题名", "Source-文献来源", "PubTime-发表时间", "Keyword-关键词"]
ROW_2 = ["博士", "王五", "碳汇交易的福利效应研究", "南京大学", dt.datetime(2019, 5, 1), "碳汇;福利效应"]
ROW_3 = ["中国会议", "赵六;钱七", "生态补偿的国际比较", "第十届生态经济论坛论文集", dt.datetime(2018, 10, 20, 9, 30)]
NO_TITLE = ["期刊", "孙九", None, "湿地科学", None, None]
SHEET = [CAPTION, HEADER_1, ROW_1, HEADER_2, ROW_2, ROW_3, NO_TITLE]

RESULT_LIST = [
    ["序号", "题名", "作者", "来源", "发表时间", "数据库", "被引", "下载"],
    [1.0, "生态系统服务价值评估", "谢高地，鲁春霞", "自然资源学报", "2001-03-25", "期刊", 2345.0, 18000.0],
    [2.0, "碳中和背景下的生态补偿", "周宏", "中国环境管理", "2021-08-10 14:05", "期刊", None, "312.0"],
]


def write_xlsx(path, sheets: dict[str, list[list]]):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r in rows:
            ws.append(list(r))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
    book.save(path)
    return path


def write_xls(path, sheets: dict[str, list[list]]):
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    for name, rows in sheets.items():
        ws = book.add_sheet(name)
        for i, r in enumerate(rows):
            for j, value in enumerate(r):
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    ws.write(i, j, value, date_style)
                else:
                    ws.write(i, j, value)
    book.save(str(path))
    return path


WRITERS = {"xlsx": write_xlsx, "xls": write_xls}


def html_table(rows: list[list]) -> str:
    """The same rows as CNKI's HTML .xls writes them (dates as text, numbers as integers)."""

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%d %H:%M") if (v.hour or v.minute) else v.strftime("%Y-%m-%d")
        if isinstance(v, float):
            return str(int(v))
        return str(v).replace("&", "&amp;").replace("\n", "<br>")

    body = "\n".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in r) + "</tr>" for r in rows)
    return f'<html><head><meta charset="utf-8"></head><body><table>\n{body}\n</table></body></html>\n'


def records(corpus) -> pd.DataFrame:
    """The records without the columns that say which file and format they came from."""
    df = corpus.df.drop(columns=[c for c in ("source_file", "source_line", "source_format") if c in corpus.df])
    return df.drop(columns=[c for c in df.columns if c.startswith("record_id") or c == "UT"])


@pytest.mark.parametrize("kind", ["xls", "xlsx"])
def test_workbook_gives_the_corpus_of_the_html_table_it_was_saved_from(tmp_path, kind):
    book = WRITERS[kind](tmp_path / f"CNKI-export.{kind}", {"检索结果": SHEET})
    html = tmp_path / "CNKI-export-html.xls"
    html.write_text(html_table(SHEET), encoding="utf-8")
    assert detect_format(book).name == "cnki_excel"
    assert detect_format(html).name == "cnki_html_xls"

    corpus, reference = litkit.read(book), litkit.read(html)
    report = corpus.report.files[0]
    assert report.format == "cnki_excel" and report.database == "CNKI"
    assert report.encoding == ("xls (BIFF8)" if kind == "xls" else "xlsx (zip/XML)")
    assert report.records_in_file == 4 and report.records_skipped == 1 and len(corpus) == 3
    assert report.has_cited_references is False
    skipped = [p for p in report.problems if p.action == "skipped"]
    assert [(p.line, "no title" in p.reason) for p in skipped] == [(7, True)]  # the sheet's row 7

    pd.testing.assert_frame_equal(records(corpus), records(reference))
    art, phd, conf = (corpus.df.iloc[i] for i in range(3))
    assert art["TI"] == "生态产品价值实现的路径" and list(art["AU"]) == ["张三", "李四"]
    assert art["AB"] == "第一段\n第二段 & 结论" and art["DI"] == "10.5846/stxb202012013070"
    assert (art["PY"], art["VL"], art["IS"], art["BP"], art["EP"], art["PD"]) == (
        2021,
        "41",
        "8",
        "3001",
        "3012",
        "2021-04-26",
    )
    assert (phd["TI"], list(phd["AU"]), phd["SO"], phd["DT"], phd["PY"]) == (
        "碳汇交易的福利效应研究",
        ["王五"],
        "南京大学",
        "博士",
        2019,
    )
    assert (conf["PT"], conf["TI"], list(conf["AU"])) == ("C", "生态补偿的国际比较", ["赵六", "钱七"])
    assert (art["source_line"], phd["source_line"], conf["source_line"]) == (3, 5, 6)  # rows of the sheet


@pytest.mark.parametrize("kind", ["xls", "xlsx"])
def test_result_list_numbers_come_back_as_integers(tmp_path, kind):
    path = WRITERS[kind](tmp_path / f"list.{kind}", {"Sheet1": RESULT_LIST})
    corpus = litkit.read(path)
    first, second = corpus.df.iloc[0], corpus.df.iloc[1]
    assert first["TI"] == "生态系统服务价值评估" and list(first["AU"]) == ["谢高地", "鲁春霞"]
    assert (first["TC"], first["PY"], json.loads(first["extra"])["downloads"]) == (2345, 2001, "18000")
    assert pd.isna(second["TC"]) and json.loads(second["extra"])["downloads"] == "312"  # the text "312.0" of a re-save
    assert second["PY"] == 2021


@pytest.mark.parametrize("kind", ["xls", "xlsx"])
def test_the_sheet_with_the_cnki_header_is_read(tmp_path, kind):
    notes = [["说明"], ["本表由检索结果导出"]]
    path = WRITERS[kind](tmp_path / f"two.{kind}", {"说明": notes, "数据": RESULT_LIST})
    assert detect_format(path).name == "cnki_excel"
    assert list(litkit.read(path).df["TI"]) == ["生态系统服务价值评估", "碳中和背景下的生态补偿"]


def test_workbook_inside_a_zip_archive(tmp_path):
    book = write_xlsx(tmp_path / "CNKI.xlsx", {"Sheet1": RESULT_LIST})
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(book, "CNKI.xlsx")
    corpus = litkit.read(archive)
    assert corpus.report.files[0].format == "cnki_excel" and len(corpus) == 2


@pytest.mark.parametrize("kind", ["xls", "xlsx"])
def test_workbooks_without_a_cnki_header_are_not_claimed(tmp_path, kind):
    other = WRITERS[kind](tmp_path / f"budget.{kind}", {"Sheet1": [["项目", "金额"], ["设备", 100.0]]})
    with open(other, "rb") as fh:
        assert not cnki_excel.sniff_file(fh)
    with pytest.raises(LitkitError) as err:
        litkit.read(other)
    message = str(err.value)  # not "file looks binary": the user learns what a workbook must hold
    assert f"budget.{kind}" in message and "no Web of Science or CNKI header row" in message and "题名" in message


def test_a_cut_workbook_is_a_one_line_error_naming_the_file(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", {"Sheet1": RESULT_LIST}).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(buffer, "w") as zout:
        for item in zin.infolist():  # the sheet's XML cut in the middle of a row: the zip itself stays whole
            data = zin.read(item)
            zout.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(buffer.getvalue())
    with pytest.raises(LitkitError) as err:
        litkit.read(cut, format="cnki_excel")
    message = str(err.value)
    assert "cut.xlsx" in message and "\n" not in message and "CNKI Excel export" in message


def test_docstring_examples_hold():
    from litkit.io import _workbook

    for module in (cnki_excel, _workbook):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0
