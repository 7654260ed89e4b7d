"""Merging corpora from several databases into one, with a report of every match.

- :mod:`litkit.merging.match` -- which records describe the same publication (title normalisation,
  the doi / title+year+author / fuzzy rules);
- :mod:`litkit.merging` -- how the records of one match group become one record;
- :mod:`litkit.merging.report` -- :class:`MergeReport`, what the merge did;
- :mod:`litkit.merging.grouping` -- :func:`merge` itself (canonical order, match groups, decisions).

:func:`merge` is also ``litkit.merge``; the package is called ``merging`` so that the function never
shadows a module of the same name.

Examples
--------
>>> merged = litkit.merge(cnki, wos, scopus)                 # doctest: +SKIP
>>> merged.report.matches                                    # doctest: +SKIP
"""

from ._combine import DB_PRIORITY, MATCHING_COLUMNS, combine, database_rank, database_set, union_references
from .grouping import merge
from .match import (
    FUZZY_MIN_LENGTH,
    FUZZY_THRESHOLD,
    RULES,
    Candidate,
    MatchKeys,
    candidates,
    first_author_surname,
    is_chinese,
    normalize_title,
)
from .report import MATCH_COLUMNS, MEMBERSHIP_COLUMNS, RULE_ORDER, MergeReport

__all__ = [
    "merge",
    "MergeReport",
    "FUZZY_THRESHOLD",
    "FUZZY_MIN_LENGTH",
    "RULES",
    "RULE_ORDER",
    "MATCH_COLUMNS",
    "MEMBERSHIP_COLUMNS",
    "normalize_title",
    "first_author_surname",
    "is_chinese",
    "Candidate",
    "MatchKeys",
    "candidates",
    "combine",
    "union_references",
    "database_set",
    "database_rank",
    "DB_PRIORITY",
    "MATCHING_COLUMNS",
]
