"""The lean cited-journal path of litkit.scale (sources parsed from UT/PY/DB/CR alone) and annual production.

litkit.scale.yearly_counts(pc, "cited_journal") chooses each reference's parser by the record's
database as litkit.refs.references_table does, and parses only the source; these tests compare it
with the single-machine events on real exports of every reference style (WoS, Scopus, CNKI, CSSCI)
and on a corpus whose merged records hold strings of two databases.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import litkit
import litkit.scale as scale
from litkit.bursts import burst_counts, item_events, normalise_journal
from litkit.timelines import annual_production

distributed = pytest.importorskip("dask.distributed")

REFERENCED = (
    "cssci/DataSet_CSSCI.txt",
    "cssci/cssci_1-100b.txt",
    "cnki-refworks/CNKI.txt",
    "wos-plaintext-bibliometrix-fixture/wos_sample.txt",
    "wos-plaintext-metaknowledge/testFile.isi",
    "scopus-csv/scopus_litstudy.csv",
    "wos-bibtex/scopus_m.bib",
)


@pytest.fixture(scope="module")
def cluster_client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def referenced(shared_corpora, tmp_path_factory, cluster_client):
    paths = [shared_corpora / name for name in REFERENCED]
    pc = scale.ingest(paths, tmp_path_factory.mktemp("journal-parts"), client=cluster_client, files_per_partition=2)
    return litkit.read(paths, progress=False), pc


def _assert_same_counts(corpus, pc, client):
    counts, period = scale.yearly_counts(pc, "cited_journal", client=client)
    events = item_events(corpus, "cited_journal")
    expected = burst_counts(events, period)
    years = pd.to_numeric(corpus.df["PY"], errors="coerce").dropna()
    assert period == (int(years.min()), int(years.max()))
    assert len(expected.items) > 0
    assert counts.items.tolist() == expected.items.tolist()
    assert np.array_equal(counts.R, expected.R) and np.array_equal(counts.D, expected.D)
    assert np.array_equal(counts.first_year, expected.first_year)
    return expected


def test_cited_journals_of_every_reference_style_equal_single_machine(referenced, cluster_client):
    corpus, pc = referenced
    assert {"WoS", "Scopus", "CNKI", "CSSCI"} <= set(corpus.df["DB"])
    refs = corpus.references
    assert {"WoS", "Scopus", "CSSCI"} <= set(refs["DB"])  # every parser that has strings here runs
    expected = _assert_same_counts(corpus, pc, cluster_client)
    # brute force: the records citing each journal, from the reference table row by row
    cites = {}
    for ut, py, source in zip(refs["UT"], refs["PY"], refs["source"]):
        name = normalise_journal(source)
        if name is not None and py is not pd.NA:
            cites.setdefault(name, set()).add(ut)
    totals = dict(zip(expected.items.tolist(), expected.R.sum(axis=1).tolist()))
    assert {k: len(v) for k, v in cites.items() if k in totals} == {k: int(v) for k, v in totals.items()}


def test_cited_journals_of_merged_records_equal_single_machine(shared_corpora, tmp_path, cluster_client):
    """Merged records (DB "WoS;Scopus") hold strings of both styles: the parser is chosen per string."""
    wos = litkit.read(shared_corpora / "wos-bibtex/wos_m.bib", progress=False)
    scopus = litkit.read(shared_corpora / "wos-bibtex/scopus_m.bib", progress=False)
    merged = litkit.merge(wos, scopus)
    assert merged.df["DB"].str.contains(";").any()
    path = tmp_path / "merged.parquet"
    merged.to_parquet(path)
    pc = scale.PartitionedCorpus(folder=tmp_path, partitions=[path], records=[len(merged)], report=None)
    _assert_same_counts(litkit.Corpus(merged.df), pc, cluster_client)


def test_annual_production_equals_single_machine(referenced, cluster_client):
    corpus, pc = referenced
    expected = annual_production(corpus)
    got = scale.annual_production(pc, client=cluster_client)
    assert {"CNKI", "CSSCI", "WoS", "Scopus"} <= set(got.columns)
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs
    assert int(got["total"].sum()) == int(pd.to_numeric(corpus.df["PY"], errors="coerce").notna().sum())
    pd.testing.assert_frame_equal(
        scale.annual_production(pc, years=(2000, 2030), databases=["WoS", "CNKI"], client=cluster_client),
        annual_production(corpus, years=(2000, 2030), databases=["WoS", "CNKI"]),
    )
