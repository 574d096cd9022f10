"""Specification of the wider attribution scheme (PARC-style): parenthetical cues, contents that are
objects or intentions, quoted words with an acting source but no reporting verb, speaker labels.

Fictional people and places; every test asserts the span, type and speaker that come out.
"""

from __future__ import annotations

import pytest

from quotes.extractor import Extractor
from quotes.model import Article, Quote


def extract(extractor: Extractor, text: str) -> list[Quote]:
    return extractor.extract(Article(id="scheme", text=text))


def only(quotes: list[Quote], content: str) -> Quote:
    found = [q for q in quotes if q.text == content]
    assert len(found) == 1, [q.as_output() for q in quotes]
    return found[0]


def at(text: str, quote: Quote, content: str) -> None:
    assert (quote.start, quote.end) == (text.index(content), text.index(content) + len(content))


# -- parenthetical cues -------------------------------------------------------------------------
def test_cue_inside_the_clause_it_reports_gives_the_whole_clause(extractor):
    text = "Ferry lines in Oskarvik\n\nThe new timetable, harbour master Ines Kolby said, will start in March."
    quote = only(extract(extractor, text), "The new timetable, harbour master Ines Kolby said, will start in March")
    at(text, quote, "The new timetable, harbour master Ines Kolby said, will start in March")
    assert quote.type == "indirect"
    assert quote.cue == "said"
    assert quote.speaker.name == "Ines Kolby"


def test_parenthetical_cue_after_a_fronted_clause_keeps_the_sentence(extractor):
    text = "Ferry lines in Oskarvik\n\nThough the old pier is closed, Kolby said, the ferries will run as usual."
    quote = only(extract(extractor, text), "Though the old pier is closed, Kolby said, the ferries will run as usual")
    assert quote.speaker_mention == "Kolby"


def test_split_direct_quote_is_not_also_a_parenthetical_clause(extractor):
    text = "Ferry lines in Oskarvik\n\n“The pier is closed,” Kolby said, “but the ferries will run.”"
    quotes = extract(extractor, text)
    assert [q.type for q in quotes] == ["direct", "direct"]


# -- objects and intentions as content -----------------------------------------------------------
def test_called_for_takes_its_object_as_content(extractor):
    text = "School budget in Lenmark\n\nTeachers' leader Ola Brenn called for higher salaries and smaller classes."
    quote = only(extract(extractor, text), "higher salaries and smaller classes")
    assert quote.type == "indirect"
    assert quote.speaker.name == "Ola Brenn"


def test_intention_verb_takes_its_infinitive_as_content(extractor):
    text = "School budget in Lenmark\n\nMayor Tove Sandvik promised to close two schools in the north of the town."
    quote = only(extract(extractor, text), "to close two schools in the north of the town")
    assert quote.speaker.name == "Tove Sandvik"


def test_urged_someone_to_keeps_the_addressee_in_the_content(extractor):
    text = "School budget in Lenmark\n\nBrenn urged parents to write to the council before Friday."
    quote = only(extract(extractor, text), "parents to write to the council before Friday")
    assert quote.speaker_mention == "Brenn"


def test_told_reporters_is_not_content(extractor):
    text = "School budget in Lenmark\n\nBrenn told reporters about the plan on Monday."
    assert [q.text for q in extract(extractor, text) if q.type == "indirect"] == []


def test_asked_not_to_be_named_is_not_content(extractor):
    text = "School budget in Lenmark\n\nA council official, who asked not to be named, doubted the figures."
    assert "not to be named" not in [q.text for q in extract(extractor, text)]


def test_passive_verb_subject_is_not_a_source(extractor):
    text = "School budget in Lenmark\n\nThe new budget is expected to be approved by the council in May."
    assert [q.text for q in extract(extractor, text) if q.type == "indirect"] == []


# -- quoted words with an acting source and no reporting verb ------------------------------------
def test_quoted_label_pinned_on_someone_belongs_to_the_subject(extractor):
    text = "Row in Lenmark\n\nIn recent weeks, Brenn has gone after the mayor as a “spoiled landlord.”"
    quote = only(extract(extractor, text), "spoiled landlord.")
    assert quote.type == "partial"
    assert quote.speaker_mention == "Brenn"


def test_programme_name_after_on_is_not_attributed(extractor):
    text = "Row in Lenmark\n\nBrenn appeared on “Morning Harbour” with the mayor on Sunday."
    quote = only(extract(extractor, text), "Morning Harbour")
    assert quote.speaker is None


