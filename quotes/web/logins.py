"""Logins that cannot stall a quotes site: the reviewers' passwords are checked off the event loop, a
guessing client or a guessed name is refused for a while, a name no one has takes as long to refuse as a
reviewer's (no timing tells which names are reviewers'), each failure is one log line, and
``Authorization: Basic`` headers (which datasette-auth-passwords would check, with a slow hash, on every
request) are dropped, since quotes never turns HTTP Basic logins on.

Takes the ASGI ``scope``/``receive`` of a request to a quotes site; :meth:`LoginGuard.guard` gives the
response to send instead of passing the request on (a refusal), or None with a ``receive`` that replays
the body it read (for a failed login, one that datasette-auth-passwords answers with its error page).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from urllib.parse import parse_qs, urlencode

from datasette.utils.asgi import Response
from datasette_auth_passwords.utils import verify_password

from quotes.web.config import AUTH_PLUGIN

LOG = logging.getLogger("quotes.web")
LOGIN_PATH = "/-/login"
MAX_FORM_BYTES = 16_384  # a login form is a name, a password and a token
WINDOW_S = 300.0  # failures are counted over the last five minutes...
MAX_FAILURES_PER_CLIENT = 10  # ... from one address
MAX_FAILURES_PER_NAME = 20  # ... for one reviewer name, from anywhere
DECOY_ROUNDS = 480_000  # datasette-auth-passwords' default, for a site with no accounts


class Failures:
    """Failed logins per key (client address, reviewer name) over the last :data:`WINDOW_S` seconds."""

    def __init__(self, limit: int):
        self.limit = limit
        self.times: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.times[key]
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        return times

    def blocked(self, key: str, now: float) -> bool:
        return len(self._recent(key, now)) >= self.limit

    def add(self, key: str, now: float) -> None:
        self._recent(key, now).append(now)


class LoginGuard:
    """The failure counts of one Datasette instance."""

    def __init__(self):
        self.clients = Failures(MAX_FAILURES_PER_CLIENT)
        self.names = Failures(MAX_FAILURES_PER_NAME)

    async def guard(self, datasette, scope, receive):
        """(response or None, receive) for one request; see the module docstring."""
        scope["headers"] = [(k, v) for k, v in scope.get("headers", [])
                            if not (k.lower() == b"authorization" and v[:6].lower() == b"basic ")]
        if scope.get("path") != LOGIN_PATH or scope.get("method") != "POST":
            return None, receive
        cookies = b"; ".join(v for k, v in scope["headers"] if k.lower() == b"cookie")
        if b"ds_csrftoken=" not in cookies:  # asgi-csrf lets a POST without cookies through: a forged login
            return Response.text("log in from the login form (/-/login)", status=403), receive
        body = await _read_body(receive)
        if body is None:
            return Response.text("login form too large", status=413), receive
        form = parse_qs(body.decode("utf-8", "replace"))
        name = (form.get("username") or [""])[0]
        password = (form.get("password") or [""])[0]
        client = (scope.get("client") or ("?",))[0]
        now = time.monotonic()
        if self.clients.blocked(client, now) or self.names.blocked(name, now):
            LOG.warning("login refused for %r from %s: too many failed logins, try again later", name, client)
            return Response.text("Too many failed logins: try again in a few minutes", status=429), _replay(body)
        accounts = (datasette.plugin_config(AUTH_PLUGIN) or {})
        password_hash = accounts.get(f"{name}_password_hash")
        # a name no one has is hashed as long as a reviewer's (a decoy that matches no password), so that
        # how long a failed login takes does not tell which names are reviewers'
        checked = password_hash or _decoy(accounts)
        if await asyncio.to_thread(verify_password, password, checked) and password_hash:
            return None, _replay(body)  # datasette-auth-passwords logs the reviewer in
        self.clients.add(client, now)
        self.names.add(name, now)
        LOG.warning("failed login for %r from %s", name, client)
        # datasette-auth-passwords shows its error page (CSRF checked as usual) for a name it does not know,
        # without hashing anything on the event loop
        form["username"], form["password"] = [""], [""]
        return None, _replay(urlencode(form, doseq=True).encode())


def _decoy(accounts: dict) -> str:
    """A PBKDF2 hash no password matches, with the most rounds of the accounts' hashes."""
    rounds = [value.split("$")[1] for key, value in accounts.items()
              if key.endswith("_password_hash") and isinstance(value, str) and value.count("$") == 3]
    most = max((int(r) for r in rounds if r.isdigit()), default=DECOY_ROUNDS)
    return f"pbkdf2_sha256${most}$decoy$matches-no-password"


async def _read_body(receive) -> bytes | None:
    """The request body, or None when it is over :data:`MAX_FORM_BYTES`."""
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
