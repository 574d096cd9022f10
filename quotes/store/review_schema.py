"""Part of the schema (:mod:`quotes.store.schema` applies it): the reviews table with its triggers, and the
views over quotes and reviews that the library, the exports and Datasette read."""

from __future__ import annotations

# reviews (factcheck/review.py): an append-only history of verdicts, one row per review. No foreign key to
# quotes on purpose: re-extracting an article deletes and re-inserts its quotes, and reviews must neither
# block that nor go with it; a quote found again (same article, offsets and text: same id) keeps its reviews.
# article_id, quote_text, speaker and cue are what the reviewer saw, kept even if the quote later changes: a
# verdict stands only while the quote still has that speaker and cue (the current_reviews view); a cue that
# grew around the reviewed words ("said" -> "has also said", "said:") is the same cue.
MAX_NOTE_CHARS = 10_000  # a reviewer's note
MAX_NAME_CHARS = 200  # a corrected speaker's name
REVIEW_VERDICTS = ("unreviewed", "correct", "wrong speaker", "wrong span", "not a quote", "needs check")
_VERDICTS_SQL = ", ".join(f"'{v}'" for v in REVIEW_VERDICTS)
REVIEW_SCHEMA = (
    f"""create table if not exists reviews (
    id integer primary key,
    quote_id text not null,
    article_id text not null,
    quote_text text not null,
    speaker text,
    cue text,
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
    f"""create trigger if not exists reviews_sized before insert on reviews
when length(new.note) > {MAX_NOTE_CHARS} or length(new.corrected_speaker) > {MAX_NAME_CHARS}
begin select raise(abort, 'too long: a note has at most {MAX_NOTE_CHARS:,} characters, a corrected speaker \
{MAX_NAME_CHARS}'); end""",
    """create trigger if not exists reviews_no_update before update on reviews
begin select raise(abort, 'reviews are kept: add a new review instead'); end""",
    """create trigger if not exists reviews_no_delete before delete on reviews
begin select raise(abort, 'reviews are kept: add a new review instead'); end""",
)
# the joins of every quote row: quote, article, speaker (quotes.store.read and the review_queue view)
QUOTE_FROM = """from quotes q
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id"""
REVIEW_VIEWS = {  # name: select; re-created when an older database has another definition
    "latest_reviews": """select r.* from reviews r
where r.id = (select max(id) from reviews where quote_id = r.quote_id)""",
    # the latest review, while the quote still has the speaker and cue it was reviewed with (reviews from
    # before the cue was recorded are held to their speaker only)
    "current_reviews": """select r.* from latest_reviews r
join quotes q on q.id = r.quote_id
left join speakers s on s.id = q.speaker_id
where r.speaker is coalesce(s.name, q.speaker_mention) and (r.cue is null or r.cue is q.cue
    or instr(' ' || q.cue || ' ', ' ' || r.cue || ' ') > 0 or q.cue = r.cue || ':')""",
    "review_queue": """select q.id as quote_id, q.text as quote, q.type, s.name as speaker,
    q.speaker_mention as speaker_as_written, q.cue, q.confidence, coalesce(c.verdict, 'unreviewed') as verdict,
    c.corrected_speaker, c.note, c.reviewer, c.reviewed_at, q.article_id, a.title, a.publisher, a.published, q.start,
    case when c.id is null then r.verdict end as earlier_verdict, q.speaker_id
""" + QUOTE_FROM + """
left join latest_reviews r on r.quote_id = q.id
left join current_reviews c on c.quote_id = q.id""",
    # every review without who recorded it: the one review view anonymous visitors of a site may read (the
    # others, and reviews, show the reviewer's login: quotes.web.privacy keeps them to reviewers)
    "verdicts": """select r.id, r.quote_id, r.article_id, r.quote_text, r.speaker, r.cue, r.verdict,
    r.corrected_speaker, r.note, r.reviewed_at, c.id is not null as is_current
from reviews r
left join current_reviews c on c.id = r.id""",
    # the quotes as a fact-checker reads them (Datasette's default quotes page): who, what, where, when, how
    # sure, the verdict; the ids and offsets last. No reviewer column: anonymous visitors may read it.
    "quote_list": """select s.name as speaker, q.text as quote, q.type, a.title as headline, a.publisher as outlet,
    a.published, q.confidence, coalesce(c.verdict, 'unreviewed') as verdict, q.cue,
    q.speaker_mention as speaker_as_written, q.id as quote_id, q.article_id, q.start, q."end"
""" + QUOTE_FROM + """
left join current_reviews c on c.quote_id = q.id
order by a.published is null, a.published desc, a.ingested_at desc, q.confidence desc, q.article_id, q.start""",
}
