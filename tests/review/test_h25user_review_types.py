"""A parameter of the wrong type in review.toml is a one-line error naming file, line, entry and key.

Before this check ``min_occurrence = "two"`` reached numpy and ended as a traceback (``_UFuncNoLoopError``).
"""

from __future__ import annotations

import re

import pytest

from litkit import runs
from litkit.errors import LitkitError
from litkit.review import load_review, write_init


@pytest.fixture()
def review(tmp_path, demo_dir):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "scopus.csv").write_bytes((demo_dir / "scopus" / "scopus.csv").read_bytes())
    return write_init(folder, tmp_path / "review.toml")


def _set(path, key: str, value: str) -> int:
    """Uncomment the first ``# key = ...`` line as ``key = value``; returns its 1-based line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(rf"# {key} = ", line))
    lines[at] = f"{key} = {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("min_occurrence", '"two"', "expected a whole number)"),
        ("top_n", '"200"', 'expected a whole number or "none"'),
        ("top_n", "2.5", 'expected a whole number or "none"'),
        ("stem", '"yes"', "expected true or false"),
        ("resolution", '"high"', "expected a number"),
        ("label_method", "3", "expected a string"),
    ],
)
def test_wrong_type_names_file_line_entry_and_key(review, key, value, expected):
    line = _set(review, key, value)
    with pytest.raises(LitkitError) as info:
        load_review(review)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{review}, line {line}: [[analysis]] #3 (cooccurrence): parameter {key!r} is ")
    assert expected in message


@pytest.mark.parametrize(
    ("key", "value"), [("resolution", "1"), ("top_n", '"none"'), ("top_n", "50"), ("stem", "true")]
)
def test_right_types_still_load(review, key, value):
    _set(review, key, value)
    entry = load_review(review).analyses[2]
    assert entry.kind == "cooccurrence" and key in entry.params


def test_every_default_written_by_init_passes_the_check(review):
    """Uncommenting every default `litkit init` writes gives a file that loads with those very values."""
    text = review.read_text(encoding="utf-8")
    body = text[text.index("[[analysis]]") :]
    uncommented = re.sub(r"(?m)^# (\w+ = )", r"\1", body)
    review.write_text(text[: text.index("[[analysis]]")] + uncommented, encoding="utf-8")
    loaded = load_review(review)
    for entry in loaded.analyses:
        assert set(runs.parameters(entry.kind)) <= set(entry.params) | {"kind"}


def test_value_refused_by_the_analysis_names_the_review_entry(tmp_path, review):
    """A value of the right type that the analysis refuses (``s = 0.5``) is located in the review file too;
    it used to be "error: s must be a number greater than 1, got 0.5" with no file, line or entry."""
    from litkit.review import run_review

    path = tmp_path / "one.toml"
    path.write_text(
        '[corpus]\nexports = ["exports/"]\n\n[[analysis]]\nname = "kw"\nanalysis = "bursts"\nkind = "keyword"\ns = 0.5\n',
        encoding="utf-8",
    )
    with pytest.raises(LitkitError) as info:
        run_review(path, tmp_path / "results")
    assert str(info.value).startswith(f"{path}, line 4: [[analysis]] #1 (kw): s must be a number greater than 1")
    assert not (tmp_path / "results" / "kw").exists() and not (tmp_path / "results" / ".kw.running").exists()


def test_init_from_params_writes_a_file_that_loads(tmp_path, review, demo_dir):
    """`litkit init EXPORTS --from-params out/bursts/params.json` wrote a second entry named
    'bursts_cited_journal' next to the default one, and `litkit run` refused the file it had just written."""
    import litkit
    from litkit.review import entries_from_params

    corpus = litkit.read(demo_dir / "scopus" / "scopus.csv")
    runs.run("bursts", corpus, tmp_path / "b", {"kind": "cited_journal", "top": 5}, formats=["png"])
    runs.run("cooccurrence", corpus, tmp_path / "k", {"min_occurrence": 3}, formats=["png"])
    extra = [e for p in ("b", "k", "b") for e in entries_from_params(tmp_path / p / "params.json")]
    path = write_init(review.parent / "exports", tmp_path / "init.toml", extra_entries=extra)
    loaded = load_review(path)
    names = [e.name for e in loaded.analyses]
    assert names == [
        "summary",
        "production",
        "cooccurrence",
        "bursts_keyword",
        "bursts_cited_journal",
        "bursts_cited_journal_2",
    ]
    by_name = {e.name: e for e in loaded.analyses}
    assert by_name["cooccurrence"].params["min_occurrence"] == 3  # the earlier run replaced the default entry
    assert by_name["bursts_cited_journal"].params["top"] == 5 == by_name["bursts_cited_journal_2"].params["top"]
    assert "# Keyword co-occurrence map" in path.read_text(encoding="utf-8")  # its comment kept
