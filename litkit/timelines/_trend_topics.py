"""Trend topics: bibliometrix's ``fieldByYear`` (biblioshiny's "Trend Topics").

For every term of a field, the first quartile, median and third quartile of the publication years
of the records that contain it; per median year, the most frequent terms.  Drawn by
:func:`litkit.plot.trends.plot_trend_topics`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import LitkitError
from ._common import year_pair

#: Columns of the table :func:`trend_topics` returns.
TREND_COLUMNS = ("term", "label", "frequency", "year_q1", "year_median", "year_q3")


def trend_topics(
    corpus,
    field: str = "DE",
    min_frequency: int = 5,
    per_year: int | None = 3,
    years: tuple[int, int] | None = None,
    *,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> pd.DataFrame:
    """Trend topics (bibliometrix's ``fieldByYear``): the quartiles of the years each term is used in.

    For each term of ``field``, the records that contain it give a list of publication years; its
    ``frequency`` is their number and ``year_q1``, ``year_median``, ``year_q3`` are the 25 %, 50 % and
    75 % quantiles of those years, computed as R's ``quantile`` (type 7, numpy's ``"linear"``) and
    rounded as R's ``round`` (halves to even: 2010.5 -> 2010, 2011.5 -> 2012).  Terms with
    ``frequency >= min_frequency`` are kept; of those whose median year is the same, the
    ``per_year`` most frequent (bibliometrix's ``n.items``; ties by term).

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
        Uses ``PY`` and the field(s).
    field : str or list of str, default "DE"
        Author keywords ``"DE"``, Keywords Plus ``"ID"``, or terms of titles / abstracts ``"TI"``,
        ``"AB"``, ``"TIAB"`` (:func:`litkit.text.resolve_fields`).
    min_frequency : int, default 5
        Keep terms in at least this many records (bibliometrix's ``min.freq``).
    per_year : int or None, default 3
        Most frequent terms kept per median year (bibliometrix's ``n.items``); None keeps them all.
    years : (int, int), optional
        Keep terms whose *median* year lies in this period, bounds included (bibliometrix's
        ``timespan``: the quantiles themselves are computed on every record).  Default: every term.
    thesaurus, stoplist, merge_plurals, zh_variants
        litkit's one term pipeline (:func:`litkit.text.corpus_terms`) with the keyword map's defaults,
        so a term is the same item here, on the keyword map and in the keyword bursts.

    Returns
    -------
    pandas.DataFrame
        ``term`` (the node key of the term pipeline), ``label`` (its most frequent spelling, as on the
        map), ``frequency``, ``year_q1``, ``year_median``, ``year_q3`` (integers), sorted by median year,
        then frequency (descending), then term.  ``attrs``: ``terms`` (terms counted before any
        selection), ``records`` (records with a year and at least one term), ``period`` (first and last
        median year of the rows; None when empty) and ``pipeline`` (what the term pipeline applied).

    Notes
    -----
    Where litkit differs from bibliometrix 4.x (``fieldByYear.R``, ``cocMatrix.R``), and why:

    * Terms are cleaned by litkit's term pipeline (stop list, thesaurus, plural merging) instead of
      being compared upper-cased as written, so "ecosystem service" and "Ecosystem services" are one
      term, as on the keyword map.
    * A record counts once per term.  bibliometrix's non-binary ``cocMatrix`` counts a keyword twice
      in a record that lists it twice; after cleaning, two spellings in one record are one term.
    * ``frequency`` counts the records *with a publication year* (the years the quantiles describe);
      bibliometrix also counts undated records in ``freq`` while leaving them out of the quantiles.
    * Ties in frequency within a median year are broken by the term's key in code-point order;
      bibliometrix sorts by the lower-cased term in the C locale (dplyr >= 1.1), the same order for
      keys that are already case-folded.
    * ``label`` keeps the authors' spelling; bibliometrix shows every term lower-cased.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records(
    ...     [{"PY": y, "DE": ["Ecosystem services"] + (["InVEST"] if y > 2019 else [])} for y in range(2015, 2023)])
    >>> trend_topics(c, min_frequency=2)[["label", "frequency", "year_q1", "year_median", "year_q3"]].values.tolist()
    [['Ecosystem services', 8, 2017, 2018, 2020], ['InVEST', 3, 2020, 2021, 2022]]
    """
    from ..text import corpus_terms

    df = getattr(corpus, "df", corpus)
    if not isinstance(df, pd.DataFrame):
        raise LitkitError(f"expected a litkit Corpus or its DataFrame, got {type(corpus).__name__}")
    min_frequency = _whole(min_frequency, "min_frequency", allow_none=False)
    per_year = _whole(per_year, "per_year", allow_none=True)
    window = year_pair(years) if years is not None else None
    if "PY" not in df.columns:
        raise LitkitError("the corpus has no column 'PY'", expected="records with publication years")
    terms = corpus_terms(
        corpus, field, stoplist=stoplist, thesaurus=thesaurus, merge_plurals=merge_plurals, zh_variants=zh_variants
    )
    table, records = _quartiles(df["PY"], terms.docs)
    counted = len(table)
    table = _select(table, min_frequency, per_year, window)
    cleaner = terms.cleaner
    table.insert(1, "label", [cleaner.label(k) for k in table["term"]])
    table = table[list(TREND_COLUMNS)].reset_index(drop=True)
    table.attrs.update(
        terms=counted,
        records=records,
        period=[int(table["year_median"].min()), int(table["year_median"].max())] if len(table) else None,
        pipeline=cleaner.params(),
    )
    return table


def year_quartiles(years) -> tuple[int, int, int]:
    """Q1, median and Q3 of some years as bibliometrix gives them: R's ``quantile`` type 7, R's ``round``.

    Type 7 interpolates linearly between the order statistics around ``1 + (n - 1) p`` (numpy's
    default ``method="linear"``); R's ``round`` takes a half to the even neighbour, as numpy's does.

    Examples
    --------
    >>> year_quartiles([2010, 2011])          # 2010.25, 2010.5, 2010.75
    (2010, 2010, 2011)
    >>> year_quartiles([2011, 2012, 2013, 2020])  # 2011.75, 2012.5, 2014.75
    (2012, 2012, 2015)
    """
    y = np.sort(np.asarray(years, dtype=float))
    if not len(y) or np.isnan(y).any():
        raise LitkitError("year_quartiles needs at least one year and no missing year")
    return tuple(int(v) for v in _type7(y, np.array([0]), np.array([len(y)]))[0])


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
_PROBS = (0.25, 0.5, 0.75)


def _whole(value, name: str, allow_none: bool):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        more = " or None" if allow_none else ""
        raise LitkitError(f"{name} must be a whole number >= 1{more}, got {value!r}")
    return int(value)


def _quartiles(py: pd.Series, docs: list[list[str]]) -> tuple[pd.DataFrame, int]:
    """Every term's frequency and rounded quartile years (records without a year left out), and the records used."""
    year = pd.to_numeric(py, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    keep = ~np.isnan(year) & (lengths > 0)
    rows = np.flatnonzero(keep)
    empty = pd.DataFrame(
        {
            "term": pd.Series([], dtype=object),
            **{c: pd.Series([], dtype=np.int64) for c in ("frequency", "year_q1", "year_median", "year_q3")},
        }
    )
    if not len(rows):
        return empty, 0
    flat_terms = [t for i in rows.tolist() for t in docs[i]]
    flat_years = np.repeat(year[rows], lengths[rows])
    codes, uniques = pd.factorize(pd.Series(flat_terms, dtype=object), sort=False)
    order = np.lexsort((flat_years, codes))  # by term, then year
    codes, flat_years = codes[order], flat_years[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    counts = np.diff(np.r_[starts, len(codes)])
    q = _type7(flat_years, starts, counts)
    table = pd.DataFrame(
        {
            "term": np.asarray(uniques, dtype=object)[codes[starts]],
            "frequency": counts.astype(np.int64),
            "year_q1": q[:, 0],
            "year_median": q[:, 1],
            "year_q3": q[:, 2],
        }
    )
    return table, len(rows)


def _type7(sorted_years: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Rounded type-7 quantiles (:data:`_PROBS`) of each group ``sorted_years[start : start + count]``.

    As R's ``quantile.default`` (type 7): index ``h = (n - 1) p``, value ``(1 - f) x[lo] + f x[hi]``
    with ``lo = floor(h)``, ``hi = ceil(h)``, ``f = h - lo``; then R's ``round`` (half to even,
    ``np.rint``).  Years are whole numbers and ``f`` a multiple of 1/4, so every value is exact and
    a half is a true half, never 2010.4999.
    """
    out = np.empty((len(starts), len(_PROBS)), dtype=np.int64)
    for j, p in enumerate(_PROBS):
        h = (counts - 1) * p
        lo = np.floor(h).astype(np.int64)
        hi = np.ceil(h).astype(np.int64)
        f = h - lo
        value = (1 - f) * sorted_years[starts + lo] + f * sorted_years[starts + hi]
        out[:, j] = np.rint(value).astype(np.int64)
    return out


def _select(table: pd.DataFrame, min_frequency: int, per_year: int | None, window) -> pd.DataFrame:
    """bibliometrix's selection: frequency >= min_frequency, median year in the window, top per median year.

    bibliometrix takes the ``n.items`` first of each median year and then drops the rows under
    ``min.freq`` or outside ``timespan``; with the rows sorted by frequency first, that is the same
    as filtering first.
    """
    kept = table[table["frequency"].to_numpy() >= min_frequency]
    if window is not None:
        median = kept["year_median"].to_numpy()
        kept = kept[(median >= window[0]) & (median <= window[1])]
    kept = kept.sort_values(
        ["year_median", "frequency", "term"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    if per_year is not None and len(kept):
        kept = kept.groupby("year_median", sort=False).head(per_year).reset_index(drop=True)
    return kept


__all__ = ["trend_topics", "year_quartiles", "TREND_COLUMNS"]
