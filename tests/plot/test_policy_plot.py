"""Policy figures (Table 1 timeline, term evolution, network, instruments, overlay) and ``litkit policy``.

save_figure turns matplotlib's missing-glyph warnings into errors; the tests
additionally run with every warning an error, so a box instead of a Chinese
character fails them.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from typer.testing import CliRunner

import litkit.policy as lp
from litkit.plot.policy import (
    plot_coissuing_network,
    plot_instruments,
    plot_overlay,
    plot_term_heatmap,
    plot_term_lines,
    plot_timeline,
)
from litkit.plot.style import close, save_figure
from litkit.policy.instruments import instrument_counts_by_period
from litkit.policy.policy_timeline import overlay_table, read_seed_table, timeline_table

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "corpora" / "policy" / "central_documents.csv"


def _all_text(fig) -> str:
    return "".join("".join(t.get_text().split()) for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def _render(fig):
    """Draw the figure (lays out every glyph) with all warnings as errors; cheaper than saving."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    close(fig)


def _save(fig, stem, formats=("png", "svg", "pdf")):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paths = save_figure(fig, stem, formats=formats)
    close(fig)
    for p in paths:
        assert p.stat().st_size > 1000
    return paths


def test_table1_figure_from_seed(shared_seed, tmp_path):
    seed = read_seed_table(shared_seed / "table1_policy_timeline.csv")
    table = timeline_table(seed)
    assert table["lane"].value_counts().to_dict() == {"state_council": 4, "congress": 3, "cpc": 2, "npc": 1}
    notes = seed.set_index("doc_id")["significance_en"]
    fig = plot_timeline(table, notes=notes, title="Table 1")
    text = _all_text(fig)
    for row in seed.itertuples(index=False):
        assert row.title_zh in text, row.title_zh  # every document of Table 1 is on the one figure
        if row.doc_number:
            assert row.doc_number in text
    for phase in ("概念提出", "制度探索", "价值实现与双碳"):
        assert phase in text
    paths = _save(fig, tmp_path / "table1")
    assert [p.suffix for p in paths] == [".png", ".svg", ".pdf"]
    # Same table, same figure: the SVG is byte-identical when drawn again.
    again = plot_timeline(table, notes=notes, title="Table 1")
    second = _save(again, tmp_path / "table1_again", formats=("svg",))[0]
    assert second.read_bytes() == (tmp_path / "table1.svg").read_bytes()


def test_timeline_of_the_project_table(tmp_path):
    docs = lp.from_metadata(TABLE)
    table = timeline_table(docs)
    assert len(table) == 57
    fig = plot_timeline(table, language="zh")
    assert "国务院关于国家公园空间布局方案的批复" in _all_text(fig)
    _render(fig)


def test_term_figures_from_work_reports(shared_policy, tmp_path):
    gwr = lp.read_work_reports(shared_policy / "cn-political-reports" / "government_work_reports.jsonl")
    counts = lp.term_counts(gwr, ["生态产品", "生态补偿", "碳汇", "碳达峰", "碳中和", "绿水青山"])
    matrix = lp.term_matrix(counts)
    assert matrix.shape == (6, 52)
    _save(plot_term_heatmap(matrix, title="GWR 1954–2025"), tmp_path / "heat", formats=("svg",))
    recent = counts[counts["year"] >= 2000]
    _render(plot_term_lines(recent, first=lp.first_appearance(recent)))
    phases = [
        (1978, 1999, "Reform era", "改革开放"),
        (2000, 2011, "Scientific development", "科学发展"),
        (2012, 2025, "New era", "新时代"),
    ]
    by_period = instrument_counts_by_period(gwr, phases=phases)
    assert by_period["phase"].tolist() == ["Reform era", "Scientific development", "New era"]
    assert by_period["documents"].tolist() == [18, 12, 13]
    assert (by_period["total"] == by_period[["supply", "environment", "demand"]].sum(axis=1)).all()
    _render(plot_instruments(by_period))
    _save(plot_instruments(by_period, share=True), tmp_path / "instruments_share", formats=("svg",))


