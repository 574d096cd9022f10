"""The review pages the plugin adds (its hooks are in :mod:`quotes.web.plugin`).

- ``/-/article?quote=ID`` (or ``?id=ARTICLE``): the article with the quote, its cue and its speaker
  mention marked in their paragraph, the source URL, publisher and wire, and the quote's reviews.
- The ``review_quote`` canned query page shows the quote in its context above the review form.
- Quote cells link to the article view and to the review form; in the ``quote_list`` view the headline
  links to the article view at the quote.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlparse

from datasette.utils import tilde_encode
from datasette.utils.asgi import Response
from markupsafe import Markup

from quotes.factcheck.review import (
    CHOOSABLE_VERDICTS,
    DISPUTING_VERDICTS,
    QUEUE_ORDER,
    QUEUE_WHERE,
    REVIEW_QUERY,
    standing,
)
from quotes.store.schema import QUOTE_FROM
from quotes.web import privacy
from quotes.web.instance import quotes_databases
from quotes.web.provenance import Mark, marked_paragraphs, quote_marks

ARTICLE_PATH = "/-/article"
QUOTE_LIST = "quote_list"  # the view of quotes at a glance (quotes.store.schema)
_QUOTE = f"""select q.*, s.name as speaker, s.title as speaker_title, a.title, a.publisher, a.wire, a.published,
  a.url, a.text as article_text
{QUOTE_FROM}
where q.id = ?"""
_HISTORY = """select reviewed_at, {reviewer}verdict, corrected_speaker, note, speaker, cue
from reviews where quote_id = ? order by id"""  # the reviewer's login only for reviewers (quotes.web.privacy)


# -- links --------------------------------------------------------------------------------
def article_url(datasette, database: str, quote_id: str | None = None, article_id: str | None = None) -> str:
    args = {"db": database, **({"quote": quote_id} if quote_id else {"id": article_id})}
    return datasette.urls.path(ARTICLE_PATH) + "?" + urlencode(args) + ("#quote" if quote_id else "")


def review_url(datasette, database: str, quote_id: str) -> str:
    return datasette.urls.database(database) + f"/{REVIEW_QUERY}?" + urlencode({"quote_id": quote_id})


def _quote_links(datasette, database: str, quote_id: str) -> Markup:
    return Markup(' <span class="quote-links">[<a href="{}">in article</a> · <a href="{}">review</a>]</span>').format(
        article_url(datasette, database, quote_id), review_url(datasette, database, quote_id))


def quote_cell(row, value, column, table, database, datasette):
    """Quote texts get links to the article view and the review form; quote ids link to the article."""
    if not isinstance(value, str) or not value or row is None:
        return None
    keys = row.keys()
    if table == QUOTE_LIST and column == "headline" and "quote_id" in keys:
        return Markup('<a class="article-link" href="{}">{}</a>').format(
            article_url(datasette, database, row["quote_id"]), value)
    if column == "quote_id":
        return Markup('<a href="{}">{}</a>').format(article_url(datasette, database, value), value)
    if table == "quotes" and column == "text":
        quote_id = row["id"]
    elif column in ("quote", "quote_text") and "quote_id" in keys:
        quote_id = row["quote_id"]
    elif table is None and column == "quote" and "id" in keys:  # canned queries selecting q.id
        quote_id = row["id"]
    else:
        return None
    return Markup("{}{}").format(value, _quote_links(datasette, database, quote_id))


# -- article view -------------------------------------------------------------------------
class _PageError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _database_name(datasette, name: str | None) -> str:
    names = quotes_databases(datasette)
    if name:
        if name not in names:
            raise _PageError(404, f"Database not found: {name}")
        return name
    if not names:
        raise _PageError(404, "No quotes database is served here")
    if len(names) != 1:
        raise _PageError(400, "Name the database: ?db=NAME")
    return names[0]


async def _quote(db, quote_id: str) -> dict | None:
    row = (await db.execute(_QUOTE, [quote_id])).first()
    return dict(row) if row else None


async def _history(db, quote_id: str, reviewers: bool) -> list[dict]:
    """The quote's reviews, oldest first; with who recorded each when ``reviewers`` may see that."""
    if not await db.table_exists("reviews"):
        return []
    sql = _HISTORY.format(reviewer="reviewer, " if reviewers else "")
    return [dict(r) for r in (await db.execute(sql, [quote_id])).rows]


def _safe_url(url: str | None) -> str | None:
    """Only http(s) source URLs become links."""
    return url if url and urlparse(url).scheme in ("http", "https") else None


async def article_view(request, datasette):
    """The article page; a missing quote or article is an error page (not an exception: Datasette
    prints a long traceback for those)."""
    try:
        return await _article_page(request, datasette)
    except _PageError as exc:
        page = await datasette.render_template(
            "error.html", {"ok": False, "error": str(exc), "status": exc.status, "title": None}, request=request)
        return Response.html(page, status=exc.status)


