"""Properties of quote-mark pairing that hold for any string (hypothesis).

Whatever the text: no exception, every span non-empty and inside the text, no two marks of the
same level overlap, marks either nest or are disjoint, every nested mark sits inside a mark one
level up, and the list is sorted by position.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.text.marks import find_quote_marks

# Quotation marks of every kind, apostrophe contexts, digits, brackets, dashes and paragraph breaks.
NEWSY = list("ab Z9.,;:-—(\n\n\t\"'“”‘’„‚«»")
TEXTS = st.one_of(st.text(), st.text(alphabet=st.sampled_from(NEWSY), max_size=300))
SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(TEXTS)
def test_spans_are_non_empty_and_inside_the_text(text):
    for mark in find_quote_marks(text):
        assert 0 <= mark.span.start < mark.span.end <= len(text)


@SETTINGS
@given(TEXTS)
def test_marks_of_the_same_level_never_overlap(text):
    marks = find_quote_marks(text)
    for level in {m.level for m in marks}:
        spans = sorted((m.span for m in marks if m.level == level), key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:])), (level, spans)


@SETTINGS
@given(TEXTS)
def test_overlapping_marks_are_nested(text):
    marks = find_quote_marks(text)
    for a in marks:
        for b in marks:
            if a is not b and a.span.overlaps(b.span):
                assert a.span.contains(b.span) or b.span.contains(a.span)


@SETTINGS
@given(TEXTS)
def test_a_nested_mark_lies_inside_a_mark_one_level_up(text):
    marks = find_quote_marks(text)
    for mark in marks:
        assert mark.level in (0, 1, 2)
        if mark.level:
            assert any(o.level == mark.level - 1 and o.span.contains(mark.span) for o in marks)


@SETTINGS
@given(TEXTS)
def test_marks_are_sorted_by_position(text):
    starts = [m.span.start for m in find_quote_marks(text)]
    assert starts == sorted(starts)


@SETTINGS
@given(st.lists(st.text(alphabet=st.sampled_from(NEWSY[:-1]), max_size=60), max_size=6))
def test_no_mark_crosses_a_paragraph_break(paragraphs):
    # only the news convention of a quote going on in the next paragraph may span a break, and
    # then as one mark per paragraph
    text = "\n".join(paragraphs)
    for mark in find_quote_marks(text):
        assert "\n" not in text[mark.span.start : mark.span.end]
