"""The text ``litkit ingest`` prints after reading: files, databases, years, fields filled, problems.

:func:`ingest_summary` makes it from a corpus in memory; :func:`ingest_summary_from_tally` from an
ingest report and the counts a streaming ingest collects batch by batch
(:class:`litkit.io.parquet.CorpusTally`), giving the same text for the same records.  The command
line prints it and the run layer (:mod:`litkit.runs`, analysis ``ingest_summary``) writes it.

Examples
--------
>>> import litkit
>>> from litkit.io.ingest_summary import ingest_summary
>>> print(ingest_summary(litkit.read("exports/")))              # doctest: +SKIP
Read 1190 of 1190 records from 6 file(s); 0 skipped, 0 problem(s) reported.
...
"""

from __future__ import annotations

__all__ = ["ingest_summary", "ingest_summary_from_tally"]


def ingest_summary(corpus) -> str:
    """The text ``litkit ingest`` prints: files, databases, years, fields filled, problems."""
    df = corpus.df
    groups, filled = [], {}
    if len(df):
        groups = [
            (row.DB, row.source_format, row.records, row.year_min, row.year_max)
            for row in corpus.summary().itertuples(index=False)
        ]
        filled = corpus.fields_filled().to_dict()
    return _summary_text(corpus.report, len(df), groups, filled)


def ingest_summary_from_tally(report, counts) -> str:
    """:func:`ingest_summary` for a corpus that is not in memory, from its ingest report and counts.

    ``counts`` is a :class:`litkit.io.parquet.CorpusTally`: filled batch by
    batch during the streaming ingest (``on_batch=counts.add``), or counted
    from a corpus file (:func:`litkit.io.parquet.tally`).  The text is the one
    :func:`ingest_summary` prints for the same corpus in memory.
    """
    groups = [(db, fmt, n, first, last) for (db, fmt), (n, first, last) in sorted(counts.groups.items())]
    filled = {name: counts.share_filled(name) for name in counts.filled}
    return _summary_text(report, counts.records, groups, filled)


def _summary_text(report, records: int, groups: list[tuple], filled: dict[str, float]) -> str:
    """The summary from the report and per-(database, format) record counts and year ranges.

    ``groups``: ``(DB, source_format, records, first year, last year)`` sorted by
    database and format; ``filled``: share of records with a value, per column.
    """
    import pandas as pd

    lines = []
    files = report.files_table()
    # Files found in a folder or archive that are no export (litkit.io.ReadSession): listed, not read.
    not_exports = int((files["format"] == "skipped").sum()) if len(files) else 0
    lines.append(
        f"Read {report.records_read} of {report.records_in_files} records "
        f"from {len(files) - not_exports} file(s); {report.records_skipped} skipped, "
        f"{len(report.problems)} problem(s) reported."
        + (f" {not_exports} file(s) skipped: not an export." if not_exports else "")
    )
    lines.append("")
    lines.append("Per file:")
    for row in files.itertuples(index=False):
        if row.format == "skipped":
            lines.append(f"  {row.file}: skipped, not an export")
            continue
        refs = {True: "", False: "  (this format carries no cited references)", None: ""}[row.has_cited_references]
        lines.append(
            f"  {row.file}: {row.format} [{row.database}, {row.encoding}] "
            f"{row.records_read}/{row.records_in_file} read"
            + (f", {row.records_skipped} skipped" if row.records_skipped else "")
            + (f", {row.problems} problem(s)" if row.problems else "")
            + refs
        )
    if records:
        lines.append("")
        lines.append("Per database and format:")
        for db, fmt, n, year_min, year_max in groups:
            years = "" if year_min is None or pd.isna(year_min) else f", {year_min}–{year_max}"
            lines.append(f"  {db} / {fmt}: {n} records{years}")
        lines.append("")
        lines.append("Fields filled (share of records):")
        no_refs = {f.format for f in report.files if f.has_cited_references is False}
        formats = {fmt for _, fmt, *_ in groups}
        main = ["AU", "TI", "SO", "PY", "DE", "ID", "AB", "CR", "DI", "C1", "TC"]
        parts = []
        for name in main:
            if name == "CR" and no_refs and formats <= no_refs:
                parts.append("CR n/a (not exported by this format)")
            else:
                parts.append(f"{name} {100 * filled[name]:.0f}%")
        lines.append("  " + ", ".join(parts))
        if no_refs and not formats <= no_refs:
            lines.append(
                f"  note: {', '.join(sorted(no_refs))} exports carry no cited references; "
                "their records are not counted as citing nothing"
            )
    problems = report.problems_table()
    if len(problems):
        lines.append("")
        lines.append("Problems (file, line, action, reason):")
        for row in problems.head(20).itertuples(index=False):
            line = "" if row.line is None or row.line != row.line else f":{int(row.line)}"
            lines.append(f"  {row.file}{line}  [{row.action}] {row.reason}")
        if len(problems) > 20:
            lines.append(f"  … and {len(problems) - 20} more (see --report)")
    return "\n".join(lines)
