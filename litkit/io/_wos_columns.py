"""The C engine of the Web of Science plain-text reader: the column fast path.

``litkit.read(engine="c")`` (the default when the extension was built) reads WoS plain-text
files here; ``engine="python"`` reads them with the record path (:func:`litkit.io.wos_plain.read`,
the reference).  :func:`read_column_blocks` gives exactly what :func:`litkit.io.wos_plain.read` gives, record
for record, for every file in which the record path would find nothing to report; for any
other file it declines (:class:`~litkit.io.base.FastPathDeclined`), possibly after some clean
blocks, and the record path reads the rest of the file and reports why.  The tests compare
the two ways on every real export, the demo corpus, the benchmark file and mutated files.

Why a second way through the file: the record path costs a handful of Python operations per
*field* and builds a dict per record that the corpus then takes apart into columns.  Nearly
every export is perfectly regular, so this path reads a block of whole records at a time and
works per *line* in compiled loops and per *tag* with numpy and Arrow, so that
Python touches each value once, when it becomes the object the corpus holds:

0. A UTF-8 file is read into one buffer used again for every block (16 MB of whole records).
1. The line scan (:func:`_scan`) finds every line and classifies it from its first bytes:
   a tag line ("AU "), an indented continuation, a blank line, ER, EF.  Lines not indented
   start a field (the record path's split on ``\n(?! )``).  Lines that make a value "odd"
   (ending in a space, indented by other than three spaces, an empty continuation …) are
   flagged: the record path's helpers clean such values with more than a join and a strip,
   so they are read with those helpers, one by one.  Then numpy, per field: a running count
   of PT lines numbers the records, and the PT line's number is the record's ``source_line``.
2. The block is checked to be UTF-8 in one pass, and an Arrow array over the block's own
   memory gives every line's text (no copy); the fields are grouped by tag with one stable
   sort on the tag code.
3. Per tag, what the record path's helpers do to a regular value: a one-item-per-line value
   is its lines (``value_lines``), a one-line text value its line, a wrapped value its lines
   joined by spaces (``joined_value``), each made a Python string straight from the block; a
   value ``str.strip`` could change goes through Arrow's ``utf8_trim_whitespace``, which
   strips exactly what ``str.strip`` strips (checked over all of Unicode); a "; " list is
   split with ``str.split`` (``semicolon_items``; values it would clean go through it).
   ``int`` and ``clean_doi`` are applied as ``finish_record`` applies them.  The tags kept
   in ``extra`` are read together into the JSON text ``json.dumps(..., sort_keys=True)``
   writes.  A tag given twice in one record goes through the record path's ``store_field``.

The compiled loops (``litkit/io/_wos_scan.c``, built by ``pip install`` where a C compiler
exists) are only the inner loops: the line scan, each record's list of lines, the joined
values, the "; " lists and the ``extra`` JSON; the logic (what to accept, how tags are
grouped, which values go through the record path's helpers) stays here.  Without the
extension this module does not import and every file is read by the record path
(:mod:`litkit.io.engine` chooses, and warns when it has to).

Why one fast path and not two: until issue 16 each loop also had a numpy/Arrow twin here,
used when the extension was missing.  Measured on the same 20,000-record file (123 MB,
``make_wos_big.py --records 20000``, best of three, CPU seconds): the line scan 0.044 s
compiled vs 0.180 s numpy, the line lists 0.124 vs 0.201 s, joined values 0.100 vs
0.150 s, "; " lists 0.058 vs 0.108 s, ``extra`` JSON 0.089 vs 0.131 s; ``litkit.read``
0.70 s vs 1.07 s (the record path: 2.3 s).  The compiled loops are faster at every step,
so the twins were deleted: one fast path to test and keep equal to the record path, and
the record path (which handles every odd record anyway) where no compiler exists.  Most
of the time goes into memory traffic (copies of the bytes, page faults of fresh buffers,
creating the objects), not instructions: measure changes in seconds on the same blocks
(see ``bench/README.md``).

When it declines: the fast path only accepts what it can prove the record path reads
without a single defect.  It declines at the first block with: anything before the first PT
other than FN/VR lines and blank lines; a line that is neither "XX value" with an upper-case
ASCII tag, an indented continuation, a blank line nor a lone upper-case tag; a continuation
after a blank line, a lone tag, PT, FN/VR or ER; FN/VR inside a record; a record without
exactly one ER, or with anything but blank lines after its ER (EF only after the last
record: a record without ER, a cut last record); a PY/NR/TC that is not a plain number;
bytes that are not UTF-8; and in a file without records.  The only report entries it makes
are the record path's notes about a missing PY (year taken from EA, or no year at all), in
the same order and with the same text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from itertools import repeat
from json.encoder import encode_basestring as _json_string
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import DecodingError

# The compiled loops.  Without them (no C compiler when litkit was installed) this module does
# not import, and litkit.read reads with the record path (engine "python", see litkit.io.engine).
from . import _wos_scan
from .base import FastPathDeclined, clean_doi
from .ingest_report import FileReport
from .sniff import TextSource
from .wos_plain import (
    CANONICAL_LIST_TAGS,
    INT_TAGS,
    KIND_EXTRA_LIST,
    KIND_EXTRA_TEXT,
    KIND_IGNORE,
    KIND_JOIN_ITEMS,
    KIND_LIST,
    KIND_SEMICOLON_LIST,
    KIND_TEXT,
    TAG_KIND,
    TEXT_TAGS,
    decoded_chunks,
    joined_value,
    semicolon_items,
    store_field,
    value_lines,
    year_from_early_access,
)

_UTF8_BOM = b"\xef\xbb\xbf"
_FAST_BLOCK_BYTES = 1 << 24  # read at a time: amortises the per-block work, small next to the corpus
_SPACE, _NEWLINE, _TAB = 32, 10, 9


class _GiveUp(Exception):
    """Raised inside the fast path when the file needs the record path."""


def read_column_blocks(source: TextSource, report: FileReport) -> Iterator[dict[str, list]]:
    """The file's records as canonical columns, a block of records (about 16 MB) at a time.

    Raises :class:`~litkit.io.base.FastPathDeclined` when the record path must read the
    file, possibly after some blocks (see :mod:`litkit.io.base`): the blocks given until
    then are clean, so they are exactly the record path's first records.  The columns are
    canonical as they are (lists without empty items, no empty text), so the corpus takes
    them without cleaning them again.  ``report`` gets the notes about years taken from
    ``EA`` as the blocks go, and the record count and whether the file has cited
    references at the end.
    """
    if source.errors != "strict":
        raise FastPathDeclined("the file is cut inside a character")  # the record path reports the cut
    line, records, has_cited_references = 1, 0, False
    try:
        for block, size, at_end in _utf8_record_blocks(source):
            columns, n, newlines = _read_block(block, size, line, at_end)
            line += newlines
            if n:
                _finish_block(columns, n, records, report)
                has_cited_references = has_cited_references or any(columns["CR"])
                records += n
                yield columns
    except (_GiveUp, DecodingError, UnicodeError):
        raise FastPathDeclined("the file has something the record path must read and report") from None
    if records == 0:
        raise FastPathDeclined("no records")  # nothing to gain; the record path knows what to say
    report.records_in_file = records
    report.has_cited_references = has_cited_references


_PADDING = b"\n\n\n\n"  # after the last block, so that the first four bytes of every line exist


def _utf8_record_blocks(source: TextSource) -> Iterator[tuple[bytes | bytearray, int, bool]]:
    """Like :func:`litkit.io.wos_plain._record_blocks`, as UTF-8 bytes with LF line ends and no BOM.

    Yields ``(buffer, size of the block, is last)``: the block is ``buffer[:size]``, and
    at least four more bytes follow it in ``buffer`` (see :func:`_read_block`).  A UTF-8
    file is read as it is (:func:`_utf8_file_blocks`); any other encoding is decoded by
    :func:`decoded_chunks` and encoded to UTF-8.
    """
    if source.encoding.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig"):
        yield from _utf8_file_blocks(source.path)
        return
    pending = b""
    for chunk in (text.encode("utf-8") for text in decoded_chunks(source)):
        cut = chunk.rfind(b"\nPT ")
        if cut < 0:
            pending += chunk
            continue
        block = b"".join((pending, memoryview(chunk)[: cut + 1], _PADDING))
        pending = chunk[cut + 1 :]
        yield block, len(block) - len(_PADDING), False
    yield pending + _PADDING, len(pending), True


def _utf8_file_blocks(path) -> Iterator[tuple[bytearray, int, bool]]:
    """A UTF-8 file in blocks of whole records, read into one buffer that is used again.

    Each block ends just before a line starting with ``PT ``; what follows it (the start
    of the next block) is moved to the front of the buffer and the file is read on behind
    it.  Reading into the same memory, instead of a new ``bytes`` per piece joined to the
    held-over start, saves two copies of the file and the page faults of fresh memory.
    Leading BOMs are removed and CRLF and CR become LF, as the record path does.  Bytes
    after a block are the next block's ``PT `` line (or :data:`_PADDING` after the last);
    :func:`_read_block` reads the four bytes after a block but takes nothing from them.
    """
    step = _FAST_BLOCK_BYTES
    buf = bytearray(2 * step + len(_PADDING))
    filled = 0  # buf[:filled] holds file data not yet yielded
    first = True
    with open(path, "rb") as fh:
        while True:
            if len(buf) - filled < step + len(_PADDING):  # a record longer than a block
                buf = buf[:filled] + bytearray(2 * step + len(_PADDING))
            searched_to = filled
            got = fh.readinto(memoryview(buf)[filled : filled + step])
            filled += got
            if first:
                while buf.startswith(_UTF8_BOM, 0, filled):  # the record path strips every leading U+FEFF
                    del buf[:3]
                    filled -= 3
                first = False
            if buf.find(b"\r", 0, filled) >= 0:
                filled = _normalised_line_ends(buf, filled, at_end=not got)
                searched_to = 0
            if not got:
                buf[filled : filled + len(_PADDING)] = _PADDING
                yield buf, filled, True
                return
            cut = buf.rfind(b"\nPT ", max(searched_to - 3, 0), filled)
            if cut < 0:
                continue
            yield buf, cut + 1, False
            rest = filled - (cut + 1)
            buf[:rest] = buf[cut + 1 : filled]
            filled = rest


def _normalised_line_ends(buf: bytearray, filled: int, at_end: bool) -> int:
    """Turn CRLF and CR into LF in ``buf[:filled]`` in place; return the new length.

    A CR at the very end is held back unless the file ends there (it may be the first
    half of a CRLF whose LF has not been read yet); it is normalised with the next read.
    """
    held = 1 if not at_end and buf.endswith(b"\r", 0, filled) else 0
    text = bytes(buf[: filled - held]).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    buf[: len(text)] = text
    if held:
        buf[len(text)] = 13
    return len(text) + held


def _finish_block(columns: dict[str, list], n: int, first_record: int, report: FileReport) -> None:
    """Every canonical column of the block's ``n`` records; a missing PY taken from EA, as ``finish_record``.

    ``first_record``: the file's number of the block's first record (the report's record
    numbers count from the start of the file).
    """
    for name in INT_TAGS | {"DI", "EA"} | TEXT_TAGS | CANONICAL_LIST_TAGS | {"LA"}:
        if name not in columns:
            columns[name] = _empty_column(name, n)
    years, early, lines = columns["PY"], columns["EA"], columns["source_line"]
    for index in [i for i, year in enumerate(years) if year is None]:
        years[index] = year_from_early_access(early[index], lines[index], first_record + index, report)


def _empty_column(name: str, n: int) -> list:
    """``n`` empty values of column ``name``: a new list each for a list column, else None."""
    return [[] for _ in range(n)] if name in CANONICAL_LIST_TAGS else [None] * n


# Bits of _BlockLines.flags (the compiled scan, litkit/io/_wos_scan.c, sets the same bits).
_MULTILINE = 1  # the field has continuation lines
_ODD = 2  # a line the record path's helpers clean with more than a join and a strip
_NON_ASCII_EDGE = 4  # the value's first or last byte is not ASCII
_TAGGED = 8  # "XX value": a two-character tag and a space
_BLANK = 16  # an empty line
_LONE_TAG = 32  # a line that is only a tag (ER, EF)


class _BlockLines(NamedTuple):
    """What the line scan of a block finds.

    ``text_offsets``: the offsets of :func:`_line_texts`' array (line ``i``'s text is
    ``block[text_offsets[2 * i]:text_offsets[2 * i + 1]]``).  Per field (a line that is not
    indented, with its continuation lines): ``field_line``, its first line's number in the
    block; ``code``, the first two bytes as ``256 * b0 + b1``; ``flags``, the bits above;
    ``field_start``/``field_end``, its bytes (from the tag to the last line's end).
    """

    newlines: int
    other_controls: bool  # a control character besides newlines (the json module escapes it)
    text_offsets: np.ndarray
    field_line: np.ndarray
    code: np.ndarray
    flags: np.ndarray
    field_start: np.ndarray
    field_end: np.ndarray


def _scan(buf: bytes, size: int) -> _BlockLines:
    """Find and classify every line of ``buf[:size]`` (two compiled loops, litkit/io/_wos_scan.c).

    ``measure`` counts the lines, so that ``scan`` writes into arrays of the right size.
    Raises :class:`_GiveUp` when the block starts with a continuation line or a line's text
    (its fourth byte) would start inside a UTF-8 character.
    """
    newlines, other_controls = _wos_scan.measure(buf, size)
    lines = newlines + 1
    text_offsets = np.empty(2 * lines + 1, dtype=np.int64)
    field_line, field_start, field_end = (np.empty(lines, dtype=np.int64) for _ in range(3))
    code, flags = np.empty(lines, dtype=np.uint16), np.empty(lines, dtype=np.uint8)
    fields, status = _wos_scan.scan(buf, size, text_offsets, field_line, code, flags, field_start, field_end)
    if status:
        raise _GiveUp  # a first line indented, or a text starting inside a character
    return _BlockLines(
        newlines,
        other_controls,
        text_offsets,
        field_line[:fields],
        code[:fields],
        flags[:fields],
        field_start[:fields],
        field_end[:fields],
    )


def _tag_of_code(code: int) -> str:
    """The tag whose first two bytes make ``code`` (``256 * b0 + b1``)."""
    return chr(code >> 8) + chr(code & 0xFF)


def _read_block(buf: bytes, size: int, first_line: int, at_end: bool) -> tuple[dict[str, list], int, int]:
    """Read one block of whole records: ``(columns, number of records, number of newlines)``.

    ``buf`` holds the block (``size`` bytes) and at least four bytes after it (see
    :func:`_utf8_record_blocks`).
    """
    lines = _scan(buf, size)
    field_line, code, flags = lines.field_line, lines.code, lines.flags
    multiline, odd_field = (flags & _MULTILINE) != 0, (flags & _ODD) != 0
    tagged, blank, two = (flags & _TAGGED) != 0, (flags & _BLANK) != 0, (flags & _LONE_TAG) != 0
    is_er = two & (code == ord("E") * 256 + ord("R"))
    is_ef = two & (code == ord("E") * 256 + ord("F"))
    if not np.all(tagged | blank | two):
        raise _GiveUp  # glued tag, unindented text, a one-letter line …
    if np.any(multiline & ~tagged):
        raise _GiveUp  # continuation lines after a blank line, a lone tag, ER or EF
    is_pt = tagged & (code == ord("P") * 256 + ord("T"))
    is_header_tag = tagged & ((code == ord("F") * 256 + ord("N")) | (code == ord("V") * 256 + ord("R")))
    record_of = np.cumsum(is_pt) - 1  # -1: before the first PT
    starts = np.flatnonzero(is_pt)
    n = len(starts)
    field_start, field_end = lines.field_start, lines.field_end
    next_line = np.append(field_line[1:], len(lines.text_offsets) // 2)
    # Before the first record: only FN/VR lines and blank lines (the record path notes anything else).
    header = record_of < 0
    if np.any(header & ~(blank | (is_header_tag & ~multiline))):
        raise _GiveUp
    if np.any(header):
        buf[: field_start[starts[0]] if n else size].decode("utf-8")  # undecodable header: give up
    if np.any(is_header_tag & ~header):
        raise _GiveUp  # FN/VR inside a record
    if n == 0:
        if at_end:
            raise _GiveUp
        return {}, 0, lines.newlines
    if np.any(multiline[starts]):
        raise _GiveUp  # a PT value with continuation lines
    # Exactly one ER per record; after it only blank lines (and EF after the very last record).
    ends = np.flatnonzero(is_er)
    if len(ends) != n or np.any(record_of[ends] != np.arange(n)):
        raise _GiveUp
    position = np.arange(len(field_line))
    after_end = ~header & (position > ends[record_of.clip(0)])
    stray = np.flatnonzero(after_end & ~blank)
    if len(stray):
        last = stray[0]
        if not (at_end and len(stray) == 1 and is_ef[last]):
            raise _GiveUp  # text after ER
    if np.count_nonzero(is_ef) > len(stray):
        raise _GiveUp  # EF inside a record
    texts = _line_texts(buf, lines.text_offsets, size)
    other_controls = lines.other_controls
    # A value without odd lines has no space or TAB at either end; str.strip could still
    # remove a control character (only if the block has one besides newlines) or a
    # non-ASCII space (only if the value's first or last byte is not ASCII).
    non_ascii_edge = (flags & _NON_ASCII_EDGE) != 0
    cols: dict[str, list] = {
        "PT": [v or None for v in pc.utf8_trim_whitespace(texts.take(2 * field_line[starts])).to_pylist()],
        "source_line": (first_line + field_line[starts]).tolist(),
    }
    extra_tags: list[_ExtraTag] = []  # the tags kept in ``extra``, read together after the others
    # Each tag's fields, in file order, grouped by one stable sort on the tag code; every
    # per-field array is put in that order once, so that a tag's fields are a slice (a view).
    content = np.flatnonzero(tagged & ~is_pt & ~header)
    order = content[np.argsort(code[content], kind="stable")]
    tag_code, record = code[order].astype(np.int64), record_of[order]
    every_field = _Fields(
        field_line[order],
        next_line[order],
        multiline[order],
        odd_field[order],
        field_start[order] + 3,
        field_end[order],
        record,
        False,
    )
    group_start = np.flatnonzero(np.diff(tag_code, prepend=-1))  # each tag's first field
    group_stop = np.append(group_start[1:], len(order))
    # Per tag: a record with the tag twice; a value whose str.strip may differ (see _Fields).
    repeated = (np.diff(record, append=-1) == 0) & (np.diff(tag_code, append=-1) == 0)
    twice = _any_per_group(repeated, group_start)
    edge = _any_per_group(non_ascii_edge[order], group_start) | other_controls
    for g, (a, b) in enumerate(zip(group_start.tolist(), group_stop.tolist())):
        # tag codes ascend, so ``extra`` pieces come in JSON key order
        tag = _tag_of_code(int(tag_code[a]))
        kind = TAG_KIND.get(tag, KIND_EXTRA_TEXT)
        if kind == KIND_IGNORE:
            raise _GiveUp  # ER or EF with a value
        if kind == KIND_EXTRA_TEXT or kind == KIND_EXTRA_LIST:
            extra_tags.append(_ExtraTag(tag, kind, a, b, bool(edge[g]), bool(twice[g])))
            continue
        fields = every_field.subset(slice(a, b), bool(edge[g]))
        if twice[g]:
            records, values = _values_as_record_path(tag, kind, buf, fields)  # a tag twice in a record
            cols[tag] = _placed(tag, values, records, n)
        elif kind == KIND_LIST:
            cols[tag] = _list_column(n, buf, texts, fields)
        elif kind == KIND_SEMICOLON_LIST:
            cols[tag] = _semicolon_column(tag, n, buf, texts, fields)
        else:  # KIND_TEXT or KIND_JOIN_ITEMS
            cols[tag] = _text_column(tag, kind, n, buf, texts, fields)
    cols["extra"] = _extra_objects(n, extra_tags, every_field, texts, buf)
    return cols, n, lines.newlines


def _any_per_group(flags: np.ndarray, group_start: np.ndarray) -> np.ndarray:
    """Whether any flag is set in each group of consecutive elements (groups start at ``group_start``)."""
    return np.logical_or.reduceat(flags, group_start) if len(flags) else np.zeros(0, dtype=bool)


def _line_texts(buf: bytes, text_offsets: np.ndarray, size: int) -> pa.Array:
    """The text of every line after its three-byte prefix (``"AU "`` or the indent), without a copy.

    ``text_offsets`` (from :func:`_scan`): element ``2 * i`` of the array is line ``i``'s
    text and element ``2 * i + 1`` the bytes between it and the next line's text (its
    newline and the next prefix), so that the elements tile the block as Arrow's offsets
    must and the array is made over the block's own memory.  Lines shorter than three
    bytes (blank lines, ``ER``) give ``""``.  The whole block is checked to be UTF-8 in
    one pass; then every element is, since the scan made sure that no line's fourth byte
    is the middle of a character.  Raises :class:`_GiveUp` on bytes that are not UTF-8,
    so that the record path reports them.
    """
    block = pa.py_buffer(buf)
    whole = pa.Array.from_buffers(pa.large_string(), 1, [None, pa.py_buffer(np.array([0, size], np.int64)), block])
    try:
        whole.validate(full=True)
    except pa.ArrowInvalid:
        raise _GiveUp from None
    return pa.Array.from_buffers(pa.large_string(), len(text_offsets) - 1, [None, pa.py_buffer(text_offsets), block])


class _Fields:
    """One tag's fields in a block, in file order.

    ``first``/``stop``: the field's first line and the line after its last;
    ``multiline``/``odd``: per-field flags (see the classification in ``_read_block``);
    ``starts``/``ends``: the bytes of the raw value (after ``"XX "``);
    ``records``: the block-relative record of each field;
    ``may_need_strip``: whether ``str.strip`` could change a value (see :func:`_joined_texts`).
    """

    __slots__ = ("first", "stop", "multiline", "odd", "starts", "ends", "records", "may_need_strip")

    def __init__(self, first, stop, multiline, odd, starts, ends, records, may_need_strip):
        self.first, self.stop, self.multiline, self.odd = first, stop, multiline, odd
        self.starts, self.ends, self.records = starts, ends, records
        self.may_need_strip = may_need_strip

    def subset(self, index, may_need_strip: bool) -> _Fields:
        """The fields at ``index`` (a slice gives views, an index array copies)."""
        return _Fields(
            self.first[index],
            self.stop[index],
            self.multiline[index],
            self.odd[index],
            self.starts[index],
            self.ends[index],
            self.records[index],
            may_need_strip,
        )

    def raw(self, buf: bytes, i: int) -> str:
        """Field ``i``'s raw value, continuation lines still separated by newlines."""
        return buf[self.starts[i] : self.ends[i]].decode("utf-8")


