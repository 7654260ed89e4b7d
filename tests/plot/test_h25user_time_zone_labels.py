"""Time-zone view: no label runs over another label or over the next zone's nodes.

On the merged real exports (25 one-year zones, the figure at its 30-inch cap) "greenhouse gas emission",
"climate change mitigation" and "environmental impact" were drawn across the labels of the next year.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from litkit.plot.timelines import plot_time_zone
from litkit.timelines import TimeZone

WORDS = [
    "greenhouse gas emission",
    "climate change mitigation",
    "environmental impact assessment",
    "ecosystem service",
    "renewable energy",
    "生态产品价值实现机制",
    "biodiversity",
    "carbon",
]


def _zone(years: int) -> TimeZone:
    rows = [
        {"keyword": f"{WORDS[(y + k) % len(WORDS)]} {y}-{k}", "first_year": 2000 + y, "occurrences": 2 + k}
        for y in range(years)
        for k in range(3)
    ]
    nodes = pd.DataFrame(rows)
    links = pd.DataFrame({"source": [rows[0]["keyword"]], "target": [rows[3]["keyword"]], "cooccurrences": [2]})
    return TimeZone(nodes, links)


def _boxes(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [t.get_window_extent(renderer) for t in ax.texts]
    points = [c.get_window_extent(renderer) for c in ax.collections]  # one scatter per node
    return labels, points


def test_labels_overlap_no_label_and_no_node():
    zone = _zone(25)
    fig = plot_time_zone(zone)
    labels, points = _boxes(fig)
    assert len(labels) == len(zone.nodes)
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not a.overlaps(b), (a, b)
        for p in points:
            assert not (a.x0 < p.x0 < a.x1 and a.y0 < (p.y0 + p.y1) / 2 < a.y1), (a, p)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("\n" in t for t in texts)  # long labels wrapped ...
    assert {w for t in texts for w in t.split()} >= {
        "greenhouse",
        "gas",
        "emission",
        "生态产品价值实现机制",
    }  # ... not cut
    plt.close(fig)


def test_short_labels_unchanged():
    zone = TimeZone(
        pd.DataFrame({"keyword": ["carbon", "land use"], "first_year": [2001, 2002], "occurrences": [3, 2]}),
        pd.DataFrame({"source": ["carbon"], "target": ["land use"], "cooccurrences": [1]}),
    )
    fig = plot_time_zone(zone)
    assert [(t.get_text(), t.get_fontsize()) for t in fig.axes[0].texts] == [("carbon", 7.0), ("land use", 7.0)]
    plt.close(fig)
