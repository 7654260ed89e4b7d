"""Kleinberg burst detection: reference vectors, vectorised == scalar, edge cases, citation bursts."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pandas as pd
import pytest

from litkit.bursts import (
    burst_counts,
    burst_states,
    burst_states_many,
    bursts_from_events,
    citation_bursts,
    figure5_table,
    item_events,
    kleinberg,
    kleinberg_many,
    normalise_journal,
    normalise_keyword,
    state_probabilities,
    write_burst_table,
)
from litkit.corpus import Corpus
from litkit.errors import LitkitError


@pytest.fixture(scope="module")
def vectors(shared_reference):
    return json.loads((shared_reference / "bursts.json").read_text(encoding="utf-8"))["vectors"]


# ---------------------------------------------------------------------------------------------
# reference vectors
# ---------------------------------------------------------------------------------------------
def test_reference_vectors_scalar(vectors):
    assert {v["id"] for v in vectors} >= {"V1", "V3", "V5", "V6"}
    for v in vectors:
        got = kleinberg(v["r"], v["d"], s=v["s"], gamma=v["gamma"])
        expected = v["expected_bursts"]
        assert len(got) == len(expected), v["id"]
        assert got["start"].tolist() == [b[0] for b in expected], v["id"]
        assert got["end"].tolist() == [b[1] for b in expected], v["id"]
        np.testing.assert_allclose(got["weight"].to_numpy(), [b[2] for b in expected], rtol=0, atol=1e-6)
        assert got.attrs["states"] == v["expected_states"], v["id"]
        assert got.attrs["p0"] == pytest.approx(v["p0"], abs=1e-11)
        assert got.attrs["p1"] == pytest.approx(v["p1"], abs=1e-11)
        assert burst_states(v["r"], v["d"], s=v["s"], gamma=v["gamma"]).tolist() == v["expected_states"]


def test_reference_vectors_vectorised(vectors):
    for v in vectors:
        states, _ = burst_states_many([v["r"]], v["d"], s=v["s"], gamma=v["gamma"])
        assert states[0].astype(int).tolist() == v["expected_states"], v["id"]
        got = kleinberg_many([v["r"]], [v["d"]], s=v["s"], gamma=v["gamma"])
        expected = v["expected_bursts"]
        assert got["item"].tolist() == [0] * len(expected)
        assert got[["start", "end"]].values.tolist() == [b[:2] for b in expected]
        np.testing.assert_allclose(got["weight"].to_numpy(), [b[2] for b in expected], rtol=0, atol=1e-6)


def test_all_reference_vectors_in_one_batch(vectors):
    """Vectors of equal length solved together give each vector's own answer."""
    by_len: dict[tuple, list] = {}
    for v in vectors:
        by_len.setdefault((len(v["r"]), v["s"], v["gamma"]), []).append(v)
    for (_, s, gamma), group in by_len.items():
        got = kleinberg_many([v["r"] for v in group], [v["d"] for v in group], s=s, gamma=gamma)
        for i, v in enumerate(group):
            mine = got[got["item"] == i]
            assert mine[["start", "end"]].values.tolist() == [b[:2] for b in v["expected_bursts"]]


def test_greedy_answer_is_not_reproduced(vectors):
    v1 = next(v for v in vectors if v["id"] == "V1")
    got = kleinberg(v1["r"], v1["d"])
    greedy = v1["greedy_burst_detection_0.1.3"]
    assert got[["start", "end"]].values.tolist() != [b[:2] for b in greedy]


# ---------------------------------------------------------------------------------------------
# vectorised == scalar, determinism
# ---------------------------------------------------------------------------------------------
def _random_batch(rng, items, slices):
    d = rng.integers(0, 40, size=slices)
    d[rng.random(slices) < 0.1] = 0  # some empty slices
    base = rng.random(items)[:, None] * 0.3
    lift = np.where(rng.random((items, slices)) < 0.15, 3.0, 1.0)
    R = rng.binomial(d[None, :], np.clip(base * lift, 0, 1))
    return R, d


