"""Read policy documents (.txt/.md/.html/.docx/.pdf) and metadata tables into a PolicyCorpus.

A :class:`PolicyCorpus` holds one row per document.  Metadata a user supplies
(CSV or YAML: title_zh, title_en, issuers, date, doc_number, level, kind,
topics …) wins; whatever it leaves empty is extracted from the text: the 文号
under the title, the issuing date in the signature block, the issuers from the
title (国务院关于…) or the signature.  Where each value came from is recorded in
the ``provenance`` column so that a reader can tell a checked date from a
guessed one.
"""

from __future__ import annotations

import hashlib
import html
import html.parser
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..errors import DecodingError, LitkitError, ParseError, UnknownFormatError
from .agencies import (
    issuers_from_code,
    issuers_from_history,
    issuers_from_signature,
    issuers_from_title,
    split_issuers,
)
from .dates import dated_by, legislative_history, parse_date
from .docnumber import first_doc_number, parse_doc_number

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
# notes that accompany data, passed over in folders as litkit.read passes them over (a file named directly is read)
# Notes kept beside the documents (SOURCE_README.md: a copied repository's README), and LawRefBook's format
# template (what litkit.policy.read_laws skips too).
NOTE_FILES = frozenset({"PROVENANCE.txt", "INDEX.md", "README.md", "SOURCE_README.md", "法律法规模版.md"})

