"""Co-citation networks of a partitioned corpus, computed with Dask.

The result is the :class:`~litkit.network.Network` that :func:`litkit.cocitation` returns for
the same records and parameters (``pc.to_corpus()``): the references are parsed and keyed
partition by partition on the workers (:mod:`litkit.scale`, with the corpus-wide
DOI-lending pass that the canonical keys need), and :func:`litkit.cocitation` itself runs on
the driver on the gathered records and references — the incidence, the counts, the
selection per slice, pruning, clusters, labels, bursts and layout.  The counting is a sparse
product on the driver (records × items, seconds for 100 000 records); the parsing of the
cited references, which costs far more, is what the workers share.
"""

from __future__ import annotations

from ._gather import gather

__all__ = ["cocitation"]


def cocitation(pc, unit: str = "reference", min_citations: int = 2, top_n: int | None = 200, *, client=None, **options):
    """Co-citation network of a partitioned corpus; same parameters and result as :func:`litkit.cocitation`.

    Parameters
    ----------
    pc : PartitionedCorpus
        From :func:`litkit.scale.ingest` or :func:`litkit.scale.read_partitioned`.
    unit, min_citations, top_n, options
        As in :func:`litkit.cocitation`.
    client : dask.distributed.Client, optional
        Where the references are parsed (default: Dask's current scheduler).

    Returns
    -------
    Network
        Equal to ``litkit.cocitation(pc.to_corpus(), ...)``.

    Examples
    --------
    >>> net = litkit.scale.cocitation(pc, "reference", slice_years=1, client=client)   # doctest: +SKIP
    >>> net.export("out/dca")                                                         # doctest: +SKIP
    """
    from ..network import cocitation as build

    return build(gather(pc, client=client), unit, min_citations, top_n, **options)
