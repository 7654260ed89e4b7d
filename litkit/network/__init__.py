"""Networks of a corpus — keyword co-occurrence, co-citation, bibliographic coupling, direct
citation, collaboration of authors, institutions and countries — as one :class:`Network` type
with clusters, tables, maps and exports (VOSviewer / CiteSpace style).  The interface is described
in :mod:`litkit.network.network`.

>>> import litkit
>>> net = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=200)  # doctest: +SKIP
>>> net.export("out/keywords")                                                   # doctest: +SKIP
"""

from __future__ import annotations

from ._cocitation import (
    CitationTally,
    CitedFetch,
    add_tallies,
    choose_cited_labels,
    cited_items,
    cited_label_counts,
    cocitation,
    cocitation_counts,
    cocitation_network,
)
from ._collaboration import (
    collaboration,
    collaboration_from_parts,
    collaboration_incidence,
    collaboration_parts,
    combine_collaboration_parts,
    country_production,
)
from ._cooccurrence import (
    KeywordNetwork,
    cooccurrence,
    cooccurrence_counts,
    incidence_matrix,
    network_from_documents,
    select_terms,
)
from ._coupling import cited_by_units, coupling, coupling_network, unit_incidence
from ._normalize import NORMALIZATIONS, link_strengths, normalize
from .centrality import betweenness, sigma
from .citation import (
    citation_links,
    citation_network,
    citation_network_from_links,
    match_references,
    record_match_tables,
)
from .network import Network, assemble, average_year, empty_network, network_from_incidence
from .pruning import minimum_spanning_tree, pathfinder, prune
from .selection import g_index_threshold, select_nodes, time_slices

__all__ = [
    "Network",
    "cooccurrence",
    "cocitation",
    "coupling",
    "citation_network",
    "collaboration",
    "collaboration_incidence",
    "collaboration_parts",
    "combine_collaboration_parts",
    "collaboration_from_parts",
    "country_production",
    "cited_items",
    "cocitation_counts",
    "cocitation_network",
    "add_tallies",
    "cited_label_counts",
    "choose_cited_labels",
    "CitationTally",
    "CitedFetch",
    "unit_incidence",
    "coupling_network",
    "cited_by_units",
    "citation_links",
    "citation_network_from_links",
    "record_match_tables",
    "match_references",
    "KeywordNetwork",
    "network_from_documents",
    "network_from_incidence",
    "assemble",
    "empty_network",
    "average_year",
    "incidence_matrix",
    "cooccurrence_counts",
    "select_terms",
    "normalize",
    "link_strengths",
    "NORMALIZATIONS",
    "select_nodes",
    "g_index_threshold",
    "time_slices",
    "prune",
    "minimum_spanning_tree",
    "pathfinder",
    "betweenness",
    "sigma",
]
