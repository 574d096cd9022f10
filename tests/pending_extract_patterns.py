"""Extractor specification cases that the extractor does not meet yet.

Each test here asserts the correct behaviour and currently fails; once the extractor is fixed,
move the test back to tests/test_extract_patterns.py. The file name does not start with
``test_`` so pytest does not collect it by default; run it explicitly with
``.venv/bin/pytest tests/pending_extract_patterns.py``.
"""

from __future__ import annotations

import pytest

from quotes.pipeline import Extractor
from quotes.records import Article, Quote


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


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


def test_split_quote_with_bare_surname_goes_to_the_full_name(extractor):
    # Now: both halves -> speaker 'Marrow', kind 'organisation' (the small model tags 'Marrow' ORG and
    # misses 'Ilse Marrow' as PERSON, so the surname is not mapped to the full name).
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
