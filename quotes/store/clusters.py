"""The same quote in several articles: clusters of identical and near-identical quotes.

Takes the stored quotes; gives the ``quote_clusters`` and ``quote_cluster_members`` rows, recomputed by
:func:`refresh`. The saving functions of :mod:`quotes.store.write` refresh them when they store quotes (a
batched ingest once, at its end), and every read of clusters here first checks, cheaply, that they are
those of the stored quotes (:func:`ensure_fresh`): an ingest that was killed, or a database written by
an older version, is brought up to date by the next read.

Quotes are compared on their words (case and punctuation ignored): the same words are one
cluster; quotes of at least :data:`FUZZY_MIN_WORDS` words that share a run of three words and
score at least :data:`NEAR` (rapidfuzz ratio) join too. A cluster needs quotes in two or more
articles. Its id is the quote that appeared first (earliest published, then earliest ingested),
like ClaimReview's firstAppearance; the cluster's quotes are its appearances.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import sqlite_utils
from rapidfuzz import fuzz

from quotes.lexicon import value
from quotes.store import read
from quotes.store.read import chunks, quote_rows
from quotes.store.schema import now

__all__ = ["Cluster", "appearances", "cluster_of", "clusters", "ensure_fresh", "is_fresh", "lookup", "mark_fresh",
           "refresh", "repeated", "update", "words_key"]

CLUSTERED_TYPES = ("direct", "partial", "indirect")
MIN_WORDS = int(value("store.cluster_min_words"))
FUZZY_MIN_WORDS = int(value("store.cluster_fuzzy_min_words"))
NEAR = float(value("store.cluster_near"))
COMMON_SHINGLE = int(value("store.cluster_common_shingle"))
_TYPES_SQL = f"q.type in ({', '.join(repr(t) for t in CLUSTERED_TYPES)})"
UPDATE_CANDIDATES = 30  # update: look-alikes read from the full-text index per new quote
LOOKUP_FETCH = 5  # lookup: matches read per result shown (copies of one quote make one result)
OUTLETS_SHOWN = 10
APPEARANCES_SHOWN = 20  # clusters command: appearances listed per cluster (the first ones)
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@lru_cache(maxsize=8192)  # a write compares each new quote with look-alikes that are copies of each other
def words_key(text: str) -> str:
    """A quote's words, lower case, without punctuation: "Not, Ever!" -> "not ever"."""
    return " ".join(w.casefold().replace("’", "'") for w in _WORD.findall(text))


def refresh(db: sqlite_utils.Database) -> int:
    """Recompute every cluster from the stored quotes; returns how many there are."""
    types = ", ".join("?" * len(CLUSTERED_TYPES))
    rows = quote_rows(db, f"q.type in ({types})", CLUSTERED_TYPES, columns="a.ingested_at", order=None)
    clusters, members = _clustered(rows)
    with db.atomic():
        db.execute("delete from quote_cluster_members")
        db.execute("delete from quote_clusters")
        db["quote_clusters"].insert_all(clusters, pk="id")
        db["quote_cluster_members"].insert_all(members, pk="quote_id")
        mark_fresh(db)
    return len(clusters)


def update(db: sqlite_utils.Database, article_ids: list[str]) -> None:
    """Bring the clusters up to date after ``article_ids`` were stored, touching only what they can change:
    the clusters their old quotes were in, and the quotes their new quotes are like (same words, or near:
    candidates from the full-text index, :func:`quotes.store.read.fuzzy_candidates`) with those quotes'
    clusters. The quotes involved are grouped again exactly as :func:`refresh` groups all of them. Call it
    inside the saving transaction, when the clusters were fresh before it (else call :func:`refresh`)."""
    if not article_ids:
        return
    marks = ", ".join("?" * len(article_ids))
    affected = {r[0] for r in db.execute(
        f"select distinct cluster_id from quote_cluster_members where article_id in ({marks})", article_ids)}
    types = ", ".join("?" * len(CLUSTERED_TYPES))
    new = db.execute(f"select id, text from quotes where article_id in ({marks}) and type in ({types})",
                     [*article_ids, *CLUSTERED_TYPES]).fetchall()
    involved = _look_alikes(db, {qid: text for qid, text in new if len(words_key(text).split()) >= MIN_WORDS})
    for chunk in chunks(sorted(involved)):
        affected |= {r[0] for r in db.execute(
            f"select cluster_id from quote_cluster_members where quote_id in ({', '.join('?' * len(chunk))})", chunk)}
    for chunk in chunks(sorted(affected)):
        involved |= {r[0] for r in db.execute(
            f"select quote_id from quote_cluster_members where cluster_id in ({', '.join('?' * len(chunk))})", chunk)}
    rows = []
    for chunk in chunks(sorted(involved)):
        rows += quote_rows(db, f"q.id in ({', '.join('?' * len(chunk))}) and q.type in ({types})",
                           [*chunk, *CLUSTERED_TYPES], columns="a.ingested_at", order=None)
    new_clusters, members = _clustered(rows)
    for chunk in chunks(sorted(affected)):
        marks = ", ".join("?" * len(chunk))
        db.execute(f"delete from quote_cluster_members where cluster_id in ({marks})", chunk)
        db.execute(f"delete from quote_clusters where id in ({marks})", chunk)
    db.execute(f"delete from quote_cluster_members where article_id in ({', '.join('?' * len(article_ids))})",
               article_ids)
    db["quote_clusters"].insert_all(new_clusters, pk="id", replace=True)
    db["quote_cluster_members"].insert_all(members, pk="quote_id", replace=True)
    mark_fresh(db)


