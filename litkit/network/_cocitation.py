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
from dataclasses import dataclass

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
from .selection import check_thresholds

__all__ = [
    "cocitation",
    "cited_items",
    "cocitation_counts",
    "add_tallies",
    "cocitation_network",
    "cited_label_counts",
    "choose_cited_labels",
    "CitationTally",
    "CitedFetch",
    "UNITS",
    "IDENTITIES",
]

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
    check_thresholds(top_n, min_citations=min_citations)
    corpus = as_corpus(corpus)
    df = corpus.df
    refs, citations = _cited_of(corpus)
    local = cocitation_counts(
        refs, df, unit=unit, identity=identity, years=years, slice_years=slice_years, citations=citations
    )
    return cocitation_network(
        local.tally,
        local.fetch,
        unit,
        min_citations,
        top_n,
        counting=counting,
        normalization=normalization,
        slice_years=slice_years,
        years=years,
        selection=selection,
        pruning=pruning,
        prune_scope=prune_scope,
        identity=identity,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        cluster_on=cluster_on,
        label_fields=label_fields,
        centrality_distance=centrality_distance,
        burst_s=burst_s,
        burst_gamma=burst_gamma,
        with_layout=with_layout,
        layout=layout,
    )


@dataclass
class CitationTally:
    """What the co-citation selection needs of a corpus (or of one partition: the counts add up).

    Attributes
    ----------
    keys : numpy.ndarray of str
        The distinct cited items (first appearance in record order).
    citations : numpy.ndarray of int64
        Citing records of each item in the period (records without a year count when not slicing).
    per_year : scipy.sparse.csr_matrix
        Citing records of each item per year (rows: ``first_year + row``; only records with a year).
    first_year : int
        Year of ``per_year``'s first row.
    n_d : numpy.ndarray of int64
        Distinct items each record cites in the period (0: not citing; the fractional weight).
    record_years : numpy.ndarray of float
        Publication year of every record (NaN when missing).
    databases : frozenset of str
        The records' databases (``DB``), for the message of an empty network.
    """

    keys: np.ndarray
    citations: np.ndarray
    per_year: sp.csr_matrix
    first_year: int
    n_d: np.ndarray
    record_years: np.ndarray
    databases: frozenset


@dataclass
class CitedFetch:
    """What the co-citation assembly asks of the records once the candidate items are known.

    ``incidence``: records × candidates (binary, the period's citations); ``label_counts``:
    :func:`cited_label_counts` of the candidates; ``frame``: the records' fields the cluster
    labels read (at least the rows that cite a candidate).
    """

    incidence: sp.csr_matrix
    label_counts: pd.DataFrame
    frame: pd.DataFrame


@dataclass
class LocalCitations:
    """A corpus's :class:`CitationTally` and the :class:`CitedFetch` of any candidates (one process)."""

    tally: CitationTally
    x: sp.csr_matrix
    refs: pd.DataFrame
    kept: np.ndarray
    codes: np.ndarray
    df: pd.DataFrame
    unit: str
    identity: str
    citations: pd.DataFrame | None = None

    def fetch(self, candidates: np.ndarray, label_fields: Sequence[str]) -> CitedFetch:
        """The incidence and label counts of the items ``candidates`` (indices into ``tally.keys``)."""
        candidates = np.asarray(candidates, dtype=np.int64)
        position = np.full(self.x.shape[1], -1, dtype=np.int64)
        position[candidates] = np.arange(len(candidates))
        counts = self.label_counts(position)
        return CitedFetch(sp.csr_matrix(self.x[:, candidates], dtype=np.int8), counts, self.df)

    def label_counts(self, position: np.ndarray) -> pd.DataFrame:
        """:func:`cited_label_counts` of the items with ``position >= 0`` (only their citations are read)."""
        wanted = position[self.codes] >= 0
        sub, citing_year = _citation_parts(self.refs, self.kept[wanted], self.codes[wanted], self.citations)
        return cited_label_counts(sub, citing_year, position, self.unit, self.identity)


