"""Term evolution: how often given terms occur per document, per year, per section.

Terms are counted as literal substrings of the document's *matching text*:
the text with all white space and zero-width characters removed.  Chinese is
written without spaces, and scraped texts break lines inside words
(``政府工作报\\n告``), so removing white space restores the words while it
cannot join two Chinese words that were not already adjacent.  Counts are
non-overlapping, left to right (the semantics of :meth:`str.count`).
Frequencies are given per 10,000 characters of matching text, the usual
normalisation for Chinese policy texts, whose lengths vary several-fold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

DEFAULT_TERMS: tuple[str, ...] = (
    "生态产品",
    "生态补偿",
    "生态保护补偿",
    "碳汇",
    "碳达峰",
    "碳中和",
    "绿水青山",
    "生态文明",
    "碳排放",
)

TERMS_EN: dict[str, str] = {
    "生态产品": "ecological products",
    "生态补偿": "ecological compensation",
    "生态保护补偿": "ecological protection compensation",
    "碳汇": "carbon sink",
    "碳达峰": "carbon peaking",
    "碳中和": "carbon neutrality",
    "绿水青山": "lucid waters and lush mountains",
    "生态文明": "ecological civilization",
    "碳排放": "carbon emissions",
    "生态产品价值": "value of ecological products",
    "双碳": "double carbon",
    "主体功能区": "main functional areas",
}

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


def matching_text(text: str | None) -> str:
    """The text terms are counted in: white space and zero-width characters removed.

    >>> matching_text("生态产\\n品 价值\\u200b实现")
    '生态产品价值实现'
    """
    return _INVISIBLE.sub("", text or "")


def count_term(text: str, term: str) -> int:
    """Non-overlapping occurrences of ``term`` in the matching text of ``text``.

    >>> count_term("碳达峰碳中和，碳达峰", "碳达峰")
    2
    """
    if not term:
        raise ValueError("empty term")
    return len(re.findall(re.escape(matching_text(term)), matching_text(text)))


def term_counts(
    docs: pd.DataFrame,
    terms: Sequence[str] = DEFAULT_TERMS,
    text: str = "text",
    keys: Sequence[str] = ("doc_id", "year"),
) -> pd.DataFrame:
    """Occurrences of each term in each document (long table).

    Parameters
    ----------
    docs : DataFrame or PolicyCorpus
        One row per document (or per section) with a text column and key columns.
    terms : sequence of str
        Terms to count, in the order they should appear in the output.
    keys : sequence of str
        Columns copied to the output to identify each row.

    Returns
    -------
    DataFrame
        ``*keys, term, term_en, count, chars, per_10k`` — one row per (document, term);
        ``chars`` is the length of the matching text and ``per_10k`` = count / chars × 10,000.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a"], "year": [2021], "text": ["推动碳达峰碳中和"]})
    >>> term_counts(d, ["碳达峰"])[["doc_id", "term", "count", "chars", "per_10k"]].values.tolist()
    [['a', '碳达峰', 1, 8, 1250.0]]
    """
    df = getattr(docs, "df", docs)
    terms = list(dict.fromkeys(terms))
    patterns = [(t, re.compile(re.escape(matching_text(t)))) for t in terms]
    rows = []
    for record in df[list(keys) + [text]].itertuples(index=False):
        body = matching_text(getattr(record, text))
        chars = len(body)
        for term, pattern in patterns:
            n = len(pattern.findall(body))
            row = {k: getattr(record, k) for k in keys}
            row.update(
                term=term,
                term_en=TERMS_EN.get(term, ""),
                count=n,
                chars=chars,
                per_10k=round(n / chars * 10_000, 6) if chars else 0.0,
            )
            rows.append(row)
    out = pd.DataFrame(rows, columns=list(keys) + ["term", "term_en", "count", "chars", "per_10k"])
    out["count"] = out["count"].astype("int64")
    out["chars"] = out["chars"].astype("int64")
    return out


def term_matrix(counts: pd.DataFrame, index: str = "year", value: str = "per_10k") -> pd.DataFrame:
    """Wide table for a heatmap: rows = terms (input order), columns = ``index`` values.

    Several documents with the same ``index`` value (e.g. two reports in one
    year) are pooled: counts are summed and ``per_10k`` is recomputed from the
    summed counts and characters.
    """
    terms = list(dict.fromkeys(counts["term"]))
    pooled = counts.groupby([index, "term"], sort=True)[["count", "chars"]].sum().reset_index()
    pooled["per_10k"] = (pooled["count"] / pooled["chars"].where(pooled["chars"] > 0) * 10_000).fillna(0.0)
    wide = pooled.pivot(index="term", columns=index, values=value).reindex(terms)
    wide.columns.name = index
    return wide.fillna(0)


def first_appearance(counts: pd.DataFrame, order_by: Iterable[str] = ("year", "doc_id")) -> pd.DataFrame:
    """For each term, the first document (by ``order_by``) in which it occurs.

    Returns
    -------
    DataFrame
        ``term, term_en, first_year, first_doc_id, count_then, documents_with_term, total_count``;
        a term that never occurs has empty first_* fields and zero counts.
    """
    rows = []
    for term in dict.fromkeys(counts["term"]):
        sub = counts[counts["term"] == term].sort_values(list(order_by), kind="mergesort")
        hits = sub[sub["count"] > 0]
        first = hits.iloc[0] if len(hits) else None
        rows.append(
            {
                "term": term,
                "term_en": TERMS_EN.get(term, ""),
                "first_year": first["year"] if first is not None and "year" in sub else None,
                "first_doc_id": first["doc_id"] if first is not None and "doc_id" in sub else None,
                "count_then": int(first["count"]) if first is not None else 0,
                "documents_with_term": int(len(hits)),
                "total_count": int(sub["count"].sum()),
            }
        )
    out = pd.DataFrame(rows)
    out["first_year"] = out["first_year"].astype("Int64")
    return out


def section_term_counts(sections: pd.DataFrame, terms: Sequence[str] = DEFAULT_TERMS) -> pd.DataFrame:
    """Term counts per section (the output of :func:`litkit.policy.sections.split_sections`).

    Heading and own text are counted together; rows with no hit are dropped.
    """
    df = sections.copy()
    df["text"] = df["heading"].fillna("") + "\n" + df["text"].fillna("")
    out = term_counts(df, terms, keys=("doc_id", "order", "level", "kind", "path", "heading"))
    return out[out["count"] > 0].reset_index(drop=True)
