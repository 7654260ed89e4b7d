"""Web of Science plain-text export (``FN … VR 1.0 … PT … ER … EF``).

Each record starts with a ``PT`` line and ends with an ``ER`` line.  A field is a
two-letter tag, one space and a value; lines indented by three spaces continue
the field above.  What a continuation line means depends on the tag:

* one item per line -- authors (``AU`` ``AF`` ``BA`` ``BF`` ``BE`` ``CA`` ``GP``),
  addresses (``C1``), cited references (``CR``) and languages (``LA``): each
  line is one item;
* every other tag -- the value was wrapped at a space: lines are joined with a
  space (``TI``, ``AB``, ``DE``, ``EM``, ``FX`` …).

``DE`` ``ID`` ``WC`` ``SC`` are then split on ``;``.  ``PY`` ``NR`` ``TC`` become
integers and ``DI`` is lower-cased (:func:`~litkit.io.base.clean_doi`).  Tags
outside the canonical columns (``EM`` ``RI`` ``OI`` ``Z9`` ``U1`` ``PG`` ``GA``
``DA`` …) are kept in ``extra`` under their own tag (one-item-per-line tags as
lists).

Rules for imperfect files (every case is listed in the ingest report with the
file and line):

* ``records_in_file`` is the number of ``PT`` lines; the ``EF`` line and the
  ``FN``/``VR`` header are optional.
* A tag glued to its value (``AUGilles, H``) is read as that tag when the two
  letters are a Web of Science tag; the record is kept and the line reported.
  A line that is neither a tag line nor indented continues the field above
  (kept, reported).
* A record without ``ER`` that is followed by another ``PT`` is kept and
  reported.  The last record of a file that stops before its ``ER`` (a
  truncated download) is kept when it has a title or an accession number and
  skipped otherwise; either way it is reported, because its last field may be
  cut short.
* An early-access record without ``PY`` gets the year of its ``EA`` date; this
  is listed as a *note* (not a defect) so the inferred years can be found.
* Text between an ``ER`` and the next ``PT`` other than ``EF`` is ignored and
  reported.

Variants written by tools that re-save exports are read too:

* a TAB after the tag instead of a space (``PT<TAB>J``), and continuation lines
  indented by a TAB: read as the usual form; one note per file says so;
* continuation lines that are not indented at all: in a record that has any
  line which is neither a tag line nor a glued tag, a line starts a field only
  when it begins with a *known* Web of Science tag (:data:`KNOWN_TAGS`) followed
  by a space (``US farmers …`` or ``ABBOTT J, 1999, …`` continue the field
  above); the record is kept and reported once, with its first such line and
  the number of them.  In a record whose continuation lines are indented, an
  upper-case tag litkit does not know is kept in ``extra`` (Web of Science adds
  tags now and then);
* tag lines with no value (``AB``, ``AB `` or ``AB<TAB>``) are empty fields.

Two engines (``litkit.read(engine=...)``, see :mod:`litkit.io.engine`), with the same result:

* ``"python"``, the *record path* (:func:`read`), streams the file in blocks of a
  few megabytes and splits each block into records and fields with C-level string
  operations; it handles and reports every defect listed above;
* ``"c"`` (the default when litkit's C extension was built), the *column fast path*
  (:func:`read_column_blocks`, in :mod:`litkit.io._wos_columns`), reads a regular
  file a block of records at a time as columns: a compiled scan classifies every
  line from its first bytes, each tag's values are made together by compiled
  loops, and no record dict is ever built.  It accepts only blocks in which
  the record path would find nothing to report (other than the notes about
  years taken from ``EA``) and declines at the first other one, so that the
  record path reads the rest of the file and reports why.  The tests compare
  both paths value by value on every real export.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("savedrecs.txt")                    # doctest: +SKIP
>>> corpus.df.loc[0, ["AU", "PY", "SO"]]                      # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from .base import ReaderSpec, clean_doi, parse_year
from .ingest_report import FileReport
from .sniff import TextSource

# Tags whose continuation lines are separate items (one author/address/reference per line).
LINE_LIST_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "C1", "CR", "LA"})
# Tags holding "; "-separated lists.
SEMICOLON_LIST_TAGS = frozenset({"DE", "ID", "WC", "SC"})
# Canonical columns filled directly from the tag of the same name (text values).
TEXT_TAGS = frozenset(
    {
        "UT",
        "PT",
        "DT",
        "TI",
        "SO",
        "J9",
        "JI",
        "PD",
        "EA",
        "VL",
        "IS",
        "BP",
        "EP",
        "AR",
        "AB",
        "RP",
        "SN",
        "EI",
        "BN",
        "PU",
        "FU",
    }
)
INT_TAGS = frozenset({"PY", "NR", "TC"})
CANONICAL_LIST_TAGS = frozenset({"AU", "AF", "C1", "CR"}) | SEMICOLON_LIST_TAGS

# Every tag Web of Science documents for its plain-text and tab-delimited exports (Core
# Collection and All Databases).  Used to recover glued tag lines such as "AUGilles, H":
# only a known tag is split off, so a stray unindented line of text is never mistaken for one.
KNOWN_TAGS = frozenset(
    """
