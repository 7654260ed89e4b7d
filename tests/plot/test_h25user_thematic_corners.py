"""Thematic map: no bubble or theme label covers a quadrant name.

On the merged real exports the bubble of 人工智能 (lowest density, centrality 0) lay on "Emerging or declining
themes"; the axes are now widened on that side until the corner is clear.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import Bbox

from litkit.plot.timelines import plot_thematic_map

CORNERS = {"Niche themes", "Motor themes", "Emerging or\ndeclining themes", "Basic themes"}


def _themes(points):
    return pd.DataFrame(
        {
            "label": [f"theme {i}" if i % 2 else f"主题{i}" for i in range(len(points))],
            "centrality": [p[0] for p in points],
            "density": [p[1] for p in points],
            "occurrences": [p[2] for p in points],
        }
    )


def _covered(fig, themes):
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    occ = themes["occurrences"].to_numpy(float)
    radii = np.sqrt(80 + 1400 * np.sqrt(occ / occ.max())) / 2 * fig.dpi / 72
    centres = ax.transData.transform(themes[["centrality", "density"]].to_numpy(float))
    marks = [Bbox.from_extents(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radii)]
    marks += [t.get_window_extent(renderer) for t in ax.texts if t.get_text() not in CORNERS]
    corners = [t for t in ax.texts if t.get_text() in CORNERS]
    assert len(corners) == 4
    return [t.get_text() for t in corners if any(t.get_window_extent(renderer).overlaps(m) for m in marks)]


def test_bubbles_in_every_corner_leave_the_names_readable():
    # the real map's shape: big themes at the extremes of both axes, a small one at (0, lowest density)
    themes = _themes([(0.0, 6.0, 5), (0.2, 7.0, 21), (5.4, 9.6, 13), (16.5, 13.2, 71), (30, 12.3, 46), (37, 11.3, 44)])
    fig = plot_thematic_map(themes)
    assert _covered(fig, themes) == []
    plt.close(fig)


def test_map_with_free_corners_keeps_its_limits():
    themes = _themes([(2, 5, 4), (3, 6, 4), (4, 5, 4), (3, 4, 4)])  # a diamond: corners free
    fig = plot_thematic_map(themes)
    x, y = themes["centrality"], themes["density"]
    pad_x, pad_y = (x.max() - x.min()) * 0.15, (y.max() - y.min()) * 0.15
    assert fig.axes[0].get_xlim() == (x.min() - pad_x, x.max() + pad_x)
    assert fig.axes[0].get_ylim() == (y.min() - pad_y, y.max() + pad_y)
    assert _covered(fig, themes) == []
    plt.close(fig)
