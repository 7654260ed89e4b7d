"""The benchmark harness measures what it says: per-child peak memory, timeouts, file reuse.

The benchmarks themselves take minutes and are not run here; these tests check
the measuring and bookkeeping in ``bench/_common.py`` and ``bench/ingest.py``
on tiny inputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import _common as common  # noqa: E402
import ingest  # noqa: E402

ALLOCATE = (
    "import json, sys\n"
    "block = bytearray(int(sys.argv[1]) * 1_000_000)\n"
    "block[::4096] = b'x' * len(block[::4096])  # touch every page so it is resident\n"
    "print('noise')\n"
    "print(json.dumps({'allocated_mb': int(sys.argv[1])}))\n"
)


def test_peak_memory_is_measured_per_child(tmp_path):
    big = common.run_measured("big", [sys.executable, "-c", ALLOCATE, "300"], log_dir=tmp_path)
    small = common.run_measured("small", [sys.executable, "-c", ALLOCATE, "20"], log_dir=tmp_path)
    assert big.ok and small.ok
    assert big.report == {"allocated_mb": 300}  # the last stdout line, earlier lines ignored
    assert big.peak_rss_bytes >= 300_000_000
    # measured after the big child: a cumulative maximum (RUSAGE_CHILDREN) would repeat the big one
    assert small.peak_rss_bytes < 150_000_000
    assert big.wall_s > 0 and big.user_s + big.system_s > 0


def test_timeout_kills_the_child_and_reports_no_result(tmp_path):
    run = common.run_measured(
        "sleeper", [sys.executable, "-c", "import time; time.sleep(30)"], log_dir=tmp_path, timeout=0.5
    )
    assert run.returncode < 0 and not run.ok and run.report == {}
    assert run.wall_s < 10


def test_failing_child_keeps_its_stderr(tmp_path):
    run = common.run_measured("boom", [sys.executable, "-c", "raise SystemExit('broken on purpose')"], log_dir=tmp_path)
    assert run.returncode == 1 and not run.ok
    assert "broken on purpose" in run.stderr_tail


def test_bench_file_names():
    assert ingest.bench_file_name(100_000, 0) == "wos_big_100k.txt"
    assert ingest.bench_file_name(2_500, 0) == "wos_big_2500.txt"
    assert ingest.bench_file_name(5_000, 3) == "wos_big_5k_seed3.txt"


FAKE_GENERATOR = (
    "import sys\n"
    "out, n = sys.argv[1], int(sys.argv[3])\n"
    "open(out, 'w').write(''.join(f'PT J\\nUT WOS:{i}\\nER\\n\\n' for i in range(n)))\n"
)


def test_bench_file_is_reused_only_while_it_matches_its_manifest(tmp_path):
    generator = tmp_path / "gen.py"
    generator.write_text(FAKE_GENERATOR)
    first = ingest.ensure_bench_file(tmp_path, 50, 0, generator=generator)
    assert first["generated_now"] and first["records"] == 50
    path = Path(first["path"])
    assert first["size_bytes"] == path.stat().st_size
    assert first["sha256"] == common.sha256_of(path)

    again = ingest.ensure_bench_file(tmp_path, 50, 0, generator=generator)
    assert not again["generated_now"] and again["sha256"] == first["sha256"]

    # same size, different bytes: the checksum catches it and the file is rebuilt
    data = path.read_bytes()
    path.write_bytes(data[:-2] + b"X\n")
    rebuilt = ingest.ensure_bench_file(tmp_path, 50, 0, generator=generator)
    assert rebuilt["generated_now"] and path.read_bytes() == data

    # a changed generator invalidates the file as well
    generator.write_text(FAKE_GENERATOR + "# changed\n")
    assert ingest.ensure_bench_file(tmp_path, 50, 0, generator=generator)["generated_now"]
    manifest = json.loads(path.with_name(path.name + ".manifest.json").read_text())
    assert manifest["generator_sha256"] == common.sha256_of(generator)


def test_missing_generator_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="needs ../shared"):
        ingest.ensure_bench_file(tmp_path, 10, 0, generator=tmp_path / "absent.py")


def test_ratio_lines():
    assert (
        common.speed_line("litkit", 2.0, "metaknowledge", 10.0)
        == "litkit is 5.0× faster than metaknowledge (2.0 s vs 10.0 s)"
    )
    assert (
        common.speed_line("litkit", 4.5, "metaknowledge", 3.0)
        == "litkit is 1.5× slower than metaknowledge (4.5 s vs 3.0 s)"
    )
    assert (
        common.memory_line("litkit", 500_000_000, "metaknowledge", 2_000_000_000)
        == "peak memory litkit 500 MB vs metaknowledge 2000 MB (0.25×)"
    )


def test_verdicts_follow_the_targets():
    def run(work_s, peak):
        return common.ChildRun("x", 0, work_s, peak, work_s, 0.0, {"work_s": work_s, "work_cpu_s": work_s})

    file_size = 600_000_000
    met = ingest.compare("fields", run(5.0, 500_000_000), run(30.0, 2_000_000_000), file_size)
    assert met["speedup"] == 6.0 and all(met["targets"].values())
    missed = ingest.compare("fields", run(10.0, 2_100_000_000), run(30.0, 2_000_000_000), file_size)
    assert missed["targets"] == {
        "at least 5x faster": False,
        "lower peak memory than metaknowledge": False,
        "peak memory below file size": False,
    }
