"""cocite, couple, citations, collab and summary with --scheduler write the single-process files, byte for byte.

Each command runs twice from the command line on the same exports: once on the Parquet file of
``litkit ingest`` (one process), once with ``--scheduler`` on the partitioned folder of
``litkit ingest --scheduler`` (one export file per partition, so records citing the same works
sit in different partitions and the corpus-wide DOI lending of the reference keys is needed).
Every file written must be identical; ``params.json`` may differ only in ``inputs`` (the
corpus path).  Corpora: the demo (WoS, CNKI, Scopus: planted co-citation groups, citations
between records, affiliations) and real exports from ../shared/corpora with cited references
and addresses.  The reference table parsed on the workers must equal the single-machine one.
"""

from __future__ import annotations

import importlib
import json

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from typer.testing import CliRunner

import litkit
import litkit.scale as scale
from litkit.addresses import merge_institution_spellings
from litkit.cli import app
from litkit.errors import LitkitError
from litkit.refs import references_table

distributed = pytest.importorskip("dask.distributed")

# Real exports with cited references and addresses (WoS plain text and BibTeX, Scopus CSV).  testFile.isi
# and badFile.isi share 32 records, which then sit in two partitions.
REAL = (
    "wos-plaintext-metaknowledge/testFile.isi",
    "wos-plaintext-metaknowledge/badFile.isi",
    "wos-plaintext-bibliometrix-fixture/wos_sample.txt",
    "wos-bibtex/wos_m.bib",
    "scopus-csv/scopus_litstudy.csv",
    "scopus-csv/scopus_sample_2025.csv",
)

