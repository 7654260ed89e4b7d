"""The review file: load and check ``review.toml``, write a commented one, turn ``params.json`` into entries.

Format (TOML; read with :mod:`tomllib`, written by the small writer below so that comments survive)::

    # litkit review file
    [review]
    title = "Ecological products, 2000-2024"   # title of results/report.html (optional)
    formats = ["png"]                           # figure formats: png, svg, pdf

    [corpus]
    exports = ["wos/", "cnki/*.txt", "scopus/scopus.csv"]   # files, folders, globs; relative to this file
    merge = true                                # merge records found in several databases
    # first_year = 2000                         # keep records published from ... (optional)
    # last_year = 2019                          # ... up to (optional)

    [policy]                                    # optional: for policy_timeline / policy_overlay
    metadata = "policy/central_documents.csv"   # a table of documents (joined to the documents' texts)
    # documents = ["policy/texts/", "policy/state_council_docs_merged.csv"]   # texts and collection files
    # source = "auto"                           # or laws, state_council_list, gccmpd ... (litkit.policy.read)

    [[analysis]]
    name = "keywords_wos"     # results/keywords_wos/ (default: the kind)
    analysis = "cooccurrence" # an analysis of litkit.runs.ANALYSES
    databases = ["WoS"]       # optional: run on these databases' records only
    min_occurrence = 2        # any parameter of the analysis (litkit.runs.parameters(kind))

A parameter whose default is ``None`` is set back to ``None`` with the string ``"none"`` (TOML has no
null).  A string parameter naming an existing file relative to the review file (a thesaurus, a
stoplist) is read from there, and its content is part of the analysis' hash.

Every mistake is one :class:`~litkit.errors.LitkitError` naming the file, the line, the entry and the key.
"""

from __future__ import annotations

import glob
import json
import math
import re

try:  # Python 3.11+; on 3.10 the tomli backport reads the same files
    import tomllib
except ImportError:  # pragma: no cover
    import tomli as tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LitkitError

__all__ = [
    "Entry",
    "Review",
    "entries_from_params",
    "entry_from_params",
    "expand_exports",
    "format_entry",
    "init_text",
    "load_review",
    "select_years",
    "toml_value",
    "write_init",
]

#: Keys of an ``[[analysis]]`` entry that are not parameters of the analysis.
ENTRY_KEYS = ("name", "analysis", "databases")
#: Keys of the ``[corpus]`` table.
CORPUS_KEYS = ("exports", "merge", "first_year", "last_year")
#: Keys of the ``[policy]`` table.
POLICY_KEYS = ("metadata", "documents", "source")
#: Keys of the ``[review]`` table.
REVIEW_KEYS = ("title", "formats")
#: Parameters whose string value (other than "default" / "none") is a file, relative to the review file.
FILE_PARAMETERS = ("thesaurus", "stoplist", "aliases")
#: Names an analysis folder may not take (the results folder's own files).
RESERVED = ("corpus.parquet", "manifest.json", "report.html", "ingest_problems.csv")
#: The analyses ``litkit init`` puts in a new review file: (kind, parameters shown uncommented).
DEFAULT_ANALYSES = (
    ("summary", {}),
    ("production", {}),
    ("cooccurrence", {}),
    ("bursts", {"kind": "keyword"}),
    ("bursts", {"kind": "cited_journal"}),
)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Entry:
    """One ``[[analysis]]`` of a review: its folder ``name``, the analysis (``kind``, the file's key
    ``analysis``), the databases it runs on and its parameters."""

    name: str
    kind: str
    params: dict
    databases: tuple[str, ...] | None = None
    index: int = 0


