"""Merging corpora from several databases (CNKI, Web of Science, Scopus) into one: :func:`merge`.

>>> merged = litkit.merge(cnki, wos, scopus)                 # doctest: +SKIP
>>> merged.report.matches                                    # doctest: +SKIP
>>> merged.report.to_csv("merge_report.csv")                 # doctest: +SKIP

``report.matches`` lists every match with its rule and score, ``report.membership``
every input record and the merged record it went into.

How records are matched
-----------------------
Records are first put in one canonical order (by id, database, file, line and
content), so the result does not depend on the order of the inputs.  Then:

1. **identical** rows (the same record read twice, e.g. ``merge(c, c)``) are
   collapsed;
2. records of one database that share an **id** (``UT``) are merged when their
   normalised titles agree (overlapping downloads of the same search); when
   the titles differ (CiteSpace-converted CNKI files give every record one UT)
   both are *kept* and the pair is reported as ``same id, different records``;
3. records of different databases are matched by **doi**, then by
   **title+year+author**, then by a **fuzzy** title score -- see
   :mod:`litkit.merging.match` for the exact rules, the title normalisation
   (Chinese and English separately) and the threshold
   (:data:`~litkit.merging.FUZZY_THRESHOLD` = 95);
4. pairs are accepted strongest rule first (then highest score, then canonical
   order); a pair is **rejected** when it would put two records of the same
   database in one group (a database does not list one paper twice under two
   ids) or when a forced non-match forbids it.  Rejected pairs are listed in
   the report too.

Forced matches and non-matches (a CSV with columns ``id_a,id_b`` of ``UT``
values, a DataFrame, or a list of pairs) override the rules: a forced match
is applied first and may join records of the same database; a forced
non-match keeps the two records' groups apart whatever rule proposes them.

How a group becomes one record is described in :mod:`litkit.merging`
(most complete value per field, union of keywords and of cited references by
canonical reference key, every database and source file kept, id of the WoS
record if any, else Scopus, else CNKI).

Invariants (tested): the merged table is identical whichever order the inputs
come in; ``merge(c, c)`` equals ``merge(c)`` and merging a merged corpus again
changes nothing; ``records in == records out + merged away`` and every input
record is listed in ``report.membership``; a merged record never has fewer
cited references than its richest member.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..corpus import COLUMN_NAMES, Corpus
from ..errors import LitkitError
from ..io.base import clean_doi
from ._combine import combine, database_set
from .match import FUZZY_THRESHOLD, Candidate, MatchKeys, candidates, first_author_surname, normalize_title
from .report import MATCH_COLUMNS, MEMBERSHIP_COLUMNS, RULE_ORDER, MergeReport


def merge(*corpora, forced_matches=None, forced_nonmatches=None, threshold: float = FUZZY_THRESHOLD) -> Corpus:
    """Merge corpora, finding records that describe the same publication.

    Parameters
    ----------
    *corpora : Corpus or pandas.DataFrame
        Corpora to merge (one corpus with several databases is fine too).
    forced_matches, forced_nonmatches : path, DataFrame or list of (id_a, id_b), optional
        Pairs of record ids (``UT``) that must / must not be merged; a CSV needs
        columns ``id_a,id_b``.  An id given for several records (a shared UT)
        applies to all of them.
    threshold : float, default 95
        Minimum rapidfuzz ``ratio`` (0–100) of the normalised titles for the
        fuzzy rule (see :mod:`litkit.merging.match`).

    Returns
    -------
    Corpus
        One record per publication, in a canonical order, with ``report`` a
        :class:`MergeReport`.

    Raises
    ------
    LitkitError
        When a forced-match table is malformed, names an id found in no input,
        or forces and forbids the same pair.

    Examples
    --------
    >>> from litkit import Corpus
    >>> wos = Corpus.from_records([{"UT": "WOS:1", "DB": "WoS", "TI": "Ecosystem services value",
    ...                             "PY": 1997, "AU": ["Costanza, R"], "DI": "10.1038/387253a0",
    ...                             "CR": ["Odum HT, 1971, ENV POWER SOC"]}])
    >>> scopus = Corpus.from_records([{"UT": "2-s2.0-1", "DB": "Scopus", "TI": "Ecosystem Services Value",
    ...                                "PY": 1997, "AU": ["Costanza, R"], "DI": "10.1038/387253A0"}])
    >>> merged = merge(wos, scopus)
    >>> merged.df.loc[0, ["UT", "DB"]].tolist()
    ['WOS:1', 'WoS;Scopus']
    >>> merged.report.matches[["rule", "decision", "id_a", "id_b"]].values.tolist()
    [['doi', 'merged', '2-s2.0-1', 'WOS:1']]
    """
    rows, ingest = _rows(corpora)
    identities = [_identity(r) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: _order_key(rows[i], identities[i]))
    rows = [rows[i] for i in order]
    identities = [identities[i] for i in order]
    keys = _match_keys(rows)

    identical, same_id, conflicts = _identity_candidates(identities, keys)
    forced, nonmatches, n_forced = _forced_candidates(keys.ut, forced_matches, forced_nonmatches)
    ordered = identical + forced + same_id + candidates(keys, threshold)
    groups = _Groups(keys.dbs, keys.ut)
    decisions = _decide(ordered, groups, nonmatches)
    decisions += [
        (c, "same id, different records: kept apart") for c in conflicts if groups.find(c.a) != groups.find(c.b)
    ]

    # one output record per group; identical copies of a record count once
    first_of: dict[str, int] = {}
    for i, identity in enumerate(identities):
        first_of.setdefault(identity, i)
    out_rows: dict[int, dict] = {}
    for root in sorted({groups.find(i) for i in range(len(rows))}):
        members = sorted(groups.members[root])
        unique = [i for i in members if first_of[identities[i]] == i]
        out_rows[root] = dict(rows[members[0]]) if len(unique) == 1 else combine([rows[i] for i in unique])
    output_order = sorted(out_rows, key=lambda root: _order_key(out_rows[root], _identity(out_rows[root])))
    record_of = {root: position for position, root in enumerate(output_order)}
    final = [out_rows[root] for root in output_order]
    merged_df = Corpus(pd.DataFrame(final, columns=list(COLUMN_NAMES))).df if final else Corpus().df

    report = MergeReport(
        matches=_matches_table(decisions, rows, keys.ut, groups, record_of, out_rows),
        membership=_membership_table(rows, keys.ut, groups, record_of, out_rows),
        records_in=len(rows),
        records_out=len(merged_df),
        threshold=threshold,
        ingest=ingest,
        forced=n_forced,
    )
    assert report.records_in == report.records_out + report.merged_away, "merge lost a record"
    return Corpus(merged_df, report)


def _rows(corpora) -> tuple[list[dict], object]:
    rows: list[dict] = []
    reports = []
    for c in corpora:
        if isinstance(c, Corpus):
            df, rep = c.df, c.report
        elif isinstance(c, pd.DataFrame):
            df, rep = Corpus(c).df, None
        else:
            raise LitkitError(f"cannot merge a {type(c).__name__}", expected="Corpus or DataFrame objects")
        rows.extend(df[list(COLUMN_NAMES)].to_dict("records"))
        if rep is not None:
            reports.append(rep.ingest if isinstance(rep, MergeReport) else rep)
    ingest = None
    if reports:
        from ..io import IngestReport

        ingest = IngestReport()
        for rep in reports:
            if hasattr(rep, "files"):
                ingest.extend(rep)
    return rows, ingest


def _plain(value):
    """A JSON-able, comparable form of a cell (lists as lists, NA as None)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return [str(v) for v in value]
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        value = value.item()
    return value


