"""The compiled loops of the WoS "c" engine (``litkit/io/_wos_scan.c``) against plain Python.

Each loop is compared with a recomputation written line by line in Python (slow and plain,
kept here in the tests, not in litkit): the line scan on every block of the real exports,
the demo corpus, generated blocks built from the pieces that decide a line's class (tags,
indents, blank lines, control characters, characters cut by the indent) and arbitrary
bytes; the lines, joined values and "; " lists of every tag of every real block; the
``extra`` JSON against the json module; and the argument checks of each function.
test_wos_fast_path.py compares the whole engine with the record path.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litkit.io.sniff import TextSource

_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
_PADDING = b"\n\n\n\n"  # four bytes after every block (the scan reads each line's first four)


@pytest.fixture(scope="module")
def wc(compiled_scan):
    """litkit.io._wos_columns, which imports only with the extension built."""
    from litkit.io import _wos_columns

    assert _wos_columns._PADDING == _PADDING
    return _wos_columns


# ---- the line scan -------------------------------------------------------------------------------


def _is_tag_start(b0: int, b1: int) -> bool:
    """The record path's ``isalnum() and isupper()`` on two ASCII bytes (AU, Z9, 9A ...)."""
    upper0, upper1 = 65 <= b0 <= 90, 65 <= b1 <= 90
    digit0, digit1 = 48 <= b0 <= 57, 48 <= b1 <= 57
    return (upper0 and (upper1 or digit1)) or (digit0 and upper1)


def _python_scan(wc, buf: bytes, size: int):
    """What the scan of ``buf[:size]`` must give, line by line: a dict of the _BlockLines fields, or "gives up".

    A line is classified from its first four bytes (which may run into the next line or the
    padding); a line that is not indented starts a field that its indented lines continue.
    """
    data = bytes(buf)
    controls = [i for i in range(size) if data[i] < 32]
    newlines = [i for i in controls if data[i] == 10]
    starts, ends = [0] + [i + 1 for i in newlines], newlines + [size]
    lines = []  # (start, end, first four bytes, continuation, odd)
    for start, end in zip(starts, ends):
        b0, b1, b2, b3 = data[start : start + 4]
        length, continuation = end - start, b0 == 32
        if length >= 4 and b3 & 0xC0 == 0x80:
            return "gives up"  # the text (from the fourth byte) would start inside a character
        odd = (
            (length > 0 and data[end - 1] in (32, 9))  # ends in a space or TAB
            or (continuation and (b1 != 32 or b2 != 32 or b3 == 32 or length == 3))  # indent not 3, or empty
            or (not continuation and length >= 4 and b3 == 32)  # value starts with a space
        )
        lines.append((start, end, (b0, b1, b2, b3), continuation, odd))
    if lines[0][3]:
        return "gives up"  # the block starts with a continuation line
    field_line, code, flags, field_start, field_end = [], [], [], [], []
    for i, (start, end, (b0, b1, b2, _), continuation, _odd) in enumerate(lines):
        if continuation:
            continue
        stop = i + 1
        while stop < len(lines) and lines[stop][3]:
            stop += 1
        length, multiline = end - start, stop - i > 1
        last_end = lines[stop - 1][1]
        bits = (
            wc._MULTILINE * multiline
            | wc._ODD * (any(line[4] for line in lines[i:stop]) or (multiline and length == 3))
            | wc._NON_ASCII_EDGE * (data[start + 3] >= 0x80 or data[max(last_end - 1, 0)] >= 0x80)
            | wc._TAGGED * (length >= 3 and b2 == 32 and _is_tag_start(b0, b1))
            | wc._BLANK * (length == 0)
            | wc._LONE_TAG * (length == 2 and _is_tag_start(b0, b1))
        )
        field_line.append(i)
        code.append(b0 * 256 + b1)
        flags.append(bits)
        field_start.append(start)
        field_end.append(last_end)
    text_offsets = [x for start, end, *_ in lines for x in (min(start + 3, end), end)] + [ends[-1]]
    return {
        "newlines": len(newlines),
        "other_controls": len(newlines) < len(controls),
        "text_offsets": (np.int64, text_offsets),
        "field_line": (np.int64, field_line),
        "code": (np.uint16, code),
        "flags": (np.uint8, flags),
        "field_start": (np.int64, field_start),
        "field_end": (np.int64, field_end),
    }


