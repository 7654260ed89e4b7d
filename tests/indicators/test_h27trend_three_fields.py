"""Three-field plot (bibliometrix's threeFieldsPlot): hand-worked tables, brute force on real exports, the Sankey
figure and page, crossing reduction, the run layer and ``litkit summary --three-fields``, bad parameters."""

from __future__ import annotations

import io
import json
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import litkit
from litkit import runs
from litkit.addresses import CORRESPONDENCE_FIELDS
from litkit.corpus import Corpus
from litkit.errors import LitkitError
from litkit.indicators import LINK_COLUMNS, NODE_COLUMNS, field_items, three_fields
from litkit.plot.sankey import plot_three_fields, sankey_layout, sankey_order, three_fields_html
from litkit.plot.style import figure_bytes
from litkit.refs import references_table
from litkit.text import corpus_terms

ENV = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
]


@pytest.fixture(scope="module")
def env(shared_corpora, expected_counts):
    corpus = litkit.read([shared_corpora / p for p in ENV])
    assert len(corpus.df) == sum(expected_counts[p] for p in ENV)
    return corpus


@pytest.fixture(scope="module")
def env_affiliations(env):
    return litkit.affiliations(env)


@pytest.fixture(scope="module")
def cnki(shared_corpora, expected_counts):
    corpus = litkit.read([shared_corpora / "cnki-refworks/CNKI.txt"])
    assert len(corpus.df) == expected_counts["cnki-refworks/CNKI.txt"]
    return corpus


# ---- brute force ---------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(str(text).split()).upper()


def _items(corpus, field: str, aff=None) -> list[set]:
    """Each record's items of ``field``, recomputed here with plain Python and pandas."""
    df = corpus.df
    n = len(df)
    if field == "AU":
        return [
            {_fold(str(a).replace(",", " ")) for a in (v if v is not None else []) if str(a).strip()} for v in df["AU"]
        ]
    if field == "SO":
        return [{_fold(str(v).replace(",", ""))} if isinstance(v, str) and v.strip() else set() for v in df["SO"]]
    if field in ("DE", "ID", "TI"):
        return [set(doc) for doc in corpus_terms(corpus, field).docs]
    if field == "CR":
        refs = references_table(df)
        out = [set() for _ in range(n)]
        for record, key in zip(refs["record"], refs["key"]):
            if key:
                out[record].add(key)
        return out
    if field == "AU_CO":  # bibliometrix's AU_CO: address countries, the reprint address's only when none
        main = [set() for _ in range(n)]
        reprint = [set() for _ in range(n)]
        for record, country, where in zip(aff["record"], aff["country"], aff["source_field"]):
            if country:
                (reprint if where in CORRESPONDENCE_FIELDS else main)[record].add(country)
        return [m or r for m, r in zip(main, reprint)]
    if field == "AU_UN":
        out = [set() for _ in range(n)]
        for record, name, where in zip(aff["record"], aff["institution"], aff["source_field"]):
            if where != "C3" and isinstance(name, str) and name.strip():
                out[record].add(_fold(name))
        return out
    raise AssertionError(field)


def _brute(corpus, fields, top, aff=None):
    """(nodes as (column, item, documents), links as {(column, source item, target item): weight})."""
    per = [_items(corpus, f, aff) for f in fields]
    chosen = []
    for records, n in zip(per, top):
        counts = Counter(k for r in records for k in r)
        chosen.append({k: counts[k] for k in sorted(counts, key=lambda k: (-counts[k], k))[:n]})
    links: Counter = Counter()
    for side in (0, 1):
        for a, b in zip(per[side], per[side + 1]):
            for x in a & chosen[side].keys():
                for y in b & chosen[side + 1].keys():
                    links[(side, x, y)] += 1
    linked = [set(), set(), set()]
    for side, x, y in links:
        linked[side].add(x)
        linked[side + 1].add(y)
    nodes = [(c, k, v) for c in range(3) for k, v in chosen[c].items() if k in linked[c]]
    return nodes, dict(links)


