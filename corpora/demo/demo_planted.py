"""Structure planted for the citation and affiliation analyses (issues 17 and 18).

Three plantings, each drawn from its own seeded stream (``Draw(seed + offset)``) so
that everything planted before them (keyword themes, bursts, duplicates) keeps
its exact draws:

* **co-citation groups** -- five groups of made-up references, one per English
  theme; the records of a theme cite 3-5 references of their group (those
  already published), and 15 % of records one reference of another group.  The
  group references replace generated background references of the record (never
  a classic, a planted burst reference or a reference of a planted burst
  journal), so the planted bursts and the file sizes stay as they were.
* **citations between demo records** -- later WoS records cite earlier ones
  ("landmarks") in their ``CR``, written with the DOI or, for the rest, as
  author, year, source, volume and page only, for the historiograph.
* **affiliations** -- addresses with known institutions and countries, traps
  included (Beth Israel, Georgia the state and the country, England/Scotland/
  North Ireland, Hong Kong, Taiwan, both Koreas, both Congos, ...), written into
  WoS ``C1``/``RP``, Scopus affiliations and CNKI institutions.
"""

from __future__ import annotations

import itertools

import demo_vocabulary as V
from demo_common import Draw
from demo_english import doi_slug, initials, journal_info, random_person, scopus_author

# ----------------------------------------------------------------------------------------------
# co-citation groups
# ----------------------------------------------------------------------------------------------
# theme -> (group size, first year, last year, journals (J9, full title as Scopus writes it)).  The journals are
# ones whose WoS J9 is what litkit.refs.normalize_source makes of the Scopus title, so a WoS record and its Scopus
# duplicate give the same reference keys (it does not for e.g. LAND DEGRAD DEV, RESOUR CONSERV RECY,
# GLOBAL CHANGE BIOL, FOREST ECOL MANAG, CHINESE GEOGR SCI), and none has a comma in its title (the Scopus
# reference parser would cut "Agriculture, Ecosystems and Environment" at the comma).
COCITATION_GROUPS = {
    "pes": (
        13,
        1996,
        2010,
        [
            ("ECOL SOC", "Ecology and Society"),
            ("CONSERV BIOL", "Conservation Biology"),
            ("ENVIRON SCI POLICY", "Environmental Science and Policy"),
            ("AMBIO", "Ambio"),
        ],
    ),
    "esv": (
        10,
        1998,
        2014,
        [
            ("ECOL MODEL", "Ecological Modelling"),
            ("ECOL SOC", "Ecology and Society"),
            ("ENVIRON SCI POLICY", "Environmental Science and Policy"),
            ("AMBIO", "Ambio"),
        ],
    ),
    "carbon": (
        11,
        2001,
        2017,
        [
            ("J ENVIRON ECON MANAG", "Journal of Environmental Economics and Management"),
            ("ENVIRON MANAGE", "Environmental Management"),
            ("ENERG POLICY", "Energy Policy"),
            ("CLIM POLICY", "Climate Policy"),
        ],
    ),
    "liv": (
        9,
        2003,
        2017,
        [
            ("J RURAL STUD", "Journal of Rural Studies"),
            ("AMBIO", "Ambio"),
            ("BIOL CONSERV", "Biological Conservation"),
            ("ECOL SOC", "Ecology and Society"),
        ],
    ),
    "vr": (
        12,
        2010,
        2021,
        [
            ("J ENVIRON ECON MANAG", "Journal of Environmental Economics and Management"),
            ("ENVIRON SCI POLICY", "Environmental Science and Policy"),
            ("CONSERV LETT", "Conservation Letters"),
            ("J RURAL STUD", "Journal of Rural Studies"),
        ],
    ),
}
GROUP_TITLES = {
    "pes": "Payments for ecosystem services: {angle} in {place}",
    "esv": "Valuing ecosystem services: {angle} in {place}",
    "carbon": "Carbon sinks and carbon markets: {angle} in {place}",
    "liv": "Rural livelihoods and conservation: {angle} in {place}",
    "vr": "Realizing the value of ecological products: {angle} in {place}",
}
GROUP_DOI_FROM = 2014  # group references published since then carry a DOI (the keys of the others are bibliographic)
CITE_OWN = (4, 6)  # references a record cites from its theme's group
CITE_OTHER = 0.08  # chance of one reference from another group


