"""Collaboration networks of a partitioned corpus, computed with Dask.

The result is the :class:`~litkit.network.Network` that :func:`litkit.collaboration` returns
for the same records and parameters.  For institutions and countries the addresses are
parsed on the workers (:func:`litkit.scale.affiliations`; the corpus-wide merge of
institution spellings runs on the driver over the concatenated tables).  The records
(without their cited references, which collaboration does not read) are loaded by the
workers and gathered, and :func:`litkit.collaboration` runs on the driver: the incidence,
the counts, clusters, labels and layout.
"""

from __future__ import annotations

from ._affiliations import affiliations
from ._gather import gather

__all__ = ["collaboration", "collaboration_corpus"]


def collaboration(pc, unit: str = "author", min_documents: int = 1, top_n: int | None = 200, *, client=None, **options):
    """Collaboration network of a partitioned corpus; same parameters and result as :func:`litkit.collaboration`.

    Parameters
    ----------
    pc : PartitionedCorpus
    unit, min_documents, top_n, options
        As in :func:`litkit.collaboration` (default ``affiliations``: :func:`litkit.scale.affiliations`).
    client : dask.distributed.Client, optional

    Returns
    -------
    Network
        Equal to ``litkit.collaboration(pc.to_corpus(), ...)``.

    Examples
    --------
    >>> net = litkit.scale.collaboration(pc, "country", client=client)   # doctest: +SKIP
    """
    from ..network import collaboration as build

    if unit in ("institution", "country") and options.get("affiliations") is None:
        options["affiliations"] = affiliations(pc, client=client)
    return build(collaboration_corpus(pc, client=client), unit, min_documents, top_n, **options)


def collaboration_corpus(pc, client=None):
    """The records collaboration reads, gathered on the driver: every column but ``CR`` (the bulk).

    Examples
    --------
    >>> corpus = litkit.scale.collaboration_corpus(pc, client=client)           # doctest: +SKIP
    >>> litkit.country_production(corpus, litkit.affiliations(corpus))          # doctest: +SKIP
    """
    from ..corpus import Corpus

    columns = [c for c in Corpus().df.columns if c != "CR"]
    return gather(pc, with_references=False, columns=columns, client=client)
