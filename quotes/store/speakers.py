"""Speakers across articles: one ``speakers`` row per person, however many articles quote them.

Takes an article's quotes and the stored speakers; gives decisions (:func:`resolve`: which speaker id
each quote gets, which stored name grows fuller, which alias rows the article has) without writing:
:mod:`quotes.store.write` applies them. Editors' corrections (:func:`merge`, :func:`split`) write here.

A speaker found in an article is matched to a stored one in this order:

1. an editor's decision (``speaker_decisions``, written by :func:`merge` and :func:`split`);
2. the same full name (or a name form stored in ``speaker_aliases``) and kind;
3. for people, the same surname with compatible given names and the same title, when exactly one
   stored speaker fits ("Lind", harbour master -> "Oskar Lind").

Otherwise the speaker is new. Every name form and mention seen is kept in ``speaker_aliases``.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from quotes.errors import IdentityError
from quotes.lexicon import words
from quotes.model import Quote, Speaker
from quotes.store.schema import now

NOT_A_NAME = words("pronouns.not_a_name")  # a mention that is a pronoun is no alias


def name_key(name: str) -> str:
    """A name compared without case or extra spaces."""
    return " ".join(name.split()).casefold()


def speaker_id(name: str, kind: str) -> str:
    """A stable id for a canonical speaker: the same name (any case or spacing) and kind."""
    key = f"{kind}\x1f{name_key(name)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def speaker_key(speaker: Speaker | None) -> str | None:
    """The speakers-table id of a quote's speaker; None when there is no identity to store.

    Only resolved speakers get a row: an unresolved "he" or "the company" keeps its mention
    (``speaker_mention``) but is not a speaker.
    """
    if speaker is None or not speaker.resolved or not speaker.name.strip():
        return None
    return speaker_id(speaker.name, speaker.kind)


@dataclass
class _Found:
    """One canonical speaker of an article with the titles and mentions seen."""

    speaker: Speaker
    titles: set[str] = field(default_factory=set)
    mentions: set[str] = field(default_factory=set)


@dataclass
class Resolution:
    """What storing an article's quotes decides about speakers (nothing of it is written yet)."""

    ids: list[str | None]  # the speakers-table id of each quote (None: no resolved speaker)
    renames: dict[str, str] = field(default_factory=dict)  # stored speaker id -> its fuller name
    aliases: list[dict] = field(default_factory=list)  # the article's speaker_aliases rows


# -- matching at save time (reads only) ---------------------------------------------------
def resolve(db: sqlite_utils.Database, article_id: str, quotes: Sequence[Quote]) -> Resolution:
    """Decide the speaker of each quote of article ``article_id`` against the stored speakers."""
    found: dict[tuple[str, str], _Found] = {}
    keys: list[tuple[str, str] | None] = []
    for q in quotes:
        if speaker_key(q.speaker) is None:
            keys.append(None)
            continue
        key = (name_key(q.speaker.name), q.speaker.kind)
        item = found.setdefault(key, _Found(q.speaker))
        item.titles.update(t for t in [q.speaker.title] if t)
        if q.speaker_mention and name_key(q.speaker_mention) not in NOT_A_NAME:
            item.mentions.add(" ".join(q.speaker_mention.split()))
        keys.append(key)
    renames: dict[str, str] = {}
    matched = {key: _match(db, article_id, item, renames) for key, item in found.items()}
    ids = [matched[key] if key is not None else None for key in keys]
    return Resolution(ids, renames, alias_rows(article_id, quotes, ids))


def alias_rows(article_id: str, quotes: Sequence[Quote], ids: Sequence[str | None]) -> list[dict]:
    """The article's ``speaker_aliases`` rows: the names and mentions of ``quotes``."""
    rows: dict[tuple[str, str], dict] = {}
    for q, sid in zip(quotes, ids):
        if sid is None:
            continue
        forms = [(q.speaker.name, "name")]
        if q.speaker_mention and name_key(q.speaker_mention) not in NOT_A_NAME:
            forms.append((q.speaker_mention, "mention"))
        for alias, form in forms:
            alias, key = " ".join(alias.split()), name_key(alias)
            surname = key.split()[-1] if form == "name" and q.speaker.kind == "person" else None
            row = rows.setdefault((sid, key), {"speaker_id": sid, "alias": alias, "article_id": article_id,
                                               "form": form, "key": key, "surname": surname})
            row["title"] = row.get("title") or q.speaker.title
    return list(rows.values())