def _tables_as_brute(result):
    nodes = [(int(c), i, int(d)) for c, i, d in result.nodes[["column", "item", "documents"]].itertuples(index=False)]
    column = dict(zip(result.nodes["node"], result.nodes["column"]))
    links = {
        (int(column[s]), a, b): int(w)
        for s, a, b, w in result.links[["source", "source_item", "target_item", "weight"]].itertuples(index=False)
    }
    return nodes, links


# ---- hand-worked ---------------------------------------------------------------------------------------------


def _hand_corpus() -> Corpus:
    return Corpus.from_records(
        [
            {"UT": "1", "AU": ["Li, X", "Wu, Y"], "DE": ["Carbon sink", "wetland"], "SO": "Ecol Econ", "PY": 2020},
            {"UT": "2", "AU": ["LI, X"], "DE": ["carbon sinks"], "SO": "ECOL ECON", "PY": 2021},
            {"UT": "3", "AU": ["Zhang, S"], "DE": ["wetland"], "SO": "Nature", "PY": 2021},
            {"UT": "4", "AU": ["Wu, Y"], "DE": ["policy"], "SO": "Land Use Policy", "PY": 2022},
            {"UT": "5", "AU": ["Zhang, S", "Li, X"], "DE": [], "SO": "Nature", "PY": 2022},
        ]
    )


def test_hand_worked_tables():
    """Worked by hand: 'Carbon sink'/'carbon sinks' are one keyword, 'Li, X'/'LI, X' one author."""
    t = three_fields(_hand_corpus(), top=(2, 2, 2))
    assert list(t.nodes.columns) == list(NODE_COLUMNS) and list(t.links.columns) == list(LINK_COLUMNS)
    # authors: Li 3 records, Wu 2, Zhang 2 -> top 2: Li, then Wu (tie with Zhang, by key)
    # keywords: carbon sink 2, wetland 2, policy 1 -> carbon sink, wetland
    # sources: ECOL ECON 2, NATURE 2, LAND USE POLICY 1 -> ECOL ECON, NATURE
    assert t.nodes[["column", "item", "label", "documents"]].values.tolist() == [
        [0, "LI X", "Li, X", 3],
        [0, "WU Y", "Wu, Y", 2],
        [1, "carbon sink", "carbon sinks", 2],  # one use each: the spelling with fewer capitals (TermCleaner)
        [1, "wetland", "wetland", 2],
        [2, "ECOL ECON", "ECOL ECON", 2],
        [2, "NATURE", "Nature", 2],
    ]
    # record 1: Li, Wu x carbon sink, wetland; record 2: Li x carbon sink; record 3: wetland x Nature (Zhang not
    # shown); record 5 has no keyword: no link at all
    assert t.links[["source_item", "target_item", "weight"]].values.tolist() == [
        ["LI X", "carbon sink", 2],
        ["LI X", "wetland", 1],
        ["WU Y", "carbon sink", 1],
        ["WU Y", "wetland", 1],
        ["carbon sink", "ECOL ECON", 2],
        ["wetland", "ECOL ECON", 1],
        ["wetland", "NATURE", 1],
    ]
    assert t.nodes.attrs == {"fields": ["AU", "DE", "SO"], "top": [2, 2, 2], "dropped": [0, 0, 0]}


def test_unlinked_items_are_dropped_as_bibliometrix_does():
    """An item of the top n that shares no record with an item of the neighbouring column is left out (counted in
    ``dropped``): with only 'carbon sink' in the middle, Zhang (top 3 authors) and Nature (top 3 sources) go."""
    t = three_fields(_hand_corpus(), top=3)
    zhang = t.nodes[t.nodes["item"] == "ZHANG S"]
    assert len(zhang) == 1  # record 3: Zhang with 'wetland'
    t = three_fields(_hand_corpus(), top=(3, 1, 3))  # the middle column: carbon sink only
    assert "ZHANG S" not in set(t.nodes["item"]) and t.nodes.attrs["dropped"] == [1, 0, 2]
    assert "NATURE" not in set(t.nodes["item"])  # Nature's and Land Use Policy's records have no 'carbon sink'


