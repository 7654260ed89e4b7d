"""``litkit add``: add exports to a review file and say what they bring."""

from __future__ import annotations

from pathlib import Path

import typer

from . import command


def register(app: typer.Typer) -> None:
    @command(app)
    def add(
        review: Path = typer.Argument(..., metavar="REVIEW", help="The review file (review.toml)."),
        exports: list[Path] = typer.Argument(..., metavar="NEW_EXPORTS", help="Export files, folders or globs."),
        output: Path | None = typer.Option(
            None,
            "-o",
            "--output",
            help="Folder for the tables new.csv, already_there.csv, updated.csv and problems.csv.",
        ),
        dry_run: bool = typer.Option(False, "--dry-run", help="Report only; leave the review file as it is."),
        force: bool = typer.Option(False, "--force", help="Replace existing report tables."),
    ) -> None:
        """Append NEW_EXPORTS to REVIEW (comments kept) and report new, already present and updated records.

        Records already there are listed with the match rule that found them; `litkit run` then updates the results.
        """
        from .._atomic import check_writable, write_csv
        from ..errors import LitkitError
        from ..review import add_exports

        if output is not None and output.exists() and not output.is_dir():
            raise LitkitError("output is a file, not a folder", path=output, expected="a folder for the report tables")
        # refused before the review file is edited: a late refusal would leave the exports added but unreported
        for name in ("new", "already_there", "updated", "problems") if output is not None else ():
            check_writable(output / f"{name}.csv", overwrite=force)
        result = add_exports(review, [str(e) for e in exports], dry_run=dry_run)
        typer.echo(result.summary())
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)
            tables = (
                ("new", result.new),
                ("already_there", result.already),
                ("updated", result.updated),
                ("problems", result.problems),
            )
            for name, table in tables:
                typer.echo(f"  {write_csv(table, output / f'{name}.csv', overwrite=force)}")
