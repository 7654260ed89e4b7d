"""The main job: every analysis of a review, from export files to figures and tables.

:func:`run_demo` is what ``make demo`` / ``litkit demo`` run on the embedded
demo corpus.  Each step calls the public API; nothing here computes anything
itself, so a scholar can replay any step in a notebook.
"""
from __future__ import annotations

from pathlib import Path

from . import _atomic
from .runinfo import write_params


def find_corpora(corpora: str | Path | None = None) -> Path:
    """The project's ``corpora/`` folder (the demo data lives in the repository, not the package)."""
    from .errors import LitkitError

    candidates = [Path(corpora)] if corpora else [Path.cwd() / "corpora",
                                                  Path(__file__).resolve().parents[1] / "corpora"]
    for c in candidates:
        if (c / "demo").is_dir():
            return c
    raise LitkitError("cannot find the demo corpus", path=candidates[0],
                      expected="a corpora/ folder with demo/ inside (run from the litkit checkout)")


def run_demo(out: str | Path = "figures", corpora: str | Path | None = None) -> list[Path]:
    """Run the demo pipeline; return the files written."""
    import litkit
    from .commands.ingest import ingest_summary

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    corpora = find_corpora(corpora)
    written: list[Path] = []
    params: dict = {"corpora": "corpora/demo"}

    corpus = litkit.read(sorted(p for p in (corpora / "demo").iterdir()
                                if p.is_dir() and not p.name.startswith((".", "_"))), progress=False)
    written.append(_atomic.write_text(out / "ingest_summary.txt", _relative(ingest_summary(corpus), corpora)))
    files = corpus.report.files_table()
    files["file"] = [_relative(f, corpora) for f in files["file"]]
    written.append(_atomic.write_csv(files, out / "ingest_files.csv"))
    written.append(write_params(out, params))
    return written


def _relative(text: str, corpora: Path) -> str:
    """Paths in outputs relative to the checkout, so outputs do not depend on where it lives."""
    return text.replace(str(corpora.parent) + "/", "")
