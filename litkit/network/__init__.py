"""Networks of a corpus — keyword co-occurrence, co-citation, bibliographic coupling, direct
citation, collaboration of authors, institutions and countries — as one :class:`Network` type
with clusters, tables, maps and exports (VOSviewer / CiteSpace style).  The interface is described
in :mod:`litkit.network.network`.

>>> import litkit
>>> net = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=200)  # doctest: +SKIP
>>> net.export("out/keywords")                                                   # doctest: +SKIP
"""

from __future__ import annotations

from ._cocitation import cited_items, cocitation
from ._collaboration import collaboration, collaboration_incidence, country_production
from ._cooccurrence import (
    KeywordNetwork,
    cooccurrence,
    cooccurrence_counts,
    incidence_matrix,
    network_from_documents,
    select_terms,
)
from ._coupling import coupling, unit_incidence
from ._normalize import NORMALIZATIONS, link_strengths, normalize
from .centrality import betweenness, sigma
from .citation import citation_links, citation_network
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
    "country_production",
    "cited_items",
    "unit_incidence",
    "citation_links",
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
