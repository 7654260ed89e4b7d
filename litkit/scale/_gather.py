"""Cited references of a partitioned corpus, parsed on the workers; the records the driver assembles from.

The citation and collaboration builders (:func:`litkit.cocitation`, :func:`litkit.coupling`,
:func:`litkit.citation_network`, :func:`litkit.collaboration`, :func:`litkit.indicators.summary`)
end in steps that look at the whole corpus at once: ranking items, clustering, labels, the
match of references against every record.  What costs most before that is per record and
partitions cleanly: parsing the cited references (``CR``: tens of references per record,
millions in a large corpus).  So:

1. **Per partition** (workers): :func:`litkit.refs.references_table` of the partition's
   ``UT, PY, DB, CR`` — every reference parsed, exactly as the single-machine table parses it
   (each string's parse depends only on the string and the record's database) — and the
   partition's lending tables (:func:`litkit.refs.doi_by_bibliographic_key`,
   :func:`litkit.refs.page_by_bibliographic_key`).
2. **Corpus-wide** (reduce): the lending tables are merged (:func:`litkit.refs.merge_lending`:
   a key lends a DOI or a page only when every partition saw the same single one), because
   the key of a reference without a DOI or page depends on the references cited anywhere
   in the corpus.
3. **Per partition** (workers): the keys recomputed with the corpus-wide tables
   (:func:`litkit.refs.unified_key`, the rule ``references_table`` applies).
4. **Driver**: the partitions' tables concatenated in record order (``record`` offset by the
   records before the partition), which equals ``references_table(corpus.df)`` of the whole
   corpus, and the records' other columns (not ``CR``, the bulk of a corpus) in one frame.

:func:`gather` returns both as a :class:`~litkit.Corpus` whose ``references`` is the gathered
table; the single-machine builders run on it unchanged, so the files they write are those
of one process, byte for byte (``tests/scale/test_scale_networks.py``).

The citation builders of :mod:`litkit.scale` (``cocitation``, ``coupling``,
``citation_network``) stop after step 3: :func:`keyed_partitions` keeps each partition's
keyed table on its worker, and they send back only count contributions (tallies, incidences
on selected items, candidate links), never ``CR`` or the references table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..errors import LitkitError
from ..refs import (
    doi_by_bibliographic_key,
    merge_lending,
    page_by_bibliographic_key,
    references_table,
    table_bibliographic_keys,
    unified_key,
)
from ._dask import compute, persist, tree_sum

__all__ = ["gather", "references", "keyed_partitions", "GatheredCorpus"]

#: Columns the reference parsing reads.
REFERENCE_COLUMNS = ("UT", "PY", "DB", "CR")


class GatheredCorpus(Corpus):
    """A :class:`~litkit.Corpus` on the driver whose cited references were parsed on the workers.

    ``references`` returns the table given (equal to ``references_table`` of the whole corpus);
    ``df`` may leave out ``CR`` (``has_cr=False``), which only that table reads: asking such a
    corpus without a table for its references is an error, never an empty table.
    """

    def __init__(
        self, df: pd.DataFrame | None, report=None, references: pd.DataFrame | None = None, has_cr: bool = True
    ):
        super().__init__(df, report)
        self.gathered_references = references
        self.has_cr = has_cr

    @property
    def references(self) -> pd.DataFrame:
        """The gathered table (parsed from ``CR`` on the workers), else parsed here from ``df``."""
        if self.gathered_references is None:
            if not self.has_cr:
                raise LitkitError(
                    "the gathered records were loaded without their cited references (CR)",
                    expected="litkit.scale.gather(pc) with with_references=True, or columns holding CR",
                )
            self.gathered_references = references_table(self.df)
        return self.gathered_references


def references(pc, client=None) -> pd.DataFrame:
    """:func:`litkit.refs.references_table` of a partitioned corpus, parsed partition by partition.

    Parameters
    ----------
    pc : PartitionedCorpus
    client : dask.distributed.Client, optional

    Returns
    -------
    pandas.DataFrame
        Equal to ``references_table(pc.to_corpus().df)``: same rows, columns, keys and dtypes.

    Examples
    --------
    >>> refs = litkit.scale.references(pc, client=client)            # doctest: +SKIP
    """
    import dask

    parts = persist([dask.delayed(_parse)(f) for f in pc.delayed_frames(list(REFERENCE_COLUMNS))], client)
    lending = tree_sum([dask.delayed(_lending_of)(p) for p in parts], _merge_lending)
    keyed = [dask.delayed(_rekey)(p, lending) for p in parts]
    tables = compute(keyed, client)
    offsets = np.cumsum([0] + list(pc.records))
    for table, offset in zip(tables, offsets):
        table["record"] = table["record"].to_numpy(dtype=np.int64) + np.int64(offset)
    if not tables:
        return references_table(Corpus().df)
    out = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    return out if len(out) else references_table(Corpus().df)


def gather(pc, *, with_references: bool = True, columns: Sequence[str] | None = None, client=None) -> GatheredCorpus:
    """The records of a partitioned corpus on the driver, with their references parsed on the workers.

    Parameters
    ----------
    pc : PartitionedCorpus
    with_references : bool, default True
        Parse ``CR`` on the workers (:func:`references`) and leave it out of ``df``.  False: no
        references (``corpus.references`` then parses ``df``'s ``CR`` if ``columns`` holds it).
    columns : list of str, optional
        Canonical columns to load (default: all but ``CR`` with references, all without).
    client : dask.distributed.Client, optional

    Returns
    -------
    GatheredCorpus
        Its ``df`` equals ``pc.to_corpus().df`` on the columns loaded (the others empty).

    Examples
    --------
    >>> corpus = litkit.scale.gather(pc, client=client)       # doctest: +SKIP
    >>> net = litkit.cocitation(corpus)                         # doctest: +SKIP
    """
    if columns is None:
        columns = [c for c in Corpus().df.columns if not (with_references and c == "CR")]
    frames = compute(pc.delayed_frames(list(columns)), client)
    df = pd.concat(frames, ignore_index=True) if frames else None
    refs = references(pc, client) if with_references else None
    return GatheredCorpus(df, pc.report, refs, has_cr="CR" in columns)


def keyed_partitions(pc, columns: Sequence[str] = (), client=None) -> list:
    """Per partition, kept on the workers: its references table keyed corpus-wide and its records.

    Steps 1–3 of the module docstring, without step 4: nothing is gathered.  Each element is a
    (persisted) ``dask.delayed`` pair ``(refs, df)``: ``refs`` as :func:`references` gives the
    partition's rows but with ``record`` the row in the partition, ``df`` the partition's
    ``UT, PY, DB`` and ``columns`` (never ``CR``).  The citation builders of :mod:`litkit.scale`
    compute their count contributions from these pairs where they are.

    Examples
    --------
    >>> parts = keyed_partitions(pc, ["TI", "DE", "ID"], client=client)         # doctest: +SKIP
    """
    import dask

    wanted = list(dict.fromkeys([*REFERENCE_COLUMNS, *columns]))
    parts = persist([dask.delayed(_parse_frame)(f) for f in pc.delayed_frames(wanted)], client)
    lending = tree_sum([dask.delayed(_lending_of)(p) for p in parts], _merge_lending)
    return persist([dask.delayed(_rekey_frame)(p, lending) for p in parts], client)


# ---- per partition --------------------------------------------------------------------------------
def _parse_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str], pd.DataFrame]:
    refs, bib = _parse(df)
    return refs, bib, df.drop(columns=["CR"])


def _rekey_frame(part: tuple, lending: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _rekey(part, lending), part[2]


def _parse(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The partition's references table (keys still partition-local) and each row's bibliographic key."""
    refs = references_table(df)
    return refs, _bibliographic(refs)


def _bibliographic(refs: pd.DataFrame) -> list[str]:
    """:func:`litkit.refs.bibliographic_key` of every row (a page-less CSSCI / GB/T row keyed by its issue)."""
    return table_bibliographic_keys(refs)


def _lending_of(part: tuple) -> tuple[dict, dict]:
    """The partition's DOI- and page-lending tables (:mod:`litkit.refs.keys`)."""
    refs, bib = part[0], part[1]
    rows = zip(bib, refs["doi"].tolist(), refs["source"].tolist(), refs["volume"].tolist(), refs["page"].tolist())
    return doi_by_bibliographic_key(rows), page_by_bibliographic_key(bib)


def _merge_lending(a: tuple, b: tuple) -> tuple:
    """A key lends a DOI or a page only when every partition saw the same single one."""
    return merge_lending(a[0], b[0]), merge_lending(a[1], b[1])


def _rekey(part: tuple, lending: tuple) -> pd.DataFrame:
    """The keys ``references_table`` gives with the corpus-wide lending tables (:func:`litkit.refs.unified_key`)."""
    refs, bib = part[0], part[1]
    if not len(refs):
        return refs
    doi_of_bib, page_of_bib = lending
    columns = (refs[c].tolist() for c in ("author", "source", "doi"))
    keys = [
        unified_key(b, doi, bool(author or source), doi_of_bib, page_of_bib)
        for (author, source, doi), b in zip(zip(*columns), bib)
    ]
    values = np.empty(len(keys), dtype=object)
    values[:] = keys
    out = refs.copy()
    out["key"] = pd.Series(values, dtype=object)
    return out
