"""One module per CLI command; each exposes ``register(app)``."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import typer

from ..errors import LitkitError

#: Help text of the ``--scheduler`` option of the commands that compute on a corpus.
SCHEDULER_HELP = (
    "Compute on Dask when CORPUS is a partitioned corpus folder (from `litkit ingest "
    "--scheduler`): a scheduler address (tcp://host:8786), a scheduler file (.json) or "
    "'local'.  Default: $LITKIT_DASK_SCHEDULER if set; without either, a folder is read "
    "into memory."
)


def fail(exc: LitkitError) -> None:
    """Print a litkit error the way a user should see it and exit with status 2."""
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    sys.exit(2)


def is_partitioned(path: Path) -> bool:
    """True when ``path`` is a folder written by ``litkit ingest --scheduler`` (it holds a manifest)."""
    from ..scale.ingest import MANIFEST

    return Path(path).is_dir() and (Path(path) / MANIFEST).is_file()


def load_corpus(path):
    """The corpus a command works on, in memory.

    ``path`` is a Parquet file written by ``litkit ingest``, or a partitioned
    corpus folder written by ``litkit ingest --scheduler``; the folder's
    partitions are concatenated in order, which gives the records (and ingest
    report) that reading the same exports in one process gives.
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
    return Corpus.read_parquet(path)


def scheduler_for(path, scheduler: str | None) -> str | None:
    """The Dask scheduler a command uses for ``path``, or None to compute in this process.

    ``--scheduler`` (else ``$LITKIT_DASK_SCHEDULER``) applies to partitioned
    corpus folders; a single Parquet file is one piece and is computed here (a
    note says so when ``--scheduler`` was given explicitly).
    """
    from ..scale.client import SCHEDULER_ENV

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


def year_range(corpus, first_year: int | None, last_year: int | None, path) -> tuple[int, int] | None:
    """``(first, last)`` from --from/--to, the corpus's own years filling what is not given.

    ``corpus`` is a :class:`~litkit.Corpus` or a
    :class:`~litkit.scale.PartitionedCorpus` (whose ``PY`` column alone is read).
    """
    if first_year is None and last_year is None:
        return None
    py = corpus.column("PY") if hasattr(corpus, "column") else corpus.df["PY"]
    py = py.dropna()
    if py.empty:
        raise LitkitError("no record has a publication year", path=path)
    return (
        first_year if first_year is not None else int(py.min()),
        last_year if last_year is not None else int(py.max()),
    )
