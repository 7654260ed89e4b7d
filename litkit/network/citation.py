"""Direct citation network: which records of the corpus cite which (the historiograph's network).

A record ``i`` cites a record ``j`` of the same corpus when one of ``i``'s cited references
resolves to ``j``:

0. Identifier: a Lens.org or OpenAlex reference (an ID, :mod:`litkit.refs.ids`) names ``j``'s
   own ID (``UT`` ``Lens:…`` / ``OpenAlex:W…``);
1. DOI: the reference's DOI (its own, or the one :func:`litkit.refs.references_table`
   lends it through its canonical key when another citation of the same work carries it)
   equals ``j``'s ``DI`` (case-insensitive);
2. otherwise the reference's first-author surname, year and source
   (abbreviated as the reference keys are, :func:`litkit.refs.bibliographic_key`) equal
   ``j``'s (first ``AU``, ``PY``, ``J9`` or ``SO``), and so does the volume (``VL``) or the
   first page (``BP``, else the article number ``AR``) — at least one of the two must be
   given and equal — and the two do not both carry DOIs (different DOIs name different
   works, whatever the rest says: "Ye HF, 2023, ECOST SERV, V12" is not Ye YX's paper of
   that volume when their DOIs differ).

A DOI or bibliographic key shared by several records (undetected duplicates) resolves to
none of them; a record never cites itself.  Each (citing, cited) pair is one link,
directed from the citing to the cited record; ``links()`` has a ``match`` column saying
how it was found: ``"doi"`` when a reference of the pair carries the cited record's DOI
itself, ``"id"`` when it is the cited record's Lens/OpenAlex identifier (rule 0),
``"bibliographic"`` when the reference has no DOI of its own (matched by rule 2, or by rule 1
through a lent DOI, which itself rests on the bibliographic key).

Nodes carry ``lcs`` (local citation score: records of the corpus citing the record; the
size column), ``tc`` (the database's times cited, ``TC``: the global citation score),
``lcr`` (local cited references: records of the corpus it cites) and ``year`` (``PY``).
By default only records with at least one link are nodes (``isolates=True`` keeps all);
``min_lcs`` and ``top_n`` (by LCS, then TC, then ``UT``) select as the historiograph does.
Clusters (Leiden on the undirected links, numbered from #0) are labelled from the member
records' own titles and keywords.

Examples
--------
>>> import litkit
>>> recs = [
...     {"UT": "A", "AU": ["Smith, J"], "PY": 1999, "J9": "NATURE", "VL": "1", "BP": "2", "DI": "10.1000/a"},
...     {"UT": "B", "AU": ["Lee, K"], "PY": 2005, "J9": "SCIENCE", "CR": ["Smith J, 1999, NATURE, V1, P2"]},
...     {"UT": "C", "AU": ["Wu, X"], "PY": 2010, "CR": ["Lee K, 2005, SCIENCE, DOI 10.9000/x", "Anon, 2000, X, DOI 10.1000/A"]}]
>>> net = litkit.citation_network(litkit.Corpus.from_records(recs), with_layout=False)
>>> net.links()[["source", "target", "match"]]
                 source                 target          match
0  Lee K, 2005, SCIENCE  Smith J, 1999, NATURE  bibliographic
1            Wu X, 2010  Smith J, 1999, NATURE            doi
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._citing import as_corpus, citation_cluster_table, record_labels, with_columns, years_of
from .network import assemble, empty_network
from .selection import check_thresholds

__all__ = [
    "citation_network",
    "citation_links",
    "citation_network_from_links",
    "record_match_tables",
    "match_references",
    "MATCHES",
]

MATCHES = ("doi", "id", "bibliographic")
#: Default ``layout_limit``: the largest citation network that gets map coordinates.
LAYOUT_LIMIT = 2000
_COLUMNS = ("tc", "lcr", "year")


def citation_network(
    corpus,
    min_lcs: int = 0,
    top_n: int | None = None,
    *,
    isolates: bool = False,
    normalization: str | None = None,
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    label_fields: Sequence[str] = ("TI", "DE", "ID"),
    with_layout: bool = True,
    layout: str = "auto",
    layout_limit: int | None = LAYOUT_LIMIT,
):
    """Direct citation network between the records of a corpus (module docstring).

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame
    min_lcs : int, default 0
        Records cited fewer times inside the corpus are left out.
    top_n : int or None
        Keep the ``top_n`` records with the highest LCS (ties: TC, then ``UT``).
    isolates : bool, default False
        Keep records without any citation link.
    normalization : str or None, default None
        Link weights of the map (the links are binary; ``None`` keeps them 1).
    clustering, objective, resolution, seed
        As in :func:`litkit.cooccurrence`.
    label_fields : list of str
        Fields of the member records the cluster labels come from.
    with_layout, layout
        Map coordinates (the historiograph figure places records by year instead).
    layout_limit : int or None, default 2000
        Networks with more nodes get no map coordinates (``x`` and ``y`` empty, ``params["layout_skipped"]``
        true): the map layout costs time and memory in the square of the nodes (about 20 s and 1 GB at
        5,000 nodes, hours and 6 GB at 22,000), and a citation network keeps every linked record unless
        ``top_n`` or ``min_lcs`` select.  VOSviewer lays out a map file without coordinates itself.
        None: always lay out.

    Returns
    -------
    Network
        ``kind="citation"``, ``directed=True``, ``size="lcs"``; ``counts[i, j] = 1`` when
        node ``i`` cites node ``j``.  Empty (with ``net.message``) when no record cites another.

    Examples
    --------
    >>> import litkit
    >>> net = litkit.citation_network(corpus, top_n=30)                      # doctest: +SKIP
    >>> net.nodes.sort_values("lcs", ascending=False)[["label", "lcs", "tc"]]  # doctest: +SKIP
    """
    corpus = as_corpus(corpus)
    links, has_references = _links_of(corpus)
    return citation_network_from_links(
        corpus.df,
        links,
        has_references=has_references,
        min_lcs=min_lcs,
        top_n=top_n,
        isolates=isolates,
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        label_fields=label_fields,
        with_layout=with_layout,
        layout=layout,
        layout_limit=layout_limit,
    )


def citation_network_from_links(
    df: pd.DataFrame,
    links: pd.DataFrame,
    *,
    has_references: bool = True,
    min_lcs: int = 0,
    top_n: int | None = None,
    isolates: bool = False,
    normalization: str | None = None,
    clustering: str = "leiden",
    objective: str = "modularity",
    resolution: float = 1.0,
    seed: int = 42,
    label_fields: Sequence[str] = ("TI", "DE", "ID"),
    with_layout: bool = True,
    layout: str = "auto",
    layout_limit: int | None = LAYOUT_LIMIT,
):
    """The assembly step of :func:`citation_network`: selection, clusters, labels, node and link columns.

    Parameters
    ----------
    df : pandas.DataFrame
        The records (``UT, TC, PY, AU, J9, SO`` and the label fields are read; not ``CR``).
    links : pandas.DataFrame
        :func:`citation_links` of the corpus (or the partitions' :func:`match_references`
        one after the other).
    has_references : bool
        Whether the corpus has any cited reference (for the message of an empty network).
    min_lcs, top_n, options, layout_limit
        As in :func:`citation_network`.

    Returns
    -------
    Network
        As :func:`citation_network`.

    Examples
    --------
    >>> net = citation_network_from_links(corpus.df, citation_links(corpus))      # doctest: +SKIP
    """
    check_thresholds(top_n, min_lcs=min_lcs)
    n = len(df)
    run = {"min_lcs": min_lcs, "top_n": top_n, "isolates": isolates, "label_fields": list(label_fields)}
    run.update({"records": n, "citations_matched": len(links)})
    for how in MATCHES:
        run[f"matched_{how}"] = int((links["match"] == how).sum())
    a = sp.csr_matrix(
        (np.ones(len(links), dtype=np.int64), (links["citing"].to_numpy(), links["cited"].to_numpy())), shape=(n, n)
    )
    lcs = np.asarray(a.sum(axis=0)).ravel().astype(np.int64)
    lcr = np.asarray(a.sum(axis=1)).ravel().astype(np.int64)
    tc = pd.to_numeric(df["TC"], errors="coerce").fillna(0).to_numpy(dtype=np.int64) if "TC" in df else np.zeros(n, int)
    ut = df["UT"].tolist() if "UT" in df else [None] * n
    keys = [str(u) if isinstance(u, str) and u else f"record:{i}" for i, u in enumerate(ut)]
    linked = (lcs + lcr) > 0
    eligible = np.flatnonzero((linked | isolates) & (lcs >= min_lcs))
    ranked = sorted(eligible.tolist(), key=lambda i: (-int(lcs[i]), -int(tc[i]), keys[i]))
    selected = np.asarray(ranked[:top_n] if top_n is not None else ranked, dtype=np.int64)
    if len(links) == 0 or len(selected) == 0:
        why = "no record of the corpus cites another record of the corpus"
        if len(links):
            why = f"no record is cited at least {min_lcs} times inside the corpus"
        elif not has_references:
            why = "the corpus has no cited references (CR)"
        return empty_network("citation", why, size="lcs", columns=_COLUMNS, params=run, cluster_base=0, directed=True)
    if with_layout and layout_limit is not None and len(selected) > layout_limit:
        with_layout = False
        run["layout_skipped"] = True
    directed = sp.csr_matrix(a[selected][:, selected], dtype=np.int64)
    directed.sort_indices()
    both = directed + directed.T
    both.data[:] = 1  # a mutual citation is one undirected link for clustering and layout
    both = sp.csr_matrix(both, dtype=np.int64)
    both.sort_indices()
    degree = np.maximum(np.diff(both.indptr), 1)
    labels = record_labels(df)
    net = assemble(
        both,
        both.astype(np.float64),
        lcs[selected],
        [keys[i] for i in selected],
        [labels[i] for i in selected],
        kind="citation",
        size="lcs",
        counting="full",
        normalization=normalization,
        clustering=clustering,
        objective=objective,
        resolution=resolution,
        seed=seed,
        with_layout=with_layout,
        layout=layout,
        cluster_base=0,
        directed_counts=directed,
        incidence=sp.csr_matrix(sp.identity(n, dtype=np.int8, format="csr")[:, selected]),
        score="year",
        params=run,
        occurrences=degree,
    )
    # A directed network's fractional counts are its counts (one citation is one link).
    net.fractional = sp.csr_matrix(directed, dtype=np.float64)
    years = years_of(df)[selected]
    ok = ~np.isnan(years)
    net.nodes = with_columns(
        net.nodes,
        {
            "tc": tc[selected],
            "lcr": lcr[selected],
            "year": pd.Series(np.where(ok, years, 0).astype(np.int64), dtype="Int64").mask(~ok).array,
        },
    )
    position = {int(r): k for k, r in enumerate(selected)}
    kept = links[links["citing"].isin(position) & links["cited"].isin(position)]
    net.link_columns = pd.DataFrame(
        {
            "source_id": np.array([position[int(r)] + 1 for r in kept["citing"]], dtype=np.int64),
            "target_id": np.array([position[int(r)] + 1 for r in kept["cited"]], dtype=np.int64),
            "match": kept["match"].to_numpy(dtype=object),
        }
    )
    net.clusters = citation_cluster_table(net, net.incidence, df, label_fields=label_fields)
    return net


def citation_links(corpus) -> pd.DataFrame:
    """Every (citing record, cited record) pair of a corpus, with how it was matched.

    Parameters
    ----------
    corpus : litkit.Corpus or pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        ``citing``, ``cited`` (row positions in the corpus) and ``match`` (``"doi"``, ``"id"`` or
        ``"bibliographic"``), one row per pair, sorted by ``citing`` then ``cited``.

    Examples
    --------
    >>> import litkit
    >>> c = litkit.Corpus.from_records([{"UT": "a", "DI": "10.1000/x"}, {"UT": "b", "CR": ["X Y, 2000, Z, DOI 10.1000/X"]}])
    >>> citation_links(c)
       citing  cited match
    0       1      0   doi
    """
    return _links_of(as_corpus(corpus))[0]


def _links_of(corpus) -> tuple[pd.DataFrame, bool]:
    """:func:`citation_links` of a corpus and whether it cites anything at all.

    A corpus read from its records is matched from its distinct cited strings
    (:func:`litkit.refs.distinct_references`: ``references_table`` is those rows taken by code, so the links
    are the same) without the table of one row per citation (4 million rows at 100,000 records); any other
    (a gathered corpus whose references were parsed elsewhere) from ``corpus.references``.
    """
    from ..corpus import Corpus

    tables = record_match_tables(corpus.df)
    if type(corpus) is Corpus and "CR" in corpus.df:
        from ..refs import distinct_references

        citations, distinct = distinct_references(corpus.df, citing=False)
        if len(citations) == 0:
            return _match_distinct(distinct.iloc[:0], np.zeros(0, np.int64), np.zeros(0, np.int64), tables), False
        codes = citations["code"].to_numpy(dtype=np.int64)
        return _match_distinct(distinct, codes, citations["record"].to_numpy(dtype=np.int64), tables), True
    refs = corpus.references
    return match_references(refs, tables), not refs.empty


def record_match_tables(df: pd.DataFrame) -> tuple:
    """What a cited reference is matched against: the records' DOIs and bibliographic keys.

    Returns ``(doi_target, volume_index, page_index, has_doi, id_target)`` — DOI (lower case) ->
    record, ``(surname, year, SOURCE, volume)`` and ``(surname, year, SOURCE, page)`` -> record (a
    value held by two records resolves to neither), whether each record has a DOI, and the key a
    Lens/OpenAlex identifier reference has (``lens:…``, ``openalex:W…``) -> the record whose ``UT``
    is that identifier.  Read from ``UT, DI, AU, PY, J9, SO, VL, BP, AR`` only.

    Examples
    --------
    >>> tables = record_match_tables(corpus.df)                                        # doctest: +SKIP
    >>> links = match_references(corpus.references, tables)                            # doctest: +SKIP
    """
    from ..refs import bibliographic_key
    from ..refs.ids import parse_id_reference

    n = len(df)
    record_doi = df["DI"].tolist() if "DI" in df else [None] * n
    record_doi_clean = [str(d).strip().lower() if isinstance(d, str) and d.strip() else "" for d in record_doi]
    volume_index, page_index = _record_bibliographic_indexes(df, _BibliographicKeys(bibliographic_key))
    has_doi = np.array([bool(d) for d in record_doi_clean], dtype=bool)
    # A Lens/OpenAlex record's UT is the identifier its citers list ("Lens:028-…" in both places).
    record_ids = [parse_id_reference(u) if isinstance(u, str) else None for u in (df["UT"] if "UT" in df else [])]
    id_keys = [p["doi"] if p else "" for p in record_ids] or [""] * n
    return _unique_index(record_doi_clean), volume_index, page_index, has_doi, _unique_index(id_keys)


def match_references(refs: pd.DataFrame, tables: tuple, offset: int = 0) -> pd.DataFrame:
    """The (citing, cited) pairs of the references ``refs`` against :func:`record_match_tables`.

    ``refs``: a :func:`litkit.refs.references_table` (of a corpus, or of a partition whose
    records start at row ``offset`` of the corpus: ``citing`` is then ``record + offset``).
    Same columns and order as :func:`citation_links`.

    Examples
    --------
    >>> tables = record_match_tables(corpus.df)                                        # doctest: +SKIP
    >>> match_references(part.references, tables, offset=first_row_of_part)            # doctest: +SKIP
    """
    if len(refs) == 0 or len(tables[3]) == 0:
        return _empty_links()
    citing = refs["record"].to_numpy(dtype=np.int64) + np.int64(offset)
    # references_table parses each distinct (string, database) once and takes every column of a citation
    # from that one parse: everything is computed once per distinct string (80,000 among 4 million
    # citations at 100,000 records) and spread to the citations with the codes.
    codes, first = _distinct_citations(refs)
    return _match_distinct(refs.iloc[first], codes, citing, tables)


def _empty_links() -> pd.DataFrame:
    # Empty with the dtypes of a found table (pandas infers the text dtype from values), so that the
    # tables of partitions with and without links concatenate to citation_links' table.
    one = np.zeros(1, dtype=np.int64)
    return _links_table(one, one, one).iloc[:0].reset_index(drop=True)


def _match_distinct(refs: pd.DataFrame, codes: np.ndarray, citing: np.ndarray, tables: tuple) -> pd.DataFrame:
    """:func:`match_references` of distinct references ``refs`` cited as ``refs.iloc[codes]`` by ``citing``."""
    from ..refs import bibliographic_key

    bibliographic_key = _BibliographicKeys(bibliographic_key)
    doi_target, volume_index, page_index, has_doi, id_target = tables
    if len(codes) == 0 or len(has_doi) == 0:
        return _empty_links()
    key = refs["key"].to_numpy(dtype=object)
    # 1. DOI: the reference's DOI or the DOI its canonical key was lent.
    ref_doi = np.array([k[4:] if isinstance(k, str) and k.startswith("doi:") else "" for k in key], dtype=object)
    by_doi = np.array([doi_target.get(d, -1) if d else -1 for d in ref_doi], dtype=np.int64)
    # 0. A Lens/OpenAlex identifier: its key is the cited record's ID (never a DOI or a bibliographic key).
    by_id = np.array([id_target.get(k, -1) for k in key], dtype=np.int64) if id_target else np.full(len(refs), -1)
    # 2. First author + year + source + volume or page, for the references the DOI did not resolve.
    by_bib = np.full(len(refs), -1, dtype=np.int64)
    todo = np.flatnonzero(by_doi < 0)
    if len(todo) and (volume_index or page_index):
        sub = refs.iloc[todo][["author", "year", "source", "volume", "page"]].astype(object)
        sub = sub.where(sub.notna(), None)
        found_for: dict = {}  # several strings can share author, year, source, volume and page
        wanted_years = {k[1] for k in volume_index} | {k[1] for k in page_index}
        for u, row in enumerate(zip(*(sub[c] for c in sub.columns))):
            if row in found_for:
                by_bib[todo[u]] = found_for[row]
                continue
            author, year, source, volume, page = row
            found = -1
            if year is not None and str(int(year)) in wanted_years and author and source:
                parts = bibliographic_key(author, year, source, volume, page).split("|")
                head = tuple(parts[:3])
                if parts[3]:
                    found = volume_index.get(head + (parts[3],), -1)
                if found < 0 and parts[4]:
                    found = page_index.get(head + (parts[4],), -1)
            found_for[row] = by_bib[todo[u]] = found
    # Two DOIs that differ name two works: a bibliographic match between them is a coincidence.
    conflict = (by_bib >= 0) & (ref_doi != "") & has_doi[np.maximum(by_bib, 0)]
    by_bib[conflict] = -1
    cited = np.where(by_id >= 0, by_id, np.where(by_doi >= 0, by_doi, by_bib))[codes]
    # "doi" only when the reference itself carries the DOI; a DOI lent through the bibliographic key
    # (litkit.refs) is a bibliographic identification.  Lower codes sort first: a pair matched by two
    # references of one record takes the first of MATCHES.
    own = np.array([isinstance(d, str) and bool(d.strip()) for d in refs["doi"]], dtype=bool)
    match = np.where(by_id >= 0, 1, np.where((by_doi >= 0) & own, 0, 2))[codes]
    ok = (cited >= 0) & (cited != citing)
    if not ok.any():
        return _empty_links()
    pairs = pd.DataFrame({"citing": citing[ok], "cited": cited[ok], "how": match[ok]})
    pairs = pairs.sort_values(["citing", "cited", "how"], kind="mergesort").drop_duplicates(["citing", "cited"])
    return _links_table(pairs["citing"].to_numpy(), pairs["cited"].to_numpy(), pairs["how"].to_numpy())


def _distinct_citations(refs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, first)``: the distinct (``raw``, ``DB``) of the citations, as codes per citation and the
    position of each one's first citation (``refs.iloc[first][codes]`` is ``refs`` in every parsed column)."""
    raw_codes, raw_values = pd.factorize(refs["raw"], use_na_sentinel=False)
    combined = np.asarray(raw_codes, dtype=np.int64)
    if "DB" in refs.columns:
        db_codes, db_values = pd.factorize(refs["DB"], use_na_sentinel=False)
        combined, _ = pd.factorize(combined * np.int64(max(len(db_values), 1)) + db_codes)
        combined = np.asarray(combined, dtype=np.int64)
    # factorize numbers codes in order of first appearance: a code's first citation is where the running
    # maximum of the codes rises.
    rising = np.maximum.accumulate(combined)
    first = np.flatnonzero(np.r_[True, rising[1:] > rising[:-1]])
    return combined, first


