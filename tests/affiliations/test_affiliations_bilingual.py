"""Chinese and English names of one institution: the shipped table (litkit/data/institution_aliases_zh.csv).

In a corpus merged from CNKI and Web of Science, "清华大学" (CNKI) and "Tsinghua Univ" (WoS C1) are one
institution.  The tests read a real CNKI export and a real WoS export together and check that the pairs
the two files share become one node of the institution network, with the documents of both, and that
the off-switch (bilingual_aliases=False) gives the two nodes back.
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest

import litkit
from litkit.addresses import bilingual_aliases, chinese_institution, merge_institution_spellings
from litkit.addresses.countries import is_cjk
from litkit.addresses.institutions import alias_key

CNKI = "cnki-refworks/CNKI.txt"
WOS = "wos-plaintext-environment/globe2060_savedrecs.txt"


def _rows():
    text = resources.files("litkit.data").joinpath("institution_aliases_zh.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_the_table_is_well_formed():
    rows = _rows()
    assert len(rows) >= 80
    seen = {}
    for row in rows:
        canonical, alias = row["canonical"], row["alias"]
        assert is_cjk(alias) and not is_cjk(canonical), row
        # The alias is what litkit extracts as the top-level institution of a Chinese address naming it.
        assert chinese_institution(alias + "计算机学院")[0] == alias, row
        assert seen.setdefault(alias, canonical) == canonical, f"{alias} maps to two names"
    table = bilingual_aliases()
    assert table[alias_key("北京大学")] == "Peking Univ" and table[alias_key("中国科学院")] == "Chinese Acad Sci"
    # The ambiguous WoS forms are not there (东北大学 / Boston's Northeastern Univ, 苏州大学 / Taipei's Soochow Univ).
    assert alias_key("东北大学") not in table and alias_key("苏州大学") not in table


def test_a_corpus_naming_only_the_chinese_form_keeps_it(shared_corpora):
    """CNKI alone: 清华大学 stays 清华大学 (no English name of it in the table to meet)."""
    cnki = litkit.affiliations(litkit.read(shared_corpora / CNKI))
    names = set(cnki["institution"])
    assert {"清华大学", "北京大学", "中国科学院"} <= names
    assert not names & {"Tsinghua Univ", "Peking Univ", "Chinese Acad Sci"}


def test_user_aliases_and_the_partitioned_merge(merged):
    """Your aliases come first (清华大学 -> THU: no English name to meet); merge_institution_spellings of a
    table made with merge_spellings=False (the partitions of litkit.scale) applies the same step."""
    mine = litkit.affiliations(merged, aliases={"清华大学": "THU"})
    assert "THU" in set(mine["institution"]) and "清华大学" not in set(mine["institution"])
    expected = litkit.affiliations(merged)
    assert merge_institution_spellings(litkit.affiliations(merged, merge_spellings=False)).equals(expected)
    plain = litkit.affiliations(merged, merge_spellings=False, bilingual_aliases=False)
    assert merge_institution_spellings(plain).equals(litkit.affiliations(merged, bilingual_aliases=False))


@pytest.fixture(scope="module")
def merged(shared_corpora):
    return litkit.read([shared_corpora / CNKI, shared_corpora / WOS])


def _records_by_institution(aff):
    """Records of each institution, keyed as spellings are merged (case, dots, '&' ignored: BeiHang = Beihang)."""
    out = {}
    for record, institution, field in zip(aff["record"], aff["institution"], aff["source_field"]):
        if field != "C3" and institution:
            out.setdefault(alias_key(institution), set()).add(int(record))
    return out


def test_chinese_and_english_names_become_one_node_of_the_merged_corpus(merged):
    plain = litkit.affiliations(merged, bilingual_aliases=False)
    merged_aff = litkit.affiliations(merged)
    assert plain.attrs["bilingual_aliases"] is False and merged_aff.attrs["bilingual_aliases"] is True
    before = _records_by_institution(plain)
    after = _records_by_institution(merged_aff)
    # The pairs both files name: CNKI 清华大学 and WoS Tsinghua Univ, ... (15 on these two exports).
    pairs = [(alias_key(r["alias"]), alias_key(r["canonical"])) for r in _rows()]
    shared_pairs = [(zh, en) for zh, en in pairs if zh in before and en in before]
    assert {zh for zh, _ in shared_pairs} >= {
        alias_key(n) for n in ("清华大学", "中国科学院", "北京大学", "北京航空航天大学")
    }
    assert len(shared_pairs) >= 10
    for zh, en in shared_pairs:
        assert zh not in after
        assert after[en] == before[en] | before[zh], (zh, en)
    on = litkit.collaboration(merged, "institution", top_n=None, with_layout=False, affiliations=merged_aff)
    off = litkit.collaboration(merged, "institution", top_n=None, with_layout=False, affiliations=plain)
    assert on.params["bilingual_aliases"] is True and off.params["bilingual_aliases"] is False
    on_docs = {alias_key(k): d for k, d in zip(on.nodes["key"], on.nodes["documents"])}
    off_keys = {alias_key(k) for k in off.nodes["key"]}
    for zh, en in shared_pairs:
        assert zh in off_keys and en in off_keys and zh not in on_docs
        # Records with at most 25 authors (max_authors) that name either name: one node counts them once.
        expected = {r for r in before[en] | before[zh] if len(merged.df["AU"][r]) <= 25}
        assert on_docs[en] == len(expected), (zh, en)
    assert len(on.nodes) == len(off.nodes) - len(shared_pairs)
