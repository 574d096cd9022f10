"""Unicode spaces become plain spaces before parsing, and nothing moves."""

import pytest

from quotes.text.spaces import plain_spaces


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u2007", "\u3000"])
def test_a_unicode_space_between_words_becomes_a_plain_one(space):
    assert plain_spaces(f"Brenn{space}said") == "Brenn said"


@pytest.mark.parametrize("kept", ["\n", "\t", "\u2028", "\u200b"])
def test_line_breaks_tabs_and_zero_width_characters_are_kept(kept):
    assert plain_spaces(f"Brenn{kept}said") == f"Brenn{kept}said"


def test_every_offset_is_kept():
    text = "“Yes,”\u00a0Brenn\u2009said\u00a0on\u202fMonday."
    assert len(plain_spaces(text)) == len(text)
