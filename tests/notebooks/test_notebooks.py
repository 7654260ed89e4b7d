"""The notebooks run top to bottom, on the demo corpus and (when present) on real exports.

Each notebook is executed with nbclient in a kernel of *this* interpreter, with
parameters injected papermill-style: a cell tagged ``injected-parameters`` is
inserted after the cell tagged ``parameters`` and overrides its values (at
least the output folder, which goes to ``tmp_path``).  A run passes when no
cell raises and the files the notebook promises are written and non-empty.

The committed notebooks themselves are checked too: saved without outputs or
execution counts, with stable cell ids, and a first code cell tagged
``parameters`` (what papermill needs to run them on a user's files).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
NAMES = [
    "01_ingest_and_merge",
    "02_keyword_cooccurrence",
    "03_citation_bursts",
    "04_policy_timeline",
    "05_literature_policy_overlay",
    "06_cocitation",
    "07_authors_institutions_countries",
    "08_extend_a_review",
]
KERNEL = "litkit-tests"
TIMEOUT = 300  # seconds per cell: generous for a loaded machine, but a hang still fails
#: SVG and PDF of large CJK figures take seconds each; most runs write PNG only.
FAST = {"formats": ["png"]}

#: Files each notebook writes into its output folder on the demo corpus (figures: PNG only, see
#: ``FAST``; notebook 03 runs with every format).
EXPECTED = {
    "01_ingest_and_merge": ["merged.parquet", "merge_report.csv"],
    "02_keyword_cooccurrence": [
        "keyword_map.png",
        "keyword_overlay.png",
        "keywords.csv",
        "clusters.csv",
        "links.csv",
        "vosviewer_map.txt",
        "vosviewer_network.txt",
        "network.gexf",
        "params.json",
        "keyword_network.html",
    ],
    "03_citation_bursts": [
        f"bursts_{kind}.{ext}"
        for kind in ("cited_journal", "cited_reference", "keyword")
        for ext in ("csv", "png", "svg", "pdf")
    ],
    "04_policy_timeline": [
        "policy_timeline.csv",
        "policy_timeline.png",
        "policy_timeline_all.png",
        "coissuing_network.png",
        "coissuing_edges.csv",
    ],
    "05_literature_policy_overlay": [
        "annual_production.csv",
        "annual_production.png",
        "literature_policy_overlay.csv",
        "literature_policy_overlay.png",
    ],
    "06_cocitation": [
        "nodes.csv",
        "links.csv",
        "clusters.csv",
        "vosviewer_map.txt",
        "network.gexf",
        "cocitation_network.html",
        "cocitation_map.png",
        "cocitation_timeline.png",
        "cocitation_timezone.png",
        "citations/nodes.csv",
        "citations/links.csv",
        "historiograph.png",
    ],
    "07_authors_institutions_countries": [
        "unresolved_addresses.csv",
        "main_information.csv",
        "top_authors.png",
        "top_institutions.png",
        "top_countries.png",
        "country_production.csv",
        "country_production.png",
        "country_collaboration.png",
        "collaboration_country_map.png",
        "collaboration_institution_map.png",
        "collaboration_author_map.png",
        "countries/links.csv",
        "institutions/nodes.csv",
        "authors/vosviewer_map.txt",
        "institutions/collaboration_network.html",
    ],
    "08_extend_a_review": [
        "review.toml",
        "results_2019/manifest.json",
        "results_2019/report.html",
        "results_all/bursts_keyword/bursts_keyword.png",
        "results_all/cooccurrence/keywords.csv",
        "diff/diff_bursts_keyword.csv",
        "diff/diff.html",
    ],
}


@pytest.fixture(scope="session")
def kernel_name(tmp_path_factory, monkeypatch_session) -> str:
    """A kernelspec that starts *this* interpreter, so notebooks import the litkit under test.

    A user's ``python3`` kernelspec may point at another Python; this one is
    written to a temporary Jupyter data folder put first on ``JUPYTER_PATH``.
    """
    data = tmp_path_factory.mktemp("jupyter")
    spec = data / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "litkit tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    monkeypatch_session.setenv("JUPYTER_PATH", str(data))
    monkeypatch_session.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # no debugger warning on stderr
    return KERNEL


@pytest.fixture(scope="session")
def monkeypatch_session():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


#: Appended to the injected cell: every ``save_figure`` called from a notebook cell (not from inside
#: litkit, e.g. a review run's figures) adds an output of mimetype ``SAVED`` to that cell, so the test
#: knows which cells made a figure and can require an image under each of them.
SAVED = "application/x-litkit-saved-figure+json"
TRACER = f"""
import sys as _sys
import litkit.plot.style as _style
from IPython.display import publish_display_data as _publish
_save_figure = _style.save_figure
def _traced_save_figure(fig, path_stem, *args, **kwargs):
    caller = _sys._getframe(1).f_code.co_filename
    if "ipykernel_" in caller or caller.startswith("<ipython-input"):
        _publish({{{SAVED!r}: {{"stem": str(path_stem)}}}})
    return _save_figure(fig, path_stem, *args, **kwargs)
