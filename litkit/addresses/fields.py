"""Reading the address fields of one record: who is at which address, and who is the corresponding author.

Each function takes the values of one record and returns ``(author, address)`` pairs; the table module turns
them into rows.  The formats:

- Web of Science ``C1``: ``[Author A; Author B] address`` groups; an address without a group belongs to every
  author.  WoS BibTeX writes the group without brackets (``Author A; Author B, address``).
- Web of Science ``RP``: ``Name (reprint author), address`` and its variants ("(corresponding author)",
  Spanish "(autor correspondiente)", the Chinese interface's "(通讯作者)" followed by a full-width comma), several
  ``Name; Name (corresponding author), address.`` parts joined by "; ".
- Scopus ``Correspondence Address``: ``Name; address; email: ...``.
- Scopus ``Authors with affiliations``: ``Surname, I., affiliation[, affiliation]; ...`` in author order.
- CNKI and CSSCI units: several units in one string, split on ``;`` ``；`` ``,`` ``，``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .countries import is_cjk

__all__ = [
    "name_key",
    "c1_groups",
    "reprint_addresses",
    "scopus_correspondence",
    "scopus_author_affiliations",
    "cjk_units",
]

_GROUP = re.compile(r"^\s*\[([^\]]*)\]\s*(.*)$", re.DOTALL)
_RP_MARK = re.compile(
    r"\s*\((?:reprint author|corresponding author|autor correspondiente|autor para correspondencia|"
    r"auteur correspondant|通讯作者|通訊作者|責任著者)\)\s*[,，]?\s*",
    re.IGNORECASE,
)
_CJK_SPLIT = re.compile(r"[;；,，]")
_INITIALS = r"(?:[A-Z]\.\s?-?)+"
_SCOPUS_NAME = re.compile(rf"^[^,]+?(?:,\s*|\s+){_INITIALS}$")
_SCOPUS_NAME_THEN_ADDRESS = re.compile(rf"^[^,]+?(?:,\s*|\s+){_INITIALS},\s*(.*)$", re.DOTALL)


def c1_groups(entry: str, full_names: list[str] | None = None) -> tuple[list[str], str]:
    """The authors named by one ``C1`` entry and its address.

    Parameters
    ----------
    entry : str
        One ``C1`` value.
    full_names : list of str, optional
        The record's ``AF`` names, used to recognise WoS BibTeX's unbracketed groups.

    Returns
    -------
    (list of str, str)
        The names of the group ([] when the address has no group) and the address.

    Examples
    --------
    >>> c1_groups("[Li, Wei; Chen, Yu] Peking Univ, Beijing 100871, Peoples R China.")
    (['Li, Wei', 'Chen, Yu'], 'Peking Univ, Beijing 100871, Peoples R China.')
    >>> c1_groups("Karanik, Marcelo, Natl Technol Univ, Resistencia, Argentina.", ["Karanik, Marcelo"])
    (['Karanik, Marcelo'], 'Natl Technol Univ, Resistencia, Argentina.')
    """
    m = _GROUP.match(entry)
    if m:
        names = [n.strip() for n in m.group(1).split(";") if n.strip()]
        return names, m.group(2).strip()
    if full_names:
        names: list[str] = []
        rest, sep = entry, ""
        by_length = sorted({n for n in full_names if n}, key=len, reverse=True)
        while sep != ",":  # names end at the one followed by a comma; the address follows
            for name in by_length:
                if rest.startswith(name) and rest[len(name) : len(name) + 2] in ("; ", ", "):
                    names.append(name)
                    sep = rest[len(name)]
                    rest = rest[len(name) + 2 :]
                    break
            else:
                break
        if names and sep == ",":
            return names, rest.strip()
    return [], entry.strip()


def reprint_addresses(rp: str) -> list[tuple[list[str], str]]:
    """The (names, address) parts of a Web of Science ``RP`` value.

    Parameters
    ----------
    rp : str
        The reprint-address field as exported, in any of its forms.

    Returns
    -------
    list of (list of str, str)
        One item per address; [] when the value has no author marker (then it is not WoS's form).

    Examples
    --------
    >>> reprint_addresses("Du, Y; Wang, XN (通讯作者)，Soochow Univ, Suzhou, Peoples R China.; Gao, XH "
    ...                   "(通讯作者)，Northeastern Univ, Shenyang, Peoples R China.")
    [(['Du, Y', 'Wang, XN'], 'Soochow Univ, Suzhou, Peoples R China'), (['Gao, XH'], 'Northeastern Univ, Shenyang, Peoples R China')]
    """
    pieces = _RP_MARK.split(rp.replace("；", ";"))  # the Chinese interface may write full-width semicolons
    if len(pieces) < 2:
        return []
    out = []
    names = _names(pieces[0])
    for k, piece in enumerate(pieces[1:], start=1):
        if k < len(pieces) - 1:
            # The piece holds this address, then (after the first ';') the names of the next part;
            # WoS addresses never contain ';'.
            address, _, next_names = piece.partition(";")
        else:
            address, next_names = piece, ""
        out.append((names, address.strip().rstrip(".").strip()))
        names = _names(next_names)
    return out


def scopus_correspondence(rp: str) -> tuple[str, str]:
    """Name and address of a Scopus ``Correspondence Address`` (``Name; address; email: ...``).

    Parameters
    ----------
    rp : str
        The field as exported.

    Returns
    -------
    (str, str)
        The corresponding author's name ("" when the field starts with the address) and the address ("" when
        the field names only the author).

    Examples
    --------
    >>> scopus_correspondence("Wang, W.T.; Southwest Jiaotong University, Chengdu, China; email: w@x.cn")
    ('Wang, W.T.', 'Southwest Jiaotong University, Chengdu, China')
    >>> scopus_correspondence("Southwest Jiaotong University, Chengdu, China")
    ('', 'Southwest Jiaotong University, Chengdu, China')
    """
    parts = [p.strip() for p in rp.split(";")]
    parts = [p for p in parts if p and not p.lower().startswith("email")]
    if not parts:
        return "", ""
    if len(parts) == 1:
        if _SCOPUS_NAME.match(parts[0]):  # "Folkman, J.": a name and no address
            return parts[0], ""
        return "", parts[0]
    if "," in parts[0] and len(parts[0].split(",")) > 2:  # no name: the first part is an address already
        return "", "; ".join(parts)
    return parts[0], ", ".join(parts[1:])


def scopus_author_affiliations(value: str, n_authors: int, affiliations: list[str]) -> list[list[str]] | None:
    """The affiliations of each author from Scopus's ``Authors with affiliations``.

    Parameters
    ----------
    value : str
        The field as exported: ``Surname, I., affiliation[, affiliation]; ...`` in author order.
    n_authors : int
        Number of authors of the record; when the entries are not one per author, None is returned.
    affiliations : list of str
        The record's ``Affiliations`` (C1): an author's entry may hold several of them, joined by ", ".

    Returns
    -------
    list of list of str, or None

    Examples
    --------
    >>> scopus_author_affiliations("Li, Y., Univ A, Paris, France, Univ B, Lyon, France; Wu, Z., Univ B, Lyon, "
    ...                            "France", 2, ["Univ A, Paris, France", "Univ B, Lyon, France"])
    [['Univ A, Paris, France', 'Univ B, Lyon, France'], ['Univ B, Lyon, France']]
    """
    entries = [e.strip() for e in value.split("; ")]
    if len(entries) != n_authors:
        return None
    known = sorted({a for a in affiliations if a}, key=len, reverse=True)
    out = []
    for entry in entries:
        found: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for aff in known:  # longest first, so an affiliation inside a longer one is not counted twice
            start = entry.find(aff)
            while start >= 0:
                end = start + len(aff)
                if all(end <= a or start >= b for a, b in taken):
                    taken.append((start, end))
                    found.append((start, aff))
                    break
                start = entry.find(aff, start + 1)
        if found:
            out.append([aff for _, aff in sorted(found)])
            continue
        m = _SCOPUS_NAME_THEN_ADDRESS.match(entry)  # "Liu F., Department ..." / "Phillips, J.C., Beckman ..."
        out.append([m.group(1).strip()] if m and m.group(1).strip() else [])
    return out


def cjk_units(entry: str) -> list[str]:
    """Split one Chinese affiliation string into units (``;`` ``；`` ``,`` ``，``); Latin addresses stay whole.

    Parameters
    ----------
    entry : str
        One affiliation value of a CNKI or CSSCI record.

    Returns
    -------
    list of str
        The units, stripped; a Latin address is split on semicolons only (its commas separate its elements).

    Examples
    --------
    >>> cjk_units("北京大学环境科学与工程学院；清华大学环境学院,北京 100084")
    ['北京大学环境科学与工程学院', '清华大学环境学院', '北京 100084']
    >>> cjk_units("Dept Psychol, Univ Washington, Seattle, WA 98195, USA")
    ['Dept Psychol, Univ Washington, Seattle, WA 98195, USA']
    """
    entry = entry.strip()
    if not is_cjk(entry):
        return [p.strip() for p in re.split(r"[;；]", entry) if p.strip()]
    return [p.strip() for p in _CJK_SPLIT.split(entry) if p.strip()]


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> tuple[str, str]:
    """A key that matches an author's short and full forms: (surname letters, first initial).

    Examples
    --------
    >>> name_key("Wang, W.T.") == name_key("Wang, WT") == name_key("Wang, Wei-Tao") == name_key("W.T. Wang")
    True
    >>> name_key("Liu F.") == name_key("Liu, F")
    True
    """
    text = name or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.strip()
    if "," in text:
        surname, given = text.split(",", 1)
    else:
        tokens = text.split()
        if len(tokens) >= 2 and re.fullmatch(r"(?:[A-Z]\.?-?)+", tokens[-1]):
            surname, given = " ".join(tokens[:-1]), tokens[-1]
        elif len(tokens) >= 2:
            surname, given = tokens[-1], tokens[0]
        else:
            surname, given = text, ""
    initial = next((ch for ch in given if ch.isalpha()), "")
    return (re.sub(r"[^a-z\u3400-\u9fff]", "", surname.casefold()), initial.casefold())


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(";") if n.strip()]
