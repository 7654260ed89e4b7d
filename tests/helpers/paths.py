"""Paths the tests use: the repository root and the shared real data (``../shared``, or ``$LITKIT_SHARED``)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("LITKIT_SHARED", ROOT.parent / "shared"))
