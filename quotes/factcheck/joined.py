"""One speaker's words read as one quote: the fragments of a split quote ("A," she said, "B.") and a
speaker's consecutive quoted sentences, joined, so a claim that spans them is checked against all of them.

A run is a sequence of direct quotes in one article with one resolved speaker and no other quote between
them, where what stands between two fragments is either only marks and line breaks (a quote re-opened over
paragraphs) or a short stretch of one paragraph (the cue: "she said", "he added").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from quotes.lexicon import value
from quotes.store.read import quotes_with_ids

MAX_GAP = int(value("factcheck.max_fragment_gap"))  # characters between two fragments of one run


@dataclass
class Piece:
    """Where one fragment lies in the joined text and in the article."""

    joined: int  # offset of the fragment in the joined text
    article: int  # offset of the fragment in the article
    length: int


def joined_rows(db: sqlite_utils.Database, rows: list[dict]) -> list[dict]:
    """For each run of two or more fragments that holds one of ``rows``, a row like the first fragment's
    whose ``quote`` is the run's fragments joined by spaces, with ``pieces`` and ``quote_ids``."""
    out, seen = [], set()
    for row in rows:
        if row["type"] != "direct" or not row["speaker_id"] or row["quote_id"] in seen:
            continue
        run = _run_around(db, row)
        seen.update(run)
        if len(run) >= 2:
            out.append(_joined(quotes_with_ids(db, run, order="q.start")))
    return out


def fewest(matches: list, rank: Callable) -> list:
    """One match per stored quote: a run of joined fragments where it lines up better (lower ``rank``) than
    each of its fragments alone, instead of them; else the fragments."""
    alone = {m.quote_ids[0]: rank(m) for m in matches if len(m.quote_ids) == 1}
    runs = [m for m in matches if len(m.quote_ids) > 1
            and all(rank(m) < alone.get(qid, (len(matches) + 9,)) for qid in m.quote_ids)]
    covered = {qid for m in runs for qid in m.quote_ids}
    return runs + [m for m in matches if len(m.quote_ids) == 1 and m.quote_ids[0] not in covered]


def article_offset(row: dict, joined_offset: int) -> int:
    """The article offset of a position in a joined row's text (a plain row's offsets are start-based)."""
    for piece in reversed(row.get("pieces") or []):
        if joined_offset >= piece.joined:
            return piece.article + min(joined_offset - piece.joined, piece.length)
    return row["start"] + joined_offset


def _run_around(db: sqlite_utils.Database, row: dict) -> list[str]:
    """The ids of the run of fragments that ``row`` belongs to, in text order."""
    quotes = list(db.execute('select id, start, "end", type, speaker_id from quotes where article_id = ? '
                             "order by start", [row["article_id"]]))
    at = next(i for i, q in enumerate(quotes) if q[0] == row["quote_id"])
    first = last = at
    while first > 0 and _continues(db, row, quotes[first - 1], quotes[first]):
        first -= 1
    while last + 1 < len(quotes) and _continues(db, row, quotes[last], quotes[last + 1]):
        last += 1
    return [q[0] for q in quotes[first:last + 1]]


def _continues(db: sqlite_utils.Database, row: dict, before: tuple, after: tuple) -> bool:
    """Whether ``after`` goes on with ``before``'s words: both direct, one speaker, a short gap."""
    if not all(q[3] == "direct" and q[4] == row["speaker_id"] for q in (before, after)):
        return False
    if not 0 <= after[1] - before[2] <= MAX_GAP:
        return False
    gap = db.execute("select substr(text, ?, ?) from articles where id = ?",
                     [before[2] + 1, after[1] - before[2], row["article_id"]]).fetchone()[0] or ""
    return not any(c.isalnum() for c in gap) or "\n" not in gap


def _joined(fragments: list[dict]) -> dict:
    row = dict(fragments[0])
    pieces, text = [], ""
    for fragment in fragments:
        text += " " if text else ""
        pieces.append(Piece(len(text), fragment["start"], len(fragment["quote"])))
        text += fragment["quote"]
    row.update(quote=text, end=fragments[-1]["end"], pieces=pieces, quote_ids=[f["quote_id"] for f in fragments])
    return row
