"""Specification of the extractor's cue patterns, quote types and speakers.

Every test feeds real sentences (fictional people and places) through ``Extractor().extract``
and asserts the span, type, cue and canonical speaker of what comes out.
"""

from __future__ import annotations

import pytest

from quotes.extractor import Extractor
from quotes.model import Article, Quote

OUTPUT_KEYS = {
    "quote", "start", "end", "type", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "source_start", "source_end", "cue", "cue_start", "cue_end", "via", "attribution_id", "content_start",
    "content_end", "confidence",
}


def extract(extractor: Extractor, text: str) -> list[Quote]:
    return extractor.extract(Article(id="spec", text=text))


def only(quotes: list[Quote], content: str) -> Quote:
    """The one quote whose text is exactly ``content``."""
    found = [q for q in quotes if q.text == content]
    assert len(found) == 1, [q.as_output() for q in quotes]
    return found[0]


def assert_span(text: str, quote: Quote, content: str) -> None:
    assert quote.text == content
    assert quote.start == text.index(content)
    assert quote.end == quote.start + len(content)
    assert text[quote.start : quote.end] == content


def assert_speaker_at(text: str, quote: Quote, mention: str) -> None:
    assert quote.speaker_mention == mention
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start : quote.speaker_end] == mention


def assert_cue_at(text: str, quote: Quote, cue: str) -> None:
    assert quote.cue == cue
    assert quote.cue_start is not None and quote.cue_end is not None
    assert text[quote.cue_start : quote.cue_end] == cue


# -- direct quotes: cue after the quote -----------------------------------------------------------
def test_quote_comma_name_said(extractor):
    text = '"We will rebuild every house that the river took from us," Bram Oster said.'
    quote = only(extract(extractor, text), "We will rebuild every house that the river took from us,")
    assert_span(text, quote, "We will rebuild every house that the river took from us,")
    assert quote.type == "direct"
    assert quote.speaker_name == "Bram Oster"
    assert quote.speaker.kind == "person"
    assert_speaker_at(text, quote, "Bram Oster")
    assert_cue_at(text, quote, "said")


def test_quote_comma_name_said_with_curly_marks(extractor):
    text = "“Nobody in Orlov will pay more for bread this winter,” Kasia Wren said on Friday."
    quote = only(extract(extractor, text), "Nobody in Orlov will pay more for bread this winter,")
    assert quote.type == "direct"
    assert quote.speaker_name == "Kasia Wren"
    assert_cue_at(text, quote, "said")


def test_quote_comma_said_name(extractor):
    text = '"We will rebuild every house that the river took from us," said Bram Oster.'
    quote = only(extract(extractor, text), "We will rebuild every house that the river took from us,")
    assert_span(text, quote, "We will rebuild every house that the river took from us,")
    assert quote.type == "direct"
    assert quote.speaker_name == "Bram Oster"
    assert_speaker_at(text, quote, "Bram Oster")
    assert_cue_at(text, quote, "said")


def test_quote_comma_said_name_with_apposition(extractor):
    text = "“Nobody in Orlov will pay more for bread this winter,” said Kasia Wren, the baker."
    quote = only(extract(extractor, text), "Nobody in Orlov will pay more for bread this winter,")
    assert quote.type == "direct"
    assert quote.speaker_name == "Kasia Wren"
    assert_speaker_at(text, quote, "Kasia Wren")


# -- direct quotes: cue before the quote ----------------------------------------------------------
def test_name_said_colon_quote(extractor):
    text = 'Bram Oster said: "We will rebuild every house that the river took from us."'
    quote = only(extract(extractor, text), "We will rebuild every house that the river took from us.")
    assert_span(text, quote, "We will rebuild every house that the river took from us.")
    assert quote.type == "direct"
    assert quote.speaker_name == "Bram Oster"
    assert_speaker_at(text, quote, "Bram Oster")
    assert_cue_at(text, quote, "said:")  # the colon is the cue's, as PARC annotates it


