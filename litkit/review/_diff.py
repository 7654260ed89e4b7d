"""What changed between two results folders of a review (``litkit diff OLD NEW``, :func:`litkit.diff`).

For the corpus (from the two ``manifest.json``): export files added, removed or changed, records and
publication years added.  For each analysis present in both folders (same name, same kind):

* ``cooccurrence`` (and the other networks: ``cocitation``, ``coupling``, ``collab``, ``citations``):
  items that entered or left the top ``top`` (by occurrences, or the node size), and cluster membership
  changes: the adjusted Rand index between the two clusterings over the items in both (in
  :attr:`ReviewDiff.stats`) and the items that moved (whose new cluster is mostly made of another old
  cluster than theirs);
* ``bursts``: bursts that appeared, disappeared, ended (ran to the last year before, stop earlier now)
  or changed strength, begin or end;
* ``policy_timeline``: new (and removed) policy documents;
* ``production``: years added and records per year changed; ``summary``: main information changed;
* any other analysis: the tables whose number of rows changed;
* every analysis: the parameters the review file sets differently (defaults filled in), first, so a
  change of the results can be told from a change of the corpus.

Every table has the columns ``change``, ``item``, ``old``, ``new``, ``detail`` (one row per change, so
two identical runs give empty tables).  :meth:`ReviewDiff.write` writes one CSV per analysis and one
offline HTML page (text escaped, figures embedded) with the before/after figures side by side.
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import LitkitError
from .manifest import read_manifest

__all__ = ["COLUMNS", "ReviewDiff", "adjusted_rand_index", "diff"]

#: Columns of every diff table.
COLUMNS = ["change", "item", "old", "new", "detail"]
_NETWORKS = {"cooccurrence", "cocitation", "coupling", "collab", "citations"}
#: The node column that ranks the "top N" of each network (then the first of the others found).
_SIZES = {
    "cooccurrence": ("occurrences",),
    "cocitation": ("citations",),
    "collab": ("documents",),
    "citations": ("lcs",),
}


@dataclass
class ReviewDiff:
    """The changes between two results folders.

    Attributes
    ----------
    old, new : Path
    tables : dict of str to DataFrame
        ``"corpus"`` and one table per analysis present in both (columns :data:`COLUMNS`).
    stats : dict of str to dict
        Numbers per analysis: ``adjusted_rand_index`` and ``shared`` items for clusterings.
    only_old, only_new : list of str
        Analyses in one folder only.
    """

    old: Path
    new: Path
    tables: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)
    only_old: list = field(default_factory=list)
    only_new: list = field(default_factory=list)
    kinds: dict = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when nothing changed (identical runs)."""
        return not self.only_old and not self.only_new and all(len(t) == 0 for t in self.tables.values())

    def summary(self) -> str:
        """One line per analysis with changes."""
        lines = []
        for name, table in self.tables.items():
            if len(table):
                counts = table["change"].value_counts()
                lines.append(f"{name}: " + ", ".join(_count_text(table, c, counts[c]) for c in sorted(counts.index)))
            ari = self.stats.get(name, {}).get("adjusted_rand_index")
            if ari is not None and ari < 1:
                lines.append(f"{name}: adjusted Rand index of the clusterings {ari:.3f}")
        for name in self.only_old:
            lines.append(f"{name}: only in {self.old}")
        for name in self.only_new:
            lines.append(f"{name}: only in {self.new}")
        return "\n".join(lines) if lines else "no change"

    def _repr_html_(self) -> str:
        esc = html.escape
        summary = esc(self.summary()).replace("\n", "<br>")
        parts = [f"<p><b>{esc(str(self.old))} → {esc(str(self.new))}</b><br>{summary}</p>"]
        for name, table in self.tables.items():
            if len(table):
                more = (
                    f" (first 10 of {len(table)}; see <code>.tables[{esc(repr(name))}]</code>)"
                    if len(table) > 10
                    else ""
                )
                parts.append(f"<p>{esc(name)}{more}</p>" + table.head(10).to_html(index=False, escape=True, na_rep=""))
        return "<div class='litkit-review-diff'>" + "".join(parts) + "</div>"

    def write(self, folder: str | Path, *, overwrite: bool = False) -> list[Path]:
        """Write ``diff_<analysis>.csv`` per table and ``diff.html`` into ``folder``; return the files."""
        from .._atomic import write_csv, write_text

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = [write_csv(t, folder / f"diff_{name}.csv", overwrite=overwrite) for name, t in self.tables.items()]
        written.append(write_text(folder / "diff.html", self.to_html(), overwrite=overwrite))
        return written

    def to_html(self, max_rows: int = 200) -> str:
        """One offline page: each analysis' changes and its before/after figures side by side."""
        esc = html.escape
        parts = [
            f"<h1>What changed: {esc(str(self.old))} → {esc(str(self.new))}</h1>",
            f"<p>{esc(self.summary())}</p>".replace("\n", "<br>"),
        ]
        for name, table in self.tables.items():
            parts.append(f"<h2 id='{esc(name)}'>{esc(name)}</h2>")
            for key, value in self.stats.get(name, {}).items():
                parts.append(f"<p class='note'>{esc(key)}: {esc(str(value))}</p>")
            if len(table):
                parts.append(table.head(max_rows).to_html(index=False, escape=True, na_rep=""))
                if len(table) > max_rows:
                    parts.append(f"<p class='note'>{len(table) - max_rows} more rows in diff_{esc(name)}.csv</p>")
            else:
                parts.append("<p class='note'>no change</p>")
            if name != "corpus":
                parts.extend(_figures(self.old / name, self.new / name))
        for label, names in (("only before", self.only_old), ("only after", self.only_new)):
            if names:
                parts.append(f"<p>{esc(label)}: {esc(', '.join(names))}</p>")
        css = (
            "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem}"
            "table{border-collapse:collapse;font-size:.82rem}th,td{border:1px solid #ddd;padding:.2rem .4rem}"
            ".pair{display:flex;gap:1rem}.pair figure{flex:1;margin:0}.pair img{max-width:100%}"
            ".note{color:#666;font-size:.85rem}"
        )
        return (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>litkit diff</title>"
            f"<style>{css}</style></head><body>" + "\n".join(parts) + "</body></html>\n"
        )


