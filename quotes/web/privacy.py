"""Who may see which reviewer recorded what: a reviewer's login is half of a credential, and a list of them
tells a guesser whom to guess for, so only reviewers see them.

Takes Datasette's permission checks (the plugin's ``permission_allowed`` hook) and the actor of a request;
gives False where a visitor who is not a reviewer asks for something that shows a reviewer's login, None
(Datasette decides as usual) everywhere else. SQLite has no column permissions, so the rule is by table
and action: the tables and views holding the ``reviewer`` column and the queries that show it
(:data:`~quotes.factcheck.review.REVIEWER_ONLY_TABLES` and ``REVIEWER_ONLY_QUERIES``) are for reviewers
only, and so are free SQL (``?sql=``, and ``?_where=``, which Datasette allows only with ``execute-sql``)
and downloading the database file: either would reach every table. Everyone else reads the verdicts
through the ``verdicts`` view, which has no reviewer column, and on the article page.

A reviewer is an actor with the reviewer role whose login is still an account of the site (one removed
while the server runs is a visitor again, even with a login cookie from before).
"""

from __future__ import annotations

from quotes.factcheck.review import REVIEWER_ONLY_QUERIES, REVIEWER_ONLY_TABLES, REVIEWER_ROLE
from quotes.web.instance import accounts, quotes_databases

# actions on a whole database that would reach its review tables
DATABASE_ACTIONS = ("execute-sql", "view-database-download")
CROSS_DATABASE = "_memory"  # with --crossdb, its free SQL reads every attached database


def is_reviewer(datasette, actor) -> bool:
    """Whether ``actor`` is a reviewer of this site now."""
    return (isinstance(actor, dict) and REVIEWER_ROLE in (actor.get("roles") or [])
            and actor.get("id") in accounts(datasette))


def permission(datasette, actor, action: str, resource) -> bool | None:
    """False when ``action`` on ``resource`` would show a reviewer's login to someone who is not a reviewer."""
    names = quotes_databases(datasette)
    if not names:
        return None
    if action in DATABASE_ACTIONS:
        private = resource in names or (resource == CROSS_DATABASE and bool(getattr(datasette, "crossdb", False)))
    elif action in ("view-table", "view-query") and isinstance(resource, tuple) and len(resource) == 2:
        database, name = resource
        hidden = REVIEWER_ONLY_TABLES if action == "view-table" else REVIEWER_ONLY_QUERIES
        # Datasette passes SQLite's spelling of a table's name; SQLite matches names in any case
        private = database in names and str(name).casefold() in hidden
    else:
        return None
    return False if private and not is_reviewer(datasette, actor) else None
