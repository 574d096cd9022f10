"""After logging in, back to the page that asked for it: a reviewer who follows a quote's *review* link
while logged out is sent to ``/-/login?next=/DB/review_quote?quote_id=...`` and, once logged in, lands on
that quote instead of the home page.

Takes the ASGI scope of a request and the headers of its response (the plugin's ``asgi_wrapper``); gives
the headers to send. datasette-auth-passwords' login form posts to ``/-/login`` without the query, so the
page to return to travels in a short-lived cookie set when the login page is shown and read when the login
succeeds. Only a path on this site is ever a target (no scheme, no host, no ``//``, no backslash or control
character): the login cannot be used to send anyone to another site.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs, quote, unquote, urlsplit

LOGIN_PATH = "/-/login"
COOKIE = "quotes_next"
MAX_CHARS = 2_000
NEVER_BACK_TO = ("/-/login", "/-/logout")  # no loop through the login itself


def local_path(value: str | None) -> str | None:
    """``value`` when it is a path on this site (``/...``, query allowed), else None."""
    if not value or len(value) > MAX_CHARS or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path.startswith(NEVER_BACK_TO):
        return None
    return value


def login_url(login: str, target: str) -> str:
    """The login page's address that comes back to ``target`` (a local path) afterwards."""
    return f"{login}?next={quote(target, safe='/')}"


def _cookie(scope) -> str | None:
    jar = SimpleCookie()
    for key, value in scope.get("headers", []):
        if key.lower() == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header: no target
                return None
    morsel = jar.get(COOKIE)
    return local_path(unquote(morsel.value)) if morsel else None


def _set_cookie(value: str, max_age: int) -> tuple[bytes, bytes]:
    return (b"set-cookie", f"{COOKIE}={quote(value, safe='')}; Path={LOGIN_PATH}; Max-Age={max_age}; "
                           f"HttpOnly; SameSite=Lax".encode("latin-1"))


def login_headers(scope, status: int, headers: list) -> list:
    """The response headers of a request to the login page, with the way back added: a GET with a valid
    ``next`` remembers it; a successful login (a redirect that sets ``ds_actor``) goes to it."""
    if scope.get("path") != LOGIN_PATH:
        return headers
    if scope.get("method") == "GET":
        args = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        target = local_path((args.get("next") or [""])[0])
        return headers + [_set_cookie(target, 600)] if target and status == 200 else headers
    logged_in = any(k.lower() == b"set-cookie" and v.startswith(b"ds_actor=") for k, v in headers)
    target = _cookie(scope) if scope.get("method") == "POST" and status in (301, 302, 303) and logged_in else None
    if target is None:
        return headers
    kept = [(k, v) for k, v in headers if k.lower() != b"location"]
    location = quote(target, safe="/?&=%#:;,+@!$'()*~-._")  # a header is ASCII: other characters encoded
    return kept + [(b"location", location.encode("ascii")), _set_cookie("", 0)]
