"""Policy events on the burst timeline (the literature–policy overlay of issue 7 on Figure 5)."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from litkit.plot.bursts import EVENT_BLUE, plot_bursts, save_bursts

TABLE = pd.DataFrame(
    {
        "item": ["ECOSYST SERV", "ECOL ECON", "SCIENCE"],
        "year": [2012, 2005, 2004],
        "strength": [53.99, 25.27, 13.86],
        "begin": [2016, 2005, 2004],
        "end": [2020, 2010, 2009],
        "period_start": [2000] * 3,
        "period_end": [2024] * 3,
    }
)
EVENTS = pd.DataFrame(
    {
        "x": [2010.97, 2016.32, 2021.19, 2021.31, 1990.0],
        "date": ["2010-12-21", "2016-04-28", "2021-03-13", "2021-04-26", "1990-01-01"],
        "title_en": [
            "National Plan for Main Functional Areas",
            "Eco-compensation opinions",
            "14th Five-Year Plan",
            "Value realisation opinions",
            "outside the period",
        ],
        "title_zh": [
            "全国主体功能区规划",
            "关于健全生态保护补偿机制的意见",
            "第十四个五年规划纲要",
            "关于建立健全生态产品价值实现机制的意见",
            "期外",
        ],
    }
)


def _event_lines(fig):
    bar_ax = fig.axes[1]
    return sorted(line.get_xdata()[0] for line in bar_ax.lines if line.get_color() == EVENT_BLUE)


def test_events_inside_the_period_are_numbered_lines_with_a_key():
    fig = plot_bursts(TABLE, kind="cited_journal", events=EVENTS)
    assert _event_lines(fig) == pytest.approx([2010.97, 2016.32, 2021.19, 2021.31])
    texts = [t.get_text() for t in fig.texts]
    assert "1  2010-12-21  National Plan for Main Functional Areas" in texts
    assert "4  2021-04-26  Value realisation opinions" in texts
    assert not any("outside the period" in t for t in texts)
    marks = sorted(t.get_text() for t in fig.axes[1].texts if t.get_color() == EVENT_BLUE)
    assert marks == ["1", "2", "3", "4"]
    plt.close(fig)


def test_without_events_the_figure_is_unchanged():
    plain = plot_bursts(TABLE, kind="cited_journal")
    assert _event_lines(plain) == [] and len(plain.texts) == 1  # the title only
    with_events = plot_bursts(TABLE, kind="cited_journal", events=EVENTS)
    assert with_events.get_figheight() > plain.get_figheight()  # room for the key, nothing overprinted
    plt.close(plain)
    plt.close(with_events)


def test_chinese_event_labels_render(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paths = save_bursts(
            TABLE,
            tmp_path / "overlay",
            kind="cited_journal",
            events=EVENTS.rename(columns={"title_zh": "title_en", "title_en": "title_zh"}),
            formats=("png",),
        )
    assert paths[0].stat().st_size > 10_000
