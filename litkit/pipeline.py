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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .runs import FIGURE_FORMATS, RunFolder, run

__all__ = ["DEMO_PARAMETERS", "DEMO_RUNS", "DemoRun", "find_corpora", "run_demo"]


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
    """

    analysis: str
    data: str | tuple[str, ...]
    folder: str = ""
    params: dict = field(default_factory=dict)
    keep_as: str | None = None


#: The demo, in order.  Runs in the output folder itself share its params.json.
DEMO_RUNS: list[DemoRun] = [
    DemoRun("ingest_summary", "corpus", params={"relative_to": "{checkout}"}),
    DemoRun("merge", "corpus", keep_as="merged"),
    DemoRun("production", "merged"),
    DemoRun("cooccurrence", "wos", "cooccurrence_wos", dict(DEMO_PARAMETERS["cooccurrence"], thesaurus=_THESAURUS)),
    DemoRun("cooccurrence", "cnki", "cooccurrence_cnki", dict(DEMO_PARAMETERS["cooccurrence"], thesaurus=_THESAURUS)),
    *[DemoRun("bursts", "merged", params=dict(_BURSTS, kind=kind)) for kind in DEMO_PARAMETERS["bursts"]["kinds"]],
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
    ),
    DemoRun("policy_timeline", "policy"),
    DemoRun(
        "policy_timeline",
        "table1",
        params={
            "name": "policy_table1",
            "title": "Ecological products in Chinese policy, 2010–2022 (the review's Table 1)",
        },
    ),
    # Policy milestones on the publication trend and on the cited-journal bursts.
    DemoRun("policy_overlay", ("merged", "table1"), params=dict(_BURSTS, bursts="cited_journal")),
    # Country collaboration (map, heatmap, SCP/MCP) and the institution co-authorship network of the WoS records.
    DemoRun("collab", "wos", "collaboration_countries", {"unit": "country"}),
    DemoRun("collab", "wos", "collaboration_institutions", {"unit": "institution"}),
    # Document co-citation (map, timeline view, time zones) and the historiograph of the merged corpus.
    DemoRun("cocitation", "merged", "cocitation", {"unit": "reference", "min_citations": 5}),
    DemoRun("citations", "merged", "citations"),
]


def run_demo(
    out: str | Path = "figures",
    corpora: str | Path | None = None,
    progress: bool = True,
    overwrite: bool = False,
    formats=FIGURE_FORMATS,
) -> list[Path]:
    """Run the demo pipeline on ``corpora/`` and write figures and tables to ``out``.

    Steps (:data:`DEMO_RUNS`): ingest (WoS, CNKI, Scopus demo exports) → merge → annual
    production → keyword co-occurrence maps (English WoS keywords, Chinese CNKI keywords) →
    citation bursts (cited journals, cited references, keywords) → keyword timeline, thematic map
    and evolution → policy timeline and the literature–policy overlay → country collaboration (map,
    heatmap, SCP/MCP) and the institution co-authorship network of the WoS records → document
    co-citation and the historiograph → ``params.json`` and ``report.html``.

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

    Returns
    -------
    list of Path
        Every file written.
    """
    out = Path(out)
    corpora = find_corpora(corpora)
    folder = RunFolder(out, formats=formats, overwrite=overwrite)
    inputs = _demo_inputs(corpora)
    substitutes = {"{thesaurus}": str(corpora / "demo" / "thesaurus.txt"), "{checkout}": str(corpora.parent)}
    written: list[Path] = []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(DEMO_RUNS) + 1, desc="demo", unit="run")
    written.extend(_demo_runs(out, folder, inputs, substitutes, formats, overwrite, bar))
    written.append(folder.write_params("demo", DEMO_PARAMETERS, {"corpora": "corpora/demo"}))
    _relative_params(folder.output / "params.json", corpora.parent)
    from .html_report import write_report

    written.append(write_report(out, out / "report.html", title="litkit demo", overwrite=overwrite))
    if bar is not None:
        bar.update(1)
        bar.close()
    return written


def _demo_runs(out, folder, inputs, substitutes, formats, overwrite, bar) -> list[Path]:
    written: list[Path] = []
    for step in DEMO_RUNS:
        if bar is not None:
            bar.set_postfix_str(step.analysis + (f" → {step.folder}" if step.folder else ""))
        data = tuple(inputs[d] for d in step.data) if isinstance(step.data, tuple) else inputs[step.data]
        params = _substitute(step.params, substitutes)
        named = {"data": step.data if isinstance(step.data, str) else list(step.data)}
        if step.folder:
            result = run(
                step.analysis, data, out / step.folder, params, formats=formats, overwrite=overwrite, inputs=named
            )
            folder.results.append(result)
        else:
            result = folder.run(step.analysis, data, params, inputs=named)
        written.extend(result.files)
        if step.keep_as:
            inputs[step.keep_as] = result.value
        if bar is not None:
            bar.update(1)
    return written


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


def _relative_params(path: Path, checkout: Path) -> None:
    """Paths in the demo's params.json relative to the checkout, so it does not depend on where that lives."""
    from . import _atomic

    text = path.read_text(encoding="utf-8").replace(str(checkout) + "/", "").replace(f'"{checkout}"', '"."')
    _atomic.write_text(path, text, overwrite=True)
