"""Countries of real addresses: the hand-checked table tests/affiliations/expected_countries.csv.

Each row of the table points at one address of an export in ../shared/corpora (file, record id, field, position);
the expected ISO code was decided by reading the address, not by running litkit.  Target: every row right.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import litkit
from litkit.addresses import c1_groups, country_of, reprint_addresses, scopus_correspondence, unresolved_addresses

TABLE = Path(__file__).with_name("expected_countries.csv")


def _rows() -> list[dict]:
    with TABLE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


ROWS = _rows()
FILES = sorted({r["file"] for r in ROWS})


def test_table_size_and_spread():
    # At least 300 addresses, from WoS, Scopus and CNKI exports alike.
    assert len(ROWS) >= 300
    kinds = {r["file"].split("/")[0].split("-")[0] for r in ROWS}
    assert {"wos", "scopus", "cnki"} <= kinds
    assert len({(r["file"], r["UT"], r["field"], r["index"]) for r in ROWS}) == len(ROWS)


@pytest.fixture(scope="module")
def corpora(shared_corpora):
    return {f: litkit.read(shared_corpora / f) for f in FILES}


def _address(corpus, row) -> tuple[int, str]:
    df = corpus.df
    positions = [i for i, ut in enumerate(df["UT"]) if ut == row["UT"]]
    assert positions, f"{row['file']}: no record {row['UT']}"
    record = positions[0]
    index = int(row["index"])
    if row["field"] == "RP" and df["DB"].iloc[record] == "Scopus":
        return record, scopus_correspondence(df["RP"].iloc[record])[1]
    if row["field"] == "RP":
        return record, reprint_addresses(df["RP"].iloc[record])[index][1]
    entry = df["C1"].iloc[record][index]
    if df["DB"].iloc[record] == "WoS":
        return record, c1_groups(entry, list(df["AF"].iloc[record]))[1]
    return record, entry


@pytest.mark.parametrize("file", FILES)
def test_hand_checked_countries(corpora, file):
    corpus = corpora[file]
    aff = litkit.affiliations(corpus)
    unresolved = unresolved_addresses(aff)
    wrong = []
    for row in (r for r in ROWS if r["file"] == file):
        record, address = _address(corpus, row)
        match = country_of(address)
        if (match.code, match.constituent) != (row["expected"], row["constituent"]):
            wrong.append((row["UT"], address, row["expected"], match.code, match.constituent))
            continue
        # The table agrees with country_of for every row that carries this address.
        rows = aff[(aff["record"] == record) & (aff["raw"] == address.strip())]
        assert len(rows), f"{file} {row['UT']}: no affiliation row for {address!r}"
        assert set(rows["country"]) == {row["expected"]}, (address, set(rows["country"]))
        listed = unresolved[(unresolved["record"] == record) & (unresolved["address"] == address.strip())]
        assert len(listed) == (0 if row["expected"] else len(set(rows["source_field"]))), address
    assert not wrong, "\n".join(map(str, wrong))


def test_accuracy_is_total(corpora):
    right = 0
    for row in ROWS:
        _, address = _address(corpora[row["file"]], row)
        right += country_of(address).code == row["expected"]
    assert right == len(ROWS), f"{right}/{len(ROWS)}"
