"""The demo with helper processes (``run_demo(workers=2)``) writes what the demo alone writes, byte for byte.

The runs are a small part of :data:`litkit.pipeline.DEMO_RUNS` (the merge, runs in the output folder
and in subfolders, a Chinese policy timeline whose PDF embeds CJK glyphs): a helper process makes the
runs it is sent (the step travels with its inputs), so the parent's list decides what runs where.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from helpers.paths import ROOT

import litkit
from litkit import pipeline
from litkit.pipeline import DemoRun

SMALL = [
    DemoRun("ingest_summary", "corpus", params={"relative_to": "{checkout}"}, cost=0.1),
    DemoRun("merge", "corpus", keep_as="merged", cost=0.3),
    DemoRun("production", "merged", cost=0.7),
    DemoRun("bursts", "merged", params={"kind": "keyword", "top": 10}, cost=1.3),
    DemoRun("policy_timeline", "table1", params={"name": "policy_table1"}, cost=1.8),
    DemoRun("collab", "wos", "collaboration_countries", {"unit": "country"}, cost=1.9),
]
FORMATS = ("png", "pdf")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_helpers_write_the_same_files_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "DEMO_RUNS", SMALL)
    alone = pipeline.run_demo(tmp_path / "alone", progress=False, formats=FORMATS, workers=1)
    shared = pipeline.run_demo(tmp_path / "shared", progress=False, formats=FORMATS, workers=2)
    a, b = _files(tmp_path / "alone"), _files(tmp_path / "shared")
    assert sorted(a) == sorted(b)
    assert {"collaboration_countries/country_production.png", "policy_table1_timeline.pdf", "params.json"} <= set(a)
    assert [name for name in a if a[name] != b[name]] == []
    # the same files listed, in the order of the runs
    assert [p.relative_to(tmp_path / "alone") for p in alone] == [p.relative_to(tmp_path / "shared") for p in shared]
    # no staging folder left behind
    assert not list((tmp_path / "shared").rglob(".litkit-run-*"))


def test_helper_error_is_raised_here_and_leaves_no_staging(tmp_path, monkeypatch):
    """A run failing in a helper raises its LitkitError in the caller; the other runs' helpers stop."""
    bad = DemoRun("bursts", "corpus", params={"kind": "journals"}, cost=99)  # the longest ready: the helper's first
    monkeypatch.setattr(pipeline, "DEMO_RUNS", [*SMALL, bad])
    with pytest.raises(litkit.LitkitError, match="unknown kind") as raised:
        pipeline.run_demo(tmp_path / "out", progress=False, formats=("png",), workers=2)
    assert any("in a demo helper process" in note for note in raised.value.__notes__)  # it failed there
    assert not list((tmp_path / "out").rglob(".litkit-run-*"))
    assert not (tmp_path / "out" / "params.json").exists()


def test_warnings_of_a_helper_run_reach_the_caller(tmp_path, monkeypatch):
    """What a run warns in a helper is warned again in the caller (the demo's glyph-warning check sees it)."""
    from litkit import runs

    def run_warner(data, out, *, n: int = 1):
        warnings.warn(f"planted warning {n}", UserWarning, stacklevel=1)
        return data

    monkeypatch.setitem(runs.ANALYSES, "warner", runs.Analysis(run_warner, "warns"))
    task = pipeline._Task(tmp_path, ("png",), False, {})
    ok, index, result, caught = pipeline._run_here(3, DemoRun("warner", "corpus", "w", {"n": 7}), task, {"corpus": 1})
    assert ok and index == 3 and result.value is None and result.parameters == {"n": 7}
    assert [(c, m) for c, m, _, _ in caught] == [(UserWarning, "planted warning 7")]


def test_unguarded_script_runs_once(tmp_path):
    """Helpers are fresh ``python -c`` processes: a script calling run_demo at top level (no
    ``if __name__ == "__main__"``) is not run again in them, as multiprocessing's spawn would."""
    marker = tmp_path / "ran.txt"
    script = tmp_path / "make_figures.py"
    script.write_text(
        "from pathlib import Path\n"
        "from litkit import pipeline\n"
        f"with open({str(marker)!r}, 'a') as f:\n"
        "    f.write('ran\\n')\n"
        "pipeline.DEMO_RUNS = [r for r in pipeline.DEMO_RUNS if r.analysis in ('merge', 'production', 'bursts')]\n"
        f"pipeline.run_demo({str(tmp_path / 'out')!r}, progress=False, formats=['png'], workers=2)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert marker.read_text() == "ran\n"
    assert (tmp_path / "out" / "bursts_keyword.png").is_file()


def test_workers_argument():
    assert 1 <= pipeline.default_workers() <= 2
    with pytest.raises(litkit.LitkitError, match="workers=0"):
        pipeline.run_demo("unused", progress=False, workers=0)