# (command, options): the cases of issues 17 and 18, "Scale".
CASES = {
    "cocite-reference": ["cocite", "--unit", "reference", "--min-citations", "2", "--top-n", "80"],
    "cocite-reference-sliced": ["cocite", "--unit", "reference", "--slice-years", "2", "--top-n", "25"],
    "cocite-source": ["cocite", "--unit", "source", "--top-n", "60", "--counting", "fractional"],
    "cocite-source-sliced": ["cocite", "--unit", "source", "--slice-years", "3", "--g-index-k", "10"],
    "couple-document": ["couple", "--unit", "document", "--top-n", "80"],
    "couple-source": ["couple", "--unit", "source", "--counting", "fractional"],
    "citations": ["citations"],
    "collab-country": ["collab", "--unit", "country"],
    "collab-institution": ["collab", "--unit", "institution", "--top-n", "80"],
    "summary": ["summary"],
}
REAL_CASES = ("cocite-reference", "cocite-source-sliced", "couple-document", "citations", "collab-country", "summary")


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes; the commands connect to it with --scheduler ADDRESS."""
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    )
    yield local
    local.close()


def _cli(*args: str) -> None:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output + repr(result.exception)


def _ingested(paths, folder, address):
    """The exports as one Parquet file (one process) and as a partitioned folder (on the cluster)."""
    folder.mkdir(parents=True, exist_ok=True)
    single, parts = folder / "corpus.parquet", folder / "corpus"
    _cli("ingest", *paths, "-o", single)
    _cli("ingest", *paths, "-o", parts, "--scheduler", address, "--files-per-partition", "1")
    return single, parts


@pytest.fixture(scope="module")
def demo(demo_dir, tmp_path_factory, cluster):
    paths = [demo_dir / "wos", demo_dir / "cnki", demo_dir / "scopus"]
    return _ingested(paths, tmp_path_factory.mktemp("hscale-demo"), cluster.scheduler_address)


@pytest.fixture(scope="module")
def real(shared_corpora, tmp_path_factory, cluster):
    paths = [shared_corpora / name for name in REAL]
    return _ingested(paths, tmp_path_factory.mktemp("hscale-real"), cluster.scheduler_address)


def _files(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def _assert_same_outputs(case, corpora, address, tmp_path):
    single, parts = corpora
    command = CASES[case]
    one, many = tmp_path / "one", tmp_path / "dask"
    _cli(*command, single, "-o", one, "--formats", "png")
    _cli(*command, parts, "-o", many, "--formats", "png", "--scheduler", address)
    names = _files(one)
    assert names == _files(many)
    assert len(names) >= 2  # params.json and at least one table
    for name in names:
        a, b = (one / name).read_bytes(), (many / name).read_bytes()
        if name.name == "params.json":
            a, b = json.loads(a), json.loads(b)
            assert a.pop("inputs") == {"corpus": str(single)}
            assert b.pop("inputs") == {"corpus": str(parts)}
        # Figures too: every label placer is deterministic (tests/plot/test_determinism.py).
        assert a == b, f"{case}: {name} differs between one process and the cluster"
    return one


@pytest.mark.parametrize("case", list(CASES))
def test_demo_commands_on_dask_write_the_single_process_files(case, demo, cluster, tmp_path):
    out = _assert_same_outputs(case, demo, cluster.scheduler_address, tmp_path)
    if case.startswith(("cocite", "couple", "citations", "collab")):
        nodes = next(out.glob("*nodes.csv"))
        assert len(pd.read_csv(nodes)) > 1  # a real network, not two empty ones


@pytest.mark.parametrize("case", REAL_CASES)
def test_real_exports_commands_on_dask_write_the_single_process_files(case, real, cluster, tmp_path):
    _assert_same_outputs(case, real, cluster.scheduler_address, tmp_path)


def test_references_parsed_on_workers_equal_single_machine(real, cluster):
    """Keys included: a DOI cited in one partition lends it to DOI-less citations in another."""
    pc = scale.read_partitioned(real[1])
    with distributed.Client(cluster) as client:
        gathered = scale.references(pc, client=client)
        corpus = scale.gather(pc, client=client)
    whole = pc.to_corpus()
    expected = whole.references
    pd.testing.assert_frame_equal(gathered, expected)
    assert len(expected) > 1000 and len(pc.partitions) == len(REAL)
    # The corpus-wide lending pass matters here: keyed partition by partition alone, some DOI-less
    # citations would miss the DOI a citation in another partition lends them (12 on these exports).
    alone = pd.concat([references_table(litkit.Corpus.read_parquet(p).df) for p in pc.partitions], ignore_index=True)
    assert (alone["key"].to_numpy() != expected["key"].to_numpy()).sum() > 0
    pd.testing.assert_frame_equal(corpus.df.drop(columns="CR"), whole.df.drop(columns="CR"))
    assert corpus.references is not None and len(corpus.references) == len(expected)


def test_gathered_corpus_without_cited_references_refuses_to_parse_them(demo, cluster):
    pc = scale.read_partitioned(demo[1])
    with distributed.Client(cluster) as client:
        corpus = scale.collaboration_corpus(pc, client=client)
    assert isinstance(corpus, litkit.Corpus) and len(corpus) == len(pc)
    with pytest.raises(LitkitError, match="without their cited references"):
        _ = corpus.references


def test_affiliations_parsed_on_workers_equal_single_machine(real, demo, cluster):
    """Rows, dtypes and the unresolved-address report; spellings merged over the whole corpus."""
    for corpora in (real, demo):
        pc = scale.read_partitioned(corpora[1])
        with distributed.Client(cluster) as client:
            got = scale.affiliations(pc, client=client)
        whole = pc.to_corpus()
        expected = litkit.affiliations(whole)
        pd.testing.assert_frame_equal(got, expected)
        assert got.attrs["unresolved"] == expected.attrs["unresolved"]
        assert len(expected) > 100
        assert merge_institution_spellings(litkit.affiliations(whole, merge_spellings=False)).equals(expected)
    # On the real exports the merge must be corpus-wide: merged partition by partition, a spelling differs.
    pc = scale.read_partitioned(real[1])
    alone = [litkit.affiliations(litkit.Corpus.read_parquet(p))["institution"] for p in pc.partitions]
    expected = litkit.affiliations(pc.to_corpus())["institution"]
    assert (pd.concat(alone, ignore_index=True).to_numpy() != expected.to_numpy()).sum() >= 1


def test_merge_institution_spellings_by_use_over_the_whole_table():
    """Hand-worked: 'UNIV X' wins in part 1 (3 rows to 2) but 'Univ X' has more rows overall (2 + 4)."""
    part1 = ["UNIV X"] * 3 + ["Univ X"] * 2
    part2 = ["Univ X"] * 4 + ["Inst Y", ""]
    table = pd.DataFrame({"institution": pd.array(part1 + part2, dtype="str")})
    merged = merge_institution_spellings(table)["institution"].tolist()
    assert merged == ["Univ X"] * 9 + ["Inst Y", ""]
    first = merge_institution_spellings(table.iloc[:5])["institution"].tolist()
    assert first == ["UNIV X"] * 5  # what a partition alone would say


def test_corpus_without_references_gives_the_same_empty_network(demo_dir, cluster, tmp_path):
    """CNKI exports carry no cited references: both paths write the same empty network and say why."""
    corpora = _ingested([demo_dir / "cnki"], tmp_path / "cnki", cluster.scheduler_address)
    out = _assert_same_outputs("cocite-reference", corpora, cluster.scheduler_address, tmp_path)
    params = json.loads((out / "params.json").read_text(encoding="utf-8"))
    assert params["parameters"]["nodes"] == 0
    assert "CNKI exports carry no cited references" in params["parameters"]["message"]


def _walk(obj):
    """Every object inside what a computation returned (tuples, lists, dicts, dataclasses)."""
    yield obj
    if isinstance(obj, (list, tuple)):
        for x in obj:
            yield from _walk(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _walk(x)
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            yield from _walk(getattr(obj, name))


@pytest.mark.parametrize(
    "build, options",
    [
        (scale.cocitation, {"unit": "reference", "min_citations": 2, "top_n": 80}),
        (scale.cocitation, {"unit": "source", "slice_years": 2, "top_n": 20, "counting": "fractional"}),
        (scale.coupling, {"unit": "document", "top_n": 80}),
        (scale.coupling, {"unit": "source"}),
        (scale.citation_network, {}),
    ],
)
def test_driver_receives_counts_never_the_cited_references(build, options, real, cluster, monkeypatch):
    """What the workers send back holds no CR column, no references table and no parsed reference strings,
    and is smaller than the references table; the network still equals the single-machine one."""
    received = []

    def spying(compute):
        def wrapped(obj, client=None):
            out = compute(obj, client)
            received.append(out)
            return out

        return wrapped

    for module in ("_cocitation", "_coupling", "citation", "_gather"):
        original = importlib.import_module(f"litkit.scale.{module}").compute
        monkeypatch.setattr(f"litkit.scale.{module}.compute", spying(original))
    pc = scale.read_partitioned(real[1])
    with distributed.Client(cluster) as client:
        got = build(pc, client=client, with_layout=False, **options)
    whole = pc.to_corpus()
    single = {scale.cocitation: litkit.cocitation, scale.coupling: litkit.coupling}.get(build, litkit.citation_network)
    expected = single(whole, with_layout=False, **options)
    pd.testing.assert_frame_equal(got.nodes, expected.nodes)
    pd.testing.assert_frame_equal(got.links(), expected.links())
    pd.testing.assert_frame_equal(got.clusters, expected.clusters)
    assert len(got.nodes) > 1 and received
    refs = whole.references
    raw = set(refs["raw"].dropna())
    sent = 0
    for out in received:
        for obj in _walk(out):
            if isinstance(obj, pd.DataFrame):
                assert "raw" not in obj.columns and "key" not in obj.columns, list(obj.columns)
                if "CR" in obj.columns:  # a gathered canonical frame: its CR column was never read
                    assert not any(isinstance(v, (list, np.ndarray)) and len(v) for v in obj["CR"])
                assert len(obj) < len(refs)
                for column in obj.columns:
                    if obj[column].dtype == object:
                        assert not raw.intersection(v for v in obj[column] if isinstance(v, str))
                sent += int(obj.memory_usage(deep=True).sum())
            elif isinstance(obj, np.ndarray):
                sent += obj.nbytes + sum(len(v) for v in obj.ravel() if isinstance(v, str))
            elif sp.issparse(obj):
                sent += obj.data.nbytes
    assert sent < refs.memory_usage(deep=True).sum()
