"""Shared plumbing of the indicators: the record frame, name keys and the affiliations table.

Private to :mod:`litkit.indicators`.  Names are compared the way bibliometrix compares
them after ``convert2df`` has upper-cased every field: a key is the name upper-cased with
its whitespace collapsed, so "Ecosystem services" and "ECOSYSTEM  SERVICES" are one
keyword.  Tables show each key with its most frequent spelling in the corpus.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..errors import LitkitError

#: Columns an affiliations table must have (the interface of ``litkit.affiliations``).
AFFILIATION_COLUMNS = ("record", "author", "institution", "country")


def frame(corpus) -> pd.DataFrame:
    """The record DataFrame of a :class:`~litkit.corpus.Corpus` (or a canonical DataFrame as it is)."""
    if isinstance(corpus, Corpus):
        return corpus.df
    if isinstance(corpus, pd.DataFrame):
        return corpus
    raise LitkitError(f"expected a litkit Corpus or its DataFrame, got {type(corpus).__name__}")


def need_columns(df: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise LitkitError(f"{what} lacks the column(s) {missing}", expected=f"columns {list(columns)}")


def column(df: pd.DataFrame, name: str) -> list:
    """The values of a column as a list (an absent column reads as all empty)."""
    return df[name].tolist() if name in df.columns else [None] * len(df)


def key(text) -> str:
    """Comparison key of a keyword, reference or institution: upper-cased, whitespace collapsed."""
    return " ".join(str(text).split()).upper()


def author_key(text) -> str:
    """Comparison key of an author: commas as spaces (bibliometrix's ``Hindex``), then :func:`key`."""
    # The tables key every author name of every record (540,000 at 100,000 records, each table again) and
    # names repeat: a spelling is keyed once.  Only str is cached (1 == 1.0 as dict keys, not as text).
    if type(text) is str:
        found = _AUTHOR_KEYS.get(text)
        if found is None:
            if len(_AUTHOR_KEYS) >= _AUTHOR_KEYS_MAX:
                _AUTHOR_KEYS.clear()
            found = _AUTHOR_KEYS[text] = key(text.replace(",", " "))
        return found
    return key(str(text).replace(",", " "))


_AUTHOR_KEYS: dict[str, str] = {}
_AUTHOR_KEYS_MAX = 1 << 20


def source_key(text) -> str:
    """Comparison key of a source: commas dropped (bibliometrix's ``biblioAnalysis``), then :func:`key`."""
    return key(str(text).replace(",", ""))


def items(value) -> list:
    """The non-empty items of a list cell (lists, arrays, None and NaN all accepted)."""
    if value is None or isinstance(value, float):
        return []
    return [v for v in value if v is not None and str(v).strip()]


def text(value) -> str | None:
    """A string cell as a stripped string, or None when empty or missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    value = str(value).strip()
    return value or None


def labels(spellings: dict[str, Counter]) -> dict[str, str]:
    """Key -> its most frequent spelling (ties: the alphabetically first), so labels are deterministic."""
    return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in spellings.items()}


def int_or_none(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return int(value)


def reference_year(df: pd.DataFrame, as_of) -> int | None:
    """``as_of`` when given, else the latest publication year in the corpus (None when no record has one)."""
    if as_of is not None:
        return int(as_of)
    years = pd.to_numeric(df["PY"], errors="coerce").dropna() if "PY" in df.columns else pd.Series(dtype=float)
    return int(years.max()) if len(years) else None


def affiliations_table(corpus, affiliations) -> pd.DataFrame:
    """The affiliations table to use: the one given, else ``litkit.affiliations(corpus)``."""
    if affiliations is None:
        from ..addresses import affiliations as compute

        affiliations = compute(corpus)
    if not isinstance(affiliations, pd.DataFrame):
        raise LitkitError(
            f"affiliations must be a DataFrame, got {type(affiliations).__name__}",
            expected="the table of litkit.affiliations(corpus)",
        )
    need_columns(affiliations, ("record",), "the affiliations table")
    return affiliations


def units_per_record(aff: pd.DataFrame, column: str, n_records: int) -> list[list[str]]:
    """For each record position, its distinct non-empty values of ``column`` (sorted)."""
    need_columns(aff, ("record", column), "the affiliations table")
    # Vectorised (an affiliations table has about ten rows per record, a million at 100,000 records):
    # each distinct value is read once as :func:`text` reads it, then the distinct (record, value)
    # pairs are taken in (record, value) order.
    codes, uniques = aff[column].factorize()  # missing values: -1; on Arrow strings without a Python object each
    cleaned = [text(u) for u in uniques.tolist()]
    names = sorted({c for c in cleaned if c is not None})
    rank_of = {name: i for i, name in enumerate(names)}
    rank = np.array([rank_of[c] if c is not None else -1 for c in cleaned] + [-1], dtype=np.int64)[codes]
    kept = rank >= 0
    rank = rank[kept]
    records = aff["record"].to_numpy()[kept].astype(np.int64)
    outside = (records < 0) | (records >= n_records)
    if outside.any():
        record = int(records[np.argmax(outside)])  # the first one, as a row-by-row reading meets it
        raise LitkitError(
            f"the affiliations table names record {record}, but the corpus has {n_records} records",
            expected="record = a row position in the corpus",
        )
    per: list[list[str]] = [[] for _ in range(n_records)]
    if not len(rank):
        return per
    pairs = np.sort(records * len(names) + rank)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]  # distinct (np.unique's hashing is slower here)
    pair_records, pair_ranks = np.divmod(pairs, len(names))
    names = np.asarray(names, dtype=object)[pair_ranks].tolist()
    bounds = np.searchsorted(pair_records, np.arange(n_records + 1))
    starts = bounds.tolist()
    for record in np.flatnonzero(bounds[1:] > bounds[:-1]).tolist():
        per[record] = names[starts[record] : starts[record + 1]]
    return per


def record_countries(aff: pd.DataFrame, n_records: int) -> list[list[str]]:
    """For each record position, its distinct countries as bibliometrix's ``AU_CO`` has them (sorted).

    bibliometrix (``metaTagExtraction.R``, function ``AU_CO``) reads the countries of a record from its
    addresses (``C1``) and falls back on the corresponding address (``RP``) only when those name no country.
    So a reprint address abroad does not make a record international when its ``C1`` addresses are all in
    one country.  Here: the rows whose ``source_field`` is not a corresponding-address field
    (:data:`litkit.addresses.CORRESPONDENCE_FIELDS`), else those rows; a table without ``source_field``
    counts every row.  Used by "International co-authorships %" (:func:`litkit.indicators.summary`) and
    SCP/MCP (:func:`litkit.indicators.top_countries`), both ``AU_CO`` based in bibliometrix.
    """
    if "source_field" not in aff.columns:
        return units_per_record(aff, "country", n_records)
    from ..addresses import CORRESPONDENCE_FIELDS

    corresponding = aff["source_field"].isin(list(CORRESPONDENCE_FIELDS)).to_numpy()
    aff = aff[["record", "country"]]  # not every column copied twice below
    main = units_per_record(aff[~corresponding], "country", n_records)
    fallback = units_per_record(aff[corresponding], "country", n_records)
    return [named or other for named, other in zip(main, fallback)]
