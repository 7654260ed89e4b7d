"""Run an analysis on a corpus and write its outputs to a folder: the layer the CLI and ``litkit demo`` share.

An *analysis* is a name in :data:`ANALYSES` bound to a *runner*, a small function that computes with
litkit's public API and writes what it computed (tables as CSV, figures as PNG/SVG/PDF, other files)
through a :class:`RunOutput`.  :func:`run` runs one analysis into a folder; a :class:`RunFolder` runs
several into the same folder (``litkit demo``, ``litkit timeline``).  Every ``litkit`` command that
analyses a corpus and :func:`litkit.pipeline.run_demo` go through :func:`run`, so the same analysis
with the same parameters writes the same files, byte for byte, whoever calls it.

What a run guarantees

* **Parameters** are the runner's keyword-only arguments; their defaults are the analysis' defaults
  (:func:`parameters`).  An unknown parameter is a :class:`~litkit.errors.LitkitError`.
* **One naming scheme**: every file a run writes starts with what it holds (``bursts_keyword.csv``,
  ``annual_production.png``, ``policy_timeline.csv``); figures are ``<stem>.<format>`` for each of
  ``formats``; tables use one float format (:data:`FLOAT_FORMAT`) unless the table has its own published
  shape (the Figure 5 burst table keeps two decimals).
* **params.json** next to the outputs: litkit and Python versions, the analysis, every parameter (defaults
  filled in, plus values the run worked out, such as the period), the inputs (as the caller names them)
  and the figure formats.  No time stamps, so two identical runs give identical files.
* **Atomic and non-clobbering**: a run writes into a hidden staging folder inside the output folder and
  moves its files into place only when it has finished; if any of them exists and ``overwrite`` is false,
  nothing is moved and :class:`~litkit.errors.OutputExistsError` names the file.  An interrupted run
  leaves no half-written file behind (``.litkit-run-*`` staging folders are removed on error).
* **Pure library**: nothing here imports the command line (typer, :mod:`litkit.commands`).

Examples
--------
>>> import litkit
>>> from litkit import runs
>>> result = runs.run("bursts", corpus, "out/bursts", {"kind": "keyword", "top": 10})   # doctest: +SKIP
>>> result.files                                                                       # doctest: +SKIP
[PosixPath('out/bursts/bursts_keyword.csv'), PosixPath('out/bursts/bursts_keyword.png'), ...]
>>> runs.parameters("bursts")["gamma"]
1.0

Adding an analysis
------------------
1. Write its runner with the others below (one small function)::

       def run_citations(corpus, out: RunOutput, *, min_lcs: int = 0, top: int = 60):
           \"\"\"Direct citations: the historiograph of the records with the highest LCS.\"\"\"
           net = litkit.citation_network(corpus, min_lcs=min_lcs)
           out.table(net.nodes, "citations_nodes")              # -> citations_nodes.csv
           out.figure(plot_historiograph(net.nodes, net.links(), top=top), "historiograph")  # -> .png/.svg/.pdf
           return net

   The first argument is the data (a :class:`~litkit.Corpus`, or what the analysis reads); ``out``
   writes: :meth:`RunOutput.table`, :meth:`RunOutput.figure`, :meth:`RunOutput.text`, or
   :meth:`RunOutput.path` for a library writer that takes a path.  :meth:`RunOutput.record` adds values
   the run worked out to params.json; ``out.client`` is the Dask client when the CLI got
   ``--scheduler`` (None otherwise).  Keyword-only arguments with JSON-friendly defaults are the
   parameters.  Import heavy modules inside the runner (``import litkit`` must stay fast).
2. Add one entry to :data:`ANALYSES`: ``"citations": Analysis(run_citations, "Direct citations ...")``.

Then ``runs.run("citations", corpus, "out/")`` works, ``litkit demo`` can call it (a line in
:mod:`litkit.pipeline`), and a CLI command is a thin file ``litkit/commands/citations.py`` whose
function parses options into the parameters and calls ``litkit.commands.run_on_corpus`` (which loads the
corpus, or opens it on Dask, and calls :meth:`RunFolder.run`; see ``commands/bursts.py``), plus its name
in ``_COMMAND_MODULES`` of :mod:`litkit.cli`; errors need no handling there (``litkit.commands.command``
turns them into one line ``error: ...``, exit status 2).
"""

from __future__ import annotations

import inspect
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from . import _atomic
from .errors import LitkitError, OutputExistsError

__all__ = [
    "ANALYSES",
    "Analysis",
    "FIGURE_FORMATS",
    "FLOAT_FORMAT",
    "PARAMS_FILE",
    "RunFolder",
    "RunOutput",
    "RunResult",
    "analysis",
    "arrow_columns",
    "corpus_columns",
    "parameters",
    "parse_formats",
    "run",
]

#: Figure formats a run writes unless told otherwise.
FIGURE_FORMATS = ("png", "svg", "pdf")
#: Every float in a table a run writes: ten significant digits (no binary noise such as 0.30000000000000004).
FLOAT_FORMAT = "%.10g"
#: The file that records a run (or the runs of a folder).
PARAMS_FILE = "params.json"
_STAGING_PREFIX = ".litkit-run-"


# ---------------------------------------------------------------------------------------------
# the public API: run, RunFolder, the registry
# ---------------------------------------------------------------------------------------------
def run(
    name: str,
    data,
    output: str | Path,
    params: Mapping[str, Any] | None = None,
    *,
    formats: Iterable[str] = FIGURE_FORMATS,
    overwrite: bool = False,
    inputs: Mapping[str, Any] | None = None,
    client=None,
) -> RunResult:
    """Run one analysis on ``data`` and write its outputs and ``params.json`` to the folder ``output``.

    Parameters
    ----------
    name : str
        An analysis of :data:`ANALYSES` (``"bursts"``, ``"cooccurrence"``, ``"production"`` ...).
    data
        What the analysis reads: a :class:`~litkit.Corpus` for most (a
        :class:`~litkit.scale.PartitionedCorpus` with ``client`` for those that run on Dask).
    output : str or Path
        Folder to write to (created if needed).
    params : mapping, optional
        Parameters; the others keep their defaults (:func:`parameters`).
    formats : iterable of str, default ("png", "svg", "pdf")
        Figure formats.
    overwrite : bool, default False
        Replace existing files; when false, a run whose files exist writes nothing and raises
        :class:`~litkit.errors.OutputExistsError` (before computing when ``params.json`` exists).
    inputs : mapping, optional
        How the caller names the data (e.g. ``{"corpus": "corpus.parquet"}``), recorded in params.json.
    client : dask.distributed.Client, optional
        Compute on Dask (analyses marked ``on_dask``; ``data`` is then a partitioned corpus).

    Returns
    -------
    RunResult
        The files written, the parameters used and the runner's result (a table, a network ...).

    Examples
    --------
    >>> result = run("production", corpus, "out/production", {"first_year": 2000})  # doctest: +SKIP
    >>> [p.name for p in result.files]                                             # doctest: +SKIP
    ['annual_production.csv', 'annual_production.pdf', 'annual_production.png', ...]
    """
    folder = RunFolder(output, formats=formats, overwrite=overwrite)
    result = folder.run(name, data, params, inputs=inputs, client=client)
    result.files.append(folder.write_params())
    return result


