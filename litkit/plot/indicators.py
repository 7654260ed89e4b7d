"""Figures of :mod:`litkit.indicators`: annual production, top authors/sources/institutions/countries,
Lotka's law and Bradford's zones.

Each function takes a table (or result) an indicators function returns and gives back a matplotlib
Figure; :func:`litkit.plot.style.save_figure` writes it.  Labels longer than ``max_label`` characters
are shortened with an ellipsis, figures grow with the number of bars, and
``savefig.bbox = "tight"`` keeps every label inside the file.  Chinese labels need a CJK font
(:func:`litkit.plot.style.require_cjk_font` says so before anything is drawn).

Examples
--------
>>> from litkit.indicators import top_authors, lotka                 # doctest: +SKIP
>>> from litkit.plot.indicators import plot_top, plot_lotka           # doctest: +SKIP
>>> from litkit.plot.style import save_figure                         # doctest: +SKIP
>>> save_figure(plot_top(top_authors(corpus, top=20), "author"), "figures/top_authors", close=True)  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd

from ..addresses import country_name
from ..errors import LitkitError
from .style import BAR_GREY, PALETTE, require_cjk_font, use_style

_ZONE_COLOURS = (PALETTE[0], PALETTE[1], PALETTE[2])
_PLURALS = {"country": "countries", "affiliation": "affiliations"}  # title of plot_top; else label + "s"
_MARKER_SIZE = 2.5  # points: Bradford curve markers (also the label placer's obstacles)


def plot_annual_production(table: pd.DataFrame, title: str | None = "Annual scientific production"):
    """Records per year as bars, from :func:`litkit.indicators.annual_production`.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``year`` and ``articles``.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    _need(table, ("year", "articles"), "litkit.indicators.annual_production")
    with _fonts([title or ""]):
        fig, ax = plt.subplots(figsize=(7.0, 3.4))
        years = table["year"].to_numpy()
        ax.bar(years, table["articles"], color=PALETTE[0], width=0.8)
        ax.set_xlabel("Publication year")
        ax.set_ylabel("Articles")
        ax.set_ylim(bottom=0)
        ax.yaxis.get_major_locator().set_params(integer=True)
        if len(years) and years.max() - years.min() <= 25:
            ax.set_xticks(years[:: max(1, len(years) // 12)])
        if title:
            ax.set_title(title)
    return fig


def plot_top(
    table: pd.DataFrame,
    label: str,
    value: str = "articles",
    title: str | None = None,
    top: int | None = 20,
    max_label: int = 50,
):
    """Horizontal bars of a ranked table (authors, sources, institutions, countries, h-index ...).

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :mod:`litkit.indicators` (already ranked, first row on top).
    label : str
        Column of the names (``"author"``, ``"source"``, ``"institution"``, ``"country"``).  ISO 3166-1
        country codes are drawn as their short English names (GB as "United Kingdom").
    value : str, default "articles"
        Column of the bar lengths.  When it is ``"articles"`` and the table has
        ``articles_fractionalized``, the fractional count is drawn inside each bar.
    title : str, optional
        Default: "Most productive <label>s" ("countries" for ``"country"``).
    top : int, optional, default 20
        Bars drawn (the table's first rows).
    max_label : int, default 50
        Longer names are cut with "…".

    Returns
    -------
    matplotlib.figure.Figure
    """
    _need(table, (label, value), "a ranked table of litkit.indicators")
    rows = table.head(top) if top is not None else table
    shown = rows[label].astype(str)
    if label == "country":  # the tables keep ISO codes (joins, exports); readers want names
        shown = shown.map(country_name)
    names = [_short(v, max_label) for v in shown]
    if title is None:
        plural = _PLURALS.get(label, f"{label}s")
        title = f"Most productive {plural}" if value == "articles" else f"{value} by {label}"
    with _fonts(names + [title]):
        fig, ax = plt.subplots(figsize=(6.5, 0.9 + 0.24 * max(len(rows), 1)))
        y = np.arange(len(rows))
        ax.barh(y, rows[value], color=BAR_GREY if "articles_fractionalized" in rows else PALETTE[0], label=value)
        if value == "articles" and "articles_fractionalized" in rows:
            ax.barh(y, rows["articles_fractionalized"], color=PALETTE[0], height=0.45, label="fractionalized")
            ax.legend(frameon=False, fontsize="small", loc="lower right")
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.set_xlabel(value.replace("_", " "))
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        if title:
            ax.set_title(title)
    return fig


def plot_lotka(result, title: str | None = "Lotka's law"):
    """Author productivity on log-log axes: observed shares, the fitted line and Lotka's inverse square.

    Parameters
    ----------
    result : LotkaResult
        From :func:`litkit.indicators.lotka`.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = getattr(result, "table", None)
    if table is None:
        raise LitkitError("plot_lotka needs a LotkaResult", expected="the result of litkit.indicators.lotka")
    with _fonts([title or ""]):
        fig, ax = plt.subplots(figsize=(5.0, 3.8))
        x = table["articles"].to_numpy(dtype=float)
        ax.plot(x, table["freq"], "o", color=PALETTE[0], markersize=4, label="Observed")
        if np.isfinite(result.beta):
            grid = np.geomspace(x.min(), x.max(), 50) if len(x) else x
            ax.plot(
                grid,
                result.C / grid**result.beta,
                color=PALETTE[3],
                linewidth=1.2,
                label=f"Fitted: C = {result.C:.3g}, β = {result.beta:.2f}, R² = {result.r2:.2f}",
            )
            # Lotka's share at beta = 2, normalised over the observed values of x as the KS test uses it.
            ax.plot(
                grid,
                grid**-2.0 / np.sum(x**-2.0),
                color="black",
                linestyle="--",
                linewidth=1.0,
                label=f"Lotka β = 2 (KS p = {result.p_value:.3g})",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        if len(x) <= 12:  # few productivity classes: label each one as the integer it is
            ax.set_xticks(x, [str(int(v)) for v in x])
            ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_xlabel("Documents written")
        ax.set_ylabel("Share of authors")
        ax.legend(frameon=False, fontsize="small")
        if title:
            ax.set_title(title)
    return fig


def plot_bradford(
    table: pd.DataFrame, title: str | None = "Bradford's law", core_labels: int = 10, max_label: int = 40
):
    """Articles per source against source rank (log scale), the three zones shaded, core sources named.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`litkit.indicators.bradford`.
    title : str, optional
    core_labels : int, default 10
        Name at most this many core (zone 1) sources.
    max_label : int, default 40
        Longer names are cut with "…".

    Returns
    -------
    matplotlib.figure.Figure
    """
    _need(table, ("source", "rank", "articles", "zone"), "litkit.indicators._bradford")
    core = table[table["zone"] == 1].head(core_labels)
    names = [_short(str(s), max_label) for s in core["source"]]
    with _fonts(names + [title or ""]):
        fig, ax = plt.subplots(figsize=(7.0, 3.8))
        rank = table["rank"].to_numpy(dtype=float)
        ax.plot(rank, table["articles"], color="black", linewidth=1.0, marker="o", markersize=_MARKER_SIZE)
        for zone in (1, 2, 3):
            part = table[table["zone"] == zone]
            if len(part):
                lo, hi = part["rank"].min() - 0.5, part["rank"].max() + 0.5
                share = part["articles"].sum() / max(table["articles"].sum(), 1)
                ax.axvspan(
                    max(lo, 0.5),
                    hi,
                    color=_ZONE_COLOURS[zone - 1],
                    alpha=0.15,
                    linewidth=0,
                    label=f"Zone {zone}: {len(part)} sources, {share:.0%} of articles",
                )
        ax.set_xscale("log")
        ax.set_xlabel("Source rank (log scale)")
        ax.set_ylabel("Articles")
        ax.set_ylim(0, table["articles"].max() * 1.15 if len(table) else 1)
        # On an opaque white box: over the third zone's band the translucent swatches took its tint.
        legend = ax.legend(fontsize="small", loc="upper right", facecolor="white", framealpha=1.0, edgecolor="none")
        if title:
            ax.set_title(title)
        _clear_legend(fig, ax, legend, rank, table["articles"].to_numpy(dtype=float))
        if names:
            _name_core_sources(fig, ax, table, names, legend)
    return fig


# ---- private helpers -----------------------------------------------------------------------------


@contextlib.contextmanager
def _fonts(texts) -> Iterator[None]:
    """litkit's style (:func:`~litkit.plot.style.use_style` names the CJK fallback font) for the figure."""
    require_cjk_font(texts)
    use_style()
    yield


def _name_core_sources(fig, ax, table: pd.DataFrame, names: list[str], legend) -> None:
    """Name the core sources with litkit's one label placer (no overlaps, nothing clipped, same bytes each run).

    adjustText (used before) stops after a wall-clock time limit, so the positions, and the
    file's bytes, changed from one run to the next; :func:`litkit.plot.labels.place_labels` is a
    fixed greedy rule.  Every source's marker is an obstacle, and so are the legend and the curve
    itself (a name written across the line hides where it goes).
    """
    from .labels import marker_radii, place_labels

    xy = table[["rank", "articles"]].to_numpy(dtype=float)
    # Row positions of the core sources in ``table`` (``core`` is its first zone-1 rows, in table order).
    rows = [int(i) for i in np.flatnonzero(table["zone"].to_numpy() == 1)[: len(names)]]
    labels = [""] * len(table)
    for row, name in zip(rows, names):
        labels[row] = name
    fig.canvas.draw()  # the legend's final box
    taken = [legend.get_window_extent(fig.canvas.get_renderer())] if legend is not None else []
    taken += _curve_boxes(ax.transData.transform(xy))
    probe = ax.text(0, 0, "", fontsize="x-small")  # "x-small" in points under the current style
    size = probe.get_fontsize()
    probe.remove()
    place_labels(
        fig,
        ax,
        xy,
        rows,
        labels,
        marker_radii(np.full(len(table), _MARKER_SIZE**2), fig.dpi),
        np.full(len(table), size),
        taken=taken,
    )


def _clear_legend(fig, ax, legend, x: np.ndarray, y: np.ndarray, pad_px: float = 6.0) -> None:
    """Raise the top of the y axis until no point under the legend's columns is covered by it.

    The opaque legend sits in the upper right; a flat curve (small corpora: every source one or
    two articles) ran under it and hid the points of zone 2 and 3.  The legend keeps its place in
    axes coordinates, so one new upper limit suffices; a curve that already passes below it (the
    usual long tail) keeps its axis.
    """
    if legend is None or len(x) == 0:
        return
    fig.canvas.draw()
    box = legend.get_window_extent(fig.canvas.get_renderer())
    to_axes = ax.transAxes.inverted()
    px = ax.transData.transform(np.column_stack([x, y]))[:, 0]
    under = (px >= box.x0 - pad_px) & (px <= box.x1 + pad_px)
    if not under.any():
        return
    bottom = to_axes.transform((box.x0, box.y0 - pad_px))[1]  # the legend's lower edge, axes fraction
    lo, hi = ax.get_ylim()
    need = float(y[under].max())
    if bottom > 0.2 and (need - lo) / (hi - lo) > bottom:
        ax.set_ylim(lo, lo + (need - lo) / bottom)


def _curve_boxes(points: np.ndarray, step: float = 2.0, per_box: int = 3) -> list:
    """Small display boxes (at most ``step * per_box`` pixels a side) covering a polyline through ``points``."""
    from matplotlib.transforms import Bbox

    if len(points) < 2:
        return []
    seg = np.diff(points, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    along = np.concatenate([[0.0], np.cumsum(lengths)])
    at = np.arange(0.0, along[-1] + step, step)
    samples = np.column_stack([np.interp(at, along, points[:, 0]), np.interp(at, along, points[:, 1])])
    return [
        Bbox([chunk.min(axis=0), chunk.max(axis=0)]) for chunk in np.array_split(samples, -(-len(samples) // per_box))
    ]


def _need(table, columns, what: str) -> None:
    if not isinstance(table, pd.DataFrame) or any(c not in table.columns for c in columns):
        raise LitkitError(f"the table lacks the column(s) {list(columns)}", expected=f"the output of {what}")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
