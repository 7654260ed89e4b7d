"""The corpus manifest: which export files went into a results folder, when, and with which litkit.

``results/manifest.json`` holds

* ``exports``: one row per export file (``name`` relative to the review file, ``size`` in bytes,
  ``sha256`` of its content, ``format`` and ``database`` as sniffed, ``records`` read,
  ``records_skipped`` and ``problems`` reported by the reader);
* ``ingest``: the same counts for all exports (``records_in_files``, ``records_read``,
  ``records_skipped``, ``problems``; the problems themselves are in ``ingest_problems.csv``);
* ``records`` (after the year selection and merge), ``years`` (records per publication year),
  ``merge``, ``first_year``, ``last_year``, ``policy`` (policy files with their hashes);
* ``litkit_version``, ``corpus_key`` (the hash that says whether the corpus must be rebuilt) and
  ``analyses`` (each analysis' kind, parameters and hash).

No timestamp or host name goes in (as in ``params.json``): two runs of the same review on the same
exports write byte-identical manifests; when a folder was made is its files' modification time.

A results folder therefore always says exactly what it was made from; :func:`check_manifest` verifies
that the export files still are what the manifest says.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import LitkitError

__all__ = ["MANIFEST", "ExportFile", "check_manifest", "export_files", "read_manifest", "sha256_file", "write_manifest"]

#: The manifest's file name in a results folder.
MANIFEST = "manifest.json"
_SKIPPED_NAMES = {"PROVENANCE.txt", "README.md", "INDEX.md"}


@dataclass(frozen=True)
class ExportFile:
    """One export file: its path, name relative to the review file, size and SHA-256."""

    path: Path
    name: str
    size: int
    sha256: str


def sha256_file(path: str | Path) -> str:
    """The SHA-256 of a file's content (hex).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p)[:16]
    'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_files(paths: list[Path], base: Path) -> list[ExportFile]:
    """Every file of ``paths`` (folders searched recursively, hidden files and data notes passed over as
    :func:`litkit.read` does), with size and SHA-256, sorted by name."""
    # resolved path -> the path the user reaches it by (a link in the exports folder keeps its name)
    files: dict[Path, Path] = {}
    for p in paths:
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                rel = q.relative_to(p).parts
                if q.is_file() and not any(part.startswith(".") for part in rel) and q.name not in _SKIPPED_NAMES:
                    files.setdefault(q.resolve(), Path(os.path.abspath(q)))
        else:
            files.setdefault(p.resolve(), Path(os.path.abspath(p)))
    out = []
    for f, reached in sorted(files.items()):
        name = Path(os.path.relpath(reached, base)).as_posix()
        out.append(ExportFile(f, name, f.stat().st_size, sha256_file(f)))
    return sorted(out, key=lambda e: e.name)


def read_manifest(folder: str | Path) -> dict | None:
    """The manifest of a results folder, or None when it has none."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LitkitError(f"broken manifest: {exc.msg}", path=path, line=exc.lineno) from None


def write_manifest(folder: str | Path, manifest: dict) -> Path:
    """Write ``manifest.json`` (sorted keys, UTF-8, atomic)."""
    from .._atomic import write_text

    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return write_text(Path(folder) / MANIFEST, text, overwrite=True)


def check_manifest(folder: str | Path, review_folder: str | Path) -> list[str]:
    """Export files of the manifest of ``folder`` that are missing or changed since (empty: all as recorded).

    Examples
    --------
    >>> check_manifest("results/", ".")    # doctest: +SKIP
    []
    """
    manifest = read_manifest(folder)
    if manifest is None:
        raise LitkitError("no manifest.json", path=folder, expected="a results folder written by `litkit run`")
    problems = []
    for row in manifest["exports"]:
        path = Path(review_folder) / row["name"]
        if not path.is_file():
            problems.append(f"{row['name']}: missing")
        elif path.stat().st_size != row["size"] or sha256_file(path) != row["sha256"]:
            problems.append(f"{row['name']}: changed")
    return problems


def corpus_rows(files: list[ExportFile], corpus) -> list[dict]:
    """Manifest rows: the export files joined with what the ingest report says about each."""
    read = {}
    report = getattr(corpus, "report", None)
    ingest = getattr(report, "ingest", None) or report
    if ingest is not None and hasattr(ingest, "files_table"):
        table = ingest.files_table()
        for row in table.itertuples(index=False):
            read[str(Path(row.file).resolve())] = row
    rows = []
    for f in files:
        got = read.get(str(f.path))
        rows.append(
            {
                "name": f.name,
                "size": f.size,
                "sha256": f.sha256,
                "format": (got.format or "not read") if got is not None else "not read",
                "database": (got.database or None) if got is not None else None,
                "records": int(got.records_read) if got is not None else 0,
                # a record cut short or a stray line is read and reported; a record that cannot be read is
                # skipped and reported: both counted here, listed in the results' ingest_problems.csv
                "records_skipped": int(got.records_skipped) if got is not None else 0,
                "problems": int(got.problems) if got is not None else 0,
            }
        )
    return rows
