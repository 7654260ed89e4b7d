"""Scopus cited references, and the cited-source normalisation shared by every database.

Web of Science writes a cited reference as ``Costanza R, 1997, NATURE, V387,
P253``: first author, year, a J9-style source abbreviation, volume, page.
Scopus writes the same reference with every author and the full source title,
in two layouts:

* up to 2023 (``Costanza, R., d'Arge, R., The value of the world's ecosystem
  services and natural capital (1997) Nature, 387 (6630), pp. 253-260.``);
* from 2024 (``Costanza R.; d'Arge R., The value of ... capital, Nature, 387,
  6630, pp. 253-260, (1997)``), where authors are separated by ``; `` -- the
  same separator Scopus puts between references.

:func:`parse_scopus_reference` turns either layout into the fields that
:mod:`litkit.refs` parses from WoS (``raw author year source volume page doi``)
so that one canonical key (:func:`litkit.refs.reference_key`) identifies a
reference whichever database cited it.  :func:`normalize_source` is what makes
the source part of that key agree: it turns a full title ("Ecological
Economics") and a WoS abbreviation ("ECOL ECON") into the same string.

Examples
--------
>>> r = parse_scopus_reference("Costanza, R., d'Arge, R., The value of the world's ecosystem "
...     "services and natural capital (1997) Nature, 387 (6630), pp. 253-260.")
>>> r["author"], r["year"], r["source"], r["volume"], r["page"]
('Costanza R', 1997, 'NATURE', '387', '253')
>>> normalize_source("Proceedings of the National Academy of Sciences of the United States of America")
'P NATL ACAD SCI USA'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import refs
from .io.base import clean_doi

# ---------------------------------------------------------------------------------------------
# Cited-source normalisation
# ---------------------------------------------------------------------------------------------

#: WoS truncates a cited source to 20 characters when it has no J9 abbreviation ("INT J
#: MULTIDISCIPLIN"), and most J9 abbreviations are no longer; cutting every normalised
#: source to the same length makes truncated and untruncated spellings agree.
SOURCE_KEY_LENGTH = 20

# Words dropped before abbreviating, as ISO 4 does (articles, prepositions, conjunctions).
_STOPWORDS = frozenset(
    """