@pytest.mark.parametrize("seed", range(6))
def test_vectorised_equals_scalar(seed):
    rng = np.random.default_rng(seed)
    slices = int(rng.integers(1, 25))
    R, d = _random_batch(rng, 60, slices)
    s = float(rng.choice([1.5, 2, 3]))
    gamma = float(rng.choice([0, 0.5, 1, 2]))
    min_duration = int(rng.integers(1, 3))
    many = kleinberg_many(R, d, s=s, gamma=gamma, min_duration=min_duration)
    states_many, _ = burst_states_many(R, d, s=s, gamma=gamma)
    for i in range(R.shape[0]):
        one = kleinberg(R[i], d, s=s, gamma=gamma, min_duration=min_duration)
        assert states_many[i].astype(int).tolist() == one.attrs["states"]
        mine = many[many["item"] == i]
        assert mine[["start", "end"]].values.tolist() == one[["start", "end"]].values.tolist()
        np.testing.assert_allclose(mine["weight"].to_numpy(), one["weight"].to_numpy(), rtol=1e-12, atol=1e-9)


def test_per_item_d_equals_shared_d():
    rng = np.random.default_rng(7)
    R, d = _random_batch(rng, 30, 12)
    shared = kleinberg_many(R, d)
    per_item = kleinberg_many(R, np.tile(d, (R.shape[0], 1)))
    pd.testing.assert_frame_equal(shared, per_item)


def test_strengths_identical_between_runs():
    rng = np.random.default_rng(11)
    R, d = _random_batch(rng, 2000, 30)
    first = kleinberg_many(R, d)
    second = kleinberg_many(R.copy(), d.copy())
    assert len(first) > 0
    pd.testing.assert_frame_equal(first, second, check_exact=False, rtol=0, atol=1e-9)
    assert first["weight"].to_numpy().tobytes() == second["weight"].to_numpy().tobytes()


def test_weights_positive_and_runs_maximal():
    rng = np.random.default_rng(3)
    R, d = _random_batch(rng, 500, 20)
    got = kleinberg_many(R, d)
    assert (got["weight"] > 0).all()  # a burst that fit worse than the base state would not be chosen
    states, _ = burst_states_many(R, d)
    for item, start, end in got[["item", "start", "end"]].itertuples(index=False):
        assert states[item, start : end + 1].all()
        assert start == 0 or not states[item, start - 1]
        assert end == 20 - 1 or not states[item, end + 1]


# ---------------------------------------------------------------------------------------------
# edge cases and validation
# ---------------------------------------------------------------------------------------------
def test_all_zeros_gives_no_burst():
    got = kleinberg([0, 0, 0, 0], [0, 0, 0, 0])
    assert got.empty and list(got.columns) == ["start", "end", "weight"]
    assert got.attrs["states"] == [0, 0, 0, 0]
    assert kleinberg_many(np.zeros((3, 5)), np.zeros(5)).empty


def test_empty_slices_are_neutral():
    # d = 0 in slices 0 and 5: they cost the same in both states and cannot carry a burst alone.
    got = kleinberg([0, 1, 1, 9, 9, 0, 1, 1], [0, 10, 10, 10, 10, 0, 10, 10])
    assert got[["start", "end"]].values.tolist() == [[3, 4]]


def test_one_slice():
    got = kleinberg([3], [10])
    assert got.empty and got.attrs["states"] == [0]
    assert kleinberg_many([[3], [0]], [10]).empty


def test_item_in_every_event_has_no_burst():
    got = kleinberg([5, 5, 5], [5, 5, 5])  # p0 = 1 > p1 cap: the burst state fits worse
    assert got.empty
    assert state_probabilities([5, 5, 5], [5, 5, 5]) == (1.0, 0.99999)


def test_min_duration_filters_short_bursts(vectors):
    v3 = next(v for v in vectors if v["id"] == "V3")
    got = kleinberg(v3["r"], v3["d"], s=v3["s"], gamma=v3["gamma"], min_duration=2)
    assert got[["start", "end"]].values.tolist() == [[3, 5]]
    many = kleinberg_many([v3["r"]], v3["d"], s=v3["s"], gamma=v3["gamma"], min_duration=2)
    assert many[["start", "end"]].values.tolist() == [[3, 5]]


