#!/usr/bin/env python3
"""Run every benchmark in ``bench/`` (what ``make bench`` calls).

    .venv/bin/python bench/run_all.py            # all benchmarks, default sizes
    .venv/bin/python bench/run_all.py ingest     # only bench/ingest.py

A benchmark is any ``bench/*.py`` whose name does not start with ``_`` (those
are private helpers) other than this file.  Each runs in its own process with
the interpreter running this script, one after the other (they measure time
and memory, so running them in parallel would spoil both).  Results are in
``bench/out/<name>.json``.  The exit status is non-zero when a benchmark
failed; a missed target is reported by the benchmark itself, not as a failure.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def benchmarks() -> list[Path]:
    """The benchmark scripts, sorted by name."""
    return sorted(p for p in BENCH_DIR.glob("*.py") if not p.name.startswith("_") and p.name != Path(__file__).name)


def main(argv: list[str] | None = None) -> int:
    wanted = set(sys.argv[1:] if argv is None else argv)
    scripts = [p for p in benchmarks() if not wanted or p.stem in wanted]
    unknown = wanted - {p.stem for p in benchmarks()}
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; available: {', '.join(p.stem for p in benchmarks())}",
            file=sys.stderr,
        )
        return 2
    failed = []
    for script in scripts:
        print(f"==> {script.relative_to(BENCH_DIR.parent)}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=BENCH_DIR.parent)
        print(f"<== {script.stem}: exit {code} after {time.perf_counter() - start:.0f} s\n", flush=True)
        if code not in (0,):
            failed.append(script.stem)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"{len(scripts)} benchmark(s) done; results in bench/out/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