def test_what_she_calls_takes_the_fuller_subject_around_it(extractor):
    text = ("Row in Lenmark\n\nThe teachers' union is contrasting its plan with what it calls the mayor's "
            "“cheap fix.”")
    quote = only(extract(extractor, text), "cheap fix.")
    assert quote.speaker_mention == "The teachers' union"


# -- speaker labels ------------------------------------------------------------------------------
def test_headline_label_is_the_speaker_of_its_quote(extractor):
    text = ("Brenn: Mayor Is ‘Gambling’ With Rural Schools.\n\n"
            "Teachers' leader Ola Brenn criticised the budget at a meeting in Lenmark on Monday evening.")
    quote = only(extract(extractor, text), "Gambling")
    assert quote.type == "partial"
    assert quote.speaker.name == "Ola Brenn"
    at(text, quote, "Gambling")
    assert text[quote.speaker_start : quote.speaker_end] == "Brenn"


def test_transcript_label_gives_the_speaker_of_quoted_words(extractor):
    text = ("Interview in Lenmark\n\nRadio host Per Lund spoke to mayor Tove Sandvik on Sunday evening.\n\n"
            "SANDVIK: Well, this is not “reform.” It is a cut, and everybody in this town knows it.")
    quote = only(extract(extractor, text), "reform.")
    assert quote.speaker.name == "Tove Sandvik"
    assert quote.speaker_mention == "SANDVIK"


def test_capitalised_label_not_used_elsewhere_is_not_a_speaker(extractor):
    text = ("Interview in Lenmark\n\nRadio host Per Lund spoke to mayor Tove Sandvik on Sunday evening.\n\n"
            "NOTE: The show called it “a plan for the few,” without naming anyone.")
    quote = only(extract(extractor, text), "a plan for the few,")
    assert quote.speaker_mention != "NOTE"


def test_headline_label_with_a_topic_names_the_speaker(extractor):
    text = ("Brenn on the School Budget: ‘We Will Not Pay Twice.’\n\n"
            "Teachers' leader Ola Brenn spoke at a meeting in Lenmark on Monday evening.")
    quote = only(extract(extractor, text), "We Will Not Pay Twice.")
    assert quote.speaker.name == "Ola Brenn"


# -- speakers the parse leaves without a subject --------------------------------------------------
def test_name_right_before_said_speaks_when_the_parse_gives_no_subject(extractor):
    text = ("Budget row\n\nIn a statement to the Lenmark Post, her senior adviser, Jonas Berg, said: “The mayor "
            "believes that the budget is fair, and that the schools will stay open.”")
    quote = only(extract(extractor, text), "The mayor believes that the budget is fair, and that the schools will "
                                           "stay open.")
    assert quote.speaker.name == "Jonas Berg"
    assert quote.cue == "said:"


def test_manner_of_speaking_verb_is_a_cue(extractor):
    text = "Budget row\n\n“Sit down and listen,” Brenn barked as the meeting ended."
    quote = only(extract(extractor, text), "Sit down and listen,")
    assert quote.cue == "barked"
    assert quote.speaker_mention == "Brenn"


def test_colon_after_a_clause_with_a_subject_introduces_its_words(extractor):
    text = ("Budget row\n\nMayor Tove Sandvik then turned to the protesters: “I hear you. The schools will stay "
            "open.”")
    quote = only(extract(extractor, text), "I hear you. The schools will stay open.")
    assert quote.speaker.name == "Tove Sandvik"
    assert quote.method == "pattern"


@pytest.mark.parametrize("text, quote_text", [
    ("Pier vote\n\nOskar Lind said: “We will open the pier,” and the crowd cheered.", "We will open the pier,"),
    ("Pier vote\n\nOskar Lind said, “We will open the pier” - at which point the crowd chanted his name.",
     "We will open the pier"),
])
def test_a_cue_opening_the_quote_beats_a_later_clause_with_a_cue_of_its_own(extractor, text, quote_text):
    assert only(extract(extractor, text), quote_text).speaker.name == "Oskar Lind"


@pytest.mark.parametrize("text, quote_text", [
    ("Pier vote\n\nIda Brenn said: “We will open the pier,” Oskar Lind, the mayor, added.", "We will open the pier,"),
    ("Pier vote\n\nIda Brenn said: “We will open the pier” — Oskar Lind, 54, said.", "We will open the pier"),
])
def test_a_cue_right_after_the_quote_still_beats_one_before_it(extractor, text, quote_text):
    quote = only(extract(extractor, text), quote_text)
    assert quote.speaker.name == "Oskar Lind"
    assert text[quote.content_start : quote.content_end] == f"“{quote_text}”"


