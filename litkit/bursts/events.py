"""Events from a corpus: which item occurs in which record and year, and the ``r``/``d`` counts per slice.

What ``r`` and ``d`` are for each kind of item
----------------------------------------------
:func:`citation_bursts` counts **records**, not citations (see its docstring):

=================  ==========================================  ==========================================
kind               ``r[t]`` for one item                       ``d[t]``
=================  ==========================================  ==========================================
cited_journal      citing records published in slice t that    all records published in slice t that
                   cite the journal at least once              cite at least one reference
cited_reference    citing records in slice t that cite the     all records in slice t that cite at least
                   reference                                   one reference
keyword            records in slice t with the keyword         all records in slice t with at least one
                   (DE or ID, case-folded)                     keyword in that field
author             records in slice t (co-)authored by the     all records in slice t with at least one
                   author (AU)                                 author
=================  ==========================================  ==========================================

CiteSpace counts differently for cited items: its ``r[t]`` is the number of
*citations* the item receives in slice t, and ``d[t]`` the number of all
citations (references) made in slice t.  Both count each citing record once
per cited reference, so the two agree for cited references (a record cites a
reference once).  For cited journals they differ: a record that cites three
papers of one journal adds 3 to CiteSpace's ``r[t]`` but 1 to litkit's, and
``d[t]`` is the number of records instead of the number of references.
litkit's record-based count keeps ``r[t] <= d[t]`` (the binomial model needs
it) and is not driven by a handful of papers with long reference lists.
Strengths are therefore comparable in shape, not in value, with CiteSpace's.

Examples
--------
>>> events = item_events(corpus, kind="keyword")                      # doctest: +SKIP
>>> counts = burst_counts(events, (2000, 2020))                       # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import LitkitError
from ..refs import cited_issue

KINDS = ("cited_journal", "cited_reference", "keyword", "author")


#: Column of the exported table naming the item, per kind (the seed CSV calls it ``cited_journal``).
ITEM_COLUMN = {
    "cited_journal": "cited_journal",
    "cited_reference": "cited_reference",
    "keyword": "keyword",
    "author": "author",
}


COUNTINGS = ("records", "citations")


def normalise_journal(name) -> str | None:
    """Canonical form of a cited-journal name: NFKC, upper case, single spaces.

    Examples
    --------
    >>> normalise_journal("  Ecosyst  serv ")
    'ECOSYST SERV'
    """
    text = _normalise_text(name)
    return text.upper() if text else None


def normalise_keyword(term) -> str | None:
    """The item of a keyword: :func:`litkit.text.term_key` (the key the keyword map uses), or None.

    Examples
    --------
    >>> normalise_keyword(" Ecosystem  Services"), normalise_keyword("Co–Word Analysis；")
    ('ecosystem service', 'coword analysis')
    """
    from ..text import term_key

    text = _normalise_text(term)
    return (term_key(text) or None) if text else None


def keyword_normaliser(thesaurus=None, stoplist=None, **options):
    """A function giving the item of a keyword, cleaned by litkit's one pipeline (:class:`litkit.text.TermCleaner`).

    Parameters
    ----------
    thesaurus : optional
        Anything :func:`litkit.text.thesaurus.resolve_thesaurus` accepts (``"default"``, a path,
        a mapping, a Thesaurus).
    stoplist : optional
        As in :class:`~litkit.text.TermCleaner`; None removes nothing.
    **options
        ``merge_plurals``, ``aliases``, ``stem`` of :class:`~litkit.text.TermCleaner`.

    Returns
    -------
    callable
        ``term -> str or None``: the term's node key, None for an empty or removed term.

    Examples
    --------
    >>> keyword_normaliser()(" Ecosystem  Services")
    'ecosystem service'
    """
    from ..text import TermCleaner

    cleaner = TermCleaner(stoplist=stoplist, thesaurus=thesaurus, **options)

    def norm(term):
        text = _normalise_text(term)
        return cleaner.key(text) if text else None

    return norm


def reference_label(refs: pd.DataFrame) -> pd.Series:
    """CiteSpace-style label of each cited reference: ``AUTHOR, YEAR, SOURCE, V1, P2``.

    Parameters
    ----------
    refs : pandas.DataFrame
        Rows of :func:`litkit.refs.references_table` (any of ``author``, ``year``, ``source``,
        ``volume``, ``page``, ``raw``).

    Returns
    -------
    pandas.Series
        One label per row (same index); a reference the parser could not split keeps its raw text.

    Examples
    --------
    >>> refs = pd.DataFrame({"author": ["Costanza R"], "year": [1997], "source": ["NATURE"],
    ...                      "volume": ["387"], "page": ["253"], "raw": ["x"]})
    >>> reference_label(refs).tolist()
    ['Costanza R, 1997, NATURE, V387, P253']
    """

    def part(col, prefix=""):
        if col not in refs.columns:
            return [""] * len(refs)
        text = _normalised_column(refs[col])
        # lists, not Series: iterating a string Series (Arrow-backed) costs microseconds per item
        return [f"{prefix}{t}" if t else "" for t in text.tolist()]

    pieces = [part("author"), part("year"), part("source"), part("volume", "V"), part("page", "P")]
    if "raw" in refs.columns and "page" in refs.columns:
        # a page-less CSSCI / GB/T journal reference is one work per issue (its key: litkit.refs.cited_issue),
        # so its label shows the issue: "V28(11)", "(18)" -- two papers of one volume are two labels
        pieces[3] = [
            f"{v}({i})" if (i := (cited_issue(r) if p == "" else None)) else v
            for v, p, r in zip(pieces[3], pieces[4], refs["raw"].tolist())
        ]
    label = pd.Series([", ".join(p for p in row if p) for row in zip(*pieces)], index=refs.index)
    if "raw" in refs.columns:  # a reference the parser could not split keeps its raw text
        # normalised only where it is used: raw strings are all distinct, and few rows lack a label
        unsplit = (label == "").to_numpy()
        if unsplit.any():
            label[unsplit] = _normalised_column(refs["raw"][unsplit])
    return label


def _normalised_column(values: pd.Series) -> np.ndarray:
    """``_normalise_text`` of every value (object array), computed once per distinct value.

    Only for columns whose equal values are equal keys (strings, integers); a column of other
    objects (1 and 1.0 hash alike but print differently) is done value by value.
    """
    if pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.infer_dtype(values, skipna=True) in (
        "string",
        "empty",
    ):
        codes, uniques = pd.factorize(values)
        texts = np.empty(len(uniques) + 1, dtype=object)
        texts[: len(uniques)] = [_normalise_text(u) for u in uniques]
        texts[len(uniques)] = None  # code -1: a missing value
        return texts[codes]
    out = np.empty(len(values), dtype=object)
    out[:] = [_normalise_text(v) for v in values]
    return out


def item_events(
    corpus,
    kind: str = "cited_journal",
    field: str = "DE",
    thesaurus="default",
    stoplist="default",
    keyword_options: dict | None = None,
) -> pd.DataFrame:
    """One row per occurrence of an item in a record: the events burst detection counts.

    Parameters
    ----------
    corpus : litkit.Corpus
    kind : {"cited_journal", "cited_reference", "keyword", "author"}
    field : str, default "DE"
        Keyword field for ``kind="keyword"``: ``"DE"`` (author keywords) or
        ``"ID"`` (Keywords Plus / index keywords).
    thesaurus : optional
        For keywords: synonyms to merge and terms to drop, anything
        :func:`litkit.text.thesaurus.resolve_thesaurus` accepts (``"default"``, the
        keyword map's default; a path to a VOSviewer thesaurus or ``a;b;canonical``
        table, a dict, a Thesaurus; None for none).
    stoplist : optional
        For keywords: whole keywords removed, as in :func:`litkit.cooccurrence`
        (``"default"``; None removes nothing).
    keyword_options : dict, optional
        For keywords: ``merge_plurals``, ``zh_variants``, ``aliases``, ``stem`` of
        :func:`litkit.text.corpus_terms`.  Keywords are cleaned by the pipeline of
        the keyword map, so a keyword is the same item in both.

    Returns
    -------
    pandas.DataFrame
        Columns ``record`` (the record's ``UT``), ``year`` (the record's
        publication year) and ``item`` (normalised: cited journals upper case,
        keywords their :func:`litkit.text.term_key` node key, whitespace collapsed).  Records without a year
        and empty items are left out.  Repeats within a record are kept (they
        matter for ``counting="citations"``).
    """
    if kind not in KINDS:
        raise LitkitError(f"unknown kind {kind!r}", expected=" or ".join(KINDS))
    df = corpus.df
    if kind in ("cited_journal", "cited_reference"):
        try:
            refs = corpus.references
        except ImportError:
            raise LitkitError(
                "cited-item bursts need litkit.refs (reference parsing), which is not installed in this version"
            ) from None
        if refs is None or len(refs) == 0:
            return pd.DataFrame(
                {
                    "record": pd.Series([], dtype=object),
                    "year": pd.Series([], dtype="Int64"),
                    "item": pd.Series([], dtype=object),
                }
            )
        refs = refs.reset_index(drop=True)
        if "PY" in refs.columns:
            year = pd.to_numeric(refs["PY"], errors="coerce")
        else:  # take the citing year from the corpus
            year = pd.to_numeric(refs["UT"].map(dict(zip(df["UT"], df["PY"]))), errors="coerce")
        record = refs["UT"] if "UT" in refs.columns else refs["record"]
        if kind == "cited_journal":
            codes, sources = pd.factorize(refs["source"].to_numpy(dtype=object))
            item = _take(np.array([normalise_journal(v) for v in sources], dtype=object), codes)
        else:
            item = _reference_items(refs)
        events = pd.DataFrame({"record": record.astype(object), "year": year, "item": item})
    else:
        column = "AU" if kind == "author" else field
        if column not in df.columns:
            raise LitkitError(f"the corpus has no column {column!r}", expected="a canonical list column, DE or ID")
        if kind == "keyword":
            # litkit's one term pipeline: the items are the keyword map's node keys.
            from ..text import corpus_terms

            terms = corpus_terms(corpus, column, stoplist=stoplist, thesaurus=thesaurus, **(keyword_options or {}))
            rows = [(ut, py, key) for ut, py, keys in zip(df["UT"], df["PY"], terms.docs) for key in keys]
        else:
            rows = [
                (ut, py, _normalise_text(v))
                for ut, py, values in zip(df["UT"], df["PY"], df[column])
                for v in (values if isinstance(values, (list, tuple, np.ndarray)) else [])
            ]
        events = pd.DataFrame(rows, columns=["record", "year", "item"])
        events["year"] = pd.to_numeric(events["year"], errors="coerce")
    events = events.dropna(subset=["year", "item"])
    events = events[events["item"] != ""]
    events["year"] = events["year"].astype(np.int64)
    return events.reset_index(drop=True)


def check_years(years) -> tuple[int, int]:
    """A user's ``years=(first, last)`` as two ints, or a LitkitError saying what is wrong."""
    try:
        start, end = (int(y) for y in years)
    except (TypeError, ValueError):
        raise LitkitError(f"years must be a (first, last) pair of years, got {years!r}") from None
    if start > end:
        raise LitkitError(f"years: first year {start} is after last year {end}")
    return start, end


