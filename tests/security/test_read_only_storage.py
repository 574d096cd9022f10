"""Read commands work on a database on read-only storage: it is read as it is, nothing is written."""

import shutil

from typer.testing import CliRunner

from quotes import store
from quotes.cli import app


def test_read_commands_work_on_read_only_storage(tmp_path, stored_file, monkeypatch):
    path = tmp_path / "archive" / "quotes.db"
    path.parent.mkdir()
    shutil.copyfile(stored_file, path)
    before = path.read_bytes()
    real_access = store.database.os.access
    # a read-only mount refuses writes even to root (who passes chmod checks): say so for this folder
    monkeypatch.setattr(store.database.os, "access", lambda p, mode: False if str(path.parent) in str(p) and
                        mode == store.database.os.W_OK else real_access(p, mode))
    runner = CliRunner()
    for args in (["lookup", "collection is safe"], ["speaker", "Quist"], ["clusters"], ["speakers", "list"]):
        result = runner.invoke(app, [*args, "--db", str(path)])
        assert result.exit_code in (0, 1) and "internal error" not in result.output, (args, result.output)
    assert "Helena Quist" in runner.invoke(app, ["lookup", "collection is safe", "--db", str(path)]).output
    assert path.read_bytes() == before
    assert not (path.parent / "quotes.db-wal").exists()


def test_the_database_is_opened_read_only(tmp_path, stored_file, monkeypatch):
    path = tmp_path / "quotes.db"
    shutil.copyfile(stored_file, path)
    monkeypatch.setattr(store.database.os, "access", lambda p, mode: mode != store.database.os.W_OK)
    db = store.open_db(path, create=False)
    assert db.read_only and db.execute("select count(*) from quotes").fetchone()[0] > 0
