"""litkit.summary: every main-information number against a plain-loop recomputation on the shared exports."""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest

import litkit
from litkit.indicators import MAIN_INFORMATION_ROWS, annual_production, summary

pytestmark = pytest.mark.shared


# ---- brute force: the formulas of the docstring, written out again with plain loops ---------------


def _norm(s: str) -> str:
    return " ".join(str(s).split()).upper()


def _present(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v)) and v is not pd.NA


def _brute_summary(df: pd.DataFrame, as_of, countries_per_record=None) -> dict:
    records = df.to_dict("records")
    n = len(records)
    years = [int(r["PY"]) for r in records if _present(r["PY"])]
    out = {"Documents": n}
    if years:
        first, last = min(years), max(years)
        out["Timespan"] = f"{first}:{last}"
        n_first = sum(1 for y in years if y == first)
        n_last = sum(1 for y in years if y == last)
        out["Annual growth rate %"] = 0.0 if last == first else ((n_last / n_first) ** (1 / (last - first)) - 1) * 100
        ref = as_of if as_of is not None else last
        out["Document average age"] = ref - sum(years) / len(years)
    sources = set()
    for r in records:
        if r["SO"] is not None and str(r["SO"]).strip():
            sources.add(_norm(str(r["SO"]).replace(",", "")))
    out["Sources"] = len(sources)
    cites = [int(r["TC"]) for r in records if _present(r["TC"])]
    out["Average citations per document"] = sum(cites) / len(cites) if cites else float("nan")
    for col, row in (("CR", "References"), ("ID", "Keywords Plus (ID)"), ("DE", "Author's keywords (DE)")):
        seen = set()
        for r in records:
            for item in r[col]:
                if str(item).strip():
                    seen.add(_norm(item))
        out[row] = len(seen) if seen else float("nan")  # no record has the field: the export did not carry it
    authors, singles, appearances, single_docs = set(), set(), 0, 0
    for r in records:
        names = [_norm(str(a).replace(",", " ")) for a in r["AU"] if str(a).strip()]
        appearances += len(names)
        authors.update(names)
        if len(names) == 1:
            single_docs += 1
            singles.add(names[0])
    out["Authors"] = len(authors)
    out["Author appearances"] = appearances
    out["Authors of single-authored documents"] = len(singles)
    out["Single-authored documents"] = single_docs
    out["Co-authors per document"] = appearances / n
    if countries_per_record is not None:
        out["International co-authorships %"] = 100 * sum(1 for c in countries_per_record if len(set(c)) > 1) / n
    return out


#: The corresponding-address fields of the exports, written out here (not taken from litkit).
_REPRINT_FIELDS = {"RP", "Correspondence Address", "CORRESPONDENCE ADDRESS", "correspondence_address"}


def _au_co(aff: pd.DataFrame, n: int) -> list[set]:
    """bibliometrix's AU_CO (metaTagExtraction.R, function AU_CO), recounted: a record's countries are those of
    its addresses; those of its reprint address only when the addresses name none."""
    main, reprint = [set() for _ in range(n)], [set() for _ in range(n)]
    for record, country, field in zip(aff["record"], aff["country"], aff["source_field"]):
        if isinstance(country, str) and country:
            (reprint if field in _REPRINT_FIELDS else main)[int(record)].add(country)
    return [m or r for m, r in zip(main, reprint)]


def _random_affiliations(n: int, seed: int) -> tuple[pd.DataFrame, list[list[str]]]:
    """A hand-made affiliations frame: 0-3 addresses per record, some with no country."""
    rng = random.Random(seed)
    rows, per = [], []
    for record in range(n):
        countries = []
        for _ in range(rng.randint(0, 3)):
            country = rng.choice(["CN", "US", "GB", "DE", ""])
            rows.append({"record": record, "author": "X", "institution": "Inst", "country": country})
            if country:
                countries.append(country)
        per.append(countries)
    return pd.DataFrame(rows, columns=["record", "author", "institution", "country"]), per


