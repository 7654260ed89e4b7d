"""Mistakes in review.toml name the line in the one place every litkit error puts it (``file, line N: ...``):
a missing export (it named no line) and a TOML syntax error (the line was inside the message's text).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from litkit.cli import app
from litkit.errors import LitkitError
from litkit.review import load_review

TEXT = """[review]
title = "t"

[corpus]
exports = [
  "exports/",
  "exports/wos/savedrecs (3).txt",
  'exports/*.ris',
]
"""


def test_missing_export_names_its_line(tmp_path):
    (tmp_path / "exports").mkdir()
    review = tmp_path / "review.toml"
    review.write_text(TEXT, encoding="utf-8")
    with pytest.raises(LitkitError) as err:
        load_review(review)
    assert str(err.value).startswith(f"{review}, line 7: [corpus] key 'exports': export not found: exports/wos/")
    (tmp_path / "exports" / "wos").mkdir()
    (tmp_path / "exports" / "wos" / "savedrecs (3).txt").write_text("", encoding="utf-8")
    with pytest.raises(LitkitError) as err:
        load_review(review)
    assert str(err.value).startswith(f"{review}, line 8: [corpus] key 'exports': the pattern 'exports/*.ris'")


def test_toml_syntax_error_names_its_line(tmp_path):
    review = tmp_path / "review.toml"
    review.write_text(TEXT.replace('title = "t"', 'title = "t'), encoding="utf-8")
    with pytest.raises(LitkitError) as err:
        load_review(review)
    text = str(err.value)
    assert text.startswith(f"{review}, line 2: not a valid TOML file: ")
    assert "(column " in text and "at line" not in text and "\n" not in text
    result = CliRunner().invoke(app, ["run", str(review), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "line 2:" in result.output
