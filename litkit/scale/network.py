"""Keyword counts and co-occurrence networks of a partitioned corpus, computed with Dask.

The result is the :class:`~litkit.network.KeywordNetwork` that
:func:`litkit.cooccurrence` returns for the same records and parameters.  Every
step that looks at records runs per partition and calls the single-machine
functions; only sums travel to the driver:

1. **Terms** (per partition, kept in worker memory): ``field_terms`` and a
   :class:`~litkit.text.TermCleaner` built exactly as :func:`litkit.cooccurrence`
   builds it.  A term's key depends only on the term, so cleaning partition by
   partition gives the same keys as cleaning the whole corpus.
2. **Vocabulary and occurrences** (map: ``{key: records}`` per partition; reduce:
   sum).  :func:`~litkit.network._cooccurrence.select_terms` picks the terms; its
   tie-breaking uses the keys' code points, never their order of appearance.
   (``rank_by="total_link_strength"`` adds a pass that sums the candidates'
   co-occurrence matrices.)
3. **Pairs** on the selected terms (map: :func:`incidence_matrix` and
   :func:`cooccurrence_counts` per partition, with ``n_d`` counted before
   selection; reduce: ``scipy.sparse`` addition on the shared vocabulary).
   Full counts are integers, hence exact.  Fractional counts are sums of floats,
   whose last bits depend on the order of addition; the selected-term incidence
   rows and ``n_d`` travel to the driver (records × ``top_n``, small), which sums
   them in record order like the single-machine path, so the counts, and the
   layout computed from them, are bit-identical.
4. **Clusters, layout, labels**: the clustering, modularity, silhouette and layout
   functions of :mod:`litkit.network` on the reduced matrices.  Cluster labels are
   scored by :func:`~litkit.network.labels.cluster_labels` from the reduced
   (term × cluster) document counts: only those counts enter its scores.
5. **Surface forms** of the few keys that are shown (map; reduce: ``Counter`` sums),
   so display labels are the corpus-wide most frequent forms.

Steps 4–5 assemble the network as :func:`~litkit.network._cooccurrence.network_from_documents`
does; ``tests/scale/test_scale.py`` checks every table against the single-machine path,
so a change there that is not made here fails the tests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import LitkitError
from ..network._cooccurrence import (
    COUNTINGS,
    KeywordNetwork,
    average_year,
    cooccurrence_counts,
    fractional_counts,
    full_counts,
    incidence_matrix,
    keyword_tables,
    select_terms,
    weigh_and_cluster,
)
from ..network._normalize import link_strengths
from ..network.cluster import silhouette
from ..network.labels import assign_documents, cluster_labels
from ..network.layout import layout as compute_layout
from ..network.selection import check_thresholds
from ._dask import compute, constant, persist, sum_counters, tree_reduce, tree_sum

__all__ = ["cooccurrence", "keyword_counts"]


# ---- step 1: terms per partition ------------------------------------------------------------------
def _cleaners(stoplist, thesaurus, aliases, stem, merge_plurals=True, zh_variants=False):
    """The two TermCleaners of :func:`litkit.cooccurrence` (keywords; label-only terms), not yet fitted."""
    from ..text.terms import TermCleaner

    options = dict(
        stoplist=stoplist,
        thesaurus=thesaurus,
        aliases=aliases,
        stem=stem,
        merge_plurals=merge_plurals,
        zh_variants=zh_variants,
    )
    return TermCleaner(**options), TermCleaner(**options)


@dataclass
class _Terms:
    """Cleaned terms of one partition (lives on a worker between passes)."""

    docs: list[list[str]]  # keys per record (distinct, first-seen order)
    label_terms: list[list[str]]  # label candidates per record: docs + cleaned label-only terms
    years: np.ndarray  # PY as float (NaN when missing)
    surfaces: dict  # key -> Counter of surface forms (keyword cleaner)
    label_surfaces: dict  # key -> Counter of surface forms (label cleaner)


def _read(path: str, columns) -> pd.DataFrame:
    """One partition's columns, read inside the task that uses them.

    A frame made by a task of its own travels to another worker whenever the scheduler places (or
    steals) the next task there: megabytes serialised and deserialised per partition, not
    work.  Reading in the task keeps the frame where it is used.
    """
    from ..corpus import Corpus

    return Corpus.read_parquet(path, columns=list(columns)).df


def _partition_dictionary(path: str) -> frozenset:
    """The Chinese keywords of one partition (:func:`litkit.text.chinese.corpus_dictionary`)."""
    from ..text.chinese import corpus_dictionary

    return corpus_dictionary(_read(path, ["DE", "ID"]))


def _raw_vocabulary(df: pd.DataFrame, fields, label_fields, max_words, dictionary) -> tuple[set, set]:
    """Distinct raw terms of the keyword fields and of the label-only fields (what ``zh_variants`` fits on)."""
    from ..text.terms import field_terms

    label_sources = [f for f in label_fields if f not in fields]
    keywords = {t for doc in field_terms(df, fields, max_words=max_words, dictionary=dictionary) for t in doc}
    extra = set()
    if label_sources:
        extra = {t for doc in field_terms(df, label_sources, max_words=max_words, dictionary=dictionary) for t in doc}
    return keywords, extra


def _union_vocabularies(a, b):
    return a[0] | b[0], a[1] | b[1]


def _partition_terms(path: str, columns, fields, label_fields, max_words, cleaners, dictionary) -> _Terms:
    import copy

    from ..text.terms import field_terms

    df = _read(path, columns)

    # Copies: the fitted cleaners are one object per worker, shared by the tasks that run there,
    # and each partition's surface counts must be its own.
    cleaner, label_cleaner = (copy.deepcopy(c) for c in cleaners)
    docs = [cleaner.clean_document(t) for t in field_terms(df, fields, max_words=max_words, dictionary=dictionary)]
    label_sources = [f for f in label_fields if f not in fields]
    extra = (
        field_terms(df, label_sources, max_words=max_words, dictionary=dictionary)
        if label_sources
        else [[] for _ in docs]
    )
    label_terms = [d + label_cleaner.clean_document(e) for d, e in zip(docs, extra)]
    years = pd.to_numeric(df["PY"], errors="coerce").astype("float64").to_numpy()
    return _Terms(docs, label_terms, years, cleaner.surfaces, label_cleaner.surfaces)


# ---- step 2: occurrences ----------------------------------------------------------------------------
def _occurrences(t: _Terms) -> tuple[Counter, int, int]:
    """Records per key, records, records with at least one key."""
    occ = Counter()
    for d in t.docs:
        occ.update(d)  # keys are distinct within a record
    return occ, len(t.docs), sum(1 for d in t.docs if d)


def _combine_occurrences(*parts):
    """Many partitions' occurrences in one (the Counters added in place, :func:`sum_counters`)."""
    return sum_counters(*(p[0] for p in parts)), sum(p[1] for p in parts), sum(p[2] for p in parts)


