"""CNKI E-Study export (知网研学, formerly E-Study: ``DataType: 1`` + ``Title-题名: …``).

One record starts at each ``DataType:`` line; the other lines are bilingual
``English-中文: value`` fields whose set depends on the document type
(CNKI 知网研学 export, as documented by tools that read it, e.g. mrhelper and
the Zotero CNKI translator's captured exports):

===========================  =============================  ==================
key                          CNKI meaning                   canonical column
===========================  =============================  ==================
DataType                     1 期刊, 2 学位论文, 3 会议,     PT / DT
                             4 报纸, 5 图书, 6 年鉴, 60 专利,
                             61 其他, 62 标准
SrcDatabase-来源库           期刊 / 硕士 / 博士 / 中国会议 …  DT (degree), extra
Title-题名                   title                          TI
Author-作者                  authors ``a;b;``                AU, AF
Organ-机构 / -作者机构       affiliations                   C1
Source-刊名 / -来源 /        journal, proceedings,          SO
-学位授予单位 / -报纸中文名    university, newspaper
Year-年, PubTime-出版时间    year, date                     PY, PD
Roll-卷, Period-期           volume, issue                  VL, IS
Page-页码, PageCount-页数    pages, page count              BP/EP, extra
Keyword-关键词               keywords                       DE
Summary-摘要                 abstract                       AB
Link-链接                    link                           URL
Meeting-会议名称,            conference name and place      extra
City-会议地点
Teacher-导师, Degree-学位    advisor, degree                extra, DT
===========================  =============================  ==================

Keys the table does not name are kept in ``extra`` under the key as written.
The colon may be ASCII or full-width and need not be followed by a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._cnki_common import Block, Fields, bilingual_fields, match_bilingual, read_tagged
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource

_FREE_TEXT = {
    "Summary-摘要",
    "Summary-快照",
    "Title-题名",
    "Organ-机构",
    "Organ-作者机构",
    "Organ-单位",
    "Keyword-关键词",
    "Fund-基金",
}


def _fields(block: Block) -> Fields:
    return bilingual_fields((e.tag, e.value) for e in block.entries)


def sniff(head: list[str]) -> bool:
    """An E-Study file starts with ``DataType: <number>`` followed by bilingual keys."""
    if not head or not re.match(r"^\s*DataType\s*[:：]\s*\d+\s*$", head[0]):
        return False
    return any(match_bilingual(line) for line in head[1:10])


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per ``DataType`` record of a CNKI E-Study export."""
    yield from read_tagged(
        source.lines(),
        report,
        match_tag=match_bilingual,
        is_start=lambda key, value: key == "DataType",
        to_fields=_fields,
        free_text_tags=_FREE_TEXT,
    )


SPEC = ReaderSpec(
    name="cnki_estudy",
    label="CNKI E-Study / 知网研学 (DataType: … Title-题名: …)",
    database="CNKI",
    sniff=sniff,
    read=read,
)
