"""Benchmark: co-authorship of authors (``litkit collab --unit author``) at 100,000 records, and metaknowledge.

What is timed (each in its own child process; see ``bench/_analyses.py`` for the three contenders):

* **litkit**: ``litkit.collaboration(corpus, unit="author")`` with the command's defaults (records with more
  than 25 authors left out, the 200 authors with most records, association strength, Leiden clusters, labels,
  VOS layout).  The authors × records incidence is built for every author and the counts for the selected
  ones.  Also ``litkit collab c.parquet --unit author`` end to end.
* **metaknowledge** 3.4.1 ``RecordCollection.networkCoAuthor(useShortNames=True)`` on the 10,000-record
  subset: every pair of co-authors of every record, weighted by their shared records (a networkx graph of all
  authors, ``AU`` as written).  The subset run also times litkit's **all-authors** count (the incidence
  ``M`` of :func:`litkit.network.collaboration_incidence`, then ``MᵀM``, no ``max_authors`` limit), the same
  work as metaknowledge's.

Same thing computed? Both report authors, co-author pairs and total weight, and the weights of the pairs
among the 300 alphabetically first authors (compared by litkit's key: upper case, punctuation folded, so
metaknowledge's ``Li, X`` and ``Li, X.`` are compared as one).  Where the definitions differ: litkit groups
``AU`` spellings by that key; metaknowledge keeps each spelling as its own node.

Usage::

    .venv/bin/python bench/collaboration.py                  # /tmp/wos100k.txt: Parquet, CLI, subset, peer
    .venv/bin/python bench/collaboration.py --parquet /tmp/c.parquet --only full --only cli

Results go to ``bench/out/collaboration.json`` (git-ignored) with the machine description.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _analyses import Spec, Timer, main  # noqa: E402

SAMPLE = 300  # authors (alphabetically first keys) whose pairwise weights both sides report


def fold_like_litkit(name: str) -> str:
    """An approximation of litkit's author key for the peer's names (no litkit in the peer's venv)."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.upper()).split())


def litkit_work(corpus) -> dict:
    import litkit

    phases: dict = {}
    with Timer(phases, "collaboration"):
        net = litkit.collaboration(corpus, unit="author")
    skipped = int(net.params.get("records_skipped_max_authors", 0))
    return {
        "phases": phases,
        "nodes": len(net),
        "links": int(net.n_links),
        "clusters": len(net.clusters),
        "skipped": skipped,
    }


def litkit_check(corpus, path: str) -> dict:
    import scipy.sparse as sp

    import litkit

    t0, cpu0 = time.perf_counter(), time.process_time()
    m, keys, _ = litkit.network.collaboration_incidence(corpus, "author")
    m = sp.csr_matrix(m, dtype="int64")
    b = sp.triu(m.T @ m, k=1).tocoo()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    sample = set(sorted(keys)[:SAMPLE])
    pairs = {}
    for i, j, w in zip(b.row.tolist(), b.col.tolist(), b.data.tolist()):
        if keys[i] in sample and keys[j] in sample:
            pairs["|".join(sorted((keys[i], keys[j])))] = int(w)
    return {
        "all_pairs_s": seconds,
        "all_pairs_cpu_s": cpu,
        "nodes": len(keys),
        "links": int(b.nnz),
        "weight": int(b.data.sum()),
        "sample": sorted(sample),
        "pairs": pairs,
    }


def peer_work(rc):
    return rc.networkCoAuthor(useShortNames=True)


def peer_check(rc, graph) -> dict:
    folded: dict = {}
    for a, b, d in graph.edges(data=True):
        ka, kb = fold_like_litkit(a), fold_like_litkit(b)
        if ka != kb:
            key = "|".join(sorted((ka, kb)))
            folded[key] = folded.get(key, 0) + int(d.get("weight", 1))
    weight = sum(int(d.get("weight", 1)) for _, _, d in graph.edges(data=True))
    keys = sorted({fold_like_litkit(n) for n in graph.nodes()})
    return {
        "nodes": graph.number_of_nodes(),
        "folded_nodes": len(keys),
        "links": graph.number_of_edges(),
        "weight": weight,
        "folded_pairs": folded,
    }


def compare(ours: dict, peer: dict) -> list[str]:
    lines = [
        f"litkit all-authors co-authorship count (MᵀM, every record): {ours['all_pairs_s']:.2f} s "
        f"({ours['all_pairs_cpu_s']:.2f} s CPU)"
    ]
    if not peer:
        return lines
    lines.append(
        f"authors: litkit {ours['nodes']:,} keys, metaknowledge {peer['nodes']:,} spellings ({peer['folded_nodes']:,} "
        f"after folding); co-author pairs: litkit {ours['links']:,} (weight {ours['weight']:,}), "
        f"metaknowledge {peer['links']:,} (weight {peer['weight']:,})"
    )
    sample = set(ours["sample"])
    a = ours["pairs"]
    b = {k: w for k, w in peer["folded_pairs"].items() if set(k.split("|")) <= sample}
    same = sum(1 for k in a.keys() & b.keys() if a[k] == b[k])
    lines.append(
        f"pairs among the {len(sample)} first author keys: litkit {len(a)}, metaknowledge {len(b)}, "
        f"same weight {same}; only litkit {len(a.keys() - b.keys())}, only metaknowledge {len(b.keys() - a.keys())}"
    )
    differ = sorted(k for k in a.keys() & b.keys() if a[k] != b[k])[:3]
    if differ:
        lines.append("  e.g. " + "; ".join(f"{k}: litkit {a[k]}, metaknowledge {b[k]}" for k in differ))
    return lines


SPEC = Spec(
    name="collaboration",
    analysis="collab",
    params={"unit": "author"},
    cli=("collab",),
    cli_options=("--unit", "author"),
    litkit_work=litkit_work,
    litkit_check=litkit_check,
    peer_work=peer_work,
    peer_check=peer_check,
    compare=compare,
    description="litkit co-authorship of authors vs metaknowledge networkCoAuthor",
)

if __name__ == "__main__":
    sys.exit(main(SPEC))
