"""The lists of what only reviewers may read are complete: every table or view that holds or reads the
reviewers' logins, and every canned query that shows one, is on them, except the ``verdicts`` view."""

from __future__ import annotations

import re

import pytest

from quotes import store
from quotes.factcheck import review
from quotes.model import Article, Quote, Speaker, quote_id
from quotes.web import config

QUERIES = config.database_metadata()["queries"]
REVIEWER = "zebedee"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = store.open_db(tmp_path_factory.mktemp("privacy") / "q.db")
    text = "“The pier opens in May,” said Mara Quell."
    store.save_extraction(db, Article(id="pier", text=text), [
        Quote(text="The pier opens in May,", start=1, end=23, type="direct", speaker=Speaker("Mara Quell"))])
    review.add_review(db, quote_id("pier", 1, 23, "The pier opens in May,"), "needs check", REVIEWER, note="ask")
    yield db
    db.close()


def _reads(db) -> dict[str, set[str]]:
    """View name -> the tables and views its definition names."""
    names = set(db.table_names()) | set(db.view_names())
    return {view: {n for n in names if re.search(rf"\b{re.escape(n)}\b", db[view].schema)} - {view}
            for view in db.view_names()}


def test_what_holds_a_reviewer_column_is_for_reviewers_only(db):
    holding = {n for n in db.table_names() + db.view_names() if "reviewer" in db[n].columns_dict}
    assert holding == review.REVIEWER_ONLY_TABLES


def test_every_view_over_the_reviews_is_for_reviewers_only_but_the_public_ones(db):
    reads, over = _reads(db), {"reviews"}
    while grown := {v for v, names in reads.items() if names & over} - over:
        over |= grown
    assert over - review.PUBLIC_VIEWS_OVER_REVIEWS == review.REVIEWER_ONLY_TABLES


@pytest.mark.parametrize("view", sorted(review.PUBLIC_VIEWS_OVER_REVIEWS))
def test_a_public_view_over_the_reviews_has_no_reviewer_column(db, view):
    assert "reviewer" not in db[view].columns_dict


@pytest.mark.parametrize("name", sorted(set(QUERIES) - review.REVIEWER_ONLY_QUERIES))
def test_a_query_for_everyone_shows_no_reviewer(db, name):
    sql = QUERIES[name]["sql"]
    params = dict.fromkeys(re.findall(r"(?<!:):(\w+)", sql), "")
    cells = [cell for row in db.execute(sql, params).fetchall() for cell in row]
    assert REVIEWER not in cells and "reviewer" not in sql.replace("unreviewed", "")


def test_the_reviewer_only_queries_are_served():
    assert review.REVIEWER_ONLY_QUERIES <= set(QUERIES)
