"""``affiliations(corpus)``: one row per (record, author, address), with institution and country."""

from __future__ import annotations

import json
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
from .institutions import alias_key, institution_aliases, institution_of

__all__ = ["affiliations", "unresolved_addresses", "COLUMNS", "UNRESOLVED_COLUMNS"]

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

# The name each export gives its address fields: (addresses, author-linked addresses, corresponding address).
_FIELD_NAMES = {
    "scopus_csv": ("Affiliations", "Authors with affiliations", "Correspondence Address"),
    "ris": ("AD", "AD", "RP"),
    "cnki_refworks": ("AD", "AD", "RP"),
    "cnki_endnote": ("%+", "%+", "RP"),
    "cnki_noteexpress": ("Author Address", "Author Address", "RP"),
    "cnki_estudy": ("机构", "机构", "RP"),
    "cnki_selfdefined": ("单位", "单位", "RP"),
    "cssci": ("机构", "机构", "RP"),
}
_CHINESE_DBS = ("CNKI", "CSSCI")
_GREATER_CHINA = {"HK": "Hong Kong", "MO": "Macao", "TW": "Taiwan"}


def affiliations(
    corpus,
    *,
    group_greater_china: bool = False,
    aliases=None,
    country_aliases=None,
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

    Returns
    -------
    DataFrame
        One row per (record, author, address) with columns:

        - ``record``: row position of the record in the corpus;
        - ``author``: the author as the field names them (full name where the record gives it; "" when the
          record has no authors or the address names nobody, as in ``C3``);
        - ``author_position``: 0-based position in the record's authors (-1 when not found);
        - ``institution``: the top-level organisation (aliases applied); ``subunit``: departments, schools,
          laboratories (Chinese: the rest of the unit);
        - ``country``: ISO 3166-1 alpha-2 code of the address's last element, or "" when none is named;
          ``country_name``; ``constituent`` (England, Scotland, Wales, Northern Ireland for GB; the region of
          grouped Greater China);
        - ``corresponding``: the author is a corresponding (reprint) author of the record;
        - ``source_field``: the field the row comes from, in the export's own terms (WoS ``C1``, ``RP``,
          ``C3``; Scopus ``Authors with affiliations``, ``Affiliations``, ``Correspondence Address``; RIS
          and CNKI RefWorks ``AD``; CNKI EndNote ``%+``; ...);
        - ``raw``: the address as written (without its ``[authors]`` group).

        An address without an author group belongs to every author of the record (one row each).  ``RP`` rows
        repeat the corresponding author's ``C1`` address (filter on ``source_field`` to count each address
        once).  ``C3`` rows (WoS's organisation-enhanced names) have an institution and no country.  Chinese
        units are in China (CN) unless they start with another country's name (``litkit/data/countries_zh.csv``);
        place-and-postcode pieces that CNKI splits off ("北京 100084") are not affiliations and give no row.

        ``.attrs["unresolved"]`` is a DataFrame (``file``, ``line``, ``record``, ``source_field``,
        ``address``) of every address that names no known country, one row per record and address;
        ``line`` is the first line of the record in its file.  Nothing is guessed: fix the spelling table
        (``country_aliases``) and rerun.  :func:`unresolved_addresses` returns the same table.

    Examples
    --------
    >>> import litkit
    >>> corpus = litkit.read("../shared/corpora/wos-plaintext-savedrecs-alt/savedrecs_1.txt")  # doctest: +SKIP
    >>> aff = litkit.affiliations(corpus)                                         # doctest: +SKIP
    >>> aff[aff.source_field == "C1"].groupby("country").record.nunique()         # doctest: +SKIP
    """
    df = corpus.df if hasattr(corpus, "df") else corpus
    if not isinstance(df, pd.DataFrame):
        raise LitkitError("affiliations() needs a Corpus or a DataFrame", expected="the result of litkit.read")
    table = country_table(country_aliases) if country_aliases is not None else None
    alias_table = institution_aliases(aliases)
    builder = _Builder(table, alias_table, group_greater_china)
    get = df.get
    columns = [
        get(name, pd.Series([None] * len(df), index=df.index)).tolist()
        for name in ("AU", "AF", "C1", "RP", "extra", "DB", "source_format", "source_file", "source_line")
    ]
    for record, values in enumerate(zip(*columns)):
        builder.record(record, *values)
    return builder.frame()


def unresolved_addresses(corpus, **options) -> pd.DataFrame:
    """Every address of the corpus that names no known country (file, line, record, source_field, address).

    Same as ``affiliations(corpus, **options).attrs["unresolved"]``.

    Examples
    --------
    >>> import litkit, pandas as pd
    >>> df = pd.DataFrame({"AU": [["Li, W"]], "C1": [["Harvard Med Sch, Boston"]], "DB": ["WoS"]})
    >>> unresolved_addresses(df)[["record", "source_field", "address"]].to_dict("records")
    [{'record': 0, 'source_field': 'C1', 'address': 'Harvard Med Sch, Boston'}]
    """
    return affiliations(corpus, **options).attrs["unresolved"]


# --------------------------------------------------------------------------- private helpers


class _Builder:
    """Collects the rows column by column; parses each distinct (address, style) once."""

    def __init__(self, table, alias_table: dict[str, str], group_greater_china: bool):
        self.table = table
        self.alias_table = alias_table
        self.group = group_greater_china
        self.cache: dict[tuple[str, bool], tuple[str, str, str, str]] = {}
        self.inst_cache: dict[str, str] = {}
        self.cols: dict[str, list] = {c: [] for c in ("record", "author", "author_position", "corresponding")}
        self.cols.update({"source_field": [], "raw": [], "_parsed": []})
        self.unresolved: list[tuple] = []
        self.unresolved_seen: set = set()

    # -- one record
    def record(self, record, au, af, c1, rp, extra, db, source_format, source_file, source_line):
        au = _as_list(au)
        af = _as_list(af)
        c1 = _as_list(c1)
        db = db if isinstance(db, str) else ""
        source_format = source_format if isinstance(source_format, str) else ""
        extra = _extra(extra)
        names = af if len(af) == len(au) and af else au
        positions = {n: i for i, n in reversed(list(enumerate(names)))}
        for i, n in enumerate(au):
            positions.setdefault(n, i)
        f_addr, f_linked, f_rp = _FIELD_NAMES.get(source_format, ("C1", "C1", "RP"))
        wos = db.startswith("WoS") or (not db and source_format.startswith("wos"))
        scopus = db.startswith("Scopus")
        chinese = db in _CHINESE_DBS or source_format.startswith(("cnki", "cssci"))
        where = (source_file if isinstance(source_file, str) else "", _int(source_line), record)

        # Corresponding authors first: their keys mark the C1 rows too.
        rp_rows: list[tuple[str, str]] = []
        if isinstance(rp, str) and rp.strip():
            parts = reprint_addresses(rp)
            if parts:
                for rp_names, address in parts:
                    for n in rp_names or [""]:
                        rp_rows.append((n, address))
            elif scopus:
                rp_rows.append(scopus_correspondence(rp))
            else:
                rp_rows.append(("", rp.strip()))
        rp_keys = {name_key(n) for n, _ in rp_rows if n}
        short_of = {}
        if len(af) == len(au):
            short_of = {full: short for full, short in zip(af, au)}

        def is_corresponding(author: str) -> bool:
            if not author or not rp_keys:
                return False
            return name_key(author) in rp_keys or name_key(short_of.get(author, author)) in rp_keys

        linked = None
        awa = extra.get("Authors with affiliations") if scopus else None
        if isinstance(awa, str) and awa.strip() and au:
            linked = scopus_author_affiliations(awa, len(au), c1)
        if linked is not None:
            for i, addresses in enumerate(linked):
                for address in addresses:
                    self.add(record, names[i], i, is_corresponding(names[i]), f_linked, address, wos, where)
        else:
            for entry in c1:
                if chinese:
                    for unit in cjk_units(entry):
                        self.add_all(record, names, unit, wos, where, is_corresponding, f_addr)
                    continue
                group, address = c1_groups(entry, af if wos else None)
                if group:
                    for n in group:
                        pos = positions.get(n, -1)
                        self.add(record, n, pos, is_corresponding(n), f_addr, address, wos, where)
                else:
                    self.add_all(record, names, address, wos, where, is_corresponding, f_addr)
        for n, address in rp_rows:
            author, pos = n, -1
            if n:
                key = name_key(n)
                for i, short in enumerate(au):
                    if name_key(short) == key:
                        author, pos = names[i], i
                        break
            self.add(record, author, pos, True, f_rp, address, wos, where)
        if wos:
            c3 = extra.get("C3") or extra.get("Affiliations")
            if isinstance(c3, str):
                for org in (o.strip() for o in c3.split(";")):
                    if org:
                        self.add_c3(record, org)

    def add_all(self, record, names, address, wos, where, is_corresponding, field):
        if not names:
            self.add(record, "", -1, False, field, address, wos, where)
        for i, n in enumerate(names):
            self.add(record, n, i, is_corresponding(n), field, address, wos, where)

    def add(self, record, author, position, corresponding, field, address, wos, where):
        address = address.strip()
        if not address:
            return
        parsed = self.parse(address, wos)
        if parsed is None:  # a CNKI place-and-postcode piece: not an affiliation
            return
        cols = self.cols
        cols["record"].append(record)
        cols["author"].append(author)
        cols["author_position"].append(position)
        cols["corresponding"].append(corresponding)
        cols["source_field"].append(field)
        cols["raw"].append(address)
        cols["_parsed"].append(parsed)
        if not parsed[2]:
            key = (record, field, address)
            if key not in self.unresolved_seen:
                self.unresolved_seen.add(key)
                self.unresolved.append((where[0], where[1], record, field, address))

    def add_c3(self, record, org):
        cols = self.cols
        cols["record"].append(record)
        cols["author"].append("")
        cols["author_position"].append(-1)
        cols["corresponding"].append(False)
        cols["source_field"].append("C3")
        cols["raw"].append(org)
        cols["_parsed"].append((self.alias(org), "", "", ""))

    def parse(self, address: str, wos: bool):
        key = (address, wos)
        hit = self.cache.get(key, False)
        if hit is not False:
            return hit
        institution, subunit = institution_of(address, wos=wos)
        if is_cjk(address) and not institution:
            self.cache[key] = None
            return None
        match = country_of(address, group_greater_china=self.group, table=self.table)
        parsed = (self.alias(institution), subunit, match.code, match.constituent)
        self.cache[key] = parsed
        return parsed

    def alias(self, institution: str) -> str:
        hit = self.inst_cache.get(institution)
        if hit is None:
            hit = self.alias_table.get(alias_key(institution), institution) if institution else ""
            self.inst_cache[institution] = hit
        return hit

    def frame(self) -> pd.DataFrame:
        cols = self.cols
        parsed = cols.pop("_parsed")
        institution, subunit, country, constituent = (list(x) for x in zip(*parsed)) if parsed else ([], [], [], [])
        names = {code: country_name(code) for code in set(country)}
        out = pd.DataFrame(
            {
                "record": pd.array(cols["record"], dtype="int64"),
                "author": cols["author"],
                "author_position": pd.array(cols["author_position"], dtype="int64"),
                "institution": institution,
                "subunit": subunit,
                "country": country,
                "country_name": [names[c] for c in country],
                "constituent": constituent,
                "corresponding": pd.array(cols["corresponding"], dtype="bool"),
                "source_field": cols["source_field"],
                "raw": cols["raw"],
            },
            columns=list(COLUMNS),
        )
        unresolved = pd.DataFrame(self.unresolved, columns=list(UNRESOLVED_COLUMNS))
        unresolved["line"] = unresolved["line"].astype("Int64")
        unresolved["record"] = unresolved["record"].astype("int64")
        out.attrs["unresolved"] = unresolved
        return out


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [v for v in value if isinstance(v, str)]
    except TypeError:  # NaN / NA
        return []


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
