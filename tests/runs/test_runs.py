"""The run layer (litkit.runs): one registry of analyses, outputs + params.json, atomic and non-clobbering.

The outputs of a run are compared with the library functions called directly (the run layer must add
nothing but file writing), the registry is checked for JSON-friendly parameters, and refusing /
failing runs are checked to leave the folder exactly as it was.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import litkit
from litkit import runs
from litkit.errors import LitkitError, OutputExistsError


def _records():
    """10 records a year, 2000-2015; 'hot topic' in 8 of 10 records in 2006-2008 and 1 of 10 otherwise."""
    records = []
    for year in range(2000, 2016):
        for i in range(10):
            keywords = ["base term", "steady"] if i % 3 == 0 else ["base term"]
            if (2006 <= year <= 2008 and i < 8) or i == 0:
                keywords.append("hot topic")
            db = "WoS" if i % 2 else "Scopus"
            records.append({"UT": f"X:{year}{i}", "DB": db, "PY": year, "TI": f"t {year} {i}", "DE": keywords})
    return records


@pytest.fixture(scope="module")
def corpus():
    return litkit.Corpus.from_records(_records())


def _listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# ---- the registry --------------------------------------------------------------------------------


def test_every_analysis_has_json_parameters_and_a_summary():
    assert {"bursts", "cooccurrence", "production", "keyword_views", "policy_timeline"} <= set(runs.ANALYSES)
    for name, spec in runs.ANALYSES.items():
        assert spec.summary and len(spec.summary) < 100, name
        params = runs.parameters(name)
        json.dumps(params)  # every default can be written to params.json
        assert "out" not in params and "client" not in params, name


def test_parameters_are_the_runner_keywords():
    assert runs.parameters("bursts")["kind"] == "cited_journal"
    assert runs.parameters("production") == {"first_year": None, "last_year": None}


def test_unknown_analysis_and_parameter(corpus, tmp_path):
    with pytest.raises(LitkitError, match="unknown analysis 'nope'"):
        runs.run("nope", corpus, tmp_path / "a")
    with pytest.raises(LitkitError, match=r"unknown parameter\(s\) \['gama'\] of analysis 'bursts'"):
        runs.run("bursts", corpus, tmp_path / "b", {"gama": 2})
    with pytest.raises(LitkitError, match="unknown figure format"):
        runs.run("production", corpus, tmp_path / "c", formats=["png", "gif"])
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists() and not (tmp_path / "c").exists()


def test_parse_formats():
    assert runs.parse_formats("png, SVG,.pdf,png") == ("png", "svg", "pdf")
    with pytest.raises(LitkitError, match="no figure format"):
        runs.parse_formats(" , ")


# ---- what a run writes ---------------------------------------------------------------------------


def test_bursts_run_writes_the_library_table_figure_and_params(corpus, tmp_path):
    from litkit.bursts import citation_bursts, write_burst_table

    result = runs.run(
        "bursts", corpus, tmp_path / "out", {"kind": "keyword", "top": 5}, formats=["png"], inputs={"corpus": "c"}
    )
    out = tmp_path / "out"
    assert _listing(out) == ["bursts_keyword.csv", "bursts_keyword.png", "params.json"]
    assert sorted(result.files) == sorted(out / name for name in _listing(out))
    table = citation_bursts(corpus, kind="keyword", top=5)
    expected = write_burst_table(table, tmp_path / "expected.csv", kind="keyword")
    assert (out / "bursts_keyword.csv").read_bytes() == expected.read_bytes()
    assert result.value.equals(table)
    assert "hot topic" in table["item"].tolist()
    record = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert record["analysis"] == "bursts" and record["inputs"] == {"corpus": "c"} and record["formats"] == ["png"]
    assert record["litkit_version"] == litkit.__version__
    params = record["parameters"]
    assert params == dict(runs.parameters("bursts"), kind="keyword", top=5, period=[2000, 2015])


def test_tables_use_one_float_format(corpus, tmp_path):
    result = runs.run("production", corpus, tmp_path, formats=["svg"])
    text = (tmp_path / "annual_production.csv").read_text(encoding="utf-8")
    table = result.value
    expected = table.to_csv(index=False, float_format=runs.FLOAT_FORMAT, lineterminator="\n")
    assert text == expected
    assert result.parameters["period"] == [2000, 2015]
    assert [p.name for p in result.files] == ["annual_production.csv", "annual_production.svg", "params.json"]


def test_same_run_twice_gives_identical_bytes(corpus, tmp_path):
    for name in ("a", "b"):
        runs.run(
            "keyword_views", corpus, tmp_path / name, {"min_occurrences": 1, "periods": [[2000, 2007], [2008, 2015]]}
        )
    names = _listing(tmp_path / "a")
    assert names == _listing(tmp_path / "b")
    assert {"keyword_timeline.csv", "thematic_map.png", "thematic_evolution.pdf", "time_zone.svg"} <= set(names)
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_run_folder_records_several_runs(corpus, tmp_path):
    folder = runs.RunFolder(tmp_path, formats=["png"])
    folder.run("production", corpus, inputs={"corpus": "c"})
    folder.run("bursts", corpus, {"kind": "keyword"}, inputs={"corpus": "c"})
    folder.write_params("job", {"x": 1}, {"corpus": "c"})
    record = json.loads((tmp_path / "params.json").read_text(encoding="utf-8"))
    assert record["analysis"] == "job" and record["parameters"] == {"x": 1}
    assert [r["analysis"] for r in record["runs"]] == ["production", "bursts"]
    assert record["runs"][1]["parameters"]["kind"] == "keyword"


# ---- refusing and failing ------------------------------------------------------------------------


@pytest.fixture
def probe(monkeypatch):
    """A registered analysis that writes two tables and a figure, and counts its calls."""
    calls = []

    def run_probe(corpus, out, *, fail: bool = False):
        import matplotlib.pyplot as plt

        calls.append(1)
        out.table(pd.DataFrame({"x": [0.1 + 0.2]}), "probe_a")
        if fail:
            raise LitkitError("probe failed")
        out.table(pd.DataFrame({"x": [1]}), "sub/probe_b")
        fig, ax = plt.subplots()
        ax.plot([0, 1])
        out.figure(fig, "probe")

    monkeypatch.setitem(runs.ANALYSES, "probe", runs.Analysis(run_probe, "A probe."))
    return calls


def test_refuses_before_computing_when_params_json_exists(corpus, tmp_path, probe):
    runs.run("probe", corpus, tmp_path, formats=["png"])
    before = {name: (tmp_path / name).read_bytes() for name in _listing(tmp_path) if (tmp_path / name).is_file()}
    with pytest.raises(OutputExistsError, match="params.json"):
        runs.run("probe", corpus, tmp_path, formats=["png"])
    assert len(probe) == 1  # refused before the analysis ran
    assert {n: (tmp_path / n).read_bytes() for n in before} == before
    runs.run("probe", corpus, tmp_path, formats=["png"], overwrite=True)
    assert len(probe) == 2


def test_refuses_a_user_file_and_moves_nothing(corpus, tmp_path, probe):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "probe_b.csv").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="probe_b.csv"):
        runs.run("probe", corpus, tmp_path, formats=["png", "pdf"])
    assert _listing(tmp_path) == ["sub", "sub/probe_b.csv"]  # nothing moved, no staging folder left
    assert (tmp_path / "sub" / "probe_b.csv").read_text(encoding="utf-8") == "mine\n"
    result = runs.run("probe", corpus, tmp_path, formats=["png", "pdf"], overwrite=True)
    assert _listing(tmp_path) == [
        "params.json",
        "probe.pdf",
        "probe.png",
        "probe_a.csv",
        "sub",
        "sub/probe_b.csv",
    ]
    assert (tmp_path / "sub" / "probe_b.csv").read_text(encoding="utf-8") == "x\n1\n"
    assert (tmp_path / "probe_a.csv").read_text(encoding="utf-8") == "x\n0.3\n"  # FLOAT_FORMAT, not 0.30000000000000004
    assert len(result.files) == 5


def test_a_failing_run_leaves_nothing(corpus, tmp_path, probe):
    with pytest.raises(LitkitError, match="probe failed"):
        runs.run("probe", corpus, tmp_path / "out", {"fail": True})
    assert _listing(tmp_path / "out") == []  # the table written before the error was staged, then removed


def test_output_that_is_a_file(corpus, tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(LitkitError, match="output is a file"):
        runs.run("production", corpus, tmp_path / "f")


def test_client_only_for_dask_analyses(corpus, tmp_path):
    with pytest.raises(LitkitError, match="does not run on Dask"):
        runs.run("production", corpus, tmp_path, client=object())


# ---- the library does not import the command line --------------------------------------------------


def test_library_never_imports_the_cli():
    code = (
        "import sys, litkit, litkit.runs, litkit.pipeline, litkit.plot.style\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click') "
        "or m.startswith(('litkit.commands', 'litkit.cli')))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