@dataclass
class Review:
    """A loaded, checked review file.

    Attributes
    ----------
    path : Path
        The review file (absolute).
    exports : list of str
        The exports as written in the file (relative to its folder).
    merge : bool
        Merge records found in several databases.
    first_year, last_year : int or None
        Publication years kept.
    policy : dict
        ``metadata`` (a path or None), ``documents`` (a list of paths), absolute, and ``source`` (how
        :func:`litkit.policy.read` reads the documents, ``"auto"``); empty without ``[policy]``.
    analyses : list of Entry
        The analyses, in file order.
    title : str
    formats : tuple of str
    """

    path: Path
    exports: list[str]
    merge: bool = True
    first_year: int | None = None
    last_year: int | None = None
    policy: dict = field(default_factory=dict)
    analyses: list[Entry] = field(default_factory=list)
    title: str = "litkit review"
    formats: tuple[str, ...] = ("png",)

    @property
    def folder(self) -> Path:
        """The folder of the review file: relative paths start here."""
        return self.path.parent

    def export_paths(self) -> list[Path]:
        """The exports as paths (globs expanded), sorted, so the order in the file does not matter."""
        return expand_exports(self.exports, self.folder, self.path)


def load_review(path: str | Path) -> Review:
    """Read and check a review file.

    Parameters
    ----------
    path : str or Path
        ``review.toml``.

    Returns
    -------
    Review

    Raises
    ------
    LitkitError
        One line naming the file, line, entry and key: a TOML syntax error, an unknown table or key,
        an unknown analysis or parameter, a missing export, a bad value.

    Examples
    --------
    >>> review = load_review("review.toml")          # doctest: +SKIP
    >>> [e.name for e in review.analyses]            # doctest: +SKIP
    ['summary', 'production', 'cooccurrence', 'bursts_keyword']
    """
    from .. import runs

    path = Path(path).resolve()
    if not path.is_file():
        raise LitkitError("review file not found", path=path, expected="a review.toml (see `litkit init`)")
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # "Illegal character '\\n' (at line 111, column 15)": the line where every other error puts it
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", str(exc))
        if where is None:
            raise LitkitError(f"not a valid TOML file: {exc}", path=path) from None
        message = str(exc)[: where.start()]
        raise LitkitError(
            f"not a valid TOML file: {message} (column {where.group(2)})", path=path, line=int(where.group(1))
        ) from None
    unknown = sorted(set(data) - {"review", "corpus", "policy", "analysis"})
    if unknown:
        raise LitkitError(
            f"unknown table [{unknown[0]}]",
            path=path,
            line=_line_of(text, rf"^\s*\[+\s*{re.escape(unknown[0])}\b"),
            expected="[review], [corpus], [policy] and [[analysis]] entries",
        )
    head = _table(data, "review", REVIEW_KEYS, path, text)
    corpus = _table(data, "corpus", CORPUS_KEYS, path, text)
    policy = _table(data, "policy", POLICY_KEYS, path, text)
    if "corpus" not in data or "exports" not in corpus:
        raise LitkitError("[corpus] has no key 'exports'", path=path, expected="exports = [files, folders or globs]")
    exports = corpus["exports"]
    if isinstance(exports, str):
        exports = [exports]
    if not isinstance(exports, list) or not all(isinstance(e, str) for e in exports):
        raise LitkitError(
            "[corpus] key 'exports' is not a list of paths", path=path, line=_key_line(text, "corpus", 0, "exports")
        )
    review = Review(path=path, exports=list(exports))
    review.merge = _typed(corpus, "merge", bool, True, "corpus", path, text)
    review.first_year = _typed(corpus, "first_year", int, None, "corpus", path, text)
    review.last_year = _typed(corpus, "last_year", int, None, "corpus", path, text)
    review.title = _typed(head, "title", str, review.title, "review", path, text)
    formats = head.get("formats", list(review.formats))
    try:
        review.formats = runs.parse_formats(formats)
    except LitkitError as exc:
        raise LitkitError(
            f"[review] key 'formats': {exc.message}",
            path=path,
            line=_key_line(text, "review", 0, "formats"),
            expected=exc.expected,
        ) from None
    if policy:
        if "metadata" not in policy and "documents" not in policy:
            raise LitkitError(
                "[policy] has neither 'metadata' nor 'documents'",
                path=path,
                expected='metadata = "documents.csv" and/or documents = ["texts/", "state_council_docs_merged.csv"]',
            )
        given = _typed(policy, "metadata", str, None, "policy", path, text)
        meta = None if given is None else _existing(review.folder / given, path)
        if given is not None and meta is None:
            raise LitkitError(
                f"[policy] key 'metadata': file not found: {policy['metadata']}",
                path=path,
                line=_key_line(text, "policy", 0, "metadata"),
            )
        docs = policy.get("documents", [])
        docs = [docs] if isinstance(docs, str) else list(docs)
        found = []
        for d in docs:
            p = _existing(review.folder / str(d), path)
            if p is None:
                raise LitkitError(
                    f"[policy] key 'documents': not found: {d}",
                    path=path,
                    line=_key_line(text, "policy", 0, "documents"),
                )
            found.append(p)
        source = _typed(policy, "source", str, "auto", "policy", path, text)
        from ..policy import SOURCES

        if source != "auto" and source not in SOURCES:
            raise LitkitError(
                f"[policy] key 'source': unknown source {source!r}",
                path=path,
                line=_key_line(text, "policy", 0, "source"),
                expected="one of auto, " + ", ".join(SOURCES),
            )
        review.policy = {"metadata": meta, "documents": found, "source": source}
    review.export_paths()  # a missing export is an error now, not after the first analyses ran
    entries = data.get("analysis", [])
    if not isinstance(entries, list):
        raise LitkitError("'analysis' must be [[analysis]] entries", path=path, expected="[[analysis]] tables")
    seen: dict[str, int] = {}
    for i, raw in enumerate(entries):
        entry = _entry(raw, i, path, text, runs)
        if entry.name in seen:
            raise LitkitError(
                f"[[analysis]] #{i + 1} ({entry.name}): key 'name': the name is taken by entry #{seen[entry.name] + 1}",
                path=path,
                line=_key_line(text, "analysis", i, "name"),
                expected="a name per entry (the folder of its results)",
            )
        if entry.kind in ("policy_timeline", "policy_overlay") and not review.policy:
            raise LitkitError(
                f"[[analysis]] #{i + 1} ({entry.name}): key 'analysis': {entry.kind} needs policy documents",
                path=path,
                line=_key_line(text, "analysis", i, "analysis"),
                expected="a [policy] table with metadata = ... and/or documents = [...]",
            )
        _check_files(entry, review.folder, path, text)
        seen[entry.name] = i
        review.analyses.append(entry)
    return review


