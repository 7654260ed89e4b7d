"""Indicators on hand-worked examples: main information, h/g/m index, Lotka, Bradford, productivity tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from litkit import Corpus
from litkit.errors import LitkitError
from litkit.indicators import (
    bradford,
    bradford_zones,
    g_index,
    h_index,
    hindex,
    lotka,
    lotka_fit,
    m_index,
    most_cited,
    summary,
    top_authors,
    top_countries,
    top_institutions,
    top_sources,
)


def _corpus(rows):
    return Corpus.from_records([{"UT": f"R{i}", **row} for i, row in enumerate(rows)])


# A corpus worked by hand (the expected numbers below are computed on paper).
HAND = [
    {
        "PY": 2018,
        "SO": "Ecol Econ",
        "TC": 10,
        "AU": ["Li, X", "Wu, Y"],
        "DE": ["Ecosystem services", "GIS"],
        "ID": ["MODEL"],
        "CR": ["A 2001", "B 2002"],
    },
    {"PY": 2018, "SO": "ECOL ECON", "TC": 0, "AU": ["Li, X"], "DE": ["ecosystem  services"], "CR": ["A 2001"]},
    {"PY": 2020, "SO": "Nature", "TC": 5, "AU": ["Smith, J"], "ID": ["Model", "Value"], "CR": ["C 2003"]},
    {"PY": 2021, "SO": "Ecol, Econ", "AU": ["Wu, Y", "Smith, J", "Zhao, Q"]},
    {"PY": 2021, "SO": "Nature", "TC": 1, "AU": []},
    {"PY": 2021, "TC": 2, "AU": ["Smith J"]},
]


def test_summary_hand_worked():
    aff = pd.DataFrame({"record": [0, 0, 1, 2, 3, 3, 3], "country": ["CN", "US", "CN", "GB", "US", "US", ""]})
    got = dict(zip(*summary(_corpus(HAND), affiliations=aff).T.values))
    assert got["Timespan"] == "2018:2021"
    assert got["Sources"] == 2  # "Ecol Econ", "ECOL ECON", "Ecol, Econ" are one source; Nature
    assert got["Documents"] == 6
    # 2 records in 2018, 3 in 2021: (3/2)^(1/3) - 1
    assert got["Annual growth rate %"] == pytest.approx((1.5 ** (1 / 3) - 1) * 100)
    # as_of = 2021 (latest year); mean year = (2018*2 + 2020 + 2021*3) / 6 = 2019.8333...
    assert got["Document average age"] == pytest.approx(2021 - 12119 / 6)
    assert got["Average citations per document"] == pytest.approx(18 / 5)  # record 3 has no TC
    assert got["References"] == 3
    assert got["Keywords Plus (ID)"] == 2
    assert got["Author's keywords (DE)"] == 2
    assert got["Authors"] == 4  # "Smith, J" and "Smith J" are one author
    assert got["Author appearances"] == 8
    assert got["Authors of single-authored documents"] == 2  # LI X and SMITH J
    assert got["Single-authored documents"] == 3
    assert got["Co-authors per document"] == pytest.approx(8 / 6)
    assert got["International co-authorships %"] == pytest.approx(100 / 6)  # only record 0 (CN, US)


def test_international_share_reads_the_reprint_address_only_when_the_addresses_name_no_country():
    """bibliometrix's AU_CO (metaTagExtraction.R): C1 countries; RP countries only when C1 names none."""
    from litkit.indicators import top_countries

    aff = pd.DataFrame(
        {
            "record": [0, 0, 1, 1, 2, 2, 3, 4],
            "country": ["US", "GB", "US", "US", "DE", "FR", "CN", ""],
            "corresponding": [False, True, False, True, True, True, False, True],
            "source_field": ["C1", "RP", "C1", "RP", "RP", "RP", "Correspondence Address", "RP"],
        }
    )
    # 0: C1 in the US, reprint address in GB -> one country; 1: US and US -> one; 2: no C1, reprint addresses
    # in DE and FR -> two; 3: a Scopus correspondence address only -> one; 4: no country.
    got = dict(zip(*summary(_corpus(HAND), affiliations=aff).T.values))
    assert got["International co-authorships %"] == pytest.approx(100 * 1 / 6)
    table = top_countries(_corpus(HAND), aff).set_index("country")
    assert table.loc["GB", ["corresponding_articles", "SCP", "MCP"]].tolist() == [1, 1, 0]  # record 0, not MCP
    assert table.loc["DE", ["corresponding_articles", "SCP", "MCP"]].tolist() == [1, 0, 1]  # record 2
    assert table["MCP"].sum() == 1
    # Without source_field (a hand-made table) every row counts.
    plain = dict(zip(*summary(_corpus(HAND), affiliations=aff.drop(columns="source_field")).T.values))
    assert plain["International co-authorships %"] == pytest.approx(100 * 2 / 6)


