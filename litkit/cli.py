"""The ``litkit`` command line: a thin layer over the Python API.

Each command lives in its own module under :mod:`litkit.commands` and is registered here; a command
parses options, calls the run layer (:mod:`litkit.runs`) and prints what it wrote.  Every command
writes to ``-o/--output``, takes figure formats as ``--formats png,svg,pdf``, refuses to replace
files unless given ``--force``, and reports bad input as one line ``error: ...`` with exit status 2.
The library never imports this module.
"""

from __future__ import annotations

import importlib
import importlib.util

import typer

from .commands import LitkitGroup

app = typer.Typer(
    cls=LitkitGroup,
    help="litkit: bibliometric and policy-literature analysis (CNKI, WoS, Scopus).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules under litkit.commands, each with register(app).
_COMMAND_MODULES = (
    "ingest",
    "cooccur",
    "bursts",
    "timeline",
    "policy",
    "report",
    "demo",
    "summary",
    "cocite",
    "couple",
    "citations",
    "collab",
    "init",
    "run",
    "add",
    "diff",
)

for _name in _COMMAND_MODULES:
    if importlib.util.find_spec(f"litkit.commands.{_name}") is not None:
        importlib.import_module(f"litkit.commands.{_name}").register(app)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
