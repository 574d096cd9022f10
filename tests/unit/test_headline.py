"""A plain-text article's first line is its headline when it reads like one (``quotes.text.headline``)."""

from __future__ import annotations

import pytest

from quotes.text.headline import guess_headline, slug


@pytest.mark.parametrize("text, headline", [
    ("Pier reopens after storm\n\nThe pier reopened on Monday.\n", "Pier reopens after storm"),
    ("Pier reopens after storm\n\n\nThe pier reopened.\n", "Pier reopens after storm"),
    ("\nFerry fares to rise: council backs plan\n\nFares will rise.\n", "Ferry fares to rise: council backs plan"),
    ("Pier  reopens   after storm\n\nText.\n", "Pier reopens after storm"),  # spaces as in one line
])
def test_a_short_first_line_set_off_by_a_blank_line_is_the_headline(text, headline):
    assert guess_headline(text) == headline


@pytest.mark.parametrize("text", [
    "The pier reopened on Monday, the council said.\n\nMore text.\n",  # a sentence
    "“We are open again,” said Ana Brun.\n\nMore text.\n",  # a quote
    "Pier reopens after storm\nThe pier reopened on Monday.\n",  # no blank line after it
    "Pier reopens after storm\n",  # nothing after it
    "pier reopens after storm\n\nText.\n",  # lower case: not a headline
    "Ferry\n\nText.\n",  # one word: a section label, not a headline
    " ".join(["Word"] * 30) + "\n\nText.\n",  # too long
])
def test_a_first_line_that_reads_otherwise_is_no_headline(text):
    assert guess_headline(text) is None


def test_slug_is_lower_case_words_joined_by_hyphens_within_the_length():
    assert slug("Ferry fares to rise: Council backs plan!") == "ferry-fares-to-rise-council-backs-plan"
    assert len(slug("Word " * 40)) <= 48
