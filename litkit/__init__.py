"""litkit: bibliometric and policy-literature analysis for CNKI, Web of Science and Scopus.

>>> import litkit
>>> corpus = litkit.read("exports/")                          # doctest: +SKIP
>>> merged = litkit.merge(cnki, wos, scopus)                  # doctest: +SKIP
>>> net = litkit.cooccurrence(corpus, field="DE", min_occurrence=2, top_n=200)  # doctest: +SKIP
>>> litkit.bursts.kleinberg(r, d, s=2, gamma=1)               # doctest: +SKIP
>>> litkit.citation_bursts(corpus, kind="cited_journal", top=20)  # doctest: +SKIP
>>> docs = litkit.policy.read("policy/", metadata="meta.csv")  # doctest: +SKIP
>>> litkit.ingest_to_parquet("exports/", "corpus.parquet")     # doctest: +SKIP
"""

from __future__ import annotations

import importlib

from .corpus import COLUMNS, Corpus
from .errors import LitkitError
from .io import read
from .merging import merge

__version__ = "0.1.0"

# Heavier parts load on first use so that `import litkit` stays fast.
_LAZY = {
    "cooccurrence": ("litkit.network", "cooccurrence"),
    "cocitation": ("litkit.network", "cocitation"),
    "coupling": ("litkit.network", "coupling"),
    "citation_network": ("litkit.network", "citation_network"),
    "collaboration": ("litkit.network", "collaboration"),
    "country_production": ("litkit.network", "country_production"),
    "affiliations": ("litkit.addresses", "affiliations"),
    "citation_bursts": ("litkit.bursts", "citation_bursts"),
    "ingest_to_parquet": ("litkit.io.stream", "ingest_to_parquet"),
    "bursts": ("litkit.bursts", None),
    "policy": ("litkit.policy", None),
    "timelines": ("litkit.timelines", None),
    # litkit.timeline: the name before the package was split (notebook 05 uses it)
    "timeline": ("litkit.timelines", None),
    "refs": ("litkit.refs", None),
    "merging": ("litkit.merging", None),
    "network": ("litkit.network", None),
    "plot": ("litkit.plot", None),
    "text": ("litkit.text", None),
    "runs": ("litkit.runs", None),
    "summary": ("litkit.indicators", "summary"),
    "three_fields": ("litkit.indicators", "three_fields"),
    "trend_topics": ("litkit.timelines", "trend_topics"),
    "diff": ("litkit.review", "diff"),
    "review": ("litkit.review", None),
    "addresses": ("litkit.addresses", None),
    "indicators": ("litkit.indicators", None),
}


def __getattr__(name: str):
    if name in _LAZY:
        module_name, attr = _LAZY[name]
        module = importlib.import_module(module_name)
        value = getattr(module, attr) if attr else module
        globals()[name] = value
        return value
    raise AttributeError(f"module 'litkit' has no attribute {name!r}")


__all__ = [
    "read",
    "merge",
    "ingest_to_parquet",
    "cooccurrence",
    "citation_bursts",
    "bursts",
    "policy",
    "Corpus",
    "COLUMNS",
    "LitkitError",
    "__version__",
    "cocitation",
    "coupling",
    "citation_network",
    "collaboration",
    "country_production",
    "affiliations",
    "summary",
    "three_fields",
    "trend_topics",
    "diff",
    "runs",
    "review",
    "addresses",
    "indicators",
    "network",
    "timelines",
]