def diff(old: str | Path, new: str | Path, *, top: int = 20) -> ReviewDiff:
    """What changed between two results folders of ``litkit run``.

    Parameters
    ----------
    old, new : str or Path
        Results folders (each with ``manifest.json``).
    top : int, default 20
        Size of the "top N" lists (keywords, nodes) whose entries and exits are reported.

    Returns
    -------
    ReviewDiff
        Tables per analysis, numbers (adjusted Rand index), figures side by side in :meth:`ReviewDiff.write`.

    Examples
    --------
    >>> d = litkit.diff("results_2019/", "results/")        # doctest: +SKIP
    >>> d.tables["bursts_keyword"]                            # doctest: +SKIP
    >>> d.write("diff/")                                      # doctest: +SKIP
    """
    old, new = Path(old), Path(new)
    m_old, m_new = read_manifest(old), read_manifest(new)
    for folder, m in ((old, m_old), (new, m_new)):
        if m is None:
            raise LitkitError("no manifest.json", path=folder, expected="a results folder written by `litkit run`")
    result = ReviewDiff(old=old, new=new)
    result.tables["corpus"] = _corpus(m_old, m_new)
    a_old, a_new = m_old.get("analyses", {}), m_new.get("analyses", {})
    for name in sorted(set(a_old) | set(a_new)):
        kind_old, kind_new = a_old.get(name, {}).get("kind"), a_new.get(name, {}).get("kind")
        if kind_old is None or kind_new is None or kind_old != kind_new:
            if kind_old is not None:
                result.only_old.append(name)
            if kind_new is not None:
                result.only_new.append(name)
            continue
        stats: dict = {}
        table = _parameters(kind_new, a_old[name], a_new[name]) + _analysis(
            kind_new, old / name, new / name, top, stats
        )
        result.tables[name] = _frame(table)
        result.kinds[name] = kind_new
        if stats:
            result.stats[name] = stats
    return result


def adjusted_rand_index(a, b) -> float:
    """Adjusted Rand index of two labelings of the same items (1 = the same partition).

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> round(adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]), 3)
    -0.5
    """
    from math import comb

    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError("labelings of different lengths")
    n = len(a)
    if n < 2:
        return 1.0
    table = pd.crosstab(pd.Series(a, dtype=object), pd.Series(b, dtype=object))
    index = sum(comb(int(v), 2) for v in table.to_numpy().ravel())
    rows = sum(comb(int(v), 2) for v in table.sum(axis=1))
    cols = sum(comb(int(v), 2) for v in table.sum(axis=0))
    expected = rows * cols / comb(n, 2)
    maximum = (rows + cols) / 2
    if maximum == expected:  # both partitions trivial (all singletons or one cluster): identical
        return 1.0
    return float((index - expected) / (maximum - expected))


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(change, item, old="", new="", detail="") -> dict:
    return {"change": change, "item": item, "old": old, "new": new, "detail": detail}