def test_summary_as_of_and_single_year():
    assert dict(zip(*summary(_corpus(HAND), as_of=2031).T.values))["Document average age"] == pytest.approx(
        2031 - 12119 / 6
    )
    one_year = dict(zip(*summary(_corpus([{"PY": 2020}, {"PY": 2020}])).T.values))
    assert one_year["Annual growth rate %"] == 0.0
    assert one_year["Document average age"] == 0.0
    assert math.isnan(one_year["International co-authorships %"]) or one_year["International co-authorships %"] == 0


def test_summary_rejects_bad_input():
    with pytest.raises(LitkitError):
        summary([1, 2, 3])
    with pytest.raises(LitkitError):
        summary(_corpus(HAND), affiliations=pd.DataFrame({"record": [99], "country": ["CN"]}))
    with pytest.raises(LitkitError):
        summary(_corpus(HAND), affiliations=pd.DataFrame({"country": ["CN"]}))


@pytest.mark.parametrize(
    "cites, h, g",
    [
        ([], 0, 0),
        ([0, 0, 0], 0, 0),
        ([1], 1, 1),
        ([10, 8, 5, 4, 3], 4, 5),  # h: 4 papers >= 4; g: 30 >= 25 for the top 5
        ([25, 8, 5, 3, 3], 3, 5),  # h: 3rd has 5 >= 3, 4th has 3 < 4; g: top 5 sum 44 >= 25
        ([100, 0, 0, 0], 1, 4),  # g capped by the number of papers (100 >= 16)
        ([3, 3, 3], 3, 3),
        ([4, 4, 4, 0], 3, 3),  # g: 12 >= 9 but 12 < 16
    ],
)
def test_h_and_g_index_hand_worked(cites, h, g):
    assert h_index(cites) == h
    assert g_index(cites) == g
    assert h_index(reversed(cites)) == h  # order does not matter


def test_h_and_g_index_against_definition_on_random_lists():
    rng = np.random.default_rng(7)
    for _ in range(300):
        cites = rng.integers(0, 40, size=rng.integers(0, 25)).tolist()
        ranked = sorted(cites, reverse=True)
        h = max([k for k in range(len(ranked) + 1) if all(c >= k for c in ranked[:k])])
        g = max([k for k in range(len(ranked) + 1) if sum(ranked[:k]) >= k * k])
        assert (h_index(cites), g_index(cites)) == (h, g)


def test_m_index_hand_worked():
    assert m_index(4, 2015, 2024) == pytest.approx(0.4)
    assert m_index(3, 2024, 2024) == 3.0
    with pytest.raises(LitkitError):
        m_index(1, 2025, 2024)


