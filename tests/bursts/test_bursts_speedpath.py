"""The burst table's fast path (issue 23) gives exactly the table of the general path.

* :func:`litkit.bursts.can_burst` never drops an item that the exact dynamic programme finds bursting
  (checked against the plain-Python :func:`litkit.bursts.kleinberg`, item by item);
* :func:`litkit.bursts.counts_from_codes` on :func:`litkit.bursts.cited_item_codes` equals
  :func:`litkit.bursts.burst_counts` on :func:`litkit.bursts.item_events` (real exports, every database);
* :func:`litkit.citation_bursts` for cited journals and references (fast path) equals
  :func:`litkit.bursts.bursts_from_events` on :func:`litkit.bursts.item_events` (general path).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from litkit.bursts import (
    burst_counts,
    bursts_from_events,
    can_burst,
    citation_bursts,
    cited_item_codes,
    counts_from_codes,
    item_events,
    kleinberg,
    kleinberg_many,
)
from litkit.refs import cited_issue


def _bursting_items(R, D, s, gamma):
    """Items with at least one burst, by the one-item reference implementation."""
    return {i for i in range(len(R)) if len(kleinberg(R[i], D, s=s, gamma=gamma))}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("s", "gamma"), [(2.0, 1.0), (1.5, 0.5), (3.0, 2.0), (1.05, 0.1), (2.0, 0.0)])
def test_can_burst_never_drops_a_bursting_item(seed, s, gamma):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 25))
    D = rng.integers(5, 60, size=n).astype(float)
    # Mostly rare items (the case the shortcut is for), some frequent and some planted bursts.
    m = 150
    p = rng.choice([0.005, 0.02, 0.1, 0.5], size=m)
    R = rng.binomial(D.astype(int)[None, :].repeat(m, 0), p[:, None]).astype(float)
    R[: m // 10, n // 2 :] = np.minimum(D[n // 2 :], R[: m // 10, n // 2 :] + 3)
    mask = can_burst(R.sum(axis=1), D.sum(), n, s, gamma)
    bursting = _bursting_items(R, D, s, gamma)
    assert bursting <= set(np.flatnonzero(mask).tolist())
    # The shortcut matters: rare items are dropped (unless entering a burst is free).
    if gamma > 0:
        assert (~mask).sum() > 0
    # kleinberg_many (which uses the shortcut) finds exactly the bursts of the one-item solver.
    found = kleinberg_many(R, D, s=s, gamma=gamma)
    expected = [
        (i, int(a), int(b), w)
        for i in range(m)
        for a, b, w in kleinberg(R[i], D, s=s, gamma=gamma)[["start", "end", "weight"]].itertuples(index=False)
    ]
    assert [(int(i), int(a), int(b)) for i, a, b in found[["item", "start", "end"]].itertuples(index=False)] == [
        e[:3] for e in expected
    ]
    np.testing.assert_allclose(found["weight"].to_numpy(), [e[3] for e in expected], rtol=1e-12, atol=1e-12)


def test_can_burst_bound_by_hand():
    # n = 10 slices, gamma = 1: a burst must gain more than ln 10 = 2.303; with s = 2 an item gains at
    # most sum(r) ln 2 = 0.693 sum(r), so 3 events (2.08) cannot pay for one burst and 4 (2.77) might.
    total_d = 1000.0
    mask = can_burst([0, 1, 3, 4, 40], total_d, 10, s=2, gamma=1)
    assert mask.tolist() == [False, False, False, True, True]
    assert 3 * math.log(2) < math.log(10) < 4 * math.log(2)
    # p1 is capped at 0.99999: an item in (almost) every event keeps the full model.
    assert can_burst([1000.0], total_d, 10, s=2, gamma=1).tolist() == [True]


def test_kleinberg_many_with_no_hopeful_item():
    found = kleinberg_many([[0, 1, 0], [1, 0, 0]], [10, 10, 10])
    assert found.empty and list(found.columns) == ["item", "start", "end", "weight"]


def test_counts_from_codes_equals_burst_counts_on_a_made_up_frame():
    ev = pd.DataFrame(
        {
            "record": ["a", "a", "b", "c", "c", "d", None, None],
            "year": [2000, 2000, 2001, 2001, 2001, 2003, 2002, 2002],
            "item": ["X", "X", "X", "Y", "Z", "Y", "Z", "Y"],
        }
    )
    for counting in ("records", "citations"):
        for period in ((2000, 2003), (2001, 2002)):
            old = burst_counts(ev, period, slice_years=1, counting=counting)
            codes, names = pd.factorize(ev["item"])
            records = pd.factorize(ev["record"].to_numpy(dtype=object), use_na_sentinel=False)[0]
            new = counts_from_codes(
                ev["year"].to_numpy(), codes, names.to_numpy(dtype=object), records, period, 1, counting
            )
            _assert_counts_equal(old, new)


def _assert_counts_equal(old, new):
    assert old.items.tolist() == new.items.tolist()
    for name in ("slice_start", "slice_end", "R", "D", "first_year"):
        np.testing.assert_array_equal(getattr(old, name), getattr(new, name), err_msg=name)


@pytest.fixture(scope="module")
def real_corpora(shared_corpora):
    """Real exports of four databases, read once for the module."""
    import litkit

    return [
        (folder, litkit.read(shared_corpora / folder))
        for folder in ("wos-plaintext-environment", "cnki-refworks", "scopus-csv", "cssci")
        if (shared_corpora / folder).exists()
    ]


@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference"])
def test_cited_codes_and_fast_table_equal_the_general_path(real_corpora, kind):
    checked = 0
    for folder, corpus in real_corpora:
        events = item_events(corpus, kind=kind)
        if len(events) == 0:
            continue
        py = pd.to_numeric(corpus.df["PY"], errors="coerce").dropna()
        period = (int(py.min()), int(py.max()))
        year, item_code, names, record_code = cited_item_codes(corpus, kind)
        assert len(year) == len(events), folder
        assert names[item_code].tolist() == events["item"].tolist(), folder
        assert year.tolist() == events["year"].tolist(), folder
        for counting in ("records", "citations"):
            for slice_years in (1, 3):
                old = burst_counts(events, period, slice_years=slice_years, counting=counting)
                new = counts_from_codes(year, item_code, names, record_code, period, slice_years, counting)
                _assert_counts_equal(old, new)
        for options in ({}, {"s": 1.5, "gamma": 0.5, "top": None, "counting": "citations", "slice_years": 2}):
            fast = citation_bursts(corpus, kind=kind, **options)
            general = bursts_from_events(events, period, **options)
            pd.testing.assert_frame_equal(fast.reset_index(drop=True), general.reset_index(drop=True), check_exact=True)
        checked += 1
    assert checked >= 2


def _reference_label_value_by_value(refs):
    """reference_label as first written: every value normalised on its own."""
    import unicodedata

    def _normalise_text(value):
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            return None
        return " ".join(unicodedata.normalize("NFKC", str(value)).split()) or None

    def part(col, prefix=""):
        if col not in refs.columns:
            return pd.Series([""] * len(refs), index=refs.index)
        return refs[col].map(lambda v: f"{prefix}{_normalise_text(v)}" if _normalise_text(v) else "")

    pieces = [part("author"), part("year"), part("source"), part("volume", "V"), part("page", "P")]
    # a page-less CSSCI / GB/T journal reference shows its issue (its key's: litkit.refs.cited_issue)
    issues = [cited_issue(raw) if not page else None for raw, page in zip(refs["raw"], pieces[4])]
    pieces[3] = [f"{v}({i})" if i else v for v, i in zip(pieces[3], issues)]
    label = pd.Series([", ".join(p for p in row if p) for row in zip(*pieces)], index=refs.index)
    return label.where(label != "", refs["raw"].map(_normalise_text))


def test_reference_label_equals_the_value_by_value_labels(real_corpora):
    from litkit.bursts import reference_label

    for folder, corpus in real_corpora:
        refs = corpus.references
        if refs is None or len(refs) == 0:
            continue
        assert reference_label(refs).tolist() == _reference_label_value_by_value(refs).tolist(), folder


def _items_by_brute_force(refs):
    """The item of each reference by definition: its key's most frequent label (ties: code-point order)."""
    from litkit.bursts import reference_label

    label = reference_label(refs).to_numpy(dtype=object)
    key = refs["key"].to_numpy(dtype=object)
    best = {}
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays([key, label])).groupby(level=[0, 1]).sum()
    for (k, lab), n in counts.items():
        if k == "" or k is None or lab == "" or lab is None:
            continue
        if k not in best or (-n, lab) < (-best[k][1], best[k][0]):
            best[k] = (lab, n)
    return [best[k][0] if k in best else None for k in key]


