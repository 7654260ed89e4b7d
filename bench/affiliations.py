"""Benchmark: affiliations (institutions and countries) and the country and institution networks of the
100,000-record WoS benchmark file.

What ``litkit collab`` does on an ingested corpus: the corpus is loaded (timed apart), then
:func:`litkit.affiliations` is timed (best of ``--repeats`` runs), then :func:`litkit.collaboration` for
countries and institutions from that one table (the CLI computes the table once too).  Each phase reports its
wall time and its CPU time (``time.process_time``: the machine is shared, so wall time alone says little).
Also reported: rows, distinct addresses, unresolved addresses, the peak resident memory of the process (the
corpus included) and the load average.  Target (issue 18): affiliations + both networks under 20 s, 2 GB.

The corpus comes from ``--file``: a WoS text file is read whole with :func:`litkit.read`; a Parquet corpus
(``litkit ingest``; ``--parquet`` makes one from the text file once) is read with only the columns the three
steps use (:data:`COLUMNS`), as a command that knows its columns loads it.

Usage::

    .venv/bin/python bench/affiliations.py                                     # /tmp/wos100k.txt, read whole
    .venv/bin/python bench/affiliations.py --parquet /tmp/H18_wos100k.parquet  # ingest once, then columns
    .venv/bin/python bench/affiliations.py --file /tmp/wos20k.txt --repeats 1

Results go to ``bench/out/affiliations.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from _common import machine_info, write_result  # noqa: E402

import litkit  # noqa: E402

#: Columns affiliations (addresses, authors, database) and collaboration (AU for max_authors, TC, PY, and
#: AU, PY, J9, SO for the cluster table's record labels) read.
COLUMNS = ["AU", "AF", "C1", "RP", "extra", "DB", "source_format", "source_file", "source_line"]
COLUMNS += ["UT", "PY", "TC", "J9", "SO"]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class _Timer:
    """Wall and CPU seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=Path("/tmp/wos100k.txt"), help="WoS text or Parquet corpus")
    parser.add_argument("--parquet", type=Path, help="ingest --file to this Parquet once, then load its columns")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.file.exists():
        parser.error(f"{args.file} does not exist (make it with ../shared/tools/make_wos_big.py)")
    source = args.file
    if args.parquet is not None:
        if not args.parquet.exists():
            litkit.read(args.file).to_parquet(args.parquet)
            print(f"ingested {args.file} to {args.parquet} (once)")
        source = args.parquet

    load = os.getloadavg()
    with _Timer() as read:
        if source.suffix == ".parquet":
            corpus = litkit.Corpus.read_parquet(source, columns=COLUMNS)
        else:
            corpus = litkit.read(source)
    after_read_mb = _peak_rss_mb()
    print(
        f"read {source}: {len(corpus):,} records in {read.wall:.1f} s wall, {read.cpu:.1f} s CPU "
        f"(not part of the time); peak RSS so far {after_read_mb:,.0f} MB; load average {load[0]:.2f}"
    )

    litkit.affiliations(corpus.df.iloc[:10])  # imports and the country tables, once
    small = litkit.Corpus(corpus.df.iloc[:50].reset_index(drop=True))
    litkit.collaboration(small, unit="country")  # first-use imports (scikit-learn, layouts) are not the networks'
    runs = []
    aff = None
    for _ in range(args.repeats):
        aff = None  # the previous table is freed first, as in one run
        with _Timer() as t:
            aff = litkit.affiliations(corpus)
        runs.append(t)
    best = min(runs, key=lambda t: t.cpu)
    unresolved = aff.attrs["unresolved"]  # a tuple of Unresolved tuples
    result = {
        "file": str(source),
        "columns": COLUMNS if source.suffix == ".parquet" else "all",
        "records": len(corpus),
        "read_seconds": round(read.wall, 2),
        "read_cpu_seconds": round(read.cpu, 2),
        "affiliations_seconds": [round(t.wall, 2) for t in runs],
        "affiliations_cpu_seconds": [round(t.cpu, 2) for t in runs],
        "affiliations_best_seconds": round(best.wall, 2),
        "affiliations_best_cpu_seconds": round(best.cpu, 2),
        "rows": len(aff),
        "rows_by_field": {k: int(v) for k, v in aff["source_field"].value_counts().items()},
        "distinct_addresses": int(aff["raw"].nunique()),
        "countries": int(aff.loc[aff["country"] != "", "country"].nunique()),
        "institutions": int(aff.loc[aff["institution"] != "", "institution"].nunique()),
        "unresolved_addresses": len(unresolved),
    }
    print(
        f"affiliations: best of {args.repeats} = {best.wall:.2f} s wall, {best.cpu:.2f} s CPU "
        f"(runs, wall/CPU: {', '.join(f'{t.wall:.2f}/{t.cpu:.2f}' for t in runs)}); "
        f"{len(aff):,} rows, {result['distinct_addresses']:,} distinct addresses, {result['countries']} countries, "
        f"{result['institutions']:,} institutions, {len(unresolved):,} unresolved (record, address) pairs"
    )

    total_wall, total_cpu = best.wall, best.cpu
    for unit in ("country", "institution"):
        with _Timer() as t:  # the network alone, from the affiliation table just made
            net = litkit.collaboration(corpus, unit=unit, affiliations=aff)
        total_wall += t.wall
        total_cpu += t.cpu
        result[f"collaboration_{unit}_seconds"] = round(t.wall, 2)
        result[f"collaboration_{unit}_cpu_seconds"] = round(t.cpu, 2)
        result[f"collaboration_{unit}_nodes"] = len(net.nodes)
        print(f"collaboration(unit={unit!r}): {t.wall:.2f} s wall, {t.cpu:.2f} s CPU; {len(net.nodes)} nodes")
    result["total_seconds"] = round(total_wall, 2)
    result["total_cpu_seconds"] = round(total_cpu, 2)
    result["peak_rss_mb"] = round(_peak_rss_mb())
    result["peak_rss_after_read_mb"] = round(after_read_mb)
    result["load_average_at_start"] = [round(x, 2) for x in load]
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["machine"] = machine_info()
    print(
        f"total (affiliations + 2 networks): {total_wall:.2f} s wall, {total_cpu:.2f} s CPU (target 20 s); "
        f"peak RSS of the process (corpus included): {result['peak_rss_mb']:,} MB (target 2,000 MB); "
        f"load average at the end {result['load_average_at_end'][0]:.2f}"
    )
    path = write_result("affiliations", result)
    print(f"written {path}")
    return result


if __name__ == "__main__":
    main()