@functools.cache  # a handful of texts (separators, one JSON key per tag), asked for per block
def _large(text: str) -> pa.Scalar:
    """``text`` as an Arrow scalar of the type of the block's strings (large: 64-bit offsets)."""
    return pa.scalar(text, pa.large_string())


def _field_line_index(fields: _Fields) -> tuple[np.ndarray, np.ndarray]:
    """The numbers of every line of the fields, in order, and each field's offsets into them."""
    sizes = fields.stop - fields.first
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    return np.arange(offsets[-1], dtype=np.int64) + np.repeat(fields.first - offsets[:-1], sizes), offsets


def _field_lines(texts: pa.Array, fields: _Fields) -> tuple[pa.Array, np.ndarray]:
    """Every line of the fields, in order, as an Arrow array, and each field's offsets into them."""
    index, offsets = _field_line_index(fields)
    return texts.take(2 * index), offsets


def _joined_texts(texts: pa.Array, fields: _Fields) -> pa.Array:
    """Each field's lines joined by spaces and stripped: ``joined_value`` of a field without odd lines.

    Stripping is skipped when it cannot change any value (``fields.may_need_strip``):
    Arrow's ``utf8_trim_whitespace`` removes exactly what ``str.strip`` removes (checked
    over all of Unicode), but it is a pass over every byte.
    """
    if not fields.multiline.any():
        joined = texts.take(2 * fields.first)
    else:
        lines, offsets = _field_lines(texts, fields)
        joined = pc.binary_join(pa.LargeListArray.from_arrays(offsets, lines), _large(" "))
    return pc.utf8_trim_whitespace(joined) if fields.may_need_strip else joined


