"""Serving and evaluating: serve, evaluate, reviewer add/list/remove."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from quotes.cli.app import DEFAULT_DB, DbPath, ModelName, app, echo
from quotes.errors import JobError
from quotes.evaluate.scoring import SCORED_TYPES
from quotes.web import reviewers
from quotes.web import serve as serving

PARALLEL_GOLD = 40  # gold articles from which evaluate extracts on two processes by default


# -- serve / evaluate ---------------------------------------------------------------------
@app.command()
def serve(
    db: DbPath = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = serving.DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = serving.DEFAULT_PORT,
    get: Annotated[
        str | None, typer.Option("--get", help="Fetch this one path (e.g. /quotes/quotes), print it and exit.")
    ] = None,
):
    """Browse, search and review the database in Datasette, run in this process (Ctrl-C stops it)."""
    raise typer.Exit(serving.serve(db, host=host, port=port, get=get))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(
        metavar="GOLD.jsonl", help="Gold JSON Lines file: {id, text, quotes} per line.")],
    errors: Annotated[
        bool, typer.Option("--errors", help="Also list every miss, false positive and wrong speaker.")] = False,
    types: Annotated[str, typer.Option("--types", help="Quote types to score, comma-separated.")] = ",".join(
        SCORED_TYPES),
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    level: Annotated[str, typer.Option(
        "--level", help="quotes (one unit per quote) or content (one per attribution).")] = "quotes",
    model: ModelName = None,
    workers: Annotated[int, typer.Option("--workers", min=0, help=(
        "Extract on N processes of this machine; 0: two when the machine has two cores or more and the gold "
        f"file at least {PARALLEL_GOLD} articles, else one."))] = 0,
):
    """Score the extractor against a gold file (PolNeAR-format gold is scored on speaker mentions)."""
    from quotes import evaluate as evaluation  # the extractor is loaded for this command only
    from quotes.evaluate import format_report
    from quotes.evaluate.content import content_as_dict, format_content, score_content
    from quotes.extractor import ExtractorSpec

    wanted = evaluation.parse_types(types)
    if level not in ("quotes", "content"):
        raise JobError(f"unknown level {level!r}; use quotes or content")
    gold_articles = evaluation.load_gold(gold)
    if workers == 0:
        workers = 2 if (os.cpu_count() or 1) >= 2 and len(gold_articles) >= PARALLEL_GOLD else 1
    spec = ExtractorSpec(model)
    if level == "content":
        report = score_content(gold_articles, evaluation.predict_gold(gold_articles, spec, workers))
        echo(json.dumps(content_as_dict(report), indent=2) if as_json else format_content(report, title=str(gold)))
        return
    report = evaluation.evaluate_gold(gold_articles, spec, wanted, workers)
    if as_json:
        data = report.as_dict()
        if errors:
            data["errors"] = report.errors
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    echo(format_report(report, title=f"{gold} ({', '.join(wanted)})"))
    if errors:
        echo(f"\nerrors ({len(report.errors)}):")
        for line in report.errors:
            echo(f"  {line}")


# -- reviewers ----------------------------------------------------------------------------
reviewer_app = typer.Typer(
    help="Reviewer accounts for 'quotes serve', kept in reviewers.json next to the database (never commit it).",
    no_args_is_help=True,
)
app.add_typer(reviewer_app, name="reviewer")


@reviewer_app.command("add")
def reviewer_add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Login name: letters, digits, '.', '-' or '_'.")],
    db: DbPath = DEFAULT_DB,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin instead of prompting.")] = False,
    print_only: Annotated[bool, typer.Option(
        "--print", help="Print the Datasette metadata snippet instead of writing the reviewers file.")] = False,
):
    """Add a reviewer who can log in and record verdicts (an existing one gets the new password)."""
    reviewers.check_name(name)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    password_hash = reviewers.hashed(password)
    if print_only:
        typer.echo(json.dumps(reviewers.metadata_snippet({name: password_hash}), indent=2))
        return
    path = reviewers.accounts_file(db)
    new = reviewers.add(path, name, password_hash)
    echo(f"{'added reviewer' if new else 'new password for'} {name} in {path}; "
               "restart 'quotes serve' to use it", err=True)


@reviewer_app.command("list")
def reviewer_list(db: DbPath = DEFAULT_DB):
    """List the reviewers who can log in."""
    for name in sorted(reviewers.load(reviewers.accounts_file(db))):
        echo(name)


@reviewer_app.command("remove")
def reviewer_remove(name: Annotated[str, typer.Argument(metavar="NAME")], db: DbPath = DEFAULT_DB):
    """Remove a reviewer's login (their reviews stay)."""
    path = reviewers.accounts_file(db)
    reviewers.remove(path, name)
    echo(f"removed reviewer {name} from {path}", err=True)
