"""`litkit diff` summary: the corpus's size change reads "records 600 → 880", not "records 1".

The summary counts rows per kind of change; the corpus has one ``records`` row, so the line said
"corpus: export added 2, records 1, ..." after 280 records were added.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from litkit.review import ReviewDiff


def _table(rows):
    return pd.DataFrame(rows, columns=["change", "item", "old", "new", "detail"])


def test_records_row_shows_old_and_new_count():
    corpus = _table(
        [
            ("export added", "new/a.txt", "", 128, "wos_plain"),
            ("export added", "new/b.txt", "", 411, "wos_plain"),
            ("records", "corpus", 600, 880, ""),
            ("records of the year changed", 2019, 22, 64, "records"),
        ]
    )
    d = ReviewDiff(Path("old"), Path("new"), tables={"corpus": corpus})
    assert d.summary() == "corpus: export added 2, records 600 → 880, records of the year changed 1"
    assert "records 600 → 880" in d._repr_html_()


def test_other_kinds_still_counted():
    bursts = _table(
        [("burst appeared", "NATURE", "", "2017–2019 (3.1)", ""), ("burst appeared", "PLOS ONE", "", "", "")]
    )
    d = ReviewDiff(Path("old"), Path("new"), tables={"bursts": bursts})
    assert d.summary() == "bursts: burst appeared 2"
