"""Specification of quotation-marked quotes (``quotes.attribution.marked``, ``quotes.attribution.frames``):
each top-level mark is typed title, term, direct or partial and linked to its cue and speaker."""

from __future__ import annotations

import pytest

from quotes.attribution import frames, marked
from quotes.attribution.parsed import Item, ParsedArticle
from quotes.model import QuoteMark, Span
from quotes.nlp import loader
from quotes.text.marks import find_quote_marks


@pytest.fixture(scope="module")
def link():
    """``link(text)``: the item of the first top-level quotation of ``text``."""
    nlp = loader.load()

    def link(text: str) -> Item:
        parsed = ParsedArticle(nlp(text), 0, find_quote_marks(text))
        mark = next(m for m in parsed.marks if m.level == 0)
        return marked.link_mark(parsed, text, mark)

    return link


def summary(item: Item) -> tuple:
    cue = item.link
    return (item.type, cue.cue_text, cue.mention.text, cue.method, cue.confidence)


@pytest.mark.parametrize("text, kind", [
    ('The film "Spirited Away" opened in Oslo.', "title"),
    ('Officials defended the so-called "reforms" on Monday.', "term"),
])
def test_titles_and_terms_have_no_speaker(link, text, kind):
    item = link(text)
    assert (item.type, item.link) == (kind, None)


@pytest.mark.parametrize("text, expected", [
    ('"The bridge will reopen in May," Ines Kolby said.', ("direct", "said", "Ines Kolby", "syntax", 0.92)),
    ('"We will keep the harbour open for everyone, and we will not wait," the mayor of the town, Ines Kolby, '
     'said on Monday after the meeting.', ("direct", "said", "the mayor of the town", "syntax", 0.92)),
    ('She said: "We will not wait any longer."', ("direct", "said:", "She", "syntax", 0.9)),
    ('"Nothing is ever finished." ― Jane Doe', ("direct", "―", "Jane Doe", "pattern", 0.7)),
    ('More from pollster Dara Shaw: "Voters want the bridge back."', ("direct", ":", "Dara Shaw", "pattern", 0.6)),
    # a name set off by a dash before the colon speaks, not the subject of a cue before the dash
    ('Pollsters agree - Dara Shaw: "One lesson was a simple one about the ground game."',
     ("direct", ":", "Dara Shaw", "pattern", 0.6)),
    ('VOTERS WANT HOPE ― Ilse Vande: "We found that the strengths most linked to voting were inspiring ones."',
     ("direct", ":", "Ilse Vande", "pattern", 0.6)),
    # a hyphen inside a name is no dash, and the name is whole
    ('Ines Kolby told Lena Marsh-Okafor: "The pier will reopen in May."',
     ("direct", "told", "Ines Kolby", "syntax", 0.9)),
    ('Officials spoke on Monday. More from harbour master Lena Marsh-Okafor: "The pier is closed to boats until '
     'the spring."', ("direct", ":", "Lena Marsh-Okafor", "pattern", 0.6)),
    # set off by a dash, a name the parser tags as common nouns
    ('Measurements of voters’ views are particularly problematic - Boat Research: "All the samples include '
     'more engaged people."', ("direct", ":", "Boat Research", "pattern", 0.6)),
])
def test_a_direct_quotation_takes_the_cue_of_its_frame(link, text, expected):
    assert summary(link(text)) == expected


@pytest.mark.parametrize("text, cue, speaker", [
    # the sentence before says who speaks, and nothing yet of what
    ('The count was disputed. Mara Lind, the party spokeswoman, said in a statement. "There are no ballots '
     'to recount. The count is final."', "said in a statement", "Mara Lind"),
    # an inverted verb outside the cue lexicon, then only a name
    ('The mayor spoke at length. "Who is he talking about? Is he serious?" reacted Brenn.', "reacted", "Brenn"),
    # a credit line of its own after the quotation
    ('"The whole idea is something we hear all the time, and it needs to stop."\n\n-Mara Lind, Oskarvik.\n\n'
     'Others agreed.', "-", "Mara Lind"),
    ('Few panels are equal. From the report: "In general, samples with more careful weighting were more '
     'accurate."', ":", "the report"),
    # a credit line of a single name
    ('Few agree.\n\n"We will hold the harbour open for everyone."\n\n- Kolby.\n\nOthers agreed.', "-", "Kolby"),
    # the parser made the name after the quotation part of its clause: the name opening the frame speaks
    ('Few agree. “It is not the position that everything is hunky-dory,” Jonas Berg, a top outside adviser to the '
     'mayor, said at a recent event on the harbour.', "said", "Jonas Berg"),
])
def test_a_direct_quotation_credited_around_its_frame(link, text, cue, speaker):
    item = link(text)
    assert (item.type, item.link.cue_text, item.link.mention.text) == ("direct", cue, speaker)