def cocitation_counts(refs: pd.DataFrame, df: pd.DataFrame, *, unit="reference", identity="key", years=None,
                      slice_years=None, citations: pd.DataFrame | None = None) -> LocalCitations:  # fmt: skip
    """The count step of :func:`cocitation` on a references table and its records (a corpus or a partition).

    Parameters
    ----------
    refs : pandas.DataFrame
        :func:`litkit.refs.references_table` of ``df`` (``record`` = row of ``df``); with
        ``citations``, the ``distinct`` table of :func:`litkit.refs.distinct_references`.
    df : pandas.DataFrame
        The citing records (``PY``, ``DB`` and the label fields are read).
    unit, identity, years, slice_years
        As in :func:`cocitation`.
    citations : pandas.DataFrame, optional
        The ``citations`` table of :func:`litkit.refs.distinct_references` (each item is then
        made once per distinct reference, and no table of millions of rows is needed).

    Returns
    -------
    LocalCitations
        ``.tally`` (:class:`CitationTally`) and ``.fetch(candidates, label_fields)`` (:class:`CitedFetch`).

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"UT": "a", "PY": 2001, "CR": ["Smith J, 1999, NATURE, V1, P2"]}])
    >>> local = cocitation_counts(c.references, c.df)
    >>> local.tally.keys.tolist(), local.tally.citations.tolist(), local.tally.n_d.tolist()
    (['SMITH|1999|NATURE|1|2'], [1], [1])
    """
    x, keys, kept, codes = _incidence_of(refs, len(df), unit, identity, citations)
    record_years = years_of(df)
    in_period = _in_period(record_years, years, need_year=slice_years is not None)
    x = sp.csr_matrix(x.multiply(in_period[:, None].astype(np.int8)), dtype=np.int8)
    x.eliminate_zeros()
    n_d = np.diff(x.indptr).astype(np.int64)
    cited = np.asarray(x.sum(axis=0)).ravel().astype(np.int64)
    ok = np.flatnonzero(~np.isnan(record_years) & (n_d > 0))
    first = int(record_years[ok].min()) if len(ok) else 0
    if len(ok):
        slot = (record_years[ok] - first).astype(np.int64)
        by_year = sp.csr_matrix((np.ones(len(ok), dtype=np.int64), (slot, ok)), shape=(int(slot.max()) + 1, len(df)))
        per_year = sp.csr_matrix(by_year @ sp.csr_matrix(x, dtype=np.int64), dtype=np.int64)
    else:
        per_year = sp.csr_matrix((0, len(keys)), dtype=np.int64)
    databases = frozenset(df["DB"].dropna().tolist()) if "DB" in df else frozenset()
    tally = CitationTally(np.asarray(keys, dtype=object), cited, per_year, first, n_d, record_years, databases)
    return LocalCitations(tally, x, refs, kept, codes, df, unit, identity, citations)


def add_tallies(parts: Sequence[CitationTally]) -> tuple[CitationTally, list[np.ndarray]]:
    """The tally of the records of ``parts`` one after the other, and each part's item codes in it.

    Items are numbered by first appearance over the parts in order, as :func:`cocitation_counts`
    numbers them on the whole corpus; the counts add up.

    Examples
    --------
    >>> parts = [cocitation_counts(c.references, c.df).tally for c in (first_half, second_half)]  # doctest: +SKIP
    >>> tally, mapping = add_tallies(parts)                                                  # doctest: +SKIP
    >>> tally.keys[mapping[1]].tolist() == parts[1].keys.tolist()                            # doctest: +SKIP
    True
    """
    codes, keys = pd.factorize(np.concatenate([p.keys for p in parts]) if parts else np.zeros(0, dtype=object))
    n_items = len(keys)
    bounds = np.cumsum([0] + [len(p.keys) for p in parts])
    mapping = [codes[a:b].astype(np.int64) for a, b in zip(bounds[:-1], bounds[1:])]
    citations = np.zeros(n_items, dtype=np.int64)
    busy = [p for p in parts if p.per_year.shape[0]]
    first = min((p.first_year for p in busy), default=0)
    last = max((p.first_year + p.per_year.shape[0] - 1 for p in busy), default=-1)
    per_year = sp.csr_matrix((max(last - first + 1, 0), n_items), dtype=np.int64)
    for part, code in zip(parts, mapping):
        np.add.at(citations, code, part.citations)
        if part.per_year.shape[0]:
            coo = part.per_year.tocoo()
            per_year = per_year + sp.csr_matrix(
                (coo.data, (coo.row + part.first_year - first, code[coo.col])), shape=per_year.shape
            )
    tally = CitationTally(
        np.asarray(keys, dtype=object),
        citations,
        sp.csr_matrix(per_year, dtype=np.int64),
        first,
        np.concatenate([p.n_d for p in parts]) if parts else np.zeros(0, dtype=np.int64),
        np.concatenate([p.record_years for p in parts]) if parts else np.zeros(0),
        frozenset().union(*(p.databases for p in parts)),
    )
    return tally, mapping


