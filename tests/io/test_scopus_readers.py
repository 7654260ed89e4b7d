"""Scopus CSV reader, Scopus cited references and cited-source normalisation."""

from __future__ import annotations

import csv
import json

import pytest

import litkit
from litkit.io import detect_format
from litkit.io.scopus_csv import scopus_author_to_wos, sniff
from litkit.refs import (
    SOURCE_OVERRIDES,
    WORD_ABBREVIATIONS,
    normalize_source,
    parse_reference_any,
    parse_scopus_reference,
    parse_wos_reference,
    reference_key,
    reference_style,
    split_scopus_references,
)

SCOPUS_FILES = ["scopus_testing.csv.scopus", "scopus_litstudy.csv", "scopus_sample_2025.csv"]


@pytest.fixture(scope="module")
def scopus(shared_corpora):
    return {name: litkit.read(shared_corpora / "scopus-csv" / name) for name in SCOPUS_FILES}


# ---- real files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCOPUS_FILES)
def test_every_scopus_file_read_with_exact_count(scopus, expected_counts, name):
    corpus = scopus[name]
    report = corpus.report.files[0]
    assert report.format == "scopus_csv"
    assert report.records_in_file == expected_counts[f"scopus-csv/{name}"]
    assert len(corpus) == expected_counts[f"scopus-csv/{name}"]
    assert report.balanced and report.records_skipped == 0
    assert set(corpus.df["DB"]) == {"Scopus"}
    assert corpus.df["UT"].str.match(r"^2-s2\.0-\d+$").all()
    assert corpus.df["UT"].is_unique
    assert report.has_cited_references


def test_format_sniffed_from_content_not_extension(shared_corpora, tmp_path):
    path = shared_corpora / "scopus-csv" / "scopus_testing.csv.scopus"
    assert detect_format(path).name == "scopus_csv"
    renamed = tmp_path / "export.txt"
    renamed.write_bytes((shared_corpora / "scopus-csv" / "scopus_sample_2025.csv").read_bytes())
    assert detect_format(renamed).name == "scopus_csv"


def test_old_layout_spot_checks(scopus):
    df = scopus["scopus_testing.csv.scopus"].df
    first, last = df.iloc[0], df.iloc[-1]
    assert first["TI"] == "Strain Distribution of Complex-Bending YBCO Tape in Force-Balanced Coil Applied to SMES"
    assert first["PY"] == 2016
    assert first["AU"][:2] == ["Yagai, T", "Kimura, Y"]
    assert first["DE"][:3] == ["complex bending", "force-balanced coil", "SMES"]
    assert first["SO"] == "IEEE Transactions on Applied Superconductivity"
    assert first["JI"] == "IEEE Trans Appl Supercond"
    assert len(first["CR"]) == 8
    assert last["TI"] == "The Case for a Sociology of Roman Law"
    assert last["PY"] == 2012 and last["AU"] == ["Pölönen, J"]
    assert last["DE"][:2] == ["Ancient rome", "Bruce frier"]
    assert last["DT"] == "Book Chapter" and last["PT"] == "B"
    assert last["source_line"] == 221


def test_2021_layout_spot_checks(scopus):
    df = scopus["scopus_litstudy.csv"].df
    first, last = df.iloc[0], df.iloc[-1]
    assert first["TI"] == "Scalable molecular dynamics with NAMD"
    assert first["PY"] == 2005 and first["AU"][0] == "Phillips, JC" and first["TC"] == 13169
    assert first["DE"] == ["Biomolecular simulation", "Molecular dynamics", "Parallel computing"]
    assert len(first["CR"]) == 158
    # the last row is one of the misaligned ones: realigned, not shifted
    assert last["UT"] == "2-s2.0-85040521543"
    assert last["PY"] == 1999 and last["AU"] == []
    assert last["DT"] == "Conference Review"
    assert last["PU"] == "Institute of Electrical and Electronics Engineers Inc."
    assert json.loads(last["extra"])["Source"] == "Scopus"


def test_2025_layout_authors_full_names_and_references(scopus):
    df = scopus["scopus_sample_2025.csv"].df
    first, last = df.iloc[0], df.iloc[-1]
    assert first["AU"] == ["Liu, F", "Li, C", "Liu, Y", "Li, Y"]
    assert first["AF"] == ["Liu, Fengyuan", "Li, Chunyun", "Liu, Yong", "Li, Yufei"]
    assert first["PY"] == 2026
    assert first["DE"][:2] == ["Artificial intelligence", "bibliometrics"]
    # 2024+ references separate authors with "; " too: author-only pieces are joined
    assert len(first["CR"]) == 43
    assert first["CR"][1].startswith("Cheng M.; Xue Y.; Cui M., Global, regional, and national burden")
    assert last["TI"].startswith("Evidences and perspectives of transjugular intrahepatic")
    assert last["AU"][0] == "Li, K" and last["PY"] == 2025
    assert last["DE"][:2] == ["bibliometric analysis", "CiteSpace"]


