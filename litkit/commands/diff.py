"""``litkit diff``: what changed between two results folders of a review."""

from __future__ import annotations

from pathlib import Path

import typer

from . import FORCE_HELP, command, echo_written


def register(app: typer.Typer) -> None:
    @command(app)
    def diff(
        old: Path = typer.Argument(..., metavar="OLD_RESULTS", help="Results folder of the earlier `litkit run`."),
        new: Path = typer.Argument(..., metavar="NEW_RESULTS", help="Results folder of the later `litkit run`."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Folder for diff_*.csv and diff.html."),
        top: int = typer.Option(20, "--top", help="Size of the top-N keyword and node lists compared."),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    ) -> None:
        """What changed between two results folders of `litkit run`, analysis by analysis.

        Records and years added, keywords entering or leaving the top N, cluster changes (adjusted Rand
        index, terms that moved), bursts that appeared, ended or changed, new policy documents.
        """
        from ..review import diff as review_diff

        result = review_diff(old, new, top=top)
        typer.echo(result.summary())
        if output is not None:
            echo_written(result.write(output, overwrite=force))
