"""Publication style shared by every litkit figure: fonts (CJK included), sizes, palette, saving.

The one place that sets up matplotlib for litkit: every function in :mod:`litkit.plot` calls
:func:`use_style` before drawing and every figure litkit writes goes through :func:`save_figure`.

Chinese labels need a font with CJK glyphs; matplotlib's default DejaVu Sans has
none and draws empty boxes with a "Glyph missing" warning.  :func:`use_style`
puts the first installed CJK font (Noto Sans CJK, Source Han Sans, WenQuanYi,
SimHei, Microsoft YaHei, PingFang; looked up once per process, :func:`cjk_font`)
behind the Latin font in ``font.family``, so matplotlib takes each glyph from the
first font that has it: Latin text keeps its look and Chinese text renders.  (A
CJK font listed under the generic ``sans-serif`` family is never used as a
fallback: matplotlib resolves a generic family to a single font.)  ``make demo``
installs Debian's ``fonts-noto-cjk``.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from litkit.plot.style import save_figure, use_style
>>> use_style()
>>> fig, ax = plt.subplots()
>>> _ = ax.set_title("生态产品 ecological products")
>>> save_figure(fig, "figures/example", formats=["png"], close=True)   # doctest: +SKIP
[PosixPath('figures/example.png')]
"""

from __future__ import annotations

import contextvars
import functools
import warnings
from collections.abc import Iterable
from contextlib import contextmanager
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
#: zlib level of litkit's PNGs: the same pixels as matplotlib's default (6) a third faster, files within 2 %.
PNG_COMPRESS_LEVEL = 3
# Salt of the ids in SVG files (clip paths, glyphs): fixed, so the same figure gives the same SVG.
SVG_HASHSALT = "litkit"


