"""Pair quotation marks: straight and curly, nested, paragraph-spanning, apostrophes ignored.

The pairing never looks past the end of a paragraph except for the news convention of a
quotation that goes on in the next paragraph (a new opening mark, no closing mark before
the break), so a stray mark can never swallow the rest of an article.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from quotes.lexicon import value
from quotes.model import QuoteMark, Span
from quotes.text.paragraphs import paragraphs

DOUBLE_OPEN = value("text.marks.double_open")
DOUBLE_CLOSE = value("text.marks.double_close")
SINGLE_OPEN = value("text.marks.single_open")
SINGLE_CLOSE = value("text.marks.single_close")
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + "'"
MARK_CHARS = frozenset(DOUBLE_MARKS + SINGLE_MARKS)  # every quotation-mark character
_OPENING_CONTEXT = " \t\n([{—–-/" + DOUBLE_OPEN + '"'


_MARK_RUN = re.compile("[" + re.escape("".join(sorted(MARK_CHARS))) + "]{4,}")


def mask_mark_runs(body: str) -> str:
    """Blank out runs of four or more quotation marks (no sentence has them; thousands of them in a row
    cost the parser seconds), keeping every offset."""
    return _MARK_RUN.sub(lambda m: " " * len(m.group()), body)


def find_quote_marks(text: str) -> list[QuoteMark]:
    """All quoted spans in ``text``, outermost and nested, sorted by position."""
    found: list[QuoteMark] = []
    paras = paragraphs(text)
    pending: QuoteMark | None = None  # a quote running into the next paragraph
    for index, para in enumerate(paras):
        doubles, open_at = _pair_doubles(text, para, continuing=pending is not None)
        if open_at is not None:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            if nxt is not None and _starts_with_double_open(text, nxt):
                end = _rstrip(text, open_at + 1, para.end)
                if end > open_at + 1:
                    doubles.append(
                        QuoteMark(Span(open_at + 1, end), continued=True, continues=pending is not None)
                    )
                pending = doubles[-1] if doubles else None
            else:
                pending = None
        else:
            pending = None
        nested, outer = _pair_singles(text, para, doubles)
        _nest_doubles_in_singles(doubles, nested, outer)
        found.extend(doubles)
        found.extend(outer)
        found.extend(single for inside in nested for single in inside)
    found.sort(key=lambda m: (m.span.start, -m.span.end))
    return found


def _starts_with_double_open(text: str, para: Span) -> bool:
    stripped = text[para.start : para.end].lstrip()
    return bool(stripped) and (stripped[0] in DOUBLE_OPEN or stripped[0] == '"')


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _pair_doubles(text: str, para: Span, continuing: bool) -> tuple[list[QuoteMark], int | None]:
    """Pair double marks in one paragraph; return the pairs and an unclosed opening."""
    pairs: list[QuoteMark] = []
    open_at: int | None = None
    opened_continuation = False
    for i in range(para.start, para.end):
        ch = text[i]
        if ch not in DOUBLE_MARKS:
            continue
        before = text[i - 1] if i > para.start else " "
        after = text[i + 1] if i + 1 < para.end else " "
        if open_at is None:
            if ch in DOUBLE_CLOSE and not (before.isspace() and not after.isspace()):
                continue  # a stray closing mark
            if ch == '"' and (after.isspace() or before.isdigit()):
                continue  # a stray mark or an inch sign
            open_at = i
            opened_continuation = continuing and not pairs and text[para.start : i].strip() == ""
            continue
        if ch in DOUBLE_OPEN and not (not before.isspace() and after.isspace()):
            open_at = i  # the earlier opening was stray: restart here
            continue
        if i > open_at + 1:
            pairs.append(QuoteMark(Span(open_at + 1, i), continues=opened_continuation))
        open_at = None
        opened_continuation = False
    return pairs, open_at


def _single_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe) for the single mark at ``i``."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return None  # don't, O'Brien, rock'n'roll
    if after.isdigit() and not before.isalnum():
        return None  # the '90s
    opens = (before in _OPENING_CONTEXT or before in SINGLE_OPEN) and not after.isspace()
    closes = not before.isspace() and (not after.isalnum())
    if ch in SINGLE_OPEN:
        return "open" if not after.isspace() else None
    if opens and closes:
        return "either"
    if opens:
        return "open"
    if closes:
        return "close"
    return None


def _pair_singles(
    text: str, para: Span, doubles: list[QuoteMark]
) -> tuple[list[list[QuoteMark]], list[QuoteMark]]:
    """Single-quoted spans nested inside each double pair (one list per pair), and the
    top-level ones of the paragraph (the double pairs and their marks skipped)."""
    nested = [_pair_singles_in(text, d.span.start, d.span.end, 1, []) for d in doubles]
    masked = sorted(
        (d.span.start - 1, para.end if d.continued else min(d.span.end + 1, para.end)) for d in doubles
    )
    return nested, _pair_singles_in(text, para.start, para.end, 0, masked)


def _pair_singles_in(text: str, lo: int, hi: int, level: int, masked: list[tuple[int, int]]) -> list[QuoteMark]:
    """Pair single marks in ``text[lo:hi]``, skipping the ``masked`` ranges (sorted by start)."""
    pairs: list[QuoteMark] = []
    open_at: int | None = None
    k = 0  # the first masked range that does not end before i: one pass, linear time
    i = lo
    while i < hi:
        while k < len(masked) and masked[k][1] <= i:
            k += 1
        if k < len(masked) and masked[k][0] <= i:
            i = masked[k][1]
            continue
        if text[i] in SINGLE_MARKS:
            role = _single_role(text, i, lo, hi)
            if open_at is None and role in ("open", "either"):
                open_at = i
            elif open_at is not None and role in ("close", "either") and i > open_at + 1:
                pairs.append(QuoteMark(Span(open_at + 1, i), level=level, double=False))
                open_at = None
        i += 1
    return pairs


def _nest_doubles_in_singles(
    doubles: list[QuoteMark], nested: list[list[QuoteMark]], outer: list[QuoteMark]
) -> None:
    """'He called it "a disgrace" twice': a double pair inside a top-level single pair is
    level 1 and the singles inside it level 2. Both lists are sorted and the outer singles
    do not overlap, so this is one pass."""
    starts = [d.span.start for d in doubles]
    for single in outer:
        for index in range(bisect_left(starts, single.span.start), len(doubles)):
            double = doubles[index]
            if double.span.start >= single.span.end:
                break
            if single.span.contains(double.span):
                double.level = 1
                for inside in nested[index]:
                    inside.level = 2
