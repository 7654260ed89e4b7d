"""Terms per document: keywords as given, or phrases extracted from titles and abstracts,
then cleaned (normalised, stop-listed, merged by thesaurus and aliases, optionally stemmed).

English phrase extraction
-------------------------
nltk's part-of-speech tagger needs the ``averaged_perceptron_tagger`` data,
which is not on PyPI as an nltk-maintained package and would have to be
downloaded at run time.  litkit therefore does not POS-tag.  It uses nltk's
:class:`~nltk.tokenize.RegexpTokenizer` (no data needed) and the
stop-word-bounded candidate phrases of RAKE (Rose et al. 2010): a candidate is a
maximal run of words that contains no stop word, punctuation mark or number,
with at most ``max_words`` words.  Two cheap stand-ins for a tagger also end a
phrase: past participles (a word of 5+ letters ending in "-ed": "compared",
"applied"; nouns such as "watershed" are exempt) and adverbs (5+ letters ending
in "-ly"; "supply", "family" are exempt).  Single-word candidates that are
generic nouns ("areas", "years", ``litkit/data/generic_terms_en.txt``) are
dropped; inside longer phrases they stay ("urban areas").  This is close to what
VOSviewer's noun-phrase filter keeps for titles and abstracts, but some verbs and
adjectives can survive; extend the stop list (``stopwords=``) when they do.

Chinese text is segmented with jieba and litkit's domain dictionary
(:mod:`litkit.text.chinese`); a text is treated as Chinese when it contains CJK
ideographs.

Examples
--------
>>> english_phrases("Mapping the ecosystem services of urban green spaces: a review")
['mapping', 'ecosystem services', 'urban green spaces']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from typing import NamedTuple

from ..errors import LitkitError
from .chinese import chinese_terms, corpus_dictionary, has_cjk
from .normalize import normalize_term, stem_key, surface_form, term_key
from .stoplists import resolve_stoplist, word_stoplist
from .thesaurus import Thesaurus, default_aliases, resolve_thesaurus

__all__ = [
    "decapitalize",
    "english_phrases",
    "text_terms",
    "field_terms",
    "TermCleaner",
    "CorpusTerms",
    "corpus_terms",
    "reuse_terms",
    "KEYWORD_FIELDS",
    "TEXT_FIELDS",
    "resolve_fields",
]

KEYWORD_FIELDS = ("DE", "ID")
TEXT_FIELDS = ("TI", "AB")
_FIELD_ALIASES = {"TIAB": ("TI", "AB"), "KEYWORDS": ("DE", "ID")}

_TOKEN_PATTERN = r"[^\W\d_]+(?:[-'’][^\W\d_0-9]+|[-][0-9]+)*|\d+(?:[.,]\d+)*|[^\w\s]"
_TOKENIZER = None
_WORD_RE = re.compile(r"[^\W\d_]")
# Nouns that look like participles or adverbs to the suffix rules below.
_ED_NOUNS = frozenset(
    {
        "watershed",
        "watersheds",
        "hundred",
        "speed",
        "breed",
        "seed",
        "feed",
        "shed",
        "greed",
        "creed",
        "bleed",
        "embed",
        "need",
        "steed",
        "tweed",
        "weed",
        "reed",
    }
)
_LY_NOUNS = frozenset(
    {
        "supply",
        "family",
        "assembly",
        "anomaly",
        "monopoly",
        "italy",
        "july",
        "ally",
        "rally",
        "jelly",
        "belly",
        "poly",
        "reply",
        "oligopoly",
        "homily",
        "fly",
        "butterfly",
    }
)


def _is_boundary_word(word: str) -> bool:
    """Participle or adverb by suffix (a crude tagger): ends a candidate phrase."""
    if len(word) < 5 or "-" in word:
        return False
    if word.endswith("ed"):
        return word not in _ED_NOUNS
    if word.endswith("ly"):
        return word not in _LY_NOUNS
    return False


@cache
def _generic_terms() -> frozenset[str]:
    # Cached: english_phrases runs once per title, and reading the list from the package data each
    # time cost more than the phrase extraction itself (10 s on 100,000 titles).
    from .stoplists import data_text, read_list

    return frozenset(read_list(data_text("generic_terms_en.txt"), is_text=True))


def _tokenize(text: str) -> list[str]:
    global _TOKENIZER
    if _TOKENIZER is None:
        _TOKENIZER = _tokenizer()
    return _TOKENIZER(text)


def _tokenizer():
    """``findall`` of the token pattern: the tokens of nltk's ``RegexpTokenizer(_TOKEN_PATTERN)``.

    nltk's tokenizer is ``findall`` of the pattern compiled with ``re.UNICODE | re.MULTILINE |
    re.DOTALL`` by the ``regex`` engine (nltk >= 3.9, through ``nltk.redos``; ``regex`` is an nltk
    dependency).  The pattern is compiled here the same way because ``import nltk`` alone costs
    0.25 s of CPU; the engine is fixed, not taken from whatever nltk is installed, so the tokens
    do not change with nltk's version (``\\w`` differs between ``re`` and ``regex`` on combining
    marks and superscript digits).  tests/text checks the tokens against nltk's on every real title.
    """
    import re

    import regex

    return regex.compile(_TOKEN_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL).findall


def english_phrases(
    text: str, stopwords: Iterable[str] | None = None, max_words: int = 4, min_chars: int = 3
) -> list[str]:
    """Stop-word-bounded candidate phrases of an English text (RAKE-style), lower-cased.

    Parameters
    ----------
    text : str
    stopwords : iterable of str, optional
        Words that end a phrase; default :func:`~litkit.text.stoplists.word_stoplist` ``("en")``.
    max_words : int
        Longer runs are dropped (they are rarely terms).
    min_chars : int
        Shorter single-word candidates are dropped.
    """
    if not text:
        return []
    stop = word_stoplist("en") if stopwords is None else frozenset(stopwords)
    generic = _generic_terms()
    phrases: list[str] = []
    run: list[str] = []

    def flush():
        if run and len(run) <= max_words:
            phrase = " ".join(run)
            if len(run) > 1 or (len(phrase) >= min_chars and phrase not in generic):
                phrases.append(phrase)
        run.clear()

    for token in _tokenize(surface_form(text)):
        word = token.casefold()
        if not _WORD_RE.match(word) or word in stop or len(word) < 2 or _is_boundary_word(word):
            flush()
        else:
            run.append(word)
    flush()
    return phrases


def text_terms(text: str, max_words: int = 4, dictionary: Iterable[str] | None = None) -> list[str]:
    """Terms of a title or abstract: jieba words for Chinese text, RAKE phrases otherwise.

    ``dictionary``: words jieba keeps whole (the corpus's keywords, :func:`~litkit.text.chinese.corpus_dictionary`).
    """
    if not text:
        return []
    if has_cjk(text):
        return chinese_terms(text, stopwords=word_stoplist("zh"), dictionary=dictionary)
    return english_phrases(text, max_words=max_words)


def resolve_fields(field: str | Sequence[str]) -> tuple[str, ...]:
    """``"DE"`` -> ``("DE",)``; ``"TIAB"`` -> ``("TI", "AB")``; lists are flattened."""
    names = [field] if isinstance(field, str) else list(field)
    out: list[str] = []
    for name in names:
        name = name.upper()
        for part in _FIELD_ALIASES.get(name, (name,)):
            if part not in KEYWORD_FIELDS + TEXT_FIELDS:
                raise LitkitError(
                    f"field {part!r} is not a term source", expected="DE, ID, TI, AB, TIAB or a list of them"
                )
            if part not in out:
                out.append(part)
    return tuple(out)


def decapitalize(term: str) -> str:
    """Lower-case a keyword written entirely in capitals, keeping words with digits or symbols.

    Web of Science writes Keywords Plus in capitals (``ECOSYSTEM SERVICES``); shown
    as they are, they shout on a map.  Words such as ``CO2`` or ``REDD+`` keep their
    case.  Author keywords (DE) are left as the authors wrote them.

    Examples
    --------
    >>> decapitalize("CO2 EMISSIONS"), decapitalize("REDD+"), decapitalize("InVEST model")
    ('CO2 emissions', 'REDD+', 'InVEST model')
    >>> decapitalize("LAND-USE CHANGE"), decapitalize("TRADE-OFFS"), decapitalize("FARMERS' INCOME")
    ('land-use change', 'trade-offs', "farmers' income")
    """
    if not term.isupper():
        return term
    return " ".join(w.lower() if _WORD.fullmatch(w) else w for w in term.split(" "))


#: A word of letters only, possibly joined by hyphens or apostrophes ("LAND-USE", "FARMERS'"): lower-cased
#: by decapitalize; a word with a digit or another symbol ("CO2", "REDD+") keeps its case.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?")


def field_terms(df, fields: Sequence[str], max_words: int = 4, dictionary="corpus") -> list[list[str]]:
    """Raw (uncleaned) terms of every record, from the given fields, in record order.

    Keywords Plus (ID) in capitals are lower-cased for display (:func:`decapitalize`).
    Chinese titles and abstracts are segmented by jieba with ``dictionary`` added:
    ``"corpus"`` (default) the Chinese keywords of ``df`` itself
    (:func:`~litkit.text.chinese.corpus_dictionary`), so that no keyword is cut into
    fragments (混合现实, not 混合 / 现实); None for litkit's domain dictionary alone; or
    an iterable of words.
    """
    if isinstance(dictionary, str) and dictionary == "corpus":
        # Needed only to segment Chinese text: built when the first one is met (an English corpus never
        # pays for reading every keyword of every record).
        dictionary = _LazyDictionary(df)
    # Field by field (one pass over each column), then record by record when there are several.
    per_field = [_terms_of_field(df[name].tolist(), name, max_words, dictionary) for name in fields]
    if len(per_field) == 1:
        return per_field[0]
    return [list(chain.from_iterable(parts)) for parts in zip(*per_field)]


class _LazyDictionary:
    """``corpus_dictionary(df)``, computed on first use (see :func:`field_terms`)."""

    __slots__ = ("_df", "_words")

    def __init__(self, df):
        self._df, self._words = df, None

    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = corpus_dictionary(self._df)
            self._df = None
        return self._words


def _terms_of_field(values: list, name: str, max_words: int, dictionary) -> list[list[str]]:
    """Raw terms of one field for every record: a new list per record (what field_terms extends with)."""
    if name == "ID":
        shown: dict[str, str] = {}  # each distinct keyword is decapitalised once

        def display(v: str) -> str:
            found = shown.get(v)
            if found is None:
                found = shown[v] = decapitalize(v)
            return found

        return [[display(v) for v in value] if value else [] for value in values]
    if name in KEYWORD_FIELDS:
        return [list(value) if value else [] for value in values]
    # The terms of a text depend on the text alone: each distinct title or abstract is analysed once
    # (a corpus merged from several databases, or a large export, repeats many of them).
    phrases: dict[str, list[str]] = {}
    out = []
    for value in values:
        if not isinstance(value, str):
            out.append([])
            continue
        found = phrases.get(value)
        if found is None:
            if value and has_cjk(value):
                words = dictionary.words() if isinstance(dictionary, _LazyDictionary) else dictionary
                found = text_terms(value, max_words=max_words, dictionary=words)
            else:
                found = text_terms(value, max_words=max_words)
            phrases[value] = found
        out.append(list(found))
    return out


@dataclass
class TermCleaner:
    """Turns raw terms into node keys; remembers the surface forms seen for each key.

    This is litkit's one term-cleaning pipeline: every analysis that counts keywords
    (the keyword map, keyword bursts, keyword timelines, time zones, thematic maps and
    their evolution) cleans with it, so a keyword is the same item in all of them.

    Steps, in order: :func:`~litkit.text.normalize.surface_form` (NFKC, dashes,
    spaces) and case folding; stop list; thesaurus (replace or remove); zh↔en
    aliases; Chinese variants (``zh_variants``); stop list again; the identity key
    :func:`~litkit.text.normalize.term_key` (hyphen/space variants met, and with
    ``merge_plurals`` the head noun singularised); Snowball stem of English words when
    ``stem`` is true.  Stop-list and thesaurus rows match a term exactly (after case
    folding) or, failing that, by its key, so a row for "ecosystem services" also
    catches "Ecosystem service".  The label of a node is its most frequent surface
    form (ties: the form with fewest capitals, then code-point order).

    Parameters
    ----------
    stoplist : "default", None, path or iterable
        Whole terms removed (:func:`~litkit.text.stoplists.resolve_stoplist`).
    thesaurus : "default", None, path, dict, Thesaurus or list
        Synonym merging (:func:`~litkit.text.thesaurus.resolve_thesaurus`).
    aliases : bool, path or Thesaurus
        zh↔en aliases; True uses ``litkit/data/aliases_zh_en.txt``.
    stem : bool
        Snowball-stem English words (stronger than ``merge_plurals``).
    merge_plurals : bool, default True
        Singular and plural of an English term are one node.
    zh_variants : bool, default False
        Merge Chinese variants (:func:`~litkit.text.thesaurus.zh_variants`): the abbreviations of
        ``litkit/data/zh_variants.csv`` (VR → 虚拟现实), a bracketed abbreviation
        (虚拟现实(VR)), and a term + 技术/方法/模式 when the term itself occurs
        (needs the corpus: use :meth:`clean_documents` or :meth:`fit` first).

    Examples
    --------
    >>> c = TermCleaner(stoplist=["research"], thesaurus={"citation analyses": "citation analysis"})
    >>> c.clean_document(["Citation Analysis", "citation analyses", "Research", "VOSviewer"])
    ['citation analysis', 'vosviewer']
    >>> c.label("vosviewer")
    'VOSviewer'
    >>> c.clean_document(["CO2 emissions", "CO2 emission", "co2-emissions"]), c.clean_document(["CO2 emissions"])
    (['co2 emission'], ['co2 emission'])
    >>> c.label("co2 emission")
    'CO2 emissions'
    >>> TermCleaner(zh_variants=True).clean_documents([["VR", "虚拟现实技术"], ["虚拟现实(VR)"]])
    [['虚拟现实'], ['虚拟现实']]
    """

    stoplist: object = "default"
    thesaurus: object = None
    aliases: object = None
    stem: bool = False
    merge_plurals: bool = True
    zh_variants: bool = False
    _stop: frozenset = field(init=False, repr=False)
    _stop_keys: frozenset = field(init=False, repr=False)
    _thesaurus: Thesaurus = field(init=False, repr=False)
    _aliases: Thesaurus = field(init=False, repr=False)
    _tables: list = field(init=False, repr=False)
    _zh: object = field(init=False, repr=False, default=None)
    _surfaces: dict = field(init=False, repr=False, default_factory=dict)
    _cache: dict = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self):
        self._stop = resolve_stoplist(self.stoplist)
        self._stop_keys = frozenset(term_key(k, self.merge_plurals) for k in self._stop)
        self._thesaurus = resolve_thesaurus(self.thesaurus)
        if self.aliases is True:
            self._aliases = default_aliases()
        elif self.aliases in (None, False):
            self._aliases = Thesaurus()
        else:
            self._aliases = resolve_thesaurus(self.aliases)
        # (exact rows, rows by key): a row written in the plural also catches the singular.
        self._tables = []
        for table in (self._thesaurus, self._aliases):
            by_key: dict[str, str] = {}
            for k, v in table.mapping.items():
                by_key.setdefault(term_key(k, self.merge_plurals), v)
            self._tables.append((table.mapping, by_key))
        if self.zh_variants:
            from .thesaurus import ZhVariants

            self._zh = ZhVariants()

    def _stopped(self, key: str) -> bool:
        return not key or key in self._stop or term_key(key, self.merge_plurals) in self._stop_keys

    def _replace(self, surface: str, key: str):
        """``(surface, key)`` after thesaurus, aliases and Chinese variants; None when removed."""
        for exact, by_key in self._tables:
            replacement = exact.get(key)
            if replacement is None:
                replacement = by_key.get(term_key(key, self.merge_plurals))
            if replacement is not None:
                if replacement == "":
                    return None
                surface, key = replacement, normalize_term(replacement)
        if self._zh is not None:
            canonical = self._zh.canonical(key)
            if canonical != key:
                surface, key = canonical, normalize_term(canonical)
        return surface, key

    def _clean_one(self, raw: str):
        surface = surface_form(raw)
        key = surface.casefold()
        if self._stopped(key):
            return None
        replaced = self._replace(surface, key)
        if replaced is None:
            return None
        surface, key = replaced
        if self._stopped(key):
            return None
        node = term_key(key, self.merge_plurals)
        if self.stem:
            node = stem_key(node)
        return node, surface

    def fit(self, raw_documents: Iterable[Iterable[str]]) -> TermCleaner:
        """Learn the corpus vocabulary that ``zh_variants`` needs ("X技术" merges into "X" when X occurs).

        Without ``zh_variants`` this does nothing: every other step depends on the term alone.
        """
        if self._zh is not None:
            terms = [surface_form(t).casefold() for doc in raw_documents for t in doc]
            self._zh.fit(terms)
            self._cache.clear()
        return self

    def clean_documents(self, raw_documents: Sequence[Sequence[str]]) -> list[list[str]]:
        """:meth:`fit` on all documents, then :meth:`clean_document` of each (the corpus-level entry point)."""
        # Lists are read as they are (nothing here changes them); anything else is copied into one.
        raw_documents = [d if type(d) is list else list(d) for d in raw_documents]
        self.fit(raw_documents)
        # The same as clean_document on each document, done per distinct raw term: each is cleaned
        # once, and its surface form counted once with the number of times it occurs (a Counter
        # over all terms, in first-seen order, so the surface tables are built in the same order).
        occurrences = Counter(chain.from_iterable(raw_documents))
        node_of: dict[str, str | None] = {}
        for raw, n in occurrences.items():
            if raw not in self._cache:
                self._cache[raw] = self._clean_one(raw)
            result = self._cache[raw]
            if result is None:
                node_of[raw] = None
                continue
            node, surface = result
            node_of[raw] = node
            counts = self._surfaces.get(node)
            if counts is None:
                counts = self._surfaces[node] = Counter()
            counts[surface] += n
        out = []
        node = node_of.__getitem__
        for doc in raw_documents:
            nodes = dict.fromkeys(map(node, doc))  # distinct nodes in first-seen order
            if None in nodes:  # a term removed by the stop list or thesaurus
                del nodes[None]
            out.append(list(nodes))
        return out

    def clean_document(self, raw_terms: Iterable[str]) -> list[str]:
        """Distinct node keys of one document, in first-seen order."""
        seen: dict[str, None] = {}
        for raw in raw_terms:
            if raw not in self._cache:
                self._cache[raw] = self._clean_one(raw)
            result = self._cache[raw]
            if result is None:
                continue
            node, surface = result
            counts = self._surfaces.get(node)
            if counts is None:  # (setdefault would build a Counter for every term seen)
                counts = self._surfaces[node] = Counter()
            counts[surface] += 1
            seen.setdefault(node, None)
        return list(seen)

    def key(self, term: str) -> str | None:
        """Node key of one raw term (None when the stop list or thesaurus removes it); counts nothing."""
        result = self._clean_one(term)
        return None if result is None else result[0]

    def knows(self, node: str) -> bool:
        """True when ``node`` came out of a cleaned document (it has surface forms)."""
        return node in self._surfaces

    @property
    def surfaces(self) -> dict:
        """``node -> Counter`` of the surface forms seen (read-only use)."""
        return self._surfaces

    def label(self, node: str) -> str:
        """Display label of ``node``: its most frequent surface form."""
        counts = self._surfaces.get(node)
        if not counts:
            return node
        return min(counts.items(), key=lambda kv: (-kv[1], sum(ch.isupper() for ch in kv[0]), kv[0]))[0]

    def params(self) -> dict:
        """What was applied, for ``params.json``."""
        out = {
            "stoplist": self.stoplist if isinstance(self.stoplist, (str, type(None))) else sorted(self._stop),
            "stoplist_size": len(self._stop),
            "thesaurus": self._thesaurus.sources,
            "thesaurus_rows": len(self._thesaurus),
            "aliases": self._aliases.sources,
            "stem": self.stem,
            "merge_plurals": self.merge_plurals,
            "zh_variants": self._zh.params() if self._zh is not None else False,
        }
        return out


class CorpusTerms(NamedTuple):
    """Cleaned terms of every record of a corpus (see :func:`corpus_terms`)."""

    docs: list[list[str]]  # node keys per record, in record order
    cleaner: TermCleaner  # labels (cleaner.label) and params (cleaner.params())
    fields: tuple[str, ...]


def corpus_terms(
    corpus,
    field: str | Sequence[str] = "DE",
    *,
    stoplist="default",
    thesaurus="default",
    aliases=False,
    stem: bool = False,
    merge_plurals: bool = True,
    zh_variants: bool = False,
    max_words: int = 4,
) -> CorpusTerms:
    """Cleaned terms of every record: the entry point every keyword analysis shares.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    field : str or list of str
        ``"DE"``, ``"ID"``, ``"TI"``, ``"AB"``, ``"TIAB"`` or a list (:func:`resolve_fields`).
    stoplist, thesaurus, aliases, stem, merge_plurals, zh_variants
        As in :class:`TermCleaner`; the defaults are those of :func:`litkit.cooccurrence`.
    max_words : int
        Longest phrase extracted from English titles/abstracts.

    Returns
    -------
    CorpusTerms
        ``docs`` (distinct node keys per record, in record order), ``cleaner`` and ``fields``.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"DE": ["Co–Word Analysis；", "Ecosystem services"]},
    ...                                 {"DE": ["co-word analysis", "ecosystem service"]}])
    >>> t = corpus_terms(c)
    >>> t.docs
    [['coword analysis', 'ecosystem service'], ['coword analysis', 'ecosystem service']]
    >>> t.cleaner.label("coword analysis")
    'co-word analysis'
    """
    df = getattr(corpus, "df", corpus)
    fields = resolve_fields(field)
    missing = [f for f in fields if f not in df.columns]
    if missing:
        from ..errors import LitkitError

        raise LitkitError(f"the corpus has no column {missing[0]!r}", expected="a keyword list column such as DE or ID")
    options = (fields, stoplist, thesaurus, aliases, stem, merge_plurals, zh_variants, max_words)
    cache = _REUSE.get()
    if cache is not None:
        try:
            hash(options)
        except TypeError:  # a thesaurus given as a dict or list: not worth a key, computed each time
            cache = None
    if cache is not None:
        found = cache.get((id(df), options))
        if found is not None and found[0] is df:
            return found[1]
    cleaner = TermCleaner(
        stoplist=stoplist,
        thesaurus=thesaurus,
        aliases=aliases,
        stem=stem,
        merge_plurals=merge_plurals,
        zh_variants=zh_variants,
    )
    docs = cleaner.clean_documents(field_terms(df, fields, max_words=max_words))
    result = CorpusTerms(docs, cleaner, fields)
    if cache is not None:
        cache[(id(df), options)] = (df, result)  # the frame itself is kept, so its id cannot be reused
    return result


_REUSE: ContextVar[dict | None] = ContextVar("litkit_reuse_terms", default=None)


@contextmanager
def reuse_terms():
    """Within the block, :func:`corpus_terms` cleans a corpus frame once per set of options.

    The keyword views of one run (timeline, time zone, thematic map) each ask for the cleaned
    keywords of the same corpus; inside ``with reuse_terms():`` the second and later calls return
    the first call's result (the same :class:`CorpusTerms`: treat it as read-only) instead of cleaning
    every record again.  Outside such a block nothing is kept, so a frame changed in place between
    two calls is always cleaned afresh.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"DE": ["Ecosystem services"]}, {"DE": ["ecosystem service"]}])
    >>> with reuse_terms():
    ...     corpus_terms(c) is corpus_terms(c)
    True
    >>> corpus_terms(c) is corpus_terms(c)
    False
    """
    token = _REUSE.set({} if _REUSE.get() is None else _REUSE.get())
    try:
        yield
    finally:
        _REUSE.reset(token)


def reused(owner, key, compute):
    """``compute()``, computed once per ``(owner, key)`` inside a :func:`reuse_terms` block.

    For results derived from a :class:`CorpusTerms` (the keyword incidence the timeline views
    share): ``owner`` is the object the result depends on (kept alive with it, so its identity
    cannot be reused by another object), ``key`` a hashable description of the other inputs.
    Outside a block, or with an unhashable key, ``compute()`` is called every time.

    Examples
    --------
    >>> calls = []
    >>> def compute():
    ...     calls.append(1)
    ...     return len(calls)
    >>> owner = object()
    >>> with reuse_terms():
    ...     reused(owner, "n", compute), reused(owner, "n", compute), reused(owner, "m", compute)
    (1, 1, 2)
    >>> reused(owner, "n", compute)
    3
    """
    cache = _REUSE.get()
    if cache is None:
        return compute()
    try:
        entry_key = ("reused", id(owner), key)
        found = cache.get(entry_key)
    except TypeError:  # an unhashable key: not kept
        return compute()
    if found is not None and found[0] is owner:
        return found[1]
    result = compute()
    cache[entry_key] = (owner, result)
    return result
