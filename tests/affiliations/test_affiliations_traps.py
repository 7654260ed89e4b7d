"""The traps of country extraction (issue 18): names inside names, states that are countries, both Koreas, ..."""

from __future__ import annotations

import pandas as pd
import pytest

import litkit
from litkit.addresses import country_of, country_table, unresolved_addresses
from litkit.errors import LitkitError


def code(address: str, **options) -> str:
    return country_of(address, **options).code


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        # Beth Israel is a hospital in Boston, never the country
        ("Beth Israel Deaconess Med Ctr, Dept Med, Boston, MA 02215 USA", "US"),
        ("Beth Israel Deaconess Medical Center, Boston, MA, United States", "US"),
        ("Harvard Med Sch, Beth Israel Deaconess Med Ctr", ""),
        ("Hebrew Univ Jerusalem, IL-91904 Jerusalem, Israel", "IL"),
        # Georgia: the US state (with ZIP, state code or a Georgia town) and the country
        ("Georgia Inst Technol, Sch Chem & Biomol Engn, Atlanta, GA 30332 USA", "US"),
        ("Emory Univ, Atlanta, GA USA", "US"),
        ("Georgia State University, Atlanta, GA, United States", "US"),
        ("Emory University, Atlanta, Georgia", "US"),
        ("Univ Georgia, Athens, Georgia", "US"),
        ("Tbilisi State Univ, Tbilisi 0179, Georgia", "GE"),
        ("Ilia State Univ, Inst Ecol, Tbilisi, Georgia", "GE"),
        ("Agricultural University of Georgia, Tbilisi, Georgia", "GE"),
        # New Mexico / Mexico
        ("Univ New Mexico, Dept Biol, Albuquerque, NM 87131 USA", "US"),
        ("University of New Mexico, Albuquerque, New Mexico", "US"),
        ("Univ Nacl Autonoma Mexico, Inst Ecol, Mexico City 04510, DF, Mexico", "MX"),
        # New South Wales / Wales
        ("Univ New South Wales, Sch Biol Earth & Environm Sci, Sydney, NSW 2052, Australia", "AU"),
        ("University of Sydney, Sydney, New South Wales", "AU"),
        ("Cardiff Univ, Sch Biosci, Cardiff CF10 3AX, S Glam, Wales", "GB"),
        # Papua New Guinea and the Guineas
        ("Univ Papua New Guinea, Port Moresby, Papua N Guinea", "PG"),
        ("PNG Inst Med Res, Goroka, Papua New Guinea", "PG"),
        ("Inst Pasteur Guinee, Conakry, Guinea", "GN"),
        ("Inst Nacl Saude Publ, Bissau, Guinea Bissau", "GW"),
        ("Inst Nacl Saude Publ, Bissau, Guinea-Bissau", "GW"),
        ("Univ Nacl Guinea Ecuatorial, Malabo, Equat Guinea", "GQ"),
        ("Universidad Nacional de Guinea Ecuatorial, Malabo, Equatorial Guinea", "GQ"),
        # Sudan / South Sudan, Niger / Nigeria, Dominica / Dominican Republic
        ("Univ Khartoum, Fac Med, Khartoum, Sudan", "SD"),
        ("Univ Juba, Juba, South Sudan", "SS"),
        ("Univ Abdou Moumouni, Niamey, Niger", "NE"),
        ("Univ Ibadan, Dept Zool, Ibadan, Nigeria", "NG"),
        ("Ross Univ, Sch Med, Portsmouth, Dominica", "DM"),
        ("Univ Autonoma Santo Domingo, Santo Domingo, Dominican Rep", "DO"),
        ("Pontificia Universidad Catolica Madre y Maestra, Santiago, Dominican Republic", "DO"),
        # Jersey / New Jersey; Indiana / India
        ("Durrell Wildlife Conservat Trust, Trinity JE3 5BP, Jersey", "JE"),
        ("Princeton Univ, Dept Ecol & Evolutionary Biol, Princeton, NJ 08544 USA", "US"),
        ("Rutgers University, New Brunswick, New Jersey", "US"),
        ("Indiana Univ, Dept Biol, Bloomington, IN 47405 USA", "US"),
        ("Purdue University, West Lafayette, Indiana", "US"),
        ("Indian Inst Technol, New Delhi 110016, India", "IN"),
        # both Koreas
        ("Seoul Natl Univ, Seoul 08826, South Korea", "KR"),
        ("Korea University, Seoul, Korea", "KR"),
        ("Yonsei University, Seoul, Republic of Korea", "KR"),
        ("KAIST, Daejeon, Korea, Republic of", "KR"),
        ("Kim Il Sung Univ, Pyongyang, North Korea", "KP"),
        ("Kim Il Sung University, Pyongyang, DPR Korea", "KP"),
        ("Kim Il Sung University, Pyongyang, Korea, Democratic People's Republic of", "KP"),
        ("Korea Univ, Seoul, Korea (South)", "KR"),
        ("Kim Il Sung Univ, Pyongyang, Korea (North)", "KP"),
        # both Congos (bibliometrix issue 566)
        ("Univ Kinshasa, Kinshasa, Congo (Kinshasa)", "CD"),
        ("Univ Marien Ngouabi, Brazzaville, Congo (Brazzaville)", "CG"),
        ("Univ Marien Ngouabi, Brazzaville, Rep Congo", "CG"),
        ("Univ Marien Ngouabi, Brazzaville, Congo", "CG"),
        ("Univ Kinshasa, Kinshasa, Dem Rep Congo", "CD"),
        ("University of Kinshasa, Kinshasa, Democratic Republic Congo", "CD"),
        ("University of Kinshasa, Kinshasa, Congo, The Democratic Republic of the", "CD"),
        # Ireland / North Ireland
        ("Trinity Coll Dublin, Sch Nat Sci, Dublin 2, Ireland", "IE"),
        ("Queens Univ Belfast, Sch Biol Sci, Belfast BT9 5DL, Antrim, North Ireland", "GB"),
        ("Ulster University, Coleraine, Northern Ireland", "GB"),
        # a street named after a country (bibliometrix issue 184)
        ("UNIV BARCELONA, FAC INFORMACIO & MITJANS AUDIOVISUALS, MELCIOR DE PALAU 140, BARCELONA 08014, SPAIN.", "ES"),
        ("Academy of Data Science, Hangzhou Dianzi University, Hangzhou 310018, P. R. China", "CN"),
        # WoS and Scopus spellings
        ("Peking Univ, Coll Urban & Environm Sci, Beijing 100871, Peoples R China", "CN"),
        ("Khalifa Univ, Abu Dhabi, U Arab Emirates", "AE"),
        ("Univ Sarajevo, Sarajevo, Bosnia & Herceg", "BA"),
        ("Univ Felix Houphouet Boigny, Abidjan, Cote Ivoire", "CI"),
        ("Université Félix Houphouët-Boigny, Abidjan, Côte d’Ivoire", "CI"),
        ("Middle East Tech Univ, Ankara, Turkiye", "TR"),
        ("Lomonosov Moscow State Univ, Moscow 119991, Russia", "RU"),
        ("Lomonosov Moscow State University, Moscow, Russian Federation", "RU"),
        ("Vietnam Natl Univ, Hanoi, Vietnam", "VN"),
        ("Univ Tehran, Tehran, Iran", "IR"),
        ("Natl Univ Singapore, Singapore 117543, Singapore", "SG"),
        ("Natl Univ Singapore, Singapore 117543", "SG"),
        # US ZIP forms without the country (older WoS records)
        ("UNIV ILLINOIS,COLL MED,DEPT SURG,CHICAGO,IL 60680.", "US"),
        ("Johns Hopkins University, Baltimore, MD 21218 someone@jhu.edu.", "US"),
        # Varese (VA) in Italy is not Virginia; SA in Australia is South Australia
        ("Commiss European Communities, Joint Res Ctr, I-21027 Ispra, VA, Italy", "IT"),
        ("Flinders Univ, Sch Med, Adelaide, SA, Australia", "AU"),
        # WA: Washington with a ZIP code, else also Western Australia
        ("Dept Psychol, Univ Washington, Seattle, WA 98195", "US"),
        ("Univ Western Australia, Sch Biol Sci, Perth, WA 6009, Australia", "AU"),
        ("Univ Western Australia, Sch Biol Sci, Perth, WA", ""),
        ("Department of Integrative Physiology, University of Colorado Boulder, Boulder, CO", "US"),
        # Scopus glued the country to the name
        ("Department of Sociology, Emory UniversityUnited States", "US"),
        ("Crusade Laboratories Limited, Glasgow G51 4TF, S.United Kingdom", "GB"),
        # no country: never guessed
        ("Harvard Med Sch, Boston", ""),
        ("Indiana University, Indianapolis", ""),
        ("Fondazione Bruno Kessler – IRST", ""),
        ("BORIS KIDRIC INST,ION PHYS LAB,YU-11000 BELGRADE,YUGOSLAVIA.", ""),
        ("", ""),
    ],
)
def test_traps(address, expected):
    assert code(address) == expected


