"""The fact-checker's desk in Datasette, in process (issue 13): the quotes at a glance, the review queue's
order, logging in back to the quote, CSV headings, the article page's citation and local path, the Atom
feed and the search across quotes, claims (attributions), speakers and articles."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password

from quotes import store
from quotes.factcheck import review
from quotes.model import Article, quote_id
from quotes.web import serve

PASSWORD = "carla-secret-9"
ATOM = "{http://www.w3.org/2005/Atom}"
MARSH = Article(
    id="marsh", title="Saltmarsh reserve to double in size after landowners agree a long and careful deal",
    publisher="Fennick Courier", published="2025-07-09", url="https://example.org/marsh",
    source="/srv/feeds/fennick/marsh.txt",
    text=("Saltmarsh reserve to double in size\n\n"
          "“The birds will come back within three winters,” warden Odile Brask said on Tuesday.\n\n"
          "Farmer Tomas Lindgren said the new boundary was fair to everyone.\n\n"
          "“It is a good day,” someone shouted.\n\n"
          "Locals call the footpath “the long mile”.\n"))


def qid(article: Article, text: str) -> str:
    start = article.text.index(text)
    return quote_id(article.id, start, start + len(text), text)


@pytest.fixture
def site(stored, quote_at, db_path) -> Datasette:
    """The two fixture stories (published June 2025, confidence 0.8) and a newer one with quotes at other
    confidences, one without a speaker, a scare-quoted term."""
    birds = quote_at(MARSH, "The birds will come back within three winters,", "direct", "Odile Brask",
                     "warden Odile Brask")
    fair = quote_at(MARSH, "the new boundary was fair to everyone", "indirect", "Tomas Lindgren",
                    "Farmer Tomas Lindgren")
    shout = quote_at(MARSH, "It is a good day,", "direct", None)
    term = quote_at(MARSH, "the long mile", "term", None)
    for quote, confidence in ((birds, 0.95), (fair, 0.6), (shout, 0.0), (term, 0.0)):
        quote.confidence = confidence
    store.save_extraction(stored, MARSH, [birds, fair, shout, term])
    stored.close()
    return serve.app(db_path, {"carla": hash_password(PASSWORD, iterations=1000)})


@pytest.fixture
def anonymous(site, web_client):
    return web_client(site)


@pytest.fixture
def carla(site, web_client):
    return web_client.reviewer(site, "carla")


def rows(client, path: str) -> list[dict]:
    response = client.get(path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


# -- the quotes at a glance ---------------------------------------------------------------
def test_quote_list_reads_who_said_what_first_and_ids_last(anonymous):
    (first, *_) = rows(anonymous, "/quotes/quote_list.json?_size=1")
    assert list(first)[:8] == ["speaker", "quote", "type", "headline", "outlet", "published", "confidence", "verdict"]
    assert list(first)[-4:] == ["quote_id", "article_id", "start", "end"]


def test_quote_list_starts_with_the_newest_article_most_confident_first(anonymous):
    listed = rows(anonymous, "/quotes/quote_list.json?_size=3")
    assert [(r["speaker"], r["outlet"], r["published"], r["confidence"]) for r in listed] == [
        ("Odile Brask", "Fennick Courier", "2025-07-09", 0.95),
        ("Tomas Lindgren", "Fennick Courier", "2025-07-09", 0.6),
        (None, "Fennick Courier", "2025-07-09", 0.0)]


def test_quote_list_facets_are_speaker_names_type_outlet_and_verdict(anonymous):
    facets = anonymous.get("/quotes/quote_list.json?_size=0").json()["facet_results"]
    assert list(facets) == ["speaker", "type", "outlet", "verdict"]
    assert {"Helena Quist", "Odile Brask"} <= {r["label"] for r in facets["speaker"]["results"]}


def test_quote_list_headline_opens_the_article_page_at_the_quote(anonymous):
    page = anonymous.get("/quotes/quote_list?speaker=Odile+Brask").text
    birds = qid(MARSH, "The birds will come back within three winters,")
    assert (f'<a class="article-link" href="/-/article?db=quotes&amp;quote={birds}#quote">{MARSH.title}</a>'
            in page)


def test_quote_list_shows_the_verdict_to_anyone_but_not_who_gave_it(anonymous, carla):
    birds = qid(MARSH, "The birds will come back within three winters,")
    data = {"quote_id": birds, "verdict": "correct", "corrected_speaker": "", "note": "",
            "csrftoken": carla.csrf(f"/quotes/review_quote?quote_id={birds}")}
    assert carla.request("post", "/quotes/review_quote", data=data).status_code == 302
    (row,) = rows(anonymous, f"/quotes/quote_list.json?quote_id={birds}")
    assert row["verdict"] == "correct" and "carla" not in str(row)


def test_table_pages_fold_the_column_glossary(anonymous):
    page = anonymous.get("/quotes/quote_list").text
    assert 'class="column-descriptions"' in page and 'folded.className = "column-glossary"' in page


@pytest.mark.parametrize("path", ["/quotes/quotes", "/quotes/quote_list", "/quotes/latest_quotes"])
def test_table_and_query_pages_break_long_values_between_words_only(anonymous, path):
    assert "ul.tight-bullets li { word-break: normal; overflow-wrap: break-word; }" in anonymous.get(path).text


def test_everyone_finds_the_quote_list_in_the_menu_and_on_the_home_page(anonymous):
    page = anonymous.get("/").text
    assert page.count('href="/quotes/quote_list"') == 2  # menu and description


# -- the review queue and form ------------------------------------------------------------
def test_review_queue_starts_with_attributed_quotes_least_confident_first(carla):
    queue = rows(carla, "/quotes/unreviewed_quotes.json")
    attributed = [r["confidence"] for r in queue if r["speaker"]]
    assert queue[:len(attributed)] == [r for r in queue if r["speaker"]] and attributed == sorted(attributed)
    assert queue[0]["quote"] == "the new boundary was fair to everyone"
    assert {r["type"] for r in queue} <= {"direct", "partial", "indirect"} and queue[-1]["speaker"] is None


@pytest.mark.parametrize("query", sorted(set(review.QUERIES) - {review.REVIEW_QUERY}) + ["quotes_by_speaker",
                                                                                      "quote_feed"])
def test_canned_queries_hide_their_sql(carla, query):
    page = carla.get(f"/quotes/{query}").text
    assert 'id="sql-query"' not in page and 'id="sql-editor"' not in page
    assert f"/quotes/{query}?_show_sql=1" in page


# -- logging in from a review link ------------------------------------------------------
def test_logging_in_from_a_review_link_lands_on_that_quote(anonymous):
    form = f"/quotes/review_quote?quote_id={qid(MARSH, 'It is a good day,')}"
    login_page = anonymous.get(form).headers["location"]
    response = anonymous.login("carla", PASSWORD, login_page)
    assert response.status_code == 302 and response.headers["location"] == form
    assert 'name="verdict"' in anonymous.get(response.headers["location"]).text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "/-/login",
                                    "/%0d%0aSet-Cookie:x=1", "evil.example"])
def test_a_next_page_off_this_site_is_ignored(anonymous, target):
    response = anonymous.login("carla", PASSWORD, f"/-/login?next={target}")
    assert response.status_code == 302 and response.headers["location"] == "/"


def test_a_plain_login_still_lands_on_the_home_page(anonymous):
    response = anonymous.login("carla", PASSWORD)
    assert response.status_code == 302 and response.headers["location"] == "/"


# -- CSV ----------------------------------------------------------------------------------
def test_labelled_csv_heads_the_labels_speaker_and_article(anonymous):
    text = anonymous.get("/quotes/quotes.csv?_labels=on&_size=max").text
    assert {"speaker", "article", "speaker_id", "article_id"} <= set(next(csv.reader(io.StringIO(text))))
    marsh = [r for r in csv.DictReader(io.StringIO(text)) if r["speaker_id"] and r["article_id"] == "marsh"]
    assert {r["speaker"] for r in marsh} == {"Odile Brask", "Tomas Lindgren"} and {r["article"] for r in marsh} == {
        MARSH.title}


def test_quote_list_csv_has_the_readable_columns(anonymous):
    reader = csv.reader(io.StringIO(anonymous.get("/quotes/quote_list.csv?_size=2").text))
    assert next(reader)[:8] == ["speaker", "quote", "type", "headline", "outlet", "published", "confidence", "verdict"]


# -- the article page ---------------------------------------------------------------------
def test_article_page_shows_where_it_was_read_from_to_reviewers_only(anonymous, carla):
    path = f"/-/article?quote={qid(MARSH, 'The birds will come back within three winters,')}"
    assert MARSH.source not in anonymous.get(path).text and "Read from" not in anonymous.get(path).text
    assert f'<dd class="read-from">{MARSH.source}</dd>' in carla.get(path).text


def test_article_page_offers_a_citation_with_speaker_quote_outlet_date_and_url(anonymous):
    page = anonymous.get(f"/-/article?quote={qid(MARSH, 'The birds will come back within three winters,')}").text
    (value,) = re.findall(r'id="citation" class="citation" readonly value="([^"]*)"', page)
    assert value == ("Odile Brask: “The birds will come back within three winters,” (“Saltmarsh reserve to double in "
                     "size after landowners agree a long and careful deal”, Fennick Courier, 2025-07-09) "
                     "https://example.org/marsh")
    assert 'id="copy-citation"' in page


def test_a_citation_of_a_disputed_quote_says_so(anonymous, carla):
    fair = qid(MARSH, "the new boundary was fair to everyone")
    data = {"quote_id": fair, "verdict": "wrong speaker", "corrected_speaker": "Odile Brask", "note": "",
            "csrftoken": carla.csrf(f"/quotes/review_quote?quote_id={fair}")}
    assert carla.request("post", "/quotes/review_quote", data=data).status_code == 302
    page = anonymous.get(f"/-/article?quote={fair}").text
    (value,) = re.findall(r'id="citation" class="citation" readonly value="([^"]*)"', page)
    assert value.startswith("Tomas Lindgren: “the new boundary was fair to everyone”")
    assert value.endswith("https://example.org/marsh [review verdict: wrong speaker]")


def test_a_citation_without_a_source_url_links_the_article_page(anonymous, articles):
    bridge = qid(articles[1], "the rise would hit commuters hardest")
    page = anonymous.get(f"/-/article?quote={bridge}").text
    (value,) = re.findall(r'id="citation" class="citation" readonly value="([^"]*)"', page)
    assert value.endswith(f"http://localhost/-/article?db=quotes&amp;quote={bridge}#quote")


# -- feed and search ----------------------------------------------------------------------
def feed(client, **params) -> list[dict]:
    response = client.get("/quotes/quote_feed.atom", params={"speaker": "", "q": "", **params})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/xml")
    return [{"title": e.findtext(f"{ATOM}title"), "link": e.find(f"{ATOM}link").get("href")}
            for e in ET.fromstring(response.content).iter(f"{ATOM}entry")]


def test_atom_feed_of_one_speaker_has_only_their_quotes(anonymous):
    assert feed(anonymous, speaker="Brask") == [{
        "title": "Odile Brask: “The birds will come back within three winters,”",
        "link": f"/-/article?quote={qid(MARSH, 'The birds will come back within three winters,')}"}]


def test_atom_feed_of_search_words_finds_quotes_of_every_speaker(anonymous):
    assert {e["title"].split(":")[0] for e in feed(anonymous, q="roof")} == {"Helena Quist", "the museum"}


def test_atom_feed_with_no_match_is_still_a_feed(anonymous):
    assert [e["title"] for e in feed(anonymous, speaker="Nobody Ofthatname")] == ["No quotes match yet"]


def test_home_page_searches_quotes_claims_speakers_and_articles(anonymous):
    assert 'action="/-/search"' in anonymous.get("/").text
    assert 'placeholder="Search for records across 4 tables"' in anonymous.get("/").text
    hits = rows(anonymous, "/quotes/articles.json?_search=saltmarsh&_col=title")
    assert [r["title"] for r in hits] == [MARSH.title]


def test_an_old_database_gains_the_quote_list_and_article_search(db_path, stored):
    stored.execute("drop view quote_list")
    stored["articles"].disable_fts()
    stored.execute("delete from _sqlite_migrations where name = 'quote_list_view_and_article_search'")
    stored.conn.commit()
    stored.close()
    db = store.open_db(db_path, create=False)
    assert "quote_list" in db.view_names() and db["articles"].detect_fts() == "articles_fts"
