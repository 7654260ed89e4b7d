"""The review file: init, load and check, one-line errors naming entry and key, text edits that keep comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomllib

import litkit
from litkit import runs
from litkit.errors import LitkitError
from litkit.review import (
    adjusted_rand_index,
    append_exports,
    entries_from_params,
    entry_from_params,
    format_entry,
    load_review,
    select_years,
    set_years,
    write_init,
)


@pytest.fixture()
def exports(tmp_path, demo_dir) -> Path:
    """Two small exports next to the review file (copies of the demo's Scopus and second WoS file)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "scopus.csv").write_bytes((demo_dir / "scopus" / "scopus.csv").read_bytes())
    (folder / "wos.txt").write_bytes((demo_dir / "wos" / "savedrecs (1).txt").read_bytes())
    return folder


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "review.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
[corpus]
exports = ["exports/"]

[[analysis]]
name = "years"
analysis = "production"
first_year = 2005

[[analysis]]
analysis = "bursts"
name = "kw"
kind = "keyword"
top = "none"
"""


def test_init_writes_every_parameter_and_reads_back(tmp_path, exports):
    path = write_init(exports, tmp_path / "review.toml", last_year=2019)
    text = path.read_text(encoding="utf-8")
    review = load_review(path)
    assert review.exports == ["exports/"] and review.merge is True and review.last_year == 2019
    assert [e.name for e in review.analyses] == [
        "summary",
        "production",
        "cooccurrence",
        "bursts_keyword",
        "bursts_cited_journal",
    ]
    assert review.analyses[3].params == {"kind": "keyword"}
    # every parameter of every analysis is in the file, the ones not set commented with their default
    for entry in review.analyses:
        for key in runs.parameters(entry.kind):
            assert f"{key} = " in text
    commented = tomllib.loads(text.replace("# min_occurrence = 2", "min_occurrence = 2"))
    assert commented["analysis"][2]["min_occurrence"] == 2
    with pytest.raises(LitkitError, match="exists"):
        write_init(exports, path)


def test_load_good_review(tmp_path, exports):
    review = load_review(write(tmp_path, GOOD))
    years, kw = review.analyses
    assert (years.name, years.kind, years.params) == ("years", "production", {"first_year": 2005})
    assert kw.params == {"kind": "keyword", "top": None}  # "none" is None for a parameter that may be None
    assert review.export_paths() == [exports.resolve()]


@pytest.mark.parametrize(
    ("edit", "message", "line"),
    [
        (
            ('analysis = "production"', 'analysis = "productoin"'),
            "[[analysis]] #1 (years): key 'analysis': unknown analysis 'productoin'",
            6,
        ),
        (
            ("first_year = 2005", "first_yaer = 2005"),
            "[[analysis]] #1 (years): unknown parameter 'first_yaer' of analysis 'production'",
            7,
        ),
        (("top = ", "gamma_x = "), "[[analysis]] #2 (kw): unknown parameter 'gamma_x' of analysis 'bursts'", 13),
        (
            ('exports = ["exports/"]', 'exports = ["exports/", "gone.txt"]'),
            "[corpus] key 'exports': export not found: gone.txt",
            None,
        ),
        (
            ('exports = ["exports/"]', 'exports = ["exports/", "*.ris"]'),
            "[corpus] key 'exports': the pattern '*.ris' matches no file",
            None,
        ),
        (('name = "kw"', 'name = "years"'), "[[analysis]] #2 (years): key 'name': the name is taken by entry #1", 11),
        (('name = "kw"', 'name = "../kw"'), "[[analysis]] #2 (../kw): key 'name'", 11),
        (("[corpus]", "[corpus]\nmerj = true"), "[corpus]: unknown key 'merj'", 2),
        (("[corpus]", "[corpos]\n[corpus]"), "unknown table [corpos]", 1),
        (
            ('analysis = "production"\nfirst_year = 2005', 'analysis = "policy_timeline"'),
            "#1 (years): key 'analysis': policy_timeline needs policy documents",
            6,
        ),
        (("first_year = 2005", "first_year = 2005\nfirst_year = 2006"), "not a valid TOML file", None),
    ],
)
def test_bad_review_file_is_one_line_naming_entry_and_key(tmp_path, exports, edit, message, line):
    path = write(tmp_path, GOOD.replace(*edit, 1))
    with pytest.raises(LitkitError) as info:
        load_review(path)
    text = str(info.value)
    assert "\n" not in text and message in text and text.startswith(str(path))
    if line is not None:
        assert info.value.line == line


def test_missing_review_file(tmp_path):
    with pytest.raises(LitkitError, match="review file not found"):
        load_review(tmp_path / "nope.toml")


def test_append_exports_keeps_comments_and_layout(tmp_path):
    layouts = {
        '[corpus]\n# ours\nexports = [\n  "a.txt",  # 2023 export\n]\nmerge = true  # yes\n': (
            '[corpus]\n# ours\nexports = [\n  "a.txt",  # 2023 export\n  "b.txt",\n  "c d.txt",\n]\nmerge = true  # yes\n'
        ),
        '[corpus]\nexports = [\n    "a.txt"  # no comma\n]\n': '[corpus]\nexports = [\n    "a.txt",  # no comma\n    "b.txt",\n    "c d.txt",\n]\n',
        '[corpus]\nexports = ["a.txt"]  # one line\n': '[corpus]\nexports = ["a.txt", "b.txt", "c d.txt"]  # one line\n',
        "[corpus]\nexports = []\n": '[corpus]\nexports = ["b.txt", "c d.txt"]\n',
        '[corpus]\nexports = "a.txt"\n': '[corpus]\nexports = ["a.txt", "b.txt", "c d.txt"]\n',
        '[corpus]\nexports = [\n  "a.txt",\n  "b]#.txt"]\n': '[corpus]\nexports = [\n  "a.txt",\n  "b]#.txt",\n  "b.txt",\n  "c d.txt",\n]\n',
    }
    for before, after in layouts.items():
        path = write(tmp_path, before)
        append_exports(path, ["b.txt", "c d.txt"])
        assert path.read_text() == after, before
        assert tomllib.loads(after)["corpus"]["exports"][-2:] == ["b.txt", "c d.txt"]


def test_set_years_edits_text(tmp_path):
    path = write(tmp_path, '[corpus]\nexports = ["a"]  # x\nlast_year = 2019  # first review\n\n[[analysis]]\n')
    set_years(path, last_year=None, first_year=2001)
    text = path.read_text()
    assert "# last_year = 2019  # first review" in text
    assert tomllib.loads(text)["corpus"] == {"exports": ["a"], "first_year": 2001}
    set_years(path, first_year=2003)
    assert tomllib.loads(path.read_text())["corpus"]["first_year"] == 2003


def test_entries_from_params_of_a_run(tmp_path, exports):
    corpus = litkit.read(exports, progress=False)
    runs.run("production", corpus, tmp_path / "p", {"first_year": 2003}, formats=["png"])
    entry = entry_from_params(tmp_path / "p" / "params.json")
    assert entry == {"name": "production", "analysis": "production", "first_year": 2003}  # not the period it recorded
    text = "[corpus]\nexports = ['exports/']\n\n" + format_entry(entry)
    path = write(tmp_path, text)
    (loaded,) = load_review(path).analyses
    assert loaded.params == {"first_year": 2003}
    # a folder with several runs (the demo's) gives one entry per run
    folder = runs.RunFolder(tmp_path / "multi", formats=["png"])
    folder.run("production", corpus)
    folder.run("bursts", corpus, {"kind": "keyword", "top": 5})
    folder.write_params("demo", {}, {})
    entries = entries_from_params(tmp_path / "multi")
    assert entries == [
        {"name": "production", "analysis": "production"},
        {"name": "bursts_keyword", "analysis": "bursts", "kind": "keyword", "top": 5},
    ]
    with pytest.raises(LitkitError, match="records 2 runs"):
        entry_from_params(tmp_path / "multi")
    (tmp_path / "bad.json").write_text(json.dumps({"analysis": "nope"}))
    with pytest.raises(LitkitError, match="no known analysis"):
        entries_from_params(tmp_path / "bad.json")


def test_select_years(exports):
    corpus = litkit.read(exports, progress=False)
    py = corpus.df["PY"]
    early = select_years(corpus, last_year=2010)
    assert len(early) == int((py <= 2010).sum()) > 0
    middle = select_years(corpus, 2005, 2010)
    assert len(middle) == int(((py >= 2005) & (py <= 2010)).sum())
    assert select_years(corpus) is corpus


def test_adjusted_rand_index_against_sklearn():
    import numpy as np
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(7)
    for _ in range(50):
        n = int(rng.integers(2, 40))
        a, b = rng.integers(0, 5, n), rng.integers(0, 4, n)
        assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_score(a, b))
    assert adjusted_rand_index(["x", "x", "y"], [1, 1, 2]) == 1.0