@pytest.mark.parametrize(
    ("address", "constituent"),
    [
        ("Univ Oxford, Dept Zool, Oxford OX1 3PS, England", "England"),
        ("Univ Edinburgh, Edinburgh EH9 3JT, Midlothian, Scotland", "Scotland"),
        ("Cardiff Univ, Cardiff CF10 3AX, S Glam, Wales", "Wales"),
        ("Queens Univ Belfast, Belfast BT9 5DL, Antrim, North Ireland", "Northern Ireland"),
        ("University of Glasgow, Glasgow, Scotland, United Kingdom", "Scotland"),
        ("University of Oxford, Oxford, United Kingdom", ""),
    ],
)
def test_united_kingdom_constituents(address, constituent):
    match = country_of(address)
    assert (match.code, match.name, match.constituent) == ("GB", "United Kingdom", constituent)


def test_full_width_punctuation():
    # The Chinese interface of WoS writes full-width commas; NFKC makes them ASCII before the split.
    assert code("Peking Univ，Coll Urban & Environm Sci，Beijing 100871，Peoples R China．") == "CN"
    assert code("Kyoto Univ，Kyoto 6068501，Japan") == "JP"
    assert code("北京大学环境科学与工程学院，北京 100871") == "CN"


@pytest.mark.parametrize(
    ("address", "default", "grouped"),
    [
        ("Univ Hong Kong, Sch Biol Sci, Pokfulam, Hong Kong, Peoples R China", "HK", "Hong Kong"),
        ("Chinese Univ Hong Kong, Shatin, Hong Kong", "HK", "Hong Kong"),
        ("Hong Kong Polytech Univ, Hong Kong 100872, Peoples R China", "HK", "Hong Kong"),
        ("Univ Macau, Taipa, Macau, Peoples R China", "MO", "Macao"),
        ("University of Macau, Taipa, Macao", "MO", "Macao"),
        ("Natl Taiwan Univ, Taipei 10617, Taiwan", "TW", "Taiwan"),
        ("香港中文大学", "HK", "Hong Kong"),
        ("国立台湾大学", "TW", "Taiwan"),
        ("澳门大学", "MO", "Macao"),
    ],
)
def test_greater_china(address, default, grouped):
    assert country_of(address).code == default
    match = country_of(address, group_greater_china=True)
    assert (match.code, match.name, match.constituent) == ("CN", "China", grouped)


