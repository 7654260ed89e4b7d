"""The foundation: encoding sniffing, atomic output, the canonical corpus and its Parquet form."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

import litkit
from litkit import _atomic
from litkit.corpus import COLUMN_NAMES, LIST_COLUMNS, Corpus, stable_id
from litkit.errors import DecodingError, LitkitError, OutputExistsError, UnknownFormatError
from litkit.io import expand_paths
from litkit.io.ingest_report import FileReport, IngestReport
from litkit.io.sniff import TextSource, detect_encoding

ZH = "生态产品价值实现机制；碳汇；生态补偿\n"
EN = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Café society\n"


@pytest.mark.parametrize(
    "data, expected",
    [
        (codecs.BOM_UTF8 + EN.encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + EN.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + EN.encode("utf-16-be"), "utf-16"),
        (EN.encode("utf-16-le"), "utf-16-le"),
        (EN.encode("utf-16-be"), "utf-16-be"),
        (EN.encode("utf-8"), "utf-8"),
        ((ZH * 20).encode("gb18030"), "gb18030"),
        ((ZH * 20).encode("gbk"), "gb18030"),
        (EN.encode("cp1252"), "cp1252"),
        ("naïve “quoted” text — dash".encode("cp1252"), "cp1252"),
    ],
)
def test_detect_encoding(data, expected):
    assert detect_encoding(data) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_source_gives_same_lines_whatever_the_encoding_and_line_end(tmp_path, encoding, newline):
    lines = ["RT Journal Article", "T1 生态产品价值实现的路径", "K1 碳汇;生态补偿", ""]
    path = tmp_path / "f.txt"
    path.write_bytes(newline.join(lines).encode(encoding))
    source = TextSource(path)
    assert list(source.lines()) == lines[:3]
    assert source.read_text().split("\n")[:3] == lines[:3]
    assert not source.read_text().startswith("\ufeff")


def test_decoding_error_names_file_and_line(tmp_path):
    path = tmp_path / "broken.txt"
    good = "PT J\nTI ok\n" * 3000  # more than the sniffing sample would need
    path.write_bytes(good.encode("utf-8") + b"TI bad \xff\xfe byte\n" + b"ER\n")
    source = TextSource(path, encoding="utf-8")
    with pytest.raises(DecodingError) as info:
        list(source.lines())
    assert info.value.path == str(path)
    assert info.value.line == 6001
    with pytest.raises(DecodingError) as info:
        source.read_text()
    assert info.value.line == 6001
    assert "broken.txt, line 6001" in str(info.value)


def test_error_message_names_file_line_and_expectation():
    err = LitkitError("tag glued to its value", path="x.isi", line=416, expected="'AU Gilles, H'")
    assert str(err) == "x.isi, line 416: tag glued to its value (expected 'AU Gilles, H')"


def test_unknown_and_empty_files_raise_litkit_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnknownFormatError, match="empty"):
        litkit.read(empty)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(LitkitError) as info:
        litkit.read(junk)
    assert str(junk) in str(info.value)
    prose = tmp_path / "notes.txt"
    prose.write_text("Dear colleague,\nhere are my notes.\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError) as info:
        litkit.read(prose)
    assert info.value.line == 1 and "Dear colleague" in str(info.value)
    with pytest.raises(LitkitError, match="no such file"):
        litkit.read(tmp_path / "missing.txt")


def test_atomic_write_refuses_to_clobber_and_leaves_no_partial_file(tmp_path):
    target = tmp_path / "table.csv"
    _atomic.write_text(target, "a\n")
    with pytest.raises(OutputExistsError):
        _atomic.write_text(target, "b\n", overwrite=False)
    assert target.read_text() == "a\n"
    with pytest.raises(RuntimeError):
        with _atomic.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def _sample_corpus() -> Corpus:
    return Corpus.from_records(
        [
            {
                "UT": "WOS:000001",
                "DB": "WoS",
                "PT": "J",
                "AU": ["Costanza, R", "d'Arge, R"],
                "TI": "The value of the world's ecosystem services",
                "SO": "NATURE",
                "PY": 1997,
                "DE": [],
                "CR": ["Daily GC, 1997, NATURES SERVICES"],
                "TC": 25000,
                "source_file": "a.txt",
                "source_line": 3,
                "source_format": "wos_plain",
            },
            {
                "UT": None,
                "DB": "CNKI",
                "AU": ["谢高地", "张彩霞"],
                "TI": "中国生态系统服务的价值",
                "SO": "资源科学",
                "PY": 2015,
                "DE": ["生态系统服务", "价值"],
                "source_file": "b.txt",
                "source_line": 1,
                "source_format": "cnki_refworks",
                "extra": '{"CN": "11-3868/N"}',
            },
        ],
        report=IngestReport([FileReport("a.txt", "wos_plain", "WoS", "utf-8", 1, 1, 0)]),
    )


def test_corpus_shape_and_types():
    c = _sample_corpus()
    assert len(c) == 2
    assert list(c.df.columns) == list(COLUMN_NAMES)
    assert str(c.df["PY"].dtype) == "Int64"
    for col in LIST_COLUMNS:
        assert all(isinstance(v, list) for v in c.df[col])
    assert c.df.loc[1, "CR"] == []
    assert "2 records" in repr(c)


def test_parquet_round_trip_preserves_lists_types_and_report(tmp_path):
    c = _sample_corpus()
    path = c.to_parquet(tmp_path / "c.parquet")
    back = Corpus.read_parquet(path)
    assert back == c
    assert back.df.loc[1, "AU"] == ["谢高地", "张彩霞"]
    assert back.report.files[0].records_read == 1
    with pytest.raises(OutputExistsError):
        c.to_parquet(path)


def test_summary_and_html_escape_data():
    c = _sample_corpus()
    c.df.loc[0, "TI"] = "<script>alert(1)</script>"
    html = c._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    summary = c.summary()
    assert set(summary["DB"]) == {"WoS", "CNKI"}
    assert summary["records"].sum() == 2


def test_stable_id_is_stable_and_sensitive():
    a = stable_id("CNKI", "生态产品", 2021, "张三")
    assert a == stable_id("CNKI", " 生态产品 ", "2021", "张三")
    assert a != stable_id("CNKI", "生态产品", 2022, "张三")
    assert a.startswith("CNKI:") and len(a) == len("CNKI:") + 16


def test_report_balance():
    f = FileReport("x", records_in_file=3)
    f.records_read = 2
    assert not f.balanced
    f.problem(10, "record without ER", action="skipped")
    assert f.balanced
    rep = IngestReport([f])
    assert rep.problems_table().loc[0, "line"] == 10
    assert IngestReport.from_dict(rep.to_dict()).files[0].problems[0].reason == "record without ER"


def test_expand_paths_skips_hidden_and_notes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / "PROVENANCE.txt").write_text("x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.txt", "b.txt"]


def test_frame_rejects_unknown_fields():
    with pytest.raises(KeyError, match="XX"):
        Corpus.from_records([{"UT": "1", "XX": "typo"}])


def test_readme_documents_every_canonical_column():
    from pathlib import Path

    from litkit.corpus import columns_markdown

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert columns_markdown() in readme


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    import os
    import stat

    target = _atomic.write_text(tmp_path / "t.txt", "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_utf8_file_cut_inside_its_last_character_stays_utf8(tmp_path):
    text = "RT Journal Article\nT1 生态产品价值实现\n"
    data = text.encode("utf-8")
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:-2])  # cut inside the final "现" (3 bytes) … after dropping the newline
    source = TextSource(path)
    assert source.encoding == "utf-8"
    lines = list(source.lines())
    assert lines[0] == "RT Journal Article" and lines[1].startswith("T1 生态产品价值实")
    assert lines[1].endswith("\ufffd")


def test_public_api_names_are_functions_whatever_was_imported_first():
    import importlib

    import litkit.bursts  # noqa: F401  (submodules loaded before the names are used)
    import litkit.merging  # noqa: F401
    import litkit.merging.grouping  # noqa: F401
    import litkit.network._cooccurrence  # noqa: F401

    lk = importlib.import_module("litkit")
    assert callable(lk.merge) and callable(lk.cooccurrence) and callable(lk.citation_bursts)
    assert callable(lk.bursts.kleinberg) and callable(lk.policy.read) and callable(lk.read)


def test_read_moves_its_corpus_to_the_oldest_gc_generation(demo_dir):
    import gc

    path = sorted((demo_dir / "wos").glob("*.txt"))[0]
    gc.collect()
    enabled = gc.isenabled()
    corpus = litkit.read(path)
    assert gc.isenabled() == enabled
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}
    authors = [value for value in corpus.df["AU"] if value]
    assert authors and not any(id(value) in young for value in authors)
    # A program's own frozen objects stay frozen (gc.unfreeze would release them).
    mine = [[] for _ in range(10)]
    gc.freeze()
    try:

        def frozen(objects):  # gc.get_objects() lists every generation but the permanent one
            tracked = {id(o) for o in gc.get_objects()}
            return not any(id(o) in tracked for o in objects)

        assert frozen(mine)
        corpus = litkit.read(path)
        assert frozen(mine) and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert not frozen(mine)


def test_int_columns_take_ints_directly_and_coerce_anything_else():
    from litkit.corpus import int_array

    assert list(int_array([2021, None, 7])) == [2021, pd.NA, 7]
    assert list(int_array(["12", "x", 3, None])) == [12, pd.NA, 3, pd.NA]  # unreadable text: <NA>
    assert str(int_array([]).dtype) == "Int64"