def _identity(row: dict) -> str:
    return json.dumps({k: _plain(row.get(k)) for k in COLUMN_NAMES}, ensure_ascii=False, sort_keys=True, default=str)


def _order_key(row: dict, identity: str) -> tuple:
    line = _plain(row.get("source_line"))
    return (
        str(row.get("UT") or ""),
        str(row.get("DB") or ""),
        str(row.get("source_file") or ""),
        int(line) if line is not None else -1,
        identity,
    )


def _pairs(table, name: str) -> list[tuple[str, str, int | None]]:
    """(id_a, id_b, line) from a CSV path, DataFrame or iterable of pairs."""
    if table is None:
        return []
    path = None
    if isinstance(table, (str, Path)):
        path = Path(table)
        if not path.is_file():
            raise LitkitError(f"{name} table not found", path=path, expected="a CSV file with columns id_a,id_b")
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if isinstance(table, pd.DataFrame):
        if not {"id_a", "id_b"} <= set(table.columns):
            raise LitkitError(
                f"{name} table has columns {list(table.columns)}", path=path, line=1, expected="columns id_a,id_b"
            )
        return [
            (str(a).strip(), str(b).strip(), i + 2 if path else None)
            for i, (a, b) in enumerate(zip(table["id_a"], table["id_b"]))
        ]
    return [(str(a).strip(), str(b).strip(), None) for a, b in table]


