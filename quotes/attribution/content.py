"""The whole attributed content (PolNeAR's Content span, PARC's convention, counted on PolNeAR train): a
quoted fragment with its quotation marks (all of them: two single quotes as one mark, nested marks) and,
when a cue earlier in its sentence introduces it, the clause from the word after the cue ("that"
included: "told reporters that …") to the sentence's final punctuation, which is left out unless a
closing mark follows it ("unbelievably dishonest.”": that punctuation is the quote's). A reported clause
without marks keeps the end its parse gives it (quotes.attribution.reported); its start, too, takes the
"that" after the cue."""

from __future__ import annotations

import re

from quotes.lexicon import value
from quotes.model import Quote
from quotes.text.marks import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN

OPEN = DOUBLE_OPEN + SINGLE_OPEN + "\"'"
CLOSE = DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
MAX_CUE_GAP = int(value("attribution.content.max_cue_gap"))
MAX_MARKS = 3  # marks opening or closing one fragment together: two single quotes and a nested mark
_SENTENCE_STOP = re.compile(r"[.!?]+(?=[\s" + re.escape(CLOSE) + r"]*(\s|$))|\n")
_ENDS_SENTENCE = re.compile(r"[.!?]+[" + re.escape(CLOSE) + r"]*$")
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)


def content_span(text: str, quote: Quote) -> tuple[int, int]:
    """The content span of ``quote`` (offsets into ``text``), from its fragment and its cue."""
    start, end = quote.start, quote.end
    while start > max(0, quote.start - MAX_MARKS) and text[start - 1] in OPEN:
        start -= 1
    end = after_marks(text, end)
    if quote.cue_end is None or quote.cue_end > start or quote.type not in ("direct", "partial", "indirect"):
        return start, end
    gap = text[quote.cue_end : start]
    if len(gap) > MAX_CUE_GAP or _SENTENCE_STOP.search(gap):
        return start, end  # the cue is in another sentence, or far away: the fragment alone
    that = list(_THAT.finditer(gap))
    start = quote.cue_end + (that[-1].start() if that else len(gap) - len(gap.lstrip(" ,:\xa0")))
    if quote.type != "indirect" and not _ENDS_SENTENCE.search(text[start:end]):
        stop = _SENTENCE_STOP.search(text, end)
        end = stop.start() if stop else len(text)
        if stop and stop.group() != "\n" and after_marks(text, stop.end()) > stop.end():
            end = after_marks(text, stop.end())  # 'dishonest.”': the closing mark keeps its punctuation
    return start, end


def after_marks(text: str, end: int) -> int:
    """``end`` moved over the closing marks right after it (at most :data:`MAX_MARKS`)."""
    limit = min(len(text), end + MAX_MARKS)
    while end < limit and text[end] in CLOSE:
        end += 1
    return end
