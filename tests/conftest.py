"""Shared fixtures.

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

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LITKIT_SHARED", ROOT.parent / "shared"))


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
    return json.loads((shared_corpora / "expected_counts.json").read_text(encoding="utf-8"))


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


@pytest.fixture(scope="session")
def compiled_scan():
    """The compiled line scan of the WoS reader (skip when it was not built, fail under CI).

    ``pip install`` builds it when a C compiler is present and installs litkit without it
    otherwise (numpy then does the same work); CI has a compiler, so there it must exist.
    """
    from litkit.io import _wos_columns

    if _wos_columns._wos_scan is None:
        msg = (
            "litkit.io._wos_scan was not built (no C compiler when litkit was installed?): "
            "reinstall with `pip install -e .` where gcc or clang and the Python headers exist"
        )
        if os.environ.get("CI"):
            pytest.fail(msg + " (CI is set, so this is an error, not a skip)")
        pytest.skip(msg)
    return _wos_columns._wos_scan
