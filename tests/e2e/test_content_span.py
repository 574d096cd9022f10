"""The content span of a quote is the attributed content as PolNeAR annotates it."""

import pytest

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


@pytest.mark.parametrize("text, quote_text, content", [
    # a cue before the fragment: the clause from the word after it ("that" included) to the sentence's end
    ("Harbour master Ines Kolby told reporters that the pier would “not reopen before June” this year.\n",
     "not reopen before June", "that the pier would “not reopen before June” this year"),
    ("Ines Kolby said the repairs were “long overdue” and would cost more.\n", "long overdue",
     "the repairs were “long overdue” and would cost more"),
    ("Ines Kolby would not say whether the pier would reopen in May.\n", "the pier would reopen in May",
     "whether the pier would reopen in May"),
    # a source between the cue and the content is not content
    ("According to the harbour board, the pier will close in May for repairs.\n",
     "the pier will close in May for repairs", "the pier will close in May for repairs"),
    # a direct quote whose cue follows it keeps only its marks ...
    ("“We are open,” Ines Kolby said on Monday.\n", "We are open,", "“We are open,”"),
    # ... a partial one has its sentence up to the cue's source, past a term but not over another attribution
    ("The pier was “a danger to everyone” on the coast, Ines Kolby said on Monday.\n", "a danger to everyone",
     "The pier was “a danger to everyone” on the coast"),
    ("The so-called “reform” was “a total disaster” for the town, Ines Kolby said.\n", "a total disaster",
     "The so-called “reform” was “a total disaster” for the town"),
    ("Tom Lind said the pier was safe; the plan was “a total disaster,” Ines Kolby said.\n", "a total disaster,",
     "“a total disaster,”"),
])
def test_the_content_span_is_the_attributed_content_as_annotated(extractor, text, quote_text, content):
    assert _content(extractor, text, quote_text) == content


def test_a_cue_grown_over_its_preposition_is_the_cue_of_every_fragment(extractor):
    text = "Ines Kolby called for “a full review” and “new funding” for the pier.\n"
    quotes = [q for q in extractor.extract(Article(id="a", text=text)) if q.type == "partial"]
    assert [text[q.cue_start : q.cue_end] for q in quotes] == ["called for", "called for"]
    assert {text[q.content_start : q.content_end] for q in quotes} == {"“a full review” and “new funding” for the pier"}

