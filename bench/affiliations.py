"""Benchmark: affiliations (institutions and countries) of the 100,000-record WoS benchmark file.

Reads the file once with :func:`litkit.read` (timed apart), then times :func:`litkit.affiliations` (best of
``--repeats`` runs) and, once ``litkit.collaboration`` exists (issue 18, part C), the country and institution
collaboration networks built from the same corpus and affiliation table.  Reports rows, distinct addresses, unresolved addresses and
the peak resident memory of the process (the corpus included).  Target (issue 18): under 20 s and 2 GB.

Usage::

    .venv/bin/python bench/affiliations.py                       # /tmp/wos100k.txt
    .venv/bin/python bench/affiliations.py --file other.txt --repeats 1

Results go to ``bench/out/affiliations.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from _common import machine_info, write_result  # noqa: E402

import litkit  # noqa: E402


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=Path("/tmp/wos100k.txt"))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.file.exists():
        parser.error(f"{args.file} does not exist (make it with ../shared/tools/make_wos_big.py)")

    t0 = time.perf_counter()
    corpus = litkit.read(args.file)
    read_s = time.perf_counter() - t0
    after_read_mb = _peak_rss_mb()
    print(
        f"read {args.file}: {len(corpus):,} records in {read_s:.1f} s (not part of the affiliation time); "
        f"peak RSS so far {after_read_mb:,.0f} MB"
    )

    litkit.affiliations(corpus.df.iloc[:10])  # imports and the country tables, once
    times = []
    aff = None
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        aff = litkit.affiliations(corpus)
        times.append(time.perf_counter() - t0)
    best = min(times)
    unresolved = aff.attrs["unresolved"]  # a tuple of Unresolved tuples
    result = {
        "file": str(args.file),
        "records": len(corpus),
        "read_seconds": round(read_s, 2),
        "affiliations_seconds": [round(t, 2) for t in times],
        "affiliations_best_seconds": round(best, 2),
        "rows": len(aff),
        "rows_by_field": {k: int(v) for k, v in aff["source_field"].value_counts().items()},
        "distinct_addresses": int(aff["raw"].nunique()),
        "countries": int(aff.loc[aff["country"] != "", "country"].nunique()),
        "institutions": int(aff.loc[aff["institution"] != "", "institution"].nunique()),
        "unresolved_addresses": len(unresolved),
    }
    print(
        f"affiliations: best of {args.repeats} = {best:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)}); "
        f"{len(aff):,} rows, {result['distinct_addresses']:,} distinct addresses, {result['countries']} countries, "
        f"{result['institutions']:,} institutions, {len(unresolved):,} unresolved (record, address) pairs"
    )

    try:
        collaboration = litkit.collaboration
    except AttributeError:
        collaboration = None
    if collaboration is None:
        print("litkit.collaboration does not exist yet (issue 18, part C): networks not timed")
    else:
        small = litkit.Corpus(corpus.df.iloc[:50].reset_index(drop=True))
        collaboration(small, unit="country")  # first-use imports (scikit-learn, layouts) are not the networks' time
        for unit in ("country", "institution"):
            t0 = time.perf_counter()
            try:  # the networks alone, from the affiliation table just made
                collaboration(corpus, unit=unit, affiliations=aff)
            except TypeError:
                collaboration(corpus, unit=unit)
            seconds = time.perf_counter() - t0
            result[f"collaboration_{unit}_seconds"] = round(seconds, 2)
            print(f"collaboration(unit={unit!r}): {seconds:.2f} s")

    result["peak_rss_mb"] = round(_peak_rss_mb())
    result["peak_rss_after_read_mb"] = round(after_read_mb)
    result["machine"] = machine_info()
    print(f"peak RSS of the process (corpus included): {result['peak_rss_mb']:,} MB")
    path = write_result("affiliations", result)
    print(f"written {path}")
    return result


if __name__ == "__main__":
    main()