def _assert_scan(wc, buf, size):
    """The compiled scan of ``buf[:size]`` equals the Python one (values and dtypes), or both give up."""
    want = _python_scan(wc, buf, size)
    try:
        got = wc._scan(buf, size)
    except wc._GiveUp:
        got = "gives up"
    if isinstance(want, str) or isinstance(got, str):
        assert got == want, bytes(buf[:size])[:200]
        return got
    assert set(wc._BlockLines._fields) == set(want)
    for name, expected in want.items():
        value = getattr(got, name)
        if isinstance(expected, tuple):
            dtype, values = expected
            assert value.dtype == dtype and value.tolist() == values, (name, bytes(buf[:size])[:200])
        else:
            assert value == expected, name
    return got


def _blocks(wc, path):
    for buf, size, _at_end in wc._utf8_record_blocks(TextSource(path)):
        yield bytes(buf[: size + len(_PADDING)]), size


def _plain_names(expected_counts) -> list[str]:
    names = sorted(n for n in expected_counts if n.startswith("wos-plaintext-"))
    assert len(names) == 9
    return names


def test_scan_of_every_block_of_the_real_exports(wc, shared_corpora, expected_counts):
    lines = fields = 0
    for name in _plain_names(expected_counts):
        for buf, size in _blocks(wc, shared_corpora / name):
            scanned = _assert_scan(wc, buf, size)
            if not isinstance(scanned, str):
                lines += len(scanned.text_offsets) // 2
                fields += len(scanned.field_line)
                assert scanned.newlines == buf.count(b"\n", 0, size)
    assert lines > 10_000 and fields > 5_000  # the files were really scanned


def test_scan_of_the_demo_corpus(wc, demo_dir):
    files = sorted((demo_dir / "wos").glob("*.txt"))
    assert files
    for path in files:
        for buf, size in _blocks(wc, path):
            assert not isinstance(_assert_scan(wc, buf, size), str), path


# Pieces of lines that decide how a line is classified: tags of every shape, indents of
# 0-5 spaces, a TAB, a control character, ER/EF, a lone letter, non-ASCII text and the
# two halves of a character (the indent may end inside one), trailing spaces.
_PIECES = [
    b"PT ",
    b"AU ",
    b"ER",
    b"EF",
    b"FN ",
    b"VR ",
    b"Z9 ",
    b"9A ",
    b"A1",
    b"au ",
    b"X",
    b" ",
    b"  ",
    b"   ",
    b"    ",
    b"\t",
    b"\x01",
    b"\x1f",
    b"\r",
    b"value",
    b"Smith, J",
    "生态".encode(),
    "é".encode(),
    b"\xc3",
    b"\xa9",
    b"\xe7\x94",
    b"; ",
    b"",
]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=5).map(b"".join)


@settings(max_examples=600, **_SETTINGS)
@given(lines=st.lists(_LINE, max_size=25), final_newline=st.booleans())
def test_scan_of_generated_blocks(wc, lines, final_newline):
    block = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    _assert_scan(wc, block + _PADDING, len(block))


@settings(max_examples=200, **_SETTINGS)
@given(data=st.binary(max_size=400))
def test_scan_of_arbitrary_bytes(wc, data):
    _assert_scan(wc, data + _PADDING, len(data))


def test_scan_of_a_known_block(wc):
    block = b"PT J\nAU Smith, J\n   Doe, A\nTI A title \nER\n\nEF"
    got = _assert_scan(wc, block + _PADDING, len(block))
    assert got.newlines == 6 and not got.other_controls
    assert [wc._tag_of_code(int(c)) for c in got.code] == [
        "PT",
        "AU",
        "TI",
        "ER",
        "\nE",
        "EF",
    ]  # a blank line: its newline, the next byte
    flags = got.flags.tolist()
    assert flags[1] & wc._MULTILINE and not flags[0] & wc._MULTILINE
    assert flags[2] & wc._ODD  # "TI A title " ends in a space
    assert flags[3] & wc._LONE_TAG and flags[4] & wc._BLANK and flags[0] & wc._TAGGED
    starts, ends = got.field_start.tolist(), got.field_end.tolist()
    assert block[starts[1] : ends[1]] == b"AU Smith, J\n   Doe, A"
    texts = [block[a:b] for a, b in zip(got.text_offsets[0:-1:2].tolist(), got.text_offsets[1::2].tolist())]
    assert texts == [b"J", b"Smith, J", b"Doe, A", b"A title ", b"", b"", b""]


