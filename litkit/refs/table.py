"""The cited references of a corpus as a table, and the overlap of two corpora's references.

Examples
--------
>>> refs = references_table(corpus.df)                 # doctest: +SKIP
"""

from __future__ import annotations

from functools import partial
from itertools import chain

import numpy as np
import pandas as pd

from .._forks import map_parts
from .gbt7714 import parse_cssci_reference, parse_gbt7714_reference
from .keys import bibliographic_keys, reference_keys, unified_keys
from .styles import parser_for_database, parser_for_style, reference_style

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
        CSSCI (:func:`~litkit.refs.parse_cssci_reference`), Scopus
        (:func:`~litkit.refs.parse_scopus_reference`).  Each distinct string is parsed
        once (:func:`distinct_references` gives the table in that form, without a
        string per citation and column).  Keys follow :func:`reference_key`, with the DOIs and pages lent
        across the corpus as :mod:`litkit.refs.keys` describes (:func:`~litkit.refs.unified_keys`,
        also used by :func:`~litkit.refs.reference_keys`); the ``page`` and ``doi``
        columns keep what each reference itself says.

    Examples
    --------
    >>> refs = references_table(corpus.df)                 # doctest: +SKIP
    >>> refs["source"].value_counts().head()               # doctest: +SKIP
    """
    citations, distinct, (string_codes, strings) = _distinct(df)
    if citations is None:
        return _empty_table()
    codes = citations["code"].to_numpy()
    table = {name: citations[name] for name in ("record", "UT", "PY", "DB")}
    table["raw"] = pd.Series(_objects(strings).to_numpy()[string_codes], dtype=object, copy=False)
    for name in ("author", "year", "source", "volume", "page", "doi", "key"):
        column = distinct[name].array.take(codes)
        table[name] = pd.Series(column, dtype="Int64" if name == "year" else object, copy=False)
    # copy=False: the columns are new arrays; copying them (pandas' default for an array given to a
    # Series) or consolidating them into one block would copy ~4 million pointers per column at
    # 100,000 records for nothing.
    return pd.DataFrame(table, copy=False)


def distinct_references(
    df: pd.DataFrame, *, keys: bool = True, citing: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The references table in two parts: one row per citation with a code, one row per distinct reference.

    What :func:`references_table` is made of, for analyses that count
    distinct references (bursts, co-citation) and need not hold millions of
    rows of repeated strings: ``citations`` is small (integers and the citing
    record's fields), ``distinct`` has one row per distinct (parser, string).

    Parameters
    ----------
    df : pandas.DataFrame
        A canonical corpus frame (``Corpus.df``); uses ``CR``, ``UT``, ``PY``, ``DB``.
    keys : bool, default True
        Compute the ``key`` column; when False it holds None (what cited-journal bursts
        read needs no key, and keying is a third of the work).
    citing : bool, default True
        Give each citation its citing record's ``UT``, ``PY`` and ``DB``; when False
        ``citations`` has only ``record`` and ``code`` (an analysis that looks the citing
        fields up in ``df`` by ``record`` saves three columns of millions of rows).

    Returns
    -------
    citations : pandas.DataFrame
        One row per (citing record, cited reference), in :func:`references_table` order:
        ``record``, ``UT``, ``PY``, ``DB`` as there (without ``citing``: ``record`` only),
        and ``code`` (int64), the row of ``distinct`` that holds the reference.
    distinct : pandas.DataFrame
        ``raw``, ``author``, ``year``, ``source``, ``volume``, ``page``, ``doi``, ``key``
        (the columns and dtypes of :func:`references_table`), one row per distinct string
        and parser (a string cited by records of two databases is parsed by each), in
        order of first citation.  Two rows may share a ``key``.

    Examples
    --------
    >>> import pandas as pd
    >>> from litkit.corpus import frame_from_records
    >>> df = frame_from_records([{"UT": "A", "CR": ["Costanza R, 1997, NATURE, V387, P253"]},
    ...                          {"UT": "B", "CR": ["Daily GC, 1997, NATURE", "Costanza R, 1997, NATURE, V387, P253"]}])
    >>> citations, distinct = distinct_references(df)
    >>> citations["code"].tolist(), distinct["key"].tolist()
    ([0, 1, 0], ['COSTANZA|1997|NATURE|387|253', 'DAILY|1997|NATURE||'])
    >>> table = references_table(df)
    >>> table["key"].tolist() == distinct["key"].take(citations["code"]).tolist()
    True
    """
    citations, distinct, _ = _distinct(df, keys=keys, citing=citing)
    if citations is None:
        empty = _empty_table()
        fields = ["record", "UT", "PY", "DB"] if citing else ["record"]
        citations = empty[fields].assign(code=pd.Series([], dtype=np.int64))
        return citations, empty[list(_DISTINCT_COLUMNS)]
    return citations, distinct


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


_DISTINCT_COLUMNS = ("raw", "author", "year", "source", "volume", "page", "doi", "key")


