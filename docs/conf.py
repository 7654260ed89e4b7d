"""Sphinx configuration of litkit's API reference (built by ``make docs`` into docs/_build/html)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MPLBACKEND", "Agg")  # plot modules import matplotlib; never open a window

import litkit  # noqa: E402

project = "litkit"
author = "litkit contributors"
release = litkit.__version__
version = release

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode", "numpydoc"]

# The reference documents what each package re-exports (its __all__), as users import it.
autodoc_default_options = {"members": True, "member-order": "bysource", "show-inheritance": False}
autodoc_typehints = "none"  # the numpydoc Parameters sections say the types
autodoc_mock_imports: list[str] = []
numpydoc_show_class_members = False  # no per-class autosummary tables (they would need stub pages)
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()

# Docstrings cite modules and private helpers that are not on a page of their own; references
# that do not resolve stay plain text (nitpicky mode off) rather than failing the build.
nitpicky = False

html_theme = "alabaster"
html_static_path: list[str] = []
exclude_patterns = ["_build"]
