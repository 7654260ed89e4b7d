"""The main job: every analysis of a review, from export files to figures and tables.

:func:`run_demo` is what ``make demo`` / ``litkit demo`` run on the embedded demo corpus.  It reads
the demo exports and the policy table, then makes each run of :data:`DEMO_RUNS` through the run
layer (:mod:`litkit.runs`), the same code the ``litkit`` commands call: a figure the demo draws is
byte for byte the one ``litkit bursts`` (``cooccur``, ``timeline`` ...) draws with the same
parameters.  Nothing here computes anything itself, so a scholar can replay any step in a notebook.

Adding an analysis to the demo is one line in :data:`DEMO_RUNS`:
``DemoRun("cocitation", "merged", "cocitation", {"unit": "reference"})`` runs the registered
analysis ``cocitation`` on the merged corpus into ``figures/cocitation/``.
"""

from __future__ import annotations

import os
import pickle
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .runs import FIGURE_FORMATS, RunFolder, run

__all__ = ["DEMO_PARAMETERS", "DEMO_RUNS", "DemoRun", "default_workers", "find_corpora", "run_demo"]


def find_corpora(corpora: str | Path | None = None) -> Path:
    """The project's ``corpora/`` folder (the demo data lives in the repository, not the package)."""
    from .errors import LitkitError

    candidates = (
        [Path(corpora)] if corpora else [Path.cwd() / "corpora", Path(__file__).resolve().parents[1] / "corpora"]
    )
    for c in candidates:
        if (c / "demo").is_dir():
            return c
    raise LitkitError(
        "cannot find the demo corpus",
        path=candidates[0],
        expected="a corpora/ folder with demo/ inside (run from the litkit checkout)",
    )


#: The demo's shared settings (the review's recipe); :data:`DEMO_RUNS` takes its parameters from here.
DEMO_PARAMETERS: dict = {
    # The scholar's synonym list for the demo topic, in VOSviewer's thesaurus format
    # ("synonyms merged" in the review's recipe).
    "thesaurus": "corpora/demo/thesaurus.txt",
    "cooccurrence": {
        "field": "DE",
        "min_occurrence": 2,
        "top_n": 200,
        "counting": "full",
        "normalization": "association",
        "clustering": "leiden",
        "resolution": 1.0,
        "seed": 42,
    },
    "bursts": {
        "s": 2,
        "gamma": 1,
        "min_duration": 1,
        "slice_years": 1,
        "top": 20,
        "kinds": ["cited_journal", "cited_reference", "keyword"],
    },
    "thematic_evolution_periods": [[2000, 2012], [2013, 2018], [2019, 2024]],
    "policy_metadata": "corpora/policy/central_documents.csv",
}

_BURSTS = {k: DEMO_PARAMETERS["bursts"][k] for k in ("s", "gamma", "min_duration", "slice_years", "top")}
_THESAURUS = "{thesaurus}"  # replaced by the thesaurus' absolute path when the demo runs


def _keyword_thesaurus(kind: str) -> dict:
    return {"thesaurus": _THESAURUS} if kind == "keyword" else {}


@dataclass(frozen=True)
class DemoRun:
    """One run of the demo: an analysis of :data:`litkit.runs.ANALYSES` on one of the demo's inputs.

    Attributes
    ----------
    analysis : str
        The registered analysis.
    data : str or tuple of str
        The input(s): ``"corpus"`` (every demo export as read), ``"merged"`` (after the ``merge``
        run), ``"wos"`` / ``"cnki"`` / ``"scopus"`` (one database's records), ``"policy"`` (the
        policy table's documents), ``"table1"`` (those in the review's Table 1); a tuple passes a tuple.
    folder : str
        Subfolder of the output ("" = the output folder itself).  A run in a subfolder has its own
        ``params.json`` there, as from the command line.
    params : dict
        Parameters (the others keep the analysis' defaults); the string ``"{thesaurus}"`` stands
        for the demo's thesaurus file.
    keep_as : str, optional
        Name the run's result as an input of the runs after it (``merge`` → ``"merged"``).
    cost : float, default 1.0
        Roughly the run's seconds of CPU time on an idle machine: a demo with several workers
        starts the longest runs first.  Only the time taken depends on it, never a file.
    """

    analysis: str
    data: str | tuple[str, ...]
    folder: str = ""
    params: dict = field(default_factory=dict)
    keep_as: str | None = None
    cost: float = 1.0


