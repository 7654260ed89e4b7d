"""Keyword clusters: a keyword -> cluster table from the caller's clusters or from Leiden with a fixed seed.

Clusters come from the caller (a keyword -> cluster table such as the keyword
table of :func:`litkit.cooccurrence`, a dict, or a function of the keyword
graph) or, when none is given, from the keyword map's clustering
(:func:`litkit.network.network.weigh_and_cluster`: Leiden, modularity on the
co-occurrence counts, seed :data:`CLUSTER_SEED`).
"""

from __future__ import annotations

import pandas as pd

from ._common import CLUSTER_SEED, LOUVAIN_SEED, cluster_incidence, keyword_incidence
from ._common import pipeline_options as _pipeline


def keyword_clusters(
    corpus,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 250,
    resolution: float = 1.0,
    seed: int = CLUSTER_SEED,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> pd.DataFrame:
    """Default keyword clusters: the keyword map's Leiden clusters of the keyword co-occurrence graph.

    Keywords are cleaned by :func:`litkit.text.corpus_terms`, counted with
    :func:`litkit.network.incidence_matrix` and clustered as
    :func:`litkit.cooccurrence` clusters by default (Leiden, modularity on the
    co-occurrence counts, whose null model is the association strength), with a
    fixed ``seed``, so the result is the same on every run.  Clusters are
    numbered 0, 1, … by total occurrences (largest first).  Keywords without any
    link form their own one-keyword clusters.

    Parameters
    ----------
    corpus : litkit.Corpus
    field : {"DE", "ID"}
    min_occurrences, top : int
        Keywords in at least ``min_occurrences`` records, the ``top`` most frequent.
    resolution : float
        Modularity resolution.
    seed : int
    thesaurus, stoplist, merge_plurals, zh_variants
        litkit's one term pipeline, with the keyword map's defaults.

    Returns
    -------
    pandas.DataFrame
        ``keyword`` (the node key), ``cluster``, ``occurrences``, ``first_year``, ``avg_year``.

    Examples
    --------
    >>> keyword_clusters(corpus, min_occurrences=2)  # doctest: +SKIP
    """
    inc = keyword_incidence(
        corpus, field, min_occurrences, top, **_pipeline(thesaurus, stoplist, merge_plurals, zh_variants)
    )
    return cluster_incidence(inc, None, resolution, seed)


__all__ = ["keyword_clusters", "CLUSTER_SEED", "LOUVAIN_SEED"]
