"""`litkit run` says which records it kept when the review selects years.

Before: "corpus: 600 records read from the exports" for exports holding 798 records and last_year = 2019,
which reads as 198 records lost.
"""

from __future__ import annotations

from litkit.review import ReviewRun


def test_message_names_the_years_kept(tmp_path):
    run = ReviewRun(output=tmp_path, corpus_built=True, records=600, years="up to 2019", ran=["bursts"])
    assert run.message().splitlines()[0] == "corpus: 600 records kept from the exports (published up to 2019)"
    plain = ReviewRun(output=tmp_path, corpus_built=True, records=798, ran=["bursts"])
    assert plain.message().splitlines()[0] == "corpus: 798 records read from the exports"


def test_run_review_sets_the_years(tmp_path, demo_dir):
    from litkit.review import run_review

    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "scopus.csv").write_bytes((demo_dir / "scopus" / "scopus.csv").read_bytes())
    path = tmp_path / "review.toml"
    path.write_text(
        '[corpus]\nexports = ["exports/"]\nlast_year = 2015\n\n[[analysis]]\nname = "p"\nanalysis = "production"\n',
        encoding="utf-8",
    )
    done = run_review(path, tmp_path / "results")
    assert done.years == "up to 2015"
    assert f"corpus: {done.records} records kept from the exports (published up to 2015)" in done.message()
