"""store.read: the one quote-row select (quote, speaker and article columns joined)."""

from __future__ import annotations

import pytest

from quotes import store
from quotes.model import Article
from quotes.store import clusters, read

HARBOUR = Article(id="harbour", title="Ferry fares", publisher="Tidewater Gazette", published="2025-04-02",
                  url="https://example.org/ferry",
                  text="Ferry fares\n\n“Fares will not rise this year,” said harbour master Oskar Lind.\n")
QUIET = Article(id="quiet", title="Quiet pier", published="2025-03-01",
                text="Quiet pier\n\n“Nobody came to the pier today,” a fisherman said.\n")


@pytest.fixture
def harbour_db(db_path, quote_at):
    db = store.open_db(db_path)
    fares = quote_at(HARBOUR, "Fares will not rise this year", "direct", "Oskar Lind", "harbour master Oskar Lind")
    store.save_extractions(db, [(HARBOUR, [fares]),
                                (QUIET, [quote_at(QUIET, "Nobody came to the pier today", "direct", None)])])
    yield db
    db.close()


def test_a_quote_row_joins_quote_speaker_and_article(harbour_db):
    (row,) = read.quote_rows(harbour_db, "q.article_id = ?", ["harbour"])
    assert (row["quote"], row["speaker"], row["speaker_mention"], row["title"], row["publisher"], row["url"]) == (
        "Fares will not rise this year", "Oskar Lind", "harbour master Oskar Lind", "Ferry fares",
        "Tidewater Gazette", "https://example.org/ferry")


def test_a_quote_without_speaker_keeps_its_row(harbour_db):
    (row,) = read.quote_rows(harbour_db, "q.article_id = ?", ["quiet"])
    assert (row["quote"], row["speaker"], row["speaker_id"]) == ("Nobody came to the pier today", None, None)


def test_quote_rows_are_newest_first(harbour_db):
    assert [r["article_id"] for r in read.quote_rows(harbour_db)] == ["harbour", "quiet"]


def test_quote_rows_take_extra_columns_and_joins(harbour_db):
    rows = read.quote_rows(harbour_db, "f.text match ?", ["pier"], columns="f.rowid as fts_rowid",
                           joins="join quotes_fts f on f.rowid = q.rowid")
    assert [(r["article_id"], type(r["fts_rowid"])) for r in rows] == [("quiet", int)]


def test_quotes_with_ids_reads_only_those(harbour_db):
    (wanted,) = read.quote_rows(harbour_db, "q.article_id = ?", ["quiet"])
    assert [r["quote_id"] for r in read.quotes_with_ids(harbour_db, [wanted["quote_id"]])] == [wanted["quote_id"]]


def test_speaker_page_groups_quotes_by_article(harbour_db):
    (page,) = read.speaker_pages(harbour_db, "lind")
    assert (page.name, page.quotes, page.outlets, [a.article_id for a in page.articles]) == (
        "Oskar Lind", 1, 1, ["harbour"])
    assert page.also_written == ["harbour master Oskar Lind"]


def test_a_speaker_page_with_a_limit_holds_the_latest_articles_and_counts_them_all(db_path, quote_at):
    db = store.open_db(db_path)
    earlier = Article(id="earlier", title="Ferry plans", published="2025-01-10",
                      text="Ferry plans\n\n“The ferry will run all winter,” said Oskar Lind.\n")
    store.save_extractions(db, [
        (HARBOUR, [quote_at(HARBOUR, "Fares will not rise this year", "direct", "Oskar Lind", "Oskar Lind")]),
        (earlier, [quote_at(earlier, "The ferry will run all winter", "direct", "Oskar Lind", "Oskar Lind")])])
    (page,) = read.speaker_pages(db, "lind", limit=1)
    assert ([a.article_id for a in page.articles], page.article_count, page.quotes) == (["harbour"], 2, 2)
    assert [a.article_id for a in read.speaker_pages(db, "lind")[0].articles] == ["earlier", "harbour"]
    db.close()


def test_lookup_with_clusters_names_no_cluster_for_a_single_appearance(harbour_db):
    (hit,) = clusters.lookup(harbour_db, "fares will not rise")
    assert (hit["speaker"], hit["match"], hit["cluster"]) == ("Oskar Lind", "fts", None)


def test_fuzzy_candidates_come_from_the_index_words_the_phrase_shares(harbour_db):
    found = read.fuzzy_candidates(harbour_db, "Fares will not rize this yeer", 10)
    assert [text for _id, text in found] == ["Fares will not rise this year"]


def test_a_misspelt_phrase_is_found_fuzzily_through_its_other_words(harbour_db):
    (hit,) = read.lookup(harbour_db, "Nobody came to the peir", limit=1)
    assert hit["match"] == "fuzzy" and hit["quote"] == "Nobody came to the pier today"


def test_rare_words_put_the_rarest_first_and_leave_out_unknown_and_common_ones(harbour_db):
    assert [w for w, _docs in read.rare_words(harbour_db, "the pier fares xyzzy")] == ["fares", "pier"]


def test_a_phrase_of_common_words_only_still_has_candidates(harbour_db):
    assert read.fuzzy_candidates(harbour_db, "this year", 10)
