"""Trend topics (bibliometrix's fieldByYear): hand-worked quartiles, brute force on real exports, the figure,
the run layer and ``litkit timeline --trends``, bad parameters."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import litkit
from litkit import runs
from litkit.corpus import Corpus
from litkit.errors import LitkitError
from litkit.plot.style import figure_bytes
from litkit.plot.trends import plot_trend_topics
from litkit.text import corpus_terms
from litkit.timelines import TREND_COLUMNS, trend_topics, year_quartiles

ENV = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
]


@pytest.fixture(scope="module")
def env(shared_corpora, expected_counts):
    corpus = litkit.read([shared_corpora / p for p in ENV])
    assert len(corpus.df) == sum(expected_counts[p] for p in ENV) == 1039
    return corpus


@pytest.fixture(scope="module")
def cnki(shared_corpora, expected_counts):
    corpus = litkit.read([shared_corpora / "cnki-refworks/CNKI.txt"])
    assert len(corpus.df) == expected_counts["cnki-refworks/CNKI.txt"]
    return corpus


def _brute(corpus, field="DE", min_frequency=5, per_year=3, years=None) -> pd.DataFrame:
    """The table recomputed with plain pandas: one row per (record, term), pandas' linear quantiles, numpy rounding."""
    terms = corpus_terms(corpus, field)  # the one cleaning pipeline (what the analysis must use)
    py = pd.to_numeric(corpus.df["PY"], errors="coerce")
    pairs = pd.DataFrame(
        [(t, py.iloc[i]) for i, doc in enumerate(terms.docs) for t in set(doc) if not np.isnan(py.iloc[i])],
        columns=["term", "year"],
    )
    grouped = pairs.groupby("term")["year"]
    table = pd.DataFrame(
        {
            "frequency": grouped.size(),
            # pandas' "linear" interpolation is R's quantile type 7; np.round takes halves to even, as R's round
            "year_q1": np.round(grouped.quantile(0.25)).astype(int),
            "year_median": np.round(grouped.quantile(0.5)).astype(int),
            "year_q3": np.round(grouped.quantile(0.75)).astype(int),
        }
    ).reset_index()
    table = table[table["frequency"] >= min_frequency]
    if years is not None:
        table = table[table["year_median"].between(*years)]
    table = table.sort_values(["year_median", "frequency", "term"], ascending=[True, False, True])
    if per_year is not None:
        table = table.groupby("year_median").head(per_year)
    table.insert(1, "label", [terms.cleaner.label(t) for t in table["term"]])
    return table.reset_index(drop=True)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(TREND_COLUMNS)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want[list(TREND_COLUMNS)], check_dtype=False)


# ---- hand-worked quartiles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "years, expected",
    [
        # n = 2: h = 0.25, 0.5, 0.75 -> 2010.25, 2010.5 (half to even: 2010), 2010.75
        ([2010, 2011], (2010, 2010, 2011)),
        # 2011.25, 2011.5 (half to even: 2012), 2011.75
        ([2011, 2012], (2011, 2012, 2012)),
        # n = 4: h = 0.75, 1.5, 2.25 -> 0.25*2011+0.75*2012 = 2011.75, 2012.5 -> 2012, 0.75*2013+0.25*2020 = 2014.75
        ([2020, 2011, 2013, 2012], (2012, 2012, 2015)),
        # n = 5: h = 1, 2, 3 -> order statistics, no interpolation
        ([2001, 2003, 2009, 2010, 2015], (2003, 2009, 2010)),
        ([2018], (2018, 2018, 2018)),
        # n = 3: h = 0.5, 1, 1.5 -> 2000.5 -> 2000, 2001, 2011.5 -> 2012
        ([2000, 2001, 2022], (2000, 2001, 2012)),
    ],
)
def test_quartiles_are_r_type_7_rounded_half_to_even(years, expected):
    assert year_quartiles(years) == expected
    q = np.quantile(years, [0.25, 0.5, 0.75], method="linear")  # numpy's default = R's type 7
    assert tuple(int(v) for v in np.round(q)) == expected


