"""`litkit add REVIEW NEW -o FOLDER` refuses existing report tables *before* it edits the review file.

Before the fix the exports were appended to review.toml, then writing new.csv failed with "output exists":
the command reported an error yet had changed the user's file, and the report of what the exports brought
was lost (a rerun with --force finds the records "already there").
"""

from __future__ import annotations

from typer.testing import CliRunner

from litkit.cli import app
from litkit.review import write_init


def _review(tmp_path, demo_dir):
    first, new = tmp_path / "exports", tmp_path / "new"
    first.mkdir()
    new.mkdir()
    (first / "scopus.csv").write_bytes((demo_dir / "scopus" / "scopus.csv").read_bytes())
    (new / "wos.txt").write_bytes((demo_dir / "wos" / "savedrecs (1).txt").read_bytes())
    return write_init(first, tmp_path / "review.toml"), new


def test_existing_tables_refused_before_the_review_is_edited(tmp_path, demo_dir):
    review, new = _review(tmp_path, demo_dir)
    before = review.read_bytes()
    out = tmp_path / "added"
    out.mkdir()
    (out / "new.csv").write_text("my own table\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["add", str(review), str(new), "-o", str(out)])
    assert result.exit_code == 2
    assert "new.csv: output exists" in result.output and "Traceback" not in result.output
    assert review.read_bytes() == before  # the review file is untouched
    assert (out / "new.csv").read_text(encoding="utf-8") == "my own table\n"

    # with --force the exports are added and the tables replaced, with the records the new export brings
    result = CliRunner().invoke(app, ["add", str(review), str(new), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert "new/" in review.read_text(encoding="utf-8")
    rows = (out / "new.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) > 1 and rows[0] != "my own table"


def test_output_that_is_a_file_is_one_line_error(tmp_path, demo_dir):
    review, new = _review(tmp_path, demo_dir)
    before = review.read_bytes()
    target = tmp_path / "added"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["add", str(review), str(new), "-o", str(target)])
    assert result.exit_code == 2
    assert "output is a file, not a folder" in result.output and "Traceback" not in result.output
    assert review.read_bytes() == before