#: The demo, in order.  Runs in the output folder itself share its params.json.
DEMO_RUNS: list[DemoRun] = [
    DemoRun("ingest_summary", "corpus", params={"relative_to": "{checkout}"}, cost=0.1),
    DemoRun("merge", "corpus", keep_as="merged", cost=0.3),
    DemoRun("production", "merged", cost=0.7),
    DemoRun(
        "cooccurrence", "wos", "cooccurrence_wos", dict(DEMO_PARAMETERS["cooccurrence"], thesaurus=_THESAURUS), cost=3
    ),
    DemoRun(
        "cooccurrence", "cnki", "cooccurrence_cnki", dict(DEMO_PARAMETERS["cooccurrence"], thesaurus=_THESAURUS), cost=2
    ),
    *[
        # keyword bursts clean keywords as the keyword maps do (the same thesaurus): one item in both
        DemoRun("bursts", "merged", params=dict(_BURSTS, kind=kind, **_keyword_thesaurus(kind)), cost=cost)
        for kind, cost in zip(DEMO_PARAMETERS["bursts"]["kinds"], (0.7, 0.9, 1.3))
    ],
    DemoRun(
        "keyword_views",
        "wos",
        params={
            "thesaurus": _THESAURUS,
            "views": ["keyword_timeline", "thematic_map"],
            "periods": DEMO_PARAMETERS["thematic_evolution_periods"],
            "clusters": "cooccurrence",
            "cooccurrence": DEMO_PARAMETERS["cooccurrence"],
        },
        cost=2.2,
    ),
    DemoRun("policy_timeline", "policy", cost=5.5),
    DemoRun(
        "policy_timeline",
        "table1",
        params={
            "name": "policy_table1",
            "title": "Ecological products in Chinese policy, 2010–2022 (the review's Table 1)",
        },
        cost=1.8,
    ),
    # Policy milestones on the publication trend and on the cited-journal bursts.
    DemoRun("policy_overlay", ("merged", "table1"), params=dict(_BURSTS, bursts="cited_journal"), cost=1.6),
    # Country collaboration (map, heatmap, SCP/MCP) and the institution co-authorship network of the WoS records.
    DemoRun("collab", "wos", "collaboration_countries", {"unit": "country"}, cost=1.9),
    DemoRun("collab", "wos", "collaboration_institutions", {"unit": "institution"}, cost=1.1),
    # Document co-citation (map, timeline view, time zones) and the historiograph of the merged corpus.
    DemoRun("cocitation", "merged", "cocitation", {"unit": "reference", "min_citations": 5}, cost=5.6),
    DemoRun("citations", "merged", "citations", cost=1.3),
]


def run_demo(
    out: str | Path = "figures",
    corpora: str | Path | None = None,
    progress: bool = True,
    overwrite: bool = False,
    formats=FIGURE_FORMATS,
    workers: int | None = None,
) -> list[Path]:
    """Run the demo pipeline on ``corpora/`` and write figures and tables to ``out``.

    Steps (:data:`DEMO_RUNS`): ingest (WoS, CNKI, Scopus demo exports) → merge → annual
    production → keyword co-occurrence maps (English WoS keywords, Chinese CNKI keywords) →
    citation bursts (cited journals, cited references, keywords) → keyword timeline, thematic map
    and evolution → policy timeline and the literature–policy overlay → country collaboration (map,
    heatmap, SCP/MCP) and the institution co-authorship network of the WoS records → document
    co-citation and the historiograph → ``params.json`` and ``report.html``.

    The runs are independent once the merge has run, so with ``workers`` > 1 this process and
    ``workers - 1`` fresh Python processes make them side by side (the longest runs first).  The
    files are the same whatever the number of workers: each run writes its own files through the
    run layer, and ``params.json`` lists the runs in the order of :data:`DEMO_RUNS`.

    Parameters
    ----------
    out : str or Path, default "figures"
        Output folder.
    corpora : str or Path, optional
        The project's ``corpora/`` folder (default: found from the working directory or the package).
    progress : bool, default True
        Show a progress bar.
    overwrite : bool, default False
        Replace the files of a previous run (otherwise an existing file is an error).
    formats : iterable of str, default ("png", "svg", "pdf")
        Figure formats.
    workers : int, optional
        Processes making the runs: 1 runs them one after another in this process; the default is
        the number of cores this process may use, at most 2.

    Returns
    -------
    list of Path
        Every file written.

    Examples
    --------
    >>> from litkit.pipeline import run_demo
    >>> files = run_demo("figures", formats=["png"], workers=2)   # doctest: +SKIP
    """
    from .errors import LitkitError

    out = Path(out)
    corpora = find_corpora(corpora)
    folder = RunFolder(out, formats=formats, overwrite=overwrite)
    workers = default_workers() if workers is None else int(workers)
    if workers < 1:
        raise LitkitError(f"workers={workers}", expected="1 or more processes")
    substitutes = {"{thesaurus}": str(corpora / "demo" / "thesaurus.txt"), "{checkout}": str(corpora.parent)}
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(DEMO_RUNS) + 1, desc="demo", unit="run")
    # The other processes start (import litkit, matplotlib ...) while this one reads the exports.
    helpers = [_Helper() for _ in range(min(workers, len(DEMO_RUNS)) - 1)]
    try:
        inputs = _demo_inputs(corpora)
        task = _Task(out, tuple(folder.formats), overwrite, substitutes)
        results = _demo_runs(task, inputs, helpers, bar)
    finally:
        for helper in helpers:
            helper.stop()
    written: list[Path] = []
    for result in results:  # in the order of DEMO_RUNS, as params.json lists them
        folder.results.append(result)
        written.extend(result.files)
    written.append(folder.write_params("demo", DEMO_PARAMETERS, {"corpora": "corpora/demo"}))
    # The checkout's own path (in the merge report's file names, a thesaurus in params.json) is cut,
    # so the demo's tables and report are the same wherever the checkout lives.
    for path in written:
        if path.suffix in (".csv", ".json"):
            _relative_to_checkout(path, corpora.parent)
    from .html_report import write_report

    written.append(write_report(out, out / "report.html", title="litkit demo", overwrite=overwrite))
    if bar is not None:
        bar.update(1)
        bar.close()
    return written