def _corpus(m_old: dict, m_new: dict) -> pd.DataFrame:
    rows = []
    e_old = {e["name"]: e for e in m_old.get("exports", [])}
    e_new = {e["name"]: e for e in m_new.get("exports", [])}
    for name in sorted(set(e_old) | set(e_new)):
        a, b = e_old.get(name), e_new.get(name)
        if a is None:
            rows.append(_row("export added", name, "", b["records"], b.get("format") or ""))
        elif b is None:
            rows.append(_row("export removed", name, a["records"], "", a.get("format") or ""))
        elif a["sha256"] != b["sha256"]:
            rows.append(_row("export changed", name, a["records"], b["records"], "content differs"))
    if m_old.get("records") != m_new.get("records"):
        rows.append(_row("records", "corpus", m_old.get("records"), m_new.get("records")))
    y_old, y_new = m_old.get("years", {}), m_new.get("years", {})
    for year in sorted(set(y_old) | set(y_new), key=int):
        a, b = y_old.get(year), y_new.get(year)
        if a is None:
            rows.append(_row("year added", year, "", b))
        elif b is None:
            rows.append(_row("year removed", year, a, ""))
        elif a != b:
            rows.append(_row("records of the year changed", year, a, b))
    p_old = {p["name"]: p["sha256"] for p in m_old.get("policy", [])}
    p_new = {p["name"]: p["sha256"] for p in m_new.get("policy", [])}
    for name in sorted(set(p_old) | set(p_new)):
        if p_old.get(name) != p_new.get(name):
            change = "added" if name not in p_old else "removed" if name not in p_new else "changed"
            rows.append(_row("policy file " + change, name))
    return _frame(rows)


def _analysis(kind: str, old: Path, new: Path, top: int, stats: dict) -> list[dict]:
    if kind == "bursts":
        return _bursts(old, new)
    if kind in _NETWORKS:
        return _network(kind, old, new, top, stats)
    if kind == "policy_timeline":
        return _policy(old, new)
    if kind == "production":
        return _production(old, new)
    if kind == "summary":
        return _summary(old, new)
    return _tables(old, new)


def _read(path: Path) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()


def _params(folder: Path) -> dict:
    path = folder / "params.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("parameters", {})


def _bursts(old: Path, new: Path) -> list[dict]:
    rows = []
    t_old = _first_csv(old, "bursts_")
    t_new = _first_csv(new, "bursts_")
    if t_old is None or t_new is None:
        return _tables(old, new)
    item = [c for c in t_new.columns if c not in ("rank", "year", "strength", "begin", "end")][0]
    last_old = (_params(old).get("period") or [None, None])[1]
    last_new = (_params(new).get("period") or [None, None])[1]
    a = {r[item]: r for r in t_old.to_dict("records")} if len(t_old) else {}
    b = {r[item]: r for r in t_new.to_dict("records")} if len(t_new) else {}

    def span(r):
        return f"{r['begin']}–{r['end']} ({r['strength']})"

    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x is None:
            rows.append(_row("burst appeared", key, "", span(y)))
        elif y is None:
            rows.append(_row("burst disappeared", key, span(x), ""))
        elif (x["begin"], x["end"], x["strength"]) != (y["begin"], y["end"], y["strength"]):
            ended = (
                last_old is not None
                and last_new is not None
                and int(x["end"]) == int(last_old)
                and int(y["end"]) < int(last_new)
            )
            if ended:
                change = "burst ended"
            elif x["begin"] != y["begin"] or x["end"] != y["end"]:
                change = "burst span changed"
            else:
                change = "burst strength changed"
            detail = f"strength {float(y['strength']) - float(x['strength']):+.2f}"
            rows.append(_row(change, key, span(x), span(y), detail))
    return rows


def _first_csv(folder: Path, prefix: str) -> pd.DataFrame | None:
    files = sorted(p for p in folder.glob(f"{prefix}*.csv"))
    return _read(files[0]) if files else None


