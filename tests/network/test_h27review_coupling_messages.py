"""Coupling of institutions or countries on records without addresses: a one-line, grammatical reason."""

from __future__ import annotations

import pytest

import litkit


def _corpus_without_addresses():
    recs = [
        {
            "UT": "A",
            "PY": 2020,
            "AU": ["Li, X"],
            "CR": ["Smith J, 1999, NATURE, V1, P2", "Lee K, 2001, SCIENCE, V3, P4"],
        },
        {
            "UT": "B",
            "PY": 2021,
            "AU": ["Wu, Y"],
            "CR": ["Smith J, 1999, NATURE, V1, P2", "Lee K, 2001, SCIENCE, V3, P4"],
        },
    ]
    return litkit.Corpus.from_records(recs)


@pytest.mark.parametrize(("unit", "article"), [("country", "a"), ("institution", "an")])
def test_no_address_message(unit, article):
    net = litkit.coupling(_corpus_without_addresses(), unit=unit, with_layout=False)
    assert len(net.nodes) == 0
    message = repr(net)
    assert f"naming {article} {unit}" in message
    assert "an country" not in message
