"""The schema, defined here only: tables, indexes, views, triggers, FTS, and the migrations that make
or upgrade a database (sqlite-utils ``Migrations``), plus :func:`now`; :mod:`quotes.store.database` opens one.

Every migration is idempotent, so a database made before migrations were recorded is upgraded by
running them all: what exists stays, what is missing is added.
"""

from __future__ import annotations

from datetime import datetime, timezone

import sqlite_utils
from sqlite_utils.migrations import Migrations

from quotes.store.review_schema import (  # noqa: F401  (re-exported: the schema is read from here)
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    QUOTE_FROM,
    REVIEW_SCHEMA,
    REVIEW_VERDICTS,
    REVIEW_VIEWS,
)

DEFAULT_DB = "db/quotes.db"

ARTICLES = {
    "id": str, "title": str, "url": str, "publisher": str, "wire": str, "published": str,
    "text": str, "content_hash": str, "source": str, "ingested_at": str,
    "extractor": str,  # the extractor version that made the article's quotes (see quotes.extractor)
}
SPEAKERS = {"id": str, "name": str, "kind": str, "title": str}
QUOTES = {
    "id": str, "article_id": str, "text": str, "start": int, "end": int, "type": str, "sentence": str,
    "cue": str, "cue_start": int, "cue_end": int, "speaker_mention": str, "speaker_start": int,
    "speaker_end": int, "speaker_id": str, "via": str, "confidence": float, "method": str,
    "attribution_id": str,
}
# one row per attribution (source + cue + content, PARC): the quotes sharing an attribution_id are its fragments
ATTRIBUTIONS = {
    "id": str, "article_id": str, "type": str, "content": str, "content_start": int, "content_end": int,
    "cue": str, "cue_start": int, "cue_end": int, "source": str, "source_start": int, "source_end": int,
    "speaker_id": str, "via": str, "fragments": int, "confidence": float,
}
NOT_NULL = {
    "articles": {"text", "content_hash", "ingested_at"},
    "speakers": {"name", "kind"},
    "quotes": {"article_id", "text", "start", "end", "type", "confidence", "method"},
    "attributions": {"article_id", "type", "content", "content_start", "content_end", "fragments", "confidence"},
}
FOREIGN_KEYS = [("article_id", "articles", "id"), ("speaker_id", "speakers", "id")]
QUOTE_INDEXES = (["article_id"], ["speaker_id"], ["type"])
ATTRIBUTION_INDEXES = (["article_id", "content_start"], ["speaker_id"])
FTS = {"quotes": ["text", "sentence"], "attributions": ["content"], "speakers": ["name"],
       "articles": ["title", "publisher"]}
# speakers across articles (store/speakers.py) and the same quote in several articles (store/clusters.py).
# speaker_aliases.organisation is never filled any more (no extractor sets one); the column stays.
SPEAKER_ALIASES = {"speaker_id": str, "alias": str, "article_id": str, "form": str, "title": str,
                   "organisation": str, "key": str, "surname": str}  # key: the alias in lower case
SPEAKER_DECISIONS = {"name_key": str, "kind": str, "article_id": str, "speaker_id": str, "action": str,
                     "decided_at": str}
QUOTE_CLUSTERS = {"id": str, "text": str, "quotes": int, "articles": int, "outlets": int, "first_quote_id": str,
                  "first_article_id": str, "first_published": str, "last_published": str}
