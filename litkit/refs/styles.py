"""A cited reference of any style: which style a string is written in, and parsing it accordingly.

A merged record holds references written by several databases, so the parser is chosen per string.

Examples
--------
>>> reference_style("Costanza R, 1997, NATURE, V387, P253")
'wos'
"""

from __future__ import annotations

import re

from .gbt7714 import is_cssci_reference, parse_cssci_reference, parse_gbt7714_reference
from .scopus import parse_scopus_reference
from .sources import normalize_source
from .wos import parse_wos_reference

_WOS_STYLE = re.compile(r"^(?:\[Anonymous\]|\*?[^,()\[\]]{1,80}), (?:1[5-9]|20)\d\d, ")
_GBT_STYLE = re.compile(r"[\[［]\s*(?:[A-Z]{1,2}(?:/[A-Z]{2})?)\s*[\]］]")


def reference_style(raw: str) -> str:
    """``"wos"``, ``"gbt7714"``, ``"cssci"`` or ``"scopus"``: the style a cited-reference string is written in.

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
    >>> reference_style("Zhang,W..Overcoming barriers.Research Policy.2016.45(3)")
    'cssci'
    """
    text = (raw or "").strip()
    if _WOS_STYLE.match(text) or (text.count(", ") <= 6 and re.match(r"^[^,]+, (?:1[5-9]|20)\d\d$", text)):
        return "wos"
    if _GBT_STYLE.search(text):
        return "gbt7714"
    if is_cssci_reference(text):
        return "cssci"
    return "scopus"


def parse_reference_any(raw: str) -> dict:
    """Parse a cited reference of any style, with the cited source normalised.

    The fields are those of :func:`litkit.parse_wos_reference`; ``source``
    is :func:`normalize_source` of the cited source, so keys built from the
    result agree across databases.

    Examples
    --------
    >>> parse_reference_any("Costanza R, 1997, Ecological Economics, V25, P3")["source"]
    'ECOL ECON'
    """
    style = reference_style(raw)
    if style == "wos":
        parsed = parse_wos_reference(raw)
    elif style == "gbt7714":
        parsed = parse_gbt7714_reference(raw)
        return parsed  # Chinese sources have no J9-style abbreviation
    elif style == "cssci":
        parsed = parse_cssci_reference(raw)
        if parsed.get("source") and parsed["source"].isascii():  # Latin-script journals get their J9 form
            parsed["source"] = normalize_source(parsed["source"])
        return parsed
    else:
        return parse_scopus_reference(raw)
    parsed["source"] = normalize_source(parsed["source"]) if parsed.get("source") else None
    return parsed


def parser_for_style(style: str):
    """The parser of one reference style (``"wos"``, ``"gbt7714"``, ``"cssci"`` or ``"scopus"``).

    Parameters
    ----------
    style : str
        A value returned by :func:`reference_style`.

    Returns
    -------
    callable
        :func:`~litkit.refs.parse_wos_reference`, :func:`~litkit.refs.parse_gbt7714_reference`
        or :func:`~litkit.refs.parse_scopus_reference`.

    Examples
    --------
    >>> parser_for_style(reference_style("Costanza R, 1997, NATURE, V387, P253")).__name__
    'parse_wos_reference'
    """
    return {
        "wos": parse_wos_reference,
        "gbt7714": parse_gbt7714_reference,
        "cssci": parse_cssci_reference,
        "scopus": parse_scopus_reference,
    }[style]


def parser_for_database(db):
    """The parser of the references of a record from database ``db``, or None to choose it per string.

    The rule :func:`~litkit.refs.references_table` follows: CNKI records cite in GB/T 7714
    (:func:`~litkit.refs.parse_gbt7714_reference`), CSSCI records in CSSCI's own style
    (:func:`~litkit.refs.parse_cssci_reference`, which passes GB/T strings on), Scopus records in
    Scopus style, every other database (and a missing one) in Web of Science style.  A merged
    record (``"WoS;Scopus"``) holds strings of several databases: None, and each string takes
    ``parser_for_style(reference_style(raw))``.

    Parameters
    ----------
    db : str or None
        The record's ``DB`` value.

    Returns
    -------
    callable or None

    Examples
    --------
    >>> parser_for_database("CNKI").__name__, parser_for_database(None).__name__
    ('parse_gbt7714_reference', 'parse_wos_reference')
    >>> parser_for_database("WoS;Scopus") is None
    True
    """
    dbs = [d.strip() for d in (db or "").split(";") if d.strip()]
    if len(dbs) > 1:  # a merged record holds strings written by several databases
        return None
    first = dbs[0] if dbs else ""
    if first == "CNKI":
        return parse_gbt7714_reference
    if first == "CSSCI":  # CSSCI's own style ("作者.题名.期刊.年.卷(期)"); GB/T strings go on to that parser
        return parse_cssci_reference
    if first == "Scopus":
        return parse_scopus_reference
    return parse_wos_reference


__all__ = ["reference_style", "parse_reference_any", "parser_for_style", "parser_for_database"]