FN VR PT AU AF BA BF CA GP BE TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI FU FP FX
CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL D2 EA PG WC WE SC
GA UT PM OA HC HP DA ER EF AE AK FT S1 X1 X4 Y1 Y4 Z1 Z2 Z3 Z4 Z8 ZA ZB ZR ZS KP MI PS CI
""".split()
)

_FIELD_BREAK = re.compile(r"\n(?! )")  # a newline that does not start a continuation line
_BLOCK_BYTES = 1 << 22  # bytes decoded per read


def sniff(head: list[str]) -> bool:
    """A WoS plain-text file starts with an ``FN`` header, or directly with a ``PT`` record.

    A TAB may stand for the space after a tag (a re-saved export); the first line of a
    tab-delimited export (``PT<TAB>AU<TAB>BA…``, many TABs) is not claimed.

    Examples
    --------
    >>> sniff(["FN Clarivate Analytics Web of Science", "VR 1.0", "PT J"]), sniff(["PT\tJ", "AU\tWang, L"])
    (True, True)
    >>> sniff(["PT\tAU\tBA\tBE\tGP\tAF\tBF\tCA\tTI"])
    False
    """
    if not head or head[0].count("\t") > 1:
        return False
    first = head[0]
    if first[:2] == "FN" and first[2:3] in (" ", "\t"):
        return any(line[:2] in ("VR", "PT") and line[2:3] in (" ", "\t") for line in head[1:5])
    return (
        first[:2] == "PT"
        and first[2:3] in (" ", "\t")
        and len(head) > 1
        and head[1][:2] in KNOWN_TAGS
        and head[1][2:3] in (" ", "\t")
    )


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per ``PT`` … ``ER`` record of ``source``."""
    parser = _Parser(report)
    variants: dict[str, int] = {}
    for block, first_line, at_end in _record_blocks(source, variants):
        yield from parser.block(block, first_line, at_end=at_end)
    report.records_in_file = parser.records_in_file
    report.has_cited_references = parser.has_cr
    if variants:
        report.problem(
            variants["first_line"],
            f"TAB instead of a space after the tag, or a TAB-indented continuation, on {variants['lines']} "
            "line(s) (a re-saved export): read as the usual form",
            action="note",
        )


def _record_blocks(source: TextSource, variants: dict | None = None) -> Iterator[tuple[str, int, bool]]:
    """The file's text in blocks of whole records: ``(text, line of its first character, is last)``.

    Every block but the first starts with a ``PT`` line and every block but the last
    ends just before one, so no record is ever split between blocks.  The last block
    is the rest of the file (whatever it holds: a complete record, a cut one, ``EF``).
    ``variants`` (when given) receives the count and first line of TAB variants.
    """
    pending = ""  # text from the start of the last (possibly incomplete) record
    pending_line = 1  # line number of the first character of ``pending``
    for chunk in _tabs_as_spaces(decoded_chunks(source), {} if variants is None else variants):
        pending += chunk
        cut = pending.rfind("\nPT ")
        if cut < 0:
            continue
        block, pending = pending[: cut + 1], pending[cut + 1 :]
        yield block, pending_line, False
        pending_line += block.count("\n")
    yield pending, pending_line, True


