"""A new database holds reviewers' notes: only its owner may read it."""

import stat

from quotes import store


def test_a_new_database_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "db" / "quotes.db"
    store.open_db(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_existing_database_keeps_its_mode(tmp_path):
    path = tmp_path / "quotes.db"
    store.open_db(path).close()
    path.chmod(0o640)
    store.open_db(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
