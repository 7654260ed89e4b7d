"""Generate litkit's demo corpus: synthetic WoS, CNKI and Scopus exports with planted structure.

Usage (from the project root)::

    .venv/bin/python corpora/demo/generate.py            # rewrite corpora/demo/ in place
    .venv/bin/python corpora/demo/generate.py --out DIR  # write the same bytes elsewhere

The topic is the review in ``../shared/seed/``: value realization of ecological
products (生态产品价值实现), carbon sinks (碳汇), ecological compensation
(生态补偿) and payments for ecosystem services, ecosystem service valuation and
GEP, rural livelihoods, 2000-2024, with the literature growing over time.

What is planted (``truth.json`` holds all of it, machine-readable):

* keyword themes in WoS DE and CNKI keywords, with spelling variants for a
  thesaurus, stop-word-like keywords and generic keywords;
* bursts of cited references, cited journals and keywords, fixed so that
  Kleinberg's exact two-state model (s=2, gamma=1, one slice per year) finds
  them on exactly the planted years;
* records present in two or three databases (WoS~Scopus, CNKI~WoS), some
  without a DOI on one side, and near-miss pairs that must not be merged.

The output is a pure function of the seed: no clock, no environment, sets
never iterated unsorted, so two runs write byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep __pycache__ out of corpora/demo (litkit.read would see it)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import demo_bursts as bursts  # noqa: E402
import demo_planted as P  # noqa: E402
import demo_vocabulary as V  # noqa: E402
import demo_writers as W  # noqa: E402
from demo_common import Draw, KeywordBook, largest_remainder, title_key  # noqa: E402
from demo_english import (  # noqa: E402
    build_reference_pool,
    citation_label,
    doi_for,
    institutions_in_order,
    journal_info,
    new_en_record,
    scopus_affiliation_fields,
    scopus_fields,
    scopus_reference,
    vary_title,
    wos_fields,
)

SEED = 20230615
YEARS = list(range(2000, 2025))

# Records per publication year: sparse early years, growth after the 2015-2017 policy documents and 2020
# "double carbon" pledge.  Explicit so that readers of the code see the time series.
WOS_PER_YEAR = [2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 12, 14, 17, 18, 22, 27, 33, 40, 48, 60, 72, 84, 92]
CNKI_PER_YEAR = [2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 17, 19, 22, 27, 32, 36, 44, 50, 54, 56]
WOS_FILE_LIMIT = 500  # WoS exports at most 500 records per file

# Planted bursts.  Rates are shares of all records of the year: ``rate_in`` inside the burst, ``rate_out``
# after it, ``rate_before`` before it (from the year the item exists).
REFERENCE_BURSTS = [  # classic reference key, begin, end, rate_in, rate_out, rate_before, preferred themes
    ("fang2001", 2004, 2009, 0.75, 0.03, 0.15, ("carbon",)),
    ("wunder2005", 2007, 2012, 0.55, 0.05, 0.0, ("pes", "liv")),
    ("piao2009", 2010, 2014, 0.50, 0.04, 0.0, ("carbon",)),
    ("costanza2014", 2015, 2019, 0.40, 0.05, 0.0, ("esv", "vr")),
    ("ouyang2016", 2017, 2021, 0.35, 0.08, 0.0, ("esv", "vr")),
]
JOURNAL_BURSTS = [  # cited J9, begin, end, rate_in, rate_out, rate_before, preferred themes
    ("ECOL ECON", 2005, 2010, 0.85, 0.20, 0.15, ("pes", "esv", "liv")),
    ("LAND USE POLICY", 2011, 2015, 0.65, 0.12, 0.08, ("liv", "vr", "pes")),
    ("ECOSYST SERV", 2016, 2020, 0.65, 0.15, 0.10, ("esv", "vr", "pes")),
    ("SCI TOTAL ENVIRON", 2019, 2022, 0.55, 0.12, 0.08, ("esv", "carbon")),
    ("J CLEAN PROD", 2021, 2024, 0.50, 0.10, 0.06, ("carbon", "vr")),
]
KEYWORD_BURSTS_EN = [  # canonical keyword, theme, begin, end, rate_in, rate_out, rate_before, first year
    ("poverty alleviation", "liv", 2016, 2020, 0.16, 0.01, 0.015, 2003),
    ("gross ecosystem product", "esv", 2019, 2022, 0.16, 0.03, 0.0, 2014),
    ("carbon neutrality", "carbon", 2021, 2024, 0.22, 0.0, 0.0, 2021),
]
KEYWORD_BURSTS_ZH = [
    ("精准扶贫", "zh_liv", 2016, 2020, 0.18, 0.01, 0.01, 2014),
    ("碳中和", "zh_carbon", 2021, 2024, 0.25, 0.0, 0.0, 2021),
]
BURST_PARAMETERS = {"s": 2, "gamma": 1, "slice": "year", "min_duration": 1}

WOS_DIR, CNKI_DIR, SCOPUS_DIR = "wos", "cnki", "scopus"
# Offsets of the seeded streams of the structure planted later (demo_planted.py): each planting draws from its
# own stream, so the draws of everything planted before it stay exactly as they were.
STREAM_COCITATION, STREAM_LOCAL_CITATIONS, STREAM_AFFILIATIONS, STREAM_CNKI_AFFILIATIONS = 1701, 1702, 1801, 1802


# ==============================================================================================
# small helpers
# ==============================================================================================


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def theme_weights_en(year: int) -> dict[str, float]:
    """How the English literature's themes shift: PES first, valuation steady, carbon and value realization late."""
    return {
        "vr": 0.04 + 0.34 * sigmoid((year - 2018) / 1.5),
        "carbon": 0.16 + 0.18 * sigmoid((year - 2020) / 1.0),
        "pes": 0.36 - 0.22 * sigmoid((year - 2014) / 2.0),
        "esv": 0.26,
        "liv": 0.12 + 0.12 * math.exp(-(((year - 2017) / 3.0) ** 2)),
    }


