"""A verdict is tied to what was reviewed: when a re-extracted quote keeps its id but gets another speaker,
it needs review again and the earlier verdict is kept as history, flagged."""

import asyncio

import pytest

from quotes import store
from quotes.factcheck import check, export, review
from quotes.model import Article
from quotes.run.batch import extract_batch
from quotes.web import serve

QUOTE = "We will reopen the pier in May,"
BEFORE = f"“{QUOTE}” said Oskar Lind, the harbour master of Skellby, on Monday."
AFTER = f"“{QUOTE}” said Mara Quell, the harbour master of Skellby, on Monday."


def _ingest(db, text, extractor):
    list(extract_batch([Article(id="pier", text=text, publisher="Skellby Post")], extractor, db))
    return db.execute("select id from quotes where text = ?", [QUOTE]).fetchone()[0]


@pytest.fixture
def restated(tmp_path, extractor):
    """A quote reviewed 'correct' for Oskar Lind, then re-extracted with Mara Quell as its speaker."""
    db = store.open_db(tmp_path / "quotes.db")
    qid = _ingest(db, BEFORE, extractor)
    review.add_review(db, qid, "correct", "desk")
    assert review.verdict(db, qid) == "correct"
    assert _ingest(db, AFTER, extractor) == qid  # same article, offsets and text: same id
    return db, qid


def test_the_quote_needs_review_again(restated):
    db, qid = restated
    assert review.verdict(db, qid) == "unreviewed"


def test_the_review_queue_shows_the_earlier_verdict(restated):
    db, qid = restated
    row = db.execute("select verdict, earlier_verdict, speaker from review_queue where quote_id = ?", [qid]).fetchone()
    assert row == ("unreviewed", "correct", "Mara Quell")


def test_the_earlier_review_stays_in_the_history(restated):
    db, qid = restated
    assert [(r.verdict, r.speaker) for r in review.history(db, qid)] == [("correct", "Oskar Lind")]


def test_check_and_export_no_longer_cite_the_old_verdict(restated):
    db, qid = restated
    assert check.check(db, QUOTE).match.review == "unreviewed"
    assert [r["review_verdict"] for r in export.export_rows(db) if r["quote"] == QUOTE] == ["unreviewed"]


def test_a_new_review_of_the_new_speaker_counts(restated):
    db, qid = restated
    review.add_review(db, qid, "correct", "desk")
    assert review.verdict(db, qid) == "correct"


def test_the_article_page_flags_the_earlier_verdict(restated, tmp_path):
    db, qid = restated
    db.close()
    page = asyncio.run(serve.app(tmp_path / "quotes.db", {}).client.get(f"/-/article?db=quotes&quote={qid}"))
    assert page.status_code == 200
    assert "the earlier verdict, correct, was for another speaker or cue" in page.text


def test_a_note_of_megabytes_is_refused(restated):
    from quotes.errors import ReviewError

    db, qid = restated
    with pytest.raises(ReviewError, match="at most 10,000 characters"):
        review.add_review(db, qid, "correct", "desk", note="x" * 5_000_000)
