"""Per Datasette instance: which of its databases are quotes databases, and whose logins it accepts.

The plugin is installed for every Datasette on the machine, so each hook first asks
:func:`quotes_databases`; a Datasette serving other files sees no change. Logins are the accounts
given by ``quotes serve`` (:func:`use_accounts`) or, by default, the reviewers file next to each
quotes database. Both are kept in memory only: nothing is written anywhere.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field

from quotes.errors import QuotesError
from quotes.web import config, reviewers

LOG = logging.getLogger("quotes.web")


@dataclass
class _State:
    accounts: dict[str, str] | None = None  # None: read the reviewers file beside each quotes database
    files: dict[str, tuple[int, dict[str, str]]] = field(default_factory=dict)  # path -> (mtime, accounts)
    quotes: dict[tuple[str, str], bool] = field(default_factory=dict)  # (name, path) -> is a quotes database


_STATES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _state(datasette) -> _State:
    state = _STATES.get(datasette)
    if state is None:
        state = _STATES[datasette] = _State()
    return state


def use_accounts(datasette, accounts: dict[str, str]) -> None:
    """Let exactly these reviewers (name -> password hash) log in to ``datasette``."""
    _state(datasette).accounts = dict(accounts)


def quotes_databases(datasette) -> list[str]:
    """The names of the quotes databases ``datasette`` serves, in its order (each file checked once)."""
    known = _state(datasette).quotes
    names = []
    for name, db in datasette.databases.items():
        path = getattr(db, "path", None)
        if name == "_internal" or not path:
            continue
        if (name, path) not in known:
            known[name, path] = config.is_quotes_database(path)
        if known[name, path]:
            names.append(name)
    return names


def accounts(datasette) -> dict[str, str]:
    """The reviewer accounts ``datasette`` accepts now: those given to :func:`use_accounts`, else those of
    the reviewers files beside its quotes databases, read again whenever a file changes, so that
    ``quotes reviewer remove`` revokes a login on a running server (a file that cannot be read any more
    lets no one in)."""
    state = _state(datasette)
    if state.accounts is not None:
        return dict(state.accounts)
    found: dict[str, str] = {}
    for name in quotes_databases(datasette):
        found.update(_accounts_file(state, datasette.databases[name].path))
    return found


def _accounts_file(state: _State, db_path: str) -> dict[str, str]:
    path = reviewers.accounts_file(db_path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    cached = state.files.get(str(path))
    if cached is None or cached[0] != stamp:
        try:
            cached = (stamp, reviewers.load(path))
        except QuotesError as exc:
            LOG.warning("reviewer logins off: %s", exc)
            cached = (stamp, {})
        state.files[str(path)] = cached
    return dict(cached[1])
