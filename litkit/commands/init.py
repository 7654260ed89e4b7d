"""``litkit init``: write a commented review file (``review.toml``) for a folder of exports."""

from __future__ import annotations

from pathlib import Path

import typer

from . import FORCE_HELP, command


def register(app: typer.Typer) -> None:
    @command(app)
    def init(
        folder: list[Path] = typer.Argument(..., metavar="PATHS", help="Folders of export files, or export files."),
        output: Path = typer.Option(Path("review.toml"), "-o", "--output", help="Review file to write."),
        params: list[Path] = typer.Option(
            [], "--from-params", help="A params.json of an earlier litkit run, added as an analysis (repeatable)."
        ),
        policy: Path | None = typer.Option(None, "--policy", help="Policy metadata table (CSV) for policy analyses."),
        first_year: int | None = typer.Option(None, "--from", help="Keep records published from this year."),
        last_year: int | None = typer.Option(None, "--to", help="Keep records published up to this year."),
        no_merge: bool = typer.Option(False, "--no-merge", help="Do not merge records found in several databases."),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    ) -> None:
        """Write a commented review.toml: the exports, merge, and a default set of analyses.

        Every parameter of every analysis is listed, its default commented out; edit, then `litkit run`.
        """
        from ..review import entries_from_params, write_init

        extra = [e for p in params for e in entries_from_params(p)]
        path = write_init(
            folder,
            output,
            overwrite=force,
            merge=not no_merge,
            first_year=first_year,
            last_year=last_year,
            policy_metadata=policy,
            extra_entries=extra,
        )
        typer.echo(f"Wrote {path}; run it with: litkit run {path} -o results/")
