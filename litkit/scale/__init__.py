"""The litkit pipeline on Dask: corpora of millions of records, on one machine or a cluster.

Each function here computes what its single-machine counterpart computes, by
calling that counterpart's own functions on each partition and adding up the
partial counts; the tests check that the results are equal.

======================================  ===========================================
single machine                          Dask
======================================  ===========================================
``litkit.read(paths)``                  :func:`ingest` → :class:`PartitionedCorpus`
``litkit.cooccurrence(corpus, ...)``    :func:`cooccurrence` (``pc, ...``)
(keyword occurrences)                   :func:`keyword_counts`
``burst_counts(item_events(...))``      :func:`yearly_counts`
``litkit.bursts.citation_bursts``       :func:`citation_bursts`
``litkit.timelines.annual_production``  :func:`annual_production`
``corpus.references``                   :func:`references` (parsed on the workers)
``litkit.cocitation(corpus, ...)``      :func:`cocitation`
``litkit.coupling(corpus, ...)``        :func:`coupling`
``litkit.citation_network(corpus)``     :func:`citation_network`
``litkit.collaboration(corpus, ...)``   :func:`collaboration`
``litkit.summary(corpus)``              :func:`summary`
``litkit.affiliations(corpus)``         :func:`affiliations`
(records on the driver)                 :func:`gather`
======================================  ===========================================

The citation, collaboration and summary functions parse on the workers (cited references;
addresses) and send the driver partial counts: tallies of cited items, incidences on the selected
items, candidate citation links, summary sums. The driver reduces the corpus-wide tables the keys need
(the DOI and page lending of reference keys; institution spellings), adds the partial counts and runs
the assembly the single-machine builder ends with; it never receives the cited references themselves.

Examples
--------
>>> import litkit.scale
>>> with litkit.scale.client() as c:                     # doctest: +SKIP
...     pc = litkit.scale.ingest("exports/", "work/corpus", client=c)
...     net = litkit.scale.cooccurrence(pc, "DE", min_occurrence=2, top_n=200, client=c)
...     journals = litkit.scale.citation_bursts(pc, "cited_journal", client=c)
"""

from __future__ import annotations

from ._affiliations import affiliations
from ._client import SCHEDULER_ENV, client
from ._cocitation import cocitation
from ._collaboration import collaboration, collaboration_corpus
from ._coupling import coupling
from ._gather import GatheredCorpus, gather, references
from ._ingest import PartitionedCorpus, ingest, read_partitioned
from ._summary import summary
from .bursts import annual_production, citation_bursts, yearly_counts
from .citation import citation_network
from .network import cooccurrence, keyword_counts

__all__ = [
    "client",
    "SCHEDULER_ENV",
    "ingest",
    "read_partitioned",
    "PartitionedCorpus",
    "cooccurrence",
    "keyword_counts",
    "yearly_counts",
    "citation_bursts",
    "annual_production",
    "gather",
    "affiliations",
    "references",
    "GatheredCorpus",
    "cocitation",
    "coupling",
    "citation_network",
    "collaboration",
    "collaboration_corpus",
    "summary",
]
