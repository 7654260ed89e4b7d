"""Shared helpers for the benchmarks in ``bench/``.

Every benchmark runs each contender in its own child process, so that one
side's memory (imports, caches, garbage not yet collected) never counts
against the other, and measures that child from the outside:

* **wall time** with :func:`time.perf_counter` around the child's whole life
  (interpreter start and imports included); the children also report the
  time of the work itself, which is what the ratio lines use;
* **peak memory** as the child's own peak resident set size, ``ru_maxrss``
  of the ``rusage`` that :func:`os.wait4` returns for exactly that child (on
  Linux in KiB).  Unlike ``getrusage(RUSAGE_CHILDREN)``, which keeps the
  maximum over *all* children waited for so far, this cannot mix the two
  sides up.  It is the high-water mark of the process, interpreter and
  imported libraries included, i.e. what a user's machine must have free.

Results go to ``bench/out/<name>.json`` (git-ignored) together with a
description of the machine, because timings mean nothing without it.

Only the standard library is imported at module level: the peer's child runs
in its own virtual environment and never imports this module, but
``bench/run_all.py`` must work before litkit's dependencies are importable.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
#: Large generated inputs and the peers' virtual environments live outside the
#: repository (hundreds of MB); override with ``--data-dir`` or this variable.
DATA_DIR_ENV = "LITKIT_BENCH_DIR"
DEFAULT_DATA_DIR = Path("/tmp/litkit-bench")
#: The shared data and tools the project's tests call ``../shared``.
SHARED_DIR = REPO_ROOT.parent / "shared"

MB = 1_000_000  # decimal megabytes, as file sizes are usually quoted


def data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """Folder for generated benchmark inputs and peer venvs (created if missing).

    Order of precedence: the ``--data-dir`` option, ``$LITKIT_BENCH_DIR``,
    then ``/tmp/litkit-bench``.
    """
    folder = Path(cli_value or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sha256_of(path: str | os.PathLike, chunk: int = 1 << 22) -> str:
    """Hex SHA-256 of a file, read in 4 MiB chunks (constant memory)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def warm_page_cache(path: str | os.PathLike, chunk: int = 1 << 22) -> None:
    """Read a file once so that no contender pays for the first read from disk."""
    with open(path, "rb") as fh:
        while fh.read(chunk):
            pass


# ---- measuring a child process --------------------------------------------------------------


@dataclasses.dataclass
class ChildRun:
    """What one measured child process did.

    Attributes
    ----------
    label : str
        Name of the contender (``"litkit"``, ``"metaknowledge"``).
    returncode : int
        Exit status (negative: killed by that signal).
    wall_s : float
        Seconds from start to exit, interpreter start-up and imports included.
    peak_rss_bytes : int
        Peak resident set size of the child (``ru_maxrss`` from ``wait4``).
    user_s, system_s : float
        CPU seconds of the child.
    report : dict
        The JSON object the child printed as its last stdout line (its own
        timings and the counts used to check both sides read the same data).
    stderr_tail : str
        Last lines of the child's stderr, kept for failures.
    """

    label: str
    returncode: int
    wall_s: float
    peak_rss_bytes: int
    user_s: float
    system_s: float
    report: dict
    stderr_tail: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and bool(self.report)

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d["peak_rss_mb"] = round(self.peak_rss_bytes / MB, 1)
        d["wall_s"] = round(self.wall_s, 3)
        d["user_s"] = round(self.user_s, 3)
        d["system_s"] = round(self.system_s, 3)
        return d


