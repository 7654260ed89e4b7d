"""Web of Science Excel reader (litkit.io.wos_excel): the real .xls and .xlsx exports of ../shared/corpora/wos-excel,
the same records through the tab-delimited reader, workbooks built here for each quirk, and damaged workbooks."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import openpyxl
import pytest
import xlrd

import litkit
from litkit.corpus import COLUMN_NAMES
from litkit.errors import LitkitError, UnknownFormatError
from litkit.io import detect_format
from litkit.io.wos_excel import binary_sniff, is_xlsx
from litkit.io.wos_tab import LONG_NAMES

CORE = "wos-excel/savedrecs_2025_core.xls"
WPS = "wos-excel/savedrecs_wps_resaved.xlsx"


def sheet_rows(path) -> list[list]:
    """The first sheet's cells, read in the test with the spreadsheet libraries themselves."""
    if str(path).endswith(".xls"):
        sheet = xlrd.open_workbook(str(path)).sheet_by_index(0)
        return [sheet.row_values(i) for i in range(sheet.nrows)]
    book = openpyxl.load_workbook(str(path), read_only=True)
    return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@pytest.fixture(scope="module")
def excel(shared_corpora):
    return {name: litkit.read(shared_corpora / name) for name in (CORE, WPS)}


# ---------------------------------------------------------------------------------------------
# Real files
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [CORE, WPS])
def test_real_file_is_read_with_its_exact_record_count(name, excel, shared_corpora, expected_counts):
    corpus = excel[name]
    rep = corpus.report.files[0]
    assert detect_format(shared_corpora / name).name == "wos_excel"
    assert (rep.format, rep.database) == ("wos_excel", "WoS")
    assert rep.records_in_file == len(corpus) == expected_counts[name]
    assert rep.records_skipped == 0 and rep.balanced
    assert rep.has_cited_references is False  # WoS leaves "Cited References" empty in Excel exports
    assert corpus.df["UT"].is_unique and corpus.df["TI"].notna().all()
    assert rep.encoding == ("xls (BIFF8)" if name.endswith(".xls") else "xlsx (zip/XML)")
    # CORE: no problem at all (its one unknown column, "Web of Science Record", is a known link column);
    # WPS: the unrecognised All-Databases header names, listed once
    assert [p.action for p in rep.problems] == ([] if name == CORE else ["note"])
    assert set(corpus.df["source_format"]) == {"wos_excel"}


def test_ut_prefixes(excel):
    assert excel[CORE].df["UT"].str.startswith("WOS:").all()
    assert excel[WPS].df["UT"].str.split(":").str[0].value_counts().to_dict() == {"WOS": 62, "MEDLINE": 1}


@pytest.mark.parametrize("name", [CORE, WPS])
def test_every_row_against_the_workbook(name, excel, shared_corpora):
    """Title, UT, year, volume, issue, pages, counts and authors of every row, recomputed from the cells."""
    rows = sheet_rows(shared_corpora / name)
    header = [as_text(h) for h in rows[0]]
    col = {h: header.index(h) for h in header if h}
    ut = "UT (Unique WOS ID)" if "UT (Unique WOS ID)" in col else "UT (Unique ID)"
    df = excel[name].df
    assert len(df) == len(rows) - 1
    for i, (row, (_, rec)) in enumerate(zip(rows[1:], df.iterrows())):
        assert rec["source_line"] == i + 2
        assert rec["TI"] == as_text(row[col["Article Title"]])
        assert rec["UT"] == as_text(row[col[ut]])
        assert rec["PY"] == int(float(row[col["Publication Year"]]))
        for tag, name_ in (("VL", "Volume"), ("IS", "Issue"), ("BP", "Start Page"), ("EP", "End Page")):
            assert (rec[tag] or "") == as_text(row[col[name_]]), (i, tag)
        assert (rec["AR"] or "") == as_text(row[col["Article Number"]])
        assert list(rec["AU"]) == [a.strip() for a in as_text(row[col["Authors"]]).split(";") if a.strip()]
        tc = as_text(row[col["Times Cited, WoS Core"]])
        assert rec["TC"] == (int(tc) if tc else None)
        assert (rec["DI"] or "") == as_text(row[col["DOI"]]).lower()


