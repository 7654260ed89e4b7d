"""Folders and archives as users keep them (issue 19): skipped non-exports, strict mode, .zip/.gz members,
zip bombs, files downloaded twice and overlapping batches.

Real exports from ../shared are copied into tmp_path only (never into the repository).
"""

from __future__ import annotations

import gzip
import io
import shutil
import tarfile
import zipfile

import pytest
from typer.testing import CliRunner

import litkit
from litkit.cli import app
from litkit.errors import LitkitError, UnknownFormatError
from litkit.io import ARCHIVE_MAX_RATIO, input_files
from litkit.io.ingest_summary import ingest_summary
from litkit.io.stream import ingest_to_parquet

WOS = "wos-plaintext-bibliometrix-fixture/wos_sample.txt"  # 8 records
OPENALEX = "openalex/openalex_sample.csv"  # 8 records
PUBMED = "pubmed-medline/citations.nbib"  # 200 records
SCOPUS = "scopus-plaintext/scopus_2024_fullrecord.txt"  # 10 records


def _read(paths, **kwargs):
    return litkit.read(paths, progress=False, **kwargs)


def _values(corpus):
    return corpus.df.drop(columns=["source_file"]).reset_index(drop=True)


@pytest.fixture
def messy_folder(shared_corpora, tmp_path):
    """An export folder as users keep it: exports, notes, a spreadsheet, an image, hidden files."""
    folder = tmp_path / "exports"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(shared_corpora / WOS, folder / "savedrecs.txt")
    shutil.copy(shared_corpora / OPENALEX, folder / "sub" / "works.csv")
    (folder / "notes.txt").write_text("search string: ecosystem services\n", encoding="utf-8")
    (folder / "README.md").write_text("# my exports\n", encoding="utf-8")  # a note: passed over
    (folder / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "table.csv").write_text("country,count\nChina,3\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(32))
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    return folder


def test_a_folder_skips_and_lists_what_is_no_export(messy_folder, shared_corpora):
    corpus = _read(messy_folder)
    files = corpus.report.files_table()
    assert files["file"].map(lambda f: f.split("exports/")[1]).tolist() == [
        "figure.png",
        "notes.txt",
        "savedrecs.txt",
        "sub/works.csv",
        "table.csv",
    ]
    assert files["format"].tolist() == ["skipped", "skipped", "wos_plain", "openalex_csv", "skipped"]
    assert len(corpus) == 16 and corpus.report.balanced
    reasons = {p.file.split("exports/")[1]: p.reason for p in corpus.report.problems if p.reason.startswith("skipped")}
    assert reasons["notes.txt"] == "skipped: not an export, first line: 'search string: ecosystem services'"
    assert reasons["table.csv"] == "skipped: not an export, first line: 'country,count'"
    assert reasons["figure.png"].startswith("skipped: not an export (file looks binary")
    assert all(p.action == "note" for p in corpus.report.problems)
    # the records are those of the two exports read on their own
    alone = _read([shared_corpora / WOS, shared_corpora / OPENALEX])
    assert _values(corpus).equals(_values(alone))
    summary = ingest_summary(corpus)
    assert "from 2 file(s)" in summary and "3 file(s) skipped: not an export." in summary
    assert f"{messy_folder / 'notes.txt'}: skipped, not an export" in summary


def test_strict_turns_every_skipped_file_into_an_error(messy_folder):
    with pytest.raises(UnknownFormatError) as err:
        _read(messy_folder, strict=True)
    assert err.value.path == str(messy_folder / "figure.png")  # the first file in path order
    (messy_folder / "figure.png").unlink()
    with pytest.raises(UnknownFormatError, match="notes.txt, line 1: content matches no supported export format"):
        _read(messy_folder, strict=True)


def test_a_file_named_directly_that_is_no_export_is_an_error(messy_folder):
    with pytest.raises(UnknownFormatError, match="table.csv"):
        _read(messy_folder / "table.csv")
    with pytest.raises(UnknownFormatError):
        _read([messy_folder / "savedrecs.txt", messy_folder / "notes.txt"])


def test_a_damaged_export_in_a_folder_stays_an_error(shared_corpora, tmp_path):
    # only what no reader recognises is skipped; an export with undecodable bytes is not silently dropped
    folder = tmp_path / "in"
    folder.mkdir()
    data = (shared_corpora / WOS).read_bytes()
    (folder / "bad.txt").write_bytes(data[:5000] + b"\xff\xfe\xfa" + data[5000:])
    with pytest.raises(LitkitError, match="bad.txt"):
        _read(folder)


def test_folders_without_records_are_errors(tmp_path, shared_corpora):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(LitkitError, match="empty: no records found in this folder"):
        _read(empty)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("hello\n", encoding="utf-8")
    with pytest.raises(LitkitError, match=r"no records found in this folder \(1 file\(s\) skipped as no export"):
        _read(notes)
    # one empty folder among good inputs is still an error: the user named it
    with pytest.raises(LitkitError, match="empty: no records found"):
        _read([shared_corpora / WOS, empty])


def _zip(path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_zip_members_are_read_in_memory_and_named_in_provenance(shared_corpora, tmp_path):
    archive = _zip(
        tmp_path / "exports.zip",
        {
            "batch/savedrecs.txt": (shared_corpora / WOS).read_bytes(),
            "works.csv": (shared_corpora / OPENALEX).read_bytes(),
            "readme.txt": b"downloaded on Monday\n",
            "__MACOSX/._works.csv": b"\x00\x05\x16\x07",
            ".hidden": b"x",
        },
    )
    before = sorted(p.name for p in tmp_path.iterdir())
    corpus = _read(archive)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing extracted to disk
    names = corpus.report.files_table()["file"].tolist()
    assert names == [f"{archive}!batch/savedrecs.txt", f"{archive}!readme.txt", f"{archive}!works.csv"]
    assert corpus.report.files[1].format == "skipped"
    assert sorted(set(corpus.df["source_file"])) == [f"{archive}!batch/savedrecs.txt", f"{archive}!works.csv"]
    alone = _read([shared_corpora / WOS, shared_corpora / OPENALEX])
    assert _values(corpus).equals(_values(alone))
    # a member named as litkit names it reads on its own
    member = _read(f"{archive}!works.csv")
    assert _values(member).equals(_values(_read(shared_corpora / OPENALEX)))


def test_gz_and_tar_gz(shared_corpora, tmp_path):
    gz = tmp_path / "scopus.txt.gz"
    gz.write_bytes(gzip.compress((shared_corpora / SCOPUS).read_bytes()))
    corpus = _read(gz)
    assert corpus.report.files[0].file == f"{gz}!scopus.txt" and len(corpus) == 10
    assert _values(corpus).equals(_values(_read(shared_corpora / SCOPUS)))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, source in (("a/pubmed.nbib", PUBMED), ("b/works.csv", OPENALEX)):
            data = (shared_corpora / source).read_bytes()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    tgz = tmp_path / "exports.tar.gz"
    tgz.write_bytes(gzip.compress(buffer.getvalue()))
    corpus = _read(tgz)
    assert corpus.report.files_table()["file"].tolist() == [f"{tgz}!a/pubmed.nbib", f"{tgz}!b/works.csv"]
    assert len(corpus) == 208


def test_archive_inside_an_archive_is_skipped_and_an_xlsx_is_no_archive(shared_corpora, tmp_path):
    inner = _zip(tmp_path / "inner.zip", {"savedrecs.txt": (shared_corpora / WOS).read_bytes()})
    outer = _zip(
        tmp_path / "outer.zip", {"inner.zip": inner.read_bytes(), "works.csv": (shared_corpora / OPENALEX).read_bytes()}
    )
    corpus = _read(outer)
    assert [(f.format, [p.reason for p in f.problems]) for f in corpus.report.files] == [
        ("skipped", ["skipped: not an export (an archive inside an archive is not opened)"]),
        ("openalex_csv", []),
    ]
    # an Office Open XML file is a zip holding [Content_Types].xml: a document, handed to the readers
    docx = _zip(tmp_path / "notes.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert [(f.member, f.path.name) for f in input_files([docx])] == [(None, "notes.docx")]


def test_zip_bomb_is_refused_before_anything_is_read(tmp_path):
    bomb = _zip(tmp_path / "bomb.zip", {"savedrecs.txt": b"\0" * (20 << 20)})  # 20 MiB of zeros: ~20 kB
    assert bomb.stat().st_size * ARCHIVE_MAX_RATIO < 20 << 20
    with pytest.raises(LitkitError, match=r"bomb.zip: archive refused: member 'savedrecs.txt' expands [\d,]+ times"):
        _read(bomb)
    gz = tmp_path / "bomb.txt.gz"
    gz.write_bytes(gzip.compress(b"PT J\n" + b"A" * (20 << 20)))
    with pytest.raises(LitkitError, match=f"expands more than {ARCHIVE_MAX_RATIO} times its compressed size"):
        _read(gz)


def test_size_limit(monkeypatch, shared_corpora, tmp_path):
    import litkit.io.inputs as inputs

    data = (shared_corpora / PUBMED).read_bytes()
    archive = _zip(tmp_path / "a.zip", {"one.nbib": data, "two.nbib": data}, compression=zipfile.ZIP_STORED)
    monkeypatch.setattr(inputs, "ARCHIVE_MAX_BYTES", len(data) + 10)  # each member fits, both do not
    with pytest.raises(LitkitError, match="members expand to more than"):
        _read(archive)
    monkeypatch.setattr(inputs, "ARCHIVE_MAX_BYTES", 2 * len(data))
    assert len(_read(archive)) == 400


def test_the_same_file_twice_and_overlapping_batches_are_reported(shared_corpora, tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    text = (shared_corpora / WOS).read_text(encoding="utf-8")
    shutil.copy(shared_corpora / WOS, folder / "savedrecs.txt")
    shutil.copy(shared_corpora / WOS, folder / "savedrecs (1).txt")
    # an overlapping batch: the last three records of the export again, plus nothing new
    records = text.split("\nPT ")
    header, body = records[0], records[1:]
    overlap = header + "".join("\nPT " + r for r in body[-3:])
    (folder / "batch2.txt").write_text(overlap, encoding="utf-8")
    corpus = _read(folder)
    notes = {p.file.split("/")[-1]: p.reason for p in corpus.report.problems if p.action == "note"}
    # path order: "batch2.txt", "savedrecs (1).txt", "savedrecs.txt"
    assert notes["savedrecs.txt"].startswith(f"identical to {folder / 'savedrecs (1).txt'}")
    assert notes["savedrecs (1).txt"].startswith(
        f"3 of its records (by UT) were already read from {folder / 'batch2.txt'}"
    )
    assert "batch2.txt" not in notes
    assert len(corpus) == 19  # every record is kept; merge collapses them
    merged = litkit.merge(corpus)
    assert len(merged) == 8
    summary = ingest_summary(corpus)
    assert "identical to" in summary and "were already read from" in summary


def test_stream_ingest_and_cli_follow_the_same_rules(messy_folder, tmp_path):
    out = tmp_path / "c.parquet"
    report = ingest_to_parquet(messy_folder, out, progress=False)
    assert [f.format for f in report.files] == ["skipped", "skipped", "wos_plain", "openalex_csv", "skipped"]
    assert litkit.Corpus.read_parquet(out) == _read(messy_folder)
    result = CliRunner().invoke(app, ["ingest", str(messy_folder), "-o", str(tmp_path / "d.parquet")])
    assert result.exit_code == 0, result.output
    assert "3 file(s) skipped: not an export." in result.output
    result = CliRunner().invoke(app, ["ingest", str(messy_folder), "-o", str(tmp_path / "e.parquet"), "--strict"])
    assert result.exit_code != 0 and "figure.png" in result.output
    assert not (tmp_path / "e.parquet").exists()


def test_a_file_and_its_compressed_copy_are_identical(shared_corpora, tmp_path):
    folder = tmp_path / "both"
    folder.mkdir()
    data = (shared_corpora / SCOPUS).read_bytes()
    (folder / "scopus.txt").write_bytes(data)
    (folder / "scopus.txt.gz").write_bytes(gzip.compress(data))
    _zip(folder / "scopus.zip", {"scopus.txt": data, "other.txt": data[:-1]})
    files = input_files([folder])
    assert [(str(f).split("both/")[1], f.same_as and f.same_as.split("both/")[1]) for f in files] == [
        ("scopus.txt", None),
        ("scopus.txt.gz!scopus.txt", "scopus.txt"),
        ("scopus.zip!other.txt", None),
        ("scopus.zip!scopus.txt", "scopus.txt"),
    ]
    corpus = _read(folder)
    assert len(corpus) == 40 and len(litkit.merge(corpus)) == 10
