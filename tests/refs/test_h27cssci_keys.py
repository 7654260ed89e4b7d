"""CSSCI cites Chinese journal papers without pages, as ``作者.题名.刊名.年.卷(期)``, writing the volume for some
citations of a paper and not for others: one key per cited paper all the same (litkit.refs.keys, issue rule).

Brute force on the two real CSSCI exports: each reference string is split here by a regex of its own (not
litkit's parser) into author, year, journal, volume, issue and title; a paper is (first-author surname, year,
journal, issue).  Every such paper has one key whatever its volume spelling, and no key holds two of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pandas as pd
import pytest

import litkit
from litkit.bursts import citation_bursts, reference_label
from litkit.network import citation_links, cocitation
from litkit.refs import (
    bibliographic_key,
    cited_issue,
    normalize_source,
    parse_cssci_reference,
    reference_key,
    reference_keys,
    references_table,
    table_bibliographic_keys,
)

CSSCI = ("DataSet_CSSCI.txt", "cssci_1-100b.txt")

# "1." numbering; a Latin author keeps the dot of its initials ("Teece,D.J..Title"), a Chinese one ends at a dot
_NUMBER = re.compile(r"^\s*\d{1,4}[.．](?=.)")
_LATIN_AUTHOR = re.compile(r"^(?P<author>[^.．,\u3400-\u9fff]{1,60},[A-Za-z .\-']{0,15}?)[.．][.．](?P<rest>.+)$")
_AUTHOR = re.compile(r"^(?P<author>[^.．]+)[.．](?P<rest>.+)$")
# title.journal.year.volume(issue), no page
_JOURNAL_TAIL = re.compile(
    r"^(?P<title>.+)[.．](?P<journal>[^.．]+)[.．](?P<year>(?:19|20)\d\d)[.．](?P<volume>\d*)\((?P<issue>[^)]*)\)\s*$"
)


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text)).strip().upper()


def _paper(raw: str):
    """``((surname, year, journal, issue), volume, title)`` of a page-less journal reference, else None."""
    text = _NUMBER.sub("", raw.strip())
    m = _LATIN_AUTHOR.match(text) or _AUTHOR.match(text)
    if m is None:
        return None
    tail = _JOURNAL_TAIL.match(m["rest"])
    if tail is None or not m["author"].strip():
        return None
    surname = _fold(m["author"].split(",")[0])
    issue = _fold(tail["issue"])
    issue = str(int(issue)) if issue.isdigit() else issue  # "(018)" is issue 18
    # one journal, two spellings ("Psychol Methods", "Psychological Methods"): the J9 form, as keys name it
    journal = _fold(normalize_source(tail["journal"]) or tail["journal"])
    return (surname, tail["year"], journal, issue), tail["volume"], tail["title"]


@pytest.fixture(scope="module")
def cssci(shared_corpora):
    """Per real CSSCI export: its corpus and its references table."""
    out = {}
    for name in CSSCI:
        corpus = litkit.read(shared_corpora / "cssci" / name, progress=False)
        out[name] = corpus, references_table(corpus.df)
    return out


@pytest.mark.parametrize("name", CSSCI)
def test_one_key_per_cited_paper(cssci, name):
    _, refs = cssci[name]
    keys_of, papers_of, volumes_of = defaultdict(set), defaultdict(set), defaultdict(set)
    for raw, key in zip(refs["raw"], refs["key"]):
        found = _paper(raw)
        if found is None:
            continue
        paper, volume, _ = found
        keys_of[paper].add(key)
        papers_of[key].add(paper)
        volumes_of[paper].add(volume)
    assert len(keys_of) == {"DataSet_CSSCI.txt": 905, "cssci_1-100b.txt": 3984}[name]
    # the files do write one paper with and without its volume (before: two keys for each of these)
    with_and_without = sum("" in v and len(v) > 1 for v in volumes_of.values())
    assert with_and_without == {"DataSet_CSSCI.txt": 39, "cssci_1-100b.txt": 14}[name]
    assert {p: k for p, k in keys_of.items() if len(k) > 1} == {}
    assert {k: p for k, p in papers_of.items() if len(p) > 1} == {}


def test_the_reviewers_examples(cssci):
    corpus, refs = cssci["DataSet_CSSCI.txt"]
    key_of = dict(zip(refs["raw"], refs["key"]))
    with_volume = "曾润喜.网络舆情管控工作机制研究.图书情报工作.2009.53(18)"
    without = "曾润喜.网络舆情管控工作机制研究.图书情报工作.2009.(18)"
    assert key_of[with_volume] == key_of[without]  # one paper, one node
    # 28(8) and 28(11) of 情报杂志 2009: two papers, two nodes, cited 5 and 4 (+ 1 by (11) alone) times
    issue8 = "曾润喜.网络舆情信息资源共享研究.情报杂志.2009.28(8)"
    issue11 = "曾润喜.网络舆情突发事件预警系统、指标与机制.情报杂志.2009.28(11)"
    assert key_of[issue8] == "曾润喜|2009|情报杂志||(8)"
    assert key_of[issue11] == "曾润喜|2009|情报杂志||(11)"
    # the co-citation network: two nodes, labels that tell them apart
    net = cocitation(corpus, min_citations=2, top_n=None, with_layout=False)
    nodes = net.nodes.set_index("key")
    assert nodes.loc["曾润喜|2009|情报杂志||(8)", "label"] == "曾润喜, 2009, 情报杂志, (8)"
    assert nodes.loc["曾润喜|2009|情报杂志||(11)", "label"] == "曾润喜, 2009, 情报杂志, (11)"
    counted = refs.groupby("key")["record"].nunique()
    assert nodes.loc["曾润喜|2009|情报杂志||(8)", "citations"] == counted["曾润喜|2009|情报杂志||(8)"]
    assert nodes.loc["曾润喜|2009|情报杂志||(11)", "citations"] == counted["曾润喜|2009|情报杂志||(11)"]
    assert nodes.loc[key_of[with_volume], "citations"] == counted[key_of[with_volume]]


@pytest.mark.parametrize("name", CSSCI)
def test_labels_tell_keys_apart(cssci, name):
    corpus, refs = cssci[name]
    net = cocitation(corpus, min_citations=2, top_n=None, with_layout=False)
    labels = net.nodes["label"]
    assert len(labels) > 100 and not labels.duplicated().any()
    # the burst table's items are references' labels (the most frequent of each key): different keys of
    # page-less papers cited by issue never share one
    label = reference_label(refs)
    issue_keyed = refs["key"].str.endswith(")") & refs["page"].isna()
    best = (
        pd.DataFrame({"key": refs["key"], "label": label})[issue_keyed]
        .groupby(["key", "label"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["key", "n", "label"], ascending=[True, False, True])
        .drop_duplicates("key")
    )
    assert len(best) > 0 and not best["label"].duplicated().any()


def test_citation_network_still_matches_cssci_records(cssci):
    """Matching a reference to a corpus record reads author, year, source and volume: unchanged (20 links)."""
    corpus, refs = cssci["DataSet_CSSCI.txt"]
    links = citation_links(corpus)
    assert len(links) == 20 and set(links["match"]) == {"bibliographic"}
    # brute force: a reference names record j by j's first author, year, journal and volume (one such record)
    df = corpus.df
    record_of = defaultdict(set)
    for j, (au, py, so, vl) in enumerate(zip(df["AU"], df["PY"], df["SO"], df["VL"])):
        if len(au) and vl:
            record_of[(_fold(au[0]), str(py), _fold(so), str(vl))].add(j)
    expected = set()
    for i, raw in zip(refs["record"], refs["raw"]):
        found = _paper(raw)
        if found is not None and found[1]:
            (surname, year, journal, _), volume, _ = found
            target = record_of.get((surname, year, journal, volume), set())
            if len(target) == 1 and i not in target:
                expected.add((int(i), next(iter(target))))
    assert set(zip(links["citing"], links["cited"])) == expected


def test_issue_rule_by_hand():
    # GB/T 7714 without pages: 37(9) and 37(11) are two papers, (9) is 37(9)
    gbt = [
        "[1]张三.生态补偿[J].资源科学,2015,37(9).",
        "[2]张三.生态价值[J].资源科学,2015,37(11).",
        "[3]张三.生态补偿[J].资源科学,2015,(9).",
    ]
    assert reference_keys(gbt) == ["张三|2015|资源科学||(9)", "张三|2015|资源科学||(11)", "张三|2015|资源科学||(9)"]
    # a volume cited with one issue only is that issue's paper: the key is the volume's, as before the rule
    one = ["李四.题名.情报杂志.2012.31(4)", "李四.题名.情报杂志.2012.(4)", "李四.题名.情报杂志.2012.31"]
    assert reference_keys(one) == ["李四|2012|情报杂志|31|"] * 3
    # two volumes written with one issue: the volume is unknown, the issue decides
    assert (
        reference_keys(["王五.题名.情报杂志.2012.31(4)", "王五.题名.情报杂志.2012.32(4)"])
        == ["王五|2012|情报杂志||(4)"] * 2
    )
    # "(018)" is issue 18; alone, a reference with volume and issue keys as its volume
    assert bibliographic_key(parse_cssci_reference("赵六.题名.情报杂志.2012.31(018)")) == "赵六|2012|情报杂志|31|(18)"
    assert reference_key(parse_cssci_reference("赵六.题名.情报杂志.2012.31(018)")) == "赵六|2012|情报杂志|31|"
    assert reference_key(parse_cssci_reference("赵六.题名.情报杂志.2012.(018)")) == "赵六|2012|情报杂志||(18)"
    # pages decide when there are pages; Web of Science and Scopus strings never carry an issue into a key
    assert reference_keys(["徐蓓蓓.题名.情报杂志.2019,38(4):132-137"]) == ["徐蓓蓓|2019|情报杂志|38|132"]
    assert cited_issue("Pan Y.; Birdsey R.A., A large and persistent carbon sink, Science, 333, 6045, (2011)") is None
    assert cited_issue("Smith J, 2000, ECOL ECON, V30") is None
    assert reference_keys(["Pan Y.; Birdsey R.A., A large and persistent carbon sink, Science, 333, 6045, (2011)"]) == [
        "PAN|2011|SCIENCE|333|"
    ]


def test_table_bibliographic_keys_equal_the_tables(cssci):
    """The Dask partitions key a table's rows with table_bibliographic_keys: the bibliographic keys behind the table."""
    for _, refs in cssci.values():
        bib = table_bibliographic_keys(refs)
        parsed = [parse_cssci_reference(raw) for raw in refs["raw"]]
        assert bib == [bibliographic_key(p) for p in parsed]
        assert sum(b.endswith(")") for b in bib) > 1000


