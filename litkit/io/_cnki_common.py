"""What every CNKI reader shares: one field model, one record builder.

CNKI (中国知网) exports the same metadata in six layouts (RefWorks, EndNote,
NoteExpress, E-Study, the self-defined "自定义" text and an ``.xls`` that is an
HTML table).  Each reader only turns its layout into *CNKI fields* -- the
internal names in :data:`FIELDS` -- and hands them to :func:`build_record`,
so that the rules below hold for every CNKI format alike:

* authors and affiliations are split on ``;`` ``；`` ``;;`` ``，`` and on a
  ``,`` next to a Chinese character (old CNKI records use ``谢昕,王小增``),
  never on the comma inside ``Smith, John``; spaces inside a Chinese name are
  removed (``王  伟`` -> ``王伟``);
* keywords are split on ``;`` ``；`` ``;;``; only a value without any
  semicolon is split on commas, and never on a comma between digits
  (``2,4-D`` stays one keyword);
* the document type becomes a WoS-style ``PT`` code (J journal, T thesis,
  C conference, B book, P patent, N newspaper; empty for standards, yearbooks,
  research achievements) and a CNKI-style ``DT`` label (期刊, 硕士, 博士,
  学位论文, 会议, 报纸, 图书, 专利, 标准, 年鉴, 科技成果, 其他);
* ``PY`` comes from the year field, else from the publication date, else --
  for online-first (网络首发) records, which carry no year -- from the date
  CNKI writes into their ``link.cnki.net/urlid/…`` link; that date also goes
  to ``EA`` (the early-access analogue) and a report note says so;
* pages ``72-74`` give ``BP``/``EP``; ``41-43+47`` keeps the raw string in
  ``extra["pages"]``; numeric volume, issue and pages lose leading zeros;
* CNKI fields without a canonical column (刊号 CN, 中图分类号 CLC, downloads,
  advisors, degree, conference place, …) go to ``extra``, keyed by name.

Record-level rules (see :func:`iter_blocks` and :func:`finish_block`): a
record starts at the format's record marker; a line that is no tag continues
the field before it (CNKI wraps long abstracts and old address fields over
several lines) and is reported unless that field is free text (abstract,
title, addresses, keywords); a record without a title is skipped and
reported; a last record that carries none of the fields that close the
records before it is kept (when it has a title) and reported as probably cut
short (:func:`truncation_suspects`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .base import clean_doi, parse_year
from .ingest_report import FileReport

# ---------------------------------------------------------------------------------------------
# Character classes
# ---------------------------------------------------------------------------------------------
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_RE = re.compile(f"[{_CJK}]")
_SPACE_IN_CJK = re.compile("(?<=[\u3400-\u9fff])[ \u3000\t]+(?=[\u3400-\u9fff])")
# a comma that separates two Chinese names: next to a CJK character on either side
_CJK_COMMA = re.compile("(?<=[\u3400-\u9fff]),|,(?=\\s*[\u3400-\u9fff])")
_MULTI_SEP = re.compile(r"[;；，]+")
_KEYWORD_SEMI = re.compile(r"[;；]+")
_KEYWORD_COMMA = re.compile(r"(?<!\d)[,，]|[,，](?!\d)")


def has_cjk(text: str | None) -> bool:
    """True when ``text`` holds at least one Chinese/Japanese character.

    >>> has_cjk("生态产品"), has_cjk("Ecosystem")
    (True, False)
    """
    return bool(text) and bool(_CJK_RE.search(text))


def _clean_piece(piece: str, join_cjk: bool = True) -> str:
    piece = piece.strip().strip(",，").strip()
    if len(piece) > 1 and piece[0] == piece[-1] == '"':  # a CSV-style quoted value
        piece = piece[1:-1].strip()
    return _SPACE_IN_CJK.sub("", piece) if join_cjk else piece


def split_names(value: str | None, join_cjk: bool = True) -> list[str]:
    """Split a CNKI author (or affiliation) field into names, in order.

    Examples
    --------
    >>> split_names("齐淑霞;刘圣;李鹏;")
    ['齐淑霞', '刘圣', '李鹏']
    >>> split_names("谢昕,王小增")
    ['谢昕', '王小增']
    >>> split_names("Alaa Alhaj-Ismail;;Sami Adwan")
    ['Alaa Alhaj-Ismail', 'Sami Adwan']
    >>> split_names("Smith, John；王  伟")
    ['Smith, John', '王伟']

    ``join_cjk=False`` keeps spaces between Chinese characters (affiliations
    such as ``北京大学 北京100871`` need them).
    """
    if not value:
        return []
    value = value.replace("\n", ";")
    value = _CJK_COMMA.sub(";", value)
    return [p for p in (_clean_piece(x, join_cjk) for x in _MULTI_SEP.split(value)) if p]


def split_keywords(value: str | None) -> list[str]:
    """Split a CNKI keyword field.

    Examples
    --------
    >>> split_keywords("生态产品;;碳汇;;生态补偿")
    ['生态产品', '碳汇', '生态补偿']
    >>> split_keywords("巴拿马,习近平,巴雷拉,")
    ['巴拿马', '习近平', '巴雷拉']
    >>> split_keywords("2,4-D;除草剂")
    ['2,4-D', '除草剂']
    """
    if not value:
        return []
    value = value.replace("\n", ";")
    if _KEYWORD_SEMI.search(value):
        parts = _KEYWORD_SEMI.split(value)
    else:
        parts = _KEYWORD_COMMA.split(value)
    return [p for p in (_clean_piece(x) for x in parts) if p]


# ---------------------------------------------------------------------------------------------
# Document types
# ---------------------------------------------------------------------------------------------
# (needle, PT, DT): the first needle found in the lower-cased type text decides.  Degree
# labels come before the generic thesis words so that 硕士/博士 survive as DT.
_TYPE_RULES: tuple[tuple[str, str | None, str], ...] = (
    ("博士", "T", "博士"),
    ("doctor", "T", "博士"),
    ("phd", "T", "博士"),
    ("硕士", "T", "硕士"),
    ("master", "T", "硕士"),
    ("dissertation", "T", "学位论文"),
    ("thesis", "T", "学位论文"),
    ("学位", "T", "学位论文"),
    ("conference", "C", "会议"),
    ("proceeding", "C", "会议"),
    ("会议", "C", "会议"),
    ("newspaper", "N", "报纸"),
    ("报纸", "N", "报纸"),
    ("patent", "P", "专利"),
    ("专利", "P", "专利"),
    ("standard", None, "标准"),
    ("标准", None, "标准"),
    ("年鉴", None, "年鉴"),
    ("yearbook", None, "年鉴"),
    ("科技成果", None, "科技成果"),
    ("成果", None, "科技成果"),
    ("book", "B", "图书"),
    ("图书", "B", "图书"),
    ("专著", "B", "图书"),
    ("journal", "J", "期刊"),
    ("期刊", "J", "期刊"),
    ("学术辑刊", "J", "期刊"),
    ("other", None, "其他"),
)
# E-Study "DataType" codes (CNKI 知网研学): 1 journal, 2 thesis, 3 conference, 4 newspaper,
# 5 book, 6 yearbook, 60 patent, 61 other, 62 standard.
ESTUDY_DATATYPES = {
    "1": "期刊",
    "2": "学位论文",
    "3": "会议",
    "4": "报纸",
    "5": "图书",
    "6": "年鉴",
    "60": "专利",
    "61": "其他",
    "62": "标准",
}


def document_type(*labels: str | None) -> tuple[str | None, str | None]:
    """``(PT, DT)`` from the type labels a record carries, most specific first.

    Each label is tried in turn (e.g. the degree ``硕士``, then ``Thesis``);
    the first one that names a known type decides.

    Examples
    --------
    >>> document_type("Journal Article")
    ('J', '期刊')
    >>> document_type("硕士", "Dissertation/Thesis")
    ('T', '硕士')
    >>> document_type("中国优秀硕士学位论文全文数据库")
    ('T', '硕士')
    >>> document_type("国际会议")
    ('C', '会议')
    """
    for label in labels:
        if not label:
            continue
        low = label.strip().lower()
        for needle, pt, dt in _TYPE_RULES:
            if needle in low:
                return pt, dt
    return None, None


# ---------------------------------------------------------------------------------------------
# Small value cleaners
# ---------------------------------------------------------------------------------------------
def strip_zeros(value: str | None) -> str | None:
    """Drop leading zeros of a numeric volume/issue/page (``"03"`` -> ``"3"``; ``"S1"`` kept).

    >>> strip_zeros("03"), strip_zeros("S1"), strip_zeros("0"), strip_zeros(" ")
    ('3', 'S1', '0', None)
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return str(int(value))
    return value


