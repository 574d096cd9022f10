"""store.speakers: identity decisions are made by reading only; store.write applies them."""

from __future__ import annotations

import pytest

from quotes import store
from quotes.model import Article
from quotes.store import speakers as identity

FIRST = Article(id="fees-1", published="2025-05-01",
                text="Harbour fees\n\nHarbour master Oskar Lind said the fees would rise in June.\n")
SECOND = Article(id="fees-2", published="2025-05-08",
                 text="Fees delayed\n\nLind, the harbour master, said the rise would wait until July.\n")


@pytest.fixture
def lind_db(db_path, quote_at):
    db = store.open_db(db_path)
    store.save_extraction(db, FIRST, [quote_at(FIRST, "the fees would rise in June", "indirect", "Oskar Lind",
                                               "Harbour master Oskar Lind", title="harbour master")])
    yield db
    db.close()


def _table_counts(db):
    return {t: db[t].count for t in ("articles", "speakers", "quotes", "speaker_aliases", "speaker_decisions")}


def test_resolving_writes_no_row(lind_db, quote_at):
    before, changes = _table_counts(lind_db), lind_db.conn.total_changes
    identity.resolve(lind_db, SECOND.id, [quote_at(SECOND, "the rise would wait until July", "indirect", "Lind",
                                                   "Lind", title="harbour master")])
    assert _table_counts(lind_db) == before and lind_db.conn.total_changes == changes


def test_a_surname_with_the_same_title_resolves_to_the_stored_person(lind_db, quote_at):
    quote = quote_at(SECOND, "the rise would wait until July", "indirect", "Lind", "Lind", title="harbour master")
    resolution = identity.resolve(lind_db, SECOND.id, [quote])
    assert resolution.ids == [identity.speaker_id("Oskar Lind", "person")]


def test_a_fuller_name_is_decided_as_a_rename_not_written(lind_db, quote_at):
    text = "Fees\n\nHarbour master Oskar Lind said the fees would rise in June.\n"
    short = Article(id="fees-0", text=text.replace("Oskar Lind", "Lind"))
    lind_db.execute("delete from speaker_aliases")
    lind_db.execute("delete from quotes")
    lind_db.execute("delete from speakers")
    store.save_extraction(lind_db, short, [quote_at(short, "the fees would rise in June", "indirect", "Lind",
                                                    title="harbour master")])
    full = quote_at(FIRST, "the fees would rise in June", "indirect", "Oskar Lind", title="harbour master")
    resolution = identity.resolve(lind_db, FIRST.id, [full])
    lind_id = identity.speaker_id("Lind", "person")
    assert resolution.renames == {lind_id: "Oskar Lind"}
    assert lind_db.execute("select name from speakers where id = ?", [lind_id]).fetchone()[0] == "Lind"


def test_a_pronoun_mention_is_no_alias(quote_at):
    text = "Fees\n\nOskar Lind spoke. He said the fees would rise.\n"
    article = Article(id="fees-3", text=text)
    quote = quote_at(article, "the fees would rise", "indirect", "Oskar Lind", "He")
    rows = identity.alias_rows(article.id, [quote], ["lind"])
    assert [(r["alias"], r["form"]) for r in rows] == [("Oskar Lind", "name")]


@pytest.fixture
def harbour_db(db_path, quote_at):
    text = ("Harbour\n\nSome fishermen called the fees a scandal. Ana Smith-Varga said the fees would rise. "
            "Oskar Lind said they would not. Greta Weiß said so too.\n")
    article = Article(id="harbour", text=text)
    db = store.open_db(db_path)
    store.save_extraction(db, article, [
        quote_at(article, "a scandal", "partial", "fishermen (unnamed)", "Some fishermen", kind="group"),
        quote_at(article, "the fees would rise", "indirect", "Ana Smith-Varga"),
        quote_at(article, "they would not", "indirect", "Oskar Lind"),
        quote_at(article, "so too", "indirect", "Greta Weiß")])
    yield db
    db.close()


@pytest.mark.parametrize("query, names", [
    ("she", []),  # a word inside "fishermen" is no name
    ("ermen", []),  # nor the middle of a word
    ("fisher", ["fishermen (unnamed)"]),  # the start of a word, four letters or more
    ("var", []),  # too short to be the start of a name
    ("fishermen", ["fishermen (unnamed)"]),
    ("lind", ["Oskar Lind"]),
    ("OSKAR LIND", ["Oskar Lind"]),
    ("smith", ["Ana Smith-Varga"]),  # one part of a double surname
    ("Varga", ["Ana Smith-Varga"]),
    ("Mr. Oskar Lind", ["Oskar Lind"]),  # the name inside a longer form
    ("Berit Lind", ["Oskar Lind"]),  # no such name: a person with the surname
    ("Weiß", ["Greta Weiß"]),
    ("weiss", ["Greta Weiß"]),  # the same letters folded ("ß" is "ss")
    ("Mr. Oskar Lind and Greta Weiss", ["Greta Weiß", "Oskar Lind"]),  # names inside a longer text
])
def test_speakers_match_names_as_whole_words(harbour_db, query, names):
    assert [s["name"] for s in identity.matching_speakers(harbour_db, query)] == names
