"""Specification of quote assembly (``quotes.attribution.assemble``): the final quotes of an article with
their speaker, method, confidence and sentence."""

from __future__ import annotations

import pytest

from quotes.attribution.assemble import extract_quotes
from quotes.attribution.confidence import confidence_of
from quotes.model import Quote, Span
from quotes.nlp import loader
from quotes.text.marks import find_quote_marks


@pytest.fixture(scope="module")
def quotes_in():
    """``quotes_in(text)``: the quotes extracted from ``text`` taken as the whole article body."""
    nlp = loader.load()

    def quotes_in(text: str) -> list[Quote]:
        return extract_quotes(text, nlp(text), 0, find_quote_marks(text), [Span(0, len(text))])

    return quotes_in


def test_a_direct_quote_gets_its_resolved_speaker_and_cue(quotes_in):
    [quote] = quotes_in('"The bridge will reopen in May," Ines Kolby said.')
    assert (quote.text, quote.type, quote.speaker.name, quote.speaker_mention, quote.cue, quote.method) == (
        "The bridge will reopen in May,", "direct", "Ines Kolby", "Ines Kolby", "said", "syntax")


def test_the_speaker_offsets_point_at_the_mention(quotes_in):
    text = '"The bridge will reopen in May," Ines Kolby said.'
    [quote] = quotes_in(text)
    assert text[quote.speaker_start : quote.speaker_end] == "Ines Kolby"
    assert text[quote.cue_start : quote.cue_end] == "said"


def test_a_reported_clause_is_an_indirect_quote_with_its_sentence(quotes_in):
    [quote] = quotes_in("Ines Kolby said the bridge would reopen in May. The council agreed.")
    assert (quote.text, quote.type, quote.speaker.name) == ("the bridge would reopen in May", "indirect", "Ines Kolby")
    assert quote.sentence == "Ines Kolby said the bridge would reopen in May."


def test_an_unattributed_quote_in_the_next_paragraph_continues_the_speaker(quotes_in):
    text = '"The bridge will reopen in May," Ines Kolby said.\n\n"We have waited long enough for it."'
    first, second = quotes_in(text)
    assert (second.speaker.name, second.cue, second.method) == ("Ines Kolby", "said", "continuation")
    assert (second.evidence["path"], second.evidence["link"], second.evidence["hops"]) == (
        "continuation", first.evidence["link"], 1)


def test_a_quote_running_over_paragraphs_gets_the_speaker_of_its_last_piece(quotes_in):
    first, last = quotes_in('"The bridge will reopen in May.\n\n"We have waited long enough," Ines Kolby said.')
    assert (first.type, first.speaker.name, first.method) == ("direct", "Ines Kolby", "continuation")
    assert (first.evidence["path"], first.evidence["link"]) == ("continuation", last.evidence["link"])


def test_a_speaker_label_opening_the_headline_is_the_speaker(quotes_in):
    [quote] = quotes_in('Brenn: Mayor is "gambling" with schools\n\nBrenn spoke on Monday.')
    assert (quote.text, quote.type, quote.speaker.name, quote.method, quote.evidence["path"]) == (
        "gambling", "partial", "Brenn", "label", "label")


def test_a_labelled_headline_without_quotation_marks_is_the_labelled_speakers_claim(quotes_in):
    [quote] = quotes_in("Brenn: The harbour levy will stay.\n\nBrenn spoke on Monday.")
    assert (quote.text, quote.type, quote.speaker.name, quote.cue, quote.method) == (
        "The harbour levy will stay", "indirect", "Brenn", ":", "label")


def test_a_transcript_turn_is_the_labelled_speakers_claim(quotes_in):
    text = ("Ines Kolby spoke to the council.\n\nKOLBY: Well, I think the whole town needs to work together."
            "\n\nHOST: Thanks.")
    [quote] = quotes_in(text)
    assert (quote.text, quote.speaker.name, quote.cue) == (
        "Well, I think the whole town needs to work together", "Ines Kolby", ":")


