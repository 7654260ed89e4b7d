"""The burst table as a figure, in the look of CiteSpace's "strongest citation bursts" (Figure 5).

One row per item, strongest first: the item, the first year it occurs, the
burst strength, the burst's begin and end years, and a bar over the whole
period, grey, with the burst years in red.

Examples
--------
>>> from litkit.bursts import citation_bursts                          # doctest: +SKIP
>>> from litkit.plot.bursts import plot_bursts, save_bursts           # doctest: +SKIP
>>> table = citation_bursts(corpus, kind="cited_journal", top=20)     # doctest: +SKIP
>>> save_bursts(table, "figures/figure5_cited_journal_bursts")        # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Rectangle

from ..bursts import ITEM_COLUMN
from ..errors import LitkitError
from .style import BAR_GREY, BURST_RED, FORMATS, PALETTE, require_cjk_font, save_figure, use_style

_KIND_HEADER = {
    "cited_journal": "Cited journals",
    "cited_reference": "References",
    "keyword": "Keywords",
    "author": "Authors",
}
_KIND_TITLE = {
    "cited_journal": "cited journals",
    "cited_reference": "references",
    "keyword": "keywords",
    "author": "authors",
}

_ROW_HEIGHT_IN = 0.24  # inches per table row: 20 rows fit a journal column
_HEADER_IN = 0.75


def _standardise(table: pd.DataFrame, kind: str | None) -> tuple[pd.DataFrame, str]:
    """Accept a :func:`litkit.bursts.citation_bursts` table or its Figure 5 CSV form."""
    table = table.copy()
    if "item" not in table.columns:
        found = [k for k, col in ITEM_COLUMN.items() if col in table.columns]
        if not found:
            raise LitkitError(
                "the burst table has no item column",
                expected="a column 'item' or one of " + ", ".join(ITEM_COLUMN.values()),
            )
        kind = kind or found[0]
        table = table.rename(columns={ITEM_COLUMN[found[0]]: "item"})
    kind = kind or table.attrs.get("kind", "cited_journal")
    missing = [c for c in ("item", "year", "strength", "begin", "end") if c not in table.columns]
    if missing:
        raise LitkitError(f"the burst table lacks columns {missing}", expected="item, year, strength, begin, end")
    return table.reset_index(drop=True), kind


def _period(table: pd.DataFrame, period) -> tuple[int, int]:
    if period is not None:
        first, last = (int(y) for y in period)
    elif {"period_start", "period_end"} <= set(table.columns) and len(table):
        first, last = int(table["period_start"].min()), int(table["period_end"].max())
    elif len(table):
        first, last = int(min(table["year"].min(), table["begin"].min())), int(table["end"].max())
    else:
        raise LitkitError("an empty burst table needs an explicit period=(first, last)")
    if first > last:
        raise LitkitError(f"period starts ({first}) after it ends ({last})")
    return first, last


def plot_bursts(
    table: pd.DataFrame,
    kind: str | None = None,
    period: tuple[int, int] | None = None,
    title: str | None = None,
    decimals: int = 2,
    item_width: float | None = None,
    bar_width: float = 3.6,
    events: pd.DataFrame | None = None,
    event_label: str = "title_en",
):
    """Draw a burst table as a Figure 5-style figure.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`litkit.bursts.citation_bursts`, or its CSV form
        (:func:`litkit.bursts.figure5_table`) with columns rank, <kind>, year,
        strength, begin, end.  Rows are drawn in the table's order (strongest
        first).
    kind : str, optional
        Item kind for the header; taken from the table when omitted.
    period : (int, int), optional
        First and last year of the bar (default: the table's period columns,
        else the range its years cover).
    title : str, optional
        Default: "Top N <kind> with the strongest citation bursts".
    decimals : int, default 2
        Strength decimals shown.
    item_width, bar_width : float
        Widths in inches of the item column (default: from the longest item,
        at least 2.2) and of the bar column.
    events : pandas.DataFrame, optional
        Policy events to mark on the bars (the literature–policy overlay on the
        burst timeline): a :func:`litkit.policy.timeline_table` (its
        decimal year ``x`` and ``date``) or any table with ``year``.  Each event
        is a numbered dashed line across the bars; the numbers are keyed below
        the figure with date and ``event_label``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    table, kind = _standardise(table, kind)
    first, last = _period(table, period)
    items = [str(v) for v in table["item"]]
    require_cjk_font(items + [title or ""])
    measure = item_width is None
    if measure:
        # ~0.075 inch per character at 9 pt (CJK characters are about twice as wide)
        longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in item) for item in items), default=0)
        item_width = max(2.2, 0.075 * longest + 0.2)
    key = _event_key(events, event_label, first, last) if events is not None else []
    require_cjk_font([text for _, _, _, text in key])
    use_style()
    if measure:
        # Capitals are wider than the estimate: "ACADEMY OF MANAGEMENT JOURNAL" ran into its year.  The
        # column widens to the widest item as the figure's font draws it (the item starts 2 % in, the
        # year column's first digit ~0.14 in left of its centre); narrower items keep the estimate.
        item_width = max(item_width, 1.02 * _text_width_in(items) + 0.08)
    fig = _draw(
        table,
        kind,
        first,
        last,
        title,
        decimals,
        item_width,
        bar_width,
        bottom_in=_ROW_HEIGHT_IN * (len(key) + 1.2) if key else 0.0,
    )
    if key:
        _mark_events(fig, key, len(table))
    return fig


