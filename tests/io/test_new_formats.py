"""Scopus plain text, PubMed MEDLINE, Lens.org CSV and OpenAlex CSV (issue 19, part B).

Exact record counts from ../shared/corpora/expected_counts_new_formats.json; field
values checked by eye against the raw files; totals recounted from the raw text by
scans written here (not the readers' code); bad input per format (cut records, junk,
re-encodings).
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import litkit
from litkit.errors import LitkitError, UnknownFormatError
from litkit.io import detect_format
from litkit.refs import references_table

SCOPUS = "scopus-plaintext/scopus_2024_fullrecord.txt"
PUBMED = "pubmed-medline/citations.nbib"
LENS = "lens-csv/lens-export.csv"
OPENALEX = "openalex/openalex_sample.csv"
FORMATS = {SCOPUS: "scopus_plain", PUBMED: "pubmed", LENS: "lens_csv", OPENALEX: "openalex_csv"}
DATABASES = {SCOPUS: "Scopus", PUBMED: "PubMed", LENS: "Lens", OPENALEX: "OpenAlex"}


@pytest.fixture(scope="module")
def corpora(shared_corpora):
    return {name: litkit.read(shared_corpora / name, progress=False) for name in FORMATS}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_exact_counts_format_and_database(name, corpora, expected_counts):
    corpus = corpora[name]
    (report,) = corpus.report.files
    assert report.format == FORMATS[name]
    assert report.records_in_file == report.records_read == len(corpus) == expected_counts[name]
    assert report.balanced and report.records_skipped == 0
    assert set(corpus.df["DB"]) == {DATABASES[name]}
    assert set(corpus.df["source_format"]) == {FORMATS[name]}
    assert corpus.df["UT"].is_unique and corpus.df["UT"].notna().all()
    # source_line points at the record's first line in the raw file
    lines = Path(report.file).read_text(encoding="utf-8-sig").split("\n")
    first = {
        SCOPUS: lambda line: line and not line.startswith(("AUTHOR", "http")),
        PUBMED: lambda line: line.startswith("PMID- "),
        LENS: lambda line: bool(line),
        OPENALEX: lambda line: line.startswith('"https://openalex.org/W'),
    }[name]
    assert all(first(lines[n - 1]) for n in corpus.df["source_line"])


def test_sniffers_claim_only_their_own_files(shared_corpora, expected_counts):
    for name in expected_counts:
        spec = detect_format(shared_corpora / name)
        if name in FORMATS:
            assert spec.name == FORMATS[name], name
        else:
            assert spec.name not in FORMATS.values(), (name, spec.name)


# ---- Scopus plain text -------------------------------------------------------------------------------


def _scopus_raw_references(text: str) -> list[int]:
    """References per record: the lines from a REFERENCES: line up to the next KEY: line (independent scan)."""
    counts, inside = [], False
    for line in text.split("\n"):
        if line.startswith("REFERENCES: "):
            counts.append(1)
            inside = True
        elif re.match(r"^[A-Z][A-Z ]+: ", line):
            inside = False
        elif inside and line.strip():
            counts[-1] += 1
    return counts


def test_scopus_plain_fields_checked_by_eye(corpora):
    df = corpora[SCOPUS].df
    first = df.iloc[0]
    assert first["UT"] == "2-s2.0-85201621883"
    assert first["AU"] == ["Biel, M"] and first["AF"] == ["Biel, Magdalena"]
    assert first["TI"].startswith("FAMILY OWNERSHIP AS A FACTOR INFLUENCING THE CHOICE OF GOALS")
    assert first["TI"].endswith("[WŁASNOŚĆ RODZINNA JAKO CZYNNIK WPŁYWAJĄCY NA WYBÓR CELÓW FIRM RODZINNYCH]")
    assert (first["PY"], first["SO"], first["VL"], first["IS"], first["BP"], first["EP"], first["TC"]) == (
        2024,
        "Polish Journal of Management Studies",
        "29",
        "2",
        "121",
        "137",
        0,
    )
    assert first["DI"] == "10.17512/pjms.2024.29.2.06"
    assert first["DE"] == ["family business", "family business goals", "family ownership", "goal selection"]
    assert first["C1"] == ["Czestochowa University of Technology, Faculty of Management, Poland"]
    assert first["JI"] == "Pol. J. Manag. Stud." and first["SN"] == "20817452" and first["LA"] == "English"
    assert first["CR"][0] == (
        "Aparicio G., Basco R., Iturralde T., Maseda A., An exploratory study of firm goals in the context of "
        "family firms: An institutional logics perspective, Journal of Family Business Strategy, 8, 3, "
        "pp. 157-169, (2017)"
    )
    assert first["URL"].startswith("https://www.scopus.com/inward/record.uri?eid=2-s2.0-85201621883&")
    # six authors, the conference paper with its conference keys in extra
    conf = df[df["UT"] == "2-s2.0-85199604173"].iloc[0]
    assert conf["PT"] == "C" and conf["DT"] == "Conference paper"
    assert conf["AU"] == ["Cato, K", "Duarte, S", "Tickner, M", "Higgins, T", "McCabe, M", "Curley, MAQ"]
    extra = json.loads(conf["extra"])
    assert extra["CONFERENCE NAME"] == "16th International Congress on Nursing Informatics, NI 2024"
    assert extra["PUBMED ID"] == "39049304" and extra["CONFERENCE CODE"] == "201226"
    assert conf["BN"] == "978-164368527-4" and len(conf["CR"]) == 2
    assert conf["CR"][1].startswith("Yen P.-Y., Wantland D., Bakken S., Development of a Customizable")
    # "159-160, art. no. 104107": a volume range and an article number, no pages
    art = df[df["UT"] == "2-s2.0-85194142105"].iloc[0]
    assert (art["VL"], art["AR"], art["BP"], art["SO"]) == ("159-160", "104107", None, "Computers in Industry")
    # the record without REFERENCES, and multi-line FUNDING DETAILS / FUNDING TEXT n
    assert df[df["UT"] == "2-s2.0-85200224195"].iloc[0]["CR"] == []
    funding = df[df["UT"] == "2-s2.0-85198477267"].iloc[0]["FU"].split("\n")
    assert funding[:3] == [
        "International Development Research Centre, IDRC",
        "Utenriksdepartementet",
        "European Commission, EC",
    ]


def test_scopus_plain_references_recounted_from_the_raw_text(corpora, shared_corpora):
    text = (shared_corpora / SCOPUS).read_text(encoding="utf-8-sig")
    per_record = _scopus_raw_references(text)
    df = corpora[SCOPUS].df
    with_refs = [len(cr) for cr in df["CR"] if len(cr)]
    assert with_refs == per_record and sum(per_record) == 543
    assert set(re.findall(r"eid=(2-s2\.0-\d+)", text)) == set(df["UT"])
    refs = references_table(df)
    assert len(refs) == 543
    # parsed by the Scopus parser: a year for nearly every reference, first authors as surnames
    assert refs["year"].notna().all() and refs["author"].notna().mean() > 0.95
    first = refs.iloc[0]
    assert (first["author"], first["year"], first["source"], first["volume"], first["page"], first["key"]) == (
        "Aparicio G",
        2017,
        "J FAMILY BUS STRATEG",
        "8",
        "157",
        "APARICIO|2017|J FAMILY BUS STRATEG|8|157",
    )


# ---- PubMed MEDLINE ------------------------------------------------------------------------------------


def _medline_blocks(text: str) -> list[dict[str, list[str]]]:
    """Records as tag -> values, by an independent scan (tag in 4 columns, '- ', 6-space continuations)."""
    records: list[dict[str, list[str]]] = []
    tag = None
    for line in text.split("\n"):
        if line.startswith("PMID- "):
            records.append({})
        if not records or not line.strip():
            continue
        if line.startswith("      "):
            records[-1][tag][-1] += " " + line.strip()
        else:
            tag = line[:4].strip()
            records[-1].setdefault(tag, []).append(line[6:].strip())
    return records


def test_pubmed_fields_checked_by_eye(corpora):
    first = corpora[PUBMED].df.iloc[0]
    assert first["UT"] == "PMID:30514039"
    assert first["AU"] == ["Lai, Z", "Shi, SY", "Fei, J", "Han, GH", "Hu, SP"]
    assert first["AF"] == ["Lai, Zhen", "Shi, Shi-Yuan", "Fei, Jun", "Han, Gui-He", "Hu, Sheng-Ping"]
    assert first["TI"] == (
        "[Feasibility study of preoperative percutaneous catheter drainage in the treatment of lumbar "
        "tuberculosis with psoas abscess]."
    )
    assert (first["PY"], first["PD"], first["VL"], first["IS"], first["BP"], first["EP"]) == (
        2018,
        "2018 Nov 25",
        "31",
        "11",
        "998",
        "1004",
    )
    assert first["DI"] == "10.3969/j.issn.1003-0034.2018.11.004"
    assert first["SO"] == "Zhongguo gu shang = China journal of orthopaedics and traumatology"
    assert first["JI"] == "Zhongguo Gu Shang" and first["SN"] == "1003-0034" and first["LA"] == "chi"
    assert first["DE"] == ["Drainage", "Lumbar vertebrae", "Psoas abscess", "Tuberculosis, spine"]
    assert first["AB"].startswith("OBJECTIVE: To investigate the effect of preoperative percutaneous drainage in")
    assert "  " not in first["AB"] and first["AB"].endswith("It can be recommended in clinical application.")
    assert first["C1"][0].startswith("Department of Orthopaedics, Hospital of Integrated Traditional Chinese and")
    assert first["CR"] == [] and corpora[PUBMED].report.files[0].has_cited_references is False


def test_pubmed_totals_recounted_from_the_raw_text(corpora, shared_corpora):
    blocks = _medline_blocks((shared_corpora / PUBMED).read_text(encoding="utf-8"))
    df = corpora[PUBMED].df
    assert len(blocks) == len(df) == 200
    assert [f"PMID:{b['PMID'][0]}" for b in blocks] == df["UT"].tolist()
    assert sum(len(b.get("FAU", [])) for b in blocks) == sum(map(len, df["AF"])) == 1033
    assert sum(len(b.get("MH", [])) for b in blocks) == sum(map(len, df["ID"])) == 2677
    assert sum(len(b.get("OT", [])) for b in blocks) == sum(map(len, df["DE"]))
    assert sum(1 for b in blocks if b.get("AB")) == df["AB"].notna().sum() == 186
    assert [b["TI"][0] for b in blocks] == df["TI"].tolist()
    assert not any("*" in k for ks in df["ID"] for k in ks)  # MeSH major-topic marks dropped
    dois = [
        next((v[: -len(" [doi]")] for v in b.get("LID", []) + b.get("AID", []) if v.endswith("[doi]")), None)
        for b in blocks
    ]
    assert [d.lower() if d else None for d in dois] == df["DI"].tolist()
    years = [int(b["DP"][0][:4]) for b in blocks]
    assert years == df["PY"].tolist()


@pytest.mark.parametrize(
    ("pages", "expected"),
    [("1225-8", ("1225", "1228")), ("998-1004", ("998", "1004")), ("e82-e89", ("e82", "e89")), ("2", ("2", None))],
)
def test_pubmed_shortened_end_pages(pages, expected):
    from litkit.io.pubmed import full_pages

    assert full_pages(pages) == expected


# ---- Lens -----------------------------------------------------------------------------------------------


def _lens_rows(shared_corpora) -> list[dict[str, str]]:
    with open(shared_corpora / LENS, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_lens_fields_checked_by_eye(corpora):
    df = corpora[LENS].df
    rec = df[df["UT"] == "Lens:000-198-878-209-061"].iloc[0]
    assert rec["TI"] == "An Real Time Object Detection Method for Visually Impaired Using Machine Learning"
    assert rec["AU"][:3] == ["Alagarsamy, S", "Rajkumar, TD", "Syamala, KPL"]
    assert rec["AF"][:2] == ["Alagarsamy, Saravanan", "Rajkumar, T. Dhiliphan"]
    assert (rec["PY"], rec["PD"], rec["PT"], rec["DT"], rec["TC"], rec["PU"]) == (
        2023,
        "2023-01-23",
        "C",
        "conference proceedings article",
        2,
        "IEEE",
    )
    assert rec["DI"] == "10.1109/iccci56745.2023.10128388"
    assert rec["CR"][:2] == ["Lens:002-259-580-134-449", "Lens:003-934-283-970-929"] and len(rec["CR"]) == 26
    first = df.iloc[0]
    assert first["AU"][-1] == "吉彦 早川"  # a Japanese name is kept as written
    assert first["SN"] == "18616429" and first["EI"] == "18616410"
    assert first["SO"] == "International journal of computer assisted radiology and surgery"


def test_lens_totals_recounted_from_the_csv(corpora, shared_corpora):
    rows = _lens_rows(shared_corpora)
    df = corpora[LENS].df
    assert len(rows) == len(df) == 1000
    assert [f"Lens:{r['Lens ID']}" for r in rows] == df["UT"].tolist()
    refs = [len([x for x in r["References"].split("; ") if x]) for r in rows]
    assert refs == [len(cr) for cr in df["CR"]] and sum(refs) == 27464
    assert [len([a for a in r["Author/s"].split("; ") if a]) for r in rows] == [len(a) for a in df["AU"]]
    # JATS / MathML markup removed from every abstract, the text kept
    assert sum("<jats:" in r["Abstract"] for r in rows) == 93
    assert not df["AB"].dropna().str.contains("<jats:|<mml:", regex=True).any()
    jats = next(i for i, r in enumerate(rows) if r["Abstract"].startswith("<jats:title>Abstract</jats:title>"))
    assert df.loc[jats, "AB"].startswith("Despite promising SLAM research in both vision and robotics communities")
    # the record with an empty title is kept and reported; years from Publication Year
    problems = corpora[LENS].report.problems
    assert [(p.action, p.reason) for p in problems] == [("kept", "record has no title")]
    assert df.loc[problems[0].record, "UT"] == "Lens:142-499-243-410-237"
    years = [int((r["Publication Year"] or r["Date Published"])[:4] or 0) or None for r in rows]
    assert years == [None if pd.isna(y) else int(y) for y in df["PY"].tolist()]
    assert sum(1 for r in rows if not r["Publication Year"]) == 14


def test_lens_references_key_local_citations(corpora):
    # Lens IDs in CR: one key per cited ID, the same for every citing record
    refs = references_table(corpora[LENS].df.head(50))
    assert refs.groupby("raw")["key"].nunique().max() == 1
    assert refs["key"].nunique() == refs["raw"].nunique()


# ---- OpenAlex -------------------------------------------------------------------------------------------


def test_openalex_fields_checked_by_eye(corpora):
    first = corpora[OPENALEX].df.iloc[0]
    assert first["UT"] == "OpenAlex:W2755950973"
    assert first["TI"] == "bibliometrix : An R-tool for comprehensive science mapping analysis"
    assert first["AU"] == ["Aria, M", "Cuccurullo, C"] and first["AF"] == ["Aria, Massimo", "Cuccurullo, Corrado"]
    assert (first["PY"], first["PD"], first["SO"], first["SN"], first["TC"], first["LA"]) == (
        2017,
        "2017-09-12",
        "Journal of Informetrics",
        "1751-1577",
        13235,
        "en",
    )
    assert first["DI"] == "10.1016/j.joi.2017.08.007"
    assert first["C1"] == ["University of Naples Federico II", 'University of Campania "Luigi Vanvitelli"']
    assert first["RP"] == "Aria, Massimo, University of Naples Federico II"  # is_corresponding True|False
    assert first["AB"] is None and first["PT"] == "J" and first["DT"] == "article"


def test_openalex_lists_stay_aligned(corpora, shared_corpora):
    with open(shared_corpora / OPENALEX, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    df = corpora[OPENALEX].df
    assert [len(r["authorships.author.display_name"].split("|")) for r in rows] == [len(a) for a in df["AU"]]
    assert sum(1 for r in rows if not r["abstract"]) == df["AB"].isna().sum() == 3
    assert [int(r["cited_by_count"]) for r in rows] == df["TC"].tolist()


# ---- bad input ------------------------------------------------------------------------------------------


def _read(path):
    return litkit.read(path, progress=False)


def test_scopus_plain_cut_inside_references(shared_corpora, tmp_path):
    text = (shared_corpora / SCOPUS).read_text(encoding="utf-8-sig")
    cut = text.index("Zoppelletto A.")  # inside the references of the tenth record
    path = tmp_path / "cut.txt"
    path.write_text(text[:cut], encoding="utf-8")
    corpus = _read(path)
    (report,) = corpus.report.files
    assert report.records_in_file == len(corpus) == 10 and report.balanced
    (problem,) = report.problems
    assert problem.record == 9 and "SOURCE: Scopus" in problem.reason and problem.action == "kept"
    assert len(corpus.df.iloc[9]["CR"]) < len(_read(shared_corpora / SCOPUS).df.iloc[9]["CR"])


def test_scopus_plain_without_source_lines_still_splits_records(shared_corpora, tmp_path):
    # an export made without the "Source" field group: records end at the blank line before the next one
    text = (shared_corpora / SCOPUS).read_text(encoding="utf-8-sig").replace("SOURCE: Scopus\n", "")
    path = tmp_path / "nosource.txt"
    path.write_text(text, encoding="utf-8")
    corpus = _read(path)
    assert len(corpus) == 10 and corpus.report.balanced
    assert corpus.df["UT"].tolist() == _read(shared_corpora / SCOPUS).df["UT"].tolist()
    assert all("SOURCE: Scopus" in p.reason for p in corpus.report.problems)


def test_scopus_plain_record_without_title_is_skipped(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(
        "Scopus\nEXPORT DATE: 1 January 2024\n\nSmith J.\nAUTHOR FULL NAMES: Smith, John (57913188700)\n57913188700\n\nAFFILIATIONS: X\n"
        "SOURCE: Scopus\n\n"
        "Doe J.\nA real title\n(2023) Some Journal, 5, pp. 1 - 2, Cited 4 times.\n\nSOURCE: Scopus\n",
        encoding="utf-8",
    )
    corpus = _read(path)
    (report,) = corpus.report.files
    assert report.records_in_file == 2 and report.records_skipped == 1 and len(corpus) == 1 and report.balanced
    assert corpus.df.loc[0, ["TI", "PY", "SO", "TC", "BP", "EP"]].tolist() == [
        "A real title",
        2023,
        "Some Journal",
        4,
        "1",
        "2",
    ]


def test_scopus_reference_that_looks_like_a_key_stays_a_reference(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(
        "Scopus\nEXPORT DATE: 1 January 2024\n\nDoe J.\nTitle\n(2023) J, 5, pp. 1 - 2, Cited 0 times.\n\n"
        "REFERENCES: Smith J., A, B, (2001); \nOECD: Guidelines for things, (2019); \nTHE WORLD BANK, Report, (2020)\n"
        "SOURCE: Scopus\n",
        encoding="utf-8",
    )
    (cr,) = _read(path).df["CR"]
    assert cr == ["Smith J., A, B, (2001)", "OECD: Guidelines for things, (2019)", "THE WORLD BANK, Report, (2020)"]


def test_pubmed_cut_record_and_lost_indentation_are_reported(shared_corpora, tmp_path):
    text = (shared_corpora / PUBMED).read_text(encoding="utf-8")
    second = text.index("\nPMID- ", 10) + 1
    third = text.index("\nPMID- ", second + 10) + 1
    # the second record loses its indentation on one line; the file is cut just after the third PMID line
    broken = text[:second] + text[second:third].replace("\n      ", "\n", 1) + text[third : text.index("\n", third) + 1]
    path = tmp_path / "cut.nbib"
    path.write_text(broken, encoding="utf-8")
    corpus = _read(path)
    (report,) = corpus.report.files
    assert report.records_in_file == 3 and report.records_read == 2 and report.records_skipped == 1
    assert report.balanced
    problems = [(p.record, p.action, p.reason) for p in report.problems]
    assert problems == [
        (1, "kept", "line is no MEDLINE tag line; joined to field TI"),
        (2, "skipped", "MEDLINE record with neither title nor authors (cut?): skipped"),
    ]
    full = _read(shared_corpora / PUBMED).df
    assert corpus.df["TI"].tolist() == full["TI"].tolist()[:2]  # the joined line kept the title whole


def test_lens_row_cut_short_is_kept_and_reported(shared_corpora, tmp_path):
    lines = (shared_corpora / LENS).read_bytes().decode("utf-8-sig").split("\r\n")
    path = tmp_path / "lens.csv"
    path.write_text("\r\n".join(lines[:4]) + "\r\n" + lines[4][:200], encoding="utf-8")
    corpus = _read(path)
    (report,) = corpus.report.files
    assert report.records_in_file == len(corpus) == 4 and report.balanced
    (problem,) = report.problems
    assert problem.line == 5 and problem.action == "kept" and "left empty" in problem.reason
    assert corpus.df.loc[3, "UT"] == "Lens:" + lines[4].split(",")[0]


def test_openalex_header_only_and_junk(tmp_path, shared_corpora):
    header = (shared_corpora / OPENALEX).read_text(encoding="utf-8").split("\n")[0]
    path = tmp_path / "works.csv"
    path.write_text(header + "\n", encoding="utf-8")
    corpus = _read(path)  # a file named directly: an empty export is an empty corpus
    assert len(corpus) == 0 and corpus.report.files[0].format == "openalex_csv"
    junk = tmp_path / "junk.csv"
    junk.write_text("id,name\n1,x\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError, match="first line: 'id,name'"):
        _read(junk)


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_reencoded_copies_give_identical_values(name, encoding, corpora, shared_corpora, tmp_path):
    raw = (shared_corpora / name).read_bytes()
    text = raw.decode("utf-8-sig")
    path = tmp_path / "copy.txt"
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode(encoding)
    if encoding == "utf-16":
        assert data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE)
    path.write_bytes(data)
    copy = _read(path)
    keep = [c for c in copy.df.columns if c not in ("source_file",)]
    assert copy.df[keep].equals(corpora[name].df[keep])


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_wrong_encoding_named_by_the_user_is_an_error(name, shared_corpora, tmp_path):
    # a file in one encoding read as another must fail with a LitkitError, never mojibake silently
    path = tmp_path / "copy.txt"
    path.write_bytes((shared_corpora / name).read_bytes().decode("utf-8-sig").encode("utf-16"))
    with pytest.raises(LitkitError):
        litkit.read(path, encoding="utf-8", progress=False)


def test_pubmed_display_saved_from_the_browser(shared_corpora, tmp_path, corpora):
    text = (shared_corpora / PUBMED).read_text(encoding="utf-8")
    path = tmp_path / "pubmed.txt"
    path.write_text("<pre>\n" + text.lstrip("\n") + "</pre>\n", encoding="utf-8")
    corpus = _read(path)
    assert corpus.report.problems == [] and len(corpus) == 200
    keep = [c for c in corpus.df.columns if c not in ("source_file", "source_line")]
    assert corpus.df[keep].equals(corpora[PUBMED].df[keep])


def test_scopus_plain_older_layout(tmp_path):
    # before 2023: no AUTHOR FULL NAMES line, ", "-separated authors, ". Cited N times.", DOI before the URL
    path = tmp_path / "scopus.txt"
    path.write_text(
        "Scopus\nEXPORT DATE: 05 Apr 2019\n\n"
        "Smith J., van der Berg A.B.\nA title of an old export\n"
        "(2018) Journal of Things, Policy and Practice, 12 (3), pp. 1-10. Cited 2 times.\n"
        "DOI: 10.1000/ABC.1\n"
        "https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001&doi=10.1000%2fABC.1&partnerID=40\n\n"
        "AFFILIATIONS: Univ X, Country; Univ Y, Land\nAUTHOR KEYWORDS: a; b\n"
        "REFERENCES: Doe J., A book, (2001); Roe R., Paper, Journal, 3, pp. 5-6, (2002)\n"
        "DOCUMENT TYPE: Article\nSOURCE: Scopus\n",
        encoding="utf-8",
    )
    corpus = _read(path)
    assert corpus.report.problems == [] and len(corpus) == 1
    rec = corpus.df.iloc[0]
    assert rec["AU"] == ["Smith, J", "van der Berg, AB"] and rec["AF"] == []
    assert rec["TI"] == "A title of an old export"
    assert (rec["PY"], rec["SO"], rec["VL"], rec["IS"], rec["BP"], rec["EP"], rec["TC"]) == (
        2018,
        "Journal of Things, Policy and Practice",
        "12",
        "3",
        "1",
        "10",
        2,
    )
    assert rec["DI"] == "10.1000/abc.1" and rec["UT"] == "2-s2.0-85000000001"
    assert rec["C1"] == ["Univ X, Country", "Univ Y, Land"] and rec["DE"] == ["a", "b"]
    assert rec["CR"] == ["Doe J., A book, (2001)", "Roe R., Paper, Journal, 3, pp. 5-6, (2002)"]


@pytest.mark.parametrize("name", [LENS, OPENALEX, SCOPUS])
def test_undecodable_bytes_inside_a_record_name_their_line(name, shared_corpora, tmp_path):
    # (the PubMed export has too few non-ASCII bytes for the sniffer to call it damaged UTF-8: with
    # two bad bytes it is read as cp1252, see litkit.io.sniff)
    data = (shared_corpora / name).read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 1  # the start of a line in the middle of the file
    line = data[:cut].count(b"\n") + 1
    path = tmp_path / "broken.txt"
    path.write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    with pytest.raises(litkit.errors.DecodingError) as err:
        _read(path)
    assert err.value.line == line and err.value.path == str(path)
