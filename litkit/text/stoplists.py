"""Stop lists: terms that carry no topic and are removed before counting.

Two kinds are needed.  *Keyword* stop lists remove whole keywords that authors
attach to almost any paper ("research", "研究", "对策"); *word* stop lists bound
candidate phrases when terms are extracted from titles and abstracts.

Sources
-------
* English words: scikit-learn's ``ENGLISH_STOP_WORDS`` (BSD licence; a copy shipped
  in ``litkit/data``, so nothing is downloaded or imported,
  :func:`sklearn_stop_words`) plus litkit's own list of
  academic filler words (``litkit/data/stopwords_en_academic.txt``).
* Chinese: litkit's own list (``litkit/data/stopwords_zh.txt``): function words
  and generic research vocabulary, written for this project.
* Whole keywords: ``litkit/data/stopkeywords.txt`` (English and Chinese).

Examples
--------
>>> "研究" in keyword_stoplist()
True
>>> "the" in word_stoplist("en")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from .normalize import normalize_term

__all__ = ["read_list", "keyword_stoplist", "word_stoplist", "sklearn_stop_words", "resolve_stoplist"]


def read_list(path_or_text: str | Path, is_text: bool = False) -> list[str]:
    """Read a one-entry-per-line list; ``#`` starts a comment, blank lines are skipped."""
    text = path_or_text if is_text else Path(path_or_text).read_text(encoding="utf-8-sig")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def data_text(name: str) -> str:
    """The text of a list shipped with litkit (a file in ``litkit/data``).

    Parameters
    ----------
    name : str
        File name, e.g. ``"stopkeywords.txt"``.

    Returns
    -------
    str

    Examples
    --------
    >>> "#" in data_text("stopkeywords.txt")
    True
    """
    return resources.files("litkit.data").joinpath(name).read_text(encoding="utf-8")


@cache
def keyword_stoplist() -> frozenset[str]:
    """Default whole-keyword stop list (normalised keys)."""
    return frozenset(normalize_term(t) for t in read_list(data_text("stopkeywords.txt"), is_text=True))


@cache
def word_stoplist(language: str = "en") -> frozenset[str]:
    """Default word stop list for phrase extraction, ``"en"`` or ``"zh"``."""
    if language == "en":
        own = read_list(data_text("stopwords_en_academic.txt"), is_text=True)
        return sklearn_stop_words() | frozenset(normalize_term(w) for w in own)
    if language == "zh":
        return frozenset(normalize_term(w) for w in read_list(data_text("stopwords_zh.txt"), is_text=True))
    raise ValueError(f"no stop list for language {language!r}; use 'en' or 'zh'")


@cache
def sklearn_stop_words() -> frozenset[str]:
    """scikit-learn's ``ENGLISH_STOP_WORDS``, from the copy shipped in ``litkit/data``.

    ``import sklearn`` loads scipy.stats and most of scikit-learn (0.7 s of CPU, more than the
    phrase extraction of 100,000 titles), all for one frozenset: litkit ships the list
    (``stopwords_en_sklearn.txt``, BSD licence, source named in its header) and a test checks
    that it still equals the installed scikit-learn's.

    Returns
    -------
    frozenset of str
        The same set as ``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``.

    Examples
    --------
    >>> "the" in sklearn_stop_words(), "ecosystem" in sklearn_stop_words()
    (True, False)
    """
    return frozenset(read_list(data_text("stopwords_en_sklearn.txt"), is_text=True))


def resolve_stoplist(stoplist) -> frozenset[str]:
    """Turn the ``stoplist`` argument of :func:`litkit.cooccurrence` into a set of keys.

    ``"default"`` -> :func:`keyword_stoplist`; ``None`` -> nothing removed; a path
    -> that file (one term per line); an iterable -> those terms.  A list may
    start with ``"default"`` to extend the default list.
    """
    if stoplist is None:
        return frozenset()
    if isinstance(stoplist, str) and stoplist == "default":
        return keyword_stoplist()
    if isinstance(stoplist, (str, Path)):
        return frozenset(normalize_term(t) for t in read_list(stoplist))
    terms: Iterable[str] = list(stoplist)
    base = keyword_stoplist() if "default" in terms else frozenset()
    return base | frozenset(normalize_term(t) for t in terms if t != "default")
