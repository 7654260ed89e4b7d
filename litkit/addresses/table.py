"""``affiliations(corpus)``: one row per (record, author, address), with institution and country."""

from __future__ import annotations

import json
import re
from collections import namedtuple

import numpy as np
import pandas as pd

from ..errors import LitkitError
from .countries import country_name, country_of, country_table, is_cjk
from .fields import (
    c1_groups,
    cjk_units,
    name_key,
    reprint_addresses,
    scopus_author_affiliations,
    scopus_correspondence,
)
from .institutions import alias_key, bilingual_aliases, institution_aliases, institution_of

__all__ = [
    "affiliations",
    "unresolved_addresses",
    "CORRESPONDENCE_FIELDS",
    "merge_institution_spellings",
    "Unresolved",
    "COLUMNS",
    "UNRESOLVED_COLUMNS",
]

COLUMNS = (
    "record",
    "author",
    "author_position",
    "institution",
    "subunit",
    "country",
    "country_name",
    "constituent",
    "corresponding",
    "source_field",
    "raw",
)
UNRESOLVED_COLUMNS = ("file", "line", "record", "source_field", "address")
Unresolved = namedtuple("Unresolved", UNRESOLVED_COLUMNS)
Unresolved.__doc__ = "An address that names no known country: its file, the record's first line, record, field."


class _Report(tuple):
    """The unresolved-address report in a table's attrs: a tuple of :class:`Unresolved` that pandas copies as is.

    pandas deep-copies ``attrs`` into every frame or column derived from a table (``aff["country"]``,
    ``aff[mask]``); walking tens of thousands of namedtuples each time cost more than the networks built from
    the table.  Its items are immutable (strings, ints, None), so the copy can be the tuple itself.
    """

    __slots__ = ()

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self


# The name each export gives its address fields: (addresses, author-linked addresses, corresponding address).
_FIELD_NAMES = {
    "scopus_csv": ("Affiliations", "Authors with affiliations", "Correspondence Address"),
    "scopus_plain": ("AFFILIATIONS", "AFFILIATIONS", "CORRESPONDENCE ADDRESS"),
    "ris": ("AD", "AD", "RP"),
    "pubmed": ("AD", "AD", "RP"),
    "cnki_refworks": ("AD", "AD", "RP"),
    "cnki_endnote": ("%+", "%+", "RP"),
    "cnki_noteexpress": ("Author Address", "Author Address", "RP"),
    "cnki_estudy": ("机构", "机构", "RP"),
    "cnki_selfdefined": ("单位", "单位", "RP"),
    "cssci": ("机构", "机构", "RP"),
}
#: ``source_field`` values of corresponding (reprint) address rows, in every export's own terms: WoS and the
#: readers without a field of their own ``RP``, Scopus ``Correspondence Address`` (CSV), ``CORRESPONDENCE
#: ADDRESS`` (plain text), ``correspondence_address`` (BibTeX).  bibliometrix reads countries from them only when
#: the other addresses name none (``AU_CO`` in its ``metaTagExtraction.R``).
CORRESPONDENCE_FIELDS = frozenset({names[2] for names in _FIELD_NAMES.values()} | {"RP", "correspondence_address"})
_CHINESE_DBS = ("CNKI", "CSSCI")
_NOT_AN_ADDRESS = re.compile(r"^[\d\s.,;-]*$")
_EXTRA_KEYS = re.compile(r'"(?:C3|Affiliations|Authors with affiliations)"')
_EXTRA_PREFIXES = tuple((key, f'"{key}": "') for key in ("C3", "Affiliations", "Authors with affiliations"))
_JSON_STRING_BODY = re.compile(r'([^"\\]*(?:\\.[^"\\]*)*)"')
_EMPTY: frozenset = frozenset()
_CSSCI_GROUPS = re.compile(r"\.?/(?=\[)")


