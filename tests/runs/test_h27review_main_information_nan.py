"""main_information.csv: a value that cannot be computed is an empty cell (what pandas writes for NaN), not "nan".

A corpus without times cited (CNKI, most PubMed records) or without any country (Lens) has no
"Average citations per document" / "International co-authorships %"; the run wrote the text
"nan", which the report then showed.
"""

from __future__ import annotations

import pandas as pd

from litkit import Corpus, runs


def test_uncomputable_rows_are_empty(tmp_path):
    corpus = Corpus.from_records(
        [
            {"UT": "1", "PY": 2020, "SO": "J A", "AU": ["Li, X", "Wu, Y"], "DE": ["a"]},
            {"UT": "2", "PY": 2022, "SO": "J B", "AU": ["Li, X"], "DE": ["b"]},
        ]
    )
    runs.run("summary", corpus, tmp_path / "out", formats=["png"])
    text = (tmp_path / "out" / "main_information.csv").read_text(encoding="utf-8")
    assert "nan" not in text.lower()
    assert "Average citations per document,\n" in text
    assert "International co-authorships %,\n" in text
    table = pd.read_csv(tmp_path / "out" / "main_information.csv").set_index("Description")["Results"]
    # no record carries CR or ID: their counts are unknown, not 0
    assert sorted(table[table.isna()].index) == sorted(
        ["Average citations per document", "International co-authorships %", "References", "Keywords Plus (ID)"]
    )
    assert table["Documents"] == "2" and table["Annual growth rate %"] != ""
