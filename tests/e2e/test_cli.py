"""The ``quotes`` command line, one command at a time (through typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quotes import store
from quotes.cli import app
from quotes.factcheck import export
from quotes.model import Article, Quote
from quotes.web import serve

OUTPUT_KEYS = set(Quote(text="", start=0, end=0, type="direct").as_output())


def _extract(runner, *args):
    return runner.invoke(app, ["extract", *map(str, args)])


@pytest.fixture
def filled(runner, inputs, db_path):
    """The fixture inputs extracted into db_path by the CLI."""
    result = _extract(runner, inputs, "--db", db_path)
    assert result.exit_code == 0, result.output
    return db_path


# -- extract ------------------------------------------------------------------------------
def test_extract_stores_every_article(filled):
    assert store.open_db(filled)["articles"].count == 2


def test_extract_stores_quotes(filled):
    db = store.open_db(filled)
    assert db.execute("select count(*) from quotes where type = 'direct'").fetchone()[0] >= 2


def test_extract_prints_summary(runner, inputs, db_path):
    result = _extract(runner, inputs, "--db", db_path)
    assert "Summary" in result.stdout and "speakers" in result.stdout


def test_extract_table_lists_quotes(runner, inputs, db_path):
    result = _extract(runner, inputs, "--db", db_path)
    assert "Helena Quist" in result.stdout


def test_extract_twice_stores_nothing_twice(runner, inputs, filled):
    db = store.open_db(filled)
    before = (db["articles"].count, db["quotes"].count, db["speakers"].count)
    _extract(runner, inputs, "--db", filled)
    assert (db["articles"].count, db["quotes"].count, db["speakers"].count) == before


def test_extract_jsonl_contract(runner, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    result = _extract(runner, inputs / "bridge.jsonl", "--format", "jsonl", "--output", out, "--no-store")
    assert result.exit_code == 0, result.output
    text = json.loads((inputs / "bridge.jsonl").read_text(encoding="utf-8"))["text"]
    (line,) = [json.loads(raw) for raw in out.read_text(encoding="utf-8").splitlines()]
    assert set(line) == {"id", "quotes"} and line["id"] == "bridge"
    assert line["quotes"] and all(set(q) == OUTPUT_KEYS for q in line["quotes"])
    assert all(text[q["start"]:q["end"]] == q["quote"] for q in line["quotes"])


def test_extract_jsonl_offsets_index_the_text_file(runner, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    _extract(runner, inputs / "museum.txt", "--format", "jsonl", "--output", out, "--no-store")
    text = (inputs / "museum.txt").read_text(encoding="utf-8")
    (line,) = [json.loads(raw) for raw in out.read_text(encoding="utf-8").splitlines()]
    assert all(text[q["start"]:q["end"]] == q["quote"] for q in line["quotes"])


def test_extract_no_store_writes_no_database(runner, inputs, tmp_path, db_path):
    _extract(runner, inputs, "--format", "jsonl", "--output", tmp_path / "out.jsonl", "--no-store", "--db", db_path)
    assert not db_path.exists()


def test_extract_jsonl_on_stdout_is_only_json(runner, inputs):
    result = _extract(runner, inputs, "--format", "jsonl", "--no-store")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["bridge", "museum"]


def test_extract_reads_stdin(runner, tmp_path):
    from_stdin = "“We strongly condemn the delays,” director Helena Quist said on Monday at the museum.\n"
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl", "--no-store"], input=from_stdin)
    (line,) = [json.loads(raw) for raw in result.stdout.splitlines()]
    assert [q["quote"] for q in line["quotes"]] == ["We strongly condemn the delays,"]


def test_extract_with_unknown_model_is_one_line_error(runner, inputs, db_path):
    result = _extract(runner, inputs, "--db", db_path, "--model", "no_such_model_xx")
    assert result.exit_code == 1 and result.stderr.strip().count("\n") == 0 and "no_such_model_xx" in result.stderr


# -- demo ---------------------------------------------------------------------------------
def test_demo_stores_the_bundled_examples(runner, db_path):
    result = runner.invoke(app, ["demo", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert store.open_db(db_path)["articles"].count == 4


def test_demo_prints_what_it_found(runner, db_path):
    result = runner.invoke(app, ["demo", "--db", str(db_path)])
    assert "Margaret Okonedo" in result.stdout and "Summary" in result.stdout


# -- lookup / speaker / export ------------------------------------------------------------
def test_lookup_prints_quote_speaker_article_date_and_offsets(runner, filled):
    result = runner.invoke(app, ["lookup", "strongly condemn", "--db", str(filled)])
    assert result.exit_code == 0, result.output
    text = (filled.parent.parent / "in" / "museum.txt").read_text(encoding="utf-8")
    start = text.index("We strongly condemn")
    for expected in ("We strongly condemn the delays", "Helena Quist", "museum", "unknown", f"chars {start}–"):
        assert expected in result.stdout


def test_lookup_prints_publication_date(runner, filled):
    result = runner.invoke(app, ["lookup", "cables will not repair", "--db", str(filled)])
    assert "2025-06-05" in result.stdout and "Lars Quist" in result.stdout


def test_lookup_json_lists_matches_with_speaker_and_link(runner, filled):
    result = runner.invoke(app, ["lookup", "strongly condemn", "--json", "--db", str(filled),
                                 "--base-url", "http://127.0.0.1:8001"])
    first = json.loads(result.stdout)[0]
    assert first["speaker"] == "Helena Quist" and first["url"].endswith(f"/-/article?quote={first['quote_id']}")


def test_lookup_without_match_fails_in_one_line(runner, filled):
    result = runner.invoke(app, ["lookup", "zebra crossing referendum", "--db", str(filled)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_speaker_lists_their_quotes(runner, filled):
    result = runner.invoke(app, ["speaker", "helena quist", "--db", str(filled)])
    assert result.exit_code == 0, result.output
    assert "Helena Quist:" in result.stdout and "We strongly condemn the delays" in result.stdout


def test_speaker_json_is_an_array_of_speaker_pages_with_their_quotes(runner, filled):
    result = runner.invoke(app, ["speaker", "helena quist", "--json", "--db", str(filled)])
    (page,) = json.loads(result.stdout)
    quotes = [q["quote"] for article in page["articles"] for q in article["quotes"]]
    assert page["name"] == "Helena Quist" and any(q.startswith("We strongly condemn") for q in quotes)


@pytest.mark.parametrize("args", [["lookup", "strongly condemn"], ["speaker", "helena quist"]])
def test_read_commands_print_csv_one_row_a_quote_with_a_header(runner, filled, args):
    result = runner.invoke(app, [*args, "--csv", "--db", str(filled)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0 and rows and {"quote_id", "quote", "speaker", "article_id"} <= set(rows[0])
    assert any(r["quote"].startswith("We strongly condemn") and r["speaker"] == "Helena Quist" for r in rows)


def test_speaker_unknown_fails(runner, filled):
    result = runner.invoke(app, ["speaker", "Nobody Known", "--db", str(filled)])
    assert result.exit_code == 1 and "Nobody Known" in result.stderr


def test_export_writes_csv_with_headers(runner, filled, tmp_path):
    out = tmp_path / "quotes.csv"
    result = runner.invoke(app, ["export", "--csv", str(out), "--db", str(filled)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == export.HEADERS


def test_export_for_one_speaker(runner, filled, tmp_path):
    out = tmp_path / "quotes.csv"
    runner.invoke(app, ["export", "--csv", str(out), "--speaker", "Lars Quist", "--db", str(filled)])
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["Speaker"] for r in rows} == {"Lars Quist"} and rows[0]["Article"] == "bridge"


def test_export_for_one_article(runner, filled, tmp_path):
    out = tmp_path / "quotes.csv"
    runner.invoke(app, ["export", "--csv", str(out), "--article", "museum", "--db", str(filled)])
    with out.open(encoding="utf-8", newline="") as handle:
        assert {r["Article"] for r in csv.DictReader(handle)} == {"museum"}


def test_export_to_stdout(runner, filled):
    result = runner.invoke(app, ["export", "--csv", "-", "--db", str(filled)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and "We strongly condemn the delays that left the roof in this state," in {r["Quote"] for r in rows}


def test_export_with_no_match_fails(runner, filled, tmp_path):
    out = tmp_path / "quotes.csv"
    result = runner.invoke(app, ["export", "--csv", str(out), "--speaker", "Nobody Known", "--db", str(filled)])
    assert result.exit_code == 1 and not out.exists()


# -- serve --------------------------------------------------------------------------------
def test_serve_runs_datasette_in_process_with_the_metadata(runner, filled, monkeypatch):
    seen = {}

    def fake_run(datasette, sock):
        seen["metadata"] = datasette.metadata()
        seen["address"] = sock.getsockname()
        sock.close()
        return 0

    monkeypatch.setattr(serve, "run", fake_run)
    result = runner.invoke(app, ["serve", "--db", str(filled), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert seen["address"][0] == "127.0.0.1"
    assert seen["metadata"]["databases"]["quotes"]["tables"]["quotes"]["facets"]


def test_serve_fetches_one_page(runner, filled):
    result = runner.invoke(app, ["serve", "--db", str(filled), "--get", "/quotes/quotes.json?_shape=array"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {"text", "start", "end", "speaker_id"} <= set(rows[0])


def test_serve_missing_database_fails(runner, tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "none.db" in result.stderr


# -- evaluate -----------------------------------------------------------------------------
@pytest.fixture
def gold_file(tmp_path):
    from_text = "“We strongly condemn the delays,” director Helena Quist said on Monday at the museum.\n"
    quote = "We strongly condemn the delays,"
    start = from_text.index(quote)
    record = {"id": "gold-1", "text": from_text, "quotes": [
        {"quote": quote, "start": start, "end": start + len(quote), "type": "direct", "speaker": "Helena Quist",
         "mention": "director Helena Quist", "cue": "said", "via": None, "optional": False}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def mention_gold_file(gold_file, tmp_path):
    """The same gold in PolNeAR form: the speaker is a mention span with offsets."""
    record = json.loads(gold_file.read_text(encoding="utf-8"))
    mention = "director Helena Quist"
    start = record["text"].index(mention)
    record["quotes"][0].update(speaker=mention, speaker_start=start, speaker_end=start + len(mention))
    path = tmp_path / "polnear.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_evaluate_prints_report(runner, gold_file):
    result = runner.invoke(app, ["evaluate", str(gold_file)])
    assert result.exit_code == 0, result.output
    assert "articles: 1" in result.stdout and "speaker accuracy" in result.stdout


def test_evaluate_scores_the_gold_quote(runner, gold_file):
    report = json.loads(runner.invoke(app, ["evaluate", str(gold_file), "--json"]).stdout)
    assert report["by_type"]["direct"]["tp"] == 1 and report["speaker_right"] == 1


def test_evaluate_on_two_processes_scores_as_on_one(runner, gold_file, tmp_path):
    record = json.loads(gold_file.read_text(encoding="utf-8"))
    two = tmp_path / "two.jsonl"
    two.write_text("".join(json.dumps(dict(record, id=f"gold-{n}"), ensure_ascii=False) + "\n" for n in (1, 2)),
                   encoding="utf-8")
    reports = [json.loads(runner.invoke(app, ["evaluate", str(two), "--json", "--workers", n]).stdout)
               for n in ("1", "2")]
    assert reports[0] == reports[1] and reports[0]["quotes"]["tp"] == 2


def test_evaluate_types_option(runner, gold_file):
    report = json.loads(runner.invoke(app, ["evaluate", str(gold_file), "--json", "--types", "direct"]).stdout)
    assert list(report["by_type"]) == ["direct"]


def test_evaluate_errors_option_lists_errors(runner, gold_file):
    record = json.loads(gold_file.read_text(encoding="utf-8"))
    record["quotes"][0]["speaker"] = "Somebody Else"
    gold_file.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold_file), "--errors"])
    assert "SPEAKER" in result.stdout and "Somebody Else" in result.stdout


def test_evaluate_polnear_gold_scores_speaker_mentions(runner, mention_gold_file):
    report = json.loads(runner.invoke(app, ["evaluate", str(mention_gold_file), "--json"]).stdout)
    assert report["speaker_right"] == 1


def test_evaluate_unknown_type_fails(runner, gold_file):
    result = runner.invoke(app, ["evaluate", str(gold_file), "--types", "direct,quips"])
    assert result.exit_code == 1 and "quips" in result.stderr


def test_extract_stores_the_metadata_given_for_one_input(runner, tmp_path, db_path):
    text = "Museum roof\n\n“We strongly condemn the delays,” director Helena Quist said on Monday.\n"
    result = runner.invoke(app, ["extract", "-", "--db", str(db_path), "--title", "Museum roof to be mended",
                                 "--url", "https://example.org/roof", "--publisher", "Ostby Tidings",
                                 "--published", "2025-03-14"], input=text)
    assert result.exit_code == 0, result.output
    db = store.open_db(db_path, create=False)
    assert db.execute("select title, url, publisher, published from articles").fetchall() == [
        ("Museum roof to be mended", "https://example.org/roof", "Ostby Tidings", "2025-03-14")]


@pytest.mark.parametrize("one, args, message", [
    (False, ["--title", "One headline"], "--title: for one article only; these inputs hold 2"),
    (True, ["--published", "last Monday"], "is not a date"),
])
def test_extract_refuses_metadata_that_cannot_apply_in_one_line(runner, inputs, db_path, one, args, message):
    result = _extract(runner, inputs / "museum.txt" if one else inputs, "--db", db_path, *args)
    assert result.exit_code == 1 and message in result.stderr and not db_path.exists()


def test_lookup_prints_the_quote_id_and_its_article_page_link(runner, filled):
    result = runner.invoke(app, ["lookup", "strongly condemn", "--db", str(filled),
                                 "--base-url", "http://127.0.0.1:8001"])
    with store.open_db(filled, create=False) as database:
        (qid,) = database.execute("select id from quotes where text like 'We strongly condemn%'").fetchone()
    assert f"id: {qid}, link: http://127.0.0.1:8001/-/article?quote={qid}" in result.stdout


def test_speaker_limit_shows_the_latest_articles_and_says_how_many_earlier_ones_are_left_out(
        runner, db_path, quote_at):
    articles = [Article(id=f"ferry-{day}", title=f"Ferry day {day}", published=f"2025-01-{day:02d}",
                        text=f"Ferry day {day}\n\n“The ferry runs on day {day},” said Oskar Lind.\n")
                for day in (1, 2, 3)]
    db = store.open_db(db_path)
    store.save_extractions(db, [(a, [quote_at(a, f"The ferry runs on day {a.id[-1]}", "direct", "Oskar Lind",
                                              "Oskar Lind")]) for a in articles])
    db.close()
    result = runner.invoke(app, ["speaker", "lind", "--limit", "1", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Oskar Lind: 3 quotes in 3 articles" in result.stdout
    assert "2 earlier articles not shown" in result.stdout
    assert "ferry-3" in result.stdout and "ferry-1" not in result.stdout
