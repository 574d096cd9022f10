"""Read articles from plain text, HTML, JSON Lines, folders and stdin.

Every problem with one input becomes an :class:`InputError` (a one-line message naming the
input) in the stream; the other inputs are still read.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .clutter import find_wire, is_prose
from .records import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)


@dataclass
class InputError:
    """An input that could not be read; ``message`` is one line for the user."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def read_inputs(paths: Iterable[str], stdin=None) -> Iterator[Article | InputError]:
    """Articles (or errors) from every path; ``-`` reads standard input."""
    for raw in paths:
        if raw == "-":
            yield from read_bytes((stdin or sys.stdin.buffer).read(), "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ALL_SUFFIXES)
            if not files:
                yield InputError(raw, "folder holds no .txt, .html or .jsonl files")
            for file in files:
                yield from read_file(file)
        elif path.is_file():
            yield from read_file(path)
        elif path.exists():
            yield InputError(raw, "not a regular file")
        else:
            yield InputError(raw, "no such file or folder")


def read_file(path: Path) -> Iterator[Article | InputError]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot read file ({exc.strerror or exc})")
        return
    yield from read_bytes(data, str(path), suffix=path.suffix.lower(), stem=path.stem)


def read_bytes(data: bytes, source: str, suffix: str = "", stem: str | None = None) -> Iterator[Article | InputError]:
    """Decode one input and dispatch on its format (by suffix, else by content)."""
    if not data.strip():
        yield InputError(source, "empty input")
        return
    if b"\x00" in data[:8192]:
        yield InputError(source, "binary file, not text, HTML or JSON Lines")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield InputError(source, f"not valid UTF-8 (undecodable byte at position {exc.start}); re-save it as UTF-8")
        return
    default_id = stem or f"stdin-{hashlib.sha1(data).hexdigest()[:10]}"
    if suffix in JSONL_SUFFIXES or (not suffix and text.lstrip().startswith("{")):
        yield from parse_jsonl(text, source)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _HTML_START.match(text)):
        yield from parse_html(text, source, default_id)
    else:
        yield make_article(default_id, normalise_newlines(text), source=source)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_article(article_id: str, text: str, source: str, **meta) -> Article:
    article = Article(id=str(article_id), text=text, source=source, **meta)
    article.wire = find_wire(text)
    return article


def parse_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    fields = ("title", "url", "publisher", "published")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "expected a JSON object per line")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, 'no "text" field with article text')
            continue
        meta = {k: record.get(k) for k in fields if isinstance(record.get(k), str)}
        if "published" not in meta and isinstance(record.get("publication_date"), str):
            meta["published"] = record["publication_date"]
        article_id = record.get("id") or f"{Path(source).stem}-{number}"
        yield make_article(str(article_id), body, source=where, **meta)


def parse_html(html: str, source: str, article_id: str) -> Iterator[Article | InputError]:
    """Main text of an HTML page via trafilatura, comments and boilerplate excluded."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        yield InputError(source, f"could not parse HTML ({type(exc).__name__})")
        return
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
        yield InputError(source, "no article text found in the HTML page")
        return
    body = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    if not any(is_prose(line) for line in body.split("\n\n")):
        yield InputError(source, "no article text found in the HTML page (only navigation or short lines)")
        return
    title = getattr(result, "title", None)
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    yield make_article(
        article_id,
        text,
        source=source,
        title=title,
        url=getattr(result, "url", None),
        publisher=getattr(result, "sitename", None),
        published=getattr(result, "date", None),
    )
