"""An analysis never replaces a folder of the results folder that litkit did not write.

Before, adding ``[[analysis]] name = "notes"`` to a review whose results folder held the user's own
``notes/`` removed that folder and everything in it without asking.
"""

from __future__ import annotations

import pytest

from litkit.errors import LitkitError
from litkit.review import run_review


def test_user_folder_with_an_analysis_name_is_kept(tmp_path, shared_corpora):
    wos = shared_corpora / "cnki-endnote" / "demo.txt"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "cnki.txt").write_bytes(wos.read_bytes())
    review = tmp_path / "review.toml"
    entry = '\n[[analysis]]\nname = "{}"\nanalysis = "production"\n'
    review.write_text('[corpus]\nexports = ["exports/"]\n' + entry.format("production"), encoding="utf-8")
    run_review(review, tmp_path / "results")
    notes = tmp_path / "results" / "notes"
    notes.mkdir()
    (notes / "draft.docx").write_bytes(b"my draft")
    review.write_text(review.read_text(encoding="utf-8") + entry.format("notes"), encoding="utf-8")
    with pytest.raises(LitkitError, match="litkit did not write") as err:
        run_review(review, tmp_path / "results")
    assert "\n" not in str(err.value) and str(notes) in str(err.value)
    assert (notes / "draft.docx").read_bytes() == b"my draft"
    with pytest.raises(LitkitError):
        run_review(review, tmp_path / "results", force=True)
    assert (notes / "draft.docx").read_bytes() == b"my draft"
    # an analysis folder litkit wrote is still replaced when its entry changes
    review.write_text(review.read_text(encoding="utf-8").replace('"notes"', '"production_2"'), encoding="utf-8")
    done = run_review(review, tmp_path / "results")
    assert done.ran == ["production_2"] and (notes / "draft.docx").exists()
