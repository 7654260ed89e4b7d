"""Figures written by child processes (litkit.plot.style.background_saving, issue 23) are the same files.

``litkit timeline`` and the commands run through ``run_on_corpus`` write each figure in a forked
child while the next analysis runs.  The files must be byte-identical to those written in place,
a failing figure must fail the command with the child's message, and nothing may be left half
written.
"""

from __future__ import annotations

import sys

import matplotlib.pyplot as plt
import pytest
from matplotlib.artist import Artist
from typer.testing import CliRunner

import litkit
from litkit.cli import app
from litkit.errors import LitkitError
from litkit.plot.style import background_saving, save_figure, saved_figures

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="children are forked on Linux only")


def _figure(title: str):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([2001, 2005, 2010], [3, 9, 4], marker="o")
    ax.set_title(title)
    for i in range(30):
        ax.annotate(f"keyword {i}", (2001 + i / 3, 3 + (i % 7)), fontsize=6)
    return fig


def test_background_files_are_the_files_written_in_place(tmp_path):
    in_place = [save_figure(_figure(f"figure {i}"), tmp_path / "a" / f"f{i}", close=True) for i in range(3)]
    with background_saving(workers=2):
        behind = [save_figure(_figure(f"figure {i}"), tmp_path / "b" / f"f{i}", close=True) for i in range(3)]
    written = [p for paths in behind for p in paths]
    assert len(written) == 9 and all(p.is_file() for p in written)
    for a, b in zip([p for paths in in_place for p in paths], written):
        assert a.name == b.name and a.read_bytes() == b.read_bytes(), a.name
    assert not list((tmp_path / "b").glob(".*.part"))


class _Broken(Artist):
    def draw(self, renderer):
        raise ValueError("cannot draw this")


def test_a_failing_figure_fails_on_leaving_the_block(tmp_path):
    fig = _figure("broken")
    fig.axes[0].add_artist(_Broken())
    good = _figure("good")
    with pytest.raises(LitkitError, match="ValueError: cannot draw this"):
        with background_saving(workers=1):
            save_figure(fig, tmp_path / "broken", close=True)
            save_figure(good, tmp_path / "good", formats=["png"], close=True)
    assert (tmp_path / "good.png").is_file()
    assert not list(tmp_path.glob("broken*")) and not list(tmp_path.glob(".*.part"))


def test_saved_figures_waits_and_an_error_in_the_block_wins(tmp_path):
    with background_saving(workers=1):
        with saved_figures():
            paths = save_figure(_figure("x"), tmp_path / "x", formats=["svg", "pdf"], close=True)
        assert all(p.is_file() for p in paths)  # written once the inner block is left
    fig = _figure("broken")
    fig.axes[0].add_artist(_Broken())
    with pytest.raises(KeyError):  # the caller's own error, not the figure's
        with background_saving(workers=1):
            save_figure(fig, tmp_path / "y", formats=["png"], close=True)
            raise KeyError("first")
    assert not list(tmp_path.glob("y*"))


def test_no_children_with_zero_workers_or_outside_a_block(tmp_path, monkeypatch):
    import os

    def no_fork():
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    with background_saving(workers=0):
        save_figure(_figure("x"), tmp_path / "x", formats=["png"], close=True)
    with saved_figures():
        save_figure(_figure("y"), tmp_path / "y", formats=["png"], close=True)
    assert (tmp_path / "x.png").is_file() and (tmp_path / "y.png").is_file()


def test_timeline_and_cooccur_commands_write_the_same_files(shared_corpora, tmp_path, monkeypatch):
    """The two commands of the benchmark chain, with and without children, on a real WoS export."""
    corpus_file = tmp_path / "wos.parquet"
    litkit.read(shared_corpora / "wos-plaintext-environment").to_parquet(corpus_file)
    outputs = {}
    for workers in ("0", "2"):
        monkeypatch.setenv("LITKIT_FIGURE_WORKERS", workers)
        for command in (["timeline", "--keywords"], ["cooccur"]):
            out = tmp_path / workers / command[0]
            result = CliRunner().invoke(app, [command[0], str(corpus_file), *command[1:], "-o", str(out)])
            assert result.exit_code == 0, result.output
        outputs[workers] = {
            p.relative_to(tmp_path / workers): p.read_bytes() for p in (tmp_path / workers).rglob("*") if p.is_file()
        }
    figures = [p for p in outputs["0"] if p.suffix in (".png", ".svg", ".pdf")]
    assert len(figures) >= 15  # four timeline figures and the map, three formats each
    assert outputs["0"].keys() == outputs["2"].keys()
    for path, data in outputs["0"].items():
        assert outputs["2"][path] == data, path
