"""Thematic maps and their evolution: Callon centrality and density per keyword cluster, in four quadrants.

* :func:`thematic_map` -- motor, niche, basic, emerging or declining themes, as bibliometrix's
  ``thematicMap`` (Cobo et al. 2011);
* :func:`thematic_evolution` -- thematic maps of consecutive periods chosen by the user, linked by
  the inclusion index of their keyword sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import LitkitError
from ._common import (
    Incidence,
    cluster_incidence,
    cluster_labels,
    cooccurrence_matrix,
    equivalence,
    keyword_incidence,
    year_pair,
)
from ._common import pipeline_options as _pipeline

QUADRANTS = {
    (True, True): "Motor themes",
    (False, True): "Niche themes",
    (True, False): "Basic themes",
    (False, False): "Emerging or declining themes",
}


class ThematicMap(NamedTuple):
    """Tables of a thematic map: one row per cluster (theme) and one per keyword."""

    themes: pd.DataFrame
    keywords: pd.DataFrame


def thematic_map(
    corpus,
    clusters=None,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 250,
    years: tuple[int, int] | None = None,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> ThematicMap:
    """Callon centrality and density of each keyword cluster, and its quadrant.

    With the equivalence index ``e_ij = c_ij^2 / (o_i o_j)`` between keywords
    (``c_ij`` records with both, ``o_i`` records with ``i``), for a cluster
    with ``w`` keywords (Callon, Courtial & Laville 1991; Cobo et al. 2011):

    * centrality = ``10 * sum(e_ij)`` over links from a keyword of the cluster
      to a keyword outside it (how strongly the theme ties into the field);
    * density = ``100 * sum(e_ij) / w`` over links inside the cluster (how
      developed the theme is).

    Quadrants split at the median centrality and the median density of the
    clusters (a value equal to the median counts as high): motor themes
    (high, high), niche themes (low centrality, high density), basic themes
    (high centrality, low density), emerging or declining themes (low, low).
    bibliometrix draws its axes at the mean of the *ranks*, which splits at
    the same place up to ties.

    Parameters
    ----------
    corpus : litkit.Corpus
    clusters : DataFrame, mapping, callable or None
        As in :func:`keyword_timeline`; None uses :func:`keyword_clusters`.
    field, min_occurrences, top
        Keyword selection, as in :func:`keyword_timeline`.
    years : (int, int), optional
        Only records published in these years (used by
        :func:`thematic_evolution`).

    Returns
    -------
    ThematicMap
        ``themes``: ``cluster``, ``label`` (most frequent keyword),
        ``keywords`` (count), ``occurrences`` (sum over its keywords),
        ``centrality``, ``density``, ``rank_centrality``, ``rank_density``,
        ``quadrant``, ``top_keywords`` (up to 10, ``"; "``-joined);
        ``keywords``: ``keyword``, ``cluster``, ``occurrences``,
        ``first_year``, ``avg_year``.
    """
    inc = keyword_incidence(
        corpus,
        field,
        min_occurrences,
        top,
        years=year_pair(years) if years else None,
        **_pipeline(thesaurus, stoplist, merge_plurals, zh_variants),
    )
    kw = cluster_incidence(inc, clusters)
    themes = _themes(inc, kw)
    return ThematicMap(themes, kw)


class ThematicEvolution(NamedTuple):
    """Thematic maps of consecutive periods and the links between their themes."""

    periods: list[tuple[int, int]]
    maps: list[ThematicMap]
    links: pd.DataFrame


def thematic_evolution(
    corpus,
    periods: Sequence[tuple[int, int]],
    clusters=None,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 250,
    min_inclusion: float = 0.0,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> ThematicEvolution:
    """Themes of consecutive periods and how they flow into each other.

    For each period a :func:`thematic_map` is made from the records published
    in it.  A theme A of one period is linked to a theme B of the next when
    they share keywords, with the inclusion index (Cobo et al. 2011)::

        inclusion(A, B) = |A ∩ B| / min(|A|, |B|)

    where ``A`` and ``B`` are the themes' keyword sets.

    Parameters
    ----------
    corpus : litkit.Corpus
    periods : sequence of (int, int)
        Consecutive, non-overlapping (first, last) year ranges chosen by the
        user, e.g. ``[(2000, 2010), (2011, 2017), (2018, 2023)]``.
    clusters : DataFrame, mapping, callable or None
        Applied to each period (a table or mapping assigns the same cluster to
        a keyword in every period; a function or None clusters each period's
        own keyword graph).
    min_inclusion : float, default 0
        Drop links with a smaller inclusion index.

    Returns
    -------
    ThematicEvolution
        ``periods``, ``maps`` (one :class:`ThematicMap` per period) and
        ``links``: ``from_period``, ``from_cluster``, ``from_label``,
        ``to_period``, ``to_cluster``, ``to_label``, ``shared`` (number of
        shared keywords), ``inclusion``, ``shared_keywords``.
    """
    spans = [year_pair(p) for p in periods]
    if len(spans) < 2:
        raise LitkitError("thematic evolution needs at least two periods", expected="[(y0, y1), (y2, y3), ...]")
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        if b0 <= a1:
            raise LitkitError(f"periods must be consecutive and not overlap: {a0}-{a1} then {b0}-{b1}")
    maps = [
        thematic_map(
            corpus,
            clusters=clusters,
            field=field,
            min_occurrences=min_occurrences,
            top=top,
            years=span,
            thesaurus=thesaurus,
            stoplist=stoplist,
            merge_plurals=merge_plurals,
            zh_variants=zh_variants,
        )
        for span in spans
    ]
    rows = []
    for k in range(len(spans) - 1):
        left, right = maps[k], maps[k + 1]
        left_sets = {c: set(g["keyword"]) for c, g in left.keywords.groupby("cluster")}
        right_sets = {c: set(g["keyword"]) for c, g in right.keywords.groupby("cluster")}
        left_label = dict(zip(left.themes["cluster"], left.themes["label"]))
        right_label = dict(zip(right.themes["cluster"], right.themes["label"]))
        for a, set_a in sorted(left_sets.items(), key=lambda x: str(x[0])):
            for b, set_b in sorted(right_sets.items(), key=lambda x: str(x[0])):
                shared = set_a & set_b
                if not shared:
                    continue
                inclusion = len(shared) / min(len(set_a), len(set_b))
                if inclusion < min_inclusion:
                    continue
                rows.append(
                    {
                        "from_period": f"{spans[k][0]}-{spans[k][1]}",
                        "from_cluster": a,
                        "from_label": left_label[a],
                        "to_period": f"{spans[k + 1][0]}-{spans[k + 1][1]}",
                        "to_cluster": b,
                        "to_label": right_label[b],
                        "shared": len(shared),
                        "inclusion": inclusion,
                        "shared_keywords": "; ".join(sorted(shared)),
                    }
                )
    links = pd.DataFrame(
        rows,
        columns=[
            "from_period",
            "from_cluster",
            "from_label",
            "to_period",
            "to_cluster",
            "to_label",
            "shared",
            "inclusion",
            "shared_keywords",
        ],
    )
    return ThematicEvolution(spans, maps, links)


def _themes(inc: Incidence, kw: pd.DataFrame) -> pd.DataFrame:
    columns = [
        "cluster",
        "label",
        "keywords",
        "occurrences",
        "centrality",
        "density",
        "rank_centrality",
        "rank_density",
        "quadrant",
        "top_keywords",
    ]
    if kw.empty:
        return pd.DataFrame(columns=columns)
    index = {k: i for i, k in enumerate(inc.keywords)}
    e = equivalence(cooccurrence_matrix(inc), inc.occurrences)
    clustered = np.zeros(len(inc.keywords), dtype=bool)  # keywords without a cluster are not "outside"
    clustered[[index[k] for k in kw["keyword"]]] = True
    labels = cluster_labels(kw, display=dict(zip(inc.keywords, inc.labels)))
    rows = []
    for cluster, group in kw.groupby("cluster", sort=True):
        idx = np.array([index[k] for k in group["keyword"]])
        inside = np.zeros(len(inc.keywords), dtype=bool)
        inside[idx] = True
        outside = clustered & ~inside
        external = e[np.ix_(idx, np.nonzero(outside)[0])].sum()
        internal = np.triu(e[np.ix_(idx, idx)], 1).sum()
        ordered = group.sort_values(["occurrences", "keyword"], ascending=[False, True])
        rows.append(
            {
                "cluster": cluster,
                "label": labels[cluster],
                "keywords": len(group),
                "occurrences": int(group["occurrences"].sum()),
                "centrality": 10.0 * float(external),
                "density": 100.0 * float(internal) / len(group),
                "top_keywords": "; ".join(ordered["keyword"].head(10)),
            }
        )
    themes = pd.DataFrame(rows)
    themes["rank_centrality"] = themes["centrality"].rank(method="average")
    themes["rank_density"] = themes["density"].rank(method="average")
    c_med, d_med = themes["centrality"].median(), themes["density"].median()
    themes["quadrant"] = [QUADRANTS[(c >= c_med, d >= d_med)] for c, d in zip(themes["centrality"], themes["density"])]
    themes = themes.sort_values(["occurrences", "label"], ascending=[False, True], kind="mergesort")
    return themes[columns].reset_index(drop=True)


__all__ = ["thematic_map", "thematic_evolution", "ThematicMap", "ThematicEvolution", "QUADRANTS"]