def affiliations(
    corpus,
    *,
    group_greater_china: bool = False,
    aliases=None,
    country_aliases=None,
    merge_spellings: bool = True,
    bilingual_aliases: bool = True,
) -> pd.DataFrame:
    """Institutions and countries of every author address of a corpus.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        A corpus from :func:`litkit.read` (any format: Web of Science plain text, tab-delimited and BibTeX,
        Scopus CSV and BibTeX, RIS, CNKI, CSSCI).
    group_greater_china : bool, default False
        Hong Kong, Macao and Taiwan are HK, MO and TW (their ISO 3166-1 codes) by default.  True groups them
        with China: ``country`` CN and ``constituent`` "Hong Kong" / "Macao" / "Taiwan".
    aliases : path, dict or DataFrame, optional
        Institution variants to merge (``variant,institution``), on top of ``litkit/data/institution_aliases.csv``.
    country_aliases : path or dict, optional
        More country spellings (``name,code``), on top of pycountry and ``litkit/data/countries_aliases.csv``.
    merge_spellings : bool, default True
        Merge institution spellings that differ only in case, accents or punctuation, by their use in this
        table.  False leaves them as written (aliases applied), for parts of a corpus whose tables are
        concatenated and then merged as one with :func:`merge_institution_spellings` (``litkit.scale``).
    bilingual_aliases : bool, default True
        A Chinese name of a Chinese university or CAS institute becomes the English name Web of Science
        gives it (``litkit/data/institution_aliases_zh.csv``: 北京大学 -> Peking Univ, 中国科学院 ->
        Chinese Acad Sci) when the table names that English institution too, so a merged CNKI + WoS corpus
        counts each once; a corpus naming only the Chinese form keeps it.  Done with the spelling merge
        (corpus-wide; ``merge_spellings=False`` leaves it to :func:`merge_institution_spellings`).  False
        keeps the names as written.  The table says which in ``.attrs["bilingual_aliases"]``.

    Returns
    -------
    DataFrame
        One row per (record, author, address) with columns:

        - ``record``: row position of the record in the corpus;
        - ``author``: the author as the field names them (full name where the record gives it; "" when the
          record has no authors or the address names nobody, as in ``C3``);
        - ``author_position``: 0-based position in the record's authors (-1 when not found);
        - ``institution``: the top-level organisation (aliases applied; spellings that differ only in case,
          accents, punctuation or a leading "The" take the most used one); ``subunit``: departments, schools,
          laboratories (Chinese: the rest of the unit);
        - ``country``: ISO 3166-1 alpha-2 code of the address's last element, or "" when none is named;
          ``country_name``; ``constituent`` (England, Scotland, Wales, Northern Ireland for GB; the region of
          grouped Greater China);
        - ``corresponding``: the author is a corresponding (reprint) author of the record;
        - ``source_field``: the field the row comes from, in the export's own terms (WoS ``C1``, ``RP``,
          ``C3``; Scopus ``Authors with affiliations``, ``Affiliations``, ``Correspondence Address``; RIS
          and CNKI RefWorks ``AD``; CNKI EndNote ``%+``; ...);
        - ``raw``: the address as written (without its ``[authors]`` group).

        An address without an author group belongs to every author of the record (one row each).  Scopus
        records take each author's affiliations from ``Authors with affiliations``; an ``Affiliations`` entry
        that no author entry names gets one row with no author.  ``RP`` rows
        repeat the corresponding author's ``C1`` address (filter on ``source_field`` to count each address
        once).  ``C3`` rows (WoS's organisation-enhanced names) have an institution and no country.  Chinese
        units are in China (CN) unless they start with another country's name (``litkit/data/countries_zh.csv``);
        place-and-postcode pieces that CNKI splits off ("北京 100084") are not affiliations and give no row.

        Addresses that name no known country are reported, never guessed: :func:`unresolved_addresses` of the
        table (or of the corpus) gives a DataFrame (``file``, ``line``, ``record``, ``source_field``,
        ``address``), one row per record and address, ``line`` being the first line of the record in its file.
        The table carries them in ``.attrs["unresolved"]`` as a tuple of :class:`Unresolved` tuples (plain
        tuples, so that pandas can compare and copy the attrs of derived frames).  Fix the spelling table
        (``country_aliases``) and rerun.

    Examples
    --------
    >>> import litkit, pandas as pd
    >>> records = pd.DataFrame({
    ...     "AU": [["Li, W", "Roe, J"]],
    ...     "AF": [["Li, Wei", "Roe, Jane"]],
    ...     "C1": [["[Li, Wei] Beth Israel Deaconess Med Ctr, Boston, MA 02215 USA.",
    ...             "[Roe, Jane] Tbilisi State Univ, Tbilisi 0179, Georgia."]],
    ...     "RP": ["Roe, J (corresponding author), Tbilisi State Univ, Tbilisi 0179, Georgia."],
    ...     "DB": ["WoS"]})
    >>> aff = litkit.affiliations(records)
    >>> aff[["author", "institution", "country", "corresponding", "source_field"]].values.tolist()
    [['Li, Wei', 'Beth Israel Deaconess Med Ctr', 'US', False, 'C1'], ['Roe, Jane', 'Tbilisi State Univ', 'GE', True, 'C1'], ['Roe, Jane', 'Tbilisi State Univ', 'GE', True, 'RP']]
    >>> corpus = litkit.read("savedrecs.txt")                                      # doctest: +SKIP
    >>> aff = litkit.affiliations(corpus)                                         # doctest: +SKIP
    >>> aff[aff.source_field == "C1"].groupby("country").record.nunique()         # doctest: +SKIP
    """
    df = corpus.df if hasattr(corpus, "df") else corpus
    if not isinstance(df, pd.DataFrame):
        raise LitkitError("affiliations() needs a Corpus or a DataFrame", expected="the result of litkit.read")
    table = country_table(country_aliases) if country_aliases is not None else None
    alias_table = institution_aliases(aliases)
    builder = _Builder(table, alias_table, group_greater_china, merge_spellings, bilingual_aliases)
    get = df.get
    columns = [
        get(name, pd.Series([None] * len(df), index=df.index)).tolist()
        for name in ("AU", "AF", "C1", "RP", "extra", "DB", "source_format", "source_file", "source_line")
    ]
    for record, values in enumerate(zip(*columns)):
        builder.record(record, *values)
    out = builder.frame()
    out.attrs["bilingual_aliases"] = bool(bilingual_aliases)
    return out