def test_field_items_and_aliases():
    keys, per_record, label = field_items(_hand_corpus(), "AU")
    assert keys == ["LI X", "WU Y", "ZHANG S"] and per_record[4] == ["ZHANG S", "LI X"]
    assert label["LI X"] == "Li, X"
    a = three_fields(_hand_corpus(), fields=("DE", "AU", "TI_TM"), top=5)
    assert a.nodes.attrs["fields"] == ["DE", "AU", "TI"]


# ---- brute force on real exports ----------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize(
    "fields, top",
    [
        (("AU", "DE", "SO"), (20, 20, 20)),
        (("AU_CO", "DE", "CR"), (15, 25, 20)),
        (("AU_UN", "ID", "SO"), (20, 10, 30)),
        (("SO", "AU", "DE"), (40, 40, 40)),
        (("TI", "CR", "AU_CO"), (10, 10, 10)),
    ],
)
def test_real_wos_exports_brute_force(env, env_affiliations, fields, top):
    result = three_fields(env, fields, top, affiliations=env_affiliations)
    nodes, links = _tables_as_brute(result)
    want_nodes, want_links = _brute(env, fields, top, env_affiliations)
    assert nodes == want_nodes
    assert links == want_links
    assert len(links) >= 30
    # every link's weight is at most the records of either end
    documents = dict(zip(result.nodes["node"], result.nodes["documents"]))
    assert all(w <= min(documents[s], documents[t]) for s, t, w in result.links[["source", "target", "weight"]].values)


@pytest.mark.shared
def test_affiliations_computed_when_not_given(env, env_affiliations):
    given = three_fields(env, ("AU_CO", "DE", "SO"), affiliations=env_affiliations)
    computed = three_fields(env, ("AU_CO", "DE", "SO"))
    pd.testing.assert_frame_equal(given.nodes, computed.nodes)
    assert "United Kingdom" in set(given.nodes["label"])  # countries shown by name, compared by ISO code
    assert "GB" in set(given.nodes["item"])


@pytest.mark.shared
def test_real_cnki_export_brute_force_and_chinese_labels(cnki):
    aff = litkit.affiliations(cnki)
    for fields in (("AU", "DE", "SO"), ("AU_UN", "DE", "SO")):
        result = three_fields(cnki, fields, affiliations=aff)
        assert _tables_as_brute(result) == _brute(cnki, fields, (20, 20, 20), aff)
        assert sum(any("\u4e00" <= ch <= "\u9fff" for ch in v) for v in result.nodes["label"]) >= 40


# ---- the figure --------------------------------------------------------------------------------------------------


