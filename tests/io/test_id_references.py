"""Lens and OpenAlex references are database IDs (issue 19): keyed by the ID, never a journal or author.

Lens.org exports a record's references as Lens IDs and OpenAlex as work IDs; the readers keep
them in ``CR`` as ``Lens:…`` / ``OpenAlex:W…``.  Parsed (litkit.refs.ids), such a reference has
no author, year or source and its key is the ID: co-citation counts the same cited work across
records of one database, and the cited-journal and cited-author analyses skip them instead of
counting each ID as a journal.  Checked against brute-force counts from the ``CR`` column of
the real Lens export and of the real OpenAlex export with a ``referenced_works`` column added
(the sample has none) in tmp_path.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter

import pandas as pd
import pytest

import litkit
from litkit.bursts import item_events
from litkit.refs import parse_wos_reference, reference_key, reference_keys, references_table
from litkit.refs.ids import is_id_reference, parse_id_reference

LENS = "lens-csv/lens-export.csv"  # 1000 records, 27 464 references, all Lens IDs
OPENALEX = "openalex/openalex_sample.csv"  # 8 records, no referenced_works column


@pytest.fixture(scope="module")
def lens(shared_corpora):
    return litkit.read(shared_corpora / LENS, progress=False)


@pytest.fixture
def openalex(shared_corpora, tmp_path):
    """The real OpenAlex sample with references: record i cites the works of records 0..i-1 and two outside."""
    with open(shared_corpora / OPENALEX, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids = [row["id"] for row in rows]
    for i, row in enumerate(rows):
        cited = ids[:i] + ["https://openalex.org/W1000000001", "https://openalex.org/W1000000002"]
        row["referenced_works"] = "|".join(cited)
        row["referenced_works_count"] = str(len(cited))
    path = tmp_path / "works.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return litkit.read(path, progress=False), [i.rsplit("/", 1)[1] for i in ids]


def _brute_citations(df: pd.DataFrame) -> Counter:
    """Records citing each ID (a record citing one twice counts once), from CR directly."""
    return Counter(ref.split(":", 1)[1] for refs in df["CR"] for ref in set(refs))


def _brute_pairs(df: pd.DataFrame) -> Counter:
    return Counter(pair for refs in df["CR"] for pair in itertools.combinations(sorted(set(refs)), 2))


def test_parsing_an_id_reference():
    for raw, key in (
        ("Lens:028-396-621-844-004", "lens:028-396-621-844-004"),
        ("OpenAlex:W2755950973", "openalex:W2755950973"),
    ):
        parsed = parse_id_reference(raw)
        assert is_id_reference(raw)
        assert {k: parsed[k] for k in ("author", "year", "source", "volume", "page")} == dict.fromkeys(
            ("author", "year", "source", "volume", "page")
        )
        assert parse_wos_reference(raw) == parsed  # the parser a Lens or OpenAlex record's references take
        assert reference_key(parsed) == key
    assert reference_keys(["OpenAlex:W1", "Lens:1-2"]) == ["openalex:W1", "lens:1-2"]
    # bibliographic strings are untouched, also ones that start like a scheme
    assert not is_id_reference("Lens J, 2001, NATURE, V1, P2")
    assert parse_wos_reference("Lens J, 2001, NATURE, V1, P2")["source"] == "NATURE"
    assert not is_id_reference("OpenAlex: a fully open index, 2022, ARXIV")


def test_lens_references_are_keyed_by_their_id(lens):
    table = references_table(lens.df)
    assert len(table) == 27464 == sum(map(len, lens.df["CR"]))
    assert table["source"].isna().all() and table["author"].isna().all() and table["year"].isna().all()
    assert (table["key"] == "lens:" + table["raw"].str.removeprefix("Lens:")).all()
    assert table["key"].nunique() == len({r for refs in lens.df["CR"] for r in refs})


def test_lens_cocitation_equals_brute_force_and_no_journal_is_counted(lens):
    net = litkit.cocitation(lens, min_citations=5, top_n=30, normalization=None, with_layout=False)
    citations = _brute_citations(lens.df)
    nodes = net.nodes
    assert len(nodes) == 30
    assert all(k.startswith("lens:") for k in nodes["key"])
    assert nodes["citations"].tolist() == [citations[k.split(":", 1)[1]] for k in nodes["key"]]
    assert nodes["citations"].tolist() == sorted((n for n in citations.values()), reverse=True)[:30]
    pairs = _brute_pairs(lens.df)
    links = net.links()
    assert len(links)
    for row in links.itertuples(index=False):
        a, b = sorted(("Lens:" + row.source.split(":", 1)[1], "Lens:" + row.target.split(":", 1)[1]))
        assert row.count == pairs[(a, b)]
    # cited journals and cited authors: nothing (before, each ID was a "journal" like LENS 028 396 621 844)
    assert len(item_events(lens, "cited_journal")) == 0
    journals = litkit.cocitation(lens, unit="source", min_citations=1, with_layout=False)
    assert len(journals.nodes) == 0


def test_openalex_references_are_keyed_by_their_work_id(openalex):
    corpus, ids = openalex
    table = references_table(corpus.df)
    assert len(table) == sum(i + 2 for i in range(8))
    assert table["source"].isna().all() and table["author"].isna().all()
    assert sorted(set(table["key"])) == sorted(
        {f"openalex:{w}" for w in ids[:7]} | {"openalex:W1000000001", "openalex:W1000000002"}
    )
    events = item_events(corpus, "cited_reference")
    by_item = events.groupby("item").size()
    # the work of record 0 is cited by records 1..7; the two outside works by all eight
    assert by_item[f"OpenAlex:{ids[0]}"] == 7 and by_item["OpenAlex:W1000000001"] == 8
    assert len(item_events(corpus, "cited_journal")) == 0
    net = litkit.cocitation(corpus, min_citations=1, top_n=None, normalization=None, with_layout=False)
    pairs = _brute_pairs(corpus.df)
    links = net.links()
    assert len(links) == len(pairs)
    for row in links.itertuples(index=False):
        a, b = sorted(("OpenAlex:" + row.source.split(":", 1)[1], "OpenAlex:" + row.target.split(":", 1)[1]))
        assert row.count == pairs[(a, b)]


def test_merged_records_parse_id_references_per_string(lens):
    """A merged record (DB "Lens;WoS") takes each string's style: an ID is still an ID, a WoS string a WoS string."""
    df = lens.df.head(2).copy()
    df["DB"] = "Lens;WoS"
    df.at[df.index[0], "CR"] = list(df.at[df.index[0], "CR"]) + ["Costanza R, 1997, NATURE, V387, P253"]
    table = references_table(df)
    ids = table[table["raw"].str.startswith("Lens:")]
    assert len(ids) == sum(map(len, lens.df.head(2)["CR"])) and ids["source"].isna().all()
    assert (ids["key"] == "lens:" + ids["raw"].str.removeprefix("Lens:")).all()
    wos = table[~table["raw"].str.startswith("Lens:")]
    assert wos["key"].tolist() == ["COSTANZA|1997|NATURE|387|253"] and wos["source"].tolist() == ["NATURE"]


