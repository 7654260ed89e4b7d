"""Citation bursts: Kleinberg's two-state batched burst model, solved exactly, and the tables built on it.

- :mod:`litkit.bursts.model` -- the model: :func:`kleinberg` (one item, plain Python, the readable
  reference), :func:`kleinberg_many` (many items at once with numpy), :func:`burst_states`,
  :func:`state_probabilities`;
- :mod:`litkit.bursts.events` -- events from a corpus (:func:`item_events`) and the ``r``/``d``
  counts per slice (:func:`burst_counts`), with what ``r`` and ``d`` are for each kind of item;
- :mod:`litkit.bursts.tables` -- the burst table (:func:`citation_bursts`, the table behind
  CiteSpace's "strongest citation bursts" figure), its exported form (:func:`figure5_table`) and
  :func:`write_burst_table`.

Examples
--------
>>> import litkit
>>> litkit.bursts.kleinberg([0, 0, 5, 6, 0], [10, 10, 10, 10, 10])[["start", "end"]].values.tolist()
[[2, 3]]
>>> litkit.citation_bursts(corpus, kind="cited_journal", top=20)  # doctest: +SKIP
"""

from .events import (
    COUNTINGS,
    ITEM_COLUMN,
    KINDS,
    BurstCounts,
    burst_counts,
    check_years,
    cited_item_codes,
    counts_from_codes,
    item_events,
    keyword_normaliser,
    normalise_journal,
    normalise_keyword,
    reference_label,
)
from .model import (
    P1_CAP,
    burst_states,
    burst_states_many,
    can_burst,
    check_parameters,
    kleinberg,
    kleinberg_many,
    state_probabilities,
)
from .tables import bursts_from_counts, bursts_from_events, citation_bursts, figure5_table, write_burst_table

__all__ = [
    "kleinberg",
    "kleinberg_many",
    "burst_states",
    "burst_states_many",
    "can_burst",
    "state_probabilities",
    "check_parameters",
    "P1_CAP",
    "item_events",
    "burst_counts",
    "counts_from_codes",
    "cited_item_codes",
    "BurstCounts",
    "check_years",
    "normalise_journal",
    "normalise_keyword",
    "keyword_normaliser",
    "reference_label",
    "KINDS",
    "ITEM_COLUMN",
    "COUNTINGS",
    "citation_bursts",
    "bursts_from_events",
    "bursts_from_counts",
    "figure5_table",
    "write_burst_table",
]
