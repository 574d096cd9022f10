"""Quotes are grouped into attributions (source + cue + content): the fragments of a split quote, the
quotes that go on after the cue in one paragraph and the partial quotes of one paraphrase share one."""

import pytest

from quotes.attribution.attributions import group_attributions
from quotes.model import Quote


def _quote(text: str, fragment: str, type_: str, cue: str | None = "said", speaker: str | None = "Ines Kolby",
           occurrence: int = 0) -> Quote:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    quote = Quote(text=fragment, start=start, end=start + len(fragment), type=type_)
    if cue is not None:
        quote.cue_start = text.index(cue)
        quote.cue_end = quote.cue_start + len(cue)
    if speaker is not None:
        quote.speaker_start = text.index(speaker)
        quote.speaker_end = quote.speaker_start + len(speaker)
    return quote


SPLIT = "“The pier is safe,” Ines Kolby said, “and it opens in May.”"
GOES_ON = "“The pier is safe,” Ines Kolby said. “It opens in May.”"
PARTIALS = "Ines Kolby said the pier was “safe” and would open “in May”."
NEXT_PARAGRAPH = "“The pier is safe,” Ines Kolby said.\n\n“It opens in May,” Ines Kolby said again."


@pytest.mark.parametrize("text, fragments, groups", [
    (SPLIT, [("The pier is safe,", "direct"), ("and it opens in May.", "direct")], [0, 0]),
    (GOES_ON, [("The pier is safe,", "direct"), ("It opens in May.", "direct")], [0, 0]),
    (PARTIALS, [("safe", "partial"), ("in May", "partial")], [0, 0]),
])
def test_fragments_of_one_source_and_cue_in_a_paragraph_are_one_attribution(text, fragments, groups):
    quotes = [_quote(text, f, t) for f, t in fragments]
    group_attributions(text, quotes)
    assert [q.attribution for q in quotes] == groups


def test_a_split_quote_content_runs_from_its_first_fragment_to_its_last():
    quotes = [_quote(SPLIT, "The pier is safe,", "direct"), _quote(SPLIT, "and it opens in May.", "direct")]
    for q in quotes:
        q.content_start, q.content_end = q.start - 1, q.end + 1
    [attribution] = group_attributions(SPLIT, quotes)
    assert attribution.type == "direct"
    assert {SPLIT[q.content_start : q.content_end] for q in quotes} == {SPLIT}


def test_another_cue_in_the_next_paragraph_starts_another_attribution():
    first = _quote(NEXT_PARAGRAPH, "The pier is safe,", "direct")
    second = _quote(NEXT_PARAGRAPH, "It opens in May,", "direct", cue="said again")
    second.speaker_start = NEXT_PARAGRAPH.rindex("Ines Kolby")
    group_attributions(NEXT_PARAGRAPH, [first, second])
    assert (first.attribution, second.attribution) == (0, 1)


def test_the_same_cue_across_a_paragraph_break_joins_only_a_reopened_quote():
    text = "“The pier is safe,” Ines Kolby said. “It opens\n\n“in May.”"
    quotes = [_quote(text, "The pier is safe,", "direct"), _quote(text, "It opens", "direct"),
              _quote(text, "in May.", "direct")]
    group_attributions(text, quotes, continued={2})
    assert [q.attribution for q in quotes] == [0, 0, 0]
    group_attributions(text, quotes)
    assert [q.attribution for q in quotes] == [0, 0, 1]


def test_an_indirect_quote_is_its_own_content():
    text = "Ines Kolby said the pier was safe and said it would open “in May”."
    indirect = _quote(text, "the pier was safe", "indirect")
    partial = _quote(text, "in May", "partial")
    group_attributions(text, [indirect, partial])
    assert (indirect.attribution, partial.attribution) == (0, 1)


@pytest.mark.parametrize("type_", ["term", "title"])
def test_terms_and_titles_belong_to_no_attribution(type_):
    text = "The so-called “safe pier” opens in May."
    quote = _quote(text, "safe pier", type_, cue=None, speaker=None)
    assert group_attributions(text, [quote]) == []
    assert quote.attribution is None


def test_a_mixed_attribution_holds_partial_quotes():
    quotes = [_quote(PARTIALS, "safe", "partial"), _quote(PARTIALS, "in May", "partial")]
    assert [a.type for a in group_attributions(PARTIALS, quotes)] == ["mixed"]


def test_a_content_ends_before_the_cue_of_the_next_attribution_in_its_sentence():
    text = "Ines Kolby called the plan “long overdue” and said the repairs had doubled in cost."
    partial = _quote(text, "long overdue", "partial", cue="called")
    partial.content_start, partial.content_end = text.index("the plan"), len(text) - 1
    indirect = _quote(text, "the repairs had doubled in cost", "indirect", cue="said")
    indirect.content_start, indirect.content_end = indirect.start, indirect.end
    group_attributions(text, [partial, indirect])
    assert text[partial.content_start : partial.content_end] == "the plan “long overdue”"
    assert text[indirect.content_start : indirect.content_end] == "the repairs had doubled in cost"