@pytest.fixture(scope="module")
def shared_corpus_list(shared_corpora, expected_counts):
    return [(name, litkit.read(shared_corpora / name)) for name in sorted(expected_counts)]


def _check(table: pd.DataFrame, expected: dict) -> None:
    got = dict(zip(table["Description"], table["Results"]))
    for row, value in expected.items():
        if isinstance(value, float):
            assert got[row] == pytest.approx(value, rel=1e-12, nan_ok=True), row
        else:
            assert got[row] == value, row


def test_summary_equals_brute_force_on_every_shared_export(shared_corpus_list, expected_counts):
    assert len(shared_corpus_list) == len(expected_counts)
    for i, (name, corpus) in enumerate(shared_corpus_list):
        aff, per = _random_affiliations(len(corpus), seed=i)
        table = summary(corpus, affiliations=aff)
        assert table["Description"].tolist() == list(MAIN_INFORMATION_ROWS), name
        expected = _brute_summary(corpus.df, None, per)
        assert expected["Documents"] == expected_counts[name], name
        _check(table, expected)


def test_summary_as_of_and_determinism(shared_corpus_list):
    for name, corpus in shared_corpus_list[:6]:
        a = summary(corpus, as_of=2030)
        b = summary(corpus, as_of=2030)
        pd.testing.assert_frame_equal(a, b)
        assert a.attrs["as_of"] == 2030
        _check(a, _brute_summary(corpus.df, 2030))
        default = summary(corpus)
        years = corpus.df["PY"].dropna()
        if len(years):
            assert default.attrs["as_of"] == int(years.max()), name
            assert summary(corpus, as_of=int(years.max())).equals(default)


def test_summary_through_litkit_namespace_and_csv_round_trip(shared_corpus_list, tmp_path):
    name, corpus = shared_corpus_list[0]
    table = litkit.summary(corpus)
    path = tmp_path / "main_information.csv"
    table.to_csv(path, index=False)
    back = pd.read_csv(path, keep_default_na=False)
    assert back["Description"].tolist() == list(MAIN_INFORMATION_ROWS)


def test_annual_production_matches_counts(shared_corpus_list):
    for name, corpus in shared_corpus_list:
        prod = annual_production(corpus)
        years = [int(y) for y in corpus.df["PY"].dropna()]
        if not years:
            assert prod.empty
            continue
        assert prod["year"].tolist() == list(range(min(years), max(years) + 1)), name
        assert prod["articles"].tolist() == [years.count(y) for y in prod["year"]], name


