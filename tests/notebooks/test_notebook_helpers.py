"""litkit.notebook: the knobs panel, show_table, check_output_folder, and the _repr_html_ of litkit's objects.

The panel is driven without a browser: its widgets are set in Python, ``redraw`` is called, and the
network it holds must be the one :func:`litkit.cooccurrence` / :func:`litkit.cocitation` gives for
the same values; the ``parameters`` text it writes, executed, gives those values back.
"""

from __future__ import annotations

import base64
import html
import re

import numpy as np
import pandas as pd
import pytest

import litkit
from litkit.errors import LitkitError
from litkit.notebook import (
    KNOBS,
    check_output_folder,
    label_clusters,
    network_panel,
    parameters_cell,
    show_table,
    update_network,
    widgets_available,
)


@pytest.fixture(scope="module")
def wos(demo_dir):
    return litkit.read([demo_dir / "wos"])


@pytest.fixture(scope="module")
def merged(demo_dir):
    return litkit.merge(litkit.read([demo_dir / "wos"]), litkit.read([demo_dir / "scopus"]))


def assert_same_network(a, b, node_columns) -> None:
    """Same nodes (keys, sizes, clusters, coordinates), same links and weights, same cluster table."""
    pd.testing.assert_frame_equal(a.node_table[node_columns], b.node_table[node_columns])
    assert (a.counts != b.counts).nnz == 0
    assert np.allclose(a.weights.toarray(), b.weights.toarray())
    pd.testing.assert_frame_equal(a.clusters, b.clusters)
    assert a.modularity == b.modularity


# ---- update_network and the panel ------------------------------------------------------------------


def test_update_network_is_cooccurrence(wos):
    values = dict(field="DE", min_occurrence=4, top_n=60, normalization="cosine", resolution=1.5, label_method="mi")
    got = update_network(wos, "cooccurrence", **values)
    expected = litkit.cooccurrence(wos, **values)
    assert_same_network(got, expected, ["keyword", "occurrences", "cluster", "x", "y"])
    assert len(got) == 60 and (got.keywords["occurrences"] >= 4).all()
    # different knobs, a different network: the values are really passed on
    other = update_network(wos, "cooccurrence", field="DE", min_occurrence=2, top_n=120)
    assert len(other) > len(got) and other.keywords["occurrences"].min() < 4


def test_panel_redraw_equals_cooccurrence_with_the_chosen_values(wos, capsys):
    pytest.importorskip("ipywidgets")
    panel = network_panel(wos, "cooccurrence", field="DE", min_occurrence=2, top_n=200, force=True)
    assert set(panel.controls) == set(KNOBS["cooccurrence"])
    # knobs the notebook did not set start at litkit.cooccurrence's own defaults
    assert panel.values() == {
        "min_occurrence": 2,
        "top_n": 200,
        "normalization": "association",
        "resolution": 1.0,
        "label_method": "llr",
    }
    chosen = {"min_occurrence": 5, "top_n": 40, "normalization": "jaccard", "resolution": 2.0, "label_method": "tfidf"}
    for name, value in chosen.items():
        panel.controls[name].value = value
    net = panel.redraw()
    assert net is panel.network
    assert_same_network(net, litkit.cooccurrence(wos, field="DE", **chosen), ["keyword", "occurrences", "cluster"])
    assert len(net) == 40
    # values no term passes: the reason is printed in the map's place, the last network is kept
    panel.controls["min_occurrence"].max = 10**6
    panel.controls["min_occurrence"].value = 10**6
    assert panel.redraw() is None and panel.network is net
    panel.controls["min_occurrence"].value = chosen["min_occurrence"]
    # the parameters cell replays exactly these values
    namespace = {}
    exec(panel.parameters.value, namespace)
    assert {k: namespace[k] for k in chosen} == chosen


