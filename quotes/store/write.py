"""Writing extractions: an article and its quotes replace the article's earlier rows, in one
BEGIN IMMEDIATE transaction (see :func:`quotes.store.database.open_db`).

Takes articles with their quotes; gives stored rows. Who each speaker is comes from
:func:`quotes.store.speakers.resolve` (reads only); this module applies its decisions, and ends every
saving transaction by updating the clusters for the articles it stored (:mod:`quotes.store.clusters`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

import sqlite_utils

from quotes.model import Article, Quote, attribution_id, attribution_type, quote_id
from quotes.store import clusters
from quotes.store import speakers as identity
from quotes.store.schema import fill_alias_keys, now

ARTICLE_METADATA = ("title", "url", "publisher", "wire", "published", "source")


def save_extraction(
    db: sqlite_utils.Database, article: Article, quotes: Iterable[Quote], extractor: str | None = None
) -> None:
    """Store one article and its quotes in one transaction, replacing its earlier rows, and refresh the
    clusters. ``extractor`` names the extractor version that found the quotes (for :func:`unchanged_ids`).

    Inside an open transaction this is a savepoint. To store many articles, use :func:`save_extractions`:
    it refreshes the clusters once.
    """
    with db.atomic():
        fresh = clusters.is_fresh(db)
        _save(db, article, list(quotes), extractor)
        _maintain(db, fresh, [article.id])


def save_extractions(
    db: sqlite_utils.Database, items: Iterable[tuple[Article, list[Quote]]], extractor: str | None = None,
    *, refresh_clusters: bool = True,
) -> list[Exception | None]:
    """Store many articles in one transaction (one savepoint each), then update the clusters for them
    (:func:`quotes.store.clusters.update`: only what these articles touch, so an ingest into a big
    archive costs what it costs into an empty one); one entry per item: None when stored, else the error
    that kept that article (and only it) out. ``refresh_clusters=False`` leaves the clusters stale, for
    :func:`refresh_clusters` to recompute them all."""
    results: list[Exception | None] = []
    with db.atomic():
        fresh, stored = clusters.is_fresh(db), []
        for article, quotes in items:
            try:
                _save(db, article, list(quotes), extractor)
            except (sqlite3.Error, ValueError) as exc:
                results.append(exc)
            else:
                results.append(None)
                stored.append(article.id)
        if refresh_clusters and stored:
            _maintain(db, fresh, stored)
    return results


def _maintain(db: sqlite_utils.Database, fresh: bool, article_ids: list[str]) -> None:
    """The clusters after ``article_ids`` were stored: updated for them alone when they were fresh before,
    else recomputed (a killed ingest, rows written outside the library)."""
    if fresh:
        clusters.update(db, article_ids)
    else:
        clusters.refresh(db)


def refresh_clusters(db: sqlite_utils.Database) -> bool:
    """Bring the clusters up to date with the stored quotes, in a transaction of its own; True when
    they had to be recomputed."""
    with db.atomic():
        return clusters.ensure_fresh(db)


def _save(db: sqlite_utils.Database, article: Article, quotes: list[Quote], extractor: str | None) -> None:
    """One article in a savepoint: speakers resolved first (reads), then every row written."""
    for q in quotes:
        if article.text[q.start : q.end] != q.text:
            raise ValueError(f"{article.id}: quote at {q.start}:{q.end} is not the article text there")
    article_row = {
        "id": article.id, "title": article.title, "url": article.url, "publisher": article.publisher,
        "wire": article.wire, "published": article.published, "text": article.text,
        "content_hash": article.content_hash, "source": article.source, "ingested_at": now(),
        "extractor": extractor,
    }
    with db.atomic():
        if any(identity.speaker_key(q.speaker) for q in quotes):
            fill_alias_keys(db)  # rows written without keys are found by them from now on
        resolution = identity.resolve(db, article.id, quotes)  # the same person across articles
        old_speakers = {
            row[0] for row in db.execute(
                "select distinct speaker_id from quotes where article_id = ? and speaker_id is not null",
                [article.id],
            )
        }
        db.execute("delete from quotes where article_id = ?", [article.id])
        db.execute("delete from attributions where article_id = ?", [article.id])
        _upsert_article(db, article_row)
        for sid, name in resolution.renames.items():
            db.execute("update speakers set name = ? where id = ?", [name, sid])
        speakers = _speaker_rows(quotes, resolution.ids)
        # an existing speaker keeps its name and kind; its title changes when this article supplies one
        db.conn.executemany(
            "insert into speakers (id, name, kind, title) values (?, ?, ?, ?) "
            "on conflict(id) do update set title = coalesce(excluded.title, speakers.title)",
            [(r["id"], r["name"], r["kind"], r.get("title")) for r in speakers.values()])
        _insert(db, "insert or replace into attributions", _attribution_rows(article, quotes, resolution.ids).values())
        rows = [_quote_row(article.id, q, sid, _attribution_of(article.id, q)) for q, sid in
                zip(quotes, resolution.ids)]
        _insert(db, "insert into quotes", {r["id"]: r for r in rows}.values())  # a span found twice: one row
        db.execute("delete from speaker_aliases where article_id = ?", [article.id])
        _insert(db, "insert or replace into speaker_aliases", resolution.aliases)
        for sid in old_speakers - set(speakers):
            db.execute(
                "delete from speakers where id = ? and not exists (select 1 from quotes where speaker_id = ?) "
                "and not exists (select 1 from attributions where speaker_id = ?)",
                [sid, sid, sid],
            )


def _insert(db: sqlite_utils.Database, statement: str, rows: Iterable[dict]) -> None:
    """``statement`` ("insert … into TABLE") for rows that all have the same keys, in one executemany."""
    rows = list(rows)
    if rows:
        columns = list(rows[0])
        db.conn.executemany(f"{statement} ({', '.join(f'[{c}]' for c in columns)}) values "
                            f"({', '.join('?' * len(columns))})", [[r[c] for c in columns] for r in rows])


def _upsert_article(db: sqlite_utils.Database, row: dict) -> None:
    """The article row inserted, or its stored row updated in place (its rowid kept)."""
    columns = list(row)
    db.execute(f"insert into articles ({', '.join(columns)}) values ({', '.join('?' * len(columns))}) "
               f"on conflict(id) do update set {', '.join(f'{c} = excluded.{c}' for c in columns[1:])}",
               list(row.values()))


def _speaker_rows(quotes: list[Quote], ids: list[str | None]) -> dict[str, dict]:
    """A speakers row per speaker id: the first quote's name and kind, the first title given."""
    speakers: dict[str, dict] = {}
    for q, sid in zip(quotes, ids):
        if sid is not None:
            row = speakers.setdefault(sid, {"id": sid, "name": q.speaker.name, "kind": q.speaker.kind})
            if q.speaker.title and "title" not in row:
                row["title"] = q.speaker.title
    return speakers


