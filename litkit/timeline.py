"""Literature over time: production, keyword timelines, time zones, thematic maps and evolution.

Every function here takes a corpus (and options) and returns tables; drawing is
in :mod:`litkit.plot.timeline`.

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

Clusters come from the caller (a keyword → cluster table such as the keyword
table of :func:`litkit.cooccurrence`, a dict, or a function of the keyword
graph) or, when none is given, from networkx's Louvain method with a fixed
seed on the association-strength keyword graph (see :func:`keyword_clusters`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from .bursts import keyword_normaliser, normalise_keyword
from .errors import LitkitError

#: Seed of the default Louvain clustering: the same corpus always gives the same clusters.
LOUVAIN_SEED = 42

QUADRANTS = {
    (True, True): "Motor themes",
    (False, True): "Niche themes",
    (True, False): "Basic themes",
    (False, False): "Emerging or declining themes",
}


# ---------------------------------------------------------------------------------------------
# annual production
# ---------------------------------------------------------------------------------------------
def annual_production(
    corpus, years: tuple[int, int] | None = None, databases: Sequence[str] | None = None
) -> pd.DataFrame:
    """Records per publication year and database, with the total and its growth rate.

    Parameters
    ----------
    corpus : litkit.Corpus
    years : (int, int), optional
        First and last year (default: the corpus's PY range).  Every year in
        the range gets a row, with zeros where nothing was published.
    databases : sequence of str, optional
        Database columns, in this order (default: those in ``DB``, sorted, with
        CNKI, WoS, Scopus first).

    Returns
    -------
    pandas.DataFrame
        ``year``, one count column per database, ``total`` (records, each
        counted once) and ``growth`` (``total`` relative change from the
        previous year, in percent; empty where the previous year has no
        record).  A merged record found in several databases (``DB`` like
        ``"WoS;Scopus"``) counts in each of their columns but once in
        ``total``.  Records without a year are left out; their number is in
        ``attrs["records_without_year"]``, and the CAGR of ``total`` in
        ``attrs["cagr"]``.

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "a", "DB": "WoS", "PY": 2020}, {"UT": "b", "DB": "CNKI", "PY": 2020},
    ...                          {"UT": "c", "DB": "CNKI", "PY": 2022}])
    >>> annual_production(c)
       year  CNKI  WoS  total  growth
    0  2020     1    1      2     NaN
    1  2021     0    0      0  -100.0
    2  2022     1    0      1     NaN
    """
    df = corpus.df
    py = pd.to_numeric(df["PY"], errors="coerce")
    dated = df[py.notna()]
    py = py[py.notna()].astype(np.int64)
    if years is None:
        if py.empty:
            raise LitkitError("no record has a publication year", expected="records with PY")
        first, last = int(py.min()), int(py.max())
    else:
        first, last = _year_pair(years)
    dbs_per_record = [
        sorted({p.strip() for p in str(v).split(";") if p.strip()}) if v is not None else ["unknown"]
        for v in dated["DB"]
    ]
    found = sorted(
        {db for dbs in dbs_per_record for db in dbs}, key=lambda d: ({"CNKI": 0, "WoS": 1, "Scopus": 2}.get(d, 3), d)
    )
    columns = list(databases) if databases is not None else found
    index = np.arange(first, last + 1)
    table = pd.DataFrame({"year": index.astype(np.int64)})
    for db in columns:
        years_db = [y for y, dbs in zip(py, dbs_per_record) if db in dbs]
        counts = pd.Series(years_db, dtype=np.int64).value_counts()
        table[db] = [int(counts.get(y, 0)) for y in index]
    total = py.value_counts()
    table["total"] = np.array([int(total.get(y, 0)) for y in index], dtype=np.int64)
    table["growth"] = growth_rate(table["total"])
    table.attrs["records_without_year"] = int(len(df) - len(dated))
    table.attrs["cagr"] = cagr(table) if len(table) > 1 else float("nan")
    return table


def growth_rate(counts: Sequence[float]) -> pd.Series:
    """Year-on-year relative change in percent; NaN where the previous value is 0.

    Examples
    --------
    >>> growth_rate([10, 15, 0, 3]).tolist()
    [nan, 50.0, -100.0, nan]
    """
    values = np.asarray(counts, dtype=float)
    out = np.full(len(values), np.nan)
    if len(values) > 1:
        prev = values[:-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[1:] = np.where(prev > 0, (values[1:] / np.where(prev > 0, prev, 1.0) - 1.0) * 100.0, np.nan)
    return pd.Series(out, name="growth")


def cagr(production: pd.DataFrame, column: str = "total", first: int | None = None, last: int | None = None) -> float:
    """Compound annual growth rate, in percent, between two years of a production table.

    ``CAGR = ((N_last / N_first) ** (1 / (last - first)) - 1) * 100``, the
    "annual growth rate" of bibliometrix.  NaN when ``N_first`` is 0.

    Examples
    --------
    >>> t = pd.DataFrame({"year": [2000, 2001, 2002], "total": [4, 6, 9]})
    >>> round(cagr(t), 6)
    50.0
    """
    if column not in production.columns:
        raise LitkitError(f"the production table has no column {column!r}")
    years = production["year"].astype(int)
    first = int(years.min()) if first is None else int(first)
    last = int(years.max()) if last is None else int(last)
    if last <= first:
        raise LitkitError(f"CAGR needs two different years, got {first} and {last}")
    lookup = dict(zip(years, production[column]))
    if first not in lookup or last not in lookup:
        raise LitkitError(f"the production table does not cover {first}-{last}")
    start, end = float(lookup[first]), float(lookup[last])
    if start <= 0:
        return float("nan")
    return ((end / start) ** (1.0 / (last - first)) - 1.0) * 100.0


def _year_pair(years) -> tuple[int, int]:
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError):
        raise LitkitError(f"years must be a (first, last) pair, got {years!r}") from None
    if first > last:
        raise LitkitError(f"first year {first} is after last year {last}")
    return first, last


# ---------------------------------------------------------------------------------------------
# keyword incidence and co-occurrence (internal)
# ---------------------------------------------------------------------------------------------
class _Incidence(NamedTuple):
    keywords: list[str]  # selected keywords, by occurrences desc then alphabetically
    occurrences: np.ndarray  # records containing each keyword
    first_year: np.ndarray
    avg_year: np.ndarray
    matrix: object  # scipy.sparse csr, records x keywords, 0/1
    years: np.ndarray  # year of each record row


def _keyword_incidence(
    corpus, field: str, min_occurrences: int, top: int | None, years: tuple[int, int] | None = None, thesaurus=None
) -> _Incidence:
    from scipy import sparse

    df = corpus.df
    if field not in df.columns:
        raise LitkitError(f"the corpus has no column {field!r}", expected="a keyword list column such as DE or ID")
    if isinstance(min_occurrences, bool) or not isinstance(min_occurrences, (int, np.integer)) or min_occurrences < 1:
        raise LitkitError(f"min_occurrences must be a whole number >= 1, got {min_occurrences!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise LitkitError(f"top must be a positive whole number or None, got {top!r}")
    norm = keyword_normaliser(thesaurus)
    py = pd.to_numeric(df["PY"], errors="coerce")
    rows, record_years = [], []
    for values, year in zip(df[field], py):
        if pd.isna(year):
            continue
        year = int(year)
        if years is not None and not (years[0] <= year <= years[1]):
            continue
        terms = {norm(v) for v in (values if isinstance(values, (list, tuple, np.ndarray)) else [])}
        terms.discard(None)
        if terms:
            rows.append(terms)
            record_years.append(year)
    counts: dict[str, int] = {}
    for terms in rows:
        for t in terms:
            counts[t] = counts.get(t, 0) + 1
    ranked = sorted((k for k, n in counts.items() if n >= min_occurrences), key=lambda k: (-counts[k], k))
    if top is not None:
        ranked = ranked[:top]
    col = {k: i for i, k in enumerate(ranked)}
    r_idx, c_idx = [], []
    for i, terms in enumerate(rows):
        for t in terms:
            j = col.get(t)
            if j is not None:
                r_idx.append(i)
                c_idx.append(j)
    matrix = sparse.csr_matrix((np.ones(len(r_idx)), (r_idx, c_idx)), shape=(len(rows), len(ranked)))
    yrs = np.asarray(record_years, dtype=np.int64)
    first = np.full(len(ranked), 0, dtype=np.int64)
    avg = np.zeros(len(ranked))
    if len(ranked):
        csc = matrix.tocsc()
        for j in range(len(ranked)):
            members = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
            first[j] = yrs[members].min()
            avg[j] = yrs[members].mean()
    occ = np.asarray(matrix.sum(axis=0)).ravel().astype(np.int64)
    return _Incidence(ranked, occ, first, avg, matrix, yrs)


def _cooccurrence(inc: _Incidence) -> np.ndarray:
    c = (inc.matrix.T @ inc.matrix).toarray()
    np.fill_diagonal(c, 0)
    return c


def _equivalence(c: np.ndarray, occ: np.ndarray) -> np.ndarray:
    """Callon's equivalence index e_ij = c_ij^2 / (c_i c_j)."""
    denom = np.outer(occ, occ).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, c.astype(float) ** 2 / np.where(denom > 0, denom, 1.0), 0.0)


