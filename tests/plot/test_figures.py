"""Figures are looked at, not just produced: the demo run's figures, tables and HTML pages.

One demo run (``litkit.pipeline.run_demo``) is shared by the whole module; a
second run, started in a subprocess at the same time, checks that the tables
are byte-identical from run to run.

For every figure: the PNG, SVG and PDF exist and are not empty; the PNG is
300 dpi with a sensible size and aspect; the SVG is well-formed XML; the PDF
is a complete PDF; and the PNG has a margin of background on all four sides
(``savefig.bbox = "tight"`` frames every visible artist, so ink touching the
border means something was cut off).  Missing glyphs are errors in
``save_figure``; the run is also checked for any glyph warning that was
emitted while drawing.  The interactive network map and the report page open
in headless Chromium with the network cut off.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from helpers.chromium import render
from helpers.paths import ROOT

#: The figures the demo writes (stems relative to the output folder).
FIGURES = [
    "annual_production",
    "bursts_cited_journal",
    "bursts_cited_reference",
    "bursts_keyword",
    "cooccurrence_wos/keyword_map",
    "cooccurrence_cnki/keyword_map",
    "keyword_timeline",
    "thematic_map",
    "thematic_evolution",
    "policy_timeline",
    "policy_table1_timeline",
    "literature_policy_overlay",
]
DPI = 300
MIN_INCHES, MAX_INCHES = 2.0, 18.0  # a figure narrower than 2 in is unreadable, wider than 18 in is a poster
MIN_ASPECT, MAX_ASPECT = 0.25, 5.0  # width / height
MARGIN_PX = 5  # savefig.pad_inches = 0.05 in = 15 px at 300 dpi
TABLE_SUFFIXES = {".csv", ".txt", ".json", ".gexf", ".graphml"}


def _second_run(out: Path) -> subprocess.Popen:
    # ... which also checks that the library never loads the command line (typer, click, litkit.commands).
    code = (
        "import sys\n"
        "from litkit.pipeline import run_demo\n"
        f"run_demo(out={str(out)!r}, progress=False)\n"
        "cli = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')"
        " or m.startswith(('litkit.commands', 'litkit.cli')))\n"
        "assert not cli, f'the demo pipeline imported the command line: {cli}'\n"
    )
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.fixture(scope="session")
def demo_runs(tmp_path_factory):
    """Two demo runs in two folders: (first, second, warnings recorded during the first)."""
    from litkit.pipeline import run_demo

    first = tmp_path_factory.mktemp("demo_first")
    second = tmp_path_factory.mktemp("demo_second")
    other = _second_run(second)  # in parallel: the machine may have a spare core
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            run_demo(out=first, progress=False)
    finally:
        stdout, stderr = other.communicate(timeout=900)
    assert other.returncode == 0, stderr[-3000:]
    return first, second, [str(w.message) for w in caught]


@pytest.fixture(scope="session")
def demo_out(demo_runs) -> Path:
    return demo_runs[0]


def _ink_box(path: Path) -> tuple[tuple[int, int], tuple[int, int, int, int]]:
    """Image size and the margins (top, bottom, left, right) of non-background pixels."""
    from PIL import Image

    with Image.open(path) as image:
        pixels = np.asarray(image.convert("RGBA")).astype(np.int16)
    background = pixels[0, 0]
    ink = np.abs(pixels - background).max(axis=2) > 8
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    assert len(rows), f"{path.name} is blank"
    h, w = ink.shape
    return (w, h), (int(rows[0]), int(h - 1 - rows[-1]), int(cols[0]), int(w - 1 - cols[-1]))


# ---- figure files ----------------------------------------------------------------------------------


def _stems(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder).with_suffix("")) for p in folder.rglob("*.png"))


def test_every_figure_is_written(demo_out):
    assert set(FIGURES) <= set(_stems(demo_out)), sorted(set(FIGURES) - set(_stems(demo_out)))


def test_figure_files(demo_out):
    """Every figure of the run (not only the listed ones) in three complete formats."""
    problems = []
    for stem in _stems(demo_out):
        for ext in ("png", "svg", "pdf"):
            path = demo_out / f"{stem}.{ext}"
            if not path.is_file() or path.stat().st_size < 2000:
                problems.append(f"{stem}.{ext}: missing or nearly empty")
        try:
            root = ET.parse(demo_out / f"{stem}.svg").getroot()
            if root.tag != "{http://www.w3.org/2000/svg}svg":
                problems.append(f"{stem}.svg: root element {root.tag}")
        except (ET.ParseError, OSError) as exc:
            problems.append(f"{stem}.svg: {exc}")
        pdf = (demo_out / f"{stem}.pdf").read_bytes() if (demo_out / f"{stem}.pdf").is_file() else b""
        if not (pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")):
            problems.append(f"{stem}.pdf: not a complete PDF")
    assert not problems, problems


def test_png_size_resolution_and_margins(demo_out):
    from PIL import Image

    problems = []
    for stem in _stems(demo_out):
        path = demo_out / f"{stem}.png"
        with Image.open(path) as image:
            dpi = image.info.get("dpi")
        if not (dpi and round(dpi[0]) == DPI and round(dpi[1]) == DPI):
            problems.append(f"{stem}: {dpi} dpi")
        (w, h), margins = _ink_box(path)
        if not MIN_INCHES * DPI <= w <= MAX_INCHES * DPI:
            problems.append(f"{stem}: {w / DPI:.1f} in wide")
        if not MIN_INCHES * DPI <= h <= MAX_INCHES * DPI:
            problems.append(f"{stem}: {h / DPI:.1f} in high")
        if not MIN_ASPECT <= w / h <= MAX_ASPECT:
            problems.append(f"{stem}: aspect {w / h:.2f}")
        # Ink touching an edge of a tight-bbox figure is text or a marker cut off by the frame.
        if min(margins) < MARGIN_PX:
            problems.append(f"{stem}: ink within {MARGIN_PX} px of the border (top, bottom, left, right = {margins})")
    assert not problems, problems


def test_demo_records_every_run(demo_out):
    """params.json of the demo: its shared settings and one entry per run of DEMO_RUNS, no absolute paths."""
    import json

    from litkit.pipeline import DEMO_PARAMETERS, DEMO_RUNS

    text = (demo_out / "params.json").read_text(encoding="utf-8")
    record = json.loads(text)
    assert record["analysis"] == "demo" and record["parameters"] == DEMO_PARAMETERS
    assert [r["analysis"] for r in record["runs"]] == [run.analysis for run in DEMO_RUNS]
    assert str(ROOT) not in text
    for run in DEMO_RUNS:
        if run.folder:  # a run in a subfolder has its own params.json, as from the command line
            own = json.loads((demo_out / run.folder / "params.json").read_text(encoding="utf-8"))
            assert own["analysis"] == run.analysis


def test_cli_writes_the_demo_files(demo_out, tmp_path):
    """A figure the demo draws is, byte for byte, the one the command draws with the same parameters."""
    import json

    from typer.testing import CliRunner

    from litkit.cli import app
    from litkit.pipeline import DEMO_PARAMETERS

    def cli(*args):
        result = CliRunner().invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, result.output
        return result

    demo = ROOT / "corpora" / "demo"
    merged = tmp_path / "merged.parquet"
    cli("ingest", demo / "cnki", demo / "scopus", demo / "wos", "-o", merged, "--merge")
    bursts = {k: DEMO_PARAMETERS["bursts"][k] for k in ("s", "gamma", "min_duration", "slice_years", "top")}
    options = [x for k, v in bursts.items() for x in (f"--{k.replace('_', '-')}", v)]
    thesaurus = demo / "thesaurus.txt"  # the demo's keyword bursts clean keywords as its maps do
    cli("bursts", merged, "--kind", "keyword", *options, "--thesaurus", thesaurus, "-o", tmp_path / "bursts")
    cli("timeline", merged, "-o", tmp_path / "timeline")
    compared = []
    for folder, names in (
        ("bursts", ["bursts_keyword.csv", "bursts_keyword.png", "bursts_keyword.svg", "bursts_keyword.pdf"]),
        ("timeline", ["annual_production.csv", "annual_production.png", "annual_production.svg"]),
    ):
        for name in names:
            assert (tmp_path / folder / name).read_bytes() == (demo_out / name).read_bytes(), name
            compared.append(name)
    # The co-occurrence map of the WoS records: every file, params.json apart from its inputs.
    wos = tmp_path / "wos.parquet"
    cli("ingest", demo / "wos", "-o", wos)
    cooc = DEMO_PARAMETERS["cooccurrence"]
    cli(
        "cooccur", wos, "--thesaurus", demo / "thesaurus.txt", "-o", tmp_path / "cooc",
        *[x for k, v in cooc.items() for x in (f"--{k.replace('_', '-')}", v)],
    )  # fmt: skip
    names = sorted(p.name for p in (demo_out / "cooccurrence_wos").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "cooc").iterdir())
    for name in names:
        a, b = (demo_out / "cooccurrence_wos" / name).read_bytes(), (tmp_path / "cooc" / name).read_bytes()
        if name == "params.json":  # the demo names its thesaurus relative to the checkout, as here
            a, b = json.loads(a), json.loads(b.decode("utf-8").replace(str(ROOT) + os.sep, ""))
            a.pop("inputs"), b.pop("inputs")
        assert a == b, name
    assert len(compared) + len(names) >= 20


def test_no_glyph_warnings(demo_runs):
    _, _, caught = demo_runs
    glyphs = [m for m in caught if re.search(r"[Gg]lyph", m)]
    assert not glyphs, glyphs[:5]


# ---- tables ----------------------------------------------------------------------------------------


def test_second_run_gives_identical_tables(demo_runs):
    first, second, _ = demo_runs
    tables = sorted(p.relative_to(first) for p in first.rglob("*") if p.suffix in TABLE_SUFFIXES)
    assert len(tables) >= 30
    assert sorted(p.relative_to(second) for p in second.rglob("*") if p.suffix in TABLE_SUFFIXES) == tables
    differ = [str(t) for t in tables if (first / t).read_bytes() != (second / t).read_bytes()]
    assert not differ, f"tables differ between two runs: {differ}"


def test_outputs_do_not_name_the_checkout(demo_out):
    """The demo's tables and report are the same wherever the checkout lives (file names relative to it)."""
    named = [
        str(p.relative_to(demo_out))
        for p in demo_out.rglob("*")
        if p.suffix in TABLE_SUFFIXES | {".html"} and str(ROOT) in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert not named, f"outputs naming {ROOT}: {named}"
    assert "corpora/demo/wos/savedrecs.txt" in (demo_out / "merge_report.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "table",
    [
        "annual_production.csv",
        "bursts_cited_journal.csv",
        "bursts_cited_reference.csv",
        "bursts_keyword.csv",
        "keyword_timeline.csv",
        "thematic_map.csv",
        "thematic_evolution.csv",
        "merge_report.csv",
        "cooccurrence_wos/keywords.csv",
        "cooccurrence_cnki/keywords.csv",
        "policy_timeline.csv",
        "policy_table1_timeline.csv",
        "literature_policy_overlay.csv",
    ],
)
def test_every_table_has_rows(demo_out, table):
    """A figure drawn from an empty table is an empty frame: every table behind a figure has rows."""
    lines = (demo_out / table).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1, f"{table} has a header only"


def test_policy_figures_hold_the_documents(demo_out):
    """The policy timeline shows every document of corpora/policy/central_documents.csv; the Table 1
    timeline and the overlay the rows flagged ``in_review_table1``."""
    import pandas as pd

    documents = pd.read_csv(ROOT / "corpora" / "policy" / "central_documents.csv", dtype=str)
    in_table1 = int((documents["in_review_table1"] == "yes").sum())
    assert len(pd.read_csv(demo_out / "policy_timeline.csv")) == len(documents)
    assert len(pd.read_csv(demo_out / "policy_table1_timeline.csv")) == in_table1
    overlay = pd.read_csv(demo_out / "literature_policy_overlay.csv")
    assert overlay["events"].sum() == in_table1


# ---- HTML pages in a browser -----------------------------------------------------------------------

EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*['"]?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.mark.browser
@pytest.mark.parametrize(
    "page", ["cooccurrence_wos/keyword_network.html", "cooccurrence_cnki/keyword_network.html", "report.html"]
)
def test_html_renders_offline(demo_out, page):
    path = demo_out / page
    source = path.read_text(encoding="utf-8")
    assert not EXTERNAL_URL.search(source), EXTERNAL_URL.search(source).group(0)
    shown = render(path)
    assert shown.external_requests == []
    assert shown.console_errors == []
    assert shown.distinct_colours() > 20, "blank page"
    if page == "report.html":
        assert "litkit demo" in shown.text


def test_margin_check_sees_clipped_text(tmp_path):
    """The border check above catches text cut off by the frame, and passes a tight figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from litkit.plot.style import save_figure, use_style

    use_style()
    fig = plt.figure(figsize=(3, 2))
    fig.text(0.5, 0.5, "ecological products", ha="center")
    save_figure(fig, tmp_path / "tight", formats=("png",))
    fig.text(-0.1, 0.2, "clipped label")  # starts left of the figure
    fig.savefig(tmp_path / "clipped.png", dpi=DPI, bbox_inches=fig.bbox_inches)  # the frame, not tight
    plt.close(fig)
    assert min(_ink_box(tmp_path / "tight.png")[1]) >= MARGIN_PX
    assert _ink_box(tmp_path / "clipped.png")[1][2] < MARGIN_PX  # left margin
