"""Bad inputs, bad databases and user mistakes at the command line.

Each gives a one-line error naming the input, a non-zero exit and no traceback; the other
inputs are still processed and nothing stored before is lost.
"""

from __future__ import annotations

import json

import pytest

from quotes import store
from quotes.cli import app

GOOD = (
    "Harbour fees to rise in Vellin\n"
    "\n"
    "“We have no choice but to raise the fees this spring,” harbour master Oskar Lind said on Monday.\n"
)


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.lower().startswith("error")]


def _assert_one_line_error(result, name: str) -> None:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = _error_lines(result)
    assert len(lines) == 1, result.stderr
    assert name in lines[0]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def earlier(runner, db_path, tmp_path):
    """A database that already holds one article ('earlier')."""
    path = tmp_path / "earlier.txt"
    path.write_text(GOOD.replace("Vellin", "Ostrava"), encoding="utf-8")
    assert runner.invoke(app, ["extract", str(path), "--db", str(db_path)]).exit_code == 0
    return db_path


def _article_ids(db_path) -> set[str]:
    return {row[0] for row in store.open_db(db_path).execute("select id from articles")}


def _run_with(runner, bad, good, db_path):
    return runner.invoke(app, ["extract", str(good), str(bad), "--db", str(db_path)])


# -- bad inputs ---------------------------------------------------------------------------
BAD_INPUTS = {
    "missing": None,
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "empty": b"",
    "undecodable": "Caf\u00e9 owners said the rent had doubled, according to the union.\n".encode("latin-1"),
    "html_without_text": b"<!DOCTYPE html><html><head><title>Vellin Harbour</title></head><body><div></div>"
                         b"<script>window.ads = [];</script></body></html>",
}
SUFFIXES = {"missing": ".txt", "binary": ".txt", "empty": ".txt", "undecodable": ".txt", "html_without_text": ".html"}


@pytest.fixture(params=sorted(BAD_INPUTS))
def bad(request, tmp_path):
    path = tmp_path / f"{request.param}{SUFFIXES[request.param]}"
    if BAD_INPUTS[request.param] is not None:
        path.write_bytes(BAD_INPUTS[request.param])
    return path


def test_bad_input_gives_one_line_error_naming_it(runner, bad, good, db_path):
    _assert_one_line_error(_run_with(runner, bad, good, db_path), bad.name)


def test_bad_input_exit_code_is_1(runner, bad, good, db_path):
    assert _run_with(runner, bad, good, db_path).exit_code == 1


def test_bad_input_does_not_stop_good_ones(runner, bad, good, db_path):
    _run_with(runner, bad, good, db_path)
    assert _article_ids(db_path) == {"good"}


def test_bad_input_loses_nothing_stored_before(runner, bad, good, earlier):
    _run_with(runner, bad, good, earlier)
    assert _article_ids(earlier) == {"earlier", "good"}