_PAGES = re.compile(r"^\s*([A-Za-z]?\d+)\s*(?:[-–—~～]\s*([A-Za-z]?\d+))?\s*(.*)$")


def parse_pages(value: str | None) -> tuple[str | None, str | None, bool]:
    """``(BP, EP, complex)`` from a CNKI page string.

    ``complex`` is true when the string says more than one range (``41-43+47``),
    so the caller keeps the raw string too.

    Examples
    --------
    >>> parse_pages("72-74")
    ('72', '74', False)
    >>> parse_pages("41-43+47")
    ('41', '43', True)
    >>> parse_pages("004")
    ('4', None, False)
    """
    if not value or not value.strip():
        return None, None, False
    m = _PAGES.match(value)
    if not m:
        return None, None, True
    bp, ep, rest = m.groups()
    return strip_zeros(bp), strip_zeros(ep), bool(rest.strip())


_LANGUAGES = {
    "中文": "Chinese",
    "英文": "English",
    "chinese": "Chinese",
    "english": "English",
    "日文": "Japanese",
    "俄文": "Russian",
    "德文": "German",
    "法文": "French",
}


def language(value: str | None) -> str | None:
    """Language in WoS wording (``中文;`` -> ``Chinese``); unknown labels kept as written.

    >>> language("中文;"), language("英文"), language("")
    ('Chinese', 'English', None)
    """
    parts = split_names(value)
    if not parts:
        return None
    return "; ".join(_LANGUAGES.get(p.lower(), _LANGUAGES.get(p, p)) for p in parts)


