"""litkit.cooccurrence refuses bad thresholds and term fields with one-line LitkitErrors (not a slice or ValueError)."""

import pytest

import litkit
from litkit.errors import LitkitError

CORPUS = litkit.Corpus.from_records([{"UT": str(i), "DE": ["a", "b", "c"][: 2 + i % 2]} for i in range(6)])


@pytest.mark.parametrize(
    ("kwargs", "name"), [({"top_n": -5}, "top_n"), ({"top_n": 0}, "top_n"), ({"min_occurrence": -1}, "min_occurrence")]
)
def test_bad_thresholds(kwargs, name):
    with pytest.raises(LitkitError, match=name):
        litkit.cooccurrence(CORPUS, **kwargs)


def test_unknown_field():
    with pytest.raises(LitkitError, match="'XX' is not a term source") as info:
        litkit.cooccurrence(CORPUS, field="XX")
    assert "DE, ID, TI, AB, TIAB" in str(info.value)


def test_good_arguments_still_work():
    assert len(litkit.cooccurrence(CORPUS, min_occurrence=2, top_n=None)) == 3
