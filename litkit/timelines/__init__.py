"""Literature over time: production, keyword timelines, time zones, thematic maps and evolution.

Modules: :mod:`litkit.timelines.production`, :mod:`litkit.timelines.clusters`,
:mod:`litkit.timelines.keywords`, :mod:`litkit.timelines.thematic`.

Every function here takes a corpus (and options) and returns tables; drawing is
in :mod:`litkit.plot`.

* :func:`annual_production` – records per year and database (CNKI, WoS,
  Scopus, …), total and year-on-year growth; :func:`cagr` – compound annual
  growth rate.
* :func:`keyword_timeline` – CiteSpace's timeline view: one horizontal line
  per keyword cluster, each keyword placed at the year it first appears.
* :func:`time_zone` – CiteSpace's time-zone view: keywords in the column of
  their first year, with co-occurrence links.
* :func:`thematic_map` – Callon centrality and density per keyword cluster,
  and the four quadrants (motor, niche, basic, emerging or declining themes),
  as bibliometrix's ``thematicMap`` (Cobo et al. 2011).
* :func:`thematic_evolution` – thematic maps of consecutive periods chosen by
  the user, linked by the inclusion index of their keyword sets.
* :func:`trend_topics` – bibliometrix's trend topics (``fieldByYear``): the
  quartiles of the publication years of each term, the most frequent terms per
  median year.

Keywords are cleaned by litkit's one term pipeline (:func:`litkit.text.corpus_terms`,
with the keyword map's defaults: stop list, default thesaurus, plural merging), so a
keyword is the same item here, in the keyword map and in keyword bursts.  Clusters come
from the caller (a keyword → cluster table such as the keyword table of
:func:`litkit.cooccurrence`, a dict, or a function of the keyword graph) or, when none is
given, from the keyword map's Leiden clustering with a fixed seed (see
:func:`keyword_clusters`).

Examples
--------
>>> from litkit.timelines import annual_production, keyword_timeline
>>> annual_production(corpus)                                       # doctest: +SKIP
"""

from ._trend_topics import TREND_COLUMNS, trend_topics, year_quartiles
from .clusters import CLUSTER_SEED, LOUVAIN_SEED, keyword_clusters
from .keywords import TimeZone, keyword_timeline, time_zone
from .production import annual_production, cagr, growth_rate
from .thematic import QUADRANTS, ThematicEvolution, ThematicMap, thematic_evolution, thematic_map

__all__ = [
    "annual_production",
    "growth_rate",
    "cagr",
    "keyword_clusters",
    "keyword_timeline",
    "time_zone",
    "TimeZone",
    "thematic_map",
    "thematic_evolution",
    "ThematicMap",
    "ThematicEvolution",
    "QUADRANTS",
    "trend_topics",
    "year_quartiles",
    "TREND_COLUMNS",
    "CLUSTER_SEED",
    "LOUVAIN_SEED",
]
