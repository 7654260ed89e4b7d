"""Benchmark: bibliographic coupling of documents (``litkit couple``) at 100,000 records, and metaknowledge.

What is timed (each in its own child process; see ``bench/_analyses.py`` for the three contenders):

* **litkit**: ``litkit.coupling(corpus)`` with the command's defaults (unit ``document``, the 200 most cited
  documents, association strength, Leiden clusters, cluster labels, VOS layout): the cited references are
  parsed and keyed (:attr:`litkit.Corpus.references`), the documents × references incidence ``R`` built, and
  ``X Xᵀ`` computed for the selected documents.  Also ``litkit couple c.parquet`` end to end.
* **metaknowledge** 3.4.1 ``RecordCollection.networkBibCoupling()`` on the 10,000-record subset: every pair
  of records sharing a cited reference, weighted by the number shared (a networkx graph of all records).
  litkit's default selects 200 documents before counting, which is less work; so the subset run also times
  litkit's **all-pairs** count, ``R Rᵀ`` over every record (:func:`litkit.network.cited_items`, then one sparse
  product, on a freshly read corpus: the reference parse included), the same work as metaknowledge's.

Same thing computed? Both report the number of coupled pairs, their total weight and the weight of every
coupled pair among the 300 records with the smallest ``UT``; the comparison is printed.  Where the definitions
differ: litkit matches cited references by its canonical keys (DOI, else author-year-source-volume-page with
abbreviated sources), metaknowledge by its ``Citation`` equality (author, year, journal, volume, page; DOI when
both have one); and metaknowledge's nodes are the records' own citation strings, so two records with the same
string (same first author, year and journal, no volume or page) become one node.

Usage::

    .venv/bin/python bench/coupling.py                       # /tmp/wos100k.txt: Parquet, CLI, subset, peer
    .venv/bin/python bench/coupling.py --parquet /tmp/c.parquet --only full --only cli

Results go to ``bench/out/coupling.json`` (git-ignored) with the machine description.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _analyses import Spec, Timer, main  # noqa: E402

SAMPLE = 300  # records (smallest UTs) whose pairwise weights both sides report


def litkit_work(corpus) -> dict:
    import litkit

    phases: dict = {}
    with Timer(phases, "coupling"):
        net = litkit.coupling(corpus)
    return {"phases": phases, "nodes": len(net), "links": int(net.n_links), "clusters": len(net.clusters)}


def litkit_check(corpus, path: str) -> dict:
    import numpy as np
    import scipy.sparse as sp

    import litkit

    fresh = litkit.read(path, progress=False)  # the parse of the references counted, as the peer's is
    t0, cpu0 = time.perf_counter(), time.process_time()
    r, _, _ = litkit.network.cited_items(fresh, unit="reference", labelled=False)
    r = sp.csr_matrix(r, dtype=np.int64)
    b = sp.triu(r @ r.T, k=1).tocoo()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    ut = [str(u) for u in fresh.df["UT"].tolist()]
    sample = set(sorted(ut)[:SAMPLE])
    pairs = {}
    for i, j, w in zip(b.row.tolist(), b.col.tolist(), b.data.tolist()):
        if ut[i] in sample and ut[j] in sample:
            pairs["|".join(sorted((ut[i], ut[j])))] = int(w)
    citing = int((np.diff(r.indptr) > 0).sum())
    return {
        "all_pairs_s": seconds,
        "all_pairs_cpu_s": cpu,
        "nodes": citing,
        "links": int(b.nnz),
        "weight": int(b.data.sum()),
        "pairs": pairs,
    }


def peer_work(rc):
    return rc.networkBibCoupling()


def peer_check(rc, graph) -> dict:
    ids = {n: d.get("MK-ID") for n, d in graph.nodes(data=True)}
    sample = set(sorted(str(r.id) for r in rc)[:SAMPLE])
    pairs = {}
    for a, b, d in graph.edges(data=True):
        ua, ub = ids.get(a), ids.get(b)
        if ua in sample and ub in sample:
            pairs["|".join(sorted((ua, ub)))] = int(d.get("weight", 1))
    weight = sum(int(d.get("weight", 1)) for _, _, d in graph.edges(data=True))
    return {"nodes": graph.number_of_nodes(), "links": graph.number_of_edges(), "weight": weight, "pairs": pairs}


def compare(ours: dict, peer: dict) -> list[str]:
    lines = []
    if "all_pairs_s" in ours:
        lines.append(
            f"litkit all-pairs coupling (R Rᵀ of every record, the peer's work): {ours['all_pairs_s']:.1f} s "
            f"({ours['all_pairs_cpu_s']:.1f} s CPU; reference parse included)"
        )
    if not peer:
        return lines
    lines.append(
        f"coupled pairs: litkit {ours['links']:,} (total weight {ours['weight']:,}, {ours['nodes']:,} citing records) "
        f"vs metaknowledge {peer['links']:,} (total weight {peer['weight']:,}, {peer['nodes']:,} nodes)"
    )
    a, b = ours["pairs"], peer["pairs"]
    same = sum(1 for k in a.keys() & b.keys() if a[k] == b[k])
    lines.append(
        f"pairs among the {SAMPLE} smallest UTs: litkit {len(a)}, metaknowledge {len(b)}, both {len(a.keys() & b.keys())}, "
        f"same weight {same}; only litkit {len(a.keys() - b.keys())}, only metaknowledge {len(b.keys() - a.keys())}"
    )
    differ = sorted(k for k in a.keys() & b.keys() if a[k] != b[k])[:3]
    if differ:
        lines.append("  e.g. " + "; ".join(f"{k}: litkit {a[k]}, metaknowledge {b[k]}" for k in differ))
    return lines


SPEC = Spec(
    name="coupling",
    analysis="coupling",
    params={},
    cli=("couple",),
    cli_options=(),
    litkit_work=litkit_work,
    litkit_check=litkit_check,
    peer_work=peer_work,
    peer_check=peer_check,
    compare=compare,
    description="litkit bibliographic coupling of documents vs metaknowledge networkBibCoupling",
)

if __name__ == "__main__":
    sys.exit(main(SPEC))
