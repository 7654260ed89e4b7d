"""Figures written in forked children (litkit.plot.style.background_saving) are the files save_figure writes.

The demo renders its figures in the background while the next analyses run; these tests check that
the files are byte for byte those of saving in the caller, that a run waits for its figures before
committing them, that a failing child is reported with the figure's name, and that the one tight
bounding box measured for all formats gives the PNG matplotlib's own ``bbox_inches="tight"`` gives.
"""

from __future__ import annotations

import io
import os
import re

import matplotlib.pyplot as plt
import pytest

import litkit
from litkit.errors import LitkitError
from litkit.plot.style import FORMATS, SVG_HASHSALT, background_saving, save_figure, use_style, wait_for_figures
from litkit.runs import RunFolder

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="background saving forks")


def _figure(title="生态产品 ecological products"):
    use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([2000, 2010, 2020], [1, 5, 3], marker="o")
    ax.set_title(title)
    ax.set_xlabel("年份 year")
    ax.annotate("a label far out", (2020, 3), xytext=(2031, 6))  # the tight box reaches beyond the axes
    return fig


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_background_files_equal_saving_in_the_caller(tmp_path):
    fig = _figure()
    serial = save_figure(fig, tmp_path / "serial" / "figure", overwrite=False)
    with background_saving():
        paths = save_figure(fig, tmp_path / "background" / "figure", close=True)
        assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"]
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in serial]
    assert all(len(p.read_bytes()) > 1000 for p in paths)


def test_many_figures_at_most_workers_children_and_every_file_written(tmp_path):
    with background_saving(workers=2):
        for i in range(5):
            save_figure(_figure(f"figure {i} 图"), tmp_path / f"f{i}", formats=["png", "pdf"], close=True)
        wait_for_figures()  # within the block: everything written now
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"f{i}.{e}" for i in range(5) for e in ("png", "pdf")
        )
    for i in range(5):
        assert (tmp_path / f"f{i}.pdf").read_bytes().startswith(b"%PDF")


def test_a_failing_child_names_the_figure(tmp_path):
    fig = _figure("\ue000")  # a private-use character: no font has its glyph, which save_figure refuses
    with pytest.raises(LitkitError, match=r"figure could not be written: .*broken.*[Gg]lyph"):
        with background_saving():
            save_figure(fig, tmp_path / "broken", formats=["png"], close=True)
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_a_run_waits_for_its_figures_before_committing(tmp_path, demo_dir):
    corpus = litkit.read(demo_dir / "wos", progress=False)
    serial = RunFolder(tmp_path / "serial", formats=FORMATS)
    serial.run("production", corpus)
    folder = RunFolder(tmp_path / "background", formats=FORMATS)
    with background_saving():
        result = folder.run("production", corpus)
    assert {p.suffix for p in result.files} >= {".png", ".svg", ".pdf", ".csv"}
    assert _files(tmp_path / "background") == _files(tmp_path / "serial")
    assert not [p for p in (tmp_path / "background").iterdir() if p.name.startswith(".")]  # no staging left


def test_outside_the_block_nothing_waits_and_a_nested_block_is_the_outer_one(tmp_path):
    wait_for_figures()
    with background_saving():
        with background_saving():
            save_figure(_figure(), tmp_path / "nested", formats=["png"], close=True)
        # the inner block did not wait: the outer one does, at its end
    assert (tmp_path / "nested.png").is_file()


def test_one_tight_box_for_every_format(tmp_path):
    """The PNG is matplotlib's own tight PNG; the SVG and PDF pages have the PNG's extent."""
    import matplotlib

    fig = _figure()
    png, svg, pdf = save_figure(fig, tmp_path / "figure")
    reference = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(reference, format="png", metadata={"Software": "litkit"})  # rcParams: bbox "tight", 300 dpi
    plt.close(fig)
    assert png.read_bytes() == reference.getvalue()
    from PIL import Image

    width_px, height_px = Image.open(png).size
    width_pt, height_pt = (
        float(v) for v in re.search(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", pdf.read_bytes()).groups()
    )
    svg_head = svg.read_text(encoding="utf-8")[:2000]
    svg_w, svg_h = (float(v) for v in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg_head).groups())
    for px, pt in ((width_px, width_pt), (height_px, height_pt), (width_px, svg_w), (height_px, svg_h)):
        assert abs(px / 300 * 72 - pt) < 72 / 300 + 1e-6  # the same box, to the PNG's pixel


def test_a_failing_run_waits_for_its_figures_before_removing_its_staging(tmp_path, demo_dir, monkeypatch):
    """A run that fails after drawing a figure leaves no folder; its children's files do not outlive it."""
    import dataclasses

    from litkit import runs

    spec = runs.ANALYSES["production"]

    def draws_then_fails(data, out, **params):
        spec.runner(data, out, **params)
        raise RuntimeError("planted failure after the figures")

    monkeypatch.setitem(runs.ANALYSES, "production", dataclasses.replace(spec, runner=draws_then_fails))
    corpus = litkit.read(demo_dir / "wos", progress=False)
    with background_saving():
        with pytest.raises(RuntimeError, match="planted failure"):
            RunFolder(tmp_path / "failed", formats=FORMATS).run("production", corpus)
        wait_for_figures()  # nothing left running, and nothing to report
    assert not (tmp_path / "failed").exists()
