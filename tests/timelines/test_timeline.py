"""Timelines: annual production, keyword timeline, time zones, thematic map and evolution, figures, CLI."""

from __future__ import annotations

import json
import math

import networkx as nx
import pandas as pd
import pytest

from litkit.corpus import Corpus
from litkit.errors import LitkitError
from litkit.text import TermCleaner
from litkit.timelines import (
    annual_production,
    cagr,
    growth_rate,
    keyword_clusters,
    keyword_timeline,
    thematic_evolution,
    thematic_map,
    time_zone,
)

THEME_A = ["ecosystem services", "valuation", "wetland", "payment"]
THEME_B = ["carbon sink", "carbon neutrality", "forest", "emission"]
# Keywords are items by litkit's one term pipeline (the keyword map's defaults): "ecosystem services"
# is the item "ecosystem service" (plurals merged) and "GEP" is "gross ecosystem product" (default thesaurus).
K = TermCleaner(thesaurus="default").key


def _two_theme_corpus():
    """Two keyword themes that never co-occur; 'gep' joins theme A from 2016; '碳汇' theme B from 2012."""
    records, n = [], 0
    for year in range(2010, 2021):
        for k in range(8):
            n += 1
            theme = THEME_A if k % 2 else THEME_B
            keywords = theme[: 2 + (k + year) % 3]
            if year >= 2016 and k % 2:
                keywords = keywords + ["GEP"]
            if year >= 2012 and k % 2 == 0:
                keywords = keywords + ["碳汇"]
            records.append(
                {"UT": f"X:{n}", "DB": ["CNKI", "WoS", "Scopus", "WoS;Scopus"][k % 4], "PY": year, "DE": keywords}
            )
    return Corpus.from_records(records)


# ---------------------------------------------------------------------------------------------
# annual production
# ---------------------------------------------------------------------------------------------
def test_annual_production_counts_databases_and_fills_gaps():
    recs = [
        {"UT": "1", "DB": "CNKI", "PY": 2018},
        {"UT": "2", "DB": "CNKI", "PY": 2018},
        {"UT": "3", "DB": "WoS;Scopus", "PY": 2018},
        {"UT": "4", "DB": "Scopus", "PY": 2020},
        {"UT": "5", "DB": "WoS", "PY": 2021},
        {"UT": "6", "DB": "WoS", "PY": 2021},
        {"UT": "7", "DB": "WoS", "PY": 2021},
        {"UT": "8", "DB": "WoS", "PY": None},
    ]
    table = annual_production(Corpus.from_records(recs))
    assert list(table.columns) == ["year", "CNKI", "WoS", "Scopus", "total", "growth"]
    assert table["year"].tolist() == [2018, 2019, 2020, 2021]
    assert table["CNKI"].tolist() == [2, 0, 0, 0]
    assert table["WoS"].tolist() == [1, 0, 0, 3]
    assert table["Scopus"].tolist() == [1, 0, 1, 0]
    assert table["total"].tolist() == [3, 0, 1, 3]  # the merged record counts once in the total
    growth = table["growth"].tolist()
    assert math.isnan(growth[0]) and growth[1] == -100.0 and math.isnan(growth[2]) and growth[3] == 200.0
    assert table.attrs["records_without_year"] == 1
    assert table.attrs["cagr"] == pytest.approx(0.0)  # 3 records in 2018 and in 2021


def test_annual_production_years_and_databases():
    corpus = _two_theme_corpus()
    table = annual_production(corpus, years=(2008, 2012), databases=["WoS", "CNKI"])
    assert table["year"].tolist() == list(range(2008, 2013))
    assert table["total"].tolist() == [0, 0, 8, 8, 8]
    assert table["WoS"].tolist() == [0, 0, 4, 4, 4] and table["CNKI"].tolist() == [0, 0, 2, 2, 2]