def build_cocitation_groups(draw: Draw) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """The group references (pool-like dicts keyed ``cocite-<theme>-<i>``) and the groups (theme -> keys)."""
    refs: dict[str, dict] = {}
    groups: dict[str, list[str]] = {}
    for theme, (size, first, last, journals) in COCITATION_GROUPS.items():
        keys = []
        years = [first + round(i * (last - first) / (size - 1)) for i in range(size)]
        for i, year in enumerate(years):
            j9, full = journals[i % len(journals)]
            people = [random_person(draw, 0.4) for _ in range(draw.int(1, 4))]
            title = GROUP_TITLES[theme].format(angle=draw.pick(V.ANGLES_EN), place=draw.pick(V.PLACES_EN))
            volume = str(max(1, year - 1980 + draw.int(0, 20)))
            page = str(draw.int(1, 1800))
            digits = draw.digits(5)
            doi = f"10.5555/{doi_slug(j9)}.{year}.{digits}" if year >= GROUP_DOI_FROM else ""  # keys without DOI too
            first_author = f"{people[0][0]} {initials(people[0][1])}"
            key = f"cocite-{theme}-{i:02d}"
            refs[key] = dict(
                key=key,
                wos=f"{first_author}, {year}, {j9}, V{volume}, P{page}" + (f", DOI {doi}" if doi else ""),
                variants=[],
                authors=[scopus_author(*p) for p in people],
                title=title,
                source=full,
                j9=j9,
                year=year,
                volume=volume,
                issue="",
                pages=f"{page}-{int(page) + draw.int(8, 20)}",
                doi=doi,
                themes=(theme,),
                classic=False,
            )
            keys.append(key)
        groups[theme] = keys
    return refs, groups


def cite_groups(draw: Draw, records: list[dict], pool: dict, group_refs: dict, groups: dict, keep: set) -> None:
    """Give each record 3-5 references of its theme's group in place of as many background references.

    ``keep`` holds the keys that must not be removed (planted burst references); references of the planted
    burst journals and classic references are never removed either, so no planted count changes.
    """
    for rec in records:
        own = [k for k in groups[rec["theme"]] if group_refs[k]["year"] < rec["year"]]
        chosen = draw.sample(own, draw.int(*CITE_OWN)) if own else []
        if draw.chance(CITE_OTHER):
            other = [
                k
                for theme, keys in groups.items()
                if theme != rec["theme"]
                for k in keys
                if group_refs[k]["year"] < rec["year"]
            ]
            if other:
                chosen.append(draw.pick(other))
        removable = [
            k
            for k in rec["refs"]
            if k in pool and not pool[k]["classic"] and k not in keep and pool[k].get("removable", True)
        ]
        drop = set(draw.sample(removable, min(len(chosen), len(removable))))
        rec["refs"] = sorted(set(k for k in rec["refs"] if k not in drop) | set(chosen))


def cocitation_truth(group_refs: dict, groups: dict, records: list[dict], files: list[str], labels: dict) -> dict:
    """truth.json's ``cocitation_groups``: per theme the CR strings, labels, DOIs, years and citation counts."""
    cited = {k: 0 for k in group_refs}
    for rec in records:
        for k in rec["refs"]:
            if k in cited:
                cited[k] += 1
    out = {labels[theme]: [[group_refs[k]["wos"], cited[k]] for k in keys] for theme, keys in groups.items()}
    return {
        "description": "Groups of references cited together: the records of one keyword theme cite 3-5 "
        "references of its group (those published before the record), 15 % of records one reference of "
        "another group. Each group lists [CR string as WoS writes it, WoS records citing it in these files]; "
        "references since 2014 carry a DOI, the others are identified by author, year, source, volume, page.",
        "files": files,
        "groups": out,
    }


# ----------------------------------------------------------------------------------------------
# citations between demo records (historiograph)
# ----------------------------------------------------------------------------------------------
LANDMARK_CITATIONS = [22, 17, 13, 10, 8, 7, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2]  # planted LCS per landmark
DOI_SHARE = 0.6  # share of citations of a landmark with a DOI that write the DOI


