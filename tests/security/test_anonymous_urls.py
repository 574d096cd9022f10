"""Nothing an anonymous visitor can fetch holds a password hash, an account list or where files live."""

import asyncio

import pytest
from datasette_auth_passwords.utils import hash_password

from quotes import store
from quotes.model import Article, Quote, Speaker
from quotes.web import serve

PATHS = ["/", "/quotes", "/quotes.json", "/-/metadata.json", "/-/metadata", "/-/plugins.json", "/-/settings.json",
         "/-/databases.json", "/-/databases", "/-/versions.json", "/-/actor.json", "/-/threads.json",
         "/-/config.json", "/-/allow-debug", "/-/permissions", "/-/messages", "/-/login", "/-/password-tool",
         "/quotes/quotes.json", "/quotes/speakers.json", "/quotes/articles.json", "/quotes/review_quote",
         "/quotes/unreviewed_quotes.json", "/_internal.json", "/-/article?db=quotes&quote=nothing"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("newsroom-private-folder")
    path = folder / "quotes.db"
    db = store.open_db(path)
    text = "“We will open the pier in May,” said Mara Quell."
    store.save_extraction(db, Article(id="pier", text=text), [
        Quote(text="We will open the pier in May,", start=1, end=30, type="direct", speaker=Speaker("Mara Quell"))])
    db.close()
    password_hash = hash_password("secret-password-1", iterations=1000)
    return serve.app(path, {"zebedee": password_hash, "yolanda": password_hash}), folder


@pytest.mark.parametrize("path", PATHS)
def test_an_anonymous_page_holds_no_secret(site, path):
    ds, folder = site
    text = asyncio.run(ds.client.get(path)).text
    assert not [secret for secret in ("pbkdf2", "zebedee", "yolanda", "reviewers.json", folder.name) if secret in text]