def parameters(name: str) -> dict[str, Any]:
    """The parameters of analysis ``name`` with their defaults.

    Examples
    --------
    >>> parameters("production")
    {'first_year': None, 'last_year': None}
    """
    return {p.name: p.default for p in _parameters_of(analysis(name).runner)}


#: Columns litkit.affiliations reads besides the author and address fields (see the "collab" columns).
_AFFILIATION_EXTRA = {"extra", "source_file", "source_format", "source_line"}


def corpus_columns(name: str, params: Mapping[str, Any] | None = None) -> list[str] | None:
    """The corpus columns analysis ``name`` reads with ``params``; None when it may read any.

    A command loads only these from the Parquet corpus (:meth:`litkit.Corpus.read_parquet` with
    ``columns=``): the keyword map does not need the cited references, the burst steps not the
    abstracts.  Every column an analysis can touch is listed (a column left out would be read as
    empty, silently), and analyses not listed here read the whole corpus.

    Examples
    --------
    >>> corpus_columns("bursts", {"kind": "cited_journal"})
    ['CR', 'DB', 'PY', 'UT']
    >>> corpus_columns("summary") is None
    True
    """
    params = dict(params or {})
    if name == "cooccurrence":
        from .text import resolve_fields

        fields = params.get("field") or "DE"
        # DE and TI: the cluster labels' default sources; DE and ID: the Chinese dictionary for titles.
        return sorted({"UT", "PY", "DE", "ID", "TI", *resolve_fields(fields)})
    if name == "bursts":
        kind = params.get("kind") or "cited_journal"
        if kind in ("cited_journal", "cited_reference"):
            return ["CR", "DB", "PY", "UT"]  # what references_table reads
        if kind == "author":
            return ["AU", "PY", "UT"]
        if kind == "keyword" and params.get("field", "DE") in ("DE", "ID"):
            return sorted({"UT", "PY", params.get("field", "DE")})
        return None
    if name == "production":
        return ["DB", "PY"]
    if name == "cocitation":
        from .text import resolve_fields

        # references (CR, DB, PY, UT), cluster labels (TI, DE, ID by default; DE and ID also the Chinese
        # title dictionary) and the citing records' labels (AU, J9, SO)
        try:
            topics = resolve_fields(list(params.get("label_fields") or ()))
        except LitkitError:
            return None  # the run reports the bad field
        return sorted({"AU", "CR", "DB", "DE", "ID", "J9", "PY", "SO", "TI", "UT", *topics})
    if name == "collab":
        from .text import resolve_fields

        # litkit.affiliations (author and address fields, Scopus/CNKI fields kept in "extra", the
        # provenance of each address), the node table (AU, J9, SO, TC, PY) and the topic terms.
        read = {"AF", "AU", "C1", "DB", "J9", "PY", "RP", "SO", "TC", "UT", "extra", "source_file", "source_format"}
        try:
            topics = resolve_fields(params.get("label_fields") or ())
        except LitkitError:
            return None  # the run reports the bad field
        read |= {"source_line", *topics, *(("DE", "ID") if topics else ())}  # DE, ID: the dictionary for titles
        return sorted(read)
    if name == "coupling":
        # distinct_references (CR, DB, PY, UT), TC and PY, the cluster labels (TI, DE, ID; DE and ID also the
        # Chinese title dictionary), record labels and author/source units (AU, J9, SO), and what
        # litkit.affiliations reads for institutions and countries
        return sorted(
            {"AF", "AU", "C1", "CR", "DB", "DE", "ID", "J9", "PY", "RP", "SO", "TC", "TI", "UT"} | _AFFILIATION_EXTRA
        )
    if name == "citations":
        # distinct_references (CR, DB, PY, UT), what a reference is matched against (UT, DI, AU, PY, J9, SO, VL,
        # BP, AR), TC, the record labels (AU, PY, J9, SO) and the cluster labels (TI, DE, ID; DE and ID also the
        # Chinese title dictionary)
        return sorted({"AR", "AU", "BP", "CR", "DB", "DE", "DI", "ID", "J9", "PY", "SO", "TC", "TI", "UT", "VL"})
    if name == "keyword_views" and params.get("clusters", "louvain") == "louvain":
        if params.get("field", "DE") in ("DE", "ID"):
            return sorted({"UT", "PY", params.get("field", "DE")})
    if name == "trend_topics":
        from .text import resolve_fields

        try:
            fields = resolve_fields(params.get("field") or "DE")
        except LitkitError:
            return None  # the run reports the bad field
        # DE and ID: the dictionary Chinese titles and abstracts are segmented with.
        return sorted({"UT", "PY", *fields, *(("DE", "ID") if {"TI", "AB"} & set(fields) else ())})
    return None


def arrow_columns(name: str, params: Mapping[str, Any] | None = None) -> list[str]:
    """The list columns analysis ``name`` reads in Arrow: a command loads them as Arrow (pandas ``ArrowDtype``).

    Cited-item bursts and co-citation only count distinct references (:func:`litkit.refs.distinct_references`
    codes an Arrow ``CR`` in C++), so the four million cited strings of 100,000 records never become Python lists.

    Examples
    --------
    >>> arrow_columns("bursts", {"kind": "cited_reference"}), arrow_columns("bursts", {"kind": "keyword"})
    (['CR'], [])
    >>> arrow_columns("cocitation"), arrow_columns("coupling"), arrow_columns("collab")
    (['CR'], ['CR'], [])
    """
    params = dict(params or {})
    if name == "bursts" and (params.get("kind") or "cited_journal") in ("cited_journal", "cited_reference"):
        return ["CR"]
    if name in ("cocitation", "coupling", "citations"):  # they read CR only through distinct_references
        return ["CR"]
    return []


