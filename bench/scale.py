"""How litkit's cost grows with corpus size: one process vs Dask (LocalCluster, 2 workers).

    .venv/bin/python bench/scale.py                                   # 10k, 100k, 300k and 1M records
    .venv/bin/python bench/scale.py --sizes 100000,300000 --modes dask
    .venv/bin/python bench/scale.py --table                           # print the table of bench/out/scale.json

For each size the corpus is a folder of Web of Science plain-text exports of 500
records each (as WoS exports them), cut from one file written by
``../shared/tools/make_wos_big.py`` (real records cycled and mutated: unique UT,
shifted PY, shuffled keywords).  The generator is deterministic and record ``i``
depends only on ``i``, so the smaller corpora are prefixes of the largest one:
only the largest is generated.  Data live in ``/tmp/litkit-bench/scale`` (or
``--data-dir``), never in the repository.

Each side runs in its own child process and does the same work (issue 23's chain):

* ``single``: ``litkit.read`` → ``litkit.cooccurrence(corpus, "DE")`` (2, 200) →
  ``citation_bursts(corpus, "cited_journal")`` → ``litkit.timelines.annual_production``;
* ``dask``: a ``LocalCluster(n_workers=2, threads_per_worker=1)`` →
  ``litkit.scale.ingest`` (Parquet partitions, 20 files each) →
  ``litkit.scale.cooccurrence`` → ``litkit.scale.citation_bursts(pc, "cited_journal")`` →
  ``litkit.scale.annual_production``.

``--kinds cited_journal,cited_reference,keyword`` adds burst kinds (one step each).

Measured: wall time and CPU time of each step; peak memory.  CPU: for ``single`` the
process's user+sys; for ``dask`` the driver's plus every worker's (``getrusage`` in
each process before and after the step).  Peak: for ``single`` the peak RSS of the
process (``wait4``); for ``dask`` the driver's own peak RSS plus each worker's own
peak RSS, which bounds the cluster's peak from above (the peaks need not coincide).
The networks', burst tables' and production tables' agreement between the two sides
is checked too.  Results: ``bench/out/scale.json``; growth is reported as the exponent
``b`` of ``time ∝ records^b`` (and of peak memory) between consecutive sizes (1 = linear).
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
KINDS = ("cited_journal",)  # issue 23's chain; --kinds adds cited_reference, keyword, author


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


def _generated(data_dir: Path, records: int) -> Path | None:
    """A file the generator already wrote with at least ``records`` records (the smallest such), or None.

    Record ``i`` depends only on ``i``, so any larger generated file starts with the corpus wanted;
    ``data_dir`` and its parent are searched (``bench/pipeline.py`` leaves ``wos_big_1000000.txt`` in the
    parent), so a run does not write another 6 GB copy of a file that is already there.
    """
    found = []
    for folder in (data_dir, data_dir.parent):
        for path in folder.glob("wos_big_*.txt"):
            count = path.stem.removeprefix("wos_big_")
            if count.isdigit() and int(count) >= records:
                found.append((int(count), str(path)))
    return Path(min(found)[1]) if found else None


def prepare(data_dir: Path, sizes: list[int]) -> dict[int, list[Path]]:
    """Folders of 500-record files for every size (cut from one generated file)."""
    largest = max(sizes)
    big = _generated(data_dir, largest) or data_dir / f"wos_big_{largest}.txt"
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
def _digest(net, tables, production) -> dict:
    """Fingerprints of the result tables (strengths apart: they are compared to 1e-6)."""
    import hashlib

    parts = {"keywords": net.keywords.drop(columns=["x", "y"]), "clusters": net.clusters, "links": net.links()}
    parts.update({kind: t.drop(columns="strength") for kind, t in tables.items()})
    parts["production"] = production
    each = {name: hashlib.sha256(t.to_csv(index=False).encode()).hexdigest()[:16] for name, t in parts.items()}
    strengths = {k: [round(float(v), 6) for v in t["strength"]] for k, t in tables.items()}
    return {
        "tables_sha256": hashlib.sha256(json.dumps(each, sort_keys=True).encode()).hexdigest(),
        "table_digests": each,
        "strengths": strengths,
        "terms": len(net),
        "clusters": int(len(net.clusters)),
    }


def _own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class _Steps:
    """Wall and CPU seconds of named steps; ``cpu`` is a callable giving the CPU seconds spent so far."""

    def __init__(self, cpu):
        self.cpu, self.wall_s, self.cpu_s = cpu, {}, {}

    def run(self, name, fn, *args, **kwargs):
        c, t = self.cpu(), time.perf_counter()
        out = fn(*args, **kwargs)
        self.wall_s[name] = time.perf_counter() - t
        self.cpu_s[name] = self.cpu() - c
        return out


def child_single(folder: str, kinds: list[str]) -> dict:
    import litkit
    from litkit.bursts import citation_bursts
    from litkit.timelines import annual_production

    steps = _Steps(_own_cpu)
    corpus = steps.run("ingest", litkit.read, folder, progress=False)
    net = steps.run("cooccurrence", litkit.cooccurrence, corpus, "DE", 2, 200)
    tables = {kind: steps.run(f"bursts_{kind}", citation_bursts, corpus, kind, top=20) for kind in kinds}
    production = steps.run("production", annual_production, corpus)
    return {
        "records": len(corpus),
        "steps_s": steps.wall_s,
        "steps_cpu_s": steps.cpu_s,
        **_digest(net, tables, production),
    }


def child_dask(folder: str, work: str, workers: int, worker_memory: str, kinds: list[str]) -> dict:
    import shutil

    from dask.distributed import Client, LocalCluster

    import litkit.scale as scale

    t = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=worker_memory
    )
    client = Client(cluster)
    cluster_start = time.perf_counter() - t

    def cpu() -> float:  # the driver's and every worker's user+sys so far
        return _own_cpu() + sum(client.run(_own_cpu).values())

    steps = _Steps(cpu)
    steps.wall_s["cluster_start"] = cluster_start
    shutil.rmtree(work, ignore_errors=True)
    pc = steps.run("ingest", scale.ingest, folder, work, client=client, files_per_partition=20)
    net = steps.run("cooccurrence", scale.cooccurrence, pc, "DE", 2, 200, client=client)
    tables = {
        kind: steps.run(f"bursts_{kind}", scale.citation_bursts, pc, kind, top=20, client=client) for kind in kinds
    }
    production = steps.run("production", scale.annual_production, pc, client=client)
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
        "steps_s": steps.wall_s,
        "steps_cpu_s": steps.cpu_s,
        "worker_peak_rss_bytes": sorted(worker_peaks.values()),
        "driver_self_peak_rss_bytes": driver_peak,
        "parquet_bytes": parquet_bytes,
        **_digest(net, tables, production),
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
    ap.add_argument("--sizes", default="10000,100000,300000,1000000", help="comma-separated record counts")
    ap.add_argument("--modes", default="single,dask")
    ap.add_argument("--data-dir", default=None, help="default: $LITKIT_BENCH_DIR or /tmp/litkit-bench")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--worker-memory", default="5GiB", help="Dask memory limit per worker (2 x 5 GiB + driver < 12 GiB)"
    )
    ap.add_argument("--kinds", default=",".join(KINDS), help="burst kinds, comma-separated (default cited_journal)")
    ap.add_argument("--table", action="store_true", help="print the growth table of bench/out/scale.json and exit")
    ap.add_argument("--timeout", type=float, default=4 * 3600, help="seconds per child")
    ap.add_argument("--child", choices=["single", "dask"], help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    kinds = [k for k in a.kinds.split(",") if k]
    if a.child == "single":
        print(json.dumps(child_single(a.folder, kinds)))
        return 0
    if a.child == "dask":
        print(json.dumps(child_dask(a.folder, a.work, a.workers, a.worker_memory, kinds)))
        return 0
    if a.table:
        print(table(json.loads((common.OUT_DIR / "scale.json").read_text(encoding="utf-8"))))
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
                "--kinds",
                ",".join(kinds),
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
                "kinds": kinds,
                "steps_s": {k: round(v, 1) for k, v in report.get("steps_s", {}).items()},
                "steps_cpu_s": {k: round(v, 1) for k, v in report.get("steps_cpu_s", {}).items()},
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
    print(table(results))
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _summarise(results: dict) -> None:
    summary = {}
    for mode in ("single", "dask"):
        rows = [r for r in results["runs"] if r["mode"] == mode and r["ok"]]
        summary[mode] = {
            "time_exponent": _growth(rows, lambda r: r["work_s"]),
            # CPU seconds of the steps (driver + workers): the growth of the work itself, which the wall
            # time shows only on a machine nobody else is using.
            "cpu_exponent": _growth(rows, lambda r: sum(v for k, v in r.get("steps_cpu_s", {}).items())),
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


def table(results: dict) -> str:
    """The growth table (Markdown): per mode and size, each step's wall/CPU seconds, total, peak; exponents."""
    lines = []
    for mode in ("dask", "single"):
        rows = [r for r in results["runs"] if r["mode"] == mode]
        if not rows:
            continue
        steps = [k for k in rows[-1]["steps_s"] if k != "cluster_start"]
        lines.append(f"**{mode}** (wall s / CPU s per step)\n")
        lines.append("| records | " + " | ".join(steps) + " | total wall | total CPU | peak GiB |")
        lines.append("| ---: " * (len(steps) + 4) + "|")
        for r in rows:
            cells = [
                f"{r['steps_s'].get(k, float('nan')):.1f} / {r.get('steps_cpu_s', {}).get(k, float('nan')):.1f}"
                for k in steps
            ]
            total_cpu = sum(r.get("steps_cpu_s", {}).get(k, 0) for k in steps)
            ok = "" if r["ok"] else " (failed)"
            lines.append(
                f"| {r['records']:,}{ok} | "
                + " | ".join(cells)
                + f" | {r['work_s']:.1f} | {total_cpu:.1f} | {r['peak_gib']:.2f} |"
            )
        summary = results.get("summary", {}).get(mode, {})
        for name in ("time_exponent", "cpu_exponent", "memory_exponent"):
            pieces = [f"{g['from']:,}→{g['to']:,}: {g['exponent']}" for g in summary.get(name, [])]
            if pieces:
                lines.append(f"\n{name.replace('_', ' ')}: " + ", ".join(pieces))
        lines.append("")
    same = results.get("summary", {}).get("same_tables_single_vs_dask")
    if same:
        lines.append("same tables single vs dask: " + ", ".join(f"{k}: {v}" for k, v in same.items()))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
