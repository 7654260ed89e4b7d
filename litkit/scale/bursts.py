"""Yearly item counts and citation bursts of a partitioned corpus, computed with Dask.

The result equals :func:`litkit.bursts.citation_bursts` on the same records.
Per partition, :func:`litkit.bursts.item_events` (keywords, authors) or the same
reference parsing (:attr:`litkit.Corpus.references`) lists the events, and
:func:`litkit.bursts.burst_counts` counts ``r[t]`` per item and ``d[t]`` per slice
(cited journals: :func:`litkit.bursts.counts_from_codes` on integer codes, no
string per citation).  The partial counts are added in groups of eight, each
group with one hash table over its item names and one row-wise add, so the
reduction is linear in the items; the sum is sorted once (code-point order) and
handed to :func:`litkit.bursts.bursts_from_counts`, the same function the
single-machine path ends in.

Three things are corpus-wide rather than per partition, and get a pass of their own:

* **Records that occur in several partitions** (the same ``UT`` exported in two
  files).  With ``counting="records"`` the single-machine path counts such a
  record once; its events are therefore gathered and counted together, in
  partition order, instead of once per partition.
* **The key of a cited reference**: a citation without a DOI or a page takes them from
  the citations of the same work elsewhere in the corpus.  Each partition gives its lending
  tables (:func:`litkit.refs.doi_by_bibliographic_key`, :func:`litkit.refs.page_by_bibliographic_key`),
  they are merged (:func:`litkit.refs.merge_lending`), and every reference is keyed with
  :func:`litkit.refs.unified_key`: the functions :func:`litkit.refs.references_table` and
  :func:`litkit.scale.references` key with, so the items are those of the single-machine path.
* **The label of a cited reference**: the most frequent label among all
  citations carrying the same reference key (ties alphabetical).  The
  (key, label) counts are summed over partitions first.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..bursts import (
    BurstCounts,
    burst_counts,
    bursts_from_counts,
    check_parameters,
    check_years,
    counts_from_codes,
    item_events,
    normalise_journal,
    reference_label,
)
from ..corpus import Corpus
from ..errors import LitkitError
from ..refs import (
    doi_by_bibliographic_key,
    merge_lending,
    page_by_bibliographic_key,
    parser_for_database,
    parser_for_style,
    reference_style,
    table_bibliographic_keys,
    unified_key,
)
from ._dask import compute, constant, persist, sum_counters, tree_reduce, tree_sum

__all__ = ["yearly_counts", "citation_bursts", "annual_production"]


# ---- per partition -------------------------------------------------------------------------------------
def _read_columns(path: str, columns: list[str]):
    """Only ``columns`` of one Parquet partition, as an Arrow table (litkit writes canonical values)."""
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=columns)


def _years_of(table) -> np.ndarray:
    """``PY`` as float (NaN when missing), as ``pd.to_numeric(df["PY"], errors="coerce")`` gives it."""
    return pd.to_numeric(table.column("PY").to_pandas(), errors="coerce").astype("float64").to_numpy()


def _records_and_years(path: str):
    """A partition's record identifiers (hashed) and its range of publication years (``UT`` and ``PY`` only)."""
    table = _read_columns(path, ["UT", "PY"])
    py = _years_of(table)
    py = py[~np.isnan(py)]
    ut = np.asarray(table.column("UT").drop_null().to_pylist(), dtype=object)
    return np.unique(_ut_hashes(ut)), (int(py.min()), int(py.max())) if len(py) else None


def _ut_hashes(values: np.ndarray) -> np.ndarray:
    """64-bit hashes of record identifiers (strings), the same in every process: pandas' SipHash of their UTF-8.

    The driver finds the records exported in several partitions among these hashes instead of
    receiving every ``UT`` string.  Two identifiers with one hash only send both records' events to
    the driver, where they are counted together by their ``UT`` strings: the counts stay exact.
    """
    values = np.asarray(values, dtype=object)
    if len(values) == 0:
        return np.zeros(0, dtype=np.uint64)
    try:
        return pd.util.hash_array(values, categorize=False)
    except UnicodeEncodeError:  # a lone surrogate: the bytes of every value (valid ones hash as their str)
        encoded = np.empty(len(values), dtype=object)
        encoded[:] = [v.encode("utf-8", "surrogatepass") for v in values.tolist()]
        return pd.util.hash_array(encoded, categorize=False)


