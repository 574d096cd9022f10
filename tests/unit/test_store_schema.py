"""store.schema: a database from before (an older layout) is upgraded on open by the migrations."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from quotes import store
from quotes.store import schema


def _old_database(path):
    """The layout of an early version: no articles.extractor, aliases without key and surname, no reviews,
    no attributions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(path)
    old["articles"].create({k: v for k, v in schema.ARTICLES.items() if k != "extractor"}, pk="id")
    old["speakers"].create(schema.SPEAKERS, pk="id")
    old["quotes"].create({k: v for k, v in schema.QUOTES.items() if k != "attribution_id"}, pk="id")
    old["speaker_aliases"].create({k: v for k, v in schema.SPEAKER_ALIASES.items() if k not in ("key", "surname")},
                                  pk=("speaker_id", "alias", "article_id"))
    old["articles"].insert({"id": "pier", "text": "Pier\n\nThe pier reopens.\n", "content_hash": "x",
                            "ingested_at": "2025-01-01T00:00:00+00:00"})
    old["speakers"].insert({"id": "s1", "name": "Hanne Brask", "kind": "person"})
    old["speaker_aliases"].insert({"speaker_id": "s1", "alias": "Hanne  Brask", "article_id": "pier", "form": "name"})
    old.close()


def test_an_old_database_gains_the_added_columns(db_path):
    _old_database(db_path)
    db = store.open_db(db_path, create=False)
    assert "extractor" in db["articles"].columns_dict and {"key", "surname"} <= set(db["speaker_aliases"].columns_dict)


def test_an_old_database_gains_the_attributions_and_the_quotes_link_to_them(db_path):
    _old_database(db_path)
    db = store.open_db(db_path, create=False)
    assert {"attributions", "attributions_fts"} <= set(db.table_names())
    assert "attribution_id" in db["quotes"].columns_dict


def test_an_old_database_gains_the_missing_tables_and_views(db_path):
    _old_database(db_path)
    db = store.open_db(db_path)
    assert {"reviews", "speaker_decisions", "quote_clusters", "quotes_fts"} <= set(db.table_names())
    assert {"latest_reviews", "review_queue"} <= set(db.view_names())


def test_a_database_from_before_the_verdicts_view_gains_it_when_served(stored_file, tmp_path):
    path = tmp_path / "quotes.db"
    path.write_bytes(stored_file.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute("drop view verdicts")
        conn.execute("delete from _sqlite_migrations where name = 'verdicts_view'")
    conn.close()
    db = store.open_db(path, create=False)  # as quotes serve opens it
    assert "verdicts" in db.view_names() and "reviewer" not in db["verdicts"].columns_dict


def test_old_alias_rows_get_their_keys(db_path):
    _old_database(db_path)
    db = store.open_db(db_path)
    assert db.execute("select key, surname from speaker_aliases").fetchall() == [("hanne brask", "brask")]


def test_migrations_are_recorded_and_run_once(db_path):
    _old_database(db_path)
    store.open_db(db_path).close()
    db = store.open_db(db_path)
    assert schema.MIGRATIONS.pending(db) == []
    assert [m.name for m in schema.MIGRATIONS.applied(db)] == [
        "added_columns", "alias_keys", "utc_z", "review_cue", "verdicts_view", "quote_list_view_and_article_search",
        "change_counter_and_fts_vocabulary", "indexes_for_pages_at_scale", "attributions",
        "indexes_for_ingest_at_scale", "reviews_keep_a_grown_cue",
        "review_queue_order_index", "newest_first_index", "indexes_for_surnames", "cluster_member_positions",
        "pages_generation"]


def test_old_rows_stay_with_their_timestamps_in_the_one_form(db_path):
    _old_database(db_path)
    db = store.open_db(db_path)
    assert db.execute("select id, ingested_at from articles").fetchall() == [("pier", "2025-01-01T00:00:00Z")]


def test_timestamps_have_one_form():
    assert len(schema.now()) == 20 and schema.now().endswith("Z") and schema.now()[10] == "T"

