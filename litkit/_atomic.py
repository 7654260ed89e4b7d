"""Atomic, non-clobbering output.

An interrupted run must never leave a half-written table behind, and a file a
user owns is only replaced when they asked for it.  Every writer in litkit goes
through :func:`atomic_write`: the content is written to a temporary file in the
same folder and renamed over the target only once it is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputExistsError


def check_writable(path: str | Path, overwrite: bool) -> Path:
    """Return ``path`` as a Path, raising if it exists and ``overwrite`` is false."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise OutputExistsError(
            "output exists; pass overwrite=True (CLI: --force) to replace it",
            path=path,
            expected="a path that does not exist yet",
        )
    return path


def _default_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: str | Path, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "t.csv") as tmp:
    ...     _ = tmp.write_text("a,b\\n")
    >>> (d / "t.csv").read_text()
    'a,b\\n'
    """
    path = check_writable(path, overwrite)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes the file private (0600); give it the mode a plain open() would have given.
        os.chmod(tmp_path, _default_mode(path))
        os.replace(tmp_path, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def write_text(path: str | Path, text: str, overwrite: bool = True, encoding: str = "utf-8") -> Path:
    """Write ``text`` atomically (LF line ends, UTF-8) and return the path."""
    with atomic_path(path, overwrite) as tmp:
        with open(tmp, "w", encoding=encoding, newline="\n") as fh:
            fh.write(text)
    return Path(path)


def write_bytes(path: str | Path, data: bytes, overwrite: bool = True) -> Path:
    """Write ``data`` atomically and return the path."""
    with atomic_path(path, overwrite) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_csv(df, path: str | Path, overwrite: bool = True, **kwargs) -> Path:
    """Write a DataFrame as UTF-8 CSV atomically, with deterministic float formatting."""
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    with atomic_path(path, overwrite) as tmp:
        df.to_csv(tmp, encoding="utf-8", **kwargs)
    return Path(path)