def analysis(name: str) -> Analysis:
    """The :class:`Analysis` registered as ``name`` (a one-line error naming the known ones otherwise)."""
    try:
        return ANALYSES[name]
    except KeyError:
        raise LitkitError(f"unknown analysis {name!r}", expected="one of " + ", ".join(sorted(ANALYSES))) from None


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """``"png,svg"`` or ``["png", "svg"]`` → ``("png", "svg")``, checked against the formats litkit writes.

    Examples
    --------
    >>> parse_formats("png, pdf")
    ('png', 'pdf')
    """
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in items if f and f.strip()))
    unknown = [f for f in chosen if f not in FIGURE_FORMATS]
    if unknown or not chosen:
        raise LitkitError(
            f"unknown figure format(s) {unknown}" if unknown else "no figure format given",
            expected="a comma-separated list of " + ", ".join(FIGURE_FORMATS),
        )
    return chosen


@dataclass(frozen=True)
class Analysis:
    """A registered analysis: its runner, a one-line summary, and whether it can run on Dask."""

    runner: Callable[..., Any]
    summary: str
    on_dask: bool = False


@dataclass
class RunResult:
    """What :func:`run` (or :meth:`RunFolder.run`) did.

    Attributes
    ----------
    name : str
        The analysis.
    parameters : dict
        Every parameter used (defaults filled in) and the values the run recorded.
    files : list of Path
        The files written, in the output folder, sorted.
    value
        What the runner returned (a table, a network ...), for callers that go on with it.
    record : dict
        The run's entry in params.json.
    """

    name: str
    parameters: dict
    files: list[Path]
    value: Any = None
    record: dict = dataclass_field(default_factory=dict)


class RunFolder:
    """An output folder that one or more analyses write into, recorded in one ``params.json``.

    Parameters
    ----------
    output : str or Path
        The folder (created if needed).
    formats : iterable of str
        Figure formats of every run.
    overwrite : bool, default False
        Replace existing files.  When false and the folder already has a ``params.json`` (a
        previous run), the folder is refused at once, before anything is computed.

    Examples
    --------
    >>> folder = RunFolder("out/timeline", formats=["png"])                          # doctest: +SKIP
    >>> folder.run("production", corpus)                                               # doctest: +SKIP
    >>> folder.run("keyword_views", corpus, {"periods": [[2000, 2010], [2011, 2020]]})  # doctest: +SKIP
    >>> folder.write_params("timeline", {"corpus": "c.parquet"})                       # doctest: +SKIP
    """

    def __init__(self, output: str | Path, *, formats: Iterable[str] = FIGURE_FORMATS, overwrite: bool = False):
        self.output = Path(output)
        self.formats = parse_formats(formats)
        self.overwrite = bool(overwrite)
        self.results: list[RunResult] = []
        if self.output.exists() and not self.output.is_dir():
            raise LitkitError("output is a file, not a folder", path=self.output, expected="a folder to write into")
        _atomic.check_writable(self.output / PARAMS_FILE, self.overwrite)

    def run(
        self,
        name: str,
        data,
        params: Mapping[str, Any] | None = None,
        *,
        inputs: Mapping[str, Any] | None = None,
        client=None,
    ) -> RunResult:
        """Run analysis ``name`` on ``data`` into this folder (see :func:`run`); returns its :class:`RunResult`."""
        spec = analysis(name)
        chosen = _resolve(name, spec, params)
        if client is not None and not spec.on_dask:
            raise LitkitError(f"analysis {name!r} does not run on Dask", expected="no client (compute in memory)")
        created = not self.output.exists()
        self.output.mkdir(parents=True, exist_ok=True)
        # Staged inside the output folder: the final renames stay on one filesystem.
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=self.output))
        try:
            out = RunOutput(staging, self.formats, client)
            from .plot.style import saved_figures

            with saved_figures():  # figures a command writes in the background are in staging before the commit
                value = spec.runner(data, out, **chosen)
            files = _commit(staging, self.output, self.overwrite)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            if created and not any(self.output.iterdir()):
                self.output.rmdir()  # a failed run leaves no trace, not even its folder
            raise
        shutil.rmtree(staging, ignore_errors=True)
        used = dict(chosen, **out.recorded)
        record = {"analysis": name, "parameters": used, "inputs": dict(inputs or {})}
        result = RunResult(name, used, files, value, record)
        self.results.append(result)
        return result

    def write_params(
        self, analysis: str | None = None, parameters: Mapping[str, Any] | None = None, inputs: Mapping | None = None
    ) -> Path:
        """Write ``params.json`` for the runs made so far and return its path.

        With one run and no ``analysis`` given, the file records that run (``analysis``,
        ``parameters``, ``inputs``); otherwise it records ``analysis``/``parameters``/``inputs`` as given
        (a command or the demo) with each run under ``runs``.
        """
        from . import __version__

        if analysis is None and len(self.results) == 1:
            data = dict(self.results[0].record)
        else:
            data = {
                "analysis": analysis,
                "parameters": dict(parameters or {}),
                "inputs": dict(inputs or {}),
                "runs": [r.record for r in self.results],
            }
        data.update(
            {
                "litkit_version": __version__,
                "python": platform.python_version().rsplit(".", 1)[0],
                "formats": list(self.formats),
            }
        )
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=_json_default) + "\n"
        return _atomic.write_text(self.output / PARAMS_FILE, text, overwrite=self.overwrite)


class RunOutput:
    """What a runner writes through: tables, figures and text files in the run's (staging) folder.

    Names are relative to the output folder and may contain a subfolder (``"wos/keywords"``).
    """

    def __init__(self, folder: Path, formats: Sequence[str], client=None):
        self.folder = Path(folder)
        self.formats = tuple(formats)
        self.client = client
        self.recorded: dict[str, Any] = {}

    def path(self, name: str) -> Path:
        """Where a file called ``name`` goes (for a library writer that takes a path; parent folders made)."""
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def table(self, df, name: str, **to_csv) -> Path:
        """Write ``df`` to ``name.csv`` (UTF-8, LF, no index, :data:`FLOAT_FORMAT`)."""
        to_csv.setdefault("float_format", FLOAT_FORMAT)
        return _atomic.write_csv(df, self.path(f"{name}.csv"), overwrite=True, **to_csv)

    def figure(self, fig, stem: str) -> list[Path]:
        """Save ``fig`` as ``stem.<format>`` for each of the run's formats, then close it."""
        from .plot.style import save_figure

        return save_figure(fig, self.path(stem), formats=self.formats, overwrite=True, close=True)

    def text(self, name: str, text: str) -> Path:
        """Write ``text`` (UTF-8, LF) to ``name``."""
        return _atomic.write_text(self.path(name), text, overwrite=True)

    def record(self, **values) -> None:
        """Record values the run worked out (a period, a count) in params.json beside the parameters."""
        self.recorded.update(values)


