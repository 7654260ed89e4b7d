"""Streaming ingest (issue 10): export files to Parquet batch by batch, the same corpus as ``litkit.read``.

Every test compares the streamed file, read back with ``Corpus.read_parquet``,
with ``litkit.read`` of the same paths: every value (``Corpus.__eq__``), the
dtypes, and the ingest report (files and problems tables).  Small batches make
several row groups, with batches that end inside files.
"""

from __future__ import annotations

import gc
import math
import random

import pyarrow.parquet as pq
import pytest
from helpers.mutate import decode_lf, mid_record_cuts, segment
from typer.testing import CliRunner

import litkit
from litkit.cli import app
from litkit.commands.ingest import ingest_summary, ingest_summary_from_tally
from litkit.corpus import Corpus
from litkit.errors import OutputExistsError, UnknownFormatError
from litkit.io.parquet import REPORT_KEY, CorpusTally, read_report, tally
from litkit.io.stream import ingest_to_parquet


@pytest.fixture(scope="module")
def demo_paths(demo_dir):
    return [demo_dir / "wos", demo_dir / "cnki", demo_dir / "scopus"]


@pytest.fixture(scope="module")
def demo_corpus(demo_paths):
    return litkit.read(demo_paths, progress=False)


def assert_same_corpus(back: Corpus, expected: Corpus) -> None:
    assert len(back) == len(expected)
    assert back == expected
    assert back.df.dtypes.to_dict() == expected.df.dtypes.to_dict()
    assert back.report == expected.report
    assert back.report.files_table().equals(expected.report.files_table())
    assert back.report.problems_table().equals(expected.report.problems_table())


def row_group_sizes(path) -> list[int]:
    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


# ---- equality with litkit.read ---------------------------------------------------------------


