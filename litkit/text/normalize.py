"""Normalising keyword strings so that spelling variants meet.

Exports differ in the details a reader does not see: full-width letters and
punctuation in CNKI records (``ＧＩＳ``, ``生态补偿；``), four kinds of dash in
``co‐word analysis``, trailing full stops, doubled spaces, and case.  Two strings
that differ only in such details must become one node.

Examples
--------
>>> normalize_term("  Co–Word   Analysis. ")
'co-word analysis'
>>> normalize_term("ＧＩＳ")
'gis'
>>> normalize_term("生态产品价值实现；")
'生态产品价值实现'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_term", "surface_form", "DASHES", "stem_key"]

# Every Unicode hyphen/dash/minus a database has been seen to emit; all become ASCII "-".
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u00ad"
_DASH_RE = re.compile(f"[{DASHES}]")
_SPACE_RE = re.compile(r"\s+")
_SPACED_HYPHEN_RE = re.compile(r"\s*-\s*")
# Punctuation that ends up around a keyword when a database splits a list badly.
_STRIP = " \t\r\n.,;:!?\"'`()[]{}\u3001\u3002\uff1b\uff0c\u201c\u201d\u2018\u2019\u300a\u300b"


def surface_form(term: str) -> str:
    """NFKC, unified dashes and collapsed whitespace, case kept (used for display).

    Examples
    --------
    >>> surface_form("VOSviewer　")
    'VOSviewer'
    """
    if not term:
        return ""
    text = unicodedata.normalize("NFKC", str(term))
    text = _DASH_RE.sub("-", text)
    text = _SPACE_RE.sub(" ", text)
    text = _SPACED_HYPHEN_RE.sub("-", text)
    return text.strip(_STRIP)


def normalize_term(term: str) -> str:
    """The matching key of a term: :func:`surface_form` plus Unicode case folding."""
    return surface_form(term).casefold()


_STEMMER = None
_WORD_RE = re.compile(r"[a-z]+")


def stem_key(key: str) -> str:
    """Snowball-stem every ASCII word of ``key`` (plural and inflection variants meet).

    Only Latin words are stemmed; Chinese characters and digits pass through.
    nltk's SnowballStemmer needs no downloaded data.

    Examples
    --------
    >>> stem_key("ecosystem services")
    'ecosystem servic'
    >>> stem_key("ecosystem service")
    'ecosystem servic'
    >>> stem_key("碳中和")
    '碳中和'
    """
    global _STEMMER
    if _STEMMER is None:
        from nltk.stem.snowball import SnowballStemmer

        _STEMMER = SnowballStemmer("english")
    return _WORD_RE.sub(lambda m: _STEMMER.stem(m.group(0)), key)