def _attribution_of(article_id: str, q: Quote) -> str | None:
    """The id of the attribution ``q`` is a fragment of (None for terms, titles and quotes without one)."""
    if q.attribution is None or q.content_start is None or q.content_end is None:
        return None
    return attribution_id(article_id, q.content_start, q.content_end, q.cue_start)


def _attribution_rows(article: Article, quotes: list[Quote], ids: list[str | None]) -> dict[str, dict]:
    """An attributions row per attribution id: the first fragment's cue, source and speaker, the content
    span its fragments share, how many fragments it has and the lowest of their confidences."""
    rows: dict[str, dict] = {}
    types: dict[str, set[str]] = {}
    for q, sid in zip(quotes, ids):
        aid = _attribution_of(article.id, q)
        if aid is None:
            continue
        types.setdefault(aid, set()).add(q.type)
        row = rows.get(aid)
        if row is not None:
            row["fragments"] += 1
            row["confidence"] = min(row["confidence"], q.confidence)
            continue
        rows[aid] = {
            "id": aid, "article_id": article.id, "content": article.text[q.content_start : q.content_end],
            "content_start": q.content_start, "content_end": q.content_end, "cue": q.cue,
            "cue_start": q.cue_start, "cue_end": q.cue_end, **_source(article.text, q), "speaker_id": sid,
            "via": q.via,
            "fragments": 1, "confidence": q.confidence,
        }
    for aid, row in rows.items():
        row["type"] = attribution_type(types[aid])
    return rows


