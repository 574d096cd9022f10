"""Reviewing in Datasette, in process: who may write, CSRF, the review form, queries, the article view
and SQL injection attempts through canned-query parameters."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password

from quotes import store
from quotes.factcheck import review
from quotes.model import Article, quote_id
from quotes.web import reviewers, serve

PASSWORDS = {"alice": "alice-secret-1", "bob": "bob-secret-22"}


@pytest.fixture(scope="session")
def accounts() -> dict[str, str]:
    # few PBKDF2 rounds keep the tests fast; the login code reads the rounds from the hash
    return {name: hash_password(password, iterations=1000) for name, password in PASSWORDS.items()}


@pytest.fixture
def db_path(tmp_path, stored_file) -> Path:
    """A copy of the database with both fixture articles and their quotes."""
    path = tmp_path / "db" / "quotes.db"
    path.parent.mkdir()
    shutil.copyfile(stored_file, path)
    return path


@pytest.fixture
def ds(db_path, accounts) -> Datasette:
    return serve.app(db_path, accounts)


@pytest.fixture
def anonymous(ds, web_client):
    return web_client(ds)


@pytest.fixture
def alice(ds, web_client):
    return web_client.reviewer(ds, "alice")


@pytest.fixture
def bob(ds, web_client):
    return web_client.reviewer(ds, "bob")


def qid(article: Article, text: str) -> str:
    start = article.text.index(text)
    return quote_id(article.id, start, start + len(text), text)


@pytest.fixture
def condemn(articles) -> str:
    return qid(articles[0], "We strongly condemn the delays that left the roof in this state,")


@pytest.fixture
def safe(articles) -> str:
    return qid(articles[0], "The collection is safe,")


def submit(browser, quote: str, verdict: str, corrected_speaker: str = "", note: str = "",
           headers: dict | None = None, **extra):
    """Fill in and send the review form of ``quote`` as a reviewer would (``extra``: more form fields)."""
    token = browser.csrf(f"/quotes/review_quote?quote_id={quote}")
    data = {"quote_id": quote, "verdict": verdict, "corrected_speaker": corrected_speaker, "note": note,
            "csrftoken": token, **extra}
    return browser.post("/quotes/review_quote", data, headers=headers or {})


def reviews(db_path) -> list[dict]:
    with store.open_db(db_path, create=False) as db:
        return [dict(zip(("quote_id", "verdict", "reviewer", "corrected_speaker", "note"), row)) for row in db.execute(
            "select quote_id, verdict, reviewer, corrected_speaker, note from reviews order by id")]


def rows(browser, path: str) -> list[dict]:
    response = browser.get(path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


# -- who may write ------------------------------------------------------------------------
REVIEWER_ONLY = ("/quotes/reviews", "/quotes/review_queue", "/quotes/latest_reviews", "/quotes/current_reviews",
                 "/quotes/reviews_by_reviewer", "/quotes/disputed_quotes", "/quotes/orphaned_reviews")


def test_anonymous_visitors_read_quotes_and_reviews(anonymous, alice, condemn):
    """... the verdicts, that is: what was decided, when, the corrected speaker and the note, never by whom."""
    submit(alice, condemn, "wrong speaker", "Anton Brisk", "the guide said it")
    assert [anonymous.get(p).status_code for p in ("/quotes/quotes", "/quotes/articles", "/quotes/speakers",
                                                   "/quotes/verdicts", "/quotes/unreviewed_quotes")] == [200] * 5
    (verdict,) = rows(anonymous, "/quotes/verdicts.json")
    assert "reviewer" not in verdict and "alice" not in str(verdict)
    assert (verdict["quote_id"], verdict["verdict"], verdict["corrected_speaker"], verdict["note"],
            verdict["is_current"]) == (condemn, "wrong speaker", "Anton Brisk", "the guide said it", 1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", verdict["reviewed_at"])
    assert [anonymous.get(p).status_code for p in REVIEWER_ONLY] == [403] * len(REVIEWER_ONLY)


def test_reviewers_see_who_reviewed(alice, bob, condemn):
    submit(bob, condemn, "correct")
    assert [alice.get(p).status_code for p in REVIEWER_ONLY] == [200] * len(REVIEWER_ONLY)
    assert [r["reviewer"] for r in rows(alice, "/quotes/review_queue.json?verdict=correct")] == ["bob"]
    sql = alice.get("/quotes.json", params={"sql": "select distinct reviewer from reviews", "_shape": "array"})
    assert sql.json() == [{"reviewer": "bob"}]


def test_anonymous_post_is_refused_and_stores_nothing(anonymous, condemn, db_path):
    response = anonymous.post("/quotes/review_quote", {"quote_id": condemn, "verdict": "correct",
                                                       "corrected_speaker": "", "note": ""})
    assert response.status_code == 403 and reviews(db_path) == []


def test_anonymous_review_form_sends_to_login(anonymous, condemn):
    response = anonymous.get(f"/quotes/review_quote?quote_id={condemn}")
    assert response.status_code == 302
    assert response.headers["location"] == f"/-/login?next=/quotes/review_quote%3Fquote_id%3D{condemn}"


def test_wrong_password_does_not_log_in(anonymous):
    anonymous.login("alice", "not-her-password")
    assert anonymous.get("/-/actor.json").json() == {"actor": None}


def test_reviewer_logs_in_with_reviewer_role(anonymous):
    assert anonymous.login("alice", PASSWORDS["alice"]).status_code == 302
    assert anonymous.get("/-/actor.json").json() == {"actor": {"id": "alice", "roles": ["reviewer"]}}


def test_logged_in_reviewer_can_review(anonymous, condemn, db_path):
    anonymous.login("bob", PASSWORDS["bob"])
    assert submit(anonymous, condemn, "correct").status_code == 302
    assert [r["reviewer"] for r in reviews(db_path)] == ["bob"]


def test_reviewer_records_a_verdict(alice, condemn, db_path):
    response = submit(alice, condemn, "wrong speaker", corrected_speaker="Anton Brisk", note="checked the video")
    assert response.status_code == 302
    assert reviews(db_path) == [{"quote_id": condemn, "verdict": "wrong speaker", "reviewer": "alice",
                                 "corrected_speaker": "Anton Brisk", "note": "checked the video"}]


def test_reviewer_post_without_csrf_token_is_refused(alice, condemn, db_path):
    alice.csrf(f"/quotes/review_quote?quote_id={condemn}")  # has the cookie, but the form field is missing
    response = alice.post("/quotes/review_quote", {"quote_id": condemn, "verdict": "correct",
                                                   "corrected_speaker": "", "note": ""})
    assert response.status_code == 403 and reviews(db_path) == []


def test_review_stores_the_time_and_what_the_reviewer_saw(alice, condemn, db_path):
    submit(alice, condemn, "correct")
    with store.open_db(db_path, create=False) as db:
        (row,) = db.execute("select speaker, quote_text, article_id, reviewed_at from reviews").fetchall()
    assert row[:3] == ("Helena Quist", "We strongly condemn the delays that left the roof in this state,", "museum")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row[3])


def test_a_new_review_keeps_the_old_one(alice, bob, condemn, db_path):
    submit(alice, condemn, "correct")
    submit(bob, condemn, "needs check", note="audio unclear")
    assert [(r["reviewer"], r["verdict"]) for r in reviews(db_path)] == [("alice", "correct"), ("bob", "needs check")]
    (queue,) = rows(alice, f"/quotes/review_queue.json?quote_id={condemn}")
    assert (queue["verdict"], queue["reviewer"]) == ("needs check", "bob")


def test_unknown_verdict_stores_nothing(alice, condemn, db_path):
    response = submit(alice, condemn, "probably fine", headers={"accept": "application/json"})
    assert response.json()["ok"] is False and "unknown verdict" in response.json()["message"]
    assert reviews(db_path) == []


def test_unknown_quote_stores_nothing(alice, db_path):
    response = submit(alice, "0000000000000000", "correct", headers={"accept": "application/json"})
    assert response.json() == {"ok": False, "message": "no such quote", "redirect": None}


# -- SQL injection through parameters -----------------------------------------------------
def test_injected_quote_id_matches_no_quote(alice, db_path):
    response = submit(alice, "x' or '1'='1", "correct", headers={"accept": "application/json"})
    assert response.json()["ok"] is False and reviews(db_path) == []


def test_injected_verdict_drops_nothing(alice, condemn, db_path):
    response = submit(alice, condemn, "correct'); drop table reviews; --", headers={"accept": "application/json"})
    assert response.json()["ok"] is False
    with store.open_db(db_path, create=False) as db:
        assert db["reviews"].exists() and db["reviews"].count == 0


def test_injected_note_is_stored_as_text(alice, condemn, db_path):
    note = "'); delete from quotes; --"
    submit(alice, condemn, "correct", note=note)
    assert reviews(db_path)[0]["note"] == note
    with store.open_db(db_path, create=False) as db:
        assert db["quotes"].count == 7


def test_injected_reviewer_parameter_finds_nothing(alice, condemn):
    submit(alice, condemn, "correct")
    assert rows(alice, "/quotes/reviews_by_reviewer.json?reviewer=x%27%20or%20%271%27%3D%271") == []


def test_forged_reviewer_field_is_ignored(alice, condemn, db_path):
    submit(alice, condemn, "correct", _actor_id="mallory", reviewer="mallory")
    assert reviews(db_path)[0]["reviewer"] == "alice"


def test_free_sql_cannot_write(alice, anonymous, db_path, monkeypatch):
    monkeypatch.setattr("datasette.handle_exception.rich", None)  # no slow traceback print for the refusals
    assert anonymous.get("/quotes.json", params={"sql": "delete from quotes"}).status_code == 400
    assert alice.get("/quotes.json", params={"sql": "insert into reviews (quote_id) values ('x')"}).status_code == 400
    with store.open_db(db_path, create=False) as db:
        assert db["quotes"].count == 7 and db["reviews"].count == 0


# -- the review form ----------------------------------------------------------------------
def test_review_form_shows_the_quote_in_its_paragraph(alice, condemn):
    page = alice.get(f"/quotes/review_quote?quote_id={condemn}").text
    assert ('<mark class="quote" id="quote">We strongly condemn the delays that left the roof in this state,'
            '</mark>') in page
    assert '<mark class="speaker">director Helena Quist</mark>' in page and '<mark class="cue">said</mark>' in page
    assert "Merrow museum to close east wing" in page  # the article it is in


def test_review_form_offers_every_verdict_but_unreviewed(alice, condemn):
    page = alice.get(f"/quotes/review_quote?quote_id={condemn}").text
    assert re.findall(r'<option value="([^"]+)">', page) == [v for v in review.VERDICTS if v != "unreviewed"]


def test_review_form_lists_earlier_reviews(alice, bob, condemn):
    submit(bob, condemn, "needs check", note="audio unclear")
    page = alice.get(f"/quotes/review_quote?quote_id={condemn}").text
    assert "audio unclear" in page and '<dd class="current-verdict">needs check</dd>' in page


def test_after_saving_the_page_confirms_and_shows_the_review(alice, condemn):
    response = submit(alice, condemn, "wrong speaker", corrected_speaker="Anton Brisk")
    page = alice.get(response.headers["location"]).text
    assert "Review saved" in page
    assert '<span class="last-verdict">wrong speaker</span>' in page and "Anton Brisk" in page


def test_review_form_for_unknown_quote_says_so(alice):
    assert "No quote with id nope" in alice.get("/quotes/review_quote?quote_id=nope").text


# -- queries and facets -------------------------------------------------------------------
def test_unreviewed_quotes_lowest_confidence_first(alice, safe, condemn, db_path):
    with store.open_db(db_path, create=False) as db:
        db.execute("update quotes set confidence = 0.3 where id = ?", [safe])
        db.execute("update quotes set confidence = 0.5 where id = ?", [condemn])
    found = rows(alice, "/quotes/unreviewed_quotes.json")
    assert [r["quote_id"] for r in found[:2]] == [safe, condemn] and len(found) == 7


@pytest.mark.parametrize("kind", ["term", "title"])
def test_terms_and_titles_stay_out_of_the_unreviewed_list(alice, safe, db_path, kind):
    with store.open_db(db_path, create=False) as db:
        db.execute("update quotes set type = ?, confidence = 0 where id = ?", [kind, safe])
    assert safe not in {r["quote_id"] for r in rows(alice, "/quotes/unreviewed_quotes.json")}


def test_a_term_is_still_in_the_review_queue_table(alice, safe, db_path):
    with store.open_db(db_path, create=False) as db:
        db.execute("update quotes set type = 'term' where id = ?", [safe])
    assert safe in {r["quote_id"] for r in rows(alice, "/quotes/review_queue.json?type=term")}


def test_the_review_form_suggests_no_term_next(alice, safe, condemn, db_path):
    with store.open_db(db_path, create=False) as db:
        db.execute("update quotes set type = 'term', confidence = 0 where id = ?", [safe])
    page = alice.get(f"/quotes/review_quote?quote_id={condemn}").text
    assert 'class="next-quotes"' in page and f"review_quote?quote_id={safe}" not in page


def test_reviewed_quote_leaves_the_unreviewed_list(alice, condemn):
    submit(alice, condemn, "correct")
    found = rows(alice, "/quotes/unreviewed_quotes.json")
    assert condemn not in {r["quote_id"] for r in found} and len(found) == 6


def test_disputed_lists_wrong_verdicts_not_correct_ones(alice, condemn, safe):
    submit(alice, condemn, "wrong span")
    submit(alice, safe, "correct")
    assert [r["quote_id"] for r in rows(alice, "/quotes/disputed_quotes.json")] == [condemn]


def test_disputed_lists_quotes_reviewers_disagree_on(alice, bob, condemn):
    submit(alice, condemn, "not a quote")
    submit(bob, condemn, "correct")
    (row,) = rows(alice, "/quotes/disputed_quotes.json")
    assert row["verdict"] == "correct" and row["opinions"] in ("alice: not a quote; bob: correct",
                                                               "bob: correct; alice: not a quote")


def test_reviews_by_reviewer(alice, bob, condemn, safe):
    submit(alice, condemn, "correct")
    submit(bob, safe, "wrong span")
    assert [r["quote_id"] for r in rows(alice, "/quotes/reviews_by_reviewer.json?reviewer=bob")] == [safe]
    assert len(rows(alice, "/quotes/reviews_by_reviewer.json?reviewer=")) == 2


def test_reviews_have_verdict_and_reviewer_facets(alice, condemn):
    submit(alice, condemn, "correct")
    facets = alice.get("/quotes/reviews.json?_size=0").json()["facet_results"]
    assert {"verdict", "reviewer"} <= set(facets)
    assert [(r["value"], r["count"]) for r in facets["reviewer"]["results"]] == [("alice", 1)]


def test_review_queue_verdict_facet_counts_unreviewed(alice, condemn):
    submit(alice, condemn, "correct")
    facet = alice.get("/quotes/review_queue.json?_size=0").json()["facet_results"]["verdict"]["results"]
    assert {r["value"]: r["count"] for r in facet} == {"unreviewed": 6, "correct": 1}


# -- provenance: the article view ---------------------------------------------------------
def test_quote_rows_link_to_the_article_view_and_the_form(anonymous, condemn):
    page = anonymous.get("/quotes/quotes").text
    assert f'href="/-/article?db=quotes&amp;quote={condemn}#quote"' in page
    assert f'href="/quotes/review_quote?quote_id={condemn}"' in page


def test_canned_query_rows_link_to_the_article_view(anonymous, condemn):
    assert f"quote={condemn}#quote" in anonymous.get("/quotes/latest_quotes").text


def test_article_view_marks_quote_cue_and_speaker_by_offsets(anonymous, condemn):
    page = anonymous.get(f"/-/article?db=quotes&quote={condemn}")
    assert page.status_code == 200
    paragraph = re.search(r'<p class="focus">(.*?)</p>', page.text, re.S).group(1)
    assert paragraph == ('“<mark class="quote" id="quote">We strongly condemn the delays that left the roof in this '
                         'state,</mark>” <mark class="speaker">director Helena Quist</mark> <mark class="cue">said'
                         '</mark> at a briefing.')


def test_article_view_shows_source_publisher_and_other_quotes(anonymous, condemn):
    page = anonymous.get(f"/-/article?quote={condemn}").text
    assert '<a href="https://example.org/museum">https://example.org/museum</a>' in page
    assert '<dd class="publisher">Merrow Post</dd>' in page
    assert page.count('<mark class="other-quote"><a href=') == 4  # the article's other quotes, each a link


def test_article_view_escapes_text_and_links_only_web_urls(ds, db_path, web_client):
    text = 'Notes\n\n"<script>alert(1)</script> is fine," the tester said.\n'
    article = Article(id="xss", text=text, url="javascript:alert(1)", publisher="<b>Bold</b>")
    with store.open_db(db_path) as db:
        store.save_extraction(db, article, [])
    page = web_client(ds).get("/-/article?id=xss").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and "<b>Bold</b>" not in page


def test_article_view_shows_verdicts_to_all_and_reviewers_to_reviewers(anonymous, alice, bob, condemn):
    submit(bob, condemn, "wrong span", note="ends too early")
    public, private = (b.get(f"/-/article?quote={condemn}").text for b in (anonymous, alice))
    assert "ends too early" in public and "wrong span" in public and "bob" not in public
    assert "<th>Reviewer</th>" not in public and "<th>Reviewer</th>" in private and "<td>bob</td>" in private


def test_article_view_unknown_quote_is_404(anonymous):
    assert anonymous.get("/-/article?quote=nope").status_code == 404


def test_reviewer_menu_links_to_the_review_queries(alice, anonymous):
    assert 'href="/quotes/unreviewed_quotes">Unreviewed quotes' in alice.get("/").text
    assert "/quotes/unreviewed_quotes" not in anonymous.get("/").text


# -- a reviewer removed while the server runs ----------------------------------------------
@pytest.fixture
def from_file(db_path, accounts) -> Datasette:
    """A site whose logins come from the reviewers file beside the database, as ``quotes serve`` runs it."""
    reviewers.add(reviewers.accounts_file(db_path), "alice", accounts["alice"])
    return serve.app(db_path)


def test_a_removed_reviewer_can_no_longer_log_in(from_file, db_path, web_client):
    assert web_client(from_file).login("alice", PASSWORDS["alice"]).status_code == 302
    reviewers.remove(reviewers.accounts_file(db_path), "alice")
    assert web_client(from_file).login("alice", PASSWORDS["alice"]).status_code == 200  # the form again, with an error


def test_a_removed_reviewer_with_a_login_from_before_records_nothing(from_file, db_path, condemn, web_client):
    alice = web_client(from_file)
    assert alice.login("alice", PASSWORDS["alice"]).status_code == 302
    token = alice.csrf(f"/quotes/review_quote?quote_id={condemn}")

    def post(verdict):
        return alice.post("/quotes/review_quote", {"quote_id": condemn, "verdict": verdict, "corrected_speaker": "",
                                                   "note": "", "csrftoken": token}).status_code

    assert post("correct") == 302
    reviewers.remove(reviewers.accounts_file(db_path), "alice")
    assert post("wrong span") == 403  # the same form, the same cookie: refused now
    assert alice.get("/quotes/reviews").status_code == 403  # ... and who reviewed is hidden again
    assert "<th>Reviewer</th>" not in alice.get(f"/-/article?quote={condemn}").text
    assert [r["verdict"] for r in reviews(db_path)] == ["correct"]
