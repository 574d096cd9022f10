"""Specification of quote-mark pairing: ``quotes.text.marks.find_quote_marks``.

Every returned ``QuoteMark.span`` covers the quoted content only, the marks themselves excluded.
"""

from __future__ import annotations

import random
import time

from quotes.model import QuoteMark, Span
from quotes.text.marks import find_quote_marks


def contents(text: str, marks: list[QuoteMark]) -> list[str]:
    return [text[m.span.start : m.span.end] for m in marks]


def test_straight_double_quotes_give_one_span_without_the_marks():
    text = 'The mayor of Brackwater said "we are ready for the flood" on Tuesday.'
    marks = find_quote_marks(text)
    assert len(marks) == 1
    mark = marks[0]
    assert mark.span == Span(text.index("we"), text.index('" on'))
    assert contents(text, marks) == ["we are ready for the flood"]
    assert (mark.level, mark.double, mark.continued, mark.continues) == (0, True, False, False)


def test_curly_double_quotes_give_one_span_without_the_marks():
    text = "The mayor of Brackwater said “we are ready for the flood” on Tuesday."
    marks = find_quote_marks(text)
    assert contents(text, marks) == ["we are ready for the flood"]
    assert marks[0].span == Span(text.index("“") + 1, text.index("”"))
    assert marks[0].double is True
    assert marks[0].level == 0


def test_several_quotes_in_one_paragraph_are_paired_in_order():
    text = '"It is late," said Odile Varga. "But not too late."'
    marks = find_quote_marks(text)
    assert contents(text, marks) == ["It is late,", "But not too late."]


def test_single_quotes_used_as_quotation_marks():
    text = "The harbour master called the new pier 'a floating disgrace' at the meeting."
    marks = find_quote_marks(text)
    assert contents(text, marks) == ["a floating disgrace"]
    assert marks[0].double is False
    assert marks[0].level == 0


def test_curly_single_quotes_used_as_quotation_marks():
    text = "The harbour master called the new pier ‘a floating disgrace’ at the meeting."
    marks = find_quote_marks(text)
    assert contents(text, marks) == ["a floating disgrace"]
    assert marks[0].double is False


def test_single_quotes_nested_in_double_quotes_are_level_one():
    text = "“The sign on the door said ‘closed for good’ when we arrived,” Tomas Brenner said."
    marks = find_quote_marks(text)
    assert len(marks) == 2
    outer = next(m for m in marks if m.double)
    inner = next(m for m in marks if not m.double)
    assert outer.level == 0
    assert inner.level == 1
    assert text[outer.span.start : outer.span.end] == "The sign on the door said ‘closed for good’ when we arrived,"
    assert text[inner.span.start : inner.span.end] == "closed for good"
    assert outer.span.contains(inner.span)


def test_straight_single_quotes_nested_in_straight_double_quotes():
    text = "\"The sign on the door said 'closed for good' when we arrived,\" Tomas Brenner said."
    marks = find_quote_marks(text)
    by_level = {m.level: text[m.span.start : m.span.end] for m in marks}
    assert by_level == {0: "The sign on the door said 'closed for good' when we arrived,", 1: "closed for good"}


def test_double_quotes_inside_single_quotes_are_level_one_and_their_singles_level_two():
    text = "Her note read 'the board called it \"a ‘temporary’ fix\" in May' and nothing more."
    marks = find_quote_marks(text)
    by_level = {m.level: text[m.span.start : m.span.end] for m in marks}
    assert by_level == {
        0: 'the board called it "a ‘temporary’ fix" in May',
        1: "a ‘temporary’ fix",
        2: "temporary",
    }


def test_marks_are_sorted_by_position_outer_before_nested():
    text = "“The sign said ‘stop’ and we stopped,” she said. Later he said “go on” quietly."
    marks = find_quote_marks(text)
    starts = [m.span.start for m in marks]
    assert starts == sorted(starts)
    assert [m.level for m in marks] == [0, 1, 0]