# ---- the Dask path -----------------------------------------------------------------------------------------------


def _cssci_file(shared_corpora, references: list[str]) -> str:
    """The first record of DataSet_CSSCI.txt with its references replaced (a CSSCI export of one record)."""
    text = (shared_corpora / "cssci" / "DataSet_CSSCI.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
    head, rest = text.split("【参考文献】\n", 1)
    tail = rest[rest.index("-" * 71) :]
    tail = tail[: tail.index("\n\n") + 2]
    lines = "".join(f"{i}.{r}\n" for i, r in enumerate(references, 1))
    return head + "【参考文献】\n" + lines + tail


def test_dask_keys_equal_the_record_path(shared_corpora, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    import litkit.scale as scale

    folder = tmp_path / "in"
    folder.mkdir()
    # the spellings of one paper, and two papers of one volume, in different partitions
    parts = [
        [
            "曾润喜.网络舆情管控工作机制研究.图书情报工作.2009.53(18)",
            "曾润喜.网络舆情信息资源共享研究.情报杂志.2009.28(8)",
        ],
        ["曾润喜.网络舆情管控工作机制研究.图书情报工作.2009.(18)", "曾润喜.网络舆情突发事件预警.情报杂志.2009.28(11)"],
    ]
    for i, references in enumerate(parts):
        (folder / f"part{i}.txt").write_text(_cssci_file(shared_corpora, references), encoding="utf-8")
    paths = [folder / "part0.txt", folder / "part1.txt", *(shared_corpora / "cssci" / n for n in CSSCI)]
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    )
    try:
        with distributed.Client(cluster) as client:
            pc = scale.ingest(paths, tmp_path / "pc", client=client, files_per_partition=1)
            dask_refs = scale.references(pc, client=client)
            dask_bursts = scale.citation_bursts(pc, "cited_reference", top=None, client=client)
    finally:
        cluster.close()
    corpus = litkit.read(paths, progress=False)
    single = references_table(corpus.df)
    assert dask_refs["key"].tolist() == single["key"].tolist()
    bursts = citation_bursts(corpus, "cited_reference", top=None)
    assert len(bursts) > 0
    assert dask_bursts.drop(columns="strength").equals(bursts.drop(columns="strength"))
    assert abs(dask_bursts["strength"] - bursts["strength"]).max() < 1e-9
    first_two = single[single["record"] < 2]["key"].tolist()
    assert first_two == [
        "曾润喜|2009|图书情报工作|53|",
        "曾润喜|2009|情报杂志||(8)",
        "曾润喜|2009|图书情报工作|53|",
        "曾润喜|2009|情报杂志||(11)",
    ]
