"""Chinese word segmentation with jieba and litkit's domain dictionary.

jieba's general dictionary splits domain terms: 生态产品价值实现 would become
生态 / 产品 / 价值 / 实现.  litkit ships a user dictionary
(``litkit/data/jieba_userdict.txt``) with the vocabulary of ecological-product,
carbon-peaking and carbon-neutrality research so that such terms stay whole.

jieba caches its prefix dictionary on disk.  By default it writes the cache to the
system temporary folder; litkit pins that explicitly (never the repository or
the working directory) and a folder that cannot be written only costs speed,
because jieba catches the failed dump.  jieba's start-up log lines are silenced.

Examples
--------
>>> segment("生态产品价值实现机制与碳达峰碳中和")
['生态产品价值实现', '机制', '与', '碳达峰', '碳中和']
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable
from importlib import resources

__all__ = ["tokenizer", "segment", "chinese_terms", "has_cjk", "corpus_dictionary", "USER_DICTIONARY"]

USER_DICTIONARY = "jieba_userdict.txt"
_LOCK = threading.Lock()
_TOKENIZER = None
# Tokenizers with a corpus's keywords added, by word set (a few corpora at a time are enough).
_WITH_WORDS: OrderedDict = OrderedDict()
_MAX_CACHED = 4
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK ideograph."""
    return bool(text) and _CJK_RE.search(text) is not None


def tokenizer(dictionary: Iterable[str] | None = None):
    """The shared jieba tokenizer with litkit's user dictionary loaded (built once).

    Parameters
    ----------
    dictionary : iterable of str, optional
        Extra words kept whole (e.g. the corpus's keywords, :func:`corpus_dictionary`): the
        tokenizer returned is a copy of the shared one with these words added, so the shared
        one never changes and a result never depends on what was segmented before.

    Returns
    -------
    jieba.Tokenizer
    """
    words = frozenset(dictionary or ())
    if not words:
        return _base_tokenizer()
    with _LOCK:
        cached = _WITH_WORDS.get(words)
        if cached is not None:
            _WITH_WORDS.move_to_end(words)
            return cached
    base = _base_tokenizer()
    import copy

    tk = copy.copy(base)
    tk.FREQ = dict(base.FREQ)  # add_word writes into FREQ and total: never into the shared tokenizer's
    tk.user_word_tag_tab = dict(base.user_word_tag_tab)
    tk.lock = threading.RLock()
    for word in sorted(words):  # sorted: the same words give the same frequencies in any order
        if word not in tk.FREQ or tk.FREQ[word] == 0:
            tk.add_word(word)
    with _LOCK:
        _WITH_WORDS[words] = tk
        while len(_WITH_WORDS) > _MAX_CACHED:
            _WITH_WORDS.popitem(last=False)
    return tk


def corpus_dictionary(df, fields=("DE", "ID")) -> frozenset[str]:
    """The Chinese keywords of a corpus (2+ characters, no spaces): words jieba must keep whole.

    Titles and abstracts segmented with them added cut no keyword into fragments
    (混合现实 stays one word instead of 混合 / 现实).

    Examples
    --------
    >>> import pandas as pd
    >>> sorted(corpus_dictionary(pd.DataFrame({"DE": [["混合现实", "VR", "交互设计；"]]})))
    ['交互设计', '混合现实']
    """
    from .normalize import surface_form

    raw = set()  # each distinct keyword is normalised once
    for name in fields:
        if name not in getattr(df, "columns", ()):
            continue
        for values in df[name]:
            if values is None or isinstance(values, (str, float)):
                continue
            raw.update(values)
    words = set()
    for v in raw:
        if v.isascii():  # (normalising ASCII gives ASCII: no ideograph; most keywords of most corpora)
            continue
        w = surface_form(v)
        if len(w) >= 2 and " " not in w and has_cjk(w):
            words.add(w)
    return frozenset(words)


def _base_tokenizer():
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            import jieba

            jieba.setLogLevel(logging.ERROR)  # "Building prefix dict ..." goes to stderr otherwise
            tk = jieba.Tokenizer()
            tk.tmp_dir = tempfile.gettempdir()  # never the cwd or the repository
            tk.cache_file = "litkit-jieba.cache"
            with resources.files("litkit.data").joinpath(USER_DICTIONARY).open("rb") as fh:
                tk.load_userdict(fh)  # a file object: jieba leaves a path's file unclosed
            _TOKENIZER = tk
        return _TOKENIZER


def segment(text: str, dictionary: Iterable[str] | None = None) -> list[str]:
    """Segment ``text`` with jieba (precise mode, HMM on); whitespace tokens dropped.

    ``dictionary``: extra words kept whole (see :func:`tokenizer`).

    Examples
    --------
    >>> segment("混合现实技术在博物馆展示中的应用", dictionary={"混合现实"})[:2]
    ['混合现实', '技术']
    """
    if not text:
        return []
    return [w for w in tokenizer(dictionary).lcut(text, HMM=True) if w.strip()]


def chinese_terms(
    text: str, stopwords: Iterable[str] | None = None, min_chars: int = 2, dictionary: Iterable[str] | None = None
) -> list[str]:
    """Content words of a Chinese text: segmented words with at least ``min_chars``
    ideographs' length that contain a CJK ideograph and are not stop words.

    Examples
    --------
    >>> chinese_terms("生态补偿的实现路径研究", stopwords={"研究"})
    ['生态补偿', '实现', '路径']
    """
    stop = set(stopwords or ())
    out = []
    for word in segment(text, dictionary):
        if len(word) >= min_chars and has_cjk(word) and word not in stop:
            out.append(word)
    return out