def unresolved_addresses(corpus_or_table, **options) -> pd.DataFrame:
    """Every address that names no known country: file, line, record, source_field, address.

    Parameters
    ----------
    corpus_or_table : Corpus, DataFrame
        A table made by :func:`affiliations` (its report is read, nothing is recomputed), or a corpus
        (then ``affiliations(corpus, **options)`` is computed first).
    **options
        Passed to :func:`affiliations` for a corpus.

    Returns
    -------
    DataFrame
        Columns ``file``, ``line`` (first line of the record in its file), ``record``, ``source_field``,
        ``address``; one row per record and address, in corpus order.

    Examples
    --------
    >>> import litkit, pandas as pd
    >>> df = pd.DataFrame({"AU": [["Li, W"]], "C1": [["Harvard Med Sch, Boston"]], "DB": ["WoS"]})
    >>> unresolved_addresses(df)[["record", "source_field", "address"]].to_dict("records")
    [{'record': 0, 'source_field': 'C1', 'address': 'Harvard Med Sch, Boston'}]
    >>> aff = litkit.affiliations(df)
    >>> aff.attrs["unresolved"]
    (Unresolved(file='', line=None, record=0, source_field='C1', address='Harvard Med Sch, Boston'),)
    >>> unresolved_addresses(aff).equals(unresolved_addresses(df))
    True
    """
    df = corpus_or_table
    if isinstance(df, pd.DataFrame) and "unresolved" in df.attrs and "raw" in df.columns:
        report = df.attrs["unresolved"]
    else:
        report = affiliations(corpus_or_table, **options).attrs["unresolved"]
    out = pd.DataFrame(list(report), columns=list(UNRESOLVED_COLUMNS))
    out["line"] = out["line"].astype("Int64")
    out["record"] = out["record"].astype("int64")
    return out


