"""The SQLite store: schema, idempotent saving, stable ids and the query helpers."""

from __future__ import annotations

import sqlite3

import pytest

from quotes import store
from quotes.model import Speaker, quote_id


def _ids(db, table):
    return sorted(row[0] for row in db.execute(f"select id from {table}"))


def _counts(db):
    return {t: db[t].count for t in ("articles", "speakers", "quotes")}


# -- schema -------------------------------------------------------------------------------
def test_open_db_creates_parent_folder_and_tables(db_path):
    db = store.open_db(db_path)
    assert db_path.exists()
    assert {"articles", "speakers", "quotes"} <= set(db.table_names())


def test_schema_declares_foreign_keys(db_path):
    db = store.open_db(db_path)
    fks = {(fk.column, fk.other_table, fk.other_column) for fk in db["quotes"].foreign_keys}
    assert fks == {("article_id", "articles", "id"), ("speaker_id", "speakers", "id")}


def test_foreign_keys_are_enforced(db_path):
    db = store.open_db(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        db["quotes"].insert({"id": "x", "article_id": "no-such-article", "text": "t", "start": 0, "end": 1,
                             "type": "direct", "confidence": 0.5, "method": "syntax"})


def test_schema_has_quote_indexes(db_path):
    db = store.open_db(db_path)
    indexed = {tuple(index.columns) for index in db["quotes"].indexes}
    assert {("article_id",), ("speaker_id",), ("type",)} <= indexed


def test_schema_has_fts_on_quotes_and_speakers(db_path):
    db = store.open_db(db_path)
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert db["speakers"].detect_fts() == "speakers_fts"


def test_database_uses_wal(db_path):
    assert store.open_db(db_path).journal_mode == "wal"


def test_reopening_keeps_rows(stored, db_path):
    before = _counts(stored)
    stored.close()
    assert _counts(store.open_db(db_path)) == before


# -- saving -------------------------------------------------------------------------------
def test_saved_quote_text_is_article_text_at_offsets(stored):
    rows = stored.execute(
        'select a.text, q.text, q.start, q."end" from quotes q join articles a on a.id = q.article_id')
    for article_text, text, start, end in rows:
        assert article_text[start:end] == text


def test_reingesting_an_article_keeps_row_counts(stored, articles, quotes_of):
    before = _counts(stored)
    for article in articles:
        store.save_extraction(stored, article, quotes_of(article))
    assert _counts(stored) == before


def test_reingesting_an_article_keeps_quote_ids(stored, articles, quotes_of):
    before = _ids(stored, "quotes")
    store.save_extraction(stored, articles[0], quotes_of(articles[0]))
    assert _ids(stored, "quotes") == before


def test_quote_id_is_derived_from_article_offsets_and_text(stored, articles, quotes_of):
    article = articles[0]
    expected = {quote_id(article.id, q.start, q.end, q.text) for q in quotes_of(article)}
    got = {row[0] for row in stored.execute("select id from quotes where article_id = ?", [article.id])}
    assert got == expected


def test_reingesting_with_fewer_quotes_drops_the_old_ones(stored, articles, quotes_of):
    article = articles[0]
    store.save_extraction(stored, article, quotes_of(article)[:2])
    assert stored.execute("select count(*) from quotes where article_id = ?", [article.id]).fetchone()[0] == 2


def test_speaker_no_longer_quoted_is_removed(stored, articles, quotes_of):
    article = articles[0]
    store.save_extraction(stored, article, [q for q in quotes_of(article) if q.speaker_name != "Anton Brisk"])
    assert "Anton Brisk" not in {row[0] for row in stored.execute("select name from speakers")}


def test_speaker_id_is_stable_across_case_and_spacing():
    assert store.speaker_id("Helena Quist", "person") == store.speaker_id(" helena  QUIST ", "person")


def test_speaker_id_depends_on_kind():
    assert store.speaker_id("Merrow", "person") != store.speaker_id("Merrow", "organisation")


def test_unresolved_speaker_gets_no_speaker_row(stored):
    row = stored.execute(
        "select speaker_id, speaker_mention from quotes where speaker_mention = 'the museum'").fetchone()
    assert row == (None, "the museum")


def test_speaker_key_is_none_for_unresolved_speaker():
    assert store.speaker_key(Speaker("he", kind="unnamed", resolved=False)) is None


def test_same_speaker_in_two_articles_is_one_row(db_path, articles, quotes_of):
    db = store.open_db(db_path)
    first, second = articles
    store.save_extraction(db, first, quotes_of(first))
    renamed = quotes_of(second)
    renamed[0].speaker = Speaker("Helena Quist")
    store.save_extraction(db, second, renamed)
    assert db.execute("select count(*) from speakers where name = 'Helena Quist'").fetchone()[0] == 1


def test_quote_not_matching_article_text_is_refused(db_path, articles, quotes_of):
    db = store.open_db(db_path)
    article = articles[0]
    quotes = quotes_of(article)
    quotes[0].text = "rewritten"
    with pytest.raises(ValueError):
        store.save_extraction(db, article, quotes)
    assert db["articles"].count == 0


# -- opening bad databases ----------------------------------------------------------------
def test_open_missing_database_without_create_fails(tmp_path):
    with pytest.raises(store.StoreError, match="no such database"):
        store.open_db(tmp_path / "none.db", create=False)


def test_open_missing_database_without_create_makes_no_file(tmp_path):
    with pytest.raises(store.StoreError):
        store.open_db(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_open_corrupt_database_fails(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(store.StoreError, match="not a usable SQLite database"):
        store.open_db(path)


def test_open_corrupt_database_leaves_it_alone(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(store.StoreError):
        store.open_db(path)
    assert path.read_bytes() == b"this is not sqlite at all" * 100


def test_open_empty_database_for_reading_fails(db_path):
    store.open_db(db_path).close()
    with pytest.raises(store.StoreError, match="empty"):
        store.open_db(db_path, create=False)


def test_open_other_sqlite_database_for_reading_fails(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("create table t (x)").connection.close()
    with pytest.raises(store.StoreError, match="not a quotes database"):
        store.open_db(path, create=False)


def test_open_folder_as_database_fails(tmp_path):
    with pytest.raises(store.StoreError, match="folder"):
        store.open_db(tmp_path)


# -- lookup -------------------------------------------------------------------------------
def test_lookup_finds_phrase_with_full_text_search(stored):
    (hit,) = store.lookup(stored, "strongly condemn")
    assert (hit["speaker"], hit["match"]) == ("Helena Quist", "fts")


def test_lookup_result_carries_article_date_and_offsets(stored):
    hit = store.lookup(stored, "strongly condemn")[0]
    assert (hit["article_id"], hit["title"], hit["published"]) == (
        "museum", "Merrow museum to close east wing for two years", "2025-06-02")
    assert stored["articles"].get("museum")["text"][hit["start"]:hit["end"]] == hit["quote"]


def test_lookup_matches_all_words_when_not_a_phrase(stored):
    hits = store.lookup(stored, "cables repair")
    assert [h["speaker"] for h in hits][:1] == ["Lars Quist"]


def test_lookup_falls_back_to_fuzzy_match(stored):
    hits = store.lookup(stored, "strongly condem the delay")
    assert hits[0]["speaker"] == "Helena Quist" and hits[0]["match"] == "fuzzy"


def test_lookup_fuzzy_score_is_reported(stored):
    hit = store.lookup(stored, "strongly condem the delay")[0]
    assert 80 <= hit["score"] < 100


def test_lookup_of_fts_syntax_is_harmless(stored):
    assert store.lookup(stored, 'NEAR("roof" OR') == []


def test_lookup_without_match_is_empty(stored):
    assert store.lookup(stored, "zebra crossing referendum") == []


def test_lookup_respects_limit(stored):
    assert len(store.lookup(stored, "the", limit=1)) == 1


# -- speakers -----------------------------------------------------------------------------
def test_quotes_by_speaker_is_case_insensitive(stored):
    rows = store.quotes_by_speaker(stored, "hELENA quist")
    assert {r["speaker"] for r in rows} == {"Helena Quist"}


def test_quotes_by_speaker_returns_all_their_quotes(stored):
    assert len(store.quotes_by_speaker(stored, "Helena Quist")) == 3


def test_quotes_by_speaker_matches_surname(stored):
    assert {r["speaker"] for r in store.quotes_by_speaker(stored, "Quist")} == {"Helena Quist", "Lars Quist"}


def test_quotes_by_speaker_matches_part_of_name(stored):
    assert {r["speaker"] for r in store.quotes_by_speaker(stored, "delacr")} == {"Mira Delacroix"}


def test_quotes_by_speaker_matches_other_first_name_by_surname(stored):
    assert {r["speaker"] for r in store.quotes_by_speaker(stored, "Mirabel Delacroix")} == {"Mira Delacroix"}


def test_quotes_by_unknown_speaker_is_empty(stored):
    assert store.quotes_by_speaker(stored, "Nobody Known") == []
