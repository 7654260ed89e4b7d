"""Keyword co-occurrence networks: the review's Figure 6 recipe in one call.

"The key words are first cleaned, meaningless words eliminated, synonyms merged,
the minimum occurrence of each keyword set to 2, and the 200 most frequent
keywords are kept to form a visual map" — :func:`cooccurrence` does each of these
steps, and every step is a parameter.

Pipeline
--------
1. Terms per record from ``field`` (``"DE"``, ``"ID"``, ``"TI"``, ``"AB"``,
   ``"TIAB"`` or a list; see :mod:`litkit.text.terms`).
2. Cleaning (:class:`litkit.text.TermCleaner`): Unicode NFKC, dashes, case;
   thesaurus; zh↔en aliases; stop list; optional Snowball stemming.
3. Binary document × term incidence matrix ``A`` (a term repeated in a record
   counts once); occurrences ``o = column sums of A``.
4. Selection: terms with ``o_i >= min_occurrence``, then the ``top_n`` best by
   ``rank_by``: ``"occurrences"`` (the review's "most frequent", default) or
   ``"total_link_strength"`` (what VOSviewer's Create Map wizard ranks by).
   Ties: by occurrences, the term key's code-point order; by total link
   strength, occurrences, then the key.  The selection never depends on record order.
5. Counting: full ``C = AᵀA`` with zero diagonal; fractional
   ``F = Aᵀ diag(1/(n_d − 1)) A`` with zero diagonal (Perianes-Rodriguez, van Eck
   & Waltman 2016), where ``n_d`` is the number of distinct cleaned terms of record
   ``d`` *before* selection (as in VOSviewer, a record's weight does not change
   when other terms are cut), and records with ``n_d = 1`` add nothing.
6. Normalisation (:mod:`litkit.network`), clustering, ``Q`` and
   silhouette (:mod:`litkit.network.cluster`), labels (:mod:`litkit.network.labels`),
   layout (:mod:`litkit.network.layout`), average publication year per term.

Examples
--------
>>> import litkit
>>> docs = [["bibliometrics", "citation analysis", "co-word analysis", "science mapping"],
...         ["bibliometrics", "science mapping", "vosviewer"],
...         ["citation analysis", "bibliometrics", "citation analysis"],
...         ["scientometrics"],
...         ["co-word analysis", "science mapping", "vosviewer"],
...         ["citation analysis", "scientometrics", "science mapping"]]
>>> corpus = litkit.Corpus.from_records([{"DE": d, "PY": 2020} for d in docs])
>>> net = litkit.cooccurrence(corpus, min_occurrence=1, top_n=None, stoplist=None, thesaurus=None)
>>> net.keywords[["keyword", "occurrences", "total_link_strength"]].head(3)
             keyword  occurrences  total_link_strength
0    science mapping            4                    9
1      bibliometrics            3                    6
2  citation analysis            3                    6
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import LitkitError
from ._normalize import link_strengths
from .cluster import silhouette
from .labels import assign_documents, cluster_labels
from .layout import layout as compute_layout
from .network import COUNTINGS, Network, average_year, weigh_and_cluster
from .selection import check_thresholds

__all__ = [
    "cooccurrence",
    "network_from_documents",
    "KeywordNetwork",
    "incidence_matrix",
    "cooccurrence_counts",
    "select_terms",
    "COUNTINGS",
    "RANKINGS",
    "keyword_tables",
    "weigh_and_cluster",
    "full_counts",
    "fractional_counts",
]

RANKINGS = ("occurrences", "total_link_strength")


# ---- matrices --------------------------------------------------------------------------------
def incidence_matrix(docs: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, list[str]]:
    """Binary documents × terms matrix (int8) and the terms in first-seen order.

    Examples
    --------
    >>> a, terms = incidence_matrix([["gis", "remote sensing", "gis"], ["remote sensing"]])
    >>> a.toarray().tolist(), terms
    ([[1, 1], [0, 1]], ['gis', 'remote sensing'])
    """
    # Every occurrence coded at once (pandas.factorize numbers terms in first-seen order, as a dict
    # would) and placed by a COO matrix: no Python loop over the documents of a large corpus.
    docs = docs if isinstance(docs, list) else list(docs)
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    flat = np.empty(int(lengths.sum()), dtype=object)
    flat[:] = list(chain.from_iterable(docs))
    cols, vocab = pd.factorize(flat, use_na_sentinel=False)
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    a = sp.csr_matrix((np.ones(len(flat), dtype=np.int8), (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.int8)
    a.data[:] = 1  # a term repeated in a document counts once (the duplicates were summed)
    a.sort_indices()
    return a, list(vocab)


def cooccurrence_counts(
    a: sp.spmatrix, terms_per_document: np.ndarray | None = None
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Full (int64) and fractional (float64) co-occurrence matrices, zero diagonal.

    ``terms_per_document`` is ``n_d`` for the fractional weights ``1/(n_d - 1)``;
    default: the row sums of ``a``.  :func:`full_counts` and :func:`fractional_counts`
    give one of the two.
    """
    return full_counts(a), fractional_counts(a, terms_per_document)