def expand_exports(exports: list[str], folder: Path, review_path: Path | None = None) -> list[Path]:
    """Files, folders and globs relative to ``folder`` as existing paths, sorted and without repeats.

    A path that does not exist or a glob that matches nothing is a :class:`LitkitError` naming it.
    """
    # Paths stay as the user reaches them (through a link, say: the names in the manifest and the records'
    # source_file are the user's), one per file they resolve to.
    found: dict[Path, Path] = {}
    for item in exports:
        pattern = str(folder / item)
        if any(ch in item for ch in "*?["):
            matches = [Path(m) for m in glob.glob(pattern, recursive=True)]
            if not matches:
                raise LitkitError(
                    f"[corpus] key 'exports': the pattern {item!r} matches no file",
                    path=review_path,
                    line=_export_line(review_path, item),
                    expected="an existing export file, folder or glob",
                )
            for m in sorted(matches):
                found.setdefault(m.resolve(), _absolute(m))
        else:
            p = Path(pattern)
            if not p.exists():
                raise LitkitError(
                    f"[corpus] key 'exports': export not found: {item}",
                    path=review_path,
                    line=_export_line(review_path, item),
                    expected="an existing export file, folder or glob (relative to the review file)",
                )
            found.setdefault(p.resolve(), _absolute(p))
    return sorted(found.values())


def select_years(corpus, first_year: int | None = None, last_year: int | None = None):
    """The records of ``corpus`` published from ``first_year`` to ``last_year`` (both kept; None = no bound).

    Records without a publication year are kept only when neither bound is given.

    Parameters
    ----------
    corpus : Corpus
    first_year, last_year : int, optional

    Returns
    -------
    Corpus
        A new corpus (same ingest report), in the same record order.

    Examples
    --------
    >>> early = select_years(corpus, last_year=2019)          # doctest: +SKIP
    >>> int(early.df["PY"].max()) <= 2019                     # doctest: +SKIP
    True
    """
    from ..corpus import Corpus

    if first_year is None and last_year is None:
        return corpus
    py = corpus.df["PY"]
    keep = py.notna()
    if first_year is not None:
        keep &= py >= int(first_year)
    if last_year is not None:
        keep &= py <= int(last_year)
    return Corpus(corpus.df[keep.to_numpy()].reset_index(drop=True), report=corpus.report)


