"""English-language demo records: people, cited references, titles, and their WoS and Scopus fields.

Scopus-only records, the WoS records and the English-language records CNKI
carries are all built here; ``generate.py`` decides which record goes where.
"""

from __future__ import annotations

import hashlib
import math
import re

import demo_vocabulary as V
from demo_common import Draw, title_key

EXPORT_DATE = "2025-01-15"  # the WoS "DA" field: a fixed export date, not the run date


def wos_author(surname: str, given: str) -> str:
    """WoS cited-reference author: surname and initials without dots, e.g. ``Wang HY``."""
    return f"{surname} {initials(given)}"


def initials(given: str) -> str:
    """``Haiyan`` -> ``HY`` (pinyin syllables), ``Thi Lan`` -> ``TL``."""
    parts = []
    for word in given.replace("-", " ").split():
        syllables = split_pinyin(word)
        parts.extend(s[0].upper() for s in syllables)
    return "".join(parts)


def split_pinyin(word: str) -> list[str]:
    """Split a two-syllable pinyin given name built from :data:`GIVEN_SYLLABLES` (``Haiyan`` -> Hai, yan)."""
    for syl in sorted(V.GIVEN_SYLLABLES, key=len, reverse=True):
        if word.startswith(syl) and len(word) > len(syl):
            rest = word[len(syl) :]
            if rest.capitalize() in V.GIVEN_SYLLABLES:
                return [syl, rest]
    return [word]


def scopus_author(surname: str, given: str) -> str:
    """Scopus short author: ``Wang H.`` (one initial for a Chinese given name, as Scopus writes it)."""
    return f"{surname} " + "".join(w[0].upper() + "." for w in given.replace("-", " ").split())


def random_person(draw: Draw, western_share: float = 0.12) -> tuple[str, str]:
    if draw.chance(western_share):
        return draw.pick(V.WESTERN_NAMES)
    surname = draw.pick(V.SURNAMES_PINYIN)
    if draw.chance(0.6):
        given = draw.pick(V.GIVEN_SYLLABLES) + draw.pick(V.GIVEN_SYLLABLES).lower()
    else:
        given = draw.pick(V.GIVEN_SYLLABLES)
    return surname, given


def build_reference_pool(draw: Draw) -> dict[str, dict]:
    """Classic references plus generated ones for every cited journal, keyed by a stable id."""
    pool: dict[str, dict] = {}
    for key, ref in V.CLASSIC_REFERENCES.items():
        pool[key] = dict(ref, key=key, classic=True)
    chinese_journals = {"ACTA ECOL SIN", "J NAT RESOUR", "CHINA POPUL RESOUR", "J GEOGR SCI"}
    seen_titles = set()
    for j9, (full, first, per_year, themes) in V.CITED_JOURNALS.items():
        slug = doi_slug(j9)
        for year in range(max(first, 1992), 2025):
            n = int(per_year) + (1 if draw.chance(per_year - int(per_year)) else 0)
            for i in range(n):
                theme = draw.pick(list(themes))
                people = [random_person(draw, 0.0 if j9 in chinese_journals else 0.35) for _ in range(draw.int(1, 5))]
                for _ in range(20):
                    title = draw.pick(V.CITED_TITLE_TEMPLATES[theme]).format(place=draw.pick(V.PLACES_EN))
                    if (title, year) not in seen_titles:
                        break
                seen_titles.add((title, year))
                volume = str(
                    max(1, year - first + 1)
                    if j9 not in ("SCI TOTAL ENVIRON", "J CLEAN PROD", "ECOL INDIC")
                    else 10 * (year - first + 1) + draw.int(0, 9)
                )
                modern = year >= 2019 and j9 not in chinese_journals
                page = "" if modern else str(draw.int(1, 2400))
                doi = (
                    ""
                    if (year < 2005 or (j9 in chinese_journals and draw.chance(0.5)))
                    else f"10.5555/{slug}.{year}.{draw.digits(5)}"
                )
                key = f"{slug}{year}-{i}"
                first_author = people[0]
                wos = f"{wos_author(*first_author)}, {year}, {j9}, V{volume}"
                if page:
                    wos += f", P{page}"
                if doi:
                    wos += f", DOI {doi}"
                pages = f"{page}-{int(page) + draw.int(5, 20)}" if page else ""
                pool[key] = dict(
                    key=key,
                    wos=wos,
                    variants=[],
                    authors=[scopus_author(*p) for p in people],
                    title=title,
                    source=full,
                    j9=j9,
                    year=year,
                    volume=volume,
                    issue="",
                    pages=pages,
                    doi=doi,
                    themes=(theme,),
                    classic=False,
                )
    return pool


