"""Term cleaning: normalisation, stop lists, thesauri, stemming, Chinese segmentation, phrases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import litkit
from litkit.text import (
    TermCleaner,
    Thesaurus,
    chinese_terms,
    english_phrases,
    keyword_stoplist,
    normalize_term,
    read_thesaurus,
    resolve_fields,
    segment,
    stem_key,
    surface_form,
    text_terms,
    word_stoplist,
)


@pytest.mark.parametrize(
    "raw, key",
    [
        ("Co‐word analysis", "co-word analysis"),  # U+2010 hyphen
        ("co – word  analysis", "co-word analysis"),  # en dash with spaces, doubled space
        ("ＣＯ２ emissions", "co2 emissions"),  # full-width letters and digits
        ("生态补偿；", "生态补偿"),  # full-width semicolon left by a bad split
        ("  Science Mapping. ", "science mapping"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # Unicode case folding, not lower()
    ],
)
def test_normalize_term(raw, key):
    assert normalize_term(raw) == key


def test_surface_form_keeps_case_and_data():
    assert surface_form("VOSviewer") == "VOSviewer"
    assert surface_form("<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_stemming_merges_plurals_only_for_latin_words():
    assert stem_key("ecosystem services") == stem_key("ecosystem service")
    assert stem_key("carbon emissions") == stem_key("carbon emission")
    assert stem_key("生态补偿") == "生态补偿"
    assert stem_key("policy") != stem_key("police")


def test_stoplists():
    assert {"研究", "对策", "research"} <= keyword_stoplist()
    assert "ecosystem services" not in keyword_stoplist()
    en = word_stoplist("en")
    assert {"the", "of", "using", "results"} <= en
    assert {"的", "基于", "研究"} <= word_stoplist("zh")


VOS_THESAURUS = (
    "label\treplace by\nmapping of science\tscience mapping\nCitation Analyses\tcitation analysis\nelsevier\t\n"
)


def test_vosviewer_thesaurus_file(tmp_path):
    path = tmp_path / "thesaurus_terms.txt"
    path.write_text(VOS_THESAURUS, encoding="utf-8")
    t = read_thesaurus(path)
    assert t.lookup("MAPPING OF SCIENCE") == "science mapping"
    assert t.lookup("citation analyses") == "citation analysis"
    assert t.lookup("Elsevier") == ""  # empty replacement removes the term
    assert t.lookup("bibliometrics") is None
    assert t.sources == [str(path)]


def test_vosviewer_thesaurus_row_without_tab_is_an_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("label\treplace by\nno tab here\n", encoding="utf-8")
    with pytest.raises(litkit.LitkitError) as err:
        read_thesaurus(path)
    assert "line 2" in str(err.value) or getattr(err.value, "line", None) == 2


def test_semicolon_table_and_combination():
    t = Thesaurus.from_text("# comment\nPES;payments for ecosystem services;payment for ecosystem services\nfoo;\n")
    assert t.lookup("pes") == "payment for ecosystem services"
    assert t.lookup("Payments for Ecosystem Services") == "payment for ecosystem services"
    assert t.lookup("foo") == ""
    both = t | Thesaurus.from_text("pes;PES")
    assert both.lookup("pes") == "PES"


def test_cleaner_reproduces_reference_cleaning():
    """The raw keywords of the reference example clean to its 'keywords' lists."""
    # Snowball stems "analyses" to "analys" but "analysis" to "analysi": that merge needs the thesaurus.
    cleaner = TermCleaner(
        stoplist=None,
        stem=True,
        thesaurus={"mapping of science": "science mapping", "citation analyses": "citation analysis"},
    )
    raw = [
        ["Bibliometrics", "citation analysis", "Co-word analysis", "science mapping"],
        ["bibliometrics", "Science Mapping", "VOSviewer"],
        ["Citation Analysis", "BIBLIOMETRICS", "citation analyses"],
        ["Scientometric"],
        ["citation analysis", "Scientometrics", "mapping of science"],
    ]
    keys = [cleaner.clean_document(r) for r in raw]
    docs = [[cleaner.label(k) for k in doc] for doc in keys]
    assert len(keys[2]) == 2 and docs[2] == ["citation analysis", "bibliometrics"]
    assert keys[3] == [keys[4][1]]  # "Scientometric" and "Scientometrics" are one node
    assert docs[4][2] == "science mapping"


def test_cleaner_order_thesaurus_aliases_stoplist():
    cleaner = TermCleaner(
        stoplist=["default", "noise"],
        thesaurus={"old name": "noise", "eco products": "ecological products"},
        aliases=True,
    )
    assert cleaner.clean_document(["old name", "研究", "Research"]) == []
    keys = cleaner.clean_document(["生态产品", "eco products", "Ecological Products"])
    assert keys == ["生态产品"]  # one node: the alias table's label is the Chinese term
    assert cleaner.label("生态产品") == "生态产品"


def test_label_is_most_frequent_surface_form():
    cleaner = TermCleaner(stoplist=None)
    for doc in (["GIS"], ["GIS"], ["gis"], ["Gis"]):
        cleaner.clean_document(doc)
    assert cleaner.label("gis") == "GIS"
    tie = TermCleaner(stoplist=None)
    for doc in (["Land Use"], ["land use"]):
        tie.clean_document(doc)
    assert tie.label("land use") == "land use"  # ties prefer the lower-case form
    caps = TermCleaner(stoplist=None)
    caps.clean_document(["CCER", "GIS"])
    assert [caps.label(k) for k in ("ccer", "gis")] == ["CCER", "GIS"]  # author keywords keep their case


def test_keywords_plus_capitals_lowered_for_display():
    import pandas as pd

    from litkit.text import field_terms

    df = pd.DataFrame({"DE": [["GIS"]], "ID": [["ECOSYSTEM SERVICES", "CO2 EMISSIONS", "REDD+"]]})
    assert field_terms(df, ("DE", "ID")) == [["GIS", "ecosystem services", "CO2 emissions", "REDD+"]]


def test_jieba_keeps_domain_terms_whole():
    words = segment("生态产品价值实现机制研究：碳达峰、碳中和背景下的生态补偿")
    for term in ("生态产品价值实现", "碳达峰", "碳中和", "生态补偿"):
        assert term in words
    assert chinese_terms("基于生态补偿的研究", stopwords=word_stoplist("zh")) == ["生态补偿"]


def test_jieba_writes_no_cache_into_the_working_directory(tmp_path):
    """A fresh interpreter in a read-only working directory segments without errors or files."""
    workdir = tmp_path / "ro"
    workdir.mkdir()
    workdir.chmod(0o555)
    code = "from litkit.text import segment; print('|'.join(segment('碳达峰碳中和')))"
    env = {**os.environ, "PYTHONPATH": str(Path(litkit.__file__).parents[1])}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "碳达峰|碳中和"
    assert out.stderr == ""  # jieba's log lines are silenced
    assert list(workdir.iterdir()) == []


def test_english_phrases():
    text = (
        "Mapping the value of ecosystem services: evidence from urban wetlands in China, 2000-2020. "
        "Results showed significantly increased carbon sequestration."
    )
    phrases = english_phrases(text)
    assert "ecosystem services" in phrases and "urban wetlands" in phrases
    assert "carbon sequestration" in phrases
    assert not any(w in p.split() for p in phrases for w in ("the", "of", "showed", "significantly"))
    assert not any(ch.isdigit() for p in phrases for ch in p)
    assert english_phrases("one two three four five six", stopwords=set(), max_words=4) == []
    assert english_phrases("urban areas and areas") == ["urban areas"]


def test_text_terms_picks_language():
    assert text_terms("生态产品价值实现路径") == ["生态产品价值实现", "路径"]
    assert text_terms("Blue carbon markets") == ["blue carbon markets"]


def test_resolve_fields():
    assert resolve_fields("DE") == ("DE",)
    assert resolve_fields("tiab") == ("TI", "AB")
    assert resolve_fields(["DE", "ID", "DE"]) == ("DE", "ID")
    with pytest.raises(litkit.LitkitError, match="is not a term source"):
        resolve_fields("SO")
