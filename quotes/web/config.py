"""What the plugin adds to Datasette's configuration for a quotes database: the bundled metadata,
the review tables and canned queries, and the reviewer logins.

``quotes/metadata.json`` is the one copy of the hand-written metadata (the repository root's
``metadata.json`` links to it). Its database entry is keyed ``quotes``; it applies to every quotes
database, whatever name Datasette gives the file (the file name without ``.db``). The review tables
and canned queries come from :mod:`quotes.factcheck.review`, the logins from the reviewers file next
to the database (:mod:`quotes.web.reviewers`). Nothing here imports Datasette.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from functools import cache
from pathlib import Path

from quotes.factcheck import review
from quotes.store.schema import CORE_TABLES
from quotes.web import reviewers

METADATA_PATH = Path(__file__).parent.parent / "metadata.json"
AUTH_PLUGIN = "datasette-auth-passwords"
# a database with these tables is a quotes database: the plugin leaves any other alone


@cache
def _bundled() -> dict:
    return json.loads(METADATA_PATH.read_text(encoding="utf-8"))


def instance_metadata(database_url: str = "/quotes") -> dict:
    """The bundled metadata's top level (title, description...), without its databases; its links to the
    quotes database (``{database_url}`` in ``description_html``) point at ``database_url``."""
    top = {key: copy.deepcopy(value) for key, value in _bundled().items() if key != "databases"}
    if "description_html" in top:
        top["description_html"] = top["description_html"].replace("{database_url}", database_url)
    return top


def database_metadata() -> dict:
    """The metadata of one quotes database: tables (with the review tables) and canned queries."""
    (entry,) = copy.deepcopy(_bundled()["databases"]).values()
    tables = entry.setdefault("tables", {})
    for name, table in review.TABLES.items():
        tables[name] = {**copy.deepcopy(table), **tables.get(name, {})}
    entry.setdefault("queries", {}).update(copy.deepcopy(review.QUERIES))
    return entry


def metadata_for(db_path: str | Path) -> dict:
    """The metadata Datasette shows serving ``db_path`` alone: instance and database metadata, keyed
    by the name Datasette gives the file. No reviewer logins (the plugin gives those only to
    ``datasette-auth-passwords``)."""
    name = Path(db_path).stem
    return {**instance_metadata(f"/{name}"), "databases": {name: database_metadata()}}


def auth_config(accounts: dict[str, str]) -> dict:
    """The ``datasette-auth-passwords`` configuration for these reviewer accounts (name -> hash)."""
    return reviewers.plugin_config(accounts)


def accounts_beside(db_path: str | Path) -> dict[str, str]:
    """The reviewer accounts kept next to the database at ``db_path`` (none without a file)."""
    return reviewers.load(reviewers.accounts_file(db_path))


def is_quotes_database(path: str | Path | None) -> bool:
    """Whether the SQLite file at ``path`` has the quotes tables (read only; unreadable means no)."""
    if not path or not Path(path).is_file():
        return False
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            names = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return CORE_TABLES <= names