OF THE AND FOR IN ON AT TO A AN BY WITH FROM DE DES DU LA LE LES DER DIE DAS UND FUR ZUR
""".split()
)

#: Word abbreviations in the style of the ISO 4 / LTWA list as WoS applies it in J9
#: (upper case, no full stops).  Keys are full words; values are never themselves keys,
#: so normalising an abbreviation again changes nothing.
WORD_ABBREVIATIONS: dict[str, str] = {
    "ACADEMY": "ACAD",
    "ACCOUNTING": "ACCOUNT",
    "ADVANCES": "ADV",
    "AGRICULTURAL": "AGR",
    "AGRICULTURE": "AGR",
    "AMERICAN": "AM",
    "ANALYSIS": "ANAL",
    "ANNALS": "ANN",
    "ANNUAL": "ANNU",
    "APPLICATIONS": "APPL",
    "APPLIED": "APPL",
    "AQUATIC": "AQUAT",
    "ARCHIVES": "ARCH",
    "ASSOCIATION": "ASSOC",
    "ATMOSPHERIC": "ATMOS",
    "BEHAVIOR": "BEHAV",
    "BEHAVIOUR": "BEHAV",
    "BEHAVIORAL": "BEHAV",
    "BIOLOGICAL": "BIOL",
    "BIOLOGY": "BIOL",
    "BIOTECHNOLOGY": "BIOTECHNOL",
    "BULLETIN": "B",
    "BUSINESS": "BUS",
    "CANADIAN": "CAN",
    "CHANGE": "CHANG",
    "CHEMICAL": "CHEM",
    "CHEMISTRY": "CHEM",
    "CHINESE": "CHIN",
    "CLIMATE": "CLIM",
    "CLIMATIC": "CLIM",
    "COMMUNICATIONS": "COMMUN",
    "COMMUNITY": "COMMUNITY",
    "COMPARATIVE": "COMP",
    "COMPUTATION": "COMPUT",
    "COMPUTATIONAL": "COMPUT",
    "COMPUTER": "COMPUT",
    "COMPUTERS": "COMPUT",
    "COMPUTING": "COMPUT",
    "CONFERENCE": "C",
    "CONSERVATION": "CONSERV",
    "CONSTRUCTION": "CONSTR",
    "CURRENT": "CURR",
    "DECISION": "DECIS",
    "DEVELOPMENT": "DEV",
    "DYNAMICS": "DYN",
    "ECOLOGICAL": "ECOL",
    "ECOLOGY": "ECOL",
    "ECONOMIC": "ECON",
    "ECONOMICS": "ECON",
    "ECONOMY": "ECON",
    "ECOSYSTEM": "ECOSYST",
    "ECOSYSTEMS": "ECOSYST",
    "EDUCATION": "EDUC",
    "ELECTRICAL": "ELECT",
    "ELECTRONIC": "ELECTRON",
    "ENERGY": "ENERG",
    "ENGINEERING": "ENG",
    "ENVIRONMENT": "ENVIRON",
    "ENVIRONMENTAL": "ENVIRON",
    "EUROPEAN": "EUR",
    "EVALUATION": "EVAL",
    "EVOLUTION": "EVOL",
    "EXPERIMENTAL": "EXP",
    "FINANCE": "FINANC",
    "FINANCIAL": "FINANC",
    "FORESTRY": "FORESTRY",
    "GENERAL": "GEN",
    "GEOGRAPHICAL": "GEOGR",
    "GEOGRAPHY": "GEOGR",
    "GEOGRAPHERS": "GEOGR",
    "GEOLOGICAL": "GEOL",
    "GEOPHYSICAL": "GEOPHYS",
    "HEALTH": "HLTH",
    "HISTORY": "HIST",
    "HUMAN": "HUM",
    "HYDROLOGY": "HYDROL",
    "INDICATORS": "INDIC",
    "INDUSTRIAL": "IND",
    "INFORMATICS": "INFORM",
    "INFORMATION": "INF",
    "INSTITUTE": "I",
    "INTELLIGENCE": "INTELL",
    "INTELLIGENT": "INTELL",
    "INTERNATIONAL": "INT",
    "JOURNAL": "J",
    "LETTERS": "LETT",
    "MANAGEMENT": "MANAGE",
    "MATERIALS": "MAT",
    "MATHEMATICAL": "MATH",
    "MATHEMATICS": "MATH",
    "MEDICAL": "MED",
    "MEDICINE": "MED",
    "METHODS": "METHOD",
    "MODELLING": "MODEL",
    "MODELING": "MODEL",
    "MOLECULAR": "MOL",
    "NATIONAL": "NATL",
    "NATURAL": "NAT",
    "OPERATIONAL": "OPER",
    "OPERATIONS": "OPER",
    "ORGANIZATION": "ORGAN",
    "ORGANIZATIONAL": "ORGAN",
    "PHILOSOPHICAL": "PHILOS",
    "PHYSICAL": "PHYS",
    "PHYSICS": "PHYS",
    "PLANNING": "PLAN",
    "POLLUTION": "POLLUT",
    "POPULATION": "POPUL",
    "PROCEEDINGS": "P",
    "PROCESSES": "PROCESS",
    "PRODUCTION": "PROD",
    "PROGRESS": "PROG",
    "PSYCHOLOGY": "PSYCHOL",
    "PSYCHOLOGICAL": "PSYCHOL",
    "QUARTERLY": "Q",
    "RESEARCH": "RES",
    "RESOURCE": "RESOUR",
    "RESOURCES": "RESOUR",
    "REVIEW": "REV",
    "REVIEWS": "REV",
    "SCIENCE": "SCI",
    "SCIENCES": "SCI",
    "SCIENTIFIC": "SCI",
    "SERVICE": "SERV",
    "SERVICES": "SERV",
    "SOCIAL": "SOC",
    "SOCIETY": "SOC",
    "SOCIOLOGY": "SOCIOL",
    "STATISTICAL": "STAT",
    "STATISTICS": "STAT",
    "STUDIES": "STUD",
    "SUPPORT": "SUPPORT",
    "SUSTAINABLE": "SUST",
    "SUSTAINABILITY": "SUSTAIN",
    "SYSTEMS": "SYST",
    "SYSTEM": "SYST",
    "TECHNOLOGY": "TECHNOL",
    "TECHNOLOGICAL": "TECHNOL",
    "TRANSACTIONS": "T",
    "TRANSPORTATION": "TRANSPORT",
    "UNITED": "UNITED",
    "UNIVERSITY": "U",
    "URBAN": "URBAN",
    "WATER": "WATER",
    "ZOOLOGY": "ZOOL",
    "CLEANER": "CLEAN",
    "REMOTE": "REMOTE",
    "SENSING": "SENS",
    "LANDSCAPE": "LANDSCAPE",
    "REGIONAL": "REG",
    "RENEWABLE": "RENEW",
    "TOTAL": "TOTAL",
    "GLOBAL": "GLOBAL",
    "POLICY": "POLICY",
    "ADVANCED": "ADV",
    "INTERDISCIPLINARY": "INTERDISCIP",
    "MULTIDISCIPLINARY": "MULTIDISCIP",
    "NATURE": "NAT",
    # ISO abbreviations (Scopus "Abbreviated Source Title", Scopus references) whose WoS J9
    # form is shorter
    "TRANS": "T",
    "PROC": "P",
    "BULL": "B",
    "INST": "I",
    "CONF": "C",
    "UNIV": "U",
    "QUART": "Q",
    "TECHNOLOGIES": "TECHNOL",
    "ENVIRONM": "ENVIRON",
    "MANAG": "MANAGE",
    "FRONTIERS": "FRONT",
    "SINICA": "SIN",
    "ECOLOGICA": "ECOL",
    "GEOGRAPHICA": "GEOGR",
    "SCIENTIA": "SCI",
    "BALANCE": "BAL",
    "FOR": "FOREST",
    "ANALYTIC": "ANAL",
    "ROYAL": "R",
    "STATIST": "STAT",
    "SERIES": "",
    "SER": "",
    "ACOUSTICAL": "ACOUST",
    "AMERICA": "AM",
    "TRANSLATIONAL": "TRANSL",
    "MAGNETIC": "MAGN",
    "RESONANCE": "RESON",
    "IMAGING": "IMAGING",
    "SOUTH": "S",
    "AFRICAN": "AFR",
}

#: Whole titles whose WoS abbreviation does not follow from the word table (keys are the
#: title after upper-casing, dropping parenthesised parts and punctuation).
SOURCE_OVERRIDES: dict[str, str] = {
    "PROCEEDINGS OF THE NATIONAL ACADEMY OF SCIENCES OF THE UNITED STATES OF AMERICA": "P NATL ACAD SCI USA",
    "PROCEEDINGS OF THE NATIONAL ACADEMY OF SCIENCES": "P NATL ACAD SCI USA",
    "PROC NATL ACAD SCI USA": "P NATL ACAD SCI USA",
    "PROC NATL ACAD SCI U S A": "P NATL ACAD SCI USA",
    "PNAS": "P NATL ACAD SCI USA",
    "SUSTAINABILITY": "SUSTAINABILITY-BASEL",
    "SUSTAINABILITY SWITZERLAND": "SUSTAINABILITY-BASEL",
    "INTERNATIONAL JOURNAL OF ENVIRONMENTAL RESEARCH AND PUBLIC HEALTH": "INT J ENV RES PUB HE",
    "INT J ENVIRON RES PUBLIC HEALTH": "INT J ENV RES PUB HE",
    "RENEWABLE AND SUSTAINABLE ENERGY REVIEWS": "RENEW SUST ENERG REV",
    "ENVIRONMENTAL SCIENCE AND POLLUTION RESEARCH": "ENVIRON SCI POLLUT R",
    "GLOBAL ENVIRONMENTAL CHANGE": "GLOBAL ENVIRON CHANG",
    "GLOBAL ENVIRONMENTAL CHANGE HUMAN AND POLICY DIMENSIONS": "GLOBAL ENVIRON CHANG",
    "NATURE SUSTAINABILITY": "NAT SUSTAIN",
    "NATURE CLIMATE CHANGE": "NAT CLIM CHANGE",
    "LANDSCAPE AND URBAN PLANNING": "LANDSCAPE URBAN PLAN",
    "ENVIRONMENTAL SCIENCE AND TECHNOLOGY": "ENVIRON SCI TECHNOL",
    "PHILOSOPHICAL TRANSACTIONS OF THE ROYAL SOCIETY B BIOLOGICAL SCIENCES": "PHILOS T R SOC B",
    "TRENDS IN ECOLOGY AND EVOLUTION": "TRENDS ECOL EVOL",
    "FOREST POLICY AND ECONOMICS": "FOREST POLICY ECON",
    "LAND USE POLICY": "LAND USE POLICY",
    "PLOS ONE": "PLOS ONE",
    "SCIENTIFIC REPORTS": "SCI REP-UK",
    "SCI REP": "SCI REP-UK",
    "ENERGY POLICY": "ENERG POLICY",
    "CHINA ECONOMIC REVIEW": "CHINA ECON REV",
    "ECOLOGY AND SOCIETY": "ECOL SOC",
    "BIOLOGICAL CONSERVATION": "BIOL CONSERV",
    "JOURNAL OF THE AMERICAN STATISTICAL ASSOCIATION": "J AM STAT ASSOC",
    "MANAGEMENT SCIENCE": "MANAGE SCI",
    "SUPERCONDUCTOR SCIENCE AND TECHNOLOGY": "SUPERCOND SCI TECH",
    "SUPERCOND SCI TECHNOL": "SUPERCOND SCI TECH",
    "IEEE TRANS APPL SUPERCOND": "IEEE T APPL SUPERCON",
    "IEEE TRANSACTIONS ON APPLIED SUPERCONDUCTIVITY": "IEEE T APPL SUPERCON",
    "SCIENTOMETRICS": "SCIENTOMETRICS",
    "NEW ENGLAND JOURNAL OF MEDICINE": "NEW ENGL J MED",
    "CHINA POPULATION RESOURCES AND ENVIRONMENT": "CHINA POPUL RESOUR",
    "N ENGL J MED": "NEW ENGL J MED",
    "JOURNAL OF INFORMETRICS": "J INFORMETR",
    "EUROPEAN JOURNAL OF OPERATIONAL RESEARCH": "EUR J OPER RES",
}

_OVERRIDE_VALUES = frozenset(SOURCE_OVERRIDES.values())
_PARENTHESISED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^0-9A-Z]+")


def _fold(text: str) -> str:
    """NFKC, accents removed, upper case (``"Kalé"`` -> ``"KALE"``)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).upper()


