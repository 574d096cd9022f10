"""A pasted page full of quotation marks is extracted in bounded time: runs of marks are not parsed, and the
per-sentence searches of partial quotes run once per sentence, not once per quote."""

from __future__ import annotations

import time

import pytest

from quotes.extractor import Extractor
from quotes.model import Article
from quotes.text.marks import mask_mark_runs


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def seconds(extractor: Extractor, body: str) -> tuple[float, int]:
    article = Article(id="hostile", text=f"Headline\n\nThe council met on Monday.\n\n{body}\n\nThe end.")
    start = time.perf_counter()
    quotes = extractor.extract(article)
    return time.perf_counter() - start, len(quotes)


def test_ten_thousand_straight_marks_in_a_paragraph_take_no_parse(extractor):
    took, found = seconds(extractor, 'Kolby said ' + '"' * 10_000 + ' today.')
    assert (found, took < 5) == (0, True)  # 27 s of parsing before the marks were blanked


def test_thousands_of_quoted_words_in_one_sentence_stay_fast(extractor):
    took, found = seconds(extractor, "Kolby said " + '"a" ' * 2_500 + "today.")
    assert found == 2_500 and took < 30  # 40 s before: every quote searched the whole sentence again


def test_blanking_runs_of_marks_keeps_every_offset():
    body = 'He said "no" and then """"" twice.'
    masked = mask_mark_runs(body)
    assert (len(masked), masked) == (len(body), 'He said "no" and then       twice.')
