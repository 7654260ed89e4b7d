"""match_references computes each match once per distinct cited string: it must equal matching every
citation on its own (the row-by-row rules of litkit.network.citation's module text, written out here)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import litkit
from litkit.network import match_references, record_match_tables
from litkit.refs import bibliographic_key


def _row_by_row(refs: pd.DataFrame, tables) -> set[tuple[int, int, str]]:
    doi_target, volume_index, page_index, has_doi, id_target = tables
    wanted_years = {k[1] for k in volume_index} | {k[1] for k in page_index}
    best: dict[tuple[int, int], int] = {}
    for row in refs.itertuples(index=False):
        key = row.key if isinstance(row.key, str) else ""
        ref_doi = key[4:] if key.startswith("doi:") else ""
        by_id = id_target.get(key, -1) if id_target else -1
        by_doi = doi_target.get(ref_doi, -1) if ref_doi else -1
        by_bib = -1
        year = None if pd.isna(row.year) else row.year
        values = [
            None if v is None or (not isinstance(v, str) and pd.isna(v)) else v
            for v in (row.author, row.source, row.volume, row.page)
        ]
        author, source, volume, page = values
        if by_doi < 0 and year is not None and str(int(year)) in wanted_years and author and source:
            parts = bibliographic_key(
                {"author": author, "year": year, "source": source, "volume": volume, "page": page}
            ).split("|")
            if parts[3]:
                by_bib = volume_index.get(tuple(parts[:3]) + (parts[3],), -1)
            if by_bib < 0 and parts[4]:
                by_bib = page_index.get(tuple(parts[:3]) + (parts[4],), -1)
            if by_bib >= 0 and ref_doi and has_doi[by_bib]:
                by_bib = -1
        cited = by_id if by_id >= 0 else by_doi if by_doi >= 0 else by_bib
        if cited < 0 or cited == row.record:
            continue
        own = isinstance(row.doi, str) and bool(row.doi.strip())
        how = 1 if by_id >= 0 else 0 if (by_doi >= 0 and own) else 2
        pair = (int(row.record), int(cited))
        best[pair] = min(best.get(pair, 9), how)
    names = ("doi", "id", "bibliographic")
    return {(a, b, names[h]) for (a, b), h in best.items()}


@pytest.mark.parametrize(
    "relative",
    [
        "wos-plaintext-environment",
        "lens-csv/lens-export.csv",
        "scopus-csv",
        "cssci",
    ],
)
def test_match_references_equals_row_by_row(shared_corpora, relative):
    path = shared_corpora / relative
    files = sorted(p for p in path.iterdir() if p.is_file() and p.name != "PROVENANCE.txt") if path.is_dir() else [path]
    corpus = litkit.read(files, progress=False) if len(files) > 1 else litkit.read(files[0], progress=False)
    refs = corpus.references
    tables = record_match_tables(corpus.df)
    links = match_references(refs, tables)
    found = set(zip(links["citing"].tolist(), links["cited"].tolist(), links["match"].tolist()))
    assert found == _row_by_row(refs, tables)
    # citation_links matches the distinct cited strings (distinct_references), not the table: the same links
    pd.testing.assert_frame_equal(litkit.network.citation_links(corpus), links)
    # sorted by citing then cited, one row per pair
    assert links[["citing", "cited"]].apply(tuple, axis=1).is_monotonic_increasing
    assert not links.duplicated(["citing", "cited"]).any()
    if relative.startswith("wos"):
        assert len(found) > 100  # the environment exports cite each other: the test compares something


def test_match_references_offset_and_duplicated_strings():
    """Two records citing one string, a partition offset: each citation keeps its own citing record."""
    recs = [
        {"UT": "A", "AU": ["Smith, J"], "PY": 1999, "J9": "NATURE", "VL": "1", "BP": "2"},
        {"UT": "B", "PY": 2005, "CR": ["Smith J, 1999, NATURE, V1, P2", "Smith J, 1999, NATURE, V1, P2"]},
        {"UT": "C", "PY": 2006, "CR": ["Smith J, 1999, NATURE, V1, P2"]},
    ]
    corpus = litkit.Corpus.from_records(recs)
    tables = record_match_tables(corpus.df)
    links = match_references(corpus.references, tables)
    assert links.values.tolist() == [[1, 0, "bibliographic"], [2, 0, "bibliographic"]]
    shifted = match_references(corpus.references, tables, offset=10)
    assert np.array_equal(shifted["citing"].to_numpy(), links["citing"].to_numpy() + 10)


def test_layout_limit_skips_only_the_map(shared_corpora):
    """Above layout_limit nodes the network is the same except for its (empty) map coordinates."""
    corpus = litkit.read(
        sorted((shared_corpora / "wos-plaintext-environment").glob("*_savedrecs*.txt")), progress=False
    )
    full = litkit.citation_network(corpus)
    assert len(full) > 100 and full.nodes[["x", "y"]].notna().all().all()
    assert "layout_skipped" not in full.params  # below the default limit: params (and params.json) unchanged
    limited = litkit.citation_network(corpus, layout_limit=len(full) - 1)
    assert limited.params["layout_skipped"] is True
    assert limited.nodes[["x", "y"]].isna().all().all()
    same = [c for c in full.nodes.columns if c not in ("x", "y")]
    pd.testing.assert_frame_equal(full.nodes[same], limited.nodes[same])
    pd.testing.assert_frame_equal(full.links(), limited.links())
    assert litkit.citation_network(corpus, layout_limit=len(full)).nodes[["x", "y"]].notna().all().all()


@pytest.mark.parametrize("relative", ["wos-plaintext-environment", "cssci", "scopus-csv"])
def test_record_match_tables_equal_keys_made_record_by_record(shared_corpora, relative):
    """The record indexes (each key part made once per distinct field value) equal bibliographic_key per record."""
    path = shared_corpora / relative
    files = sorted(p for p in path.iterdir() if p.is_file() and p.name != "PROVENANCE.txt")
    df = litkit.read(files, progress=False).df
    _, volume_index, page_index, _, _ = record_match_tables(df)
    by_volume: dict = {}
    by_page: dict = {}
    for i, row in enumerate(df.to_dict("records")):
        au, py = row.get("AU"), row.get("PY")
        first = au[0] if isinstance(au, (list, tuple, np.ndarray)) and len(au) else None
        if not first or py is None or py is pd.NA or py != py:
            continue
        bp = row.get("BP")
        page = bp if isinstance(bp, str) and bp.strip() else row.get("AR")
        for source in {s for s in (row.get("J9"), row.get("SO")) if isinstance(s, str) and s.strip()}:
            fields = {"author": first, "year": int(py), "source": source, "volume": row.get("VL"), "page": page}
            parts = bibliographic_key(fields).split("|")
            if parts[3]:
                by_volume.setdefault(tuple(parts[:4]), set()).add(i)
            if parts[4]:
                by_page.setdefault((*parts[:3], parts[4]), set()).add(i)
    assert volume_index == {k: next(iter(v)) for k, v in by_volume.items() if len(v) == 1}
    assert page_index == {k: next(iter(v)) for k, v in by_page.items() if len(v) == 1}
    assert len(volume_index) + len(page_index) > 50