def full_counts(a: sp.spmatrix) -> sp.csr_matrix:
    """Full (int64) co-occurrence counts of incidence matrix ``a``: ``A^T A``, zero diagonal."""
    a = sp.csr_matrix(a, dtype=np.int64)
    return _without_diagonal(a.T @ a)


def fractional_counts(a: sp.spmatrix, terms_per_document: np.ndarray | None = None) -> sp.csr_matrix:
    """Fractional (float64) co-occurrence counts: each document weighs ``1/(n_d - 1)``, zero diagonal.

    ``terms_per_document`` is ``n_d``; default: the row sums of ``a``.
    """
    a = sp.csr_matrix(a, dtype=np.float64)
    n_d = np.asarray(a.sum(axis=1)).ravel() if terms_per_document is None else np.asarray(terms_per_document)
    with np.errstate(divide="ignore"):
        doc_weight = np.where(n_d >= 2, 1.0 / np.maximum(n_d - 1, 1), 0.0)
    return _without_diagonal(a.T @ sp.diags(doc_weight) @ a)


def _without_diagonal(m: sp.spmatrix) -> sp.csr_matrix:
    """``m`` as CSR with its diagonal removed and its indices sorted."""
    m = m.tocsr()
    m.setdiag(0)
    m.eliminate_zeros()
    m.sort_indices()
    return m


def select_terms(
    occurrences: np.ndarray,
    keys: Sequence[str],
    min_occurrence: int = 2,
    top_n: int | None = 200,
    rank_by: str = "occurrences",
    link_strength: np.ndarray | None = None,
) -> np.ndarray:
    """Indices of the selected terms, in rank order.

    Terms need ``occurrences >= min_occurrence``; the ``top_n`` first by
    ``rank_by`` (descending) are kept.  Ties: the other measure (descending; link
    strengths count only when given), then the key's code-point order.
    """
    if rank_by not in RANKINGS:
        raise ValueError(f"rank_by must be one of {RANKINGS}, not {rank_by!r}")
    occurrences = np.asarray(occurrences)
    candidates = np.flatnonzero(occurrences >= min_occurrence)
    tls = np.zeros(len(occurrences)) if link_strength is None else np.asarray(link_strength, dtype=float)
    if rank_by == "occurrences":
        key = lambda i: (-int(occurrences[i]), -round(float(tls[i]), 9), keys[i])
    else:
        key = lambda i: (-round(float(tls[i]), 9), -int(occurrences[i]), keys[i])
    ranked = sorted(candidates.tolist(), key=key)
    if top_n is not None:
        ranked = ranked[:top_n]
    return np.asarray(ranked, dtype=np.int64)


