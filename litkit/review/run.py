"""Replay a review: ingest (and merge) the exports, run every analysis that changed, write the report.

``litkit run review.toml -o results/`` and :func:`run_review` write

* ``results/<name>/`` for each ``[[analysis]]`` (the files and ``params.json`` of :func:`litkit.runs.run`,
  the same run layer the commands and ``litkit demo`` call);
* ``results/corpus.parquet`` (the corpus the analyses read) and ``results/manifest.json``
  (:mod:`litkit.review.manifest`);
* ``results/ingest_problems.csv``: every problem the readers reported in the exports (file relative to the
  review file, line, record, action, reason), counted in the manifest and in the run's message;
* ``results/report.html``, the offline report of every analysis (:mod:`litkit.html_report`).

A second run with nothing changed recomputes nothing and rewrites nothing; changing one analysis'
parameters reruns that analysis only (:mod:`litkit.review.cache` says what "changed" means).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LitkitError
from . import cache
from .file import Review, load_review, located_error, select_years
from .manifest import MANIFEST, corpus_rows, export_files, read_manifest, write_manifest

__all__ = ["CORPUS_FILE", "PROBLEMS_FILE", "REPORT_FILE", "ReviewRun", "build_corpus", "run_review"]

#: The corpus the analyses of a results folder read.
CORPUS_FILE = "corpus.parquet"
#: The offline report of a results folder.
REPORT_FILE = "report.html"
#: Every problem the readers reported in the exports (a record cut short, a stray line, a skipped record).
PROBLEMS_FILE = "ingest_problems.csv"


@dataclass
class ReviewRun:
    """What :func:`run_review` did.

    Attributes
    ----------
    output : Path
    ran : list of str
        Analyses computed by this run.
    reused : list of str
        Analyses up to date, not recomputed.
    removed : list of str
        Folders of analyses no longer in the review, removed.
    corpus_built : bool
        The exports were read (and merged) again.
    records : int
        Records of the corpus.
    years : str
        The years the review keeps, when it sets first_year / last_year (``"up to 2019"``), else "".
    report_written : bool
        report.html was written (whenever anything changed, or the review's title did).
    ingest : dict
        When the corpus was built: ``records_in_files``, ``records_read``, ``records_skipped`` and
        ``problems`` of the ingest report (the problems are listed in ``ingest_problems.csv``).
    """

    output: Path
    ran: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    corpus_built: bool = False
    records: int = 0
    years: str = ""
    ingest: dict = field(default_factory=dict)
    report_written: bool = False

    @property
    def changed(self) -> bool:
        """Whether this run wrote anything."""
        return bool(self.ran or self.removed or self.corpus_built)

    def message(self) -> str:
        """One paragraph for the command line."""
        if not self.changed and self.report_written:
            return (
                f"nothing recomputed: {len(self.reused)} analyses up to date in {self.output}; "
                f"wrote {self.output / REPORT_FILE}"
            )
        if not self.changed:
            return f"nothing changed: {len(self.reused)} analyses up to date in {self.output}, nothing recomputed"
        lines = []
        if self.corpus_built:
            if self.years:  # "600 read" when 798 are in the files would look like records lost
                lines.append(f"corpus: {self.records} records kept from the exports (published {self.years})")
            else:
                lines.append(f"corpus: {self.records} records read from the exports")
            if self.ingest:
                lines.append(_ingest_text(self.ingest, self.output))
        if self.ran:
            lines.append(f"ran {len(self.ran)}: " + ", ".join(self.ran))
        if self.reused:
            lines.append(f"up to date {len(self.reused)}: " + ", ".join(self.reused))
        if self.removed:
            lines.append("removed (no longer in the review): " + ", ".join(self.removed))
        lines.append(f"wrote {self.output / REPORT_FILE}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        return "<div class='litkit-review-run'><p>" + html.escape(self.message()).replace("\n", "<br>") + "</p></div>"


def run_review(
    review: str | Path | Review, output: str | Path, *, force: bool = False, progress: bool | None = None
) -> ReviewRun:
    """Run every analysis of a review file into ``output``, recomputing only what changed.

    Parameters
    ----------
    review : str, Path or Review
        The review file (``review.toml``) or a loaded :class:`~litkit.review.Review`.
    output : str or Path
        The results folder.  A folder that exists, is not empty and was not written by ``litkit run``
        (no ``manifest.json``) is refused.
    force : bool, default False
        Recompute everything (the corpus and every analysis).
    progress : bool, optional
        Show a progress bar (tqdm: a widget in Jupyter, ``progress=True``) naming the analysis running; by
        default shown on a terminal only (a widget would make a saved notebook fetch its script online).  The
        outputs are the same either way.

    Returns
    -------
    ReviewRun
        Which analyses ran and which were up to date.

    Examples
    --------
    >>> done = run_review("review.toml", "results/")     # doctest: +SKIP
    >>> run_review("review.toml", "results/").message()  # doctest: +SKIP
    'nothing changed: 5 analyses up to date in results, nothing recomputed'
    """
    from .. import __version__

    review = review if isinstance(review, Review) else load_review(review)
    output = Path(output)
    old = read_manifest(output)
    if output.exists() and not output.is_dir():
        raise LitkitError("output is a file, not a folder", path=output, expected="a results folder")
    if old is None and output.is_dir() and any(output.iterdir()) and not force:
        raise LitkitError(
            "folder is not empty and holds no results of `litkit run` (no manifest.json)",
            path=output,
            expected="a new or empty folder, or a results folder (or --force)",
        )
    if force:
        old = None
    files = export_files(review.export_paths(), review.folder)
    ckey = cache.corpus_key(files, review)
    pkey = cache.policy_key(review)
    done = ReviewRun(output=output)
    plans = []
    for entry in review.analyses:
        params, hashes = cache.resolve_params(entry, review)
        key = cache.analysis_key(entry, params, hashes, ckey, pkey, review.formats)
        previous = (old or {}).get("analyses", {}).get(entry.name, {})
        up_to_date = previous.get("key") == key and (output / entry.name).is_dir()
        plans.append((entry, params, key, up_to_date, hashes))
    dropped = sorted(set((old or {}).get("analyses", {})) - {e.name for e in review.analyses})
    corpus_ok = old is not None and old.get("corpus_key") == ckey and (output / CORPUS_FILE).is_file()
    # the report's title is the review's: a new title rewrites report.html (and nothing else)
    report_ok = (output / REPORT_FILE).is_file() and (old or {}).get("title", review.title) == review.title
    if corpus_ok and all(p[3] for p in plans) and not dropped and report_ok:
        done.reused = [p[0].name for p in plans]
        done.records = int(old.get("records", 0))
        return done

    _check_owned([p for p in plans if not p[3]], output)
    output.mkdir(parents=True, exist_ok=True)
    # The report shows the folder as it was: gone until this run writes the new one, so a run interrupted
    # half-way leaves no page mixing old and new results (the next run writes it).
    (output / REPORT_FILE).unlink(missing_ok=True)
    corpus = None
    if corpus_ok:
        manifest = dict(old)
    else:
        corpus = build_corpus(review)
        if old is not None:  # from here on the folder's results are stale, whatever happens next
            write_manifest(output, dict(old, corpus_key=None, analyses={}))
        corpus.to_parquet(output / CORPUS_FILE, overwrite=True)
        done.ingest = _write_problems(corpus, output, review)
        done.corpus_built = True
        done.years = _years_text(review.first_year, review.last_year)
        manifest = {
            "litkit_version": __version__,
            "review": review.path.name,
            "exports": corpus_rows(files, corpus),
            "merge": review.merge,
            "first_year": review.first_year,
            "last_year": review.last_year,
            "records": len(corpus),
            "ingest": done.ingest,
            "years": _years(corpus),
            "corpus_key": ckey,
            "analyses": {},
        }
    manifest["policy"] = _policy_rows(review)
    manifest["policy_key"] = pkey
    manifest["title"] = review.title
    done.records = int(manifest["records"])
    # The manifest lists an analysis only while its folder holds what its key says: written before the
    # first run (without the analyses about to run) and after each one, so an interrupted run never leaves
    # a folder that a later run would take as up to date.
    # An analysis whose key is unchanged is up to date even when the corpus was rebuilt: its key holds the
    # corpus key when it reads the corpus (a policy timeline does not, and stays as it was).
    analyses = {e.name: old["analyses"][e.name] for e, _, _, ok, _ in plans if ok}
    manifest["analyses"] = analyses
    write_manifest(output, manifest)
    docs = None
    bar = _progress_bar(progress, sum(1 for p in plans if not p[3]))
    for entry, params, key, up_to_date, hashes in plans:
        if up_to_date:
            done.reused.append(entry.name)
            continue
        if bar is not None:
            bar.set_postfix_str(entry.name)
        if corpus is None:
            from ..corpus import Corpus

            corpus = Corpus.read_parquet(output / CORPUS_FILE)
        if docs is None and entry.kind in ("policy_timeline", "policy_overlay"):
            docs = _policy(review)
        data = _data(entry, corpus, docs)
        _run_one(entry, data, params, output, review)
        done.ran.append(entry.name)
        analyses[entry.name] = {"kind": entry.kind, "key": key, "parameters": entry.params}
        if hashes:  # the content of the files parameters name (a thesaurus): litkit diff says when one changed
            analyses[entry.name]["files"] = hashes
        write_manifest(output, manifest)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    for name in dropped:
        if (output / name).is_dir():
            shutil.rmtree(output / name)
        done.removed.append(name)
    # the review's order, whatever ran when
    manifest["analyses"] = {e.name: analyses[e.name] for e, *_ in plans}
    write_manifest(output, manifest)
    from ..html_report import write_report

    write_report(output, output / REPORT_FILE, title=review.title, overwrite=True)
    done.report_written = True
    return done


def build_corpus(review: Review):
    """The review's corpus: its exports read (in a fixed order), the years selected, merged if asked.

    Examples
    --------
    >>> corpus = build_corpus(load_review("review.toml"))   # doctest: +SKIP
    """
    import litkit

    corpus = litkit.read([str(p) for p in review.export_paths()], progress=False)
    corpus = select_years(corpus, review.first_year, review.last_year)
    if review.merge:
        corpus = litkit.merge(corpus)
    return corpus


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _run_one(entry, data, params: dict, output: Path, review: Review) -> None:
    """Run into a hidden folder, then swap it in: a failed run leaves the previous results as they were."""
    from .. import runs

    staging = output / f".{entry.name}.running"
    shutil.rmtree(staging, ignore_errors=True)
    inputs = {"corpus": CORPUS_FILE, "review": review.path.name}
    if entry.kind == "policy_timeline":  # policy documents only
        del inputs["corpus"]
    if entry.kind in ("policy_timeline", "policy_overlay"):
        inputs["policy"] = [row["name"] for row in _policy_rows(review)]
    if entry.databases:
        inputs["databases"] = list(entry.databases)
    try:
        runs.run(entry.kind, data, staging, params, formats=review.formats, overwrite=True, inputs=inputs)
    except LitkitError as exc:  # a bad value (s = 0.5) is a mistake in the review file: say where
        shutil.rmtree(staging, ignore_errors=True)
        raise located_error(review, entry, exc) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _portable_params(staging / runs.PARAMS_FILE, review.folder)
    target = output / entry.name
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)


def _portable_params(path: Path, folder: Path) -> None:
    """Write the paths a review's params.json records inside the review's folder relative to it (a thesaurus
    is read from its absolute path, but ``"thesaurus.txt"`` is what the review says, and two copies of one
    review in two places then write the same params.json)."""
    import json
    import os

    from .._atomic import write_text

    if not path.is_file():
        return
    prefix = str(folder) + os.sep

    def portable(value):
        if isinstance(value, str) and (value == str(folder) or value.startswith(prefix)):
            return Path(os.path.relpath(value, folder)).as_posix()
        if isinstance(value, list):
            return [portable(v) for v in value]
        if isinstance(value, dict):
            return {k: portable(v) for k, v in value.items()}
        return value

    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    fixed = {k: (v if k == "inputs" else portable(v)) for k, v in data.items()}
    if fixed != data:
        new = json.dumps(fixed, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_text(path, new, overwrite=True)


def _check_owned(plans, output: Path) -> None:
    """Refuse, before anything is written, to replace a folder of ``output`` that litkit did not write (no
    params.json): an entry named like the user's own folder would otherwise remove it with everything in it."""
    from .. import runs

    for entry, *_ in plans:
        target = output / entry.name
        if target.exists() and not (target / runs.PARAMS_FILE).is_file():
            raise LitkitError(
                f"{target.name!r} holds files litkit did not write (no params.json), and analysis "
                f"{entry.name!r} would replace it",
                path=target,
                expected="another name for the entry, or the folder moved out of the results folder",
            )


def _progress_bar(progress: bool | None, total: int):
    """A tqdm bar over the analyses to run, or None (by default: on a terminal)."""
    import sys

    if progress is None:
        progress = bool(getattr(sys.stderr, "isatty", lambda: False)())
    if not progress or total == 0:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="analyses", unit="analysis")


