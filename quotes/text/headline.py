"""The headline of a plain-text article: its first line, when that line reads like one."""

from __future__ import annotations

import re

from quotes.lexicon import value

MAX_WORDS = int(value("text.headline.max_words"))
_ENDS_SENTENCE = re.compile(r"[.,;:!?…]['\"”’)\]]*\s*$|[\"”’]\s*$")


def guess_headline(text: str) -> str | None:
    """The first line as the headline: short, not a sentence (no final stop or closing mark) and set off
    from the text by a blank line; None when the text opens otherwise."""
    lines = text.lstrip("\n").split("\n")
    if len(lines) < 3 or lines[1].strip():
        return None
    first = " ".join(lines[0].split())
    words = first.split()
    if not 2 <= len(words) <= MAX_WORDS or _ENDS_SENTENCE.search(first) or not first[0].isupper():
        return None
    return first


def slug(text: str, most: int = 48) -> str:
    """``text`` as a readable id part: lower-case words joined by hyphens, at most ``most`` characters."""
    out = ""
    for word in re.findall(r"[a-z0-9]+", text.casefold()):
        if len(out) + len(word) + 1 > most:
            break
        out += ("-" if out else "") + word
    return out
