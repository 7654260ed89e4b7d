"""``litkit cooccur`` and ``litkit bursts`` on a partitioned corpus, on Dask: the same output files, byte for byte.

For each corpus the exports are ingested twice through the CLI, once into one
Parquet file (``litkit ingest``) and once into a partitioned folder on a
two-worker cluster (``litkit ingest --scheduler``).  The single-machine command
on the file and the ``--scheduler`` command on the folder must then write the
same files with the same bytes: tables, VOSviewer files, GEXF/GraphML, HTML and
figures.  The one expected difference is the ``inputs`` entry of params.json
(the corpus path the command was given), which is compared with that entry removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from litkit.cli import app

distributed = pytest.importorskip("dask.distributed")

# WoS plain-text, WoS BibTeX and Scopus exports with cited references (as in test_scale.py, whose
# comment explains the choice); testFile.isi and badFile.isi share 32 records, which one file per
# partition puts into different partitions.
CITED_SUBSET = (
    "wos-plaintext-metaknowledge/testFile.isi",
    "wos-plaintext-metaknowledge/badFile.isi",
    "wos-plaintext-bibliometrix-fixture/wos_sample.txt",
    "wos-bibtex/wos_m.bib",
    "scopus-csv/scopus_litstudy.csv",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
)


@pytest.fixture(scope="module")
def scheduler():
    """Address of a two-worker cluster (threads in this process: quick to start, same code path)."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()


def _run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def _assert_same_outputs(single: Path, dask: Path) -> None:
    """Same file names and bytes; params.json equal apart from the corpus path (its ``inputs``)."""
    names = sorted(p.name for p in single.iterdir())
    assert names == sorted(p.name for p in dask.iterdir())
    assert len(names) > 2
    for name in names:
        a, b = (single / name).read_bytes(), (dask / name).read_bytes()
        if name == "params.json":
            a, b = json.loads(a), json.loads(b)
            assert a.pop("inputs")["corpus"] != b.pop("inputs")["corpus"]
        assert a == b, name


def _both(exports, tmp: Path, scheduler: str, files_per_partition: int) -> tuple[Path, Path]:
    """The exports ingested into one Parquet file and, on the cluster, into a partitioned folder."""
    single, folder = tmp / "corpus.parquet", tmp / "corpus-parts"
    _run("ingest", *exports, "-o", single)
    printed = _run(
        "ingest", *exports, "-o", folder, "--scheduler", scheduler, "--files-per-partition", str(files_per_partition)
    ).output
    assert (folder / "manifest.json").is_file() and "records in partitions" in printed
    return single, folder


@pytest.fixture(scope="module")
def demo(demo_dir, tmp_path_factory, scheduler):
    return _both(
        [demo_dir / "wos", demo_dir / "cnki", demo_dir / "scopus"],
        tmp_path_factory.mktemp("cli-demo"),
        scheduler,
        files_per_partition=2,
    )


def test_demo_cooccur_same_files(demo, scheduler, tmp_path):
    single, folder = demo
    _run("cooccur", single, "-o", tmp_path / "single")
    _run("cooccur", folder, "-o", tmp_path / "dask", "--scheduler", scheduler)
    _assert_same_outputs(tmp_path / "single", tmp_path / "dask")
    assert (tmp_path / "dask" / "keyword_map.pdf").is_file()


@pytest.mark.parametrize(
    "kind, extra",
    [
        ("cited_journal", ["--from", "2005"]),
        ("cited_reference", ["--counting", "citations"]),
        ("keyword", ["--slice-years", "2", "--to", "2020"]),
    ],
)
def test_demo_bursts_same_files(demo, scheduler, tmp_path, kind, extra):
    single, folder = demo
    _run("bursts", single, "-o", tmp_path / "single", "--kind", kind, "--formats", "svg", *extra)
    # The scheduler named by the environment variable, as `litkit ingest` reads it.
    _run(
        "bursts",
        folder,
        "-o",
        tmp_path / "dask",
        "--kind",
        kind,
        "--formats",
        "svg",
        *extra,
        env={"LITKIT_DASK_SCHEDULER": scheduler},
    )
    _assert_same_outputs(tmp_path / "single", tmp_path / "dask")
    table = (tmp_path / "dask" / f"bursts_{kind}.csv").read_text(encoding="utf-8").splitlines()
    assert len(table) > 1  # the demo corpus has bursts of every kind


def test_folder_without_scheduler_is_read_into_memory(demo, tmp_path, monkeypatch):
    monkeypatch.delenv("LITKIT_DASK_SCHEDULER", raising=False)
    single, folder = demo
    _run("bursts", single, "-o", tmp_path / "single", "--kind", "cited_journal", "--formats", "svg")
    _run("bursts", folder, "-o", tmp_path / "folder", "--kind", "cited_journal", "--formats", "svg")
    _assert_same_outputs(tmp_path / "single", tmp_path / "folder")


def test_scheduler_with_a_single_file_computes_here(demo, scheduler, tmp_path):
    single, _ = demo
    result = _run(
        "bursts", single, "-o", tmp_path / "out", "--kind", "keyword", "--formats", "svg", "--scheduler", scheduler
    )
    assert "not a partitioned corpus folder" in result.output
    assert (tmp_path / "out" / "bursts_keyword.csv").is_file()


def test_folder_that_is_not_a_corpus_fails_clearly(tmp_path):
    (tmp_path / "parts").mkdir()
    result = CliRunner().invoke(app, ["bursts", str(tmp_path / "parts"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "not a partitioned corpus" in result.output


# ---- the real exports ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real_all(shared_corpora, expected_counts, tmp_path_factory, scheduler):
    """Every real export (22 files, 11 formats)."""
    return _both(
        [shared_corpora / name for name in expected_counts],
        tmp_path_factory.mktemp("cli-real"),
        scheduler,
        files_per_partition=3,
    )


@pytest.fixture(scope="module")
def real_cited(shared_corpora, tmp_path_factory, scheduler):
    return _both(
        [shared_corpora / name for name in CITED_SUBSET],
        tmp_path_factory.mktemp("cli-real-cited"),
        scheduler,
        files_per_partition=1,
    )


def test_real_cooccur_same_files(real_all, scheduler, tmp_path):
    single, folder = real_all
    options = ["--field", "DE", "--field", "ID", "--counting", "fractional", "--formats", "png"]
    _run("cooccur", single, "-o", tmp_path / "single", *options)
    _run("cooccur", folder, "-o", tmp_path / "dask", "--scheduler", scheduler, *options)
    _assert_same_outputs(tmp_path / "single", tmp_path / "dask")


@pytest.mark.parametrize("kind", ["cited_journal", "cited_reference"])
def test_real_cited_bursts_same_files(real_cited, scheduler, tmp_path, kind):
    single, folder = real_cited
    _run("bursts", single, "-o", tmp_path / "single", "--kind", kind, "--formats", "svg")
    _run("bursts", folder, "-o", tmp_path / "dask", "--kind", kind, "--formats", "svg", "--scheduler", scheduler)
    _assert_same_outputs(tmp_path / "single", tmp_path / "dask")
    rows = (tmp_path / "dask" / f"bursts_{kind}.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 21  # header + the 20 strongest
