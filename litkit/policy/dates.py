"""Dates in Chinese policy documents.

Policy texts write dates as ``2021年10月24日``, in Chinese numerals in the
signature block (``二〇二一年十月二十四日``), with full-width digits
(``２０２１年１０月２４日``), or as ISO ``2021-10-24`` / ``2021/10/24`` /
``2021.10.24`` in web metadata.  :func:`parse_date` reads a string that is one
date; :func:`find_dates` finds them in text; :func:`document_date` picks the
date a document was issued (成文日期): the last date in its signature block.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_CHARS = "〇○零Ｏ一二三四五六七八九十"

_ARABIC_CN = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_NUMERIC = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)")
_CHINESE = re.compile(
    rf"(?P<y>[{_CN_CHARS[:-1]}]{{4}})\s*年\s*(?P<m>[{_CN_CHARS}]{{1,2}})\s*月"
    rf"\s*(?P<d>[{_CN_CHARS}]{{1,3}})\s*日"
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: the date and the character span it came from."""

    date: _dt.date
    start: int
    end: int


def chinese_numeral(text: str) -> int | None:
    """Value of a small Chinese numeral (0–99), digit-by-digit years included.

    >>> chinese_numeral("二十四"), chinese_numeral("十"), chinese_numeral("二〇二一")
    (24, 10, 2021)
    """
    if not text:
        return None
    if "十" not in text:
        try:
            value = 0
            for ch in text:
                value = value * 10 + _CN_DIGIT[ch]
            return value
        except KeyError:
            return None
    tens, _, units = text.partition("十")
    try:
        t = _CN_DIGIT[tens] if tens else 1
        u = _CN_DIGIT[units] if units else 0
    except KeyError:
        return None
    if len(tens) > 1 or len(units) > 1:
        return None
    return t * 10 + u


