"""One module per CLI command; each exposes ``register(app)``."""
from __future__ import annotations

import sys

import typer

from ..errors import LitkitError


def fail(exc: LitkitError) -> None:
    """Print a litkit error the way a user should see it and exit with status 2."""
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    sys.exit(2)


def load_corpus(path):
    """The corpus a command works on: a Parquet file written by ``litkit ingest``."""
    from ..corpus import Corpus

    if not path.exists():
        raise LitkitError("corpus file not found", path=path,
                          expected="a .parquet file written by `litkit ingest`")
    return Corpus.read_parquet(path)


def year_range(corpus, first_year: int | None, last_year: int | None, path) -> tuple[int, int] | None:
    """``(first, last)`` from --from/--to, the corpus's own years filling what is not given."""
    if first_year is None and last_year is None:
        return None
    py = corpus.df["PY"].dropna()
    if py.empty:
        raise LitkitError("no record has a publication year", path=path)
    return (first_year if first_year is not None else int(py.min()),
            last_year if last_year is not None else int(py.max()))