def _distinct(df: pd.DataFrame, keys: bool = True, citing: bool = True):
    """(citations, distinct, (string_codes, strings)) of :func:`distinct_references`: ``strings[string_codes]``
    are the cited strings in citation order; (None, None, (None, None)) when ``df`` cites nothing."""
    nothing = None, None, (None, None)
    if len(df) == 0 or "CR" not in df.columns:
        return nothing
    lengths, string_codes, strings = _cited_strings(df["CR"])
    if len(string_codes) == 0:
        return nothing
    record = np.repeat(np.arange(len(df), dtype=np.int64), lengths)
    dbs_per_record = df["DB"].tolist() if "DB" in df.columns else ["WoS"] * len(df)
    parser_list: list = []
    parser_ids: dict = {}

    def parser_id(parser) -> int:
        if parser not in parser_ids:
            parser_ids[parser] = len(parser_list)
            parser_list.append(parser)
        return parser_ids[parser]

    # The parser of each distinct DB value (a corpus has a handful), in order of first appearance.
    parser_of_db: dict = {}
    for db in dbs_per_record:
        if db not in parser_of_db:
            parser_of_db[db] = parser_id(p) if (p := parser_for_database(db)) is not None else -1
    record_parser = np.fromiter((parser_of_db[db] for db in dbs_per_record), dtype=np.int64, count=len(df))
    ref_parser = record_parser[record]
    undecided = np.flatnonzero(ref_parser < 0)
    if len(undecided):  # references of merged records: the style of each distinct string
        style_of: dict[int, int] = {}
        for i in undecided:
            code = int(string_codes[i])
            if code not in style_of:
                style_of[code] = parser_id(parser_for_style(reference_style(strings[code])))
            ref_parser[i] = style_of[code]

    # Each distinct (parser, string) is parsed once; the citations point to it by code.
    if len(parser_list) > 1:
        codes, pairs = pd.factorize(string_codes * len(parser_list) + ref_parser)
        pair_string, pair_parser = np.divmod(pairs, len(parser_list))
        distinct_raws = [strings[code] for code in pair_string.tolist()]
        work = list(zip(pair_parser.tolist(), distinct_raws))
    else:
        codes, distinct_raws = string_codes, strings
        work = [(0, raw) for raw in strings]
    # Parsing and the bibliographic key depend on each string alone: on every core (litkit._forks).
    parsed = map_parts(partial(_parse_and_key, parser_list, keys), work)
    names = ("author", "year", "source", "volume", "page", "doi", "bib")
    fields = dict(zip(names, map(list, zip(*parsed)))) if parsed else {name: [] for name in names}
    if keys:
        # DOIs and pages lent across the whole corpus (litkit.refs.keys), computed on the distinct parses.
        named = [bool(a or s) for a, s in zip(fields["author"], fields["source"])]
        keys = unified_keys(
            zip(fields["bib"], fields["doi"], fields["source"], fields["volume"], fields["page"], named)
        )
    else:
        keys = [None] * len(parsed)

    distinct = pd.DataFrame(
        {
            "raw": _objects(distinct_raws),
            "author": _objects(fields["author"]),
            "year": pd.Series(pd.array(_objects(fields["year"]), dtype="Int64")),
            "source": _objects(fields["source"]),
            "volume": _objects(fields["volume"]),
            "page": _objects(fields["page"]),
            "doi": _objects(fields["doi"]),
            "key": _objects(keys),
        },
        copy=False,
    )
    if not citing:
        citations = pd.DataFrame({"record": record, "code": np.asarray(codes, dtype=np.int64)}, copy=False)
        return citations, distinct, (string_codes, strings)
    ut = df["UT"].to_numpy(dtype=object) if "UT" in df.columns else np.full(len(df), None, dtype=object)
    py = pd.array(df["PY"], dtype="Int64") if "PY" in df.columns else pd.array([None] * len(df), dtype="Int64")
    db = np.empty(len(df), dtype=object)
    db[:] = dbs_per_record
    citations = pd.DataFrame(
        {
            "record": record,
            "UT": pd.Series(ut[record], dtype=object, copy=False),  # new arrays: no copy
            "PY": pd.Series(py.take(record), dtype="Int64", copy=False),
            "DB": pd.Series(db[record], dtype=object, copy=False),
            "code": np.asarray(codes, dtype=np.int64),
        },
        copy=False,
    )
    return citations, distinct, (string_codes, strings)