def default_workers() -> int:
    """Processes :func:`run_demo` uses by default: the cores this process may run on, at most 2.

    Examples
    --------
    >>> 1 <= default_workers() <= 2
    True
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


# ---------------------------------------------------------------------------------------------
# private: making the runs, here and in helper processes
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Task:
    """What every run of one demo shares (sent once to each helper process)."""

    out: Path
    formats: tuple[str, ...]
    overwrite: bool
    substitutes: dict


def _make_run(task: _Task, step: DemoRun, data):
    """One run of the demo into its folder (the output folder itself or its subfolder): the :class:`RunResult`."""
    params = _substitute(step.params, task.substitutes)
    named = {"data": step.data if isinstance(step.data, str) else list(step.data)}
    if step.folder:
        output = task.out / step.folder
        return run(step.analysis, data, output, params, formats=task.formats, overwrite=task.overwrite, inputs=named)
    folder = RunFolder(task.out, formats=task.formats, overwrite=task.overwrite)
    return folder.run(step.analysis, data, params, inputs=named)


def _data_names(step: DemoRun) -> tuple[str, ...]:
    return step.data if isinstance(step.data, tuple) else (step.data,)


def _data(step: DemoRun, inputs: dict):
    return tuple(inputs[d] for d in step.data) if isinstance(step.data, tuple) else inputs[step.data]


def _label(step: DemoRun) -> str:
    return step.analysis + (f" → {step.folder}" if step.folder else "")


def _demo_runs(task: _Task, inputs: dict, helpers: list[_Helper], bar) -> list:
    """Make every run of :data:`DEMO_RUNS`; return their results in that order.

    Each helper is sent every input once, as soon as it exists (the merge's result after the
    merge), and then only which run to make: the longest run left (by :attr:`DemoRun.cost`), the
    moment it answers the previous one (its reading thread sends the next, so it never waits
    for this process).  This process makes the runs whose result later runs read (``keep_as``:
    the merge) first, then the shortest runs left; the two ends meet in the middle.  Nothing in a
    run depends on the process it runs in, so the order only changes the time taken.
    """
    import queue
    import threading

    results: dict[int, Any] = {}
    pending = list(range(len(DEMO_RUNS)))
    available: set[str] = set()  # inputs every helper has
    lock = threading.Lock()
    replies: queue.Queue = queue.Queue()
    stopping = threading.Event()
    registry: dict = {}  # warnings shown once, as if the runs had warned here

    def ready(i: int) -> bool:
        return all(n in available for n in _data_names(DEMO_RUNS[i]))

    def dispatch(helper: _Helper) -> None:
        """Send ``helper`` the longest ready run if it is idle (called with the lock held)."""
        if helper.busy or stopping.is_set():
            return
        runs = [i for i in pending if ready(i) and not DEMO_RUNS[i].keep_as]
        if runs:
            index = max(runs, key=lambda i: (DEMO_RUNS[i].cost, -i))
            pending.remove(index)
            helper.send(index, DEMO_RUNS[index])

    def answered(reply) -> None:  # in a helper's reading thread
        helper, index, ok, _, _ = reply
        with lock:  # the answer is queued before the helper looks idle: nothing is left behind at the end
            replies.put(reply)
            helper.busy.remove(index)
            if not ok:
                stopping.set()
            dispatch(helper)

    def share(names) -> None:
        """Send the inputs ``names`` to every helper, then let idle helpers start runs on them."""
        with lock:
            for helper in helpers:
                helper.share({n: inputs[n] for n in names})
            available.update(names)
            for helper in helpers:
                dispatch(helper)

    def take(reply) -> None:
        _, index, ok, result, caught = reply
        if not ok:
            raise result  # the run's error, as if it had run here
        for category, message, filename, lineno in caught:
            warnings.warn_explicit(message, category, filename, lineno, registry=registry)
        results[index] = result
        if bar is not None:
            bar.update(1)

    def show(here: int | None) -> None:
        if bar is not None:
            with lock:
                running = [DEMO_RUNS[i] for h in helpers for i in h.busy]
            running += [DEMO_RUNS[here]] if here is not None else []
            bar.set_postfix_str(", ".join(_label(s) for s in running))

    for helper in helpers:
        helper.listen(answered, task)
    if helpers:
        share(list(inputs))
    else:
        available.update(inputs)
    while True:
        while not replies.empty():
            take(replies.get())
        with lock:
            local = [i for i in pending if all(n in inputs for n in _data_names(DEMO_RUNS[i]))]
            first = [i for i in local if DEMO_RUNS[i].keep_as]
            if not helpers:  # alone: in the order of DEMO_RUNS
                here = min(local, default=None)
            else:
                here = first[0] if first else min(local, key=lambda i: (DEMO_RUNS[i].cost, i), default=None)
            if here is not None:
                pending.remove(here)
            waiting = any(h.busy for h in helpers) or not replies.empty()
        if here is not None:
            show(here)
            step = DEMO_RUNS[here]
            results[here] = _make_run(task, step, _data(step, inputs))
            if bar is not None:
                bar.update(1)
            if step.keep_as:
                inputs[step.keep_as] = results[here].value
                if helpers:
                    share([step.keep_as])
                else:
                    available.add(step.keep_as)
        elif waiting:
            show(None)
            take(replies.get())
        elif pending:  # cannot happen with DEMO_RUNS: a run reads an input that no run makes
            raise RuntimeError(f"demo runs wait for inputs nothing makes: {[DEMO_RUNS[i] for i in pending]}")
        else:
            return [results[i] for i in range(len(DEMO_RUNS))]


class _Helper:
    """A fresh Python process (``python -c``, so a caller's unguarded script is never imported again)
    that makes demo runs sent to it over a pipe and answers with their results.

    It keeps the inputs it was sent, as this process does, so what a run caches on a corpus
    (parsed references) serves the helper's later runs too.
    """

    def __init__(self):
        import queue
        import subprocess
        import sys
        import threading

        code = "from litkit.pipeline import _serve; _serve()"
        self.process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.busy: list[int] = []
        # Messages are pickled by the caller and written by a thread: a helper busy with a run reads
        # nothing, and a full pipe must not stop this process.
        self.outbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._write_all, daemon=True).start()

    def listen(self, answered, task: _Task) -> None:
        """Send the demo's settings, then call ``answered((helper, index, ok, result or error, warnings))``
        from a reading thread for each answer."""
        import threading

        self._write(("task", task))
        threading.Thread(target=self._read, args=(answered,), daemon=True).start()

    def share(self, inputs: dict) -> None:
        self._write(("inputs", inputs))

    def send(self, index: int, step: DemoRun) -> None:
        self._write(("run", (index, step)))
        self.busy.append(index)

    def stop(self) -> None:
        """End the process: at once when a run is still running there (an error here), else when idle."""
        import signal

        self.outbox.put(None)  # after what was sent: the end of the input
        if self.busy and self.process.poll() is None:
            # KeyboardInterrupt in the helper: its run removes its staging folder, as here on Ctrl-C.
            self.process.send_signal(signal.SIGINT if os.name == "posix" else signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except Exception:
            self.process.kill()
            self.process.wait()

    def _write(self, message) -> None:
        self.outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def _write_all(self) -> None:
        try:
            while (data := self.outbox.get()) is not None:
                self.process.stdin.write(data)
                self.process.stdin.flush()
        except OSError:  # the process ended (its reading thread reports it)
            pass
        finally:
            try:
                self.process.stdin.close()
            except OSError:
                pass

    def _read(self, answered) -> None:
        while True:
            try:
                ok, index, payload, caught = pickle.load(self.process.stdout)
            except Exception:  # end of the pipe: the process ended
                if self.busy:
                    code = self.process.wait()
                    error = RuntimeError(f"a demo helper process stopped (exit status {code}) during its runs")
                    answered((self, self.busy[0], False, error, []))
                return
            answered((self, index, ok, payload, caught))


def _serve() -> None:
    """The helper process: read settings, inputs and runs from stdin; write each run's answer to stdout."""
    import sys

    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what a run prints goes to stderr, not into the answers
    requests = sys.stdin.buffer
    try:
        _warm_up()
        inputs: dict[str, Any] = {}
        task = None
        while True:
            try:
                kind, payload = pickle.load(requests)
            except EOFError:
                return
            if kind == "task":
                task = payload
            elif kind == "inputs":
                inputs.update(payload)
            else:
                index, step = payload
                pickle.dump(_run_here(index, step, task, inputs), replies, protocol=pickle.HIGHEST_PROTOCOL)
                replies.flush()
    except KeyboardInterrupt:
        sys.exit(130)


def _run_here(index: int, step: DemoRun, task: _Task, inputs: dict) -> tuple:
    """``(True, index, result without its value, warnings)`` or ``(False, index, error, [])``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # every warning goes back; the caller's filters decide
        try:
            result = _make_run(task, step, _data(step, inputs))
        except Exception as exc:
            return (False, index, _portable(exc), [])
    result.value = None  # the caller keeps no run's value but the merge's, made there
    return (True, index, result, [_portable_warning(w) for w in caught])


def _portable(exc: BaseException) -> BaseException:
    """``exc`` with the helper's traceback as a note if it survives pickling (a LitkitError does), else
    a RuntimeError holding that traceback."""
    import traceback

    text = "in a demo helper process:\n" + "".join(traceback.format_exception(exc))
    try:
        exc.add_note(text)
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}\n{text}")


def _portable_warning(w) -> tuple:
    category = w.category
    try:
        pickle.dumps(category)
    except Exception:
        category = UserWarning
    return (category, str(w.message), w.filename, w.lineno)


def _warm_up() -> None:
    """Import what the runs use, while the caller reads the exports."""
    import litkit  # noqa: F401
    import litkit.plot.citation  # noqa: F401
    import litkit.plot.network  # noqa: F401
    import litkit.plot.policy  # noqa: F401
    import litkit.plot.timelines  # noqa: F401
    import litkit.policy  # noqa: F401
    import litkit.runs  # noqa: F401


def _demo_inputs(corpora: Path) -> dict[str, Any]:
    """The demo's data, by the names :class:`DemoRun` uses (``merged`` is added by the merge run)."""
    import pandas as pd

    import litkit

    folders = sorted(p for p in (corpora / "demo").iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    corpus = litkit.read(folders, progress=False)
    inputs: dict[str, Any] = {"corpus": corpus}
    for db in ("WoS", "CNKI", "Scopus"):
        inputs[db.lower()] = litkit.Corpus(corpus.df[corpus.df["DB"] == db])
    metadata = corpora / "policy" / "central_documents.csv"
    inputs["policy"] = litkit.policy.from_metadata(metadata)
    # The review's Table 1: the rows the authored table flags as being in it.
    flags = pd.read_csv(metadata, dtype=str, keep_default_na=False)
    table1 = flags[flags["in_review_table1"] == "yes"].reset_index(drop=True)
    inputs["table1"] = litkit.policy.from_metadata(_metadata_frame(metadata, table1))
    return inputs


def _metadata_frame(path: Path, rows):
    """The metadata table's rows ``rows`` read the way :func:`litkit.policy.read_metadata` reads the file."""
    import litkit

    frame = litkit.policy.read_metadata(path)
    return frame[frame["title_zh"].isin(set(rows["title_zh"]))].reset_index(drop=True)


def _substitute(params: dict, substitutes: dict[str, str]) -> dict:
    return {k: substitutes.get(v, v) if isinstance(v, str) else v for k, v in params.items()}


def _relative_to_checkout(path: Path, checkout: Path) -> None:
    """Paths in a table or params.json of the demo relative to the checkout (rewritten only when it names it)."""
    from . import _atomic

    original = path.read_text(encoding="utf-8")
    text = original.replace(str(checkout) + os.sep, "")
    if path.suffix == ".json":
        text = text.replace(f'"{checkout}"', '"."')
    if text != original:
        _atomic.write_text(path, text, overwrite=True)
