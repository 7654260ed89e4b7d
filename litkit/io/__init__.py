"""Reading export files into the canonical corpus.

>>> import litkit
>>> corpus = litkit.read("exports/")            # doctest: +SKIP

:func:`read` accepts files, folders and ``.zip``/``.gz`` archives (see
:mod:`litkit.io.inputs`), sniffs each file's encoding and format from its
content, and returns one :class:`~litkit.corpus.Corpus` whose ``report`` says
what was read from each file and what was not: files in a folder or archive that
are no export are skipped and listed, files read twice and records found in
several files are noted.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..corpus import ColumnBuilder, Corpus, stable_id
from ..errors import DecodingError, LitkitError, UnknownFormatError
from . import _workbook as workbook
from .base import FastPathDeclined, ReaderSpec
from .engine import ENGINES, resolve_engine, warn_if_slower
from .ingest_report import FileReport, IngestReport
from .inputs import ARCHIVE_MAX_BYTES, ARCHIVE_MAX_RATIO, InputFile, input_files, is_archive
from .sniff import TextSource

# Sniffing order: the most specific signatures first.
_READER_MODULES: tuple[str, ...] = (
    "wos_excel",  # .xls (OLE2) / .xlsx (zip) workbooks with a WoS long-name header, sniffed from bytes
    "cnki_excel",  # CNKI tables saved as real .xls/.xlsx workbooks, sniffed from bytes
    "cnki_html_xls",
    "cssci",
    "cnki_selfdefined",
    "cnki_estudy",
    "cnki_noteexpress",
    "cnki_refworks",
    "cnki_endnote",
    "scopus_plain",  # "Scopus" / "EXPORT DATE:" preamble
    "pubmed",  # first tag line "PMID- "
    "wos_plain",
    "wos_tab",
    "lens_csv",  # CSV headers told apart by their column names
    "openalex_csv",
    "scopus_csv",
    "bibtex",
    "ris",
)


def readers() -> list[ReaderSpec]:
    """All reader specs, in sniffing order."""
    specs = []
    for name in _READER_MODULES:
        if importlib.util.find_spec(f"{__name__}.{name}") is None:  # module not written yet
            continue
        specs.append(importlib.import_module(f"{__name__}.{name}").SPEC)
    return specs


def reader(name: str) -> ReaderSpec:
    """The reader spec called ``name`` (e.g. ``"wos_plain"``)."""
    for spec in readers():
        if spec.name == name:
            return spec
    known = ", ".join(s.name for s in readers())
    raise LitkitError(f"no reader called {name!r}", expected=f"one of {known}")


def detect_format(path: str | Path, source: TextSource | None = None) -> ReaderSpec:
    """The reader whose signature matches the file's content (``source.data`` for a file in memory)."""
    path = Path(path)
    if source is not None and source.data is not None:
        raw = source.data[:65536]
    else:
        with open(path, "rb") as fh:
            raw = fh.read(65536)
    if not raw.strip():
        raise UnknownFormatError("file is empty", path=path, line=1, expected="an export from WoS, CNKI or Scopus")
    for spec in readers():
        if spec.binary_sniff_file is not None:
            with source.open_binary() if source is not None else open(path, "rb") as fh:
                if spec.binary_sniff_file(fh):
                    return spec
        elif spec.binary_sniff is not None and spec.binary_sniff(raw):
            return spec
    if raw.startswith(workbook.OLE2) or workbook.is_xlsx(raw):
        raise UnknownFormatError(
            "an Excel workbook (or other Office file) with no Web of Science or CNKI header row in the first "
            f"{workbook.HEADER_ROWS} rows of any sheet",
            path=path,
            line=1,
            expected="a WoS Excel export (header 'Publication Type', 'Article Title', …) or a CNKI table "
            "(header '题名' or 'Title-题名', '作者', …)",
        )
    source = source or TextSource(path)
    try:
        head = source.head()
    except DecodingError:
        # Bytes that do not decode near the start: sniff what does decode, so that a damaged
        # export is still recognised (its reader then reports the bad line) and only a file that
        # matches no format is "not an export".
        spec = _sniff_damaged(source)
        if spec is None:
            raise
        return spec
    if not head:
        raise UnknownFormatError(
            "file holds only blank lines", path=path, line=1, expected="an export from WoS, CNKI or Scopus"
        )
    if "\x00" in "".join(head[:5]):
        raise UnknownFormatError(
            "file looks binary (NUL bytes in text)",
            path=path,
            line=1,
            expected="a text export from WoS, CNKI or Scopus",
        )
    for spec in readers():
        if spec.sniff(head):
            return spec
    first = head[0][:80]
    raise UnknownFormatError(
        f"content matches no supported export format; first line: {first!r}",
        path=path,
        line=1,
        expected="one of: " + "; ".join(s.label for s in readers()),
    )


