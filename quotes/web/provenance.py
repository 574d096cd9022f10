"""An article's text as HTML paragraphs with quotes, cues and speaker mentions marked by offsets.

Every marked word is cut from the stored article text by its offsets, never taken from the
quotes table, so what a reviewer sees highlighted is exactly what the offsets point at.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from quotes.text.paragraphs import paragraphs


@dataclass(frozen=True)
class Mark:
    """A span of the article to mark: ``kind`` becomes the CSS class (quote, cue, speaker, other-quote)."""

    start: int
    end: int
    kind: str
    href: str | None = None  # a link for the marked words (another quote of the article)
    anchor: str | None = None  # an element id at the start of the span


@dataclass
class Paragraph:
    start: int
    end: int
    html: Markup
    focus: bool = False  # holds (part of) the focused span


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph (:mod:`quotes.text.paragraphs`: a non-empty line, the unit the
    extractor reads), surrounding whitespace excluded; lines of only whitespace are not paragraphs."""
    spans = []
    for para in paragraphs(text):
        chunk = para.text(text)
        if chunk.strip():
            left = len(chunk) - len(chunk.lstrip())
            spans.append((para.start + left, para.start + len(chunk.rstrip())))
    return spans


def marked_html(text: str, start: int, end: int, marks: list[Mark]) -> Markup:
    """``text[start:end]`` escaped, with each mark's words wrapped in ``<mark class=KIND>``.

    Overlapping marks are cut at every boundary, so each piece carries the classes of all marks
    that cover it and the pieces always nest correctly.
    """
    marks = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = sorted({start, end, *(max(start, min(end, p)) for m in marks for p in (m.start, m.end))})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        covering = [m for m in marks if m.start <= a and b <= m.end]
        if not covering:
            out.append(piece)
            continue
        anchors = [m.anchor for m in covering if m.anchor and m.start == a]
        href = next((m.href for m in covering if m.href), None)
        if href:
            piece = Markup('<a href="{}">{}</a>').format(href, piece)
        kinds = " ".join(sorted({m.kind for m in covering}))
        anchor = Markup(' id="{}"').format(anchors[0]) if anchors else ""
        out.append(Markup('<mark class="{}"{}>{}</mark>').format(kinds, anchor, piece))
    return Markup("").join(out)


def marked_paragraphs(text: str, marks: list[Mark], focus: tuple[int, int] | None = None,
                      only_focus: bool = False) -> list[Paragraph]:
    """The article's paragraphs with ``marks``; ``focus`` flags the paragraphs it overlaps.

    With ``only_focus`` only those paragraphs are returned (the context of a quote).
    """
    paragraphs = []
    for start, end in paragraph_spans(text):
        in_focus = focus is not None and start < max(focus[1], focus[0] + 1) and focus[0] < end
        if only_focus and not in_focus:
            continue
        paragraphs.append(Paragraph(start, end, marked_html(text, start, end, marks), in_focus))
    return paragraphs


def quote_marks(quote: dict, others: list[dict] = (), link=None) -> tuple[list[Mark], tuple[int, int]]:
    """Marks for a quote row (start, end, cue_start, speaker_start...) and the span around all three.

    ``others`` are the article's other quote rows, marked ``other-quote`` and linked with ``link(row)``.
    """
    marks = [Mark(quote["start"], quote["end"], "quote", anchor="quote")]
    spans = [(quote["start"], quote["end"])]
    for kind in ("cue", "speaker"):
        start, end = quote.get(f"{kind}_start"), quote.get(f"{kind}_end")
        if start is not None and end is not None:
            marks.append(Mark(start, end, kind))
            spans.append((start, end))
    for other in others:
        if other["id"] != quote["id"]:
            marks.append(Mark(other["start"], other["end"], "other-quote", href=link(other) if link else None))
    return marks, (min(s for s, _ in spans), max(e for _, e in spans))