def cocitation_network(
    tally: CitationTally,
    fetch,
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
    """The assembly step of :func:`cocitation`: selection, counts, pruning, clusters, labels, node columns.

    Parameters
    ----------
    tally : CitationTally
        Of the whole corpus (:func:`cocitation_counts`, or :func:`add_tallies` of its partitions).
    fetch : callable
        ``fetch(candidates, label_fields)`` -> :class:`CitedFetch` of the items ``candidates``
        (indices into ``tally.keys``): computed on the spot by one process, on the workers by
        :func:`litkit.scale.cocitation`.
    unit, min_citations, top_n, options
        As in :func:`cocitation`.

    Returns
    -------
    Network
        As :func:`cocitation`.

    Examples
    --------
    >>> local = cocitation_counts(corpus.references, corpus.df)                 # doctest: +SKIP
    >>> net = cocitation_network(local.tally, local.fetch, min_citations=3)     # doctest: +SKIP
    """
    _check(unit, identity, counting, prune_scope, selection, slice_years)
    check_thresholds(top_n, min_citations=min_citations)
    keys = [str(k) for k in tally.keys]
    record_years, n_d = tally.record_years, tally.n_d
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
    run.update({"records": len(n_d), "citing_records": int((n_d > 0).sum()), "distinct_items": len(keys)})
    if not (n_d > 0).any():
        why = "the corpus has no cited references (CR)" if len(keys) == 0 else "no record in the period cites anything"
        if len(keys) == 0 and len(n_d) and tally.databases <= {"CNKI"}:
            why += "; CNKI exports carry no cited references"
        return _empty(why, run)
    citations = tally.citations
    if slice_years is None:
        selected = candidates = _select_whole(citations, keys, min_citations, top_n)
        if len(selected) == 0:
            return _empty(f"no cited {unit} is cited by at least {min_citations} records", run)
        got = fetch(candidates, label_fields)
        inc = got.incidence
        full, frac = _counts(inc, n_d)
        order = np.arange(len(selected))
        prune_merged = pruning is not None
    else:
        plan, candidates, selected, slices = _select_sliced(
            tally, keys, slice_years, years, selection or {"top_n": top_n}, min_citations
        )
        run["slices"] = slices
        if len(selected) == 0:
            return _empty(f"no cited {unit} is cited by at least {min_citations} records", run)
        got = fetch(candidates, label_fields)
        full, frac = _sliced_counts(
            got.incidence, n_d, plan, slices, len(candidates), pruning if prune_scope == "slice" else None,
            normalization, counting,
        )  # fmt: skip
        order = np.searchsorted(candidates, selected)  # candidates are sorted
        full, frac = _clean(full[order][:, order], np.int64), _clean(frac[order][:, order], np.float64)
        inc = sp.csr_matrix(got.incidence[:, order], dtype=np.int8)
        prune_merged = pruning is not None and prune_scope == "merged"
    if prune_merged:
        full, frac = _pruned(full, frac, citations[selected], normalization, counting, pruning)
    named, dated = choose_cited_labels(got.label_counts, unit, identity, [keys[i] for i in candidates])
    labels, item_year = [named[j] for j in order], dated[order]
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
    active = n_d > 0
    finish_citation_nodes(net, inc, record_years, active, item_year, centrality_distance, burst_s, burst_gamma)
    net.clusters = citation_cluster_table(net, inc, got.frame, label_fields=label_fields)
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
    x, keys, sub, citing_year = _items_of(corpus.references, len(corpus.df), unit, identity)
    if not labelled:
        return x, keys, (sub, citing_year)
    position = np.arange(len(keys), dtype=np.int64)
    labels, years = choose_cited_labels(
        cited_label_counts(sub, citing_year, position, unit, identity), unit, identity, keys
    )
    return x, keys, labels, years


def cited_label_counts(sub: pd.DataFrame, citing_year: np.ndarray, position: np.ndarray, unit: str, identity: str):
    """What the labels and years of some cited items are chosen from (the count step; partitions add up).

    Parameters
    ----------
    sub : pandas.DataFrame
        ``author, year, source, code`` of each kept citation (``code``: the item).
    citing_year : numpy.ndarray
        Publication year of each citation's citing record.
    position : numpy.ndarray
        Per item code, its position among the wanted items (-1: not wanted).
    unit, identity
        As in :func:`cocitation`.

    Returns
    -------
    pandas.DataFrame
        Canonical references: ``item, author, year, source, n`` (citations per readable form).
        Otherwise ``item, year``: the earliest year (cited year for ``author_year_source``, first
        citing year for sources and authors).  Concatenate partitions' tables and pass them to
        :func:`choose_cited_labels`.

    Examples
    --------
    >>> sub = pd.DataFrame({"author": ["Costanza R", "COSTANZA R"], "year": [1997, 1997],
    ...                     "source": ["NATURE", "NATURE"], "code": [0, 0]})
    >>> counts = cited_label_counts(sub, np.array([2001, 2003]), np.array([0]), "reference", "key")
    >>> choose_cited_labels(counts, "reference", "key", ["COSTANZA|1997|NATURE||"])[0]
    ['COSTANZA R, 1997, NATURE']
    """
    where = position[sub["code"].to_numpy()] if len(sub) else np.zeros(0, dtype=np.int64)
    mine = where >= 0
    if unit == "reference" and identity == "key":
        table = pd.DataFrame(
            {
                "item": where[mine],
                "author": sub["author"].to_numpy(dtype=object)[mine],
                "year": pd.to_numeric(sub["year"], errors="coerce").to_numpy(dtype=float)[mine],
                "source": sub["source"].to_numpy(dtype=object)[mine],
            }
        )
        return _sum_forms(table.assign(n=np.ones(len(table), dtype=np.int64)))
    if unit == "reference":  # author_year_source: the cited year
        value = pd.to_numeric(sub["year"], errors="coerce").to_numpy(dtype=float)[mine] if len(sub) else np.zeros(0)
    else:
        value = np.asarray(citing_year, dtype=float)[mine]
    ok = ~np.isnan(value)
    return _earliest(pd.DataFrame({"item": where[mine][ok], "year": value[ok]}))


def choose_cited_labels(counts: pd.DataFrame, unit: str, identity: str, keys: Sequence[str]):
    """Label and year of each wanted item from :func:`cited_label_counts` (of a corpus, or its partitions').

    A canonical reference is labelled by its most frequent readable form ("Costanza R, 1997,
    NATURE"; ties: code-point order) and dated by that form's year; other items are their
    key, dated by the earliest year.  ``keys``: the wanted items' keys, by position.

    Examples
    --------
    >>> counts = pd.DataFrame({"item": [0, 0], "year": [2003.0, 2001.0]})
    >>> labels, years = choose_cited_labels(counts, "source", "key", ["NATURE"])
    >>> labels, years.tolist()
    (['NATURE'], [2001.0])
    """
    labels = [str(k) for k in keys]
    years = np.full(len(keys), np.nan)
    if not len(counts):
        return labels, years
    if unit == "reference" and identity == "key":
        counts = _sum_forms(counts)
        counts = counts[counts["n"].to_numpy() == counts.groupby("item")["n"].transform("max").to_numpy()].copy()
        counts["text"] = [
            _reference_text(a, y, s) for a, y, s in zip(counts["author"], counts["year"], counts["source"])
        ]
        best = counts.sort_values(["item", "text"], kind="mergesort").drop_duplicates("item")
        for item, text in zip(best["item"].to_numpy(), best["text"]):
            labels[item] = text or labels[item]
        years[best["item"].to_numpy()] = best["year"].to_numpy(dtype=float)
        # a page-less CSSCI / GB/T paper is keyed by its issue ("A|Y|S||(11)", litkit.refs): the label shows
        # it, or two papers of one author in one journal and year would read the same
        for item, key in enumerate(keys):
            if isinstance(key, str) and key.endswith(")") and labels[item] != key:
                issue = key.rpartition("|")[2]
                if issue.startswith("("):
                    labels[item] = f"{labels[item]}, {issue}"
        return labels, years
    earliest = _earliest(counts)
    years[earliest["item"].to_numpy()] = earliest["year"].to_numpy(dtype=float)
    return labels, years


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
        return key  # None: [No title captured], left out with the empty key
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
    out[key == ""] = ""  # [No title captured]
    return out


def _cited_of(corpus):
    """The cited references of a corpus as the count step reads them.

    A corpus read from its records: :func:`litkit.refs.distinct_references` (the same keys as
    ``corpus.references`` without its millions of rows of repeated strings).  Any other (a
    gathered corpus whose references were parsed elsewhere): ``corpus.references``.
    """
    from ..corpus import Corpus

    if type(corpus) is Corpus and "CR" in corpus.df:
        from ..refs import distinct_references

        citations, distinct = distinct_references(corpus.df)
        return distinct, citations
    return corpus.references, None


def _items_of(refs: pd.DataFrame, n_records: int, unit: str, identity: str):
    """Binary records × items incidence of a references table, the keys, and each kept citation's parts."""
    x, keys, kept, codes = _incidence_of(refs, n_records, unit, identity)
    sub, citing_year = _citation_parts(refs, kept, codes)
    return x, keys, sub, citing_year


def _incidence_of(refs: pd.DataFrame, n_records: int, unit: str, identity: str, citations=None):
    """Binary records × items incidence, the keys, the citations kept (those naming an item) and their items.

    With ``citations`` (:func:`litkit.refs.distinct_references`), ``refs`` holds the distinct references:
    each item is made and hashed once per distinct reference.  Items are numbered by first citation
    either way (the distinct references are in order of first citation).
    """
    if len(refs) == 0 or (citations is not None and len(citations) == 0):
        empty = np.zeros(0, dtype=np.int64)
        return sp.csr_matrix((n_records, 0), dtype=np.int8), [], empty, empty
    if unit == "reference":
        item = _reference_identity(refs, identity)
    elif unit == "source":
        codes, uniques = pd.factorize(refs["source"].to_numpy(dtype=object))
        item = _take(np.array([source_key(s) for s in uniques], dtype=object), codes)
    else:
        codes, uniques = pd.factorize(refs["author"].to_numpy(dtype=object))
        item = _take(np.array([fold(a) for a in uniques], dtype=object), codes)
    kept = np.flatnonzero(item.astype(bool))  # truth of each value, in C: None and "" are left out
    codes, keys = pd.factorize(item[kept])
    if citations is None:
        records = refs["record"].to_numpy()[kept]
    else:  # from distinct references to citations
        of_distinct = np.full(len(refs), -1, dtype=np.int64)
        of_distinct[kept] = codes
        codes = of_distinct[citations["code"].to_numpy()]
        kept = np.flatnonzero(codes >= 0)
        codes = codes[kept]
        records = citations["record"].to_numpy()[kept]
    x = binary_incidence(records, codes, (n_records, len(keys)))
    return x, [str(k) for k in keys], kept, codes


def _citation_parts(refs: pd.DataFrame, rows: np.ndarray, codes: np.ndarray, citations=None):
    """``author, year, source, code`` of the citations at ``rows``, and their citing years.

    ``rows``: of ``refs``, or of ``citations`` when given (``refs`` then holds the distinct references).
    """
    if len(refs) == 0 or (citations is not None and len(citations) == 0):
        sub = pd.DataFrame({"author": [], "year": [], "source": [], "code": np.zeros(0, dtype=np.int64)})
        return sub, np.zeros(0)
    at = rows if citations is None else citations["code"].to_numpy()[rows]
    sub = refs.iloc[at, refs.columns.get_indexer(["author", "year", "source"])].reset_index(drop=True)
    sub["code"] = codes
    py = (refs if citations is None else citations)["PY"]
    citing_year = pd.to_numeric(py.iloc[rows], errors="coerce").to_numpy(dtype=float)
    return sub, citing_year


_FORM = ["item", "author", "year", "source"]


def _sum_forms(table: pd.DataFrame) -> pd.DataFrame:
    """Citations per (item, author, year, source); a missing part is a value of its own."""
    if not len(table):
        return table.reset_index(drop=True)
    return table.groupby(_FORM, dropna=False, sort=False)["n"].sum().reset_index()


def _earliest(table: pd.DataFrame) -> pd.DataFrame:
    return table.groupby("item", sort=True)["year"].min().reset_index()


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


def _select_whole(citations, keys, min_citations, top_n) -> np.ndarray:
    from ._cooccurrence import select_terms

    return select_terms(citations, keys, min_citations, top_n, "occurrences")


def _counts(a: sp.spmatrix, n_d: np.ndarray):
    from ._cooccurrence import fractional_counts, full_counts

    return full_counts(a), fractional_counts(a, n_d)


def _select_sliced(tally: CitationTally, keys, slice_years, years, selection, min_citations):
    """CiteSpace's selection per slice from the items' citations per year.

    Returns the slices' chosen items, the candidates (every item chosen somewhere, sorted), the
    merged network's nodes (ranked by citations over the period; ties: key code points) and the
    slice report.
    """
    from .selection import select_nodes, time_slices

    record_years, n_d = tally.record_years, tally.n_d
    ok = ~np.isnan(record_years) & (n_d > 0)
    first, last = (
        (int(years[0]), int(years[1])) if years else (int(record_years[ok].min()), int(record_years[ok].max()))
    )
    per_year = sp.csr_matrix(tally.per_year, dtype=np.int64)
    n_items = per_year.shape[1]

    def cited_in(start: int, end: int) -> np.ndarray:
        lo, hi = max(start - tally.first_year, 0), min(end - tally.first_year + 1, per_year.shape[0])
        if hi <= lo:
            return np.zeros(n_items, dtype=np.int64)
        return np.asarray(per_year[lo:hi].sum(axis=0)).ravel().astype(np.int64)

    plan, report, union = [], [], np.zeros(n_items, dtype=bool)
    rule = {k: v for k, v in selection.items() if v is not None}
    key_array = np.asarray(keys, dtype=object)  # once: select_nodes reads the tied keys by position
    for start, end in time_slices(first, last, slice_years):
        rows = np.flatnonzero(ok & (record_years >= start) & (record_years <= end))
        cites = cited_in(start, end)
        chosen = (
            select_nodes(cites, min_citations=min_citations, keys=key_array, **rule) if len(rows) else np.zeros(0, int)
        )
        chosen = np.asarray(chosen, dtype=np.int64)
        report.append({"first": start, "last": end, "records": len(rows), "selected": len(chosen)})
        union[chosen] = True
        plan.append((rows, chosen, cites[chosen]))
    candidates = np.flatnonzero(union)
    total = cited_in(first, last)
    selected = np.asarray(sorted(candidates.tolist(), key=lambda i: (-int(total[i]), keys[i])), dtype=np.int64)
    plan = [(rows, np.searchsorted(candidates, chosen), cites) for rows, chosen, cites in plan]
    return plan, candidates, selected, report


def _sliced_counts(inc, n_d, plan, report, n_candidates, pruning, normalization, counting):
    """Count per slice, prune per slice, and sum the slice networks (on the candidates' columns of ``inc``)."""
    from ._normalize import normalize
    from .pruning import prune

    parts_full, parts_frac = [], []
    for (rows, at, cites), entry in zip(plan, report):
        if len(at) == 0:
            continue
        a = sp.csr_matrix(inc[rows][:, at], dtype=np.int8)
        full, frac = _counts(a, n_d[rows])
        if pruning is not None and full.nnz:
            w = frac if counting == "fractional" else full
            kept = prune(normalize(full, cites, normalization, weights=w), pruning)
            mask = sp.csr_matrix((np.ones(kept.nnz), kept.indices, kept.indptr), shape=kept.shape)
            full, frac = full.multiply(mask).tocsr(), frac.multiply(mask).tocsr()
        entry["links"] = int(full.nnz // 2)
        parts_full.append(_lift(full, at, n_candidates))
        parts_frac.append(_lift(frac, at, n_candidates))
    if not parts_full:
        empty = sp.csr_matrix((n_candidates, n_candidates))
        return empty, empty
    return sum(parts_full[1:], parts_full[0]).tocsr(), sum(parts_frac[1:], parts_frac[0]).tocsr()


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
