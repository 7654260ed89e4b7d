"""How litkit's cost grows with corpus size: one process vs Dask (LocalCluster, 2 workers).

    .venv/bin/python bench/scale.py                          # 100k, 300k and 1M records
    .venv/bin/python bench/scale.py --sizes 100000,300000    # smaller

For each size the corpus is a folder of Web of Science plain-text exports of 500
records each (as WoS exports them), cut from one file written by
``../shared/tools/make_wos_big.py`` (real records cycled and mutated: unique UT,
shifted PY, shuffled keywords).  The generator is deterministic and record ``i``
depends only on ``i``, so the smaller corpora are prefixes of the largest one:
only the largest is generated.  Data live in ``/tmp/litkit-bench/scale`` (or
``--data-dir``), never in the repository.

Each side runs in its own child process and does the same work:

* ``single``: ``litkit.read`` → ``litkit.cooccurrence(corpus, "DE")`` (2, 200) →
  ``citation_bursts`` for cited journals, cited references and keywords;
* ``dask``: a ``LocalCluster(n_workers=2, threads_per_worker=1)`` →
  ``litkit.scale.ingest`` (Parquet partitions, 20 files each) →
  ``litkit.scale.cooccurrence`` → ``litkit.scale.citation_bursts`` (the same three kinds).

Measured: wall time of each step; peak memory.  For ``single`` the peak RSS of
the process (``wait4``); for ``dask`` the driver's own peak RSS plus each
worker's own peak RSS (``getrusage`` in each process at the end), which bounds
the cluster's peak from above (the peaks need not coincide).  The
networks' and burst tables' agreement between the two sides is checked too.
Results: ``bench/out/scale.json``; growth is reported as the exponent ``b`` of
``time ∝ records^b`` between consecutive sizes (1 = linear).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402

GENERATOR = common.SHARED_DIR / "tools" / "make_wos_big.py"
RECORDS_PER_FILE = 500
KINDS = ("cited_journal", "cited_reference", "keyword")


# ---- data ---------------------------------------------------------------------------------------
def _split(big: Path, folder: Path, records: int) -> list[Path]:
    """Cut ``big`` into files of 500 records (FN/VR header, ER-terminated records, EF)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    header = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
    buf: list[str] = []
    n = 0
    with open(big, encoding="utf-8-sig") as fh:
        for line in fh:
            if line.startswith(("FN ", "VR ", "EF")) and not buf:
                continue
            if line.strip() == "" and not buf:
                continue
            buf.append(line)
            if line.rstrip("\n") == "ER":
                buf.append("\n")
                n += 1
                if n % RECORDS_PER_FILE == 0:
                    files.append(_write_part(folder, len(files), header, buf))
                    buf = []
                if n == records:
                    break
    if buf:
        files.append(_write_part(folder, len(files), header, buf))
    return files


def _write_part(folder: Path, index: int, header: str, lines: list[str]) -> Path:
    path = folder / f"savedrecs_{index:05d}.txt"
    path.write_text(header + "".join(lines) + "EF\n", encoding="utf-8")
    return path


def prepare(data_dir: Path, sizes: list[int]) -> dict[int, list[Path]]:
    """Folders of 500-record files for every size (cut from one generated file)."""
    largest = max(sizes)
    big = data_dir / f"wos_big_{largest}.txt"
    complete = all((data_dir / f"wos_{n}" / ".complete").is_file() for n in sizes)
    if not big.is_file() and not complete:
        print(f"[scale] generating {largest} records into {big} …", file=sys.stderr)
        subprocess.run([sys.executable, str(GENERATOR), str(big), "-n", str(largest)], check=True)
    out = {}
    for n in sizes:
        folder = data_dir / f"wos_{n}"
        done = folder / ".complete"
        if not done.is_file():
            _split(big, folder, n)
            done.write_text("ok\n")
        out[n] = sorted(folder.glob("savedrecs_*.txt"))
    return out


