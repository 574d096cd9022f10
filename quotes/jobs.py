"""The jobs behind the command line: read, extract and store a batch; load gold files; evaluate.

Nothing here prints: the CLI shows progress and results.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .evaluate import Report, score
from .ingest import InputError, read_inputs
from .pipeline import Extraction, Extractor
from .records import QUOTE_TYPES, Article
from .store import save_extraction, speaker_key

EXAMPLES_DIR = Path(__file__).parent / "examples"


class JobError(Exception):
    """A problem with a file the user named (gold, predictions, options); one line for the user."""


# -- extract ------------------------------------------------------------------------------
@dataclass
class Batch:
    """What a set of inputs held: the articles that could be read and one error per bad input."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def read_batch(paths: Iterable[str], stdin=None) -> Batch:
    batch = Batch()
    for item in read_inputs(paths, stdin=stdin):
        (batch.errors if isinstance(item, InputError) else batch.articles).append(item)
    return batch


def extract_batch(
    articles: list[Article],
    extractor: Extractor,
    db: sqlite_utils.Database | None = None,
    on_article: Callable[[Extraction | InputError], None] | None = None,
) -> Iterator[Extraction | InputError]:
    """Extract every article and, with ``db``, store each one as soon as it is done.

    An article that cannot be stored becomes an :class:`InputError`; the others go on.
    """
    for extraction in extractor.extract_many(articles):
        result: Extraction | InputError = extraction
        if db is not None:
            try:
                save_extraction(db, extraction.article, extraction.quotes)
            except (sqlite3.Error, ValueError) as exc:
                result = InputError(extraction.article.source or extraction.article.id, f"not stored ({exc})")
        if on_article is not None:
            on_article(result)
        yield result


def output_record(extraction: Extraction) -> dict:
    """One line of ``quotes extract --format jsonl``: the article id and its quotes."""
    return {"id": extraction.article.id, "quotes": [q.as_output() for q in extraction.quotes]}


@dataclass
class Summary:
    articles: int = 0
    types: Counter = field(default_factory=Counter)
    speakers: set[str] = field(default_factory=set)

    def add(self, extraction: Extraction) -> None:
        self.articles += 1
        for quote in extraction.quotes:
            self.types[quote.type] += 1
            key = speaker_key(quote.speaker)
            if key is not None:
                self.speakers.add(key)

    @property
    def quotes(self) -> int:
        return sum(self.types.values())


# -- gold and predictions -----------------------------------------------------------------
def read_jsonl(path: str | Path, required: tuple[str, ...]) -> list[dict]:
    """JSON objects, one per line, each with the ``required`` fields; JobError on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JobError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise JobError(f"{path}: is a folder, not a JSON Lines file") from None
    except UnicodeDecodeError as exc:
        raise JobError(f"{path}: not valid UTF-8 (undecodable byte at position {exc.start})") from None
    except OSError as exc:
        raise JobError(f"{path}: cannot read file ({exc.strerror or exc})") from None
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise JobError(f"{path}:{number}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict):
            raise JobError(f"{path}:{number}: expected a JSON object per line")
        missing = [name for name in required if name not in record]
        if missing:
            raise JobError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        records.append(record)
    if not records:
        raise JobError(f"{path}: empty file, no JSON lines")
    return records


def load_gold(path: str | Path) -> list[dict]:
    """Gold articles (``{"id", "text", "quotes": [...]}`` per line) as :func:`score` takes them."""
    gold = read_jsonl(path, ("id", "text", "quotes"))
    for record in gold:
        record["id"] = str(record["id"])
    return gold


def load_predictions(path: str | Path) -> dict[str, list[dict]]:
    """A ``quotes extract --format jsonl`` file as ``{article id: quotes}``."""
    return {str(r["id"]): r["quotes"] for r in read_jsonl(path, ("id", "quotes"))}


def parse_types(value: str) -> tuple[str, ...]:
    """``"direct,partial"`` -> ``("direct", "partial")``; JobError on an unknown type."""
    types = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in types if t not in QUOTE_TYPES]
    if unknown or not types:
        raise JobError(f"unknown quote type(s) {', '.join(unknown) or '(none)'}; use {', '.join(QUOTE_TYPES)}")
    return types


def predict_gold(gold: list[dict], extractor: Extractor) -> dict[str, list[dict]]:
    """Run the extractor on each gold article's text, under the gold article's id."""
    articles = [
        Article(id=g["id"], text=g["text"], title=g.get("title"), publisher=g.get("publisher"),
                published=g.get("published"))
        for g in gold
    ]
    return {e.article.id: output_record(e)["quotes"] for e in extractor.extract_many(articles)}


def evaluate_gold(gold: list[dict], extractor: Extractor, types: tuple[str, ...]) -> Report:
    return score(gold, predict_gold(gold, extractor), types=types)