def _source(text: str, q: Quote) -> dict:
    """The source of ``q``'s attribution as annotators mark it (else its speaker mention), with offsets."""
    start, end = (q.source_start, q.source_end) if q.source_start is not None else (q.speaker_start, q.speaker_end)
    if start is None or end is None:
        return {"source": q.speaker_mention, "source_start": None, "source_end": None}
    return {"source": text[start:end], "source_start": start, "source_end": end}


def _quote_row(article_id: str, q: Quote, sid: str | None, attribution: str | None) -> dict:
    return {
        "id": quote_id(article_id, q.start, q.end, q.text), "article_id": article_id, "text": q.text,
        "start": q.start, "end": q.end, "type": q.type, "sentence": q.sentence, "cue": q.cue,
        "cue_start": q.cue_start, "cue_end": q.cue_end, "speaker_mention": q.speaker_mention,
        "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "speaker_id": sid,
        "via": q.via, "confidence": q.confidence, "method": q.method, "attribution_id": attribution,
    }


def unchanged_ids(db: sqlite_utils.Database, articles: Iterable[Article], extractor: str) -> set[str]:
    """Ids of the articles stored with the same text (content hash) by the same extractor version."""
    wanted = {a.id: a.content_hash for a in articles}
    return {aid for aid, digest, _source, version in _stored(db, wanted)
            if version == extractor and wanted[aid] == digest}


def conflicting_ids(db: sqlite_utils.Database, articles: Iterable[Article]) -> dict[str, str]:
    """Ids of ``articles`` already stored with another text from another input ({id: where the stored
    one was read}): storing them would silently replace another feed's article. A changed article from
    the same file (or the same feed, whatever its line) is an update, not a conflict."""
    wanted = {a.id: a for a in articles}
    return {aid: source or "an earlier run" for aid, digest, source, _version in _stored(db, wanted)
            if digest != wanted[aid].content_hash and _input_of(source) != _input_of(wanted[aid].source)}


def _stored(db: sqlite_utils.Database, ids: Iterable[str]) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(id, content hash, source, extractor) of the stored articles among ``ids``, 500 ids a query."""
    ids = list(ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        yield from db.execute(f"select id, content_hash, source, extractor from articles where id in "
                              f"({', '.join('?' * len(chunk))})", chunk)


def _input_of(source: str | None) -> str | None:
    """The file an article was read from: a feed's line number left out ("feed.jsonl:12" -> "feed.jsonl")."""
    if source is None:
        return None
    head, _, line = source.rpartition(":")
    return head if head and line.isdigit() else source


def refresh_metadata(db: sqlite_utils.Database, articles: Iterable[Article]) -> int:
    """Update title, url, publisher, wire, published and source of stored articles where they
    changed (the text and quotes stay), then the clusters (outlets and dates come from there);
    returns how many rows changed."""
    changed = 0
    with db.atomic():
        for article in articles:
            new = {name: getattr(article, name) for name in ARTICLE_METADATA}
            row = db.execute(
                f"select {', '.join(ARTICLE_METADATA)} from articles where id = ?", [article.id]).fetchone()
            if row is not None and tuple(new.values()) != tuple(row):
                new["ingested_at"] = now()
                db["articles"].update(article.id, new)
                changed += 1
        if changed:
            clusters.refresh(db)  # dates and outlets decide first appearances everywhere
    return changed