_BR_MARK = re.compile(r"\(#br\)", re.IGNORECASE)


def clean_abstract(value: str | None) -> str | None:
    """Abstract text without CNKI markers.

    ``(#br)`` (NoteExpress line breaks) becomes a newline, a leading
    ``Abstract`` heading before such a break is dropped, and the ``<正>``
    marker CNKI puts before a first-paragraph excerpt is removed.

    >>> clean_abstract("Abstract(#br)This paper studies ...")
    'This paper studies ...'
    >>> clean_abstract("<正>苯妥英钠作为一种传统抗癫痫药物")
    '苯妥英钠作为一种传统抗癫痫药物'
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    text = re.sub(r"^abstract\s*\(#br\)", "", text, flags=re.IGNORECASE)
    text = _BR_MARK.sub("\n", text)
    text = re.sub(r"^\s*[<＜]正[>＞]\s*", "", text)
    return text.strip() or None


def clean_title(value: str | None) -> str | None:
    """A title on one line: wrapped lines joined (without a space between Chinese characters)."""
    if not value or not value.strip():
        return None
    parts = [p.strip() for p in value.splitlines() if p.strip()]
    out = parts[0]
    for p in parts[1:]:
        out += ("" if has_cjk(out[-1]) and has_cjk(p[0]) else " ") + p
    return out


_URLID_DATE = re.compile(r"urlid/[^?#\s]*?\.((?:19|20)\d{2})(\d{2})(\d{2})\.\d{3,4}\.", re.IGNORECASE)


def online_first_date(url: str | None) -> str | None:
    """The online-first (网络首发) date CNKI writes into a ``urlid`` link, as ``YYYY-MM-DD``.

    >>> online_first_date("https://link.cnki.net/urlid/22.1264.G2.20241113.2224.002")
    '2024-11-13'
    >>> online_first_date("https://link.cnki.net/doi/10.19554/j.cnki.1001-3563.2010.20.022") is None
    True
    """
    if not url:
        return None
    m = _URLID_DATE.search(url)
    if not m:
        return None
    y, mo, d = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{mo}-{d}"


def to_int(value: str | None) -> int | None:
    """An integer count from ``"1,234"`` / ``"12"``; None when there is none."""
    if not value:
        return None
    digits = re.sub(r"[,\s，]", "", value)
    return int(digits) if digits.isdigit() else None


# ---------------------------------------------------------------------------------------------
# The CNKI field model and the record builder
# ---------------------------------------------------------------------------------------------
#: Internal CNKI field names the readers fill (one list of raw strings per field).
FIELDS = (
    "type",
    "degree",
    "database",
    "title",
    "authors",
    "affiliations",
    "source",
    "institution",
    "conference",
    "place",
    "publisher",
    "keywords",
    "abstract",
    "pubdate",
    "year",
    "volume",
    "issue",
    "pages",
    "page_count",
    "issn",
    "isbn",
    "cn",
    "clc",
    "fund",
    "doi",
    "url",
    "language",
    "advisors",
    "first_duty",
    "cited",
    "downloads",
    "notes",
    "number",
    "seq",
)

_EXTRA_FIELDS = (
    "cn",
    "clc",
    "downloads",
    "advisors",
    "degree",
    "conference",
    "place",
    "first_duty",
    "page_count",
    "database",
    "notes",
    "number",
    "institution",
)


@dataclass
class Entry:
    tag: str
    value: str
    line: int


@dataclass
class Block:
    """The lines of one record: its tagged entries and where it starts."""

    line: int
    entries: list[Entry] = field(default_factory=list)
    continued: list[tuple[int, str]] = field(default_factory=list)  # (line, tag continued)

    @property
    def tags(self) -> set[str]:
        return {e.tag for e in self.entries}


def iter_blocks(
    lines: Iterable[str],
    match_tag: Callable[[str], tuple[str, str] | None],
    is_start: Callable[[str, str], bool],
    report: FileReport,
) -> list[Block]:
    """Group tagged lines into records.

    ``match_tag(line)`` returns ``(tag, value)`` for a tagged line, else None;
    ``is_start(tag, value)`` says whether that tag opens a new record.  Blank
    lines are skipped (CNKI puts blank lines inside EndNote thesis abstracts);
    an untagged line continues the entry before it.  Non-blank lines before the
    first record are reported once and ignored.
    """
    blocks: list[Block] = []
    current: Block | None = None
    preamble: int | None = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        hit = match_tag(line)
        if hit is not None and is_start(*hit):
            current = Block(lineno)
            blocks.append(current)
        if current is None:
            if preamble is None:
                preamble = lineno
            continue
        if hit is not None:
            current.entries.append(Entry(hit[0], hit[1], lineno))
        elif current.entries:
            last = current.entries[-1]
            last.value = f"{last.value}\n{line.strip()}"
            current.continued.append((lineno, last.tag))
    if preamble is not None:
        report.problem(preamble, "text before the first record ignored (it is no record of this format)", action="note")
    return blocks


def truncation_suspects(blocks: list[Block]) -> set[str]:
    """The closing tags of the other records when the last record has none of them.

    Every CNKI format ends a complete record with one of a few fields (RefWorks
    ``LK``/``DO``, EndNote ``%W``, NoteExpress ``{Database Provider}``, E-Study
    ``Link-链接``, self-defined ``URL-网址``/``DOI-DOI``).  A last record that
    carries none of the tags that close the records before it was most likely
    cut off by an interrupted download.  At least two complete records are
    needed to judge (one thesis without a DOI after one article with a DOI
    proves nothing).
    """
    if len(blocks) < 3:
        return set()
    closers = {b.entries[-1].tag for b in blocks[:-1] if b.entries}
    last = blocks[-1].tags
    return set() if closers & last else closers


@dataclass
class Fields:
    """CNKI fields of one record, plus the format's leftover tags for ``extra``."""

    values: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, value: str | None) -> None:
        if name not in FIELDS:
            raise KeyError(f"unknown CNKI field {name!r}")
        if value is not None and value.strip():
            self.values.setdefault(name, []).append(value.strip())

    def keep(self, tag: str, value: str | None) -> None:
        """Keep a tag that has no CNKI field, under its own name in ``extra``."""
        if value is not None and value.strip():
            old = self.extra.get(tag)
            self.extra[tag] = f"{old}\n{value.strip()}" if old else value.strip()

    def first(self, name: str) -> str | None:
        vals = self.values.get(name)
        return vals[0] if vals else None

    def joined(self, name: str, sep: str = ";") -> str | None:
        vals = self.values.get(name)
        return sep.join(vals) if vals else None


