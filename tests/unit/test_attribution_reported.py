"""Specification of reported speech (``quotes.attribution.reported``): indirect quotes without quotation
marks, their span, cue and speaker."""

from __future__ import annotations

import pytest

from quotes.attribution import marked, reported
from quotes.attribution.parsed import ParsedArticle
from quotes.nlp import loader
from quotes.text.marks import find_quote_marks


@pytest.fixture(scope="module")
def found():
    """``found(text)``: (content, cue, speaker, confidence) of each reported clause of ``text``."""
    nlp = loader.load()

    def found(text: str) -> list[tuple]:
        parsed = ParsedArticle(nlp(text), 0, find_quote_marks(text))
        quoted = [marked.link_mark(parsed, text, m) for m in parsed.marks if m.level == 0]
        return [(text[it.start : it.end], it.link.cue_text, it.link.mention.text, it.link.confidence)
                for it in reported.reported_speech(parsed, quoted)]

    return found


@pytest.mark.parametrize("text, cue", [
    ("Ines Kolby said the bridge would reopen in May.", "said"),
    ("Ines Kolby told reporters that the bridge would reopen in May.", "told reporters"),
    ("Ines Kolby said in a statement that the bridge would reopen in May.", "said in a statement"),
])
def test_a_complement_clause_is_reported_speech(found, text, cue):
    assert found(text) == [("the bridge would reopen in May", cue, "Ines Kolby", 0.85)]


def test_a_parenthetical_cue_reports_its_whole_host_clause(found):
    assert found("The new timetable, Ines Kolby said, will start in March.") == [
        ("The new timetable, Ines Kolby said, will start in March", "said", "Ines Kolby", 0.8)]


@pytest.mark.parametrize("text, content, speaker", [
    ("The mayor praised the new harbour plan.", "the new harbour plan", "The mayor"),
    ("Kolby praised the plan as bold.", "the plan as bold", "Kolby"),
    ("Kolby criticized the council for failing to act.", "the council for failing to act", "Kolby"),
    ("The council promised to triple the ferry service.", "to triple the ferry service", "The council"),
    ("Kolby urged residents to leave the coast.", "residents to leave the coast", "Kolby"),
    ("The union called for more investment in ferries.", "more investment in ferries", "The union"),
    ("Kolby called the charges unsubstantiated.", "the charges unsubstantiated", "Kolby"),
])
def test_an_object_or_infinitive_is_the_content_of_an_attribution_verb(found, text, content, speaker):
    [(got, _cue, mention, confidence)] = found(text)
    assert (got, mention, confidence) == (content, speaker, 0.6)


@pytest.mark.parametrize("text", [
    "The minister asked not to be named.",  # the anonymity formula
    "The figure cited by the mayor was wrong.",  # a participle: the subject is no source
    "Kolby described the plan.",  # a naming verb without its label
    "Kolby told reporters.",  # the addressee is not content
])
def test_no_content_is_found_where_the_rule_does_not_apply(found, text):
    assert found(text) == []


def test_according_to_reports_the_clause_of_its_head_verb(found):
    assert found("The bridge will cost more than planned, according to the harbour council.") == [
        ("The bridge will cost more than planned", "according to", "the harbour council", 0.8)]


def test_a_clause_holding_the_speakers_quoted_words_is_left_to_the_partial_quote(found):
    assert found('Kolby said the plan was "a harbour grab" for the rich.') == []


def test_complement_of_gives_the_head_of_the_reported_clause():
    parsed = ParsedArticle(loader.load()("Kolby said the bridge would reopen."), 0, [])
    verb = next(t for t in parsed.doc if t.text == "said")
    assert reported.complement_of(parsed, verb).text == "reopen"


def test_a_verb_without_a_clause_has_no_complement():
    parsed = ParsedArticle(loader.load()("Kolby left the harbour."), 0, [])
    verb = next(t for t in parsed.doc if t.text == "left")
    assert reported.complement_of(parsed, verb) is None


@pytest.mark.parametrize("words, kept", [
    (("that", "the", "bridge", "reopens", "."), "the bridge reopens"),
    ((",", "the", "plan", "is", "late", "”"), "the plan is late ”"),
])
def test_trim_drops_edge_punctuation_and_that(words, kept):
    doc = loader.load()(" ".join(words))
    assert " ".join(t.text for t in reported.trim(list(doc))) == kept


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Kolby's claim that the ferry would be free turned out to be wrong.", "the ferry would be free", "claim",
     "Kolby"),
    ("The harbour union stood by the claim that the new cranes are unsafe.", "the new cranes are unsafe",
     "claim", "The harbour union"),
])
def test_a_nominal_cue_reports_its_that_clause_with_its_holder_as_source(found, text, content, cue, speaker):
    assert [(c, q, s) for c, q, s, _conf in found(text)] == [(content, cue, speaker)]


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("In Kolby's view, the ferry timetable is far too slow.", "the ferry timetable is far too slow",
     "In Kolby's view", "Kolby"),
    ("In the opinion of the harbour council, the new bridge will pay for itself.",
     "the new bridge will pay for itself", "In the opinion", "the harbour council"),
])
def test_a_view_phrase_opening_a_sentence_reports_the_rest_of_it(found, text, content, cue, speaker):
    assert [(c, q, s) for c, q, s, _conf in found(text)] == [(content, cue, speaker)]