def test_control_characters_other_than_newlines_are_noticed(wc):
    for block, other in [
        (b"PT J\nTI a\x01b\nER\n", True),
        (b"PT J\nTI a\tb\nER\n", True),
        (b"PT J\nTI ab\nER\n", False),
    ]:
        assert _assert_scan(wc, block + _PADDING, len(block)).other_controls is other


# ---- lines, joined values and "; " lists ---------------------------------------------------------


def _fields_of_every_tag(wc, buf, size):
    """(n, texts, fields) for each tag of a block, as _read_block groups them."""
    scanned = wc._scan(buf, size)
    texts = wc._line_texts(buf, scanned.text_offsets, size)
    flags, code = scanned.flags, scanned.code
    is_pt = (flags & wc._TAGGED != 0) & (code == ord("P") * 256 + ord("T"))
    record_of = np.cumsum(is_pt) - 1
    next_line = np.append(scanned.field_line[1:], len(scanned.text_offsets) // 2)
    for tag_code in np.unique(code[(flags & wc._TAGGED) != 0]).tolist():
        at = np.flatnonzero((code == tag_code) & (flags & wc._TAGGED != 0) & (record_of >= 0))
        if len(at) == 0 or np.any(np.diff(record_of[at]) == 0):
            continue  # a tag given twice in a record is read by the record path's helpers
        yield (
            int(is_pt.sum()),
            texts,
            wc._Fields(
                scanned.field_line[at],
                next_line[at],
                (flags[at] & wc._MULTILINE) != 0,
                (flags[at] & wc._ODD) != 0,
                scanned.field_start[at] + 3,
                scanned.field_end[at],
                record_of[at],
                False,
            ),
        )


def _python_field_lines(buf, texts, fields) -> list[list[str]]:
    """Each field's lines, decoded one by one from the block."""
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64).tolist()
    return [
        [bytes(buf[offsets[2 * j] : offsets[2 * j + 1]]).decode("utf-8") for j in range(first, stop)]
        for first, stop in zip(fields.first.tolist(), fields.stop.tolist())
    ]


def test_lines_joined_values_and_semicolon_lists_of_every_tag_of_the_real_exports(wc, shared_corpora, expected_counts):
    """line_lists, joined_strings and semicolon_lists against Python, per tag of every block."""
    multiline = non_ascii = 0
    for name in _plain_names(expected_counts):
        for buf, size in _blocks(wc, shared_corpora / name):
            try:
                wc._scan(buf, size)
            except wc._GiveUp:
                continue
            for n, texts, fields in _fields_of_every_tag(wc, buf, size):
                field_lines = _python_field_lines(buf, texts, fields)
                joined = [" ".join(lines) for lines in field_lines]
                records = fields.records.tolist()
                lists, semicolons = [[] for _ in range(n)], [[] for _ in range(n)]
                for record, lines, value in zip(records, field_lines, joined):
                    lists[record], semicolons[record] = lines, value.split("; ")
                assert wc._joined_lines(texts, fields) == joined, name
                assert wc._line_lists(n, texts, fields) == lists, name
                got_lists, got_unsure = wc._semicolon_lists(n, texts, fields)
                assert got_lists == semicolons, name
                assert sorted(got_unsure) == [i for i, value in enumerate(joined) if _unsure(value)], name
                multiline += int(fields.multiline.sum())
                non_ascii += sum(not value.isascii() for value in joined)
    assert multiline > 1000 and non_ascii > 100  # wrapped values and non-ASCII text were compared


def _unsure(value: str) -> bool:
    """Whether ``semicolon_items`` would not keep the plain split of ``value`` on "; "."""
    parts = value.split("; ")
    return value.count(";") != len(parts) - 1 or "" in parts


SEMICOLON_VALUES = [
    "a; b; c",
    "a;; b",
    "a; ; b",
    "a; ",
    "; a",
    "",
    "a;b",
    "a ;b",
    "生态产品; 碳汇; 🌱",
    "one",
    "x;",
    "a;  b",
    ";",
    "; ",
    "a; b;; c; d",
]