_style.save_figure = _traced_save_figure
"""


def load(name: str):
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def inject(nb, parameters: dict):
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell (as papermill does)."""
    lines = ["# Parameters injected by tests/notebooks/test_notebooks.py"]
    lines += [f"{key} = {value!r}" for key, value in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines) + "\n" + TRACER)
    cell.id = "injected-parameters"
    cell.metadata["tags"] = ["injected-parameters"]
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(index + 1, cell)
    return nb


def execute(name: str, kernel: str, **parameters):
    """Run notebook ``name`` with ``parameters``; return the executed notebook (raises on a cell error)."""
    from nbclient import NotebookClient

    nb = inject(load(name), parameters)
    client = NotebookClient(
        nb, kernel_name=kernel, timeout=TIMEOUT, allow_errors=False, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    return nb


def text_outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.append(data.get("text/plain", ""))
    return "\n".join(parts)


def figures_shown(nb) -> dict[str, tuple[int, int]]:
    """Per cell id: (figures saved by the cell's own code, images shown under it)."""
    found = {}
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        saved = sum(1 for o in outputs if SAVED in o.get("data", {}))
        images = sum(1 for o in outputs if "image/png" in o.get("data", {}))
        if saved or images:
            found[cell.id] = (saved, images)
    return found


def assert_shows_what_it_makes(nb) -> None:
    """Each figure saved is shown under its cell; no output holds a traceback or a warning."""
    missing = {cid: n for cid, n in figures_shown(nb).items() if n[1] < n[0]}
    assert not missing, f"cells saving more figures than they show (saved, shown): {missing}"
    twice = {cid: n for cid, n in figures_shown(nb).items() if 0 < n[0] < n[1]}
    assert not twice, f"cells showing a figure twice (saved, shown): {twice}"
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"cell {cell.id}: {output.get('ename')}"
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            assert "Traceback" not in text, f"cell {cell.id} printed a traceback:\n{text}"
            if output.get("name") == "stderr":
                assert "Warning" not in text and "warn" not in text.lower(), f"cell {cell.id} warned:\n{text}"


def screenshot_html(nb, path: Path):
    """The executed notebook as HTML (nbconvert), opened in headless Chromium; returns the rendering."""
    from helpers.chromium import render
    from nbconvert import HTMLExporter

    clean = nbformat.from_dict(nb)
    for cell in clean.cells:  # the tracer's outputs are for the test, not the reader
        cell["outputs"] = [o for o in cell.get("outputs", []) if SAVED not in o.get("data", {})]
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(clean)
    path.write_text(body, encoding="utf-8")
    return render(path, wait_ms=500, height=2400, script=LOADED_IMAGES)


#: JavaScript: how many images of the page were decoded (an inline PNG that is broken has width 0).
LOADED_IMAGES = "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"


def assert_written(folder: Path, names) -> None:
    missing = [n for n in names if not (folder / n).is_file()]
    assert not missing, f"not written to {folder}: {missing}"
    empty = [n for n in names if (folder / n).stat().st_size == 0]
    assert not empty, f"empty: {empty}"


# ---- the committed files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_is_clean(name):
    nb = load(name)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and "parameters" in code[0].metadata.get("tags", []), "first code cell must be tagged parameters"
    assert "out = " in code[0].source, "the output folder must be a parameter"
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.id} was saved with output"
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(name[:2] + "-") for i in ids), "cell ids are stable, readable ids (nn-cc)"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


def test_notebook_outputs_are_gitignored():
    """The default output folder (notebooks/out/) never ends up in a commit."""
    import subprocess

    result = subprocess.run(["git", "check-ignore", "-q", "notebooks/out/x.png"], cwd=ROOT)
    if result.returncode == 128:
        pytest.skip("not a git checkout")
    assert result.returncode == 0, "notebooks/out/ must be listed in .gitignore"