def cite_local(draw: Draw, records: list[dict], excluded_j9: set) -> tuple[dict[str, dict], list[dict]]:
    """Plant citations between WoS records; returns the reference entries (pool-like) and the truth rows."""
    eligible = [
        rec
        for rec in records
        if 2003 <= rec["year"] <= 2017
        and journal_info(rec["journal"])[1] not in excluded_j9
        and rec["journal"] != "cgs"  # CHINESE GEOGR SCI: litkit keys its Scopus title as CHIN GEOGR SCI
        and not rec.get("near_miss")
    ]
    eligible.sort(key=lambda rec: (rec["year"], rec["ut"]))
    landmarks = draw.sample(eligible, len(LANDMARK_CITATIONS))
    landmarks.sort(key=lambda rec: (rec["year"], rec["ut"]))
    plan = draw.shuffle(LANDMARK_CITATIONS)
    entries: dict[str, dict] = {}
    truth = []
    for rec, n in zip(landmarks, plan):
        later = [r for r in records if r["year"] > rec["year"]]
        weights = [4.0 if r["theme"] == rec["theme"] else 1.0 for r in later]
        citers = draw.sample(later, n, weights)
        so, j9, *_ = journal_info(rec["journal"])
        scopus_title = journal_info(rec["journal"])[10]
        author = rec["people"][0]
        base = f"{author['surname']} {initials(author['given'])}, {rec['year']}, {j9}, V{rec['volume']}, P{rec['page']}"
        for form in ("doi", "bibliographic"):
            key = f"local-{rec['ut']}-{form}"
            entries[key] = dict(
                key=key,
                wos=base + (f", DOI {rec['doi']}" if form == "doi" else ""),
                variants=[],
                authors=[scopus_author(p["surname"], p["given"]) for p in rec["people"]],
                title=rec["title"],
                source=scopus_title,
                j9=j9,
                year=rec["year"],
                volume=str(rec["volume"]),
                issue=rec["issue"],
                pages=f"{rec['page']}-{rec['page'] + rec['pages'] - 1}",
                doi=rec["doi"] if form == "doi" else "",
                themes=(rec["theme"],),
                classic=False,
                removable=False,
            )
        for citer in sorted(citers, key=lambda r: (r["year"], r["ut"])):
            form = "doi" if rec["doi"] and draw.chance(DOI_SHARE) else "bibliographic"
            citer["refs"] = sorted(set(citer["refs"]) | {f"local-{rec['ut']}-{form}"})
            truth.append([citer["ut"], rec["ut"], form])
    truth.sort(key=lambda row: (row[1], row[0]))
    return entries, truth


def local_citation_truth(rows: list[dict], records: list[dict], files: list[str]) -> dict:
    by_ut = {rec["ut"]: rec for rec in records}
    lcs: dict[str, int] = {}
    for _citing, cited, _form in rows:
        lcs[cited] = lcs.get(cited, 0) + 1
    landmarks = {
        ut: {"lcs": n, "PY": by_ut[ut]["year"], "DI": by_ut[ut]["doi"] or None, "TI": by_ut[ut]["title"]}
        for ut, n in sorted(lcs.items(), key=lambda kv: (-kv[1], kv[0]))
    }
    return {
        "description": "Citations between demo WoS records. links: [citing UT, cited UT, how the CR entry is "
        "written: 'doi' (author, year, source, volume, page and DOI) or 'bibliographic' (the same without "
        "DOI)]; landmarks: the cited records by local citation score (lcs, citing records in these files).",
        "files": files,
        "landmarks": landmarks,
        "links": rows,
    }