def _match(db: sqlite_utils.Database, article_id: str, item: _Found, renames: dict[str, str]) -> str:
    """The stored speaker ``item`` is, else its own new id; a fuller name goes into ``renames``."""
    speaker = item.speaker
    key = name_key(speaker.name)
    decided = db.execute(
        "select speaker_id from speaker_decisions where name_key = ? and kind = ? and article_id in (?, '') "
        "order by article_id desc limit 1", [key, speaker.kind, article_id]).fetchone()
    if decided:
        return decided[0]
    own = speaker_id(speaker.name, speaker.kind)
    if db.execute("select 1 from speakers where id = ?", [own]).fetchone():  # before its many name forms
        return own
    exact = [row[0] for row in db.execute(
        "select distinct a.speaker_id from speaker_aliases a join speakers s on s.id = a.speaker_id "
        "where a.key = ? and a.form = 'name' and s.kind = ?", [key, speaker.kind])]
    if exact:
        return sorted(exact)[0]
    if speaker.kind == "person" and item.titles:
        fits = [c for c in _same_surname(db, key, renames) if _fits(item, key, c)]
        if len(fits) == 1:
            candidate = fits[0]
            if len(key.split()) > len(name_key(candidate["name"]).split()):  # keep the fullest name
                renames[candidate["id"]] = " ".join(speaker.name.split())
            return candidate["id"]
    return own


def _same_surname(db: sqlite_utils.Database, key: str, renames: dict[str, str]) -> list[dict]:
    """Stored people with this surname (name forms), with every title seen; a name decided fuller here counts."""
    found: dict[str, dict] = {}
    for sid, name, title in db.execute(
            "select s.id, s.name, s.title from speakers s where s.kind = 'person' and s.id in "
            "(select speaker_id from speaker_aliases where surname = ?)", [key.split()[-1]]):
        found[sid] = {"id": sid, "name": renames.get(sid, name), "titles": {title} if title else set()}
    if found:  # both read only indexes (migration indexes_for_surnames): a famous surname has many rows
        for sid, title in db.execute(
                f"select distinct speaker_id, title from speaker_aliases "
                f"where speaker_id in ({', '.join('?' * len(found))}) and title is not null", list(found)):
            found[sid]["titles"].update(t for t in [title] if t)
    return list(found.values())


def _fits(item: _Found, key: str, candidate: dict) -> bool:
    """Compatible given names and a shared title."""
    if not given_names_fit(key.split()[:-1], name_key(candidate["name"]).split()[:-1]):
        return False
    return any(_same_title(a, b) for a in item.titles for b in candidate["titles"])


def given_names_fit(a: list[str], b: list[str]) -> bool:
    """The first given names fit: the same, or one is the other's initial ("O." and "Oskar")."""
    if not a or not b:
        return True
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _same_title(a: str, b: str) -> bool:
    """"Foreign Minister" fits "Japanese Foreign Minister"; "minister" alone does not fit "director"."""
    x, y = (" ".join(re.sub(r"[^\w\s]", "", t).split()).casefold() for t in (a, b))
    return bool(x and y) and (x == y or x.endswith(" " + y) or y.endswith(" " + x))


# -- editors' corrections -----------------------------------------------------------------
def find_speaker(db: sqlite_utils.Database, query: str) -> dict:
    """Exactly one speaker by id, full name or name part; IdentityError when none or several fit."""
    rows = db.execute("select id, name, kind, title from speakers where id = ?", [query.strip()]).fetchall()
    if not rows:
        rows = db.execute("select id, name, kind, title from speakers where name = ? collate nocase",
                          [" ".join(query.split())]).fetchall()
    if rows:
        return dict(zip(("id", "name", "kind", "title"), rows[0])) if len(rows) == 1 else _ambiguous(query, rows)
    matches = matching_speakers(db, query)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise IdentityError(f"no speaker matches {query!r}")
    return _ambiguous(query, [(m["id"], m["name"]) for m in matches])


def _ambiguous(query: str, rows) -> dict:
    listed = "; ".join(f"{row[1]} ({row[0]})" for row in rows[:6])
    raise IdentityError(f"{query!r} fits several speakers, name one by id: {listed}")


