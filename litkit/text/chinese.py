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
from pathlib import Path

__all__ = ["tokenizer", "segment", "chinese_terms", "has_cjk", "corpus_dictionary", "USER_DICTIONARY"]

USER_DICTIONARY = "jieba_userdict.txt"
_LOCK = threading.Lock()
_STORE_LOCK = threading.Lock()
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
    tk.FREQ = base.FREQ.copy()  # add_word writes into FREQ and total: never into the shared tokenizer's
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
    (混合现实 stays one word instead of 混合 / 现实).  Keywords that begin with a preposition
    (基于用户体验, 面向对象的…) are left out: they would keep the preposition on the term in every title.

    Examples
    --------
    >>> import pandas as pd
    >>> sorted(corpus_dictionary(pd.DataFrame({"DE": [["混合现实", "VR", "交互设计；", "基于用户体验"]]})))
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
        if len(w) >= 2 and " " not in w and has_cjk(w) and not w.startswith(_PREPOSITIONS):
            words.add(w)
    return frozenset(words)


# A keyword that begins with a preposition ("基于用户体验", one author's keyword) would glue the
# preposition to the term in every title: 基于用户体验的… became the title term 基于用户体验, not 用户体验.
_PREPOSITIONS = ("基于", "关于", "面向", "针对", "通过", "围绕", "对于", "根据", "按照", "随着")


def _base_tokenizer():
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            _TOKENIZER = _new_tokenizer()
        return _TOKENIZER


def _new_tokenizer(lazy: bool = True):
    """A jieba tokenizer with litkit's user dictionary; ``lazy``: jieba's dictionary read as words are looked up."""
    import jieba

    jieba.setLogLevel(logging.ERROR)  # "Building prefix dict ..." goes to stderr otherwise
    tk = jieba.Tokenizer()
    tk.tmp_dir = tempfile.gettempdir()  # never the cwd or the repository
    tk.cache_file = "litkit-jieba.cache"
    freq = _LazyFreq.open(tk) if lazy else None
    if freq is not None:  # (initialize would load all of jieba's dictionary)
        tk.FREQ, tk.total, tk.initialized = freq, freq.total, True
    with resources.files("litkit.data").joinpath(USER_DICTIONARY).open("rb") as fh:
        tk.load_userdict(fh)  # a file object: jieba leaves a path's file unclosed
    return tk


class _LazyFreq(dict):
    """jieba's prefix dictionary (word -> frequency) read from an SQLite copy as words are looked up.

    ``jieba.Tokenizer.initialize`` unmarshals all 500,000 entries (0.6 s of CPU) before the first
    word is cut; a corpus with a few Chinese titles (an English export with a retraction notice in
    Chinese) looks up a few hundred.  This mapping answers ``in``, ``[]`` and ``get`` from the words
    looked up so far, then from an SQLite copy of the dictionary in the temporary folder (made once
    from jieba's own, keyed by jieba's version and its dictionary file's path, size and time), so
    every answer is the one the loaded dictionary gives and the segmentation is the same.  Words
    jieba adds (``add_word``: litkit's user dictionary, a corpus's keywords) are kept here.  After
    :data:`_LOAD_ALL_AFTER` lookups in the copy (a Chinese corpus) the whole copy is read in at once.
    """

    __slots__ = ("_store", "_absent", "_lookups", "total")

    @classmethod
    def open(cls, tk) -> _LazyFreq | None:
        """The lazy dictionary of ``tk`` (not initialised), building the copy if needed; None to load as before."""
        import sqlite3

        key = _store_key(tk)
        path = _store_path()
        try:
            store = sqlite3.connect(Path(path).as_uri() + "?mode=ro", uri=True, check_same_thread=False)
            meta = dict(store.execute("SELECT name, value FROM meta"))
            if meta.get("key") != key:
                store.close()
                raise sqlite3.DatabaseError("another dictionary")
        except sqlite3.Error:
            _build_store(tk, path, key)  # loads jieba's dictionary the usual way: this process keeps it
            return None
        lazy = cls()
        lazy._store, lazy._absent, lazy._lookups, lazy.total = store, set(), [0], int(meta["total"])
        return lazy

    @property
    def complete(self) -> bool:
        """True once the whole copy is in this dict (no lookup goes to SQLite any more)."""
        return self._store is None

    def copy(self) -> _LazyFreq:
        other = _LazyFreq(self)
        other._store, other._absent, other._lookups, other.total = (
            self._store,
            set(self._absent),
            self._lookups,
            self.total,
        )
        return other

    def _fetch(self, word):
        """Look ``word`` up in the copy; True when found (then it is in this dict)."""
        if word in self._absent or self._store is None:
            return False
        with _STORE_LOCK:  # (not _LOCK: _base_tokenizer holds it while jieba adds the user dictionary)
            self._lookups[0] += 1
            if self._lookups[0] > _LOAD_ALL_AFTER:
                self._load_all()
                return dict.__contains__(self, word)
            row = self._store.execute("SELECT f FROM freq WHERE w = ?", (word,)).fetchone()
        if row is None:
            self._absent.add(word)
            return False
        dict.__setitem__(self, word, row[0])
        return True

    def _load_all(self) -> None:
        added = dict(self)  # jieba's add_word may have changed an entry: it wins over the copy
        dict.update(self, self._store.execute("SELECT w, f FROM freq"))
        dict.update(self, added)
        self._store, self._absent = None, set()

    def __contains__(self, word):
        return dict.__contains__(self, word) or self._fetch(word)

    def __getitem__(self, word):
        if dict.__contains__(self, word) or self._fetch(word):
            return dict.__getitem__(self, word)
        raise KeyError(word)

    def get(self, word, default=None):
        if dict.__contains__(self, word) or self._fetch(word):
            return dict.__getitem__(self, word)
        return default

    def __setitem__(self, word, value):
        self._absent.discard(word)
        dict.__setitem__(self, word, value)


#: Lookups in the SQLite copy after which it is read in whole (0.5 s): about 100 Chinese titles and abstracts,
#: each lookup costing 12 µs.  An English corpus with a Chinese title makes a few hundred.
_LOAD_ALL_AFTER = 5_000
_STORE_FORMAT = 1


def _store_path():
    import os

    return os.path.join(tempfile.gettempdir(), "litkit-jieba-freq.sqlite")


def _store_key(tk) -> str:
    """What the copy was made from: jieba's version and dictionary file (path, size, modification time)."""
    import json
    import os

    import jieba

    dictionary = os.path.abspath(tk.dictionary or os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))
    stat = os.stat(dictionary)
    return json.dumps([_STORE_FORMAT, jieba.__version__, dictionary, stat.st_size, stat.st_mtime_ns])


def _build_store(tk, path, key) -> None:
    """Load ``tk``'s dictionary as jieba does and write its SQLite copy (atomically; a failure only costs speed)."""
    import os
    import sqlite3

    tk.initialize()
    fd, tmp = tempfile.mkstemp(prefix=".litkit-jieba-freq.", suffix=".part", dir=os.path.dirname(path))
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO freq VALUES (?, ?)", tk.FREQ.items())
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("key", key), ("total", str(tk.total))])
        db.close()
        os.chmod(tmp, 0o644)  # (mkstemp's 0600 would make every other user of the folder build their own)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        try:
            os.unlink(tmp)
        except OSError:
            pass


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
    tk = tokenizer(dictionary)
    if type(tk.FREQ) is _LazyFreq and tk.FREQ.complete:  # read in whole: a plain dict looks up faster
        tk.FREQ = dict(tk.FREQ)
    return [w for w in tk.lcut(text, HMM=True) if w.strip()]


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
