"""A run interrupted half-way (Ctrl-C) leaves a consistent folder -- the analyses finished are listed in the
manifest, no half-written folder, and no report.html of the previous results mixed with new ones -- and the
next run finishes only what is missing.

Before, the previous run's report.html stayed while its analyses were being replaced.
"""

from __future__ import annotations

import json

import pytest

import litkit.runs
from litkit.review import run_review


def test_interrupted_run_then_recovery(tmp_path, shared_corpora, monkeypatch):
    cnki = shared_corpora / "cnki-endnote" / "demo.txt"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "cnki.txt").write_bytes(cnki.read_bytes())
    review = tmp_path / "review.toml"
    entries = "".join(
        f'\n[[analysis]]\nname = "p{i}"\nanalysis = "production"\nfirst_year = {2000 + i}\n' for i in range(3)
    )
    review.write_text('[corpus]\nexports = ["exports/"]\n' + entries, encoding="utf-8")
    out = tmp_path / "results"
    run_review(review, out)
    assert (out / "report.html").is_file()
    review.write_text(review.read_text(encoding="utf-8").replace("first_year = 200", "first_year = 201"), "utf-8")

    real = litkit.runs.run
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(litkit.runs, "run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_review(review, out)
    monkeypatch.setattr(litkit.runs, "run", real)

    assert not (out / "report.html").exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []  # no staging folder left
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["analyses"]) == ["p0"]
    params = json.loads((out / "p0" / "params.json").read_text(encoding="utf-8"))
    assert params["parameters"]["first_year"] == 2010

    done = run_review(review, out)
    assert done.ran == ["p1", "p2"] and done.reused == ["p0"]
    assert (out / "report.html").is_file()
    run_review(review, tmp_path / "fresh")
    for name in ("p0", "p1", "p2"):
        assert (out / name / "annual_production.csv").read_bytes() == (
            tmp_path / "fresh" / name / "annual_production.csv"
        ).read_bytes()
    assert (out / "manifest.json").read_bytes() == (tmp_path / "fresh" / "manifest.json").read_bytes()
