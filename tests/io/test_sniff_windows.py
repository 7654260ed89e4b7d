"""Sniffing beyond a fixed window (issue 19): large .xlsx workbooks and UTF-8 with a stray byte.

A WPS-saved workbook stores ``[Content_Types].xml`` last, so in a workbook of more than 64 KiB
the sniff window of the first bytes does not show it is one; a sheet whose XML before the
header row is long hides the header too.  :func:`litkit.io.wos_excel.sniff_file` reads the
zip's directory and the first rows of the sheets as a stream.  A UTF-8 export with few
non-ASCII characters and one corrupted byte was decoded as cp1252 silently; it is read as
UTF-8 and the byte's line is reported.

The workbooks and the corrupted file are made in tmp_path from real exports in ../shared.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import openpyxl
import pytest

import litkit
from litkit.errors import DecodingError, UnknownFormatError
from litkit.io import detect_format
from litkit.io.sniff import detect_encoding
from litkit.io.wos_excel import binary_sniff, sniff_file

WPS = "wos-excel/savedrecs_wps_resaved.xlsx"  # 63 records, [Content_Types].xml stored last
CORE = "wos-excel/savedrecs_2025_core.xls"
ISI = "wos-plaintext-metaknowledge/testFile.isi"  # UTF-8; its only non-ASCII character is the header's ™
SAMPLE = "wos-plaintext-bibliometrix-fixture/wos_sample.txt"  # UTF-8 with 70 non-ASCII bytes


def _rezip(src, out, pad_sheet: bytes = b"", compression=zipfile.ZIP_STORED):
    """The workbook's members again in their order in the file, uncompressed; ``pad_sheet`` before sheetData."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.header_offset):
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and pad_sheet:
                assert data.count(b"<sheetData>") == 1
                data = data.replace(b"<sheetData>", pad_sheet + b"<sheetData>")
            zout.writestr(info.filename, data, compress_type=compression)
    return out


def _same_records(a, b):
    cols = [c for c in a.df.columns if c != "source_file"]
    return a.df[cols].equals(b.df[cols])


@pytest.fixture
def large_workbooks(shared_corpora, tmp_path):
    """The real WPS workbook, uncompressed (243 KB), and with 130 KB of XML before its header row."""
    src = shared_corpora / WPS
    stored = _rezip(src, tmp_path / "stored.xlsx")
    padding = b"<!--" + b" column widths and views" * 5000 + b" -->"
    padded = _rezip(src, tmp_path / "padded.xlsx", pad_sheet=padding)
    return src, stored, padded


def test_a_workbook_larger_than_the_sniff_window_is_recognised(large_workbooks):
    src, stored, padded = large_workbooks
    original = litkit.read(src, progress=False)
    assert len(original) == 63
    for path in (stored, padded):
        raw = path.read_bytes()
        # the case fixed: nothing in the first 64 KiB says "workbook"
        assert raw.find(b"[Content_Types].xml") > 65536 and not binary_sniff(raw[:65536])
        with open(path, "rb") as fh:
            assert sniff_file(fh)
        assert detect_format(path).name == "wos_excel"
        corpus = litkit.read(path, progress=False)
        assert corpus.report.files[0].format == "wos_excel" and _same_records(corpus, original)
    sheet = zipfile.ZipFile(padded).read("xl/worksheets/sheet1.xml")
    assert sheet.find(b"<row ") > 65536  # the header row lies beyond 64 KiB of the sheet's XML


def test_large_workbooks_in_folders_and_archives(large_workbooks, tmp_path):
    src, stored, padded = large_workbooks
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(stored.read_bytes())
    with zipfile.ZipFile(folder / "b.zip", "w") as z:
        z.writestr("padded.xlsx", padded.read_bytes())
    corpus = litkit.read(folder, progress=False)
    assert [f.format for f in corpus.report.files] == ["wos_excel", "wos_excel"]
    assert corpus.report.files[1].file.endswith("b.zip!padded.xlsx")
    assert len(corpus) == 2 * 63


