"""The ``engine`` argument of ``litkit.read``, ``iter_file_parts`` and ``ingest_to_parquet``.

``"c"`` reads Web of Science plain text through the compiled fast path, ``"python"`` through
the record path, None/``"auto"`` picks ``"c"`` when the extension was built.  An installation
without the extension is simulated in a child process (``sys.modules['litkit.io._wos_scan'] =
None`` before litkit is imported, as if it had not been built), never by patching litkit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

import litkit
from litkit.errors import LitkitError, LitkitWarning
from litkit.io import ColumnBlock, FileReport, iter_file_parts
from litkit.io.engine import ENGINES, compiled_engine_available, resolve_engine
from litkit.io.stream import ingest_to_parquet


def _parts(path, engine):
    return list(iter_file_parts(path, FileReport(file=str(path)), engine=engine))


def test_python_engine_reads_every_record_through_the_record_path(demo_dir):
    path = demo_dir / "wos" / "savedrecs.txt"
    parts = _parts(path, "python")
    assert parts and not any(isinstance(part, ColumnBlock) for part in parts)
    assert len(parts) == len(litkit.read(path, engine="python"))


def test_c_engine_reads_a_regular_file_in_column_blocks(compiled_scan, demo_dir):
    path = demo_dir / "wos" / "savedrecs.txt"
    parts = _parts(path, "c")
    assert parts and all(isinstance(part, ColumnBlock) for part in parts)
    assert sum(part.n for part in parts) == len(_parts(path, "python"))
    assert resolve_engine(None) == resolve_engine("auto") == "c"


def test_both_engines_give_the_demo_corpus_and_report(wos_engine, demo_dir):
    """The whole demo corpus (WoS, CNKI, Scopus): the same corpus and report with either engine."""
    folders = [demo_dir / "wos", demo_dir / "cnki", demo_dir / "scopus"]
    corpus = litkit.read(folders, engine=wos_engine)
    reference = litkit.read(folders, engine="python")
    assert len(corpus) == 1190
    assert corpus == reference
    assert corpus.report.files_table().equals(reference.report.files_table())
    assert corpus.report.problems_table().equals(reference.report.problems_table())


@pytest.mark.parametrize("folder", ["cnki", "scopus"])
def test_formats_without_a_fast_path_read_the_same_whatever_the_engine(wos_engine, demo_dir, folder):
    parts = _parts(sorted((demo_dir / folder).iterdir())[0], wos_engine)
    assert parts and not any(isinstance(part, ColumnBlock) for part in parts)
    assert litkit.read(demo_dir / folder, engine=wos_engine) == litkit.read(demo_dir / folder, engine="python")


@pytest.mark.parametrize("engine", ["C", "pyarrow", "", "numpy"])
def test_unknown_engine_raises_before_anything_is_read(tmp_path, engine):
    with pytest.raises(LitkitError, match="unknown engine") as caught:
        litkit.read(tmp_path / "does-not-exist.txt", engine=engine)  # the engine is checked first
    assert "\n" not in str(caught.value)
    out = tmp_path / "out.parquet"
    with pytest.raises(LitkitError, match="unknown engine"):
        ingest_to_parquet(tmp_path / "does-not-exist.txt", out, engine=engine)
    assert not out.exists()


def test_engine_names():
    assert ENGINES == ("auto", "c", "python")
    assert resolve_engine("python") == "python"
    assert resolve_engine(None) == resolve_engine("auto") == ("c" if compiled_engine_available() else "python")


def test_no_warning_with_the_extension_built(compiled_scan, demo_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for engine in (None, "auto", "c", "python"):
            litkit.read(demo_dir / "wos", engine=engine)


# The child: litkit as it is installed without the extension.  It prints one JSON line.
_WITHOUT_EXTENSION = """
import json, sys, warnings
sys.modules["litkit.io._wos_scan"] = None  # as if it had not been built
import litkit
from litkit.errors import LitkitError, LitkitWarning
from litkit.io.engine import compiled_engine_available, resolve_engine
from litkit.io.stream import ingest_to_parquet