class BurstCounts(NamedTuple):
    """The ``r`` and ``d`` series of every item: what the burst model is fitted to."""

    items: np.ndarray  # item names, sorted
    slice_start: np.ndarray  # first calendar year of each slice
    slice_end: np.ndarray  # last calendar year of each slice
    R: np.ndarray  # items x slices: r[t] of each item
    D: np.ndarray  # slices: d[t], shared by every item
    first_year: np.ndarray  # first year each item occurs in the period


def burst_counts(
    events: pd.DataFrame, period: tuple[int, int], slice_years: int = 1, counting: str = "records"
) -> BurstCounts:
    """Count ``r[t]`` per item and ``d[t]`` per slice from item events (see :func:`item_events`).

    ``counting="records"``: ``r[t]`` = records in slice t with the item,
    ``d[t]`` = records in slice t with any item.  ``counting="citations"``:
    ``r[t]`` = occurrences of the item in slice t (a record citing a journal
    three times counts 3), ``d[t]`` = all occurrences in slice t, as CiteSpace
    counts citations.

    Examples
    --------
    >>> ev = pd.DataFrame({"record": ["a", "a", "b", "c"], "year": [2000, 2000, 2001, 2001],
    ...                    "item": ["X", "X", "X", "Y"]})
    >>> counts = burst_counts(ev, (2000, 2001))
    >>> counts.items.tolist(), counts.R.tolist(), counts.D.tolist()
    (['X', 'Y'], [[1.0, 1.0], [0.0, 1.0]], [1.0, 2.0])
    """
    _check_counting(slice_years, counting)
    year = events["year"].to_numpy()
    first, last = period
    keep = (year >= first) & (year <= last)
    # Items and records as integer codes: a corpus of a million records has tens of millions of
    # cited-reference events, and hashing, de-duplicating or sorting the strings themselves (or a
    # fixed-width copy of them) costs many times the memory of the codes.
    values = events["item"].to_numpy(dtype=object)[keep]
    missing = pd.isna(values)
    if missing.any():  # as str() names them ("None", "nan"); factorize's -1 would index the last item
        values = values.copy()
        values[missing] = [str(v) for v in values[missing]]
    item_code, uniques = pd.factorize(values)
    names = np.empty(len(uniques), dtype=object)
    names[:] = [str(u) for u in uniques]
    record_code = pd.factorize(events["record"].to_numpy(dtype=object)[keep], use_na_sentinel=False)[0]
    return counts_from_codes(year[keep], item_code, names, record_code, period, slice_years, counting)