def init_text(
    folder,
    review_path: str | Path,
    *,
    analyses=DEFAULT_ANALYSES,
    merge: bool = True,
    first_year: int | None = None,
    last_year: int | None = None,
    policy_metadata: str | Path | None = None,
    title: str | None = None,
    extra_entries: list[dict] = (),
) -> str:
    """The text of a commented review file for the exports in ``folder`` (see :func:`write_init`)."""
    from .. import runs

    folders = [folder] if isinstance(folder, (str, Path)) else list(folder)
    # absolute, not resolved: a link to the exports (or the policy table) stays the link the user made
    folders = [_absolute(f) for f in folders]
    review_path = _absolute(review_path)
    for f in folders:
        if not f.exists():
            raise LitkitError("folder of exports not found", path=f, expected="a folder with export files")
    if not folders:
        raise LitkitError("no exports given", expected="a folder of export files")
    exports = [_relative(f, review_path.parent) + ("/" if f.is_dir() else "") for f in folders]
    name = folders[0].name if len(folders) == 1 else folders[0].parent.name
    lines = [
        "# litkit review file: the exports and every analysis of a review, replayed by `litkit run`.",
        "# Paths are relative to this file.  `litkit run review.toml -o results/` reruns only what changed;",
        "# `litkit add review.toml NEW_EXPORTS...` adds exports; `litkit diff OLD NEW` says what changed.",
        "",
        "[review]",
        f"title = {toml_value(title or 'Review of ' + name)}",
        'formats = ["png"]  # figure formats: png, svg, pdf',
        "",
        "[corpus]",
        "exports = [",
        *[f"  {toml_value(e)}," for e in exports],
        "]",
        f"merge = {toml_value(bool(merge))}  # merge the records found in several databases (the merge report says how)",
        f"first_year = {first_year}"
        if first_year is not None
        else "# first_year = 2000  # keep records from this year",
        f"last_year = {last_year}" if last_year is not None else "# last_year = 2024  # ... up to this year",
    ]
    if policy_metadata is not None:
        meta = _relative(_absolute(policy_metadata), review_path.parent)
        lines += ["", "[policy]", f"metadata = {toml_value(meta)}", "# documents = []  # folders of policy texts"]
    entries: dict[str, tuple[dict, str | None]] = {}  # name -> (entry, comment), in the file's order
    for kind, given in analyses:
        name = kind if "kind" not in given or kind != "bursts" else f"bursts_{given['kind']}"
        entries[name] = ({"name": name, "analysis": kind, **given}, runs.analysis(kind).summary)
    defaults = set(entries)
    for entry in extra_entries:
        # names must be unique (litkit run refuses the file otherwise): an earlier command's run replaces the
        # default entry of its name; a second run of the same name gets a numbered name
        name = entry.get("name") or entry["analysis"]
        if name in entries and name not in defaults:
            name = next(f"{name}_{n}" for n in range(2, len(entries) + 3) if f"{name}_{n}" not in entries)
        comment = entries[name][1] if name in defaults else None
        defaults.discard(name)
        entries[name] = ({**entry, "name": name}, comment)
    for entry, comment in entries.values():
        lines += ["", format_entry(entry, comment=comment)]
    return "\n".join(lines) + "\n"


def write_init(folder, output: str | Path, *, overwrite: bool = False, **options) -> Path:
    """Write a commented ``review.toml`` for the exports in ``folder`` (``litkit init FOLDER -o review.toml``).

    Parameters
    ----------
    folder : str, Path or list of them
        The folder of export files (or export files, or several folders).
    output : str or Path
        The review file to write.
    overwrite : bool, default False
        Replace an existing file.
    **options
        ``analyses`` (``[(kind, {parameters}), ...]``, default :data:`DEFAULT_ANALYSES`), ``merge``,
        ``first_year``, ``last_year``, ``policy_metadata``, ``title``, ``extra_entries`` (entries as
        dicts, e.g. from :func:`entries_from_params`).

    Returns
    -------
    Path
        The file written.  Every parameter of every analysis is in it, the defaults commented out.

    Examples
    --------
    >>> write_init("exports/", "review.toml")                 # doctest: +SKIP
    PosixPath('review.toml')
    """
    from .._atomic import write_text

    text = init_text(folder, output, **options)
    tomllib.loads(text)  # what we write must read back
    return write_text(output, text, overwrite=overwrite)


