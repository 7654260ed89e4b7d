"""The params.json of a review's analyses do not depend on where the review lives: a thesaurus is recorded as
the review names it (``thesaurus.txt``), the ingest summary's ``relative_to`` as ``.``; two copies of one review
in two folders write the same files.

Before, params.json held ``/home/me/review/thesaurus.txt`` and ``"relative_to": "/home/me/review"``.
"""

from __future__ import annotations

import json
import shutil

from litkit.review import run_review


def test_two_copies_of_a_review_write_the_same_params(tmp_path, shared_corpora):
    first = tmp_path / "a" / "review"
    (first / "exports").mkdir(parents=True)
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    (first / "exports" / "savedrecs.txt").write_bytes(wos.read_bytes())
    (first / "thesaurus.txt").write_text("label\treplace by\ncarbon emissions\temissions\n", encoding="utf-8")
    (first / "review.toml").write_text(
        '[corpus]\nexports = ["exports/"]\n\n'
        '[[analysis]]\nname = "ingest"\nanalysis = "ingest_summary"\n\n'
        '[[analysis]]\nname = "bursts"\nanalysis = "bursts"\nkind = "keyword"\nthesaurus = "thesaurus.txt"\n\n'
        '[[analysis]]\nname = "kw"\nanalysis = "cooccurrence"\nthesaurus = "thesaurus.txt"\ntop_n = 30\n',
        encoding="utf-8",
    )
    second = tmp_path / "b" / "elsewhere" / "review"
    shutil.copytree(first, second)
    run_review(first / "review.toml", first / "results")
    run_review(second / "review.toml", second / "results")
    for name in ("ingest", "bursts", "kw"):
        a = (first / "results" / name / "params.json").read_text(encoding="utf-8")
        assert str(tmp_path) not in a, a
        assert a == (second / "results" / name / "params.json").read_text(encoding="utf-8")
    bursts = json.loads((first / "results" / "bursts" / "params.json").read_text(encoding="utf-8"))
    assert bursts["parameters"]["thesaurus"] == "thesaurus.txt"
    ingest = json.loads((first / "results" / "ingest" / "params.json").read_text(encoding="utf-8"))
    assert ingest["parameters"]["relative_to"] == "."
    for name in ("ingest/ingest_summary.txt", "bursts/bursts_keyword.csv", "kw/keywords.csv"):
        assert (first / "results" / name).read_bytes() == (second / "results" / name).read_bytes()
