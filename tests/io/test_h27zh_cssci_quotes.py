"""CSSCI escapes quotes with a backslash (``Moran\\'sⅠ统计量``, ``\\"Stickiness\\"``); the reader removes it (H27ZH)."""

import json

import litkit


def test_cssci_keyword_and_english_title_lose_the_backslash(shared_corpora):
    folder = shared_corpora / "cssci"
    raw = (folder / "DataSet_CSSCI.txt").read_text(encoding="utf-8")
    assert "Moran\\'sⅠ统计量" in raw  # the export itself writes the backslash
    df = litkit.read(folder / "DataSet_CSSCI.txt").df
    keywords = [k for de in df["DE"] for k in de]
    assert "Moran'sⅠ统计量" in keywords
    assert not [k for k in keywords if "\\" in k]
    titles = [json.loads(e).get("英文篇名", "") for e in df["extra"] if e]
    assert any('"8.12 Tianjin Explosion"' in t for t in titles)
    assert not [t for t in titles if "\\" in t]
    # records' identities do not change: the Chinese titles carry no escaped quotes
    assert not [t for t in df["TI"] if "\\" in t or "'" in t]


def test_every_escaped_quote_of_both_exports_is_unescaped(shared_corpora):
    for name in ("DataSet_CSSCI.txt", "cssci_1-100b.txt"):
        path = shared_corpora / "cssci" / name
        text = path.read_text(encoding="utf-8")
        assert text.count("\\'") + text.count('\\"') > 0
        df = litkit.read(path).df
        values = [k for de in df["DE"] for k in de] + list(df["TI"]) + [r for cr in df["CR"] for r in cr]
        values += [str(v) for e in df["extra"] if e for v in json.loads(e).values()]
        assert [v for v in values if "\\'" in v or '\\"' in v] == []