def theme_weights_zh(year: int) -> dict[str, float]:
    return {
        "zh_vr": 0.04 + 0.36 * sigmoid((year - 2018) / 1.5),
        "zh_carbon": 0.14 + 0.2 * sigmoid((year - 2020) / 1.0),
        "zh_pes": 0.38 - 0.22 * sigmoid((year - 2014) / 2.0),
        "zh_esv": 0.24,
        "zh_liv": 0.10 + 0.22 * math.exp(-(((year - 2018) / 2.5) ** 2)),
    }


# ==============================================================================================
# the build
# ==============================================================================================
def counts_by_year(records, predicate) -> list[int]:
    r = [0] * len(YEARS)
    for rec in records:
        if rec.get("year") is not None and predicate(rec):
            r[rec["year"] - YEARS[0]] += 1
    return r


def allocate(
    draw: Draw, records_by_year: dict[int, list[dict]], r: list[int], prefer, name: str, eligible=lambda rec: True
) -> list[dict]:
    """Pick exactly ``r[t]`` records of each year (preferred themes first) to carry a planted item."""
    chosen = []
    for t, year in enumerate(YEARS):
        pool = [rec for rec in records_by_year[year] if eligible(rec)]
        first = draw.shuffle([rec for rec in pool if rec["theme"] in prefer])
        rest = draw.shuffle([rec for rec in pool if rec["theme"] not in prefer])
        ordered = first + rest
        if r[t] > len(ordered):
            raise AssertionError(f"{name}: needs {r[t]} records in {year}, only {len(ordered)} eligible")
        chosen.extend(ordered[: r[t]])
    return chosen


