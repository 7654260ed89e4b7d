"""normalize_source's fast paths (issue 23) give the keys of the plain Unicode computation.

``_fold`` skips the Unicode normalisation for ASCII text, ``_normalize_once`` folds a title once and is
cached, ``_abbreviate_word`` is cached: on every source title and cited source of the real exports in
../shared (WoS, Scopus, CNKI, CSSCI, Lens, OpenAlex ...) the keys equal those computed with the
original ``_fold`` (NFKC, NFKD, combining marks dropped, upper case) and no cache.
"""

from __future__ import annotations

import unicodedata

import pytest

import litkit
import litkit.refs.sources as sources
from litkit.refs import distinct_references, normalize_source


def _plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).upper()


@pytest.fixture(scope="module")
def titles(shared_corpora, expected_counts):
    found: set[str] = set()
    for name in sorted({p.split("/")[0] for p in expected_counts}):
        try:
            corpus = litkit.read(shared_corpora / name)
        except litkit.errors.LitkitError:
            continue
        for column in ("SO", "J9", "JI"):
            found |= {v for v in corpus.df[column].dropna() if isinstance(v, str)}
        _, distinct = distinct_references(corpus.df)
        found |= {v for v in distinct["source"].dropna() if isinstance(v, str)}
    found |= {"Revista de Ecología", "ÉCOLOGIE ET SOCIÉTÉ", "Ｎａｔｕｒｅ", "生态学报", "Proc. Natl. Acad. Sci. U.S.A."}
    return sorted(found)


def test_keys_equal_the_plain_unicode_computation(titles, monkeypatch):
    assert len(titles) > 1000 and any(not t.isascii() for t in titles)
    fast = [normalize_source(t) for t in titles]
    monkeypatch.setattr(sources, "_fold", _plain_fold)
    plain_once = getattr(sources._normalize_once, "__wrapped__", sources._normalize_once)
    plain_word = getattr(sources._abbreviate_word, "__wrapped__", sources._abbreviate_word)
    monkeypatch.setattr(sources, "_normalize_once", plain_once)
    monkeypatch.setattr(sources, "_abbreviate_word", plain_word)
    plain = [sources.normalize_source.__wrapped__(t) for t in titles]
    assert fast == plain


def test_ascii_fold_is_the_unicode_fold():
    every_ascii = "".join(map(chr, range(128)))
    assert sources._fold(every_ascii) == _plain_fold(every_ascii)
    assert sources._fold("Kalé Ｎａｔｕｒｅ") == _plain_fold("Kalé Ｎａｔｕｒｅ") == "KALE NATURE"