def merge_institution_spellings(table: pd.DataFrame) -> pd.DataFrame:
    """An affiliations table with its institution spellings merged by their use in the table.

    What :func:`affiliations` does by default (spellings that differ only in case, accents, dots, '&'/'and'
    or a leading 'The' take the one most rows use; ties: the first in sort order; Chinese names whose English
    name the table holds too take it, unless ``table.attrs["bilingual_aliases"]`` is False), for a table made
    with ``merge_spellings=False`` -- e.g. the tables of a corpus's partitions, concatenated.

    Parameters
    ----------
    table : DataFrame
        From :func:`affiliations` with ``merge_spellings=False``.

    Returns
    -------
    DataFrame
        A copy with ``institution`` merged (attrs kept); equal to ``affiliations(corpus)`` when ``table`` is
        ``affiliations(corpus, merge_spellings=False)``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"institution": ["UNIV ILLINOIS", "Univ Illinois", "Univ Illinois", ""]})
    >>> merge_institution_spellings(t)["institution"].tolist()
    ['Univ Illinois', 'Univ Illinois', 'Univ Illinois', '']
    """
    attrs = dict(table.attrs)
    if "unresolved" in attrs:  # a concatenation's report (plain tuple) is copied as is from now on
        attrs["unresolved"] = _Report(attrs["unresolved"])
    table = table.copy(deep=False)
    table.attrs = attrs
    codes, names = pd.factorize(table["institution"].to_numpy(dtype=object))
    bilingual = bool(attrs.get("bilingual_aliases", True))
    merged = _merge_spellings(list(names), np.bincount(codes, minlength=len(names)), bilingual)
    out = table.copy()
    out["institution"] = pd.array(merged, dtype="str").take(codes) if len(codes) else table["institution"].array
    out.attrs = attrs
    return out


# --------------------------------------------------------------------------- private helpers


