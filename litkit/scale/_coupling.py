"""Bibliographic coupling networks of a partitioned corpus: incidences on the workers, assembly on the driver.

The result is the :class:`~litkit.network.Network` that :func:`litkit.coupling` returns for
the same records and parameters, byte for byte in every file.  Both run the same steps of
:mod:`litkit.network` (:func:`~litkit.network.cited_by_units`,
:func:`~litkit.network.coupling_network`); here:

1. **Workers**: the cited references parsed and keyed corpus-wide
   (:func:`litkit.scale.keyed_partitions`) and the partition's records × references incidence
   (:func:`~litkit.network.cited_items`), kept on the workers; the driver receives each
   partition's distinct reference keys and the references each record cites (a count).
2. **Driver**: the records' unit columns and label fields (never ``CR``), the units
   (:func:`~litkit.network.unit_incidence`; for institutions and countries from
   :func:`litkit.scale.affiliations`, whose spelling merge is corpus-wide) and their selection.
3. **Workers**: per partition, ``Xₚ = Mₚᵀ Rₚ`` for the selected units only and the citing units
   per reference (sparse, in the partition's reference numbering).
4. **Driver**: the partitions' ``X`` and counts added in the corpus's reference numbering
   (first appearance, as on one machine), then the shared assembly: coupling counts (full and
   fractional), normalisation, clusters, labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._dask import compute, persist
from ._gather import GatheredCorpus, gather, keyed_partitions

__all__ = ["coupling"]

#: Columns the units and the assembly read (besides the label fields).
RECORD_COLUMNS = ("UT", "TC", "PY", "AU", "J9", "SO")


def coupling(pc, unit: str = "document", min_documents: int = 1, top_n: int | None = 200, *, client=None, **options):
    """Bibliographic coupling network of a partitioned corpus; same parameters and result as :func:`litkit.coupling`.

    Parameters
    ----------
    pc : PartitionedCorpus
    unit, min_documents, top_n, options
        As in :func:`litkit.coupling`.
    client : dask.distributed.Client, optional
        Where the references are parsed and counted (default: Dask's current scheduler).

    Returns
    -------
    Network
        Equal to ``litkit.coupling(pc.to_corpus(), ...)``.

    Examples
    --------
    >>> net = litkit.scale.coupling(pc, "source", client=client)      # doctest: +SKIP
    """
    import dask

    from ..network import coupling_network, unit_incidence
    from ..text import resolve_fields

    label_fields = options.get("label_fields", ("TI", "DE", "ID"))
    columns = list(dict.fromkeys([*RECORD_COLUMNS, *resolve_fields(label_fields)]))
    keyed = keyed_partitions(pc, client=client)
    local = persist([dask.delayed(_incidence)(part) for part in keyed], client)
    heads = compute([dask.delayed(_head)(part) for part in local], client)
    codes, ref_keys = pd.factorize(np.concatenate([h[0] for h in heads]) if heads else np.zeros(0, dtype=object))
    bounds = np.cumsum([0] + [len(h[0]) for h in heads])
    mapping = [codes[a:b].astype(np.int64) for a, b in zip(bounds[:-1], bounds[1:])]
    per_record = np.concatenate([h[1] for h in heads]) if heads else np.zeros(0, dtype=np.int64)
    rows = np.cumsum([0] + [len(h[1]) for h in heads])

    corpus = gather(pc, with_references=False, columns=columns, client=client)
    table = None
    if unit in ("institution", "country"):
        from ._affiliations import affiliations

        table = affiliations(pc, client=client)
    m, keys, labels = unit_incidence(corpus, unit, affiliations=table)

    def fetch(chosen: sp.spmatrix, units_per_record: np.ndarray):
        chosen = sp.csr_matrix(chosen)
        asks = [
            dask.delayed(_cited)(part, chosen[a:b], np.asarray(units_per_record[a:b]))
            for part, a, b in zip(local, rows[:-1], rows[1:])
        ]
        x = sp.csr_matrix((chosen.shape[1], len(ref_keys)), dtype=np.int64)
        n_r = np.zeros(len(ref_keys), dtype=np.int64)
        for (xp, nrp), code in zip(compute(asks, client), mapping):
            coo = xp.tocoo()
            x = x + sp.csr_matrix((coo.data, (coo.row, code[coo.col])), shape=x.shape, dtype=np.int64)
            np.add.at(n_r, code, nrp)
        x = sp.csr_matrix(x, dtype=np.int64)
        x.sum_duplicates()
        x.eliminate_zeros()
        x.sort_indices()
        return x, n_r

    return coupling_network(
        corpus.df, m, keys, labels, per_record, len(ref_keys), fetch, unit, min_documents, top_n, **options
    )


# ---- per partition (workers) ----------------------------------------------------------------------
def _incidence(part: tuple):
    """The partition's records × references incidence (int64) and its distinct keys."""
    from ..network import cited_items

    refs, df = part
    r, keys, _ = cited_items(GatheredCorpus(df, None, refs, has_cr=False), unit="reference", labelled=False)
    return sp.csr_matrix(r, dtype=np.int64), np.asarray(keys, dtype=object)


def _head(local: tuple) -> tuple[np.ndarray, np.ndarray]:
    r, keys = local
    return keys, np.diff(r.indptr).astype(np.int64)


def _cited(local: tuple, chosen: sp.spmatrix, units_per_record: np.ndarray):
    from ..network import cited_by_units

    return cited_by_units(local[0], chosen, units_per_record)
