"""A policy timeline reads the policy documents only: adding an export leaves it as it was (and its
params.json names the policy table as its input, not the corpus).

Before, any change of the corpus reran every analysis, the policy timeline included (its key does not hold the
corpus), and its params.json said its input was corpus.parquet.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from litkit.review import add_exports, run_review

POLICY = Path(__file__).resolve().parents[2] / "corpora" / "policy" / "central_documents.csv"


def test_policy_timeline_is_not_rerun_when_the_corpus_grows(tmp_path, shared_corpora):
    env = shared_corpora / "wos-plaintext-environment"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "a.txt").write_bytes((env / "globe2060_savedrecs_5.txt").read_bytes())
    shutil.copy(POLICY, tmp_path / "policy.csv")
    review = tmp_path / "review.toml"
    review.write_text(
        '[corpus]\nexports = ["exports/"]\n\n[policy]\nmetadata = "policy.csv"\n\n'
        '[[analysis]]\nname = "production"\nanalysis = "production"\n\n'
        '[[analysis]]\nname = "timeline"\nanalysis = "policy_timeline"\n\n'
        '[[analysis]]\nname = "overlay"\nanalysis = "policy_overlay"\nbursts = "none"\n',
        encoding="utf-8",
    )
    first = run_review(review, tmp_path / "results")
    assert first.ran == ["production", "timeline", "overlay"]
    params = json.loads((tmp_path / "results" / "timeline" / "params.json").read_text(encoding="utf-8"))
    assert params["inputs"] == {"policy": ["policy.csv"], "review": "review.toml"}
    params = json.loads((tmp_path / "results" / "overlay" / "params.json").read_text(encoding="utf-8"))
    assert params["inputs"] == {"corpus": "corpus.parquet", "policy": ["policy.csv"], "review": "review.toml"}
    stamp = (tmp_path / "results" / "timeline" / "policy_timeline.csv").stat().st_mtime_ns

    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.txt").write_bytes((shared_corpora / "cnki-endnote" / "demo.txt").read_bytes())
    add_exports(review, [tmp_path / "more"])
    second = run_review(review, tmp_path / "results")
    assert second.corpus_built
    assert second.ran == ["production", "overlay"]
    assert second.reused == ["timeline"]
    assert (tmp_path / "results" / "timeline" / "policy_timeline.csv").stat().st_mtime_ns == stamp
    # and the folder is what a fresh run writes
    run_review(review, tmp_path / "fresh")
    for name in ("timeline/policy_timeline.csv", "timeline/params.json", "production/annual_production.csv"):
        assert (tmp_path / "results" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
    assert run_review(review, tmp_path / "results").changed is False
