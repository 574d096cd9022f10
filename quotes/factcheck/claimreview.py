"""A reviewed quote as schema.org ClaimReview JSON-LD: the claim (the quote), its speaker as the claim's
author, its first appearance (the cluster's first article) and a reviewRating from the review verdict."""

from __future__ import annotations

import sqlite_utils

from quotes import store
from quotes.errors import QuotesError
from quotes.factcheck.review import current_reviews
from quotes.lexicon import entry
from quotes.store import clusters as clustering


def claim_review(db: sqlite_utils.Database, quote_id: str, publisher: str | None = None) -> dict:
    """The ClaimReview of ``quote_id``; a missing or unpublishable (unreviewed) quote is a QuotesError."""
    rows = store.quote_rows(db, "q.id = ?", [quote_id])
    if not rows:
        raise QuotesError(f"no stored quote has id {quote_id!r}")
    row = rows[0]
    verdict, corrected = current_reviews(db, [quote_id]).get(quote_id, ("unreviewed", None))
    ratings = entry("claimreview")
    if verdict not in ratings:
        raise QuotesError(f"quote {quote_id} is {verdict}: only a reviewed verdict "
                          f"({', '.join(ratings)}) becomes a ClaimReview")
    value, label = ratings[verdict]
    cluster = clustering.cluster_of(db, [quote_id]).get(quote_id)
    first = cluster.first_article_id if cluster else row["article_id"]
    first_row = db.execute("select url, title, publisher, published from articles where id = ?", [first]).fetchone()
    review = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "claimReviewed": row["quote"],
        "itemReviewed": {"@type": "Claim", "author": _person(row["speaker"] or row["speaker_mention"]),
                         "datePublished": (first_row[3] if first_row else None) or row["published"],
                         "firstAppearance": _work(first, *first_row) if first_row else None,
                         "appearance": [_work(row["article_id"], row["url"], row["title"], row["publisher"],
                                              row["published"])]},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                         "alternateName": label},
    }
    if corrected and verdict == "wrong speaker":
        review["reviewBody"] = f"Said by {corrected}, not {row['speaker'] or row['speaker_mention']}."
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
    return review


def _person(name: str | None) -> dict | None:
    return {"@type": "Person", "name": name} if name else None


def _work(article_id: str, url: str | None, title: str | None, publisher: str | None, published: str | None) -> dict:
    work = {"@type": "CreativeWork", "identifier": article_id, "url": url, "headline": title,
            "datePublished": published,
            "publisher": {"@type": "Organization", "name": publisher} if publisher else None}
    return {k: v for k, v in work.items() if v is not None}
