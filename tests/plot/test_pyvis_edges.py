"""The HTML map's links: appended directly, they are exactly what pyvis's add_edge gives."""

from __future__ import annotations

import pytest

import litkit
from litkit.plot.network import to_pyvis


def _with_add_edge(net):
    """The straightforward page: every link through pyvis's own (quadratic) add_edge."""
    fast = to_pyvis(net)
    slow = to_pyvis(net)
    slow.edges = []
    for edge in fast.edges:
        options = {k: v for k, v in edge.items() if k not in ("from", "to", "arrows")}
        slow.add_edge(edge["from"], edge["to"], **options)
    return fast, slow


@pytest.mark.parametrize("unit", ["keywords", "cocitation", "citation"])
def test_links_equal_pyvis_add_edge(demo_dir, unit):
    corpus = litkit.read(demo_dir / "wos")
    if unit == "keywords":
        net = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=80)
    elif unit == "cocitation":
        net = litkit.cocitation(corpus, unit="reference")
    else:
        net = litkit.citation_network(corpus)
    fast, slow = _with_add_edge(net)
    assert len(fast.edges) > 0
    assert fast.edges == slow.edges
    # every link once, both ends among the nodes
    pairs = [(e["from"], e["to"]) for e in fast.edges]
    assert len(set(pairs)) == len(pairs)
    ids = set(fast.get_nodes())
    assert all(a in ids and b in ids for a, b in pairs)
