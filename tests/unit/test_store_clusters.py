"""store.clusters: a library write keeps the stored clusters fresh; no CLI call is needed."""

from __future__ import annotations

import pytest

from quotes import store
from quotes.model import Article
from quotes.store import clusters

SAID = "The new ferry will sail every hour from May"


def _article(article_id, published, publisher):
    return Article(id=article_id, published=published, publisher=publisher,
                   text=f"Ferry timetable\n\n“{SAID},” said port director Ilse Marwick.\n")


@pytest.fixture
def db(db_path):
    database = store.open_db(db_path)
    yield database
    database.close()


def _save_all(db, quote_at, *articles):
    store.save_extractions(db, [(a, [quote_at(a, SAID, "direct", "Ilse Marwick")]) for a in articles])


def test_saving_a_batch_stores_its_clusters(db, quote_at):
    _save_all(db, quote_at, _article("gazette", "2025-04-01", "Gazette"), _article("wire", "2025-04-02", "Wire"))
    (cluster,) = clusters.clusters(db)
    assert (cluster.quotes, cluster.articles, cluster.outlets, cluster.first_article_id) == (2, 2, 2, "gazette")


def test_saving_one_article_updates_the_clusters(db, quote_at):
    _save_all(db, quote_at, _article("gazette", "2025-04-01", "Gazette"))
    assert clusters.clusters(db) == []
    reprint = _article("wire", "2025-04-02", "Wire")
    store.save_extraction(db, reprint, [quote_at(reprint, SAID, "direct", "Ilse Marwick")])
    assert [c.articles for c in clusters.clusters(db)] == [2]


def test_re_extracting_without_the_quote_removes_the_cluster(db, quote_at):
    _save_all(db, quote_at, _article("gazette", "2025-04-01", "Gazette"), _article("wire", "2025-04-02", "Wire"))
    store.save_extraction(db, Article(id="wire", text="Ferry timetable\n\nNo comment.\n"), [])
    assert clusters.clusters(db) == [] and db["quote_cluster_members"].count == 0


def test_new_metadata_updates_the_first_appearance(db, quote_at):
    _save_all(db, quote_at, _article("gazette", "2025-04-01", "Gazette"), _article("wire", "2025-04-02", "Wire"))
    store.refresh_metadata(db, [_article("wire", "2025-03-30", "Wire")])
    assert clusters.clusters(db)[0].first_article_id == "wire"


def test_repeated_lists_each_cluster_with_its_appearances(db, quote_at):
    _save_all(db, quote_at, _article("gazette", "2025-04-01", "Gazette"), _article("wire", "2025-04-02", "Wire"))
    ((cluster, appearances),) = clusters.repeated(db)
    assert [(r["article_id"], r["similarity"]) for r in appearances] == [("gazette", 1.0), ("wire", 1.0)]


def test_appearances_follow_a_changed_publication_date(db, quote_at):
    _save_all(db, quote_at, _article("gazette", "2025-04-01", "Gazette"), _article("wire", "2025-04-02", "Wire"))
    store.refresh_metadata(db, [_article("wire", "2025-03-30", "Wire")])
    ((_cluster, appearances),) = clusters.repeated(db)
    assert [r["article_id"] for r in appearances] == ["wire", "gazette"]


def test_an_archive_from_before_member_positions_gets_them_in_order_of_appearance(db_path, quote_at):
    db = store.open_db(db_path)
    _save_all(db, quote_at, _article("wire", "2025-04-02", "Wire"), _article("gazette", "2025-04-01", "Gazette"),
              _article("undated", None, "Post"))
    db.execute("update quote_cluster_members set position = null")
    db.execute("delete from _sqlite_migrations where name = 'cluster_member_positions'")
    db.conn.commit()
    db.close()
    db = store.open_db(db_path, create=False)
    ((_cluster, appearances),) = clusters.repeated(db)
    assert [r["article_id"] for r in appearances] == ["gazette", "wire", "undated"]
    db.close()


def test_an_archive_on_read_only_storage_from_before_positions_lists_its_appearances(db_path, quote_at, monkeypatch):
    db = store.open_db(db_path)
    _save_all(db, quote_at, _article("wire", "2025-04-02", "Wire"), _article("gazette", "2025-04-01", "Gazette"))
    db.execute("drop index if exists idx_quote_cluster_members_cluster_id_position")
    db.execute("alter table quote_cluster_members drop column position")
    db.conn.commit()
    db.close()
    monkeypatch.setattr(store.database.os, "access", lambda p, mode: mode != store.database.os.W_OK)
    db = store.open_db(db_path, create=False)  # read-only: no migration runs
    ((_cluster, appearances),) = clusters.repeated(db)
    assert [r["article_id"] for r in appearances] == ["gazette", "wire"]
    db.close()
