"""What the analysis benchmarks (coupling, citations, collaboration, summary) share.

Each of those benchmarks measures one analysis three ways, every run in its own child process measured
from the outside by :func:`_common.run_measured` (wall time, CPU time, peak RSS of exactly that process):

* ``litkit full``: the analysis on the whole benchmark corpus (default: the 100,000-record file
  ``/tmp/wos100k.txt``) loaded from Parquet, as the CLI chain does (``litkit ingest FILE -o c.parquet``
  once, then the command): the columns and Arrow columns the command itself loads
  (:func:`litkit.runs.corpus_columns`, :func:`litkit.runs.arrow_columns`).  Loading is timed apart.
* ``litkit CLI``: the command end to end on that Parquet file (``litkit couple c.parquet -o DIR``):
  interpreter start, loading, analysis, every table, figure (PNG, SVG, PDF) and export.
* ``litkit subset`` and the peer (``metaknowledge`` 3.4.1, its own venv) on the first ``--subset``
  records of the file (default 10,000, the subset ``bench/cocitation.py`` uses), both read from the text
  file.  Both children also report what they computed (counts, the weights of some pairs) outside the
  timed work, and the benchmark prints whether they agree: a benchmark of different work is no comparison.

A benchmark module defines a :class:`Spec` and calls :func:`main`.  Only the standard library is imported
here at module level: the peer's child imports this module from its own venv, without litkit.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402

DEFAULT_FILE = Path("/tmp/wos100k.txt")
METAKNOWLEDGE_REQUIREMENTS = ("metaknowledge==3.4.1",)  # as bench/ingest.py and bench/cocitation.py
TARGET_SECONDS, TARGET_BYTES = 10.0, 2_000_000_000  # H28: each analysis and each command at 100,000 records


@dataclasses.dataclass
class Spec:
    """One analysis benchmark.

    Attributes
    ----------
    name : str
        Benchmark name (``bench/out/<name>.json``).
    analysis : str
        The :data:`litkit.runs.ANALYSES` name whose columns a command loads.
    params : dict
        Parameters of that analysis (for its columns).
    cli : tuple of str
        The command after ``litkit`` and before ``CORPUS`` (``("collab",)``) and its options after it.
    litkit_work : callable
        ``litkit_work(corpus) -> dict``: the timed work; returns ``{"phases": {name: (wall, cpu)}, ...counts}``.
    litkit_check : callable or None
        ``litkit_check(corpus, path) -> dict``, untimed, on the subset only: what is compared with the peer
        (``path``: the file, to time the peer's exact work on a fresh corpus when it differs from the analysis).
    peer_work : callable or None
        ``peer_work(rc) -> object`` (metaknowledge, timed), and ``peer_check(rc, result) -> dict``.
    compare : callable or None
        ``compare(litkit_check, peer_check) -> list[str]``: the lines saying where the two agree.
    """

    name: str
    analysis: str
    params: dict
    cli: tuple
    cli_options: tuple
    litkit_work: Callable
    litkit_check: Callable | None = None
    peer_work: Callable | None = None
    peer_check: Callable | None = None
    compare: Callable | None = None
    description: str = ""


class Timer:
    """Wall and CPU seconds of a block, kept in ``phases[name]``."""

    def __init__(self, phases: dict, name: str):
        self.phases, self.name = phases, name

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.phases[self.name] = (time.perf_counter() - self.wall, time.process_time() - self.cpu)


# ---- children -------------------------------------------------------------------------------------
def worker_litkit(spec: Spec, path: str, check: bool) -> dict:
    t0 = time.perf_counter()
    import litkit
    from litkit import runs

    t1, cpu1 = time.perf_counter(), time.process_time()
    if path.endswith(".parquet"):  # what the command loads (litkit.commands.load_corpus)
        columns = runs.corpus_columns(spec.analysis, spec.params)
        arrow = runs.arrow_columns(spec.analysis, spec.params)
        corpus = litkit.Corpus.read_parquet(path, columns=columns, arrow=arrow)
    else:
        corpus = litkit.read(path, progress=False)
    t2, cpu2 = time.perf_counter(), time.process_time()
    report = spec.litkit_work(corpus)
    t3, cpu3 = time.perf_counter(), time.process_time()
    report.update(
        import_s=t1 - t0,
        read_s=t2 - t1,
        read_cpu_s=cpu2 - cpu1,
        work_s=t3 - t2,
        work_cpu_s=cpu3 - cpu2,
        records=len(corpus),
    )
    if check and spec.litkit_check is not None:
        report["check"] = spec.litkit_check(corpus, path)
    return report


def worker_peer(spec: Spec, path: str, check: bool) -> dict:
    t0 = time.perf_counter()
    import metaknowledge

    t1, cpu1 = time.perf_counter(), time.process_time()
    rc = metaknowledge.RecordCollection(path)
    t2, cpu2 = time.perf_counter(), time.process_time()
    result = spec.peer_work(rc)
    t3, cpu3 = time.perf_counter(), time.process_time()
    report = dict(import_s=t1 - t0, read_s=t2 - t1, read_cpu_s=cpu2 - cpu1, work_s=t3 - t2, work_cpu_s=cpu3 - cpu2)
    report["records"] = len(rc)
    if check and spec.peer_check is not None:
        report["check"] = spec.peer_check(rc, result)
    return report


# ---- driver ---------------------------------------------------------------------------------------
def litkit_command() -> list[str]:
    """The ``litkit`` console script next to this interpreter, else ``python -m litkit``."""
    script = Path(sys.executable).with_name("litkit")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "litkit"]


def ensure_parquet(text: Path, parquet: Path | None, folder: Path) -> Path:
    """``parquet`` (or ``<data dir>/<stem>.parquet``), made once with ``litkit ingest`` when missing."""
    target = parquet or folder / f"{text.stem}.parquet"
    if not target.exists():
        print(f"[bench] litkit ingest {text} -o {target} (once)", file=sys.stderr, flush=True)
        subprocess.run(
            [*litkit_command(), "ingest", str(text), "-o", str(target)], check=True, stdout=subprocess.DEVNULL
        )
    return target


def run_side(name: str, side: str, python: Path, path: Path, label: str, check: bool, timeout: float):
    cmd = [str(python), str(Path(sys.argv[0]).resolve()), "--worker", side, str(path)]
    if check:
        cmd.append("--check")
    env = dict(os.environ)
    if side == "litkit":  # the repository's litkit
        env["PYTHONPATH"] = str(common.REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    print(f"[bench] {name}: running {label} …", file=sys.stderr, flush=True)
    run = common.run_measured(f"{name}_{label.replace(' ', '_')}", cmd, env=env, cwd=common.REPO_ROOT, timeout=timeout)
    _say(name, label, run)
    return run


def run_cli(spec: Spec, corpus: Path, work: Path, timeout: float):
    out = work / f"{spec.name}_cli"
    argv = [*litkit_command(), *spec.cli, str(corpus), *spec.cli_options, "-o", str(out), "--force"]
    print(f"[bench] {spec.name}: {' '.join(argv)}", file=sys.stderr, flush=True)
    run = common.run_measured(f"{spec.name}_cli", argv, timeout=timeout)
    if run.returncode == 0:
        run.report = {"command": "litkit " + " ".join([*spec.cli, "c.parquet", *spec.cli_options])}
    _say(spec.name, "litkit CLI", run)
    return run


def _say(name, label, run):
    if run.returncode != 0:
        print(f"[bench] {name}: {label} FAILED (exit {run.returncode}):\n{run.stderr_tail}", file=sys.stderr)
    else:
        work = f"work {run.report['work_s']:.1f} s, " if "work_s" in run.report else ""
        print(
            f"[bench] {name}: {label}: {work}process {run.wall_s:.1f} s "
            f"({run.user_s + run.system_s:.1f} s CPU), peak {run.peak_rss_bytes / common.MB:.0f} MB",
            file=sys.stderr,
        )


def main(spec: Spec, argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=spec.description or spec.name)
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE, help=f"WoS plain-text file (default {DEFAULT_FILE})")
    ap.add_argument("--parquet", type=Path, help="the file ingested to Parquet (default <data dir>/<stem>.parquet)")
    ap.add_argument("--subset", type=int, default=10_000, help="records of the peer comparison")
    ap.add_argument("--data-dir", help=f"subset, Parquet, outputs, peer venv (default ${common.DATA_DIR_ENV})")
    ap.add_argument(
        "--only",
        action="append",
        choices=["full", "cli", "subset", "peer"],
        help="run only these contenders (repeatable)",
    )
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before a child is killed")
    ap.add_argument("--worker", choices=["litkit", "peer"], help=argparse.SUPPRESS)
    ap.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker = worker_litkit if args.worker == "litkit" else worker_peer
        print(json.dumps(worker(spec, args.path, args.check)))
        return 0

    if not args.file.is_file():
        print(f"[bench] {args.file} not found: generate it with ../shared/tools/make_wos_big.py", file=sys.stderr)
        return 2
    from cocitation import write_subset  # the subset bench/cocitation.py writes and reuses

    wanted = set(args.only or ["full", "cli", "subset", "peer"])
    if spec.peer_work is None:
        wanted.discard("peer")
    folder = common.data_dir(args.data_dir)
    subset = folder / f"{args.file.stem}_first{args.subset}.txt"
    n_subset = write_subset(args.file, subset, args.subset)
    work = folder / "analyses"
    work.mkdir(parents=True, exist_ok=True)
    python = Path(sys.executable)
    versions = {"litkit": common.pip_versions(sys.executable, ["pandas", "numpy", "scipy", "igraph", "leidenalg"])}
    load_start = os.getloadavg()
    runs: dict[str, common.ChildRun] = {}
    if wanted & {"full", "cli"}:
        parquet = ensure_parquet(args.file, args.parquet, folder)
        common.warm_page_cache(parquet)
        if "full" in wanted:
            runs["litkit full"] = run_side(spec.name, "litkit", python, parquet, "litkit full", False, args.timeout)
        if "cli" in wanted:
            runs["litkit CLI"] = run_cli(spec, parquet, work, args.timeout)
    if "subset" in wanted:
        common.warm_page_cache(subset)
        runs["litkit subset"] = run_side(spec.name, "litkit", python, subset, "litkit subset", True, args.timeout)
    if "peer" in wanted:
        mk = common.ensure_venv("metaknowledge", METAKNOWLEDGE_REQUIREMENTS, base=folder, import_check="metaknowledge")
        versions["metaknowledge"] = common.pip_versions(mk, ["metaknowledge", "networkx"])
        runs["metaknowledge subset"] = run_side(
            spec.name, "peer", mk, subset, "metaknowledge subset", True, args.timeout
        )

    header = ["contender", "records", "load s", "work s", "work CPU s", "process s", "process CPU s", "peak RSS MB"]
    rows = []
    for key, run in runs.items():
        if not run.ok:
            rows.append([key, "FAILED"] + [""] * (len(header) - 2))
            continue
        r = run.report
        timed = [f"{r['read_s']:.1f}", f"{r['work_s']:.1f}", f"{r['work_cpu_s']:.1f}"] if "work_s" in r else ["—"] * 3
        records = r.get("records", n_subset if "subset" in key else "")
        cpu = run.user_s + run.system_s
        rows.append([key, records, *timed, f"{run.wall_s:.1f}", f"{cpu:.1f}", f"{run.peak_rss_bytes / common.MB:.0f}"])
    lines, targets = [], {}
    full, cli = runs.get("litkit full"), runs.get("litkit CLI")
    if full is not None and full.ok:
        r = full.report
        phases = ", ".join(f"{k} {w:.1f} s ({c:.1f} s CPU)" for k, (w, c) in r.get("phases", {}).items())
        lines.append(
            f"litkit, {r['records']:,} records from Parquet: {spec.name} {r['work_s']:.1f} s ({r['work_cpu_s']:.1f} s CPU; "
            f"loading {r['read_s']:.1f} s more), peak {full.peak_rss_bytes / common.MB:.0f} MB; {phases}"
        )
        lines.append("  result: " + ", ".join(f"{k} {v}" for k, v in r.items() if k in RESULT_KEYS))
        targets[f"analysis under {TARGET_SECONDS:.0f} s"] = r["work_s"] < TARGET_SECONDS
        targets["analysis peak under 2 GB"] = full.peak_rss_bytes < TARGET_BYTES
    if cli is not None and cli.returncode == 0:
        lines.append(
            f"{cli.report['command']}: {cli.wall_s:.1f} s end to end ({cli.user_s + cli.system_s:.1f} s CPU), "
            f"peak {cli.peak_rss_bytes / common.MB:.0f} MB"
        )
        targets[f"command under {TARGET_SECONDS:.0f} s"] = cli.wall_s < TARGET_SECONDS
        targets["command peak under 2 GB"] = cli.peak_rss_bytes < TARGET_BYTES
    ours, peer = runs.get("litkit subset"), runs.get("metaknowledge subset")
    if ours is not None and peer is not None and ours.ok and peer.ok:
        o, p = ours.report, peer.report
        lines.append(f"{n_subset:,} records: " + common.speed_line("litkit", o["work_s"], "metaknowledge", p["work_s"]))
        lines.append(
            "  read + work: "
            + common.speed_line("litkit", o["read_s"] + o["work_s"], "metaknowledge", p["read_s"] + p["work_s"])
        )
        lines.append("  in CPU time: " + common.speed_line("litkit", o["work_cpu_s"], "metaknowledge", p["work_cpu_s"]))
        lines.append("  " + common.memory_line("litkit", ours.peak_rss_bytes, "metaknowledge", peer.peak_rss_bytes))
        if spec.compare is not None:
            lines += ["  " + line for line in spec.compare(o.get("check", {}), p.get("check", {}))]
    elif ours is not None and ours.ok and spec.compare is not None and "check" in ours.report:
        lines += ["  " + line for line in spec.compare(ours.report["check"], {})]
    print(common.format_table(header, rows))
    for line in lines:
        print(line)
    for name, ok in targets.items():
        print(f"target {name}: {'met' if ok else 'MISSED'}")
    payload = {
        "benchmark": spec.name,
        "file": str(args.file),
        "file_bytes": args.file.stat().st_size,
        "subset_records": n_subset,
        "params": spec.params,
        "machine": common.machine_info(),
        "load_at_start": [round(x, 2) for x in load_start],
        "load_at_end": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
        "runs": {key: run.to_dict() for key, run in runs.items()},
        "lines": lines,
        "targets": targets,
    }
    print(f"[bench] wrote {common.write_result(spec.name, payload)}", file=sys.stderr)
    return 0


#: Keys of a litkit report printed as its result line.
RESULT_KEYS = ("links_in_corpus", "nodes", "links", "clusters", "skipped", "main", "table_rows")
