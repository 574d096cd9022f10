"""A crash in the middle of an ingest, and readers during one (issue 5, item 4).

``quotes extract`` runs in a child process whose SQLite connection is traced: right after the
quotes of an article are inserted, with that article's transaction still open and at least one
earlier article committed, the child kills itself with SIGKILL (or, for the reader tests, waits).
Every article must then be in the database exactly as one complete run stores it (its earlier
version, or the new one) or not at all: no article without its quotes, no orphan rows, FTS intact.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from quotes.cli import app
from quotes.web import serve

# The child: runs the CLI with a trace on the connection store.open_db returns. Once a COMMIT has
# stored quotes, the statement that follows the next INSERT INTO quotes is where it stops: "kill"
# sends itself SIGKILL, "pause" writes "paused" to the marker file and waits for "go" there.
CHILD = r"""
import os, re, signal, sys, time
from pathlib import Path
from quotes.run import batch as jobs
from quotes import store
from quotes.cli import app

mode, marker, args = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
if hasattr(jobs, "COMMIT_EVERY"):
    jobs.COMMIT_EVERY = 1  # a transaction per article, so that the stop falls between commits
INSERT_QUOTES = re.compile(r'\s*insert\s+(or\s+\w+\s+)?into\s+["\[`]?quotes["\]`]?\s', re.IGNORECASE)
state = {"commits": 0, "inserted": False, "armed": False, "done": False}

def on_statement(sql):
    if sql.lstrip().startswith("--") or state["done"]:
        return  # statements run by triggers
    if state["armed"]:
        state["done"] = True
        if mode == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        marker.write_text("paused")
        deadline = time.monotonic() + 60
        while marker.read_text() != "go" and time.monotonic() < deadline:
            time.sleep(0.05)
    elif sql.strip().upper().startswith("COMMIT"):
        state["commits"] += state["inserted"]  # only commits that stored quotes count
        state["inserted"] = False
    elif INSERT_QUOTES.match(sql):
        state["inserted"] = True
        state["armed"] = state["commits"] > 0

real_open_db = store.open_db
def open_db(*args, **kwargs):
    db = real_open_db(*args, **kwargs)
    db.conn.set_trace_callback(on_statement)
    return db
store.open_db = open_db
app(args)
"""

PLACES = ["Vellin", "Ostrava", "Marsk", "Kelbury", "Dunmere", "Tarrow"]
NAMES = ["Oskar Lind", "Hanne Brask", "Teodor Vime", "Rhea Dunmore", "Ilse Marrow", "Piet Vandemeer"]


def article(i: int, version: int) -> str:
    place, name = PLACES[i], NAMES[i]
    surname = name.split()[-1]
    fee = 10 + i + version
    return (
        f"Harbour fees to rise in {place}\n\n"
        f"{place.upper()}, June {i + 2} — Boat owners in {place} will pay {fee} percent more to moor in the "
        f"harbour from July, the harbour board said on Monday.\n\n"
        f"“We have no choice but to raise the fees by {fee} percent this spring,” harbour master {name} said.\n\n"
        f"“The breakwater will not repair itself,” {surname} added, “and the state will not pay for it.”\n\n"
        f"Fisherman Aldo Pensk called the rise “a tax on the only work left here” in version {version}.\n"
    )


def write_corpus(folder: Path, version: int, ids: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in ids:
        (folder / f"harbour-{i}.txt").write_text(article(i, version), encoding="utf-8")
    return folder


# Derived from all articles together and rebuilt when found stale (quotes/store/clusters.py): not an
# article's own rows. The rerun test compares them too.
DERIVED = {"quote_clusters", "quote_cluster_members", "quote_clusters_state"}


def footprints(db_path: Path, derived: bool = False) -> dict[str, tuple]:
    """Per article id: its articles row and its rows in every table with an article_id column
    (times left out; derived tables only with ``derived``), as one comparable value."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = [t for (t,) in conn.execute("select name from sqlite_master where type = 'table'")
                  if "_fts" not in t and (derived or t not in DERIVED)]
        columns = {t: [c[1] for c in conn.execute(f'pragma table_info("{t}")') if not c[1].endswith("_at")]
                   for t in tables}
        result: dict[str, list] = {}
        for (aid,) in conn.execute("select id from articles"):
            cols = ", ".join(f'"{c}"' for c in columns["articles"])
            parts = [("articles", conn.execute(f"select {cols} from articles where id = ?", [aid]).fetchall())]
            for table in sorted(t for t in tables if "article_id" in columns[t]):
                cols = ", ".join(f'"{c}"' for c in columns[table])
                rows = conn.execute(f'select {cols} from "{table}" where article_id = ?', [aid]).fetchall()
                parts.append((table, sorted(rows, key=repr)))
            result[aid] = tuple(parts)
        return result
    finally:
        conn.close()


