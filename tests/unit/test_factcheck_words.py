"""Specification of the claim-to-quote alignment (``quotes.factcheck.words.best_window``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from quotes.factcheck.words import best_window

WORDS = st.lists(st.sampled_from(["the", "pier", "will", "not", "reopen"]), min_size=1, max_size=8)


def test_a_claim_quoted_word_for_word_is_its_first_run_without_edits():
    quote = "the pier will reopen and the pier will reopen in may".split()
    assert best_window("the pier will reopen".split(), quote) == (0, 4, 0)


def test_a_changed_word_is_one_edit_in_the_window_it_changes():
    quote = "we said the pier will reopen in may".split()
    assert best_window("the pier will close in may".split(), quote) == (2, 8, 1)


@settings(max_examples=300, deadline=None)
@given(claim=WORDS, quote=WORDS)
def test_the_window_has_the_fewest_edits_of_any_window(claim, quote):
    windows = [quote[a:b] for a in range(len(quote)) for b in range(a + 1, len(quote) + 1)]
    fewest = min(Levenshtein.distance(claim, window) for window in windows)
    first, last, edits = best_window(claim, quote)
    if fewest < len(claim):  # some window lines up better than none at all
        assert edits == fewest == Levenshtein.distance(claim, quote[first:last])