def _network(kind: str, old: Path, new: Path, top: int, stats: dict) -> list[dict]:
    name = "keywords.csv" if kind == "cooccurrence" else "nodes.csv"
    t_old, t_new = _read(old / name), _read(new / name)
    if t_old is None or t_new is None:
        return _tables(old, new)
    label = "keyword" if "keyword" in t_new.columns else ("label" if "label" in t_new.columns else t_new.columns[0])
    key = label if kind == "cooccurrence" or "key" not in t_new.columns else "key"
    sizes = _SIZES.get(kind, ()) + ("occurrences", "citations", "documents", "lcs", "weight")
    size = next((c for c in sizes if c in t_new.columns and c in t_old.columns), None)
    rows = []
    if size is not None:
        top_old, top_new = _top(t_old, key, size, top), _top(t_new, key, size, top)
        labels = dict(zip(t_old[key], t_old[label])) | dict(zip(t_new[key], t_new[label]))
        counts_old, counts_new = dict(zip(t_old[key], t_old[size])), dict(zip(t_new[key], t_new[size]))
        for k in sorted(set(top_new) - set(top_old)):
            rows.append(_row(f"entered the top {top}", labels[k], counts_old.get(k, ""), counts_new[k], size))
        for k in sorted(set(top_old) - set(top_new)):
            rows.append(_row(f"left the top {top}", labels[k], counts_old[k], counts_new.get(k, ""), size))
    if "cluster" in t_old.columns and "cluster" in t_new.columns:
        c_old = {k: c for k, c in zip(t_old[key], t_old["cluster"]) if c != ""}
        c_new = {k: c for k, c in zip(t_new[key], t_new["cluster"]) if c != ""}
        shared = sorted(set(c_old) & set(c_new))
        stats["shared"] = len(shared)
        stats["adjusted_rand_index"] = round(
            adjusted_rand_index([c_old[k] for k in shared], [c_new[k] for k in shared]), 6
        )
        labels = dict(zip(t_new[key], t_new[label]))
        for k, was, now, heir in _moved(shared, c_old, c_new):
            # cluster numbers are not comparable across runs: say which old cluster the new one continues
            detail = f"cluster {now} now continues old cluster {heir}"
            rows.append(_row("moved to another cluster", labels.get(k, k), was, now, detail))
    return rows


def _top(table: pd.DataFrame, key: str, size: str, n: int) -> list:
    values = pd.to_numeric(table[size], errors="coerce").fillna(0)
    order = sorted(range(len(table)), key=lambda i: (-values.iloc[i], str(table[key].iloc[i])))
    return [table[key].iloc[i] for i in order[:n]]


def _moved(shared: list, c_old: dict, c_new: dict) -> list[tuple]:
    """Items whose new cluster is mostly another old cluster than theirs: (item, old, new, continued old)."""
    counts = pd.crosstab(
        pd.Series([c_new[k] for k in shared], dtype=object), pd.Series([c_old[k] for k in shared], dtype=object)
    )
    # each new cluster is "the continuation" of the old cluster most of its items come from (ties: smallest label)
    heir = {}
    for cluster, row in counts.iterrows():
        best = max(row.items(), key=lambda kv: (kv[1], _neg(kv[0])))
        heir[cluster] = best[0]
    return [(k, c_old[k], c_new[k], heir[c_new[k]]) for k in shared if heir[c_new[k]] != c_old[k]]


def _neg(label):
    try:
        return -float(label)
    except ValueError:
        return 0


def _policy(old: Path, new: Path) -> list[dict]:
    docs_old = sorted(old.glob("*_documents.csv"))
    docs_new = sorted(new.glob("*_documents.csv"))
    if not docs_old or not docs_new:
        return _tables(old, new)
    t_old, t_new = _read(docs_old[0]), _read(docs_new[0])
    key = next((c for c in ("title_zh", "title", "title_en") if c in t_new.columns), t_new.columns[0])
    year = next((c for c in ("year", "date") if c in t_new.columns), None)
    a, b = set(t_old[key]), set(t_new[key])
    when = dict(zip(t_new[key], t_new[year])) if year else {}
    english = dict(zip(t_new[key], t_new["title_en"])) if "title_en" in t_new.columns and key != "title_en" else {}
    rows = [_row("policy document added", k, "", when.get(k, ""), english.get(k, "")) for k in sorted(b - a)]
    rows += [_row("policy document removed", k) for k in sorted(a - b)]
    return rows