# ---- children -----------------------------------------------------------------------------------
def _digest(net, tables) -> dict:
    """Fingerprints of the result tables (strengths apart: they are compared to 1e-6)."""
    import hashlib

    parts = {"keywords": net.keywords.drop(columns=["x", "y"]), "clusters": net.clusters, "links": net.links()}
    parts.update({kind: tables[kind].drop(columns="strength") for kind in KINDS})
    each = {name: hashlib.sha256(t.to_csv(index=False).encode()).hexdigest()[:16] for name, t in parts.items()}
    strengths = {k: [round(float(v), 6) for v in tables[k]["strength"]] for k in KINDS}
    return {
        "tables_sha256": hashlib.sha256(json.dumps(each, sort_keys=True).encode()).hexdigest(),
        "table_digests": each,
        "strengths": strengths,
        "terms": len(net),
        "clusters": int(len(net.clusters)),
    }


def child_single(folder: str) -> dict:
    import litkit
    from litkit.bursts import citation_bursts

    steps = {}
    t = time.perf_counter()
    corpus = litkit.read(folder, progress=False)
    steps["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    net = litkit.cooccurrence(corpus, "DE", 2, 200)
    steps["cooccurrence"] = time.perf_counter() - t
    tables = {}
    t = time.perf_counter()
    for kind in KINDS:
        tables[kind] = citation_bursts(corpus, kind, top=20)
    steps["bursts"] = time.perf_counter() - t
    return {"records": len(corpus), "steps_s": steps, **_digest(net, tables)}


def child_dask(folder: str, work: str, workers: int, worker_memory: str) -> dict:
    import shutil

    from dask.distributed import Client, LocalCluster

    import litkit.scale as scale

    steps = {}
    t = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=worker_memory
    )
    client = Client(cluster)
    steps["cluster_start"] = time.perf_counter() - t
    shutil.rmtree(work, ignore_errors=True)
    t = time.perf_counter()
    pc = scale.ingest(folder, work, client=client, files_per_partition=20)
    steps["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    net = scale.cooccurrence(pc, "DE", 2, 200, client=client)
    steps["cooccurrence"] = time.perf_counter() - t
    tables = {}
    t = time.perf_counter()
    for kind in KINDS:
        tables[kind] = scale.citation_bursts(pc, kind, top=20, client=client)
    steps["bursts"] = time.perf_counter() - t
    worker_peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    client.close()
    cluster.close()
    parquet_bytes = sum(p.stat().st_size for p in pc.partitions)
    shutil.rmtree(work, ignore_errors=True)
    # wait4's ru_maxrss of this child is the maximum over it and its reaped descendants (the
    # workers), so the driver reports its own peak.
    driver_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "records": len(pc),
        "steps_s": steps,
        "worker_peak_rss_bytes": sorted(worker_peaks.values()),
        "driver_self_peak_rss_bytes": driver_peak,
        "parquet_bytes": parquet_bytes,
        **_digest(net, tables),
    }


