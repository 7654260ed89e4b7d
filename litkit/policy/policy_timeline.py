"""Policy timelines: documents on a time axis with issuer lanes and phases, and the
literature–policy overlay.

All functions return tables; :mod:`litkit.plot.policy` draws them.

Phases are user-defined ``(start_year, end_year, label_en, label_zh)`` tuples
(or a DataFrame with columns ``start, end, phase, phase_zh``).  The default,
:data:`DEFAULT_PHASES`, follows the history of "ecological products" in central
policy as the review's Table 1 tells it: the concept appears with the 2010
main-functional-area plan; from 2016 compensation and market mechanisms are
built around it; from 2021 value realisation becomes a national task and meets
the carbon peaking and neutrality ("double carbon") goals.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .agencies import english_name

DEFAULT_PHASES: tuple[tuple[int, int, str, str], ...] = (
    (2010, 2015, "Concept emergence", "概念提出"),
    (2016, 2020, "Institutional exploration", "制度探索"),
    (2021, 2024, "Value realisation & double carbon", "价值实现与双碳"),
)

# Issuer lanes, top to bottom, with bilingual labels.
LANES: tuple[tuple[str, str, str], ...] = (
    ("congress", "CPC National Congress", "党代会"),
    ("cpc", "CPC Central Committee (with State Council)", "中共中央（含联合发文）"),
    ("npc", "National People's Congress", "全国人大"),
    ("state_council", "State Council", "国务院"),
    ("ministries", "Ministries and commissions", "部委"),
    ("other", "Issuer not identified", "发文机关未识别"),
)


def cell_text(value) -> str:
    """A table cell as text: ``""`` for None, NaN and NA, else ``str(value)``.

    Parameters
    ----------
    value : object
        One cell of a policy table.

    Returns
    -------
    str

    Examples
    --------
    >>> cell_text(None), cell_text(float("nan")), cell_text(2019)
    ('', '', '2019')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def phase_table(phases=None) -> pd.DataFrame:
    """Phases as a table ``phase, phase_zh, start, end`` (years inclusive), sorted by start.

    Examples
    --------
    >>> phase_table([(2010, 2020, "Early", "早期"), (2021, 2024, "Late", "近期")])["phase"].tolist()
    ['Early', 'Late']
    """
    if phases is None:
        phases = DEFAULT_PHASES
    if isinstance(phases, pd.DataFrame):
        table = phases.rename(columns={"label_en": "phase", "label_zh": "phase_zh"}).copy()
        if "phase_zh" not in table:
            table["phase_zh"] = ""
    else:
        rows = []
        for item in phases:
            start, end, label = item[0], item[1], item[2]
            rows.append(
                {"phase": label, "phase_zh": item[3] if len(item) > 3 else "", "start": int(start), "end": int(end)}
            )
        table = pd.DataFrame(rows)
    table = table[["phase", "phase_zh", "start", "end"]].sort_values("start", kind="mergesort")
    ends = table["end"].tolist()
    starts = table["start"].tolist()
    for i in range(1, len(table)):
        if starts[i] <= ends[i - 1]:
            raise ValueError(
                f"phases overlap: {table['phase'].iloc[i - 1]!r} ends {ends[i - 1]}, "
                f"{table['phase'].iloc[i]!r} starts {starts[i]}"
            )
    return table.reset_index(drop=True)


def assign_phase(year, table: pd.DataFrame) -> str | None:
    """The phase containing ``year`` (None when outside all phases or year missing)."""
    if year is None or year is pd.NA or year != year:
        return None
    for row in table.itertuples(index=False):
        if row.start <= int(year) <= row.end:
            return row.phase
    return None


def lane_of(issuers: Sequence[str], kind: str | None = None) -> str:
    """The timeline lane of a document, from its issuers.

    >>> lane_of(["中共中央办公厅", "国务院办公厅"]), lane_of(["国务院办公厅"]), lane_of(["财政部"]), lane_of([])
    ('cpc', 'state_council', 'ministries', 'other')
    """
    names = set(issuers or [])
    if not names and not (kind or "").startswith("party congress"):
        return "other"  # no issuer found: a law read from its text is not a ministry's document
    if "中国共产党全国代表大会" in names or (kind or "").startswith("party congress"):
        return "congress"
    if names & {"中共中央", "中共中央办公厅"}:
        return "cpc"
    if names & {"全国人民代表大会", "全国人民代表大会常务委员会"}:
        return "npc"
    if names & {"国务院", "国务院办公厅"}:
        return "state_council"
    return "ministries"


