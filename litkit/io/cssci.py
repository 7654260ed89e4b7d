"""CSSCI native text export (中文社会科学引文索引, ``【来源篇名】 … 【参考文献】``).

The CSSCI web site (Nanjing University) exports "LY_*.txt" files: a three-line
preamble (``南京大学中国社会科学研究评价中心`` / ``数字文献处理系统 版本：2.1`` /
``版权所有 (C) 2000 - 2001 CSSCI Corp.``), then one record per block of
``【key】value`` lines, closed by a line of dashes (71 of them) and a blank line::

    【来源篇名】基于本体的突发事件舆情知识库建设研究
    【英文篇名】Research on the Construction of ...
    【来源作者】徐蓓蓓/杨子江/朱世伟/于俊凤
    【基    金】山东省社会科学规划研究专项“…”/…
    【期    刊】情报杂志
    【第一机构】齐鲁工业大学
    【机构名称】[徐蓓蓓]齐鲁工业大学./[杨子江]齐鲁工业大学.
    【第一作者】徐蓓蓓
    【中图类号】G356
    【年代卷期】2019,38(040):132-137
    【关 键 词】突发事件/网络舆情知识库/本体/UML映射
    【基金类别】国家社科基金/
    【参考文献】
    1.吴文晓.基于本体的突发事件网络舆情案例推理研究:学位论文.绵阳:西南科技大学,2017
    3.付业勤.旅游危机事件网络舆情的本体分析.重庆理工大学学报(社会科学).2015.29(2)
    -----------------------------------------------------------------------

CSSCI writes CRLF line ends in UTF-8 (older exports: GB18030); copies converted to
LF exist; :class:`~litkit.io.sniff.TextSource` decodes all of them.  Keys may hold
spaces (``【基    金】``, ``【关 键 词】``); they are compared without them.

Keys and where they go:

==========  =====================================  ==========================================
key         meaning                                canonical column
==========  =====================================  ==========================================
来源篇名    title                                  TI
英文篇名    English title                          extra["英文篇名"]
来源作者    authors, ``/``-separated               AU, AF
基金        funds, ``/``-separated                 FU (``; ``-joined)
期刊        journal                                SO
第一机构    first author's institution             extra["第一机构"]
机构名称    ``[author]institution./[author]…``     C1 as ``[作者甲; 作者乙] 单位 院系``
第一作者    first author                           extra["第一作者"]
中图类号    CLC (中图分类号)                        extra["clc"] (the key CNKI readers use)
年代卷期    ``2019,38(040):132-137``               PY, VL, IS (``040`` -> ``4``), BP, EP
关键词      keywords, ``/``-separated              DE
基金类别    fund categories, ``/``-separated       extra["基金类别"]
参考文献    cited references, one per line         CR (numbering ``N.`` stripped)
==========  =====================================  ==========================================

Every record is a journal article (CSSCI indexes journals): ``PT`` is ``J``, ``DB``
is ``CSSCI``, ``UT`` the :func:`~litkit.corpus.stable_id` of database, title, year
and first author.  Any other key is kept in ``extra`` under its name.

CSSCI writes the issue with three digits, the last a sub-issue digit that is 0 for
ordinary issues: ``(040)`` is issue 4, ``(120)`` issue 12; any other issue only loses
its leading zeros (``011`` -> ``11``), and the raw ``【年代卷期】`` stays in
``extra["年代卷期"]``.  Page strings with a second range (``121-125,171``) give
``BP``/``EP`` from the first range and keep the raw string in ``extra["pages"]``.

A cited reference keeps its text without the numbering: ``1.吴文晓.题名…`` becomes
``吴文晓.题名…``; a reference whose author slot is empty (``5..题名.期刊.2018.37(12)``)
keeps the leading dot (``.题名.期刊…``) so that its title is never taken for an author.
:func:`litkit.refs.parse_cssci_reference` parses them.

Problems reported: text before the first record (the preamble, a note); a line
inside a record that is neither a key nor a reference (joined to the field above
it, kept and reported); a record without a title (skipped); a record not closed by
the dash line before the next record or the end of the file (kept, reported: the
file may be cut short); a record without ``【参考文献】`` (reported: its references may
be lost); reference numbering that jumps (a reference line missing).

Examples
--------
>>> import litkit
>>> corpus = litkit.read("LY_2019.txt")          # doctest: +SKIP
>>> corpus.df.loc[0, "CR"][:1]                   # doctest: +SKIP
['吴文晓.基于本体的突发事件网络舆情案例推理研究:学位论文.绵阳:西南科技大学,2017']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..corpus import stable_id
from ._cnki_common import has_cjk, parse_pages, strip_zeros
from .base import ReaderSpec, parse_year
from .ingest_report import FileReport
from .sniff import TextSource

#: The keys of a CSSCI record, in the order CSSCI writes them (spaces removed).
KEYS = (
    "来源篇名",
    "英文篇名",
    "来源作者",
    "基金",
    "期刊",
    "第一机构",
    "机构名称",
    "第一作者",
    "中图类号",
    "年代卷期",
    "关键词",
    "基金类别",
    "参考文献",
)

_KEY_LINE = re.compile(r"^\s*【([^】]{1,12})】(.*)$")
_SEPARATOR = re.compile(r"^\s*-{10,}\s*$")
_REF_NUMBER = re.compile(r"^\s*(\d{1,4})\s*[.．、]")
_PREAMBLE_MARKS = ("中国社会科学研究评价中心", "CSSCI Corp", "数字文献处理系统")
# "2019,38(040):132-137", "2016,(120):85-93", "2019,40(010):3-19", "2018,2(060):37-47"
_VOLUME_ISSUE = re.compile(
    r"^\s*(?P<year>\d{4})\s*[,，]?\s*(?P<volume>[^(（:：]*?)\s*(?:[(（]\s*(?P<issue>[^)）]*?)\s*[)）])?\s*"
    r"(?:[:：]\s*(?P<pages>.*?))?\s*$"
)
_LIST_SEP = re.compile(r"\s*[/／]\s*")
_C1_GROUP = re.compile(r"\[([^\]]*)\]\s*([^\[]*)")


def sniff(head: list[str]) -> bool:
    """A CSSCI export: a ``【来源篇名】`` line, or the CSSCI preamble followed by ``【key】`` lines."""
    if any(line.lstrip().startswith("【来源篇名】") for line in head):
        return True
    preamble = any(mark in line for line in head[:5] for mark in _PREAMBLE_MARKS)
    keys = sum(1 for line in head if _key(line) in KEYS)
    return preamble and keys >= 3


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per ``【来源篇名】`` record of a CSSCI export."""
    report.has_cited_references = True
    blocks = _blocks(source.lines(), report)
    report.records_in_file = len(blocks)
    for index, block in enumerate(blocks):
        rec = _record(block, index, report, last=index == len(blocks) - 1)
        if rec is not None:
            yield rec