# ---------------------------------------------------------------------------------------------
# runners: one small function per analysis (see "Adding an analysis" above)
# ---------------------------------------------------------------------------------------------
def run_ingest_summary(corpus, out: RunOutput, *, relative_to: str | None = None):
    """What was read: ``ingest_summary.txt`` (the text ``litkit ingest`` prints) and ``ingest_files.csv``.

    ``relative_to``: a folder whose path is cut from file names, so outputs do not depend on where
    the data live.
    """
    from .io.ingest_summary import ingest_summary

    def rel(text: str) -> str:
        return text.replace(str(Path(relative_to)) + os.sep, "") if relative_to else text

    read = corpus
    if getattr(corpus.report, "ingest", None) is not None:
        from .corpus import Corpus

        # a merged corpus: its report is the merge report, which keeps the ingest report
        read = Corpus(corpus.df, report=corpus.report.ingest)
    out.text("ingest_summary.txt", rel(ingest_summary(read)) + "\n")
    files = read.report.files_table()
    files["file"] = [rel(str(f)) for f in files["file"]]
    out.table(files, "ingest_files")
    return corpus


def run_merge(corpus, out: RunOutput):
    """Merge the records found in several databases; ``merge_report.csv`` lists every match."""
    import litkit

    merged = litkit.merge(corpus)
    merged.report.to_csv(out.path("merge_report.csv"), overwrite=True)
    out.record(records_in=len(corpus), records_out=len(merged))
    return merged


def run_production(corpus, out: RunOutput, *, first_year: int | None = None, last_year: int | None = None):
    """Annual scientific production by database with growth: ``annual_production.csv`` and figure."""
    from .plot.timelines import plot_production
    from .timelines import annual_production

    years = _year_range(corpus, first_year, last_year)
    table = annual_production(corpus, years=years)
    out.table(table, "annual_production")
    out.figure(plot_production(table), "annual_production")
    if len(table):
        out.record(period=[int(table["year"].iloc[0]), int(table["year"].iloc[-1])])
    return table


def _reusing_terms(runner):
    """Run ``runner`` inside :func:`litkit.text.reuse_terms`: its views clean the corpus's keywords once."""
    import functools

    @functools.wraps(runner)
    def wrapped(*args, **kwargs):
        from .text import reuse_terms

        with reuse_terms():
            return runner(*args, **kwargs)

    return wrapped


@_reusing_terms
def run_keyword_views(
    corpus,
    out: RunOutput,
    *,
    field: str = "DE",
    min_occurrences: int = 2,
    thesaurus: str | list[str] | None = "default",
    views: list[str] = ("keyword_timeline", "time_zone", "thematic_map"),
    periods: list[list[int]] | None = None,
    clusters: str = "louvain",
    cooccurrence: dict | None = None,
):
    """Keyword timeline, time zone, thematic map (``views``) and thematic evolution (``periods``).

    ``clusters``: ``"louvain"`` (:func:`litkit.timelines.keyword_clusters`) or ``"cooccurrence"`` (the
    clusters of the keyword co-occurrence map made with the ``cooccurrence`` parameters, as in the
    demo).  Writes ``keyword_timeline``, ``time_zone`` (table ``time_zone_keywords.csv``),
    ``thematic_map`` and ``thematic_evolution`` tables and figures; an empty view writes its table only.
    """
    import litkit

    from . import timelines as tl
    from .plot import timelines as plot

    unknown = sorted(set(views) - {"keyword_timeline", "time_zone", "thematic_map"})
    if unknown:
        raise LitkitError(f"unknown keyword view(s) {unknown}", expected="keyword_timeline, time_zone, thematic_map")
    options = dict(field=field, min_occurrences=min_occurrences, thesaurus=thesaurus)
    cluster_table = display = None
    if clusters == "cooccurrence":
        settings = dict(cooccurrence or {})
        settings.setdefault("field", field)
        if thesaurus is not None:
            settings.setdefault("thesaurus", thesaurus)
        net = litkit.cooccurrence(corpus, **settings)
        cluster_table, display = net.keywords[["keyword", "cluster"]], net.keywords
    elif clusters != "louvain":
        raise LitkitError(f"unknown clusters {clusters!r}", expected="louvain or cooccurrence")
    result = {}
    if "keyword_timeline" in views:
        line = result["keyword_timeline"] = tl.keyword_timeline(corpus, clusters=cluster_table, **options)
        out.table(line, "keyword_timeline")
        if len(line):
            out.figure(plot.plot_keyword_timeline(line, display=display), "keyword_timeline")
    if "time_zone" in views:
        zone = result["time_zone"] = tl.time_zone(corpus, **options)
        out.table(zone.nodes, "time_zone_keywords")
        if len(zone.nodes):
            out.figure(plot.plot_time_zone(zone), "time_zone")
    if "thematic_map" in views:
        themes = result["thematic_map"] = tl.thematic_map(corpus, clusters=cluster_table, **options)
        out.table(themes.themes, "thematic_map")
        if len(themes.themes):
            out.figure(plot.plot_thematic_map(themes.themes), "thematic_map")
    if periods:
        spans = [(int(a), int(b)) for a, b in periods]
        evolution = result["thematic_evolution"] = tl.thematic_evolution(corpus, spans, **options)
        out.table(evolution.links, "thematic_evolution")
        out.figure(plot.plot_thematic_evolution(evolution), "thematic_evolution")
    if clusters == "louvain":
        out.record(louvain_seed=tl.LOUVAIN_SEED)
    return result


