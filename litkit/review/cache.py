"""What makes a result up to date: the hashes ``litkit run`` compares before recomputing.

* The **corpus key** hashes the export files by content (SHA-256, with their names), the year
  selection, ``merge`` and the litkit version: when it is unchanged, the corpus cached in
  ``results/corpus.parquet`` is used as it is (or not even read, when no analysis has to run).
* An **analysis key** hashes the corpus key (and the policy key for policy analyses), the analysis'
  kind, its parameters with the defaults filled in, the content of every file a parameter names, the
  databases it runs on, the figure formats and the litkit version.  An analysis whose key is the one
  recorded in ``manifest.json`` (and whose folder exists) is not recomputed.

Keys are SHA-256 of canonical JSON (sorted keys), so the order of exports or parameters in the review
file does not matter.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = ["analysis_key", "corpus_key", "policy_key", "resolve_params"]


def corpus_key(files, review) -> str:
    """Hash of what the corpus is made from (see the module docstring)."""
    from .. import __version__

    return _hash(
        {
            "exports": sorted([f.name, f.sha256] for f in files),
            "merge": review.merge,
            "first_year": review.first_year,
            "last_year": review.last_year,
            "litkit": __version__,
        }
    )


def policy_key(review) -> str | None:
    """Hash of the policy inputs (metadata table and document files), or None without ``[policy]``."""
    from .manifest import export_files

    if not review.policy:
        return None
    paths = [p for p in (review.policy["metadata"], *review.policy["documents"]) if p is not None]
    files = export_files(paths, review.folder)
    source = review.policy.get("source", "auto")
    # "auto" leaves the key as it was, so reviews written before [policy] had a source are not rerun
    return _hash(sorted([f.name, f.sha256] for f in files) + ([] if source == "auto" else [["source", source]]))


def resolve_params(entry, review) -> tuple[dict, dict]:
    """The entry's parameters with defaults filled in and file names made absolute, and the files' hashes.

    A string parameter that names an existing file relative to the review file is replaced by its
    absolute path (the analysis reads it from anywhere), and the file's SHA-256 enters the key.
    """
    from .. import runs
    from .manifest import sha256_file

    params = dict(runs.parameters(entry.kind))
    params.update(entry.params)
    hashes = {}
    for key, value in entry.params.items():
        if isinstance(value, str) and value and value.lower() not in ("none", "default"):
            candidate = review.folder / value
            if candidate.is_file():
                params[key] = str(candidate.resolve())
                hashes[key] = sha256_file(candidate)
    if entry.kind == "ingest_summary" and params.get("relative_to") is None:
        params["relative_to"] = str(review.folder)  # outputs do not depend on where the review lives
    return params, hashes


def analysis_key(entry, params: dict, file_hashes: dict, corpus: str | None, policy: str | None, formats) -> str:
    """Hash of everything an analysis' outputs depend on (see the module docstring)."""
    from .. import __version__

    shown = {k: (file_hashes[k] if k in file_hashes else v) for k, v in params.items()}
    if entry.kind == "ingest_summary":
        shown.pop("relative_to", None)  # a path, not an input: moving the review keeps the result
    uses_corpus = entry.kind != "policy_timeline"
    uses_policy = entry.kind in ("policy_timeline", "policy_overlay")
    return _hash(
        {
            "kind": entry.kind,
            "params": shown,
            "databases": list(entry.databases) if entry.databases else None,
            "corpus": corpus if uses_corpus else None,
            "policy": policy if uses_policy else None,
            "formats": list(formats),
            "litkit": __version__,
        }
    )


def _hash(data) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _default(value):
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):
        return value.item()
    return str(value)
