"""Extend a review: add exports to the review file and say what they bring.

``litkit add review.toml NEW_EXPORTS...`` and :func:`add_exports` append the exports to ``[corpus]
exports`` by editing the file's text (the user's comments and layout stay as they were), then merge the
new records into the review's corpus with the usual rules (:func:`litkit.merge`) and report

* **new** records (in no existing record);
* records **already there**, with the existing record they were matched to and the match rule
  (identical, id, doi, title+year+author, fuzzy: the merge report's ``rule``);
* existing records **updated** by the new ones (a newer times-cited count, a DOI, more references):
  the column, its old and its new value.

The results themselves are brought up to date by the next ``litkit run``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import LitkitError
from .file import expand_exports, load_review, select_years, toml_value, tomllib

__all__ = ["AddReport", "add_exports", "append_exports", "set_years"]

#: Columns compared to tell whether a new export updated an existing record.
UPDATE_COLUMNS = ("TC", "NR", "CR", "DI", "PY", "VL", "IS", "BP", "EP", "AB", "DE", "ID", "SO")
_KEEP = object()


@dataclass
class AddReport:
    """What adding exports brought to a review.

    Attributes
    ----------
    added : list of str
        The exports appended to the review file (relative to it).
    listed : list of str
        Exports given that the review already had (not appended again).
    new : DataFrame
        Records the corpus gains (in no existing record; one row per record even when the new exports
        hold it twice): ``id``, ``db``, ``file``, ``line``, ``title``.
    already : DataFrame
        Records matched to an existing record: the same columns plus ``existing_id`` and ``rule``.
    updated : DataFrame
        Existing records changed by the merge: ``id``, ``title``, ``column``, ``old``, ``new``.
    records_before, records_after : int
        Records of the corpus before and after.
    outside_years : int
        Records of the new exports left out because the review keeps other publication years (``years``
        says which), or have none.
    years : str
        The years the review keeps (``"up to 2022"``), or "".
    problems : DataFrame
        What the readers reported in the new exports (a record cut short, a stray line, a record skipped):
        ``file``, ``line``, ``record``, ``action``, ``reason``.
    """

    added: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)
    new: pd.DataFrame = field(default_factory=pd.DataFrame)
    already: pd.DataFrame = field(default_factory=pd.DataFrame)
    updated: pd.DataFrame = field(default_factory=pd.DataFrame)
    records_before: int = 0
    records_after: int = 0
    problems: pd.DataFrame = field(default_factory=pd.DataFrame)
    outside_years: int = 0
    years: str = ""

    def summary(self) -> str:
        """A few lines for the command line."""
        lines = [f"added {len(self.added)} export(s) to the review: " + ", ".join(self.added)]
        if self.listed:
            lines.append("already in the review (not added again): " + ", ".join(self.listed))
        lines.append(f"{len(self.new)} new record(s); {len(self.already)} already there")
        if len(self.already):  # the rules right after the count they break down
            counts = self.already["rule"].value_counts()
            lines[-1] += " (" + ", ".join(f"{rule} {counts[rule]}" for rule in sorted(counts.index)) + ")"
        if self.outside_years:
            lines[-1] += f"; {self.outside_years} left out: not published {self.years} (or no year)"
        n_updated = self.updated["id"].nunique() if len(self.updated) else 0
        lines.append(f"{n_updated} existing record(s) updated")
        if len(self.updated):
            counts = self.updated["column"].value_counts()
            lines[-1] += " (" + ", ".join(f"{c} {counts[c]}" for c in sorted(counts.index)) + ")"
        lines.append(f"corpus: {self.records_before} → {self.records_after} records")
        if len(self.problems):
            skipped = int((self.problems["action"] == "skipped").sum()) if "action" in self.problems else 0
            lines.append(
                f"{len(self.problems)} problem(s) reported in the new exports ({skipped} record(s) skipped): "
                "see .problems (litkit add -o: problems.csv)"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        parts = ["<p>" + html.escape(self.summary()).replace("\n", "<br>") + "</p>"]
        for name in ("new", "already", "updated"):
            table = getattr(self, name)
            if len(table):
                more = f" (first 10 of {len(table)}; see <code>.{name}</code>)" if len(table) > 10 else ""
                parts.append(f"<p>{name}{more}</p>" + table.head(10).to_html(index=False, escape=True, na_rep=""))
        return "<div class='litkit-add-report'>" + "".join(parts) + "</div>"


def add_exports(review: str | Path, exports, *, dry_run: bool = False) -> AddReport:
    """Append ``exports`` to a review file and report what they bring (see the module docstring).

    Parameters
    ----------
    review : str or Path
        The review file.
    exports : list of str or Path
        Export files, folders or globs, relative to the working directory (or absolute).
    dry_run : bool, default False
        Report only; leave the review file as it is.

    Returns
    -------
    AddReport

    Examples
    --------
    >>> report = add_exports("review.toml", ["exports/2024/savedrecs.txt"])   # doctest: +SKIP
    >>> print(report.summary())                                               # doctest: +SKIP
    """
    import litkit

    from .run import build_corpus

    rv = load_review(review)
    if isinstance(exports, (str, Path)):
        exports = [exports]
    given = expand_exports([os.path.abspath(e) for e in exports], Path("/"), rv.path)
    existing = set(rv.export_paths())
    existing_files = {str(p) for p in _files(existing)}
    fresh = [p for p in given if p not in existing and not {str(f) for f in _files([p])} <= existing_files]
    report = AddReport(
        added=[_rel(p, rv.folder) for p in fresh], listed=[_rel(p, rv.folder) for p in given if p not in fresh]
    )
    old = build_corpus(rv)
    report.records_before = len(old)
    report.years = _years(rv.first_year, rv.last_year)
    if fresh:
        new = litkit.read([str(p) for p in fresh], progress=False)
        report.problems = new.report.problems_table()
        read = len(new)
        new = select_years(new, rv.first_year, rv.last_year)
        report.outside_years = read - len(new)
        if rv.merge:
            combined = litkit.merge(old, new)
            report.new, report.already, report.updated = _classify(old, combined, {str(f) for f in _files(fresh)})
        else:
            combined = litkit.Corpus(pd.concat([old.df, new.df], ignore_index=True))
            report.new = _describe_rows(new.df)
            report.already, report.updated = _empty_already(), _empty_updated()
        report.records_after = len(combined)
    else:
        report.records_after = len(old)
        report.new, report.already, report.updated = _describe_rows(old.df.iloc[:0]), _empty_already(), _empty_updated()
    if fresh and not dry_run:
        append_exports(rv.path, report.added)
    return report


def append_exports(review: str | Path, names: list[str]) -> Path:
    """Append ``names`` to ``exports = [...]`` of ``[corpus]`` by editing the text (comments are kept).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "review.toml"
    >>> _ = p.write_text('[corpus]\\n# my exports\\nexports = [\\n  "a.txt",  # 2023\\n]\\n')
    >>> print(append_exports(p, ["b.txt"]).read_text(), end="")
    [corpus]
    # my exports
    exports = [
      "a.txt",  # 2023
      "b.txt",
    ]
    """
    from .._atomic import write_text

    path = Path(review)
    text = path.read_text(encoding="utf-8")
    start, end = _exports_span(text, path)
    value = text[start:end]
    if value.startswith("["):
        close = end - 1  # the closing bracket
        inner = text[start + 1 : close]
        multiline = "\n" in inner
        if multiline:
            line_start = text.rfind("\n", 0, close) + 1
            own_line = text[line_start:close].strip() == ""  # the closing bracket alone on its line
            cut = line_start if own_line else close
            indent = "  "
            values = [ln for ln in inner.splitlines() if ln.strip() and not ln.strip().startswith("#")]
            if values:
                indent = re.match(r"\s*", values[-1]).group(0) or "  "
            head = text[:cut]
            if not _ends_with_comma(inner):
                head = _add_comma(head, start + 1)
            added = "".join(f"{indent}{toml_value(n)},\n" for n in names)
            text = head + ("" if own_line else "\n") + added + text[cut:]
        else:
            code = _code(inner).strip()
            sep = "" if not code else (" " if code.endswith(",") else ", ")
            text = text[:close].rstrip() + sep + ", ".join(toml_value(n) for n in names) + text[close:]
    else:  # exports = "one/path": becomes a list
        items = ", ".join([value.strip(), *(toml_value(n) for n in names)])
        text = text[:start] + "[" + items + "]" + text[end:]
    tomllib.loads(text)  # the edit must leave a valid file
    return write_text(path, text, overwrite=True)


def set_years(review: str | Path, first_year=_KEEP, last_year=_KEEP) -> Path:
    """Set (or, with None, comment out) ``first_year`` / ``last_year`` of ``[corpus]``, editing the text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "review.toml"
    >>> _ = p.write_text('[corpus]\\nexports = ["a"]\\nlast_year = 2019  # the first review\\n')
    >>> print(set_years(p, last_year=None).read_text(), end="")
    [corpus]
    exports = ["a"]
    # last_year = 2019  # the first review
    """
    from .._atomic import write_text

    path = Path(review)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next((i for i, ln in enumerate(lines) if re.match(r"^\s*\[\s*corpus\s*\]", ln)), None)
    if header is None:
        raise LitkitError("the review file has no [corpus] table", path=path, expected="[corpus] with exports")
    end = next((i for i in range(header + 1, len(lines)) if re.match(r"^\s*\[", lines[i])), len(lines))
    for key, value in (("first_year", first_year), ("last_year", last_year)):
        if value is _KEEP:
            continue
        at = next((i for i in range(header + 1, end) if re.match(rf"^\s*{key}\s*=", lines[i])), None)
        if value is None:
            if at is not None:
                lines[at] = "# " + lines[at]
            continue
        text = f"{key} = {int(value)}\n"
        if at is not None:
            rest = re.sub(rf"^\s*{key}\s*=\s*[^#\n]*", "", lines[at]).rstrip("\n")
            lines[at] = f"{key} = {int(value)}" + (f"  {rest.strip()}" if rest.strip() else "") + "\n"
        else:
            # after the last non-blank line of [corpus]
            last = max(i for i in range(header, end) if lines[i].strip())
            if not lines[last].endswith("\n"):
                lines[last] += "\n"
            lines.insert(last + 1, text)
            end += 1
    out = "".join(lines)
    tomllib.loads(out)
    return write_text(path, out, overwrite=True)


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _classify(old, combined, new_files: set[str]):
    """New / already there / updated from the merge of the old corpus with the new records."""
    m = combined.report.membership
    # the records name their file as it was read (through a link, say, or inside an archive: a.zip!member);
    # new_files are the resolved paths of the files on disk
    resolved = {name: _on_disk(name) for name in m["file"].astype(str).unique()}
    is_new = m["file"].astype(str).map(resolved).isin(new_files).to_numpy()
    m = m.assign(is_new=is_new)
    has_old = m.groupby("record")["is_new"].transform(lambda s: (~s).any())
    matches = combined.report.matches
    merged = matches[matches["decision"] == "merged"]
    rule_of: dict[tuple, str] = {}
    for side in ("a", "b"):
        for row in merged.itertuples(index=False):
            key = (getattr(row, f"id_{side}"), str(getattr(row, f"file_{side}")), getattr(row, f"line_{side}"))
            rule_of.setdefault(key, row.rule)
    cols = ["id", "db", "file", "line", "title"]
    away = m["merged_away"].astype(bool)
    # one row per record the corpus gains; a new record found twice in the new exports counts once, the
    # second copy is "already there" (matched to the first)
    new = m[m["is_new"] & ~has_old & ~away][cols].reset_index(drop=True)
    there = m[m["is_new"] & (has_old | away)].copy()
    existing_id = m[~m["is_new"]].groupby("record")["id"].first()
    kept_id = m[~away].groupby("record")["id"].first()
    there["existing_id"] = there["record"].map(existing_id).fillna(there["record"].map(kept_id))
    there["rule"] = [rule_of.get((r.id, str(r.file), r.line), "identical") for r in there.itertuples(index=False)]
    already = there[cols + ["existing_id", "rule"]].reset_index(drop=True)
    # existing records whose merged form differs from what they were
    df = old.df
    position = {
        (str(u), str(f), int(ln) if pd.notna(ln) else None): i
        for i, (u, f, ln) in enumerate(zip(df["UT"], df["source_file"], df["source_line"]))
    }
    updates = []
    for record, group in m.groupby("record"):
        if not group["is_new"].any() or group["is_new"].all():
            continue
        member = group[~group["is_new"]].iloc[0]
        line = int(member["line"]) if pd.notna(member["line"]) else None
        i = position.get((str(member["id"]), str(member["file"]), line))
        if i is None:
            continue
        before, after = df.iloc[i], combined.df.iloc[int(record)]
        for col in UPDATE_COLUMNS:
            a, b = _shown(before[col], col), _shown(after[col], col)
            if a != b:
                updates.append({"id": str(member["id"]), "title": member["title"], "column": col, "old": a, "new": b})
    updated = pd.DataFrame(updates, columns=["id", "title", "column", "old", "new"])
    return new, already, updated


def _shown(value, col: str) -> str:
    """A cell as text for comparison (reference lists as their count: the reader wants 35 → 38)."""
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return ""
    if col == "CR" and hasattr(value, "__len__") and not isinstance(value, str):
        return f"{len(value)} references"
    if hasattr(value, "__len__") and not isinstance(value, str):
        # each value once: merging drops a keyword an export repeats, which is no update
        return "; ".join(dict.fromkeys(str(v) for v in value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _describe_rows(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"id": df["UT"], "db": df["DB"], "file": df["source_file"], "line": df["source_line"], "title": df["TI"]}
    ).reset_index(drop=True)


def _empty_already() -> pd.DataFrame:
    return pd.DataFrame(columns=["id", "db", "file", "line", "title", "existing_id", "rule"])


def _empty_updated() -> pd.DataFrame:
    return pd.DataFrame(columns=["id", "title", "column", "old", "new"])


def _years(first: int | None, last: int | None) -> str:
    if first is not None and last is not None:
        return f"{first}–{last}"
    if last is not None:
        return f"up to {last}"
    return f"from {first}" if first is not None else ""


def _on_disk(name: str) -> str:
    """The resolved path of the file on disk a record's ``source_file`` names (``a.zip!member``: the archive)."""
    head = name.partition("!")[0]
    try:
        return str(Path(head).resolve())
    except (OSError, RuntimeError):
        return head