def test_hand_worked_corpus_selection_and_order():
    """Five terms, frequencies and years chosen by hand; per_year=1 keeps the most frequent per median year."""
    records = []
    years = {  # term -> publication years of the records that use it
        "alpha": [2010, 2011, 2012, 2013],  # median 2011.5 -> 2012, q1 2010.75 -> 2011, q3 2012.25 -> 2012
        "beta": [2012, 2012, 2012],  # 2012 throughout, frequency 3
        "gamma": [2015, 2016],  # q1 2015.25 -> 2015, median 2015.5 -> 2016, q3 2015.75 -> 2016
        "delta": [2016, 2016],  # 2016, frequency 2: ties gamma (2016, 2) and is kept by term order
        "rare": [2020],  # under min_frequency
    }
    for term, ys in years.items():
        for y in ys:
            records.append({"PY": y, "DE": [term]})
    records.append({"PY": None, "DE": ["alpha"]})  # no year: not counted (the quartiles could not use it)
    c = Corpus.from_records(records)
    got = trend_topics(c, min_frequency=2, per_year=None)
    assert got[["term", "frequency", "year_q1", "year_median", "year_q3"]].values.tolist() == [
        ["alpha", 4, 2011, 2012, 2012],
        ["beta", 3, 2012, 2012, 2012],
        ["delta", 2, 2016, 2016, 2016],
        ["gamma", 2, 2015, 2016, 2016],
    ]
    assert got.attrs["terms"] == 5 and got.attrs["records"] == 12 and got.attrs["period"] == [2012, 2016]
    one = trend_topics(c, min_frequency=2, per_year=1)
    assert one["term"].tolist() == ["alpha", "delta"]  # alpha beats beta (4 > 3); delta before gamma (tie, order)
    window = trend_topics(c, min_frequency=1, per_year=None, years=(2013, 2020))
    assert window["term"].tolist() == ["delta", "gamma", "rare"]  # median years 2016, 2016, 2020


def test_terms_are_the_keyword_map_items():
    """Spellings the term pipeline merges are one term, labelled with the most frequent spelling."""
    c = Corpus.from_records(
        [
            {"PY": 2010, "DE": ["Ecosystem services"]},
            {"PY": 2012, "DE": ["ecosystem service"]},
            {"PY": 2014, "DE": ["Ecosystem services", "ECOSYSTEM SERVICES"]},  # twice in one record: counted once
        ]
    )
    got = trend_topics(c, min_frequency=1)
    assert got[["term", "label", "frequency", "year_median"]].values.tolist() == [
        ["ecosystem service", "Ecosystem services", 3, 2012]
    ]
    # the keyword map's node of the same spellings is the same term
    net = litkit.cooccurrence(
        Corpus.from_records([{"PY": 2010, "DE": ["Ecosystem services", "carbon"]}] * 2), min_occurrence=1
    )
    assert "ecosystem service" in set(net.keywords["term"])


# ---- brute force on real exports -------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"min_frequency": 2, "per_year": None},
        {"min_frequency": 3, "per_year": 5, "years": (2012, 2020)},
    ],
)
def test_real_wos_exports_brute_force(env, options):
    got = trend_topics(env, **options)
    want = _brute(env, **options)
    assert len(got) >= 10
    _same(got, want)


@pytest.mark.shared
def test_real_wos_keywords_plus_and_titles(env):
    for field in ("ID", "TI"):
        _same(trend_topics(env, field=field, min_frequency=4), _brute(env, field=field, min_frequency=4))


@pytest.mark.shared
def test_real_cnki_export_chinese_labels(cnki):
    got = trend_topics(cnki, min_frequency=2)
    _same(got, _brute(cnki, min_frequency=2))
    assert sum(any("\u4e00" <= ch <= "\u9fff" for ch in v) for v in got["label"]) >= 15


# ---- the figure --------------------------------------------------------------------------------------


def _ink_margins(png: bytes) -> tuple[int, int, int, int]:
    """Background pixels between the ink and the top, bottom, left and right edges of a PNG."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        pixels = np.asarray(image.convert("RGBA")).astype(np.int16)
    ink = np.abs(pixels - pixels[0, 0]).max(axis=2) > 8
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    h, w = ink.shape
    return int(rows[0]), int(h - 1 - rows[-1]), int(cols[0]), int(w - 1 - cols[-1])


def _check_figure(fig, table: pd.DataFrame) -> None:
    """One row per term, labels that neither overlap nor leave the figure, rows in bibliometrix's order."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    ticks = ax.get_yticklabels()
    assert len(ticks) == len(table)
    boxes = [t.get_window_extent(renderer) for t in ticks]
    for a, b in zip(boxes, boxes[1:]):
        assert not a.overlaps(b), (a, b)
    figure_box = fig.bbox
    for box in boxes:
        assert box.x0 >= figure_box.x0 and box.x1 <= figure_box.x1  # inside the figure, not only the saved file
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.x0 >= ax.get_window_extent(renderer).x1  # beside the plot, never over a term's line
    assert all(m >= 5 for m in _ink_margins(figure_bytes(fig, "png", dpi=300)))
    # bottom to top as bibliometrix: median year, then frequency, ascending (the most recent topics on top)
    want = table.sort_values(["year_median", "frequency", "term"], ascending=[True, True, False], kind="mergesort")
    for tick, label in zip(ticks, want["label"]):
        text = tick.get_text()
        assert text == label or (text.endswith("…") and label.startswith(text[:-1])), (text, label)


