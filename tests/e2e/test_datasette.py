"""The database served by Datasette 0.65 with the bundled metadata, in process."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from quotes.web import config as web_config
from quotes.web import serve

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def get(stored, db_path):
    """``get(path)``: an httpx response from Datasette serving the stored database."""
    stored.close()
    datasette = serve.app(db_path, accounts={})

    def fetch(path: str):
        return asyncio.run(datasette.client.get(path))

    return fetch


def test_root_metadata_is_the_packaged_metadata():
    assert json.loads((ROOT / "metadata.json").read_text(encoding="utf-8")) == json.loads(
        web_config.METADATA_PATH.read_text(encoding="utf-8"))


def test_metadata_is_keyed_by_database_file_name(tmp_path):
    assert list(web_config.metadata_for(tmp_path / "newsroom.db")["databases"]) == ["newsroom"]


def test_index_page_shows_title(get):
    response = get("/")
    assert response.status_code == 200 and "Quotes in the news" in response.text


def test_quotes_table_page_renders(get):
    response = get("/quotes/quotes")
    assert response.status_code == 200 and "We strongly condemn" in response.text


def test_quotes_table_has_configured_facets(get):
    data = get("/quotes/quotes.json?_size=0").json()
    assert {"speaker_id", "type", "article_id"} <= set(data["facet_results"])


def test_articles_table_has_publisher_facet(get):
    data = get("/quotes/articles.json?_size=0").json()
    assert "publisher" in data["facet_results"]


def test_speaker_facet_is_labelled_with_names(get):
    data = get("/quotes/quotes.json?_size=0").json()
    labels = {r["label"] for r in data["facet_results"]["speaker_id"]["results"]}
    assert "Helena Quist" in labels


def test_column_descriptions_are_shown(get):
    assert "The quote exactly as printed" in get("/quotes/quotes").text


def test_sorting_by_confidence_is_allowed(get):
    assert get("/quotes/quotes.json?_sort_desc=confidence").status_code == 200


def test_full_text_search_finds_quote(get):
    rows = get("/quotes/quotes.json?_search=condemn&_shape=array").json()
    assert [r["article_id"] for r in rows] == ["museum"]


def test_canned_query_quotes_by_speaker(get):
    rows = get("/quotes/quotes_by_speaker.json?speaker=Quist&_shape=array").json()
    assert {r["speaker"] for r in rows} == {"Helena Quist", "Lars Quist"}


def test_canned_query_unattributed_quotes(get):
    rows = get("/quotes/unattributed_quotes.json?_shape=array").json()
    assert [r["speaker_as_written"] for r in rows] == ["the museum"]


def test_canned_query_latest_quotes_newest_first(get):
    rows = get("/quotes/latest_quotes.json?_shape=array").json()
    assert rows[0]["published"] == "2025-06-05" and len(rows) == 7


def test_canned_query_page_has_title(get):
    assert "Quotes by speaker" in get("/quotes/quotes_by_speaker").text