def test_the_bursts_run_notes_the_ids_it_leaves_out(lens, shared_corpora, tmp_path):
    import json

    from litkit import runs

    runs.run("bursts", lens, tmp_path / "lens", {"kind": "cited_journal"}, formats=["png"])
    params = json.loads((tmp_path / "lens" / "params.json").read_text(encoding="utf-8"))
    text = json.dumps(params)
    assert '"id_references_skipped": 27464' in text
    assert "27464 cited references are Lens/OpenAlex IDs, which name no journal: not counted" in text
    # a WoS export: no such note
    wos = litkit.read(shared_corpora / "wos-plaintext-bibliometrix-fixture/wos_sample.txt", progress=False)
    runs.run("bursts", wos, tmp_path / "wos", {"kind": "cited_journal"}, formats=["png"])
    assert "id_references_skipped" not in (tmp_path / "wos" / "params.json").read_text(encoding="utf-8")


def test_id_references_of_partitions_counted_one_partition_at_a_time(shared_corpora, tmp_path):
    """The bursts run's note on a partitioned corpus (Lens + WoS partitions) counts what the in-memory corpus has."""
    pytest.importorskip("dask")
    import litkit.scale
    from litkit import runs

    wos = shared_corpora / "wos-plaintext-bibliometrix-fixture/wos_sample.txt"
    pc = litkit.scale.ingest([shared_corpora / LENS, wos], tmp_path / "parts", files_per_partition=1)
    assert len(pc.partitions) == 2
    assert runs._id_references(pc) == runs._id_references(pc.to_corpus()) == 27464
