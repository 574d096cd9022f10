"""The quotes Datasette plugin: registered by entry point, active on quotes databases only, and
the reviewers' password hashes reach the login plugin but never ``/-/metadata.json``."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from datasette.app import Datasette
from datasette.plugins import pm

import quotes.web.plugin
from quotes import store
from quotes.web import serve

HASH = "pbkdf2_sha256$1000$salt$hash"


def _get(datasette, path: str):
    return asyncio.run(datasette.client.get(path))


@pytest.fixture
def quotes_db(tmp_path):
    path = tmp_path / "quotes.db"
    store.open_db(path).close()
    return path


@pytest.fixture
def other_db(tmp_path):
    """Someone else's database, with columns whose names our plugin reacts to on a quotes database."""
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table notes (id text primary key, quote_id text, text text)")
        conn.execute("insert into notes values ('n1', 'q1', 'Bring the harbour charts.')")
    conn.close()
    return path


def test_the_entry_point_names_the_plugin():
    found = {ep.name: ep.value for ep in entry_points(group="datasette")}
    assert found.get("quotes") == "quotes.web.plugin"


def test_datasette_registers_the_plugin():
    assert ("quotes", quotes.web.plugin) in pm.list_name_plugin()


def test_datasette_plugins_lists_it_with_its_hooks():
    out = subprocess.run([sys.executable, "-m", "datasette", "plugins"], capture_output=True, text=True, timeout=60)
    listed = {p["name"]: p for p in json.loads(out.stdout)}
    assert {"get_metadata", "register_routes", "render_cell"} <= set(listed["quotes"]["hooks"])
    assert listed["quotes"]["templates"] is True


def test_a_quotes_database_gets_the_metadata_and_review_queries(quotes_db):
    datasette = serve.app(quotes_db, accounts={})
    assert datasette.metadata("title") == "Quotes in the news"
    queries = asyncio.run(datasette.get_canned_queries("quotes", None))
    assert {"quotes_by_speaker", "review_quote", "unreviewed_quotes"} <= set(queries)


def test_another_database_is_left_alone(other_db):
    datasette = Datasette(files=[str(other_db)])
    assert datasette.metadata("title") is None
    assert asyncio.run(datasette.get_canned_queries("notes", None)) == {}
    page = _get(datasette, "/notes/notes")
    assert page.status_code == 200 and "in article" not in page.text


def test_another_database_has_no_article_view(other_db):
    assert _get(Datasette(files=[str(other_db)]), "/-/article?quote=q1").status_code == 404


def test_beside_another_database_only_ours_gets_metadata(quotes_db, other_db):
    datasette = Datasette(files=[str(quotes_db), str(other_db)])
    assert datasette.metadata("queries", database="notes", fallback=False) is None
    assert "review_quote" in datasette.metadata("queries", database="quotes", fallback=False)


def test_the_login_plugin_gets_the_hashes(quotes_db):
    config = serve.app(quotes_db, {"alice": HASH}).plugin_config("datasette-auth-passwords")
    assert config["alice_password_hash"] == HASH


def test_anonymous_metadata_json_shows_no_hash(quotes_db):
    body = _get(serve.app(quotes_db, {"alice": HASH}), "/-/metadata.json").text
    assert "Quotes in the news" in body and HASH not in body and "password_hash" not in body
