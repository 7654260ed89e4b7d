"""Countries of addresses: the last element of an address, matched whole against a table of names.

The table is pycountry's ISO 3166-1 names (name, official name and common name of every country) plus the
editable ``litkit/data/countries_aliases.csv`` (the spellings of Web of Science and Scopus, US states,
Australian states and Canadian provinces) and, for Chinese-script units, ``litkit/data/countries_zh.csv``
(country-name prefixes).  A name is only ever matched as a whole element, never as a substring: "Beth Israel
Deaconess Med Ctr" is not Israel, "Univ New South Wales" is not Wales, "New Jersey" is not Jersey.

The rules, in order, for the last element of an address (elements split on "," and ";", after NFKC turned
full-width punctuation into ASCII and e-mail addresses were removed):

1. an ISO name with a comma, read over the last two elements ("Korea, Republic of");
2. "... USA" / "... UK" with a state, ZIP or name before it ("Atlanta, GA 30332 USA");
3. "Georgia": the country, unless an element before it shows the US state (a ZIP code, "GA", a Georgia town);
4. the element as a whole, then without its postcode tokens ("Singapore 117543");
5. a country name glued to the element by old Scopus exports ("Emory UniversityUnited States");
6. a US state code with an optional ZIP code ("CHICAGO,IL 60680", "Boulder, CO"; WA only with a ZIP code,
   because "Perth, WA" is Western Australia); full names of US and Australian states and Canadian provinces
   are in the spelling table.

An address still unresolved is read once more without what PubMed (MEDLINE ``AD``) adds after the country: a
dangling "; and.", the authors' initials in brackets ("P.R. China (QJB)."), full stops between elements
("Hospital do Baixo Vouga. Aveiro. Portugal.").

Then "Hong Kong, Peoples R China" and "Macau, Peoples R China" keep HK and MO, and "..., Scotland, United
Kingdom" keeps its constituent.  Anything else is unresolved ("").  Chinese-script units are China (CN) unless
they start with a country name of ``countries_zh.csv``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import LitkitError

__all__ = ["CountryMatch", "country_of", "country_table", "country_name", "normalise_name", "is_cjk"]


@dataclass(frozen=True)
class CountryMatch:
    """The country found for one address.

    Attributes
    ----------
    code : str
        ISO 3166-1 alpha-2 code, or "" when the address names no known country.
    name : str
        Short English name of the country ("" when unknown).
    constituent : str
        England, Scotland, Wales or Northern Ireland for GB; Hong Kong, Macao or Taiwan when they were
        grouped with CN; otherwise "".
    """

    code: str
    name: str
    constituent: str = ""


UNRESOLVED = CountryMatch("", "", "")

# US postal codes of the 50 states, DC and the territories: "Atlanta, GA 30332 USA", "Storrs, CT USA".
US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP".split()
)
# Towns of the US state of Georgia that scholars' addresses name; with "Georgia" as the last element and no
# country after it, one of these (or a ZIP code, or "GA") before it means the state, anything else the country.
_GEORGIA_US_HINTS = frozenset(
    "atlanta athens augusta savannah macon columbus decatur marietta kennesaw statesboro valdosta albany "
    "carrollton milledgeville dahlonega tifton griffin americus emory".split()
)
_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
_EMAIL = re.compile(r"(?:electronic address|e-?mail)\s*:?\s*\S+@\S+|\S+@\S+", re.IGNORECASE)
_DIGITS = re.compile(r"\d")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GREATER_CHINA = {"HK": "Hong Kong", "MO": "Macao", "TW": "Taiwan"}


def country_of(address: str, *, group_greater_china: bool = False, table: dict | None = None) -> CountryMatch:
    """The country of one address, from its last element matched as a whole.

    Parameters
    ----------
    address : str
        One address as exported (WoS ``C1``/``RP`` address part, a Scopus affiliation, a CNKI unit).
    group_greater_china : bool, default False
        Hong Kong, Macao and Taiwan are HK, MO and TW (their own ISO 3166-1 codes) by default; with True they
        become CN and the region is kept in ``constituent``.
    table : dict, optional
        A lookup made by :func:`country_table` (to add spellings); the shipped table by default.

    Returns
    -------
    CountryMatch
        ``code`` is "" when no country is named; such addresses are never guessed.

    Examples
    --------
    >>> country_of("Georgia Inst Technol, Atlanta, GA 30332 USA").code
    'US'
    >>> country_of("Tbilisi State Univ, Tbilisi 0179, Georgia").code
    'GE'
    >>> country_of("Beth Israel Deaconess Med Ctr, Boston, MA 02215 USA").code
    'US'
    >>> country_of("Univ Edinburgh, Edinburgh EH9 3JT, Midlothian, Scotland")
    CountryMatch(code='GB', name='United Kingdom', constituent='Scotland')
    >>> country_of("Univ Hong Kong, Pokfulam, Hong Kong, Peoples R China", group_greater_china=True)
    CountryMatch(code='CN', name='China', constituent='Hong Kong')
    >>> country_of("Harvard Med Sch, Boston").code
    ''
    """
    match = _country(address, table if table is not None else _default_table())
    if group_greater_china and match.code in _GREATER_CHINA:
        return CountryMatch("CN", country_name("CN"), _GREATER_CHINA[match.code])
    return match


def country_table(extra: str | Path | dict[str, str] | None = None) -> dict:
    """The lookup used by :func:`country_of`: normalised spelling -> (code, constituent).

    Parameters
    ----------
    extra : path or dict, optional
        More spellings: a CSV with columns ``name,code[,constituent]`` (``#`` lines are comments) or a dict
        ``{spelling: code}``; they override the shipped ones.

    Returns
    -------
    dict
        ``{"latin": {key: (code, constituent)}, "zh": [(prefix, code), ...]}``.

    Examples
    --------
    >>> t = country_table({"Fed Rep Nowhere": "DE"})
    >>> country_of("Somewhere, Fed Rep Nowhere", table=t).code
    'DE'
    """
    base = _default_table()
    if extra is None:
        return base
    latin = dict(base["latin"])
    if isinstance(extra, dict):
        for name, code in extra.items():
            latin[normalise_name(name)] = _checked_code(str(code), "the country_aliases dict", None, name)
    else:
        for name, code, constituent in _read_alias_csv(Path(extra)):
            latin[normalise_name(name)] = (code, constituent)
    return {"latin": latin, "zh": base["zh"]}


def country_name(code: str) -> str:
    """Short English name of an ISO 3166-1 alpha-2 code ("" for "").

    Parameters
    ----------
    code : str
        ISO 3166-1 alpha-2 code (or "").

    Returns
    -------
    str
        pycountry's common name where it has one ("Iran", "Bolivia"), else its name; scholars' short names
        for KR, KP, TW, CD and CG; the code itself when unknown.

    Examples
    --------
    >>> country_name("KR"), country_name("GB"), country_name("TW")
    ('South Korea', 'United Kingdom', 'Taiwan')
    """
    if not code:
        return ""
    return _names().get(code, code)


@lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """The key a country spelling is compared by: accents, case, dots, apostrophes and '&'/'and' ignored.

    Examples
    --------
    >>> normalise_name("Côte d’Ivoire") == normalise_name("Cote d'Ivoire") == normalise_name("COTE D IVOIRE")
    True
    >>> normalise_name("Bosnia & Herceg")
    'bosnia and herceg'
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[.'’`´()]", " ", text)
    text = re.sub(r"[-_/]", " ", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def is_cjk(text: str) -> bool:
    """True when the text holds Chinese (CJK) characters."""
    return bool(_CJK.search(text))


# --------------------------------------------------------------------------- private helpers


def _country(address: str, table: dict) -> CountryMatch:
    text = unicodedata.normalize("NFKC", address or "")  # full-width commas and semicolons become ASCII
    text = _EMAIL.sub(" ", text)
    text = text.strip().rstrip(".;, ").strip()
    if not text:
        return UNRESOLVED
    segments = [s.strip() for s in re.split(r"[,;]", text) if s.strip()]
    if not segments:
        return UNRESOLVED
    last = segments[-1]
    if is_cjk(last):  # a Chinese unit ("北京大学环境学院", "PTC公司"): China unless it names another country
        return _chinese_country(segments[0], table)
    latin = table["latin"]
    found = _lookup_last(segments, latin)
    if found is None:
        segments = _medline_tail(segments)  # only an otherwise unresolved address is read again
        found = _lookup_last(segments, latin) if segments else None
    if found is None:
        return UNRESOLVED
    code, constituent = found
    if code == "CN" and len(segments) >= 2:
        # "Kowloon, Hong Kong, Peoples R China": WoS puts Hong Kong and Macao before China; they keep their code.
        before = latin.get(normalise_name(_without_postcode(segments[-2])))
        if before and before[0] in _GREATER_CHINA:
            code, constituent = before
    if code == "GB" and not constituent and len(segments) >= 2:
        before = latin.get(normalise_name(segments[-2]))  # "Edinburgh, Scotland, United Kingdom"
        if before and before[0] == "GB":
            constituent = before[1]
    return CountryMatch(code, country_name(code), constituent)


def _lookup_last(segments: list[str], latin: dict) -> tuple[str, str] | None:
    last = segments[-1]
    if len(segments) >= 2:
        # ISO names with a comma ("Korea, Republic of", "Congo, The Democratic Republic of the").
        joined = latin.get(normalise_name(segments[-2] + ", " + last))
        if joined:
            return joined
    tokens = last.replace(".", " ").split()
    if tokens and tokens[-1].upper() in ("USA", "UK") and tokens[-1].isupper():
        # "Atlanta, GA 30332 USA", "Storrs, CT USA", "University of the West of Scotland UK": what comes before
        # the abbreviation in this element is a state, ZIP code or a name, never another country.
        return latin.get(normalise_name(tokens[-1]))
    if normalise_name(last) == "georgia":
        return _georgia(segments)
    found = latin.get(normalise_name(last))
    if found:
        return found
    stripped = _without_postcode(last)  # "Singapore 117543", "DK-2100 Denmark"
    if stripped != last and stripped:
        if normalise_name(stripped) == "georgia":
            return _georgia(segments)
        found = latin.get(normalise_name(stripped))
        if found:
            return found
    glued = _glued_country(last, latin)  # old Scopus: "University of MiamiUnited States", "S.United Kingdom"
    if glued:
        return glued
    # A US address that stops at the state, as PubMed-style affiliations do: "Baltimore, MD 21218", "Boulder, CO".
    # WA alone is also Western Australia ("Perth, WA"): only with a ZIP code.
    parts = last.split()
    if len(segments) >= 2 and parts and parts[0] in US_STATE_CODES and all(_ZIP.match(p) for p in parts[1:]):
        if len(parts) > 1 or parts[0] != "WA":
            return ("US", "")
    return None


_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")


def _medline_tail(segments: list[str]) -> list[str]:
    """The segments of a PubMed affiliation with what MEDLINE adds after the country taken off.

    ``"..., Erlangen, Germany ; and."`` (the list was cut at "and"), ``"..., P.R. China (QJB)."``
    (the authors' initials) and ``"... Hospital. Aveiro. Portugal."`` (full stops between elements).
    Returns [] when nothing changes, so no address is looked up twice for nothing.
    """
    out = list(segments)
    while len(out) > 1 and out[-1].strip(" .").lower() == "and":
        out.pop()
    last = _TRAILING_BRACKETS.sub("", out[-1]).strip(" .")
    pieces = [p.strip() for p in last.split(". ") if p.strip(" .")]
    if len(pieces) > 1:  # "Centro Hospitalar do Baixo Vouga. Aveiro. Portugal"
        out[-1:] = [p.strip(" .") for p in pieces]
    elif last:
        out[-1] = last
    return out if out != segments else []


def _glued_country(last: str, latin: dict) -> tuple[str, str] | None:
    for i in range(1, len(last) - 3):
        if last[i].isupper() and (last[i - 1].islower() or last[i - 1] in ".)"):
            found = latin.get(normalise_name(last[i:]))
            if found:
                return found
    return None


def _georgia(segments: list[str]) -> tuple[str, str]:
    """Georgia as the last element: the country, unless the address shows it is the US state."""
    for seg in segments[:-1]:
        words = seg.split()
        if any(_ZIP.match(w) for w in words) or "GA" in words:
            return ("US", "")
        if normalise_name(seg) in _GEORGIA_US_HINTS:
            return ("US", "")
    return ("GE", "")


def _without_postcode(segment: str) -> str:
    return " ".join(t for t in segment.split() if not _DIGITS.search(t))


def _chinese_country(unit: str, table: dict) -> CountryMatch:
    unit = re.sub(r"^[\s\d.、()（）]+", "", unit)
    for prefix, code in table["zh"]:
        if unit.startswith(prefix):
            return CountryMatch(code, country_name(code), "")
    return CountryMatch("CN", country_name("CN"), "")


def _checked_code(code: str, where: str, line: int | None, name: str) -> tuple[str, str]:
    code = code.strip().upper()
    if code not in _names():
        raise LitkitError(
            f"unknown country code {code!r} for {name!r}", path=where, line=line, expected="an ISO 3166-1 alpha-2 code"
        )
    return (code, "")


def _read_alias_csv(path: Path) -> list[tuple[str, str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise LitkitError(f"cannot read the country table: {exc.strerror}", path=path) from exc
    return _parse_alias_rows(text, str(path))


def _parse_alias_rows(text: str, where: str) -> list[tuple[str, str, str]]:
    rows = []
    header_seen = False
    for lineno, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            if [c.strip() for c in row[:2]] != ["name", "code"]:
                raise LitkitError("bad header", path=where, line=lineno, expected="name,code[,constituent]")
            continue
        if len(row) < 2 or not row[1].strip():
            raise LitkitError(f"no country code for {row[0]!r}", path=where, line=lineno, expected="name,code")
        code, _ = _checked_code(row[1], where, lineno, row[0])
        rows.append((row[0].strip(), code, row[2].strip() if len(row) > 2 else ""))
    return rows


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    import pycountry

    names = {}
    for c in pycountry.countries:
        names[c.alpha_2] = getattr(c, "common_name", None) or c.name
    # Short names scholars use (pycountry's are "Korea, Republic of", "Taiwan, Province of China", ...).
    names.update(
        {"KR": "South Korea", "KP": "North Korea", "TW": "Taiwan", "CD": "DR Congo", "CG": "Republic of the Congo"}
    )
    names["XK"] = "Kosovo"  # user-assigned code used by the EU and many databases; not in ISO 3166-1
    names["AN"] = "Netherlands Antilles"  # ISO 3166-3 code; old WoS records use it
    return names


@lru_cache(maxsize=1)
def _default_table() -> dict:
    import pycountry

    latin: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                latin[normalise_name(value)] = (c.alpha_2, "")
    data = resources.files("litkit.data")
    for name, code, constituent in _parse_alias_rows(
        data.joinpath("countries_aliases.csv").read_text(encoding="utf-8"), "litkit/data/countries_aliases.csv"
    ):
        latin[normalise_name(name)] = (code, constituent)
    zh = []
    for lineno, row in enumerate(
        csv.reader(data.joinpath("countries_zh.csv").read_text(encoding="utf-8").splitlines()), start=1
    ):
        if not row or row[0].startswith("#") or row[0] == "prefix":
            continue
        code, _ = _checked_code(row[1], "litkit/data/countries_zh.csv", lineno, row[0])
        zh.append((row[0].strip(), code))
    zh.sort(key=lambda item: -len(item[0]))  # longest prefix first: 印度尼西亚 before 印度
    return {"latin": latin, "zh": zh}