@pytest.mark.shared
def test_figure_on_real_exports(env, cnki):
    for corpus, options in ((env, {}), (cnki, {"min_frequency": 2})):
        table = trend_topics(corpus, **options)
        fig = plot_trend_topics(table)
        _check_figure(fig, table)
        plt.close(fig)


def test_figure_long_and_cjk_labels_are_cut_not_clipped():
    table = pd.DataFrame(
        {
            "term": ["a", "b", "c"],
            "label": ["a very long keyword " * 6, "生态产品价值实现机制研究与实践探索" * 3, "carbon"],
            "frequency": [9, 5, 2],
            "year_q1": [2010, 2015, 2019],
            "year_median": [2012, 2016, 2020],
            "year_q3": [2014, 2018, 2021],
        }
    )
    fig = plot_trend_topics(table, max_label_in=2.0)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[2] == "carbon" and labels[0].endswith("…") and labels[1].endswith("…")
    fig.canvas.draw()
    widths = [t.get_window_extent(fig.canvas.get_renderer()).width / fig.dpi for t in fig.axes[0].get_yticklabels()]
    assert max(widths) <= 2.0 + 1e-6
    assert all(m >= 5 for m in _ink_margins(figure_bytes(fig, "png", dpi=300)))
    plt.close(fig)


def test_figure_is_the_same_bytes_twice():
    c = Corpus.from_records([{"PY": 2000 + i % 9, "DE": [f"k{i % 4}", f"k{i % 7}"]} for i in range(60)])
    table = trend_topics(c, min_frequency=2)
    first = {fmt: figure_bytes(plot_trend_topics(table), fmt) for fmt in ("png", "svg", "pdf")}
    second = {fmt: figure_bytes(plot_trend_topics(table), fmt) for fmt in ("png", "svg", "pdf")}
    assert first == second
    plt.close("all")


# ---- bad parameters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, message",
    [
        ({"min_frequency": 0}, "min_frequency must be a whole number >= 1"),
        ({"min_frequency": "5"}, "min_frequency must be a whole number >= 1"),
        ({"min_frequency": True}, "min_frequency must be a whole number >= 1"),
        ({"per_year": 0}, "per_year must be a whole number >= 1 or None"),
        ({"per_year": 2.5}, "per_year must be a whole number >= 1 or None"),
        ({"years": (2020, 2010)}, "first year 2020 is after last year 2010"),
        ({"years": 2020}, "years must be a (first, last) pair"),
        ({"field": "XX"}, "field 'XX' is not a term source"),
    ],
)
def test_bad_parameters_are_one_line_errors(options, message):
    c = Corpus.from_records([{"PY": 2010, "DE": ["a"]}])
    with pytest.raises(LitkitError) as err:
        trend_topics(c, **options)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_bad_tables_and_corpora():
    with pytest.raises(LitkitError, match="no column 'PY'"):
        trend_topics(pd.DataFrame({"DE": [["a"]]}))
    with pytest.raises(LitkitError, match="expected a litkit Corpus"):
        trend_topics([{"PY": 2010}])
    with pytest.raises(LitkitError, match="no trend topic to draw"):
        plot_trend_topics(trend_topics(Corpus.from_records([{"PY": 2010, "DE": ["a"]}])))
    with pytest.raises(LitkitError, match="lacks the column"):
        plot_trend_topics(pd.DataFrame({"term": ["a"]}))
    empty = trend_topics(Corpus.from_records([{"PY": None, "DE": ["a"]}]), min_frequency=1)
    assert empty.empty and list(empty.columns) == list(TREND_COLUMNS) and empty.attrs["period"] is None


# ---- run layer and command line ----------------------------------------------------------------------------


def _small_corpus() -> Corpus:
    rows = []
    for i in range(80):
        year = 2005 + i % 15
        rows.append({"UT": f"R{i}", "DB": "WoS", "PY": year, "DE": [f"topic {i % 5}", f"theme {(i * 7) % 11}"]})
    return Corpus.from_records(rows)


