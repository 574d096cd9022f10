"""Attributions: the quotes of one source + cue + content grouped (PARC, PolNeAR).

A split quote ("…," she said, "…") is one attribution with two fragments; so are the quotes that go on
in the same paragraph after the cue ("…," she said. "…") and the partial quotes of one paraphrase
(will "not be limited" … "in any way"): consecutive attributed quotes with the same cue and source
mention, in one paragraph. A quote that runs over paragraphs (re-opened marks) stays one attribution
across them. An indirect quote is its own content. Terms and titles belong to none.

Each group gets its ordinal (``Quote.attribution``) and one content span, from its first fragment's
content start to its last one's end (:mod:`quotes.attribution.content` gives each fragment's), ending
before the cue or source of the next attribution when it would run into them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.attribution.content import after_marks
from quotes.lexicon import words
from quotes.model import Quote, attribution_type

ATTRIBUTED_TYPES = frozenset(("direct", "partial", "indirect"))
_JOINING = re.compile(r"[\s,;:–—-]*(\b(" + "|".join(sorted(words("attribution.content.joining_words"))) +
                      r")\b)?[\s,;:–—-]*$", re.IGNORECASE)


@dataclass
class Attribution:
    """One attribution of an article: its fragments and the spans they share."""

    fragments: list[Quote]

    @property
    def first(self) -> Quote:
        return self.fragments[0]

    @property
    def type(self) -> str:
        """direct (only fully quoted fragments), indirect (no marks) or mixed."""
        return attribution_type({q.type for q in self.fragments})


def group_attributions(text: str, quotes: list[Quote], continued: set[int] | None = None) -> list[Attribution]:
    """Group ``quotes`` (in text order) into attributions, set each fragment's ``attribution`` ordinal and
    shared content span, and give the attributions in order. ``continued`` holds the indexes of quotes
    whose marks re-open a quote of the previous paragraph."""
    continued = continued or set()
    groups: list[Attribution] = []
    for n, quote in enumerate(quotes):
        quote.attribution = None
        if quote.type not in ATTRIBUTED_TYPES:
            continue
        last = groups[-1] if groups else None
        if last is not None and _goes_on(text, last, quote, n in continued):
            last.fragments.append(quote)
        else:
            groups.append(Attribution([quote]))
    spans = [(min(q.content_start if q.content_start is not None else q.start for q in g.fragments),
              max(q.content_end if q.content_end is not None else q.end for q in g.fragments)) for g in groups]
    for ordinal, (group, (start, end)) in enumerate(zip(groups, spans)):
        following = [other for other, (s, _e) in zip(groups, spans) if start < s < end]
        if following:
            end = _clipped(text, group, start, end, following[0].first)
        for quote in group.fragments:
            quote.attribution, quote.content_start, quote.content_end = ordinal, start, end
    return groups


def _clipped(text: str, group: Attribution, start: int, end: int, next_first: Quote) -> int:
    """``end`` moved back to before the cue or source of the attribution that follows inside the content
    ("… “long overdue” and said …"), never into the group's own fragments."""
    last = max(q.end for q in group.fragments)
    marks = [m for m in (next_first.cue_start, next_first.source_start, next_first.speaker_start)
             if m is not None and last <= m < end]
    if not marks:
        return end
    limit = min(marks)
    return max(start + len(_JOINING.sub("", text[start:limit])), after_marks(text, last))


def _goes_on(text: str, group: Attribution, quote: Quote, continued: bool) -> bool:
    """``quote`` is a further fragment of ``group``: quoted, with the same cue and source mention, in the
    same paragraph as the group's last fragment (or re-opening its quote in the next)."""
    last = group.fragments[-1]
    if "indirect" in (quote.type, last.type) or quote.cue_start is None:
        return False
    if (quote.cue_start, quote.speaker_start) != (last.cue_start, last.speaker_start):
        return False
    between = text[last.end : quote.start]
    return "\n" not in between or (continued and between.count("\n\n") <= 1)
