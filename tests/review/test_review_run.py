"""litkit run / add / diff on the demo corpus: idempotence, one changed parameter reruns one analysis,
the manifest matches the files, order independence of added exports, the diff of the demo's two periods."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import litkit
from litkit.cli import app
from litkit.errors import LitkitError
from litkit.review import add_exports, build_corpus, check_manifest, diff, load_review, run_review, set_years

DEMO_FILES = [
    "cnki/CNKI-endnote.txt",
    "cnki/CNKI-refworks.txt",
    "scopus/scopus.csv",
    "wos/savedrecs (1).txt",
    "wos/savedrecs.txt",
]

#: Small analyses: each computes in a second or two on the demo corpus.
REVIEW = """\
# our review
[review]
title = "demo review"
formats = ["png"]

[corpus]
exports = [
  "demo/",  # every demo export
]
merge = true
last_year = 2019  # the first period

[[analysis]]
name = "production"
analysis = "production"

[[analysis]]
name = "keywords"
analysis = "cooccurrence"
field = "DE"
top_n = 60
labels = 10

[[analysis]]
name = "bursts_keyword"
analysis = "bursts"
kind = "keyword"
top = 20

[[analysis]]
name = "bursts_cited_journal"
analysis = "bursts"
kind = "cited_journal"
top = 20
"""


def _copy_demo(demo_dir: Path, folder: Path) -> Path:
    for name in DEMO_FILES:
        target = folder / "demo" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((demo_dir / name).read_bytes())
    return folder / "demo"


def _snapshot(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def periods(tmp_path_factory, demo_dir):
    """The review run on records up to 2019, then on all (the year limit commented out): two results folders."""
    root = tmp_path_factory.mktemp("review")
    _copy_demo(demo_dir, root)
    review = root / "review.toml"
    review.write_text(REVIEW, encoding="utf-8")
    first = run_review(review, root / "results_2019")
    second = run_review(review, root / "results_2019")  # nothing changed
    extended = root / "review_all.toml"
    extended.write_text(REVIEW, encoding="utf-8")
    set_years(extended, last_year=None)
    run_review(extended, root / "results_all")
    return {"root": root, "review": review, "first": first, "second": second}


def test_first_run_runs_everything_second_recomputes_nothing(periods):
    first, second = periods["first"], periods["second"]
    assert first.corpus_built and first.ran == ["production", "keywords", "bursts_keyword", "bursts_cited_journal"]
    assert second.ran == [] and not second.corpus_built and not second.changed
    assert second.reused == first.ran
    assert "nothing changed" in second.message() and "nothing recomputed" in second.message()


def test_second_run_changes_no_file(periods, tmp_path):
    results = tmp_path / "results"
    shutil.copytree(periods["root"] / "results_2019", results)
    before = _snapshot(results)
    done = run_review(periods["review"], results)
    assert not done.changed and _snapshot(results) == before  # same bytes, not even rewritten


def test_changed_parameter_reruns_exactly_that_analysis(periods, tmp_path):
    results = tmp_path / "results"
    shutil.copytree(periods["root"] / "results_2019", results)
    before = _snapshot(results)
    review = periods["root"] / "review_top5.toml"
    review.write_text(REVIEW.replace('kind = "keyword"\ntop = 20', 'kind = "keyword"\ntop = 5'), encoding="utf-8")
    done = run_review(review, results)
    assert done.ran == ["bursts_keyword"] and not done.corpus_built
    assert done.reused == ["production", "keywords", "bursts_cited_journal"]
    after = _snapshot(results)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert {k.split("/")[0] for k in changed} == {"bursts_keyword", "manifest.json", "report.html"}
    table = (results / "bursts_keyword" / "bursts_keyword.csv").read_text(encoding="utf-8").splitlines()
    assert len(table) - 1 == 5  # 7 keywords burst up to 2019; the strongest 5 are kept
    # the file's order of parameters and exports does not matter: back to top = 20 reruns it once more only
    assert run_review(periods["review"], results).ran == ["bursts_keyword"]
    assert run_review(periods["review"], results).ran == []


def test_manifest_matches_the_files(periods, demo_dir):
    root = periods["root"]
    manifest = json.loads((root / "results_2019" / "manifest.json").read_text(encoding="utf-8"))
    truth = json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))
    assert [e["name"] for e in manifest["exports"]] == sorted(f"demo/{n}" for n in DEMO_FILES)
    for row in manifest["exports"]:
        data = (root / row["name"]).read_bytes()
        assert row["size"] == len(data) and row["sha256"] == hashlib.sha256(data).hexdigest()
        planted = truth["files"][row["name"].removeprefix("demo/")]
        assert (row["format"], row["database"], row["records"]) == (
            planted["format"],
            planted["database"],
            planted["records"],
        )
    assert manifest["litkit_version"] == litkit.__version__
    text = (root / "results_2019" / "manifest.json").read_text(encoding="utf-8")
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), "a timestamp makes two identical runs differ"
    corpus = build_corpus(load_review(periods["review"]))
    assert manifest["records"] == len(corpus) and max(map(int, manifest["years"])) == 2019
    assert sum(manifest["years"].values()) == int(corpus.df["PY"].notna().sum())
    assert check_manifest(root / "results_2019", root) == []
    assert (root / "results_2019" / "report.html").is_file()


def test_changed_export_rebuilds_corpus(periods, tmp_path):
    root = tmp_path / "r"
    shutil.copytree(periods["root"] / "demo", root / "demo")
    shutil.copytree(periods["root"] / "results_2019", root / "results")
    (root / "review.toml").write_text(REVIEW, encoding="utf-8")
    assert run_review(root / "review.toml", root / "results").ran == []  # moved, same content: up to date
    scopus = root / "demo" / "scopus" / "scopus.csv"
    lines = scopus.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    scopus.write_text("".join(lines[:-5]), encoding="utf-8")  # a shorter export
    assert check_manifest(root / "results", root) == ["demo/scopus/scopus.csv: changed"]
    done = run_review(root / "review.toml", root / "results")
    assert done.corpus_built and len(done.ran) == 4


def test_refuses_a_foreign_folder(periods, tmp_path):
    (tmp_path / "mine.txt").write_text("x")
    with pytest.raises(LitkitError, match="no manifest.json"):
        run_review(periods["review"], tmp_path)


def test_diff_of_identical_runs_is_empty(periods, tmp_path):
    root = periods["root"]
    shutil.copytree(root / "results_2019", tmp_path / "copy")
    result = diff(root / "results_2019", tmp_path / "copy")
    assert result.is_empty() and result.summary() == "no change"
    assert set(result.tables) == {"corpus", "production", "keywords", "bursts_keyword", "bursts_cited_journal"}
    assert result.stats["keywords"]["adjusted_rand_index"] == 1.0
    files = result.write(tmp_path / "diff")
    assert all(len(p.read_text(encoding="utf-8").splitlines()) == 1 for p in files if p.suffix == ".csv")


def test_diff_of_the_two_periods_lists_the_planted_changes(periods, demo_dir, tmp_path):
    """corpora/demo/truth.json: bursts planted after 2019 appear; those running past 2019 end later now."""
    root = periods["root"]
    truth = json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))
    result = diff(root / "results_2019", root / "results_all")
    corpus = result.tables["corpus"]
    added = corpus[corpus["change"] == "year added"]
    assert list(added["item"]) == ["2020", "2021", "2022", "2023", "2024"]
    all_records = build_corpus(load_review(root / "review_all.toml"))
    assert list(added["new"]) == [int((all_records.df["PY"] == y).sum()) for y in range(2020, 2025)]
    for name, planted in (
        ("bursts_keyword", truth["keyword_bursts"]),
        ("bursts_cited_journal", truth["journal_bursts"]),
    ):
        table = result.tables[name].set_index("item")
        for burst in planted:
            item, begin, end = burst["item"], burst["begin"], burst["end"]
            if begin > 2019:
                assert table.loc[item, "change"] == "burst appeared", item
            if end > 2019:  # reaches into the second period: its span is the planted one now
                assert table.loc[item, "new"].startswith(f"{begin}–{end} "), item
            if begin <= 2019 < end and item in set(table.index):
                assert table.loc[item, "change"] in ("burst ended", "burst appeared", "burst span changed"), item
    keywords = result.tables["keywords"]
    entered = set(keywords.loc[keywords["change"] == "entered the top 20", "item"])
    assert "carbon neutrality" in entered  # its planted burst is 2021-2024: no record before
    assert 0 < result.stats["keywords"]["adjusted_rand_index"] <= 1
    result.write(tmp_path / "diff")
    page = (tmp_path / "diff" / "diff.html").read_text(encoding="utf-8")
    assert page.count("class='pair'") >= 4 and "data:image/png;base64," in page and "<script" not in page


def test_add_exports_order_independent_and_reported(tmp_path, demo_dir):
    demo = _copy_demo(demo_dir, tmp_path)
    text = '[corpus]\n# the WoS export first\nexports = [\n  "demo/wos/savedrecs.txt",  # 500 records\n]\n'
    results = {}
    for order in (("cnki", "scopus"), ("scopus", "cnki")):
        review = tmp_path / f"review_{order[0]}.toml"
        review.write_text(text, encoding="utf-8")
        reports = [add_exports(review, [demo / name]) for name in order]
        loaded = load_review(review)
        results[order] = (loaded.export_paths(), build_corpus(loaded), reports)
        assert "# the WoS export first" in review.read_text() and "# 500 records" in review.read_text()
    (paths_a, corpus_a, reports_a), (paths_b, corpus_b, reports_b) = results.values()
    assert paths_a == paths_b
    assert corpus_a.df.drop(columns=["extra"]).equals(corpus_b.df.drop(columns=["extra"]))
    cnki = reports_a[0]
    assert cnki.added == ["demo/cnki/"] and cnki.records_before == 500
    # every CNKI record is either new or matched to a WoS record, with the rule that matched it
    assert len(cnki.new) + len(cnki.already) == 171 + 316
    assert cnki.records_after == cnki.records_before + len(cnki.new)
    assert set(cnki.already["rule"]) <= {"doi", "title+year+author", "fuzzy", "id", "identical"}
    assert len(cnki.already) > 0 and cnki.already["existing_id"].str.startswith("WOS:").all()
    # adding what is there already adds nothing
    again = add_exports(tmp_path / "review_cnki.toml", [demo / "cnki"])
    assert again.added == [] and again.listed == ["demo/cnki/"] and len(again.new) == 0


def test_add_reports_updated_records(tmp_path, demo_dir):
    """A newer copy of a WoS export (higher TC) updates the existing records; nothing is new."""
    wos = (demo_dir / "wos" / "savedrecs (1).txt").read_text(encoding="utf-8-sig")
    (tmp_path / "old.txt").write_text(wos, encoding="utf-8")
    newer = re.sub(r"\nTC (\d+)\n", lambda m: f"\nTC {int(m.group(1)) + 1}\n", wos)  # cited once more since
    counts = [int(n) for n in re.findall(r"\nTC (\d+)\n", wos)]
    assert len(counts) == 103
    (tmp_path / "new.txt").write_text(newer, encoding="utf-8")
    review = tmp_path / "review.toml"
    review.write_text('[corpus]\nexports = ["old.txt"]\n', encoding="utf-8")
    report = add_exports(review, [tmp_path / "new.txt"], dry_run=True)
    assert len(report.new) == 0 and len(report.already) == 103 and report.records_after == report.records_before
    assert set(report.updated["column"]) == {"TC"} and len(report.updated) == 103
    assert sorted(int(n) for n in report.updated["old"]) == sorted(counts)
    assert all(int(b) == int(a) + 1 for a, b in zip(report.updated["old"], report.updated["new"]))
    assert "new.txt" not in review.read_text()  # dry run


def test_cli_init_run_diff(periods, tmp_path, demo_dir):
    runner = CliRunner()
    demo = _copy_demo(demo_dir, tmp_path)
    out = runner.invoke(app, ["init", str(demo / "scopus"), "-o", str(tmp_path / "review.toml")])
    assert out.exit_code == 0, out.output
    assert load_review(tmp_path / "review.toml").exports == ["demo/scopus/"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[corpus]\nexports = ["demo/"]\n[[analysis]]\nanalysis = "bursts"\ngama = 1\n', encoding="utf-8")
    out = runner.invoke(app, ["run", str(bad), "-o", str(tmp_path / "r")])
    assert out.exit_code == 2 and "[[analysis]] #1 (bursts): unknown parameter 'gama'" in out.output
    assert len(out.output.strip().splitlines()) == 1
    root = periods["root"]
    out = runner.invoke(app, ["diff", str(root / "results_2019"), str(root / "results_all"), "-o", str(tmp_path / "d")])
    assert out.exit_code == 0 and "bursts_keyword: " in out.output and (tmp_path / "d" / "diff.html").is_file()
    out = runner.invoke(app, ["run", str(periods["review"]), "-o", str(root / "results_2019")])
    assert out.exit_code == 0 and "nothing changed" in out.output


def test_policy_and_database_entries(tmp_path, demo_dir):
    """A policy timeline reruns alone when the metadata table grows, and the diff names the new documents;
    ``databases`` restricts an analysis to those databases' records."""
    import csv

    import pandas as pd

    _copy_demo(demo_dir, tmp_path)
    table = (demo_dir.parent / "policy" / "central_documents.csv").read_text(encoding="utf-8")
    rows = table.splitlines(keepends=True)
    # a document row ends with its in_review_table1 flag; hold back the last two documents for the second run
    (tmp_path / "policy.csv").write_text("".join(rows[:-2]), encoding="utf-8")
    review = tmp_path / "review.toml"
    review.write_text(
        '[review]\nformats = ["png"]\n[corpus]\nexports = ["demo/wos/", "demo/scopus/"]\n'
        '[policy]\nmetadata = "policy.csv"\n'
        '[[analysis]]\nname = "wos_years"\nanalysis = "production"\ndatabases = ["WoS"]\n'
        '[[analysis]]\nname = "timeline"\nanalysis = "policy_timeline"\n',
        encoding="utf-8",
    )
    run_review(review, tmp_path / "before")
    production = pd.read_csv(tmp_path / "before" / "wos_years" / "annual_production.csv")
    corpus = build_corpus(load_review(review))
    wos_records = corpus.df["DB"].str.split(";").map(lambda dbs: "WoS" in dbs)
    assert production["total"].sum() == int(wos_records.sum()) < len(corpus)
    shutil.copytree(tmp_path / "before", tmp_path / "after")
    (tmp_path / "policy.csv").write_text(table, encoding="utf-8")
    done = run_review(review, tmp_path / "after")
    assert done.ran == ["timeline"] and done.reused == ["wos_years"] and not done.corpus_built
    added = diff(tmp_path / "before", tmp_path / "after").tables["timeline"]
    held_back = [row["title_zh"] for row in csv.DictReader(rows[:1] + rows[-2:])]
    assert added["change"].tolist() == ["policy document added"] * 2 and sorted(added["item"]) == sorted(held_back)


