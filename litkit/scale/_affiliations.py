"""Affiliations (institutions and countries of every address) of a partitioned corpus, computed with Dask.

The result equals :func:`litkit.affiliations` of the whole corpus.  Each record's rows depend
on that record alone, except for one corpus-wide step: institution spellings that differ only
in case, accents or punctuation take the spelling most rows of the *corpus* use.  So:

1. **Per partition** (workers): :func:`litkit.affiliations` of the partition's address columns
   with ``merge_spellings=False`` (every address parsed, countries and institutions found,
   aliases applied; spellings as written).
2. **Driver**: the partitions' tables concatenated in record order (``record`` offset by the
   records before the partition, in the rows and in the unresolved-address report), then
   :func:`litkit.addresses.merge_institution_spellings` over the whole table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._dask import compute

__all__ = ["affiliations"]

#: The columns :func:`litkit.affiliations` reads.
ADDRESS_COLUMNS = ("AU", "AF", "C1", "RP", "extra", "DB", "source_format", "source_file", "source_line")


def affiliations(
    pc,
    *,
    group_greater_china: bool = False,
    aliases=None,
    country_aliases=None,
    bilingual_aliases: bool = True,
    client=None,
):
    """Institutions and countries of every address of a partitioned corpus; as :func:`litkit.affiliations`.

    Parameters
    ----------
    pc : PartitionedCorpus
    group_greater_china, aliases, country_aliases, bilingual_aliases
        As in :func:`litkit.affiliations`.
    client : dask.distributed.Client, optional

    Returns
    -------
    pandas.DataFrame
        Equal to ``litkit.affiliations(pc.to_corpus(), ...)``, its ``attrs["unresolved"]`` included.

    Examples
    --------
    >>> aff = litkit.scale.affiliations(pc, client=client)                  # doctest: +SKIP
    >>> litkit.collaboration(corpus, "country", affiliations=aff)            # doctest: +SKIP
    """
    import dask

    from ..addresses import affiliations as parse
    from ..addresses import merge_institution_spellings

    options = dict(
        group_greater_china=group_greater_china,
        aliases=aliases,
        country_aliases=country_aliases,
        bilingual_aliases=bilingual_aliases,
    )
    parts = [dask.delayed(parse)(f, merge_spellings=False, **options) for f in pc.delayed_frames(list(ADDRESS_COLUMNS))]
    tables = compute(parts, client)
    if not tables:
        return parse(pd.DataFrame(), **options)
    unresolved = []
    offsets = np.cumsum([0] + list(pc.records))
    for table, offset in zip(tables, offsets):
        unresolved.extend(u._replace(record=u.record + int(offset)) for u in table.attrs["unresolved"])
        table["record"] = table["record"].to_numpy(dtype=np.int64) + np.int64(offset)
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    table.attrs = {"unresolved": tuple(unresolved), "bilingual_aliases": bool(bilingual_aliases)}
    return merge_institution_spellings(table)
