"""A thesaurus (stoplist, aliases) named in a review file that does not exist beside it is a one-line error
of the review file, with its line, when the file is loaded.

Before, the name was passed on as it was: looked up in the working directory (so the same review gave other
results when run from elsewhere) and, when missing there too, an error naming only ``my_thesaurus.txt`` after
the corpus had been built and the analyses before it had run.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from litkit.cli import app
from litkit.errors import LitkitError
from litkit.review import load_review, run_review


def _write(tmp_path, shared_corpora, value: str):
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    (tmp_path / "review" / "exports").mkdir(parents=True)
    (tmp_path / "review" / "exports" / "savedrecs.txt").write_bytes(wos.read_bytes())
    review = tmp_path / "review" / "review.toml"
    review.write_text(
        '[corpus]\nexports = ["exports/"]\n\n[[analysis]]\nname = "production"\nanalysis = "production"\n\n'
        f'[[analysis]]\nname = "kw"\nanalysis = "cooccurrence"\nthesaurus = "{value}"\n',
        encoding="utf-8",
    )
    return review


def test_missing_thesaurus_is_an_error_of_the_review_file(tmp_path, shared_corpora):
    review = _write(tmp_path, shared_corpora, "my_thesaurus.txt")
    with pytest.raises(LitkitError) as err:
        load_review(review)
    text = str(err.value)
    assert "\n" not in text
    assert text.startswith(f"{review}, line 11: [[analysis]] #2 (kw): parameter 'thesaurus': file not found")
    result = CliRunner().invoke(app, ["run", str(review), "-o", str(tmp_path / "results")])
    assert result.exit_code == 2
    assert "line 11" in result.output and "my_thesaurus.txt" in result.output
    assert not (tmp_path / "results").exists()  # refused before anything was read or written


def test_a_thesaurus_in_the_working_directory_is_not_used(tmp_path, shared_corpora, monkeypatch):
    review = _write(tmp_path, shared_corpora, "my_thesaurus.txt")
    (tmp_path / "my_thesaurus.txt").write_text("label\treplace by\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the file is here, not beside the review
    with pytest.raises(LitkitError, match="file not found: my_thesaurus.txt"):
        run_review(review, tmp_path / "results")


def test_thesaurus_beside_the_review_and_keywords_still_work(tmp_path, shared_corpora):
    review = _write(tmp_path, shared_corpora, "none")
    assert load_review(review).analyses[1].params["thesaurus"] is None
    review.write_text(review.read_text(encoding="utf-8").replace('"none"', '"default"'), encoding="utf-8")
    assert load_review(review).analyses[1].params["thesaurus"] == "default"
    (review.parent / "thes.txt").write_text("label\treplace by\n", encoding="utf-8")
    review.write_text(review.read_text(encoding="utf-8").replace('"default"', '"thes.txt"'), encoding="utf-8")
    assert load_review(review).analyses[1].params["thesaurus"] == "thes.txt"
