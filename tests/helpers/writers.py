"""Minimal writers: canonical test records back into each export format (for round-trip properties).

A test record is a plain dict::

    {"TI": str, "SO": str, "PY": int, "DE": [str, ...],
     "authors": [(surname, given), ...]}   # given == "" for a Chinese name written whole

Each writer produces the text of one export file in the layout the database
writes, with the fewest fields the reader needs (no claim to reproduce every
column).  :func:`expected` gives the canonical values the reader must return
for each format, because author names take each format's own shape (WoS short
form ``Surname, GI`` from Scopus/RIS/BibTeX, names as written from CNKI).
"""

from __future__ import annotations

import csv
import html
import io
import re

from litkit.io.scopus_csv import wos_short_author

_CJK_SPACE = re.compile("(?<=[\u3400-\u9fff])[ \u3000\t]+(?=[\u3400-\u9fff])")


def _short(surname: str, given: str) -> str:
    return wos_short_author(surname, given) if given else surname


def _full(surname: str, given: str) -> str:
    return f"{surname}, {given}" if given else surname


def expected(rec: dict, fmt: str) -> dict:
    """The canonical fields ``fmt``'s reader must give for ``rec``."""
    out = {"TI": rec["TI"], "SO": rec["SO"], "PY": rec["PY"], "DE": list(rec["DE"])}
    names = rec["authors"]
    if fmt.startswith("cnki"):
        # documented CNKI rule: spaces between two Chinese characters of a name or keyword go
        # ("王  伟" -> "王伟"), because CNKI pads short names with them
        out["DE"] = [_CJK_SPACE.sub("", k) for k in out["DE"]]
        written = [_CJK_SPACE.sub("", _cnki_name(s, g)) for s, g in names]
        out["AU"] = written
        out["AF"] = written
    else:
        out["AU"] = [_short(s, g) for s, g in names]
        out["AF"] = [_full(s, g) for s, g in names]
    return out


def _cnki_name(surname: str, given: str) -> str:
    return f"{surname}{given}" if given else surname


# ---------------------------------------------------------------------------------------------
# Web of Science
# ---------------------------------------------------------------------------------------------


def wos_plain(records: list[dict]) -> str:
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for i, r in enumerate(records):
        lines.append("PT J")
        for tag, items in (
            ("AU", [_short(s, g) for s, g in r["authors"]]),
            ("AF", [_full(s, g) for s, g in r["authors"]]),
        ):
            for k, item in enumerate(items):
                lines.append(f"{tag} {item}" if k == 0 else f"   {item}")
        lines += [f"TI {r['TI']}", f"SO {r['SO']}"]
        if r["DE"]:
            lines.append("DE " + "; ".join(r["DE"]))
        lines += [f"PY {r['PY']}", f"UT WOS:{i + 1:015d}", "ER", ""]
    lines.append("EF")
    return "\n".join(lines) + "\n"


def wos_tab(records: list[dict]) -> str:
    header = ["PT", "AU", "AF", "TI", "SO", "DE", "PY", "UT"]
    rows = ["\t".join(header)]
    for i, r in enumerate(records):
        rows.append(
            "\t".join(
                [
                    "J",
                    "; ".join(_short(s, g) for s, g in r["authors"]),
                    "; ".join(_full(s, g) for s, g in r["authors"]),
                    r["TI"],
                    r["SO"],
                    "; ".join(r["DE"]),
                    str(r["PY"]),
                    f"WOS:{i + 1:015d}",
                ]
            )
        )
    return "\r\n".join(rows) + "\r\n"


# ---------------------------------------------------------------------------------------------
# Scopus, RIS, BibTeX
# ---------------------------------------------------------------------------------------------


def _scopus_initials(given: str) -> str:
    return "".join(f"{p[0]}." for p in re.split(r"[\s\-]+", given) if p)