def test_mainland_china_is_not_regrouped():
    assert country_of("Tsinghua Univ, Beijing 100084, Peoples R China", group_greater_china=True).constituent == ""


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("北京大学环境科学与工程学院", "CN"),
        ("中国科学院地理科学与资源研究所", "CN"),
        ("PTC公司", "CN"),
        ("美国哈佛大学公共卫生学院", "US"),
        ("日本东京大学", "JP"),
        ("印度尼西亚大学", "ID"),
        ("印度理工学院", "IN"),
        ("韩国安养大学", "KR"),
    ],
)
def test_chinese_units(unit, expected):
    assert code(unit) == expected


def test_country_aliases_extend_the_table(tmp_path):
    assert code("Univ X, Somewhere, Ruritania") == ""
    table = country_table({"Ruritania": "DE"})
    assert code("Univ X, Somewhere, Ruritania", table=table) == "DE"
    path = tmp_path / "spellings.csv"
    path.write_text("# my spellings\nname,code,constituent\nRuritania,AT,\n", encoding="utf-8")
    assert code("Univ X, Somewhere, Ruritania", table=country_table(path)) == "AT"
    frame = pd.DataFrame({"AU": [["Li, W"]], "C1": [["Univ X, Somewhere, Ruritania"]], "DB": ["WoS"]})
    aff = litkit.affiliations(frame, country_aliases={"Ruritania": "DE"})
    assert list(aff["country"]) == ["DE"] and unresolved_addresses(aff).empty