# ---- driver ------------------------------------------------------------------------------------
def _growth(rows: list[dict], key) -> list[dict]:
    import math

    out = []
    for a, b in zip(rows, rows[1:]):
        va, vb = key(a), key(b)
        if va and vb:
            out.append(
                {
                    "from": a["records"],
                    "to": b["records"],
                    "exponent": round(math.log(vb / va) / math.log(b["records"] / a["records"]), 3),
                }
            )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,300000,1000000", help="comma-separated record counts")
    ap.add_argument("--modes", default="single,dask")
    ap.add_argument("--data-dir", default=None, help="default: $LITKIT_BENCH_DIR or /tmp/litkit-bench")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--worker-memory", default="10GiB", help="Dask memory limit per worker")
    ap.add_argument("--timeout", type=float, default=4 * 3600, help="seconds per child")
    ap.add_argument("--child", choices=["single", "dask"], help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    if a.child == "single":
        print(json.dumps(child_single(a.folder)))
        return 0
    if a.child == "dask":
        print(json.dumps(child_dask(a.folder, a.work, a.workers, a.worker_memory)))
        return 0

    sizes = sorted(int(s) for s in a.sizes.split(","))
    modes = [m for m in a.modes.split(",") if m]
    data_dir = common.data_dir(a.data_dir) / "scale"
    data_dir.mkdir(parents=True, exist_ok=True)
    corpora = prepare(data_dir, sizes)
    results = {
        "machine": common.machine_info(),
        "records_per_file": RECORDS_PER_FILE,
        "workers": a.workers,
        "sizes": sizes,
        "runs": [],
    }
    path = common.OUT_DIR / "scale.json"
    if path.is_file():  # keep earlier sizes/modes measured separately
        previous = json.loads(path.read_text(encoding="utf-8"))
        results["runs"] = [r for r in previous.get("runs", []) if not (r["records"] in sizes and r["mode"] in modes)]
    for n in sizes:
        folder = corpora[n][0].parent
        input_bytes = sum(f.stat().st_size for f in corpora[n])
        for mode in modes:
            cmd = [
                sys.executable,
                __file__,
                "--child",
                mode,
                "--folder",
                str(folder),
                "--work",
                str(data_dir / f"parquet_{n}"),
                "--workers",
                str(a.workers),
                "--worker-memory",
                a.worker_memory,
            ]
            print(
                f"[scale] {mode} {n} records ({len(corpora[n])} files, {input_bytes / common.MB:.0f} MB) …",
                file=sys.stderr,
                flush=True,
            )
            run = common.run_measured(f"scale-{mode}-{n}", cmd, cwd=common.REPO_ROOT, timeout=a.timeout)
            report = run.report
            driver = report.get("driver_self_peak_rss_bytes", run.peak_rss_bytes)
            peak = driver + sum(report.get("worker_peak_rss_bytes", []))
            row = {
                "records": n,
                "mode": mode,
                "files": len(corpora[n]),
                "input_bytes": input_bytes,
                "ok": run.ok,
                "wall_s": round(run.wall_s, 1),
                "steps_s": {k: round(v, 1) for k, v in report.get("steps_s", {}).items()},
                "work_s": round(sum(v for k, v in report.get("steps_s", {}).items() if k != "cluster_start"), 1),
                "driver_peak_rss_bytes": run.peak_rss_bytes,
                "peak_rss_bytes": peak,
                "peak_gib": round(peak / 2**30, 2),
                "cpu_s": round(run.user_s + run.system_s, 1),
                **{
                    k: report[k]
                    for k in (
                        "worker_peak_rss_bytes",
                        "parquet_bytes",
                        "tables_sha256",
                        "table_digests",
                        "terms",
                        "clusters",
                        "strengths",
                    )
                    if k in report
                },
            }
            if not run.ok:
                row["stderr_tail"] = run.stderr_tail
            print(
                f"[scale]   {json.dumps({k: row[k] for k in ('ok', 'wall_s', 'steps_s', 'peak_gib')})}",
                file=sys.stderr,
                flush=True,
            )
            results["runs"] = [r for r in results["runs"] if not (r["records"] == n and r["mode"] == mode)]
            results["runs"].append(row)
            results["runs"].sort(key=lambda r: (r["mode"], r["records"]))
            _summarise(results)
            common.write_result("scale", results)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _summarise(results: dict) -> None:
    summary = {}
    for mode in ("single", "dask"):
        rows = [r for r in results["runs"] if r["mode"] == mode and r["ok"]]
        summary[mode] = {
            "time_exponent": _growth(rows, lambda r: r["work_s"]),
            "memory_exponent": _growth(rows, lambda r: r["peak_rss_bytes"]),
        }
    agree = {}
    for r in results["runs"]:
        if r["ok"]:
            agree.setdefault(r["records"], []).append(r.get("tables_sha256"))
    summary["same_tables_single_vs_dask"] = {
        str(n): (len(set(v)) == 1 if len(v) == 2 else "not both measured") for n, v in agree.items()
    }
    results["summary"] = summary


if __name__ == "__main__":
    raise SystemExit(main())
