"""Reviews of quotes: verdicts recorded by reviewers, kept as an append-only history.

The ``reviews`` table, its triggers and the ``latest_reviews``, ``current_reviews`` and ``review_queue`` views
are defined with the rest of the schema in :mod:`quotes.store.schema`. This module holds the one INSERT statement
(used by :func:`add_review` and by the Datasette canned query), the review queries served in
Datasette, and reads of a quote's history.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils

from quotes.errors import ReviewError
from quotes.store.read import dicts
from quotes.store.schema import REVIEW_VERDICTS, now

VERDICTS = REVIEW_VERDICTS
# what a reviewer can choose on the review form: every verdict but the one a quote has before any review
CHOOSABLE_VERDICTS = tuple(v for v in VERDICTS if v != "unreviewed")
# verdicts that say the extractor got something wrong (or that someone must look again)
DISPUTING_VERDICTS = tuple(v for v in VERDICTS if v not in ("unreviewed", "correct"))


def insert_sql(reviewer: str = ":reviewer", reviewed_at: str = ":reviewed_at") -> str:
    """The INSERT that records one review of ``:quote_id``.

    It always inserts exactly one row, so an unknown quote or verdict is refused by the table's
    triggers with a message rather than silently inserting nothing. What the reviewer saw (article,
    quote text, speaker) is copied from the quote. Blank corrected speakers and notes are stored as null.
    """
    return (
        "insert into reviews (quote_id, article_id, quote_text, speaker, cue, verdict, corrected_speaker, note, "
        "reviewer, reviewed_at)\n"
        "select k.id, q.article_id, q.text, coalesce(s.name, q.speaker_mention), q.cue, :verdict, "
        "nullif(trim(:corrected_speaker), ''), nullif(trim(:note), ''), "
        f"{reviewer}, {reviewed_at}\n"
        "from (select :quote_id as id) k\n"
        "left join quotes q on q.id = k.id\n"
        "left join speakers s on s.id = q.speaker_id"
    )


@dataclass
class Review:
    """One recorded review."""

    id: int
    quote_id: str
    verdict: str
    reviewer: str
    reviewed_at: str
    corrected_speaker: str | None = None
    note: str | None = None
    speaker: str | None = None  # the extracted speaker the reviewer saw
    cue: str | None = None  # ... and the cue
    quote_text: str = ""
    article_id: str = ""


def add_review(db: sqlite_utils.Database, quote_id: str, verdict: str, reviewer: str,
               corrected_speaker: str | None = None, note: str | None = None, at: str | None = None) -> Review:
    """Record a review of a stored quote; earlier reviews stay. Raises :class:`ReviewError`."""
    params = {"quote_id": quote_id, "verdict": verdict, "reviewer": reviewer, "reviewed_at": at or now(),
              "corrected_speaker": corrected_speaker or "", "note": note or ""}
    try:
        with db.atomic():
            cursor = db.execute(insert_sql(), params)
    except sqlite3.IntegrityError as exc:
        raise ReviewError(str(exc)) from None
    return _reviews(db, "id = ?", [cursor.lastrowid])[0]


def history(db: sqlite_utils.Database, quote_id: str) -> list[Review]:
    """Every review of a quote, oldest first (the last one is its current verdict)."""
    return _reviews(db, "quote_id = ?", [quote_id])


def _reviews(db: sqlite_utils.Database, where: str, params: list) -> list[Review]:
    cursor = db.execute(
        "select id, quote_id, verdict, reviewer, reviewed_at, corrected_speaker, note, speaker, cue, quote_text, "
        f"article_id from reviews where {where} order by id", params)
    return [Review(**row) for row in dicts(cursor)]


def verdict(db: sqlite_utils.Database, quote_id: str) -> str:
    """The current verdict of a quote: its latest review's while the quote still has the speaker and cue
    that review saw, else ``unreviewed``."""
    row = db.execute("select verdict from current_reviews where quote_id = ?", [quote_id]).fetchone()
    return row[0] if row else "unreviewed"


def current_reviews(db: sqlite_utils.Database, quote_ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """(verdict, corrected speaker) of each quote among ``quote_ids`` whose latest review still stands."""
    if not quote_ids or "current_reviews" not in db.view_names():
        return {}
    rows = db.execute(f"select quote_id, verdict, corrected_speaker from current_reviews "
                      f"where quote_id in ({', '.join('?' * len(quote_ids))})", quote_ids)
    return {qid: (verdict, corrected) for qid, verdict, corrected in rows}


def standing(last: dict | None, speaker: str | None, cue: str | None) -> tuple[str, str | None]:
    """(current verdict, earlier verdict) of a quote from its latest review ``last`` (a reviews row) and
    the speaker and cue it has now: a verdict made of another speaker or cue is only an earlier one."""
    if last is None:
        return "unreviewed", None
    if last["speaker"] == speaker and (last.get("cue") is None or last["cue"] == cue):
        return last["verdict"], None
    return "unreviewed", last["verdict"]


# -- Datasette ----------------------------------------------------------------------------
REVIEWER_ROLE = "reviewer"
REVIEW_QUERY = "review_quote"
_DISPUTING_SQL = ", ".join(f"'{v}'" for v in DISPUTING_VERDICTS)
# the review queue: unreviewed quotes that claim a speaker (not terms or titles); the attributed ones first,
# least confident first, then those found without a speaker
UNATTRIBUTABLE_TYPES = ("term", "title")
QUEUE_WHERE = "verdict = 'unreviewed' and type not in ({})".format(", ".join(f"'{t}'" for t in UNATTRIBUTABLE_TYPES))
# walked in the order of the quotes_review_order index (quotes.store.schema): no sort of every quote
QUEUE_ORDER = "speaker_id is null, confidence, article_id, start"

QUERIES = {
    REVIEW_QUERY: {
        "title": "Review a quote",
        "description": "Record a verdict on one quote. Earlier reviews are kept; the latest one counts.",
        "sql": insert_sql(reviewer=":_actor_id", reviewed_at=":_now_datetime_utc"),
        "write": True,
        "allow": {"roles": REVIEWER_ROLE},
        "on_success_message": "Review saved",
    },
    "unreviewed_quotes": {
        "title": "Unreviewed quotes, lowest confidence first",
        "description": "Quotes nobody has given a verdict yet: the attributed ones first, the least certain "
                       "attribution first, then the quotes found without a speaker. Terms and titles claim no "
                       "speaker and are left out: the review_queue table, faceted by type, has them.",
        "sql": "select quote_id, quote, type, speaker, speaker_as_written, cue, confidence, article_id, title\n"
               f"from review_queue\nwhere {QUEUE_WHERE}\norder by {QUEUE_ORDER}",
    },
    "disputed_quotes": {
        "title": "Disputed quotes",
        "description": "Quotes whose latest verdict says something is wrong, or whose reviewers disagree.",
        "sql": f"""with per_reviewer as (
  select r.quote_id, r.reviewer, r.verdict from reviews r
  where r.id = (select max(id) from reviews where quote_id = r.quote_id and reviewer = r.reviewer)
    and r.verdict != 'unreviewed'
), opinions as (
  select quote_id, count(distinct verdict) as verdicts, group_concat(reviewer || ': ' || verdict, '; ') as opinions
  from per_reviewer group by quote_id
)
select q.quote_id, q.quote, q.speaker, q.verdict, q.corrected_speaker, q.note, o.opinions, q.reviewer,
  q.reviewed_at, q.article_id, q.title
