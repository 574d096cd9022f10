"""Counts and facet counts of whole tables, kept between requests (a million quotes: seconds to count).

Takes a quotes database served by Datasette; gives its ``execute`` a cache for the two kinds of query
that read every row of an unfiltered table page (:data:`COUNTED`): the row count and each column facet.
A result is kept under the database's page generation (``quote_changes``, bumped by triggers on every
change to quotes, articles, speakers and reviews: :mod:`quotes.store.schema`), so it is served until
something changes. A count that misses its time limit is made in the background, one at a time, on a
connection of its own (Datasette's threads stay free for pages), and from then on is only ever made
there: meanwhile the page shows the count of the last generation counted (a count that lags the latest
change by the seconds a recount takes), or none ("timed out") when there is none yet. Filtered pages
are counted as Datasette counts them.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import re
import sqlite3
import threading
import time

from datasette.database import QueryInterrupted, Results

from quotes.web import config
from quotes.web.serve import SETTINGS

LOG = logging.getLogger("quotes.web")
PAGES = ("quotes", "quote_list")  # the pages whose whole-table counts are kept
# with the facets kept: each page's default facets (metadata.json) at the default size; any other column or
# size a visitor asks for is counted as Datasette counts it, never queued in the background
_TABLES = config.database_metadata()["tables"]
COUNTED = {page: tuple(f for f in _TABLES[page].get("facets", []) if isinstance(f, str)) for page in PAGES}
FACET_LIMIT = SETTINGS["default_facet_size"] + 1  # what Datasette's facet SQL asks for
GENERATION_SQL = "select generation from quote_changes where id = 2"
BACKGROUND_LIMIT_S = 120  # a count made in the background gives up after this long

_TABLE = "|".join(re.escape(name) for name in COUNTED)
_COUNT = re.compile(rf"\s*select count\(\*\) from \[?(?:{_TABLE})\]?\s*", re.I)
_FACET = re.compile(rf"\s*select (\w+) as value, count\(\*\) as count from \(\s*select [\w\s,\[\]]*? "
                    rf"from \[?({_TABLE})\]?\s*\)\s*where \1 is not null\s*group by \1 "
                    rf"order by count desc, value limit {FACET_LIMIT}\s*",
                    re.I | re.S)


def counted(sql: str, params) -> bool:
    """Whether ``sql`` counts every row of a page in :data:`COUNTED` (cached), not a filtered part."""
    if params:
        return False
    facet = _FACET.fullmatch(sql)
    return bool(_COUNT.fullmatch(sql) or (facet and facet[1] in COUNTED[facet[2]]))


class CountCache:
    """The kept counts of one database: ``execute`` as Datasette's, with :func:`counted` queries cached."""

    def __init__(self, execute, connect):
        self.live = execute  # Datasette's execute (time limits, its threads)
        self.connect = connect  # a new read-only connection, for the background counts
        self.results: dict[str, tuple[int | None, Results]] = {}  # sql -> (generation, result); a few at most
        self.pending: set[str] = set()  # queued or running in the background
        self.slow: set[str] = set()  # missed Datasette's time limit once
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.worker: threading.Thread | None = None  # a daemon: a server that stops never waits for a count

    async def execute(self, sql, params=None, *args, **kwargs):
        if not counted(sql, params):
            return await self.live(sql, params, *args, **kwargs)
        generation = await self.generation()
        kept = self.results.get(sql)
        if generation is None or (kept and kept[0] == generation):
            return kept[1] if kept else await self.live(sql, params, *args, **kwargs)
        if kept and sql in self.slow:  # it missed its time limit before: recounted in the background only
            self.count_later(sql)
        elif sql not in self.pending:
            try:
                result = await self.live(sql, params, *args, **kwargs)
            except QueryInterrupted:
                self.slow.add(sql)
                self.count_later(sql)
            else:
                self.keep(sql, generation, result)
                return result
        if kept:  # the last count, while the new one is made
            return kept[1]
        raise QueryInterrupted(sqlite3.OperationalError("interrupted"), sql, params)

    async def generation(self) -> int | None:
        try:
            rows = (await self.live(GENERATION_SQL)).rows
        except sqlite3.OperationalError:  # an older database: nothing is kept
            return None
        return rows[0][0] if rows else None

    def keep(self, sql: str, generation: int | None, result: Results) -> None:
        self.results[sql] = (generation, result)

    def count_later(self, sql: str) -> None:
        if sql in self.pending:
            return
        self.pending.add(sql)
        if self.worker is None or not self.worker.is_alive():
            self.worker = threading.Thread(target=self.work, name="quotes-counts", daemon=True)
            self.worker.start()
        self.queue.put((sql, asyncio.get_running_loop()))

    def work(self) -> None:
        conn = None
        while True:
            sql, loop = self.queue.get()
            try:
                conn = conn or self.connect()
                outcome = self.count(conn, sql)
            except Exception as exc:  # noqa: BLE001 - logged; the page goes on without the count
                outcome, conn = exc, None  # a new connection for the next count
            try:
                loop.call_soon_threadsafe(self.counted, sql, outcome)
            except RuntimeError:  # that request's event loop is gone (one loop per call in scripts and tests)
                self.counted(sql, outcome)

    def counted(self, sql: str, outcome) -> None:
        self.pending.discard(sql)
        if isinstance(outcome, Exception):
            LOG.warning("a background count failed: %s: %s", type(outcome).__name__, outcome)
        else:
            self.keep(sql, *outcome)

    @staticmethod
    def count(conn: sqlite3.Connection, sql: str) -> tuple[int | None, Results]:
        """``sql`` and the generation it counted, read in one transaction (so the two agree)."""
        deadline = time.monotonic() + BACKGROUND_LIMIT_S
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        conn.execute("begin")
        try:
            row = conn.execute(GENERATION_SQL).fetchone()
            generation = row[0] if row else None
            cursor = conn.execute(sql)
            return generation, Results(cursor.fetchall(), False, cursor.description)
        finally:
            conn.execute("rollback")
            conn.set_progress_handler(None, 0)


def keep_counts(datasette, name: str) -> None:
    """Give the database ``name`` of ``datasette`` a :class:`CountCache` (once)."""
    database = datasette.get_database(name)
    if getattr(database, "_quotes_counts", None) is not None:
        return

    def connect() -> sqlite3.Connection:
        conn = database.connect()
        datasette._prepare_connection(conn, name)
        conn.row_factory = sqlite3.Row
        return conn

    cache = CountCache(database.execute, connect)
    database.execute = cache.execute
    database._quotes_counts = cache