def counts_from_codes(
    year: np.ndarray,
    item_code: np.ndarray,
    names: np.ndarray,
    record_code: np.ndarray,
    period: tuple[int, int],
    slice_years: int = 1,
    counting: str = "records",
    can_burst=None,
) -> BurstCounts:
    """:func:`burst_counts` from integer-coded events (what it does after coding the strings).

    Parameters
    ----------
    year : numpy.ndarray of int
        Year of each event.
    item_code : numpy.ndarray of int
        Index into ``names`` of each event's item (all >= 0).
    names : numpy.ndarray of str
        Item names, distinct, in any order (names no event uses are left out of the counts).
    record_code : numpy.ndarray of int
        Equal for the events of one record.
    period, slice_years, counting
        As in :func:`burst_counts`.
    can_burst : callable, optional
        ``(total_r, total_d, n_slices) -> bool mask``: only the items it keeps are counted
        (the burst table's shortcut, :func:`litkit.bursts.can_burst`); default all.

    Returns
    -------
    BurstCounts
        Items sorted by code-point order, as :func:`burst_counts` gives them.

    Examples
    --------
    >>> c = counts_from_codes(np.array([2000, 2001, 2001]), np.array([1, 1, 0]), np.array(["Y", "X"], dtype=object),
    ...                       np.array([0, 1, 2]), (2000, 2001))
    >>> c.items.tolist(), c.R.tolist(), c.D.tolist()
    (['X', 'Y'], [[1.0, 1.0], [0.0, 1.0]], [1.0, 2.0])
    """
    _check_counting(slice_years, counting)
    first, last = period
    n_slices = (last - first) // slice_years + 1
    slice_start = first + slice_years * np.arange(n_slices)
    slice_end = np.minimum(slice_start + slice_years - 1, last)
    keep = (year >= first) & (year <= last)
    year = year[keep].astype(np.int64)
    item_code = np.asarray(item_code, dtype=np.int64)[keep]
    record_code = np.asarray(record_code, dtype=np.int64)[keep]
    # The items that occur, renumbered in code-point order of their names (sorting the distinct names only).
    present = np.flatnonzero(np.bincount(item_code, minlength=len(names)))
    present_names = np.asarray(names, dtype=object)[present]
    order = np.argsort(present_names, kind="stable") if len(present) else np.zeros(0, dtype=np.int64)
    rank = np.full(len(names), -1, dtype=np.int64)
    rank[present[order]] = np.arange(len(present))
    item_code = rank[item_code]
    items = present_names[order]
    if counting == "records":  # a record counts once per item
        first_of_pair = _first_occurrences(record_code * np.int64(max(len(items), 1)) + item_code)
        year, item_code, record_code = year[first_of_pair], item_code[first_of_pair], record_code[first_of_pair]
    slice_of = (year - first) // slice_years
    if counting == "records":
        first_of_record = _first_occurrences(record_code)
        D = np.bincount(slice_of[first_of_record], minlength=n_slices).astype(float)
    else:
        D = np.bincount(slice_of, minlength=n_slices).astype(float)
    if can_burst is not None:
        chosen = np.flatnonzero(can_burst(np.bincount(item_code, minlength=len(items)), D.sum(), n_slices))
        position = np.full(len(items), -1, dtype=np.int64)
        position[chosen] = np.arange(len(chosen))
        rows = position[item_code] >= 0
        item_code, year, slice_of = position[item_code[rows]], year[rows], slice_of[rows]
        items = items[chosen]
    # bincount over (item, slice) cells: the same whole counts as adding 1.0 per event, without np.add.at.
    R = (
        np.bincount(item_code * n_slices + slice_of, minlength=len(items) * n_slices)
        .reshape(len(items), n_slices)
        .astype(float)
    )
    first_year = np.full(len(items), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_year, item_code, year)
    return BurstCounts(items, slice_start, slice_end, R, D, first_year)


