"""The extractor: articles in, attributed quotes out (no I/O)."""

from __future__ import annotations

import ast
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from quotes.errors import ExtractionError
from quotes.lexicon import DATA_PATHS
from quotes.model import Article, Quote
from quotes.nlp import loader as nlp_loader
from quotes.text.body import body_spans
from quotes.text.dateline import mask_dateline
from quotes.text.marks import find_quote_marks, mask_mark_runs
from quotes.text.spaces import plain_spaces

if TYPE_CHECKING:  # spaCy loads only when something is parsed: a rerun over unchanged articles skips it
    from spacy.language import Language


def extract_quotes(*args):
    """:func:`quotes.attribution.assemble.extract_quotes`, imported on first use (it needs spaCy)."""
    from quotes.attribution.assemble import extract_quotes as run

    return run(*args)


@dataclass
class Extraction:
    article: Article
    quotes: list[Quote]
    error: str | None = None  # the extractor failed on this article: "IndexError: ..."


PACKAGE = Path(__file__).parent


def _module_file(dotted: str) -> Path | None:
    """The source file of ``quotes.<dotted>`` (a module or a package's ``__init__``), if there is one."""
    path = PACKAGE.joinpath(*dotted.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def extraction_modules() -> list[str]:
    """The modules of this package that extraction runs (dotted, below ``quotes``): this one and what it
    imports from the package, transitively (function-level imports included)."""
    found: set[str] = set()
    todo = [Path(__file__).stem]
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if name in found or path is None:
            continue
        found.add(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "quotes":
                module = node.module.partition(".")[2]
                todo.extend(f"{module}.{a.name}".strip(".") for a in node.names if _module_file(
                    f"{module}.{a.name}".strip(".")))
                if module:
                    todo.append(module)
    return sorted(found)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the extraction code: a change to it re-extracts stored articles."""
    digest = hashlib.sha1()
    for name in extraction_modules():
        digest.update(_module_file(name).read_bytes())
    for path in DATA_PATHS:  # the word lists, hand-set priors and confidence coefficients are code too
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()[:12]


def extractor_version(model: str | None = None, coref: bool = True, model_version: str | None = None) -> str:
    """What stored quotes depend on: spaCy model and version, coreference off or the coreferee model's
    digest, extraction code.

    Computed without loading the model, so a run over unchanged articles skips them cheaply; coreference
    counts as on only when coreferee and its model are installed. ``model_version`` is for a pipeline
    that is not an installed package (a custom ``nlp``).
    """
    name = model or nlp_loader.default_model_name()
    coref = coref and nlp_loader.coref_available()
    version = model_version
    if version is None:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = None
    coref_part = f"coref {nlp_loader.coref_model_digest()}" if coref else "nocoref"
    return f"{name}-{version or '?'} {coref_part} code {code_digest()}"


@dataclass(frozen=True)
class ExtractorSpec:
    """How to build an :class:`Extractor`: small and picklable, for worker processes and Dask."""

    model: str | None = None
    batch_size: int = 16
    coref: bool = True
    model_version: str | None = None  # set for a custom pipeline that is no installed package

    @property
    def version(self) -> str:
        return extractor_version(self.model, self.coref, self.model_version)


class Extractor:
    """Runs the whole pipeline with one spaCy model; batch with :meth:`extract_many`.

    All components of the model are used (``ner`` for speaker kinds, ``tagger``/``attribute_ruler``/
    ``lemmatizer`` for cue verbs, ``parser`` for sentences and attribution), so none is disabled.
    """

    def __init__(self, model: str | None = None, nlp: Language | None = None, batch_size: int = 16,
                 coref: bool = True):
        from quotes.nlp.coref import CorefLookup, coref_pipeline

        model_version = None
        if nlp is not None and model is None:
            model = nlp.meta.get(nlp_loader.LOADED_AS)  # one of ours: the installed model it came from
            if model is None:  # a custom pipeline: its own name and version, not the default's
                model, model_version = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'custom')}", nlp.meta.get(
                    "version", "?")
        self.nlp = nlp or nlp_loader.load(model)
        self.batch_size = batch_size
        windows = coref_pipeline(model or nlp_loader.default_model_name()) if coref else None
        # coreference that cannot run is off, and the version says so
        self.spec = ExtractorSpec(model, batch_size, coref and windows is not None, model_version)
        self.coref = CorefLookup(windows) if windows is not None else None

    @property
    def version(self) -> str:
        return self.spec.version

    def extract(self, article: Article) -> list[Quote]:
        extraction = next(self.extract_many([article]))
        if extraction.error is not None:
            raise ExtractionError(f"{article.id}: {extraction.error}")
        return extraction.quotes

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        prepared = (_prepare(a) for a in articles)
        stream = ((p[1], p) for p in prepared)
        for doc, (article, _body_text, base, marks, body) in self.nlp.pipe(
            stream, as_tuples=True, batch_size=self.batch_size
        ):
            try:
                quotes = extract_quotes(article.text, doc, base, marks, body, self.coref)
            except Exception as exc:  # one article's bug must not stop a run: it becomes that article's error
                if os.environ.get("QUOTES_DEBUG"):
                    raise
                yield Extraction(article, [], error=f"{type(exc).__name__}: {exc}")
                continue
            yield Extraction(article, quotes)


@lru_cache(maxsize=2)
def cached_extractor(spec: ExtractorSpec) -> Extractor:
    """One extractor per process (a worker builds it on its first chunk)."""
    return Extractor(spec.model, batch_size=spec.batch_size, coref=spec.coref)  # model_version: custom nlp only


def extract_chunk(spec: ExtractorSpec, articles: list[Article]) -> list[list[Quote] | str]:
    """The quotes of each article (or its error message), in order: the task a worker process or Dask
    worker runs."""
    return [e.error if e.error is not None else e.quotes for e in cached_extractor(spec).extract_many(articles)]


def _prepare(article: Article):
    """Body region to parse (headline and page clutter left out) and the quote marks."""
    text = article.text
    body = body_spans(text)
    if body:
        base, end = body[0].start, body[-1].end
    else:
        base, end = 0, 0
    return article, mask_mark_runs(mask_dateline(plain_spaces(text[base:end]))), base, find_quote_marks(text), body
