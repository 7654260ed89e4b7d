"""A network without links or nodes still writes its offline page (the citation network of a corpus without
cited references raised scipy's "does not support dtype object" in to_pyvis's directed branch)."""

from __future__ import annotations

import litkit


def test_empty_citation_network_writes_its_page(tmp_path):
    corpus = litkit.Corpus.from_records([{"UT": "A", "PY": 2020, "TI": "One record"}])
    net = litkit.citation_network(corpus)
    assert net.counts.nnz == 0
    path = tmp_path / "citations.html"
    net.to_html(path)
    page = path.read_text(encoding="utf-8")
    assert "<html" in page.lower() and "vis-network" in page.lower()


def test_citation_network_without_links_keeps_its_nodes_on_the_page(tmp_path):
    corpus = litkit.Corpus.from_records(
        [
            {"UT": "A", "PY": 2019, "TI": "First", "DI": "10.1/a", "CR": ["Smith J, 2001, NATURE, V1, P1"]},
            {"UT": "B", "PY": 2020, "TI": "Second", "DI": "10.1/b", "CR": ["Smith J, 2001, NATURE, V1, P1"]},
        ]
    )
    net = litkit.citation_network(corpus)
    assert net.counts.nnz == 0  # neither record cites the other
    path = tmp_path / "citations.html"
    net.to_html(path)
    assert path.stat().st_size > 0
