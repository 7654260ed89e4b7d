"""Co-citation networks of a partitioned corpus, computed with Dask: counts on the workers, assembly on the driver.

The result is the :class:`~litkit.network.Network` that :func:`litkit.cocitation` returns for
the same records and parameters (``pc.to_corpus()``), byte for byte in every file it writes.
Both run the same two steps of :mod:`litkit.network` (:func:`~litkit.network.cocitation_counts`
and :func:`~litkit.network.cocitation_network`); here the count step runs per partition and
only its compact results travel:

1. **Workers**: the cited references parsed and keyed with the corpus-wide lending tables
   (:func:`litkit.scale.keyed_partitions`), then the partition's
   :class:`~litkit.network.CitationTally`: its distinct items, citations per item (in total
   and per citing year), the distinct items each record cites, the records' years.  The
   parsed references stay on the workers.
2. **Driver**: the tallies added (:func:`~litkit.network.add_tallies`: items numbered by first
   appearance, as on one machine), then the node selection (per slice with ``slice_years``).
3. **Workers**: for the candidate items only (a few hundred or thousand of the millions
   cited), each partition's records × candidates incidence, the counts the items' labels are
   chosen from (:func:`~litkit.network.cited_label_counts`) and the label fields (titles,
   keywords, first author, year, source) of the records that cite a candidate.
4. **Driver**: the incidences stacked in record order, the label counts added, and the
   assembly of the single-machine path — counts per slice (full and fractional), pruning,
   normalisation, clusters, labels, centrality, bursts, layout.

The driver never receives ``CR`` or the references table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._dask import compute, constant, persist
from ._gather import keyed_partitions

__all__ = ["cocitation", "cocitation_parts"]

#: Record columns the assembly reads besides the label fields: the labels of citing records.
RECORD_COLUMNS = ("AU", "PY", "J9", "SO")


def cocitation(pc, unit: str = "reference", min_citations: int = 2, top_n: int | None = 200, *, client=None, **options):
    """Co-citation network of a partitioned corpus; same parameters and result as :func:`litkit.cocitation`.

    Parameters
    ----------
    pc : PartitionedCorpus
        From :func:`litkit.scale.ingest` or :func:`litkit.scale.read_partitioned`.
    unit, min_citations, top_n, options
        As in :func:`litkit.cocitation`.
    client : dask.distributed.Client, optional
        Where the partitions are counted (default: Dask's current scheduler).

    Returns
    -------
    Network
        Equal to ``litkit.cocitation(pc.to_corpus(), ...)``.

    Examples
    --------
    >>> net = litkit.scale.cocitation(pc, "reference", slice_years=1, client=client)   # doctest: +SKIP
    >>> net.export("out/dca")                                                         # doctest: +SKIP
    """
    from ..network import cocitation_network

    tally, fetch = cocitation_parts(pc, unit, client=client, **options)
    return cocitation_network(tally, fetch, unit, min_citations, top_n, **options)


def cocitation_parts(pc, unit: str = "reference", *, client=None, **options):
    """The count step of :func:`cocitation` on the workers: the corpus's tally and its fetch.

    Returns
    -------
    tuple
        ``(tally, fetch)`` as :func:`litkit.network.cocitation_network` takes them: the
        :class:`~litkit.network.CitationTally` added over the partitions, and
        ``fetch(candidates, label_fields)`` that asks the workers for the candidates'
        incidence, label counts and citing records' label fields (a
        :class:`~litkit.network.CitedFetch`).  Only these compact results reach the driver.

    Examples
    --------
    >>> tally, fetch = cocitation_parts(pc, client=client)                 # doctest: +SKIP
    >>> net = litkit.network.cocitation_network(tally, fetch)              # doctest: +SKIP
    """
    import dask

    from ..network import CitedFetch, add_tallies
    from ..text import resolve_fields

    label_fields = options.get("label_fields", ("TI", "DE", "ID"))
    columns = list(dict.fromkeys([*resolve_fields(label_fields), *RECORD_COLUMNS]))
    count = {k: options.get(k) for k in ("years", "slice_years")} | {"identity": options.get("identity", "key")}
    keyed = keyed_partitions(pc, columns, client)
    local = persist([dask.delayed(_count)(part, unit, count) for part in keyed], client)
    tallies = compute([dask.delayed(_tally)(part) for part in local], client)
    tally, mapping = add_tallies(tallies)
    offsets = np.cumsum([0] + [len(t.n_d) for t in tallies])

    def fetch(candidates: np.ndarray, fields: Sequence[str]) -> CitedFetch:
        candidates = np.asarray(candidates, dtype=np.int64)
        position = np.full(len(tally.keys), -1, dtype=np.int64)
        position[candidates] = np.arange(len(candidates))
        asks = []
        for part, codes, offset in zip(local, mapping, offsets):
            at = position[codes]
            mine = np.flatnonzero(at >= 0)  # the partition's local codes of candidates, and their positions
            ask = dask.delayed(_fetch)(part, constant(mine), constant(at[mine]), len(candidates), columns, int(offset))
            asks.append(ask)
        got = compute(asks, client)
        return _combine(got, len(candidates), int(offsets[-1]), columns)

    return tally, fetch


# ---- per partition (workers) ----------------------------------------------------------------------
def _count(part: tuple, unit: str, count: dict):
    from ..network import cocitation_counts

    refs, df = part
    return cocitation_counts(refs, df, unit=unit, **count)


def _tally(local):
    return local.tally


def _fetch(local, codes: np.ndarray, at: np.ndarray, n_candidates: int, columns, offset: int):
    """The partition's incidence on the candidates, their label counts, the citing records' label fields."""
    position = np.full(local.x.shape[1], -1, dtype=np.int64)
    position[codes] = at
    coo = sp.coo_matrix(local.x[:, codes])
    inc = sp.csr_matrix(
        (coo.data.astype(np.int8), (coo.row, at[coo.col])), shape=(local.x.shape[0], n_candidates), dtype=np.int8
    )
    inc.sort_indices()
    counts = local.label_counts(position)
    rows = np.flatnonzero(np.diff(inc.indptr) > 0)
    frame = local.df.iloc[rows][list(columns)]
    frame.index = rows + offset
    return inc, counts, frame


# ---- driver ---------------------------------------------------------------------------------------
def _combine(got: list, n_candidates: int, n_records: int, columns):
    from ..corpus import Corpus
    from ..network import CitedFetch

    if got:
        inc = sp.csr_matrix(sp.vstack([g[0] for g in got], format="csr"), dtype=np.int8)
        counts = pd.concat([g[1] for g in got], ignore_index=True)
        frame = pd.concat([g[2] for g in got])
    else:
        inc, counts, frame = sp.csr_matrix((0, n_candidates), dtype=np.int8), pd.DataFrame(), Corpus().df
    inc.sort_indices()
    # One row per record (records citing no candidate stay empty: no label reads them).
    canonical = Corpus().df
    frame = frame.reindex(range(n_records))
    for name in columns:
        if name in canonical and frame[name].dtype != canonical[name].dtype:
            frame[name] = frame[name].astype(canonical[name].dtype)
    return CitedFetch(inc, counts, frame)
