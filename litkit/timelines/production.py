"""Annual production: records per year and database, year-on-year growth, compound annual growth rate.

Examples
--------
>>> cagr(pd.DataFrame({"year": [2000, 2010], "total": [100, 200]}))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import LitkitError
from ._common import year_pair


def annual_production(
    corpus, years: tuple[int, int] | None = None, databases: Sequence[str] | None = None
) -> pd.DataFrame:
    """Records per publication year and database, with the total and its growth rate.

    Parameters
    ----------
    corpus : litkit.Corpus
    years : (int, int), optional
        First and last year (default: the corpus's PY range).  Every year in
        the range gets a row, with zeros where nothing was published.
    databases : sequence of str, optional
        Database columns, in this order (default: those in ``DB``, sorted, with
        CNKI, WoS, Scopus first).

    Returns
    -------
    pandas.DataFrame
        ``year``, one count column per database, ``total`` (records, each
        counted once) and ``growth`` (``total`` relative change from the
        previous year, in percent; empty where the previous year has no
        record).  A merged record found in several databases (``DB`` like
        ``"WoS;Scopus"``) counts in each of their columns but once in
        ``total``.  Records without a year are left out; their number is in
        ``attrs["records_without_year"]``, and the CAGR of ``total`` in
        ``attrs["cagr"]``.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "a", "DB": "WoS", "PY": 2020}, {"UT": "b", "DB": "CNKI", "PY": 2020},
    ...                          {"UT": "c", "DB": "CNKI", "PY": 2022}])
    >>> annual_production(c)
       year  CNKI  WoS  total  growth
    0  2020     1    1      2     NaN
    1  2021     0    0      0  -100.0
    2  2022     1    0      1     NaN
    """
    df = corpus.df
    py = pd.to_numeric(df["PY"], errors="coerce")
    dated = df[py.notna()]
    py = py[py.notna()].astype(np.int64)
    if years is None:
        if py.empty:
            raise LitkitError("no record has a publication year", expected="records with PY")
        first, last = int(py.min()), int(py.max())
    else:
        first, last = year_pair(years)
    parsed: dict = {}  # each distinct DB value ("WoS", "CNKI; WoS" after a merge) is split once

    def databases_of(v):
        found = parsed.get(v)
        if found is None:
            found = parsed[v] = (
                sorted({p.strip() for p in str(v).split(";") if p.strip()}) if v is not None else ["unknown"]
            )
        return found

    dbs_per_record = [databases_of(v) for v in dated["DB"]]
    found = sorted(
        {db for dbs in dbs_per_record for db in dbs}, key=lambda d: ({"CNKI": 0, "WoS": 1, "Scopus": 2}.get(d, 3), d)
    )
    columns = list(databases) if databases is not None else found
    index = np.arange(first, last + 1)
    table = pd.DataFrame({"year": index.astype(np.int64)})
    py_years = py.tolist()
    for db in columns:
        years_db = [y for y, dbs in zip(py_years, dbs_per_record) if db in dbs]
        counts = pd.Series(years_db, dtype=np.int64).value_counts()
        table[db] = [int(counts.get(y, 0)) for y in index]
    total = py.value_counts()
    table["total"] = np.array([int(total.get(y, 0)) for y in index], dtype=np.int64)
    table["growth"] = growth_rate(table["total"])
    table.attrs["records_without_year"] = int(len(df) - len(dated))
    table.attrs["cagr"] = cagr(table) if len(table) > 1 else float("nan")
    return table


def growth_rate(counts: Sequence[float]) -> pd.Series:
    """Year-on-year relative change in percent; NaN where the previous value is 0.

    Examples
    --------
    >>> growth_rate([10, 15, 0, 3]).tolist()
    [nan, 50.0, -100.0, nan]
    """
    values = np.asarray(counts, dtype=float)
    out = np.full(len(values), np.nan)
    if len(values) > 1:
        prev = values[:-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[1:] = np.where(prev > 0, (values[1:] / np.where(prev > 0, prev, 1.0) - 1.0) * 100.0, np.nan)
    return pd.Series(out, name="growth")


def cagr(production: pd.DataFrame, column: str = "total", first: int | None = None, last: int | None = None) -> float:
    """Compound annual growth rate, in percent, between two years of a production table.

    ``CAGR = ((N_last / N_first) ** (1 / (last - first)) - 1) * 100``, the
    "annual growth rate" of bibliometrix.  NaN when ``N_first`` is 0.

    Examples
    --------
    >>> t = pd.DataFrame({"year": [2000, 2001, 2002], "total": [4, 6, 9]})
    >>> round(cagr(t), 6)
    50.0
    """
    if column not in production.columns:
        raise LitkitError(f"the production table has no column {column!r}")
    years = production["year"].astype(int)
    first = int(years.min()) if first is None else int(first)
    last = int(years.max()) if last is None else int(last)
    if last <= first:
        raise LitkitError(f"CAGR needs two different years, got {first} and {last}")
    lookup = dict(zip(years, production[column]))
    if first not in lookup or last not in lookup:
        raise LitkitError(f"the production table does not cover {first}-{last}")
    start, end = float(lookup[first]), float(lookup[last])
    if start <= 0:
        return float("nan")
    return ((end / start) ** (1.0 / (last - first)) - 1.0) * 100.0


__all__ = ["annual_production", "growth_rate", "cagr"]
