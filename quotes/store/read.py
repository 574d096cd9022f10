"""Reading stored quotes: THE one quote-row select (quote, speaker and article columns joined) that
lookups, speaker pages, checks, exports and cluster pages use, and the look-ups built on it.

Takes an open database; gives quote rows as dicts keyed by :data:`QUOTE_COLUMNS`' names.

SQL that Datasette runs itself (the review queue view, the canned queries in ``metadata.json``, the
article page of :mod:`quotes.web.pages`) cannot call this function: it joins the same tables through
:data:`quotes.store.schema.QUOTE_FROM` where it is built in Python, and
``tests/unit/test_web_metadata.py`` runs every canned query on a new database.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

import sqlite_utils
from rapidfuzz import fuzz, process, utils

from quotes.lexicon import value, words
from quotes.store import speakers as identity
from quotes.store.schema import QUOTE_FROM

QUOTE_COLUMNS = """q.id as quote_id, q.text as quote, q.type, q.start, q."end", q.cue, q.via, q.confidence,
       q.speaker_mention, q.sentence, q.speaker_id, s.name as speaker, q.article_id, a.title, a.publisher,
       a.published, a.url"""
NEWEST_FIRST = "a.published is null, a.published desc, a.id, q.start"
FUZZY_CUTOFF = float(value("store.lookup_fuzzy_cutoff"))
FUZZY_MIN_CHARS = int(value("store.lookup_fuzzy_min_chars"))
FUZZY_CANDIDATES = int(value("store.lookup_fuzzy_candidates"))
RARE_WORDS = int(value("store.lookup_rare_words"))
RANKED_MAX_DOCS = int(value("store.lookup_ranked_max_docs"))
COMMON_WORDS = frozenset(words("store.lookup_common_words"))
_WORD = re.compile(r"\w+")


def quote_rows(db: sqlite_utils.Database, where: str = "", params: Iterable = (), *, columns: str = "",
               joins: str = "", order: str | None = NEWEST_FIRST, limit: int | None = None) -> list[dict]:
    """Quote rows (:data:`QUOTE_COLUMNS` plus ``columns``) matching ``where``, newest first unless ``order``
    says otherwise (None: as SQLite finds them). ``joins`` adds tables the condition or columns name."""
    sql = (f"select {QUOTE_COLUMNS}{', ' + columns if columns else ''}\n{QUOTE_FROM}"
           + (f"\n{joins}" if joins else "") + (f"\nwhere {where}" if where else "")
           + (f"\norder by {order}" if order else "") + (" limit ?" if limit is not None else ""))
    return dicts(db.execute(sql, [*params] + ([limit] if limit is not None else [])))


def quotes_with_ids(db: sqlite_utils.Database, ids: list[str], order: str | None = NEWEST_FIRST) -> list[dict]:
    """The quote rows of these quote ids."""
    if not ids:
        return []
    return quote_rows(db, f"q.id in ({', '.join('?' * len(ids))})", ids, order=order)


def chunks(items: list, size: int = 500) -> list[list]:
    """``items`` in lists of at most ``size``: the bound parameters of one ``in (...)`` query."""
    return [items[i : i + size] for i in range(0, len(items), size)]


def dicts(cursor: sqlite3.Cursor) -> list[dict]:
    """A cursor's rows as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# -- who said it? -------------------------------------------------------------------------
