"""save_figure measures the tight bounding box once (Agg, at the PNG's dpi) for every format.

The PNG is matplotlib's own ``bbox_inches="tight"`` PNG; the SVG and PDF pages have its extent; and a
figure saved in one format alone is the file it is in the set of three (the box never depends on which
formats were asked).
"""

from __future__ import annotations

import io
import re

import matplotlib
import matplotlib.pyplot as plt

from litkit.plot.style import PNG_COMPRESS_LEVEL, SVG_HASHSALT, save_figure, use_style


def _figure(title="生态产品 ecological products"):
    use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([2000, 2010, 2020], [1, 5, 3], marker="o")
    ax.set_title(title)
    ax.set_xlabel("年份 year")
    ax.annotate("a label far out", (2020, 3), xytext=(2031, 6))  # the tight box reaches beyond the axes
    return fig


def test_one_tight_box_for_every_format(tmp_path):
    """The PNG is matplotlib's own tight PNG; the SVG and PDF pages have the PNG's extent."""
    fig = _figure()
    png, svg, pdf = save_figure(fig, tmp_path / "figure")
    reference = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        # rcParams: bbox "tight", 300 dpi; litkit's zlib level (the same pixels as the default's)
        options = {"pil_kwargs": {"compress_level": PNG_COMPRESS_LEVEL}}
        fig.savefig(reference, format="png", metadata={"Software": "litkit"}, **options)
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


def test_a_format_saved_alone_is_the_file_of_the_set(tmp_path):
    fig = _figure()
    together = save_figure(fig, tmp_path / "together")
    for fmt, path in zip(("png", "svg", "pdf"), together):
        (alone,) = save_figure(fig, tmp_path / f"alone_{fmt}", formats=(fmt,))
        assert alone.read_bytes() == path.read_bytes(), fmt
    plt.close(fig)