def merge(db: sqlite_utils.Database, keep: str, other: str) -> dict:
    """Make speaker ``other`` part of ``keep``: its quotes and aliases move, its row goes, and its
    names map to ``keep`` whenever an article is ingested again. Returns the kept speaker."""
    kept, gone = find_speaker(db, keep), find_speaker(db, other)
    if kept["id"] == gone["id"]:
        raise IdentityError(f"{keep!r} and {other!r} are the same speaker")
    names = {gone["name"]} | {row[0] for row in db.execute(
        "select alias from speaker_aliases where speaker_id = ? and form = 'name'", [gone["id"]])}
    with db.atomic():
        for table in ("quotes", "attributions"):
            db.execute(f"update {table} set speaker_id = ? where speaker_id = ?", [kept["id"], gone["id"]])
        db.execute("update or replace speaker_aliases set speaker_id = ? where speaker_id = ?",
                   [kept["id"], gone["id"]])
        db.execute("update speaker_decisions set speaker_id = ? where speaker_id = ?", [kept["id"], gone["id"]])
        _decide(db, [(name_key(n), gone["kind"], "") for n in names], kept["id"], "merge")
        if not kept["title"] and gone["title"]:
            db["speakers"].update(kept["id"], {"title": gone["title"]})
        db.execute("delete from speakers where id = ?", [gone["id"]])
    return kept


def split(db: sqlite_utils.Database, speaker: str, article_ids: Sequence[str], name: str | None = None) -> dict:
    """Give the quotes of ``speaker`` in ``article_ids`` a speaker of their own (named ``name``,
    else the same name), kept apart when those articles are ingested again. Returns the new speaker."""
    old = find_speaker(db, speaker)
    articles = sorted(set(article_ids))
    marks = ", ".join("?" * len(articles))
    moving = db.execute(f"select count(*) from quotes where speaker_id = ? and article_id in ({marks})",
                        [old["id"], *articles]).fetchone()[0]
    if not moving:
        raise IdentityError(f"{old['name']} has no quotes in article(s) {', '.join(articles)}")
    new_name = " ".join((name or old["name"]).split())
    digest = hashlib.sha1(f"{old['kind']}\x1f{name_key(new_name)}\x1fsplit\x1f{articles}".encode()).hexdigest()
    new = {"id": digest[:16], "name": new_name, "kind": old["kind"], "title": None}
    forms = db.execute(f"select alias, article_id, title from speaker_aliases where speaker_id = ? "
                       f"and form = 'name' and article_id in ({marks})", [old["id"], *articles]).fetchall()
    new["title"] = next((title for _alias, _article, title in forms if title), None)
    with db.atomic():
        db["speakers"].insert(new, pk="id", replace=True)
        for table in ("quotes", "attributions"):
            db.execute(f"update {table} set speaker_id = ? where speaker_id = ? and article_id in ({marks})",
                       [new["id"], old["id"], *articles])
        db.execute(f"update or replace speaker_aliases set speaker_id = ? where speaker_id = ? "
                   f"and article_id in ({marks})", [new["id"], old["id"], *articles])
        keys = {(name_key(alias), old["kind"], article) for alias, article, _title in forms}
        keys |= {(name_key(old["name"]), old["kind"], article) for article in articles}
        _decide(db, keys, new["id"], "split")
        db.execute("delete from speakers where id = ? and not exists (select 1 from quotes where speaker_id = ?) "
                   "and not exists (select 1 from attributions where speaker_id = ?)", [old["id"]] * 3)
    return new


def _decide(db: sqlite_utils.Database, keys, speaker_id: str, action: str) -> None:
    at = now()
    db["speaker_decisions"].insert_all(
        ({"name_key": k, "kind": kind, "article_id": article, "speaker_id": speaker_id, "action": action,
          "decided_at": at} for k, kind, article in keys),
        pk=("name_key", "kind", "article_id"), replace=True)


def aliases(db: sqlite_utils.Database, speaker_id: str) -> list[str]:
    """Every name form and mention stored for a speaker, most used first."""
    return [row[0] for row in db.execute(
        "select alias from speaker_aliases where speaker_id = ? group by alias collate nocase "
        "order by count(*) desc, alias collate nocase", [speaker_id])]


# -- reads --------------------------------------------------------------------------------
PREFIX_CHARS = 4  # a name typed in part: at least this many letters of a word's start
_NAME_SIGNS = re.compile(r"[\w\s.'’-]+")  # what a typed name is made of; anything else is matched as it is