def test_paragraph_spanning_quote_gives_one_mark_per_paragraph():
    # News convention: the quote goes on in the next paragraph, which opens with a new mark;
    # only the last paragraph has a closing mark.
    text = (
        "“We have rebuilt the bridge twice in ten years,\n\n"
        "“and we will not rebuild it a third time without help from the province.\n\n"
        "“The valley deserves better,” said Ilse Marrow, the mayor of Fennick."
    )
    marks = find_quote_marks(text)
    assert contents(text, marks) == [
        "We have rebuilt the bridge twice in ten years,",
        "and we will not rebuild it a third time without help from the province.",
        "The valley deserves better,",
    ]
    first, middle, last = marks
    assert first.continued is True and first.continues is False
    assert middle.continued is True and middle.continues is True
    assert last.continued is False and last.continues is True
    assert all(m.level == 0 and m.double for m in marks)


def test_two_paragraph_quote_with_straight_marks():
    text = (
        '"The harvest was the worst in forty years.\n\n'
        '"Nobody here remembers anything like it," said the farmer Aldo Pensk.'
    )
    marks = find_quote_marks(text)
    assert contents(text, marks) == [
        "The harvest was the worst in forty years.",
        "Nobody here remembers anything like it,",
    ]
    assert marks[0].continued is True
    assert marks[1].continues is True
    assert marks[1].continued is False


def test_curly_apostrophes_are_not_quote_marks():
    text = "I don’t remember the ’90s well, but Jones’ car was red, said Ilse Marrow."
    assert find_quote_marks(text) == []


def test_straight_apostrophes_are_not_quote_marks():
    text = "I don't remember the '90s well, but Jones' car was red, O'Brien said."
    assert find_quote_marks(text) == []


def test_apostrophes_inside_a_quote_do_not_create_nested_marks():
    text = "“I don’t think O’Brien’s plan works,” said Kasia Wren."
    marks = find_quote_marks(text)
    assert contents(text, marks) == ["I don’t think O’Brien’s plan works,"]


def test_stray_opening_mark_does_not_swallow_the_next_paragraph():
    text = (
        "The council voted on the \"harbour plan on Monday evening.\n\n"
        "Councillor Rhea Dunmore said the vote was \"a mistake\" and left early."
    )
    marks = find_quote_marks(text)
    second = text.index("Councillor")
    assert all(m.span.start >= second or m.span.end <= second for m in marks)
    assert contents(text, marks) == ["a mistake"]


def test_stray_opening_mark_at_end_of_paragraph_gives_no_mark():
    text = "He wrote a note that read \"\n\nThe next morning the ferry left on time."
    assert find_quote_marks(text) == []


def test_stray_closing_mark_is_ignored():
    text = "The deal is done” she wrote on Friday. Later the mayor said “we will see” to reporters."
    marks = find_quote_marks(text)
    assert contents(text, marks) == ["we will see"]


def test_inch_signs_are_not_quote_marks():
    text = "The goalkeeper is 6'2\" tall and the striker is 5'11\" tall, the coach said."
    assert find_quote_marks(text) == []


def test_inch_sign_after_a_number_is_not_an_opening_mark():
    text = 'The plumbers fitted a 12" pipe under the square in Orlov.'
    assert find_quote_marks(text) == []


def test_ten_thousand_unmatched_quote_characters_are_fast():
    unmatched = [
        '"' * 10_000,
        "“" * 10_000,
        "”" * 10_000,
        "'" * 10_000,
        "‘" * 10_000,
        "’" * 10_000,
        "“a " * 10_000,  # openings that never close
        "a” " * 10_000,  # closings that never opened
        '"a" ' * 10_000,  # ten thousand pairs in one paragraph
        "\"a\" 'b " * 10_000,  # pairs and single marks that never close
        "“a ‘b’ c” " * 10_000,  # pairs with nested pairs
    ]
    for text in unmatched:
        began = time.perf_counter()
        marks = find_quote_marks(text)
        assert time.perf_counter() - began < 1.0
        for mark in marks:
            assert 0 <= mark.span.start <= mark.span.end <= len(text)


def test_random_strings_never_crash_and_spans_stay_in_bounds():
    rng = random.Random(20240611)
    alphabet = "ab Z9.,;:-\n\n\"'“”‘’„«»()"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        marks = find_quote_marks(text)
        for mark in marks:
            assert 0 <= mark.span.start <= mark.span.end <= len(text)
            assert mark.level in (0, 1, 2)
        assert [m.span.start for m in marks] == sorted(m.span.start for m in marks)