def _joined_values(texts: pa.Array, fields: _Fields) -> list[str]:
    """:func:`_joined_texts` as Python strings."""
    if fields.may_need_strip:
        return _joined_texts(texts, fields).to_pylist()
    return _joined_lines(texts, fields)


def _joined_lines(texts: pa.Array, fields: _Fields) -> list[str]:
    """Each field's lines joined by single spaces, as Python strings (compiled: ``joined_strings``)."""
    return _wos_scan.joined_strings(texts.buffers()[2], texts.buffers()[1], _int64(fields.first), _int64(fields.stop))


def _int64(values: np.ndarray) -> np.ndarray:
    """``values`` as a contiguous int64 array, as the compiled functions take them (no copy if it is one)."""
    return np.ascontiguousarray(values, dtype=np.int64)


def _field_texts(texts: pa.Array, buf: bytes, fields: _Fields) -> list[str]:
    """Each field's value as ``joined_value`` makes it, as Python strings (odd fields through ``joined_value``)."""
    values = _joined_values(texts, fields)
    for i in np.flatnonzero(fields.odd).tolist():
        values[i] = joined_value(fields.raw(buf, i))
    return values


def _text_column(tag: str, kind: int, n: int, buf: bytes, texts: pa.Array, fields: _Fields) -> list:
    """A text column (``TI`` ``SO`` ``PY`` ``DI`` ``LA`` …) of the block's ``n`` records."""
    values = _field_texts(texts, buf, fields)
    if kind == KIND_JOIN_ITEMS:
        # value_lines keeps the lines of a wrapped one-item-per-line value as they are, so a
        # wrapped LA is not the stripped join: its lines are joined by "; ".
        for i in np.flatnonzero(fields.odd | fields.multiline).tolist():
            values[i] = "; ".join(value_lines(fields.raw(buf, i)))
    records = fields.records
    if "" in values:  # the record path stores no empty text
        kept = [i for i, value in enumerate(values) if value]
        records, values = records[kept], [values[i] for i in kept]
    return _placed(tag, _converted(tag, values), records, n)