def matching_speakers(db: sqlite_utils.Database, name: str) -> list[dict]:
    """Speakers matching ``name`` in any case, by words: names containing its words in order (the last one
    may be the start of a word, from four letters: "delacr"), or contained in it, else people with the same
    surname ("Mirabel Delacroix" finds "Mira Delacroix"); "she" never finds "fishermen"."""
    needle = name_key(name)
    if not needle:
        return []
    speakers = _candidates(db, needle)
    keys = [name_key(s["name"]) for s in speakers]
    # a name's own punctuation (hyphens, stops, apostrophes) separates words; any other sign is kept, so
    # it matches nothing ("%Quist%" is no pattern)
    words = _words(needle) if _NAME_SIGNS.fullmatch(needle) else needle
    names = [_words(key) for key in keys]
    found = [s for s, key in zip(speakers, names)
             if f" {words} " in f" {key} " or (len(words) >= PREFIX_CHARS and f" {words}" in f" {key}")
             or (len(key) > 2 and f" {key} " in f" {words} ")]
    if found:
        return found
    surname = needle.split()[-1]
    return [s for s, key in zip(speakers, keys) if s["kind"] == "person" and key.split()[-1] == surname]


def _candidates(db: sqlite_utils.Database, needle: str) -> list[dict]:
    """The speakers that may match ``needle``: those whose name shares one of its words (the full-text
    index on names, the last word as a prefix), by name; every speaker where the index cannot say (a
    needle beyond ASCII, or one the index finds nothing for)."""
    tokens = re.findall(r"\w+", needle)
    columns = "s.id, s.name, s.kind, s.title"
    rows = None
    if tokens and needle.isascii() and _NAME_SIGNS.fullmatch(needle):
        query = " OR ".join([f'"{t}"' for t in tokens[:-1]] + [f'"{tokens[-1]}"*'])
        try:
            rows = db.execute(f"select {columns} from speakers_fts f join speakers s on s.rowid = f.rowid "
                              "where speakers_fts match ? order by s.name", [query]).fetchall()
        except sqlite3.OperationalError:  # no name index (a database made outside the library)
            rows = None
    if not rows:  # the index found none ("Weiss" for "Weiß" folds alike only in Python): read them all
        rows = db.execute(f"select {columns} from speakers s order by s.name").fetchall()
    return [dict(zip(("id", "name", "kind", "title"), row)) for row in rows]


def _words(name: str) -> str:
    """A name's words, space-separated ("Smith-Jones (unnamed)" -> "smith jones unnamed")."""
    return " ".join(re.findall(r"\w+(?:['’]\w+)*", name.casefold()))


@dataclass
class SpeakerSummary:
    """One line of the speakers list."""

    id: str
    name: str
    kind: str
    title: str | None
    quotes: int
    articles: int
    aliases: list[str]  # every name form and mention, most used first


def listing(db: sqlite_utils.Database, name: str | None = None) -> list[SpeakerSummary]:
    """Every speaker (or those matching ``name``) with quote and article counts, most quoted first."""
    rows = db.execute(
        "select s.id, s.name, s.kind, s.title, count(q.id), count(distinct q.article_id) from speakers s "
        "left join quotes q on q.speaker_id = s.id group by s.id order by count(q.id) desc, s.name").fetchall()
    wanted = {s["id"] for s in matching_speakers(db, name)} if name else None
    return [SpeakerSummary(*row, aliases(db, row[0])) for row in rows if wanted is None or row[0] in wanted]


def quote_name_forms(db: sqlite_utils.Database, quote_ids: list[str]) -> dict[str, list[str]]:
    """The name forms stored for the speaker of each quote among ``quote_ids`` (its speaker's aliases)."""
    if not quote_ids or not db["speaker_aliases"].exists():
        return {}
    forms: dict[str, list[str]] = {}
    for i in range(0, len(quote_ids), 500):
        chunk = quote_ids[i : i + 500]
        for quote_id, alias in db.execute(
                "select distinct q.id, a.alias from quotes q join speaker_aliases a on a.speaker_id = q.speaker_id "
                f"where q.id in ({', '.join('?' * len(chunk))}) and a.form = 'name' order by q.id, a.alias", chunk):
            forms.setdefault(quote_id, []).append(alias)
    return forms
