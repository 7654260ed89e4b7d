"""The "main information" table of a corpus, its rows named as bibliometrix's ``summary`` names them.

bibliometrix (``biblioAnalysis`` + ``summary.bibliometrix``) prints a block of
descriptive numbers that almost every bibliometric review reproduces as its Table 1.
:func:`summary` computes those rows from a litkit corpus; every formula is written
out in its docstring, and where litkit departs from bibliometrix the docstring says so.
Three of bibliometrix's rows are not computed: "Document types" (one row per type:
``corpus.df["DT"].value_counts()``), "Documents per author" (Documents / Authors) and
"Average citations per year per doc".
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ._frame import (
    affiliations_table,
    author_key,
    column,
    frame,
    int_or_none,
    items,
    key,
    record_countries,
    source_key,
    text,
)

#: The rows of :func:`summary`, in order (bibliometrix's names).
MAIN_INFORMATION_ROWS = (
    "Timespan",
    "Sources",
    "Documents",
    "Annual growth rate %",
    "Document average age",
    "Average citations per document",
    "References",
    "Keywords Plus (ID)",
    "Author's keywords (DE)",
    "Authors",
    "Author appearances",
    "Authors of single-authored documents",
    "Single-authored documents",
    "Co-authors per document",
    "International co-authorships %",
)


def summary(corpus, as_of: int | None = None, affiliations: pd.DataFrame | None = None) -> pd.DataFrame:
    """bibliometrix's "main information about data" table.

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
        The records (canonical columns; ``PY``, ``SO``, ``TC``, ``CR``, ``ID``, ``DE``, ``AU`` are used).
    as_of : int, optional
        Reference year of "Document average age".  Default: the latest publication year in
        the corpus, so that running the same corpus again next year gives the same table
        (bibliometrix uses the current calendar year instead).
    affiliations : pandas.DataFrame, optional
        One row per (record, author, address) with at least the columns ``record`` (row
        position in the corpus) and ``country`` (ISO code, empty when unknown): the table of
        ``litkit.affiliations(corpus)``, which is used when this is None and that function
        exists.  Without either, "International co-authorships %" is NaN.

    Returns
    -------
    pandas.DataFrame
        Columns ``Description`` (the row names of :data:`MAIN_INFORMATION_ROWS`) and
        ``Results`` (a string for Timespan, an int for counts, a float for rates and means;
        nothing is rounded).  ``attrs["as_of"]`` holds the reference year used.

    Notes
    -----
    With *n* the number of records, names compared upper-cased with whitespace collapsed
    (bibliometrix compares its upper-cased copy of the data):

    - **Timespan**: ``"first:last"`` publication year (records with a year).
    - **Sources**: distinct ``SO`` (commas removed, as ``biblioAnalysis`` does).
    - **Documents**: *n*.
    - **Annual growth rate %**: with *N(y)* the records of year *y*, *y0*/*y1* the first and
      last year: ``((N(y1) / N(y0)) ** (1 / (y1 - y0)) - 1) * 100``; 0 when ``y1 == y0``
      (bibliometrix then computes ``1 ** Inf - 1 = 0``).  bibliometrix rounds to 2 decimals.
    - **Document average age**: ``as_of - mean(PY)`` over records with a year.
    - **Average citations per document**: ``mean(TC)`` over records with a ``TC``
      (missing counts are left out, like R's ``na.rm = TRUE``).
    - **References**: distinct cited references (``CR`` items).
    - **Keywords Plus (ID)**, **Author's keywords (DE)**: distinct ``ID`` / ``DE`` items.
      Each of these three is NaN (an empty cell in ``main_information.csv``), not 0, when no record
      has the field: the export did not carry it (bibliometrix prints 0).
    - **Authors**: distinct authors (``AU``; commas read as spaces).
    - **Author appearances**: sum over records of the number of authors.  A record without
      authors counts 0 (bibliometrix counts it as one author, "NA").
    - **Authors of single-authored documents**: distinct authors of the records that have
      exactly one author.
    - **Single-authored documents**: records with exactly one author.
    - **Co-authors per document**: author appearances / *n* (bibliometrix: the mean number of
      authors per record, the same number).
    - **International co-authorships %**: ``100 *`` records whose addresses name at least two
      distinct countries ``/ n``, all *n* records in the denominator (those without any country
      too).  A record's countries are bibliometrix's ``AU_CO``: those of its addresses (WoS
      ``C1``, Scopus affiliations, ...), and those of its corresponding address (``RP``) only
      when the addresses name none -- a reprint address abroad does not make a record
      international.  When no record of the corpus has a known country (a Lens export, which
      carries no affiliations; a file without ``C1``/``RP``) the row is NaN, not 0.  Source:
      bibliometrix ``R/biblioAnalysis.R``, ``biblioAnalysis``
      (``Coll <- length(unique(AU_CO)) > 1``; ``IntColl = sum(Coll) / nrow(M) * 100``, printed
      by ``summary.bibliometrix`` and biblioshiny's ``ValueBoxes``) with ``AU_CO`` from
      ``R/metaTagExtraction.R``, function ``AU_CO``.  Where litkit differs: the countries
      themselves (bibliometrix matches country names as substrings anywhere in the address and
      maps the US state Georgia to the USA; litkit reads the address's last element, see
      :func:`litkit.affiliations`), and Hong Kong, Macao and Taiwan are their own countries
      unless the table was made with ``group_greater_china=True`` (bibliometrix keeps Taiwan
      apart in ``AU_CO`` too; England, Scotland, Wales and Northern Ireland are the United
      Kingdom in both).

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([
    ...     {"UT": "1", "PY": 2020, "SO": "J A", "TC": 4, "AU": ["Li, X", "Wu, Y"], "DE": ["a", "b"]},
    ...     {"UT": "2", "PY": 2022, "SO": "J B", "TC": 2, "AU": ["Li, X"], "DE": ["A"]},
    ... ])
    >>> table = summary(c)
    >>> table.set_index("Description").loc[["Timespan", "Authors", "Author's keywords (DE)"], "Results"].tolist()
    ['2020:2022', 2, 2]
    """
    df = frame(corpus)
    aff = affiliations_table(corpus, affiliations)
    return summary_from_parts(summary_parts(df, aff), as_of)


def summary_parts(corpus, affiliations: pd.DataFrame | None = None) -> dict:
    """What :func:`summary` needs from a set of records, in a form that adds up over disjoint sets.

    The main-information rows are counts, sums and distinct counts over records, so a corpus split
    in parts (the partitions of :func:`litkit.scale.ingest`) gives its table from the parts' sums and
    set unions (:func:`combine_summary_parts`) and :func:`summary_from_parts` -- the function
    :func:`summary` itself ends with, so both give the same numbers to the last bit (only integers
    are summed; the divisions come once, at the end).

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
    affiliations : pandas.DataFrame, optional
        As in :func:`summary`, with ``record`` the row position in *these* records.

    Returns
    -------
    dict
        ``documents`` (int), ``years`` (Counter year -> records), ``citations`` / ``cited_documents``
        (sum of ``TC`` and records with one), ``appearances``, ``single_documents``,
        ``international``, ``with_country`` (records with at least one known country) (ints), and
        the sets of keys ``sources``, ``references``, ``keywords_plus``, ``author_keywords``,
        ``authors``, ``single_authors``.

    Examples
    --------
    >>> from litkit import Corpus
    >>> a = Corpus.from_records([{"UT": "1", "PY": 2020, "AU": ["Li, X", "Wu, Y"], "DE": ["a"]}])
    >>> b = Corpus.from_records([{"UT": "2", "PY": 2022, "AU": ["Li, X"], "DE": ["A", "b"]}])
    >>> whole = Corpus.from_records(list(a) + list(b))
    >>> none = pd.DataFrame({"record": [], "country": []})
    >>> parts = combine_summary_parts([summary_parts(a, none), summary_parts(b, none)])
    >>> summary_from_parts(parts).equals(summary(whole, affiliations=none))
    True
    """
    df = frame(corpus)
    n = len(df)
    years = [y for y in (int_or_none(v) for v in column(df, "PY")) if y is not None]
    cites = [c for c in (int_or_none(v) for v in column(df, "TC")) if c is not None]

    def distinct(name: str) -> set:
        # Key each distinct spelling once: references repeat across records far more than they vary.  The
        # cells are united first (set.update, in C) and the empty items dropped from the union: the items
        # ``items`` keeps, without a Python call per item (4 million cited references at 100,000 records).
        raw: set = set()
        for cell in column(df, name):
            if cell is not None and not isinstance(cell, float):
                raw.update(cell)
        return {key(item) for item in raw if item is not None and str(item).strip()}

    author_keys: dict = {}  # spelling -> author_key, each spelling keyed once

    def keyed(name):
        found = author_keys.get(name)
        if found is None:
            found = author_keys[name] = author_key(name)
        return found

    author_lists = [[keyed(a) for a in items(cell)] for cell in column(df, "AU")]
    single = [lst for lst in author_lists if len(lst) == 1]
    countries = record_countries(affiliations_table(corpus, affiliations), n)
    return {
        "documents": n,
        "years": Counter(years),
        "sources": {source_key(s) for s in (text(v) for v in column(df, "SO")) if s is not None},
        "citations": sum(cites),
        "cited_documents": len(cites),
        "references": distinct("CR"),
        "keywords_plus": distinct("ID"),
        "author_keywords": distinct("DE"),
        "authors": {a for lst in author_lists for a in lst},
        "appearances": sum(len(lst) for lst in author_lists),
        "single_authors": {lst[0] for lst in single},
        "single_documents": len(single),
        "international": sum(len(c) > 1 for c in countries),
        "with_country": sum(len(c) > 0 for c in countries),
    }


def combine_summary_parts(parts) -> dict:
    """The :func:`summary_parts` of disjoint sets of records combined: counts added, sets united.

    Examples
    --------
    >>> combine_summary_parts([])["documents"]
    0
    """
    out = {
        "documents": 0,
        "years": Counter(),
        "citations": 0,
        "cited_documents": 0,
        "appearances": 0,
        "single_documents": 0,
        "international": 0,
        "with_country": 0,
    }
    sets = ("sources", "references", "keywords_plus", "author_keywords", "authors", "single_authors")
    out.update({name: set() for name in sets})
    for part in parts:
        for name, value in part.items():
            if name in sets:
                out[name] |= value
            else:
                out[name] += value  # ints, and Counter + Counter for the years
    return out


def summary_from_parts(parts: dict, as_of: int | None = None) -> pd.DataFrame:
    """The main-information table from :func:`summary_parts` (of one corpus, or combined); see :func:`summary`.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "1", "PY": 2020, "AU": ["Li, X"]}])
    >>> summary_from_parts(summary_parts(c, pd.DataFrame({"record": [], "country": []}))).iloc[0].tolist()
    ['Timespan', '2020:2020']
    """
    n = parts["documents"]
    per_year = parts["years"]
    if as_of is None:  # the latest publication year (reference_year's default)
        as_of = max(per_year) if per_year else None
    as_of = int(as_of) if as_of is not None else None
    if per_year:
        first, last = min(per_year), max(per_year)
        timespan = f"{first}:{last}"
        span = last - first
        growth = ((per_year[last] / per_year[first]) ** (1.0 / span) - 1.0) * 100.0 if span else 0.0
        total_years = sum(year * count for year, count in per_year.items())
        age = float(as_of - total_years / sum(per_year.values()))
    else:
        timespan, growth, age = None, float("nan"), float("nan")
    cited = parts["cited_documents"]
    appearances = parts["appearances"]
    values = [
        timespan,
        len(parts["sources"]),
        n,
        growth,
        age,
        parts["citations"] / cited if cited else float("nan"),
        # None in any record: the export did not carry the field (WoS Excel and tab-delimited without CR,
        # CNKI without Keywords Plus); the count is unknown, not 0 (the ingest summary says "not exported").
        len(parts["references"]) or float("nan"),
        len(parts["keywords_plus"]) or float("nan"),
        len(parts["author_keywords"]) or float("nan"),
        len(parts["authors"]),
        appearances,
        len(parts["single_authors"]),
        parts["single_documents"],
        appearances / n if n else float("nan"),
        # No record with a known country (Lens, no addresses): the share is unknown, not 0 %.
        100.0 * parts["international"] / n if n and parts.get("with_country", n) else float("nan"),
    ]
    table = pd.DataFrame({"Description": list(MAIN_INFORMATION_ROWS), "Results": pd.Series(values, dtype=object)})
    table.attrs["as_of"] = as_of
    return table


def annual_production(corpus) -> pd.DataFrame:
    """Records per publication year, every year from the first to the last (0 where none).

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` and ``articles``, one row per year; records without a year are left out.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "1", "PY": 2020}, {"UT": "2", "PY": 2022}, {"UT": "3", "PY": 2022}])
    >>> annual_production(c)["articles"].tolist()
    [1, 0, 2]
    """
    df = frame(corpus)
    counts = Counter(y for y in (int_or_none(v) for v in column(df, "PY")) if y is not None)
    if not counts:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "articles": pd.Series(dtype="int64")})
    years = list(range(min(counts), max(counts) + 1))
    return pd.DataFrame({"year": years, "articles": [counts.get(y, 0) for y in years]})
