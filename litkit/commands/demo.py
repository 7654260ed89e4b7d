"""``litkit demo``: the whole pipeline on the embedded demo corpus, written to ``figures/``."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import fail


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        out: Path = typer.Option(Path("figures"), "-o", "--out", help="Folder for figures and tables."),
        corpora: Path = typer.Option(
            None, "--corpora", help="The project's corpora/ folder (default: found from the package)."
        ),
    ) -> None:
        """Run ingest, merge, co-occurrence, bursts, timelines and policy figures on the demo corpus."""
        from ..pipeline import run_demo

        try:
            written = run_demo(out=out, corpora=corpora)
        except LitkitError as exc:
            fail(exc)
        typer.echo(f"Wrote {len(written)} files to {out}/")
