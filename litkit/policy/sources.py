"""Readers for public collections of Chinese policy texts.

Each reader takes the collection's file as published and returns a
:class:`~litkit.policy._read.PolicyCorpus`; nothing is copied into litkit.

=============================  ==============================================================
reader                         collection
=============================  ==============================================================
read_state_council_list        gov.cn policy-library list (title, issue/publish dates, 文号),
                               ``state_council_docs_merged.csv`` of Policy-Transparency-China
read_work_reports              Government Work Reports 1954–2025 (+ NPC resolutions), JSONL
read_congress_reports          CPC National Congress reports, JSONL
read_laws                      laws and regulations as LawRefBook markdown (+ laws_index.csv)
read_gccmpd                    GCCMPD ``GOV_PRC.csv`` / ``*_PRC_EN.xlsx`` (State Council, MEE)
read_cclw                      Climate Change Laws of the World ``lse.csv`` (China's rows)
=============================  ==============================================================

:func:`litkit.policy.read` recognises each of these files by its content (:func:`sniff_source`, the names
of :data:`SOURCES`) and calls its reader, so a scholar gives the files as published, mixed with texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ..errors import LitkitError, ParseError
from ._read import PolicyCorpus
from .agencies import issuers_from_code, issuers_from_title
from .dates import find_dates, parse_date
from .docnumber import first_doc_number, parse_doc_number

# Year each CPC National Congress opened (the report is delivered on the first day).
CONGRESS_YEARS = {
    1: 1921,
    2: 1922,
    3: 1923,
    4: 1925,
    5: 1927,
    6: 1928,
    7: 1945,
    8: 1956,
    9: 1969,
    10: 1973,
    11: 1977,
    12: 1982,
    13: 1987,
    14: 1992,
    15: 1997,
    16: 2002,
    17: 2007,
    18: 2012,
    19: 2017,
    20: 2022,
}

# Wikisource appends a licence notice to each scraped text; it starts with one of these.
_NOTICE = re.compile(r"本作品|这部作品")


def _require(path: Path, what: str) -> Path:
    path = Path(path)
    if not path.exists():
        raise LitkitError("file not found", path=path, expected=what)
    return path


def strip_wikisource_notice(text: str, window: int = 2000) -> str:
    """Remove the licence notice Wikisource appends (and the 'Public domain … false' lines).

    The notice is searched only in the last ``window`` characters, so a report
    that itself says 本作品 in its body keeps its body.
    """
    text = text or ""
    start = max(0, len(text) - window)
    m = _NOTICE.search(text, start)
    return text[: m.start()].rstrip() if m else text.rstrip()


def _csv(path: Path) -> pd.DataFrame:
    """A collection's CSV as text columns, its encoding sniffed: a list re-saved by Excel in GB18030 (or with a
    BOM) reads as the UTF-8 original does."""
    from ..io.sniff import TextSource

    source = TextSource(path)
    with source.open(newline="") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def _jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ParseError(
                    f"not a JSON line ({exc.msg})", path=path, line=lineno, expected="one JSON object per line"
                ) from None
    return rows


def read_state_council_list(path: str | Path) -> PolicyCorpus:
    """The State Council document list (no texts): one row per gov.cn page.

    Dates are the issue dates (成文日期, column ``issue_date``); ``publish_date``
    and ``url`` are kept.  Issuers come from the title, else from the 文号 code.
    Document numbers are parsed; a number that does not parse is kept as written
    in ``doc_number`` with empty parts (none in the 2023 list does).
    """
    path = _require(Path(path), "state_council_docs_merged.csv")
    raw = _csv(path)
    missing = {"title", "issue_date", "document_number"} - set(raw.columns)
    if missing:
        raise ParseError(
            f"columns {sorted(missing)} missing",
            path=path,
            expected="columns url,title,issue_date,publish_date,document_number",
        )
    records = []
    for row in raw.itertuples(index=False):
        number = parse_doc_number(row.document_number)
        issuers = issuers_from_title(row.title) or issuers_from_code(number.issuer_code if number else None)
        # Untitled regulations (…条例) and orders are promulgated by the State Council itself.
        issuers = issuers or ["国务院"]
        records.append(
            {
                "title_zh": row.title,
                "date": row.issue_date,
                "doc_number": row.document_number,
                "issuers": issuers,
                "level": "central",
                "kind": None,
                "url": row.url,
                "publish_date": row.publish_date or None,
                "provenance": "state council list",
                "source_file": str(path),
                "text": None,
            }
        )
    return PolicyCorpus(pd.DataFrame(records))


def _report_date(text: str, year: int | None) -> str | None:
    """Delivery date from a report's opening lines (——2021年3月5日在…): first date in that year."""
    for found in find_dates(text[:400]):
        if year is None or found.date.year == year:
            return found.date.isoformat()
    return None


