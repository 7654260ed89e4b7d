"""``litkit policy``: policy documents → timeline table and figure (+ term counts when texts are given)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import LitkitError
from . import FORCE_HELP, FORMATS_HELP, command, echo_written


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
    title_contains: list[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    source: str = "auto",
) -> list[Path]:
    """What the command does, callable from Python; returns the files written.

    Reads the documents (files/folders ``paths``, each collection file by its reader, see
    :func:`litkit.policy.read` and its ``source``; and/or a ``metadata`` table) and runs the analysis
    ``policy_timeline`` of :mod:`litkit.runs` into ``output``.
    """
    import litkit.policy as lp

    from ..runs import RunFolder, parse_formats

    specs = [parse_phase(p) for p in phases] if phases else None
    folder = RunFolder(output, formats=parse_formats(formats), overwrite=force)  # refuse before reading
    if paths:
        docs = lp.read(paths, metadata=metadata, source=source)
    elif metadata is not None:
        docs = lp.from_metadata(metadata)
    else:
        raise LitkitError("nothing to read", expected="policy files/folders, or --metadata with a document table")
    inputs = {"paths": [str(p) for p in paths or []], "metadata": str(metadata) if metadata else None}
    if source != "auto":
        inputs["source"] = source
    if title_contains or since is not None or until is not None:
        read = len(docs)
        docs = docs.select(title_contains or (), start=since, end=until)
        if not len(docs):  # an empty timeline figure would say nothing; say why instead
            chosen = [f"--title-contains {w}" for w in title_contains or ()]
            chosen += [f"--since {since}"] * (since is not None) + [f"--until {until}"] * (until is not None)
            raise LitkitError(
                f"{' '.join(chosen)} selected none of the {read:,} documents read",
                expected="words found in the documents' Chinese or English titles, and years they were issued",
            )
        inputs["select"] = {
            "title_contains": list(title_contains or []),
            "since": since,
            "until": until,
            "documents_read": read,
            "documents_selected": len(docs),
        }
    result = folder.run("policy_timeline", docs, {"phases": specs, "language": language, "terms": terms}, inputs=inputs)
    return result.files + [folder.write_params()]


def register(app: typer.Typer) -> None:
    @command(app)
    def policy(
        paths: list[Path] | None = typer.Argument(
            None,
            metavar="PATHS",
            help="Policy files (.txt .md .html .docx .pdf), collection files (LawRefBook .md, State Council list "
            "CSV, GCCMPD CSV/XLSX, work/congress report JSONL, CCLW lse.csv; recognised by content) or folders.",
        ),
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
        title_contains: list[str] | None = typer.Option(
            None,
            "--title-contains",
            help="Keep documents whose title contains this text (Chinese or English); repeat for any of several.",
        ),
        since: int | None = typer.Option(None, "--since", help="Keep documents of this year and later."),
        until: int | None = typer.Option(None, "--until", help="Keep documents of this year and earlier."),
        source: str = typer.Option(
            "auto",
            "--source",
            help="Read every PATH as: auto (recognise each file), texts, laws, state_council_list, work_reports, "
            "congress_reports, gccmpd or cclw.",
        ),
        formats: str = typer.Option("png,svg,pdf", "--formats", help=FORMATS_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    ) -> None:
        """Timeline of policy documents: table and figure, and term counts when texts are given.

        Writes policy_timeline.csv and its figure, policy_documents.csv, with texts
        policy_terms.csv and policy_terms_first.csv, and params.json.  A list of more documents than one
        timeline labels (120) gets policy_per_year instead of the timeline figure: select with
        --title-contains / --since / --until.
        """
        written = run_policy(
            paths or [],
            output,
            metadata,
            phase,
            term,
            language,
            formats=formats,
            force=force,
            title_contains=title_contains,
            since=since,
            until=until,
            source=source,
        )
        typer.echo(f"wrote {len(written)} file(s):")
        echo_written(written)
