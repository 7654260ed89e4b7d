"""The trend-topics figure (bibliometrix's ``fieldByYear`` plot, biblioshiny's "Trend Topics").

One row per term, sorted by median year (the most recent on top, as bibliometrix draws it): a line
from the first to the third quartile of the years the term is used in, a tick at each quartile and
a dot at the median whose area grows with the term's frequency.  Terms of one median year are
grouped between faint dashed lines.  Labels are the term labels of the keyword map (CJK included);
a label wider than ``max_label_in`` inches is cut with "…" (the table keeps it whole).

Examples
--------
>>> from litkit.timelines import trend_topics                      # doctest: +SKIP
>>> from litkit.plot.trends import plot_trend_topics                # doctest: +SKIP
>>> fig = plot_trend_topics(trend_topics(corpus))                   # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..errors import LitkitError
from .style import PALETTE, ellipsize, require_cjk_font, text_width_pt, use_style

#: Colour of the quartile lines and median dots (bibliometrix draws them in ``royalblue4``/``dodgerblue4``).
TREND_COLOUR = PALETTE[0]
_ROW_IN = 0.2  # inches per term row
_FONT = 8.0  # term labels, points
_PLOT_IN, _LEGEND_IN = 4.2, 1.3  # inches: the plotting area and the legend beside it
_AREA = (18.0, 150.0)  # dot areas (pt^2) of the least and the most frequent term drawn


def plot_trend_topics(table: pd.DataFrame, title: str | None = "Trend topics", max_label_in: float = 2.6):
    """Draw a trend-topics table: quartile lines and median dots, one row per term.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`litkit.timelines.trend_topics` (``label`` or ``term``, ``frequency``, ``year_q1``,
        ``year_median``, ``year_q3``).
    title : str, optional
    max_label_in : float, default 2.6
        Widest term label, in inches; longer ones are shortened with "…".

    Returns
    -------
    matplotlib.figure.Figure
    """
    need = ("frequency", "year_q1", "year_median", "year_q3")
    if not isinstance(table, pd.DataFrame) or any(c not in table.columns for c in need):
        raise LitkitError(f"the table lacks the column(s) {list(need)}", expected="litkit.timelines.trend_topics")
    if not len(table):
        raise LitkitError("no trend topic to draw", expected="terms with frequency >= min_frequency")
    names = [str(v) for v in (table["label"] if "label" in table.columns else table["term"])]
    require_cjk_font(names + [title or ""])
    use_style()
    # Bottom to top: oldest median year first, then the more frequent terms higher within a year (bibliometrix).
    key = "term" if "term" in table.columns else "label"
    rows = table.assign(_name=names).sort_values(
        ["year_median", "frequency", key], ascending=[True, True, False], kind="mergesort"
    )
    n = len(rows)
    fig = plt.figure()
    shown = [_fit(fig, v, max_label_in) for v in rows["_name"]]
    # The axes placed in inches: room on the left for the widest label as drawn, on the right for the legend.
    label_in = max(text_width_pt(fig, v, _FONT) for v in shown) / 72.0 + 0.15
    width, height = label_in + _PLOT_IN + _LEGEND_IN, 1.0 + _ROW_IN * max(n, 3)
    fig.set_size_inches(width, height)
    ax = fig.add_axes([label_in / width, 0.55 / height, _PLOT_IN / width, (height - 0.95) / height])
    y = np.arange(n)
    q1, med, q3 = (rows[c].to_numpy(dtype=float) for c in ("year_q1", "year_median", "year_q3"))
    freq = rows["frequency"].to_numpy(dtype=float)
    ax.hlines(y, q1, q3, color=TREND_COLOUR, alpha=0.35, linewidth=2.2, zorder=2)
    ax.scatter(np.r_[q1, q3], np.r_[y, y], marker="|", s=40, color=TREND_COLOUR, alpha=0.8, zorder=3, linewidths=1)
    area = _areas(freq)
    ax.scatter(med, y, s=area, color=TREND_COLOUR, alpha=0.75, edgecolors="white", linewidths=0.5, zorder=4)
    # Faint lines between median years (bibliometrix's geom_vline after coord_flip).
    for boundary in np.flatnonzero(np.diff(med) != 0):
        ax.axhline(boundary + 0.5, color="0.75", linewidth=0.6, linestyle=(0, (4, 2, 1, 2)), zorder=1)
    ax.set_yticks(y, shown, fontsize=_FONT)
    ax.set_ylim(-0.7, n - 0.3)
    lo, hi = float(q1.min()), float(q3.max())
    ax.set_xlim(lo - 0.8, hi + 0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(12, int(hi - lo) + 1)))
    ax.grid(axis="y", color="0.93", linewidth=0.6, zorder=0)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("Year (first quartile – median – third quartile)")
    if title:
        ax.set_title(title)
    _size_legend(ax, freq)
    return fig


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _areas(freq: np.ndarray, lo: float | None = None, hi: float | None = None) -> np.ndarray:
    """Dot areas: linear in frequency between :data:`_AREA` (ggplot's ``scale_size`` scales area)."""
    lo = float(freq.min()) if lo is None else lo
    hi = float(freq.max()) if hi is None else hi
    if hi <= lo:
        return np.full(len(freq), (_AREA[0] + _AREA[1]) / 2)
    return _AREA[0] + (freq - lo) / (hi - lo) * (_AREA[1] - _AREA[0])


def _size_legend(ax, freq: np.ndarray) -> None:
    """A "Term frequency" legend of up to three dot sizes, outside the axes on the right."""
    lo, hi = int(freq.min()), int(freq.max())
    values = sorted({lo, int(round((lo + hi) / 2)), hi})
    areas = _areas(np.asarray(values, dtype=float), float(freq.min()), float(freq.max()))
    handles = [
        Line2D([], [], linestyle="", marker="o", markersize=float(np.sqrt(a)), color=TREND_COLOUR, alpha=0.75)
        for a in areas
    ]
    ax.legend(
        handles,
        [str(v) for v in values],
        title="Term frequency",
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        frameon=False,
        fontsize=_FONT - 0.5,
        title_fontsize=_FONT,
        labelspacing=1.1,
        borderaxespad=0.0,
    )


def _fit(fig, text: str, max_in: float) -> str:
    """``text`` cut with "…" until it is at most ``max_in`` inches wide at the label size (measured)."""
    return ellipsize(fig, text, _FONT, max_in * 72.0)


__all__ = ["plot_trend_topics", "TREND_COLOUR"]
