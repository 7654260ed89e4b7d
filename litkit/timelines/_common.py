"""Helpers shared by the modules of :mod:`litkit.timelines` (a private module): the keyword incidence
of a corpus, its co-occurrence, Callon's equivalence index, keyword clusters and year ranges."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..bursts import keyword_normaliser, normalise_keyword
from ..errors import LitkitError

#: Seed of the default Louvain clustering: the same corpus always gives the same clusters.
LOUVAIN_SEED = 42


def year_pair(years) -> tuple[int, int]:
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError):
        raise LitkitError(f"years must be a (first, last) pair, got {years!r}") from None
    if first > last:
        raise LitkitError(f"first year {first} is after last year {last}")
    return first, last


class Incidence(NamedTuple):
    keywords: list[str]  # selected keywords, by occurrences desc then alphabetically
    occurrences: np.ndarray  # records containing each keyword
    first_year: np.ndarray
    avg_year: np.ndarray
    matrix: object  # scipy.sparse csr, records x keywords, 0/1
    years: np.ndarray  # year of each record row


def keyword_incidence(
    corpus, field: str, min_occurrences: int, top: int | None, years: tuple[int, int] | None = None, thesaurus=None
) -> Incidence:
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
    return Incidence(ranked, occ, first, avg, matrix, yrs)


def cooccurrence_matrix(inc: Incidence) -> np.ndarray:
    c = (inc.matrix.T @ inc.matrix).toarray()
    np.fill_diagonal(c, 0)
    return c


def equivalence(c: np.ndarray, occ: np.ndarray) -> np.ndarray:
    """Callon's equivalence index e_ij = c_ij^2 / (c_i c_j)."""
    denom = np.outer(occ, occ).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, c.astype(float) ** 2 / np.where(denom > 0, denom, 1.0), 0.0)


def louvain(inc: Incidence, resolution: float, seed: int) -> list[set[str]]:
    import networkx as nx

    c = cooccurrence_matrix(inc)
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


def cluster_incidence(inc: Incidence, clusters, resolution: float = 1.0, seed: int = LOUVAIN_SEED) -> pd.DataFrame:
    """Assign each selected keyword a cluster id from a table, mapping, function or Louvain."""
    if clusters is None:
        groups = louvain(inc, resolution, seed)
        mapping = {k: gi for gi, group in enumerate(groups) for k in group}
    elif callable(clusters):
        import networkx as nx

        c = cooccurrence_matrix(inc)
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
        mapping = mapping_from(clusters)
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


def mapping_from(clusters) -> dict[str, object]:
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


def cluster_labels(table: pd.DataFrame, labels: Mapping | None = None) -> dict:
    """Cluster label: a given label, else its most frequent keyword (ties alphabetical)."""
    out = {}
    for cluster, group in table.groupby("cluster", sort=True):
        if labels is not None and cluster in labels:
            out[cluster] = str(labels[cluster])
        else:
            out[cluster] = group.sort_values(["occurrences", "keyword"], ascending=[False, True])["keyword"].iloc[0]
    return out
