"""Variants of the formats as tools re-save them (issue 19): CSV re-saved by Excel, RIS with loose tags.

* Scopus, Lens and OpenAlex CSV re-saved by Excel in a locale whose decimal mark is a comma has ``;`` between
  fields (and a BOM, or the Windows code page), as "Text (tab-delimited)" TABs: the same
  records as the export.  Made in tmp_path from every real Scopus CSV in ../shared.
* RIS written ``TY - JOUR`` (one space) is read as RIS with a note; in a standard file a
  wrapped line that happens to start ``US - based`` stays part of its field.

(WoS plain-text variants -- TAB after the tag, unindented continuation lines, tag lines with
no value -- are in test_wos_variants.py.)
"""

from __future__ import annotations

import csv
import io

import pytest

import litkit

SCOPUS = ["scopus-csv/scopus_litstudy.csv", "scopus-csv/scopus_sample_2025.csv", "scopus-csv/scopus_testing.csv.scopus"]


def _without_provenance(corpus):
    return corpus.df.drop(columns=["source_file"]).reset_index(drop=True)


def _reasons(corpus):
    return [(p.line, p.reason, p.action) for p in corpus.report.problems]


@pytest.mark.parametrize("name", SCOPUS)
@pytest.mark.parametrize(
    "delimiter, encoding",
    [(";", "utf-8-sig"), (";", "utf-8"), ("\t", "utf-8"), (",", "utf-8-sig")],
    ids=["semicolon-bom", "semicolon", "tab", "comma-bom"],
)
def test_scopus_csv_resaved_with_another_delimiter(
    shared_corpora, tmp_path, name, delimiter, encoding, expected_counts
):
    src = shared_corpora / name
    original = litkit.read(src, progress=False)
    assert len(original) == expected_counts[name]
    with open(src, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "resaved.csv"
    path.write_text(buffer.getvalue(), encoding=encoding)
    corpus = litkit.read(path, progress=False)
    assert corpus.report.files[0].format == "scopus_csv"
    assert _without_provenance(corpus).equals(_without_provenance(original))
    assert _reasons(corpus) == _reasons(original)


@pytest.mark.parametrize("name", ["lens-csv/lens-export.csv", "openalex/openalex_sample.csv"])
@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_lens_and_openalex_csv_resaved_with_another_delimiter(shared_corpora, tmp_path, name, delimiter):
    src = shared_corpora / name
    original = litkit.read(src, progress=False)
    with open(src, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "resaved.csv"
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    corpus = litkit.read(path, progress=False)
    assert corpus.report.files[0].format == original.report.files[0].format
    assert len(corpus) == len(original) > 0
    assert _without_provenance(corpus).equals(_without_provenance(original))
    assert _reasons(corpus) == _reasons(original)


def test_scopus_csv_resaved_in_the_windows_code_page(shared_corpora, tmp_path):
    """Excel's plain "CSV" is written in the ANSI code page (cp1252 in Western Europe) with ';'.

    Characters outside cp1252 become '?' as Excel writes them; the records then equal those
    of the same text exported as UTF-8 with commas.
    """
    src = shared_corpora / "scopus-csv/scopus_litstudy.csv"
    text = src.read_text(encoding="utf-8-sig").encode("cp1252", errors="replace").decode("cp1252")
    rows = list(csv.reader(io.StringIO(text)))
    assert sum(not v.isascii() for row in rows for v in row) > 50  # accented names and titles remain
    comma, semicolon = io.StringIO(), io.StringIO()
    csv.writer(comma, lineterminator="\n").writerows(rows)
    csv.writer(semicolon, delimiter=";", lineterminator="\r\n").writerows(rows)
    (tmp_path / "utf8.csv").write_text(comma.getvalue(), encoding="utf-8")
    (tmp_path / "ansi.csv").write_bytes(semicolon.getvalue().encode("cp1252"))
    ansi = litkit.read(tmp_path / "ansi.csv", progress=False)
    assert ansi.report.files[0].encoding == "cp1252" and len(ansi) == 58
    assert _without_provenance(ansi).equals(_without_provenance(litkit.read(tmp_path / "utf8.csv", progress=False)))


RIS = """TY  - JOUR
AU  - Costanza, Robert
AU  - de Groot, Rudolf
TI  - The value of the world's
  ecosystem services and natural capital
T2  - Nature
PY  - 1997
VL  - 387
SP  - 253
EP  - 260
DO  - 10.1038/387253a0
AB  - Ecosystem services are estimated;
US - based estimates are extended to the globe.
N1  -
KW  - ecosystem services
ER  - 

TY  - JOUR
AU  - Li, X
TI  - Second record
PY  - 2020
ER  -
"""


def test_ris_with_one_space_before_the_hyphen(tmp_path):
    standard = tmp_path / "a.ris"
    standard.write_text(RIS, encoding="utf-8")
    loose = tmp_path / "b.ris"
    loose.write_text(RIS.replace("  - ", " - ").replace("  -\n", " -\n"), encoding="utf-8")
    a, b = litkit.read(standard, progress=False), litkit.read(loose, progress=False)
    assert len(a) == 2 and a.df["TI"].tolist() == [
        "The value of the world's ecosystem services and natural capital",
        "Second record",
    ]
    # the standard file: "US - based" is a wrapped line of the abstract, not a tag
    assert a.df["AB"].iloc[0] == "Ecosystem services are estimated; US - based estimates are extended to the globe."
    assert a.df["AU"].iloc[0] == ["Costanza, R", "de Groot, R"] and a.df["PY"].tolist() == [1997, 2020]
    assert _reasons(a) == []
    assert b.report.files[0].format == "ris" and len(b) == 2
    assert b.df["TI"].tolist() == a.df["TI"].tolist() and b.df["DI"].tolist() == a.df["DI"].tolist()
    assert _reasons(b) == [
        (1, "tags written 'TY - ' (one space before the hyphen, not RIS's two); read as tags", "note")
    ]


def test_ris_with_bom_and_crlf(tmp_path):
    path = tmp_path / "c.ris"
    path.write_bytes(("\ufeff" + RIS).replace("\n", "\r\n").encode("utf-8"))
    plain = tmp_path / "d.ris"
    plain.write_text(RIS, encoding="utf-8")
    assert _without_provenance(litkit.read(path, progress=False)).equals(
        _without_provenance(litkit.read(plain, progress=False))
    )


def test_every_real_text_export_reads_the_same_with_other_line_ends_and_a_bom(
    shared_corpora, expected_counts, tmp_path
):
    """LF <-> CRLF (a copy moved between Windows and Unix) and a UTF-8 BOM added (a re-save by a Windows
    editor) change no record of any real text export (workbooks are binary: left out)."""
    checked = 0
    for name in expected_counts:
        src = shared_corpora / name
        original = litkit.read(src, progress=False)
        encoding = original.report.files[0].encoding
        if "xls" in encoding:  # a workbook
            continue
        text = src.read_bytes().decode(encoding)
        swapped = text.replace("\r\n", "\n") if "\r\n" in text else text.replace("\n", "\r\n")
        variants = {"swapped": swapped.encode(encoding)}
        if encoding == "utf-8":
            variants["bom"] = b"\xef\xbb\xbf" + text.encode("utf-8")
        for label, data in variants.items():
            path = tmp_path / f"{label}_{src.name}"
            path.write_bytes(data)
            corpus = litkit.read(path, progress=False)
            assert len(corpus) == expected_counts[name], (name, label)
            assert _without_provenance(corpus).equals(_without_provenance(original)), (name, label)
            checked += 1
    assert checked >= 40