@pytest.mark.parametrize(
    "r, d, message",
    [
        ([1, 5], [2, 4], "r exceeds d"),
        ([1, -1], [2, 4], "negative"),
        ([1, 2, 3], [4, 4], "same length"),
        ([], [], "at least one"),
        ([1, float("nan")], [2, 4], "missing"),
    ],
)
def test_invalid_counts(r, d, message):
    with pytest.raises(LitkitError, match=message):
        kleinberg(r, d)


def test_invalid_counts_many():
    with pytest.raises(LitkitError, match="r exceeds d"):
        kleinberg_many([[1, 2], [3, 9]], [5, 5])
    with pytest.raises(LitkitError, match="shape"):
        kleinberg_many([[1, 2]], [5, 5, 5])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"s": 1}, "s must be"),
        ({"s": 0.5}, "s must be"),
        ({"gamma": -1}, "gamma"),
        ({"min_duration": 0}, "min_duration"),
        ({"min_duration": 1.5}, "min_duration"),
    ],
)
def test_invalid_parameters(kwargs, message):
    with pytest.raises(LitkitError, match=message):
        kleinberg([1, 2], [4, 4], **kwargs)


# ---------------------------------------------------------------------------------------------
# citation_bursts on hand-built corpora with planted bursts
# ---------------------------------------------------------------------------------------------
YEARS = range(2000, 2021)


def _planted_records():
    """20 records a year, 2000-2020; 'hot topic' in 12 of 20 records in 2010-2013, 1 of 20 otherwise.

    Cited references: every record cites 'J BACKGROUND'; 'ECOSYST SERV' is cited by 12 of 20
    records in 2015-2017 (twice by each, in two spellings) and by 1 of 20 in other years.
    """
    records = []
    for year in YEARS:
        for i in range(20):
            keywords = ["base term"]
            if (2010 <= year <= 2013 and i < 12) or i == 0:
                keywords.append("Hot  Topic" if i % 2 else "hot topic")
            if i % 5 == 0:
                keywords.append("steady")
            refs = [f"Smith J, 1990, J BACKGROUND, V{i}, P1"]
            if (2015 <= year <= 2017 and i < 12) or i == 1:
                refs += ["Costanza R, 1997, ECOSYST SERV, V1, P2", "Daily G, 2009, Ecosyst  serv, V3, P4"]
            records.append(
                {
                    "UT": f"WOS:{year}{i:02d}",
                    "DB": "WoS",
                    "PY": year,
                    "TI": f"paper {year}-{i}",
                    "DE": keywords,
                    "AU": [f"Author{i % 4}, A"],
                    "CR": refs,
                }
            )
    return records


class _CorpusWithReferences(Corpus):
    """A corpus whose references table is built here, so the test does not depend on litkit.refs."""

    @property
    def references(self):
        rows = []
        for pos, (ut, py, crs) in enumerate(zip(self.df["UT"], self.df["PY"], self.df["CR"])):
            for raw in crs:
                author, year, source, volume, page = [p.strip() for p in raw.split(",")]
                rows.append(
                    {
                        "record": pos,
                        "UT": ut,
                        "PY": py,
                        "DB": "WoS",
                        "raw": raw,
                        "author": author,
                        "year": int(year),
                        "source": source,
                        "volume": volume[1:],
                        "page": page[1:],
                        "doi": None,
                        "key": f"{author.upper()}|{year}|{volume}",
                    }
                )
        return pd.DataFrame(rows)


def test_planted_keyword_burst():
    corpus = Corpus.from_records(_planted_records())
    table = citation_bursts(corpus, kind="keyword")
    assert table["item"].tolist()[0] == "hot topic"  # spellings merged by case-folding, whitespace
    top = table.iloc[0]
    assert (top["begin"], top["end"], top["year"]) == (2010, 2013, 2000)
    assert (top["period_start"], top["period_end"]) == (2000, 2020)
    assert top["count"] == 4 * 12 + 17  # r summed over the period
    assert "steady" not in set(table["item"]) and "base term" not in set(table["item"])
    assert table.attrs["kind"] == "keyword" and table.attrs["period"] == [2000, 2020]


