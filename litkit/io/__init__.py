"""Reading export files into the canonical corpus.

>>> import litkit
>>> corpus = litkit.read("exports/")            # doctest: +SKIP

:func:`read` accepts files and folders, sniffs each file's encoding and format
from its content, and returns one :class:`~litkit.corpus.Corpus` whose
``report`` says what was read from each file and what was not.
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
from ..errors import LitkitError, UnknownFormatError
from .base import FastPathDeclined, ReaderSpec
from .engine import ENGINES, resolve_engine, warn_if_slower
from .ingest_report import FileReport, IngestReport
from .sniff import TextSource

# Sniffing order: the most specific signatures first.
_READER_MODULES: tuple[str, ...] = (
    "wos_excel",  # .xls (OLE2) / .xlsx (zip) workbooks with a WoS long-name header, sniffed from bytes
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
    """The reader whose signature matches the file's content."""
    path = Path(path)
    with open(path, "rb") as fh:
        raw = fh.read(65536)
    if not raw.strip():
        raise UnknownFormatError("file is empty", path=path, line=1, expected="an export from WoS, CNKI or Scopus")
    for spec in readers():
        if spec.binary_sniff is not None and spec.binary_sniff(raw):
            return spec
    source = source or TextSource(path)
    head = source.head()
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


def _open(path: str | Path, format: str | None, encoding: str | None) -> tuple[TextSource, ReaderSpec]:
    path = Path(path)
    if not path.is_file():
        raise LitkitError("no such file", path=path, expected="an existing export file")
    source = TextSource(path, encoding=encoding)
    spec = reader(format) if format else detect_format(path, source)
    return source, spec


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
    source, spec = _open(path, format, encoding)
    if report is None:
        report = FileReport(file=str(path))
    report.format, report.database, report.encoding = spec.name, spec.database, source.encoding
    file_name = str(Path(path))
    count = 0
    for rec in spec.read(source, report):
        count += 1
        yield _finish(rec, spec, file_name)
    report.records_read = count


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
    source, spec = _open(path, format, encoding)
    report.format, report.database, report.encoding = spec.name, spec.database, source.encoding
    file_name = str(Path(path))
    given = 0  # records given as column blocks
    if spec.read_column_blocks is not None and use == "python":
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
    for rec in spec.read(source, report):
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
    builder: ColumnBuilder, path: Path, format: str | None, encoding: str | None, engine: str | None
) -> FileReport:
    """Read one file into ``builder``, through the reader's fast path when it has one and ``engine`` allows."""
    report = FileReport(file=str(path))
    for part in iter_file_parts(path, report, format, encoding, engine):
        if isinstance(part, ColumnBlock):
            builder.add_columns(part.columns, clean=not part.canonical)
        else:
            builder.add(part)
    return report


def read_file(
    path: str | Path, format: str | None = None, encoding: str | None = None
) -> tuple[list[dict], FileReport]:
    """Read one file; return its records (canonical dicts) and its report."""
    report = FileReport(file=str(path))
    records = list(iter_file(path, report, format=format, encoding=encoding))
    return records, report


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every regular file under named folders (sorted, hidden files skipped)."""
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
) -> Corpus:
    """Read export files and folders (any supported format, mixed) into one Corpus.

    Parameters
    ----------
    paths : path or list of paths
        Files, or folders searched recursively (hidden files and the
        PROVENANCE.txt/README.md/INDEX.md notes that accompany data are skipped).
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

    Returns
    -------
    Corpus
        Records of all files in the order read, with ``corpus.report`` an
        :class:`~litkit.io.IngestReport`.

    Raises
    ------
    LitkitError
        A file cannot be read; or ``engine`` is unknown, or ``"c"`` without the extension
        (raised before any file is read).

    Examples
    --------
    >>> corpus = litkit.read(["savedrecs_1.txt", "cnki/"])   # doctest: +SKIP
    >>> corpus.report.files_table()                          # doctest: +SKIP
    >>> corpus = litkit.read("savedrecs_1.txt", engine="python")   # doctest: +SKIP
    """
    resolve_engine(engine)  # an unknown engine, or "c" without the extension: say so before reading
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = expand_paths(paths)
    report = IngestReport()
    builder = ColumnBuilder()
    iterator = files
    if progress or (progress is None and len(files) > 5):
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="reading", unit="file")
    with gc_paused(keeps_result=True):
        for f in iterator:
            report.add(_read_into(builder, f, format, encoding, engine))
        frame = builder.frame()
    return Corpus._from_canonical(frame, report)


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
    "ENGINES",
    "IngestReport",
    "FileReport",
    "TextSource",
]
