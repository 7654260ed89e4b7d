"""Thesaurus tables: a row without ';' is an error naming its line; '#' starts a comment only after a space."""

import pytest

from litkit.errors import LitkitError
from litkit.text import Thesaurus, read_thesaurus


def test_vosviewer_thesaurus_without_its_header_is_an_error_not_zero_rows(tmp_path):
    path = tmp_path / "thesaurus.txt"
    path.write_text("mapping of science\tscience mapping\nelsevier\t\n", encoding="utf-8")
    with pytest.raises(LitkitError, match="no ';'") as info:
        read_thesaurus(path)
    assert info.value.line == 1 and str(path) in str(info.value) and "label<TAB>replace by" in str(info.value)


def test_hash_inside_a_term_is_not_a_comment():
    t = Thesaurus.from_text("# languages\nC#;c sharp  # the language\nF#;f sharp\n")
    assert t.lookup("C#") == "c sharp" and t.lookup("F#") == "f sharp"
    assert len(Thesaurus.from_text("   # only a comment\n\n").mapping) == 0
