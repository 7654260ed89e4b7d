"""Keywords over time: CiteSpace's timeline view (one line per cluster) and time-zone view.

* :func:`keyword_timeline` -- one horizontal line per keyword cluster, each keyword placed at the
  year it first appears;
* :func:`time_zone` -- keywords in the column of their first year, with co-occurrence links.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ._common import cluster_incidence, cluster_labels, cooccurrence_matrix, keyword_incidence
from ._common import pipeline_options as _pipeline


def keyword_timeline(
    corpus,
    clusters=None,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 250,
    per_cluster: int | None = 10,
    max_clusters: int | None = 10,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> pd.DataFrame:
    """CiteSpace's timeline view as a table: keywords by cluster, at the year they first appear.

    Parameters
    ----------
    corpus : litkit.Corpus
    clusters : DataFrame, mapping, callable or None
        Keyword → cluster: a DataFrame with ``keyword`` and ``cluster``
        columns (e.g. the keyword table of :func:`litkit.cooccurrence`; a
        ``label`` column, if present, names the clusters), a dict, a function
        ``f(graph) -> communities``, or None for :func:`keyword_clusters`.
        Keywords are matched case-insensitively.
    field : {"DE", "ID"}
    min_occurrences, top
        Keyword selection: keywords in at least ``min_occurrences`` records,
        the ``top`` most frequent.
    per_cluster : int or None, default 10
        Keep the most frequent keywords of each cluster (None: all).
    max_clusters : int or None, default 10
        Keep the largest clusters (by total occurrences).
    thesaurus : optional
        Synonyms to merge and terms to drop before counting: ``"default"`` (the
        keyword map's table), a path to a VOSviewer thesaurus or
        ``a;b;canonical`` table, a dict, a :class:`litkit.text.thesaurus.Thesaurus`
        or None (every function here takes it).
    stoplist, merge_plurals, zh_variants
        The rest of litkit's one term pipeline (:func:`litkit.text.corpus_terms`),
        with the keyword map's defaults, so a keyword is the same item here and on
        the map (every function here takes them).

    Returns
    -------
    pandas.DataFrame
        ``cluster``, ``cluster_label`` (``"#0 top keyword"``, its display form), ``keyword`` (node key),
        ``label`` (the keyword map's label: the most frequent surface form), ``first_year`` (first record with the keyword), ``occurrences``,
        ``avg_year``; ordered by cluster, then first year, then keyword.
    """
    inc = keyword_incidence(
        corpus, field, min_occurrences, top, **_pipeline(thesaurus, stoplist, merge_plurals, zh_variants)
    )
    table = cluster_incidence(inc, clusters)
    labels = None
    if isinstance(clusters, pd.DataFrame) and "label" in clusters.columns:
        labels = dict(zip(clusters["cluster"], clusters["label"]))
    display = dict(zip(inc.keywords, inc.labels))
    return _timeline_from_clusters(table, labels, per_cluster, max_clusters, display)


class TimeZone(NamedTuple):
    """Tables of the time-zone view: keywords (nodes) and their co-occurrence links."""

    nodes: pd.DataFrame
    links: pd.DataFrame


def time_zone(
    corpus,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 60,
    min_cooccurrence: int = 1,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> TimeZone:
    """CiteSpace's time-zone view as tables: keywords in the zone of their first year.

    Returns
    -------
    TimeZone
        ``nodes``: ``keyword`` (node key), ``label`` (the map's label), ``first_year``, ``occurrences``, ``avg_year``,
        ordered by first year then occurrences (descending); ``links``:
        ``source``, ``target``, ``cooccurrences`` (records with both) for pairs
        co-occurring at least ``min_cooccurrence`` times, the earlier keyword
        as ``source``.
    """
    inc = keyword_incidence(
        corpus, field, min_occurrences, top, **_pipeline(thesaurus, stoplist, merge_plurals, zh_variants)
    )
    nodes = pd.DataFrame(
        {
            "keyword": inc.keywords,
            "label": inc.labels,
            "first_year": inc.first_year,
            "occurrences": inc.occurrences,
            "avg_year": inc.avg_year,
        }
    )
    nodes = nodes.sort_values(
        ["first_year", "occurrences", "keyword"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    c = cooccurrence_matrix(inc)
    ii, jj = np.nonzero(np.triu(c, 1) >= min_cooccurrence)
    first = dict(zip(inc.keywords, inc.first_year))
    rows = []
    for i, j in zip(ii, jj):
        a, b = inc.keywords[i], inc.keywords[j]
        if (first[b], b) < (first[a], a):
            a, b = b, a
        rows.append((a, b, int(c[i, j])))
    links = pd.DataFrame(rows, columns=["source", "target", "cooccurrences"])
    links = links.sort_values(
        ["cooccurrences", "source", "target"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)
    return TimeZone(nodes, links)


def _timeline_from_clusters(table: pd.DataFrame, labels, per_cluster, max_clusters, display=None) -> pd.DataFrame:
    if table.empty:
        return pd.DataFrame(
            columns=["cluster", "cluster_label", "keyword", "label", "first_year", "occurrences", "avg_year"]
        )
    size = table.groupby("cluster")["occurrences"].sum()
    order = sorted(size.index, key=lambda g: (-size[g], str(g)))
    if max_clusters is not None:
        order = order[:max_clusters]
    names = cluster_labels(table, labels, display)
    parts = []
    for cluster in order:
        group = table[table["cluster"] == cluster].sort_values(["occurrences", "keyword"], ascending=[False, True])
        if per_cluster is not None:
            group = group.head(per_cluster)
        group = group.assign(cluster_label=f"#{cluster} {names[cluster]}")
        parts.append(group.sort_values(["first_year", "keyword"], kind="mergesort"))
    out = pd.concat(parts, ignore_index=True)
    display = display or {}
    out["label"] = [display.get(k, k) for k in out["keyword"]]  # the keyword map's label of the node key
    out.attrs["cluster_order"] = list(order)
    return out[["cluster", "cluster_label", "keyword", "label", "first_year", "occurrences", "avg_year"]]


__all__ = ["keyword_timeline", "time_zone", "TimeZone"]
