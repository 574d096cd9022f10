"""Opening a quotes database: made or upgraded on open (:mod:`quotes.store.schema`), read-only storage read
as it is, and writes that take the lock first."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from quotes.errors import StoreError
from quotes.store.schema import CORE_TABLES, DEFAULT_DB, LINKED_TABLES, MIGRATIONS, upgrade


class _Database(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost ``atomic()`` is BEGIN IMMEDIATE (the write lock first, so a
    read inside cannot make a later write fail on a stale WAL snapshot); nested blocks stay savepoints.
    ``read_only``: opened from read-only storage, so nothing derived (clusters) is brought up to date. It is
    opened without sqlite-utils plugins: quotes needs none, and finding them reads every installed package's
    metadata (30 ms at each command's start)."""

    read_only = False

    @contextlib.contextmanager
    def atomic(self):
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise


def open_db(path: str | Path = DEFAULT_DB, create: bool = True) -> sqlite_utils.Database:
    """Open (and with ``create``, make) the quotes database at ``path``.

    With ``create`` the parent folder and whatever is missing are made and pending migrations run
    (:func:`upgrade`). Without it, a missing file, a file without the quotes tables or one with no
    articles raises :class:`StoreError`; a quotes database from before is upgraded. A file that is not
    SQLite always raises it.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database; run 'quotes extract' or 'quotes demo' first")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():  # it will hold reviewers' notes: readable by its owner only
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        read_only = not create and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        if read_only:  # read-only storage (a mounted archive, a CD): read it as it is, lock nothing
            db = _Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True),
                           execute_plugins=False)
        else:
            db = _Database(path, execute_plugins=False)
        db.read_only = read_only
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path}: cannot open database ({exc})") from exc
    try:
        db.execute("PRAGMA foreign_keys=ON")
        tables = set(db.table_names())  # reads the schema: fails on a file that is not SQLite
        if not create and not CORE_TABLES <= tables:
            raise StoreError(f"{path}: not a quotes database (no quotes tables); run 'quotes extract' first")
        if not create and db.execute("select 1 from articles limit 1").fetchone() is None:  # no count(*) scan
            raise StoreError(f"{path}: the database is empty; run 'quotes extract' or 'quotes demo' first")
        if not db.read_only and (create or MIGRATIONS.pending(db) or not set(LINKED_TABLES) <= tables):
            upgrade(db)
        if create and db.journal_mode != "wal":
            db.enable_wal()
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):  # not a broken file: a writer holds it
            raise StoreError(f"{path}: the database is busy (another process is writing to it); try again") from exc
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc
    except StoreError:
        db.close()
        raise
    return db
