"""Hostile inputs at the command line (issue 5, item 4).

Each bad input gives exactly one one-line error naming it and exit code 1, never a traceback;
the database keeps every row it held before and gains nothing from the bad input; good inputs
in the same run are still stored. Inputs that are odd but readable (10,000 stray quotation
marks, an exact repeat of an article) are processed normally.
"""

from __future__ import annotations

import json
import os
import random
import time

import pytest

from quotes.cli import app
from quotes.model import QUOTE_TYPES, Article

GOOD = (
    "Harbour fees to rise in Vellin\n"
    "\n"
    "“We have no choice but to raise the fees this spring,” harbour master Oskar Lind said on Monday.\n"
)
PROSE = (
    "<p>The ferry between Orlov and Brackwater will stop running at the end of the year, the operator said on "
    "Monday, leaving the island without a winter link.</p>"
    "<p>“We have lost money on this route for ten years,” said Piet Vandemeer, the operator's chief executive, "
    "at a meeting in the harbour hall.</p>"
)


def _jsonl(*records) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode("utf-8")


def _fifty_megabytes() -> bytes:
    sentence = b"The ferry between Orlov and Brackwater will stop running, the operator said.\n"
    return sentence * (50_000_000 // len(sentence))


# name -> (file name, contents, what the error says)
BAD = {
    "fifty_megabytes": ("huge.txt", _fifty_megabytes, "over the limit of 1,000,000"),
    "mixed_encoding": (
        "mixed.txt",
        lambda: "Café owners in Vellin said rents doubled.\n".encode() + "Le maire a déclaré: non.\n".encode("cp1252"),
        "not valid UTF-8",
    ),
    "cp1252_quotes": ("smart.txt", lambda: "\u201cNo,\u201d the mayor said.\n".encode("cp1252"), "not valid UTF-8"),
    "nul_bytes": ("nul.txt", lambda: b"The mayor said\x00\x00\x00 no.\n", "binary"),
    "deep_html": (
        "deep.html",
        lambda: ("<html><body>" + "<div>" * 5000 + PROSE + "</div>" * 5000 + "</body></html>").encode(),
        "nested 250 or more levels deep",
    ),
    "huge_html": (
        "huge.html",
        lambda: ("<html><body><article>" + PROSE * (10_000_000 // len(PROSE) + 1) + "</article></body></html>")
        .encode(),
        "over the limit of 10,000,000",
    ),
    "surrogate_json": ("feed.jsonl", lambda: b'{"id": "s", "text": "The mayor said \\udc80 no."}\n', "surrogate"),
    "array_json": ("feed.jsonl", lambda: b'["The mayor said no."]\n', "expected a JSON object"),
    "truncated_json": ("feed.jsonl", lambda: b'{"id": "t", "text": "The mayor sa', "invalid JSON"),
    "object_id": ("feed.jsonl", lambda: b'{"id": {"n": 1}, "text": "The mayor said no."}\n', '"id" must be'),
}


@pytest.fixture(params=sorted(BAD))
def bad(request, tmp_path):
    """A bad input file and the words its error must contain."""
    name, contents, says = BAD[request.param]
    path = tmp_path / name
    path.write_bytes(contents())
    return path, says


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def earlier(stored, db_path):
    """A database that already holds two articles ('bridge' and 'museum') with their quotes."""
    return db_path


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.lower().startswith("error")]


def assert_one_line_error(result, *words: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = _error_lines(result)
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_bad_input_alone_gives_one_line_error_and_changes_nothing(runner, bad, earlier, db_contents):
    path, says = bad
    before = db_contents(earlier)
    result = runner.invoke(app, ["extract", str(path), "--db", str(earlier)])
    assert_one_line_error(result, path.name, says)
    assert db_contents(earlier) == before


def test_bad_input_next_to_a_good_one_stores_only_the_good_one(runner, bad, good, earlier, db_contents):
    path, says = bad
    before = db_contents(earlier)
    result = runner.invoke(app, ["extract", str(path), str(good), "--db", str(earlier)])
    assert_one_line_error(result, path.name, says)
    after = db_contents(earlier)
    assert [row[0] for row in after["articles"]] == ["bridge", "good", "museum"]
    assert set(before["quotes"]) <= set(after["quotes"])
    assert {row[1] for row in after["quotes"]} == {"bridge", "good", "museum"}  # quotes.article_id


def test_bad_json_lines_give_one_error_each_and_the_good_lines_are_stored(runner, tmp_path, db_path, db_contents):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_jsonl(
        {"id": "vellin", "text": GOOD},
        '{"id": "broken", "text": "unterminated',
        "[1, 2, 3]",
        '{"id": "lone", "text": "The mayor said \\ud800 no."}',
        {"id": "no-text", "title": "Harbour"},
        {"id": ["a"], "text": GOOD},
        {"id": "ostrava", "text": GOOD.replace("Vellin", "Ostrava")},
    ))
    result = runner.invoke(app, ["extract", str(path), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert [line.split(": ")[1] for line in _error_lines(result)] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert [row[0] for row in db_contents(db_path)["articles"]] == ["ostrava", "vellin"]


# -- duplicate ids in one run ------------------------------------------------------------------
def test_duplicate_id_with_different_text_keeps_the_first_and_says_so(runner, tmp_path, db_path, db_contents):
    first = tmp_path / "monday.jsonl"
    second = tmp_path / "tuesday.jsonl"
    first.write_bytes(_jsonl({"id": "harbour-fees", "text": GOOD}))
    second.write_bytes(_jsonl({"id": "harbour-fees", "text": GOOD.replace("Monday", "Tuesday")}))
    result = runner.invoke(app, ["extract", str(first), str(second), "--db", str(db_path)])
    line = assert_one_line_error(result, f"{second}:1", "duplicate id 'harbour-fees'", f"{first}:1")
    assert "kept" in line
    [article] = db_contents(db_path)["articles"]
    assert "Monday" in article[6] and "Tuesday" not in article[6]  # articles.text


def test_exact_repeat_of_an_article_is_stored_once_without_an_error(runner, tmp_path, db_path, db_contents):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_jsonl({"id": "harbour-fees", "text": GOOD}, {"id": "harbour-fees", "text": GOOD}))
    result = runner.invoke(app, ["extract", str(path), str(path), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert not _error_lines(result)
    assert [row[0] for row in db_contents(db_path)["articles"]] == ["harbour-fees"]


# -- readable but hostile ------------------------------------------------------------------------
def test_ten_thousand_unmatched_quotation_marks_are_stored_quickly(runner, tmp_path, db_path, db_contents):
    path = tmp_path / "marks.txt"
    path.write_text(GOOD + "\nThe harbour board said nothing more. " + "“ " * 5_000 + "\" " * 5_000 + "\n",
                    encoding="utf-8")
    began = time.perf_counter()
    result = runner.invoke(app, ["extract", str(path), "--db", str(db_path)])
    assert time.perf_counter() - began < 30
    assert result.exit_code == 0, result.output
    contents = db_contents(db_path)
    assert [row[0] for row in contents["articles"]] == ["marks"]
    assert "We have no choice but to raise the fees this spring," in [row[2] for row in contents["quotes"]]


def test_many_stray_marks_before_reporting_verbs_extract_in_linear_time(extractor):
    # Each sentence opens a quotation that never closes and has a cue: before the fix every cue
    # rebuilt the whole document text and every token scanned every mark (18 s; now about 2 s).
    text = "Harbour fees\n\n" + " ".join(f"The “harbour master number {i} said fees rise." for i in range(600))
    began = time.perf_counter()
    quotes = extractor.extract(Article(id="stray", text=text))
    assert time.perf_counter() - began < 10
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize("text", [
    "He said “ “ ” today.",  # nothing but quotation marks between the marks
    "It was « ” ’ ' saying ) '",  # a 'quote' of whitespace between two tokens
    "The statement of his lawyer said they would appeal.",  # the statement's owner led back to the statement
])
def test_odd_texts_that_crashed_the_extractor_now_extract(extractor, text):
    quotes = extractor.extract(Article(id="odd", text=text))
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


NEWSY_WORDS = (
    "the mayor said: told reporters according to she he they his her Ilse Marrow of Orlov ORLOV, June 2 (AP) — "
    "ferry will stop , . ; : – - ( ) [ ] “ ” ‘ ’ \" ' « » „ called it a disgrace was quoted as saying who added "
    "denied 12 ’90s don’t O'Brien © Reuters Related: the company spokesman statement in a on Twitter, wrote Why? No!"
).split(" ") + ["\n\n", "\n", "\t", "  "]


def test_random_newsy_gibberish_never_crashes_the_extractor(extractor):
    # 200 seeded texts from quotation marks, cues, names, datelines and credits in any order; such
    # texts found three crashes (now fixed) in 10,000 tries.
    rng = random.Random(5)
    articles = [Article(id=str(n), text=" ".join(rng.choice(NEWSY_WORDS) for _ in range(rng.randint(0, 60))))
                for n in range(200)]
    for extraction in extractor.extract_many(articles):
        text = extraction.article.text
        for quote in extraction.quotes:
            assert text[quote.start : quote.end] == quote.text
            assert quote.type in QUOTE_TYPES


def test_file_names_that_are_not_utf8_are_read_and_named(runner, tmp_path, db_path, db_contents):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(folder + b"/caf\xe9.txt", "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    with open(folder + b"/b\xe9ad.txt", "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = runner.invoke(app, ["extract", os.fsdecode(folder), "--db", str(db_path)])
    assert_one_line_error(result, "b\ufffdad.txt", "binary")
    assert [row[0] for row in db_contents(db_path)["articles"]] == ["caf\ufffd"]


def test_no_break_spaces_parse_as_spaces_and_keep_the_offsets(extractor):
    # scraped pages put U+00A0 between words; parsed as a word of its own it broke the clause and the quote
    # lost its speaker
    text = ("Hastily politicizing the storm in Lenmark ― much like he did after the deadly floods in Oskarvik\u00a0in "
            "January of last year ― Lars Brenn\u00a0cast the blame on his rivals\u00a0in the council, and emphasized "
            "the threat that “organised crime” poses to the port.")
    [quote] = extractor.extract(Article(id="nbsp", text=text))
    assert (quote.type, quote.speaker.name) == ("partial", "Lars Brenn")
    assert text[quote.start : quote.end] == "organised crime"
