"""``litkit add`` of the same WoS download saved again: every record already there, and "updated" lists only
real changes (a newer times-cited count), never a keyword list that merely lost its repeated entries.

The real export globe2060_savedrecs_5.txt has a record whose author keywords repeat (``rural development;
rural development; ...``); merging it with its identical copy keeps each keyword once, which the add report
took for an update of DE.
"""

from __future__ import annotations

import re

from litkit.review import add_exports


def test_same_download_with_newer_counts(tmp_path, shared_corpora):
    wos = shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt"
    text = wos.read_text(encoding="utf-8-sig")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "savedrecs.txt").write_text(text, encoding="utf-8")
    review = tmp_path / "review.toml"
    review.write_text('[corpus]\nexports = ["exports/"]\nmerge = true\n', encoding="utf-8")
    # the same search downloaded later: the first five records with a TC line cited 7 times more
    bumped, out = [], []
    for rec in text.split("\nER\n"):
        ut = re.search(r"^UT (\S+)", rec, flags=re.M)
        if ut and len(bumped) < 5 and re.search(r"^TC \d+", rec, flags=re.M):
            bumped.append(ut.group(1))
            rec = re.sub(r"^TC (\d+)", lambda m: f"TC {int(m.group(1)) + 7}", rec, count=1, flags=re.M)
        out.append(rec)
    (tmp_path / "later.txt").write_text("\nER\n".join(out), encoding="utf-8")
    uts = re.findall(r"^UT (\S+)", text, flags=re.M)
    assert len(uts) == 128 and len(bumped) == 5
    # the file has a record whose keywords repeat: the case this test is about
    assert re.search(r"^DE .*rural\s+development; rural development", text, flags=re.M)

    report = add_exports(review, [tmp_path / "later.txt"], dry_run=True)
    assert len(report.new) == 0
    assert len(report.already) == 128
    assert set(report.already["rule"]) == {"id"}
    assert sorted(report.updated["column"]) == ["TC"] * 5
    assert sorted(report.updated["id"]) == sorted(bumped)
    assert (report.updated["new"].astype(int) - report.updated["old"].astype(int) == 7).all()
