"""Cited-reference parsing, reference keys and the references table."""

from __future__ import annotations

import pandas as pd
import pytest

import litkit
from litkit.corpus import Corpus
from litkit.refs import TABLE_COLUMNS, parse_gbt7714_reference, parse_wos_reference, reference_key, references_table


def _fields(parsed: dict) -> tuple:
    return tuple(parsed[k] for k in ("author", "year", "source", "volume", "page", "doi"))


# ---- WoS strings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0",
            ("Costanza R", 1997, "NATURE", "387", "253", "10.1038/387253a0"),
        ),
        # real strings from the shared exports
        (
            "Aria M, 2017, J INFORMETR, V11, P959, DOI 10.1016/j.joi.2017.08.007",
            ("Aria M", 2017, "J INFORMETR", "11", "959", "10.1016/j.joi.2017.08.007"),
        ),
        (
            "Ceh M, 2018, ISPRS INT J GEO-INF, V7, DOI [10.3390/ijgi705168, 10.3390/ijgi7050168]",
            ("Ceh M", 2018, "ISPRS INT J GEO-INF", "7", None, "10.3390/ijgi705168"),
        ),
        (
            "Owens J.W., 1997, Journal of Industrial Ecology, V1, P37, DOI [DOI 10.1162/JIEC.1997.1.1.37, 10.1162/jiec.1997.1.1.37]",
            ("Owens J.W.", 1997, "Journal of Industrial Ecology", "1", "37", "10.1162/jiec.1997.1.1.37"),
        ),
        (
            "[Anonymous], 2022, CLIMATE CHANGE 2022, DOI [10., 10.1017/9781009325844]",
            (None, 2022, "CLIMATE CHANGE 2022", None, None, "10.1017/9781009325844"),
        ),
        (
            "[Anonymous], FRESEN ENVIRON BULL, DOI DOI 10.1016/j.tranpol.2005.01.001",
            (None, None, "FRESEN ENVIRON BULL", None, None, "10.1016/j.tranpol.2005.01.001"),
        ),
        ("[Anonymous], 2005, ECOSYSTEMS HUMAN WEL", (None, 2005, "ECOSYSTEMS HUMAN WEL", None, None, None)),
        ("*IPCC, 2007, CLIM CHANG 2007 PHYS", ("*IPCC", 2007, "CLIM CHANG 2007 PHYS", None, None, None)),
        ("*ASHRAE, 552004B ASHRAE", ("*ASHRAE", None, "552004B ASHRAE", None, None, None)),
        ("1986, ZEMENT ZUSAMMENSET 1", (None, 1986, "ZEMENT ZUSAMMENSET 1", None, None, None)),
        ("GUO LJ, 2007, Patent No. 2007100176827", ("GUO LJ", 2007, "Patent No. 2007100176827", None, None, None)),
        (
            "Lorentzen G., 1990, Patent No. [WO 90/07683, 9007683]",
            ("Lorentzen G.", 1990, "Patent No. [WO 90/07683, 9007683]", None, None, None),
        ),
        (
            "Parkes David, 2003, Ecological Management & Restoration, V4, pS29, DOI 10.1046/j.1442-8903.4.s.4.x",
            ("Parkes David", 2003, "Ecological Management & Restoration", "4", "S29", "10.1046/j.1442-8903.4.s.4.x"),
        ),
        (
            "Gadhavi M. K., 2015, J MAR BIOL OCEANOGR, V6, P3, DOI [10.4172/2324- 8661.1000180, DOI 10.4172/2324-8661.1000180]",
            ("Gadhavi M. K.", 2015, "J MAR BIOL OCEANOGR", "6", "3", "10.4172/2324-8661.1000180"),
        ),
        ("BREVIK I, 1970, MAT FYS MEDD DAN VID, V37", ("BREVIK I", 1970, "MAT FYS MEDD DAN VID", "37", None, None)),
        ("Enemark S., 2014, FIT FOR PURPOSE LAND", ("Enemark S.", 2014, "FIT FOR PURPOSE LAND", None, None, None)),
        ("JAMES RP, 1968, THESIS STANFORD U", ("JAMES RP", 1968, "THESIS STANFORD U", None, None, None)),
        ("MAC ARTHUR ROBERT H., 1967", ("MAC ARTHUR ROBERT H.", 1967, None, None, None, None)),
        ("[No title captured]", (None, None, None, None, None, None)),
        ("", (None, None, None, None, None, None)),
    ],
)
def test_parse_wos_reference(raw, expected):
    parsed = parse_wos_reference(raw)
    assert parsed["raw"] == raw
    assert _fields(parsed) == expected


