"""``run_review(progress=True)`` shows a progress bar over the analyses it runs (tqdm, a widget in Jupyter),
on stderr only: the outputs are those of a run without it. Before, a review of real exports ran 40-70 s
without a sign of life."""

from __future__ import annotations

from litkit.review import run_review


def test_progress_bar_counts_the_analyses_run(tmp_path, shared_corpora, capsys):
    cnki = shared_corpora / "cnki-endnote" / "demo.txt"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "cnki.txt").write_bytes(cnki.read_bytes())
    review = tmp_path / "review.toml"
    entries = "".join(
        f'\n[[analysis]]\nname = "p{i}"\nanalysis = "production"\nfirst_year = {2000 + i}\n' for i in range(3)
    )
    review.write_text('[corpus]\nexports = ["exports/"]\n' + entries, encoding="utf-8")
    run_review(review, tmp_path / "with", progress=True)
    err = capsys.readouterr().err
    assert "analyses" in err and "3/3" in err
    run_review(review, tmp_path / "without", progress=False)
    assert capsys.readouterr().err == ""
    for name in ("p0/annual_production.csv", "p2/params.json", "manifest.json", "report.html"):
        assert (tmp_path / "with" / name).read_bytes() == (tmp_path / "without" / name).read_bytes()