def parse_volume_issue(value: str | None) -> dict:
    """Year, volume, issue and pages of a CSSCI ``【年代卷期】`` value.

    CSSCI pads the issue to three digits with a trailing sub-issue digit: ``(040)``
    is issue 4, ``(120)`` issue 12.  Pages ``121-125,171`` give the first range and
    ``pages_raw`` (the caller keeps it).

    Parameters
    ----------
    value : str or None
        The value, e.g. ``"2019,38(040):132-137"``.

    Returns
    -------
    dict
        ``PY`` (int or None), ``VL``, ``IS``, ``BP``, ``EP`` (str or None) and
        ``pages_raw`` (the page string when it says more than one range, else None).

    Examples
    --------
    >>> parse_volume_issue("2019,38(040):132-137")
    {'PY': 2019, 'VL': '38', 'IS': '4', 'BP': '132', 'EP': '137', 'pages_raw': None}
    >>> parse_volume_issue("2016,(120):85-93")["IS"], parse_volume_issue("2016,(120):85-93")["VL"]
    ('12', None)
    >>> parse_volume_issue("2019,38(080):121-125,171")["pages_raw"]
    '121-125,171'
    """
    out = {"PY": None, "VL": None, "IS": None, "BP": None, "EP": None, "pages_raw": None}
    if not value or not value.strip():
        return out
    m = _VOLUME_ISSUE.match(value)
    if not m:
        out["PY"] = parse_year(value)
        return out
    out["PY"] = parse_year(m.group("year"))
    out["VL"] = strip_zeros(m.group("volume"))
    out["IS"] = _issue(m.group("issue"))
    pages = m.group("pages")
    bp, ep, complex_pages = parse_pages(pages)
    out["BP"], out["EP"] = bp, ep
    if complex_pages and pages:
        out["pages_raw"] = pages.strip()
    return out


