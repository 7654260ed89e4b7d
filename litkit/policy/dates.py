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
    """The issuing date of a document: the last date in its final ``tail`` characters.

    The signature block (落款) ends a Chinese official document with the issuer
    and the date; dates in the body are deadlines or citations.  When the end
    holds no date, the first date in the opening 300 characters (a web page's
    header or a "（2021年3月11日…通过）" line under the title) is used.
    """
    text = (text or "").rstrip()
    ending = find_dates(text[-tail:])
    if ending:
        return ending[-1].date
    opening = find_dates(text[:300])
    return opening[0].date if opening else None
