"""Issue 23 (the 100k CLI chain): the faster term paths give what the straightforward ones gave.

Checked against brute force on real exports: field_terms (field by field, the corpus dictionary
built only when a Chinese text is met) against the record-by-record loop it replaced,
TermCleaner.clean_documents against clean_document on each record, the tokenizer against nltk's
RegexpTokenizer, and the English stop words read from scikit-learn's source against the import.
"""

from __future__ import annotations

import pytest

import litkit
from litkit.text import TermCleaner, english_phrases, text_terms, word_stoplist
from litkit.text import terms as terms_module
from litkit.text.chinese import corpus_dictionary, has_cjk
from litkit.text.stoplists import data_text, read_list, sklearn_stop_words
from litkit.text.terms import KEYWORD_FIELDS, decapitalize, field_terms

REAL = [
    "wos-plaintext-environment",
    "wos-plaintext-metaknowledge",
    "cnki-refworks/CNKI.txt",
    "cnki-endnote/demo.txt",
    "scopus-csv/scopus_sample_2025.csv",
]


@pytest.fixture(scope="module")
def real_corpus(shared_corpora):
    """Real Web of Science, CNKI and Scopus records in one frame (English and Chinese titles)."""
    return litkit.read([shared_corpora / name for name in REAL], progress=False)


def _field_terms_record_by_record(df, fields, max_words=4):
    """The loop field_terms was before issue 23: record by record, the corpus dictionary built up front."""
    text_fields = [f for f in fields if f in ("TI", "AB")]
    dictionary = corpus_dictionary(df) if text_fields else None
    columns = [df[f].tolist() for f in fields]
    phrases = {}
    out = []
    for values in zip(*columns):
        terms = []
        for name, value in zip(fields, values):
            if name == "ID":
                terms.extend(decapitalize(v) for v in value or [])
            elif name in KEYWORD_FIELDS:
                terms.extend(value or [])
            elif isinstance(value, str):
                found = phrases.get(value)
                if found is None:
                    found = phrases[value] = text_terms(value, max_words=max_words, dictionary=dictionary)
                terms.extend(found)
        out.append(terms)
    return out


@pytest.mark.parametrize("fields", [("DE",), ("ID",), ("TI",), ("AB",), ("DE", "TI"), ("ID", "AB", "DE")])
def test_field_terms_equal_the_record_by_record_loop(real_corpus, fields):
    df = real_corpus.df
    assert df["TI"].map(lambda t: isinstance(t, str) and has_cjk(t)).sum() > 50  # Chinese titles are in it
    got = field_terms(df, fields)
    assert got == _field_terms_record_by_record(df, fields)
    assert sum(map(len, got)) > 1000
    # a new list per record: changing one changes neither the frame nor another record
    assert len({id(terms) for terms in got}) == len(got)


def test_field_terms_builds_the_corpus_dictionary_only_for_chinese_text(real_corpus, monkeypatch):
    df = real_corpus.df
    english = df[~df["TI"].map(lambda t: isinstance(t, str) and has_cjk(t))]
    calls = []
    monkeypatch.setattr(terms_module, "corpus_dictionary", lambda frame: calls.append(1) or corpus_dictionary(frame))
    assert len(field_terms(english, ["TI"])) == len(english)
    assert calls == []  # no Chinese title: never read every keyword
    field_terms(df, ["TI", "AB"])
    assert calls == [1]  # once, however many Chinese texts


def test_field_terms_segment_with_the_corpus_keywords():
    """The lazily built dictionary is the corpus's: a keyword is not cut into fragments (混合现实)."""
    corpus = litkit.Corpus.from_records(
        [{"TI": "混合现实技术在博物馆展示中的应用", "DE": ["混合现实"]}, {"TI": "Mixed reality in museums"}]
    )
    with_keywords, alone = field_terms(corpus.df, ["TI"]), field_terms(corpus.df, ["TI"], dictionary=None)
    assert "混合现实" in with_keywords[0] and with_keywords[1] == ["reality", "museums"]
    assert with_keywords == _field_terms_record_by_record(corpus.df, ["TI"])
    assert alone[1] == with_keywords[1]


@pytest.mark.parametrize(
    "options", [{}, {"stem": True}, {"merge_plurals": False, "stoplist": None}, {"zh_variants": True}]
)
def test_clean_documents_equal_clean_document_per_record(real_corpus, options):
    raw = field_terms(real_corpus.df, ["DE", "ID", "TI"])
    fast, slow = TermCleaner(**options), TermCleaner(**options)
    slow.fit(raw)
    expected = [slow.clean_document(doc) for doc in raw]
    assert fast.clean_documents(raw) == expected
    assert fast.surfaces == slow.surfaces  # the same surface forms, counted the same number of times
    assert sum(map(len, expected)) > 1000
    # tuples and other sequences are read too, and the input lists are left as they were
    before = [list(doc) for doc in raw]
    assert TermCleaner(**options).clean_documents([tuple(doc) for doc in raw]) == expected
    assert raw == before


def test_tokens_are_nltks(real_corpus):
    """The pattern compiled as nltk compiles it gives nltk's tokens, on every real title and abstract."""
    from nltk.tokenize import RegexpTokenizer

    nltk_tokens = RegexpTokenizer(terms_module._TOKEN_PATTERN).tokenize
    texts = [t for name in ("TI", "AB") for t in real_corpus.df[name] if isinstance(t, str)]
    texts += ["x² + y³ = ½", "नमस्ते दुनिया", "café-au-lait’s 3.5,6 CO2-emissions", "e\u0301t\u00e9\u0327"]
    assert len(texts) > 1000
    for text in texts:
        assert terms_module._tokenize(text) == nltk_tokens(text), text


def test_english_stop_words_are_sklearns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert sklearn_stop_words() == ENGLISH_STOP_WORDS
    own = {litkit.text.normalize_term(w) for w in read_list(data_text("stopwords_en_academic.txt"), is_text=True)}
    assert word_stoplist("en") == ENGLISH_STOP_WORDS | own
    assert word_stoplist("zh") != word_stoplist("en")


def test_phrases_follow_the_stop_list_given():
    """The cached default list is only the default: another list gives other phrases."""
    title = "The role of green spaces in urban heat island mitigation"
    assert english_phrases(title) == ["green spaces", "urban heat island mitigation"]
    assert english_phrases(title, stopwords={"of", "in", "the", "urban"}) == ["green spaces", "heat island mitigation"]
    assert english_phrases(title, stopwords=()) == []  # one run of 9 words: longer than max_words