def format_entry(entry: dict, comment: str | None = None) -> str:
    """One ``[[analysis]]`` entry as TOML: the given parameters set, every other one commented with its default.

    Examples
    --------
    >>> print(format_entry({"analysis": "production", "first_year": 2005}))
    [[analysis]]
    name = "production"
    analysis = "production"
    first_year = 2005
    # last_year = "none"
    """
    from .. import runs

    kind = entry["analysis"]
    defaults = runs.parameters(kind)
    lines = [f"# {comment}"] if comment else []
    lines += ["[[analysis]]", f"name = {toml_value(entry.get('name', kind))}", f"analysis = {toml_value(kind)}"]
    if entry.get("databases"):
        lines.append(f"databases = {toml_value(list(entry['databases']))}")
    for key, default in defaults.items():
        if key in ENTRY_KEYS:  # policy_timeline's own ``name``: the entry's folder name stands for it
            continue
        if key in entry:
            lines.append(f"{key} = {toml_value(entry[key])}")
        else:
            lines.append(f"# {key} = {toml_value(default)}")
    return "\n".join(lines)


def entries_from_params(path: str | Path) -> list[dict]:
    """The review entries of a ``params.json`` written by a litkit run (one per run it records).

    Only the analysis' parameters are kept (not the values the run worked out, such as the period).

    Parameters
    ----------
    path : str or Path
        A ``params.json`` (or the folder holding it).

    Returns
    -------
    list of dict
        ``{"name", "analysis", parameter: value ...}``, ready for :func:`format_entry`.

    Examples
    --------
    >>> entries_from_params("out/bursts/params.json")   # doctest: +SKIP
    [{'name': 'bursts_keyword', 'analysis': 'bursts', 'kind': 'keyword'}]
    """
    from .. import runs

    path = Path(path)
    if path.is_dir():
        path = path / runs.PARAMS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LitkitError("params.json not found", path=path, expected="a params.json written by litkit") from None
    except json.JSONDecodeError as exc:
        raise LitkitError(f"not JSON: {exc.msg}", path=path, line=exc.lineno) from None
    records = data.get("runs") or [data]
    entries = []
    for record in records:
        kind = record.get("analysis")
        if kind not in runs.ANALYSES:
            raise LitkitError(f"params.json records no known analysis ({kind!r})", path=path)
        known = runs.parameters(kind)
        given = record.get("parameters", {})
        params = {k: v for k, v in given.items() if k in known and k not in ENTRY_KEYS and v != _plain(known[k])}
        name = kind
        if kind == "bursts":
            name = f"bursts_{given.get('kind', known['kind'])}"
        elif kind == "policy_timeline" and given.get("name"):
            name = str(given["name"])
        taken = {e["name"] for e in entries}
        base, n = name, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        entries.append({"name": name, "analysis": kind, **{k: v for k, v in params.items() if v is not None}})
    return entries


def entry_from_params(path: str | Path) -> dict:
    """The review entry of a one-run ``params.json`` (see :func:`entries_from_params` for several runs).

    Examples
    --------
    >>> print(format_entry(entry_from_params("out/bursts/params.json")))   # doctest: +SKIP
    """
    entries = entries_from_params(path)
    if len(entries) != 1:
        raise LitkitError(
            f"params.json records {len(entries)} runs", path=path, expected="one run (use entries_from_params)"
        )
    return entries[0]


