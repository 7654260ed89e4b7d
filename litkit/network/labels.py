r"""Cluster labels chosen from the cluster's documents, as CiteSpace does.

Each document is assigned to the cluster that holds most of its selected terms
(ties: the lower cluster number; documents with no selected term take no part).
Candidate labels are the terms of those documents: their cleaned keywords and
the cleaned terms of their titles (``label_fields``).  For a candidate ``t`` and a
cluster ``c`` with

* ``a`` documents in ``c`` containing ``t``, ``b`` documents outside ``c`` containing ``t``,
* ``n_c`` documents in ``c``, ``N`` documents in all clusters, ``K`` clusters,
  ``k_t`` clusters whose documents contain ``t``,

the three scores (CiteSpace's options) are

``"llr"``
    Dunning's (1993) log-likelihood ratio ``G² = 2 Σ O ln(O/E)`` over the 2×2 table
    (``t`` present/absent × in/out of ``c``), ``E`` the counts expected under
    independence.
``"tfidf"``
    ``a · (ln((1 + K)/(1 + k_t)) + 1)``: each cluster's documents are one text
    (Salton's tf·idf with the smoothed idf of scikit-learn).
``"mi"``
    mutual information (bits) between "document contains ``t``" and "document is
    in ``c``": ``Σ_{x,y} P(x,y) log2(P(x,y) / (P(x)P(y)))``.

LLR and MI are symmetric, so a term *under*-represented in ``c`` could score high;
only terms with ``a/n_c > b/(N − n_c)`` are eligible.  Candidates must occur in at
least ``min_documents`` documents.  Ties: higher score, then more documents in
the cluster, then code-point order of the term.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

__all__ = ["LABEL_METHODS", "assign_documents", "cluster_labels"]

LABEL_METHODS = ("llr", "tfidf", "mi")


def assign_documents(incidence: sp.spmatrix, membership: np.ndarray) -> np.ndarray:
    """Cluster (1..K) of each document: where most of its selected terms are; 0 when none."""
    k = int(membership.max()) if len(membership) else 0
    onehot = sp.csr_matrix(
        (np.ones(len(membership)), (np.arange(len(membership)), membership - 1)), shape=(len(membership), max(k, 1))
    )
    counts = np.asarray((sp.csr_matrix(incidence) @ onehot).todense())
    best = counts.argmax(axis=1) + 1  # argmax returns the first maximum: the lower cluster number
    best[counts.max(axis=1) == 0] = 0
    return best.astype(np.int64)


def _xlogx_ratio(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)


def cluster_labels(
    doc_terms: Sequence[Sequence[str]],
    doc_cluster: np.ndarray,
    method: str = "llr",
    n_labels: int = 5,
    min_documents: int = 2,
    display: Callable[[str], str] = str,
) -> dict[int, list[tuple[str, float]]]:
    """Top ``n_labels`` (label, score) of every cluster; see the module text for the scores."""
    if method not in LABEL_METHODS:
        raise ValueError(f"label_method must be one of {LABEL_METHODS}, not {method!r}")
    doc_cluster = np.asarray(doc_cluster)
    used = np.flatnonzero(doc_cluster > 0)
    clusters = sorted(int(c) for c in np.unique(doc_cluster[used]))
    if not clusters:
        return {}
    # Imported here: the co-occurrence module imports this one.
    from ._cooccurrence import incidence_matrix

    # Documents x candidate terms, binary (a term repeated in a document counts once), terms in first-seen order.
    b, vocab = incidence_matrix([doc_terms[d] for d in used])
    b = b.astype(np.float64)
    terms = np.asarray(vocab, dtype=object)
    k_max = max(clusters)
    onehot = sp.csr_matrix(
        (np.ones(len(used)), (np.arange(len(used)), doc_cluster[used] - 1)), shape=(len(used), k_max)
    )
    a_all = np.asarray((b.T @ onehot).todense())  # terms x clusters: documents in c with t
    df = np.asarray(b.sum(axis=0)).ravel()
    n_c_all = np.asarray(onehot.sum(axis=0)).ravel()
    total = float(len(used))
    k_t = (a_all > 0).sum(axis=1)
    eligible_df = df >= min_documents
    out: dict[int, list[tuple[str, float]]] = {}
    for c in clusters:
        a = a_all[:, c - 1].astype(float)
        n_c = float(n_c_all[c - 1])
        bb = df - a
        rest = total - n_c
        over = (a / n_c > (bb / rest if rest > 0 else 0.0)) & (a > 0) & eligible_df
        if method == "tfidf":
            score = a * (np.log((1.0 + len(clusters)) / (1.0 + k_t)) + 1.0)
        else:
            cells = [(a, df, n_c), (n_c - a, total - df, n_c), (bb, df, rest), (rest - bb, total - df, rest)]
            if method == "llr":
                score = np.zeros_like(a)
                for o, row, col in cells:
                    score += _xlogx_ratio(o, row * col / total)
                score *= 2.0
            else:
                score = np.zeros_like(a)
                for o, row, col in cells:
                    score += _xlogx_ratio(o / total, (row / total) * (col / total))
                score /= math.log(2.0)
        idx = np.flatnonzero(over)
        ranked = sorted(idx, key=lambda i: (-round(float(score[i]), 12), -a[i], terms[i]))
        out[c] = [(display(terms[i]), float(score[i])) for i in ranked[:n_labels]]
    return out
