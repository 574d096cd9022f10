"""Every page of a quotes site refuses framing and sniffing, and the login cookie is HttpOnly."""

import asyncio
import re
import shutil

import pytest
from datasette_auth_passwords.utils import hash_password

from quotes.web import serve


@pytest.fixture
def ds(tmp_path, stored_file):
    path = tmp_path / "quotes.db"
    shutil.copyfile(stored_file, path)
    return serve.app(path, {"alice": hash_password("alice-secret-1", iterations=1000)})


def _get(ds, path, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


@pytest.mark.parametrize("path", ["/", "/quotes", "/quotes/quotes", "/-/login", "/quotes/nowhere"])
def test_pages_carry_the_security_headers(ds, path):
    headers = _get(ds, path).headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in ("same-origin", "no-referrer")  # Datasette sets the stricter one on some
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]


def test_the_login_cookie_is_http_only(ds):
    page = _get(ds, "/-/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    response = asyncio.run(ds.client.post("/-/login", cookies=dict(page.cookies), data={
        "username": "alice", "password": "alice-secret-1", "csrftoken": token}))
    cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith("ds_actor=")]
    assert cookies and all("httponly" in c.lower() for c in cookies)


def test_a_datasette_serving_other_databases_is_left_as_it_is(tmp_path):
    import sqlite3

    from datasette.app import Datasette

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    response = asyncio.run(Datasette(files=[str(other)]).client.get("/"))
    assert "x-frame-options" not in response.headers