def test_hindex_per_author_and_source_hand_worked():
    table = hindex(_corpus(HAND), as_of=2021)
    rows = {r.author: r for r in table.itertuples()}
    # Li X: TC 10, 0 -> h 1; g 2 (10 >= 2 * 2 with two papers), first 2018, m = 1/4
    assert (rows["Li, X"].h_index, rows["Li, X"].g_index, rows["Li, X"].TC, rows["Li, X"].NP) == (1, 2, 10, 2)
    assert rows["Li, X"].m_index == pytest.approx(1 / 4)
    # Smith J (both spellings): TC 5, 0 (missing), 2 -> h 2, g 2 (7 >= 4; 7 < 9), first 2020, m = 2/2
    smith = rows["Smith, J"]  # the more frequent of the two spellings
    assert (smith.h_index, smith.g_index, smith.TC, smith.NP, smith.PY_start) == (2, 2, 7, 3, 2020)
    assert smith.m_index == pytest.approx(1.0)
    assert table["h_index"].tolist() == sorted(table["h_index"], reverse=True)
    sources = hindex(_corpus(HAND), field="source", as_of=2021)
    eco = sources[sources["source"].str.upper().str.replace(",", "") == "ECOL ECON"].iloc[0]
    # ECOL ECON: TC 10, 0, missing (0) -> h 1; g 3 (10 >= 9)
    assert (eco.h_index, eco.g_index, eco.NP, eco.TC) == (1, 3, 3, 10)
    asked = hindex(_corpus(HAND), elements=["WU Y", "Nobody, A"], as_of=2021)
    assert asked.set_index("author").loc["Nobody, A", ["h_index", "NP"]].tolist() == [0, 0]
    recent = hindex(_corpus(HAND), as_of=2021, years=1)  # PY >= 2020 only
    assert "Li, X" not in set(recent["author"])
    with pytest.raises(LitkitError):
        hindex(_corpus(HAND), field="country")


def test_lotka_exact_inverse_square():
    fit = lotka_fit({1: 16, 2: 4, 4: 1})
    assert fit.beta == pytest.approx(2.0)
    assert fit.C == pytest.approx(16 / 21)
    assert fit.r2 == pytest.approx(1.0)
    assert fit.ks_statistic == pytest.approx(0.0)
    assert fit.p_value == pytest.approx(1.0)
    assert fit.table["theoretical"].tolist() == pytest.approx([16 / 21, 4 / 21, 1 / 21])


def _kolmogorov_sf(x: float) -> float:
    return 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * x * x) for k in range(1, 200))


def test_lotka_fit_by_hand_least_squares_and_ks():
    table = {1: 10, 2: 2, 3: 1}
    fit = lotka_fit(table)
    total = 13
    xs = [math.log10(x) for x in table]
    ys = [math.log10(n / total) for n in table.values()]
    mx, my = sum(xs) / 3, sum(ys) / 3
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sxy / sxx
    intercept = my - slope * mx
    r2 = sxy * sxy / (sxx * sum((y - my) ** 2 for y in ys))
    assert fit.beta == pytest.approx(-slope)
    assert fit.C == pytest.approx(10**intercept)
    assert fit.r2 == pytest.approx(r2)
    observed = [n / total for n in table.values()]
    norm = 1 + 1 / 4 + 1 / 9
    theory = [1 / norm, 1 / 4 / norm, 1 / 9 / norm]  # x**-2 normalised over x = 1, 2, 3
    beta = -slope
    fitted = [x**-beta / sum(y**-beta for y in table) for x in table]
    assert fit.table["theoretical"].tolist() == pytest.approx(theory)
    assert fit.table["fitted"].tolist() == pytest.approx(fitted)

    def ks(a, b):
        return max(abs(sum(o <= v for o in a) / 3 - sum(t <= v for t in b) / 3) for v in a + b)

    assert fit.ks_statistic == pytest.approx(ks(observed, theory))
    assert fit.p_value == pytest.approx(_kolmogorov_sf(math.sqrt(9 / 6) * ks(observed, theory)))
    assert fit.ks_fit_statistic == pytest.approx(ks(observed, fitted))
    assert fit.ks_fit_p_value == pytest.approx(_kolmogorov_sf(math.sqrt(9 / 6) * ks(observed, fitted)))


