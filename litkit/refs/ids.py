"""Cited references that are database identifiers (Lens.org, OpenAlex), not bibliographic strings.

Lens.org's CSV export lists a record's references as Lens IDs and OpenAlex's as work IDs;
the readers (:mod:`litkit.io.lens_csv`, :mod:`litkit.io.openalex_csv`) keep them in ``CR`` as
``Lens:028-396-621-844-004`` and ``OpenAlex:W2755950973``.  Such a reference names no author,
year or journal: parsed, it has every field empty except ``doi``, which carries the identifier
with its scheme (``lens:028-396-621-844-004``, ``openalex:W2755950973``), and its key
(:func:`litkit.refs.reference_key`, :func:`litkit.refs.references_table`) is that identifier
itself, not a ``doi:`` key.  So:

* co-citation, coupling and cited-reference bursts count the same cited work across records of
  the same database (the ID is the key); an ID never equals a WoS/Scopus key, so the same work
  cited by a Lens record and a WoS record is two nodes;
* cited-journal and cited-author analyses skip them (no source, no author) instead of counting
  each ID as a journal (``LENS 028 396 621 844``) or an author.

Examples
--------
>>> parse_id_reference("Lens:028-396-621-844-004")["doi"]
'lens:028-396-621-844-004'
>>> parse_id_reference("OpenAlex:W2755950973")["source"] is None
True
>>> is_id_reference("Costanza R, 1997, NATURE, V387, P253")
False
"""

from __future__ import annotations

import re

from ._fields import empty_reference

#: Identifier schemes of cited references, as the readers prefix them in ``CR`` -> key prefix.
ID_SCHEMES = {"Lens": "lens", "OpenAlex": "openalex"}

_ID_REFERENCE = re.compile(r"^(Lens|OpenAlex):(\S+)$")
_ID_KEY = re.compile(r"^(?:lens|openalex):\S+$")


def is_id_reference(raw) -> bool:
    """Whether a ``CR`` item is a database identifier (``Lens:…``, ``OpenAlex:W…``).

    Examples
    --------
    >>> is_id_reference("Lens:028-396-621-844-004"), is_id_reference("Lens J, 2001, NATURE")
    (True, False)
    """
    return isinstance(raw, str) and _ID_REFERENCE.match(raw.strip()) is not None


def parse_id_reference(raw: str) -> dict | None:
    """The parsed form of an identifier reference, or None when ``raw`` is none.

    Parameters
    ----------
    raw : str
        One ``CR`` item.

    Returns
    -------
    dict or None
        ``raw`` kept; ``author``, ``year``, ``source``, ``volume``, ``page`` None; ``doi`` the
        identifier with its lower-case scheme (``lens:…``, ``openalex:W…``), which
        :func:`litkit.refs.reference_key` takes as the key.

    Examples
    --------
    >>> parse_id_reference("OpenAlex:W2755950973")["doi"]
    'openalex:W2755950973'
    >>> parse_id_reference("Costanza R, 1997, NATURE") is None
    True
    """
    m = _ID_REFERENCE.match(raw.strip()) if isinstance(raw, str) else None
    if m is None:
        return None
    out = empty_reference(raw)
    out["doi"] = f"{ID_SCHEMES[m.group(1)]}:{m.group(2)}"
    return out


def count_id_references(cited) -> int:
    """The number of identifier references in ``cited``, a sequence of ``CR`` lists (one per record).

    The run layer notes it when a cited-journal analysis leaves them out.

    Examples
    --------
    >>> count_id_references([["Lens:1-2", "Costanza R, 1997, NATURE"], [], None, ["OpenAlex:W3"]])
    2
    """
    return sum(
        1
        for refs in cited
        if refs is not None and not isinstance(refs, (str, float))
        for raw in refs
        if isinstance(raw, str) and raw[:4] in ("Lens", "Open") and is_id_reference(raw)
    )


def is_id_key(value) -> bool:
    """Whether a parsed reference's ``doi`` (or a key) is a database identifier, not a DOI.

    Examples
    --------
    >>> is_id_key("lens:028-396-621-844-004"), is_id_key("10.1038/387253a0")
    (True, False)
    """
    return isinstance(value, str) and _ID_KEY.match(value) is not None


__all__ = ["ID_SCHEMES", "is_id_reference", "parse_id_reference", "count_id_references", "is_id_key"]