def _links_table(citing: np.ndarray, cited: np.ndarray, how: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "citing": np.asarray(citing, dtype=np.int64),
            "cited": np.asarray(cited, dtype=np.int64),
            "match": np.array(MATCHES, dtype=object)[np.asarray(how, dtype=np.int64)],
        }
    )


def _unique_index(values: list[str]) -> dict[str, int]:
    """``value -> position`` for values held by exactly one position (ambiguous ones left out)."""
    seen: dict[str, int] = {}
    for i, v in enumerate(values):
        if v:
            seen[v] = -2 if v in seen else i
    return {v: i for v, i in seen.items() if i >= 0}


class _BibliographicKeys:
    """``bibliographic_key({"author": a, "year": y, "source": s, "volume": v, "page": p})`` as ``keys(a, y, s, v, p)``,
    each field's part made once per distinct value.

    The key joins five parts, each made from its own field alone (surname, year, abbreviated source, volume,
    page): a part is cut from the key of that field alone (``"SMITH||||"``, ``"||NATURE||"``: the other parts
    of an empty key are empty), so the joined parts are the whole key to the byte.  Values are cached with
    their type (``2001`` and ``2001.0`` are one dict key, not one text).
    """

    _CUT = (slice(None, -4), slice(1, -3), slice(2, -2), slice(3, -1), slice(4, None))
    _FIELDS = ("author", "year", "source", "volume", "page")

    def __init__(self, bibliographic_key):
        self._key = bibliographic_key
        self._parts: tuple[dict, ...] = tuple({} for _ in self._FIELDS)

    def __call__(self, author, year, source, volume, page) -> str:
        return "|".join(self._part(i, v) for i, v in enumerate((author, year, source, volume, page)))

    def _part(self, i: int, value) -> str:
        cache = self._parts[i]
        if isinstance(value, float) and value != value:  # NaN: a new dict key each time, never found
            return self._key({self._FIELDS[i]: value})[self._CUT[i]]
        try:
            return cache[type(value), value]
        except KeyError:
            part = cache[type(value), value] = self._key({self._FIELDS[i]: value})[self._CUT[i]]
            return part
        except TypeError:  # unhashable, or a value whose == is not a truth value
            return self._key({self._FIELDS[i]: value})[self._CUT[i]]


