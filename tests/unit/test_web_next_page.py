"""Which pages a login may return to (quotes.web.next_page): paths on this site only."""

from __future__ import annotations

import pytest

from quotes.web.csv_cells import readable_headings
from quotes.web.next_page import local_path, login_headers, login_url


@pytest.mark.parametrize("target", ["/quotes/review_quote?quote_id=a0f9", "/", "/quotes/quote_list#top"])
def test_a_path_on_this_site_is_a_target(target):
    assert local_path(target) == target


@pytest.mark.parametrize("target", [
    "//evil.example/quotes", "https://evil.example/", "http:/evil.example", "/\\evil.example", "\\\\evil.example",
    "evil.example/quotes", "javascript:alert(1)", "/quotes\r\nSet-Cookie: x=1", "/-/login?next=/", "/-/logout",
    "", None, "/" + "a" * 2_001])
def test_anything_else_is_not(target):
    assert local_path(target) is None


def test_the_login_address_carries_the_target_encoded():
    assert login_url("/-/login", "/quotes/review_quote?quote_id=a&b") == (
        "/-/login?next=/quotes/review_quote%3Fquote_id%3Da%26b")


def _scope(method: str, query: bytes = b"", cookie: bytes = b"") -> dict:
    return {"path": "/-/login", "method": method, "query_string": query, "headers": [(b"cookie", cookie)]}


def test_showing_the_login_page_remembers_a_valid_target():
    headers = login_headers(_scope("GET", b"next=/quotes/quote_list"), 200, [])
    assert headers == [(b"set-cookie", b"quotes_next=%2Fquotes%2Fquote_list; Path=/-/login; Max-Age=600; HttpOnly; "
                                       b"SameSite=Lax")]


def test_a_successful_login_goes_to_the_remembered_target_and_forgets_it():
    scope = _scope("POST", cookie=b"ds_csrftoken=t; quotes_next=%2Fquotes%2Freview_quote%3Fquote_id%3Da0f9")
    headers = login_headers(scope, 302, [(b"location", b"/"), (b"set-cookie", b"ds_actor=signed")])
    assert (b"location", b"/quotes/review_quote?quote_id=a0f9") in headers and (b"location", b"/") not in headers
    assert any(k == b"set-cookie" and v.startswith(b"quotes_next=; ") and b"Max-Age=0" in v for k, v in headers)


def test_a_failed_login_goes_nowhere_else():
    scope = _scope("POST", cookie=b"quotes_next=%2Fquotes")
    assert login_headers(scope, 200, [(b"content-type", b"text/html")]) == [(b"content-type", b"text/html")]


def test_a_forged_cookie_to_another_site_is_ignored():
    scope = _scope("POST", cookie=b"quotes_next=%2F%2Fevil.example")
    headers = login_headers(scope, 302, [(b"location", b"/"), (b"set-cookie", b"ds_actor=signed")])
    assert headers == [(b"location", b"/"), (b"set-cookie", b"ds_actor=signed")]


def test_csv_label_headings_become_readable_unless_the_name_is_taken():
    assert readable_headings(["id", "speaker_id", "speaker_id_label", "article_id", "article_id_label"]) == [
        "id", "speaker_id", "speaker", "article_id", "article"]
    assert readable_headings(["speaker", "speaker_id", "speaker_id_label"]) == [
        "speaker", "speaker_id", "speaker_id_label"]
