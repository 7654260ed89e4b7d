"""report.html of a review's results folder: a Corpus section (the export files, records read, problems) and
the parameters of every analysis (each folder's params.json); offline, escaped, rendered in Chromium.

Before, the page of a review said "This folder has no params.json." (the results folder has one per analysis,
none of its own) and nothing about the exports.
"""

from __future__ import annotations

import json

import pytest
from helpers.chromium import render

from litkit.html_report import build_report
from litkit.review import run_review


@pytest.fixture(scope="module")
def results(tmp_path_factory, shared_corpora):
    tmp = tmp_path_factory.mktemp("h28rf_report")
    wos = (shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt").read_text(encoding="utf-8-sig")
    # a damaged export: a title with markup, keywords with markup, and a stray line (a reported problem)
    wos = wos.replace("\nTI ", "\nTI <script>alert(1)</script> ", 1)
    lines = wos.splitlines(keepends=True)
    wos = "".join(lines[:299] + ["<img src=x onerror=alert(2)> stray line\n"] + lines[299:])
    (tmp / "exports").mkdir()
    (tmp / "exports" / "savedrecs.txt").write_text(wos, encoding="utf-8")
    review = tmp / "review.toml"
    review.write_text(
        '[review]\ntitle = "Review <b>one</b>"\n\n[corpus]\nexports = ["exports/"]\n\n'
        '[[analysis]]\nname = "production"\nanalysis = "production"\n\n'
        '[[analysis]]\nname = "bursts_keyword"\nanalysis = "bursts"\nkind = "keyword"\ntop = 7\n',
        encoding="utf-8",
    )
    run_review(review, tmp / "results")
    return tmp / "results"


def test_page_has_corpus_and_every_analysis_parameters(results):
    page = (results / "report.html").read_text(encoding="utf-8")
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    assert "<h2 id='corpus'>Corpus</h2>" in page
    assert "exports/savedrecs.txt" in page
    assert f"{manifest['records']} records" in page
    assert f"reported {manifest['ingest']['problems']} problem(s)" in page
    assert "This folder has no params.json" not in page
    for name in ("production", "bursts_keyword"):
        assert f"<h3>{name}/params.json</h3>" in page
    assert "&quot;top&quot;: 7" in page or '"top": 7' in page
    assert "<script>" not in page and "<img src=x" not in page
    assert page == build_report(results, title="Review <b>one</b>")  # the run wrote what build_report gives


@pytest.mark.browser
def test_page_renders_offline(results):
    shown = render(results / "report.html")
    assert shown.external_requests == []
    assert shown.console_errors == []
    assert "Review <b>one</b>" in shown.text
    assert "<img src=x onerror=alert(2)> stray line" in shown.text  # the problem, shown as text
    assert "Corpus" in shown.text and "bursts_keyword/params.json" in shown.text