def read_work_reports(path: str | Path, include_resolutions: bool = False) -> PolicyCorpus:
    """Government Work Reports (政府工作报告) from the chinese-political-corpora JSONL.

    ``doc_id`` is ``GWR-<year>``; text has the Wikisource notice removed (white
    space is kept: counting functions remove it themselves).  NPC resolutions
    on the reports (records without a year) are skipped unless
    ``include_resolutions``; their year is then the first date in their text.
    """
    path = _require(Path(path), "government_work_reports.jsonl")
    records = []
    for rec in _jsonl(path):
        text = strip_wikisource_notice(rec.get("content") or "")
        year = rec.get("year")
        if year:
            year = int(year)
            records.append(
                {
                    "doc_id": f"GWR-{year}",
                    "title_zh": rec.get("title"),
                    "title_en": f"Government Work Report {year}",
                    "issuers": ["国务院"],
                    "date": _report_date(text, year),
                    "year": year,
                    "level": "central",
                    "kind": "government work report",
                    "text": text,
                    "url": rec.get("url"),
                    "source_file": str(path),
                    "provenance": "jsonl year; date: report heading",
                }
            )
        elif include_resolutions:
            dates = find_dates(text[:600])
            date = dates[0].date.isoformat() if dates else None
            records.append(
                {
                    "title_zh": rec.get("title"),
                    "issuers": ["全国人民代表大会"],
                    "date": date,
                    "level": "central",
                    "kind": "NPC resolution",
                    "text": text,
                    "url": rec.get("url"),
                    "source_file": str(path),
                    "provenance": "date: first date in text",
                }
            )
    df = pd.DataFrame(records)
    if len(df):
        df = df.sort_values(["kind", "year", "date"], kind="mergesort", na_position="last")
    return PolicyCorpus(df)


def read_congress_reports(path: str | Path) -> PolicyCorpus:
    """CPC National Congress reports (党代会报告) from the chinese-political-corpora JSONL.

    ``doc_id`` is ``CPC-<congress>`` (``-2``, ``-3`` … for further documents of
    the same congress); ``year`` is the congress's opening year.  Some early
    texts are in traditional characters; they are left as they are.
    """
    path = _require(Path(path), "cpc_congress_reports.jsonl")
    records, seen = [], {}
    for rec in _jsonl(path):
        congress = int(rec["congress"]) if rec.get("congress") is not None else None
        seen[congress] = seen.get(congress, 0) + 1
        suffix = "" if seen[congress] == 1 else f"-{seen[congress]}"
        records.append(
            {
                "doc_id": f"CPC-{congress}{suffix}",
                "title_zh": rec.get("title"),
                "title_en": f"Report to the {_ordinal(congress)} CPC National Congress" if congress else None,
                "issuers": ["中国共产党全国代表大会"],
                "year": CONGRESS_YEARS.get(congress),
                "level": "central",
                "kind": "party congress report",
                "congress": congress,
                "text": strip_wikisource_notice(rec.get("content") or ""),
                "url": rec.get("url"),
                "source_file": str(path),
                "provenance": "congress number",
            }
        )
    return PolicyCorpus(pd.DataFrame(records))


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 12th, 20th (the titles said "1th", "2th", "3th").

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 20, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '20th', '21st', '22nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _law_issuers(history: list[str], level: str | None) -> list[str]:
    joined = "".join(history)
    if "全国人民代表大会常务委员会" in joined:
        return ["全国人民代表大会常务委员会"]
    if "全国人民代表大会" in joined:
        return ["全国人民代表大会"]
    if level == "行政法规":
        return ["国务院"]
    return []


