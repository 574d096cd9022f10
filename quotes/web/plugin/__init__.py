"""The quotes Datasette plugin, registered by the ``datasette`` entry point (``pyproject.toml``).

Takes a Datasette instance; gives each quotes database among its files (see
:mod:`quotes.web.instance`) the bundled metadata, the review tables' metadata and canned queries,
the reviewer logins (to ``datasette-auth-passwords`` only, never to ``/-/metadata.json``), the
article view, the review form and its templates (``templates/`` here, found by Datasette). Other
databases, and a Datasette serving none of ours, are left as they are.
"""

from __future__ import annotations

import codecs
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

from quotes.factcheck.review import REVIEW_QUERY, REVIEWER_ROLE
from quotes.web import config, counts, errors, next_page, pages, privacy
from quotes.web.csv_cells import CsvCells
from quotes.web.instance import accounts, quotes_databases
from quotes.web.logins import LoginGuard


@hookimpl
def get_metadata(datasette, key, database, table):
    """Metadata for the quotes databases; the login config only when asked for ``plugins`` (what
    ``plugin_config`` asks), so the password hashes stay out of ``/-/metadata.json``."""
    names = quotes_databases(datasette)
    if not names:
        return None
    if key == "plugins":
        return {"plugins": {config.AUTH_PLUGIN: config.auth_config(accounts(datasette))}}
    databases = {name: config.database_metadata() for name in names}
    return {**config.instance_metadata(datasette.urls.database(names[0])), "databases": databases}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database not in quotes_databases(datasette):
        return None
    return pages.quote_cell(row, value, column, table, database, datasette)


@hookimpl
def register_routes():
    return [(r"^/-/article$", pages.article_view)]


@hookimpl
def extra_template_vars(database, request, datasette):
    """Pages of a quotes database get ``quotes_site`` (``templates/table.html`` styles them); the review
    form's page gets the quote in context (``templates/query.html`` shows it)."""
    if request is None or database not in quotes_databases(datasette):
        return {}
    if request.url_vars.get("table") != REVIEW_QUERY:
        return {"quotes_site": True}

    async def review_vars():
        return {"review": await pages.review_form(datasette, database, request)}

    return review_vars()


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    """Only reviewers see who reviewed (the review tables and queries, free SQL: :mod:`quotes.web.privacy`)
    and record verdicts; a reviewer removed while the server runs is refused both, even with a login
    cookie from before."""
    return privacy.permission(datasette, actor, action, resource)


@hookimpl
def forbidden(datasette, request, message):
    """Anonymous visitors who open the review form are sent to log in, and back to the form afterwards
    (:mod:`quotes.web.next_page`); a POST still gets 403."""
    if request.method != "GET" or request.actor:
        return None
    forms = {datasette.urls.database(name) + f"/{REVIEW_QUERY}" for name in quotes_databases(datasette)}
    if request.path not in forms:
        return None
    return Response.redirect(next_page.login_url(datasette.urls.path(next_page.LOGIN_PATH), request.full_path))


@hookimpl
def menu_links(datasette, actor):
    """Everyone: the quotes at a glance; reviewers: their queues and their reviews."""
    names = quotes_databases(datasette)
    if not names:
        return None
    base = datasette.urls.database(names[0])
    links = [{"href": f"{base}/{pages.QUOTE_LIST}", "label": "Quotes at a glance"}]
    if not actor or REVIEWER_ROLE not in (actor.get("roles") or []):
        return links
    return links + [
        {"href": f"{base}/unreviewed_quotes", "label": "Unreviewed quotes"},
        {"href": f"{base}/disputed_quotes", "label": "Disputed quotes"},
        {"href": f"{base}/reviews_by_reviewer?" + urlencode({"reviewer": actor.get("id", "")}), "label": "My reviews"},
    ]


# Headers on every page of a quotes site: no framing by other sites (clickjacking of the review form), no
# content-type sniffing, no full URLs (with quote ids) leaked to other sites.
# Datasette's pages use inline scripts and styles of their own, but load nothing from other sites: so
# does the policy, which also forbids framing and posting forms elsewhere.
CONTENT_SECURITY_POLICY = (b"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                           b"img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'")
SECURITY_HEADERS = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"), (b"content-security-policy", CONTENT_SECURITY_POLICY)]
SESSION_COOKIES = (b"ds_actor=",)  # the login cookie: never readable by a page's scripts
HIDDEN_PATHS = {"/-/databases", "/-/databases.json"}


@hookimpl
def asgi_wrapper(datasette):
    logins = LoginGuard()

    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] != "http" or not quotes_databases(datasette):
                return await app(scope, receive, send)

            cells = CsvStream(b"_header=off" not in scope.get("query_string", b"")) if _is_csv(scope) else None

            async def send_guarded(message):
                if message["type"] == "http.response.start":
                    headers = next_page.login_headers(scope, message["status"], list(message.get("headers", [])))
                    headers = _guarded_headers(headers)
                    if cells is not None:  # the body changes length as cells are rewritten
                        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                    message = dict(message, headers=headers)
                elif message["type"] == "http.response.body" and cells is not None:
                    message = dict(message, body=cells.body(message.get("body", b""), message.get("more_body", False)))
                await send(message)

            if scope.get("path") in HIDDEN_PATHS:  # they show where the database (and reviewers file) live
                return await Response.text("Not found", status=404).asgi_send(send_guarded)
            scope = dict(scope)
            refusal, receive = await logins.guard(datasette, scope, receive)
            if refusal is not None:
                return await refusal.asgi_send(send_guarded)
            return await app(scope, receive, send_guarded)

        return guarded

    return wrap


def _guarded_headers(headers) -> list:
    out = []
    for name, value in headers:
        if name.lower() == b"set-cookie" and value.startswith(SESSION_COOKIES) and b"httponly" not in value.lower():
            value += b"; HttpOnly"
        out.append((name, value))
    present = {name.lower() for name, _ in out}
    return out + [(name, value) for name, value in SECURITY_HEADERS if name not in present]


@hookimpl(hookwrapper=True)
def handle_exception(datasette, request, exception):
    """A failing request on a quotes site is one log line and an error page, never a traceback with
    locals on the server's log (Datasette's own handler prints one for every bad request, even a 404)."""
    outcome = yield
    if quotes_databases(datasette):
        outcome.force_result([errors.responder(datasette, request, exception)])


def _is_csv(scope) -> bool:
    return scope.get("path", "").endswith(".csv") or b"_format=csv" in scope.get("query_string", b"")


class CsvStream:
    """The UTF-8 body of a CSV response, rewritten by :class:`~quotes.web.csv_cells.CsvCells`."""

    def __init__(self, header: bool = True):
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.cells = CsvCells(header)

    def body(self, chunk: bytes, more: bool) -> bytes:
        text = self.cells.feed(self.decoder.decode(chunk, final=not more))
        return (text + ("" if more else self.cells.end())).encode("utf-8")


@hookimpl
def startup(datasette):
    """A query that fails on a quotes database is logged once, by the error page's log line, not also by
    Datasette's multi-kilobyte "ERROR: conn=..., sql=..." print; whole-table counts are kept between
    requests (:mod:`quotes.web.counts`)."""
    for name in quotes_databases(datasette):
        errors.quiet_sql_errors(datasette.get_database(name))
        counts.keep_counts(datasette, name)
