"""Direct citation networks (the historiograph) of a partitioned corpus, computed with Dask.

The result is the :class:`~litkit.network.Network` that :func:`litkit.citation_network`
returns for the same records: the references are parsed and keyed on the workers
(:mod:`litkit.scale`).  Matching a reference to the record it cites looks at every
record of the corpus (by DOI, then first author, year, source, volume and page), so it runs
on the driver, on the gathered references and the records' identifying columns, in
:func:`litkit.citation_network` itself.
"""

from __future__ import annotations

from ._gather import gather

__all__ = ["citation_network"]


def citation_network(pc, min_lcs: int = 0, top_n: int | None = None, *, client=None, **options):
    """Direct citations between the records of a partitioned corpus; as :func:`litkit.citation_network`.

    Parameters
    ----------
    pc : PartitionedCorpus
    min_lcs, top_n, options
        As in :func:`litkit.citation_network`.
    client : dask.distributed.Client, optional
        Where the references are parsed (default: Dask's current scheduler).

    Returns
    -------
    Network
        Equal to ``litkit.citation_network(pc.to_corpus(), ...)``.

    Examples
    --------
    >>> net = litkit.scale.citation_network(pc, min_lcs=2, client=client)   # doctest: +SKIP
    """
    from ..network import citation_network as build

    return build(gather(pc, client=client), min_lcs, top_n, **options)
