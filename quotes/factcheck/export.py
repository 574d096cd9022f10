"""Exports for editors: the stored quotes as CSV or TSV (UTF-8, with a BOM for spreadsheet programs
unless told not to), a JSON array or JSON lines, filtered by speaker, outlet, dates, review verdict,
confidence and type. :func:`export` streams them row by row from one cursor: memory stays flat."""

from __future__ import annotations

import io
import itertools
import json
import re
import sqlite3
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

import sqlite_utils

from quotes.errors import ExportError
from quotes.factcheck.csv_lines import Lines
from quotes.model import QUOTE_TYPES
from quotes.store.clusters import ensure_fresh
from quotes.store.read import NEWEST_FIRST
from quotes.store.schema import QUOTE_FROM, REVIEW_VERDICTS
from quotes.store.speakers import matching_speakers

# (JSON key, CSV column): the JSON keys are the CSV columns in snake case
FIELDS = (
    ("quote_id", "Quote ID"), ("quote", "Quote"), ("type", "Type"), ("speaker", "Speaker"),
    ("speaker_as_written", "Speaker as written"), ("cue", "Cue"), ("via", "Via"), ("confidence", "Confidence"),
    ("review_verdict", "Review verdict"), ("corrected_speaker", "Corrected speaker"), ("article_id", "Article"),
    ("title", "Title"), ("publisher", "Publisher"), ("published", "Published"), ("url", "URL"),
    ("start", "Start"), ("end", "End"), ("context", "Context"), ("same_quote_in_articles", "Same quote in articles"),
    ("first_appearance", "First appearance"), ("clean_quote", "Clean quote"),
)
HEADERS = tuple(header for _key, header in FIELDS)
_FROM_QUOTE_ROW = {"speaker_as_written": "speaker_mention", "context": "sentence"}  # export key: quote-row key
FORMATS = ("csv", "tsv", "json", "nl")  # nl: JSON lines, one quote a line
SPREADSHEET_FORMATS = ("csv", "tsv")
_KEYS = [key for key, _header in FIELDS]
_ARTICLE_COLUMNS = slice(_KEYS.index("article_id"), _KEYS.index("url") + 1)  # the same for an article's quotes
# the quote without the punctuation the reporter's sentence left inside the marks ("… these jobs," -> "… these jobs")
_CLEAN_QUOTE = "trim(rtrim(trim(q.text), ' ,;:–—'))"
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Filters:
    """Which quotes to export; every filter given must hold."""

    speaker: str | None = None  # a name or part of one (see quotes.store.speakers.matching_speakers)
    article: str | None = None  # an article id
    outlet: str | None = None  # part of the publisher's name, any case
    since: str | None = None  # published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    until: str | None = None  # published on or before
    verdict: str | None = None  # latest review verdict ("unreviewed" for none)
    min_confidence: float | None = None
    types: list[str] = field(default_factory=list)

    def described(self) -> str:
        given = {k: v for k, v in vars(self).items() if v not in (None, [])}
        return " and ".join(f"{k.replace('_', ' ')} {v!r}" for k, v in given.items()) or "(no filter)"


def export_rows(db: sqlite_utils.Database, filters: Filters | None = None) -> list[dict]:
    """The quotes matching ``filters`` as dicts keyed by the JSON keys of :data:`FIELDS`, newest first."""
    keys = [key for key, _header in FIELDS]
    return [dict(zip(keys, row)) for row in _cursor(db, filters or Filters())]


def _cursor(db: sqlite_utils.Database, f: Filters) -> sqlite3.Cursor:
    """A cursor over the matching quotes, one tuple per quote in the order of :data:`FIELDS`, newest first:
    articles in the order of their index, each one's quotes by position (nothing is held here)."""
    reviews = "current_reviews" in db.view_names()
    clusters = db["quote_cluster_members"].exists()
    if clusters:
        ensure_fresh(db)  # the repetition columns come from the clusters
    where, params = _where(db, f, reviews)
    verdict, corrected, joins = "'unreviewed'", "null", []
    if reviews:
        verdict, corrected = "coalesce(r.verdict, 'unreviewed')", "r.corrected_speaker"
        joins.append("left join current_reviews r on r.quote_id = q.id")
    repeated, first = "null", "null"
    if clusters:
        repeated, first = "c.articles", "c.first_article_id || coalesce(' (' || c.first_published || ')', '')"
        joins.append("left join quote_cluster_members m on m.quote_id = q.id "
                     "left join quote_clusters c on c.id = m.cluster_id")
    columns = {"quote_id": "q.id", "quote": "q.text", "type": "q.type", "speaker": "s.name",
               "speaker_as_written": "q.speaker_mention", "cue": "q.cue", "via": "q.via", "confidence": "q.confidence",
               "review_verdict": verdict, "corrected_speaker": corrected, "article_id": "q.article_id",
               "title": "a.title", "publisher": "a.publisher", "published": "a.published", "url": "a.url",
               "start": "q.start", "end": 'q."end"', "context": "q.sentence", "same_quote_in_articles": repeated,
               "first_appearance": first, "clean_quote": _CLEAN_QUOTE}
    select = ", ".join(f"{expr} as [{key}]" for key, expr in columns.items())
    sql = (f"select {select}\n{QUOTE_FROM}\n{' '.join(joins)}" + (f"\nwhere {' and '.join(where)}" if where else "")
           + f"\norder by {NEWEST_FIRST}")
    return db.execute(sql, params)