def toml_value(value: Any) -> str:
    """``value`` as a TOML value (None as the string ``"none"``, the review file's null).

    Examples
    --------
    >>> toml_value({"a": [1, 2.5, "x"], "b": None})
    '{ a = [1, 2.5, "x"], b = "none" }'
    """
    if value is None:
        return '"none"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (str, Path)):
        # JSON string escapes are valid TOML basic-string escapes.
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    if hasattr(value, "item"):  # numpy scalars
        return toml_value(value.item())
    raise LitkitError(f"cannot write {type(value).__name__} {value!r} in a review file", expected="TOML values")


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
def _entry(raw, i: int, path: Path, text: str, runs) -> Entry:
    label = f"[[analysis]] #{i + 1}"
    if not isinstance(raw, dict):
        raise LitkitError(f"{label} is not a table", path=path)
    kind = raw.get("analysis")
    name = raw.get("name", kind)
    if name is not None:
        label += f" ({name})"
    if kind is None:
        raise LitkitError(
            f"{label}: no key 'analysis'", path=path, line=_entry_line(text, i), expected="analysis = an analysis name"
        )
    if kind not in runs.ANALYSES:
        raise LitkitError(
            f"{label}: key 'analysis': unknown analysis {kind!r}",
            path=path,
            line=_key_line(text, "analysis", i, "analysis"),
            expected="one of " + ", ".join(sorted(runs.ANALYSES)),
        )
    if not isinstance(name, str) or not _NAME.match(name) or name in RESERVED:
        raise LitkitError(
            f"{label}: key 'name': {name!r} cannot name a results folder",
            path=path,
            line=_key_line(text, "analysis", i, "name"),
            expected="letters, digits, '_', '-', '.'",
        )
    defaults = runs.parameters(kind)
    annotations = {p.name: str(p.annotation) for p in _keyword_parameters(runs.analysis(kind).runner)}
    params = {}
    for key, value in raw.items():
        if key in ENTRY_KEYS:
            continue
        if key not in defaults or key in ENTRY_KEYS:
            raise LitkitError(
                f"{label}: unknown parameter {key!r} of analysis {kind!r}",
                path=path,
                line=_key_line(text, "analysis", i, key),
                expected="one of " + ", ".join(sorted(list(defaults) + ["analysis", "name", "databases"])),
            )
        if isinstance(value, str) and value.lower() == "none" and "None" in annotations.get(key, ""):
            value = None
        expected = _type_mismatch(value, annotations.get(key, ""))
        if expected:
            raise LitkitError(
                f"{label}: parameter {key!r} is {value!r}",
                path=path,
                line=_key_line(text, "analysis", i, key),
                expected=expected,
            )
        params[key] = value
    databases = raw.get("databases")
    if databases is not None:
        databases = [databases] if isinstance(databases, str) else databases
        if not isinstance(databases, list) or not all(isinstance(d, str) for d in databases):
            raise LitkitError(
                f"{label}: key 'databases' is not a list of database names",
                path=path,
                line=_key_line(text, "analysis", i, "databases"),
                expected='e.g. ["WoS", "CNKI"]',
            )
        databases = tuple(databases)
    return Entry(name=name, kind=kind, params=params, databases=databases, index=i)


def _check_files(entry: Entry, folder: Path, path: Path, text: str) -> None:
    """A file a parameter names must exist beside the review file: checked now, not after the corpus is built,
    and never looked for in the working directory (the review would then depend on where it is run from)."""
    for key in FILE_PARAMETERS:
        value = entry.params.get(key)
        if not isinstance(value, str) or value.lower() in ("default", "none", ""):
            continue
        if not (folder / value).is_file():
            raise LitkitError(
                f"[[analysis]] #{entry.index + 1} ({entry.name}): parameter {key!r}: file not found: {value}",
                path=path,
                line=_key_line(text, "analysis", entry.index, key),
                expected=f"'default', 'none' or a file relative to the review file's folder {folder}",
            )


def located_error(review: Review, entry: Entry, exc: LitkitError) -> LitkitError:
    """``exc`` raised by an entry's analysis, as a mistake of the review file: file, the entry's line, entry.

    An error naming its own file (a thesaurus, an export) is returned unchanged.

    Examples
    --------
    >>> located_error(review, review.analyses[3], LitkitError("s must be greater than 1"))  # doctest: +SKIP
    review.toml, line 58: [[analysis]] #4 (bursts_keyword): s must be greater than 1
    """
    if exc.path is not None:
        return exc
    text = review.path.read_text(encoding="utf-8") if review.path.exists() else ""
    return LitkitError(
        f"[[analysis]] #{entry.index + 1} ({entry.name}): {exc.message}",
        path=review.path,
        line=_entry_line(text, entry.index),
        expected=exc.expected,
    )