def build(seed: int = SEED) -> tuple[dict[str, bytes], dict]:
    draw = Draw(seed)
    titles_en: set[str] = set()
    pool = build_reference_pool(draw)

    # ---------------------------------------------------------------- WoS records: skeletons
    wos: list[dict] = []
    by_year: dict[int, list[dict]] = {}
    for year, n in zip(YEARS, WOS_PER_YEAR):
        shares = largest_remainder(n, theme_weights_en(year))
        themes = draw.shuffle([t for t, k in shares.items() for _ in range(k)])
        by_year[year] = [new_en_record(draw, year, theme, titles_en) for theme in themes]
        wos.extend(by_year[year])

    # ---------------------------------------------------------------- WoS author keywords
    book_en = KeywordBook(V.THEMES_EN, V.GENERIC_EN, V.STOPWORDS_EN, {k[0] for k in KEYWORD_BURSTS_EN})
    for rec in wos:
        rec["canon_de"] = book_en.draw(draw, rec["theme"], draw.int(3, 5), noise=0.22, stop=0.14, generic=0.12)
    d_wos = counts_by_year(wos, lambda rec: True)
    keyword_truth = []
    for kw, theme, b, e, rin, rout, rbefore, first_year in KEYWORD_BURSTS_EN:
        r = bursts.burst_counts(d_wos, b - YEARS[0], e - YEARS[0], rin, rout, first_year - YEARS[0], rbefore)
        for rec in allocate(draw, by_year, r, (theme,), kw):
            rec["canon_de"].append(kw)
        keyword_truth.append(_burst_entry("keyword", kw, r, d_wos, b, e, database="WoS", field="DE"))
    for rec in wos:
        order = draw.shuffle(rec["canon_de"])
        rec["de"] = [book_en.spell(draw, k) for k in order]

    # ---------------------------------------------------------------- WoS cited references
    planted_refs = {key for key, *_ in REFERENCE_BURSTS}
    planted_journals = {j9 for j9, *_ in JOURNAL_BURSTS}
    for rec in wos:
        rec["refs"], rec["journal_flags"] = [], set()
    reference_truth, journal_truth = [], []
    for key, b, e, rin, rout, rbefore, prefer in REFERENCE_BURSTS:
        ref = pool[key]
        r = bursts.burst_counts(d_wos, b - YEARS[0], e - YEARS[0], rin, rout, ref["year"] - YEARS[0], rbefore)
        for rec in allocate(draw, by_year, r, prefer, key):
            rec["refs"].append(key)
        entry = _burst_entry("reference", ref["wos"], r, d_wos, b, e)
        entry.update(
            item=citation_label(ref),
            first_author=ref["wos"].split(",")[0],
            year=ref["year"],
            cited_journal=ref["j9"],
            doi=ref["doi"] or None,
        )
        reference_truth.append(entry)
    journal_pools = {j9: [k for k, ref in pool.items() if ref["j9"] == j9] for j9 in planted_journals}
    for j9, b, e, rin, rout, rbefore, prefer in JOURNAL_BURSTS:
        first_year = min(pool[k]["year"] for k in journal_pools[j9])
        r = bursts.burst_counts(d_wos, b - YEARS[0], e - YEARS[0], rin, rout, first_year - YEARS[0], rbefore)
        for rec in allocate(draw, by_year, r, prefer, j9):
            rec["journal_flags"].add(j9)
        journal_truth.append(_burst_entry("cited_journal", j9, r, d_wos, b, e))
    background = [k for k, ref in pool.items() if k not in planted_refs and ref["j9"] not in planted_journals]
    for rec in wos:
        rec["refs"].extend(draw_references(draw, pool, background, rec, rec["journal_flags"], journal_pools))
        rec["refs"] = sorted(set(rec["refs"]))

    # ---------------------------------------------------------------- co-citation groups (own stream)
    draw_cocite = Draw(seed + STREAM_COCITATION)
    group_refs, groups = P.build_cocitation_groups(draw_cocite)
    # never removed: planted burst references, and every reference of a planted burst journal or of a journal a
    # planted burst reference is in (fewer of its other citations would make that journal burst more strongly)
    keep_j9 = planted_journals | {pool[k]["j9"] for k in planted_refs}
    keep = planted_refs | {k for k, ref in pool.items() if ref["j9"] in keep_j9}
    P.cite_groups(draw_cocite, wos, pool, group_refs, groups, keep)

    # ---------------------------------------------------------------- CNKI~WoS: English-language Chinese journals
    overlap_cnki = _pick(draw, wos, 15, lambda rec: 2010 <= rec["year"] <= 2024)
    for i, rec in enumerate(overlap_cnki):
        rec["journal"] = ["jre", "jgs", "cgs", "jfr"][i % 4]
        rec["cnki_overlap"] = True

    # ---------------------------------------------------------------- ids, DOIs, volumes
    uts = set()
    for rec in wos:
        while True:
            ut = f"WOS:{'001' if rec['year'] >= 2021 else '000'}{draw.digits(12)}"
            if ut not in uts:
                uts.add(ut)
                break
        rec["ut"] = ut
        rec["ga"] = draw.token(5)
        rec["doi"] = doi_for(draw, rec) if (rec["year"] >= 2004 or draw.chance(0.5)) else ""
    for rec in by_year[2024][:5]:
        rec["early_access"] = draw.pick(["JUL 2024", "AUG 2024", "SEP 2024"])
    for i in (3, 9):  # two CNKI~WoS records have no DOI in WoS either: matched on title + year + first author
        overlap_cnki[i]["doi"] = ""

    for rec in wos:
        info = journal_info(rec["journal"])
        base_year, base_volume = info[12], info[13]
        rec["volume"] = base_volume + max(0, rec["year"] - base_year)

    # ---------------------------------------------------------------- near misses inside WoS
    near_misses = []
    pair = [r for r in by_year[2020] if r["theme"] == "vr" and not r.get("cnki_overlap")][:1] + [
        r for r in by_year[2021] if r["theme"] == "vr" and not r.get("cnki_overlap")
    ][:1]
    pair[1]["title"] = pair[0]["title"]
    pair[1]["people"][0] = dict(pair[0]["people"][0])
    pair[1]["near_miss"] = pair[0]["near_miss"] = True
    near_misses.append(
        {
            "kind": "wos~wos",
            "reason": "same title and first author, different year (a two-part paper)",
            "a": _ident(pair[0]),
            "b": _ident(pair[1]),
        }
    )

    # ---------------------------------------------------------------- Scopus
    scopus_rows, duplicates = build_scopus(draw, wos, pool, titles_en, by_year, near_misses, overlap_cnki)

    # ---------------------------------------------------------------- affiliations (own stream)
    draw_aff = Draw(seed + STREAM_AFFILIATIONS)
    P.plant_wos_affiliations(draw_aff, wos)
    scopus_only = [row["scopus_only"] for row in scopus_rows if "scopus_only" in row]
    P.plant_scopus_affiliations(draw_aff, scopus_only)

    # ---------------------------------------------------------------- CNKI
    cnki_refworks, cnki_endnote, cnki_truth = build_cnki(
        draw, overlap_cnki, duplicates, near_misses, Draw(seed + STREAM_CNKI_AFFILIATIONS)
    )

    # ---------------------------------------------------------------- Scopus-only records: groups, addresses
    P.cite_groups(draw_cocite, scopus_only, pool, group_refs, groups, keep)
    # ---------------------------------------------------------------- citations between WoS records
    local_refs, local_rows = P.cite_local(Draw(seed + STREAM_LOCAL_CITATIONS), wos, planted_journals)
    lookup = {**pool, **group_refs, **local_refs}
    for row in scopus_rows:
        if "scopus_only" in row:
            rec = row["scopus_only"]
            row["fields"]["References"] = "; ".join(scopus_reference(lookup[k]) for k in rec["refs"])
            row["fields"].update(scopus_affiliation_fields(rec["people"], rec["email_user"]))
            row["ref_keys"] = list(rec["refs"])

    # ---------------------------------------------------------------- render
    for rec in wos:
        rec["cr"] = sorted(_cr_string(draw, lookup[k]) for k in rec["refs"])
        rec["wos"] = wos_fields(rec)
    files: dict[str, bytes] = {}
    export_order = sorted(wos, key=lambda rec: (-rec["year"], rec["ut"]))
    wos_files = []
    for i in range(0, len(export_order), WOS_FILE_LIMIT):
        name = "savedrecs.txt" if i == 0 else f"savedrecs ({i // WOS_FILE_LIMIT}).txt"
        chunk = export_order[i : i + WOS_FILE_LIMIT]
        line = 3
        for rec in chunk:
            rec["file"] = f"{WOS_DIR}/{name}"
            rec["line"] = line
            line += _wos_line_count(rec["wos"]) + 2  # fields + ER + blank
        files[f"{WOS_DIR}/{name}"] = W.render_wos([rec["wos"] for rec in chunk])
        wos_files.append(f"{WOS_DIR}/{name}")
    for row in scopus_rows:  # duplicates of WoS records: their fields need the WoS references, made just above
        if "wos_record" in row:
            row.update(_scopus_for_duplicate(draw, row, pool, lookup))
    files[f"{SCOPUS_DIR}/scopus.csv"] = W.render_scopus_csv([row["fields"] for row in scopus_rows])
    files[f"{CNKI_DIR}/CNKI-refworks.txt"] = W.render_cnki_refworks([r["fields"] for r in cnki_refworks])
    files[f"{CNKI_DIR}/CNKI-endnote.txt"] = W.render_cnki_endnote([r["fields"] for r in cnki_endnote])
    for i, row in enumerate(scopus_rows):
        row["line"] = i + 2  # one physical line per row: no field holds a newline

    # ---------------------------------------------------------------- truth
    for group in (reference_truth, journal_truth, keyword_truth):
        for entry in group:
            entry["files"] = wos_files
    zh_truth = cnki_truth.pop("keyword_bursts")
    for entry in zh_truth:
        entry["files"] = [f"{CNKI_DIR}/CNKI-refworks.txt", f"{CNKI_DIR}/CNKI-endnote.txt"]
    cnki_traps = [
        (path, row["line"], row["rec"]["cnki_trap"])
        for path, rows in (
            (f"{CNKI_DIR}/CNKI-refworks.txt", cnki_refworks),
            (f"{CNKI_DIR}/CNKI-endnote.txt", cnki_endnote),
        )
        for row in rows
        if row["rec"].get("cnki_trap")
    ]
    truth = assemble_truth(
        seed,
        files,
        book_en,
        cnki_truth,
        reference_truth,
        journal_truth,
        keyword_truth + zh_truth,
        duplicates,
        near_misses,
        pool,
        scopus_rows,
        cnki_refworks,
        cnki_endnote,
    )
    truth["cocitation_groups"] = P.cocitation_truth(group_refs, groups, wos, wos_files, book_en.labels)
    truth["local_citations"] = P.local_citation_truth(local_rows, wos, wos_files)
    truth.update(P.affiliation_truth(wos, wos_files, scopus_rows, cnki_traps))
    return files, truth