def c1_entries(value: str | None) -> list[str]:
    """``C1`` entries in Web of Science form from a CSSCI ``【机构名称】`` value.

    Authors who share an institution are grouped in one entry, in the order the
    institutions first occur; CSSCI's ``.`` between an institution and its
    department becomes a space, as CNKI writes it (``北京大学 环境学院``), so that
    :func:`litkit.addresses.chinese_institution` finds the institution and sub-unit.

    Parameters
    ----------
    value : str or None
        The ``【机构名称】`` value.

    Returns
    -------
    list of str
        One ``[authors] institution`` entry per institution (bare names when the value has no brackets).

    Examples
    --------
    >>> c1_entries("[周键]青岛大学.商学院/[王庆金]青岛大学.商学院/[张法明]武警工程大学.")
    ['[周键; 王庆金] 青岛大学 商学院', '[张法明] 武警工程大学']
    >>> c1_entries("北京大学")
    ['北京大学']
    """
    if not value or not value.strip():
        return []
    groups: dict[str, list[str]] = {}
    found = False
    for m in _C1_GROUP.finditer(value):
        found = True
        author = m.group(1).strip()
        place = _institution(m.group(2))
        names = groups.setdefault(place, [])
        if author and author not in names:
            names.append(author)
    if not found:
        return [p for p in (_institution(x) for x in _LIST_SEP.split(value)) if p]
    return [f"[{'; '.join(names)}] {place}".strip() if names else place for place, names in groups.items() if place]


# ---------------------------------------------------------------------------------------------
# private helpers
# ---------------------------------------------------------------------------------------------
@dataclass
class _Block:
    line: int
    fields: list[tuple[str, str, int]] = field(default_factory=list)  # (key, value, line)
    refs: list[tuple[str, int]] = field(default_factory=list)  # (reference line, line number)
    continued: list[tuple[int, str]] = field(default_factory=list)  # (line, what it was joined to)
    closed: bool = False


def _unescape(value: str) -> str:
    """A field value without CSSCI's backslash before quotes (``Moran\\'s``, ``\\"Stickiness\\"`` -> ``Moran's``,
    ``"Stickiness"``): the export escapes them as in a program's string literal."""
    return value.replace("\\'", "'").replace('\\"', '"') if "\\" in value else value


def _key(line: str) -> str | None:
    m = _KEY_LINE.match(line)
    return re.sub(r"[\s\u3000]+", "", m.group(1)) if m else None


def _blocks(lines: Iterator[str], report: FileReport) -> list[_Block]:
    """Group the file's lines into records (see the module docstring for the rules)."""
    blocks: list[_Block] = []
    current: _Block | None = None
    in_refs = False
    preamble: int | None = None
    stray: int | None = None  # first non-blank line between a dash line and the next record
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if _SEPARATOR.match(line):
            if current is not None:
                current.closed = True
            current, in_refs = None, False
            continue
        m = _KEY_LINE.match(line)
        key = re.sub(r"[\s\u3000]+", "", m.group(1)) if m else None
        if key == "来源篇名":
            if current is not None:  # the previous record lost its dash line
                current.closed = False
            current = _Block(lineno)
            blocks.append(current)
            in_refs = False
        if current is None:
            if not blocks:
                preamble = preamble or lineno
            else:
                stray = stray or lineno
            continue
        if m is not None and key is not None:
            current.fields.append((key, _unescape(m.group(2).strip()), lineno))
            in_refs = key == "参考文献"
            if in_refs and m.group(2).strip():  # a reference written on the key line itself
                current.refs.append((m.group(2).strip(), lineno))
        elif in_refs:
            if _REF_NUMBER.match(line) or not current.refs:
                current.refs.append((line.strip(), lineno))
            else:  # a reference wrapped over two lines
                text, first = current.refs[-1]
                current.refs[-1] = (f"{text} {line.strip()}", first)
                current.continued.append((lineno, "参考文献"))
        elif current.fields:
            key0, value, first = current.fields[-1]
            current.fields[-1] = (key0, f"{value}\n{_unescape(line.strip())}", first)
            current.continued.append((lineno, key0))
    if preamble is not None:
        report.problem(preamble, "text before the first record ignored (the CSSCI preamble)", action="note")
    if stray is not None:
        report.problem(stray, "text between records that belongs to no record; ignored", action="note")
    return blocks