# ---- result ------------------------------------------------------------------------------------
class KeywordNetwork(Network):
    """A term co-occurrence network: the :class:`~litkit.network.Network` of ``kind="keyword"``.

    Built with the keyword map's own names, which stay available beside the
    generic ones (``keywords`` is the node table as ``keywords.csv`` writes it;
    ``nodes`` is the same table with the generic column names ``key``/``label``).

    Attributes
    ----------
    terms : list of str
        Node keys (normalised, possibly stemmed), in rank order.
    labels : list of str
        Display labels (most frequent surface form or thesaurus canonical form).
    occurrences : numpy.ndarray
        ``o_i``: records containing term ``i``.
    cooccurrence : scipy.sparse.csr_matrix
        Full counts ``c_ij`` (int64, symmetric, zero diagonal); also ``counts``.
    fractional : scipy.sparse.csr_matrix
        Fractional counts ``f_ij`` (float64).
    weights : scipy.sparse.csr_matrix
        Link weights of the map (layout, drawn links, CPM clustering): the
        ``normalization`` of the ``counting`` weights.
    incidence : scipy.sparse.csr_matrix
        Records × selected terms (binary).
    keywords : pandas.DataFrame
        ``id, keyword, term, occurrences, links, total_link_strength, cluster, avg_year, x, y``.
    clusters : pandas.DataFrame
        ``cluster, size, label, label_terms, q_contribution, silhouette, documents,
        occurrences, avg_year, top_keywords``.
    modularity, silhouette : float
        Modularity ``Q`` (γ = 1) and mean silhouette of the clustering.
    params : dict
        Every parameter of the run (written to ``params.json``).
    """

    count_name = "cooccurrence"

    def __init__(
        self,
        terms: list[str],
        labels: list[str],
        occurrences: np.ndarray,
        cooccurrence: sp.csr_matrix,
        fractional: sp.csr_matrix,
        weights: sp.csr_matrix,
        incidence: sp.csr_matrix,
        keywords: pd.DataFrame,
        clusters: pd.DataFrame,
        modularity: float,
        silhouette: float,
        params: dict | None = None,
    ):
        self.keywords = keywords
        self._terms = list(terms)
        self._labels = list(labels)
        self._occurrences = np.asarray(occurrences)
        super().__init__(
            None,
            cooccurrence,
            fractional,
            weights,
            clusters,
            modularity,
            silhouette,
            params,
            kind="keyword",
            incidence=incidence,
            size="occurrences",
            score="avg_year",
            cluster_base=1,
        )

    @property
    def nodes(self) -> pd.DataFrame:
        """:attr:`keywords` with the generic column names (``term`` → ``key``, ``keyword`` → ``label``)."""
        kw = self.keywords.rename(columns={"term": "key", "keyword": "label"})
        first = ["id", "key", "label"]
        return kw[first + [c for c in kw.columns if c not in first]]

    @nodes.setter
    def nodes(self, value) -> None:  # the keyword table is the stored one
        pass

    @property
    def node_table(self) -> pd.DataFrame:
        return self.keywords

    @property
    def node_file(self) -> str:
        return "keywords"

    @property
    def terms(self) -> list[str]:
        return self._terms

    @property
    def keys(self) -> list[str]:
        return self._terms

    @property
    def labels(self) -> list[str]:
        return self._labels

    @property
    def sizes(self) -> np.ndarray:
        return self._occurrences

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        return (
            f"<KeywordNetwork: {len(self)} terms, {self.cooccurrence.nnz // 2} links, "
            f"{len(self.clusters)} clusters, Q={self.modularity:.3f}, S={self.silhouette:.3f}>"
        )

    def _repr_html_(self) -> str:
        p = self.params
        head = html.escape(repr(self))
        recipe = html.escape(
            f"field={p.get('field')} min_occurrence={p.get('min_occurrence')} top_n={p.get('top_n')} "
            f"counting={p.get('counting')} normalization={p.get('normalization')} "
            f"clustering={p.get('clustering')}/{p.get('objective')} resolution={p.get('resolution')} "
            f"seed={p.get('seed')}"
        )
        clusters = (
            self.clusters[["cluster", "size", "label", "q_contribution", "silhouette", "avg_year"]]
            .head(20)
            .to_html(index=False, escape=True, na_rep="")
        )
        top = (
            self.keywords[["keyword", "occurrences", "total_link_strength", "cluster", "avg_year"]]
            .head(15)
            .to_html(index=False, escape=True, na_rep="")
        )
        from ..notebook import network_map_html

        return (
            f"<div class='litkit-network'><p><b>{head}</b><br><code>{recipe}</code></p>{network_map_html(self)}"
            f"<p>Clusters</p>{clusters}<p>Top terms</p>{top}</div>"
        )


