"""Bradford's law: sources ranked by productivity and cut into three zones.

Bradford (1934): ranked by the number of articles they publish on a subject, sources fall
into a core and two further zones with about a third of the articles each, the numbers of
sources growing roughly as 1 : n : n².  bibliometrix's ``bradford`` draws the cuts this
way, and :func:`bradford_zones` follows it exactly: with *N* articles, *cum(r)* the
cumulative articles of the sources ranked 1..r,

- zone 1 (the core) is ranks 1..a, with ``a = #{r : cum(r) < 0.33 N} + 1``;
- zone 2 is ranks a+1..b, with ``b = #{r : cum(r) < 0.67 N} + 1``;
- zone 3 is the rest.

So the core is the smallest set of top sources holding at least 33 % of the articles.
Sources with equal counts are ranked by name (bibliometrix: the order of R's ``table``).
:func:`bradford` groups sources as :func:`~litkit.indicators.top_sources` does (upper-cased,
commas removed); bibliometrix's ``bradford`` tabulates ``SO`` as it stands in its upper-cased
data, commas kept.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..errors import LitkitError
from .productivity import top_sources


def bradford(corpus) -> pd.DataFrame:
    """Bradford zones of the sources (``SO``) of a corpus.

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        As :func:`bradford_zones`.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": str(i), "SO": so} for i, so in enumerate("AAAABBBCCD")])
    >>> bradford(c)["zone"].tolist()
    [1, 2, 3, 3]
    """
    sources = top_sources(corpus)
    return bradford_zones(dict(zip(sources["source"], sources["articles"])))


def bradford_zones(articles: Mapping[str, int]) -> pd.DataFrame:
    """Rank sources by articles and assign Bradford's three zones (bibliometrix's rule).

    Parameters
    ----------
    articles : mapping of str to int
        Articles per source (positive counts).

    Returns
    -------
    pandas.DataFrame
        ``source``, ``rank`` (1 = most articles), ``articles``, ``cum_articles`` and ``zone``
        (1, 2 or 3), one row per source in rank order.

    Examples
    --------
    Ten articles: the core needs cum ≥ 3.3 (A alone has 4), zone 2 ends at the first rank
    whose cumulative count reaches 6.7 (A+B = 7):

    >>> bradford_zones({"A": 4, "B": 3, "C": 2, "D": 1})[["source", "cum_articles", "zone"]].values.tolist()
    [['A', 4, 1], ['B', 7, 2], ['C', 9, 3], ['D', 10, 3]]
    """
    pairs = [(str(s), int(n)) for s, n in dict(articles).items()]
    if any(n < 1 for _, n in pairs):
        raise LitkitError("Bradford zones need a positive number of articles per source", expected="counts >= 1")
    pairs.sort(key=lambda p: (-p[1], p[0]))
    total = sum(n for _, n in pairs)
    cum, running = [], 0
    for _, n in pairs:
        running += n
        cum.append(running)
    a = sum(1 for c in cum if c < total * 0.33) + 1
    b = sum(1 for c in cum if c < total * 0.67) + 1
    zones = [1 if r <= a else 2 if r <= b else 3 for r in range(1, len(pairs) + 1)]
    return pd.DataFrame(
        {
            "source": [s for s, _ in pairs],
            "rank": list(range(1, len(pairs) + 1)),
            "articles": [n for _, n in pairs],
            "cum_articles": cum,
            "zone": zones,
        }
    ).astype({"rank": "int64", "articles": "int64", "cum_articles": "int64", "zone": "int64"})
