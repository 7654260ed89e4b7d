"""Policy-instrument classification by an editable keyword dictionary.

Instruments follow Rothwell & Zegveld (1981): *supply-side* (the state pushes:
funding, technology, talent, infrastructure, information), *environmental*
(the state shapes the setting: plans, rules, tax, finance, property rights,
assessment) and *demand-side* (the state pulls: procurement, pilots, markets,
prices, consumption).  The keywords live in a YAML file
(``litkit/data/policy_instruments.yaml``; see its header) that users copy and
edit; pass the copy as ``dictionary=``.

Each keyword occurrence is attributed to the longest keyword matching at that
position, so nested keywords (交易 inside 碳排放权交易) are never counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pandas as pd

from ..errors import LitkitError, ParseError
from .terms import matching_text

CATEGORY_ORDER = ("supply", "environment", "demand")


def default_dictionary_path() -> Path:
    """Path of the dictionary shipped with litkit (copy it to edit it)."""
    return Path(str(resources.files("litkit") / "data" / "policy_instruments.yaml"))


def load_dictionary(path: str | Path | None = None) -> pd.DataFrame:
    """Load an instrument dictionary as a table ``category, subtype, keyword, label_en, label_zh``.

    Raises
    ------
    LitkitError
        If the file is missing, malformed, or a keyword is listed under two subtypes.

    Examples
    --------
    >>> d = load_dictionary()
    >>> sorted(d["category"].unique())
    ['demand', 'environment', 'supply']
    >>> d[d["keyword"] == "碳排放权交易"][["category", "subtype"]].values.tolist()
    [['demand', 'trading']]
    """
    import yaml

    path = Path(path) if path is not None else default_dictionary_path()
    if not path.exists():
        raise LitkitError(
            "instrument dictionary not found",
            path=path,
            expected="a YAML file like litkit/data/policy_instruments.yaml",
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        categories = data["categories"]
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise ParseError(
            f"not an instrument dictionary ({type(exc).__name__})",
            path=path,
            expected="a mapping with categories: <name>: subtypes: <name>: keywords: [...]",
        ) from None
    rows, owner = [], {}
    for cat_name, cat in categories.items():
        for sub_name, sub in (cat.get("subtypes") or {}).items():
            for kw in sub.get("keywords") or []:
                kw = matching_text(str(kw))
                if kw in owner:
                    raise ParseError(
                        f"keyword {kw!r} is listed under both {owner[kw]} and {cat_name}/{sub_name}",
                        path=path,
                        expected="each keyword under one subtype only",
                    )
                owner[kw] = f"{cat_name}/{sub_name}"
                rows.append(
                    {
                        "category": cat_name,
                        "subtype": sub_name,
                        "keyword": kw,
                        "category_en": cat.get("label_en", cat_name),
                        "category_zh": cat.get("label_zh", ""),
                        "label_en": sub.get("label_en", sub_name),
                        "label_zh": sub.get("label_zh", ""),
                    }
                )
    if not rows:
        raise ParseError("dictionary has no keywords", path=path, expected="at least one keyword")
    return pd.DataFrame(rows)


def instrument_hits(
    docs,
    dictionary: pd.DataFrame | str | Path | None = None,
    keys: Sequence[str] = ("doc_id", "year"),
    text: str = "text",
) -> pd.DataFrame:
    """Keyword hits per document (or per section), one row per (document, keyword) with hits.

    Parameters
    ----------
    docs : PolicyCorpus or DataFrame
        Documents (or sections) with a text column and the ``keys`` columns.
    dictionary : DataFrame, path or None
        :func:`load_dictionary` output or a YAML path; None = the shipped dictionary.

    Returns
    -------
    DataFrame
        ``*keys, category, subtype, keyword, hits``.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a"], "year": [2021], "text": ["建设全国碳排放权交易市场，开展试点"]})
    >>> instrument_hits(d)[["keyword", "category", "hits"]].values.tolist()
    [['试点', 'demand', 1], ['碳排放权交易', 'demand', 1]]
    """
    df = getattr(docs, "df", docs)
    table = dictionary if isinstance(dictionary, pd.DataFrame) else load_dictionary(dictionary)
    lookup = {r.keyword: (r.category, r.subtype) for r in table.itertuples(index=False)}
    # Longest first: the regex engine takes the first alternative that matches at a position.
    pattern = re.compile("|".join(re.escape(k) for k in sorted(lookup, key=lambda k: (-len(k), k))))
    position = {kw: i for i, kw in enumerate(lookup)}  # output keywords in dictionary order
    rows = []
    for record in df[list(keys) + [text]].itertuples(index=False):
        found: dict[str, int] = {}
        for m in pattern.finditer(matching_text(getattr(record, text))):
            found[m.group(0)] = found.get(m.group(0), 0) + 1
        for kw in sorted(found, key=position.__getitem__):
            category, subtype = lookup[kw]
            row = {k: getattr(record, k) for k in keys}
            row.update(category=category, subtype=subtype, keyword=kw, hits=found[kw])
            rows.append(row)
    out = pd.DataFrame(rows, columns=list(keys) + ["category", "subtype", "keyword", "hits"])
    out["hits"] = out["hits"].astype("int64")
    return out


def instrument_counts(hits: pd.DataFrame, by: str | Sequence[str] = "doc_id", level: str = "category") -> pd.DataFrame:
    """Sum keyword hits by ``by`` and instrument ``level`` (``category`` or ``subtype``).

    Returns a wide table: one row per ``by`` value, one column per category (in
    supply, environment, demand order) or subtype, plus ``total`` and ``*_share``
    columns for categories.
    """
    by = [by] if isinstance(by, str) else list(by)
    if hits.empty:
        return pd.DataFrame(columns=by + list(CATEGORY_ORDER) + ["total"])
    wide = hits.pivot_table(index=by, columns=level, values="hits", aggfunc="sum", fill_value=0)
    if level == "category":
        wide = wide.reindex(columns=list(CATEGORY_ORDER), fill_value=0)
    else:
        wide = wide.reindex(columns=sorted(wide.columns))
    wide["total"] = wide.sum(axis=1)
    if level == "category":
        for c in CATEGORY_ORDER:
            wide[f"{c}_share"] = (wide[c] / wide["total"].where(wide["total"] > 0)).round(4).fillna(0.0)
    wide.columns.name = None
    return wide.reset_index()


def instrument_counts_by_period(docs, phases=None, dictionary=None) -> pd.DataFrame:
    """Instrument keyword hits per period (phase) of a policy corpus.

    ``phases`` as in :func:`litkit.policy.phase_table` (default: the
    project's three phases of ecological-product policy).  Documents without a
    year or outside every phase are left out.
    """
    from .policy_timeline import assign_phase, phase_table

    df = getattr(docs, "df", docs)
    table = phase_table(phases)
    hits = instrument_hits(df, dictionary)
    hits["phase"] = [assign_phase(y, table) for y in hits["year"]]
    hits = hits.dropna(subset=["phase"])
    counts = instrument_counts(hits, by="phase")
    order = {p: i for i, p in enumerate(table["phase"])}
    counts = counts.sort_values("phase", key=lambda s: s.map(order), kind="mergesort").reset_index(drop=True)
    docs_per_phase = pd.Series([assign_phase(y, table) for y in df["year"]]).value_counts()
    counts.insert(1, "documents", [int(docs_per_phase.get(p, 0)) for p in counts["phase"]])
    return counts
