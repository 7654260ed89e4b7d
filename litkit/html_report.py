"""One self-contained, offline HTML page with every figure and table of a run.

``litkit report figures/ -o report.html`` gathers the PNG figures and CSV tables a
run wrote (``litkit demo``, ``litkit cooccur`` …) into a single file to send to
co-authors: images are embedded as ``data:`` URIs, tables as HTML, the run's
``params.json`` is shown, and nothing is loaded from the network.  All text
taken from data (table cells, file names, parameters) is HTML-escaped.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

import pandas as pd

from ._atomic import write_text

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans",system-ui,sans-serif;margin:2rem auto;max-width:72rem;
     color:#222;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
figure{margin:1.2rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9rem;color:#555}
table{border-collapse:collapse;font-size:.82rem;margin:.6rem 0}
th,td{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.note{color:#666;font-size:.85rem}pre{background:#f7f7f7;padding:.6rem;overflow:auto}
nav a{margin-right:.8rem}
"""


def build_report(folder: str | Path, title: str = "litkit report", max_rows: int = 60) -> str:
    """Return the HTML of a report on the outputs in ``folder``.

    Parameters
    ----------
    folder : path
        A folder written by a litkit run (PNG figures, CSV tables, ``params.json``).
    title : str
        Page title.
    max_rows : int
        Rows shown per table (the full table stays in its CSV).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "keywords.csv").write_text("keyword,n\\n<script>,2\\n")
    >>> page = build_report(d)
    >>> "&lt;script&gt;" in page and "<script>" not in page
    True
    """
    folder = Path(folder)
    figures = _files(folder, "*.png")
    tables = _files(folder, "*.csv")
    manifest = _manifest(folder)
    parts = [f"<h1>{html.escape(title)}</h1>"]
    parts.append(
        "<nav>"
        + ("<a href='#corpus'>Corpus</a>" if manifest is not None else "")
        + "<a href='#figures'>Figures</a><a href='#tables'>Tables</a><a href='#parameters'>Parameters</a></nav>"
    )
    if manifest is not None:
        parts.extend(_corpus_section(manifest))
    parts.append("<h2 id='figures'>Figures</h2>")
    if not figures:
        parts.append("<p class='note'>No figures in this run.</p>")
    for png in figures:
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        rel = png.relative_to(folder).as_posix()
        parts.append(
            f"<figure><img alt='{html.escape(rel, quote=True)}' src='data:image/png;base64,{data}'>"
            f"<figcaption>{html.escape(_title(png.stem))} — <code>{html.escape(rel)}</code>"
            f"</figcaption></figure>"
        )
    parts.append("<h2 id='tables'>Tables</h2>")
    if not tables:
        parts.append("<p class='note'>No tables in this run.</p>")
    for csv in tables:
        rel = csv.relative_to(folder).as_posix()
        try:
            df = pd.read_csv(csv, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            parts.append(f"<h3>{html.escape(rel)}</h3><p class='note'>not shown: {html.escape(str(exc))}</p>")
            continue
        shown = df.head(max_rows)
        more = (
            (f"<p class='note'>first {max_rows} of {len(df)} rows; full table in <code>{html.escape(rel)}</code></p>")
            if len(df) > max_rows
            else ""
        )
        parts.append(
            f"<h3>{html.escape(_title(csv.stem))} <span class='note'>({html.escape(rel)})</span></h3>"
            + shown.to_html(index=False, escape=True, border=0)
            + more
        )
    parts.append("<h2 id='parameters'>Parameters</h2>")
    # the folder's own params.json, then each analysis folder's (a review's results: one per analysis)
    found = _files(folder, "params.json")
    for params in found:
        text = json.dumps(json.loads(params.read_text(encoding="utf-8")), ensure_ascii=False, indent=2, sort_keys=True)
        if params.parent != folder:
            parts.append(f"<h3>{html.escape(params.relative_to(folder).as_posix())}</h3>")
        parts.append(f"<pre>{html.escape(text)}</pre>")
    if not found:
        parts.append("<p class='note'>This folder has no params.json.</p>")
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "img-src data:; style-src 'unsafe-inline'\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def write_report(folder: str | Path, output: str | Path, title: str = "litkit report", overwrite: bool = False) -> Path:
    """Write :func:`build_report` of ``folder`` to ``output`` (atomic; no clobbering unless asked)."""
    return write_text(output, build_report(folder, title=title), overwrite=overwrite)


def _files(folder: Path, pattern: str) -> list[Path]:
    """Files under ``folder`` matching ``pattern``, the folder's own first, hidden folders (a run in progress:
    ``.name.running``) left out."""
    found = [p for p in folder.rglob(pattern) if not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return sorted(found, key=lambda p: (p.parent != folder, p.relative_to(folder).as_posix()))


def _manifest(folder: Path) -> dict | None:
    """The ``manifest.json`` of a review's results folder (``litkit run``), or None."""
    path = folder / "manifest.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) and "exports" in data else None


def _corpus_section(manifest: dict) -> list[str]:
    """What went into a review's results: the export files with the records read and the problems reported."""
    esc = html.escape
    parts = ["<h2 id='corpus'>Corpus</h2>"]
    ingest = manifest.get("ingest") or {}
    line = f"{manifest.get('records', '')} records"
    if manifest.get("merge"):
        line += " after merging the records found in several databases"
    years = [str(manifest[k]) if manifest.get(k) is not None else "" for k in ("first_year", "last_year")]
    if any(years):
        line += f"; publication years kept: {years[0] or '…'}–{years[1] or '…'}"
    if ingest:
        line += (
            f". The readers read {ingest.get('records_read')} of {ingest.get('records_in_files')} records in the "
            f"export files, skipped {ingest.get('records_skipped')}, and reported {ingest.get('problems')} "
            "problem(s), listed in ingest_problems.csv"
        )
    parts.append(f"<p>{esc(line)}.</p>")
    columns = ["name", "format", "database", "records", "records_skipped", "problems", "sha256"]
    rows = pd.DataFrame(manifest.get("exports") or [])
    if len(rows):
        rows = rows[[c for c in columns if c in rows.columns]]
        parts.append(rows.to_html(index=False, escape=True, border=0, na_rep=""))
    return parts


def _title(stem: str) -> str:
    return stem.replace("_", " ").replace("-", " ").strip().capitalize()
