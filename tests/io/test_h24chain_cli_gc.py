"""Issue 23: a command freezes the corpus it loaded for the collector, and gives everything back when it ends."""

from __future__ import annotations

import gc

import litkit
from litkit import commands
from litkit.corpus import Corpus


def _corpus_file(shared_corpora, tmp_path):
    path = tmp_path / "c.parquet"
    litkit.read(shared_corpora / "wos-plaintext-environment", progress=False).to_parquet(path)
    return path


def test_a_command_freezes_its_corpus_and_unfreezes_it(shared_corpora, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from litkit.cli import app

    path = _corpus_file(shared_corpora, tmp_path)
    seen = {}
    load = commands.load_corpus

    def spy(*args, **kwargs):
        corpus = load(*args, **kwargs)
        seen["frozen"] = gc.get_freeze_count()
        seen["threshold"] = gc.get_threshold()
        return corpus

    monkeypatch.setattr("litkit.commands.timeline.load_corpus", spy)
    before = gc.get_threshold()
    result = CliRunner().invoke(app, ["timeline", str(path), "-o", str(tmp_path / "out"), "--formats", "png"])
    assert result.exit_code == 0, result.output
    assert seen["frozen"] > 10_000  # the corpus (and everything else alive) was out of the collector's way
    assert seen["threshold"][0] >= 10_000
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before  # and back when the command ended
    assert (tmp_path / "out" / "annual_production.csv").is_file()


def test_a_failing_command_unfreezes_too(shared_corpora, tmp_path):
    from typer.testing import CliRunner

    from litkit.cli import app

    path = _corpus_file(shared_corpora, tmp_path)
    before = gc.get_threshold()
    result = CliRunner().invoke(app, ["timeline", str(path), "-o", str(tmp_path / "out"), "--from", "2030"])
    assert result.exit_code == 2
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before


def test_outside_a_command_nothing_is_frozen(shared_corpora, tmp_path):
    path = _corpus_file(shared_corpora, tmp_path)
    corpus = commands.load_corpus(path)
    assert gc.get_freeze_count() == 0
    assert corpus == Corpus.read_parquet(path)
    assert gc.isenabled()


def test_objects_frozen_by_the_program_stay_frozen(shared_corpora, tmp_path):
    """A program that froze objects itself: the command neither freezes more nor releases them."""
    from typer.testing import CliRunner

    from litkit.cli import app

    path = _corpus_file(shared_corpora, tmp_path)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        result = CliRunner().invoke(app, ["timeline", str(path), "-o", str(tmp_path / "out"), "--formats", "png"])
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() > frozen // 2  # not unfrozen (some frozen objects may have died)
    finally:
        gc.unfreeze()