def test_bad_country_table_names_file_and_line(tmp_path):
    path = tmp_path / "spellings.csv"
    path.write_text("name,code\nRuritania,ZZ\n", encoding="utf-8")
    with pytest.raises(LitkitError, match=r"spellings.csv, line 2: unknown country code 'ZZ'"):
        country_table(path)
    with pytest.raises(LitkitError, match="unknown country code"):
        country_table({"Ruritania": "Germany"})
    bad_header = tmp_path / "header.csv"
    bad_header.write_text("spelling,iso\nRuritania,DE\n", encoding="utf-8")
    with pytest.raises(LitkitError, match="line 1: bad header"):
        country_table(bad_header)


def test_no_country_is_listed_with_file_and_line():
    frame = pd.DataFrame(
        {
            "AU": [["Li, W", "Wu, Z"], ["Roe, J"]],
            "C1": [["Harvard Med Sch, Boston", "Univ Tokyo, Tokyo 1130033, Japan"], ["Natl Hist Museum, London"]],
            "DB": ["WoS", "WoS"],
            "source_file": ["a.txt", "a.txt"],
            "source_line": [3, 40],
        }
    )
    aff = litkit.affiliations(frame)
    # The ungrouped addresses belong to both authors: 2 x 2 + 1 rows; the unresolved ones listed once per record.
    assert len(aff) == 5
    assert list(aff["country"]) == ["", "", "JP", "JP", ""]
    unresolved = unresolved_addresses(aff)
    assert unresolved.to_dict("records") == [
        {"file": "a.txt", "line": 3, "record": 0, "source_field": "C1", "address": "Harvard Med Sch, Boston"},
        {"file": "a.txt", "line": 40, "record": 1, "source_field": "C1", "address": "Natl Hist Museum, London"},
    ]
    assert unresolved_addresses(frame).equals(unresolved)


def test_shipped_tables_are_consistent():
    # Every shipped spelling has one code, and none contradicts pycountry's own names.
    import csv
    from importlib import resources

    import pycountry

    from litkit.addresses.countries import normalise_name
    from litkit.addresses.institutions import institution_aliases

    iso = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                iso[normalise_name(value)] = c.alpha_2
    text = resources.files("litkit.data").joinpath("countries_aliases.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[0] == "name,code,constituent"
    rows = [tuple(next(csv.reader([line]))) for line in lines[1:]]
    assert len(rows) > 200
    seen: dict[str, str] = {}
    for name, iso_code, _ in rows:
        key = normalise_name(name)
        assert seen.setdefault(key, iso_code) == iso_code, f"{name} has two codes"
        assert iso.get(key, iso_code) == iso_code, f"{name}: {iso_code} contradicts pycountry's {iso[key]}"
        assert country_of(f"Somewhere, {name}").code == iso_code or key == "georgia"
    assert "georgia" not in seen  # decided by rule, never by the table
    assert all(v.strip() for v in institution_aliases().values())
