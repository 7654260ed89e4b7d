"""Addresses: institutions and countries of author addresses, for every format litkit reads.

>>> import litkit
>>> aff = litkit.affiliations(corpus)                 # doctest: +SKIP
>>> litkit.addresses.unresolved_addresses(aff)       # addresses that name no known country  # doctest: +SKIP

The package is called ``addresses`` and its main function :func:`affiliations` (``litkit.affiliations``):
a package named like its function would shadow it once a submodule is imported.
"""

from __future__ import annotations

from .countries import CountryMatch, country_name, country_of, country_table
from .fields import c1_groups, cjk_units, reprint_addresses, scopus_author_affiliations, scopus_correspondence
from .institutions import bilingual_aliases, chinese_institution, institution_aliases, institution_of
from .table import (
    COLUMNS,
    CORRESPONDENCE_FIELDS,
    UNRESOLVED_COLUMNS,
    Unresolved,
    affiliations,
    merge_institution_spellings,
    unresolved_addresses,
)

__all__ = [
    "affiliations",
    "unresolved_addresses",
    "merge_institution_spellings",
    "Unresolved",
    "COLUMNS",
    "UNRESOLVED_COLUMNS",
    "CORRESPONDENCE_FIELDS",
    "CountryMatch",
    "country_of",
    "country_name",
    "country_table",
    "institution_of",
    "chinese_institution",
    "institution_aliases",
    "bilingual_aliases",
    "c1_groups",
    "reprint_addresses",
    "scopus_correspondence",
    "scopus_author_affiliations",
    "cjk_units",
]