def test_name_told_reporters_comma_quote(extractor):
    text = 'Bram Oster told reporters, "We will rebuild every house that the river took from us."'
    quote = only(extract(extractor, text), "We will rebuild every house that the river took from us.")
    assert_span(text, quote, "We will rebuild every house that the river took from us.")
    assert quote.type == "direct"
    assert quote.speaker_name == "Bram Oster"
    assert_speaker_at(text, quote, "Bram Oster")
    assert_cue_at(text, quote, "told reporters")


# -- split quotes and continuations ---------------------------------------------------------------
SPLIT = (
    "Ilse Marrow, the mayor of Fennick, arrived at the flooded school on Monday morning.\n\n"
    "“The water came in faster than anyone expected,” she said, “and the children were lucky to get out.”"
)


def test_split_quote_gives_two_direct_quotes(extractor):
    quotes = [q for q in extract(extractor, SPLIT) if q.type == "direct"]
    assert [q.text for q in quotes] == [
        "The water came in faster than anyone expected,",
        "and the children were lucky to get out.",
    ]
    assert_span(SPLIT, quotes[0], "The water came in faster than anyone expected,")
    assert_span(SPLIT, quotes[1], "and the children were lucky to get out.")


def test_split_quote_both_halves_go_to_the_person_named_earlier(extractor):
    quotes = extract(extractor, SPLIT)
    first = only(quotes, "The water came in faster than anyone expected,")
    second = only(quotes, "and the children were lucky to get out.")
    assert first.speaker_name == "Ilse Marrow"
    assert second.speaker_name == "Ilse Marrow"
    assert first.speaker.kind == second.speaker.kind == "person"
    assert_cue_at(SPLIT, second, "said")


def test_continuation_paragraph_without_cue_inherits_the_last_speaker(extractor):
    text = (
        "“We have lost money on this route for ten years,” said Piet Vandemeer, "
        "the chief executive of the ferry company.\n\n"
        "“The island deserves a better service, but we cannot pay for it alone.”\n\n"
        "The province has not replied to his letter."
    )
    quotes = extract(extractor, text)
    follow = only(quotes, "The island deserves a better service, but we cannot pay for it alone.")
    assert_span(text, follow, "The island deserves a better service, but we cannot pay for it alone.")
    assert follow.type == "direct"
    assert follow.speaker_name == "Piet Vandemeer"


def test_continuation_inherits_the_speaker_of_the_latest_quote(extractor):
    text = (
        "“The harbour must be dredged before the autumn,” said Bram Oster, who leads the fishermen.\n\n"
        "“We have waited long enough,” said Kasia Wren, the harbour master.\n\n"
        "“The dredger is booked for September and the money is in the budget.”"
    )
    quotes = extract(extractor, text)
    follow = only(quotes, "The dredger is booked for September and the money is in the budget.")
    assert follow.speaker_name == "Kasia Wren"


def test_paragraph_spanning_quote_with_cue_in_the_first_paragraph(extractor):
    text = (
        "The river Lenn flooded the old town of Fennick for the third time in ten years on Sunday.\n\n"
        "“We have rebuilt the bridge twice in ten years,” said Ilse Marrow, the mayor of Fennick. "
        "“We will not rebuild it a third time without help from the province.\n\n"
        "“The valley deserves better than this.”"
    )
    quotes = extract(extractor, text)
    for part in (
        "We have rebuilt the bridge twice in ten years,",
        "We will not rebuild it a third time without help from the province.",
        "The valley deserves better than this.",
    ):
        quote = only(quotes, part)
        assert_span(text, quote, part)
        assert quote.type == "direct"
        assert quote.speaker_name == "Ilse Marrow", part


# -- partial quotes -------------------------------------------------------------------------------
def test_partial_quote_after_called(extractor):
    text = 'Opposition leader Tomas Brenner called the plan "a betrayal of every family in the valley" on Tuesday.'
    quote = only(extract(extractor, text), "a betrayal of every family in the valley")
    assert_span(text, quote, "a betrayal of every family in the valley")
    assert quote.type == "partial"
    assert quote.speaker_name == "Tomas Brenner"
    assert_cue_at(text, quote, "called")


