"""Benchmark: exact Kleinberg bursts for 100,000 items x 50 slices, litkit vs ``burst_detection`` 0.1.3.

litkit solves all items at once (:func:`litkit.bursts.kleinberg_many`).  The
PyPI package ``burst_detection`` 0.1.3 works one item at a time
(``burst_detection`` + ``enumerate_bursts`` + ``burst_weights``) and needs
numpy < 1.24 (it calls ``np.float``), so it runs in its own virtual
environment, in a child process, on the same data.  Running it on all 100,000
items would take hours, so it is timed on a random sample of items and the
per-item time is extrapolated to 100,000 items; the report says so.

Note that the two do not compute the same thing: ``burst_detection`` chooses
states greedily (see ../shared/reference/README.md), litkit finds the exact
optimum.  The agreement on the sample is reported for information.

Usage::

    .venv/bin/python bench/bursts.py                      # uses $LITKIT_PEER_PYTHON or bench/.venv-peer
    .venv/bin/python bench/bursts.py --make-peer-venv     # create bench/.venv-peer first (python3.11)
    .venv/bin/python bench/bursts.py --items 100000 --slices 50 --sample 300

Results go to ``bench/out/bursts.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from litkit._atomic import write_text  # noqa: E402
from litkit.bursts import kleinberg, kleinberg_many  # noqa: E402

PEER_VENV = HERE / ".venv-peer"
PEER_REQUIREMENTS = ["numpy==1.23.5", "pandas<2.1", "burst_detection==0.1.3"]

# Runs inside the peer venv: times burst_detection per item on the sample.
PEER_SCRIPT = textwrap.dedent("""
    import json, sys, time, warnings
    import numpy as np, pandas as pd
    import burst_detection as bd
    warnings.filterwarnings("ignore")
    data = np.load(sys.argv[1])
    R, d, s, gamma = data["R"], data["d"], float(data["s"]), float(data["gamma"])
    n = R.shape[1]
    d_series = pd.Series(d)
    out = []
    start = time.perf_counter()
    for i in range(R.shape[0]):
        r_series = pd.Series(R[i])
        q, dd, rr, p = bd.burst_detection(r_series, d_series, n, s, gamma, 1)
        bursts = bd.enumerate_bursts(q, str(i))
        bursts = bd.burst_weights(bursts, rr, dd, p)
        out.append(sorted([int(b), int(e)] for b, e in zip(bursts["begin"], bursts["end"])))
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "bursts": out, "numpy": np.__version__}))
""")


def make_data(items: int, slices: int, seed: int = 2026):
    """A corpus-like workload: growing yearly totals, skewed item rates, planted bursts in 5% of items."""
    rng = np.random.default_rng(seed)
    d = np.round(np.geomspace(200, 20000, slices)).astype(np.int64)  # citing records per year, growing
    base = np.clip(rng.lognormal(mean=-7.0, sigma=1.2, size=items), 1e-6, 0.05)
    rate = np.repeat(base[:, None], slices, axis=1)
    bursting = rng.random(items) < 0.05
    begin = rng.integers(0, slices - 3, size=items)
    length = rng.integers(2, 8, size=items)
    for i in np.nonzero(bursting)[0]:
        rate[i, begin[i] : begin[i] + length[i]] *= rng.uniform(3, 8)
    R = rng.binomial(d[None, :], np.clip(rate, 0, 1))
    return R, d


def time_litkit(R, d, s, gamma, repeats: int = 3):
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = kleinberg_many(R, d, s=s, gamma=gamma)
        times.append(time.perf_counter() - t0)
    return times, result


def make_peer_venv(python: str = "python3.11") -> Path:
    subprocess.run([python, "-m", "venv", str(PEER_VENV)], check=True)
    pip = PEER_VENV / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", *PEER_REQUIREMENTS], check=True)
    return PEER_VENV / "bin" / "python"


def peer_python() -> Path | None:
    candidates = [os.environ.get("LITKIT_PEER_PYTHON"), str(PEER_VENV / "bin" / "python")]
    for c in candidates:
        if c and Path(c).exists():
            return Path(c)
    return None


def run_peer(python: Path, R_sample, d, s, gamma) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "sample.npz"
        script = Path(tmp) / "peer.py"
        np.savez(data, R=R_sample, d=d, s=s, gamma=gamma)
        script.write_text(PEER_SCRIPT, encoding="utf-8")
        proc = subprocess.run([str(python), str(script), str(data)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"burst_detection run failed:\n{proc.stderr[-2000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--slices", type=int, default=50)
    parser.add_argument("--sample", type=int, default=300, help="items timed with burst_detection")
    parser.add_argument("--s", type=float, default=2.0)
    parser.add_argument("--gamma", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--make-peer-venv", action="store_true", help="create bench/.venv-peer (python3.11)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "bursts.json")
    args = parser.parse_args(argv)

    R, d = make_data(args.items, args.slices)
    print(
        f"workload: {args.items} items x {args.slices} slices, d from {d[0]} to {d[-1]} per slice, "
        f"{int(R.sum())} events"
    )
    times, result = time_litkit(R, d, args.s, args.gamma, args.repeats)
    litkit_s = min(times)
    print(
        f"litkit kleinberg_many (exact Viterbi, all items): best of {args.repeats} = {litkit_s:.3f} s "
        f"(runs: {', '.join(f'{t:.3f}' for t in times)}); {len(result)} bursts in "
        f"{result['item'].nunique()} items"
    )

    rng = np.random.default_rng(7)
    sample = np.sort(rng.choice(args.items, size=min(args.sample, args.items), replace=False))
    # litkit's scalar reference on the sample, for a like-for-like per-item comparison
    t0 = time.perf_counter()
    ours = [kleinberg(R[i], d, s=args.s, gamma=args.gamma)[["start", "end"]].values.tolist() for i in sample]
    scalar_per_item = (time.perf_counter() - t0) / len(sample)

    report = {
        "workload": {
            "items": args.items,
            "slices": args.slices,
            "s": args.s,
            "gamma": args.gamma,
            "events": int(R.sum()),
            "seed": 2026,
        },
        "machine": {"python": platform.python_version(), "numpy": np.__version__, "cpus": os.cpu_count()},
        "litkit": {
            "function": "litkit.bursts.kleinberg_many",
            "seconds_best": litkit_s,
            "seconds_runs": times,
            "bursts": int(len(result)),
            "items_with_bursts": int(result["item"].nunique()),
        },
        "litkit_scalar": {
            "function": "litkit.bursts.kleinberg (one item, plain Python)",
            "seconds_per_item": scalar_per_item,
            "extrapolated_seconds": scalar_per_item * args.items,
        },
    }

    python = make_peer_venv() if args.make_peer_venv else peer_python()
    if python is None:
        print("burst_detection venv not found: set LITKIT_PEER_PYTHON or run with --make-peer-venv")
        report["burst_detection"] = None
    else:
        peer = run_peer(python, R[sample], d, args.s, args.gamma)
        per_item = peer["seconds"] / len(sample)
        extrapolated = per_item * args.items
        agree = sum(1 for a, b in zip(ours, peer["bursts"]) if a == b)
        ratio = extrapolated / litkit_s
        report["burst_detection"] = {
            "version": "0.1.3",
            "numpy": peer["numpy"],
            "sample_items": int(len(sample)),
            "sample_seconds": peer["seconds"],
            "seconds_per_item": per_item,
            "extrapolated_seconds": extrapolated,
            "note": "timed per item on a random sample and extrapolated linearly to all items",
            "same_bursts_as_exact_on_sample": f"{agree}/{len(sample)}",
        }
        report["ratio"] = ratio
        report["ratio_vs_median_litkit_run"] = extrapolated / statistics.median(times)
        print(
            f"burst_detection 0.1.3 (greedy, per item): {peer['seconds']:.2f} s for {len(sample)} sampled "
            f"items = {per_item * 1e3:.2f} ms/item -> extrapolated {extrapolated:.0f} s for {args.items} items"
        )
        print(f"same bursts as the exact optimum on the sample: {agree}/{len(sample)}")
        print(
            f"ratio (burst_detection extrapolated / litkit): {ratio:.0f}x "
            f"({report['ratio_vs_median_litkit_run']:.0f}x against litkit's median run)"
        )
    print(f"litkit scalar reference: {scalar_per_item * 1e3:.2f} ms/item")
    write_text(args.out, json.dumps(report, indent=2, sort_keys=True) + "\n")
    print(f"wrote {args.out}")
    return report


if __name__ == "__main__":
    main()