def test_key_unifies_spelling_variants():
    a = parse_wos_reference("Costanza R, 1997, NATURE, V387, P253")
    b = parse_wos_reference("COSTANZA R., 1997, Nature, V387, p253")
    c = parse_wos_reference("Costanza RA, 1997, NATURE, V387, P253")
    assert reference_key(a) == reference_key(b) == reference_key(c) == "COSTANZA|1997|NATURE|387|253"
    d = parse_wos_reference("Costanza R, 1998, NATURE, V387, P253")
    assert reference_key(d) != reference_key(a)


def test_key_prefers_doi_lower_case():
    a = parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253A0")
    b = parse_wos_reference("COSTANZA R, 1997, NATURE-LONDON, V387, P253, DOI [10.1038/387253a0, 10.1038/other]")
    assert reference_key(a) == reference_key(b) == "doi:10.1038/387253a0"


def test_key_of_unidentifiable_reference_is_empty():
    assert reference_key(parse_wos_reference("[No title captured]")) == ""
    assert (
        reference_key(parse_wos_reference("[Anonymous], 2001, [No title captured]")) == ""
    )  # a year alone names nothing
    assert reference_key(parse_wos_reference("[Anonymous], BETON")) == "||BETON||"


def test_multi_word_surnames_and_group_authors():
    assert (
        reference_key(parse_wos_reference("van der Heide T, 2007, ECOSYSTEMS, V10, P1311"))
        == "VAN DER HEIDE|2007|ECOSYSTEMS|10|1311"
    )
    assert reference_key(parse_wos_reference("*IPCC, 2007, CLIM CHANG 2007 PHYS")) == "IPCC|2007|CLIM CHANGE 2007 PHY||"


# ---- GB/T 7714 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.",
            ("谢高地", 2015, "资源科学", "37", "1740", None),
        ),
        (
            "[2]Costanza R,d'Arge R,de Groot R,et al.The value of the world's ecosystem services and natural capital[J].Nature,1997,387(6630):253-260.",
            ("Costanza R", 1997, "Nature", "387", "253", None),
        ),
        ("[3]张三.生态补偿研究[D].北京:北京林业大学,2010.", ("张三", 2010, "北京林业大学", None, None, None)),
        ("[4]李四.生态经济学[M].北京:科学出版社,2005:12-15.", ("李四", 2005, "科学出版社", None, "12", None)),
        (
            "欧阳志云,王如松.生态系统服务功能[J].应用生态学报,1999,(5):635-640.",
            ("欧阳志云", 1999, "应用生态学报", None, "635", None),
        ),
        (
            "［5］高吉喜．生态资产资本化［J］．环境保护，2016，44（15）：25-28．",
            ("高吉喜", 2016, "环境保护", "44", "25", None),
        ),
        (
            "[6]Daily G C.Nature's services[M].Washington DC:Island Press,1997.",
            ("Daily G C", 1997, "Island Press", None, None, None),
        ),
        (
            "[7]王金南,刘桂环.生态补偿机制[J].环境科学研究,2006,19(1):1-10.DOI:10.13198/J.ISSN.1001-6929.2006.01.1.",
            ("王金南", 2006, "环境科学研究", "19", "1", "10.13198/j.issn.1001-6929.2006.01.1"),
        ),
    ],
)
def test_parse_gbt7714_reference(raw, expected):
    assert _fields(parse_gbt7714_reference(raw)) == expected