def read_law_file(path: str | Path, level: str | None = None) -> dict:
    """One LawRefBook markdown file: title, adoption/amendment history, version date, body.

    The date is the version's, named in the file name (``地下水管理条例(2021-10-21).md``); without one, the
    last date of the history under the title; without history, the date the text gives
    (:func:`~litkit.policy.dates.dated_by`: signature, opening, or its coming into force).  ``provenance``
    says which (``date:file name``, ``date:history``, ``date:ending`` …) and where the issuers came from.
    """
    from ._read import read_text_file
    from .dates import dated_by

    path = Path(path)
    text, _ = read_text_file(path)
    head, sep, body = text.partition("<!-- INFO END -->")
    if not sep:
        head, body = "", text
    title = next((ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("# ")), path.stem)
    history = [ln.strip() for ln in head.splitlines() if find_dates(ln)]
    m = re.search(r"\((\d{4}-\d{2}-\d{2})\)$", path.stem)
    version, where = (parse_date(m.group(1)) if m else None), "file name"
    if version is None and history:
        version, where = find_dates(history[-1])[-1].date, "history"
    if version is None:
        version, where = dated_by(re.sub(r"<!--.*?-->", "", body, flags=re.S))
    issuers = _law_issuers(history, level)
    found = "history" if issuers and "全国人民代表大会" in "".join(history) else f"level {level}"
    return {
        "title_zh": title,
        "date": version.isoformat() if version else None,
        "issuers": issuers,
        "level": level,
        "kind": {"法律": "law", "行政法规": "administrative regulation"}.get(level or "", None),
        "history": history,
        "text": body.strip(),
        "source_file": str(path),
        "provenance": "LawRefBook" + (f"; date:{where}" if version else "") + (f"; issuers:{found}" if issuers else ""),
    }


def read_laws(folder: str | Path) -> PolicyCorpus:
    """Laws and regulations in LawRefBook markdown: a folder (searched recursively) or one ``.md`` file.

    When ``laws_index.csv`` is present (in the folder, or for a file in its folder or up to two folders
    above) its ``level`` (法律 / 行政法规) is used; otherwise the level is guessed from the sub-folder
    name (行政法规 → regulation).  The format template 法律法规模版.md, notes (README.md, INDEX.md,
    PROVENANCE.txt) and hidden files are skipped.

    Examples
    --------
    >>> laws = litkit.policy.read_laws("LawRefBook/Laws/")                 # doctest: +SKIP
    >>> law = litkit.policy.read_laws("行政法规/生态保护补偿条例(2024-04-06).md")  # doctest: +SKIP
    """
    from ._read import NOTE_FILES

    folder = _require(Path(folder), "a folder of LawRefBook markdown files")
    if folder.is_file():
        files = [folder]
    else:
        files = sorted(
            f
            for f in folder.rglob("*.md")
            if f.is_file() and f.name not in NOTE_FILES and not _hidden(f.relative_to(folder))
        )
    return law_corpus(files)


