"""The references table computed the straightforward way: one parse and one key per row.

A reference implementation for :func:`litkit.refs.references_table`, which parses each distinct
string once, folds each distinct author/source/volume/page once and maps the results back by code.
Here every (record, reference) is parsed and keyed on its own, and the corpus-wide lending of DOIs
and pages (:func:`litkit.refs.unified_keys`) is applied to all the rows; the two tables must be equal.
"""

from __future__ import annotations

import pandas as pd

from litkit.refs import (
    bibliographic_key,
    parse_cssci_reference,
    parse_gbt7714_reference,
    parse_scopus_reference,
    parse_wos_reference,
    parser_for_style,
    reference_style,
    unified_keys,
)

_BY_DATABASE = {"CNKI": parse_gbt7714_reference, "CSSCI": parse_cssci_reference, "Scopus": parse_scopus_reference}


def parser_of(db, raw: str):
    """The parser of one reference: its record's database, or its own style in a merged record."""
    dbs = [d.strip() for d in (db or "").split(";") if d.strip()]
    if len(dbs) > 1:
        return parser_for_style(reference_style(raw))
    return _BY_DATABASE.get(dbs[0] if dbs else "", parse_wos_reference)


def references_table_per_row(df: pd.DataFrame) -> pd.DataFrame:
    """``references_table(df)`` computed row by row (same columns, dtypes and order)."""
    rows = []
    for i in range(len(df)):
        cr = df["CR"].iat[i] if "CR" in df.columns else []
        db = df["DB"].iat[i] if "DB" in df.columns else "WoS"
        ut = df["UT"].iat[i] if "UT" in df.columns else None
        py = df["PY"].iat[i] if "PY" in df.columns else None
        for raw in cr if isinstance(cr, list) else []:
            p = parser_of(db, raw)(raw)
            rows.append((i, ut, py, db, raw, p["author"], p["year"], p["source"], p["volume"], p["page"], p["doi"], p))
    keys = unified_keys(
        (bibliographic_key(p), p["doi"], p["source"], p["volume"], p["page"], bool(p["author"] or p["source"]))
        for *_, p in rows
    )
    names = ["record", "UT", "PY", "DB", "raw", "author", "year", "source", "volume", "page", "doi"]
    columns = list(zip(*[r[:-1] for r in rows])) if rows else [()] * len(names)
    data = {}
    for name, values in zip(names, columns):
        if name == "record":
            data[name] = pd.Series(values, dtype="int64")
        elif name in ("PY", "year"):
            data[name] = pd.Series([None if v is None or v is pd.NA else int(v) for v in values], dtype="Int64")
        else:
            data[name] = pd.Series(list(values), dtype=object)
    data["key"] = pd.Series(keys, dtype=object)
    return pd.DataFrame(data)
