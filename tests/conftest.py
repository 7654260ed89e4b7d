"""Shared fixtures (fixtures only: helper code lives in the package ``tests/helpers``).

Tests that need ``../shared`` (real exports, policy texts, reference vectors)
use the ``shared`` fixture: it skips with a clear reason when the folder is
absent, and fails instead when the ``CI`` environment variable is set, because
CI always has ``../shared`` and a skip there would hide a broken test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.paths import ROOT, SHARED


def _need_shared(sub: str = "") -> Path:
    path = SHARED / sub if sub else SHARED
    if not path.exists():
        msg = f"{path} is absent: these tests read the real exports and reference vectors in ../shared"
        if os.environ.get("CI"):
            pytest.fail(msg + " (CI is set, so this is an error, not a skip)")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared (skip when absent, fail under CI)."""
    return _need_shared()


@pytest.fixture(scope="session")
def shared_corpora() -> Path:
    return _need_shared("corpora")


@pytest.fixture(scope="session")
def expected_counts(shared_corpora) -> dict[str, int]:
    """Record count of every real export in ../shared/corpora, by path relative to it.

    Both count files are merged: ``expected_counts.json`` (the formats read first) and
    ``expected_counts_new_formats.json`` (issue 19: CSSCI, WoS Excel, Scopus plain text,
    PubMed, Lens, OpenAlex), so every test that iterates over real exports covers all of them.
    """
    counts = json.loads((shared_corpora / "expected_counts.json").read_text(encoding="utf-8"))
    new = shared_corpora / "expected_counts_new_formats.json"
    if new.exists():
        counts.update(json.loads(new.read_text(encoding="utf-8")))
    return counts


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    return _need_shared("reference")


@pytest.fixture(scope="session")
def shared_policy() -> Path:
    return _need_shared("policy")


@pytest.fixture(scope="session")
def shared_seed() -> Path:
    return _need_shared("seed")


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The committed demo corpus (corpora/demo/)."""
    return ROOT / "corpora" / "demo"


def _need_compiled_engine():
    """litkit's C extension: skip when it was not built, fail under CI (which has a compiler)."""
    from litkit.io.engine import compiled_engine_available

    if not compiled_engine_available():
        msg = (
            "litkit.io._wos_scan was not built (no C compiler when litkit was installed?): "
            "reinstall with `pip install -e .` where gcc or clang and the Python headers exist"
        )
        if os.environ.get("CI"):
            pytest.fail(msg + " (CI is set, so this is an error, not a skip)")
        pytest.skip(msg)


@pytest.fixture(scope="session")
def compiled_scan():
    """The compiled loops of the WoS "c" engine, ``litkit.io._wos_scan`` (skip when not built, fail under CI).

    ``pip install`` builds it when a C compiler is present and installs litkit without it
    otherwise (the "python" engine, the record path, then reads every file); CI has a
    compiler, so there it must exist.
    """
    _need_compiled_engine()
    from litkit.io import _wos_scan

    return _wos_scan


@pytest.fixture(params=["c", "python"])
def wos_engine(request) -> str:
    """Each engine of ``litkit.read(engine=...)`` in turn, as pandas tests its parsers (``all_parsers``).

    ``"c"`` skips when the extension was not built (fails under CI); ``"python"`` always runs.
    """
    if request.param == "c":
        _need_compiled_engine()
    return request.param