def _row_widths(path):
    """(start line, field count) of every CSV data row, computed independently of the reader."""
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        end = reader.line_num
        for row in reader:
            out.append((end + 1, len(row)))
            end = reader.line_num
    return len(header), out


def test_misaligned_rows_reported_with_line_and_realigned(scopus, shared_corpora):
    path = shared_corpora / "scopus-csv" / "scopus_litstudy.csv"
    width, rows = _row_widths(path)
    wide_lines = [line for line, n in rows if n != width]
    assert len(wide_lines) == 56 and wide_lines[0] == 4
    report = scopus["scopus_litstudy.csv"].report
    problems = report.problems_table()
    assert problems["line"].tolist() == wide_lines
    assert set(problems["action"]) == {"kept"}
    assert problems["reason"].str.contains("after 'Funding Text 1'").all()
    df = scopus["scopus_litstudy.csv"].df
    rec = df[df["source_line"] == 4].iloc[0]
    assert rec["UT"] == "2-s2.0-85123480963"
    assert rec["CR"][0] == "Edelstein-Keshet, L., (2005) Mathematical Models in Biology, , SIAM"
    assert rec["RP"].startswith("Gutowska, K.; Institute of Computing Science")
    assert rec["SN"] == "20452322" and rec["LA"] == "English" and rec["JI"] == "Sci. Rep."


def test_references_parsed(scopus):
    df = scopus["scopus_testing.csv.scopus"].df
    parsed = parse_scopus_reference(df.iloc[0]["CR"][0])
    assert (parsed["author"], parsed["year"], parsed["source"], parsed["volume"]) == (
        "Barth C",
        2015,
        "SUPERCOND SCI TECH",
        "28",
    )
    refs = scopus["scopus_litstudy.csv"].references
    assert len(refs) == sum(len(c) for c in scopus["scopus_litstudy.csv"].df["CR"])
    # most references of a modern export yield author, year and source
    assert refs["year"].notna().mean() > 0.85 and refs["source"].notna().mean() > 0.85


# ---- misalignment rules on constructed files ------------------------------------------------

HEADER = "Authors,Title,Year,Source title,Volume,DOI,Link,References,Source,EID"