# ----------------------------------------------------------------------------------------------
# affiliations
# ----------------------------------------------------------------------------------------------
# (WoS address, Scopus address, institution as WoS abbreviates it, institution as Scopus writes it, ISO 3166)
ADDRESS_TRAPS = [
    (
        "Beth Israel Deaconess Med Ctr, Dept Med, Boston, MA 02215 USA.",
        "Department of Medicine, Beth Israel Deaconess Medical Center, Boston, 02215, MA, United States",
        "Beth Israel Deaconess Med Ctr",
        "Beth Israel Deaconess Medical Center",
        "US",
    ),
    (
        "Georgia Inst Technol, Sch Publ Policy, Atlanta, GA 30332 USA.",
        "School of Public Policy, Georgia Institute of Technology, Atlanta, 30332, GA, United States",
        "Georgia Inst Technol",
        "Georgia Institute of Technology",
        "US",
    ),
    (
        "Univ Georgia, Warnell Sch Forestry & Nat Resources, Athens, GA 30602 USA.",
        "Warnell School of Forestry and Natural Resources, University of Georgia, Athens, 30602, GA, United States",
        "Univ Georgia",
        "University of Georgia",
        "US",
    ),
    (
        "Tbilisi State Univ, Dept Geog, Tbilisi 0179, Georgia.",
        "Department of Geography, Tbilisi State University, Tbilisi, 0179, Georgia",
        "Tbilisi State Univ",
        "Tbilisi State University",
        "GE",
    ),
    (
        "Univ Oxford, Environm Change Inst, Oxford OX1 3QY, England.",
        "Environmental Change Institute, University of Oxford, Oxford, OX1 3QY, United Kingdom",
        "Univ Oxford",
        "University of Oxford",
        "GB",
    ),
    (
        "Univ Edinburgh, Sch Geosci, Edinburgh EH8 9XP, Midlothian, Scotland.",
        "School of GeoSciences, University of Edinburgh, Edinburgh, EH8 9XP, United Kingdom",
        "Univ Edinburgh",
        "University of Edinburgh",
        "GB",
    ),
    (
        "Queens Univ Belfast, Sch Nat & Built Environm, Belfast BT7 1NN, Antrim, North Ireland.",
        "School of Natural and Built Environment, Queen's University Belfast, Belfast, BT7 1NN, United Kingdom",
        "Queens Univ Belfast",
        "Queen's University Belfast",
        "GB",
    ),
    (
        "Univ Coll Dublin, Sch Agr & Food Sci, Dublin 4, Ireland.",
        "School of Agriculture and Food Science, University College Dublin, Dublin 4, Ireland",
        "Univ Coll Dublin",
        "University College Dublin",
        "IE",
    ),
    (
        "Chinese Univ Hong Kong, Dept Geog & Resource Management, Shatin, Hong Kong, Peoples R China.",
        "Department of Geography and Resource Management, The Chinese University of Hong Kong, Shatin, Hong Kong",
        "Chinese Univ Hong Kong",
        "The Chinese University of Hong Kong",
        "HK",
    ),
    (
        "Hong Kong Univ Sci & Technol, Div Environm & Sustainabil, Kowloon, Hong Kong.",
        "Division of Environment and Sustainability, Hong Kong University of Science and Technology, Kowloon, "
        "Hong Kong",
        "Hong Kong Univ Sci & Technol",
        "Hong Kong University of Science and Technology",
        "HK",
    ),
    (
        "Univ Macau, Fac Social Sci, Taipa, Macau, Peoples R China.",
        "Faculty of Social Sciences, University of Macau, Taipa, Macao",
        "Univ Macau",
        "University of Macau",
        "MO",
    ),
    (
        "Natl Taiwan Univ, Dept Geog, Taipei 10617, Taiwan.",
        "Department of Geography, National Taiwan University, Taipei, 10617, Taiwan",
        "Natl Taiwan Univ",
        "National Taiwan University",
        "TW",
    ),
    (
        "Seoul Natl Univ, Dept Agr Econ & Rural Dev, Seoul 08826, South Korea.",
        "Department of Agricultural Economics and Rural Development, Seoul National University, Seoul, 08826, "
        "South Korea",
        "Seoul Natl Univ",
        "Seoul National University",
        "KR",
    ),
    (
        "Kim Il Sung Univ, Fac Geog, Pyongyang, North Korea.",
        "Faculty of Geography, Kim Il Sung University, Pyongyang, North Korea",
        "Kim Il Sung Univ",
        "Kim Il Sung University",
        "KP",
    ),
    (
        "Univ New Mexico, Dept Econ, Albuquerque, NM 87131 USA.",
        "Department of Economics, University of New Mexico, Albuquerque, 87131, NM, United States",
        "Univ New Mexico",
        "University of New Mexico",
        "US",
    ),
    (
        "Univ New South Wales, Sch Biol Earth & Environm Sci, Sydney, NSW 2052, Australia.",
        "School of Biological, Earth and Environmental Sciences, University of New South Wales, Sydney, 2052, "
        "NSW, Australia",
        "Univ New South Wales",
        "University of New South Wales",
        "AU",
    ),
    (
        "Indiana Univ, Ostrom Workshop, Bloomington, IN 47408 USA.",
        "Ostrom Workshop, Indiana University, Bloomington, 47408, IN, United States",
        "Indiana Univ",
        "Indiana University",
        "US",
    ),
    (
        "Indian Inst Sci, Ctr Ecol Sci, Bangalore 560012, Karnataka, India.",
        "Centre for Ecological Sciences, Indian Institute of Science, Bangalore, 560012, India",
        "Indian Inst Sci",
        "Indian Institute of Science",
        "IN",
    ),
    (
        "Princeton Univ, High Meadows Environm Inst, Princeton, NJ 08544 USA.",
        "High Meadows Environmental Institute, Princeton University, Princeton, 08544, NJ, United States",
        "Princeton Univ",
        "Princeton University",
        "US",
    ),
    (
        "Univ Nigeria, Dept Agr Econ, Nsukka 410001, Enugu State, Nigeria.",
        "Department of Agricultural Economics, University of Nigeria, Nsukka, 410001, Nigeria",
        "Univ Nigeria",
        "University of Nigeria",
        "NG",
    ),
    (
        "Abdou Moumouni Univ, Fac Agron, Niamey, Niger.",
        "Faculty of Agronomy, Abdou Moumouni University, Niamey, Niger",
        "Abdou Moumouni Univ",
        "Abdou Moumouni University",
        "NE",
    ),
    (
        "Univ Khartoum, Fac Forestry, Khartoum North 13314, Sudan.",
        "Faculty of Forestry, University of Khartoum, Khartoum North, 13314, Sudan",
        "Univ Khartoum",
        "University of Khartoum",
        "SD",
    ),
    (
        "Univ Juba, Sch Nat Resources & Environm Studies, Juba, South Sudan.",
        "School of Natural Resources and Environmental Studies, University of Juba, Juba, South Sudan",
        "Univ Juba",
        "University of Juba",
        "SS",
    ),
    (
        "Univ Kinshasa, Fac Sci Agron, Kinshasa, Dem Rep Congo.",
        "Faculty of Agronomic Sciences, University of Kinshasa, Kinshasa, Democratic Republic Congo",
        "Univ Kinshasa",
        "University of Kinshasa",
        "CD",
    ),
    (
        "Marien Ngouabi Univ, Fac Sci & Tech, Brazzaville, Rep Congo.",
        "Faculty of Science and Technology, Marien Ngouabi University, Brazzaville, Congo",
        "Marien Ngouabi Univ",
        "Marien Ngouabi University",
        "CG",
    ),
    (
        "Univ Papua New Guinea, Sch Nat & Phys Sci, Port Moresby, Papua New Guinea.",
        "School of Natural and Physical Sciences, University of Papua New Guinea, Port Moresby, Papua New Guinea",
        "Univ Papua New Guinea",
        "University of Papua New Guinea",
        "PG",
    ),
    (
        "Univ Gamal Abdel Nasser Conakry, Dept Biol, Conakry, Guinea.",
        "Department of Biology, Gamal Abdel Nasser University of Conakry, Conakry, Guinea",
        "Univ Gamal Abdel Nasser Conakry",
        "Gamal Abdel Nasser University of Conakry",
        "GN",
    ),
    (
        "Univ Amilcar Cabral, Fac Ciencias, Bissau, Guinea Bissau.",
        "Faculty of Sciences, Amilcar Cabral University, Bissau, Guinea-Bissau",
        "Univ Amilcar Cabral",
        "Amilcar Cabral University",
        "GW",
    ),
    (
        "Natl Univ Equatorial Guinea, Fac Environm, Malabo, Equatorial Guinea.",
        "Faculty of Environment, National University of Equatorial Guinea, Malabo, Equatorial Guinea",
        "Natl Univ Equatorial Guinea",
        "National University of Equatorial Guinea",
        "GQ",
    ),
    (
        "Pontificia Univ Catolica Madre & Maestra, Dept Ingn Ambiental, Santiago, Dominican Rep.",
        "Department of Environmental Engineering, Pontificia Universidad Catolica Madre y Maestra, Santiago, "
        "Dominican Republic",
        "Pontificia Univ Catolica Madre & Maestra",
        "Pontificia Universidad Catolica Madre y Maestra",
        "DO",
    ),
]
# The addresses already in the vocabulary: institution (WoS, Scopus) and country.
KNOWN_ADDRESSES = {
    "Stanford Univ": ("Stanford University", "US"),
    "Ctr Int Forestry Res CIFOR": ("Center for International Forestry Research (CIFOR)", "ID"),
    "Univ Bonn": ("University of Bonn", "DE"),
    "Australian Natl Univ": ("Australian National University", "AU"),
    "Wageningen Univ": ("Wageningen University", "NL"),
    "Chinese Acad Sci": ("Chinese Academy of Sciences", "CN"),
    "Univ Chinese Acad Sci": ("University of Chinese Academy of Sciences", "CN"),
    "Beijing Normal Univ": ("Beijing Normal University", "CN"),
    "Peking Univ": ("Peking University", "CN"),
    "Renmin Univ China": ("Renmin University of China", "CN"),
    "Zhejiang Univ": ("Zhejiang University", "CN"),
    "Nanjing Forestry Univ": ("Nanjing Forestry University", "CN"),
    "Beijing Forestry Univ": ("Beijing Forestry University", "CN"),
    "Fujian Agr & Forestry Univ": ("Fujian Agriculture and Forestry University", "CN"),
    "Jiangxi Univ Finance & Econ": ("Jiangxi University of Finance and Economics", "CN"),
    "Sun Yat Sen Univ": ("Sun Yat-sen University", "CN"),
    "Wuhan Univ": ("Wuhan University", "CN"),
    "Lanzhou Univ": ("Lanzhou University", "CN"),
    "Xiamen Univ": ("Xiamen University", "CN"),
    "Northwest A&F Univ": ("Northwest A&F University", "CN"),
    "Ocean Univ China": ("Ocean University of China", "CN"),
    "Sichuan Univ": ("Sichuan University", "CN"),
}
# CNKI institutions of the vocabulary: top-level institution and sub-unit.
CNKI_INSTITUTIONS = {
    "中国科学院地理科学与资源研究所": ("中国科学院", "地理科学与资源研究所"),
    "中国科学院大学": ("中国科学院大学", ""),
    "北京师范大学环境学院": ("北京师范大学", "环境学院"),
    "中国科学院生态环境研究中心": ("中国科学院", "生态环境研究中心"),
    "北京大学城市与环境学院": ("北京大学", "城市与环境学院"),
    "中国人民大学环境学院": ("中国人民大学", "环境学院"),
    "浙江大学公共管理学院": ("浙江大学", "公共管理学院"),
    "南京林业大学经济管理学院": ("南京林业大学", "经济管理学院"),
    "北京林业大学经济管理学院": ("北京林业大学", "经济管理学院"),
    "福建农林大学经济与管理学院": ("福建农林大学", "经济与管理学院"),
    "江西财经大学经济学院": ("江西财经大学", "经济学院"),
    "中山大学地理科学与规划学院": ("中山大学", "地理科学与规划学院"),
    "武汉大学资源与环境科学学院": ("武汉大学", "资源与环境科学学院"),
    "兰州大学资源环境学院": ("兰州大学", "资源环境学院"),
    "厦门大学环境与生态学院": ("厦门大学", "环境与生态学院"),
    "西北农林科技大学经济管理学院": ("西北农林科技大学", "经济管理学院"),
    "中国海洋大学经济学院": ("中国海洋大学", "经济学院"),
    "丽水学院生态学院": ("丽水学院", "生态学院"),
    "生态环境部环境规划院": ("生态环境部环境规划院", ""),
    "中国林业科学研究院林业科技信息研究所": ("中国林业科学研究院", "林业科技信息研究所"),
}
# CNKI affiliation strings planted as written (the AD / %+ field without its final ';'), with the expected
# (institution, sub-unit, country) of each unit.
CNKI_TRAPS = [
    (
        "北京大学环境科学与工程学院;中国科学院大学",
        [("北京大学", "环境科学与工程学院", "CN"), ("中国科学院大学", "", "CN")],
    ),
    (
        "香港中文大学地理与资源管理学系;中山大学地理科学与规划学院",
        [("香港中文大学", "地理与资源管理学系", "HK"), ("中山大学", "地理科学与规划学院", "CN")],
    ),
    ("台湾大学地理环境资源学系", [("台湾大学", "地理环境资源学系", "TW")]),
    (
        "澳门大学社会科学学院;浙江大学公共管理学院",
        [("澳门大学", "社会科学学院", "MO"), ("浙江大学", "公共管理学院", "CN")],
    ),
    (
        "清华大学环境学院；北京林业大学经济管理学院",
        [("清华大学", "环境学院", "CN"), ("北京林业大学", "经济管理学院", "CN")],
    ),
    (
        "南京大学地理与海洋科学学院,江苏省土地开发整理中心",
        [("南京大学", "地理与海洋科学学院", "CN"), ("江苏省土地开发整理中心", "", "CN")],
    ),
    (
        "首尔大学环境研究生院;厦门大学环境与生态学院",
        [("首尔大学", "环境研究生院", "KR"), ("厦门大学", "环境与生态学院", "CN")],
    ),
    (
        "Department of Geography, University of Bonn, Bonn 53115, Germany;武汉大学资源与环境科学学院",
        [("University of Bonn", "Department of Geography", "DE"), ("武汉大学", "资源与环境科学学院", "CN")],
    ),
]
TRAPS_PER_ADDRESS = (1, 3)  # WoS records given each trap address
SCOPUS_ONLY_TRAPS = 10  # Scopus-only records given a trap address
MULTI_CORRESPONDING = 12  # recent WoS records with two corresponding authors