def test_partial_quote_inside_told_reporters_that(extractor):
    text = (
        'Prime Minister Odile Varga told reporters that the new alliance will "not be limited to Europe" '
        "and could grow."
    )
    quote = only(extract(extractor, text), "not be limited to Europe")
    assert_span(text, quote, "not be limited to Europe")
    assert quote.type == "partial"
    assert quote.speaker_name == "Odile Varga"
    assert_cue_at(text, quote, "told reporters")


def test_partial_quote_inside_said_clause(extractor):
    text = "Bram Oster said the new tax was “a gift to the rich” and would be repealed."
    quote = only(extract(extractor, text), "a gift to the rich")
    assert quote.type == "partial"
    assert quote.speaker_name == "Bram Oster"
    assert_cue_at(text, quote, "said")


def test_quoted_verb_is_its_own_cue(extractor):
    text = 'Bram Oster "thanked" the volunteers who had filled sandbags through the night in Orlov.'
    quote = only(extract(extractor, text), "thanked")
    assert_span(text, quote, "thanked")
    assert quote.type == "partial"
    assert quote.speaker_name == "Bram Oster"
    assert_cue_at(text, quote, "thanked")
    assert quote.cue_start == quote.start


# -- reported speech ------------------------------------------------------------------------------
def test_according_to_the_ministry(extractor):
    text = "The harbour will be closed to fishing boats until March, according to the ministry."
    quote = only(extract(extractor, text), "The harbour will be closed to fishing boats until March")
    assert_span(text, quote, "The harbour will be closed to fishing boats until March")
    assert quote.type == "indirect"
    assert_speaker_at(text, quote, "the ministry")
    assert quote.speaker_name in ("the ministry", "ministry")
    assert_cue_at(text, quote, "according to")


def test_according_to_a_named_organisation(extractor):
    text = "The new port will cost twice as much as planned, according to the Vetland Ministry of Transport."
    quote = only(extract(extractor, text), "The new port will cost twice as much as planned")
    assert quote.type == "indirect"
    assert quote.speaker_name == "Vetland Ministry of Transport"
    assert quote.speaker.kind == "organisation"


def test_was_quoted_as_saying_that(extractor):
    text = "Rhea Dunmore was quoted as saying that the council had run out of money for the school."
    quote = only(extract(extractor, text), "the council had run out of money for the school")
    assert_span(text, quote, "the council had run out of money for the school")
    assert quote.type == "indirect"
    assert quote.speaker_name == "Rhea Dunmore"
    assert_cue_at(text, quote, "was quoted as saying")


def test_saying_after_a_preposition_is_the_subject_of_the_clause_above(extractor):
    text = "Rhea Dunmore, a councillor since 2019, drew boos upon saying, “The school will close in June.”"
    quote = only(extract(extractor, text), "The school will close in June.")
    assert quote.speaker_name == "Rhea Dunmore"
    assert_cue_at(text, quote, "saying")


def test_said_on_day_that_clause(extractor):
    text = "Ilse Marrow said on Monday that the bridge would reopen before the winter storms arrive."
    quote = only(extract(extractor, text), "the bridge would reopen before the winter storms arrive")
    # the span is the reported clause: no "that", no final full stop
    assert quote.start == text.index("the bridge")
    assert quote.end == len(text) - 1
    assert quote.type == "indirect"
    assert quote.speaker_name == "Ilse Marrow"
    assert_speaker_at(text, quote, "Ilse Marrow")
    assert_cue_at(text, quote, "said")


def test_told_someone_that_clause(extractor):
    text = "Kasia Wren told the council on Friday that the school roof would be repaired in August."
    quote = only(extract(extractor, text), "the school roof would be repaired in August")
    assert quote.type == "indirect"
    assert quote.speaker_name == "Kasia Wren"