@pytest.mark.parametrize("text, quote_text", [
    ("Budget row\n\nBrenn says she would tell the mayor “no more excuses” at the next meeting.", "no more excuses"),
    # the outer verb is coordinated: its subject is that of the first verb
    ("Budget row\n\nBrenn met the mayor in May and declared in an interview that she found him “very evasive.”",
     "very evasive."),
])
def test_pronoun_speaker_inside_another_speakers_clause_is_the_outer_speaker(extractor, text, quote_text):
    quote = only(extract(extractor, text), quote_text)
    assert quote.speaker_mention == "Brenn"
    assert quote.type == "partial"


# -- canonical speakers ----------------------------------------------------------------------------
def test_role_with_a_name_in_apposition_is_that_person(extractor):
    text = ("Trial in Lenmark\n\nHis lawyer, Karl Vinter, who took the case last spring, said the court had "
            "been misled.\n\nOutside the court, the lawyer told reporters his client would appeal.")
    quotes = extract(extractor, text)
    assert only(quotes, "the court had been misled").speaker.name == "Karl Vinter"
    assert only(quotes, "his client would appeal").speaker.name == "Karl Vinter"


def test_company_named_beside_its_kind_is_the_organisation(extractor):
    text = ("Fault at Lenpay\n\nNordic ticketing company Lenpay said on Monday that a software fault had exposed "
            "booking records.\n\nThe company said the fault had been fixed.")
    quotes = extract(extractor, text)
    assert only(quotes, "a software fault had exposed booking records").speaker.name == "Lenpay"
    assert only(quotes, "the fault had been fixed").speaker.name == "Lenpay"


def test_the_statement_is_issued_by_whoever_last_spoke_in_a_statement(extractor):
    text = ("Fishing talks\n\nThe Lenmark fisheries ministry, in its own statement, said the quotas would stay. "
            "The statement said talks on cod would resume in May.")
    quote = only(extract(extractor, text), "talks on cod would resume in May")
    assert quote.speaker.name == "Lenmark fisheries ministry"


def test_city_officials_are_named_with_the_dateline_city(extractor):
    text = ("Benches by the sea\n\nOSKARVIK, April 8 (Wire) — The harbour front reopened on Sunday.\n\n"
            "City officials said they would add more benches by the harbour.")
    quote = only(extract(extractor, text), "they would add more benches by the harbour")
    assert quote.speaker.name == "Oskarvik city officials (unnamed)"


def test_county_officials_are_named_with_the_county_in_the_article(extractor):
    text = ("Bus route\n\nThe Vessel County bus depot flooded in May.\n\n"
            "County officials said the bus route would reopen in June.")
    quote = only(extract(extractor, text), "the bus route would reopen in June")
    assert quote.speaker.name == "Vessel County officials (unnamed)"


def test_national_ministry_is_named_with_the_dateline_country(extractor):
    text = ("Clinics\n\nLENMARK, Norway, March 2 (NPA) — Waiting lists grew again.\n\n"
            "The Health Ministry said it would open three more clinics.")
    quote = only(extract(extractor, text), "it would open three more clinics")
    assert quote.speaker.name == "Norwegian Health Ministry"


def test_body_of_a_place_is_named_place_first(extractor):
    text = ("Plant closure\n\nThe state government of Vestland said it would ask the firm to keep the plant open.")
    quote = only(extract(extractor, text), "it would ask the firm to keep the plant open")
    assert quote.speaker.name == "Vestland state government"


def test_reported_clause_parsed_as_an_open_complement_is_still_content(extractor):
    text = "Harbour plan\n\nHe said dredging the channel would bring larger ferries to the island by next summer."
    quote = only(extract(extractor, text), "dredging the channel would bring larger ferries to the island by "
                                           "next summer")
    assert quote.type == "indirect"
    assert quote.cue == "said"


def test_name_credited_after_a_dash_glued_to_the_closing_mark(extractor):
    text = ("Voices from the valley\n\n“The ferry is the only way to work for most of us.” ― Sonja Berg\n"
            "“Without it the island empties, and nobody in the capital cares.”― Pia Lind\n")
    quote = only(extract(extractor, text), "Without it the island empties, and nobody in the capital cares.")
    assert quote.speaker.name == "Pia Lind"
    assert quote.speaker_mention == "Pia Lind"