def _look_alikes(db: sqlite_utils.Database, texts: dict[str, str]) -> set[str]:
    """The quotes ``texts`` ({id: text}) can be grouped with: themselves, and, from the full-text index, the
    quotes near enough to be joined with one of them (as :func:`_group_keys` joins keys). Near ones in no
    cluster are followed on (a chain through quotes of one article may join them), near ones in a cluster
    are not: their cluster is fresh, and :func:`update` regroups all of it."""
    involved, frontier = set(texts), dict(texts)
    while frontier:
        found: dict[str, str] = {}
        for text in frontier.values():
            key = words_key(text)
            candidates = read.fuzzy_candidates(db, text, UPDATE_CANDIDATES, where=_TYPES_SQL, counted=False)
            found.update((cid, other) for cid, other in candidates
                         if cid not in involved and fuzz.ratio(key, words_key(other)) >= NEAR)
        involved |= set(found)
        clustered = _clustered_ids(db, list(found))
        frontier = {cid: other for cid, other in found.items() if cid not in clustered}
    return involved


def _clustered_ids(db: sqlite_utils.Database, quote_ids: list[str]) -> set[str]:
    """Those of ``quote_ids`` that are in a cluster."""
    found: set[str] = set()
    for chunk in chunks(sorted(set(quote_ids))):
        found |= {r[0] for r in db.execute(
            f"select quote_id from quote_cluster_members where quote_id in ({', '.join('?' * len(chunk))})", chunk)}
    return found


def is_fresh(db: sqlite_utils.Database) -> bool:
    """Whether the stored clusters are those of the stored quotes (one row read)."""
    row = db.execute("select fingerprint from quote_clusters_state where id = 1").fetchone()
    return row is not None and row[0] == _fingerprint(db)


def mark_fresh(db: sqlite_utils.Database) -> None:
    db["quote_clusters_state"].upsert({"id": 1, "fingerprint": _fingerprint(db), "refreshed_at": now()}, pk="id")


