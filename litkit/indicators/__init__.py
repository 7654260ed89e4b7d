"""Performance indicators: bibliometrix's main-information table, productivity, h-index, Lotka, Bradford.

>>> import litkit
>>> litkit.summary(corpus)                                        # doctest: +SKIP
>>> from litkit.indicators import top_authors, hindex, lotka, bradford
>>> top_authors(corpus, top=10)                                   # doctest: +SKIP
>>> hindex(corpus, field="source")                                # doctest: +SKIP
"""

from .bradford import bradford, bradford_zones
from .hindex import g_index, h_index, hindex, m_index
from .lotka import LotkaResult, lotka, lotka_fit
from .productivity import most_cited, top_authors, top_countries, top_institutions, top_sources
from .summary import MAIN_INFORMATION_ROWS, annual_production, summary

__all__ = [
    "MAIN_INFORMATION_ROWS",
    "LotkaResult",
    "annual_production",
    "bradford",
    "bradford_zones",
    "g_index",
    "h_index",
    "hindex",
    "lotka",
    "lotka_fit",
    "m_index",
    "most_cited",
    "summary",
    "top_authors",
    "top_countries",
    "top_institutions",
    "top_sources",
]
