"""BibTeX (WoS, Scopus, Zotero) and RIS (Zotero, EndNote, Scopus) readers."""

from __future__ import annotations

import json

import pytest

import litkit
from litkit.io import detect_format
from litkit.io import ris as ris_reader
from litkit.refs import parse_wos_reference


@pytest.fixture(scope="module")
def wos_bib(shared_corpora):
    return litkit.read(shared_corpora / "wos-bibtex" / "wos_m.bib")


@pytest.fixture(scope="module")
def scopus_bib(shared_corpora):
    return litkit.read(shared_corpora / "wos-bibtex" / "scopus_m.bib")


# ---- real BibTeX -------------------------------------------------------------------------------


def test_wos_bibtex_exact_count_and_database(wos_bib, expected_counts):
    report = wos_bib.report.files[0]
    assert report.format == "bibtex" and report.encoding == "utf-8-sig"
    assert report.records_in_file == expected_counts["wos-bibtex/wos_m.bib"] == len(wos_bib)
    assert report.balanced and not report.problems
    assert set(wos_bib.df["DB"]) == {"WoS"}
    assert wos_bib.df["UT"].str.match(r"^WOS:[0-9A-Z]{15}$").all()


def test_wos_bibtex_spot_checks(wos_bib):
    df = wos_bib.df
    first, last = df.iloc[0], df.iloc[-1]
    assert first["source_line"] == 2  # after the BOM and a blank line
    assert first["UT"] == "WOS:000278542800018"
    assert first["TI"] == "Estimation of missing judgments in AHP pairwise matrices using a neural network-based model"
    assert first["PY"] == 2010
    assert first["AU"] == ["Antonio Gomez-Ruiz, J", "Karanik, M", "Ignacio Pelaez, J"]
    assert first["AF"][1] == "Karanik, Marcelo"
    assert first["DE"][:2] == ["AHP", "Pairwise matrix reconstruction"]
    assert first["ID"] == ["ANALYTIC HIERARCHY PROCESS", "CONSISTENCY", "DECISION"]
    assert (first["BP"], first["EP"], first["NR"], first["TC"]) == ("2959", "2975", 18, 29)
    assert first["RP"].startswith("Gomez-Ruiz, JA (Corresponding Author)")
    assert "Dept Comp Sci & Artificial Intelligence" in first["C1"][0]  # LaTeX \& undone
    assert first["WC"] == ["Mathematics, Applied"]
    assert last["TI"].startswith("Logarithmic least squares prioritization and completion methods")
    assert last["PY"] == 2014 and last["AU"][0] == "Wang, ZJ"
    assert last["DE"][:2] == ["Interval fuzzy preference relation", "Geometric transitivity"]


def test_wos_bibtex_cited_references(wos_bib):
    df = wos_bib.df
    assert (df["CR"].map(len) == df["NR"]).sum() >= 25  # CR lines agree with the stated count
    first = df.iloc[0]["CR"]
    assert len(first) == 18
    assert first[1] == "[Anonymous], 2005, NEURAL NETWORKS COMP."  # {[} undone
    parsed = parse_wos_reference(first[0])
    assert (parsed["author"], parsed["year"], parsed["source"], parsed["volume"], parsed["page"]) == (
        "ACZEL J",
        1983,
        "J MATH PSYCHOL",
        "27",
        "93",
    )
    refs = wos_bib.references
    assert len(refs) == df["CR"].map(len).sum() and refs["year"].notna().mean() > 0.95


def test_scopus_bibtex_exact_count_and_key_with_space(scopus_bib, expected_counts):
    report = scopus_bib.report.files[0]
    assert report.records_in_file == expected_counts["wos-bibtex/scopus_m.bib"] == len(scopus_bib)
    assert report.balanced
    # bibtexparser alone silently drops this entry (its key contains a space)
    [problem] = report.problems
    assert problem.line == 78 and problem.action == "kept" and "Carmone Jr.1997538" in problem.reason
    df = scopus_bib.df
    carmone = df[df["source_line"] == 78].iloc[0]
    assert carmone["AU"][0] == "Carmone Jr., FJ"
    assert set(df["DB"]) == {"Scopus"}
    assert df["UT"].str.match(r"^2-s2\.0-\d+$").all()


