"""A busy, full or read-only database and an absurd --limit are one-line errors, never "internal error"."""

import sqlite3

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store import clusters


@pytest.mark.parametrize("sqlite_says, told", [
    ("database is locked", "the database is busy"),
    ("database or disk is full", "the disk is full"),
    ("attempt to write a readonly database", "the database is read-only"),
])
def test_the_machines_state_is_told_in_one_line(stored_file, monkeypatch, sqlite_says, told):
    def trouble(*args, **kwargs):
        raise sqlite3.OperationalError(sqlite_says)

    monkeypatch.setattr(clusters, "lookup", trouble)
    result = CliRunner().invoke(app, ["lookup", "harbour", "--db", str(stored_file)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {told}") and result.output.count("\n") == 1


def test_another_sqlite_error_is_still_an_internal_error(stored_file, monkeypatch):
    monkeypatch.setattr(clusters, "lookup", lambda *a, **k: (_ for _ in ()).throw(sqlite3.OperationalError("x")))
    result = CliRunner().invoke(app, ["lookup", "harbour", "--db", str(stored_file)])
    assert result.exit_code == 1 and "internal error" in result.output and result.output.count("\n") == 1


@pytest.mark.parametrize("command", [["lookup", "harbour"], ["check", "harbour wall"], ["clusters"]])
def test_a_limit_beyond_any_use_is_a_usage_error(stored_file, command):
    result = CliRunner().invoke(app, [*command, "--limit", "99999999999999999999", "--db", str(stored_file)])
    assert result.exit_code == 2 and "internal error" not in result.output
    assert result.output.startswith("Error:") and result.output.count("\n") == 1


def test_a_locked_database_is_busy_not_broken(tmp_path):
    from quotes import store
    from quotes.errors import StoreError

    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.execute("create table articles (id)")
    conn.commit()
    conn.execute("begin exclusive")  # a rollback journal: an exclusive writer locks out readers
    try:
        with pytest.raises(StoreError, match="busy"):
            store.open_db(path, create=False)
    finally:
        conn.rollback()
        conn.close()