class _Builder:
    """Collects the rows column by column; parses each distinct (address, style) once.

    Addresses repeat a lot (every co-author of a group shares one, and institutions recur across records), so a
    row stores the id of its parsed address and the string columns are made by one ``take`` per column.
    """

    def __init__(
        self,
        table,
        alias_table: dict[str, str],
        group_greater_china: bool,
        merge_spellings: bool = True,
        bilingual: bool = True,
    ):
        self.bilingual = bilingual
        self.table = table
        self.alias_table = alias_table
        self.group = group_greater_china
        self.merge_spellings = merge_spellings
        self.index: dict[tuple[str, bool], int] = {}
        self.parsed: list[tuple[str, str, str, str, str]] = []  # (raw, institution, subunit, code, constituent)
        self.unresolved_ids: set[int] = set()
        self.inst_cache: dict[str, str] = {}
        self.c1_cache: dict[str, tuple[list[str], str]] = {}
        self.rp_cache: dict[str, list[tuple[str, str]]] = {}
        self.c3_cache: dict[str, list[int]] = {}
        self.kinds: dict[tuple, tuple] = {}
        self.fields: dict[str, int] = {}
        self.rows_record: list[int] = []
        self.rows_author: list[str] = []
        self.rows_position: list[int] = []
        self.rows_corresponding: list[bool] = []
        self.rows_field: list[int] = []
        self.rows_id: list[int] = []
        self.unresolved: list[tuple] = []
        self.unresolved_seen: set = set()

    # -- one record
    def record(self, record, au, af, c1, rp, extra, db, source_format, source_file, source_line):
        au = au if type(au) is list else _as_list(au)
        af = af if type(af) is list else _as_list(af)
        c1 = c1 if type(c1) is list else _as_list(c1)
        kind = self.kinds.get((db, source_format))
        if kind is None:
            kind = self.kinds[(db, source_format)] = _kind(db, source_format)
        f_addr, f_linked, f_rp, wos, scopus, chinese = kind
        names = af if af and len(af) == len(au) else au
        where = (source_file, source_line)
        if chinese and any("/[" in e for e in c1):  # CSSCI: "[作者甲]单位甲./[作者乙]单位乙."
            c1 = [part for e in c1 for part in _CSSCI_GROUPS.split(e) if part.strip()]
        # Only the few fields this module reads are looked for, so most records skip the JSON parse.
        extra = _extra_fields(extra) if type(extra) is str and _EXTRA_KEYS.search(extra) else None

        # Corresponding authors first: their positions mark the C1 rows too.
        rp_rows = self.rp_rows(rp, scopus) if type(rp) is str and rp else ()
        rp_positions = _EMPTY
        rp_found = []
        if rp_rows:
            rp_positions = set()
            for n, _ in rp_rows:
                pos = _find(au, n) if n else -1
                rp_found.append(pos)
                if pos >= 0:
                    rp_positions.add(pos)
        every = None  # (names, positions, corresponding) of an address that belongs to every author

        linked = None
        if scopus and extra:
            awa = extra.get("Authors with affiliations")
            if type(awa) is str and awa.strip() and au:
                linked = scopus_author_affiliations(awa, len(au), c1)
        if linked is not None:
            used = set()
            for i, addresses in enumerate(linked):
                for address in addresses:
                    used.add(address)
                    self.add(record, [names[i]], [i], [i in rp_positions], f_linked, address, wos, where)
            for address in c1:  # an affiliation no author entry names is kept, with no author
                if address not in used:
                    self.add(record, [""], [-1], [False], f_addr, address, wos, where)
        else:
            for entry in c1:
                if type(entry) is not str or not entry:  # a hand-made frame may hold None or NaN in a list
                    continue
                if entry[:1] == "[":
                    parsed = self.c1_cache.get(entry)
                    if parsed is None:
                        parsed = self.c1_cache[entry] = c1_groups(entry)
                    group, address = parsed
                elif chinese:
                    group, address = None, None
                else:
                    group, address = c1_groups(entry, af if wos else None)
                if group:
                    positions = [_find(names, n, au) for n in group]
                    corr = [p in rp_positions for p in positions] if rp_positions else [False] * len(group)
                    self.add(record, group, positions, corr, f_addr, address, wos, where)
                    continue
                if every is None:
                    every = _everyone(names, rp_positions)
                if address is None:
                    for unit in cjk_units(entry):
                        self.add(record, *every, f_addr, unit, wos, where)
                else:
                    self.add(record, *every, f_addr, address, wos, where)
        for (n, address), pos in zip(rp_rows, rp_found):
            self.add(record, [names[pos] if pos >= 0 else n], [pos], [True], f_rp, address, wos, where)
        if wos and extra:
            c3 = extra.get("C3") or extra.get("Affiliations")
            if type(c3) is str:
                self.add_c3(record, c3)

    def rp_rows(self, rp: str, scopus: bool) -> list[tuple[str, str]]:
        hit = self.rp_cache.get(rp)
        if hit is not None:
            return hit
        rows: list[tuple[str, str]] = []
        parts = reprint_addresses(rp)
        if parts:
            for rp_names, address in parts:
                for n in rp_names or [""]:
                    rows.append((n, address))
        elif scopus:
            rows.append(scopus_correspondence(rp))
        elif rp.strip():
            rows.append(("", rp.strip()))
        self.rp_cache[rp] = rows
        return rows

    def add(self, record, authors, positions, corresponding, field, address, wos, where):
        """Rows of one address for the given authors (lists of equal length)."""
        pid = self.index.get((address, wos))
        if pid is None:
            pid = self.parse(address, wos)
        if pid < 0:
            return
        fid = self.fields.get(field)
        if fid is None:
            fid = self.fields[field] = len(self.fields)
        k = len(authors)
        if k == 1:
            self.rows_record.append(record)
            self.rows_field.append(fid)
            self.rows_id.append(pid)
        else:
            self.rows_record.extend([record] * k)
            self.rows_field.extend([fid] * k)
            self.rows_id.extend([pid] * k)
        self.rows_author.extend(authors)
        self.rows_position.extend(positions)
        self.rows_corresponding.extend(corresponding)
        if pid in self.unresolved_ids:
            key = (record, field, pid)
            if key not in self.unresolved_seen:
                self.unresolved_seen.add(key)
                file, line = where
                self.unresolved.append(
                    (file if isinstance(file, str) else "", _int(line), record, field, self.parsed[pid][0])
                )

    def add_c3(self, record, c3: str):
        pids = self.c3_cache.get(c3)
        if pids is None:
            pids = []
            for org in c3.split(";"):
                org = org.strip()
                if org:
                    key = (org, None)
                    pid = self.index.get(key)
                    if pid is None:
                        pid = self.index[key] = len(self.parsed)
                        self.parsed.append((org, self.alias(org), "", "", ""))
                    pids.append(pid)
            self.c3_cache[c3] = pids
        fid = self.fields.get("C3")
        if fid is None:
            fid = self.fields["C3"] = len(self.fields)
        k = len(pids)
        self.rows_record.extend([record] * k)
        self.rows_author.extend([""] * k)
        self.rows_position.extend([-1] * k)
        self.rows_corresponding.extend([False] * k)
        self.rows_field.extend([fid] * k)
        self.rows_id.extend(pids)

    def parse(self, address: str, wos: bool) -> int:
        key = (address, wos)
        raw = address.strip()
        if not raw or _NOT_AN_ADDRESS.match(raw):  # CNKI's bare postcodes ("100029")
            self.index[key] = -1
            return -1
        institution, subunit = institution_of(raw, wos=wos)
        if is_cjk(raw) and not institution:  # a CNKI place-and-postcode piece ("北京 100084"): not an affiliation
            self.index[key] = -1
            return -1
        match = country_of(raw, group_greater_china=self.group, table=self.table)
        pid = self.index[key] = len(self.parsed)
        self.parsed.append((raw, self.alias(institution), subunit, match.code, match.constituent))
        if not match.code:
            self.unresolved_ids.add(pid)
        return pid

    def alias(self, institution: str) -> str:
        hit = self.inst_cache.get(institution)
        if hit is None:
            hit = self.alias_table.get(alias_key(institution), institution) if institution else ""
            self.inst_cache[institution] = hit
        return hit

    def frame(self) -> pd.DataFrame:
        ids = np.fromiter(self.rows_id, dtype=np.int64, count=len(self.rows_id))
        distinct = list(zip(*self.parsed)) if self.parsed else [(), (), (), (), ()]
        if self.merge_spellings:
            distinct[1] = _merge_spellings(distinct[1], np.bincount(ids, minlength=len(self.parsed)), self.bilingual)
        raw, institution, subunit, country, constituent = (pd.array(list(col), dtype="str") for col in distinct)
        names = pd.array([country_name(c) for c in distinct[3]], dtype="str")
        field_names = pd.array(sorted(self.fields, key=self.fields.get), dtype="str")
        fids = np.fromiter(self.rows_field, dtype=np.int64, count=len(self.rows_field))
        out = pd.DataFrame(
            {
                "record": np.fromiter(self.rows_record, dtype=np.int64, count=len(self.rows_record)),
                "author": pd.array(self.rows_author, dtype="str"),
                "author_position": np.fromiter(self.rows_position, dtype=np.int64, count=len(self.rows_position)),
                "institution": institution.take(ids),
                "subunit": subunit.take(ids),
                "country": country.take(ids),
                "country_name": names.take(ids),
                "constituent": constituent.take(ids),
                "corresponding": np.fromiter(self.rows_corresponding, dtype=bool, count=len(self.rows_corresponding)),
                "source_field": field_names.take(fids),
                "raw": raw.take(ids),
            },
            columns=list(COLUMNS),
        )
        out.attrs["unresolved"] = _Report(Unresolved(*row) for row in self.unresolved)
        return out


