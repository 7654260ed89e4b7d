"""h-, g- and m-index per author or per source, from the citation counts the database gives.

As bibliometrix's ``Hindex``: an element's papers are the corpus records it is on, each
with its ``TC``; the indices are computed on those counts.  The pure functions
:func:`h_index`, :func:`g_index` and :func:`m_index` take plain numbers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from ..errors import LitkitError
from ._frame import author_key, column, frame, int_or_none, items, labels, reference_year, source_key, text


def h_index(citations: Iterable[int]) -> int:
    """Hirsch's h: the largest h such that h papers have at least h citations each.

    Parameters
    ----------
    citations : iterable of int
        Citation count of each paper (missing counts should be passed as 0).

    Returns
    -------
    int

    Examples
    --------
    >>> h_index([10, 8, 5, 4, 3])
    4
    >>> h_index([0, 0])
    0
    """
    ranked = sorted((int(c) for c in citations), reverse=True)
    return sum(1 for i, c in enumerate(ranked, start=1) if c >= i)


def g_index(citations: Iterable[int]) -> int:
    """Egghe's g: the largest g such that the g most cited papers have at least g² citations together.

    As bibliometrix's ``Hindex``, g cannot exceed the number of papers (the mean of the top g
    papers must be at least g).

    Parameters
    ----------
    citations : iterable of int

    Returns
    -------
    int

    Examples
    --------
    >>> g_index([10, 8, 5, 4, 3])
    5
    >>> g_index([3, 0])
    1
    """
    ranked = sorted((int(c) for c in citations), reverse=True)
    g, total = 0, 0
    for i, c in enumerate(ranked, start=1):
        total += c
        if total >= i * i:
            g = i
    return g


def m_index(h: int, first_year: int, as_of: int) -> float:
    """Hirsch's m quotient: ``h / (as_of - first_year + 1)``.

    Parameters
    ----------
    h : int
        The h-index.
    first_year : int
        Year of the element's first paper in the corpus.
    as_of : int
        Reference year (bibliometrix: the current calendar year).

    Returns
    -------
    float

    Examples
    --------
    >>> m_index(4, 2015, 2024)
    0.4
    """
    years = as_of - first_year + 1
    if years < 1:
        raise LitkitError(f"as_of ({as_of}) is before the first publication year ({first_year})")
    return h / years


def hindex(
    corpus,
    field: str = "author",
    elements: Iterable[str] | None = None,
    as_of: int | None = None,
    years: int | None = None,
) -> pd.DataFrame:
    """h-, g- and m-index of each author or source in the corpus.

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
        Uses ``AU`` or ``SO``, and ``TC`` and ``PY``.
    field : {"author", "source"}
    elements : iterable of str, optional
        Only these authors or sources (matched by the same key as the tables: upper-cased,
        whitespace collapsed; for authors commas read as spaces).  Default: all of them.
    as_of : int, optional
        Reference year of the m-index.  Default: the latest publication year in the corpus
        (bibliometrix uses the current calendar year).
    years : int, optional
        Only records published in the ``years`` years up to ``as_of``
        (``PY >= as_of - years``, as bibliometrix's ``years`` argument; records without a year
        are then left out).  Default: all records.  bibliometrix's default is ``years = 10``
        counted back from the current calendar year, which changes with the date of the run;
        pass ``years=10`` (and ``as_of``) for its window.

    Returns
    -------
    pandas.DataFrame
        ``author`` (or ``source``), ``h_index``, ``g_index``, ``m_index``, ``TC`` (sum of
        citations), ``NP`` (number of records) and ``PY_start`` (first year), sorted by h, g,
        TC (descending) then name.  Elements asked for but absent have zeros.  A record
        without ``TC`` counts 0 citations; ``m_index`` is NaN when no record has a year.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([
    ...     {"UT": "1", "AU": ["Li, X"], "TC": 10, "PY": 2015}, {"UT": "2", "AU": ["Li, X"], "TC": 3, "PY": 2018},
    ...     {"UT": "3", "AU": ["Li, X", "Wu, Y"], "TC": 1, "PY": 2020}])
    >>> hindex(c, as_of=2024).values.tolist()
    [['Li, X', 2, 3, 0.2, 14, 3, 2015], ['Wu, Y', 1, 1, 0.2, 1, 1, 2020]]
    """
    if field not in ("author", "source"):
        raise LitkitError(f"unknown field {field!r}", expected='"author" or "source"')
    df = frame(corpus)
    as_of = reference_year(df, as_of)
    if years is not None and as_of is None:
        raise LitkitError("years= needs a reference year, and no record has a publication year", expected="as_of=")
    keyer = author_key if field == "author" else source_key
    cites = [int_or_none(v) or 0 for v in column(df, "TC")]
    pubyears = [int_or_none(v) for v in column(df, "PY")]
    papers: defaultdict = defaultdict(list)
    spellings: defaultdict = defaultdict(Counter)
    for cell, c, y in zip(column(df, "AU" if field == "author" else "SO"), cites, pubyears):
        if years is not None and (y is None or y < as_of - years):
            continue
        names = items(cell) if field == "author" else [n for n in [text(cell)] if n is not None]
        seen = set()
        for name in names:
            k = keyer(name)
            spellings[k][str(name).strip()] += 1
            if k not in seen:
                seen.add(k)
                papers[k].append((c, y))
    label = labels(spellings)
    if elements is not None:
        wanted = []
        for e in elements:
            k = keyer(e)
            label.setdefault(k, str(e))
            wanted.append(k)
        keys = list(dict.fromkeys(wanted))
    else:
        keys = list(papers)
    rows = []
    for k in keys:
        own = papers.get(k, [])
        tc = [c for c, _ in own]
        ys = [y for _, y in own if y is not None]
        h = h_index(tc)
        start = min(ys) if ys else None
        m = h / (as_of - start + 1) if start is not None and as_of is not None and as_of >= start else float("nan")
        rows.append((label[k], h, g_index(tc), m, sum(tc), len(own), start))
    rows.sort(key=lambda r: (-r[1], -r[2], -r[4], r[0]))
    table = pd.DataFrame(rows, columns=[field, "h_index", "g_index", "m_index", "TC", "NP", "PY_start"])
    table["PY_start"] = pd.array(table["PY_start"].tolist(), dtype="Int64")
    table["m_index"] = table["m_index"].astype(float)
    table.attrs["as_of"] = as_of
    return table
