"""Paragraphs: the one definition every stage uses.

A paragraph is a non-empty line: it ends at any newline. Plain-text articles put one paragraph on each
line, ingested HTML and JSON get a blank line between paragraphs (empty lines are not paragraphs), so
the two layouts give the same paragraphs.
"""

from __future__ import annotations

import re

from quotes.model import Span

_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[Span]:
    """The non-empty lines of ``text`` as spans, in order."""
    return [Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts."""
    return text.rfind("\n", 0, pos) + 1


def paragraph_end(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` ends (its newline, or the end of the text)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
