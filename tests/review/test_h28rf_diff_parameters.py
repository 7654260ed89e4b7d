"""``litkit diff`` says which parameters of an analysis changed between two runs (and when a file a parameter
names, such as a thesaurus, changed content), so "5 bursts disappeared" can be read as "top 20 → 15".

Before, changing ``top`` of a burst analysis from 20 to 15 gave only ``burst disappeared 5``.
"""

from __future__ import annotations

import re

import pandas as pd

from litkit.review import diff, run_review


def _review(tmp_path, shared_corpora, extra: str) -> tuple:
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    (tmp_path / "exports").mkdir(exist_ok=True)
    (tmp_path / "exports" / "savedrecs.txt").write_bytes(wos.read_bytes())
    review = tmp_path / "review.toml"
    text = (
        '[corpus]\nexports = ["exports/"]\n\n[[analysis]]\nname = "bursts_keyword"\nanalysis = "bursts"\n'
        'kind = "keyword"\nthesaurus = "thesaurus.txt"\n' + extra
    )
    review.write_text(text, encoding="utf-8")
    return review


def test_diff_names_the_changed_parameter(tmp_path, shared_corpora):
    (tmp_path / "thesaurus.txt").write_text("label\treplace by\n", encoding="utf-8")
    review = _review(tmp_path, shared_corpora, "")
    run_review(review, tmp_path / "before")
    review.write_text(review.read_text(encoding="utf-8") + "top = 3\ns = 3.0\n", encoding="utf-8")
    run_review(review, tmp_path / "after")
    result = diff(tmp_path / "before", tmp_path / "after")
    table = result.tables["bursts_keyword"]
    params = table[table["change"] == "parameter changed"]
    assert list(zip(params["item"], params["old"], params["new"])) == [("s", "2.0", "3.0"), ("top", "20", "3")]
    line = next(ln for ln in result.summary().splitlines() if ln.startswith("bursts_keyword:"))
    assert "parameter s 2.0 → 3.0, parameter top 20 → 3" in line
    # the bursts' own changes still follow
    rows_before = len(pd.read_csv(tmp_path / "before" / "bursts_keyword" / "bursts_keyword.csv"))
    assert rows_before > 3
    assert (table["change"] != "parameter changed").any()


def test_diff_says_a_thesaurus_changed(tmp_path, shared_corpora):
    (tmp_path / "thesaurus.txt").write_text("label\treplace by\n", encoding="utf-8")
    review = _review(tmp_path, shared_corpora, "")
    run_review(review, tmp_path / "before")
    # merge the most frequent keyword into another term: same file name, new content
    text = (shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt").read_text(encoding="utf-8-sig")
    assert re.search(r"carbon emissions", text, flags=re.I)
    (tmp_path / "thesaurus.txt").write_text("label\treplace by\ncarbon emissions\temissions\n", encoding="utf-8")
    again = run_review(review, tmp_path / "after")
    assert again.ran == ["bursts_keyword"]
    result = diff(tmp_path / "before", tmp_path / "after")
    table = result.tables["bursts_keyword"]
    rows = table[table["change"] == "parameter file changed"]
    assert list(rows["item"]) == ["thesaurus"]


def test_identical_runs_still_give_an_empty_diff(tmp_path, shared_corpora):
    (tmp_path / "thesaurus.txt").write_text("label\treplace by\n", encoding="utf-8")
    review = _review(tmp_path, shared_corpora, "top = 5\n")
    run_review(review, tmp_path / "a")
    run_review(review, tmp_path / "b")
    assert diff(tmp_path / "a", tmp_path / "b").is_empty()
