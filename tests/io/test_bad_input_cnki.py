"""CNKI readers on broken input: cut-off files, empty files, junk, stray lines, untitled records.

The rule under test: every record marker in a file is either read or reported as skipped
(``records_read + records_skipped == records_in_file``), and every oddity is listed in the
report with its line.
"""

from __future__ import annotations

import re

import pytest
from test_cnki_readers import ESTUDY, REFWORKS, SELFDEFINED, XLS_HTML

import litkit
from litkit.errors import DecodingError, LitkitError, UnknownFormatError
from litkit.io import read_file

REAL = {  # file -> record marker
    "cnki-refworks/CNKI.txt": r"^RT ",
    "cnki-endnote/demo.txt": r"^%0 ",
    "cnki-noteexpress/Classic5Test.net": r"^\{Reference Type\}",
    "cnki-noteexpress/CoverAllTest15Entries.net": r"^\{Reference Type\}",
    "cnki-noteexpress/mixed.net": r"^\{Reference Type\}",
}


def cut_last_record(text: str, marker: str) -> tuple[str, int]:
    """``text`` cut half-way through its last record, and the 1-based line that record starts on."""
    starts = [m.start() for m in re.finditer(marker, text, flags=re.MULTILINE)]
    last = starts[-1]
    line = text.count("\n", 0, last) + 1
    return text[: last + (len(text) - last) // 2], line


def check_cut(path, n_records: int, last_line: int):
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert report.records_in_file == n_records
    assert report.balanced
    about_last = [p for p in report.problems if p.line == last_line and p.action in ("kept", "skipped")]
    assert len(about_last) == 1, report.problems
    assert "cut short" in about_last[0].reason
    assert len(corpus) == n_records - (about_last[0].action == "skipped")
    return corpus, about_last[0]


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_file_with_last_record_cut_in_half(shared_corpora, expected_counts, tmp_path, name):
    text = (shared_corpora / name).read_bytes().decode("utf-8")
    cut, line = cut_last_record(text, REAL[name])
    path = tmp_path / name.replace("/", "_")
    path.write_bytes(cut.encode("utf-8"))
    corpus, problem = check_cut(path, expected_counts[name], line)
    if problem.action == "kept":  # the cut came after the title: the record is there, marked
        assert corpus.df.iloc[-1]["source_line"] == line


@pytest.mark.parametrize(
    "text, marker, name",
    [
        (ESTUDY, r"^DataType", "estudy.txt"),
        (SELFDEFINED, r"^SrcDatabase", "self.txt"),
        (REFWORKS.replace("\r\n", "\n"), r"^RT ", "rw.txt"),
    ],
)
def test_sample_with_last_record_cut_in_half(tmp_path, text, marker, name):
    cut, line = cut_last_record(text, marker)
    path = tmp_path / name
    path.write_bytes(cut.encode("gb18030"))
    check_cut(path, 3 if name != "rw.txt" else 4, line)


def test_xls_with_last_row_cut_in_half(tmp_path):
    html = XLS_HTML.format(charset="utf-8")
    last = html.rindex("<tr>")
    path = tmp_path / "cut.xls"
    path.write_bytes(html[: last + 60].encode("utf-8"))  # stops inside the title cell of the last row
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert report.records_in_file == 3 and report.balanced
    kept = [p for p in report.problems if p.action == "kept"]
    assert len(kept) == 1 and "cut short" in kept[0].reason and kept[0].line == 10
    assert corpus.df.iloc[-1]["TI"] == "生态补偿的国际比较"

    path.write_bytes(html[: last + 25].encode("utf-8"))  # stops before the title cell
    report = litkit.read(path).report.files[0]
    assert report.records_in_file == 3 and report.records_skipped == 1 and report.balanced
    assert report.problems[0].action == "skipped" and "no title" in report.problems[0].reason


def test_byte_cut_inside_a_character_keeps_utf8(shared_corpora, tmp_path):
    data = (shared_corpora / "cnki-refworks" / "CNKI.txt").read_bytes()
    end = len(data) - 300
    while data[end - 1] < 0xE0:  # end on the lead byte of a 3-byte character
        end -= 1
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:end])
    corpus = litkit.read(path)
    assert corpus.df.iloc[0]["TI"] == "基于VR技术的视觉传达设计创新路径探究"


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n  \n"])
def test_empty_files_raise_an_error_naming_the_file(tmp_path, content):
    path = tmp_path / "CNKI-empty.txt"
    path.write_bytes(content)
    with pytest.raises(UnknownFormatError) as info:
        litkit.read(path)
    assert info.value.path == str(path) and info.value.line == 1