# -- colons ------------------------------------------------------------------------------------------
def test_comma_glued_to_the_opening_mark_still_frames_the_quote(extractor):
    text = "Harbour fees\n\nLind said,“Look, nobody likes higher fees. The pier needs the money.”"
    quote = only(extract(extractor, text), "Look, nobody likes higher fees. The pier needs the money.")
    assert quote.cue == "said"
    assert quote.speaker_mention == "Lind"


def test_name_right_before_a_colon_introduces_the_quote(extractor):
    text = ("Ferry poll\n\nThe swing towards the ferry plan did not surprise pollster Dara Holm: “Islanders "
            "always back the boat when the bridge is the alternative.”")
    quote = only(extract(extractor, text), "Islanders always back the boat when the bridge is the alternative.")
    assert quote.speaker.name == "Dara Holm"
    assert quote.cue == ":" and text[quote.cue_start : quote.cue_end] == ":"


@pytest.mark.parametrize("text, quote_text, speaker", [
    ("Ferry poll\n\nThe plan had its critics.\n\nHere’s Dara Holm in December 2019: “Islanders always back the "
     "boat.”", "Islanders always back the boat.", "Dara Holm"),
    ("Ferry poll\n\nEstimates of the support for the ferry among the many island voters of the region are "
     "particularly hard to make - Dara Holm: “Islanders always back the boat.”", "Islanders always back the boat.",
     "Dara Holm"),
])
def test_a_colon_after_the_name_a_phrase_presents_introduces_the_quote(extractor, text, quote_text, speaker):
    assert only(extract(extractor, text), quote_text).speaker.name == speaker


def test_inverted_label_on_its_own_line(extractor):
    text = ("Radio interview\n\nOskar Lind spoke on the harbour radio programme on Sunday.\n\nStated Lind:\n\n"
            "“The fees will rise, and the pier will be safe again.”")
    quote = only(extract(extractor, text), "The fees will rise, and the pier will be safe again.")
    assert quote.speaker.name == "Oskar Lind"
    assert text[quote.cue_start : quote.cue_end] == quote.cue == ":"


def test_colon_after_a_plain_description_has_no_speaker(extractor):
    text = "Dinner on the island\n\nThe menu at the harbour feast was simple: “Fish, potatoes and more fish.”"
    quote = only(extract(extractor, text), "Fish, potatoes and more fish.")
    assert quote.speaker is None


def test_every_cue_and_speaker_offset_points_at_its_text(extractor):
    text = ("Harbour fees\n\nOSKARVIK, May 2 (NPA) — “The fees will rise,” harbour master Oskar Lind said. "
            "The plan, Lind added, was approved in April.\n\nStated Lind:\n\n“Nobody likes it.”\n\n"
            "The swing did not surprise pollster Dara Holm: “Islanders always pay.”\n\n"
            "“It is too much for the small boats.”― Pia Berg\n\nBerg called for lower fees for fishermen.")
    quotes = [q for q in extract(extractor, text) if q.cue is not None]
    assert len(quotes) >= 5
    for quote in quotes:
        assert text[quote.cue_start : quote.cue_end] == quote.cue, quote.as_output()
        assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention, quote.as_output()


def test_mention_and_cue_are_the_articles_own_characters_with_no_break_spaces(extractor):
    # the parser reads U+00A0 as a plain space; what is stored is still the exact slice of the article
    text = ("Harbour fees\n\n“The fees will rise,” harbour master Oskar\u00a0Lind said.\n\n"
            "“It is too much for the small boats,” Pia Berg told\u00a0reporters on Monday.")
    lind, berg = extract(extractor, text)
    assert (lind.speaker_mention, lind.speaker.name) == ("harbour master Oskar\u00a0Lind", "Oskar Lind")
    assert (berg.cue, berg.speaker.name) == ("told\u00a0reporters", "Pia Berg")
    for quote in (lind, berg):
        assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention


def test_the_company_reporting_a_clause_about_itself_is_that_company(extractor):
    text = ("Layoffs at Calder\n\nHolmvik Robotics will cut 80 jobs at its Calder plant as orders slow, the "
            "company said on Tuesday.")
    quote = only(extract(extractor, text), "Holmvik Robotics will cut 80 jobs at its Calder plant as orders slow")
    assert quote.speaker.name == "Holmvik Robotics"
    assert quote.speaker_mention == "the company"
