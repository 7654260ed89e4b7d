"""Finding records that describe the same publication (used by :func:`litkit.merge`).

Titles are compared after a normalisation that depends on the script:

* **English** (and other Latin-script) titles: Unicode NFKC (full-width
  letters become half-width), accents removed, lower case, every punctuation
  or symbol character replaced by a space, spaces collapsed;
* **Chinese** titles (a third or more of the letters are CJK ideographs):
  NFKC, lower case, punctuation and symbols removed -- Chinese punctuation
  (，。：；“”《》【】、) included -- and *all* spaces removed, because spacing in
  Chinese titles is arbitrary.

A Chinese and an English title are never compared with each other.

Candidate pairs come from three rules, strongest first:

``doi``
    the same DOI (lower case, without ``https://doi.org/``);
``title+year+author``
    the same normalised title, the same first-author surname, and years equal
    or one year apart (WoS gives early-access records the early-access year,
    Scopus the issue year) -- a missing year on either side does not block;
``fuzzy``
    a rapidfuzz ``ratio`` of the normalised titles of at least ``threshold``
    (default :data:`FUZZY_THRESHOLD` = 95), both titles at least
    :data:`FUZZY_MIN_LENGTH` characters long, the same numbers in both titles
    in the same order (``… 1990-2015`` and ``… 2000-2015``, ``Part 1`` and
    ``Part 2`` are different studies), and years equal; with years one apart
    the first-author surnames must also agree.  Missing years never match
    fuzzily.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

#: Default minimum rapidfuzz ``ratio`` (0–100) of two normalised titles for a fuzzy match.
#: Measured: on the WoS/Scopus BibTeX pair of one query (../shared/corpora/wos-bibtex) the one
#: true pair without a DOI on both sides scores 99.4 (WoS cut the title's last letter), the
#: closest distinct titles 81.0.  On the demo corpus two distinct titles differing only in a
#: year range ("… 1990-2015" / "… 2000-2015") score 96.6 -- hence the numbers rule below.
FUZZY_THRESHOLD = 95.0

#: Titles shorter than this (after normalisation) never match fuzzily ("Editorial", "Introduction").
FUZZY_MIN_LENGTH = 20

RULES = ("id", "doi", "title+year+author", "fuzzy")

_NUMBER = re.compile(r"\d+")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]")

_PUNCT_TABLE: dict[int, str] | None = None


def is_chinese(text: str) -> bool:
    """True when at least a third of the letters of ``text`` are CJK ideographs.

    >>> is_chinese("生态产品价值实现机制研究"), is_chinese("Ecosystem services in China")
    (True, False)
    """
    letters = sum(1 for c in text if c.isalpha())
    return letters > 0 and 3 * len(_CJK.findall(text)) >= letters


def normalize_title(title: str | None) -> tuple[str, str]:
    """``(script, key)`` for a title: script is ``"zh"`` or ``"en"``; key as in the module docstring.

    Examples
    --------
    >>> normalize_title("Ｅcosystem  Services: a Review—of Méthodes")
    ('en', 'ecosystem services a review of methodes')
    >>> normalize_title("生态产品 价值实现：机制与路径")
    ('zh', '生态产品价值实现机制与路径')
    """
    if not title:
        return "en", ""
    text = unicodedata.normalize("NFKC", str(title)).lower()
    if is_chinese(text):
        return "zh", "".join(text.translate(_punctuation_table()).split())
    text = _strip_accents(text).translate(_punctuation_table())
    return "en", " ".join(text.split())


def first_author_surname(authors) -> frozenset:
    """The possible normalised surnames of the first author.

    ``"Costanza, R"`` gives ``{"costanza"}``.  A name without a comma may be
    written surname first (CNKI's English records: ``"Cai Lan"``) or last
    (``"Robert Costanza"``), so its first and last words are both candidates;
    one-letter words (initials) are never surnames.  Chinese names written
    without a comma (CNKI ``张三``) are kept whole.  Two first authors agree when
    their candidate sets share a surname.

    >>> sorted(first_author_surname(["d'Arge, R"])), sorted(first_author_surname(["Cai Lan"]))
    (['darge'], ['cai', 'lan'])
    >>> sorted(first_author_surname(["张三"])), first_author_surname([])
    (['张三'], frozenset())
    """
    if authors is None or len(authors) == 0:
        return frozenset()
    name = _strip_accents(unicodedata.normalize("NFKC", str(authors[0])).strip()).lower()
    clean = lambda w: "".join(c for c in w if c.isalnum())
    if "," in name:
        words = [name.split(",")[0]]
    elif is_chinese(name):
        words = [name]
    else:
        parts = name.split()
        words = [parts[0], parts[-1]] if parts else []
    return frozenset(w for w in map(clean, words) if len(w) > 1)


@dataclass(frozen=True)
class Candidate:
    """A proposed match between records ``a`` < ``b`` (positions in the canonical order)."""

    a: int
    b: int
    rule: str
    score: float


@dataclass
class MatchKeys:
    """What matching needs of each record, in the canonical record order."""

    dbs: list[frozenset]
    ut: list[str]
    doi: list[str]
    script: list[str]
    title: list[str]
    year: list[int | None]
    surname: list[frozenset]


def candidates(keys: MatchKeys, threshold: float = FUZZY_THRESHOLD) -> list[Candidate]:
    """All candidate pairs by the rules ``doi``, ``title+year+author`` and ``fuzzy``.

    Only records from different databases are proposed (a database does not list
    one paper under two ids; records sharing an id are handled by the caller).
    A pair found by a stronger rule is not proposed again by a weaker one.
    """
    n = len(keys.ut)
    found: dict[tuple[int, int], Candidate] = {}

    def propose(i: int, j: int, rule: str, score: float) -> None:
        a, b = (i, j) if i < j else (j, i)
        if (a, b) not in found and _different_databases(keys, a, b):
            found[(a, b)] = Candidate(a, b, rule, score)

    by_doi: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        if keys.doi[i]:
            by_doi[keys.doi[i]].append(i)
    for members in by_doi.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                propose(members[x], members[y], "doi", 100.0)

    by_title: dict[tuple, list[int]] = defaultdict(list)
    for i in range(n):
        if keys.title[i] and keys.surname[i]:
            by_title[(keys.script[i], keys.title[i])].append(i)
    for members in by_title.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if keys.surname[i] & keys.surname[j] and _years_close(keys.year[i], keys.year[j], allow_missing=True):
                    propose(i, j, "title+year+author", 100.0)

    _fuzzy(keys, threshold, propose)
    return sorted(found.values(), key=lambda c: (RULES.index(c.rule), -c.score, c.a, c.b))


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _punctuation_table() -> dict[int, str]:
    """``str.translate`` table sending every punctuation and symbol character (Unicode P*, S*) to a space."""
    global _PUNCT_TABLE
    if _PUNCT_TABLE is None:  # planes 0-2 hold every assigned punctuation and symbol character
        _PUNCT_TABLE = {cp: " " for cp in range(0x30000) if unicodedata.category(chr(cp))[0] in "PS"}
    return _PUNCT_TABLE


def _years_close(y1, y2, allow_missing: bool) -> bool:
    if y1 is None or y2 is None:
        return allow_missing
    return abs(y1 - y2) <= 1


def _different_databases(keys: MatchKeys, i: int, j: int) -> bool:
    return not (keys.dbs[i] & keys.dbs[j])


def _fuzzy(keys: MatchKeys, threshold: float, propose) -> None:
    """Fuzzy title pairs, compared within blocks of the same script and years ±1."""
    # blocks of one script, one year and one set of databases: only blocks with disjoint
    # database sets are compared, so a single-database corpus costs nothing here
    blocks: dict[tuple[str, int], dict[frozenset, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i in range(len(keys.ut)):
        if keys.year[i] is not None and len(keys.title[i]) >= FUZZY_MIN_LENGTH:
            blocks[(keys.script[i], keys.year[i])][keys.dbs[i]].append(i)
    for (script, year), groups in sorted(blocks.items(), key=lambda kv: kv[0]):
        for other_year in (year, year + 1):
            others = blocks.get((script, other_year))
            if not others:
                continue
            for dbs_a, rows in sorted(groups.items(), key=lambda kv: sorted(kv[0])):
                for dbs_b, cols in sorted(others.items(), key=lambda kv: sorted(kv[0])):
                    if dbs_a & dbs_b or (other_year == year and sorted(dbs_a) >= sorted(dbs_b)):
                        continue  # same database, or a pair of blocks already compared
                    _fuzzy_block(keys, rows, cols, year != other_year, threshold, propose)


def _fuzzy_block(
    keys: MatchKeys, rows: list[int], cols: list[int], years_differ: bool, threshold: float, propose
) -> None:
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    scores = cdist(
        [keys.title[i] for i in rows],
        [keys.title[j] for j in cols],
        scorer=fuzz.ratio,
        score_cutoff=threshold - 1,
        dtype=np.uint8,
        workers=1,
    )
    for r, c in zip(*np.nonzero(scores)):
        i, j = rows[r], cols[c]
        score = round(fuzz.ratio(keys.title[i], keys.title[j]), 2)
        if score < threshold:
            continue
        if years_differ and not (keys.surname[i] & keys.surname[j]):
            continue
        if _NUMBER.findall(keys.title[i]) != _NUMBER.findall(keys.title[j]):
            continue  # "… 1990-2015" and "… 2000-2015", "Part 1" and "Part 2": other studies
        propose(i, j, "fuzzy", score)


__all__ = [
    "FUZZY_THRESHOLD",
    "FUZZY_MIN_LENGTH",
    "RULES",
    "is_chinese",
    "normalize_title",
    "first_author_surname",
    "Candidate",
    "MatchKeys",
    "candidates",
]
