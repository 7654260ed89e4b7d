"""Institutions of addresses: the top-level organisation and the sub-unit, for Latin and Chinese addresses.

Web of Science writes the organisation first ("Univ Queensland, Sch Biol Sci, Brisbane, Qld 4072, Australia"),
so its first element is the institution.  Scopus and most other databases go from the small unit to the large
one ("Department of Surgery, Hunan Normal University, Changsha, China"), so the institution is the element whose
words name an organisation of the highest rank (a university before an academy, ministry or company, before an
institute, hospital, college or centre, before a laboratory or department), the last one of that rank.
Chinese units (CNKI, CSSCI) keep the top-level organisation: 北京大学环境科学与工程学院 -> 北京大学 with
sub-unit 环境科学与工程学院; 中国科学院地理科学与资源研究所 -> 中国科学院.

Variants of one institution are merged by an editable alias table (``litkit/data/institution_aliases.csv``),
and Chinese names of Chinese institutions meet their Web of Science English names through a second one
(``litkit/data/institution_aliases_zh.csv``, see :func:`bilingual_aliases`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from ..errors import LitkitError
from .countries import country_of, is_cjk, normalise_name

__all__ = ["institution_of", "chinese_institution", "institution_aliases", "bilingual_aliases", "alias_key"]

# Ranks of the words that name an organisation (higher wins); WoS abbreviations and European spellings included.
_RANKS = (
    (4, r"univ\w*|universi\w*|hochschule|polytech\w*|politecn\w*|ETH|EPFL|KTH|UCL|MIT|SUNY|CUNY"),
    (
        3,
        r"acad\w*|akad\w*|minist\w*|co ltd|co inc|corp\w*|inc|ltd|llc|plc|gmbh|company|cnrs|csic|inserm|inra|inrae|cnr|csiro|"
        r"nasa|noaa|usda|nih|fda|cdc|cea|conicet|council|consejo|agcy|agency|bur|bureau|govt|government|admin\w*",
    ),
    (
        2,
        r"inst|institut\w*|istitut\w*|hosp\w*|h[oô]pital|ospedale|klinik\w*|clin\w*|coll|college|colegio|ctr|"
        r"center|centre|centro|zentrum|fdn|foundation|fondaz\w*|fundac\w*|museum|observ\w*|survey|soc|society|"
        r"assoc\w*|serv|service|sch|school|ecole|escuela|escola|trust|org|organi[sz]ation|network|consortium",
    ),
    (
        1,
        r"lab|labs|laborat\w*|labor|dept|dep|department\w*|departament\w*|dipartimento|fac|faculty|facultad|"
        r"div|division|unit|grp|group|program\w*|sect|section|res|branch|stn|station|key",
    ),
)
_RANK_RES = tuple((rank, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for rank, words in _RANKS)
_EMAIL = re.compile(r"(?:electronic address|e-?mail)\s*:?\s*\S+@\S+|\S+@\S+", re.IGNORECASE)

# Chinese organisation endings; the first one that ends earliest in a unit closes the top-level institution.
_ZH_TOP = (
    "大学",
    "科学院",
    "社会科学院",
    "工程院",
    "学院",
    "研究院",
    "研究所",
    "研究中心",
    "医院",
    "党校",
    "学校",
    "公司",
    "集团",
    "银行",
    "出版社",
    "杂志社",
    "编辑部",
    "委员会",
    "图书馆",
    "博物馆",
    "管理局",
    "总局",
    "中心",
)
# Endings that, right after a closed institution, still belong to it: 中国科学院大学, 中国科学院研究生院.
_ZH_CONTINUE = ("大学", "研究生院")
_ZH_PAREN = re.compile(r"^(.*?)[(（]([^()（）]+)[)）]$")
_POST_BOX = re.compile(r"(?:^|\s+)(?:P\.?\s?O\.?\s?B(?:OX)?\.?|P\.?\s?O\.?\s+BOX|BOX)\s*\d[\w-]*$", re.IGNORECASE)
_ZH_PLACE_POSTCODE = re.compile(r"\s*[\u3400-\u9fff]{0,12}\s*\d{6}\s*$")


def institution_of(address: str, *, wos: bool = True) -> tuple[str, str]:
    """The top-level institution and the sub-unit(s) of one address.

    Parameters
    ----------
    address : str
        The address as exported, without the ``[authors]`` group.
    wos : bool, default True
        Web of Science order (organisation first).  False for Scopus and other databases (smallest unit
        first), where the institution is the highest-ranked organisation element.

    Returns
    -------
    (str, str)
        The institution and the sub-units (joined by ", "); both "" when the address is empty.  Chinese
        units are split by :func:`chinese_institution`.

    Examples
    --------
    >>> institution_of("Univ Queensland, Sch Biol Sci, Brisbane, Qld 4072, Australia")
    ('Univ Queensland', 'Sch Biol Sci')
    >>> institution_of("Department of Surgery, Hunan Normal University, Changsha, China", wos=False)
    ('Hunan Normal University', 'Department of Surgery')
    >>> institution_of("北京大学环境科学与工程学院")
    ('北京大学', '环境科学与工程学院')
    >>> institution_of("UCSF Box 0886, San Francisco, CA 94143, United States", wos=False)
    ('UCSF', '')
    >>> institution_of("PO Box 116400, Gainesville, FL 32611 USA")
    ('', '')
    """
    text = unicodedata.normalize("NFKC", address or "")
    text = _EMAIL.sub(" ", text).strip().rstrip(".;, ").strip()
    if not text:
        return ("", "")
    if is_cjk(text) and not re.search(r"[A-Za-z]{3,}.*,", text):
        return chinese_institution(text)
    segments = [s.strip() for s in text.split(",") if s.strip()]
    if not segments:
        return ("", "")
    body = segments[:-1] if len(segments) > 1 else segments  # the last element is the country (or the city)
    ranks = [_rank(s) for s in body]
    if wos:
        index = 0
        if not _POST_BOX.sub("", body[0]).strip():  # "POB 35, Univ Jyvaskyla, ...": the organisation comes next
            index = next((i for i, r in enumerate(ranks) if r), 0)
    else:
        best = max(ranks)
        index = max(i for i, r in enumerate(ranks) if r == best) if best else 0
    if len(segments) == 1 and country_of(text).code:  # "Germany": an address that names only its country
        return ("", "")
    # Sub-units: the other organisation-naming elements (WoS: those after the institution).
    subunits = [s for i, s in enumerate(body) if ranks[i] and (i > index if wos else i != index)]
    # A post-office box is where the mail goes, not who: "UCSF Box 0886" is UCSF, "POB 663" names nobody.
    return (_POST_BOX.sub("", body[index]).strip(), ", ".join(subunits))


def chinese_institution(unit: str) -> tuple[str, str]:
    """Split a Chinese affiliation into its top-level institution and the sub-unit.

    Parameters
    ----------
    unit : str
        One unit as CNKI or CSSCI write it ("北京大学环境科学与工程学院", "1.中国铁道科学研究院 研究生部",
        "清华大学计算机科学与技术系 北京 100084").

    Returns
    -------
    (str, str)
        Institution and sub-unit ("" when there is none).  A unit with no organisation ending is its own
        institution; a piece that is only a place and a postcode ("北京 100084") gives ("", "").

    Examples
    --------
    >>> chinese_institution("中国科学院地理科学与资源研究所")
    ('中国科学院', '地理科学与资源研究所')
    >>> chinese_institution("中国科学院大学")
    ('中国科学院大学', '')
    >>> chinese_institution("湖北武汉430074")
    ('', '')
    """
    text = unicodedata.normalize("NFKC", unit or "").strip()
    text = re.sub(r"^\s*\d+\s*[.、)]\s*", "", text)  # "1.中国铁道科学研究院": the author-number prefix
    text = re.sub(r"^\d{6}\s+", "", text)  # "241000 安徽省芜湖市...": a leading postcode
    text = _ZH_PLACE_POSTCODE.sub("", text).strip()  # "... 北京 100084", "湖北武汉430074"
    if not text or text.isdigit():
        return ("", "")
    first, _, rest = text.partition(" ")
    if rest and _zh_top_end(first) is None and is_cjk(first) and len(first) >= 4:
        # CSSCI and some CNKI exports write "单位 院系" with a space: "长春市公安局 网络安全保卫支队"
        return (first, re.sub(r"\s+", "", rest))
    compact = re.sub(r"\s+", "", text)
    paren = _ZH_PAREN.match(compact)
    if paren:
        # "北京市信息服务工程重点实验室(北京联合大学)": a unit hosted by the organisation in brackets
        outer, inner = paren.group(1), paren.group(2)
        end = _zh_top_end(inner)
        if end is not None and outer:
            return (inner[:end], outer + inner[end:])
        compact = outer or inner
    end = _zh_top_end(compact)
    if end is None:
        return (compact, "")
    return (compact[:end], compact[end:])


def institution_aliases(aliases: str | Path | dict | pd.DataFrame | None = None) -> dict[str, str]:
    """The alias table: normalised variant -> institution name.

    Parameters
    ----------
    aliases : path, dict or DataFrame, optional
        Your variants, on top of the shipped ``litkit/data/institution_aliases.csv``: a CSV with columns
        ``variant,institution`` (``#`` lines are comments), a dict ``{variant: institution}`` or a DataFrame
        with those two columns.  ``False``-like empty values are refused.

    Returns
    -------
    dict

    Examples
    --------
    >>> table = institution_aliases({"Univ Calif Berkeley": "UC Berkeley"})
    >>> table[normalise_name("UNIV CALIF BERKELEY")]
    'UC Berkeley'
    """
    table = dict(_shipped_aliases())
    if aliases is None:
        return table
    if isinstance(aliases, pd.DataFrame):
        missing = {"variant", "institution"} - set(aliases.columns)
        if missing:
            raise LitkitError(f"the aliases DataFrame lacks {sorted(missing)}", expected="columns variant, institution")
        pairs = list(zip(aliases["variant"], aliases["institution"]))
    elif isinstance(aliases, dict):
        pairs = list(aliases.items())
    else:
        path = Path(aliases)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise LitkitError(f"cannot read the aliases table: {exc.strerror}", path=path) from exc
        pairs = _parse_aliases(text, str(path))
    for variant, name in pairs:
        if not isinstance(variant, str) or not isinstance(name, str) or not variant.strip() or not name.strip():
            raise LitkitError(f"empty alias {variant!r} -> {name!r}", expected="non-empty variant and institution")
        table[alias_key(variant)] = name.strip()
    return table


# --------------------------------------------------------------------------- private helpers


def _rank(segment: str) -> int:
    if _looks_like_place(segment):
        return 0
    for rank, pattern in _RANK_RES:
        if pattern.search(segment):
            return rank
    return 0


def _looks_like_place(segment: str) -> bool:
    # Street numbers, postcodes, PO boxes: "11-1 Mihogaoka", "Box 351525", "Brisbane, Qld 4072".
    return bool(re.search(r"\d", segment)) and not re.search(r"[A-Za-z]{4,}\s+(?:Lab|Inst|Ctr)", segment)


def _zh_top_end(text: str) -> int | None:
    best = None
    for suffix in _ZH_TOP:
        pos = text.find(suffix)
        if pos > 0:  # a unit that starts with the ending ("学院路...") does not end there
            end = pos + len(suffix)
            if best is None or end < best:
                best = end
    if best is None:
        return None
    changed = True
    while changed:
        changed = False
        for cont in _ZH_CONTINUE:
            if text.startswith(cont, best):
                best += len(cont)
                changed = True
    return best


def alias_key(text: str) -> str:
    """The key an institution is looked up by in the alias table (see :func:`normalise_name`)."""
    return normalise_name(text).replace(",", " ").replace("  ", " ").strip()


def _parse_aliases(text: str, where: str) -> list[tuple[str, str]]:
    pairs = []
    for lineno, row in _table_rows(text, where, ("variant", "institution")):
        if len(row) < 2 or not row[1].strip():
            raise LitkitError(f"no institution for {row[0]!r}", path=where, line=lineno, expected="variant,institution")
        pairs.append((row[0].strip(), row[1].strip()))
    return pairs


def _table_rows(text: str, where: str, header: tuple[str, str]):
    """(line number, row) of a two-column CSV table after its header row; blank and ``#`` lines skipped."""
    header_seen = False
    for lineno, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            if [c.strip() for c in row[:2]] != list(header):
                raise LitkitError("bad header", path=where, line=lineno, expected=",".join(header))
            continue
        yield lineno, row


def bilingual_aliases() -> dict[str, str]:
    """The shipped Chinese -> English institution names (``litkit/data/institution_aliases_zh.csv``), keyed.

    :func:`litkit.affiliations` renames a Chinese name to its English one when the table names that
    English institution too (a merged CNKI + WoS corpus), so both count as one; a corpus that names only
    the Chinese form keeps it.

    Examples
    --------
    >>> bilingual_aliases()[alias_key("北京大学")]
    'Peking Univ'
    """
    return dict(_shipped_bilingual())


@lru_cache(maxsize=1)
def _shipped_bilingual() -> tuple[tuple[str, str], ...]:
    where = "litkit/data/institution_aliases_zh.csv"
    text = resources.files("litkit.data").joinpath("institution_aliases_zh.csv").read_text(encoding="utf-8")
    pairs = []
    for lineno, row in _table_rows(text, where, ("canonical", "alias")):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise LitkitError(f"incomplete row {row!r}", path=where, line=lineno, expected="canonical,alias")
        pairs.append((alias_key(row[1]), row[0].strip()))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _shipped_aliases() -> dict[str, str]:
    text = resources.files("litkit.data").joinpath("institution_aliases.csv").read_text(encoding="utf-8")
    return {alias_key(v): name for v, name in _parse_aliases(text, "litkit/data/institution_aliases.csv")}