@functools.cache
def cjk_font() -> str | None:
    """Name of the first installed font that has CJK glyphs, or None (looked up once per process;
    ``cjk_font.cache_clear()`` after installing a font)."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONT_CANDIDATES:
        if name in installed:
            return name
    return None


def use_style(font_size: float = 9.0) -> None:
    """Apply litkit's figure style to matplotlib's rcParams (call before drawing; idempotent).

    Parameters
    ----------
    font_size : float, default 9.0
        Base font size in points (titles one point larger).

    Examples
    --------
    >>> use_style()
    >>> import matplotlib
    >>> matplotlib.rcParams["font.family"][0], matplotlib.rcParams["savefig.dpi"]
    ('DejaVu Sans', 300.0)
    """
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
            "svg.hashsalt": SVG_HASHSALT,  # deterministic SVG ids
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


def text_width_pt(fig, text: str, fontsize, **font) -> float:
    """Width of ``text`` in points as ``fig`` draws it (its renderer; CJK, 〔〕 and line breaks included).

    Labels are fitted to the room they have by measuring them: a characters-times-em estimate is wrong for
    full-width brackets, digits and proportional fonts, and a wrong estimate means overprinted labels.
    ``font``: more :class:`matplotlib.text.Text` properties (``fontweight="bold"``, ``style="italic"``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure()
    >>> text_width_pt(fig, "carbon sink", 10) < text_width_pt(fig, "carbon sink", 12)
    True
    >>> plt.close(fig)
    """
    artist = fig.text(0, 0, text, fontsize=fontsize, **font)
    try:
        return float(artist.get_window_extent(fig.canvas.get_renderer()).width * 72.0 / fig.dpi)
    finally:
        artist.remove()


def ellipsize(fig, text: str, fontsize, max_pt: float) -> str:
    """``text``, or its longest prefix followed by "…", at most ``max_pt`` points wide as ``fig`` draws it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure()
    >>> ellipsize(fig, "carbon sink", 10, 500), ellipsize(fig, "ecosystem services", 10, 40).endswith("…")
    ('carbon sink', True)
    >>> plt.close(fig)
    """
    if text_width_pt(fig, text, fontsize) <= max_pt:
        return text
    lo, hi = 1, len(text)
    while lo < hi:  # the longest prefix that fits with its ellipsis (widths grow with the prefix)
        mid = (lo + hi + 1) // 2
        if text_width_pt(fig, text[:mid].rstrip() + "…", fontsize) <= max_pt:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def legend_below(ax, handles, *, y: float = -0.01, ncol: int = 2) -> None:
    """A frameless legend of ``handles`` centred under ``ax`` (``y`` in axes units), as the maps draw theirs.

    Nothing is drawn for no handles.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> legend_below(ax, ax.plot([0, 1], label="a"))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['a']
    >>> plt.close(fig)
    """
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, y),
            ncol=ncol,
            frameon=False,
            fontsize=7,
            handletextpad=0.3,
            columnspacing=1.0,
        )


def save_figure(
    fig, path_stem: str | Path, formats: Iterable[str] = FORMATS, overwrite: bool = False, close: bool = False
) -> list[Path]:
    """Save ``fig`` as ``path_stem.<format>`` for each format, each file atomically; return the paths.

    The one way litkit writes a figure: PNG at 300 dpi, SVG and PDF with text as
    TrueType, no dates in the files (the same figure gives the same bytes).
    Missing-glyph warnings are turned into errors: a figure with boxes instead of
    characters must never be written silently.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path_stem : str or Path
        Path without suffix; ``.png``/``.svg``/``.pdf`` is added (a suffix given is replaced).
    formats : iterable of str, default ("png", "svg", "pdf")
    overwrite : bool, default False
        Replace existing files; otherwise an existing file raises
        :class:`~litkit.errors.OutputExistsError` before anything is written.
    close : bool, default False
        Close the figure afterwards (also when saving fails).

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> save_figure(fig, "out/figure", formats=("png", "pdf"), close=True)   # doctest: +SKIP
    [PosixPath('out/figure.png'), PosixPath('out/figure.pdf')]
    """
    from .._atomic import check_writable
    from ..errors import LitkitError

    stem = Path(path_stem)
    try:
        formats = tuple(dict.fromkeys(str(f).lower().lstrip(".") for f in formats))
        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise LitkitError(f"unknown figure format(s) {unknown}", expected="png, svg or pdf")
        targets = [stem.with_suffix(f".{fmt}") for fmt in formats]
        for target in targets:  # refuse before writing anything: no partial set of formats
            check_writable(target, overwrite)
        writers = _BACKGROUND.get()
        if writers is None or not writers.start(lambda: _write_formats(fig, formats, targets, overwrite), targets):
            _write_formats(fig, formats, targets, overwrite)
        return targets
    finally:
        if close:
            plt.close(fig)


@contextmanager
def background_saving(workers: int | None = None):
    """Within the block, :func:`save_figure` writes each figure in a child process while the caller goes on.

    Rendering a figure in three formats takes longer than most analyses that precede it (the
    keyword timeline's four figures: half of ``litkit timeline``); on a machine with two or more
    cores the next analysis runs meanwhile.  Each figure is written by a ``fork`` of this process,
    which holds a copy of the figure: the same code writes the same bytes, and the caller may
    close or change the figure at once.  Files are checked writable before the fork (a refusal is
    raised by ``save_figure`` as before) and written atomically by the child.  Leaving the block
    waits for every child; a figure that failed raises :class:`~litkit.errors.LitkitError` then
    (the first failure, with the child's message).  Without ``os.fork`` (Windows), off Linux, or
    with ``workers=0`` (the default on one core) figures are written in place as without the block.

    Parameters
    ----------
    workers : int, optional
        Children writing at the same time (default: ``$LITKIT_FIGURE_WORKERS`` if set, else the
        cores available to this process; none on one core); the next figure waits for the oldest
        child beyond that.  0: no children.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with background_saving():
    ...     fig, ax = plt.subplots()
    ...     paths = save_figure(fig, "out/figure", close=True)   # doctest: +SKIP
    """
    import os
    import sys

    if workers is None and os.environ.get("LITKIT_FIGURE_WORKERS", "").strip():
        workers = int(os.environ["LITKIT_FIGURE_WORKERS"])
    if workers is None:
        # As many children as cores: while the analysis runs they share the cores with it, but a command's
        # figures come at its end, when this process has little left to do (its files) and a child fewer
        # would leave a core idle; at 100,000 records `litkit timeline` took 4.0-4.4 s instead of 4.9 s,
        # `litkit cocite` 0.3 s less, the keyword map the same.  One core: no child (nothing runs meanwhile).
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        workers = cores if cores > 1 else 0
    if workers < 1 or not hasattr(os, "fork") or not sys.platform.startswith("linux") or _BACKGROUND.get():
        yield  # nested blocks: the outer one waits
        return
    _import_writers()
    writers = _Writers(workers)
    token = _BACKGROUND.set(writers)
    try:
        yield
    except BaseException:
        writers.wait_all()  # no child left writing behind an error; the error is the one raised
        raise
    finally:
        _BACKGROUND.reset(token)
    writers.wait_all(raise_first=True)


@contextmanager
def saved_figures():
    """On leaving the block, every figure being written in the background (:func:`background_saving`) is written.

    A caller that moves or reads the files :func:`save_figure` returned (``litkit.runs.RunFolder``
    commits a run's staging folder) wraps the writing in this block.  A failed figure raises
    :class:`~litkit.errors.LitkitError` on leaving, unless the block is left by an error already;
    outside a :func:`background_saving` block this does nothing.
    """
    writers = _BACKGROUND.get()
    if writers is None:
        yield
        return
    try:
        yield
    except BaseException:
        writers.wait_all()
        raise
    writers.wait_all(raise_first=True)


_BACKGROUND: contextvars.ContextVar = contextvars.ContextVar("litkit_background_saving", default=None)


def _import_writers() -> None:
    """Import what writing a figure needs once, here, rather than again in every child."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_pdf  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    import PIL.PngImagePlugin  # noqa: F401

    _install_lean_subsets()


class _Writers:
    """The children of one :func:`background_saving` block: (pid, pipe for its outcome, targets)."""

    def __init__(self, workers: int):
        self.workers = workers
        self.running: list[tuple[int, int, list[Path]]] = []
        self.errors: list[str] = []

    def start(self, write, targets) -> bool:
        """Fork a child that runs ``write()``; False when the fork failed (the caller writes in place)."""
        from .._forks import start_child

        while len(self.running) >= self.workers:
            self._wait(self.running.pop(0))
        child = start_child(write)
        if child is None:
            return False
        self.running.append((*child, list(targets)))
        return True

    def _wait(self, child) -> None:
        from .._forks import child_outcome

        pid, read_end, targets = child
        outcome = child_outcome(pid, read_end)
        if outcome is None or not outcome[0]:
            error = "it ended without a result (killed, or out of memory?)" if outcome is None else outcome[1]
            message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
            self.errors.append(f"writing {', '.join(str(t) for t in targets)} failed: {message}")

    def wait_all(self, raise_first: bool = False) -> None:
        while self.running:
            self._wait(self.running.pop(0))
        if raise_first and self.errors:
            from ..errors import LitkitError

            first, self.errors = self.errors[0], []
            raise LitkitError(first)


def _write_formats(fig, formats, targets, overwrite) -> None:
    # Measured the same way whatever the formats asked, so an SVG saved alone equals the SVG saved with a PNG.
    bbox = _tight_bbox(fig)
    for fmt, target in zip(formats, targets):
        # The SVG ids' salt here too, not only in use_style: without one matplotlib salts with a random uuid.
        with (
            atomic_path(target, overwrite) as tmp,
            warnings.catch_warnings(),
            matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}),
            lean_font_subsets(fmt == "pdf"),
        ):
            warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
            options = {} if bbox is None else {"bbox_inches": bbox}
            if fmt == "png":
                options["pil_kwargs"] = {"compress_level": PNG_COMPRESS_LEVEL}
            fig.savefig(tmp, format=fmt, metadata=_METADATA.get(fmt), **options)


@contextmanager
def lean_font_subsets(enabled: bool = True):
    """PDFs saved inside embed their fonts without the OpenType layout tables (faster; the same pages).

    matplotlib's PDF backend embeds a subset of each font it draws with, made by fontTools with
    its default options: the subset keeps the layout tables (GSUB, GPOS, GDEF, vertical metrics)
    and adds every glyph those tables can reach from the ones drawn.  In a PDF each glyph is
    drawn by its index and copied as text through the ToUnicode map, so a viewer never reads
    them; for Noto Sans CJK, whose layout tables are large, they were half the time of a PDF
    (matplotlib parses the font file again for every figure).  Inside this context the subset
    holds exactly the glyphs drawn (with their outlines, metrics and names) and no layout
    table.  Only this thread's PDFs saved inside are affected; with a matplotlib whose subsetting
    differs from 3.11's (no ``SubsetResults``) nothing changes.

    Parameters
    ----------
    enabled : bool, default True
        False: a context that changes nothing (so callers need no branch).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with lean_font_subsets():
    ...     fig.savefig("figure.pdf")   # doctest: +SKIP
    """
    if not enabled or not _install_lean_subsets():
        yield
        return
    token = _LEAN_SUBSETS.set(True)
    try:
        yield
    finally:
        _LEAN_SUBSETS.reset(token)


_LEAN_SUBSETS = contextvars.ContextVar("litkit_lean_font_subsets", default=False)
# Tables a PDF never reads, dropped from the embedded subset (fontTools' own drop list is kept).
_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG")


@functools.cache
def _install_lean_subsets() -> bool:
    """Wrap matplotlib's font subsetting once so that it is lean inside :func:`lean_font_subsets` only."""
    try:
        from fontTools import subset
        from matplotlib.backends import _backend_pdf_ps as pdf_ps
    except ImportError:
        return False
    original = getattr(pdf_ps, "get_glyphs_subset", None)
    if original is None or not hasattr(pdf_ps, "SubsetResults"):
        return False  # another matplotlib: its own subsetting, unchanged

    def _lean_subset(fontfile, glyphs):
        # matplotlib's options (3.11) and its drop list, without the layout tables and their closure
        options = subset.Options(glyph_names=True, recommended_glyphs=True)
        options.drop_tables += ["FFTM", "PfEd", "BDF", "meta", "MERG", "TSIV", "Zapf", "bdat", "bloc", "cidg"]
        options.drop_tables += ["fdsc", "feat", "fmtx", "fond", "just", "kerx", "ltag", "morx", "trak", "xref"]
        options.drop_tables += list(_LAYOUT_TABLES)
        options.layout_closure = False
        options.layout_features = []
        options.font_number = fontfile.face_index
        font = subset.load_font(fontfile, options)
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(gids=glyphs)
        subsetter.subset(font)
        return pdf_ps.SubsetResults(font, subsetter.glyph_index_map)._as_cm()

    @functools.wraps(original)
    def get_glyphs_subset(fontfile, glyphs):
        if not _LEAN_SUBSETS.get():
            return original(fontfile, glyphs)
        try:
            return _lean_subset(fontfile, glyphs)
        except Exception:  # a matplotlib or fontTools laid out differently: its own subset, as before
            return original(fontfile, glyphs)

    pdf_ps.get_glyphs_subset = get_glyphs_subset
    return True


def _tight_bbox(fig):
    """The tight bounding box savefig finds for the PNG, computed once for every format (None: not tight).

    ``savefig(bbox_inches="tight")`` draws the whole figure once more per format only to measure
    it, each format with its own renderer; one measurement (Agg, at the saving dpi) serves all
    three, so the PNG, SVG and PDF of a figure have the same extent, and a figure saved in one
    format alone has the extent it has in the set.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if matplotlib.rcParams["savefig.bbox"] != "tight":
        return None
    dpi = matplotlib.rcParams["savefig.dpi"]
    dpi = fig.dpi if dpi == "figure" else dpi
    canvas = fig.canvas
    original_dpi = fig.dpi
    try:
        agg = FigureCanvasAgg(fig)
        fig.dpi = dpi
        renderer = agg.get_renderer()
        with getattr(renderer, "_draw_disabled", _nothing)():
            fig.draw(renderer)
        bbox = fig.get_tightbbox(renderer)
    finally:
        fig.dpi = original_dpi
        fig.set_canvas(canvas)
    return bbox.padded(matplotlib.rcParams["savefig.pad_inches"])


@contextmanager
def _nothing():
    yield


# No dates, and litkit as the software, so that the same figure gives the same bytes.
_METADATA = {
    "png": {"Software": "litkit"},
    "svg": {"Date": None, "Creator": "litkit"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "litkit", "Producer": "litkit"},
}


def figure_bytes(fig, fmt: str = "png", dpi: float | None = None) -> bytes:
    """``fig`` rendered in memory as ``fmt`` (for inline images), with the metadata :func:`save_figure` uses.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> figure_bytes(fig, dpi=72)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> plt.close(fig)
    """
    import io

    buffer = io.BytesIO()
    options = {"pil_kwargs": {"compress_level": PNG_COMPRESS_LEVEL}} if fmt == "png" else {}
    # as save_figure: the same figure, the same bytes
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}), lean_font_subsets(fmt == "pdf"):
        dpi = dpi if dpi is not None else "figure"
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt), **options)
    return buffer.getvalue()


def close(fig) -> None:
    """Close ``fig`` (free its memory; pyplot keeps every open figure)."""
    plt.close(fig)
