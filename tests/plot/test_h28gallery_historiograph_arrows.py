"""Historiograph arrows start and end on the dots' rims (H28GALLERY).

Before: the arrows were shrunk by sqrt(area / pi) points, but a scatter marker of area s pt² is a circle of
diameter sqrt(s) pt: every arrow stopped 13 % of a radius short of both dots (its head floating off the cited
record's dot, 1.6 px on the largest at 100 dpi).  Checked on the drawn arrows' paths, in display pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.collections
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path

from litkit.plot.citation import plot_historiograph


def test_arrows_touch_both_dots():
    nodes = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "label": ["A, 2001", "B, 2003", "C, 2005", "D, 2008", "E, 2010"],
            "year": [2001, 2003, 2005, 2008, 2010],
        }
    )
    links = pd.DataFrame({"source_id": [2, 3, 4, 4, 3, 4, 5, 5], "target_id": [1, 1, 1, 2, 2, 3, 1, 4]})
    nodes["lcs"] = nodes["id"].map(links["target_id"].value_counts()).fillna(0).astype(int)
    fig = plot_historiograph(nodes, links)
    ax = fig.axes[0]
    fig.canvas.draw()
    (dots,) = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]
    centres = ax.transData.transform(np.asarray(dots.get_offsets(), dtype=float))
    radii = np.sqrt(dots.get_sizes()) / 2 * fig.dpi / 72
    # each record at its year (the years are distinct here): which dot is which record
    at_year = {round(x): k for k, x in enumerate(ax.transData.inverted().transform(centres)[:, 0])}
    index = {int(i): at_year[int(y)] for i, y in zip(nodes["id"], nodes["year"])}
    assert len(index) == len(set(index.values())) == 5
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    pairs = sorted(zip(links["source_id"], links["target_id"]))
    assert len(arrows) == len(pairs) == 8
    for (s, t), arrow in zip(pairs, arrows):
        path = arrow.get_path()
        points = ax.transData.transform(path.vertices[path.codes != Path.CLOSEPOLY])
        a, b = index[s], index[t]
        start = np.hypot(*(points - centres[a]).T).min()
        tip = np.hypot(*(points - centres[b]).T).min()
        assert abs(start - radii[a]) < 0.75, (s, t, start, radii[a])
        assert abs(tip - radii[b]) < 0.75, (s, t, tip, radii[b])
    plt.close(fig)
