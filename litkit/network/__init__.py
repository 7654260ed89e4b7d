"""Term co-occurrence networks, clusters and maps (VOSviewer / CiteSpace style).

>>> import litkit
>>> net = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=200)  # doctest: +SKIP
>>> net.export("out/keywords")                                                   # doctest: +SKIP
"""

from __future__ import annotations

from .cooccurrence import (
    KeywordNetwork,
    cooccurrence,
    cooccurrence_counts,
    incidence_matrix,
    network_from_documents,
    select_terms,
)
from .normalize import NORMALIZATIONS, link_strengths, normalize

__all__ = [
    "cooccurrence",
    "KeywordNetwork",
    "network_from_documents",
    "incidence_matrix",
    "cooccurrence_counts",
    "select_terms",
    "normalize",
    "link_strengths",
    "NORMALIZATIONS",
]
