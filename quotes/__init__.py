"""quotes: who said what in the news.

The public API (everything else is internal and may move)::

    from quotes import Article, Extractor, open_db
    quotes = Extractor().extract(Article(id="a1", text=open("story.txt").read()))

Names are imported on first use, so ``import quotes`` stays cheap (spaCy loads only when parsing).
"""

from __future__ import annotations

from importlib import import_module

_PUBLIC = {
    "Article": "quotes.model",
    "Quote": "quotes.model",
    "Speaker": "quotes.model",
    "Extractor": "quotes.extractor",
    "ExtractorSpec": "quotes.extractor",
    "open_db": "quotes.store",
    "QuotesError": "quotes.errors",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