def build_record(f: Fields, *, line: int, report: FileReport, index: int) -> dict:
    """The canonical record (``litkit.corpus`` columns) for one CNKI record."""
    rec: dict = {"DB": "CNKI", "source_line": line}
    extra = dict(f.extra)

    # most specific first: the degree, then CNKI's sub-database (年鉴 beats "Standard"), then the type
    pt, dt = document_type(f.first("degree"), f.first("database"), f.first("type"))
    rec["PT"], rec["DT"] = pt, dt
    rec["TI"] = clean_title(f.first("title"))

    authors: list[str] = []
    for v in f.values.get("authors", []):
        authors.extend(split_names(v))
    rec["AU"] = authors
    rec["AF"] = list(authors)  # CNKI writes full names; there is no short form to derive

    # the source: journal / proceedings / newspaper title, or for theses the university
    source = f.first("source")
    if pt == "T":
        source = f.first("institution") or source or f.first("publisher")
    elif pt == "C":
        source = source or f.first("conference")
    rec["SO"] = clean_title(source)
    if pt != "T" and f.first("publisher"):
        rec["PU"] = f.first("publisher")

    keywords: list[str] = []
    for v in f.values.get("keywords", []):
        keywords.extend(split_keywords(v))
    rec["DE"] = keywords
    rec["AB"] = clean_abstract(f.joined("abstract", "\n"))
    affiliations: list[str] = []
    for v in f.values.get("affiliations", []):
        affiliations.extend(split_names(v, join_cjk=False))
    rec["C1"] = affiliations

    pubdate = f.first("pubdate")
    rec["PD"] = pubdate.strip() if pubdate else None
    url = f.first("url")
    rec["URL"] = url
    year = parse_year(f.first("year")) or parse_year(pubdate)
    if year is None:
        online = online_first_date(url)
        if online:
            year = int(online[:4])
            rec["EA"] = online
            report.problem(
                line,
                f"no year field; year {year} taken from the online-first date {online} in the record's CNKI link",
                action="note",
                record=index,
            )
        else:
            report.problem(line, "no publication year in the record", action="note", record=index)
    rec["PY"] = year

    rec["VL"] = strip_zeros(f.first("volume"))
    rec["IS"] = strip_zeros(f.first("issue"))
    pages = f.first("pages")
    bp, ep, complex_pages = parse_pages(pages)
    rec["BP"], rec["EP"] = bp, ep
    if complex_pages and pages:
        extra["pages"] = pages
    rec["SN"] = f.first("issn")
    rec["BN"] = f.first("isbn")
    rec["DI"] = clean_doi(f.first("doi"))
    rec["LA"] = language(f.first("language"))
    funds = [x for v in f.values.get("fund", []) for x in split_names(v, join_cjk=False)]
    rec["FU"] = "; ".join(funds) or None
    cited = to_int(f.first("cited"))
    rec["TC"] = cited
    for name in _EXTRA_FIELDS:
        if name == "institution" and pt == "T":
            continue
        value = f.joined(name, "; ")
        if value:
            extra[name] = value
    rec["extra"] = extra or None
    return rec


