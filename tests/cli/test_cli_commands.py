"""Every ``litkit`` command: ``-o/--output``, one-line errors with exit status 2, readable help.

Each command is run on a missing input and with a bad option value (one the library refuses, and one
click refuses before the command runs); each must answer with exactly one line ``error: ...`` and
exit status 2, without a traceback.  The table of cases must cover every registered command, so a
new command without error tests fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from helpers.paths import ROOT
from typer.testing import CliRunner

import litkit
from litkit.cli import app


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    records = [
        {"UT": f"X:{i}", "DB": "WoS", "PY": 2010 + i % 5, "TI": f"t{i}", "DE": ["a", "b", "c"][: 1 + i % 3]}
        for i in range(30)
    ]
    return litkit.Corpus.from_records(records).to_parquet(tmp_path_factory.mktemp("cli") / "c.parquet")


def _commands() -> list[str]:
    return sorted(typer.main.get_command(app).commands)


def _cases(corpus: Path, tmp: Path) -> dict[str, list[tuple[list, str]]]:
    """command -> [(arguments, text the error line must contain)]: a missing input, bad values."""
    missing = str(tmp / "missing.parquet")
    out = str(tmp / "out")
    c = str(corpus)
    wos = str(ROOT / "corpora" / "demo" / "wos")
    return {
        "ingest": [
            ([str(tmp / "nowhere.txt"), "-o", out + ".parquet"], "nowhere.txt"),
            ([wos, "-o", out + ".parquet", "--format", "nonsense"], "nonsense"),
            ([wos, "-o", out, "--files-per-partition", "many"], "Invalid value for '--files-per-partition'"),
        ],
        "cooccur": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--normalization", "pearson"], "normalization"),
            ([c, "-o", out, "--top-n", "all"], "Invalid value for '--top-n'"),
        ],
        "bursts": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--kind", "journals"], "unknown kind"),
            ([c, "-o", out, "--formats", "png,gif"], "unknown figure format"),
        ],
        "timeline": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--periods", "2010"], "period"),
            ([c, "-o", out, "--from", "twenty"], "Invalid value for '--from'"),
        ],
        "policy": [
            ([str(tmp / "missing.txt"), "-o", out], "path not found"),
            (
                [
                    "--metadata",
                    str(ROOT / "corpora" / "policy" / "central_documents.csv"),
                    "-o",
                    out,
                    "--formats",
                    "jpg",
                ],
                "unknown figure format",
            ),
            (["-o", out], "nothing to read"),
        ],  # fmt: skip
        "report": [
            ([str(tmp / "no-folder"), "-o", out + ".html"], "not a folder"),
            ([str(tmp), "--bogus"], "No such option: --bogus"),
        ],
        "demo": [
            (["--corpora", str(tmp / "no-corpora"), "-o", out], "cannot find the demo corpus"),
            (["-o", out, "--formats", "gif"], "unknown figure format"),
        ],
        "summary": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--top", "ten"], "Invalid value for '--top'"),
        ],
        "cocite": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--formats", "bmp"], "unknown figure format"),
            ([c, "-o", out, "--min-citations", "two"], "Invalid value for '--min-citations'"),
        ],
        "couple": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--formats", "bmp"], "unknown figure format"),
            ([c, "-o", out, "--top-n", "x"], "Invalid value for '--top-n'"),
        ],
        "citations": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--formats", "bmp"], "unknown figure format"),
            ([c, "-o", out, "--top", "x"], "Invalid value for '--top'"),
        ],
        "collab": [
            ([missing, "-o", out], "corpus file not found"),
            ([c, "-o", out, "--unit", "planet"], "unit"),
            ([c, "-o", out, "--max-authors", "x"], "Invalid value for '--max-authors'"),
        ],
        "init": [
            ([str(tmp / "no-folder"), "-o", out + ".toml"], "folder of exports not found"),
            ([wos, "-o", out + ".toml", "--from", "x"], "Invalid value for '--from'"),
        ],
        "run": [
            ([str(tmp / "missing.toml"), "-o", out], "review file not found"),
            ([str(_bad_review(tmp, wos)), "-o", out], "[[analysis]] #1 (bursts): unknown parameter 'gama'"),
        ],
        "add": [
            ([str(tmp / "missing.toml"), wos], "review file not found"),
            ([str(_bad_review(tmp, wos)), wos], "unknown parameter 'gama' of analysis 'bursts'"),
        ],
        "diff": [
            ([str(tmp / "a"), str(tmp / "b"), "-o", out], "no manifest.json"),
            ([str(tmp), str(tmp), "--top", "x"], "Invalid value for '--top'"),
        ],
    }


def _bad_review(tmp: Path, exports: str) -> Path:
    """A review file whose one analysis has a misspelt parameter."""
    path = tmp / "bad_review.toml"
    path.write_text(f'[corpus]\nexports = ["{exports}"]\n[[analysis]]\nanalysis = "bursts"\ngama = 1\n')
    return path


def test_every_command_has_error_cases(corpus_file, tmp_path):
    assert set(_cases(corpus_file, tmp_path)) >= set(_commands()), "add the new command's error cases here"


def test_every_command_takes_output(corpus_file):
    for name, cmd in typer.main.get_command(app).commands.items():
        options = {opt for param in cmd.params for opt in getattr(param, "opts", [])}
        assert {"-o", "--output"} <= options, name
        assert "--format" not in options or name == "ingest", f"{name}: figure formats are --formats"
        assert "--out" not in options or name == "demo", name


COMMANDS = ["ingest", "cooccur", "bursts", "timeline", "policy", "report", "demo", "summary"]
COMMANDS += ["cocite", "couple", "citations", "collab", "init", "run", "add", "diff"]


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_is_one_line_and_exit_2(command, corpus_file, tmp_path):
    if command not in _commands():
        pytest.skip(f"litkit {command} is not registered")
    for args, expected in _cases(corpus_file, tmp_path)[command]:
        result = CliRunner().invoke(app, [command, *args])
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert result.exit_code == 2, (args, result.output, result.exception)
        assert lines and lines[-1].startswith("error: "), (args, result.output)
        assert [line for line in lines if not line.startswith("note:")] == [lines[-1]], (args, result.output)
        assert expected in lines[-1], (args, lines[-1])
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()  # nothing written


def test_missing_required_output_is_one_line(corpus_file):
    result = CliRunner().invoke(app, ["bursts", str(corpus_file)])
    assert result.exit_code == 2
    assert re.fullmatch(r"error: Missing option '-o' / '--output' \(see `\S+ bursts --help`\)\n", result.output)


def test_litkit_debug_shows_the_traceback(corpus_file, tmp_path):
    result = CliRunner().invoke(
        app, ["bursts", str(corpus_file), "-o", str(tmp_path), "--kind", "journals"], env={"LITKIT_DEBUG": "1"}
    )
    assert result.exit_code != 0 and isinstance(result.exception, litkit.LitkitError)


def test_demo_out_is_a_deprecated_alias(tmp_path):
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "d"), "--corpora", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "note: --out is deprecated; use -o/--output" in result.output
    assert "cannot find the demo corpus" in result.output


def test_bursts_writes_to_output_and_refuses_to_overwrite(corpus_file, tmp_path):
    out = tmp_path / "o"
    args = ["bursts", str(corpus_file), "--kind", "keyword", "-o", str(out), "--formats", "png"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {"bursts_keyword.csv", "params.json"} <= set(before)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 2 and again.output.startswith("error: ") and "--force" in again.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert CliRunner().invoke(app, args + ["--force"]).exit_code == 0


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_fits_100_columns(command):
    args = ["--help"] if command is None else [command, "--help"]
    result = CliRunner().invoke(
        app, args, env={"COLUMNS": "100", "TERM": "dumb"}, terminal_width=100, prog_name="litkit"
    )
    assert result.exit_code == 0, result.output
    widths = [len(line.rstrip()) for line in result.output.splitlines()]
    assert max(widths) <= 100, max(widths)
    assert "Usage: litkit" in result.output
    if command is None:
        for name in _commands():
            assert re.search(rf"\b{name}\b", result.output), name
