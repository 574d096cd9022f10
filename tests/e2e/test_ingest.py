"""Specification of reading inputs: ``quotes.ingest.read_inputs``.

Every input becomes Articles or, when it cannot be read, an InputError with a one-line message;
one bad input never stops the others from being read.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import ingest
from quotes.ingest import InputError, read_inputs
from quotes.model import Article

STORY = (
    "The ferry between Orlov and Brackwater will stop running at the end of the year, "
    "the operator said on Monday.\n"
    "\n"
    "“We have lost money on this route for ten years,” said Piet Vandemeer, the operator's chief executive.\n"
)

PAGE = """<!DOCTYPE html>
<html>
<head><title>Ferry service to end in Orlov</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry service to end in Orlov</h1>
<p>The ferry between Orlov and Brackwater will stop running at the end of the year, the operator said
on Monday, leaving the island without a winter link to the mainland.</p>
<p>“We have lost money on this route for ten years,” said Piet Vandemeer, the operator's chief executive,
at a meeting in the harbour hall that was attended by more than two hundred islanders.</p>
<p>Islanders said they would petition the province to keep the service running through the winter months,
when the causeway is often closed by storms.</p>
</article>
<section id="comments" class="comments">
<h2>Comments</h2>
<div class="comment"><p>Unbelievable decision, the ferry is our lifeline, wrote Gorm Tassel at 9:14.</p></div>
</section>
</body>
</html>
"""


def read(paths, **kwargs) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def only_error(results) -> InputError:
    assert len(results) == 1, results
    error = results[0]
    assert isinstance(error, InputError), error
    assert error.message.strip()
    assert "\n" not in error.message
    assert "\n" not in str(error)
    return error


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


# -- formats ------------------------------------------------------------------------------------
def test_text_file_gives_one_article_with_the_exact_text(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(STORY, encoding="utf-8")
    results = read([path])
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    assert article.id == "ferry"
    assert article.text == STORY
    assert article.source == str(path)


def test_text_file_with_windows_newlines_is_normalised(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(STORY.replace("\n", "\r\n").encode("utf-8"))
    [article] = read([path])
    assert article.text == STORY


def test_html_file_gives_the_main_text_and_title(tmp_path):
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.id == "ferry"
    assert article.title == "Ferry service to end in Orlov"
    assert "The ferry between Orlov and Brackwater will stop running" in article.text
    assert "“We have lost money on this route for ten years,” said Piet Vandemeer" in article.text
    assert "Islanders said they would petition the province" in article.text


def test_html_file_leaves_out_the_comments_section(tmp_path):
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read([path])
    assert "Gorm Tassel" not in article.text
    assert "lifeline" not in article.text


def test_html_file_leaves_out_the_navigation(tmp_path):
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read([path])
    assert "Sport" not in article.text


def test_jsonl_file_gives_one_article_per_line_with_metadata(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "ferry-1",
                "text": STORY,
                "title": "Ferry service to end in Orlov",
                "url": "https://island-post.example/ferry",
                "publisher": "Island Post",
                "published": "2024-03-04",
            },
            {"id": "bridge-2", "text": "The causeway to Orlov was closed by a storm on Sunday night."},
        ],
    )
    first, second = read([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "ferry-1"
    assert first.text == STORY
    assert first.title == "Ferry service to end in Orlov"
    assert first.url == "https://island-post.example/ferry"
    assert first.publisher == "Island Post"
    assert first.published == "2024-03-04"
    assert second.id == "bridge-2"
    assert second.title is None and second.url is None and second.publisher is None


def test_jsonl_line_without_id_gets_an_id_from_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"text": "The causeway to Orlov was closed by a storm."}])
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.id == "feed-1"


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "top.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a" / "page.html").write_text(PAGE, encoding="utf-8")
    write_jsonl(tmp_path / "a" / "b" / "feed.jsonl", [{"id": "deep-1", "text": "The causeway was closed."}])
    (tmp_path / "a" / "b" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    results = read([tmp_path])
    assert all(isinstance(r, Article) for r in results), results
    assert sorted(r.id for r in results) == ["deep-1", "page", "top"]


def test_several_paths_are_read_in_order(tmp_path):
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("The first story from Orlov.\n", encoding="utf-8")
    two.write_text("The second story from Brackwater.\n", encoding="utf-8")
    assert [r.id for r in read([one, two])] == ["one", "two"]


def test_stdin_text():
    results = list(read_inputs(["-"], stdin=io.BytesIO(STORY.encode("utf-8"))))
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    assert article.text == STORY
    assert article.source == "stdin"
    assert article.id


def test_stdin_jsonl_is_detected_by_content():
    data = json.dumps({"id": "from-stdin", "text": STORY, "title": "Ferry"}).encode("utf-8") + b"\n"
    [article] = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert isinstance(article, Article)
    assert article.id == "from-stdin"
    assert article.text == STORY
    assert article.title == "Ferry"


def test_stdin_html_is_detected_by_content():
    [article] = list(read_inputs(["-"], stdin=io.BytesIO(PAGE.encode("utf-8"))))
    assert isinstance(article, Article)
    assert "The ferry between Orlov and Brackwater will stop running" in article.text
    assert "<p>" not in article.text


def test_same_stdin_bytes_give_the_same_id():
    first = next(read_inputs(["-"], stdin=io.BytesIO(STORY.encode("utf-8"))))
    second = next(read_inputs(["-"], stdin=io.BytesIO(STORY.encode("utf-8"))))
    assert first.id == second.id


def test_wire_is_detected_on_read(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("ORLOV, Vetland (AP) — The ferry to Brackwater will stop running, its operator said.\n")
    [article] = read([path])
    assert article.wire == "AP"


# -- errors ------------------------------------------------------------------------------------
def test_missing_file_is_an_error(tmp_path):
    missing = tmp_path / "nowhere.txt"
    error = only_error(read([missing]))
    assert error.source == str(missing)
    assert "no such file" in error.message


def test_missing_file_does_not_stop_the_other_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    results = read([tmp_path / "nowhere.txt", good])
    assert isinstance(results[0], InputError)
    assert isinstance(results[1], Article)
    assert results[1].text == STORY


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    error = only_error(read([path]))
    assert "binary" in error.message


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = only_error(read([path]))
    assert "empty" in error.message


def test_whitespace_only_file_is_an_error(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t\n", encoding="utf-8")
    error = only_error(read([path]))
    assert "empty" in error.message


def test_empty_stdin_is_an_error():
    error = only_error(list(read_inputs(["-"], stdin=io.BytesIO(b""))))
    assert error.source == "stdin"


def test_invalid_json_line_is_an_error_and_other_lines_are_still_read(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {"id": "ok-1", "text": "The causeway to Orlov was closed by a storm."},
            '{"id": "broken", "text": "unterminated',
            {"id": "ok-3", "text": "The ferry will run again on Friday."},
        ],
    )
    results = read([path])
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "Article"]
    assert [r.id for r in results if isinstance(r, Article)] == ["ok-1", "ok-3"]
    error = results[1]
    assert error.source == f"{path}:2"
    assert "invalid JSON" in error.message
    assert "\n" not in error.message


def test_jsonl_line_without_text_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"id": "no-text", "title": "Ferry"}])
    error = only_error(read([path]))
    assert error.source == f"{path}:1"


def test_undecodable_bytes_are_an_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le café d'Orlov était fermé, a dit le maire.\n".encode("latin-1"))
    error = only_error(read([path]))
    assert "UTF-8" in error.message


def test_html_with_no_article_text_is_an_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Island Post</title></head><body><div></div></body></html>",
        encoding="utf-8",
    )
    error = only_error(read([path]))
    assert "no article text" in error.message


def test_html_with_only_a_script_is_an_error(tmp_path):
    path = tmp_path / "app.html"
    path.write_text("<html><body><script>window.load = 1;</script></body></html>", encoding="utf-8")
    error = only_error(read([path]))
    assert "no article text" in error.message


def test_folder_without_readable_files_is_an_error(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    error = only_error(read([tmp_path]))
    assert error.source == str(tmp_path)


# -- encodings --------------------------------------------------------------------------------
def test_utf16_with_byte_order_mark_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(STORY.encode("utf-16"))
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.text == STORY


def test_utf32_with_byte_order_mark_is_decoded(tmp_path):
    path = tmp_path / "utf32.txt"
    path.write_bytes(STORY.encode("utf-32"))
    [article] = read([path])
    assert article.text == STORY


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    [article] = read([path])
    assert article.text == STORY


def test_mixed_encodings_are_an_error_naming_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Ferry to Orlov cancelled\n\nThe café on the pier will close, the operator said.\n".encode()
        + "Le maire a déclaré que le bac reprendrait.\n".encode("latin-1")
    )
    error = only_error(read([path]))
    assert "not valid UTF-8" in error.message
    assert "byte 0xe9 on line 4" in error.message


def test_utf16_without_byte_order_mark_is_a_binary_error(tmp_path):
    path = tmp_path / "utf16le.txt"
    path.write_bytes(STORY.encode("utf-16-le"))
    error = only_error(read([path]))
    assert "binary" in error.message


# -- sizes and nesting -----------------------------------------------------------------------
def test_fifty_megabyte_text_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    sentence = "The ferry between Orlov and Brackwater will stop running, the operator said.\n"
    path.write_text(sentence * (50_000_000 // len(sentence)), encoding="utf-8")
    error = only_error(read([path]))
    assert "over the limit of 1,000,000" in error.message
    assert "49,999," in error.message  # the size it found


def test_article_at_the_limit_is_read_and_one_over_it_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", len(STORY))
    path = write_jsonl(tmp_path / "feed.jsonl", [{"id": "fits", "text": STORY}, {"id": "over", "text": STORY + "!"}])
    fits, over = read([path])
    assert isinstance(fits, Article) and fits.id == "fits"
    assert isinstance(over, InputError) and over.source == f"{path}:2"
    assert f"over the limit of {len(STORY):,}" in over.message


def test_html_page_over_the_size_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_HTML_BYTES", len(PAGE.encode("utf-8")) - 1)
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    error = only_error(read([path]))
    assert "over the limit" in error.message


def nested_page(depth: int) -> str:
    paragraphs = PAGE[PAGE.index("<p>") : PAGE.index("</article>")]
    return "<!DOCTYPE html><html><body>" + "<div>" * depth + paragraphs + "</div>" * depth + "</body></html>"


def test_html_nested_a_hundred_levels_is_read(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text(nested_page(100), encoding="utf-8")
    [article] = read([path])
    assert isinstance(article, Article)
    assert "We have lost money on this route for ten years" in article.text


def test_html_nested_five_thousand_levels_is_an_error_not_a_silent_loss(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text(nested_page(5000), encoding="utf-8")
    error = only_error(read([path]))
    assert "nested 250 or more levels deep" in error.message


def test_html_depth_counts_nested_elements():
    assert ingest.html_depth("<html><body><div><p>Text</p></div></body></html>") == 4
    assert ingest.html_depth("<html><body>" + "<div>" * 300 + "x" + "</div>" * 300 + "</body></html>") >= 250


# -- JSON Lines fields -----------------------------------------------------------------------
def test_unpaired_surrogate_escape_in_text_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", ['{"id": "bad", "text": "The mayor said \\ud800 no."}'])
    error = only_error(read([path]))
    assert "\\ud800" in error.message


def test_unpaired_surrogate_escape_in_id_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", ['{"id": "x\\udfff", "text": "The ferry runs."}'])
    error = only_error(read([path]))
    assert "surrogate" in error.message


def test_paired_surrogate_escapes_are_one_character(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", ['{"id": "emoji", "text": "The ferry \\ud83d\\udea2 runs."}'])
    [article] = read([path])
    assert article.text == "The ferry \U0001f6a2 runs."


@pytest.mark.parametrize("value", ['{"a": 1}', "[1]", "true", "1.5"])
def test_id_that_is_not_a_string_or_integer_is_an_error(tmp_path, value):
    path = write_jsonl(tmp_path / "feed.jsonl", ['{"id": ' + value + ', "text": "The ferry runs."}'])
    error = only_error(read([path]))
    assert '"id" must be a string or a number' in error.message


def test_integer_id_becomes_a_string(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"id": 42, "text": "The ferry runs."}])
    [article] = read([path])
    assert article.id == "42"


# -- duplicate ids ---------------------------------------------------------------------------
def test_duplicate_id_with_a_different_text_is_an_error_and_the_first_is_kept(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "ferry", "text": "The ferry will stop running in December."},
        {"id": "ferry", "text": "The ferry will keep running through the winter."},
    ])
    first, second = read([path])
    assert isinstance(first, Article) and first.text == "The ferry will stop running in December."
    assert isinstance(second, InputError)
    assert second.source == f"{path}:2"
    assert "duplicate id 'ferry'" in second.message and f"{path}:1" in second.message


def test_duplicate_id_across_files_is_an_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text(STORY.replace("Monday", "Tuesday"), encoding="utf-8")
    first, second = read([tmp_path])
    assert isinstance(first, Article) and "Monday" in first.text
    assert isinstance(second, InputError) and second.source.endswith("story.txt")
    assert "duplicate id 'story'" in second.message


def test_exact_repeat_of_an_article_is_read_once(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"id": "ferry", "text": STORY}, {"id": "ferry", "text": STORY}])
    results = read([path, path])
    assert [(type(r).__name__, r.id) for r in results] == [("Article", "ferry")]


# -- file names ------------------------------------------------------------------------------
def test_file_name_that_is_not_utf8_gives_a_printable_id_and_source(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"  # a Latin-1 file name
    with open(raw, "wb") as handle:
        handle.write(STORY.encode("utf-8"))
    [article] = read([tmp_path])
    assert article.id == "caf\ufffd"
    assert article.source == f"{tmp_path}/caf\ufffd.txt"
    article.source.encode("utf-8")  # storable and printable


def test_missing_file_with_a_name_that_is_not_utf8_is_a_printable_error(tmp_path):
    error = only_error(read([os.fsdecode(os.fsencode(tmp_path) + b"/gone-\xe9.txt")]))
    assert error.source == f"{tmp_path}/gone-\ufffd.txt"


def test_file_name_with_a_line_break_gives_a_one_line_id_and_source(tmp_path):
    path = tmp_path / "two\nlines.txt"
    path.write_text(STORY, encoding="utf-8")
    [article] = read([path])
    assert article.id == "two\\nlines"
    assert "\n" not in article.source


# -- any input -------------------------------------------------------------------------------
LEAVES = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
          | st.text(st.characters(categories=["Cs", "Ll", "Zs"]), min_size=1))  # lone surrogates too
JSON_VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
                           max_leaves=6)
RECORDS = st.fixed_dictionaries({}, optional={"id": LEAVES, "text": LEAVES, "title": LEAVES, "published": LEAVES})


def _assert_readable_or_one_line_error(results) -> None:
    for item in results:
        if isinstance(item, InputError):
            assert "\n" not in str(item) and item.message.strip()
        else:
            assert isinstance(item, Article) and item.text.strip()
            item.text.encode("utf-8")  # storable
            str(item.id).encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["", ".txt", ".html", ".jsonl"]))
def test_any_bytes_give_articles_or_one_line_errors(data, suffix):
    _assert_readable_or_one_line_error(ingest.read_bytes(data, "input", suffix=suffix, stem="input"))


@settings(max_examples=200, deadline=None)
@given(st.lists(RECORDS | JSON_VALUES, min_size=1, max_size=4))
def test_any_json_lines_give_articles_or_one_line_errors(values):
    data = "\n".join(json.dumps(v) for v in values).encode("utf-8")
    _assert_readable_or_one_line_error(ingest.read_bytes(data, "feed.jsonl", suffix=".jsonl"))


def test_jsonl_text_with_unicode_line_separators_is_one_article(tmp_path):
    path = tmp_path / "seps.jsonl"
    record = {"id": "a1", "text": "The mayor said\u2028 the pier\u0085 would reopen\u2029 in May."}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\r\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article"]
    assert items[0].text == record["text"]


@pytest.mark.parametrize("name", ["README.md", "notes.pdf", "sheet.csv", "letter.docx"])
def test_a_named_file_of_another_kind_is_refused_in_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_text("Title\n\n“The pier is open,” said Ana Brun.\n", encoding="utf-8")
    (error,) = list(read_inputs([str(path)]))
    assert isinstance(error, ingest.InputError) and "not an article file" in error.message


def test_a_named_file_without_a_suffix_is_read_by_its_content(tmp_path):
    path = tmp_path / "pier"
    path.write_text("Pier\n\n“The pier is open,” said Ana Brun.\n", encoding="utf-8")
    (article,) = list(read_inputs([str(path)]))
    assert article.text.startswith("Pier")


HEADLINED = "Ferry to stop in winter\n\nThe ferry between Orlov and Brackwater will stop running in winter.\n"


def test_a_text_file_whose_first_line_is_a_headline_keeps_it_as_the_title(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(HEADLINED, encoding="utf-8")
    (article,) = list(read_inputs([str(path)]))
    assert article.title == "Ferry to stop in winter" and article.text == HEADLINED and article.id == "ferry"


def test_stdin_with_a_headline_gets_a_readable_id():
    (article,) = list(read_inputs(["-"], stdin=io.BytesIO(HEADLINED.encode("utf-8"))))
    assert article.id.startswith("stdin-ferry-to-stop-in-winter-") and article.title == "Ferry to stop in winter"
