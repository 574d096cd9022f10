"""The SQLite store: the schema (defined here only), writing extractions and querying them.

Tables: ``articles``, ``speakers`` and ``quotes`` (foreign keys to both), with FTS5 on
``quotes(text, sentence)`` and ``speakers(name)`` kept in sync by triggers. Every quote's
``text`` is exactly ``articles.text[start:end]``; nothing stored is rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process, utils

from quotes.errors import StoreError
from quotes.model import Article, Quote, Speaker, quote_id
from quotes.store import speakers as identity

DEFAULT_DB = "db/quotes.db"

# -- schema: the one place it is defined --------------------------------------------------
ARTICLES = {
    "id": str, "title": str, "url": str, "publisher": str, "wire": str, "published": str,
    "text": str, "content_hash": str, "source": str, "ingested_at": str,
    "extractor": str,  # the extractor version that made the article's quotes (see pipeline.extractor_version)
}
SPEAKERS = {"id": str, "name": str, "kind": str, "title": str}
QUOTES = {
    "id": str, "article_id": str, "text": str, "start": int, "end": int, "type": str, "sentence": str,
    "cue": str, "cue_start": int, "cue_end": int, "speaker_mention": str, "speaker_start": int,
    "speaker_end": int, "speaker_id": str, "via": str, "confidence": float, "method": str,
}
NOT_NULL = {
    "articles": {"text", "content_hash", "ingested_at"},
    "speakers": {"name", "kind"},
    "quotes": {"article_id", "text", "start", "end", "type", "confidence", "method"},
}
FOREIGN_KEYS = [("article_id", "articles", "id"), ("speaker_id", "speakers", "id")]
QUOTE_INDEXES = (["article_id"], ["speaker_id"], ["type"])
FTS = {"quotes": ["text", "sentence"], "speakers": ["name"]}
# speakers across articles (quotes/identity.py) and the same quote in several articles (quotes/clusters.py)
SPEAKER_ALIASES = {"speaker_id": str, "alias": str, "article_id": str, "form": str, "title": str,
                   "organisation": str, "key": str, "surname": str}  # key: the alias in lower case
SPEAKER_DECISIONS = {"name_key": str, "kind": str, "article_id": str, "speaker_id": str, "action": str,
                     "decided_at": str}
QUOTE_CLUSTERS = {"id": str, "text": str, "quotes": int, "articles": int, "outlets": int, "first_quote_id": str,
                  "first_article_id": str, "first_published": str, "last_published": str}
QUOTE_CLUSTER_MEMBERS = {"quote_id": str, "cluster_id": str, "article_id": str, "similarity": float}
QUOTE_CLUSTERS_STATE = {"id": int, "fingerprint": str, "refreshed_at": str}  # one row: what was clustered
LINKED_TABLES = {  # name: (columns, primary key, foreign keys, indexes)
    "speaker_aliases": (SPEAKER_ALIASES, ("speaker_id", "alias", "article_id"),
                        [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
                        (["key"], ["surname"])),
    "speaker_decisions": (SPEAKER_DECISIONS, ("name_key", "kind", "article_id"), [], ()),
    "quote_clusters": (QUOTE_CLUSTERS, "id", [("first_article_id", "articles", "id")], ()),
    "quote_cluster_members": (QUOTE_CLUSTER_MEMBERS, "quote_id",
                              [("cluster_id", "quote_clusters", "id"), ("article_id", "articles", "id")],
                              (["cluster_id"],)),
    "quote_clusters_state": (QUOTE_CLUSTERS_STATE, "id", [], ()),
}
# reviews (quotes/review.py): an append-only history of verdicts, one row per review. No foreign key to
# quotes on purpose: re-extracting an article deletes and re-inserts its quotes, and reviews must neither
# block that nor go with it; a quote found again (same article, offsets and text: same id) keeps its reviews.
# article_id, quote_text and speaker are what the reviewer saw, kept even if the quote later changes.
REVIEW_VERDICTS = ("unreviewed", "correct", "wrong speaker", "wrong span", "not a quote", "needs check")
_VERDICTS_SQL = ", ".join(f"'{v}'" for v in REVIEW_VERDICTS)
REVIEW_SCHEMA = (
    f"""create table if not exists reviews (
    id integer primary key,
    quote_id text not null,
    article_id text not null,
    quote_text text not null,
    speaker text,
    verdict text not null constraint known_verdict check (verdict in ({_VERDICTS_SQL})),
    corrected_speaker text,
    note text,
    reviewer text not null constraint named_reviewer check (length(trim(reviewer)) > 0),
    reviewed_at text not null
)""",
    "create index if not exists reviews_quote_id on reviews (quote_id)",
    "create index if not exists reviews_reviewer on reviews (reviewer)",
    f"""create trigger if not exists reviews_known_verdict before insert on reviews
