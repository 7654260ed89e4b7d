"""The co-citation/coupling map's title gives the network's links, and how many are drawn.

It drew the ``max_links`` strongest and titled the figure "200 nodes, 500 links" for a network
of 2,754 links.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd

from litkit.plot.citation import plot_cocitation_map

matplotlib.use("Agg")


def _title(n_links: int, max_links: int) -> str:
    import matplotlib.pyplot as plt

    n = 30
    rng = np.random.default_rng(0)
    nodes = pd.DataFrame(
        {"id": np.arange(1, n + 1), "label": [f"N{i}" for i in range(n)], "citations": rng.integers(1, 9, n),
         "cluster": np.zeros(n, dtype=int), "x": rng.random(n), "y": rng.random(n)}
    )  # fmt: skip
    pairs = [(i, j) for i in range(1, n + 1) for j in range(i + 1, n + 1)][:n_links]
    links = pd.DataFrame(
        {
            "source_id": [p[0] for p in pairs],
            "target_id": [p[1] for p in pairs],
            "strength": np.arange(len(pairs)) + 1.0,
        }
    )
    fig = plot_cocitation_map(nodes, links, None, max_links=max_links)
    try:
        return fig.axes[0].get_title(loc="left")
    finally:
        plt.close(fig)


def test_title_says_only_the_strongest_are_drawn():
    assert _title(300, 100) == "30 nodes, 300 links (the 100 strongest drawn)"


def test_title_when_every_link_is_drawn():
    assert _title(40, 100) == "30 nodes, 40 links"
