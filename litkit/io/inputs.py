"""Which files a read covers: files named, files in folders, members of ``.zip`` and ``.gz`` archives.

:func:`input_files` turns what the user named into a list of :class:`InputFile`:

* a file named directly is read, and an error in it is an error (``explicit``);
* a folder is searched recursively; hidden files and folders (``.DS_Store``,
  ``.git``) and the notes that accompany data (``PROVENANCE.txt``, ``INDEX.md``,
  ``README.md``) are passed over; every other file is tried, and one that matches
  no export format is skipped and listed in the ingest report (see :func:`litkit.read`);
* an archive -- recognised from its bytes, not its name: a zip file (``PK``), a
  gzip file (``\\x1f\\x8b``, ``.gz``; a ``.tar.gz`` is read as the tar inside it)
  -- stands for the files inside it, named ``exports.zip!savedrecs.txt`` in the
  provenance (``source_file``) and the report.  Members are read in memory when
  their turn comes, never extracted to disk.  A member that is itself an archive is
  not opened (skipped and listed).  An Office Open XML file (``.xlsx``, ``.docx``:
  a zip holding ``[Content_Types].xml``) is a document, not an archive.

Zip bombs
---------
An archive is refused with a :class:`~litkit.errors.LitkitError` before anything is
read from it when a member would expand to more than :data:`ARCHIVE_MAX_BYTES`
(1 GiB), all its members together to more than that, or a member larger than
1 MiB to more than :data:`ARCHIVE_MAX_RATIO` (200) times its compressed size
(text exports compress 5 to 15 times).  Zip members are checked from the sizes
in the archive's directory (Python's ``zipfile`` never gives more bytes than
those say); gzip streams, whose size is not known in advance, while they are
decompressed, a megabyte at a time.

Duplicates
----------
Files with identical content (``savedrecs.txt`` and ``savedrecs (1).txt``, or
the same file in a folder and in an archive) are found by size, then by SHA-1:
:attr:`InputFile.same_as` names the first of them, and the read reports it.

Examples
--------
>>> from litkit.io.inputs import input_files
>>> [str(f) for f in input_files(["exports/"])]            # doctest: +SKIP
['exports/savedrecs.txt', 'exports/batch.zip!savedrecs (2).txt']
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..errors import LitkitError

ARCHIVE_MAX_BYTES = 1 << 30
"""Largest expansion of one archive (all its members together, and each one): 1 GiB."""
ARCHIVE_MAX_RATIO = 200
"""Largest expanded / compressed size of a member expanding to more than 1 MiB."""
_RATIO_FLOOR = 1 << 20  # small members may compress very well (a blank template): no ratio check
_CHUNK = 1 << 20

NOTE_FILES = frozenset({"PROVENANCE.txt", "INDEX.md", "README.md"})
"""Notes that accompany data in a folder: passed over without being listed."""


@dataclass(frozen=True)
class InputFile:
    """One file of a read: a file on disk, or a member of an archive read in memory.

    Attributes
    ----------
    path : pathlib.Path
        The file on disk (the archive, for a member).
    member : str or None
        The member's name inside the archive (``savedrecs.txt``; ``batch/savedrecs.txt``).
    explicit : bool
        Named by the user (an error in it is an error), not found in a folder or archive
        (then a file that is no export is skipped and listed).
    origin : str or None
        The folder or archive named by the user that this file was found in.
    same_as : str or None
        The earlier file of the read with identical content, if any.
    """

    path: Path
    member: str | None = None
    explicit: bool = False
    origin: str | None = None
    same_as: str | None = None

    def __str__(self) -> str:
        return f"{self.path}!{self.member}" if self.member is not None else str(self.path)

    @property
    def name(self) -> str:
        """The file's own name (``savedrecs.txt``), as :attr:`pathlib.Path.name`."""
        return PurePosixPath(self.member).name if self.member is not None else self.path.name

    def read_bytes(self) -> bytes | None:
        """A member's content (decompressed in memory, within the limits); None for a file on disk."""
        if self.member is None:
            return None
        return member_bytes(self.path, self.member)


