"""Benchmark: CiteSpace-style document co-citation on 100,000 Web of Science records, and metaknowledge.

What is timed (each contender in its own child process, measured from outside by ``bench/_common.py``:
wall time, CPU time and peak RSS of exactly that process):

* **litkit** on the whole file (default ``/tmp/wos100k.txt``, the 100,000-record file of
  ``../shared/tools/make_wos_big.py``; kept outside the repository): ``litkit.read`` and then
  ``litkit.cocitation(corpus, unit="reference", slice_years=1, top_n=50, selection={"top_n": 50})``
  -- one-year slices, the 50 most cited references per slice, the slice networks merged, then
  clustering, cluster labels, betweenness centrality, Kleinberg bursts and the map layout (every
  default of the builder).  The target (issue 17) is under 30 s and 3 GB for the co-citation step;
  reading the file is reported separately.
* **litkit** and **metaknowledge** on a 10,000-record subset (the first 10,000 records of the file):
  litkit as above; metaknowledge ``RecordCollection(path).networkCoCitation()`` (its whole-corpus
  co-citation network of all cited references, as networkx, in its own virtual environment
  ``<data dir>/venv-metaknowledge``, pinned ``metaknowledge==3.4.1``, the one ``bench/ingest.py``
  uses).  The two do different amounts of work: metaknowledge links every pair of references of
  every record (no slicing, no selection, no clustering); litkit also builds that full co-citation
  matrix per slice before selecting, so the ratio says how long each takes to give a user a
  co-citation network of the corpus, not an identical one.

Usage::

    .venv/bin/python bench/cocitation.py                       # /tmp/wos100k.txt, subset of 10,000
    .venv/bin/python bench/cocitation.py --file F --subset 2000 --only litkit

Results go to ``bench/out/cocitation.json`` (gitignored) with the machine description.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402

DEFAULT_FILE = Path("/tmp/wos100k.txt")
METAKNOWLEDGE_REQUIREMENTS = ("metaknowledge==3.4.1",)  # as bench/ingest.py
TARGET_SECONDS, TARGET_BYTES = 30.0, 3_000_000_000
OPTIONS = dict(unit="reference", slice_years=1, top_n=50, selection={"top_n": 50})


# ---- workers (child processes) --------------------------------------------------------------------
def worker_litkit(path: str) -> dict:
    t0 = time.perf_counter()
    import litkit

    t1, cpu1 = time.perf_counter(), time.process_time()
    corpus = litkit.read(path, progress=False)
    t2, cpu2 = time.perf_counter(), time.process_time()
    net = litkit.cocitation(corpus, **OPTIONS)
    t3 = time.perf_counter()
    return {
        "import_s": t1 - t0,
        "read_s": t2 - t1,
        "read_cpu_s": cpu2 - cpu1,
        "work_s": t3 - t2,
        "work_cpu_s": time.process_time() - cpu2,
        "records": len(corpus),
        "nodes": len(net),
        "links": int(net.n_links),
        "clusters": len(net.clusters),
        "modularity": float(net.modularity),
        "message": net.message,
    }


def worker_metaknowledge(path: str) -> dict:
    t0 = time.perf_counter()
    import metaknowledge

    t1, cpu1 = time.perf_counter(), time.process_time()
    rc = metaknowledge.RecordCollection(path)
    t2, cpu2 = time.perf_counter(), time.process_time()
    graph = rc.networkCoCitation()
    t3 = time.perf_counter()
    return {
        "import_s": t1 - t0,
        "read_s": t2 - t1,
        "read_cpu_s": cpu2 - cpu1,
        "work_s": t3 - t2,
        "work_cpu_s": time.process_time() - cpu2,
        "records": len(rc),
        "nodes": graph.number_of_nodes(),
        "links": graph.number_of_edges(),
    }


WORKERS = {"litkit": worker_litkit, "metaknowledge": worker_metaknowledge}


# ---- driver ---------------------------------------------------------------------------------------
def write_subset(source: Path, target: Path, records: int) -> int:
    """The first ``records`` records of a WoS plain-text file, as a valid file of its own (FN/VR ... EF)."""
    if target.exists() and target.with_suffix(".count").exists():
        return int(target.with_suffix(".count").read_text())
    n = 0
    tmp = target.with_suffix(".part")
    with open(source, encoding="utf-8-sig") as src, open(tmp, "w", encoding="utf-8") as out:
        for line in src:
            if line.startswith("EF"):
                break
            out.write(line)
            if line.rstrip("\n") == "ER":
                n += 1
                if n == records:
                    break
        out.write("\nEF")
    os.replace(tmp, target)
    target.with_suffix(".count").write_text(str(n))
    return n


def run_side(side: str, python: Path, path: Path, label: str, timeout: float) -> common.ChildRun:
    cmd = [str(python), str(Path(__file__).resolve()), "--worker", side, str(path)]
    env = dict(os.environ)
    if side == "litkit":  # the repository's litkit
        env["PYTHONPATH"] = str(common.REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    print(f"[bench] running {label} …", file=sys.stderr, flush=True)
    run = common.run_measured(label, cmd, env=env, cwd=common.REPO_ROOT, timeout=timeout)
    if run.ok:
        r = run.report
        print(
            f"[bench] {label}: read {r['read_s']:.1f} s, co-citation {r['work_s']:.1f} s, "
            f"peak {run.peak_rss_bytes / common.MB:.0f} MB",
            file=sys.stderr,
        )
    else:
        print(f"[bench] {label} FAILED (exit {run.returncode}):\n{run.stderr_tail}", file=sys.stderr)
    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="litkit document co-citation (CiteSpace style) vs metaknowledge")
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE, help=f"WoS plain-text file (default {DEFAULT_FILE})")
    ap.add_argument("--subset", type=int, default=10_000, help="records of the metaknowledge comparison")
    ap.add_argument(
        "--data-dir", help=f"subset file and peer venv (default ${common.DATA_DIR_ENV} or /tmp/litkit-bench)"
    )
    ap.add_argument("--only", choices=["litkit", "metaknowledge"], help="run one contender only")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before a child is killed")
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.path)))
        return 0

    if not args.file.is_file():
        print(f"[bench] {args.file} not found: generate it with ../shared/tools/make_wos_big.py", file=sys.stderr)
        return 2
    folder = common.data_dir(args.data_dir)
    subset = folder / f"{args.file.stem}_first{args.subset}.txt"
    n_subset = write_subset(args.file, subset, args.subset)
    size = args.file.stat().st_size
    common.warm_page_cache(args.file)
    python = Path(sys.executable)
    versions = {"litkit": common.pip_versions(sys.executable, ["pandas", "numpy", "scipy", "igraph", "leidenalg"])}
    runs: dict[str, common.ChildRun] = {}
    if args.only in (None, "litkit"):
        runs["litkit full"] = run_side("litkit", python, args.file, "litkit full", args.timeout)
        runs["litkit subset"] = run_side("litkit", python, subset, "litkit subset", args.timeout)
    if args.only in (None, "metaknowledge"):
        mk = common.ensure_venv("metaknowledge", METAKNOWLEDGE_REQUIREMENTS, base=folder, import_check="metaknowledge")
        versions["metaknowledge"] = common.pip_versions(mk, ["metaknowledge", "networkx"])
        runs["metaknowledge subset"] = run_side("metaknowledge", mk, subset, "metaknowledge subset", args.timeout)

    header = ["contender", "records", "read s", "co-citation s", "co-citation CPU s", "process s", "peak RSS MB"]
    header += ["nodes", "links"]
    rows, lines = [], []
    for key, run in runs.items():
        if not run.ok:
            rows.append([key, "FAILED"] + [""] * (len(header) - 2))
            continue
        r = run.report
        rows.append(
            [
                key,
                r["records"],
                f"{r['read_s']:.1f}",
                f"{r['work_s']:.1f}",
                f"{r['work_cpu_s']:.1f}",
                f"{run.wall_s:.1f}",
                f"{run.peak_rss_bytes / common.MB:.0f}",
                r["nodes"],
                r["links"],
            ]
        )
    targets = {}
    full = runs.get("litkit full")
    if full is not None and full.ok:
        targets[f"co-citation under {TARGET_SECONDS:.0f} s"] = full.report["work_s"] < TARGET_SECONDS
        targets["peak memory under 3 GB"] = full.peak_rss_bytes < TARGET_BYTES
        lines.append(
            f"litkit, {full.report['records']:,} records: co-citation {full.report['work_s']:.1f} s "
            f"({full.report['work_cpu_s']:.1f} s CPU; read {full.report['read_s']:.1f} s), "
            f"peak {full.peak_rss_bytes / common.MB:.0f} MB"
        )
    ours, peer = runs.get("litkit subset"), runs.get("metaknowledge subset")
    if ours is not None and peer is not None and ours.ok and peer.ok:
        lines.append(
            f"{n_subset:,} records: "
            + common.speed_line("litkit", ours.report["work_s"], "metaknowledge", peer.report["work_s"])
            + " (co-citation step)"
        )
        lines.append(
            "  read + co-citation: "
            + common.speed_line(
                "litkit",
                ours.report["read_s"] + ours.report["work_s"],
                "metaknowledge",
                peer.report["read_s"] + peer.report["work_s"],
            )
        )
        lines.append(
            "  in CPU time (a shared machine stretches wall time): "
            + common.speed_line("litkit", ours.report["work_cpu_s"], "metaknowledge", peer.report["work_cpu_s"])
        )
        lines.append("  " + common.memory_line("litkit", ours.peak_rss_bytes, "metaknowledge", peer.peak_rss_bytes))
    print(common.format_table(header, rows))
    for line in lines:
        print(line)
    for name, ok in targets.items():
        print(f"target {name}: {'met' if ok else 'MISSED'}")
    payload = {
        "benchmark": "cocitation",
        "file": str(args.file),
        "file_bytes": size,
        "subset_records": n_subset,
        "options": OPTIONS,
        "machine": common.machine_info(),
        "versions": versions,
        "runs": {key: run.to_dict() for key, run in runs.items()},
        "lines": lines,
        "targets": targets,
    }
    print(f"[bench] wrote {common.write_result('cocitation', payload)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
