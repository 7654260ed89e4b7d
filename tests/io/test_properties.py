"""Property-based tests of the readers (hypothesis).

* Round trip: records with titles, authors, keywords and journal names in
  Chinese, accented Latin, with ``;`` inside titles and emoji, written by the
  minimal writers of ``tests/helpers/writers.py`` in each export format, read back by
  :func:`litkit.read` with the same field values (format sniffed, not forced).
* Robustness: arbitrary bytes, arbitrary text, and text that starts like a
  real export and then goes wrong never make :func:`litkit.read` raise
  anything but a :class:`~litkit.errors.LitkitError`; when it does read a
  file, ``records_read + records_skipped == records_in_file``.

Example counts are sized so the file runs in well under a minute on a loaded
two-core machine; hypothesis' database is not needed for determinism because
failures are shrunk and printed as explicit examples.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers import writers as _writers
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import litkit
from litkit.errors import LitkitError

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED = "éèêëüöäñçåøÉÜÖßłńšžčřőűŠ"
CJK = "生态产品价值实现碳汇补偿研究中国政策评估森林湿地草原农业城市"
EMOJI = "🌍🌱😀🚀"
DIGITS = "0123456789"
TITLE_PUNCT = ";:,.()!?-；，《》&<>\"'"

_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _words(alphabet: str, min_words: int = 1, max_words: int = 6, max_len: int = 8):
    word = st.text(alphabet=alphabet, min_size=1, max_size=max_len)
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)


# A title has at least one letter or ideograph, plus anything from the punctuation and emoji set.
titles = st.tuples(
    _words(LATIN + ACCENTED + CJK, 1, 1), _words(LATIN + ACCENTED + CJK + EMOJI + DIGITS + TITLE_PUNCT, 0, 7)
).map(lambda t: f"{t[0]} {t[1]}".strip())
journals = _words(LATIN + ACCENTED + CJK + "&:", 1, 4).filter(lambda s: any(c.isalpha() for c in s))
keywords = st.lists(_words(LATIN + ACCENTED + CJK + EMOJI + DIGITS + "-()", 1, 3), max_size=5, unique=True)
western_author = st.tuples(
    _words(LATIN + ACCENTED, 1, 2, 10).map(lambda s: s[0].upper() + s[1:]),  # surname
    st.lists(
        st.text(alphabet=LATIN[26:], min_size=1, max_size=1).flatmap(
            lambda c: st.text(alphabet=LATIN[:26], max_size=6).map(lambda rest: c + rest)
        ),
        min_size=1,
        max_size=2,
    ).map(" ".join),
)  # given names: capitalised
chinese_author = st.text(alphabet=CJK, min_size=2, max_size=3).map(lambda s: (s, ""))
authors = st.lists(st.one_of(western_author, chinese_author), min_size=1, max_size=4, unique_by=lambda a: a)
records = st.lists(
    st.fixed_dictionaries(
        {"TI": titles, "SO": journals, "PY": st.integers(1900, 2030), "DE": keywords, "authors": authors}
    ),
    min_size=1,
    max_size=4,
)


def _read_text(text: str | bytes, name: str = "export.txt"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return litkit.read(path)


def _check_round_trip(fmt: str, recs: list[dict]) -> None:
    corpus = _read_text(_writers.WRITERS[fmt](recs))
    rep = corpus.report.files[0]
    assert rep.format == fmt
    assert (rep.records_in_file, rep.records_read, rep.records_skipped) == (len(recs), len(recs), 0)
    df = corpus.df
    for i, rec in enumerate(recs):
        want = _writers.expected(rec, fmt)
        got = {
            "TI": df["TI"].iloc[i],
            "SO": df["SO"].iloc[i],
            "PY": int(df["PY"].iloc[i]),
            "DE": list(df["DE"].iloc[i]),
            "AU": list(df["AU"].iloc[i]),
            "AF": list(df["AF"].iloc[i]),
        }
        assert got == want, f"record {i}"


@pytest.mark.parametrize("fmt", sorted(_writers.WRITERS))
def test_round_trip_keeps_field_values(fmt):
    @settings(max_examples=60, **_SETTINGS)
    @given(recs=records)
    def check(recs):
        if fmt == "bibtex":  # " and " separates BibTeX authors; a generated name may not contain it
            assume(not any(" and " in f" {s} {g} " for r in recs for s, g in r["authors"]))
            # bibtexparser turns LaTeX quote ligatures ('' ``) and -- into typographic characters
            assume(not any(x in r["TI"] for r in recs for x in ("''", "--", "`")))
        if fmt == "wos_tab":  # a cell starting with '"' is a quoted cell (spreadsheet re-save)
            assume(not any(r["TI"].startswith('"') for r in recs))
        _check_round_trip(fmt, recs)

    check()


def _only_litkit_errors(data: bytes, name: str = "input.txt") -> None:
    try:
        corpus = _read_text(data, name)
    except LitkitError:
        return
    for rep in corpus.report.files:
        assert rep.records_read + rep.records_skipped == rep.records_in_file


@settings(max_examples=300, **_SETTINGS)
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_raise_only_litkit_errors(data):
    _only_litkit_errors(data)


@settings(max_examples=300, **_SETTINGS)
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_arbitrary_text_raises_only_litkit_errors(text, encoding):
    _only_litkit_errors(text.encode(encoding))


# Text that starts like a real export (so sniffing succeeds) and then goes wrong: the reader's
# own paths are exercised, not only the "unknown format" error.
_HEADS = [
    "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n",
    "PT\tAU\tTI\tSO\tPY\tDE\tUT\n",
    "Authors,Title,Year,Source title,Link,EID\n",
    "TY  - JOUR\n",
    "@article{key,\n",
    "RT Journal Article\nSR 1\nT1 x\n",
    "%0 Journal Article\n%T x\n",
    "{Reference Type}: Journal Article\n",
    "SrcDatabase-来源库: 期刊\nTitle-题名: x\nAuthor-作者: 王伟\n",
    "DataType: 1\nTitle-题名: x\n",
    "<html><body><table><tr><td>SrcDatabase-来源库</td><td>Title-题名</td><td>Author-作者</td></tr>\n",
    "SrcDatabase-来源库\tTitle-题名\tAuthor-作者\tSource-文献来源\tYear-年\n",
]
_TAGS = [
    "PT ",
    "AU ",
    "TI ",
    "PY ",
    "ER",
    "EF",
    "   ",
    "CR ",
    "UT ",
    "AUx",
    "TY  - ",
    "ER  - ",
    "KW  - ",
    "@article{",
    "}",
    "title = {",
    "RT ",
    "A1 ",
    "T1 ",
    "YR ",
    "%0 ",
    "%A ",
    "%T ",
    "%D ",
    "{Title}: ",
    "{Author}: ",
    "{Reference Type}: ",
    "Title-题名: ",
    "Year-年: ",
    "\t",
    ",",
    '"',
    "",
    "<tr>",
    "<td>",
    "</td>",
    "</tr>",
    "<br>",
    "&amp;",
    "&#",
    "</table>",
    "<script>",
]
_LINE = st.tuples(st.sampled_from(_TAGS), st.text(alphabet=LATIN + CJK + DIGITS + ' ;,"{}\t-:@%', max_size=40))


@settings(max_examples=400, **_SETTINGS)
@given(
    head=st.sampled_from(_HEADS),
    lines=st.lists(_LINE.map("".join), max_size=30),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_damaged_exports_raise_only_litkit_errors(head, lines, newline, encoding):
    text = (head + "\n".join(lines)).replace("\n", newline)
    _only_litkit_errors(text.encode(encoding))
