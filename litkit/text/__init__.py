"""Text handling for term networks: normalisation, stop lists, thesauri, Chinese segmentation
and term extraction.

>>> from litkit.text import normalize_term, TermCleaner
>>> normalize_term("Ｃｏ—Word Analysis")
'co-word analysis'
"""

from __future__ import annotations

from .chinese import chinese_terms, has_cjk, segment
from .normalize import normalize_term, stem_key, surface_form
from .stoplists import keyword_stoplist, resolve_stoplist, word_stoplist
from .terms import TermCleaner, english_phrases, field_terms, resolve_fields, text_terms
from .thesaurus import Thesaurus, default_aliases, read_thesaurus, resolve_thesaurus

__all__ = [
    "normalize_term",
    "surface_form",
    "stem_key",
    "keyword_stoplist",
    "word_stoplist",
    "resolve_stoplist",
    "Thesaurus",
    "read_thesaurus",
    "default_aliases",
    "resolve_thesaurus",
    "segment",
    "chinese_terms",
    "has_cjk",
    "english_phrases",
    "text_terms",
    "field_terms",
    "resolve_fields",
    "TermCleaner",
]
