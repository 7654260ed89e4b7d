"""Affiliations: institutions and countries of author addresses, for every format litkit reads.

>>> import litkit
>>> aff = litkit.affiliations(corpus)                 # doctest: +SKIP
>>> aff.attrs["unresolved"]                           # addresses that name no known country  # doctest: +SKIP
"""

from __future__ import annotations

from .countries import CountryMatch, country_name, country_of, country_table
from .fields import c1_groups, cjk_units, reprint_addresses, scopus_author_affiliations, scopus_correspondence
from .institutions import chinese_institution, institution_aliases, institution_of
from .table import COLUMNS, UNRESOLVED_COLUMNS, affiliations, unresolved_addresses

__all__ = [
    "affiliations",
    "unresolved_addresses",
    "COLUMNS",
    "UNRESOLVED_COLUMNS",
    "CountryMatch",
    "country_of",
    "country_name",
    "country_table",
    "institution_of",
    "chinese_institution",
    "institution_aliases",
    "c1_groups",
    "reprint_addresses",
    "scopus_correspondence",
    "scopus_author_affiliations",
    "cjk_units",
]
