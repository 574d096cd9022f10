"""Whole-table counts kept between requests: read once per change, slow ones made in the background."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3

import pytest
from datasette.database import QueryInterrupted, Results

from quotes import store
from quotes.factcheck.review import add_review
from quotes.store import speakers
from quotes.web import counts

COUNT = "select count(*) from quotes "
FACET = ("select type as value, count(*) as count from ( select id, type, speaker_id from quotes ) "
         "where type is not null group by type order by count desc, value limit 11")
LIST_FACET = FACET.replace("id, type, speaker_id from quotes", "speaker, type from quote_list")


@pytest.mark.parametrize(("sql", "params", "kept"), [
    (COUNT, None, True),
    ("select count(*) from quote_list ", [], True),
    (FACET, None, True),
    (LIST_FACET, {}, True),
    ("select count(*) from quotes where type = :p0", {"p0": "direct"}, False),
    (FACET.replace("from quotes )", "from quotes where type = :p0 )"), {"p0": "direct"}, False),
    ("select count(*) from speakers ", None, False),
    ("select count(*) from quotes where rowid in (select rowid from quotes_fts where quotes_fts match :search)",
     {"search": "bridge"}, False),
    ("select id, type from quotes limit 101", None, False),
    (FACET.replace("type", "text"), None, False),  # a column the page does not facet by default
    (FACET.replace("limit 11", "limit 1001"), None, False),  # another facet size
    (FACET.replace("from quotes )", "from quotes where type = 'direct' -- from quotes )"), None, False),
])
def test_only_whole_table_counts_of_the_quote_pages_are_kept(sql, params, kept):
    assert counts.counted(sql, params) is kept


class Live:
    """Datasette's execute on a database file, counting calls; ``slow`` queries miss their time limit."""

    def __init__(self, path):
        self.path = path
        self.conn = self.connect()
        self.calls: list[str] = []
        self.slow: set[str] = set()

    def connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        return conn

    async def __call__(self, sql, params=None, *args, **kwargs):
        self.calls.append(sql)
        if sql in self.slow:
            raise QueryInterrupted(sqlite3.OperationalError("interrupted"), sql, params)
        cursor = self.conn.execute(sql, params or [])
        return Results(cursor.fetchall(), False, cursor.description)


@pytest.fixture
def live(stored, db_path):
    stored.close()
    return Live(db_path)


def _run(live, *steps):
    """Run each step (a callable of the cache, maybe async) in one event loop; the steps' results."""
    async def run():
        cache = counts.CountCache(live, live.connect)
        out = []
        for step in steps:
            value = step(cache)
            out.append(await value if asyncio.iscoroutine(value) else value)
        return out

    return asyncio.run(run())


async def _settled(cache):
    for _ in range(500):
        if not cache.pending:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the background count did not finish")


def _count(cache):
    async def count():
        return (await cache.execute(COUNT)).rows[0][0]
    return count()


@pytest.fixture
def store_another(db_path, articles, quotes_of):
    """``store_another(cache)``: store a copy of the bridge story under a new id (two more quotes)."""
    def store_copy(cache):
        article = dataclasses.replace(articles[1], id="bridge-again")
        with store.open_db(db_path) as db:
            store.save_extraction(db, article, quotes_of(article))
    return store_copy


def test_a_whole_table_count_is_read_once_until_something_changes(live):
    first, second = _run(live, _count, _count)
    assert first == second
    assert live.calls.count(COUNT) == 1


def test_a_stored_article_makes_the_next_count_new(live, store_another):
    before, _, after = _run(live, _count, store_another, _count)
    assert after == before + 2
    assert live.calls.count(COUNT) == 2


def test_a_count_past_its_time_limit_is_made_in_the_background(live):
    live.slow.add(COUNT)

    async def timed_out(cache):
        with pytest.raises(QueryInterrupted):
            await cache.execute(COUNT)

    expected = live.conn.execute(COUNT).fetchone()[0]
    _, _, counted = _run(live, timed_out, _settled, _count)
    assert counted == expected
    assert live.calls.count(COUNT) == 1  # the page's own try only


def test_a_slow_count_shows_the_last_count_while_it_is_made_again(live, store_another):
    live.slow.add(COUNT)

    async def timed_out(cache):
        with pytest.raises(QueryInterrupted):
            await cache.execute(COUNT)

    _, _, first, _, during, _, after = _run(live, timed_out, _settled, _count, store_another,
                                            _count, _settled, _count)
    assert during == first
    assert after == first + 2
    assert live.calls.count(COUNT) == 1  # never again on the page's time


@pytest.mark.parametrize("older", ["drop table quote_changes", "delete from quote_changes where id = 2"])
def test_an_older_database_without_the_generation_is_counted_every_time(live, older):
    live.conn.execute(older)
    live.conn.commit()
    _run(live, _count, _count)
    assert live.calls.count(COUNT) == 2


def test_a_failing_background_count_leaves_the_page_without_it(live, caplog):
    live.slow.add(COUNT)

    def broken():
        raise sqlite3.OperationalError("disk I/O error")

    async def run():
        cache = counts.CountCache(live, broken)
        with pytest.raises(QueryInterrupted):
            await cache.execute(COUNT)
        await _settled(cache)
        with pytest.raises(QueryInterrupted):
            await cache.execute(COUNT)

    asyncio.run(run())
    assert "a background count failed: OperationalError: disk I/O error" in caplog.text


VERDICTS = ("select verdict as value, count(*) as count from ( select speaker, verdict from quote_list ) "
            "where verdict is not null group by verdict order by count desc, value limit 11")


def test_a_review_makes_the_kept_verdict_counts_new(live, db_path):
    def review(cache):
        with store.open_db(db_path) as db:
            quote_id = db.execute("select id from quotes order by id limit 1").fetchone()[0]
            add_review(db, quote_id, "correct", "Ines Varga")

    async def verdicts(cache):
        return {row["value"]: row["count"] for row in (await cache.execute(VERDICTS)).rows}

    before, _, after = _run(live, verdicts, review, verdicts)
    assert after == {"correct": 1, "unreviewed": before["unreviewed"] - 1}


def test_a_speaker_merge_makes_the_kept_speaker_counts_new(live, db_path):
    by_speaker_sql = FACET.replace("type", "speaker_id")

    def merge(cache):
        with store.open_db(db_path) as db:
            keep, other = [row[0] for row in db.execute(
                "select speaker_id from quotes where speaker_id is not null group by speaker_id limit 2")]
            speakers.merge(db, keep, other)
        return keep, other

    async def by_speaker(cache):
        return {row["value"]: row["count"] for row in (await cache.execute(by_speaker_sql)).rows}

    before, (keep, other), after = _run(live, by_speaker, merge, by_speaker)
    assert after[keep] == before[keep] + before[other]
    assert other not in after