def run_cooccurrence(
    corpus,
    out: RunOutput,
    *,
    field: str | list[str] = "DE",
    min_occurrence: int = 2,
    top_n: int | None = 200,
    rank_by: str = "occurrences",
    stoplist: str | None = "default",
    thesaurus: str | list[str] | None = "default",
    aliases: bool | str = False,
    stem: bool = False,
    merge_plurals: bool = True,
    zh_variants: bool = False,
    counting: str = "full",
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    label_method: str = "llr",
    layout: str = "vos",
    labels: int = 40,
    views: Sequence[str] = ("network",),
):
    """Keyword co-occurrence map (Figure 6): the network's tables, VOSviewer, GEXF, GraphML and HTML files
    (:meth:`~litkit.network.KeywordNetwork.export`) and the map ``keyword_map``; ``labels`` terms labelled.

    ``views``: VOSviewer's views drawn, each as a figure and an HTML page: ``"network"`` (``keyword_map``,
    ``keyword_network.html``), ``"overlay"`` (coloured by average publication year: ``keyword_map_overlay``,
    ``keyword_network_overlay.html``) and ``"density"`` (``keyword_map_density``, ``keyword_network_density.html``)."""

    from .plot.network import VIEWS, network_html, plot_network

    views = list(dict.fromkeys(views))  # in the order given, each once
    unknown = [v for v in views if v not in VIEWS]
    if unknown or not views:
        raise LitkitError(f"unknown map view(s) {unknown}" if unknown else "no map view", expected=", ".join(VIEWS))

    options = dict(
        field=field,
        min_occurrence=min_occurrence,
        top_n=top_n,
        rank_by=rank_by,
        stoplist=stoplist,
        thesaurus=thesaurus,
        aliases=aliases,
        stem=stem,
        merge_plurals=merge_plurals,
        zh_variants=zh_variants,
        counting=counting,
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        label_method=label_method,
        layout=layout,
    )
    net = _build_network("cooccurrence", corpus, out, options)
    net.export(out.folder, overwrite=True, figure=False, html="network" in views)
    (out.folder / PARAMS_FILE).unlink(missing_ok=True)  # the run's own params.json records net.params
    for view in views:
        suffix = "" if view == "network" else f"_{view}"
        out.figure(plot_network(net, n_labels=labels, view=view), f"keyword_map{suffix}")
        if view != "network":  # (the network view's page is written by export)
            out.text(f"keyword_network{suffix}.html", network_html(net, view=view))
    out.record(**{k: v for k, v in net.params.items() if k not in options or k == "field"})
    return net


def run_bursts(
    corpus,
    out: RunOutput,
    *,
    kind: str = "cited_journal",
    top: int | None = 20,
    s: float = 2.0,
    gamma: float = 1.0,
    min_duration: int = 1,
    slice_years: int = 1,
    field: str = "DE",
    counting: str = "records",
    first_year: int | None = None,
    last_year: int | None = None,
    thesaurus: str | list[str] | None = "default",
):
    """Kleinberg bursts (Figure 5): ``bursts_<kind>.csv`` and its figure (none when nothing bursts).

    ``thesaurus`` (keyword bursts): as the keyword map's, ``"default"`` unless given, so that a keyword is
    the same item in the burst table as on the map.
    """
    from .bursts import citation_bursts, write_burst_table
    from .plot.bursts import plot_bursts

    options = dict(
        kind=kind,
        top=top,
        s=s,
        gamma=gamma,
        min_duration=min_duration,
        slice_years=slice_years,
        field=field,
        counting=counting,
        thesaurus=thesaurus,
    )
    years = _year_range(corpus, first_year, last_year)
    if out.client is not None:
        import litkit.scale

        table = litkit.scale.citation_bursts(corpus, **options, years=years, client=out.client)
    else:
        table = citation_bursts(corpus, **options, years=years)
    period = tuple(int(y) for y in table.attrs["period"])
    write_burst_table(table, out.path(f"bursts_{kind}.csv"), kind=kind, overwrite=True)
    if len(table):
        shown = table.assign(item=table["label"]) if "label" in table.columns else table  # the map's keyword labels
        out.figure(plot_bursts(shown, kind=kind, period=period), f"bursts_{kind}")
    out.record(period=list(period))
    if kind == "cited_journal" and (ids := _id_references(corpus)):
        out.record(
            message=f"{ids} cited references are Lens/OpenAlex IDs, which name no journal: not counted",
            id_references_skipped=ids,
        )
    if kind in ("cited_journal", "cited_reference") and not len(table) and hasattr(corpus, "df"):
        if not corpus.df["CR"].map(len, na_action="ignore").fillna(0).any():  # say why, as litkit cocite does
            out.record(message="the corpus has no cited references (CR); CNKI and PubMed exports carry none")
    return table


def _id_references(corpus) -> int:
    """Cited references of the corpus that are Lens / OpenAlex IDs (litkit.refs.ids): only those records' CR is read."""
    if hasattr(corpus, "df"):
        return _id_references_of(corpus.df["DB"], lambda: corpus.df["CR"])
    # Partitions one at a time: the driver never holds the whole CR column (as pc.column("CR") would).
    import pyarrow.parquet as pq

    def read(path, name: str):
        return pq.read_table(path, columns=[name]).column(name).to_pandas()

    return sum(_id_references_of(read(p, "DB"), lambda p=p: read(p, "CR")) for p in corpus.partitions)


def _id_references_of(db, cited) -> int:
    """ID references in the ``CR`` of the Lens/OpenAlex records among ``db``; ``cited()`` reads CR only if there are any."""
    from .refs.ids import count_id_references

    mask = db.astype(str).str.contains("Lens|OpenAlex", regex=True).to_numpy()
    return count_id_references(cited()[mask]) if mask.any() else 0


def run_policy_timeline(
    docs,
    out: RunOutput,
    *,
    phases: list[list] | None = None,
    language: str = "both",
    terms: list[str] | None = None,
    title: str | None = None,
    name: str = "policy",
):
    """Policy documents on a timeline (the review's Table 1): ``<name>_timeline.csv`` and its figure,
    ``<name>_documents.csv``, and for documents with text ``<name>_terms.csv`` and
    ``<name>_terms_first.csv`` (and ``<name>_problems.csv`` when reading found problems).

    ``docs`` is a :class:`litkit.policy.PolicyCorpus`; ``phases`` are ``[start, end, label_en, label_zh]``
    (default: the project's three phases); ``name`` lets two timelines share a folder.  More documents than
    one timeline can label (``litkit.plot.policy.MAX_TIMELINE_DOCUMENTS``) give ``<name>_per_year`` (documents
    per year by issuer) instead of the timeline figure, and params.json says so.
    """
    import litkit.policy as lp

    from .plot.policy import MAX_TIMELINE_DOCUMENTS, plot_documents_per_year, plot_timeline

    specs = [tuple(p) for p in phases] if phases else None
    table = lp.timeline_table(docs, phases=specs)
    listing = docs.df.drop(columns=["text"]).copy()
    for col in ("issuers", "topics"):
        listing[col] = ["; ".join(v) for v in listing[col]]
    out.table(listing, f"{name}_documents")
    out.table(table, f"{name}_timeline")
    extra = {"title": title} if title is not None else {}
    if len(table) <= MAX_TIMELINE_DOCUMENTS:
        out.figure(plot_timeline(table, phases=specs, language=language, **extra), f"{name}_timeline")
    else:  # a list of thousands: no labelled timeline can be read; the counts per year and lane can
        out.figure(plot_documents_per_year(table, phases=specs, language=language, **extra), f"{name}_per_year")
        out.record(
            timeline_figure=f"not drawn: {len(table):,} documents, more than the {MAX_TIMELINE_DOCUMENTS} one "
            f"timeline labels; {name}_per_year shows them per year (select documents to draw the timeline)"
        )
    has_text = bool(len(docs)) and bool(docs.df["text"].map(bool).any())
    if has_text:
        counts = lp.term_counts(docs, terms or lp.DEFAULT_TERMS)
        out.table(counts, f"{name}_terms")
        out.table(lp.first_appearance(counts), f"{name}_terms_first")
        if len(docs.problems):
            out.table(docs.problems, f"{name}_problems")
        out.record(terms=list(terms or lp.DEFAULT_TERMS))
    out.record(documents=len(docs))
    return table


