"""Split Chinese policy documents and laws into their numbered sections.

Administrative documents number their parts ``一、`` › ``（一）`` › ``1.`` › ``（1）``;
laws and regulations use ``第一编`` › ``第一章`` › ``第一节`` › ``第一条``.  A line
that begins with one of these markers starts a section; its level is the
marker's rank in the hierarchy (1 = top).  Each section keeps only its *own*
text (up to the next marker of any level), so per-section term counts add up
to the document's count without double counting.
"""

from __future__ import annotations

import re

import pandas as pd

from .dates import chinese_numeral

_CN_NUM = "〇零一二三四五六七八九十百千"
_DIGITS = "0-9０-９"

# (style, level, kind, regex).  The regex matches at the start of a stripped line and
# captures the number; markdown heading marks (#) are removed before matching.
_MARKERS: tuple[tuple[str, int, str, re.Pattern], ...] = (
    ("law", 1, "编", re.compile(rf"^第([{_CN_NUM}]+)编(?:\s+|$)")),
    ("law", 2, "章", re.compile(rf"^第([{_CN_NUM}]+)章(?:\s+|$)")),
    ("law", 3, "节", re.compile(rf"^第([{_CN_NUM}]+)节(?:\s+|$)")),
    ("law", 4, "条", re.compile(rf"^第([{_CN_NUM}]+)条(?:\s+|　|$)")),
    ("document", 1, "一、", re.compile(rf"^([{_CN_NUM}]+)、")),
    ("document", 2, "（一）", re.compile(rf"^[（(]([{_CN_NUM}]+)[)）]")),
    ("document", 3, "1.", re.compile(rf"^([{_DIGITS}]{{1,2}})(?:[.．、](?![{_DIGITS}])|\s)")),
    ("document", 4, "（1）", re.compile(rf"^[（(]([{_DIGITS}]{{1,2}})[)）]")),
)

SECTION_COLUMNS = ["doc_id", "order", "level", "kind", "number", "path", "heading", "text"]


def _number(kind: str, raw: str) -> int | None:
    if kind in ("1.", "（1）"):
        return int(raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return _cn_int(raw)


def _cn_int(raw: str) -> int | None:
    """Chinese numerals up to 9999 (第一百二十条 → 120)."""
    simple = chinese_numeral(raw)
    if simple is not None:
        return simple
    total, unit_value = 0, {"千": 1000, "百": 100, "十": 10}
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    current = None
    for ch in raw:
        if ch in digits:
            current = digits[ch]
        elif ch in unit_value:
            total += (1 if current is None else current) * unit_value[ch]
            current = None
        else:
            return None
    return total + (current or 0)


def _heading(kind: str, line: str, marker_end: int) -> tuple[str, str]:
    """Split a marker line into (heading, body start).

    Chapter lines are headings; article lines (第一条 …) are body text whose
    heading is the marker; outline items take their first sentence as heading.
    """
    rest = line[marker_end:].strip()
    if kind in ("编", "章", "节"):
        return re.sub(r"\s+", "", rest), ""
    if kind == "条":
        return line[:marker_end].strip(), rest
    m = re.match(r"^(.{1,60}?[。：:；;！？])", rest)
    if m and len(rest) > len(m.group(1)):
        return m.group(1).rstrip("。：:；;"), rest[len(m.group(1)) :].strip()
    if len(rest) <= 40:
        return rest.rstrip("。"), ""
    return "", rest


def split_sections(text: str, doc_id: str = "", style: str = "auto") -> pd.DataFrame:
    """Split ``text`` into numbered sections.

    Parameters
    ----------
    text : str
        Document text with its line breaks.
    doc_id : str
        Identifier copied into every row.
    style : {"auto", "law", "document"}
        Which marker hierarchy to use; ``auto`` picks ``law`` when the text has
        a line starting ``第…条``, else ``document``.

    Returns
    -------
    DataFrame
        Columns ``doc_id, order, level, kind, number, path, heading, text``.
        Text before the first marker (title, addressees, preamble) is row 0 with
        ``level`` 0 and ``kind`` ``"preamble"``.  ``path`` is the chain of
        numbers from the top, e.g. ``"2/3"`` for 第二章 第三条 or 二、（三）.

    Examples
    --------
    >>> doc = "通知\\n一、总体要求\\n（一）指导思想。坚持生态优先。\\n（二）工作原则。\\n二、重点任务\\n1. 完善生态产品价值实现机制。"
    >>> s = split_sections(doc, "d1")
    >>> s[["level", "kind", "number", "path", "heading"]].values.tolist()[1:]
    [[1, '一、', 1, '1', '总体要求'], [2, '（一）', 1, '1/1', '指导思想'], [2, '（一）', 2, '1/2', '工作原则'], [1, '一、', 2, '2', '重点任务'], [3, '1.', 1, '2/1', '完善生态产品价值实现机制']]
    """
    lines = (text or "").splitlines()
    if style == "auto":
        style = "law" if any(_MARKERS[3][3].match(ln.strip().lstrip("#").strip()) for ln in lines) else "document"
    markers = [m for m in _MARKERS if m[0] == style]
    rows: list[dict] = []
    current = {"level": 0, "kind": "preamble", "number": None, "path": "", "heading": "", "body": []}
    stack: list[tuple[int, int]] = []  # (level, number) of open ancestors

    def flush():
        body = "\n".join(current["body"]).strip()
        if current["kind"] == "preamble" and not body:
            return
        rows.append(
            {
                "doc_id": doc_id,
                "order": len(rows),
                "level": current["level"],
                "kind": current["kind"],
                "number": current["number"],
                "path": current["path"],
                "heading": current["heading"],
                "text": body,
            }
        )

    for raw in lines:
        line = raw.strip().lstrip("#").strip()
        hit = None
        for _, level, kind, pattern in markers:
            m = pattern.match(line)
            if m:
                hit = (level, kind, m)
                break
        if hit is None:
            if line:
                current["body"].append(line)
            continue
        level, kind, m = hit
        number = _number(kind, m.group(1))
        if number is None:
            current["body"].append(line)
            continue
        flush()
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, number))
        heading, body = _heading(kind, line, m.end())
        current = {
            "level": level,
            "kind": kind,
            "number": number,
            "path": "/".join(str(n) for _, n in stack),
            "heading": heading,
            "body": [body] if body else [],
        }
    flush()
    out = pd.DataFrame(rows, columns=SECTION_COLUMNS)
    out["number"] = out["number"].astype("Int64")
    out["level"] = out["level"].astype("int64")
    out["order"] = out["order"].astype("int64")
    return out
