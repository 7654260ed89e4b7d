"""litkit.scale.summary and litkit.scale.collaboration on a two-worker LocalCluster equal the single machine.

The main-information table is made from per-partition counts, sums and sets of keys
(:func:`litkit.indicators.summary_parts`, addresses parsed on the workers) combined on the way to the
driver, which ends with the single-machine function (:func:`litkit.indicators.summary_from_parts`):
the table must equal ``litkit.summary`` of the whole corpus exactly, on real exports of WoS (reprint
addresses abroad included), Scopus and CNKI split one file per partition, and on the demo corpus.
The collaboration networks gather only the columns they read and must equal the single-machine ones.
"""

from __future__ import annotations

import pandas as pd
import pytest

import litkit
import litkit.scale as scale
from litkit.indicators import combine_summary_parts, summary, summary_from_parts, summary_parts
from litkit.network._collaboration import collaboration_from_parts, collaboration_parts, combine_collaboration_parts

distributed = pytest.importorskip("dask.distributed")

# WoS with reprint addresses abroad (AU_CO rule), WoS with C3, Scopus, CNKI, CSSCI: one file per partition.
REAL = (
    "wos-plaintext-metaknowledge/testFile.isi",
    "wos-plaintext-metaknowledge/badFile.isi",
    "wos-tabdelimited/labnetwork_savedrecs.txt",
    "wos-plaintext-savedrecs-alt/savedrecs_2.txt",
    "scopus-csv/scopus_litstudy.csv",
    "cnki-refworks/CNKI.txt",
    "cssci/cssci_1-100b.txt",
)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def real(shared_corpora, tmp_path_factory, client):
    paths = [shared_corpora / name for name in REAL]
    pc = scale.ingest(paths, tmp_path_factory.mktemp("h18-real"), client=client, files_per_partition=1)
    return pc, pc.to_corpus()


@pytest.fixture(scope="module")
def demo(demo_dir, tmp_path_factory, client):
    paths = [demo_dir / "wos", demo_dir / "cnki", demo_dir / "scopus"]
    pc = scale.ingest(paths, tmp_path_factory.mktemp("h18-demo"), client=client, files_per_partition=1)
    return pc, pc.to_corpus()


def _same_table(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert got.equals(expected)
    assert got.attrs["as_of"] == expected.attrs["as_of"]
    # equals() treats NaN as equal and compares values: the Python types must match too (the CSV shows them).
    assert [type(v) for v in got["Results"]] == [type(v) for v in expected["Results"]]


@pytest.mark.parametrize("as_of", [None, 2030])
def test_summary_from_worker_counts_equals_the_single_machine_table(real, demo, client, as_of):
    for pc, whole in (real, demo):
        assert len(pc.partitions) > 2
        expected = summary(whole, as_of=as_of)
        _same_table(scale.summary(pc, as_of=as_of, client=client), expected)
    pc, whole = real
    # The reprint-address rule matters on these files: counting every row would give another share.
    aff = litkit.affiliations(whole)
    every_row = [set() for _ in range(len(whole))]
    for record, country in zip(aff["record"], aff["country"]):
        if country:
            every_row[int(record)].add(country)
    naive = 100 * sum(len(c) > 1 for c in every_row) / len(whole)
    got = dict(zip(*summary(whole, affiliations=aff).T.values))
    assert got["International co-authorships %"] < naive


def test_summary_with_a_given_table_cut_at_the_partitions(real, client):
    pc, whole = real
    aff = scale.affiliations(pc, client=client)
    _same_table(scale.summary(pc, affiliations=aff, client=client), summary(whole, affiliations=aff))


def test_summary_parts_of_any_split_combine_to_the_whole(real):
    """No cluster: cut the records anywhere (even inside a file), recount each piece, combine."""
    _, whole = real
    df = whole.df
    aff = litkit.affiliations(whole)
    expected = summary(whole, affiliations=aff)
    for cuts in ([0, len(df)], [0, 1, 250, 251, len(df)], [0, 700, len(df) - 3, len(df)]):
        parts = []
        for start, stop in zip(cuts[:-1], cuts[1:]):
            piece = df.iloc[start:stop].reset_index(drop=True)
            local = aff[(aff["record"] >= start) & (aff["record"] < stop)]
            local = local.assign(record=local["record"].to_numpy() - start)
            parts.append(summary_parts(piece, local))
        _same_table(summary_from_parts(combine_summary_parts(parts)), expected)


def test_summary_of_no_partition_is_the_empty_table():
    table = summary_from_parts(combine_summary_parts([]))
    assert table["Results"].tolist()[2] == 0 and table.attrs["as_of"] is None


def _same_network(got, expected) -> None:
    pd.testing.assert_frame_equal(got.nodes, expected.nodes)
    pd.testing.assert_frame_equal(got.links(), expected.links())
    pd.testing.assert_frame_equal(got.clusters, expected.clusters)
    assert got.params == expected.params


@pytest.mark.parametrize("unit", ["author", "institution", "country"])
def test_collaboration_from_gathered_columns_equals_the_single_machine_network(real, client, unit):
    pc, whole = real
    options = dict(top_n=60, with_layout=False)
    expected = litkit.collaboration(whole, unit, **options)
    assert len(expected.nodes) > 10
    _same_network(scale.collaboration(pc, unit, client=client, **options), expected)
    if unit == "country":  # topic terms of the clusters: their fields are gathered too
        labelled = dict(options, label_fields=["TI", "DE"])
        _same_network(
            scale.collaboration(pc, unit, client=client, **labelled), litkit.collaboration(whole, unit, **labelled)
        )


@pytest.mark.parametrize("unit", ["author", "country"])
def test_collaboration_parts_of_any_split_combine_to_the_whole_network(real, unit):
    """No cluster: cut the records anywhere, take each piece's parts, combine, build: the whole network."""
    _, whole = real
    df = whole.df
    aff = litkit.affiliations(whole) if unit != "author" else None
    options = dict(top_n=40, with_layout=False, affiliations=aff, label_fields=["DE"])
    expected = litkit.collaboration(whole, unit, **options)
    for cuts in ([0, len(df)], [0, 3, 400, 401, len(df)]):
        pieces = [df.iloc[a:b].reset_index(drop=True) for a, b in zip(cuts[:-1], cuts[1:])]
        parts = combine_collaboration_parts([collaboration_parts(p, unit, label_fields=["DE"]) for p in pieces])
        _same_network(collaboration_from_parts(parts, unit, **options), expected)
    with pytest.raises(litkit.LitkitError, match="needs the affiliations table"):
        collaboration_from_parts(collaboration_parts(whole, "country"), "country")


def test_collaboration_corpus_loads_only_the_columns_asked_for(demo, client):
    pc, whole = demo
    slim = scale.collaboration_corpus(pc, client=client, label_fields=())
    full = scale.collaboration_corpus(pc, client=client)
    assert len(slim) == len(full) == len(whole)
    for name in ("UT", "AU", "PY", "TC", "J9", "SO"):  # what litkit.collaboration reads
        pd.testing.assert_series_equal(slim.df[name], whole.df[name])
    assert slim.df["AB"].isna().all() and not whole.df["AB"].isna().all()  # abstracts are not loaded
    assert slim.df["C1"].map(len).sum() == 0 and full.df["C1"].map(len).sum() > 0
    with_terms = scale.collaboration_corpus(pc, client=client, label_fields=["TIAB"])
    pd.testing.assert_series_equal(with_terms.df["AB"], whole.df["AB"])