def law_corpus(files) -> PolicyCorpus:
    """LawRefBook markdown files (paths) as a PolicyCorpus; what :func:`read_laws` and
    :func:`litkit.policy.read` (for files with ``<!-- INFO END -->``) both return.

    Each file's level comes from the ``laws_index.csv`` nearest above it (its ``file`` column is the
    path relative to the index's folder), else from a 行政法规 folder in its path.
    """
    indexes: dict[Path, dict[str, str]] = {}
    records = []
    for f in files:
        f = Path(f)
        root = _law_root(f)
        if root not in indexes:
            indexes[root] = _law_index(root)
        rel = f.relative_to(root).as_posix()
        level = indexes[root].get(rel) or ("行政法规" if "行政法规" in rel else "法律")
        rec = read_law_file(f, level)
        rec["history"] = " | ".join(rec["history"])
        records.append(rec)
    return PolicyCorpus(pd.DataFrame(records))


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _law_root(path: Path) -> Path:
    """The folder whose laws_index.csv lists ``path`` (LawRefBook: <root>/<category>/<law>.md), else its folder."""
    for up in list(path.parents)[:3]:
        if (up / "laws_index.csv").is_file():
            return up
    return path.parent


def _law_index(root: Path) -> dict[str, str]:
    index = root / "laws_index.csv"
    if not index.is_file():
        return {}
    idx = pd.read_csv(index, dtype=str, keep_default_na=False)
    if not {"file", "level"} <= set(idx.columns):
        raise ParseError(
            f"columns {sorted({'file', 'level'} - set(idx.columns))} missing",
            path=index,
            expected="laws_index.csv with columns file (path relative to it) and level (法律 / 行政法规)",
        )
    return dict(zip(idx["file"], idx["level"]))


def read_gccmpd(path: str | Path) -> PolicyCorpus:
    """GCCMPD China documents: ``GOV_PRC.csv`` (State Council) or ``MEE_PRC_EN.xlsx`` (Ministry of
    Ecology and Environment), with full Chinese text.

    For the .xlsx files the Chinese columns (``Policy_raw``, ``Policy_Content_raw``)
    are read; GCCMPD's machine-translated English title goes to ``title_en``.
    The document's own 文号 is the first one in its opening lines (under the
    title, or under the 版头 of MEE documents).  Issuers come from the title,
    else from the 版头 (``生态环境部国家发展和改革委员会…文件``), else the
    collection's own agency (国务院 for GOV_PRC, 生态环境部 for MEE_PRC).  The
    date is the signature date when it lies within a year of GCCMPD's ``Year``
    (``year`` then follows the date; GCCMPD's own publication year stays in
    ``gccmpd_year``); otherwise only GCCMPD's year is kept.
    """
    from .agencies import issuers_from_header
    from .dates import document_date

    path = _require(Path(path), "GCCMPD GOV_PRC.csv or MEE_PRC_EN.xlsx")
    if path.suffix.lower() == ".xlsx":
        raw = pd.read_excel(path, dtype=str).fillna("")
        raw = raw.rename(
            columns={
                "Policy": "title_en_mt",
                "Policy_Content": "content_en_mt",
                "Policy_raw": "Policy",
                "Policy_Content_raw": "Policy_Content",
            }
        )
    else:
        raw = _csv(path)
    missing = {"Policy", "Year", "Policy_Content"} - set(raw.columns)
    if missing:
        raise ParseError(
            f"columns {sorted(missing)} missing",
            path=path,
            expected="GCCMPD columns Policy(_raw), Year, Policy_Content(_raw), URL, Source",
        )
    records = []
    for row in raw.to_dict("records"):
        text, title = row["Policy_Content"], row["Policy"]
        # The own 文号 stands in the 版头 before the title or right under it; a number further
        # into the text is cited by the body (为贯彻《…》（国办发〔2016〕81号）…).
        at = text.find(title, 0, 400) if text and title else -1
        window = text[: (at if at >= 0 else 0) + len(title) + 40] if text else ""
        number = first_doc_number(window) if text else None
        date = document_date(text) if text else None
        if date is not None and row["Year"] and abs(date.year - int(row["Year"])) > 1:
            date = None  # a date cited at the end of the text, not the signature
        default = ["生态环境部"] if row.get("Source") == "MEE_PRC" else ["国务院"]
        issuers = issuers_from_title(title) or issuers_from_header(text) or default
        records.append(
            {
                "title_zh": title,
                "title_en": row.get("title_en_mt") or None,
                "year": int(row["Year"]) if row["Year"] else None,
                "gccmpd_year": int(row["Year"]) if row["Year"] else None,
                "date": date.isoformat() if date else None,
                "doc_number": number.text if number else None,
                "issuers": issuers,
                "level": "central",
                "text": text or None,
                "url": row.get("URL"),
                "source_file": str(path),
                "provenance": "GCCMPD; doc_number/date/issuers: text",
            }
        )
    return PolicyCorpus(pd.DataFrame(records))


