"""save_figure's faster saving draws the same figure: PDF fonts without layout tables, PNGs at zlib level 3.

A PDF saved by :func:`litkit.plot.style.save_figure` embeds subsets made inside
:func:`litkit.plot.style.lean_font_subsets`: every glyph drawn must be there with the outline and
advance width matplotlib's own subset gives it, the text must stay extractable (ToUnicode), and
the OpenType layout tables must be gone.  Outside that context matplotlib's subsetting is untouched.
A PNG has the pixels of matplotlib's default compression.
"""

from __future__ import annotations

import io

import numpy as np
import pytest

from litkit.plot.style import cjk_font, figure_bytes, lean_font_subsets, save_figure, use_style

ZH = "生态产品价值实现"
EN = "Ecological products 2024"


def _figure(title: str = f"{ZH} {EN}"):
    import matplotlib.pyplot as plt

    use_style()
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [1, 0, 2])
    ax.set_title(title)
    ax.set_xlabel("Year / 年份")
    return fig


def _embedded(pdf: bytes) -> dict[str, tuple]:
    """BaseFont -> (font program, CIDToGIDMap, ToUnicode) of each Type 0 font of the first page."""
    from pypdf import PdfReader

    fonts = {}
    for ref in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        if font.get("/Subtype") != "/Type0":
            continue
        cid = font["/DescendantFonts"][0].get_object()
        program = cid["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        fonts[str(font["/BaseFont"])] = (
            program,
            cid["/CIDToGIDMap"].get_object().get_data(),
            font["/ToUnicode"].get_object().get_data(),
        )
    return fonts


def _glyphs(program: bytes, cid_to_gid: bytes) -> tuple[dict, list[str]]:
    """{character code: (outline, advance)} of the glyphs the PDF draws, and the font's tables."""
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(program))
    glyph_set, order = font.getGlyphSet(), font.getGlyphOrder()
    drawn = {}
    for code in range(len(cid_to_gid) // 2):
        gid = int.from_bytes(cid_to_gid[2 * code : 2 * code + 2], "big")
        if gid:
            pen = RecordingPen()
            glyph_set[order[gid]].draw(pen)
            drawn[code] = (pen.value, glyph_set[order[gid]].width)
    return drawn, sorted(font.keys())


def _plain_pdf(fig) -> bytes:
    """The PDF matplotlib writes by itself (its own font subsets), with save_figure's metadata."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "ModDate": None})
    return buffer.getvalue()


@pytest.fixture
def cjk():
    if cjk_font() is None:
        pytest.skip("no CJK font installed (make test installs fonts-noto-cjk)")


def test_pdf_embeds_every_glyph_drawn_without_layout_tables(cjk, tmp_path):
    from pypdf import PdfReader

    fig = _figure()
    pdf = save_figure(fig, tmp_path / "figure", formats=["pdf"])[0].read_bytes()
    plain = _plain_pdf(fig)
    ours, theirs = _embedded(pdf), _embedded(plain)
    assert sorted(ours) == sorted(theirs)  # the same fonts (names carry the subset tag)
    assert any("CJK" in name for name in ours), sorted(ours)
    for name in ours:
        drawn, tables = _glyphs(*ours[name][:2])
        reference, reference_tables = _glyphs(*theirs[name][:2])
        assert drawn == reference, name  # every glyph: same outline, same advance
        assert ours[name][2] == theirs[name][2], name  # same ToUnicode map
        assert not {"GSUB", "GPOS", "GDEF"} & set(tables), (name, tables)
        if "CJK" in name:
            assert {"GSUB", "GPOS"} <= set(reference_tables)  # matplotlib alone keeps them: the context is scoped
            assert len(drawn) == len(set(ZH + "年份")), len(drawn)  # the CJK glyphs drawn, no more
            assert len(ours[name][0]) < len(theirs[name][0])
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert ZH in text and "年份" in text and EN in text


def test_pdf_follows_the_font_in_use(cjk, tmp_path):
    """Nothing is cached between figures: another font or another fonttype gives its own output."""
    import matplotlib

    first = _embedded(save_figure(_figure(), tmp_path / "a", formats=["pdf"], close=True)[0].read_bytes())
    with matplotlib.rc_context():
        use_style()
        matplotlib.rcParams["font.family"] = ["DejaVu Serif", cjk_font()]
        serif = _embedded(save_figure(_figure_serif(), tmp_path / "b", formats=["pdf"], close=True)[0].read_bytes())
        matplotlib.rcParams["pdf.fonttype"] = 3  # (matplotlib cannot write CJK text as Type 3)
        type3 = save_figure(_figure_serif(EN), tmp_path / "c", formats=["pdf"], close=True)[0].read_bytes()
    assert any("DejaVuSans" in n and "Serif" not in n for n in first) and not any("Serif" in n for n in first)
    assert any("DejaVuSerif" in n for n in serif)
    assert _embedded(type3) == {} and b"/Type3" in type3  # Type 3: no embedded subsets at all
    # the next figure in the default style embeds what the first did
    again = _embedded(save_figure(_figure(), tmp_path / "d", formats=["pdf"], close=True)[0].read_bytes())
    assert {n.split("+")[1] for n in again} == {n.split("+")[1] for n in first}


def _figure_serif(title: str = f"{ZH} {EN}"):
    """The title in the rcParams of the moment (no use_style)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_title(title)
    return fig


def test_lean_context_only_inside(cjk):
    fig = _figure()
    with lean_font_subsets():
        lean = _embedded(figure_bytes(fig, "pdf"))
    with lean_font_subsets(False):
        plain = _embedded(_plain_pdf(fig))
    name = next(n for n in lean if "CJK" in n)
    assert "GSUB" not in _glyphs(*lean[name][:2])[1]
    assert "GSUB" in _glyphs(*plain[name][:2])[1]
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_png_has_the_pixels_of_default_compression(tmp_path):
    from PIL import Image

    from litkit.plot.style import _tight_bbox

    fig = _figure(EN if cjk_font() is None else f"{ZH} {EN}")
    path = save_figure(fig, tmp_path / "figure", formats=["png"])[0]
    with Image.open(path) as ours:
        pixels, dpi = np.asarray(ours.convert("RGBA")), ours.info["dpi"]
    bbox = _tight_bbox(fig)  # the box save_figure measured
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches=bbox)  # matplotlib's default zlib level
    with Image.open(buffer) as theirs:
        assert np.array_equal(pixels, np.asarray(theirs.convert("RGBA")))
    assert round(dpi[0]) == 300
    import matplotlib.pyplot as plt

    plt.close(fig)
