"""Reading a folder of policy texts: notes next to the data are passed over, Markdown front matter and
comments are not the document.

Before: ``litkit policy ../shared/policy/cn-laws-ecology-carbon`` listed PROVENANCE.txt as a policy document
("Dataset: cn-laws-ecology-carbon", dated from the provenance note) and took '---', the first line of a
Markdown file's YAML front matter, as its title.
"""

from __future__ import annotations

import litkit.policy as lp

LAW = (
    "# 中华人民共和国森林法\n\n1984年9月20日 第六届全国人民代表大会常务委员会第七次会议通过\n\n第一条 为了保护森林。\n"
)


def test_notes_in_a_folder_are_not_documents(tmp_path):
    (tmp_path / "forest.md").write_text(LAW, encoding="utf-8")
    (tmp_path / "PROVENANCE.txt").write_text("Dataset: laws\nCopied 2026-11-01 from GitHub\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this folder\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "INDEX.md").write_text("# Index\n", encoding="utf-8")
    docs = lp.read(tmp_path)
    assert docs.df["title_zh"].tolist() == ["中华人民共和国森林法"]
    # named directly, a note is read like any document
    assert lp.read(tmp_path / "README.md").df["title_zh"].tolist() == ["About this folder"]


def test_markdown_front_matter_and_comments_are_not_text(tmp_path):
    path = tmp_path / "law.md"
    path.write_text("---\nbookHidden: true\ntitle: x\n---\n\n<!-- 模版说明 -->\n" + LAW, encoding="utf-8")
    doc = lp.read(path).df.iloc[0]
    assert doc["title_zh"] == "中华人民共和国森林法"
    assert doc["date"] == "1984-09-20"
    plain = lp.read(_write(tmp_path / "plain.md", LAW)).df.iloc[0]
    assert (doc["title_zh"], doc["date"]) == (plain["title_zh"], plain["date"])


def test_rule_line_inside_markdown_is_kept(tmp_path):
    """Only a block at the very start is front matter; a '---' rule further down is text."""
    text = LAW + "\n---\n\n第二条 本法适用于森林。\n"
    doc = lp.read(_write(tmp_path / "law.md", text)).df.iloc[0]
    assert doc["title_zh"] == "中华人民共和国森林法"
    assert "第二条 本法适用于森林。" in doc["text"] and "\n---\n" in doc["text"]


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_real_law_folder(shared_policy):
    folder = shared_policy / "cn-laws-ecology-carbon"
    docs = lp.read(folder)
    # every Markdown law; PROVENANCE.txt and LawRefBook's format template (法律法规模版.md, H27ZH) left out
    files = [f for f in folder.rglob("*.md") if f.name not in {"README.md", "INDEX.md", "法律法规模版.md"}]
    assert len(docs.df) == len(files)
    assert not docs.df["title_zh"].str.contains("---|<!--|Dataset:", regex=True).any()


def test_broken_metadata_table_is_one_line_error(tmp_path):
    """pandas' ParserError / yaml's ScannerError were tracebacks without the file (a Scopus CSV given as
    --metadata: "Error tokenizing data. C error: Expected 45 fields in line 4, saw 46")."""
    import pytest

    from litkit.errors import ParseError

    ragged = _write(tmp_path / "meta.csv", "title_zh,date\n碳达峰行动方案,2021-10-24\n碳中和,2021,extra\n")
    with pytest.raises(ParseError) as info:
        lp.from_metadata(ragged)
    assert str(info.value).startswith(f"{ragged}, line 3: cannot read the metadata table: Expected 2 fields in line 3")
    broken = _write(tmp_path / "meta.yaml", "- title_zh: a\n  date: [2021\n")
    with pytest.raises(ParseError, match=r"meta.yaml, line 3: metadata is not valid YAML"):
        lp.from_metadata(broken)
    with pytest.raises(ParseError, match="No columns to parse"):
        lp.from_metadata(_write(tmp_path / "empty.csv", ""))
    good = lp.from_metadata(_write(tmp_path / "ok.csv", "title_zh,date\n碳中和,2021-10-24\n"))
    assert good.df["title_zh"].tolist() == ["碳中和"]


def test_document_without_issuer_is_not_put_in_the_ministries_lane(tmp_path):
    """Laws read from their text carry no issuer; they were drawn in the lane "Ministries and commissions 部委"."""
    from litkit.policy.policy_timeline import LANES, lane_of, timeline_table

    assert lane_of([]) == "other" and lane_of(None) == "other"
    assert lane_of(["财政部"]) == "ministries"  # a named ministry stays a ministry
    assert lane_of([], kind="party congress report") == "congress"
    assert [key for key, _, _ in LANES][:5] == ["congress", "cpc", "npc", "state_council", "ministries"]  # colours kept
    # no legislative history: no issuer (dated by its entry into force, the only date it has)
    untitled = "# 中华人民共和国森林法\n\n第一条 为了保护森林。\n第二条 本法自1985年1月1日起施行。\n"
    docs = lp.read(_write(tmp_path / "forest.md", untitled))
    assert docs.df.loc[0, "issuers"] == [] or not docs.df.loc[0, "issuers"]
    assert timeline_table(docs)["lane"].tolist() == ["other"]
    # with its history line the law names the body that adopted it (H27ZH): the NPC lane
    docs = lp.read(_write(tmp_path / "forest_history.md", LAW))
    assert list(docs.df.loc[0, "issuers"]) == ["全国人民代表大会常务委员会"]
    assert timeline_table(docs)["lane"].tolist() == ["npc"]
