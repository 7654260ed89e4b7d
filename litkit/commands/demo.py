"""``litkit demo``: the whole pipeline on the embedded demo corpus, written to ``figures/``."""

from __future__ import annotations

from pathlib import Path

import typer

from . import FORCE_HELP, FORMATS_HELP, command


def register(app: typer.Typer) -> None:
    @command(app)
    def demo(
        output: Path = typer.Option(Path("figures"), "-o", "--output", help="Folder for figures and tables."),
        corpora: Path | None = typer.Option(
            None, "--corpora", help="The project's corpora/ folder (default: found from the package)."
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        workers: int | None = typer.Option(
            None,
            "-j",
            "--workers",
            min=1,
            help="Processes making the runs side by side (default: the cores available, at most 2; 1 = one by one).",
        ),
        out: Path | None = typer.Option(None, "--out", hidden=True, help="Deprecated: use -o/--output."),
    ) -> None:
        """The whole pipeline on the embedded demo corpus: ingest, merge, maps, bursts, timelines, policy.

        Writes every figure (PNG, SVG, PDF), every table (CSV), params.json and report.html; the files
        are the same whatever the number of workers.
        """
        from ..pipeline import run_demo
        from ..runs import parse_formats

        if out is not None:
            typer.echo("note: --out is deprecated; use -o/--output", err=True)
            output = out
        written = run_demo(
            out=output, corpora=corpora, overwrite=force, formats=parse_formats(formats), workers=workers
        )
        typer.echo(f"Wrote {len(written)} files to {output}/")
