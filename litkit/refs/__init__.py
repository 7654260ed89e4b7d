"""Cited references: parse them in every database's style, give each cited work one identity, tabulate them.

One module per citation style, plus the identity of a cited work and the table:

- :mod:`litkit.refs.wos` -- Web of Science ``CR`` strings (:func:`parse_wos_reference`);
- :mod:`litkit.refs.scopus` -- Scopus references (:func:`parse_scopus_reference`,
  :func:`split_scopus_references`);
- :mod:`litkit.refs.gbt7714` -- GB/T 7714 as CNKI prints it (:func:`parse_gbt7714_reference`) and CSSCI's
  own style (:func:`parse_cssci_reference`, :func:`is_cssci_reference`);
- :mod:`litkit.refs.styles` -- which style a string is written in (:func:`reference_style`,
  :func:`parse_reference_any`), the parser of a record's database (:func:`parser_for_database`);
- :mod:`litkit.refs.sources` -- cited-source names to one J9-style key (:func:`normalize_source`),
  used by every reader;
- :mod:`litkit.refs.keys` -- :func:`reference_key`, :func:`bibliographic_key`, :func:`reference_keys`
  and the unification of keys across a corpus (DOIs and pages lent: :func:`unified_keys`,
  :func:`doi_by_bibliographic_key`, :func:`page_by_bibliographic_key`);
- :mod:`litkit.refs.table` -- :func:`references_table` (one row per citing record and reference),
  the same in two parts (:func:`distinct_references`: citations with codes, distinct references)
  and :func:`reference_overlap`.

Examples
--------
>>> ref = parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0")
>>> ref["author"], ref["year"], ref["source"], ref["volume"], ref["page"], ref["doi"]
('Costanza R', 1997, 'NATURE', '387', '253', '10.1038/387253a0')
>>> reference_key(parse_wos_reference("COSTANZA R., 1997, Nature, V387, p253"))
'COSTANZA|1997|NATURE|387|253'
"""

from ._fields import FIELDS
from .gbt7714 import is_cssci_reference, parse_cssci_reference, parse_gbt7714_reference
from .keys import (
    bibliographic_key,
    bibliographic_keys,
    cited_issue,
    doi_by_bibliographic_key,
    merge_lending,
    page_by_bibliographic_key,
    reference_key,
    reference_keys,
    table_bibliographic_keys,
    unified_key,
    unified_keys,
)
from .scopus import parse_scopus_reference, source_pieces, split_scopus_references
from .sources import SOURCE_KEY_LENGTH, SOURCE_OVERRIDES, WORD_ABBREVIATIONS, normalize_source
from .styles import parse_reference_any, parser_for_database, parser_for_style, reference_style
from .table import TABLE_COLUMNS, distinct_references, reference_overlap, references_table
from .wos import parse_wos_reference

__all__ = [
    "parse_wos_reference",
    "parse_gbt7714_reference",
    "parse_cssci_reference",
    "is_cssci_reference",
    "parse_scopus_reference",
    "split_scopus_references",
    "source_pieces",
    "reference_style",
    "parse_reference_any",
    "parser_for_style",
    "parser_for_database",
    "normalize_source",
    "WORD_ABBREVIATIONS",
    "SOURCE_OVERRIDES",
    "SOURCE_KEY_LENGTH",
    "reference_key",
    "bibliographic_key",
    "bibliographic_keys",
    "table_bibliographic_keys",
    "cited_issue",
    "reference_keys",
    "doi_by_bibliographic_key",
    "page_by_bibliographic_key",
    "merge_lending",
    "unified_key",
    "unified_keys",
    "references_table",
    "distinct_references",
    "reference_overlap",
    "TABLE_COLUMNS",
    "FIELDS",
]