@pytest.mark.parametrize("text, cue, speaker", [
    # a relative clause on the speaker describes them; the verb it hangs on reports the quote
    ('"We will not back down," Brenn, who has not endorsed a candidate, told reporters.', "told reporters", "Brenn"),
    # a speech verb hung on the reported clause by the parser goes on with the reporter
    ('Kolby also wrote that the agents knew to brace for the storms, saying, "They did not come every day."',
     "saying", "Kolby"),
    ('Lind said the move was made by the council and said, "Who else would you trust?"', "said", "Lind"),
    # an inverted speaker with a long apposition, which the parser makes the subject of the quote's clause
    ('"The risk," said Jonas Berg, an economist who is the director of the harbour forecast, "is that we are far '
     'too slow."', "said", "Jonas Berg"),
    # a pronoun speaker of a lead-in inside another speaker's clause is that speaker
    ('His aides had warned him, but Kolby said he responded: "When the storm comes, we cannot wait."',
     "responded:", "Kolby"),
    # a cue verb after the quotation whose subject cannot speak gives way to a later one whose subject can
    ('"There is a sense of stability now," and donations began to pick up again, Ilse Marwick said.', "said",
     "Ilse Marwick"),
    ('"We will search them for records" that would respond to the requests, counsel Mara Lind wrote.', "wrote",
     "counsel Mara Lind"),
    # ... but 'said' and 'told' credit the quotation to whatever their subject is
    ('"They have to stop and listen," the retired neurosurgeon told a radio station in an interview.', "told",
     "the retired neurosurgeon"),
])
def test_a_direct_quotation_is_credited_to_the_reporting_clause_not_a_clause_inside_it(link, text, cue, speaker):
    item = link(text)
    assert (item.type, item.link.cue_text, item.link.mention.text) == ("direct", cue, speaker)


def test_a_speech_verb_with_its_own_clause_before_a_quotation_is_not_its_cue(link):
    item = link('Lind said the count was final. "We will appeal," the party wrote.')
    assert (item.link.cue_text, item.link.mention.text) == ("wrote", "the party")


@pytest.mark.parametrize("after", ["The town, he said, has grown too fast.", "Perhaps, he said, the town grew."])
def test_a_cue_set_off_inside_the_next_sentence_reports_that_sentence_not_the_quotation(link, after):
    item = link(f'"You almost never see a stranger." {after}')
    assert (item.type, item.link, item.inherit) == ("direct", None, True)


def test_a_direct_quotation_without_a_frame_cue_may_inherit(link):
    item = link('The harbour reopened in May.\n\n"We will keep the harbour open for everyone."')
    assert (item.type, item.link, item.inherit) == ("direct", None, True)


def test_a_colon_lead_in_closing_the_paragraph_before_is_the_quotations_cue(link):
    item = link('Sanders made the following comment:\n\n"We will keep the harbour open for everyone."')
    assert (item.type, item.link.cue.text, item.link.mention.text, item.inherit) == ("direct", "made", "Sanders", False)