from opinions o join review_queue q on q.quote_id = o.quote_id
where q.verdict in ({_DISPUTING_SQL}) or o.verdicts > 1
order by q.reviewed_at desc, q.quote_id""",
    },
    "reviews_by_reviewer": {
        "title": "Reviews by reviewer",
        "description": "Every review a reviewer recorded, newest first (leave the name blank for everyone's).",
        "sql": """select r.reviewer, r.reviewed_at, r.verdict, r.corrected_speaker, r.note, r.quote_id,
  r.quote_text as quote, r.speaker as speaker_reviewed, r.article_id,
  r.id = (select max(id) from reviews where quote_id = r.quote_id) as is_latest
from reviews r
where :reviewer = '' or r.reviewer = :reviewer
order by r.id desc""",
    },
    "orphaned_reviews": {
        "title": "Reviews of quotes no longer found",
        "description": "Reviews whose quote changed or disappeared when its article was extracted again.",
        "sql": """select r.reviewed_at, r.reviewer, r.verdict, r.corrected_speaker, r.note, r.quote_text, r.speaker,
  r.article_id
from latest_reviews r
where not exists (select 1 from quotes q where q.id = r.quote_id)
order by r.reviewed_at desc""",
    },
}

for _query in QUERIES.values():  # the page starts with the results (or the form), not the SQL
    _query["hide_sql"] = True

# what shows a reviewer's login (half of a credential): reviewers only (quotes.web.privacy), as is free SQL.
# Anonymous visitors read the verdicts in the ``verdicts`` view and on the article page, never who gave them.
REVIEWER_ONLY_TABLES = frozenset({"reviews", "latest_reviews", "current_reviews", "review_queue"})
REVIEWER_ONLY_QUERIES = frozenset({REVIEW_QUERY, "disputed_quotes", "reviews_by_reviewer", "orphaned_reviews"})
PUBLIC_REVIEW_VIEW = "verdicts"
# the views over the reviews that show no reviewer: anyone may read them (quote_list: the quotes at a glance)
PUBLIC_VIEWS_OVER_REVIEWS = frozenset({PUBLIC_REVIEW_VIEW, "quote_list"})
_ONLY = " Reviewers only."

TABLES = {
    "reviews": {
        "description": "Every review ever recorded (append-only): a new review never replaces an old one; "
                       "the latest review of a quote is its verdict." + _ONLY,
        "facets": ["verdict", "reviewer"],
        "sortable_columns": ["reviewed_at", "verdict", "reviewer"],
        "columns": {
            "id": "The review's number, in the order reviews were recorded.",
            "quote_id": "The reviewed quote (stable id: it survives re-extraction while the quote is unchanged).",
            "article_id": "The quote's article.",
            "quote_text": "The quote text the reviewer saw.",
            "speaker": "The extracted speaker the reviewer saw.",
            "cue": "The cue the reviewer saw (empty for reviews recorded before cues were kept).",
            "verdict": ", ".join(VERDICTS) + ".",
            "corrected_speaker": "Who really said it, when the verdict is 'wrong speaker'.",
            "note": "The reviewer's note.",
            "reviewer": "Who recorded the review (their login).",
            "reviewed_at": "When (UTC).",
        },
    },
    "review_queue": {
        "description": "Every quote with its current verdict (from its latest review; 'unreviewed' when none)."
                       + _ONLY,
        "facets": ["verdict", "reviewer", "type"],
        "sortable_columns": ["confidence", "reviewed_at", "verdict", "article_id"],
    },
    "latest_reviews": {"description": "The latest review of each reviewed quote." + _ONLY,
                       "facets": ["verdict", "reviewer"]},
    "current_reviews": {"description": "The latest review of each quote while the quote still has the speaker and "
                                       "cue that review saw (a re-extracted quote with another speaker needs "
                                       "review again)." + _ONLY, "facets": ["verdict", "reviewer"]},
    PUBLIC_REVIEW_VIEW: {
        "description": "Every review ever recorded, without who recorded it; is_current marks the verdict each "
                       "quote has now.",
        "facets": ["verdict", "is_current"],
        "sortable_columns": ["reviewed_at", "verdict", "quote_id"],
        "columns": {"is_current": "1 for the review that is its quote's verdict now (the latest, made of the "
                                  "speaker and cue the quote still has)."},
    },
}