def check_consistent(db_path: Path) -> None:
    """SQLite integrity, foreign keys, FTS index and speakers: no damage, no orphans."""
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        for fts in ("quotes_fts", "speakers_fts"):
            conn.execute(f"insert into {fts}({fts}) values ('integrity-check')")  # raises if out of sync
        unused = conn.execute(
            "select name from speakers where id not in (select speaker_id from quotes where speaker_id is not null)"
        ).fetchall()
        assert unused == []
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Version 1 of articles 0-2, version 2 of articles 0-5, and databases after complete runs:
    'before' (version 1 stored) and 'after' ('before' plus version 2). Version 2 lies in another folder,
    so its runs say --replace (an id stored from another input is otherwise refused)."""
    from typer.testing import CliRunner

    root = tmp_path_factory.mktemp("crash")
    v1 = write_corpus(root / "v1", 1, range(3))
    v2 = write_corpus(root / "v2", 2, range(6))
    before, after = root / "before.db", root / "after.db"
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(v1), "--db", str(before)]).exit_code == 0
    _copy_db(before, after)
    assert runner.invoke(app, ["extract", str(v2), "--db", str(after), "--replace"]).exit_code == 0
    return v2, before, after


def _copy_db(source: Path, target: Path) -> None:
    conn = sqlite3.connect(source)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    shutil.copyfile(source, target)


def _child(mode: str, marker: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, mode, str(marker), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def crashed(corpora, tmp_path_factory):
    """The database after an ingest of version 2 was killed inside an article's transaction."""
    v2, before, after = corpora
    root = tmp_path_factory.mktemp("killed")
    db = root / "crashed.db"
    _copy_db(before, db)
    child = _child("kill", root / "marker", "extract", str(v2), "--db", str(db), "--replace")
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, stderr.decode()
    return db


def test_killed_ingest_leaves_a_sound_database(crashed):
    check_consistent(crashed)


def test_killed_ingest_leaves_every_article_complete_or_absent(corpora, crashed):
    v2, before, after = corpora
    old, new, got = footprints(before), footprints(after), footprints(crashed)
    for aid, rows in got.items():
        assert rows in (old.get(aid), new[aid]), f"{aid} is stored in part"
    assert any(got.get(aid) == new[aid] and old.get(aid) != new[aid] for aid in new), "nothing was committed"
    assert any(got.get(aid) != new[aid] for aid in new), "the kill came after the last article"


def test_rerun_after_a_kill_completes_the_database(corpora, crashed, tmp_path, runner):
    v2, before, after = corpora
    db = tmp_path / "rerun.db"
    _copy_db(crashed, db)
    assert runner.invoke(app, ["extract", str(v2), "--db", str(db), "--replace"]).exit_code == 0
    assert footprints(db, derived=True) == footprints(after, derived=True)
    check_consistent(db)


