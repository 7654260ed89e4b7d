"""The term pipeline's shortcuts (issue 23) change no result.

* :func:`litkit.text.field_terms` analyses each distinct title once: the same terms as
  :func:`litkit.text.text_terms` record by record;
* :func:`litkit.text.reuse_terms` returns the first result for the same frame and options inside its
  block only, and a different result for other options;
* :func:`litkit.text.chinese.corpus_dictionary` (distinct keywords normalised once) equals the
  keyword-by-keyword definition.
"""

from __future__ import annotations

import pandas as pd

import litkit
from litkit.text import corpus_terms, field_terms, reuse_terms, surface_form, text_terms
from litkit.text.chinese import corpus_dictionary, has_cjk

TITLES = [
    "Mapping the ecosystem services of urban green spaces: a review",
    "Urban green space and ecosystem service supply in compared cities",
    "Mapping the ecosystem services of urban green spaces: a review",  # repeated
    "生态系统服务价值评估研究",
    None,
    "生态系统服务价值评估研究",  # repeated
    "Payments for ecosystem services: a bibliometric analysis",
]


def _frame():
    return pd.DataFrame(
        {
            "TI": TITLES,
            "DE": [
                ["Ecosystem services", "生态系统服务"],
                [],
                None,
                ["生态补偿；", "GIS"],
                ["ecosystem service"],
                [],
                ["PES"],
            ],
            "ID": [["URBAN GREEN SPACE"], None, [], ["ECOSYSTEM SERVICES"], [], ["生态系统服务价值"], []],
        }
    )


def test_field_terms_equals_text_terms_record_by_record():
    df = _frame()
    dictionary = corpus_dictionary(df)
    got = field_terms(df, ("DE", "TI", "ID"))
    expected = []
    for de, ti, kw in zip(df["DE"], df["TI"], df["ID"]):
        terms = list(de or [])
        if isinstance(ti, str):
            terms += text_terms(ti, dictionary=dictionary)
        terms += [litkit.text.terms.decapitalize(v) for v in kw or []]
        expected.append(terms)
    assert got == expected
    assert got[0][2:-1] == got[2] and len(got[2]) > 0  # the repeated title gives the same phrases
    # Lists handed out are the record's own: changing one changes no other record.
    got[2].append("x")
    assert "x" not in got[0]


def test_corpus_dictionary_equals_its_definition():
    df = _frame()
    expected = set()
    for name in ("DE", "ID"):
        for values in df[name]:
            for v in values or []:
                w = surface_form(v)
                if len(w) >= 2 and " " not in w and has_cjk(w):
                    expected.add(w)
    assert corpus_dictionary(df) == frozenset(expected) == {"生态系统服务", "生态补偿", "生态系统服务价值"}


def test_reuse_terms_only_inside_the_block():
    corpus = litkit.Corpus.from_records([{"DE": d} for d in _frame()["DE"]])
    outside = corpus_terms(corpus)
    assert corpus_terms(corpus) is not outside
    with reuse_terms():
        first = corpus_terms(corpus)
        assert corpus_terms(corpus) is first
        assert corpus_terms(corpus, "DE", stoplist=None) is not first  # other options: computed again
        with reuse_terms():  # nested blocks share the cache
            assert corpus_terms(corpus) is first
        # A thesaurus given as a dict cannot be a key: computed each time, still correct.
        one = corpus_terms(corpus, thesaurus={"gis": "geographic information system"})
        two = corpus_terms(corpus, thesaurus={"gis": "geographic information system"})
        assert one is not two and one.docs == two.docs
    assert first.docs == outside.docs
    assert corpus_terms(corpus) is not first


def test_reuse_terms_tells_frames_apart():
    a = litkit.Corpus.from_records([{"DE": ["ecosystem services"]}])
    b = litkit.Corpus.from_records([{"DE": ["land use"]}])
    with reuse_terms():
        assert corpus_terms(a).docs == [["ecosystem service"]]
        assert corpus_terms(b).docs == [["land use"]]
        assert corpus_terms(a).docs == [["ecosystem service"]]


def test_keyword_views_equal_with_and_without_reuse(demo_dir, tmp_path):
    """The CLI's keyword views (run inside reuse_terms) write the tables the functions give one by one."""
    from litkit import timelines as tl

    corpus = litkit.read(demo_dir)
    with reuse_terms():
        reused = (tl.keyword_timeline(corpus), tl.time_zone(corpus).nodes, tl.thematic_map(corpus).themes)
    fresh = (tl.keyword_timeline(corpus), tl.time_zone(corpus).nodes, tl.thematic_map(corpus).themes)
    for r, f in zip(reused, fresh):
        pd.testing.assert_frame_equal(r, f, check_exact=True)


def test_clean_documents_equals_clean_document_one_by_one():
    """The batch path (each distinct raw term cleaned and counted once) against the per-document one."""
    from litkit.text import TermCleaner

    docs = [
        ["Ecosystem services", "ecosystem service", "Ecosystem services", "research", "CO2 emissions"],
        [],
        ["co2-emissions", "VR", "虚拟现实技术", "Ecosystem Services"],
        ["虚拟现实(VR)", "ecosystem services", "GIS", "gis"],
    ] * 3
    for options in ({}, {"zh_variants": True}, {"stem": True, "stoplist": None}):
        batch, single = TermCleaner(**options), TermCleaner(**options)
        got = batch.clean_documents(docs)
        single.fit(docs)
        assert got == [single.clean_document(d) for d in docs]
        assert list(batch.surfaces) == list(single.surfaces)  # same nodes, first-seen order
        assert {k: list(v.items()) for k, v in batch.surfaces.items()} == {
            k: list(v.items()) for k, v in single.surfaces.items()
        }


def test_keywords_plus_in_capitals_are_lower_cased_whole_words():
    """WoS Keywords Plus shout: hyphenated and possessive words are lower-cased too, symbols keep their case."""
    from litkit.text.terms import decapitalize

    assert decapitalize("LAND-USE CHANGE") == "land-use change"
    assert decapitalize("TRADE-OFFS") == "trade-offs"
    assert decapitalize("FARMERS' INCOME") == "farmers' income"
    assert decapitalize("CO2 EMISSIONS") == "CO2 emissions"
    assert decapitalize("REDD+ POLICY") == "REDD+ policy"
    assert decapitalize("PM2.5") == "PM2.5"
    assert decapitalize("Land-use change") == "Land-use change"
