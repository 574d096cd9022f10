"""Which mention speaks when a sentence offers several: the reporting verb's subject over a quoted verb
of the clause it reports, over a cue whose subject cannot speak, over a document that stands for its
issuer; a split quote keeps its own cue rather than one from the next sentence.

Fictional people and places; each test asserts the quote's speaker mention and cue.
"""

from __future__ import annotations

import pytest

from quotes.model import Article


@pytest.mark.parametrize("text, quote_text, mention, cue", [
    # a surname the tagger reads as a modal or an adverb is still the subject when the article names the person
    ("Columnist Harriet Will has long opposed the plan. In a column, Will described it as “a harbour grab.”",
     "a harbour grab.", "Will", "described"),
    ("Tomas Early, the county chairman, was unfazed. Informed of the result, Early described it as “a surprise to me.”",
     "a surprise to me.", "Early", "described"),
    # a quote closed by a question mark right before its cue and a long speaker phrase is theirs
    ("The debate went badly.\n\nLind \"backs the harbour grab as a recovery effort. Is that fair?\" former "
     "council adviser Tomas Brenn asked on Twitter.", "backs the harbour grab as a recovery effort. Is that fair?",
     "former council adviser Tomas Brenn", "asked"),
    # after an inverted verb, a described person speaks though the parser made the quoted word its subject
    ("Tom Arlen said the vote was close.\n\n\"We are done with this council,\" tweeted a Harbourside resident going "
     "by the handle Gullwing.", "We are done with this council,", "a Harbourside resident", "tweeted"),
    # a participle hung on the quoted noun does not make that noun its speaker
    ("Ines Kolby talked up her “50-ward strategy,” promising to campaign across the county.", "50-ward strategy,",
     "Ines Kolby", "talked up"),
    # a cue verb the parser hung on the object of the verb before it keeps that verb's subject
    ("Tom Arlen spoke for an hour.\n\nHe then adopted a fake Southern accent and joked, “But I will just make it "
     "easier for them to laugh at me.”", "But I will just make it easier for them to laugh at me.",
     "He", "joked"),
    # a clause closed by a comma before a quotation that ends the sentence: its acting subject speaks
    ("Right after the vote, Mayor Ines Kolby issued a statement, “Last night, our harbour was saved. It was the "
     "best result since 1990.”", "Last night, our harbour was saved. It was the best result since 1990.",
     "Mayor Ines Kolby", "issued"),
    # ... or by a dash
    ("Ines Kolby also embraced the harbour levy -- \"I think it is small change next to what a flood would cost.\"",
     "I think it is small change next to what a flood would cost.", "Ines Kolby", "also embraced"),
    # a series of verbs parsed with the first a clause of the next keeps the first verb's subject
    ("Kolby supports \"appropriate harbour raises,\" opposes \"across-the-board arbitrary levy freezes\" and recalled "
     "the three-year freeze on ferry pay.", "across-the-board arbitrary levy freezes", "Kolby", "recalled"),
    # a subject and a verb outside the lexicon right after the quote, in a long clause: a speaker's words
    ("Kolby showed a clip of the council.\n\n\"Councillor Brenn, let me help you out - the answer is no,\" the harbour "
     "party's nominee riffed on Brenn's reply to whether the levy was fair, drawing applause.",
     "Councillor Brenn, let me help you out - the answer is no,", "the harbour party's nominee", "riffed"),
    # a quoted verb inside a reported clause is the reporter's paraphrase of the clause's source
    ("One harbour official said the inspectors would be “screaming” if the pier reopened.", "screaming",
     "One harbour official", "said"),
    # '"mischief" that shows their "disconnect"': mischief says nothing; the adviser does
    ("Tove Renning, a senior adviser, said the council is engaged in misguided “mischief” that shows its "
     "“disconnect with voters.”", "disconnect with voters.", "Tove Renning", "said"),
    # a statement or a video its source put out stands for that source
    ("The Harbour Board issued a statement saying it closed the pier “because of the unsafe conditions.”",
     "because of the unsafe conditions.", "The Harbour Board", "saying"),
    ("Ines Kolby released a video that said, “We are going to have terrific teachers.”",
     "We are going to have terrific teachers.", "Ines Kolby", "said"),
    # a person who "shows" something inside another speaker's clause is not the source
    ("Westmacott also said that Ines Kolby shows “great charm” and a fondness for the harbour.", "great charm",
     "Westmacott", "also said"),
    # an ad, a letter or a statement can make its case without a reporting verb
    ("The ad targets a “corrupt harbour board that keeps a rigged lease in place.”",
     "corrupt harbour board that keeps a rigged lease in place.", "The ad", "targets"),
    # the split quote's second piece keeps "Kolby said", not the cue of the next sentence
    ("“I have the highest esteem for Senator Brenn,” Kolby said, “and I fully support his re-election.” He "
     "went on to endorse Marta Kline.", "and I fully support his re-election.", "Kolby", "said"),
    # a sentence after the quote whose cue ends in a colon opens the next quote, not this one
    ("“We will not stop here,” Dana Holt said about the vote. “It is going to be close. This is what we are "
     "up against.” She went on to say:\n\n“Nobody will come out and back the plan.”",
     "It is going to be close. This is what we are up against.", "Dana Holt", "said"),
    # ... but a colon in a later clause of that sentence is not the cue's
    ("Voters went to the polls on Sunday. “It is going to be close.” Dana Holt said, and her rival Mara Lind "
     "answered: “We will see.”", "It is going to be close.", "Dana Holt", "said"),
    # ... nor does a cue there with a clause of its own ('He added that …')
    ("“We will not stop here,” Dana Holt said about the vote. “It is going to be close.” She added that the "
     "council would meet again in May.", "It is going to be close.", "Dana Holt", "said"),
    # a lead-in line closing with a colon speaks for the paragraph after it, even where the parser would have
    # hung it on the sentence before
    ("“I do not agree with him,” said 81-year-old Parker Eaton. “But he is saying it.”\n\n17-year-old Jared "
     "Potts echoed:\n\n“He speaks his mind, and I think that might be what the town needs.”",
     "He speaks his mind, and I think that might be what the town needs.", "17-year-old Jared Potts", "echoed:"),
    # a quotation after a programme's quoted name that ended the sentence goes on with the same speaker
    ("“It is more of a thought than it was,” Dunmore said on “Meet the Harbour.” “You do not have to be the "
     "perfect candidate now.”", "You do not have to be the perfect candidate now.", "Dunmore", "said"),
    # a quote whose comma closes it right before "…, X said" is X's, whatever clause it sits in
    ("Tom Arlen lost his job in 2019. He described the impact as “awful. It really hurts your health,” he said.",
     "awful. It really hurts your health,", "he", "said"),
    # ... but an "according to" after it names an intermediary, not the speaker
    ("Tom Arlen told an inspector that he had “never meant to keep it,” according to court documents.",
     "never meant to keep it,", "Tom Arlen", "told"),
    # ... unless it sits in a clause of its own that reports it
    ("After Tom Arlen said that pupils might do better at “smaller schools,” Ines Kolby said she disagreed.",
     "smaller schools,", "Tom Arlen", "said"),
])
def test_the_reporting_source_speaks(extractor, text, quote_text, mention, cue):
    [quote] = [q for q in extractor.extract(Article(id="choice", text=text)) if q.text == quote_text]
    assert (quote.speaker_mention, quote.cue) == (mention, cue)