def _record(block: _Block, index: int, report: FileReport, last: bool) -> dict | None:
    values: dict[str, str] = {}
    extra: dict[str, str] = {}
    for key, value, _line in block.fields:
        if key in values:  # a key twice in one record: keep both values, say so
            report.problem(_line, f"key 【{key}】 occurs twice in the record; values joined", record=index)
            values[key] = f"{values[key]}\n{value}"
        else:
            values[key] = value
    title = (values.get("来源篇名") or "").strip()
    if not title:
        report.problem(
            block.line, "record has no title (【来源篇名】 is empty); skipped", action="skipped", record=index
        )
        return None
    if block.continued:
        ln, key = block.continued[0]
        more = f" (and {len(block.continued) - 1} more lines)" if len(block.continued) > 1 else ""
        report.problem(ln, f"line without a 【key】; joined to the 【{key}】 field above it{more}", record=index)
    if not block.closed:
        where = "the end of the file" if last else "the next record"
        report.problem(
            block.line,
            f"record not closed by the dash line before {where}: the file may be cut short or damaged; record kept",
            record=index,
        )
    if "参考文献" not in values:
        report.problem(block.line, "record has no 【参考文献】 line: its cited references may be lost", record=index)
    _check_numbering(block, index, report)

    rec: dict = {"DB": "CSSCI", "PT": "J", "source_line": block.line}
    rec["TI"] = " ".join(title.split())
    authors = _split(values.get("来源作者"))
    rec["AU"] = authors
    rec["AF"] = list(authors)
    rec["SO"] = (values.get("期刊") or "").strip() or None
    rec["C1"] = c1_entries(values.get("机构名称"))
    rec["DE"] = _split(values.get("关键词"))
    funds = _split(values.get("基金"))
    rec["FU"] = "; ".join(funds) or None
    vi = parse_volume_issue(values.get("年代卷期"))
    for column in ("PY", "VL", "IS", "BP", "EP"):
        rec[column] = vi[column]
    if rec["PY"] is None:
        report.problem(block.line, "no publication year in 【年代卷期】", action="note", record=index)
    if vi["pages_raw"]:
        extra["pages"] = vi["pages_raw"]
    rec["LA"] = "Chinese" if has_cjk(title) else None
    rec["CR"] = [_strip_number(text) for text, _ in block.refs if _strip_number(text)]
    for key, value in values.items():
        if key in ("来源篇名", "来源作者", "期刊", "机构名称", "关键词", "基金", "参考文献"):
            continue
        if not value.strip():
            continue
        if key == "中图类号":
            extra["clc"] = value.strip()
        elif key == "基金类别":
            categories = _split(value)
            if categories:
                extra[key] = "; ".join(categories)
        else:
            extra[key] = value.strip()
    rec["extra"] = extra or None
    rec["UT"] = stable_id("CSSCI", rec["TI"], rec["PY"], authors[0] if authors else None)
    return rec


def _check_numbering(block: _Block, index: int, report: FileReport) -> None:
    """Report the first jump in the references' numbering (a reference line lost)."""
    expected = 1
    for text, line in block.refs:
        m = _REF_NUMBER.match(text)
        if not m:
            continue
        number = int(m.group(1))
        if number != expected:
            report.problem(
                line,
                f"cited reference numbered {number} where {expected} was expected: a reference line may be missing",
                record=index,
            )
            return
        expected = number + 1


def _strip_number(text: str) -> str:
    """A reference line without its ``N.`` numbering; an empty author slot keeps its dot."""
    return _REF_NUMBER.sub("", text, count=1).strip()


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [p for p in (x.strip() for x in _LIST_SEP.split(value.replace("\n", "/"))) if p]


def _issue(value: str | None) -> str | None:
    """CSSCI's three-digit issue: ``040`` -> ``4``; anything else loses its leading zeros only."""
    if value is None:
        return None
    value = value.strip()
    if len(value) == 3 and value.isdigit() and value.endswith("0") and value != "000":
        return str(int(value[:2]))
    return strip_zeros(value)


def _institution(value: str) -> str:
    """``青岛大学.商学院`` -> ``青岛大学 商学院`` (CNKI's form, which the affiliation table splits); trailing dots dropped."""
    value = value.strip().strip("/／").strip()
    parts = [p.strip() for p in re.split(r"[.．。]", value) if p.strip()]
    return " ".join(parts)


SPEC = ReaderSpec(
    name="cssci",
    label="CSSCI text export (【来源篇名】 … 【参考文献】)",
    database="CSSCI",
    sniff=sniff,
    read=read,
)
