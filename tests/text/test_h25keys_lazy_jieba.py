"""jieba's dictionary read word by word from an SQLite copy (litkit.text.chinese, issue 23).

An English corpus with one Chinese title (a retraction notice) no longer loads jieba's 500,000
entries; the words looked up must give exactly the segmentation of the loaded dictionary, on
every Chinese title, abstract and keyword of the real CNKI and CSSCI exports, with and without
a corpus's keywords added, and when the copy is read in whole after many lookups.  The copy is
keyed by jieba's version and dictionary file: another key makes a new copy.
"""

from __future__ import annotations

import tempfile

import pytest

import litkit
from litkit.text import chinese
from litkit.text.chinese import corpus_dictionary, has_cjk


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The copy (and jieba's cache) in a fresh temporary folder: built here, not reused from /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def chinese_texts(shared_corpora):
    corpus = litkit.read(
        [shared_corpora / "cnki-refworks", shared_corpora / "cnki-endnote", shared_corpora / "cssci"], progress=False
    )
    df = corpus.df
    texts = sorted({t for name in ("TI", "AB") for t in df[name] if isinstance(t, str) and has_cjk(t)})
    keywords = sorted(corpus_dictionary(df))
    assert len(texts) > 500 and len(keywords) > 500
    return texts, keywords


def _cuts(tk, texts):
    return [tk.lcut(t, HMM=True) for t in texts]


def _with_words(tk, words):
    """What :func:`litkit.text.chinese.tokenizer` does with a corpus's keywords."""
    import copy
    import threading

    other = copy.copy(tk)
    other.FREQ = tk.FREQ.copy()
    other.user_word_tag_tab = dict(tk.user_word_tag_tab)
    other.lock = threading.RLock()
    for word in sorted(words):
        if word not in other.FREQ or other.FREQ[word] == 0:
            other.add_word(word)
    return other


def test_the_copy_is_built_once_then_read_word_by_word(private_tmp):
    first = chinese._new_tokenizer()
    assert type(first.FREQ) is dict  # no copy yet: jieba's dictionary loaded, the copy written
    assert (private_tmp / "litkit-jieba-freq.sqlite").is_file()
    second = chinese._new_tokenizer()
    assert type(second.FREQ) is not dict and len(second.FREQ) < 1000  # the user dictionary's words only
    assert second.total == first.total
    text = "被撤回的出版物: 生态产品价值实现机制与碳达峰碳中和"
    assert second.lcut(text) == first.lcut(text)


def test_another_dictionary_key_makes_a_new_copy(private_tmp, monkeypatch):
    chinese._new_tokenizer()
    assert type(chinese._new_tokenizer().FREQ) is not dict
    monkeypatch.setattr(chinese, "_STORE_FORMAT", chinese._STORE_FORMAT + 1)  # e.g. another jieba or dict.txt
    assert type(chinese._new_tokenizer().FREQ) is dict  # the old copy is not used: loaded and written again
    assert type(chinese._new_tokenizer().FREQ) is not dict


def test_every_real_chinese_text_is_cut_as_with_the_loaded_dictionary(private_tmp, chinese_texts, monkeypatch):
    texts, keywords = chinese_texts
    loaded = chinese._new_tokenizer(lazy=False)
    expected = _cuts(loaded, texts)
    expected_words = _cuts(_with_words(loaded, keywords), texts)
    assert expected != expected_words  # the keywords change some cuts: the check below means something
    chinese._new_tokenizer()  # writes the copy
    lazy = chinese._new_tokenizer()
    assert type(lazy.FREQ) is not dict
    monkeypatch.setattr(chinese, "_LOAD_ALL_AFTER", 10**9)  # word by word all along
    assert _cuts(_with_words(lazy, keywords), texts) == expected_words
    assert _cuts(lazy, texts) == expected
    assert dict.__len__(lazy.FREQ) < len(loaded.FREQ) / 4
    # a Chinese corpus: after a few lookups the copy is read in whole, with the same cuts
    monkeypatch.setattr(chinese, "_LOAD_ALL_AFTER", 200)
    assert chinese.segment(texts[0]) == [w for w in expected[0] if w.strip()]  # the shared tokenizer
    whole = chinese._new_tokenizer()
    assert _cuts(_with_words(whole, keywords), texts) == expected_words
    assert _cuts(whole, texts) == expected
    assert dict.__len__(whole.FREQ) == len(loaded.FREQ)
    assert dict(whole.FREQ) == loaded.FREQ and whole.total == loaded.total
