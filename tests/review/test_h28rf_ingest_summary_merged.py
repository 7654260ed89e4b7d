"""The ``ingest_summary`` analysis on a merged corpus (a review file's default, ``merge = true``).

It crashed with ``AttributeError: 'MergeReport' object has no attribute 'files_table'`` (a traceback from
``litkit run``) the first time the review's corpus was built; the ingest report is the merge report's
``ingest``.
"""

from __future__ import annotations

import re

import litkit
from litkit import runs
from litkit.review import run_review


def test_ingest_summary_of_a_merged_corpus(tmp_path, shared_corpora):
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    n = len(re.findall(r"^PT ", wos.read_text(encoding="utf-8-sig"), flags=re.M))
    merged = litkit.merge(litkit.read([str(wos)], progress=False))
    runs.run("ingest_summary", merged, tmp_path / "out", {})
    text = (tmp_path / "out" / "ingest_summary.txt").read_text(encoding="utf-8")
    assert text.startswith(f"Read {n} of {n} records from 1 file(s)")
    files = (tmp_path / "out" / "ingest_files.csv").read_text(encoding="utf-8")
    assert "globe2060_savedrecs_5.txt" in files


def test_review_with_ingest_summary_runs(tmp_path, shared_corpora):
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "savedrecs.txt").write_bytes(wos.read_bytes())
    review = tmp_path / "review.toml"
    review.write_text(
        '[corpus]\nexports = ["exports/"]\nmerge = true\n\n[[analysis]]\nname = "ingest"\nanalysis = "ingest_summary"\n',
        encoding="utf-8",
    )
    first = run_review(review, tmp_path / "results")
    assert first.ran == ["ingest"]
    text = (tmp_path / "results" / "ingest" / "ingest_summary.txt").read_text(encoding="utf-8")
    assert text.startswith("Read 128 of 128 records from 1 file(s)")
    assert "exports/savedrecs.txt" in text  # relative to the review file
    # the second build reads the corpus back from corpus.parquet: the same text
    again = run_review(review, tmp_path / "results2")
    assert (tmp_path / "results2" / "ingest" / "ingest_summary.txt").read_text(encoding="utf-8") == text
    assert again.ran == ["ingest"]
