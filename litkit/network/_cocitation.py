"""Co-citation networks of cited references, cited sources or cited first authors (CiteSpace's DCA, JCA, ACA).

Two items are co-cited once per citing record that cites both (binary per record, as
bibliometrix and VOSviewer count; a record citing two papers of one journal twice still
co-cites the journal pair once).

Pipeline
--------
1. Cited items per citing record from ``corpus.references`` (:func:`litkit.refs.references_table`):

   ``unit="reference"``
       litkit's canonical reference key (``doi:…`` or ``SURNAME|year|SOURCE|volume|page``),
       which keeps apart different papers of one author, year and journal, and joins a work
       cited with and without its DOI.  ``identity="author_year_source"`` uses the
       bibliometrix-style key ``"COSTANZA R, 1997, NATURE"`` instead, for comparison with
       bibliometrix (it merges different papers of one first author, year and source).
   ``unit="source"``
       the cited source, abbreviated as in the reference keys (J9 style, so ``Ecological
       Economics``, ``Ecol. Econ.`` and ``ECOL ECON`` agree).
   ``unit="author"``
       the first cited author, upper case with punctuation folded (``COSTANZA R``).

   References with the empty key (``[No title captured]``) and items without a value are
   left out.  A merged corpus (CNKI + WoS + Scopus, :func:`litkit.merge`) keeps every
   record's cited references, and the keys agree across databases.
2. Binary incidence ``X`` (citing records × items); citations of an item ``c = column sums``;
   ``n_d`` = distinct items a record cites (before selection).
3. Selection.  Without ``slice_years``: items cited at least ``min_citations`` times, the
   ``top_n`` most cited (ties: the key's code-point order).  With ``slice_years`` (CiteSpace's
   way): the citing records are cut into slices of ``slice_years`` years
   (:func:`litkit.network.selection.time_slices`); in each slice the items cited at least
   ``min_citations`` times *in the slice* are ranked and selected by ``selection``
   (``{"top_n": 50}`` — the default, with ``top_n`` — ``{"top_percent": 10}`` or
   ``{"g_index_k": 25}``; :func:`litkit.network.selection.select_nodes`); the slice network
   links the selected items by their co-citations in the slice's records; with
   ``pruning`` and ``prune_scope="slice"`` it is pruned (:func:`litkit.network.pruning.prune`
   on the slice's normalised weights).  The merged network holds every item selected in
   some slice; a link's count is the sum of its counts over the slices whose network keeps
   it (without pruning and with every item selected in every slice this is the co-citation
   count over the whole period).  ``prune_scope="merged"`` prunes the merged network instead.
4. Counting (full ``C = XᵀX``, fractional ``F = Xᵀ diag(1/(n_d − 1)) X``, zero diagonals), the
   normalisation, Leiden clusters numbered from #0 by size, ``Q``, silhouette, layout
   (:mod:`litkit.network.network`).
5. Node columns: ``citations`` (citing records in the period), ``year`` (publication year of a
   cited reference; the first citing year of a source or author), ``centrality`` (normalised
   betweenness, :func:`litkit.network.centrality.betweenness` on the link weights with
   length 1/weight), ``burst`` (strongest Kleinberg burst of the item's citing records per
   year, s = 2, γ = 1, :func:`litkit.bursts.kleinberg_many`; 0 without a burst), ``burst_begin``,
   ``burst_end``, ``sigma`` (``(centrality + 1) ** burst``).
6. Cluster table (:func:`litkit.network._citing.citation_cluster_table`): size, silhouette,
   mean publication year of the members, labels by LLR, tf-idf and MI from the titles,
   keywords and abstracts of the records that cite the cluster, the citing records with the
   highest coverage of the cluster.

Sparse throughout: ``X`` is a CSR matrix and the counts are sparse products; nothing loops
over pairs in Python.

Examples
--------
>>> import litkit
>>> recs = [{"UT": f"R{i}", "PY": 2020, "CR": crs} for i, crs in enumerate([
...     ["Costanza R, 1997, NATURE, V387, P253", "Daily GC, 1997, NATURES SERVICES"],
...     ["Costanza R, 1997, NATURE, V387, P253", "Daily GC, 1997, NATURES SERVICES"],
...     ["Costanza R, 1997, NATURE, V387, P253", "Fisher B, 2009, ECOL ECON, V68, P643"]])]
>>> net = litkit.cocitation(litkit.Corpus.from_records(recs), min_citations=1, with_layout=False)
>>> net.nodes[["label", "citations", "total_link_strength", "cluster"]]
                              label  citations  total_link_strength  cluster
0          Costanza R, 1997, NATURE          3                    3        0
1  Daily GC, 1997, NATURES SERVICES          2                    2        0
2         Fisher B, 2009, ECOL ECON          1                    1        0
>>> net.links()[["source_id", "target_id", "count"]]
   source_id  target_id  count
0          1          2      2
1          1          3      1
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import LitkitError
from ._citing import (
    as_corpus,
    centrality_of,
    citation_cluster_table,
    fold,
    node_bursts,
    sigma_of,
    source_key,
    with_columns,
    years_of,
)
from .network import COUNTINGS, assemble, binary_incidence, empty_network

__all__ = ["cocitation", "cited_items", "UNITS", "IDENTITIES"]

UNITS = ("reference", "source", "author")
IDENTITIES = ("key", "author_year_source")
SELECTIONS = ("top_n", "top_percent", "g_index_k")
_COLUMNS = ("year", "centrality", "burst", "burst_begin", "burst_end", "sigma")


def cocitation(
    corpus,
    unit: str = "reference",
    min_citations: int = 2,
    top_n: int | None = 200,
    *,
    counting: str = "full",
    normalization: str | None = "association",
    slice_years: int | None = None,
    years: tuple[int, int] | None = None,
    selection: dict | None = None,
    pruning: str | None = None,
    prune_scope: str = "slice",
    identity: str = "key",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    cluster_on: str = "auto",
    label_fields: Sequence[str] = ("TI", "DE", "ID"),
    centrality_distance: str = "inverse",
    burst_s: float = 2,
    burst_gamma: float = 1,
    with_layout: bool = True,
    layout: str = "auto",
):
    """Co-citation network of a corpus: document (DCA), journal (JCA) or author (ACA) co-citation.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
        Records in the canonical schema; cited references in ``CR``.
    unit : {"reference", "source", "author"}
        What is co-cited (module docstring).
    min_citations : int, default 2
        Items cited by fewer records are left out (per slice with ``slice_years``).
    top_n : int or None, default 200
        The most cited items kept (None: all); with ``slice_years`` and no ``selection``,
        the top ``top_n`` per slice (CiteSpace's "Top N per slice").
    counting : {"full", "fractional"}
        Fractional: each citing record weighs ``1/(n_d − 1)`` per pair, ``n_d`` its distinct
        cited items (VOSviewer's fractional counting, as for keywords).
    normalization : {"association", "association_probabilistic", "cosine", "jaccard",
        "inclusion", "equivalence", None}
        Link weights of the map (:mod:`litkit.network`).
    slice_years : int, optional
        Length of CiteSpace's time slices in years (records without a year are then left out).
    years : (int, int), optional
        First and last citing year (default: the corpus's range); records outside are left out.
    selection : dict, optional
        Per-slice node selection: exactly one of ``{"top_n": N}``, ``{"top_percent": P}``,
        ``{"g_index_k": k}`` (:func:`litkit.network.selection.select_nodes`).
    pruning : {None, "mst", "pathfinder"}
        Pathfinder is PFNET(r = ∞, q = n − 1) (:mod:`litkit.network.pruning`); off by default.
    prune_scope : {"slice", "merged"}
        Prune each slice network (CiteSpace's default) or the merged network; without
        ``slice_years`` the network is the merged one.
    identity : {"key", "author_year_source"}
        For ``unit="reference"``: litkit's canonical key, or bibliometrix's.
    clustering, objective, resolution, seed, cluster_on
        As in :func:`litkit.cooccurrence` (Leiden, seeded).
    label_fields : list of str
        Fields of the citing records the cluster labels come from: titles, author keywords and
        Keywords Plus by default; add ``"AB"`` for abstracts (CiteSpace's third source), which
        costs about 5 ms per citing record for the phrase extraction.
    centrality_distance : {"inverse", "unweighted"}
        Link length for betweenness (:func:`litkit.network.centrality.betweenness`).
    burst_s, burst_gamma : float
        Kleinberg's parameters for the node bursts.
    with_layout, layout
        Map coordinates; ``"auto"``: Kamada–Kawai up to 300 nodes, spring above.

    Returns
    -------
    Network
        ``kind="cocitation"``, ``size="citations"``; clusters numbered from 0.  An empty
        network with ``net.message`` when the corpus has no cited references or no item
        passes the thresholds.

    Examples
    --------
    >>> import litkit
    >>> net = litkit.cocitation(corpus, min_citations=3, top_n=300)                       # doctest: +SKIP
    >>> net = litkit.cocitation(corpus, slice_years=1, selection={"g_index_k": 25})       # doctest: +SKIP
    >>> net.clusters[["cluster", "size", "silhouette", "year", "label"]]                  # doctest: +SKIP
    """
    _check(unit, identity, counting, prune_scope, selection, slice_years)
    corpus = as_corpus(corpus)
    df = corpus.df
    run = {
        "unit": unit,
        "identity": identity,
        "min_citations": min_citations,
        "top_n": top_n,
        "slice_years": slice_years,
        "years": list(years) if years is not None else None,
        "selection": dict(selection) if selection else None,
        "pruning": pruning,
        "prune_scope": prune_scope,
        "label_fields": list(label_fields),
        "centrality_distance": centrality_distance,
        "burst_s": burst_s,
        "burst_gamma": burst_gamma,
    }
    x, keys, info = cited_items(corpus, unit=unit, identity=identity, labelled=False)
    record_years = years_of(df)
    in_period = _in_period(record_years, years, need_year=slice_years is not None)
    x = sp.csr_matrix(x.multiply(in_period[:, None].astype(np.int8)), dtype=np.int8)
    x.eliminate_zeros()
    run.update({"records": len(df), "citing_records": int((np.diff(x.indptr) > 0).sum()), "distinct_items": len(keys)})
    if x.nnz == 0:
        why = "the corpus has no cited references (CR)" if len(keys) == 0 else "no record in the period cites anything"
        if len(keys) == 0 and len(df) and "DB" in df and set(df["DB"].dropna()) <= {"CNKI"}:
            why += "; CNKI exports carry no cited references"
        return _empty(why, run)
    n_d = np.diff(x.indptr).astype(np.int64)  # distinct items per record, before selection
    citations = np.asarray(x.sum(axis=0)).ravel().astype(np.int64)
    if slice_years is None:
        selected, full, frac = _whole(x, n_d, citations, keys, min_citations, top_n)
        prune_merged = pruning is not None
    else:
        selected, full, frac, slices = _sliced(
            x, n_d, record_years, keys, slice_years, years, selection or {"top_n": top_n}, min_citations,
            pruning if prune_scope == "slice" else None, normalization, counting,
        )  # fmt: skip
        run["slices"] = slices
        prune_merged = pruning is not None and prune_scope == "merged"
    if len(selected) == 0:
        return _empty(f"no cited {unit} is cited by at least {min_citations} records", run)
    if prune_merged:
        full, frac = _pruned(full, frac, citations[selected], normalization, counting, pruning)
    inc = sp.csr_matrix(x[:, selected], dtype=np.int8)
    labels, item_year = _labels_and_years(info[0], unit, identity, keys, info[1], selected)
    net = assemble(
        full,
        frac,
        citations[selected],
        [keys[i] for i in selected],
        labels,
        kind="cocitation",
        size="citations",
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
        score="year",
        params=run,
    )
    active = np.diff(x.indptr) > 0
    finish_citation_nodes(net, inc, record_years, active, item_year, centrality_distance, burst_s, burst_gamma)
    net.clusters = citation_cluster_table(net, inc, df, label_fields=label_fields)
    return net


def cited_items(corpus, unit: str = "reference", identity: str = "key", *, labelled: bool = True):
    """Citing records × cited items incidence of a corpus, with the items' keys, labels and years.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    unit, identity
        As in :func:`cocitation`.

    labelled : bool, default True
        False skips the labels and years (a large corpus cites millions of items, of which a
        network shows a few hundred) and returns ``(x, keys, None)``.

    Returns
    -------
    tuple
        ``(x, keys, labels, years)``: ``x`` binary CSR (records × items, rows in corpus
        order), ``keys`` and ``labels`` lists, ``years`` float array (publication year of
        a cited reference; for sources and authors the first year a record cites them).

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"UT": "a", "PY": 2001, "CR": ["Smith J, 1999, NATURE, V1, P2"]}])
    >>> x, keys, labels, years = cited_items(c)
    >>> x.toarray().tolist(), keys, labels, years.tolist()
    ([[1]], ['SMITH|1999|NATURE|1|2'], ['Smith J, 1999, NATURE'], [1999.0])
    """
    corpus = as_corpus(corpus)
    refs = corpus.references
    n_records = len(corpus.df)
    if len(refs) == 0:
        empty = sp.csr_matrix((n_records, 0), dtype=np.int8)
        return (empty, [], [], np.zeros(0)) if labelled else (empty, [], None)
    if unit == "reference":
        item = _reference_identity(refs, identity)
    elif unit == "source":
        codes, uniques = pd.factorize(refs["source"].to_numpy(dtype=object))
        item = _take(np.array([source_key(s) for s in uniques], dtype=object), codes)
    else:
        codes, uniques = pd.factorize(refs["author"].to_numpy(dtype=object))
        item = _take(np.array([fold(a) for a in uniques], dtype=object), codes)
    keep = np.fromiter((bool(v) for v in item), dtype=bool, count=len(item))
    codes, keys = pd.factorize(item[keep])
    records = refs["record"].to_numpy()[keep]
    x = binary_incidence(records, codes, (n_records, len(keys)))
    keys = [str(k) for k in keys]
    sub = refs.loc[keep, ["author", "year", "source"]].reset_index(drop=True)
    sub["code"] = codes
    citing_year = pd.to_numeric(refs["PY"], errors="coerce").to_numpy(dtype=float)[keep]
    if not labelled:
        return x, keys, (sub, citing_year)
    labels, years = _labels_and_years(sub, unit, identity, keys, citing_year, np.arange(len(keys)))
    return x, keys, labels, years


def finish_citation_nodes(net, incidence, record_years, active, item_year, distance="inverse", s=2, gamma=1) -> None:
    """Add ``year, centrality, burst, burst_begin, burst_end, sigma`` to a citation network's nodes."""
    centrality = np.round(centrality_of(net.weights, distance), 12)
    burst, begin, end = node_bursts(incidence, record_years, active, s=s, gamma=gamma)
    net.nodes = with_columns(
        net.nodes,
        {
            "year": _int_or_na(item_year, ~np.isnan(item_year)),
            "centrality": centrality,
            "burst": np.round(burst, 9),
            "burst_begin": _int_or_na(begin, begin >= 0),
            "burst_end": _int_or_na(end, end >= 0),
            "sigma": np.round(sigma_of(centrality, burst), 9),
        },
    )


# ---- private ---------------------------------------------------------------------------------------
def _check(unit, identity, counting, prune_scope, selection, slice_years) -> None:
    if unit not in UNITS:
        raise LitkitError(f"unknown co-citation unit {unit!r}", expected=" or ".join(UNITS))
    if identity not in IDENTITIES:
        raise LitkitError(f"unknown identity {identity!r}", expected=" or ".join(IDENTITIES))
    if counting not in COUNTINGS:
        raise LitkitError(f"unknown counting {counting!r}", expected=" or ".join(COUNTINGS))
    if prune_scope not in ("slice", "merged"):
        raise LitkitError(f"unknown prune_scope {prune_scope!r}", expected="slice or merged")
    if selection is not None:
        if not isinstance(selection, dict) or len(selection) != 1 or next(iter(selection)) not in SELECTIONS:
            raise LitkitError(
                f"selection must name exactly one rule, got {selection!r}",
                expected='{"top_n": 50}, {"top_percent": 10} or {"g_index_k": 25}',
            )
        if slice_years is None:
            raise LitkitError("selection applies per time slice: give slice_years too", expected="e.g. slice_years=1")
    if slice_years is not None and (
        isinstance(slice_years, bool) or not isinstance(slice_years, (int, np.integer)) or slice_years < 1
    ):
        raise LitkitError(f"slice_years must be a whole number of years >= 1, got {slice_years!r}")


def _int_or_na(values: np.ndarray, ok: np.ndarray) -> pd.Series:
    """Whole numbers as pandas' nullable Int64, <NA> where not ``ok``."""
    out = np.where(ok, values, 0).astype(np.int64)
    return pd.array(out, dtype="Int64").copy() if ok.all() else pd.Series(out, dtype="Int64").mask(~ok).array


def _empty(message: str, run: dict):
    return empty_network("cocitation", message, size="citations", columns=_COLUMNS, params=run, cluster_base=0)


def _take(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    out = np.empty(len(codes), dtype=object)
    out[:] = ""
    ok = codes >= 0
    if len(values):
        out[ok] = values[codes[ok]]
    return out


def _reference_identity(refs: pd.DataFrame, identity: str) -> np.ndarray:
    key = refs["key"].to_numpy(dtype=object)
    if identity == "key":
        return np.array(["" if k is None else k for k in key], dtype=object)
    # bibliometrix's CR key: first author, year, source (as written, upper case).
    triple = refs[["author", "year", "source"]].astype(object).where(refs[["author", "year", "source"]].notna(), None)
    codes, uniques = pd.factorize(pd.Series(list(zip(*(triple[c] for c in triple)))), use_na_sentinel=False)
    made = []
    for author, year, source in uniques:
        if not (author or source):
            made.append("")
            continue
        made.append(", ".join(p for p in (fold(author), "" if year is None else str(year), fold(source)) if p))
    out = np.array(made, dtype=object)[codes]
    out[np.fromiter((k == "" for k in key), dtype=bool, count=len(key))] = ""  # [No title captured]
    return out


def _labels_and_years(sub: pd.DataFrame, unit, identity, keys, citing_year, only: np.ndarray):
    """Label and year of the items ``only`` (indices into ``keys``): the most frequent readable form
    ("Costanza R, 1997, NATURE"; ties: code-point order) and the cited year, or for sources and authors
    the first year a record cites them.  Only the citations of those items are looked at."""
    only = np.asarray(only, dtype=np.int64)
    position = np.full(len(keys), -1, dtype=np.int64)
    position[only] = np.arange(len(only))
    where = position[sub["code"].to_numpy()]
    mine = where >= 0
    where = where[mine]
    years = np.full(len(only), np.nan)
    if unit == "reference" and identity == "key":
        # Integer codes of (author, year, source) per citation; text is made only for the winners.
        parts = [
            pd.factorize(sub[c].to_numpy(dtype=object)[mine], use_na_sentinel=False)
            for c in ("author", "year", "source")
        ]
        combined = np.zeros(int(mine.sum()), dtype=np.int64)
        for codes, uniques in parts:
            combined = pd.factorize(combined * np.int64(len(uniques) + 1) + codes)[0]
        counts = pd.DataFrame({"item": where, "row": combined}).value_counts().rename("n").reset_index()
        first = pd.Series(np.arange(len(combined))).groupby(combined).first().to_numpy()  # a citation per row code
        top = counts["n"].to_numpy() == counts.groupby("item")["n"].transform("max").to_numpy()
        counts = counts[top].copy()
        at = first[counts["row"].to_numpy()]
        author, year, source = (np.asarray(u, dtype=object)[c[at]] for c, u in parts)
        counts["text"] = [_reference_text(a, y, s) for a, y, s in zip(author, year, source)]
        counts["year"] = pd.to_numeric(pd.Series(year, dtype=object), errors="coerce").to_numpy(dtype=float)
        best = counts.sort_values(["item", "text"], kind="mergesort").drop_duplicates("item")
        labels = [keys[i] for i in only]
        for item, text in zip(best["item"].to_numpy(), best["text"]):
            labels[item] = text or labels[item]
        years[best["item"].to_numpy()] = best["year"].to_numpy()
        return [str(v) for v in labels], years
    if unit == "reference":  # author_year_source: the key is the label
        value = pd.to_numeric(sub["year"][mine], errors="coerce").to_numpy(dtype=float)
    else:  # sources and authors: the key is readable; the year is the first year a record cites the item
        value = citing_year[mine]
    ok = ~np.isnan(value)
    earliest = pd.Series(value[ok]).groupby(where[ok]).min()
    years[earliest.index.to_numpy()] = earliest.to_numpy()
    return [str(keys[i]) for i in only], years


def _reference_text(author, year, source) -> str:
    """ "Costanza R, 1997, NATURE" from a reference's parsed author, year and source."""
    parts = [
        " ".join(str(author).replace(",", " ").split()) if isinstance(author, str) else "",
        "" if year is None or year is pd.NA or year != year else str(int(year)),
        str(source).upper() if isinstance(source, str) else "",
    ]
    return ", ".join(p for p in parts if p)


def _in_period(record_years: np.ndarray, years, need_year: bool) -> np.ndarray:
    if years is None:
        return ~np.isnan(record_years) if need_year else np.ones(len(record_years), dtype=bool)
    from ..bursts import check_years

    first, last = check_years(years)
    return (record_years >= first) & (record_years <= last)


def _whole(x, n_d, citations, keys, min_citations, top_n):
    from ._cooccurrence import fractional_counts, full_counts, select_terms

    selected = select_terms(citations, keys, min_citations, top_n, "occurrences")
    a = sp.csr_matrix(x[:, selected], dtype=np.int8)
    return selected, full_counts(a), fractional_counts(a, n_d)


def _sliced(x, n_d, record_years, keys, slice_years, years, selection, min_citations, pruning, normalization, counting):
    """Select per slice, count per slice, prune per slice, and sum the slice networks."""
    from ._cooccurrence import fractional_counts, full_counts
    from ._normalize import normalize
    from .pruning import prune
    from .selection import select_nodes, time_slices

    ok = ~np.isnan(record_years) & (np.diff(x.indptr) > 0)
    first, last = (
        (int(years[0]), int(years[1])) if years else (int(record_years[ok].min()), int(record_years[ok].max()))
    )
    n_items = x.shape[1]
    parts_full, parts_frac, union, report = [], [], np.zeros(n_items, dtype=bool), []
    rule = {k: v for k, v in selection.items() if v is not None}
    for start, end in time_slices(first, last, slice_years):
        rows = np.flatnonzero(ok & (record_years >= start) & (record_years <= end))
        xs = x[rows]
        cites = np.asarray(xs.sum(axis=0)).ravel()
        chosen = select_nodes(cites, min_citations=min_citations, keys=keys, **rule) if len(rows) else np.zeros(0, int)
        chosen = np.asarray(chosen, dtype=np.int64)
        report.append({"first": start, "last": end, "records": len(rows), "selected": len(chosen)})
        if len(chosen) == 0:
            continue
        union[chosen] = True
        a = sp.csr_matrix(xs[:, chosen], dtype=np.int8)
        full, frac = full_counts(a), fractional_counts(a, n_d[rows])
        if pruning is not None and full.nnz:
            w = frac if counting == "fractional" else full
            kept = prune(normalize(full, cites[chosen], normalization, weights=w), pruning)
            mask = sp.csr_matrix((np.ones(kept.nnz), kept.indices, kept.indptr), shape=kept.shape)
            full, frac = full.multiply(mask).tocsr(), frac.multiply(mask).tocsr()
        report[-1]["links"] = int(full.nnz // 2)
        parts_full.append(_lift(full, chosen, n_items))
        parts_frac.append(_lift(frac, chosen, n_items))
    candidates = np.flatnonzero(union)
    if len(candidates) == 0:
        return candidates, None, None, report
    # Rank the merged nodes by citations over the period's records (ties: key code points).
    period_rows = np.flatnonzero(ok & (record_years >= first) & (record_years <= last))
    total = np.asarray(x[period_rows].sum(axis=0)).ravel()
    selected = np.asarray(sorted(candidates.tolist(), key=lambda i: (-int(total[i]), keys[i])), dtype=np.int64)
    full = sum(parts_full[1:], parts_full[0]).tocsr()[selected][:, selected]
    frac = sum(parts_frac[1:], parts_frac[0]).tocsr()[selected][:, selected]
    return selected, _clean(full, np.int64), _clean(frac, np.float64), report


def _lift(m: sp.spmatrix, chosen: np.ndarray, n: int) -> sp.csr_matrix:
    """A slice's matrix on its chosen items, placed in the matrix of all ``n`` items."""
    coo = sp.coo_matrix(m)
    return sp.csr_matrix((coo.data, (chosen[coo.row], chosen[coo.col])), shape=(n, n))


def _clean(m: sp.spmatrix, dtype) -> sp.csr_matrix:
    m = sp.csr_matrix(m, dtype=dtype)
    m.eliminate_zeros()
    m.sort_indices()
    return m


def _pruned(full, frac, sizes, normalization, counting, pruning):
    from ._normalize import normalize
    from .pruning import prune

    if full.nnz == 0:
        return full, frac
    w = frac if counting == "fractional" else full
    kept = prune(normalize(full, sizes, normalization, weights=w), pruning)
    mask = sp.csr_matrix((np.ones(kept.nnz), kept.indices, kept.indptr), shape=kept.shape)
    return _clean(full.multiply(mask), np.int64), _clean(frac.multiply(mask), np.float64)