_TAB_AFTER_TAG = re.compile(r"^(" + "|".join(sorted(KNOWN_TAGS)) + r")\t|^\t+(?=\S)", re.M)


def _tabs_as_spaces(chunks: Iterator[str], variants: dict) -> Iterator[str]:
    """The chunks with a TAB after a known tag made a space and a TAB indent made three spaces.

    Chunks are cut at line ends first (the partial last line waits for the next chunk), so
    that a tag and its TAB are never in different chunks.  ``variants`` gets ``lines`` (how
    many lines were changed) and ``first_line`` (the first of them).
    """
    held = ""
    lines_before = 0
    for chunk in chunks:
        text = held + chunk
        cut = text.rfind("\n") + 1
        text, held = text[:cut], text[cut:]
        if not text:
            continue
        if "\t" in text:
            text = _replace_tabs(text, variants, lines_before)
        lines_before += text.count("\n")
        yield text
    if held:
        yield _replace_tabs(held, variants, lines_before) if "\t" in held else held


def _replace_tabs(text: str, variants: dict, lines_before: int) -> str:
    first = _TAB_AFTER_TAG.search(text)
    if first is None:
        return text
    if "first_line" not in variants:
        variants["first_line"] = lines_before + text.count("\n", 0, first.start()) + 1
    text, n = _TAB_AFTER_TAG.subn(lambda m: f"{m.group(1)} " if m.group(1) else "   ", text)
    variants["lines"] = variants.get("lines", 0) + n
    return text


def decoded_chunks(source: TextSource) -> Iterator[str]:
    """The file's text in large pieces, BOM removed, every line end (CRLF, CR) turned into LF.

    Decoding bytes ourselves is about three times faster than a text-mode file object
    with universal newlines, which matters for exports of hundreds of megabytes.
    """
    # A UTF-8 download cut inside its last character is read with that character replaced
    # (TextSource sets errors="replace" for exactly that case); every other fault is an error.
    decoder = codecs.getincrementaldecoder(source.encoding)(source.errors)
    held_cr = ""  # a CR at the end of a piece may be the first half of a CRLF
    first = True
    try:
        with source.open_binary() as fh:
            while True:
                data = fh.read(_BLOCK_BYTES)
                text = decoder.decode(data, final=not data)
                if first and text:
                    text = text.lstrip("\ufeff")
                    first = False
                text = held_cr + text
                held_cr = ""
                if "\r" in text:
                    if data and text.endswith("\r"):
                        text, held_cr = text[:-1], "\r"
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                if text:
                    yield text
                if not data:
                    break
    except UnicodeDecodeError as exc:
        raise source.decoding_error(exc, source.undecodable_line()) from None


