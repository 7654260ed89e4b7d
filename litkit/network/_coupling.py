"""Bibliographic coupling networks of documents, authors, sources, institutions or countries.

Two documents are coupled once by each cited work they share (Kessler 1963): with ``R``
the binary documents × cited references incidence (litkit's canonical reference keys,
:func:`litkit.network._cocitation.cited_items`), the coupling strengths are ``B = R Rᵀ``
with a zero diagonal.  Aggregated units sum over their documents, as bibliometrix
documents it: with ``M`` the binary documents × units incidence (the unit occurs on the
document), ``X = Mᵀ R`` counts how many of a unit's documents cite each reference and

.. math:: B = X Xᵀ \\quad (\\text{zero diagonal}),

so two sources are coupled by the number of (document of A, document of B, shared
reference) triples; in the transposed notation of the issue, ``B = XᵀX`` with ``X`` the
reference × unit counts.  Units:

``"document"``
    each citing record (key: its ``UT``); size column ``citations`` (``TC``, the
    database's times cited), ``year`` (``PY``), ``references`` (distinct cited keys).
``"author"``
    the record's authors (``AU``, upper case, punctuation folded: ``COSTANZA R``).
``"source"``
    the record's source (``J9``, else ``SO``, abbreviated as the reference keys are).
``"institution"``, ``"country"``
    from :func:`litkit.affiliations` (institutions as it names them; ISO alpha-2 countries).

Aggregated units have size column ``documents`` (their records that cite anything) and
``avg_year``.  Selection: documents with ``TC >= min_citations``, units with at least
``min_documents`` documents; then the ``top_n`` largest (ties: the key's code-point order).

Fractional counting treats each cited reference like a keyword network's record: a
reference cited by ``n_r`` units (counted with multiplicity, before selection) adds
``1/(n_r − 1)`` per pair of its citing units, so a reference cited by everybody couples
little (VOSviewer's fractional counting in the transposed direction).  The normalisations
use ``o_i = Σ_r X_ir²`` (the diagonal of ``X Xᵀ``), so ``"cosine"`` is Salton's cosine of the
units' reference vectors.  Clusters are numbered from #0 (CiteSpace) and labelled from the
titles and keywords of the units' documents.

Examples
--------
>>> import litkit
>>> recs = [{"UT": u, "PY": 2020, "TC": tc, "CR": crs} for u, tc, crs in [
...     ("A", 5, ["Smith J, 1999, NATURE, V1, P2", "Lee K, 2001, SCIENCE, V3, P4"]),
...     ("B", 3, ["Smith J, 1999, NATURE, V1, P2", "Lee K, 2001, SCIENCE, V3, P4"]),
...     ("C", 1, ["Smith J, 1999, NATURE, V1, P2"])]]
>>> net = litkit.coupling(litkit.Corpus.from_records(recs), with_layout=False)
>>> net.nodes[["key", "citations", "references", "total_link_strength"]]
  key  citations  references  total_link_strength
0   A          5           2                    3
1   B          3           2                    3
2   C          1           1                    2
>>> net.links()[["source_id", "target_id", "count"]]
   source_id  target_id  count
0          1          2      2
1          1          3      1
2          2          3      1
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import LitkitError
from ._citing import as_corpus, citation_cluster_table, fold, record_labels, source_key, with_columns, years_of
from .network import COUNTINGS, assemble, average_year, binary_incidence, empty_network
from .selection import check_thresholds

__all__ = ["coupling", "coupling_network", "cited_by_units", "unit_incidence", "UNITS"]

UNITS = ("document", "author", "source", "institution", "country")


def coupling(
    corpus,
    unit: str = "document",
    min_documents: int = 1,
    top_n: int | None = 200,
    *,
    min_citations: int = 0,
    counting: str = "full",
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    cluster_on: str = "auto",
    label_fields: Sequence[str] = ("TI", "DE", "ID"),
    with_layout: bool = True,
    layout: str = "auto",
):
    """Bibliographic coupling network of a corpus (module docstring).

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
        Records in the canonical schema; cited references in ``CR``.
    unit : {"document", "author", "source", "institution", "country"}
    min_documents : int, default 1
        Aggregated units need this many documents that cite anything.
    top_n : int or None, default 200
        Keep the ``top_n`` largest units (documents: most cited by ``TC``); None keeps all.
    min_citations : int, default 0
        Documents need ``TC >= min_citations`` (``unit="document"`` only).
    counting : {"full", "fractional"}
    normalization : {"association", "association_probabilistic", "cosine", "jaccard",
        "inclusion", "equivalence", None}
    clustering, objective, resolution, seed, cluster_on
        As in :func:`litkit.cooccurrence`.
    label_fields : list of str
        Fields of the units' documents the cluster labels come from.
    with_layout, layout
        Map coordinates; ``"auto"``: Kamada–Kawai up to 300 nodes, spring above.

    Returns
    -------
    Network
        ``kind="coupling"``; an empty network with ``net.message`` when the corpus has no
        cited references (or, for institutions and countries, no addresses).

    Examples
    --------
    >>> import litkit
    >>> net = litkit.coupling(corpus, unit="source", min_documents=3, top_n=100)   # doctest: +SKIP
    >>> net.links().sort_values("count", ascending=False).head()                  # doctest: +SKIP
    """
    _check(unit, counting)
    check_thresholds(top_n, min_documents=min_documents, min_citations=min_citations)
    corpus = as_corpus(corpus)
    r, ref_keys = _reference_incidence(corpus)
    r = sp.csr_matrix(r, dtype=np.int64)
    m, keys, labels = unit_incidence(corpus, unit)

    def fetch(chosen: sp.spmatrix, units_per_record: np.ndarray):
        return cited_by_units(r, chosen, units_per_record)

    return coupling_network(
        corpus.df,
        m,
        keys,
        labels,
        np.diff(r.indptr),
        len(ref_keys),
        fetch,
        unit,
        min_documents,
        top_n,
        min_citations=min_citations,
        counting=counting,
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        cluster_on=cluster_on,
        label_fields=label_fields,
        with_layout=with_layout,
        layout=layout,
    )


def cited_by_units(r: sp.spmatrix, chosen: sp.spmatrix, units_per_record: np.ndarray):
    """The count step of :func:`coupling` on some records (a corpus or a partition; the results add up).

    Parameters
    ----------
    r : scipy.sparse matrix
        Binary records × cited references incidence (:func:`litkit.network.cited_items`).
    chosen : scipy.sparse matrix
        Records × selected units (binary; only records that cite anything).
    units_per_record : numpy.ndarray
        Units of each record (all units, not only the selected: the fractional weight of a
        reference counts every unit citing it).

    Returns
    -------
    tuple
        ``(x, n_r)``: ``x = chosenᵀ r`` (selected units × references, int64: how many of a
        unit's documents cite each reference) and ``n_r = rᵀ units_per_record`` (citing units
        per reference, with multiplicity).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> r = sp.csr_matrix(np.array([[1, 1], [0, 1]]))            # two records citing two references
    >>> x, n_r = cited_by_units(r, sp.identity(2, format="csr"), np.array([1, 2]))
    >>> x.toarray().tolist(), n_r.tolist()
    ([[1, 1], [0, 1]], [1, 3])
    """
    r = sp.csr_matrix(r, dtype=np.int64)
    x = sp.csr_matrix(sp.csr_matrix(chosen, dtype=np.int64).T @ r, dtype=np.int64)
    x.sum_duplicates()
    x.sort_indices()
    n_r = np.asarray(r.T @ np.asarray(units_per_record, dtype=np.int64)).ravel().astype(np.int64)
    return x, n_r


def coupling_network(
    df: pd.DataFrame,
    m: sp.spmatrix,
    keys: Sequence[str],
    labels: Sequence[str],
    references_per_record: np.ndarray,
    distinct_references: int,
    fetch,
    unit: str = "document",
    min_documents: int = 1,
    top_n: int | None = 200,
    *,
    min_citations: int = 0,
    counting: str = "full",
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    cluster_on: str = "auto",
    label_fields: Sequence[str] = ("TI", "DE", "ID"),
    with_layout: bool = True,
    layout: str = "auto",
):
    """The assembly step of :func:`coupling`: selection, counts, clusters, labels, node columns.

    Parameters
    ----------
    df : pandas.DataFrame
        The records (``TC``, ``PY`` and the label fields are read; not ``CR``).
    m, keys, labels
        :func:`unit_incidence` of the records.
    references_per_record : numpy.ndarray
        Distinct cited references of each record (0: cites nothing).
    distinct_references : int
        Distinct cited references of the corpus.
    fetch : callable
        ``fetch(chosen, units_per_record)`` -> :func:`cited_by_units` of the whole corpus
        (one process: on the spot; :func:`litkit.scale.coupling`: summed over the partitions).
    unit, min_documents, top_n, options
        As in :func:`coupling`.

    Returns
    -------
    Network
        As :func:`coupling`.

    Examples
    --------
    >>> net = coupling_network(df, m, keys, labels, n_refs, n_distinct, fetch, "source")   # doctest: +SKIP
    """
    _check(unit, counting)
    check_thresholds(top_n, min_documents=min_documents, min_citations=min_citations)
    from ._cooccurrence import fractional_counts, full_counts, select_terms

    run = {"unit": unit, "min_documents": min_documents, "min_citations": min_citations, "top_n": top_n}
    run["label_fields"] = list(label_fields)
    size = "citations" if unit == "document" else "documents"
    score = "year" if unit == "document" else "avg_year"
    extra = ("year", "references") if unit == "document" else ("avg_year",)
    references_per_record = np.asarray(references_per_record, dtype=np.int64)
    citing = references_per_record > 0
    run.update(
        {"records": len(df), "citing_records": int(citing.sum()), "distinct_references": int(distinct_references)}
    )
    if not citing.any():
        return _empty("the corpus has no cited references (CR)", size, extra, run)
    m = sp.csr_matrix(m.multiply(citing[:, None].astype(np.int8)), dtype=np.int8)  # documents that cite anything
    m.eliminate_zeros()
    documents = np.asarray(m.sum(axis=0)).ravel().astype(np.int64)
    if unit == "document":
        tc = pd.to_numeric(df["TC"], errors="coerce").fillna(0).to_numpy(dtype=np.int64) if "TC" in df else None
        tc = np.zeros(len(df), dtype=np.int64) if tc is None else tc
        eligible = np.flatnonzero(citing & (tc >= min_citations))
        ranked = sorted(eligible.tolist(), key=lambda i: (-int(tc[i]), keys[i]))
        selected = np.asarray(ranked[:top_n] if top_n is not None else ranked, dtype=np.int64)
        sizes = tc
    else:
        selected = select_terms(documents, keys, max(min_documents, 1), top_n, "occurrences")
        sizes = documents
    if len(selected) == 0:
        why = f"no {unit} passes the thresholds" if len(keys) else f"the corpus names no {unit}"
        if unit in ("institution", "country") and not len(keys):
            why = f"the corpus has no addresses (C1) naming {'a' if unit == 'country' else 'an'} {unit}"
        return _empty(why, size, extra, run)
    inc = sp.csr_matrix(m[:, selected], dtype=np.int8)
    x, n_r = fetch(inc, np.diff(m.indptr))
    a = sp.csr_matrix(x.T)  # references x selected units: a reference plays the part of a record
    full, frac = full_counts(a), fractional_counts(a, n_r)
    norms = np.asarray(x.multiply(x).sum(axis=1)).ravel()  # diag(X Xᵀ)
    years = years_of(df)
    if unit == "document":
        columns = {"year": _int_years(years[selected]), "references": references_per_record[selected]}
    else:
        columns = {"avg_year": np.round(average_year(inc, years), 4)}
    net = assemble(
        full,
        frac,
        sizes[selected],
        [keys[i] for i in selected],
        [labels[i] for i in selected],
        kind="coupling",
        size=size,
        counting=counting,
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        cluster_on=cluster_on,
        with_layout=with_layout,
        layout=layout,
        cluster_base=0,
        incidence=inc,
        score=score,
        params=run,
        occurrences=norms,
    )
    net.nodes = with_columns(net.nodes, columns)
    net.clusters = citation_cluster_table(net, inc, df, label_fields=label_fields, year_column=score)
    return net


def unit_incidence(corpus, unit: str, affiliations: pd.DataFrame | None = None):
    """Records × units incidence (binary) of a corpus, with the units' keys and labels.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    unit : {"document", "author", "source", "institution", "country"}
    affiliations : pandas.DataFrame, optional
        :func:`litkit.affiliations` of the corpus, when already computed (institutions and
        countries; default: computed here).

    Returns
    -------
    tuple
        ``(m, keys, labels)``: binary CSR (records × units; for documents the identity),
        key and label lists.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"UT": "a", "AU": ["Costanza, R", "Daly, H"]}, {"UT": "b", "AU": ["Daly, H."]}])
    >>> m, keys, labels = unit_incidence(c, "author")
    >>> m.toarray().tolist(), keys
    ([[1, 1], [0, 1]], ['COSTANZA R', 'DALY H'])
    """
    corpus = as_corpus(corpus)
    df = corpus.df
    n = len(df)
    if unit == "document":
        ut = df["UT"].tolist() if "UT" in df else [None] * n
        keys = [str(u) if isinstance(u, str) and u else f"record:{i}" for i, u in enumerate(ut)]
        return sp.identity(n, dtype=np.int8, format="csr"), keys, record_labels(df)
    if unit in ("author", "source"):
        if unit == "author":
            values = df["AU"].tolist() if "AU" in df else [[]] * n
            per_record = [[fold(a) for a in (v if isinstance(v, (list, tuple, np.ndarray)) else [])] for v in values]
        else:
            j9 = df["J9"].tolist() if "J9" in df else [None] * n
            so = df["SO"].tolist() if "SO" in df else [None] * n
            per_record = [[source_key(a if isinstance(a, str) and a.strip() else b)] for a, b in zip(j9, so)]
        rows = np.repeat(np.arange(n), [len(p) for p in per_record])
        items = np.array([v for p in per_record for v in p], dtype=object)
    else:
        if affiliations is None:
            from ..addresses import affiliations as read_affiliations

            affiliations = read_affiliations(corpus)
        table = affiliations
        values = table[unit].fillna("").astype(str).to_numpy(dtype=object)
        rows, items = table["record"].to_numpy(), values
    keep = np.fromiter((bool(v) for v in items), dtype=bool, count=len(items))
    codes, keys = pd.factorize(items[keep])
    m = binary_incidence(np.asarray(rows)[keep], codes, (n, len(keys)))
    keys = [str(k) for k in keys]
    if unit == "country":
        from ..addresses import country_name

        labels = [country_name(k) or k for k in keys]
    else:
        labels = list(keys)
    return m, keys, labels


def _reference_incidence(corpus):
    """Binary records × cited references incidence and the references' keys (:func:`cited_items`'s).

    A corpus read from its records counts its distinct cited strings (:func:`litkit.refs.distinct_references`,
    what co-citation reads: the same keys, in the same order, without the table of one row per citation that
    ``corpus.references`` builds: 4 million rows at 100,000 records); any other (a gathered corpus whose
    references were parsed elsewhere) reads ``corpus.references``.
    """
    from ..corpus import Corpus

    if type(corpus) is Corpus and "CR" in corpus.df:
        from ..refs import distinct_references
        from ._cocitation import cocitation_counts

        citations, distinct = distinct_references(corpus.df)
        local = cocitation_counts(distinct, corpus.df, citations=citations)
        return local.x, local.tally.keys
    from ._cocitation import cited_items

    r, keys, _ = cited_items(corpus, unit="reference", labelled=False)
    return r, keys


def _check(unit: str, counting: str) -> None:
    if unit not in UNITS:
        raise LitkitError(f"unknown coupling unit {unit!r}", expected=" or ".join(UNITS))
    if counting not in COUNTINGS:
        raise LitkitError(f"unknown counting {counting!r}", expected=" or ".join(COUNTINGS))


def _int_years(years: np.ndarray) -> pd.Series:
    ok = ~np.isnan(years)
    return pd.Series(np.where(ok, years, 0).astype(np.int64), dtype="Int64").mask(~ok).array


def _empty(message, size, extra, run):
    return empty_network("coupling", message, size=size, columns=extra, params=run, cluster_base=0)
