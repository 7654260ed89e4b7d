"""Chinese document numbers (文号): parse, find in text, normalise.

A 文号 has three parts: the issuer code (发文机关代字, e.g. 国发, 国办发, 环办法规),
the year in square-ish brackets and a serial number followed by 号::

    国发〔2021〕23号        issuer code 国发, year 2021, serial 23
    国办发[2016]31号        the same with ASCII brackets, as many web pages write it
    环办法规（2020）1号     full-width parentheses
    国函【２０２３】９８号   lenticular brackets and full-width digits

State Council orders (国务院令) carry no year: ``国务院令第779号`` and
``中华人民共和国国务院令第558号`` parse with ``kind="order"``, ``year=None``.

The canonical form (:attr:`DocNumber.text`) uses 〔〕 and ASCII digits, the form
the State Council's own policy library uses, so that numbers written in
different styles compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening and closing brackets seen around the year.  〔〕 is the standard (GB/T 9704-2012);
# the rest are what web pages, Word documents and OCR make of it.
_OPEN = "〔［\\[（(【〖"
_CLOSE = "〕］\\]）)】〗"
_DIGIT = "0-9０-９"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Words that end a title or sentence and so cannot be part of an issuer code that
# follows them in running text ("…的通知国发〔2007〕2号").
_BOUNDARY_WORDS = (
    "通知",
    "意见",
    "决定",
    "批复",
    "办法",
    "规定",
    "方案",
    "规划",
    "纲要",
    "公告",
    "通告",
    "报告",
    "细则",
    "条例",
    "关于",
    "执行",
    "废止",
    "停止",
    "贯彻",
    "落实",
    "印发",
    "转发",
    "文件",
    "复函",
    "通报",
    "纪要",
    "请示",
    "的",
    "和",
    "及",
    "与",
    "按照",
    "根据",
    "依据",
    "见",
    "号",
    "在",
)

_NUMBERED = re.compile(
    rf"(?P<code>[\u4e00-\u9fff]{{1,40}})\s*[{_OPEN}]\s*(?P<year>[{_DIGIT}]{{4}})\s*[{_CLOSE}]"
    rf"\s*(?:第\s*)?(?P<serial>[{_DIGIT}]{{1,5}})\s*号"
)
_ORDER = re.compile(rf"(?P<code>(?:中华人民共和国)?国务院令)\s*第\s*(?P<serial>[{_DIGIT}]{{1,5}})\s*号")


@dataclass(frozen=True)
class DocNumber:
    """A parsed document number.

    Attributes
    ----------
    issuer_code : str
        发文机关代字, e.g. ``"国发"``; ``"国务院令"`` for State Council orders.
    year : int or None
        Year in the brackets (None for orders, which are numbered without a year).
    serial : int
        Serial number within the year (or overall, for orders).
    kind : {"numbered", "order"}
        ``numbered`` for code〔year〕serial号, ``order`` for 国务院令第N号.
    """

    issuer_code: str
    year: int | None
    serial: int
    kind: str = "numbered"

    @property
    def text(self) -> str:
        """Canonical spelling: 〔〕 brackets and ASCII digits."""
        if self.kind == "order":
            return f"{self.issuer_code}第{self.serial}号"
        return f"{self.issuer_code}〔{self.year}〕{self.serial}号"

    def __str__(self) -> str:
        return self.text


def _plausible_year(year: int) -> bool:
    return 1949 <= year <= 2100


_MAX_CODE = 12  # the longest issuer codes (e.g. 灾总指挥部发明电) have under a dozen characters


def _trim_code(code: str) -> str:
    """Cut title words and issuer names that precede the issuer code in running text.

    Flattened 版头 put the issuers' full names right before the number
    (``…生态环境部工信部联节〔2022〕88号``); codes are abbreviations and never
    contain a full agency name, so everything up to the last one is cut.
    """
    from .agencies import AGENCIES

    best = 0
    for word in _BOUNDARY_WORDS + tuple(AGENCIES):
        pos = code.rfind(word)
        if pos >= 0 and len(code) - (pos + len(word)) >= 2:
            best = max(best, pos + len(word))
    return code[best:][-_MAX_CODE:]


def _from_match(m: re.Match, trim: bool) -> DocNumber | None:
    serial = int(m.group("serial").translate(_FULLWIDTH_DIGITS))
    if "year" not in m.groupdict():
        return DocNumber("国务院令", None, serial, "order")
    year = int(m.group("year").translate(_FULLWIDTH_DIGITS))
    if not _plausible_year(year):
        return None
    code = _trim_code(m.group("code")) if trim else m.group("code")
    return DocNumber(code, year, serial)


def parse_doc_number(value: str | None) -> DocNumber | None:
    """Parse a string that *is* a document number; None when it is not one.

    Surrounding white space is ignored; anything else around the number makes
    the string not a document number (use :func:`find_doc_numbers` for text).

    Examples
    --------
    >>> parse_doc_number("国发〔2021〕23号")
    DocNumber(issuer_code='国发', year=2021, serial=23, kind='numbered')
    >>> parse_doc_number("国办发[2016]31号").text
    '国办发〔2016〕31号'
    >>> parse_doc_number("环办法规（２０２０）１号").text
    '环办法规〔2020〕1号'
    >>> parse_doc_number("中华人民共和国国务院令第779号").text
    '国务院令第779号'
    >>> parse_doc_number("国务院关于印发2030年前碳达峰行动方案的通知") is None
    True
    """
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    for pattern in (_NUMBERED, _ORDER):
        m = pattern.fullmatch(s)
        if m:
            return _from_match(m, trim=False)
    return None


def find_doc_numbers(text: str) -> list[DocNumber]:
    """All document numbers in ``text``, in order of appearance (duplicates kept).

    In running text the characters before the bracket may belong to a title
    (``…的通知国发〔2007〕2号``); title words such as 通知, 意见, 的 are cut off
    the issuer code.

    Examples
    --------
    >>> [d.text for d in find_doc_numbers("若干意见的通知国发〔2007〕2号各省、自治区：依据国办发[2016]31号…")]
    ['国发〔2007〕2号', '国办发〔2016〕31号']
    """
    found: list[tuple[int, DocNumber]] = []
    for pattern in (_NUMBERED, _ORDER):
        for m in pattern.finditer(text or ""):
            number = _from_match(m, trim=True)
            if number is not None:
                found.append((m.start(), number))
    found.sort(key=lambda item: item[0])
    return [number for _, number in found]


def first_doc_number(text: str, within: int = 600) -> DocNumber | None:
    """The document's own number: the first one before the addressee line.

    The issuing document's own 文号 stands under its title (or its 版头), before
    the addressees' colon (``各省、自治区、直辖市人民政府：``); numbers after that
    cite other documents — a reply's first sentence quotes the request it
    answers (``你公司《…》（中海油安〔2019〕12号）收悉``).  The search stops at the
    first colon (full-width or ASCII) or after ``within`` characters.

    >>> first_doc_number("关于…的批复\\n环审〔2019〕3号\\n某公司：你公司《请示》（某发〔2019〕1号）收悉").text
    '环审〔2019〕3号'
    >>> first_doc_number("关于…的批复\\n某公司：你公司《请示》（某发〔2019〕1号）收悉") is None
    True
    """
    head = (text or "")[:within]
    colon = re.search(r"[：:]", head)
    numbers = find_doc_numbers(head[: colon.start()] if colon else head)
    return numbers[0] if numbers else None


def normalise_doc_number(value: str | None) -> str | None:
    """Canonical spelling of a document number, or None when ``value`` is not one.

    >>> normalise_doc_number(" 国函【２０２３】９８号 ")
    '国函〔2023〕98号'
    """
    number = parse_doc_number(value)
    return number.text if number else None
