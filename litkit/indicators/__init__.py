"""Performance indicators: bibliometrix's main-information table, productivity, h-index, Lotka, Bradford.

>>> import litkit
>>> litkit.summary(corpus)                                        # doctest: +SKIP
>>> from litkit.indicators import top_authors, hindex, lotka, bradford
>>> top_authors(corpus, top=10)                                   # doctest: +SKIP
>>> hindex(corpus, field="source")                                # doctest: +SKIP
>>> from litkit.indicators import three_fields
>>> three_fields(corpus, fields=("AU", "DE", "SO")).links         # doctest: +SKIP
"""

from ._bradford import bradford, bradford_zones
from ._hindex import g_index, h_index, hindex, m_index
from ._lotka import LotkaResult, lotka, lotka_fit
from ._summary import (
    MAIN_INFORMATION_ROWS,
    annual_production,
    combine_summary_parts,
    summary,
    summary_from_parts,
    summary_parts,
)
from ._three_fields import LINK_COLUMNS, NODE_COLUMNS, THREE_FIELDS, ThreeFields, field_items, three_fields
from .productivity import most_cited, top_authors, top_countries, top_institutions, top_sources

__all__ = [
    "MAIN_INFORMATION_ROWS",
    "LotkaResult",
    "annual_production",
    "bradford",
    "bradford_zones",
    "combine_summary_parts",
    "g_index",
    "h_index",
    "hindex",
    "lotka",
    "lotka_fit",
    "m_index",
    "most_cited",
    "summary",
    "summary_from_parts",
    "summary_parts",
    "top_authors",
    "top_countries",
    "top_institutions",
    "top_sources",
    "three_fields",
    "field_items",
    "ThreeFields",
    "THREE_FIELDS",
    "NODE_COLUMNS",
    "LINK_COLUMNS",
]