def _sniff_damaged(source: TextSource) -> ReaderSpec | None:
    with source.open_binary() as fh:
        raw = fh.read(200_000)
    text = raw.decode(source.encoding, errors="replace").lstrip("\ufeff")
    head = [line for line in text.splitlines() if line.strip()][:60]
    if not head or "\x00" in "".join(head[:5]):
        return None
    return next((spec for spec in readers() if spec.sniff(head)), None)


def _open(path: str | Path | InputFile, format: str | None, encoding: str | None) -> tuple[TextSource, ReaderSpec, str]:
    """The file's text source, its reader and its name in provenance (an archive member's ``a.zip!b``)."""
    if isinstance(path, InputFile) and path.member is not None:
        name = str(path)
        source = TextSource(name, encoding=encoding, data=path.read_bytes())
        spec = reader(format) if format else detect_format(name, source)
        return source, spec, name
    path = Path(path.path if isinstance(path, InputFile) else path)
    if not path.is_file():
        raise LitkitError("no such file", path=path, expected="an existing export file")
    source = TextSource(path, encoding=encoding)
    spec = reader(format) if format else detect_format(path, source)
    return source, spec, str(path)


def _finish(rec: dict, spec: ReaderSpec, file_name: str) -> dict:
    """What every record gets from the framework: database, provenance, a stable id, JSON extra."""
    if not rec.get("DB"):
        rec["DB"] = spec.database or "other"
    rec["source_file"] = file_name
    rec["source_format"] = spec.name
    if not rec.get("UT"):
        au = rec.get("AU") or [None]
        rec["UT"] = stable_id(rec["DB"], rec.get("TI"), rec.get("PY"), au[0])
    extra = rec.get("extra")
    if isinstance(extra, dict):
        rec["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
    return rec


def _finish_columns(cols: dict[str, list], spec: ReaderSpec, file_name: str) -> int:
    """Column-wise :func:`_finish` for a reader's fast path; returns the number of records."""
    n = len(next(iter(cols.values()))) if cols else 0
    database = spec.database or "other"
    db = cols.setdefault("DB", [database] * n)
    if None in db or "" in db:
        cols["DB"] = db = [value or database for value in db]
    cols["source_file"] = [file_name] * n
    cols["source_format"] = [spec.name] * n
    ut = cols.setdefault("UT", [None] * n)
    if None in ut or "" in ut:
        no_list, no_value = [[]] * n, [None] * n
        au, ti, py = cols.get("AU") or no_list, cols.get("TI") or no_value, cols.get("PY") or no_value
        for i, value in enumerate(ut):
            if not value:
                ut[i] = stable_id(db[i], ti[i], py[i], (au[i] or [None])[0])
    extra = cols.get("extra")
    if extra is not None and not set(map(type, extra)) <= {str, type(None)}:
        cols["extra"] = [
            json.dumps(e, ensure_ascii=False, sort_keys=True)
            if isinstance(e, dict) and e
            else (None if isinstance(e, dict) else e)
            for e in extra
        ]
    return n


def iter_file(
    path: str | Path, report: FileReport | None = None, format: str | None = None, encoding: str | None = None
):
    """Yield the records of one file as canonical dicts; fill ``report`` as they come.

    ``report`` (a :class:`FileReport`, created when not given) ends with
    ``records_read`` set once the generator is exhausted.
    """
    source, spec, file_name = _open(path, format, encoding)
    if report is None:
        report = FileReport(file=file_name)
    report.format, report.database, report.encoding = spec.name, spec.database, source.encoding
    count = 0
    for rec in _records(spec, source, report):
        count += 1
        yield _finish(rec, spec, file_name)
    report.records_read = count


def _records(spec: ReaderSpec, source: TextSource, report: FileReport) -> Iterator[dict]:
    """``spec.read``, with bytes that do not decode made a DecodingError naming their line.

    Readers that decode as they go raise it themselves; this keeps a reader that does not
    (the csv module's row iterator) from letting a bare UnicodeDecodeError out.
    """
    try:
        yield from spec.read(source, report)
    except UnicodeDecodeError as exc:
        raise source.decoding_error(exc, source.undecodable_line()) from None


@dataclass
class ColumnBlock:
    """Records of a file given as columns by a reader's fast path (see :func:`iter_file_parts`)."""

    columns: dict[str, list]
    n: int
    canonical: bool  # the values need no cleaning (``ReaderSpec.columns_are_canonical``)


def iter_file_parts(
    path: str | Path,
    report: FileReport,
    format: str | None = None,
    encoding: str | None = None,
    engine: str | None = None,
) -> Iterator[ColumnBlock | dict]:
    """The records of one file, in order, through its reader's fast path where it can.

    Yields :class:`ColumnBlock` s from the fast path and record dicts (as :func:`iter_file`
    gives them) from the record path; fills ``report`` (``records_read`` once exhausted).
    When the fast path declines after some blocks, those are the record path's first
    records (the fast path only gives clean blocks): the record path then reads the file
    with a fresh report, and only its records after them are yielded.  ``engine``
    (see :func:`read`): ``"python"`` reads through the record path only.

    Examples
    --------
    >>> from litkit.io import ColumnBlock, FileReport, iter_file_parts
    >>> report = FileReport(file="savedrecs.txt")
    >>> parts = list(iter_file_parts("savedrecs.txt", report))               # doctest: +SKIP
    >>> sum(p.n if isinstance(p, ColumnBlock) else 1 for p in parts) == report.records_read   # doctest: +SKIP
    True
    """
    use = resolve_engine(engine)
    source, spec, file_name = _open(path, format, encoding)
    report.format, report.database, report.encoding = spec.name, spec.database, source.encoding
    given = 0  # records given as column blocks
    if source.data is not None:
        use = "python"  # a member of an archive, in memory: the compiled scan reads files on disk only
    elif spec.read_column_blocks is not None and use == "python":
        warn_if_slower(engine, spec.label.split(" (")[0])  # the name without the signature
    if spec.read_column_blocks is not None and use == "c":
        fast = FileReport(file=report.file)  # kept only if the fast path reads the whole file
        try:
            for columns in spec.read_column_blocks(source, fast):
                n = _finish_columns(columns, spec, file_name)
                given += n
                yield ColumnBlock(columns, n, spec.columns_are_canonical)
        except FastPathDeclined:
            pass
        else:
            report.records_in_file, report.has_cited_references = fast.records_in_file, fast.has_cited_references
            report.problems.extend(fast.problems)
            report.records_read = given
            return
    count = 0
    for rec in _records(spec, source, report):
        count += 1
        if count > given:
            yield _finish(rec, spec, file_name)
    if count < given:  # cannot happen while the fast path gives only clean blocks; never lose a record silently
        raise LitkitError(
            f"the fast path gave {given} records, the record path only {count}",
            path=path,
            expected="the same records both ways (a bug in litkit: please report it)",
        )
    report.records_read = count


def _read_into(
    builder: ColumnBuilder,
    path: Path | InputFile,
    format: str | None,
    encoding: str | None,
    engine: str | None,
    session: ReadSession | None = None,
) -> FileReport:
    """Read one file into ``builder``, through the reader's fast path when it has one and ``engine`` allows."""
    report = FileReport(file=str(path))
    parts = (
        session.parts(path, report, format, encoding, engine)
        if session
        else iter_file_parts(path, report, format, encoding, engine)
    )
    for part in parts:
        if isinstance(part, ColumnBlock):
            builder.add_columns(part.columns, clean=not part.canonical)
        else:
            builder.add(part)
    return report


class ReadSession:
    """The files of one read and what is noted across them (skipped files, duplicates, overlaps).

    :func:`read` and :func:`litkit.io.stream.ingest_to_parquet` use it the same way::

        session = ReadSession(paths, strict=False)
        for f in session.files:
            file_report = FileReport(file=str(f))
            for part in session.parts(f, file_report, format, encoding, engine):
                ...  # a ColumnBlock or a record dict, as iter_file_parts gives them
            report.add(file_report)
        session.finish(report)

    * A file found in a folder or an archive that matches no export format is skipped:
      its report has ``format="skipped"`` and one note ``"skipped: not an export, first
      line …"``; with ``strict=True`` it is an error instead, as it always is for a file
      named directly.
    * A file whose content equals an earlier file's gets a note naming that file; a file
      some of whose records (by ``UT``) were already read from earlier files gets a note
      with their number and those files (overlapping exports).  The records are kept:
      :func:`litkit.merge` (``litkit ingest --merge``) collapses them.
    * :meth:`finish` raises when a folder or archive named by the user gave no record at all.

    Parameters
    ----------
    paths : path or list of paths
        What the user named (see :func:`~litkit.io.inputs.input_files`).
    strict : bool
        Every file that would be skipped is an error.
    note_repeats : bool
        Note identical files and records already read (:class:`RepeatNotes`); False when
        the caller notes them across several sessions (:func:`litkit.scale.ingest`).

    Examples
    --------
    >>> session = ReadSession(["exports/"])                       # doctest: +SKIP
    >>> [str(f) for f in session.files]                           # doctest: +SKIP
    """

    def __init__(self, paths, strict: bool = False, note_repeats: bool = True):
        self.strict = strict
        self.repeats = RepeatNotes() if note_repeats else None
        self.files: list[InputFile] = input_files(paths)
        self.named_folders: list[str] = []
        for p in [paths] if isinstance(paths, (str, Path, InputFile)) else paths:
            if not isinstance(p, InputFile) and Path(p).is_dir():
                self.named_folders.append(str(Path(p)))

    def parts(
        self,
        path: InputFile | Path,
        report: FileReport,
        format: str | None = None,
        encoding: str | None = None,
        engine: str | None = None,
    ) -> Iterator[ColumnBlock | dict]:
        """The records of one file, as :func:`iter_file_parts`, with the session's rules applied."""
        f = path if isinstance(path, InputFile) else InputFile(Path(path), explicit=True)
        uts: list = []
        given = 0
        try:
            for part in iter_file_parts(f, report, format=format, encoding=encoding, engine=engine):
                given += 1
                if isinstance(part, ColumnBlock):
                    uts.extend(part.columns.get("UT") or ())
                else:
                    uts.append(part.get("UT"))
                yield part
        except LitkitError as exc:
            # Only what no reader recognises is skipped (content no sniffer claims, or bytes that
            # decode as no text while the format is sniffed); a damaged export stays an error.
            unknown = isinstance(exc, UnknownFormatError) or (isinstance(exc, DecodingError) and not report.format)
            if given or f.explicit or self.strict or not unknown:
                raise
            self._skip(f, report, exc)
            return
        if self.repeats is not None:
            self.repeats.add(report, uts, f.same_as)

    def finish(self, report: IngestReport) -> None:
        """Raise when a folder or archive named by the user gave no record at all.

        ``report`` holds one :class:`FileReport` per file of :attr:`files`, in that order
        (as :func:`read` fills it; :func:`litkit.scale.ingest` merges its partitions' reports
        into one and checks on the driver, so a partition holding only skipped files is
        no error by itself).
        """
        if len(report.files) != len(self.files):
            raise ValueError(f"the report lists {len(report.files)} files, the session {len(self.files)}")
        records_from: dict[str, int] = {}  # origin (folder or archive named) -> records read
        for f, r in zip(self.files, report.files):
            if f.origin is not None:
                records_from[f.origin] = records_from.get(f.origin, 0) + r.records_read
        origins = list(dict.fromkeys(self.named_folders + [f.origin for f in self.files if f.origin is not None]))
        for origin in origins:
            if records_from.get(origin, 0) == 0:
                skipped = sum(
                    1 for f, r in zip(self.files, report.files) if f.origin == origin and r.format == "skipped"
                )
                kind = "folder" if Path(origin).is_dir() else "archive"
                raise LitkitError(
                    f"no records found in this {kind}"
                    + (f" ({skipped} file(s) skipped as no export; see the ingest report)" if skipped else ""),
                    path=origin,
                    expected="at least one export file (WoS, Scopus, CNKI, CSSCI, PubMed, Lens, OpenAlex, RIS, BibTeX)",
                )

    def _skip(self, f: InputFile, report: FileReport, exc: LitkitError) -> None:
        data = f.read_bytes() if f.member is not None else None
        why = f" ({exc.message})"
        if exc.message.startswith("content matches no supported export format; "):
            why = ", " + exc.message.split("; ", 1)[1]  # ", first line: '...'"
        if data is not None and is_archive(data[:4]):
            why = " (an archive inside an archive is not opened)"
        report.format, report.database, report.encoding = "skipped", "", ""
        report.problem(1, f"skipped: not an export{why}", action="note")


class RepeatNotes:
    """Notes on repeated input, added file by file in reading order.

    A file whose content equals an earlier file's gets ``"identical to <file> (the same
    export saved twice?) …"``; a file some of whose records (by ``UT``) were already read
    from earlier files gets ``"<n> of its records (by UT) were already read from <files>
    (overlapping exports) …"``.  Both are notes: the records are kept, and
    :func:`litkit.merge` collapses them.  Only a 64-bit hash of each ``UT`` is kept.

    Examples
    --------
    >>> notes = RepeatNotes()
    >>> a, b = FileReport(file="a.txt"), FileReport(file="b.txt")
    >>> notes.add(a, ["WOS:1", "WOS:2"]); notes.add(b, ["WOS:2", "WOS:3"])
    >>> b.problems[0].reason.split(" (overlapping")[0]
    '1 of its records (by UT) were already read from a.txt'
    """

    def __init__(self):
        self._first_file_of: dict[int, int] = {}  # hash of a UT -> index of the first file holding it
        self._names: list[str] = []

    def add(self, report: FileReport, uts: Iterable[str | None], same_as: str | None = None) -> None:
        """Note what in ``report``'s file repeats earlier files (``uts``: its records' ids, in order)."""
        index = len(self._names)
        self._names.append(report.file)
        if report.format == "skipped":
            return
        if same_as is not None:
            report.problem(
                None,
                f"identical to {same_as} (the same export saved twice?): its records repeat that file's; "
                "litkit.merge (ingest --merge) collapses them",
                action="note",
            )
        earlier: dict[int, int] = {}
        first_of = self._first_file_of
        for ut in uts:
            if not ut:
                continue
            first = first_of.setdefault(hash(ut), index)
            if first != index:
                earlier[first] = earlier.get(first, 0) + 1
        if earlier and same_as is None:
            n = sum(earlier.values())
            names = ", ".join(self._names[i] for i in sorted(earlier))
            report.problem(
                None,
                f"{n} of its records (by UT) were already read from {names} (overlapping exports); "
                "litkit.merge (ingest --merge) collapses them",
                action="note",
            )


def read_file(
    path: str | Path, format: str | None = None, encoding: str | None = None
) -> tuple[list[dict], FileReport]:
    """Read one file; return its records (canonical dicts) and its report."""
    report = FileReport(file=str(path))
    records = list(iter_file(path, report, format=format, encoding=encoding))
    return records, report


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every regular file under named folders (sorted, hidden files skipped).

    Archives are not opened here; :func:`~litkit.io.inputs.input_files` gives the
    files a read covers, archive members included.
    """
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and f.name not in {"PROVENANCE.txt", "INDEX.md", "README.md"}
                )
            )
        elif p.exists():
            out.append(p)
        else:
            raise LitkitError("no such file or folder", path=p, expected="an export file or a folder of them")
    return out


def read(
    paths: str | Path | Sequence[str | Path],
    format: str | None = None,
    encoding: str | None = None,
    progress: bool | None = None,
    engine: str | None = None,
    strict: bool = False,
    note_repeats: bool = True,
    check_folders: bool = True,
) -> Corpus:
    """Read export files, folders and archives (any supported format, mixed) into one Corpus.

    Parameters
    ----------
    paths : path or list of paths
        Files; folders, searched recursively (hidden files and the PROVENANCE.txt /
        README.md / INDEX.md notes that accompany data are passed over); ``.zip`` and
        ``.gz`` archives (``.tar.gz`` too), read as the files inside them, in memory,
        named ``archive.zip!member`` in the provenance, refused beyond the limits of
        :mod:`litkit.io.inputs` (zip bombs); or ``archive.zip!member`` names.  A Parquet
        corpus written by ``litkit ingest`` or :meth:`Corpus.to_parquet` (known by its
        ``PAR1`` magic bytes) is loaded as it is (:meth:`Corpus.read_parquet`), on its own.
    format : str, optional
        Force one reader (see :func:`readers`) instead of sniffing each file.
    encoding : str, optional
        Force one encoding instead of sniffing it.
    progress : bool, optional
        Show a tqdm progress bar; by default shown when more than 5 files are read.
    engine : {"c", "python", "auto"}, optional
        How files are parsed, as in ``pandas.read_csv``.  ``"c"``: through the compiled
        fast path of the readers that have one (Web of Science plain text), which reads
        a regular file a block of records at a time; a block with anything the record
        path would report, and the rest of that file, are read by the record path (its
        report is kept).  ``"python"``: the record path of every reader (the reference;
        every format has one).  None or ``"auto"`` (default): ``"c"`` when litkit's C
        extension was built at install, else ``"python"`` with a
        :class:`~litkit.errors.LitkitWarning` saying how to build it.  Both engines give
        the same corpus and report; formats without a fast path ignore the choice.
        Archive members are always read by the record path.
    strict : bool, default False
        A file found in a folder or archive that matches no export format is an error
        instead of being skipped (and listed in the report with ``format="skipped"``).
    note_repeats : bool, default True
        Note files identical to an earlier one and records already read from earlier files
        (:class:`RepeatNotes`); :func:`litkit.scale.ingest` passes False to its workers and
        notes them across all partitions itself.
    check_folders : bool, default True
        Raise when a folder or archive named by the user gave no record at all
        (:meth:`ReadSession.finish`); :func:`litkit.scale.ingest` passes False to its
        workers, whose batch may hold only some of a folder's files, and checks on the
        driver from all partitions' reports.

    Returns
    -------
    Corpus
        Records of all files in the order read, with ``corpus.report`` an
        :class:`~litkit.io.IngestReport`: one entry per file, skipped files included;
        notes on files identical to an earlier one and on records already read from
        earlier files (overlapping exports: :func:`litkit.merge` collapses them).

    Raises
    ------
    LitkitError
        A file named directly cannot be read; a file in a folder that is an export but
        cannot be read; a folder or archive in which no records at all are found; an
        archive beyond the expansion limits; with ``strict``, a file that is no export;
        or ``engine`` is unknown, or ``"c"`` without the extension (raised before any
        file is read).

    Examples
    --------
    >>> corpus = litkit.read(["savedrecs_1.txt", "cnki/"])   # doctest: +SKIP
    >>> corpus.report.files_table()                          # doctest: +SKIP
    >>> corpus = litkit.read("exports.zip", strict=True)     # doctest: +SKIP
    >>> corpus = litkit.read("savedrecs_1.txt", engine="python")   # doctest: +SKIP
    """
    resolve_engine(engine)  # an unknown engine, or "c" without the extension: say so before reading
    if isinstance(paths, (str, Path)):
        paths = [paths]
    stored = [p for p in paths if _is_parquet_file(p)]
    if stored:  # a corpus `litkit ingest` / Corpus.to_parquet wrote: loaded as it is, not parsed as an export
        if len(paths) > 1:
            raise LitkitError(
                "a Parquet corpus is read on its own",
                path=stored[0],
                expected="litkit.read('corpus.parquet'), then litkit.merge(it, litkit.read(other exports))",
            )
        return Corpus.read_parquet(stored[0])
    session = ReadSession(paths, strict=strict, note_repeats=note_repeats)
    files = session.files
    report = IngestReport()
    builder = ColumnBuilder()
    iterator = files
    if progress or (progress is None and len(files) > 5):
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="reading", unit="file")
    with gc_paused(keeps_result=True):
        for f in iterator:
            report.add(_read_into(builder, f, format, encoding, engine, session))
        if check_folders:
            session.finish(report)
        frame = builder.frame()
    return Corpus._from_canonical(frame, report)


def _is_parquet_file(path) -> bool:
    """True for a file that starts with Parquet's magic bytes (``PAR1``), whatever its name."""
    if not isinstance(path, (str, Path)):  # an InputFile (archive member, Dask batch) is an export
        return False
    path = Path(path)
    try:
        with path.open("rb") as fh:
            return path.is_file() and fh.read(4) == b"PAR1"
    except OSError:
        return False


@contextmanager
def gc_paused(keeps_result: bool = False):
    """Pause Python's cyclic garbage collector for a read; restore its state afterwards.

    Reading allocates millions of small objects that live until the corpus (or a batch of
    it) is complete; the collector would scan them again and again (about 30 % of the time
    on 100k records) while finding nothing to free.

    ``keeps_result``: what the block builds is kept (the corpus of :func:`read`).  After
    it completes, everything the collector tracks is moved straight to its oldest
    generation (``gc.freeze()`` then ``gc.unfreeze()``, two list splices), so that the
    first collections after the read do not walk the new corpus's million lists only to
    promote them there (0.4 s on 100,000 WoS records).  Skipped when the program has
    frozen objects of its own, which ``gc.unfreeze`` would release.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if keeps_result and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
    finally:
        if was_enabled:
            gc.enable()


__all__ = [
    "read",
    "read_file",
    "iter_file",
    "iter_file_parts",
    "ColumnBlock",
    "readers",
    "reader",
    "detect_format",
    "expand_paths",
    "input_files",
    "InputFile",
    "ReadSession",
    "RepeatNotes",
    "ARCHIVE_MAX_BYTES",
    "ARCHIVE_MAX_RATIO",
    "ENGINES",
    "IngestReport",
    "FileReport",
    "TextSource",
]
