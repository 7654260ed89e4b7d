"""bibliometrix's main information table of a partitioned corpus, computed with Dask.

The result is the table :func:`litkit.indicators.summary` returns for the same records.  Every row
is a count, a sum or a distinct count over records, so nothing but those partial results leaves
the workers:

1. **Per partition** (workers): the partition's columns the table reads (``PY``, ``SO``, ``TC``,
   ``CR``, ``ID``, ``DE``, ``AU``) and its addresses, from which
   :func:`litkit.indicators.summary_parts` makes its counts, sums and sets of keys.  The addresses
   are parsed there too (:func:`litkit.affiliations` of the partition): whether a record is an
   international co-authorship depends on that record's countries alone.
2. **Reduce** (a fixed tree over the partitions): :func:`litkit.indicators.combine_summary_parts`
   (counts added, sets united).
3. **Driver**: :func:`litkit.indicators.summary_from_parts`, the function the single-machine
   :func:`~litkit.indicators.summary` ends with, so the table is the same to the last bit.
"""

from __future__ import annotations

import numpy as np

from ._affiliations import ADDRESS_COLUMNS
from ._dask import compute, tree_sum

__all__ = ["summary", "SUMMARY_COLUMNS"]

#: The record columns the main-information table reads (besides the addresses).
SUMMARY_COLUMNS = ("PY", "SO", "TC", "CR", "ID", "DE", "AU")


def summary(pc, as_of: int | None = None, affiliations=None, *, client=None):
    """Main information of a partitioned corpus; same parameters and result as :func:`litkit.indicators.summary`.

    Parameters
    ----------
    pc : PartitionedCorpus
    as_of : int, optional
        As in :func:`litkit.indicators.summary`.
    affiliations : pandas.DataFrame, optional
        The affiliations table of the whole corpus (``record`` = row position in it), e.g. from
        :func:`litkit.scale.affiliations`.  Default: each partition's addresses parsed on its worker.
    client : dask.distributed.Client, optional

    Returns
    -------
    pandas.DataFrame
        Equal to ``litkit.summary(pc.to_corpus(), as_of)``.

    Examples
    --------
    >>> litkit.scale.summary(pc, client=client)      # doctest: +SKIP
    """
    import dask

    from ..indicators import combine_summary_parts, summary_from_parts

    columns = list(dict.fromkeys([*SUMMARY_COLUMNS, *(ADDRESS_COLUMNS if affiliations is None else ())]))
    frames = pc.delayed_frames(columns)
    if affiliations is None:
        parts = [dask.delayed(_parts)(f) for f in frames]
    else:  # the given table, cut at the partitions' record offsets
        offsets = np.cumsum([0] + list(pc.records))
        records = affiliations["record"].to_numpy()
        parts = []
        for f, start, stop in zip(frames, offsets[:-1], offsets[1:]):
            wanted = [c for c in ("record", "country", "source_field") if c in affiliations.columns]
            local = affiliations[(records >= start) & (records < stop)][wanted]
            local = local.assign(record=local["record"].to_numpy() - start)
            parts.append(dask.delayed(_parts)(f, local))
    if not parts:
        return summary_from_parts(combine_summary_parts([]), as_of)
    total = compute(tree_sum(parts, _combine), client)
    return summary_from_parts(total, as_of)


# ---- per partition --------------------------------------------------------------------------------
def _parts(df, affiliations=None) -> dict:
    from ..addresses import affiliations as parse
    from ..indicators import summary_parts

    # merge_spellings=False: only the countries are read, and the spelling merge is corpus-wide work.
    aff = parse(df, merge_spellings=False) if affiliations is None else affiliations
    return summary_parts(df, aff)


def _combine(a: dict, b: dict) -> dict:
    from ..indicators import combine_summary_parts

    return combine_summary_parts([a, b])
