"""``litkit add`` with exports reached through symbolic links (a shared drive, a data folder linked into the
project): new / already-there counts must be those of the records, whatever path names the file.

Before the fix the new files were compared by their resolved paths while the records carry the path as
read: adding 128 new WoS records through a link reported "0 new record(s); 0 already there" while the corpus
grew by 128.
"""

from __future__ import annotations

import re

import pytest

from litkit.review import add_exports


def _brute_uts(path) -> list[str]:
    """Record ids of a WoS plain-text file, read with a regex of our own."""
    return re.findall(r"^UT (\S+)", path.read_text(encoding="utf-8-sig"), flags=re.M)


@pytest.fixture
def linked_review(tmp_path, shared_corpora):
    cnki = shared_corpora / "cnki-endnote" / "demo.txt"
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "cnki.txt").symlink_to(cnki)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "savedrecs.txt").symlink_to(wos)
    review = tmp_path / "review.toml"
    review.write_text('[corpus]\nexports = ["exports/"]\nmerge = true\n', encoding="utf-8")
    return review, wos


def test_add_through_links_counts_new_records(linked_review):
    review, wos = linked_review
    uts = _brute_uts(wos)
    assert len(uts) == len(set(uts)) == 128
    report = add_exports(review, [review.parent / "new"], dry_run=True)
    assert report.records_after - report.records_before == 128
    assert len(report.new) == 128
    assert sorted(report.new["id"]) == sorted(uts)
    assert len(report.already) == 0


def test_add_through_links_finds_records_already_there(linked_review, tmp_path):
    review, wos = linked_review
    add_exports(review, [review.parent / "new"])  # the WoS file is in the review now (through its link)
    # the same download saved again under another name, linked from elsewhere: every record is already there
    (tmp_path / "again").mkdir()
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(wos.read_bytes())
    (tmp_path / "again" / "savedrecs (1).txt").symlink_to(copy)
    report = add_exports(review, [tmp_path / "again"], dry_run=True)
    assert len(report.new) == 0
    assert len(report.already) == 128
    assert set(report.already["existing_id"]) == set(_brute_uts(wos))
    assert report.records_after == report.records_before


def test_add_an_archive_counts_its_records(linked_review, tmp_path):
    """Records read from inside a .zip are named ``new.zip!savedrecs.txt``: they are the archive's records."""
    import zipfile

    review, wos = linked_review
    with zipfile.ZipFile(tmp_path / "new.zip", "w") as z:
        z.writestr("savedrecs.txt", wos.read_bytes())
    report = add_exports(review, [tmp_path / "new.zip"], dry_run=True)
    assert len(report.new) == 128
    assert sorted(report.new["id"]) == sorted(_brute_uts(wos))


def test_add_says_how_many_records_the_years_leave_out(linked_review, shared_corpora):
    """A review kept to years up to 2022: the new records of later years are counted as left out (before, they
    vanished from the counts: 1,950 records added, 1,327 new, 0 already there, nothing said of the rest)."""
    review, wos = linked_review
    review.write_text(review.read_text(encoding="utf-8") + "last_year = 2023\n", encoding="utf-8")
    text = wos.read_text(encoding="utf-8-sig")
    years = []
    for rec in text.split("\nER\n"):
        if not re.search(r"^PT ", rec, flags=re.M):
            continue
        py = re.search(r"^PY (\d{4})", rec, flags=re.M) or re.search(r"^EA [A-Z]{3}(?: \d+)? (\d{4})", rec, flags=re.M)
        years.append(int(py.group(1)) if py else None)
    outside = sum(1 for y in years if y is None or y > 2023)
    assert len(years) == 128 and outside > 0
    report = add_exports(review, [review.parent / "new"], dry_run=True)
    assert report.outside_years == outside
    assert len(report.new) + len(report.already) + outside == 128
    assert f"; {outside} left out: not published up to 2023 (or no year)" in report.summary()