def finish_block(block: Block, f: Fields, *, index: int, blocks: list[Block], report: FileReport) -> dict | None:
    """Apply the record-level rules to one parsed block; None means skipped (and reported)."""
    is_last = index == len(blocks) - 1
    missing = truncation_suspects(blocks) if is_last else set()
    if not f.first("title"):
        why = "record has no title"
        if missing:
            why += f" and none of the fields that close the other records ({', '.join(sorted(missing))}): cut short?"
        report.problem(block.line, why + "; skipped", action="skipped", record=index)
        return None
    if missing:
        report.problem(
            block.line,
            f"last record has none of the fields that close the other records "
            f"({', '.join(sorted(missing))}): the file looks cut short; record kept",
            action="kept",
            record=index,
        )
    return build_record(f, line=block.line, report=report, index=index)


def report_continuations(block: Block, free_text_tags: set[str], report: FileReport, index: int) -> None:
    """Report wrapped lines that continue a field which is normally one line."""
    odd = [(ln, tag) for ln, tag in block.continued if tag not in free_text_tags]
    if odd:
        ln, tag = odd[0]
        more = f" (and {len(odd) - 1} more lines)" if len(odd) > 1 else ""
        report.problem(
            ln, f"line without a tag; joined to the {tag!r} field above it{more}", action="kept", record=index
        )


