"""Text handling for term networks: normalisation, stop lists, thesauri, Chinese segmentation
and term extraction.

One pipeline cleans the terms of every keyword analysis (map, bursts, timelines, thematic
maps): :func:`corpus_terms` / :class:`TermCleaner`, whose node keys are :func:`term_key`
(plural and singular, hyphen and space variants are one key) and whose labels are the most
frequent surface forms.

>>> from litkit.text import normalize_term, TermCleaner
>>> normalize_term("Ｃｏ—Word Analysis")
'co-word analysis'
"""

from __future__ import annotations

from .chinese import chinese_terms, has_cjk, segment
from .normalize import normalize_term, singularize, stem_key, surface_form, term_key
from .stoplists import keyword_stoplist, resolve_stoplist, word_stoplist
from .terms import (
    CorpusTerms,
    TermCleaner,
    corpus_terms,
    english_phrases,
    field_terms,
    resolve_fields,
    reuse_terms,
    reused,
    text_terms,
)
from .thesaurus import (
    Thesaurus,
    ZhVariants,
    default_aliases,
    default_thesaurus,
    read_thesaurus,
    resolve_thesaurus,
    zh_variants,
)

__all__ = [
    "normalize_term",
    "term_key",
    "singularize",
    "corpus_terms",
    "reuse_terms",
    "reused",
    "CorpusTerms",
    "default_thesaurus",
    "zh_variants",
    "ZhVariants",
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
