"""Logins cannot stall a quotes site: failures are checked off the event loop, counted, refused for a
while and logged one line each; Basic authorization headers are ignored."""

import asyncio
import base64
import logging
import re
import shutil

import pytest
from datasette_auth_passwords.utils import hash_password

from quotes.web import logins, serve


@pytest.fixture
def ds(tmp_path, stored_file):
    path = tmp_path / "quotes.db"
    shutil.copyfile(stored_file, path)
    return serve.app(path, {"alice": hash_password("alice-secret-1", iterations=1000)})


def _login(ds, name, password):
    async def go():
        page = await ds.client.get("/-/login")
        token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
        return await ds.client.post("/-/login", cookies=dict(page.cookies),
                                    data={"username": name, "password": password, "csrftoken": token})
    return asyncio.run(go())


def test_a_right_password_logs_in(ds):
    response = _login(ds, "alice", "alice-secret-1")
    assert response.status_code == 302 and "ds_actor=" in response.headers["set-cookie"]


def test_a_wrong_password_is_the_login_page_with_an_error_and_one_log_line(ds, caplog):
    with caplog.at_level(logging.WARNING, logger="quotes.web"):
        response = _login(ds, "alice", "guess")
    assert response.status_code == 200 and "Invalid username or password" in response.text
    assert [r.getMessage() for r in caplog.records if r.name == "quotes.web"] == [
        "failed login for 'alice' from 127.0.0.1"]


def test_a_guessing_client_is_refused_for_a_while(ds):
    for _ in range(logins.MAX_FAILURES_PER_CLIENT):
        assert _login(ds, "alice", "guess").status_code == 200
    assert _login(ds, "alice", "guess").status_code == 429
    assert _login(ds, "alice", "alice-secret-1").status_code == 429  # even the right password, until it passes


def test_failures_are_forgotten_after_the_window(monkeypatch):
    failures = logins.Failures(limit=2)
    failures.add("1.2.3.4", 0.0)
    failures.add("1.2.3.4", 1.0)
    assert failures.blocked("1.2.3.4", 2.0)
    assert not failures.blocked("1.2.3.4", logins.WINDOW_S + 1.5)


@pytest.mark.parametrize("header", ["Basic wg==", "Basic " + base64.b64encode(b"alice:guess").decode()])
def test_basic_authorization_headers_are_ignored(ds, header):
    response = asyncio.run(ds.client.get("/quotes", headers={"authorization": header}))
    assert response.status_code == 200
    assert "alice" not in response.text  # no one is logged in by a header


def test_a_login_post_without_the_forms_cookie_is_refused(ds):
    # asgi-csrf skips its check for a request with no cookies at all: a forged, cross-site login
    response = asyncio.run(ds.client.post("/-/login", data={"username": "alice", "password": "alice-secret-1"}))
    assert response.status_code == 403 and "ds_actor" not in response.headers.get("set-cookie", "")


def test_an_unknown_name_costs_a_password_check_like_a_reviewers(ds, monkeypatch):
    """A wrong password for a reviewer's name and any password for a name no one has take the same hashing
    (the same rounds), so the time a failed login takes does not tell which names are reviewers'."""
    rounds = []

    def verify(password, password_hash):
        rounds.append(password_hash.split("$")[1])
        return False

    monkeypatch.setattr(logins, "verify_password", verify)
    _login(ds, "alice", "guess")
    _login(ds, "nobody-here", "guess")
    assert rounds == ["1000", "1000"]
