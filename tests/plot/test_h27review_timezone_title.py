"""The time-zone view's title says how many of the network's nodes it draws.

It draws at most ``per_year`` nodes per year; the title gave only the number drawn ("155 nodes")
for a 200-node network, which a reader takes for the network's size.
"""

from __future__ import annotations

import matplotlib
import pandas as pd

from litkit.plot.citation import plot_timezone_view

matplotlib.use("Agg")


def _nodes(per_year: dict[int, int]) -> pd.DataFrame:
    rows = []
    for year, k in per_year.items():
        for i in range(k):
            rows.append({"id": len(rows) + 1, "label": f"A{year}-{i}", "year": year, "citations": 10 - i % 10})
    return pd.DataFrame(rows)


def _title(nodes, **kw) -> str:
    import matplotlib.pyplot as plt

    links = pd.DataFrame({"source_id": [1], "target_id": [2], "strength": [1.0]})
    fig = plot_timezone_view(nodes, links, **kw)
    try:
        return fig.axes[0].get_title(loc="left")
    finally:
        plt.close(fig)


def test_title_counts_drawn_of_all():
    nodes = _nodes({2010: 15, 2011: 3})  # 2010 has more than per_year=12
    assert _title(nodes) == "Time-zone view: 15 of 18 nodes (at most 12 per year)"


def test_title_when_all_drawn():
    assert _title(_nodes({2010: 4, 2011: 3})) == "Time-zone view: 7 nodes"


def test_nodes_without_year_are_counted_as_not_drawn():
    nodes = _nodes({2010: 2, 2011: 2})
    nodes.loc[0, "year"] = None
    assert _title(nodes) == "Time-zone view: 3 of 4 nodes (1 without a year)"
