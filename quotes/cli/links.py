"""The quote id and, given a base URL, the link to the quote's article page on a running ``quotes serve``."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote as url_quote

import typer

BASE_URL_ENV = "QUOTES_BASE_URL"
ARTICLE_PATH = "/-/article"  # the article page route of quotes/web (quotes.web.pages.ARTICLE_PATH)

BaseUrl = Annotated[str | None, typer.Option(
    "--base-url", envvar=BASE_URL_ENV, metavar="URL",
    help=f"Where `quotes serve` runs (e.g. http://127.0.0.1:8001): print a link to each quote's article "
         f"page. Also from ${BASE_URL_ENV}.")]


def quote_url(quote_id: str, base_url: str) -> str:
    """The article page of ``quote_id`` under ``base_url`` ("http://h:8001/" -> "http://h:8001/-/article?quote=ID")."""
    return f"{base_url.rstrip('/')}{ARTICLE_PATH}?quote={url_quote(quote_id, safe='')}"


def quote_ref(quote_id: str, base_url: str | None) -> str:
    """``id: ID`` and, with a base URL, ``, link: URL`` — the same words in every command that prints a quote."""
    return f"id: {quote_id}" + (f", link: {quote_url(quote_id, base_url)}" if base_url else "")