# ---- building ----------------------------------------------------------------------------------
def keyword_tables(
    labels,
    terms,
    occ,
    links,
    strength,
    counting: str,
    membership,
    avg_year,
    xy,
    labelled: dict,
    q_parts,
    sil_parts,
    doc_cluster,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The keyword table and the cluster table of a network, from its per-term arrays.

    Shared by the single-machine path (:func:`network_from_documents`) and the Dask
    path (:mod:`litkit.scale.network`), so the two tables cannot drift apart.
    """
    keywords = pd.DataFrame(
        {
            "id": np.arange(1, len(terms) + 1),
            "keyword": labels,
            "term": terms,
            "occurrences": occ,
            "links": links.astype(np.int64),
            "total_link_strength": strength.astype(np.int64) if counting == "full" else np.round(strength, 6),
            "cluster": membership,
            "avg_year": np.round(avg_year, 4),
            "x": xy[:, 0],
            "y": xy[:, 1],
        }
    )
    rows = []
    for c in sorted(np.unique(membership).tolist()):
        members = np.flatnonzero(membership == c)
        top = labelled.get(c, [])
        # Fall back to the cluster's most frequent term when no candidate is over-represented.
        label = top[0][0] if top else labels[members[0]]
        years_c = avg_year[members]
        weights_c = occ[members].astype(float)
        ok = ~np.isnan(years_c)
        rows.append(
            {
                "cluster": c,
                "size": len(members),
                "label": label,
                "label_terms": "; ".join(t for t, _ in top),
                "label_scores": "; ".join(f"{v:.4f}" for _, v in top),
                "q_contribution": round(q_parts[c], 9),
                "silhouette": round(sil_parts[c], 9) if sil_parts[c] == sil_parts[c] else np.nan,
                "documents": int((doc_cluster == c).sum()),
                "occurrences": int(occ[members].sum()),
                "avg_year": round(float(np.average(years_c[ok], weights=weights_c[ok])), 4) if ok.any() else np.nan,
                "top_keywords": "; ".join(labels[i] for i in members[:5]),
            }
        )
    clusters = pd.DataFrame(
        rows,
        columns=[
            "cluster",
            "size",
            "label",
            "label_terms",
            "label_scores",
            "q_contribution",
            "silhouette",
            "documents",
            "occurrences",
            "avg_year",
            "top_keywords",
        ],
    )
    return keywords, clusters


def network_from_documents(
    docs: Sequence[Sequence[str]],
    *,
    years=None,
    display: Callable[[str], str] = str,
    label_terms: Sequence[Sequence[str]] | None = None,
    label_display: Callable[[str], str] | None = None,
    min_occurrence: int = 2,
    top_n: int | None = 200,
    rank_by: str = "occurrences",
    counting: str = "full",
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    label_method: str = "llr",
    cluster_on: str = "auto",
    with_layout: bool = True,
    layout: str = "vos",
    params: dict | None = None,
) -> KeywordNetwork:
    """Build a :class:`KeywordNetwork` from already-cleaned term lists (one list per record).

    This is the computing core of :func:`cooccurrence`; use it directly for term
    lists that do not come from a corpus.  ``display`` maps a key to its label;
    ``label_terms`` are the candidate cluster-label terms per record (default ``docs``).
    """
    if counting not in COUNTINGS:
        raise ValueError(f"counting must be one of {COUNTINGS}, not {counting!r}")
    a_all, keys = incidence_matrix(docs)
    occ_all = np.asarray(a_all.sum(axis=0)).ravel().astype(np.int64)
    n_d = np.asarray(a_all.sum(axis=1)).ravel().astype(np.int64)
    tls_all = None
    if rank_by == "total_link_strength":
        cand = np.flatnonzero(occ_all >= min_occurrence)
        full_c, frac_c = cooccurrence_counts(a_all[:, cand], n_d)
        s_c = link_strengths(frac_c if counting == "fractional" else full_c)[0]
        tls_all = np.zeros(len(keys))
        tls_all[cand] = s_c
    selected = select_terms(occ_all, keys, min_occurrence, top_n, rank_by, tls_all)
    if len(selected) == 0:
        raise LitkitError(
            f"no term occurs in at least {min_occurrence} records",
            expected="a lower min_occurrence, another field, or a corpus with keywords",
        )
    terms = [keys[i] for i in selected]
    labels = [display(t) for t in terms]
    a = sp.csr_matrix(a_all[:, selected], dtype=np.int8)
    occ = occ_all[selected]
    full, frac = cooccurrence_counts(a, n_d)
    weights, s, links, cluster_on, membership, q, q_parts = weigh_and_cluster(
        full, frac, occ, counting, normalization, cluster_on, clustering, objective, resolution, seed
    )
    sil, sil_parts = silhouette(full, occ, membership)
    # layout pairs with the clustering: modularity on the counts <-> repulsion weighted by strength
    u = s if cluster_on == "counts" else None
    xy = (
        compute_layout(weights, seed=seed, method=layout, node_weights=u)
        if with_layout
        else np.full((len(terms), 2), np.nan)
    )
    avg_year = average_year(a, years)

    doc_cluster = assign_documents(a, membership)
    candidates = docs if label_terms is None else label_terms
    shown = label_display or display
    labelled = cluster_labels(candidates, doc_cluster, method=label_method, display=shown)
    keywords, clusters = keyword_tables(
        labels, terms, occ, links, s, counting, membership, avg_year, xy, labelled, q_parts, sil_parts, doc_cluster
    )
    run = dict(params or {})
    run.update(
        {
            "min_occurrence": min_occurrence,
            "top_n": top_n,
            "rank_by": rank_by,
            "counting": counting,
            "normalization": normalization,
            "clustering": clustering,
            "objective": objective,
            "resolution": resolution,
            "seed": seed,
            "label_method": label_method,
            "cluster_on": cluster_on,
            "layout": layout if with_layout else None,
            "records": len(docs),
            "records_with_terms": int((n_d > 0).sum()),
            "distinct_terms": len(keys),
            "selected_terms": len(terms),
            "modularity": round(q, 9) if q == q else None,
            "silhouette": round(sil, 9) if sil == sil else None,
        }
    )
    return KeywordNetwork(
        terms=terms,
        labels=labels,
        occurrences=occ,
        cooccurrence=full,
        fractional=frac,
        weights=weights,
        incidence=a,
        keywords=keywords,
        clusters=clusters,
        modularity=q,
        silhouette=sil,
        params=run,
    )


def cooccurrence(
    corpus,
    field: str | Sequence[str] = "DE",
    min_occurrence: int = 2,
    top_n: int | None = 200,
    *,
    rank_by: str = "occurrences",
    stoplist="default",
    thesaurus="default",
    aliases=False,
    stem: bool = False,
    merge_plurals: bool = True,
    zh_variants: bool = False,
    counting: str = "full",
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    label_method: str = "llr",
    label_fields: Sequence[str] = ("DE", "TI"),
    max_words: int = 4,
    cluster_on: str = "auto",
    layout: str = "vos",
    with_layout: bool = True,
) -> KeywordNetwork:
    """Keyword co-occurrence network of a corpus: clean, select, count, normalise, cluster, label.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
        Records in the canonical schema.
    field : str or list of str
        Term source: ``"DE"`` (author keywords; CNKI keywords), ``"ID"`` (Keywords
        Plus), ``"TI"``/``"AB"``/``"TIAB"`` (terms extracted from titles/abstracts:
        RAKE-style phrases for English, jieba words for Chinese), or a list
        (terms of all listed fields, once per record).
    min_occurrence : int
        Minimum number of records a term must occur in (the recipe: 2).
    top_n : int or None
        Number of terms kept after the threshold (the recipe: 200); None keeps all.
    rank_by : {"occurrences", "total_link_strength"}
        How the ``top_n`` are chosen: the review's "most frequent" (default) or
        VOSviewer's "greatest total link strength".
    stoplist : "default", None, path or iterable
        Whole terms removed; ``"default"`` is litkit's English + Chinese list of
        generic keywords (:func:`litkit.text.keyword_stoplist`).
    thesaurus : "default", None, path, dict, Thesaurus or list of these
        Synonym merging.  Files: VOSviewer thesaurus (``label<TAB>replace by``) or
        ``synonym;synonym;canonical``.  ``"default"`` is litkit's small table of safe
        merges (``litkit/data/thesaurus_default.txt``).
    aliases : bool, path or Thesaurus
        zh↔en aliases; True uses ``litkit/data/aliases_zh_en.txt``.
    stem : bool
        Merge English inflections (Snowball), more strongly than ``merge_plurals``.
    merge_plurals : bool, default True
        Singular and plural of an English term are one node ("CO2 emissions" = "co2
        emission"), labelled with the most frequent form (:func:`litkit.text.term_key`;
        hyphen and space variants are always one node).
    zh_variants : bool, default False
        Merge Chinese variants (VR = 虚拟现实 = 虚拟现实技术; :class:`litkit.text.ZhVariants`),
        listed in ``params``.
    counting : {"full", "fractional"}
    normalization : {"association", "association_probabilistic", "cosine", "jaccard",
        "inclusion", "equivalence", None}
        Link weights of the map: layout, drawn links, and CPM clustering
        (:mod:`litkit.network`).
    clustering : {"leiden", "leidenalg", "louvain"}
        Leiden (igraph's implementation, default), Leiden from the ``leidenalg``
        package, or Louvain (:mod:`litkit.network.cluster`).
    objective : {"modularity", "cpm"}
        ``"modularity"`` (CiteSpace's ``Q``) or the Constant Potts Model (with
        association strength and ``resolution=1``: VOSviewer's clustering).
    resolution : float
    cluster_on : {"auto", "counts", "normalized"}
        Weights the clustering sees.  ``"auto"``: the counting weights for
        modularity (its null model ``s_i s_j / 2m`` *is* the association-strength
        normalisation, so normalising first would do it twice and over-weight rare
        terms) and the normalised weights for CPM.  ``Q`` is reported on the same weights.
    seed : int
        Seeds clustering and layout: same input and seed, same result.
    label_method : {"llr", "tfidf", "mi"}
        Cluster-label score (:mod:`litkit.network.labels`).
    label_fields : list of str
        Where candidate labels come from (cleaned keywords and title terms).
    max_words : int
        Longest phrase extracted from English titles/abstracts.
    layout : {"vos", "kamada_kawai", "spring"}
        Map coordinates (:mod:`litkit.network.layout`); ``with_layout=False`` skips them
        (x, y become NaN) when only tables are needed.

    Returns
    -------
    KeywordNetwork

    Examples
    --------
    >>> net = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=200)  # doctest: +SKIP
    >>> net.clusters[["cluster", "size", "label"]]                                   # doctest: +SKIP
    >>> net.export("out/figure6")                                                    # doctest: +SKIP
    """
    from ..corpus import Corpus
    from ..text import TermCleaner, corpus_terms, field_terms, resolve_fields

    check_thresholds(top_n, min_occurrence=min_occurrence)  # top_n=-5 would keep all but five terms
    df = corpus.df if isinstance(corpus, Corpus) else corpus
    # litkit's one term pipeline (the same keys as keyword bursts and timelines)
    options = dict(
        stoplist=stoplist,
        thesaurus=thesaurus,
        aliases=aliases,
        stem=stem,
        merge_plurals=merge_plurals,
        zh_variants=zh_variants,
    )
    docs, cleaner, fields = corpus_terms(df, field, max_words=max_words, **options)

    label_cleaner = TermCleaner(**options)
    label_sources = [f for f in resolve_fields(label_fields) if f not in fields]
    extra = field_terms(df, label_sources, max_words=max_words) if label_sources else [[] for _ in docs]
    label_terms = [d + e for d, e in zip(docs, label_cleaner.clean_documents(extra))]

    def label_display(key: str) -> str:
        return cleaner.label(key) if cleaner.knows(key) else label_cleaner.label(key)

    years = pd.to_numeric(df["PY"], errors="coerce").astype("float64").to_numpy() if "PY" in df else None
    params = {
        "field": list(fields),
        "label_fields": list(resolve_fields(label_fields)),
        "max_words": max_words,
        **cleaner.params(),
    }
    return network_from_documents(
        docs,
        years=years,
        display=cleaner.label,
        label_terms=label_terms,
        label_display=label_display,
        min_occurrence=min_occurrence,
        top_n=top_n,
        rank_by=rank_by,
        counting=counting,
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        label_method=label_method,
        cluster_on=cluster_on,
        with_layout=with_layout,
        layout=layout,
        params=params,
    )