def test_planted_cited_journal_burst():
    corpus = _CorpusWithReferences(Corpus.from_records(_planted_records()).df)
    table = citation_bursts(corpus, kind="cited_journal")
    assert table["item"].tolist() == ["ECOSYST SERV"]
    assert table.loc[0, ["year", "begin", "end"]].tolist() == [2000, 2015, 2017]
    # counting="records": each citing record counts once although it cites the journal twice
    assert table.loc[0, "count"] == 3 * 12 + 18
    by_citations = citation_bursts(corpus, kind="cited_journal", counting="citations")
    assert by_citations.loc[0, ["begin", "end"]].tolist() == [2015, 2017]
    assert by_citations.loc[0, "count"] == 2 * (3 * 12 + 18)
    refs = citation_bursts(corpus, kind="cited_reference")
    assert set(refs["item"]) == {"Costanza R, 1997, ECOSYST SERV, V1, P2", "Daily G, 2009, Ecosyst serv, V3, P4"}
    assert (refs["begin"] == 2015).all() and (refs["end"] == 2017).all()


def test_slices_and_period():
    corpus = Corpus.from_records(_planted_records())
    three = citation_bursts(corpus, kind="keyword", slice_years=3)
    # slices 2000-02, 2003-05, ..., 2009-11, 2012-14, ...: the burst covers whole slices
    assert three.loc[0, ["begin", "end"]].tolist() == [2009, 2014]
    window = citation_bursts(corpus, kind="keyword", years=(2008, 2020))
    assert window.loc[0, ["year", "begin", "end", "period_start"]].tolist() == [2008, 2010, 2013, 2008]
    assert citation_bursts(corpus, kind="keyword", min_duration=5).empty


def test_author_bursts_and_top():
    records = _planted_records()
    for rec in records:
        if 2005 <= rec["PY"] <= 2006:
            rec["AU"] = rec["AU"] + ["Newcomer, Z"]
    table = citation_bursts(Corpus.from_records(records), kind="author", top=1)
    assert len(table) == 1
    assert table.loc[0, ["item", "begin", "end"]].tolist() == ["Newcomer, Z", 2005, 2006]


def test_burst_table_is_deterministic_and_sorted():
    corpus = Corpus.from_records(_planted_records())
    first = citation_bursts(corpus, kind="keyword", top=None, gamma=0.2)
    second = citation_bursts(Corpus.from_records(_planted_records()), kind="keyword", top=None, gamma=0.2)
    pd.testing.assert_frame_equal(first, second, check_exact=True)
    keys = list(zip(-first["strength"], first["begin"], first["item"]))
    assert keys == sorted(keys)


def test_bursts_from_events_tie_break_by_item():
    # 'b' and 'a' burst identically (8 of 10 records in 2003-2004): equal strengths, alphabetical order.
    rows = []
    for year in range(2000, 2010):
        for i in range(10):
            rows.append((f"r{year}{i}", year, "filler"))
            if 2003 <= year <= 2004 and i < 8:
                rows += [(f"r{year}{i}", year, "b"), (f"r{year}{i}", year, "a")]
    table = bursts_from_events(pd.DataFrame(rows, columns=["record", "year", "item"]), (2000, 2009), top=None)
    assert table["item"].tolist() == ["a", "b"]
    assert table.loc[0, "strength"] == table.loc[1, "strength"]
    assert table.loc[0, ["begin", "end"]].tolist() == [2003, 2004]


def test_citation_bursts_validation():
    corpus = Corpus.from_records(_planted_records())
    with pytest.raises(LitkitError, match="unknown kind"):
        citation_bursts(corpus, kind="journal")
    with pytest.raises(LitkitError, match="slice_years"):
        citation_bursts(corpus, kind="keyword", slice_years=0)
    with pytest.raises(LitkitError, match="top"):
        citation_bursts(corpus, kind="keyword", top=0)
    with pytest.raises(LitkitError, match="counting"):
        citation_bursts(corpus, kind="keyword", counting="papers")
    with pytest.raises(LitkitError, match="after last year"):
        citation_bursts(corpus, kind="keyword", years=(2020, 2000))
    with pytest.raises(LitkitError, match="no record has a publication year"):
        citation_bursts(Corpus.from_records([{"UT": "X:1", "DE": ["a"]}]), kind="keyword")


def test_normalise_journal():
    assert normalise_journal(" Ecosyst\tServ ") == "ECOSYST SERV"
    assert normalise_journal("  ") is None and normalise_journal(None) is None