def test_streamed_header_with_caption_rows_and_other_sheets(tmp_path):
    """openpyxl's layout: inline strings, [Content_Types].xml last; the header on the second sheet, low."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "notes"
    for i in range(3000):  # a long first sheet (digests compress badly): the WoS sheet starts far in
        notes.append([hashlib.sha256(str(i).encode()).hexdigest()])
    data = book.create_sheet("savedrecs")
    data.append(["Exported from Web of Science"])
    data.append([])
    data.append(["Publication Type", "Authors", "Article Title", "Publication Year", "UT (Unique WOS ID)"])
    data.append(["J", "Li, X", "A title", 2021, "WOS:000000000000001"])
    path = tmp_path / "two_sheets.xlsx"
    book.save(path)
    raw = path.read_bytes()
    assert "xl/sharedStrings.xml" not in zipfile.ZipFile(path).namelist()  # every string inline
    assert raw.find(b"[Content_Types].xml") > 65536 and not binary_sniff(raw[:65536])
    with open(path, "rb") as fh:
        assert sniff_file(fh)
    corpus = litkit.read(path, progress=False)
    assert corpus.df["UT"].tolist() == ["WOS:000000000000001"] and corpus.df["PY"].tolist() == [2021]


def test_a_large_workbook_without_a_wos_header_is_not_claimed(tmp_path):
    book = openpyxl.Workbook()
    for i in range(5000):
        book.active.append([f"row {i}", i * 1.5, "some longer text to make the sheet big"])
    path = tmp_path / "budget.xlsx"
    book.save(path)
    assert path.stat().st_size > 65536
    with open(path, "rb") as fh:
        assert not sniff_file(fh)
    with pytest.raises(UnknownFormatError, match="budget.xlsx"):
        litkit.read(path, progress=False)
    # a zip of exports and damaged bytes are no workbook either
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("savedrecs.txt", "FN Clarivate\nVR 1.0\n")
    assert not sniff_file(io.BytesIO(buffer.getvalue()))
    assert not sniff_file(io.BytesIO(b"PK\x03\x04" + bytes(100)))


def test_the_xls_export_is_still_sniffed_from_its_start(shared_corpora):
    with open(shared_corpora / CORE, "rb") as fh:
        assert sniff_file(fh)


# ---------------------------------------------------------------------------------------------
# UTF-8 with a stray byte
# ---------------------------------------------------------------------------------------------
def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


@pytest.mark.parametrize("bad", [b"\xe9", b"\xff", b"\x92"])
def test_utf8_export_with_one_corrupted_byte_is_read_as_utf8_and_the_line_reported(
    shared_corpora, tmp_path, wos_engine, bad
):
    data = (shared_corpora / ISI).read_bytes()
    assert detect_encoding(data) == "utf-8"
    offset = data.index(b"TI ", 50_000) + 5  # inside a title, an ASCII letter replaced
    damaged = data[:offset] + bad + data[offset + 1 :]
    # cp1252 decodes every byte: before, this file was read without a word, "™" as "â„¢"
    assert damaged.decode("cp1252")
    assert detect_encoding(damaged) == "utf-8"
    path = tmp_path / "savedrecs.txt"
    path.write_bytes(damaged)
    with pytest.raises(DecodingError) as err:
        litkit.read(path, progress=False, engine=wos_engine)
    assert err.value.path == str(path) and err.value.line == _line_of(damaged, offset)
    assert f"savedrecs.txt, line {_line_of(damaged, offset)}: cannot decode bytes as utf-8" in str(err.value)


def test_utf8_with_many_characters_and_one_bad_byte(shared_corpora, tmp_path):
    data = (shared_corpora / SAMPLE).read_bytes()
    offset = data.index(b"\nAB ") + 10
    damaged = data[:offset] + b"\xff" + data[offset + 1 :]
    assert detect_encoding(damaged) == "utf-8"
    path = tmp_path / "sample.txt"
    path.write_bytes(damaged)
    with pytest.raises(DecodingError) as err:
        litkit.read(path, progress=False)
    assert err.value.line == _line_of(damaged, offset)


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("AU Müller, J\nTI Straße und Brücke\nER\n", "cp1252"),  # lone accented letters
        ("AU Dvorak, A\nTI Café “quoted” – dash\nER\n", "cp1252"),
        ("TI 生态产品价值实现\nER\n", "gb18030"),
    ],
)
def test_legacy_encodings_with_few_non_ascii_bytes_stay_what_they_are(text, encoding):
    assert detect_encoding(text.encode(encoding)) == encoding