class _Parser:
    """Turns blocks of whole records into canonical dicts, reporting defects."""

    def __init__(self, report: FileReport):
        self.report = report
        self.records_in_file = 0
        self.has_cr = False

    def block(self, text: str, first_line: int, at_end: bool) -> Iterator[dict]:
        """Parse ``text`` (whole records, or the file's tail when ``at_end``)."""
        parts = text.split("\nPT ")
        # ``parts[0]`` is the file header (FN/VR) or, when the text starts with "PT ", a record.
        line = first_line
        head = parts[0]
        if head.startswith("PT "):
            parts[0] = head[3:]
            start = 0
        else:
            self._check_header(head, line)
            line += head.count("\n") + 1
            start = 1
        last = len(parts) - 1
        for i in range(start, len(parts)):
            part = parts[i]
            rec = self.record(part, line, is_last=at_end and i == last)
            if rec is not None:
                yield rec
            line += part.count("\n") + 1

    def _check_header(self, head: str, line: int) -> None:
        """The text before the first record should be the FN/VR header (or nothing)."""
        for offset, text in enumerate(head.split("\n")):
            text = text.strip()
            if text and not text.startswith(("FN ", "VR ", "FN", "VR")):
                self.report.problem(
                    line + offset, f"text before the first PT record ignored: {text[:60]!r}", action="note"
                )
                break

    def record(self, part: str, line: int, is_last: bool) -> dict | None:
        """One record: ``part`` is the text after ``PT `` up to the next record's ``PT``."""
        self.records_in_file += 1
        index = self.records_in_file - 1
        report = self.report
        body, closed, tail = _split_end(part)
        if tail:
            tail_line = line + body.count("\n") + 2
            report.problem(tail_line, f"text after ER ignored: {tail[:60]!r}", action="note", record=index)
        fields = _FIELD_BREAK.split(body)
        rec: dict = {"PT": fields[0].strip() or None}
        extra: dict = {}
        anomalies = False
        kind_of = TAG_KIND.get
        for f in fields[1:]:
            if f[2:3] != " ":
                if len(f) == 2 and f.isupper():
                    continue  # a tag with an empty value
                if not f.strip():
                    continue  # a blank line inside the record
                anomalies = True
                break
            tag = f[:2]
            kind = kind_of(tag)
            if kind is None:
                # An unknown tag: a new WoS tag, or the start of an unindented continuation line
                # ("US farmers …"); the slow path tells them apart from the rest of the record.
                anomalies = True
                break
            # The two commonest kinds are handled inline: this loop runs once per field.
            if kind == KIND_TEXT or kind == KIND_EXTRA_TEXT:
                value = f[3:]
                value = joined_value(value) if "\n" in value else value.strip()
                if value:
                    target = rec if kind == KIND_TEXT else extra
                    target[tag] = f"{target[tag]}; {value}" if tag in target else value
            else:
                store_field(rec, extra, tag, f[3:])
        if anomalies:  # rare: redo the record line by line so each defect is reported
            rec, extra = self._slow_record(fields, line, index)
        if not closed:
            if is_last:
                keep = bool(rec.get("TI") or rec.get("UT"))
                report.problem(
                    line,
                    "record not closed by ER: the file ends inside it (truncated?); "
                    "its last field may be cut short" + ("" if keep else "; no title or UT, so it was skipped"),
                    action="kept" if keep else "skipped",
                    record=index,
                )
                if not keep:
                    return None
            else:
                report.problem(line, "record has no ER line; it was ended at the next PT", action="kept", record=index)
        return self._finish(rec, extra, line, index)

    def _slow_record(self, fields: list[str], line: int, index: int) -> tuple[dict, dict]:
        """Parse a record that has malformed lines, line by line, reporting each one."""
        rec: dict = {"PT": fields[0].strip() or None}
        extra: dict = {}
        lineno = line
        items: list[tuple[str, list[str]]] = []
        # A record with a line that is neither a tag line nor a glued tag has unindented
        # continuation lines: then only a known tag and a space start a field.
        unindented = any(
            f.strip() and not _tag_like(f) and not (f[:2] in KNOWN_TAGS and f[2:3] != " ") for f in fields[1:]
        )
        loose: list[tuple[int, str, str]] = []  # unindented continuation lines: (line, text, field)
        for position, f in enumerate(fields):
            this_line = lineno
            lineno += f.count("\n") + 1
            if position == 0:
                continue  # the PT value
            if not f.strip():
                continue
            first_line_text = f.split("\n", 1)[0]
            if unindented:
                if (f[2:3] == " " or len(f) == 2) and f[:2] in KNOWN_TAGS:
                    items.append((f[:2], [f[3:]]))
                elif items:
                    loose.append((this_line, first_line_text, items[-1][0]))
                    items[-1][1].append(f)
                else:
                    loose.append((this_line, first_line_text, ""))
                continue
            if f[2:3] == " " or len(f) == 2:
                tag, value = f[:2], f[3:]
                if _tag_like(f):
                    items.append((tag, [value]))
                    continue
            if f[:2] in KNOWN_TAGS and f[2:3] != " ":
                self.report.problem(
                    this_line,
                    f"tag glued to its value ({first_line_text[:40]!r}); read as tag {f[:2]}",
                    action="kept",
                    record=index,
                )
                items.append((f[:2], [f[2:]]))
            elif items:
                self.report.problem(
                    this_line,
                    f"line without a tag or indentation "
                    f"({first_line_text[:40]!r}); read as a continuation "
                    f"of {items[-1][0]}",
                    action="kept",
                    record=index,
                )
                items[-1][1].append(f)
            else:
                self.report.problem(
                    this_line, f"line without a tag ({first_line_text[:40]!r}) ignored", action="kept", record=index
                )
        if loose:
            this_line, text, tag = loose[0]
            more = f"; {len(loose) - 1} more such line(s) in this record" if len(loose) > 1 else ""
            reason = (
                f"line without a tag or indentation ({text[:40]!r}); read as a continuation of {tag}"
                if tag
                else f"line without a tag ({text[:40]!r}) ignored"
            )
            self.report.problem(this_line, reason + more, action="kept", record=index)
        for tag, pieces in items:
            store_field(rec, extra, tag, "\n".join(pieces))
        return rec, extra

    def _finish(self, rec: dict, extra: dict, line: int, index: int) -> dict:
        if rec.get("CR"):
            self.has_cr = True
        return finish_record(rec, extra, line, index, self.report)