def test_network_and_overlay_figures(tmp_path):
    docs = lp.from_metadata(TABLE)
    graph, edges = lp.coissuing_network(docs.df)
    assert edges.iloc[0][["source", "target", "documents"]].tolist() == ["中共中央", "国务院", 7]
    assert graph.degree["国家发展和改革委员会"] == 8
    _save(plot_coissuing_network(graph, language="both"), tmp_path / "net", formats=("png",))
    _render(plot_coissuing_network(graph, language="en"))
    pubs = pd.DataFrame(
        {
            "year": list(range(2010, 2024)) * 2,
            "count": list(range(14)) + list(range(0, 28, 2)),
            "database": ["CNKI"] * 14 + ["WoS"] * 14,
        }
    )
    seedlike = docs.df[docs.df["in_review_table1"] == "yes"]
    ov = overlay_table(seedlike, pubs)
    assert ov["events"].sum() == 2 * len(seedlike)
    events = timeline_table(seedlike)
    fig = plot_overlay(ov, events)
    # 9 events, 9 dashed lines; the 14th FYP outline (2021-03-13) and the value-realisation opinions
    # (2021-04-26) are five weeks apart and share one label.
    ax = fig.axes[0]
    assert len([ln for ln in ax.lines if ln.get_linestyle() == "--"]) == 9
    assert len(ax.texts) == 8
    _save(fig, tmp_path / "overlay", formats=("svg",))
    single = overlay_table(seedlike, pubs[pubs["database"] == "CNKI"].drop(columns="database"))
    _render(plot_overlay(single, events, label="label"))


