"""Benchmark: main information (``litkit summary``: bibliometrix's biblioAnalysis/summary) at 100,000 records.

What is timed (each in its own child process; see ``bench/_analyses.py`` for the contenders):

* **litkit**: what ``litkit summary`` computes, in three steps: ``affiliations``
  (:func:`litkit.affiliations`, for institutions and countries), ``main information``
  (:func:`litkit.summary`: the bibliometrix rows — sources, references, keywords, authors, co-authors per
  document, international co-authorship %, …) and ``tables`` (annual production, most productive authors,
  sources, institutions and countries with SCP/MCP, most cited documents, h-index of authors and of sources,
  Lotka's law and its fit, Bradford's zones).  Also ``litkit summary c.parquet`` end to end (every table and
  figure in PNG, SVG and PDF).
* **Peer: none.**  metaknowledge 3.4.1 has no descriptive analysis: ``RecordCollection.glimpse()`` ranks the
  most frequent authors, journals and citations (three columns of a terminal table), with no distinct
  counts, h-index, Lotka or Bradford; bibliometrix (R) is not a Python peer.  The subset run reports
  litkit's numbers on the first 10,000 records for reference.

Usage::

    .venv/bin/python bench/summary.py                        # /tmp/wos100k.txt: Parquet, CLI, subset
    .venv/bin/python bench/summary.py --parquet /tmp/c.parquet --only full --only cli

Results go to ``bench/out/summary.json`` (git-ignored) with the machine description.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _analyses import Spec, Timer, main  # noqa: E402


def litkit_work(corpus) -> dict:
    import litkit
    from litkit import indicators as ind

    phases: dict = {}
    with Timer(phases, "affiliations"):
        aff = litkit.affiliations(corpus)
    with Timer(phases, "main information"):
        main_table = ind.summary(corpus, affiliations=aff)
    with Timer(phases, "tables"):  # litkit.runs.run_summary's tables, in its order
        tables = {
            "annual": ind.annual_production(corpus),
            "authors": ind.top_authors(corpus),
            "sources": ind.top_sources(corpus),
            "institutions": ind.top_institutions(corpus, aff),
            "countries": ind.top_countries(corpus, aff),
            "most_cited": ind.most_cited(corpus),
            "hindex_authors": ind.hindex(corpus, field="author"),
            "hindex_sources": ind.hindex(corpus, field="source"),
        }
        law = ind.lotka(corpus)
        tables["lotka"], tables["lotka_fit"] = law.table, law.parameters()
        tables["bradford"] = ind.bradford(corpus)
    main = dict(zip(main_table["Description"], main_table["Results"]))
    shown = ("Documents", "Sources", "References", "Authors", "International co-authorships %")
    return {
        "phases": phases,
        "main": {k: main[k] for k in shown},
        "table_rows": {k: len(v) for k, v in tables.items()},
    }


SPEC = Spec(
    name="summary",
    analysis="summary",
    params={},
    cli=("summary",),
    cli_options=(),
    litkit_work=litkit_work,
    description="litkit main information (bibliometrix biblioAnalysis/summary); no Python peer",
)

if __name__ == "__main__":
    sys.exit(main(SPEC))