def _write_problems(corpus, output: Path, review: Review) -> dict:
    """Write ``ingest_problems.csv`` (file names relative to the review file) and return the ingest counts."""
    import os

    from .._atomic import write_csv

    report = corpus.report if getattr(corpus.report, "ingest", None) is None else corpus.report.ingest
    problems = report.problems_table().copy()
    folder = str(review.folder)
    problems["file"] = [
        Path(os.path.relpath(f, folder)).as_posix() if os.path.isabs(str(f)) else str(f) for f in problems["file"]
    ]
    write_csv(problems, output / PROBLEMS_FILE, overwrite=True)
    return {
        "records_in_files": int(report.records_in_files),
        "records_read": int(report.records_read),
        "records_skipped": int(report.records_skipped),
        "problems": int(len(problems)),
    }


def _ingest_text(ingest: dict, output: Path) -> str:
    text = (
        f"exports: {ingest['records_read']} of {ingest['records_in_files']} records read, "
        f"{ingest['records_skipped']} skipped, {ingest['problems']} problem(s) reported"
    )
    if ingest["problems"] or ingest["records_skipped"]:
        text += f" (listed in {output / PROBLEMS_FILE})"
    return text


def _years_text(first: int | None, last: int | None) -> str:
    if first is not None and last is not None:
        return f"{first}–{last}"
    if last is not None:
        return f"up to {last}"
    return f"from {first}" if first is not None else ""


