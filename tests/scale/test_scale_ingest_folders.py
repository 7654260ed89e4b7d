"""litkit.scale.ingest reads folders and archives by the rules of litkit.read (issue 19).

A file found in a folder or archive that is no export is skipped and listed (in the report and
the summary, as one process lists it), ``strict`` makes it an error naming the file, and a folder
that gives no record is refused -- checked on the driver over all partitions, so a partition
holding only skipped files is no error by itself.  On a two-worker LocalCluster.

Real exports from ../shared are copied into tmp_path only (never into the repository).
"""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from typer.testing import CliRunner

import litkit
import litkit.scale as scale
from litkit.cli import app
from litkit.errors import LitkitError, UnknownFormatError
from litkit.io.ingest_summary import ingest_summary

distributed = pytest.importorskip("dask.distributed")

WOS = "wos-plaintext-bibliometrix-fixture/wos_sample.txt"  # 8 records
OPENALEX = "openalex/openalex_sample.csv"  # 8 records
PUBMED = "pubmed-medline/citations.nbib"  # 200 records


@pytest.fixture(scope="module")
def dask_client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture
def messy_folder(shared_corpora, tmp_path):
    """Exports among notes, a spreadsheet, an image, hidden files, a zip holding a note and an export.

    In path order the junk comes first, so with one or two files per partition whole partitions
    hold only skipped files.
    """
    folder = tmp_path / "exports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a_figure.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "b_notes.txt").write_text("search string: ecosystem services\n", encoding="utf-8")
    (folder / "README.md").write_text("# my exports\n", encoding="utf-8")  # a note: passed over
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(32))
    shutil.copy(shared_corpora / WOS, folder / "savedrecs.txt")
    shutil.copy(shared_corpora / WOS, folder / "savedrecs (1).txt")  # downloaded twice
    shutil.copy(shared_corpora / OPENALEX, folder / "sub" / "works.csv")
    (folder / "table.csv").write_text("country,count\nChina,3\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "batch.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("list.txt", "to read: chapter 3\n")
        z.writestr("pubmed.nbib", (shared_corpora / PUBMED).read_bytes())
    return folder


def _no_source(df):
    return df.drop(columns=["source_file"]).reset_index(drop=True)


@pytest.mark.parametrize("files_per_partition", [1, 2, 20])
def test_a_folder_with_junk_gives_the_single_process_corpus_and_report(
    messy_folder, tmp_path, dask_client, files_per_partition
):
    single = litkit.read(messy_folder, progress=False)
    pc = scale.ingest(messy_folder, tmp_path / "out", client=dask_client, files_per_partition=files_per_partition)
    files = single.report.files_table()
    skipped = files.loc[files["format"] == "skipped", "file"].map(lambda f: f.split("exports/")[1]).tolist()
    assert skipped == ["a_figure.png", "b_notes.txt", "batch.zip!list.txt", "table.csv"]
    assert len(single) == 8 + 8 + 8 + 200
    # same records (provenance included), same report: every file, skipped ones, notes on the duplicate
    assert pc.to_corpus().df.equals(single.df)
    assert pc.report.to_dict() == single.report.to_dict()
    assert pc.report.files_table().equals(files)
    assert ingest_summary(litkit.Corpus(report=pc.report)) == ingest_summary(litkit.Corpus(report=single.report))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [s for p in manifest["partitions"] for s in p["sources"]] == files["file"].tolist()
    assert sum(p["records"] for p in manifest["partitions"]) == len(single)
    if files_per_partition == 1:
        assert manifest["partitions"][0]["records"] == 0  # a partition of one skipped file: no error


def test_strict_names_the_first_file_that_is_no_export(messy_folder, tmp_path, dask_client):
    with pytest.raises(UnknownFormatError) as single:
        litkit.read(messy_folder, progress=False, strict=True)
    with pytest.raises(UnknownFormatError) as dask:
        scale.ingest(messy_folder, tmp_path / "out", client=dask_client, files_per_partition=3, strict=True)
    assert str(dask.value) == str(single.value)
    assert dask.value.path == str(messy_folder / "a_figure.png")


def test_folders_without_records_are_refused(shared_corpora, tmp_path, dask_client):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".DS_Store").write_bytes(bytes(16))
    with pytest.raises(LitkitError) as single:
        litkit.read(empty, progress=False)
    with pytest.raises(LitkitError) as dask:
        scale.ingest(empty, tmp_path / "out", client=dask_client)
    assert str(dask.value) == str(single.value)
    assert "\n" not in str(dask.value) and "empty: no records found in this folder" in str(dask.value)

    junk = tmp_path / "junk"
    junk.mkdir()
    for i in range(3):
        (junk / f"note{i}.txt").write_text(f"note {i}\n", encoding="utf-8")
    with pytest.raises(LitkitError, match=r"no records found in this folder \(3 file\(s\) skipped as no export"):
        scale.ingest(junk, tmp_path / "out2", client=dask_client, files_per_partition=1)
    assert not list((tmp_path / "out2").glob("*"))  # the three empty partitions written are removed

    # a folder without records among good inputs: still refused (the user named it), other partitions fine
    with pytest.raises(LitkitError, match="junk: no records found"):
        scale.ingest([shared_corpora / WOS, junk], tmp_path / "out3", client=dask_client, files_per_partition=1)


def _section(output: str, title: str) -> list[str]:
    lines = output.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_cli_on_dask_prints_the_single_process_summary(messy_folder, tmp_path, dask_client):
    address = dask_client.scheduler.address
    one = CliRunner().invoke(app, ["ingest", str(messy_folder), "-o", str(tmp_path / "one.parquet")])
    assert one.exit_code == 0, one.output
    dask = CliRunner().invoke(
        app,
        [
            "ingest",
            str(messy_folder),
            "-o",
            str(tmp_path / "parts"),
            "--scheduler",
            address,
            "--files-per-partition",
            "2",
        ],
    )
    assert dask.exit_code == 0, dask.output
    # The whole summary is the single process's text (its first line came after progress bars).
    one_lines = one.output.rstrip().splitlines()  # (a progress bar's last "\r" at the very end)
    start = next(i for i, line in enumerate(one_lines) if line.lstrip().startswith("Read "))
    one_summary = [one_lines[start].lstrip(), *one_lines[start + 1 :]]
    dask_summary = dask.output.splitlines()
    assert one_summary[-1] == f"Wrote {tmp_path / 'one.parquet'}"
    assert dask_summary[-1] == f"Wrote 224 records in partitions to {tmp_path / 'parts'}/"
    assert dask_summary[:-1] == one_summary[:-1]
    per_file = _section(dask.output, "Per file:")
    assert len(per_file) == 8 and sum(line.endswith(": skipped, not an export") for line in per_file) == 4
    problems = _section(dask.output, "Problems (file, line, action, reason):")
    assert len(problems) == 5 and sum("identical to" in line for line in problems) == 1
    assert dask_summary[0].endswith(" 4 file(s) skipped: not an export.")
    assert "Per database and format:" in dask_summary and "  PubMed / pubmed: 200 records, 2002–2019" in dask_summary

    strict = CliRunner().invoke(
        app, ["ingest", str(messy_folder), "-o", str(tmp_path / "strict"), "--scheduler", address, "--strict"]
    )
    assert strict.exit_code != 0 and "a_figure.png" in strict.output

    empty = tmp_path / "nothing"
    empty.mkdir()
    refused = CliRunner().invoke(app, ["ingest", str(empty), "-o", str(tmp_path / "e"), "--scheduler", address])
    assert refused.exit_code != 0
    assert "no records found in this folder" in refused.output