def test_panel_on_cocitation_names_parameters_as_the_notebook_does(merged):
    pytest.importorskip("ipywidgets")
    fixed = dict(unit="reference", slice_years=1, counting="full")
    panel = network_panel(
        merged, "cocitation", names={"top_n": "top_per_slice"}, min_citations=2, top_n=50, force=True, **fixed
    )
    panel.controls["min_citations"].value = 3
    panel.controls["top_n"].value = 30
    panel.controls["label_method"].value = "tfidf"
    net = panel.redraw()
    expected = litkit.cocitation(merged, min_citations=3, top_n=30, **fixed)
    pd.testing.assert_frame_equal(
        net.nodes[["key", "citations", "cluster"]], expected.nodes[["key", "citations", "cluster"]]
    )
    # labels: the first tf-idf term of each cluster (or its LLR label where tf-idf found none)
    firsts = expected.clusters["label_tfidf"].fillna("").str.split("; ").str[0]
    assert net.clusters["label"].tolist() == [f or old for f, old in zip(firsts, expected.clusters["label"])]
    assert "top_per_slice = 30" in panel.parameters.value and "min_citations = 3" in panel.parameters.value


def test_label_clusters_rejects_an_unknown_method(merged):
    net = litkit.cocitation(merged, top_n=30, with_layout=False)
    with pytest.raises(LitkitError, match="label method"):
        label_clusters(net, "pagerank")
    assert label_clusters(net, "llr").clusters["label"].tolist() == net.clusters["label"].tolist()


def test_panel_is_skipped_with_one_line_outside_a_widget_front_end(wos, capsys):
    assert not widgets_available()  # pytest is no Jupyter front end
    assert network_panel(wos, "cooccurrence") is None
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1 and "skipped" in printed
    with pytest.raises(LitkitError, match="unknown map kind"):
        update_network(wos, "bibliographic")


def test_parameters_cell_is_python_that_gives_the_values_back():
    values = {"min_occurrence": 3, "normalization": None, "resolution": 0.8, "label_method": "mi", "top_n": 150}
    text = parameters_cell(values, names={"top_n": "top_per_slice"})
    namespace = {}
    exec(text, namespace)
    assert namespace["top_per_slice"] == 150 and "top_n" not in namespace
    assert {k: namespace[k] for k in values if k != "top_n"} == {k: v for k, v in values.items() if k != "top_n"}


# ---- show_table and check_output_folder ------------------------------------------------------------


def test_show_table_cuts_long_tables_with_a_note_and_puts_columns_first():
    df = pd.DataFrame({"a": range(25), "b": [f"<b>{i}</b>" for i in range(25)], "c": 1.5})
    view = show_table(df, max_rows=10, first=["c", "missing", "a"], name="t.csv")
    assert list(view.frame.columns) == ["c", "a", "b"] and len(view.frame) == 10 and view.total_rows == 25
    assert view.note == "first 10 of 25 rows; the whole table is in t.csv"
    page = view._repr_html_()
    assert "first 10 of 25 rows" in page and "&lt;b&gt;9&lt;/b&gt;" in page and "<b>9</b>" not in page
    short = show_table(df.head(5))
    assert short.note == "" and len(short.frame) == 5 and "rows" not in repr(short)


def test_check_output_folder(tmp_path):
    exports = tmp_path / "exports"
    (exports / "wos").mkdir(parents=True)
    (exports / "wos" / "savedrecs.txt").write_text("FN x\n", encoding="utf-8")
    assert check_output_folder(tmp_path / "out", [exports]) == (tmp_path / "out").resolve()
    assert check_output_folder(tmp_path / "out", None) == (tmp_path / "out").resolve()
    # a file export: only its own path is refused, its folder is not read recursively
    assert check_output_folder(exports / "wos" / "out", [exports / "wos" / "savedrecs.txt"])
    for bad in (exports, exports / "wos" / "out", exports / "new" / "deeper"):
        with pytest.raises(LitkitError, match="inside the exports folder") as error:
            check_output_folder(bad, [tmp_path / "elsewhere", str(exports)])
        assert "\n" not in str(error.value)
    with pytest.raises(LitkitError, match="inside the exports folder"):  # a path with .. still resolves inside
        check_output_folder(exports / "wos" / ".." / "x", exports / "wos" / "..")


# ---- _repr_html_ -----------------------------------------------------------------------------------