def test_scopus_bibtex_spot_checks(scopus_bib):
    df = scopus_bib.df
    first, last = df.iloc[0], df.iloc[-1]
    assert first["TI"] == "Base-criterion on multi-criteria decision-making method and its applications"
    assert first["PY"] == 2020 and first["AU"] == ["Haseli, G", "Sheikh, R", "Sana, SS"]
    assert first["DE"][:2] == ["consistency ratio", "incomplete data"]
    assert (first["BP"], first["EP"]) == ("79", "88")  # "79 – 88" with an en dash
    assert first["TC"] == 52 and first["JI"] == "Int. J. Manage. Sci. Eng. Manage."
    assert first["UT"] == "2-s2.0-85083087417"
    assert last["PY"] == 2010 and last["AU"][2] == "Peláez, JI"
    assert last["ID"][:2] == ["Decision making", "Decision support systems"]
    assert "email: janto@lcc.uma.es" in last["RP"]


# ---- constructed BibTeX --------------------------------------------------------------------------

ZOTERO_BIB = r"""
@comment{jabref-meta: databaseType:bibtex;}
@string{nat = {Nature}}

@article{costanza_value_1997,
	title = {The value of the world's ecosystem services and natural capital},
	volume = {387},
	issn = {1476-4687},
	url = {https://www.nature.com/articles/387253a0},
	doi = {10.1038/387253a0},
	number = {6630},
	journal = nat,
	author = {Costanza, Robert and d'Arge, Ralph and de Groot, Rudolf},
	year = {1997},
	keywords = {Ecosystem services, Natural capital},
	pages = {253--260},
}

@inproceedings{muller_2019,
	title = {{\"O}kosystemleistungen und {\'e}valuation in {China}},
	author = {M{\"u}ller, J{\"o}rg and {World Health Organization}},
	booktitle = {Proceedings of the \textit{Third} Conference},
	date = {2019-05-02},
	keywords = {a; b; A},
	note = {Read later},
}

@article{broken key with spaces,
	title = {Third},
	year = {2020}
}

@article{cut_2021,
	title = {A record cut in the mid
"""


def test_generic_bibtex(tmp_path):
    path = tmp_path / "library.bib"
    path.write_text(ZOTERO_BIB, encoding="utf-8")
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert report.records_in_file == 4 and report.balanced  # not @comment / @string
    df = corpus.df
    assert df["DB"].tolist() == ["other"] * 4
    first = df.iloc[0]
    assert first["SO"] == "Nature" and first["J9"] == "NATURE"  # @string expanded
    assert first["AU"] == ["Costanza, R", "d'Arge, R", "de Groot, R"]
    assert first["DE"] == ["Ecosystem services", "Natural capital"]
    assert (first["BP"], first["EP"], first["DI"], first["PT"]) == ("253", "260", "10.1038/387253a0", "J")
    second = df.iloc[1]
    assert second["TI"] == "Ökosystemleistungen und évaluation in China"
    assert second["AU"] == ["Müller, J", "World Health Organization"]
    assert second["AF"] == ["Müller, Jörg", "World Health Organization"]
    assert second["SO"] == "Proceedings of the Third Conference" and second["PT"] == "C"
    assert second["PY"] == 2019 and second["DE"] == ["a", "b", "A"]
    assert json.loads(second["extra"])["note"] == "Read later"
    reasons = {p.line: (p.action, p.reason) for p in corpus.report.problems}
    assert reasons[28][0] == "kept" and "contains a space" in reasons[28][1]
    assert reasons[33][0] == "kept" and "not closed" in reasons[33][1]
    assert df.iloc[3]["TI"] == "A record cut in the mid"


def test_unparseable_bibtex_entry_is_skipped_and_counted(tmp_path):
    path = tmp_path / "bad.bib"
    path.write_text("@article{ok, title={Fine}, year={2000}}\n\n@article{bad, title={x} = = {y}}\n", encoding="utf-8")
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert (report.records_in_file, report.records_read, report.records_skipped) == (2, 1, 1)
    assert report.problems[0].line == 3 and report.problems[0].action == "skipped"


# ---- RIS -----------------------------------------------------------------------------------------

ZOTERO_RIS = """TY  - JOUR
TI  - The value of the world's ecosystem services and natural capital
AU  - Costanza, Robert
AU  - d'Arge, Ralph
T2  - Nature
AB  - The services of ecological systems and the natural capital stocks that produce them
DA  - 1997/05//
PY  - 1997
DO  - 10.1038/387253a0
DP  - www.nature.com
VL  - 387
IS  - 6630
SP  - 253
EP  - 260
J2  - Nature
LA  - en
SN  - 1476-4687
UR  - https://www.nature.com/articles/387253a0
KW  - Ecosystem services
KW  - Natural capital
ER  - 

TY  - CHAP
TI  - Valuing ecosystem services
AU  - Daily, Gretchen C.
T2  - Nature's Services
PY  - 1997
SP  - 365
EP  - 374
PB  - Island Press
ER  - 
"""