def _override_key(title: str) -> str:
    text = _PARENTHESISED.sub(" ", _fold(title).replace("&", " AND "))
    key = " ".join(_NON_WORD.sub(" ", text).split())
    return key[4:] if key.startswith("THE ") else key  # "The New England Journal of Medicine"


def _abbreviate_word(word: str) -> str:
    if word in WORD_ABBREVIATIONS:
        return WORD_ABBREVIATIONS[word]
    # LTWA stems: -ology/-ological -> -ol (Hydrology -> HYDROL, Geological -> GEOL)
    m = re.fullmatch(r"([A-Z]{3,}OL)OG(?:Y|IC|ICAL|IES)", word)
    if m:
        return m.group(1)
    return word


@lru_cache(maxsize=1 << 16)
def normalize_source(title: str | None) -> str | None:
    """Turn a cited-source title or abbreviation into a WoS J9-style key.

    Full titles (Scopus), ISO abbreviations with full stops (Scopus "Abbreviated
    Source Title", Scopus 2024+ references) and WoS J9 abbreviations (WoS
    ``CR``) all come out the same way, so that a reference cited in two databases
    gets one key:

    1. Unicode NFKC, accents removed, upper case, ``&`` read as AND;
    2. an exact override for frequent journals whose J9 does not follow from the
       words (:data:`SOURCE_OVERRIDES`, e.g. PNAS -> ``P NATL ACAD SCI USA``);
    3. otherwise parenthesised parts dropped ("Medicine (United States)"),
       punctuation removed, stop words dropped (of, the, and, …), and each word
       abbreviated from :data:`WORD_ABBREVIATIONS` (Journal -> J, Ecological ->
       ECOL) or the LTWA ``-ology`` rule; a one-word title is kept whole (ISO 4);
    4. the result cut to :data:`SOURCE_KEY_LENGTH` (20) characters, because WoS
       cuts sources without a J9 at 20.

    Already-abbreviated input is a fixed point: ``normalize_source(normalize_source(t))
    == normalize_source(t)``.

    Parameters
    ----------
    title : str or None
        The source as written.

    Returns
    -------
    str or None
        The key, or None for an empty title.

    Examples
    --------
    >>> normalize_source("Ecological Economics"), normalize_source("ECOL ECON")
    ('ECOL ECON', 'ECOL ECON')
    >>> normalize_source("Journal of Environmental Management")
    'J ENVIRON MANAGE'
    >>> normalize_source("Science of the Total Environment")
    'SCI TOTAL ENVIRON'
    >>> normalize_source("Nature")
    'NATURE'
    >>> normalize_source("Proc. Natl. Acad. Sci. U.S.A.")
    'P NATL ACAD SCI USA'
    """
    if title is None:
        return None
    as_written = " ".join(_fold(title).split())
    if as_written in _OVERRIDE_VALUES:  # already a J9 form, hyphen included ("SCI REP-UK")
        return as_written[:SOURCE_KEY_LENGTH].rstrip(" -")
    key = _override_key(title)
    if not key:
        return None
    if key in SOURCE_OVERRIDES:
        result = SOURCE_OVERRIDES[key]
    else:
        # a word written with a full stop is an abbreviation ("For." = Forest), never a stop word
        abbreviated = {w.rstrip(".") for w in _fold(title).replace(".", ". ").split() if w.endswith(".")}
        words = [w for w in key.split() if w not in _STOPWORDS or w in abbreviated] or key.split()
        if len(words) == 1:
            result = words[0]
        else:
            result = " ".join(a for a in map(_abbreviate_word, words) if a)
    # WoS J9 keeps hyphens ("SCI REP-UK"); compare on what survives truncation
    return result[:SOURCE_KEY_LENGTH].rstrip(" -")