def _merge_spellings(institutions, counts, bilingual: bool = True) -> list[str]:
    """Institutions that differ only in case, accents, dots, '&'/'and' or a leading 'The' take the spelling
    most rows use (ties: the first in sort order), so "UNIV ILLINOIS" and "Univ Illinois" count as one.

    With ``bilingual``, first: a Chinese name of the shipped table whose English name (any spelling of it)
    is among ``institutions`` becomes that English name (清华大学 -> Tsinghua Univ in a merged corpus)."""
    if bilingual:
        table = bilingual_aliases()
        present = {alias_key(name) for name, n in zip(institutions, counts) if name and n}
        rename = {}
        for name in set(institutions):
            english = table.get(alias_key(name)) if name else None
            if english is not None and alias_key(english) in present:
                rename[name] = english
        if rename:
            institutions = [rename.get(name, name) for name in institutions]
    weight: dict[str, int] = {}
    for name, n in zip(institutions, counts):
        if name:
            weight[name] = weight.get(name, 0) + int(n)
    best: dict[str, str] = {}
    for name in sorted(weight):
        key = alias_key(name)
        current = best.get(key)
        if current is None or weight[name] > weight[current]:
            best[key] = name
    return [best[alias_key(name)] if name else name for name in institutions]


def _kind(db, source_format) -> tuple:
    """Field names and reading rules of a record's database and reader."""
    db = db if isinstance(db, str) else ""
    source_format = source_format if isinstance(source_format, str) else ""
    f_addr, f_linked, f_rp = _FIELD_NAMES.get(source_format, ("C1", "C1", "RP"))
    wos = db.startswith("WoS") or (not db and source_format.startswith("wos"))
    scopus = db.startswith("Scopus")
    if scopus and source_format == "bibtex":
        f_addr, f_linked, f_rp = "affiliations", "affiliations", "correspondence_address"
    chinese = db in _CHINESE_DBS or source_format.startswith(("cnki", "cssci"))
    return f_addr, f_linked, f_rp, wos, scopus, chinese


