"""A new ``[review] title`` rewrites report.html (and nothing else); before, the run said "nothing changed" and
the page kept the old title."""

from __future__ import annotations

from litkit.review import run_review


def test_new_title_rewrites_the_report_only(tmp_path, shared_corpora):
    cnki = shared_corpora / "cnki-endnote" / "demo.txt"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "cnki.txt").write_bytes(cnki.read_bytes())
    review = tmp_path / "review.toml"
    text = '[review]\ntitle = "First <draft>"\n\n[corpus]\nexports = ["exports/"]\n\n[[analysis]]\nname = "p"\nanalysis = "production"\n'
    review.write_text(text, encoding="utf-8")
    out = tmp_path / "results"
    run_review(review, out)
    assert "<title>First &lt;draft&gt;</title>" in (out / "report.html").read_text(encoding="utf-8")
    stamp = (out / "p" / "annual_production.csv").stat().st_mtime_ns
    review.write_text(text.replace("First <draft>", "Ecological products, 2000-2024"), encoding="utf-8")
    done = run_review(review, out)
    assert done.ran == [] and done.reused == ["p"] and not done.corpus_built
    assert done.message().startswith("nothing recomputed: 1 analyses up to date")
    assert "<title>Ecological products, 2000-2024</title>" in (out / "report.html").read_text(encoding="utf-8")
    assert (out / "p" / "annual_production.csv").stat().st_mtime_ns == stamp
    again = run_review(review, out)
    assert again.message().startswith("nothing changed") and not again.report_written