def _placed(tag: str, values: list, records, n: int) -> list:
    """Column ``tag`` of the block's ``n`` records: ``values[i]`` at record ``records[i]``.

    ``records`` ascend; the other records get :func:`_empty_column`'s empty value.  The
    values are scattered by numpy (``fromiter`` keeps a list value one object).
    """
    if len(records) == n:  # every record has a value: the values are the column
        return values
    column = np.fromiter(_empty_column(tag, n), dtype=object, count=n)
    column[np.asarray(records, dtype=np.int64)] = np.fromiter(values, dtype=object, count=len(values))
    return column.tolist()


def _converted(tag: str, values: list[str]) -> list:
    """``PY`` ``NR`` ``TC`` as integers and ``DI`` cleaned, as ``finish_record`` does."""
    if tag in INT_TAGS:
        if not (all(map(str.isdigit, values)) and all(map(str.isascii, values))):
            raise _GiveUp  # the record path reports it (and reads PY through parse_year)
        return list(map(int, values))
    if tag == "DI":
        if all(map(str.startswith, values, repeat("10."))):  # a bare DOI: clean_doi lower-cases it
            return list(map(str.lower, map(str.rstrip, values, repeat("."))))
        return list(map(clean_doi, values))
    return values


def _list_column(n: int, buf: bytes, texts: pa.Array, fields: _Fields) -> list[list[str]]:
    """A one-item-per-line list column (``AU`` ``AF`` ``C1`` ``CR``): ``value_lines(value)`` per record.

    Every record of the block gets its own list (empty without the tag).
    """
    column = _line_lists(n, texts, fields)
    records = fields.records.tolist()
    # value_lines of a one-line value is the stripped line (or nothing); the lines of a wrapped
    # value are kept as they are.  One-line fields are few next to the items.
    for i in np.flatnonzero(~fields.multiline & ~fields.odd).tolist():
        text = column[records[i]][0].strip()
        column[records[i]] = [text] if text else []
    for i in np.flatnonzero(fields.odd).tolist():
        column[records[i]] = value_lines(fields.raw(buf, i))
    return column