def test_cagr_and_growth():
    t = pd.DataFrame({"year": [2000, 2001, 2002, 2003], "total": [10, 0, 20, 80]})
    assert cagr(t) == pytest.approx((8 ** (1 / 3) - 1) * 100)
    assert cagr(t, first=2002, last=2003) == pytest.approx(300.0)
    assert math.isnan(cagr(t, first=2001, last=2003))
    assert growth_rate([10, 0, 20, 80]).tolist()[1:] == [-100.0, pytest.approx(float("nan"), nan_ok=True), 300.0]
    with pytest.raises(LitkitError, match="two different years"):
        cagr(t, first=2001, last=2001)
    with pytest.raises(LitkitError, match="does not cover"):
        cagr(t, first=1990, last=2003)
    with pytest.raises(LitkitError, match="no record has a publication year"):
        annual_production(Corpus.from_records([{"UT": "x"}]))


# ---------------------------------------------------------------------------------------------
# clusters, timeline, time zone
# ---------------------------------------------------------------------------------------------
def test_default_clusters_recover_the_two_themes_deterministically():
    corpus = _two_theme_corpus()
    first = keyword_clusters(corpus, min_occurrences=1)
    second = keyword_clusters(_two_theme_corpus(), min_occurrences=1)
    pd.testing.assert_frame_equal(first, second)
    groups = {frozenset(g["keyword"]) for _, g in first.groupby("cluster")}
    assert groups == {frozenset(map(K, THEME_A + ["GEP"])), frozenset(map(K, THEME_B + ["碳汇"]))}
    assert K("GEP") == "gross ecosystem product" and K("ecosystem services") == "ecosystem service"


def test_keyword_timeline_with_given_clusters():
    corpus = _two_theme_corpus()
    given = pd.DataFrame(
        {
            "keyword": [k.upper() for k in THEME_A] + ["gep"] + THEME_B + ["碳汇"],
            "cluster": [7] * 5 + [3] * 5,
            "occurrences": 0,
        }
    )
    table = keyword_timeline(corpus, clusters=given, min_occurrences=1)
    first_year = dict(zip(table["keyword"], table["first_year"]))
    assert first_year[K("gep")] == 2016 and first_year["碳汇"] == 2012 and first_year["valuation"] == 2010
    assert set(table.loc[table["cluster"] == 7, "keyword"]) == set(map(K, THEME_A + ["gep"]))
    assert set(table["cluster_label"]) == {"#7 ecosystem services", "#3 carbon sink"} or set(
        table["cluster_label"]
    ) == {"#7 ecosystem services", "#3 carbon neutrality"}
    # ordered by cluster (largest first), then first year
    for _, group in table.groupby("cluster"):
        assert group["first_year"].is_monotonic_increasing
    limited = keyword_timeline(corpus, clusters=given, min_occurrences=1, per_cluster=2, max_clusters=1)
    assert len(limited) == 2 and limited["cluster"].nunique() == 1


def test_keyword_timeline_with_label_column_and_function():
    corpus = _two_theme_corpus()
    given = pd.DataFrame(
        {"keyword": THEME_A + THEME_B, "cluster": [1] * 4 + [2] * 4, "label": ["valuing nature"] * 4 + ["carbon"] * 4}
    )
    table = keyword_timeline(corpus, clusters=given, min_occurrences=1)
    assert set(table["cluster_label"]) == {"#1 valuing nature", "#2 carbon"}
    assert K("gep") not in set(table["keyword"])  # keywords without a cluster are left out

    def components(graph: nx.Graph):
        return [set(c) for c in sorted(nx.connected_components(graph), key=lambda c: sorted(c))]

    by_function = keyword_timeline(corpus, clusters=components, min_occurrences=1)
    assert by_function["cluster"].nunique() == 2


def test_time_zone_nodes_and_links():
    corpus = _two_theme_corpus()
    zone = time_zone(corpus, min_occurrences=1, top=None)
    nodes = zone.nodes.set_index("keyword")
    assert nodes.loc[K("gep"), "first_year"] == 2016 and nodes.loc["碳汇", "first_year"] == 2012
    assert zone.nodes["first_year"].is_monotonic_increasing
    pairs = {(s, t): w for s, t, w in zone.links.itertuples(index=False)}
    # 'gep' co-occurs with 'ecosystem services' in every theme-A record from 2016 on: 5 years x 4 records
    assert pairs[(K("ecosystem services"), K("gep"))] == 20
    theme_a, theme_b = set(map(K, THEME_A)), set(map(K, THEME_B)) | {"碳汇"}
    assert not any({s, t} <= theme_b and {s, t} & theme_a for s, t in pairs)


