"""Bradford's figure: the zone legend never hides a source's point.

A small corpus (one article per source, as a 10-record Scopus plain-text export gives) kept
its curve at the top of the axes, and the opaque legend in the upper right covered the
points of ranks 4-10.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from litkit.indicators import bradford_zones
from litkit.plot.indicators import plot_bradford

matplotlib.use("Agg")


def _points_under_legend(fig) -> list[int]:
    """Ranks (1-based) of the plotted points whose marker centre lies inside the legend's box."""
    ax = fig.axes[0]
    fig.canvas.draw()
    box = ax.get_legend().get_window_extent(fig.canvas.get_renderer())
    line = ax.get_lines()[0]
    xy = ax.transData.transform(np.column_stack([line.get_xdata(), line.get_ydata()]))
    return [i + 1 for i, (x, y) in enumerate(xy) if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1]


@pytest.mark.parametrize(
    "articles",
    [
        {f"Journal {i:02d}": 1 for i in range(10)},  # every source one article (the flat curve)
        {f"Journal {i:02d}": n for i, n in enumerate([5, 5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3])},  # a high tail
        {"A": 40, "B": 20, "C": 10, **{f"S{i:03d}": 1 for i in range(60)}},  # the usual long tail: unchanged
    ],
)
def test_no_point_under_the_legend(articles):
    import matplotlib.pyplot as plt

    fig = plot_bradford(bradford_zones(articles))
    try:
        assert _points_under_legend(fig) == []
        ax = fig.axes[0]
        assert ax.get_ylim()[1] >= max(articles.values())  # every point inside the axes
    finally:
        plt.close(fig)


def test_long_tail_keeps_its_axis():
    """Where the legend already sits over the tail's low points, the y axis is the one it always was."""
    import matplotlib.pyplot as plt

    articles = {"A": 40, "B": 20, "C": 10, **{f"S{i:03d}": 1 for i in range(60)}}
    fig = plot_bradford(bradford_zones(articles))
    try:
        assert fig.axes[0].get_ylim() == pytest.approx((0.0, 40 * 1.15))
    finally:
        plt.close(fig)
