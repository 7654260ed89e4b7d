"""The identity of a cited work: reference keys, and their unification across citations.

:func:`reference_key` gives the identity used to count citations of the same
work across citing records (co-citation, citation bursts)::

    doi:<doi>                                   when the reference has a DOI
    <SURNAME>|<year>|<SOURCE>|<volume>|<page>   otherwise
    <SURNAME>|<year>|<SOURCE>||(<issue>)        a page-less journal paper known by its issue (below)

The second form (:func:`bibliographic_key`) is upper-cased with punctuation folded to single spaces,
initials dropped from the author and the ``V``/``P`` prefixes removed, so ``Costanza R, 1997, NATURE, V387, P253``
and ``COSTANZA R., 1997, Nature, V387, p253`` get the same key; the source goes through
:func:`litkit.refs.normalize_source`.  A reference that names neither an author, a source nor a
DOI (``[No title captured]``) gets the empty key ``""``: it identifies no work, and analyses skip it.

Papers cited by issue
---------------------
CSSCI (and GB/T 7714 without pages) cites a Chinese journal paper as ``题名.刊名.年.卷(期)`` and writes
the volume for some citations of a paper and not for others (``图书情报工作.2009.53(18)`` and
``.2009.(18)``): Chinese journals are numbered by year and issue, the volume is an extra.  So the
bibliographic key of a page-less reference with an issue has the issue in the page's place, in a
form no page can have, ``A|Y|S|V|(I)``, and its key is

* ``A|Y|S|V|`` -- the volume's, with what that key is lent (a page, a DOI; below) -- when every
  citation of issue I of author A, year Y, source S that writes a volume writes the same V, and no other
  issue of that volume is cited: the issue is the volume's only cited paper, so ``53(18)``, ``(18)``
  and a bare ``53`` are one work, and ``Strategic Management Journal.1997.18(7)`` meets Web of
  Science's ``V18, P509`` as it did before the issue was read;
* ``A|Y|S||(I)`` otherwise: no volume written, two volumes written for the issue, or the volume cited
  with two issues (``情报杂志.2009.28(8)`` and ``28(11)``: two papers of one author in one volume, two keys;
  a citation of the bare volume, ``28``, cannot say which and keeps ``A|Y|S|28|``).

The title does not decide: on the two real CSSCI exports 24 (author, year, journal, issue) papers are
cited under two or more titles that differ beyond case and punctuation, and all but about three are
one paper's title misspelt, shortened or mis-cited; two papers of one first author in one issue keep
one key.  Web of Science and Scopus references never carry an issue into a key.

Unification across the citations of a corpus
--------------------------------------------
One work is often cited with more or less detail: with and without its DOI, with and without
its first page (CSSCI writes ``期刊.年.卷(期)`` and no page, so its ``TEECE|1997|STRATEG MANAGE J|18|``
never equals Web of Science's ``TEECE|1997|STRATEG MANAGE J|18|509``).  Two corpus-wide
tables lend the missing part, and :func:`unified_key` applies them; :func:`references_table`
and :func:`reference_keys` both go through :func:`unified_keys`, so they key alike:

1. **Page** (:func:`page_by_bibliographic_key`): a key without a page, ``A|Y|S|V|`` with author,
   year, source *and* volume all present, takes the page of the single key ``A|Y|S|V|P`` of the
   corpus that has one.  With two or more such pages (two papers of one author in one volume,
   or one paper cited with two first pages) it is ambiguous and stays as it is.  It is also
   left alone when the two keys were seen with different DOIs (or either with two DOIs): two
   keys whose DOIs differ are never merged.
2. **DOI** (:func:`doi_by_bibliographic_key`): a reference *without* a DOI takes the DOI key of a
   reference *with* one when both have the same bibliographic key (after step 1: the page-less
   key and its completion form one group, and a DOI seen on either is the group's), that key
   names a source plus a volume or page, and it points to only one DOI.

Limits: the rule trusts the corpus.  A page-less citation of one paper is merged with another
paper of the same author, year, journal and volume when that other paper is the only one of
them the corpus cites with a page (the DOI check catches this only when both carry DOIs).
No page is lent without a volume (``A|Y|S||``: many Chinese journals have none, and an author's
papers of one year in one journal are then told apart by nothing), nor across different
volumes, years or source spellings; the ``page`` column of :func:`references_table` keeps what
the reference itself says, only ``key`` changes.

Examples
--------
>>> from litkit.refs import parse_wos_reference
>>> reference_key(parse_wos_reference("COSTANZA R., 1997, Nature, V387, p253"))
'COSTANZA|1997|NATURE|387|253'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .gbt7714 import parse_cssci_reference, parse_gbt7714_reference
from .ids import is_id_key
from .sources import normalize_source
from .styles import parse_reference_any, parser_for_database, parser_for_style, reference_style

_ISSUE_PARSERS = (parse_cssci_reference, parse_gbt7714_reference)  # the parsers that read an issue

_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
_NON_WORD = re.compile(r"[\W_]+")


def bibliographic_key(parsed: dict) -> str:
    """``SURNAME|year|SOURCE|volume|page`` of a parsed reference (ignores the DOI).

    A reference without a page but with an issue (a CSSCI or GB/T 7714 journal reference,
    ``期刊.2009.53(18)``) has its issue in the page's place, in parentheses no page can have:
    ``SURNAME|year|SOURCE|volume|(issue)``; its :func:`reference_key` leaves the volume out.

    Examples
    --------
    >>> bibliographic_key({"author": "曾润喜", "year": 2009, "source": "图书情报工作", "volume": "53", "issue": "18"})
    '曾润喜|2009|图书情报工作|53|(18)'
    """
    page = _page_or_volume(parsed.get("page"))
    return "|".join(
        (
            _surname(parsed.get("author")),
            _year_text(parsed.get("year")),
            _source_key(parsed.get("source")),
            _page_or_volume(parsed.get("volume")),
            page or _issue_slot(parsed.get("issue")),
        )
    )


def bibliographic_keys(authors, years, sources, volumes, pages, issues=None) -> list[str]:
    """:func:`bibliographic_key` of many parsed references, given field by field.

    The same as ``[bibliographic_key(p) for p in parsed]``, but each distinct author,
    source, volume and page is folded once: in a corpus a few thousand cited sources
    stand behind hundreds of thousands of distinct references, and normalising the
    source is most of the cost of a key.

    Parameters
    ----------
    authors, years, sources, volumes, pages : sequence
        One value per reference, as the parsers return them (None when absent).
    issues : sequence, optional
        The issue of each reference (CSSCI and GB/T 7714 journal references have one); it
        enters the key of a reference without a page, as in :func:`bibliographic_key`.

    Returns
    -------
    list of str

    Examples
    --------
    >>> bibliographic_keys(["Costanza R", "COSTANZA R."], [1997, 1997], ["NATURE", "Nature"], ["387", "387"],
    ...                    ["253", "p253"])
    ['COSTANZA|1997|NATURE|387|253', 'COSTANZA|1997|NATURE|387|P253']
    """
    authors, years, sources, volumes, pages = map(list, (authors, years, sources, volumes, pages))
    issues = list(issues) if issues is not None and any(issues) else None  # only CSSCI / GB/T references have one
    try:
        surname = _each_distinct(_surname, authors)
        year_text = _each_distinct(_year_text, years)
        source_key = _each_distinct(_source_key, sources)
        fold = _each_distinct(_page_or_volume, volumes + pages)
        issue_slot = _each_distinct(_issue_slot, issues) if issues is not None else None
    except TypeError:  # an unhashable value: one by one
        return [
            bibliographic_key({"author": a, "year": y, "source": s, "volume": v, "page": p, "issue": i})
            for a, y, s, v, p, i in zip(authors, years, sources, volumes, pages, issues or [None] * len(authors))
        ]
    if issue_slot is None:
        return [
            f"{surname[a]}|{year_text[y]}|{source_key[s]}|{fold[v]}|{fold[p]}"
            for a, y, s, v, p in zip(authors, years, sources, volumes, pages)
        ]
    return [
        f"{surname[a]}|{year_text[y]}|{source_key[s]}|{fold[v]}|{fold[p] or issue_slot[i]}"
        for a, y, s, v, p, i in zip(authors, years, sources, volumes, pages, issues)
    ]


def cited_issue(raw, database=None) -> str | None:
    """The issue a page-less CSSCI or GB/T 7714 journal reference is cited by (what its key holds); else None.

    Parameters
    ----------
    raw : str
        One cited-reference string.
    database : str, optional
        The citing record's ``DB``: its references' parser (:func:`litkit.refs.parser_for_database`);
        without it (or for a merged record) the string's own style decides (:func:`litkit.refs.reference_style`).

    Returns
    -------
    str or None
        The issue as written (``"11"``), None for a reference with a page, without an issue, or of
        another style (Web of Science and Scopus strings are keyed by volume and page only).

    Examples
    --------
    >>> cited_issue("曾润喜.网络舆情突发事件预警系统、指标与机制.情报杂志.2009.28(11)", "CSSCI")
    '11'
    >>> cited_issue("[1]谢高地,张彩霞.中国生态系统服务的价值[J].资源科学,2015,37(9):1740-1746.") is None
    True
    """
    if not isinstance(raw, str) or not raw.rstrip(" .．。").endswith((")", "）")):  # an issue closes the string
        return None
    parser = parser_for_database(database) if isinstance(database, str) else None
    if parser is None:
        parser = parser_for_style(reference_style(raw))
    if parser not in _ISSUE_PARSERS:
        return None
    parsed = parser(raw)
    return None if parsed.get("page") else parsed.get("issue")


def table_bibliographic_keys(refs) -> list[str]:
    """:func:`bibliographic_key` of every row of a :func:`litkit.refs.references_table`.

    What the table's keys are made of, for code that keys a table's rows itself (the partitions of
    :mod:`litkit.scale`).  The table has no issue column: a page-less row of a CSSCI or GB/T 7714
    reference has its issue read again from its ``raw`` string, by the parser
    :func:`litkit.refs.references_table` chose for it (from ``DB``).  Each distinct row is keyed once.

    Parameters
    ----------
    refs : pandas.DataFrame
        A references table (``author``, ``year``, ``source``, ``volume``, ``page``, ``raw``, ``DB``).

    Returns
    -------
    list of str
        One bibliographic key per row, in order.

    Examples
    --------
    >>> import pandas as pd
    >>> refs = pd.DataFrame({"author": ["曾润喜"], "year": [2009], "source": ["情报杂志"], "volume": ["28"],
    ...                      "page": [None], "raw": ["曾润喜.网络舆情预警.情报杂志.2009.28(11)"], "DB": ["CSSCI"]})
    >>> table_bibliographic_keys(refs)
    ['曾润喜|2009|情报杂志|28|(11)']
    """
    n = len(refs)
    columns = [refs[c].tolist() for c in ("author", "year", "source", "volume", "page")]
    raws = refs["raw"].tolist() if "raw" in refs.columns else [None] * n
    dbs = refs["DB"].tolist() if "DB" in refs.columns else [None] * n
    cache: dict = {}
    issue_of: dict = {}
    out = []
    for author, year, source, volume, page, raw, db in zip(*columns, raws, dbs):
        try:  # an Int64 column gives pd.NA for a missing year, whose truth value is an error
            year = None if year is None else int(year)
        except (TypeError, ValueError):
            year = None
        # only a page-less reference is keyed by its issue; a string cited many times is parsed once
        issue = None
        if not (isinstance(page, str) and page):
            issue = issue_of.get((raw, db), _MISSING)
            if issue is _MISSING:
                issue = issue_of[raw, db] = cited_issue(raw, db if isinstance(db, str) else "")
        k = (author, year, source, volume, page, issue)
        b = cache.get(k)
        if b is None:
            b = cache[k] = bibliographic_key(
                {"author": author, "year": year, "source": source, "volume": volume, "page": page, "issue": issue}
            )
        out.append(b)
    return out


def reference_key(parsed: dict) -> str:
    """Canonical identity of a cited work: ``doi:<doi>`` or ``SURNAME|year|SOURCE|volume|page``.

    Examples
    --------
    >>> from litkit.refs import parse_wos_reference
    >>> reference_key(parse_wos_reference("Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253A0"))
    'doi:10.1038/387253a0'
    >>> reference_key(parse_wos_reference("Costanza R, 1997, NATURE, V387, P253"))
    'COSTANZA|1997|NATURE|387|253'
    >>> from litkit.refs import parse_cssci_reference
    >>> reference_key(parse_cssci_reference("曾润喜.网络舆情管控工作机制研究.图书情报工作.2009.(18)"))
    '曾润喜|2009|图书情报工作||(18)'
    >>> reference_key(parse_cssci_reference("曾润喜.网络舆情管控工作机制研究.图书情报工作.2009.53(18)"))
    '曾润喜|2009|图书情报工作|53|'
    """
    doi = parsed.get("doi")
    if doi and doi == doi:
        return doi if is_id_key(doi) else "doi:" + str(doi).lower()  # a Lens / OpenAlex ID is its own key
    if not (parsed.get("author") or parsed.get("source")):
        return ""
    bib = bibliographic_key(parsed)
    cited_by_issue = _issue_group(bib)
    if cited_by_issue is None:
        return bib
    # alone, a paper cited by volume and issue is its volume's only paper (unified_key's rule): A|Y|S|V|
    group, volume, issue = cited_by_issue
    return group[: -len(issue) - 1] + volume + "|" if volume and _split_page(bib)[0] else group


# ---- unification across a corpus -----------------------------------------------------------------

_MISSING = object()


def doi_by_bibliographic_key(references: Iterable[tuple]) -> dict[str, str | None]:
    """The DOI each bibliographic key lends to the citations of it that have none.

    Parameters
    ----------
    references : iterable of tuple
        ``(bibliographic_key, doi, source, volume, page)`` of parsed references.

    Returns
    -------
    dict
        Bibliographic key -> DOI, for every key seen on a reference with a DOI, a source
        and a volume or page; the value is None when the key was seen with two different
        DOIs (it then lends none).  Tables of parts of a corpus combine with
        :func:`merge_lending`.

    Examples
    --------
    >>> doi_by_bibliographic_key([("PAN|2011|SCIENCE|333|988", "10.1126/x", "SCIENCE", "333", "988"),
    ...                           ("PAN|2011|SCIENCE|333|988", None, "SCIENCE", "333", "988")])
    {'PAN|2011|SCIENCE|333|988': '10.1126/x'}
    """
    lent: dict[str, str | None] = {}
    for bib, doi, source, volume, page in references:
        if not (doi and source):
            continue
        cited_by_issue = _issue_group(bib) if bib.endswith(")") else None
        if cited_by_issue is not None:  # a page-less paper cited by its issue: the issue's group lends
            bib = cited_by_issue[0]
        elif not (volume or page):
            continue
        known = lent.get(bib, doi)
        lent[bib] = doi if known == doi else None
    return lent


def page_by_bibliographic_key(keys: Iterable[str]) -> dict[str, str | None]:
    """The page each page-less bibliographic key may take: that of its only completion in the corpus.

    Parameters
    ----------
    keys : iterable of str
        Bibliographic keys (:func:`bibliographic_key`) of the corpus's references, repeats allowed.

    Returns
    -------
    dict
        ``"A|Y|S|V|"`` -> page, for every key ``A|Y|S|V|P`` with author, year, source, volume and
        page all present; the value is None when the same ``A|Y|S|V|`` was seen with two different
        pages (it then lends none).  Keys of page-less papers cited by issue, ``A|Y|S|V|(I)``, add
        ``"A|Y|S||(I)"`` -> V and ``"A|Y|S|V|("`` -> ``"(I)"`` (the volume written with the issue, the
        issue written with the volume; None when two were seen), which decide their keys (module
        docstring).  Tables of parts of a corpus combine with :func:`merge_lending`.

    Examples
    --------
    >>> page_by_bibliographic_key(["TEECE|1997|STRATEG MANAGE J|18|509", "TEECE|1997|STRATEG MANAGE J|18|"])
    {'TEECE|1997|STRATEG MANAGE J|18|': '509'}
    >>> page_by_bibliographic_key(["SMITH|2000|ECOL ECON|30|1", "SMITH|2000|ECOL ECON|30|77"])
    {'SMITH|2000|ECOL ECON|30|': None}
    """
    pages: dict[str, str | None] = {}
    for key in set(keys):
        _note_page(pages, key, *_split_page(key))
    return pages


def merge_lending(a: dict, b: dict) -> dict:
    """Two lending tables of parts of one corpus as one (:func:`doi_by_bibliographic_key`,
    :func:`page_by_bibliographic_key`): a key lends a value only when both parts saw the same one.

    Examples
    --------
    >>> merge_lending({"K": "10.1/a", "L": "10.1/c"}, {"K": "10.1/b", "M": None})
    {'K': None, 'L': '10.1/c', 'M': None}
    """
    out = dict(a)
    for k, value in b.items():
        known = out.get(k, value)
        out[k] = value if (known == value and value is not None) else None
    return out


def unified_key(bib: str, doi, named: bool, doi_of_bib: dict, page_of_bib: dict) -> str:
    """The key of one reference in a corpus: its DOI, a lent DOI, a lent page, or its own key.

    Parameters
    ----------
    bib : str
        :func:`bibliographic_key` of the reference.
    doi : str or None
        Its own DOI (lower case).
    named : bool
        Whether it names a work at all (an author or a source); False gives ``""``.
    doi_of_bib, page_of_bib : dict
        :func:`doi_by_bibliographic_key` and :func:`page_by_bibliographic_key` of the corpus.

    Returns
    -------
    str
        ``doi:<doi>``, a bibliographic key, or ``""``; the rule is in the module docstring.

    Examples
    --------
    >>> keys = ["TEECE|1997|STRATEG MANAGE J|18|", "TEECE|1997|STRATEG MANAGE J|18|509"]
    >>> unified_key(keys[0], None, True, {}, page_by_bibliographic_key(keys))
    'TEECE|1997|STRATEG MANAGE J|18|509'
    >>> unified_key(keys[0], None, True, {keys[1]: "10.1002/x"}, page_by_bibliographic_key(keys))
    'doi:10.1002/x'
    """
    if doi:
        return doi if is_id_key(doi) else "doi:" + doi  # a Lens / OpenAlex ID is its own key (litkit.refs.ids)
    if not named:
        return ""
    return _lent_key(bib, *_split_page(bib), doi_of_bib, page_of_bib)


def _lent_key(bib: str, prefix: str | None, page: str, doi_of_bib: dict, page_of_bib: dict) -> str:
    """:func:`unified_key` of a named reference without a DOI, its key already split by :func:`_split_page`."""
    if page.startswith("("):
        return _issue_lent_key(bib, doi_of_bib, page_of_bib)
    if prefix is not None:
        lent_page = page_of_bib.get(prefix)
        if lent_page and (not page or page == lent_page):
            # the page-less key and its only completion are one group, unless their DOIs disagree
            full = prefix + lent_page
            d0, d1 = doi_of_bib.get(prefix, _MISSING), doi_of_bib.get(full, _MISSING)
            if d0 is not None and d1 is not None and (d0 is _MISSING or d1 is _MISSING or d0 == d1):
                group_doi = d1 if d0 is _MISSING else d0
                return full if group_doi is _MISSING else "doi:" + group_doi
    lent = doi_of_bib.get(bib)
    return "doi:" + lent if lent else bib


def unified_keys(references: Iterable[tuple]) -> list[str]:
    """The keys of a corpus's references, DOIs and pages lent across them (:func:`unified_key`).

    Parameters
    ----------
    references : iterable of tuple
        ``(bibliographic_key, doi, source, volume, page, named)`` per reference (or per distinct
        reference: the lending depends only on which values occur, not how often).

    Returns
    -------
    list of str
        One key per tuple, in order.

    Examples
    --------
    >>> unified_keys([("ANSELIN|1995|GEOGR ANAL|27|", None, "Geographical Analysis", "27", None, True),
    ...               ("ANSELIN|1995|GEOGR ANAL|27|93", "10.1111/x", "GEOGR ANAL", "27", "93", True)])
    ['doi:10.1111/x', 'doi:10.1111/x']
    """
    references = list(references)
    doi_of_bib = doi_by_bibliographic_key((r[0], r[1], r[2], r[3], r[4]) for r in references)
    # Each distinct key split once, for the page table and for the keys (page_by_bibliographic_key's rule).
    split = {bib: _split_page(bib) for bib in {r[0] for r in references}}
    page_of_bib: dict[str, str | None] = {}
    for bib, (prefix, page) in split.items():
        _note_page(page_of_bib, bib, prefix, page)
    keys = []
    for bib, doi, _source, _volume, _page, named in references:
        if doi:
            keys.append(doi if is_id_key(doi) else "doi:" + doi)
        elif not named:
            keys.append("")
        else:
            keys.append(_lent_key(bib, *split[bib], doi_of_bib, page_of_bib))
    return keys


def reference_keys(raws) -> list[str]:
    """Canonical keys of a collection of reference strings of any style, unified across them.

    Each string is parsed with :func:`parse_reference_any` and keyed with
    :func:`litkit.refs.reference_key`; as in :func:`litkit.refs.references_table`, DOIs and
    pages are lent across the collection (:func:`unified_keys`; the rule is in the module
    docstring) -- so WoS's ``Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609``
    and Scopus's DOI-less ``Pan Y.; …, Science, 333, 6045, pp. 988-993, (2011)`` get one key.
    A string that yields no key at all is keyed ``raw:<STRING>``.

    Examples
    --------
    >>> reference_keys(["Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609",
    ...                 "Pan Y.; Birdsey R.A., A large and persistent carbon sink, Science, 333, pp. 988-993, (2011)"])
    ['doi:10.1126/science.1201609', 'doi:10.1126/science.1201609']
    """
    parsed = [parse_reference_any(" ".join(str(r).split())) for r in raws]
    bib = [bibliographic_key(p) for p in parsed]
    keys = unified_keys(
        (b, p.get("doi"), p.get("source"), p.get("volume"), p.get("page"), bool(b.strip("|")))
        for p, b in zip(parsed, bib)
    )
    return [k if k else "raw:" + " ".join(str(raw).split()).upper() for raw, k in zip(raws, keys)]


def _issue_lent_key(bib: str, doi_of_bib: dict, page_of_bib: dict) -> str:
    """:func:`unified_key` of a page-less reference cited by its issue (``A|Y|S|V|(I)``, the volume may be empty).

    When every citation of the issue that writes a volume writes the same one, ``V``, and no other
    issue of ``A|Y|S|V`` is cited, the issue is the volume's only paper: the key is the volume's,
    ``A|Y|S|V|``, with what that key is lent (a page, a DOI), as a citation of the volume without
    its issue has it -- so ``53(18)`` and ``(18)`` are one work, ``Science.1999.286(5439)`` meets
    ``Science.1999.286``, and CSSCI's ``Strategic Management Journal.1997.18(7)`` still meets Web of
    Science's ``V18, P509``.  Otherwise (no volume written, two volumes written, or the volume cited
    with two issues: two papers of one author in it) the key is the issue's, ``A|Y|S||(I)``.
    """
    group, _volume, issue = _issue_group(bib)
    volume = page_of_bib.get(group)
    if volume:
        prefix = group[: -len(issue) - 1] + volume + "|"
        if page_of_bib.get(prefix + "(") == issue:
            return _lent_key(prefix, prefix, "", doi_of_bib, page_of_bib)
    lent = doi_of_bib.get(group)
    return "doi:" + lent if lent else group


def _issue_group(bib: str) -> tuple[str, str, str] | None:
    """``"A|Y|S|V|(I)"`` -> ``("A|Y|S||(I)", "V", "(I)")``; None for a key whose last part is not an issue.

    A folded page never holds a parenthesis (:func:`_fold`), so ``(`` marks an issue.
    """
    head, _, slot = bib.rpartition("|")
    if not slot.startswith("("):
        return None
    author_year_source, _, volume = head.rpartition("|")
    return f"{author_year_source}||{slot}", volume, slot


def _note_page(table: dict, bib: str, prefix: str | None, page: str) -> None:
    """Enter one bibliographic key in a page-lending table (:func:`page_by_bibliographic_key`).

    ``A|Y|S|V|P`` notes ``A|Y|S|V|`` -> P.  A page-less key cited by issue, ``A|Y|S|V|(I)``,
    notes ``A|Y|S||(I)`` -> V (the volume written with that issue) and ``A|Y|S|V|(`` -> ``(I)``
    (the issue written with that volume), for :func:`_issue_lent_key`; neither form can be a
    page entry's key, which ends in ``|``.  A second, different value makes an entry None.
    """
    if page.startswith("("):
        if prefix is None:  # no author, year, source or volume: nothing to lend through
            return
        group, volume, issue = _issue_group(bib)
        entries = ((group, volume), (prefix + "(", issue))
    elif page and prefix is not None:
        entries = ((prefix, page),)
    else:
        return
    for key, value in entries:
        known = table.get(key, value)
        table[key] = value if known == value else None


def _issue_slot(issue) -> str:
    """An issue as it enters a key in the page's place: ``"(18)"`` (``"018"`` -> ``"(18)"``); ``""`` for none."""
    text = _fold(issue)
    if not text:
        return ""
    if text.isdigit() and text.isascii():
        text = str(int(text))
    return "(" + text + ")"


def _each_distinct(function, values: list) -> dict:
    """``{value: function(value)}`` over the distinct values (NaN objects are keys by identity)."""
    return {value: function(value) for value in set(values)}


def _year_text(year) -> str:
    return "" if year is None or year != year else str(int(year))


def _split_page(key: str) -> tuple[str | None, str]:
    """``"A|Y|S|V|P"`` -> ``("A|Y|S|V|", "P")``; the prefix is None unless author, year, source, volume are there."""
    prefix, _, page = key.rpartition("|")
    parts = prefix.split("|")
    if len(parts) != 4 or not all(parts):
        return None, page
    return prefix + "|", page


def _fold(text) -> str:
    """Upper-case, full-width forms folded (NFKC), every run of punctuation/space -> one space."""
    if not text or text != text:
        return ""
    text = str(text)
    if text.isalnum():
        return text.upper() if text.isascii() else unicodedata.normalize("NFKC", text).upper()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub(" ", text.upper()).strip()


def _surname(author) -> str:
    """The first author's surname: the name without trailing initials ("Costanza R." -> COSTANZA)."""
    if not author:
        return ""
    author = str(author).lstrip("*").strip()
    if "," in author:  # "Costanza, R" (Scopus, full-name forms)
        return _fold(author.split(",", 1)[0])
    tokens = author.split()
    while (
        len(tokens) > 1
        and _INITIALS.match(tokens[-1].replace(".", "").replace("-", "") + "")
        and len(tokens[-1].replace(".", "").replace("-", "")) <= 4
    ):
        tokens.pop()
    return _fold(" ".join(tokens))


def _page_or_volume(value) -> str:
    return _fold(value)


def _source_key(source) -> str:
    """The cited source as it enters a key: J9-style, so "Ecological Economics", "Ecol. Econ."
    and "ECOL ECON" agree (the ``source`` column keeps what the database wrote)."""
    if not source or source != source:
        return ""
    return _fold(normalize_source(str(source)) or source)


__all__ = [
    "reference_key",
    "bibliographic_key",
    "bibliographic_keys",
    "table_bibliographic_keys",
    "cited_issue",
    "reference_keys",
    "doi_by_bibliographic_key",
    "page_by_bibliographic_key",
    "merge_lending",
    "unified_key",
    "unified_keys",
]
