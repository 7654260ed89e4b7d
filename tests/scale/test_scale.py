"""litkit.scale on a two-worker LocalCluster gives the single-machine results.

Equality is checked on the demo corpus (WoS, CNKI and Scopus exports) and on the
real exports in ../shared/corpora: the ingest report and records, the keyword
network (tables byte-identical as CSV, same clusters), and the burst tables
(byte-identical apart from strengths, which agree to 1e-9) with their yearly counts.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

import litkit
import litkit.scale as scale
from litkit.bursts import burst_counts, citation_bursts, item_events
from litkit.errors import OutputExistsError

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="session")
def dask_client():
    """Two single-threaded worker processes, as on a small real cluster."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


# ---- corpora --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(demo_dir, tmp_path_factory, dask_client):
    paths = [demo_dir / "wos", demo_dir / "cnki", demo_dir / "scopus"]
    out = tmp_path_factory.mktemp("scale-demo")
    pc = scale.ingest(paths, out, client=dask_client, files_per_partition=2)
    return paths, litkit.read(paths, progress=False), pc


@pytest.fixture(scope="module")
def real(shared_corpora, expected_counts, tmp_path_factory, dask_client):
    """Every real export (3 713 records in 22 files of 11 formats)."""
    paths = [shared_corpora / name for name in expected_counts]
    out = tmp_path_factory.mktemp("scale-real")
    pc = scale.ingest(paths, out, client=dask_client, files_per_partition=2)
    return paths, litkit.read(paths, progress=False), pc


# Real exports with cited references in WoS plain text, WoS BibTeX and Scopus CSV, but not the
# three largest reference lists (parsing 117 000 references twice would take most of a minute).
# testFile.isi and badFile.isi share 32 records; one file per partition puts them in different
# partitions, so the cross-partition duplicate path of the burst counts runs.
CITED_SUBSET = (
    "wos-plaintext-metaknowledge/testFile.isi",
    "wos-plaintext-metaknowledge/badFile.isi",
    "wos-plaintext-bibliometrix-fixture/wos_sample.txt",
    "wos-bibtex/wos_m.bib",
    "scopus-csv/scopus_litstudy.csv",
    "scopus-csv/scopus_sample_2025.csv",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
)


@pytest.fixture(scope="module")
def real_cited(shared_corpora, tmp_path_factory, dask_client):
    paths = [shared_corpora / name for name in CITED_SUBSET]
    out = tmp_path_factory.mktemp("scale-real-cited")
    pc = scale.ingest(paths, out, client=dask_client, files_per_partition=1)
    return paths, litkit.read(paths, progress=False), pc


def _assert_same_network(single, dask_net):
    for table in ("keywords", "clusters"):
        assert getattr(dask_net, table).to_csv(index=False) == getattr(single, table).to_csv(index=False), table
    assert dask_net.links().to_csv(index=False) == single.links().to_csv(index=False)
    assert dask_net.params == single.params
    assert dask_net.terms == single.terms and dask_net.labels == single.labels
    assert (dask_net.cooccurrence != single.cooccurrence).nnz == 0
    assert dask_net.cooccurrence.dtype == single.cooccurrence.dtype
    assert (dask_net.fractional != single.fractional).nnz == 0  # summed in record order on the driver
    assert (dask_net.incidence != single.incidence).nnz == 0
    assert dask_net.modularity == pytest.approx(single.modularity, abs=1e-12)


def _assert_same_bursts(single: pd.DataFrame, dask_table: pd.DataFrame):
    assert len(dask_table) == len(single)
    rest = [c for c in single.columns if c != "strength"]
    assert dask_table[rest].to_csv(index=False) == single[rest].to_csv(index=False)
    np.testing.assert_allclose(dask_table["strength"].to_numpy(), single["strength"].to_numpy(), rtol=0, atol=1e-9)
    assert dask_table.attrs == single.attrs


