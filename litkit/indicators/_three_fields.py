"""Three-field plot: bibliometrix's ``threeFieldsPlot`` (biblioshiny's "Three-Field Plot") as tables.

The most frequent items of three fields of the records (by default authors, author keywords and
sources) and how many records link each left item to each middle item and each middle item to each
right item.  Drawn as a Sankey diagram by :func:`litkit.plot.sankey.plot_three_fields`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from ..errors import LitkitError
from ._frame import (
    affiliations_table,
    author_key,
    column,
    frame,
    items,
    key,
    labels,
    record_countries,
    source_key,
    text,
    units_per_record,
)

#: Fields :func:`three_fields` can take, with what they name (bibliometrix's tags).
THREE_FIELDS = {
    "AU": "Authors",
    "SO": "Sources",
    "DE": "Author keywords",
    "ID": "Keywords Plus",
    "TI": "Title terms",
    "AB": "Abstract terms",
    "CR": "Cited references",
    "CR_SO": "Cited sources",
    "AU_CO": "Countries",
    "AU_UN": "Institutions",
}
#: bibliometrix's names of the title and abstract terms, read as litkit's.
_ALIASES = {"TI_TM": "TI", "AB_TM": "AB"}
#: Columns of :attr:`ThreeFields.nodes` and :attr:`ThreeFields.links`.
NODE_COLUMNS = ("node", "column", "field", "item", "label", "documents")
LINK_COLUMNS = ("source", "target", "weight", "source_field", "source_item", "target_field", "target_item")


class ThreeFields(NamedTuple):
    """Tables of a three-field plot (see :func:`three_fields`)."""

    nodes: pd.DataFrame
    links: pd.DataFrame


def three_fields(
    corpus,
    fields: Sequence[str] = ("AU", "DE", "SO"),
    top: int | Sequence[int] = (20, 20, 20),
    *,
    affiliations: pd.DataFrame | None = None,
    thesaurus="default",
    stoplist="default",
    merge_plurals: bool = True,
    zh_variants: bool = False,
) -> ThreeFields:
    """The three-field plot's tables (bibliometrix's ``threeFieldsPlot``): top items of three fields and their links.

    The ``top`` most frequent items of each field (by records) are the columns of the plot, left to
    right; a link joins a left item to a middle item, and a middle item to a right item, weighted by
    the number of records that contain both.  Items with no link at all are dropped, as bibliometrix
    does.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    fields : sequence of three str, default ("AU", "DE", "SO")
        Left, middle and right field, each one of :data:`THREE_FIELDS`: ``"AU"`` authors, ``"SO"``
        sources, ``"DE"`` author keywords, ``"ID"`` Keywords Plus, ``"TI"`` / ``"AB"`` title and
        abstract terms (bibliometrix's ``TI_TM`` / ``AB_TM`` are accepted), ``"CR"`` cited references
        (by :func:`litkit.refs.reference_key`), ``"CR_SO"`` cited sources, ``"AU_CO"`` countries and
        ``"AU_UN"`` institutions (from :func:`litkit.affiliations`).
    top : int or sequence of three int, default (20, 20, 20)
        Items per field (bibliometrix's ``n``); one number for all three.
    affiliations : pandas.DataFrame, optional
        ``litkit.affiliations(corpus)``, when already computed (``AU_CO`` and ``AU_UN`` only).
    thesaurus, stoplist, merge_plurals, zh_variants
        litkit's one term pipeline for ``DE``, ``ID``, ``TI``, ``AB`` (:func:`litkit.text.corpus_terms`)
        with the keyword map's defaults, so a keyword is the same item as on the map.

    Returns
    -------
    ThreeFields
        ``nodes``: ``node`` (0, 1, ... in table order), ``column`` (0 left, 1 middle, 2 right),
        ``field``, ``item`` (the key items are compared by), ``label`` (its most frequent spelling;
        a country's English name; a reference as "Costanza R, 1997, NATURE"), ``documents`` (records
        with the item in the whole corpus); ordered by column, then documents (descending), then item.
        ``links``: ``source`` and ``target`` (``node`` numbers, left to right), ``weight`` (records
        with both), and each end's field and item; ordered by source, then target.  ``nodes.attrs``:
        ``fields``, ``top``, ``dropped`` (top items of each column left without a link).

    Notes
    -----
    Where litkit differs from bibliometrix 4.x (``threeFieldsPlot.R``, ``cocMatrix.R``), and why:

    * Items are compared as every other litkit table compares them: keywords through the term
      pipeline (as on the keyword map), authors and sources by the keys of
      :func:`litkit.indicators.top_authors` / :func:`~litkit.indicators.top_sources`, institutions and
      countries as :func:`~litkit.indicators.top_institutions` and bibliometrix's ``AU_CO`` read them
      from :func:`litkit.affiliations`, cited references by their key.  Labels keep their spelling
      (bibliometrix lower-cases every label).
    * A record counts once per item, for the ranking and the weights (bibliometrix counts a name
      repeated within a record as often as it is written, except for cited references).
    * Ties in the ranking are broken by the item's key in code-point order; bibliometrix keeps the
      order of first appearance in the data, so a re-sorted export could change its figure.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([
    ...     {"AU": ["Li, X", "Wu, Y"], "DE": ["carbon"], "SO": "Ecol Econ"},
    ...     {"AU": ["Li, X"], "DE": ["carbon", "water"], "SO": "Nature"}])
    >>> t = three_fields(c)
    >>> t.nodes[["column", "label", "documents"]].values.tolist()
    [[0, 'Li, X', 2], [0, 'Wu, Y', 1], [1, 'carbon', 2], [1, 'water', 1], [2, 'Ecol Econ', 1], [2, 'Nature', 1]]
    >>> t.links[["source_item", "target_item", "weight"]].values.tolist()
    [['LI X', 'carbon', 2], ['LI X', 'water', 1], ['WU Y', 'carbon', 1], ['carbon', 'ECOL ECON', 1], ['carbon', 'NATURE', 1], ['water', 'NATURE', 1]]
    """
    df = frame(corpus)
    chosen = _check_fields(fields)
    counts = _check_top(top)
    aff = None
    if {"AU_CO", "AU_UN"} & set(chosen):
        aff = affiliations_table(corpus, affiliations)
    pipeline = dict(thesaurus=thesaurus, stoplist=stoplist, merge_plurals=merge_plurals, zh_variants=zh_variants)
    columns = []
    cache: dict[str, tuple] = {}
    for field, n in zip(chosen, counts):
        if field not in cache:  # the same field twice (bibliometrix allows it) is read once
            cache[field] = _incidence(corpus, df, field, aff, pipeline)
        x, keys, occurrences, label_of = cache[field]
        from ..network import select_terms

        picked = select_terms(occurrences, keys, 1, n) if len(keys) else np.zeros(0, dtype=np.int64)
        columns.append((field, x[:, picked].tocsc(), [keys[i] for i in picked], occurrences[picked], label_of))
    left, middle, right = columns
    lm = (left[1].T @ middle[1]).tocoo()
    mr = (middle[1].T @ right[1]).tocoo()
    linked = [
        np.bincount(lm.row, minlength=len(left[2])) > 0,
        (np.bincount(lm.col, minlength=len(middle[2])) > 0) | (np.bincount(mr.row, minlength=len(middle[2])) > 0),
        np.bincount(mr.col, minlength=len(right[2])) > 0,
    ]
    rows, node_of, dropped = [], [], []
    for c, ((field, _, keys, occ, label_of), keep) in enumerate(zip(columns, linked)):
        numbers = np.full(len(keys), -1, dtype=np.int64)
        kept = np.flatnonzero(keep)
        shown = label_of([keys[i] for i in kept])
        for i, label in zip(kept.tolist(), shown):
            numbers[i] = len(rows)
            rows.append((len(rows), c, field, keys[i], label, int(occ[i])))
        node_of.append(numbers)
        dropped.append(int(len(keys) - len(kept)))
    nodes = pd.DataFrame(rows, columns=list(NODE_COLUMNS))
    nodes = nodes.astype({"node": np.int64, "column": np.int64, "documents": np.int64})
    items_of = nodes["item"].tolist()
    field_of = nodes["field"].tolist()
    links = []
    for coo, a, b in ((lm, node_of[0], node_of[1]), (mr, node_of[1], node_of[2])):
        for i, j, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()):
            if w > 0:
                s, t = int(a[i]), int(b[j])
                links.append((s, t, int(w), field_of[s], items_of[s], field_of[t], items_of[t]))
    links = pd.DataFrame(sorted(links), columns=list(LINK_COLUMNS))
    links = links.astype({"source": np.int64, "target": np.int64, "weight": np.int64})
    nodes.attrs.update(fields=list(chosen), top=list(counts), dropped=dropped)
    return ThreeFields(nodes, links)


def field_items(corpus, field: str, *, affiliations=None, **pipeline) -> tuple[list[str], list[list[str]], dict]:
    """The items of one three-field field per record: ``(keys in first-seen order, per-record keys, labels)``.

    What :func:`three_fields` counts, as plain lists (tests and notebooks recount with them).  Not for
    ``CR`` / ``CR_SO``, whose items come from :func:`litkit.network.cited_items`.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"SO": "Ecol Econ"}, {"SO": "ECOL  ECON"}, {"SO": "Ecol Econ"}])
    >>> keys, per_record, label = field_items(c, "SO")
    >>> keys, per_record, label
    (['ECOL ECON'], [['ECOL ECON'], ['ECOL ECON'], ['ECOL ECON']], {'ECOL ECON': 'Ecol Econ'})
    """
    df = frame(corpus)
    (field,) = _check_fields([field], n=1)
    if field in ("CR", "CR_SO"):
        raise LitkitError(f"field_items does not read {field}", expected="AU, SO, DE, ID, TI, AB, AU_CO or AU_UN")
    aff = affiliations_table(corpus, affiliations) if field in ("AU_CO", "AU_UN") else None
    docs, label_of = _documents(corpus, df, field, aff, {**_DEFAULT_PIPELINE, **pipeline})
    keys = list(dict.fromkeys(k for doc in docs for k in doc))
    return keys, docs, dict(zip(keys, label_of(keys)))


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
_DEFAULT_PIPELINE = dict(thesaurus="default", stoplist="default", merge_plurals=True, zh_variants=False)


def _check_fields(fields, n: int = 3) -> list[str]:
    if isinstance(fields, str):
        fields = [f.strip() for f in fields.split(",")]
    try:
        chosen = [_ALIASES.get(str(f).strip().upper(), str(f).strip().upper()) for f in fields]
    except TypeError:
        raise LitkitError(f"fields must be {n} field names, got {fields!r}") from None
    if len(chosen) != n:
        raise LitkitError(f"fields must be {n} field names, got {len(chosen)}", expected="e.g. AU, DE, SO")
    unknown = [f for f in chosen if f not in THREE_FIELDS]
    if unknown:
        raise LitkitError(f"unknown field(s) {unknown}", expected="fields among " + ", ".join(THREE_FIELDS))
    return chosen


def _check_top(top) -> list[int]:
    values = [top] * 3 if isinstance(top, (int, np.integer)) and not isinstance(top, bool) else top
    try:
        values = list(values)
    except TypeError:
        values = None
    if (
        values is None
        or len(values) != 3
        or any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1 for v in values)
    ):
        raise LitkitError(f"top must be a whole number >= 1 or three of them, got {top!r}")
    return [int(v) for v in values]


def _incidence(corpus, df, field: str, aff, pipeline):
    """``(x, keys, occurrences, label_of)``: binary records × items CSR, item keys, records per item,
    and a function giving the labels of some keys."""
    if field in ("CR", "CR_SO"):
        from ..network import choose_cited_labels, cited_items, cited_label_counts

        unit = "reference" if field == "CR" else "source"
        x, keys, (sub, citing_year) = cited_items(corpus, unit, labelled=False)
        x = sparse.csr_matrix(x, dtype=np.int64)

        def label_of(wanted: list[str]) -> list[str]:
            position = np.full(len(keys), -1, dtype=np.int64)
            index = {k: i for i, k in enumerate(keys)}
            for p, k in enumerate(wanted):
                position[index[k]] = p
            counts = cited_label_counts(sub, citing_year, position, unit, "key")
            return choose_cited_labels(counts, unit, "key", wanted)[0]

        return x, keys, np.asarray(x.sum(axis=0)).ravel().astype(np.int64), label_of
    from ..network import incidence_matrix

    docs, label_of = _documents(corpus, df, field, aff, pipeline)
    x, keys = incidence_matrix(docs)
    x = sparse.csr_matrix(x, dtype=np.int64)
    return x, [str(k) for k in keys], np.asarray(x.sum(axis=0)).ravel().astype(np.int64), label_of


def _documents(corpus, df, field: str, aff, pipeline):
    """Distinct item keys per record (record order) and a function giving the labels of some keys."""
    if field in ("DE", "ID", "TI", "AB"):
        from ..text import corpus_terms

        terms = corpus_terms(corpus, field, **pipeline)
        return terms.docs, lambda wanted: [terms.cleaner.label(k) for k in wanted]
    if field in ("AU", "SO"):
        if field not in df.columns:
            raise LitkitError(
                f"the corpus has no column {field!r}", expected=f"{THREE_FIELDS[field].lower()} ({field})"
            )
        spellings: defaultdict = defaultdict(Counter)
        docs = []
        for cell in column(df, field):
            values = items(cell) if field == "AU" else [v for v in [text(cell)] if v is not None]
            doc: dict[str, None] = {}
            for value in values:
                k = author_key(value) if field == "AU" else source_key(value)
                spellings[k][str(value).strip()] += 1
                doc.setdefault(k, None)
            docs.append(list(doc))
        named = labels(spellings)
        return docs, lambda wanted: [named[k] for k in wanted]
    n = len(df)
    if field == "AU_CO":
        from ..addresses import country_name

        # bibliometrix's AU_CO: the addresses' countries, the corresponding address's when they name none.
        return record_countries(aff, n), lambda wanted: [country_name(k) for k in wanted]
    # AU_UN: as top_institutions counts them (C3, WoS's enhanced organisation names, left out: it would
    # name one institution twice), grouped by the upper-cased key and shown with the most used spelling.
    if "source_field" in aff.columns:
        aff = aff[~aff["source_field"].isin(["C3"])]
    spellings = defaultdict(Counter)
    docs = []
    for values in units_per_record(aff, "institution", n):
        doc = {}
        for value in values:
            k = key(value)
            spellings[k][value] += 1
            doc.setdefault(k, None)
        docs.append(list(doc))
    named = labels(spellings)
    return docs, lambda wanted: [named[k] for k in wanted]


__all__ = ["three_fields", "field_items", "ThreeFields", "THREE_FIELDS", "NODE_COLUMNS", "LINK_COLUMNS"]