def run_measured(
    label: str,
    cmd: Sequence[str],
    *,
    env: dict | None = None,
    cwd: str | os.PathLike | None = None,
    timeout: float | None = None,
    log_dir: str | os.PathLike | None = None,
) -> ChildRun:
    """Run ``cmd`` as a child process and measure its wall time and peak RSS.

    The child is expected to print one JSON object as the last line of its
    standard output (its own timings and counts); stdout and stderr go to
    files in ``log_dir`` (not pipes, so a chatty child can never block).

    Parameters
    ----------
    label : str
        Name used in logs and results.
    cmd : sequence of str
        Command line; ``cmd[0]`` is usually a Python interpreter.
    env, cwd : optional
        Passed to :class:`subprocess.Popen`.
    timeout : float, optional
        Seconds after which the child is killed (SIGKILL); the run then has
        a negative return code and an empty report.
    log_dir : path, optional
        Where ``<label>.stdout`` / ``<label>.stderr`` are written (default:
        ``bench/out/logs``).

    Returns
    -------
    ChildRun

    Examples
    --------
    >>> run = run_measured("echo", [sys.executable, "-c", "print('{\\"x\\": 1}')"])  # doctest: +SKIP
    >>> run.report, run.peak_rss_bytes > 0                                         # doctest: +SKIP
    ({'x': 1}, True)
    """
    log_dir = Path(log_dir or OUT_DIR / "logs")
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{label}.stdout", log_dir / f"{label}.stderr"
    usage_path = log_dir / f"{label}.rusage.json"
    usage_path.unlink(missing_ok=True)
    # The child is started by a small launcher process that waits for it with wait4 and writes
    # its rusage.  Why: Linux carries a process's RSS high-water mark over fork and exec, so a
    # child forked straight from a large parent (a pytest run, a notebook) would report the
    # parent's size as its own peak.  Forked from the ~10 MB launcher, it reports its own.
    launcher = [sys.executable, "-c", _LAUNCHER, str(usage_path), *cmd]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(launcher, stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the launcher and the child together
            proc.wait()
        wall = time.perf_counter() - start
    usage = json.loads(usage_path.read_text()) if usage_path.exists() else None
    returncode = usage["returncode"] if usage else (proc.returncode if proc.returncode < 0 else -9)
    report = {}
    lines = out_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    if returncode == 0 and lines:
        try:
            report = json.loads(lines[-1])
        except json.JSONDecodeError:
            report = {}
    stderr_lines = err_path.read_text(encoding="utf-8", errors="replace").splitlines()
    return ChildRun(
        label=label,
        returncode=returncode,
        wall_s=wall,
        peak_rss_bytes=usage["maxrss_bytes"] if usage else 0,
        user_s=usage["user_s"] if usage else 0.0,
        system_s=usage["system_s"] if usage else 0.0,
        report=report,
        stderr_tail="\n".join(stderr_lines[-15:]),
    )


_LAUNCHER = """
import json, os, sys
path, cmd = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
scale = 1 if sys.platform == "darwin" else 1024
with open(path + ".part", "w") as fh:
    json.dump({"returncode": os.waitstatus_to_exitcode(status), "maxrss_bytes": usage.ru_maxrss * scale,
               "user_s": usage.ru_utime, "system_s": usage.ru_stime}, fh)
os.replace(path + ".part", path)
"""


# ---- peer virtual environments --------------------------------------------------------------


def ensure_venv(
    name: str,
    requirements: Sequence[str],
    *,
    base: str | os.PathLike | None = None,
    python: str | None = None,
    import_check: str | None = None,
) -> Path:
    """Create (once) a virtual environment with ``requirements`` and return its Python.

    Peers are installed from PyPI with pip into ``<data dir>/venv-<name>``,
    never into litkit's own ``.venv``, so their (old) dependency pins cannot
    disturb litkit.  A stamp file records the requirement list; the venv is
    rebuilt when the list changes.

    Parameters
    ----------
    name : str
        Short name, e.g. ``"metaknowledge"``.
    requirements : sequence of str
        pip requirement specifiers, pinned for reproducibility.
    base : path, optional
        Parent folder (default: :func:`data_dir`).
    python : str, optional
        Interpreter to create the venv with (default: the running one).
    import_check : str, optional
        Module imported after installation to prove the venv works.

    Returns
    -------
    Path
        The venv's ``bin/python``.
    """
    folder = Path(base or data_dir()) / f"venv-{name}"
    vpython = folder / "bin" / "python"
    stamp = folder / ".litkit-bench-requirements"
    wanted = "\n".join(requirements) + "\n"
    if vpython.exists() and stamp.exists() and stamp.read_text() == wanted:
        return vpython
    print(f"[bench] creating venv {folder} with: {' '.join(requirements)}", file=sys.stderr)
    subprocess.run([python or sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
    subprocess.run(
        [str(vpython), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements], check=True
    )
    if import_check:
        subprocess.run([str(vpython), "-c", f"import {import_check}"], check=True)
    stamp.write_text(wanted)
    return vpython


def pip_versions(python: str | os.PathLike, packages: Sequence[str]) -> dict[str, str]:
    """Installed versions of ``packages`` in the environment of ``python``."""
    code = (
        "import importlib.metadata as m, json, sys\n"
        "out = {}\n"
        "for p in sys.argv[1:]:\n"
        "    try: out[p] = m.version(p)\n"
        "    except m.PackageNotFoundError: out[p] = None\n"
        "print(json.dumps(out))"
    )
    res = subprocess.run([str(python), "-c", code, *packages], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


# ---- machine description and results --------------------------------------------------------


def machine_info() -> dict:
    """CPU, core count, RAM, OS, Python and the repository commit, for the result file."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = None
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    commit = None
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "date_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(ram / 1e9, 1) if ram else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_avg_at_start": [round(x, 2) for x in load] if load else None,
        "litkit_commit": commit,
    }


def write_result(name: str, payload: dict) -> Path:
    """Write ``bench/out/<name>.json`` atomically (sorted keys, UTF-8) and return its path."""
    from litkit._atomic import write_text  # imported late: run_all.py must not need litkit

    path = OUT_DIR / f"{name}.json"
    write_text(path, json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n", overwrite=True)
    return path


def ratio(slow: float, fast: float) -> float:
    """``slow / fast`` (how many times ``fast`` beats ``slow``); ``inf`` if ``fast`` is 0."""
    return slow / fast if fast else float("inf")


def speed_line(ours: str, our_s: float, peer: str, peer_s: float) -> str:
    """'litkit is 7.3× faster than metaknowledge (4.1 s vs 30.2 s)' (or '… slower …')."""
    if our_s <= peer_s:
        return f"{ours} is {ratio(peer_s, our_s):.1f}× faster than {peer} ({our_s:.1f} s vs {peer_s:.1f} s)"
    return f"{ours} is {ratio(our_s, peer_s):.1f}× slower than {peer} ({our_s:.1f} s vs {peer_s:.1f} s)"


def memory_line(ours: str, our_b: int, peer: str, peer_b: int) -> str:
    """'peak memory litkit 410 MB vs metaknowledge 2900 MB (0.14×)'."""
    return f"peak memory {ours} {our_b / MB:.0f} MB vs {peer} {peer_b / MB:.0f} MB ({ratio(our_b, peer_b):.2f}×)"


def format_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table with right-aligned numbers, for terminal output."""
    cells = [[str(h) for h in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def fmt(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))

    lines = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells[1:]]
    return "\n".join(lines)