def _ink_margins(png: bytes) -> tuple[int, int, int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        pixels = np.asarray(image.convert("RGBA")).astype(np.int16)
    ink = np.abs(pixels - pixels[0, 0]).max(axis=2) > 8
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    h, w = ink.shape
    return int(rows[0]), int(h - 1 - rows[-1]), int(cols[0]), int(w - 1 - cols[-1])


def _check_figure(fig, result) -> None:
    """Labels: one per node, none overlapping another, none reaching the next column's boxes or the figure's edge."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [p for p in ax.patches if type(p).__name__ == "Rectangle"]
    assert len(boxes) == len(result.nodes)
    labels = ax.texts[: len(result.nodes)]  # one per node, in node order; then the headings and the title
    assert len(ax.texts) == len(result.nodes) + 3 + (1 if fig.axes[0].texts[-1].get_fontsize() > 9 else 0)
    extents = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(extents):
        for b in extents[i + 1 :]:
            assert not a.overlaps(b), (labels[extents.index(a)].get_text(), a, b)
        assert a.x0 >= fig.bbox.x0 and a.x1 <= fig.bbox.x1 and a.y0 >= fig.bbox.y0 and a.y1 <= fig.bbox.y1
    columns = result.nodes["column"].to_numpy()
    box_x = [min(b.get_window_extent(renderer).x0 for b, c in zip(boxes, columns) if c == k) for k in range(3)]
    for extent, c in zip(extents, columns):
        if c == 1:
            assert extent.x1 < box_x[2], "a middle label runs into the right column"
        if c == 0:
            assert extent.x1 < box_x[0] + 1
    # headings and title do not overlap the labels
    heads = [t.get_window_extent(renderer) for t in ax.texts if t not in labels]
    for h in heads:
        assert not any(h.overlaps(e) for e in extents)
    assert all(m >= 5 for m in _ink_margins(figure_bytes(fig, "png", dpi=300)))


def test_layout_invariants():
    """Bands fill their boxes: at each box the stacked bands of one side span its flow, inside the box."""
    result = three_fields(_hand_corpus(), top=3)
    layout = sankey_layout(*result)
    scale = layout["scale"]
    for i in range(len(result.nodes)):
        top, h = layout["top"][i], layout["box"][i]
        for end, y in (("source", "y0"), ("target", "y1")):
            mine = [b for b in layout["bands"] if b[end] == i]
            if not mine:
                continue
            flow = sum(b["width"] for b in mine)
            assert flow <= h + 1e-9
            starts = sorted((b[y], b["width"]) for b in mine)[::-1]
            for (y0, w0), (y1, _) in zip(starts, starts[1:]):
                assert y1 == pytest.approx(y0 - w0)  # stacked without gap or overlap
            assert starts[0][0] <= top + 1e-9 and starts[-1][0] - starts[-1][1] >= top - h - 1e-9
    weights = result.links["weight"].to_numpy()
    assert [b["width"] for b in layout["bands"]] == pytest.approx((weights * scale).tolist())
    # boxes of a column are at least a label's height apart
    for column in layout["order"]:
        for a, b in zip(column, column[1:]):
            assert layout["top"][a] - layout["box"][a] - layout["top"][b] >= 7.5 * 1.25 / 72 - 1e-9


@pytest.mark.shared
def test_figures_on_real_exports(env, env_affiliations, cnki):
    for corpus, fields, aff in (
        (env, ("AU", "DE", "SO"), None),
        (env, ("AU_CO", "DE", "CR"), env_affiliations),
        (cnki, ("AU_UN", "DE", "SO"), None),
    ):
        result = three_fields(corpus, fields, affiliations=aff)
        fig = plot_three_fields(result)
        _check_figure(fig, result)
        plt.close(fig)


def _crossings(order, links, column) -> float:
    rank = {n: p for col in order for p, n in enumerate(col)}
    total = 0.0
    rows = links[["source", "target", "weight"]].to_numpy()
    for side in (0, 1):
        part = [(rank[s], rank[t], w) for s, t, w in rows if column[s] == side]
        for i, (a, b, w) in enumerate(part):
            for c, d, v in part[i + 1 :]:
                if (a - c) * (b - d) < 0:
                    total += w * v
    return total


@pytest.mark.shared
def test_crossing_reduction_on_real_exports(env):
    result = three_fields(env)
    column = dict(zip(result.nodes["node"], result.nodes["column"]))
    table_order = [result.nodes.loc[result.nodes["column"] == c, "node"].tolist() for c in range(3)]
    order = sankey_order(*result)
    assert sorted(map(sorted, order)) == sorted(map(sorted, table_order))  # a permutation within each column
    before, after = _crossings(table_order, result.links, column), _crossings(order, result.links, column)
    assert after < 0.6 * before, (before, after)  # measured: 30,715 -> 16,835 weighted crossings (-45 %)
    assert sankey_order(*result) == order  # deterministic


def test_long_and_cjk_labels_cut_to_their_room():
    rows = [
        {"AU": [f"Author {i}"], "DE": ["生态产品价值实现机制与生态补偿制度创新研究" * 2, "k"], "SO": "A journal " * 12}
        for i in range(3)
    ]
    result = three_fields(Corpus.from_records(rows))
    fig = plot_three_fields(result)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.endswith("…") and t.startswith("A JOURNAL") or t.startswith("A journal") for t in texts)
    assert any(t.endswith("…") and t.startswith("生态产品") for t in texts)
    _check_figure(fig, result)
    plt.close(fig)


def test_figure_and_page_same_bytes_twice():
    result = three_fields(_hand_corpus(), top=3)
    first = {fmt: figure_bytes(plot_three_fields(result), fmt) for fmt in ("png", "svg", "pdf")}
    second = {fmt: figure_bytes(plot_three_fields(result), fmt) for fmt in ("png", "svg", "pdf")}
    assert first == second
    assert three_fields_html(result) == three_fields_html(result)
    plt.close("all")


def test_html_page():
    result = three_fields(_hand_corpus(), top=3)
    page = three_fields_html(result, title="Authors, keywords & sources")
    assert page.count('<path class="band"') == len(result.links)
    assert page.count("<rect ") == len(result.nodes)
    assert (
        "Authors, keywords &amp; sources" in page
        and "<script src" not in page
        and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    assert "Li, X → carbon sinks: 2 records" in page


# ---- bad parameters ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, message",
    [
        ({"fields": ("AU", "DE")}, "fields must be 3 field names, got 2"),
        ({"fields": ("AU", "XX", "SO")}, "unknown field(s) ['XX']"),
        ({"fields": 5}, "fields must be 3 field names"),
        ({"top": 0}, "top must be a whole number >= 1 or three of them"),
        ({"top": (20, 20)}, "top must be a whole number >= 1 or three of them"),
        ({"top": (20, "a", 3)}, "top must be a whole number >= 1 or three of them"),
        ({"affiliations": "x", "fields": ("AU_CO", "DE", "SO")}, "affiliations must be a DataFrame"),
    ],
)
def test_bad_parameters_are_one_line_errors(options, message):
    with pytest.raises(LitkitError) as err:
        three_fields(_hand_corpus(), **options)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_bad_inputs():
    with pytest.raises(LitkitError, match="no column 'AU'"):
        three_fields(Corpus.from_records([{"SO": "x"}]).df.drop(columns="AU"))
    with pytest.raises(LitkitError, match="no link to draw"):
        plot_three_fields(three_fields(Corpus.from_records([{"AU": ["a"], "DE": [], "SO": "s"}])))
    with pytest.raises(LitkitError, match="expected the result of litkit.three_fields"):
        plot_three_fields(pd.DataFrame())
    empty = three_fields(Corpus.from_records([{"AU": ["a"], "DE": [], "SO": "s"}]))
    assert empty.nodes.empty and empty.links.empty and empty.nodes.attrs["dropped"] == [1, 0, 1]


# ---- run layer and command line ------------------------------------------------------------------------------------


def test_run_writes_tables_figure_page_and_params(tmp_path):
    c = _hand_corpus()
    assert runs.parameters("three_fields") == {
        "fields": ("AU", "DE", "SO"),
        "top": (20, 20, 20),
        "thesaurus": "default",
    }
    result = runs.run("three_fields", c, tmp_path / "a", {"top": [3, 3, 3]}, formats=["png"])
    assert sorted(p.name for p in result.files) == [
        "params.json",
        "three_fields.html",
        "three_fields.png",
        "three_fields_links.csv",
        "three_fields_nodes.csv",
    ]
    want = three_fields(c, top=3)
    nodes = pd.read_csv(tmp_path / "a" / "three_fields_nodes.csv", keep_default_na=False)
    links = pd.read_csv(tmp_path / "a" / "three_fields_links.csv", keep_default_na=False)
    pd.testing.assert_frame_equal(nodes, want.nodes, check_dtype=False)
    pd.testing.assert_frame_equal(links, want.links, check_dtype=False)
    params = json.loads((tmp_path / "a" / "params.json").read_text(encoding="utf-8"))
    assert params["parameters"]["top"] == [3, 3, 3] and params["parameters"]["links"] == len(want.links)
    nothing = runs.run("three_fields", Corpus.from_records([{"AU": ["a"], "SO": "s"}]), tmp_path / "b")
    assert sorted(p.name for p in nothing.files) == ["params.json", "three_fields_links.csv", "three_fields_nodes.csv"]


def test_cli_summary_three_fields(tmp_path):
    from typer.testing import CliRunner

    from litkit.cli import app

    path = tmp_path / "c.parquet"
    _hand_corpus().to_parquet(path)
    out = tmp_path / "out"
    args = ["summary", str(path), "-o", str(out), "--three-fields", "--fields", "AU,DE,SO", "--fields-top", "3,2,2"]
    result = CliRunner().invoke(app, args + ["--formats", "png", "--as-of", "2024"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"main_information.csv", "three_fields.png", "three_fields.html", "three_fields_links.csv"} <= names
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert params["analysis"] == "summary" and params["parameters"]["as_of"] == 2024
    assert params["parameters"]["top"] == 20 and params["parameters"]["fields"] == ["AU", "DE", "SO"]
    assert params["parameters"]["fields_top"] == [3, 2, 2]
    assert [r["analysis"] for r in params["runs"]] == ["summary", "three_fields"]
    assert params["runs"][1]["parameters"]["top"] == [3, 2, 2]
    links = pd.read_csv(out / "three_fields_links.csv")
    assert links["weight"].tolist() == three_fields(Corpus.read_parquet(path), top=(3, 2, 2)).links["weight"].tolist()
    for bad, message in (
        (["--fields", "AU,DE"], "cannot read --fields"),
        (["--fields-top", "20,20"], "cannot read --fields-top"),
        (["--fields-top", "x"], "cannot read --fields-top"),
    ):
        run = CliRunner().invoke(app, ["summary", str(path), "-o", str(tmp_path / "bad"), "--three-fields", *bad])
        assert run.exit_code != 0 and message in run.output, run.output
        assert not (tmp_path / "bad").exists()


def test_docs_examples_run():
    import doctest

    import litkit.indicators._three_fields as module
    import litkit.plot.sankey as sankey

    for m in (module, sankey):
        result = doctest.testmod(m)
        assert result.attempted >= 2 and result.failed == 0, m.__name__


@pytest.mark.shared
def test_html_page_in_a_browser(env, tmp_path):
    """The page opens offline without errors; its labels neither overlap nor leave the drawing."""
    from helpers.chromium import render

    path = tmp_path / "three_fields.html"
    path.write_text(three_fields_html(three_fields(env, ("AU_CO", "DE", "SO"))), encoding="utf-8")
    script = """(() => {
        const svg = document.querySelector("svg").getBoundingClientRect();
        const t = [...document.querySelectorAll("svg text")].filter(e => !e.classList.contains("head"))
            .map(e => e.getBoundingClientRect());
        let overlaps = 0, outside = 0;
        for (let i = 0; i < t.length; i++) {
            if (t[i].right > svg.right + 0.5 || t[i].left < svg.left - 0.5) outside++;
            for (let j = i + 1; j < t.length; j++) {
                const a = t[i], b = t[j];
                if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
            }
        }
        return [t.length, overlaps, outside, document.querySelectorAll("path.band").length];
    })()"""
    page = render(path, width=1500, height=1150, script=script)
    assert page.external_requests == [] and page.console_errors == []
    labels, overlaps, outside, bands = page.value
    assert labels >= 55 and overlaps == 0 and outside == 0 and bands >= 300
    assert page.distinct_colours() > 20