def _first_occurrences(values: np.ndarray) -> np.ndarray:
    """``~pd.Series(values).duplicated()`` of integers by a stable sort: five times faster on the four
    million (record, item) pairs of 100,000 records, whose hashing dominated the burst counts."""
    order = np.argsort(values, kind="stable")  # equal values keep their order: the first comes first
    ordered = values[order]
    first = np.ones(len(values), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    out = np.zeros(len(values), dtype=bool)
    out[order[first]] = True
    return out


def _check_counting(slice_years, counting) -> None:
    if isinstance(slice_years, bool) or not isinstance(slice_years, (int, np.integer)) or slice_years < 1:
        raise LitkitError(f"slice_years must be a whole number of years >= 1, got {slice_years!r}")
    if counting not in COUNTINGS:
        raise LitkitError(f"unknown counting {counting!r}", expected=" or ".join(COUNTINGS))


def cited_item_codes(corpus, kind: str = "cited_journal"):
    """The events of :func:`item_events` for cited journals or references, as integer codes.

    Parameters
    ----------
    corpus : litkit.Corpus
    kind : {"cited_journal", "cited_reference"}

    Returns
    -------
    year, item_code, names, record_code : numpy.ndarray
        One entry per event that :func:`item_events` keeps, in its order: the citing year,
        the index of the item into ``names`` (distinct item names), and a code equal for the
        events of one citing record (records with the same ``UT`` share it, as in
        :func:`burst_counts`).  ``counts_from_codes(*cited_item_codes(c, k), period)`` equals
        ``burst_counts(item_events(c, k), period)`` without making a string per event.

    Examples
    --------
    >>> year, item_code, names, record_code = cited_item_codes(corpus, "cited_journal")  # doctest: +SKIP
    """
    if kind not in ("cited_journal", "cited_reference"):
        raise LitkitError(f"unknown cited kind {kind!r}", expected="cited_journal or cited_reference")
    from ..corpus import Corpus

    df = corpus.df
    try:
        if type(corpus) is Corpus and "CR" in df.columns:
            # Citations as codes into the distinct references (litkit.refs.distinct_references): the
            # items are found once per distinct reference, and no row per citation holds strings.
            # Only a plain Corpus: a subclass (litkit.scale.GatheredCorpus) may hold its references
            # in .references and no CR in .df, where distinct_references would find no citation.
            from ..refs import distinct_references

            # cited journals read the sources only: no reference keys; the citing year and UT are
            # looked up by record below, not held per citation
            refs, distinct = distinct_references(df, keys=kind != "cited_journal", citing=False)
        else:  # anything else with .df and .references (the references table)
            refs, distinct = corpus.references, None
    except ImportError:
        raise LitkitError(
            "cited-item bursts need litkit.refs (reference parsing), which is not installed in this version"
        ) from None
    if refs is None or len(refs) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=object), empty
    if distinct is not None:
        return _distinct_item_codes(df, refs, distinct, kind)
    if "PY" in refs.columns:
        year = pd.to_numeric(refs["PY"], errors="coerce")
    else:  # take the citing year from the corpus
        year = pd.to_numeric(refs["UT"].map(dict(zip(df["UT"], df["PY"]))), errors="coerce")
    valid = year.notna().to_numpy().copy()
    if "record" in refs.columns and "UT" in df.columns:
        # refs.record is the citing record's row in corpus.df: code the corpus's UTs (one per record)
        # instead of the citations' (one per reference), the same partition as factorising refs.UT.
        ut_code = pd.factorize(df["UT"].to_numpy(dtype=object), use_na_sentinel=False)[0]
        record_code = ut_code[refs["record"].to_numpy(dtype=np.int64)]
    else:
        record = refs["UT"] if "UT" in refs.columns else refs["record"]
        record_code = pd.factorize(record.to_numpy(dtype=object), use_na_sentinel=False)[0]
    if kind == "cited_journal":
        item_code, names = _journal_item_codes(refs["source"])
    else:
        item_code, names = _reference_item_codes(refs)
    names = np.asarray(names, dtype=object)
    empty_names = np.flatnonzero(names == "")
    valid &= (item_code >= 0) & ~np.isin(item_code, empty_names)
    year_values = year.to_numpy(dtype="float64", na_value=np.nan)[valid].astype(np.int64)
    return year_values, item_code[valid].astype(np.int64), names, record_code[valid].astype(np.int64)


