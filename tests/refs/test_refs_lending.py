"""Keys unified across a corpus: DOIs and pages lent (litkit.refs.keys), by hand and by brute force on real exports."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest

import litkit
from litkit.corpus import Corpus
from litkit.refs import (
    bibliographic_key,
    merge_lending,
    page_by_bibliographic_key,
    parse_cssci_reference,
    reference_keys,
    reference_style,
    references_table,
)

# ---- hand-made cases ------------------------------------------------------------------------------


def _table(*records: tuple[str, list[str]]) -> pd.DataFrame:
    rows = [{"UT": f"X:{i}", "DB": db, "PY": 2020, "CR": crs} for i, (db, crs) in enumerate(records)]
    return references_table(Corpus.from_records(rows).df)


CSSCI_TEECE = "36.Teece,D.J..Dynamic capabilities and strategic management.Strategic Management Journal.1997.18(7)"
WOS_TEECE = "Teece DJ, 1997, STRATEG MANAGE J, V18, P509"


def test_unique_completion_lends_its_page():
    refs = _table(("CSSCI", [CSSCI_TEECE]), ("WoS", [WOS_TEECE]))
    assert refs["page"].tolist() == [None, "509"]  # the column keeps what the reference says
    assert refs["key"].tolist() == ["TEECE|1997|STRATEG MANAGE J|18|509"] * 2
    # the same strings through reference_keys (the one shared rule)
    assert reference_keys([CSSCI_TEECE.split(".", 1)[1], WOS_TEECE]) == ["TEECE|1997|STRATEG MANAGE J|18|509"] * 2


def test_lent_page_carries_the_completions_doi():
    refs = _table(
        ("CSSCI", [CSSCI_TEECE]), ("WoS", [WOS_TEECE + ", DOI 10.1002/(SICI)1097-0266"]), ("WoS", [WOS_TEECE])
    )
    assert refs["key"].tolist() == ["doi:10.1002/(sici)1097-0266"] * 3


def test_page_less_doi_is_the_groups_doi():
    # WoS cites it once with its DOI but no page, once with the page but no DOI: one work
    refs = _table(
        ("WoS", ["Teece DJ, 1997, STRATEG MANAGE J, V18, DOI 10.1002/x"]),
        ("WoS", [WOS_TEECE]),
        ("CSSCI", [CSSCI_TEECE]),
    )
    assert refs["key"].tolist() == ["doi:10.1002/x"] * 3


def test_ambiguous_completion_lends_nothing():
    refs = _table(
        ("WoS", ["Smith J, 2000, ECOL ECON, V30, P1", "Smith J, 2000, ECOL ECON, V30, P77"]),
        ("WoS", ["Smith J, 2000, ECOL ECON, V30"]),
    )
    assert refs["key"].tolist() == [
        "SMITH|2000|ECOL ECON|30|1",
        "SMITH|2000|ECOL ECON|30|77",
        "SMITH|2000|ECOL ECON|30|",
    ]


def test_different_dois_are_never_merged():
    # page-less key with DOI a, its only completion with DOI b: two works, nothing lent either way
    refs = _table(
        ("WoS", ["Smith J, 2000, ECOL ECON, V30, DOI 10.1/a", "Smith J, 2000, ECOL ECON, V30"]),
        ("WoS", ["Smith J, 2000, ECOL ECON, V30, P1, DOI 10.1/b", "Smith J, 2000, ECOL ECON, V30, P1"]),
    )
    assert refs["key"].tolist() == ["doi:10.1/a", "doi:10.1/a", "doi:10.1/b", "doi:10.1/b"]
    # the completion itself seen with two DOIs: ambiguous, the page-less key stays alone
    refs = _table(
        ("WoS", ["Smith J, 2000, ECOL ECON, V30, P1, DOI 10.1/b", "Smith J, 2000, ECOL ECON, V30, P1, DOI 10.1/c"]),
        ("WoS", ["Smith J, 2000, ECOL ECON, V30", "Smith J, 2000, ECOL ECON, V30, P1"]),
    )
    assert refs["key"].tolist()[2:] == ["SMITH|2000|ECOL ECON|30|", "SMITH|2000|ECOL ECON|30|1"]
    # the page-less key seen with two DOIs: ambiguous too
    refs = _table(
        ("WoS", ["Smith J, 2000, ECOL ECON, V30, DOI 10.1/a", "Smith J, 2000, ECOL ECON, V30, DOI 10.1/d"]),
        ("WoS", ["Smith J, 2000, ECOL ECON, V30", "Smith J, 2000, ECOL ECON, V30, P1, DOI 10.1/b"]),
    )
    assert refs["key"].tolist()[2:] == ["SMITH|2000|ECOL ECON|30|", "doi:10.1/b"]


def test_no_page_lent_without_volume_or_across_volumes():
    refs = _table(
        ("WoS", ["Smith J, 2000, ECOL ECON, V30, P1", "Smith J, 2000, ECOL ECON", "Smith J, 2000, ECOL ECON, V31"]),
        ("WoS", ["Smith J, 2001, ECOL ECON, V30", "Jones J, 2000, ECOL ECON, V30"]),
    )
    assert refs["key"].tolist() == [
        "SMITH|2000|ECOL ECON|30|1",
        "SMITH|2000|ECOL ECON||",
        "SMITH|2000|ECOL ECON|31|",
        "SMITH|2001|ECOL ECON|30|",
        "JONES|2000|ECOL ECON|30|",
    ]


def test_lending_tables_merge_like_one_table():
    a = ["SMITH|2000|ECOL ECON|30|1", "TEECE|1997|STRATEG MANAGE J|18|509"]
    b = ["SMITH|2000|ECOL ECON|30|77", "TEECE|1997|STRATEG MANAGE J|18|", "|2000|ECOL ECON|30|5"]
    merged = merge_lending(page_by_bibliographic_key(a), page_by_bibliographic_key(b))
    assert (
        merged
        == page_by_bibliographic_key(a + b)
        == {
            "SMITH|2000|ECOL ECON|30|": None,
            "TEECE|1997|STRATEG MANAGE J|18|": "509",
        }
    )


# ---- brute force on real exports -------------------------------------------------------------------

REAL = (
    "cssci/DataSet_CSSCI.txt",
    "cssci/cssci_1-100b.txt",
    "cnki-refworks/CNKI.txt",
    "wos-plaintext-metaknowledge/ManyAuthors.isi",
    "wos-plaintext-environment",
    "scopus-csv",
    "scopus-plaintext/scopus_2024_fullrecord.txt",
)


@pytest.fixture(scope="module")
def real_refs(shared_corpora):
    corpus = litkit.read([shared_corpora / p for p in REAL])
    refs = references_table(corpus.df)
    # a page-less CSSCI reference is keyed by its issue (the table has no issue column: parsed again here)
    issues = [
        parse_cssci_reference(raw).get("issue") if db == "CSSCI" and not p else None
        for raw, db, p in zip(refs["raw"], refs["DB"], refs["page"])
    ]
    refs["bib"] = [
        bibliographic_key(
            {"author": a, "year": None if pd.isna(y) else int(y), "source": s, "volume": v, "page": p, "issue": i}
        )
        for a, y, s, v, p, i in zip(refs["author"], refs["year"], refs["source"], refs["volume"], refs["page"], issues)
    ]
    return refs


def _brute_force_keys(refs: pd.DataFrame) -> list[str]:
    """The rule of litkit.refs.keys written out naively, row by row over the whole table."""
    parts = [b.split("|") for b in refs["bib"]]

    def issue_group(q):  # "A|Y|S|V|(I)" -> "A|Y|S||(I)"
        return "|".join(q[:3]) + "||" + q[4]

    dois_of = defaultdict(set)  # bibliographic key -> DOIs it was seen with (source and volume or page present)
    for b, q, doi, s, v, p in zip(refs["bib"], parts, refs["doi"], refs["source"], refs["volume"], refs["page"]):
        if doi and s and q[4].startswith("("):
            dois_of[issue_group(q)].add(doi)
        elif doi and s and (v or p):
            dois_of[b].add(doi)
    pages_of = defaultdict(set)  # (A, Y, S, V) -> pages of the keys that have one
    volumes_of = defaultdict(set)  # issue group -> volumes written with it
    issues_of = defaultdict(set)  # (A, Y, S, V) -> issues written with it (page-less references)
    for q in parts:
        if all(q) and q[4].startswith("("):
            volumes_of[issue_group(q)].add(q[3])
            issues_of[tuple(q[:4])].add(q[4])
        elif all(q):
            pages_of[tuple(q[:4])].add(q[4])
    out = []
    for b, q, doi, a, s in zip(refs["bib"], parts, refs["doi"], refs["author"], refs["source"]):
        if doi:
            out.append("doi:" + doi)
            continue
        if not (a or s):
            out.append("")
            continue
        if q[4].startswith("("):  # cited by issue: the volume's paper when the volume names only this issue
            group = issue_group(q)
            volumes = volumes_of[group]
            if len(volumes) == 1 and issues_of[(*q[:3], *volumes)] == {q[4]}:
                q = [*q[:3], *volumes, ""]  # the volume's only paper cited: keyed as the volume is
                out.append(_key_of(q, "|".join(q), dois_of, pages_of))
                continue
            dois = dois_of[group]
            out.append("doi:" + next(iter(dois)) if len(dois) == 1 else group)
            continue
        out.append(_key_of(q, b, dois_of, pages_of))
    return out


def _key_of(q, b, dois_of, pages_of):
    """The key of a reference not cited by issue (parts ``q``, bibliographic key ``b``): the page and DOI rule."""
    group = {b}
    pages = pages_of.get(tuple(q[:4]), set())
    if all(q[:4]) and len(pages) == 1 and q[4] in ("", *pages):
        page_less, full = "|".join(q[:4]) + "|", "|".join(q[:4]) + "|" + next(iter(pages))
        dois = [dois_of[page_less], dois_of[full]]
        if all(len(d) <= 1 for d in dois) and len(dois[0] | dois[1]) <= 1:
            group = {page_less, full}
            b = full
    dois = set().union(*(dois_of[g] for g in group))
    return "doi:" + next(iter(dois)) if len(dois) == 1 and all(len(dois_of[g]) <= 1 for g in group) else b


def test_keys_equal_brute_force_on_real_exports(real_refs):
    expected = _brute_force_keys(real_refs)
    assert real_refs["key"].tolist() == expected
    # the rule did act: page-less CSSCI, WoS and Scopus citations took the page of their only completion
    lent = real_refs[real_refs["page"].isna() & ~real_refs["key"].str.startswith("doi:") & real_refs["key"].ne("")]
    lent = lent[lent["key"] != lent["bib"]]
    assert set(lent["DB"]) == {"CSSCI", "WoS", "Scopus"}


def test_lending_never_merges_different_dois_or_works(real_refs):
    keyed = real_refs[real_refs["key"] != ""]
    for key, bib, doi in zip(keyed["key"], keyed["bib"], keyed["doi"]):
        if doi:
            assert key == "doi:" + doi
        elif not key.startswith("doi:") and bib.endswith(")"):
            # cited by issue ("A|Y|S|V|(I)"): its issue's group "A|Y|S||(I)", or its volume's key with a page
            head, _, issue = bib.rpartition("|")
            author_year_source, _, volume = head.rpartition("|")
            # (the group's one volume, the reference's own when it writes one), page lent or not
            key_volume = key.split("|")[3] if key.count("|") == 4 else ""
            assert key == f"{author_year_source}||{issue}" or (
                key.startswith(f"{author_year_source}|") and key_volume and volume in ("", key_volume)
            )
        elif not key.startswith("doi:"):
            # a bibliographic key is the reference's own, or it with a page added
            assert key == bib or (bib.endswith("|") and key.startswith(bib) and key.count("|") == 4)


def test_cssci_citations_meet_wos_and_scopus(real_refs):
    keys = {db: set(g["key"]) - {""} for db, g in real_refs.groupby("DB")}
    assert len(keys["CSSCI"] & keys["WoS"]) > 0 and len(keys["CSSCI"] & keys["Scopus"]) > 0
    raw = real_refs["raw"].str.upper()
    anselin = real_refs[raw.str.startswith(("ANSELIN,L.LOCAL INDICATORS", "ANSELIN L, 1995, GEOGR ANAL"))]
    assert set(anselin["DB"]) >= {"CSSCI", "WoS"} and anselin["key"].nunique() == 1


def test_reference_keys_follow_the_same_rule_on_real_wos_strings(real_refs):
    # reference_keys (style chosen per string) and references_table share one rule: on the WoS strings
    # that read as WoS style, its keys are the brute-force ones of the same strings
    wos = real_refs[(real_refs["DB"] == "WoS") & (real_refs["raw"].map(reference_style) == "wos")]
    wos = wos[wos["author"].notna() | wos["source"].notna()].reset_index(drop=True)  # year-only: "" vs raw:
    expected = [k or "raw:" + " ".join(r.split()).upper() for k, r in zip(_brute_force_keys(wos), wos["raw"])]
    assert reference_keys(wos["raw"].tolist()) == expected
