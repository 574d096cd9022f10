"""Exports for editors: the stored quotes as CSV (UTF-8, optionally with a BOM for spreadsheet
programs) or JSON, filtered by speaker, outlet, dates, review verdict, confidence and type."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlite_utils

from quotes.errors import ExportError
from quotes.model import QUOTE_TYPES
from quotes.store.clusters import ensure_fresh
from quotes.store.read import quote_rows
from quotes.store.schema import REVIEW_VERDICTS
from quotes.store.speakers import matching_speakers

# (JSON key, CSV column): the JSON keys are the CSV columns in snake case
FIELDS = (
    ("quote_id", "Quote ID"), ("quote", "Quote"), ("type", "Type"), ("speaker", "Speaker"),
    ("speaker_as_written", "Speaker as written"), ("cue", "Cue"), ("via", "Via"), ("confidence", "Confidence"),
    ("review_verdict", "Review verdict"), ("corrected_speaker", "Corrected speaker"), ("article_id", "Article"),
    ("title", "Title"), ("publisher", "Publisher"), ("published", "Published"), ("url", "URL"),
    ("start", "Start"), ("end", "End"), ("context", "Context"), ("same_quote_in_articles", "Same quote in articles"),
    ("first_appearance", "First appearance"),
)
HEADERS = tuple(header for _key, header in FIELDS)
_FROM_QUOTE_ROW = {"speaker_as_written": "speaker_mention", "context": "sentence"}  # export key: quote-row key
FORMATS = ("csv", "json")
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
    f = filters or Filters()
    reviews = "current_reviews" in db.view_names()
    clusters = db["quote_cluster_members"].exists()
    if clusters:
        ensure_fresh(db)  # the repetition columns come from the clusters
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
        known = REVIEW_VERDICTS
        if f.verdict not in known:
            raise ExportError(f"unknown verdict {f.verdict!r}; use one of: {', '.join(known)}")
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
    verdict, corrected, joins = "'unreviewed'", "null", []
    if reviews:
        verdict, corrected = "coalesce(r.verdict, 'unreviewed')", "r.corrected_speaker"
        joins.append("left join current_reviews r on r.quote_id = q.id")
    repeated, first = "null", "null"
    if clusters:
        repeated, first = "c.articles", "c.first_article_id || coalesce(' (' || c.first_published || ')', '')"
        joins.append("left join quote_cluster_members m on m.quote_id = q.id "
                     "left join quote_clusters c on c.id = m.cluster_id")
    columns = (f"{verdict} as review_verdict, {corrected} as corrected_speaker, "
               f"{repeated} as same_quote_in_articles, {first} as first_appearance")
    rows = quote_rows(db, " and ".join(where), params, columns=columns, joins=" ".join(joins))
    return [{key: row[_FROM_QUOTE_ROW.get(key, key)] for key, _header in FIELDS} for row in rows]


def render(rows: list[dict], format: str = "csv", bom: bool = False) -> str:
    """The rows as CSV (with the :data:`HEADERS` line; ``bom`` starts it with U+FEFF) or as a JSON array."""
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; use csv or json")
    if format == "json":
        if bom:
            raise ExportError("--bom is for CSV files only (JSON must not start with one)")
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([_cell(row[key]) for key, _header in FIELDS] for row in rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def _cell(value):
    """A CSV cell that a spreadsheet shows as text: a leading =, +, -, @, tab or carriage return would
    make it a formula (scraped text can start with one), so such a cell gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


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
    if str(path) == "-":
        sys.stdout.write(text)
        return
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