def _pick(draw, records, k, predicate):
    eligible = [rec for rec in records if predicate(rec)]
    return sorted(draw.sample(eligible, k), key=lambda rec: (rec["year"], rec["title"]))


def _wos_line_count(fields: dict) -> int:
    return len(W.render_wos([fields]).decode("utf-8").split("\n")) - 5  # minus FN, VR, ER, blank, EF


def _cr_string(draw: Draw, ref: dict) -> str:
    """The WoS CR string for one citation; classic references are sometimes written a second way."""
    if ref["variants"] and draw.chance(0.2):
        return draw.pick(ref["variants"])
    return ref["wos"]


def draw_references(draw: Draw, pool: dict, background: list[str], rec: dict, flags: set, journal_pools) -> list[str]:
    """Background references of a record plus 1-3 from each cited journal it is flagged for."""
    year = rec["year"]
    avail = [k for k in background if pool[k]["year"] <= year]
    weights = []
    for k in avail:
        ref = pool[k]
        w = math.exp(-(year - ref["year"]) / 9.0)
        w *= 4.0 if rec["theme"] in ref["themes"] else 1.0
        w *= 8.0 if ref["classic"] else 1.0
        weights.append(w)
    n = draw.int(3, 6) if year < 2010 else draw.int(4, 8)
    refs = draw.sample(avail, n, weights)
    for j9 in sorted(flags):
        jp = [k for k in journal_pools[j9] if pool[k]["year"] <= year]
        jw = [
            (4.0 if rec["theme"] in pool[k]["themes"] else 1.0)
            * (6.0 if pool[k]["classic"] else 1.0)
            * math.exp(-(year - pool[k]["year"]) / 8.0)
            for k in jp
        ]
        refs.extend(draw.sample(jp, draw.int(1, 3), jw))
    return refs


def _ident(rec: dict) -> dict:
    """What a merge check needs to find a WoS record (filled in fully at the end)."""
    return {"_record": rec}


def _burst_entry(kind: str, name: str, r, d, begin, end, **extra) -> dict:
    weight = bursts.check_single_burst(
        name, r, d, begin - YEARS[0], end - YEARS[0], BURST_PARAMETERS["s"], BURST_PARAMETERS["gamma"]
    )
    key = {"reference": "reference", "cited_journal": "cited_journal", "keyword": "keyword"}[kind]
    entry = {
        key: name,
        "item": name,
        "begin": begin,
        "end": end,
        "start_index": begin - YEARS[0],
        "end_index": end - YEARS[0],
        "weight": round(weight, 6),
        "r": list(r),
        "d": list(d),
    }
    entry.update(extra)
    return entry


