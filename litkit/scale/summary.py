"""bibliometrix's main information table of a partitioned corpus, computed with Dask.

The result is the table :func:`litkit.indicators.summary` returns for the same records.  The
records are loaded by the workers and gathered; the table is computed on the driver
(its rows are corpus-wide distinct counts and means, and the international co-authorship
share needs :func:`litkit.affiliations`, which merges institution spellings over the whole
corpus).
"""

from __future__ import annotations

from .gather import gather

__all__ = ["summary"]


def summary(pc, as_of: int | None = None, affiliations=None, *, client=None):
    """Main information of a partitioned corpus; same parameters and result as :func:`litkit.indicators.summary`.

    Parameters
    ----------
    pc : PartitionedCorpus
    as_of, affiliations
        As in :func:`litkit.indicators.summary`.
    client : dask.distributed.Client, optional

    Returns
    -------
    pandas.DataFrame
        Equal to ``litkit.summary(pc.to_corpus(), as_of)``.

    Examples
    --------
    >>> litkit.scale.summary(pc, client=client)      # doctest: +SKIP
    """
    from ..indicators import summary as build

    return build(gather(pc, with_references=False, client=client), as_of=as_of, affiliations=affiliations)
