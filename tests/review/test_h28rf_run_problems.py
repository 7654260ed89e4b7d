"""A damaged export in a review: its malformed records are read or skipped *and reported*, and ``litkit run``
counts them in its message, the manifest and ``ingest_problems.csv`` (shown in report.html).

Before, the run said only "corpus: N records read from the exports": on the real exports of ../shared the
readers reported 67 problems (56 Scopus rows of the wrong width among them) that no output of the run showed.
"""

from __future__ import annotations

import json
import re

import pandas as pd
from typer.testing import CliRunner

from litkit.cli import app
from litkit.review import run_review


def _damaged(tmp_path, shared_corpora):
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    text = wos.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    n = len(re.findall(r"^PT ", text, flags=re.M))
    exports = tmp_path / "exports"
    exports.mkdir()
    # a garbage line inside the third record (line 300 of the file lies in it: checked below)
    assert sum(1 for ln in lines[:300] if ln.startswith("PT ")) == 3
    garbage = lines[:299] + ["@@@@ not a WoS line\n"] + lines[299:]
    (exports / "garbage.txt").write_text("".join(garbage), encoding="utf-8")
    # the same export cut in the middle of a record
    cut = text[: len(text) // 2]
    n_cut = len(re.findall(r"^PT ", cut, flags=re.M))
    (exports / "cut.txt").write_text(cut, encoding="utf-8")
    review = tmp_path / "review.toml"
    review.write_text(
        '[corpus]\nexports = ["exports/"]\nmerge = false\n\n[[analysis]]\nname = "production"\nanalysis = "production"\n',
        encoding="utf-8",
    )
    return review, n, n_cut


def test_run_counts_and_lists_problems(tmp_path, shared_corpora):
    review, n, n_cut = _damaged(tmp_path, shared_corpora)
    done = run_review(review, tmp_path / "results")
    assert done.records == n + n_cut  # every record read (the cut one kept), none dropped
    assert done.ingest["records_in_files"] == n + n_cut
    assert done.ingest["records_read"] == n + n_cut
    assert done.ingest["records_skipped"] == 0
    problems = pd.read_csv(tmp_path / "results" / "ingest_problems.csv")
    assert done.ingest["problems"] == len(problems) >= 2
    by_file = problems.groupby("file")["reason"].apply(list).to_dict()
    assert any("not closed by ER" in r for r in by_file["exports/cut.txt"])
    assert any("@@@@ not a WoS line" in r for r in by_file["exports/garbage.txt"])
    assert int(problems.loc[problems["file"] == "exports/garbage.txt", "line"].iloc[0]) == 300
    message = done.message()
    assert (
        f"exports: {n + n_cut} of {n + n_cut} records read, 0 skipped, {len(problems)} problem(s) reported" in message
    )
    assert "ingest_problems.csv" in message
    manifest = json.loads((tmp_path / "results" / "manifest.json").read_text(encoding="utf-8"))
    rows = {row["name"]: row for row in manifest["exports"]}
    assert rows["exports/cut.txt"]["problems"] == len(by_file["exports/cut.txt"])
    assert rows["exports/garbage.txt"]["problems"] == len(by_file["exports/garbage.txt"])
    assert manifest["ingest"]["problems"] == len(problems)
    page = (tmp_path / "results" / "report.html").read_text(encoding="utf-8")
    assert "ingest_problems.csv" in page and "not closed by ER" in page


def test_cli_run_prints_the_problem_count(tmp_path, shared_corpora):
    review, n, n_cut = _damaged(tmp_path, shared_corpora)
    result = CliRunner().invoke(app, ["run", str(review), "-o", str(tmp_path / "results")])
    assert result.exit_code == 0, result.output
    assert re.search(r"exports: \d+ of \d+ records read, 0 skipped, [1-9]\d* problem\(s\) reported", result.output)


def test_clean_export_reports_no_problem(tmp_path, shared_corpora):
    """A clean export: zero counted, an empty table (header only) so the file always says what was checked."""
    cnki = shared_corpora / "cssci" / "cssci_1-100b.txt"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "LY_1.txt").write_bytes(cnki.read_bytes())
    review = tmp_path / "review.toml"
    review.write_text('[corpus]\nexports = ["exports/"]\n', encoding="utf-8")
    done = run_review(review, tmp_path / "results")
    problems = pd.read_csv(tmp_path / "results" / "ingest_problems.csv")
    assert done.ingest["problems"] == len(problems)
    assert list(problems.columns) == ["file", "line", "record", "action", "reason"]