def timeline_table(docs, phases=None, short_titles: dict | None = None) -> pd.DataFrame:
    """Documents ordered in time with lane, phase and bilingual labels.

    Parameters
    ----------
    docs : PolicyCorpus or DataFrame
        Needs ``date`` or ``year``, ``issuers``; uses ``title_zh``, ``title_en``,
        ``doc_number``, ``kind`` when present.
    phases : see :func:`phase_table`.

    Returns
    -------
    DataFrame
        ``doc_id, date, year, x`` (decimal year: 2021-10-24 → 2021.81; year-only
        rows sit at mid-year), ``lane, lane_order, lane_en, lane_zh, phase,
        phase_zh, issuers_en, doc_number, kind, title_zh, title_en, label``
        (``label`` = "English title (文号) / 中文标题").  Sorted by ``x`` then ``doc_id``.
    """
    df = getattr(docs, "df", docs).copy()
    table = phase_table(phases)
    lane_info = {key: (i, en, zh) for i, (key, en, zh) in enumerate(LANES)}
    rows = []
    for rec in df.to_dict("records"):
        date = cell_text(rec.get("date")) or None
        year = rec.get("year")
        if date:
            ts = pd.Timestamp(date)
            x = ts.year + (ts.day_of_year - 1) / (366 if ts.is_leap_year else 365)
            year = ts.year
        elif year is not None and year == year and year is not pd.NA:
            x = int(year) + 0.5
        else:
            continue
        lane = lane_of(rec.get("issuers") or [], rec.get("kind"))
        order, lane_en, lane_zh = lane_info[lane]
        title_en = cell_text(rec.get("title_en"))
        title_zh = cell_text(rec.get("title_zh"))
        if short_titles and rec.get("doc_id") in short_titles:
            title_en = short_titles[rec["doc_id"]]
        number = cell_text(rec.get("doc_number"))
        head = " ".join(part for part in (title_en, f"({number})" if number else "") if part)
        label = " / ".join(part for part in (head, title_zh) if part)
        rows.append(
            {
                "doc_id": rec.get("doc_id"),
                "date": date,
                "year": int(year),
                "x": round(x, 4),
                "lane": lane,
                "lane_order": order,
                "lane_en": lane_en,
                "lane_zh": lane_zh,
                "phase": assign_phase(year, table),
                "phase_zh": dict(zip(table["phase"], table["phase_zh"])).get(assign_phase(year, table)),
                "issuers_en": "; ".join(english_name(i) for i in rec.get("issuers") or []),
                "doc_number": number or None,
                "kind": cell_text(rec.get("kind")) or None,
                "title_zh": title_zh or None,
                "title_en": title_en or None,
                "label": label.strip(),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "doc_id",
            "date",
            "year",
            "x",
            "lane",
            "lane_order",
            "lane_en",
            "lane_zh",
            "phase",
            "phase_zh",
            "issuers_en",
            "doc_number",
            "kind",
            "title_zh",
            "title_en",
            "label",
        ],
    )
    from ._read import object_column

    for col in ("date", "phase", "phase_zh", "doc_number", "kind", "title_zh", "title_en"):
        out[col] = object_column(out[col])
    return out.sort_values(["x", "doc_id"], kind="mergesort").reset_index(drop=True)


def overlay_table(events, publications: pd.DataFrame, year: str = "year", count: str = "count") -> pd.DataFrame:
    """Join policy events to an annual publication table (the literature–policy overlay).

    Parameters
    ----------
    events : PolicyCorpus or DataFrame
        Policy documents with ``year`` (and ``doc_id``, ``title_en``).
    publications : DataFrame
        ``year, count`` and optionally ``database`` (one row per year and database),
        e.g. from the literature side of litkit.

    Returns
    -------
    DataFrame
        One row per year in the publication table's range (and per database if
        given): ``year, [database], count, events, event_ids, event_titles`` —
        ``events`` is the number of policy documents of that year; years without
        publications get count 0.

    Examples
    --------
    >>> ev = pd.DataFrame({"doc_id": ["a"], "year": [2021], "title_en": ["Opinions"]})
    >>> pubs = pd.DataFrame({"year": [2020, 2021], "count": [3, 9]})
    >>> overlay_table(ev, pubs)[["year", "count", "events"]].values.tolist()
    [[2020, 3, 0], [2021, 9, 1]]
    """
    ev = getattr(events, "df", events)
    pubs = publications.rename(columns={year: "year", count: "count"}).copy()
    if pubs.empty:
        raise ValueError("the publication table is empty")
    pubs["year"] = pubs["year"].astype(int)
    years = range(int(min(pubs["year"].min(), ev["year"].min())), int(max(pubs["year"].max(), ev["year"].max())) + 1)
    group = ["database"] if "database" in pubs.columns else []
    frames = []
    for key, sub in pubs.groupby(group, sort=True) if group else [((), pubs)]:
        full = pd.DataFrame({"year": list(years)})
        full = full.merge(sub.groupby("year", as_index=False)["count"].sum(), on="year", how="left")
        full["count"] = full["count"].fillna(0).astype("int64")
        if group:
            full.insert(1, "database", key[0] if isinstance(key, tuple) else key)
        frames.append(full)
    out = pd.concat(frames, ignore_index=True)
    ev = ev.dropna(subset=["year"]).copy()
    ev["year"] = ev["year"].astype(int)
    ev = ev.sort_values(["year", "doc_id"], kind="mergesort")
    title_col = "title_en" if "title_en" in ev.columns else "title_zh"
    by_year = ev.groupby("year").agg(
        events=("doc_id", "size"),
        event_ids=("doc_id", lambda s: "; ".join(s)),
        event_titles=(title_col, lambda s: "; ".join(str(v) for v in s)),
    )
    out = out.merge(by_year, left_on="year", right_index=True, how="left")
    out["events"] = out["events"].fillna(0).astype("int64")
    out[["event_ids", "event_titles"]] = out[["event_ids", "event_titles"]].fillna("")
    return out.reset_index(drop=True)


def read_seed_table(path) -> pd.DataFrame:
    """The review's Table 1 (``table1_policy_timeline.csv``) as a metadata frame.

    Its ``issuer`` column holds English names separated by ``;``; they are
    mapped to Chinese agency names so that lanes and networks work.
    """
    from ._read import from_metadata, read_metadata

    meta = read_metadata(path)
    return from_metadata(meta).df