def scopus_csv(records: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Authors", "Author full names", "Title", "Year", "Source title", "Author Keywords", "Link", "EID"])
    for i, r in enumerate(records):
        w.writerow(
            [
                "; ".join(f"{s} {_scopus_initials(g)}" if g else s for s, g in r["authors"]),
                "; ".join(f"{_full(s, g)} ({57000000000 + k})" for k, (s, g) in enumerate(r["authors"])),
                r["TI"],
                r["PY"],
                r["SO"],
                "; ".join(r["DE"]),
                f"https://www.scopus.com/inward/record.uri?eid=2-s2.0-{85000000000 + i}",
                f"2-s2.0-{85000000000 + i}",
            ]
        )
    return buf.getvalue()


def ris(records: list[dict]) -> str:
    lines = []
    for r in records:
        lines.append("TY  - JOUR")
        lines += [f"AU  - {_full(s, g)}" for s, g in r["authors"]]
        lines += [f"TI  - {r['TI']}", f"T2  - {r['SO']}", f"PY  - {r['PY']}"]
        lines += [f"KW  - {k}" for k in r["DE"]]
        lines += ["ER  - ", ""]
    return "\n".join(lines) + "\n"


def bibtex(records: list[dict]) -> str:
    out = []
    for i, r in enumerate(records):
        fields = [
            f"author = {{{' and '.join(_full(s, g) for s, g in r['authors'])}}}" if r["authors"] else None,
            f"title = {{{r['TI'].replace('&', chr(92) + '&')}}}",
            f"journal = {{{r['SO']}}}",
            f"year = {{{r['PY']}}}",
            f"keywords = {{{'; '.join(r['DE'])}}}" if r["DE"] else None,
        ]
        body = ",\n  ".join(f for f in fields if f)
        out.append(f"@article{{key{i},\n  {body}\n}}\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# CNKI
# ---------------------------------------------------------------------------------------------


def cnki_refworks(records: list[dict]) -> str:
    out = []
    for r in records:
        lines = [
            "RT Journal Article",
            "SR 1",
            "A1 " + ";".join(_cnki_name(s, g) for s, g in r["authors"]),
            f"T1 {r['TI']}",
            f"JF {r['SO']}",
            f"YR {r['PY']}",
            "K1 " + ";".join(r["DE"]),
            "DS CNKI",
        ]
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def cnki_endnote(records: list[dict]) -> str:
    out = []
    for r in records:
        lines = ["%0 Journal Article"] + [f"%A {_cnki_name(s, g)}" for s, g in r["authors"]]
        lines += [f"%T {r['TI']}", f"%J {r['SO']}", f"%D {r['PY']}", "%K " + ";;".join(r["DE"]), "%W CNKI"]
        out.append("\n".join(lines) + "\n")
    return "".join(out)  # CNKI EndNote records need not be separated by blank lines


def cnki_noteexpress(records: list[dict]) -> str:
    out = []
    for r in records:
        lines = [
            "{Reference Type}: Journal Article",
            f"{{Title}}: {r['TI']}",
            "{Author}: " + ";".join(_cnki_name(s, g) for s, g in r["authors"]) + ";",
            f"{{Journal}}: {r['SO']}",
            f"{{Year}}: {r['PY']}",
            "{Keywords}: " + ";;".join(r["DE"]),
            "{Database Provider}: CNKI",
        ]
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def cnki_selfdefined(records: list[dict]) -> str:
    out = []
    for r in records:
        lines = [
            "SrcDatabase-来源库: 期刊",
            f"Title-题名: {r['TI']}",
            "Author-作者: " + ";".join(_cnki_name(s, g) for s, g in r["authors"]) + ";",
            f"Source-文献来源: {r['SO']}",
            "Keyword-关键词: " + ";".join(r["DE"]),
            f"Year-年: {r['PY']}",
            "URL-网址: https://kns.cnki.net/kcms/detail/x.html",
        ]
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def cnki_estudy(records: list[dict]) -> str:
    out = []
    for r in records:
        lines = [
            "DataType: 1",
            f"Title-题名: {r['TI']}",
            "Author-作者: " + ";".join(_cnki_name(s, g) for s, g in r["authors"]) + ";",
            f"Source-刊名: {r['SO']}",
            f"Year-年: {r['PY']}",
            "Keyword-关键词: " + ";".join(r["DE"]),
            "Link-链接: https://kns.cnki.net/kcms/detail/x.html",
        ]
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def cnki_html_xls(records: list[dict]) -> str:
    """The HTML table CNKI saves under an ``.xls`` name (cells HTML-escaped, as CNKI does)."""
    head = ["SrcDatabase-来源库", "Title-题名", "Author-作者", "Source-文献来源", "Keyword-关键词", "Year-年"]
    cell = lambda v: f"<td>{html.escape(str(v))}</td>"
    rows = ["<tr>" + "".join(cell(h) for h in head) + "</tr>"]
    for r in records:
        values = [
            "期刊",
            r["TI"],
            ";".join(_cnki_name(s, g) for s, g in r["authors"]) + ";",
            r["SO"],
            ";".join(r["DE"]),
            r["PY"],
        ]
        rows.append("<tr>" + "".join(cell(v) for v in values) + "</tr>")
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        "<body><table>\n" + "\n".join(rows) + "\n</table></body></html>\n"
    )


WRITERS = {
    "wos_plain": wos_plain,
    "wos_tab": wos_tab,
    "scopus_csv": scopus_csv,
    "ris": ris,
    "bibtex": bibtex,
    "cnki_refworks": cnki_refworks,
    "cnki_endnote": cnki_endnote,
    "cnki_noteexpress": cnki_noteexpress,
    "cnki_selfdefined": cnki_selfdefined,
    "cnki_estudy": cnki_estudy,
    "cnki_html_xls": cnki_html_xls,
}
