"""``litkit run`` interrupted (Ctrl-C) says so in one line and how to finish, with exit status 130 (typer exited
130 without a word)."""

from __future__ import annotations

from typer.testing import CliRunner

import litkit.review
from litkit.cli import app


def test_interrupt_message(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(litkit.review, "run_review", interrupted)
    review = tmp_path / "review.toml"
    result = CliRunner().invoke(app, ["run", str(review), "-o", str(tmp_path / "results")])
    assert result.exit_code == 130
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"interrupted: {tmp_path / 'results'} keeps the analyses")
    assert "again finishes the rest" in lines[0]
