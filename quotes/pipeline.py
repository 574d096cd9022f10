"""The extractor: articles in, attributed quotes out (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from . import nlp as nlp_loader
from .clutter import body_spans
from .coref import CorefLookup, coref_pipeline
from .extract import extract_quotes
from .marks import find_quote_marks
from .records import Article, Quote


@dataclass
class Extraction:
    article: Article
    quotes: list[Quote]


class Extractor:
    """Runs the whole pipeline with one spaCy model; batch with :meth:`extract_many`."""

    def __init__(self, model: str | None = None, nlp: Language | None = None, batch_size: int = 16,
                 coref: bool = True):
        self.nlp = nlp or nlp_loader.load(model)
        self.batch_size = batch_size
        self.coref = CorefLookup(coref_pipeline(model or nlp_loader.default_model_name())) if coref else None

    def extract(self, article: Article) -> list[Quote]:
        return next(self.extract_many([article])).quotes

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        prepared = (_prepare(a) for a in articles)
        stream = ((p[1], p) for p in prepared)
        for doc, (article, _body_text, base, marks, body) in self.nlp.pipe(
            stream, as_tuples=True, batch_size=self.batch_size
        ):
            yield Extraction(article, extract_quotes(article.text, doc, base, marks, body, self.coref))


def _prepare(article: Article):
    """Body region to parse (headline and page clutter left out) and the quote marks."""
    text = article.text
    body = body_spans(text)
    if body:
        base, end = body[0].start, body[-1].end
    else:
        base, end = 0, 0
    return article, mask_dateline(text[base:end]), base, find_quote_marks(text), body


_DATELINE = re.compile(r"^(By [^|\n]{1,60}\|[^\n]{0,80}?\|[^\n]*?\d{4}\s+"
                       r"|[A-Z][A-Z .'’-]{2,40}(,\s*[A-Z][\w .]{1,30}?)*"
                       r"(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s)")


def mask_dateline(body: str) -> str:
    """Blank out a leading dateline ("TOKYO, Sept 12 (Wire) — ") so it is not parsed as a subject."""
    match = _DATELINE.match(body)
    if not match:
        return body
    return " " * match.end() + body[match.end() :]