@pytest.mark.parametrize("text, expected", [
    ('Kolby called the plan a "harbour grab" on Monday.', ("partial", "called", "Kolby", "syntax", 0.85)),
    ('The mayor said she was "deeply disappointed" by the vote.', ("partial", "said", "The mayor", "syntax", 0.85)),
    ('Kasich says he would tell Putin "no more nonsense" at the summit.',
     ("partial", "would tell Putin", "Kasich", "syntax", 0.85)),
    ('Brenn\'s claim that there were "thousands of empty seats" was false.',
     ("partial", "claim", "Brenn", "syntax", 0.75)),
    ('Vestland branded the plan a "harbour grab".', ("partial", "branded", "Vestland", "pattern", 0.5)),
])
def test_a_partial_quote_takes_the_cue_or_actor_that_governs_it(link, text, expected):
    assert summary(link(text)) == expected


@pytest.mark.parametrize("text, speaker", [
    ('Kasich says he would sit Putin down and tell him "no more nonsense" at the summit.', "Kasich"),
    # a pronoun that is the subject of a coordinated or wh-relative clause of its own is the source (PARC)
    ('Anna Stenlund says the plan works, but she cautions that she sees "two flip sides" to it.', "she"),
    ('Kolby praised the mayor and attacked Brenn, whom he called "a spoiled landlord."', "he"),
    ('Jonas Berg said that he would go ahead with the meeting, although he tweeted that he "rejects the latest '
     'comments."', "he"),
])
def test_a_pronoun_source_inside_another_speakers_clause(link, text, speaker):
    item = link(text)
    assert (item.type, item.link.mention.text) == ("partial", speaker)


@pytest.mark.parametrize("text, speaker", [
    # the clause holding the quote has no subject of its own: the clause it continues gives it
    ('The nominee has staked his campaign on the dam, portraying the opposition as "saboteurs" of progress.',
     "The nominee"),
    ('Senator Oskar Brandt derided and insulted "the lobby" in two interviews.', "Senator Oskar Brandt"),
    # a complement clause is the content of the acting subject whose verb it completes
    ('Nuclear experts have speculated that Vestland might boost its "explosive yield" by other means.',
     "Nuclear experts"),
])
def test_a_partial_quote_without_a_cue_takes_the_subject_of_the_clause_it_continues(link, text, speaker):
    item = link(text)
    assert (item.type, item.link.mention.text) == ("partial", speaker)


@pytest.mark.parametrize("content, before", [
    ("Spirited Away", "They watched the film "),
    ("The Long Harbour", "a report titled "),
])
def test_looks_like_title_after_a_work_noun(content, before):
    assert marked.looks_like_title(content, before)


def test_lower_case_words_after_a_work_noun_are_no_title():
    assert not marked.looks_like_title("we will not wait", "the report said ")


@pytest.mark.parametrize("before", ["the so-called ", "what is known as ", "Critics dubbed "])
def test_looks_like_term_after_a_term_marker(before):
    assert marked.looks_like_term(before)


@pytest.mark.parametrize("content, before, direct", [
    ("The bridge will reopen in May.", "", True),
    ("We will not wait any longer.", "She said: ", True),
    ("harbour grab", "Kolby called the plan a ", False),
    ("Yes.", "", True),
    # a sentence that ended inside the closing mark of a quoted programme name
    ("You do not have to be perfect.", '"Ours," Dunmore said on "Meet the Harbour."', True),
    ("You do not have to be perfect.", 'Dunmore said on “Meet the Harbour.”', True),
    # an abbreviation's full stop ends no sentence before a lower-case quote
    ("does not have the capacity to vet every permit.", "Her office said the U.S. ", False),
])
def test_is_direct_when_set_off_and_sentence_like(content, before, direct):
    assert marked.is_direct(QuoteMark(Span(0, 0)), content, before) is direct


@pytest.mark.parametrize("before, para_start, programme", [
    ("Kolby told Lenmark Radio's ", 10, True),
    ("Kolby spoke on ", 10, True),
    ("Kolby spoke on ", 0, False),
    ("Kolby called it ", 10, False),
])
def test_a_title_case_quote_after_on_or_a_possessive_names_a_programme(before, para_start, programme):
    assert marked.names_programme("Morning Harbour", before, para_start) is programme


