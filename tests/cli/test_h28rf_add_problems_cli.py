"""``litkit add`` of a damaged export reports the readers' problems (counted in its summary, listed in
problems.csv); before, the cut record and the stray line went unmentioned."""

from __future__ import annotations

import re

import pandas as pd
from typer.testing import CliRunner

from litkit.cli import app


def test_add_reports_problems_of_the_new_exports(tmp_path, shared_corpora):
    cnki = shared_corpora / "cnki-endnote" / "demo.txt"
    wos = (shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt").read_text(encoding="utf-8-sig")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "cnki.txt").write_bytes(cnki.read_bytes())
    review = tmp_path / "review.toml"
    review.write_text('[corpus]\nexports = ["exports/"]\n', encoding="utf-8")
    lines = wos.splitlines(keepends=True)
    damaged = "".join(lines[:299] + ["@@@@ stray line\n"] + lines[299:])
    damaged = damaged[: len(damaged) // 2]  # and cut inside a record
    n = len(re.findall(r"^PT ", damaged, flags=re.M))
    (tmp_path / "new.txt").write_text(damaged, encoding="utf-8")
    result = CliRunner().invoke(app, ["add", str(review), str(tmp_path / "new.txt"), "-o", str(tmp_path / "added")])
    assert result.exit_code == 0, result.output
    problems = pd.read_csv(tmp_path / "added" / "problems.csv")
    reasons = " | ".join(problems["reason"])
    assert "@@@@ stray line" in reasons and "not closed by ER" in reasons
    assert f"{len(problems)} problem(s) reported in the new exports (0 record(s) skipped)" in result.output
    assert f"{n} new record(s)" in result.output  # the cut record is kept, not dropped
