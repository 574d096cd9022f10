"""Tell article prose from scraped-page clutter, and find the wire-service credit."""

from __future__ import annotations

import re
from collections import Counter

from quotes.lexicon import entry, sequence
from quotes.model import Span
from quotes.text.marks import DOUBLE_OPEN, SINGLE_OPEN
from quotes.text.paragraphs import paragraphs

OPENING_MARKS = DOUBLE_OPEN + SINGLE_OPEN + "\"'"  # a paragraph may open with any of them

WIRES: dict[str, str] = dict(entry("text.clutter.wires"))


def _any(key: str) -> str:
    """The lexicon's patterns at ``key`` as one alternation."""
    return "|".join(sequence(key))


_CLUTTER = re.compile(
    rf"""^\s*(
        ({_any("text.clutter.line_openers")})\b.*
      | .*\b({_any("text.clutter.login_words")})\s+to\s+({_any("text.clutter.comment_targets")})\b.*
      | ({_any("text.clutter.labels")})\b.*
      | ©.* | \(c\)\s.* | copyright\b.* | .*\ball\s+rights\s+reserved\b.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines after which nothing is article text any more.
_END_MARKERS = re.compile(rf"^\s*({_any('text.clutter.end_markers')})", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”’]\s*$")
_DATELINE_WIRE = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,60}\((?P<wire>[A-Za-z .-]{2,30})\)\s*[—–-]")
_CREDIT = re.compile(r"^\s*(?:©|\(c\))\s*(?P<wire>[A-Za-z][A-Za-z .&-]{1,40}?)\s*$", re.IGNORECASE)


def is_clutter(line: str) -> bool:
    """True for navigation, sign-up, comment and copyright lines of a scraped page."""
    return bool(_CLUTTER.match(line))


def is_prose(line: str) -> bool:
    """A paragraph that reads like article text: several words ending a sentence."""
    words = line.split()
    if is_clutter(line) or len(words) < 5:
        return False
    opens_quote = line.lstrip()[:1] in OPENING_MARKS
    return bool(_SENTENCE_END.search(line)) or (opens_quote and len(words) >= 8)


def body_spans(text: str) -> list[Span]:
    """Paragraphs that belong to the article body, in order.

    The body runs from the first prose paragraph to the first end marker (a copyright or
    wire credit, "Related:", "Login to comment"...) after it; clutter lines inside it are
    left out, and short lines before the first prose paragraph (headline, section labels)
    are not body.
    """
    paras = paragraphs(text)
    lines = [text[p.start : p.end] for p in paras]
    first = next((i for i, line in enumerate(lines) if is_prose(line)), None)
    if first is None:
        return [p for p, line in zip(paras, lines) if not is_clutter(line) and len(line.split()) >= 4]
    body: list[Span] = []
    for para, line in zip(paras[first:], lines[first:]):
        if _END_MARKERS.match(line) or wire_of_line(line):
            break
        if not is_clutter(line):
            body.append(para)
    return _without_pull_quotes(text, body)


def _without_pull_quotes(text: str, body: list[Span]) -> list[Span]:
    """The body without pull quotes: a paragraph that only repeats words another, longer paragraph has
    (found in the body's words joined once, not by comparing every pair of paragraphs)."""
    keys = [_words(text[p.start : p.end]) for p in body]
    joined, same = "\n".join(keys), Counter(keys)
    return [p for p, key in zip(body, keys) if len(key) < 20 or joined.count(key) == same[key]]


def _words(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.casefold()))


def wire_of_line(line: str) -> str | None:
    """The wire service named by a credit line such as "© KYODO", "(AP)" or "Reuters"."""
    stripped = line.strip()
    key = stripped.strip("()").strip().lower()
    if key in WIRES:
        return WIRES[key]
    match = _CREDIT.match(stripped)
    if match and match.group("wire").strip().lower() in WIRES:
        return WIRES[match.group("wire").strip().lower()]
    return None


def find_wire(text: str) -> str | None:
    """The wire service credited in the article, from a credit line or a dateline."""
    for para in paragraphs(text):
        line = text[para.start : para.end]
        wire = wire_of_line(line)
        if wire:
            return wire
        match = _DATELINE_WIRE.match(line.strip())
        if match and match.group("wire").strip().lower() in WIRES:
            return WIRES[match.group("wire").strip().lower()]
    return None