def _distinct_item_codes(df: pd.DataFrame, citations: pd.DataFrame, distinct: pd.DataFrame, kind: str):
    """:func:`cited_item_codes` from :func:`litkit.refs.distinct_references`.

    The item of each distinct reference is found first (and an empty name made "no item" there),
    then one gather per citation gives its item; at 100,000 records that is four million citations
    against 80,000 distinct references, so nothing else is done per citation but the year test.
    """
    code = citations["code"].to_numpy(dtype=np.int64)
    if kind == "cited_journal":
        item_of, names = _journal_item_codes(distinct["source"])
    else:
        weight = np.bincount(code, minlength=len(distinct))
        item_of, names = _distinct_reference_item_codes(distinct.reset_index(drop=True), weight)
    names = np.asarray(names, dtype=object)
    item_of = np.where(np.isin(item_of, np.flatnonzero(names == "")), -1, item_of)
    item_code = item_of[code]
    # citations.record is the citing record's row in df: its year (PY as distinct_references reads it,
    # Int64; a missing year leaves the citation out) and its UT, coded once per record -- the same
    # partition as factorising the citations' UTs (one per record, missing UTs equal each other).
    record = citations["record"].to_numpy(dtype=np.int64)
    py = pd.array(df["PY"], dtype="Int64") if "PY" in df.columns else pd.array([None] * len(df), dtype="Int64")
    year = py.to_numpy(dtype="float64", na_value=np.nan)[record]
    valid = (item_code >= 0) & ~np.isnan(year)
    record = record[valid]
    if "UT" in df.columns:
        record_code = pd.factorize(df["UT"].to_numpy(dtype=object), use_na_sentinel=False)[0][record]
    else:  # no UT: every citation has the same (missing) one
        record_code = np.zeros(len(record), dtype=np.int64)
    item_code = item_code[valid].astype(np.int64, copy=False)
    return year[valid].astype(np.int64), item_code, names, record_code.astype(np.int64, copy=False)


