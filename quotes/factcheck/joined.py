"""One speaker's words read as one quote: the fragments of a split quote ("A," she said, "B.") and a
speaker's consecutive quoted sentences, joined, so a claim that spans them is checked against all of them.

A run is a sequence of direct quotes in one article with one resolved speaker and no other quote between
them, where what stands between two fragments is either only marks and line breaks (a quote re-opened over
paragraphs) or a short stretch of one paragraph (the cue: "she said", "he added").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from quotes.lexicon import value
from quotes.store.read import chunks, quotes_with_ids

MAX_GAP = int(value("factcheck.max_fragment_gap"))  # characters between two fragments of one run


@dataclass
class Piece:
    """Where one fragment lies in the joined text and in the article."""

    joined: int  # offset of the fragment in the joined text
    article: int  # offset of the fragment in the article
    length: int


def joined_rows(db: sqlite_utils.Database, rows: list[dict]) -> list[dict]:
    """For each run of two or more fragments that holds one of ``rows``, a row like the first fragment's
    whose ``quote`` is the run's fragments joined by spaces, with ``pieces`` and ``quote_ids``. The quotes of
    the rows' articles, the text between their fragments and the runs' rows are read in one query each."""
    starts = [row for row in rows if row["type"] == "direct" and row["speaker_id"]]
    by_article: dict[str, list[tuple]] = defaultdict(list)
    for chunk in chunks(sorted({row["article_id"] for row in starts}), 500):
        for q in db.execute('select id, start, "end", type, speaker_id, article_id from quotes where article_id in '
                            f"({', '.join('?' * len(chunk))}) order by article_id, start", chunk):
            by_article[q[5]].append(q)
    gaps = _gaps(db, by_article)
    runs, seen = [], set()
    for row in starts:
        if row["quote_id"] not in seen:
            run = _run_around(by_article[row["article_id"]], row, gaps)
            seen.update(run)
            if len(run) >= 2:
                runs.append(run)
    fragments = {r["quote_id"]: r for r in quotes_with_ids(db, [qid for run in runs for qid in run], order=None)}
    return [_joined([fragments[qid] for qid in run]) for run in runs]


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


def _run_around(quotes: list[tuple], row: dict, gaps: dict[tuple[str, int], str]) -> list[str]:
    """The ids of the run of fragments that ``row`` belongs to, in text order (``quotes``: its article's)."""
    at = next(i for i, q in enumerate(quotes) if q[0] == row["quote_id"])
    first = last = at
    while first > 0 and _continues(gaps, row, quotes[first - 1], quotes[first]):
        first -= 1
    while last + 1 < len(quotes) and _continues(gaps, row, quotes[last], quotes[last + 1]):
        last += 1
    return [q[0] for q in quotes[first:last + 1]]


def _continues(gaps: dict[tuple[str, int], str], row: dict, before: tuple, after: tuple) -> bool:
    """Whether ``after`` goes on with ``before``'s words: both direct, one speaker, a short gap."""
    if not all(q[3] == "direct" and q[4] == row["speaker_id"] for q in (before, after)):
        return False
    if not 0 <= after[1] - before[2] <= MAX_GAP:
        return False
    gap = gaps.get((before[5], before[2]), "")
    return not any(c.isalnum() for c in gap) or "\n" not in gap


def _gaps(db: sqlite_utils.Database, by_article: dict[str, list[tuple]]) -> dict[tuple[str, int], str]:
    """The article text between each two neighbouring direct quotes of one speaker, a short gap apart, keyed
    by (article id, end of the first)."""
    wanted = [(q[5], q[2], after[1] - q[2]) for quotes in by_article.values() for q, after in zip(quotes, quotes[1:])
              if q[3] == after[3] == "direct" and q[4] and q[4] == after[4] and 0 <= after[1] - q[2] <= MAX_GAP]
    found: dict[tuple[str, int], str] = {}
    for chunk in chunks(wanted, 300):
        values = ", ".join(["(?, ?, ?)"] * len(chunk))
        found.update(((aid, at), text or "") for aid, at, text in db.execute(
            f"with g(article_id, at, n) as (values {values}) select g.article_id, g.at, substr(a.text, g.at + 1, g.n) "
            "from g join articles a on a.id = g.article_id", [v for item in chunk for v in item]))
    return found


def _joined(fragments: list[dict]) -> dict:
    row = dict(fragments[0])
    pieces, text = [], ""
    for fragment in fragments:
        text += " " if text else ""
        pieces.append(Piece(len(text), fragment["start"], len(fragment["quote"])))
        text += fragment["quote"]
    row.update(quote=text, end=fragments[-1]["end"], pieces=pieces, quote_ids=[f["quote_id"] for f in fragments])
    return row