# ---------------------------------------------------------------------------------------------
# Splitting the References field
# ---------------------------------------------------------------------------------------------

# "Cheng M." / "Laan Der Van D.C." / "Acar A. K." -- an author of the 2024+ layout, alone
_BARE_AUTHOR = re.compile(r"^[^\d,;().]{1,60}?\s(?:(?:[A-Z]\.[\s-]?){1,4}|[A-Z]{1,3})$")


def split_scopus_references(text: str | None) -> list[str]:
    """Split a Scopus ``References`` field into one string per cited reference.

    Scopus separates references with ``"; "``.  Since 2024 it also separates
    the *authors* of one reference with ``"; "`` (``Aria M.; Cuccurullo C.,
    Bibliometrix…``), so a piece that is only an author name ("Surname I.") is
    joined to the piece that follows it.

    Examples
    --------
    >>> split_scopus_references("Aria M.; Cuccurullo C., Bibliometrix, J Informetr, 11, (2017); "
    ...                         "Smith, J., (1999) Nature, 1, p. 2")
    ['Aria M.; Cuccurullo C., Bibliometrix, J Informetr, 11, (2017)', 'Smith, J., (1999) Nature, 1, p. 2']
    """
    if not text:
        return []
    pieces = [p.strip() for p in text.split("; ")]
    out: list[str] = []
    pending: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if _BARE_AUTHOR.match(piece):
            pending.append(piece)
            continue
        out.append("; ".join(pending + [piece]))
        pending = []
    if pending:  # authors with nothing after them: keep them rather than drop text
        out.append("; ".join(pending))
    return out