# ==============================================================================================
# Scopus
# ==============================================================================================
def build_scopus(draw: Draw, wos, pool, titles_en, by_year, near_misses, overlap_cnki):
    rows, duplicates = [], []
    # Duplicates of WoS records: 30 matched by DOI, 5 with the DOI missing in Scopus, 5 missing in WoS.
    triples = overlap_cnki[4:6]  # in WoS, CNKI and Scopus
    for rec in triples:
        rec["doi"] = rec["doi"] or doi_for(draw, rec)
    others = _pick(
        draw,
        wos,
        38,
        lambda rec: rec["year"] >= 2008 and not rec.get("near_miss") and not rec.get("cnki_overlap") and rec["doi"],
    )
    dup_records = sorted(triples + others, key=lambda rec: (rec["year"], rec["title"]))
    kinds = draw.shuffle(["doi"] * 28 + ["scopus_missing_doi"] * 5 + ["wos_missing_doi"] * 5)
    kind_of = {id(rec): kind for rec, kind in zip(others, kinds)}
    for rec in dup_records:
        kind = kind_of.get(id(rec), "doi")  # the two records also in CNKI match on DOI
        if kind == "wos_missing_doi":
            scopus_doi = rec["doi"]
            rec["doi"] = ""
        else:
            scopus_doi = "" if kind == "scopus_missing_doi" else rec["doi"]
        if kind == "doi":
            title = vary_title(rec["title"]) if draw.chance(0.35) else rec["title"]
        else:
            title = vary_title(rec["title"])
        rec["scopus_dup"] = True
        rows.append({"wos_record": rec, "title": title, "doi": scopus_doi, "kind": kind})
        duplicates.append(
            {
                "kind": "wos~scopus",
                "basis": "doi" if kind == "doi" else "title+year+first_author",
                "doi_missing_in": {"doi": None, "scopus_missing_doi": "Scopus", "wos_missing_doi": "WoS"}[kind],
                "_wos": rec,
                "_scopus_row": rows[-1],
            }
        )

    # Scopus-only records (not in WoS), including the near misses.
    only = []
    for _ in range(57):
        year = draw.pick(YEARS[5:], WOS_PER_YEAR[5:])
        theme = draw.pick(list(V.THEMES_EN), list(theme_weights_en(year).values()))
        only.append(new_en_record(draw, year, theme, titles_en))
    # near miss: same title and first author as a WoS record, different year, no DOI in Scopus
    target = [
        r
        for r in by_year[2018]
        if r["theme"] == "pes" and not r.get("scopus_dup") and not r.get("near_miss") and not r.get("cnki_overlap")
    ][0]
    nm1 = new_en_record(draw, 2016, "pes", titles_en)
    nm1["title"], nm1["people"][0] = target["title"], dict(target["people"][0])
    target["near_miss"] = True
    # near miss: same first author and year, a title that differs only in the river's name
    target2 = [
        r
        for r in by_year[2019]
        if r["theme"] == "pes" and not r.get("scopus_dup") and not r.get("near_miss") and not r.get("cnki_overlap")
    ][0]
    target2["title"] = "Ecological compensation standards for the Chishui River basin based on ecosystem service value"
    titles_en.add(title_key(target2["title"]))
    nm2 = new_en_record(draw, 2019, "pes", titles_en)
    nm2["title"] = "Ecological compensation standards for the Xin'an River basin based on ecosystem service value"
    titles_en.add(title_key(nm2["title"]))
    nm2["people"][0] = dict(target2["people"][0])
    target2["near_miss"] = True
    # near miss: same first author and year, unrelated title
    target3 = [
        r
        for r in by_year[2022]
        if r["theme"] == "carbon" and not r.get("scopus_dup") and not r.get("near_miss") and not r.get("cnki_overlap")
    ][0]
    nm3 = new_en_record(draw, 2022, "vr", titles_en)
    nm3["people"][0] = dict(target3["people"][0])
    target3["near_miss"] = True
    book_en = KeywordBook(V.THEMES_EN, V.GENERIC_EN, V.STOPWORDS_EN, {k[0] for k in KEYWORD_BURSTS_EN})
    for rec in only + [nm1, nm2, nm3]:
        canon = book_en.draw(draw, rec["theme"], draw.int(3, 5), noise=0.22, stop=0.14, generic=0.12)
        for kw, theme, begin, end, *_ in KEYWORD_BURSTS_EN:  # burst keywords only in their own years
            if rec["theme"] == theme and begin <= rec["year"] <= end and draw.chance(0.3):
                canon.append(kw)
        rec["de"] = [book_en.spell(draw, k) for k in canon]
        avail = [k for k, ref in pool.items() if ref["year"] <= rec["year"]]
        w = [
            (4.0 if rec["theme"] in pool[k]["themes"] else 1.0)
            * (8.0 if pool[k]["classic"] else 1.0)
            * math.exp(-(rec["year"] - pool[k]["year"]) / 9.0)
            for k in avail
        ]
        rec["refs"] = sorted(draw.sample(avail, draw.int(6, 10), w))
        info = journal_info(rec["journal"])
        rec["volume"] = info[13] + max(0, rec["year"] - info[12])
        rec["doi"] = doi_for(draw, rec)
        rec["wos"] = (
            {"AR": None}
            if rec["year"] >= 2019
            and rec["journal"] in ("ecoser", "stoten", "jclepro", "ecolind", "lup", "jenvman", "sustain")
            else {}
        )
    for rec, partner, reason in [
        (nm1, target, "same title and first author, different year"),
        (nm2, target2, "same first author and year, title differs only in the river's name"),
        (nm3, target3, "same first author and year, different title"),
    ]:
        rec["doi"] = ""
        rows.append({"scopus_only": rec, "title": rec["title"], "doi": ""})
        near_misses.append(
            {"kind": "wos~scopus", "reason": reason, "a": _ident(partner), "b": {"_scopus_row": rows[-1]}}
        )
    for rec in only:
        rows.append({"scopus_only": rec, "title": rec["title"], "doi": rec["doi"]})
    for row in rows:
        if "scopus_only" in row:
            rec = row["scopus_only"]
            refs = [scopus_reference(pool[k]) for k in rec["refs"]]
            row["fields"] = scopus_fields(draw, rec, row["title"], row["doi"], refs)
            row["ref_keys"] = list(rec["refs"])
    # Scopus export order: newest first, then title.
    rows.sort(key=lambda row: (-(row.get("wos_record") or row.get("scopus_only"))["year"], row["title"]))
    return rows, duplicates


def _scopus_for_duplicate(draw: Draw, row: dict, pool: dict, lookup: dict) -> dict:
    """Scopus fields of a WoS record's duplicate; its reference list differs a little from WoS's."""
    rec = row["wos_record"]
    keys = list(rec["refs"])
    dropped = draw.pick(keys) if len(keys) >= 6 else None  # a reference Scopus did not resolve
    kept = [k for k in keys if k != dropped]
    extra_pool = [k for k, ref in pool.items() if ref["year"] <= rec["year"] and k not in keys]
    extra = draw.pick(extra_pool)  # one that WoS lost
    scopus_keys = kept + [extra]
    refs = [scopus_reference(lookup[k]) for k in scopus_keys]
    fields = scopus_fields(draw, rec, row["title"], row["doi"], refs)
    return {"fields": fields, "ref_keys": scopus_keys}


# ==============================================================================================
# CNKI
# ==============================================================================================
def chinese_name(draw: Draw) -> str:
    return draw.pick(V.SURNAMES_ZH) + "".join(draw.pick(V.GIVEN_ZH) for _ in range(draw.int(1, 2)))


def make_title_zh(draw: Draw, theme: str, titles: set) -> str:
    for _ in range(200):
        title = draw.pick(V.TITLE_TEMPLATES_ZH[theme]).format(
            place=draw.pick(V.PLACES_ZH),
            river=draw.pick(V.RIVERS_ZH),
            mech=draw.pick(V.MECHS_ZH),
            issue=draw.pick(V.ISSUES_ZH),
            period=draw.pick(V.PERIODS_ZH),
        )
        if title_key(title) not in titles:
            titles.add(title_key(title))
            return title
    raise RuntimeError("ran out of distinct Chinese titles")


