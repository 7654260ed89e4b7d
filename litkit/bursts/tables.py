"""Burst tables: from events or counts to the table of the strongest bursts, and its exported (Figure 5) form.

Examples
--------
>>> table = citation_bursts(corpus, kind="cited_journal", top=20)      # doctest: +SKIP
>>> write_burst_table(table, "cited_journal_bursts.csv")              # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import LitkitError
from .events import (
    ITEM_COLUMN,
    KINDS,
    BurstCounts,
    burst_counts,
    check_years,
    cited_item_codes,
    counts_from_codes,
    item_events,
)
from .model import can_burst, check_parameters, kleinberg_many


def citation_bursts(
    corpus,
    kind: str = "cited_journal",
    top: int | None = 20,
    s: float = 2,
    gamma: float = 1,
    min_duration: int = 1,
    slice_years: int = 1,
    field: str = "DE",
    years: tuple[int, int] | None = None,
    counting: str = "records",
    thesaurus="default",
) -> pd.DataFrame:
    """Items with the strongest bursts: the table behind CiteSpace's burst figure (Figure 5).

    Parameters
    ----------
    corpus : litkit.Corpus
    kind : {"cited_journal", "cited_reference", "keyword", "author"}
        What bursts.  Cited journals and references come from
        ``corpus.references`` (parsed ``CR``); keywords from ``field``;
        authors from ``AU``.
    top : int or None, default 20
        Keep the ``top`` strongest items (None: all items with a burst).
    s, gamma, min_duration
        Model parameters, as in :func:`kleinberg` (``min_duration`` in slices).
    slice_years : int, default 1
        Length of a time slice in years.  Slices start at the first year of
        the period; the last one may be shorter.
    field : {"DE", "ID"}, default "DE"
        Keyword field for ``kind="keyword"``.
    years : (int, int), optional
        First and last year of the period (default: the corpus's PY range).
        Records outside it are ignored.
    counting : {"records", "citations"}, default "records"
        How events are counted (below).
    thesaurus : optional
        For keywords: synonyms to merge and terms to drop (see :func:`item_events`);
        ``"default"`` is the keyword map's default, so the items are the map's node keys.

    Returns
    -------
    pandas.DataFrame
        One row per item with a burst, sorted by strength (descending), then
        begin year, then item: ``item``, ``year`` (first year the item occurs
        in the period), ``strength`` (burst weight of its strongest burst),
        ``begin``/``end`` (calendar years of that burst, inclusive),
        ``period_start``/``period_end`` (the bar), ``count`` (``sum(r)``: records, or citations),
        ``bursts`` (every burst of the item, ``"2001-2003;2010-2011"``).

    Notes
    -----
    With ``counting="records"`` (default), for each slice t:

    * cited journal: ``r[t]`` = citing records published in t that cite the
      journal at least once; ``d[t]`` = records published in t that cite
      anything;
    * cited reference: ``r[t]`` = records in t citing the reference;
      ``d[t]`` = records in t that cite anything;
    * keyword: ``r[t]`` = records in t with the keyword; ``d[t]`` = records
      in t with at least one keyword in ``field``;
    * author: ``r[t]`` = records in t by the author; ``d[t]`` = records in t
      with at least one author.

    CiteSpace documents its bursts as bursts in *citation counts* of cited
    items (and frequencies of keywords, publication counts of authors) per
    slice; ``counting="citations"`` follows that: ``r[t]`` = citations
    (reference-list entries) to the item in t, ``d[t]`` = all reference-list
    entries in t (for keywords/authors: occurrences).  The two agree for cited
    references; for cited journals a paper citing five articles of one
    journal counts 5 under "citations" and 1 under "records".  CiteSpace's
    exact denominator is not documented and its code is closed, so its
    strengths are a shape to compare with, not numbers to match.

    Examples
    --------
    >>> import litkit
    >>> corpus = litkit.Corpus.read_parquet("corpus.parquet")          # doctest: +SKIP
    >>> citation_bursts(corpus, kind="cited_journal", top=20)         # doctest: +SKIP
    """
    if kind in ("cited_journal", "cited_reference"):
        # Cited items: integer-coded events (millions of citations need no string each), and counts only
        # for the items that can burst (litkit.bursts.can_burst) -- the same table as the general path.
        year, item_code, names, record_code = cited_item_codes(corpus, kind)
        period = _period(corpus, pd.DataFrame({"year": year}), years)
        check_parameters(s, gamma, min_duration)
        _check_top(top)

        def hopeful(total_r, total_d, n_slices):
            return can_burst(total_r, total_d, n_slices, s, gamma)

        counts = counts_from_codes(year, item_code, names, record_code, period, slice_years, counting, hopeful)
        table = bursts_from_counts(counts, period, s=s, gamma=gamma, min_duration=min_duration, top=top)
    else:
        from ..text import reuse_terms

        with reuse_terms():  # keyword labels below reuse the cleaned terms of item_events
            events = item_events(corpus, kind=kind, field=field, thesaurus=thesaurus)
            labels = keyword_labels(corpus, events["item"].unique(), field, thesaurus) if kind == "keyword" else None
        period = _period(corpus, events, years)
        table = bursts_from_events(
            events,
            period,
            s=s,
            gamma=gamma,
            min_duration=min_duration,
            slice_years=slice_years,
            counting=counting,
            top=top,
        )
        if labels is not None:
            table = with_keyword_labels(table, labels)
    table.attrs.update(
        kind=kind,
        s=s,
        gamma=gamma,
        min_duration=min_duration,
        slice_years=slice_years,
        field=field,
        counting=counting,
        period=list(period),
    )
    return table


def keyword_labels(corpus, keys, field: str = "DE", thesaurus="default") -> dict:
    """The keyword map's label of each keyword node key: its most frequent surface form in ``field``.

    Keys are those of :func:`item_events` (``kind="keyword"``) and of :func:`litkit.cooccurrence`
    ("coword analysis"); labels are what the map shows ("co-word analysis").

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"DE": ["Co-Word Analysis"]}, {"DE": ["co-word analysis"]},
    ...                                 {"DE": ["co-word analyses"]}])
    >>> keyword_labels(c, ["coword analysis"])
    {'coword analysis': 'co-word analysis'}
    """
    from ..text import corpus_terms

    cleaner = corpus_terms(corpus, field, thesaurus=thesaurus).cleaner
    return {key: cleaner.label(key) for key in keys}


def with_keyword_labels(table: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """``table`` with a ``label`` column after ``item`` (the key when a key has no label)."""
    table = table.copy()
    items = table["item"].astype(object)
    table.insert(1, "label", [labels.get(k, k) for k in items])
    return table


def bursts_from_events(
    events: pd.DataFrame,
    period: tuple[int, int],
    s: float = 2,
    gamma: float = 1,
    min_duration: int = 1,
    slice_years: int = 1,
    counting: str = "records",
    top: int | None = 20,
) -> pd.DataFrame:
    """Burst table from item events (see :func:`item_events`): the engine of :func:`citation_bursts`.

    Counts come from :func:`burst_counts`; the table is described in
    :func:`citation_bursts`.
    """
    check_parameters(s, gamma, min_duration)
    _check_top(top)
    counts = burst_counts(events, period, slice_years=slice_years, counting=counting)
    return bursts_from_counts(counts, period, s=s, gamma=gamma, min_duration=min_duration, top=top)


def bursts_from_counts(
    counts: BurstCounts,
    period: tuple[int, int],
    s: float = 2,
    gamma: float = 1,
    min_duration: int = 1,
    top: int | None = 20,
) -> pd.DataFrame:
    """Burst table from per-item slice counts (:func:`burst_counts`): one row per item, strongest first.

    The single-machine path (:func:`bursts_from_events`) and the Dask path
    (:mod:`litkit.scale.bursts`, which sums counts over partitions) both end here,
    so their tables cannot drift apart.
    """
    first, last = period
    columns = ["item", "year", "strength", "begin", "end", "period_start", "period_end", "count", "bursts"]
    if len(counts.items) == 0:
        return _empty_table(columns, first, last)
    items, slice_start, slice_end, R, D = counts.items, counts.slice_start, counts.slice_end, counts.R, counts.D
    found = kleinberg_many(R, D, s=s, gamma=gamma, min_duration=min_duration)
    if found.empty:
        return _empty_table(columns, first, last)
    found["begin"] = slice_start[found["start"].to_numpy()]
    found["end_year"] = slice_end[found["end"].to_numpy()]
    all_bursts = _burst_spans(found.sort_values(["item", "start"], kind="mergesort"))
    # One row per item: its strongest burst (the earliest on an exact tie), as in CiteSpace's table.
    best = found.sort_values(
        ["item", "weight", "start"], ascending=[True, False, True], kind="mergesort"
    ).drop_duplicates("item")
    table = pd.DataFrame(
        {
            "item": items[best["item"].to_numpy()],
            "year": counts.first_year[best["item"].to_numpy()],
            "strength": best["weight"].to_numpy(),
            "begin": best["begin"].to_numpy().astype(np.int64),
            "end": best["end_year"].to_numpy().astype(np.int64),
            "period_start": np.int64(first),
            "period_end": np.int64(last),
            "count": R[best["item"].to_numpy()].sum(axis=1).astype(np.int64),
            "bursts": all_bursts.loc[best["item"].to_numpy()].to_numpy(),
        }
    )
    table = table.sort_values(
        ["strength", "begin", "item"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)
    if top is not None:
        table = table.head(top)
    return table


def _burst_spans(ordered: pd.DataFrame) -> pd.Series:
    """``"begin-end;begin-end"`` of every item's bursts (rows sorted by item, then start), indexed by item.

    One string per row and one join per item over numpy slices: a groupby-apply ran a Python
    function with frame indexing for each of tens of thousands of items.
    """
    spans = [f"{b}-{e}" for b, e in zip(ordered["begin"].tolist(), ordered["end_year"].tolist())]
    items = ordered["item"].to_numpy()
    starts = np.r_[0, np.flatnonzero(items[1:] != items[:-1]) + 1]
    stops = np.r_[starts[1:], len(items)]
    return pd.Series([";".join(spans[a:b]) for a, b in zip(starts, stops)], index=items[starts])


def figure5_table(table: pd.DataFrame, kind: str | None = None, decimals: int = 2) -> pd.DataFrame:
    """The exported form of a burst table, in the columns of the review's Figure 5 CSV.

    Columns: ``rank``, the item column named after the kind (``cited_journal``,
    ``cited_reference``, ``keyword``, ``author``), ``year``, ``strength``
    (rounded to ``decimals``), ``begin``, ``end``; keyword tables with a ``label``
    column show the label (the map's) in ``keyword`` and add the node key as ``key``.

    Examples
    --------
    >>> t = pd.DataFrame({"item": ["ECOSYST SERV"], "year": [2021], "strength": [6.7712],
    ...                   "begin": [2021], "end": [2023]})
    >>> figure5_table(t, "cited_journal")
       rank cited_journal  year  strength  begin   end
    0     1  ECOSYST SERV  2021      6.77   2021  2023
    """
    kind = kind or table.attrs.get("kind", "cited_journal")
    if kind not in ITEM_COLUMN:
        raise LitkitError(f"unknown kind {kind!r}", expected=" or ".join(KINDS))
    out = pd.DataFrame(
        {
            "rank": np.arange(1, len(table) + 1, dtype=np.int64),
            ITEM_COLUMN[kind]: table["item"].astype(object).to_numpy(),
            "year": table["year"].astype(np.int64).to_numpy(),
            "strength": table["strength"].astype(float).round(decimals).to_numpy(),
            "begin": table["begin"].astype(np.int64).to_numpy(),
            "end": table["end"].astype(np.int64).to_numpy(),
        }
    )
    if "label" in table.columns:
        out[ITEM_COLUMN[kind]] = table["label"].astype(object).to_numpy()
        out["key"] = table["item"].astype(object).to_numpy()
    return out


def write_burst_table(table: pd.DataFrame, path, kind: str | None = None, overwrite: bool = False):
    """Write :func:`figure5_table` as CSV (atomic, fixed two-decimal strengths).

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`citation_bursts` table.
    path : str or pathlib.Path
        The CSV file.
    kind : str, optional
        The item kind (default: the table's ``attrs["kind"]``).
    overwrite : bool, default False
        Replace an existing file; without it an existing file is an error (litkit never replaces a
        user's file without being asked).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> write_burst_table(citation_bursts(corpus), "cited_journal_bursts.csv")  # doctest: +SKIP
    """
    from .._atomic import write_csv

    return write_csv(figure5_table(table, kind), path, overwrite=overwrite, float_format="%.2f")


def _check_top(top) -> None:
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise LitkitError(f"top must be a positive whole number or None, got {top!r}")


def _period(corpus, events: pd.DataFrame, years) -> tuple[int, int]:
    if years is not None:
        return check_years(years)
    py = pd.to_numeric(corpus.df["PY"], errors="coerce").dropna() if corpus is not None else events["year"]
    if len(py) == 0:
        py = events["year"]
    if len(py) == 0:
        raise LitkitError("no record has a publication year, so there are no time slices", expected="records with PY")
    return int(py.min()), int(py.max())


def _empty_table(columns, first, last) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            c: pd.Series([], dtype=object if c in ("item", "bursts") else (float if c == "strength" else np.int64))
            for c in columns
        }
    )
    return table


__all__ = ["citation_bursts", "bursts_from_events", "bursts_from_counts", "figure5_table", "write_burst_table"]