def test_productivity_hindex_and_most_cited_against_brute_force(shared_corpus_list):
    from litkit.indicators import bradford, g_index, h_index, hindex, most_cited, top_authors, top_sources

    for name, corpus in shared_corpus_list:
        records = corpus.df.to_dict("records")
        # authors: records per author key, 1/k per record
        full, frac, cites, first = {}, {}, {}, {}
        for r in records:
            keys = list(dict.fromkeys(_norm(str(a).replace(",", " ")) for a in r["AU"] if str(a).strip()))
            for k in keys:
                full[k] = full.get(k, 0) + 1
                frac[k] = frac.get(k, 0.0) + 1 / len(keys)
                cites.setdefault(k, []).append(int(r["TC"]) if _present(r["TC"]) else 0)
                if _present(r["PY"]):
                    first[k] = min(first.get(k, 9999), int(r["PY"]))
        authors = top_authors(corpus)
        assert len(authors) == len(full), name
        got = {_norm(a.replace(",", " ")): (n, f) for a, n, f in authors.itertuples(index=False)}
        assert set(got) == set(full), name
        for k, (n, f) in got.items():
            assert n == full[k] and f == pytest.approx(frac[k]), (name, k)
        assert sum(authors["articles_fractionalized"]) == pytest.approx(sum(1 for r in records if r["AU"]))
        ranked = list(zip(-authors["articles"], -authors["articles_fractionalized"]))
        assert ranked == sorted(ranked), name

        table = hindex(corpus, as_of=2030)
        assert len(table) == len(full), name
        for row in table.itertuples(index=False):
            k = _norm(row.author.replace(",", " "))
            assert row.h_index == h_index(cites[k]) and row.g_index == g_index(cites[k]), (name, k)
            assert row.TC == sum(cites[k]) and row.NP == full[k], (name, k)
            if k in first:
                assert row.m_index == pytest.approx(row.h_index / (2030 - first[k] + 1)), (name, k)

        sources = {}
        for r in records:
            if r["SO"] is not None and str(r["SO"]).strip():
                k = _norm(str(r["SO"]).replace(",", ""))
                sources[k] = sources.get(k, 0) + 1
        src = top_sources(corpus)
        assert sorted(src["articles"], reverse=True) == sorted(sources.values(), reverse=True), name
        zones = bradford(corpus)
        if len(zones):
            n = sum(sources.values())
            core = zones[zones["zone"] == 1]
            # the core is the smallest head of the ranking holding at least 33 % of the articles
            assert core["articles"].sum() >= 0.33 * n and core["articles"].sum() - core["articles"].iloc[-1] < 0.33 * n

        cited = most_cited(corpus, as_of=2030)
        tcs = [c for c in cited["TC"].tolist() if not pd.isna(c)]
        assert tcs == sorted(tcs, reverse=True), name
        assert sorted(cited["record"]) == list(range(len(records))), name
        for row in cited.head(20).itertuples(index=False):
            r = records[row.record]
            if _present(r["TC"]) and _present(r["PY"]):
                assert row.TC_per_year == pytest.approx(int(r["TC"]) / (2030 - int(r["PY"]) + 1))
                same = [int(o["TC"]) for o in records if _present(o["TC"]) and _present(o["PY"]) and o["PY"] == r["PY"]]
                mean = sum(same) / len(same)
                if mean:
                    assert row.NTC == pytest.approx(int(r["TC"]) / mean)


def test_country_indicators_from_litkit_affiliations_on_every_shared_export(shared_corpus_list):
    from litkit.addresses import affiliations
    from litkit.indicators import top_countries, top_institutions

    for name, corpus in shared_corpus_list:
        aff = affiliations(corpus)
        per = [set() for _ in range(len(corpus))]
        for record, country in zip(aff["record"], aff["country"]):
            if isinstance(country, str) and country:
                per[int(record)].add(country)
        got = dict(zip(*summary(corpus, affiliations=aff).T.values))
        au_co = _au_co(aff, len(corpus))
        share = 100 * sum(1 for c in au_co if len(c) > 1) / len(corpus)
        if not any(au_co):  # no country known anywhere (Lens): unknown, not 0 %
            share = float("nan")
        assert got["International co-authorships %"] == pytest.approx(share, abs=1e-12, nan_ok=True), name
        countries = top_countries(corpus, aff)
        counts = {}
        for c in per:
            for code in c:
                counts[code] = counts.get(code, 0) + 1
        assert dict(zip(countries["country"], countries["articles"])) == counts, name
        assert countries["articles_fractionalized"].sum() == pytest.approx(sum(1 for c in per if c)), name
        assert (countries["SCP"] + countries["MCP"] == countries["corresponding_articles"]).all(), name
        assert countries["corresponding_articles"].sum() == sum(1 for c in per if c), name
        assert countries["MCP"].sum() == sum(1 for c in au_co if len(c) > 1), name
        institutions = top_institutions(corpus, aff)
        assert institutions["articles"].is_monotonic_decreasing, name
        units = [set() for _ in range(len(corpus))]
        for record, inst, field in zip(aff["record"], aff["institution"], aff["source_field"]):
            if field != "C3" and isinstance(inst, str) and inst.strip():
                units[int(record)].add(_norm(inst))
        recount = {}
        for u in units:
            for k in u:
                recount[k] = recount.get(k, 0) + 1
        assert {_norm(i): n for i, n in zip(institutions["institution"], institutions["articles"])} == recount, name
        assert institutions["articles_fractionalized"].sum() == pytest.approx(sum(1 for u in units if u)), name
