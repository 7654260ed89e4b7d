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

import csv
import io
import re
import unicodedata
from functools import cache, lru_cache

__all__ = ["normalize_term", "surface_form", "DASHES", "stem_key", "singularize", "term_key", "BOUND_PREFIXES"]

# Every Unicode hyphen/dash/minus a database has been seen to emit; all become ASCII "-".
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u00ad"
_DASH_RE = re.compile(f"[{DASHES}]")
_SPACE_RE = re.compile(r"\s+")
_SPACED_HYPHEN_RE = re.compile(r"\s*-\s*")
# Punctuation that ends up around a keyword when a database splits a list badly.
_STRIP = " \t\r\n.,;:!?\"'`[]{}\u3001\u3002\uff1b\uff0c\u201c\u201d\u2018\u2019\u300a\u300b"


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
    text = text.strip(_STRIP)
    # A bracket closed inside the term stays: "虚拟现实(VR)", "REDD(+)"; only unbalanced ones go.
    if text.endswith(")") and "(" in text[1:] and text.count("(") >= text.count(")"):
        return text
    return text.strip(_STRIP + "()")


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


# ---- the identity key of a term -----------------------------------------------------------------
#: Prefixes that English writes fused, hyphenated or (rarely) spaced: "co-word" = "coword",
#: "multi-objective" = "multiobjective".  :func:`term_key` joins them to the next word.
BOUND_PREFIXES = frozenset(
    "co non multi socio inter intra trans anti pre post re sub semi micro macro mega meta bio eco geo hydro "
    "agro agri neo pseudo quasi mono poly nano cyber counter over under photo thermo electro".split()
)
_LATIN_WORD_RE = re.compile(r"^[a-z]+$")
_WORD_HYPHEN_RE = re.compile(r"(?<=\w)-(?=\w)")
_PREPOSITIONS = frozenset({"of", "for", "in", "on"})
_INVARIANT_ENDINGS = ("species", "series", "benthos", "gas", "chaos", "cosmos", "ethos", "pathos", "rhinoceros")


@cache
def _plural_table() -> tuple[dict[str, str], frozenset[str]]:
    """``(irregular plural -> singular, invariant words)`` from ``litkit/data/plurals_en.csv``."""
    from importlib import resources

    text = resources.files("litkit.data").joinpath("plurals_en.csv").read_text(encoding="utf-8")
    irregular: dict[str, str] = {}
    invariant: set[str] = set()
    rows = csv.reader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))))
    next(rows)  # header: plural,singular
    for row in rows:
        if not row or not row[0].strip():
            continue
        word, singular = row[0].strip(), (row[1].strip() if len(row) > 1 else "")
        if singular:
            irregular[word] = singular
        else:
            invariant.add(word)
    return irregular, frozenset(invariant)


@cache
def _compounds() -> dict[tuple[str, str], str]:
    """``(first, second) -> joined`` from ``litkit/data/compounds_en.txt``."""
    from importlib import resources

    text = resources.files("litkit.data").joinpath("compounds_en.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            first, second = line.split()
            out[(first, second)] = first + second
    return out


def singularize(word: str) -> str:
    """The singular of one lower-case English word, by rules and an exception list.

    nltk's WordNet lemmatizer would need a data download; litkit uses suffix rules plus
    the irregular plurals and the words that only look plural ("analysis", "species",
    "economics", "data") listed in ``litkit/data/plurals_en.csv``.  Words of three
    letters or fewer (acronyms: "gis", "pes") and words that are not all ASCII letters
    are returned unchanged.

    Parameters
    ----------
    word : str
        One word, lower case.

    Returns
    -------
    str

    Examples
    --------
    >>> [singularize(w) for w in ["policies", "emissions", "savings", "analyses", "species", "gas"]]
    ['policy', 'emission', 'saving', 'analysis', 'species', 'gas']
    >>> [singularize(w) for w in ["processes", "approaches", "economics", "indices", "sdgs", "status"]]
    ['process', 'approach', 'economics', 'index', 'sdg', 'status']
    """
    irregular, invariant = _plural_table()
    if word in irregular:
        return irregular[word]
    if len(word) <= 3 or word in invariant or not _LATIN_WORD_RE.match(word) or not word.endswith("s"):
        return word
    if word.endswith(("ss", "us", "is", "ous")):  # process, status, analysis, various
        return word
    if word.endswith(("omics", "metrics", "dynamics", "economics", "physics", "genetics", "mechanics")):
        return word  # fields of study are singular nouns: metabolomics, bibliometrics, thermodynamics
    if word.endswith(_INVARIANT_ENDINGS):
        return word  # multispecies, subseries, macrobenthos, biogas: compounds of invariant words
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # policies -> policy
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]  # processes, boxes, approaches, crashes
    if word.endswith("oes"):
        return word[:-1]  # shoes (heroes, potatoes … are listed)
    return word[:-1]  # emissions, services, savings, responses, curves


def term_key(term: str, merge_plurals: bool = True) -> str:
    """The identity of a term: the key that every analysis counts (map, bursts, timelines).

    :func:`normalize_term` (NFKC, dashes, spaces, case folding), then

    1. hyphens between words become spaces and a bound prefix joins the next word
       ("land-use change" = "land use change"; "co-word" = "co word" = "coword"; see
       :data:`BOUND_PREFIXES`), as do the closed compounds of ``litkit/data/compounds_en.txt``
       ("hot spot" = "hot-spot" = "hotspot");
    2. with ``merge_plurals``, the head noun of an English phrase (its last word) is
       singularised (:func:`singularize`), as is the word before a first "of", "for", "in"
       or "on" ("payments for ecosystem services" = "payment for ecosystem service").

    The key depends on the term alone, never on the corpus, so any two analyses, and any
    two partitions of a corpus, give a term the same key.  Chinese text has no plural and
    no hyphen: it passes through step 2 unchanged.

    Parameters
    ----------
    term : str
    merge_plurals : bool, default True

    Returns
    -------
    str

    Examples
    --------
    >>> term_key("CO2 emissions") == term_key("co2 emission")
    True
    >>> term_key("Co–Word Analysis；"), term_key("Land-use change"), term_key("hot-spots")
    ('coword analysis', 'land use change', 'hotspot')
    >>> term_key("Energy savings"), term_key("energy saving", merge_plurals=False)
    ('energy saving', 'energy saving')
    >>> term_key("生态补偿；")
    '生态补偿'
    """
    if type(term) is str:  # every cleaning step asks for the key of the same few thousand terms again
        return _cached_term_key(term, bool(merge_plurals))
    return _term_key(term, merge_plurals)


@lru_cache(maxsize=1 << 17)
def _cached_term_key(term: str, merge_plurals: bool) -> str:
    return _term_key(term, merge_plurals)


def _term_key(term, merge_plurals: bool) -> str:
    key = normalize_term(term)
    if not key:
        return key
    words = _WORD_HYPHEN_RE.sub(" ", key).split(" ")
    if merge_plurals and " ".join(words) not in _plural_table()[1]:  # "united states" stays
        last = len(words) - 1
        words[last] = singularize(words[last])
        for i in range(1, last):
            if words[i] in _PREPOSITIONS:
                words[i - 1] = singularize(words[i - 1])
                break
    compounds = _compounds()
    joined: list[str] = []
    for word in words:
        if joined and (joined[-1] in BOUND_PREFIXES or (joined[-1], word) in compounds) and word[:1].isalpha():
            joined[-1] = joined[-1] + word
        else:
            joined.append(word)
    return " ".join(joined)
