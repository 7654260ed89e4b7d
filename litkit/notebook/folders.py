"""The output folder of a notebook must not lie inside an exports folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import LitkitError


def check_output_folder(out: str | Path, exports: str | Path | Iterable[str | Path] | None) -> Path:
    """Refuse an output folder that lies inside (or is) one of the export folders.

    Export folders are read recursively: CSV tables and text files written into
    one of them would be read back as exports on the next run (a ``nodes.csv``
    taken for a Scopus CSV, say), and the corpus would change silently.

    Parameters
    ----------
    out : str or Path
        The output folder (need not exist yet).
    exports : str, Path, list of them, or None
        Export files or folders as given to :func:`litkit.read`; a file counts
        through the folder it is in only when ``out`` is that file itself.

    Returns
    -------
    Path
        ``out`` resolved (absolute).

    Raises
    ------
    LitkitError
        When ``out`` is an export folder or lies inside one.

    Examples
    --------
    >>> check_output_folder("results", ["exports/wos"])          # doctest: +SKIP
    PosixPath('/home/me/review/results')
    >>> check_output_folder("exports/wos/out", ["exports/wos"])  # doctest: +SKIP
    Traceback (most recent call last):
    litkit.errors.LitkitError: the output folder exports/wos/out is inside the exports folder exports/wos ...
    """
    target = Path(out).expanduser().resolve()
    if exports is None:
        return target
    if isinstance(exports, (str, Path)):
        exports = [exports]
    for item in exports:
        source = Path(item).expanduser().resolve()
        folder = source if source.is_dir() or not source.suffix else None
        if folder is not None and (target == folder or folder in target.parents):
            raise LitkitError(
                f"the output folder {out} is inside the exports folder {item}: exports are read recursively, "
                "so the tables written there would be read back as exports",
                expected="an output folder outside every exports folder (e.g. out = 'out/...')",
            )
        if folder is None and target == source:
            raise LitkitError(f"the output folder {out} is the export file {item}", expected="a folder")
    return target
