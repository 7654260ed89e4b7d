"""Figures for policy analysis: timeline (the review's Table 1), term evolution,
co-issuing network, policy instruments, literature–policy overlay.

Every function takes a table computed by :mod:`litkit.policy` and returns a
matplotlib Figure; save it with :func:`litkit.plot.style.save_figure`, which
refuses to write a figure with missing glyphs.

Examples
--------
>>> from litkit.policy import from_metadata
>>> from litkit.policy import timeline_table
>>> from litkit.plot.policy import plot_timeline
>>> from litkit.plot.style import save_figure
>>> fig = plot_timeline(timeline_table(from_metadata("table1.csv")))   # doctest: +SKIP
>>> save_figure(fig, "figures/table1_timeline")                       # doctest: +SKIP
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.text import Text

from ..errors import LitkitError
from ..policy.policy_timeline import LANES, phase_table
from ..policy.policy_timeline import cell_text as _text
from .style import BAR_GREY, BURST_RED, PALETTE, require_cjk_font, text_width_pt, use_style

_LANE_COLOURS = {key: PALETTE[i] for i, (key, _, _) in enumerate(LANES)}
#: The most documents one labelled timeline draws: the project's table has 57, the review's Table 1 a dozen;
#: a list of thousands (the State Council list: 5,781) stacks labels into an unreadable column many metres high.
MAX_TIMELINE_DOCUMENTS = 120
#: Smallest font size of a phase header (points) when its band is too narrow for it.
MIN_HEADER_PT = 5.5
_PHASE_SHADES = ("#F2F2F2", "#FFFFFF")


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text or "", width=width, break_long_words=True, break_on_hyphens=False) if text else []


def _label_lines(row, language: str, note: str | None, en_width: int, zh_width: int) -> list[tuple[str, str]]:
    """Label lines as (text, style) pairs: style 'en', 'zh' or 'note'."""
    lines: list[tuple[str, str]] = []
    head, number, title_zh = _text(row.title_en), _text(row.doc_number), _text(row.title_zh)
    if number:
        head = f"{head} ({number})" if head else number
    date = _text(row.date) or str(row.year)
    dated_head = language in ("both", "en") and bool(head)
    if dated_head:
        lines += [(t, "en") for t in _wrap(f"{date}  {head}", en_width)]
    if language in ("both", "zh") and title_zh:
        # the date leads the first line drawn: a law with neither English title nor number keeps its date too,
        # on its own line when the title does not fit beside it (wrapped together, 中华人民共和国固体废物污染
        # 环境防治法 broke after 中华人民共, the date eating the line)
        zh = title_zh if dated_head else f"{date}  {title_zh}"
        wrapped = _wrap(zh, zh_width)
        if not dated_head and len(zh) > zh_width:
            lines.append((date, "zh"))  # drawn as the date wrapped with the title was
            wrapped = _wrap(title_zh, zh_width)
            if len(wrapped) > 1 and len(wrapped[-1]) <= 2:  # no line of one or two characters (…防治 / 法)
                wrapped = _wrap(title_zh, zh_width + len(wrapped[-1]))
        lines += [(t, "zh") for t in wrapped]
    if note:
        lines += [(t, "note") for t in _wrap(note, en_width)]
    return lines


def plot_timeline(
    table: pd.DataFrame,
    phases=None,
    language: str = "both",
    note_column: str | None = None,
    notes: pd.Series | None = None,
    title: str | None = None,
    width: float = 16.0,
    en_width: int = 34,
    zh_width: int = 17,
    font_size: float = 6.5,
    max_documents: int = MAX_TIMELINE_DOCUMENTS,
):
    """Draw a policy timeline: issuer lanes (rows), phases (shaded spans), one labelled marker per document.

    Parameters
    ----------
    table : DataFrame
        :func:`litkit.policy.timeline_table` output.
    phases : phases as in :func:`~litkit.policy.phase_table` (default: the project's phases).
    language : {"both", "en", "zh"}
        Label language; ``both`` puts the English title (with 文号) over the Chinese one.
    notes : Series, optional
        Extra grey line per document (index = ``doc_id``), e.g. the review's
        "significance" column, so that one figure says what Table 1 says.
    en_width, zh_width : int
        Wrap widths (characters) for English and Chinese label lines.
    max_documents : int
        More documents than this are an error: select the review's documents first
        (:meth:`litkit.policy.PolicyCorpus.select`) or draw :func:`plot_documents_per_year`.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Label widths are measured with the renderer (full-width 〔〕 and 文号 digits
    included).  Labels are packed deterministically: within a lane, each label
    takes the first sub-row where it does not overlap an earlier one, so the
    same table always gives the same figure.
    """
    if len(table) > max_documents:
        raise LitkitError(
            f"{len(table):,} documents are too many to label on one timeline",
            expected=f"at most {max_documents}: select the review's documents first (PolicyCorpus.select, "
            "litkit policy --title-contains/--since/--until) or draw plot_documents_per_year",
        )
    use_style(font_size + 2)
    texts = list(table["label"].fillna("")) + [z for _, _, z in LANES]
    require_cjk_font(texts)
    phase_tab = phase_table(phases)
    x_min, x_max = 2010.0, 2025.0
    if len(table):
        # The phases widen the axis by at most a year beyond the documents: MEE's carbon documents of 2018-2022
        # were drawn in the right half of a 2010-2025 axis (the project's phases), crowded into tall columns.
        lo, hi = float(table["x"].min()), float(table["x"].max())
        x_min = min(lo, max(float(phase_tab["start"].min()), np.floor(lo) - 1))
        x_max = max(hi, min(float(phase_tab["end"].max()) + 1, np.ceil(hi) + 1))
    # Label widths are measured with the renderer: full-width brackets 〔〕 and the digits of a 文号
    # make any characters-times-em estimate wrong, and a wrong estimate means overprinted labels.
    fig, ax = plt.subplots(figsize=(width, 3.0))
    fig.subplots_adjust(right=0.98)  # labels run to the axes' right end: no empty strip beyond it

    def width_pt(text: str, style: str) -> float:
        return text_width_pt(fig, text, font_size, style="italic" if style == "note" else "normal")

    label_lines = []  # per row of the table: (lines, widest line in points)
    for row in table.itertuples(index=False):
        note = str(notes.loc[row.doc_id]) if notes is not None and row.doc_id in notes.index else None
        lines = _label_lines(row, language, note, en_width, zh_width)
        label_lines.append((lines, max((width_pt(t, s) for t, s in lines), default=font_size)))
    # Years per point of the x axis.  The axis runs to the right end of the last label, which itself
    # depends on the scale: iterate to the fixed point (it converges in a few steps).
    axes_pt = ax.get_position().width * width * 72.0
    pad_pt = 4.0 + 6.0  # marker-to-text offset, and the gap kept between neighbouring labels
    years_per_point = (x_max - x_min + 0.15) / axes_pt
    for _ in range(20):
        right = max(
            [x_max + 0.1]
            + [
                float(x) + (text_pt + pad_pt) * years_per_point + 0.1
                for x, (_, text_pt) in zip(table["x"], label_lines)
            ]
        )
        new = (right - (x_min - 0.05)) / axes_pt
        if abs(new - years_per_point) < 1e-9:
            break
        years_per_point = new
    line_height = 1.0  # in "line" units of the y axis

    placed = []  # (lane, height of the lane in label lines)
    right_edge = x_max
    layout = []
    lanes_present = sorted(set(table["lane"]), key=lambda k: [key for key, _, _ in LANES].index(k))
    for lane in lanes_present:
        positions = np.flatnonzero((table["lane"] == lane).to_numpy())
        occupied: list[list[tuple[float, float, float, float]]] = []  # per lane: (x0, x1, y0, y1)
        for pos, row in zip(positions, table.iloc[positions].itertuples(index=False)):
            lines, text_pt = label_lines[pos]
            w = (text_pt + pad_pt) * years_per_point
            h = len(lines) * line_height + 0.6
            x0, x1 = row.x, row.x + w
            y0 = 0.0
            moved = True  # move up past every label it overlaps until it overlaps none
            while moved:
                moved = False
                for a0, a1, b0, b1 in occupied:
                    if a0 < x1 and x0 < a1 and b0 < y0 + h and y0 < b1:
                        y0, moved = b1, True
            occupied.append((x0, x1, y0, y0 + h))
            right_edge = max(right_edge, x1)
            layout.append((lane, row, lines, y0))
        placed.append((lane, max((o[3] for o in occupied), default=1.0)))

    # Stack lanes top to bottom.
    lane_base, total = {}, 0.0
    for lane, height in reversed(placed):
        lane_base[lane] = total
        total += height + 0.8
    fig_height = max(3.0, min(40.0, 0.13 * total + 1.2))
    fig.set_size_inches(width, fig_height)
    x_lo, x_hi = x_min - 0.05, max(x_max + 0.1, right_edge + 0.1)
    for i, row in enumerate(phase_tab.itertuples(index=False)):
        start, end = max(row.start, x_min), min(row.end + 1, x_max)  # the part of the phase on the axis
        if end <= start:
            continue
        ax.axvspan(start, end, color=_PHASE_SHADES[i % 2], zorder=0, lw=0)
        if row.start >= x_min:
            ax.axvline(row.start, color=BAR_GREY, lw=0.6, zorder=1)
        band_pt = (end - start) * axes_pt / (x_hi - x_lo)
        header, header_size = _fit_header(row.phase, row.phase_zh, band_pt, font_size + 1.5, fig)
        ax.text(
            (start + end) / 2,
            total + 0.3,
            header,
            ha="center",
            va="bottom",
            fontsize=header_size,
            fontweight="bold",
            color="#444444",
        )
    lane_names = {key: (en, zh) for key, en, zh in LANES}
    for lane, height in placed:
        base = lane_base[lane]
        ax.axhline(base - 0.4, color=BAR_GREY, lw=0.5, zorder=1)
        en, zh = lane_names[lane]
        label = {"both": f"{en}\n{zh}", "en": en, "zh": zh}[language]
        ax.text(
            x_min - 0.15,
            base + height / 2,
            label,
            ha="right",
            va="center",
            fontsize=font_size + 1,
            color=_LANE_COLOURS[lane],
            fontweight="bold",
        )
    for lane, row, lines, y0 in layout:
        colour = _LANE_COLOURS[lane]
        top = lane_base[lane] + y0 + len(lines) * line_height + 0.3
        ax.plot([row.x], [top], marker="o", ms=4, color=colour, zorder=4, clip_on=False)
        ax.plot([row.x, row.x], [lane_base[lane] + y0 + 0.1, top], color=colour, lw=0.6, zorder=3)
        for k, (text, style) in enumerate(lines):
            ax.text(
                row.x + 4 * years_per_point,
                top - 0.5 - k * line_height,
                text,
                fontsize=font_size,
                va="center",
                ha="left",
                color={"en": "#111111", "zh": "#333333", "note": "#777777"}[style],
                style="italic" if style == "note" else "normal",
                zorder=5,
            )
    ax.set_xlim(x_min - 0.05, max(x_max + 0.1, right_edge + 0.1))
    ax.set_ylim(-0.6, total + 2.2)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    tick_size = Text(fontsize=plt.rcParams["xtick.labelsize"]).get_fontsize()  # "medium" etc. in points
    ticks = _year_ticks(x_min, x_max, axes_pt / (x_hi - x_lo), text_width_pt(fig, "2000", tick_size))
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(t) for t in ticks])
    ax.set_xlabel("Year / 年份")
    if title:
        ax.set_title(title, loc="left", fontsize=font_size + 3, pad=28)
    return fig


def _year_ticks(x_min: float, x_max: float, points_per_year: float, label_pt: float) -> list[int]:
    """Every year when the labels fit, else every 2, 5, 10 … years (multiples of the step).

    The Government Work Reports span 1954-2025 and the Congress reports 1921-2022: a label every year
    overprinted the axis into one grey bar.

    >>> _year_ticks(2010, 2024, 60.0, 20.0)[:3], _year_ticks(1954, 2025, 14.0, 20.0)[:3]
    ([2010, 2011, 2012], [1955, 1960, 1965])
    """
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50) if s * points_per_year >= 1.5 * label_pt), 100)
    first, last = int(np.floor(x_min)), int(np.ceil(x_max))
    return [t for t in range(first, last + 1) if t % step == 0]


def plot_documents_per_year(table: pd.DataFrame, phases=None, language: str = "both", title: str | None = None):
    """Documents per year, stacked by issuer lane, over the phases: the overview of a list too long to label.

    Parameters
    ----------
    table : DataFrame
        :func:`litkit.policy.timeline_table` output (any number of documents).
    phases : phases as in :func:`~litkit.policy.phase_table` (default: the project's phases).
    language : {"both", "en", "zh"}
        Language of the lane names in the legend.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import litkit.policy as lp
    >>> docs = lp.PolicyCorpus.from_records([{"title_zh": "国务院关于某事的通知", "issuers": ["国务院"],
    ...                                       "date": "2021-10-24"}])
    >>> fig = plot_documents_per_year(lp.timeline_table(docs))
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['State Council 国务院']
    """
    use_style()
    lane_names = {key: (en, zh) for key, en, zh in LANES}
    require_cjk_font([zh for _, zh in lane_names.values()])
    phase_tab = phase_table(phases)
    counts = table.groupby(["year", "lane"]).size().unstack("lane", fill_value=0) if len(table) else pd.DataFrame()
    first = int(min(counts.index.min(), phase_tab["start"].min())) if len(counts) else int(phase_tab["start"].min())
    last = int(max(counts.index.max(), phase_tab["end"].max())) if len(counts) else int(phase_tab["end"].max())
    years = np.arange(first, last + 1)
    counts = counts.reindex(years, fill_value=0)
    width = 10.0
    fig, ax = plt.subplots(figsize=(width, 4.2))
    x_lo, x_hi = first - 0.6, last + 0.6
    axes_pt = ax.get_position().width * width * 72.0
    for i, row in enumerate(phase_tab.itertuples(index=False)):
        ax.axvspan(row.start - 0.5, row.end + 0.5, color=_PHASE_SHADES[i % 2], zorder=0, lw=0)
        english = row.phase if language in ("both", "en") else ""
        chinese = row.phase_zh if language in ("both", "zh") else ""
        # fitted to its band, as on the timeline: three phases in a 55-year list are narrow bands
        band_pt = (row.end + 1 - row.start) * axes_pt / (x_hi - x_lo)
        header, size = _fit_header(english, chinese, band_pt, 7.0, fig)
        ax.text(
            (row.start + row.end) / 2,
            1.01,
            header,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=size,
            fontweight="bold",
            color="#444444",
        )
    bottom = np.zeros(len(years))
    for key, _, _ in LANES:  # the lanes in the timeline's order, each in its timeline colour
        if key not in counts.columns:
            continue
        en, zh = lane_names[key]
        name = {"both": f"{en} {zh}", "en": en, "zh": zh}[language]
        values = counts[key].to_numpy()
        ax.bar(years, values, bottom=bottom, width=0.8, color=_LANE_COLOURS[key], label=name, zorder=2)
        bottom += values
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylabel("Documents / 文件数")
    ax.set_xlabel("Year / 年份")
    step = next(s for s in (1, 2, 5, 10, 20, 50) if (last - first) / s <= 15)
    ax.set_xticks([y for y in years if y % step == 0])
    ax.yaxis.get_major_locator().set_params(integer=True)
    if len(counts.columns):  # beside the axes: a legend inside would cover the bars of some list
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    total = int(bottom.sum())
    ax.set_title(title or f"{total:,} policy documents per year, by issuer", loc="left", pad=30)
    return fig


def _fit_header(english: str, chinese: str, band_pt: float, size: float, fig) -> tuple[str, float]:
    """The phase header (English, then Chinese) and its font size, fitted to the band ``band_pt`` points wide.

    A long period makes a five-year band narrow: unwrapped, "Institutional exploration" ran into the next
    phase's header.  The English is wrapped at word breaks until it fits; if even one word per line (or the
    Chinese line) is too wide, the font is made smaller, down to :data:`MIN_HEADER_PT` (a legible size; the
    project's four-year phase on the Congress reports' 1921-2022 axis came out in 3-point type): below that
    the header, one word per line, overflows its narrow band by a few points.  A header that fits is
    returned unchanged.
    """
    room = band_pt - 6.0  # a small gap to the next header

    def width(candidate: str, points: float) -> float:
        return text_width_pt(fig, candidate, points, fontweight="bold")

    def header(en: str) -> str:
        return f"{en}\n{chinese}".strip()

    if width(header(english), size) <= room:
        return header(english), size
    wrapped = textwrap.fill(english, 1, break_long_words=False)  # one word per line: the narrowest it gets
    for chars in range(len(english) - 1, 0, -1):
        candidate = textwrap.fill(english, chars, break_long_words=False)
        if width(header(candidate), size) <= room:
            wrapped = candidate
            break
    widest = width(header(wrapped), size)
    return header(wrapped), size if widest <= room else max(size * room / widest, min(size, MIN_HEADER_PT))


def plot_term_heatmap(
    matrix: pd.DataFrame,
    value_label: str = "occurrences per 10,000 characters",
    title: str | None = None,
    show_english: bool = True,
):
    """Heatmap of a term × year matrix (:func:`litkit.policy.terms.term_matrix`)."""
    from ..policy.terms import TERMS_EN

    use_style()
    labels = [f"{t}  {TERMS_EN[t]}" if show_english and t in TERMS_EN else t for t in matrix.index]
    require_cjk_font(labels)
    years = list(matrix.columns)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.16 * len(years) + 3), 0.42 * len(labels) + 1.4))
    data = matrix.to_numpy(dtype=float)
    im = ax.imshow(data, aspect="auto", cmap="YlGnBu", interpolation="nearest")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    step = max(1, len(years) // 25)
    ax.set_xticks(range(0, len(years), step))
    ax.set_xticklabels([str(y) for y in years[::step]], rotation=90)
    for spine in ax.spines.values():
        spine.set_visible(False)
    cbar = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01)
    cbar.set_label(value_label)
    if title:
        ax.set_title(title, loc="left")
    return fig


def plot_term_lines(
    counts: pd.DataFrame,
    value: str = "per_10k",
    terms: Sequence[str] | None = None,
    title: str | None = None,
    first: pd.DataFrame | None = None,
):
    """Line chart of term frequency by year (one line per term); stars mark first appearances.

    Years without a document (e.g. no Government Work Report in 2020) are not
    plotted, so a line joins the years on either side of a gap.
    """
    from ..policy.terms import TERMS_EN, term_matrix

    use_style()
    matrix = term_matrix(counts, value=value)
    if terms is not None:
        matrix = matrix.reindex(list(terms)).fillna(0)
    labels = [f"{t} ({TERMS_EN[t]})" if t in TERMS_EN else t for t in matrix.index]
    require_cjk_font(labels)
    fig, ax = plt.subplots(figsize=(8, 4))
    years = [int(y) for y in matrix.columns]
    for i, (term, label) in enumerate(zip(matrix.index, labels)):
        ax.plot(
            years,
            matrix.loc[term].to_numpy(dtype=float),
            marker="o",
            ms=2.5,
            lw=1.2,
            color=PALETTE[i % len(PALETTE)],
            label=label,
        )
        if first is not None:
            hit = first[first["term"] == term]
            if len(hit) and not pd.isna(hit["first_year"].iloc[0]):
                fy = int(hit["first_year"].iloc[0])
                ax.plot(
                    [fy],
                    [matrix.loc[term, fy] if fy in matrix.columns else 0],
                    marker="*",
                    ms=9,
                    color=PALETTE[i % len(PALETTE)],
                    zorder=5,
                )
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel({"per_10k": "per 10,000 characters", "count": "occurrences"}.get(value, value))
    ax.set_xlabel("Year")
    # Outside the axes: the lines of a term-evolution chart fill the plot area's top.
    ax.legend(frameon=False, fontsize=7, ncol=1, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if title:
        ax.set_title(title, loc="left")
    return fig


def plot_coissuing_network(graph, language: str = "en", title: str | None = None):
    """Co-issuing network on a circle: node size = documents issued, edge width = joint documents.

    Agencies are placed on a circle grouped by connected component (largest
    first) and, within a component, by documents issued — a deterministic
    layout whose labels sit outside the circle and never cover one another for
    the few dozen agencies a policy corpus has.  Blue nodes issued at least one
    document jointly; orange nodes only alone.
    """
    import networkx as nx

    use_style()
    if language == "both":
        names = {n: f"{n}  {graph.nodes[n].get('label_en', '')}" for n in graph.nodes}
    else:
        names = {n: (graph.nodes[n].get("label_en", n) if language == "en" else n) for n in graph.nodes}
    require_cjk_font(names.values())
    n_nodes = graph.number_of_nodes()
    fig, ax = plt.subplots(figsize=(9, 7))
    if n_nodes == 0:
        ax.text(0.5, 0.5, "no documents", ha="center")
        ax.set_axis_off()
        return fig
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    order = [n for comp in components for n in sorted(comp, key=lambda n: (-graph.nodes[n].get("documents", 0), n))]
    angles = {n: np.pi / 2 - 2 * np.pi * i / n_nodes for i, n in enumerate(order)}
    pos = {n: (np.cos(a), np.sin(a)) for n, a in angles.items()}
    widths = [0.5 + 1.0 * graph.edges[e]["weight"] for e in graph.edges]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color=BAR_GREY, alpha=0.9)
    sizes = [60 + 40 * graph.nodes[n].get("documents", 1) for n in graph.nodes]
    colours = [PALETTE[0] if graph.nodes[n].get("joint", 0) else PALETTE[1] for n in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.9)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.25, 1.25)
    ax.set_aspect("equal")
    ax.set_axis_off()
    # Each label starts just outside its own marker (radius from the marker area) on the ray from the
    # centre: links are chords inside the circle, so a label there covers neither a node nor a link.
    ax.apply_aspect()
    points_per_unit = ax.get_window_extent().width * 72.0 / fig.dpi / 3.8
    area = dict(zip(graph.nodes, sizes))
    for n, a in angles.items():
        r = 1.0 + (np.sqrt(area[n]) / 2 + 4.0) / points_per_unit
        x, y = r * np.cos(a), r * np.sin(a)
        ax.text(
            x,
            y,
            f"{names[n]} ({graph.nodes[n].get('documents', 0)})",
            fontsize=7,
            va="center" if abs(np.sin(a)) < 0.9 else ("bottom" if np.sin(a) > 0 else "top"),
            ha="left" if np.cos(a) >= -1e-9 else "right",
        )
    if title:
        ax.set_title(title, loc="left")
    return fig


def plot_instruments(counts: pd.DataFrame, index: str = "phase", share: bool = False, title: str | None = None):
    """Stacked bars of supply / environment / demand keyword hits per period (or per document)."""
    use_style()
    labels = [str(v) for v in counts[index]]
    require_cjk_font(labels)
    cats = [("supply", "Supply-side 供给型"), ("environment", "Environmental 环境型"), ("demand", "Demand-side 需求型")]
    require_cjk_font([c[1] for c in cats])
    fig, ax = plt.subplots(figsize=(max(5.0, 1.6 * len(labels) + 2), 4))
    bottom = np.zeros(len(counts))
    for i, (cat, label) in enumerate(cats):
        values = counts[f"{cat}_share"] if share else counts[cat]
        values = values.to_numpy(dtype=float)
        ax.bar(range(len(counts)), values, bottom=bottom, color=PALETTE[i], label=label, width=0.6)
        bottom += values
    ax.set_xticks(range(len(counts)))
    ax.set_xticklabels(["\n".join(textwrap.wrap(lbl, 22)) for lbl in labels])
    ax.set_ylabel("share of keyword hits" if share else "keyword hits")
    ax.legend(frameon=False, fontsize=7)
    if title:
        ax.set_title(title, loc="left")
    return fig


def mark_policy_events(
    ax,
    events: pd.DataFrame,
    label: str = "title_en",
    max_label: int = 40,
    colour: str = BURST_RED,
    year_offset: float = 0.0,
    fontsize: float = 6.5,
    numbered: bool = False,
) -> list[tuple[str, str, str]]:
    """Draw policy events as dashed vertical lines on an existing axes, labelled or numbered.

    Works on any figure with years on the x axis, e.g. a publication trend or a
    burst timeline drawn elsewhere in litkit.  ``events`` is a
    :func:`~litkit.policy.timeline_table` (its decimal-year ``x`` places
    each line at the document's date) or any table with ``year``.  When the
    x axis puts year *Y* at *Y* + c (bars centred on ticks, say) pass
    ``year_offset=c``.

    With ``numbered=False`` each line carries its (shortened) label, rotated,
    at the top of the axes; lines closer than a label's width share one label
    so that labels never overprint.  With ``numbered=True`` each line gets a
    number above the axes, where it covers no data, and lines closer than a
    number's width share one mark ("8, 9"); the returned ``(number, date,
    text)`` rows are the key to print beside the figure (:func:`plot_overlay`
    does).
    """
    texts = [str(v) for v in events.get(label, pd.Series([""] * len(events))).fillna("")]
    dates = (
        [str(v) if pd.notna(v) else "" for v in events["date"]]
        if "date" in events.columns
        else [str(v) for v in events.get("year", pd.Series([""] * len(events)))]
    )
    require_cjk_font(texts)
    xs = (events["x"] if "x" in events.columns else events["year"].astype(float)).astype(float) + year_offset
    y_top = ax.get_ylim()[1]
    items = sorted(zip(xs, dates, texts), key=lambda item: item[0])
    if numbered:
        # Years per point of the x axis: marks closer than a mark's width (plus a gap) are merged.
        x0, x1 = ax.get_xlim()
        width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72.0
        years_per_pt = (x1 - x0) / max(width_pt, 1.0)

        def half_width(text: str) -> float:  # bold digits are ~0.62 em wide
            return 0.5 * 0.62 * (fontsize + 0.5) * len(text) * years_per_pt

        key: list[tuple[str, str, str]] = []
        marks: list[tuple[list[float], list[str]]] = []
        for n, (x, date, text) in enumerate(items, start=1):
            ax.axvline(x, color=colour, lw=0.9, ls="--", zorder=3)
            key.append((str(n), date, text))
            if marks:  # merge when this number would touch the previous mark (3 pt gap)
                prev_right = np.mean(marks[-1][0]) + half_width(", ".join(marks[-1][1]))
                if x - half_width(str(n)) < prev_right + 3 * years_per_pt:
                    marks[-1][0].append(x)
                    marks[-1][1].append(str(n))
                    continue
            marks.append(([x], [str(n)]))
        for group_x, numbers in marks:
            ax.text(
                float(np.mean(group_x)),
                1.01,
                ", ".join(numbers),
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=fontsize + 0.5,
                fontweight="bold",
                color=colour,
                clip_on=False,
            )
        return key
    groups: list[tuple[float, list[str]]] = []
    for x, _, text in items:
        ax.axvline(x, color=colour, lw=0.9, ls="--", zorder=3)
        short = text if len(text) <= max_label else text[: max_label - 1] + "…"
        if groups and x - groups[-1][0] < 0.25:
            groups[-1][1].append(short)
        else:
            groups.append((x, [short]))
    for x, labels in groups:
        ax.text(x, y_top * 0.98, "\n".join(labels), rotation=90, ha="right", va="top", fontsize=fontsize, color=colour)
    return [(str(n), d, t) for n, (_, d, t) in enumerate(items, start=1)]


def plot_overlay(
    overlay: pd.DataFrame, events: pd.DataFrame, label: str = "title_en", title: str | None = None, max_label: int = 120
):
    """Annual publications with policy events as numbered vertical lines and a key below.

    Parameters
    ----------
    overlay : DataFrame
        :func:`litkit.policy.overlay_table` output (``year, [database], count``);
        one line per database, or grey bars when there is no ``database`` column.
    events : DataFrame
        :func:`~litkit.policy.timeline_table` rows to mark (see :func:`mark_policy_events`).
    max_label : int, default 120
        Longer event titles are shortened with "…" in the key.

    Notes
    -----
    Publications are plotted at their year (tick *Y*); an event dated
    2021-10-24 stands at 2021.81, just before the 2022 tick, so a reader sees
    which publication year follows the document.  Event titles are not written
    on the plot, where they would cross the bars: each line has a number above
    the axes and the key under the figure gives its date and title.
    """
    use_style()
    fig, ax = plt.subplots(figsize=(9, 4.5))
    if "database" in overlay.columns:
        for i, (db, sub) in enumerate(overlay.groupby("database", sort=True)):
            ax.plot(sub["year"], sub["count"], marker="o", ms=3, lw=1.4, color=PALETTE[i % len(PALETTE)], label=db)
        ax.legend(frameon=False, fontsize=7, loc="upper left")
    else:
        ax.bar(overlay["year"], overlay["count"], color=BAR_GREY, width=0.8, label="publications")
    top = float(overlay["count"].max()) if len(overlay) else 1.0
    ax.set_ylim(0, top * 1.08 + 1)
    key = mark_policy_events(ax, events, label=label, max_label=max_label, numbered=True)
    ax.set_xlabel("Year")
    ax.set_ylabel("Publications")
    if key:
        entries = []
        for number, date, text in key:
            short = text if len(text) <= max_label else text[: max_label - 1] + "…"
            entries.append(
                "\n".join(textwrap.wrap(f"{number}  {date}  {short}", 62, subsequent_indent=" " * (len(number) + 2)))
            )
        # Two columns under the x-axis label; the key is figure text, outside the plot area.
        half = (len(entries) + 1) // 2
        for col, chunk in enumerate((entries[:half], entries[half:])):
            if chunk:
                fig.text(
                    0.0 + 0.5 * col,
                    -0.16,
                    "\n".join(chunk),
                    transform=ax.transAxes,
                    ha="left",
                    va="top",
                    fontsize=7,
                    color="#222222",
                    linespacing=1.35,
                )
    if title:
        ax.set_title(title, loc="left", pad=16)
    return fig
