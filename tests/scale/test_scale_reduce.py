"""The linear reductions of litkit.scale: partial counts added up in groups equal the single-process counts.

litkit.scale.bursts adds the partitions' burst counts with one hash table and one ``bincount`` per
group (items integer-coded, sorted once at the end) and counts cited journals per partition straight
from integer codes; litkit.scale.network adds keyword Counters in place.  These tests split real
exports into partitions (several groupings of the tree, records shared between partitions) and
compare the reduced counts with what one process computes on the whole corpus.
"""

from __future__ import annotations

from collections import Counter

import dask
import numpy as np
import pandas as pd
import pytest

import litkit
import litkit.scale as scale
import litkit.scale.bursts as scale_bursts
import litkit.scale.network as scale_network
from litkit.bursts import burst_counts, item_events

pytest.importorskip("dask")

EXPORTS = (
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-savedrecs-alt/savedrecs_1.txt",  # no cited references: a partition with no item
    "wos-plaintext-environment/r-tos_savedrecs.txt",
    "wos-plaintext-metaknowledge/ManyAuthors.isi",
    "scopus-csv/scopus_testing.csv.scopus",
    "cssci/DataSet_CSSCI.txt",
)


@pytest.fixture(scope="module")
def exports(shared_corpora, tmp_path_factory):
    """The real exports in one process, and ingested one file per partition (Dask's local threads)."""
    paths = [shared_corpora / name for name in EXPORTS]
    with dask.config.set(scheduler="sync"):
        pc = scale.ingest(paths, tmp_path_factory.mktemp("reduce-parts"), files_per_partition=1)
    return litkit.read(paths, progress=False), pc


def _period(corpus) -> tuple[int, int]:
    years = pd.to_numeric(corpus.df["PY"], errors="coerce").dropna()
    return int(years.min()), int(years.max())


def _assert_equal_counts(got, expected):
    assert got.items.tolist() == expected.items.tolist()  # code-point order, as burst_counts sorts
    assert np.array_equal(got.R, expected.R)
    assert np.array_equal(got.D, expected.D)
    assert np.array_equal(got.first_year, expected.first_year)
    assert np.array_equal(got.slice_start, expected.slice_start)


@pytest.mark.parametrize("counting", ["records", "citations"])
def test_journal_counts_of_each_partition_equal_the_single_process_counts(exports, counting):
    """Counted from integer codes, a partition's cited journals are burst_counts of its item_events."""
    corpus, pc = exports
    period = _period(corpus)
    assert len(pc.partitions) == len(EXPORTS)
    items = []
    for path in pc.partitions:
        part = litkit.Corpus.read_parquet(path)
        expected = burst_counts(item_events(part, "cited_journal"), period, counting=counting)
        got, shared_events = scale_bursts._journal_counts(str(path), np.zeros(0, np.uint64), period, 1, counting)
        _assert_equal_counts(got, expected)
        assert shared_events.empty
        items.append(len(got.items))
    assert items[1] == 0 and min(items[:1] + items[2:]) > 0


@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference"])
@pytest.mark.parametrize("split_every", [2, 3, 8])
def test_tree_of_partial_counts_equals_the_whole_corpus(exports, kind, split_every):
    """Events cut into 7 partitions, 20 records of each cut in two partitions: the tree's sum is the whole."""
    corpus, _ = exports
    period = _period(corpus)
    events = item_events(corpus, kind)
    expected = burst_counts(events, period)
    assert len(expected.items) > 100
    records = corpus.df["UT"].tolist()
    cuts = np.linspace(0, len(records), 8).astype(int)
    shared = set()
    chunks = []
    for a, b in zip(cuts[:-1], cuts[1:]):
        mine = set(records[a : min(b + 20, len(records))])  # the next partition's first 20 records too
        shared |= set(records[b : min(b + 20, len(records))])
        chunks.append(events[events["record"].isin(mine)])
    assert shared
    partials = []
    for chunk in chunks:
        in_shared = chunk["record"].isin(shared)
        partials.append((burst_counts(chunk[~in_shared], period), chunk[in_shared].reset_index(drop=True)))
    delayed = [dask.delayed(p, traverse=False) for p in partials]
    with dask.config.set(scheduler="sync"):
        node = scale_bursts.tree_reduce(delayed, scale_bursts._combine_partials, split_every=split_every)
        counts, shared_events = dask.compute(node)[0]
    # The shared records' events, gathered from every partition, are counted once, as on the driver.
    assert set(shared_events["record"]) == shared & set(events["record"])
    whole = scale_bursts._sorted_counts(scale_bursts._sum_counts([counts, burst_counts(shared_events, period)]))
    _assert_equal_counts(whole, expected)


