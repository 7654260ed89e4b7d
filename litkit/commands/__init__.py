"""One module per CLI command; each exposes ``register(app)``.

A command parses its options into an analysis' parameters and calls the run layer
(:mod:`litkit.runs`); it computes nothing itself.  Shared here:

* :func:`command` registers a command so that bad input (a :class:`~litkit.errors.LitkitError`, a
  missing or unreadable file, a bad value) ends as one line ``error: ...`` on stderr with exit
  status 2; :class:`LitkitGroup` does the same for the option errors click finds (an unknown
  option, a value that is not a number).  ``LITKIT_DEBUG=1`` shows the traceback instead.
* :func:`run_on_corpus`: load the corpus a command was given (or open it on Dask) and run an analysis.
* Option helps shared by several commands (:data:`CORPUS_HELP`, :data:`FORMATS_HELP` ...).
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import typer
from typer.core import TyperGroup

try:  # typer >= 0.2x parses with its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer runs on click itself
    from click import exceptions as click_errors

from ..errors import LitkitError

#: Help of the CORPUS argument of the commands that analyse a corpus.
CORPUS_HELP = "Corpus from `litkit ingest`: a .parquet file, or the folder `litkit ingest --scheduler` writes."
#: Help of ``--formats``.
FORMATS_HELP = "Figure formats, comma-separated: png, svg, pdf."
#: Help of ``--force``.
FORCE_HELP = "Replace existing output files (otherwise an existing file is an error)."

#: Help text of the ``--scheduler`` option of the commands that compute on a corpus.
SCHEDULER_HELP = (
    "Compute on Dask when CORPUS is a partitioned corpus folder (from `litkit ingest "
    "--scheduler`): a scheduler address (tcp://host:8786), a scheduler file (.json) or "
    "'local'.  Default: $LITKIT_DASK_SCHEDULER if set; without either, a folder is read "
    "into memory."
)


def fail(exc: Exception | str) -> None:
    """Print an error the way a user should see it (one line, ``error: ...``) and exit with status 2."""
    text = " ".join(str(exc).split("\n")).strip() or type(exc).__name__
    typer.secho(f"error: {text}", fg=typer.colors.RED, err=True)
    sys.exit(2)


def command(app: typer.Typer, name: str | None = None, **options):
    """Register the decorated function as command ``name`` of ``app``, with litkit's error handling.

    A :class:`~litkit.errors.LitkitError`, an ``OSError`` (a missing file, a folder that cannot be
    written) or a ``ValueError`` (a bad value the library refused) raised by the command is printed
    as one line ``error: ...`` and the command exits with status 2.

    Examples
    --------
    >>> app = typer.Typer()
    >>> @command(app)
    ... def hello(name: str) -> None:
    ...     \"\"\"Say hello.\"\"\"
    ...     typer.echo(f"hello {name}")
    """

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                with _corpus_freezable():
                    return func(*args, **kwargs)
            except (LitkitError, OSError, ValueError) as exc:
                if os.environ.get("LITKIT_DEBUG"):
                    raise
                fail(_message(exc))

        app.command(name, **options)(wrapper)
        return func

    return decorate


class LitkitGroup(TyperGroup):
    """The ``litkit`` command group: click's usage errors as one line ``error: ...`` and exit status 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.UsageError as exc:
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
            fail(exc.format_message().rstrip(".") + hint)
        except click_errors.ClickException as exc:
            fail(exc.format_message())
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def run_on_corpus(
    name: str, corpus_path: Path, output: Path, params: dict, formats: str, force: bool, scheduler: str | None = None
):
    """Run analysis ``name`` on the corpus at ``corpus_path`` into ``output`` (see :func:`litkit.runs.run`).

    With a Dask scheduler (``--scheduler`` or ``$LITKIT_DASK_SCHEDULER``) and a partitioned corpus
    folder, the analysis computes on the cluster; otherwise the corpus is loaded into memory.
    """
    from ..runs import RunFolder

    # A bad --formats or an earlier run's params.json fails here, before the corpus is read.
    folder = RunFolder(output, formats=formats, overwrite=force)
    inputs = {"corpus": str(corpus_path)}
    on_dask = scheduler_for(corpus_path, scheduler)
    if on_dask is not None:
        with partitioned_on(corpus_path, on_dask) as (pc, client):
            result = folder.run(name, pc, params, inputs=inputs, client=client)
    else:
        from .. import runs

        # Only the columns the analysis reads (the keyword map never loads the cited references), and those
        # it computes on in Arrow kept there (the burst steps' cited references).
        columns, arrow = runs.corpus_columns(name, params), runs.arrow_columns(name, params)
        corpus = load_corpus(corpus_path, columns=columns, arrow=arrow)
        from ..plot.style import background_saving

        with background_saving():  # figures written by child processes while the analysis goes on
            result = folder.run(name, corpus, params, inputs=inputs)
    result.files.append(folder.write_params())
    return result


def echo_written(paths) -> None:
    """List the files a command wrote, one per line."""
    for path in paths:
        typer.echo(f"  {path}")