# ---- the demo corpus ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_demo(name, kernel_name, tmp_path):
    out = tmp_path / "out"
    # shared is pointed at an absent folder: the demo run must not depend on ../shared
    formats = {} if name == "03_citation_bursts" else FAST
    nb = execute(name, kernel_name, out=str(out), shared=str(tmp_path / "no-shared"), **formats)
    assert_written(out, EXPECTED[name])
    assert_shows_what_it_makes(nb)
    shown = figures_shown(nb)
    if name != "08_extend_a_review":
        # the tracer saw every figure the cells wrote (so the check above cannot pass by seeing none)
        assert sum(n[0] for n in shown.values()) == len(list(out.rglob("*.png"))) >= (name != "01_ingest_and_merge")
    else:  # 08's figures are written by the review run inside litkit; the notebook shows the extended run's
        assert sum(n[1] for n in shown.values()) == len(list((out / "results_all").glob("*/*.png"))) > 0
    if name in ("02_keyword_cooccurrence", "06_cocitation"):  # the knobs panel is skipped without a front end
        assert "The tuning panel needs JupyterLab" in text_outputs(nb)
    page = screenshot_html(nb, tmp_path / f"{name}.html")
    (tmp_path / f"{name}.png").write_bytes(page.screenshot)
    # nbconvert's page asks a CDN for require.js and MathJax (refused offline); nothing else is fetched
    assert all("require" in u or "mathjax" in u.lower() for u in page.external_requests), page.external_requests
    errors = [e for e in page.console_errors if not e.startswith("Failed to load resource")]
    assert not errors and page.distinct_colours() > 20, f"the executed notebook's HTML renders: {errors}"
    assert nb.cells[0].source.splitlines()[0].lstrip("# ") in page.text  # the title, as text in the page
    assert page.value >= sum(n[1] for n in shown.values())  # every figure shown is an image the browser decoded
    text = text_outputs(nb)
    if name == "01_ingest_and_merge":
        # corpora/demo/README.md: 1190 records, 55 cross-database duplicates
        assert "MergeReport(1190 records in, 1135 out, 55 merged away" in text
    if name == "03_citation_bursts":
        assert "not found: the review's seed table is not drawn" in text
    if name == "04_policy_timeline":
        assert "not found: the term evolution across Government Work Reports is skipped" in text
        table = (out / "policy_timeline.csv").read_text(encoding="utf-8").splitlines()
        assert len(table) - 1 == 9  # the review's Table 1 rows of corpora/policy/central_documents.csv
    if name == "05_literature_policy_overlay":
        overlay = (out / "literature_policy_overlay.csv").read_text(encoding="utf-8").splitlines()
        header = overlay[0].split(",")
        events = sum(int(row.split(",")[header.index("events")]) for row in overlay[1:])
        assert events == 9
    if name == "08_extend_a_review":
        assert "nothing changed" in text and "burst appeared" in text and "carbon neutrality" in text
        assert "new record(s);" in text and "already there (doi " in text  # the CNKI records WoS/Scopus had
    if name == "07_authors_institutions_countries":
        import csv

        # corpora/demo/truth.json: the planted single/multiple-country publications per corresponding country
        truth = json.loads((ROOT / "corpora" / "demo" / "truth.json").read_text(encoding="utf-8"))
        with open(out / "country_production.csv", encoding="utf-8", newline="") as f:
            got = {row["country"]: [int(row["SCP"]), int(row["MCP"])] for row in csv.DictReader(f)}
        assert got == truth["country_collaboration"]["scp_mcp"]


# ---- real exports in ../shared --------------------------------------------------------------------


def test_cocitation_notebook_on_real_exports(shared_corpora, kernel_name, tmp_path):
    """Notebook 06 on real WoS exports: its node table is litkit.cocitation's with the same parameters."""
    import pandas as pd

    import litkit

    exports = [str(shared_corpora / "wos-plaintext-environment")]
    out = tmp_path / "out"
    nb = execute("06_cocitation", kernel_name, out=str(out), exports=exports, **FAST)
    assert_written(out, EXPECTED["06_cocitation"])
    assert_shows_what_it_makes(nb)
    merged = litkit.merge(litkit.read(exports))
    net = litkit.cocitation(merged, top_n=50, slice_years=1, selection={"top_n": 50})
    nodes = pd.read_csv(out / "nodes.csv")
    assert len(nodes) == len(net) > 0 and list(nodes["key"]) == list(net.nodes["key"])
    clusters = pd.read_csv(out / "clusters.csv")
    assert clusters["cluster"].min() == 0 and clusters["size"].sum() == len(nodes)  # CiteSpace's #0 numbering


