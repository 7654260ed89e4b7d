"""Same input and parameters give the same bytes: every file the CLI writes, in two separate processes.

The commands run in two fresh Python processes with different ``PYTHONHASHSEED`` values (so a
result that leans on set or dict order of strings shows up), each in its own working folder with
the same relative paths (``params.json`` records the paths as given).  Every file written --
tables (CSV), figures (PNG, SVG, PDF), interactive pages (HTML), network files (GEXF, GraphML,
VOSviewer), ``params.json`` and the corpus Parquet file -- must be byte-identical.

The subset covers each kind of output and each label placer on a real WoS export with cited
references, keywords and addresses (128 records): the Bradford figure whose core-source names
adjustText used to place against a wall-clock time limit, keyword and co-citation maps, the
co-citation timeline and time zone, burst figures, the production timeline and the policy timeline
figure.  A failure names the files that differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.paths import ROOT

from litkit.plot.style import cjk_font, figure_bytes, save_figure, use_style

pytestmark = pytest.mark.shared

EXPORT = "wos-plaintext-environment/globe2060_savedrecs_5.txt"
FORMATS = "png,svg,pdf"

# litkit's CLI arguments, run in order in one process (paths relative to the working folder).
COMMANDS = (
    ["ingest", "{export}", "-o", "corpus.parquet"],
    ["summary", "corpus.parquet", "-o", "out/summary", "--formats", FORMATS],
    ["cooccur", "corpus.parquet", "-o", "out/cooccur", "--formats", FORMATS, "--min-occurrence", "2"],
    ["cocite", "corpus.parquet", "-o", "out/cocite", "--formats", FORMATS, "--top-n", "60"],
    ["bursts", "corpus.parquet", "-o", "out/bursts", "--kind", "cited_journal", "--formats", FORMATS],
    ["timeline", "corpus.parquet", "-o", "out/timeline", "--formats", FORMATS],
    ["policy", "--metadata", "{policy}", "-o", "out/policy", "--formats", FORMATS],
)

_DRIVER = """
import sys
from litkit.cli import app
for args in {commands!r}:
    try:
        app(args=args, standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            sys.exit(f"litkit {{' '.join(args)}} exited with {{exc.code}}")
"""


def _run(folder: Path, hashseed: str, export: Path) -> dict[str, bytes]:
    folder.mkdir()
    policy = ROOT / "corpora" / "policy" / "central_documents.csv"
    commands = [[a.format(export=export, policy=policy) for a in args] for args in COMMANDS]
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER.format(commands=commands)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_outputs_are_byte_identical_across_processes(shared_corpora, tmp_path):
    export = shared_corpora / EXPORT
    first = _run(tmp_path / "a", "1", export)
    second = _run(tmp_path / "b", "2", export)
    assert sorted(first) == sorted(second)
    # Every kind of output is there, so the comparison covers it.
    suffixes = {Path(name).suffix for name in first}
    assert {".csv", ".png", ".svg", ".pdf", ".html", ".json", ".gexf", ".graphml", ".parquet"} <= suffixes
    for stem in ("summary/bradford", "cooccur/keyword_map", "cocite/cocitation_timeline", "policy/policy_timeline"):
        assert all(f"out/{stem}.{fmt}" in first for fmt in FORMATS.split(",")), stem
    differ = sorted(name for name in first if first[name] != second[name])
    assert not differ, f"files differ between two runs: {differ}"


def _clock_races(monkeypatch) -> None:
    """Make every clock the process can read jump 5 s per reading (a very slow, very busy machine).

    Patches ``time.perf_counter``, ``time.monotonic`` and ``time.time`` and every module-level name
    bound to one of them (``timeit.default_timer`` and what was imported from it), so code that
    stops after a wall-clock time limit stops at once.
    """
    import time

    now = [1.0e9]

    def tick() -> float:
        now[0] += 5.0
        return now[0]

    clocks = {id(time.perf_counter), id(time.monotonic), id(time.time)}
    for module in list(sys.modules.values()):
        names = getattr(module, "__dict__", None)
        if not isinstance(names, dict):
            continue
        for name, value in list(names.items()):
            if id(value) in clocks and callable(value):
                monkeypatch.setattr(module, name, tick)


def _steep_core_table():
    """Ten core journals with long names at neighbouring ranks and counts: names that cannot all fit
    beside their points (adjustText never reached zero overlap here and ran to its time limit)."""
    import litkit
    from litkit.indicators import bradford

    articles = [60, 58, 56, 54, 52, 50, 48, 46, 44, 42] + [3] * 200 + [1] * 400
    counts = {f"Journal of Interdisciplinary Environmental Studies {i}": n for i, n in enumerate(articles)}
    return bradford(
        litkit.Corpus.from_records([{"UT": f"{so}-{k}", "SO": so} for so, n in counts.items() for k in range(n)])
    )


@pytest.mark.parametrize("corpus", ["real", "steep"])
def test_bradford_labels_do_not_depend_on_the_clock(corpus, shared_corpora, tmp_path, monkeypatch):
    """The core-source names are placed by a fixed rule: the figure is the same on a slow machine.

    (adjustText, used before, stops after one second of wall-clock time when the names do not
    separate, so a busy machine gave another ``bradford.png``.)  Every name stays inside the axes,
    none over another.
    """
    import litkit
    from litkit.indicators import bradford
    from litkit.plot.indicators import plot_bradford
    from litkit.plot.labels import label_boxes

    if corpus == "real":
        table = bradford(litkit.read([shared_corpora / "wos-plaintext-environment"], progress=False))
    else:
        table = _steep_core_table()
    assert (table["zone"] == 1).sum() >= 10  # ten names to place
    fig = plot_bradford(table)
    names = [t for t in fig.axes[0].texts if t.get_text()]
    # the placer leaves a name out only when it has no room (the real export: every name placed)
    assert len(names) == 10 if corpus == "real" else len(names) >= 6
    boxes = label_boxes(fig, names)
    frame = fig.axes[0].get_window_extent(fig.canvas.get_renderer())
    assert all(b.x0 >= frame.x0 and b.x1 <= frame.x1 and b.y0 >= frame.y0 and b.y1 <= frame.y1 for b in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    calm = save_figure(fig, tmp_path / "calm", formats=["png", "svg"], close=True)
    _clock_races(monkeypatch)
    busy = save_figure(plot_bradford(table), tmp_path / "busy", formats=["png", "svg"], close=True)
    monkeypatch.undo()
    for a, b in zip(calm, busy):
        assert a.read_bytes() == b.read_bytes(), a.suffix


def test_save_figure_writes_no_date_or_random_id(tmp_path):
    """The same figure saved twice, a second apart in time, gives the same bytes in every format."""
    import time

    import matplotlib.pyplot as plt

    use_style()
    fig, ax = plt.subplots()
    ax.plot([0, 1, 2], [2, 0, 1], label="a line")
    ax.scatter([0.5], [1.5], label="a point")
    ax.legend()
    ax.set_title(("生态产品 " if cjk_font() else "") + "ecological products")  # embedded font subsets too
    first = save_figure(fig, tmp_path / "a", formats=["png", "svg", "pdf"])
    time.sleep(1.1)  # PDF dates have one-second resolution
    second = save_figure(fig, tmp_path / "b", formats=["png", "svg", "pdf"], close=True)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.suffix
    pdf = first[2].read_bytes()
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_save_figure_svg_ids_fixed_without_litkit_style(tmp_path, monkeypatch):
    """A figure drawn without use_style (matplotlib salts SVG ids with a random uuid then) saves the same SVG."""
    import matplotlib
    import matplotlib.pyplot as plt

    monkeypatch.setitem(matplotlib.rcParams, "svg.hashsalt", None)
    fig, ax = plt.subplots()
    ax.imshow([[0, 1], [1, 0]])  # an image and a clip path: both get ids
    ax.plot([0, 1], [1, 0], marker="o")
    first = save_figure(fig, tmp_path / "a", formats=["svg"])[0].read_bytes()
    second = save_figure(fig, tmp_path / "b", formats=["svg"], close=True)[0].read_bytes()
    assert b'id="' in first and first == second
    assert matplotlib.rcParams["svg.hashsalt"] is None  # the caller's settings are left alone
    fig, ax = plt.subplots()
    ax.imshow([[0, 1], [1, 0]])
    assert figure_bytes(fig, "svg") == figure_bytes(fig, "svg")  # the in-memory twin of save_figure
    plt.close(fig)
