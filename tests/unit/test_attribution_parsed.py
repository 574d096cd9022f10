"""Specification of the parsed article (``quotes.attribution.parsed``): quoted tokens, cue links, subjects."""

from __future__ import annotations

import pytest

from quotes.attribution.parsed import ParsedArticle
from quotes.attribution.subjects import subject_of
from quotes.nlp import loader
from quotes.text.marks import find_quote_marks


@pytest.fixture(scope="module")
def parse():
    nlp = loader.load()

    def parse(text: str) -> ParsedArticle:
        return ParsedArticle(nlp(text), 0, find_quote_marks(text))

    return parse


def token(parsed: ParsedArticle, word: str):
    return next(t for t in parsed.doc if t.text == word)


def test_tokens_between_quotation_marks_are_quoted(parse):
    parsed = parse('Kolby called the plan a "harbour grab" on Monday.')
    assert parsed.quoted(token(parsed, "harbour"))
    assert not parsed.quoted(token(parsed, "Monday"))


def test_offsets_are_into_the_stored_text_from_base(parse):
    text = "Ines Kolby said the bridge would reopen."
    parsed = parse(text)
    shifted = ParsedArticle(parsed.doc, 100, [])
    assert shifted.pos(token(shifted, "said")) == 100 + text.index("said")


@pytest.mark.parametrize("text, verb, cue", [
    ("Ines Kolby said the bridge would reopen.", "said", "said"),
    ("Ines Kolby told reporters the bridge would reopen.", "told", "told reporters"),
    ("Kolby was quoted as saying the plan was late.", "quoted", "was quoted as saying"),
    ("Kolby pointed out that the plan was late.", "pointed", "pointed out"),
    ("Kolby said in a statement that the plan was late.", "said", "said in a statement"),
])
def test_cue_text_keeps_the_words_of_the_reporting_phrase(parse, text, verb, cue):
    parsed = parse(text)
    link = parsed.link_from_cue(token(parsed, verb))
    assert link.cue_text == cue
    assert text[link.cue_start : link.cue_end] == cue


@pytest.mark.parametrize("text, mention", [
    ("Ines Kolby said the bridge would reopen.", "Ines Kolby"),
    ("Ines Kolby, the harbour master, said the bridge would reopen.", "Ines Kolby"),
    ("The minister, who said the plan was late, resigned.", "The minister"),
    ("The bridge will reopen, said Kolby.", "Kolby"),
])
def test_the_speaker_mention_is_the_subject_without_appositions(parse, text, mention):
    parsed = parse(text)
    assert parsed.link_from_cue(token(parsed, "said")).mention.text == mention


def test_a_link_takes_the_default_cue_confidence_and_method(parse):
    parsed = parse("Ines Kolby said the bridge would reopen.")
    link = parsed.link_from_cue(token(parsed, "said"))
    assert (link.method, link.confidence) == ("syntax", 0.9)


def test_according_to_in_the_clause_is_the_intermediary(parse):
    parsed = parse("Kolby said the bridge would reopen, according to a readout released by the Harbour Authority.")
    link = parsed.link_from_cue(token(parsed, "said"))
    assert (link.mention.text, link.via.text) == ("Kolby", "the Harbour Authority")


def test_according_to_as_the_cue_links_its_object(parse):
    parsed = parse("The bridge will reopen, according to the harbour council.")
    link = parsed.link_from_cue(token(parsed, "according"))
    assert (link.cue_text, link.mention.text) == ("according to", "the harbour council")


def test_subject_of_a_relative_clause_verb_is_the_noun_it_hangs_on(parse):
    parsed = parse("The minister, who said the plan was late, resigned.")
    assert subject_of(token(parsed, "said"), parsed).text == "minister"


def test_subject_of_climbs_through_saying(parse):
    parsed = parse("Kolby left the room, saying the plan was late.")
    assert subject_of(token(parsed, "saying"), parsed).text == "Kolby"


def test_a_mention_leaves_out_a_no_break_space_after_it(parse):
    parsed = parse('"We are not ready," she\xa0said on Monday.')
    assert parsed.mention_of(token(parsed, "she")).text == "she"


def test_a_mention_keeps_a_hyphen_inside_a_name(parse):
    parsed = parse("Secretary Jon Sae-ho said the talks had failed.")
    assert parsed.mention_of(token(parsed, "ho")).text == "Secretary Jon Sae-ho"
