"""Reviewer accounts: names and password hashes kept in a JSON file next to the database.

``quotes reviewer add NAME`` writes ``reviewers.json`` beside the database (``db/reviewers.json`` for
the default ``db/quotes.db``; never commit it); ``quotes serve`` turns it into the
``datasette-auth-passwords`` configuration, each account an actor with the ``reviewer`` role.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from quotes.errors import ReviewerError
from quotes.factcheck.review import REVIEWER_ROLE
from quotes.store.schema import now

FILE_NAME = "reviewers.json"
MIN_PASSWORD = 8
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")


def accounts_file(db_path: str | Path) -> Path:
    """Where the reviewer accounts of the database at ``db_path`` are kept."""
    return Path(db_path).with_name(FILE_NAME)


def load(path: str | Path) -> dict[str, str]:
    """Reviewer name -> password hash; no file means no reviewers."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: entry["password_hash"] for name, entry in data["reviewers"].items()}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReviewerError(f"{path}: not a reviewers file ({type(exc).__name__}: {exc})") from None


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name) or "_password_hash" in name:
        raise ReviewerError(f"bad reviewer name {name!r}: use up to 40 letters, digits, '.', '-' or '_'")
    if name.lower() == "root":
        raise ReviewerError("'root' is Datasette's own administrator id; choose another reviewer name")
    return name


def hashed(password: str) -> str:
    """The datasette-auth-passwords hash of a password (PBKDF2-SHA256)."""
    if len(password) < MIN_PASSWORD:
        raise ReviewerError(f"the password must have at least {MIN_PASSWORD} characters")
    from datasette_auth_passwords.utils import hash_password  # imports datasette: only when needed

    return hash_password(password)


def add(path: str | Path, name: str, password_hash: str) -> bool:
    """Add a reviewer, or give an existing one a new password; True when the name is new."""
    path = Path(path)
    check_name(name)
    entries = _entries(path)
    new = name not in entries
    entries[name] = {"password_hash": password_hash,
                     "added_at": now()}
    _write(path, entries)
    return new


def remove(path: str | Path, name: str) -> None:
    path = Path(path)
    entries = _entries(path)
    if name not in entries:
        raise ReviewerError(f"no reviewer {name!r} in {path}")
    del entries[name]
    _write(path, entries)


def plugin_config(accounts: dict[str, str]) -> dict:
    """The ``datasette-auth-passwords`` plugin configuration for these accounts."""
    config: dict = {f"{name}_password_hash": password_hash for name, password_hash in sorted(accounts.items())}
    config["actors"] = {name: {"id": name, "roles": [REVIEWER_ROLE]} for name in sorted(accounts)}
    return config


def metadata_snippet(accounts: dict[str, str]) -> dict:
    """What to merge into a Datasette metadata file to let these reviewers log in."""
    return {"plugins": {"datasette-auth-passwords": plugin_config(accounts)}}


def _entries(path: Path) -> dict:
    load(path)  # validates
    return json.loads(path.read_text(encoding="utf-8"))["reviewers"] if path.exists() else {}


def _write(path: Path, entries: dict) -> None:
    """Write the accounts readable by the owner only, replacing the file in one step."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"reviewers": entries}, handle, indent=2, sort_keys=True)
            handle.write("\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise ReviewerError(f"{path}: cannot write ({exc.strerror or exc})") from None