# ---- ingest ---------------------------------------------------------------------------------------------
def test_ingest_demo_equals_read(demo):
    paths, corpus, pc = demo
    assert len(pc) == len(corpus) == 1190
    assert pc.to_corpus() == corpus
    assert pc.report.to_dict() == corpus.report.to_dict()
    files = litkit.io.expand_paths(paths)
    assert [p.name for p in pc.partitions] == [f"part-{i:05d}.parquet" for i in range((len(files) + 1) // 2)]
    manifest = json.loads((pc.folder / "manifest.json").read_text(encoding="utf-8"))
    assert [s for p in manifest["partitions"] for s in p["sources"]] == [str(f) for f in files]
    assert sum(p["records"] for p in manifest["partitions"]) == len(corpus)
    again = scale.read_partitioned(pc.folder)
    assert again.report.to_dict() == corpus.report.to_dict() and again.records == pc.records


def test_ingest_is_deterministic_and_refuses_to_overwrite(demo, tmp_path, dask_client):
    paths, _, pc = demo
    other = scale.ingest(paths, tmp_path / "again", client=dask_client, files_per_partition=2)
    for a, b in zip(pc.partitions, other.partitions):
        assert a.read_bytes() == b.read_bytes()
    assert (pc.folder / "ingest_report.json").read_bytes() == (other.folder / "ingest_report.json").read_bytes()
    with pytest.raises(OutputExistsError):
        scale.ingest(paths, tmp_path / "again", client=dask_client)
    # overwrite with fewer partitions: no stale partition is left to be read
    fewer = scale.ingest(paths, tmp_path / "again", client=dask_client, files_per_partition=10, overwrite=True)
    assert len(fewer.partitions) == 1 == len(list((tmp_path / "again").glob("part-*.parquet")))
    assert len(fewer) == len(pc)


def test_to_dask_dataframe(demo, dask_client):
    _, corpus, pc = demo
    ddf = pc.to_dask()
    assert ddf.npartitions == len(pc.partitions)
    by_year = ddf.groupby("PY").size().compute().sort_index()
    expected = corpus.df.groupby("PY").size().sort_index()
    assert by_year.to_dict() == expected.to_dict()


def test_ingest_real_exports_report(real, expected_counts):
    paths, corpus, pc = real
    assert len(pc) == len(corpus) == sum(expected_counts.values())
    assert pc.report.to_dict() == corpus.report.to_dict()
    assert pc.report.balanced
    assert pc.to_corpus() == corpus


# ---- co-occurrence -----------------------------------------------------------------------------------------
def test_network_demo_equals_single_machine(demo, dask_client):
    _, corpus, pc = demo
    single = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=200)
    dask_net = scale.cooccurrence(pc, field="DE", min_occurrence=2, top_n=200, client=dask_client)
    _assert_same_network(single, dask_net)
    assert len(single.clusters) > 1


def test_network_demo_fractional_ranked_by_link_strength(demo, dask_client):
    _, corpus, pc = demo
    kwargs = dict(
        field="DE",
        min_occurrence=3,
        top_n=60,
        rank_by="total_link_strength",
        counting="fractional",
        objective="cpm",
        with_layout=False,
    )
    _assert_same_network(litkit.cooccurrence(corpus, **kwargs), scale.cooccurrence(pc, client=dask_client, **kwargs))


def test_keyword_counts_demo(demo, dask_client):
    _, corpus, pc = demo
    counts = scale.keyword_counts(pc, "DE", client=dask_client)
    net = litkit.cooccurrence(corpus, field="DE", min_occurrence=1, top_n=None, with_layout=False)
    assert counts["occurrences"].sum() == net.incidence.nnz
    assert len(counts) == net.params["distinct_terms"]
    merged = net.keywords.merge(counts, on="term", suffixes=("", "_dask"))
    assert len(merged) == len(net.keywords)
    assert (merged["occurrences"] == merged["occurrences_dask"]).all()
    assert (merged["keyword"] == merged["keyword_dask"]).all()


def test_network_real_exports_equals_single_machine(real, dask_client):
    _, corpus, pc = real
    single = litkit.cooccurrence(corpus, field="DE", with_layout=False)
    _assert_same_network(single, scale.cooccurrence(pc, field="DE", with_layout=False, client=dask_client))


# ---- bursts ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference", "keyword"])
def test_bursts_demo_equal_single_machine(demo, dask_client, kind):
    _, corpus, pc = demo
    single = citation_bursts(corpus, kind, top=None)
    assert len(single) > 0
    _assert_same_bursts(single, scale.citation_bursts(pc, kind, top=None, client=dask_client))


def test_yearly_counts_demo(demo, dask_client):
    _, corpus, pc = demo
    counts, period = scale.yearly_counts(pc, "cited_journal", client=dask_client)
    expected = burst_counts(item_events(corpus, "cited_journal"), period)
    assert period == (int(corpus.df["PY"].min()), int(corpus.df["PY"].max()))
    assert counts.items.tolist() == expected.items.tolist()
    assert np.array_equal(counts.R, expected.R) and np.array_equal(counts.D, expected.D)
    assert np.array_equal(counts.first_year, expected.first_year)


def test_bursts_records_shared_between_partitions(demo_dir, tmp_path, dask_client):
    # The same export twice, in two partitions: with counting="records" a record counts once.
    src = demo_dir / "wos" / "savedrecs.txt"
    for name in ("a.txt", "b.txt"):
        shutil.copy(src, tmp_path / name)
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    pc = scale.ingest(paths, tmp_path / "out", client=dask_client, files_per_partition=1)
    corpus = litkit.read(paths, progress=False)
    assert corpus.df["UT"].duplicated().sum() == len(corpus) // 2
    for counting in ("records", "citations"):
        _assert_same_bursts(
            citation_bursts(corpus, "cited_journal", top=None, counting=counting),
            scale.citation_bursts(pc, "cited_journal", top=None, counting=counting, client=dask_client),
        )


@pytest.mark.parametrize("kind", ["keyword", "author"])
def test_bursts_real_exports_equal_single_machine(real, dask_client, kind):
    _, corpus, pc = real
    single = citation_bursts(corpus, kind, top=None)
    assert len(single) > 0
    _assert_same_bursts(single, scale.citation_bursts(pc, kind, top=None, client=dask_client))


@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference"])
def test_cited_bursts_real_exports_equal_single_machine(real_cited, dask_client, kind):
    _, corpus, pc = real_cited
    uts = [set(pd.read_parquet(p, columns=["UT"])["UT"]) for p in pc.partitions]
    assert any(a & b for i, a in enumerate(uts) for b in uts[i + 1 :])  # the duplicate path is exercised
    assert set(corpus.df["DB"]) == {"WoS", "Scopus"}
    single = citation_bursts(corpus, kind, top=None)
    assert len(single) > 0
    _assert_same_bursts(single, scale.citation_bursts(pc, kind, top=None, client=dask_client))


def _wos_with_references(records: list[tuple[str, int, list[str]]]) -> str:
    """A WoS plain-text export of ``(UT, PY, cited references)`` records."""
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for ut, year, cited in records:
        lines += ["PT J", "AU Doe, J", f"TI Record {ut}", "SO JOURNAL OF TESTS"]
        lines += [("CR " if k == 0 else "   ") + ref for k, ref in enumerate(cited)]
        lines += [f"PY {year}", f"UT WOS:{ut}", "ER", ""]
    return "\n".join(lines + ["EF"]) + "\n"


# One work cited with its first page in one export and without it in the other: the page-less
# citations take the page (Teece) or the DOI of the paged citation (Costanza) only over the whole
# corpus; two papers of one volume lend no page (Smith stays three keys).
_PAGED = "Teece DJ, 1997, STRATEG MANAGE J, V18, P509"
_PAGELESS = "Teece DJ, 1997, STRATEG MANAGE J, V18"
_DOI_PAGED = "Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0"
_DOI_PAGELESS = "Costanza R, 1997, NATURE, V387"
_FILLER = "Filler A, 1990, NATURE, V1, P1"


def _page_lending_exports(folder):
    a = [
        (
            f"A{y}",
            y,
            [_FILLER] + ([_PAGED, _DOI_PAGED] if 2008 <= y <= 2010 else []) + ["Smith J, 2000, ECOL ECON, V30, P1"],
        )
        for y in range(2000, 2013)
    ]
    b = [
        (
            f"B{y}",
            y,
            [_FILLER] + ([_PAGELESS, _DOI_PAGELESS] if 2009 <= y <= 2011 else []) + ["Smith J, 2000, ECOL ECON, V30"],
        )
        for y in range(2000, 2013)
    ]
    b[0][2].append("Smith J, 2000, ECOL ECON, V30, P77")
    paths = [folder / "a.txt", folder / "b.txt"]
    for path, records in zip(paths, (a, b)):
        path.write_text(_wos_with_references(records), encoding="utf-8")
    return paths


def test_cited_reference_bursts_lend_pages_across_partitions(tmp_path, dask_client):
    """The Dask path keys references as litkit.refs.references_table does: pages and DOIs lent corpus-wide."""
    paths = _page_lending_exports(tmp_path)
    corpus = litkit.read(paths, progress=False)
    pc = scale.ingest(paths, tmp_path / "parts", client=dask_client, files_per_partition=1)
    assert len(pc.partitions) == 2
    keys = corpus.references.set_index("raw")["key"].to_dict()
    # the single-machine keys the Dask path must reproduce (hand-worked: module text of litkit.refs.keys)
    assert keys[_PAGED] == keys[_PAGELESS] == "TEECE|1997|STRATEG MANAGE J|18|509"
    assert keys[_DOI_PAGED] == keys[_DOI_PAGELESS] == "doi:10.1038/387253a0"
    assert keys["Smith J, 2000, ECOL ECON, V30"] == "SMITH|2000|ECOL ECON|30|"
    # each partition alone keys the page-less citations apart: the corpus-wide pass is needed
    alone = [litkit.Corpus.read_parquet(p).references for p in pc.partitions]
    alone = [dict(zip(refs["raw"], refs["key"])) for refs in alone]
    assert alone[1][_PAGELESS] == "TEECE|1997|STRATEG MANAGE J|18|"
    assert alone[1][_DOI_PAGELESS] == "COSTANZA|1997|NATURE|387|"

    period = (2000, 2012)
    expected = burst_counts(item_events(corpus, "cited_reference"), period)
    counts, got_period = scale.yearly_counts(pc, "cited_reference", client=dask_client)
    assert got_period == period
    assert counts.items.tolist() == expected.items.tolist()
    assert np.array_equal(counts.R, expected.R) and np.array_equal(counts.D, expected.D)
    items = expected.items.tolist()
    for author in ("Teece", "Costanza"):  # one item per work, cited by three records in each export
        (row,) = [i for i, item in enumerate(items) if item.startswith(author)]
        assert expected.R[row].sum() == 6
    assert sum(item.startswith("Smith") for item in items) == 3  # V30 / P1 / P77: no page lent
    assert len(items) == 6
    single = citation_bursts(corpus, "cited_reference", top=None)
    assert any(item.startswith("Teece") for item in single["item"])  # the merged work bursts
    _assert_same_bursts(single, scale.citation_bursts(pc, "cited_reference", top=None, client=dask_client))


# ---- client ------------------------------------------------------------------------------------------------
def test_client_from_environment(dask_client, monkeypatch):
    monkeypatch.setenv(scale.SCHEDULER_ENV, dask_client.scheduler.address)
    with scale.client() as c:
        assert c.scheduler.address == dask_client.scheduler.address
        assert len(c.scheduler_info()["workers"]) == 2


def test_cli_ingest_on_dask_writes_partitions_with_the_same_report(tmp_path, demo_dir):
    from typer.testing import CliRunner

    from litkit.cli import app

    out = tmp_path / "parts"
    folders = [str(demo_dir / sub) for sub in ("wos", "cnki", "scopus")]
    result = CliRunner().invoke(
        app, ["ingest", *folders, "-o", str(out), "--scheduler", "local", "--files-per-partition", "2"]
    )
    assert result.exit_code == 0, result.output
    pc = litkit.scale.read_partitioned(out)
    single = litkit.read(folders)
    assert len(pc) == len(single) == 1190
    assert pc.report.to_dict() == single.report.to_dict()
    assert "Read 1190 of 1190 records" in result.output
