"""to_networkx (GEXF, GraphML) reads every link's weight and strength at once (issue 23): the values equal
the matrices' elements read one by one, on networks of a real export (undirected full and fractional
counting, a directed citation network)."""

from __future__ import annotations

import numpy as np
import pytest

import litkit
from litkit.network.export import to_networkx


@pytest.fixture(scope="module")
def corpus(shared_corpora):
    return litkit.read(shared_corpora / "wos-plaintext-environment")


@pytest.mark.parametrize(
    "build",
    [
        lambda c: litkit.cocitation(c, top_n=60),
        lambda c: litkit.collaboration(c, "country", counting="fractional"),
        lambda c: litkit.citation_network(c),
    ],
)
def test_link_attributes_are_the_matrix_elements(corpus, build):
    net = build(corpus)
    g = to_networkx(net, viz=True)
    assert g.number_of_edges() == net.n_links > 0
    counting = net.fractional if net.params.get("counting") == "fractional" else net.counts
    for u, v, data in g.edges(data=True):
        i, j = u - 1, v - 1
        assert type(data["weight"]) is float and data["weight"] == float(counting[i, j])
        assert type(data["strength"]) is float and data["strength"] == float(net.weights[i, j])
        assert data[net.count_name] == int(net.counts[i, j])
    if net.params.get("counting") == "fractional":
        assert any(d["weight"] != np.round(d["weight"]) for _, _, d in g.edges(data=True))
