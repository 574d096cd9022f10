"""The whole attributed content (PolNeAR's Content span, PARC's convention, counted on PolNeAR train): a
quoted fragment with its quotation marks (all of them: two single quotes as one mark, nested marks) and,
when a cue earlier in its sentence introduces it, the clause from the word after the cue and its
source ("that", "whether" and "if" included: "told reporters that …") to the sentence's final
punctuation, which is left out unless a closing mark follows it ("unbelievably dishonest.”": that
punctuation is the quote's); when its cue follows it, the sentence up to that cue's source ('Kolby “caused
havoc,” he said'). A reported clause without marks keeps the span its parse gives it
(quotes.attribution.reported), its start taking the complementiser after the cue. A preposition between
cue and content is the cue's ("called for", "spoke about")."""

from __future__ import annotations

import re

from quotes.lexicon import value, words
from quotes.model import Quote
from quotes.text.marks import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN

OPEN = DOUBLE_OPEN + SINGLE_OPEN + "\"'"
CLOSE = DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
MAX_CUE_GAP = int(value("attribution.content.max_cue_gap"))
MAX_MARKS = 3  # marks opening or closing one fragment together: two single quotes and a nested mark
_SENTENCE_STOP = re.compile(r"[.!?]+(?=[\s" + re.escape(CLOSE) + r"]*(\s|$))|\n")
_ENDS_SENTENCE = re.compile(r"[.!?]+[" + re.escape(CLOSE) + r"]*$")
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)  # the complementiser is content (train: 2,370 of 2,400 "that")
_WHETHER = re.compile(r"\b(whether|if)[\s\xa0]*$", re.IGNORECASE)  # ... and so are these, right before it
_CUE_PREPOSITION = re.compile(r"[ \xa0]+(" + "|".join(words("attribution.content.cue_prepositions")) + r")[ \xa0]+",
                              re.IGNORECASE)


def cues_over_prepositions(text: str, quotes: list[Quote]) -> None:
    """Grow a cue over the one preposition between it and its content ("called for| more money", "spoke
    about| “a broken system”"): the preposition is the cue's, not the content's; every quote of that cue
    gets the grown cue ('called for “a review” and “new funding”')."""
    grown: dict[tuple[int, int], int] = {}
    for quote in quotes:
        if quote.cue_end is None or quote.cue_start is None or not (quote.type == "indirect" or (
                quote.type == "partial" and quote.text[:1].islower())):
            continue  # a capitalised quote after the preposition names something: 'said on “Meet the Press”'
        start = before_marks(text, quote.start)
        found = _CUE_PREPOSITION.fullmatch(text, quote.cue_end, start) if quote.cue_end < start else None
        if found is not None:
            grown[(quote.cue_start, quote.cue_end)] = found.end(1)
    for quote in quotes:
        end = grown.get((quote.cue_start, quote.cue_end)) if quote.cue_start is not None else None
        if end is not None:
            quote.cue_end, quote.cue = end, text[quote.cue_start : end]


def content_span(text: str, quote: Quote, sentence_start: int | None = None) -> tuple[int, int]:
    """The content span of ``quote`` (offsets into ``text``), from its fragment and its cue; a partial quote
    whose cue follows it in its sentence (starting at ``sentence_start``) has the clause before the cue."""
    start, end = before_marks(text, quote.start), after_marks(text, quote.end)
    if quote.type == "partial" and sentence_start is not None and quote.cue_start is not None and \
            quote.cue_start >= end:
        return _clause_before_cue(text, quote, sentence_start, start, end)
    if quote.cue_end is None or quote.cue_end > start or quote.type not in ("direct", "partial", "indirect"):
        return start, end
    base = quote.cue_end
    if quote.source_start is not None and quote.source_end is not None and base <= quote.source_start and \
            quote.source_end <= start:
        base = quote.source_end  # the source between cue and content: 'According to the poll, …'
    gap = text[base:start]
    if not _near(gap):
        return start, end  # the cue is in another sentence, or far away: the fragment alone
    that = list(_THAT.finditer(gap))
    whether = _WHETHER.search(gap)
    if whether:
        start = base + whether.start()
    elif that:
        start = base + that[-1].start()
    elif quote.type != "indirect":  # a reported clause starts where its parse does: 'said on Friday| he met'
        start = base + len(gap) - len(gap.lstrip(" ,:\xa0"))
    if quote.type != "indirect" and not _ENDS_SENTENCE.search(text[start:end]):
        stop = _SENTENCE_STOP.search(text, end)
        end = stop.start() if stop else len(text)
        if stop and stop.group() != "\n" and after_marks(text, stop.end()) > stop.end():
            end = after_marks(text, stop.end())  # 'dishonest.”': the closing mark keeps its punctuation
    return start, end


def _clause_before_cue(text: str, quote: Quote, sentence_start: int, start: int, end: int) -> tuple[int, int]:
    """'Clinton “caused tremendous havoc,” he said': from the sentence's start to before the source or cue
    that follows the fragment, when nothing ends the sentence between them."""
    after = min(m for m in (quote.cue_start, quote.source_start, quote.speaker_start) if m is not None and m >= end)
    gap = text[end:after]
    if sentence_start > start or not _near(gap):
        return start, end
    body = text[sentence_start:after].rstrip(" ,\xa0—–-")
    return sentence_start, max(end, sentence_start + len(body))


def _near(gap: str) -> bool:
    """The text between a cue and its fragment is short and ends no sentence."""
    return len(gap) <= MAX_CUE_GAP and not _SENTENCE_STOP.search(gap)


def before_marks(text: str, start: int) -> int:
    """``start`` moved back over the opening marks right before it (at most :data:`MAX_MARKS`)."""
    limit = max(0, start - MAX_MARKS)
    while start > limit and text[start - 1] in OPEN:
        start -= 1
    return start


def after_marks(text: str, end: int) -> int:
    """``end`` moved over the closing marks right after it (at most :data:`MAX_MARKS`)."""
    limit = min(len(text), end + MAX_MARKS)
    while end < limit and text[end] in CLOSE:
        end += 1
    return end
