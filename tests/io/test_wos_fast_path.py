"""The "c" engine of the Web of Science plain-text reader gives exactly what the "python" engine gives.

``litkit.read(engine="c")`` reads a WoS plain-text file through ``wos_plain.read_column_blocks``
(whole blocks of records as columns, the compiled fast path) and falls back to the record path
(``engine="python"``) from the first block with anything unusual in it.  Every test here reads
the same file with both engines and compares all values (``Corpus.__eq__``) and the ingest report
(files and problems tables): on every real export in ../shared/corpora, the demo corpus, a
generated benchmark file, encoding and line-end variants, and small files made to hit each rule.
Without the C extension these tests skip (and fail under CI); test_wos_engines.py covers an
installation without it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import litkit
from litkit.corpus import Corpus
from litkit.io import ColumnBlock, iter_file_parts, wos_plain
from litkit.io.base import FastPathDeclined
from litkit.io.ingest_report import FileReport
from litkit.io.sniff import TextSource
from litkit.io.stream import ingest_to_parquet

# The one real export that must fall back: it has a glued tag line ("AUGilles, H").
FALLS_BACK = {"wos-plaintext-metaknowledge/testFile.isi"}


@pytest.fixture(autouse=True)
def _c_engine(compiled_scan):
    """Every test here reads with the "c" engine: it needs the extension."""


def _took_fast_path(path: Path) -> bool:
    """Whether the fast path reads the whole file (it may decline after some blocks)."""
    try:
        for _ in wos_plain.read_column_blocks(TextSource(path), FileReport(file=str(path))):
            pass
    except FastPathDeclined:
        return False
    return True


def _assert_same(path: Path) -> Corpus:
    """Both engines give the same corpus and report; the "c" engine's corpus."""
    fast = litkit.read(path, engine="c")
    reference = litkit.read(path, engine="python")
    assert len(fast) == len(reference), path
    assert fast == reference, path
    for table in ("files_table", "problems_table"):
        got, want = getattr(fast.report, table)(), getattr(reference.report, table)()
        assert got.equals(want), (path, table, got, want)
    assert fast.report.balanced
    return fast


def _plain_names(expected_counts) -> list[str]:
    names = sorted(n for n in expected_counts if n.startswith("wos-plaintext-"))
    assert len(names) == 9
    return names


# ---- real exports ------------------------------------------------------------------------------


def test_every_shared_plain_text_file_same_both_ways(shared_corpora, expected_counts):
    for name in _plain_names(expected_counts):
        path = shared_corpora / name
        assert _took_fast_path(path) == (name not in FALLS_BACK), name
        corpus = _assert_same(path)
        assert len(corpus) == expected_counts[name], name


def test_demo_files_same_both_ways(demo_dir):
    files = sorted((demo_dir / "wos").glob("*.txt"))
    assert files
    for path in files:
        assert _took_fast_path(path), path
        _assert_same(path)


def test_generated_benchmark_file_same_both_ways(shared, tmp_path):
    generator = shared / "tools" / "make_wos_big.py"
    if not generator.is_file():
        pytest.skip(f"{generator} is absent")
    path = tmp_path / "wos_big_2000.txt"
    subprocess.run([sys.executable, str(generator), "-n", "2000", str(path)], check=True, capture_output=True)
    assert _took_fast_path(path)
    corpus = _assert_same(path)
    assert len(corpus) == 2000
    # early-access records without PY are in the file: their notes are part of the comparison
    assert any("taken from the early-access date" in p.reason for p in corpus.report.problems)


VARIANTS = [
    ("utf-8-sig", "\n"),
    ("utf-8", "\r\n"),
    ("utf-8-sig", "\r"),
    ("utf-16", "\r\n"),
    ("utf-16-le", "\n"),
    ("gb18030", "\n"),
]