def finish_record(rec: dict, extra: dict, line: int, index: int, report: FileReport) -> dict:
    """Convert a record's raw tag values to canonical types (shared with the tab-delimited reader).

    ``PY`` ``NR`` ``TC`` become integers (a value that is not a number is reported and,
    for ``PY``, read through :func:`~litkit.io.base.parse_year`); a record without ``PY``
    takes the year of its early-access date ``EA`` (reported as a note); ``DI`` is
    cleaned with :func:`~litkit.io.base.clean_doi`.
    """
    for tag in ("PY", "NR", "TC"):
        value = rec.get(tag)
        if value is None:
            continue
        if value.isdigit():
            rec[tag] = int(value)
        else:
            year = parse_year(value) if tag == "PY" else None
            rec[tag] = year
            report.problem(
                line,
                f"{tag} is not a number: {value!r}" + (f"; read as {year}" if year else "; left empty"),
                action="kept",
                record=index,
            )
    if rec.get("PY") is None:
        rec["PY"] = year_from_early_access(rec.get("EA"), line, index, report)
    if "DI" in rec:
        rec["DI"] = clean_doi(rec["DI"])
    rec["extra"] = extra
    rec["source_line"] = line
    return rec


def year_from_early_access(ea: str | None, line: int, index: int, report: FileReport) -> int | None:
    """The year of a record without ``PY``: that of its early-access date ``EA``, noted in the report.

    Without a year in ``EA`` either, the record stays without one (also noted).
    """
    year = parse_year(ea) if ea else None
    if year is not None:
        report.problem(
            line, f"no PY; year {year} taken from the early-access date EA {ea!r}", action="note", record=index
        )
    else:
        report.problem(line, "no publication year (neither PY nor EA)", action="note", record=index)
    return year


def _tag_like(f: str) -> bool:
    """``f`` (a line and its indented continuations) starts with a tag: ``XX value`` or a lone ``XX``."""
    tag = f[:2]
    return (f[2:3] == " " or len(f) == 2) and (tag in KNOWN_TAGS or (tag.isalnum() and tag.isupper()))


def _split_end(part: str) -> tuple[str, bool, str]:
    """Split a record's text into (fields, closed by ER?, stray text after ER other than EF)."""
    idx = part.rfind("\nER")
    while idx >= 0:
        after = part[idx + 3 : idx + 4]
        if after in ("", "\n", " ", "\t"):
            tail = part[idx + 3 :].strip()
            if tail == "EF" or tail.startswith("EF\n"):
                tail = tail[2:].strip()
            return part[:idx], True, tail
        idx = part.rfind("\nER", 0, idx)
    # No ER: the record runs to the next PT or the end of the file; drop a final EF line.
    body = part.rstrip()
    if body.endswith("\nEF"):
        body = body[:-3]
    return body, False, ""


def value_lines(value: str) -> list[str]:
    """Items of a one-item-per-line field (continuation lines indented by three spaces)."""
    if "\n" not in value:
        value = value.strip()
        return [value] if value else []
    items = value.split("\n   ")
    if (
        len(items) == value.count("\n") + 1
        and " \n" not in value
        and "\n    " not in value
        and "\t" not in value
        and value[-1] != " "
        and value[0] != " "
        and "" not in items
    ):
        return items  # the usual case, without a Python-level pass over the items
    return [v for v in (x.strip() for x in value.split("\n")) if v]