def read_cclw(path: str | Path, geography: str | None = "China") -> PolicyCorpus:
    """Climate Change Laws of the World (LSE Grantham / Climate Policy Radar) export ``lse.csv``.

    English metadata only (no full text): ``title_en`` is the law's title, ``date`` the first dated event
    (``Law passed``, ``Approved``, ``Published`` …; every event stays in ``events``), ``kind`` the CCLW type
    (``legislative`` / ``executive``), the English description goes to ``summary_en``.  ``geography``
    (a name or an ISO code, case-insensitive) keeps that country's rows, China by default because the
    issuer lanes and the rest of :mod:`litkit.policy` are about Chinese documents; ``None`` keeps all.
    China's legislative rows are laws of the NPC Standing Committee (issuer 全国人民代表大会常务委员会);
    executive rows do not say which body issued them and stay unidentified.

    Examples
    --------
    >>> china = litkit.policy.read_cclw("lse.csv")                    # doctest: +SKIP
    >>> everything = litkit.policy.read_cclw("lse.csv", geography=None)  # doctest: +SKIP
    """
    path = _require(Path(path), "the CCLW export lse.csv")
    raw = _csv(path)
    missing = set(CCLW_COLUMNS) - set(raw.columns)
    if missing:
        raise ParseError(
            f"columns {sorted(missing)} missing", path=path, expected="CCLW columns " + ",".join(CCLW_COLUMNS)
        )
    problems = []
    if geography is not None:
        wanted = geography.strip().casefold()
        keep = (raw["Geography"].str.casefold() == wanted) | (raw["Geography ISO"].str.casefold() == wanted)
        if not keep.all():
            note = f"{int((~keep).sum()):,} row(s) of other geographies left out (read_cclw(path, geography=None) keeps them)"
            problems.append({"file": str(path), "field": "Geography", "note": note})
        raw = raw[keep]
    records = []
    for row in raw.to_dict("records"):
        events = [e for e in re.split(r";", row["Events"]) if e.strip()]
        dates = [parse_date(_dmy(e.split("|", 1)[0])) for e in events]
        dates = [d for d in dates if d is not None]
        china = row["Geography ISO"] == "CHN"
        legislative = row["Type"].strip().lower() == "legislative"
        records.append(
            {
                "title_en": row["Title"],
                "date": min(dates).isoformat() if dates else None,
                "issuers": ["全国人民代表大会常务委员会"] if china and legislative else [],
                "level": "central",
                "kind": row["Type"] or None,
                "topics": [t for t in re.split(r"[;|]", row.get("Keywords", "")) if t.strip()],
                "geography": row["Geography"],
                "events": "; ".join(e.strip().strip("|") for e in events),
                "summary_en": row.get("Description") or None,
                "text": None,
                "url": _first_url(row.get("Documents", "")),
                "source_file": str(path),
                "provenance": "CCLW; date: first event"
                + ("; issuers: CCLW type legislative" if china and legislative else ""),
            }
        )
    return PolicyCorpus(pd.DataFrame(records), problems)


CCLW_COLUMNS = ("Title", "Type", "Geography", "Geography ISO", "Events")


