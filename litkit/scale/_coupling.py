"""Bibliographic coupling networks of a partitioned corpus, computed with Dask.

The result is the :class:`~litkit.network.Network` that :func:`litkit.coupling` returns for
the same records and parameters: the references are parsed and keyed on the workers
(:mod:`litkit.scale`, with the corpus-wide DOI-lending pass), and :func:`litkit.coupling`
runs on the driver on the gathered records and references.  For ``unit="institution"`` and
``"country"`` the affiliations are read on the driver (:func:`litkit.affiliations` merges
institution spellings over the whole corpus, so it does not split into partitions).
"""

from __future__ import annotations

from ._gather import gather

__all__ = ["coupling"]


def coupling(pc, unit: str = "document", min_documents: int = 1, top_n: int | None = 200, *, client=None, **options):
    """Bibliographic coupling network of a partitioned corpus; same parameters and result as :func:`litkit.coupling`.

    Parameters
    ----------
    pc : PartitionedCorpus
    unit, min_documents, top_n, options
        As in :func:`litkit.coupling`.
    client : dask.distributed.Client, optional
        Where the references are parsed (default: Dask's current scheduler).

    Returns
    -------
    Network
        Equal to ``litkit.coupling(pc.to_corpus(), ...)``.

    Examples
    --------
    >>> net = litkit.scale.coupling(pc, "source", client=client)      # doctest: +SKIP
    """
    from ..network import coupling as build

    return build(gather(pc, client=client), unit, min_documents, top_n, **options)
