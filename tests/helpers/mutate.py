"""Mutation helpers for the reader-hardening suite (tests/io/test_mutations.py).

A real export is decoded, its line ends normalised to LF, and cut into
``header + records + trailer`` by *independent* record-marker rules written
here (not the readers' own code), so that the test can say how many records a
mutated file really holds and check the readers' ``records_in_file`` against
it.  Every mutation works on that segmentation and returns the text (or bytes)
to write plus what the reader must do with it.

Nothing here copies a shared file into the repository: mutated files are
written under pytest's ``tmp_path`` only.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
import re
from dataclasses import dataclass, field

from litkit.io.sniff import detect_encoding

# Independent record-marker rules: a record starts at a line matching these.
_LINE_MARKERS = {
    "wos_plain": re.compile(r"PT "),
    "cnki_refworks": re.compile(r"RT\s+\S"),
    "cnki_endnote": re.compile(r"%0 \S"),
    "cnki_noteexpress": re.compile(r"\{Reference Type\}\s*[:：]"),
    "bibtex": re.compile(r"[ \t]*@[ \t]*(?!(?:comment|string|preamble)\b)[A-Za-z]+[ \t]*[{(]", re.I),
    "cssci": re.compile(r"\s*【来源篇名】"),
    "pubmed": re.compile(r"PMID- "),
}
# Formats cut into records as CSV rows (one record per data row, multi-line quoted cells included).
CSV_FORMATS = ("scopus_csv", "lens_csv", "openalex_csv")
# Lines that are a record's marker line or its closing line, never deleted as "a field".
_STRUCTURAL = re.compile(
    r"^(PT |ER\b|EF\b|RT\s|%0 |\{Reference Type\}|\s*@|\s*\}\s*$|\s*【来源篇名】|\s*-{10,}\s*$|PMID- |SOURCE: Scopus)"
)
# A line that starts a field (blank lines may go before it without changing any value).
_FIELD_START = {
    "wos_plain": re.compile(r"^[A-Z][A-Z0-9] "),
    "cnki_refworks": re.compile(r"^(?:[A-Z][A-Z0-9]|vo|URL) "),
    "cnki_endnote": re.compile(r"^%\S "),
    "cnki_noteexpress": re.compile(r"^\{[^{}]+\}\s*[:：]"),
    "cssci": re.compile(r"^【[^】]+】"),  # a CSSCI key line; the reference lines continue 【参考文献】
    "pubmed": re.compile(r"^[A-Z][A-Z0-9]{1,3} *- "),  # MEDLINE: the tag left-justified in four characters
    # Scopus plain text: the KEY: lines Scopus writes (a reference such as "OECD: …" is no field start)
    "scopus_plain": re.compile(
        r"^(?:AUTHOR FULL NAMES|DOI|AFFILIATIONS|ABSTRACT|AUTHOR KEYWORDS|INDEX KEYWORDS|FUNDING DETAILS"
        r"|FUNDING TEXT \d+|REFERENCES|CORRESPONDENCE ADDRESS|EDITORS|SPONSORS|PUBLISHER"
        r"|CONFERENCE (?:NAME|DATE|LOCATION|CODE)|ISSN|ISBN|CODEN|PUBMED ID|LANGUAGE OF ORIGINAL DOCUMENT"
        r"|ABBREVIATED SOURCE TITLE|DOCUMENT TYPE|PUBLICATION STAGE|OPEN ACCESS): "
    ),
}


@dataclass
class Segments:
    """A decoded export cut into its header, its records and its trailer (LF line ends)."""

    format: str
    header: str
    records: list[str]
    trailer: str = ""

    def text(self, records: list[str] | None = None, trailer: bool = True) -> str:
        recs = self.records if records is None else records
        return self.header + "".join(recs) + (self.trailer if trailer else "")


def decode_lf(data: bytes) -> str:
    """The file's text as litkit sniffs it, BOM dropped, every line end turned into LF."""
    text = data.decode(detect_encoding(data), errors="strict")
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def segment(text: str, fmt: str) -> Segments:
    """Cut LF text into header, records and trailer by the format's record markers."""
    if fmt == "wos_tab":
        lines = text.splitlines(keepends=True)
        return Segments(fmt, lines[0], lines[1:], "")
    if fmt in CSV_FORMATS:
        return _segment_csv(text, fmt)
    if fmt == "scopus_plain":
        return _segment_scopus_plain(text)
    marker = _LINE_MARKERS[fmt]
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if marker.match(line)]
    if not starts:
        return Segments(fmt, text, [], "")
    header = "".join(lines[: starts[0]])
    records = ["".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    trailer = ""
    if fmt == "wos_plain":
        last = records[-1]
        m = re.search(r"^EF\b.*\Z", last, re.M | re.S)
        if m:
            records[-1], trailer = last[: m.start()], last[m.start() :]
    return Segments(fmt, header, records, trailer)


def _segment_scopus_plain(text: str) -> Segments:
    """Scopus plain text: the "Scopus" / "EXPORT DATE:" preamble, then records each closed by "SOURCE: Scopus".

    Blank lines after a record belong to it; text after the last "SOURCE: Scopus" (a cut record) is a record.
    """
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (
        not lines[i].strip() or lines[i].strip() == "Scopus" or lines[i].startswith("EXPORT DATE:")
    ):
        i += 1
    header, records, current = "".join(lines[:i]), [], []
    for line in lines[i:]:
        if not current and not line.strip():
            if records:
                records[-1] += line
            else:
                header += line
            continue
        current.append(line)
        if line.startswith("SOURCE: Scopus"):
            records.append("".join(current))
            current = []
    if current:
        records.append("".join(current))
    return Segments("scopus_plain", header, records, "")


def _segment_csv(text: str, fmt: str = "scopus_csv") -> Segments:
    lines = text.splitlines(keepends=True)
    reader = csv.reader(iter(lines))
    spans: list[tuple[int, int]] = []
    previous = 0
    for _row in reader:
        spans.append((previous, reader.line_num))
        previous = reader.line_num
    header = "".join(lines[spans[0][0] : spans[0][1]])
    records = ["".join(lines[a:b]) for a, b in spans[1:]]
    return Segments(fmt, header, records, "".join(lines[previous:]))


def count_records(text: str, fmt: str) -> int:
    """Records present in ``text`` by the independent marker rules (blank data rows do not count)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    seg = segment(text, fmt)
    if fmt == "wos_tab" or fmt in CSV_FORMATS:
        return sum(1 for r in seg.records if r.strip().strip(",").strip())
    return len(seg.records)


# ---------------------------------------------------------------------------------------------
# mutations
# ---------------------------------------------------------------------------------------------


@dataclass
class Mutant:
    """One mutated input and what the reader must do with it.

    ``intact`` are indices (into the original records) of the records that the
    mutation left untouched, in the order they appear in the mutated file;
    each must be read, in that order, with the same title as in the original.
    ``n_records`` is the number of records present.  ``same_values`` says that
    the read corpus must equal the original's field by field (encoding and
    line-end changes); ``lines_shift`` that ``source_line`` may differ.
    ``may_fail`` allows a :class:`~litkit.errors.LitkitError` (e.g. a file cut
    before its first record holds nothing to read).
    """

    name: str
    data: bytes
    n_records: int
    intact: list[int]
    same_values: bool = False
    lines_shift: bool = False
    may_fail: bool = False
    extra_ok: list[int] = field(default_factory=list)  # original indices of damaged records present


def encode(text: str, encoding: str, newline: str = "\n") -> bytes:
    if newline != "\n":
        text = text.replace("\n", newline)
    return text.encode(encoding)


def fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def is_chinese(fmt: str, text: str) -> bool:
    """Files users meet in GB18030: CNKI exports, and others holding Chinese text."""
    return fmt.startswith("cnki") or len(re.findall(r"[\u4e00-\u9fff]", text)) >= 20


def cut_points(n: int, budget: int, rng: random.Random) -> list[int]:
    """Deterministic sample of record boundaries 0..n: both ends, the neighbours, and ``budget`` more."""
    must = {0, 1, n - 1, n} if n > 1 else {0, n}
    rest = [k for k in range(n + 1) if k not in must]
    return sorted(must | set(rng.sample(rest, min(budget, len(rest)))))


def record_cuts(seg: Segments, budget: int, rng: random.Random) -> list[Mutant]:
    """The file cut at record boundaries (a download stopped between records)."""
    n = len(seg.records)
    out = []
    for k in cut_points(n, budget, rng):
        text = seg.header + "".join(seg.records[:k])
        out.append(Mutant(f"cut after record {k}", encode(text, "utf-8"), k, list(range(k)), may_fail=(k == 0)))
    return out


def mid_record_cuts(seg: Segments, budget: int, rng: random.Random) -> list[Mutant]:
    """The file cut inside a record, after its marker line (mid-line and at a line end)."""
    n = len(seg.records)
    out = []
    for k in cut_points(n - 1, budget, rng) if n > 1 else [0]:
        rec = seg.records[k]
        first_nl = rec.find("\n")
        if first_nl < 0 or first_nl + 2 >= len(rec.rstrip()):
            continue
        body = rec.rstrip()
        pos = rng.randrange(first_nl + 1, len(body))  # somewhere after the marker line
        text = seg.header + "".join(seg.records[:k]) + body[:pos]
        out.append(
            Mutant(f"cut inside record {k} at char {pos}", encode(text, "utf-8"), k + 1, list(range(k)), extra_ok=[k])
        )
    return out


def byte_cut(seg: Segments, rng: random.Random) -> Mutant | None:
    """The UTF-8 bytes cut inside a multi-byte character of the last record (interrupted download)."""
    data = encode(seg.text(trailer=False), "utf-8")
    start = len(encode(seg.header + "".join(seg.records[:-1]), "utf-8"))
    first_nl = data.find(b"\n", start)
    positions = [i for i in range(max(first_nl + 1, start), len(data)) if 0x80 <= data[i] < 0xC0]
    if not positions:
        return None
    pos = rng.choice(positions)
    n = len(seg.records)
    return Mutant(f"bytes cut inside a character at byte {pos}", data[:pos], n, list(range(n - 1)), extra_ok=[n - 1])


def line_end_variants(seg: Segments) -> list[Mutant]:
    n = len(seg.records)
    text = seg.text()
    return [
        Mutant(f"line ends {name}", encode(text, "utf-8", nl), n, list(range(n)), same_values=True)
        for name, nl in (("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r"))
    ]


def mixed_line_ends(seg: Segments, rng: random.Random) -> Mutant:
    """LF, CRLF and bare CR mixed line by line (files pasted together from several sources)."""
    lines = seg.text().split("\n")
    text = "".join(line + rng.choice(["\n", "\r\n", "\r"]) for line in lines[:-1]) + lines[-1]
    n = len(seg.records)
    # a bare CR before an empty line's LF reads as one CRLF, so line numbers may shift
    return Mutant("line ends mixed", encode(text, "utf-8"), n, list(range(n)), same_values=True, lines_shift=True)


def encoding_variants(seg: Segments) -> list[Mutant]:
    """BOM added/dropped and re-encodings; the text must read back with the same values."""
    n = len(seg.records)
    text = seg.text()
    variants = [
        ("UTF-8 without BOM", encode(text, "utf-8")),
        ("UTF-8 with BOM", codecs.BOM_UTF8 + encode(text, "utf-8")),
        ("UTF-8 with BOM, CRLF", codecs.BOM_UTF8 + encode(text, "utf-8", "\r\n")),
        ("UTF-16LE with BOM, CRLF", codecs.BOM_UTF16_LE + encode(text, "utf-16-le", "\r\n")),
        ("UTF-16LE without BOM", encode(text, "utf-16-le")),
    ]
    if is_chinese(seg.format, text):
        variants.append(("GB18030", encode(text, "gb18030")))
        variants.append(("GB18030, CRLF", encode(text, "gb18030", "\r\n")))
    if fits(text, "cp1252"):
        variants.append(("cp1252, CRLF", encode(text, "cp1252", "\r\n")))
    return [Mutant(name, data, n, list(range(n)), same_values=True) for name, data in variants]


def cp1252_subset(seg: Segments) -> tuple[Segments, list[int]] | None:
    """The records whose text fits cp1252 (to re-encode a file that does not fit as a whole)."""
    if not fits(seg.header + seg.trailer, "cp1252"):
        return None
    keep = [i for i, r in enumerate(seg.records) if fits(r, "cp1252")]
    if len(keep) < 2 or len(keep) == len(seg.records):
        return None
    return Segments(seg.format, seg.header, [seg.records[i] for i in keep], seg.trailer), keep


def duplicate_record(seg: Segments, rng: random.Random) -> Mutant:
    n = len(seg.records)
    j = rng.randrange(max(1, n - 1)) if n > 1 else 0
    recs = seg.records[: j + 1] + [seg.records[j]] + seg.records[j + 1 :]
    order = list(range(j + 1)) + [j] + list(range(j + 1, n))
    return Mutant(f"record {j} duplicated", encode(seg.header + "".join(recs) + seg.trailer, "utf-8"), n + 1, order)


def _field_lines(rec: str, fmt: str) -> list[int]:
    lines = rec.splitlines(keepends=True)
    if fmt == "bibtex":
        return [
            i
            for i, line in enumerate(lines)
            if i > 0 and re.match(r"\s*[A-Za-z-]+\s*=", line) and not re.match(r"\s*title\s*=", line, re.I)
        ]
    start = _FIELD_START[fmt]
    return [i for i, line in enumerate(lines) if i > 0 and start.match(line) and not _STRUCTURAL.match(line)]


def delete_field(seg: Segments, rng: random.Random) -> Mutant | None:
    """One field of one record removed (a line in tagged formats, a cell's value in tables)."""
    n = len(seg.records)
    j = rng.randrange(n)
    rec = seg.records[j]
    if seg.format == "wos_tab" or seg.format in CSV_FORMATS:
        if seg.format == "wos_tab":
            cells = rec.rstrip("\n").split("\t")
            filled = [i for i, c in enumerate(cells) if c.strip() and i > 0]
            if not filled:
                return None
            cells[rng.choice(filled)] = ""
            new = "\t".join(cells) + "\n"
        else:
            row = next(csv.reader([rec]))
            filled = [i for i, c in enumerate(row) if c.strip() and i > 0]
            if not filled:
                return None
            row[rng.choice(filled)] = ""
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow(row)
            new = buf.getvalue()
    else:
        lines = rec.splitlines(keepends=True)
        candidates = _field_lines(rec, seg.format)
        if not candidates:
            return None
        i = rng.choice(candidates)
        # the field with its continuation lines (lines up to the next field start)
        end = i + 1
        starts = set(_field_lines(rec, seg.format))
        while (
            end < len(lines)
            and end not in starts
            and not _STRUCTURAL.match(lines[end])
            and seg.format != "bibtex"
            and lines[end].strip()
        ):
            end += 1
        new = "".join(lines[:i] + lines[end:])
    recs = seg.records[:j] + [new] + seg.records[j + 1 :]
    return Mutant(
        f"a field of record {j} deleted",
        encode(seg.header + "".join(recs) + seg.trailer, "utf-8"),
        n,
        [i for i in range(n) if i != j],
        lines_shift=True,
        extra_ok=[j],
    )


def blank_lines(seg: Segments, rng: random.Random) -> Mutant:
    """Blank lines (some holding only spaces or a TAB) between records and before field lines."""
    recs = []
    for i, rec in enumerate(seg.records):
        if rng.random() < 0.3:
            rec = rng.choice(["\n", "\n\n", "  \n", "\t\n"]) + rec if i else rec
        if seg.format in _FIELD_START and rng.random() < 0.3:
            lines = rec.splitlines(keepends=True)
            starts = [
                k
                for k, line in enumerate(lines)
                if k > 1 and _FIELD_START[seg.format].match(line) and not _STRUCTURAL.match(line)
            ]
            if starts:
                k = rng.choice(starts)
                lines.insert(k, "\n")
                rec = "".join(lines)
        recs.append(rec)
    n = len(seg.records)
    return Mutant(
        "blank lines inserted",
        encode(seg.header + "".join(recs) + seg.trailer, "utf-8"),
        n,
        list(range(n)),
        same_values=True,
        lines_shift=True,
    )


def stray_tabs(seg: Segments, rng: random.Random) -> Mutant:
    """TABs and spaces at the end of lines (as a spreadsheet round-trip leaves them).

    In a CSV file only at the end of a row: inside a quoted multi-line cell a TAB is
    part of the value.
    """
    pieces = [seg.header, *seg.records, seg.trailer] if seg.format in CSV_FORMATS else [seg.text()]
    out = []
    for piece in pieces:
        for line in piece.splitlines(keepends=True) if seg.format not in CSV_FORMATS else [piece]:
            if line.endswith("\n") and line.strip() and rng.random() < 0.15:
                line = line[:-1] + rng.choice(["\t", " \t", "\t\t"]) + "\n"
            out.append(line)
    n = len(seg.records)
    return Mutant("stray TABs at line ends", encode("".join(out), "utf-8"), n, list(range(n)), same_values=True)