def is_partitioned(path: Path) -> bool:
    """True when ``path`` is a folder written by ``litkit ingest --scheduler`` (it holds a manifest)."""
    from ..scale._ingest import MANIFEST

    return Path(path).is_dir() and (Path(path) / MANIFEST).is_file()


def thesaurus_option(value: str | None) -> str | None:
    """A ``--thesaurus`` value as the analyses take it: ``"default"`` (litkit's, the keyword map's default),
    None for ``none``, else the path of an existing thesaurus file (a one-line error otherwise)."""
    if value is None or value.lower() == "none":
        return None
    if value == "default":
        return "default"
    if not Path(value).is_file():
        raise LitkitError(
            "thesaurus file not found", path=value, expected="'default', 'none' or a VOSviewer thesaurus file"
        )
    return str(value)


def load_corpus(path, columns=None, arrow=()):
    """The corpus a command works on, in memory.

    ``path`` is a Parquet file written by ``litkit ingest``, or a partitioned
    corpus folder written by ``litkit ingest --scheduler``; the folder's
    partitions are concatenated in order, which gives the records (and ingest
    report) that reading the same exports in one process gives.  ``columns``:
    read only these from a Parquet file (:func:`litkit.runs.corpus_columns`; None: all);
    ``arrow``: list columns of a Parquet file kept in Arrow (:meth:`litkit.Corpus.read_parquet`).
    """
    from ..corpus import Corpus

    path = Path(path)
    if path.is_dir():
        if not is_partitioned(path):
            raise LitkitError(
                "folder is not a partitioned corpus (no manifest.json)",
                path=path,
                expected="a .parquet file written by `litkit ingest`, or a folder written "
                "by `litkit ingest --scheduler`",
            )
        from ..scale import read_partitioned

        return read_partitioned(path).to_corpus()
    if not path.exists():
        raise LitkitError("corpus file not found", path=path, expected="a .parquet file written by `litkit ingest`")
    corpus = Corpus.read_parquet(path, columns=columns, arrow=arrow)
    _freeze_corpus()
    return corpus


def scheduler_for(path, scheduler: str | None) -> str | None:
    """The Dask scheduler a command uses for ``path``, or None to compute in this process.

    ``--scheduler`` (else ``$LITKIT_DASK_SCHEDULER``) applies to partitioned
    corpus folders; a single Parquet file is one piece and is computed here (a
    note says so when ``--scheduler`` was given explicitly).
    """
    if not scheduler and not Path(path).is_dir():
        return None  # a Parquet file is computed here anyway: no need to import litkit.scale (0.7 s)
    from ..scale._client import SCHEDULER_ENV

    chosen = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if chosen is None:
        return None
    if not is_partitioned(path):
        if scheduler:
            typer.echo(
                f"note: {path} is not a partitioned corpus folder; computing in this process "
                "(--scheduler applies to folders written by `litkit ingest --scheduler`)",
                err=True,
            )
        return None
    return chosen


@contextmanager
def partitioned_on(path, scheduler: str):
    """``(PartitionedCorpus, Client)`` for a folder, the client closed on exit."""
    import litkit.scale

    pc = litkit.scale.read_partitioned(path)
    with litkit.scale.client(scheduler) as client:
        yield pc, client


# Garbage collection while a command runs.  The corpus a command loads is a million or more lists and
# strings that live until the command ends and hold no reference cycles; every full collection of
# Python's cyclic collector walked all of them again and found nothing (0.05-0.1 s each, about ten per
# command at 100,000 records).  Once loaded, they are frozen (gc.freeze: moved out of the collector's
# generations) for the rest of the command, and unfrozen when it ends, so a program that runs commands
# in its own process (the tests, `litkit demo` inside Python) gets back what it would have collected.
# Nothing is frozen when the program had frozen objects of its own (unfreezing would release them),
# nor outside a command (a library call of load_corpus freezes nothing).  The youngest generation is
# also collected after 10,000 net allocations instead of 700: the analyses build lists by the hundred
# thousand, and the collections that many small ones cascaded into cost 0.4 s of a 6 s command.
_COMMANDS_RUNNING: list[bool] = []  # one entry per running command: True once it froze its corpus
_YOUNGEST_THRESHOLD = 10_000


@contextmanager
def _corpus_freezable():
    thresholds = gc.get_threshold()
    if not _COMMANDS_RUNNING and thresholds[0]:  # (0: the program turned automatic collection off)
        gc.set_threshold(max(thresholds[0], _YOUNGEST_THRESHOLD), *thresholds[1:])
    _COMMANDS_RUNNING.append(False)
    try:
        yield
    finally:
        froze = _COMMANDS_RUNNING.pop()
        if froze:
            gc.unfreeze()
        if not _COMMANDS_RUNNING:
            gc.set_threshold(*thresholds)


def _freeze_corpus() -> None:
    """Freeze everything alive (the corpus just loaded) for the rest of the running command."""
    if _COMMANDS_RUNNING and not any(_COMMANDS_RUNNING) and gc.get_freeze_count() == 0:
        gc.freeze()
        _COMMANDS_RUNNING[-1] = True


def _message(exc: Exception) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, LitkitError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)
