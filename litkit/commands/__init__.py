"""One module per CLI command; each exposes ``register(app)``."""
from __future__ import annotations

import sys

import typer

from ..errors import LitkitError


def fail(exc: LitkitError) -> None:
    """Print a litkit error the way a user should see it and exit with status 2."""
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    sys.exit(2)
