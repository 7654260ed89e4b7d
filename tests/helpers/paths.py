"""Paths the tests use: the repository root and the shared real data (``../shared``, or ``$LITKIT_SHARED``)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("LITKIT_SHARED", ROOT.parent / "shared"))

#: The six real exports of issue 22's merged keyword map (three WoS files, CNKI RefWorks and EndNote, an old
#: Scopus CSV: 1,597 records), under ``SHARED / "corpora"``; docs/gallery_real_exports.py draws the same set.
MERGED_REAL_EXPORTS = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
    "cnki-refworks/CNKI.txt",
    "cnki-endnote/demo.txt",
    "scopus-csv/scopus_testing.csv.scopus",
]
