"""Datasette at a million quotes: no page pays for suggested facets, facets list few values, whole-table
counts are kept until something changes."""

from __future__ import annotations

import asyncio

from quotes import store
from quotes.factcheck.review import add_review
from quotes.web import serve


def _get(datasette, path):
    async def fetch():
        await datasette.invoke_startup()
        return await datasette.client.get(path)

    return asyncio.run(fetch())


def test_the_quotes_table_suggests_no_facets(stored, db_path):
    stored.close()
    page = _get(serve.app(db_path), "/quotes/quotes.json?_extra=suggested_facets")
    assert page.status_code == 200 and page.json()["suggested_facets"] == []


def test_a_requested_facet_lists_at_most_ten_values(stored, db_path):
    stored.close()
    page = _get(serve.app(db_path), "/quotes/quotes.json?_facet=type&_extra=facet_results")
    assert page.status_code == 200
    facets = page.json()["facet_results"]
    assert facets and all(len(f["results"]) <= 10 for f in facets.values())


def _visits(datasette, *steps):
    """Each step in turn in one event loop: a path is fetched (its JSON kept), a callable is called."""
    async def run():
        await datasette.invoke_startup()
        out = []
        for step in steps:
            out.append((await datasette.client.get(step)).json() if isinstance(step, str) else step())
        return out

    return asyncio.run(run())


LIST_COUNTS = "/quotes/quote_list.json"


def _verdicts(page) -> dict:
    return {row["value"]: row["count"] for row in page["facet_results"]["verdict"]["results"]}


def test_the_quote_list_keeps_its_counts_between_visits(stored, db_path):
    stored.close()
    datasette = serve.app(db_path)
    first, second = _visits(datasette, LIST_COUNTS, LIST_COUNTS)
    kept = datasette.get_database("quotes")._quotes_counts.results
    assert first["filtered_table_rows_count"] == second["filtered_table_rows_count"] == 7
    assert any(sql.startswith("select count(*) from quote_list") for sql in kept)
    assert any(sql.strip().startswith("select verdict as value") for sql in kept)
    assert _verdicts(first) == _verdicts(second) == {"unreviewed": 7}


def test_the_quote_list_counts_a_verdict_recorded_after_it_was_counted(stored, db_path):
    quote_id = stored.execute("select id from quotes order by id limit 1").fetchone()[0]
    stored.close()

    def review():
        with store.open_db(db_path) as db:
            add_review(db, quote_id, "correct", "Ines Varga")

    before, _, after = _visits(serve.app(db_path), LIST_COUNTS, review, LIST_COUNTS)
    assert _verdicts(before) == {"unreviewed": 7}
    assert _verdicts(after) == {"unreviewed": 6, "correct": 1}