def test_clause_comma_officials_said(extractor):
    text = "The ferry will stop running at the end of the year, officials said."
    quote = only(extract(extractor, text), "The ferry will stop running at the end of the year")
    assert_span(text, quote, "The ferry will stop running at the end of the year")
    assert quote.type == "indirect"
    assert quote.speaker_name == "officials (unnamed)"
    assert quote.speaker.kind == "unnamed"
    assert_speaker_at(text, quote, "officials")
    assert_cue_at(text, quote, "said")


# -- terms and titles -----------------------------------------------------------------------------
def test_scare_quote_after_so_called_is_a_term_without_speaker(extractor):
    text = 'The council has hired a panel of so-called "experts" to study the flood defences of Fennick.'
    quote = only(extract(extractor, text), "experts")
    assert_span(text, quote, "experts")
    assert quote.type == "term"
    assert quote.speaker is None
    assert quote.speaker_mention is None
    assert quote.cue is None


def test_book_title_after_memoir_is_a_title(extractor):
    text = (
        "The former judge Nadia Kell wrote about the flood in her memoir "
        '"Rivers of Salt", which was published last year.'
    )
    quote = only(extract(extractor, text), "Rivers of Salt")
    assert_span(text, quote, "Rivers of Salt")
    assert quote.type == "title"
    assert quote.speaker is None


def test_novel_called_title_is_a_title(extractor):
    text = 'Nadia Kell, a former judge, has written a novel called "The Salt Court", which is set in Orlov.'
    quote = only(extract(extractor, text), "The Salt Court")
    assert quote.type == "title"
    assert quote.speaker is None


# -- canonical speakers ---------------------------------------------------------------------------
def test_bare_surname_is_canonicalised_to_the_full_name(extractor):
    text = (
        "Maria Lindqvist, the head of the Vetland central bank, spoke in Orlov on Monday.\n\n"
        '"Prices will fall by the summer," Lindqvist said.'
    )
    quote = only(extract(extractor, text), "Prices will fall by the summer,")
    assert quote.speaker_name == "Maria Lindqvist"
    assert quote.speaker.kind == "person"
    assert_speaker_at(text, quote, "Lindqvist")


def test_bare_surname_after_titled_full_name(extractor):
    text = (
        "Environment Minister Kasia Wren visited the flooded villages on Tuesday.\n\n"
        '"This is the worst flood in a century," Wren said.'
    )
    quote = only(extract(extractor, text), "This is the worst flood in a century,")
    assert quote.speaker_name == "Kasia Wren"


def test_title_is_split_off_the_name(extractor):
    text = '"The budget will be balanced by next spring," said Finance Minister Maria Lindqvist.'
    quote = only(extract(extractor, text), "The budget will be balanced by next spring,")
    assert quote.speaker_name == "Maria Lindqvist"
    assert quote.speaker.title == "Finance Minister"
    assert quote.speaker.kind == "person"
    assert_speaker_at(text, quote, "Finance Minister Maria Lindqvist")


def test_title_is_split_off_the_name_before_the_verb(extractor):
    text = '"Our hospitals are running out of beds," Health Minister Bram Oster said.'
    quote = only(extract(extractor, text), "Our hospitals are running out of beds,")
    assert quote.speaker_name == "Bram Oster"
    assert quote.speaker.title == "Health Minister"


def test_unnamed_senior_official(extractor):
    text = '"The talks have collapsed and nobody wants to restart them," a senior official said.'
    quote = only(extract(extractor, text), "The talks have collapsed and nobody wants to restart them,")
    assert quote.type == "direct"
    assert quote.speaker_name == "senior official (unnamed)"
    assert quote.speaker.kind == "unnamed"
    assert_speaker_at(text, quote, "a senior official")


def test_he_said_resolves_to_the_man_named_before(extractor):
    text = (
        "Piet Vandemeer has run the Orlov ferry company for twenty years and will retire in June.\n\n"
        '"I will miss the sea more than the money," he said.'
    )
    quote = only(extract(extractor, text), "I will miss the sea more than the money,")
    assert quote.type == "direct"
    assert quote.speaker_name == "Piet Vandemeer"
    assert quote.speaker.kind == "person"
    assert_speaker_at(text, quote, "he")


