"""Commands that read articles and extract their quotes: extract, demo."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotes import store
from quotes.cli.app import DEFAULT_DB, DbPath, ModelName, app, clip, echo, printable
from quotes.errors import JobError

if TYPE_CHECKING:  # the extraction modules and rich load when a command extracts, not for every command
    from rich.table import Table

    from quotes.extractor import Extraction
    from quotes.run import batch as jobs


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
    replace: Annotated[bool, typer.Option(
        "--replace", help="Store an article whose id is stored from another input with another text.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extract on N processes of this machine.")] = 1,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Extract on Dask: a scheduler address (tcp://host:8786) or local:N.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The article's headline (one input only).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where the article was published (one input only).")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="The outlet (one input only).")] = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date, ISO 8601 such as 2025-03-14 (one input only).")] = None,
):
    """Extract the quotes of every input and store them (re-extracting an article replaces it).

    Articles already stored with the same text by the same extractor version are skipped.
    """
    from quotes.run import batch as jobs

    if workers > 1 and scheduler:
        raise JobError("use either --workers or --scheduler, not both")
    batch = jobs.with_metadata(jobs.read_batch(paths, stdin=sys.stdin.buffer), title=title, url=url,
                               publisher=publisher, published=published)
    _run(batch, None if no_store else db, format, output, model, force=force, replace=replace, workers=workers,
         scheduler=scheduler)


@app.command()
def demo(db: DbPath = DEFAULT_DB, model: ModelName = None):
    """Extract the bundled example articles into the database and show what was found."""
    from quotes.run import batch as jobs

    batch = jobs.read_batch([str(jobs.EXAMPLES_DIR)])
    _run(batch, db, Format.table, None, model, force=True)
    echo(f"Try: quotes lookup 'flood' --db {db}   |   quotes speaker Okonedo --db {db}   |   "
               f"quotes serve --db {db}")


def _run(batch: jobs.Batch, db_path: Path | None, format: Format, output: Path | None, model: str | None,
         force: bool = False, replace: bool = False, workers: int = 1, scheduler: str | None = None):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from quotes.extractor import ExtractorSpec
    from quotes.ingest import InputError
    from quotes.run import batch as jobs

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
            results = jobs.extract_batch(batch.articles, extractor, db, force=force, replace=replace, workers=workers,
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
            err.print(printable(f"error: {error}"), markup=False, highlight=False, soft_wrap=True)
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
    from rich.table import Table
    from rich.text import Text

    article = extraction.article
    title = Text(printable(article.id + (f": {article.title}" if article.title else "")))
    table = Table(title=title, title_justify="left", caption=None if extraction.quotes else "no quotes found")
    table.add_column("Type")
    table.add_column("Speaker", overflow="fold", max_width=28)
    table.add_column("Quote", overflow="fold")
    for q in extraction.quotes:
        if store.speaker_key(q.speaker):
            speaker = q.speaker_name
        else:
            speaker = f"{q.speaker_mention} (unresolved)" if q.speaker_mention else "—"
        table.add_row(q.type, Text(printable(speaker)), Text(printable(clip(q.text, 160))))  # never markup
    return table


def _summary_table(summary: jobs.Summary, db_path: Path | None, failed: int) -> Table:
    from rich.table import Table

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
