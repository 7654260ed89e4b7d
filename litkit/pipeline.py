"""The main job: every analysis of a review, from export files to figures and tables.

:func:`run_demo` is what ``make demo`` / ``litkit demo`` run on the embedded
demo corpus.  Each step calls the public API; nothing here computes anything
itself, so a scholar can replay any step in a notebook.
"""

from __future__ import annotations

from pathlib import Path

from . import _atomic
from .runinfo import write_params


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


#: Every parameter of the demo run; written to ``params.json`` next to the outputs.
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


def run_demo(out: str | Path = "figures", corpora: str | Path | None = None, progress: bool = True) -> list[Path]:
    """Run the demo pipeline on ``corpora/`` and write figures and tables to ``out``.

    Steps: ingest (WoS, CNKI, Scopus demo exports) → merge → annual production →
    keyword co-occurrence maps (English WoS keywords, Chinese CNKI keywords) →
    citation bursts (cited journals, cited references, keywords) → keyword
    timeline, thematic map and evolution → policy timeline and the
    literature–policy overlay → ``params.json`` and ``report.html``.
    """
    import litkit

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    corpora = find_corpora(corpora)
    p = DEMO_PARAMETERS
    written: list[Path] = []
    steps = ["ingest", "merge", "production", "co-occurrence", "bursts", "timelines", "policy", "report"]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(steps), desc="demo", unit="step")

    def step(name: str) -> None:
        if bar is not None:
            bar.set_postfix_str(name)
            bar.update(1)

    corpus = _ingest(corpora, out, written)
    step("ingest")
    merged = litkit.merge(corpus)
    written.append(merged.report.to_csv(out / "merge_report.csv", overwrite=True))
    step("merge")
    _production(merged, out, written)
    step("production")
    thesaurus = corpora / "demo" / "thesaurus.txt"
    _cooccurrence(corpus, out, written, dict(p["cooccurrence"], thesaurus=thesaurus))
    step("co-occurrence")
    burst_tables = _bursts(merged, out, written, p["bursts"])
    step("bursts")
    _timelines(corpus, out, written, p, thesaurus)
    step("timelines")
    _policy(corpora, merged, burst_tables["cited_journal"], out, written)
    step("policy")
    written.append(write_params(out, p))
    from .report import write_report

    written.append(write_report(out, out / "report.html", title="litkit demo", overwrite=True))
    step("report")
    if bar is not None:
        bar.close()
    return written