def test_authors_notebook_on_real_exports(shared_corpora, kernel_name, tmp_path):
    """Notebook 07 on real WoS, Scopus and CNKI exports: its SCP/MCP table and country network are the library's."""
    import pandas as pd

    import litkit

    exports = [
        str(shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"),
        str(shared_corpora / "scopus-csv" / "scopus_litstudy.csv"),
        str(shared_corpora / "cnki-refworks" / "CNKI.txt"),
    ]
    out = tmp_path / "out"
    nb = execute("07_authors_institutions_countries", kernel_name, out=str(out), exports=exports, **FAST)
    assert_written(out, EXPECTED["07_authors_institutions_countries"])
    assert_shows_what_it_makes(nb)
    corpus = litkit.read(exports)
    aff = litkit.affiliations(corpus)
    expected = litkit.country_production(corpus, aff)
    table = pd.read_csv(out / "country_production.csv", keep_default_na=False)  # "NA" is Namibia
    assert len(table) > 10
    for column in ("country", "articles", "SCP", "MCP"):
        assert table[column].tolist() == expected[column].tolist()
    net = litkit.collaboration(corpus, "country", affiliations=aff, with_layout=False)
    nodes = pd.read_csv(out / "countries" / "nodes.csv", keep_default_na=False)
    assert nodes["key"].tolist() == net.keys and nodes["documents"].tolist() == net.nodes["documents"].tolist()
    assert "CN" in net.keys  # the CNKI records' Chinese institutions are in China


def test_keyword_notebook_on_real_exports(shared_corpora, kernel_name, tmp_path):
    """Notebook 02 on a real WoS export: shows both maps, and its keyword table is litkit.cooccurrence's."""
    import pandas as pd

    import litkit

    exports = [str(shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt")]
    out = tmp_path / "out"
    nb = execute("02_keyword_cooccurrence", kernel_name, out=str(out), exports=exports, **FAST)
    assert_written(out, EXPECTED["02_keyword_cooccurrence"])
    assert_shows_what_it_makes(nb)
    assert sum(n[1] for n in figures_shown(nb).values()) == 2
    net = litkit.cooccurrence(litkit.read(exports), field="DE", min_occurrence=2, top_n=200, with_layout=False)
    table = pd.read_csv(out / "keywords.csv", keep_default_na=False)
    assert len(table) == len(net) > 50  # 59 author keywords occur twice or more in this export
    assert table["keyword"].tolist() == net.keywords["keyword"].tolist()
    assert table["occurrences"].tolist() == net.keywords["occurrences"].tolist()


def test_overlay_notebook_on_real_exports(shared_corpora, kernel_name, tmp_path):
    """Notebook 05 on real CNKI and WoS exports: both figures shown; production is litkit's."""
    import pandas as pd

    import litkit

    exports = [
        str(shared_corpora / "cnki-refworks" / "CNKI.txt"),
        str(shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"),
    ]
    out = tmp_path / "out"
    nb = execute("05_literature_policy_overlay", kernel_name, out=str(out), exports=exports, **FAST)
    assert_written(out, EXPECTED["05_literature_policy_overlay"])
    assert_shows_what_it_makes(nb)
    assert sum(n[1] for n in figures_shown(nb).values()) == 2
    expected = litkit.timeline.annual_production(litkit.merge(litkit.read(exports)))
    table = pd.read_csv(out / "annual_production.csv")
    assert table["year"].tolist() == expected["year"].tolist()
    assert table["total"].tolist() == expected["total"].tolist() and table["total"].sum() > 100


def test_ingest_notebook_on_real_exports(shared_corpora, expected_counts, kernel_name, tmp_path):
    cnki = shared_corpora / "cnki-refworks" / "CNKI.txt"
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    scopus = shared_corpora / "scopus-csv" / "scopus_litstudy.csv"
    out = tmp_path / "out"
    nb = execute(
        "01_ingest_and_merge", kernel_name, cnki=[str(cnki)], wos=[str(wos)], scopus=[str(scopus)], out=str(out)
    )
    assert_written(out, EXPECTED["01_ingest_and_merge"])
    assert_shows_what_it_makes(nb)
    total = sum(
        expected_counts[k]
        for k in (
            "cnki-refworks/CNKI.txt",
            "wos-plaintext-environment/globe2060_savedrecs_5.txt",
            "scopus-csv/scopus_litstudy.csv",
        )
    )
    assert f"MergeReport({total} records in" in text_outputs(nb)


def test_bursts_notebook_on_real_exports_and_seed(shared, shared_corpora, kernel_name, tmp_path):
    import litkit
    from litkit.bursts import write_burst_table

    exports = [
        str(shared_corpora / "cnki-refworks"),
        str(shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs.txt"),
    ]
    out = tmp_path / "out"
    nb = execute(
        "03_citation_bursts", kernel_name, out=str(out), shared=str(shared), exports=exports, gamma=0.5, **FAST
    )
    assert_shows_what_it_makes(nb)
    assert sum(n[1] for n in figures_shown(nb).values()) == len(list(out.glob("*.png"))) == 4  # 3 kinds + the seed
    assert_written(
        out,
        [
            "bursts_cited_journal.csv",
            "bursts_cited_journal.png",
            "bursts_keyword.csv",
            "bursts_keyword.png",
            "seed_figure5_cited_journal.png",
        ],
    )
    # The notebook's tables are the library's tables for the injected parameters (gamma=0.5).
    merged = litkit.merge(litkit.read(exports))
    for kind in ("cited_journal", "keyword"):
        table = litkit.citation_bursts(merged, kind=kind, top=20, s=2, gamma=0.5)
        expected = write_burst_table(table, tmp_path / f"{kind}.csv", kind=kind)
        assert len(table) > 0
        assert (out / f"bursts_{kind}.csv").read_bytes() == expected.read_bytes()


def test_policy_notebook_with_work_reports(shared, shared_policy, shared_seed, kernel_name, tmp_path):
    out = tmp_path / "out"
    nb = execute("04_policy_timeline", kernel_name, out=str(out), shared=str(shared), **FAST)
    assert_written(
        out,
        EXPECTED["04_policy_timeline"]
        + [
            "seed_table1_timeline.png",
            "gwr_term_counts.csv",
            "gwr_first_appearance.csv",
            "gwr_term_heatmap.png",
            "gwr_term_lines.png",
        ],
    )
    assert "is skipped" not in text_outputs(nb)
    assert_shows_what_it_makes(nb)
    assert sum(n[1] for n in figures_shown(nb).values()) == len(list(out.glob("*.png"))) == 6
    first = (out / "gwr_first_appearance.csv").read_text(encoding="utf-8")
    # 碳达峰 (carbon peaking) first appears in the 2021 report (tests/policy/test_policy_shared.py checks the counts)
    assert any(line.startswith("碳达峰,") and ",2021," in line for line in first.splitlines())


# ---- the knobs panel in a kernel ------------------------------------------------------------------


def test_panel_is_a_widget_in_a_front_end_that_accepts_input_and_skipped_otherwise(kernel_name):
    """JupyterLab, Notebook and VS Code send execute requests with allow_stdin=True; nbclient, papermill and
    nbconvert with False. The panel is a widget view in the first case and a one-line note in the second."""
    pytest.importorskip("ipywidgets")
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=kernel_name)
    try:

        def run(code: str, allow_stdin: bool) -> list[dict]:
            outputs = []

            def hook(msg):
                if msg["msg_type"] in ("stream", "display_data", "execute_result", "error"):
                    outputs.append(msg["content"])

            reply = kc.execute_interactive(code, allow_stdin=allow_stdin, output_hook=hook, timeout=TIMEOUT)
            assert reply["content"]["status"] == "ok", outputs
            return outputs

        run(f"import litkit\ncorpus = litkit.read([{str(ROOT / 'corpora' / 'demo' / 'wos')!r}])", False)
        code = "from litkit.notebook import network_panel\npanel = network_panel(corpus, min_occurrence=3, top_n=50)\npanel"
        skipped = run(code, allow_stdin=False)
        assert [o.get("text", "").count("\n") for o in skipped] == [1] and "skipped" in skipped[0]["text"]
        shown = run(code, allow_stdin=True)
        views = [o for o in shown if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert len(views) == 1, shown
        check = run("print(len(panel.network), sorted(panel.values().items()))", False)
        assert check[0]["text"].startswith("50 [('label_method', 'llr'), ('min_occurrence', 3)")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_notebook_refuses_an_output_folder_inside_the_exports(kernel_name, tmp_path):
    """The setup cell stops (LitkitError, one line) before anything is read or written."""
    import shutil

    from nbclient.exceptions import CellExecutionError

    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(next((ROOT / "corpora" / "demo" / "wos").glob("*.txt")), exports)
    out = exports / "results"
    with pytest.raises(CellExecutionError, match="inside the exports folder") as error:
        execute("02_keyword_cooccurrence", kernel_name, out=str(out), exports=[str(exports)], **FAST)
    assert "LitkitError" in str(error.value)
    assert not out.exists()