def _make(y: int | None, m: int | None, d: int | None) -> _dt.date | None:
    if y is None or m is None or d is None or not 1900 <= y <= 2100:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """All valid dates in ``text`` in order of appearance.

    Impossible dates (2021年2月30日) are skipped rather than guessed.

    Examples
    --------
    >>> [f.date.isoformat() for f in find_dates("2021年10月24日印发，二〇二一年九月二十二日；2016-04-28")]
    ['2021-10-24', '2021-09-22', '2016-04-28']
    """
    text = (text or "").translate(_FULLWIDTH)
    found: list[FoundDate] = []
    for pattern, numeral in ((_ARABIC_CN, False), (_NUMERIC, False), (_CHINESE, True)):
        for m in pattern.finditer(text):
            if numeral:
                date = _make(chinese_numeral(m["y"]), chinese_numeral(m["m"]), chinese_numeral(m["d"]))
            else:
                date = _make(int(m["y"]), int(m["m"]), int(m["d"]))
            if date is not None:
                found.append(FoundDate(date, m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def parse_date(value) -> _dt.date | None:
    """Parse a string that is one date (any of the supported forms); None otherwise.

    Examples
    --------
    >>> parse_date("2021年10月24日"), parse_date("二〇二一年十月二十四日"), parse_date("2021/10/24")
    (datetime.date(2021, 10, 24), datetime.date(2021, 10, 24), datetime.date(2021, 10, 24))
    >>> parse_date("") is None, parse_date("2021年2月30日") is None
    (True, True)
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    s = str(value).strip()
    if not s or s.lower() in {"nan", "nat", "none"}:
        return None
    found = find_dates(s)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s.translate(_FULLWIDTH)):
        return found[0].date
    return None


def document_date(text: str, tail: int = 400) -> _dt.date | None:
    """The issuing date of a document: the last date in its final ``tail`` characters that dates it.

    The signature block (落款) ends a Chinese official document with the issuer
    and the date; dates in the body are deadlines or citations.  The closing
    sentences of laws and regulations date something else and are passed over: the
    coming into force (本法自2006年1月1日起施行, 自…起执行, …以前) and the documents it
    repeals (1986年5月10日林业部发布的《…实施细则》同时废止).  When the ending holds no
    other date, the opening is used: a law's legislative history under its title
    (lines beginning with a date and ending in 通过 / 公布 / 发布 / 修正 / 修订) gives its
    last date, that of the version the text is; else the first date of the opening
    300 characters that dates the document (a web page's header, a "（2021年3月11日…
    通过）" line, the signing date of a decree after "已于…通过，…自…起施行").  Failing
    both, the last date of the ending is taken.

    Examples
    --------
    >>> document_date("国务院关于……的通知\\n……\\n国务院\\n2021年10月24日\\n（此件公开发布）").isoformat()
    '2021-10-24'
    >>> law = "# 中华人民共和国可再生能源法\\n2005年2月28日 通过\\n2009年12月26日 修正\\n……\\n本法自2006年1月1日起施行。"
    >>> document_date(law).isoformat()
    '2009-12-26'
    """
    return dated_by(text, tail)[0]


def dated_by(text: str, tail: int = 400) -> tuple[_dt.date | None, str | None]:
    """:func:`document_date` and where it was found: ``"signature"``, ``"history"`` (a law's legislative
    history), ``"opening"``, ``"ending"`` (the last date of the ending, when nothing else dates the text),
    or None.

    Examples
    --------
    >>> dated_by("# 某某法\\n2005年2月28日 通过\\n……\\n本法自2006年1月1日起施行。")
    (datetime.date(2005, 2, 28), 'history')
    """
    text = (text or "").rstrip()
    ending_text = text[-tail:].translate(_FULLWIDTH)
    ending = find_dates(ending_text)
    dating = [f for f in ending if not (_dates_something_else(ending_text, f) or _is_history_line(ending_text, f))]
    if dating:
        return dating[-1].date, "signature"
    head = text[:_HISTORY_WITHIN].translate(_FULLWIDTH)
    history = [f for f in find_dates(head) if _is_history_line(head, f)]
    if history:
        return history[-1].date, "history"
    opening = [f for f in find_dates(head[:300])]
    dating = [f for f in opening if not _dates_something_else(head, f)]
    if dating or opening:
        return (dating or opening)[0].date, "opening"
    return (ending[-1].date, "ending") if ending else (None, None)


# "自2006年1月1日起施行", "已于…通过", "截至…": the date of something that happens, not of the document.
_BEFORE_OTHER = re.compile(r"(?:自|于|经|从|至|到|截至|截止|截止到)\s*$")
_AFTER_OTHER = re.compile(r"\s*(?:起|前|以前|之前|后|以后|之后|止|至|施行|实施|执行|生效)")
# The sentence names a document it repeals or ends: "…1986年5月10日林业部发布的《…》同时废止。"
_REPEALS = re.compile(r"[^。；;\n]*(?:废止|失效)")
# A line of a law's legislative history under its title: "2009年12月26日 第十一届……《关于修改<…>的决定》修正".
_HISTORY_START = re.compile(r"[ \t\u3000]*[（(]?[ \t\u3000]*$")
_HISTORY_END = re.compile(r"[^\n]*(?:通过|公布|发布|修正|修订)[ \t\u3000]*[）)]?[ \t\u3000]*(?:\n|$)")


def legislative_history(text: str) -> list[str]:
    """The legislative-history lines under a law's title: lines of the opening that begin with a date and
    end in 通过 / 公布 / 发布 / 修正 / 修订 (``2009年12月26日 第十一届全国人民代表大会常务委员会第十二次会议…修正``).

    Examples
    --------
    >>> legislative_history("# 森林法\\n1984年9月20日 第六届全国人民代表大会常务委员会第七次会议通过\\n正文")
    ['1984年9月20日 第六届全国人民代表大会常务委员会第七次会议通过']
    """
    head = (text or "")[:_HISTORY_WITHIN].translate(_FULLWIDTH)
    lines = []
    for f in find_dates(head):
        if _is_history_line(head, f):
            start = head.rfind("\n", 0, f.start) + 1
            end = head.find("\n", f.end)
            lines.append(head[start : end if end >= 0 else len(head)].strip())
    return list(dict.fromkeys(lines))


# How far into a text a law's legislative history is looked for (森林法 has five lines of it).
_HISTORY_WITHIN = 1500


def _dates_something_else(text: str, found: FoundDate) -> bool:
    """Whether a date dates something other than the document (see :func:`document_date`)."""
    before = text[max(0, found.start - 4) : found.start]
    return bool(_BEFORE_OTHER.search(before) or _AFTER_OTHER.match(text, found.end) or _REPEALS.match(text, found.end))


def _is_history_line(text: str, found: FoundDate) -> bool:
    """Whether the date begins a line that ends with 通过 / 公布 / 发布 / 修正 / 修订 (a law's history)."""
    line_start = text.rfind("\n", 0, found.start) + 1
    return bool(_HISTORY_START.match(text[line_start : found.start]) and _HISTORY_END.match(text, found.end))
