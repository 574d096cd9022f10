"""``quotes serve``: Datasette on the quotes database, in this process.

Takes a database path; gives a running Datasette (uvicorn on a socket bound here) or one fetched
page. Everything quotes-specific (metadata, review queries, logins, pages, templates) comes from the
registered plugin :mod:`quotes.web.plugin`; the reviewer accounts are read from the reviewers file
and handed to it in memory, so no file is written. SIGTERM or SIGINT stop the server: uvicorn shuts
down and the process exits, with no child left answering on the port.
"""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

from quotes import store
from quotes.errors import ServeError
from quotes.store import clusters
from quotes.web import config

PLUGIN_NAME = "quotes"  # the entry point's name in pyproject.toml
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
# at a million quotes: suggested facets would group every column of every page (seconds), requested facets
# list 10 values (a "…" link shows more) and give up, marked as timed out, rather than hold a page
SETTINGS = {"suggest_facets": False, "default_facet_size": 10, "facet_time_limit_ms": 400}
STOP_WITHIN_S = 1  # unfinished requests get this long after a signal before they are cancelled


def app(db_path: str | Path, accounts: dict[str, str] | None = None):
    """A ``datasette.app.Datasette`` serving ``db_path`` as ``quotes serve`` does.

    ``accounts`` (name -> password hash) are the reviewers who may log in; by default the plugin
    reads the reviewers file next to the database.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from quotes.web import instance

    if pm.get_plugin(PLUGIN_NAME) is None:
        raise ServeError("the quotes Datasette plugin is not registered: reinstall the package (pip install -e .)")
    datasette = Datasette(files=[str(db_path)], settings=SETTINGS)
    if accounts is not None:
        instance.use_accounts(datasette, accounts)
    return datasette


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; a port in use is a one-line :class:`ServeError`."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        raise ServeError(f"cannot open a socket for {host}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use: stop what runs there or pick another with --port") \
                from None
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(False)
    return sock


def fetch(datasette, path: str) -> int:
    """Print the page at ``path`` (as ``datasette --get`` does); 0 when it answers 200, else 1."""

    async def get():
        await datasette.invoke_startup()
        return await datasette.client.get(path)

    import asyncio  # only for --get: the server itself runs under Datasette's own loop

    response = asyncio.run(get())
    sys.stdout.write(response.text + "\n")
    sys.stdout.flush()
    return 0 if response.status_code == 200 else 1


def run(datasette, sock: socket.socket) -> int:
    """Serve on ``sock`` until SIGINT or SIGTERM (uvicorn's handlers shut it down, then re-raise)."""
    import uvicorn

    host, port = sock.getsockname()[:2]
    print(f"Datasette at http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    server = uvicorn.Server(uvicorn.Config(
        datasette.app(), log_level="warning", lifespan="on", timeout_graceful_shutdown=STOP_WITHIN_S))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        return 130
    finally:
        sock.close()
    return 0


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, get: str | None = None) -> int:
    """Run Datasette on the database until it is stopped; with ``get``, fetch that one path and exit.

    A missing or empty database is a one-line error; an older one gains the tables and views it lacks
    and clusters of its stored quotes first; a bad reviewers file or a busy port fails before anything
    is served. Returns the exit status.
    """
    with store.open_db(db_path, create=False) as db:
        clusters.ensure_fresh(db)  # the repeated-quotes pages show what is stored now
    config.accounts_beside(db_path)  # a bad reviewers file is a one-line error before anything is served
    datasette = app(db_path)  # the plugin reads the file again whenever it changes
    if get is not None:
        return fetch(datasette, get)
    return run(datasette, bind(host, port))
