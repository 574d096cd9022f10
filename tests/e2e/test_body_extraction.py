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


READ_MORE_PAGE = (
    "Skellby ferry to sail all winter\n\n"
    "The Skellby ferry will sail through the winter for the first time, the operator announced on Monday.\n\n"
    "READ MORE: Skellby council debates parking fees\n\n"
    "“Islanders have waited long enough for this,” said Tove Renning, the operator's chief.\n\n"
    "Story continues below advertisement\n\n"
    "“The second crew starts in November,” Renning said.\n"
)


def test_quotes_after_a_read_more_line_in_a_text_page_are_extracted(extractor):
    quotes = [q.text for q in extractor.extract(Article(id="page", text=READ_MORE_PAGE))]
    assert "Islanders have waited long enough for this," in quotes
    assert "The second crew starts in November," in quotes


def test_quotes_after_a_read_more_link_in_an_html_page_are_extracted(extractor):
    from quotes.ingest import read_bytes

    paragraphs = "".join(f"<p>{line}</p>" for line in READ_MORE_PAGE.split("\n\n")[1:])
    paragraphs = paragraphs.replace("READ MORE: Skellby council debates parking fees",
                                    'READ MORE: <a href="/parking">Skellby council debates parking fees</a>')
    html = (f"<html><head><title>Skellby ferry to sail all winter</title></head><body><article>"
            f"<h1>Skellby ferry to sail all winter</h1>{paragraphs}</article></body></html>")
    (article,) = list(read_bytes(html.encode(), "page.html", suffix=".html", stem="page"))
    quotes = [q.text for q in extractor.extract(article)]
    assert "Islanders have waited long enough for this," in quotes
    assert "The second crew starts in November," in quotes


def test_quotes_after_a_copyright_line_in_an_html_page_are_not_extracted(extractor):
    from quotes.ingest import read_bytes

    lines = READ_MORE_PAGE.split("\n\n")[1:4] + [
        "© 2025 Skellby Island News",
        "“Parking fees will double next year,” said Jonas Brek, who runs the harbour café.",
    ]
    html = ("<html><head><title>Skellby ferry to sail all winter</title></head><body><article>"
            "<h1>Skellby ferry to sail all winter</h1>" + "".join(f"<p>{line}</p>" for line in lines)
            + "</article></body></html>")
    (article,) = list(read_bytes(html.encode(), "page.html", suffix=".html", stem="page"))
    quotes = [q.text for q in extractor.extract(article)]
    assert "Islanders have waited long enough for this," in quotes
    assert not any("Parking fees will double" in q for q in quotes)