def cnki_link(draw: Draw, doi: str) -> str:
    if doi:
        return f"https://link.cnki.net/doi/{doi}"
    token = draw.token(44, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
    return f"https://kns.cnki.net/kcms2/article/abstract?v={token}&uniplatform=NZKPT&language=CHS"


def build_cnki(draw: Draw, overlap_cnki, duplicates, near_misses, draw_aff: Draw):
    titles_zh: set[str] = set()
    book = KeywordBook(V.THEMES_ZH, V.GENERIC_ZH, V.STOPWORDS_ZH, {k[0] for k in KEYWORD_BURSTS_ZH})
    recs, by_year = [], {}
    for year, n in zip(YEARS, CNKI_PER_YEAR):
        shares = largest_remainder(n, theme_weights_zh(year))
        themes = draw.shuffle([t for t, k in shares.items() for _ in range(k)])
        by_year[year] = []
        for theme in themes:
            title = make_title_zh(draw, theme, titles_zh)
            journal = draw.pick(V.JOURNALS_ZH)
            rec = {
                "year": year,
                "theme": theme,
                "lang": "zh",
                "title": title,
                "journal": journal,
                "authors": [chinese_name(draw) for _ in range(draw.int(1, 4))],
                "affils": draw.sample(V.INSTITUTIONS_ZH, draw.int(1, 2)),
            }
            rec["canon_kw"] = book.draw(draw, theme, draw.int(3, 5), noise=0.2, stop=0.18, generic=0.1)
            opener = V.ABSTRACT_OPENERS_ZH[theme]
            place = next((p for p in V.PLACES_ZH if p in title), draw.pick(V.PLACES_ZH))
            rec["abstract"] = (
                f"{opener}本文以{place}为研究区，采用{draw.pick(V.ABSTRACT_METHODS_ZH)}，"
                f"结果表明：相关指标年均增长{draw.int(2, 15)}.{draw.int(0, 9)}%，区域差异显著。"
                f"{draw.pick(V.ABSTRACT_CLOSERS_ZH)}"
            )
            by_year[year].append(rec)
            recs.append(rec)
    # English-language records carried by CNKI that are also in WoS.
    english = []
    for rec in overlap_cnki:
        english.append({"year": rec["year"], "theme": rec["theme"], "lang": "en", "wos_record": rec})
    # Near miss: a CNKI-only English record, same first author and year as a CNKI~WoS record, other title.
    partner = overlap_cnki[7]
    nm = {"year": partner["year"], "theme": partner["theme"], "lang": "en", "cnki_only_english": True}
    nm_src = new_en_record(draw, partner["year"], partner["theme"], set())
    nm_src["title"] = "Spatial patterns of ecological product supply and demand in mountainous counties"
    nm_src["people"][0] = dict(partner["people"][0])
    nm_src["journal"] = partner["journal"]
    nm_src["volume"] = partner["volume"]
    nm_src["de"] = ["ecological products", "supply and demand", "mountainous counties"]
    nm["wos_record"] = nm_src

    d_cnki = [0] * len(YEARS)
    for rec in recs + english + [nm]:
        d_cnki[rec["year"] - YEARS[0]] += 1
    # Three Chinese records without keywords (CNKI exports some): they are not in d for keyword bursts.
    no_kw = _pick(draw, recs, 3, lambda rec: rec["year"] in (2012, 2015, 2018))
    for rec in no_kw:
        rec["canon_kw"] = []
        d_cnki[rec["year"] - YEARS[0]] -= 1
    kw_truth = []
    for kw, theme, b, e, rin, rout, rbefore, first_year in KEYWORD_BURSTS_ZH:
        r = bursts.burst_counts(d_cnki, b - YEARS[0], e - YEARS[0], rin, rout, first_year - YEARS[0], rbefore)
        for rec in allocate(draw, by_year, r, (theme,), kw, eligible=lambda rec: bool(rec["canon_kw"])):
            rec["canon_kw"].append(kw)
        kw_truth.append(_burst_entry("keyword", kw, r, d_cnki, b, e, database="CNKI", field="DE"))
    for rec in recs:
        rec["kw"] = [book.spell(draw, k) for k in draw.shuffle(rec["canon_kw"])]

    # Three online-first records: no year, issue or volume yet (CNKI exports them like that).
    online_first = []
    for _ in range(3):
        theme = draw.pick(list(V.THEMES_ZH))
        title = make_title_zh(draw, theme, titles_zh)
        rec = {
            "year": None,
            "theme": theme,
            "lang": "zh",
            "title": title,
            "journal": draw.pick(V.JOURNALS_ZH),
            "authors": [chinese_name(draw) for _ in range(draw.int(1, 3))],
            "affils": draw.sample(V.INSTITUTIONS_ZH, 1),
            "online_first": True,
        }
        canon = book.draw(draw, theme, 4, noise=0.0, stop=0.0, generic=0.0)
        rec["kw"] = [book.spell(draw, k) for k in canon]
        rec["abstract"] = V.ABSTRACT_OPENERS_ZH[theme] + "本文梳理了相关政策与实践进展，提出了完善路径。"
        online_first.append(rec)

    P.plant_cnki_affiliations(draw_aff, recs)  # own stream: the draws above and below stay as they were

    # Split between the two export formats: English overlap records 11 RefWorks (8 with DOI) + 4 EndNote.
    refworks, endnote = [], []
    for rec in recs:
        (refworks if draw.chance(0.62) else endnote).append(rec)
    for i, rec in enumerate(english):
        src = rec["wos_record"]
        rec["format"] = "cnki_refworks" if i < 11 else "cnki_endnote"
        rec["doi"] = src["doi"] if (i < 8 and src["doi"]) else ""
        if src.get("doi") and i in (1, 5):
            rec["doi"] = src["doi"].upper()  # CNKI sometimes writes DOIs in upper case
        (refworks if i < 11 else endnote).append(rec)
    nm["doi"] = ""
    refworks.append(nm)
    refworks.extend(online_first)

    out_rw, out_en = [], []
    for fmt, group, out in (("cnki_refworks", refworks, out_rw), ("cnki_endnote", endnote, out_en)):
        group = sorted(group, key=lambda rec: (-(rec["year"] or 9999), rec.get("title") or rec["wos_record"]["title"]))
        for rec in group:
            fields = cnki_fields(draw, rec, fmt)
            out.append({"rec": rec, "fields": fields, "format": fmt})
    _number_lines(out_rw, "refworks")
    _number_lines(out_en, "endnote")

    for rec in english:
        duplicates.append(
            {
                "kind": "cnki~wos",
                "basis": "doi" if rec["doi"] else "title+year+first_author",
                "_wos": rec["wos_record"],
                "_cnki": rec,
            }
        )
    near_misses.append(
        {
            "kind": "cnki~wos",
            "reason": "same first author and year, different title",
            "a": _ident(partner),
            "b": {"_cnki": nm},
        }
    )
    truth = {"keyword_bursts": kw_truth, "book": book, "records": recs + english + [nm] + online_first}
    return out_rw, out_en, truth


def cnki_fields(draw: Draw, rec: dict, fmt: str) -> dict:
    if rec["lang"] == "en":
        src = rec["wos_record"]
        so, j9, ji, issn, eissn, pu, pi, pa, wc, sc, scopus_title, abbrev, by, bv, cn = journal_info(src["journal"])
        title = vary_title(src["title"]) if src["year"] % 2 else src["title"]
        authors = [f"{p['surname']} {p['given']}" for p in src["people"]]
        affils = [
            scopus_aff.split(",")[0] + ", " + scopus_aff.split(",")[1].strip()
            for _, scopus_aff in institutions_in_order(src["people"])
        ]
        keywords = list(src["de"])
        abstract = src["abstract"]
        journal, sn, year = scopus_title, issn or eissn, src["year"]
        issue, volume = src["issue"], str(src["volume"])
        pages = f"{src['page']}-{src['page'] + src['pages'] - 1}"
        lang = "英文"
        doi = rec.get("doi", "")
    else:
        journal, sn, cn = rec["journal"]
        title, authors, affils, keywords, abstract = (
            rec["title"],
            rec["authors"],
            rec["affils"],
            rec["kw"],
            rec["abstract"],
        )
        year = rec["year"]
        issue = "" if rec.get("online_first") else str(draw.int(1, 24 if journal == "生态学报" else 12))
        volume = "" if rec.get("online_first") or draw.chance(0.7) else str(max(1, (year or 2024) - 1980))
        first = draw.int(1, 260)
        pages = f"{first}-{first + draw.int(6, 14)}" if not rec.get("online_first") else "1-12"
        lang = "中文"
        doi = ""
        if fmt == "cnki_refworks" and year and year >= 2015 and draw.chance(0.45):
            slug = hashlib.md5(journal.encode()).hexdigest()[:4]
            doi = f"10.5555/j.cnki.{slug}.{year}.{int(issue or 1):02d}.{draw.int(1, 40):03d}"
        rec["doi"] = doi
    if fmt == "cnki_refworks":
        fields = {
            "RT": "Journal Article",
            "SR": "1",
            "A1": ";".join(authors),
            "AD": ";".join(affils) + ";",
            "T1": title,
            "JF": journal,
            "YR": str(year) if year else None,
            "IS": issue if year else None,
            "vo": volume if year else None,
            "OP": pages,
            "K1": ";".join(keywords) if keywords else None,
            "AB": abstract,
            "SN": sn,
            "CN": cn,
            "LA": lang + ";",
            "DS": "CNKI",
            "LK": cnki_link(draw, doi),
            "DO": doi or None,
        }
    else:
        fields = {
            "%0": "Journal Article",
            "%A": authors,
            "%+": ";".join(affils) + ";",
            "%T": title,
            "%J": journal,
            "%D": str(year),
            "%V": volume or None,
            "%N": f"{int(issue):02d}" if issue else None,
            "%K": ";;".join(keywords) if keywords else None,
            "%X": abstract,
            "%P": pages,
            "%@": sn,
            "%L": cn,
            "%W": "CNKI",
        }
    rec["cnki_title"] = title
    rec["cnki_first_author"] = authors[0]
    return fields


def _number_lines(rows, kind):
    line = 1
    for row in rows:
        row["line"] = line
        if kind == "refworks":
            line += sum(1 for v in row["fields"].values() if v is not None) + 1
        else:
            f = row["fields"]
            n = sum(len(v) if isinstance(v, list) else 1 for v in f.values() if v not in (None, "", []))
            line += n + 1


# ==============================================================================================
# truth.json
# ==============================================================================================
def assemble_truth(
    seed,
    files,
    book_en,
    cnki_truth,
    reference_truth,
    journal_truth,
    keyword_truth,
    duplicates,
    near_misses,
    pool,
    scopus_rows,
    cnki_refworks,
    cnki_endnote,
) -> dict:
    book_zh = cnki_truth["book"]
    counts = {}
    for path, data in files.items():
        if path.startswith(WOS_DIR):
            counts[path] = {
                "format": "wos_plain",
                "database": "WoS",
                "records": sum(1 for line in data.decode("utf-8-sig").split("\n") if line == "ER"),
            }
        elif path.endswith("refworks.txt"):
            counts[path] = {"format": "cnki_refworks", "database": "CNKI", "records": len(cnki_refworks)}
        elif path.endswith("endnote.txt"):
            counts[path] = {"format": "cnki_endnote", "database": "CNKI", "records": len(cnki_endnote)}
        else:
            counts[path] = {"format": "scopus_csv", "database": "Scopus", "records": len(scopus_rows)}
    scopus_line = {id(row): row["line"] for row in scopus_rows}
    cnki_where = {}
    for row in cnki_refworks:
        cnki_where[id(row["rec"])] = (f"{CNKI_DIR}/CNKI-refworks.txt", "cnki_refworks", row["line"])
    for row in cnki_endnote:
        cnki_where[id(row["rec"])] = (f"{CNKI_DIR}/CNKI-endnote.txt", "cnki_endnote", row["line"])

    def wos_id(rec):
        return {
            "database": "WoS",
            "file": rec["file"],
            "line": rec["line"],
            "UT": rec["ut"],
            "DI": rec["doi"] or None,
            "TI": rec["title"],
            "PY": rec["year"],
            "first_author": rec["wos"]["AU"][0],
        }

    def scopus_id(row):
        rec = row.get("wos_record") or row["scopus_only"]
        return {
            "database": "Scopus",
            "file": f"{SCOPUS_DIR}/scopus.csv",
            "line": scopus_line[id(row)],
            "EID": row["fields"]["EID"],
            "DI": row["doi"] or None,
            "TI": row["title"],
            "PY": rec["year"],
            "first_author": row["fields"]["Authors"].split("; ")[0],
        }

    def cnki_id(rec):
        path, fmt, line = cnki_where[id(rec)]
        return {
            "database": "CNKI",
            "file": path,
            "format": fmt,
            "line": line,
            "DI": rec.get("doi") or None,
            "TI": rec["cnki_title"],
            "PY": rec["year"],
            "first_author": rec["cnki_first_author"],
        }

    def ident(side):
        if "_record" in side:
            return wos_id(side["_record"])
        if "_scopus_row" in side:
            return scopus_id(side["_scopus_row"])
        return cnki_id(side["_cnki"])

    dup_out = []
    for dup in duplicates:
        entry = {"kind": dup["kind"], "basis": dup["basis"]}
        if dup["kind"] == "wos~scopus":
            row = dup["_scopus_row"]
            wos_keys, scopus_keys = dup["_wos"]["refs"], row["ref_keys"]
            entry["doi_missing_in"] = dup["doi_missing_in"]
            entry["records"] = [wos_id(dup["_wos"]), scopus_id(row)]
            entry["cited_references"] = {
                "WoS": len(wos_keys),
                "Scopus": len(scopus_keys),
                "union": len(set(wos_keys) | set(scopus_keys)),
            }
        else:
            entry["records"] = [wos_id(dup["_wos"]), cnki_id(dup["_cnki"])]
        dup_out.append(entry)
    dup_out.sort(key=lambda e: (e["kind"], e["records"][0]["UT"]))
    nm_out = [
        {"kind": nm["kind"], "reason": nm["reason"], "records": [ident(nm["a"]), ident(nm["b"])]} for nm in near_misses
    ]
    clusters_en = {book_en.labels[t]: kws for t, kws in book_en.themes.items()}
    clusters_zh = {book_zh.labels[t]: kws for t, kws in book_zh.themes.items()}
    variants = {}
    for canon in sorted(pool):
        ref = pool[canon]
        if ref["variants"]:
            variants[ref["wos"]] = list(ref["variants"])
    return {
        "description": "Planted structure of litkit's synthetic demo corpus (see README.md next to this file).",
        "seed": seed,
        "years": [YEARS[0], YEARS[-1]],
        "files": dict(sorted(counts.items())),
        "keyword_normalisation": "NFKC, case-fold, collapse whitespace; then map with the thesaurus "
        "(both columns are in normalised form)",
        "keyword_clusters": clusters_en,
        "keyword_clusters_zh": clusters_zh,
        "generic_keywords": book_en.generic + book_zh.generic,
        "thesaurus": book_en.thesaurus() + book_zh.thesaurus(),
        "stopwords": book_en.stop + book_zh.stop,
        "keyword_aliases_zh_en": [list(p) for p in V.ALIASES_ZH_EN],
        "reference_variants": variants,
        "burst_parameters": dict(
            BURST_PARAMETERS,
            slices=f"one per year {YEARS[0]}-{YEARS[-1]} (index 0 = 2000); r and d are given for every planted burst",
            definitions={
                "cited_journal": "r[t] = records of year t (in the burst's files) citing the "
                "journal (J9 of a CR entry) at least once; d[t] = records of "
                "year t with cited references (every WoS demo record has them)",
                "reference": "r[t] = records of year t citing the reference (any of its "
                "spellings; the planted ones have one); d[t] as for journals",
                "keyword": "r[t] = records of year t whose author keywords contain the keyword "
                "(normalised; planted burst keywords have only case variants, so the "
                "thesaurus is not needed); d[t] = records of year t with at least one "
                "author keyword",
            },
        ),
        "reference_bursts": reference_truth,
        "journal_bursts": journal_truth,
        "keyword_bursts": keyword_truth,
        "duplicates": dup_out,
        "in_three_databases": sorted(
            {e["records"][0]["UT"] for e in dup_out if e["kind"] == "cnki~wos"}
            & {e["records"][0]["UT"] for e in dup_out if e["kind"] == "wos~scopus"}
        ),
        "non_duplicates": nm_out,
    }


# ==============================================================================================
# command line
# ==============================================================================================
def write(out: Path, files: dict[str, bytes], truth: dict) -> list[Path]:
    from litkit._atomic import write_bytes

    written = []
    for rel, data in sorted(files.items()):
        written.append(write_bytes(out / rel, data, overwrite=True))
    text = dumps_truth(truth)
    written.append(write_bytes(out / "truth.json", text.encode("utf-8"), overwrite=True))
    return written


def dumps_truth(truth: dict) -> str:
    """truth.json text: indented, but flat lists (year vectors, keyword lists) kept on one line."""
    text = json.dumps(truth, ensure_ascii=False, indent=1)

    def flatten(match):
        items = json.loads(match.group(0))
        return json.dumps(items, ensure_ascii=False)

    # a JSON array whose items are all numbers or strings (no nested arrays/objects)
    text = re.sub(
        r'\[\s*(?:(?:-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*")\s*,\s*)*(?:-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*")\s*\]',
        flatten,
        text,
    )
    return text + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: corpora/demo/)")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (the committed corpus uses the default)")
    args = parser.parse_args(argv)
    files, truth = build(args.seed)
    for path in write(args.out, files, truth):
        print(f"{path.stat().st_size:>9,d}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
