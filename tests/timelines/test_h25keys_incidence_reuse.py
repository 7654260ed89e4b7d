"""The keyword incidence shared by the views of one run (litkit.text.reused inside reuse_terms, issue 23).

Inside ``reuse_terms`` the timeline, time zone and thematic map compute the incidence of every
keyword once; each view must still give exactly what it gives alone for its own options (top,
threshold, years, field, corpus), checked on a real WoS export.
"""

from __future__ import annotations

import pytest

import litkit
from litkit.text import reuse_terms, reused
from litkit.timelines import keyword_timeline, thematic_evolution, thematic_map, time_zone


@pytest.fixture(scope="module")
def wos(shared_corpora):
    return litkit.read(shared_corpora / "wos-plaintext-environment", progress=False)


def _views(wos, half):
    """Tables of views whose incidences differ in every option the shared part depends on or not."""
    evolution = thematic_evolution(wos, [(2000, 2016), (2017, 2025)], min_occurrences=2)
    return [
        keyword_timeline(wos),
        time_zone(wos).nodes,  # top 60 of the same incidence
        time_zone(wos, min_occurrences=4, top=None).nodes,
        thematic_map(wos).themes,
        thematic_map(wos, years=(2015, 2019)).themes,  # another set of records
        time_zone(wos, field="ID").nodes,  # another field
        time_zone(half).nodes,  # another corpus
        evolution.links,
        *(m.themes for m in evolution.maps),
    ]


def test_views_inside_the_block_equal_the_views_alone(wos):
    half = litkit.Corpus(wos.df.iloc[: len(wos.df) // 2].reset_index(drop=True))
    alone = _views(wos, half)
    assert len({len(t) for t in alone[:3]}) == 3 and all(len(t) for t in alone)
    with reuse_terms():
        first = _views(wos, half)
        again = _views(wos, half)  # served from what the first round kept
    for a, b, c in zip(alone, first, again):
        assert a.equals(b) and a.equals(c)
    assert not time_zone(half).nodes.equals(time_zone(wos).nodes)


def test_reused_is_keyed_by_owner_and_key():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    a, b = object(), object()
    with reuse_terms():
        assert [reused(a, 1, compute), reused(a, 1, compute), reused(b, 1, compute), reused(a, 2, compute)] == [
            1,
            1,
            2,
            3,
        ]
        assert reused(a, [1], compute) == 4  # an unhashable key: computed each time
        assert reused(a, [1], compute) == 5
    assert reused(a, 1, compute) == 6  # nothing kept outside a block