def test_spot_checks_core(excel):
    df = excel[CORE].df
    r = df.iloc[0]  # row 2
    assert (r["UT"], r["PT"], r["DT"]) == ("WOS:001212380000007", "C", "Proceedings Paper")
    assert r["TI"] == "Balancing XAI with Privacy and Security Considerations"
    assert list(r["AU"]) == ["Spartalis, CN", "Semertzidis, T", "Daras, P"]
    assert list(r["AF"]) == ["Spartalis, Christoforos N.", "Semertzidis, Theodoros", "Daras, Petros"]
    assert (r["PY"], r["VL"], r["BP"], r["EP"], r["NR"], r["TC"]) == (2024, "14399", "111", "124", 59, 0)
    assert (r["J9"], r["SN"], r["EI"]) == ("LECT NOTES COMPUT SC", "0302-9743", "1611-3349")
    assert list(r["C1"]) == [
        "[Spartalis, Christoforos N.; Semertzidis, Theodoros; Daras, Petros] Ctr Res & Technol Hellas, "
        "Inst Informat Technol, Thessaloniki, Greece"
    ]
    ex = json.loads(r["extra"])
    assert (ex["CT"], ex["CY"], ex["GA"], ex["Z9"], ex["U1"], ex["DA"]) == (
        "28th European Symposium on Research in Computer Security (ESORICS)",
        "SEP 25-29, 2023",
        "BW9FB",
        "0",
        "3",
        "2025-05-05",
    )
    assert "DL" not in ex and "Web of Science Record" not in ex  # the HYPERLINK formulas' cached zeros
    assert ex["BE"][:2] == ["Katsikas, S", "Abie, H"] and len(ex["BE"]) == 22

    r = df.iloc[3]  # row 5: text issue "11-12", early access
    assert r["TI"] == "Explainable artificial intelligence for cybersecurity: a literature survey"
    assert (r["SO"], r["PY"], r["VL"], r["IS"], r["BP"], r["EP"]) == (
        "ANNALS OF TELECOMMUNICATIONS",
        2022,
        "77",
        "11-12",
        "789",
        "812",
    )
    assert (r["PD"], r["EA"], r["NR"], r["TC"]) == ("DEC", "OCT 2022", 141, 37)
    assert list(r["DE"]) == ["Cybersecurity", "Explainable AI", "Machine learning"]

    r = df.iloc[8]  # row 10: early-access article without volume, PubMed id stored as a float
    assert (r["UT"], r["DT"], r["PD"], r["VL"]) == ("WOS:001385566400001", "Article; Early Access", "2024 DEC 26", None)
    assert json.loads(r["extra"])["PM"] == "39726262"

    r = df.iloc[-1]  # row 776
    assert (r["TI"], r["DT"], r["VL"], r["IS"], r["PD"]) == (
        "AI′s 10 to Watch, 2022",
        "Editorial Material",
        "38",
        "2",
        "MAR-APR",
    )


def test_spot_checks_wps_resave(excel):
    df = excel[WPS].df
    r = df.iloc[0]  # row 2
    assert r["TI"] == "Performance-defining properties of Nb3Sn coating in SRF cavities"
    assert list(r["AU"]) == [
        "Trenikhina, Y.",
        "Posen, S.",
        "Romanenko, A.",
        "Sardela, M.",
        "Zuo, J-M",
        "Hall, D. L.",
        "Liepe, M.",
    ]
    assert (r["PY"], r["VL"], r["IS"], r["AR"], r["PD"], r["TC"]) == (2018, "31", "1", "15004", "JAN 2018", 8)
    assert r["DT"] is None and list(r["DE"]) == []  # the All-Databases short field set has neither
    r = df.iloc[1]  # row 3
    assert (r["UT"], r["VL"], r["IS"], r["AR"], r["TC"]) == ("WOS:000394595000001", "30", "3", "33004", 71)
    ex = json.loads(r["extra"])
    assert (ex["Times Cited, CSCD"], ex["Z9"], ex["Times Cited, BCI"]) == ("1", "72", "1")  # padded name trimmed
    r = df[df["UT"] == "MEDLINE:32752803"].iloc[0]  # row 26
    assert r["source_line"] == 26 and r["SO"] == "The Review of scientific instruments"
    assert (r["PD"], r["BP"], r["EP"], r["DI"]) == ("2020-Jul-01", "73911", "73911", "10.1063/1.5144490")
    assert json.loads(r["extra"])["PM"] == "32752803"