def _production(old: Path, new: Path) -> list[dict]:
    t_old, t_new = _read(old / "annual_production.csv"), _read(new / "annual_production.csv")
    if t_old is None or t_new is None:
        return _tables(old, new)
    a, b = dict(zip(t_old["year"], t_old["total"])), dict(zip(t_new["year"], t_new["total"]))
    rows = []
    for year in sorted(set(a) | set(b), key=int):
        if year not in a:
            rows.append(_row("year added", year, "", b[year], "records"))
        elif year not in b:
            rows.append(_row("year removed", year, a[year], "", "records"))
        elif a[year] != b[year]:
            rows.append(_row("records of the year changed", year, a[year], b[year], "records"))
    return rows


def _count_text(table: pd.DataFrame, change: str, count: int) -> str:
    """``burst appeared 18``; the corpus's one ``records`` row as ``records 600 → 880`` (``records 1`` read as one
    record); changed parameters by name (``parameter top 20 → 15``)."""
    if change == "records" and count == 1:
        row = table[table["change"] == "records"].iloc[0]
        return f"records {row['old']} → {row['new']}"
    if change == "parameter changed":
        rows = table[table["change"] == change]
        return ", ".join(f"parameter {r.item} {r.old} → {r.new}" for r in rows.itertuples(index=False))
    return f"{change} {count}"


def _parameters(kind: str, old: dict, new: dict) -> list[dict]:
    """The parameters set differently in the two runs' review files (defaults filled in), so a change in the
    results can be told from a change of the corpus: ``parameter changed``, ``top``, ``20``, ``15``."""
    from .. import runs

    try:
        defaults = runs.parameters(kind)
    except LitkitError:  # an analysis this litkit no longer has: compare what the files set
        defaults = {}
    p_old = {**defaults, **(old.get("parameters") or {})}
    p_new = {**defaults, **(new.get("parameters") or {})}
    rows = []
    for key in sorted(set(p_old) | set(p_new)):
        a, b = _param_text(p_old.get(key)), _param_text(p_new.get(key))
        if a != b:
            rows.append(_row("parameter changed", key, a, b))
        elif (old.get("files") or {}).get(key) != (new.get("files") or {}).get(key):
            rows.append(_row("parameter file changed", key, a, b, "same file name, different content"))
    return rows


def _param_text(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    if isinstance(value, str) and value.lower() == "none":
        return "none"
    return str(value)


def _summary(old: Path, new: Path) -> list[dict]:
    t_old, t_new = _read(old / "main_information.csv"), _read(new / "main_information.csv")
    if t_old is None or t_new is None or len(t_new.columns) < 2:
        return _tables(old, new)
    k, v = t_new.columns[0], t_new.columns[1]
    a, b = dict(zip(t_old[k], t_old[v])), dict(zip(t_new[k], t_new[v]))
    return [_row("main information changed", key, a.get(key, ""), b.get(key, "")) for key in b if a.get(key) != b[key]]


def _tables(old: Path, new: Path) -> list[dict]:
    """Any analysis: the tables whose rows changed (added or removed rows, compared as text)."""
    rows = []
    names = sorted(
        {p.relative_to(old).as_posix() for p in old.rglob("*.csv")}
        | {p.relative_to(new).as_posix() for p in new.rglob("*.csv")}
    )
    for name in names:
        a, b = _read(old / name), _read(new / name)
        if a is None or b is None:
            rows.append(_row("table " + ("added" if a is None else "removed"), name))
            continue
        sa = set(map(tuple, a.astype(str).to_numpy().tolist()))
        sb = set(map(tuple, b.astype(str).to_numpy().tolist()))
        if sa != sb or list(a.columns) != list(b.columns):
            rows.append(
                _row("table changed", name, len(a), len(b), f"{len(sb - sa)} rows new, {len(sa - sb)} rows gone")
            )
    return rows


def _figures(old: Path, new: Path) -> list[str]:
    names = sorted(
        {p.relative_to(new).as_posix() for p in new.rglob("*.png")}
        | {p.relative_to(old).as_posix() for p in old.rglob("*.png")}
        if old.is_dir() and new.is_dir()
        else set()
    )
    parts = []
    for name in names:
        cells = []
        for label, folder in (("before", old), ("after", new)):
            path = folder / name
            if path.is_file():
                data = base64.b64encode(path.read_bytes()).decode("ascii")
                img = f"<img alt='{html.escape(name)} {label}' src='data:image/png;base64,{data}'>"
            else:
                img = "<p class='note'>(no figure)</p>"
            cells.append(f"<figure>{img}<figcaption>{html.escape(label)}: {html.escape(name)}</figcaption></figure>")
        parts.append("<div class='pair'>" + "".join(cells) + "</div>")
    return parts
