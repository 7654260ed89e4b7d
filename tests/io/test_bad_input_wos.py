"""Bad input for the Web of Science readers: truncation, junk, empty files, re-encodings, broken bytes.

Inputs are generated in tmp_path from the real exports (never copied into the project).
The plain-text cases run with each engine (``wos_engine``: "c", the fast path, which
declines these files partway, and "python", the record path).
"""

from __future__ import annotations

import random

import pytest

import litkit
from litkit.errors import DecodingError, LitkitError, UnknownFormatError

PLAIN = "wos-plaintext-bibliometrix-fixture/wos_sample.txt"  # 8 records, UTF-8, LF
TAB = "wos-tabdelimited/labnetwork_savedrecs.txt"  # 212 rows, UTF-8 BOM, CRLF


def _text(shared_corpora, name: str) -> str:
    return (shared_corpora / name).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def _frame(path, engine=None):
    """The corpus frame without the file name (which differs between variants)."""
    return litkit.read(path, engine=engine).df.drop(columns=["source_file"])


# ---- truncated files ----------------------------------------------------------------------------


def test_plain_text_last_record_cut_in_half(shared_corpora, tmp_path, wos_engine):
    text = _text(shared_corpora, PLAIN)
    start = text.rindex("\nPT ") + 1
    end = text.index("\nER", start)
    path = tmp_path / "cut.txt"
    path.write_text(text[: (start + end) // 2], encoding="utf-8")
    corpus = litkit.read(path, engine=wos_engine)
    report = corpus.report.files[0]
    assert report.records_in_file == 8
    assert report.records_read + report.records_skipped == 8
    cut = [p for p in report.problems if "not closed by ER" in p.reason]
    assert len(cut) == 1 and cut[0].record == 7
    assert cut[0].line == text[:start].count("\n") + 1  # the PT line of the cut record
    # cut after the title: the record is identifiable, so it is kept (and reported)
    assert cut[0].action == "kept" and len(corpus) == 8
    assert corpus.df.iloc[-1]["TI"].startswith("PubMedMetaTool")
    assert corpus.df.iloc[:7].equals(
        _frame(shared_corpora / PLAIN, wos_engine)
        .iloc[:7]
        .assign(source_file=corpus.df["source_file"].iloc[:7])[corpus.df.columns]
    )


def test_plain_text_cut_before_the_title_is_skipped_and_reported(shared_corpora, tmp_path, wos_engine):
    text = _text(shared_corpora, PLAIN)
    start = text.rindex("\nPT ") + 1
    path = tmp_path / "cut_early.txt"
    path.write_text(text[: text.index("\nTI ", start)], encoding="utf-8")
    report = litkit.read(path, engine=wos_engine).report.files[0]
    assert (report.records_in_file, report.records_read, report.records_skipped) == (8, 7, 1)
    assert [p.action for p in report.problems if "not closed by ER" in p.reason] == ["skipped"]


def test_tab_delimited_last_row_cut_in_half(shared_corpora, tmp_path):
    raw = (shared_corpora / TAB).read_bytes()
    last = raw.rstrip(b"\r\n").rindex(b"\r\n") + 2
    path = tmp_path / "cut_tab.txt"
    path.write_bytes(raw[: last + (len(raw) - last) // 2])
    report = litkit.read(path).report.files[0]
    assert (report.records_in_file, report.records_read, report.records_skipped) == (212, 211, 1)
    problem = report.problems[-1]
    assert problem.line == 213 and problem.action == "skipped"
    assert "header names 67 columns" in problem.reason


def test_tab_row_with_an_extra_field_is_not_shifted(tmp_path):
    path = tmp_path / "shifted.txt"
    path.write_text(
        "PT\tAU\tTI\tPY\tUT\nJ\tWang, L\tGood row\t2020\tWOS:1\nJ\tLi, X\tExtra\tfield\t2021\tWOS:2\n", encoding="utf-8"
    )
    corpus = litkit.read(path)
    assert corpus.df["TI"].tolist() == ["Good row"]
    report = corpus.report.files[0]
    assert report.balanced and report.records_skipped == 1 and report.problems[-1].line == 3


# ---- defects inside a good plain-text file -----------------------------------------------------


def test_record_without_er_before_next_pt_is_kept_and_reported(tmp_path, wos_engine):
    path = tmp_path / "no_er.txt"
    path.write_text(
        "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        "PT J\nAU Wang, L\nTI First\nPY 2020\nUT WOS:1\n"
        "PT J\nAU Li, X\nTI Second\nPY 2021\nUT WOS:2\nER\n\nEF\n",
        encoding="utf-8",
    )
    corpus = litkit.read(path, engine=wos_engine)
    assert corpus.df["TI"].tolist() == ["First", "Second"]
    assert corpus.df["PY"].tolist() == [2020, 2021]
    (problem,) = corpus.report.problems
    assert problem.line == 3 and problem.action == "kept" and "no ER" in problem.reason


def test_unindented_continuation_line_is_reported(tmp_path, wos_engine):
    path = tmp_path / "unindented.txt"
    path.write_text(
        "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        "PT J\nAU Wang, L\nTI A title wrapped\nwithout indentation\nPY 2020\nUT WOS:1\nER\nEF\n",
        encoding="utf-8",
    )
    corpus = litkit.read(path, engine=wos_engine)
    assert corpus.df.loc[0, "TI"] == "A title wrapped without indentation"
    (problem,) = corpus.report.problems
    assert problem.line == 6 and "continuation of TI" in problem.reason


# ---- not a WoS file at all ------------------------------------------------------------------------


def test_binary_junk_raises_naming_the_file(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(random.Random(7).randbytes(8192))
    with pytest.raises(LitkitError) as info:
        litkit.read(path)
    assert isinstance(info.value, (UnknownFormatError, DecodingError))
    assert info.value.path == str(path) and "junk.txt" in str(info.value)


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n", b"\xef\xbb\xbf"])
def test_empty_file_raises_naming_the_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(UnknownFormatError) as info:
        litkit.read(path)
    assert info.value.path == str(path)


# ---- encodings and line ends ----------------------------------------------------------------------


def _encode(text: str, encoding: str, newline: str) -> bytes:
    text = text.replace("\n", newline)
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


VARIANTS = [
    ("utf-8", "\n"),
    ("utf-8-bom", "\n"),
    ("utf-8", "\r\n"),
    ("utf-8-bom", "\r"),
    ("utf-16le-bom", "\r\n"),
    ("utf-16le-bom", "\r"),
    ("utf-16-le", "\n"),
    ("cp1252", "\r\n"),
]


@pytest.mark.parametrize("encoding, newline", VARIANTS)
def test_plain_text_reencoded_gives_same_values(shared_corpora, tmp_path, encoding, newline, wos_engine):
    text = _text(shared_corpora, PLAIN)
    assert any(ord(c) > 127 for c in text)  # the check is meaningful: "Çelik KT" etc.
    path = tmp_path / "variant.txt"
    path.write_bytes(_encode(text, encoding, newline))
    assert _frame(path, wos_engine).equals(_frame(shared_corpora / PLAIN, "python"))  # the reference


@pytest.mark.parametrize("encoding, newline", [("utf-8", "\n"), ("utf-16le-bom", "\r"), ("cp1252", "\r\n")])
def test_tab_delimited_reencoded_gives_same_values(shared_corpora, tmp_path, encoding, newline):
    text = _text(shared_corpora, TAB)
    path = tmp_path / "variant_tab.txt"
    path.write_bytes(_encode(text, encoding, newline))
    assert _frame(path).equals(_frame(shared_corpora / TAB))


# ---- broken bytes -----------------------------------------------------------------------------------


def test_invalid_utf8_in_the_middle_names_the_line(shared_corpora, tmp_path, wos_engine):
    lines = _text(shared_corpora, PLAIN).encode("utf-8").split(b"\n")
    lines[300] += b" \xff\xfe"
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(DecodingError) as info:
        litkit.read(path, engine=wos_engine)
    assert info.value.line == 301 and info.value.path == str(path)


def test_invalid_utf8_beyond_the_sniffed_sample_names_the_line(shared_corpora, tmp_path, wos_engine):
    text = _text(shared_corpora, PLAIN)
    body = text[text.index("PT ") : text.rindex("\nEF")] + "\n"
    head = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
    copies = 120  # about 4.8 MB: the damage lies past the 4 MB the encoding sniffer reads
    data = (head + body * copies).encode("utf-8")
    bad_line = data.count(b"\n") + 1
    path = tmp_path / "big_broken.txt"
    path.write_bytes(data + b"TI bad \x80 byte\n" + b"EF\n")
    with pytest.raises(DecodingError) as info:
        litkit.read(path, engine=wos_engine)
    assert info.value.line == bad_line
