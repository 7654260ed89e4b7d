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
from collections.abc import Iterable
from importlib import resources

__all__ = ["tokenizer", "segment", "chinese_terms", "has_cjk", "USER_DICTIONARY"]

USER_DICTIONARY = "jieba_userdict.txt"
_LOCK = threading.Lock()
_TOKENIZER = None
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK ideograph."""
    return bool(text) and _CJK_RE.search(text) is not None


def tokenizer():
    """The shared jieba tokenizer with litkit's user dictionary loaded (built once)."""
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


def segment(text: str) -> list[str]:
    """Segment ``text`` with jieba (precise mode, HMM on); whitespace tokens dropped."""
    if not text:
        return []
    return [w for w in tokenizer().lcut(text, HMM=True) if w.strip()]


def chinese_terms(text: str, stopwords: Iterable[str] | None = None, min_chars: int = 2) -> list[str]:
    """Content words of a Chinese text: segmented words with at least ``min_chars``
    ideographs' length that contain a CJK ideograph and are not stop words.

    Examples
    --------
    >>> chinese_terms("生态补偿的实现路径研究", stopwords={"研究"})
    ['生态补偿', '实现', '路径']
    """
    stop = set(stopwords or ())
    out = []
    for word in segment(text):
        if len(word) >= min_chars and has_cjk(word) and word not in stop:
            out.append(word)
    return out
