"""Collaboration networks of a partitioned corpus, computed with Dask.

The result is the :class:`~litkit.network.Network` that :func:`litkit.collaboration` returns
for the same records and parameters:

1. **Per partition** (workers): for institutions and countries the addresses are parsed
   (:func:`litkit.scale.affiliations`; the corpus-wide merge of institution spellings runs on
   the driver over the concatenated tables); for authors the incidence rows (record, key,
   spelling of every author).  And the little the network reads of each record
   (``collaboration_parts`` of :mod:`litkit.network`, of the partition's :data:`COLLABORATION_COLUMNS`
   and ``label_fields``): authors per record, year, citations, source, first author.
2. **Driver**: the partitions' parts concatenated in record order
   (``combine_collaboration_parts``), then ``collaboration_from_parts``, the function :func:`litkit.collaboration`
   itself ends with: the incidence, the counts, clusters, labels and layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._affiliations import affiliations
from ._dask import compute
from ._gather import gather

__all__ = ["collaboration", "collaboration_corpus", "COLLABORATION_COLUMNS"]

#: The record columns :func:`litkit.collaboration` reads: ``AU`` (author units, ``max_authors``, the
#: clusters' record labels), ``PY`` and ``TC`` (node columns), ``J9``/``SO`` (record labels), ``UT``.
COLLABORATION_COLUMNS = ("UT", "AU", "PY", "TC", "J9", "SO")


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
    import dask

    from ..corpus import Corpus
    from ..network import collaboration as build
    from ..network import collaboration_from_parts, collaboration_parts, combine_collaboration_parts

    if unit in ("institution", "country") and options.get("affiliations") is None:
        options["affiliations"] = affiliations(pc, client=client)
    label_fields = list(options.get("label_fields") or ())
    frames = pc.delayed_frames(_columns(label_fields))
    parts = compute([dask.delayed(collaboration_parts)(f, unit, label_fields=label_fields) for f in frames], client)
    if not parts:
        return build(Corpus(), unit, min_documents, top_n, **options)
    return collaboration_from_parts(combine_collaboration_parts(parts), unit, min_documents, top_n, **options)


def collaboration_corpus(pc, client=None, label_fields: Sequence[str] | None = None):
    """The records collaboration reads, gathered on the driver.

    Parameters
    ----------
    pc : PartitionedCorpus
    client : dask.distributed.Client, optional
    label_fields : sequence of str, optional
        The ``label_fields`` the network will be built with: the columns gathered are then
        :data:`COLLABORATION_COLUMNS` and those fields (the other canonical columns are empty).
        None: every column but ``CR`` (the bulk), for any use of the corpus.

    Examples
    --------
    >>> corpus = litkit.scale.collaboration_corpus(pc, client=client, label_fields=())   # doctest: +SKIP
    >>> litkit.country_production(corpus, litkit.affiliations(corpus))                  # doctest: +SKIP
    """
    from ..corpus import Corpus

    if label_fields is None:
        columns = [c for c in Corpus().df.columns if c != "CR"]
    else:
        columns = _columns(label_fields)
    return gather(pc, with_references=False, columns=columns, client=client)


def _columns(label_fields) -> list[str]:
    from ..text import resolve_fields

    fields = resolve_fields(list(label_fields)) if len(label_fields) else ()
    return list(dict.fromkeys([*COLLABORATION_COLUMNS, *fields]))