def _record_bibliographic_indexes(df: pd.DataFrame, bibliographic_key):
    """``(surname, year, SOURCE, volume) -> record`` and ``(surname, year, SOURCE, page) -> record``.

    Each record is entered under its ``J9`` and its ``SO`` (references name either); a key
    held by two records resolves to neither.
    """
    n = len(df)

    def column(name):
        return df[name].tolist() if name in df else [None] * n

    authors, years, vols = column("AU"), column("PY"), column("VL")
    pages = [bp if isinstance(bp, str) and bp.strip() else ar for bp, ar in zip(column("BP"), column("AR"))]
    by_volume: dict[tuple, set] = {}
    by_page: dict[tuple, set] = {}
    for i, (au, py, j9, so, vl, bp) in enumerate(zip(authors, years, column("J9"), column("SO"), vols, pages)):
        first = au[0] if isinstance(au, (list, tuple, np.ndarray)) and len(au) else None
        if not first or py is None or py is pd.NA or py != py:
            continue
        for source in {s for s in (j9, so) if isinstance(s, str) and s.strip()}:
            parts = bibliographic_key(first, int(py), source, vl, bp).split("|")
            head = tuple(parts[:3])
            if parts[3]:
                by_volume.setdefault(head + (parts[3],), set()).add(i)
            if parts[4]:
                by_page.setdefault(head + (parts[4],), set()).add(i)
    return (
        {k: next(iter(v)) for k, v in by_volume.items() if len(v) == 1},
        {k: next(iter(v)) for k, v in by_page.items() if len(v) == 1},
    )
