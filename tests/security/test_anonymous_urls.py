"""Nothing an anonymous visitor can fetch holds a password hash, an account list, where files live, or the
login name of a reviewer: not the review tables and views, the review queries, the article page, exports,
facets, searches or free SQL (which anonymous visitors may not run at all)."""

import asyncio
from urllib.parse import quote as escape
from urllib.parse import urlencode

import pytest
from datasette_auth_passwords.utils import hash_password

from quotes import store
from quotes.factcheck import review
from quotes.model import Article, Quote, Speaker, quote_id
from quotes.web import serve

REVIEWERS = ("zebedee", "yolanda")  # two logins; both have recorded a review
TEXT = "“We will open the pier in May,” said Mara Quell."
QID = quote_id("pier", 1, 30, "We will open the pier in May,")
PATHS = ["/", "/quotes", "/quotes.json", "/-/metadata.json", "/-/metadata", "/-/plugins.json", "/-/settings.json",
         "/-/databases.json", "/-/databases", "/-/versions.json", "/-/actor.json", "/-/threads.json",
         "/-/config.json", "/-/allow-debug", "/-/permissions", "/-/messages", "/-/login", "/-/password-tool",
         "/quotes/quotes.json", "/quotes/speakers.json", "/quotes/articles.json", "/quotes/review_quote",
         "/quotes/unreviewed_quotes.json", "/_internal.json", "/-/article?db=quotes&quote=nothing",
         "/-/search?q=pier", "/quotes/quote_list?_facet=verdict", "/quotes/quote_feed.atom?speaker=&q=",
         "/quotes/quote_feed.atom?speaker=Quell&q=pier", "/-/login?next=/quotes/quote_list"]
# where reviewer names are kept, or were shown before: tables, views, rows, exports, facets, queries, free SQL
REVIEW_PATHS = [
    "/quotes/reviews", "/quotes/reviews.json", "/quotes/reviews.csv?_size=max", "/quotes/reviews.json?_facet=reviewer",
    "/quotes/REVIEWS.json", "/quotes/reviews/1", "/quotes/reviews/1.json", "/quotes/reviews.json?_sort=reviewer",
    "/quotes/review_queue", "/quotes/review_queue.json?_facet=reviewer", "/quotes/review_queue.csv?_size=max",
    "/quotes/latest_reviews.json", "/quotes/latest_reviews.csv", "/quotes/current_reviews.json?_facet=reviewer",
    "/quotes/reviews_by_reviewer?reviewer=", "/quotes/reviews_by_reviewer.json?reviewer=",
    "/quotes/reviews_by_reviewer.csv?reviewer=", "/quotes/disputed_quotes.json", "/quotes/orphaned_reviews.json",
    "/quotes/verdicts.json?_facet=verdict", "/quotes/verdicts.csv?_size=max",
    "/quotes?sql=select+distinct+reviewer+from+reviews", "/quotes.json?sql=select+distinct+reviewer+from+reviews",
    "/quotes.csv?sql=select+group_concat(reviewer)+from+reviews", "/quotes.json?sql=select+*+from+review_queue",
    "/quotes.db", f"/-/article?db=quotes&quote={QID}", "/-/article?db=quotes&id=pier",
    f"/quotes/review_quote?quote_id={QID}",
]
# questions that would tell, yes or no, whether a name reviewed (the name is in the URL, so only refusal will do)
ORACLES = [
    "/quotes/reviews_by_reviewer.json?reviewer=zebedee",
    "/quotes/quotes.json?" + urlencode({"_where": "exists (select 1 from reviews where reviewer like 'z%')"}),
    "/quotes.json?" + urlencode({"sql": "select count(*) from reviews where reviewer = 'zebedee'"}),
    "/quotes/reviews.json?reviewer=zebedee", "/quotes/review_queue.json?reviewer__startswith=z",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("newsroom-private-folder")
    path = folder / "quotes.db"
    db = store.open_db(path)
    store.save_extraction(db, Article(id="pier", text=TEXT), [
        Quote(text="We will open the pier in May,", start=1, end=30, type="direct", speaker=Speaker("Mara Quell"))])
    review.add_review(db, QID, "correct", REVIEWERS[0])
    review.add_review(db, QID, "wrong speaker", REVIEWERS[1], corrected_speaker="Ada Quell", note="heard the tape")
    db.close()
    password_hash = hash_password("secret-password-1", iterations=1000)
    return serve.app(path, dict.fromkeys(REVIEWERS, password_hash)), folder


def _get(ds, path):
    return asyncio.run(ds.client.get(path))


def _secrets(text: str, folder) -> list[str]:
    return [secret for secret in ("pbkdf2", *REVIEWERS, "reviewers.json", folder.name) if secret in text]


@pytest.mark.parametrize("path", PATHS + REVIEW_PATHS)
def test_an_anonymous_page_holds_no_secret(site, path):
    ds, folder = site
    assert not _secrets(_get(ds, path).text, folder)


@pytest.mark.parametrize("path", ORACLES)
def test_an_anonymous_client_cannot_ask_whether_a_name_reviewed(site, path):
    assert _get(site[0], path).status_code == 403


def _crawl(ds) -> list[str]:
    """Every export, facet and search of every table, view and query the database page lists to anonymous visitors."""
    listing = _get(ds, "/quotes.json?_show_hidden=1").json()
    paths = []
    for table in listing["tables"] + listing["views"]:
        name = escape(table["name"]) if isinstance(table, dict) else escape(table)
        columns = table.get("columns", []) if isinstance(table, dict) else []
        paths += [f"/quotes/{name}.json?_shape=array&_size=max", f"/quotes/{name}.csv?_size=max&_labels=on",
                  f"/quotes/{name}?_search=pier", f"/quotes/{name}?_size=max"]
        paths += [f"/quotes/{name}.json?_size=0&_facet={escape(column)}" for column in columns or _columns(ds, name)]
    for query in listing["queries"]:
        blank = urlencode(dict.fromkeys(query.get("params") or [], ""))
        paths += [f"/quotes/{query['name']}.json?_shape=array&{blank}", f"/quotes/{query['name']}.csv?{blank}"]
    return paths


def _columns(ds, name: str) -> list[str]:
    response = _get(ds, f"/quotes/{name}.json?_size=1")
    return response.json().get("columns", []) if response.status_code == 200 else []


def test_nothing_listed_to_anonymous_visitors_names_a_reviewer(site):
    ds, folder = site
    paths = _crawl(ds)
    assert "/quotes/quotes.json?_shape=array&_size=max" in paths  # the crawl found the public tables
    leaks = {path: found for path in paths if (found := _secrets(_get(ds, path).text, folder))}
    assert leaks == {}


def test_cross_database_sql_reads_no_reviewer_either(site):
    """``datasette --crossdb`` attaches the quotes database to ``_memory``, whose free SQL would reach it."""
    from datasette.app import Datasette

    folder = site[1]
    ds = Datasette(files=[str(folder / "quotes.db")], crossdb=True)
    response = _get(ds, "/_memory.json?" + urlencode({"sql": "select reviewer from quotes.reviews"}))
    assert response.status_code == 403 and not _secrets(response.text, folder)
