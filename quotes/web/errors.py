"""Error pages of a quotes site: the right status, one log line, no traceback for a user's mistake.

A bad request (an unknown page, a bad sort column, full-text search syntax that does not parse) is a
4xx with Datasette's error page; anything else is a 500 whose log line names the exception (with
QUOTES_DEBUG=1 the traceback follows).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import traceback

from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError

LOG = logging.getLogger("quotes.web")
# SQLite errors that come from what the visitor asked for, not from the server
_BAD_QUERY = ("fts5: syntax error", "unterminated string", "no such column", "malformed match")


def status_and_message(exception: Exception) -> tuple[int, str]:
    """The HTTP status and the one-line message for a failing request."""
    if isinstance(exception, Base400):
        return exception.status, str(exception.args[0] if exception.args else exception)
    if isinstance(exception, DatasetteError):
        # Datasette raises these for what a request asked ("Cannot sort table by x"), with 500 by default
        return (400 if exception.status == 500 else exception.status), str(exception.message)
    if isinstance(exception, AssertionError) and "only POST to a canned query" in str(exception):
        return 405, "method not allowed: only canned queries take a POST"
    if isinstance(exception, sqlite3.OperationalError) and any(b in str(exception).lower() for b in _BAD_QUERY):
        return 400, f"invalid query: {exception}"
    return 500, f"{type(exception).__name__}: {exception}"


def responder(datasette, request, exception: Exception):
    """What Datasette awaits to answer the failing ``request`` (see the plugin's handle_exception)."""

    async def respond() -> Response:
        status, message = status_and_message(exception)
        message = " ".join(message.split())
        LOG.warning("%s %s %s: %s", status, request.method, request.path, message[:300])
        if status >= 500 and os.environ.get("QUOTES_DEBUG"):
            traceback.print_exception(exception)
        info = {"ok": False, "error": message, "status": status, "title": None}
        if request.path.split("?")[0].endswith(".json"):
            return Response.json(info, status=status)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        html = await template.render_async(dict(info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(),
                                                menu_links=lambda: []))
        return Response.html(html, status=status)

    return respond


def quiet_sql_errors(database) -> None:
    """Make ``database.execute`` default to ``log_sql_errors=False`` (a caller may still ask for the print)."""
    if getattr(database, "_quotes_quiet", False):
        return
    execute = database.execute

    async def quiet_execute(sql, params=None, *args, log_sql_errors: bool = False, **kwargs):
        return await execute(sql, params, *args, log_sql_errors=log_sql_errors, **kwargs)

    database.execute = quiet_execute
    database._quotes_quiet = True
