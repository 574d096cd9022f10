"""The ``quotes`` command line: a thin layer over :mod:`quotes.jobs`, :mod:`quotes.store` and
:mod:`quotes.serve`. Every expected problem ends in a one-line error and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from quotes import evaluate as evaluation
from quotes import store
from quotes.errors import JobError, QuotesError
from quotes.evaluate import SCORED_TYPES, format_report
from quotes.extractor import Extraction, Extractor, ExtractorSpec
from quotes.factcheck import check as checking
from quotes.factcheck import export as exporting
from quotes.ingest import InputError
from quotes.nlp.loader import MODEL_ENV
from quotes.run import batch as jobs
from quotes.store import clusters as clustering
from quotes.store import speakers as identities
from quotes.web import reviewers
from quotes.web import serve as serving


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
            _fail(f"{exc.format_message()}{hint}", exc.exit_code)
        except typer.Abort:
            _fail("aborted")
        except QuotesError as exc:
            _fail(str(exc))
        except Exception as exc:
            if os.environ.get("QUOTES_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set QUOTES_DEBUG=1 to see where)")
        sys.exit(rv if isinstance(rv, int) else 0)


def _fail(message: str, code: int = 1):
    typer.echo(f"Error: {' '.join(str(message).split())}", err=True)
    sys.exit(code)


app = typer.Typer(
    cls=_OneLineErrors,
    help="Find quotes in news articles: what was said, by whom, with which cue. Stored in SQLite, "
         "reviewed in Datasette.",
    add_completion=False,
    pretty_exceptions_enable=False,
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


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"


# -- extract / demo -----------------------------------------------------------------------
@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...", help="Text, HTML or JSON Lines files or folders; '-' reads stdin.")],
    db: DbPath = DEFAULT_DB,
    format: Annotated[Format, typer.Option(
        "--format", help="table: quotes and a summary; jsonl: one {id, quotes} line per article.")] = Format.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the table or jsonl here, not stdout.")] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not write to the database.")] = False,
    model: ModelName = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Re-extract articles stored earlier with the same text and extractor.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extract on N processes of this machine.")] = 1,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Extract on Dask: a scheduler address (tcp://host:8786) or local:N.")] = None,
):
    """Extract the quotes of every input and store them (re-extracting an article replaces it).

    Articles already stored with the same text by the same extractor version are skipped.
    """
    if workers > 1 and scheduler:
        raise JobError("use either --workers or --scheduler, not both")
    batch = jobs.read_batch(paths, stdin=sys.stdin.buffer)
    _run(batch, None if no_store else db, format, output, model, force=force, workers=workers, scheduler=scheduler)


@app.command()
def demo(db: DbPath = DEFAULT_DB, model: ModelName = None):
    """Extract the bundled example articles into the database and show what was found."""
    batch = jobs.read_batch([str(jobs.EXAMPLES_DIR)])
    _run(batch, db, Format.table, None, model, force=True)
    typer.echo(f"Try: quotes lookup 'flood' --db {db}   |   quotes speaker Okonedo --db {db}   |   "
               f"quotes serve --db {db}")


def _run(batch: jobs.Batch, db_path: Path | None, format: Format, output: Path | None, model: str | None,
         force: bool = False, workers: int = 1, scheduler: str | None = None):
    err = Console(stderr=True)
    # jsonl on stdout keeps stdout machine-readable: the summary goes to stderr then
    summary_console = err if format is Format.jsonl and output is None else Console()
    with ExitStack() as stack:
        db = None
        if db_path is not None:
            db = store.open_db(db_path)
            stack.callback(db.close)
        errors: list[InputError] = list(batch.errors)
        summary = jobs.Summary()
        extractions: list[Extraction] = []
        if batch.articles:
            extractor = ExtractorSpec(model)  # built on first use: not at all when every article is unchanged
            sink = stack.enter_context(_open_output(output)) if output is not None else sys.stdout
            progress = stack.enter_context(Progress(
                TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=err, transient=True,
            ))
            task = progress.add_task("extract", total=len(batch.articles))
            results = jobs.extract_batch(batch.articles, extractor, db, force=force, workers=workers,
                                         scheduler=scheduler)
            for result in results:
                progress.advance(task)
                if isinstance(result, InputError):
                    errors.append(result)
                    continue
                if isinstance(result, jobs.Skipped):
                    summary.skipped += 1
                    continue
                summary.add(result)
                if format is Format.jsonl:
                    sink.write(json.dumps(jobs.output_record(result), ensure_ascii=False) + "\n")
                else:
                    extractions.append(result)
            if format is Format.table:
                table_console = Console(file=sink, width=120 if output is not None else None)
                for extraction in extractions:
                    table_console.print(_quotes_table(extraction))
        for error in errors:
            err.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
        summary_console.print(_summary_table(summary, db_path, len(errors)))
    if errors:
        raise typer.Exit(1)


def _open_output(path: Path):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise JobError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _quotes_table(extraction: Extraction) -> Table:
    article = extraction.article
    title = article.id + (f": {article.title}" if article.title else "")
    table = Table(title=title, title_justify="left", caption=None if extraction.quotes else "no quotes found")
    table.add_column("Type")
    table.add_column("Speaker", overflow="fold", max_width=28)
    table.add_column("Quote", overflow="fold")
    for q in extraction.quotes:
        if store.speaker_key(q.speaker):
            speaker = q.speaker_name
        else:
            speaker = f"{q.speaker_mention} (unresolved)" if q.speaker_mention else "—"
        table.add_row(q.type, speaker, _clip(q.text, 160))
    return table


def _summary_table(summary: jobs.Summary, db_path: Path | None, failed: int) -> Table:
    table = Table(title="Summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(summary.articles))
    if summary.skipped:
        table.add_row("unchanged, skipped", str(summary.skipped))
    for name, count in sorted(summary.types.items()):
        table.add_row(f"quotes: {name}", str(count))
    table.add_row("quotes in all", str(summary.quotes))
    table.add_row("speakers", str(len(summary.speakers)))
    if failed:
        table.add_row("inputs with errors", str(failed))
    table.add_row("stored in", str(db_path) if db_path is not None else "(not stored)")
    return table


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- lookups ------------------------------------------------------------------------------
@app.command()
def lookup(
    phrase: Annotated[str, typer.Argument(metavar="PHRASE", help="Words of the quote, e.g. 'strongly condemn'.")],
    db: DbPath = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most results to show.")] = 10,
):
    """Who said it? Finds a phrase in the stored quotes (full-text, then fuzzy), with the other
    articles that carry the same quote."""
    with store.open_db(db, create=False) as database:
        results = store.lookup(database, phrase, limit=limit, with_clusters=True)
    if not results:
        _fail(f"no stored quote matches {phrase!r}")
    for row in results:
        _echo_quote(row, with_speaker=True)
        typer.echo(f"    match: {row['match']}, score {row['score']:g}")
        cluster = row["cluster"]
        if cluster is not None:
            typer.echo(f"    same quote in {cluster.articles} articles ({cluster.outlets} outlets), first: "
                       f"{cluster.first_article_id}, {cluster.first_published or 'date unknown'}")


@app.command()
def speaker(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Name or surname, any case.")],
    db: DbPath = DEFAULT_DB,
):
    """A speaker's page: every stored quote over time, by article and outlet, and the name forms seen
    (case-insensitive; a surname or part of a name is enough)."""
    with store.open_db(db, create=False) as database:
        pages = store.speaker_pages(database, name)
    if not pages:
        _fail(f"no stored quotes by a speaker matching {name!r}")
    for page in pages:
        typer.echo(f"{page.name}: {_count(page.quotes, 'quote')} in {_count(len(page.articles), 'article')}"
                   + (f" from {_count(page.outlets, 'outlet')}" if page.outlets else ""))
        if page.also_written:
            typer.echo(f"  also written: {', '.join(page.also_written)}")
        for article in page.articles:
            typer.echo(f"  {article.published or 'date unknown'}  {article.publisher or 'outlet unknown'}  "
                       f"{article.article_id}" + (f" “{article.title}”" if article.title else ""))
            for row in article.quotes:
                cue = f"cue: {row['cue']}, " if row["cue"] else ""
                typer.echo(f"    [{row['type']}] “{row['quote']}”  ({cue}chars {row['start']}–{row['end']})")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _echo_quote(row: dict, with_speaker: bool) -> None:
    typer.echo(f"  [{row['type']}] “{row['quote']}”")
    parts = []
    if with_speaker:
        unresolved = f"{row['speaker_mention']} (unresolved)" if row["speaker_mention"] else "no speaker"
        parts.append(f"— {row['speaker'] or unresolved}")
    if row["cue"]:
        parts.append(f"cue: {row['cue']}")
    article = row["article_id"] + (f" “{row['title']}”" if row["title"] else "")
    parts += [f"article: {article}", f"date: {row['published'] or 'unknown'}",
              f"chars {row['start']}–{row['end']}"]
    typer.echo("    " + ", ".join(parts))


@app.command()
def export(
    csv: Annotated[str | None, typer.Option("--csv", help="CSV file to write ('-' for stdout).")] = None,
    json_file: Annotated[str | None, typer.Option("--json", help="JSON file to write ('-' for stdout).")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start the CSV with a byte order mark (for Excel).")] = False,
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
    """Write the stored quotes for editors: CSV (UTF-8) or JSON, with filters."""
    if (csv is None) == (json_file is None):
        _fail("give one of --csv FILE or --json FILE")
    filters = exporting.Filters(
        speaker=speaker, article=article, outlet=outlet, since=since, until=until, verdict=verdict,
        min_confidence=min_confidence, types=[t.strip() for t in (types or "").split(",") if t.strip()])
    target, format = (csv, "csv") if csv is not None else (json_file, "json")
    with store.open_db(db, create=False) as database:
        rows = exporting.export_rows(database, filters)
    if not rows:
        _fail(f"no stored quotes match {filters.described()}")
    exporting.write(rows, target, format, bom)
    if target != "-":
        typer.echo(f"wrote {len(rows)} quotes to {target}", err=True)


# -- did X really say Y? ------------------------------------------------------------------
@app.command()
def check(
    claim: Annotated[str, typer.Argument(metavar="CLAIMED_QUOTE", help="The words someone is said to have said.")],
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who is said to have said them.")] = None,
    db: DbPath = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most attested quotes to show.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
):
    """Did X really say Y? Verbatim, minor differences, altered (with a word diff), said by someone
    else or not found, citing the article, date, offsets and review of the attested quote."""
    with store.open_db(db, create=False) as database:
        answer = checking.check(database, claim, speaker, limit=limit)
    if as_json:
        typer.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"Claim: “{answer.claim}”" + (f" ({answer.speaker})" if answer.speaker else ""))
    typer.echo(answer.message)
    if answer.match is not None:
        _echo_match(answer.match, full=True)
    if answer.others:
        typer.echo("Other matches:")
        for match in answer.others:
            _echo_match(match, full=False)


def _echo_match(m: checking.Match, full: bool) -> None:
    speaker = m.speaker or (f"{m.speaker_as_written} (unresolved)" if m.speaker_as_written else "no speaker")
    if m.review == "wrong speaker":
        speaker += f" (reviewer: {m.corrected_speaker or 'wrong speaker'})"
    source = (f"{speaker}, {m.type} quote, article {m.article_id}" + (f" “{m.title}”" if m.title else "")
              + (f", {m.publisher}" if m.publisher else "") + f", {m.published or 'date unknown'}"
              + f", chars {m.start}–{m.end}, review: {m.review}")
    if not full:
        typer.echo(f"  [{m.verdict}] “{m.attested}” — {source}")
        return
    typer.echo(f"  attested: “{m.attested}”")
    if m.verdict != "verbatim":
        legend = "[-claimed-] {+attested+}" + (", <reporter's words>" if m.reporter_words else "")
        typer.echo(f"  diff:     {checking.render_diff(m.diff)}   ({legend})")
    typer.echo(f"  source:   {source}")
    if m.sentence and m.sentence.strip() != m.attested:
        typer.echo(f"  context:  {_clip(m.sentence, 200)}")


# -- speakers across articles and repeated quotes -----------------------------------------
speakers_app = typer.Typer(help="Speakers across articles: list them, merge two into one, split one apart.")
app.add_typer(speakers_app, name="speakers")


@speakers_app.command("list")
def speakers_list(
    name: Annotated[str | None, typer.Argument(metavar="[NAME]", help="Only speakers matching this.")] = None,
    db: DbPath = DEFAULT_DB,
):
    """Speakers with their ids, quote and article counts and the name forms seen."""
    with store.open_db(db, create=False) as database:
        listed = identities.listing(database, name)
    if not listed:
        _fail(f"no speaker matches {name!r}")
    for s in listed:
        forms = [a for a in s.aliases if a.casefold() != s.name.casefold()]
        typer.echo(f"{s.id}  {s.name} ({s.kind}{', ' + s.title if s.title else ''}): {_count(s.quotes, 'quote')} in "
                   f"{_count(s.articles, 'article')}" + (f"; also written: {', '.join(forms)}" if forms else ""))


@speakers_app.command("merge")
def speakers_merge(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The speaker that stays (name or id).")],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The speaker merged into KEEP (name or id).")],
    db: DbPath = DEFAULT_DB,
):
    """Make OTHER the same person as KEEP, now and whenever their articles are ingested again."""
    with store.open_db(db, create=False) as database:
        kept = identities.merge(database, keep, other)
    typer.echo(f"merged {other!r} into {kept['name']} ({kept['id']})")


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
    typer.echo(f"split {speaker!r}: the quotes in {', '.join(articles)} are now {new['name']} ({new['id']})")


@app.command()
def clusters(
    db: DbPath = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most clusters to show.")] = 20,
):
    """The same quote in several articles: how often, and where it appeared first."""
    with store.open_db(db, create=False) as database:
        found = clustering.repeated(database, limit=limit)
    if not found:
        _fail("no quote appears in more than one article")
    for cluster, appearances in found:
        typer.echo(f"“{_clip(cluster.text, 100)}”: {_count(cluster.quotes, 'quote')} in "
                   f"{_count(cluster.articles, 'article')} from {_count(cluster.outlets, 'outlet')}, first "
                   f"{cluster.first_article_id} ({cluster.first_published or 'date unknown'})")
        for row in appearances:
            typer.echo(f"  {row['published'] or 'date unknown'}  {row['publisher'] or 'outlet unknown'}  "
                       f"{row['article_id']}  chars {row['start']}–{row['end']}  similarity {row['similarity']:g}")


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
    store.open_db(db, create=False).close()  # a missing or empty database is a one-line error
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
    model: ModelName = None,
):
    """Score the extractor against a gold file (PolNeAR-format gold is scored on speaker mentions)."""
    wanted = evaluation.parse_types(types)
    gold_articles = evaluation.load_gold(gold)
    report = evaluation.evaluate_gold(gold_articles, Extractor(model=model), wanted)
    if as_json:
        data = report.as_dict()
        if errors:
            data["errors"] = report.errors
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    typer.echo(format_report(report, title=f"{gold} ({', '.join(wanted)})"))
    if errors:
        typer.echo(f"\nerrors ({len(report.errors)}):")
        for line in report.errors:
            typer.echo(f"  {line}")


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
    typer.echo(f"{'added reviewer' if new else 'new password for'} {name} in {path}; "
               "restart 'quotes serve' to use it", err=True)


@reviewer_app.command("list")
def reviewer_list(db: DbPath = DEFAULT_DB):
    """List the reviewers who can log in."""
    for name in sorted(reviewers.load(reviewers.accounts_file(db))):
        typer.echo(name)


@reviewer_app.command("remove")
def reviewer_remove(name: Annotated[str, typer.Argument(metavar="NAME")], db: DbPath = DEFAULT_DB):
    """Remove a reviewer's login (their reviews stay)."""
    path = reviewers.accounts_file(db)
    reviewers.remove(path, name)
    typer.echo(f"removed reviewer {name} from {path}", err=True)
