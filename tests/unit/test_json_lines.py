"""A bad JSON line is that line's one-line error: the good lines of the same file are still read."""

import json

import pytest

from quotes.errors import JobError
from quotes.evaluate import read_jsonl
from quotes.ingest import InputError, parse_json_line, read_inputs

GOOD = {"id": "harbour", "text": "“We will rebuild the wall,” said Mara Quell, the harbour master of Skellby."}
DEEP = "[" * 100_000
LONG_NUMBER = '{"id": ' + "7" * 4301 + ', "text": "x"}'


@pytest.mark.parametrize("line, reason", [
    (DEEP, "nested too deeply"),
    (LONG_NUMBER, "a number too long to read"),
    ('{"id": "a", "text": ', "Expecting value"),
])
def test_a_bad_line_gives_a_one_line_reason(line, reason):
    with pytest.raises(ValueError, match=reason) as caught:
        parse_json_line(line)
    assert "\n" not in str(caught.value)


def test_the_good_lines_around_bad_ones_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps(GOOD), DEEP, LONG_NUMBER, json.dumps(dict(GOOD, id="ferry"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [a.id for a in items if not isinstance(a, InputError)] == ["harbour", "ferry"]
    errors = [e for e in items if isinstance(e, InputError)]
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3"]


def test_a_gold_file_with_a_bad_line_is_a_one_line_job_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(dict(GOOD, quotes=[])) + "\n" + DEEP + "\n", encoding="utf-8")
    with pytest.raises(JobError, match=r"gold.jsonl:2: invalid JSON \(nested too deeply\)"):
        read_jsonl(path, ("id", "text", "quotes"))


def test_a_field_of_megabytes_is_that_lines_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(dict(GOOD, title="x" * 5_000_000)) + "\n" + json.dumps(dict(GOOD, id="ferry")) + "\n")
    items = list(read_inputs([str(path)]))
    assert [i.id for i in items if not isinstance(i, InputError)] == ["ferry"]
    assert [i.message for i in items if isinstance(i, InputError)] == ['"title" is over 2,000 characters']


def test_a_file_over_its_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import quotes.ingest as ingest

    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 100)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("the file was read"))
    (error,) = list(read_inputs([str(path)]))
    assert isinstance(error, InputError) and "over the limit" in error.message


def test_a_paragraph_no_newsroom_writes_is_refused_before_parsing(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("word " * 20_000)  # 100,000 characters on one line
    (error,) = list(read_inputs([str(path)]))
    assert isinstance(error, InputError) and "a paragraph of 100,000 characters" in error.message