def run_policy_overlay(
    data,
    out: RunOutput,
    *,
    phases: list[list] | None = None,
    bursts: str | None = "cited_journal",
    top: int | None = 20,
    s: float = 2.0,
    gamma: float = 1.0,
    min_duration: int = 1,
    slice_years: int = 1,
):
    """Policy milestones on the literature: ``literature_policy_overlay`` (publications per year with the
    documents marked) and, with ``bursts`` a burst kind, ``bursts_<kind>_policy`` (the burst figure
    with numbered policy lines).  ``data`` is ``(corpus, policy documents)``."""
    import litkit.policy as lp

    from .bursts import citation_bursts
    from .plot.bursts import plot_bursts
    from .plot.policy import plot_overlay
    from .timelines import annual_production

    corpus, docs = data
    events = lp.timeline_table(docs, phases=[tuple(p) for p in phases] if phases else None)
    production = annual_production(corpus)
    publications = production.rename(columns={"total": "count"})[["year", "count"]]
    overlay = lp.overlay_table(events, publications)
    out.table(overlay, "literature_policy_overlay")
    out.figure(plot_overlay(overlay, events), "literature_policy_overlay")
    if bursts:
        options = dict(top=top, s=s, gamma=gamma, min_duration=min_duration, slice_years=slice_years)
        table = citation_bursts(corpus, kind=bursts, **options)
        if len(table):
            period = tuple(int(y) for y in table.attrs["period"])
            out.figure(plot_bursts(table, kind=bursts, period=period, events=events), f"bursts_{bursts}_policy")
    out.record(events=len(events))
    return overlay


#: The record columns the summary's tables other than the main information read (on a partitioned
#: corpus only these are gathered on the driver).
SUMMARY_TABLE_COLUMNS = ("UT", "AU", "SO", "J9", "DI", "PY", "TC")


def run_summary(corpus, out: RunOutput, *, as_of: int | None = None, top: int = 20):
    """Descriptive indicators (bibliometrix's ``biblioAnalysis``): ``main_information.csv``, production per
    year, most productive authors, sources, institutions and countries, most cited documents, h-index per
    author and per source, Lotka's law and Bradford's zones, as tables (every row) and figures (``top`` rows).

    Institutions and countries come from :func:`litkit.affiliations`; ``as_of`` is the reference year of
    ages, citations per year and m-index (default: the latest publication year).
    """
    from . import indicators as ind
    from .addresses import affiliations
    from .plot import indicators as plot

    if out.client is not None:  # a partitioned corpus: counts per partition, summed; no CR on the driver
        import litkit.scale

        aff = litkit.scale.affiliations(corpus, client=out.client)
        main = litkit.scale.summary(corpus, as_of=as_of, affiliations=aff, client=out.client)
        # The tables below read only these columns of the records.
        corpus = litkit.scale.gather(
            corpus, with_references=False, columns=list(SUMMARY_TABLE_COLUMNS), client=out.client
        )
    else:
        aff = affiliations(corpus)
        main = ind.summary(corpus, as_of=as_of, affiliations=aff)
    # Results mixes text, counts and rates in one column: rates get the runs' float format by hand.
    # A rate that cannot be computed (no TC, no country anywhere) is an empty cell, as pandas writes NaN.
    shown = [("" if v != v else FLOAT_FORMAT % v) if isinstance(v, float) else v for v in main["Results"]]
    out.table(main.assign(Results=shown), "main_information")
    production = ind.annual_production(corpus)
    out.table(production, "annual_articles")
    if len(production):
        out.figure(plot.plot_annual_production(production), "annual_articles")
    tables = {
        ("top_authors", "author"): ind.top_authors(corpus),
        ("top_sources", "source"): ind.top_sources(corpus),
        ("top_institutions", "institution"): ind.top_institutions(corpus, aff),
        ("top_countries", "country"): ind.top_countries(corpus, aff),
    }
    for (name, label), table in tables.items():
        out.table(table, name)
        if len(table):
            out.figure(plot.plot_top(table, label, top=top), name)
    cited = ind.most_cited(corpus, as_of=as_of)
    out.table(cited, "most_cited")
    if len(cited) and not cited["TC"].notna().any():  # say why the citation tables hold no counts
        out.record(
            message="no record has a citation count (TC): most_cited and the h-index tables hold none "
            "(CNKI RefWorks/EndNote exports carry none; CNKI's result-list .xls has 被引)"
        )
    for field in ("author", "source"):
        out.table(ind.hindex(corpus, field=field, as_of=as_of), f"hindex_{field}s")
    if len(tables["top_authors", "author"]):
        law = ind.lotka(corpus)
        out.table(law.table, "lotka")
        out.table(law.parameters(), "lotka_fit")
        out.figure(plot.plot_lotka(law), "lotka")
    zones = ind.bradford(corpus)
    out.table(zones, "bradford")
    if len(zones):
        out.figure(plot.plot_bradford(zones), "bradford")
    out.record(as_of_used=main.attrs["as_of"], documents=len(corpus))
    return main


def run_cocitation(
    corpus,
    out: RunOutput,
    *,
    unit: str = "reference",
    min_citations: int = 2,
    top_n: int | None = 200,
    counting: str = "full",
    normalization: str | None = "association",
    slice_years: int | None = None,
    selection: dict | None = None,
    pruning: str | None = None,
    seed: int = 42,
    labels: int = 30,
    timeline_clusters: int = 10,
    label_fields: list[str] = ("TI", "DE", "ID"),
):
    """Co-citation network (CiteSpace's DCA / JCA / ACA): the network's files (:meth:`Network.export`), the
    map ``cocitation_map`` and, when the nodes have years, the timeline view ``cocitation_timeline`` and the
    time-zone view ``cocitation_timezone`` (:mod:`litkit.plot.citation`).  ``label_fields``: where the
    clusters' label terms come from (the citing records' fields; ``["DE"]``: their keywords only)."""

    from .plot import citation as plot

    options = dict(
        unit=unit,
        min_citations=min_citations,
        top_n=top_n,
        counting=counting,
        normalization=normalization,
        slice_years=slice_years,
        selection=selection,
        pruning=pruning,
        seed=seed,
        label_fields=tuple(label_fields),
    )
    net = _build_network("cocitation", corpus, out, options)
    _citation_figures(net, out, "cocitation", labels, timeline_clusters, plot)
    return net


