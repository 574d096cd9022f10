"""The SQLite store: takes extractions, gives stored rows and the reads editors use.

Tables: ``articles``, ``speakers`` and ``quotes`` (foreign keys to both), with FTS5 on
``quotes(text, sentence)`` and ``speakers(name)`` kept in sync by triggers. Every quote's
``text`` is exactly ``articles.text[start:end]``; nothing stored is rewritten.

Modules, each importing only those before it: :mod:`~quotes.store.schema` (every table, view, trigger,
FTS index and migration), :mod:`~quotes.store.database` (:func:`open_db`), :mod:`~quotes.store.speakers`
(cross-article identity: decisions, merge, split), :mod:`~quotes.store.read` (the one quote-row select and
the look-ups), :mod:`~quotes.store.clusters` (the same quote in several articles), :mod:`~quotes.store.write`
(saving, which refreshes the clusters). Storage never imports NLP.
"""

from quotes.errors import StoreError
from quotes.store.database import open_db
from quotes.store.read import lookup, quote_rows, quotes_by_speaker, speaker_pages
from quotes.store.schema import ARTICLES, DEFAULT_DB, REVIEW_VERDICTS, now
from quotes.store.speakers import matching_speakers, speaker_id, speaker_key
from quotes.store.write import (
    conflicting_ids,
    refresh_clusters,
    refresh_metadata,
    save_extraction,
    save_extractions,
    unchanged_ids,
)

__all__ = [
    "ARTICLES", "DEFAULT_DB", "REVIEW_VERDICTS", "StoreError", "conflicting_ids", "lookup", "matching_speakers",
    "now", "open_db",
    "quote_rows", "quotes_by_speaker", "refresh_clusters", "refresh_metadata", "save_extraction", "save_extractions",
    "speaker_id", "speaker_key", "speaker_pages", "unchanged_ids",
]