def _cited_strings(cr: pd.Series) -> tuple[np.ndarray, np.ndarray, list]:
    """The cited strings of a ``CR`` column: references per record, the code of each citation (in record
    order, then reference order) into the distinct strings, and those strings in order of first citation.

    A ``CR`` kept in Arrow (a pandas ``ArrowDtype`` list column, as a command that only counts references
    loads it) is coded in Arrow: flattening and dictionary-encoding the four million citations of 100,000
    records in C++ took 0.5 s where making a Python list per record (in the loader) and hashing each
    citation in a dict took about 2.5 s.
    """
    if isinstance(cr.dtype, pd.ArrowDtype):
        coded = _arrow_cited_strings(cr)
        if coded is not None:
            return coded
        cr = pd.Series(cr.tolist(), dtype=object)
    values = cr.tolist()
    lengths = np.fromiter(
        (len(v) if isinstance(v, (list, tuple, np.ndarray)) else 0 for v in values), dtype=np.int64, count=len(values)
    )
    total = int(lengths.sum())
    raws = np.fromiter(chain.from_iterable(v for v, n in zip(values, lengths) if n), dtype=object, count=total)
    string_codes, strings = _factorize_strings(raws)
    return lengths, string_codes, strings


def _arrow_cited_strings(cr: pd.Series):
    """:func:`_cited_strings` of an Arrow list-of-strings column; None for another Arrow type or a missing item."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # pa.array uses the column's __arrow_array__ (its own chunks, no copy); pa.chunked_array would
    # iterate the values in Python.
    column = pa.array(cr.array)
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column])
    value_type = column.type
    if not (pa.types.is_list(value_type) or pa.types.is_large_list(value_type)):
        return None
    item_type = value_type.value_type
    encoded_in_file = pa.types.is_dictionary(item_type)  # as litkit reads CR (litkit.io.parquet)
    if encoded_in_file:
        item_type = item_type.value_type
    if not (pa.types.is_string(item_type) or pa.types.is_large_string(item_type)):
        return None
    lengths = pc.fill_null(pc.list_value_length(column), 0).to_numpy().astype(np.int64)
    flat = pc.list_flatten(column)
    if flat.null_count:  # a missing item: what the Python path makes of it
        return None
    if flat.num_chunks == 0 or len(flat) == 0:
        return lengths, np.zeros(0, dtype=np.int64), []
    # A chunked array is encoded with one memo table, so codes follow the first appearance over the
    # whole column (as _factorize_strings numbers them); unify_dictionaries makes the chunks share it.
    encoded = (flat if encoded_in_file else pc.dictionary_encode(flat)).unify_dictionaries()
    string_codes = np.concatenate([chunk.indices.to_numpy() for chunk in encoded.chunks])
    strings = encoded.chunk(0).dictionary
    if encoded_in_file:
        string_codes, strings = _in_order_of_first_appearance(string_codes, strings)
    else:
        string_codes = string_codes.astype(np.int64)
    return lengths, string_codes, strings.to_pylist()


_ISSUE_PARSERS = frozenset((parse_cssci_reference, parse_gbt7714_reference))


def _parse_and_key(parsers: list, keyed: bool, work: list[tuple[int, str]]) -> list[tuple]:
    """(author, year, source, volume, page, doi, bibliographic key or None) of each (parser number, string)."""
    parsed = [parsers[pid](raw) for pid, raw in work]
    fields = [[p.get(name) for p in parsed] for name in ("author", "year", "source", "volume", "page", "doi")]
    # CSSCI / GB/T 7714 journal references carry an issue, the key of a page-less one (litkit.refs.keys)
    issues = [p.get("issue") for p in parsed] if keyed and _ISSUE_PARSERS.intersection(parsers) else None
    bib = bibliographic_keys(*fields[:5], issues=issues) if keyed else [None] * len(parsed)
    return list(zip(*fields, bib))


def _in_order_of_first_appearance(codes: np.ndarray, dictionary):
    """``codes`` renumbered so that code k is the k-th distinct value met, and the dictionary to match.

    A dictionary read from the file is each row group's dictionary, unified; a Parquet writer builds
    those in order of first appearance, but nothing obliges it to, nor to hold only used values:
    factorising the codes (one hash pass over small integers, tens of ms) makes the order certain.
    """
    renumbered, used = pd.factorize(codes)
    return renumbered.astype(np.int64, copy=False), dictionary.take(used)


def _objects(values: list) -> pd.Series:
    """A list as an object Series (never a string or numeric dtype pandas might infer)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return pd.Series(out, dtype=object)


def _factorize_strings(raws: np.ndarray) -> tuple[np.ndarray, list]:
    """Codes into the distinct strings of ``raws`` (in order of first appearance) and those strings.

    A dict does it faster than pandas.factorize and without the copy of every string that an
    Arrow dictionary encoding needs (hundreds of MB at 100,000 records): a corpus read from
    Parquet holds one object per distinct string, whose hash Python keeps.
    """
    index: dict = {}
    try:
        codes = np.fromiter((index.setdefault(raw, len(index)) for raw in raws), dtype=np.int64, count=len(raws))
    except TypeError:  # an unhashable item
        codes, uniques = pd.factorize(raws, use_na_sentinel=False)
        return codes, list(uniques)
    return codes, list(index)


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


__all__ = ["references_table", "distinct_references", "reference_overlap", "TABLE_COLUMNS"]
