"""Thematic evolution: every block labelled, no label over another label or a block, none clipped, and
colours that follow a theme across periods.

Issue 22's user found, on real exports, small themes drawn without a label and one colour for different
themes (a reader could not follow a theme across periods).  Checked on hand-made evolutions (many small
themes, long and Chinese labels), the demo and real exports, from what the renderer reports.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from litkit.plot.timelines import plot_thematic_evolution
from litkit.timelines import ThematicEvolution, ThematicMap


def _evolution(periods, themes, links) -> ThematicEvolution:
    """``themes``: per period a list of (label, occurrences); ``links``: (period, from index, to index, inclusion)."""
    names = [f"{a}-{b}" for a, b in periods]
    maps = [
        ThematicMap(
            pd.DataFrame({"cluster": range(len(t)), "label": [x[0] for x in t], "occurrences": [x[1] for x in t]}),
            pd.DataFrame(),
        )
        for t in themes
    ]
    rows = [
        {
            "from_period": names[p],
            "from_cluster": a,
            "from_label": themes[p][a][0],
            "to_period": names[p + 1],
            "to_cluster": b,
            "to_label": themes[p + 1][b][0],
            "inclusion": w,
        }
        for p, a, b, w in links
    ]
    return ThematicEvolution(list(periods), maps, pd.DataFrame(rows))


def _drawn(fig):
    """Blocks, labels and leader lines by theme, as the renderer draws them (display pixels)."""
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    blocks = {r.litkit_theme: r for r in ax.patches if isinstance(r, Rectangle) and hasattr(r, "litkit_theme")}
    labels: dict = {}
    for t in ax.texts:
        if hasattr(t, "litkit_theme"):
            assert t.litkit_theme not in labels, ("two labels", t.litkit_theme)
            labels[t.litkit_theme] = t
    leaders = {line.litkit_theme: line for line in ax.lines if hasattr(line, "litkit_theme")}
    boxes = {k: t.get_bbox_patch().get_window_extent(renderer) for k, t in labels.items()}
    block_boxes = {k: r.get_window_extent(renderer) for k, r in blocks.items()}
    return ax, blocks, labels, leaders, boxes, block_boxes


def _segments_cross(a, b) -> bool:
    (x1, y1), (x2, y2) = a
    (x3, y3), (x4, y4) = b
    d = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
    if abs(d) < 1e-12:
        return False
    t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / d
    u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / d
    return 0 < t < 1 and 0 < u < 1


def _segment_in_box(seg, box, steps: int = 50) -> bool:
    (x0, y0), (x1, y1) = seg
    return any(
        box.x0 + 0.5 < x0 + (x1 - x0) * s < box.x1 - 0.5 and box.y0 + 0.5 < y0 + (y1 - y0) * s < box.y1 - 0.5
        for s in np.linspace(0, 1, steps)
    )


def check_evolution_labels(fig, evolution, max_themes: int | None = 10) -> int:
    """Assert the label rules; returns the number of leader lines drawn."""
    ax, blocks, labels, leaders, boxes, block_boxes = _drawn(fig)
    expected = {}
    for p, m in enumerate(evolution.maps):
        themes = m.themes.sort_values(["occurrences", "label"], ascending=[False, True], kind="mergesort")
        if max_themes is not None:
            themes = themes.head(max_themes)
        expected.update({(p, c): str(lab) for c, lab in zip(themes["cluster"], themes["label"])})
    # every theme drawn has a block and one label, its own text (wrapped onto two lines, or cut with "…")
    assert set(blocks) == set(expected) and set(labels) == set(expected)
    for key, text in labels.items():
        shown = text.get_text().replace("\n", " " if " " in expected[key] else "")
        assert shown == expected[key] or (shown.endswith("…") and expected[key].startswith(shown[:-1])), (
            shown,
            expected[key],
        )
        assert text.get_fontsize() >= 5.0
    keys = sorted(boxes)
    for i, a in enumerate(keys):
        box = boxes[a]
        # not clipped: inside the figure
        assert box.x0 >= fig.bbox.x0 and box.x1 <= fig.bbox.x1 and box.y0 >= fig.bbox.y0 and box.y1 <= fig.bbox.y1, a
        for b in keys[i + 1 :]:
            assert not box.overlaps(boxes[b]), ("labels overlap", labels[a].get_text(), labels[b].get_text())
        for k, block in block_boxes.items():
            assert not box.overlaps(block), ("label over a block", labels[a].get_text(), k)
        # beside its block (its centre level with the block) or joined to it by a leader line
        block = block_boxes[a]
        centre = (box.y0 + box.y1) / 2
        if not block.y0 - 0.5 <= centre <= block.y1 + 0.5:
            assert a in leaders, ("label away from its block without a leader line", labels[a].get_text())
    segments = {}
    for key, line in leaders.items():
        (x0, y0), (x1, y1) = ax.transData.transform(np.asarray(line.get_xydata(), dtype=float))
        block, box = block_boxes[key], boxes[key]
        # from the block's right edge, level with its centre, to the left edge of its label's box
        assert abs(x0 - block.x1) < 1.0 and abs(y0 - (block.y0 + block.y1) / 2) < 1.0, key
        assert abs(x1 - box.x0) < 1.5 and box.y0 <= y1 <= box.y1, key
        segments[key] = ((x0, y0), (x1, y1))
    for a, seg in segments.items():
        for b, other in segments.items():
            assert a == b or not _segments_cross(seg, other), ("leader lines cross", a, b)
        for k, box in boxes.items():
            assert k == a or not _segment_in_box(seg, box), ("leader line through a label", a, k)
        for k, block in block_boxes.items():
            assert not _segment_in_box(seg, block), ("leader line through a block", a, k)
    return len(leaders)


def _colours(fig) -> dict:
    return {r.litkit_theme: to_hex(r.get_facecolor()) for r in fig.axes[0].patches if hasattr(r, "litkit_theme")}


def test_small_blocks_all_labelled_without_overlaps():
    # Period 2's last themes are tiny (1 occurrence against 120) and their labels long or Chinese.
    periods = [(2000, 2009), (2010, 2016), (2017, 2024)]
    themes = [
        [("climate change", 80), ("biodiversity", 40), ("碳排放", 30), ("land use", 3), ("soil", 2), ("rivers", 1)],
        [("climate change", 120), ("payment for ecosystem services and environmental markets", 50)]
        + [(f"small theme {i}", 1) for i in range(5)]
        + [("增强现实技术与虚拟现实技术的融合应用", 1), ("x" * 60, 1)],
        [("biodiversity", 60), ("碳排放", 20), ("carbon sink", 2), ("农业", 1), ("wetlands", 1), ("SDG", 1)],
    ]
    links = [(0, 0, 0, 0.6), (0, 1, 1, 0.3), (0, 2, 6, 0.2), (0, 3, 3, 0.5), (1, 0, 0, 0.4), (1, 1, 2, 0.3)]
    links += [(1, k, 3, 0.1) for k in range(2, 9)]
    evolution = _evolution(periods, themes, links)
    fig = plot_thematic_evolution(evolution)
    assert check_evolution_labels(fig, evolution) >= 3  # the tiny blocks' labels need leader lines
    plt.close(fig)
    # without the 10-theme cap: 14 themes in a column, still every one labelled
    many = _evolution(periods[:2], [themes[0], themes[1] + [(f"extra {i}", 1) for i in range(5)]], links[:4])
    fig = plot_thematic_evolution(many, max_themes=None)
    check_evolution_labels(fig, many, max_themes=None)
    plt.close(fig)


def test_colours_follow_lineages():
    """Same label = same colour; the main flow both ways carries the colour on; other themes get colours
    of their own (fewer lineages than the 15 colours)."""
    periods = [(2000, 2005), (2006, 2010), (2011, 2015)]
    themes = [
        [("alpha", 50), ("beta", 30), ("gamma", 20)],
        [("delta", 60), ("beta", 25), ("epsilon", 15), ("zeta", 5)],
        [("alpha", 40), ("eta", 30), ("theta", 20)],
    ]
    links = [
        (0, 0, 0, 0.8),  # alpha -> delta: alpha's main flow and delta's main inflow: delta continues alpha
        (0, 1, 0, 0.3),  # beta -> delta
        (0, 1, 1, 0.2),  # beta -> beta (same label anyway)
        (0, 2, 2, 0.1),  # gamma -> epsilon: gamma's main flow, but not epsilon's main inflow
        (0, 0, 2, 0.4),  # alpha -> epsilon: epsilon's main inflow, but alpha's main flow goes to delta
        (1, 0, 1, 0.7),  # delta -> eta: mutual main flow, but alpha itself holds that lineage in period 2
        (1, 2, 2, 0.5),  # epsilon -> theta: mutual main flow
    ]
    fig = plot_thematic_evolution(_evolution(periods, themes, links))
    c = _colours(fig)
    plt.close(fig)
    assert c[(1, 0)] == c[(0, 0)]  # delta continues alpha
    assert c[(1, 1)] == c[(0, 1)]  # beta keeps its colour (same label)
    assert c[(2, 0)] == c[(0, 0)]  # alpha comes back with its colour
    assert c[(2, 1)] != c[(1, 0)]  # eta: delta's lineage is taken in period 2 by alpha itself
    assert c[(2, 2)] == c[(1, 2)]  # theta continues epsilon
    assert c[(1, 2)] not in {c[(0, 0)], c[(0, 2)]}  # epsilon: alpha's main flow goes elsewhere; gamma's is weaker
    # lineages: alpha/delta, beta, gamma, epsilon/theta, zeta, eta: six colours, one each
    lineages = [[(0, 0), (1, 0), (2, 0)], [(0, 1), (1, 1)], [(0, 2)], [(1, 2), (2, 2)], [(1, 3)], [(2, 1)]]
    assert len({c[group[0]] for group in lineages}) == 6
    assert all(len({c[k] for k in group}) == 1 for group in lineages)


def test_more_lineages_than_colours_no_neighbours_alike():
    # 3 x 10 themes, each with two equal bands out: its main flow (the first band) is never its target's
    # main inflow (also the first band) but at the wrap-around, so nearly every theme starts a lineage
    # (over 15 lineages, 15 colours): no two blocks of a column alike, no band between two alike.
    periods = [(2000, 2005), (2006, 2010), (2011, 2015)]
    themes = [[(f"p{p} theme {i}", 20 - i) for i in range(10)] for p in range(3)]
    links = [(p, i, (i + d) % 10, 0.3) for p in range(2) for i in range(10) for d in (1, 2)]
    evolution = _evolution(periods, themes, links)
    fig = plot_thematic_evolution(evolution)
    c = _colours(fig)
    check_evolution_labels(fig, evolution)
    plt.close(fig)
    assert len(set(c.values())) == 15  # every colour used: lineages had to share
    for p in range(3):
        assert len({c[(p, i)] for i in range(10)}) == 10
    for p, a, b, _ in links:
        if (a, b) in ((8, 0), (0, 1)):  # the wrap-around's mutual main flows: the lineage goes on
            assert c[(p, a)] == c[(p + 1, b)]
        else:
            assert c[(p, a)] != c[(p + 1, b)], (p, a, b)


def test_demo_evolution(demo_dir):
    import litkit
    from litkit.pipeline import DEMO_PARAMETERS
    from litkit.timelines import thematic_evolution

    corpus = litkit.read([str(p) for p in sorted((demo_dir / "wos").glob("*.txt"))])
    spans = [tuple(s) for s in DEMO_PARAMETERS["thematic_evolution_periods"]]
    evolution = thematic_evolution(corpus, spans)
    fig = plot_thematic_evolution(evolution)
    check_evolution_labels(fig, evolution)
    plt.close(fig)


@pytest.mark.parametrize(
    "export, spans",
    [
        ("cnki-refworks/CNKI.txt", [(2010, 2018), (2019, 2022), (2023, 2024)]),
        ("wos-plaintext-environment", [(1992, 2010), (2011, 2016), (2017, 2025)]),
    ],
)
def test_real_export_evolution(shared_corpora, export, spans):
    import litkit
    from litkit.timelines import thematic_evolution

    evolution = thematic_evolution(litkit.read(str(shared_corpora / export)), spans, thesaurus=None)
    fig = plot_thematic_evolution(evolution)
    check_evolution_labels(fig, evolution)
    c = _colours(fig)
    plt.close(fig)
    # one colour per label across periods; within a period no two themes alike (at most 10 < 15 colours)
    by_label: dict = {}
    for p, m in enumerate(evolution.maps):
        drawn = [k for k in c if k[0] == p]
        assert len({c[k] for k in drawn}) == len(drawn)
        for cluster, label in zip(m.themes["cluster"], m.themes["label"]):
            if (p, cluster) in c:
                by_label.setdefault(str(label), set()).add(c[(p, cluster)])
    assert all(len(colours) == 1 for colours in by_label.values()), by_label
