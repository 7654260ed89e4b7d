"""Issue 22 at the command line: with every command's defaults a keyword is the same item on the map
(`litkit cooccur`), in the burst table (`litkit bursts --kind keyword`), the timeline and time-zone views
and the trend topics (`litkit timeline --keywords --trends`).

`litkit bursts` and `litkit timeline` used no thesaurus unless given one while `litkit cooccur` used
litkit's default: on the WoS environment exports "LCA" (11 records) was a row of the time-zone view and
the trend topics beside "life-cycle assessment" (29), which the map had merged into one node (36).
"""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

import litkit
from litkit.cli import app


@pytest.fixture(scope="module")
def env_parquet(shared_corpora, tmp_path_factory):
    corpus = litkit.read(str(shared_corpora / "wos-plaintext-environment"))
    return corpus.to_parquet(tmp_path_factory.mktemp("env") / "env.parquet")


def _cli(*args) -> None:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output


def _items(folder) -> dict[str, dict[str, str]]:
    """Key -> label of the keyword tables `litkit bursts` (into ``folder / "b"``) and `litkit timeline` wrote."""
    tables = {
        "bursts": ("b/bursts_keyword.csv", "key", "keyword"),
        "timeline": ("keyword_timeline.csv", "keyword", "label"),
        "time zone": ("time_zone_keywords.csv", "keyword", "label"),
        "trend topics": ("trend_topics.csv", "term", "label"),
    }
    out = {}
    for name, (file, key, label) in tables.items():
        table = pd.read_csv(folder / file, keep_default_na=False)
        out[name] = dict(zip(table[key], table[label]))
    return out


def test_defaults_give_one_item_per_keyword_everywhere(env_parquet, tmp_path):
    _cli("cooccur", env_parquet, "--formats", "png", "-o", tmp_path / "map")
    common = ("--formats", "png", "-o", tmp_path / "views")
    _cli("bursts", env_parquet, "--kind", "keyword", "--top", 200, "--formats", "png", "-o", tmp_path / "views" / "b")
    _cli("timeline", env_parquet, "--keywords", "--trends", "--min-frequency", 5, "--per-year", 50, *common)
    nodes = pd.read_csv(tmp_path / "map" / "keywords.csv", keep_default_na=False)
    on_map = dict(zip(nodes["term"], nodes["keyword"]))
    assert on_map["lifecycle assessment"] == "life-cycle assessment" and "lca" not in on_map

    items = _items(tmp_path / "views")
    assert items["time zone"]["lifecycle assessment"] == "life-cycle assessment"
    for name, table in items.items():
        assert "lca" not in table, name  # merged into life-cycle assessment by the default thesaurus, as on the map
        shared = sorted(set(table) & set(on_map))
        assert shared, name
        assert {k: table[k] for k in shared} == {k: on_map[k] for k in shared}, name  # same key, same label

    # the test can fail: without a thesaurus the time-zone view and the trend topics list LCA apart
    _cli(
        "timeline",
        env_parquet,
        "--keywords",
        "--trends",
        "--min-frequency",
        5,
        "--per-year",
        50,
        "--thesaurus",
        "none",
        "--formats",
        "png",
        "-o",
        tmp_path / "plain",
    )
    plain = pd.read_csv(tmp_path / "plain" / "trend_topics.csv", keep_default_na=False)
    assert "lca" in set(plain["term"])


@pytest.mark.parametrize("command", [["bursts", "--kind", "keyword"], ["timeline", "--keywords"], ["cooccur"]])
def test_a_missing_thesaurus_file_is_a_one_line_error(env_parquet, tmp_path, command):
    """Every keyword command reads --thesaurus the same way (litkit.commands.thesaurus_option)."""
    name, *options = command
    args = [name, str(env_parquet), *options, "--thesaurus", "nope.txt", "-o", str(tmp_path / "b")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "thesaurus file not found" in result.output and "nope.txt" in result.output
    assert not (tmp_path / "b").exists()  # refused before anything is written
