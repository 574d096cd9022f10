"""The one definition of a paragraph: a non-empty line."""

import pytest

from quotes.model import Span
from quotes.text.paragraphs import paragraph_end, paragraph_start, paragraphs


@pytest.mark.parametrize("text, expected", [
    ("One.\nTwo.", [(0, 4), (5, 9)]),
    ("One.\n\nTwo.", [(0, 4), (6, 10)]),
    ("\n\nOnly.\n", [(2, 7)]),
    ("", []),
])
def test_paragraphs_are_the_non_empty_lines(text, expected):
    assert paragraphs(text) == [Span(a, b) for a, b in expected]


def test_a_blank_line_and_a_single_newline_give_the_same_paragraphs():
    assert [s.text("A b.\nC d.") for s in paragraphs("A b.\nC d.")] == \
        [s.text("A b.\n\nC d.") for s in paragraphs("A b.\n\nC d.")]


@pytest.mark.parametrize("pos, start, end", [(0, 0, 4), (2, 0, 4), (6, 6, 10), (9, 6, 10)])
def test_start_and_end_of_the_paragraph_around_a_position(pos, start, end):
    text = "One.\n\nTwo."
    assert (paragraph_start(text, pos), paragraph_end(text, pos)) == (start, end)
