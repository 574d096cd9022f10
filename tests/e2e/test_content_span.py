"""The content span of a quote is the attributed content as PolNeAR annotates it."""

from quotes.model import Article

TEXT = "“The pier will open in May,” said Tove Renning, the harbour board's chair, on Friday.\n"


def test_a_direct_quote_content_span_holds_its_quotation_marks(extractor):
    quote = next(q for q in extractor.extract(Article(id="pier", text=TEXT)) if q.type == "direct")
    out = quote.as_output()
    assert TEXT[out["content_start"] : out["content_end"]] == "“The pier will open in May,”"
    assert TEXT[out["start"] : out["end"]] == "The pier will open in May,"