def png_images(page: str) -> list[bytes]:
    return [base64.b64decode(b) for b in re.findall(r"src='data:image/png;base64,([A-Za-z0-9+/=]+)'", page)]


def test_network_reprs_show_a_summary_and_a_small_map(wos, merged):
    import matplotlib.pyplot as plt

    open_before = plt.get_fignums()  # figures other tests in this process left open are not this test's
    keywords = litkit.cooccurrence(wos, top_n=40)
    cocited = litkit.cocitation(merged, top_n=40)
    for net in (keywords, cocited):
        page = net._repr_html_()
        assert html.escape(repr(net)) in page
        images = png_images(page)
        assert len(images) == 1 and images[0].startswith(b"\x89PNG")
        assert html.escape(str(net.clusters["label"].iloc[0])) in page
    # the map is drawn and closed: nothing is left open for Jupyter's inline backend to show again
    assert plt.get_fignums() == open_before
    flat = litkit.cooccurrence(wos, top_n=40, with_layout=False)
    assert png_images(flat._repr_html_()) == [] and "with_layout=False" in flat._repr_html_()
    empty = litkit.cocitation(merged, min_citations=10**6)
    assert empty.is_empty() and png_images(empty._repr_html_()) == []


def test_report_reprs(demo_dir, merged):
    corpus = litkit.read([demo_dir / "wos", demo_dir / "scopus"])
    page = corpus.report._repr_html_()
    assert html.escape(repr(corpus.report)) in page
    assert page.count("<tr>") == len(corpus.report.files) == 3  # one row per file (the header row has a style)
    report = merged.report
    page = report._repr_html_()
    assert html.escape(repr(report)) in page and "first 10 of" in page
    merged_rules = report.matches[report.matches["decision"] == "merged"]["rule"].value_counts()
    for rule, count in merged_rules.items():  # the rule × decision table holds the accepted matches per rule
        assert re.search(rf"<td>{re.escape(rule)}</td>\s*<td>{count}</td>", page), rule
    for obj in (corpus, litkit.policy.from_metadata(demo_dir.parent / "policy" / "central_documents.csv")):
        assert html.escape(repr(obj)) in obj._repr_html_()
    one = litkit.io.FileReport("a<b>.txt", format="wos_plain", records_in_file=3, records_read=2)
    one.problem(7, "record cut <here>", action="skipped")
    page = one._repr_html_()
    assert "a&lt;b&gt;.txt" in page and "record cut &lt;here&gt;" in page  # escaped, never markup
    assert page.count("<tr>") == 2  # the file's row and its one problem (header rows have a style)


def test_review_reprs_escape_and_cut(tmp_path):
    from litkit.review import AddReport, ReviewDiff, ReviewRun

    run = ReviewRun(output=tmp_path / "r<1>", ran=["cooccurrence"], corpus_built=True, records=12)
    page = run._repr_html_()
    assert "corpus: 12 records read from the exports<br>ran 1: cooccurrence" in page and "r&lt;1&gt;" in page
    new = pd.DataFrame({"id": [f"W{i}" for i in range(14)], "title": ["<i>x</i>"] * 14})
    already = pd.DataFrame({"id": ["S1", "S2"], "rule": ["doi", "fuzzy"], "title": ["a", "b"]})
    added = AddReport(added=["cnki"], new=new, already=already, records_before=5, records_after=19)
    page = added._repr_html_()
    assert "14 new record(s); 2 already there (doi 1, fuzzy 1)" in page and "first 10 of 14" in page
    assert page.count("&lt;i&gt;x&lt;/i&gt;") == 10 and "<i>x</i>" not in page
    assert "first 10 of 2" not in page and page.count("<tr>") == 10 + 2
    table = pd.DataFrame({"change": ["entered"] * 12, "item": [f"k{i}" for i in range(12)]})
    diff = ReviewDiff(old=tmp_path / "a", new=tmp_path / "b", tables={"corpus": table.head(0), "cooccurrence": table})
    page = diff._repr_html_()
    assert "cooccurrence: entered 12" in page and "first 10 of 12" in page and page.count("<tr>") == 10
