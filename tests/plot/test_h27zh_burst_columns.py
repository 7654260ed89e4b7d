"""A long cited-journal name in capitals ran into its Year column in the burst table (H27ZH).

CSSCI writes Latin journal names in full ("Academy of Management Journal"); merged with CNKI/WoS, the
cited-journal burst figure printed "ACADEMY OF MANAGEMENT JOURNAL2019".
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from litkit.plot.bursts import plot_bursts  # noqa: E402


def _table(items):
    return pd.DataFrame(
        {
            "rank": range(1, len(items) + 1),
            "cited_journal": items,
            "year": 2019,
            "strength": 12.5,
            "begin": 2019,
            "end": 2020,
        }
    )


def _row_overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of texts on one row whose boxes touch (within 2 px), left to right."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    rows: dict[int, list] = {}
    for ax in fig.axes:
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            rows.setdefault(round((box.y0 + box.y1) / 2), []).append((box.x0, box.x1, text.get_text()))
    out = []
    for items in rows.values():
        items.sort()
        out += [(a[2], b[2]) for a, b in zip(items, items[1:]) if a[1] > b[0] - 2]
    return out


def test_long_capital_names_keep_clear_of_the_year_column():
    items = ["ACADEMY OF MANAGEMENT JOURNAL", "STRATEGIC MANAGEMENT JOURNAL", "科学学与科学技术管理", "RESEARCH POLICY"]
    fig = plot_bursts(_table(items), kind="cited_journal")
    try:
        assert _row_overlaps(fig) == []
    finally:
        plt.close(fig)


def test_short_names_keep_the_estimated_width():
    fig = plot_bursts(_table(["ECOSYST SERV", "ECOL ECON", "生态学报"]), kind="cited_journal")
    try:
        assert abs(fig.get_size_inches()[0] - (2.2 + 2.3 + 3.6)) < 1e-9  # item, numbers and bar columns
        assert _row_overlaps(fig) == []
    finally:
        plt.close(fig)