def test_run_writes_table_figure_and_params(tmp_path):
    c = _small_corpus()
    assert runs.parameters("trend_topics") == {
        "field": "DE",
        "min_frequency": 5,
        "per_year": 3,
        "first_year": None,
        "last_year": None,
        "thesaurus": "default",
    }
    result = runs.run("trend_topics", c, tmp_path / "a", {"first_year": 2008}, formats=["png", "svg"])
    names = sorted(p.name for p in result.files)
    assert names == ["params.json", "trend_topics.csv", "trend_topics.png", "trend_topics.svg"]
    table = pd.read_csv(tmp_path / "a" / "trend_topics.csv")
    want = trend_topics(c, years=(2008, 2019))
    pd.testing.assert_frame_equal(table, want, check_dtype=False)
    params = json.loads((tmp_path / "a" / "params.json").read_text(encoding="utf-8"))
    assert params["analysis"] == "trend_topics"
    assert params["parameters"]["terms"] == want.attrs["terms"]
    assert params["parameters"]["period"] == want.attrs["period"]
    again = runs.run("trend_topics", c, tmp_path / "b", {"first_year": 2008}, formats=["png", "svg"])
    for a, b in zip(result.files, again.files):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert runs.corpus_columns("trend_topics", {"field": "ID"}) == ["ID", "PY", "UT"]
    assert runs.corpus_columns("trend_topics", {"field": "TI"}) == ["DE", "ID", "PY", "TI", "UT"]


def test_cli_timeline_trends(tmp_path):
    from typer.testing import CliRunner

    from litkit.cli import app

    path = tmp_path / "c.parquet"
    _small_corpus().to_parquet(path)
    out = tmp_path / "out"
    args = ["timeline", str(path), "-o", str(out), "--trends", "--min-frequency", "4", "--per-year", "2"]
    result = CliRunner().invoke(app, args + ["--formats", "png"])
    assert result.exit_code == 0, result.output
    assert {"trend_topics.csv", "trend_topics.png", "annual_production.csv"} <= {p.name for p in out.iterdir()}
    table = pd.read_csv(out / "trend_topics.csv")
    pd.testing.assert_frame_equal(
        table, trend_topics(Corpus.read_parquet(path), min_frequency=4, per_year=2), check_dtype=False
    )
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert params["parameters"]["trends"] is True and params["parameters"]["per_year"] == 2
    assert [r["analysis"] for r in params["runs"]] == ["production", "trend_topics"]
    # without --trends, params.json has no trend keys (the file of a plain run is what it was)
    plain = tmp_path / "plain"
    assert CliRunner().invoke(app, ["timeline", str(path), "-o", str(plain), "--formats", "png"]).exit_code == 0
    assert "trends" not in json.loads((plain / "params.json").read_text(encoding="utf-8"))["parameters"]
    bad = CliRunner().invoke(app, ["timeline", str(path), "-o", str(tmp_path / "bad"), "--trends", "--per-year", "0"])
    assert bad.exit_code != 0 and "per_year must be a whole number >= 1" in bad.output


_DRIVER = """
import sys
from litkit.cli import app
for args in ({summary!r}, {timeline!r}):
    try:
        app(args=args, standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            sys.exit(f"litkit {{args}} exited with {{exc.code}}")
"""


@pytest.mark.shared
def test_same_bytes_in_two_processes(shared_corpora, tmp_path):
    """Both new analyses through the CLI in two processes with different hash seeds: every file byte-identical."""
    corpus = litkit.read([shared_corpora / ENV[1]])
    files = {}
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        corpus.to_parquet(folder / "c.parquet")
        summary = ["summary", "c.parquet", "-o", "s", "--three-fields", "--fields", "AU,DE,CR", "--formats", "png,svg"]
        timeline = ["timeline", "c.parquet", "-o", "t", "--trends", "--min-frequency", "2", "--formats", "png,pdf"]
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        code = _DRIVER.format(summary=summary, timeline=timeline)
        done = subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        files[seed] = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert sorted(files["1"]) == sorted(files["2"])
    assert {"s/three_fields.png", "s/three_fields.html", "t/trend_topics.pdf"} <= set(files["1"])
    differ = [name for name in files["1"] if files["1"][name] != files["2"][name]]
    assert differ == []


def test_docs_examples_run():
    """The docstring examples of the new module (numpydoc Examples) hold."""
    import doctest

    import litkit.timelines._trend_topics as module

    result = doctest.testmod(module)
    assert result.attempted >= 3 and result.failed == 0