def _data(entry, corpus, docs):
    if entry.kind == "policy_timeline":
        return docs
    if entry.databases:
        from ..corpus import Corpus

        wanted = set(entry.databases)
        # A merged record found in several databases lists them all ("WoS;CNKI"): any of them counts.
        keep = corpus.df["DB"].map(lambda v: bool(wanted & set(str(v).split(";"))))
        corpus = Corpus(corpus.df[keep.to_numpy()].reset_index(drop=True), report=corpus.report)
    if entry.kind == "policy_overlay":
        return (corpus, docs)
    return corpus


def _policy(review: Review):
    import litkit.policy as lp

    if review.policy["documents"]:
        source = review.policy.get("source", "auto")
        return lp.read([str(p) for p in review.policy["documents"]], metadata=review.policy["metadata"], source=source)
    return lp.from_metadata(review.policy["metadata"])


def _policy_rows(review: Review) -> list[dict]:
    if not review.policy:
        return []
    files = export_files(_policy_paths(review), review.folder)
    return [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in files]


def _policy_paths(review: Review) -> list:
    """The policy table (when given) and the documents' files and folders."""
    return [p for p in (review.policy["metadata"], *review.policy["documents"]) if p is not None]


def _years(corpus) -> dict[str, int]:
    counts = corpus.df["PY"].dropna().astype(int).value_counts().sort_index()
    return {str(int(y)): int(n) for y, n in counts.items()}


__all__ += ["MANIFEST"]
