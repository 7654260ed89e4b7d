"""Exports and the policy table reached through symbolic links keep the names the user gave them: in the
review file ``litkit init`` writes, in manifest.json and in the records' ``source_file``.

Before, every path was resolved: a project linking ../shared/seed/table1_policy_timeline.csv as
policy/table1.csv got ``metadata = "../../work/shared/seed/table1_policy_timeline.csv"`` in its review file
(which breaks when the project moves), and the manifest, report and diff named the link targets.
"""

from __future__ import annotations

import json
from pathlib import Path

from litkit.review import load_review, run_review, write_init

POLICY = Path(__file__).resolve().parents[2] / "corpora" / "policy" / "central_documents.csv"


def test_links_keep_their_names(tmp_path, shared_corpora):
    project = tmp_path / "project"
    (project / "exports" / "wos").mkdir(parents=True)
    (project / "policy").mkdir()
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    cnki = shared_corpora / "cnki-endnote" / "demo.txt"
    (project / "exports" / "wos" / "savedrecs.txt").symlink_to(wos)
    (project / "cnki_endnote.txt").symlink_to(cnki)  # a file listed by itself
    (project / "policy" / "table1.csv").symlink_to(POLICY)

    review = write_init(
        [project / "exports", project / "cnki_endnote.txt"],
        project / "review.toml",
        analyses=[("production", {})],
        policy_metadata=project / "policy" / "table1.csv",
    )
    text = review.read_text(encoding="utf-8")
    assert 'metadata = "policy/table1.csv"' in text
    assert '"exports/",' in text and '"cnki_endnote.txt",' in text
    assert str(shared_corpora) not in text and "../" not in text

    loaded = load_review(review)
    assert loaded.policy["metadata"] == project / "policy" / "table1.csv"
    run_review(review, project / "results")
    manifest = json.loads((project / "results" / "manifest.json").read_text(encoding="utf-8"))
    names = [row["name"] for row in manifest["exports"]]
    assert names == ["cnki_endnote.txt", "exports/wos/savedrecs.txt"]
    assert [row["records"] for row in manifest["exports"]] == [40, 128]
    assert [row["name"] for row in manifest["policy"]] == ["policy/table1.csv"]
