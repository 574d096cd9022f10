"""The same quote in several outlets: clusters, counts and first appearance."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest

from quotes import store
from quotes.cli import app
from quotes.model import Article
from quotes.store import clusters
from quotes.web import serve

CONDEMN = "We strongly condemn the delays that left the roof in this state"


@pytest.fixture
def reprint(stored, quote_at):
    """``reprint(id, quote, published, publisher)``: store an article in another outlet that carries ``quote``
    said by Helena Quist; returns the database."""

    def _reprint(article_id, quote, published=None, publisher="Coastal Wire", repeat=1):
        text = "Museum roof\n\n" + "".join(f"“{quote},” Helena Quist said on day {n}.\n\n" for n in range(repeat))
        article = Article(id=article_id, text=text, publisher=publisher, published=published)
        found, start = [], 0
        for _ in range(repeat):
            quote_obj = quote_at(article, quote, "direct", "Helena Quist")
            start = text.index(quote, start)
            quote_obj.start, quote_obj.end = start, start + len(quote)
            found.append(quote_obj)
            start += len(quote)
        store.save_extraction(stored, article, found)
        return stored

    return _reprint


def _cluster_texts(db):
    clusters.refresh(db)
    return {c.text: c for c in clusters.clusters(db)}


def test_identical_quote_in_two_outlets_is_one_cluster(reprint):
    db = reprint("wire-1", CONDEMN, "2025-06-03")
    (cluster,) = _cluster_texts(db).values()
    assert (cluster.quotes, cluster.articles, cluster.outlets) == (2, 2, 2)


def test_first_appearance_is_the_earliest_published(reprint):
    db = reprint("wire-1", CONDEMN, "2025-06-01")
    (cluster,) = _cluster_texts(db).values()
    assert (cluster.first_article_id, cluster.first_published, cluster.last_published) == (
        "wire-1", "2025-06-01", "2025-06-02")


def test_undated_appearance_is_never_first(reprint):
    db = reprint("wire-1", CONDEMN, None)
    (cluster,) = _cluster_texts(db).values()
    assert cluster.first_article_id == "museum"


def test_case_and_punctuation_do_not_split_a_cluster(reprint):
    db = reprint("wire-1", "we strongly condemn the delays that left the roof in this state!", "2025-06-03")
    assert [c.quotes for c in _cluster_texts(db).values()] == [2]


def test_near_identical_quote_joins_the_cluster(reprint):
    db = reprint("wire-1", "We strongly condemn the delays which left the roof in this state", "2025-06-03")
    (cluster,) = _cluster_texts(db).values()
    similarity = {row["article_id"]: row["similarity"] for row in clusters.appearances(db, cluster.id)}
    assert cluster.articles == 2 and similarity["museum"] == 1.0 and 0.9 <= similarity["wire-1"] < 1.0


def test_different_quote_with_shared_words_stays_apart(reprint):
    db = reprint("wire-1", "We strongly condemn the council that left the museum without money", "2025-06-03")
    assert _cluster_texts(db) == {}


def test_same_quote_twice_in_one_article_is_not_a_cluster(reprint):
    db = reprint("wire-1", "the roof will be finished by March", "2025-06-03", repeat=2)
    assert _cluster_texts(db) == {}


def test_one_word_quotes_are_not_clustered(reprint):
    db = reprint("wire-1", "safe", "2025-06-03")
    reprint("wire-2", "safe", "2025-06-04")
    assert _cluster_texts(db) == {}


def test_refresh_forgets_quotes_that_are_gone(reprint, stored):
    reprint("wire-1", CONDEMN, "2025-06-03")
    clusters.refresh(stored)
    store.save_extraction(stored, Article(id="wire-1", text="Museum roof\n\nNo comment.\n"), [])
    assert _cluster_texts(stored) == {} and stored["quote_cluster_members"].count == 0


def test_saving_keeps_the_clusters_fresh(reprint, stored):
    reprint("wire-1", CONDEMN, "2025-06-03")
    assert len(clusters.clusters(stored)) == 1 and clusters.ensure_fresh(stored) is False


def test_ensure_fresh_recomputes_only_after_quotes_written_outside_the_library(reprint, stored):
    reprint("wire-1", CONDEMN, "2025-06-03")
    stored.execute("delete from quotes where article_id = 'wire-1'")
    assert clusters.ensure_fresh(stored) is True and clusters.clusters(stored) == []
    assert clusters.ensure_fresh(stored) is False


def test_words_key_ignores_case_and_punctuation():
    assert clusters.words_key("Not, EVER — never!") == "not ever never"


# -- where editors see them ---------------------------------------------------------------
def test_lookup_command_shows_how_often_and_where_first(runner, reprint, db_path):
    reprint("wire-1", CONDEMN, "2025-06-01").close()
    result = runner.invoke(app, ["lookup", "strongly condemn", "--db", str(db_path)])
    assert "same quote in 2 articles (2 outlets), first: wire-1, 2025-06-01" in result.stdout


def test_lookup_shows_a_quote_carried_by_several_outlets_once_with_its_outlets(runner, reprint, db_path):
    reprint("wire-1", CONDEMN, "2025-06-01", publisher="Coastal Wire")
    reprint("wire-2", CONDEMN, "2025-06-02", publisher="Harbour Morning").close()
    result = runner.invoke(app, ["lookup", "strongly condemn", "--db", str(db_path)])
    assert result.stdout.count(CONDEMN) == 1
    assert "same quote in 3 articles" in result.stdout and "Coastal Wire, Harbour Morning" in result.stdout


def test_clusters_command_lists_appearances(runner, reprint, db_path):
    reprint("wire-1", CONDEMN, "2025-06-03").close()
    result = runner.invoke(app, ["clusters", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "2 quotes in 2 articles from 2 outlets, first museum (2025-06-02)" in lines[0]
    assert lines[1].split()[:3] == ["2025-06-02", "Merrow", "Post"] and "wire-1" in lines[2]


def test_clusters_command_json_lists_each_cluster_with_its_appearances(runner, reprint, db_path):
    reprint("wire-1", CONDEMN, "2025-06-03").close()
    result = runner.invoke(app, ["clusters", "--json", "--db", str(db_path)])
    (cluster,) = json.loads(result.stdout)
    assert cluster["first_article_id"] == "museum"
    assert [a["article_id"] for a in cluster["appearances"]] == ["museum", "wire-1"]


def test_clusters_command_csv_has_one_row_an_appearance(runner, reprint, db_path):
    reprint("wire-1", CONDEMN, "2025-06-03").close()
    result = runner.invoke(app, ["clusters", "--csv", "--db", str(db_path)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["article_id"] for r in rows] == ["museum", "wire-1"] and len({r["cluster_id"] for r in rows}) == 1


def test_clusters_command_without_repeats_fails_in_one_line(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["clusters", "--db", str(db_path)])
    assert result.exit_code == 1 and result.stderr == "Error: no quote appears in more than one article\n"


def test_datasette_shows_repeated_quotes_with_first_appearance(reprint, db_path):
    db = reprint("wire-1", CONDEMN, "2025-06-01")
    clusters.refresh(db)
    db.close()
    datasette = serve.app(db_path)
    rows = asyncio.run(datasette.client.get("/quotes/repeated_quotes.json?_shape=array")).json()
    assert [(r["articles"], r["first_article_id"], r["first_outlet"]) for r in rows] == [(2, "wire-1", "Coastal Wire")]
