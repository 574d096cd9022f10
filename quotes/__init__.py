"""quotes: who said what in the news.

The public API (everything else is internal and may move)::

    from quotes import Article, Extractor, open_db
    quotes = Extractor().extract(Article(id="a1", text=open("story.txt").read()))

Names are imported on first use, so ``import quotes`` stays cheap (spaCy loads only when parsing).
"""

from __future__ import annotations

import sys
from importlib import import_module


def _sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils with numpy and pandas hidden: it imports them (a third of a second) only to map
    their number types to column types, and quotes creates every table from :mod:`quotes.store.schema`'s
    Python types, so a read command starts without them. Loaded first, numpy stays where it is."""
    if "sqlite_utils.db" in sys.modules or "numpy" in sys.modules:
        return
    hidden = {name: sys.modules.get(name) for name in ("numpy", "pandas")}
    sys.modules.update(dict.fromkeys(hidden))  # None in sys.modules: "import numpy" raises ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_sqlite_utils_without_numpy()

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