def test_add_counts_a_record_found_twice_in_the_new_exports_once(tmp_path, demo_dir):
    """Two copies of one WoS export added to a Scopus-only review: each record is gained once, its copy is
    'already there' (rule id), and the corpus grows by exactly the new records."""
    demo = _copy_demo(demo_dir, tmp_path)
    (tmp_path / "copy").mkdir()
    shutil.copy(demo / "wos" / "savedrecs (1).txt", tmp_path / "copy" / "again.txt")
    review = tmp_path / "review.toml"
    review.write_text('[corpus]\nexports = ["demo/scopus/scopus.csv"]\n', encoding="utf-8")
    report = add_exports(review, [demo / "wos" / "savedrecs (1).txt", tmp_path / "copy"])
    after = build_corpus(load_review(review))
    assert report.records_before == 100 and report.records_after == len(after)
    assert report.records_after == report.records_before + len(report.new)
    assert len(report.new) + len(report.already) == 2 * 103  # every record read is reported once
    # one copy alone brings what both bring; each new record's copy is among those already there
    alone = len(litkit.merge(litkit.read([demo / "scopus"]), litkit.read([demo / "wos" / "savedrecs (1).txt"])))
    assert len(report.new) == alone - 100
    assert set(report.new["id"]) <= set(report.already["id"])
    assert set(report.already["rule"]) <= {"id", "doi", "title+year+author", "fuzzy", "identical"}
    assert report.new["id"].is_unique and report.new["id"].str.startswith("WOS:").all()