@pytest.mark.parametrize("encoding, newline", VARIANTS)
def test_encoding_and_line_end_variants_same_both_ways(shared_corpora, tmp_path, encoding, newline):
    source = shared_corpora / "wos-plaintext-savedrecs-alt/savedrecs_1.txt"
    text = source.read_text(encoding="utf-8-sig")
    assert any(ord(c) > 127 for c in text)  # non-ASCII text makes the byte/character bookkeeping matter
    path = tmp_path / "variant.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    assert _took_fast_path(path)
    corpus = _assert_same(path)
    original = litkit.read(source)
    original.df["source_file"] = corpus.df["source_file"]  # the only column that may differ
    assert corpus == original


@pytest.mark.parametrize("block_bytes", [5, 700])
@pytest.mark.parametrize("newline, bom", [("\n", b""), ("\r\n", b"\xef\xbb\xbf"), ("\r", b"")])
def test_block_boundaries_anywhere_same_both_ways(shared_corpora, tmp_path, monkeypatch, block_bytes, newline, bom):
    """Blocks cut anywhere: inside a BOM, between CR and LF, in a record longer than a block."""
    from litkit.io import _wos_columns

    monkeypatch.setattr(_wos_columns, "_FAST_BLOCK_BYTES", block_bytes)
    text = (shared_corpora / "wos-plaintext-savedrecs-alt/savedrecs_1.txt").read_text(encoding="utf-8-sig")
    records = text.split("\nER\n")
    text = "\nER\n".join(records[:12]) + "\nER\n\nEF\n"  # a dozen records: one block each at most
    assert any(ord(c) > 127 for c in text)
    path = tmp_path / "blocks.txt"
    path.write_bytes(bom + text.replace("\n", newline).encode("utf-8"))
    assert _took_fast_path(path)
    corpus = _assert_same(path)
    assert len(corpus) == 12


# ---- small files hitting each rule ---------------------------------------------------------------

RECORD_A = """PT J
AU Zhang, S
   Li, W
AF Zhang, San
   Li, Wei
TI Carbon sinks of
   wetland parks
SO ECOLOGICAL ECONOMICS
LA English
DT Article
DE carbon sink; wetland ;; valuation
ID CARBON; WETLANDS
C1 [Zhang, S] Peking Univ, Beijing, Peoples R China.
CR Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0
   Daily GC, 1997, NATURES SERVICES
NR 2
TC 5
Z9 5
BA Smith, J
   Doe, J
PY 2021
DI https://doi.org/10.1016/J.ECOLECON.2021.1
EM a@b.cn
UT WOS:000000000000001
ER
"""

RECORD_B = """PT J
AU Wang, X
TI Ecological compensation
DE payment; ecosystem services
EA MAR 2024
UT WOS:000000000000002
ER
"""

RECORD_C = """PT B
AU Liu, Y
TI A book without a year
ER
"""


