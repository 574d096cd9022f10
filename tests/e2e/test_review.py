"""Reviews in the database: verdicts, history, and reviews that survive re-extraction."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from quotes import store
from quotes.factcheck import review
from quotes.model import Article, quote_id
from quotes.web.provenance import Mark, marked_html, marked_paragraphs, paragraph_spans, quote_marks


def qid(article: Article, text: str) -> str:
    start = article.text.index(text)
    return quote_id(article.id, start, start + len(text), text)


@pytest.fixture
def museum(articles) -> Article:
    return articles[0]


@pytest.fixture
def condemn(museum) -> str:
    return qid(museum, "We strongly condemn the delays that left the roof in this state,")


# -- recording ----------------------------------------------------------------------------
def test_review_records_verdict_reviewer_and_what_was_seen(stored, condemn):
    saved = review.add_review(stored, condemn, "wrong speaker", "alice", corrected_speaker="Anton Brisk",
                              note="  the guide said it  ", at="2026-01-02T03:04:05Z")
    assert (saved.verdict, saved.reviewer, saved.corrected_speaker, saved.note, saved.reviewed_at) == (
        "wrong speaker", "alice", "Anton Brisk", "the guide said it", "2026-01-02T03:04:05Z")
    assert (saved.speaker, saved.article_id) == ("Helena Quist", "museum")
    assert saved.quote_text == "We strongly condemn the delays that left the roof in this state,"


def test_blank_corrected_speaker_and_note_are_stored_as_null(stored, condemn):
    saved = review.add_review(stored, condemn, "correct", "alice", corrected_speaker=" ", note="")
    assert (saved.corrected_speaker, saved.note) == (None, None)


def test_unreviewed_quote_has_verdict_unreviewed(stored, condemn):
    assert review.verdict(stored, condemn) == "unreviewed"


def test_latest_review_is_the_verdict_and_history_keeps_all(stored, condemn):
    review.add_review(stored, condemn, "correct", "alice")
    review.add_review(stored, condemn, "needs check", "bob")
    assert review.verdict(stored, condemn) == "needs check"
    assert [(r.reviewer, r.verdict) for r in review.history(stored, condemn)] == [
        ("alice", "correct"), ("bob", "needs check")]


@pytest.mark.parametrize("verdict", ["probably", "", "Correct"])
def test_unknown_verdict_is_refused_and_stores_nothing(stored, condemn, verdict):
    with pytest.raises(review.ReviewError, match="unknown verdict"):
        review.add_review(stored, condemn, verdict, "alice")
    assert stored["reviews"].count == 0


def test_unknown_quote_is_refused(stored):
    with pytest.raises(review.ReviewError, match="no such quote"):
        review.add_review(stored, "0123456789abcdef", "correct", "alice")


def test_blank_reviewer_is_refused(stored, condemn):
    with pytest.raises(review.ReviewError):
        review.add_review(stored, condemn, "correct", "  ")


def test_check_constraint_holds_without_the_trigger(stored, condemn):
    stored.execute("drop trigger reviews_known_verdict")
    with pytest.raises(review.ReviewError, match="known_verdict"):
        review.add_review(stored, condemn, "maybe", "alice")


@pytest.mark.parametrize("sql", ["update reviews set verdict = 'correct'", "delete from reviews"])
def test_reviews_cannot_be_changed_or_deleted(stored, condemn, sql):
    review.add_review(stored, condemn, "wrong span", "alice")
    with pytest.raises(sqlite3.IntegrityError, match="reviews are kept"):
        stored.execute(sql)
    assert [r.verdict for r in review.history(stored, condemn)] == ["wrong span"]


# -- re-extraction ------------------------------------------------------------------------
def test_reingesting_an_article_keeps_its_reviews(stored, museum, quotes_of, condemn):
    review.add_review(stored, condemn, "correct", "alice")
    store.save_extraction(stored, museum, quotes_of(museum))
    assert stored.execute("pragma foreign_keys").fetchone() == (1,)
    assert review.verdict(stored, condemn) == "correct"
    assert stored.execute("select verdict from review_queue where quote_id = ?", [condemn]).fetchone() == (
        "correct",)


@pytest.mark.parametrize("grown, stands", [("has also said", True), ("said:", True), ("told", False)])
def test_a_review_stands_while_the_cue_only_grew_around_the_reviewed_words(stored, museum, quotes_of, condemn,
                                                                           grown, stands):
    review.add_review(stored, condemn, "correct", "alice")
    (cue,) = stored.execute("select cue from quotes where id = ?", [condemn]).fetchone()
    assert cue == "said"
    stored.execute("update quotes set cue = ? where id = ?", [grown, condemn])  # a newer extractor's cue span
    assert review.verdict(stored, condemn) == ("correct" if stands else "unreviewed")


def test_reingest_with_a_changed_quote_keeps_the_review_as_orphaned(stored, museum, quotes_of, condemn):
    review.add_review(stored, condemn, "wrong speaker", "alice", corrected_speaker="Anton Brisk")
    quotes = quotes_of(museum)
    quotes[1] = replace(quotes[1], end=quotes[1].end - 1, text=quotes[1].text[:-1])  # now without the comma
    store.save_extraction(stored, museum, quotes)
    assert stored["quotes"].count_where("id = ?", [condemn]) == 0
    rows = stored.execute(review.QUERIES["orphaned_reviews"]["sql"]).fetchall()
    assert [(r[1], r[2], r[3]) for r in rows] == [("alice", "wrong speaker", "Anton Brisk")]


def test_reviewed_article_can_be_reingested_with_no_quotes(stored, museum, condemn):
    review.add_review(stored, condemn, "not a quote", "alice")
    store.save_extraction(stored, museum, [])
    assert stored["quotes"].count_where("article_id = 'museum'") == 0 and stored["reviews"].count == 1


def test_old_database_gains_the_review_tables_on_open(db_path, stored):
    stored.execute("drop view review_queue")
    stored.execute("drop view latest_reviews")
    stored.execute("drop table reviews")
    stored.close()
    with store.open_db(db_path) as db:
        assert db["reviews"].exists() and set(db.view_names()) >= {"review_queue", "latest_reviews"}


def test_outdated_view_is_replaced(db_path, stored):
    stored.execute("drop view review_queue")
    stored.execute("create view review_queue as select 1 as stale")
    stored.close()
    with store.open_db(db_path) as db:
        assert "verdict" in db["review_queue"].columns_dict


# -- review queries -----------------------------------------------------------------------
def test_disputed_query_needs_a_wrong_verdict_or_disagreement(stored, condemn, museum):
    safe = qid(museum, "The collection is safe,")
    review.add_review(stored, condemn, "correct", "alice")
    review.add_review(stored, safe, "correct", "alice")
    review.add_review(stored, safe, "wrong span", "alice")  # alice changed her mind: only her latest counts
    disputed = [row[0] for row in stored.execute(review.QUERIES["disputed_quotes"]["sql"])]
    assert disputed == [safe]


# -- provenance: marking offsets ----------------------------------------------------------
def test_paragraph_spans_are_the_extractors_paragraphs_without_blank_lines_or_edges():
    # the one definition (quotes.text.paragraphs): a paragraph is a non-empty line
    text = "Title\n\n  First para.\nSecond line.  \n \n\nThird."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Title", "First para.", "Second line.", "Third."]


def test_marked_html_escapes_and_marks_by_offsets():
    text = 'He said "<b>no</b>" twice.'
    start = text.index("<b>")
    html = marked_html(text, 0, len(text), [Mark(start, start + 9, "quote")])
    assert html == 'He said &#34;<mark class="quote">&lt;b&gt;no&lt;/b&gt;</mark>&#34; twice.'


def test_overlapping_marks_are_cut_into_pieces():
    text = "abcdef"
    html = marked_html(text, 0, 6, [Mark(1, 4, "quote"), Mark(3, 5, "speaker")])
    assert html == ('a<mark class="quote">bc</mark><mark class="quote speaker">d</mark>'
                    '<mark class="speaker">e</mark>f')


def test_context_is_the_paragraphs_of_quote_cue_and_speaker(museum, quotes_of):
    quote = vars(quotes_of(museum)[2])  # "The collection is safe," she said, "and most of it ..."
    quote["id"] = "x"
    marks, focus = quote_marks(quote)
    (paragraph,) = marked_paragraphs(museum.text, marks, focus, only_focus=True)
    assert paragraph.focus and museum.text[paragraph.start:paragraph.end].startswith("“The collection is safe,")
    assert '<mark class="speaker">she</mark> <mark class="cue">said</mark>' in paragraph.html


def test_marked_text_is_the_article_text_whatever_the_row_says():
    text = "Intro.\n\n“Rates will fall,” she said."
    start = text.index("Rates")
    quote = {"id": "q", "start": start, "end": start + 16, "text": "Rates will rise,"}  # a tampered row
    marks, focus = quote_marks(quote)
    (paragraph,) = marked_paragraphs(text, marks, focus, only_focus=True)
    assert '<mark class="quote" id="quote">Rates will fall,</mark>' in paragraph.html