EVENT_BLUE = PALETTE[0]  # policy events: distinct from the red of the bursts they are read against


def _event_key(events: pd.DataFrame, label: str, first: int, last: int) -> list[tuple[int, float, str, str]]:
    """``(number, x, date, text)`` for the events inside the bar's period, in time order."""
    xs = (events["x"] if "x" in events.columns else events["year"]).astype(float)
    dates = events["date"] if "date" in events.columns else events["year"]
    texts = events[label] if label in events.columns else pd.Series([""] * len(events), index=events.index)
    rows = sorted(
        (float(x), "" if pd.isna(d) else str(d), "" if pd.isna(t) else str(t))
        for x, d, t in zip(xs, dates, texts)
        if first <= float(x) < last + 1
    )
    return [(i, x, d, t) for i, (x, d, t) in enumerate(rows, start=1)]


def _mark_events(fig, key, n_rows: int) -> None:
    bar_ax = fig.axes[1]
    bottom = n_rows - 0.5 + 0.9
    bar_ax.set_ylim(bottom, bar_ax.get_ylim()[1])
    x0, x1 = bar_ax.get_xlim()
    years_per_inch = (x1 - x0) / (bar_ax.get_position().width * fig.get_figwidth())
    last_mark_x = None
    for number, x, _, _ in key:
        bar_ax.plot(
            [x, x], [-0.45, n_rows - 0.5], color=EVENT_BLUE, linewidth=0.8, linestyle="--", zorder=3, clip_on=False
        )
        # numbers closer than a digit pair's width drop one line lower, so they never overprint
        low = last_mark_x is not None and (x - last_mark_x) < 0.16 * years_per_inch
        bar_ax.text(
            x,
            n_rows - 0.5 + (0.75 if low else 0.35),
            str(number),
            ha="center",
            va="center",
            color=EVENT_BLUE,
            fontsize=7,
            fontweight="bold",
        )
        last_mark_x = None if low else x
    fig_height = fig.get_figheight()
    for i, (number, _, date, text) in enumerate(key):
        fig.text(
            0.02,
            (_ROW_HEIGHT_IN * (len(key) - i + 0.2)) / fig_height,
            f"{number}  {date}  {text}",
            ha="left",
            va="center",
            fontsize=7,
        )


def _text_width_in(texts: list[str]) -> float:
    """Width in inches of the widest text at the current font size, as a figure draws it (CJK fallback included)."""
    from .style import text_width_pt

    scratch = plt.figure()
    try:
        size = plt.rcParams["font.size"]
        return max((text_width_pt(scratch, t, size) for t in texts if t), default=0.0) / 72
    finally:
        plt.close(scratch)