def test_gbt_and_wos_keys_agree_for_the_same_work():
    wos = parse_wos_reference("Costanza R, 1997, NATURE, V387, P253")
    gbt = parse_gbt7714_reference(
        "[2]Costanza R,d'Arge R.The value of the world's ecosystem services[J].Nature,1997,387(6630):253-260."
    )
    assert reference_key(wos) == reference_key(gbt)


# ---- the table ------------------------------------------------------------------------------------


def test_references_table_on_real_exports(shared_corpora):
    corpus = litkit.read(
        [
            shared_corpora / "wos-plaintext-bibliometrix-fixture",
            shared_corpora / "wos-plaintext-metaknowledge/testFile.isi",
        ]
    )
    refs = corpus.references
    assert tuple(refs.columns) == TABLE_COLUMNS
    assert len(refs) == sum(len(v) for v in corpus.df["CR"]) == 252 + 883
    assert refs["record"].is_monotonic_increasing
    # every row points back at its citing record
    assert (refs["UT"].to_numpy() == corpus.df["UT"].to_numpy()[refs["record"].to_numpy()]).all()
    assert (refs["PY"].to_numpy() == corpus.df["PY"].to_numpy()[refs["record"].to_numpy()]).all()
    first = refs.iloc[2]
    assert (first["raw"], first["author"], first["year"], first["source"], first["doi"], first["key"]) == (
        "Aria M, 2017, J INFORMETR, V11, P959, DOI 10.1016/j.joi.2017.08.007",
        "Aria M",
        2017,
        "J INFORMETR",
        "10.1016/j.joi.2017.08.007",
        "doi:10.1016/j.joi.2017.08.007",
    )
    assert str(refs["year"].dtype) == "Int64" and str(refs["PY"].dtype) == "Int64"
    assert refs["year"].notna().mean() > 0.95


def test_references_table_lends_doi_to_doi_less_citation():
    df = Corpus.from_records(
        [
            {
                "UT": "WOS:1",
                "DB": "WoS",
                "PY": 2010,
                "CR": ["Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0"],
            },
            {
                "UT": "WOS:2",
                "DB": "WoS",
                "PY": 2012,
                "CR": ["COSTANZA R, 1997, NATURE, V387, P253", "Daily GC, 1997, NATURES SERVICES"],
            },
        ]
    ).df
    refs = references_table(df)
    assert refs["key"].tolist() == [
        "doi:10.1038/387253a0",
        "doi:10.1038/387253a0",
        "DAILY|1997|NATURES SERV||",
    ]  # source J9-style in keys
    assert refs["doi"].tolist()[:2] == ["10.1038/387253a0", None]  # the parsed DOI itself is not invented
    assert refs["record"].tolist() == [0, 1, 1]
    assert refs["PY"].tolist() == [2010, 2012, 2012]


def test_ambiguous_bibliographic_key_is_not_given_a_doi():
    df = Corpus.from_records(
        [
            {"UT": "WOS:1", "DB": "WoS", "CR": ["Smith J, 2000, ECOL ECON, V1, P1, DOI 10.1/a"]},
            {"UT": "WOS:2", "DB": "WoS", "CR": ["Smith J, 2000, ECOL ECON, V1, P1, DOI 10.1/b"]},
            {"UT": "WOS:3", "DB": "WoS", "CR": ["Smith J, 2000, ECOL ECON, V1, P1"]},
        ]
    ).df
    assert references_table(df)["key"].tolist() == ["doi:10.1/a", "doi:10.1/b", "SMITH|2000|ECOL ECON|1|1"]