when new.verdict is null or new.verdict not in ({_VERDICTS_SQL})
begin select raise(abort, 'unknown verdict: use one of {", ".join(REVIEW_VERDICTS)}'); end""",
    """create trigger if not exists reviews_known_quote before insert on reviews
when not exists (select 1 from quotes where id = new.quote_id)
begin select raise(abort, 'no such quote'); end""",
    """create trigger if not exists reviews_no_update before update on reviews
begin select raise(abort, 'reviews are kept: add a new review instead'); end""",
    """create trigger if not exists reviews_no_delete before delete on reviews
begin select raise(abort, 'reviews are kept: add a new review instead'); end""",
)
REVIEW_VIEWS = {  # name: select; re-created when an older database has another definition
    "latest_reviews": """select r.* from reviews r
where r.id = (select max(id) from reviews where quote_id = r.quote_id)""",
    "review_queue": """select q.id as quote_id, q.text as quote, q.type, s.name as speaker,
    q.speaker_mention as speaker_as_written, q.cue, q.confidence, coalesce(r.verdict, 'unreviewed') as verdict,
    r.corrected_speaker, r.note, r.reviewer, r.reviewed_at, q.article_id, a.title, a.publisher, a.published, q.start
from quotes q
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id
left join latest_reviews r on r.quote_id = q.id""",
}

FUZZY_CUTOFF = 80.0
FUZZY_MIN_CHARS = 6  # shorter phrases match too much by chance


# -- opening ------------------------------------------------------------------------------
class _Database(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost ``atomic()`` is BEGIN IMMEDIATE: it takes the write lock
    first, waiting up to the busy timeout, so that a read inside the transaction cannot make a later
    write fail at once with "database is locked" when another process committed in between (a stale
    WAL snapshot is not retried). Nested blocks stay savepoints."""

    @contextlib.contextmanager
    def atomic(self):
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise


