"""Scopus cited references: splitting the ``References`` field and parsing each reference.

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
:func:`litkit.refs.parse_wos_reference` parses from WoS (``raw author year source volume page doi``)
so that one canonical key (:func:`litkit.refs.reference_key`) identifies a
reference whichever database cited it; the source goes through
:func:`litkit.refs.normalize_source`.

Examples
--------
>>> r = parse_scopus_reference("Costanza, R., d'Arge, R., The value of the world's ecosystem "
...     "services and natural capital (1997) Nature, 387 (6630), pp. 253-260.")
>>> r["author"], r["year"], r["source"], r["volume"], r["page"]
('Costanza R', 1997, 'NATURE', '387', '253')
"""

from __future__ import annotations

import re
import unicodedata

from ..io.base import clean_doi
from ._fields import empty_reference
from .ids import parse_id_reference
from .sources import WORD_ABBREVIATIONS, normalize_source

# "Cheng M." / "Laan Der Van D.C." / "Acar A. K." -- an author of the 2024+ layout, alone
_BARE_AUTHOR = re.compile(r"^[^\d,;().]{1,60}?\s(?:(?:[A-Z]\.[\s-]?){1,4}|[A-Z]{1,3})$")

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
    out = empty_reference(raw)
    text = " ".join((raw or "").split())
    if not text:
        return out
    if text[:4] in ("Lens", "Open") and (by_id := parse_id_reference(text)) is not None:
        return {**by_id, "raw": raw}  # a Lens / OpenAlex ID in a merged record (litkit.refs.ids)
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


def _author_wos_style(surname: str, initials: str) -> str:
    """``("Costanza", "R.")`` -> ``"Costanza R"``; accents folded as WoS does."""
    letters = "".join(re.findall(r"[A-Z]", initials))
    surname = unicodedata.normalize("NFKD", surname.strip())
    surname = "".join(ch for ch in surname if not unicodedata.combining(ch))
    return f"{surname} {letters}".strip()


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
        # Title, Source: the source is the last piece, or the last few when its title holds
        # commas (a reference with only a title and a year has no source)
        if len(parts) >= 2:
            out["source"] = normalize_source(", ".join(parts[-source_pieces(parts) :]))
    elif len(parts) == 1 and numbers:
        out["source"] = normalize_source(parts[0])


def source_pieces(parts: list[str]) -> int:
    """How many of the last ``", "``-separated pieces of a Scopus reference's ``Title, Source`` are the source.

    Scopus's 2024+ layout separates title and source with ``", "``, and some journal titles hold
    commas themselves.  Nearly all of these are lists, ``A, B and C`` or ``A, B, and C``
    ("Agriculture, Ecosystems and Environment", "Water, Air, and Soil Pollution"), sometimes led
    by a journal name ("Eurasia Journal of Mathematics, Science and Technology Education"), or
    have a part or section after a comma ("…, Part B: Cybernetics").  So, from the last piece:

    1. a last piece ``Part X…``/``Section X…``/``Series X…`` takes the piece before it;
    2. a source whose first piece holds ``and``/``&`` is a list.  Walking left over pieces that
       are single Title-Case words (four at most), a Title-Case piece with a journal head word
       (Journal, Transactions, Proceedings, …) ends the source ("Automatika: Journal for Control,
       Measurement, Electronics, Computing and Communications"); without one, a source starting
       with ``and``/``&`` (the comma before the last item: "Water, Air, and Soil Pollution")
       takes up to two of those words, and any other list takes one, only when it is a subject
       word of the abbreviation table (:data:`WORD_ABBREVIATIONS`: Agriculture, Resources,
       Accounting, Environment, Gender…).

    Limits: a title that ends in a subject word after a comma ("…, Water, Energy and
    Buildings") gives that word to the source; a list journal led by a word outside the table
    and no journal head keeps only its last piece.

    Parameters
    ----------
    parts : list of str
        The pieces of ``Title, Source`` (authors, numbers, pages and year removed), at least one.

    Returns
    -------
    int
        Between 1 and ``len(parts)``.

    Examples
    --------
    >>> source_pieces(["Soil carbon", "Agriculture", "Ecosystems and Environment"])
    2
    >>> source_pieces(["Carbon Footprints", "Environmental Science and Technology"])
    1
    >>> source_pieces(["Lead", "Water", "Air", "and Soil Pollution"])
    3
    """
    n = 1
    if len(parts) > 1 and _PART.match(parts[-1]):
        n = 2
    first = parts[-n]
    oxford = first.startswith(("and ", "& "))
    if not (oxford or " and " in first or " & " in first):
        return n
    items = 0  # single Title-Case words to the left: list items
    while n + items < len(parts) and items < 4:
        left = parts[-(n + items + 1)]
        if _title_case(left) and _JOURNAL_HEAD.search(left) and len(left.split()) <= 6:
            return n + items + 1  # the list's journal head, and everything after it
        if len(left.split()) != 1 or not _title_case(left):
            break
        items += 1
    if oxford:  # "A, B, and C": the comma before "and" says B (and A) are items
        return n + min(items, 2)
    return n + 1 if items and _subject_word(parts[-(n + 1)]) else n


_PART = re.compile(r"^(?:Part|Section|Series)\s+[A-Z0-9]")
_JOURNAL_HEAD = re.compile(
    r"\b(?:Journal|Transactions|Proceedings|Annals|Bulletin|Review|Letters|Archives|Acta|Revista|Zeitschrift)\b"
)
_MINOR_WORDS = frozenset("of on in and & for the to a an de des du la le les der die das und fur zur".split())


def _title_case(piece: str) -> bool:
    """Every word capitalised (or a minor word such as "of", "and"), no digits: how Scopus writes source titles."""
    words = piece.replace(":", " ").split()
    return (
        bool(words)
        and not any(ch.isdigit() for ch in piece)
        and all(w[0].isupper() or w in _MINOR_WORDS for w in words)
    )


def _subject_word(piece: str) -> bool:
    """A single word that the source abbreviation table knows ("Agriculture", "Resources")."""
    words = piece.split()
    return len(words) == 1 and words[0].upper() in WORD_ABBREVIATIONS


__all__ = ["parse_scopus_reference", "split_scopus_references", "source_pieces"]