def plant_wos_affiliations(draw: Draw, records: list[dict]) -> None:
    """Move some authors of some WoS records to the trap addresses (their whole ``C1`` group moves)."""
    eligible = [rec for rec in records if not rec.get("cnki_overlap") and not rec.get("near_miss")]
    eligible.sort(key=lambda rec: rec["ut"])
    n = sum(draw.int(*TRAPS_PER_ADDRESS) for _ in ADDRESS_TRAPS)
    chosen = draw.sample(eligible, n)
    i = 0
    for trap in ADDRESS_TRAPS:
        for _ in range(draw.int(*TRAPS_PER_ADDRESS)):
            if i >= len(chosen):
                break
            _move_group(draw, chosen[i], trap)
            i += 1
    recent = [rec for rec in eligible if rec["year"] >= 2019 and len({p["inst"][0] for p in rec["people"]}) >= 2]
    for rec in draw.sample(recent, MULTI_CORRESPONDING):
        second = next(j for j, p in enumerate(rec["people"]) if p["inst"][0] != rec["people"][0]["inst"][0])
        rec["corresponding"] = [0, second]


def plant_scopus_affiliations(draw: Draw, records: list[dict]) -> list[dict]:
    """Trap addresses for some Scopus-only records; returns the records changed."""
    eligible = sorted(records, key=lambda rec: rec["title"])
    chosen = draw.sample(eligible, SCOPUS_ONLY_TRAPS)
    for rec in chosen:
        _move_group(draw, rec, draw.pick(ADDRESS_TRAPS))
    return chosen


