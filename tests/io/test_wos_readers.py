"""Web of Science plain-text and tab-delimited readers on the real exports in ../shared/corpora.

The plain-text tests run with each engine (``wos_engine``: the compiled fast path "c" and
the record path "python"); test_wos_fast_path.py compares the two value for value.

Counts come from expected_counts.json (PROVENANCE.txt); the spot-check values
were read by eye from the files themselves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import litkit
from litkit.corpus import Corpus
from litkit.io.wos_tab import LONG_NAMES

PLAIN = "wos_plain"
TAB = "wos_tab"


def _wos_files(expected_counts: dict, prefix: str) -> list[str]:
    return sorted(name for name in expected_counts if name.startswith(prefix))


@pytest.fixture(scope="module")
def plain_names(expected_counts):
    names = _wos_files(expected_counts, "wos-plaintext-")
    assert len(names) == 9  # the four plain-text folders of INDEX.md
    return names


@pytest.fixture(scope="module")
def tab_names(expected_counts):
    names = _wos_files(expected_counts, "wos-tabdelimited/")
    assert len(names) == 3
    return names


_cache: dict[tuple[str, str | None], Corpus] = {}


def _read(shared_corpora: Path, name: str, engine: str | None = None) -> Corpus:
    """The file read with ``engine`` (plain-text tests run with each engine: the ``wos_engine`` fixture)."""
    if (name, engine) not in _cache:
        _cache[name, engine] = litkit.read(shared_corpora / name, engine=engine)
    return _cache[name, engine]


# ---- counts and report invariant --------------------------------------------------------------


def test_every_plain_text_file_read_with_exact_count(shared_corpora, expected_counts, plain_names, wos_engine):
    for name in plain_names:
        corpus = _read(shared_corpora, name, wos_engine)
        report = corpus.report.files[0]
        assert report.format == PLAIN, name
        assert report.database == "WoS"
        assert len(corpus) == expected_counts[name], name
        assert report.records_in_file == expected_counts[name], name
        assert report.records_read + report.records_skipped == report.records_in_file, name
        assert set(corpus.df["DB"]) == {"WoS"}
        # Records carry their accession number; one testFile.isi record has no UT line and
        # gets a stable hash id instead.
        text = (shared_corpora / name).read_text(encoding="utf-8-sig")
        n_ut_lines = sum(1 for line in text.split("\n") if line.startswith("UT WOS:"))
        assert corpus.df["UT"].str.startswith("WOS:").sum() == n_ut_lines, name
        assert corpus.df["UT"].str.startswith("WoS:").sum() == len(corpus) - n_ut_lines, name
        assert corpus.df["UT"].is_unique, name


def test_every_tab_delimited_file_read_with_exact_count(shared_corpora, expected_counts, tab_names):
    for name in tab_names:
        corpus = _read(shared_corpora, name)
        report = corpus.report.files[0]
        assert report.format == TAB, name
        assert len(corpus) == expected_counts[name], name
        assert report.records_in_file == expected_counts[name], name
        assert report.records_skipped == 0, name
        assert report.balanced


@pytest.fixture(scope="module")
def all_wos(shared_corpora, plain_names, tab_names) -> Corpus:
    """Every WoS plain-text and tab-delimited folder, read in one call."""
    folders = sorted({shared_corpora / n.split("/")[0] for n in plain_names + tab_names})
    return litkit.read(folders)


def test_folders_read_together_keep_every_record(all_wos, expected_counts, plain_names, tab_names):
    assert len(all_wos) == sum(expected_counts[n] for n in plain_names + tab_names)
    assert all_wos.report.balanced
    assert len(all_wos.report.files) == len(plain_names) + len(tab_names)


# ---- spot checks: first and last record of each file (values read from the files) --------------

SPOT = {
    "wos-plaintext-bibliometrix-fixture/wos_sample.txt": [
        (
            "WOS:001702577900001",
            2026,
            "Toh, ML",
            "Mapping the application of Geographic Information System (GIS) in real estate: a "
            "bibliometric analysis using bibliometrix and QGIS",
            ["Word", "GIS", "Real Estate", "bibliometric analysis", "bibliometrix", "QGIS"],
        ),
        (
            "WOS:001492673800001",
            2025,
            "Souza, LRD",
            "PubMedMetaTool: Automated metadata extraction from PubMed using Python for bibliometric analysis",
            None,
        ),
    ],
    "wos-plaintext-environment/globe2060_savedrecs.txt": [
        (
            "WOS:A1992HN29200002",
            1992,
            "SCHMIDT, M",
            "CEMENT WITH INTERGROUND ADDITIVES - CAPABILITIES AND ENVIRONMENTAL RELIEF .1.",
            [],
        ),
        (
            "WOS:000382340700025",
            2016,
            "López-González, LM",
            "Update of energy performance certificates in the residential sector and scenarios that "
            "consider the impact of automation, control and management systems: A case study of La Rioja",
            None,
        ),
    ],
    "wos-plaintext-environment/globe2060_savedrecs_5.txt": [
        (
            "WOS:001357357400001",
            2024,
            "Liu, P",
            "Optimizing ventilation systems considering operational and embodied emissions with life "
            "cycle based method",
            ["Ventilation ductwork", "GHG emissions", "Optimization", "LCA"],
        ),
        (
            "WOS:001438033800001",
            2025,
            "Teixeira, A",
            "Global supply chains and domestic climate policy: Addressing the substantial "
            "material-related carbon footprint of final consumption in France",
            None,
        ),
    ],
    "wos-plaintext-environment/r-tos_savedrecs.txt": [
        (
            "WOS:000259453100016",
            2008,
            "Butchart, SHM",
            "Red List Indices to measure the sustainability of species use and impacts of invasive alien species",
            [],
        ),
        ("WOS:000301638000012", 2012, "Diaz, A", "Olive", None),
    ],
    "wos-plaintext-metaknowledge/ManyAuthors.isi": [
        (
            "WOS:000238878800002",
            2006,
            "Roach, M",
            "Defining biochemical failure following radiotherapy with or without hormonal therapy in men "
            "with clinically localized prostate cancer: Recommendations of the RTOG-ASTRO Phoenix "
            "Consensus Conference",
            ["biochemical recurrence", "prostate cancer", "radiotherapy", "PSA failure"],
        ),
        (
            "WOS:000242795100023",
            2006,
            "Lee, HM",
            "High-intensity focused ultrasound therapy for clinically localized prostate cancer",
            None,
        ),
    ],
    "wos-plaintext-metaknowledge/testFile.isi": [
        (
            "WOS:A1979GV55600001",
            1979,
            "BREVIK, I",
            "EXPERIMENTS IN PHENOMENOLOGICAL ELECTRODYNAMICS AND THE ELECTROMAGNETIC ENERGY-MOMENTUM TENSOR",
            [],
        ),
        (
            "WOS:A1974S801100007",
            1974,
            "BEAUREGA.OC",
            "INTERNAL PHOTON IMPULSE OF DIELECTRIC AND ON COUPLE APPLIED TO ANISOTROPIC CRYSTAL",
            [],
        ),
    ],
    "wos-plaintext-metaknowledge/badFile.isi": [
        (
            "WOS:A1979GV55600001",
            1979,
            "BREVIK, I",
            "EXPERIMENTS IN PHENOMENOLOGICAL ELECTRODYNAMICS AND THE ELECTROMAGNETIC ENERGY-MOMENTUM TENSOR",
            [],
        ),
        (
            "WOS:A1974S801100007",
            1974,
            "BEAUREGA.OC",
            "INTERNAL PHOTON IMPULSE OF DIELECTRIC AND ON COUPLE APPLIED TO ANISOTROPIC CRYSTAL",
            [],
        ),
    ],
    "wos-plaintext-savedrecs-alt/savedrecs_1.txt": [
        (
            "WOS:000885802700001",
            2022,
            "Rudskoi, AI",
            "Modeling of Hydrogen Diffusion in Inhomogeneous Steel Welded Joints",
            None,
        ),
        (
            "WOS:001384294000001",
            2024,
            "Balitskii, AI",
            "Computer-Integrated Surface Image Processing of Hydrogen-Saturated Steel Wear Products",
            ["computer vision", "wear particles", "hydrogen", "fracture"],
        ),
    ],
    "wos-plaintext-savedrecs-alt/savedrecs_2.txt": [
        (
            "WOS:000450442300013",
            2018,
            "Beldowski, P",
            "Physical crosslinking of hyaluronic acid in the presence of phospholipids in an aqueous nano-environment",
            [],
        ),
        (
            "WOS:001242149600001",
            2024,
            "Miura, Y",
            "The conformational properties of alamethicin in ethanol studied by NMR",
            None,
        ),
    ],
    "wos-tabdelimited/labnetwork_savedrecs.txt": [
        (
            "WOS:000717496600001",
            2021,
            "Hammerman, NM",
            "Variable response of Red Sea coral communities to recent disturbance events along a latitudinal gradient",
            None,
        ),
        ("WOS:A1979HC73500016", 1979, "PANDOLFI, J", "MODELS AND MEANS OF POLITICAL THEORIZING IN 18TH-CENTURY", []),
    ],
    "wos-tabdelimited/whs_climate_savedrecs_1_utf16le.txt": [
        (
            "WOS:000493922300022",
            2019,
            "Greenwell, Matthew P.",
            "Predicting resilience of ecosystem functioning from co-varying species' responses to environmental change",
            [],
        ),
        ("WOS:A1993NL67100001", 1993, "RHODES, SL", "CLIMATE AND ENVIRONMENTAL DEGRADATION OF THE GREAT-LAKES", []),
    ],
    "wos-tabdelimited/savedrecs_WoS_68_Whittaker_Beta_Diversity.txt": [
        (
            "WOS:001077401200001",
            2023,
            "Chao, Anne",
            "Rarefaction and extrapolation with beta diversity under a framework of Hill numbers: The "
            "iNEXT.beta3D standardization",
            [],
        ),
        (
            "WOS:000079472000012",
            1999,
            "Pharo, EJ",
            "Vascular plant diversity as a surrogate for bryophyte and lichen diversity",
            [],
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(SPOT))
def test_first_and_last_record_fields(shared_corpora, name, wos_engine):
    df = _read(shared_corpora, name, wos_engine).df
    for row, (ut, year, first_author, title, keywords) in zip((0, len(df) - 1), SPOT[name]):
        rec = df.iloc[row]
        assert rec["UT"] == ut
        assert rec["PY"] == year
        assert rec["AU"][0] == first_author
        assert rec["TI"] == title
        if keywords is not None:
            assert rec["DE"] == keywords


def test_wrapped_keyword_lines_are_joined_before_splitting(shared_corpora, wos_engine):
    # r-tos last record: "DE Olive; Morphological markers; Biochemical markers: isozymes; Genetic"
    # continues on the next line with "   markers: ..." -- one keyword across two lines.
    rec = _read(shared_corpora, "wos-plaintext-environment/r-tos_savedrecs.txt", wos_engine).df.iloc[-1]
    assert rec["DE"][:3] == ["Olive", "Morphological markers", "Biochemical markers: isozymes"]
    assert rec["DE"][3].startswith("Genetic markers")
    assert rec["DE"][-1] == "Genetic transformation"


# ---- plain text: structure ----------------------------------------------------------------------


def _independent_cr_count(path: Path) -> int:
    """Lines belonging to CR fields, counted with a plain line scan (an oracle for the reader)."""
    count, tag = 0, None
    for line in path.read_text(encoding="utf-8-sig").split("\n"):
        if re.match(r"[A-Z][A-Z0-9]( |$)", line):
            tag = line[:2]
        if tag == "CR" and line.strip():
            count += 1
    return count


def test_cited_references_one_item_per_line(shared_corpora, plain_names, wos_engine):
    for name in plain_names:
        corpus = _read(shared_corpora, name, wos_engine)
        n_cr = sum(len(v) for v in corpus.df["CR"])
        assert n_cr == _independent_cr_count(shared_corpora / name), name
        assert corpus.report.files[0].has_cited_references is (n_cr > 0)


def test_cr_list_matches_nr_in_modern_export(shared_corpora, wos_engine):
    df = _read(shared_corpora, "wos-plaintext-bibliometrix-fixture/wos_sample.txt", wos_engine).df
    assert (df["CR"].map(len) == df["NR"]).all()
    assert df.iloc[0]["CR"][2] == "Aria M, 2017, J INFORMETR, V11, P959, DOI 10.1016/j.joi.2017.08.007"


def test_authors_and_addresses_one_per_line(shared_corpora, wos_engine):
    df = _read(shared_corpora, "wos-plaintext-metaknowledge/ManyAuthors.isi", wos_engine).df
    assert (df["AU"].map(len) == df["AF"].map(len)).all()
    assert df["AU"].map(len).max() > 100  # the file's point: very long author lists
    first = df.iloc[0]  # 7 AU lines and 7 C1 lines in the file
    assert first["AU"][:2] == ["Roach, M", "Hanks, G"]
    assert len(first["AU"]) == 7 and len(first["C1"]) == 7
    assert first["C1"][:2] == [
        "Univ Calif San Francisco, Dept Radiat Oncol, San Francisco, CA 94143 USA.",
        "Fox Chase Canc Ctr, Dept Radiat Oncol, Philadelphia, PA 19111 USA.",
    ]


def test_unmapped_tags_kept_in_extra(shared_corpora, wos_engine):
    rec = _read(shared_corpora, "wos-plaintext-bibliometrix-fixture/wos_sample.txt", wos_engine).df.iloc[0]
    extra = json.loads(rec["extra"])
    assert extra["EM"] == "tohmingliang@uts.edu.my"
    assert extra["DA"] == "2026-03-28"
    assert rec["DI"] == "10.1080/00396265.2026.2635057"
    assert rec["NR"] == 53 and rec["TC"] == 0


def test_source_line_points_at_pt_line(shared_corpora, wos_engine):
    name = "wos-plaintext-environment/globe2060_savedrecs_5.txt"
    lines = (shared_corpora / name).read_text(encoding="utf-8-sig").split("\n")
    pt_lines = [i + 1 for i, line in enumerate(lines) if line.startswith("PT ")]
    assert _read(shared_corpora, name, wos_engine).df["source_line"].tolist() == pt_lines


def test_glued_tag_line_reported_with_line_and_recovered(shared_corpora, wos_engine):
    corpus = _read(shared_corpora, "wos-plaintext-metaknowledge/testFile.isi", wos_engine)
    problems = [p for p in corpus.report.problems if p.action != "note"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.line == 416
    assert "AUGilles, H" in problem.reason and problem.action == "kept"
    assert problem.file.endswith("testFile.isi")
    rec = corpus.df[corpus.df["source_line"] == 415].iloc[0]
    assert rec["AU"] == ["Gilles, H", "Girard, S", "Hamel, J"]
    assert rec["TI"].startswith("Simple technique for measuring the Goos-Hanchen effect")


def test_file_without_ef_read_completely(shared_corpora, wos_engine):
    corpus = _read(shared_corpora, "wos-plaintext-metaknowledge/badFile.isi", wos_engine)
    assert len(corpus) == 32
    assert corpus.report.problems == []
    assert (shared_corpora / "wos-plaintext-metaknowledge/badFile.isi").read_bytes().rstrip().endswith(b"ER")


def _records_without_py(path: Path) -> dict[str, str]:
    """UT -> EA date of records that have no PY line (independent line scan)."""
    out, fields = {}, {}
    for line in path.read_text(encoding="utf-8-sig").split("\n"):
        if line.startswith("PT "):
            fields = {}
        elif line[:3] in ("UT ", "PY ", "EA "):
            fields[line[:2]] = line[3:].strip()
        elif line.startswith("ER") and "PY" not in fields:
            out[fields["UT"]] = fields.get("EA")
    return out


def test_early_access_records_without_py_get_the_ea_year(shared_corpora, plain_names, wos_engine):
    checked = 0
    for name in plain_names:
        missing = _records_without_py(shared_corpora / name)
        corpus = _read(shared_corpora, name, wos_engine)
        df = corpus.df.set_index("UT")
        notes = [p for p in corpus.report.problems if "no PY" in p.reason]
        assert len(notes) == len([ea for ea in missing.values() if ea]), name
        for ut, ea in missing.items():
            if ea:
                assert df.loc[ut, "PY"] == int(ea[-4:]), (name, ut)
                checked += 1
    assert checked == 5  # the five r-tos records without PY all carry an EA date
    assert all(
        p.action == "note"
        for p in _read(shared_corpora, "wos-plaintext-environment/r-tos_savedrecs.txt", wos_engine).report.problems
    )


def test_spanish_interface_export(shared_corpora, wos_engine):
    df = _read(shared_corpora, "wos-plaintext-environment/r-tos_savedrecs.txt", wos_engine).df
    assert df.iloc[0]["RP"].startswith("Butchart, SHM (autor correspondiente), BirdLife Int")
    assert df["RP"].dropna().str.contains("(autor correspondiente)", regex=False).all()
    assert set(df["PT"]) == {"J", "C", "S", "B"}


def test_non_ascii_text_intact(shared_corpora, wos_engine):
    df = _read(shared_corpora, "wos-plaintext-environment/globe2060_savedrecs.txt", wos_engine).df
    assert df.iloc[-1]["AU"][:2] == ["López-González, LM", "López-Ochoa, LM"]
    assert df.iloc[-1]["AF"][0] == "Lopez-Gonzalez, Luis M."  # WoS writes AF without accents here
    text = " ".join(str(v) for v in df["TI"]) + " ".join(a for v in df["AU"] for a in v)
    assert "Ã" not in text and "\ufffd" not in text


# ---- tab-delimited ------------------------------------------------------------------------------


def test_utf16_bare_cr_file(shared_corpora):
    corpus = _read(shared_corpora, "wos-tabdelimited/whs_climate_savedrecs_1_utf16le.txt")
    assert corpus.report.files[0].encoding == "utf-16"
    df = corpus.df
    assert df["source_line"].tolist() == list(range(2, 163))
    prefixes = df["UT"].str.split(":").str[0].value_counts().to_dict()
    assert prefixes == {"WOS": 130, "KJD": 9, "DRCI": 9, "BCI": 8, "ZOOREC": 3, "SCIELO": 1, "MEDLINE": 1}
    assert df["PT"].value_counts().to_dict() == {"J": 102, "S": 33, "B": 17, "R": 9}
    korean = df[df["UT"] == "KJD:ART001391050"].iloc[0]  # Korean Journal Database record
    assert korean["AU"] == ["안상경"]
    assert json.loads(korean["extra"])["Z1"] == "진상약재의 관광자원화와 문화권역"
    extra = json.loads(df.iloc[0]["extra"])
    assert extra["PM"] == "31695887" and extra["Z9"] == "0"


def test_tab_addresses_split_between_bracket_groups(shared_corpora):
    rec = _read(shared_corpora, "wos-tabdelimited/labnetwork_savedrecs.txt").df.iloc[0]
    assert rec["C1"][0] == (
        "[Hammerman, Nicholas M.; Rodriguez-Ramirez, Alberto; Staples, Timothy L.; "
        "Roff, George; Pandolfi, John M.] Univ Queensland, Sch Biol Sci, Brisbane, "
        "Qld 4072, Australia"
    )
    assert all(c.startswith("[") for c in rec["C1"])
    assert rec["AU"][:3] == ["Hammerman, NM", "Rodriguez-Ramirez, A", "Staples, TL"]
    assert rec["DE"][:3] == ["Coral bleaching", "Radiometric (U-Th) age-dating", "Saudi Arabia"]


def test_long_name_header_reads_like_tag_header(shared_corpora, tmp_path):
    source = shared_corpora / "wos-tabdelimited/labnetwork_savedrecs.txt"
    text = source.read_text(encoding="utf-8-sig")
    header, rest = text.split("\n", 1)
    long_of = {}
    for long_name, tag in LONG_NAMES.items():
        long_of.setdefault(tag, long_name)
    names = [long_of.get(t.strip(), t.strip()) for t in header.split("\t")]
    assert names[:3] == ["Publication Type", "Authors", "Book Authors"]
    target = tmp_path / "long_names.txt"
    target.write_text("\t".join(names) + "\n" + rest, encoding="utf-8-sig")
    by_tag = _read(shared_corpora, "wos-tabdelimited/labnetwork_savedrecs.txt").df.drop(columns="source_file")
    by_name = litkit.read(target).df.drop(columns="source_file")
    assert Corpus(by_tag) == Corpus(by_name)


def test_tab_quoted_fields_with_semicolons(tmp_path):
    header = "PT\tAU\tTI\tSO\tDE\tPY\tUT\t"
    row = 'J\t"Wang, L; Li, X"\t"Carbon sinks; a review"\tECOL INDIC\t"carbon sink; ecological compensation"\t2020\tWOS:000000000000001\t'
    path = tmp_path / "quoted.txt"
    path.write_text(header + "\r\n" + row + "\r\n", encoding="utf-8")
    rec = litkit.read(path).df.iloc[0]
    assert rec["AU"] == ["Wang, L", "Li, X"]
    assert rec["TI"] == "Carbon sinks; a review"
    assert rec["DE"] == ["carbon sink", "ecological compensation"]


# ---- persistence --------------------------------------------------------------------------------


def test_parquet_round_trip_equal(all_wos, tmp_path):
    corpus = all_wos
    path = corpus.to_parquet(tmp_path / "wos.parquet")
    back = Corpus.read_parquet(path)
    assert back == corpus
    assert back.df.loc[0, "AU"] == corpus.df.loc[0, "AU"]
    assert back.report.records_read == corpus.report.records_read
    assert len(back.report.problems) == len(corpus.report.problems)