SCOPUS_RIS = """TY  - JOUR
TI  - FORC signatures and switching-field distributions of dipolar coupled nanowire-based hysterons
T2  - Journal of Applied Physics
J2  - J Appl Phys
VL  - 128
IS  - 9
PY  - 2020
DO  - 10.1063/5.0020407
AU  - Pierrot, A.
AU  - Béron, F.
N1  - Export Date: 15 October 2020
M3  - Article
DB  - Scopus
C7  - 093903
N1  - Cited By :7
N1  - References: Mayergoyz, I.D., (1986) Phys. Rev. Lett., 56, p. 1518;
Preisach, F., (1935) Z. Phys., 94, p. 277;
Pike, C.R., Roberts, A.P., Verosub, K.L., (1999) J. Appl. Phys., 85, p. 6660;
UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85091557653&doi=10.1063%2f5.0020407&partnerID=40
ER  - 

TY  - JOUR
TI  - A record whose download was cut
AU  - Doe, J.
PY  - 2021
"""


def test_zotero_ris(tmp_path):
    path = tmp_path / "zotero.ris"
    path.write_text(ZOTERO_RIS, encoding="utf-8")
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert report.format == "ris" and report.records_in_file == 2 and report.balanced
    assert not report.problems
    first, second = corpus.df.iloc[0], corpus.df.iloc[1]
    assert first["DB"] == "other" and first["UT"].startswith("other:")
    assert first["AU"] == ["Costanza, R", "d'Arge, R"] and first["AF"][0] == "Costanza, Robert"
    assert (first["SO"], first["JI"], first["PY"], first["VL"], first["BP"]) == ("Nature", "Nature", 1997, "387", "253")
    assert first["DE"] == ["Ecosystem services", "Natural capital"] and first["DI"] == "10.1038/387253a0"
    assert second["PT"] == "B" and second["PU"] == "Island Press" and second["AU"] == ["Daily, GC"]
    assert second["source_line"] == 23


def test_scopus_ris_with_crlf_bom_and_cut_last_record(tmp_path):
    path = tmp_path / "scopus.ris"
    path.write_bytes(b"\xef\xbb\xbf" + SCOPUS_RIS.replace("\n", "\r\n").encode("utf-8"))
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert report.records_in_file == 2 and report.balanced
    first, cut = corpus.df.iloc[0], corpus.df.iloc[1]
    assert first["DB"] == "Scopus" and first["UT"] == "2-s2.0-85091557653"
    assert first["TC"] == 7 and first["AR"] == "093903" and first["DT"] == "Article"
    assert first["CR"] == [
        "Mayergoyz, I.D., (1986) Phys. Rev. Lett., 56, p. 1518",
        "Preisach, F., (1935) Z. Phys., 94, p. 277",
        "Pike, C.R., Roberts, A.P., Verosub, K.L., (1999) J. Appl. Phys., 85, p. 6660",
    ]
    assert json.loads(first["extra"])["N1"] == ["Export Date: 15 October 2020"]
    assert corpus.references["source"].tolist() == ["PHYS REV LETT", "Z PHYS", "J APPL PHYS"]
    assert cut["TI"] == "A record whose download was cut"
    [problem] = report.problems
    assert problem.line == 22 and problem.action == "kept" and "no ER" in problem.reason


def test_ris_cut_record_without_title_is_skipped(tmp_path):
    path = tmp_path / "cut.ris"
    path.write_text(ZOTERO_RIS + "\nTY  - JOUR\nAU  - Nobody, N\n", encoding="utf-8")
    report = litkit.read(path).report.files[0]
    assert (report.records_in_file, report.records_read, report.records_skipped) == (3, 2, 1)


def test_ris_sniff_does_not_claim_cnki_refworks_or_endnote():
    assert ris_reader.sniff(["TY  - JOUR", "TI  - x"])
    assert not ris_reader.sniff(["RT Journal Article", "SR 1", "A1 张三", "T1 生态产品"])
    assert not ris_reader.sniff(["%0 Journal Article", "%A 张三", "%T 生态产品"])
    assert not ris_reader.sniff(["FN Clarivate Analytics Web of Science", "VR 1.0", "PT J"])


def test_ris_detected_from_content(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(ZOTERO_RIS, encoding="utf-8")
    assert detect_format(path).name == "ris"