@pytest.fixture(scope="module")
def paused(corpora, tmp_path_factory):
    """An ingest of version 2 stopped inside an open write transaction, after one commit; yields
    the database path and the footprints of a complete run, then lets the ingest finish."""
    v2, before, after = corpora
    root = tmp_path_factory.mktemp("paused")
    db = root / "busy.db"
    _copy_db(before, db)
    marker = root / "marker"
    marker.write_text("")
    child = _child("pause", marker, "extract", str(v2), "--db", str(db), "--replace")
    deadline = time.monotonic() + 120
    while marker.read_text() != "paused":
        assert child.poll() is None and time.monotonic() < deadline, child.stderr.read().decode()
        time.sleep(0.05)
    yield db, footprints(before), footprints(after)
    marker.write_text("go")
    child.communicate(timeout=120)
    assert child.returncode == 0
    assert footprints(db) == footprints(after)


def test_sqlite_reader_sees_committed_articles_during_an_ingest(paused):
    db, old, new = paused
    began = time.perf_counter()
    seen = footprints(db)  # would raise "database is locked" without WAL
    assert time.perf_counter() - began < 2
    for aid, rows in seen.items():
        assert rows in (old.get(aid), new[aid])
    assert any(seen.get(aid) != new[aid] for aid in new)  # the open transaction is not visible


def test_datasette_serves_pages_during_an_ingest(paused):
    db, old, new = paused
    datasette = serve.app(db, accounts={})

    async def browse():
        return [await datasette.client.get(path) for path in (
            f"/{db.stem}/articles.json?_shape=array", f"/{db.stem}/quotes.json?_shape=array&_size=max",
            f"/{db.stem}/quotes?_search=breakwater", f"/{db.stem}")]

    began = time.perf_counter()
    articles, quotes, search, home = asyncio.run(browse())
    assert time.perf_counter() - began < 5
    assert [r.status_code for r in (articles, quotes, search, home)] == [200, 200, 200, 200]
    listed = {row["id"] for row in articles.json()}
    assert listed == set(footprints(db))
    assert {row["article_id"] for row in quotes.json()} <= listed


def test_datasette_reads_while_a_writer_holds_an_exclusive_lock(stored, db_path):
    # In WAL mode readers never wait for a writer; with a rollback journal this read would fail
    # with "database is locked".
    expected = stored.execute("select count(*) from quotes").fetchone()[0]
    stored.close()
    writer = sqlite3.connect(db_path, timeout=0)
    try:
        writer.execute("begin exclusive")
        writer.execute("delete from quotes")
        datasette = serve.app(db_path, accounts={})
        response = asyncio.run(datasette.client.get(f"/{db_path.stem}/quotes.json?_shape=array&_size=max"))
        assert response.status_code == 200
        assert len(response.json()) == expected  # the uncommitted delete is not seen
    finally:
        writer.rollback()
        writer.close()


def test_store_connections_wait_for_a_busy_writer(db_path):
    from quotes import store

    db = store.open_db(db_path)
    try:
        assert db.execute("pragma busy_timeout").fetchone()[0] >= 1000  # milliseconds
    finally:
        db.close()


def test_a_second_ingest_waits_for_a_running_one(corpora, tmp_path, runner):
    v2, before, after = corpora
    db = tmp_path / "shared.db"
    _copy_db(before, db)
    marker = tmp_path / "marker"
    marker.write_text("")
    child = _child("pause", marker, "extract", str(v2), "--db", str(db), "--replace")
    deadline = time.monotonic() + 120
    while marker.read_text() != "paused":
        assert child.poll() is None and time.monotonic() < deadline, child.stderr.read().decode()
        time.sleep(0.05)
    other = tmp_path / "other"
    other.mkdir()
    (other / "kelp.txt").write_text(
        "Kelp farm approved\n\n“The bay can feed forty families again,” said Nadia Orre, who runs the farm.\n",
        encoding="utf-8")
    resume = threading.Timer(1.0, marker.write_text, ["go"])  # the first ingest goes on in a second
    resume.start()
    try:
        result = runner.invoke(app, ["extract", str(other), "--db", str(db)])
    finally:
        resume.join()
        child.communicate(timeout=120)
    assert result.exit_code == 0, result.output
    assert child.returncode == 0
    stored = footprints(db)
    assert {aid: stored[aid] for aid in footprints(after)} == footprints(after)
    assert "kelp" in stored
