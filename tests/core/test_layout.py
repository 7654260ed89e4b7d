"""The code layout's rules: private stays private, moved names stay reachable, one default for overwrite."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import litkit

PACKAGE = Path(litkit.__file__).resolve().parent

PUBLIC_PACKAGES = [
    "litkit",
    "litkit.io",
    "litkit.refs",
    "litkit.merging",
    "litkit.text",
    "litkit.bursts",
    "litkit.network",
    "litkit.timelines",
    "litkit.policy",
    "litkit.scale",
    "litkit.addresses",
    "litkit.indicators",
    "litkit.runs",
    "litkit.review",
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    compiled = any(path.parent.glob(f"{path.name}.*.so")) or any(path.parent.glob(f"{path.name}.*.pyd"))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file() or compiled


def _private_imports() -> list[str]:
    """``file:line: name`` of every import of another module's ``_private`` name inside litkit."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _resolve(module, node, path.name == "__init__.py")
            if not source.startswith("litkit"):
                continue
            for alias in node.names:
                name = alias.name
                if not name.startswith("_") or name.startswith("__"):
                    continue
                target = f"{source}.{name}"
                # a private module of the importer's own package (io/_cnki_common, refs/_fields) is fine
                own_package = module if path.name == "__init__.py" else module.rpartition(".")[0]
                if _is_module(target) and source == own_package:
                    continue
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {target}")
    return found


KNOWN: dict[str, str] = {}  # no exceptions: nothing may be added here


def test_no_module_imports_another_modules_private_names():
    found = [
        line
        for line in _private_imports()
        if not any(line.startswith(f + ":") and line.split(": ")[1].startswith(src) for f, src in KNOWN.items())
    ]
    assert found == []


def test_the_check_finds_a_private_import(tmp_path, monkeypatch):
    """The scan itself: a planted ``from ..bursts.model import _viterbi_one`` is reported, a private module is not."""
    fake = tmp_path / "litkit"
    (fake / "sub").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "_atomic.py").write_text("")
    (fake / "sub" / "__init__.py").write_text("")
    (fake / "sub" / "_helpers.py").write_text("")
    (fake / "sub" / "a.py").write_text(
        "from ..bursts.model import _viterbi_one\nfrom . import _helpers\nfrom .._atomic import write_text\n"
    )
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert _private_imports() == ["litkit/sub/a.py:1: litkit.bursts.model._viterbi_one"]


# Every public name of the modules that became packages, as they were exported before the move.
OLD_NAMES = {
    "litkit.refs": [
        # litkit/refs.py
        "parse_wos_reference",
        "parse_gbt7714_reference",
        "reference_key",
        "bibliographic_key",
        "references_table",
        "TABLE_COLUMNS",
        "FIELDS",
        # litkit/refs_scopus.py
        "parse_scopus_reference",
        "parse_reference_any",
        "reference_keys",
        "reference_overlap",
        "reference_style",
        "split_scopus_references",
        "normalize_source",
        "WORD_ABBREVIATIONS",
        "SOURCE_OVERRIDES",
        "SOURCE_KEY_LENGTH",
    ],
    "litkit.merging": ["merge", "MergeReport", "FUZZY_THRESHOLD", "normalize_title", "first_author_surname"],
    "litkit.bursts": [
        "kleinberg",
        "kleinberg_many",
        "burst_states",
        "burst_states_many",
        "state_probabilities",
        "P1_CAP",
        "KINDS",
        "ITEM_COLUMN",
        "COUNTINGS",
        "normalise_journal",
        "normalise_keyword",
        "item_events",
        "check_years",
        "BurstCounts",
        "burst_counts",
        "bursts_from_events",
        "bursts_from_counts",
        "citation_bursts",
        "figure5_table",
        "write_burst_table",
    ],
    "litkit.timelines": [
        "annual_production",
        "growth_rate",
        "cagr",
        "keyword_clusters",
        "keyword_timeline",
        "time_zone",
        "TimeZone",
        "thematic_map",
        "thematic_evolution",
        "ThematicMap",
        "ThematicEvolution",
        "QUADRANTS",
        "LOUVAIN_SEED",
    ],
    "litkit.policy": ["DEFAULT_PHASES", "overlay_table", "phase_table", "read_seed_table", "timeline_table"],
    "litkit.io": ["IngestReport"],
}


@pytest.mark.parametrize("package", sorted(OLD_NAMES))
def test_names_of_moved_modules_are_exported_by_their_package(package):
    module = importlib.import_module(package)
    missing = [name for name in OLD_NAMES[package] if not hasattr(module, name)]
    assert missing == []
    assert set(OLD_NAMES[package]) - {"FIELDS"} <= set(module.__all__)


def test_merge_is_the_function_and_no_module_shadows_it():
    import litkit.merging.grouping

    assert callable(litkit.merge) and litkit.merge is litkit.merging.merge is litkit.merging.grouping.merge
    assert not _is_module("litkit.merge")
    assert litkit.timeline is litkit.timelines  # the old name, kept for notebook 05


def test_no_package_name_is_both_a_module_and_another_object():
    """A package that re-exports a function named like one of its modules hides the module
    (``import litkit.network.cocitation as m`` would give the function): such modules are private."""
    import pkgutil

    import litkit

    clashes = []
    packages = ["litkit"] + [f"litkit.{m.name}" for m in pkgutil.iter_modules(litkit.__path__) if m.ispkg]
    for package in packages:
        module = importlib.import_module(package)
        for sub in pkgutil.iter_modules(module.__path__):
            if sub.name.startswith("_"):
                continue
            importlib.import_module(f"{package}.{sub.name}")
            if package == "litkit":
                # lazy names resolve on first use: ask for each so a function bound over a module shows
                for name in getattr(litkit, "_LAZY", {}):
                    getattr(litkit, name)
            value = getattr(module, sub.name, None)
            if value is not None and not inspect.ismodule(value):
                clashes.append(f"{package}.{sub.name}")
    assert clashes == []


def _public_callables():
    for package in PUBLIC_PACKAGES:
        module = importlib.import_module(package)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and callable(member):
                        yield f"{package}.{name}.{attr}", member
            elif callable(obj):
                yield f"{package}.{name}", obj
    for info in pkgutil.iter_modules([str(PACKAGE / "plot")]):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"litkit.plot.{info.name}")
            for name, obj in vars(module).items():
                if not name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == module.__name__:
                    yield f"{module.__name__}.{name}", obj


def test_every_public_writer_defaults_to_overwrite_false():
    defaults = {}
    for name, obj in _public_callables():
        try:
            parameter = inspect.signature(obj).parameters.get("overwrite")
        except (TypeError, ValueError):
            continue
        if parameter is not None:
            defaults[name] = parameter.default
    assert "litkit.bursts.write_burst_table" in defaults and "litkit.plot.style.save_figure" in defaults
    assert {name: d for name, d in defaults.items() if d is not False} == {}


@pytest.mark.parametrize(
    "module",
    [
        "litkit.refs.wos",
        "litkit.refs.gbt7714",
        "litkit.refs.scopus",
        "litkit.refs.sources",
        "litkit.refs.styles",
        "litkit.refs.keys",
        "litkit.refs",
        "litkit.merging.match",
        "litkit.merging._combine",
        "litkit.bursts.model",
        "litkit.bursts.events",
        "litkit.bursts.tables",
        "litkit.bursts",
        "litkit.html_report",
        "litkit.io.sniff",
        "litkit.text.stoplists",
        "litkit.policy.policy_timeline",
    ],
)
def test_docstring_examples_of_the_moved_modules_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
