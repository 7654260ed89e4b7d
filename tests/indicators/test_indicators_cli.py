"""`litkit summary` and the "summary" run: files, params.json, values equal to the library, determinism; figures."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from litkit import Corpus
from litkit.errors import LitkitError
from litkit.indicators import bradford, lotka, summary, top_authors, top_countries
from litkit.plot.indicators import plot_annual_production, plot_bradford, plot_lotka, plot_top
from litkit.plot.style import save_figure

ROWS = [
    {
        "PY": 2018,
        "SO": "Ecol Econ",
        "TC": 10,
        "AU": ["Li, X", "Wu, Y"],
        "DE": ["services"],
        "C1": [
            "[Li, X; Wu, Y] Peking Univ, Coll Urban & Environm Sci, Beijing 100871, Peoples R China",
            "[Wu, Y] Univ Oxford, Sch Geog, Oxford OX1 3QY, England",
        ],
    },
    {
        "PY": 2019,
        "SO": "Nature",
        "TC": 4,
        "AU": ["Li, X"],
        "C1": ["[Li, X] Peking Univ, Coll Urban & Environm Sci, Beijing 100871, Peoples R China"],
    },
    {"PY": 2020, "SO": "生态学报", "TC": 1, "AU": ["张三", "李四"], "DE": ["生态系统服务"]},
    {"PY": 2020, "SO": "Ecol Econ", "TC": 0, "AU": ["Smith, J"]},
]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("summary") / "corpus.parquet"
    Corpus.from_records([{"UT": f"R{i}", "DB": "WoS", **r} for i, r in enumerate(ROWS)]).to_parquet(path)
    return path


def _run(args):
    from litkit.cli import app

    return CliRunner().invoke(app, args)


def test_cli_writes_every_table_figure_and_params(corpus_file, tmp_path):
    out = tmp_path / "out"
    result = _run(["summary", str(corpus_file), "-o", str(out), "--formats", "png", "--as-of", "2024"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    for stem in (
        "main_information",
        "top_authors",
        "top_sources",
        "top_institutions",
        "top_countries",
        "most_cited",
        "hindex_authors",
        "hindex_sources",
        "lotka",
        "lotka_fit",
        "bradford",
        "annual_articles",
    ):
        assert f"{stem}.csv" in names, stem
    for stem in ("top_authors", "top_sources", "lotka", "bradford", "annual_articles"):
        assert f"{stem}.png" in names, stem
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert params["analysis"] == "summary"
    assert params["parameters"]["as_of"] == 2024
    main = pd.read_csv(out / "main_information.csv", keep_default_na=False)
    expected = summary(Corpus.read_parquet(corpus_file), as_of=2024)
    assert main["Description"].tolist() == expected["Description"].tolist()
    got = dict(zip(main["Description"], main["Results"]))
    for row, value in zip(expected["Description"], expected["Results"]):
        if isinstance(value, float) and value != value:
            assert got[row] == "", row  # unknown (e.g. no record carries the field): an empty cell
        elif isinstance(value, float):
            assert float(got[row]) == pytest.approx(value, rel=1e-5), row  # written with six digits
        else:
            assert str(got[row]) == str(value), row
    authors = pd.read_csv(out / "top_authors.csv")
    assert authors["articles"].tolist() == top_authors(Corpus.read_parquet(corpus_file))["articles"].tolist()
    # an existing folder is refused without --force, replaced with it, and the files are the same bytes
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = _run(["summary", str(corpus_file), "-o", str(out), "--formats", "png", "--as-of", "2024"])
    assert again.exit_code != 0
    forced = _run(["summary", str(corpus_file), "-o", str(out), "--formats", "png", "--as-of", "2024", "--force"])
    assert forced.exit_code == 0, forced.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_summary_is_a_registered_analysis():
    from litkit import runs

    assert runs.parameters("summary") == {"as_of": None, "top": 20}


def test_cli_rejects_a_missing_corpus(tmp_path):
    result = _run(["summary", str(tmp_path / "nothing.parquet"), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "nothing.parquet" in result.output


def test_figures_render_with_cjk_and_long_labels(tmp_path):
    corpus = Corpus.from_records([{"UT": f"R{i}", **r} for i, r in enumerate(ROWS)])
    long = pd.DataFrame({"source": ["A very long journal name " * 4, "生态学报"], "articles": [3, 1]})
    figures = {
        "top": plot_top(top_authors(corpus), "author"),
        "long": plot_top(long, "source"),
        "lotka": plot_lotka(lotka(corpus)),
        "bradford": plot_bradford(bradford(corpus)),
        "annual": plot_annual_production(pd.DataFrame({"year": [2018, 2019, 2020], "articles": [1, 1, 2]})),
    }
    for name, fig in figures.items():
        paths = save_figure(fig, tmp_path / name, formats=["png"], overwrite=True, close=True)
        assert paths[0].stat().st_size > 1000, name
    # the long name is shortened with an ellipsis, so it cannot run off the figure
    fig = plot_top(long, "source", max_label=30)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].endswith("…") and len(labels[0]) == 30
    with pytest.raises(LitkitError):
        plot_top(long, "author")
    with pytest.raises(LitkitError):
        plot_lotka(long)


def test_country_bars_named_and_titled_in_english():
    """The country table keeps ISO codes; its figure shows names ("Most productive countrys" before)."""
    table = pd.DataFrame({"country": ["GB", "KR", "XK"], "articles": [5, 3, 1]})
    ax = plot_top(table, "country").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["United Kingdom", "South Korea", "Kosovo"]
    assert ax.get_title() == "Most productive countries"
    assert plot_top(table.rename(columns={"country": "source"}), "source").axes[0].get_title() == (
        "Most productive sources"
    )


def test_country_table_from_litkit_affiliations():
    corpus = Corpus.from_records([{"UT": f"R{i}", "DB": "WoS", **r} for i, r in enumerate(ROWS)])
    table = top_countries(corpus).set_index("country")
    # record 0: CN and GB (MCP, corresponding = first address, CN); record 1: CN only
    assert table.loc["CN", ["articles", "SCP", "MCP"]].tolist() == [2, 1, 1]
    assert table.loc["GB", "articles"] == 1
    main = dict(zip(*summary(corpus).T.values))
    assert main["International co-authorships %"] == pytest.approx(25.0)


def test_bradford_figure_with_many_core_labels_is_deterministic(tmp_path):
    counts = {f"Journal of Things {i}": n for i, n in enumerate([9, 8, 8, 7, 7, 6, 3, 2, 2, 1, 1, 1, 1])}
    rows = [{"UT": f"{so}-{k}", "SO": so} for so, n in counts.items() for k in range(n)]
    table = bradford(Corpus.from_records(rows))
    assert (table["zone"] == 1).sum() >= 2  # several core names to place
    first = save_figure(plot_bradford(table), tmp_path / "a", formats=["png", "svg"], overwrite=True, close=True)
    second = save_figure(plot_bradford(table), tmp_path / "b", formats=["png", "svg"], overwrite=True, close=True)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