def test_junk_raises_an_error_naming_the_file(tmp_path):
    path = tmp_path / "CNKI-junk.xls"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(LitkitError) as info:
        litkit.read(path)
    assert info.value.path == str(path)
    text = tmp_path / "notes.txt"
    text.write_text("这不是知网导出文件。\n只是一段说明文字。\n", encoding="gb18030")
    with pytest.raises(UnknownFormatError):
        litkit.read(text)


def test_gb18030_file_forced_to_utf8_raises_decoding_error(tmp_path):
    path = tmp_path / "self.txt"
    path.write_bytes(SELFDEFINED.encode("gb18030"))
    with pytest.raises(DecodingError) as info:
        read_file(path, encoding="utf-8")
    assert info.value.path == str(path)


def test_stray_lines_are_joined_and_reported(tmp_path):
    text = REFWORKS.replace("YR 2000\r\n", "YR 2000\r\n@@ line that is no tag @@\r\n")
    path = tmp_path / "rw.txt"
    path.write_bytes(("导出时间：2024-05-01\r\n" + text).encode("utf-8"))
    records, report = read_file(path, format="cnki_refworks")  # the preamble hides the signature
    assert report.records_in_file == 4 and len(records) == 4 and report.balanced
    reasons = {p.line: (p.action, p.reason) for p in report.problems}
    assert reasons[1][0] == "note" and "before the first record" in reasons[1][1]
    stray = text.split("\r\n").index("@@ line that is no tag @@") + 2  # +1 preamble, +1 for 1-based
    assert reasons[stray][0] == "kept" and "'YR'" in reasons[stray][1]
    assert records[2]["PY"] == 2000


def test_record_without_title_is_skipped_and_reported(shared_corpora, tmp_path):
    text = (shared_corpora / "cnki-noteexpress" / "mixed.net").read_bytes().decode("utf-8")
    text = text.replace("{Title}: 基于GA-BP算法的长江运价指数模型研究及预测\n", "", 1)
    path = tmp_path / "untitled.net"
    path.write_bytes(text.encode("utf-8"))
    corpus = litkit.read(path)
    report = corpus.report.files[0]
    assert report.records_in_file == 12 and len(corpus) == 11 and report.records_skipped == 1
    skipped = [p for p in report.problems if p.action == "skipped"]
    assert len(skipped) == 1 and skipped[0].record == 1 and "no title" in skipped[0].reason
    assert skipped[0].line == text.split("\n").index("{Reference Type}: Journal Article", 12) + 1


def test_lone_marker_and_header_only_table(tmp_path):
    path = tmp_path / "lone.txt"
    path.write_text("%0 Journal Article\n%W CNKI\n", encoding="utf-8")
    records, report = read_file(path, format="cnki_endnote")
    assert (report.records_in_file, len(records), report.records_skipped) == (1, 0, 1)

    table = tmp_path / "header.xls"
    table.write_text("<table><tr><td>Title-题名</td><td>Author-作者</td></tr></table>", encoding="utf-8")
    corpus = litkit.read(table)
    assert len(corpus) == 0 and corpus.report.files[0].records_in_file == 0 and corpus.report.balanced


@pytest.mark.parametrize("name", sorted(REAL))
def test_any_cut_keeps_the_books_balanced(shared_corpora, tmp_path, name):
    """Cut each real file at 25 places: reading never fails and every record marker is accounted for."""
    text = (shared_corpora / name).read_bytes().decode("utf-8")
    marker = re.compile(REAL[name], re.MULTILINE)
    step = max(1, len(text) // 25)
    path = tmp_path / "cut.txt"
    for end in range(step, len(text), step):
        head = text[:end]
        path.write_bytes(head.encode("utf-8"))
        try:
            records, report = read_file(path)
        except UnknownFormatError:  # a cut inside the first record can hide the signature
            assert len(marker.findall(head)) <= 1
            continue
        assert report.records_in_file == len(marker.findall(head)), end
        assert report.records_read + report.records_skipped == report.records_in_file, end
        assert len(records) == report.records_read