POLICY_COLUMNS = [
    "doc_id",
    "title_zh",
    "title_en",
    "issuers",
    "date",
    "year",
    "doc_number",
    "doc_issuer_code",
    "doc_year",
    "doc_serial",
    "level",
    "kind",
    "topics",
    "text",
    "source_file",
    "url",
    "provenance",
]
LIST_COLUMNS = ("issuers", "topics")
INT_COLUMNS = ("year", "doc_year", "doc_serial")
TEXT_COLUMNS = (
    "doc_id",
    "title_zh",
    "title_en",
    "date",
    "doc_number",
    "doc_issuer_code",
    "level",
    "kind",
    "text",
    "source_file",
    "url",
    "provenance",
)


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------
class PolicyCorpus:
    """A set of policy documents: a DataFrame with one row per document.

    Columns (see :data:`POLICY_COLUMNS`): ``doc_id``; ``title_zh``, ``title_en``;
    ``issuers`` (list of Chinese agency names); ``date`` (ISO ``YYYY-MM-DD`` or
    None) and ``year``; ``doc_number`` (canonical 文号) with its parts
    ``doc_issuer_code``, ``doc_year``, ``doc_serial``; ``level``; ``kind``;
    ``topics`` (list); ``text``; ``source_file``; ``url``; ``provenance``
    (where date/issuers/doc_number came from).  Extra metadata columns
    (``summary_en``, ``source_note`` …) follow.

    Examples
    --------
    >>> pc = PolicyCorpus.from_records([{"title_zh": "2030年前碳达峰行动方案", "issuers": ["国务院"],
    ...                                   "date": "2021-10-24", "doc_number": "国发〔2021〕23号"}])
    >>> len(pc), int(pc.df.loc[0, "year"]), int(pc.df.loc[0, "doc_serial"])
    (1, 2021, 23)
    """

    def __init__(self, df: pd.DataFrame | None = None, problems: list[dict] | None = None):
        self.df = normalise_policy_frame(df if df is not None else pd.DataFrame())
        self.problems = pd.DataFrame(problems or [], columns=["file", "field", "note"])
        self._sections = None

    @classmethod
    def from_records(cls, records: Iterable[dict], problems: list[dict] | None = None) -> PolicyCorpus:
        return cls(pd.DataFrame(list(records)), problems)

    def __len__(self) -> int:
        return len(self.df)

    def __getitem__(self, key):
        return self.df[key]

    def select(self, title_contains: Iterable[str] = (), start: int | None = None, end: int | None = None):
        """The documents whose title contains any of ``title_contains`` and whose year lies in ``start``–``end``.

        How a scholar draws the few documents of a review from a list of thousands (the State Council list
        holds 5,781): the Chinese and the English title are searched, case-insensitively; an empty
        ``title_contains`` keeps every title, a missing bound keeps every year.

        Examples
        --------
        >>> pc = PolicyCorpus.from_records([{"title_zh": "关于建立健全生态产品价值实现机制的意见", "date": "2021-04-26"},
        ...                                 {"title_zh": "国务院关于某省国土空间规划的批复", "date": "2023-09-15"}])
        >>> len(pc.select(["生态产品"])), len(pc.select(start=2022))
        (1, 1)
        """
        words = [w.casefold() for w in title_contains if w and w.strip()]
        titles = (self.df["title_zh"].fillna("") + "\n" + self.df["title_en"].fillna("")).str.casefold()
        keep = pd.Series(True, index=self.df.index) if not words else titles.map(lambda t: any(w in t for w in words))
        years = self.df["year"]
        if start is not None:
            keep &= years.ge(start).fillna(False).astype(bool)
        if end is not None:
            keep &= years.le(end).fillna(False).astype(bool)
        chosen = PolicyCorpus(self.df[keep.to_numpy()].reset_index(drop=True), self.problems.to_dict("records"))
        return chosen

    @property
    def sections(self) -> pd.DataFrame:
        """All documents split into numbered sections (see :func:`~litkit.policy.sections.split_sections`)."""
        if self._sections is None:
            from .sections import SECTION_COLUMNS, split_sections

            parts = [split_sections(t, d) for d, t in zip(self.df["doc_id"], self.df["text"]) if t]
            self._sections = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SECTION_COLUMNS)
        return self._sections

    def to_parquet(self, path: str | Path, overwrite: bool = False) -> Path:
        """Save as Parquet (lists stay lists); refuses to replace a file unless ``overwrite``."""
        from .._atomic import atomic_path

        with atomic_path(path, overwrite) as tmp:
            self.df.to_parquet(tmp, index=False)
        return Path(path)

    @classmethod
    def read_parquet(cls, path: str | Path) -> PolicyCorpus:
        df = pd.read_parquet(path)
        for name in LIST_COLUMNS:
            df[name] = [list(v) if v is not None else [] for v in df[name]]
        return cls(df)

    def __repr__(self) -> str:
        years = self.df["year"].dropna()
        span = f"{int(years.min())}–{int(years.max())}" if len(years) else "no years"
        with_text = int(self.df["text"].map(bool).sum()) if len(self.df) else 0
        return f"<PolicyCorpus: {len(self)} documents ({with_text} with text), {span}>"

    def _repr_html_(self) -> str:
        cols = ["doc_id", "date", "issuers", "doc_number", "kind", "title_zh", "title_en"]
        preview = self.df[cols].head(10).copy()
        preview["issuers"] = ["; ".join(v) for v in preview["issuers"]]
        body = preview.to_html(index=False, escape=True, na_rep="")
        note = f"<p>{len(self.problems)} problem(s); see <code>.problems</code>.</p>" if len(self.problems) else ""
        return f"<div class='litkit-policy'><p><b>{html.escape(repr(self))}</b></p>{note}{body}</div>"


def _to_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    if hasattr(value, "tolist"):
        return _to_list(value.tolist())
    text = str(value).strip()
    if not text or text.lower() == "nan":
        return []
    return [p.strip() for p in re.split(r"[;；|]", text) if p.strip()]


def object_column(series: pd.Series) -> pd.Series:
    """``series`` as object dtype with None for every missing value (NaN, NA, None)."""
    return pd.Series([None if _empty(v) else v for v in series], dtype=object, index=series.index)


def _empty(value) -> bool:
    return (
        value is None
        or (isinstance(value, float) and value != value)
        or value is pd.NA
        or (isinstance(value, str) and not value.strip())
    )