def test_she_said_resolves_to_the_woman_named_before(extractor):
    text = (
        "Kasia Wren took over the bakery from her mother in 1998.\n\n"
        '"I still bake every loaf by hand," she said.'
    )
    quote = only(extract(extractor, text), "I still bake every loaf by hand,")
    assert quote.speaker_name == "Kasia Wren"


def test_pronoun_inside_the_quotation_is_not_the_speaker(extractor):
    text = '"He will never build that bridge while I am mayor," Ilse Marrow said of her rival.'
    quote = only(extract(extractor, text), "He will never build that bridge while I am mayor,")
    assert quote.speaker_name == "Ilse Marrow"
    assert_speaker_at(text, quote, "Ilse Marrow")


def test_speech_verb_inside_the_quotation_is_not_the_cue(extractor):
    text = '"When I asked him about the money, he said nothing at all," said Kasia Wren.'
    quote = only(extract(extractor, text), "When I asked him about the money, he said nothing at all,")
    assert quote.speaker_name == "Kasia Wren"
    assert quote.cue_start == text.index("said Kasia")


def test_quotation_with_only_an_inner_pronoun_gets_no_speaker_from_inside(extractor):
    text = (
        "Kasia Wren runs the only bakery in Orlov.\n\n"
        '"He said he would pay us back by Friday, but he never did."'
    )
    quote = only(extract(extractor, text), "He said he would pay us back by Friday, but he never did.")
    if quote.speaker_start is not None:
        assert not (quote.start <= quote.speaker_start < quote.end)
    if quote.cue_start is not None:
        assert not (quote.start <= quote.cue_start < quote.end)


# -- output contract ------------------------------------------------------------------------------
ARTICLE = (
    "Fennick flood barrier finished\n\n"
    "The new flood barrier on the river Lenn was finished on Tuesday, two years late and over budget, "
    "officials said.\n\n"
    "“This wall will keep our homes dry for fifty years,” said Ilse Marrow, the mayor of Fennick. "
    "“The engineers have promised me that.”\n\n"
    'Opposition leader Tomas Brenner called the project "a monument to waste" and said the council '
    "should have moved the houses instead.\n\n"
    "The cost rose by a third, according to the provincial audit office.\n\n"
    '"It is a good wall," Brenner said, "but it was built in the wrong place."\n\n'
    'A so-called "flood tax" will pay for it, Marrow said on Wednesday.'
)


def test_article_opening_with_a_paragraph_spanning_quote_keeps_its_first_paragraph(extractor):
    # Now: the first piece is missing: body_spans starts at the first 'prose' paragraph, and a
    # paragraph ending in a comma is not prose, so the opening paragraph is treated as headline.
    text = (
        "“We have rebuilt the bridge twice in ten years,\n\n"
        "“and we will not rebuild it a third time without help from the province.\n\n"
        "“The valley deserves better,” said Ilse Marrow, the mayor of Fennick."
    )
    quotes = extract(extractor, text)
    first = only(quotes, "We have rebuilt the bridge twice in ten years,")
    assert_span(text, first, "We have rebuilt the bridge twice in ten years,")
    assert first.type == "direct"


def test_bare_surname_after_a_sentence_with_the_full_name(extractor):
    # Now: speaker 'Lindqvist': the 7-word opening sentence is below body_spans' 8-word prose
    # threshold, so it is not parsed and the full name is never seen.
    text = (
        "Maria Lindqvist leads the Vetland central bank.\n\n"
        '"Prices will fall by the summer," Lindqvist told reporters.'
    )
    quote = only(extract(extractor, text), "Prices will fall by the summer,")
    assert quote.speaker_name == "Maria Lindqvist"
    assert quote.speaker.kind == "person"


@pytest.fixture(scope="module")
def article_quotes(extractor) -> list[Quote]:
    return extract(extractor, ARTICLE)


def test_article_gives_quotes(article_quotes):
    assert len(article_quotes) >= 6