def _move_group(draw: Draw, rec: dict, trap: tuple) -> None:
    """Every author at one of the record's institutions moves to the trap address (the last one if several)."""
    insts = list(dict.fromkeys(p["inst"][0] for p in rec["people"]))
    old = insts[-1] if len(insts) > 1 or draw.chance(0.5) else insts[0]
    for p in rec["people"]:
        if p["inst"][0] == old:
            p["inst"] = (trap[0], trap[1])
    rec["trap"] = True


def plant_cnki_affiliations(draw: Draw, records: list[dict]) -> list[dict]:
    """Trap affiliation strings for some Chinese CNKI records; returns the records changed."""
    eligible = [rec for rec in records if rec.get("year")]
    chosen = draw.sample(eligible, len(CNKI_TRAPS))
    for rec, (text, _units) in zip(chosen, CNKI_TRAPS):
        rec["affils"] = [text]
        rec["cnki_trap"] = text
    return chosen


def address_info(address: str) -> tuple[str, str, str]:
    """(institution as WoS writes it, institution as Scopus writes it, ISO code) of a WoS address."""
    for wos, _scopus, inst, inst_scopus, iso in ADDRESS_TRAPS:
        if wos == address:
            return inst, inst_scopus, iso
    inst = address.split(",")[0]
    return inst, KNOWN_ADDRESSES[inst][0], KNOWN_ADDRESSES[inst][1]


