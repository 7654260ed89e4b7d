"""Thematic map labels no longer overprint each other (H27ZH).

On the CNKI + CSSCI exports seven single-keyword themes sat at centrality 0, density 0 and their labels
were printed on top of each other ("Mac质量标志物ing"); 人工智能 was under 深度学习, 网络舆情 under 体验设计.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from litkit.plot.timelines import plot_thematic_map  # noqa: E402


def _texts(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.axes[0].texts if t.get_text()]


def test_coincident_and_near_themes_get_separate_readable_labels():
    themes = pd.DataFrame(
        {
            "label": ["用户体验", "人工智能", "深度学习", "Machine learning", "创造力", "制度环境", "网络舆情"],
            "centrality": [12.85, 5.35, 4.46, 0.0, 0.0, 0.0, 5.62],
            "density": [12.2, 40.1, 37.1, 0.0, 0.0, 0.0, 19.7],
            "occurrences": [505, 42, 33, 2, 2, 2, 193],
        }
    )
    fig = plot_thematic_map(themes)
    try:
        texts = _texts(fig)
        overlapping = [(a[0], b[0]) for i, a in enumerate(texts) for b in texts[i + 1 :] if a[1].overlaps(b[1])]
        assert overlapping == []
        shown = "\n".join(t for t, _ in texts)
        assert all(name in shown for name in themes["label"])  # every theme is named
        assert "Machine learning、创造力、制度环境" in shown  # the three at (0, 0): one block
    finally:
        plt.close(fig)


def test_separate_themes_keep_their_labels_on_their_bubbles():
    themes = pd.DataFrame(
        {"label": ["A", "B", "C"], "centrality": [1.0, 5.0, 9.0], "density": [9.0, 5.0, 1.0], "occurrences": [9, 5, 3]}
    )
    fig = plot_thematic_map(themes)
    try:
        ax = fig.axes[0]
        placed = {t.get_text(): t.get_position() for t in ax.texts if t.get_text() in {"A", "B", "C"}}
        assert placed == {"A": (1.0, 9.0), "B": (5.0, 5.0), "C": (9.0, 1.0)}
    finally:
        plt.close(fig)


def test_time_zone_view_shows_the_keywords_as_written_not_their_keys(shared_corpora):
    """The time-zone figure printed the normalised keys (vr, citespace, unity3d, lda) of the CNKI map;
    its table and the keyword timeline show VR, CiteSpace, Unity3D."""
    import litkit
    from litkit.plot.timelines import plot_time_zone

    corpus = litkit.read(shared_corpora / "cnki-refworks" / "CNKI.txt")
    zone = litkit.timelines.time_zone(corpus)
    differs = zone.nodes[zone.nodes["keyword"] != zone.nodes["label"]]
    assert {"VR", "CiteSpace"} <= set(differs["label"])
    fig = plot_time_zone(zone)
    try:
        drawn = {t.get_text().replace("\n", " ") for t in fig.axes[0].texts}
        assert set(differs["label"]) <= drawn
        assert not set(differs["keyword"]) & drawn
    finally:
        plt.close(fig)