def _find(names: list[str], name: str, other: list[str] | None = None) -> int:
    """Position of an author: as written (list.index runs in C), else by surname and initial; -1 if absent."""
    try:
        return names.index(name)
    except ValueError:
        pass
    if other is not None:
        try:
            return other.index(name)
        except ValueError:
            pass
    key = name_key(name)
    for i, candidate in enumerate(names):
        if name_key(candidate) == key:
            return i
    return -1


def _everyone(names: list[str], rp_positions) -> tuple[list, list, list]:
    """Authors, positions and corresponding flags of an address that names no group: every author."""
    if not names:
        return [""], [-1], [False]
    n = len(names)
    return list(names), list(range(n)), [i in rp_positions for i in range(n)]


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [v for v in value if isinstance(v, str)]
    except TypeError:  # NaN / NA
        return []


def _extra_fields(value: str) -> dict:
    """The string values of C3, Affiliations and Authors with affiliations in a record's extra JSON.

    litkit writes extra with json.dumps, so a string value is ``"key": "..."``: finding those three keys with
    str.find and reading only their values spares parsing (or scanning) the whole object for every record.
    Anything else (other separators, a non-string value) goes through json.loads.
    """
    found = {}
    for key, prefix in _EXTRA_PREFIXES:
        start = value.find(prefix)
        if start >= 0:
            m = _JSON_STRING_BODY.match(value, start + len(prefix))
            if m:
                text = m.group(1)
                found[key] = json.loads(f'"{text}"') if "\\" in text else text
    return found or _extra(value)


def _extra(value) -> dict:
    if isinstance(value, dict):
        return value
    if not isinstance(value, str) or not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        raise LitkitError(f"the extra column holds invalid JSON: {exc}", expected="a JSON object") from exc
    return parsed if isinstance(parsed, dict) else {}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
