"""A review as a file: ``review.toml`` names the exports and every analysis; run, extend and compare it.

- :mod:`litkit.review.file` -- load and check the review file, write a commented one, entries from ``params.json``;
- :mod:`litkit.review.manifest` -- ``manifest.json``: which export files (size, SHA-256, format, records) went in;
- :mod:`litkit.review.cache` -- the hashes that decide what is up to date;
- :mod:`litkit.review.run` -- :func:`run_review` (``litkit run``), recomputing only what changed;
- :mod:`litkit.review.add` -- :func:`add_exports` (``litkit add``), with what is new, already there, updated;
- :mod:`litkit.review` -- :func:`diff` (``litkit diff``), what changed between two results folders.

Examples
--------
>>> import litkit.review as rv
>>> rv.write_init("exports/", "review.toml")             # doctest: +SKIP
>>> rv.run_review("review.toml", "results/")              # doctest: +SKIP
>>> rv.add_exports("review.toml", ["new/savedrecs.txt"])  # doctest: +SKIP
>>> litkit.diff("results_2019/", "results/").write("diff/")  # doctest: +SKIP
"""

from ._diff import ReviewDiff, adjusted_rand_index, diff
from .add import AddReport, add_exports, append_exports, set_years
from .cache import analysis_key, corpus_key, policy_key
from .file import (
    DEFAULT_ANALYSES,
    Entry,
    Review,
    entries_from_params,
    entry_from_params,
    format_entry,
    init_text,
    load_review,
    select_years,
    toml_value,
    write_init,
)
from .manifest import MANIFEST, check_manifest, read_manifest, sha256_file
from .run import CORPUS_FILE, REPORT_FILE, ReviewRun, build_corpus, run_review

__all__ = [
    "AddReport",
    "CORPUS_FILE",
    "DEFAULT_ANALYSES",
    "Entry",
    "MANIFEST",
    "REPORT_FILE",
    "Review",
    "ReviewDiff",
    "ReviewRun",
    "add_exports",
    "adjusted_rand_index",
    "analysis_key",
    "append_exports",
    "build_corpus",
    "check_manifest",
    "corpus_key",
    "diff",
    "entries_from_params",
    "entry_from_params",
    "format_entry",
    "init_text",
    "load_review",
    "policy_key",
    "read_manifest",
    "run_review",
    "select_years",
    "set_years",
    "sha256_file",
    "toml_value",
    "write_init",
]
