"""Serve the quotes database with Datasette: the bundled metadata, the review queries, reviewer
logins and our own plugin and templates (``quotes/web/``).

``quotes/metadata.json`` is the one copy of the hand-written metadata (the repository root's
``metadata.json`` links to it). Its database entry is keyed ``quotes``; :func:`metadata_for` re-keys
it to the name Datasette gives another file (the file name without ``.db``), adds the review tables
and canned queries from :mod:`quotes.review`, and the reviewer accounts kept next to the database.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from quotes import store
from quotes.factcheck import review
from quotes.web import reviewers

METADATA_PATH = Path(__file__).parent.parent / "metadata.json"
WEB_DIR = Path(__file__).parent
PLUGINS_DIR = WEB_DIR / "plugins"
TEMPLATES_DIR = WEB_DIR / "templates"
AUTH_PLUGIN = "datasette-auth-passwords"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


def metadata_for(db_path: str | Path, accounts: dict[str, str] | None = None) -> dict:
    """The metadata for serving ``db_path``: bundled metadata, review queries and reviewer logins.

    ``accounts`` (name -> password hash) defaults to the reviewers file next to the database.
    """
    metadata = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    databases = metadata.setdefault("databases", {})
    if len(databases) == 1:
        (entry,) = databases.values()
        metadata["databases"] = {Path(db_path).stem: entry}
    for entry in metadata["databases"].values():
        tables = entry.setdefault("tables", {})
        for name, table in review.TABLES.items():
            tables[name] = {**copy.deepcopy(table), **tables.get(name, {})}
        entry.setdefault("queries", {}).update(copy.deepcopy(review.QUERIES))
    if accounts is None:
        accounts = reviewers.load(reviewers.accounts_file(db_path))
    metadata.setdefault("plugins", {})[AUTH_PLUGIN] = reviewers.plugin_config(accounts)
    return metadata


def datasette_options(db_path: str | Path, accounts: dict[str, str] | None = None) -> dict:
    """Keyword arguments for ``datasette.app.Datasette`` serving ``db_path`` as ``quotes serve`` does."""
    return {"files": [str(db_path)], "metadata": metadata_for(db_path, accounts),
            "plugins_dir": str(PLUGINS_DIR), "template_dir": str(TEMPLATES_DIR)}


def datasette_command(db_path: str | Path, metadata_file: str | Path, host: str = DEFAULT_HOST,
                      port: int = DEFAULT_PORT, get: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata_file),
               "--plugins-dir", str(PLUGINS_DIR), "--template-dir", str(TEMPLATES_DIR),
               "--host", host, "--port", str(port)]
    if get is not None:
        command += ["--get", get]
    return command


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, get: str | None = None) -> int:
    """Run Datasette on the database until it stops; with ``get``, fetch that one path and exit.

    The database gets any tables and views it lacks (an older one gains the review tables) first.
    Returns Datasette's exit status.
    """
    store.open_db(db_path).close()
    metadata = metadata_for(db_path)
    with tempfile.TemporaryDirectory(prefix="quotes-serve-") as tmp:
        metadata_file = Path(tmp) / "metadata.json"  # holds password hashes: readable by us only
        metadata_file.touch(mode=0o600)
        metadata_file.write_text(json.dumps(metadata), encoding="utf-8")
        try:
            return subprocess.call(datasette_command(db_path, metadata_file, host, port, get))
        except KeyboardInterrupt:
            return 130