def scopus_reference(ref: dict) -> str:
    """A cited reference as the 2025 Scopus CSV writes it: ``Authors, Title, Source, Vol, Iss, pp. X-Y, (Year)``."""
    parts = ["; ".join(ref["authors"]), ref["title"]]
    if ref["source"]:
        parts.append(ref["source"])
    if ref["volume"]:
        parts.append(ref["volume"])
    if ref["issue"]:
        parts.append(ref["issue"])
    if ref["pages"]:
        parts.append(f"pp. {ref['pages']}")
    parts.append(f"({ref['year']})")
    return ", ".join(parts)


def citation_label(ref: dict) -> str:
    """CiteSpace-style label ``AUTHOR, YEAR, SOURCE, V1, P2`` of a WoS reference (the WoS string without DOI)."""
    return re.sub(r", DOI .*$", "", ref["wos"])


def make_title_en(draw: Draw, theme: str, titles: set) -> str:
    for _ in range(200):
        title = draw.pick(V.TITLE_TEMPLATES_EN[theme]).format(
            place=draw.pick(V.PLACES_EN),
            angle=draw.pick(V.ANGLES_EN),
            outcome=draw.pick(V.OUTCOMES_EN),
            period=draw.pick(V.PERIODS_EN),
            program=draw.pick(V.PROGRAMS_EN),
            sector=draw.pick(V.SECTORS_EN),
            river=draw.pick(V.RIVERS_EN),
        )
        title = title[0].upper() + title[1:]
        if title_key(title) not in titles:
            titles.add(title_key(title))
            return title
    raise RuntimeError("ran out of distinct English titles")


def make_abstract_en(draw: Draw, theme: str, title: str) -> str:
    method = draw.pick(V.ABSTRACT_METHODS_EN).format(n=draw.int(30, 900))
    if "?" in title:
        study = f"We ask: {title.split('?')[0]}?"
    else:
        topic = title.split(":")[0]
        study = f"We study {topic[0].lower() + topic[1:]}."
    return (
        f"{V.ABSTRACT_OPENERS_EN[theme]} {study} The analysis uses {method}. "
        f"{draw.pick(V.ABSTRACT_CLOSERS_EN) if draw.chance(0.3) else ''}"
    ).rstrip()


def make_people(draw: Draw, n: int) -> list[dict]:
    """Authors with institutions (1-3 institutions per paper, authors grouped as WoS C1 lines group them)."""
    n_inst = min(n, draw.pick([1, 2, 2, 3]))
    insts = draw.sample(V.INSTITUTIONS, n_inst)
    if draw.chance(0.12):
        insts[-1] = draw.pick(V.INSTITUTIONS_FOREIGN)
    people, names = [], set()
    while len(people) < n:
        surname, given = random_person(draw, 0.08)
        if (surname, given) in names:
            continue
        names.add((surname, given))
        slot = len(people) if len(people) < n_inst else draw.int(0, n_inst - 1)
        people.append({"surname": surname, "given": given, "inst": insts[slot]})
    return people


def new_en_record(draw: Draw, year: int, theme: str, titles: set) -> dict:
    rec = {"year": year, "theme": theme, "lang": "en"}
    rec["title"] = make_title_en(draw, theme, titles)
    rec["abstract"] = make_abstract_en(draw, theme, rec["title"])
    rec["people"] = make_people(draw, draw.pick([1, 2, 2, 3, 3, 3, 4, 4, 5]))
    rec["journal"] = draw.pick([k for k, _ in V.THEME_JOURNALS[theme]], [w for _, w in V.THEME_JOURNALS[theme]])
    rec["doc_type"] = "Review" if draw.chance(0.07) else "Article"
    rec["keywords_plus"] = draw.sample(V.KEYWORDS_PLUS[theme], draw.int(3, 6))
    rec["funding"] = draw.chance(0.55)
    rec["grant"] = f"{draw.int(4, 7)}{draw.digits(7)}"
    rec["tc"] = int(min(2000, draw.rng.lognormal(math.log(1 + 2.2 * (2025 - year)), 0.8)))
    rec["month"] = draw.pick(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])
    rec["issue"] = str(draw.int(1, 12))
    rec["page"] = draw.int(1, 900)
    rec["pages"] = draw.int(8, 18)
    rec["article_no"] = str(draw.int(100000, 180000))
    rec["email_user"] = rec["people"][0]["surname"].lower() + rec["people"][0]["given"].lower()
    return rec


