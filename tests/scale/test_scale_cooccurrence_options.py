"""litkit.scale.cooccurrence / keyword_counts with the term options of litkit.cooccurrence (zh_variants, merge_plurals).

``zh_variants`` merges "X技术" into "X" only when X occurs somewhere in the corpus, so a partition
cannot clean its keywords alone: the Dask path fits the cleaners on the corpus-wide vocabulary first.
Every test compares with the single-machine result on the same records, on a LocalCluster.
"""

from __future__ import annotations

from collections import Counter

import pytest

import litkit
import litkit.scale as scale
from litkit.text import corpus_terms

distributed = pytest.importorskip("dask.distributed")

CHINESE = (
    "cnki-refworks/CNKI.txt",
    "cnki-endnote/demo.txt",
    "cssci/DataSet_CSSCI.txt",
    "cssci/cssci_1-100b.txt",
    "cnki-noteexpress/mixed.net",
)


@pytest.fixture(scope="module")
def cluster_client():
    """Two single-threaded worker processes, as on a small real cluster."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def chinese(shared_corpora, tmp_path_factory, cluster_client):
    """The real CNKI and CSSCI exports (546 records), one file per partition."""
    paths = [shared_corpora / name for name in CHINESE]
    pc = scale.ingest(paths, tmp_path_factory.mktemp("zh-parts"), client=cluster_client, files_per_partition=1)
    return litkit.read(paths, progress=False), pc


def _wos(records: list[tuple[str, int, list[str]]]) -> str:
    """A WoS plain-text export of ``(UT, PY, author keywords)`` records."""
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for ut, year, keywords in records:
        lines += ["PT J", "AU Doe, J", f"TI Record {ut}", "SO JOURNAL OF TESTS", "DE " + "; ".join(keywords)]
        lines += [f"PY {year}", f"UT WOS:{ut}", "ER", ""]
    return "\n".join(lines + ["EF"]) + "\n"


@pytest.fixture(scope="module")
def split_vocabulary(tmp_path_factory, cluster_client):
    """ "虚拟现实" only in the first export, "虚拟现实技术" and "VR" only in the second."""
    folder = tmp_path_factory.mktemp("zh-split")
    a = [
        ("A1", 2020, ["虚拟现实", "用户体验", "ecosystem services"]),
        ("A2", 2021, ["虚拟现实", "用户体验", "ecosystem service"]),
        ("A3", 2021, ["交互设计", "用户体验", "VR"]),
    ]
    b = [
        ("B1", 2021, ["虚拟现实技术", "用户体验", "ecosystem services"]),
        ("B2", 2022, ["虚拟现实技术", "交互设计", "设计方法"]),
        ("B3", 2022, ["交互设计", "设计方法", "Ecosystem Services"]),
    ]
    paths = [folder / "a.txt", folder / "b.txt"]
    for path, records in zip(paths, (a, b)):
        path.write_text(_wos(records), encoding="utf-8")
    pc = scale.ingest(paths, folder / "parts", client=cluster_client, files_per_partition=1)
    assert len(pc.partitions) == 2
    return paths, litkit.read(paths, progress=False), pc


def _assert_same_network(single, dask_net):
    for table in ("keywords", "clusters"):
        assert getattr(dask_net, table).to_csv(index=False) == getattr(single, table).to_csv(index=False), table
    assert dask_net.links().to_csv(index=False) == single.links().to_csv(index=False)
    assert dask_net.params == single.params
    assert dask_net.terms == single.terms and dask_net.labels == single.labels
    assert (dask_net.cooccurrence != single.cooccurrence).nnz == 0
    assert (dask_net.fractional != single.fractional).nnz == 0
    assert (dask_net.incidence != single.incidence).nnz == 0
    assert dask_net.modularity == pytest.approx(single.modularity, abs=1e-12)


def test_zh_variants_need_the_whole_corpus_vocabulary(split_vocabulary, cluster_client):
    paths, corpus, pc = split_vocabulary
    single = litkit.cooccurrence(corpus, "DE", min_occurrence=2, with_layout=False, zh_variants=True)
    occurrences = dict(zip(single.terms, single.occurrences.tolist()))
    # hand-worked: 虚拟现实 (A1, A2) = VR (A3) = 虚拟现实技术 (B1, B2); 设计方法 stays (设计 is no keyword)
    assert occurrences["虚拟现实"] == 5
    assert occurrences["设计方法"] == 2 and "虚拟现实技术" not in occurrences
    # the second export alone keeps 虚拟现实技术: its partition cannot be cleaned on its own vocabulary
    alone = corpus_terms(litkit.read(paths[1], progress=False), "DE", zh_variants=True)
    assert "虚拟现实技术" in {k for doc in alone.docs for k in doc}

    dask_net = scale.cooccurrence(
        pc, "DE", min_occurrence=2, with_layout=False, zh_variants=True, client=cluster_client
    )
    _assert_same_network(single, dask_net)
    assert dask_net.params["zh_variants"] == single.params["zh_variants"] != False  # noqa: E712 (the rules are listed)


def test_merge_plurals_off_equals_single_machine(split_vocabulary, cluster_client):
    _, corpus, pc = split_vocabulary
    single = litkit.cooccurrence(corpus, "DE", min_occurrence=2, with_layout=False, merge_plurals=False)
    assert "ecosystem service" not in single.terms and "ecosystem services" in single.terms  # A2 is apart
    dask_net = scale.cooccurrence(
        pc, "DE", min_occurrence=2, with_layout=False, merge_plurals=False, client=cluster_client
    )
    _assert_same_network(single, dask_net)


def test_zh_variants_real_chinese_exports_equal_single_machine(chinese, cluster_client):
    corpus, pc = chinese
    single = litkit.cooccurrence(corpus, "DE", with_layout=False, zh_variants=True)
    plain = litkit.cooccurrence(corpus, "DE", with_layout=False)
    # the option changes the real map (VR, 虚拟现实技术, 虚拟现实(VR) ... merge into 虚拟现实)
    assert {"虚拟现实技术", "vr", "虚拟现实(vr)"} <= set(plain.terms)
    assert not {"虚拟现实技术", "vr", "虚拟现实(vr)"} & set(single.terms)
    assert (
        dict(zip(single.terms, single.occurrences))["虚拟现实"] > dict(zip(plain.terms, plain.occurrences))["虚拟现实"]
    )
    _assert_same_network(
        single, scale.cooccurrence(pc, "DE", with_layout=False, zh_variants=True, client=cluster_client)
    )


def test_keyword_counts_zh_variants_real_chinese_exports(chinese, cluster_client):
    corpus, pc = chinese
    terms = corpus_terms(corpus, "DE", zh_variants=True)
    expected = Counter(k for doc in terms.docs for k in doc)
    got = scale.keyword_counts(pc, "DE", zh_variants=True, client=cluster_client)
    assert dict(zip(got["term"], got["occurrences"].tolist())) == dict(expected)
    assert got["keyword"].tolist() == [terms.cleaner.label(k) for k in got["term"]]
    assert got["term"].tolist() == sorted(expected, key=lambda k: (-expected[k], k))