# ---- step 3: pairs ------------------------------------------------------------------------------------
def _incidence_on(docs: Sequence[Sequence[str]], columns: dict[str, int]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Records × ``columns`` incidence (int8) and ``n_d`` (distinct keys per record, before selection)."""
    a_all, keys = incidence_matrix(docs)
    n_d = np.asarray(a_all.sum(axis=1)).ravel().astype(np.int64)
    rows, cols = [], []
    for j, k in enumerate(keys):
        c = columns.get(k)
        if c is not None:
            rows.append(j)
            cols.append(c)
    pick = sp.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(len(keys), len(columns)))
    a = sp.csr_matrix(sp.csr_matrix(a_all, dtype=np.int64) @ pick, dtype=np.int8)
    return a, n_d


def _pairs(t: _Terms, columns: dict[str, int], keep_incidence: bool):
    """A partition's ``(full, fractional, incidence)`` counts on ``columns``.

    With ``keep_incidence`` the driver sums the fractional counts itself from the stacked
    incidence (in record order, see :func:`cooccurrence`), so they are not reduced: None.
    """
    a, n_d = _incidence_on(t.docs, columns)
    if keep_incidence:
        return full_counts(a), None, (a, n_d)
    full, frac = cooccurrence_counts(a, n_d)
    return full, frac, None


def _merge_pairs(x, y):
    return x[0] + y[0], (None if x[1] is None else x[1] + y[1]), None


def _canonical(m: sp.spmatrix, dtype) -> sp.csr_matrix:
    m = sp.csr_matrix(m, dtype=dtype)
    m.sum_duplicates()
    m.eliminate_zeros()
    m.sort_indices()
    return m


# ---- step 4: label counts --------------------------------------------------------------------------------
def _label_counts(t: _Terms, incidence: sp.csr_matrix, membership: np.ndarray):
    """(key, cluster) -> documents of the cluster holding the key; documents per cluster."""
    doc_cluster = assign_documents(incidence, membership)
    pairs = Counter()
    for terms, c in zip(t.label_terms, doc_cluster.tolist()):
        if c > 0:
            pairs.update((k, c) for k in dict.fromkeys(terms))
    return pairs, Counter(doc_cluster[doc_cluster > 0].tolist())


def _combine_counters(*parts):
    """Many partitions' (key, cluster) and per-cluster counts in one (Counters added in place)."""
    return sum_counters(*(p[0] for p in parts)), sum_counters(*(p[1] for p in parts))


def _labels_from_counts(pairs: Counter, per_cluster: Counter, method: str, min_documents: int = 2):
    """:func:`cluster_labels` on documents rebuilt from the (key, cluster) counts.

    The scores depend on the documents only through ``a`` (documents of cluster
    ``c`` holding key ``t``), their sum over clusters, ``n_c`` and ``N``; any
    documents with these counts score identically.  Cluster ``c`` gets ``n_c``
    documents, key ``t`` is put in the first ``a`` of them.  Keys in fewer than
    ``min_documents`` documents can never be labels and are left out.
    """
    df = Counter()
    for (k, _), n in pairs.items():
        df[k] += n
    docs: list[list[str]] = []
    doc_cluster: list[int] = []
    start = {}
    for c in sorted(per_cluster):
        start[c] = len(docs)
        docs.extend([] for _ in range(per_cluster[c]))
        doc_cluster.extend([c] * per_cluster[c])
    for (k, c), n in sorted(pairs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if df[k] >= min_documents:
            for i in range(start[c], start[c] + n):
                docs[i].append(k)
    return cluster_labels(docs, np.asarray(doc_cluster, dtype=np.int64), method=method, min_documents=min_documents)


# ---- step 5: surface forms ---------------------------------------------------------------------------------
def _surfaces_of(t: _Terms, keys: frozenset):
    return (
        {k: t.surfaces[k] for k in keys if k in t.surfaces},
        {k: t.label_surfaces[k] for k in keys if k in t.label_surfaces},
    )


def _merge_surfaces(a, b):
    out = []
    for x, y in zip(a, b):
        merged = {k: Counter(v) for k, v in x.items()}
        for k, v in y.items():
            merged.setdefault(k, Counter()).update(v)
        out.append(merged)
    return tuple(out)


# ---- public -------------------------------------------------------------------------------------------------
def _term_partitions(pc, field, label_fields, max_words, cleaner_args, client):
    """Cleaned terms per partition (persisted on the workers), the fields, and the two cleaners.

    With ``zh_variants`` the cleaners first learn the corpus-wide vocabulary ("X技术" merges
    into "X" when X occurs anywhere in the corpus): a pass collects each partition's distinct
    raw terms and the driver fits the cleaners on their union, as :meth:`TermCleaner.clean_documents`
    fits on the whole corpus in one process (the keyword cleaner on the keyword fields, the label
    cleaner on the label-only fields).
    """
    import dask

    from ..text.terms import TEXT_FIELDS, resolve_fields

    fields = resolve_fields(field)
    labels = resolve_fields(label_fields)
    needed = sorted(set(fields) | set(labels) | {"PY"})
    dictionary = None
    if any(f in TEXT_FIELDS for f in (*fields, *labels)):
        # Chinese titles are segmented with the corpus's Chinese keywords kept whole
        # (field_terms' dictionary="corpus"): those of the whole corpus, not of one partition.
        parts = [dask.delayed(_partition_dictionary, pure=False)(str(p)) for p in pc.partitions]
        dictionary = constant(compute(tree_sum(parts, lambda a, b: a | b), client))
    cleaner, label_cleaner = _cleaners(*cleaner_args)
    if cleaner.zh_variants:
        parts = [
            dask.delayed(_raw_vocabulary)(f, fields, labels, max_words, dictionary) for f in pc.delayed_frames(needed)
        ]
        keywords, extra = compute(tree_sum(parts, _union_vocabularies), client)
        cleaner.fit([sorted(keywords)])
        label_cleaner.fit([sorted(extra)])
    cleaners = constant((cleaner, label_cleaner))
    terms = [
        dask.delayed(_partition_terms, pure=False)(str(p), needed, fields, labels, max_words, cleaners, dictionary)
        for p in pc.partitions
    ]
    return persist(terms, client), fields, labels, (cleaner, label_cleaner)


def keyword_counts(
    pc,
    field: str | Sequence[str] = "DE",
    *,
    stoplist="default",
    thesaurus="default",
    aliases=False,
    stem: bool = False,
    merge_plurals: bool = True,
    zh_variants: bool = False,
    max_words: int = 4,
    client=None,
) -> pd.DataFrame:
    """Records per cleaned keyword over a partitioned corpus.

    The keys and labels are those of :func:`litkit.cooccurrence` with the same
    cleaning options (``occurrences`` of the selected terms there equal the
    counts here).

    Returns
    -------
    pandas.DataFrame
        ``keyword`` (label: most frequent surface form), ``term`` (key),
        ``occurrences`` (records with the term), sorted by occurrences
        (descending), then term (code-point order).

    Examples
    --------
    >>> pc = litkit.scale.read_partitioned("work/corpus")          # doctest: +SKIP
    >>> litkit.scale.keyword_counts(pc, "DE").head()               # doctest: +SKIP
    """
    import dask

    cleaner_args = (stoplist, thesaurus, aliases, stem, merge_plurals, zh_variants)
    terms, _, _, (cleaner, _) = _term_partitions(pc, field, ("DE",), max_words, cleaner_args, client)
    occ, _, _ = compute(tree_reduce([dask.delayed(_occurrences)(t) for t in terms], _combine_occurrences), client)
    keys = sorted(occ, key=lambda k: (-occ[k], k))
    wanted = constant(frozenset(keys))
    surfaces, _ = compute(tree_sum([dask.delayed(_surfaces_of)(t, wanted) for t in terms], _merge_surfaces), client)
    cleaner._surfaces = surfaces  # label() picks the most frequent form from these counts
    return pd.DataFrame(
        {
            "keyword": [cleaner.label(k) for k in keys],
            "term": keys,
            "occurrences": np.asarray([occ[k] for k in keys], dtype=np.int64),
        }
    )


def cooccurrence(
    pc,
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
    client=None,
) -> KeywordNetwork:
    """Keyword co-occurrence network of a partitioned corpus; same parameters and result as
    :func:`litkit.cooccurrence`.

    Parameters
    ----------
    pc : PartitionedCorpus
        From :func:`litkit.scale.ingest` or :func:`litkit.scale.read_partitioned`.
    client : dask.distributed.Client, optional
        Where to run (default: Dask's current scheduler).
    others
        As in :func:`litkit.cooccurrence`.

    Returns
    -------
    KeywordNetwork
        Equal to ``litkit.cooccurrence(pc.to_corpus(), ...)``: same terms,
        counts, clusters, labels, layout and tables.

    Examples
    --------
    >>> client = litkit.scale.client()                                   # doctest: +SKIP
    >>> pc = litkit.scale.ingest("exports/", "work/corpus", client=client)   # doctest: +SKIP
    >>> net = litkit.scale.cooccurrence(pc, "DE", 2, 200, client=client)    # doctest: +SKIP
    >>> net.export("out/figure6")                                        # doctest: +SKIP
    """
    import dask

    check_thresholds(top_n, min_occurrence=min_occurrence)  # as litkit.cooccurrence, before any partition is read
    if counting not in COUNTINGS:
        raise ValueError(f"counting must be one of {COUNTINGS}, not {counting!r}")
    cleaner_args = (stoplist, thesaurus, aliases, stem, merge_plurals, zh_variants)
    terms, fields, labels_from, (cleaner, label_cleaner) = _term_partitions(
        pc, field, label_fields, max_words, cleaner_args, client
    )

    occ_all, n_records, n_with_terms = compute(
        tree_reduce([dask.delayed(_occurrences)(t) for t in terms], _combine_occurrences), client
    )
    keys = sorted(occ_all)  # any fixed order: select_terms breaks ties by code point
    occ_vec = np.asarray([occ_all[k] for k in keys], dtype=np.int64)
    tls_all = None
    if rank_by == "total_link_strength":
        cand = np.flatnonzero(occ_vec >= min_occurrence)
        columns = constant({keys[i]: j for j, i in enumerate(cand)})
        full_c, frac_c, _ = compute(
            tree_sum([dask.delayed(_pairs)(t, columns, False) for t in terms], _merge_pairs), client
        )
        w_c = _canonical(frac_c, np.float64) if counting == "fractional" else _canonical(full_c, np.int64)
        tls_all = np.zeros(len(keys))
        tls_all[cand] = link_strengths(w_c)[0]
    selected = select_terms(occ_vec, keys, min_occurrence, top_n, rank_by, tls_all)
    if len(selected) == 0:
        raise LitkitError(
            f"no term occurs in at least {min_occurrence} records",
            expected="a lower min_occurrence, another field, or a corpus with keywords",
        )
    sel_terms = [keys[i] for i in selected]
    columns = constant({k: j for j, k in enumerate(sel_terms)})
    occ = occ_vec[selected]

    pair_parts = [dask.delayed(_pairs)(t, columns, True) for t in terms]
    incidences = [dask.delayed(lambda p: p[2])(p) for p in pair_parts]
    # The reduction gets the counts alone: a merge task on the other worker would otherwise be sent
    # each partition's incidence rows too (serialised twice per partition, for nothing).
    counts = [dask.delayed(lambda p: (p[0], p[1], None))(p) for p in pair_parts]
    years_parts = [dask.delayed(lambda t: t.years)(t) for t in terms]
    (full, _, _), inc_list, years_list = compute((tree_sum(counts, _merge_pairs), incidences, years_parts), client)
    full = _canonical(full, np.int64)
    a = sp.csr_matrix(sp.vstack([m for m, _ in inc_list], format="csr"), dtype=np.int8)
    n_d = np.concatenate([n for _, n in inc_list]) if inc_list else np.zeros(0, dtype=np.int64)
    # Fractional weights are float sums, whose last bits depend on the order of addition: summed
    # partition by partition they differ from the single-machine sums by ~1e-15, which the layout
    # amplifies to visible coordinates.  The stacked selected-term incidence (needed anyway for the
    # years and labels) is small, so the driver sums it in record order, as the single-machine path does.
    frac = fractional_counts(a, n_d)
    years = np.concatenate(years_list) if years_list else np.zeros(0)

    # ---- the assembly of network_from_documents, on the reduced counts ----
    weights, s, links, cluster_on, membership, q, q_parts = weigh_and_cluster(
        full, frac, occ, counting, normalization, cluster_on, clustering, objective, resolution, seed
    )
    sil, sil_parts = silhouette(full, occ, membership)
    u = s if cluster_on == "counts" else None  # as litkit.network: the layout pairs with the clustering
    xy = (
        compute_layout(weights, seed=seed, method=layout, node_weights=u)
        if with_layout
        else np.full((len(sel_terms), 2), np.nan)
    )
    avg_year = average_year(a, years)
    doc_cluster = assign_documents(a, membership)

    offsets = np.cumsum([0] + [m.shape[0] for m, _ in inc_list])
    label_parts = [
        dask.delayed(_label_counts)(t, a[offsets[i] : offsets[i + 1]], membership) for i, t in enumerate(terms)
    ]
    pairs, per_cluster = compute(tree_reduce(label_parts, _combine_counters), client)
    labelled = _labels_from_counts(pairs, per_cluster, label_method)

    shown = constant(frozenset(sel_terms) | {t for top in labelled.values() for t, _ in top})
    surfaces, label_surfaces = compute(
        tree_sum([dask.delayed(_surfaces_of)(t, shown) for t in terms], _merge_surfaces), client
    )
    cleaner._surfaces, label_cleaner._surfaces = surfaces, label_surfaces  # corpus-wide counts

    def label_display(key: str) -> str:
        return cleaner.label(key) if key in cleaner._surfaces else label_cleaner.label(key)

    # cluster_labels ran with display=str: apply the display the single-machine path uses.
    labelled = {c: [(label_display(t), v) for t, v in top] for c, top in labelled.items()}
    display_labels = [cleaner.label(t) for t in sel_terms]

    keywords, clusters = keyword_tables(
        display_labels,
        sel_terms,
        occ,
        links,
        s,
        counting,
        membership,
        avg_year,
        xy,
        labelled,
        q_parts,
        sil_parts,
        doc_cluster,
    )
    run = {"field": list(fields), "label_fields": list(labels_from), "max_words": max_words, **cleaner.params()}
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
            "records": n_records,
            "records_with_terms": n_with_terms,
            "distinct_terms": len(keys),
            "selected_terms": len(sel_terms),
            "modularity": round(q, 9) if q == q else None,
            "silhouette": round(sil, 9) if sil == sil else None,
        }
    )
    return KeywordNetwork(
        terms=sel_terms,
        labels=display_labels,
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