def _draw(table, kind, first, last, title, decimals, item_width, bar_width, bottom_in: float = 0.0):
    n = len(table)
    numbers_width = 2.3  # year, strength, begin, end
    width = item_width + numbers_width + bar_width
    height = _HEADER_IN + _ROW_HEIGHT_IN * max(n, 1) + bottom_in
    fig = plt.figure(figsize=(width, height))
    top = 1 - _HEADER_IN / height * 0.55
    bottom = bottom_in / height
    text_ax = fig.add_axes((0, bottom, (item_width + numbers_width) / width, top - bottom))
    bar_ax = fig.add_axes(((item_width + numbers_width) / width, bottom, bar_width / width * 0.97, top - bottom))
    for ax in (text_ax, bar_ax):
        ax.set_ylim(n - 0.5 if n else 0.5, -0.5 - 0.9)  # row 0 on top, header row at -1.2
        ax.axis("off")

    # Text columns: item left-aligned, numbers centred.
    x_item = 0.02
    x_num = [(item_width + numbers_width * f) / (item_width + numbers_width) for f in (0.12, 0.38, 0.64, 0.88)]
    header = [_KIND_HEADER.get(kind, "Items"), "Year", "Strength", "Begin", "End"]
    y_head = -1.1
    text_ax.set_xlim(0, 1)
    text_ax.text(x_item, y_head, header[0], ha="left", va="center", fontweight="bold")
    for x, label in zip(x_num, header[1:]):
        text_ax.text(x, y_head, label, ha="center", va="center", fontweight="bold")
    for i, row in table.iterrows():
        text_ax.text(x_item, i, str(row["item"]), ha="left", va="center")
        values = [
            f"{int(row['year'])}",
            f"{float(row['strength']):.{decimals}f}",
            f"{int(row['begin'])}",
            f"{int(row['end'])}",
        ]
        for x, value in zip(x_num, values):
            text_ax.text(x, i, value, ha="center", va="center")

    # The bar: one unit per year, grey over the period, red over the burst years (inclusive ends).
    bar_ax.set_xlim(first - 0.5, last + 1.5)
    bar_ax.text((first + last + 1) / 2, y_head, f"{first} \u2013 {last}", ha="center", va="center", fontweight="bold")
    thickness = 0.38
    for i, row in table.iterrows():
        bar_ax.add_patch(
            Rectangle((first, i - thickness / 2), last - first + 1, thickness, facecolor=BAR_GREY, edgecolor="none")
        )
        begin, end = max(int(row["begin"]), first), min(int(row["end"]), last)
        if begin <= end:
            bar_ax.add_patch(
                Rectangle((begin, i - thickness / 2), end - begin + 1, thickness, facecolor=BURST_RED, edgecolor="none")
            )
    # A rule under the header, across both columns.
    for ax, (x0, x1) in ((text_ax, (0, 1)), (bar_ax, (first - 0.5, last + 1.5))):
        ax.plot([x0, x1], [-0.6, -0.6], color="black", linewidth=0.6, clip_on=False)
    if title is None:
        title = f"Top {n} {_KIND_TITLE.get(kind, 'items')} with the strongest citation bursts"
    if title:
        fig.suptitle(title, y=1.0, fontweight="bold")
    return fig


def save_bursts(
    table: pd.DataFrame,
    path_stem: str | Path,
    kind: str | None = None,
    period: tuple[int, int] | None = None,
    title: str | None = None,
    formats: Iterable[str] = FORMATS,
    overwrite: bool = False,
    events: pd.DataFrame | None = None,
) -> list[Path]:
    """Draw :func:`plot_bursts` and write it with :func:`litkit.plot.style.save_figure`; return the paths.

    Parameters are those of :func:`plot_bursts` and :func:`~litkit.plot.style.save_figure`
    (``overwrite`` false: an existing file is an error).
    """
    fig = plot_bursts(table, kind=kind, period=period, title=title, events=events)
    return save_figure(fig, path_stem, formats=formats, overwrite=overwrite, close=True)


def plot_bursts_csv(csv_path: str | Path, period: tuple[int, int] | None = None, title: str | None = None):
    """Draw a Figure 5-style figure straight from a burst CSV (e.g. the review's seed table).

    Parameters
    ----------
    csv_path : str or Path
        A CSV with columns rank, <kind>, year, strength, begin, end, as written
        by :func:`litkit.bursts.write_burst_table`.
    period : (int, int), optional
        The bar's span; the review's Figure 5 uses ``(1970, 2023)``.

    Examples
    --------
    >>> fig = plot_bursts_csv("figure5_cited_journal_bursts.csv", period=(1970, 2023))  # doctest: +SKIP
    """
    try:
        table = pd.read_csv(csv_path, encoding="utf-8", dtype={"strength": float})
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise LitkitError(f"cannot read the burst table ({exc})", path=csv_path) from None
    if "rank" in table.columns:
        table = table.sort_values("rank", kind="mergesort")
    return plot_bursts(table, period=period, title=title)