@pytest.mark.parametrize("headline", [
    "The Latest: Brenn wins the harbour vote",  # a column's name, not a speaker
    "Brenn: harbour hero or another career politician?",  # a question is nobody's claim
    "OSKARVIK: The Brenn council on Monday voted to keep the levy",  # a dateline opening the article
    "Brenn wins.\n\nUPDATE: The Brenn council voted 5-2 on Monday night",  # an editor's label
])
def test_a_label_that_names_no_speaker_or_a_question_makes_no_claim(quotes_in, headline):
    text = headline + "\n\nBrenn and the Latest spoke in Oskarvik on Monday. An Update will follow."
    assert all(q.method != "label" for q in quotes_in(text))


def test_an_attributed_quote_gets_the_models_confidence(quotes_in):
    [quote] = quotes_in('"The bridge will reopen in May," Ines Kolby said.')
    assert quote.confidence == confidence_of(quote) and 0 < quote.confidence < 1


def test_the_evidence_names_the_rules_that_found_the_speaker(quotes_in):
    [quote] = quotes_in('"The bridge will reopen in May," Ines Kolby said.')
    assert (quote.evidence["link"], quote.evidence["cue_side"], quote.evidence["mention_pos"]) == (
        "right_frame_near", "after", "PROPN")


def test_a_pronoun_speaker_is_evidence_of_a_pronoun_rule(quotes_in):
    quotes = quotes_in('The mayor, Ines Kolby, spoke on Monday. "The bridge will reopen in May," she said.')
    assert (quotes[-1].evidence["resolution"], quotes[-1].evidence["mention_pos"]) == ("pronoun_near", "PRON")


def test_a_name_among_others_counts_its_rivals(quotes_in):
    [quote] = quotes_in('"The bridge will reopen in May," Ines Kolby said after meeting Marta Lind and Oskar Brenn.')
    assert quote.evidence["rivals_sentence"] >= 1


def test_a_short_unattributed_direct_quote_is_a_term(quotes_in):
    quotes = quotes_in('The ferry left early.\n\n"Closed today."')
    assert [(q.text, q.type, q.speaker, q.confidence) for q in quotes] == [("Closed today.", "term", None, 0.0)]


def test_a_title_keeps_no_speaker(quotes_in):
    [quote] = quotes_in('The film "Spirited Away" opened in Oslo.')
    assert (quote.type, quote.speaker, quote.method) == ("title", None, "none")


def test_marks_outside_the_body_are_left_out():
    text = '"Read all about it" ran the banner.\n\nInes Kolby said the bridge would reopen in May.'
    base = text.index("Ines")
    quotes = extract_quotes(text, loader.load()(text[base:]), base, find_quote_marks(text), [Span(base, len(text))])
    assert [(q.text, q.start) for q in quotes] == [("the bridge would reopen in May", text.index("the bridge"))]


def test_a_pronoun_speaker_is_resolved_with_the_words_of_its_quote(quotes_in):
    *_, quote = quotes_in('Anna Lind stayed in the hall. Eva Berg walked out. "Berg never listens," she said.')
    assert (quote.text, quote.speaker_mention, quote.speaker.name) == ("Berg never listens,", "she", "Anna Lind")


def test_reported_speech_that_names_the_speaker_still_takes_the_pronoun_rule(quotes_in):
    *_, quote = quotes_in("Eva Berg was angry on Monday. She said the board had ignored Berg's plan.")
    assert (quote.type, quote.speaker_mention, quote.speaker.name) == ("indirect", "She", "Eva Berg")


def test_the_sentences_of_a_long_quote_do_not_use_up_the_pronoun_window(quotes_in):
    *_, quote = quotes_in('Eva Berg left early. Anna Lind stayed. "We lost. We will appeal. We will win. '
                          'We are sure. We are right," she said.')
    assert (quote.speaker_mention, quote.speaker.name) == ("she", "Anna Lind")
