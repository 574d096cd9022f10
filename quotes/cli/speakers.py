"""Speakers across articles (speakers list/merge/split) and repeated quotes (clusters)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from quotes import store
from quotes.cli.app import DEFAULT_DB, MAX_LIMIT, DbPath, app, clip, count, echo, fail
from quotes.cli.rows import AsCsv, AsJson, AsNl, emit, wanted
from quotes.store import clusters as clustering
from quotes.store import speakers as identities

# -- speakers across articles and repeated quotes -----------------------------------------
speakers_app = typer.Typer(help="Speakers across articles: list them, merge two into one, split one apart.")
app.add_typer(speakers_app, name="speakers")


@speakers_app.command("list")
def speakers_list(
    name: Annotated[str | None, typer.Argument(metavar="[NAME]", help="Only speakers matching this.")] = None,
    db: DbPath = DEFAULT_DB,
    as_json: AsJson = False,
    as_nl: AsNl = False,
    as_csv: AsCsv = False,
):
    """Speakers with their ids, quote and article counts and the name forms seen."""
    format = wanted(as_json, as_nl, as_csv)
    with store.open_db(db, create=False) as database:
        listed = identities.listing(database, name)
    if not listed:
        fail(f"no speaker matches {name!r}")
    if format:
        emit(listed, format)
        return
    for s in listed:
        forms = [a for a in s.aliases if a.casefold() != s.name.casefold()]
        echo(f"{s.id}  {s.name} ({s.kind}{', ' + s.title if s.title else ''}): {count(s.quotes, 'quote')} in "
                   f"{count(s.articles, 'article')}" + (f"; also written: {', '.join(forms)}" if forms else ""))


@speakers_app.command("merge")
def speakers_merge(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The speaker that stays (name or id).")],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The speaker merged into KEEP (name or id).")],
    db: DbPath = DEFAULT_DB,
):
    """Make OTHER the same person as KEEP, now and whenever their articles are ingested again."""
    with store.open_db(db, create=False) as database:
        kept = identities.merge(database, keep, other)
    echo(f"merged {other!r} into {kept['name']} ({kept['id']})")


@speakers_app.command("split")
def speakers_split(
    speaker: Annotated[str, typer.Argument(metavar="SPEAKER", help="The speaker to split (name or id).")],
    articles: Annotated[list[str], typer.Option("--article", help="Article id whose quotes move (repeatable).")],
    name: Annotated[str | None, typer.Option("--name", help="Name of the new speaker (default: the same).")] = None,
    db: DbPath = DEFAULT_DB,
):
    """Give SPEAKER's quotes in the named articles a speaker of their own, kept on re-ingest."""
    with store.open_db(db, create=False) as database:
        new = identities.split(database, speaker, articles, name=name)
    echo(f"split {speaker!r}: the quotes in {', '.join(articles)} are now {new['name']} ({new['id']})")


@app.command()
def clusters(
    db: DbPath = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MAX_LIMIT, help="Most clusters to show.")] = 20,
    as_json: AsJson = False,
    as_nl: AsNl = False,
    as_csv: AsCsv = False,
):
    """The same quote in several articles: how often, and where it appeared first."""
    format = wanted(as_json, as_nl, as_csv)
    with store.open_db(db, create=False) as database:
        found = clustering.repeated(database, limit=limit)
    if not found:
        fail("no quote appears in more than one article")
    if format == "csv":  # one row an appearance, with its cluster
        emit([{"cluster_id": cluster.id, "cluster_text": cluster.text, **row} for cluster, appearances in found
              for row in appearances], format)
        return
    if format:
        emit([{**asdict(cluster), "appearances": appearances} for cluster, appearances in found], format)
        return
    for cluster, appearances in found:
        echo(f"“{clip(cluster.text, 100)}”: {count(cluster.quotes, 'quote')} in "
                   f"{count(cluster.articles, 'article')} from {count(cluster.outlets, 'outlet')}, first "
                   f"{cluster.first_article_id} ({cluster.first_published or 'date unknown'})")
        for row in appearances:
            echo(f"  {row['published'] or 'date unknown'}  {row['publisher'] or 'outlet unknown'}  "
                       f"{row['article_id']}  chars {row['start']}–{row['end']}  similarity {row['similarity']:g}")
        if cluster.quotes > len(appearances):
            echo(f"  … and {cluster.quotes - len(appearances)} more (Datasette: quote_cluster_members)")
