"""The canonical corpus: one pandas DataFrame, the same shape for every database.

Column names follow Web of Science field tags, because that is the vocabulary
CiteSpace, VOSviewer, bibliometrix and metaknowledge share.  Every reader fills
what its format carries and leaves the rest empty (``None`` for text, ``<NA>``
for numbers, ``[]`` for lists).  :data:`COLUMNS` documents each column; the
README's "Canonical columns" table is generated from it.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

Kind = Literal["str", "int", "list"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "UT",
        "str",
        "Record id: WoS accession number (WOS:…), Scopus EID, PMID:…, Lens:…, OpenAlex:W…, or a stable hash id for records that carry none (CNKI:…)",
    ),
    Column(
        "DB",
        "str",
        "Source database: WoS, CNKI, CSSCI, Scopus, PubMed, Lens, OpenAlex, or other; a merged record lists several, separated by ';'",
    ),
    Column(
        "PT", "str", "Publication type code: J journal, B book, S series, P patent, C conference, T thesis, N newspaper"
    ),
    Column("DT", "str", "Document type as the database writes it (Article, Review, 期刊, 硕士, …)"),
    Column("AU", "list", "Authors, short form (WoS 'Costanza, R'; CNKI full Chinese names)"),
    Column("AF", "list", "Authors, full names where the database gives them"),
    Column("TI", "str", "Title"),
    Column("SO", "str", "Source: journal, book, conference or degree-granting institution"),
    Column("J9", "str", "29-character source abbreviation (WoS J9); what CiteSpace calls the cited journal"),
    Column("JI", "str", "ISO source abbreviation"),
    Column("PY", "int", "Publication year (early-access records: the EA year)"),
    Column("PD", "str", "Publication date as written"),
    Column("EA", "str", "Early-access date"),
    Column("VL", "str", "Volume"),
    Column("IS", "str", "Issue"),
    Column("BP", "str", "Beginning page"),
    Column("EP", "str", "Ending page"),
    Column("AR", "str", "Article number"),
    Column("DI", "str", "DOI, lower-cased, without https://doi.org/"),
    Column("DE", "list", "Author keywords (CNKI keywords)"),
    Column("ID", "list", "Keywords Plus / index keywords"),
    Column("AB", "str", "Abstract"),
    Column("C1", "list", "Author addresses / affiliations"),
    Column("RP", "str", "Reprint (corresponding) author address"),
    Column("CR", "list", "Cited references, raw strings as exported"),
    Column("NR", "int", "Number of cited references as stated by the database"),
    Column("TC", "int", "Times cited as stated by the database"),
    Column("LA", "str", "Language"),
    Column("SN", "str", "ISSN"),
    Column("EI", "str", "eISSN"),
    Column("BN", "str", "ISBN"),
    Column("PU", "str", "Publisher"),
    Column("FU", "str", "Funding"),
    Column("WC", "list", "Web of Science categories"),
    Column("SC", "list", "Research areas"),
    Column("URL", "str", "Link given by the database (CNKI LK, Scopus Link)"),
    Column("extra", "str", "JSON object of the record's remaining fields, keyed by the format's own tags"),
    Column("source_file", "str", "File the record was read from (a merged record: all of them, ';'-separated)"),
    Column("source_line", "int", "1-based line of the record's first line in source_file"),
    Column("source_format", "str", "Reader that produced the record (wos_plain, cnki_refworks, …)"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
LIST_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.kind == "list")
INT_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.kind == "int")
STR_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.kind == "str")


def stable_id(database: str, title: str | None, year, first_author: str | None) -> str:
    """A record id that survives re-export: hash of database, title, year, first author.

    Examples
    --------
    >>> stable_id("CNKI", "生态产品价值实现", 2021, "张三")
    'CNKI:c99fb097f7445a97'
    """
    norm = lambda s: unicodedata.normalize("NFKC", str(s or "")).strip().lower()
    key = "\x1f".join([norm(database), norm(title), norm(year if year is not None else ""), norm(first_author)])
    return f"{database}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def clean_list_value(value) -> list:
    """A list-column value in canonical form: a list of non-empty strings (``None`` -> ``[]``).

    Examples
    --------
    >>> clean_list_value(["a", "", None, "b"]), clean_list_value(None)
    (['a', 'b'], [])
    """
    # Readers hand over clean lists of str: keep them as they are (the common, fast case).
    if type(value) is list:
        if "" in value or None in value:
            return [v for v in value if v is not None and v != ""]
        return value
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [str(v) for v in value if v is not None and str(v) != ""]


def clean_text_value(value):
    """A text-column value in canonical form: the string, or None when it is missing, empty or blank.

    Examples
    --------
    >>> clean_text_value("Nature"), clean_text_value("  "), clean_text_value(float("nan"))
    ('Nature', None, None)
    """
    if type(value) is str:
        return value if value and not value.isspace() else None
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    value = str(value)
    return value if value.strip() else None


class ColumnBuilder:
    """Collects records column by column, cleaning values on the way in.

    Used by :func:`litkit.read` so that record dicts can be dropped as soon as
    they are added (a 100,000-record ingest never holds dicts and columns at once).
    """

    _ALLOWED = frozenset(COLUMN_NAMES)

    def __init__(self):
        self.columns: dict[str, list] = {name: [] for name in COLUMN_NAMES}
        self._kinds = [(c.name, c.kind) for c in COLUMNS]

    def add(self, rec: dict) -> None:
        if not rec.keys() <= self._ALLOWED:
            unknown = sorted(set(rec) - self._ALLOWED)
            raise KeyError(f"record has fields outside the canonical schema: {unknown}")
        get = rec.get
        for name, kind in self._kinds:
            value = get(name)
            if kind == "list":
                self.columns[name].append(clean_list_value(value))
            elif kind == "str":
                self.columns[name].append(clean_text_value(value))
            else:
                self.columns[name].append(value)

    def add_columns(self, columns: dict[str, list], clean: bool = True) -> None:
        """Append whole columns at once (a reader's fast path); missing columns get empty values.

        ``clean=False`` takes the values as they are: for a reader that guarantees canonical
        values (see ``ReaderSpec.columns_are_canonical``), where a cleaning pass would cost
        more than the reading.
        """
        unknown = sorted(set(columns) - self._ALLOWED)
        if unknown:
            raise KeyError(f"columns outside the canonical schema: {unknown}")
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        n = lengths.pop() if lengths else 0
        for name, kind in self._kinds:
            values = columns.get(name)
            if values is None:
                self.columns[name].extend([[] for _ in range(n)] if kind == "list" else [None] * n)
            elif not clean or kind == "int":
                self.columns[name].extend(values)
            elif kind == "list":
                self.columns[name].extend(map(clean_list_value, values))
            else:
                self.columns[name].extend(map(clean_text_value, values))

    def frame(self) -> pd.DataFrame:
        data = {}
        for name, kind in self._kinds:
            values = self.columns[name]
            if kind == "int":
                data[name] = int_array(values)
            else:
                data[name] = pd.Series(values, dtype="object")
        return pd.DataFrame(data, columns=list(COLUMN_NAMES))


def int_array(values: list) -> pd.api.extensions.ExtensionArray:
    """An ``Int64`` array of ``values``; values other than int and None are coerced (unreadable: <NA>).

    Examples
    --------
    >>> int_array([2020, None, "1999", "n.d."]).tolist()
    [2020, <NA>, 1999, <NA>]
    """
    if set(map(type, values)) <= {int, type(None)}:  # what every reader gives: converted directly
        return pd.array(values, dtype="Int64")
    return pd.array(pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce"), dtype="Int64")


def frame_from_records(records: Iterable[dict]) -> pd.DataFrame:
    """Build a canonical DataFrame from record dicts keyed by column name.

    Unknown keys are an error (a typo in a reader must not lose a field);
    missing keys become empty values.
    """
    builder = ColumnBuilder()
    for rec in records:
        builder.add(rec)
    return builder.frame()


def normalise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Coerce ``df`` to the canonical dtypes and column order (adds missing columns)."""
    df = df.copy()
    n = len(df)
    for col in COLUMNS:
        if col.name not in df.columns:
            df[col.name] = [[] for _ in range(n)] if col.kind == "list" else None
    for name in LIST_COLUMNS:
        df[name] = pd.Series([clean_list_value(v) for v in df[name]], index=df.index, dtype="object")
    for name in STR_COLUMNS:
        df[name] = pd.Series([clean_text_value(v) for v in df[name]], index=df.index, dtype="object")
    for name in INT_COLUMNS:
        df[name] = pd.to_numeric(df[name], errors="coerce").astype("Int64")
    extra_cols = [c for c in df.columns if c not in COLUMN_NAMES]
    return df[list(COLUMN_NAMES) + extra_cols].reset_index(drop=True)


class Corpus:
    """A set of bibliographic records in the canonical shape.

    Attributes
    ----------
    df : pandas.DataFrame
        One row per record, columns as in :data:`COLUMNS`.
    report : IngestReport or MergeReport or None
        How the corpus was made: files read and problems met, or matches made.

    Examples
    --------
    >>> c = Corpus.from_records([{"UT": "WOS:1", "DB": "WoS", "TI": "Ecosystem services",
    ...                           "PY": 1997, "AU": ["Costanza, R"]}])
    >>> len(c)
    1
    >>> c.df.loc[0, "AU"]
    ['Costanza, R']
    """

    def __init__(self, df: pd.DataFrame | None = None, report=None):
        self.df = normalise_frame(df if df is not None else pd.DataFrame())
        self.report = report

    @classmethod
    def _from_canonical(cls, df: pd.DataFrame, report=None) -> Corpus:
        """Wrap a frame already in canonical shape (from :class:`ColumnBuilder`) without re-checking it."""
        corpus = cls.__new__(cls)
        corpus.df = df
        corpus.report = report
        return corpus

    @classmethod
    def from_records(cls, records: Iterable[dict], report=None) -> Corpus:
        return cls._from_canonical(frame_from_records(records), report)

    def __len__(self) -> int:
        return len(self.df)

    def __getitem__(self, key):
        return self.df[key]

    def __iter__(self):
        return iter(self.df.to_dict("records"))

    def __eq__(self, other) -> bool:
        if not isinstance(other, Corpus):
            return NotImplemented
        return _frames_equal(self.df, other.df)

    __hash__ = None

    @property
    def df(self) -> pd.DataFrame:
        """The records, one row per record (see the class docstring)."""
        return self._df

    @df.setter
    def df(self, frame: pd.DataFrame) -> None:
        # references and reference_parts were parsed from the frame being replaced.  (A change made
        # inside the frame, corpus.df["CR"] = ..., is not seen: build a new Corpus for that.)
        self._df = frame
        self._references = None
        self._reference_parts = None

    @property
    def references(self) -> pd.DataFrame:
        """Parsed cited references, one row per (record, reference); see :mod:`litkit.refs`."""
        if self._references is None:
            from .refs import references_table

            self._references = references_table(self.df)
        return self._references

    @property
    def reference_parts(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:attr:`references` in two parts, ``(citations, distinct)``; see :func:`litkit.refs.distinct_references`.

        One row per citation with a ``code``, and one row per distinct parsed reference:
        ``distinct.take(citations["code"])`` gives the reference columns of :attr:`references`,
        without holding a string per citation for each of them (at 100,000 records, four million).
        """
        if self._reference_parts is None:
            from .refs import distinct_references

            self._reference_parts = distinct_references(self.df)
        return self._reference_parts

    # ---- persistence -------------------------------------------------------------------------
    def to_parquet(self, path: str | Path, overwrite: bool = False) -> Path:
        """Save as Parquet (lists stay lists); refuses to replace a file unless ``overwrite``.

        The schema and the stored report are those of :mod:`litkit.io.parquet`, shared with
        the streaming :func:`litkit.io.stream.ingest_to_parquet`.
        """
        from .io.parquet import write_frame

        return write_frame(self.df, path, report=self.report, overwrite=overwrite)

    @classmethod
    def read_parquet(cls, path: str | Path, columns=None, *, arrow=()) -> Corpus:
        """Load a corpus written by :meth:`to_parquet` or by ``litkit ingest``.

        Parameters
        ----------
        path : str or Path
        columns : sequence of str, optional
            Read only these columns (an analysis that needs ``UT``, ``PY``,
            ``DB`` and ``CR`` does not load the abstracts); the other canonical
            columns are present and empty.  Default: all.
        arrow : sequence of str, optional
            List columns to keep in Arrow (pandas ``ArrowDtype``), for analyses that compute
            on Arrow (:func:`litkit.refs.distinct_references`); see
            :func:`litkit.io.parquet.read_canonical_frame`.

        The file's columns are converted to the canonical dtypes in Arrow
        (:func:`litkit.io.parquet.read_canonical_frame`); the frame equals the
        one ``Corpus(df)`` would build from the same values.

        Examples
        --------
        >>> corpus = Corpus.read_parquet("corpus.parquet", columns=["UT", "PY", "DB", "CR"])  # doctest: +SKIP
        """
        from .io.parquet import read_canonical_frame

        df, report = read_canonical_frame(path, columns=columns, arrow=arrow)
        return cls._from_canonical(df, report)

    # ---- overview ------------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """Records per database and format, year range, and how full each main field is."""
        df = self.df
        if df.empty:
            return pd.DataFrame(columns=["DB", "source_format", "records", "year_min", "year_max"])
        rows = []
        for (db, fmt), g in df.groupby(["DB", "source_format"], dropna=False, sort=True):
            row = {
                "DB": db,
                "source_format": fmt,
                "records": len(g),
                "year_min": g["PY"].min(),
                "year_max": g["PY"].max(),
            }
            for name in ("AU", "TI", "SO", "PY", "DE", "ID", "AB", "CR", "DI"):
                row[f"{name} filled"] = round(100.0 * _filled(g[name]).mean(), 1)
            rows.append(row)
        return pd.DataFrame(rows)

    def fields_filled(self) -> pd.Series:
        """Share (0–1) of records with a non-empty value, per canonical column."""
        return pd.Series({name: float(_filled(self.df[name]).mean()) if len(self.df) else 0.0 for name in COLUMN_NAMES})

    def __repr__(self) -> str:
        years = self.df["PY"].dropna()
        span = f"{int(years.min())}–{int(years.max())}" if len(years) else "no years"
        dbs = ", ".join(f"{k} {v}" for k, v in self.df["DB"].value_counts().sort_index().items())
        return f"<Corpus: {len(self)} records ({dbs or 'empty'}), {span}>"

    def _repr_html_(self) -> str:
        head = html.escape(repr(self))
        summary = self.summary().to_html(index=False, escape=True, na_rep="")
        preview = self.df[["UT", "DB", "PY", "AU", "TI", "SO"]].head(5).copy()
        preview["AU"] = [", ".join(a[:3]) + (" …" if len(a) > 3 else "") for a in preview["AU"]]
        body = preview.to_html(index=False, escape=True, na_rep="")
        problems = ""
        if self.report is not None and getattr(self.report, "problems", None):
            problems = f"<p>{len(self.report.problems)} problems reported; see <code>corpus.report</code>.</p>"
        return f"<div class='litkit-corpus'><p><b>{head}</b></p>{summary}{problems}{body}</div>"


def _filled(series: pd.Series) -> pd.Series:
    if series.dtype == object:
        return series.map(lambda v: bool(v) if isinstance(v, list) else v is not None and v == v)
    return series.notna()


def _frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    for col in a.columns:
        left = a[col].tolist()
        right = b[col].tolist()
        for x, y in zip(left, right):
            if x is pd.NA or y is pd.NA or (x is None) or (y is None):
                if not ((x is pd.NA or x is None) and (y is pd.NA or y is None)):
                    return False
            elif list(x) != list(y) if isinstance(x, list) else x != y:
                return False
    return True


def columns_markdown() -> str:
    """The canonical-columns table as Markdown (the README's copy is checked against it)."""
    lines = ["| column | kind | meaning |", "|---|---|---|"]
    for c in COLUMNS:
        lines.append(f"| `{c.name}` | {c.kind} | {c.description} |")
    return "\n".join(lines)
