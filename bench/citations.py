"""Benchmark: the direct citation network (historiograph; ``litkit citations``) at 100,000 records, and metaknowledge.

What is timed (each in its own child process; see ``bench/_analyses.py`` for the three contenders):

* **litkit**: ``litkit.citation_network(corpus)`` with the command's defaults, in its two steps:
  ``links`` (:func:`litkit.network.citation_links`: every cited reference matched to the corpus's records by
  DOI, else first author, year, source and volume or page) and ``network`` (LCS, TC, selection, Leiden
  clusters, labels, the map layout of every linked record).  Also ``litkit citations c.parquet`` end to end
  (its files, the historiograph of the 60 records with the highest LCS in PNG, SVG and PDF).
* **metaknowledge** 3.4.1 ``RecordCollection.networkCitation(coreOnly=True)`` on the 10,000-record subset:
  the citations among the collection's own records (a networkx DiGraph), i.e. litkit's ``links`` step; it
  has no clustering, layout or historiograph.

Same thing computed? Both report their (citing UT, cited UT) pairs; the benchmark prints how many agree.
Where the definitions differ: metaknowledge matches a cited reference to a record by its ``Citation``
equality with the record's own citation string (author, year, journal, volume, page; DOI when both have one),
litkit by DOI first, else author-year-source and volume or page, and never resolves a key that two records
share (undetected duplicates); metaknowledge's nodes are citation strings, so two records with the same
string are one node.

Usage::

    .venv/bin/python bench/citations.py                      # /tmp/wos100k.txt: Parquet, CLI, subset, peer
    .venv/bin/python bench/citations.py --parquet /tmp/c.parquet --only full --only cli

Results go to ``bench/out/citations.json`` (git-ignored) with the machine description.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _analyses import Spec, Timer, main  # noqa: E402


def litkit_work(corpus) -> dict:
    import litkit

    phases: dict = {}
    with Timer(phases, "links"):
        links = litkit.network.citation_links(corpus)
    with Timer(phases, "network"):  # what litkit.citation_network(corpus) does after citation_links
        # has_references only words the message of an empty network (asking corpus.references would parse
        # the one-row-per-citation table, which citation_network no longer builds)
        net = litkit.network.citation_network_from_links(corpus.df, links, has_references=True)
    return {
        "phases": phases,
        "links_in_corpus": len(links),
        "nodes": len(net),
        "links": int(net.n_links),
        "clusters": len(net.clusters),
    }


def litkit_check(corpus, path: str) -> dict:
    import litkit

    links = litkit.network.citation_links(corpus)
    ut = [str(u) for u in corpus.df["UT"].tolist()]
    pairs = sorted(f"{ut[a]}>{ut[b]}" for a, b in zip(links["citing"].tolist(), links["cited"].tolist()))
    return {"pairs": pairs, "by_match": links["match"].value_counts().to_dict()}


def peer_work(rc):
    return rc.networkCitation(coreOnly=True)


def peer_check(rc, graph) -> dict:
    ids = {n: d.get("MK-ID") for n, d in graph.nodes(data=True)}
    pairs = sorted(f"{ids.get(a)}>{ids.get(b)}" for a, b in graph.edges() if a != b)
    return {"pairs": pairs, "nodes": graph.number_of_nodes(), "self_loops": sum(1 for a, b in graph.edges() if a == b)}


def compare(ours: dict, peer: dict) -> list[str]:
    if not peer:
        return [f"litkit citation links: {len(ours['pairs']):,} ({ours['by_match']})"]
    a, b = set(ours["pairs"]), set(peer["pairs"])
    return [
        f"citation links between records: litkit {len(a):,} ({ours['by_match']}), metaknowledge {len(b):,} "
        f"({peer['nodes']:,} nodes, {peer['self_loops']} self-citations of a node dropped)",
        f"  both {len(a & b):,}, only litkit {len(a - b):,}, only metaknowledge {len(b - a):,}",
        "  e.g. only litkit: " + ", ".join(sorted(a - b)[:2]) + "; only metaknowledge: " + ", ".join(sorted(b - a)[:2]),
    ]


SPEC = Spec(
    name="citations",
    analysis="citations",
    params={},
    cli=("citations",),
    cli_options=(),
    litkit_work=litkit_work,
    litkit_check=litkit_check,
    peer_work=peer_work,
    peer_check=peer_check,
    compare=compare,
    description="litkit direct citation network (historiograph) vs metaknowledge networkCitation(coreOnly=True)",
)

if __name__ == "__main__":
    sys.exit(main(SPEC))