def test_demo_streamed_in_small_batches_equals_read(demo_paths, demo_corpus, tmp_path):
    out = tmp_path / "demo.parquet"
    report = ingest_to_parquet(demo_paths, out, batch_records=7, progress=False)
    assert report == demo_corpus.report
    assert_same_corpus(Corpus.read_parquet(out), demo_corpus)
    n = len(demo_corpus)
    assert row_group_sizes(out) == [7] * (n // 7) + ([n % 7] if n % 7 else [])
    # batches end inside files: some file's record count is not a multiple of 7
    assert any(f.records_read % 7 for f in demo_corpus.report.files)


def test_demo_default_batch_is_one_row_group(demo_paths, demo_corpus, tmp_path):
    out = tmp_path / "demo.parquet"
    ingest_to_parquet(demo_paths, out, progress=False)
    assert row_group_sizes(out) == [len(demo_corpus)]
    assert_same_corpus(Corpus.read_parquet(out), demo_corpus)


def test_real_exports_streamed_equals_read(shared_corpora, expected_counts, tmp_path):
    paths = [shared_corpora / name for name in expected_counts]
    expected = litkit.read(paths, progress=False)
    out = tmp_path / "real.parquet"
    counts = CorpusTally()
    report = ingest_to_parquet(paths, out, batch_records=97, progress=False, on_batch=counts.add)
    assert report.records_read == sum(expected_counts.values()) == len(expected)
    assert report.balanced
    assert [f.records_in_file for f in report.files] == list(expected_counts.values())
    back = Corpus.read_parquet(out)
    assert_same_corpus(back, expected)
    assert len(row_group_sizes(out)) == math.ceil(len(expected) / 97)
    assert len(report.problems) > 0  # badFile.isi and others: the problems survive the trip
    # what `litkit ingest` prints, counted batch by batch or from the file: the same text as from the corpus
    assert ingest_summary_from_tally(report, counts) == ingest_summary(expected)
    assert ingest_summary_from_tally(report, tally(out)) == ingest_summary(expected)
    assert counts == tally(out, fields=list(counts.filled))


def test_every_real_export_alone(shared_corpora, expected_counts, tmp_path):
    for i, name in enumerate(expected_counts):
        expected = litkit.read(shared_corpora / name, progress=False)
        out = tmp_path / f"{i}.parquet"
        report = ingest_to_parquet(shared_corpora / name, out, batch_records=50, progress=False)
        assert len(expected) == expected_counts[name], name
        assert_same_corpus(Corpus.read_parquet(out), expected)
        assert ingest_summary_from_tally(report, tally(out)) == ingest_summary(expected), name


def test_damaged_file_gives_the_same_problems(demo_dir, tmp_path):
    source = sorted((demo_dir / "wos").glob("*.txt"))[0]
    seg = segment(decode_lf(source.read_bytes()), "wos_plain")
    mutant = mid_record_cuts(seg, budget=3, rng=random.Random(10))[-1]
    damaged = tmp_path / "in" / "cut.txt"
    damaged.parent.mkdir()
    damaged.write_bytes(mutant.data)
    expected = litkit.read(damaged, progress=False)
    assert len(expected.report.problems) > 0
    out = tmp_path / "cut.parquet"
    ingest_to_parquet(damaged, out, batch_records=5, progress=False)
    back = Corpus.read_parquet(out)
    assert_same_corpus(back, expected)
    assert len(back) == mutant.n_records


def test_summary_counts_from_the_file(demo_paths, demo_corpus, tmp_path):
    out = tmp_path / "demo.parquet"
    report = ingest_to_parquet(demo_paths, out, batch_records=100, progress=False)
    counts = tally(out, fields=list(demo_corpus.df.columns))
    assert counts.records == len(demo_corpus)
    summary = demo_corpus.summary()
    assert sorted(counts.groups) == list(zip(summary["DB"], summary["source_format"]))
    for row in summary.itertuples(index=False):
        assert counts.groups[(row.DB, row.source_format)] == [row.records, row.year_min, row.year_max]
    filled = demo_corpus.fields_filled()
    for name, n in counts.filled.items():
        assert n / len(demo_corpus) == pytest.approx(filled[name]), name
    assert ingest_summary_from_tally(report, counts) == ingest_summary(demo_corpus)


# ---- the file ---------------------------------------------------------------------------------


def test_same_schema_and_report_key_as_to_parquet(demo_paths, demo_corpus, tmp_path):
    streamed, whole = tmp_path / "streamed.parquet", tmp_path / "whole.parquet"
    ingest_to_parquet(demo_paths, streamed, batch_records=300, progress=False)
    demo_corpus.to_parquet(whole)
    assert pq.read_schema(streamed).equals(pq.read_schema(whole), check_metadata=True)
    kv_streamed = pq.read_metadata(streamed).metadata
    kv_whole = pq.read_metadata(whole).metadata
    assert kv_streamed[REPORT_KEY] == kv_whole[REPORT_KEY]
    assert read_report(streamed) == demo_corpus.report
    assert pq.read_table(streamed).equals(pq.read_table(whole))


def test_deterministic_bytes(demo_paths, tmp_path, capsys):
    first, second = tmp_path / "a.parquet", tmp_path / "b.parquet"
    ingest_to_parquet(demo_paths, first, batch_records=250, progress=False)
    ingest_to_parquet(demo_paths, second, batch_records=250, progress=True)
    assert first.read_bytes() == second.read_bytes()
    bars = capsys.readouterr().err
    assert "savedrecs.txt" in bars and "CNKI-endnote.txt" in bars and " records" in bars  # a bar per file


def test_refuses_to_overwrite_unless_asked(demo_dir, tmp_path):
    out = tmp_path / "c.parquet"
    out.write_bytes(b"a user's file")
    with pytest.raises(OutputExistsError):
        ingest_to_parquet(demo_dir / "cnki", out, progress=False)
    assert out.read_bytes() == b"a user's file"
    ingest_to_parquet(demo_dir / "cnki", out, overwrite=True, progress=False)
    assert Corpus.read_parquet(out) == litkit.read(demo_dir / "cnki", progress=False)


def test_interrupted_ingest_leaves_nothing(demo_paths, tmp_path, monkeypatch):
    # The stream reads each file through litkit.io.ReadSession, which calls litkit.io.iter_file_parts.
    real_iter_file_parts = litkit.io.iter_file_parts
    parts = []

    def interrupted(path, report, **kwargs):
        for part in real_iter_file_parts(path, report, **kwargs):
            parts.append(part)
            if len(parts) == 3:
                raise KeyboardInterrupt  # Ctrl-C after several batches were written
            yield part

    monkeypatch.setattr(litkit.io, "iter_file_parts", interrupted)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    gc_enabled = gc.isenabled()
    with pytest.raises(KeyboardInterrupt):
        ingest_to_parquet(demo_paths, out_dir / "c.parquet", batch_records=7, progress=False)
    assert list(out_dir.iterdir()) == []  # no output and no temporary file
    assert gc.isenabled() == gc_enabled
    assert sum(getattr(part, "n", 1) for part in parts[:2]) > 14  # two batches had been written


def test_unreadable_file_leaves_nothing(demo_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((sorted((demo_dir / "wos").glob("*.txt"))[0]).read_bytes())
    (folder / "b.txt").write_text("neither WoS nor CNKI nor Scopus\n", encoding="utf-8")
    out = tmp_path / "out" / "c.parquet"
    # In a folder such a file is skipped and listed; strict=True makes it the error this test needs.
    with pytest.raises(UnknownFormatError):
        ingest_to_parquet(folder, out, batch_records=10, progress=False, strict=True)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_no_records_gives_an_empty_corpus(tmp_path):
    # A file named directly that holds no record (only the FN/VR/EF frame) gives an empty corpus.
    path = tmp_path / "empty.txt"
    path.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n", encoding="utf-8")
    out = tmp_path / "c.parquet"
    report = ingest_to_parquet(path, out, progress=False)
    back = Corpus.read_parquet(out)
    expected = litkit.read(path, progress=False)
    assert len(back) == 0 and report.records_read == 0 and len(report.files) == 1
    assert back == expected and back.df.dtypes.to_dict() == expected.df.dtypes.to_dict()


def test_a_folder_without_records_is_an_error_and_writes_nothing(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    out = tmp_path / "out" / "c.parquet"
    with pytest.raises(litkit.errors.LitkitError, match="no records found in this folder"):
        ingest_to_parquet(folder, out, progress=False)
    with pytest.raises(litkit.errors.LitkitError, match="no records found in this folder"):
        litkit.read(folder, progress=False)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_batch_size_must_be_positive(demo_dir, tmp_path):
    with pytest.raises(ValueError):
        ingest_to_parquet(demo_dir / "cnki", tmp_path / "c.parquet", batch_records=0)
    assert not (tmp_path / "c.parquet").exists()


# ---- the command ----------------------------------------------------------------------------


def test_cli_ingest_streams_with_the_same_summary(demo_paths, demo_corpus, tmp_path):
    out, problems = tmp_path / "c.parquet", tmp_path / "problems.csv"
    result = CliRunner().invoke(app, ["ingest", *map(str, demo_paths), "-o", str(out), "--report", str(problems)])
    assert result.exit_code == 0, result.output
    assert result.output == ingest_summary(demo_corpus) + f"\n\nWrote {out}\n"
    assert_same_corpus(Corpus.read_parquet(out), demo_corpus)
    assert problems.read_text(encoding="utf-8") == demo_corpus.report.problems_table().to_csv(
        index=False, lineterminator="\n"
    )


def test_cli_refuses_an_existing_report_before_reading(demo_paths, tmp_path):
    out, problems = tmp_path / "c.parquet", tmp_path / "problems.csv"
    problems.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", *map(str, demo_paths), "-o", str(out), "--report", str(problems)])
    assert result.exit_code == 2
    assert not out.exists() and problems.read_text(encoding="utf-8") == "mine\n"


# ---- the shared Parquet layer (Corpus.to_parquet / read_parquet go through it too) ------------------


def test_files_written_by_the_former_to_parquet_still_read(demo_corpus, tmp_path):
    """Before litkit.io.parquet the schema was inferred and the report was schema metadata."""
    import json

    import pyarrow as pa

    table = pa.Table.from_pandas(demo_corpus.df, preserve_index=False)
    assert pa.types.is_null(table.schema.field("BN").type)  # an all-empty column, as those files had
    meta = {
        **table.schema.metadata,
        REPORT_KEY: json.dumps(demo_corpus.report.to_dict(), ensure_ascii=False, sort_keys=True).encode(),
    }
    path = tmp_path / "old.parquet"
    pq.write_table(table.replace_schema_metadata(meta), path)
    assert_same_corpus(Corpus.read_parquet(path), demo_corpus)


def test_to_parquet_keeps_a_users_extra_columns(demo_corpus, tmp_path):
    corpus = Corpus(demo_corpus.df.assign(cluster=[i % 3 for i in range(len(demo_corpus))]), demo_corpus.report)
    back = Corpus.read_parquet(corpus.to_parquet(tmp_path / "c.parquet"))
    assert list(back.df.columns) == list(demo_corpus.df.columns) + ["cluster"]
    assert back == corpus
    # canonical columns keep their fixed types even when empty in this corpus
    assert str(pq.read_schema(tmp_path / "c.parquet").field("BN").type) == "string"