@pytest.mark.parametrize("name", [CORE, WPS])
def test_same_records_as_the_tab_delimited_export(name, excel, shared_corpora, tmp_path):
    """The workbook written out as a tab-delimited export with the same long-name header reads to the same corpus."""
    rows = sheet_rows(shared_corpora / name)
    header = [as_text(h) for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    keep = [i for i, h in enumerate(header) if h not in ("DOI Link", "Web of Science Record")]
    lines = ["\t".join(header[i] for i in keep)]
    for row in rows[1:]:
        lines.append("\t".join(as_text(row[i]) if i < len(row) else "" for i in keep))
    path = tmp_path / "savedrecs.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # format given: wos_tab's sniffer wants 80 % known names, which the All-Databases long-name header
    # (SciELO, CSCD, Korean … columns) does not reach
    tab = litkit.read(path, format="wos_tab")
    columns = [c for c in COLUMN_NAMES if c not in ("extra", "source_file", "source_format")]
    assert tab.df[columns].astype(str).equals(excel[name].df[columns].astype(str))
    if name == CORE:  # no repeated header names: extra agrees too
        assert tab.df["extra"].tolist() == excel[name].df["extra"].tolist()


def test_every_long_name_of_the_real_headers_is_mapped_like_the_tab_reader(shared_corpora):
    for name in (CORE, WPS):
        header = [as_text(h) for h in sheet_rows(shared_corpora / name)[0]]
        known = [h for h in header if h in LONG_NAMES]
        assert "Article Title" in known and ("UT (Unique WOS ID)" in known or "UT (Unique ID)" in known)


# ---------------------------------------------------------------------------------------------
# Sniffing
# ---------------------------------------------------------------------------------------------
def test_sniffing_by_content_not_name(shared_corpora, tmp_path):
    for name in (CORE, WPS):
        raw = (shared_corpora / name).read_bytes()
        assert binary_sniff(raw[:65536])
        renamed = tmp_path / "notes.txt"
        renamed.write_bytes(raw)
        assert detect_format(renamed).name == "wos_excel"
    assert is_xlsx((shared_corpora / WPS).read_bytes()[:65536])
    assert not is_xlsx((shared_corpora / CORE).read_bytes()[:65536])


def test_other_workbooks_and_zips_are_not_claimed(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Name", "Budget", "Year"])
    book.active.append(["lab", 1200.5, 2024])
    path = tmp_path / "budget.xlsx"
    book.save(path)
    with pytest.raises(UnknownFormatError) as info:  # a spreadsheet, but no WoS header
        litkit.read(path)
    assert "budget.xlsx" in str(info.value)
    zpath = tmp_path / "exports.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("savedrecs.txt", "FN Clarivate\nVR 1.0\n")
    assert not binary_sniff(zpath.read_bytes()) and not is_xlsx(zpath.read_bytes())


# ---------------------------------------------------------------------------------------------
# Workbooks built here, one quirk each
# ---------------------------------------------------------------------------------------------
HEADER = [
    "Publication Type",
    "Authors",
    "Article Title",
    "Source Title",
    "Abstract - Foreign",
    "Abstract - Foreign",
    "Times Cited, CSCD ",
    " Publication Year",
    "Volume",
    "Issue",
    "Start Page",
    "Publication Date",
    "UT (Unique WOS ID)",
    None,
]


def _xlsx(tmp_path, rows, name="savedrecs.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "savedrecs"
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    corpus = litkit.read(path)
    return corpus, corpus.report.files[0]


def test_quirks_of_a_resaved_workbook(tmp_path):
    rows = [
        HEADER,
        [
            "J",
            "Li, W; Chen, Y",
            "Title one",
            "NATURE",
            "Resumen",
            "Resumen",
            3,
            2024.0,
            "12.0",
            4,
            "0101",
            dt.datetime(2024, 3, 5),
            "WOS:1",
            None,
        ],
        [None] * 14,  # a blank row: no record
        ["J", "Wu, X", "Title two", "SCIENCE", "Resumo", "Résumé", 0, "2023", 7.5, None, None, "MAR", "WOS:2", "stray"],
        ["J", "Ng, K", None, "CELL", None, None, None, 2022, None, None, None, None, None, None],  # no title, no UT
    ]
    corpus, rep = _xlsx(tmp_path, rows)
    assert rep.records_in_file == 3 and rep.records_read == 2 and rep.records_skipped == 1 and rep.balanced
    skipped = [p for p in rep.problems if p.action == "skipped"]
    assert [(p.line, p.record) for p in skipped] == [(5, 2)]
    assert [p.line for p in rep.problems if "without a header name" in p.reason] == [4]
    a, b = corpus.df.iloc[0], corpus.df.iloc[1]
    assert (a["PY"], a["VL"], a["IS"], a["BP"], a["PD"], a["source_line"]) == (2024, "12", "4", "0101", "2024-03-05", 2)
    assert (b["PY"], b["VL"], b["source_line"]) == (2023, "7.5", 4)  # a real fraction stays one
    ea, eb = json.loads(a["extra"]), json.loads(b["extra"])
    assert ea == {"Abstract - Foreign": "Resumen", "Times Cited, CSCD": "3"}  # the repeat of the same value dropped
    assert eb == {
        "Abstract - Foreign": "Resumo",
        "Abstract - Foreign (2)": "Résumé",
        "Times Cited, CSCD": "0",
        "column 14": "stray",
    }
    notes = [p.reason for p in rep.problems if p.action == "note"]
    assert any("Abstract - Foreign" in n and "Times Cited, CSCD" in n for n in notes)


def test_caption_row_above_the_header(tmp_path):
    rows = [
        ["Web of Science export"],
        HEADER[:-1],
        ["J", "Li, W", "Title", "NATURE", None, None, None, 2024, 1, 2, 3, "JAN", "WOS:9"],
    ]
    corpus, rep = _xlsx(tmp_path, rows)
    assert len(corpus) == 1 and rep.balanced and corpus.df["source_line"].iloc[0] == 3
    assert any(p.line == 1 and "above the header" in p.reason for p in rep.problems)


# ---------------------------------------------------------------------------------------------
# Damaged workbooks
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, cut", [(CORE, 2_000_000), (CORE, 70_000), (WPS, 40_000)])
def test_cut_workbook_is_a_one_line_error_naming_the_file(name, cut, shared_corpora, tmp_path):
    path = tmp_path / ("cut" + name[-5:])
    path.write_bytes((shared_corpora / name).read_bytes()[:cut])
    with pytest.raises(LitkitError) as info:
        litkit.read(path)
    message = str(info.value)
    assert path.name in message and "\n" not in message


@pytest.mark.parametrize("name", [CORE, WPS])
def test_workbook_inside_a_zip_is_read_in_memory(name, excel, shared_corpora, tmp_path):
    # Archive members are never extracted: the reader takes the workbook's bytes, not a path on disk.
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(shared_corpora / name, arcname="savedrecs" + (shared_corpora / name).suffix)
    zipped = litkit.read(archive).df
    direct = excel[name].df
    assert len(zipped) == len(direct) > 0
    assert set(zipped["source_file"]) == {f"{archive}!savedrecs{(shared_corpora / name).suffix}"}
    columns = [c for c in COLUMN_NAMES if c != "source_file"]
    assert zipped[columns].astype(str).equals(direct[columns].astype(str))
    assert list(tmp_path.iterdir()) == [archive]  # nothing extracted next to the archive
