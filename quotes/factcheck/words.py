"""Word-level alignment for fact checks: tokens (words and punctuation with offsets), the slice of a quote
closest to a claim (fewest word edits) and the word diff between them, rendered for a terminal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from quotes.lexicon import value

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
TYPOGRAPHY = str.maketrans(value("factcheck.typography_from"), value("factcheck.typography_to"))


@dataclass
class DiffPart:
    """One piece of the word-level diff: ``op`` is equal, replace, delete (only in the claim), insert
    (only in the attested quote) or context (the reporter's words next to a quoted fragment)."""

    op: str
    claimed: str
    attested: str


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokens(text: str) -> list[Token]:
    """Words and punctuation marks with their offsets (typographic quotes read as plain ones)."""
    plain = text.translate(TYPOGRAPHY)
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(plain)]


def best_window(claim: list[str], quote: list[str]) -> tuple[int, int, int]:
    """The slice ``quote[first:last]`` with the fewest word edits to ``claim`` (the claim may be
    part of the quote): ``(first, last, edits)``."""
    n, m = len(claim), len(quote)
    for k in range(m - n + 1):  # the claim word for word: no edit, and the first such run wins, as below
        if quote[k] == claim[0] and quote[k : k + n] == claim:
            return k, k + n, 0
    # each cell holds edits * shift + the window's first word: the smaller number is the fewer edits and,
    # among as few, the window that starts earlier (the longer one)
    shift = m + 1
    prev = list(range(m + 1))  # row 0: no claim word yet, a window may start anywhere
    for word in claim:
        row = [prev[0] + shift]
        left = row[0]
        for quoted, diagonal, above in zip(quote, prev, prev[1:]):  # the cheapest of substitute, delete, insert
            best = diagonal if quoted == word else diagonal + shift
            above += shift
            if above < best:
                best = above
            left += shift
            if left < best:
                best = left
            row.append(best)
            left = best
        prev = row
    last = min(  # ties: the longer window, so a word changed at the claim's end shows what was said
        range(m + 1), key=lambda j: (prev[j] // shift, -(j - prev[j] % shift) if j else 1))
    first = prev[last] % shift if last else 0
    if last <= first:  # nothing lines up: the whole claim is edits
        return 0, 1, n + 1
    return first, last, prev[last] // shift


def word_diff(claimed: str, attested: str) -> list[DiffPart]:
    """Word by word (punctuation marks count as words): what the claim has that the quote has not."""
    a, b = tokens(claimed), tokens(attested)
    return [DiffPart(op.tag, _join(a[op.src_start : op.src_end]), _join(b[op.dest_start : op.dest_end]))
            for op in Levenshtein.opcodes([t.text for t in a], [t.text for t in b])]


def _join(toks: list[Token]) -> str:
    out = ""
    for t in toks:
        out += ("" if not out or not t.word else " ") + t.text
    return out


def render_diff(parts: list[DiffPart]) -> str:
    """``[-claimed-]{+attested+}`` marks around every changed word, ``<...>`` around the reporter's words
    next to a quoted fragment, equal words as they are."""
    out = []
    for p in parts:
        if p.op == "equal":
            out.append(p.attested)
        elif p.op == "context":
            out.append(f"<{p.attested}>")
        else:
            out.append((f"[-{p.claimed}-]" if p.claimed else "") + (f"{{+{p.attested}+}}" if p.attested else ""))
    return " ".join(out)
