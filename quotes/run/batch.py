"""The jobs behind the command line: read, extract and store a batch of articles.

Nothing here prints: the CLI shows progress and results.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from quotes import store
from quotes.errors import JobError
from quotes.extractor import Extraction, Extractor, ExtractorSpec, cached_extractor
from quotes.ingest import InputError, read_inputs
from quotes.model import Article
from quotes.store import speaker_key

EXAMPLES_DIR = Path(__file__).parent.parent / "examples"
COMMIT_EVERY = 64  # articles per database transaction
COMMIT_SECONDS = 2.0  # ... or sooner, so progress shows stored work


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


def with_metadata(batch: Batch, **meta: str | None) -> Batch:
    """The batch's one article with ``meta`` (title, url, publisher, published) set where given; JobError
    when there is not exactly one article or a date is not an ISO date."""
    given = {k: " ".join(v.split()) for k, v in meta.items() if v is not None}
    if not given:
        return batch
    flags = ", ".join(f"--{k}" for k in given)
    if len(batch.articles) != 1:
        raise JobError(f"{flags}: for one article only; these inputs hold {len(batch.articles)}")
    if "published" in given and not _ISO_DATE.fullmatch(given["published"]):
        raise JobError(f"--published {given['published']!r} is not a date such as 2025-03-14 (ISO 8601)")
    for key, text in given.items():
        setattr(batch.articles[0], key, text or None)
    return batch


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


@dataclass
class Skipped:
    """An article stored earlier with the same text by the same extractor version: not extracted."""

    article: Article


Result = Extraction | InputError | Skipped


def extract_batch(
    articles: list[Article],
    extractor: Extractor | ExtractorSpec,
    db: sqlite_utils.Database | None = None,
    *,
    force: bool = False,
    replace: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
) -> Iterator[Result]:
    """Extract every article and, with ``db``, store them in batched transactions.

    With ``db`` and without ``force``, articles stored earlier with the same content hash by the
    same extractor version are skipped before parsing. ``workers`` > 1 extracts on that many local
    processes, ``scheduler`` (an address or ``local:N``) on Dask; results are the same and stored here.
    An article whose id is stored from another input with another text is an error unless ``replace``.
    An article that cannot be stored becomes an :class:`InputError`; the others go on.
    """
    spec = extractor.spec if isinstance(extractor, Extractor) else extractor
    version = spec.version
    if db is not None and not replace:
        conflicts = store.conflicting_ids(db, articles)
        for article in articles:
            if article.id in conflicts:
                yield InputError(article.source or article.id, f"id {article.id!r} is already stored from "
                                 f"{conflicts[article.id]} with another text; give this article another id, or "
                                 "use --replace to replace the stored one")
        articles = [a for a in articles if a.id not in conflicts]
    todo = articles
    if db is not None and not force:
        unchanged = store.unchanged_ids(db, articles, version)
        todo = [a for a in articles if a.id not in unchanged]
        if unchanged:
            store.refresh_metadata(db, [a for a in articles if a.id in unchanged])  # a new title needs no parse
        for article in articles:
            if article.id in unchanged:
                yield Skipped(article)
    extractions = _extractions(todo, extractor, workers, scheduler)
    if db is None:
        for extraction in extractions:
            yield _failed(extraction) or extraction
        return
    batch: list[Extraction] = []
    started = time.monotonic()
    try:
        for extraction in extractions:
            failed = _failed(extraction)
            if failed is not None:  # nothing of it is stored; earlier rows of the article stay as they were
                yield failed
                continue
            batch.append(extraction)
            if len(batch) >= COMMIT_EVERY or time.monotonic() - started >= COMMIT_SECONDS:
                done, batch, started = batch, [], time.monotonic()
                yield from _stored(db, done, version)
    except BaseException:
        if batch:  # extraction failed or was interrupted: keep the articles finished before that
            store.save_extractions(db, ((e.article, e.quotes) for e in batch), version)
        store.refresh_clusters(db)
        raise
    yield from _stored(db, batch, version)
    store.refresh_clusters(db)  # nothing to do when every batch updated them; else (rows written elsewhere) once


def _stored(db: sqlite_utils.Database, batch: list[Extraction], version: str) -> Iterator[Result]:
    """Store ``batch`` in one transaction; each extraction, or an error for one that was not stored."""
    if not batch:
        return
    errors = store.save_extractions(db, ((e.article, e.quotes) for e in batch), version)  # clusters updated
    for extraction, exc in zip(batch, errors, strict=True):
        result: Result = extraction
        if exc is not None:
            result = InputError(extraction.article.source or extraction.article.id, f"not stored ({exc})")
        yield result


def _failed(extraction: Extraction) -> InputError | None:
    if extraction.error is None:
        return None
    article = extraction.article
    return InputError(article.source or article.id,
                      f"extraction failed ({extraction.error}); please report it, with the article")



def _extractions(
    articles: list[Article], extractor: Extractor | ExtractorSpec, workers: int, scheduler: str | None
) -> Iterator[Extraction]:
    if not articles:
        return
    spec = extractor.spec if isinstance(extractor, Extractor) else extractor
    if scheduler:
        from quotes.run.distributed import dask_client, extract_on_dask  # dask loads only when asked for

        with dask_client(scheduler) as client:
            yield from extract_on_dask(articles, spec, client)
    elif workers > 1:
        from quotes.run.local import extract_parallel

        yield from extract_parallel(articles, spec, workers)
    else:
        local = extractor if isinstance(extractor, Extractor) else cached_extractor(spec)
        yield from local.extract_many(articles)


def output_record(extraction: Extraction) -> dict:
    """One line of ``quotes extract --format jsonl``: the article id and its quotes."""
    return {"id": extraction.article.id, "quotes": [q.as_output(extraction.article.id) for q in extraction.quotes]}


@dataclass
class Summary:
    articles: int = 0
    types: Counter = field(default_factory=Counter)
    speakers: set[str] = field(default_factory=set)
    skipped: int = 0  # unchanged articles not extracted again

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
