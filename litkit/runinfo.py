"""Record every run's parameters next to its outputs (``params.json``)."""

from __future__ import annotations

import json
import platform
from pathlib import Path

from ._atomic import write_text


def write_params(folder: str | Path, params: dict, name: str = "params.json") -> Path:
    """Write ``params`` plus the litkit version to ``folder/params.json``.

    No timestamps or host names go in, so that two runs with the same inputs give
    byte-identical files.
    """
    from . import __version__

    data = {"litkit_version": __version__, "python": platform.python_version().rsplit(".", 1)[0], "parameters": params}
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
    return write_text(Path(folder) / name, text)