# ---------------------------------------------------------------------------------------------
# Parsing one reference
# ---------------------------------------------------------------------------------------------

_DOI = re.compile(r"\b(?:DOI|doi)[:\s]\s*(10\.\d{4,9}/\S+?)[.,;]?(?:\s|$)")
_DOI_BARE = re.compile(r"\b(10\.\d{4,9}/[^\s,;]+)")
_YEAR_OLD = re.compile(r"\((1[5-9]\d\d|20\d\d)[a-z]?\)")
_YEAR_NEW_END = re.compile(r",?\s*\((1[5-9]\d\d|20\d\d)[a-z]?\)\.?\s*$")
_OLD_AUTHOR = re.compile(r"^(?P<surname>[^,()]{1,80}?),\s*(?P<initials>(?:[A-Z][a-z]?\.\s?-?){1,5})(?:,|\s|$)")
_NEW_AUTHOR = re.compile(
    r"^(?P<surname>[^,();.]{1,80}?)\s+(?P<initials>(?:[A-Z][a-z]?\.\s?-?){1,5}|[A-Z]{1,3})(?:,|;|$)"
)
_PAGES = re.compile(r"\bpp?\.\s*([A-Za-z]{0,2}\d+[A-Za-z]?)")
_VOLUME_AFTER_SOURCE = re.compile(r"^\s*(\d+[A-Za-z]?)\s*(?:\(|,|\.|$)")


