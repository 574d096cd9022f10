"""The extractor reads only the article body: quotes in page clutter are not extracted."""

from __future__ import annotations

from quotes.model import Article

PAGE = (
    "Harbour Gazette\n"
    "Ferry timetable changes at Skellby\n"
    "Subscribe to the Harbour Gazette\n"
    "The Skellby ferry will sail every forty minutes from June, the operator announced on Monday.\n"
    "“Passengers asked for more evening crossings and they will get them,” said Tove Renning, the operator's chief.\n"
    "Log in to leave a comment\n"
    "The harbour board will review the timetable after the summer season ends.\n"
    "© 2025 Harbour Gazette. All rights reserved.\n"
    "Related: Skellby council debates parking fees\n"
    "“I will never vote for this council again,” said Bram Oster in the comments.\n"
    "4 comments\n"
)


def test_quote_in_the_body_is_extracted(extractor):
    quotes = extractor.extract(Article(id="page", text=PAGE))
    assert "Passengers asked for more evening crossings and they will get them," in [q.text for q in quotes]


def test_quote_in_clutter_after_the_copyright_line_is_not_extracted(extractor):
    quotes = extractor.extract(Article(id="page", text=PAGE))
    end = PAGE.index("© 2025")
    assert all(q.start < end for q in quotes)
    assert not any("never vote for this council" in q.text for q in quotes)
    assert not any(q.speaker_name == "Bram Oster" for q in quotes)