# ---------------------------------------------------------------------------------------------
# thematic map and evolution
# ---------------------------------------------------------------------------------------------
def _tiny_corpus():
    docs = [["a", "b"], ["a", "b"], ["a", "c"], ["c", "d"], ["c", "d"], ["c", "d"]]
    return Corpus.from_records([{"UT": f"T:{i}", "PY": 2000 + i, "DE": kw} for i, kw in enumerate(docs)])


def test_thematic_map_callon_values():
    # occurrences a3 b2 c4 d3; c_ab = 2, c_ac = 1, c_cd = 3
    # e_ab = 4/6, e_ac = 1/12, e_cd = 9/12
    tmap = thematic_map(_tiny_corpus(), clusters={"a": 0, "b": 0, "c": 1, "d": 1}, min_occurrences=1)
    themes = tmap.themes.set_index("cluster")
    assert themes.loc[0, "centrality"] == pytest.approx(10 / 12, abs=1e-12)
    assert themes.loc[1, "centrality"] == pytest.approx(10 / 12, abs=1e-12)
    assert themes.loc[0, "density"] == pytest.approx(100 * (4 / 6) / 2, abs=1e-12)
    assert themes.loc[1, "density"] == pytest.approx(100 * (9 / 12) / 2, abs=1e-12)
    assert themes.loc[1, "quadrant"] == "Motor themes" and themes.loc[0, "quadrant"] == "Basic themes"
    assert themes.loc[1, "label"] == "c" and themes.loc[1, "occurrences"] == 7
    assert themes.loc[0, "top_keywords"] == "a; b"


def test_thematic_map_default_clustering_and_quadrants():
    tmap = thematic_map(_two_theme_corpus(), min_occurrences=1)
    assert len(tmap.themes) == 2
    assert (tmap.themes["centrality"] == 0).all()  # the themes never co-occur
    assert set(tmap.themes["quadrant"]) <= {"Motor themes", "Basic themes"}


def test_thematic_evolution_inclusion():
    corpus = _two_theme_corpus()
    clusters = {k: "A" for k in THEME_A + ["gep"]} | {k: "B" for k in THEME_B + ["碳汇"]}
    evo = thematic_evolution(corpus, [(2010, 2013), (2014, 2020)], clusters=clusters, min_occurrences=1)
    assert evo.periods == [(2010, 2013), (2014, 2020)]
    links = evo.links.set_index(["from_cluster", "to_cluster"])
    assert set(links.index) == {("A", "A"), ("B", "B")}
    # theme A: 4 keywords before 2014, 5 after (gep joins): shared 4 / min(4, 5)
    assert links.loc[("A", "A"), "shared"] == 4 and links.loc[("A", "A"), "inclusion"] == 1.0
    assert links.loc[("B", "B"), "shared"] == 5
    assert links.loc[("A", "A"), "from_period"] == "2010-2013"


def test_thematic_evolution_validation():
    corpus = _two_theme_corpus()
    with pytest.raises(LitkitError, match="at least two periods"):
        thematic_evolution(corpus, [(2010, 2020)])
    with pytest.raises(LitkitError, match="overlap"):
        thematic_evolution(corpus, [(2010, 2015), (2015, 2020)])
    with pytest.raises(LitkitError, match="keyword' and 'cluster'"):
        keyword_timeline(corpus, clusters=pd.DataFrame({"term": ["a"], "group": [1]}))
    with pytest.raises(LitkitError, match="no column"):
        time_zone(corpus, field="XX")


