"""Specification of the scraped-page clutter filter and wire detection (``quotes.text.body``)."""

from __future__ import annotations

import pytest

from quotes.text.body import body_spans, find_wire, is_clutter

PAGE = (
    "Valley Courier\n"
    "Flood barrier finished in Fennick\n"
    "Sign up for our morning newsletter\n"
    "The new flood barrier on the river Lenn was finished on Tuesday, two years late and over budget.\n"
    "“This wall will keep our homes dry for fifty years,” said Ilse Marrow, the mayor of Fennick.\n"
    "Login to comment\n"
    "Engineers will test the barrier again in the spring, when the river is at its highest.\n"
    "© 2024 Valley Courier. All rights reserved.\n"
    "Related: Fennick council approves harbour plan\n"
    "“I will never vote for this council again,” said Bram Oster in the comments.\n"
    "12 comments\n"
)


def body_lines(text: str) -> list[str]:
    return [text[s.start : s.end] for s in body_spans(text)]


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our morning newsletter",
        "Newsletter",
        "Subscribe to the Valley Courier",
        "Login to comment",
        "Log in to leave a comment",
        "Related: Fennick council approves harbour plan",
        "Read more",
        "Most read",
        "12 comments",
        "© 2024 Valley Courier. All rights reserved.",
        "Copyright 2024 Fennick Times",
    ],
)
def test_page_furniture_lines_are_clutter(line):
    assert is_clutter(line)


@pytest.mark.parametrize(
    "line",
    [
        "The new flood barrier on the river Lenn was finished on Tuesday.",
        "“This wall will keep our homes dry for fifty years,” said Ilse Marrow.",
    ],
)
def test_article_sentences_are_not_clutter(line):
    assert not is_clutter(line)


def test_body_starts_at_first_prose_paragraph():
    lines = body_lines(PAGE)
    assert lines[0].startswith("The new flood barrier")
    assert "Valley Courier" not in lines
    assert "Flood barrier finished in Fennick" not in lines


def test_newsletter_line_inside_the_article_is_skipped_and_the_body_goes_on():
    text = (
        "The new flood barrier on the river Lenn was finished on Tuesday, two years late and over budget.\n"
        "Sign up for our morning newsletter\n"
        "Engineers will test the barrier again in the spring, when the river is at its highest.\n"
    )
    assert body_lines(text) == [
        "The new flood barrier on the river Lenn was finished on Tuesday, two years late and over budget.",
        "Engineers will test the barrier again in the spring, when the river is at its highest.",
    ]


def test_login_line_is_not_body():
    lines = body_lines(PAGE)
    assert "Login to comment" not in lines
    assert "Sign up for our morning newsletter" not in lines
    assert lines[:2] == [
        "The new flood barrier on the river Lenn was finished on Tuesday, two years late and over budget.",
        "“This wall will keep our homes dry for fifty years,” said Ilse Marrow, the mayor of Fennick.",
    ]


def test_nothing_after_the_copyright_line_is_body():
    end = PAGE.index("© 2024")
    assert all(span.end <= end for span in body_spans(PAGE))


FERRY = "The ferry from Orlov to Brackwater will stop running in winter, the operator said on Monday."
QUOTE = "“We cannot sail all year with one crew,” said Hanna Vik, the operator's director."
SCHOOL = "The island's school will close for good next year, parents were told at a meeting."


@pytest.mark.parametrize("promo", [
    "READ MORE: Brackwater ferry fares to rise",
    "Read more: Brackwater ferry fares to rise",
    "Related: Brackwater ferry fares to rise",
    "RELATED",
    "ALSO READ: Island school to close",
    "SEE ALSO: Orlov harbour plan approved",
    "Watch: the last winter crossing",
    "Click here to get the Brackwater app",
    "[Photo: the ferry at Orlov quay]",
    "Story continues below advertisement",
    "Advertisement",
    "More from the Brackwater Post",
    "Sign up for our morning newsletter",
])
def test_an_in_article_link_or_promo_line_is_skipped_and_the_quotes_after_it_stay(promo):
    text = f"{FERRY}\n{promo}\n{QUOTE}\n{SCHOOL}\n"
    assert body_lines(text) == [FERRY, QUOTE, SCHOOL]


@pytest.mark.parametrize("marker", [
    "© 2025 Brackwater Post",
    "Copyright 2025 Brackwater Post",
    "All rights reserved.",
    "Most read",
    "Most popular",
    "12 comments",
    "Comments",
    "Leave a comment",
    "Log in to comment",
    "Enter your email address",
    "Email address",
    "By signing up, you agree to our privacy policy.",
    "Thanks for signing up!",
])
def test_a_real_end_marker_still_ends_the_body(marker):
    text = f"{FERRY}\n{QUOTE}\n{marker}\n{SCHOOL}\n"
    assert body_lines(text) == [FERRY, QUOTE]


def test_a_pull_quote_repeating_the_body_is_skipped():
    text = f"{FERRY}\n“We cannot sail all year with one crew.”\n{QUOTE}\n{SCHOOL}\n"
    assert body_lines(text) == [FERRY, QUOTE, SCHOOL]


def test_a_short_quote_that_repeats_nothing_stays():
    text = f"{FERRY}\n“We will sail again in March.”\n{SCHOOL}\n"
    assert body_lines(text) == [FERRY, "“We will sail again in March.”", SCHOOL]


def test_body_spans_are_offsets_into_the_text():
    for span in body_spans(PAGE):
        assert 0 <= span.start < span.end <= len(PAGE)
        assert "\n" not in PAGE[span.start : span.end]


def test_kyodo_credit_line_gives_the_wire():
    text = (
        "The fishing fleet of Tamsu returned to port early because of the storm, its captains said.\n"
        "© KYODO\n"
    )
    assert find_wire(text) == "Kyodo"


def test_kyodo_credit_line_is_not_body():
    text = (
        "The fishing fleet of Tamsu returned to port early because of the storm, its captains said.\n"
        "© KYODO\n"
    )
    assert body_lines(text) == [
        "The fishing fleet of Tamsu returned to port early because of the storm, its captains said."
    ]


def test_ap_dateline_gives_the_wire():
    text = "ORLOV, Vetland (AP) — The river Lenn rose by two metres overnight, flooding the old town.\n"
    assert find_wire(text) == "AP"


def test_reuters_dateline_gives_the_wire():
    text = "BRACKWATER (Reuters) - The port of Brackwater reopened on Monday after a week-long strike.\n"
    assert find_wire(text) == "Reuters"


def test_reuters_credit_line_gives_the_wire():
    text = "The port of Brackwater reopened on Monday after a week-long strike by dock workers.\nReuters\n"
    assert find_wire(text) == "Reuters"


def test_no_credit_gives_no_wire():
    text = (
        "The port of Brackwater reopened on Monday after a week-long strike by dock workers.\n"
        "Union leaders said the new contract was fair.\n"
    )
    assert find_wire(text) is None