class _Groups:
    """Union-find over record positions that also tracks each group's databases and ids."""

    def __init__(self, dbs: list[frozenset], ids: list[str]):
        self.parent = list(range(len(dbs)))
        self.dbs = list(dbs)
        self.members = [{i} for i in range(len(dbs))]
        self.ids = ids

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.dbs[ra] = self.dbs[ra] | self.dbs[rb]
        self.members[ra] |= self.members[rb]
        self.members[rb] = set()

    def forbidden(self, a: int, b: int, nonmatches: set[frozenset]) -> bool:
        if not nonmatches:
            return False
        ra, rb = self.find(a), self.find(b)
        ids_a = {self.ids[i] for i in self.members[ra]}
        ids_b = {self.ids[i] for i in self.members[rb]}
        return any(frozenset((x, y)) in nonmatches for x in ids_a for y in ids_b)


def _match_keys(rows: list[dict]) -> MatchKeys:
    titles = [normalize_title(r.get("TI")) for r in rows]
    return MatchKeys(
        dbs=[database_set(r.get("DB")) for r in rows],
        ut=[str(r.get("UT") or "") for r in rows],
        doi=[clean_doi(str(r["DI"])) if _plain(r.get("DI")) else "" for r in rows],
        script=[t[0] for t in titles],
        title=[t[1] for t in titles],
        year=[int(r["PY"]) if _plain(r.get("PY")) is not None else None for r in rows],
        surname=[first_author_surname(_plain(r.get("AU"))) for r in rows],
    )


def _identity_candidates(identities: list[str], keys: MatchKeys):
    """Identical rows; records of one database sharing an id (merged, or kept apart when titles differ)."""
    identical: list[Candidate] = []
    same_id: list[Candidate] = []
    conflicts: list[Candidate] = []
    first_of: dict[str, int] = {}
    by_id: dict[str, list[int]] = {}
    for i, identity in enumerate(identities):
        if identity in first_of:
            identical.append(Candidate(first_of[identity], i, "identical", 100.0))
            continue
        first_of[identity] = i
        if keys.ut[i]:
            by_id.setdefault(keys.ut[i], []).append(i)
    for members in by_id.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if not (keys.dbs[i] & keys.dbs[j]):
                    continue
                if not keys.title[i] or not keys.title[j] or keys.title[i] == keys.title[j]:
                    same_id.append(Candidate(i, j, "id", 100.0))
                else:
                    conflicts.append(Candidate(i, j, "id", 0.0))
    return identical, same_id, conflicts


def _forced_candidates(ids: list[str], forced_matches, forced_nonmatches):
    """Forced-match candidates, the set of forbidden id pairs, and the size of both tables."""
    positions: dict[str, list[int]] = {}
    for i, ut in enumerate(ids):
        positions.setdefault(ut, []).append(i)
    forced = _pairs(forced_matches, "forced-match")
    forbidden = _pairs(forced_nonmatches, "forced-non-match")
    for (a, b, line), name, path in [(p, "forced_matches", forced_matches) for p in forced] + [
        (p, "forced_nonmatches", forced_nonmatches) for p in forbidden
    ]:
        for x in (a, b):
            if x not in positions:
                raise LitkitError(
                    f"{name}: id {x!r} is not the id of any record being merged",
                    path=path if isinstance(path, (str, Path)) else None,
                    line=line,
                    expected="UT values of the input records",
                )
    nonmatches = {frozenset((a, b)) for a, b, _ in forbidden}
    clash = [(a, b) for a, b, _ in forced if frozenset((a, b)) in nonmatches]
    if clash:
        raise LitkitError(
            f"pair {clash[0]} is both a forced match and a forced non-match",
            expected="each pair in at most one of the two tables",
        )
    pairs = sorted(
        {
            Candidate(min(i, j), max(i, j), "forced", 100.0)
            for a, b, _ in forced
            for i in positions[a]
            for j in positions[b]
            if i != j
        },
        key=lambda c: (c.a, c.b),
    )
    return pairs, nonmatches, {"matches": len(forced), "nonmatches": len(forbidden)}


