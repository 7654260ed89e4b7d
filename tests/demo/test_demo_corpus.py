"""The demo corpus in corpora/demo/: reproducible, consistent with truth.json, and its planted structure recoverable.

The file parsers here are deliberately tiny and independent of litkit's readers:
they check the committed bytes against truth.json on their own, so a reader bug
cannot hide a generator bug (or the reverse).  The tests at the end then read
the same files with ``litkit.read`` and run litkit's burst detector on them.
"""

from __future__ import annotations

import collections
import csv
import importlib.util
import io
import itertools
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "corpora" / "demo"
YEAR0 = 2000


@pytest.fixture(scope="module")
def truth(demo_dir) -> dict:
    return json.loads((demo_dir / "truth.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------------------------
# minimal independent parsers
# ----------------------------------------------------------------------------------------------
def wos_records(path: Path) -> list[dict]:
    """Records of a WoS plain-text file as {tag: [lines]} plus the 1-based line of their PT tag."""
    records, rec, tag = [], None, None
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
        if line == "ER":
            records.append(rec)
            rec = None
        elif line.startswith("PT "):
            rec, tag = {"_line": number}, "PT"
            rec["PT"] = [line[3:]]
        elif rec is not None and line.startswith("   "):
            rec[tag].append(line[3:])
        elif rec is not None and line[:2].strip():
            tag = line[:2]
            rec[tag] = [line[3:]]
    return records


def wos_value(rec: dict, tag: str) -> str:
    """A single-valued WoS field with its wrapped lines joined by spaces."""
    return " ".join(rec.get(tag, []))


def cnki_records(path: Path, marker: str) -> list[dict]:
    """Records of a CNKI RefWorks (marker 'RT') or EndNote ('%0') file: {tag: [values]} and start line."""
    records = []
    for number, line in enumerate(path.read_bytes().decode("utf-8").split("\r\n"), start=1):
        if not line:
            continue
        tag, _, value = line.partition(" ")
        if tag == marker:
            records.append({"_line": number})
        records[-1].setdefault(tag, []).append(value)
    return records


def scopus_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def normalise(keyword: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", keyword).casefold().split())


def title_key(title: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", title).casefold() if ch.isalnum())


def files_of(truth: dict, fmt: str) -> list[str]:
    return [rel for rel, info in truth["files"].items() if info["format"] == fmt]


@pytest.fixture(scope="module")
def parsed(demo_dir, truth) -> dict:
    """Every demo file parsed once: {relpath: records}."""
    out = {}
    for rel, info in truth["files"].items():
        path = demo_dir / rel
        out[rel] = {
            "wos_plain": lambda p: wos_records(p),
            "cnki_refworks": lambda p: cnki_records(p, "RT"),
            "cnki_endnote": lambda p: cnki_records(p, "%0"),
            "scopus_csv": lambda p: scopus_rows(p),
        }[info["format"]](path)
    return out


def wos_keywords(rec: dict) -> list[str]:
    return [k for k in wos_value(rec, "DE").split("; ") if k]


def cnki_keywords(rec: dict) -> list[str]:
    if "K1" in rec:
        return [k for k in rec["K1"][0].split(";") if k]
    if "%K" in rec:
        return [k for k in rec["%K"][0].split(";;") if k]
    return []


def cnki_year(rec: dict) -> int | None:
    value = (rec.get("YR") or rec.get("%D") or [""])[0]
    return int(value) if value else None


# ----------------------------------------------------------------------------------------------
# reproducibility and file layout
# ----------------------------------------------------------------------------------------------
def test_generator_reproduces_the_committed_files_byte_for_byte(tmp_path, demo_dir, truth):
    run = subprocess.run(
        [sys.executable, str(demo_dir / "generate.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    expected = sorted(truth["files"]) + ["truth.json"]
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(expected)
    for rel in expected:
        assert (tmp_path / rel).read_bytes() == (demo_dir / rel).read_bytes(), f"{rel} differs from the committed file"
    assert not (demo_dir / "__pycache__").exists()  # litkit.read(corpora/demo/...) must not meet bytecode


def test_committed_data_stay_under_two_megabytes(demo_dir, truth):
    total = sum((demo_dir / rel).stat().st_size for rel in list(truth["files"]) + ["truth.json"])
    assert total < 2_000_000


def test_record_counts_in_truth_match_the_files(parsed, truth):
    for rel, info in truth["files"].items():
        assert len(parsed[rel]) == info["records"], rel
    counts = collections.Counter()
    for info in truth["files"].values():
        counts[info["database"]] += info["records"]
    assert 600 <= counts["WoS"] <= 900 and 400 <= counts["CNKI"] <= 600 and 90 <= counts["Scopus"] <= 110


def test_files_have_the_byte_layout_of_real_exports(demo_dir, truth):
    for rel in files_of(truth, "wos_plain"):
        data = (demo_dir / rel).read_bytes()
        assert data.startswith(b"\xef\xbb\xbfFN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n")
        assert data.endswith(b"\nER\n\nEF") and b"\r" not in data
        assert data.count(b"\nER\n") <= 500  # WoS writes at most 500 records per file
        for line in data.decode("utf-8-sig").split("\n"):
            if line[:2] in ("TI", "DE", "ID", "WC", "SC", "SO"):
                assert len(line) <= 75, line  # WoS wraps these fields at 75 characters
    for rel in files_of(truth, "cnki_refworks") + files_of(truth, "cnki_endnote"):
        data = (demo_dir / rel).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n")  # CRLF only
    assert (demo_dir / files_of(truth, "cnki_endnote")[0]).read_bytes().endswith(b"%W CNKI\r\n")
    assert b"\nvo \r\n" in (demo_dir / files_of(truth, "cnki_refworks")[0]).read_bytes()  # CNKI's empty volume tag


def test_wos_tag_order_and_scopus_columns_follow_real_exports(shared_corpora, parsed, truth):
    real = wos_records(shared_corpora / "wos-plaintext-environment" / "globe2060_savedrecs_5.txt")
    position = {}
    for rec in real:
        for i, tag in enumerate(t for t in rec if t != "_line"):
            position.setdefault(tag, []).append(i)
    for rel in files_of(truth, "wos_plain"):
        for rec in parsed[rel]:
            tags = [t for t in rec if t != "_line"]
            assert set(tags) <= set(position) | {"EA"}, set(tags) - set(position)
            # each pair of tags that also occurs together in a real record comes in the same order
            for a, b in zip(tags, tags[1:]):
                if a in position and b in position:
                    assert min(position[a]) <= max(position[b]), (a, b)
    with open(shared_corpora / "scopus-csv" / "scopus_sample_2025.csv", encoding="utf-8-sig", newline="") as fh:
        real_header = next(csv.reader(fh))
    (scopus,) = files_of(truth, "scopus_csv")
    assert list(parsed[scopus][0].keys()) == real_header


# ----------------------------------------------------------------------------------------------
# keywords: clusters, thesaurus, stop words
# ----------------------------------------------------------------------------------------------
def _keyword_documents(parsed, truth, language: str) -> list[list[str]]:
    if language == "en":
        return [wos_keywords(rec) for rel in files_of(truth, "wos_plain") for rec in parsed[rel]]
    return [
        cnki_keywords(rec)
        for rel in files_of(truth, "cnki_refworks") + files_of(truth, "cnki_endnote")
        for rec in parsed[rel]
    ]


@pytest.mark.parametrize("language, key", [("en", "keyword_clusters"), ("zh", "keyword_clusters_zh")])
def test_planted_keywords_variants_and_stopwords_are_in_the_data(parsed, truth, language, key):
    docs = _keyword_documents(parsed, truth, language)
    raw = collections.Counter(normalise(k) for doc in docs for k in doc)
    thesaurus = dict(truth["thesaurus"])
    cleaned = collections.Counter()
    for form, n in raw.items():
        cleaned[thesaurus.get(form, form)] += n
    clusters = truth[key]
    assert 4 <= len(clusters) <= 6 and all(6 <= len(kws) <= 12 for kws in clusters.values())
    for kws in clusters.values():
        for kw in kws:
            assert cleaned[kw] >= 5, kw  # well above a minimum-occurrence threshold of 2
    planted = {kw for kws in clusters.values() for kw in kws}
    variants = [v for v, canon in truth["thesaurus"] if canon in planted]
    assert variants and all(raw[v] >= 1 for v in variants), [v for v in variants if not raw[v]]
    stop = [s for s in truth["stopwords"] if (s.isascii() == (language == "en"))]
    assert stop and all(raw[s] >= 5 for s in stop)
    assert sum(raw[v] for v in variants) >= 50  # the cleaning step has real work to do


@pytest.mark.parametrize("language, key", [("en", "keyword_clusters"), ("zh", "keyword_clusters_zh")])
def test_cooccurrence_and_leiden_recover_the_planted_themes(parsed, truth, language, key):
    """The review's recipe (clean, drop stop words, min occurrence 2, top 200) then Leiden: ARI >= 0.9."""
    ig = pytest.importorskip("igraph")
    leidenalg = pytest.importorskip("leidenalg")
    from sklearn.metrics import adjusted_rand_score

    thesaurus, stop = dict(truth["thesaurus"]), set(truth["stopwords"])
    docs = [
        sorted({thesaurus.get(normalise(k), normalise(k)) for k in doc} - stop)
        for doc in _keyword_documents(parsed, truth, language)
    ]
    occurrences = collections.Counter(k for doc in docs for k in doc)
    kept = [k for k, n in sorted(occurrences.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2][:200]
    index = {k: i for i, k in enumerate(kept)}
    weights = collections.Counter()
    for doc in docs:
        for a, b in itertools.combinations([k for k in doc if k in index], 2):
            weights[(index[a], index[b])] += 1
    graph = ig.Graph(n=len(kept), edges=list(weights), edge_attrs={"weight": list(weights.values())})
    partition = leidenalg.find_partition(graph, leidenalg.ModularityVertexPartition, weights="weight", seed=42)
    planted = {kw: theme for theme, kws in truth[key].items() for kw in kws}
    assert set(planted) <= set(index)
    ari = adjusted_rand_score([planted[k] for k in planted], [partition.membership[index[k]] for k in planted])
    assert ari >= 0.9


# ----------------------------------------------------------------------------------------------
# bursts
# ----------------------------------------------------------------------------------------------
def _observed_counts(parsed, truth, burst, kind) -> tuple[list[int], list[int]]:
    """r and d of a planted burst, counted from the raw files by the definitions in truth.json."""
    n = truth["years"][1] - truth["years"][0] + 1
    r, d = [0] * n, [0] * n
    for rel in burst["files"]:
        fmt = truth["files"][rel]["format"]
        for rec in parsed[rel]:
            if fmt == "wos_plain":
                year, refs, keywords = int(wos_value(rec, "PY")), rec.get("CR", []), wos_keywords(rec)
            else:
                year, refs, keywords = cnki_year(rec), [], cnki_keywords(rec)
            if year is None:
                continue
            t = year - truth["years"][0]
            if kind == "keyword":
                if not keywords:
                    continue
                d[t] += 1
                r[t] += normalise(burst["keyword"]) in {normalise(k) for k in keywords}
            else:
                if not refs:
                    continue
                d[t] += 1
                if kind == "cited_journal":
                    r[t] += any(
                        len(p) > 2 and p[2].strip() == burst["cited_journal"] for p in (ref.split(",") for ref in refs)
                    )
                else:
                    r[t] += burst["reference"] in refs
    return r, d


BURST_KINDS = [("reference_bursts", "reference"), ("journal_bursts", "cited_journal"), ("keyword_bursts", "keyword")]


@pytest.mark.parametrize("key, kind", BURST_KINDS)
def test_planted_bursts_are_found_exactly_by_the_kleinberg_model(parsed, truth, key, kind):
    from litkit.bursts import kleinberg

    params = truth["burst_parameters"]
    assert (params["s"], params["gamma"], params["slice"]) == (2, 1, "year")
    planted = truth[key]
    assert len(planted) >= 2
    for burst in planted:
        r, d = _observed_counts(parsed, truth, burst, kind)
        assert (r, d) == (burst["r"], burst["d"]), burst["item"]
        found = kleinberg(r, d, s=params["s"], gamma=params["gamma"])
        assert len(found) == 1, (burst["item"], found)
        start, end, weight = int(found["start"].iloc[0]), int(found["end"].iloc[0]), float(found["weight"].iloc[0])
        assert (start + YEAR0, end + YEAR0) == (burst["begin"], burst["end"]), burst["item"]
        assert (start, end) == (burst["start_index"], burst["end_index"])
        assert abs(weight - burst["weight"]) < 1e-6


def test_the_corpus_covers_2000_to_2024_with_growth(truth):
    (burst, *_) = truth["journal_bursts"]
    d = burst["d"]
    assert truth["years"] == [2000, 2024] and all(n > 0 for n in d)  # no empty slice at either end
    assert sum(d[:10]) < sum(d[-3:]) / 3  # sparse early years, growth later


@pytest.fixture(scope="module")
def read_files(demo_dir):
    """``litkit.read`` of a set of demo files, read once per set."""
    import litkit

    cache = {}

    def read(rels):
        key = tuple(sorted(rels))
        if key not in cache:
            cache[key] = litkit.read([demo_dir / rel for rel in key], progress=False)
        return cache[key]

    return read


@pytest.mark.parametrize(
    "key, kind",
    [("journal_bursts", "cited_journal"), ("reference_bursts", "cited_reference"), ("keyword_bursts", "keyword")],
)
def test_litkit_citation_bursts_find_the_planted_bursts_end_to_end(read_files, truth, key, kind):
    from litkit.bursts import citation_bursts

    if kind != "keyword" and importlib.util.find_spec("litkit.refs") is None:
        pytest.skip("litkit.refs (cited-reference parsing) is not written yet")
    for burst in truth[key]:
        table = citation_bursts(read_files(burst["files"]), kind=kind, top=None)
        name = (
            burst["item"].upper()
            if kind == "cited_journal"
            else (normalise(burst["item"]) if kind == "keyword" else burst["item"])
        )
        rows = table[table["item"] == name]
        assert len(rows) == 1, name
        assert rows["bursts"].iloc[0] == f"{burst['begin']}-{burst['end']}"
        assert abs(float(rows["strength"].iloc[0]) - burst["weight"]) < 1e-6
    if kind == "cited_journal":  # the planted journals are the strongest bursts, as in the review's Figure 5
        top = citation_bursts(read_files(truth[key][0]["files"]), kind=kind, top=len(truth[key]))
        assert set(top["item"]) == {burst["item"] for burst in truth[key]}


# ----------------------------------------------------------------------------------------------
# records present in several databases, and near misses
# ----------------------------------------------------------------------------------------------
def _find(parsed, truth, ident: dict) -> dict:
    """The raw record a truth.json identity points at, checked against its file and line."""
    records = parsed[ident["file"]]
    fmt = truth["files"][ident["file"]]["format"]
    if fmt == "wos_plain":
        (rec,) = [r for r in records if wos_value(r, "UT") == ident["UT"]]
        assert rec["_line"] == ident["line"]
        assert wos_value(rec, "TI") == ident["TI"] and int(wos_value(rec, "PY")) == ident["PY"]
        assert (wos_value(rec, "DI") or None) == ident["DI"] and rec["AU"][0] == ident["first_author"]
        return {"TI": ident["TI"], "PY": ident["PY"], "DI": ident["DI"], "surname": rec["AU"][0].split(",")[0]}
    if fmt == "scopus_csv":
        (rec,) = [r for r in records if r["EID"] == ident["EID"]]
        assert records.index(rec) + 2 == ident["line"]
        assert rec["Title"] == ident["TI"] and int(rec["Year"]) == ident["PY"] and (rec["DOI"] or None) == ident["DI"]
        return {
            "TI": rec["Title"],
            "PY": int(rec["Year"]),
            "DI": rec["DOI"] or None,
            "surname": rec["Authors"].split("; ")[0].split(" ")[0],
        }
    (rec,) = [r for r in records if r["_line"] == ident["line"]]
    title = (rec.get("T1") or rec.get("%T"))[0]
    first = rec["A1"][0].split(";")[0] if "A1" in rec else rec["%A"][0]
    doi = rec.get("DO", [None])[0]
    assert title == ident["TI"] and cnki_year(rec) == ident["PY"] and doi == ident["DI"]
    return {"TI": title, "PY": cnki_year(rec), "DI": doi, "surname": first.split(" ")[0]}


def test_planted_duplicates_are_in_both_files_and_match_as_documented(parsed, truth):
    kinds = collections.Counter((dup["kind"], dup["basis"]) for dup in truth["duplicates"])
    assert kinds[("wos~scopus", "doi")] >= 25 and kinds[("wos~scopus", "title+year+first_author")] >= 8
    assert kinds[("cnki~wos", "doi")] + kinds[("cnki~wos", "title+year+first_author")] >= 12
    for dup in truth["duplicates"]:
        a, b = (_find(parsed, truth, ident) for ident in dup["records"])
        assert a["PY"] == b["PY"] and a["surname"] == b["surname"]
        assert title_key(a["TI"]) == title_key(b["TI"])
        if dup["basis"] == "doi":
            assert a["DI"] and a["DI"].lower() == b["DI"].lower()
        else:
            assert not (a["DI"] and b["DI"])  # one side has no DOI: only title + year + first author can match
    assert len(truth["in_three_databases"]) == 2


def test_duplicates_cited_references_differ_between_wos_and_scopus(parsed, truth):
    differing = 0
    for dup in (d for d in truth["duplicates"] if d["kind"] == "wos~scopus"):
        wos_ident, scopus_ident = dup["records"]
        (wos,) = [r for r in parsed[wos_ident["file"]] if wos_value(r, "UT") == wos_ident["UT"]]
        (scopus,) = [r for r in parsed[scopus_ident["file"]] if r["EID"] == scopus_ident["EID"]]
        counts = dup["cited_references"]
        assert len(wos["CR"]) == int(wos_value(wos, "NR")) == counts["WoS"]
        # a Scopus reference ends with its year in parentheses; authors inside one are also "; "-separated
        assert len(re.findall(r", \(\d{4}\)(?=; |$)", scopus["References"])) == counts["Scopus"]
        assert counts["union"] >= max(counts["WoS"], counts["Scopus"])
        differing += counts["union"] > counts["WoS"]
    assert differing >= 30


def test_near_misses_are_not_duplicates(parsed, truth):
    reasons = [nm["reason"] for nm in truth["non_duplicates"]]
    assert len(reasons) >= 4
    for nm in truth["non_duplicates"]:
        a, b = (_find(parsed, truth, ident) for ident in nm["records"])
        assert a["surname"] == b["surname"]
        assert not (a["DI"] and b["DI"] and a["DI"].lower() == b["DI"].lower())
        same_title = title_key(a["TI"]) == title_key(b["TI"])
        assert same_title != (a["PY"] == b["PY"])  # same title in another year, or same year with another title


# ----------------------------------------------------------------------------------------------
# litkit's readers on the demo files
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["wos_plain", "cnki_refworks", "cnki_endnote", "scopus_csv"])
def test_litkit_reads_every_demo_file_with_the_counts_in_truth(demo_dir, truth, fmt):
    pytest.importorskip(f"litkit.io.{fmt}")
    import litkit

    paths = [demo_dir / rel for rel in files_of(truth, fmt)]
    corpus = litkit.read(paths, progress=False)
    expected = sum(truth["files"][rel]["records"] for rel in files_of(truth, fmt))
    assert len(corpus) == expected
    report = corpus.report.files_table()
    assert list(report["format"].unique()) == [fmt]
    assert report["records_skipped"].sum() == 0 and report["records_read"].sum() == expected
    df = corpus.df
    assert df["TI"].notna().all()
    if fmt == "wos_plain":
        assert df["PY"].between(2000, 2024).all() and (df["NR"] == df["CR"].map(len)).all()
        assert set(df["UT"]) >= {d["records"][0]["UT"] for d in truth["duplicates"]}
    if fmt == "scopus_csv":
        dois = {str(v).lower() for v in df["DI"].dropna()}
        assert {
            d["records"][1]["DI"].lower()
            for d in truth["duplicates"]
            if d["kind"] == "wos~scopus" and d["records"][1]["DI"]
        } <= dois
    if fmt.startswith("cnki"):
        assert df["TI"].str.contains("生态").any() and df["DE"].map(len).gt(0).mean() > 0.95


def test_the_whole_demo_folder_reads_without_touching_the_generator(demo_dir, truth):
    """litkit.read on the three data folders reads exactly the export files."""
    import litkit

    folders = sorted({rel.split("/")[0] for rel in truth["files"]})
    corpus = litkit.read([demo_dir / f for f in folders], progress=False)
    assert len(corpus) == sum(info["records"] for info in truth["files"].values())
