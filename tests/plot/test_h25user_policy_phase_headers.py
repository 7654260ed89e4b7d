"""Phase headers of the policy timeline never overlap, however long the period the documents span.

With documents from 1986 (the LawRefBook laws in ../shared) the 2016–2020 band was too narrow for
"Institutional exploration", which ran into "Value realisation & double carbon".
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from litkit.plot.policy import plot_timeline
from litkit.policy import from_metadata, timeline_table

HEADER_COLOUR = "#444444"


def _docs(dates):
    rows = [
        {
            "title_zh": f"国务院关于第{i}项工作的通知",
            "issuers": "国务院",
            "date": d,
            "doc_number": f"国发〔{d[:4]}〕{i}号",
        }
        for i, d in enumerate(dates, start=1)
    ]
    return timeline_table(from_metadata(pd.DataFrame(rows)))


def _headers(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in ax.texts
        if t.get_color() == HEADER_COLOUR and t.get_fontweight() == "bold"
    ]


@pytest.mark.parametrize("first", ["1986-05-10", "1950-01-01"])
def test_headers_do_not_overlap_on_a_long_period(first):
    fig = plot_timeline(_docs([first, "2012-03-01", "2018-06-01", "2023-04-26"]))
    headers = _headers(fig)
    assert len(headers) == 3
    for (_, a), (_, b) in zip(headers, headers[1:]):
        assert a.x1 <= b.x0, f"{a} overlaps {b}"
    assert any("\n" in text.split("\n制度探索")[0] for text, _ in headers)  # wrapped, not shrunk or cut
    assert {w for text, _ in headers for w in text.split()} >= {"Institutional", "exploration", "制度探索"}
    plt.close(fig)


def test_headers_that_fit_are_not_wrapped():
    fig = plot_timeline(_docs(["2010-12-21", "2016-05-01", "2021-10-24", "2024-01-25"]))
    texts = [text for text, _ in _headers(fig)]
    assert texts == [
        "Concept emergence\n概念提出",
        "Institutional exploration\n制度探索",
        "Value realisation & double carbon\n价值实现与双碳",
    ]
    plt.close(fig)
