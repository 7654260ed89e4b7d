"""Who and what produces the records: most productive authors, sources, institutions and
countries, and the most cited documents.

Every table counts *records* (a name written twice in one record counts once there) and
gives full and fractional counts.  Names are grouped by an upper-cased, whitespace-collapsed
key and shown with their most frequent spelling.  Ties are broken by name, so every table
comes out in the same order on every run.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from ._frame import (
    affiliations_table,
    author_key,
    column,
    frame,
    int_or_none,
    items,
    key,
    labels,
    record_countries,
    reference_year,
    source_key,
    text,
    units_per_record,
)


def top_authors(corpus, top: int | None = None) -> pd.DataFrame:
    """Most productive authors, with full and fractional counts.

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
        Uses ``AU``.
    top : int, optional
        Keep the first ``top`` rows (default: every author).

    Returns
    -------
    pandas.DataFrame
        ``author``, ``articles`` (records the author is on) and ``articles_fractionalized``
        (each record shared equally among its distinct authors: sum of ``1 / n_authors``),
        sorted by ``articles``, then ``articles_fractionalized`` (both descending), then name.

    Notes
    -----
    bibliometrix (``biblioAnalysis``: ``Authors`` and ``AuthorsFrac``) counts author
    appearances, which differ from records only when a record lists the same name twice.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "1", "AU": ["Li, X", "Wu, Y"]}, {"UT": "2", "AU": ["Li, X"]}])
    >>> top_authors(c).values.tolist()
    [['Li, X', 2, 1.5], ['Wu, Y', 1, 0.5]]
    """
    df = frame(corpus)
    full: Counter = Counter()
    frac: defaultdict = defaultdict(float)
    spellings: defaultdict = defaultdict(Counter)
    for cell in column(df, "AU"):
        names = {}
        for name in items(cell):
            k = author_key(name)
            spellings[k][str(name).strip()] += 1
            names.setdefault(k, name)
        for k in names:
            full[k] += 1
            frac[k] += 1.0 / len(names)
    return _ranked("author", full, frac, labels(spellings), top)


def top_sources(corpus, top: int | None = None) -> pd.DataFrame:
    """Most relevant sources: records per source (``SO``).

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
    top : int, optional
        Keep the first ``top`` rows (default: every source).

    Returns
    -------
    pandas.DataFrame
        ``source`` and ``articles``, most records first, ties by name.  Sources are compared
        with commas removed and upper-cased, as bibliometrix does.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "1", "SO": "Ecol Econ"}, {"UT": "2", "SO": "ECOL ECON"}, {"UT": "3", "SO": "Nature"}])
    >>> top_sources(c).values.tolist()
    [['ECOL ECON', 2], ['Nature', 1]]
    """
    df = frame(corpus)
    full: Counter = Counter()
    spellings: defaultdict = defaultdict(Counter)
    for value in column(df, "SO"):
        value = text(value)
        if value is None:
            continue
        k = source_key(value)
        full[k] += 1
        spellings[k][value] += 1
    return _ranked("source", full, None, labels(spellings), top)


def top_institutions(
    corpus,
    affiliations: pd.DataFrame | None = None,
    top: int | None = None,
    skip_fields: tuple[str, ...] = ("C3",),
) -> pd.DataFrame:
    """Most productive institutions, with full and fractional counts.

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
    affiliations : pandas.DataFrame, optional
        The table of ``litkit.affiliations(corpus)`` (columns ``record`` and ``institution``
        at least); computed with that function when None.
    top : int, optional
        Keep the first ``top`` rows.
    skip_fields : tuple of str, default ("C3",)
        Address rows whose ``source_field`` is one of these are not counted.  Web of Science's
        ``C3`` repeats the organisations of ``C1`` under its own "enhanced" names ("University of
        Cambridge" beside "Univ Cambridge"); counting both would count one institution twice under
        two names and halve every fractional count.  Pass ``()`` to count every row.

    Returns
    -------
    pandas.DataFrame
        ``institution``, ``articles`` (records with an address at the institution) and
        ``articles_fractionalized`` (each record shared equally among its distinct
        institutions), sorted as :func:`top_authors`.

    Notes
    -----
    bibliometrix's "most relevant affiliations" counts author-affiliation appearances
    (an institution with three authors on one paper counts three); litkit counts records.

    Examples
    --------
    >>> import pandas as pd
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "1"}, {"UT": "2"}])
    >>> aff = pd.DataFrame({"record": [0, 0, 1], "institution": ["Peking Univ", "Tsinghua Univ", "Peking Univ"],
    ...                     "country": ["CN", "CN", "CN"]})
    >>> top_institutions(c, aff).values.tolist()
    [['Peking Univ', 2, 1.5], ['Tsinghua Univ', 1, 0.5]]
    """
    aff = _need_affiliations(corpus, affiliations, "institution")
    if skip_fields and "source_field" in aff.columns:
        aff = aff[~aff["source_field"].isin(list(skip_fields))]
    return _unit_table(corpus, aff, "institution", top)


def top_countries(corpus, affiliations: pd.DataFrame | None = None, top: int | None = None) -> pd.DataFrame:
    """Most productive countries, with full, fractional and corresponding-author counts.

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
    affiliations : pandas.DataFrame, optional
        The table of ``litkit.affiliations(corpus)`` (columns ``record``, ``country`` and,
        when present, ``corresponding``); computed with that function when None.
    top : int, optional
        Keep the first ``top`` rows.

    Returns
    -------
    pandas.DataFrame
        ``country``; ``articles`` (records with an address in the country);
        ``articles_fractionalized`` (each record shared equally among its distinct countries);
        ``corresponding_articles`` (records whose corresponding author's country it is: the
        reprint address's (RP) country, else the first address row marked ``corresponding`` that
        has a country, else the record's first address row with a country, as bibliometrix's
        ``AU1_CO``); ``SCP`` and ``MCP`` (of
        those, records whose addresses name one country / several, the countries of a record
        being bibliometrix's ``AU_CO``: its addresses', its corresponding address's only when the
        addresses name none, as in :func:`litkit.indicators.summary`); ``MCP_ratio`` (MCP /
        corresponding_articles).  Sorted as :func:`top_authors`.

    Examples
    --------
    >>> import pandas as pd
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "1"}, {"UT": "2"}])
    >>> aff = pd.DataFrame({"record": [0, 0, 1], "institution": ["a", "b", "a"], "country": ["CN", "US", "CN"],
    ...                     "corresponding": [False, True, True]})
    >>> top_countries(c, aff)[["country", "articles", "corresponding_articles", "SCP", "MCP"]].values.tolist()
    [['CN', 2, 1, 1, 0], ['US', 1, 1, 0, 1]]
    """
    aff = _need_affiliations(corpus, affiliations, "country")
    table = _unit_table(corpus, aff, "country", None)
    n = len(frame(corpus))
    countries = record_countries(aff, n)
    lead = _corresponding_countries(aff, n)
    scp: Counter = Counter()
    mcp: Counter = Counter()
    for rec_countries, country in zip(countries, lead):
        if country is not None:
            (mcp if len(rec_countries) > 1 else scp)[country] += 1
    corr = [scp[c] + mcp[c] for c in table["country"]]
    table["corresponding_articles"] = corr
    table["SCP"] = [scp[c] for c in table["country"]]
    table["MCP"] = [mcp[c] for c in table["country"]]
    table["MCP_ratio"] = [m / t if t else float("nan") for m, t in zip(table["MCP"], corr)]
    return table.head(top).reset_index(drop=True) if top is not None else table


def most_cited(corpus, as_of: int | None = None, top: int | None = None) -> pd.DataFrame:
    """Most cited documents by the citation count the database gives (``TC``).

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
    as_of : int, optional
        Year the citations were counted in.  Default: the latest publication year in the corpus
        (bibliometrix uses the current calendar year).
    top : int, optional
        Keep the first ``top`` rows.

    Returns
    -------
    pandas.DataFrame
        ``record`` (row position), ``UT``, ``document`` ("first author, year, source"), ``DI``,
        ``PY``, ``TC``, ``TC_per_year`` = ``TC / (as_of - PY + 1)`` (NaN when ``PY`` is missing
        or later than ``as_of``) and ``NTC`` = ``TC`` divided by the mean ``TC`` of the records
        of the same year (bibliometrix's normalised citation score; NaN when that mean is 0).
        Most cited first (records without ``TC`` last), ties by row position.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "a", "PY": 2020, "TC": 10, "AU": ["Li, X"], "SO": "J"},
    ...                          {"UT": "b", "PY": 2020, "TC": 30, "AU": ["Wu, Y"], "SO": "J"}])
    >>> most_cited(c, as_of=2024)[["UT", "TC", "TC_per_year", "NTC"]].values.tolist()
    [['b', 30, 6.0, 1.5], ['a', 10, 2.0, 0.5]]
    """
    df = frame(corpus)
    as_of = reference_year(df, as_of)
    years = [int_or_none(v) for v in column(df, "PY")]
    cites = [int_or_none(v) for v in column(df, "TC")]
    by_year: defaultdict = defaultdict(list)
    for y, c in zip(years, cites):
        if y is not None and c is not None:
            by_year[y].append(c)
    mean_by_year = {y: sum(v) / len(v) for y, v in by_year.items()}
    rows = []
    for i, (ut, au, so, j9, di, y, c) in enumerate(
        zip(
            column(df, "UT"),
            column(df, "AU"),
            column(df, "SO"),
            column(df, "J9"),
            column(df, "DI"),
            years,
            cites,
        )
    ):
        authors = items(au)
        label = ", ".join(str(p) for p in (authors[0] if authors else None, y, text(j9) or text(so)) if p is not None)
        per_year = c / (as_of - y + 1) if c is not None and y is not None and as_of is not None and y <= as_of else None
        mean = mean_by_year.get(y)
        ntc = c / mean if c is not None and mean else None
        rows.append((i, text(ut), label, text(di), y, c, per_year, ntc))
    table = pd.DataFrame(rows, columns=["record", "UT", "document", "DI", "PY", "TC", "TC_per_year", "NTC"])
    table["PY"] = pd.array(table["PY"].tolist(), dtype="Int64")
    table["TC"] = pd.array(table["TC"].tolist(), dtype="Int64")
    table["TC_per_year"] = pd.to_numeric(table["TC_per_year"], errors="coerce").astype(float)
    table["NTC"] = pd.to_numeric(table["NTC"], errors="coerce").astype(float)
    order = sorted(range(len(rows)), key=lambda r: (cites[r] is None, -(cites[r] or 0), r))
    table = table.iloc[order].reset_index(drop=True)
    table.attrs["as_of"] = as_of
    return table.head(top).reset_index(drop=True) if top is not None else table


# ---- private helpers -----------------------------------------------------------------------------


def _need_affiliations(corpus, affiliations, unit: str) -> pd.DataFrame:
    return affiliations_table(corpus, affiliations)


def _unit_table(corpus, affiliations, unit: str, top: int | None) -> pd.DataFrame:
    aff = _need_affiliations(corpus, affiliations, unit)
    n = len(frame(corpus))
    full: Counter = Counter()
    frac: defaultdict = defaultdict(float)
    spellings: defaultdict = defaultdict(Counter)
    # Institutions are grouped by key; country codes are already canonical.
    keyed = key if unit == "institution" else (lambda s: s)
    for values in units_per_record(aff, unit, n):
        keys = {}
        for value in values:
            k = keyed(value)
            spellings[k][value] += 1
            keys.setdefault(k, value)
        for k in keys:
            full[k] += 1
            frac[k] += 1.0 / len(keys)
    return _ranked(unit, full, frac, labels(spellings), top)


def _corresponding_countries(aff: pd.DataFrame, n: int) -> list[str | None]:
    """Per record, the corresponding author's country (bibliometrix's AU1_CO), or None."""
    # Vectorised: per record, the first reprint-address (RP) row with a country, else the first row
    # with a country that is marked corresponding, else the first row with a country (each distinct
    # country cell read once, as ``text`` reads it).  The RP row comes first because a corresponding
    # author with two affiliations has two marked C1 rows, and RP names the one for correspondence
    # (bibliometrix's AU1_CO reads RP).
    codes, uniques = aff["country"].factorize()
    cleaned = [text(u) for u in uniques.tolist()] + [None]  # code -1 (missing) reads the last
    has_country = np.array([c is not None for c in cleaned], dtype=bool)[codes]
    if "corresponding" not in aff.columns:
        marked = np.zeros(len(aff), dtype=bool)
    elif aff["corresponding"].dtype == bool:
        marked = aff["corresponding"].to_numpy()
    else:
        marked = np.array([_truthy(v) for v in aff["corresponding"].tolist()], dtype=bool)
    if "source_field" in aff.columns:
        from ..addresses import CORRESPONDENCE_FIELDS

        reprint = aff["source_field"].isin(list(CORRESPONDENCE_FIELDS)).to_numpy()
    else:
        reprint = np.zeros(len(aff), dtype=bool)
    records = aff["record"].to_numpy().astype(np.int64)
    out: list[str | None] = [None] * n
    passes = (has_country, has_country & marked, has_country & reprint)  # later passes win
    for rows in (np.flatnonzero(p) for p in passes):
        chosen, first = np.unique(records[rows], return_index=True)
        for record, code in zip(chosen.tolist(), codes[rows[first]].tolist()):
            out[record] = cleaned[code]
    return out


def _truthy(value) -> bool:
    try:
        return bool(value) and value == value and value is not pd.NA
    except (TypeError, ValueError):
        return False


def _ranked(name: str, full: Counter, frac, label: dict, top: int | None) -> pd.DataFrame:
    keys = sorted(full, key=lambda k: (-full[k], -(frac[k] if frac is not None else 0.0), label[k], k))
    if top is not None:
        keys = keys[:top]
    data = {name: [label[k] for k in keys], "articles": [full[k] for k in keys]}
    if frac is not None:
        data["articles_fractionalized"] = [float(frac[k]) for k in keys]
    table = pd.DataFrame(data)
    table["articles"] = table["articles"].astype("int64")
    return table
