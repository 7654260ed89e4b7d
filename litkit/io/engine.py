"""Which engine reads a file: the compiled fast path (``"c"``) or the record path (``"python"``).

As in ``pandas.read_csv(engine=...)``, :func:`litkit.read`, :func:`litkit.io.iter_file_parts`
and :func:`litkit.io.stream.ingest_to_parquet` take an ``engine`` argument:

* ``"c"``: a reader that has a compiled fast path reads through it (today the Web of
  Science plain-text reader: :mod:`litkit.io._wos_columns` with the loops of the C
  extension ``litkit.io._wos_scan``).  A block the fast path declines (anything the
  record path would report) and the rest of that file are read by the record path,
  whose report is kept.  Raises :class:`~litkit.errors.LitkitError` when the extension
  was not built.
* ``"python"``: the record path of every reader (the reference; every format has one).
* ``None`` or ``"auto"`` (default): ``"c"`` when the extension was built, else
  ``"python"``, with a :class:`~litkit.errors.LitkitWarning` saying how to build it when a
  file that the C engine would read faster is read (never a silent slowdown).

Formats without a compiled fast path read the same way whatever the engine.
"""

from __future__ import annotations

import functools
import importlib
import warnings

from ..errors import LitkitError, LitkitWarning

#: The engine names ``engine=`` accepts (besides None, the same as "auto").
ENGINES = ("auto", "c", "python")

_BUILD_HINT = (
    "install a C compiler and the Python headers (e.g. `apt install gcc python3-dev`) "
    "and reinstall litkit (`pip install -e .`)"
)


def compiled_engine_available() -> bool:
    """Whether litkit's C extension (``litkit.io._wos_scan``) was built and imports.

    ``pip install`` builds it where a C compiler and the Python headers exist and installs
    litkit without it otherwise (the ``"python"`` engine then reads every file).

    Returns
    -------
    bool

    Examples
    --------
    >>> from litkit.io.engine import compiled_engine_available
    >>> compiled_engine_available()          # doctest: +SKIP
    True
    """
    return _extension_imports()


def resolve_engine(engine: str | None) -> str:
    """The engine that reads files for ``engine=`` (``"c"`` or ``"python"``).

    Parameters
    ----------
    engine : {"c", "python", "auto"} or None
        What the caller asked for; None and ``"auto"`` mean ``"c"`` when the extension
        was built, else ``"python"``.

    Returns
    -------
    str
        ``"c"`` or ``"python"``.

    Raises
    ------
    LitkitError
        ``engine`` is not one of :data:`ENGINES`, or is ``"c"`` and the extension was not built.

    Examples
    --------
    >>> from litkit.io.engine import resolve_engine
    >>> resolve_engine("python")
    'python'
    >>> resolve_engine(None) in ("c", "python")
    True
    """
    if engine is None or engine == "auto":
        return "c" if compiled_engine_available() else "python"
    if engine == "python":
        return "python"
    if engine == "c":
        if not compiled_engine_available():
            raise LitkitError(
                "engine='c' was asked for, but litkit's C extension (litkit.io._wos_scan) was not built; "
                f"use engine='python', or {_BUILD_HINT}",
            )
        return "c"
    raise LitkitError(f"unknown engine {engine!r}", expected="engine 'c', 'python' or 'auto' (or None)")


def warn_if_slower(engine: str | None, reader_name: str) -> None:
    """Warn that a file is read by the record path because the extension is missing.

    Called for a file whose reader has a compiled fast path; warns only when the engine
    was left to litkit (None or ``"auto"``) and the extension was not built, and only once
    per reader in a Python process (not once per file).

    Parameters
    ----------
    engine : {"c", "python", "auto"} or None
        What the caller of :func:`litkit.read` asked for.
    reader_name : str
        The format, as the warning names it (e.g. ``"Web of Science plain text"``).

    Warns
    -----
    LitkitWarning
        The extension was not built and the engine was left to litkit.

    Examples
    --------
    >>> from litkit.io.engine import warn_if_slower
    >>> warn_if_slower("python", "Web of Science plain text")   # asked for: never a warning
    """
    if (engine is None or engine == "auto") and not compiled_engine_available():
        _warn_once(reader_name)


@functools.cache  # once per reader and process: Python's own "once per location" is reset by any filter change
def _warn_once(reader_name: str) -> None:
    warnings.warn(
        f"litkit's C extension (litkit.io._wos_scan) was not built, so {reader_name} files are read by "
        f"the slower record path (engine='python'); to build it, {_BUILD_HINT}",
        LitkitWarning,
        stacklevel=4,  # the caller of litkit.io.iter_file_parts
    )


@functools.cache  # an import attempt per file would search sys.path again each time it fails
def _extension_imports() -> bool:
    try:
        importlib.import_module("litkit.io._wos_scan")
    except ImportError:
        return False
    return True


__all__ = ["ENGINES", "compiled_engine_available", "resolve_engine", "warn_if_slower"]