def _ingest(corpora: Path, out: Path, written: list[Path]):
    import litkit

    from .commands.ingest import ingest_summary

    folders = sorted(p for p in (corpora / "demo").iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    corpus = litkit.read(folders, progress=False)
    written.append(_atomic.write_text(out / "ingest_summary.txt", _relative(ingest_summary(corpus), corpora) + "\n"))
    files = corpus.report.files_table()
    files["file"] = [_relative(f, corpora) for f in files["file"]]
    written.append(_atomic.write_csv(files, out / "ingest_files.csv"))
    return corpus


def _production(merged, out: Path, written: list[Path]) -> None:
    from . import timeline
    from .plot import timeline as plot_timeline

    table = timeline.annual_production(merged)
    written.append(_atomic.write_csv(table, out / "annual_production.csv"))
    fig = plot_timeline.plot_production(table)
    written.extend(_save(fig, out / "annual_production"))


def _cooccurrence(corpus, out: Path, written: list[Path], params: dict) -> None:
    import litkit

    for db, name in (("WoS", "cooccurrence_wos"), ("CNKI", "cooccurrence_cnki")):
        subset = litkit.Corpus(corpus.df[corpus.df["DB"] == db])
        net = litkit.cooccurrence(subset, **params)
        files = net.export(out / name, overwrite=True)
        written.extend(Path(f) for f in files.values())


def _bursts(merged, out: Path, written: list[Path], params: dict) -> dict:
    import litkit

    from .bursts import write_burst_table
    from .plot.bursts import save_bursts

    options = {k: params[k] for k in ("s", "gamma", "min_duration", "slice_years", "top")}
    tables = {}
    for kind in params["kinds"]:
        table = tables[kind] = litkit.citation_bursts(merged, kind=kind, **options)
        written.append(write_burst_table(table, out / f"bursts_{kind}.csv", kind=kind))
        if len(table):
            written.extend(save_bursts(table, out / f"bursts_{kind}", kind=kind))
    return tables


def _timelines(corpus, out: Path, written: list[Path], p: dict, thesaurus: Path) -> None:
    import litkit

    from . import timeline
    from .plot import timeline as plot_timeline

    wos = litkit.Corpus(corpus.df[corpus.df["DB"] == "WoS"])
    net = litkit.cooccurrence(wos, **p["cooccurrence"], thesaurus=thesaurus)
    clusters = net.keywords[["keyword", "cluster"]]
    table = timeline.keyword_timeline(wos, clusters=clusters, thesaurus=thesaurus)
    written.append(_atomic.write_csv(table, out / "keyword_timeline.csv"))
    written.extend(_save(plot_timeline.plot_keyword_timeline(table, display=net.keywords), out / "keyword_timeline"))
    themes = timeline.thematic_map(wos, clusters=clusters, thesaurus=thesaurus)
    written.append(_atomic.write_csv(themes.themes, out / "thematic_map.csv"))
    written.extend(_save(plot_timeline.plot_thematic_map(themes.themes), out / "thematic_map"))
    periods = [tuple(x) for x in p["thematic_evolution_periods"]]
    evolution = timeline.thematic_evolution(wos, periods, thesaurus=thesaurus)
    written.append(_atomic.write_csv(evolution.links, out / "thematic_evolution.csv"))
    written.extend(_save(plot_timeline.plot_thematic_evolution(evolution), out / "thematic_evolution"))


def _policy(corpora: Path, merged, journal_bursts, out: Path, written: list[Path]) -> None:
    import pandas as pd

    import litkit

    from . import timeline
    from .plot import policy as plot_policy
    from .policy import timeline as policy_timeline

    metadata = corpora / "policy" / "central_documents.csv"
    docs = litkit.policy.from_metadata(metadata)
    table = policy_timeline.timeline_table(docs)
    written.append(_atomic.write_csv(table, out / "policy_timeline.csv"))
    written.extend(_save(plot_policy.plot_timeline(table), out / "policy_timeline"))
    # The review's Table 1 as one figure: the rows the authored table flags as being in it.
    flags = pd.read_csv(metadata, dtype=str, keep_default_na=False)
    in_table1 = set(flags.loc[flags["in_review_table1"] == "yes", "title_zh"])
    table1 = table[table["title_zh"].isin(in_table1)].reset_index(drop=True)
    written.append(_atomic.write_csv(table1, out / "policy_timeline_table1.csv"))
    written.extend(
        _save(
            plot_policy.plot_timeline(
                table1, title="Ecological products in Chinese policy, 2010–2022 (the review's Table 1)"
            ),
            out / "policy_timeline_table1",
        )
    )
    production = timeline.annual_production(merged)
    publications = production.rename(columns={"total": "count"})[["year", "count"]]
    overlay = policy_timeline.overlay_table(table1, publications)
    written.append(_atomic.write_csv(overlay, out / "literature_policy_overlay.csv"))
    written.extend(_save(plot_policy.plot_overlay(overlay, table1), out / "literature_policy_overlay"))
    # ... and on the burst timeline: does research on a journal's topic burst after the policy?
    from .plot.bursts import save_bursts

    if len(journal_bursts):
        written.extend(
            save_bursts(journal_bursts, out / "bursts_cited_journal_policy", kind="cited_journal", events=table1)
        )


def _save(fig, stem: Path) -> list[Path]:
    import matplotlib.pyplot as plt

    from .plot.style import save_figure

    try:
        return save_figure(fig, stem)
    finally:
        plt.close(fig)


def _relative(text: str, corpora: Path) -> str:
    """Paths in outputs relative to the checkout, so outputs do not depend on where it lives."""
    return text.replace(str(corpora.parent) + "/", "")