def _line_lists(n: int, texts: pa.Array, fields: _Fields) -> list[list[str]]:
    """The lines of each field as a list, at the field's record; other records of ``n`` get ``[]``.

    Each record's list is made at once from the block (compiled: ``line_lists``).
    """
    return _wos_scan.line_lists(
        texts.buffers()[2], texts.buffers()[1], _int64(fields.first), _int64(fields.stop), _int64(fields.records), n
    )


def _semicolon_column(tag: str, n: int, buf: bytes, texts: pa.Array, fields: _Fields) -> list[list[str]]:
    """A "; " list column (``DE`` ``ID`` ``WC`` ``SC``): ``semicolon_items(joined_value(value))`` per record.

    ``semicolon_items`` keeps the plain split on "; " when every ";" is followed by a
    space and no item is empty; :func:`_semicolon_lists` splits every value and names
    those it would clean, which go through it (as do odd fields).
    """
    if fields.may_need_strip:  # values str.strip may change: made by the record path's helpers first
        return _placed(tag, _semicolon_split(_field_texts(texts, buf, fields)), fields.records, n)
    column, unsure = _semicolon_lists(n, texts, fields)
    records = fields.records.tolist()
    for i in sorted(set(unsure).union(np.flatnonzero(fields.odd).tolist())):
        column[records[i]] = semicolon_items(joined_value(fields.raw(buf, i)))
    return column