def _where(db: sqlite_utils.Database, f: Filters, reviews: bool) -> tuple[list[str], list]:
    """The SQL conditions and parameters of ``f``; a bad filter raises :class:`ExportError`."""
    where, params = [], []
    if f.speaker is not None:
        ids = [s["id"] for s in matching_speakers(db, f.speaker)]
        where.append(f"q.speaker_id in ({', '.join('?' * len(ids))})" if ids else "0")
        params += ids
    if f.article is not None:
        where.append("q.article_id = ?")
        params.append(f.article)
    if f.outlet is not None:
        where.append("instr(lower(a.publisher), lower(?)) > 0")
        params.append(f.outlet.strip())
    for bound, op in ((f.since, ">="), (f.until, "<=")):
        if bound is not None:
            if not _valid_date(bound.strip()):
                raise ExportError(f"date {bound!r}: use YYYY-MM-DD (or YYYY-MM, YYYY)")
            where.append(f"substr(a.published, 1, {len(bound.strip())}) {op} ?")
            params.append(bound.strip())
    if f.verdict is not None:
        if f.verdict not in REVIEW_VERDICTS:
            raise ExportError(f"unknown verdict {f.verdict!r}; use one of: {', '.join(REVIEW_VERDICTS)}")
        where.append("coalesce(r.verdict, 'unreviewed') = ?" if reviews else "? = 'unreviewed'")
        params.append(f.verdict)
    if f.min_confidence is not None:
        where.append("q.confidence >= ?")
        params.append(f.min_confidence)
    if f.types:
        unknown = [t for t in f.types if t not in QUOTE_TYPES]
        if unknown:
            raise ExportError(f"unknown quote type(s) {', '.join(unknown)}; use {', '.join(QUOTE_TYPES)}")
        where.append(f"q.type in ({', '.join('?' * len(f.types))})")
        params += f.types
    return where, params


def render(rows: list[dict], format: str = "csv", bom: bool = False) -> str:
    """The rows as CSV (with the :data:`HEADERS` line; ``bom`` starts it with U+FEFF), TSV, a JSON array or
    JSON lines (``nl``)."""
    out = io.StringIO(newline="")
    _stream(iter([tuple(row[key] for key, _header in FIELDS) for row in rows]), out, format, bom)
    return out.getvalue()


def _stream(rows: Iterator[tuple], out: TextIO, format: str, bom: bool) -> int:
    """Write ``rows`` (tuples in :data:`FIELDS` order) to ``out`` batch by batch; returns how many. In CSV
    and TSV a text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; use {', '.join(FORMATS)}")
    if bom and format not in SPREADSHEET_FORMATS:
        raise ExportError("--bom is for CSV and TSV files only (JSON must not start with one)")
    count = 0
    if format in SPREADSHEET_FORMATS:
        out.write("\ufeff" if bom else "")
        delimiter = "\t" if format == "tsv" else ","
        out.write(Lines(delimiter).text([HEADERS]))
        lines = Lines(delimiter, repeated=_ARTICLE_COLUMNS)
        for batch in _batches(rows):
            out.write(lines.text(batch))
            count += len(batch)
        return count
    keys = [key for key, _header in FIELDS]
    if format == "json":
        out.write("[")
    for batch in _batches(rows):
        for row in batch:
            text = json.dumps(dict(zip(keys, row)), ensure_ascii=False, indent=2 if format == "json" else None)
            if format == "json":
                out.write(("," if count else "") + "\n" + textwrap.indent(text, "  "))
            else:
                out.write(text + "\n")
            count += 1
    if format == "json":
        out.write("\n]\n" if count else "]\n")
    return count


def _batches(rows: Iterator[tuple], size: int = 2000) -> Iterator[list[tuple]]:
    if isinstance(rows, sqlite3.Cursor):
        while batch := rows.fetchmany(size):
            yield batch
        return
    while batch := list(itertools.islice(rows, size)):
        yield batch


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def write(rows: list[dict], path: str | Path, format: str = "csv", bom: bool = False) -> None:
    """Write :func:`render`'s text to ``path`` as UTF-8 (``-`` is standard output)."""
    text = render(rows, format, bom)
    _to_file(path, lambda handle: handle.write(text))


def export(db: sqlite_utils.Database, filters: Filters | None, path: str | Path, format: str = "csv",
           bom: bool = False) -> int:
    """Stream the matching quotes to ``path`` (``-``: standard output) row by row from a cursor, so memory
    stays flat however many there are; returns how many were written. No match writes nothing (0), and a
    file is replaced only once it is complete."""
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; use {', '.join(FORMATS)}")
    cursor = _cursor(db, filters or Filters())
    first = cursor.fetchone()
    if first is None:
        return 0
    rows = itertools.chain([first], _rest(cursor))
    if str(path) == "-":
        return _stream(rows, sys.stdout, format, bom)
    return _to_file(path, lambda handle: _stream(rows, handle, format, bom))


def _rest(cursor: sqlite3.Cursor) -> Iterator[tuple]:
    while batch := cursor.fetchmany(2000):
        yield from batch


def _to_file(path: str | Path, writing) -> int:
    """Run ``writing(handle)`` on a new file next to ``path``, then put it in place (or on stdout for ``-``)."""
    if str(path) == "-":
        return writing(sys.stdout)
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8", newline="") as handle:
            written = writing(handle)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return written
