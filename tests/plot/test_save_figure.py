"""litkit.plot.style: the one figure-saving helper and the one style (CJK font) setup.

save_figure writes each format completely (checked by the format's own signature and a parser),
atomically (a failing save leaves neither the target nor a temporary file), refuses existing files
before writing any format, and gives the same bytes for the same figure.  A source scan checks that
nothing else in litkit calls ``savefig`` or sets fonts in rcParams.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest

from litkit.errors import LitkitError, OutputExistsError
from litkit.plot import style
from litkit.plot.style import save_figure, use_style

LITKIT = Path(style.__file__).resolve().parents[1]


def _figure(title: str = "生态产品 ecological products"):
    use_style()
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([2000, 2010, 2020], [1, 3, 2])
    ax.set_title(title)
    return fig


def test_each_format_is_written_complete(tmp_path):
    fig = _figure()
    paths = save_figure(fig, tmp_path / "fig", close=True)
    assert [p.name for p in paths] == ["fig.png", "fig.svg", "fig.pdf"]
    png, svg, pdf = (p.read_bytes() for p in paths)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png.endswith(b"IEND\xaeB`\x82")
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert not plt.fignum_exists(fig.number)  # close=True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.pdf", "fig.png", "fig.svg"]  # no temporary left


def test_png_is_300_dpi(tmp_path):
    from PIL import Image

    (path,) = save_figure(_figure(), tmp_path / "fig", formats=["png"], close=True)
    with Image.open(path) as image:
        assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)


def test_same_figure_same_bytes(tmp_path):
    fig = _figure()
    first = save_figure(fig, tmp_path / "a")
    second = save_figure(fig, tmp_path / "b", close=True)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.suffix


def test_refuses_existing_files_before_writing_any(tmp_path):
    (tmp_path / "fig.svg").write_text("mine", encoding="utf-8")
    fig = _figure()
    with pytest.raises(OutputExistsError, match="fig.svg"):
        save_figure(fig, tmp_path / "fig", formats=["png", "svg"], close=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.svg"]  # not even the PNG
    assert (tmp_path / "fig.svg").read_text(encoding="utf-8") == "mine"
    assert not plt.fignum_exists(fig.number)  # closed although saving failed
    save_figure(_figure(), tmp_path / "fig", formats=["png", "svg"], overwrite=True, close=True)
    assert (tmp_path / "fig.svg").read_bytes().lstrip().startswith(b"<?xml")


def test_failing_save_leaves_nothing(tmp_path, monkeypatch):
    fig = _figure()
    real = fig.savefig

    def half_then_fail(target, **kwargs):
        real(target, **kwargs)  # the temporary file is complete ...
        raise RuntimeError("disk full")  # ... but the save fails

    monkeypatch.setattr(fig, "savefig", half_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        save_figure(fig, tmp_path / "fig", formats=["png"], close=True)
    assert list(tmp_path.iterdir()) == []


def test_unknown_format(tmp_path):
    with pytest.raises(LitkitError, match=r"unknown figure format\(s\) \['gif'\]"):
        save_figure(_figure(), tmp_path / "fig", formats=["png", "gif"], close=True)
    assert list(tmp_path.iterdir()) == []


def test_missing_glyphs_are_an_error(tmp_path, monkeypatch):
    """Without a CJK font in font.family, Chinese text would be boxes: the save refuses."""
    fig = _figure()
    monkeypatch.setitem(matplotlib.rcParams, "font.family", ["DejaVu Sans"])
    fig.axes[0].set_title("生态产品")
    fig.axes[0].title.set_fontfamily("DejaVu Sans")
    with pytest.raises(UserWarning, match="[Gg]lyph"):
        save_figure(fig, tmp_path / "fig", formats=["png"], close=True)
    assert list(tmp_path.iterdir()) == []


def test_use_style_finds_the_cjk_font_once(monkeypatch):
    style.cjk_font.cache_clear()
    calls = []
    real = style.font_manager.fontManager

    class Counting:
        @property
        def ttflist(self):
            calls.append(1)
            return real.ttflist

    monkeypatch.setattr(style.font_manager, "fontManager", Counting())
    for _ in range(3):
        use_style()
    assert len(calls) == 1
    cjk = style.cjk_font()
    family = matplotlib.rcParams["font.family"]
    assert family[0] == "DejaVu Sans" and (family[1:] == [cjk] if cjk else family == ["DejaVu Sans"])
    assert matplotlib.rcParams["savefig.dpi"] == 300
    monkeypatch.undo()
    style.cjk_font.cache_clear()


def test_one_save_helper_and_one_style_setup():
    """Only plot/style.py saves figures or chooses fonts; everything else calls it."""
    saving, fonts = [], []
    for path in sorted(LITKIT.rglob("*.py")):
        if path.name == "style.py" and path.parent.name == "plot":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\.savefig\(", text):
            saving.append(str(path.relative_to(LITKIT)))
        if re.search(r"font\.family|font_manager|rc_context|(?<!require_)cjk_font\(", text):
            fonts.append(str(path.relative_to(LITKIT)))
    assert not saving, f"save figures with litkit.plot.style.save_figure: {saving}"
    assert not fonts, f"set fonts with litkit.plot.style.use_style: {fonts}"