@pytest.fixture
def broken_jsonl(tmp_path):
    lines = [
        json.dumps({"id": "first", "text": GOOD}),
        '{"id": "second", "text": "unterminated',
        json.dumps({"id": "third", "text": GOOD.replace("Vellin", "Marsk")}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_invalid_json_line_gives_one_line_error_with_line_number(runner, broken_jsonl, db_path):
    result = runner.invoke(app, ["extract", str(broken_jsonl), "--db", str(db_path)])
    _assert_one_line_error(result, f"{broken_jsonl.name}:2")


def test_invalid_json_line_keeps_the_other_lines(runner, broken_jsonl, db_path):
    runner.invoke(app, ["extract", str(broken_jsonl), "--db", str(db_path)])
    assert _article_ids(db_path) == {"first", "third"}


def test_only_bad_inputs_fail_without_loading_anything(runner, tmp_path, db_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nothing.txt"), "--db", str(db_path)])
    _assert_one_line_error(result, "nothing.txt")


# -- bad databases ------------------------------------------------------------------------
@pytest.fixture
def corrupt_db(tmp_path):
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"not a database, just bytes " * 200)
    return path


def test_extract_into_corrupt_database_fails_in_one_line(runner, good, corrupt_db):
    result = runner.invoke(app, ["extract", str(good), "--db", str(corrupt_db)])
    _assert_one_line_error(result, str(corrupt_db))


def test_extract_into_corrupt_database_leaves_it_untouched(runner, good, corrupt_db):
    runner.invoke(app, ["extract", str(good), "--db", str(corrupt_db)])
    assert corrupt_db.read_bytes() == b"not a database, just bytes " * 200


@pytest.mark.parametrize("command", [["lookup", "fees"], ["speaker", "Lind"], ["export", "--csv", "-"], ["serve"]])
def test_reading_corrupt_database_fails_in_one_line(runner, corrupt_db, command):
    result = runner.invoke(app, [*command, "--db", str(corrupt_db)])
    _assert_one_line_error(result, str(corrupt_db))


@pytest.mark.parametrize("command", [["lookup", "fees"], ["speaker", "Lind"], ["export", "--csv", "-"]])
def test_reading_missing_database_fails_in_one_line(runner, tmp_path, command):
    path = tmp_path / "missing.db"
    result = runner.invoke(app, [*command, "--db", str(path)])
    _assert_one_line_error(result, str(path))
    assert not path.exists()


def test_reading_empty_database_fails_in_one_line(runner, db_path):
    store.open_db(db_path).close()
    result = runner.invoke(app, ["lookup", "fees", "--db", str(db_path)])
    _assert_one_line_error(result, "empty")


def test_reading_zero_byte_database_fails_in_one_line(runner, tmp_path):
    path = tmp_path / "zero.db"
    path.write_bytes(b"")
    result = runner.invoke(app, ["lookup", "fees", "--db", str(path)])
    _assert_one_line_error(result, str(path))


def test_database_path_that_is_a_folder_fails_in_one_line(runner, good, tmp_path):
    result = runner.invoke(app, ["extract", str(good), "--db", str(tmp_path)])
    _assert_one_line_error(result, str(tmp_path))


def test_unwritable_output_fails_in_one_line(runner, good, tmp_path):
    result = runner.invoke(app, ["extract", str(good), "--no-store", "--output", str(tmp_path)])
    _assert_one_line_error(result, str(tmp_path))


# -- user mistakes ------------------------------------------------------------------------
@pytest.mark.parametrize("args, name", [
    (["lookup"], "PHRASE"),
    (["extract"], "PATH"),
    (["extract", "x.txt", "--format", "xml"], "--format"),
    (["export"], "--csv"),
    (["frobnicate"], "frobnicate"),
])
def test_usage_mistake_gives_one_line_error(runner, args, name):
    _assert_one_line_error(runner.invoke(app, args), name)


def test_evaluate_missing_gold_file_fails_in_one_line(runner, tmp_path):
    result = runner.invoke(app, ["evaluate", str(tmp_path / "gold.jsonl")])
    _assert_one_line_error(result, "gold.jsonl")


def test_evaluate_gold_with_invalid_json_fails_in_one_line(runner, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "quotes": []}\n{oops\n', encoding="utf-8")
    _assert_one_line_error(runner.invoke(app, ["evaluate", str(path)]), "gold.jsonl:2")


def test_evaluate_gold_without_text_fails_in_one_line(runner, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "quotes": []}\n', encoding="utf-8")
    _assert_one_line_error(runner.invoke(app, ["evaluate", str(path)]), "text")


@pytest.mark.parametrize("command", [["extract"], ["lookup"], ["check"], ["speaker"], ["speakers", "list"],
                                     ["clusters"], ["export"], ["evaluate"], ["serve"], ["claimreview"]])
def test_help_shows_flags_without_a_value_placeholder(runner, command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "--help" in result.stdout and "<bool>" not in result.stdout