def _journal_item_codes(sources: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Item code of each row (-1 for none) and the item names: the cited journals of ``sources``, normalised once each."""
    codes, uniques = pd.factorize(sources.to_numpy(dtype=object))
    normalised = np.empty(len(uniques), dtype=object)
    normalised[:] = [normalise_journal(v) for v in uniques]
    name_of_source, names = pd.factorize(normalised)
    item_code = np.where(codes >= 0, name_of_source[np.maximum(codes, 0)] if len(uniques) else -1, -1)
    return item_code, names


def _normalise_text(value) -> str | None:
    import unicodedata

    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = " ".join(unicodedata.normalize("NFKC", str(value)).split())
    return text or None


def _take(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``values[codes]`` with ``None`` where the code is -1 (a missing value in :func:`pandas.factorize`)."""
    out = np.empty(len(codes), dtype=object)
    if len(values):
        out[:] = values[np.maximum(codes, 0)]
    out[codes < 0] = None
    return out


def _row_codes(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """One integer per row, equal for rows equal in ``columns`` (missing values equal each other)."""
    code = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        column_code, uniques = pd.factorize(frame[column].to_numpy(dtype=object), use_na_sentinel=False)
        code = pd.factorize(code * np.int64(len(uniques)) + column_code)[0]
    return code


def _row_codes_by_raw(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """:func:`_row_codes` in one hashing pass when the other columns follow from ``raw``.

    The parsed fields of a reference are a function of its string (references_table parses each
    distinct string once), so coding ``raw`` alone usually gives the same partition as coding every
    column.  That is checked, not assumed: each row's values are compared with those of the first
    row with its string, and on any difference (or a value that does not compare plainly, such as
    NaN) the general :func:`_row_codes` decides.  Codes are in order of first appearance either way.
    """
    if "raw" not in columns or len(frame) == 0:
        return _row_codes(frame, columns)
    code = pd.factorize(frame["raw"].to_numpy(dtype=object), use_na_sentinel=False)[0]
    first = _first_rows(code)
    for column in columns:
        if column == "raw":
            continue
        series = frame[column]
        try:
            if pd.api.types.is_integer_dtype(series.dtype):
                values = series.to_numpy(dtype=np.int64, na_value=np.iinfo(np.int64).min)
            else:
                values = series.to_numpy(dtype=object)
        except (TypeError, ValueError):
            return _row_codes(frame, columns)
        if not _constant_within(values, first, code):
            return _row_codes(frame, columns)
    return code


def _reference_items(refs: pd.DataFrame) -> np.ndarray:
    """The item of each cited reference (see :func:`_reference_item_codes`), None where it has none."""
    item_code, labels = _reference_item_codes(refs)
    return _take(labels, item_code)


def _reference_item_codes(refs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The item of each cited reference: the label its key carries most often (ties alphabetical).

    A key's label is the most frequent :func:`reference_label` among the
    citations with that key, ties broken by code-point order; references with
    the empty key (``[No title captured]``) or no label get ``None``.  The work
    is done on integer codes: labels are made once per distinct parsed row and
    (key, label) pairs counted as numbers, because a million-record corpus
    cites tens of millions of references.
    """
    label_columns = [c for c in ("author", "year", "source", "volume", "page", "raw") if c in refs.columns]
    row = _row_codes_by_raw(refs, label_columns)
    first_rows = _first_rows(row)  # row codes are 0..n-1 in order of first appearance
    distinct_labels = reference_label(refs.iloc[first_rows].reset_index(drop=True)).to_numpy(dtype=object)
    label_of_distinct, labels = pd.factorize(distinct_labels)
    labels = np.asarray(labels, dtype=object)
    # The key of each distinct parsed row, when every row with those fields has the same key (the
    # usual case: the key follows from the parse, though DOIs lent across the corpus could break it).
    key_of_distinct = label_of_distinct
    if "key" in refs.columns:
        key = refs["key"].to_numpy(dtype=object)
        key_of_distinct = None
        if _constant_within(key, first_rows, row):
            key_of_distinct, key_uniques = pd.factorize(key[first_rows])
            # litkit.refs gives the empty key to references that identify no work ([No title captured])
            empty_key = np.flatnonzero(np.asarray(key_uniques, dtype=object) == "")
            key_of_distinct = np.where(np.isin(key_of_distinct, empty_key), -1, key_of_distinct)
    if key_of_distinct is not None:
        # (key, label) pairs counted over the distinct rows, each weighted by its citations.
        weight = np.bincount(row, minlength=len(first_rows))
        item_code = _best_label_per_key(key_of_distinct, label_of_distinct, labels, weight)
        return item_code[row], labels  # from distinct rows to citations
    key_code = pd.factorize(key)[0]
    key_code[np.fromiter((k == "" for k in key), dtype=bool, count=len(key))] = -1
    label_code = label_of_distinct[row]
    return _best_label_per_key(key_code, label_code, labels, np.ones(len(key_code), dtype=np.int64)), labels


def _distinct_reference_item_codes(distinct: pd.DataFrame, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_reference_item_codes` on distinct references, each cited ``weight`` times.

    ``distinct`` has one row per distinct reference (:func:`litkit.refs.distinct_references`) and a
    key per row, so the (key, label) pairs are counted over its rows weighted by their citations.
    Returns the item code of each distinct row and the labels.
    """
    labels_of_rows = reference_label(distinct).to_numpy(dtype=object)
    label_of_distinct, labels = pd.factorize(labels_of_rows)
    labels = np.asarray(labels, dtype=object)
    if "key" in distinct.columns:
        key_of_distinct, key_uniques = pd.factorize(distinct["key"].to_numpy(dtype=object))
        # litkit.refs gives the empty key to references that identify no work ([No title captured])
        empty_key = np.flatnonzero(np.asarray(key_uniques, dtype=object) == "")
        key_of_distinct = np.where(np.isin(key_of_distinct, empty_key), -1, key_of_distinct)
    else:
        key_of_distinct = label_of_distinct
    return _best_label_per_key(key_of_distinct, label_of_distinct, labels, np.asarray(weight)), labels


def _best_label_per_key(key_code, label_code, labels, weight) -> np.ndarray:
    """Item code of each row: its key's most frequent label (``weight`` rows each), ties alphabetical."""
    empty_label = np.flatnonzero(labels == "")
    n_labels = np.int64(max(len(labels), 1))
    valid = (key_code >= 0) & (label_code >= 0) & ~np.isin(label_code, empty_label)
    pairs, inverse = np.unique(key_code[valid] * n_labels + label_code[valid], return_inverse=True)
    n = np.bincount(inverse.ravel(), weights=weight[valid], minlength=len(pairs)).astype(np.int64)
    pair_key, pair_label = pairs // n_labels, pairs % n_labels
    label_rank = np.empty(len(labels), dtype=np.int64)
    label_rank[np.argsort(labels, kind="stable")] = np.arange(len(labels))
    order = np.lexsort((label_rank[pair_label], -n, pair_key))
    pair_key, pair_label = pair_key[order], pair_label[order]
    first_of_key = np.r_[True, pair_key[1:] != pair_key[:-1]] if len(pair_key) else np.zeros(0, dtype=bool)
    best = np.full(int(key_code.max()) + 1 if len(key_code) else 0, -1, dtype=np.int64)
    best[pair_key[first_of_key]] = pair_label[first_of_key]
    return np.where(key_code >= 0, best[np.maximum(key_code, 0)] if len(best) else -1, -1)


def _first_rows(code: np.ndarray) -> np.ndarray:
    """Index of the first row of each code, for codes numbered in order of first appearance."""
    if len(code) == 0:
        return np.zeros(0, dtype=np.int64)
    before = np.maximum.accumulate(np.concatenate(([-1], code[:-1])))
    return np.flatnonzero(code > before)


def _constant_within(values: np.ndarray, first_rows: np.ndarray, code: np.ndarray) -> bool:
    """True when every row holds the same value as the first row of its code (plain equality)."""
    try:
        same = values == values[first_rows][code]
    except (TypeError, ValueError):
        return False
    return isinstance(same, np.ndarray) and same.dtype == bool and bool(same.all())


__all__ = [
    "item_events",
    "burst_counts",
    "counts_from_codes",
    "cited_item_codes",
    "BurstCounts",
    "check_years",
    "normalise_journal",
    "normalise_keyword",
    "keyword_normaliser",
    "reference_label",
    "KINDS",
    "ITEM_COLUMN",
    "COUNTINGS",
]