def _semicolon_split(values: list[str]) -> list[list[str]]:
    """``semicolon_items`` of each value: ``str.split`` on all, the check over all at once in C."""
    items = list(map(str.split, values, repeat("; ")))
    for i in _unsure_splits(values, items):
        items[i] = semicolon_items(values[i])
    return items


def _unsure_splits(values: list[str], items: list[list[str]]) -> list[int]:
    """The values whose split on "; " ``semicolon_items`` would not keep (a ";" without a space, an empty item)."""
    semicolons = sum(map(str.count, values, repeat(";")))
    if semicolons == sum(map(len, items)) - len(items) and not any(map(list.__contains__, items, repeat(""))):
        return []
    return [
        i for i, (value, parts) in enumerate(zip(values, items)) if value.count(";") != len(parts) - 1 or "" in parts
    ]


def _semicolon_lists(n: int, texts: pa.Array, fields: _Fields) -> tuple[list[list[str]], list[int]]:
    """Each field's lines joined by spaces and split on "; ", at the field's record (other records of
    ``n`` get ``[]``), and the fields whose split ``semicolon_items`` would not keep (compiled:
    ``semicolon_lists``)."""
    return _wos_scan.semicolon_lists(
        texts.buffers()[2], texts.buffers()[1], _int64(fields.first), _int64(fields.stop), _int64(fields.records), n
    )