def record_affiliations(people: list[dict], form: str) -> dict:
    """Expected countries (sorted ISO codes) and institutions (in order of appearance) of one record."""
    countries, institutions = set(), []
    for p in people:
        inst, inst_scopus, iso = address_info(p["inst"][0])
        name = inst if form == "wos" else inst_scopus
        countries.add(iso)
        if name not in institutions:
            institutions.append(name)
    return {"countries": sorted(countries), "institutions": institutions}


def affiliation_truth(wos: list[dict], wos_files: list[str], scopus_rows: list[dict], cnki_rows: list[dict]) -> dict:
    """truth.json's ``affiliations`` (per record), ``country_collaboration`` and the address tables."""
    per_record: dict[str, dict] = {}
    pairs: dict[tuple[str, str], int] = {}
    scp_mcp: dict[str, list[int]] = {}
    country_records: dict[str, int] = {}
    for rec in sorted(wos, key=lambda rec: rec["ut"]):
        info = record_affiliations(rec["people"], "wos")
        if info["countries"] != ["CN"] or rec.get("corresponding") or rec.get("trap"):
            corresponding = [rec["wos"]["AU"][i] for i in rec.get("corresponding", [0])]
            per_record[rec["ut"]] = [info["countries"], info["institutions"], corresponding]
        for iso in info["countries"]:
            country_records[iso] = country_records.get(iso, 0) + 1
        for a, b in itertools.combinations(info["countries"], 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
        rp_country = address_info(rec["people"][0]["inst"][0])[2]
        slot = scp_mcp.setdefault(rp_country, [0, 0])
        slot[0 if len(info["countries"]) == 1 else 1] += 1
    scopus_records: dict[str, list] = {}
    for row in scopus_rows:
        rec = row.get("scopus_only")
        if rec is not None and rec.get("trap"):
            info = record_affiliations(rec["people"], "scopus")
            scopus_records[row["fields"]["EID"]] = [info["countries"], info["institutions"]]
    cnki_records = {}
    for path, line, text in cnki_rows:
        units = next(units for t, units in CNKI_TRAPS if t == text)
        cnki_records[f"{path}:{line}"] = [sorted({u[2] for u in units}), [u[0] for u in units], [u[1] for u in units]]
    table = [[wos, inst, iso] for wos, _s, inst, _is, iso in ADDRESS_TRAPS]
    for group in (V.INSTITUTIONS, V.INSTITUTIONS_FOREIGN):
        for wos, _scopus in group:
            inst, _inst_scopus, iso = address_info(wos)
            table.append([wos, inst, iso])
    return {
        "affiliations": {
            "description": "Expected countries (ISO 3166-1 alpha-2, sorted; Hong Kong, Macao and Taiwan as their "
            "own codes) and institutions (top level, as the database writes them, in order of appearance) per "
            "record. wos: UT -> [countries, institutions, RP authors] for every WoS record with an address "
            "outside mainland China, a planted trap address or two corresponding authors (every other WoS "
            "record: CN only). scopus: EID -> [countries, institutions] for the Scopus-only records given a "
            "trap address. cnki: 'file:line' of the record -> [countries, institutions, sub-units] for the CNKI "
            "records given a planted affiliation string. address_table: [WoS address, institution, country] "
            "of every address the demo writes; cnki_institutions: institution -> [top level, sub-unit].",
            "wos_files": wos_files,
            "wos": per_record,
            "scopus": scopus_records,
            "cnki": cnki_records,
            "address_table": table,
            "cnki_institutions": {k: list(v) for k, v in CNKI_INSTITUTIONS.items()},
            "records_per_country": dict(sorted(country_records.items())),
        },
        "country_collaboration": {
            "description": "Over the WoS files: records whose addresses name both countries (each record once per "
            "pair), and single-/multiple-country publications (SCP, MCP) per first corresponding author's country.",
            "pairs": [[a, b, n] for (a, b), n in sorted(pairs.items())],
            "scp_mcp": {iso: v for iso, v in sorted(scp_mcp.items())},
        },
    }