def test_lotka_on_corpus_counts_records_per_author():
    fit = lotka(_corpus(HAND))
    # Li X 2, Wu Y 2, Smith J 3, Zhao Q 1 -> {1: 1, 2: 2, 3: 1}
    assert fit.table[["articles", "authors"]].values.tolist() == [[1, 1], [2, 2], [3, 1]]
    assert fit.parameters()["parameter"].tolist() == [
        "beta",
        "C",
        "r2",
        "ks_statistic",
        "p_value",
        "ks_fit_statistic",
        "ks_fit_p_value",
    ]
    single = lotka_fit({1: 5})  # every author wrote one paper: no line, no test (bibliometrix: NA)
    assert all(math.isnan(v) for v in single.parameters()["value"])
    with pytest.raises(LitkitError):
        lotka_fit({0: 3})
    with pytest.raises(LitkitError):
        lotka(_corpus([{"PY": 2020}]))


def test_bradford_zones_hand_worked():
    # 30 articles: 0.33 N = 9.9, 0.67 N = 20.1.
    # cum: A 10 (>= 9.9: a = 0 + 1 = 1), B 16, C 20, D 23 (first >= 20.1: b = 3 + 1 = 4), E..H
    counts = {"A": 10, "B": 6, "C": 4, "D": 3, "E": 3, "F": 2, "G": 1, "H": 1}
    table = bradford_zones(counts)
    assert table["source"].tolist() == list("ABCDEFGH")
    assert table["cum_articles"].tolist() == [10, 16, 20, 23, 26, 28, 29, 30]
    assert table["zone"].tolist() == [1, 2, 2, 2, 3, 3, 3, 3]
    # ties ranked by name
    assert bradford_zones({"b": 1, "a": 1, "c": 1})["source"].tolist() == ["a", "b", "c"]
    # one source holds everything
    assert bradford_zones({"only": 5})["zone"].tolist() == [1]
    with pytest.raises(LitkitError):
        bradford_zones({"x": 0})


def test_bradford_on_corpus_and_zone_shares():
    table = bradford(_corpus(HAND))
    # sources: ECOL ECON 3, Nature 2 -> 5 articles; cum 3 >= 1.65 -> core is ECOL ECON; 5 >= 3.35 -> b = 2
    assert table["articles"].tolist() == [3, 2]
    assert table["zone"].tolist() == [1, 2]


def test_productivity_tables_hand_worked():
    authors = top_authors(_corpus(HAND))
    # "Smith, J" (twice) and "Smith J" (once) are one author, labelled with the more frequent spelling.
    assert authors["author"].tolist() == ["Smith, J", "Li, X", "Wu, Y", "Zhao, Q"]
    assert authors["articles"].tolist() == [3, 2, 2, 1]
    assert authors["articles_fractionalized"].tolist() == pytest.approx([1 + 1 / 3 + 1, 1.5, 0.5 + 1 / 3, 1 / 3])
    assert top_authors(_corpus(HAND), top=2)["articles"].tolist() == [3, 2]
    sources = top_sources(_corpus(HAND))
    assert sources["articles"].tolist() == [3, 2]
    aff = pd.DataFrame(
        {
            "record": [0, 0, 0, 1, 2, 3],
            "institution": ["Peking Univ", "PEKING  UNIV", "MIT", "Peking Univ", "Oxford Univ", ""],
            "country": ["CN", "CN", "US", "CN", "GB", "US"],
            "corresponding": [False, True, False, True, False, False],
        }
    )
    inst = top_institutions(_corpus(HAND), aff)
    assert inst["articles"].tolist() == [2, 1, 1]
    assert inst["articles_fractionalized"].tolist() == pytest.approx([1.5, 1.0, 0.5])
    # WoS C3 rows repeat C1's organisations under other names: skipped by default
    with_c3 = pd.concat(
        [
            aff.assign(source_field="C1"),
            pd.DataFrame(
                {"record": [0], "institution": ["Peking University"], "country": [""], "source_field": ["C3"]}
            ),
        ],
        ignore_index=True,
    )
    assert top_institutions(_corpus(HAND), with_c3).equals(inst)
    everything = top_institutions(_corpus(HAND), with_c3, skip_fields=())
    assert "Peking University" in set(everything["institution"])
    assert everything.set_index("institution").loc["Peking Univ", "articles_fractionalized"] == pytest.approx(1 / 3 + 1)
    countries = top_countries(_corpus(HAND), aff).set_index("country")
    assert countries.loc["CN", ["articles", "corresponding_articles", "SCP", "MCP"]].tolist() == [2, 2, 1, 1]
    assert countries.loc["US", ["articles", "corresponding_articles", "SCP", "MCP"]].tolist() == [2, 1, 1, 0]
    assert countries.loc["CN", "articles_fractionalized"] == pytest.approx(1.5)
    assert countries.loc["CN", "MCP_ratio"] == pytest.approx(0.5)


