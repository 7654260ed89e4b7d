"""Scopus CSV export (``Authors,Title,Year,Source title,…,EID``), every layout.

Scopus has changed its CSV several times; the reader goes by column *names*,
so each layout works without configuration:

* up to about 2020: 41 columns, no ``Author(s) ID``; authors separated by
  ``", "`` (``Yagai T., Kimura Y.``);
* about 2021–2023: 45 columns with ``Author(s) ID``, ``Funding Text 1``,
  ``Publication Stage``, ``Open Access``; authors still ``", "``;
* 2024 onwards: ``Author full names`` (``Liu, Fengyuan (60410297700)``),
  authors separated by ``"; "`` and references written in the 2024 layout
  (see :mod:`litkit.refs.scopus`).

Fields: ``Authors`` -> AU in Web of Science short form (``Yagai, T``);
``Author full names`` -> AF; ``References`` -> CR, one string per reference
(:func:`~litkit.refs.split_scopus_references`); ``Author Keywords`` ->
DE; ``Index Keywords`` -> ID; ``EID`` -> UT; ``Source title`` -> SO and, through
:func:`~litkit.refs.normalize_source`, a J9-style abbreviation;
``Abbreviated Source Title`` -> JI; ``Cited by`` -> TC; ``Affiliations`` -> C1;
``Correspondence Address`` -> RP; ``Funding Details`` and ``Funding Text…`` ->
FU; ``Link`` -> URL; every other non-empty column goes to ``extra`` under its
Scopus name.  Scopus does not state a reference count, so NR stays empty.

Misaligned rows
---------------
Some Scopus exports have rows with more fields than the header: Scopus writes
one column per funding text but names only the first (``Funding Text 1``) in
the header, so every column after it moves one place right.  A naive reader
puts the references under "Correspondence Address" and the EID under
"Source".  The rule, applied to every row whose field count differs from the
header's, and always reported with the file and line:

1. extra fields that are all empty at the end of the row (a trailing comma)
   are dropped -- reported as a note;
2. otherwise, if the header has a ``Funding Text …`` column, the extra fields
   are read as further funding texts placed right after it; the row is kept
   with columns realigned when, so read, its ``EID`` looks like a Scopus EID and
   its ``Year``, ``DOI`` and ``Link`` columns hold a year, a DOI and a URL (or
   nothing) -- reported as kept;
3. otherwise (including rows with fewer fields than the header, e.g. a file cut
   in the middle of its last record) the record is kept, but every column whose
   value differs between reading the row from the left and from the right is
   left empty, because which of those values belongs where cannot be known;
   a row cut short at the end (its last field is not an EID) is read from the
   left and its missing columns are left empty -- reported as kept, naming the
   columns left empty.

``records_in_file`` is the number of CSV data rows (multi-line quoted fields
count once; blank lines are not rows).  The file may start with a byte-order
mark, and its fields may be separated by ``;`` (Excel re-saves a CSV so in
locales whose decimal mark is a comma) or a TAB instead of ``,``: the delimiter
is the one that splits the first line into Scopus column names.

Examples
--------
>>> import litkit
>>> corpus = litkit.read("scopus.csv")                      # doctest: +SKIP
>>> corpus.df.loc[0, ["UT", "AU", "PY", "SO"]]               # doctest: +SKIP
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator

from ..refs import normalize_source, split_scopus_references
from .base import ReaderSpec, clean_doi, csv_delimiter, parse_year, split_values
from .ingest_report import FileReport
from .sniff import TextSource

_EID = re.compile(r"^2-s2\.0-\d+$")
_SIGNATURE_COLUMNS = ({"Authors", "Title", "Year", "Source title"}, {"EID", "Link", "DOI"})
_NO_AUTHOR = re.compile(r"^\[No author (?:name|id) available\]$", re.I)

# csv fields in Scopus abstracts and reference lists can exceed csv's default limit (128 kB)
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _is_header(names: set[str]) -> bool:
    return _SIGNATURE_COLUMNS[0] <= names and bool(_SIGNATURE_COLUMNS[1] & names)


def sniff(head: list[str]) -> bool:
    """True when the first line is a Scopus CSV header (by column names, not extension; any of
    :data:`~litkit.io.base.CSV_DELIMITERS`)."""
    return bool(head) and csv_delimiter(head[0], _is_header) is not None


# ---------------------------------------------------------------------------------------------
# authors
# ---------------------------------------------------------------------------------------------


def wos_short_author(surname: str, given: str) -> str:
    """Web of Science short form: surname, comma, initials without dots.

    Examples
    --------
    >>> wos_short_author("Costanza", "Robert"), wos_short_author("d'Arge", "R.C.")
    ('Costanza, R', "d'Arge, RC")
    >>> wos_short_author("Antonio Gomez-Ruiz", "Jose")
    'Antonio Gomez-Ruiz, J'
    """
    initials = "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part and part[0].isalpha())
    surname = " ".join(surname.split())
    return f"{surname}, {initials.upper()}" if initials else surname


_SCOPUS_AUTHOR = re.compile(r"^(?P<surname>.+?)\s+(?P<initials>(?:[A-Z][a-z]?\.[\s-]?)+|[A-Z]{1,3})$")


def scopus_author_to_wos(name: str) -> str:
    """``"Phillips J.C."`` -> ``"Phillips, JC"``; names without initials are kept as written.

    Examples
    --------
    >>> scopus_author_to_wos("Laan Der Van D.C."), scopus_author_to_wos("Pölönen J.")
    ('Laan Der Van, DC', 'Pölönen, J')
    """
    name = " ".join(name.split())
    m = _SCOPUS_AUTHOR.match(name)
    if not m:
        return name
    return wos_short_author(m.group("surname"), m.group("initials"))


def _authors(value: str, new_layout: bool) -> list[str]:
    if not value or _NO_AUTHOR.match(value.strip()):
        return []
    sep = "; " if new_layout or ";" in value else ", "
    return [scopus_author_to_wos(a) for a in split_values(value, (sep,)) if not _NO_AUTHOR.match(a)]


def _full_names(value: str) -> list[str]:
    # "Liu, Fengyuan (60410297700); Li, Chunyun (58862216200)"
    return [re.sub(r"\s*\(\d+\)\s*$", "", a) for a in split_values(value, ("; ",))]


# ---------------------------------------------------------------------------------------------
# row alignment
# ---------------------------------------------------------------------------------------------


def _looks_aligned(rec: dict[str, str]) -> bool:
    """Checks on columns whose content has a recognisable shape."""
    eid = rec.get("EID", "")
    if "EID" in rec and not _EID.match(eid.strip()):
        return False
    year = rec.get("Year", "").strip()
    if year and not re.fullmatch(r"[12]\d{3}", year):
        return False
    doi = rec.get("DOI", "").strip()
    if doi and not doi.lower().startswith("10."):
        return False
    link = rec.get("Link", "").strip()
    if link and not link.startswith("http"):
        return False
    source = rec.get("Source", "").strip()
    if source and source != "Scopus":
        return False
    return True


def _align(header: list[str], row: list[str]) -> tuple[dict[str, str], str | None, str]:
    """Map a row to the header; return (record, problem reason or None, action)."""
    n, k = len(header), len(row) - len(header)
    if k == 0:
        return dict(zip(header, row)), None, "kept"
    if k > 0 and not any(v.strip() for v in row[n:]):
        return (
            dict(zip(header, row[:n])),
            f"row has {len(row)} fields, header {n}: {k} empty trailing field(s) dropped",
            "note",
        )
    if k > 0:
        funding = [i for i, h in enumerate(header) if h.lower().startswith("funding text")]
        if funding:
            cut = funding[-1] + 1  # extra fields follow the last named funding-text column
            rec = dict(zip(header, row[:cut] + row[cut + k :]))
            extras = [v for v in row[cut : cut + k] if v.strip()]
            if _looks_aligned(rec):
                if extras:
                    rec[header[funding[-1]]] = "\n".join([rec[header[funding[-1]]]] + extras).strip()
                return (
                    rec,
                    (
                        f"row has {len(row)} fields, header {n}: {k} unnamed column(s) after "
                        f"'{header[funding[-1]]}' read as further funding text(s) (Scopus export "
                        f"defect); later columns realigned"
                    ),
                    "kept",
                )
    left = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header)}
    if k < 0 and not _EID.match(row[-1].strip() if row else ""):
        missing = header[len(row) :]
        return (
            left,
            (
                f"row has {len(row)} fields, header {n}: record cut short; read from the left, "
                f"columns {', '.join(missing)} left empty"
            ),
            "kept",
        )
    right = {h: (row[i + k] if 0 <= i + k < len(row) else "") for i, h in enumerate(header)}
    rec = {h: (left[h] if left[h] == right[h] else "") for h in header}
    blanked = [h for h in header if left[h] != right[h]]
    return (
        rec,
        (
            f"row has {len(row)} fields, header {n}: cannot tell which columns moved; "
            f"columns {', '.join(blanked)} left empty"
        ),
        "kept",
    )


# ---------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------

_CANONICAL_FROM_COLUMN = {
    "Title": "TI",
    "Source title": "SO",
    "Volume": "VL",
    "Issue": "IS",
    "Art. No.": "AR",
    "Page start": "BP",
    "Page end": "EP",
    "Abstract": "AB",
    "Correspondence Address": "RP",
    "Publisher": "PU",
    "ISSN": "SN",
    "ISBN": "BN",
    "Language of Original Document": "LA",
    "Abbreviated Source Title": "JI",
    "Document Type": "DT",
    "Link": "URL",
}
_USED_COLUMNS = set(_CANONICAL_FROM_COLUMN) | {
    "Authors",
    "Author full names",
    "Year",
    "Cited by",
    "DOI",
    "Affiliations",
    "Author Keywords",
    "Index Keywords",
    "References",
    "EID",
    "Funding Details",
}
_PUBLICATION_TYPE = {"Conference Paper": "C", "Conference Review": "C", "Book": "B", "Book Chapter": "B"}


def _record(rec: dict[str, str], header: list[str], new_layout: bool) -> dict:
    get = lambda col: (rec.get(col) or "").strip()
    out: dict = {"DB": "Scopus"}
    for col, tag in _CANONICAL_FROM_COLUMN.items():
        if get(col):
            out[tag] = get(col)
    if out.get("AB", "").startswith("[No abstract available]"):
        out.pop("AB")
    out["AU"] = _authors(get("Authors"), new_layout)
    if get("Author full names"):
        out["AF"] = _full_names(get("Author full names"))
    out["PY"] = parse_year(get("Year"))
    out["TC"] = int(get("Cited by")) if get("Cited by").isdigit() else None
    out["DI"] = clean_doi(get("DOI"))
    out["C1"] = split_values(get("Affiliations"), ("; ",))
    out["DE"] = split_values(get("Author Keywords"), (";",))
    out["ID"] = split_values(get("Index Keywords"), (";",))
    out["CR"] = split_scopus_references(get("References"))
    if get("EID"):
        out["UT"] = get("EID")
    funding = [get(c) for c in header if c == "Funding Details" or c.lower().startswith("funding text")]
    funding = [f for f in funding if f]
    if funding:
        out["FU"] = "\n".join(funding)
    if out.get("SO"):
        out["J9"] = normalize_source(out["SO"])
    out["PT"] = _PUBLICATION_TYPE.get(out.get("DT", ""), "J")
    extra = {
        c: get(c) for c in header if c not in _USED_COLUMNS and not c.lower().startswith("funding text") and get(c)
    }
    if extra:
        out["extra"] = extra
    return out


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per CSV data row (see the module docstring for the rules)."""
    report.has_cited_references = False
    with source.open(newline="") as fh:
        first = fh.read(1)
        if first != "\ufeff":
            fh.seek(0)
        start = fh.tell()
        delimiter = csv_delimiter(fh.readline(), _is_header) or ","
        fh.seek(start)
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return
        new_layout = "Author full names" in header
        end_of_previous = reader.line_num
        index = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # e.g. NUL byte: the row cannot be read at all
                line = end_of_previous + 1
                report.records_in_file += 1
                report.problem(line, f"CSV row cannot be parsed ({exc})", "skipped", index)
                index += 1
                end_of_previous = reader.line_num
                continue
            line = end_of_previous + 1
            end_of_previous = reader.line_num
            # A quoted field may hold line breaks; the csv module keeps them as written (CRLF in
            # a Windows copy), so they are made LF here: values must not depend on line ends.
            row = [v.replace("\r\n", "\n").replace("\r", "\n") if "\r" in v else v for v in row]
            if not row or not any(v.strip() for v in row):
                continue  # a blank line is not a record
            report.records_in_file += 1
            rec, reason, action = _align(header, row)
            if reason:
                report.problem(line, reason, action, index)
            out = _record(rec, header, new_layout)
            if out["CR"]:
                report.has_cited_references = True
            out["source_line"] = line
            index += 1
            yield out


SPEC = ReaderSpec(
    name="scopus_csv",
    label="Scopus CSV (all layouts, incl. 2024+ 'Author full names')",
    database="Scopus",
    sniff=sniff,
    read=read,
)