def run_coupling(
    corpus,
    out: RunOutput,
    *,
    unit: str = "document",
    min_documents: int = 1,
    top_n: int | None = 200,
    min_citations: int = 0,
    counting: str = "full",
    normalization: str | None = "association",
    seed: int = 42,
    labels: int = 30,
):
    """Bibliographic coupling network: the network's files and the map ``coupling_map``."""

    from .plot import citation as plot

    options = dict(
        unit=unit,
        min_documents=min_documents,
        top_n=top_n,
        min_citations=min_citations,
        counting=counting,
        normalization=normalization,
        seed=seed,
    )
    net = _build_network("coupling", corpus, out, options)
    _citation_figures(net, out, "coupling", labels, 0, plot)
    return net


def run_citations(corpus, out: RunOutput, *, min_lcs: int = 0, top: int = 60, labels: int = 20, seed: int = 42):
    """Direct citations between the corpus's records: the network's files (``match`` says how each link was
    found) and the historiograph ``historiograph`` (the ``top`` records by LCS, ``labels`` labelled)."""

    from .plot import citation as plot

    net = _build_network("citation_network", corpus, out, {"min_lcs": min_lcs, "seed": seed})
    # Above litkit.citation_network's layout_limit the nodes have no map coordinates: no HTML map either.
    net.export(out.folder, overwrite=True, figure=False, html=not net.params.get("layout_skipped", False))
    (out.folder / PARAMS_FILE).unlink(missing_ok=True)  # the run's own params.json records net.params
    if not net.is_empty():
        out.figure(plot.plot_historiograph(net.nodes, net.links(), top=top, n_labels=labels), "historiograph")
    out.record(nodes=len(net), links=int(net.n_links), message=net.message)
    return net


def run_collab(
    corpus,
    out: RunOutput,
    *,
    unit: str = "country",
    counting: str = "full",
    max_authors: int | None = 25,
    min_documents: int = 1,
    top_n: int | None = 200,
    normalization: str | None = "association",
    seed: int = 42,
    labels: int = 30,
    top: int = 20,
    label_fields: list[str] = (),
    group_greater_china: bool = False,
):
    """Collaboration network of authors, institutions or countries (:func:`litkit.collaboration`): the
    network's files (:meth:`Network.export`) and its map ``collaboration_<unit>_map``; for countries also
    the heatmap ``country_collaboration`` and ``country_production.csv`` (SCP/MCP per corresponding
    author's country) with its figure ``country_production`` (both figures: the ``top`` countries).

    ``label_fields``: fields the clusters' topic terms come from (none by default); ``group_greater_china``:
    Hong Kong, Macao and Taiwan counted with China (:func:`litkit.affiliations`)."""
    import litkit

    from .plot.collaboration import plot_collaboration_heatmap, plot_country_production

    aff = None
    options = dict(counting=counting, max_authors=max_authors, min_documents=min_documents, top_n=top_n)
    options["label_fields"] = list(label_fields)
    options.update(normalization=normalization, seed=seed)
    try:
        if out.client is not None:  # a partitioned corpus: parts computed per partition on the workers
            import litkit.scale

            if unit != "author":
                aff = litkit.scale.affiliations(corpus, group_greater_china=group_greater_china, client=out.client)
            net = litkit.scale.collaboration(corpus, unit, client=out.client, affiliations=aff, **options)
            # country_production reads only the number of records (and the affiliations).
            corpus = litkit.scale.collaboration_corpus(corpus, client=out.client, label_fields=())
        else:
            if unit != "author":
                aff = litkit.affiliations(corpus, group_greater_china=group_greater_china)
            net = litkit.collaboration(corpus, unit, affiliations=aff, **options)
    except ValueError as exc:
        raise LitkitError(str(exc)) from None
    net.export(out.folder, overwrite=True, figure=False, html=True)
    (out.folder / PARAMS_FILE).unlink(missing_ok=True)  # the run's own params.json records net.params
    skipped = int(net.params.get("records_skipped_max_authors", 0))
    out.record(nodes=len(net), links=int(net.n_links), message=net.message, records_skipped_max_authors=skipped)
    if not net.is_empty():
        out.figure(net.plot(n_labels=labels), f"collaboration_{unit}_map")
    if unit == "country":
        if not net.is_empty():
            out.figure(plot_collaboration_heatmap(net, top=top), "country_collaboration")
        production = litkit.country_production(corpus, aff)
        out.table(production, "country_production")
        if len(production):
            out.figure(plot_country_production(production, top=top), "country_production")
        out.record(records_without_country=int(production.attrs["records_without_country"]))
    return net


def _citation_figures(net, out: RunOutput, stem: str, labels: int, timeline_clusters: int, plot) -> None:
    """A co-citation or coupling network's files, map and (with years and clusters) timeline and time zones."""
    out.record(nodes=len(net), links=int(net.n_links), message=net.message)
    if not net.is_empty():
        size = net.size
        nodes, links = net.nodes, net.links()
        out.figure(plot.plot_cocitation_map(nodes, links, net.clusters, size=size, n_labels=labels), f"{stem}_map")
        if timeline_clusters and "year" in nodes and nodes["year"].notna().any():
            out.figure(
                plot.plot_timeline_view(nodes, links, net.clusters, size=size, max_clusters=timeline_clusters),
                f"{stem}_timeline",
            )
            out.figure(plot.plot_timezone_view(nodes, links, clusters=net.clusters, size=size), f"{stem}_timezone")
    # The files after the figures: while the last figure is written in the background (a command's
    # background_saving), this process writes them.
    net.export(out.folder, overwrite=True, figure=False, html=True)
    (out.folder / PARAMS_FILE).unlink(missing_ok=True)  # the run's own params.json records net.params