def test_references_table_dispatches_by_database():
    cnki_ref = "[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746."
    scopus_ref = "Costanza R., The value of the world's ecosystem services, Nature, 387, pp. 253-260, (1997)"
    df = Corpus.from_records(
        [
            {"UT": "CNKI:1", "DB": "CNKI", "PY": 2020, "CR": [cnki_ref]},
            {"UT": "WOS:1", "DB": "WoS", "PY": 2021, "CR": ["Costanza R, 1997, NATURE, V387, P253"]},
            {"UT": "2-s2.0-1", "DB": "Scopus", "PY": 2022, "CR": [scopus_ref]},
            {"UT": "WOS:2", "DB": "WoS", "PY": 2021, "CR": []},
        ]
    ).df
    refs = references_table(df)
    assert refs["DB"].tolist() == ["CNKI", "WoS", "Scopus"]
    assert refs.loc[0, "source"] == "资源科学" and refs.loc[0, "key"] == "谢高地|2015|资源科学|37|1740"
    assert refs.loc[1, "key"] == "COSTANZA|1997|NATURE|387|253"
    assert refs.loc[2, "raw"] == scopus_ref
    assert refs.loc[2, "year"] == 1997


def test_references_table_of_corpus_without_references():
    df = Corpus.from_records([{"UT": "WOS:1", "DB": "WoS", "TI": "x"}]).df
    refs = references_table(df)
    assert tuple(refs.columns) == TABLE_COLUMNS and len(refs) == 0
    assert len(references_table(pd.DataFrame())) == 0


def test_references_table_is_deterministic(shared_corpora):
    corpus = litkit.read(shared_corpora / "wos-plaintext-bibliometrix-fixture/wos_sample.txt")
    a, b = references_table(corpus.df), references_table(corpus.df.copy())
    pd.testing.assert_frame_equal(a, b)


# ---- robustness ---------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st

_REF_ALPHABET = st.sampled_from(
    list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789 ,.[]*:;()/-_生态产品")
    + [", ", ", V", ", P", ", DOI ", "DOI [", "10.", "1997", "[Anonymous]", "[J]", "[M]", "．", "，", "："]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_REF_ALPHABET, max_size=30).map("".join))
def test_parsers_never_fail_and_keep_raw(raw):
    for parse in (parse_wos_reference, parse_gbt7714_reference):
        parsed = parse(raw)
        assert parsed["raw"] == raw
        assert parsed["year"] is None or 1500 <= parsed["year"] <= 2099
        key = reference_key(parsed)
        assert isinstance(key, str)
        if parsed["doi"]:
            assert key == "doi:" + parsed["doi"] and parsed["doi"] == parsed["doi"].lower()


def test_merged_record_references_are_parsed_by_their_own_style():
    from litkit.corpus import Corpus

    df = Corpus.from_records(
        [
            {
                "UT": "WOS:1",
                "DB": "WoS;Scopus",
                "PY": 2020,
                "CR": [
                    "Costanza R, 1997, NATURE, V387, P253",
                    "Engel, S., Pagiola, S., Wunder, S., Designing payments for environmental services in theory "
                    "and practice (2008) Ecological Economics, 65 (4), pp. 663-674.",
                    "[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.",
                ],
            }
        ]
    ).df
    refs = references_table(df)
    assert refs["year"].tolist() == [1997, 2008, 2015]
    assert refs["author"].str.upper().str.startswith(("COSTANZA", "ENGEL", "谢高地")).all()
    assert refs["key"].tolist()[1] == "ENGEL|2008|ECOL ECON|65|663"


def test_reference_keys_agree_across_source_spellings():
    wos = parse_wos_reference("Engel S, 2008, ECOL ECON, V65, P663")
    full = dict(wos, source="Ecological Economics")
    iso = dict(wos, source="Ecol. Econ.")
    assert reference_key(wos) == reference_key(full) == reference_key(iso) == "ENGEL|2008|ECOL ECON|65|663"