def _write(tmp_path, lines, name="scopus.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_trailing_empty_field_is_a_note(tmp_path):
    path = _write(tmp_path, [HEADER, 'Smith J.,"A title, with comma",2020,Nature,1,10.1/x,http://s,,Scopus,2-s2.0-1,'])
    corpus = litkit.read(path)
    assert len(corpus) == 1 and corpus.df.loc[0, "UT"] == "2-s2.0-1"
    assert corpus.report.problems_table()["action"].tolist() == ["note"]


def test_unexplained_extra_field_blanks_ambiguous_columns(tmp_path):
    row = 'Smith J.,A title,2020,Nature,EXTRA,1,10.1/x,http://s,,Scopus,2-s2.0-1'
    corpus = litkit.read(_write(tmp_path, [HEADER, row]))
    rec = corpus.df.iloc[0]
    assert rec["TI"] is None  # cannot tell which columns moved
    assert rec["UT"] == "2-s2.0-1" or rec["UT"].startswith("Scopus:")
    problem = corpus.report.problems[0]
    assert problem.line == 2 and problem.action == "kept" and "left empty" in problem.reason


def test_cut_last_record_kept_and_reported(tmp_path):
    lines = [
        HEADER,
        'Smith J.,First,2020,Nature,1,10.1/a,http://s,"Ref A (1999) Nature, 1, p. 2",Scopus,2-s2.0-1',
        'Doe J.,Second,2021,Science,2,10.1/b,"http://s',
    ]  # file cut inside a quoted field
    corpus = litkit.read(_write(tmp_path, lines))
    report = corpus.report.files[0]
    assert report.records_in_file == 2 and report.balanced
    assert corpus.df["TI"].tolist() == ["First", "Second"]
    assert corpus.report.problems[0].line == 3 and "cut short" in corpus.report.problems[0].reason


def test_multiline_quoted_field_and_line_numbers(tmp_path):
    lines = [
        HEADER,
        'Smith J.,"Title over\ntwo lines",2020,Nature,1,,,,Scopus,2-s2.0-1',
        'Doe J., Roe K.,Second,2021,Science,2,,,,Scopus,2-s2.0-2',
    ]
    corpus = litkit.read(_write(tmp_path, lines))
    assert corpus.df["source_line"].tolist() == [2, 4]
    assert corpus.df.loc[0, "TI"] == "Title over\ntwo lines"


def test_sniff_needs_scopus_columns():
    assert sniff([HEADER])
    assert not sniff(["PT\tAU\tTI\tSO"])
    assert not sniff(["Title,Year,Authors"])


# ---- reference parsing and source normalisation ---------------------------------------------


def test_parse_old_layout_reference():
    raw = (
        "Costanza, R., d'Arge, R., de Groot, R., The value of the world's ecosystem services and "
        "natural capital (1997) Nature, 387 (6630), pp. 253-260."
    )
    parsed = parse_scopus_reference(raw)
    assert parsed == {
        "raw": raw,
        "author": "Costanza R",
        "year": 1997,
        "source": "NATURE",
        "volume": "387",
        "page": "253",
        "doi": None,
    }
    wos = parse_reference_any("Costanza R, 1997, NATURE, V387, P253")
    assert reference_key(parsed) == reference_key(wos) == "COSTANZA|1997|NATURE|387|253"


def test_parse_2024_layout_reference_and_split():
    text = (
        "Aria M.; Cuccurullo C., Bibliometrix: An R-tool for comprehensive science mapping analysis, "
        "Journal of Informetrics, 11, 4, pp. 959-975, (2017); Chen C., CiteSpace II, J Am Soc Inf Sci "
        "Technol, 57, 3, pp. 359-377, (2006)"
    )
    refs = split_scopus_references(text)
    assert len(refs) == 2
    aria = parse_scopus_reference(refs[0])
    assert (aria["author"], aria["year"], aria["source"], aria["volume"], aria["page"]) == (
        "Aria M",
        2017,
        "J INFORMETR",
        "11",
        "959",
    )
    wos = parse_reference_any("Aria M, 2017, J INFORMETR, V11, P959, DOI 10.1016/j.joi.2017.08.007")
    assert wos["doi"] is not None  # a DOI wins: same work, but the key only agrees on DOI-less strings
    assert reference_key({**wos, "doi": None}) == reference_key(aria)


def test_reference_with_doi_and_without_year():
    parsed = parse_scopus_reference(
        "Smith, J., A study (2010) Ecol. Econ., 69, pp. 1-10. , DOI 10.1016/J.ECOLECON.2010.01.001"
    )
    assert parsed["doi"] == "10.1016/j.ecolecon.2010.01.001" and parsed["source"] == "ECOL ECON"
    assert parse_scopus_reference("Hezel, A.F., Bardeesy, N., LKB1")["year"] is None


@pytest.mark.parametrize(
    "title, j9",
    [
        ("Ecological Economics", "ECOL ECON"),
        ("Journal of Cleaner Production", "J CLEAN PROD"),
        ("Science of the Total Environment", "SCI TOTAL ENVIRON"),
        ("Ecosystem Services", "ECOSYST SERV"),
        ("Journal of Environmental Management", "J ENVIRON MANAGE"),
        ("Proceedings of the National Academy of Sciences of the United States of America", "P NATL ACAD SCI USA"),
        ("Proc. Natl. Acad. Sci. U.S.A.", "P NATL ACAD SCI USA"),
        ("European Journal of Operational Research", "EUR J OPER RES"),
        ("Applied Mathematics and Computation", "APPL MATH COMPUT"),
        ("IEEE Trans. Appl. Supercond.", "IEEE T APPL SUPERCON"),
        ("Nature", "NATURE"),
        ("Nature Biotechnology", "NAT BIOTECHNOL"),
        ("Medicine (United States)", "MEDICINE"),
        ("The New England Journal of Medicine", "NEW ENGL J MED"),
        ("Ｅcological　Ｅconomics", "ECOL ECON"),  # full-width input
    ],
)
def test_normalize_source(title, j9):
    assert normalize_source(title) == j9


def test_normalize_source_is_idempotent_on_its_outputs():
    outputs = {v for v in WORD_ABBREVIATIONS.values() if v} | set(SOURCE_OVERRIDES.values())
    for value in outputs:
        assert normalize_source(value) == value[:20].rstrip(" -"), value
    for title in ("Journal of Cleaner Production", "Landscape and Urban Planning", "Land Use Policy"):
        once = normalize_source(title)
        assert normalize_source(once) == once
    assert normalize_source("") is None and normalize_source(None) is None


def test_reference_style():
    assert reference_style("Costanza R, 1997, NATURE, V387, P253") == "wos"
    assert reference_style("[Anonymous], 2005, ECOSYSTEMS HUMAN WEL") == "wos"
    assert reference_style("[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.") == "gbt7714"
    assert reference_style("Costanza, R., (1997) Nature, 387, pp. 253-260") == "scopus"
    assert parse_wos_reference("Costanza R, 1997, NATURE, V387, P253")["source"] == "NATURE"


def test_scopus_author_forms():
    assert scopus_author_to_wos("Phillips J.C.") == "Phillips, JC"
    assert scopus_author_to_wos("Laan Der Van D.C.") == "Laan Der Van, DC"
    assert scopus_author_to_wos("[No author name available]") == "[No author name available]"