def run_trend_topics(
    corpus,
    out: RunOutput,
    *,
    field: str = "DE",
    min_frequency: int = 5,
    per_year: int | None = 3,
    first_year: int | None = None,
    last_year: int | None = None,
    thesaurus: str | list[str] | None = "default",
):
    """Trend topics (bibliometrix's ``fieldByYear``): ``trend_topics.csv`` and its figure ``trend_topics``
    (:func:`litkit.timelines.trend_topics`; no figure when no term is frequent enough).

    ``first_year`` / ``last_year``: keep terms whose median year lies in the period (bibliometrix's
    ``timespan``; a missing bound is the corpus's first or last year).
    """
    from .plot.trends import plot_trend_topics
    from .timelines import trend_topics

    years = _year_range(corpus, first_year, last_year)
    table = trend_topics(
        corpus, field=field, min_frequency=min_frequency, per_year=per_year, years=years, thesaurus=thesaurus
    )
    out.table(table, "trend_topics")
    if len(table):
        out.figure(plot_trend_topics(table), "trend_topics")
    out.record(terms=int(table.attrs["terms"]), terms_shown=len(table), period=table.attrs["period"])
    return table


def run_three_fields(
    corpus,
    out: RunOutput,
    *,
    fields: list[str] = ("AU", "DE", "SO"),
    top: list[int] = (20, 20, 20),
    thesaurus: str | list[str] | None = "default",
):
    """Three-field plot (bibliometrix's ``threeFieldsPlot``): ``three_fields_nodes.csv``,
    ``three_fields_links.csv``, the Sankey figure ``three_fields`` and the page ``three_fields.html``
    (:func:`litkit.indicators.three_fields`; no figure or page when no record links two columns)."""
    from .indicators import three_fields
    from .plot.sankey import plot_three_fields, three_fields_html

    result = three_fields(corpus, fields=fields, top=top, thesaurus=thesaurus)
    out.table(result.nodes, "three_fields_nodes")
    out.table(result.links, "three_fields_links")
    if len(result.links):
        out.figure(plot_three_fields(result), "three_fields")
        out.text("three_fields.html", three_fields_html(result))
    else:
        out.record(message="no record has items of two neighbouring columns: nothing to draw")
    out.record(nodes=len(result.nodes), links=len(result.links), dropped=result.nodes.attrs["dropped"])
    return result


#: Every analysis a run can make: name → :class:`Analysis` (runner, one-line summary, Dask or not).
ANALYSES: dict[str, Analysis] = {
    "ingest_summary": Analysis(run_ingest_summary, "What was read: files, databases, years, fields, problems."),
    "merge": Analysis(run_merge, "Merge records found in several databases; the merge report."),
    "production": Analysis(run_production, "Annual scientific production by database, with growth."),
    "keyword_views": Analysis(run_keyword_views, "Keyword timeline, time zone, thematic map and evolution."),
    "cooccurrence": Analysis(run_cooccurrence, "Keyword co-occurrence map (VOSviewer style).", on_dask=True),
    "bursts": Analysis(run_bursts, "Kleinberg bursts of cited journals, references, keywords, authors.", on_dask=True),
    "policy_timeline": Analysis(run_policy_timeline, "Policy documents on a timeline, term counts."),
    "policy_overlay": Analysis(run_policy_overlay, "Policy milestones on publications and bursts."),
    "summary": Analysis(
        run_summary, "Main information, productivity, h-index, Lotka and Bradford (bibliometrix).", on_dask=True
    ),
    "cocitation": Analysis(
        run_cocitation, "Co-citation network of references, sources or authors (CiteSpace).", on_dask=True
    ),
    "coupling": Analysis(
        run_coupling, "Bibliographic coupling of documents, authors, sources, institutions.", on_dask=True
    ),
    "citations": Analysis(run_citations, "Direct citations between the records: the historiograph.", on_dask=True),
    "collab": Analysis(
        run_collab, "Collaboration network of authors, institutions or countries; SCP/MCP.", on_dask=True
    ),
    "trend_topics": Analysis(run_trend_topics, "Trend topics: quartile years of each term (bibliometrix)."),
    "three_fields": Analysis(run_three_fields, "Three-field plot: top items of three fields, a Sankey (bibliometrix)."),
}


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _build_network(builder: str, corpus, out: RunOutput, options: dict):
    """``litkit.<builder>(corpus, **options)``, or ``litkit.scale.<builder>`` on ``out.client``.

    A ValueError raised deep in the network code by a bad parameter value is a user error: it
    becomes a one-line LitkitError.
    """
    import litkit

    try:
        if out.client is not None:
            import litkit.scale

            return getattr(litkit.scale, builder)(corpus, **options, client=out.client)
        return getattr(litkit, builder)(corpus, **options)
    except ValueError as exc:
        raise LitkitError(str(exc)) from None


def _parameters_of(runner) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(runner).parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY]


def _resolve(name: str, spec: Analysis, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Defaults updated with ``params``; an unknown name is a user error, not a TypeError."""
    known = {p.name: p.default for p in _parameters_of(spec.runner)}
    given = dict(params or {})
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise LitkitError(
            f"unknown parameter(s) {unknown} of analysis {name!r}", expected="one of " + ", ".join(sorted(known))
        )
    chosen = {**known, **given}
    # Tuples (immutable defaults) and lists mean the same; record lists so params.json reads the same.
    return {k: list(v) if isinstance(v, tuple) else v for k, v in chosen.items()}


def _commit(staging: Path, output: Path, overwrite: bool) -> list[Path]:
    """Move the staged files into ``output``; refuse (moving nothing) if one exists and ``overwrite`` is false."""
    staged = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file() and not p.name.endswith(".part"))
    targets = [output / rel for rel in staged]
    if not overwrite:
        existing = [t for t in targets if t.exists()]
        if existing:
            more = f" and {len(existing) - 1} other file(s)" if len(existing) > 1 else ""
            raise OutputExistsError(
                f"output exists{more}; pass overwrite=True (CLI: --force) to replace",
                path=existing[0],
                expected="a path that does not exist yet",
            )
    for rel, target in zip(staged, targets):
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)  # same filesystem: each file appears whole
    return targets


def _year_range(corpus, first_year: int | None, last_year: int | None) -> tuple[int, int] | None:
    """``(first, last)`` from the two bounds, the corpus's own years filling a missing one; None if neither."""
    if first_year is None and last_year is None:
        return None
    py = corpus.column("PY") if hasattr(corpus, "column") else corpus.df["PY"]
    py = py.dropna()
    if py.empty:
        raise LitkitError("no record has a publication year", expected="records with PY to take the period from")
    return (
        int(first_year) if first_year is not None else int(py.min()),
        int(last_year) if last_year is not None else int(py.max()),
    )


def _json_default(value):
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)