async def _article_page(request, datasette):
    name = _database_name(datasette, request.args.get("db"))
    await datasette.ensure_permissions(
        request.actor, [("view-table", (name, "articles")), ("view-database", name), "view-instance"])
    db = datasette.get_database(name)
    quote_id, article_id = request.args.get("quote"), request.args.get("id")
    quote = None
    if quote_id:
        quote = await _quote(db, quote_id)
        if quote is None:
            raise _PageError(404, f"No quote with id {quote_id}")
        article_id = quote["article_id"]
    if not article_id:
        raise _PageError(400, "Give ?quote=QUOTE_ID or ?id=ARTICLE_ID")
    row = (await db.execute("select * from articles where id = ?", [article_id])).first()
    if row is None:
        raise _PageError(404, f"No article with id {article_id}")
    article = dict(row)
    text = article["text"]
    others = [dict(r) for r in (await db.execute(
        'select id, start, "end" from quotes where article_id = ? order by start', [article_id])).rows]

    def link(other):
        return article_url(datasette, name, other["id"])

    reviewer = privacy.is_reviewer(datasette, request.actor)
    context = {"article": article, "source_url": _safe_url(article["url"]), "database": name, "quote": quote,
               "article_row_url": datasette.urls.row(name, "articles", tilde_encode(article_id)),
               "read_from": article["source"] if reviewer else None}  # a server-local path: reviewers only
    if quote:
        marks, focus = quote_marks(quote, others, link)
        history = await _history(db, quote_id, reviewer)
        quote_text = text[quote["start"]:quote["end"]]  # from the article by offsets, never rewritten
        page_url = datasette.absolute_url(request, article_url(datasette, name, quote_id))
        verdict = _verdict(history, quote)
        context.update(
            quote_text=quote_text, citation=citation(quote, quote_text, context["source_url"] or page_url, verdict),
            cue_text=_cut(text, quote, "cue"), mention_text=_cut(text, quote, "speaker"),
            history=history, verdict=verdict,
            review_url=review_url(datasette, name, quote_id),
        )
    else:
        marks, focus = [Mark(o["start"], o["end"], "other-quote", href=link(o)) for o in others], None
    context["paragraphs"] = marked_paragraphs(text, marks, focus)
    return Response.html(await datasette.render_template("quotes_article.html", context, request=request))


def citation(quote: dict, quote_text: str, url: str, verdict: str = "unreviewed") -> str:
    """One line to paste: speaker, quote, headline, outlet, date and URL (the parts that are known); a
    disputing verdict (wrong speaker, needs check...) is said at the end, so that it travels with the words."""
    speaker = quote.get("speaker") or quote.get("speaker_mention") or "Unidentified speaker"
    source = ", ".join(part for part in (f"“{quote['title']}”" if quote.get("title") else None,
                                          quote.get("publisher"), quote.get("published")) if part)
    warning = f" [review verdict: {verdict}]" if verdict in DISPUTING_VERDICTS else ""
    return f"{speaker}: “{quote_text}”" + (f" ({source})" if source else "") + f" {url}{warning}"


def _verdict(history: list[dict], quote: dict) -> str:
    """The quote's verdict as the page shows it, saying so when the last one was made of another speaker or cue."""
    current, earlier = standing(history[-1] if history else None, quote["speaker"] or quote["speaker_mention"],
                                quote["cue"])
    return current if earlier is None else f"{current} (the earlier verdict, {earlier}, was for another speaker or cue)"


def _cut(text: str, quote: dict, kind: str) -> str | None:
    start, end = quote.get(f"{kind}_start"), quote.get(f"{kind}_end")
    return text[start:end] if start is not None and end is not None else None


# -- the review form ----------------------------------------------------------------------
async def review_form(datasette, name: str, request) -> dict:
    """What the review form shows: the quote in context, its reviews, the reviewer's last review."""
    db = datasette.get_database(name)
    quote_id = (request.args.get("quote_id") or "").strip()
    form = {"quote_id": quote_id, "quote": None, "verdicts": CHOOSABLE_VERDICTS, "last": None}
    if quote_id and (quote := await _quote(db, quote_id)):
        text = quote["article_text"]
        marks, focus = quote_marks(quote)
        history = await _history(db, quote_id, privacy.is_reviewer(datasette, request.actor))
        form.update(
            quote=quote, quote_text=text[quote["start"]:quote["end"]], mention_text=_cut(text, quote, "speaker"),
            cue_text=_cut(text, quote, "cue"), paragraphs=marked_paragraphs(text, marks, focus, only_focus=True),
            history=history, verdict=_verdict(history, quote),
            article_url=article_url(datasette, name, quote_id), source_url=_safe_url(quote["url"]),
        )
    reviewer = (request.actor or {}).get("id")
    if reviewer:
        last = (await db.execute(
            "select r.*, exists (select 1 from quotes where id = r.quote_id) as found from reviews r "
            "where reviewer = ? order by id desc limit 1", [reviewer])).first()
        if last:
            form["last"] = dict(last, article_url=article_url(datasette, name, last["quote_id"]))
    rows = (await db.execute(
        "select quote_id, quote, speaker, speaker_as_written, confidence from review_queue "
        f"where {QUEUE_WHERE} and quote_id != ? order by {QUEUE_ORDER} limit 5",
        [quote_id])).rows
    form["next"] = [dict(r, review_url=review_url(datasette, name, r["quote_id"])) for r in rows]
    return form