def _files(paths) -> list[Path]:
    from .manifest import export_files

    return [f.path for f in export_files(list(paths), Path("/"))]


def _rel(p: Path, folder: Path) -> str:
    return Path(os.path.relpath(p, folder)).as_posix() + ("/" if p.is_dir() else "")


def _exports_span(text: str, path: Path) -> tuple[int, int]:
    """Character span of the value of ``exports`` in ``[corpus]`` (brackets included)."""
    header = re.search(r"^\s*\[\s*corpus\s*\]", text, flags=re.M)
    if header is None:
        raise LitkitError("the review file has no [corpus] table", path=path, expected="[corpus] with exports")
    key = re.compile(r"^\s*exports\s*=\s*", flags=re.M).search(text, header.end())
    if key is None:
        raise LitkitError("[corpus] has no key 'exports'", path=path, expected="exports = [files, folders or globs]")
    start = key.end()
    if text[start] != "[":
        match = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'").match(text, start)
        if match is None:
            raise LitkitError("[corpus] key 'exports' is not a list or a string", path=path)
        return start, match.end()
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        if ch in "\"'":
            match = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"" if ch == '"' else r"'[^'\n]*'").match(text, i)
            i = match.end() if match else i + 1
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return start, i + 1
        i += 1
    raise LitkitError("[corpus] key 'exports': the list is not closed", path=path, expected="a closing ]")