def test_reference_items_by_definition(real_corpora):
    """cited_item_codes' items against a brute-force count, on real exports and with a string whose
    parsed fields differ between rows (the one-pass row coding must notice and fall back)."""
    checked = 0
    for folder, corpus in real_corpora:
        refs = corpus.references
        if refs is None or len(refs) == 0:
            continue
        year, item_code, names, _ = cited_item_codes(corpus, "cited_reference")
        expected = [i for i, y in zip(_items_by_brute_force(refs), pd.to_numeric(refs["PY"])) if i and pd.notna(y)]
        assert names[item_code].tolist() == expected, folder
        # Plant a row whose string equals another's but whose parsed source differs, and one whose
        # parsed fields equal another's but whose key differs (both one-pass shortcuts must step aside).
        fields = ["raw", "author", "year", "source", "volume", "page"]
        for plant in ("source", "key"):
            planted = refs.copy()
            first, second = planted.index[0], planted.index[1]
            planted.loc[second, fields + ["key"]] = planted.loc[first, fields + ["key"]]
            planted.loc[second, plant] = "PLANTED"

            class Planted:
                df = corpus.df
                references = planted

            year, item_code, names, _ = cited_item_codes(Planted(), "cited_reference")
            expected = [
                i for i, y in zip(_items_by_brute_force(planted), pd.to_numeric(planted["PY"])) if i and pd.notna(y)
            ]
            assert names[item_code].tolist() == expected, (folder, plant)
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference"])
def test_distinct_reference_path_equals_the_table_path(real_corpora, kind):
    """A Corpus goes through litkit.refs.distinct_references; anything with .df and .references through the
    references table: the same events."""
    checked = 0
    for folder, corpus in real_corpora:

        class TableOnly:
            df = corpus.df
            references = corpus.references

        fast = cited_item_codes(corpus, kind)
        table = cited_item_codes(TableOnly(), kind)
        if len(table[0]) == 0:
            continue
        np.testing.assert_array_equal(fast[0], table[0], err_msg=folder)
        assert fast[2][fast[1]].tolist() == table[2][table[1]].tolist(), folder
        np.testing.assert_array_equal(fast[3], table[3], err_msg=folder)
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference"])
def test_gathered_corpus_without_cr_uses_its_gathered_references(demo_dir, kind):
    """litkit.scale.GatheredCorpus is a Corpus whose .df may leave out CR: its events come from the
    gathered references table (the distinct-reference path on its .df found no citation at all)."""
    import litkit
    from litkit.refs import references_table
    from litkit.scale import GatheredCorpus

    corpus = litkit.read(demo_dir)
    gathered = GatheredCorpus(corpus.df.drop(columns=["CR"]), None, references_table(corpus.df), has_cr=False)
    whole = cited_item_codes(corpus, kind)
    assert len(whole[0]) > 1000
    found = cited_item_codes(gathered, kind)
    np.testing.assert_array_equal(found[0], whole[0])
    assert found[2][found[1]].tolist() == whole[2][whole[1]].tolist()
    np.testing.assert_array_equal(found[3], whole[3])