def _author_wos_style(surname: str, initials: str) -> str:
    """``("Costanza", "R.")`` -> ``"Costanza R"``; accents folded as WoS does."""
    letters = "".join(re.findall(r"[A-Z]", initials))
    surname = unicodedata.normalize("NFKD", surname.strip())
    surname = "".join(ch for ch in surname if not unicodedata.combining(ch))
    return f"{surname} {letters}".strip()


def _empty(raw: str) -> dict:
    return {"raw": raw, "author": None, "year": None, "source": None, "volume": None, "page": None, "doi": None}


def parse_scopus_reference(raw: str) -> dict:
    """Parse one Scopus cited reference into the fields of a WoS ``CR`` entry.

    Parameters
    ----------
    raw : str
        One reference as Scopus writes it (either layout; see the module docstring).

    Returns
    -------
    dict
        ``raw`` (unchanged), ``author`` (first author, WoS style "Surname I"),
        ``year`` (int), ``source`` (:func:`normalize_source` of the cited source),
        ``volume``, ``page`` (first page), ``doi`` (lower case).  Fields that
        cannot be found are None; the raw string is always kept.

    Examples
    --------
    >>> r = parse_scopus_reference("Aria M.; Cuccurullo C., Bibliometrix: An R tool for comprehensive "
    ...     "science mapping analysis, Journal of Informetrics, 11, 4, pp. 959-975, (2017)")
    >>> r["author"], r["year"], r["source"], r["volume"], r["page"]
    ('Aria M', 2017, 'J INFORMETR', '11', '959')
    >>> parse_scopus_reference("Kosztin, D., Bishop, T.C., Schulten, K., (1997) Biophys J, 73, p. 557")["source"]
    'BIOPHYS J'
    """
    out = _empty(raw)
    text = " ".join((raw or "").split())
    if not text:
        return out
    m = _DOI.search(text) or _DOI_BARE.search(text)
    if m:
        out["doi"] = clean_doi(m.group(1).rstrip(".,;"))
    new = _YEAR_NEW_END.search(text)
    if new:
        _parse_new_layout(text[: new.start()], out)
        out["year"] = int(new.group(1))
        return out
    old = _YEAR_OLD.search(text)
    if old:
        out["year"] = int(old.group(1))
        _parse_old_layout(text[: old.start()], text[old.end() :], out)
        return out
    # no year at all: only the first author can be told
    am = _OLD_AUTHOR.match(text)
    if am:
        out["author"] = _author_wos_style(am.group("surname"), am.group("initials"))
    return out