def input_files(paths: str | Path | Sequence[str | Path | InputFile]) -> list[InputFile]:
    """The files a read of ``paths`` covers, in order: see the module docstring.

    Parameters
    ----------
    paths : path or list of paths
        Files, folders, archives, ``archive.zip!member`` names, or :class:`InputFile` s
        (kept as they are; a list of only :class:`InputFile` s is returned as it is, its
        :attr:`~InputFile.same_as` marks included).

    Returns
    -------
    list of InputFile
        Files named directly (``explicit``), then for each folder its files sorted by path,
        archives replaced by their members (sorted by name); identical files marked
        (:attr:`InputFile.same_as`).

    Raises
    ------
    LitkitError
        A path that does not exist; an archive that cannot be opened or that would
        expand beyond the limits.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "batch.zip", "w") as z:
    ...     z.writestr("savedrecs.txt", "PT J\\nER\\n")
    >>> _ = (folder / "notes.txt").write_text("my notes")
    >>> [(f.name, f.member, f.explicit) for f in input_files([folder])]
    [('savedrecs.txt', 'savedrecs.txt', False), ('notes.txt', None, False)]
    """
    if isinstance(paths, (str, Path, InputFile)):
        paths = [paths]
    if all(isinstance(p, InputFile) for p in paths):
        # Files listed by an earlier call (a batch litkit.scale.ingest sends a worker): already
        # marked, across all of that call's files; a batch alone would miss a file's earlier twin.
        return list(paths)
    out: list[InputFile] = []
    for p in paths:
        if isinstance(p, InputFile):
            out.append(p)
            continue
        p = Path(p)
        if p.is_dir():
            for f in _folder_files(p):
                out.extend(_expand(f, explicit=False, origin=str(p)))
        elif p.is_file():
            out.extend(_expand(p, explicit=True, origin=None))
        elif (named := _named_member(p)) is not None:
            out.append(named)
        else:
            raise LitkitError(
                "no such file or folder", path=p, expected="an export file, a folder or an archive of them"
            )
    return _mark_identical(out)


def is_archive(head: bytes) -> str | None:
    """``"zip"``, ``"gzip"`` or None, from a file's first bytes; an OOXML document is no archive.

    ``head`` must hold the whole file for a zip to be told from an ``.xlsx`` (the
    caller passes the path's bytes through :func:`archive_kind` for that).

    Examples
    --------
    >>> is_archive(b"\\x1f\\x8b\\x08\\x00"), is_archive(b"PT J\\n")
    ('gzip', None)
    """
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    return None


def archive_kind(path: Path) -> str | None:
    """``"zip"``, ``"gzip"`` or None for the file at ``path`` (an ``.xlsx``/``.docx`` is None)."""
    with open(path, "rb") as fh:
        kind = is_archive(fh.read(4))
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as z:
                if "[Content_Types].xml" in z.namelist():
                    return None  # an Office Open XML document (a WoS .xlsx export is read by its reader)
        except zipfile.BadZipFile:
            return None  # not really a zip: the readers say what it is
    return kind


def member_bytes(path: Path, member: str) -> bytes:
    """The content of ``member`` of the archive at ``path``, decompressed in memory within the limits.

    Raises
    ------
    LitkitError
        The member would expand beyond :data:`ARCHIVE_MAX_BYTES` or :data:`ARCHIVE_MAX_RATIO`;
        the archive is damaged; the member does not exist.
    """
    name = f"{path}!{member}"
    kind = archive_kind(path)
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as z:
                try:
                    info = z.getinfo(member)
                except KeyError:
                    raise LitkitError(
                        "no such member in the archive", path=name, expected="a member it lists"
                    ) from None
                _check_zip_member(info, path)
                with z.open(info) as fh:
                    return _read_limited(fh, info.compress_size, name)
        if kind == "gzip":
            data = _gunzip(path)
            if _is_tar(data):
                with tarfile.open(fileobj=io.BytesIO(data)) as t:
                    try:
                        entry = t.getmember(member)
                    except KeyError:
                        raise LitkitError(
                            "no such member in the archive", path=name, expected="a member it lists"
                        ) from None
                    fh = t.extractfile(entry)
                    return fh.read() if fh is not None else b""
            return data
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
        raise LitkitError(f"archive cannot be read ({exc})", path=name, expected="an undamaged archive") from None
    raise LitkitError("not an archive", path=path, expected="a .zip or .gz file")


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file()
        and not any(part.startswith(".") for part in f.relative_to(folder).parts)
        and f.name not in NOTE_FILES
    )


def _named_member(p: Path) -> InputFile | None:
    """``exports.zip!savedrecs.txt`` (as litkit names members in provenance), when the archive exists."""
    text = str(p)
    if "!" not in text:
        return None
    archive, member = text.rsplit("!", 1)
    if not Path(archive).is_file() or archive_kind(Path(archive)) is None:
        return None
    return InputFile(Path(archive), member, explicit=True)


def _expand(path: Path, explicit: bool, origin: str | None) -> list[InputFile]:
    """The file itself, or the members of the archive it is (``origin``: the archive, or its folder)."""
    kind = archive_kind(path)
    if kind is None:
        return [InputFile(path, explicit=explicit, origin=origin)]
    origin = origin or str(path)
    try:
        if kind == "zip":
            members = _zip_members(path)
        else:
            members = _gzip_members(path)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as exc:
        raise LitkitError(f"archive cannot be read ({exc})", path=path, expected="an undamaged archive") from None
    return [InputFile(path, m, explicit=False, origin=origin) for m in members]


def _visible(member: str) -> bool:
    parts = PurePosixPath(member).parts
    return bool(parts) and not any(p.startswith(".") or p == "__MACOSX" for p in parts) and parts[-1] not in NOTE_FILES