demo, out = sys.argv[1], sys.argv[2]
result = {"available": compiled_engine_available(), "auto": resolve_engine(None)}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    litkit.read(demo + "/cnki")  # no fast path there: nothing to warn about
    result["warnings_cnki"] = len(caught)
    litkit.read(demo + "/wos", engine="python")  # asked for: no warning
    result["warnings_python"] = len(caught)
    corpus = litkit.read(demo + "/wos")  # two WoS plain-text files
    litkit.read(demo + "/wos", engine="auto")
    ingest_to_parquet(demo + "/wos", out + "/auto.parquet", progress=False)
    result["warnings_auto"] = [(w.category.__name__, str(w.message)) for w in caught]
corpus.to_parquet(out + "/auto_read.parquet")
for call in ("read", "ingest"):
    try:
        if call == "read":
            litkit.read(demo + "/wos", engine="c")
        else:
            ingest_to_parquet(demo + "/wos", out + "/c.parquet", engine="c")
    except LitkitError as exc:
        result["error_" + call] = str(exc)
print(json.dumps(result))
"""


def test_without_the_extension(demo_dir, tmp_path):
    """No extension: auto reads with the record path and says so once; engine="c" is a clear error."""
    child = subprocess.run(
        [sys.executable, "-c", _WITHOUT_EXTENSION, str(demo_dir), str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(child.stdout)
    assert result["available"] is False and result["auto"] == "python"
    assert result["warnings_cnki"] == 0 and result["warnings_python"] == 0
    [(category, message)] = result["warnings_auto"]  # once, for two files, three reads and an ingest
    assert category == LitkitWarning.__name__
    assert "\n" not in message and "Web of Science plain text" in message
    assert "C compiler" in message and "pip install" in message  # how to build it
    for call in ("read", "ingest"):
        error = result["error_" + call]
        assert "\n" not in error and "engine='c'" in error and "engine='python'" in error
    assert not (tmp_path / "c.parquet").exists()
    # The record path's corpus, the same as this process reads with either engine.
    expected = litkit.read(demo_dir / "wos", engine="python")
    assert litkit.Corpus.read_parquet(tmp_path / "auto_read.parquet") == expected
    assert litkit.Corpus.read_parquet(tmp_path / "auto.parquet") == expected
    if compiled_engine_available():
        assert litkit.read(demo_dir / "wos", engine="c") == expected


def test_engine_c_without_the_extension_is_a_litkit_error_here_too(demo_dir):
    """In this process: "c" raises exactly when the extension is missing."""
    if compiled_engine_available():
        assert len(litkit.read(demo_dir / "wos", engine="c")) > 0
    else:  # pragma: no cover - an installation without a C compiler
        with pytest.raises(LitkitError, match="engine='c'"):
            litkit.read(demo_dir / "wos", engine="c")
        with pytest.warns(LitkitWarning):
            litkit.read(demo_dir / "wos")


def test_cli_ingest_engine_option(wos_engine, demo_dir, tmp_path):
    """``litkit ingest --engine``: the same corpus file with either engine; an unknown one is a one-line error."""
    from typer.testing import CliRunner

    from litkit.cli import app

    out = tmp_path / f"{wos_engine}.parquet"
    result = CliRunner().invoke(app, ["ingest", str(demo_dir / "wos"), "-o", str(out), "--engine", wos_engine])
    assert result.exit_code == 0, result.output
    assert litkit.Corpus.read_parquet(out) == litkit.read(demo_dir / "wos", engine="python")
    bad = CliRunner().invoke(app, ["ingest", str(demo_dir / "wos"), "-o", str(tmp_path / "x.parquet"), "--engine", "C"])
    assert bad.exit_code != 0 and "unknown engine 'C'" in bad.output
    assert not (tmp_path / "x.parquet").exists()
