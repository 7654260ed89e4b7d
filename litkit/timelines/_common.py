"""Helpers shared by the modules of :mod:`litkit.timelines` (a private module): the keyword incidence
of a corpus, its co-occurrence, Callon's equivalence index, keyword clusters and year ranges.

Keywords are cleaned by litkit's one term pipeline (:func:`litkit.text.corpus_terms`), counted with
the keyword map's incidence and co-occurrence functions and clustered with its Leiden clustering
(:mod:`litkit.network`), so a keyword is the same item, and the default clusters are the same, in
the map and in every view here."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import LitkitError

#: Seed of the default (Leiden) clustering: the same corpus always gives the same clusters.
CLUSTER_SEED = 42
#: The name of :data:`CLUSTER_SEED` from when the default clustering was Louvain (kept for callers).
LOUVAIN_SEED = CLUSTER_SEED


def year_pair(years) -> tuple[int, int]:
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError):
        raise LitkitError(f"years must be a (first, last) pair, got {years!r}") from None
    if first > last:
        raise LitkitError(f"first year {first} is after last year {last}")
    return first, last


class Incidence(NamedTuple):
    keywords: list[str]  # selected keyword keys, by occurrences desc then code-point order
    occurrences: np.ndarray  # records containing each keyword
    first_year: np.ndarray
    avg_year: np.ndarray
    matrix: object  # scipy.sparse csr, records x keywords, 0/1
    years: np.ndarray  # year of each record row
    labels: list[str]  # display label of each keyword (its most frequent surface form)
    key: object  # raw keyword -> key (None when removed): how a caller's keyword is matched
    params: dict  # what the term pipeline applied


def keyword_incidence(
    corpus,
    field: str,
    min_occurrences: int,
    top: int | None,
    years: tuple[int, int] | None = None,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> Incidence:
    """Records x selected keywords of a corpus, cleaned by :func:`litkit.text.corpus_terms`.

    The whole corpus is cleaned before records are filtered by ``years``, so a keyword has
    the same key and label in every period of a thematic evolution.
    """
    from ..network import select_terms
    from ..text import corpus_terms, reused

    df = corpus.df
    if field not in df.columns:
        raise LitkitError(f"the corpus has no column {field!r}", expected="a keyword list column such as DE or ID")
    if isinstance(min_occurrences, bool) or not isinstance(min_occurrences, (int, np.integer)) or min_occurrences < 1:
        raise LitkitError(f"min_occurrences must be a whole number >= 1, got {min_occurrences!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise LitkitError(f"top must be a positive whole number or None, got {top!r}")
    terms = corpus_terms(
        corpus, field, stoplist=stoplist, thesaurus=thesaurus, merge_plurals=merge_plurals, zh_variants=zh_variants
    )
    # The views of one run (inside reuse_terms) share it: only the selection below depends on their options.
    record_years, a_all, vocab, occ_all = reused(
        terms, ("keyword_incidence", years), lambda: _all_keywords(df, terms, years)
    )
    # The keyword map's selection: occurrences >= threshold, most frequent first, ties by key.
    selected = select_terms(occ_all, vocab, min_occurrences, top) if len(vocab) else np.zeros(0, dtype=np.int64)
    ranked = [vocab[i] for i in selected]
    from scipy import sparse

    matrix = sparse.csr_matrix(a_all[:, selected], dtype=np.float64)
    yrs = np.asarray(record_years, dtype=np.int64)
    first = np.full(len(ranked), 0, dtype=np.int64)
    avg = np.zeros(len(ranked))
    if len(ranked):
        csc = matrix.tocsc()
        for j in range(len(ranked)):
            members = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
            first[j] = yrs[members].min()
            avg[j] = yrs[members].mean()
    occ = occ_all[selected].astype(np.int64)
    cleaner = terms.cleaner
    labels = [cleaner.label(k) for k in ranked]
    return Incidence(ranked, occ, first, avg, matrix, yrs, labels, cleaner.key, cleaner.params())


def _all_keywords(df, terms, years):
    """Year of each record kept (a year, a keyword, within ``years``), its incidence of every keyword, occurrences."""
    from ..network import incidence_matrix

    py = pd.to_numeric(df["PY"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    lengths = np.fromiter(map(len, terms.docs), dtype=np.int64, count=len(terms.docs))
    keep = ~np.isnan(py) & (lengths > 0)
    if years is not None:
        keep &= (py >= years[0]) & (py <= years[1])
    rows = np.flatnonzero(keep)
    docs = [terms.docs[i] for i in rows]
    record_years = py[rows].astype(np.int64)
    a_all, vocab = incidence_matrix(docs)
    occ_all = np.asarray(a_all.sum(axis=0)).ravel().astype(np.int64)
    return record_years, a_all, vocab, occ_all


def cooccurrence_matrix(inc: Incidence) -> np.ndarray:
    """Dense full co-occurrence counts of the selected keywords (the keyword map's ``A^T A``)."""
    from ..network._cooccurrence import full_counts

    return full_counts(inc.matrix).toarray()


def equivalence(c: np.ndarray, occ: np.ndarray) -> np.ndarray:
    """Callon's equivalence index e_ij = c_ij^2 / (c_i c_j)."""
    denom = np.outer(occ, occ).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, c.astype(float) ** 2 / np.where(denom > 0, denom, 1.0), 0.0)