def test_most_cited_hand_worked():
    table = most_cited(_corpus(HAND), as_of=2021)
    assert table["UT"].tolist() == ["R0", "R2", "R5", "R4", "R1", "R3"]  # TC 10, 5, 2, 1, 0, missing last
    first = table.iloc[0]
    assert first["TC_per_year"] == pytest.approx(10 / 4)
    assert first["NTC"] == pytest.approx(10 / 5)  # 2018 mean TC = (10 + 0) / 2
    assert first["document"] == "Li, X, 2018, Ecol Econ"
    r5 = table.set_index("UT").loc["R5"]
    assert r5["NTC"] == pytest.approx(2 / 1.5)  # 2021 with TC: 1 and 2
    assert pd.isna(table.set_index("UT").loc["R3", "TC_per_year"])
    assert len(most_cited(_corpus(HAND), top=2)) == 2


def test_affiliation_tables_default_to_litkit_affiliations():
    # Without an affiliations table the indicators compute litkit.affiliations(corpus) themselves.
    import litkit

    corpus = _corpus(HAND)
    given = litkit.affiliations(corpus)
    pd.testing.assert_frame_equal(top_countries(corpus), top_countries(corpus, affiliations=given))
    pd.testing.assert_frame_equal(summary(corpus), summary(corpus, affiliations=given))


def test_labels_are_deterministic_for_equally_frequent_spellings():
    c = _corpus([{"AU": ["Li, X"]}, {"AU": ["LI X"]}])
    # one author, two spellings once each: the alphabetically first ("I" sorts before "i") is the label
    assert top_authors(c).values.tolist() == [["LI X", 2, 2.0]]
    assert top_authors(c).equals(top_authors(_corpus([{"AU": ["LI X"]}, {"AU": ["Li, X"]}])))


@pytest.mark.parametrize("module", ["_summary", "productivity", "_hindex", "_lotka", "_bradford"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"litkit.indicators.{module}"), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_empty_and_bare_corpora_give_empty_tables_not_errors():
    empty = Corpus.from_records([])
    got = dict(zip(*summary(empty, affiliations=pd.DataFrame({"record": [], "country": []})).T.values))
    assert got["Documents"] == 0 and got["Authors"] == 0 and got["Timespan"] is None
    assert math.isnan(got["Co-authors per document"]) and math.isnan(got["International co-authorships %"])
    for table in (top_authors(empty), top_sources(empty), most_cited(empty), hindex(empty), bradford(empty)):
        assert table.empty
    bare = _corpus([{}])  # one record with nothing but an id
    got = dict(zip(*summary(bare).T.values))
    assert (got["Documents"], got["Author appearances"], got["Co-authors per document"]) == (1, 0, 0.0)
    assert math.isnan(got["Average citations per document"]) and math.isnan(got["Document average age"])
    with pytest.raises(LitkitError):
        hindex(bare, years=5)  # no year to count back from
