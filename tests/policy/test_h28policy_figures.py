"""Timelines of whole collections stay readable: year labels that do not overprint over 70 years, the axis
kept to the documents' years, Chinese-only labels with their date on its own line."""

from __future__ import annotations

import matplotlib

import litkit.policy as lp
from litkit.plot.policy import MIN_HEADER_PT, plot_timeline
from litkit.plot.style import close

matplotlib.use("Agg")


def _table(rows):
    return lp.timeline_table(lp.PolicyCorpus.from_records(rows))


def _tick_boxes(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].get_xticklabels() if t.get_text()]
    return [t.get_text() for t in labels], [t.get_window_extent(renderer) for t in labels]


def test_year_labels_of_seventy_years_do_not_overprint():
    """The Government Work Reports (1954-2025): a label every year ran together into one grey bar."""
    rows = [
        {"title_zh": f"{y}年政府工作报告", "issuers": ["国务院"], "date": f"{y}-03-05"} for y in range(1954, 2026, 3)
    ]
    fig = plot_timeline(_table(rows))
    texts, boxes = _tick_boxes(fig)
    years = [int(t) for t in texts]
    step = years[1] - years[0]
    assert step in (2, 5, 10) and all(b - a == step for a, b in zip(years, years[1:]))
    assert all(y % step == 0 for y in years) and years[0] <= 1955 and years[-1] >= 2025
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:]))  # brute force: no two labels touch
    headers = [t for t in fig.axes[0].texts if "realisation" in t.get_text()]
    assert len(headers) == 1 and headers[0].get_fontsize() >= MIN_HEADER_PT
    close(fig)
    # fifteen years keep a label every year
    short = plot_timeline(_table([dict(rows[0], date=f"{y}-01-01") for y in (2010, 2024)]))
    texts, boxes = _tick_boxes(short)
    assert [int(t) for t in texts] == list(range(2010, 2026))
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:]))
    close(short)


def test_the_axis_stays_near_the_documents():
    """Documents of 2019-2022 under the default phases (2010-2024): the axis starts a year before them and the
    phase that ends before it is not drawn."""
    rows = [
        {"title_zh": f"关于碳排放的通知{i}", "issuers": ["生态环境部"], "date": f"{y}-06-01"}
        for i, y in enumerate((2019, 2020, 2022))
    ]
    fig = plot_timeline(_table(rows))
    low, high = fig.axes[0].get_xlim()
    assert 2017.9 < low < 2019
    headers = [" ".join(t.get_text().split()) for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert not any("Concept" in h for h in headers)
    assert any("Institutional" in h for h in headers) and any("realisation" in h for h in headers)
    close(fig)


def test_a_chinese_only_label_keeps_its_date_on_its_own_line():
    """中华人民共和国固体废物污染环境防治法 (18 characters) broke after 中华人民共, the date beside it; and no last line
    of one or two characters."""
    rows = [
        {
            "title_zh": "中华人民共和国固体废物污染环境防治法",
            "issuers": ["全国人民代表大会常务委员会"],
            "date": "2020-04-29",
        },
        {"title_zh": "森林法", "issuers": ["全国人民代表大会常务委员会"], "date": "2019-12-28"},
    ]
    fig = plot_timeline(_table(rows))
    drawn = [t.get_text() for t in fig.axes[0].texts]
    assert "2020-04-29" in drawn and "中华人民共和国固体废物污染环境防治法" in drawn
    assert "2019-12-28  森林法" in drawn  # a short title still shares the date's line
    close(fig)