def open_db(path: str | Path = DEFAULT_DB, create: bool = True) -> sqlite_utils.Database:
    """Open (and with ``create``, make) the quotes database at ``path``.

    With ``create`` the parent folder and any missing table, index or FTS index are made.
    Without it, a missing file, a file without the quotes tables or one with no articles
    raises :class:`StoreError`. A file that is not SQLite always raises it.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database; run 'quotes extract' or 'quotes demo' first")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = _Database(path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path}: cannot open database ({exc})") from exc
    try:
        db.execute("PRAGMA foreign_keys=ON")
        tables = set(db.table_names())  # reads the schema: fails on a file that is not SQLite
        if create:
            _create_schema(db)
            if db.journal_mode != "wal":
                db.enable_wal()
        elif not {"articles", "speakers", "quotes"} <= tables:
            raise StoreError(f"{path}: not a quotes database (no quotes tables); run 'quotes extract' first")
        elif not db["articles"].count:
            raise StoreError(f"{path}: the database is empty; run 'quotes extract' or 'quotes demo' first")
        elif not set(LINKED_TABLES) <= tables:  # an older database gets the tables added since
            _create_schema(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc
    except StoreError:
        db.close()
        raise
    return db


def _create_schema(db: sqlite_utils.Database) -> None:
    with db.atomic():
        if not db["articles"].exists():
            db["articles"].create(ARTICLES, pk="id", not_null=NOT_NULL["articles"])
        for name, type_ in ARTICLES.items():  # columns added since an older database was made
            if name not in db["articles"].columns_dict:
                db["articles"].add_column(name, type_)
        if not db["speakers"].exists():
            db["speakers"].create(SPEAKERS, pk="id", not_null=NOT_NULL["speakers"])
        if not db["quotes"].exists():
            db["quotes"].create(QUOTES, pk="id", not_null=NOT_NULL["quotes"], foreign_keys=FOREIGN_KEYS)
        for columns in QUOTE_INDEXES:
            db["quotes"].create_index(columns, if_not_exists=True)
        for table, (columns, pk, foreign_keys, indexes) in LINKED_TABLES.items():
            if not db[table].exists():
                db[table].create(columns, pk=pk, foreign_keys=foreign_keys)
            for name, type_ in columns.items():  # columns added since an older database was made
                if name not in db[table].columns_dict:
                    db[table].add_column(name, type_)
            for index in indexes:
                db[table].create_index(index, if_not_exists=True)
        for statement in REVIEW_SCHEMA:
            db.execute(statement)
        for name, select in REVIEW_VIEWS.items():
            old = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [name]).fetchone()
            if old is None or not old[0].endswith(select):
                db.execute(f"drop view if exists {name}")
                db.execute(f"create view {name} as {select}")
    for table, columns in FTS.items():
        if not db[table].detect_fts():
            db[table].enable_fts(columns, create_triggers=True)


# -- writing ------------------------------------------------------------------------------
def speaker_id(name: str, kind: str) -> str:
    """A stable id for a canonical speaker: the same name (any case or spacing) and kind."""
    key = f"{kind}\x1f{' '.join(name.split()).casefold()}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def save_extraction(
    db: sqlite_utils.Database, article: Article, quotes: Iterable[Quote], extractor: str | None = None
) -> None:
    """Store one article and its quotes in one transaction, replacing its earlier rows.

    ``extractor`` names the extractor version that found the quotes (for :func:`unchanged_ids`).
    Inside an open transaction (:func:`save_extractions`) this is a savepoint.
    """
    quotes = list(quotes)
    for q in quotes:
        if article.text[q.start : q.end] != q.text:
            raise ValueError(f"{article.id}: quote at {q.start}:{q.end} is not the article text there")
    article_row = {
        "id": article.id, "title": article.title, "url": article.url, "publisher": article.publisher,
        "wire": article.wire, "published": article.published, "text": article.text,
        "content_hash": article.content_hash, "source": article.source,
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "extractor": extractor,
    }
    with db.atomic():
        old_speakers = {
            row[0] for row in db.execute(
                "select distinct speaker_id from quotes where article_id = ? and speaker_id is not null",
                [article.id],
            )
        }
        db.execute("delete from quotes where article_id = ?", [article.id])
        db["articles"].upsert(article_row, pk="id")
        speakers = {}
        rows = []
        sids = identity.resolve_speakers(db, article.id, quotes)  # the same person across articles
        for q, sid in zip(quotes, sids):
            if sid is not None:
                row = speakers.setdefault(sid, {"id": sid, "name": q.speaker.name, "kind": q.speaker.kind})
                if q.speaker.title and "title" not in row:
                    row["title"] = q.speaker.title
            rows.append({
                "id": quote_id(article.id, q.start, q.end, q.text), "article_id": article.id, "text": q.text,
                "start": q.start, "end": q.end, "type": q.type, "sentence": q.sentence, "cue": q.cue,
                "cue_start": q.cue_start, "cue_end": q.cue_end, "speaker_mention": q.speaker_mention,
                "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "speaker_id": sid,
                "via": q.via, "confidence": q.confidence, "method": q.method,
            })
        for row in speakers.values():
            # an existing speaker keeps its name and title unless this article supplies a title
            db["speakers"].insert(row, pk="id", ignore=True)
            if row.get("title"):
                db["speakers"].update(row["id"], {"title": row["title"]})
        if rows:
            # the same span found twice would give the same id: keep one row
            db["quotes"].insert_all({r["id"]: r for r in rows}.values(), pk="id")
        identity.record_aliases(db, article.id, quotes, sids)
        for sid in old_speakers - set(speakers):
            db.execute(
                "delete from speakers where id = ? and not exists (select 1 from quotes where speaker_id = ?)",
                [sid, sid],
            )


def speaker_key(speaker: Speaker | None) -> str | None:
    """The speakers-table id of a quote's speaker; None when there is no identity to store.

    Only resolved speakers get a row: an unresolved "he" or "the company" keeps its mention
    (``speaker_mention``) but is not a speaker.
    """
    if speaker is None or not speaker.resolved or not speaker.name.strip():
        return None
    return speaker_id(speaker.name, speaker.kind)


def save_extractions(
    db: sqlite_utils.Database, items: Iterable[tuple[Article, list[Quote]]], extractor: str | None = None
) -> list[Exception | None]:
    """Store many articles in one transaction (one savepoint each); one entry per item:
    None when stored, else the error that kept that article (and only it) out."""
    results: list[Exception | None] = []
    with db.atomic():
        for article, quotes in items:
            try:
                save_extraction(db, article, quotes, extractor)
            except (sqlite3.Error, ValueError) as exc:
                results.append(exc)
            else:
                results.append(None)
    return results


def unchanged_ids(db: sqlite_utils.Database, articles: Iterable[Article], extractor: str) -> set[str]:
    """Ids of the articles stored with the same text (content hash) by the same extractor version."""
    wanted = {a.id: a.content_hash for a in articles}
    ids = list(wanted)
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = db.execute(
            f"select id, content_hash from articles where extractor = ? and id in ({', '.join('?' * len(chunk))})",
            [extractor, *chunk],
        )
        found.update(aid for aid, digest in rows if wanted[aid] == digest)
    return found


ARTICLE_METADATA = ("title", "url", "publisher", "wire", "published", "source")


def refresh_metadata(db: sqlite_utils.Database, articles: Iterable[Article]) -> int:
    """Update title, url, publisher, wire, published and source of stored articles where they
    changed (the text and quotes stay); returns how many rows changed."""
    changed = 0
    with db.atomic():
        for article in articles:
            new = {name: getattr(article, name) for name in ARTICLE_METADATA}
            row = db.execute(
                f"select {', '.join(ARTICLE_METADATA)} from articles where id = ?", [article.id]).fetchone()
            if row is not None and tuple(new.values()) != tuple(row):
                new["ingested_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
                db["articles"].update(article.id, new)
                changed += 1
    return changed


# -- querying -----------------------------------------------------------------------------
_QUOTE_ROWS = """
select q.id as quote_id, q.text as quote, q.type, q.start, q."end", q.cue, q.via, q.confidence,
       q.speaker_mention, q.sentence, q.speaker_id, s.name as speaker, q.article_id, a.title, a.publisher,
       a.published, a.url
