"""Datasette at a million quotes: no page pays for suggested facets, facets list few values."""

from __future__ import annotations

import asyncio

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
