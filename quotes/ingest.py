"""Read articles from plain text, HTML, JSON Lines, folders and stdin.

Every problem with one input becomes an :class:`InputError` (a one-line message naming the
input) in the stream; the other inputs are still read. What is refused, and why:

- empty or binary input; text that is not UTF-8 (UTF-16 and UTF-32 with a byte-order mark are
  decoded). No encoding is guessed: a wrong guess would store altered text under exact offsets.
- an article over :data:`MAX_ARTICLE_CHARS` characters (spaCy's limit), an HTML page over
  :data:`MAX_HTML_BYTES` or nested deeper than :data:`MAX_HTML_DEPTH` elements (the HTML parser
  drops what lies deeper).
- a JSON line that is not an object with a "text", or holds characters that cannot be stored
  (unpaired surrogates such as ``"\\ud800"``).
- a second article with the id of one already read in the same run but a different text (the
  first one is kept); an exact repeat (same id, same text) is dropped without a word.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quotes.model import Article
from quotes.text.body import find_wire, is_prose
from quotes.text.headline import guess_headline, slug

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_ARTICLE_CHARS = 1_000_000  # spaCy's default nlp.max_length: the parser refuses longer texts
MAX_HTML_BYTES = 10_000_000  # HTML extraction time grows faster than the page: 20 MB take a minute
MAX_FILE_BYTES = 256_000_000  # one input file (a JSON Lines feed may hold many articles), checked before reading
MAX_PARAGRAPH_CHARS = 50_000  # one line of text; news paragraphs are far shorter (a 1M-character line: 97 s)
MAX_FIELD_CHARS = 2_000  # a title, url, publisher, date or id: more is not a headline but a mistake
MAX_HTML_DEPTH = 250  # libxml2 stops building the tree at 255 levels and drops what lies deeper
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: same first bytes
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)


@dataclass
class InputError:
    """An input that could not be read; ``message`` is one line for the user."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def read_inputs(paths: Iterable[str], stdin=None) -> Iterator[Article | InputError]:
    """Articles (or errors) from every path; ``-`` reads standard input.

    A changed article under an id already read is an error; an exact repeat is dropped.
    """
    seen: dict[str, tuple[str, str]] = {}  # id -> (content hash, where it was read)
    for item in _read_paths(paths, stdin):
        if isinstance(item, InputError):
            yield item
            continue
        where = item.source or item.id
        first = seen.get(item.id)
        if first is None:
            seen[item.id] = (item.content_hash, where)
            yield item
        elif first[0] != item.content_hash:
            yield InputError(where, f"duplicate id {item.id!r} with a different text (the article read "
                                    f"from {first[1]} is kept); give each article its own id")