@pytest.mark.parametrize("text, content, cue", [
    ("Ines Kolby argued that the bridge tolls were too high.", "the bridge tolls were too high", "argued"),
    ("Ines Kolby insisted the ferry would keep running.", "the ferry would keep running", "insisted"),
    ("Ines Kolby warned that the harbour could flood again.", "the harbour could flood again", "warned"),
    ("Ines Kolby believes the tolls will fall next year.", "the tolls will fall next year", "believes"),
    ("Ines Kolby acknowledged that the bridge was late.", "the bridge was late", "acknowledged"),
    ("Ines Kolby denied that the council had lost the money.", "the council had lost the money", "denied"),
    ("Ines Kolby noted that the tolls had doubled.", "the tolls had doubled", "noted"),
])
def test_beliefs_and_speech_acts_report_their_clause(found, text, content, cue):
    assert [(c, q, s) for c, q, s, _conf in found(text)] == [(content, cue, "Ines Kolby")]


@pytest.mark.parametrize("text", [
    "The fact that the bridge is closed annoys the ferry crews.",  # no source holds the "fact"
    "In the view from the harbour wall, three cranes stand out.",  # a view phrase without a holder
    "The claim that the bridge is closed spread quickly.",  # a nominal cue without a holder
])
def test_a_nominal_cue_without_a_holder_reports_nothing(found, text):
    assert found(text) == []


@pytest.mark.parametrize("text, content, cue", [
    ("Ines Kolby accused the harbour council of hiding the ferry costs.",
     "the harbour council of hiding the ferry costs", "accused"),
    ("The harbour council vowed to reopen the bridge by May.", "to reopen the bridge by May", "vowed"),
])
def test_a_learnt_frame_gives_the_object_or_infinitive_content(found, text, content, cue):
    [(got, got_cue, _mention, _conf)] = found(text)
    assert (got, got_cue) == (content, cue)


def test_a_complement_runs_past_a_conjoined_verb_that_is_no_cue(found):
    contents = [c for c, _cue, _mention, _conf in found(
        "Ines Kolby said she wanted a new ferry but kept the old one for the winter.")]
    assert "she wanted a new ferry but kept the old one for the winter" in contents


def test_learnt_frames_keep_lemmas_train_shows_to_be_cues_and_drop_refuted_hand_listed_ones():
    from quotes.attribution import cues

    share = cues.frame_share("object")
    assert all(share[lemma] >= cues.FRAME_MIN_SHARE for lemma in cues.OBJECT_CONTENT_VERBS if lemma in share)
    assert "cite" in cues.OBJECT_CONTENT_VERBS and "support" not in cues.OBJECT_CONTENT_VERBS


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Ines Kolby spoke about the cost of the new ferry.", "the cost of the new ferry", "spoke about", "Ines Kolby"),
    ("The harbour council warned of delays to the bridge.", "delays to the bridge", "warned of", "The harbour council"),
    ("The union called for more investment in ferries.", "more investment in ferries", "called for", "The union"),
])
def test_a_learnt_prepositional_frame_reports_the_object_with_the_preposition_in_the_cue(
        found, text, content, cue, speaker):
    [(got, got_cue, mention, _conf)] = found(text)
    assert (got, got_cue, mention) == (content, cue, speaker)


@pytest.mark.parametrize("text", [
    "Ines Kolby looked at the new ferry.",  # train shows "look at" to carry no content
    "Ines Kolby spoke.",  # no preposition
])
def test_a_verb_and_preposition_train_does_not_show_to_carry_content_report_nothing(found, text):
    assert found(text) == []


def test_a_learnt_noun_frame_reports_its_object_with_the_nouns_holder_as_source(found):
    assert [(c, cue, s) for c, cue, s, _conf in found("Kolby's doubts about the ferry timetable were plain.")] == [
        ("the ferry timetable", "doubts", "Kolby")]


def test_a_noun_frame_without_a_holder_reports_nothing(found):
    assert found("Doubts about the ferry timetable grew.") == []


@pytest.mark.parametrize("text, content", [
    # a cue below the sentence's main clause reports no words of that clause
    ("Noting he grew up on the coast, Tom Arlen said he backs the plan.", "he grew up on the coast"),
    ("Ines Kolby, who said the pier was vetted by engineers, said she was unaware of any dispute.",
     "the pier was vetted by engineers"),
])
def test_a_subordinate_cue_reports_no_words_of_the_clause_above(found, text, content):
    assert found(text)[0][0] == content


@pytest.mark.parametrize("text, content", [
    ("Ines Kolby said the pier would reopen in May, adding that the ferry would not.", "the pier would reopen in May"),
    ("Ines Kolby said the board would meet and discuss the budget.", "the board would meet and discuss the budget"),
])
def test_a_reported_clause_ends_where_the_cue_verb_goes_on(found, text, content):
    assert found(text)[0][0] == content


@pytest.mark.parametrize("text, content", [
    ("Ines Kolby said she saw no need to change the plan, telling the council that “we keep to the plan” "
     "and that support held.", "she saw no need to change the plan"),
    ("Tom Arlen said the move was made by the harbour board and said, “Whom will you trust with the harbour?”",
     "the move was made by the harbour board"),
])
def test_a_reported_clause_ends_before_the_cue_of_a_quotation_set_off_after_it(found, text, content):
    assert found(text)[0][0] == content


def test_a_quotation_that_completes_the_reported_clause_keeps_it_whole(found):
    assert found("Tom Arlen told the radio that he agrees Kolby is a “harbour grabber” at heart.") == []