def test_a_quoted_verb_with_no_reporting_verb_above_is_its_own_cue(extractor):
    text = "Ines Kolby “strongly denied” the claim on Monday."
    [quote] = [q for q in extractor.extract(Article(id="choice", text=text)) if q.text == "strongly denied"]
    assert (quote.speaker_mention, quote.cue) == ("Ines Kolby", "denied")


def test_a_report_that_says_something_is_its_own_source(extractor):
    text = "The inspectors' report said the pier was “unsafe” for crowds."
    [quote] = [q for q in extractor.extract(Article(id="choice", text=text)) if q.text == "unsafe"]
    assert quote.speaker_mention == "The inspectors' report"


def test_a_relative_pronoun_speaks_for_the_person_it_stands_for(extractor):
    text = "The speech drew a damning reaction from Mayor Ines Kolby, who called the plan “unfit to serve” the town."
    [quote] = [q for q in extractor.extract(Article(id="choice", text=text)) if q.text == "unfit to serve"]
    assert (quote.speaker_mention, quote.speaker_name) == ("who", "Ines Kolby")
    assert text[quote.speaker_start : quote.speaker_end] == "who"


def test_a_relative_pronoun_speaks_for_an_unnamed_source_too(extractor):
    text = "The mayor rebuked critics who say the town should call the pier “a lost cause” at once."
    [quote] = [q for q in extractor.extract(Article(id="choice", text=text)) if q.text == "a lost cause"]
    assert (quote.speaker_mention, quote.speaker_name) == ("who", "critics (unnamed)")
    assert text[quote.speaker_start : quote.speaker_end] == "who"


def test_a_document_described_by_a_copula_says_nothing(extractor):
    text = "Critics agree on one thing. The harbour statement was “misleading and late”."
    [quote] = [q for q in extractor.extract(Article(id="choice", text=text)) if q.text == "misleading and late"]
    assert quote.speaker_name is None


def test_an_interview_turn_label_is_no_speaker(extractor):
    text = ("Mara Quell spoke to us about the harbour.\n\nQ: Do you regret the vote?\n\n"
            "A: I said that the town deserved better.")
    [quote] = extractor.extract(Article(id="interview", text=text))
    assert (quote.text, quote.speaker.name) == ("the town deserved better", "Mara Quell")


@pytest.mark.parametrize("text", [
    'Kolby held up a sign, "Harbour First for Every Ward."',  # a title-case name
    'Ines Kolby, 54, lives in Oskarvik with her husband, "a retired fisherman who loves the sea."',  # an apposition
    'Tom Arlen named his boat after his late wife, "Marta."',  # one word
])
def test_a_quotation_after_a_comma_that_is_no_sentence_of_its_own_has_no_speaker(extractor, text):
    [quote] = extractor.extract(Article(id="comma", text=text))
    assert quote.speaker is None


def test_a_quoted_subject_before_an_inverted_verb_leaves_the_clause_its_own_subject(extractor):
    text = '"Harbour at Risk" says the pier could collapse within a decade.'
    quotes = extractor.extract(Article(id="title", text=text))
    assert all(q.speaker_mention != "the pier" for q in quotes)