def _read_paths(paths: Iterable[str], stdin=None) -> Iterator[Article | InputError]:
    for raw in paths:
        if raw == "-":
            yield from read_bytes((stdin or sys.stdin.buffer).read(), "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ALL_SUFFIXES)
            if not files:
                yield InputError(shown(raw), "folder holds no .txt, .html or .jsonl files")
            root = path.resolve()
            for file in files:
                if not file.resolve().is_relative_to(root):  # a link out of the folder: never read unasked
                    yield InputError(shown(file), "skipped: a link to a file outside the folder (name it on the "
                                                  "command line to read it)")
                    continue
                yield from read_file(file)
        elif path.is_file():
            yield from read_file(path)
        elif path.exists():
            yield InputError(shown(raw), "not a regular file")
        else:
            yield InputError(shown(raw), "no such file or folder")


def read_file(path: Path) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix and suffix not in ALL_SUFFIXES:  # a README.md or a .pdf is no article to store by accident
        yield InputError(shown(path), f"not an article file ({suffix}): quotes reads .txt, .html and .jsonl "
                                      "files (save the article text as .txt)")
        return
    try:
        size = path.stat().st_size
        limit = _size_limit(path.suffix.lower())
        if size > limit:  # refused before it is read, so a huge file costs nothing
            yield InputError(shown(path), _too_big(path.suffix.lower(), size, limit))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(shown(path), f"cannot read file ({exc.strerror or exc})")
        return
    yield from read_bytes(data, shown(path), suffix=path.suffix.lower(), stem=shown(path.stem))


def _size_limit(suffix: str) -> int:
    """The most bytes a file of this kind may have: an HTML page, one text article (4 bytes a character at
    most in UTF-8, and a BOM), or a JSON Lines feed."""
    if suffix in HTML_SUFFIXES:
        return MAX_HTML_BYTES
    if suffix in TEXT_SUFFIXES:
        return 4 * MAX_ARTICLE_CHARS + 4
    return MAX_FILE_BYTES


def _too_big(suffix: str, size: int, limit: int) -> str:
    if suffix in TEXT_SUFFIXES:
        return (f"file of {size:,} bytes, over the limit of {MAX_ARTICLE_CHARS:,} characters of one article; "
                "split it into several articles (one per JSON line)")
    return f"file of {size:,} bytes, over the limit of {limit:,} bytes for this kind of input; split it"


def shown(path: str | Path) -> str:
    """A file name as one line of text that can be printed and stored: bytes that are not UTF-8
    (kept by the OS as surrogate escapes) become U+FFFD, control characters escapes ('\\n')."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text if text.isprintable() else "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def read_bytes(data: bytes, source: str, suffix: str = "", stem: str | None = None) -> Iterator[Article | InputError]:
    """Decode one input and dispatch on its format (by suffix, else by content)."""
    if not data.strip():
        yield InputError(source, "empty input")
        return
    try:
        text = decode(data)
    except ValueError as exc:
        yield InputError(source, str(exc))
        return
    if not text.strip():
        yield InputError(source, "empty input")
        return
    default_id = stem or f"stdin-{hashlib.sha1(data).hexdigest()[:10]}"
    if suffix in JSONL_SUFFIXES or (not suffix and text.lstrip().startswith("{")):
        yield from parse_jsonl(text, source)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _HTML_START.match(text)):
        yield from parse_html(text, source, default_id)
    else:
        text = normalise_newlines(text)
        title = guess_headline(text)
        if stem is None and title:  # stdin: an id a person can read ("stdin-harbour-fees-rise-3f2a1b")
            default_id = f"stdin-{slug(title)}-{hashlib.sha1(data).hexdigest()[:6]}"
        yield make_article(default_id, text, source=source, title=title)


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped; UTF-16/32 need one); ValueError, one line, if not."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            return data.decode(encoding)  # these codecs drop the byte-order mark
        except UnicodeDecodeError:
            raise ValueError(f"not valid {encoding.upper()} despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text, HTML or JSON Lines")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}, at byte {exc.start}: a legacy or "
            "mixed encoding?); re-save it as UTF-8"
        ) from None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_article(article_id: str, text: str, source: str, **meta) -> Article | InputError:
    """An article, or an error for a text over :data:`MAX_ARTICLE_CHARS` (checked before any work)."""
    if len(text) > MAX_ARTICLE_CHARS:
        return InputError(source, f"article text is {len(text):,} characters, over the limit of "
                                  f"{MAX_ARTICLE_CHARS:,}; split it into several articles (one per JSON line)")
    longest = max(map(len, text.split("\n")))
    if longest > MAX_PARAGRAPH_CHARS:  # the parser's time grows faster than a paragraph: refused, not parsed
        return InputError(source, f"a paragraph of {longest:,} characters, over the limit of {MAX_PARAGRAPH_CHARS:,}: "
                                  "not article text as it stands; break it into paragraphs (one per line)")
    article = Article(id=str(article_id), text=text, source=source, **meta)
    article.wire = find_wire(text)
    return article


def parse_json_line(line: str):
    """One JSON value; ValueError with a one-line reason for anything that is not valid, sane JSON: bad
    syntax, nesting too deep for the parser, or a number too long to read (over 4,300 digits)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("invalid JSON (nested too deeply)") from None
    except ValueError:  # the only other ValueError json raises: an integer of more digits than Python reads
        raise ValueError("invalid JSON (a number too long to read)") from None


def json_lines(text: str) -> list[str]:
    """The lines of a JSON Lines text: split on "\n" only (with a trailing "\r" removed)."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def parse_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    fields = ("title", "url", "publisher", "published")
    # JSON allows U+2028, U+0085... raw inside strings: only a newline ends a line
    for number, line in enumerate(json_lines(text), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = parse_json_line(line)
        except ValueError as exc:
            yield InputError(where, str(exc))
            continue
        if not isinstance(record, dict):
            yield InputError(where, "expected a JSON object per line")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, 'no "text" field with article text')
            continue
        given_id = record.get("id")
        if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, str | int)):
            yield InputError(where, f'"id" must be a string or a number, not {type(given_id).__name__}')
            continue
        meta = {k: record.get(k) for k in fields if isinstance(record.get(k), str)}
        if "published" not in meta and isinstance(record.get("publication_date"), str):
            meta["published"] = record["publication_date"]
        too_long = [k for k, v in (("id", str(given_id or "")), *meta.items()) if len(v) > MAX_FIELD_CHARS]
        if too_long:
            yield InputError(where, f'"{too_long[0]}" is over {MAX_FIELD_CHARS:,} characters')
            continue
        bad = _unstorable(body, str(given_id or ""), *meta.values())
        if bad is not None:
            yield InputError(where, f"holds an invalid character ({bad}: an unpaired surrogate escape)")
            continue
        article_id = given_id if given_id not in (None, "") else f"{Path(source).stem}-{number}"
        yield make_article(str(article_id), body, source=where, **meta)


def _unstorable(*texts: str) -> str | None:
    """The first character that cannot be encoded as UTF-8 (a lone surrogate), escaped; else None."""
    for text in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return ascii(text[exc.start])[1:-1]
    return None


def html_depth(html: str) -> int:
    """How deeply the elements of ``html`` nest, as the HTML parser builds the tree."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return 0  # nothing to parse: trafilatura reports it
    depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_html(html: str, source: str, article_id: str) -> Iterator[Article | InputError]:
    """Main text of an HTML page via trafilatura, comments and boilerplate excluded."""
    import trafilatura

    size = len(html.encode("utf-8"))
    if size > MAX_HTML_BYTES:
        yield InputError(source, f"HTML page of {size:,} bytes, over the limit of {MAX_HTML_BYTES:,}; "
                                 "save its article text as a .txt file")
        return
    if html_depth(html) >= MAX_HTML_DEPTH:
        yield InputError(source, f"HTML elements nested {MAX_HTML_DEPTH} or more levels deep; the HTML parser "
                                 "cannot read such a page whole, save its article text as a .txt file")
        return
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
