#!/usr/bin/env python3
"""Pipeline benchmark: a whole analysis of a large WoS file with the CLI, step by step (issue 23).

    .venv/bin/python bench/pipeline.py                        # the 100,000-record file (~610 MB)
    .venv/bin/python bench/pipeline.py --records 20000        # a generated smaller file
    .venv/bin/python bench/pipeline.py --file /tmp/wos100k.txt --check
    .venv/bin/python bench/pipeline.py --keep /tmp/outputs    # also copy every step's outputs there

What it does
------------
Runs, one after the other, each as its own child process (``litkit`` of the
running interpreter's environment), the commands a user types to analyse an
export::

    litkit ingest FILE -o c.parquet
    litkit cooccur c.parquet --field DE
    litkit bursts c.parquet --kind cited_journal
    litkit bursts c.parquet --kind cited_reference
    litkit timeline c.parquet --keywords
    litkit cocite c.parquet                       (extra row)
    litkit collab c.parquet --unit country        (extra row)

with the commands' default options (figures in PNG, SVG and PDF included).
For each step it measures from the outside, as ``bench/_common.py`` does:
wall time of the whole child (interpreter start and imports included), CPU
time (user + system of exactly that child, from the ``rusage`` of
``os.wait4``) and peak resident set size.  The table goes to
``bench/out/pipeline.json`` and is printed as Markdown.

Targets (issue 23): every step of the main chain (the first five) under
10 s, the chain under 30 s, every step's peak under 1.5 GB.  ``--check``
exits 1 when one is missed (or a step fails).  On a machine shared with
other jobs wall time can be several times the CPU time; both are printed and
the load average is recorded with the results.

The input is ``--file``, or a file of ``--records`` records generated with
``../shared/tools/make_wos_big.py`` (seed 0) in ``--data-dir``
(``$LITKIT_BENCH_DIR`` or ``/tmp/litkit-bench``), reused when its manifest
matches.  The steps' outputs go to ``--work`` (default ``<data dir>/pipeline``),
never into the repository.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402  (bench/ is not a package)

#: (name, arguments after ``litkit``, part of the main chain).  ``{corpus}``, ``{out}`` and
#: ``{file}`` are filled in per run.
STEPS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("ingest", ("ingest", "{file}", "-o", "{corpus}", "--force"), True),
    ("cooccur", ("cooccur", "{corpus}", "--field", "DE", "-o", "{out}", "--force"), True),
    ("bursts_cited_journal", ("bursts", "{corpus}", "--kind", "cited_journal", "-o", "{out}", "--force"), True),
    ("bursts_cited_reference", ("bursts", "{corpus}", "--kind", "cited_reference", "-o", "{out}", "--force"), True),
    ("timeline", ("timeline", "{corpus}", "--keywords", "-o", "{out}", "--force"), True),
    ("cocite", ("cocite", "{corpus}", "-o", "{out}", "--force"), False),
    ("collab_country", ("collab", "{corpus}", "--unit", "country", "-o", "{out}", "--force"), False),
)
TARGET_STEP_S = 10.0
TARGET_CHAIN_S = 30.0
TARGET_PEAK_BYTES = 1_500_000_000


def litkit_command() -> list[str]:
    """The ``litkit`` console script next to this interpreter, else ``python -m litkit``."""
    script = Path(sys.executable).with_name("litkit")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "litkit"]


def input_file(args) -> Path:
    """The benchmark input: ``--file`` or the generated ``--records`` file."""
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise SystemExit(f"input file not found: {path}")
        return path
    import ingest as ingest_bench  # bench/ingest.py: the same generated file as the ingest benchmark

    manifest = ingest_bench.ensure_bench_file(common.data_dir(args.data_dir), args.records, 0)
    return Path(manifest["path"])


def run_pipeline(path: Path, work: Path, steps: list[str], timeout: float | None, keep: Path | None) -> list[dict]:
    """Run the selected steps on ``path`` (outputs in ``work``) and return one row per step."""
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "c.parquet"
    cmd0 = litkit_command()
    rows = []
    for name, template, main_chain in STEPS:
        if name not in steps:
            continue
        out = work / name
        if out.exists():
            shutil.rmtree(out)
        argv = [a.format(file=path, corpus=corpus, out=out) for a in template]
        print(f"[bench] {name}: litkit {' '.join(argv)}", file=sys.stderr)
        load = os.getloadavg()[0]
        run = common.run_measured(name, [*cmd0, *argv], timeout=timeout, log_dir=work / "logs")
        row = {
            "step": name,
            "command": "litkit "
            + " ".join(template)
            .replace(" --force", "")
            .replace(" -o {out}", "")
            .format(file="FILE", corpus="c.parquet"),
            "main_chain": main_chain,
            "returncode": run.returncode,
            "wall_s": round(run.wall_s, 2),
            "cpu_s": round(run.user_s + run.system_s, 2),
            "user_s": round(run.user_s, 2),
            "system_s": round(run.system_s, 2),
            "peak_rss_bytes": run.peak_rss_bytes,
            "load_1min_before": round(load, 2),
        }
        if run.returncode != 0:
            row["stderr_tail"] = run.stderr_tail
            print(f"[bench] {name} FAILED ({run.returncode}):\n{run.stderr_tail}", file=sys.stderr)
        rows.append(row)
        if keep is not None:
            target = keep / name
            if target.exists():
                shutil.rmtree(target)
            if out.is_dir():
                shutil.copytree(out, target)
    if keep is not None and corpus.exists():
        shutil.copy2(corpus, keep / "c.parquet")
    return rows


def misses(rows: list[dict]) -> list[str]:
    """The targets missed, one line each (empty when all are met)."""
    found = []
    main = [r for r in rows if r["main_chain"]]
    for r in rows:
        if r["returncode"] != 0:
            found.append(f"{r['step']} failed (exit {r['returncode']})")
        if r["main_chain"] and r["wall_s"] >= TARGET_STEP_S:
            found.append(f"{r['step']}: {r['wall_s']:.1f} s ≥ {TARGET_STEP_S:.0f} s")
        if r["peak_rss_bytes"] >= TARGET_PEAK_BYTES:
            found.append(f"{r['step']}: peak {r['peak_rss_bytes'] / 1e9:.2f} GB ≥ {TARGET_PEAK_BYTES / 1e9:.1f} GB")
    chain = sum(r["wall_s"] for r in main)
    if main and chain >= TARGET_CHAIN_S:
        found.append(f"main chain: {chain:.1f} s ≥ {TARGET_CHAIN_S:.0f} s")
    return found


def markdown_table(rows: list[dict]) -> str:
    """The rows as a Markdown table, with a total line for the main chain."""
    lines = [
        "| step | wall | CPU | peak memory |",
        "| --- | ---: | ---: | ---: |",
    ]
    for r in rows:
        flag = "" if r["returncode"] == 0 else " (failed)"
        extra = "" if r["main_chain"] else " (extra)"
        lines.append(
            f"| `{r['command']}`{extra}{flag} | {r['wall_s']:.1f} s | {r['cpu_s']:.1f} s | "
            f"{r['peak_rss_bytes'] / 1e9:.2f} GB |"
        )
    main = [r for r in rows if r["main_chain"]]
    if main:
        lines.append(
            f"| **main chain** | **{sum(r['wall_s'] for r in main):.1f} s** | "
            f"**{sum(r['cpu_s'] for r in main):.1f} s** | **{max(r['peak_rss_bytes'] for r in main) / 1e9:.2f} GB** |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--file", help="WoS export to analyse (default: the generated --records file)")
    ap.add_argument("--records", type=int, default=100_000, help="records of the generated file (default 100000)")
    ap.add_argument("--data-dir", help="folder for generated inputs (default $LITKIT_BENCH_DIR or /tmp/litkit-bench)")
    ap.add_argument("--work", help="folder for the steps' outputs (default <data dir>/pipeline)")
    ap.add_argument("--keep", help="copy every step's outputs (and the corpus) into this folder")
    ap.add_argument(
        "--steps",
        default=",".join(name for name, _, _ in STEPS),
        help="comma-separated steps to run (default: all); the others need an existing corpus",
    )
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds after which a step is killed")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)

    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = sorted(set(steps) - {name for name, _, _ in STEPS})
    if unknown:
        ap.error(f"unknown steps: {', '.join(unknown)}")
    path = input_file(args)
    work = Path(args.work) if args.work else common.data_dir(args.data_dir) / "pipeline"
    keep = Path(args.keep) if args.keep else None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    common.warm_page_cache(path)
    machine = common.machine_info()
    start = time.perf_counter()
    rows = run_pipeline(path, work, steps, args.timeout, keep)
    total = time.perf_counter() - start
    missed = misses(rows)
    try:
        load_end = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load_end = None
    payload = {
        "input": {"path": str(path), "size_bytes": path.stat().st_size},
        "machine": machine,
        "load_avg_at_end": load_end,
        "steps": rows,
        "total_wall_s": round(total, 2),
        "targets": {
            "step_wall_s": TARGET_STEP_S,
            "chain_wall_s": TARGET_CHAIN_S,
            "peak_rss_bytes": TARGET_PEAK_BYTES,
            "missed": missed,
        },
    }
    out = common.write_result("pipeline", payload)
    print(f"input: {path} ({path.stat().st_size / common.MB:.0f} MB); load at start {machine['load_avg_at_start']}")
    print(markdown_table(rows))
    print("targets met" if not missed else "targets missed:\n  " + "\n  ".join(missed))
    print(f"written: {out}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