def test_combined_keyword_counters_equal_the_whole_corpus(exports):
    """Keyword occurrences and (key, cluster) counts added in place equal one Counter over all records."""
    corpus, _ = exports
    docs = [sorted(set(k)) for k in corpus.df["DE"]]
    parts = [docs[i : i + 97] for i in range(0, len(docs), 97)]
    occurrences = [(Counter(k for d in p for k in d), len(p), sum(1 for d in p if d)) for p in parts]
    occ, n, with_terms = scale_network._combine_occurrences(*occurrences)
    assert occ == Counter(k for d in docs for k in d)
    assert (n, with_terms) == (len(docs), sum(1 for d in docs if d))
    labelled = [(Counter((k, len(d) % 3) for d in p for k in d), Counter(len(d) % 3 for d in p)) for p in parts]
    pairs, per_cluster = scale_network._combine_counters(*labelled)
    assert pairs == Counter((k, len(d) % 3) for d in docs for k in d)
    assert per_cluster == Counter(len(d) % 3 for d in docs)
    # The inputs are left as they were (a worker may still hold them for another pass).
    assert occurrences[0][0] == Counter(k for d in parts[0] for k in d)


def test_items_sorted_once_in_python_code_point_order(exports):
    """Arrow's sort of the reduced items is Python's ``sorted``: real cited references, and the hard cases."""
    corpus, _ = exports
    names = item_events(corpus, "cited_reference")["item"].dropna().unique()
    # Beyond the BMP sorts after U+E000..U+FFFF in code points (UTF-16 order would put it before).
    hard = ["\ue000", "\uffff", "\U0001f600", "\U00010000", "a\x00", "a", "", "Ä", "Z", "中文", "ａ"]
    for strings in (names, np.array(hard, dtype=object), np.array(["b", "a\ud800", "a"], dtype=object)):
        strings = np.asarray(strings, dtype=object)
        assert strings[scale_bursts._code_point_order(strings)].tolist() == sorted(strings.tolist())


def test_records_wrongly_taken_as_shared_are_still_counted_once(exports):
    """Shared records are found by UT hashes; a collision only sends records to the driver's pool.

    Two partitions' records all marked shared (what colliding hashes would do): the partitions' counts
    plus the pool's counts are still the single-process counts of the whole corpus.
    """
    corpus, pc = exports
    period = _period(corpus)
    expected = burst_counts(item_events(corpus, "cited_journal"), period)
    for marked in ([], [0, 2], list(range(len(pc.partitions)))):
        uts = [litkit.Corpus.read_parquet(pc.partitions[i]).df["UT"].to_numpy(dtype=object) for i in marked]
        shared = np.unique(scale_bursts._ut_hashes(np.concatenate(uts))) if uts else np.zeros(0, np.uint64)
        partials = [scale_bursts._journal_counts(str(p), shared, period, 1, "records") for p in pc.partitions]
        counts, pool = scale_bursts._combine_partials(*partials)
        assert len(pool) == 0 if not marked else len(pool) > 0
        if len(pool):
            counts = scale_bursts._sum_counts([counts, burst_counts(pool, period)])
        _assert_equal_counts(scale_bursts._sorted_counts(counts), expected)


def test_ut_hashes_are_the_same_whatever_else_is_hashed():
    """A lone surrogate makes pandas hash bytes instead; the other identifiers keep their hashes."""
    alone = scale_bursts._ut_hashes(np.array(["WOS:000123", "ÄÖ"], dtype=object))
    with_bad = scale_bursts._ut_hashes(np.array(["WOS:000123", "x\ud800", "ÄÖ"], dtype=object))
    assert with_bad[[0, 2]].tolist() == alone.tolist()
    assert len(set(with_bad.tolist())) == 3
    shared = alone[:1]
    assert scale_bursts._in_shared(np.array([None, "ÄÖ", "WOS:000123"], dtype=object), shared).tolist() == [
        False,
        False,
        True,
    ]
