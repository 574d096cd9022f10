"""The content span of a quote is the attributed content as PolNeAR annotates it."""

from quotes.model import Article

TEXT = "“The pier will open in May,” said Tove Renning, the harbour board's chair, on Friday.\n"


def test_a_direct_quote_content_span_holds_its_quotation_marks(extractor):
    quote = next(q for q in extractor.extract(Article(id="pier", text=TEXT)) if q.type == "direct")
    out = quote.as_output()
    assert TEXT[out["content_start"] : out["content_end"]] == "“The pier will open in May,”"
    assert TEXT[out["start"] : out["end"]] == "The pier will open in May,"


def _content(extractor, text, quote_text):
    quote = next(q for q in extractor.extract(Article(id="a", text=text)) if q.text == quote_text)
    return text[quote.content_start : quote.content_end]


def test_a_partial_quote_content_is_the_clause_after_that(extractor):
    text = "Harbour master Ines Kolby told reporters that the pier would “not reopen before June” this year.\n"
    assert _content(extractor, text, "not reopen before June") == (
        "that the pier would “not reopen before June” this year")


def test_a_partial_quote_content_runs_from_after_the_cue_without_that(extractor):
    text = "Ines Kolby said the repairs were “long overdue” and would cost more.\n"
    assert _content(extractor, text, "long overdue") == "the repairs were “long overdue” and would cost more"


def test_a_quote_whose_cue_follows_it_keeps_only_its_marks(extractor):
    text = "“We are open,” Ines Kolby said on Monday.\n"
    assert _content(extractor, text, "We are open,") == "“We are open,”"


def test_a_source_between_the_cue_and_the_content_is_not_content(extractor):
    text = "According to the harbour board, the pier will close in May for repairs.\n"
    assert _content(extractor, text, "the pier will close in May for repairs") == (
        "the pier will close in May for repairs")


def test_a_partial_quote_whose_cue_follows_it_has_the_clause_before_the_cue(extractor):
    text = "The pier was “a danger to everyone” on the coast, Ines Kolby said on Monday.\n"
    assert _content(extractor, text, "a danger to everyone") == "The pier was “a danger to everyone” on the coast"


def test_a_complementiser_opens_the_content(extractor):
    text = "Ines Kolby would not say whether the pier would reopen in May.\n"
    assert _content(extractor, text, "the pier would reopen in May") == "whether the pier would reopen in May"


def test_a_clause_before_its_cue_reaches_over_no_other_attribution(extractor):
    text = "Tom Lind said the pier was safe; the plan was “a total disaster,” Ines Kolby said.\n"
    assert _content(extractor, text, "a total disaster,") == "“a total disaster,”"


def test_a_cue_grown_over_its_preposition_is_the_cue_of_every_fragment(extractor):
    text = "Ines Kolby called for “a full review” and “new funding” for the pier.\n"
    quotes = [q for q in extractor.extract(Article(id="a", text=text)) if q.type == "partial"]
    assert [text[q.cue_start : q.cue_end] for q in quotes] == ["called for", "called for"]
    assert {text[q.content_start : q.content_end] for q in quotes} == {"“a full review” and “new funding” for the pier"}


def test_a_term_before_the_fragment_is_no_attribution_to_stop_at(extractor):
    text = "The so-called “reform” was “a total disaster” for the town, Ines Kolby said.\n"
    assert _content(extractor, text, "a total disaster") == "The so-called “reform” was “a total disaster” for the town"
