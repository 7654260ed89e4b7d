"""Collaboration networks of a partitioned corpus, computed with Dask.

The result is the :class:`~litkit.network.Network` that :func:`litkit.collaboration` returns
for the same records and parameters.  For institutions and countries the addresses are
parsed on the workers (:func:`litkit.scale.affiliations`; the corpus-wide merge of
institution spellings runs on the driver over the concatenated tables).  Of the records,
only the columns collaboration reads are loaded by the workers and gathered
(:data:`COLLABORATION_COLUMNS`: authors, year, citations and the source for the clusters'
"citing" labels, plus the ``label_fields`` asked for), and :func:`litkit.collaboration`
runs on the driver: the incidence, the counts, clusters, labels and layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._affiliations import affiliations
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
    from ..network import collaboration as build

    if unit in ("institution", "country") and options.get("affiliations") is None:
        options["affiliations"] = affiliations(pc, client=client)
    corpus = collaboration_corpus(pc, client=client, label_fields=options.get("label_fields") or ())
    return build(corpus, unit, min_documents, top_n, **options)


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
        from ..text import resolve_fields

        fields = resolve_fields(list(label_fields)) if len(label_fields) else ()
        columns = list(dict.fromkeys([*COLLABORATION_COLUMNS, *fields]))
    return gather(pc, with_references=False, columns=columns, client=client)
