"""SQL injection and query syntax through command-line arguments (issue 5, item 5).

Every text argument that reaches a query (a phrase, a name, an article id, a filter) is taken
literally: SQL, FTS5 operators and LIKE wildcards in it match nothing that does not contain those
words, change no row and no table, and give at most a one-line error.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from quotes.cli import app

PAYLOADS = [
    "'; drop table quotes; --",
    '" OR 1=1 --',
    "x' OR '1'='1",
    "1) OR (1=1",
    "quist'); delete from speakers; --",
    "%",
    "_",
    "%Quist%",
    "Q_ist",
    "*",
    '"',
    # FTS5 syntax: each of these, as an FTS5 query, matches a stored quote
    "NEAR(condemn roof)",
    "delays NOT bridge",
    "condemn AND roof",
    "roof OR cables",
    "roo*",
    "sentence: roof",
    "{text sentence}: roof",
]
FTS_SYNTAX = PAYLOADS[-7:]
# Commands with one text argument; {} is where the payload goes.
COMMANDS = {
    "lookup": ["lookup", "{}"],
    "speaker": ["speaker", "{}"],
    "check": ["check", "{}"],
    "check --speaker": ["check", "We strongly condemn the delays", "--speaker", "{}"],
    "export --speaker": ["export", "--csv", "-", "--speaker", "{}"],
    "export --article": ["export", "--csv", "-", "--article", "{}"],
    "export --outlet": ["export", "--csv", "-", "--outlet", "{}"],
    "export --verdict": ["export", "--csv", "-", "--verdict", "{}"],
    "export --type": ["export", "--csv", "-", "--type", "{}"],
    "export --since": ["export", "--csv", "-", "--since", "{}"],
    "speakers list": ["speakers", "list", "{}"],
    "speakers merge (keep)": ["speakers", "merge", "{}", "Helena Quist"],
    "speakers merge (other)": ["speakers", "merge", "Helena Quist", "{}"],
    "speakers split --article": ["speakers", "split", "Helena Quist", "--article", "{}"],
}


def _schema_and_rows(db_path) -> tuple[list, dict]:
    conn = sqlite3.connect(db_path)
    try:
        schema = sorted(conn.execute("select type, name, sql from sqlite_master").fetchall(), key=repr)
        rows = {name: sorted(conn.execute(f'select * from "{name}"').fetchall(), key=repr)
                for (_type, name, _sql) in schema if _type == "table" and "_fts" not in name}
        return schema, rows
    finally:
        conn.close()


@pytest.fixture(scope="module")
def db(stored_file, tmp_path_factory):
    """The fixture articles stored, with what reads compute on first use already computed. Shared
    by the tests of this module: each one checks that its own command changed nothing."""
    path = tmp_path_factory.mktemp("injection") / "quotes.db"
    shutil.copyfile(stored_file, path)
    for args in (["lookup", "roof"], ["speaker", "Quist"], ["clusters"], ["speakers", "list"]):
        result = CliRunner().invoke(app, [*args, "--db", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return path


@pytest.fixture(params=list(COMMANDS))
def command(request):
    return COMMANDS[request.param]


def _run(runner, db, command, payload):
    args = [payload if part == "{}" else part for part in command]
    return runner.invoke(app, [*args, "--db", str(db)])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_harmless(runner, db, command, payload):
    """No table or row changes; an answer or a one-line error."""
    before = _schema_and_rows(db)
    result = _run(runner, db, command, payload)
    assert _schema_and_rows(db) == before
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    answered = "NOT FOUND" in result.stdout  # check's answer: exit 1 without an error line
    assert len(errors) == (1 if result.exit_code and not answered else 0), result.stderr


# Payloads without a word of any stored quote or name: a match would be a false one.
NO_WORDS = [p for p in PAYLOADS if p not in ("%Quist%", "Q_ist", *FTS_SYNTAX)]


@pytest.mark.parametrize("payload", NO_WORDS)
@pytest.mark.parametrize("args", [["lookup", "{}"], ["speaker", "{}"], ["export", "--csv", "-", "--speaker", "{}"],
                                  ["export", "--csv", "-", "--article", "{}"],
                                  ["export", "--csv", "-", "--outlet", "{}"]])
def test_payload_matches_nothing(runner, db, args, payload):
    result = _run(runner, db, args, payload)
    assert result.exit_code == 1
    assert "no stored quote" in result.stderr


def test_check_finds_nothing_for_sql(runner, db):
    result = _run(runner, db, ["check", "{}"], "' OR 1=1 --")
    assert "NOT FOUND" in result.output


@pytest.mark.parametrize("payload", ["%", "_", "Q_ist", "%Quist%"])
def test_like_wildcards_are_not_wildcards_in_speaker_names(runner, db, payload):
    assert _run(runner, db, ["speaker", "{}"], payload).exit_code == 1
    assert _run(runner, db, ["speakers", "list", "{}"], payload).exit_code == 1


@pytest.mark.parametrize("payload", ["%", "_", "Ostby%", "%Tidings"])
def test_like_wildcards_are_not_wildcards_in_outlet_filters(runner, db, payload):
    result = _run(runner, db, ["export", "--csv", "-", "--outlet", "{}"], payload)
    assert result.exit_code == 1
    assert "no stored quotes match outlet" in result.stderr


def test_outlet_filter_still_matches_part_of_a_name(runner, db):
    result = _run(runner, db, ["export", "--csv", "-", "--outlet", "{}"], "Tidings")
    assert result.exit_code == 0
    assert "Lars Quist" in result.output and "Helena Quist" not in result.output


@pytest.mark.parametrize("payload", FTS_SYNTAX)
def test_fts_syntax_is_not_query_syntax_in_lookup(runner, db, payload):
    # Each of these, run as an FTS5 query, matches a stored quote; taken as words, none holds them.
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from quotes_fts where quotes_fts match ?", [payload]).fetchone()[0]
    conn.close()
    result = _run(runner, db, ["lookup", "{}"], payload)
    assert result.exit_code == 1, result.output
    assert "no stored quote matches" in result.stderr


def test_the_words_of_an_fts_payload_still_find_their_quote(runner, db):
    result = _run(runner, db, ["lookup", "{}"], '"strongly condemn"')
    assert result.exit_code == 0
    assert "We strongly condemn the delays" in result.output
