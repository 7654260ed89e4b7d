"""bibliometrix's main information table of a partitioned corpus, computed with Dask.

The result is the table :func:`litkit.indicators.summary` returns for the same records.  The
addresses (for the international co-authorship share) are parsed on the workers
(:func:`litkit.scale.affiliations`); the records are loaded by the workers and gathered, and
the table (corpus-wide distinct counts and means) is computed on the driver.
"""

from __future__ import annotations

from ._affiliations import affiliations as parse_affiliations
from ._gather import gather

__all__ = ["summary"]


def summary(pc, as_of: int | None = None, affiliations=None, *, client=None):
    """Main information of a partitioned corpus; same parameters and result as :func:`litkit.indicators.summary`.

    Parameters
    ----------
    pc : PartitionedCorpus
    as_of, affiliations
        As in :func:`litkit.indicators.summary` (default ``affiliations``: :func:`litkit.scale.affiliations`).
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

    aff = parse_affiliations(pc, client=client) if affiliations is None else affiliations
    return build(gather(pc, with_references=False, client=client), as_of=as_of, affiliations=aff)