def _decide(ordered: list[Candidate], groups: _Groups, nonmatches: set) -> list[tuple[Candidate, str]]:
    """Accept candidates in order unless a forced non-match or the one-record-per-database rule forbids."""
    decisions = []
    for c in ordered:
        ra, rb = groups.find(c.a), groups.find(c.b)
        if ra == rb:
            decisions.append((c, "already in one group"))
        elif c.rule != "identical" and groups.forbidden(c.a, c.b, nonmatches):
            decisions.append((c, "rejected: forced non-match"))
        elif c.rule not in ("identical", "forced", "id") and groups.dbs[ra] & groups.dbs[rb]:
            decisions.append((c, "rejected: would join two records of one database"))
        else:
            groups.union(c.a, c.b)
            decisions.append((c, "merged"))
    return decisions


def _describe(rows: list[dict], ids: list[str], i: int, side: str) -> dict:
    r = rows[i]
    line = _plain(r.get("source_line"))
    return {
        f"id_{side}": ids[i],
        f"db_{side}": r.get("DB"),
        f"file_{side}": r.get("source_file"),
        f"line_{side}": int(line) if line is not None else None,
        f"title_{side}": r.get("TI"),
    }


def _matches_table(decisions, rows, ids, groups, record_of, out_rows) -> pd.DataFrame:
    match_rows = []
    for c, decision in decisions:
        root = groups.find(c.a)
        same = root == groups.find(c.b)
        rec = {
            "record": record_of[root] if same else None,
            "merged_id": str(out_rows[root].get("UT") or "") if same else None,
            "rule": c.rule,
            "score": c.score if c.rule != "id" or decision == "merged" else None,
            "decision": decision,
        }
        rec.update(_describe(rows, ids, c.a, "a"))
        rec.update(_describe(rows, ids, c.b, "b"))
        match_rows.append(rec)
    matches = pd.DataFrame(match_rows, columns=MATCH_COLUMNS)
    if len(matches):
        matches["_rule"] = matches["rule"].map(RULE_ORDER.index)
        matches["_decision"] = matches["decision"].map(lambda d: (d != "merged", d))
        matches = matches.sort_values(
            ["_rule", "_decision", "id_a", "file_a", "line_a", "id_b", "file_b", "line_b"],
            kind="stable",
            na_position="last",
        )
        matches = matches.drop(columns=["_rule", "_decision"]).reset_index(drop=True)
    for col in ("record", "line_a", "line_b"):
        matches[col] = matches[col].astype("Int64")
    return matches


def _membership_table(rows, ids, groups, record_of, out_rows) -> pd.DataFrame:
    member_rows = []
    for root, record in record_of.items():
        merged_id = str(out_rows[root].get("UT") or "")
        members = sorted(groups.members[root])
        # the member whose id the merged record carries stays; the others are merged away
        kept = next((i for i in members if ids[i] == merged_id), members[0])
        for i in members:
            d = _describe(rows, ids, i, "a")
            member_rows.append(
                {
                    "id": d["id_a"],
                    "db": d["db_a"],
                    "file": d["file_a"],
                    "line": d["line_a"],
                    "title": d["title_a"],
                    "record": record,
                    "merged_id": merged_id,
                    "merged_away": i != kept,
                }
            )
    membership = pd.DataFrame(member_rows, columns=MEMBERSHIP_COLUMNS)
    membership["line"] = membership["line"].astype("Int64")
    membership["record"] = membership["record"].astype("Int64")
    return membership.sort_values(["record", "merged_away", "id", "file", "line"], kind="stable").reset_index(drop=True)


__all__ = ["merge"]
