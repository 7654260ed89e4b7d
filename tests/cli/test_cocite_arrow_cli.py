"""`litkit cocite` loads the cited references as Arrow (runs.arrow_columns): the same tables as Python lists."""

import pytest
from typer.testing import CliRunner

import litkit
from litkit import runs
from litkit.cli import app

OPTIONS = [
    [],
    ["--unit", "source"],
    ["--unit", "author", "--counting", "fractional"],
    ["--slice-years", "2", "--top-n", "30", "--pruning", "pathfinder"],
]


@pytest.fixture(scope="module")
def corpus_path(shared_corpora, tmp_path_factory):
    """WoS, Scopus and CNKI records merged: several reference styles and records citing nothing."""
    files = ["wos-plaintext-environment", "scopus-csv/scopus_testing.csv.scopus", "cnki-refworks/CNKI.txt"]
    corpus = litkit.merge(litkit.read([str(shared_corpora / f) for f in files]))
    return corpus.to_parquet(tmp_path_factory.mktemp("cocite") / "c.parquet")


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: " ".join(o) or "defaults")
def test_arrow_and_python_lists_give_the_same_tables(corpus_path, tmp_path, monkeypatch, options):
    assert runs.arrow_columns("cocitation") == ["CR"]

    def cocite(out):
        args = ["cocite", str(corpus_path), "--formats", "png", "-o", str(out), *options]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        return {name: (out / name).read_bytes() for name in ("nodes.csv", "links.csv", "clusters.csv")}

    arrow = cocite(tmp_path / "arrow")
    monkeypatch.setattr(runs, "arrow_columns", lambda name, params=None: [])
    lists = cocite(tmp_path / "lists")
    assert arrow == lists
    assert arrow["nodes.csv"].count(b"\n") > 20