def _in_shared(ut: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Which of these ``UT`` values (None where missing) are among the shared records' hashes."""
    ut = np.asarray(ut, dtype=object)
    out = np.zeros(len(ut), dtype=bool)
    if len(shared) and len(ut):
        present = ~pd.isna(ut)
        out[present] = np.isin(_ut_hashes(ut[present]), shared)
    return out


def _journal_codes(path: str):
    """Cited-journal events of one partition as integer codes, from its ``UT``, ``PY``, ``DB`` and ``CR`` alone.

    The events of ``item_events(Corpus(df), "cited_journal")`` (:func:`litkit.bursts.item_events`), one
    per citation: each distinct (string, parser) pair is parsed once for its ``source`` only — no
    reference key, which a journal does not need and which is most of
    :func:`litkit.refs.references_table`'s time — and the strings are factorised in Arrow, never held
    as one Python list per record nor as one string per citation.

    Returns
    -------
    ut : numpy.ndarray of object
        ``UT`` of each record (None where missing).
    years : numpy.ndarray of float
        ``PY`` of each record (NaN where missing).
    record : numpy.ndarray of int
        The citing record (row) of each citation.
    item_code : numpy.ndarray of int
        Index into ``names`` of each citation's journal; -1 where it names none.
    names : numpy.ndarray of object
        Distinct normalised journal names (none empty).
    """
    import pyarrow.compute as pac

    table = _read_columns(path, ["UT", "PY", "DB", "CR"])
    cr = table.column("CR").combine_chunks()
    lengths = pac.list_value_length(cr).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    record = np.repeat(np.arange(len(cr), dtype=np.int64), lengths)
    encoded = pac.list_flatten(cr).dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    strings = encoded.dictionary.to_pylist()

    parsers: list = []
    parser_ids: dict = {}

    def parser_id(parser) -> int:
        if parser not in parser_ids:
            parser_ids[parser] = len(parsers)
            parsers.append(parser)
        return parser_ids[parser]

    by_db = {}
    record_parser = np.empty(len(cr), dtype=np.int64)
    for i, db in enumerate(table.column("DB").to_pylist()):
        if db not in by_db:
            p = parser_for_database(db)
            by_db[db] = parser_id(p) if p is not None else -1
        record_parser[i] = by_db[db]
    ref_parser = record_parser[record]
    undecided = np.flatnonzero(ref_parser < 0)
    if len(undecided):  # references of merged records: the style of each string
        style_of = {}
        for c in np.unique(codes[undecided]).tolist():
            style_of[c] = parser_id(parser_for_style(reference_style(strings[c])))
        ref_parser[undecided] = [style_of[c] for c in codes[undecided].tolist()]

    n_parsers = max(len(parsers), 1)
    pair, inverse = np.unique(codes * n_parsers + ref_parser, return_inverse=True)
    journal_of: dict = {}
    journals = np.empty(len(pair), dtype=object)
    for j, (c, p) in enumerate(zip((pair // n_parsers).tolist(), (pair % n_parsers).tolist())):
        source = parsers[p](strings[c]).get("source")
        if source not in journal_of:
            journal_of[source] = normalise_journal(source)
        journals[j] = journal_of[source]
    # Journals as codes: pairs naming no journal (None, or the empty name item_events drops) get -1.
    journals[journals == ""] = None
    journal_code, names = pd.factorize(journals) if len(pair) else (np.zeros(0, np.int64), np.empty(0, object))
    item_code = journal_code[inverse.ravel()].astype(np.int64) if len(pair) else np.zeros(0, np.int64)
    ut = table.column("UT").to_numpy(zero_copy_only=False)
    return ut, _years_of(table), record, item_code, np.asarray(names, dtype=object)


def _journal_counts(path: str, shared: np.ndarray, period, slice_years, counting):
    """A partition's cited-journal counts, straight from integer codes, and the raw events of shared records.

    Equal to ``_partition_counts`` on the partition's events frame (``burst_counts`` after
    ``_finish``): the same events are kept (a year and a non-empty journal), and records are
    told apart by ``UT`` as :func:`litkit.bursts.burst_counts` does; only no string is made per citation.
    """
    ut, years, record, item_code, names = _journal_codes(path)
    year = years[record]
    keep = (item_code >= 0) & ~np.isnan(year)
    record_code = pd.factorize(ut, use_na_sentinel=False)[0][record] if len(ut) else record
    in_shared = _in_shared(ut, shared)[record]
    mine = keep & ~in_shared
    counts = counts_from_codes(
        year[mine].astype(np.int64), item_code[mine], names, record_code[mine], period, slice_years, counting
    )
    theirs = keep & in_shared
    shared_events = pd.DataFrame(
        {
            "record": pd.Series(ut[record[theirs]], dtype=object),
            "year": year[theirs].astype(np.int64),
            "item": pd.Series(names[item_code[theirs]], dtype=object),
        }
    )
    return counts, shared_events


def _partition_events(df: pd.DataFrame, kind: str, field: str, thesaurus):
    """Events of one partition.

    Cited references: the parsed references (``record, year, doi, bib, named,
    label``) and this partition's lending tables (DOI and page,
    :func:`litkit.refs.doi_by_bibliographic_key` and :func:`litkit.refs.page_by_bibliographic_key`),
    because the key of a reference without a DOI or a page depends on the references cited
    elsewhere in the corpus.
    """
    corpus = Corpus(df)
    if kind != "cited_reference":
        return item_events(corpus, kind=kind, field=field, thesaurus=thesaurus), ({}, {})
    refs = corpus.references.reset_index(drop=True)
    bib = _bibliographic(refs)
    frame = pd.DataFrame(
        {
            "record": refs["UT"].astype(object),
            "year": pd.to_numeric(refs["PY"], errors="coerce"),
            "doi": refs["doi"].astype(object),
            "bib": pd.Series(bib, dtype=object),
            # litkit.refs.references_table's rule: a reference names a work when it has an author or a source
            "named": [bool(a or s) for a, s in zip(refs["author"].tolist(), refs["source"].tolist())],
            "label": _labels_once(refs),
        }
    )
    rows = zip(bib, refs["doi"].tolist(), refs["source"].tolist(), refs["volume"].tolist(), refs["page"].tolist())
    return frame, (doi_by_bibliographic_key(rows), page_by_bibliographic_key(bib))


def _bibliographic(refs: pd.DataFrame) -> list[str]:
    """:func:`litkit.refs.bibliographic_key` of every row (a page-less CSSCI / GB/T row keyed by its issue)."""
    return table_bibliographic_keys(refs)


def _labels_once(refs: pd.DataFrame) -> np.ndarray:
    """:func:`litkit.bursts.reference_label` of every row, computed once per distinct row.

    The label is a function of the row's own fields, and a corpus cites the same
    work many times: labelling the distinct rows and mapping back gives the same
    labels for a fraction of the work.
    """
    columns = [c for c in ("author", "year", "source", "volume", "page", "raw") if c in refs.columns]
    rows = list(zip(*(refs[c].tolist() for c in columns)))
    index: dict = {}
    codes = np.fromiter((index.setdefault(r, len(index)) for r in rows), dtype=np.int64, count=len(rows))
    distinct = pd.DataFrame(list(index), columns=columns)
    if "year" in distinct.columns:
        distinct["year"] = pd.array(distinct["year"].tolist(), dtype="Int64")
    labels = reference_label(distinct).to_numpy(dtype=object)
    return labels[codes] if len(codes) else np.empty(0, dtype=object)


def _merge_lending(a: tuple, b: tuple) -> tuple:
    """A key lends a DOI or a page only when every partition saw the same single one."""
    return merge_lending(a[0], b[0]), merge_lending(a[1], b[1])


def _keyed(part, lending: tuple):
    """Cited-reference events keyed as :func:`litkit.refs.references_table` keys them, and (key, label) counts.

    The key is :func:`litkit.refs.unified_key` with the corpus-wide lending tables: the one rule
    of the single-machine table (and of :func:`litkit.scale.references`), not a copy of it.
    """
    frame = part[0]
    doi_of_bib, page_of_bib = lending
    keys = [
        unified_key(bib, doi, named, doi_of_bib, page_of_bib)
        for doi, bib, named in zip(frame["doi"].tolist(), frame["bib"].tolist(), frame["named"].tolist())
    ]
    key = pd.Series(keys, dtype=object)
    key = key.where(key != "", None)  # the empty key identifies no work
    tab = pd.DataFrame({"key": key, "label": frame["label"]}).dropna()
    tab = tab[tab["label"] != ""]
    pairs = Counter(zip(tab["key"].tolist(), tab["label"].tolist()))
    events = pd.DataFrame({"record": frame["record"], "year": frame["year"], "item": key})
    return events, pairs


def _best_labels(pairs: Counter) -> dict:
    """One label per reference key: the most frequent, ties broken alphabetically."""
    best: dict = {}
    for (key, label), _n in sorted(pairs.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        best.setdefault(key, label)
    return best


def _finish(events: pd.DataFrame, labels: dict | None) -> pd.DataFrame:
    """The last lines of item_events: label keys, drop empty items and years."""
    events = events.copy()
    if labels is not None:
        events["item"] = events["item"].map(labels)
    events = events.dropna(subset=["year", "item"])
    events = events[events["item"] != ""]
    events["year"] = events["year"].astype(np.int64)
    return events.reset_index(drop=True)


def _partition_counts(part, labels, shared: np.ndarray, period, slice_years, counting):
    """Counts of the records found only in this partition, and the raw events of shared records."""
    events = _finish(part[0], labels)
    in_shared = _in_shared(events["record"].to_numpy(dtype=object), shared)
    counts = burst_counts(events[~in_shared], period, slice_years=slice_years, counting=counting)
    return counts, events[in_shared]


def _year_database_counts(path: str) -> Counter:
    """(PY, DB) -> records of one partition (``PY`` and ``DB`` only; None where missing)."""
    table = _read_columns(path, ["PY", "DB"])
    py = [None if y != y else int(y) for y in _years_of(table).tolist()]
    return Counter(zip(py, table.column("DB").to_pylist()))


# ---- reduce ------------------------------------------------------------------------------------------------
def _sum_counts(parts) -> BurstCounts:
    """Sum of partial counts, items in order of first appearance (not sorted; see :func:`_sorted_counts`).

    Item names are integer-coded with one hash table over all the parts' names (``pd.factorize``)
    and each part's rows added where its names landed: linear in the items of the parts.  Sorting the union of
    the names at every merge (Python string comparisons, and ``searchsorted`` on object arrays) made
    each level of the tree cost more than its share.  The counts are whole numbers, so the sums are
    exact in any order.
    """
    parts = list(parts)
    n = len(parts[0].D)
    D = parts[0].D.copy()
    for p in parts[1:]:
        D = D + p.D
    full = [p for p in parts if len(p.items)]
    if not full:
        return BurstCounts(
            np.empty(0, dtype=object),
            parts[0].slice_start,
            parts[0].slice_end,
            np.zeros((0, n)),
            D,
            np.zeros(0, dtype=np.int64),
        )
    names = np.concatenate([np.asarray(p.items, dtype=object) for p in full])
    code, items = pd.factorize(names)
    R = np.zeros((len(items), n))
    first = np.full(len(items), np.iinfo(np.int64).max, dtype=np.int64)
    start = 0
    for p in full:
        # A part's items are distinct, so its rows land on distinct rows: plain fancy-indexed adds
        # (no per-cell index array, no ufunc.at), touching each row of the part once.
        rows = code[start : start + len(p.items)]
        start += len(p.items)
        R[rows] += p.R
        first[rows] = np.minimum(first[rows], p.first_year)
    return BurstCounts(np.asarray(items, dtype=object), parts[0].slice_start, parts[0].slice_end, R, D, first)


def _sorted_counts(counts: BurstCounts) -> BurstCounts:
    """Items in code-point order, as :func:`litkit.bursts.burst_counts` gives them (one sort, at the end)."""
    order = _code_point_order(counts.items)
    return counts._replace(items=counts.items[order], R=counts.R[order], first_year=counts.first_year[order])


def _code_point_order(names: np.ndarray) -> np.ndarray:
    """Indices that sort distinct strings by code point, as Python's ``sorted`` does.

    Arrow sorts their UTF-8 bytes in C++, and UTF-8 byte order is code-point order: the same
    order as comparing the Python strings, several times faster on millions of cited references.
    A string that is no valid UTF-8 (a lone surrogate) falls back to the Python comparison.
    """
    if len(names) == 0:
        return np.zeros(0, dtype=np.int64)
    import pyarrow as pa
    import pyarrow.compute as pac

    try:
        strings = pa.array(names, type=pa.large_string())
    except (pa.ArrowException, UnicodeEncodeError):
        return np.argsort(names, kind="stable")
    return pac.sort_indices(strings).to_numpy().astype(np.int64)


def _combine_partials(*parts):
    """Many (counts, shared events) partials in one: counts summed, shared events concatenated in order."""
    return _sum_counts([p[0] for p in parts]), pd.concat([p[1] for p in parts], ignore_index=True)


def _period_of(ranges, years) -> tuple[int, int]:
    if years is not None:
        return check_years(years)
    ranges = [r for r in ranges if r is not None]
    if not ranges:
        raise LitkitError("no record has a publication year, so there are no time slices", expected="records with PY")
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


# ---- public ------------------------------------------------------------------------------------------------
def yearly_counts(
    pc,
    kind: str = "cited_journal",
    *,
    field: str = "DE",
    years=None,
    slice_years: int = 1,
    counting: str = "records",
    thesaurus="default",
    client=None,
) -> tuple[BurstCounts, tuple[int, int]]:
    """``r[t]`` per item and ``d[t]`` per slice over a partitioned corpus, and the period.

    Equal to ``burst_counts(item_events(corpus, kind, field, thesaurus), period, slice_years, counting)``
    on the whole corpus (see :func:`litkit.bursts.burst_counts`).

    Examples
    --------
    >>> counts, period = litkit.scale.yearly_counts(pc, "cited_journal")   # doctest: +SKIP
    >>> pd.DataFrame(counts.R, index=counts.items, columns=counts.slice_start)   # doctest: +SKIP
    """
    import dask

    from ..bursts import KINDS

    if kind not in KINDS:
        raise LitkitError(f"unknown kind {kind!r}", expected=" or ".join(KINDS))
    paths = [str(p) for p in pc.partitions]
    meta = compute([dask.delayed(_records_and_years)(p) for p in paths], client)
    period = _period_of([m[1] for m in meta], years)
    # Records exported in several partitions, as hashes of their UT (each partition's distinct ones).
    hashes, times = np.unique(np.concatenate([m[0] for m in meta]), return_counts=True)
    shared = constant(hashes[times > 1])
    del meta, hashes, times

    if kind in ("cited_journal", "cited_reference"):
        needed = ["UT", "PY", "DB", "CR"]
    else:
        needed = ["UT", "PY", "AU" if kind == "author" else field]
    if kind == "cited_journal":
        # The lean path: only the source of each distinct reference string, counted from integer codes.
        partials = [dask.delayed(_journal_counts)(p, shared, period, slice_years, counting) for p in paths]
        return _reduce_partials(partials, period, slice_years, counting, client), period
    events = [dask.delayed(_partition_events)(f, kind, field, thesaurus) for f in pc.delayed_frames(needed)]
    labels = None
    if kind == "cited_reference":
        # The parsed references stay on the workers for the next two passes; the corpus-wide
        # tables (DOI and page lending, labels) are reduced and used inside the graph, never on the driver.
        events = persist(events, client)
        lending = tree_sum([dask.delayed(lambda e: e[1])(e) for e in events], _merge_lending)
        events = persist([dask.delayed(_keyed)(e, lending) for e in events], client)
        pairs = tree_reduce([dask.delayed(lambda e: e[1])(e) for e in events], sum_counters)
        labels = dask.delayed(_best_labels)(pairs)
    partials = [dask.delayed(_partition_counts)(e, labels, shared, period, slice_years, counting) for e in events]
    return _reduce_partials(partials, period, slice_years, counting, client), period


def _reduce_partials(partials, period, slice_years, counting, client) -> BurstCounts:
    """The partitions' counts added up (the events of shared records counted together at the end), sorted."""
    counts, shared_events = compute(tree_reduce(partials, _combine_partials), client)
    if len(shared_events):
        counts = _sum_counts([counts, burst_counts(shared_events, period, slice_years=slice_years, counting=counting)])
    return _sorted_counts(counts)


def citation_bursts(
    pc,
    kind: str = "cited_journal",
    top: int | None = 20,
    s: float = 2,
    gamma: float = 1,
    min_duration: int = 1,
    slice_years: int = 1,
    field: str = "DE",
    years: tuple[int, int] | None = None,
    counting: str = "records",
    thesaurus="default",
    client=None,
) -> pd.DataFrame:
    """Strongest bursts of a partitioned corpus; the table of :func:`litkit.bursts.citation_bursts`.

    Parameters are those of :func:`litkit.bursts.citation_bursts`, plus
    ``client`` (default: Dask's current scheduler).

    Examples
    --------
    >>> litkit.scale.citation_bursts(pc, "cited_journal", top=20, client=client)   # doctest: +SKIP
    """
    check_parameters(s, gamma, min_duration)
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise LitkitError(f"top must be a positive whole number or None, got {top!r}")
    counts, period = yearly_counts(
        pc,
        kind,
        field=field,
        years=years,
        slice_years=slice_years,
        counting=counting,
        thesaurus=thesaurus,
        client=client,
    )
    table = bursts_from_counts(counts, period, s=s, gamma=gamma, min_duration=min_duration, top=top)
    if kind == "keyword" and len(table):
        table = _with_keyword_labels(pc, table, field, thesaurus, client)
    table.attrs.update(
        kind=kind,
        s=s,
        gamma=gamma,
        min_duration=min_duration,
        slice_years=slice_years,
        field=field,
        counting=counting,
        period=list(period),
    )
    return table


def _with_keyword_labels(pc, table: pd.DataFrame, field: str, thesaurus, client) -> pd.DataFrame:
    """The ``label`` column of :func:`litkit.bursts.citation_bursts`: the keyword map's label of each key.

    Labels are the most frequent surface forms over the whole corpus, so the field's raw keywords
    (one column, each record once) are cleaned on the driver, as :func:`litkit.text.corpus_terms` does.
    """
    from ..text import corpus_terms

    frames = compute(pc.delayed_frames(["UT", field]), client)
    df = pd.concat(frames, ignore_index=True).drop_duplicates("UT", keep="first").reset_index(drop=True)
    cleaner = corpus_terms(Corpus(df), field, thesaurus=thesaurus).cleaner
    table = table.copy()
    table.insert(1, "label", [cleaner.label(k) for k in table["item"].astype(object)])
    return table


def annual_production(pc, years: tuple[int, int] | None = None, databases=None, *, client=None) -> pd.DataFrame:
    """Records per publication year and database of a partitioned corpus; the table of
    :func:`litkit.timelines.annual_production`.

    Each partition reads only ``PY`` and ``DB`` and counts its records per (year, database);
    the driver adds the counts and builds the table from them with the single-machine function.

    Parameters
    ----------
    pc : PartitionedCorpus
    years, databases
        As in :func:`litkit.timelines.annual_production`.
    client : dask.distributed.Client, optional
        Where to run (default: Dask's current scheduler).

    Returns
    -------
    pandas.DataFrame
        Equal to ``litkit.timelines.annual_production(pc.to_corpus(), years, databases)``.

    Examples
    --------
    >>> litkit.scale.annual_production(pc, client=client)   # doctest: +SKIP
    """
    from types import SimpleNamespace

    import dask

    from ..timelines import annual_production as build

    counts = compute(
        tree_sum([dask.delayed(_year_database_counts)(str(p)) for p in pc.partitions], lambda a, b: a + b), client
    )
    # The table depends on the records only through their (PY, DB) pairs: one row per record rebuilt
    # from the counts (sorted, so the same on every run) goes through the single-machine function.
    pairs = sorted(counts.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, kv[0][1] is None, kv[0][1] or ""))
    n = np.asarray([c for _, c in pairs], dtype=np.int64)
    py = np.repeat(np.asarray([k[0] for k, _ in pairs], dtype=object), n)
    db = np.repeat(np.asarray([k[1] for k, _ in pairs], dtype=object), n)
    frame = pd.DataFrame({"PY": pd.array(py.tolist(), dtype="Int64"), "DB": pd.Series(db, dtype=object)})
    return build(SimpleNamespace(df=frame), years=years, databases=databases)