@pytest.mark.parametrize("value", SEMICOLON_VALUES)
def test_semicolon_lists_split_as_str_split(compiled_scan, value):
    """Split as str.split("; "), and unsure exactly where semicolon_items would not keep that split."""
    from litkit.io.wos_plain import semicolon_items

    wrapped = value.replace("; ", ";\n   ", 1) if "; " in value else value  # a separator across lines
    for text in {value, wrapped}:
        lines = text.split("\n   ")
        block = ("DE " + "\n   ".join(lines)).encode() + _PADDING
        offsets, at = [], 3
        for line in lines:
            size = len(line.encode())
            offsets += [at, at + size]
            at += size + 4  # the newline and the three-space indent
        column, unsure = compiled_scan.semicolon_lists(
            block, np.array(offsets + [offsets[-1]], np.int64), np.array([0]), np.array([len(lines)]), np.array([1]), 2
        )
        joined = " ".join(lines)
        assert column == [[], joined.split("; ")], text
        parts = joined.split("; ")
        assert (unsure == [0]) == (joined.count(";") != len(parts) - 1 or "" in parts), text
        if not unsure:
            assert semicolon_items(joined) == parts


def test_compiled_functions_refuse_bad_arguments(compiled_scan):
    block = b"PT J\nER\n" + _PADDING
    with pytest.raises(ValueError, match="four bytes"):
        compiled_scan.measure(block, len(block))  # no padding after the block
    with pytest.raises(ValueError, match="four bytes"):
        compiled_scan.measure(block, -1)
    arrays = [
        np.empty(7, np.int64),
        np.empty(1, np.int64),
        np.empty(1, np.uint16),
        np.empty(1, np.uint8),
        np.empty(1, np.int64),
        np.empty(1, np.int64),
    ]
    with pytest.raises(ValueError, match="more lines"):
        compiled_scan.scan(block, len(block) - 4, *arrays)  # three lines, room for one
    arrays[0] = np.empty(2, np.int64)
    with pytest.raises(ValueError, match="shorter"):
        compiled_scan.scan(block, len(block) - 4, *arrays)
    offsets = np.array([0, 2, 3, 4, 5, 7], np.int64)  # lines "PT", "J", "ER"

    def lists(first, stop, records, n):
        return compiled_scan.line_lists(block, offsets, *(np.array(a, np.int64) for a in (first, stop, records)), n)

    def joined(first, stop):
        return compiled_scan.joined_strings(block, offsets, np.array(first, np.int64), np.array(stop, np.int64))

    assert lists([0, 2], [2, 3], [1, 3], 4) == [[], ["PT", "J"], [], ["ER"]]
    assert joined([0, 2], [2, 3]) == ["PT J", "ER"]
    with pytest.raises(ValueError, match="ascend"):
        lists([0, 2], [2, 3], [1, 1], 4)  # a record given twice
    with pytest.raises(ValueError, match="ascend"):
        lists([0], [1], [4], 4)  # a record beyond n
    with pytest.raises(ValueError, match="one element per field"):
        lists([0, 2], [2], [1, 3], 4)
    for first, stop in (([2], [4]), ([-1], [1])):
        with pytest.raises(IndexError, match="not in the block"):
            lists(first, stop, [0], 1)
        with pytest.raises(IndexError, match="not in the block"):
            joined(first, stop)
    with pytest.raises(IndexError):
        joined([1], [1])  # a field has at least one line
    with pytest.raises(IndexError, match="not in the block"):
        lists([1], [1], [0], 1)

    def semicolons(first, stop, records, n):
        return compiled_scan.semicolon_lists(
            block, offsets, *(np.array(a, np.int64) for a in (first, stop, records)), n
        )

    assert semicolons([0, 2], [2, 3], [1, 3], 4) == ([[], ["PT J"], [], ["ER"]], [])
    with pytest.raises(ValueError, match="ascend"):
        semicolons([0, 2], [2, 3], [1, 1], 4)
    with pytest.raises(ValueError, match="one element per field"):
        semicolons([0, 2], [2], [1, 3], 4)
    for first, stop in (([2], [4]), ([-1], [1]), ([1], [1])):
        with pytest.raises(IndexError, match="not in the block"):
            semicolons(first, stop, [0], 1)
    with pytest.raises(IndexError, match="not in the block"):
        compiled_scan.joined_strings(block, np.array([0, 2, 3, 99], np.int64), np.array([0]), np.array([2]))
    with pytest.raises(UnicodeDecodeError):
        compiled_scan.joined_strings(b"\xc3(", np.array([0, 2], np.int64), np.array([0]), np.array([1]))