def test_every_quote_text_is_the_exact_slice_of_the_article(article_quotes):
    for quote in article_quotes:
        assert ARTICLE[quote.start : quote.end] == quote.text


def test_every_speaker_mention_is_the_exact_slice_of_the_article(article_quotes):
    for quote in article_quotes:
        if quote.speaker_mention is not None:
            assert ARTICLE[quote.speaker_start : quote.speaker_end] == quote.speaker_mention


def test_every_cue_is_the_exact_slice_of_the_article(article_quotes):
    for quote in article_quotes:
        if quote.cue is not None:
            assert ARTICLE[quote.cue_start : quote.cue_end] == quote.cue


def test_no_speaker_mention_lies_inside_a_quotation(article_quotes):
    marked = [q for q in article_quotes if q.type in ("direct", "partial")]
    for quote in article_quotes:
        if quote.speaker_start is None:
            continue
        for other in marked:
            assert not (other.start <= quote.speaker_start < other.end), (quote.as_output(), other.text)


def test_quotes_come_out_in_article_order(article_quotes):
    starts = [q.start for q in article_quotes]
    assert starts == sorted(starts)


def test_output_has_exactly_the_documented_keys(article_quotes):
    for quote in article_quotes:
        assert set(quote.as_output()) == OUTPUT_KEYS


def test_output_values_have_the_documented_types(article_quotes):
    for quote in article_quotes:
        out = quote.as_output()
        assert isinstance(out["quote"], str)
        assert isinstance(out["start"], int) and isinstance(out["end"], int)
        assert out["type"] in ("direct", "partial", "indirect", "term", "title")
        assert isinstance(out["confidence"], float) and 0.0 <= out["confidence"] <= 1.0
        for key in ("speaker", "speaker_mention", "cue", "via"):
            assert out[key] is None or isinstance(out[key], str)
        for key in ("speaker_start", "speaker_end", "cue_start", "cue_end"):
            assert out[key] is None or isinstance(out[key], int)


def test_speaker_fields_are_all_set_or_all_empty(article_quotes):
    for quote in article_quotes:
        out = quote.as_output()
        values = [out["speaker"], out["speaker_mention"], out["speaker_start"], out["speaker_end"]]
        assert all(v is None for v in values) or all(v is not None for v in values), out


def test_terms_and_titles_have_no_speaker(article_quotes):
    flood_tax = only(article_quotes, "flood tax")
    assert flood_tax.type == "term"
    assert flood_tax.speaker is None


def test_same_article_gives_the_same_output(extractor, article_quotes):
    again = extract(extractor, ARTICLE)
    assert [q.as_output() for q in again] == [q.as_output() for q in article_quotes]


def test_paragraph_spanning_quote_with_cue_in_the_last_paragraph(extractor):
    text = (
        "The river Lenn flooded the old town of Fennick for the third time in ten years on Sunday.\n\n"
        "“We have rebuilt the bridge twice in ten years,\n\n"
        "“and we will not rebuild it a third time without help from the province.\n\n"
        "“The valley deserves better,” said Ilse Marrow, the mayor of Fennick."
    )
    quotes = extract(extractor, text)
    for part in (
        "We have rebuilt the bridge twice in ten years,",
        "and we will not rebuild it a third time without help from the province.",
        "The valley deserves better,",
    ):
        quote = only(quotes, part)
        assert quote.type == "direct"
        assert quote.speaker_name == "Ilse Marrow", part


def test_split_quote_with_bare_surname_goes_to_the_full_name(extractor):
    text = (
        "Ilse Marrow, the mayor of Fennick, arrived at the flooded school on Monday morning.\n\n"
        '"The water came in faster than anyone expected," Marrow said, "and the children were lucky to get out."'
    )
    quotes = extract(extractor, text)
    first = only(quotes, "The water came in faster than anyone expected,")
    second = only(quotes, "and the children were lucky to get out.")
    assert first.type == second.type == "direct"
    assert first.speaker_name == second.speaker_name == "Ilse Marrow"
    assert first.speaker.kind == second.speaker.kind == "person"