# ---------------------------------------------------------------------------------------------
# figures and command line
# ---------------------------------------------------------------------------------------------
def test_figures_are_written_without_missing_glyphs(tmp_path, recwarn):
    from litkit.plot import timelines as plot
    from litkit.plot.style import save_figure

    corpus = _two_theme_corpus()
    figures = {
        "production": plot.plot_production(annual_production(corpus), title="年度发文量"),
        "timeline": plot.plot_keyword_timeline(keyword_timeline(corpus, min_occurrences=1)),
        "zone": plot.plot_time_zone(time_zone(corpus, min_occurrences=1)),
        "map": plot.plot_thematic_map(thematic_map(corpus, min_occurrences=1).themes),
        "evolution": plot.plot_thematic_evolution(
            thematic_evolution(corpus, [(2010, 2013), (2014, 2020)], min_occurrences=1)
        ),
    }
    for name, fig in figures.items():
        paths = save_figure(fig, tmp_path / name, formats=("png",), close=True)
        assert all(p.stat().st_size > 2000 for p in paths), name
        data = paths[0].read_bytes()
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert 600 < width < 12000 and 300 < height < 8000, (name, width, height)
    assert not [w for w in recwarn.list if "glyph" in str(w.message).lower()]


def test_cli_timeline(tmp_path):
    from typer.testing import CliRunner

    from litkit.cli import app

    corpus_path = tmp_path / "c.parquet"
    _two_theme_corpus().to_parquet(corpus_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "timeline",
            str(corpus_path),
            "-o",
            str(out),
            "--formats",
            "png",
            "--keywords",
            "--min-occurrences",
            "1",
            "--periods",
            "2010-2013,2014-2020",
        ],
    )
    assert result.exit_code == 0, result.output
    production = pd.read_csv(out / "annual_production.csv")
    assert production["total"].tolist() == [8] * 11
    assert production["WoS"].tolist() == [4] * 11  # 'WoS' and 'WoS;Scopus' records
    for name in (
        "annual_production.png",
        "keyword_timeline.png",
        "time_zone.png",
        "thematic_map.png",
        "thematic_evolution.png",
        "thematic_evolution.csv",
        "params.json",
    ):
        assert (out / name).stat().st_size > 0, name
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))["parameters"]
    assert params["periods"] == [[2010, 2013], [2014, 2020]]
    again = CliRunner().invoke(app, ["timeline", str(corpus_path), "-o", str(out)])
    assert again.exit_code == 2 and "exists" in again.output
    bad = CliRunner().invoke(app, ["timeline", str(corpus_path), "-o", str(tmp_path / "x"), "--periods", "2010"])
    assert bad.exit_code == 2 and "period" in bad.output


def test_thesaurus_merges_keywords_before_counting():
    corpus = _two_theme_corpus()
    merged = time_zone(corpus, min_occurrences=1, top=None, thesaurus={"wetland": "valuation", "GEP": ""})
    nodes = merged.nodes.set_index("keyword")
    assert "wetland" not in nodes.index and "gep" not in nodes.index
    plain = time_zone(corpus, min_occurrences=1, top=None).nodes.set_index("keyword")
    # 'valuation' now counts every record with valuation or wetland: wetland only occurs with valuation
    assert nodes.loc["valuation", "occurrences"] == plain.loc["valuation", "occurrences"]
    tl = keyword_timeline(corpus, min_occurrences=1, thesaurus={"carbon sink": "forest"})
    assert "carbon sink" not in set(tl["keyword"]) and "forest" in set(tl["keyword"])