@pytest.mark.parametrize("text, label", [
    ("SANDVIK: Well, this is not the plan.\nSandvik left.", ("Sandvik", 0)),
    ("Brenn: Mayor is gambling with schools\nBrenn spoke on Monday.", ("Brenn", 0)),
    ("Q: Will the bridge reopen?\nQ is a letter.", None),
    ("Brenn: Mayor is gambling with schools\nThe mayor spoke.", None),
])
def test_a_speaker_label_opens_the_paragraph_and_is_named_elsewhere(text, label):
    assert frames.label_of(text, 0) == label


def test_a_name_with_role_nouns_opening_the_frame_speaks_when_the_parser_left_the_verb_without_a_subject():
    # a hand-built parse as the small model gives it in a longer article: "Tulsa" taken for a verb of the
    # quotation's clause, "said" a conjunct of the quoted verb with no subject of its own
    from spacy.tokens import Doc

    words = ["“", "We", "will", "achieve", "justice", ",", "”", "Tulsa", "police", "Chief", "Ola", "Brenn", "said",
             "Monday", "."]
    spaces = [False, True, True, True, False, False, True, True, True, True, True, True, True, False, False]
    heads = [3, 3, 3, 3, 3, 3, 3, 3, 9, 7, 11, 9, 3, 12, 3]
    deps = ["punct", "nsubj", "aux", "ROOT", "dobj", "punct", "punct", "dep", "compound", "dobj", "compound",
            "appos", "conj", "npadvmod", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "NOUN", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "PROPN",
           "VERB", "PROPN", "PUNCT"]
    lemmas = ["“", "we", "will", "achieve", "justice", ",", "”", "Tulsa", "police", "Chief", "Ola", "Brenn", "say",
              "Monday", "."]
    tags = ["``", "PRP", "MD", "VB", "NN", ",", "''", "VB", "NN", "NNP", "NNP", "NNP", "VBD", "NNP", "."]
    doc = Doc(loader.load().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              tags=tags)
    text = doc.text
    parsed = ParsedArticle(doc, 0, find_quote_marks(text))
    [mark] = parsed.marks
    link = frames.right_frame_cue(parsed, text, mark)
    assert (link.cue_text, link.mention.text) == ("said", "Tulsa police Chief Ola Brenn")


def test_a_partial_quote_under_a_clause_misparsed_without_a_subject_takes_the_actor_further_up():
    # a hand-built parse as the small model gives it: "the wealthy" (an adjective) made the subject of "pay",
    # "pay" a conjunct of "ticked"; that is no speaker, so the climb goes on to the acting subject above
    from spacy.tokens import Doc

    words = ["Kolby", "ticked", "off", "her", "issues", ",", "including", "making", "banks", "and", "the", "wealthy",
             "pay", "their", "“", "fair", "share", "”", "."]
    spaces = [True, True, True, True, False, True, True, True, True, True, True, True, True, True, False, True,
              False, False, False]
    heads = [1, 1, 1, 4, 1, 4, 4, 6, 7, 7, 11, 12, 1, 16, 16, 16, 12, 16, 1]
    deps = ["nsubj", "ROOT", "prt", "poss", "dobj", "punct", "prep", "pcomp", "dobj", "cc", "det", "nsubj", "conj",
            "poss", "punct", "amod", "dobj", "punct", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PRON", "NOUN", "PUNCT", "VERB", "VERB", "NOUN", "CCONJ", "DET", "ADJ", "VERB",
           "PRON", "PUNCT", "ADJ", "NOUN", "PUNCT", "PUNCT"]
    lemmas = ["Kolby", "tick", "off", "her", "issue", ",", "include", "make", "bank", "and", "the", "wealthy", "pay",
              "their", "“", "fair", "share", "”", "."]
    tags = ["NNP", "VBD", "RP", "PRP$", "NNS", ",", "VBG", "VBG", "NNS", "CC", "DT", "JJ", "VBP", "PRP$", "``", "JJ",
            "NN", "''", "."]
    doc = Doc(loader.load().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              tags=tags)
    text = doc.text
    parsed = ParsedArticle(doc, 0, find_quote_marks(text))
    [mark] = parsed.marks
    link = marked.governing_actor(parsed, mark)
    assert link is not None and link.mention.text == "Kolby"