def _dmy(text: str) -> str:
    """CCLW writes dates DD/MM/YYYY: 05/11/2014 → 2014-11-05."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else text


def _first_url(documents: str) -> str | None:
    m = re.search(r"https?://[^|;\s]+", documents or "")
    return m.group(0) if m else None


# ---------------------------------------------------------------------------------------------
# Which collection a file is: what litkit.policy.read(source="auto") dispatches on
# ---------------------------------------------------------------------------------------------
#: The sources :func:`litkit.policy.read` knows: name -> (reader, what it reads).  ``texts`` is the
#: generic reader of documents (with a metadata table); the others are the public collections above.
SOURCES = {
    "texts": (None, "policy documents as .txt .md .html .htm .docx .pdf (folders searched)"),
    "laws": (read_laws, "LawRefBook markdown (.md with <!-- INFO END -->, laws_index.csv for levels)"),
    "state_council_list": (read_state_council_list, "State Council list CSV (url,title,issue_date,document_number)"),
    "work_reports": (read_work_reports, "Government Work Reports JSONL (title,url,content,year)"),
    "congress_reports": (read_congress_reports, "CPC National Congress reports JSONL (title,url,content,congress)"),
    "gccmpd": (read_gccmpd, "GCCMPD GOV_PRC.csv / *_PRC_EN.xlsx (Policy,Year,Policy_Content)"),
    "cclw": (read_cclw, "CCLW lse.csv (Title,Type,Geography,Geography ISO,Events; China's rows)"),
}

#: File types of the collections, looked at inside folders and sniffed by their content.
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".jsonl", ".ndjson", ".json")

_CSV_SOURCES = (
    ("state_council_list", {"title", "issue_date", "document_number"}),
    ("gccmpd", {"Policy", "Year", "Policy_Content"}),
    ("cclw", set(CCLW_COLUMNS)),
)
_XLSX_SOURCES = (("gccmpd", {"Policy_raw", "Year", "Policy_Content_raw"}),)
_JSONL_SOURCES = (
    ("work_reports", {"title", "content", "year"}),
    ("congress_reports", {"title", "content", "congress"}),
)
_LAW_MARKER = "<!-- INFO END -->"


def sniff_source(path: str | Path) -> str | None:
    """The source (a key of :data:`SOURCES`) a file's content says it is, or None.

    By content, not name: a ``.md`` holding LawRefBook's ``<!-- INFO END -->`` is ``laws``, other
    documents (.txt .md .html .docx .pdf) are ``texts``; a CSV / TSV / .xlsx by its header row, a JSON-lines
    file by the keys of its first record.  A table that is none of the collections is None.

    Examples
    --------
    >>> sniff_source("state_council_docs_merged.csv"), sniff_source("GOV_PRC.csv")  # doctest: +SKIP
    ('state_council_list', 'gccmpd')
    """
    from ._read import SUPPORTED_SUFFIXES

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".md":
        return "laws" if _LAW_MARKER in _head_text(path, 1 << 16) else "texts"
    if suffix in SUPPORTED_SUFFIXES:
        return "texts"
    if suffix in (".csv", ".tsv"):
        return _match(set(table_columns(path)), _CSV_SOURCES)
    if suffix == ".xlsx":
        return _match(set(table_columns(path)), _XLSX_SOURCES)
    if suffix in (".jsonl", ".ndjson", ".json"):
        return _match(set(table_columns(path)), _JSONL_SOURCES)
    return None


def table_columns(path: Path) -> list[str]:
    """The header of a CSV/TSV/.xlsx table or the keys of a JSON-lines file's first record ([] when unreadable)."""
    import csv

    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True)
            try:
                row = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
            finally:
                book.close()
            return [str(c).strip() for c in row if c is not None]
        first = next((ln for ln in _head_text(path, 1 << 20).splitlines() if ln.strip()), "")
        if suffix in (".jsonl", ".ndjson", ".json"):
            record = json.loads(first)
            return [str(k) for k in record] if isinstance(record, dict) else []
        return [c.strip() for c in next(csv.reader([first], delimiter="\t" if suffix == ".tsv" else ","))]
    except Exception:  # a damaged workbook, a JSON array over many lines: not a collection file
        return []


def _match(columns: set[str], candidates) -> str | None:
    return next((name for name, needed in candidates if needed <= columns), None)


def _head_text(path: Path, size: int) -> str:
    with open(path, "rb") as fh:
        data = fh.read(size)
    return data.decode("utf-8-sig", errors="replace")