def test_figure5_csv_has_seed_columns(shared_seed, tmp_path):
    seed = pd.read_csv(shared_seed / "figure5_cited_journal_bursts.csv")
    corpus = _CorpusWithReferences(Corpus.from_records(_planted_records()).df)
    table = citation_bursts(corpus, kind="cited_journal")
    path = write_burst_table(table, tmp_path / "bursts.csv")
    written = pd.read_csv(path)
    assert list(written.columns) == list(seed.columns)
    assert written.loc[0, "cited_journal"] == "ECOSYST SERV" and written.loc[0, "rank"] == 1
    assert list(figure5_table(table, "keyword").columns)[1] == "keyword"


# ---------------------------------------------------------------------------------------------
# real exports and the demo corpus
# ---------------------------------------------------------------------------------------------
def _read_or_skip(path):
    import litkit

    if importlib.util.find_spec("litkit.refs") is None:
        pytest.skip("litkit.refs (reference parsing) is not written yet")
    try:
        return litkit.read(path)
    except Exception as exc:  # the reader for this format may not exist yet
        from litkit.errors import UnknownFormatError

        if isinstance(exc, UnknownFormatError):
            pytest.skip(f"no reader for {path} yet: {exc}")
        raise


def test_real_wos_export_has_cited_journal_bursts(shared_corpora):
    corpus = _read_or_skip(shared_corpora / "wos-plaintext-environment")
    assert len(corpus) > 0
    events = item_events(corpus, kind="cited_journal")
    assert len(events) > 0 and (events["item"] == events["item"].str.upper()).all()
    table = citation_bursts(corpus, kind="cited_journal", top=20)
    assert 0 < len(table) <= 20
    assert (table["strength"] > 0).all()
    assert (table["begin"] >= table["year"]).all() and (table["end"] >= table["begin"]).all()
    assert table["strength"].is_monotonic_decreasing
    again = citation_bursts(corpus, kind="cited_journal", top=20)
    np.testing.assert_allclose(table["strength"], again["strength"], rtol=0, atol=1e-9)


def test_demo_corpus_planted_bursts(demo_dir):
    """Every burst planted in the demo corpus is found on its years, from the same r[t] and d[t]."""
    import litkit

    truth_path = demo_dir / "truth.json"
    if not truth_path.exists():
        pytest.skip("corpora/demo/truth.json is not there yet")
    if importlib.util.find_spec("litkit.refs") is None:
        pytest.skip("litkit.refs (reference parsing) is not written yet")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    corpus = litkit.read([demo_dir / name for name in sorted(truth["files"])])
    params = truth.get("burst_parameters", {})
    s, gamma = params.get("s", 2), params.get("gamma", 1)
    period = tuple(truth["years"])
    kinds = {"journal_bursts": "cited_journal", "reference_bursts": "cited_reference", "keyword_bursts": "keyword"}
    checked = 0
    for key, kind in kinds.items():
        planted = truth.get(key) or []
        by_database: dict[tuple, list] = {}
        for burst in planted:
            by_database.setdefault((burst.get("database", "WoS"), burst.get("field", "DE")), []).append(burst)
        for (database, field), bursts in by_database.items():
            # the bursts were planted in one database's records; d[t] counts that database's records
            subset = Corpus(corpus.df[corpus.df["DB"] == database].reset_index(drop=True))
            events = item_events(subset, kind=kind, field=field)
            counts = burst_counts(events, period)
            table = citation_bursts(subset, kind=kind, top=None, s=s, gamma=gamma, field=field, years=period)
            for burst in bursts:
                name = burst["item"]
                if kind == "cited_journal":
                    name = normalise_journal(name)
                elif kind == "keyword":
                    name = normalise_keyword(name)
                else:  # a reference: match its label by first author and year
                    labels = [i for i in counts.items if i.startswith(f"{burst['first_author']}, {burst['year']},")]
                    assert len(labels) == 1, (burst["item"], labels)
                    name = labels[0]
                row = list(counts.items).index(name)
                assert counts.R[row].astype(int).tolist() == burst["r"], (kind, name)
                assert counts.D.astype(int).tolist() == burst["d"], (kind, name)
                found = table[table["item"] == name]
                assert found["bursts"].tolist() == [f"{burst['begin']}-{burst['end']}"], (kind, name)
                assert found["strength"].iloc[0] == pytest.approx(burst["weight"], abs=1e-6)
                checked += 1
    assert checked == sum(len(truth.get(k) or []) for k in kinds) > 0