def read_tagged(
    lines: Iterator[str],
    report: FileReport,
    *,
    match_tag: Callable[[str], tuple[str, str] | None],
    is_start: Callable[[str, str], bool],
    to_fields: Callable[[Block], Fields],
    free_text_tags: set[str],
) -> Iterator[dict]:
    """The whole read loop of a line-tagged CNKI format.

    Counts ``records_in_file`` from the record markers, declares that the format
    carries no cited references, and yields canonical records.
    """
    report.has_cited_references = False
    blocks = iter_blocks(lines, match_tag, is_start, report)
    report.records_in_file = len(blocks)
    for index, block in enumerate(blocks):
        fields = to_fields(block)
        report_continuations(block, free_text_tags, report, index)
        rec = finish_block(block, fields, index=index, blocks=blocks, report=report)
        if rec is not None:
            yield rec


# ---------------------------------------------------------------------------------------------
# Bilingual keys ("Title-题名") of the E-Study, self-defined and .xls exports
# ---------------------------------------------------------------------------------------------
# The Chinese half decides when it is known (it is the more specific: "PageCount-页数" is a
# count, "PageCount-页码" a page range); the English half is the fallback.
_ZH_KEYS = {
    "题名": "title",
    "篇名": "title",
    "正标题": "title",
    "标题": "title",
    "作者": "authors",
    "责任者": "authors",
    "主要责任者": "authors",
    "单位": "affiliations",
    "机构": "affiliations",
    "作者机构": "affiliations",
    "作者单位": "affiliations",
    "大学": "institution",
    "学位授予单位": "institution",
    "文献来源": "source",
    "来源": "source",
    "刊名": "source",
    "报纸中文名": "source",
    "期刊名称": "source",
    "出版物名称": "source",
    "关键词": "keywords",
    "摘要": "abstract",
    "快照": "abstract",
    "发表时间": "pubdate",
    "出版时间": "pubdate",
    "出版日期": "pubdate",
    "日期": "pubdate",
    "发表日期": "pubdate",
    "第一责任人": "first_duty",
    "基金": "fund",
    "年": "year",
    "年份": "year",
    "出版年": "year",
    "卷": "volume",
    "期": "issue",
    "页码": "pages",
    "页数": "page_count",
    "中图分类号": "clc",
    "分类号": "clc",
    "国际标准刊号": "issn",
    "国际标准书号": "isbn",
    "网址": "url",
    "链接": "url",
    "来源库": "database",
    "来源数据库": "database",
    "数据库": "database",
    "会议名称": "conference",
    "会议地点": "place",
    "导师": "advisors",
    "学位": "degree",
    "被引": "cited",
    "被引频次": "cited",
    "被引次数": "cited",
    "下载": "downloads",
    "下载频次": "downloads",
    "下载次数": "downloads",
    "语种": "language",
    "语言": "language",
    "刊号": "cn",
    "出版社": "publisher",
    "出版者": "publisher",
    "序号": "seq",
}
_EN_KEYS = {
    "datatype": "type",
    "title": "title",
    "author": "authors",
    "organ": "affiliations",
    "source": "source",
    "keyword": "keywords",
    "summary": "abstract",
    "pubtime": "pubdate",
    "firstduty": "first_duty",
    "fund": "fund",
    "year": "year",
    "volume": "volume",
    "roll": "volume",
    "period": "issue",
    "issue": "issue",
    "pagecount": "pages",
    "page": "pages",
    "clc": "clc",
    "issn": "issn",
    "isbn": "isbn",
    "url": "url",
    "link": "url",
    "doi": "doi",
    "srcdatabase": "database",
    "meeting": "conference",
    "city": "place",
    "teacher": "advisors",
    "degree": "degree",
    "cited": "cited",
    "download": "downloads",
    "language": "language",
    "cn": "cn",
    "publisher": "publisher",
}
# "Title-题名: …", "Author-作者:李金哲" (no space), "DataType: 1"
_BILINGUAL_LINE = re.compile(
    r"^\s*([A-Za-z][A-Za-z_/]*-[^:：\s]*[\u3400-\u9fffA-Za-z][^:：]{0,20}?|DataType)\s*[:：]\s?(.*)$"
)