def _objects(scan, block, offsets, pieces, prefixes, n):
    """json_objects of ``pieces``: (record, tag, first line, stop line, value or None, raw)."""
    columns = list(zip(*pieces)) if pieces else [()] * 6
    records, tags, first, stop, values, raw = columns
    order = np.argsort(np.array(records, np.int64), kind="stable")
    return scan.json_objects(
        block,
        np.array(offsets, np.int64),
        order,
        np.array(first, np.int64),
        np.array(stop, np.int64),
        np.array(records, np.int64),
        np.array(tags, np.int64),
        prefixes,
        list(values),
        np.array(raw, np.uint8),
        n,
    )


def test_json_objects_write_what_the_json_module_writes(compiled_scan):
    import json

    every_ascii = "".join(map(chr, range(128)))
    text = 'a "quoted" \\ back\\slash, 生态 🌱 \u2028' + every_ascii
    block = ("EM " + text.replace("\n", " ").replace("\r", " ") + "\nFX two\n   lines").encode() + _PADDING
    first_end = block.index(b"\n")
    offsets = [3, first_end, first_end + 4, first_end + 7, first_end + 11, first_end + 16]
    pieces = [
        (0, 1, 0, 1, None, 0),
        (0, 0, 0, 1, text, 0),
        (2, 0, 1, 3, None, 0),
        (2, 1, 0, 1, '["a", "b"]', 1),
        (2, 2, 0, 1, "", 0),
        (3, 2, 0, 1, "", 1),
    ]  # empty values are not stored
    got = _objects(compiled_scan, block, offsets, pieces, ['"BE": ', '"EM": ', '"FU": '], 4)
    line = block[3:first_end].decode()
    assert got[0] == json.dumps({"EM": line, "BE": text}, ensure_ascii=False)  # in the order given
    assert got[2] == json.dumps({"BE": "two lines", "EM": ["a", "b"]}, ensure_ascii=False)
    assert got[1] is None and got[3] is None
    for record in (got[0], got[2]):
        json.loads(record)


def test_json_objects_refuse_bad_arguments(compiled_scan):
    block = b"EM a\nFX b\n" + _PADDING
    offsets = [3, 4, 8, 9]
    ok = (0, 0, 0, 1, None, 0)
    assert _objects(compiled_scan, block, offsets, [ok], ['"EM": '], 1) == ['{"EM": "a"}']
    assert _objects(compiled_scan, block, offsets, [], ['"EM": '], 2) == [None, None]
    with pytest.raises(ValueError, match="below n"):
        _objects(compiled_scan, block, offsets, [ok], ['"EM": '], 0)
    with pytest.raises(IndexError, match="no prefix"):
        _objects(compiled_scan, block, offsets, [(0, 1, 0, 1, None, 0)], ['"EM": '], 1)
    for first, stop in ((0, 3), (-1, 1), (1, 1)):
        with pytest.raises(IndexError, match="not in the block"):
            _objects(compiled_scan, block, offsets, [(0, 0, first, stop, None, 0)], ['"EM": '], 1)
    with pytest.raises(IndexError, match="not in the pieces"):
        compiled_scan.json_objects(
            block,
            np.array(offsets, np.int64),
            np.array([5], np.int64),
            *(np.zeros(1, np.int64) for _ in range(4)),
            ['"EM": '],
            [None],
            np.zeros(1, np.uint8),
            1,
        )
    with pytest.raises(ValueError, match="one element per piece"):
        compiled_scan.json_objects(
            block,
            np.array(offsets, np.int64),
            *(np.zeros(1, np.int64) for _ in range(5)),
            ['"EM": '],
            [None, None],
            np.zeros(1, np.uint8),
            1,
        )
    records_descend = np.array([1, 0], np.int64)
    with pytest.raises(ValueError, match="ascend"):
        compiled_scan.json_objects(
            block,
            np.array(offsets, np.int64),
            np.arange(2),
            np.zeros(2, np.int64),
            np.ones(2, np.int64),
            records_descend,
            np.zeros(2, np.int64),
            ['"EM": '],
            [None, None],
            np.zeros(2, np.uint8),
            2,
        )
