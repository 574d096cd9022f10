"""The same quote in several articles: clusters of identical and near-identical quotes.

Quotes are compared on their words (case and punctuation ignored): the same words are one
cluster; quotes of at least :data:`FUZZY_MIN_WORDS` words that share a run of three words and
score at least :data:`NEAR` (rapidfuzz ratio) join too. A cluster needs quotes in two or more
articles. Its id is the quote that appeared first (earliest published, then earliest ingested),
like ClaimReview's firstAppearance; the cluster's quotes are its appearances.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils
from rapidfuzz import fuzz

CLUSTERED_TYPES = ("direct", "partial", "indirect")
MIN_WORDS = 2
FUZZY_MIN_WORDS = 4
NEAR = 90.0
COMMON_SHINGLE = 50  # a three-word run in more quotes than this is a stock phrase, not evidence
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass
class Cluster:
    id: str
    text: str
    quotes: int
    articles: int
    outlets: int
    first_quote_id: str
    first_article_id: str
    first_published: str | None
    last_published: str | None


def words_key(text: str) -> str:
    """A quote's words, lower case, without punctuation: "Not, Ever!" -> "not ever"."""
    return " ".join(w.casefold().replace("’", "'") for w in _WORD.findall(text))


def refresh(db: sqlite_utils.Database) -> int:
    """Recompute every cluster from the stored quotes; returns how many there are."""
    types = ", ".join("?" * len(CLUSTERED_TYPES))
    rows = [dict(zip(("quote_id", "text", "article_id", "publisher", "published", "ingested_at", "start"), r))
            for r in db.execute(
                f"select q.id, q.text, q.article_id, a.publisher, a.published, a.ingested_at, q.start "
                f"from quotes q join articles a on a.id = q.article_id where q.type in ({types})",
                CLUSTERED_TYPES)]
    by_key: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        key = words_key(row["text"])
        if len(key.split()) >= MIN_WORDS:
            by_key[key].append(row)
    groups = _group_keys(list(by_key))
    clusters, members = [], []
    for keys in groups:
        quotes = sorted((r for k in keys for r in by_key[k]), key=_appearance)
        if len({q["article_id"] for q in quotes}) < 2:
            continue
        first = quotes[0]
        first_key = words_key(first["text"])
        published = [q["published"] for q in quotes if q["published"]]
        clusters.append({
            "id": first["quote_id"], "text": first["text"], "quotes": len(quotes),
            "articles": len({q["article_id"] for q in quotes}),
            "outlets": len({q["publisher"] for q in quotes if q["publisher"]}),
            "first_quote_id": first["quote_id"], "first_article_id": first["article_id"],
            "first_published": first["published"], "last_published": max(published) if published else None,
        })
        members += [{"quote_id": q["quote_id"], "cluster_id": first["quote_id"], "article_id": q["article_id"],
                     "similarity": round(fuzz.ratio(words_key(q["text"]), first_key) / 100, 3)} for q in quotes]
    with db.atomic():
        db.execute("delete from quote_cluster_members")
        db.execute("delete from quote_clusters")
        db["quote_clusters"].insert_all(clusters, pk="id")
        db["quote_cluster_members"].insert_all(members, pk="quote_id")
        db["quote_clusters_state"].upsert({"id": 1, "fingerprint": _fingerprint(db),
                                           "refreshed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")},
                                          pk="id")
    return len(clusters)


def _appearance(row: dict) -> tuple:
    return (row["published"] is None, row["published"] or "", row["ingested_at"] or "", row["article_id"],
            row["start"])


def _group_keys(keys: list[str]) -> list[list[str]]:
    """Keys joined when near-identical (union-find over pairs that share a three-word run)."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        words = key.split()
        if len(words) >= FUZZY_MIN_WORDS:
            for run in {tuple(words[j : j + 3]) for j in range(len(words) - 2)}:
                shingles[run].append(i)
    compared: set[tuple[int, int]] = set()
    for ids in shingles.values():
        if len(ids) > COMMON_SHINGLE:
            continue
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                pair = (min(a, b), max(a, b))
                if pair in compared or root(a) == root(b):
                    continue
                compared.add(pair)
                if fuzz.ratio(keys[a], keys[b]) >= NEAR:
                    parent[root(a)] = root(b)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[root(i)].append(key)
    return list(groups.values())


def clusters(db: sqlite_utils.Database, min_articles: int = 2, limit: int | None = None) -> list[Cluster]:
    """Stored clusters, the most widely repeated first."""
    sql = ("select id, text, quotes, articles, outlets, first_quote_id, first_article_id, first_published, "
           "last_published from quote_clusters where articles >= ? order by articles desc, quotes desc, "
           "first_published, id")
    rows = db.execute(sql + (" limit ?" if limit else ""), [min_articles] + ([limit] if limit else []))
    return [Cluster(*row) for row in rows]


def cluster_of(db: sqlite_utils.Database, quote_ids: list[str]) -> dict[str, Cluster]:
    """The cluster of each quote that has one."""
    if not quote_ids or not db["quote_cluster_members"].exists():
        return {}
    rows = db.execute(
        "select m.quote_id, c.id, c.text, c.quotes, c.articles, c.outlets, c.first_quote_id, c.first_article_id, "
        "c.first_published, c.last_published from quote_cluster_members m join quote_clusters c on c.id = "
        f"m.cluster_id where m.quote_id in ({', '.join('?' * len(quote_ids))})", quote_ids)
    return {row[0]: Cluster(*row[1:]) for row in rows}


def appearances(db: sqlite_utils.Database, cluster_id: str) -> list[dict]:
    """The quotes of a cluster in order of appearance, with article, outlet and date."""
    cursor = db.execute(
        "select q.id as quote_id, q.text as quote, q.article_id, a.title, a.publisher, a.published, q.start, "
        "q.\"end\", m.similarity from quote_cluster_members m join quotes q on q.id = m.quote_id "
        "join articles a on a.id = q.article_id where m.cluster_id = ? "
        "order by a.published is null, a.published, a.ingested_at, q.article_id, q.start", [cluster_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def ensure_fresh(db: sqlite_utils.Database) -> bool:
    """Recompute the clusters when quotes were stored since the last time; True when it did."""
    current = _fingerprint(db)
    row = db.execute("select fingerprint from quote_clusters_state where id = 1").fetchone()
    if row is not None and row[0] == current:
        return False
    refresh(db)
    return True


def _fingerprint(db: sqlite_utils.Database) -> str:
    quotes = db.execute("select count(*), max(rowid), total(rowid) from quotes").fetchone()
    articles = db.execute("select count(*), max(ingested_at) from articles").fetchone()
    return ":".join(str(v) for v in (*quotes, *articles))
