"""The one network type of litkit, and the steps every network builder shares.

Every builder — keyword co-occurrence (:func:`litkit.cooccurrence`), co-citation
(:func:`litkit.cocitation`), bibliographic coupling (:func:`litkit.coupling`),
direct citation (:func:`litkit.citation_network`) and collaboration — returns a
:class:`Network`.  Its interface, for builders, figures and notebooks:

==========================  ==================================================================================
``net.kind``                ``"keyword"``, ``"cocitation"``, ``"coupling"``, ``"citation"`` or ``"collaboration"``
``net.directed``            True for citation networks (``counts[i, j] = 1``: node ``i`` cites node ``j``)
``net.nodes``               DataFrame, one row per node in rank order: ``id`` (1..n), ``key`` (identity),
                            ``label`` (display), the size column named by ``net.size`` (``occurrences``,
                            ``citations``, ``documents`` …), ``links``, ``total_link_strength``, ``cluster``,
                            kind-specific columns (``avg_year``, ``year``, ``centrality``, ``burst``, ``sigma``,
                            ``lcs``, ``tc`` …), then ``x``, ``y`` (map coordinates)
``net.links()``             DataFrame, one row per link: ``source_id``, ``target_id`` (node ids), ``source``,
                            ``target`` (labels), the count (``net.count_name``: ``cooccurrence`` for keywords,
                            ``count`` otherwise), ``fractional``, ``strength`` (normalised weight); undirected
                            links once with ``source_id < target_id``; builders may add columns
                            (``net.link_columns``, e.g. ``match`` of citation links)
``net.clusters``            DataFrame, one row per cluster: ``cluster``, ``size``, ``label`` … (builder-specific)
``net.counts``              scipy CSR, full counts (int64, zero diagonal; symmetric unless ``directed``);
                            alias ``net.cooccurrence``
``net.fractional``          scipy CSR, fractional counts (float64)
``net.weights``             scipy CSR, normalised link weights (symmetric; what layout, drawing and CPM use)
``net.incidence``           scipy CSR, records × nodes (binary), or None
``net.modularity``          modularity ``Q`` of the clustering (γ = 1), NaN when undefined
``net.silhouette``          mean silhouette, NaN when undefined
``net.params``              every parameter of the run (written to ``params.json``)
``net.message``             why the network is empty (``""`` otherwise)
``net.export(folder)``      tables, VOSviewer map/network/JSON, GEXF, GraphML, params.json, figure, HTML
``net.plot()``              matplotlib Figure of the map; ``net.to_html(path)`` the offline HTML map
``net.to_networkx()``       networkx Graph (DiGraph when ``directed``) with the node and link attributes
==========================  ==================================================================================

Cluster numbers start at ``net.cluster_base``: 1 for keyword maps (VOSviewer's
convention) and 0 for citation networks (CiteSpace's ``#0``, the largest
cluster); files for VOSviewer always number clusters from 1.

Shared steps (one implementation for every builder)
---------------------------------------------------
:func:`weigh_and_cluster` (normalise, cluster, modularity), :func:`assemble`
(silhouette, layout, the node table and the base cluster table — used by every
builder except the keyword map, whose byte-exact tables are made by
:func:`litkit.network._cooccurrence.keyword_tables` from the same steps),
:func:`average_year`, :func:`empty_network`.

Examples
--------
>>> import numpy as np, scipy.sparse as sp
>>> x = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 1], [0, 1, 1], [1, 1, 0]]))   # records x items
>>> net = network_from_incidence(x, ["a", "b", "c"], kind="cocitation", size="citations",
...                              with_layout=False)
>>> net.nodes[["id", "key", "citations", "links", "total_link_strength"]]
   id key  citations  links  total_link_strength
0   1   b          4      2                    5
1   2   a          3      2                    4
2   3   c          2      2                    3
>>> net.links()[["source", "target", "count"]]
  source target  count
0      b      a      3
1      b      c      2
2      a      c      1
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._normalize import link_strengths, normalize
from .cluster import cluster_graph, modularity_contributions, renumber, silhouette
from .layout import layout as compute_layout

__all__ = [
    "Network",
    "KINDS",
    "COUNTINGS",
    "average_year",
    "weigh_and_cluster",
    "assemble",
    "network_from_incidence",
    "empty_network",
    "binary_incidence",
]

KINDS = ("keyword", "cocitation", "coupling", "citation", "collaboration")
COUNTINGS = ("full", "fractional")

# What VOSviewer calls a node's size weight, per size column.
_SIZE_TITLES = {
    "occurrences": "Occurrences",
    "citations": "Citations",
    "documents": "Documents",
    "references": "References",
    "lcs": "Local citations",
}


class Network:
    """A network of keywords, cited works, documents, sources, authors, institutions or countries.

    See the module docstring for the attributes.  Builders make it; users read its
    tables, export, plot it or turn it into a networkx graph.

    Parameters
    ----------
    nodes : pandas.DataFrame
        Node table (module docstring).
    counts, fractional, weights : scipy.sparse matrices
        Full counts, fractional counts and normalised weights (``n × n``).
    clusters : pandas.DataFrame
    modularity, silhouette : float
    params : dict
    kind : str
        One of :data:`KINDS`.
    directed : bool
    incidence : scipy.sparse matrix or None
        Records × nodes.
    size : str
        Name of the size column of ``nodes``.
    score : str or None
        Column shown as VOSviewer's score (``avg_year`` for keywords, ``year`` for cited works).
    cluster_base : int
        Number of the largest cluster (1 or 0).
    message : str
        Why the network is empty.

    Examples
    --------
    >>> net = litkit.cocitation(corpus, min_citations=3, top_n=200)   # doctest: +SKIP
    >>> net.nodes.head()                                                # doctest: +SKIP
    >>> net.export("out/dca")                                           # doctest: +SKIP
    """

    count_name = "count"

    def __init__(
        self,
        nodes: pd.DataFrame,
        counts: sp.spmatrix,
        fractional: sp.spmatrix | None = None,
        weights: sp.spmatrix | None = None,
        clusters: pd.DataFrame | None = None,
        modularity: float = float("nan"),
        silhouette: float = float("nan"),
        params: dict | None = None,
        *,
        kind: str = "keyword",
        directed: bool = False,
        incidence: sp.spmatrix | None = None,
        size: str = "occurrences",
        score: str | None = None,
        cluster_base: int = 1,
        message: str = "",
        link_columns: pd.DataFrame | None = None,
    ):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self._nodes = nodes
        self.counts = sp.csr_matrix(counts)
        self.fractional = sp.csr_matrix(self.counts, dtype=np.float64) if fractional is None else fractional
        self.weights = sp.csr_matrix(self.counts, dtype=np.float64) if weights is None else weights
        self.clusters = clusters if clusters is not None else pd.DataFrame({"cluster": [], "size": [], "label": []})
        self.modularity = modularity
        self.silhouette = silhouette
        self.params = dict(params or {})
        self.kind = kind
        self.directed = directed
        self.incidence = incidence
        self.size = size
        self.score = score
        self.cluster_base = cluster_base
        self.message = message
        self.link_columns = link_columns

    # ---- tables ---------------------------------------------------------------------------------
    @property
    def nodes(self) -> pd.DataFrame:
        """One row per node (module docstring)."""
        return self._nodes

    @nodes.setter
    def nodes(self, value: pd.DataFrame) -> None:
        self._nodes = value

    @property
    def node_table(self) -> pd.DataFrame:
        """The node table as exported (``nodes.csv``; ``keywords.csv`` for keyword maps)."""
        return self.nodes

    @property
    def node_file(self) -> str:
        """Stem of the exported node table, figure and HTML (``nodes``/``cocitation``…)."""
        return "nodes"

    @property
    def file_stem(self) -> str:
        """Stem of the exported figure and HTML page (``keyword_map``, ``cocitation_map`` …)."""
        return self.kind

    @property
    def size_title(self) -> str:
        return _SIZE_TITLES.get(self.size, self.size.replace("_", " ").capitalize())

    @property
    def score_title(self) -> str | None:
        if self.score is None:
            return None
        return {"avg_year": "Avg. pub. year", "year": "Pub. year"}.get(self.score, self.score)

    @property
    def keys(self) -> list[str]:
        """Node identities, in rank order."""
        return self.nodes["key"].astype(str).tolist()

    @property
    def labels(self) -> list[str]:
        """Display labels, in rank order."""
        return self.nodes["label"].astype(str).tolist()

    @property
    def terms(self) -> list[str]:
        """Alias of :attr:`keys` (the keyword map's name)."""
        return self.keys

    @property
    def sizes(self) -> np.ndarray:
        """The size column as an array (occurrences, citations, documents …)."""
        return self.nodes[self.size].to_numpy()

    @property
    def occurrences(self) -> np.ndarray:
        """Alias of :attr:`sizes` (the keyword map's name)."""
        return self.sizes

    @property
    def cooccurrence(self) -> sp.csr_matrix:
        """Alias of :attr:`counts` (the keyword map's name)."""
        return self.counts

    @property
    def counting_weights(self) -> sp.csr_matrix:
        """Full counts or fractional counts, as the run's ``counting`` says (symmetrised if directed)."""
        w = self.fractional if self.params.get("counting") == "fractional" else self.counts
        return _symmetric(w) if self.directed else w

    @property
    def n_links(self) -> int:
        """Number of links (each undirected link once)."""
        return int(self.counts.nnz if self.directed else self.counts.nnz // 2)

    def is_empty(self) -> bool:
        return len(self) == 0

    def __len__(self) -> int:
        return len(self.nodes)

    def normalized(self, method: str | None = "association", counting: str | None = None) -> sp.csr_matrix:
        """The counts under another normalisation (see :mod:`litkit.network`)."""
        counting = counting or self.params.get("counting", "full")
        full = _symmetric(self.counts) if self.directed else self.counts
        w = self.fractional if counting == "fractional" else self.counts
        return normalize(full, self.sizes, method, weights=_symmetric(w) if self.directed else w)

    def links(self) -> pd.DataFrame:
        """One row per link: ``source_id, target_id, source, target, <count>, fractional, strength``.

        Undirected links appear once with ``source_id < target_id``, in id order;
        directed links (citation networks) from the citing to the cited node.
        """
        m = self.counts.tocoo() if self.directed else sp.triu(self.counts, k=1).tocoo()
        order = np.lexsort((m.col, m.row))
        rows, cols = m.row[order], m.col[order]
        frac = np.asarray(self.fractional[rows, cols]).ravel() if len(rows) else np.zeros(0)
        strength = np.asarray(self.weights[rows, cols]).ravel() if len(rows) else np.zeros(0)
        labels = self.labels
        table = pd.DataFrame(
            {
                "source_id": rows + 1,
                "target_id": cols + 1,
                "source": [labels[i] for i in rows],
                "target": [labels[j] for j in cols],
                self.count_name: m.data[order].astype(np.int64),
                "fractional": np.round(frac, 9),
                "strength": np.round(strength, 9),
            }
        )
        if self.link_columns is not None:  # builder-specific columns, e.g. how a citation was matched
            table = table.merge(self.link_columns, on=["source_id", "target_id"], how="left", validate="one_to_one")
        return table

    # ---- outputs --------------------------------------------------------------------------------
    def to_networkx(self):
        """A networkx Graph (DiGraph when directed) with node attributes and link weights."""
        from .export import to_networkx

        return to_networkx(self)

    def export(
        self,
        folder: str | Path,
        overwrite: bool = False,
        figure: bool = True,
        html: bool = True,
        formats: Sequence[str] = ("png", "svg", "pdf"),
    ) -> dict[str, Path]:
        """Write tables, VOSviewer files, GEXF, GraphML, figure and HTML to ``folder``
        (see :mod:`litkit.network.export` for the list)."""
        from .export import export_all

        return export_all(self, folder, overwrite=overwrite, figure=figure, html=html, formats=formats)

    def plot(self, **kwargs):
        """Static map (matplotlib Figure); see :func:`litkit.plot.network.plot_network`."""
        from ..plot.network import plot_network

        return plot_network(self, **kwargs)

    def to_html(self, path: str | Path, overwrite: bool = False, **kwargs) -> Path:
        """Interactive offline HTML map; see :func:`litkit.plot.network.network_html`.

        An existing file is replaced only with ``overwrite=True`` (litkit's default everywhere is False).
        """
        from ..plot.network import write_network_html

        return write_network_html(self, path, overwrite=overwrite, **kwargs)

    def __repr__(self) -> str:
        head = f"<Network ({self.kind}): {len(self)} nodes, {self.n_links} links, {len(self.clusters)} clusters"
        if self.is_empty():
            return head + (f": {self.message}>" if self.message else ">")
        return head + f", Q={self.modularity:.3f}, S={self.silhouette:.3f}>"

    def _recipe(self) -> str:
        keys = ("unit", "min_citations", "top_n", "slice_years", "selection", "pruning", "counting", "normalization")
        shown = [f"{k}={self.params[k]}" for k in keys if k in self.params]
        p = self.params
        shown.append(
            f"clustering={p.get('clustering')}/{p.get('objective')} resolution={p.get('resolution')} seed={p.get('seed')}"
        )
        return " ".join(shown)

    def _repr_html_(self) -> str:
        head = html.escape(repr(self))
        recipe = html.escape(self._recipe())
        if self.is_empty():
            return f"<div class='litkit-network'><p><b>{head}</b><br><code>{recipe}</code></p></div>"
        cluster_cols = [c for c in ("cluster", "size", "label", "silhouette", "year", "avg_year") if c in self.clusters]
        clusters = self.clusters[cluster_cols].head(20).to_html(index=False, escape=True, na_rep="")
        node_cols = [
            c
            for c in ("label", self.size, "total_link_strength", "cluster", "year", "centrality", "burst", "sigma")
            if c in self.nodes
        ]
        top = self.nodes[node_cols].head(15).to_html(index=False, escape=True, na_rep="")
        from ..notebook import network_map_html

        return (
            f"<div class='litkit-network'><p><b>{head}</b><br><code>{recipe}</code></p>{network_map_html(self)}"
            f"<p>Clusters</p>{clusters}<p>Top nodes</p>{top}</div>"
        )


# ---- shared steps -------------------------------------------------------------------------------
def average_year(incidence: sp.spmatrix, years: np.ndarray | None) -> np.ndarray:
    """Mean publication year of the records in which each item occurs.

    Parameters
    ----------
    incidence : scipy.sparse matrix, shape (records, items)
        Binary records × items matrix.
    years : array of float or None
        Publication year of each record (NaN when unknown).

    Returns
    -------
    numpy.ndarray of float
        Per item: the mean year of its records that have a year; NaN when none has
        (or when ``years`` is None).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> average_year(sp.csr_matrix(np.array([[1, 0], [1, 1], [0, 0]])), np.array([2000.0, 2003.0, np.nan]))
    array([2001.5, 2003. ])
    """
    n_items = incidence.shape[1]
    if years is None:
        return np.full(n_items, np.nan)
    years = np.asarray(years, dtype=float)
    has = ~np.isnan(years)
    a = sp.csr_matrix(incidence, dtype=np.float64)
    total = a.T @ np.where(has, years, 0.0)
    count = a.T @ has.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)


def weigh_and_cluster(
    full,
    frac,
    occ,
    counting: str,
    normalization,
    cluster_on: str,
    clustering: str,
    objective: str,
    resolution: float,
    seed: int,
    cluster_base: int = 1,
):
    """Link weights, strengths and clusters of a network from its counts.

    Parameters
    ----------
    full, frac : scipy.sparse.csr_matrix
        Full and fractional counts (symmetric, zero diagonal).
    occ : array
        Node sizes (occurrences, citations …): the ``o_i`` of the normalisations.
    counting, normalization, cluster_on, clustering, objective, resolution, seed
        As in :func:`litkit.cooccurrence`.
    cluster_base : int
        Number of the largest cluster (1: VOSviewer; 0: CiteSpace).

    Returns
    -------
    tuple
        ``(weights, strength, links, cluster_on, membership, q, q_parts)``: normalised
        weights, total link strength, number of links per node, the resolved
        ``cluster_on``, cluster per node, modularity ``Q`` and its per-cluster parts.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> c = sp.csr_matrix(np.array([[0, 2, 0], [2, 0, 1], [0, 1, 0]]))
    >>> w, s, links, on, membership, q, parts = weigh_and_cluster(
    ...     c, c.astype(float), np.array([3, 3, 1]), "full", "association", "auto", "leiden", "modularity", 1.0, 42)
    >>> s.tolist(), links.tolist()
    ([2, 3, 1], [1, 2, 1])
    """
    w = frac if counting == "fractional" else full
    weights = normalize(full, occ, normalization, weights=w)
    strength, _ = link_strengths(w)
    links = np.diff(sp.csr_matrix(full).indptr)
    # Modularity's null model s_i s_j / 2m already is the association-strength normalisation
    # (w_ij - s_i s_j/2m = (s_i s_j/2m)(AS_ij - 1)), so modularity runs on the counts; normalising
    # first would normalise twice and over-weight rare terms.  CPM has no null model: it runs on
    # the normalised weights (CPM on association strength is VOSviewer's clustering).
    if cluster_on not in ("auto", "counts", "normalized"):
        raise ValueError("cluster_on must be 'auto', 'counts' or 'normalized'")
    if cluster_on == "auto":
        cluster_on = "counts" if objective == "modularity" else "normalized"
    cluster_weights = sp.csr_matrix(w, dtype=np.float64) if cluster_on == "counts" else weights
    membership = renumber(cluster_graph(cluster_weights, clustering, objective, resolution, seed), start=cluster_base)
    q, q_parts = modularity_contributions(cluster_weights, membership)
    return weights, strength, links, cluster_on, membership, q, q_parts


def binary_incidence(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """Binary (int8) CSR matrix with a 1 at each ``(rows[k], cols[k])`` (repeats count once).

    Examples
    --------
    >>> binary_incidence(np.array([0, 0, 1]), np.array([1, 1, 0]), (2, 2)).toarray()
    array([[0, 1],
           [1, 0]], dtype=int8)
    """
    m = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=shape,
    )
    m.sum_duplicates()
    m.data[:] = 1
    m.sort_indices()
    return sp.csr_matrix(m, dtype=np.int8)


def assemble(
    full: sp.spmatrix,
    frac: sp.spmatrix,
    sizes: np.ndarray,
    keys: Sequence[str],
    labels: Sequence[str],
    *,
    kind: str,
    size: str = "occurrences",
    counting: str = "full",
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    cluster_on: str = "auto",
    with_layout: bool = True,
    layout: str = "auto",
    cluster_base: int = 0,
    columns: dict | None = None,
    directed_counts: sp.spmatrix | None = None,
    incidence: sp.spmatrix | None = None,
    score: str | None = None,
    params: dict | None = None,
    occurrences: np.ndarray | None = None,
) -> Network:
    """Weigh, cluster, measure and lay out a network from its counts: the core every builder calls.

    Parameters
    ----------
    full, frac : scipy.sparse matrices
        Symmetric full and fractional counts, zero diagonal, nodes in rank order.
    sizes : array
        Node sizes (column ``size`` of the node table).
    keys, labels : sequences of str
        Node identities and display labels.
    kind, size, score, cluster_base
        See :class:`Network`.
    counting, normalization, clustering, objective, resolution, seed, cluster_on
        As in :func:`litkit.cooccurrence`.
    with_layout, layout : bool, str
        Map coordinates (:mod:`litkit.network.layout`); ``"auto"`` is the VOS mapping
        technique (VOSviewer's layout, on the same association-strength weights as the
        clusters); ``"kamada_kawai"`` and ``"spring"`` are the older layouts.
    columns : dict of str to array, optional
        Kind-specific node columns, placed after ``cluster`` and before ``x``, ``y``.
    directed_counts : scipy.sparse matrix, optional
        For a directed network: ``counts[i, j]`` is the link from ``i`` to ``j``;
        ``full`` is then its symmetrised form, which clustering and layout use.
    incidence : scipy.sparse matrix, optional
        Records × nodes, kept on the network.
    params : dict, optional
        Builder parameters, completed with the common ones.
    occurrences : array, optional
        The ``o_i`` of the occurrence-based normalisations and of the silhouette's cosine
        distance: the diagonal of ``XᵀX`` (default ``sizes``, which it is for binary
        incidences; coupling passes the squared norms of its unit × reference counts).

    Returns
    -------
    Network
        With ``nodes`` (``id, key, label, <size>, links, total_link_strength, cluster,
        <columns>, x, y``) and ``clusters`` (``cluster, size, q_contribution,
        silhouette``; builders add labels and more).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> c = sp.csr_matrix(np.array([[0, 2], [2, 0]]))
    >>> net = assemble(c, c.astype(float), np.array([3, 2]), ["a", "b"], ["A", "B"], kind="coupling",
    ...                size="documents", with_layout=False)
    >>> net.nodes["cluster"].tolist(), len(net.clusters)
    ([0, 0], 1)
    """
    if counting not in COUNTINGS:
        raise ValueError(f"counting must be one of {COUNTINGS}, not {counting!r}")
    full = sp.csr_matrix(full, dtype=np.int64)
    frac = sp.csr_matrix(frac, dtype=np.float64)
    sizes = np.asarray(sizes)
    n = len(keys)
    occ = sizes if occurrences is None else np.asarray(occurrences)
    weights, strength, links, cluster_on, membership, q, q_parts = weigh_and_cluster(
        full, frac, occ, counting, normalization, cluster_on, clustering, objective, resolution, seed, cluster_base
    )
    sil, sil_parts = silhouette(full, np.maximum(occ, 1), membership) if n else (float("nan"), {})
    if layout == "auto":
        layout = "vos"
    # layout pairs with the clustering: modularity on the counts <-> repulsion weighted by strength
    u = strength if cluster_on == "counts" else None
    xy = compute_layout(weights, seed=seed, method=layout, node_weights=u) if with_layout else np.full((n, 2), np.nan)
    nodes = {
        "id": np.arange(1, n + 1),
        "key": list(keys),
        "label": list(labels),
        size: sizes,
        "links": links.astype(np.int64),
        "total_link_strength": strength.astype(np.int64) if counting == "full" else np.round(strength, 6),
        "cluster": membership,
    }
    for name, values in (columns or {}).items():
        nodes[name] = values
    nodes["x"], nodes["y"] = xy[:, 0], xy[:, 1]
    rows = []
    for c in sorted(np.unique(membership).tolist()):
        members = np.flatnonzero(membership == c)
        sp_c = sil_parts.get(c, float("nan"))
        rows.append(
            {
                "cluster": c,
                "size": len(members),
                "q_contribution": round(q_parts[c], 9) if q_parts[c] == q_parts[c] else np.nan,
                "silhouette": round(sp_c, 9) if sp_c == sp_c else np.nan,
            }
        )
    clusters = pd.DataFrame(rows, columns=["cluster", "size", "q_contribution", "silhouette"])
    run = dict(params or {})
    run.update(
        {
            "counting": counting,
            "normalization": normalization,
            "clustering": clustering,
            "objective": objective,
            "resolution": resolution,
            "seed": seed,
            "cluster_on": cluster_on,
            "layout": layout if with_layout else None,
            "nodes": n,
            "modularity": round(q, 9) if q == q else None,
            "silhouette": round(sil, 9) if sil == sil else None,
        }
    )
    directed = directed_counts is not None
    return Network(
        pd.DataFrame(nodes),
        sp.csr_matrix(directed_counts, dtype=np.int64) if directed else full,
        frac,
        weights,
        clusters,
        q,
        sil,
        run,
        kind=kind,
        directed=directed,
        incidence=incidence,
        size=size,
        score=score,
        cluster_base=cluster_base,
    )


def network_from_incidence(
    incidence: sp.spmatrix,
    keys: Sequence[str],
    labels: Sequence[str] | None = None,
    *,
    kind: str,
    size: str = "occurrences",
    min_size: int = 1,
    top_n: int | None = None,
    items_per_record: np.ndarray | None = None,
    counting: str = "full",
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    cluster_on: str = "auto",
    with_layout: bool = True,
    layout: str = "auto",
    cluster_base: int = 0,
    params: dict | None = None,
) -> Network:
    """Co-occurrence network of the items of a records × items incidence matrix.

    Two items are linked once per record holding both (binary per record).  Items
    need ``size >= min_size`` records; the ``top_n`` most frequent are kept (ties:
    the key's code-point order).  Full counts ``C = XᵀX`` and fractional counts
    ``F = Xᵀ diag(1/(n_d − 1)) X`` (zero diagonals), with ``n_d`` the record's items
    *before* selection (``items_per_record``, default the row sums of ``incidence``),
    as for keywords.  Used by co-citation, coupling and collaboration networks.

    Parameters
    ----------
    incidence : scipy.sparse matrix, shape (records, items)
        Non-zero where the record holds the item (values are binarised).
    keys : sequence of str
        Item identities (column order).
    labels : sequence of str, optional
        Display labels (default: the keys).
    kind, size, cluster_base
        See :class:`Network`.
    min_size, top_n : int
        Selection.
    items_per_record : array, optional
        ``n_d`` for the fractional weights.
    counting, normalization, clustering, objective, resolution, seed, cluster_on, with_layout, layout
        As in :func:`assemble`.
    params : dict, optional
        Builder parameters for ``params.json``.

    Returns
    -------
    Network
        Nodes carry ``id, key, label, <size>, links, total_link_strength, cluster, x, y``;
        the incidence matrix is kept (records × selected items); an empty network (with
        a message) when no item passes the threshold.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> x = sp.csr_matrix(np.array([[1, 1], [1, 1], [1, 0]]))
    >>> net = network_from_incidence(x, ["p", "q"], kind="collaboration", size="documents", with_layout=False)
    >>> net.counts.toarray().tolist()
    [[0, 2], [2, 0]]
    """
    from ._cooccurrence import fractional_counts, full_counts, select_terms

    x = sp.csr_matrix(incidence)
    x.data[:] = 1
    x = sp.csr_matrix(x, dtype=np.int8)
    labels = list(keys) if labels is None else list(labels)
    sizes_all = np.asarray(x.sum(axis=0)).ravel().astype(np.int64)
    n_d = np.asarray(x.sum(axis=1)).ravel().astype(np.int64) if items_per_record is None else items_per_record
    selected = select_terms(sizes_all, list(keys), min_size, top_n, "occurrences")
    run = dict(params or {})
    run.setdefault("min_size", min_size)
    run.setdefault("top_n", top_n)
    run.update({"records": int(x.shape[0]), "distinct_items": len(keys), "selected_items": len(selected)})
    if len(selected) == 0:
        return empty_network(
            kind,
            f"no item occurs in at least {min_size} records" if len(keys) else "no items",
            size=size,
            params=run,
            cluster_base=cluster_base,
        )
    a = sp.csr_matrix(x[:, selected], dtype=np.int8)
    full, frac = full_counts(a), fractional_counts(a, n_d)
    return assemble(
        full,
        frac,
        sizes_all[selected],
        [keys[i] for i in selected],
        [labels[i] for i in selected],
        kind=kind,
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
        cluster_base=cluster_base,
        incidence=a,
        params=run,
    )


def empty_network(
    kind: str,
    message: str,
    *,
    size: str = "occurrences",
    columns: Sequence[str] = (),
    params: dict | None = None,
    cluster_base: int = 0,
    directed: bool = False,
) -> Network:
    """A network without nodes that says why (``net.message``), for inputs with nothing to link.

    Examples
    --------
    >>> net = empty_network("cocitation", "the corpus has no cited references (CR)", size="citations")
    >>> len(net), net.message
    (0, 'the corpus has no cited references (CR)')
    """
    nodes = pd.DataFrame(
        {
            "id": pd.Series([], dtype=np.int64),
            "key": pd.Series([], dtype=object),
            "label": pd.Series([], dtype=object),
            size: pd.Series([], dtype=np.int64),
            "links": pd.Series([], dtype=np.int64),
            "total_link_strength": pd.Series([], dtype=np.int64),
            "cluster": pd.Series([], dtype=np.int64),
            **{c: pd.Series([], dtype=float) for c in columns},
            "x": pd.Series([], dtype=float),
            "y": pd.Series([], dtype=float),
        }
    )
    zero = sp.csr_matrix((0, 0), dtype=np.int64)
    clusters = pd.DataFrame({"cluster": [], "size": [], "label": [], "q_contribution": [], "silhouette": []})
    run = dict(params or {})
    run["message"] = message
    return Network(
        nodes,
        zero,
        sp.csr_matrix((0, 0), dtype=np.float64),
        sp.csr_matrix((0, 0), dtype=np.float64),
        clusters,
        float("nan"),
        float("nan"),
        run,
        kind=kind,
        directed=directed,
        size=size,
        cluster_base=cluster_base,
        message=message,
    )


def _symmetric(m: sp.spmatrix) -> sp.csr_matrix:
    """``m + mᵀ`` (a directed adjacency as undirected weights), sorted indices."""
    m = sp.csr_matrix(m)
    out = (m + m.T).tocsr()
    out.sort_indices()
    return out


def _finite(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
