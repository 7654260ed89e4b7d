"""Chinese policy documents: reading, 文号 and dates, sections, terms, instruments, timelines.

>>> import litkit
>>> docs = litkit.policy.read("policy_docs/", metadata="meta.csv")           # doctest: +SKIP
>>> table1 = litkit.policy.from_metadata("corpora/policy/central_documents.csv")  # doctest: +SKIP
>>> gwr = litkit.policy.read("government_work_reports.jsonl")  # read_work_reports  # doctest: +SKIP
>>> counts = litkit.policy.term_counts(gwr, ["生态产品", "碳达峰"])          # doctest: +SKIP

Modules: :mod:`litkit.policy` (PolicyCorpus, files, metadata),
:mod:`~litkit.policy.sources` (public collections), :mod:`~litkit.policy.docnumber`,
:mod:`~litkit.policy.dates`, :mod:`~litkit.policy.agencies`, :mod:`~litkit.policy.sections`,
:mod:`~litkit.policy.terms`, :mod:`~litkit.policy.instruments`, :mod:`~litkit.policy.policy_timeline`.
"""

from __future__ import annotations

from ._read import PolicyCorpus, extract_metadata, from_metadata, read, read_metadata
from .agencies import (
    coissuing_edges,
    coissuing_network,
    english_name,
    issuers_from_header,
    issuers_from_signature,
    issuers_from_title,
)
from .dates import find_dates, parse_date
from .docnumber import DocNumber, find_doc_numbers, parse_doc_number
from .instruments import instrument_counts, instrument_counts_by_period, instrument_hits, load_dictionary
from .policy_timeline import DEFAULT_PHASES, overlay_table, phase_table, read_seed_table, timeline_table
from .sections import split_sections
from .sources import (
    SOURCES,
    read_cclw,
    read_congress_reports,
    read_gccmpd,
    read_laws,
    read_state_council_list,
    read_work_reports,
    sniff_source,
)
from .terms import DEFAULT_TERMS, first_appearance, section_term_counts, term_counts, term_matrix

__all__ = [
    "read",
    "read_metadata",
    "from_metadata",
    "PolicyCorpus",
    "extract_metadata",
    "read_state_council_list",
    "read_work_reports",
    "read_congress_reports",
    "read_laws",
    "read_gccmpd",
    "read_cclw",
    "SOURCES",
    "sniff_source",
    "DocNumber",
    "parse_doc_number",
    "find_doc_numbers",
    "parse_date",
    "find_dates",
    "issuers_from_title",
    "issuers_from_signature",
    "issuers_from_header",
    "english_name",
    "coissuing_edges",
    "coissuing_network",
    "split_sections",
    "DEFAULT_TERMS",
    "term_counts",
    "term_matrix",
    "first_appearance",
    "section_term_counts",
    "load_dictionary",
    "instrument_hits",
    "instrument_counts",
    "instrument_counts_by_period",
    "DEFAULT_PHASES",
    "phase_table",
    "timeline_table",
    "overlay_table",
    "read_seed_table",
]