def leiden(inc: Incidence, resolution: float, seed: int) -> np.ndarray:
    """Cluster of each selected keyword: the keyword map's Leiden clustering (modularity on the counts)."""
    from scipy import sparse

    from ..network._cooccurrence import fractional_counts, full_counts
    from ..network.network import weigh_and_cluster

    full = full_counts(inc.matrix)
    frac = fractional_counts(sparse.csr_matrix(inc.matrix.shape))  # unused with counting="full"
    membership = weigh_and_cluster(
        full, frac, inc.occurrences, "full", "association", "auto", "leiden", "modularity", resolution, seed
    )[4]
    return np.asarray(membership)


def cluster_incidence(inc: Incidence, clusters, resolution: float = 1.0, seed: int = LOUVAIN_SEED) -> pd.DataFrame:
    """Assign each selected keyword a cluster id from a table, mapping, function or Leiden."""
    if clusters is None:
        mapping = dict(zip(inc.keywords, leiden(inc, resolution, seed).tolist())) if inc.keywords else {}
    elif callable(clusters):
        import networkx as nx

        c = cooccurrence_matrix(inc)
        graph = nx.Graph()
        graph.add_nodes_from(inc.keywords)
        ii, jj = np.nonzero(np.triu(c, 1))
        graph.add_edges_from((inc.keywords[i], inc.keywords[j], {"weight": float(c[i, j])}) for i, j in zip(ii, jj))
        result = clusters(graph)
        if isinstance(result, Mapping):
            mapping = {inc.key(k): v for k, v in result.items()}
        else:
            mapping = {inc.key(k): gi for gi, group in enumerate(result) for k in group}
    else:
        mapping = mapping_from(clusters, inc.key)
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


def mapping_from(clusters, key=None) -> dict[str, object]:
    """Keyword key -> cluster from a table or a mapping; ``key`` turns a caller's keyword into a key.

    A table with a ``term`` column (the keyword map's node keys) is matched on it; otherwise
    its ``keyword`` column goes through ``key`` (default :func:`litkit.text.term_key`).
    """
    if key is None:
        from ..text import term_key as key
    if isinstance(clusters, pd.DataFrame):
        if not {"keyword", "cluster"} <= set(clusters.columns):
            raise LitkitError(
                "the cluster table needs columns 'keyword' and 'cluster'",
                expected="e.g. the keyword table of litkit.cooccurrence",
            )
        pairs = zip(clusters["keyword"], clusters["cluster"])
        if "term" in clusters.columns:  # the map's own keys: no re-cleaning (the map may have stemmed)
            mapping = {}
            for k, v in zip(clusters["term"], clusters["cluster"]):
                if isinstance(k, str) and v is not None and not (isinstance(v, float) and math.isnan(v)):
                    mapping[k] = v
            for k, v in pairs:  # a key cleaned by this run's pipeline too, in case the options differ
                kk = key(k) if isinstance(k, str) else None
                if kk is not None and kk not in mapping and not (isinstance(v, float) and math.isnan(v)):
                    mapping[kk] = v
            return mapping
    elif isinstance(clusters, Mapping):
        pairs = clusters.items()
    else:
        raise LitkitError(f"clusters must be a DataFrame, a mapping or a function, got {type(clusters).__name__}")
    mapping = {}
    for k, v in pairs:
        kk = key(k) if isinstance(k, str) else None
        if kk is not None and v is not None and not (isinstance(v, float) and math.isnan(v)):
            mapping[kk] = v
    return mapping


def cluster_labels(table: pd.DataFrame, labels: Mapping | None = None, display: Mapping | None = None) -> dict:
    """Cluster label: a given label, else the display label of its most frequent keyword (ties by key).

    ``display`` maps a keyword key to its display label (:attr:`Incidence.labels`); keys without
    one are shown as they are.
    """
    out = {}
    for cluster, group in table.groupby("cluster", sort=True):
        if labels is not None and cluster in labels:
            out[cluster] = str(labels[cluster])
        else:
            top = group.sort_values(["occurrences", "keyword"], ascending=[False, True])["keyword"].iloc[0]
            out[cluster] = (display or {}).get(top, top)
    return out


def pipeline_options(thesaurus, stoplist, merge_plurals, zh_variants) -> dict:
    """The term-pipeline arguments of :func:`keyword_incidence`, as every view passes them."""
    return {"thesaurus": thesaurus, "stoplist": stoplist, "merge_plurals": merge_plurals, "zh_variants": zh_variants}


#: What the term-pipeline parameters of every view mean (for docstrings).
PIPELINE_DOC = """thesaurus, stoplist, merge_plurals, zh_variants
        litkit's one term pipeline (:func:`litkit.text.corpus_terms`), with the defaults of the
        keyword map (:func:`litkit.cooccurrence`), so a keyword is the same item in both."""
