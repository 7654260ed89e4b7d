"""Keyword clusters: a keyword -> cluster table from the caller's clusters or from Louvain with a fixed seed.

Clusters come from the caller (a keyword -> cluster table such as the keyword
table of :func:`litkit.cooccurrence`, a dict, or a function of the keyword
graph) or, when none is given, from networkx's Louvain method with a fixed
seed (:data:`LOUVAIN_SEED`) on the association-strength keyword graph.
"""

from __future__ import annotations

import pandas as pd

from ._common import LOUVAIN_SEED, cluster_incidence, keyword_incidence
from ._common import pipeline_options as _pipeline


def keyword_clusters(
    corpus,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 250,
    resolution: float = 1.0,
    seed: int = LOUVAIN_SEED,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> pd.DataFrame:
    """Default keyword clusters: Louvain communities of the keyword co-occurrence graph.

    The graph links keywords that occur in the same record, weighted by the
    association strength ``c_ij / (o_i o_j)`` (as bibliometrix's thematic map);
    communities come from :func:`networkx.community.louvain_communities` with
    a fixed ``seed``, on a graph whose nodes are added in a fixed order, so the
    result is the same on every run.  Clusters are numbered 0, 1, … by total
    occurrences (largest first).  Keywords without any link form their own
    one-keyword clusters.

    Returns
    -------
    pandas.DataFrame
        ``keyword``, ``cluster``, ``occurrences``, ``first_year``, ``avg_year``.
    """
    inc = keyword_incidence(
        corpus, field, min_occurrences, top, **_pipeline(thesaurus, stoplist, merge_plurals, zh_variants)
    )
    return cluster_incidence(inc, None, resolution, seed)


__all__ = ["keyword_clusters", "LOUVAIN_SEED"]
