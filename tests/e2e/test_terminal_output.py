"""What the CLI prints for a person never drives the terminal: control characters that an article,
title or id carries are shown as escapes; machine output (JSON) stays exact."""

import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app

OSC_TITLE = "\x1b]0;owned\x07"  # sets the terminal window's title
OSC_CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"  # writes the clipboard
CLEAR = "\x1b[2J"  # clears the screen
BIDI = "\u202e"  # reverses what follows

ARTICLE = {
    "id": f"ferry{CLEAR}",
    "title": f"Ferry fares{OSC_TITLE}{BIDI}",
    "text": (f"“We will not raise the ferry fares this year{OSC_CLIPBOARD},” said Tove Renning, "
             "the operator's chief, on Monday in Skellby."),
}
RAW = ("\x1b", "\x07", BIDI)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("escapes")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    db = folder / "q.db"
    result = CliRunner().invoke(app, ["extract", str(feed), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result.output


def _shown(output: str) -> None:
    assert not [c for c in RAW if c in output]
    assert "\\x1b" in output


def test_the_extract_table_shows_escapes(stored):
    _shown(stored[1])


@pytest.mark.parametrize("args", [
    ["lookup", "ferry fares"],
    ["check", "We will not raise the ferry fares this year", "--speaker", "Renning"],
    ["speaker", "Renning"],
])
def test_read_commands_show_escapes(stored, args):
    result = CliRunner().invoke(app, [*args, "--db", str(stored[0])])
    assert result.exit_code == 0, result.output
    _shown(result.output)


def test_an_error_message_shows_escapes(stored):
    result = CliRunner().invoke(app, ["lookup", f"nothing like this{CLEAR}", "--db", str(stored[0])])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\\x1b[2J" in result.output


def test_json_lines_output_stays_exact(stored, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(feed), "--format", "jsonl", "--no-store"])
    (line,) = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert line["id"] == ARTICLE["id"]
    assert any(OSC_CLIPBOARD in q["quote"] for q in line["quotes"])
