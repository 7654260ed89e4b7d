"""Collaboration (co-authorship) networks of authors, institutions or countries, and SCP/MCP by country.

Two units are linked once per record in which both appear (binary per record: a country
named in three addresses of one record counts once there), as bibliometrix and
VOSviewer count co-authorship.  Units:

``"author"``
    the record's authors (``AU``), grouped by an upper-case key with punctuation folded
    (``COSTANZA R``, the key of :func:`litkit.coupling`), shown with their most frequent spelling.
``"institution"``
    the top-level organisations of the record's addresses (:func:`litkit.affiliations`:
    aliases applied, spelling variants merged).  Web of Science ``C3`` rows are skipped by
    default (``skip_fields``): they repeat the ``C1`` organisations under "enhanced" names, so
    keeping them would link "Univ Cambridge" with "University of Cambridge" in every record.
``"country"``
    the ISO 3166-1 alpha-2 codes of the record's addresses (key ``CN``, label ``China``);
    Hong Kong, Macao and Taiwan are their own units unless the affiliations table was made
    with ``group_greater_china=True``.

Pipeline
--------
1. Binary incidence ``X`` (records × units) from the units above (:func:`collaboration_incidence`).
2. Records with more than ``max_authors`` authors (``AU``) are left out, as VOSviewer's
   "ignore documents with a large number of authors" (default 25); ``None`` keeps all.
3. Documents of a unit ``o_i`` = column sums of ``X``; units need ``o_i >= min_documents``;
   the ``top_n`` with most documents are kept (ties: the key's code-point order).
4. Counting, with the keyword network's code (:func:`litkit.network.network_from_incidence`):
   full ``C = XᵀX`` and fractional ``F = Xᵀ diag(1/(n_d − 1)) X`` (zero diagonals), where
   ``n_d`` is the number of distinct units of record ``d`` *before* selection.  Under
   fractional counting a record therefore gives each of its units a total link strength of 1,
   shared equally among its ``n_d − 1`` partners (Perianes-Rodriguez, van Eck & Waltman
   2016), so a 20-country consortium paper weighs no more per country than a bilateral one;
   single-unit records add nothing to the links.
5. Normalisation, Leiden clusters numbered from #0 by size, ``Q``, silhouette and layout,
   as for every :class:`~litkit.network.Network` (:func:`litkit.network.network.assemble`).
6. Node columns: ``documents`` (size), ``documents_fractional`` (``Σ_d 1/n_d`` over the
   unit's records: its fractional share of the records), ``citations`` (sum of ``TC`` over
   the unit's records), ``avg_year`` (mean publication year, VOSviewer's overlay score).
   Cluster table (the citation networks' table, :mod:`litkit.network`): ``label`` is
   the cluster's largest member (who the group is); with ``label_fields`` (e.g. ``("DE", "ID")``),
   ``label_llr``, ``label_tfidf`` and ``label_mi`` are the terms of the cluster's records (what
   the group works on; empty by default).

:func:`country_production` gives single- and multiple-country publications (SCP/MCP) per
corresponding author's country (bibliometrix's "corresponding author's countries").

Examples
--------
>>> import litkit
>>> recs = [{"UT": "1", "PY": 2020, "TC": 4, "AU": ["Li, W", "Roe, J"]},
...         {"UT": "2", "PY": 2021, "TC": 2, "AU": ["Li, W", "Roe, J", "Wu, X"]},
...         {"UT": "3", "PY": 2022, "TC": 0, "AU": ["Wu, X"]}]
>>> net = litkit.collaboration(litkit.Corpus.from_records(recs), unit="author", with_layout=False)
>>> net.nodes[["key", "label", "documents", "citations", "total_link_strength"]]
     key   label  documents  citations  total_link_strength
0   LI W   Li, W          2          6                    3
1  ROE J  Roe, J          2          6                    3
2   WU X   Wu, X          2          2                    2
>>> net.links()[["source", "target", "count", "fractional"]]
   source  target  count  fractional
0   Li, W  Roe, J      2         1.5
1   Li, W   Wu, X      1         0.5
2  Roe, J   Wu, X      1         0.5
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import LitkitError
from ._citing import as_corpus, citation_cluster_table, fold, with_columns, years_of
from .network import COUNTINGS, Network, average_year, binary_incidence, empty_network, network_from_incidence

__all__ = [
    "collaboration",
    "collaboration_incidence",
    "collaboration_parts",
    "combine_collaboration_parts",
    "collaboration_from_parts",
    "country_production",
    "UNITS",
]

UNITS = ("author", "institution", "country")
_COLUMNS = ("documents_fractional", "citations", "avg_year")


def collaboration(
    corpus,
    unit: str = "author",
    min_documents: int = 1,
    top_n: int | None = 200,
    *,
    counting: str = "full",
    max_authors: int | None = 25,
    affiliations: pd.DataFrame | None = None,
    skip_fields: Sequence[str] = ("C3",),
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    cluster_on: str = "auto",
    label_fields: Sequence[str] = (),
    with_layout: bool = True,
    layout: str = "auto",
) -> Network:
    """Collaboration network of the authors, institutions or countries of a corpus (module docstring).

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
        Records in the canonical schema: authors in ``AU``; addresses as :func:`litkit.affiliations` reads them.
    unit : {"author", "institution", "country"}
    min_documents : int, default 1
        Units need this many records (after ``max_authors``).  VOSviewer's default is 5.
    top_n : int or None, default 200
        Keep the ``top_n`` units with most records (ties: the key's code-point order); None keeps all.
    counting : {"full", "fractional"}
        Which counts weigh the links (layout, clustering, total link strength); both are computed.
    max_authors : int or None, default 25
        Records with more authors (``AU``) are left out, as VOSviewer does; None keeps every record.
    affiliations : pandas.DataFrame, optional
        The table of :func:`litkit.affiliations` for ``corpus`` (computed when None; pass it to
        reuse one table, or one made with other options such as ``group_greater_china``).
    skip_fields : sequence of str, default ("C3",)
        Affiliation rows from these fields are not units (institutions and countries).
    normalization : {"association", "association_probabilistic", "cosine", "jaccard",
        "inclusion", "equivalence", None}
    clustering, objective, resolution, seed, cluster_on
        As in :func:`litkit.cooccurrence`.
    label_fields : sequence of str, default ()
        Fields of the clusters' records the topic terms (``label_llr``, ``label_tfidf``, ``label_mi``)
        come from, e.g. ``("DE", "ID")`` or ``("TI", "DE", "ID")``.  None by default: a co-authorship
        cluster is named by its largest member (VOSviewer and bibliometrix give its clusters no topic),
        and extracting terms from every record costs more than the network itself on a large corpus
        (20,000 WoS records, country network without layout on a loaded 2-core machine: 0.8 s without
        topic terms, 4.4 s with ``("DE", "ID")``, 16 s with ``("TI", "DE", "ID")``).
    with_layout, layout
        Map coordinates; ``"auto"``: Kamada–Kawai up to 300 nodes, spring above.

    Returns
    -------
    Network
        ``kind="collaboration"``, size column ``documents``, clusters from #0.  A corpus with
        no author (or no address naming an institution or a country), or whose records all have
        more than ``max_authors`` authors, gives an empty network whose ``message`` says why.

    Examples
    --------
    >>> import litkit
    >>> corpus = litkit.read("savedrecs.txt")                                          # doctest: +SKIP
    >>> net = litkit.collaboration(corpus, unit="country", counting="fractional")      # doctest: +SKIP
    >>> net.links().sort_values("count", ascending=False).head()                      # doctest: +SKIP
    >>> net.export("out/countries")                                                    # doctest: +SKIP
    """
    _check(unit, counting, max_authors, top_n)
    corpus = as_corpus(corpus)
    if unit != "author":
        affiliations = _affiliations(corpus, affiliations, unit)
    parts = collaboration_parts(corpus, unit, label_fields=label_fields)
    return collaboration_from_parts(
        parts,
        unit,
        min_documents,
        top_n,
        counting=counting,
        max_authors=max_authors,
        affiliations=affiliations,
        skip_fields=skip_fields,
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        cluster_on=cluster_on,
        label_fields=label_fields,
        with_layout=with_layout,
        layout=layout,
    )


def collaboration_parts(corpus, unit: str = "author", *, label_fields: Sequence[str] = ()) -> dict:
    """What :func:`collaboration` reads from the records, in parts that add up by concatenation.

    A corpus split in parts (the partitions of :func:`litkit.scale.ingest`) gives its network from the
    parts' results concatenated in record order (:func:`combine_collaboration_parts`) and
    :func:`collaboration_from_parts` -- the function :func:`collaboration` itself ends with.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    unit : {"author", "institution", "country"}
    label_fields : sequence of str, default ()
        As in :func:`collaboration`: their columns are kept for the clusters' topic terms.

    Returns
    -------
    dict
        ``records`` (a frame of the columns the network reads: ``PY``, ``TC``, ``J9``, ``SO``, the
        ``label_fields``, and ``AU`` cut to the first author, which is all the clusters' record labels
        show), ``n_authors`` (authors per record, for ``max_authors``) and, for authors, ``authors``:
        the incidence rows ``(record, key, spelling)`` of every author of every record.  Institutions
        and countries come from the affiliations table instead.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"UT": "1", "AU": ["Li, W", "Roe, J"], "PY": 2020}])
    >>> parts = collaboration_parts(c, "author")
    >>> parts["n_authors"].tolist(), parts["authors"][1], parts["records"]["AU"].tolist()
    ([2], ['LI W', 'ROE J'], [['Li, W']])
    """
    df = as_corpus(corpus).df
    fields = []
    if len(label_fields):
        from ..text import resolve_fields

        fields = [f for f in resolve_fields(list(label_fields)) if f in df]
    wanted = [c for c in dict.fromkeys(["PY", "TC", "J9", "SO", *fields]) if c in df]
    records = df[wanted].copy()
    records.attrs = {}
    values = df["AU"].tolist() if "AU" in df else [None] * len(df)
    records["AU"] = [[v[0]] if isinstance(v, (list, tuple, np.ndarray)) and len(v) else [] for v in values]
    return {
        "records": records.reset_index(drop=True),
        "n_authors": _author_counts(df),
        "authors": _author_rows(df) if unit == "author" else None,
    }


def combine_collaboration_parts(parts) -> dict:
    """The :func:`collaboration_parts` of consecutive sets of records, in record order, as one.

    Examples
    --------
    >>> import litkit
    >>> a = collaboration_parts(litkit.Corpus.from_records([{"UT": "1", "AU": ["Li, W"]}]))
    >>> b = collaboration_parts(litkit.Corpus.from_records([{"UT": "2", "AU": ["Roe, J"]}]))
    >>> combine_collaboration_parts([a, b])["authors"][0].tolist()
    [0, 1]
    """
    parts = list(parts)
    if not parts:
        raise LitkitError("no parts to combine", expected="the collaboration_parts of at least one set of records")
    offsets = np.cumsum([0] + [len(p["records"]) for p in parts])
    records = pd.concat([p["records"] for p in parts], ignore_index=True) if len(parts) > 1 else parts[0]["records"]
    authors = None
    if all(p["authors"] is not None for p in parts):
        rows = np.concatenate([p["authors"][0] + offset for p, offset in zip(parts, offsets)])
        authors = (rows, [k for p in parts for k in p["authors"][1]], [s for p in parts for s in p["authors"][2]])
    n_authors = np.concatenate([p["n_authors"] for p in parts])
    return {"records": records, "n_authors": n_authors, "authors": authors}


def collaboration_from_parts(
    parts: dict,
    unit: str = "author",
    min_documents: int = 1,
    top_n: int | None = 200,
    *,
    counting: str = "full",
    max_authors: int | None = 25,
    affiliations: pd.DataFrame | None = None,
    skip_fields: Sequence[str] = ("C3",),
    normalization: str | None = "association",
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    cluster_on: str = "auto",
    label_fields: Sequence[str] = (),
    with_layout: bool = True,
    layout: str = "auto",
) -> Network:
    """The collaboration network from :func:`collaboration_parts` (of one corpus, or combined).

    Parameters as in :func:`collaboration`; ``affiliations`` (the table of the whole corpus) is
    required for institutions and countries.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"UT": "1", "AU": ["Li, W", "Roe, J"]}, {"UT": "2", "AU": ["Li, W"]}])
    >>> net = collaboration_from_parts(collaboration_parts(c), "author", with_layout=False)
    >>> net.nodes["documents"].tolist()
    [2, 1]
    """
    _check(unit, counting, max_authors, top_n)
    df = parts["records"]
    n = len(df)
    run = {
        "unit": unit,
        "min_documents": min_documents,
        "top_n": top_n,
        "max_authors": max_authors,
        "skip_fields": list(skip_fields),
        "label_fields": list(label_fields),
    }
    if unit == "author":
        m_all, keys, labels = _author_incidence(*parts["authors"], n)
    else:
        if affiliations is None:
            raise LitkitError(
                f"collaboration_from_parts needs the affiliations table for {unit} units",
                expected="affiliations=litkit.affiliations(corpus)",
            )
        m_all, keys, labels = _address_incidence(_affiliations(None, affiliations, unit), unit, n, skip_fields)
    if unit == "institution":  # which alias tables named the institutions (litkit.affiliations records it)
        if "bilingual_aliases" in affiliations.attrs:
            run["bilingual_aliases"] = bool(affiliations.attrs["bilingual_aliases"])
    n_authors = parts["n_authors"]
    skipped = n_authors > max_authors if max_authors is not None else np.zeros(len(df), dtype=bool)
    m = sp.csr_matrix(m_all.multiply((~skipped)[:, None].astype(np.int8)), dtype=np.int8)
    m.eliminate_zeros()
    n_d = np.diff(m.indptr).astype(np.int64)  # distinct units per record, before selection
    documents = np.asarray(m.sum(axis=0)).ravel().astype(np.int64)
    run.update(
        {
            "records": len(df),
            "records_skipped_max_authors": int(skipped.sum()),
            "records_with_units": int((n_d > 0).sum()),
            "distinct_units": len(keys),
        }
    )
    why = None
    if not len(keys):
        why = f"the corpus names no {unit}" if unit == "author" else f"the corpus has no address naming an {unit}"
        why = why.replace("an country", "a country")
    elif not documents.any():
        why = f"every record with a {unit} has more than max_authors={max_authors} authors"
    elif not (documents >= max(min_documents, 1)).any():
        why = f"no {unit} has at least min_documents={min_documents} records"
    if why is not None:
        return empty_network("collaboration", why, size="documents", columns=_COLUMNS, params=run, cluster_base=0)

    net = network_from_incidence(
        m,
        keys,
        labels,
        kind="collaboration",
        size="documents",
        min_size=max(min_documents, 1),
        top_n=top_n,
        items_per_record=n_d,
        counting=counting,
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        cluster_on=cluster_on,
        with_layout=with_layout,
        layout=layout,
        cluster_base=0,
        params=run,
    )
    inc = sp.csr_matrix(net.incidence, dtype=np.float64)  # records x selected units
    share = np.where(n_d > 0, 1.0 / np.maximum(n_d, 1), 0.0)
    tc = pd.to_numeric(df["TC"], errors="coerce").fillna(0).to_numpy(dtype=np.float64) if "TC" in df else None
    tc = np.zeros(len(df)) if tc is None else tc
    columns = {
        "documents_fractional": np.round(inc.T @ share, 6),
        "citations": np.rint(inc.T @ tc).astype(np.int64),
        "avg_year": np.round(average_year(inc, years_of(df)), 4),
    }
    net.nodes = with_columns(net.nodes, columns)
    net.score = "avg_year"
    clusters = citation_cluster_table(net, net.incidence, df, label_fields=label_fields, year_column="avg_year")
    # Who the group is: its largest member (members are in rank order); the topic terms stay beside it.
    membership = net.nodes["cluster"].to_numpy()
    node_labels = net.labels
    clusters["label"] = [node_labels[int(np.flatnonzero(membership == c)[0])] for c in clusters["cluster"]]
    net.clusters = clusters.rename(columns={"year": "avg_year"})
    return net


def collaboration_incidence(
    corpus,
    unit: str,
    *,
    affiliations: pd.DataFrame | None = None,
    skip_fields: Sequence[str] = ("C3",),
) -> tuple[sp.csr_matrix, list[str], list[str]]:
    """Records × units binary incidence of a corpus, with the units' keys and labels.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    unit : {"author", "institution", "country"}
    affiliations : pandas.DataFrame, optional
        :func:`litkit.affiliations` of the corpus (computed when None and needed).
    skip_fields : sequence of str, default ("C3",)
        Affiliation rows from these ``source_field`` values are left out.

    Returns
    -------
    tuple
        ``(m, keys, labels)``: int8 CSR (records × units; a unit named several times in a record
        is 1), the units' keys (``AU`` folded upper case, institution names, ISO codes) in
        first-seen order, and their labels (most frequent spelling; country names).

    Examples
    --------
    >>> import litkit, pandas as pd
    >>> c = litkit.Corpus.from_records([{"UT": "a"}, {"UT": "b"}])
    >>> aff = pd.DataFrame({"record": [0, 0, 0, 1], "country": ["CN", "US", "CN", "CN"],
    ...                     "source_field": ["C1", "C1", "RP", "C1"]})
    >>> m, keys, labels = collaboration_incidence(c, "country", affiliations=aff)
    >>> m.toarray().tolist(), keys, labels
    ([[1, 1], [1, 0]], ['CN', 'US'], ['China', 'United States'])
    """
    if unit not in UNITS:
        raise LitkitError(f"unknown collaboration unit {unit!r}", expected=" or ".join(UNITS))
    corpus = as_corpus(corpus)
    df = corpus.df
    n = len(df)
    if unit != "author":
        return _address_incidence(_affiliations(corpus, affiliations, unit), unit, n, skip_fields)
    return _author_incidence(*_author_rows(df), n)


def country_production(corpus, affiliations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Single- and multiple-country publications per corresponding author's country (SCP, MCP).

    bibliometrix's "corresponding author's countries": each record is counted once, for the
    country of its corresponding author (the reprint address's (RP) country; else the first
    address row marked ``corresponding`` that names a country; else the record's first address
    row that names one, as bibliometrix's ``AU1_CO``).  It is a *multiple-country publication* (MCP) when its addresses name more than
    one country, otherwise a *single-country publication* (SCP).  The counting is
    :func:`litkit.indicators.top_countries`' (one implementation for both tables).

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    affiliations : pandas.DataFrame, optional
        :func:`litkit.affiliations` of the corpus (columns ``record``, ``country``,
        ``corresponding``); computed when None.

    Returns
    -------
    pandas.DataFrame
        ``country`` (ISO code), ``country_name``, ``articles`` (records whose corresponding
        author's country it is), ``SCP``, ``MCP``, ``MCP_ratio`` (MCP / articles) and ``share``
        (articles / all records with a corresponding country).  Most articles first, ties by
        code.  Records with no country are in no row (``.attrs["records_without_country"]``).

    Examples
    --------
    >>> import litkit, pandas as pd
    >>> c = litkit.Corpus.from_records([{"UT": "1"}, {"UT": "2"}, {"UT": "3"}])
    >>> aff = pd.DataFrame({"record": [0, 0, 1, 2], "country": ["CN", "US", "CN", "US"],
    ...                     "corresponding": [True, False, True, True]})
    >>> country_production(c, aff)[["country", "articles", "SCP", "MCP", "MCP_ratio"]].values.tolist()
    [['CN', 2, 1, 1, 0.5], ['US', 1, 1, 0, 0.0]]
    """
    from ..addresses import country_name
    from ..indicators import top_countries

    corpus = as_corpus(corpus)
    aff = _affiliations(corpus, affiliations, "country")
    table = top_countries(corpus, aff)
    table = table[table["corresponding_articles"] > 0]
    total = int(table["corresponding_articles"].sum())
    out = pd.DataFrame(
        {
            "country": table["country"].astype(str).to_numpy(),
            "country_name": [country_name(c) or c for c in table["country"]],
            "articles": table["corresponding_articles"].to_numpy(dtype=np.int64),
            "SCP": table["SCP"].to_numpy(dtype=np.int64),
            "MCP": table["MCP"].to_numpy(dtype=np.int64),
        }
    )
    out["MCP_ratio"] = out["MCP"] / out["articles"]
    out["share"] = out["articles"] / total if total else np.nan
    out = out.sort_values(["articles", "country"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    out.attrs["records_without_country"] = len(corpus.df) - total
    return out


# ---- private helpers -------------------------------------------------------------------------------


def _affiliations(corpus, affiliations, unit: str) -> pd.DataFrame:
    if affiliations is None:
        from ..addresses import affiliations as compute

        return compute(corpus)
    if not isinstance(affiliations, pd.DataFrame) or "record" not in affiliations or unit not in affiliations:
        raise LitkitError(
            f"affiliations must be a DataFrame with columns record and {unit}",
            expected="the table of litkit.affiliations(corpus)",
        )
    return affiliations


def _check(unit: str, counting: str, max_authors, top_n) -> None:
    if unit not in UNITS:
        raise LitkitError(f"unknown collaboration unit {unit!r}", expected=" or ".join(UNITS))
    if counting not in COUNTINGS:
        raise LitkitError(f"unknown counting {counting!r}", expected=" or ".join(COUNTINGS))
    if max_authors is not None and int(max_authors) < 1:
        raise LitkitError(f"max_authors must be at least 1, not {max_authors!r}", expected="a positive integer or None")
    if top_n is not None and int(top_n) < 1:
        raise LitkitError(f"top_n must be at least 1, not {top_n!r}", expected="a positive integer or None (all units)")


def _author_rows(df: pd.DataFrame) -> tuple[np.ndarray, list[str], list[str]]:
    """(record, key, spelling) of every author of every record: keys ``AU`` folded upper case."""
    values = df["AU"].tolist() if "AU" in df else [[]] * len(df)
    rows, items, shown = [], [], []
    for r, names in enumerate(values):
        if not isinstance(names, (list, tuple, np.ndarray)):
            continue
        for name in names:
            key = fold(name)
            if key:
                rows.append(r)
                items.append(key)
                shown.append(" ".join(str(name).split()))
    return np.asarray(rows, dtype=np.int64), items, shown


def _author_incidence(rows, items, shown, n: int) -> tuple[sp.csr_matrix, list[str], list[str]]:
    """Records x authors from the rows of :func:`_author_rows`: keys in first-seen order, most used spelling."""
    codes, uniques = pd.factorize(pd.Series(items, dtype=object)) if len(items) else (np.zeros(0, int), [])
    keys = [str(k) for k in uniques]
    m = binary_incidence(np.asarray(rows, dtype=np.int64), np.asarray(codes, dtype=np.int64), (n, len(keys)))
    spellings = [Counter() for _ in keys]
    for code, name in zip(codes, shown):
        spellings[code][name] += 1
    # Most frequent spelling; ties: code-point order, so the label never depends on record order.
    labels = [min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for c in spellings]
    return m, keys, labels


def _address_incidence(aff: pd.DataFrame, unit: str, n: int, skip_fields) -> tuple[sp.csr_matrix, list[str], list[str]]:
    """Records x institutions (or countries) of an affiliations table: keys in first-seen order of the kept rows.

    Works on the two or three columns it needs, as integer codes: filtering the whole frame would copy every
    column and deep-copy its attrs (the unresolved-address report), most of the time on a large corpus.
    """
    rows = aff["record"].to_numpy()
    codes, uniques = pd.factorize(aff[unit].array)  # a missing value is code -1
    names = [str(u).strip() for u in uniques]
    merged, keys_all = pd.factorize(pd.Series(names, dtype=object)) if names else (np.zeros(0, np.int64), [])
    named = np.array([bool(k) for k in keys_all] + [False], dtype=bool)  # stripped to nothing: no unit
    unit_of = np.append(merged, -1).astype(np.int64)[codes]  # codes == -1 picks the appended -1
    keep = named[unit_of]
    if skip_fields and "source_field" in aff.columns:
        keep &= ~np.asarray(aff["source_field"].isin(list(skip_fields)), dtype=bool)
    rows = rows[keep].astype(np.int64)
    unit_of = unit_of[keep]
    if len(rows) and (rows.min() < 0 or rows.max() >= n):
        raise LitkitError(
            f"the affiliations table names record {int(rows.max())}, but the corpus has {n} records",
            expected="record = a row position in the corpus (the table of litkit.affiliations(corpus))",
        )
    # Renumber the units in the order their first kept row names them (the order a factorize of the kept
    # values gives), so that keys never depend on rows that were left out.
    seen, first = np.unique(unit_of, return_index=True)
    order = seen[np.argsort(first, kind="stable")]
    renumber = np.full(len(keys_all) + 1, -1, dtype=np.int64)
    renumber[order] = np.arange(len(order))
    keys = [str(keys_all[k]) for k in order.tolist()]
    m = binary_incidence(rows, renumber[unit_of], (n, len(keys)))
    if unit == "country":
        from ..addresses import country_name

        labels = [country_name(k) or k for k in keys]
    else:
        labels = list(keys)  # an institution is shown as its (already merged) name
    return m, keys, labels


def _author_counts(df: pd.DataFrame) -> np.ndarray:
    """Number of authors (``AU`` entries) of every record (0 when it has none)."""
    if "AU" not in df:
        return np.zeros(len(df), dtype=np.int64)
    return np.fromiter(
        (len(v) if isinstance(v, (list, tuple, np.ndarray)) else 0 for v in df["AU"].tolist()),
        dtype=np.int64,
        count=len(df),
    )
