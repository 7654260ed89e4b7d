"""`litkit add`'s summary: the match rules follow the count of records already there, before the records left out.

The left-out clause had been put between them ("4 already there; 255 left out: … (doi 3, title+year+author 1)"),
so the rules read as a breakdown of the records left out; notebook 08 looks for "already there (doi ".
"""

import pandas as pd

from litkit.review import AddReport


def test_rules_follow_the_already_there_count():
    report = AddReport(
        added=["cnki/"],
        new=pd.DataFrame({"id": ["a", "b"]}),
        already=pd.DataFrame({"rule": ["doi", "doi", "doi", "title+year+author"]}),
        outside_years=255,
        years="up to 2019",
    )
    line = report.summary().splitlines()[1]
    assert line == (
        "2 new record(s); 4 already there (doi 3, title+year+author 1); "
        "255 left out: not published up to 2019 (or no year)"
    )
