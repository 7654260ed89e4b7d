"""Combining the records of one match group into one record (used by :func:`litkit.merge`).

Rules, each deterministic (no dependence on the order the inputs came in):

* **Database priority** for choices and ties: WoS > Scopus > CNKI > other
  (a merged input counts with its best database).
* **Representative**: the member with the best database, then the smallest
  ``UT``, ``source_file``, ``source_line``.  The merged record keeps its
  ``UT`` (so a WoS accession number if there is one, else the Scopus EID,
  else the CNKI id), ``source_line`` (a line of the representative's own file;
  ``report.membership`` lists every member's file and line) and ``extra``.
* ``DB``: every database of every member, ``;``-joined in priority order
  (``WoS;CNKI``, ``WoS;Scopus;CNKI``): the first is the representative's
  database, whose cited-reference strings the merged record mostly keeps.
* ``source_file``, ``source_format``: every value of every member, sorted and
  ``;``-joined.
* ``TI``, ``AU``, ``AF``, ``PY``, ``DI`` -- the fields records are matched
  on: the value of the highest-priority member that has one (the
  representative's, as a rule).  A merged record is therefore matched again
  exactly as its representative was, which is what makes merging a merged
  corpus change nothing; it also keeps a WoS record's title with its WoS id.
* ``TC``, ``NR``: the largest value (each database counts citations
  itself; the larger count is the more complete one).
* other text fields (``SO AB J9 VL BP …``): the longest value after
  collapsing whitespace -- a truncated title, abstract or source is shorter,
  never longer; ties go to database priority, then the smaller string.
* list fields ``C1 WC SC``: the longest list; ties as above.
* ``DE``, ``ID``: the union, de-duplicated case-insensitively, in
  database-priority order of the members (the first spelling seen is kept).
* ``CR``: the union de-duplicated by canonical reference key
  (:func:`litkit.refs.reference_keys`: :func:`litkit.refs.reference_key`
  with the cited source normalised and DOI-less references given the DOI key
  of the same reference with a DOI); a key cited *k* times by the member
  that cites it most often appears *k* times, so the merged list is never
  shorter than the richest member's.  The raw strings kept for a key are those
  of the highest-priority member citing it (WoS strings, which CiteSpace
  expects, when WoS is a member).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..corpus import COLUMN_NAMES, INT_COLUMNS, LIST_COLUMNS
from ..refs import reference_keys

DB_PRIORITY = ("WoS", "Scopus", "CNKI")

#: Columns the matching rules read; a merged record takes them from its highest-priority member.
MATCHING_COLUMNS = ("TI", "AU", "AF", "PY", "DI")


def database_set(value) -> frozenset:
    """``"CNKI;WoS"`` -> ``frozenset({"CNKI", "WoS"})``."""
    if not value or value != value:
        return frozenset({"other"})
    return frozenset(p.strip() for p in str(value).split(";") if p.strip())


def database_rank(dbs: frozenset) -> int:
    """0 for a set containing WoS, 1 for Scopus, 2 for CNKI, 3 otherwise."""
    return min((DB_PRIORITY.index(d) if d in DB_PRIORITY else len(DB_PRIORITY)) for d in dbs)


def union_references(members: list[list[str]], keys_of=reference_keys) -> list[str]:
    """Union of the members' reference lists (members in priority order), see the module docstring.

    ``keys_of`` maps a list of reference strings to their keys (default
    :func:`litkit.refs.reference_keys`, applied to the whole group so that
    a DOI-less reference takes the DOI key of the same reference with a DOI).

    >>> union_references([["A 1", "B 2"], ["b 2", "C 3", "C 3"]],
    ...                  keys_of=lambda raws: [r.upper() for r in raws])
    ['A 1', 'B 2', 'C 3', 'C 3']
    """
    flat = [r for refs in members for r in refs]
    flat_keys = iter(keys_of(flat))
    keyed = [[(next(flat_keys), r) for r in refs] for refs in members]
    counts = [Counter(k for k, _ in refs) for refs in keyed]
    best: dict[str, int] = {}  # key -> member that cites it most often (first in priority on ties)
    order: list[str] = []
    for m, c in enumerate(counts):
        for key, _ in keyed[m]:
            if key not in best:
                order.append(key)
                best[key] = m
            elif c[key] > counts[best[key]][key]:
                best[key] = m
    out: list[str] = []
    for key in order:
        out.extend(r for k, r in keyed[best[key]] if k == key)
    return out


def combine(rows: list[dict], keys_of=reference_keys) -> dict:
    """One merged record from the records of a match group (see the module docstring)."""
    members = _sorted_members(rows)
    rep = members[0]
    out: dict = {}
    for column in COLUMN_NAMES:
        if column in ("UT", "source_line", "extra"):
            out[column] = rep.get(column)
        elif column == "DB":
            out[column] = _joined(members, column, key=_database_order)
        elif column in ("source_file", "source_format"):
            out[column] = _joined(members, column)
        elif column in MATCHING_COLUMNS:
            out[column] = next((r[column] for r in members if not _missing(r.get(column))), None)
        elif column in ("TC", "NR"):
            values = [int(r[column]) for r in members if not _missing(r.get(column))]
            out[column] = max(values) if values else None
        elif column in ("DE", "ID"):
            out[column] = _keyword_union(members, column)
        elif column == "CR":
            out[column] = union_references([list(r.get("CR") or []) for r in members], keys_of)
        elif column in LIST_COLUMNS:
            out[column] = _longest_list(members, column)
        elif column in INT_COLUMNS:
            out[column] = next((r[column] for r in members if not _missing(r.get(column))), None)
        else:
            out[column] = _longest_text(members, column)
    return out


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, list):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _sorted_members(rows: list[dict]) -> list[dict]:
    return sorted(
        rows,
        key=lambda r: (
            database_rank(database_set(r.get("DB"))),
            str(r.get("UT") or ""),
            str(r.get("source_file") or ""),
            int(r.get("source_line") or 0) if not _missing(r.get("source_line")) else 0,
        ),
    )


def _joined(rows: list[dict], column: str, key=None) -> str | None:
    values = sorted(
        {p.strip() for r in rows if not _missing(r.get(column)) for p in str(r[column]).split(";") if p.strip()},
        key=key,
    )
    return ";".join(values) or None


def _database_order(db: str) -> tuple:
    return (database_rank(frozenset({db})), db)


def _longest_text(rows: list[dict], column: str):
    best = None
    for rank, r in enumerate(rows):
        v = r.get(column)
        if _missing(v) or not str(v).strip():
            continue
        text = " ".join(str(v).split())
        key = (-len(text), rank, text)
        if best is None or key < best[0]:
            best = (key, v)
    return None if best is None else best[1]


def _longest_list(rows: list[dict], column: str) -> list:
    best = None
    for rank, r in enumerate(rows):
        v = r.get(column)
        if _missing(v):
            continue
        v = list(v)
        key = (-len(v), rank, v)
        if best is None or key < best[0]:
            best = (key, v)
    return [] if best is None else best[1]


def _keyword_union(rows: list[dict], column: str) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for r in rows:
        v = r.get(column)
        if _missing(v):
            continue
        for kw in v:
            fold = " ".join(str(kw).split()).casefold()
            if fold and fold not in seen:
                seen.add(fold)
                out.append(kw)
    return out


__all__ = [
    "DB_PRIORITY",
    "MATCHING_COLUMNS",
    "database_set",
    "database_rank",
    "union_references",
    "combine",
]