class _ExtraTag(NamedTuple):
    """A tag of a block kept in ``extra``: its fields are ``every_field[a:b]`` (see ``_read_block``)."""

    tag: str
    kind: int  # KIND_EXTRA_TEXT or KIND_EXTRA_LIST
    a: int
    b: int
    may_need_strip: bool  # str.strip may change a value (see _Fields)
    twice: bool  # a record has the tag more than once


def _extra_objects(
    n: int, extra_tags: list[_ExtraTag], every_field: _Fields, texts: pa.Array, buf: bytes
) -> list[str | None]:
    """Each record's ``extra`` as JSON text, or None for a record without extra fields.

    The text is what ``json.dumps(extra, ensure_ascii=False, sort_keys=True)`` writes for
    the record path's dict; ``extra_tags`` ascend (the JSON key order).  The JSON is
    written by one compiled loop (``json_objects``).

    Python gives each piece (a tag's value in a record) either as the lines of its field,
    which the loop joins by spaces and escapes, or as a value made by the record path's
    helpers (odd fields, values ``str.strip`` may change, a tag twice in a record, lists);
    the pieces are put in record order by a stable sort (tags ascend within a record).
    A block with control characters other than newlines has ``may_need_strip`` set on
    every tag, so its values are made by the helpers (and escaped by the loop).
    """
    if not extra_tags:
        return [None] * n
    firsts, stops, records, tags, raws = [], [], [], [], []
    values: list[str | None] = []  # None: the field's lines, joined by the compiled loop
    for t, (tag, kind, a, b, may_need_strip, twice) in enumerate(extra_tags):
        fields = every_field.subset(slice(a, b), may_need_strip)
        if twice or kind == KIND_EXTRA_LIST:
            if twice:
                tag_records, tag_values = _values_as_record_path(tag, kind, buf, fields)
                tag_records = np.asarray(tag_records, dtype=np.int64)
            else:
                tag_records, tag_values = fields.records, [value_lines(fields.raw(buf, i)) for i in range(b - a)]
            if kind == KIND_EXTRA_LIST:  # written as they are: JSON arrays ("" for no items: not stored)
                tag_values = [_json_list(items) if items else "" for items in tag_values]
            k = len(tag_records)
            firsts.append(np.zeros(k, dtype=np.int64))  # lines not read
            stops.append(np.ones(k, dtype=np.int64))
        else:
            tag_records, k = fields.records, b - a
            if may_need_strip:
                tag_values = _field_texts(texts, buf, fields)
            else:
                tag_values = [None] * k
                for i in np.flatnonzero(fields.odd).tolist():
                    tag_values[i] = joined_value(fields.raw(buf, i))
            firsts.append(fields.first)
            stops.append(fields.stop)
        records.append(tag_records)
        tags.append(np.full(k, t, dtype=np.int64))
        raws.append(np.full(k, kind == KIND_EXTRA_LIST, dtype=np.uint8))
        values += tag_values
    record_of_piece = np.concatenate(records)
    order = np.argsort(record_of_piece, kind="stable")  # by record, and by tag within a record
    return _wos_scan.json_objects(
        texts.buffers()[2],
        texts.buffers()[1],
        order,
        np.concatenate(firsts),
        np.concatenate(stops),
        record_of_piece,
        np.concatenate(tags),
        [f'"{tag.tag}": ' for tag in extra_tags],
        values,
        np.concatenate(raws),
        n,
    )


def _json_list(items: list[str]) -> str:
    """A list of str as the json module writes it (``ensure_ascii=False``)."""
    return "[" + ", ".join(map(_json_string, items)) + "]"


def _values_as_record_path(tag: str, kind: int, buf: bytes, fields: _Fields) -> tuple[list[int], list]:
    """A tag given more than once in a record: every field through the record path's ``store_field``.

    Lists are extended and text is joined with "; " exactly as the record path does;
    returns the records that end with a value and those values (converted).
    """
    stores: dict[int, tuple[dict, dict]] = {}
    for i, r in enumerate(fields.records.tolist()):
        rec, extra = stores.setdefault(r, ({}, {}))
        store_field(rec, extra, tag, fields.raw(buf, i))
    records, values = [], []
    for r, (rec, extra) in stores.items():
        target = extra if kind == KIND_EXTRA_TEXT or kind == KIND_EXTRA_LIST else rec
        if tag in target:
            records.append(r)
            values.append(target[tag])
    if kind == KIND_TEXT:
        values = _converted(tag, values)
    return records, values