# position: the member's place in its cluster's order of appearance (0 first), indexed for the first few
QUOTE_CLUSTER_MEMBERS = {"quote_id": str, "cluster_id": str, "article_id": str, "similarity": float, "position": int}
QUOTE_CLUSTERS_STATE = {"id": int, "fingerprint": str, "refreshed_at": str}  # one row: what was clustered
LINKED_TABLES = {  # name: (columns, primary key, foreign keys, indexes)
    "speaker_aliases": (SPEAKER_ALIASES, ("speaker_id", "alias", "article_id"),
                        [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
                        (["key"], ["surname"])),
    "speaker_decisions": (SPEAKER_DECISIONS, ("name_key", "kind", "article_id"), [], ()),
    "quote_clusters": (QUOTE_CLUSTERS, "id", [("first_article_id", "articles", "id")], ()),
    "quote_cluster_members": (QUOTE_CLUSTER_MEMBERS, "quote_id",
                              [("cluster_id", "quote_clusters", "id"), ("article_id", "articles", "id")],
                              (["cluster_id"], ["cluster_id", "position"])),
    "quote_clusters_state": (QUOTE_CLUSTERS_STATE, "id", [], ()),
}
CORE_TABLES = {"articles", "speakers", "quotes"}


def now() -> str:
    """The current UTC time as every stored timestamp has it: ``2026-01-02T03:04:05Z`` (the form of
    Datasette's ``:_now_datetime_utc``, which the review canned query writes)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- making and upgrading ----------------------------------------------------------------
def ensure(db: sqlite_utils.Database) -> None:
    """Make every missing table, index, trigger, view and FTS index (idempotent: run on every open that
    may create); a view with another definition than :data:`REVIEW_VIEWS` is re-created."""
    with db.atomic():
        if not db["articles"].exists():
            db["articles"].create(ARTICLES, pk="id", not_null=NOT_NULL["articles"])
        if not db["speakers"].exists():
            db["speakers"].create(SPEAKERS, pk="id", not_null=NOT_NULL["speakers"])
        if not db["quotes"].exists():
            db["quotes"].create(QUOTES, pk="id", not_null=NOT_NULL["quotes"], foreign_keys=FOREIGN_KEYS)
        for columns in QUOTE_INDEXES:
            db["quotes"].create_index(columns, if_not_exists=True)
        if not db["attributions"].exists():
            db["attributions"].create(ATTRIBUTIONS, pk="id", not_null=NOT_NULL["attributions"],
                                      foreign_keys=FOREIGN_KEYS)
        for columns in ATTRIBUTION_INDEXES:
            db["attributions"].create_index(columns, if_not_exists=True)
        for table, (columns, pk, foreign_keys, indexes) in LINKED_TABLES.items():
            if not db[table].exists():
                db[table].create(columns, pk=pk, foreign_keys=foreign_keys)
            for index in indexes:
                if set(index) <= set(db[table].columns_dict):  # else made by the migration adding the column
                    db[table].create_index(index, if_not_exists=True)
        for statement in REVIEW_SCHEMA:
            db.execute(statement)
        review_views(db)
    for table, columns in FTS.items():  # enable_fts runs a script, which commits: outside the transaction
        if not db[table].detect_fts():
            db[table].enable_fts(columns, create_triggers=True)


def review_views(db: sqlite_utils.Database) -> None:
    """Make each of :data:`REVIEW_VIEWS` that is missing or has another definition."""
    for name, select in REVIEW_VIEWS.items():
        old = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [name]).fetchone()
        if old is None or not old[0].endswith(select):
            db.execute(f"drop view if exists {name}")
            db.execute(f"create view {name} as {select}")


# Changes to tables that existed before: each runs once per database (recorded in _sqlite_migrations),
# after :func:`ensure`. Each is idempotent, so a database made before migrations were recorded gets them
# all. A new change to an existing table is a new migration at the end.
MIGRATIONS = Migrations("quotes")
# the time columns the library writes (reviews.reviewed_at comes from Datasette, already in the Z form)
TIMESTAMPS = (("articles", "ingested_at"), ("speaker_decisions", "decided_at"),
              ("quote_clusters_state", "refreshed_at"))


@MIGRATIONS(name="added_columns")
def _added_columns(db: sqlite_utils.Database) -> None:
    """Columns added since a table was first made: articles.extractor, speaker_aliases.key and .surname..."""
    for table, columns in [("articles", ARTICLES)] + [(t, spec[0]) for t, spec in LINKED_TABLES.items()]:
        for name, type_ in columns.items():
            if name not in db[table].columns_dict:
                db[table].add_column(name, type_)
        for index in LINKED_TABLES.get(table, ({}, "", [], ()))[3]:
            db[table].create_index(index, if_not_exists=True)  # indexes on the added columns


@MIGRATIONS(name="alias_keys")
def fill_alias_keys(db: sqlite_utils.Database) -> None:
    """Alias rows stored without ``key`` and ``surname`` (before they existed) get their values."""
    if db.execute("select 1 from speaker_aliases where key is null limit 1").fetchone() is None:
        return
    rows = db.execute("select a.rowid, a.alias, a.form, s.kind from speaker_aliases a "
                      "join speakers s on s.id = a.speaker_id where a.key is null").fetchall()
    for rowid, alias, form, kind in rows:
        key = " ".join(alias.split()).casefold()
        surname = key.split()[-1] if form == "name" and kind == "person" and key else None
        db.execute("update speaker_aliases set key = ?, surname = ? where rowid = ?", [key, surname, rowid])


@MIGRATIONS(name="utc_z")
def one_timestamp_form(db: sqlite_utils.Database) -> None:
    """Timestamps written as ``…+00:00`` before :func:`now` gave every one the ``…Z`` form."""
    for table, column in TIMESTAMPS:
        if db[table].exists() and column in db[table].columns_dict:
            db.execute(f"update [{table}] set [{column}] = substr([{column}], 1, length([{column}]) - 6) || 'Z' "
                       f"where [{column}] like '%+00:00'")


@MIGRATIONS(name="review_cue")
def review_cue(db: sqlite_utils.Database) -> None:
    """Reviews record the cue they were made of (older ones keep it empty: held to their speaker only)."""
    if db["reviews"].exists() and "cue" not in db["reviews"].columns_dict:
        db["reviews"].add_column("cue", str)


@MIGRATIONS(name="verdicts_view")
def verdicts_view(db: sqlite_utils.Database) -> None:
    """The ``verdicts`` view (reviews without the reviewer) for databases opened without ``create``."""
    review_views(db)


@MIGRATIONS(name="quote_list_view_and_article_search")
def quote_list_view_and_article_search(db: sqlite_utils.Database) -> None:
    """The ``quote_list`` view and article search for older databases (:func:`ensure` makes the index)."""
    review_views(db)


# a million quotes (benchmarks/scale.py): a change counter (clusters' freshness in O(1)), the FTS vocabulary
# (fuzzy candidates take the rarest words) and indexes for the pages Datasette sorts and facets
CHANGE_TRIGGERS = {
    "quotes_changed_insert": "after insert on quotes", "quotes_changed_delete": "after delete on quotes",
    "quotes_changed_update": "after update of text, type, article_id on quotes",
    "articles_changed_update": "after update of published, publisher, ingested_at on articles",
}
SCALE_INDEXES = (("quotes", ["confidence"]), ("quotes", ["article_id", "start"]), ("articles", ["published"]),
                 ("articles", ["publisher"]), ("quote_clusters", ["articles"]),
                 ("speaker_aliases", ["speaker_id", "form", "alias"]))


@MIGRATIONS(name="change_counter_and_fts_vocabulary")
def change_counter(db: sqlite_utils.Database) -> None:
    """``quote_changes`` (a generation bumped by every change to quotes) and ``quotes_fts_vocab``."""
    db.execute("create table if not exists quote_changes (id integer primary key, generation integer not null)")
    db.execute("insert or ignore into quote_changes (id, generation) values (1, 0)")
    for name, when in CHANGE_TRIGGERS.items():
        db.execute(f"create trigger if not exists {name} {when} begin "
                   "update quote_changes set generation = generation + 1 where id = 1; end")
    db.execute("create virtual table if not exists quotes_fts_vocab using fts5vocab(quotes_fts, 'row')")


@MIGRATIONS(name="indexes_for_pages_at_scale")
def scale_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the default quotes view, its facets and sorts, the review queue and article pages."""
    for table, columns in SCALE_INDEXES:
        db[table].create_index(columns, if_not_exists=True)


@MIGRATIONS(name="attributions")
def attributions(db: sqlite_utils.Database) -> None:
    """``quotes.attribution_id`` (the ``attributions`` table is made by :func:`ensure`): quotes stored before
    it get theirs when their article is extracted again (a new extractor version does that)."""
    if "attribution_id" not in db["quotes"].columns_dict:
        db["quotes"].add_column("attribution_id", str)
    db["quotes"].create_index(["attribution_id"], if_not_exists=True)


# an ingest into a big archive replaces each article's name forms and cluster memberships by article id
INGEST_INDEXES = (("speaker_aliases", ["article_id"]), ("quote_cluster_members", ["article_id"]))


@MIGRATIONS(name="indexes_for_ingest_at_scale")
def ingest_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for what a write looks up by article in a big archive (aliases, cluster members)."""
    for table, columns in INGEST_INDEXES:
        db[table].create_index(columns, if_not_exists=True)


@MIGRATIONS(name="reviews_keep_a_grown_cue")
def reviews_keep_a_grown_cue(db: sqlite_utils.Database) -> None:
    """The review views of older databases: a verdict stands when the cue grew around the reviewed one."""
    review_views(db)


@MIGRATIONS(name="review_queue_order_index")
def review_queue_order_index(db: sqlite_utils.Database) -> None:
    """The review queue's order as an index, so its first page reads a page of quotes, not all of them; the
    queue view gains ``speaker_id`` to order by."""
    db.execute("create index if not exists quotes_review_order on quotes "
               "((speaker_id is null), confidence, article_id, start)")
    review_views(db)


@MIGRATIONS(name="newest_first_index")
def newest_first_index(db: sqlite_utils.Database) -> None:
    """Articles in the newest-first order of exports and lookups (:data:`quotes.store.read.NEWEST_FIRST`), so
    an export walks them with each one's quotes by position instead of sorting every quote."""
    db.execute("create index if not exists articles_newest_first on articles ((published is null), published desc, id)")


@MIGRATIONS(name="indexes_for_surnames")
def surname_indexes(db: sqlite_utils.Database) -> None:
    """Covering indexes for a write's look at the stored people of a surname and their titles: a famous
    surname has a name form in every article (a write into a million quotes read 40,000 rows for one)."""
    for columns in (["surname", "speaker_id"], ["speaker_id", "title"]):
        db["speaker_aliases"].create_index(columns, if_not_exists=True)


@MIGRATIONS(name="cluster_member_positions")
def cluster_member_positions(db: sqlite_utils.Database) -> None:
    """Each cluster member's place in its cluster's order of appearance, so a cluster's first appearances are
    read from an index instead of sorting all of its members (a famous quote has thousands)."""
    table = db["quote_cluster_members"]
    if "position" not in table.columns_dict:
        table.add_column("position", int)
    table.create_index(["cluster_id", "position"], if_not_exists=True)
    db.execute("with ranked as (select m.quote_id, row_number() over (partition by m.cluster_id order by "
               "a.published is null, coalesce(a.published, ''), coalesce(a.ingested_at, ''), m.article_id, q.start) "
               "- 1 as n from quote_cluster_members m join quotes q on q.id = m.quote_id join articles a on a.id = "
               "m.article_id) update quote_cluster_members set position = ranked.n from ranked "
               "where ranked.quote_id = quote_cluster_members.quote_id")


# what the Datasette pages count (quotes.web.counts keeps whole-table counts until one of these changes)
PAGE_TABLES = ("quotes", "articles", "speakers", "reviews")


@MIGRATIONS(name="pages_generation")
def pages_generation(db: sqlite_utils.Database) -> None:
    """A second generation in ``quote_changes`` (id 2), bumped by every insert, update and delete in
    :data:`PAGE_TABLES`: the pages' kept counts are as fresh as it."""
    db.execute("insert or ignore into quote_changes (id, generation) values (2, 0)")
    for table in PAGE_TABLES:
        for event in ("insert", "update", "delete"):
            db.execute(f"create trigger if not exists {table}_pages_{event} after {event} on {table} begin "
                       "update quote_changes set generation = generation + 1 where id = 2; end")


def upgrade(db: sqlite_utils.Database) -> None:
    """Make what is missing (:func:`ensure`), then apply the pending :data:`MIGRATIONS`."""
    ensure(db)
    MIGRATIONS.apply(db)
