"""The ingest report: what was read from each file, what was not, and why.

The invariant every reader keeps, and every test checks::

    records_read + records_skipped == records_in_file

``records_in_file`` is counted from the file's own record markers (``PT``/``ER``
for WoS plain text, ``RT`` for CNKI RefWorks, data rows for a CSV, ...), not from
what the parser managed to read.  A record the reader could only partly
understand is *kept* and listed as a problem with ``action="kept"``; a record it
could not use at all is *skipped* and listed with ``action="skipped"``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

Action = Literal["kept", "skipped", "note"]


@dataclass
class Problem:
    """One thing that was odd about one record or one file."""

    file: str
    line: int | None
    reason: str
    action: Action = "kept"
    record: int | None = None  # 0-based index of the record in its file, when known


@dataclass
class FileReport:
    """What one reader did with one file."""

    file: str
    format: str = ""
    database: str = ""
    encoding: str = ""
    records_in_file: int = 0
    records_read: int = 0
    records_skipped: int = 0
    has_cited_references: bool | None = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, reason: str, action: Action = "kept", record: int | None = None) -> None:
        """Record a problem; a skipped record also counts in ``records_skipped``."""
        self.problems.append(Problem(self.file, line, reason, action, record))
        if action == "skipped":
            self.records_skipped += 1

    @property
    def balanced(self) -> bool:
        """True when every record found in the file was read or reported as skipped."""
        return self.records_read + self.records_skipped == self.records_in_file

    def _repr_html_(self) -> str:
        """In Jupyter: the file's row of the ingest table and its first problems, as the whole report shows them."""
        return IngestReport([self])._repr_html_()


@dataclass
class IngestReport:
    """The reports of all files read in one :func:`litkit.read` call."""

    files: list[FileReport] = field(default_factory=list)

    def add(self, report: FileReport) -> None:
        self.files.append(report)

    def extend(self, other: IngestReport) -> None:
        self.files.extend(other.files)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def records_read(self) -> int:
        return sum(f.records_read for f in self.files)

    @property
    def records_in_files(self) -> int:
        return sum(f.records_in_file for f in self.files)

    @property
    def records_skipped(self) -> int:
        return sum(f.records_skipped for f in self.files)

    @property
    def balanced(self) -> bool:
        return all(f.balanced for f in self.files)

    def files_table(self) -> pd.DataFrame:
        """One row per file: format, database, encoding and record counts."""
        rows = []
        for f in self.files:
            row = asdict(f)
            row.pop("problems")
            row["problems"] = len(f.problems)
            rows.append(row)
        cols = [
            "file",
            "format",
            "database",
            "encoding",
            "records_in_file",
            "records_read",
            "records_skipped",
            "problems",
            "has_cited_references",
        ]
        return pd.DataFrame(rows, columns=cols)

    def problems_table(self) -> pd.DataFrame:
        """One row per problem: file, line, record, action and reason."""
        cols = ["file", "line", "record", "action", "reason"]
        return pd.DataFrame([asdict(p) for p in self.problems], columns=cols)

    def to_dict(self) -> dict:
        return {"files": [asdict(f) for f in self.files]}

    @classmethod
    def from_dict(cls, data: dict) -> IngestReport:
        files = []
        for f in data.get("files", []):
            f = dict(f)
            problems = [Problem(**p) for p in f.pop("problems", [])]
            files.append(FileReport(**f, problems=problems))
        return cls(files)

    def __repr__(self) -> str:
        return (
            f"IngestReport({len(self.files)} files, {self.records_in_files} records in files, "
            f"{self.records_read} read, {self.records_skipped} skipped, "
            f"{len(self.problems)} problems)"
        )

    def _repr_html_(self) -> str:
        import html

        files = self.files_table().head(20).to_html(index=False, escape=True, na_rep="")
        more = f" (first 20 of {len(self.files)})" if len(self.files) > 20 else ""
        problems = ""
        if self.problems:
            shown = self.problems_table().head(10).to_html(index=False, escape=True, na_rep="")
            first = f"first 10 of {len(self.problems)}; " if len(self.problems) > 10 else ""
            problems = f"<p>Problems ({first}see <code>.problems_table()</code>)</p>{shown}"
        return (
            f"<div class='litkit-ingest-report'><p><b>{html.escape(repr(self))}</b></p>"
            f"<p>Files{more}</p>{files}{problems}</div>"
        )