# ---------------------------------------------------------------------------------------------
# clusters
# ---------------------------------------------------------------------------------------------
def keyword_clusters(
    corpus,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 250,
    resolution: float = 1.0,
    seed: int = LOUVAIN_SEED,
    thesaurus=None,
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
    inc = _keyword_incidence(corpus, field, min_occurrences, top, thesaurus=thesaurus)
    return _cluster_incidence(inc, None, resolution, seed)


def _louvain(inc: _Incidence, resolution: float, seed: int) -> list[set[str]]:
    import networkx as nx

    c = _cooccurrence(inc)
    occ = inc.occurrences.astype(float)
    graph = nx.Graph()
    graph.add_nodes_from(inc.keywords)
    ii, jj = np.nonzero(np.triu(c, 1))
    for i, j in zip(ii, jj):
        graph.add_edge(inc.keywords[i], inc.keywords[j], weight=float(c[i, j]) / (occ[i] * occ[j]))
    if graph.number_of_nodes() == 0:
        return []
    return [
        set(com) for com in nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    ]


def _cluster_incidence(inc: _Incidence, clusters, resolution: float = 1.0, seed: int = LOUVAIN_SEED) -> pd.DataFrame:
    """Assign each selected keyword a cluster id from a table, mapping, function or Louvain."""
    if clusters is None:
        groups = _louvain(inc, resolution, seed)
        mapping = {k: gi for gi, group in enumerate(groups) for k in group}
    elif callable(clusters):
        import networkx as nx

        c = _cooccurrence(inc)
        graph = nx.Graph()
        graph.add_nodes_from(inc.keywords)
        ii, jj = np.nonzero(np.triu(c, 1))
        graph.add_edges_from((inc.keywords[i], inc.keywords[j], {"weight": float(c[i, j])}) for i, j in zip(ii, jj))
        result = clusters(graph)
        if isinstance(result, Mapping):
            mapping = {normalise_keyword(k): v for k, v in result.items()}
        else:
            mapping = {normalise_keyword(k): gi for gi, group in enumerate(result) for k in group}
    else:
        mapping = _mapping_from(clusters)
    table = pd.DataFrame(
        {
            "keyword": inc.keywords,
            "occurrences": inc.occurrences,
            "first_year": inc.first_year,
            "avg_year": inc.avg_year,
        }
    )
    assigned = [mapping.get(k) for k in inc.keywords]
    table = table[[v is not None for v in assigned]].copy()
    # object first, then inferred: integer cluster ids stay integers although some keywords had none
    table["raw_cluster"] = pd.Series(
        [v for v in assigned if v is not None], index=table.index, dtype=object
    ).infer_objects()
    if table.empty:
        return pd.DataFrame(
            {
                "keyword": pd.Series([], dtype=object),
                "cluster": pd.Series([], dtype=np.int64),
                "occurrences": pd.Series([], dtype=np.int64),
                "first_year": pd.Series([], dtype=np.int64),
                "avg_year": pd.Series([], dtype=float),
            }
        )
    if clusters is None or callable(clusters):
        # Renumber: largest total occurrences first, then by the cluster's top keyword.
        size = table.groupby("raw_cluster")["occurrences"].sum()
        top_kw = (
            table.sort_values(["occurrences", "keyword"], ascending=[False, True])
            .groupby("raw_cluster")["keyword"]
            .first()
        )
        order = sorted(size.index, key=lambda g: (-size[g], top_kw[g]))
        renumber = {g: i for i, g in enumerate(order)}
        table["cluster"] = table["raw_cluster"].map(renumber).astype(np.int64)
    else:
        table["cluster"] = table["raw_cluster"]
    table = table.drop(columns="raw_cluster")
    table = table.sort_values(
        ["cluster", "occurrences", "keyword"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    return table[["keyword", "cluster", "occurrences", "first_year", "avg_year"]]


def _mapping_from(clusters) -> dict[str, object]:
    if isinstance(clusters, pd.DataFrame):
        if not {"keyword", "cluster"} <= set(clusters.columns):
            raise LitkitError(
                "the cluster table needs columns 'keyword' and 'cluster'",
                expected="e.g. the keyword table of litkit.cooccurrence",
            )
        pairs = zip(clusters["keyword"], clusters["cluster"])
    elif isinstance(clusters, Mapping):
        pairs = clusters.items()
    else:
        raise LitkitError(f"clusters must be a DataFrame, a mapping or a function, got {type(clusters).__name__}")
    mapping = {}
    for k, v in pairs:
        key = normalise_keyword(k)
        if key is not None and v is not None and not (isinstance(v, float) and math.isnan(v)):
            mapping[key] = v
    return mapping


def _cluster_labels(table: pd.DataFrame, labels: Mapping | None = None) -> dict:
    """Cluster label: a given label, else its most frequent keyword (ties alphabetical)."""
    out = {}
    for cluster, group in table.groupby("cluster", sort=True):
        if labels is not None and cluster in labels:
            out[cluster] = str(labels[cluster])
        else:
            out[cluster] = group.sort_values(["occurrences", "keyword"], ascending=[False, True])["keyword"].iloc[0]
    return out


# ---------------------------------------------------------------------------------------------
# timeline view and time-zone view
# ---------------------------------------------------------------------------------------------
def keyword_timeline(
    corpus,
    clusters=None,
    field: str = "DE",
    min_occurrences: int = 2,
    top: int | None = 250,
    per_cluster: int | None = 10,
    max_clusters: int | None = 10,
    thesaurus=None,
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
        Synonyms to merge and terms to drop before counting: a path to a
        VOSviewer thesaurus or ``a;b;canonical`` table, a dict or a
        :class:`litkit.text.thesaurus.Thesaurus` (every function here takes it).

    Returns
    -------
    pandas.DataFrame
        ``cluster``, ``cluster_label`` (``"#0 top keyword"``), ``keyword``,
        ``first_year`` (first record with the keyword), ``occurrences``,
        ``avg_year``; ordered by cluster, then first year, then keyword.
    """
    inc = _keyword_incidence(corpus, field, min_occurrences, top, thesaurus=thesaurus)
    table = _cluster_incidence(inc, clusters)
    labels = None
    if isinstance(clusters, pd.DataFrame) and "label" in clusters.columns:
        labels = dict(zip(clusters["cluster"], clusters["label"]))
    return _timeline_from_clusters(table, labels, per_cluster, max_clusters)


def _timeline_from_clusters(table: pd.DataFrame, labels, per_cluster, max_clusters) -> pd.DataFrame:
    if table.empty:
        return pd.DataFrame(columns=["cluster", "cluster_label", "keyword", "first_year", "occurrences", "avg_year"])
    size = table.groupby("cluster")["occurrences"].sum()
    order = sorted(size.index, key=lambda g: (-size[g], str(g)))
    if max_clusters is not None:
        order = order[:max_clusters]
    names = _cluster_labels(table, labels)
    parts = []
    for cluster in order:
        group = table[table["cluster"] == cluster].sort_values(["occurrences", "keyword"], ascending=[False, True])
        if per_cluster is not None:
            group = group.head(per_cluster)
        group = group.assign(cluster_label=f"#{cluster} {names[cluster]}")
        parts.append(group.sort_values(["first_year", "keyword"], kind="mergesort"))
    out = pd.concat(parts, ignore_index=True)
    out.attrs["cluster_order"] = list(order)
    return out[["cluster", "cluster_label", "keyword", "first_year", "occurrences", "avg_year"]]


class TimeZone(NamedTuple):
    """Tables of the time-zone view: keywords (nodes) and their co-occurrence links."""

    nodes: pd.DataFrame
    links: pd.DataFrame


def time_zone(
    corpus, field: str = "DE", min_occurrences: int = 2, top: int | None = 60, min_cooccurrence: int = 1, thesaurus=None
) -> TimeZone:
    """CiteSpace's time-zone view as tables: keywords in the zone of their first year.

    Returns
    -------
    TimeZone
        ``nodes``: ``keyword``, ``first_year``, ``occurrences``, ``avg_year``,
        ordered by first year then occurrences (descending); ``links``:
        ``source``, ``target``, ``cooccurrences`` (records with both) for pairs
        co-occurring at least ``min_cooccurrence`` times, the earlier keyword
        as ``source``.
    """
    inc = _keyword_incidence(corpus, field, min_occurrences, top, thesaurus=thesaurus)
    nodes = pd.DataFrame(
        {
            "keyword": inc.keywords,
            "first_year": inc.first_year,
            "occurrences": inc.occurrences,
            "avg_year": inc.avg_year,
        }
    )
    nodes = nodes.sort_values(
        ["first_year", "occurrences", "keyword"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    c = _cooccurrence(inc)
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


# ---------------------------------------------------------------------------------------------
# thematic map and thematic evolution
# ---------------------------------------------------------------------------------------------
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
    thesaurus=None,
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
    inc = _keyword_incidence(
        corpus, field, min_occurrences, top, years=_year_pair(years) if years else None, thesaurus=thesaurus
    )
    kw = _cluster_incidence(inc, clusters)
    themes = _themes(inc, kw)
    return ThematicMap(themes, kw)


def _themes(inc: _Incidence, kw: pd.DataFrame) -> pd.DataFrame:
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
    e = _equivalence(_cooccurrence(inc), inc.occurrences)
    clustered = np.zeros(len(inc.keywords), dtype=bool)  # keywords without a cluster are not "outside"
    clustered[[index[k] for k in kw["keyword"]]] = True
    labels = _cluster_labels(kw)
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
    thesaurus=None,
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
    spans = [_year_pair(p) for p in periods]
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
