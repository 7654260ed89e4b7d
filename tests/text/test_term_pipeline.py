"""One term-cleaning pipeline (issue 22): term keys, plural/singular merging, hyphen and space
variants, Chinese variants, whole-term segmentation, and the same item in every keyword analysis."""

from __future__ import annotations

import re
from itertools import combinations

import pandas as pd
import pytest
from helpers.paths import MERGED_REAL_EXPORTS

import litkit
from litkit.bursts import item_events, normalise_keyword
from litkit.corpus import Corpus
from litkit.errors import LitkitError
from litkit.text import (
    TermCleaner,
    ZhVariants,
    corpus_terms,
    normalize_term,
    segment,
    singularize,
    surface_form,
    term_key,
    zh_variants,
)
from litkit.text.chinese import corpus_dictionary, tokenizer
from litkit.timelines import keyword_timeline, thematic_evolution, thematic_map, time_zone


# ---- singular and plural ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "plural, singular",
    [
        ("policies", "policy"),
        ("emissions", "emission"),
        ("savings", "saving"),
        ("services", "service"),
        ("buildings", "building"),
        ("indicators", "indicator"),
        ("processes", "process"),
        ("approaches", "approach"),
        ("boxes", "box"),
        ("analyses", "analysis"),
        ("hypotheses", "hypothesis"),
        ("criteria", "criterion"),
        ("indices", "index"),
        ("leaves", "leaf"),
        ("curves", "curve"),
        ("niches", "niche"),
        ("heroes", "hero"),
        ("responses", "response"),
        ("viruses", "virus"),
        ("gases", "gas"),
        ("sdgs", "sdg"),
        ("characteristics", "characteristic"),
    ],
)
def test_singularize_plural_forms(plural, singular):
    assert singularize(plural) == singular
    assert singularize(singular) == singular  # a singular stays what it is


@pytest.mark.parametrize(
    "word",
    ["analysis", "species", "series", "gas", "news", "physics", "economics", "status", "process", "bias", "data"]
    + ["media", "dynamics", "bibliometrics", "metabolomics", "gis", "pes", "aids", "lens", "chaos", "various"]
    + ["multispecies", "subspecies", "macrobenthos", "biogas", "syngas", "rhinoceros"],
)
def test_words_that_only_look_plural_stay(word):
    assert singularize(word) == word


@pytest.mark.parametrize(
    "a, b",
    [
        ("co2 emissions", "CO2 emission"),
        ("Carbon emissions", "Carbon emission"),
        ("energy saving", "Energy savings"),
        ("Residential buildings", "Residential building"),
        ("Land use change", "land-use change"),
        ("Ecosystem services", "ecosystem service"),
        ("Co–Word Analysis；", "coword analysis"),
        ("co word analysis", "co-word analysis"),
        ("hot-spots", "Hotspot"),
        ("multi-objective optimization", "multiobjective optimization"),
        ("Payments for ecosystem services", "payment for ecosystem service"),
        ("meta-analyses", "Meta-analysis"),
        ("ＣＯ２ emissions", "co2 emission"),
    ],
)
def test_term_key_meets_variants(a, b):
    assert term_key(a) == term_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("policy", "police"),
        ("species", "specie"),
        ("economics", "economic"),
        ("united states", "united state"),
        ("news", "new"),
        ("social media", "social medium"),
        ("生态补偿", "生态补偿机制"),
    ],
)
def test_term_key_keeps_different_terms_apart(a, b):
    assert term_key(a) != term_key(b)


def test_merge_plurals_off_keeps_plurals_and_keys_ignore_the_corpus():
    assert term_key("co2 emissions", merge_plurals=False) != term_key("co2 emission", merge_plurals=False)
    assert term_key("land-use change", merge_plurals=False) == "land use change"
    # A key depends on the term alone: two cleaners fed different corpora in different orders agree.
    docs = [["CO2 emissions", "Land-use change"], ["co2 emission", "Hot-spots"], ["hotspot", "land use changes"]]
    one, two = TermCleaner(), TermCleaner()
    first = one.clean_documents(docs)
    second = two.clean_documents(docs[::-1])[::-1]
    assert first == second
    assert {k for d in first for k in d} == {"co2 emission", "land use change", "hotspot"}
    for raw in ["CO2 emissions", "Hot-spots", "Land-use change"]:
        assert one.key(raw) == term_key(raw)


def test_label_is_the_most_frequent_surface_form_and_params_record_the_pipeline():
    cleaner = TermCleaner()
    cleaner.clean_documents([["CO2 emissions"], ["CO2 emissions"], ["co2 emission"], ["CO2-emissions"]])
    assert cleaner.label("co2 emission") == "CO2 emissions"
    params = cleaner.params()
    assert params["merge_plurals"] is True and params["zh_variants"] is False
    off = TermCleaner(merge_plurals=False)
    assert off.clean_document(["CO2 emissions", "CO2 emission"]) == ["co2 emissions", "co2 emission"]
    assert off.params()["merge_plurals"] is False


