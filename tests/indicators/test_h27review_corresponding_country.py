"""The corresponding author's country is the one the reprint address (RP) names, as bibliometrix's AU1_CO.

A corresponding author with two affiliations has two C1 rows marked ``corresponding``; the first
(Chongqing, CN) won over the reprint address (Reading, England) that the record names for
correspondence.  Real case: WOS env corpus, "Luo, ZW" (7 of the 1,011 records with an RP country).
"""

from __future__ import annotations

import re

import litkit
from litkit.addresses import country_of
from litkit.indicators import top_countries


def _luo():
    return litkit.Corpus.from_records(
        [
            {
                "UT": "WOS:1",
                "PY": 2015,
                "AU": ["Luo, ZW", "Yao, RM"],
                "AF": ["Luo, Zhiwen", "Yao, Runming"],
                "C1": [
                    "[Luo, Zhiwen] Chongqing Univ, Key Lab, Chongqing 630044, Peoples R China.",
                    "[Luo, Zhiwen; Yao, Runming] Univ Reading, Sch Construct Management & Engn, Reading, Berks, England.",
                ],
                "RP": "Luo, ZW (corresponding author), Univ Reading, Sch Construct Management & Engn, Reading, "
                "Berks, England.",
            }
        ]
    )


def test_reprint_address_wins():
    table = top_countries(_luo())
    corr = dict(zip(table["country"], table["corresponding_articles"]))
    assert corr == {"GB": 1, "CN": 0}
    assert dict(zip(table["country"], table["MCP"])) == {"GB": 1, "CN": 0}


def test_country_production_follows():
    table = litkit.country_production(_luo())
    assert table["country"].tolist() == ["GB"]


def _rp_country(rp) -> str:
    if not isinstance(rp, str) or not rp:
        return ""
    first = re.split(r";\s*(?=[^;]*\((?:corresponding author|autor correspondiente)\))", rp)[0]
    return country_of(re.split(r"\((?:corresponding author|autor correspondiente)\),?", first)[-1].strip()).code


def test_env_corpus_matches_reprint_addresses(shared_corpora):
    """Brute force on the real WoS files: every record with an RP country is counted for that country."""
    corpus = litkit.read(shared_corpora / "wos-plaintext-environment")
    frame = corpus.df
    rp = [_rp_country(v) for v in frame["RP"]]
    expected: dict[str, int] = {}
    for code in rp:
        if code:
            expected[code] = expected.get(code, 0) + 1
    table = top_countries(corpus)
    aff = litkit.affiliations(corpus)
    # records without an RP country fall back on their first address with a country
    fallback: dict[str, int] = {}
    for record, group in aff[aff["country"] != ""].groupby("record"):
        if not rp[int(record)]:
            code = group["country"].iloc[0]
            fallback[code] = fallback.get(code, 0) + 1
    got = {c: n for c, n in zip(table["country"], table["corresponding_articles"]) if n}
    want = {c: expected.get(c, 0) + fallback.get(c, 0) for c in set(expected) | set(fallback)}
    assert got == want
    assert got["GB"] == 140 and got["CN"] == 130 and got["US"] == 114
