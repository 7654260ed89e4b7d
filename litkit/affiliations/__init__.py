"""Affiliations: institutions and countries of author addresses, for every format litkit reads.

>>> import litkit
>>> aff = litkit.affiliations(corpus)                 # doctest: +SKIP
>>> litkit.affiliations.unresolved_addresses(aff)     # addresses that name no known country  # doctest: +SKIP

``litkit.affiliations`` is both this package and the function: importing a submodule (``from
litkit.affiliations import country_of``) makes Python bind the name ``litkit.affiliations`` to the package,
so the package itself is callable and ``litkit.affiliations(corpus, ...)`` works either way.
"""

from __future__ import annotations

import sys
import types

from .countries import CountryMatch, country_name, country_of, country_table
from .fields import c1_groups, cjk_units, reprint_addresses, scopus_author_affiliations, scopus_correspondence
from .institutions import chinese_institution, institution_aliases, institution_of
from .table import (
    COLUMNS,
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


class _CallablePackage(types.ModuleType):
    def __call__(self, corpus, **options):
        return affiliations(corpus, **options)


sys.modules[__name__].__class__ = _CallablePackage
