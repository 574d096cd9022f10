"""An id already stored from another input is not silently replaced by a later run."""

from quotes import store
from quotes.ingest import InputError
from quotes.model import Article
from quotes.run.batch import extract_batch

TEXT = "“We will reopen the pier in May,” said Mara Quell, the harbour master of Skellby, on Monday."
OTHER = "“The ferry fares will not rise this year,” said Tove Renning, the operator's chief, on Tuesday."


def _run(db, extractor, article, **options):
    return list(extract_batch([article], extractor, db, **options))


def _stored_text(db, aid):
    return db.execute("select text from articles where id = ?", [aid]).fetchone()[0]


def test_another_feeds_article_under_a_stored_id_is_refused(tmp_path, extractor):
    db = store.open_db(tmp_path / "q.db")
    _run(db, extractor, Article(id="story-1", text=TEXT, source="harbour-feed.jsonl:1"))
    (result,) = _run(db, extractor, Article(id="story-1", text=OTHER, source="ferry-feed.jsonl:1"))
    assert isinstance(result, InputError) and "already stored from harbour-feed.jsonl:1" in result.message
    assert _stored_text(db, "story-1") == TEXT


def test_replace_stores_it_all_the_same(tmp_path, extractor):
    db = store.open_db(tmp_path / "q.db")
    _run(db, extractor, Article(id="story-1", text=TEXT, source="harbour-feed.jsonl:1"))
    _run(db, extractor, Article(id="story-1", text=OTHER, source="ferry-feed.jsonl:1"), replace=True)
    assert _stored_text(db, "story-1") == OTHER


def test_a_changed_article_from_the_same_feed_is_an_update(tmp_path, extractor):
    db = store.open_db(tmp_path / "q.db")
    _run(db, extractor, Article(id="story-1", text=TEXT, source="harbour-feed.jsonl:1"))
    _run(db, extractor, Article(id="story-1", text=OTHER, source="harbour-feed.jsonl:7"))  # another line now
    assert _stored_text(db, "story-1") == OTHER
