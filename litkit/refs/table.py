"""The cited references of a corpus as a table, and the overlap of two corpora's references.

Examples
--------
>>> refs = references_table(corpus.df)                 # doctest: +SKIP
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa

from .gbt7714 import parse_cssci_reference, parse_gbt7714_reference
from .keys import bibliographic_keys, reference_keys, unified_keys
from .scopus import parse_scopus_reference
from .styles import parser_for_style, reference_style
from .wos import parse_wos_reference

TABLE_COLUMNS = ("record", "UT", "PY", "DB", "raw", "author", "year", "source", "volume", "page", "doi", "key")


def references_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (citing record, cited reference), parsed and keyed.

    Parameters
    ----------
    df : pandas.DataFrame
        A canonical corpus frame (``Corpus.df``); uses ``CR``, ``UT``, ``PY``, ``DB``.

    Returns
    -------
    pandas.DataFrame
        Columns ``record`` (row position in ``df``), ``UT``, ``PY`` (citing
        year), ``DB``, ``raw``, ``author``, ``year``, ``source``, ``volume``,
        ``page``, ``doi``, ``key``; rows in record order, then reference order.
        The parser follows the record's database: WoS strings, CNKI GB/T 7714,
        CSSCI (:func:`~litkit.refs.parse_cssci_reference`), Scopus (:func:`~litkit.refs.parse_scopus_reference`).  Each distinct string is parsed
        once.  Keys follow :func:`reference_key`, with the DOIs and pages lent
        across the corpus as :mod:`litkit.refs.keys` describes (:func:`~litkit.refs.unified_keys`,
        also used by :func:`~litkit.refs.reference_keys`); the ``page`` and ``doi``
        columns keep what each reference itself says.

    Examples
    --------
    >>> refs = references_table(corpus.df)                 # doctest: +SKIP
    >>> refs["source"].value_counts().head()               # doctest: +SKIP
    """
    if len(df) == 0 or "CR" not in df.columns:
        return _empty_table()
    cr = df["CR"].tolist()
    lengths = np.fromiter(
        (len(v) if isinstance(v, (list, tuple, np.ndarray)) else 0 for v in cr), dtype=np.int64, count=len(cr)
    )
    total = int(lengths.sum())
    if total == 0:
        return _empty_table()
    record = np.repeat(np.arange(len(df), dtype=np.int64), lengths)
    raws = np.empty(total, dtype=object)
    raws[:] = list(chain.from_iterable(v for v, n in zip(cr, lengths) if n))
    dbs_per_record = df["DB"].tolist() if "DB" in df.columns else ["WoS"] * len(df)
    parser_list: list = []
    parser_ids: dict = {}

    def parser_id(parser) -> int:
        if parser not in parser_ids:
            parser_ids[parser] = len(parser_list)
            parser_list.append(parser)
        return parser_ids[parser]

    record_parser = np.array(
        [parser_id(p) if (p := _parser_for(db)) is not None else -1 for db in dbs_per_record], dtype=np.int64
    )
    ref_parser = record_parser[record]
    string_codes, strings = _factorize_strings(raws)
    undecided = np.flatnonzero(ref_parser < 0)
    if len(undecided):  # references of merged records: the style of each distinct string
        style_of: dict[int, int] = {}
        for i in undecided:
            code = int(string_codes[i])
            if code not in style_of:
                style_of[code] = parser_id(_parser_for_string(raws[i]))
            ref_parser[i] = style_of[code]

    # Each distinct (parser, string) is parsed once; the table takes its values by code.
    if len(parser_list) > 1:
        codes, pairs = pd.factorize(string_codes * len(parser_list) + ref_parser)
        pair_string, pair_parser = np.divmod(pairs, len(parser_list))
        jobs = zip(pair_parser.tolist(), pair_string.tolist())
        parsed = [parser_list[pid](strings[code]) for pid, code in jobs]
    else:
        codes = string_codes
        parser = parser_list[0]
        parsed = [parser(raw) for raw in strings]
    fields = {name: [p.get(name) for p in parsed] for name in ("author", "year", "source", "volume", "page", "doi")}
    bib = bibliographic_keys(fields["author"], fields["year"], fields["source"], fields["volume"], fields["page"])
    # DOIs and pages lent across the whole corpus (litkit.refs.keys), computed on the distinct parses.
    named = [bool(a or s) for a, s in zip(fields["author"], fields["source"])]
    keys = unified_keys(zip(bib, fields["doi"], fields["source"], fields["volume"], fields["page"], named))

    def by_code(values: list) -> np.ndarray:
        distinct = np.empty(len(values), dtype=object)
        distinct[:] = values
        return distinct[codes]

    ut = df["UT"].to_numpy(dtype=object) if "UT" in df.columns else np.full(len(df), None, dtype=object)
    py = pd.array(df["PY"], dtype="Int64") if "PY" in df.columns else pd.array([None] * len(df), dtype="Int64")
    db = np.empty(len(df), dtype=object)
    db[:] = dbs_per_record
    return pd.DataFrame(
        {
            "record": record,
            "UT": pd.Series(ut[record], dtype=object),
            "PY": pd.Series(py.take(record), dtype="Int64"),
            "DB": pd.Series(db[record], dtype=object),
            "raw": pd.Series(raws, dtype=object),
            "author": pd.Series(by_code(fields["author"]), dtype=object),
            "year": pd.Series(pd.array(by_code(fields["year"]), dtype="Int64")),
            "source": pd.Series(by_code(fields["source"]), dtype=object),
            "volume": pd.Series(by_code(fields["volume"]), dtype=object),
            "page": pd.Series(by_code(fields["page"]), dtype=object),
            "doi": pd.Series(by_code(fields["doi"]), dtype=object),
            "key": pd.Series(by_code(keys), dtype=object),
        }
    )