# ---------------------------------------------------------------------------------------------
# figure and command line
# ---------------------------------------------------------------------------------------------
def _png_size(path):
    import struct

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_figure_from_seed_csv(shared_seed, tmp_path):
    from litkit.plot.bursts import plot_bursts_csv
    from litkit.plot.style import save_figure

    fig = plot_bursts_csv(shared_seed / "figure5_cited_journal_bursts.csv", period=(1970, 2023))
    paths = save_figure(fig, tmp_path / "figure5", formats=("png", "svg"))
    assert [p.suffix for p in paths] == [".png", ".svg"]
    assert all(p.stat().st_size > 1000 for p in paths)
    width, height = _png_size(tmp_path / "figure5.png")
    assert 1500 < width < 4000 and 1000 < height < 3000  # 20 rows at 300 dpi
    svg = (tmp_path / "figure5.svg").read_text(encoding="utf-8")
    assert svg.count('fill="#d62728"') >= 20 or svg.lower().count("#d62728") >= 20  # one red segment a row


def test_figure_with_chinese_items(tmp_path, recwarn):
    from litkit.plot.bursts import save_bursts

    table = pd.DataFrame(
        {
            "item": ["生态产品价值实现", "碳汇", "ecosystem services"],
            "year": [2015, 2018, 2001],
            "strength": [5.1, 3.2, 2.0],
            "begin": [2019, 2020, 2010],
            "end": [2021, 2022, 2012],
            "period_start": 2000,
            "period_end": 2023,
        }
    )
    paths = save_bursts(table, tmp_path / "kw", kind="keyword", title="关键词突现", formats=("png", "pdf"))
    assert all(p.exists() and p.stat().st_size > 1000 for p in paths)
    assert not [w for w in recwarn.list if "glyph" in str(w.message).lower()]


def test_cli_bursts(tmp_path):
    import json as _json

    from typer.testing import CliRunner

    from litkit.cli import app

    corpus_path = tmp_path / "c.parquet"
    Corpus.from_records(_planted_records()).to_parquet(corpus_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["bursts", str(corpus_path), "--kind", "keyword", "--top", "5", "-o", str(out), "--formats", "png"]
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "bursts_keyword.csv")
    # the keyword column shows the map's label; the node key is kept as the last column
    assert list(table.columns) == ["rank", "keyword", "year", "strength", "begin", "end", "key"]
    assert table.loc[0, ["keyword", "begin", "end"]].tolist() == ["hot topic", 2010, 2013]
    assert (out / "bursts_keyword.png").stat().st_size > 1000
    params = _json.loads((out / "params.json").read_text(encoding="utf-8"))["parameters"]
    assert params["kind"] == "keyword" and params["period"] == [2000, 2020]
    again = CliRunner().invoke(app, ["bursts", str(corpus_path), "--kind", "keyword", "-o", str(out)])
    assert again.exit_code == 2 and "exists" in again.output
    bad = CliRunner().invoke(app, ["bursts", str(corpus_path), "--kind", "journals", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "unknown kind" in bad.output


def test_keyword_bursts_with_thesaurus():
    records = _planted_records()
    for rec in records:  # half of the planted keyword's records spell it differently
        odd = rec["UT"].endswith(("1", "3", "5"))
        rec["DE"] = ["hot subject" if odd and " ".join(k.split()).lower() == "hot topic" else k for k in rec["DE"]]
    corpus = Corpus.from_records(records)
    merged = citation_bursts(corpus, kind="keyword", thesaurus={"Hot Subject": "hot topic", "steady": ""})
    assert merged.loc[0, ["item", "begin", "end"]].tolist() == ["hot topic", 2010, 2013]
    assert merged.loc[0, "count"] == 4 * 12 + 17
    events = item_events(corpus, kind="keyword", thesaurus={"steady": ""})
    assert "steady" not in set(events["item"]) and "hot subject" in set(events["item"])