def test_output_content_span_holds_the_quote(article_quotes):
    for quote in article_quotes:
        out = quote.as_output()
        assert out["content_start"] <= out["start"] and out["end"] <= out["content_end"]


@pytest.mark.parametrize("text, quote_text, cue", [
    ("Ines Kolby has also said that the pier “will not reopen” this year.", "will not reopen", "has also said"),
    ("Ines Kolby did not deny that the pier was “unsafe” last year.", "unsafe", "did not deny"),
    ("“The pier is closed,” Ines Kolby later told reporters.", "The pier is closed,", "later told reporters"),
    # a preposition between the cue and its content is the cue's, as annotators mark it
    ("Ines Kolby called for “a full review” of the pier.", "a full review", "called for"),
    ("Ines Kolby spoke about “a broken promise” at the meeting.", "a broken promise", "spoke about"),
    ("Ines Kolby shrugged when asked whether the pier would reopen.", "the pier would reopen", "asked"),
])
def test_the_cue_span_is_the_verb_group_with_its_auxiliaries_and_adverbs(extractor, text, quote_text, cue):
    assert_cue_at(text, only(extract(extractor, text), quote_text), cue)


def _source(text: str, quote: Quote) -> str:
    out = quote.as_output()
    return text[out["source_start"] : out["source_end"]]


@pytest.mark.parametrize("text, quote_text, source", [
    ("Ines Kolby, the harbour master, said the pier was “unsafe” last year.", "unsafe",
     "Ines Kolby, the harbour master,"),
    ("“The pier is closed,” said Ines Kolby, the harbour master.", "The pier is closed,",
     "Ines Kolby, the harbour master"),
    ("Ines Kolby, who runs the harbour, said the pier was “unsafe”.", "unsafe", "Ines Kolby, who runs the harbour,"),
    # a participle set off after the name is no part of the source
    ("Ines Kolby, speaking at a rally in the harbour on Monday, said the pier was “unsafe”.", "unsafe", "Ines Kolby"),
    # and so is a prepositional phrase set off the same way, but not an affiliation
    ("Ines Kolby, in an interview on Monday, said the pier was “unsafe”.", "unsafe", "Ines Kolby"),
    ("Ines Kolby, at the Harbour Institute, said the pier was “unsafe”.", "unsafe",
     "Ines Kolby, at the Harbour Institute,"),
    ("Ines Kolby, with the Harbour Board, said the pier was “unsafe”.", "unsafe",
     "Ines Kolby, with the Harbour Board,"),
    # no comma is taken in after a modifier that is no apposition
    ("A survey by the harbour board, published on Monday, found the pier “unsafe”.", "unsafe",
     "A survey by the harbour board, published on Monday,"),
    ("“The pier is closed,” said a harbour board member who backs Kolby, asking not to be named.",
     "The pier is closed,", "a harbour board member who backs Kolby"),
    ("The pier is shut, according to Ines Kolby, the harbour master.\n\n“It is unsafe,” she said.",
     "It is unsafe,", "she"),
    # a name set off by a dash before a colon starts after the dash
    ("Samples of boat owners are particularly problematic - Harbor Research: “All the samples include more "
     "owners than the register.”", "All the samples include more owners than the register.", "Harbor Research"),
    # a hyphen inside a name is no such dash
    ("Officials spoke on Monday. More from harbour master Lena Marsh-Okafor: “The pier is closed to boats until "
     "the spring.”", "The pier is closed to boats until the spring.", "Lena Marsh-Okafor"),
])
def test_the_source_span_is_the_whole_noun_phrase_with_its_apposition(extractor, text, quote_text, source):
    quote = only(extract(extractor, text), quote_text)
    assert _source(text, quote) == source
    assert quote.speaker_mention in source


def test_a_relative_pronoun_subject_is_the_source_itself(extractor):
    text = "The pier was built by Ines Kolby, who said it was “safe for a century”."
    assert _source(text, only(extract(extractor, text), "safe for a century")) == "who"