# ---------------------------------------------------------------------------------------------
# figure layout: labels never overlap, display forms
# ---------------------------------------------------------------------------------------------
def _text_boxes(fig, min_size: float = 0.0):
    """Window extents of the visible, non-empty texts of the first axes (tick labels excluded)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in ax.texts
        if t.get_text().strip() and t.get_visible() and t.get_fontsize() >= min_size
    ]


def _overlapping_pairs(boxes):
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if ba.overlaps(bb)]


def test_keyword_timeline_labels_never_overlap_even_when_crowded():
    """Twelve long keywords in the same two years of one cluster: more rows than the six the
    old layout had, so it had to overprint; now every label has its own place."""
    import matplotlib.pyplot as plt

    from litkit.plot import timelines as plot

    words = [f"long keyword number {i} about ecosystem services" for i in range(12)]
    table = pd.DataFrame(
        {
            "cluster": [1] * 12 + [2] * 2,
            "cluster_label": ["#1 first"] * 12 + ["#2 second"] * 2,
            "keyword": words + ["alpha", "beta"],
            "first_year": [2010 + i % 2 for i in range(12)] + [2010, 2020],
            "occurrences": list(range(12, 0, -1)) + [3, 2],
        }
    )
    fig = plot.plot_keyword_timeline(table)
    try:
        boxes = _text_boxes(fig)
        assert {t for t, _ in boxes} >= set(words) | {"alpha", "beta", "#1 first", "#2 second"}
        assert _overlapping_pairs(boxes) == []
        assert min(t.get_fontsize() for t in fig.axes[0].texts) >= 6.5
    finally:
        plt.close(fig)


def test_keyword_timeline_shows_display_forms():
    """Lower-cased keys are shown as the map shows them ("REDD+"), cluster labels included."""
    import matplotlib.pyplot as plt

    from litkit.plot import timelines as plot

    table = pd.DataFrame(
        {
            "cluster": [1, 1],
            "cluster_label": ["#1 redd+", "#1 redd+"],
            "keyword": ["redd+", "invest model"],
            "first_year": [2008, 2012],
            "occurrences": [5, 3],
        }
    )
    display = pd.DataFrame({"keyword": ["REDD+", "InVEST model"], "term": ["redd+", "invest model"]})
    for given in (display, {"REDD+": "REDD+", "invest model": "InVEST model"}):
        fig = plot.plot_keyword_timeline(table, display=given)
        try:
            shown = {t.get_text() for t in fig.axes[0].texts}
            assert {"REDD+", "InVEST model", "#1 REDD+"} <= shown
            assert not shown & {"redd+", "invest model"}
        finally:
            plt.close(fig)
    with pytest.raises(LitkitError):
        plot.plot_keyword_timeline(table, display=pd.DataFrame({"term": ["redd+"]}))


def test_thematic_figures_keep_labels_legible():
    """Map: median lines drawn under haloed labels.  Evolution: labels on white boxes over the
    bands, and no block is black (nine themes: more than the palette's first eight colours)."""
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from litkit.plot import timelines as plot

    corpus = _two_theme_corpus()
    fig = plot.plot_thematic_map(thematic_map(corpus, min_occurrences=1).themes)
    try:
        ax = fig.axes[0]
        medians = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
        assert len(medians) == 2
        theme_labels = [t for t in ax.texts if t.get_fontstyle() != "italic"]
        assert theme_labels and all(t.get_path_effects() for t in theme_labels)
        assert max(ln.get_zorder() for ln in medians) < min(t.get_zorder() for t in theme_labels)
    finally:
        plt.close(fig)

    evolution = thematic_evolution(corpus, [(2010, 2013), (2014, 2020)], min_occurrences=1)
    themes = pd.DataFrame(
        {"cluster": range(9), "label": [f"theme {i}" for i in range(9)], "occurrences": [9 - i for i in range(9)]}
    )
    crowded = type(evolution)(
        periods=evolution.periods,
        maps=[type(m)(themes, m.keywords) for m in evolution.maps],
        links=evolution.links.iloc[0:0],
    )
    for evo in (evolution, crowded):
        fig = plot.plot_thematic_evolution(evo)
        try:
            ax = fig.axes[0]
            blocks = [p for p in ax.patches if isinstance(p, Rectangle)]
            assert blocks and all(mcolors.to_hex(p.get_facecolor()) != "#000000" for p in blocks)
            names = [t for t in ax.texts if t.get_text().startswith(("theme", "ecosystem", "carbon", "gep", "碳"))]
            assert names and all(t.get_bbox_patch() is not None for t in names)
        finally:
            plt.close(fig)
