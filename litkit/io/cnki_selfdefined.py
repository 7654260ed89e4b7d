"""CNKI self-defined export (自定义: ``SrcDatabase-来源库: 期刊`` + ``Title-题名: …``).

The "自定义" export lets the user tick which fields to export; CNKI writes
them as bilingual ``English-中文: value`` lines, one record after another,
always starting with the same key (``SrcDatabase-来源库`` in every export
seen; the reader takes whatever key opens the file as the record marker, so a
selection without ``SrcDatabase`` still splits correctly).  Newer exports
write no space after the colon (``Author-作者:李金哲``).

=======================  ===============================  ===================
key                      CNKI meaning                     canonical column
=======================  ===============================  ===================
SrcDatabase-来源库       期刊 / 硕士 / 博士 / 中国会议 /   PT / DT, extra
                         国际会议 / 报纸 / 中国专利 …
Title-题名               title                            TI
Author-作者              authors ``a;b;``                  AU, AF
Organ-单位               affiliations                     C1
Source-文献来源          journal; university for theses;  SO
                         proceedings for conferences
Keyword-关键词           keywords                         DE
Summary-摘要             abstract                         AB
PubTime-发表时间         publication date                 PD (PY fallback)
FirstDuty-第一责任人     first responsible person         extra["first_duty"]
Fund-基金                funding                          FU
Year-年                  year                             PY
Volume-卷, Period-期     volume, issue                    VL, IS
PageCount-页码           page range                       BP, EP
CLC-中图分类号           Chinese Library Classification   extra["clc"]
ISSN-国际标准刊号        ISSN                             SN
URL-网址                 link                             URL
DOI-DOI                  DOI                              DI
=======================  ===============================  ===================

Other keys are kept in ``extra`` under the key as written.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._cnki_common import Block, Fields, bilingual_field, bilingual_fields, match_bilingual, read_tagged
from .base import ReaderSpec
from .ingest_report import FileReport
from .sniff import TextSource

_FREE_TEXT = {"Summary-摘要", "Title-题名", "Organ-单位", "Keyword-关键词", "Fund-基金", "Source-文献来源"}


def _fields(block: Block) -> Fields:
    return bilingual_fields((e.tag, e.value) for e in block.entries)


def sniff(head: list[str]) -> bool:
    """A self-defined export opens with a bilingual CNKI key (``SrcDatabase-来源库:``)."""
    if not head:
        return False
    first = match_bilingual(head[0])
    if first is None or first[0] == "DataType" or bilingual_field(first[0]) is None:
        return False
    known = sum(1 for line in head[:20] if (m := match_bilingual(line)) and bilingual_field(m[0]))
    return known >= 3


def read(source: TextSource, report: FileReport) -> Iterator[dict]:
    """Yield one canonical record per record of a CNKI self-defined export."""
    opener: list[str] = []

    def is_start(key: str, value: str) -> bool:
        if not opener:
            opener.append(key)  # the first key of the file opens every record
        return key == opener[0]

    yield from read_tagged(
        source.lines(),
        report,
        match_tag=match_bilingual,
        is_start=is_start,
        to_fields=_fields,
        free_text_tags=_FREE_TEXT,
    )


SPEC = ReaderSpec(
    name="cnki_selfdefined",
    label="CNKI self-defined / 自定义 (SrcDatabase-来源库: …)",
    database="CNKI",
    sniff=sniff,
    read=read,
)
