"""litkit.diff on results folders made by hand: every kind of change, worked out by hand, and escaping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from litkit.errors import LitkitError
from litkit.review import diff


def folder(root: Path, name: str, analyses: dict, files: dict, records: int = 10, years=None) -> Path:
    """A results folder: manifest.json with ``analyses`` ({name: kind}) and ``files`` ({relative path: text})."""
    path = root / name
    path.mkdir()
    manifest = {
        "exports": [{"name": "a.txt", "size": 1, "sha256": "x", "format": "wos_plain", "records": records}],
        "records": records,
        "years": years or {"2000": records},
        "analyses": {n: {"kind": k, "key": n} for n, k in analyses.items()},
    }
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")
    return path


NODES_OLD = "key,label,citations,cluster\nA,a,9,0\nB,b,8,0\nC,c,7,0\nD,d,6,1\nE,e,5,1\nF,f,4,1\n"
# C moves to the cluster continuing old cluster 1; G enters the top 3 (by citations), C leaves it
NODES_NEW = "key,label,citations,cluster\nA,a,9,3\nB,b,8,3\nG,g,8,3\nC,c,7,4\nD,d,6,4\nE,e,5,4\nF,f,4,4\n"


def test_network_top_entries_ari_and_moved_terms(tmp_path):
    old = folder(tmp_path, "old", {"net": "cocitation"}, {"net/nodes.csv": NODES_OLD})
    new = folder(tmp_path, "new", {"net": "cocitation"}, {"net/nodes.csv": NODES_NEW})
    result = diff(old, new, top=3)
    table = result.tables["net"]
    rows = {(r.change, r.item) for r in table.itertuples()}
    assert rows == {("entered the top 3", "g"), ("left the top 3", "c"), ("moved to another cluster", "c")}
    moved = table[table["change"] == "moved to another cluster"].iloc[0]
    assert (moved["old"], moved["new"]) == ("0", "4") and "continues old cluster 1" in moved["detail"]
    # ARI over the 6 shared nodes: old {ABC}{DEF}, new {AB}{CDEF}; pairs together: old 6, new 1+6=7, both 1+3=4
    # expected = 6*7/15 = 2.8, max = 6.5: (4 - 2.8) / (6.5 - 2.8)
    assert result.stats["net"] == {"shared": 6, "adjusted_rand_index": round((4 - 2.8) / (6.5 - 2.8), 6)}


BURSTS_OLD = (
    "rank,keyword,year,strength,begin,end\n"
    "1,steady,2001,5.00,2003,2006\n2,ongoing,2005,4.00,2008,2010\n3,gone,2002,3.00,2004,2005\n4,grown,2003,2.00,2006,2007\n"
)
BURSTS_NEW = (
    "rank,keyword,year,strength,begin,end\n"
    "1,steady,2001,5.00,2003,2006\n2,ongoing,2005,6.50,2008,2011\n3,fresh,2012,4.00,2012,2014\n4,grown,2003,2.50,2006,2007\n"
)


def test_bursts_appeared_ended_disappeared_changed(tmp_path):
    params = lambda last: json.dumps({"analysis": "bursts", "parameters": {"period": [2000, last]}})  # noqa: E731
    old = folder(tmp_path, "old", {"b": "bursts"}, {"b/bursts_keyword.csv": BURSTS_OLD, "b/params.json": params(2010)})
    new = folder(tmp_path, "new", {"b": "bursts"}, {"b/bursts_keyword.csv": BURSTS_NEW, "b/params.json": params(2014)})
    table = diff(old, new).tables["b"].set_index("item")
    assert table["change"].to_dict() == {
        "fresh": "burst appeared",
        "gone": "burst disappeared",
        "grown": "burst strength changed",
        "ongoing": "burst ended",  # ran to the old period's last year, stops before the new one's
    }
    assert table.loc["ongoing", "old"] == "2008–2010 (4.00)" and table.loc["ongoing", "new"] == "2008–2011 (6.50)"
    assert table.loc["grown", "detail"] == "strength +0.50"


def test_policy_documents_production_corpus_and_escaping(tmp_path):
    docs = "doc_id,title_zh,title_en,year\n1,规划,Plan,2010\n"
    old = folder(
        tmp_path,
        "old",
        {"p": "policy_timeline", "y": "production", "k": "cooccurrence"},
        {
            "p/policy_documents.csv": docs,
            "y/annual_production.csv": "year,total\n2000,4\n2001,5\n",
            "k/keywords.csv": "keyword,occurrences,cluster\nx,3,1\n",
        },
        records=9,
        years={"2000": 4, "2001": 5},
    )
    new = folder(
        tmp_path,
        "new",
        {"p": "policy_timeline", "y": "production", "k": "cooccurrence", "extra": "summary"},
        {
            "p/policy_documents.csv": docs + "2,意见,Opinions,2012\n",
            "y/annual_production.csv": "year,total\n2000,4\n2001,6\n2002,3\n",
            "k/keywords.csv": "keyword,occurrences,cluster\nx,3,1\n<script>alert(1)</script>,9,1\n",
        },
        records=13,
        years={"2000": 4, "2001": 6, "2002": 3},
    )
    result = diff(old, new)
    assert result.tables["p"].values.tolist() == [["policy document added", "意见", "", "2012", "Opinions"]]
    assert result.tables["y"][["change", "item"]].values.tolist() == [
        ["records of the year changed", "2001"],
        ["year added", "2002"],
    ]
    corpus = result.tables["corpus"]
    assert corpus[["change", "item", "old", "new"]].values.tolist() == [
        ["records", "corpus", 9, 13],
        ["records of the year changed", "2001", 5, 6],
        ["year added", "2002", "", 3],
    ]
    assert result.only_new == ["extra"] and not result.is_empty()
    page = result.to_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    written = result.write(tmp_path / "d")
    assert sorted(p.name for p in written) == ["diff.html", "diff_corpus.csv", "diff_k.csv", "diff_p.csv", "diff_y.csv"]
    with pytest.raises(LitkitError, match="exists"):
        result.write(tmp_path / "d")


def test_diff_needs_results_folders(tmp_path):
    with pytest.raises(LitkitError, match="no manifest.json"):
        diff(tmp_path, tmp_path)