def make_doc_id(title: str | None, date: str | None, doc_number: str | None) -> str:
    """Stable id: the canonical 文号 when there is one, else a hash of title and date.

    >>> make_doc_id("x", None, "国发〔2021〕23号"), make_doc_id("生态保护补偿条例", "2024-04-06", None)
    ('国发〔2021〕23号', 'P-af7fa6da3636')
    """
    if doc_number:
        return doc_number
    key = f"{(title or '').strip()}|{date or ''}".encode()
    return "P-" + hashlib.sha1(key).hexdigest()[:12]


def normalise_policy_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Bring any frame of documents into the canonical column set and types.

    Fills ``year`` from ``date``, splits ``doc_number`` into its parts,
    normalises issuer names, and derives ``doc_id`` where it is missing.
    """
    df = df.copy()
    for col in POLICY_COLUMNS:
        if col not in df.columns:
            df[col] = None
    out_rows = []
    for rec in df.to_dict("records"):
        rec["issuers"] = split_issuers(rec.get("issuers"))
        rec["topics"] = _to_list(rec.get("topics"))
        date = parse_date(rec.get("date")) if not _empty(rec.get("date")) else None
        rec["date"] = date.isoformat() if date else None
        number = parse_doc_number(rec.get("doc_number")) if not _empty(rec.get("doc_number")) else None
        if number is not None:
            rec["doc_number"] = number.text
            rec["doc_issuer_code"], rec["doc_year"], rec["doc_serial"] = number.issuer_code, number.year, number.serial
        else:
            rec["doc_number"] = None if _empty(rec.get("doc_number")) else str(rec["doc_number"]).strip()
            rec["doc_issuer_code"] = rec["doc_year"] = rec["doc_serial"] = None
        if date is not None:
            rec["year"] = date.year
        elif _empty(rec.get("year")):
            rec["year"] = None
        else:
            rec["year"] = int(float(rec["year"]))
        for col in ("title_zh", "title_en", "level", "kind", "text", "source_file", "url", "provenance"):
            rec[col] = None if _empty(rec.get(col)) else str(rec[col])
        if _empty(rec.get("doc_id")):
            rec["doc_id"] = make_doc_id(rec["title_zh"] or rec["title_en"], rec["date"], rec["doc_number"])
        out_rows.append(rec)
    # Ids must be unique: the same 文号 can label several pages (a list's scraping errors) and
    # untitled, undated rows hash alike.  Later duplicates get "#2", "#3" in row order.
    seen: dict[str, int] = {}
    for rec in out_rows:
        n = seen[rec["doc_id"]] = seen.get(rec["doc_id"], 0) + 1
        if n > 1:
            rec["doc_id"] = f"{rec['doc_id']}#{n}"
    extra = [c for c in df.columns if c not in POLICY_COLUMNS]
    out = pd.DataFrame(out_rows, columns=POLICY_COLUMNS + extra)
    for col in INT_COLUMNS:
        out[col] = pd.array([None if _empty(v) else int(v) for v in out[col]], dtype="Int64")
    for col in LIST_COLUMNS:
        out[col] = pd.Series([list(v) for v in out[col]], dtype=object, index=out.index)
    # Object dtype keeps missing text as None (pandas' str dtype would turn it into NaN).
    for col in TEXT_COLUMNS:
        out[col] = object_column(out[col])
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------
class _HTMLText(html.parser.HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _check_decoded(text: str, path: Path, encoding: str) -> None:
    """Refuse text that decoded without error but is mojibake (Chinese bytes read as Latin)."""
    sample = text[:20000]
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in sample)
    latin_high = sum("\u0080" <= c <= "\u00ff" for c in sample)
    if cjk == 0 and latin_high > max(3, 0.05 * len(sample)):
        raise DecodingError(
            f"text decoded as {encoding} has no Chinese characters but {latin_high} accented Latin "
            "characters; the encoding is probably wrong",
            path=path,
            expected="UTF-8 or GB18030 text (pass encoding= to force one)",
        )


def read_text_file(path: str | Path, encoding: str | None = None) -> tuple[str, str | None]:
    """Text of one policy file and the title its format declares (HTML <title>), if any.

    Raises
    ------
    LitkitError
        Empty file, PDF without a text layer, undecodable or mis-decoded text,
        unsupported extension — always naming the file and what was expected.
    """
    from ..io.sniff import TextSource

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnknownFormatError(
            f"unsupported file type {suffix or '(no extension)'!r}",
            path=path,
            expected="a policy document as " + ", ".join(SUPPORTED_SUFFIXES),
        )
    if path.stat().st_size == 0:
        raise LitkitError("file is empty", path=path, expected="the text of a policy document")
    title = None
    if suffix in (".txt", ".md", ".html", ".htm"):
        source = TextSource(path, encoding)
        text = source.read_text()
        _check_decoded(text, path, source.encoding)
        if suffix in (".html", ".htm"):
            parser = _HTMLText()
            parser.feed(text)
            text = "".join(parser.parts)
            title = " ".join("".join(parser.title).split()) or None
    elif suffix == ".docx":
        text = _docx_text(path)
    else:
        text = _pdf_text(path)
    text = re.sub(r"[ \t\u3000]*\n", "\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise LitkitError("file holds no text", path=path, expected="the text of a policy document")
    return text, title


def _docx_text(path: Path) -> str:
    try:
        import docx

        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for non-docx bytes
        raise ParseError(
            f"cannot open as a Word document ({type(exc).__name__}: {exc})",
            path=path,
            expected="a .docx file saved by Word or LibreOffice (old .doc is not supported)",
        ) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises PdfReadError and others for broken files
        raise ParseError(
            f"cannot read as PDF ({type(exc).__name__}: {exc})", path=path, expected="a PDF file"
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise LitkitError(
            f"PDF has no text layer ({len(pages)} page(s) of images: a scan?)",
            path=path,
            expected="a PDF with selectable text; run OCR first, e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`",
        )
    return text


def _markdown_body(text: str) -> str:
    """A Markdown document without its YAML front matter (page metadata: its '---' was taken as the title)
    and comments (not shown, so not the document); LawRefBook's ``<!-- INFO END -->`` marker is read by
    :func:`litkit.policy.read_laws` from the text as read."""
    text = re.sub(r"\A---[ \t]*\n.*?^---[ \t]*$\n?", "", text, count=1, flags=re.S | re.M)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S).strip()


def _title_from_text(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def extract_metadata(text: str, title: str | None = None) -> dict:
    """Metadata found in a document's text: title, 文号, date, issuers (with their sources).

    Examples
    --------
    >>> doc = "国务院关于印发2030年前碳达峰行动方案的通知\\n国发〔2021〕23号\\n各省……\\n国务院\\n2021年10月24日"
    >>> m = extract_metadata(doc)
    >>> m["doc_number"], m["date"], m["issuers"], m["provenance"]
    ('国发〔2021〕23号', '2021-10-24', ['国务院'], 'title:text; doc_number:text; date:signature; issuers:title')
    """
    found: dict = {}
    prov = []
    title = title or _title_from_text(text)
    if title:
        found["title_zh"] = title
        prov.append("title:text")
    number = first_doc_number(text)
    if number is not None:
        found["doc_number"] = number.text
        prov.append("doc_number:text")
    date, where = dated_by(text)
    if date is not None:
        found["date"] = date.isoformat()
        prov.append(f"date:{where}")
    issuers = issuers_from_title(title or "")
    source = "title"
    if not issuers:
        issuers, source = issuers_from_signature(text), "signature"
    if not issuers and number is not None:
        issuers, source = issuers_from_code(number.issuer_code), "doc_number"
    if not issuers:  # a law or regulation: the body its legislative history names (…常务委员会…通过)
        issuers, source = issuers_from_history(legislative_history(text)), "history"
    if issuers:
        found["issuers"] = issuers
        prov.append(f"issuers:{source}")
    found["provenance"] = "; ".join(prov)
    return found


# ---------------------------------------------------------------------------------------------
# Metadata tables
# ---------------------------------------------------------------------------------------------
_ALIASES = {
    "issuer": "issuers",
    "文号": "doc_number",
    "document_number": "doc_number",
    "title": "title_zh",
    "标题": "title_zh",
    "发文机关": "issuers",
    "成文日期": "date",
    "issue_date": "date",
    "file": "source_file",
    "filename": "source_file",
    "topic": "topics",
    "tags": "topics",
}


def read_metadata(path: str | Path) -> pd.DataFrame:
    """Read a metadata table (CSV, or YAML: a list of mappings) with canonical column names.

    Accepted column aliases: issuer→issuers, 文号/document_number→doc_number,
    title/标题→title_zh, file/filename→source_file, topic/tags→topics.
    """
    from ..io.sniff import TextSource

    path = Path(path)
    if not path.exists():
        raise LitkitError("metadata file not found", path=path, expected="a CSV or YAML metadata table")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(TextSource(path).read_text())
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise ParseError(f"metadata is not valid YAML: {problem}", path=path, line=line) from None
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ParseError(
                "YAML metadata is not a list of mappings", path=path, expected="a YAML list: - title_zh: …\\n  date: …"
            )
        df = pd.DataFrame(data)
    elif suffix in (".csv", ".tsv", ".txt"):
        source = TextSource(path)
        try:
            with source.open(newline="") as fh:
                df = pd.read_csv(fh, dtype=str, keep_default_na=False, sep="\t" if suffix == ".tsv" else ",")
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            # pandas' "Expected 45 fields in line 4, saw 46" would otherwise be a traceback without the file
            found = re.search(r"line (\d+)", str(exc))
            raise ParseError(
                f"cannot read the metadata table: {str(exc).strip().rsplit('. ', 1)[-1].removeprefix('C error: ')}",
                path=path,
                line=int(found.group(1)) if found else None,
                expected="a CSV (TSV) metadata table with one header row and the same number of fields in every row",
            ) from None
    else:
        raise UnknownFormatError(
            f"unsupported metadata file type {suffix!r}",
            path=path,
            expected="a .csv, .tsv, .yaml or .yml metadata table",
        )
    df = df.rename(columns={c: _ALIASES.get(c.strip(), c.strip()) for c in df.columns})
    if "title_zh" not in df.columns and "source_file" not in df.columns and "title_en" not in df.columns:
        raise ParseError(
            "metadata table has neither a title nor a file column",
            path=path,
            expected="columns title_zh (or title_en) and/or source_file",
        )
    return df


def from_metadata(path_or_frame) -> PolicyCorpus:
    """A PolicyCorpus made from a metadata table alone (no document texts).

    This is how the project's own table ``corpora/policy/central_documents.csv``
    and the review's Table 1 (``table1_policy_timeline.csv``) are loaded.
    """
    df = path_or_frame if isinstance(path_or_frame, pd.DataFrame) else read_metadata(path_or_frame)
    df = df.copy()
    if "provenance" not in df.columns:
        df["provenance"] = "metadata"
    df["issuers"] = df["issuers"].astype(object) if "issuers" in df.columns else None
    # A list without an issuer column (the State Council list: title, issue_date, document_number) still has
    # issuers: from the title (国务院关于…), else from the 文号's code (国函 → 国务院), as read() does for texts.
    for at in df.index[df["issuers"].map(_empty)]:
        title = df.at[at, "title_zh"] if "title_zh" in df.columns else None
        issuers, source = issuers_from_title("" if _empty(title) else str(title)), "title"
        number = df.at[at, "doc_number"] if "doc_number" in df.columns else None
        if not issuers and not _empty(number):
            parsed = parse_doc_number(str(number))
            issuers, source = issuers_from_code(parsed.issuer_code if parsed else None), "doc_number"
        if issuers:
            df.at[at, "issuers"] = issuers
            df.at[at, "provenance"] = f"{df.at[at, 'provenance']}; issuers:{source}"
    return PolicyCorpus(df)


def _folder_files(folder: Path) -> list[Path]:
    """Files of a folder, recursively and sorted, without hidden files and the notes kept beside data."""
    return sorted(
        f for f in folder.rglob("*") if f.is_file() and not f.name.startswith(".") and f.name not in NOTE_FILES
    )


def _plan(paths, source: str, metadata) -> list[tuple[str, list[Path]]]:
    """What to read and by which reader: ``[(source, files)]`` in the order the paths were given.

    ``texts`` and ``laws`` parts hold files read together; a collection part holds one file.  Inside a folder
    (``auto``) a file that is no document and no collection (a metadata table, an index) is passed over; named
    directly it is an error naming its columns.  A file reached twice is read once.
    """
    from .sources import TABLE_SUFFIXES, sniff_source, table_columns

    if isinstance(paths, (str, Path)):
        paths = [paths]
    skip = {Path(metadata).resolve()} if isinstance(metadata, (str, Path)) else set()
    parts: list[tuple[str, list[Path]]] = []

    def add(name: str, f: Path) -> None:
        if f.resolve() in skip:
            return
        skip.add(f.resolve())
        if name in ("texts", "laws") and parts and parts[-1][0] == name:
            parts[-1][1].append(f)
        else:
            parts.append((name, [f]))

    for p in paths:
        p = Path(p)
        if not p.exists():
            raise LitkitError("path not found", path=p, expected="a policy document, a collection file or a folder")
        if source == "texts":
            for f in _folder_files(p) if p.is_dir() else [p]:
                if not p.is_dir() or f.suffix.lower() in SUPPORTED_SUFFIXES:
                    add("texts", f)
        elif source == "laws":
            for f in _folder_files(p) if p.is_dir() else [p]:
                if not p.is_dir() or (f.suffix.lower() == ".md" and f.name not in NOTE_FILES):
                    add("laws", f)
        elif source != "auto":
            for f in _folder_files(p) if p.is_dir() else [p]:
                if not p.is_dir() or f.suffix.lower() in TABLE_SUFFIXES:
                    add(source, f)
        elif p.is_dir():
            for f in _folder_files(p):
                found = sniff_source(f)
                if found is not None:
                    add(found, f)
        else:
            found = sniff_source(p)
            if found is None and p.suffix.lower() in TABLE_SUFFIXES:
                columns = table_columns(p)
                raise UnknownFormatError(
                    "not a policy collection"
                    + (f" (columns: {', '.join(columns[:12])}{' …' if len(columns) > 12 else ''})" if columns else ""),
                    path=p,
                    expected=_collections_expected() + "; a table joined to texts goes to metadata= / --metadata",
                )
            add(found or "texts", p)  # another file type: the document reader says what it accepts
    return parts


def _collections_expected() -> str:
    from .sources import SOURCES

    return "; ".join(f"{name}: {what}" for name, (reader, what) in SOURCES.items() if reader is not None)


def read(
    paths=(),
    metadata: str | Path | pd.DataFrame | None = None,
    encoding: str | None = None,
    source: str = "auto",
) -> PolicyCorpus:
    """Read policy documents and the public collections of them, and join a metadata table.

    Parameters
    ----------
    paths : path, folder, or sequence of them
        Policy documents (.txt, .md, .html, .docx, .pdf) and collection files; folders are searched
        recursively.  Each file is recognised by its content and read by its collection's reader:

        ======================  ===================================================================
        ``source``              what, read by
        ======================  ===================================================================
        ``texts``               documents (.txt .md .html .htm .docx .pdf): metadata from the text
        ``laws``                LawRefBook markdown (``<!-- INFO END -->``; ``laws_index.csv`` gives
                                the level): :func:`read_laws`
        ``state_council_list``  the State Council list CSV (url, title, issue_date, publish_date,
                                document_number): :func:`read_state_council_list`
        ``work_reports``        Government Work Reports JSONL (title, url, content, year):
                                :func:`read_work_reports`
        ``congress_reports``    CPC National Congress reports JSONL (title, url, content, congress):
                                :func:`read_congress_reports`
        ``gccmpd``              GCCMPD ``GOV_PRC.csv`` / ``*_PRC_EN.xlsx`` (Policy, Year,
                                Policy_Content): :func:`read_gccmpd`
        ``cclw``                Climate Change Laws of the World ``lse.csv`` (Title, Type,
                                Geography, Events), China's rows: :func:`read_cclw`
        ======================  ===================================================================

        Inside a folder, tables that are none of these (a metadata table, ``laws_index.csv``) and notes
        (README.md, PROVENANCE.txt) are passed over; a table named directly that is none of them is an
        error naming its columns.  The same document in two collection files (GCCMPD's ``GOV_PRC.csv``
        and ``GOV_PRC_EN.xlsx``) is read once, its empty fields filled from the other copy.
    metadata : path or DataFrame, optional
        CSV/YAML table joined to the documents by file name (column ``source_file``, with or without
        extension) or, failing that, by ``title_zh`` (the only key for documents of a collection).
        Metadata values win over values read or extracted.
    encoding : str, optional
        Force one encoding for text files instead of sniffing it.
    source : str, default "auto"
        ``"auto"`` recognises each file; one of the names above reads every path with that reader
        (a folder: its documents for ``texts``, its .md files for ``laws``, its tables otherwise).

    Returns
    -------
    PolicyCorpus
        One row per document, in the order of ``paths``.  ``.problems`` lists metadata rows that
        matched no document, text files that matched no metadata row, and documents read once.

    Examples
    --------
    >>> docs = litkit.policy.read("policy_docs/", metadata="policy_docs/meta.csv")  # doctest: +SKIP
    >>> laws = litkit.policy.read("LawRefBook/")          # read_laws: the level from laws_index.csv  # doctest: +SKIP
    >>> both = litkit.policy.read(["texts/", "state_council_docs_merged.csv"])  # one corpus  # doctest: +SKIP
    >>> docs.df[["date", "doc_number", "title_zh"]]                               # doctest: +SKIP
    """
    from .sources import SOURCES, law_corpus

    if source != "auto" and source not in SOURCES:
        raise LitkitError(f"unknown policy source {source!r}", expected="one of auto, " + ", ".join(SOURCES))
    parts = _plan(paths, source, metadata)
    meta = None
    if metadata is not None:
        meta = metadata.copy() if isinstance(metadata, pd.DataFrame) else read_metadata(metadata)
    records: list[dict] = []
    problems: list[dict] = []
    texts: set[int] = set()  # ids of the records read from text files (joined by file name too)
    for name, files in parts:
        if name == "texts":
            for f in files:
                row = _text_record(f, encoding)
                texts.add(id(row))
                records.append(row)
            continue
        part = law_corpus(files) if name == "laws" else SOURCES[name][0](files[0])
        problems.extend(part.problems.to_dict("records"))
        records.extend(_once(part.df.to_dict("records"), records, texts, problems))
    if meta is not None:
        problems.extend(_join_metadata(records, meta, texts))
    return PolicyCorpus(pd.DataFrame(records), problems)


def _text_record(f: Path, encoding: str | None) -> dict:
    text, declared_title = read_text_file(f, encoding)
    if f.suffix.lower() == ".md":
        text = _markdown_body(text)
    row = extract_metadata(text, declared_title)
    _date_from_file_name(row, f)
    row["text"] = text
    row["source_file"] = str(f)
    return row


_SAME = ("title_zh", "year", "date", "doc_number", "text")


def _once(new: list[dict], records: list[dict], texts: set[int], problems: list[dict]) -> list[dict]:
    """``new`` without the documents another collection file already gave (same title, year, date, 文号 and
    text), whose empty fields are filled from the copy; one problem row per pair of files."""

    def key(rec):
        return tuple(None if _empty(rec.get(c)) else str(rec.get(c)) for c in _SAME)

    # copies are paired in order: a collection that repeats a document (GOV_PRC.csv holds 6 twice) keeps
    # both, each paired with one copy of the other file
    earlier: dict[tuple, list[dict]] = {}
    for r in records:
        if id(r) not in texts:
            earlier.setdefault(key(r), []).append(r)
    kept, dropped = [], {}
    for rec in new:
        copies = [r for r in earlier.get(key(rec), ()) if r.get("source_file") != rec.get("source_file")]
        if not copies:
            kept.append(rec)
            continue
        first = copies[0]
        earlier[key(rec)].remove(first)
        for col, value in rec.items():
            if _empty(first.get(col)) and not _empty(value) and col != "doc_id":
                first[col] = value
        pair = (str(rec.get("source_file")), str(first.get("source_file")))
        dropped[pair] = dropped.get(pair, 0) + 1
    for (later, first_file), n in dropped.items():
        problems.append(
            {"file": later, "field": "document", "note": f"{n} document(s) also in {first_file}: read once"}
        )
    return kept


def _join_metadata(records: list[dict], meta: pd.DataFrame, texts: set[int]) -> list[dict]:
    """Metadata values over the records' (in place): a text file by its name or title, a collection's
    document by its title; the problems (rows that matched nothing, text files without a row)."""
    meta_records = meta.to_dict("records")
    by_file: dict[str, dict] = {}
    by_title: dict[str, dict] = {}
    for rec in meta_records:
        name = str(rec.get("source_file") or "").strip()
        if name:
            by_file[name] = rec
            by_file.setdefault(Path(name).name, rec)
            by_file.setdefault(Path(name).stem, rec)
        title = str(rec.get("title_zh") or "").strip()
        if title:
            by_title[title] = rec
    problems: list[dict] = []
    used: set[int] = set()
    for row in records:
        rec = None
        if id(row) in texts:
            f = Path(row["source_file"])
            rec = by_file.get(f.name) or by_file.get(f.stem) or by_file.get(str(f))
        title = row.get("title_zh")
        if rec is None and not _empty(title):
            rec = by_title.get(str(title).strip())
        if rec is not None:
            used.add(id(rec))
            given = [k for k, v in rec.items() if not _empty(v)]
            found = row.get("provenance")
            for k in given:
                if k != "source_file":  # the file read stays the document's file
                    row[k] = rec[k]
            row["provenance"] = (
                "metadata: "
                + ", ".join(sorted(k for k in given if k != "source_file"))
                + ("; " + found if not _empty(found) else "")
            )
        elif id(row) in texts:
            problems.append(
                {"file": str(row["source_file"]), "field": "metadata", "note": "no metadata row matched this file"}
            )
    for rec in meta_records:
        if id(rec) not in used and (rec.get("source_file") or records):
            label = rec.get("source_file") or rec.get("title_zh") or rec.get("title_en")
            problems.append({"file": str(label), "field": "metadata", "note": "metadata row matched no file"})
    return problems


# "地下水管理条例(2021-10-21).md", "国务院令第779号_2024-04-06.txt": a date the file was named with.
_FILE_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.](\d\d)[-_.](\d\d)(?!\d)")


def _date_from_file_name(found: dict, path: Path) -> None:
    """Date a document by its file name when its text dates it only by its last date or not at all.

    A regulation without legislative history ends with its coming into force ("本条例自2021年12月1日起施行"),
    which is not the issuing date the timeline shows; collections such as LawRefBook name each file with the
    version's date.  A signature, history line or opening date in the text still wins over the file name.
    """
    provenance = found.get("provenance") or ""
    if "date:" in provenance and "date:ending" not in provenance:
        return
    match = _FILE_NAME_DATE.search(path.stem)
    date = parse_date("-".join(match.groups())) if match else None
    if date is None:
        return
    found["date"] = date.isoformat()
    parts = [p for p in provenance.split("; ") if p]
    if "date:ending" in parts:
        parts[parts.index("date:ending")] = "date:file name"
    else:
        parts.append("date:file name")
    found["provenance"] = "; ".join(parts)