def bilingual_field(key: str) -> str | None:
    """The CNKI field a bilingual (``Title-题名``) or plain (``题名``, ``DOI``) key names.

    >>> bilingual_field("Title-题名"), bilingual_field("PageCount-页数"), bilingual_field("被引")
    ('title', 'page_count', 'cited')
    >>> bilingual_field("Roll-卷"), bilingual_field("DOI-DOI"), bilingual_field("Foo-某某")
    ('volume', 'doi', None)
    """
    key = key.strip()
    en, _, zh = key.partition("-")
    if not zh and has_cjk(en):
        en, zh = "", en
    zh = zh.strip()
    if zh in _ZH_KEYS:
        return _ZH_KEYS[zh]
    if zh.upper() in {"DOI", "ISSN", "ISBN", "URL", "CLC"}:
        return _EN_KEYS[zh.lower()]
    return _EN_KEYS.get(en.strip().lower().replace(" ", ""))


def match_bilingual(line: str) -> tuple[str, str] | None:
    """``(key, value)`` of a ``Key-中文: value`` line, else None.

    Only keys with a Chinese half (or ``DataType``) count, so that an English
    abstract line such as ``Results: …`` is not taken for a field.

    >>> match_bilingual("Author-作者:李金哲;王五;")
    ('Author-作者', '李金哲;王五;')
    >>> match_bilingual("URL-网址: https://kns.cnki.net/x")
    ('URL-网址', 'https://kns.cnki.net/x')
    >>> match_bilingual("Results: the model works") is None
    True
    """
    m = _BILINGUAL_LINE.match(line)
    if not m:
        return None
    key = m.group(1).strip()
    if key != "DataType" and not has_cjk(key) and key.upper() not in {"DOI-DOI"}:
        return None
    return key, m.group(2).strip()


def bilingual_fields(pairs: Iterable[tuple[str, str]]) -> Fields:
    """CNKI fields from ``(key, value)`` pairs of the bilingual exports; unknown keys to ``extra``."""
    f = Fields()
    for key, value in pairs:
        name = bilingual_field(key)
        if name == "type":
            value = ESTUDY_DATATYPES.get(value.strip(), value)
        if name == "seq":
            continue
        if name is None:
            f.keep(key, value)
        else:
            f.add(name, value)
    return f
