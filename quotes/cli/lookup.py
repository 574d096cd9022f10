"""Commands that read the store: lookup, speaker, export, check."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from quotes import store
from quotes.cli.app import DEFAULT_DB, MAX_LIMIT, DbPath, app, clip, count, echo, fail
from quotes.cli.links import BaseUrl, quote_ref, quote_url
from quotes.cli.rows import AsCsv, AsJson, AsNl, emit, wanted
from quotes.factcheck import check as checking
from quotes.factcheck import claimreview as claimreviewing
from quotes.factcheck import export as exporting
from quotes.store import clusters as clustering


# -- lookups ------------------------------------------------------------------------------
@app.command()
def lookup(
    phrase: Annotated[str, typer.Argument(metavar="PHRASE", help="Words of the quote, e.g. 'strongly condemn'.")],
    db: DbPath = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MAX_LIMIT, help="Most results to show.")] = 10,
    base_url: BaseUrl = None,
    as_json: AsJson = False,
    as_nl: AsNl = False,
    as_csv: AsCsv = False,
):
    """Who said it? Finds a phrase in the stored quotes (full-text, then fuzzy), with the other
    articles that carry the same quote."""
    with store.open_db(db, create=False) as database:
        results = clustering.lookup(database, phrase, limit=limit)
    if not results:
        fail(f"no stored quote matches {phrase!r}")
    if format := wanted(as_json, as_nl, as_csv):
        emit([{**row, "cluster": row["cluster"] and asdict(row["cluster"]),
               **({"url": quote_url(row["quote_id"], base_url)} if base_url else {})} for row in results], format)
        return
    for row in results:
        _echo_quote(row, with_speaker=True)
        if row.get("claim") and row["claim"].strip("\"'“”‘’ ,.") != row["quote"].strip("\"'“”‘’ ,."):
            echo(f"    claim: {row['claim']}")
        echo(f"    {quote_ref(row['quote_id'], base_url)}")
        echo(f"    match: {row['match']}, score {row['score']:g}")
        cluster = row["cluster"]
        if cluster is not None:
            echo(f"    same quote in {cluster.articles} articles ({cluster.outlets} outlets), first: "
                       f"{cluster.first_article_id}, {cluster.first_published or 'date unknown'}")
            if row["outlets"]:
                more = ", …" if cluster.outlets > len(row["outlets"]) else ""
                echo(f"    outlets: {', '.join(row['outlets'])}{more}")


@app.command()
def speaker(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Name or surname, any case.")],
    limit: Annotated[int, typer.Option("--limit", min=0, help="Latest articles shown per speaker (0: all).")] = 20,
    db: DbPath = DEFAULT_DB,
    as_json: AsJson = False,
    as_nl: AsNl = False,
    as_csv: AsCsv = False,
):
    """A speaker's page: the stored quotes over time, by article and outlet (the latest --limit articles),
    and the name forms seen (case-insensitive; a surname or part of a name is enough)."""
    format = wanted(as_json, as_nl, as_csv)
    with store.open_db(db, create=False) as database:
        pages = store.speaker_pages(database, name, limit=limit or None)
    if not pages:
        fail(f"no stored quotes by a speaker matching {name!r}")
    if format == "csv":  # one row a quote, with its speaker and article
        emit([{"speaker": p.name, "speaker_id": p.speaker_id, **quote} for p in pages for a in p.articles
              for quote in a.quotes], format)
        return
    if format:
        emit(pages, format)
        return
    for page in pages:
        echo(f"{page.name}: {count(page.quotes, 'quote')} in {count(page.article_count, 'article')}"
                   + (f" from {count(page.outlets, 'outlet')}" if page.outlets else ""))
        if page.also_written:
            echo(f"  also written: {', '.join(page.also_written)}")
        if page.article_count > len(page.articles):
            echo(f"  … {count(page.article_count - len(page.articles), 'earlier article')} not shown "
                 "(--limit 0 for all)")
        for article in page.articles:
            echo(f"  {article.published or 'date unknown'}  {article.publisher or 'outlet unknown'}  "
                       f"{article.article_id}" + (f" “{article.title}”" if article.title else ""))
            for row in article.quotes:
                cue = f"cue: {row['cue']}, " if row["cue"] else ""
                echo(f"    [{row['type']}] “{row['quote']}”  ({cue}chars {row['start']}–{row['end']})")



def _echo_quote(row: dict, with_speaker: bool) -> None:
    echo(f"  [{row['type']}] “{row['quote']}”")
    parts = []
    if with_speaker:
        unresolved = f"{row['speaker_mention']} (unresolved)" if row["speaker_mention"] else "no speaker"
        parts.append(f"— {row['speaker'] or unresolved}")
    if row["cue"]:
        parts.append(f"cue: {row['cue']}")
    article = row["article_id"] + (f" “{row['title']}”" if row["title"] else "")
    parts += [f"article: {article}", f"date: {row['published'] or 'unknown'}",
              f"chars {row['start']}–{row['end']}"]
    echo("    " + ", ".join(parts))


@app.command()
def export(
    csv: Annotated[str | None, typer.Option("--csv", help="CSV file to write ('-' for stdout).")] = None,
    tsv: Annotated[str | None, typer.Option("--tsv", help="Tab-separated file to write ('-' for stdout).")] = None,
    json_file: Annotated[str | None, typer.Option("--json", help="JSON file to write ('-' for stdout).")] = None,
    nl: Annotated[str | None, typer.Option("--nl", help="JSON lines file to write, one quote a line.")] = None,
    no_bom: Annotated[bool, typer.Option(
        "--no-bom", metavar="", help="Leave out the byte order mark that CSV and TSV start with (for Excel).")] = False,
    bom: Annotated[bool, typer.Option("--bom", hidden=True, metavar="", help="The default for CSV and TSV.")] = False,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only this speaker's quotes.")] = None,
    article: Annotated[str | None, typer.Option("--article", help="Only this article's quotes (its id).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only outlets whose name contains this.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before (YYYY-MM-DD).")] = None,
    verdict: Annotated[str | None, typer.Option(
        "--verdict", help="Latest review verdict ('unreviewed', 'correct', 'wrong speaker'...).")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Only quotes with at least this confidence.")] = None,
    types: Annotated[str | None, typer.Option("--type", help="Quote types, comma-separated.")] = None,
    db: DbPath = DEFAULT_DB,
):
    """Write the stored quotes for editors, row by row: CSV or TSV (UTF-8 with a BOM), JSON or JSON lines,
    with filters."""
    targets = {f: t for f, t in (("csv", csv), ("tsv", tsv), ("json", json_file), ("nl", nl)) if t is not None}
    if len(targets) != 1:
        fail("give one of --csv FILE, --tsv FILE, --json FILE or --nl FILE")
    ((format, target),) = targets.items()
    if bom and format not in exporting.SPREADSHEET_FORMATS:
        fail("--bom is for CSV and TSV files only (JSON must not start with one)")
    filters = exporting.Filters(
        speaker=speaker, article=article, outlet=outlet, since=since, until=until, verdict=verdict,
        min_confidence=min_confidence, types=[t.strip() for t in (types or "").split(",") if t.strip()])
    with_bom = format in exporting.SPREADSHEET_FORMATS and not no_bom
    with store.open_db(db, create=False) as database:
        written = exporting.export(database, filters, target, format, with_bom)
    if not written:
        fail(f"no stored quotes match {filters.described()}")
    if target != "-":
        echo(f"wrote {written} quotes to {target}", err=True)


# -- did X really say Y? ------------------------------------------------------------------
@app.command()
def check(
    claim: Annotated[str, typer.Argument(metavar="CLAIMED_QUOTE", help="The words someone is said to have said.")],
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who is said to have said them.")] = None,
    db: DbPath = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MAX_LIMIT, help="Most attested quotes to show.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    base_url: BaseUrl = None,
):
    """Did X really say Y? Verbatim, minor differences, altered (with a word diff), said by someone
    else or not found, citing the article, date, offsets and review of the attested quote."""
    with store.open_db(db, create=False) as database:
        answer = checking.check(database, claim, speaker, limit=limit)
    if as_json:
        typer.echo(json.dumps(_with_links(answer.as_dict(), base_url), ensure_ascii=False, indent=2))
    else:
        _echo_answer(answer, base_url)
    if answer.verdict == "not_found":
        raise typer.Exit(1)  # nothing found exits 1, as in every read command


def _with_links(answer: dict, base_url: str | None) -> dict:
    """The answer with a ``url`` on every match when a base URL is given."""
    if base_url:
        for match in [answer.get("match"), *answer.get("others", [])]:
            if match:
                match["url"] = quote_url(match["quote_id"], base_url)
    return answer


def _echo_answer(answer: checking.Answer, base_url: str | None = None) -> None:
    echo(f"Claim: “{answer.claim}”" + (f" ({answer.speaker})" if answer.speaker else ""))
    echo(answer.message)
    if answer.match is not None:
        _echo_match(answer.match, full=True)
        echo(f"  {quote_ref(answer.match.quote_id, base_url)}")
    if answer.others:
        echo("Other matches:")
        for match in answer.others:
            _echo_match(match, full=False)
            echo(f"    {quote_ref(match.quote_id, base_url)}")


def _echo_match(m: checking.Match, full: bool) -> None:
    speaker = m.speaker or (f"{m.speaker_as_written} (unresolved)" if m.speaker_as_written else "no speaker")
    if m.review == "wrong speaker":
        speaker += f" (reviewer: {m.corrected_speaker or 'wrong speaker'})"
    source = (f"{speaker}, {m.type} quote, article {m.article_id}" + (f" “{m.title}”" if m.title else "")
              + (f", {m.publisher}" if m.publisher else "") + f", {m.published or 'date unknown'}"
              + f", chars {m.start}–{m.end}, review: {m.review}")
    if not full:
        echo(f"  [{m.verdict}] “{m.attested}” — {source}")
        return
    echo(f"  attested: “{m.attested}”")
    if m.verdict != "verbatim":
        legend = "[-claimed-] {+attested+}" + (", <reporter's words>" if m.reporter_words else "")
        echo(f"  diff:     {checking.render_diff(m.diff)}   ({legend})")
    echo(f"  source:   {source}")
    if m.sentence and m.sentence.strip() != m.attested:
        echo(f"  context:  {clip(m.sentence, 200)}")


@app.command()
def claimreview(
    quote_id: Annotated[str, typer.Argument(metavar="QUOTE_ID", help="The id of a reviewed quote.")],
    publisher: Annotated[str | None, typer.Option("--publisher", help="The fact-checker's name (author).")] = None,
    db: DbPath = DEFAULT_DB,
):
    """A reviewed quote as schema.org ClaimReview JSON-LD (claim, speaker, first appearance, rating)."""
    with store.open_db(db, create=False) as database:
        review = claimreviewing.claim_review(database, quote_id, publisher)
    typer.echo(json.dumps(review, ensure_ascii=False, indent=2))