def test_cli_policy(tmp_path):
    from litkit.cli import app

    runner = CliRunner()
    out = tmp_path / "out"
    meta = tmp_path / "meta.csv"
    pd.read_csv(TABLE, dtype=str, keep_default_na=False).iloc[[0, 20, 40]].to_csv(meta, index=False)
    result = runner.invoke(
        app,
        [
            "policy",
            "--metadata",
            str(meta),
            "-o",
            str(out),
            "--formats",
            "svg",
            "--phase",
            "2010-2015:Early:早期",
            "--phase",
            "2016-2024:Late:近期",
        ],
    )
    assert result.exit_code == 0, result.output
    for name in ("policy_documents.csv", "policy_timeline.csv", "policy_timeline.svg", "params.json"):
        assert (out / name).exists(), name
    assert not (out / "policy_timeline.pdf").exists()
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))["parameters"]
    assert params["documents"] == 3 and params["phases"][1] == [2016, 2024, "Late", "近期"]
    timeline = pd.read_csv(out / "policy_timeline.csv")
    assert timeline["phase"].tolist() == ["Early", "Late", "Late"]
    again = runner.invoke(app, ["policy", "--metadata", str(meta), "-o", str(out), "--formats", "svg"])
    assert again.exit_code == 2 and "output exists" in again.output
    # With document files: term counts are written too.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "国务院关于推进生态产品价值实现的通知\n国发〔2021〕99号\n碳达峰。\n国务院\n2021年10月24日\n", encoding="utf-8"
    )
    out2 = tmp_path / "out2"
    result = runner.invoke(
        app, ["policy", str(docs), "-o", str(out2), "--term", "碳达峰", "--language", "zh", "--formats", "png"]
    )
    assert result.exit_code == 0, result.output
    terms = pd.read_csv(out2 / "policy_terms.csv")
    assert terms[["term", "count"]].values.tolist() == [["碳达峰", 1]]
    bad = runner.invoke(app, ["policy", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o3")])
    assert bad.exit_code == 2 and "path not found" in bad.output
    wrong = runner.invoke(app, ["policy", "--metadata", str(meta), "-o", str(tmp_path / "o4"), "--formats", "jpg"])
    assert wrong.exit_code == 2 and "unknown figure format" in wrong.output


def _overlaps(fig, ax):
    """Pairs of texts of different labels whose boxes overlap (the lines of one label share its x
    and may touch: CJK glyph boxes are taller than the line spacing)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [
        (t.get_text(), t.get_position()[0], t.get_window_extent(renderer)) for t in ax.texts if t.get_text().strip()
    ]
    return [
        (a, b) for i, (a, xa, ba) in enumerate(boxes) for b, xb, bb in boxes[i + 1 :] if xa != xb and ba.overlaps(bb)
    ]


def test_timeline_labels_never_overlap_with_full_width_doc_numbers():
    """All 57 documents, both languages: the State Council lane is full of 文号 such as
    国办发〔2016〕31号, whose full-width brackets a characters-times-em estimate undersized."""
    docs = lp.from_metadata(TABLE)
    table = timeline_table(docs)
    fig = plot_timeline(table)
    ax = fig.axes[0]
    assert sum("〔" in t.get_text() for t in ax.texts) >= 20
    assert _overlaps(fig, ax) == []
    assert min(t.get_fontsize() for t in ax.texts) >= 6.5
    close(fig)


def test_overlay_numbers_events_and_keys_them_outside_the_plot():
    """Event lines carry numbers above the axes (none over a bar), the two 2021 documents five
    weeks apart share one mark, and every event is listed with its date under the figure."""
    docs = lp.from_metadata(TABLE)
    seedlike = docs.df[docs.df["in_review_table1"] == "yes"]
    events = timeline_table(seedlike)
    pubs = pd.DataFrame({"year": list(range(2000, 2025)), "count": [4 + 6 * i for i in range(25)]})
    fig = plot_overlay(overlay_table(seedlike, pubs), events)
    ax = fig.axes[0]
    assert ax.get_ylim()[1] <= 1.1 * pubs["count"].max() + 1
    marks = [t.get_text() for t in ax.texts]
    assert sorted(n for m in marks for n in m.split(", ")) == sorted(str(i) for i in range(1, 10))
    assert "7, 8" in marks  # 2021-03-13 and 2021-04-26
    assert _overlaps(fig, ax) == []
    renderer = fig.canvas.get_renderer()
    plot_top = ax.get_window_extent(renderer).y1
    assert all(t.get_window_extent(renderer).y0 >= plot_top for t in ax.texts)
    key = "".join(t.get_text() for t in fig.texts)
    for row in events.itertuples(index=False):
        assert str(row.date) in key
    assert "Opinions on establishing and improving the value realization mechanism of ecological products" in " ".join(
        key.split()
    )
    close(fig)


def test_coissuing_labels_clear_of_nodes_and_each_other():
    """'State Council (29)', the largest marker, used to be written over its own node and a link."""
    docs = lp.from_metadata(TABLE)
    graph, _ = lp.coissuing_network(docs.df)
    fig = plot_coissuing_network(graph, language="en")
    ax = fig.axes[0]
    assert _overlaps(fig, ax) == []
    renderer = fig.canvas.get_renderer()
    markers = ax.collections[-1]  # the node PathCollection, drawn last
    centres = ax.transData.transform(markers.get_offsets())
    radii = np.sqrt(markers.get_sizes()) / 2 * fig.dpi / 72
    assert len(centres) == graph.number_of_nodes() == len(ax.texts)
    assert any(t.get_text() == "State Council (29)" for t in ax.texts)
    for t in ax.texts:
        box = t.get_window_extent(renderer)
        nearest_x = np.clip(centres[:, 0], box.x0, box.x1)
        nearest_y = np.clip(centres[:, 1], box.y0, box.y1)
        assert (np.hypot(centres[:, 0] - nearest_x, centres[:, 1] - nearest_y) >= radii).all(), t.get_text()
    close(fig)


def test_timeline_label_keeps_the_date_of_a_document_with_only_a_chinese_title():
    """A law read from its text has a Chinese title and a date but neither English title nor 文号: its label
    still starts with the date, as every other label does (the dates of the NPC laws were missing)."""
    docs = lp.PolicyCorpus.from_records(
        [
            {"title_zh": "中华人民共和国可再生能源法", "issuers": ["全国人民代表大会常务委员会"], "date": "2009-12-26"},
            {"title_zh": "甲条例", "title_en": "Regulation A", "issuers": ["国务院"], "date": "2011-01-08"},
        ]
    )
    table = timeline_table(docs)
    for language in ("both", "zh"):
        fig = plot_timeline(table, language=language)
        texts = [t.get_text() for t in fig.axes[0].texts]
        close(fig)
        # the date leads the label (a narrow column wraps the title onto the next line)
        first = next(i for i, t in enumerate(texts) if t.startswith("2009-12-26"))
        assert "可再生能源法" in "".join(texts[first : first + 2]), (language, texts)
    fig = plot_timeline(table, language="both")
    texts = [t.get_text() for t in fig.axes[0].texts]
    close(fig)
    # the document with an English title keeps the date on its English line only
    assert any(t.startswith("2011-01-08  Regulation A") for t in texts), texts
    assert not any(t.startswith("2011-01-08  甲条例") for t in texts), texts