def reference_overlap(a, b) -> dict:
    """How many distinct cited references two corpora share, by raw string and by canonical key.

    The figure behind "the same reference written differently by WoS and
    Scopus is counted once": raw-string identity almost never unifies
    references across databases, canonical keys
    (:func:`reference_keys`, computed over both corpora together) do.

    Parameters
    ----------
    a, b : Corpus
        Typically one corpus per database.

    Returns
    -------
    dict
        ``raw_a``, ``raw_b``, ``raw_shared`` (distinct whitespace-collapsed
        strings and how many are in both), ``keys_a``, ``keys_b``,
        ``keys_shared`` (the same for canonical keys).

    Examples
    --------
    >>> reference_overlap(wos, scopus)["keys_shared"]          # doctest: +SKIP
    """
    raws = [sorted({" ".join(str(r).split()) for refs_ in c.df["CR"] for r in refs_}) for c in (a, b)]
    key_of = dict(zip(raws[0] + raws[1], reference_keys(raws[0] + raws[1])))
    raw_a, raw_b = set(raws[0]), set(raws[1])
    keys_a = {key_of[r] for r in raw_a if not key_of[r].startswith("raw:")}
    keys_b = {key_of[r] for r in raw_b if not key_of[r].startswith("raw:")}
    return {
        "raw_a": len(raw_a),
        "raw_b": len(raw_b),
        "raw_shared": len(raw_a & raw_b),
        "keys_a": len(keys_a),
        "keys_b": len(keys_b),
        "keys_shared": len(keys_a & keys_b),
    }


def _parser_for(db: str):
    """The parser for references of a record from one database (None: decide per string)."""
    dbs = [d.strip() for d in (db or "").split(";") if d.strip()]
    if len(dbs) > 1:  # a merged record holds strings written by several databases
        return None
    first = dbs[0] if dbs else ""
    if first == "CNKI":
        return parse_gbt7714_reference
    if first == "CSSCI":  # CSSCI's own style ("作者.题名.期刊.年.卷(期)"); GB/T strings go on to that parser
        return parse_cssci_reference
    if first == "Scopus":
        return parse_scopus_reference
    return parse_wos_reference


def _factorize_strings(raws: np.ndarray) -> tuple[np.ndarray, list]:
    """Codes into the distinct strings of ``raws`` (in order of first appearance) and those strings.

    Arrow's dictionary encoding does it several times faster than hashing the Python strings;
    values Arrow cannot take (a non-str item, a lone surrogate) go through pandas.factorize.
    """
    try:
        encoded = pa.array(raws, type=pa.string()).dictionary_encode()
    except (pa.ArrowException, UnicodeError, TypeError):
        encoded = None
    if encoded is None or encoded.null_count:
        codes, uniques = pd.factorize(raws, use_na_sentinel=False)
        return codes, list(uniques)
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary.to_pylist()


def _parser_for_string(raw: str):
    return parser_for_style(reference_style(raw))


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record": pd.Series([], dtype=np.int64),
            "UT": pd.Series([], dtype=object),
            "PY": pd.Series([], dtype="Int64"),
            "DB": pd.Series([], dtype=object),
            "raw": pd.Series([], dtype=object),
            "author": pd.Series([], dtype=object),
            "year": pd.Series([], dtype="Int64"),
            "source": pd.Series([], dtype=object),
            "volume": pd.Series([], dtype=object),
            "page": pd.Series([], dtype=object),
            "doi": pd.Series([], dtype=object),
            "key": pd.Series([], dtype=object),
        }
    )


__all__ = ["references_table", "reference_overlap", "TABLE_COLUMNS"]