def lookup(db: sqlite_utils.Database, phrase: str, limit: int = 10) -> list[dict]:
    """Who said ``phrase``: full-text matches first, then fuzzy matches over quote texts.

    Each result is a quote row (quote, speaker, article_id, title, published, start, end...)
    with ``score`` (rapidfuzz partial ratio, 0-100), ``match`` ("fts" or "fuzzy") and ``claim`` (the
    content of the quote's attribution, None for terms and titles).
    :func:`quotes.store.clusters.lookup` adds each quote's cluster.
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
        texts = {qid: text for qid, text in fuzzy_candidates(db, phrase, FUZZY_CANDIDATES) if qid not in found}
        hits = process.extract(
            phrase, texts, scorer=fuzz.partial_ratio, processor=utils.default_process,
            score_cutoff=FUZZY_CUTOFF, limit=limit - len(found),
        )
        by_id = {r["quote_id"]: r for r in quotes_with_ids(db, [qid for _text, _score, qid in hits])}
        for _text, score, qid in hits:
            found[qid] = dict(by_id[qid], score=round(score, 1), match="fuzzy")
    rows = list(found.values())[:limit]
    claims = claims_of(db, [r["quote_id"] for r in rows])
    for row in rows:
        row["claim"] = claims.get(row["quote_id"])
    return rows


def claims_of(db: sqlite_utils.Database, quote_ids: list[str]) -> dict[str, str]:
    """The whole claim (the content of its attribution) of each quote among ``quote_ids`` that has one; none
    from a database made before attributions were stored and read where it cannot be upgraded."""
    if not quote_ids or "attribution_id" not in db["quotes"].columns_dict:
        return {}
    claims: dict[str, str] = {}
    for i in range(0, len(quote_ids), 500):
        chunk = quote_ids[i : i + 500]
        claims.update(db.execute(f"select q.id, t.content from quotes q join attributions t on "
                                 f"t.id = q.attribution_id where q.id in ({', '.join('?' * len(chunk))})", chunk))
    return claims


def _fts_rows(db: sqlite_utils.Database, phrase: str, limit: int) -> list[dict]:
    """Quotes whose text holds ``phrase`` as a phrase, else all its words; best ranked first."""
    words = phrase.split()
    queries = ['{text} : ' + fts_string(phrase)]
    if len(words) > 1:
        queries.append('{text} : (' + " AND ".join(fts_string(w) for w in words) + ")")
    for query in queries:
        try:
            rows = quote_rows(db, "quotes_fts match ?", [query], joins="join quotes_fts f on f.rowid = q.rowid",
                              order="f.rank", limit=limit)
        except sqlite3.OperationalError:  # nothing indexable in the phrase (only punctuation, ...)
            continue
        if rows:
            return rows
    return []


def fuzzy_candidates(db: sqlite_utils.Database, text: str, limit: int, where: str = "",
                     counted: bool = True) -> list[tuple[str, str]]:
    """(id, text) of at most ``limit`` quotes to match ``text`` fuzzily against, from the full-text index,
    never from every row: the quotes holding any of its :data:`RARE_WORDS` rarest indexed words (a
    misremembered quote keeps most of its words), best ranked first. When those words are common (in more
    than :data:`RANKED_MAX_DOCS` quotes together) ranking would read them all: the quotes holding all of
    them come first, then those holding any, as the index gives them. ``where`` narrows them (SQL on ``q``).
    ``counted=False`` takes the longest words instead of counting (a write looking for each new quote's
    look-alikes: counting a common word's quotes reads its whole posting list)."""
    rare = rare_words(db, text) if counted else _longest_words(text)
    if not rare:
        return []
    docs = sum(doc for _word, doc in rare)
    words = [fts_string(w) for w, _doc in rare]
    queries = [("{text} : (" + " OR ".join(words) + ")", "order by f.rank")]
    if docs > RANKED_MAX_DOCS:
        queries = [("{text} : (" + " AND ".join(words) + ")", ""), ("{text} : (" + " OR ".join(words) + ")", "")]
    found: dict[str, str] = {}
    for query, order in queries:
        try:
            found.update(db.execute(
                "select q.id, q.text from quotes_fts f join quotes q on q.rowid = f.rowid where quotes_fts match ?"
                + (f" and {where}" if where else "") + f" {order} limit ?", [query, limit]).fetchall())
        except sqlite3.OperationalError:
            return list(found.items())
        if len(found) >= limit:
            break
    return list(found.items())[:limit]


def _longest_words(text: str) -> list[tuple[str, int]]:
    """The :data:`RARE_WORDS` longest uncommon words of ``text``, each counted as common (not ranked)."""
    words = [w for w in dict.fromkeys(w.casefold() for w in _WORD.findall(text)) if w not in COMMON_WORDS]
    return [(w, RANKED_MAX_DOCS + 1) for w in sorted(words, key=len, reverse=True)[:RARE_WORDS]]


def rare_words(db: sqlite_utils.Database, text: str, most: int | None = None) -> list[tuple[str, int]]:
    """(word, quotes holding it) for the words of ``text`` that the quotes' full-text index holds, the
    rarest first (from ``quotes_fts_vocab``); in an older database without that table, its words as they
    come, each counted as common."""
    most = RARE_WORDS if most is None else most
    words = list(dict.fromkeys(w.casefold() for w in _WORD.findall(text)))
    words = [w for w in words if w not in COMMON_WORDS] or words
    try:
        counts = {w: db.execute("select doc from quotes_fts_vocab where term = ?", [w]).fetchone() for w in words}
    except sqlite3.OperationalError:  # no vocabulary table
        return [(w, RANKED_MAX_DOCS) for w in words[:most]]
    held = sorted((row[0], w) for w, row in counts.items() if row is not None)
    return [(w, doc) for doc, w in held][:most]


def fts_string(text: str) -> str:
    """``text`` as an FTS5 string: searched for as written, never read as query syntax."""
    return '"' + text.replace('"', '""') + '"'


# -- speakers' pages ----------------------------------------------------------------------
def quotes_by_speaker(db: sqlite_utils.Database, name: str) -> list[dict]:
    """Every stored quote of the speakers matching ``name`` (see :func:`identity.matching_speakers`)."""
    ids = [s["id"] for s in identity.matching_speakers(db, name)]
    if not ids:
        return []
    return quote_rows(db, f"q.speaker_id in ({', '.join('?' * len(ids))})", ids)


@dataclass
class ArticleQuotes:
    """A speaker's quotes in one article, in text order."""

    article_id: str
    published: str | None
    publisher: str | None
    title: str | None
    quotes: list[dict]


@dataclass
class SpeakerPage:
    """One speaker's quotes over time, by article (oldest first), and the other name forms seen;
    ``article_count`` counts them all when ``articles`` holds only the latest ones."""

    speaker_id: str
    name: str
    quotes: int
    articles: list[ArticleQuotes] = field(default_factory=list)
    outlets: int = 0
    also_written: list[str] = field(default_factory=list)
    article_count: int = 0


def speaker_pages(db: sqlite_utils.Database, name: str, limit: int | None = None) -> list[SpeakerPage]:
    """The page of every speaker matching ``name``, by speaker name; ``limit``: only the quotes of each
    one's latest ``limit`` articles are read (a famous speaker has thousands)."""
    pages = []
    for speaker in sorted(identity.matching_speakers(db, name), key=lambda s: (s["name"], s["id"])):
        sid = speaker["id"]
        articles = db.execute(
            "select a.id, a.publisher from articles a where a.id in (select article_id from quotes where "
            "speaker_id = ?) order by a.published is null, a.published, a.id", [sid]).fetchall()
        if not articles:
            continue
        shown = [a for a, _publisher in (articles[-limit:] if limit else articles)]
        rows = quote_rows(db, f"q.speaker_id = ? and q.article_id in ({', '.join('?' * len(shown))})", [sid, *shown],
                          order="a.published is null, a.published, a.id, q.start")
        count = db.execute("select count(*) from quotes where speaker_id = ?", [sid]).fetchone()[0]
        also = [a for a in identity.aliases(db, sid) if a.casefold() != speaker["name"].casefold()]
        page = SpeakerPage(sid, speaker["name"], count, outlets=len({p for _a, p in articles if p}),
                           also_written=also, article_count=len(articles))
        for (article_id, published, publisher, title), quotes in groupby(
                rows, key=lambda r: (r["article_id"], r["published"], r["publisher"], r["title"])):
            page.articles.append(ArticleQuotes(article_id, published, publisher, title, list(quotes)))
        pages.append(page)
    return pages
