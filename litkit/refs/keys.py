"""The identity of a cited work: reference keys, and the DOI unification across citations.

:func:`reference_key` gives the identity used to count citations of the same
work across citing records (co-citation, citation bursts)::

    doi:<doi>                                   when the reference has a DOI
    <SURNAME>|<year>|<SOURCE>|<volume>|<page>   otherwise

The second form (:func:`bibliographic_key`) is upper-cased with punctuation folded to single spaces,
initials dropped from the author and the ``V``/``P`` prefixes removed, so ``Costanza R, 1997, NATURE, V387, P253``
and ``COSTANZA R., 1997, Nature, V387, p253`` get the same key; the source goes through
:func:`litkit.refs.normalize_source`.  :func:`doi_by_bibliographic_key` is the DOI unification:
a reference *without* a DOI takes the DOI key of a reference *with* one when both have the same
bibliographic key (and that key names a source plus a volume or page, and points to only one DOI),
so that a work cited with and without its DOI is counted once; :func:`litkit.refs.references_table`
and :func:`reference_keys` both apply it.  A reference that names neither an author, a source nor a
DOI (``[No title captured]``) gets the empty key ``""``: it identifies no work, and analyses skip it.

Examples
--------
>>> from litkit.refs import parse_wos_reference
>>> reference_key(parse_wos_reference("COSTANZA R., 1997, Nature, V387, p253"))
'COSTANZA|1997|NATURE|387|253'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .sources import normalize_source
from .styles import parse_reference_any

_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
_NON_WORD = re.compile(r"[\W_]+")


def bibliographic_key(parsed: dict) -> str:
    """``SURNAME|year|SOURCE|volume|page`` of a parsed reference (ignores the DOI)."""
    year = parsed.get("year")
    year = "" if year is None or year != year else str(int(year))
    return "|".join(
        (
            _surname(parsed.get("author")),
            year,
            _source_key(parsed.get("source")),
            _page_or_volume(parsed.get("volume")),
            _page_or_volume(parsed.get("page")),
        )
    )


def reference_key(parsed: dict) -> str:
    """Canonical identity of a cited work: ``doi:<doi>`` or ``SURNAME|year|SOURCE|volume|page``.

    Examples
    --------
    >>> from litkit.refs import parse_wos_reference
    >>> reference_key(parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253A0"))
    'doi:10.1038/387253a0'
    >>> reference_key(parse_wos_reference("Costanza R, 1997, NATURE, V387, P253"))
    'COSTANZA|1997|NATURE|387|253'
    """
    doi = parsed.get("doi")
    if doi and doi == doi:
        return "doi:" + str(doi).lower()
    if not (parsed.get("author") or parsed.get("source")):
        return ""
    return bibliographic_key(parsed)


# ---- the table ----------------------------------------------------------------------------------


def doi_by_bibliographic_key(references: Iterable[tuple]) -> dict[str, str | None]:
    """The DOI each bibliographic key lends to the citations of it that have none.

    Parameters
    ----------
    references : iterable of tuple
        ``(bibliographic_key, doi, source, volume, page)`` of parsed references.

    Returns
    -------
    dict
        Bibliographic key -> DOI, for every key seen on a reference with a DOI, a source
        and a volume or page; the value is None when the key was seen with two different
        DOIs (it then lends none).

    Examples
    --------
    >>> doi_by_bibliographic_key([("PAN|2011|SCIENCE|333|988", "10.1126/x", "SCIENCE", "333", "988"),
    ...                           ("PAN|2011|SCIENCE|333|988", None, "SCIENCE", "333", "988")])
    {'PAN|2011|SCIENCE|333|988': '10.1126/x'}
    """
    lent: dict[str, str | None] = {}
    for bib, doi, source, volume, page in references:
        if doi and source and (volume or page):
            known = lent.get(bib, doi)
            lent[bib] = doi if known == doi else None
    return lent


def reference_keys(raws) -> list[str]:
    """Canonical keys of a collection of reference strings of any style, DOI-less ones unified.

    Each string is parsed with :func:`parse_reference_any` and keyed with
    :func:`litkit.refs.reference_key`.  As in :func:`litkit.refs.references_table`,
    a reference without a DOI takes the ``doi:`` key of a reference *with* one
    when both have the same bibliographic key, that key names a source plus a
    volume or page, and it points to only one DOI within ``raws`` -- so WoS's
    ``Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609`` and
    Scopus's DOI-less ``Pan Y.; …, Science, 333, 6045, pp. 988-993, (2011)``
    get one key.  A string that yields no key at all is keyed ``raw:<STRING>``.

    Examples
    --------
    >>> reference_keys(["Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609",
    ...                 "Pan Y.; Birdsey R.A., A large and persistent carbon sink, Science, 333, pp. 988-993, (2011)"])
    ['doi:10.1126/science.1201609', 'doi:10.1126/science.1201609']
    """
    parsed = [parse_reference_any(" ".join(str(r).split())) for r in raws]
    bib = [bibliographic_key(p) for p in parsed]
    doi_of_bib = doi_by_bibliographic_key(
        (b, p.get("doi"), p.get("source"), p.get("volume"), p.get("page")) for p, b in zip(parsed, bib)
    )
    keys = []
    for raw, p, b in zip(raws, parsed, bib):
        doi = p.get("doi") or doi_of_bib.get(b)
        if doi:
            keys.append("doi:" + str(doi).lower())
        elif b.strip("|"):
            keys.append(b)
        else:
            keys.append("raw:" + " ".join(str(raw).split()).upper())
    return keys


def _fold(text) -> str:
    """Upper-case, full-width forms folded (NFKC), every run of punctuation/space -> one space."""
    if not text or text != text:
        return ""
    text = str(text)
    if text.isalnum():
        return text.upper() if text.isascii() else unicodedata.normalize("NFKC", text).upper()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub(" ", text.upper()).strip()


def _surname(author) -> str:
    """The first author's surname: the name without trailing initials ("Costanza R." -> COSTANZA)."""
    if not author:
        return ""
    author = str(author).lstrip("*").strip()
    if "," in author:  # "Costanza, R" (Scopus, full-name forms)
        return _fold(author.split(",", 1)[0])
    tokens = author.split()
    while (
        len(tokens) > 1
        and _INITIALS.match(tokens[-1].replace(".", "").replace("-", "") + "")
        and len(tokens[-1].replace(".", "").replace("-", "")) <= 4
    ):
        tokens.pop()
    return _fold(" ".join(tokens))


def _page_or_volume(value) -> str:
    return _fold(value)


def _source_key(source) -> str:
    """The cited source as it enters a key: J9-style, so "Ecological Economics", "Ecol. Econ."
    and "ECOL ECON" agree (the ``source`` column keeps what the database wrote)."""
    if not source or source != source:
        return ""
    return _fold(normalize_source(str(source)) or source)


__all__ = ["reference_key", "bibliographic_key", "reference_keys", "doi_by_bibliographic_key"]