def _type_mismatch(value, annotation: str) -> str | None:
    """What a parameter annotated ``annotation`` (e.g. ``"int | None"``) expects, when ``value`` is not that.

    Only plain annotations (int, float, bool, str, None) are checked; lists and tables are left to the
    analysis. Without this a TOML string where a number belongs ends as a numpy traceback at run time.
    """
    kinds = {"int": "a whole number", "float": "a number", "bool": "true or false", "str": "a string", "None": '"none"'}
    parts = [part.strip() for part in annotation.split("|")]
    if not parts or any(part not in kinds for part in parts):
        return None
    for part in parts:
        if part == "None" and value is None or part == "str" and isinstance(value, str):
            return None
        if part == "bool" and isinstance(value, bool):
            return None
        if part in ("int", "float") and isinstance(value, int) and not isinstance(value, bool):
            return None
        if part == "float" and isinstance(value, float):
            return None
    return " or ".join(kinds[part] for part in parts)


def _keyword_parameters(runner):
    import inspect

    return [p for p in inspect.signature(runner).parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY]


def _table(data: dict, name: str, keys, path: Path, text: str) -> dict:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise LitkitError(f"[{name}] must be a table", path=path)
    for key in table:
        if key not in keys:
            raise LitkitError(
                f"[{name}]: unknown key {key!r}",
                path=path,
                line=_key_line(text, name, 0, key),
                expected="one of " + ", ".join(keys),
            )
    return table


def _typed(table: dict, key: str, kind, default, section: str, path: Path, text: str):
    value = table.get(key, default)
    if value is default:
        return value
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise LitkitError(
            f"[{section}] key {key!r}: {value!r} is not {'an' if kind is int else 'a'} {kind.__name__}",
            path=path,
            line=_key_line(text, section, 0, key),
        )
    return value


def _existing(p: Path, review_path: Path) -> Path | None:
    return _absolute(p) if p.exists() else None


def _absolute(p) -> Path:
    """``p`` as an absolute, normalised path, symbolic links kept (``Path.resolve`` would follow them)."""
    import os

    return Path(os.path.abspath(p))


def _relative(target: Path, start: Path) -> str:
    import os

    return Path(os.path.relpath(target, start)).as_posix()


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _toml_key(key: str) -> str:
    return key if re.match(r"^[A-Za-z0-9_-]+$", str(key)) else json.dumps(str(key), ensure_ascii=False)


def _export_line(review_path: Path | None, item: str) -> int | None:
    """1-based line of the review file where ``item`` is written in ``[corpus] exports`` (None if not found)."""
    if review_path is None or not Path(review_path).is_file():
        return None
    text = Path(review_path).read_text(encoding="utf-8")
    start = _table_start(text, "corpus", 0) or 0
    quoted = (json.dumps(item, ensure_ascii=False), f"'{item}'")
    for n, line in enumerate(text.splitlines()[start:], start + 1):
        if any(q in line for q in quoted):
            return n
    return None


def _line_of(text: str, pattern: str, start: int = 0) -> int | None:
    for n, line in enumerate(text.splitlines()[start:], start + 1):
        if re.search(pattern, line):
            return n
    return None


def _table_start(text: str, section: str, index: int) -> int | None:
    """0-based line index of the header of table ``section`` (the ``index``-th ``[[analysis]]``)."""
    header = r"^\s*\[\[\s*analysis\s*\]\]" if section == "analysis" else rf"^\s*\[\s*{re.escape(section)}\s*\]"
    seen = -1
    for n, line in enumerate(text.splitlines()):
        if re.match(header, line):
            seen += 1
            if seen == index:
                return n
    return None


def _entry_line(text: str, index: int) -> int | None:
    start = _table_start(text, "analysis", index)
    return None if start is None else start + 1


def _key_line(text: str, section: str, index: int, key: str) -> int | None:
    """1-based line of ``key = ...`` in table ``section`` (the ``index``-th entry), or None."""
    start = _table_start(text, section, index)
    if start is None:
        return None
    lines = text.splitlines()
    for n in range(start + 1, len(lines)):
        if re.match(r"^\s*\[", lines[n]):
            break
        if re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", lines[n]):
            return n + 1
    return None
