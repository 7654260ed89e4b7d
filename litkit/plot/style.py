"""Publication style shared by every litkit figure: fonts (CJK included), sizes, palette, saving.

Chinese labels need a font with CJK glyphs; matplotlib's default DejaVu Sans has
none and draws empty boxes with a "Glyph missing" warning.  :func:`use_style`
puts the first installed CJK font (Noto Sans CJK, Source Han Sans, WenQuanYi,
SimHei, Microsoft YaHei, PingFang) behind the Latin font as a fallback, so Latin
text keeps its look and Chinese text renders.  ``make demo`` installs Debian's
``fonts-noto-cjk``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # figures are files; never open a window (notebooks switch back themselves)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from .._atomic import atomic_path  # noqa: E402

CJK_FONT_CANDIDATES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)

# Colour-blind-safe qualitative palette (Okabe & Ito 2008, extended with Tol's muted set).
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
BURST_RED = "#D62728"
BAR_GREY = "#C8C8C8"

FORMATS = ("png", "svg", "pdf")


def cjk_font() -> str | None:
    """Name of the first installed font that has CJK glyphs, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONT_CANDIDATES:
        if name in installed:
            return name
    return None


def use_style(font_size: float = 9.0) -> None:
    """Apply litkit's figure style (call before drawing; idempotent)."""
    cjk = cjk_font()
    family = ["DejaVu Sans"] + ([cjk] if cjk else [])
    matplotlib.rcParams.update(
        {
            # A list of families makes matplotlib fall back glyph by glyph (Latin from DejaVu, CJK from Noto).
            "font.family": family,
            "font.size": font_size,
            "axes.titlesize": font_size + 1,
            "axes.labelsize": font_size,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.dpi": 300,
            "savefig.bbox": "tight",
            "savefig.pad_inches": 0.05,
            "pdf.fonttype": 42,  # embed TrueType so text stays text in PDF and SVG editors
            "ps.fonttype": 42,
            "svg.fonttype": "path",
            "svg.hashsalt": "litkit",  # deterministic SVG ids
        }
    )


def needs_cjk(texts: Iterable[str]) -> bool:
    """True when any text has a CJK character."""
    return any(any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in t) for t in texts if t)


def require_cjk_font(texts: Iterable[str]) -> None:
    """Raise a clear error when ``texts`` need CJK glyphs and no CJK font is installed."""
    if needs_cjk(texts) and cjk_font() is None:
        from ..errors import LitkitError

        raise LitkitError(
            "labels contain Chinese characters but no CJK font is installed",
            expected="a CJK font such as Noto Sans CJK (Debian: apt-get install fonts-noto-cjk)",
        )


def save_figure(fig, path_stem: str | Path, formats: Iterable[str] = FORMATS, overwrite: bool = True) -> list[Path]:
    """Save ``fig`` as ``path_stem.png/.svg/.pdf`` atomically; return the paths.

    Missing-glyph warnings are turned into errors: a figure with boxes instead of
    characters must never be written silently.
    """
    stem = Path(path_stem)
    written = []
    metadata = {
        "png": {"Software": "litkit"},
        "svg": {"Date": None, "Creator": "litkit"},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": "litkit", "Producer": "litkit"},
    }
    for fmt in formats:
        target = stem.with_suffix(f".{fmt}")
        with atomic_path(target, overwrite) as tmp, warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
            fig.savefig(tmp, format=fmt, metadata=metadata.get(fmt))
        written.append(target)
    return written


def close(fig) -> None:
    plt.close(fig)
