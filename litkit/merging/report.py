"""The merge report: every match :func:`litkit.merge` proposed, with its rule, score and decision, and every record's fate.

Examples
--------
>>> merged = litkit.merge(cnki, wos, scopus)                 # doctest: +SKIP
>>> merged.report.to_csv("merge_report.csv")                 # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

#: Columns of :attr:`MergeReport.matches`.
MATCH_COLUMNS = [
    "record",
    "merged_id",
    "rule",
    "score",
    "decision",
    "id_a",
    "db_a",
    "file_a",
    "line_a",
    "title_a",
    "id_b",
    "db_b",
    "file_b",
    "line_b",
    "title_b",
]
#: Columns of :attr:`MergeReport.membership`.
MEMBERSHIP_COLUMNS = ["id", "db", "file", "line", "title", "record", "merged_id", "merged_away"]
#: The match rules, strongest first.
RULE_ORDER = ("identical", "forced", "id", "doi", "title+year+author", "fuzzy")


@dataclass
class MergeReport:
    """What :func:`litkit.merge` did: every match with its rule and score, and every record's fate.

    Attributes
    ----------
    matches : pandas.DataFrame
        One row per proposed pair: ``rule`` (identical, forced, id, doi,
        title+year+author, fuzzy), ``score`` (0–100), ``decision`` (merged;
        already in one group; rejected: …; same id, different records: kept
        apart), both records' id, database, file, line and title, and -- when
        they ended in one record -- that record's row in the merged corpus
        (``record``) and id (``merged_id``).
    membership : pandas.DataFrame
        One row per input record: its id, database, file, line, title, the row
        (``record``) and id (``merged_id``) of the output record it went into,
        and whether it was merged away (every output record has exactly one
        member that is not).
    records_in, records_out : int
        Input and output record counts; ``records_in == records_out + merged_away``.
    ingest : IngestReport or None
        The ingest reports of the inputs, when they had one.
    """

    matches: pd.DataFrame
    membership: pd.DataFrame
    records_in: int
    records_out: int
    threshold: float
    ingest: object = None
    forced: dict = field(default_factory=dict)

    @property
    def merged_away(self) -> int:
        """Input records that now live inside another record."""
        return int(self.membership["merged_away"].sum())

    @property
    def unmatched(self) -> pd.DataFrame:
        """Input records kept as they were (matched with nothing)."""
        m = self.membership
        sizes = m.groupby("record")["id"].transform("size")
        return m[sizes == 1].reset_index(drop=True)

    @property
    def problems(self) -> list:
        """The ingest problems of the inputs (for notebooks showing a merged corpus)."""
        return list(getattr(self.ingest, "problems", []) or [])

    def table(self) -> pd.DataFrame:
        """Matches followed by the records kept unmatched (``rule`` = ``unmatched``): the audit table."""
        un = self.unmatched
        unmatched = pd.DataFrame(
            {
                "record": un["record"],
                "merged_id": un["merged_id"],
                "rule": "unmatched",
                "score": None,
                "decision": "kept",
                "id_a": un["id"],
                "db_a": un["db"],
                "file_a": un["file"],
                "line_a": un["line"],
                "title_a": un["title"],
            },
            columns=MATCH_COLUMNS,
        )
        if len(unmatched) == 0:
            return self.matches.copy()
        return pd.concat([self.matches, unmatched], ignore_index=True)

    def to_csv(self, path: str | Path, overwrite: bool = False) -> Path:
        """Write :meth:`table` as CSV (atomic; refuses to replace a file unless ``overwrite``)."""
        from .._atomic import write_csv

        return write_csv(self.table(), path, overwrite=overwrite)

    def to_dict(self) -> dict:
        """JSON-able form (the inputs' ingest report, plus this report's tables)."""
        data = self.ingest.to_dict() if hasattr(self.ingest, "to_dict") else {"files": []}
        clean = lambda df: json.loads(df.to_json(orient="records", force_ascii=False))
        data["merge"] = {
            "records_in": self.records_in,
            "records_out": self.records_out,
            "threshold": self.threshold,
            "matches": clean(self.matches),
            "membership": clean(self.membership),
        }
        return data

    def __repr__(self) -> str:
        merged = (self.matches["decision"] == "merged").sum() if len(self.matches) else 0
        by_rule = self.matches[self.matches["decision"] == "merged"]["rule"].value_counts()
        rules = ", ".join(f"{r} {by_rule[r]}" for r in RULE_ORDER if r in by_rule)
        return (
            f"MergeReport({self.records_in} records in, {self.records_out} out, "
            f"{self.merged_away} merged away; {merged} matches accepted ({rules or 'none'}))"
        )

    def _repr_html_(self) -> str:
        import html

        decisions = self.matches["decision"].astype(str).str.split(":").str[0] if len(self.matches) else []
        counts = (
            pd.crosstab(self.matches["rule"], decisions).reset_index()
            if len(self.matches)
            else pd.DataFrame({"rule": []})
        )
        pairs = self.matches.head(10)[["rule", "score", "decision", "db_a", "title_a", "db_b", "title_b"]]
        more = f" (first 10 of {len(self.matches)}; see <code>.matches</code>)" if len(self.matches) > 10 else ""
        return (
            f"<div class='litkit-merge-report'><p><b>{html.escape(repr(self))}</b></p>"
            f"<p>Proposed pairs by rule and decision</p>{counts.to_html(index=False, escape=True)}"
            f"<p>Pairs{more}</p>{pairs.to_html(index=False, escape=True, na_rep='')}</div>"
        )


__all__ = ["MergeReport", "MATCH_COLUMNS", "MEMBERSHIP_COLUMNS", "RULE_ORDER"]