def _zip_members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        total = 0
        for info in infos:
            _check_zip_member(info, path)
            total += info.file_size
            if total > ARCHIVE_MAX_BYTES:
                raise _too_big(path, f"its members expand to more than {ARCHIVE_MAX_BYTES:,} bytes together")
        return sorted(i.filename for i in infos if _visible(i.filename))


def _check_zip_member(info: zipfile.ZipInfo, path: Path) -> None:
    if info.file_size > ARCHIVE_MAX_BYTES:
        raise _too_big(path, f"member {info.filename!r} expands to {info.file_size:,} bytes")
    if info.file_size > _RATIO_FLOOR and info.file_size > ARCHIVE_MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size / max(info.compress_size, 1)
        raise _too_big(path, f"member {info.filename!r} expands {ratio:,.0f} times (to {info.file_size:,} bytes)")


def _gzip_members(path: Path) -> list[str]:
    data = _gunzip(path)
    if _is_tar(data):
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            return sorted(m.name for m in t.getmembers() if m.isfile() and _visible(m.name))
    return _gzip_single_names(path)


def _gunzip(path: Path) -> bytes:
    """A gzip file's content, decompressed a megabyte at a time within the limits (a single-entry cache)."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if _GUNZIPPED.get("key") == key:
        return _GUNZIPPED["data"]
    with gzip.open(path, "rb") as fh:
        data = _read_limited(fh, stat.st_size, str(path))
    _GUNZIPPED.clear()
    _GUNZIPPED.update(key=key, data=data)
    return data


_GUNZIPPED: dict = {}  # the last gzip file decompressed: its members are read one by one


def _read_limited(fh, compressed_size: int, name: str) -> bytes:
    out = io.BytesIO()
    total = 0
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            return out.getvalue()
        total += len(chunk)
        if total > ARCHIVE_MAX_BYTES:
            raise _too_big(name, f"it expands to more than {ARCHIVE_MAX_BYTES:,} bytes")
        if total > _RATIO_FLOOR and total > ARCHIVE_MAX_RATIO * max(compressed_size, 1):
            raise _too_big(name, f"it expands more than {ARCHIVE_MAX_RATIO} times its compressed size")
        out.write(chunk)


def _too_big(path, why: str) -> LitkitError:
    return LitkitError(
        f"archive refused: {why} (a zip bomb?)",
        path=path,
        expected=(
            f"members of at most {ARCHIVE_MAX_BYTES:,} bytes in all, expanding at most "
            f"{ARCHIVE_MAX_RATIO} times (litkit.io.inputs.ARCHIVE_MAX_BYTES / ARCHIVE_MAX_RATIO)"
        ),
    )


def _is_tar(data: bytes) -> bool:
    return len(data) > 262 and data[257:262] == b"ustar"


def _size(f: InputFile) -> int | None:
    """The file's size without reading it (None: unknown, e.g. a .gz member)."""
    if f.member is None:
        return f.path.stat().st_size
    if archive_kind(f.path) == "zip":
        with zipfile.ZipFile(f.path) as z:
            return z.getinfo(f.member).file_size
    if _GUNZIPPED.get("key", ("",))[0] != str(f.path):
        # A gzip stream's last four bytes give its size modulo 2**32: enough to group files by size
        # without decompressing (the SHA-1 then decides), and it costs a tar.gz nothing extra either.
        with open(f.path, "rb") as fh:
            fh.seek(-4, 2)
            hint = int.from_bytes(fh.read(4), "little")
        if not _is_tar_name(f):
            return hint
    return len(f.read_bytes())


def _is_tar_name(f: InputFile) -> bool:
    """A member of a .tar.gz (several members share the archive: its size says nothing about one)."""
    return f.member not in _gzip_single_names(f.path)


def _gzip_single_names(path: Path) -> list[str]:
    name = path.name
    for suffix in (".gz", ".gzip"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return [name[: -len(suffix)]]
    return [name + ".out"]


def _digest(f: InputFile) -> str:
    h = hashlib.sha1()
    if f.member is not None:
        h.update(f.read_bytes())
    else:
        with open(f.path, "rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                h.update(chunk)
    return h.hexdigest()


def _mark_identical(files: Iterable[InputFile]) -> list[InputFile]:
    """``same_as`` set on each file whose content equals an earlier one's (size first, then SHA-1)."""
    files = list(files)
    by_size: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(files):
        size = _size(f)
        if size:  # empty files are all alike, and say nothing
            by_size[size].append(i)
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[str, str] = {}
        for i in group:
            digest = _digest(files[i])
            if digest in first_of:
                files[i] = replace(files[i], same_as=first_of[digest])
            else:
                first_of[digest] = str(files[i])
    return files


__all__ = [
    "InputFile",
    "input_files",
    "archive_kind",
    "is_archive",
    "member_bytes",
    "ARCHIVE_MAX_BYTES",
    "ARCHIVE_MAX_RATIO",
    "NOTE_FILES",
]
