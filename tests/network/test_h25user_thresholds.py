"""Negative thresholds are refused with a one-line error instead of silently selecting something else.

Before: ``top_n=-5`` kept every item but the last five (``ranked[:-5]``: 723 of 728 terms on the real
exports), ``top=-2`` drew all records of the historiograph but two, a negative ``min_citations`` /
``min_occurrence`` / ``min_lcs`` passed as 0 and ``resolution=-1`` clustered with a negative resolution.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

import litkit
from litkit import runs
from litkit.errors import LitkitError
from litkit.network.cluster import cluster_graph
from litkit.network.selection import check_thresholds
from litkit.plot.citation import plot_historiograph


@pytest.fixture(scope="module")
def corpus(demo_dir):
    return litkit.read(demo_dir / "wos" / "savedrecs (1).txt")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: litkit.cocitation(c, top_n=-1), "top_n must be a whole number >= 1, got -1"),
        (lambda c: litkit.cocitation(c, min_citations=-2), "min_citations must be a whole number >= 0, got -2"),
        (lambda c: litkit.cocitation(c, top_n=0, slice_years=1), "top_n must be a whole number >= 1, got 0"),
        (lambda c: litkit.coupling(c, min_citations=-1), "min_citations must be a whole number >= 0, got -1"),
        (lambda c: litkit.coupling(c, unit="source", top_n=-3), "top_n must be a whole number >= 1, got -3"),
        (lambda c: litkit.coupling(c, unit="source", min_documents=-1), "min_documents must be a whole number >= 0"),
        (lambda c: litkit.citation_network(c, min_lcs=-1), "min_lcs must be a whole number >= 0, got -1"),
        (lambda c: litkit.citation_network(c, top_n=2.5), "top_n must be a whole number >= 1, got 2.5"),
    ],
)
def test_network_builders_refuse_negative_thresholds(corpus, call, message):
    with pytest.raises(LitkitError, match=message.replace("(", r"\(")) as info:
        call(corpus)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("params", "message"), [({"top_n": -5}, "top_n"), ({"min_occurrence": -3}, "min_occurrence")])
def test_cooccurrence_run_refuses_negative_thresholds(corpus, tmp_path, params, message):
    with pytest.raises(LitkitError, match=f"{message} must be a whole number"):
        runs.run("cooccurrence", corpus, tmp_path / "out", params, formats=["png"])
    assert not (tmp_path / "out").exists()  # nothing written


def test_negative_resolution_refused():
    w = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=float))
    with pytest.raises(ValueError, match="resolution must be a number >= 0, not -1"):
        cluster_graph(w, resolution=-1)
    assert len(set(cluster_graph(w, resolution=0.5))) == 1  # a triangle stays one cluster


def test_historiograph_refuses_top_below_one(corpus):
    net = litkit.citation_network(corpus)
    with pytest.raises(LitkitError, match="top must be a whole number >= 1, got -2"):
        plot_historiograph(net.nodes, net.links(), top=-2)


def test_valid_thresholds_pass_and_keep_results(corpus):
    check_thresholds(None, min_citations=0, min_lcs=0)
    check_thresholds(np.int64(3), min_occurrence=np.int64(1))
    with pytest.raises(LitkitError, match="got True"):
        check_thresholds(True)
    # a valid top_n keeps exactly the top_n most cited items (brute force over the unrestricted network)
    every = litkit.cocitation(corpus, top_n=None)
    ten = litkit.cocitation(corpus, top_n=10)
    assert len(ten) == 10
    counts = sorted(every.nodes["citations"], reverse=True)
    assert sorted(ten.nodes["citations"], reverse=True) == counts[:10]
