"""Detect a file's encoding from its bytes.

Exports come in UTF-8 (with or without BOM), UTF-16 (WoS tab-delimited from
Windows), GB18030/GBK (CNKI on Chinese Windows) and cp1252 (old WoS files
edited in Excel).  The decision is made from content, never from the file name:

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE);
2. NUL bytes on every other position mean BOM-less UTF-16;
3. bytes that decode as strict UTF-8 are UTF-8, and so is UTF-8 with a few stray
   bytes (reading it then reports the first bad byte's line instead of decoding
   the whole file as cp1252 mojibake);
4. bytes that decode as GB18030 into mostly CJK characters are GB18030 (also
   also when Chinese is mixed with accented Latin letters);
5. anything else is cp1252 (falling back to Latin-1 for the five bytes cp1252
   leaves undefined).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import DecodingError

SAMPLE_BYTES = 4 << 20  # how much of a file is examined to decide its encoding


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2000 <= o <= 0x206F
        or 0x20000 <= o <= 0x2A6DF
    )


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 text with a few bad bytes: nearly all non-ASCII bytes form valid UTF-8 sequences.

    cp1252 and GB18030 text almost never does (their accented letters and Chinese
    characters are not valid UTF-8 sequences), so 95 % is a safe threshold.
    """
    high = len(_HIGH_BYTE.findall(data))
    if high < 20:
        return False
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    return in_sequences >= 0.95 * high


def _utf8_with_stray_bytes(data: bytes) -> bool:
    """UTF-8 text with few non-ASCII characters and one or two stray bytes.

    :func:`_damaged_utf8` needs 20 non-ASCII bytes to judge; an English export may hold
    only a ``™`` in its header and then one corrupted byte.  Read as cp1252 it would turn
    every character into mojibake silently; read as UTF-8 the stray byte is reported
    with its line.  It takes at least one valid multi-byte sequence and at most two stray
    bytes, with at least two bytes in valid sequences per stray byte: cp1252 text (a lone
    high byte per accented letter) almost never forms a valid sequence, and Chinese text
    has far more than two bytes outside them.
    """
    high = len(_HIGH_BYTE.findall(data))
    if not high or high >= 20:
        return False
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    stray = high - in_sequences
    return 0 < stray <= 2 and in_sequences >= 2 * stray


_LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")
# A GB18030 four-byte character (how it writes ö, ñ, å … that GBK lacks): its two high bytes
# stand between ASCII digits, so they would look like lone cp1252 letters.
_GB18030_FOUR_BYTE = re.compile(rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]")


def _mostly_lone_high_bytes(data: bytes) -> bool:
    """Most non-ASCII bytes stand alone between ASCII bytes, as accented letters do in cp1252.

    GB18030 decodes such text without error (a high byte followed by an ASCII letter is
    a valid, rare, two-byte character), but Chinese text has its high bytes in runs.
    """
    data = _GB18030_FOUR_BYTE.sub(b"", data)
    high = len(_HIGH_BYTE.findall(data))
    return high > 0 and len(_LONE_HIGH_BYTE.findall(data)) > 0.3 * high


def _chinese_with_latin(high: list[str]) -> bool:
    """Chinese text mixed with accented Latin, e.g. a WoS export with Chinese and European names.

    ``high`` are the non-ASCII characters of the GB18030 reading.  When at least a fifth
    of them (and at least 20) are Chinese ideographs and every one is a letter, digit,
    punctuation mark or symbol -- no control or private-use character, which is what
    cp1252 bytes misread as GB18030 give -- the file is GB18030.  (cp1252 text reaches
    this test only when its high bytes come in runs, see :func:`_mostly_lone_high_bytes`.)
    Without this rule such a file fell through to cp1252 and every Chinese character
    became mojibake, silently.
    """
    import unicodedata

    ideographs = sum(1 for c in high if 0x4E00 <= ord(c) <= 0x9FFF or 0x3400 <= ord(c) <= 0x4DBF)
    if ideographs < 20 or ideographs < 0.2 * len(high):
        return False
    return all(unicodedata.category(c)[0] in "LNPS" for c in high)


