"""Plain data types shared by every stage of the pipeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

QUOTE_TYPES = ("direct", "partial", "indirect", "term", "title")
SPEAKER_KINDS = ("person", "organisation", "unnamed")


@dataclass
class Article:
    """An article as stored: ``text`` is the exact string every offset refers to."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    wire: str | None = None
    source: str | None = None  # where it was read from (file path, "stdin", ...)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class QuoteMark:
    """A pair of quotation marks: ``span`` is the content between them, marks excluded."""

    span: Span
    level: int = 0  # 0 outermost, 1 nested inside another quote
    double: bool = True
    continued: bool = False  # paragraph-spanning quote that goes on in the next paragraph
    continues: bool = False  # this piece continues a quote opened in an earlier paragraph


@dataclass
class Speaker:
    """A canonical speaker within one article."""

    name: str
    kind: str = "person"  # one of SPEAKER_KINDS
    title: str | None = None
    resolved: bool = True


@dataclass
class Quote:
    """One attributed (or unattributed) piece of content: content, cue and source."""

    text: str
    start: int
    end: int
    type: str
    speaker: Speaker | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    # the source as annotators mark it (the whole noun phrase, appositions included); else the mention's
    source_start: int | None = None
    source_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    via: str | None = None
    confidence: float = 0.0
    method: str = "none"  # syntax, pattern, continuation, coref, description, fallback
    sentence: str | None = None
    # the whole attributed content (PolNeAR's Content span): for a direct quote its marks included
    content_start: int | None = None
    content_end: int | None = None
    # which attribution of its article the quote is a fragment of (quotes.attribution.attributions), in order
    attribution: int | None = None
    # how the speaker was found (quotes.attribution.evidence), read by the confidence model; not output
    evidence: dict[str, float | str] | None = field(default=None, repr=False, compare=False)

    @property
    def speaker_name(self) -> str | None:
        return self.speaker.name if self.speaker else None

    def as_output(self, article_id: str | None = None) -> dict:
        """The stable machine-readable shape of ``quotes extract --format jsonl``; ``attribution_id``
        (shared by the fragments of one attribution) needs the article's id."""
        content_start = self.start if self.content_start is None else self.content_start
        content_end = self.end if self.content_end is None else self.content_end
        return {
            "quote": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "speaker": self.speaker_name,
            "speaker_mention": self.speaker_mention,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "source_start": self.speaker_start if self.source_start is None else self.source_start,
            "source_end": self.speaker_end if self.source_end is None else self.source_end,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "via": self.via,
            "attribution_id": None if self.attribution is None or article_id is None else attribution_id(
                article_id, content_start, content_end, self.cue_start),
            "content_start": content_start,
            "content_end": content_end,
            "confidence": round(self.confidence, 3),
        }


def quote_id(article_id: str, start: int, end: int, text: str) -> str:
    """A stable id: the same article, offsets and text always give the same id."""
    digest = hashlib.sha1(f"{article_id}\x1f{start}\x1f{end}\x1f{text}".encode()).hexdigest()
    return digest[:16]


def attribution_type(quote_types: set[str]) -> str:
    """An attribution's type from its fragments' quote types: direct (only fully quoted fragments),
    indirect (no quotation marks) or mixed (partial quotes in a paraphrase)."""
    if quote_types == {"direct"}:
        return "direct"
    return "indirect" if quote_types == {"indirect"} else "mixed"


def attribution_id(article_id: str, content_start: int, content_end: int, cue_start: int | None) -> str:
    """A stable id for an attribution: its article, content span and cue."""
    digest = hashlib.sha1(f"{article_id}\x1fattribution\x1f{content_start}\x1f{content_end}\x1f{cue_start}"
                          .encode()).hexdigest()
    return digest[:16]
