"""``litkit policy``: policy documents → timeline table and figure (+ term counts when texts are given)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import fail


def parse_phase(spec: str) -> tuple[int, int, str, str]:
    """``"2010-2015:Concept emergence:概念提出"`` → (2010, 2015, "Concept emergence", "概念提出").

    >>> parse_phase("2021-2024:Double carbon")
    (2021, 2024, 'Double carbon', '')
    """
    years, _, labels = spec.partition(":")
    label_en, _, label_zh = labels.partition(":")
    try:
        start, end = (int(y) for y in years.split("-"))
    except ValueError:
        raise LitkitError(f"bad phase {spec!r}", expected="START-END:English label[:中文标签]") from None
    return start, end, label_en.strip() or years, label_zh.strip()


def run_policy(
    paths,
    output: Path,
    metadata: Path | None = None,
    phases: list[str] | None = None,
    terms: list[str] | None = None,
    language: str = "both",
    formats=("png", "svg", "pdf"),
    force: bool = False,
) -> list[Path]:
    """What the command does, callable from Python; returns the files written."""
    import litkit.policy as lp

    from .._atomic import check_writable, write_csv
    from ..plot.policy import plot_timeline
    from ..plot.style import close, save_figure
    from ..policy.terms import DEFAULT_TERMS
    from ..policy.timeline import timeline_table
    from ..runinfo import write_params

    output = Path(output)
    targets = [output / "documents.csv", output / "timeline.csv"] + [output / f"timeline.{f}" for f in formats]
    for t in targets:
        check_writable(t, force)
    phase_specs = [parse_phase(p) for p in phases] if phases else None
    if paths:
        docs = lp.read(paths, metadata=metadata)
    elif metadata is not None:
        docs = lp.from_metadata(metadata)
    else:
        raise LitkitError("nothing to read", expected="policy files/folders, or --metadata with a document table")
    table = timeline_table(docs, phases=phase_specs)
    written = []
    listing = docs.df.drop(columns=["text"]).copy()
    for col in ("issuers", "topics"):
        listing[col] = ["; ".join(v) for v in listing[col]]
    written.append(write_csv(listing, output / "documents.csv", overwrite=force))
    written.append(write_csv(table, output / "timeline.csv", overwrite=force))
    fig = plot_timeline(table, phases=phase_specs, language=language)
    written += save_figure(fig, output / "timeline", formats=formats, overwrite=force)
    close(fig)
    has_text = docs.df["text"].map(bool).any() if len(docs) else False
    if has_text:
        counts = lp.term_counts(docs, terms or DEFAULT_TERMS)
        written.append(write_csv(counts, output / "terms.csv", overwrite=force))
        written.append(write_csv(lp.first_appearance(counts), output / "terms_first.csv", overwrite=force))
        if len(docs.problems):
            written.append(write_csv(docs.problems, output / "problems.csv", overwrite=force))
    written.append(
        write_params(
            output,
            {
                "command": "policy",
                "paths": [str(p) for p in paths or []],
                "metadata": str(metadata) if metadata else None,
                "phases": phase_specs,
                "language": language,
                "terms": list(terms or DEFAULT_TERMS) if has_text else None,
                "documents": len(docs),
                "formats": list(formats),
            },
        )
    )
    return written


def register(app: typer.Typer) -> None:
    @app.command()
    def policy(
        paths: list[Path] | None = typer.Argument(None, help="Policy files (.txt .md .html .docx .pdf) or folders."),
        output: Path = typer.Option(..., "-o", "--output", help="Folder for tables, figures and params.json."),
        metadata: Path | None = typer.Option(
            None,
            "--metadata",
            help="CSV/YAML metadata table (title_zh, title_en, issuers, date, doc_number, kind, topics, source_file).",
        ),
        phase: list[str] | None = typer.Option(
            None,
            "--phase",
            help="Phase 'START-END:English[:中文]'; repeat for several (default: the project's three phases).",
        ),
        term: list[str] | None = typer.Option(None, "--term", help="Term to count in the texts; repeatable."),
        language: str = typer.Option("both", "--language", help="Figure labels: both, en or zh."),
        fmt: list[str] | None = typer.Option(
            None, "--format", help="Figure format(s): png, svg, pdf (repeatable; default all three)."
        ),
        force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    ) -> None:
        """Timeline table and figure of policy documents (and term counts when texts are given)."""
        try:
            formats = tuple(fmt) if fmt else ("png", "svg", "pdf")
            unknown = sorted(set(formats) - {"png", "svg", "pdf"})
            if unknown:
                raise LitkitError(f"unknown figure format(s) {unknown}", expected="png, svg or pdf")
            written = run_policy(paths or [], output, metadata, phase, term, language, formats=formats, force=force)
        except LitkitError as exc:
            fail(exc)
        for path in written:
            typer.echo(f"wrote {path}")
