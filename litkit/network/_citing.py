"""Steps the citation-based builders share (co-citation, coupling, direct citation).

Private to :mod:`litkit.network`: the corpus as a :class:`~litkit.Corpus`, readable
labels of records and cited items, the terms of records for cluster labels, burst
strengths of nodes, the cluster table of a citation network and the finishing of a
citation network (centrality, burst, sigma).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .labels import LABEL_METHODS, cluster_labels

_NON_WORD = re.compile(r"[\W_]+")


def as_corpus(corpus):
    """A :class:`~litkit.Corpus` (a canonical DataFrame is wrapped)."""
    from ..corpus import Corpus

    return corpus if isinstance(corpus, Corpus) else Corpus(corpus)


def fold(text) -> str:
    """Upper case, punctuation and spaces folded to single spaces ("Costanza, R." -> "COSTANZA R")."""
    if text is None or text != text or text is pd.NA:
        return ""
    import unicodedata

    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", str(text)).upper()).strip()


def source_key(source) -> str:
    """A cited or citing source as :func:`litkit.refs.bibliographic_key` writes it (J9 style)."""
    from ..refs import bibliographic_key

    if source is None or source != source or source is pd.NA or not str(source).strip():
        return ""
    return bibliographic_key({"source": str(source)}).split("|")[2]


def years_of(df: pd.DataFrame) -> np.ndarray:
    """Publication year of every record as float (NaN when missing)."""
    if "PY" not in df:
        return np.full(len(df), np.nan)
    return pd.to_numeric(df["PY"], errors="coerce").astype("float64").to_numpy()


def record_labels(df: pd.DataFrame) -> list[str]:
    """CiteSpace-style label of each record: "Costanza R, 1997, NATURE" (first author, year, source)."""
    authors = df["AU"].tolist() if "AU" in df else [[]] * len(df)
    years = years_of(df)
    j9 = df["J9"].tolist() if "J9" in df else [None] * len(df)
    so = df["SO"].tolist() if "SO" in df else [None] * len(df)
    out = []
    for au, year, abbrev, source in zip(authors, years, j9, so):
        first = au[0] if isinstance(au, (list, tuple, np.ndarray)) and len(au) else ""
        first = " ".join(str(first).replace(",", " ").split())
        src = abbrev if isinstance(abbrev, str) and abbrev.strip() else source
        src = str(src).upper() if isinstance(src, str) and src.strip() else ""
        parts = [first, "" if year != year else str(int(year)), src]
        out.append(", ".join(p for p in parts if p) or "(no author, year or source)")
    return out


def record_terms(df: pd.DataFrame, fields: Sequence[str], rows: np.ndarray | None = None, max_words: int = 4):
    """Cleaned candidate label terms of the records at ``rows`` (default: all; others get none), with the
    default stop list, and the cleaner that shows them."""
    from ..text.terms import TermCleaner, field_terms, resolve_fields

    fields = [f for f in resolve_fields(fields) if f in df]
    cleaner = TermCleaner(stoplist="default", thesaurus=None)
    docs: list[list[str]] = [[] for _ in range(len(df))]
    if not fields:
        return docs, cleaner
    rows = np.arange(len(df)) if rows is None else np.asarray(rows)
    # clean_documents cleans each distinct term once (what clean_document on each record gives).
    for r, terms in zip(
        rows.tolist(), cleaner.clean_documents(field_terms(df.iloc[rows], fields, max_words=max_words))
    ):
        docs[r] = terms
    return docs, cleaner


def document_clusters(incidence: sp.spmatrix, membership: np.ndarray, base: int) -> np.ndarray:
    """Cluster of each record (``base``-numbered): where most of the nodes it holds are; -1 when none.

    Ties go to the lower cluster number.
    """
    n_nodes = len(membership)
    k = int(membership.max()) - base + 1 if n_nodes else 1
    onehot = sp.csr_matrix((np.ones(n_nodes), (np.arange(n_nodes), membership - base)), shape=(n_nodes, max(k, 1)))
    counts = (sp.csr_matrix(incidence, dtype=np.float64) @ onehot).toarray()
    best = counts.argmax(axis=1) + base
    best[counts.max(axis=1) == 0] = -1
    return best.astype(np.int64)


def citation_cluster_table(
    net,
    incidence: sp.spmatrix,
    df: pd.DataFrame,
    *,
    label_fields: Sequence[str] = ("TI", "DE", "ID"),
    n_labels: int = 3,
    top_citing: int = 5,
    year_column: str | None = "year",
) -> pd.DataFrame:
    """The cluster table of a citation network, CiteSpace's way.

    Each record of ``incidence`` (records × nodes: the citing records of a
    co-citation network, the records of a coupling or citation network) belongs to
    the cluster that holds most of its nodes.  Per cluster: ``size``,
    ``silhouette``, ``year`` (mean of the members' ``year_column``), ``label`` (the
    best LLR term, else the most cited member), ``label_llr``, ``label_tfidf``,
    ``label_mi`` (top terms, ``"; "``-separated, from the titles, keywords and
    abstracts of the cluster's records, :mod:`litkit.network.labels`),
    ``q_contribution``, ``documents`` (records assigned to the cluster),
    ``citing`` (the records with the highest coverage: the share of the
    cluster's members they hold, ``"0.45 Costanza R, 1997, NATURE | …"``) and
    ``top_members``.
    """
    base = net.cluster_base
    nodes = net.nodes
    membership = nodes["cluster"].to_numpy()
    inc = sp.csr_matrix(incidence, dtype=np.float64)
    doc_cluster = document_clusters(inc, membership, base)
    docs, cleaner = record_terms(df, label_fields, rows=np.flatnonzero(doc_cluster >= 0))
    labelled = {}
    one_based = np.where(doc_cluster >= 0, doc_cluster - base + 1, 0)  # cluster_labels counts from 1
    for method in LABEL_METHODS:
        found = cluster_labels(docs, one_based, method=method, n_labels=n_labels, display=cleaner.label)
        labelled[method] = {c + base - 1: top for c, top in found.items()}
    rows = []
    best_of = {}
    base_table = net.clusters.set_index("cluster")
    labels = nodes["label"].astype(str).tolist()
    years = nodes[year_column].to_numpy(dtype=float) if year_column in nodes else np.full(len(nodes), np.nan)
    for c in sorted(np.unique(membership).tolist()):
        members = np.flatnonzero(membership == c)
        llr = labelled["llr"].get(c, [])
        covered = np.asarray(inc[:, members].sum(axis=1)).ravel()
        best = np.flatnonzero(covered > 0)
        best = best[np.lexsort((best, -covered[best]))][:top_citing]  # most coverage, then record order
        best_of[c] = (best, covered[best] / len(members))
        ok = ~np.isnan(years[members])
        rows.append(
            {
                "cluster": c,
                "size": len(members),
                "silhouette": base_table.at[c, "silhouette"],
                "year": round(float(years[members][ok].mean()), 4) if ok.any() else np.nan,
                "label": llr[0][0] if llr else labels[members[0]],
                "label_llr": "; ".join(t for t, _ in llr),
                "label_tfidf": "; ".join(t for t, _ in labelled["tfidf"].get(c, [])),
                "label_mi": "; ".join(t for t, _ in labelled["mi"].get(c, [])),
                "q_contribution": base_table.at[c, "q_contribution"],
                "documents": int((doc_cluster == c).sum()),
                "citing": "",
                "top_members": "; ".join(labels[i] for i in members[:5]),
            }
        )
    # Labels of the few records shown (a corpus has many records, a table five per cluster).
    shown = np.unique(np.concatenate([b for b, _ in best_of.values()] or [np.zeros(0, dtype=np.int64)]))
    record_label = dict(zip(shown.tolist(), record_labels(df.iloc[shown]) if len(shown) else []))
    for row in rows:
        best, share = best_of[row["cluster"]]
        row["citing"] = " | ".join(f"{s:.2f} {record_label[int(r)]}" for r, s in zip(best, share))
    columns = [
        "cluster",
        "size",
        "silhouette",
        "year",
        "label",
        "label_llr",
        "label_tfidf",
        "label_mi",
        "q_contribution",
        "documents",
        "citing",
        "top_members",
    ]
    return pd.DataFrame(rows, columns=columns)


def node_bursts(incidence: sp.spmatrix, years: np.ndarray, active: np.ndarray, s: float = 2, gamma: float = 1):
    """Kleinberg burst of each node over the records' years (litkit's exact model, 1-year slices).

    ``r[t]`` = records of year ``t`` holding the node (columns of ``incidence``),
    ``d[t]`` = ``active`` records of year ``t`` (those citing anything), over the
    years from the first to the last active record — what
    :func:`litkit.citation_bursts` counts for cited references.  Returns the
    strongest burst's weight (0 without a burst), its first and last year.
    """
    from ..bursts import kleinberg_many

    n_nodes = incidence.shape[1]
    strength = np.zeros(n_nodes)
    begin = np.full(n_nodes, -1, dtype=np.int64)
    end = np.full(n_nodes, -1, dtype=np.int64)
    ok = ~np.isnan(years) & active
    if n_nodes == 0 or not ok.any():
        return strength, begin, end
    first, last = int(np.nanmin(years[ok])), int(np.nanmax(years[ok]))
    n_slices = last - first + 1
    rows = np.flatnonzero(ok)
    slot = (years[rows] - first).astype(np.int64)
    by_year = sp.csr_matrix((np.ones(len(rows)), (slot, rows)), shape=(n_slices, incidence.shape[0]))
    binary = sp.csr_matrix(incidence, dtype=np.float64)
    binary.data[:] = 1.0
    R = np.asarray((by_year @ binary).T.todense())
    D = np.bincount(slot, minlength=n_slices).astype(float)
    found = kleinberg_many(R, D, s=s, gamma=gamma)
    if len(found):
        found = found.sort_values(["item", "weight", "start"], ascending=[True, False, True], kind="mergesort")
        best = found.drop_duplicates("item")
        items = best["item"].to_numpy()
        strength[items] = best["weight"].to_numpy()
        begin[items] = first + best["start"].to_numpy()
        end[items] = first + best["end"].to_numpy()
    return strength, begin, end


def centrality_of(weights: sp.spmatrix, distance: str = "inverse") -> np.ndarray:
    """Normalised betweenness centrality (:func:`litkit.network.centrality.betweenness`)."""
    from .centrality import betweenness

    if weights.shape[0] == 0:
        return np.zeros(0)
    return np.asarray(betweenness(weights, normalized=True, distance=distance), dtype=float)


def sigma_of(centrality: np.ndarray, burst: np.ndarray) -> np.ndarray:
    """Chen's sigma = (centrality + 1) ** burst (:func:`litkit.network.centrality.sigma`)."""
    from .centrality import sigma

    return np.asarray(sigma(centrality, burst), dtype=float)


def with_columns(nodes: pd.DataFrame, columns: dict) -> pd.DataFrame:
    """``nodes`` with ``columns`` added (or replaced) just before ``x``, ``y``."""
    out = nodes.drop(columns=[c for c in columns if c in nodes.columns])
    at = list(out.columns).index("x")
    for offset, (name, values) in enumerate(columns.items()):
        out.insert(at + offset, name, values)
    return out