def _parse_old_layout(before: str, after: str, out: dict) -> None:
    """``Authors, Title (Year) Source, Vol (Issue), pp. a-b.`` — the part before and after the year."""
    am = _OLD_AUTHOR.match(before.strip())
    if am:
        out["author"] = _author_wos_style(am.group("surname"), am.group("initials"))
    rest = after.strip()
    # source: up to the first ", <digit>" (volume), ", p." / ", pp." or the end
    sm = re.match(r"^(?P<source>.*?)(?=,\s*(?:\d|pp?\.|Art\.|Article)|\.?\s*,\s*,|$)", rest)
    source = sm.group("source").strip(" .,") if sm else ""
    tail = rest[len(sm.group("source")) :] if sm else rest
    out["source"] = normalize_source(source) if source else None
    vm = _VOLUME_AFTER_SOURCE.match(tail.lstrip(" .,"))
    if vm:
        out["volume"] = vm.group(1)
    pm = _PAGES.search(tail)
    if pm:
        out["page"] = pm.group(1)


def _parse_new_layout(body: str, out: dict) -> None:
    """``Authors, Title, Source, Vol, Issue, pp. a-b`` (year already removed)."""
    text = body.strip(" ,")
    am = _NEW_AUTHOR.match(text)
    if am:
        out["author"] = _author_wos_style(am.group("surname"), am.group("initials"))
    parts = [p.strip() for p in text.split(", ")]
    if am:  # drop the author part(s): everything up to the first piece after the authors
        authors_end = len(am.group(0).rstrip(",;"))
        rest_text = text[authors_end:].lstrip(",; ")
        # further authors joined with "; " belong to the author list
        while True:
            nm = _NEW_AUTHOR.match(rest_text)
            if not nm or not rest_text[len(nm.group(0).rstrip(',;')) :].startswith(";"):
                break
            rest_text = rest_text[len(nm.group(0).rstrip(",;")) :].lstrip(",; ")
        if rest_text.startswith(tuple(";")):
            rest_text = rest_text[1:]
        parts = [p.strip() for p in rest_text.split(", ")] if rest_text else []
    # from the right: pages, then numbers (volume, issue), then the source
    if parts and _PAGES.match(parts[-1]):
        out["page"] = _PAGES.match(parts[-1]).group(1)
        parts.pop()
    numbers: list[str] = []
    while parts and re.fullmatch(r"\d+[A-Za-z]?|[A-Za-z]?\d+(?:-\d+)?", parts[-1]):
        numbers.insert(0, parts.pop())
    if numbers:
        out["volume"] = numbers[0]
    if len(parts) >= 2 or (parts and not am):
        # Title, Source: the last remaining piece is the source (a reference with
        # only a title and a year has no source)
        if len(parts) >= 2:
            out["source"] = normalize_source(parts[-1])
    elif len(parts) == 1 and numbers:
        out["source"] = normalize_source(parts[0])


# ---------------------------------------------------------------------------------------------
# Any database's reference string
# ---------------------------------------------------------------------------------------------

_WOS_STYLE = re.compile(r"^(?:\[Anonymous\]|\*?[^,()\[\]]{1,80}), (?:1[5-9]|20)\d\d, ")
_GBT_STYLE = re.compile(r"[\[［]\s*(?:[A-Z]{1,2}(?:/[A-Z]{2})?)\s*[\]］]")


def reference_style(raw: str) -> str:
    """``"wos"``, ``"gbt7714"`` or ``"scopus"``: the style a cited-reference string is written in.

    A merged record holds references written by several databases, so the
    parser is chosen per string, not per record.

    Examples
    --------
    >>> reference_style("Costanza R, 1997, NATURE, V387, P253")
    'wos'
    >>> reference_style("[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.")
    'gbt7714'
    >>> reference_style("Costanza, R., (1997) Nature, 387, pp. 253-260")
    'scopus'
    """
    text = (raw or "").strip()
    if _WOS_STYLE.match(text) or (text.count(", ") <= 6 and re.match(r"^[^,]+, (?:1[5-9]|20)\d\d$", text)):
        return "wos"
    if _GBT_STYLE.search(text):
        return "gbt7714"
    return "scopus"