def joined_value(value: str) -> str:
    """A wrapped value with its continuation lines joined by single spaces."""
    if "\n" not in value:
        return value.strip()
    joined = value.replace("\n   ", " ")
    if "\n" in joined or " \n" in value or "\t\n" in value:
        joined = " ".join(x.strip() for x in value.split("\n"))
    return joined.strip()


def semicolon_items(value: str) -> list[str]:
    """Items of a "; "-separated list (keywords, categories)."""
    items = value.split("; ")
    if value.count(";") == len(items) - 1 and "" not in items and not value[-1].isspace() and not value[0].isspace():
        return items  # every separator was exactly "; " (the WoS norm): nothing to clean
    return [v for v in (x.strip() for x in value.split(";")) if v]


KIND_TEXT, KIND_LIST, KIND_SEMICOLON_LIST, KIND_EXTRA_LIST, KIND_EXTRA_TEXT, KIND_IGNORE, KIND_JOIN_ITEMS = range(7)
# How each tag's value is stored (tags not listed go to ``extra`` as text).
TAG_KIND: dict[str, int] = {tag: KIND_EXTRA_TEXT for tag in KNOWN_TAGS}
TAG_KIND.update({tag: KIND_TEXT for tag in TEXT_TAGS | INT_TAGS | {"DI"}})
TAG_KIND.update({tag: KIND_LIST for tag in ("AU", "AF", "C1", "CR")})
TAG_KIND.update({tag: KIND_SEMICOLON_LIST for tag in SEMICOLON_LIST_TAGS})
TAG_KIND.update({tag: KIND_EXTRA_LIST for tag in LINE_LIST_TAGS - CANONICAL_LIST_TAGS - {"LA"}})
TAG_KIND.update({"LA": KIND_JOIN_ITEMS, "FN": KIND_IGNORE, "VR": KIND_IGNORE, "ER": KIND_IGNORE, "EF": KIND_IGNORE})


def store_field(rec: dict, extra: dict, tag: str, value: str) -> None:
    """Put one field's raw value (continuation lines still separated by newlines) in place.

    A tag that occurs twice in one record keeps both values (lists are extended, text
    is joined with "; ") rather than silently losing one.
    """
    kind = TAG_KIND.get(tag, KIND_EXTRA_TEXT)
    if kind == KIND_LIST:
        items = value_lines(value)
        if tag in rec:
            rec[tag] = rec[tag] + items
        elif items:
            rec[tag] = items
    elif kind == KIND_TEXT or kind == KIND_JOIN_ITEMS:
        value = joined_value(value) if kind == KIND_TEXT else "; ".join(value_lines(value))
        if value:
            rec[tag] = f"{rec[tag]}; {value}" if tag in rec else value
    elif kind == KIND_SEMICOLON_LIST:
        items = semicolon_items(joined_value(value))
        rec[tag] = rec[tag] + items if tag in rec else items
    elif kind == KIND_EXTRA_TEXT:
        value = joined_value(value)
        if value:
            extra[tag] = f"{extra[tag]}; {value}" if tag in extra else value
    elif kind == KIND_EXTRA_LIST:
        items = value_lines(value)
        if items:
            extra[tag] = extra[tag] + items if tag in extra else items


def read_column_blocks(source: TextSource, report: FileReport) -> Iterator[dict[str, list]]:
    """The file's records as canonical columns, a block at a time (the column fast path).

    Lives in :mod:`litkit.io._wos_columns` (imported here on first use: it needs
    pyarrow and litkit's C extension); see its docstring for how it works and when it declines.
    """
    from ._wos_columns import read_column_blocks as read_regular_blocks

    return read_regular_blocks(source, report)


SPEC = ReaderSpec(
    name="wos_plain",
    label="Web of Science plain text (FN/VR/PT…ER/EF)",
    database="WoS",
    sniff=sniff,
    read=read,
    read_column_blocks=read_column_blocks,
    columns_are_canonical=True,
)