def journal_info(key: str) -> tuple:
    return V.JOURNALS_EN[key] if key in V.JOURNALS_EN else V.JOURNALS_CN_EN[key]


def doi_slug(j9: str) -> str:
    """Initials of a journal abbreviation, for made-up DOIs: ``ECOSYST SERV`` -> ``es``."""
    return "".join(w[0] for w in re.split(r"[^A-Za-z]+", j9) if w).lower()


def doi_for(draw: Draw, rec: dict) -> str:
    return f"10.5555/{doi_slug(journal_info(rec['journal'])[1])}.{rec['year']}.{draw.digits(6)}"


EMAIL_DOMAINS = ["igsnrr.ac.cn", "bnu.edu.cn", "pku.edu.cn", "zju.edu.cn", "126.com", "163.com", "rcees.ac.cn"]


def wos_fields(rec: dict) -> dict:
    """The WoS plain-text fields of a record (see :data:`demo_writers.WOS_TAG_ORDER`)."""
    so, j9, ji, issn, eissn, pu, pi, pa, wc, sc, *_ = journal_info(rec["journal"])
    people = rec["people"]
    au = [f"{p['surname']}, {initials(p['given'])}" for p in people]
    af = [f"{p['surname']}, {p['given']}" for p in people]
    # C1: one line per institution; since 2008 WoS links authors to addresses with a [names] prefix.
    c1 = []
    for inst_wos, _ in institutions_in_order(people):
        names = "; ".join(f"{p['surname']}, {p['given']}" for p in people if p["inst"][0] == inst_wos)
        c1.append(f"[{names}] {inst_wos}" if rec["year"] >= 2008 else inst_wos)
    fields = {
        "PT": "J",
        "AU": au,
        "AF": af,
        "TI": rec["title"],
        "SO": so,
        "LA": "English",
        "DT": rec["doc_type"],
        "DE": "; ".join(rec["de"]),
        "ID": "; ".join(rec["keywords_plus"]),
        "AB": rec["abstract"],
        "C1": c1,
        "RP": reprint_line(rec),
        "EM": f"{rec['email_user']}@{EMAIL_DOMAINS[len(rec['email_user']) % len(EMAIL_DOMAINS)]}",
        "FU": (f"National Natural Science Foundation of China [{rec['grant']}]" if rec["funding"] else None),
        "CR": rec["cr"],
        "NR": str(len(rec["cr"])),
        "TC": str(rec["tc"]),
        "Z9": str(rec["tc"] + rec["tc"] // 9),
        "U1": str(rec["tc"] % 7),
        "U2": str(rec["tc"] % 7 + rec["tc"] % 23),
        "PU": pu,
        "PI": pi,
        "PA": pa,
        "SN": issn or None,
        "EI": eissn or None,
        "J9": j9,
        "JI": ji,
        "PD": rec["month"],
        "PY": str(rec["year"]),
        "VL": str(rec["volume"]),
        "DI": rec["doi"] or None,
        "EA": rec.get("early_access"),
        "PG": str(rec["pages"]),
        "WC": wc,
        "WE": "Science Citation Index Expanded (SCI-EXPANDED)"
        if rec["year"] >= 2003
        else "Science Citation Index Expanded (SCI-EXPANDED); Social Science Citation Index (SSCI)",
        "SC": sc,
        "GA": rec["ga"],
        "UT": rec["ut"],
        "DA": EXPORT_DATE,
    }
    if rec["year"] >= 2019 and rec["journal"] in (
        "ecoser",
        "stoten",
        "jclepro",
        "ecolind",
        "lup",
        "jenvman",
        "sustain",
    ):
        fields["AR"] = rec["article_no"]  # article numbers instead of pages in recent Elsevier/MDPI volumes
    else:
        fields["IS"] = rec["issue"]
        fields["BP"] = str(rec["page"])
        fields["EP"] = str(rec["page"] + rec["pages"] - 1)
    return fields


def reprint_line(rec: dict) -> str:
    """WoS ``RP``: "(reprint author)" before 2018, "(corresponding author)" since; several joined by "; "."""
    role = "corresponding author" if rec["year"] >= 2018 else "reprint author"
    people = [rec["people"][i] for i in rec.get("corresponding", [0])]
    return "; ".join(f"{p['surname']}, {initials(p['given'])} ({role}), {p['inst'][0]}" for p in people)


def scopus_affiliation_fields(people: list[dict], email_user: str) -> dict:
    """Scopus's Affiliations, Authors with affiliations and Correspondence Address of a record's people."""
    return {
        "Affiliations": "; ".join(scopus_aff for _, scopus_aff in institutions_in_order(people)),
        "Authors with affiliations": "; ".join(
            f"{scopus_author(p['surname'], p['given'])}, {p['inst'][1]}" for p in people
        ),
        "Correspondence Address": f"{people[0]['given'][0]}. {people[0]['surname']}; {people[0]['inst'][1]}; "
        f"email: {email_user}@{EMAIL_DOMAINS[len(email_user) % len(EMAIL_DOMAINS)]}",
    }


def institutions_in_order(people):
    seen, out = set(), []
    for p in people:
        if p["inst"][0] not in seen:
            seen.add(p["inst"][0])
            out.append(p["inst"])
    return out


def scopus_fields(draw: Draw, rec: dict, title: str, doi: str, refs: list[str]) -> dict:
    so, j9, ji, issn, eissn, pu, *_rest = journal_info(rec["journal"])
    scopus_title, scopus_abbrev = journal_info(rec["journal"])[10], journal_info(rec["journal"])[11]
    people = rec["people"]
    ids = [f"5{draw.digits(10)}" for _ in people]
    publisher = {
        "ELSEVIER": "Elsevier B.V.",
        "ELSEVIER SCI LTD": "Elsevier Ltd",
        "MDPI": "MDPI",
        "BMC": "BioMed Central Ltd",
        "IOP Publishing Ltd": "Institute of Physics",
        "SCIENCE PRESS": "Science Press",
    }.get(pu, pu.title())
    eid = f"2-s2.0-85{draw.digits(9)}" if rec["year"] >= 2012 else f"2-s2.0-{draw.int(33, 79)}{draw.digits(9)}"
    link = f"https://www.scopus.com/inward/record.uri?eid={eid}"
    if doi:
        link += "&doi=" + doi.replace("/", "%2F")
    link += f"&partnerID=40&md5={hashlib.md5(eid.encode()).hexdigest()}"
    affiliation = scopus_affiliation_fields(people, rec["email_user"])
    year = rec["year"]
    fields = {
        "Authors": "; ".join(scopus_author(p["surname"], p["given"]) for p in people),
        "Author full names": "; ".join(f"{p['surname']}, {p['given']} ({i})" for p, i in zip(people, ids)),
        "Author(s) ID": "; ".join(ids),
        "Title": title,
        "Year": str(year),
        "Source title": scopus_title,
        "Volume": str(rec["volume"]),
        "Issue": "" if "AR" in rec["wos"] else rec["issue"],
        "Art. No.": rec["article_no"] if "AR" in rec["wos"] else "",
        "Page start": "" if "AR" in rec["wos"] else str(rec["page"]),
        "Page end": "" if "AR" in rec["wos"] else str(rec["page"] + rec["pages"] - 1),
        "Cited by": str(rec["tc"] + draw.int(0, 9)),
        "DOI": doi,
        "Link": link,
        **{k: v for k, v in affiliation.items() if k != "Correspondence Address"},
        "Abstract": rec["abstract"] + f" © {year} {publisher}",
        "Author Keywords": "; ".join(rec["de"]),
        "Index Keywords": "; ".join(k.title().replace("-", " ") for k in rec["keywords_plus"]),
        "Funding Details": (
            f"National Natural Science Foundation of China, NSFC, ({rec['grant']})" if rec["funding"] else ""
        ),
        "Funding Texts": (
            f"This work was supported by the National Natural Science Foundation of China (No. {rec['grant']})."
            if rec["funding"]
            else ""
        ),
        "References": "; ".join(refs),
        "Correspondence Address": affiliation["Correspondence Address"],
        "Publisher": publisher,
        "ISSN": (issn or eissn).replace("-", ""),
        "Language of Original Document": "English",
        "Abbreviated Source Title": scopus_abbrev,
        "Document Type": rec["doc_type"],
        "Publication Stage": "Final",
        "Open Access": "All Open Access; Gold Open Access" if rec["journal"] in ("sustain", "erl", "cbm") else "",
        "Source": "Scopus",
        "EID": eid,
    }
    return fields


def vary_title(title: str) -> str:
    """The same title up to case and punctuation, as another database writes it (Title Case, typographic marks)."""
    small = {"a", "an", "and", "the", "of", "in", "for", "to", "on", "from", "with", "by", "under", "after", "as"}
    words = title.split(" ")
    out = []
    for i, w in enumerate(words):
        if i > 0 and w.lower() in small:
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[0].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out).replace("'", "\u2019").replace("-", "\u2013")