def _code(segment: str) -> str:
    """``segment`` without comments (strings with '#' inside are rare in export lists; kept whole)."""
    out, i = [], 0
    while i < len(segment):
        ch = segment[i]
        if ch in "\"'":
            j = segment.find(ch, i + 1)
            j = len(segment) - 1 if j < 0 else j
            out.append(segment[i : j + 1])
            i = j + 1
            continue
        if ch == "#":
            j = segment.find("\n", i)
            i = len(segment) if j < 0 else j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _ends_with_comma(inner: str) -> bool:
    code = _code(inner).strip()
    return not code or code.endswith(",")


def _add_comma(before: str, inner_start: int) -> str:
    """Put a comma after the last value of the list (before any comment on its line)."""
    code = _code(before[inner_start:])
    last_value = len(code.rstrip())
    # find the same position in ``before``: walk both strings skipping comments
    i = j = 0
    seg = before[inner_start:]
    while i < len(seg) and j < last_value:
        if seg[i] == "#":
            k = seg.find("\n", i)
            i = len(seg) if k < 0 else k
            continue
        if seg[i] in "\"'":
            k = seg.find(seg[i], i + 1)
            k = len(seg) - 1 if k < 0 else k
            j += k + 1 - i
            i = k + 1
            continue
        i += 1
        j += 1
    return before[: inner_start + i] + "," + before[inner_start + i :]
