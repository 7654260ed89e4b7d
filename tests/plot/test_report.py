"""``litkit report``: one offline HTML page, escaped, rendering in a real headless Chromium."""

from __future__ import annotations

import json
import re

import pytest
from helpers.chromium import render
from typer.testing import CliRunner

from litkit.cli import app
from litkit.errors import OutputExistsError
from litkit.html_report import build_report, write_report

HOSTILE = ["<script>alert(1)</script>", "\"quoted\" & 'single'", "עברית right-to-left", "emoji 🌲🌍", "生态产品"]


@pytest.fixture()
def run_folder(tmp_path):
    import matplotlib.pyplot as plt

    from litkit.plot.style import save_figure, use_style

    use_style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["碳汇", "生态补偿"], [3, 5], color=["#0072B2", "#E69F00"])
    save_figure(fig, tmp_path / "bars", formats=("png",))
    plt.close(fig)
    rows = "\n".join(f'"{h.replace(chr(34), chr(34) * 2)}",{i}' for i, h in enumerate(HOSTILE))
    (tmp_path / "keywords.csv").write_text("keyword,occurrences\n" + rows + "\n", encoding="utf-8")
    (tmp_path / "params.json").write_text(json.dumps({"label": "<b>x</b>"}), encoding="utf-8")
    return tmp_path


def test_report_embeds_everything_and_escapes_data(run_folder):
    page = build_report(run_folder, title="<i>demo</i>")
    assert "data:image/png;base64," in page
    assert not re.search(r"""(src|href)\s*=\s*['"]?https?://""", page)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "&lt;i&gt;demo&lt;/i&gt;" in page
    assert "生态产品" in page and "🌲" in page


def test_report_is_deterministic_and_not_clobbering(run_folder, tmp_path):
    out = tmp_path / "r.html"
    write_report(run_folder, out)
    first = out.read_bytes()
    with pytest.raises(OutputExistsError):
        write_report(run_folder, out)
    write_report(run_folder, out, overwrite=True)
    assert out.read_bytes() == first


def test_report_cli(run_folder):
    result = CliRunner().invoke(app, ["report", str(run_folder)])
    assert result.exit_code == 0, result.output
    assert (run_folder / "report.html").exists()
    again = CliRunner().invoke(app, ["report", str(run_folder)])
    assert again.exit_code == 2 and "exists" in again.output


@pytest.mark.browser
def test_report_renders_offline_in_chromium(run_folder):
    path = write_report(run_folder, run_folder / "report.html")
    shown = render(path)
    assert shown.external_requests == []
    assert shown.console_errors == []
    assert "<script>alert(1)</script>" in shown.text  # shown as text, not run
    assert shown.distinct_colours() > 20  # the figure and table are drawn, not a blank page
