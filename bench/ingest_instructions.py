#!/usr/bin/env python3
"""Ingest benchmark in CPU instructions: litkit against metaknowledge, under callgrind.

    .venv/bin/python bench/ingest_instructions.py                  # 2,000 records, ~5 min
    .venv/bin/python bench/ingest_instructions.py --records 5000   # closer to steady state, ~12 min

Why a second ingest benchmark
-----------------------------
``bench/ingest.py`` measures seconds and peak memory, which is what a user
feels, but on a machine shared with other jobs its times move by tens of
percent from one run to the next.  valgrind's callgrind counts the instructions
a process executes; the count is the same on every run (for the same binaries
and input) whatever else the machine is doing, so a change to a reader can be
judged on one run.  Instructions are not seconds (cache misses, page faults and
the memory allocator's system calls are not in them), so both numbers are kept.

What is counted
---------------
Each contender runs twice under ``valgrind --tool=callgrind``, in its own
interpreter (metaknowledge in its own venv, as in ``bench/ingest.py``):

1. *baseline*: imports, then the contender's work on a tiny file (the first
   three records of the benchmark file), which also loads everything the work
   imports lazily;
2. *work*: the same, then the same work on the benchmark file.

The difference is the cost of reading the benchmark file and visiting every
field, without interpreter start-up or imports.  The work is exactly that of
``bench/ingest.py``'s workers (``worker_litkit`` / ``worker_metaknowledge``):
``litkit.read`` and every cell of ``corpus.df`` visited, against
``metaknowledge.RecordCollection`` and ``R.get(tag)`` for every tag of every
record.  The two baselines and two work runs go two at a time (the counts do not
depend on it).  Results go to ``bench/out/ingest_instructions.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402  (bench/ is not a package)
import ingest as ingest_bench  # noqa: E402

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def tiny_copy(path: Path, folder: Path, records: int = 3) -> Path:
    """The first ``records`` records of a WoS plain-text file, closed with ``EF``."""
    data = path.read_bytes()
    end = 0
    for _ in range(records):
        end = data.index(b"\nER\n", end) + 4
    tiny = folder / "tiny.txt"
    tiny.write_bytes(data[:end] + b"EF\n")
    return tiny


def child(side: str, warm: str, path: str | None) -> None:
    """Run in the measured interpreter: the worker on ``warm``, then (work run) on ``path``."""
    worker = ingest_bench.WORKERS[side]
    out = {"warm": worker(warm, False)}
    if path:
        out["work"] = worker(path, False)
    print(json.dumps({k: v.get("counts") for k, v in out.items()}))


def count_instructions(python: str, side: str, warm: Path, path: Path | None) -> tuple[int, dict]:
    """Instructions executed by a child (``path`` None: the baseline run)."""
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        python,
        str(Path(__file__).resolve()),
        "--child",
        side,
        "--warm",
        str(warm),
    ]
    if path is not None:
        cmd += ["--path", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    found = _COLLECTED.search(proc.stderr)
    if proc.returncode != 0 or not found:
        raise SystemExit(f"{side} under callgrind failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return int(found.group(1)), json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--child", choices=sorted(ingest_bench.WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--warm", help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child, args.warm, args.path)
        return 0
    if shutil.which("valgrind") is None:
        print("[bench] skipped: valgrind is not installed (Debian package 'valgrind')", file=sys.stderr)
        return 0
    folder = common.data_dir(args.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = ingest_bench.ensure_bench_file(folder, args.records, args.seed)
    path = Path(manifest["path"])
    pythons = {
        "litkit": sys.executable,
        "metaknowledge": str(
            common.ensure_venv(
                "metaknowledge", ingest_bench.METAKNOWLEDGE_REQUIREMENTS, base=folder, import_check="metaknowledge"
            )
        ),
    }
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        warm = tiny_copy(path, Path(tmp))
        jobs = [(side, run_path) for side in ("litkit", "metaknowledge") for run_path in (None, path)]
        print(
            f"[bench] 4 runs under callgrind on {path.name} ({args.records} records), two at a time …", file=sys.stderr
        )
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda job: count_instructions(pythons[job[0]], job[0], warm, job[1]), jobs))
    counted = dict(zip(jobs, results))
    rows, payload = [], {"file": manifest, "contenders": {}}
    for side in ("litkit", "metaknowledge"):
        base, _ = counted[(side, None)]
        total, counts = counted[(side, path)]
        work = total - base
        payload["contenders"][side] = {
            "baseline_instructions": base,
            "work_run_instructions": total,
            "work_instructions": work,
            "counts": counts["work"],
        }
        rows.append(
            (
                side,
                f"{args.records:,}",
                f"{work / 1e6:,.0f}M",
                f"{work / args.records / 1e3:,.0f}k",
                counts["work"]["AU_items"],
                counts["work"]["CR_items"],
            )
        )
    ours = payload["contenders"]["litkit"]["work_instructions"]
    peer = payload["contenders"]["metaknowledge"]["work_instructions"]
    payload["ratio"] = peer / ours
    print(common.format_table(("contender", "records", "instructions", "per record", "AU items", "CR items"), rows))
    print(
        f"\nmetaknowledge executes {peer / ours:.2f}x the instructions litkit does "
        f"(target in seconds: at least {ingest_bench.TARGET_SPEEDUP:g}x; see bench/ingest.py)"
    )
    payload["versions"] = {
        "litkit": common.pip_versions(sys.executable, ["litkit", "pyarrow", "pandas", "numpy"]),
        "metaknowledge": common.pip_versions(pythons["metaknowledge"], ["metaknowledge"]),
    }
    payload["machine"] = common.machine_info()
    print(f"wrote {common.write_result('ingest_instructions', payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