def test_thesaurus_and_stoplist_rows_also_match_by_key():
    cleaner = TermCleaner(stoplist=["research methods"], thesaurus={"carbon dioxide emissions": "CO2 emissions"})
    assert cleaner.clean_document(["Carbon dioxide emission", "Research method"]) == ["co2 emission"]
    assert cleaner.label("co2 emission") == "CO2 emissions"  # the thesaurus's form


def test_stem_stays_the_stronger_option():
    stemmed = TermCleaner(stem=True)
    assert stemmed.key("ecological modelling") == stemmed.key("ecological models")
    assert TermCleaner().key("ecological modelling") != TermCleaner().key("ecological models")


def test_surface_form_keeps_a_closed_bracket():
    assert surface_form("虚拟现实(VR)") == "虚拟现实(VR)"
    assert surface_form("(GIS)") == "GIS"
    assert surface_form("REDD(+)") == "REDD(+)"
    assert normalize_term("Co–Word Analysis；") == "co-word analysis"


# ---- Chinese variants ----------------------------------------------------------------------------
def test_zh_variants_merge_the_four_forms_of_one_concept():
    docs = [
        ["VR", "用户体验"],
        ["VR技术"],
        ["虚拟现实"],
        ["虚拟现实技术", "设计方法"],
        ["虚拟现实(VR)"],
        ["AR技术", "增强现实"],
    ]
    off = TermCleaner().clean_documents(docs)
    assert len({k for d in off[:5] for k in d if k != "用户体验" and k != "设计方法"}) == 5
    cleaner = TermCleaner(zh_variants=True)
    on = cleaner.clean_documents(docs)
    assert [d[0] for d in on[:5]] == ["虚拟现实"] * 5
    assert cleaner.label("虚拟现实") == "虚拟现实"
    assert on[3] == ["虚拟现实", "设计方法"]  # 设计 is not a keyword of the corpus: 设计方法 stays
    assert on[5] == ["增强现实"]  # AR -> 增强现实 by the table, and its 技术 form with it
    assert TermCleaner(zh_variants=True).clean_documents([["AR技术"]]) == [["ar技术"]]  # no bare term: kept
    params = cleaner.params()["zh_variants"]
    assert params["table"] == "litkit/data/zh_variants.csv" and params["suffixes"] == ["技术", "方法", "模式"]
    assert params["rows"]["vr"] == "虚拟现实"


def test_zh_variants_suffix_needs_the_bare_term_in_the_corpus():
    z = ZhVariants().fit(["交互", "增强现实技术"])
    assert z.canonical("交互技术") == "交互"
    assert z.canonical("增强现实技术") == "增强现实技术"  # 增强现实 itself never occurs
    assert zh_variants().lookup("ar") == "增强现实"


# ---- jieba with the corpus's keywords -------------------------------------------------------------
def test_corpus_keywords_are_kept_whole_and_the_shared_tokenizer_never_changes():
    title = "基于混合现实的数字孪生车间调度智能管理系统设计与实现"
    assert "混合" in segment(title)  # jieba's own dictionary cuts 混合现实
    words = corpus_dictionary(pd.DataFrame({"DE": [["混合现实", "数字孪生"], None], "ID": [[], ["VR"]]}))
    assert words == {"混合现实", "数字孪生"}
    cut = segment(title, dictionary=words)
    assert "混合现实" in cut and "数字孪生" in cut and "混合" not in cut
    assert tokenizer().FREQ.get("混合现实") is None  # the shared tokenizer is never changed
    assert "混合" in segment(title)


# ---- the same item everywhere --------------------------------------------------------------------
def _variant_corpus():
    spellings = ["Co–Word Analysis；", "co-word analysis", "Co-word analyses", "coword analysis"]
    records = []
    for i in range(16):
        de = [
            spellings[i % 4],
            "Science Mapping" if i % 2 else "science mapping",
            "CO2 emissions" if i < 8 else "bursts",
        ]
        records.append({"UT": f"R:{i}", "PY": 2010 + i, "DE": de})
    return Corpus.from_records(records)


def test_a_keyword_is_one_item_in_every_analysis():
    corpus = _variant_corpus()
    net = litkit.cooccurrence(corpus, min_occurrence=1, top_n=None, with_layout=False)
    keys = set(net.keywords["term"])
    assert keys == {"coword analysis", "science mapping", "co2 emission", "burst"}
    assert dict(zip(net.keywords["term"], net.keywords["occurrences"]))["coword analysis"] == 16
    assert set(item_events(corpus, kind="keyword")["item"]) == keys
    assert normalise_keyword("Co–Word Analysis；") == "coword analysis"
    assert set(time_zone(corpus, min_occurrences=1, top=None).nodes["keyword"]) == keys
    assert set(keyword_timeline(corpus, min_occurrences=1, top=None)["keyword"]) == keys
    assert set(thematic_map(corpus, min_occurrences=1, top=None).keywords["keyword"]) == keys
    evolution = thematic_evolution(corpus, [(2010, 2017), (2018, 2025)], min_occurrences=1, top=None)
    assert set().union(*(set(m.keywords["keyword"]) for m in evolution.maps)) == keys
    # merge_plurals=False keeps "Co-word analyses" and "science maps" apart, in every analysis alike
    off = litkit.cooccurrence(corpus, min_occurrence=1, top_n=None, with_layout=False, merge_plurals=False)
    assert set(off.keywords["term"]) == {
        "coword analysis",
        "coword analyses",
        "science mapping",
        "co2 emissions",
        "bursts",
    }
    assert net.params["merge_plurals"] and not off.params["merge_plurals"]
    zone_off = time_zone(corpus, min_occurrences=1, top=None, merge_plurals=False)
    assert set(zone_off.nodes["keyword"]) == set(off.keywords["term"])