def _write(tmp_path: Path, text: str, name: str = "f.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _file(*records: str, header: str = "FN Clarivate Analytics Web of Science\nVR 1.0\n", end: str = "EF\n") -> str:
    return header + "\n".join(records) + "\n" + end


FAST_CASES = {
    "plain": _file(RECORD_A, RECORD_B, RECORD_C),
    "no header, no EF": _file(RECORD_A, RECORD_B, header="", end=""),
    "repeated tags": _file(
        RECORD_A.replace("NR 2\n", "NR 2\nAU Zhou, Q\nTI second title\nDE more\nEM c@d.cn\nBA Roe, R\n")
    ),
    "empty and lone tags": _file(RECORD_A.replace("LA English\n", "LA \nDE\nSC \nOI \n"), RECORD_B),
    "odd continuation lines": _file(
        RECORD_A.replace("   Li, W\n", "   Li, W  \n    Chen, Q\n").replace(
            "   wetland parks\n", "  wetland parks \n   \n"
        )
    ),
    "trailing whitespace and tabs": _file(RECORD_A.replace("SO ECOLOGICAL ECONOMICS", "SO  ECOLOGICAL ECONOMICS\t")),
    "no PY: EA year and no year": _file(RECORD_B, RECORD_C, RECORD_B.replace("EA MAR 2024\n", "")),
    "non-ASCII values": _file(
        RECORD_A.replace("Zhang, San", "Çelik, Kübra 张三 𝔘").replace("wetland parks", "湿地公园 — parks")
    ),
    "escapes, separators and white space": _file(
        RECORD_A.replace("EM a@b.cn\n", 'EM "quoted"\\back\tslash@x.cn\nRI say "hi" \\ there\nOI Zhao, Z/0000-0001; \n')
        .replace("ID CARBON; WETLANDS", "ID CARBON;WETLANDS ; PARKS")
        .replace("LA English", "LA English\n   Chinese")
        .replace("Z9 5\n", "Z9 5\nPU \u3000Elsevier\u3000\nSE \u2003\nVL 12\x0b\n"),
        RECORD_B.replace("AU Wang, X", "AU \u3000\nCR "),
        RECORD_C,
    ),
    "Unicode spaces at value ends, no control character": _file(
        RECORD_A.replace("EM a@b.cn\n", "EM a@b.cn\u00a0\nRI x\u2003\n")
        .replace("DE carbon sink; wetland ;; valuation", "DE \u3000carbon sink; wetland\u3000")
        .replace("LA English", "LA English\u2028"),
        RECORD_B.replace("AU Wang, X", "AU \u2003Wang, X\u2003").replace(
            "TI Ecological compensation", "TI Ecological\n   compensation\u3000"
        ),
    ),
    "wrapped extra values with quotes and backslashes": _file(
        RECORD_A.replace("EM a@b.cn\n", 'EM a@b.cn\nFX Funded by the "NSFC"\n   grant \\ 42\n   (C:\\x)\nFU \n'),
        RECORD_B.replace("EA MAR 2024\n", "EA MAR 2024\nFX one line\nGP Group A\n   Group B\n"),
    ),
    "control characters in extra values": _file(
        RECORD_A.replace("EM a@b.cn\n", "EM a\x01b@c.cn\x1f\nRI \x07bell\nFX wrapped\x02\n   text\n"), RECORD_B
    ),
    "blank lines inside records and between": _file(
        RECORD_A.replace("DT Article\n", "DT Article\n\n"), "\n" + RECORD_B
    ),
}


@pytest.mark.parametrize("case", sorted(FAST_CASES))
def test_regular_files_take_the_fast_path_and_match(tmp_path, case):
    path = _write(tmp_path, FAST_CASES[case])
    assert _took_fast_path(path), case
    _assert_same(path)


def test_fast_path_values_spot_check(tmp_path):
    corpus = _assert_same(_write(tmp_path, FAST_CASES["repeated tags"]))
    first = corpus.df.iloc[0]
    assert first["AU"] == ["Zhang, S", "Li, W", "Zhou, Q"]
    assert first["TI"] == "Carbon sinks of wetland parks; second title"
    assert first["DE"] == ["carbon sink", "wetland", "valuation", "more"]
    assert first["DI"] == "10.1016/j.ecolecon.2021.1"
    assert (first["NR"], first["TC"], first["PY"]) == (2, 5, 2021)
    assert first["source_line"] == 3
    # the repeated lines come before BA and EM in that record, so their values come first
    assert '"BA": ["Roe, R", "Smith, J", "Doe, J"]' in first["extra"]
    assert '"EM": "c@d.cn; a@b.cn"' in first["extra"]


def test_many_extra_fields_and_a_few_in_other_parts(tmp_path):
    """The block's extra text tags read together, a few records with a list or repeated extra tag."""
    extras = "".join(
        f"{tag} value {tag} \"q\"\n"
        for tag in ("C3", "DA", "GA", "OA", "PA", "PG", "PI", "PM", "SP", "U1", "U2", "WE", "Z9")
    )
    plain = RECORD_B.replace("UT WOS", extras + "UT WOS")
    odd = plain.replace("CA ", "").replace("UT WOS", "CA Team A\n   Team B\nEM x@y.cn\nEM z@w.cn\nUT WOS")
    path = _write(tmp_path, _file(*([plain] * 40), odd, *([plain] * 40)))
    assert _took_fast_path(path)
    corpus = _assert_same(path)
    assert corpus.df["extra"].iloc[40].startswith('{"C3": "value C3 \\"q\\"", "CA": ["Team A", "Team B"], "DA": ')
    assert '"EM": "x@y.cn; z@w.cn", "GA": ' in corpus.df["extra"].iloc[40]


FALLBACK_CASES = {
    "glued tag": _file(RECORD_A.replace("AU Zhang, S", "AUZhang, S")),
    "unindented line": _file(RECORD_A.replace("   Li, W\n", "Li, W\n")),
    "record without ER": _file(RECORD_A.replace("ER\n", ""), RECORD_B),
    "last record cut": _file(RECORD_A, RECORD_B.split("DE ")[0], end=""),
    "text after ER": _file(RECORD_A.replace("ER\n", "ER\nstray text\n"), RECORD_B),
    "PY not a number": _file(RECORD_A.replace("PY 2021", "PY 2021a")),
    "text before the first record": _file(RECORD_A, header="FN Clarivate\nsome note\nVR 1.0\n"),
    "continuation after a blank line": _file(RECORD_A.replace("DT Article\n", "DT Article\n\n   more\n")),
    # the line's text would start inside a character (its three-byte indent is "  " + a lead byte)
    "two-space indent before a CJK character": _file(RECORD_A.replace("   Li, W\n", "  中文, W\n")),
}


@pytest.mark.parametrize("case", sorted(FALLBACK_CASES))
def test_unusual_files_fall_back_to_the_record_path(tmp_path, case):
    path = _write(tmp_path, FALLBACK_CASES[case])
    assert not _took_fast_path(path), case
    _assert_same(path)


@pytest.mark.parametrize("case", sorted(FALLBACK_CASES))
def test_declining_after_clean_blocks_gives_the_record_paths_corpus(tmp_path, monkeypatch, case):
    """Clean records first, then the unusual one, each record a block of its own: the fast path
    gives the clean blocks, the record path the rest, and the report is the record path's."""
    from litkit.io import _wos_columns

    monkeypatch.setattr(_wos_columns, "_FAST_BLOCK_BYTES", 300)
    text = FALLBACK_CASES[case]
    at = text.index("PT ")
    clean = "".join(RECORD_B.replace("000000000000002", f"00000000000010{i}") for i in range(5))
    path = _write(tmp_path, text[:at] + clean + text[at:])
    parts = list(iter_file_parts(path, FileReport(file=str(path)), engine="c"))
    blocks = [part for part in parts if isinstance(part, ColumnBlock)]
    records = [part for part in parts if not isinstance(part, ColumnBlock)]
    assert records, case  # the record path read the unusual part
    if case != "text before the first record":  # there the very first block is unusual
        assert sum(block.n for block in blocks) >= 5, case
    corpus = _assert_same(path)
    assert len(corpus) == len(parts) - len(blocks) + sum(block.n for block in blocks)
    assert any("early-access" in p.reason for p in corpus.report.problems)  # RECORD_B's notes, once each
    for engine in ("c", "python"):
        out = tmp_path / f"streamed_{engine}.parquet"
        ingest_to_parquet(path, out, batch_records=3, progress=False, engine=engine)
        streamed = Corpus.read_parquet(out)
        assert streamed == corpus, engine
        assert streamed.report.problems_table().equals(corpus.report.problems_table()), engine


def test_invalid_utf8_falls_back_and_raises_as_before(tmp_path):
    path = tmp_path / "bad.txt"
    # Mostly valid UTF-8 (so the file is read as UTF-8) with one bad byte in the second record.
    text = _file(RECORD_A.replace("wetland parks", "湿地公园" * 30), RECORD_B)
    path.write_bytes(text.encode("utf-8").replace(b"Wang, X", b"Wang, \xff"))
    assert TextSource(path).encoding.startswith("utf-8")
    assert not _took_fast_path(path)
    messages = set()
    for engine in ("c", "python"):
        with pytest.raises(litkit.errors.LitkitError) as caught:
            litkit.read(path, engine=engine)
        messages.add(str(caught.value))
    assert len(messages) == 1  # the record path's error, whichever engine started