def parse_reference_any(raw: str) -> dict:
    """Parse a cited reference of any style, with the cited source normalised.

    The fields are those of :func:`litkit.refs.parse_wos_reference`; ``source``
    is :func:`normalize_source` of the cited source, so keys built from the
    result agree across databases.

    Examples
    --------
    >>> parse_reference_any("Costanza R, 1997, Ecological Economics, V25, P3")["source"]
    'ECOL ECON'
    """
    style = reference_style(raw)
    if style == "wos":
        parsed = refs.parse_wos_reference(raw)
    elif style == "gbt7714":
        parsed = refs.parse_gbt7714_reference(raw)
        return parsed  # Chinese sources have no J9-style abbreviation
    else:
        return parse_scopus_reference(raw)
    parsed["source"] = normalize_source(parsed["source"]) if parsed.get("source") else None
    return parsed


def reference_keys(raws) -> list[str]:
    """Canonical keys of a collection of reference strings of any style, DOI-less ones unified.

    Each string is parsed with :func:`parse_reference_any` and keyed with
    :func:`litkit.refs.reference_key`.  As in :func:`litkit.refs.references_table`,
    a reference without a DOI takes the ``doi:`` key of a reference *with* one
    when both have the same bibliographic key, that key names a source plus a
    volume or page, and it points to only one DOI within ``raws`` -- so WoS's
    ``Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609`` and
    Scopus's DOI-less ``Pan Y.; …, Science, 333, 6045, pp. 988-993, (2011)``
    get one key.  A string that yields no key at all is keyed ``raw:<STRING>``.

    Examples
    --------
    >>> reference_keys(["Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609",
    ...                 "Pan Y.; Birdsey R.A., A large and persistent carbon sink, Science, 333, pp. 988-993, (2011)"])
    ['doi:10.1126/science.1201609', 'doi:10.1126/science.1201609']
    """
    parsed = [parse_reference_any(" ".join(str(r).split())) for r in raws]
    bib = [refs.bibliographic_key(p) for p in parsed]
    doi_of_bib: dict[str, str | None] = {}
    for p, b in zip(parsed, bib):
        if p.get("doi") and p.get("source") and (p.get("volume") or p.get("page")):
            known = doi_of_bib.get(b, p["doi"])
            doi_of_bib[b] = p["doi"] if known == p["doi"] else None
    keys = []
    for raw, p, b in zip(raws, parsed, bib):
        doi = p.get("doi") or doi_of_bib.get(b)
        if doi:
            keys.append("doi:" + str(doi).lower())
        elif b.strip("|"):
            keys.append(b)
        else:
            keys.append("raw:" + " ".join(str(raw).split()).upper())
    return keys


def reference_overlap(a, b) -> dict:
    """How many distinct cited references two corpora share, by raw string and by canonical key.

    The figure behind "the same reference written differently by WoS and
    Scopus is counted once": raw-string identity almost never unifies
    references across databases, canonical keys
    (:func:`reference_keys`, computed over both corpora together) do.

    Parameters
    ----------
    a, b : Corpus
        Typically one corpus per database.

    Returns
    -------
    dict
        ``raw_a``, ``raw_b``, ``raw_shared`` (distinct whitespace-collapsed
        strings and how many are in both), ``keys_a``, ``keys_b``,
        ``keys_shared`` (the same for canonical keys).

    Examples
    --------
    >>> reference_overlap(wos, scopus)["keys_shared"]          # doctest: +SKIP
    """
    raws = [sorted({" ".join(str(r).split()) for refs_ in c.df["CR"] for r in refs_}) for c in (a, b)]
    key_of = dict(zip(raws[0] + raws[1], reference_keys(raws[0] + raws[1])))
    raw_a, raw_b = set(raws[0]), set(raws[1])
    keys_a = {key_of[r] for r in raw_a if not key_of[r].startswith("raw:")}
    keys_b = {key_of[r] for r in raw_b if not key_of[r].startswith("raw:")}
    return {
        "raw_a": len(raw_a),
        "raw_b": len(raw_b),
        "raw_shared": len(raw_a & raw_b),
        "keys_a": len(keys_a),
        "keys_b": len(keys_b),
        "keys_shared": len(keys_a & keys_b),
    }


__all__ = [
    "parse_scopus_reference",
    "parse_reference_any",
    "reference_keys",
    "reference_overlap",
    "reference_style",
    "split_scopus_references",
    "normalize_source",
    "WORD_ABBREVIATIONS",
    "SOURCE_OVERRIDES",
    "SOURCE_KEY_LENGTH",
]