def test_corpus_terms_errors():
    with pytest.raises(LitkitError, match="no column"):
        corpus_terms(pd.DataFrame({"DE": [["a"]]}), "ID")


# ---- real exports --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real_corpus(shared_corpora, expected_counts):
    corpus = litkit.merge(litkit.read([shared_corpora / name for name in MERGED_REAL_EXPORTS], progress=False))
    assert sum(expected_counts[name] for name in MERGED_REAL_EXPORTS) == 1597
    assert len(corpus) == 1597  # no record of these six exports describes the same paper as another
    return corpus


def _near_duplicates(labels) -> list[tuple[str, str]]:
    """Pairs of labels that differ only by case, hyphens, spaces or a plural ending (brute force)."""

    def bare(label):
        return re.sub(r"[\s\-]", "", label.casefold())

    def plural_of(a, b):
        return a in (b + "s", b + "es") or (b.endswith("y") and a == b[:-1] + "ies")

    out = []
    for a, b in combinations(labels, 2):
        x, y = bare(a), bare(b)
        if x == y or plural_of(x, y) or plural_of(y, x):
            out.append((a, b))
    return out


def test_real_map_has_no_labels_differing_only_by_case_plural_hyphen_or_space(real_corpus):
    net = litkit.cooccurrence(real_corpus, with_layout=False)
    assert len(net) == 200
    assert _near_duplicates(net.keywords["keyword"].tolist()) == []
    before = litkit.cooccurrence(real_corpus, with_layout=False, merge_plurals=False)
    pairs = {frozenset(p) for p in _near_duplicates(before.keywords["keyword"].tolist())}
    # what the issue saw: separate plural and singular nodes when plurals are not merged
    assert {frozenset({"CO2 emission", "co2 emissions"}), frozenset({"Carbon emission", "Carbon emissions"})} <= pairs
    assert {frozenset({"Energy savings", "energy saving"})} <= pairs


def test_real_keys_agree_between_map_bursts_and_timelines(real_corpus):
    net = litkit.cooccurrence(real_corpus, min_occurrence=2, top_n=None, with_layout=False)
    occurrences = dict(zip(net.keywords["term"], net.keywords["occurrences"]))
    dated = Corpus(real_corpus.df[pd.to_numeric(real_corpus.df["PY"], errors="coerce").notna()].reset_index(drop=True))
    zone = time_zone(dated, min_occurrences=2, top=None).nodes
    assert len(zone) > 300
    if len(dated) == len(real_corpus):
        assert dict(zip(zone["keyword"], zone["occurrences"])) == occurrences
    else:
        assert set(zone["keyword"]) <= set(occurrences)
    events = item_events(real_corpus, kind="keyword")
    per_item = events.drop_duplicates(["record", "item"])["item"].value_counts()
    assert set(per_item[per_item >= 2].index) <= set(occurrences)
    assert set(thematic_map(real_corpus, min_occurrences=2, top=None).keywords["keyword"]) <= set(occurrences)


def test_real_cnki_cluster_labels_are_whole_terms_and_variants_merge(shared_corpora):
    corpus = litkit.read(shared_corpora / "cnki-refworks" / "CNKI.txt", progress=False)
    keywords = {surface_form(k) for v in corpus.df["DE"] for k in (v if v is not None else [])}
    net = litkit.cooccurrence(corpus, with_layout=False)
    candidates = [t for s in net.clusters["label_terms"] for t in s.split("; ") if t] + list(net.clusters["label"])
    fragments = [t for t in candidates if t not in keywords and any(t in k and t != k for k in keywords)]
    assert "混合" not in candidates and fragments == []
    # mixed reality is named by a whole term (混合现实, or 混合现实技术 with the best-of-ten-starts clusters)
    assert any(t.startswith("混合现实") for t in candidates)
    merged = litkit.cooccurrence(corpus, with_layout=False, zh_variants=True)
    terms = set(merged.keywords["term"])
    assert "虚拟现实" in terms and not terms & {"vr", "vr技术", "虚拟现实技术", "增强现实技术", "ar技术"}
    plain = set(net.keywords["term"])
    assert {"vr", "vr技术", "虚拟现实", "虚拟现实技术"} <= plain  # four nodes without the thesaurus
    occ = dict(zip(merged.keywords["term"], merged.keywords["occurrences"]))
    before = dict(zip(net.keywords["term"], net.keywords["occurrences"]))
    assert occ["虚拟现实"] >= max(before["虚拟现实"], before["虚拟现实技术"])
    assert merged.params["zh_variants"]["rows"]["vr"] == "虚拟现实"