from quotes q
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id
"""
_ORDER = ' order by a.published is null, a.published desc, q.article_id, q.start'


def _rows(db: sqlite_utils.Database, where: str = "", params: Iterable = ()) -> list[dict]:
    return _dicts(db.execute(_QUOTE_ROWS + (f" where {where}" if where else "") + _ORDER, list(params)))


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def lookup(db: sqlite_utils.Database, phrase: str, limit: int = 10) -> list[dict]:
    """Who said ``phrase``: full-text matches first, then fuzzy matches over quote texts.

    Each result is a quote row (quote, speaker, article_id, title, published, start, end...)
    with ``score`` (rapidfuzz partial ratio, 0-100) and ``match`` ("fts" or "fuzzy").
    """
    phrase = phrase.strip()
    if not phrase:
        return []
    found: dict[str, dict] = {}
    for row in _fts_rows(db, phrase, limit):
        row["score"] = round(fuzz.partial_ratio(phrase, row["quote"], processor=utils.default_process), 1)
        row["match"] = "fts"
        found[row["quote_id"]] = row
    if len(found) < limit and len(utils.default_process(phrase)) >= FUZZY_MIN_CHARS:
        texts = {qid: text for qid, text in db.execute("select id, text from quotes") if qid not in found}
        hits = process.extract(
            phrase, texts, scorer=fuzz.partial_ratio, processor=utils.default_process,
            score_cutoff=FUZZY_CUTOFF, limit=limit - len(found),
        )
        ids = [qid for _text, _score, qid in hits]
        if ids:
            by_id = {r["quote_id"]: r for r in _rows(db, f"q.id in ({', '.join('?' * len(ids))})", ids)}
            for _text, score, qid in hits:
                found[qid] = dict(by_id[qid], score=round(score, 1), match="fuzzy")
    return list(found.values())[:limit]


def _fts_rows(db: sqlite_utils.Database, phrase: str, limit: int) -> list[dict]:
    """Quotes whose text holds ``phrase`` as a phrase, else all its words; best ranked first."""
    words = phrase.split()
    queries = ['{text} : ' + _fts_string(phrase)]
    if len(words) > 1:
        queries.append('{text} : (' + " AND ".join(_fts_string(w) for w in words) + ")")
    sql = _QUOTE_ROWS + " join quotes_fts f on f.rowid = q.rowid where quotes_fts match ? order by f.rank limit ?"
    for query in queries:
        try:
            cursor = db.execute(sql, [query, limit])
        except sqlite3.OperationalError:  # nothing indexable in the phrase (only punctuation, ...)
            continue
        rows = _dicts(cursor)
        if rows:
            return rows
    return []


def _fts_string(text: str) -> str:
    """``text`` as an FTS5 string: searched for as written, never read as query syntax."""
    return '"' + text.replace('"', '""') + '"'


def matching_speakers(db: sqlite_utils.Database, name: str) -> list[dict]:
    """Speakers matching ``name`` in any case: names containing it (or contained in it), else
    people with the same surname ("Mirabel Delacroix" finds "Mira Delacroix")."""
    needle = " ".join(name.split()).casefold()
    if not needle:
        return []
    speakers = [dict(zip(("id", "name", "kind", "title"), row))
                for row in db.execute("select id, name, kind, title from speakers order by name")]
    keys = [" ".join(s["name"].split()).casefold() for s in speakers]
    found = [s for s, key in zip(speakers, keys) if needle in key or (len(key) > 2 and key in needle)]
    if found:
        return found
    surname = needle.split()[-1]
    return [s for s, key in zip(speakers, keys) if s["kind"] == "person" and key.split()[-1] == surname]


def quotes_by_speaker(db: sqlite_utils.Database, name: str) -> list[dict]:
    """Every stored quote of the speakers matching ``name`` (see :func:`matching_speakers`)."""
    ids = [s["id"] for s in matching_speakers(db, name)]
    if not ids:
        return []
    return _rows(db, f"q.speaker_id in ({', '.join('?' * len(ids))})", ids)

