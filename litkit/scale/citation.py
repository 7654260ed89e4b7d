"""Direct citation networks (the historiograph) of a partitioned corpus: matches on the workers, assembly on the driver.

The result is the :class:`~litkit.network.Network` that :func:`litkit.citation_network`
returns for the same records, byte for byte in every file.  Both run the same steps of
:mod:`litkit.network`:

1. **Driver**: the records' identifying columns (``DI, AU, PY, J9, SO, VL, BP, AR``; never
   ``CR``) gathered, and the match tables built from them
   (:func:`~litkit.network.record_match_tables`: DOI and bibliographic key -> record over the
   whole corpus, since a reference may cite a record of any partition).
2. **Workers**: the cited references parsed and keyed corpus-wide
   (:func:`litkit.scale.keyed_partitions`) and matched against the tables
   (:func:`~litkit.network.match_references`): each partition returns its candidate links
   (citing record, cited record, how matched), a few per record at most.
3. **Driver**: the links one partition after the other (each citing record sits in one
   partition, so they are already in the single-machine order) and the assembly
   (:func:`~litkit.network.citation_network_from_links`: selection, clusters, labels).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._dask import compute, constant
from ._gather import gather, keyed_partitions

__all__ = ["citation_network"]

#: Columns the match tables and the assembly read (besides the label fields).
RECORD_COLUMNS = ("UT", "TC", "PY", "DB", "AU", "J9", "SO", "DI", "VL", "BP", "AR")


def citation_network(pc, min_lcs: int = 0, top_n: int | None = None, *, client=None, **options):
    """Direct citations between the records of a partitioned corpus; as :func:`litkit.citation_network`.

    Parameters
    ----------
    pc : PartitionedCorpus
    min_lcs, top_n, options
        As in :func:`litkit.citation_network`.
    client : dask.distributed.Client, optional
        Where the references are parsed and matched (default: Dask's current scheduler).

    Returns
    -------
    Network
        Equal to ``litkit.citation_network(pc.to_corpus(), ...)``.

    Examples
    --------
    >>> net = litkit.scale.citation_network(pc, min_lcs=2, client=client)   # doctest: +SKIP
    """
    import dask

    from ..network import citation_network_from_links, record_match_tables
    from ..text import resolve_fields

    label_fields = options.get("label_fields", ("TI", "DE", "ID"))
    columns = list(dict.fromkeys([*RECORD_COLUMNS, *resolve_fields(label_fields)]))
    df = gather(pc, with_references=False, columns=columns, client=client).df
    tables = constant(record_match_tables(df))
    offsets = np.cumsum([0] + list(pc.records))
    keyed = keyed_partitions(pc, client=client)
    found = compute([dask.delayed(_match)(part, tables, int(o)) for part, o in zip(keyed, offsets)], client)
    links = pd.concat([f[0] for f in found], ignore_index=True)  # citing records in corpus order
    has_references = any(f[1] for f in found)
    return citation_network_from_links(
        df, links, has_references=has_references, min_lcs=min_lcs, top_n=top_n, **options
    )


def _match(part: tuple, tables: tuple, offset: int) -> tuple[pd.DataFrame, bool]:
    """The partition's links (``citing`` in corpus rows) and whether it cites anything."""
    from ..network import match_references

    refs = part[0]
    return match_references(refs, tables, offset), bool(len(refs))