def _valid_utf8_prefix(sample: bytes, complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def cut_utf8_tail(data: bytes) -> bool:
    """True when ``data`` is valid UTF-8 except for a character cut off at its very end.

    That is what an interrupted download looks like; the file is still UTF-8.

    >>> cut_utf8_tail("生态".encode("utf-8")[:-1])
    True
    """
    return _valid_utf8_prefix(data, complete=False) and not _valid_utf8_prefix(data, complete=True)


def detect_encoding(data: bytes, complete: bool = True) -> str:
    """Return the Python codec name for ``data`` (the start of a file).

    ``complete`` says whether ``data`` is the whole file (otherwise a multi-byte
    character cut at the end of the sample is not held against UTF-8).

    Examples
    --------
    >>> detect_encoding(b"\\xef\\xbb\\xbfFN Clarivate")
    'utf-8-sig'
    >>> detect_encoding("生态产品".encode("gb18030"))
    'gb18030'
    >>> detect_encoding("café ".encode("cp1252"))
    'cp1252'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"  # the codec reads the BOM and drops it
    head = data[:4096]
    if len(head) >= 4:
        even_nul = head[0::2].count(0)
        odd_nul = head[1::2].count(0)
        half = len(head) / 2
        if odd_nul > 0.3 * half and even_nul < 0.05 * half:
            return "utf-16-le"
        if even_nul > 0.3 * half and odd_nul < 0.05 * half:
            return "utf-16-be"
    if _valid_utf8_prefix(data, complete) or (complete and cut_utf8_tail(data)):
        return "utf-8"
    if _damaged_utf8(data) or _utf8_with_stray_bytes(data):
        # Reading it as UTF-8 raises DecodingError naming the bad line, instead of
        # silently turning every accented or Chinese character into cp1252 mojibake.
        return "utf-8"
    try:
        text = data.decode("gb18030", errors="strict" if complete else "ignore")
    except UnicodeDecodeError:
        text = None
    if text is not None and _mostly_lone_high_bytes(data):
        text = None  # Western text (cp1252 "é" between ASCII letters), not Chinese
    if text is not None:
        high = [c for c in text if ord(c) > 0x7F]
        if high and (sum(map(_is_cjk, high)) >= 0.9 * len(high) or _chinese_with_latin(high)):
            return "gb18030"
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def first_undecodable_line(path: Path | bytes, encoding: str) -> int | None:
    """1-based line of the first byte that ``encoding`` cannot decode (for error messages only).

    Parameters
    ----------
    path : pathlib.Path or bytes
        The file, or its content (an archive member read in memory).
    encoding : str
        The encoding it was read with.

    Returns
    -------
    int or None
        The line number, or None when the whole file decodes.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = path.write_bytes(bytes([111, 107, 10, 98, 97, 100, 255]))  # "ok", then "bad" and 0xFF
    >>> first_undecodable_line(path, "utf-8")
    2
    """
    data = path if isinstance(path, bytes) else path.read_bytes()
    if encoding.replace("_", "-").lower() == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
        # the utf-8-sig codec counts error positions after the BOM: decode the rest as UTF-8
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8"
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(encoding, errors="replace")
        return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return None


class TextSource:
    """A file opened for reading as text with its sniffed encoding.

    Readers get one of these: ``path`` for messages, ``encoding`` for the
    report, :meth:`lines` to iterate decoded lines without line ends (LF, CRLF
    and bare CR all end a line), :meth:`read_text` for the whole text,
    :meth:`open_binary` for the bytes.

    ``data``: the content itself, for a file that is not on disk (a member of a
    ``.zip`` or ``.gz`` archive, read in memory); ``path`` then only names it
    (``exports.zip!savedrecs.txt``) and is never opened.
    """

    def __init__(self, path: str | Path, encoding: str | None = None, data: bytes | None = None):
        self.path = Path(path)
        self.data = data
        if encoding is None:
            with self.open_binary() as fh:
                sample = fh.read(SAMPLE_BYTES + 1)
            complete = len(sample) <= SAMPLE_BYTES
            encoding = detect_encoding(sample[:SAMPLE_BYTES], complete=complete)
        self.encoding = encoding
        # A UTF-8 file cut inside its last character (an interrupted download) is read with that
        # one character replaced by U+FFFD; the reader then reports the cut record as usual.
        self.errors = "strict"
        if encoding in ("utf-8", "utf-8-sig"):
            size = len(data) if data is not None else self.path.stat().st_size
            with self.open_binary() as fh:
                fh.seek(max(0, size - 4))
                tail = fh.read()
            tail = tail.lstrip(bytes(range(0x80, 0xC0)))  # start at a character boundary
            if tail and cut_utf8_tail(tail):
                self.errors = "replace"

    def open(self, newline: str | None = None) -> io.TextIOWrapper:
        """Open as a text stream (``newline=''`` for the csv module)."""
        if self.data is not None:
            return io.TextIOWrapper(io.BytesIO(self.data), encoding=self.encoding, errors=self.errors, newline=newline)
        return open(self.path, encoding=self.encoding, errors=self.errors, newline=newline)

    def open_binary(self) -> io.BufferedIOBase:
        """Open as a binary stream (the file, or the in-memory ``data``)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        return open(self.path, "rb")

    def undecodable_line(self) -> int | None:
        """1-based line of the first byte the encoding cannot decode (see :func:`first_undecodable_line`)."""
        return first_undecodable_line(self.data if self.data is not None else self.path, self.encoding)

    def decoding_error(self, exc: UnicodeDecodeError, line: int | None) -> DecodingError:
        """The :class:`~litkit.errors.DecodingError` to raise for ``exc`` met at ``line`` of this file."""
        return DecodingError(
            f"cannot decode bytes as {self.encoding} ({exc.reason})",
            path=self.path,
            line=line,
            expected=f"text in one encoding throughout (sniffed {self.encoding} from the file's start)",
        )

    def read_text(self) -> str:
        """The whole file as one string with LF line ends, BOM removed."""
        try:
            with self.open() as fh:
                text = fh.read()
        except UnicodeDecodeError as exc:
            raise self.decoding_error(exc, self.undecodable_line()) from None
        return text[1:] if text.startswith("\ufeff") else text

    def lines(self) -> Iterator[str]:
        """Decoded lines without their line ends; the first line loses any BOM."""
        try:
            with self.open() as fh:
                for lineno, line in enumerate(fh, 1):
                    if lineno == 1 and line.startswith("\ufeff"):
                        line = line[1:]
                    yield line.rstrip("\n")
        except UnicodeDecodeError as exc:
            raise self.decoding_error(exc, self.undecodable_line()) from None

    def head(self, n_lines: int = 60, max_chars: int = 200_000) -> list[str]:
        """The first ``n_lines`` non-blank lines (for format sniffing)."""
        out: list[str] = []
        try:
            with self.open() as fh:
                text = fh.read(max_chars)
        except UnicodeDecodeError as exc:
            raise self.decoding_error(exc, self.undecodable_line()) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        for line in text.splitlines():
            if line.strip():
                out.append(line)
                if len(out) >= n_lines:
                    break
        return out
