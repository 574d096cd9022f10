"""The Typer app every command registers on: one-line errors, the shared options and formatting."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from quotes import store
from quotes.errors import QuotesError
from quotes.nlp.loader import MODEL_ENV


class _OneLineErrors(TyperGroup):
    """Usage mistakes and known failures as one line on stderr, never a traceback.

    Set QUOTES_DEBUG=1 to see the traceback of an unexpected error.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as exc:  # typer's usage and parameter errors
            ctx = getattr(exc, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            fail(f"{exc.format_message()}{hint}", exc.exit_code)
        except typer.Abort:
            fail("aborted")
        except QuotesError as exc:
            fail(str(exc))
        except Exception as exc:
            trouble = database_trouble(exc) if isinstance(exc, sqlite3.OperationalError) else None
            if trouble is not None:  # the machine's state, not a bug
                fail(trouble)
            if os.environ.get("QUOTES_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (set QUOTES_DEBUG=1 to see where)")
        sys.exit(rv if isinstance(rv, int) else 0)


MAX_LIMIT = 100_000  # --limit: more results than a terminal can show, far less than SQLite's integers
# what SQLite says when the machine, not the code, is the problem -> what to tell the user
DATABASE_TROUBLE = {
    "database is locked": "the database is busy: another quotes command is writing to it; try again when it is done",
    "database or disk is full": "the disk is full: nothing of this run's last transaction was stored",
    "attempt to write a readonly database": "the database is read-only here: nothing could be stored",
    "disk i/o error": "the disk failed to read or write the database (disk I/O error)",
}


def database_trouble(exc: sqlite3.OperationalError) -> str | None:
    """The one-line reason for an SQLite error caused by the machine's state, or None for any other."""
    text = str(exc).lower()
    return next((reason for message, reason in DATABASE_TROUBLE.items() if message in text), None)


def fail(message: str, code: int = 1):
    typer.echo(printable(f"Error: {' '.join(str(message).split())}"), err=True)
    sys.exit(code)


# Control characters (C0 but newline and tab, DEL, C1) and the bidirectional overrides that can hide
# or reorder text: what an article, title or id could use to drive a terminal (window titles, clipboard
# writes, screen clears) when shown as it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters shown as escapes (``\\x1b``), the rest as it is."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def echo(message: str = "", err: bool = False) -> None:
    """Print one line for a person (stored text escaped by :func:`printable`); machine output (JSON) goes
    through ``typer.echo`` as it is."""
    typer.echo(printable(message), err=err)


app = typer.Typer(
    cls=_OneLineErrors,
    help="Find quotes in news articles: what was said, by whom, with which cue. Stored in SQLite, "
         "reviewed in Datasette.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: a flag shows no <bool> metavar, as it takes no value
)

DbPath = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
ModelName = Annotated[
    str | None, typer.Option("--model", help=f"spaCy model name (default: ${MODEL_ENV} or the first installed).")
]
DEFAULT_DB = Path(store.DEFAULT_DB)


@app.callback(invoke_without_command=True)
def _main(ctx: typer.Context):
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