def _clustered(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The ``quote_clusters`` and ``quote_cluster_members`` rows of these quote rows (with ``ingested_at``)."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        key = words_key(row["quote"])
        if len(key.split()) >= MIN_WORDS:
            by_key[key].append(row)
    groups = _group_keys(list(by_key))
    clusters, members = [], []
    for keys in groups:
        quotes = sorted((r for k in keys for r in by_key[k]), key=_appearance)
        if len({q["article_id"] for q in quotes}) < 2:
            continue
        first = quotes[0]
        first_key = words_key(first["quote"])
        published = [q["published"] for q in quotes if q["published"]]
        clusters.append({
            "id": first["quote_id"], "text": first["quote"], "quotes": len(quotes),
            "articles": len({q["article_id"] for q in quotes}),
            "outlets": len({q["publisher"] for q in quotes if q["publisher"]}),
            "first_quote_id": first["quote_id"], "first_article_id": first["article_id"],
            "first_published": first["published"], "last_published": max(published) if published else None,
        })
        members += [{"quote_id": q["quote_id"], "cluster_id": first["quote_id"], "article_id": q["article_id"],
                     "similarity": round(fuzz.ratio(words_key(q["quote"]), first_key) / 100, 3), "position": n}
                    for n, q in enumerate(quotes)]
    return clusters, members


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


# -- reading clusters (each read first makes sure they are fresh) ---------------------------
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


def cluster_of(db: sqlite_utils.Database, quote_ids: list[str]) -> dict[str, Cluster]:
    """The cluster of each quote that has one."""
    if not quote_ids or not db["quote_cluster_members"].exists():
        return {}
    ensure_fresh(db)
    rows = db.execute(
        "select m.quote_id, c.id, c.text, c.quotes, c.articles, c.outlets, c.first_quote_id, c.first_article_id, "
        "c.first_published, c.last_published from quote_cluster_members m join quote_clusters c on c.id = "
        f"m.cluster_id where m.quote_id in ({', '.join('?' * len(quote_ids))})", quote_ids)
    return {row[0]: Cluster(*row[1:]) for row in rows}


def lookup(db: sqlite_utils.Database, phrase: str, limit: int = 10) -> list[dict]:
    """:func:`quotes.store.read.lookup` with identical quotes grouped: one row per cluster (its best match),
    with ``cluster`` (its :class:`Cluster`, or None for a quote in one article only) and ``outlets`` (the
    cluster's outlets, by name, at most :data:`OUTLETS_SHOWN`)."""
    results = read.lookup(db, phrase, limit * LOOKUP_FETCH)
    repeated = cluster_of(db, [row["quote_id"] for row in results])
    grouped, seen = [], set()
    for row in results:
        cluster = repeated.get(row["quote_id"])
        if cluster is not None and cluster.id in seen:
            continue
        row["cluster"], row["outlets"] = cluster, []
        if cluster is not None:
            seen.add(cluster.id)
            row["outlets"] = [r[0] for r in db.execute(
                "select distinct a.publisher from quote_cluster_members m join articles a on a.id = m.article_id "
                "where m.cluster_id = ? and a.publisher is not null order by a.publisher limit ?",
                [cluster.id, OUTLETS_SHOWN])]
        grouped.append(row)
        if len(grouped) == limit:
            break
    return grouped


def clusters(db: sqlite_utils.Database, min_articles: int = 2, limit: int | None = None) -> list[Cluster]:
    """Stored clusters, the most widely repeated first."""
    ensure_fresh(db)
    sql = ("select id, text, quotes, articles, outlets, first_quote_id, first_article_id, first_published, "
           "last_published from quote_clusters where articles >= ? order by articles desc, quotes desc, "
           "first_published, id")
    rows = db.execute(sql + (" limit ?" if limit else ""), [min_articles] + ([limit] if limit else []))
    return [Cluster(*row) for row in rows]


def appearances(db: sqlite_utils.Database, cluster_id: str) -> list[dict]:
    """The quotes of a cluster in order of appearance: quote rows with ``similarity`` to the first."""
    ensure_fresh(db)
    return _appearances(db, cluster_id)


def _appearances(db: sqlite_utils.Database, cluster_id: str, limit: int | None = None) -> list[dict]:
    return quote_rows(db, "m.cluster_id = ?", [cluster_id], columns="m.similarity",
                      joins="join quote_cluster_members m on m.quote_id = q.id",
                      order=APPEARANCE_ORDER if _has_positions(db) else SORTED_APPEARANCE_ORDER, limit=limit)


APPEARANCE_ORDER = "m.position"  # the order of _appearance, kept by _clustered
# the same order computed, for an archive on read-only storage from before positions were stored
SORTED_APPEARANCE_ORDER = "a.published is null, a.published, a.ingested_at, q.article_id, q.start"


def _has_positions(db: sqlite_utils.Database) -> bool:
    return "position" in db["quote_cluster_members"].columns_dict


def repeated(db: sqlite_utils.Database, limit: int | None = None,
             shown: int | None = APPEARANCES_SHOWN) -> list[tuple[Cluster, list[dict]]]:
    """The most widely repeated clusters (see :func:`clusters`), each with its first ``shown`` appearances
    (None: all; the cluster's ``quotes`` says how many there are)."""
    return [(c, _appearances(db, c.id, shown)) for c in clusters(db, limit=limit)]  # clusters() made them fresh


def ensure_fresh(db: sqlite_utils.Database) -> bool:
    """Recompute the clusters when quotes were stored since the last refresh (by something other than
    :mod:`quotes.store.write`, which refreshes them itself); True when it did."""
    current = _fingerprint(db)
    row = db.execute("select fingerprint from quote_clusters_state where id = 1").fetchone()
    if row is not None and row[0] == current:
        return False
    if getattr(db, "read_only", False):  # read-only storage: show the clusters as they were stored
        return False
    refresh(db)
    return True


def _fingerprint(db: sqlite_utils.Database) -> str:
    """What the clusters were made of: the change counter's generation (one row read), or, in a database
    without one, counts and ids of the quotes and articles (a scan)."""
    try:
        row = db.execute("select generation from quote_changes where id = 1").fetchone()
    except sqlite3.OperationalError:  # an older database opened read-only: no counter
        row = None
    if row is not None:
        return f"generation:{row[0]}"
    quotes = db.execute("select count(*), max(rowid), total(rowid) from quotes").fetchone()
    articles = db.execute("select count(*), max(ingested_at) from articles").fetchone()
    return ":".join(str(v) for v in (*quotes, *articles))
