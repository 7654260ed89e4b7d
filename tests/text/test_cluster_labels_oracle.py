"""litkit.network.labels.cluster_labels builds its document x term matrix in C (issue 23): the same labels and
scores as the straightforward loop it replaced (kept here as the oracle), on random documents."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from litkit.network.labels import cluster_labels


def _matrix_by_loop(doc_terms, used):
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, d in enumerate(used):
        for t in dict.fromkeys(doc_terms[d]):
            cols.append(vocab.setdefault(t, len(vocab)))
            rows.append(r)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(used), len(vocab))), list(vocab)


def _labels_by_loop(doc_terms, doc_cluster, method, n_labels=5, min_documents=2):
    """cluster_labels as first written (the scores are the module's formulas)."""
    import math

    doc_cluster = np.asarray(doc_cluster)
    used = np.flatnonzero(doc_cluster > 0)
    clusters = sorted(int(c) for c in np.unique(doc_cluster[used]))
    b, vocab = _matrix_by_loop(doc_terms, used)
    terms = np.array(vocab, dtype=object)
    onehot = sp.csr_matrix((np.ones(len(used)), (np.arange(len(used)), doc_cluster[used] - 1)))
    a_all = np.asarray((b.T @ onehot).todense())
    df = np.asarray(b.sum(axis=0)).ravel()
    n_c_all = np.asarray(onehot.sum(axis=0)).ravel()
    total = float(len(used))
    k_t = (a_all > 0).sum(axis=1)
    out = {}
    for c in clusters:
        a = a_all[:, c - 1].astype(float)
        n_c = float(n_c_all[c - 1])
        bb = df - a
        rest = total - n_c
        over = (a / n_c > (bb / rest if rest > 0 else 0.0)) & (a > 0) & (df >= min_documents)
        if method == "tfidf":
            score = a * (np.log((1.0 + len(clusters)) / (1.0 + k_t)) + 1.0)
        else:
            cells = [(a, df, n_c), (n_c - a, total - df, n_c), (bb, df, rest), (rest - bb, total - df, rest)]
            score = np.zeros_like(a)
            for o, row, col in cells:
                o_, e_ = (o, row * col / total) if method == "llr" else (o / total, (row / total) * (col / total))
                with np.errstate(divide="ignore", invalid="ignore"):
                    score += np.where(o_ > 0, o_ * np.log(np.where(o_ > 0, o_, 1) / np.where(e_ > 0, e_, 1)), 0.0)
            score = score * 2.0 if method == "llr" else score / math.log(2.0)
        ranked = sorted(np.flatnonzero(over), key=lambda i: (-round(float(score[i]), 12), -a[i], terms[i]))
        out[c] = [(terms[i], float(score[i])) for i in ranked[:n_labels]]
    return out


def test_cluster_labels_equal_the_loop():
    rng = np.random.default_rng(7)
    words = [f"term {i}" for i in range(60)]
    for _ in range(5):
        n = 300
        docs = [list(rng.choice(words, size=rng.integers(0, 9))) for _ in range(n)]  # repeats inside documents too
        doc_cluster = rng.integers(0, 5, size=n)
        for method in ("llr", "tfidf", "mi"):
            got = cluster_labels(docs, doc_cluster, method=method)
            expected = _labels_by_loop(docs, doc_cluster, method)
            assert got.keys() == expected.keys()
            for c in got:
                assert [t for t, _ in got[c]] == [t for t, _ in expected[c]]
                np.testing.assert_allclose([v for _, v in got[c]], [v for _, v in expected[c]], rtol=1e-12)
